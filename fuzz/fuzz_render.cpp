// fuzz_render: the CLI's text and JSON Lines output of any report. Oracles (issue 4): both are
// valid UTF-8; the JSON line parses with simdjson and gives back every field of the report (text
// that was not UTF-8 comes back with U+FFFD in place of the bad bytes, so only valid UTF-8 fields
// are compared byte for byte).
#include <simdjson.h>

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

  static std::string text, line;
  text.clear();
  line.clear();
  cli::render_text(file, r, text);
  cli::render_json_line(file, r, line);
  if (!simdjson::validate_utf8(text.data(), text.size())) fuzz::fail("text output is not UTF-8", text);
  if (!simdjson::validate_utf8(line.data(), line.size())) fuzz::fail("JSON output is not UTF-8", line);
  if (line.empty() || line.back() != '\n' || line.find('\n') != line.size() - 1)
    fuzz::fail("JSON output is not one line", line);
  for (unsigned char ch : text)
    if ((ch < 0x20 && ch != '\n') || ch == 0x7f) fuzz::fail("text output holds a control character", text);

  static simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const auto error = parser.parse(line).get(root)) fuzz::fail("JSON output does not parse", simdjson::error_message(error));
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
    expect_number(item, "line", d.line);
    expect_number(item, "column", d.column);
    expect_number(item, "offset", d.offset);
  }
  return 0;
}
