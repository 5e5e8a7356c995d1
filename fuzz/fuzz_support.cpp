#include "fuzz_support.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

#include <fmt/format.h>

namespace sdsprofile::fuzz {
namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

bool is_document_level(code c) {
  return c == code::json_syntax || c == code::json_encoding || c == code::json_too_deep || c == code::json_too_large;
}

// Offsets where lines start, by docs/rules.md's definition (lines end at LF, CRLF or CR), computed the
// obvious way, independently of the library's line index.
std::vector<std::size_t> line_starts(std::string_view s) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    if (s[i] == '\n' || s[i] == '\r') starts.push_back(i + 1);
  }
  return starts;
}

// 1-based line and byte column of `offset`; the LF of a CRLF belongs to the CR's line.
std::pair<std::uint32_t, std::uint32_t> line_column(const std::vector<std::size_t>& starts, std::size_t offset) {
  const auto next = std::upper_bound(starts.begin(), starts.end(), offset);
  const auto line = static_cast<std::size_t>(next - starts.begin());
  return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(offset - starts[line - 1] + 1)};
}

bool is_json_pointer(std::string_view p) {
  if (!p.empty() && p[0] != '/') return false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] == '~' && (i + 1 == p.size() || (p[i + 1] != '0' && p[i + 1] != '1'))) return false;
  return true;
}

std::string last_reference_token(std::string_view p) {
  std::string out;
  const std::string_view token = p.substr(p.rfind('/') + 1);
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~') {
      out += token[++i] == '0' ? '~' : '/';
    } else {
      out += token[i];
    }
  }
  return out;
}

bool has_duplicate_names(simdjson::dom::element e) {
  using simdjson::dom::element_type;
  if (e.type() == element_type::OBJECT) {
    std::set<std::string_view> seen;
    for (auto member : simdjson::dom::object(e.get_object().value_unsafe())) {
      if (!seen.insert(member.key).second || has_duplicate_names(member.value)) return true;
    }
  } else if (e.type() == element_type::ARRAY) {
    for (auto item : simdjson::dom::array(e.get_array().value_unsafe()))
      if (has_duplicate_names(item)) return true;
  }
  return false;
}

// Nesting depth of `e` as docs/rules.md counts it: every object and array is a level, the root 1.
std::uint32_t nesting_depth(simdjson::dom::element e) {
  using simdjson::dom::element_type;
  std::uint32_t deepest = 0;
  if (e.type() == element_type::OBJECT) {
    for (auto member : simdjson::dom::object(e.get_object().value_unsafe()))
      deepest = std::max(deepest, nesting_depth(member.value));
  } else if (e.type() == element_type::ARRAY) {
    for (auto item : simdjson::dom::array(e.get_array().value_unsafe()))
      deepest = std::max(deepest, nesting_depth(item));
  } else {
    return 0;
  }
  return deepest + 1;
}

// Whether `body[at]` starts the value `e`, or a member name equal to the path's last token.
bool anchors(std::string_view body, std::size_t at, simdjson::dom::element e, std::string_view path) {
  using simdjson::dom::element_type;
  const char first = body[at];
  if (first == '"' && !path.empty()) {
    // A member name is followed by ':'; decode it with simdjson and compare.
    std::size_t end = at + 1;
    while (end < body.size() && body[end] != '"') end += body[end] == '\\' ? 2 : 1;
    std::size_t after = end + 1;
    while (after < body.size() && std::strchr(" \t\r\n", body[after]) != nullptr && body[after] != '\0') ++after;
    if (end < body.size() && after < body.size() && body[after] == ':') {
      static simdjson::dom::parser parser;
      const simdjson::padded_string name_text(body.substr(at, end + 1 - at));
      std::string_view name;
      if (parser.parse(name_text).get_string().get(name)) return false;
      return name == last_reference_token(path);
    }
  }
  switch (e.type()) {
    case element_type::OBJECT:
      return first == '{';
    case element_type::ARRAY:
      return first == '[';
    case element_type::STRING:
      return first == '"';
    case element_type::BOOL:
      return first == 't' || first == 'f';
    case element_type::NULL_VALUE:
      return first == 'n';
    default:
      return first == '-' || (first >= '0' && first <= '9');
  }
}

checker& checker_a() {
  static checker c;
  return c;
}
checker& checker_b() {
  static checker c;
  return c;
}

}  // namespace

fuzz_input split_input(const std::uint8_t* data, std::size_t size) noexcept {
  if (size == 0) return {};
  return {data[0], std::string_view(reinterpret_cast<const char*>(data + 1), size - 1)};
}

options options_from_selector(std::uint8_t selector) noexcept {
  options o;
  const unsigned mode_bits = selector & 3u;
  const unsigned amount = (selector >> 4) & 7u;
  o.check_mode = mode_bits == 3 ? mode::create : static_cast<mode>(mode_bits);
  o.strict = (selector & 4u) != 0;
  o.now = mode_bits == 3 ? timestamp{std::chrono::seconds{253402300799}}  // 9999-12-31T23:59:59Z
                         : timestamp{std::chrono::seconds{1767225600}};   // 2026-01-01T00:00:00Z
  if (selector & 8u) o.limits.max_diagnostics = 1 + 3 * amount;
  if (selector & 0x80u) o.limits.max_depth = 1 + 2 * amount;
  if ((selector & 0x88u) == 0x88u) o.limits.max_bytes = 1024;
  return o;
}

void fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "ORACLE VIOLATED: %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::fflush(stderr);
  std::abort();
}

std::vector<owned_diagnostic> owned_copy(const report& r) {
  std::vector<owned_diagnostic> out;
  for (const diagnostic& d : r.diagnostics())
    out.push_back({d.severity, d.code, std::string(d.path), std::string(d.message), std::string(d.hint), d.line,
                   d.column, d.offset});
  return out;
}

std::string describe(const diagnostic& d) {
  return fmt::format("{} at '{}' {}:{} (offset {}): {}", to_string(d.code), d.path, d.line, d.column, d.offset,
                     d.message);
}

void verify_report(std::string_view input, const options& opts, const report& r) {
  const auto diagnostics = r.diagnostics();
  std::size_t errors = 0;
  for (const diagnostic& d : diagnostics) errors += d.severity == severity::error;
  if (r.error_count() != errors || r.warning_count() != diagnostics.size() - errors) fail("counts disagree");
  const bool expect_valid = errors == 0 && r.dropped_error_count() == 0 && (!opts.strict || diagnostics.empty());
  if (r.valid() != expect_valid) fail("valid() disagrees with the severities");
  if (r.strict() != opts.strict) fail("strict() differs from the options");

  const std::size_t limit = opts.limits.max_diagnostics != 0 ? opts.limits.max_diagnostics : 1000;  // 0: default
  if (diagnostics.size() > limit + 1) fail("more diagnostics than the limit", std::to_string(diagnostics.size()));
  const bool has_bom = input.starts_with(bom);
  const std::vector<std::size_t> starts = line_starts(input);
  bool document_level = false;
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const diagnostic& d = diagnostics[i];
    if (static_cast<std::size_t>(d.code) >= code_count) fail("code out of range");
    if (d.offset > input.size()) fail("offset past the end of the input", describe(d));
    const auto [line, column] = line_column(starts, d.offset);
    if (d.line != line || d.column != column)
      fail("line and column disagree with the offset", fmt::format("{}; expected {}:{}", describe(d), line, column));
    if (!is_json_pointer(d.path)) fail("path is not a JSON Pointer", describe(d));
    if (d.message.empty()) fail("empty message", describe(d));
    for (std::string_view text : {d.path, d.message, d.hint})
      if (!simdjson::validate_utf8(text.data(), text.size())) fail("text is not UTF-8", describe(d));
    const code_info& info = all_codes()[static_cast<std::size_t>(d.code)];
    if (d.severity != info.default_severity && d.code != code::empty_collection)
      fail("severity differs from the code's", describe(d));
    if (d.code == code::too_many_diagnostics) {
      if (i + 1 != diagnostics.size() || diagnostics.size() != limit + 1 || !d.path.empty())
        fail("too-many-diagnostics is not last at ''", describe(d));
    } else if (i > 0 && d.offset < diagnostics[i - 1].offset && diagnostics[i - 1].code != code::json_bom) {
      fail("not in document order", describe(diagnostics[i - 1]) + " then " + describe(d));
    }
    if (fuzz::is_document_level(d.code)) {  // the oracle's own, not the library's
      document_level = true;
      if (diagnostics.size() != 1 || !d.path.empty() || d.severity != severity::error)
        fail("document-level code not alone at ''", describe(d));
    }
    if (d.code == code::json_bom && (!has_bom || i != 0 || d.offset != 0 || !d.path.empty()))
      fail("json-bom without a BOM at offset 0", describe(d));
  }
  if (input.size() > opts.limits.max_bytes) {
    if (diagnostics.size() != 1 || diagnostics[0].code != code::json_too_large)
      fail("oversized input not json-too-large");
    return;
  }

  // Everything else needs the document: simdjson is the reference parser.
  const std::size_t base = has_bom ? bom.size() : 0;
  const std::string_view body = input.substr(base);
  static simdjson::dom::parser parser(64u << 20);
  const simdjson::padded_string padded(body);
  simdjson::dom::element root;
  if (const auto error = parser.parse(padded).get(root)) {
    if (error != simdjson::DEPTH_ERROR && !document_level)
      fail("simdjson rejects the input but no document-level code", simdjson::error_message(error));
    return;
  }
  for (const diagnostic& d : diagnostics)
    if (d.code == code::json_syntax || d.code == code::json_encoding)
      fail("JSON that simdjson accepts reported as a syntax or encoding error", describe(d));
  // The depth limit, exactly: nesting up to max_depth (clamped to 1..1024) is accepted.
  const std::uint32_t limit_depth = std::clamp<std::uint32_t>(opts.limits.max_depth, 1, 1024);
  const bool too_deep = nesting_depth(root) > limit_depth;
  const bool reported_too_deep = !diagnostics.empty() && diagnostics[0].code == code::json_too_deep;
  if (too_deep != reported_too_deep)
    fail(too_deep ? "nesting deeper than max_depth not reported" : "nesting within max_depth reported as too deep",
         fmt::format("depth {}, limit {}", nesting_depth(root), limit_depth));
  if (document_level) return;
  if (has_bom && (diagnostics.empty() || diagnostics[0].code != code::json_bom)) fail("BOM but no json-bom first");
  if (has_duplicate_names(root)) return;  // a pointer cannot tell duplicate members apart
  for (const diagnostic& d : diagnostics) {
    if (d.code == code::json_bom || d.code == code::too_many_diagnostics) continue;
    simdjson::dom::element at;
    if (const auto error = root.at_pointer(d.path).get(at))
      fail("path does not resolve in the input", describe(d) + ": " + simdjson::error_message(error));
    if (d.offset < base || d.offset - base >= body.size()) fail("offset outside the document", describe(d));
    if (!anchors(body, d.offset - base, at, d.path))
      fail("offset is not at the value or name of the path", describe(d));
  }
}

void check_and_verify(std::string_view input, const options& opts) {
  const auto first = owned_copy(checker_a().check(input, opts));
  verify_report(input, opts, checker_a().check(input, opts));
  if (owned_copy(checker_a().check(input, opts)) != first) fail("a second check on the same checker differs");

  options other = opts;
  other.check_mode = static_cast<mode>((static_cast<int>(opts.check_mode) + 1) % 3);
  other.limits.max_depth = 3;
  (void)checker_b().check(input, other);
  const report& again = checker_b().check(input, opts);
  if (owned_copy(again) != first) fail("a checker with another history differs");

  report copied = again;
  report moved = std::move(copied);
  report assigned;
  assigned = moved;
  if (owned_copy(moved) != first || owned_copy(assigned) != first) fail("a copied or moved report differs");
}

}  // namespace sdsprofile::fuzz
