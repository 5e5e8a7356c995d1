// The checker: from bytes to report (HACKING.md "From bytes to report"). simdjson parses into its
// tape; on failure the strict scanner finds what and where; otherwise the walk interprets the
// compiled model over the tape, keeping the best findings, and (for expand) writes the stored
// profile in the same pass. Positions, paths and words are made only for the findings kept.
#include "sdsprofile/checker.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <random>

#if defined(__GLIBC__)
#include <malloc.h>  // malloc_trim
#endif

#include "engine/candidates.hpp"
#include "engine/fixes.hpp"
#include "engine/messages.hpp"
#include "engine/pointers.hpp"
#include "engine/tape.hpp"
#include "engine/walk.hpp"
#include "engine/writer.hpp"
#include "json_text.hpp"
#include "option_bounds.hpp"
#include "report_builder.hpp"
#include "retained.hpp"

namespace sdsprofile {
namespace {

constexpr std::uint32_t k_default_max_diagnostics = 1000;

bool starts_with_bom(std::string_view s) noexcept {
  return s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xef && static_cast<unsigned char>(s[1]) == 0xbb &&
         static_cast<unsigned char>(s[2]) == 0xbf;
}

// The clock of the date rules, clamped to the years 0001-9999 (the range of Edm.Date), so that date
// arithmetic cannot overflow whatever the caller passes.
std::int64_t clock_of(const options& opts) noexcept {
  const std::int64_t now =
      opts.now ? opts.now->time_since_epoch().count()
               : std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                     .count();
  return std::clamp<std::int64_t>(now, detail::earliest_clock, detail::latest_clock);
}

}  // namespace

struct checker::impl {
  simdjson::dom::parser parser;
  std::unique_ptr<char[]> buffer;  // padded copy of the input (simdjson reads past the end)
  std::size_t buffer_capacity = 0;
  engine::walker walker;
  engine::candidates found;
  engine::writer writer;
  std::vector<engine::tape_index> places;      // the kept findings' tape indices, sorted
  std::vector<std::size_t> offsets;            // their byte offsets
  std::vector<engine::pointer_span> pointers;  // their JSON Pointers in `paths`
  engine::pointer_scratch pointer_buffers;
  engine::fixer fixes;
  std::string paths, message, hint;
  detail::line_index lines;
  report_builder::spans_type spans;
  report result;
  std::string id_text;
  std::mt19937_64 random{std::random_device{}()};

  std::string_view new_uuid_v4();
  const report& out_of_memory(bool strict) noexcept;
  void release_outsized() noexcept;

  const report& run(std::string_view input, const options& opts, const expand_options* expanding);
  simdjson::error_code parse(std::string_view body, std::uint32_t depth);
  void document_failure(std::string_view input, std::size_t offset, const engine::payload& what, bool strict,
                        std::string_view hint_instead = {});
  void scan_failure(std::string_view input, std::size_t base, std::uint32_t depth, simdjson::error_code error,
                    bool strict);
  void build_report(std::string_view input, std::size_t base, const options& opts, std::int64_t now);
  void locate(std::string_view input, std::size_t base, std::size_t max_paths_bytes);
  [[nodiscard]] std::size_t place_of(engine::tape_index at) const noexcept;
};

// docs/rules.md "Vocabulary": json-syntax, json-encoding, json-too-deep and json-too-large are
// reported alone, at "", with the position of the failure.
void checker::impl::document_failure(std::string_view input, std::size_t offset, const engine::payload& what,
                                     bool strict, std::string_view hint_instead) {
  engine::word(what, {engine::the_model()}, message, hint);
  if (!hint_instead.empty()) hint.assign(hint_instead);
  lines.build(input.substr(0, std::min(input.size(), offset + 1)));
  report_builder b(result, strict, spans);
  b.add(engine::severity_of(what), engine::code_of(what), {}, lines.at(offset), offset, message, hint);
  b.finish();
}

// Copies the body into the padded buffer and parses it; nesting up to `depth` is accepted.
simdjson::error_code checker::impl::parse(std::string_view body, std::uint32_t depth) {
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
    // simdjson counts a non-empty container at the limit as too deep; docs/rules.md allows nesting
    // up to the limit. The scanner found nothing deeper, so parse again with one level to spare.
    if (parser.allocate(std::max(body.size(), parser.capacity()), depth + 1) != simdjson::SUCCESS)
      throw std::bad_alloc();
    error = parser.parse(buffer.get(), body.size(), false).get(root);
  }
  return error;
}

// The slow path of a document simdjson rejected: the scanner finds what is wrong, and where.
void checker::impl::scan_failure(std::string_view input, std::size_t base, std::uint32_t depth,
                                 simdjson::error_code error, bool strict) {
  const std::string_view body = input.substr(base);
  const auto scan = detail::find_first_failure(body, depth);
  using engine::finding::json_failure;
  // UTF-16 or UTF-32 fails as syntax or encoding: the hint says which it looks like.
  const std::string_view wide = detail::wide_encoding_hint(input);
  switch (scan.failure) {
    case detail::text_failure::syntax:
      document_failure(input, base + scan.offset, json_failure{code::json_syntax, scan.what, {}}, strict, wide);
      return;
    case detail::text_failure::encoding:
      document_failure(input, base + scan.offset, json_failure{code::json_encoding, scan.what, {}}, strict, wide);
      return;
    case detail::text_failure::too_deep:
      document_failure(input, base + scan.offset, json_failure{code::json_too_deep, scan.what, {}}, strict);
      return;
    case detail::text_failure::none:
      break;
  }
  // Grammatical JSON that simdjson cannot represent (RFC 8259 section 9 allows such limits).
  if (error == simdjson::NUMBER_ERROR) {
    const std::size_t at = detail::find_unrepresentable_number(body);
    document_failure(input, base + (at < body.size() ? at : 0),
                     json_failure{code::json_syntax, engine::scan_failure::unrepresentable_number, {}}, strict);
    return;
  }
  document_failure(input, base,
                   json_failure{error == simdjson::DEPTH_ERROR ? code::json_too_deep : code::json_syntax,
                                engine::scan_failure::parser_limit, simdjson::error_message(error)},
                   strict);
}

const report& checker::impl::run(std::string_view input, const options& opts, const expand_options* expanding) {
  const std::uint32_t depth = std::clamp<std::uint32_t>(opts.limits.max_depth, 1, detail::max_depth_cap);
  const std::int64_t now = clock_of(opts);
  if (input.size() > opts.limits.max_bytes) {
    document_failure(input, opts.limits.max_bytes, engine::finding::too_large{opts.limits.max_bytes}, opts.strict);
    return result;
  }
  const std::size_t base = starts_with_bom(input) ? 3 : 0;
  const std::string_view body = input.substr(base);
  if (const simdjson::error_code error = parse(body, depth)) {
    scan_failure(input, base, depth, error, opts.strict);
    return result;
  }
  const std::uint32_t count_limit =
      opts.limits.max_diagnostics != 0 ? opts.limits.max_diagnostics : k_default_max_diagnostics;
  found.reset(count_limit);
  engine::writer* w = nullptr;
  if (expanding != nullptr) {
    std::string_view id = expanding->id;
    if (id.empty() && opts.check_mode != mode::resource) id = new_uuid_v4();
    writer.reset(expanding->pretty, id, opts.check_mode == mode::resource, body, parser);
    w = &writer;
  }
  walker.run(engine::tape(parser), opts.check_mode, now, found, w);
  if (w != nullptr) w->finish();
  if (base != 0) found.add({0, UINT32_MAX, engine::finding::bom{}});  // at the document start
  build_report(input, base, opts, now);
  return result;
}

// The tape indices of the kept findings, and of the root (where too-many-diagnostics points), with
// their byte offsets and JSON Pointers; pointers written within `max_paths_bytes`.
void checker::impl::locate(std::string_view input, std::size_t base, std::size_t max_paths_bytes) {
  places.clear();
  places.push_back(engine::tape::root);
  for (const engine::located& f : found.sorted()) places.push_back(f.at);
  std::sort(places.begin(), places.end());
  places.erase(std::unique(places.begin(), places.end()), places.end());
  offsets.resize(places.size());
  pointers.resize(places.size());
  engine::structural_positions(parser, input.substr(base)).offsets(places, offsets);
  for (std::size_t k = 0; k < places.size(); ++k) offsets[k] = places[k] == 0 ? 0 : base + offsets[k];
  paths.clear();
  engine::pointers(engine::tape(parser), places, paths, pointers, pointer_buffers, max_paths_bytes);
}

std::size_t checker::impl::place_of(engine::tape_index at) const noexcept {
  return static_cast<std::size_t>(std::lower_bound(places.begin(), places.end(), at) - places.begin());
}

// docs/rules.md "Limits and safety": the first max_diagnostics findings in document order, as long
// as their text (paths, messages, hints) fits in max_report_bytes; past either limit one
// too-many-diagnostics warning at "" names it. Errors left out still make the document invalid.
void checker::impl::build_report(std::string_view input, std::size_t base, const options& opts, std::int64_t now) {
  report_builder b(result, opts.strict, spans);
  if (found.empty() && found.dropped() == 0) {
    b.finish();
    return;
  }
  const std::uint32_t count_limit =
      opts.limits.max_diagnostics != 0 ? opts.limits.max_diagnostics : k_default_max_diagnostics;
  const std::size_t bytes_limit =
      opts.limits.max_report_bytes != 0 ? opts.limits.max_report_bytes : limits{}.max_report_bytes;
  locate(input, base, bytes_limit);
  lines.build(input.substr(0, std::min(input.size(), *std::max_element(offsets.begin(), offsets.end()) + 1)));
  const engine::word_context words{engine::the_model(), now, count_limit, bytes_limit};
  std::size_t dropped_errors = found.dropped_errors(), text_bytes = 0;
  bool cut_by_bytes = false;
  const std::span<engine::located> kept = found.sorted();
  fixes.reset(input, engine::tape(parser), engine::the_model());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const std::size_t k = place_of(kept[i].at);
    const engine::pointer_span where = pointers[k];
    engine::word(kept[i].what, words, message, hint);
    const engine::fix_outcome fix = fixes.fix(kept[i], offsets[k]);
    engine::word_held_back(fix.why, fix.name, hint);
    const auto fix_edits = fixes.edits().subspan(fix.first, fix.count);
    std::size_t fix_bytes = 0;
    for (const auto& e : fix_edits) fix_bytes += e.text_size;
    const std::size_t size =
        (where.over_budget() ? 0 : where.end - where.begin) + message.size() + hint.size() + fix_bytes;
    if (where.over_budget() || size > bytes_limit - text_bytes) {
      cut_by_bytes = true;
      for (std::size_t j = i; j < kept.size(); ++j)
        dropped_errors += engine::severity_of(kept[j].what) == severity::error ? 1 : 0;
      break;
    }
    text_bytes += size;
    const std::string_view path = std::string_view(paths).substr(where.begin, where.end - where.begin);
    b.add(engine::severity_of(kept[i].what), engine::code_of(kept[i].what), path, lines.at(offsets[k]), offsets[k],
          message, hint, fix_edits, fixes.text());
  }
  if (cut_by_bytes || found.dropped() > 0) {
    const engine::payload too_many = engine::finding::too_many_diagnostics{cut_by_bytes};
    engine::word(too_many, words, message, hint);
    const std::size_t root = offsets[place_of(engine::tape::root)];
    b.add(severity::warning, code::too_many_diagnostics, {}, lines.at(root), root, message, hint);
  }
  b.set_dropped_errors(dropped_errors);
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

// After an outsized document (retained.hpp), the buffers it grew are released: the parser's, the
// padded copy, the walk's and the writer's scratch, the locator's. The report and the expansion
// the caller holds stay; the report's text is bounded by limits::max_report_bytes.
void checker::impl::release_outsized() noexcept {
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
  released |= walker.release_outsized() | writer.release_outsized() | fixes.release_outsized();
  released |= detail::release_outsized(found.storage()) | detail::release_outsized(places);
  released |= detail::release_outsized(offsets) | detail::release_outsized(pointers);
  released |= detail::release_outsized(pointer_buffers.stack) | detail::release_outsized(pointer_buffers.current);
  released |= detail::release_outsized(paths) | detail::release_outsized(lines.storage());
  released |= detail::release_outsized(spans) | detail::release_outsized(message) | detail::release_outsized(hint);
#if defined(__GLIBC__)
  if (released) ::malloc_trim(0);  // give the freed pages back to the system, not only to malloc
#endif
}

const report& checker::check(std::string_view input, const options& opts) noexcept {
  try {
    const report& r = impl_->run(input, opts, nullptr);
    impl_->release_outsized();
    return r;
  } catch (...) {
    return impl_->out_of_memory(opts.strict);
  }
}

// Out of memory (the only exception the library can meet) is reported as json-too-large.
const report& checker::impl::out_of_memory(bool strict) noexcept {
  try {
    document_failure({}, 0, engine::finding::out_of_memory{}, strict);
  } catch (...) {
    result = report{};
  }
  return result;
}

expansion checker::expand(std::string_view input, const expand_options& opts) noexcept {
  options check_options = opts.check;
  if (check_options.check_mode != mode::resource) check_options.check_mode = mode::create;
  impl_->writer.release_outsized_text();  // the previous outsized expansion, no longer shown
  try {
    const report& r = impl_->run(input, check_options, &opts);
    impl_->release_outsized();
    return {r, r.valid() ? impl_->writer.text() : std::string_view{}};
  } catch (...) {
    return {impl_->out_of_memory(check_options.strict), {}};
  }
}

}  // namespace sdsprofile
