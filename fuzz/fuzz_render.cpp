// fuzz_render: the CLI's output formats for any report. Oracles: every format is valid
// UTF-8; the JSON line parses with simdjson and gives back every field of the report (text that
// was not UTF-8 comes back with U+FFFD in place of the bad bytes, so only valid UTF-8 fields are
// compared byte for byte); the SARIF log parses and has one result per diagnostic with its rule,
// level, line and offset; the GitHub annotations are one line per diagnostic.
#include <simdjson.h>

#include <algorithm>

#include "fuzz_support.hpp"
#include "render.hpp"

using namespace sdsprofile;

namespace {

void expect_field(simdjson::dom::element parent, const char* key, std::string_view original, bool optional = false) {
  std::string_view value;
  const auto error = parent[key].get_string().get(value);
  if (error == simdjson::NO_SUCH_FIELD && optional && original.empty()) return;
  if (error) fuzz::fail("a string field is missing from the JSON line", key);
  if (simdjson::validate_utf8(original.data(), original.size()) && value != original)
    fuzz::fail("a field does not round-trip through the JSON line", std::string(key) + ": " + std::string(original));
}

void expect_number(simdjson::dom::element parent, const char* key, std::uint64_t original) {
  std::uint64_t value = 0;
  if (parent[key].get_uint64().get(value) || value != original) fuzz::fail("a number field does not round-trip", key);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::split_input(data, size);
  static checker c;
  const report& r = c.check(input.document, fuzz::options_from_selector(input.selector));
  // The file name comes from the input too, so that names with quotes, controls and bad UTF-8 are
  // rendered as well.
  const std::string_view file = input.document.substr(0, input.selector & 0x0fu);

  // Selector bit 4 places the document in an NDJSON file, at line 7 and byte 1000.
  const bool ndjson = (input.selector & 0x10u) != 0;
  const cli::document_source src{file, input.document, ndjson ? 7u : 0u, ndjson ? 1000u : 0u};
  // Positions in the file, computed here rather than with the renderer's own helper.
  // (In NDJSON, lines end at LF only: the document's line, and the column of its offset.)
  const auto line_in_file = [&](const diagnostic& d) -> std::uint64_t { return ndjson ? 7u : d.line; };
  const auto column_in_file = [&](const diagnostic& d) -> std::uint64_t { return ndjson ? d.offset + 1 : d.column; };
  static std::string text, line, github, sarif;
  text.clear();
  line.clear();
  github.clear();
  sarif.clear();
  cli::render_text(src, r, text);
  cli::render_json_line(src, r, line);
  cli::render_github(src, r, github);
  // The log's opening (tool and rules) does not depend on the report: rendered once.
  static const std::string sarif_begin = [] {
    std::string text;
    cli::render_sarif_begin(text);
    return text;
  }();
  sarif = sarif_begin;
  bool first = true;
  cli::render_sarif_results(src, r, first, sarif);
  cli::render_sarif_end(true, sarif);
  if (!simdjson::validate_utf8(github.data(), github.size())) fuzz::fail("github output is not UTF-8", github);
  if (!simdjson::validate_utf8(sarif.data(), sarif.size())) fuzz::fail("SARIF output is not UTF-8", sarif);
  if (static_cast<std::size_t>(std::count(github.begin(), github.end(), '\n')) != r.diagnostics().size() ||
      std::count(github.begin(), github.end(), '\r') != 0)
    fuzz::fail("github output is not one line per diagnostic", github);
  if (!simdjson::validate_utf8(text.data(), text.size())) fuzz::fail("text output is not UTF-8", text);
  if (!simdjson::validate_utf8(line.data(), line.size())) fuzz::fail("JSON output is not UTF-8", line);
  if (line.empty() || line.back() != '\n' || line.find('\n') != line.size() - 1)
    fuzz::fail("JSON output is not one line", line);
  for (unsigned char ch : text)
    if ((ch < 0x20 && ch != '\n') || ch == 0x7f) fuzz::fail("text output holds a control character", text);

  static simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const auto error = parser.parse(line).get(root))
    fuzz::fail("JSON output does not parse", simdjson::error_message(error));
  expect_field(root, "file", file);
  bool valid = false;
  if (root["valid"].get_bool().get(valid) || valid != r.valid()) fuzz::fail("valid does not round-trip");
  simdjson::dom::array items;
  if (root["diagnostics"].get_array().get(items) || items.size() != r.diagnostics().size())
    fuzz::fail("diagnostics do not round-trip");
  std::size_t i = 0;
  for (simdjson::dom::element item : items) {
    const diagnostic& d = r.diagnostics()[i++];
    expect_field(item, "severity", to_string(d.severity));
    expect_field(item, "code", to_string(d.code));
    expect_field(item, "path", d.path);
    expect_field(item, "message", d.message);
    expect_field(item, "hint", d.hint, true);
    expect_number(item, "line", line_in_file(d));
    expect_number(item, "column", column_in_file(d));
    expect_number(item, "offset", src.offset + d.offset);
  }

  static simdjson::dom::parser sarif_parser;
  simdjson::dom::element log;
  if (const auto error = sarif_parser.parse(sarif).get(log))
    fuzz::fail("SARIF output does not parse", simdjson::error_message(error));
  simdjson::dom::array results;
  if (log["runs"].at(0)["results"].get_array().get(results) || results.size() != r.diagnostics().size())
    fuzz::fail("SARIF results do not match the diagnostics");
  i = 0;
  for (simdjson::dom::element result : results) {
    const diagnostic& d = r.diagnostics()[i++];
    expect_field(result, "ruleId", to_string(d.code));
    expect_field(result, "level", to_string(d.severity));
    const simdjson::dom::element location = result["locations"].at(0);
    expect_number(location["physicalLocation"]["region"], "startLine", line_in_file(d));
    expect_number(location["physicalLocation"]["region"], "byteOffset", src.offset + d.offset);
    expect_field(location["logicalLocations"].at(0), "fullyQualifiedName", d.path);
  }
  return 0;
}
