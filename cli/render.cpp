#include "render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "sdsprofile/version.hpp"

namespace sdsprofile::cli {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  const std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) { return k < left && (b(k) & 0xc0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xe0 && b(1) < 0xa0) return 0;   // overlong
    if (c == 0xed && b(1) >= 0xa0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xf0 && b(1) < 0x90) return 0;
    if (c == 0xf4 && b(1) >= 0x90) return 0;
    return 4;
  }
  return 0;
}

// Whether the code point encoded at s[i..i+n) could drive a terminal, end a line or reorder what
// is shown: C1 controls (U+0080-U+009F; U+0085 is NEL, U+009B is CSI), the line and paragraph
// separators (U+2028, U+2029) and the bidirectional embedding, override and isolate controls
// (U+202A-U+202E, U+2066-U+2069).
bool is_terminal_control(std::string_view s, std::size_t i, std::size_t n) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (n == 2) return b(0) == 0xc2 && b(1) <= 0x9f;
  if (n == 3 && b(0) == 0xe2 && b(1) == 0x80) return b(2) >= 0xa8 && b(2) <= 0xae;
  if (n == 3 && b(0) == 0xe2 && b(1) == 0x81) return b(2) >= 0xa6 && b(2) <= 0xa9;
  return false;
}

// Code point of the valid UTF-8 sequence of 2 or 3 bytes at s[i].
unsigned code_point(std::string_view s, std::size_t i, std::size_t n) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(s[i + k])); };
  return n == 2 ? ((b(0) & 0x1f) << 6) | (b(1) & 0x3f) : ((b(0) & 0x0f) << 12) | ((b(1) & 0x3f) << 6) | (b(2) & 0x3f);
}

// `s` with control characters escaped as \uXXXX (C0, DEL, and the C1, separator and
// bidirectional controls of is_terminal_control) and invalid UTF-8 replaced by U+FFFD; `json`:
// also '"' and '\\' escaped, and \n, \r, \t written short (the content of a JSON string literal,
// which decodes to the same text); otherwise text for a terminal or a log, one line.
void append_escaped(std::string_view s, std::string& out, bool json) {
  for (std::size_t i = 0; i < s.size();) {
    // Runs of printable ASCII need no escaping: append them whole (most text is such a run).
    std::size_t plain = i;
    while (plain < s.size()) {
      const auto c = static_cast<unsigned char>(s[plain]);
      if (c < 0x20 || c >= 0x7f || (json && (c == '"' || c == '\\'))) break;
      ++plain;
    }
    out.append(s.data() + i, plain - i);
    i = plain;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    switch (json ? c : 0) {
      case '"':
        out += "\\\"";
        ++i;
        continue;
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\r";
        ++i;
        continue;
      case '\t':
        out += "\\t";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\u{:04x}", c);
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xef\xbf\xbd";
      ++i;
    } else if (is_terminal_control(s, i, n)) {
      out += fmt::format("\\u{:04x}", code_point(s, i, n));
      i += n;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
}

// GitHub workflow command escaping: '%', CR and LF as %XX; in property values (the file name) also
// ':' and ','. Everything else goes through append_escaped, so in a message a control character
// quoted from the input reads \u000a, as in the text format, and only the file name keeps its own.
void append_github_escaped(std::string_view s, std::string& out, bool property) {
  const std::string_view special = property ? "%\r\n:," : "%";
  while (!s.empty()) {
    const std::size_t cut = std::min(s.find_first_of(special), s.size());
    append_escaped(s.substr(0, cut), out, false);
    if (cut == s.size()) break;
    out += fmt::format("%{:02X}", static_cast<unsigned char>(s[cut]));
    s.remove_prefix(cut + 1);
  }
}

// Columns in Unicode code points (SARIF columnKind "unicodeCodePoints") of one document's
// diagnostics: the bytes of the line before the offset, continuation bytes not counted.
// Diagnostics come in document order, so the count carries on from the previous diagnostic on the
// same line and a long line is read once, not once per diagnostic; an offset that goes backwards
// is counted again from the start of its line.
class code_point_columns {
 public:
  explicit code_point_columns(const document_source& src) noexcept : src_(src) {}

  std::uint64_t at(const diagnostic& d) noexcept {
    const std::string_view text = src_.text;
    const std::size_t end = std::min<std::size_t>(d.offset, text.size());
    // A whole file: the line starts column - 1 bytes before the offset. NDJSON: the document is
    // one line.
    const std::size_t begin = src_.line != 0 || end < d.column - 1 ? 0 : end - (d.column - 1);
    if (begin != line_begin_ || end < counted_to_) {
      line_begin_ = begin;
      counted_to_ = begin;
      column_ = 1;
    }
    for (std::size_t i = counted_to_; i < end; ++i) column_ += (static_cast<unsigned char>(text[i]) & 0xc0) != 0x80;
    counted_to_ = end;
    return column_;
  }

 private:
  const document_source& src_;
  std::size_t line_begin_ = std::string_view::npos;
  std::size_t counted_to_ = 0;
  std::uint64_t column_ = 1;
};

constexpr std::string_view k_information_uri = "https://github.com/sdsprofile/sdsprofile";
// The rule catalogues in the repository (docs/rules.md for profiles, docs/csv-rules.md for the CSV
// folder), the help of every SARIF rule.
constexpr std::string_view k_rules_uri = "https://github.com/sdsprofile/sdsprofile/blob/main/docs/rules.md#catalogue";
constexpr std::string_view k_csv_rules_uri =
    "https://github.com/sdsprofile/sdsprofile/blob/main/docs/csv-rules.md#catalogue";

// SARIF 2.1.0 section 3.55: one fix with one artifact change whose replacements are the edits,
// each a deleted region in bytes of the file and the text inserted there.
void append_sarif_fix(const std::string& uri, const document_source& src, const diagnostic& d, std::string& out) {
  out += ",\"fixes\":[{";
  if (!d.hint.empty()) {
    out += "\"description\":{\"text\":";
    append_json_string(d.hint, out);
    out += "},";
  }
  out += "\"artifactChanges\":[{\"artifactLocation\":{\"uri\":";
  append_json_string(uri, out);
  out += "},\"replacements\":[";
  for (const edit& e : d.fix) {
    if (&e != d.fix.data()) out += ',';
    fmt::format_to(std::back_inserter(out),
                   "{{\"deletedRegion\":{{\"byteOffset\":{},\"byteLength\":{}}},\"insertedContent\":{{\"text\":",
                   src.offset + e.offset, e.length);
    append_json_string(e.replacement, out);
    out += "}}";
  }
  out += "]}]}]";
}

}  // namespace

file_position position_in_file(const document_source& src, const diagnostic& d) noexcept {
  if (src.line == 0) return {d.line, d.column};
  return {src.line, d.offset + 1};
}

void append_text_escaped(std::string_view s, std::string& out) { append_escaped(s, out, false); }

std::string text_escaped(std::string_view s) {
  std::string out;
  append_escaped(s, out, false);
  return out;
}

void append_json_string(std::string_view s, std::string& out) {
  out += '"';
  append_escaped(s, out, true);
  out += '"';
}

bool valid_without(const report& r, std::span<const std::uint8_t> suppressed) noexcept {
  if (r.dropped_error_count() != 0) return false;
  const std::span<const diagnostic> all = r.diagnostics();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i < suppressed.size() && suppressed[i] != 0) continue;
    if (all[i].severity == severity::error || r.strict()) return false;
  }
  return true;
}

void render_text(const document_source& src, const report& r, std::string& out, const suppression* s) {
  // Messages quote the input: control characters are escaped so that they cannot break lines or
  // drive the terminal.
  const std::span<const diagnostic> all = r.diagnostics();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (s != nullptr && s->held(i)) continue;
    const diagnostic& d = all[i];
    append_escaped(src.file, out, false);
    const file_position at = position_in_file(src, d);
    fmt::format_to(std::back_inserter(out), ":{}:{}: {}: ", at.line, at.column, to_string(d.severity));
    append_escaped(d.message, out, false);
    fmt::format_to(std::back_inserter(out), " [{}]\n", to_string(d.code));
    if (!d.hint.empty()) {
      out += "    hint: ";
      append_escaped(d.hint, out, false);
      out += '\n';
    }
  }
}

void render_json_line(const document_source& src, const report& r, std::string& out, const suppression* s) {
  out += "{\"file\":";
  append_json_string(src.file, out);
  if (src.line != 0) fmt::format_to(std::back_inserter(out), ",\"line\":{}", src.line);
  out += (s != nullptr ? s->valid : r.valid()) ? ",\"valid\":true" : ",\"valid\":false";
  if (s != nullptr) fmt::format_to(std::back_inserter(out), ",\"suppressed\":{}", s->count);
  out += ",\"diagnostics\":[";
  bool first = true;
  const std::span<const diagnostic> all = r.diagnostics();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (s != nullptr && s->held(i)) continue;
    const diagnostic& d = all[i];
    if (!first) out += ',';
    first = false;
    out += "{\"severity\":";
    append_json_string(to_string(d.severity), out);
    out += ",\"code\":";
    append_json_string(to_string(d.code), out);
    out += ",\"path\":";
    append_json_string(d.path, out);
    if (!d.field.empty()) {  // CSV findings about one column
      out += ",\"field\":";
      append_json_string(d.field, out);
    }
    const file_position at = position_in_file(src, d);
    fmt::format_to(std::back_inserter(out), ",\"line\":{},\"column\":{},\"offset\":{},\"message\":", at.line, at.column,
                   src.offset + d.offset);
    append_json_string(d.message, out);
    if (!d.hint.empty()) {
      out += ",\"hint\":";
      append_json_string(d.hint, out);
    }
    if (!d.fix.empty()) {
      out += ",\"fix\":[";
      for (const edit& e : d.fix) {
        if (&e != d.fix.data()) out += ',';
        fmt::format_to(std::back_inserter(out), "{{\"offset\":{},\"length\":{},\"replacement\":", src.offset + e.offset,
                       e.length);
        append_json_string(e.replacement, out);
        out += '}';
      }
      out += ']';
    }
    out += '}';
  }
  out += "]}\n";
}

void render_github(const document_source& src, const report& r, std::string& out, const suppression* s) {
  const std::span<const diagnostic> all = r.diagnostics();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (s != nullptr && s->held(i)) continue;
    const diagnostic& d = all[i];
    out += d.severity == severity::error ? "::error file=" : "::warning file=";
    append_github_escaped(src.file, out, true);
    const file_position at = position_in_file(src, d);
    fmt::format_to(std::back_inserter(out), ",line={},col={},title={}::", at.line, at.column, to_string(d.code));
    append_github_escaped(d.message, out, false);
    if (!d.hint.empty()) {
      out += "%0AHint: ";
      append_github_escaped(d.hint, out, false);
    }
    out += '\n';
  }
}

void render_sarif_begin(std::string& out) {
  out +=
      "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
      "\"tool\":{\"driver\":{\"name\":\"sdsprofile\",\"version\":";
  append_json_string(version_string, out);
  out += ",\"semanticVersion\":";
  append_json_string(version_string, out);
  out += ",\"informationUri\":";
  append_json_string(k_information_uri, out);
  out += ",\"rules\":[";
  bool first = true;
  for (const code_info& info : all_codes()) {
    if (!first) out += ',';
    first = false;
    out += "{\"id\":";
    append_json_string(info.name, out);
    out += ",\"shortDescription\":{\"text\":";
    append_json_string(info.summary, out);
    out += "},\"defaultConfiguration\":{\"level\":";
    append_json_string(to_string(info.default_severity), out);
    out += "},\"help\":{\"text\":";
    const bool csv = info.name.starts_with("csv-");
    append_json_string(fmt::format("{} The rule catalogue, {} \"Catalogue\", gives its trigger and "
                                   "source; docs/diagnostics.md lists every code.",
                                   info.summary, csv ? "docs/csv-rules.md" : "docs/rules.md"),
                       out);
    out += "},\"helpUri\":";
    append_json_string(csv ? k_csv_rules_uri : k_rules_uri, out);
    out += '}';
  }
  out += "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[";
}

void render_sarif_results(const document_source& src, const report& r, bool& first, std::string& out,
                          const suppression* s) {
  const std::string uri = artifact_uri(src.file);
  code_point_columns columns(src);
  const std::span<const diagnostic> all = r.diagnostics();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const diagnostic& d = all[i];
    if (!first) out += ',';
    first = false;
    out += "{\"ruleId\":";
    append_json_string(to_string(d.code), out);
    fmt::format_to(std::back_inserter(out), ",\"ruleIndex\":{},\"level\":", static_cast<unsigned>(d.code));
    append_json_string(to_string(d.severity), out);
    out += ",\"message\":{\"text\":";
    append_json_string(d.hint.empty() ? std::string(d.message) : fmt::format("{} Hint: {}", d.message, d.hint), out);
    out += "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":";
    append_json_string(uri, out);
    if (d.located)
      fmt::format_to(std::back_inserter(out),
                     "}},\"region\":{{\"startLine\":{},\"startColumn\":{},\"byteOffset\":{}}}}},",
                     position_in_file(src, d).line, columns.at(d), src.offset + d.offset);
    else  // no place in the file (a missing file or column): the artifact alone
      out += "}},";
    out += "\"logicalLocations\":[{\"fullyQualifiedName\":";
    append_json_string(d.path, out);
    out += "}]}]";
    if (s != nullptr) {
      // SARIF 2.1.0 §3.27.24 and §3.34: a result the baseline holds is "unchanged" and suppressed
      // outside the source ("external": in the baseline file).
      out += s->held(i) ? ",\"baselineState\":\"unchanged\",\"suppressions\":[{\"kind\":\"external\"}]"
                        : ",\"baselineState\":\"new\"";
    }
    if (!d.fix.empty()) append_sarif_fix(uri, src, d, out);
    out += '}';
  }
}

void render_sarif_end(bool execution_successful, std::string& out) {
  out += "],\"invocations\":[{\"executionSuccessful\":";
  out += execution_successful ? "true" : "false";
  out += "}]}]}\n";
}

std::string artifact_uri(std::string_view path) {
  if (path == "-" || path == "<stdin>") return "stdin";
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path given{std::string(path)};
  const fs::path absolute = fs::absolute(given, ec).lexically_normal();
  const fs::path relative = ec ? given : absolute.lexically_relative(fs::current_path(ec));
  const bool below = !ec && !relative.empty() && *relative.begin() != "..";
  const std::string text = below ? relative.generic_string() : absolute.generic_string();
  std::string uri = below ? "" : "file://";
  for (const unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved)
      uri += static_cast<char>(c);
    else
      uri += fmt::format("%{:02X}", c);
  }
  return uri;
}

}  // namespace sdsprofile::cli
