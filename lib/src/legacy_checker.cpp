// The engine the compiled core replaced, kept only until the differential test
// (tests/differential_test.cpp) has shown identical reports and expansions on every input: the
// recursive DOM walker (walker.cpp), records (record.hpp, messages.cpp), the text locator
// (json_text.cpp locate) and the text expander (expander.cpp). Not part of the library's API.
#include "legacy_checker.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <random>

#if defined(__GLIBC__)
#include <malloc.h>  // malloc_trim
#endif

#include "engine/messages.hpp"
#include "expander.hpp"
#include "json_text.hpp"
#include "option_bounds.hpp"
#include "record.hpp"
#include "report_builder.hpp"
#include "retained.hpp"
#include "walker.hpp"

namespace sdsprofile::detail {
using sdsprofile::report_builder;

namespace {

constexpr std::uint32_t k_default_max_diagnostics = 1000;

bool starts_with_bom(std::string_view s) noexcept {
  return s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xef && static_cast<unsigned char>(s[1]) == 0xbb &&
         static_cast<unsigned char>(s[2]) == 0xbf;
}

}  // namespace

struct legacy_checker::state {
  simdjson::dom::parser parser;
  std::unique_ptr<char[]> buffer;  // padded copy of the input (simdjson reads past the end)
  std::size_t buffer_capacity = 0;
  detail::walker walker;
  std::vector<detail::record> records;
  std::vector<detail::locate_request> requests;
  detail::locate_scratch locate_buffers;
  std::string paths, message, hint;
  detail::line_index lines;
  report_builder::spans_type spans;
  report result;
  detail::expander expander;
  std::string expanded;
  std::string id_text;
  std::mt19937_64 random{std::random_device{}()};

  std::string_view new_uuid_v4();
  const report& out_of_memory(bool strict) noexcept;

  const report& run(std::string_view input, const options& opts);
  void release_outsized() noexcept;
  void document_failure(std::string_view input, std::size_t offset, code c, std::string_view message,
                        std::string_view hint, std::int32_t n, bool strict);
  void finish(std::string_view input, std::size_t base, const options& opts, std::int64_t now);
  std::size_t keep_in_document_order(std::uint32_t limit, std::size_t& dropped_errors);
  [[nodiscard]] std::size_t count_errors(std::size_t from, std::size_t to) const noexcept;
  void locate_kept(std::string_view body, std::size_t kept, std::size_t max_paths_bytes);
  [[nodiscard]] const detail::locate_request* request_at(std::uint32_t ordinal, detail::anchor at) const noexcept;
};

void legacy_checker::state::document_failure(std::string_view input, std::size_t offset, code c, std::string_view text,
                                             std::string_view help, std::int32_t n, bool strict) {
  // docs/rules.md: json-syntax, json-encoding, json-too-deep and json-too-large are reported alone.
  detail::record r;
  r.id = c;
  r.a = text;
  r.b = help;
  r.n = n;
  detail::format_record(r, {detail::the_model(), 0, 0, 0}, message, hint);  // (the legacy engine's words)
  lines.build(input.substr(0, std::min(input.size(), offset + 1)));
  report_builder b(result, strict, spans);
  b.add(severity::error, c, {}, lines.at(offset), offset, message, hint);
  b.finish();
}

const report& legacy_checker::state::run(std::string_view input, const options& opts) {
  const std::uint32_t depth = std::clamp<std::uint32_t>(opts.limits.max_depth, 1, detail::max_depth_cap);
  // The clock is clamped to years 0001-9999 (the range of Edm.Date), so date arithmetic cannot
  // overflow whatever the caller passes.
  const std::int64_t now = std::clamp<std::int64_t>(
      opts.now ? opts.now->time_since_epoch().count()
               : std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                     .count(),
      detail::earliest_clock, detail::latest_clock);
  if (input.size() > opts.limits.max_bytes) {
    document_failure(input, opts.limits.max_bytes, code::json_too_large, {}, {},
                     static_cast<std::int32_t>(std::min<std::size_t>(opts.limits.max_bytes, INT32_MAX)), opts.strict);
    return result;
  }
  const std::size_t base = starts_with_bom(input) ? 3 : 0;
  const std::string_view body = input.substr(base);

  if (buffer_capacity < body.size() + simdjson::SIMDJSON_PADDING) {
    buffer_capacity = std::max(body.size() + simdjson::SIMDJSON_PADDING, buffer_capacity * 2);
    buffer = std::make_unique<char[]>(buffer_capacity);
  }
  if (!body.empty()) std::memcpy(buffer.get(), body.data(), body.size());
  std::memset(buffer.get() + body.size(), 0, simdjson::SIMDJSON_PADDING);
  if (parser.max_depth() != depth || parser.capacity() < body.size()) {
    if (parser.allocate(std::max(body.size(), parser.capacity()), depth) != simdjson::SUCCESS) throw std::bad_alloc();
  }

  simdjson::dom::element root;
  auto error = parser.parse(buffer.get(), body.size(), false).get(root);
  if (error == simdjson::DEPTH_ERROR && detail::find_first_failure(body, depth).failure == detail::text_failure::none) {
    // simdjson counts a non-empty container at the limit as too deep; docs/rules.md allows nesting up
    // to the limit. The scanner found nothing deeper, so parse again with one level to spare.
    if (parser.allocate(std::max(body.size(), parser.capacity()), depth + 1) != simdjson::SUCCESS)
      throw std::bad_alloc();
    error = parser.parse(buffer.get(), body.size(), false).get(root);
  }
  if (error) {
    // Slow path: find what is wrong, and where.
    const auto scan = detail::find_first_failure(body, depth);
    const std::string_view wide = detail::wide_encoding_hint(input);
    switch (scan.failure) {
      case detail::text_failure::syntax:
        document_failure(input, base + scan.offset, code::json_syntax, engine::words_of(scan.what).message,
                         wide.empty() ? engine::words_of(scan.what).hint : wide, -1, opts.strict);
        break;
      case detail::text_failure::encoding:
        document_failure(input, base + scan.offset, code::json_encoding, engine::words_of(scan.what).message,
                         wide.empty() ? engine::words_of(scan.what).hint : wide, -1, opts.strict);
        break;
      case detail::text_failure::too_deep:
        document_failure(input, base + scan.offset, code::json_too_deep, engine::words_of(scan.what).message,
                         engine::words_of(scan.what).hint, -1, opts.strict);
        break;
      case detail::text_failure::none: {
        // Grammatical JSON that simdjson cannot represent (RFC 8259 section 9 allows such limits).
        const bool number = error == simdjson::NUMBER_ERROR;
        const std::size_t at = number ? detail::find_unrepresentable_number(body) : 0;
        document_failure(
            input, base + (at < body.size() ? at : 0),
            error == simdjson::DEPTH_ERROR ? code::json_too_deep : code::json_syntax,
            number ? std::string_view{"A number is outside the range this parser can represent."}
                   : std::string_view{simdjson::error_message(error)},
            number ? std::string_view{"Integers must fit in 64 bits and numbers in a double."} : std::string_view{}, -1,
            opts.strict);
        break;
      }
    }
    return result;
  }

  records.clear();
  walker.run(root, opts.check_mode, now, records);
  if (base != 0) {
    detail::record r;
    r.id = code::json_bom;
    r.level = severity::warning;
    r.at_document_start = true;
    records.push_back(r);
  }
  finish(input, base, opts, now);
  return result;
}

// The records kept by the diagnostic limit, first in document order: the position a record points
// at, key before value, then emission order. Only the kept ones are sorted (selected first, in
// linear time). Returns how many are kept; the errors past the cut are added to `dropped_errors`.
std::size_t legacy_checker::state::keep_in_document_order(std::uint32_t limit, std::size_t& dropped_errors) {
  const auto before = [](const detail::record& x, const detail::record& y) {
    if (x.at_document_start != y.at_document_start) return x.at_document_start;
    if (x.ordinal != y.ordinal) return x.ordinal < y.ordinal;
    if (x.at != y.at) return x.at == detail::anchor::key;
    return x.seq < y.seq;
  };
  const std::size_t kept = std::min<std::size_t>(records.size(), limit);
  if (records.size() > kept) std::nth_element(records.begin(), records.begin() + kept, records.end(), before);
  std::sort(records.begin(), records.begin() + kept, before);
  dropped_errors += count_errors(kept, records.size());
  return kept;
}

std::size_t legacy_checker::state::count_errors(std::size_t from, std::size_t to) const noexcept {
  return static_cast<std::size_t>(std::count_if(records.begin() + from, records.begin() + to,
                                                [](const detail::record& r) { return r.level == severity::error; }));
}

// The offset and JSON Pointer of each of the first `kept` records (one pass over the text); the
// pointers written are bounded by `max_paths_bytes`.
void legacy_checker::state::locate_kept(std::string_view body, std::size_t kept, std::size_t max_paths_bytes) {
  requests.clear();
  requests.push_back({0, detail::anchor::value});  // the root value: where too-many-diagnostics points
  for (std::size_t i = 0; i < kept; ++i)
    if (!records[i].at_document_start) requests.push_back({records[i].ordinal, records[i].at});
  std::sort(requests.begin(), requests.end(),
            [](const detail::locate_request& x, const detail::locate_request& y) { return x.ordinal < y.ordinal; });
  paths.clear();
  detail::locate(body, requests, paths, locate_buffers, max_paths_bytes);
}

// The located request for `ordinal` and `at` (requests are sorted by ordinal), or null.
const detail::locate_request* legacy_checker::state::request_at(std::uint32_t ordinal,
                                                                detail::anchor at) const noexcept {
  auto it = std::lower_bound(requests.begin(), requests.end(), ordinal,
                             [](const detail::locate_request& q, std::uint32_t o) { return q.ordinal < o; });
  while (it != requests.end() && it->ordinal == ordinal && it->anchor != at) ++it;
  return it != requests.end() && it->ordinal == ordinal ? &*it : nullptr;
}

// docs/rules.md "Limits and safety": the first max_diagnostics diagnostics in document order, as
// long as their text (paths, messages, hints) fits in max_report_bytes; past either limit one
// too-many-diagnostics warning at "" names it. Errors left out still make the document invalid.
void legacy_checker::state::finish(std::string_view input, std::size_t base, const options& opts, std::int64_t now) {
  report_builder b(result, opts.strict, spans);
  if (records.empty()) {
    b.finish();
    return;
  }
  const std::uint32_t count_limit =
      opts.limits.max_diagnostics != 0 ? opts.limits.max_diagnostics : k_default_max_diagnostics;
  const std::size_t bytes_limit =
      opts.limits.max_report_bytes != 0 ? opts.limits.max_report_bytes : limits{}.max_report_bytes;
  std::size_t dropped_errors = 0;
  const std::size_t kept = keep_in_document_order(count_limit, dropped_errors);
  locate_kept(input.substr(base), kept, bytes_limit);
  lines.build(input);
  const detail::record_text_context text_context{detail::the_model(), now, count_limit, bytes_limit};
  std::size_t text_bytes = 0;
  bool cut_by_bytes = false;
  for (std::size_t i = 0; i < kept && !cut_by_bytes; ++i) {
    const detail::record& r = records[i];
    const detail::locate_request* q = r.at_document_start ? nullptr : request_at(r.ordinal, r.at);
    const std::size_t offset = q != nullptr ? base + q->offset : 0;
    std::string_view path;
    if (q != nullptr && q->path_begin != detail::path_over_budget)
      path = std::string_view(paths).substr(q->path_begin, q->path_end - q->path_begin);
    detail::format_record(r, text_context, message, hint);
    const std::size_t size = path.size() + message.size() + hint.size();
    cut_by_bytes = (q != nullptr && q->path_begin == detail::path_over_budget) || size > bytes_limit - text_bytes;
    if (cut_by_bytes) {
      dropped_errors += count_errors(i, kept);
    } else {
      text_bytes += size;
      b.add(r.level, r.id, path, lines.at(offset), offset, message, hint);
    }
  }
  if (cut_by_bytes || kept < records.size()) {
    detail::record r;
    r.id = code::too_many_diagnostics;
    r.level = severity::warning;
    r.variant = cut_by_bytes ? detail::too_many_report_bytes : detail::too_many_diagnostic_count;
    detail::format_record(r, text_context, message, hint);
    const detail::locate_request* root = request_at(0, detail::anchor::value);
    const std::size_t offset = root != nullptr ? base + root->offset : 0;
    b.add(r.level, r.id, {}, lines.at(offset), offset, message, hint);  // at "", after the kept ones
  }
  b.set_dropped_errors(dropped_errors);
  b.finish();
}

std::string_view legacy_checker::state::new_uuid_v4() {
  static constexpr char hex[] = "0123456789abcdef";
  std::uint64_t hi = random(), lo = random();
  hi = (hi & ~std::uint64_t{0xf000}) | 0x4000;                           // version 4
  lo = (lo & ~(std::uint64_t{0xc} << 60)) | (std::uint64_t{0x8} << 60);  // RFC 4122 variant
  id_text.clear();
  for (int i = 0; i < 32; ++i) {
    const std::uint64_t word = i < 16 ? hi : lo;
    id_text += hex[(word >> (60 - 4 * (i % 16))) & 0xf];
    if (i == 7 || i == 11 || i == 15 || i == 19) id_text += '-';
  }
  return id_text;
}

legacy_checker::legacy_checker() : impl_(std::make_unique<state>()) {}
legacy_checker::~legacy_checker() = default;

// After an outsized document (retained.hpp), the buffers it grew are released: the parser's, the
// padded copy, the scratch of the walk, the locator and the expander. The report and the
// expansion the caller holds stay; the report's text is bounded by limits::max_report_bytes.
void legacy_checker::state::release_outsized() noexcept {
  bool released = false;
  if (buffer_capacity > detail::retained_bytes) {
    buffer.reset();
    buffer_capacity = 0;
    released = true;
  }
  if (parser.capacity() > detail::retained_bytes) {
    parser = simdjson::dom::parser{};
    released = true;
  }
  released |= walker.release_outsized() | expander.release_outsized();
  released |= detail::release_outsized(records) | detail::release_outsized(requests);
  released |= detail::release_outsized(paths) | detail::release_outsized(locate_buffers.pointer);
  released |= detail::release_outsized(locate_buffers.frames) | detail::release_outsized(lines.storage());
  released |= detail::release_outsized(spans) | detail::release_outsized(message) | detail::release_outsized(hint);
#if defined(__GLIBC__)
  if (released) ::malloc_trim(0);  // give the freed pages back to the system, not only to malloc
#endif
}

const report& legacy_checker::check(std::string_view input, const options& opts) noexcept {
  try {
    const report& r = impl_->run(input, opts);
    impl_->release_outsized();
    return r;
  } catch (...) {
    return impl_->out_of_memory(opts.strict);
  }
}

// Out of memory (the only exception the library can meet) is reported as json-too-large.
const report& legacy_checker::state::out_of_memory(bool strict) noexcept {
  try {
    report_builder::spans_type no_spans;
    report_builder b(result, strict, no_spans);
    b.add(severity::error, code::json_too_large, {}, {}, 0,
          "The input could not be checked: not enough memory for a document of this size.", {});
    b.finish();
  } catch (...) {
    result = report{};
  }
  return result;
}

expansion legacy_checker::expand(std::string_view input, const expand_options& opts) noexcept {
  options check_options = opts.check;
  if (check_options.check_mode != mode::resource) check_options.check_mode = mode::create;
  const report& r = check(input, check_options);
  impl_->expanded.clear();
  detail::release_outsized(impl_->expanded);  // the previous outsized expansion, no longer shown
  if (!r.valid()) return {r, {}};
  try {
    std::string_view id = opts.id;
    if (id.empty() && check_options.check_mode != mode::resource) id = impl_->new_uuid_v4();
    const std::size_t base = starts_with_bom(input) ? 3 : 0;
    impl_->expander.run(input.substr(base), id, opts.pretty, check_options.check_mode == mode::resource,
                        impl_->expanded);
    impl_->release_outsized();
    return {r, impl_->expanded};
  } catch (...) {
    impl_->expanded.clear();
    return {impl_->out_of_memory(check_options.strict), {}};
  }
}

}  // namespace sdsprofile::detail
