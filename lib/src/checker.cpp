#include "sdsprofile/checker.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <random>

#include "expander.hpp"
#include "json_text.hpp"
#include "option_bounds.hpp"
#include "record.hpp"
#include "walker.hpp"

namespace sdsprofile {

/// Fills a report (friend of report): text first, views last, so views never dangle.
class report_builder {
 public:
  using spans_type = std::vector<std::pair<std::size_t, std::size_t>>;
  /// `spans` is scratch storage owned by the caller (kept between reports to avoid allocation).
  report_builder(report& r, bool strict, spans_type& spans) : r_(r), spans_(spans) {
    r_.items_.clear();
    r_.text_.clear();
    r_.dropped_errors_ = 0;
    r_.strict_ = strict;
    spans_.clear();
  }
  void add(severity s, code c, std::string_view path, detail::line_column pos, std::size_t offset,
           std::string_view message, std::string_view hint) {
    diagnostic d;
    d.severity = s;
    d.code = c;
    d.line = pos.line;
    d.column = pos.column;
    d.offset = offset;
    r_.items_.push_back(d);
    for (std::string_view part : {path, message, hint}) {
      spans_.push_back({r_.text_.size(), part.size()});
      r_.text_.append(part);
    }
  }
  void set_dropped_errors(std::size_t n) noexcept { r_.dropped_errors_ = n; }
  void finish() {
    const char* text = r_.text_.data();
    for (std::size_t i = 0; i < r_.items_.size(); ++i) {
      auto view = [&](std::size_t k) {
        const auto [at, size] = spans_[i * 3 + k];
        return size == 0 ? std::string_view{} : std::string_view{text + at, size};
      };
      r_.items_[i].path = view(0);
      r_.items_[i].message = view(1);
      r_.items_[i].hint = view(2);
    }
  }

 private:
  report& r_;
  spans_type& spans_;  // (offset, size) in text_ of each item's path, message and hint
};

namespace {

constexpr std::uint32_t k_default_max_diagnostics = 1000;

bool starts_with_bom(std::string_view s) noexcept {
  return s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xef && static_cast<unsigned char>(s[1]) == 0xbb &&
         static_cast<unsigned char>(s[2]) == 0xbf;
}

}  // namespace

struct checker::impl {
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
  void document_failure(std::string_view input, std::size_t offset, code c, std::string_view message,
                        std::string_view hint, std::int32_t n, bool strict);
  void finish(std::string_view input, std::size_t base, const options& opts, std::int64_t now);
};

void checker::impl::document_failure(std::string_view input, std::size_t offset, code c, std::string_view text,
                                     std::string_view help, std::int32_t n, bool strict) {
  // docs/rules.md: json-syntax, json-encoding, json-too-deep and json-too-large are reported alone.
  detail::record r;
  r.id = c;
  r.a = text;
  r.b = help;
  r.n = n;
  detail::format_record(r, {detail::the_model(), 0}, message, hint);
  lines.build(input.substr(0, std::min(input.size(), offset + 1)));
  report_builder b(result, strict, spans);
  b.add(severity::error, c, {}, lines.at(offset), offset, message, hint);
  b.finish();
}

const report& checker::impl::run(std::string_view input, const options& opts) {
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
    switch (scan.failure) {
      case detail::text_failure::syntax:
        document_failure(input, base + scan.offset, code::json_syntax, scan.message, scan.hint, -1, opts.strict);
        break;
      case detail::text_failure::encoding:
        document_failure(input, base + scan.offset, code::json_encoding, scan.message, scan.hint, -1, opts.strict);
        break;
      case detail::text_failure::too_deep:
        document_failure(input, base + scan.offset, code::json_too_deep, scan.message, scan.hint, -1, opts.strict);
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

void checker::impl::finish(std::string_view input, std::size_t base, const options& opts, std::int64_t now) {
  report_builder b(result, opts.strict, spans);
  if (records.empty()) {
    b.finish();
    return;
  }
  // Document order: the position a record points at, key before value, then emission order.
  // Only the kept ones need sorting: select them first (linear), then sort them.
  const auto before = [](const detail::record& x, const detail::record& y) {
    if (x.at_document_start != y.at_document_start) return x.at_document_start;
    if (x.ordinal != y.ordinal) return x.ordinal < y.ordinal;
    if (x.at != y.at) return x.at == detail::anchor::key;
    return x.seq < y.seq;
  };
  const std::uint32_t limit =
      opts.limits.max_diagnostics != 0 ? opts.limits.max_diagnostics : k_default_max_diagnostics;
  if (records.size() > limit) std::nth_element(records.begin(), records.begin() + limit, records.end(), before);
  std::sort(records.begin(), records.begin() + std::min<std::size_t>(records.size(), limit), before);
  const bool truncated = records.size() > limit;
  if (truncated) {
    // Errors past the cut still make the document invalid (report::valid, expand).
    b.set_dropped_errors(static_cast<std::size_t>(std::count_if(
        records.begin() + limit, records.end(), [](const detail::record& r) { return r.level == severity::error; })));
    records.resize(limit);
    detail::record r;
    r.id = code::too_many_diagnostics;
    r.level = severity::warning;
    r.ordinal = 0;
    r.n = static_cast<std::int32_t>(std::min<std::uint32_t>(limit, INT32_MAX));
    records.push_back(r);  // at "" (the whole report), after the kept ones
  }
  requests.clear();
  for (const auto& r : records)
    if (!r.at_document_start) requests.push_back({r.ordinal, r.at});
  std::sort(requests.begin(), requests.end(),
            [](const detail::locate_request& x, const detail::locate_request& y) { return x.ordinal < y.ordinal; });
  paths.clear();
  const std::string_view body = input.substr(base);
  detail::locate(body, requests, paths, locate_buffers);
  lines.build(input);
  const detail::record_text_context text_context{detail::the_model(), now};
  for (const auto& r : records) {
    std::size_t offset = 0;
    std::string_view path;
    if (!r.at_document_start) {
      // Requests are sorted by ordinal; find the one for this record and anchor.
      auto it = std::lower_bound(requests.begin(), requests.end(), r.ordinal,
                                 [](const detail::locate_request& q, std::uint32_t o) { return q.ordinal < o; });
      while (it != requests.end() && it->ordinal == r.ordinal && it->anchor != r.at) ++it;
      if (it != requests.end() && it->ordinal == r.ordinal) {
        offset = base + it->offset;
        if (r.id != code::too_many_diagnostics)
          path = std::string_view(paths).substr(it->path_begin, it->path_end - it->path_begin);
      }
    }
    detail::format_record(r, text_context, message, hint);
    b.add(r.level, r.id, path, lines.at(offset), offset, message, hint);
  }
  b.finish();
}

std::string_view checker::impl::new_uuid_v4() {
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

checker::checker() : impl_(std::make_unique<impl>()) {}
checker::~checker() = default;
checker::checker(checker&&) noexcept = default;
checker& checker::operator=(checker&&) noexcept = default;

const report& checker::check(std::string_view input, const options& opts) noexcept {
  try {
    return impl_->run(input, opts);
  } catch (...) {
    return impl_->out_of_memory(opts.strict);
  }
}

// Out of memory (the only exception the library can meet) is reported as json-too-large.
const report& checker::impl::out_of_memory(bool strict) noexcept {
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

expansion checker::expand(std::string_view input, const expand_options& opts) noexcept {
  options check_options = opts.check;
  if (check_options.check_mode != mode::resource) check_options.check_mode = mode::create;
  const report& r = check(input, check_options);
  impl_->expanded.clear();
  if (!r.valid()) return {r, {}};
  try {
    std::string_view id = opts.id;
    if (id.empty() && check_options.check_mode != mode::resource) id = impl_->new_uuid_v4();
    const std::size_t base = starts_with_bom(input) ? 3 : 0;
    impl_->expander.run(input.substr(base), id, opts.pretty, check_options.check_mode == mode::resource,
                        impl_->expanded);
    return {r, impl_->expanded};
  } catch (...) {
    impl_->expanded.clear();
    return {impl_->out_of_memory(check_options.strict), {}};
  }
}

}  // namespace sdsprofile
