// Rule catalogue tests: every code of docs/rules.md ("Catalogue") on small multi-line
// inputs, asserting the complete diagnostic list with code, severity, path (RFC 6901), line,
// column (1-based, bytes) and offset (0-based, bytes). Positions were counted from the input text:
// a value's first byte; for unknown-property, property-name-case, json-duplicate-key,
// read-only-property, navigation-property and ignored-annotation the opening quote of the member
// name; for document-level failures the first offending byte.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sdsprofile/sdsprofile.hpp"

namespace {

using sdsprofile::code;
using sdsprofile::mode;
using sdsprofile::severity;

// Marker for want::hint_has: the hint must be non-empty, its text is not checked.
constexpr std::string_view any_hint = "<any>";

// Where a marker stands in an input: its first byte's line, column and offset.
struct spot {
  std::uint32_t line = 1, column = 1;
  std::size_t offset = 0;
};

// The position of the first byte of the `nth` (0-based) occurrence of `marker` in `input`, counted
// independently of the library: lines end at LF, CRLF or a lone CR (docs/rules.md "Vocabulary").
// The marker must occur; a failed lookup points past the end, so the comparison fails visibly.
spot at(std::string_view input, std::string_view marker, std::size_t nth = 0) {
  std::size_t offset = input.find(marker);
  for (std::size_t k = 0; k < nth && offset != std::string_view::npos; ++k) offset = input.find(marker, offset + 1);
  if (offset == std::string_view::npos) {
    ADD_FAILURE() << "marker " << marker << " #" << nth << " is not in the input";
    return {0, 0, input.size() + 1};
  }
  spot s;
  s.offset = offset;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (input[i] == '\n' || (input[i] == '\r' && (i + 1 >= input.size() || input[i + 1] != '\n'))) {
      ++s.line;
      line_start = i + 1;
    }
  }
  s.column = static_cast<std::uint32_t>(offset - line_start + 1);
  return s;
}

// One expected diagnostic.
struct want {
  want(std::string_view code_name, std::string_view severity_name, std::string_view json_pointer, std::uint32_t line_no,
       std::uint32_t column_no, std::size_t byte_offset, std::string_view message_part = {},
       std::string_view hint_part = {})
      : code(code_name),
        severity(severity_name),
        path(json_pointer),
        line(line_no),
        column(column_no),
        offset(byte_offset),
        message_has(message_part),
        hint_has(hint_part) {}
  want(std::string_view code_name, std::string_view severity_name, std::string_view json_pointer, spot where,
       std::string_view message_part = {}, std::string_view hint_part = {})
      : want(code_name, severity_name, json_pointer, where.line, where.column, where.offset, message_part, hint_part) {}

  std::string_view code;
  std::string_view severity;
  std::string_view path;
  std::uint32_t line;
  std::uint32_t column;
  std::size_t offset;
  std::string_view message_has;  // the message must contain this text (when not empty)
  std::string_view hint_has;     // the hint must contain this text (when not empty)
};

sdsprofile::options opts(mode m = mode::create) {
  sdsprofile::options o;
  o.check_mode = m;
  o.now = sdsprofile::parse_rfc3339("2026-01-15T00:00:00Z");
  return o;
}

std::string row(std::string_view code_name, std::string_view severity_name, std::string_view path, std::uint32_t line,
                std::uint32_t column, std::size_t offset) {
  std::ostringstream s;
  s << code_name << ' ' << severity_name << " \"" << path << "\" " << line << ':' << column << " @" << offset;
  return s.str();
}

std::vector<std::string> rows(const sdsprofile::report& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics())
    out.push_back(
        row(sdsprofile::to_string(d.code), sdsprofile::to_string(d.severity), d.path, d.line, d.column, d.offset));
  return out;
}

std::vector<std::string> rows(const std::vector<want>& w) {
  std::vector<std::string> out;
  for (const auto& d : w) out.push_back(row(d.code, d.severity, d.path, d.line, d.column, d.offset));
  return out;
}

// The whole report, one diagnostic a line, with message and hint.
std::string describe(const sdsprofile::report& r) {
  std::ostringstream s;
  for (const auto& d : r.diagnostics())
    s << "  "
      << row(sdsprofile::to_string(d.code), sdsprofile::to_string(d.severity), d.path, d.line, d.column, d.offset)
      << "\n      message: " << d.message << "\n      hint: " << d.hint << '\n';
  if (r.diagnostics().empty()) s << "  (no diagnostics)\n";
  return s.str();
}

std::string describe(const std::vector<want>& w) {
  std::ostringstream s;
  for (const auto& line : rows(w)) s << "  " << line << '\n';
  if (w.empty()) s << "  (no diagnostics)\n";
  return s.str();
}

// Checks the complete diagnostic list, messages and hints, and the document order.
testing::AssertionResult reports(const sdsprofile::report& r, const std::vector<want>& expected) {
  std::ostringstream problems;
  if (rows(r) != rows(expected))
    problems << "diagnostics differ\n expected:\n" << describe(expected) << " actual:\n" << describe(r);
  const auto d = r.diagnostics();
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d[i].message.empty()) problems << "diagnostic " << i << " has an empty message\n";
    if (i > 0 && d[i].code != code::too_many_diagnostics && d[i].offset < d[i - 1].offset)
      problems << "diagnostic " << i << " is out of document order\n";
    if (d[i].code == code::too_many_diagnostics && i + 1 != d.size()) problems << "too-many-diagnostics is not last\n";
  }
  for (std::size_t i = 0; i < d.size() && i < expected.size(); ++i) {
    const want& w = expected[i];
    if (!w.message_has.empty() && d[i].message.find(w.message_has) == std::string_view::npos)
      problems << "diagnostic " << i << " (" << w.code << "): message \"" << d[i].message << "\" lacks \""
               << w.message_has << "\"\n";
    if (w.hint_has == any_hint) {
      if (d[i].hint.empty()) problems << "diagnostic " << i << " (" << w.code << "): no hint\n";
    } else if (!w.hint_has.empty() && d[i].hint.find(w.hint_has) == std::string_view::npos) {
      problems << "diagnostic " << i << " (" << w.code << "): hint \"" << d[i].hint << "\" lacks \"" << w.hint_has
               << "\"\n";
    }
  }
  if (problems.str().empty()) return testing::AssertionSuccess();
  return testing::AssertionFailure() << problems.str() << "full report:\n" << describe(r);
}

std::vector<want> none() { return {}; }

// A create body that checks clean; other tests change one part of it.
constexpr std::string_view clean_create = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";

// ---------------------------------------------------------------------------------------------
// Document-level codes: json-syntax, json-encoding, json-too-deep, json-too-large, json-bom,
// json-duplicate-key.

TEST(RulesJson, CleanBodyHasNoDiagnostics) {
  sdsprofile::checker c;
  const auto& r = c.check(clean_create, opts());
  EXPECT_TRUE(reports(r, none()));
  EXPECT_TRUE(r.valid());
}

// docs/rules.md json-encoding: UTF-16 and UTF-32 bodies, with or without a byte order mark, get a
// hint that names the encoding, on the json-syntax or json-encoding they give.
TEST(RulesJson, WideEncodingsGetAHintNamingThem) {
  const auto failure = [](std::string_view input) {
    sdsprofile::checker c;
    const sdsprofile::report& r = c.check(input, opts(mode::update));
    if (r.diagnostics().size() != 1) return std::string("not one diagnostic");
    const sdsprofile::diagnostic& d = r.diagnostics()[0];
    return std::string(sdsprofile::to_string(d.code)) + " " + std::to_string(d.offset) + ": " + std::string(d.hint);
  };
  using namespace std::string_view_literals;
  EXPECT_EQ(failure("{\0\"\0a\0\"\0:\0"
                    "1\0}\0"sv),
            "json-syntax 1: The body looks like UTF-16LE without a byte order mark (a NUL byte after each ASCII "
            "character): send it as UTF-8 (RFC 8259 section 8.1).");
  EXPECT_EQ(failure("\0{\0\"\0a\0\"\0:\0"
                    "1\0}"sv),
            "json-syntax 0: The body looks like UTF-16BE without a byte order mark (a NUL byte before each ASCII "
            "character): send it as UTF-8 (RFC 8259 section 8.1).");
  EXPECT_EQ(failure("{\0\0\0}\0\0\0"sv),
            "json-syntax 1: The body looks like UTF-32LE without a byte order mark (NUL bytes after each "
            "character): send it as UTF-8 (RFC 8259 section 8.1).");
  EXPECT_EQ(failure("\0\0\0{\0\0\0}"sv),
            "json-syntax 0: The body looks like UTF-32BE without a byte order mark (NUL bytes before each "
            "character): send it as UTF-8 (RFC 8259 section 8.1).");
  EXPECT_EQ(failure("{\0"sv),
            "json-syntax 1: The body looks like UTF-16LE without a byte order mark (a NUL byte after each ASCII "
            "character): send it as UTF-8 (RFC 8259 section 8.1).");
  EXPECT_EQ(failure("\xff\xfe{\0}\0"sv),
            "json-encoding 0: The body starts with a UTF-16LE byte order mark: send it as UTF-8 (RFC 8259 section "
            "8.1).");
  EXPECT_EQ(failure("\xfe\xff\0{\0}"sv),
            "json-encoding 0: The body starts with a UTF-16BE byte order mark: send it as UTF-8 (RFC 8259 section "
            "8.1).");
  EXPECT_EQ(failure("\xff\xfe\0\0{\0\0\0"sv),
            "json-encoding 0: The body starts with a UTF-32LE byte order mark: send it as UTF-8 (RFC 8259 section "
            "8.1).");
  EXPECT_EQ(failure("\0\0\xfe\xff\0\0\0{"sv),
            "json-syntax 0: The body starts with a UTF-32BE byte order mark: send it as UTF-8 (RFC 8259 section "
            "8.1).");
  // Latin-1 keeps the catalogue's hint, and so does a NUL elsewhere.
  EXPECT_EQ(failure("{\"displayName\":\"Caf\xe9\"}"sv),
            "json-encoding 19: Send the body as UTF-8 (RFC 8259 section 8.1); was it saved as Latin-1 or UTF-16?");
  EXPECT_EQ(failure("{\"a\":\0}"sv).substr(0, 15), "json-syntax 5: ");
  EXPECT_EQ(failure("{\"a\":\0}"sv).find("UTF-16"), std::string::npos);
}

TEST(RulesJson, SyntaxSingleQuotesReportedAlone) {
  constexpr std::string_view input = R"({
  "displayName": 'Contoso',
  "dataProvider": 5
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"json-syntax", "error", "", 2, 18, 19}}));
  EXPECT_FALSE(r.valid());
}

TEST(RulesJson, SyntaxTrailingGarbage) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso"
}
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()), {{"json-syntax", "error", "", 4, 1, 31}}));
}

TEST(RulesJson, SyntaxTrailingComma) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": null,
})";
  sdsprofile::checker c;
  // The comma is fine until the closing brace shows that no member follows.
  EXPECT_TRUE(reports(c.check(input, opts()), {{"json-syntax", "error", "", 4, 1, 54}}));
}

TEST(RulesJson, SyntaxComment) {
  constexpr std::string_view input = R"({
  // the display name
  "displayName": "Contoso"
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()), {{"json-syntax", "error", "", 2, 3, 4}}));
}

TEST(RulesJson, SyntaxTruncated) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider")";
  sdsprofile::checker c;
  // The failure is the end of the text: one past the last byte.
  EXPECT_TRUE(reports(c.check(input, opts()), {{"json-syntax", "error", "", 4, 63, 112}}));
}

TEST(RulesJson, SyntaxAfterBomHasNoBomWarning) {
  const std::string input =
      "\xEF\xBB\xBF"
      R"({
  "displayName": NaN
})";
  sdsprofile::checker c;
  // Offsets count the three BOM bytes; so does the column on line 1 (not used here).
  EXPECT_TRUE(reports(c.check(input, opts()), {{"json-syntax", "error", "", 2, 18, 22}}));
}

TEST(RulesJson, EncodingInvalidUtf8) {
  // "Café" written in Latin-1: 0xE9 is not UTF-8.
  const std::string input = R"({
  "displayName": "Caf)"
                            "\xE9"
                            R"( school",
  "dataProvider": 5
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"json-encoding", "error", "", 2, 22, 23}}));
  EXPECT_FALSE(r.valid());
}

TEST(RulesJson, EncodingLoneSurrogateEscape) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso \ud83c school",
  "dataProvider": 5
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()), {{"json-encoding", "error", "", 2, 27, 28}}));
}

TEST(RulesJson, DuplicateKeyAtEachLaterOccurrence) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "displayName": "Fabrikam",
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu", "name": "fabrikam.edu", "name": "x.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"json-duplicate-key", "error", "/displayName", 6, 3, 120, "displayName"},
       {"json-duplicate-key", "error", "/identitySynchronizationConfiguration/userDomains/0/name", 10, 56, 345, "name"},
       {"json-duplicate-key", "error", "/identitySynchronizationConfiguration/userDomains/0/name", 10, 80, 369,
        "name"}}));
}

TEST(RulesJson, TooDeepReportedAloneAtTheFirstTooDeepByte) {
  constexpr std::string_view input = R"({
  "displayName": 5,
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "student": {
        "optionalPropertiesToSync": []
      }
    }
  }
})";
  sdsprofile::checker c;
  auto o = opts();
  o.limits.max_depth = 3;  // root 1, dataProvider 2, customizations 3, student 4
  const auto& r = c.check(input, o);
  EXPECT_TRUE(reports(r, {{"json-too-deep", "error", "", 6, 18, 147}}));
  // Five levels (the [] under student) are accepted with a limit of 5; then the ordinary rules run.
  o.limits.max_depth = 5;
  EXPECT_TRUE(
      reports(c.check(input, o), {{"missing-required", "error", "", 1, 1, 0, "identitySynchronizationConfiguration"},
                                  {"type-mismatch", "error", "/displayName", 2, 18, 19}}));
}

TEST(RulesJson, TooDeepWithTheDefaultLimit) {
  // 65 nested arrays under "licensesToAssign": the root object is level 1, the 64th array level 65.
  std::string input = "{\n  \"licensesToAssign\": ";
  const std::size_t first = input.size();
  input += std::string(65, '[') + std::string(65, ']') + "\n}";
  sdsprofile::checker c;
  const std::size_t bad = first + 63;  // the array at level 65
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)),
                      {{"json-too-deep", "error", "", 2, static_cast<std::uint32_t>(bad - 2 + 1), bad}}));
}

// Hostile-input finding: a non-empty container exactly at the limit was rejected (simdjson counts
// it as too deep), at 1:1 with simdjson's message. Nesting up to the limit is allowed.
TEST(RulesJson, NonEmptyContainerAtExactlyTheLimitIsAccepted) {
  sdsprofile::checker c;
  auto o = opts(mode::update);
  o.limits.max_depth = 1;
  EXPECT_TRUE(reports(c.check(R"({"displayName":"x"})", o), {}));
  o.limits.max_depth = 3;
  EXPECT_TRUE(reports(c.check(R"({"a":[[1]]})", o), {{"unknown-property", "error", "/a", 1, 2, 1}}));
  // One level more is still too deep, reported where it starts, empty or not.
  o.limits.max_depth = 2;
  EXPECT_TRUE(reports(c.check(R"({"a":[[1]]})", o), {{"json-too-deep", "error", "", 1, 7, 6}}));
  EXPECT_TRUE(reports(c.check(R"({"a":[[]]})", o), {{"json-too-deep", "error", "", 1, 7, 6}}));
  // And the limit is not left raised for the next document.
  o.limits.max_depth = 3;
  EXPECT_TRUE(reports(c.check(R"({"a":[[[1]]]})", o), {{"json-too-deep", "error", "", 1, 8, 7}}));
}

TEST(RulesJson, TooLargeReportedAlone) {
  constexpr std::string_view input = R"({
  "displayName": 'not even JSON'
})";
  sdsprofile::checker c;
  auto o = opts();
  o.limits.max_bytes = 16;
  const auto& r = c.check(input, o);
  // docs/rules.md says "position of the failure" without more: the library reports the first byte past
  // the limit (offset 16), which is asserted here.
  EXPECT_TRUE(reports(r, {{"json-too-large", "error", "", 2, 15, 16, "16"}}));
  EXPECT_FALSE(r.valid());
}

TEST(RulesJson, BomWarningThenCheckingGoesOn) {
  const std::string input =
      "\xEF\xBB\xBF"
      R"({
  "displayName": 5,
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  }
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  // Line 1 column counts bytes, BOM included: the root object starts at column 4, offset 3.
  EXPECT_TRUE(reports(r, {{"json-bom", "warning", "", 1, 1, 0},
                          {"missing-required", "error", "", 1, 4, 3, "identitySynchronizationConfiguration"},
                          {"type-mismatch", "error", "/displayName", 2, 18, 22}}));
}

TEST(RulesJson, BomAloneIsOnlyAWarning) {
  const std::string input = "\xEF\xBB\xBF" + std::string(clean_create);
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"json-bom", "warning", "", 1, 1, 0}}));
  EXPECT_TRUE(r.valid());
  auto strict = opts();
  strict.strict = true;
  EXPECT_FALSE(c.check(input, strict).valid());
}

TEST(RulesJson, SyntaxUnescapedControlCharacter) {
  // A literal tab inside a string.
  const std::string input = R"({
  "displayName": "Con)"
                            "\t"
                            R"(toso"
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()), {{"json-syntax", "error", "", 2, 22, 23}}));
}

TEST(RulesJson, EncodingSurrogateEscapes) {
  constexpr std::string_view low_first = R"({
  "displayName": "\udc00 school"
})";
  constexpr std::string_view high_then_letter = R"({
  "displayName": "ok",
  "dataProvider": "\ud83c\u0041"
})";
  constexpr std::string_view pair = R"({
  "displayName": "\ud83c\udf93 school",
  "x": 1
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(low_first, opts()), {{"json-encoding", "error", "", 2, 19, 20}}));
  EXPECT_TRUE(reports(c.check(high_then_letter, opts()), {{"json-encoding", "error", "", 3, 20, 44}}));
  // A proper pair is fine: checking goes on.
  EXPECT_TRUE(reports(c.check(pair, opts(mode::update)), {{"unknown-property", "error", "/x", 3, 3, 44}}));
}

TEST(RulesJson, EncodingOutsideStringsAndWithBom) {
  // A stray 0xA0 (Latin-1 no-break space) in the indentation: invalid UTF-8 anywhere.
  const std::string in_whitespace = R"({
  )"
                                    "\xA0"
                                    R"("displayName": "Contoso"
})";
  // A UTF-8 encoded surrogate (ED A0 80) is not valid UTF-8 either; with a BOM, no BOM warning.
  const std::string with_bom =
      "\xEF\xBB\xBF"
      R"({
  "displayName": "a)"
      "\xED\xA0\x80"
      R"(b"
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(in_whitespace, opts()), {{"json-encoding", "error", "", 2, 3, 4}}));
  // Offsets count the BOM (3 bytes); the column on line 2 does not. docs/rules.md says "the first bad
  // byte": ED is a valid lead byte, A0 the first that makes the sequence ill-formed; the library
  // reports the start of the ill-formed sequence (ED), which is asserted.
  EXPECT_TRUE(reports(c.check(with_bom, opts()), {{"json-encoding", "error", "", 2, 20, 24}}));
}

TEST(RulesJson, TooLargeBoundaryCountsTheBom) {
  const std::string input = "\xEF\xBB\xBF" + std::string(clean_create);
  sdsprofile::checker c;
  auto o = opts();
  o.limits.max_bytes = input.size();
  EXPECT_TRUE(reports(c.check(input, o), {{"json-bom", "warning", "", 1, 1, 0}}));
  o.limits.max_bytes = input.size() - 1;
  const auto& r = c.check(input, o);
  ASSERT_EQ(r.diagnostics().size(), 1u) << describe(r);
  EXPECT_EQ(r.diagnostics()[0].code, code::json_too_large);
  EXPECT_EQ(r.diagnostics()[0].path, "");
}

TEST(RulesJson, TooDeepLimitIsClampedToOne) {
  constexpr std::string_view input = R"({
  "dataProvider": {}
})";
  sdsprofile::checker c;
  auto o = opts(mode::update);
  o.limits.max_depth = 0;  // clamped to 1: only the root object is allowed
  EXPECT_TRUE(reports(c.check(input, o), {{"json-too-deep", "error", "", 2, 19, 20}}));
}

TEST(RulesJson, PositionsCountBytesTabsAndCrLf) {
  // Multi-byte characters and tabs count as their bytes; CR LF ends a line at the LF.
  const std::string input =
      "{\r\n"
      "\t\"displayName\": \"Caf\xC3\xA9 \xF0\x9F\x8E\x93\", \"x\": 1,\r\n"
      "\t\"y\": 2\r\n"
      "}";
  sdsprofile::checker c;
  // Line 2 starts at offset 3; "x" follows 1 + 13 + 2 + 12 (the string: 2 quotes, 10 bytes) + 2 bytes.
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)),
                      {{"unknown-property", "error", "/x", 2, 31, 33}, {"unknown-property", "error", "/y", 3, 2, 43}}));
}

// docs/rules.md "Vocabulary": a line ends at LF, CRLF or a lone CR (one line end each); columns
// restart after it. Positions below are counted by hand from the bytes.
TEST(RulesJson, LinesEndAtLfCrLfOrLoneCr) {
  sdsprofile::checker c;
  // CR only (classic Mac OS): line 2 starts at offset 2, line 5 at offset 106.
  const std::string cr_only =
      "{\r"
      "  \"displayName\": 5,\r"
      "  \"dataProvider\": {\r"
      "    \"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\",\r"
      "    \"Customizations\": 7\r"
      "  }\r"
      "}";
  EXPECT_TRUE(reports(c.check(cr_only, opts(mode::update)),
                      {{"type-mismatch", "error", "/displayName", 2, 18, 19},
                       {"property-name-case", "error", "/dataProvider/Customizations", 5, 5, 110},
                       {"type-mismatch", "error", "/dataProvider/Customizations", 5, 23, 128}}));

  // Mixed: LF, CRLF, an empty CR-only line, a CR then a CRLF (two line ends).
  const std::string mixed =
      "{\n"                        // line 1: 0-1
      "  \"displayName\": 5,\r\n"  // line 2: 2-22
      "\r"                         // line 3: 23
      "  \"x\": [1, 2, true],\r"   // line 4: 24-44
      "\r\n"                       // line 5: 45-46
      "  \"y\": 2\n"               // line 6: 47-55
      "}";                         // line 7: 56
  EXPECT_TRUE(reports(c.check(mixed, opts(mode::update)), {{"type-mismatch", "error", "/displayName", 2, 18, 19},
                                                           {"unknown-property", "error", "/x", 4, 3, 26},
                                                           {"unknown-property", "error", "/y", 6, 3, 49}}));

  // A BOM, then CR line ends: the BOM warning stays at 1:1, the rest counts from the CRs.
  EXPECT_TRUE(reports(c.check("\xEF\xBB\xBF{\r\"displayName\": 5\r}", opts(mode::update)),
                      {{"json-bom", "warning", "", 1, 1, 0}, {"type-mismatch", "error", "/displayName", 2, 16, 20}}));
}

// The same for the document-level failures, found by the strict scanner (json_text.cpp).
TEST(RulesJson, DocumentLevelFailuresAfterCrLineEnds) {
  sdsprofile::checker c;
  // Single quote on line 3 (after a lone CR and a CRLF).
  EXPECT_TRUE(reports(c.check("{\r\r\n  \"displayName\": 'x'\r}", opts()), {{"json-syntax", "error", "", 3, 18, 21}}));
  // Invalid UTF-8 on line 2 after a lone CR.
  EXPECT_TRUE(
      reports(c.check("{\r  \"displayName\": \"Caf\xE9\"\r}", opts()), {{"json-encoding", "error", "", 2, 22, 23}}));
  // Too deep on line 3 (limit 2: the root object and one array).
  auto shallow = opts(mode::update);
  shallow.limits.max_depth = 2;
  EXPECT_TRUE(reports(c.check("{\r\"a\":\r [[1]]}", shallow), {{"json-too-deep", "error", "", 3, 3, 9}}));
  // A trailing comma: the failure is the '}' after the CR, first byte of line 2.
  EXPECT_TRUE(reports(c.check("{\"displayName\": \"x\",\r}", opts()), {{"json-syntax", "error", "", 2, 1, 21}}));
  // Truncated right after a CR: one past the last byte, which starts line 2.
  EXPECT_TRUE(reports(c.check("{\r", opts()), {{"json-syntax", "error", "", 2, 1, 2}}));
  // A raw CR inside a string is the failure itself: it stands at the end of its line.
  EXPECT_TRUE(reports(c.check("{\r\"displayName\": \"a\rb\"}", opts()), {{"json-syntax", "error", "", 2, 18, 19}}));
}

TEST(RulesJson, InputNeedNotBeTerminated) {
  // The view ends before the trailing garbage of its buffer.
  const std::string buffer = std::string(clean_create) + "}}} not JSON";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(std::string_view(buffer).substr(0, clean_create.size()), opts()), none()));
  const std::string bad = std::string(R"({
  "displayName": 5)") + "}\n  \"x\": 1";
  EXPECT_TRUE(reports(c.check(std::string_view(bad).substr(0, bad.find('}') + 1), opts(mode::update)),
                      {{"type-mismatch", "error", "/displayName", 2, 18, 19}}));
}

// ---------------------------------------------------------------------------------------------
// Types and nulls: type-mismatch, null-not-allowed, null-collection, serialized-object-text.

TEST(RulesTypes, TypeMismatch) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "expirationDate": 20260301,
  "handleSpecialCharacterConstraint": "true",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": []
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": 42 }
    ]
  },
  "licensesToAssign": [
    {
      "appliesTo": "student",
      "skuIds": "6fd2c87f-b296-42f0-b197-1e91e994b900"
    }
  ]
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"type-mismatch", "error", "/expirationDate", 3, 21, 50, "Edm.Date"},
       {"type-mismatch", "error", "/handleSpecialCharacterConstraint", 4, 39, 98, "Edm.Boolean"},
       {"type-mismatch", "error", "/dataProvider/customizations", 7, 23, 212, "educationSynchronizationCustomizations"},
       {"type-mismatch", "error", "/identitySynchronizationConfiguration/userDomains/0/name", 12, 41, 403,
        "Edm.String"},
       {"type-mismatch", "error", "/licensesToAssign/0/skuIds", 18, 17, 495, "Edm.String"}}));
}

TEST(RulesTypes, ObjectWhereACollectionIsDeclared) {
  constexpr std::string_view input = R"({
  "licensesToAssign": {
    "appliesTo": "student"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": {
      "appliesTo": "student",
      "name": "contoso.edu"
    }
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)),
                      {{"type-mismatch", "error", "/licensesToAssign", 2, 23, 24},
                       {"type-mismatch", "error", "/identitySynchronizationConfiguration/userDomains", 7, 20, 199}}));
}

TEST(RulesTypes, RootMustBeAnObject) {
  constexpr std::string_view input = R"(
[
  { "displayName": "Contoso" }
])";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"type-mismatch", "error", "", 2, 1, 1}}));
  EXPECT_FALSE(r.valid());
}

TEST(RulesTypes, NullNotAllowedAndNullCollection) {
  constexpr std::string_view input = R"({
  "displayName": null,
  "expirationDate": null,
  "handleSpecialCharacterConstraint": null,
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "school": null,
      "student": {
        "optionalPropertiesToSync": null,
        "synchronizationStartDate": null,
        "isSyncDeferred": null
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      null,
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  },
  "licensesToAssign": null
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  // null is not "missing": no missing-required for displayName.
  EXPECT_TRUE(reports(
      r, {{"null-not-allowed", "error", "/displayName", 2, 18, 19, "null"},
          {"null-collection", "warning", "/dataProvider/customizations/student/optionalPropertiesToSync", 10, 37, 280},
          {"null-not-allowed", "error", "/identitySynchronizationConfiguration/userDomains/0", 19, 7, 527, "null"},
          {"null-collection", "warning", "/licensesToAssign", 23, 23, 622}}));
  EXPECT_NE(r.diagnostics()[0].message.find("null"), std::string_view::npos);
  EXPECT_EQ(r.diagnostics()[0].message.find("missing"), std::string_view::npos);
}

TEST(RulesTypes, NullForRequiredObjectsAndEnums) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": null,
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      {
        "appliesTo": null,
        "sourcePropertyName": "Username",
        "targetPropertyName": "userPrincipalName",
        "targetDomain": null
      }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"null-not-allowed", "error", "/dataProvider", 3, 19, 48, "null"},
                       {"null-not-allowed", "error",
                        "/identitySynchronizationConfiguration/matchingOptions/0/appliesTo", 8, 22, 230, "null"}}));
}

// docs/rules.md "Expansion": a customization entity sent as null counts as omitted; the checker
// reports nothing for it (every entity is nullable), on every provider and in every mode.
TEST(RulesTypes, NullCustomizationEntitiesAreOmitted) {
  const std::string providers[] = {
      R"("@odata.type": "#microsoft.graph.educationCsvDataProvider")",
      R"("@odata.type": "#microsoft.graph.educationPowerSchoolDataProvider", "clientId": "c", "connectionUrl": "https://ps.contoso.edu/")",
      R"("@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider", "connectionUrl": "https://or.contoso.edu/",
    "connectionSettings": { "@odata.type": "#microsoft.graph.educationSynchronizationOAuth1ConnectionSettings", "clientId": "c" })"};
  const std::string all_null =
      R"({ "school": null, "section": null, "student": null, "teacher": null, "studentEnrollment": null, "teacherRoster": null })";
  sdsprofile::checker c;
  for (const std::string& provider : providers)
    for (const std::string& customizations :
         {all_null, std::string(R"({ "student": null, "school": null })"), std::string("null")})
      for (const mode m : {mode::create, mode::update, mode::resource}) {
        const std::string input = std::string(R"({
  "displayName": "Contoso",)") +
                                  (m == mode::resource ? R"(
  "id": "86904b1e-c7d0-4ead-b13a-98f11fc400ee", "state": "provisioning",)"
                                                       : "") +
                                  R"(
  "dataProvider": {
    )" + provider + R"(,
    "customizations": )" + customizations +
                                  R"(
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [ { "appliesTo": "student", "name": "contoso.edu" } ]
  }
})";
        SCOPED_TRACE(input);
        EXPECT_TRUE(reports(c.check(input, opts(m)), none()));
      }
}

TEST(RulesTypes, SerializedObjectText) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": "System.Collections.Hashtable"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": "System.Object[]"
  },
  "licensesToAssign": [
    "System.Collections.Hashtable"
  ]
})";
  sdsprofile::checker c;
  EXPECT_TRUE(
      reports(c.check(input, opts()),
              {{"serialized-object-text", "error", "/dataProvider/customizations", 5, 23, 136},
               {"serialized-object-text", "error", "/identitySynchronizationConfiguration/userDomains", 9, 20, 313},
               {"serialized-object-text", "error", "/licensesToAssign/0", 12, 5, 364}}));
}

// ---------------------------------------------------------------------------------------------
// missing-required: one diagnostic per absent property, at the object that lacks it.

TEST(RulesRequired, EmptyBody) {
  constexpr std::string_view input = R"({
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"missing-required", "error", "", 1, 1, 0, "\"displayName\""},
                       {"missing-required", "error", "", 1, 1, 0, "\"dataProvider\""},
                       {"missing-required", "error", "", 1, 1, 0, "\"identitySynchronizationConfiguration\""}}));
}

TEST(RulesRequired, OneRosterOAuth2AndMatching) {
  constexpr std::string_view input = R"({
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionSettings": {
      "@odata.type": "#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings"
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      {
        "targetDomain": "contoso.edu"
      }
    ]
  }
})";
  constexpr std::string_view options_path = "/identitySynchronizationConfiguration/matchingOptions/0";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"missing-required", "error", "", 1, 1, 0, "\"displayName\""},
                       {"missing-required", "error", "/dataProvider", 2, 19, 20, "\"connectionUrl\""},
                       {"missing-required", "error", "/dataProvider/connectionSettings", 4, 27, 121, "\"clientId\""},
                       {"missing-required", "error", "/dataProvider/connectionSettings", 4, 27, 121, "\"tokenUrl\""},
                       {"missing-required", "error", options_path, 11, 7, 393, "\"appliesTo\""},
                       {"missing-required", "error", options_path, 11, 7, 393, "\"sourcePropertyName\""},
                       {"missing-required", "error", options_path, 11, 7, 393, "\"targetPropertyName\""}}));
}

TEST(RulesRequired, PowerSchoolAndCreationConfiguration) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationPowerSchoolDataProvider",
    "schoolYear": "2026"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration"
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(
      reports(c.check(input, opts()),
              {{"missing-required", "error", "/dataProvider", 3, 19, 48, "\"clientId\""},
               {"missing-required", "error", "/dataProvider", 3, 19, 48, "\"connectionUrl\""},
               {"missing-required", "error", "/identitySynchronizationConfiguration", 7, 43, 194, "\"userDomains\""}}));
}

TEST(RulesRequired, OAuth1ClientIdAndIdentityDomain) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionUrl": "https://oneroster.contoso.edu/ims/oneroster/v1p1",
    "connectionSettings": {
      "@odata.type": "#microsoft.graph.educationSynchronizationOAuth1ConnectionSettings",
      "clientSecret": "s3cret"
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      {}
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"missing-required", "error", "/dataProvider/connectionSettings", 6, 27, 222, "\"clientId\""},
       {"missing-required", "error", "/identitySynchronizationConfiguration/userDomains/0", 14, 7, 505,
        "\"appliesTo\""},
       {"missing-required", "error", "/identitySynchronizationConfiguration/userDomains/0", 14, 7, 505, "\"name\""}}));
}

TEST(RulesRequired, ConnectionSettingsAndMatchingOptions) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionUrl": "https://oneroster.contoso.edu/ims/oneroster/v1p1"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration"
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"missing-required", "error", "/dataProvider", 3, 19, 48, "\"connectionSettings\""},
       {"missing-required", "error", "/identitySynchronizationConfiguration", 7, 43, 242, "\"matchingOptions\""}}));
}

// ---------------------------------------------------------------------------------------------
// Member names: unknown-property, property-name-case, read-only-property, navigation-property,
// ignored-annotation.

TEST(RulesNames, UnknownPropertyWithDidYouMean) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "displayNme": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "clientId": "sds",
    "customizations": {
      "student": {
        "optional_properties_to_sync": ["Middle Name"],
        "isSyncDefered": true
      },
      "teachers": {}
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu", "domain": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"unknown-property", "error", "/displayNme", 3, 3, 32, "displayNme", "displayName"},
       {"unknown-property", "error", "/dataProvider/clientId", 6, 5, 145, "clientId"},
       {"unknown-property",
        "error",
        "/dataProvider/customizations/student/optional_properties_to_sync",
        9,
        9,
        215,
        {},
        "optionalPropertiesToSync"},
       {"unknown-property",
        "error",
        "/dataProvider/customizations/student/isSyncDefered",
        10,
        9,
        271,
        {},
        "isSyncDeferred"},
       {"unknown-property", "error", "/dataProvider/customizations/teachers", 12, 7, 308, {}, "teacher"},
       {"unknown-property", "error", "/identitySynchronizationConfiguration/userDomains/0/domain", 18, 56, 532}}));
}

// A stray discriminator key on an object whose type is known (not abstract) is an unknown
// property whose hint names "@odata.type".
TEST(RulesNames, StrayDiscriminatorOnAConcreteTypeHintsAtOdataType) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "licensesToAssign": [
    { "odata.type": "#microsoft.graph.educationSynchronizationLicenseAssignment", "appliesTo": "teacher" },
    { "@type": "#microsoft.graph.educationSynchronizationLicenseAssignment" }
  ]
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)),
                      {{"unknown-property", "error", "/licensesToAssign/0/odata.type", at(input, "\"odata.type\""),
                        "\"odata.type\" is not a property of educationSynchronizationLicenseAssignment.",
                        "Did you mean \"@odata.type\"? \"odata.type\" is not the OData type annotation."},
                       {"ignored-annotation",
                        "warning",
                        "/licensesToAssign/1/@type",
                        at(input, "\"@type\""),
                        {},
                        "Did you mean \"@odata.type\"? \"@type\" is not the OData type annotation."}}));
}

TEST(RulesNames, UnknownPropertyHistoricNames) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataSource": "csv",
  "dateFormat": "MM/dd/yyyy",
  "termStartDate": "2018-09-01",
  "termEndDate": "2019-06-30",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(
      reports(c.check(input, opts()), {{"unknown-property", "error", "/dataSource", 3, 3, 32, {}, "dataProvider"},
                                       {"unknown-property", "error", "/dateFormat", 4, 3, 55, {}, any_hint},
                                       {"unknown-property", "error", "/termStartDate", 5, 3, 85, {}, "termIds"},
                                       {"unknown-property", "error", "/termEndDate", 6, 3, 118, {}, "termIds"}}));
}

// docs/rules.md unknown-property: a did-you-mean only when the name is at most 2 edits and a third
// of the longer name away ("x" and "ab" are not near "id"); historic names match in any case.
TEST(RulesNames, DidYouMeanOnlyWhenNearAndHistoricNamesInAnyCase) {
  constexpr std::string_view input = R"({"x":1,"ab":2,"ids":3,"displayNam":"C","DataSource":"csv","TERMSTARTDATE":""})";
  sdsprofile::checker c;
  const sdsprofile::report& r = c.check(input, opts(mode::update));
  std::string hints;
  for (const sdsprofile::diagnostic& d : r.diagnostics())
    hints += std::string(d.path) + " " + std::string(sdsprofile::to_string(d.code)) + ": " + std::string(d.hint) + "\n";
  EXPECT_EQ(hints,
            "/x unknown-property: \n"
            "/ab unknown-property: \n"
            "/ids unknown-property: Did you mean \"id\"?\n"
            "/displayNam unknown-property: Did you mean \"displayName\"?\n"
            "/DataSource unknown-property: \"dataSource\" is a historic name: early preview bodies used 'dataSource'; "
            "the property is 'dataProvider'. Use \"dataProvider\".\n"
            "/TERMSTARTDATE unknown-property: \"termStartDate\" is a historic name: dropped in 2019-02; terms are now "
            "chosen with termIds on the OneRoster provider. Use \"termIds\".\n");
}

// docs/rules.md unknown-odata-type: the nearest assignable type only when it is near; otherwise the
// hint lists the types that fit.
TEST(RulesOdataType, FarFromEveryTypeListsTheConcreteTypes) {
  constexpr std::string_view input = R"({"dataProvider":{"@odata.type":"#microsoft.graph.x"}})";
  sdsprofile::checker c;
  const sdsprofile::report& r = c.check(input, opts(mode::update));
  ASSERT_EQ(r.diagnostics().size(), 1u);
  EXPECT_EQ(r.diagnostics()[0].hint,
            "Use one of \"#microsoft.graph.educationCsvDataProvider\", \"#microsoft.graph."
            "educationPowerSchoolDataProvider\" or \"#microsoft.graph.educationOneRosterApiDataProvider\".");
}

TEST(RulesNames, PropertyNameCaseCountsAsPresent) {
  constexpr std::string_view input = R"({
  "DisplayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "Customizations": {}
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "Name": "contoso.edu" }
    ]
  },
  "licensesToAssign": [
    {
      "appliesTo": "student",
      "SkuIds": ["6fd2c87f-b296-42f0-b197-1e91e994b900"]
    }
  ]
})";
  sdsprofile::checker c;
  // No missing-required for displayName nor name: the miscased names count as present.
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"property-name-case", "error", "/DisplayName", 2, 3, 4, {}, "displayName"},
                       {"property-name-case", "error", "/dataProvider/Customizations", 5, 5, 118, {}, "customizations"},
                       {"property-name-case",
                        "error",
                        "/identitySynchronizationConfiguration/userDomains/0/Name",
                        10,
                        33,
                        319,
                        {},
                        "name"},
                       {"property-name-case", "error", "/licensesToAssign/0/SkuIds", 16, 7, 420, {}, "skuIds"}}));
}

TEST(RulesNames, PointerEscapingAndDecodedNames) {
  constexpr std::string_view input = R"({
  "school/section": 1,
  "a~b": 2,
  "dis\u0070layName": "Contoso",
  "displayName": "Fabrikam",
  "Display Name": "Contoso"
})";
  sdsprofile::checker c;
  // Names compare after JSON unescaping: "dis\u0070layName" is "displayName", so the second
  // "displayName" is a duplicate. "Display Name" folds to displayName (spaces ignored).
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)),
                      {{"unknown-property", "error", "/school~1section", 2, 3, 4},
                       {"unknown-property", "error", "/a~0b", 3, 3, 27},
                       {"json-duplicate-key", "error", "/displayName", 5, 3, 72},
                       {"unknown-property", "error", "/Display Name", 6, 3, 101, {}, "displayName"}}));
}

TEST(RulesNames, RootOdataType) {
  constexpr std::string_view canonical = R"({
  "@odata.type": "#microsoft.graph.educationSynchronizationProfile",
  "displayName": 5
})";
  constexpr std::string_view other = R"({
  "@odata.type": "#microsoft.graph.educationCsvDataProvider",
  "displayName": 5
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(canonical, opts(mode::update)), {{"type-mismatch", "error", "/displayName", 3, 18, 88}}));
  // Not derived: nothing below is checked (no type-mismatch).
  EXPECT_TRUE(
      reports(c.check(other, opts(mode::update)), {{"odata-type-not-derived", "error", "/@odata.type", 2, 18, 19}}));
}

// The profile's own type on the root, in any accepted form and place: a non-canonical one is only
// odata-type-noncanonical (a warning) and the body stays valid; expansion drops it (expand_test).
TEST(RulesNames, RootOdataTypeNoncanonicalAndLate) {
  const std::string body = std::string(clean_create);
  sdsprofile::checker c;
  for (const char* value : {"graph.educationSynchronizationProfile", "#microsoft.graph.EDUCATIONSYNCHRONIZATIONPROFILE",
                            "#GRAPH.educationSynchronizationProfile"}) {
    SCOPED_TRACE(value);
    const std::string annotation = std::string("\"@odata.type\": \"") + value + "\"";
    const std::string first = "{\n  " + annotation + "," + body.substr(1);
    const auto& r = c.check(first, opts());
    EXPECT_TRUE(reports(r, {{"odata-type-noncanonical",
                             "warning",
                             "/@odata.type",
                             at(first, std::string("\"") + value),
                             {},
                             "#microsoft.graph.educationSynchronizationProfile"}}));
    EXPECT_TRUE(r.valid());
    const std::string last = body.substr(0, body.size() - 2) + ",\n  " + annotation + "\n}";
    EXPECT_TRUE(reports(c.check(last, opts()),
                        {{"odata-type-noncanonical", "warning", "/@odata.type", at(last, std::string("\"") + value)}}));
  }
}

constexpr std::string_view read_only_body = R"({
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#education/synchronizationProfiles/$entity",
  "id": "86904b1e-c7d0-4ead-b13a-98f11fc400ee",
  "displayName": "Contoso",
  "state": "provisioning",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "@odata.etag": "W/\"1\""
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  },
  "errors": [],
  "profileStatus": {
    "status": "inProgress"
  }
})";

TEST(RulesNames, ReadOnlyNavigationAndAnnotationsInCreateAndUpdate) {
  for (const mode m : {mode::create, mode::update}) {
    SCOPED_TRACE(sdsprofile::to_string(m));
    sdsprofile::checker c;
    const auto& r = c.check(read_only_body, opts(m));
    EXPECT_TRUE(reports(r, {{"ignored-annotation", "warning", "/@odata.context", 2, 3, 4},
                            {"read-only-property", "warning", "/id", 3, 3, 112},
                            {"read-only-property", "warning", "/state", 5, 3, 188},
                            {"ignored-annotation", "warning", "/dataProvider/@odata.etag", 8, 5, 301},
                            {"navigation-property", "error", "/errors", 16, 3, 543},
                            {"navigation-property", "error", "/profileStatus", 17, 3, 559}}));
    EXPECT_FALSE(r.valid());
    EXPECT_EQ(r.error_count(), 2u);
    EXPECT_EQ(r.warning_count(), 4u);
  }
}

// ---------------------------------------------------------------------------------------------
// @odata.type: odata-type-missing, unknown-odata-type, abstract-type, odata-type-not-derived,
// odata-type-noncanonical. Nothing below an unresolved @odata.type is checked.

TEST(RulesOdataType, MissingWithHintFromTheProperties) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "customizations": {
      "student": { "optionalPropertiesToSync": ["no such attribute"] }
    }
  },
  "identitySynchronizationConfiguration": {
    "matchingOptions": [
      { "appliesTo": "Student", "sourcePropertyName": "Username", "targetPropertyName": "userPrincipalName" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"odata-type-missing", "error", "/dataProvider", 3, 19, 48, {}, "educationCsvDataProvider"},
                       {"odata-type-missing",
                        "error",
                        "/identitySynchronizationConfiguration",
                        8,
                        43,
                        198,
                        {},
                        "educationIdentityMatchingConfiguration"}}));
}

TEST(RulesOdataType, MissingOnConnectionSettingsAndCreation) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionUrl": "https://oneroster.contoso.edu/ims/oneroster/v1p1",
    "connectionSettings": {
      "clientId": "",
      "tokenUrl": "https://oneroster.contoso.edu/token"
    }
  },
  "identitySynchronizationConfiguration": {
    "userDomains": []
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()), {{"odata-type-missing",
                                                "error",
                                                "/dataProvider/connectionSettings",
                                                6,
                                                27,
                                                222,
                                                {},
                                                "educationSynchronizationOAuth2ClientCredentialsConnectionSettings"},
                                               {"odata-type-missing",
                                                "error",
                                                "/identitySynchronizationConfiguration",
                                                11,
                                                43,
                                                355,
                                                {},
                                                "educationIdentityCreationConfiguration"}}));
}

TEST(RulesOdataType, UnknownWithCanonicalHint) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#Microsoft.Education.DataSync.educationCsvDataProvider",
    "customizations": 5
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.identityCreationConfiguration",
    "userDomains": []
  },
  "licensesToAssign": [
    {
      "@odata.type": "educationSynchronizationLicenseAssignment",
      "skuIds": ["not a guid"]
    }
  ]
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"unknown-odata-type", "error", "/dataProvider/@odata.type", 4, 20, 69,
                        "for an educationSynchronizationDataProvider.", "#microsoft.graph.educationCsvDataProvider"},
                       {"unknown-odata-type",
                        "error",
                        "/identitySynchronizationConfiguration/@odata.type",
                        8,
                        20,
                        219,
                        {},
                        "#microsoft.graph.educationIdentityCreationConfiguration"},
                       {"unknown-odata-type",
                        "error",
                        "/licensesToAssign/0/@odata.type",
                        13,
                        22,
                        347,
                        {},
                        "#microsoft.graph.educationSynchronizationLicenseAssignment"}}));
}

TEST(RulesOdataType, UnknownTypoWithDidYouMean) {
  constexpr std::string_view input = R"({
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionSettings": {
      "@odata.type": "#microsoft.graph.educationSynchronizationOAuth2ConnectionSettings",
      "clientId": ""
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvidr"
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)),
                      {{"unknown-odata-type",
                        "error",
                        "/dataProvider/connectionSettings/@odata.type",
                        5,
                        22,
                        144,
                        {},
                        "#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings"},
                       {"unknown-odata-type",
                        "error",
                        "/identitySynchronizationConfiguration/@odata.type",
                        10,
                        20,
                        308,
                        {},
                        any_hint}}));
}

TEST(RulesOdataType, AbstractAtTheTop) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationSynchronizationDataProvider",
    "customizations": 5
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentitySynchronizationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"abstract-type", "error", "/dataProvider/@odata.type", 4, 20, 69,
                           "; an educationSynchronizationDataProvider needs one of", "educationCsvDataProvider"},
                          {"abstract-type",
                           "error",
                           "/identitySynchronizationConfiguration/@odata.type",
                           8,
                           20,
                           218,
                           {},
                           "educationIdentityCreationConfiguration"}}));
  // When no single type fits, the hint lists every concrete type; when the properties present fit
  // one type (userDomains), the hint names that one (case c09's note).
  ASSERT_EQ(r.diagnostics().size(), 2u);
  for (std::string_view t : {"educationOneRosterApiDataProvider", "educationPowerSchoolDataProvider"})
    EXPECT_NE(r.diagnostics()[0].hint.find(t), std::string_view::npos) << t;
  EXPECT_EQ(r.diagnostics()[1].hint.find("educationIdentityMatchingConfiguration"), std::string_view::npos);
}

TEST(RulesOdataType, AbstractConnectionSettingsAndCustomizations) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionUrl": "https://oneroster.contoso.edu/ims/oneroster/v1p1",
    "connectionSettings": {
      "@odata.type": "#microsoft.graph.educationSynchronizationConnectionSettings",
      "clientId": "sds"
    },
    "customizations": {
      "@odata.type": "#microsoft.graph.educationSynchronizationCustomizationsBase",
      "student": 5
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"abstract-type",
                           "error",
                           "/dataProvider/connectionSettings/@odata.type",
                           7,
                           22,
                           245,
                           {},
                           "educationSynchronizationOAuth1ConnectionSettings"},
                          {"abstract-type",
                           "error",
                           "/dataProvider/customizations/@odata.type",
                           11,
                           22,
                           384,
                           {},
                           "educationSynchronizationCustomizations"}}));
  ASSERT_EQ(r.diagnostics().size(), 2u);
  EXPECT_NE(r.diagnostics()[0].hint.find("educationSynchronizationOAuth2ClientCredentialsConnectionSettings"),
            std::string_view::npos);
}

TEST(RulesOdataType, NotDerived) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": []
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      {
        "@odata.type": "#microsoft.graph.educationIdentityDomain",
        "appliesTo": "student",
        "name": "contoso.edu"
      }
    ]
  },
  "licensesToAssign": [
    {
      "@odata.type": "#microsoft.graph.educationCsvDataProvider",
      "appliesTo": "student"
    }
  ]
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"odata-type-not-derived", "error", "/dataProvider/@odata.type", 4, 20, 69},
                       {"odata-type-not-derived", "error",
                        "/identitySynchronizationConfiguration/matchingOptions/0/@odata.type", 11, 24, 333},
                       {"licenses-ignored", "warning", "/licensesToAssign", 17, 23, 480},
                       {"odata-type-not-derived", "error", "/licensesToAssign/0/@odata.type", 19, 22, 509}}));
}

TEST(RulesOdataType, NoncanonicalIsAcceptedAndCheckedBelow) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationcsvdataprovider",
    "customizations": {
      "student": {
        "optionalPropertiesToSync": ["middleName"]
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  },
  "licensesToAssign": [
    {
      "@odata.type": "#graph.educationSynchronizationLicenseAssignment",
      "appliesTo": "student",
      "skuIds": ["6fd2c87f-b296-42f0-b197-1e91e994b900"]
    }
  ]
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(
      r, {{"odata-type-noncanonical", "warning", "/dataProvider/@odata.type", 4, 20, 69},
          {"unknown-optional-property",
           "error",
           "/dataProvider/customizations/student/optionalPropertiesToSync/0",
           7,
           38,
           194,
           {},
           "Middle Name"},
          {"odata-type-noncanonical", "warning", "/identitySynchronizationConfiguration/@odata.type", 12, 20, 290},
          {"odata-type-noncanonical", "warning", "/licensesToAssign/0/@odata.type", 19, 22, 487}}));
}

// docs/rules.md "Vocabulary": a second "@odata.type" in one object is json-duplicate-key only, on
// every kind of object and path: first or late discriminator, exact or wrong-case, a third one.
TEST(RulesOdataType, SecondOdataTypeIsADuplicateKeyOnly) {
  constexpr std::string_view input = R"({
  "@odata.type": "#microsoft.graph.educationSynchronizationProfile",
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@OData.Type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu", "@odata.type": "#microsoft.graph.educationIdentityDomain",
        "@odata.type": "#microsoft.graph.educationIdentityDomain" }
    ],
    "@OData.Type": "#microsoft.graph.educationIdentityCreationConfiguration"
  },
  "licensesToAssign": [
    { "appliesTo": "student", "@odata.type": "#microsoft.graph.educationSynchronizationLicenseAssignment",
      "@odata.type": "#microsoft.graph.educationSynchronizationLicenseAssignment", "@odata.type": 5 }
  ],
  "@odata.type": "#microsoft.graph.educationSynchronizationProfile"
})";
  constexpr std::string_view key = "\"@odata.type\"", wrong = "\"@OData.Type\"";
  sdsprofile::checker c;
  for (const mode m : {mode::create, mode::update, mode::resource}) {
    SCOPED_TRACE(sdsprofile::to_string(m));
    std::vector<want> expected;
    if (m == mode::resource) {
      expected.push_back({"missing-required", "error", "", at(input, "{"), "\"id\""});
      expected.push_back({"missing-required", "error", "", at(input, "{"), "\"state\""});
    }
    const std::vector<want> rest = {
        {"json-duplicate-key", "error", "/dataProvider/@odata.type", at(input, key, 2), "@odata.type"},
        {"property-name-case", "error", "/identitySynchronizationConfiguration/@OData.Type", at(input, wrong, 0),
         "service would see no type", "Write \"@odata.type\"."},
        {"json-duplicate-key", "error", "/identitySynchronizationConfiguration/userDomains/0/@odata.type",
         at(input, key, 4)},
        {"json-duplicate-key", "error", "/identitySynchronizationConfiguration/@OData.Type", at(input, wrong, 1),
         "@OData.Type"},
        {"json-duplicate-key", "error", "/licensesToAssign/0/@odata.type", at(input, key, 6)},
        {"json-duplicate-key", "error", "/licensesToAssign/0/@odata.type", at(input, key, 7)},
        {"json-duplicate-key", "error", "/@odata.type", at(input, key, 8)}};
    expected.insert(expected.end(), rest.begin(), rest.end());
    EXPECT_TRUE(reports(c.check(input, opts(m)), expected));
  }
}

// The same below a discriminator that does not resolve (nothing else is checked there), and among
// several spellings: the first one types the object; another spelling is property-name-case
// unless "@odata.type" itself is present (then it is an ignored annotation); a repeat of any
// of them is json-duplicate-key only.
TEST(RulesOdataType, SecondOdataTypeBesideOtherSpellings) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.csvDataProvider",
    "customizations": 5,
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "@OData.Type": 5
  },
  "identitySynchronizationConfiguration": {
    "userDomains": [],
    "@ODATA.TYPE": "#microsoft.graph.educationIdentityCreationConfiguration",
    "@OData.Type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "@ODATA.TYPE": 5
  },
  "licensesToAssign": [
    { "@OData.Type": "x", "@odata.type": "#microsoft.graph.educationSynchronizationLicenseAssignment",
      "@OData.Type": "y", "skuIds": [] }
  ]
})";
  sdsprofile::checker c;
  EXPECT_TRUE(
      reports(c.check(input, opts()),
              {{"unknown-odata-type",
                "error",
                "/dataProvider/@odata.type",
                at(input, "\"#microsoft.graph.csvDataProvider\""),
                {},
                "#microsoft.graph.educationCsvDataProvider"},
               {"json-duplicate-key", "error", "/dataProvider/@odata.type", at(input, "\"@odata.type\"", 1)},
               {"empty-collection", "error", "/identitySynchronizationConfiguration/userDomains", at(input, "[]")},
               {"property-name-case", "error", "/identitySynchronizationConfiguration/@ODATA.TYPE",
                at(input, "\"@ODATA.TYPE\""), "service would see no type", "Write \"@odata.type\"."},
               {"property-name-case", "error", "/identitySynchronizationConfiguration/@OData.Type",
                at(input, "\"@OData.Type\"", 1), "service would see no type"},
               {"json-duplicate-key", "error", "/identitySynchronizationConfiguration/@ODATA.TYPE",
                at(input, "\"@ODATA.TYPE\"", 1)},
               {"ignored-annotation", "warning", "/licensesToAssign/0/@OData.Type", at(input, "\"@OData.Type\"", 2)},
               {"json-duplicate-key", "error", "/licensesToAssign/0/@OData.Type", at(input, "\"@OData.Type\"", 3)},
               {"empty-collection", "warning", "/licensesToAssign/0/skuIds", at(input, "[] }")}}));
}

// docs/rules.md "Vocabulary": "odata.type", "type", "@type" (and the other stray discriminators of
// schemas/model.json, compared ignoring ASCII case) leave an abstract-typed object untyped:
// odata-type-missing, whose hint names the key, and nothing of their own (nothing below an
// unresolved type is checked). The hint's type is the one the key's value names when it fits.
TEST(RulesOdataType, StrayDiscriminatorsLeaveTheObjectUntyped) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": { "student": { "optionalPropertiesToSync": ["no such attribute"] } }
  },
  "identitySynchronizationConfiguration": {
    "userDomains": [ { "appliesTo": "Student", "name": "contoso" } ],
    "odata.type": "educationIdentityCreationConfiguration"
  },
  "licensesToAssign": [ { "appliesTo": "student", "type": "x", "@type": "y" } ]
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"odata-type-missing", "error", "/dataProvider", at(input, "{\n    \"type\""), "needs an \"@odata.type\"",
        "Write \"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\" in place of \"type\", which is not the "
        "OData type annotation."},
       {"odata-type-missing",
        "error",
        "/identitySynchronizationConfiguration",
        at(input, "{\n    \"userDomains\""),
        {},
        "Write \"@odata.type\": \"#microsoft.graph.educationIdentityCreationConfiguration\" in place of "
        "\"odata.type\""},
       // In a concrete position they are ordinary names.
       {"unknown-property", "error", "/licensesToAssign/0/type", at(input, "\"type\": \"x\"")},
       {"ignored-annotation", "warning", "/licensesToAssign/0/@type", at(input, "\"@type\"")}}));
}

TEST(RulesOdataType, StrayDiscriminatorHintsFromThePropertiesOrTheList) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionUrl": "https://sis.contoso.edu/",
    "connectionSettings": { "@Type": 5, "clientId": "sds", "tokenUrl": "https://sis.contoso.edu/token", "scope": 7 },
    "type": "oneRoster"
  },
  "identitySynchronizationConfiguration": {
    "$TYPE": "Contoso.Sync.MatchingConfiguration",
    "matchingOptions": []
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"odata-type-missing",
        "error",
        "/dataProvider/connectionSettings",
        at(input, "{ \"@Type\""),
        {},
        "Add \"@odata.type\": \"#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings\" "
        "(the "
        "type whose properties fit); \"@Type\" is not the OData type annotation."},
       // Beside a real "@odata.type" a stray key is an ordinary name.
       {"unknown-property", "error", "/dataProvider/type", at(input, "\"type\": \"oneRoster\"")},
       {"odata-type-missing",
        "error",
        "/identitySynchronizationConfiguration",
        at(input, "{\n    \"$TYPE\""),
        {},
        "Add \"@odata.type\": \"#microsoft.graph.educationIdentityMatchingConfiguration\" (the type whose properties "
        "fit); \"$TYPE\" is not the OData type annotation."}}));

  // No property to go by, a value naming an abstract type: the list. Update and resource mode too.
  constexpr std::string_view bare = R"({
  "displayName": "Contoso",
  "dataProvider": { "ODataType": "#microsoft.graph.educationSynchronizationDataProvider" },
  "identitySynchronizationConfiguration": { "odata_type": 5, "Odata.Type": "x", "userDomains": "none" }
})";
  for (const mode m : {mode::create, mode::update, mode::resource}) {
    SCOPED_TRACE(sdsprofile::to_string(m));
    std::vector<want> expected;
    if (m == mode::resource) {
      expected.push_back({"missing-required", "error", "", at(bare, "{"), "\"id\""});
      expected.push_back({"missing-required", "error", "", at(bare, "{"), "\"state\""});
    }
    expected.push_back({"odata-type-missing",
                        "error",
                        "/dataProvider",
                        at(bare, "{ \"ODataType\""),
                        {},
                        "Add \"@odata.type\" with one of \"#microsoft.graph.educationCsvDataProvider\", "
                        "\"#microsoft.graph.educationPowerSchoolDataProvider\" or "
                        "\"#microsoft.graph.educationOneRosterApiDataProvider\"; \"ODataType\" is not the OData type "
                        "annotation."});
    expected.push_back(
        {"odata-type-missing",
         "error",
         "/identitySynchronizationConfiguration",
         at(bare, "{ \"odata_type\""),
         {},
         "Add \"@odata.type\": \"#microsoft.graph.educationIdentityCreationConfiguration\" (the type whose "
         "properties fit); \"odata_type\" is not the OData type annotation."});
    EXPECT_TRUE(reports(c.check(bare, opts(m)), expected));
  }
}

// docs/rules.md "Vocabulary": "@OData.Type" is property-name-case, and its value still types the
// object in the same pass, wherever it stands: the root, abstract positions (first or after other
// members), concrete ones (customizations, a customization, matching options, licence items).
TEST(RulesOdataType, WrongCaseDiscriminatorStillTypesTheObject) {
  constexpr std::string_view input = R"({
  "@OData.Type": "#microsoft.graph.educationSynchronizationProfile",
  "displayName": 5,
  "dataProvider": {
    "connectionUrl": "http://ps.contoso.edu",
    "@odata.Type": "#microsoft.graph.educationPowerSchoolDataProvider",
    "clientId": "",
    "customizations": {
      "@ODATA.TYPE": "#microsoft.graph.educationSynchronizationCustomizations",
      "student": { "isSyncDeferred": "yes", "@OData.Type": "#microsoft.graph.educationSynchronizationCustomization" }
    }
  },
  "identitySynchronizationConfiguration": {
    "@OData.Type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      { "appliesTo": "student", "sourcePropertyName": "username", "targetPropertyName": "userPrincipalName",
        "@OData.Type": "#microsoft.graph.educationIdentityMatchingOptions" }
    ]
  },
  "licensesToAssign": [
    { "appliesTo": "Student", "@OData.Type": "#Microsoft.Graph.educationSynchronizationLicenseAssignment" }
  ]
})";
  constexpr std::string_view wrong = "\"@OData.Type\"";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"property-name-case", "error", "/@OData.Type", at(input, wrong, 0), "service would see no type",
        "Write \"@odata.type\"."},
       {"type-mismatch", "error", "/displayName", at(input, "5,")},
       {"insecure-url", "warning", "/dataProvider/connectionUrl", at(input, "\"http://ps")},
       {"property-name-case", "error", "/dataProvider/@odata.Type", at(input, "\"@odata.Type\"")},
       {"empty-value", "error", "/dataProvider/clientId", at(input, "\"\"")},
       {"property-name-case", "error", "/dataProvider/customizations/@ODATA.TYPE", at(input, "\"@ODATA.TYPE\"")},
       {"type-mismatch", "error", "/dataProvider/customizations/student/isSyncDeferred", at(input, "\"yes\"")},
       {"property-name-case", "error", "/dataProvider/customizations/student/@OData.Type", at(input, wrong, 1)},
       {"property-name-case", "error", "/identitySynchronizationConfiguration/@OData.Type", at(input, wrong, 2)},
       {"case-sensitive-value",
        "error",
        "/identitySynchronizationConfiguration/matchingOptions/0/sourcePropertyName",
        at(input, "\"username\""),
        {},
        "Username"},
       {"property-name-case", "error", "/identitySynchronizationConfiguration/matchingOptions/0/@OData.Type",
        at(input, wrong, 3)},
       {"licenses-ignored", "warning", "/licensesToAssign", at(input, "[\n    { \"appliesTo\": \"Student\"")},
       {"invalid-enum", "error", "/licensesToAssign/0/appliesTo", at(input, "\"Student\"")},
       {"property-name-case", "error", "/licensesToAssign/0/@OData.Type", at(input, wrong, 4)},
       {"odata-type-noncanonical",
        "warning",
        "/licensesToAssign/0/@OData.Type",
        at(input, "\"#Microsoft.Graph."),
        {},
        "#microsoft.graph.educationSynchronizationLicenseAssignment"}}));

  // Late on the root, and in resource mode (where other annotations are silent, this is not).
  constexpr std::string_view late_root = R"({
  "displayName": 5,
  "id": "86904b1e-c7d0-4ead-b13a-98f11fc400ee",
  "state": "provisioning",
  "@OData.Type": "#microsoft.graph.educationCsvDataProvider",
  "dataProvider": 5
})";
  // Its value is used: a type the root cannot have leaves the whole body unchecked ...
  EXPECT_TRUE(reports(c.check(late_root, opts(mode::update)),
                      {{"property-name-case", "error", "/@OData.Type", at(late_root, "\"@OData.Type\"")},
                       {"odata-type-not-derived", "error", "/@OData.Type", at(late_root, "\"#microsoft")}}));
  // ... and the profile's own type checks it as usual.
  std::string own_type(late_root);
  own_type.replace(own_type.find("educationCsvDataProvider"), 24, "educationSynchronizationProfile");
  EXPECT_TRUE(reports(c.check(own_type, opts(mode::update)),
                      {{"type-mismatch", "error", "/displayName", at(own_type, "5,")},
                       {"read-only-property", "warning", "/id", at(own_type, "\"id\"")},
                       {"read-only-property", "warning", "/state", at(own_type, "\"state\"")},
                       {"property-name-case", "error", "/@OData.Type", at(own_type, "\"@OData.Type\"")},
                       {"type-mismatch", "error", "/dataProvider", at(own_type, "5\n")}}));
  constexpr std::string_view resource = R"({
  "displayName": 5,
  "id": "86904b1e-c7d0-4ead-b13a-98f11fc400ee",
  "state": "provisioning",
  "@OData.Type": "#microsoft.graph.educationSynchronizationProfile",
  "dataProvider": { "@odata.type": "#microsoft.graph.educationCsvDataProvider", "@OData.Type": 5 },
  "identitySynchronizationConfiguration": { "@OData.Type": "#microsoft.graph.educationIdentityMatchingConfiguration", "matchingOptions": [] }
})";
  EXPECT_TRUE(reports(
      c.check(resource, opts(mode::resource)),
      {{"type-mismatch", "error", "/displayName", at(resource, "5,")},
       {"property-name-case", "error", "/@OData.Type", at(resource, "\"@OData.Type\"", 0)},
       {"property-name-case", "error", "/identitySynchronizationConfiguration/@OData.Type",
        at(resource, "\"@OData.Type\"", 2)},
       {"empty-collection", "error", "/identitySynchronizationConfiguration/matchingOptions", at(resource, "[]")}}));
}

// ---------------------------------------------------------------------------------------------
// Roles: invalid-enum, role-not-supported, duplicate-applies-to, role-without-domain,
// licenses-ignored.

TEST(RulesRoles, EnumMembersAndCoverage) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "Student", "name": "contoso.edu" },
      { "appliesTo": "teacher", "name": "contoso.edu" },
      { "appliesTo": "none", "name": "contoso.edu" },
      { "appliesTo": "teacher", "name": "faculty.contoso.edu" },
      { "appliesTo": "unknownFutureValue", "name": "contoso.edu" },
      { "appliesTo": "principal", "name": "contoso.edu" }
    ]
  },
  "licensesToAssign": [
    {
      "appliesTo": "teacher",
      "skuIds": ["94763226-9b3c-4e75-a931-5c89701abe66"]
    },
    {
      "appliesTo": "student",
      "skuIds": ["314c4481-f395-4525-be8b-2ec4bb1e9d91"]
    }
  ]
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(
      r,
      {{"invalid-enum", "error", "/identitySynchronizationConfiguration/userDomains/0/appliesTo", 9, 22, 282, "faculty",
        "student"},
       {"role-not-supported", "warning", "/identitySynchronizationConfiguration/userDomains/2/appliesTo", 11, 22, 396},
       {"duplicate-applies-to", "error", "/identitySynchronizationConfiguration/userDomains/3/appliesTo", 12, 22, 450,
        "teacher"},
       {"role-not-supported", "warning", "/identitySynchronizationConfiguration/userDomains/4/appliesTo", 13, 22, 515},
       {"invalid-enum", "error", "/identitySynchronizationConfiguration/userDomains/5/appliesTo", 14, 22, 583},
       {"role-without-domain", "warning", "/licensesToAssign/1/appliesTo", 23, 20, 780, "student"}}));
}

TEST(RulesRoles, DuplicatesAndLicensesWithMatching) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      {
        "appliesTo": "student",
        "sourcePropertyName": "Username",
        "targetPropertyName": "userPrincipalName",
        "targetDomain": "contoso.edu"
      },
      {
        "appliesTo": "student",
        "sourcePropertyName": "SIS ID",
        "targetPropertyName": "mail"
      }
    ]
  },
  "licensesToAssign": [
    { "appliesTo": "teacher", "skuIds": ["94763226-9b3c-4e75-a931-5c89701abe66"] },
    { "appliesTo": "teacher", "skuIds": [] }
  ]
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  // A matching configuration: no role-without-domain, but the licences are ignored.
  EXPECT_TRUE(reports(r, {{"duplicate-applies-to", "error",
                           "/identitySynchronizationConfiguration/matchingOptions/1/appliesTo", 16, 22, 474},
                          {"licenses-ignored", "warning", "/licensesToAssign", 22, 23, 603},
                          {"duplicate-applies-to", "error", "/licensesToAssign/1/appliesTo", 24, 20, 708},
                          {"empty-collection", "warning", "/licensesToAssign/1/skuIds", 24, 41, 729}}));
}

TEST(RulesRoles, LicencesBeforeTheIdentityConfiguration) {
  // role-without-domain needs the userDomains that follow; the report is still in document order.
  constexpr std::string_view input = R"({
  "licensesToAssign": [
    { "appliesTo": "faculty", "skuIds": ["6fd2c87f-b296-42f0-b197-1e91e994b900"] },
    { "appliesTo": "none" },
    { "appliesTo": "Teacher" }
  ],
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "Student", "name": "contoso.edu" },
      { "appliesTo": "teacher", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)),
                      {{"role-without-domain", "warning", "/licensesToAssign/0/appliesTo", 3, 20, 45, "faculty"},
                       {"role-not-supported", "warning", "/licensesToAssign/1/appliesTo", 4, 20, 129},
                       {"invalid-enum", "error", "/licensesToAssign/2/appliesTo", 5, 20, 158, {}, "teacher"},
                       {"invalid-enum",
                        "error",
                        "/identitySynchronizationConfiguration/userDomains/0/appliesTo",
                        10,
                        22,
                        339,
                        {},
                        "student"}}));
}

TEST(RulesRoles, MatchingOptionRoles) {
  constexpr std::string_view input = R"({
  "licensesToAssign": [
    { "appliesTo": "teacher" }
  ],
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      { "appliesTo": "unknownFutureValue", "sourcePropertyName": "Username", "targetPropertyName": "mail" },
      { "appliesTo": "faculty", "sourcePropertyName": "Username", "targetPropertyName": "mail" }
    ]
  }
})";
  sdsprofile::checker c;
  // The licensed role has no domain, but with a matching configuration only licenses-ignored applies.
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)),
                      {{"licenses-ignored", "warning", "/licensesToAssign", 2, 23, 24},
                       {"role-not-supported", "warning",
                        "/identitySynchronizationConfiguration/matchingOptions/0/appliesTo", 8, 22, 230}}));
}

// ---------------------------------------------------------------------------------------------
// SKUs and collections: invalid-guid, nil-guid, duplicate-value, empty-collection.

TEST(RulesSkus, GuidRules) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  },
  "licensesToAssign": [
    {
      "appliesTo": "student",
      "skuIds": [
        "{6FD2C87F-B296-42F0-B197-1E91E994B900}",
        "6FD2C87F-B296-42F0-B197-1E91E994B900",
        "6fd2c87f-b296-42f0-b197-1e91e994b900",
        "00000000-0000-0000-0000-000000000000",
        "STANDARDWOFFPACK_STUDENT",
        "6fd2c87f-b296-42f0-b197-1e91e994b9zz",
        "6fd2c87f-b296-42f0-b197-1e91e994b9"
      ]
    }
  ]
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"invalid-guid",
                           "error",
                           "/licensesToAssign/0/skuIds/0",
                           16,
                           9,
                           414,
                           {},
                           "6fd2c87f-b296-42f0-b197-1e91e994b900"},
                          {"duplicate-value", "warning", "/licensesToAssign/0/skuIds/2", 18, 9, 512},
                          {"nil-guid", "warning", "/licensesToAssign/0/skuIds/3", 19, 9, 560},
                          {"invalid-guid", "error", "/licensesToAssign/0/skuIds/4", 20, 9, 608},
                          {"invalid-guid", "error", "/licensesToAssign/0/skuIds/5", 21, 9, 644},
                          {"invalid-guid", "error", "/licensesToAssign/0/skuIds/6", 22, 9, 692}}));
  // The hint is the bare lower-case GUID, not the braced or upper-case text.
  ASSERT_FALSE(r.diagnostics().empty());
  EXPECT_EQ(r.diagnostics()[0].hint.find("{"), std::string_view::npos) << r.diagnostics()[0].hint;
  EXPECT_EQ(r.diagnostics()[0].hint.find("6FD2"), std::string_view::npos) << r.diagnostics()[0].hint;
}

TEST(RulesSkus, EmptyCollectionErrorAndWarning) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": []
  },
  "licensesToAssign": [
    {
      "skuIds": []
    }
  ]
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"empty-collection", "error", "/identitySynchronizationConfiguration/userDomains", 8, 20, 259},
                       {"empty-collection", "warning", "/licensesToAssign/0/skuIds", 12, 17, 313}}));
}

TEST(RulesSkus, EmptyMatchingOptions) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": []
  },
  "licensesToAssign": []
})";
  sdsprofile::checker c;
  // licensesToAssign: [] is not "non-empty": no licenses-ignored.
  EXPECT_TRUE(reports(c.check(input, opts()), {{"empty-collection", "error",
                                                "/identitySynchronizationConfiguration/matchingOptions", 8, 24, 263}}));
}

// ---------------------------------------------------------------------------------------------
// Strings: empty-value, invalid-domain, invalid-url, insecure-url, case-sensitive-value.

TEST(RulesStrings, EmptyValuePowerSchoolAndDomain) {
  constexpr std::string_view input = R"({
  "displayName": "   ",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationPowerSchoolDataProvider",
    "clientId": "",
    "connectionUrl": " \t "
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(
      reports(c.check(input, opts()),
              {{"empty-value", "error", "/displayName", 2, 18, 19},
               {"empty-value", "error", "/dataProvider/clientId", 5, 17, 134},
               {"empty-value", "error", "/dataProvider/connectionUrl", 6, 22, 159},
               {"empty-value", "error", "/identitySynchronizationConfiguration/userDomains/0/name", 11, 41, 354}}));
}

TEST(RulesStrings, EmptyValueOneRosterAndMatching) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionUrl": "",
    "connectionSettings": {
      "@odata.type": "#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings",
      "clientId": " ",
      "tokenUrl": ""
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      {
        "appliesTo": "teacher",
        "sourcePropertyName": "",
        "targetPropertyName": "  "
      }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"empty-value", "error", "/dataProvider/connectionUrl", 5, 22, 144},
                       {"empty-value", "error", "/dataProvider/connectionSettings/clientId", 8, 19, 301},
                       {"empty-value", "error", "/dataProvider/connectionSettings/tokenUrl", 9, 19, 324},
                       {"empty-value", "error",
                        "/identitySynchronizationConfiguration/matchingOptions/0/sourcePropertyName", 17, 31, 555},
                       {"empty-value", "error",
                        "/identitySynchronizationConfiguration/matchingOptions/0/targetPropertyName", 18, 31, 589}}));
}

TEST(RulesStrings, InvalidDomain) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "@contoso.edu" },
      { "appliesTo": "teacher", "name": "contoso" },
      { "appliesTo": "faculty", "name": "-staff.contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(
      r, {{"invalid-domain",
           "error",
           "/identitySynchronizationConfiguration/userDomains/0/name",
           9,
           41,
           301,
           {},
           "contoso.edu"},
          {"invalid-domain", "error", "/identitySynchronizationConfiguration/userDomains/1/name", 10, 41, 359},
          {"invalid-domain", "error", "/identitySynchronizationConfiguration/userDomains/2/name", 11, 41, 412}}));
  ASSERT_FALSE(r.diagnostics().empty());
  EXPECT_EQ(r.diagnostics()[0].hint.find("@contoso.edu"), std::string_view::npos) << r.diagnostics()[0].hint;
}

TEST(RulesStrings, UrlsOneRosterAndDuplicateIds) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionUrl": "http://oneroster.contoso.edu/ims/oneroster/v1p1",
    "connectionSettings": {
      "@odata.type": "#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings",
      "clientId": "sds",
      "tokenUrl": "oneroster.contoso.edu/token"
    },
    "schoolsIds": ["s1", "s2", "s1"],
    "termIds": ["t1", "t1"]
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"insecure-url", "warning", "/dataProvider/connectionUrl", 5, 22, 144},
                          {"invalid-url", "error", "/dataProvider/connectionSettings/tokenUrl", 9, 19, 373},
                          {"duplicate-value", "warning", "/dataProvider/schoolsIds/2", 11, 32, 441},
                          {"duplicate-value", "warning", "/dataProvider/termIds/1", 12, 23, 470}}));
}

TEST(RulesStrings, InvalidUrlPowerSchoolWithoutOptionalPropertyCheck) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationPowerSchoolDataProvider",
    "clientId": "sds",
    "connectionUrl": "ftp://powerschool.contoso.edu",
    "customizations": {
      "student": {
        "optionalPropertiesToSync": ["anything goes"]
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()), {{"invalid-url", "error", "/dataProvider/connectionUrl", 6, 22, 166}}));
}

TEST(RulesStrings, UrlForms) {
  constexpr std::string_view head = R"({
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationPowerSchoolDataProvider",
    "connectionUrl": )";
  // The value starts right after `head`: line 4, column 22, offset head.size().
  ASSERT_EQ(head.size(), 115u);
  struct url_case {
    const char* url;
    const char* code;  // nullptr: clean
  };
  const url_case cases[] = {
      {"https://x.contoso.edu:8443/a?b#c", nullptr},
      {"HTTPS://PowerSchool.Contoso.edu", nullptr},  // schemes are case-insensitive (RFC 3986)
      {"HTTP://x.contoso.edu", "insecure-url"},
      {"http://x.contoso.edu/", "insecure-url"},
      {"https://", "invalid-url"},
      {"https:///path", "invalid-url"},
      {"https://con toso.edu", "invalid-url"},
      {"mailto:sds@contoso.edu", "invalid-url"},
      {"//x.contoso.edu", "invalid-url"},
      {"x.contoso.edu", "invalid-url"},
  };
  sdsprofile::checker c;
  for (const auto& u : cases) {
    SCOPED_TRACE(u.url);
    const std::string input = std::string(head) + "\"" + u.url + "\"\n  }\n}";
    std::vector<want> expected;
    if (u.code != nullptr)
      expected.emplace_back(u.code, std::string_view(u.code) == "insecure-url" ? "warning" : "error",
                            "/dataProvider/connectionUrl", 4, 22, head.size());
    EXPECT_TRUE(reports(c.check(input, opts(mode::update)), expected));
  }
}

TEST(RulesStrings, MatchingValuesAndDomainCharacters) {
  constexpr std::string_view input = R"({
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      { "appliesTo": "student", "sourcePropertyName": "sis id", "targetPropertyName": "Mail", "targetDomain": "a_b.contoso.edu" },
      { "appliesTo": "teacher", "sourcePropertyName": "Custom Field", "targetPropertyName": "displayName", "targetDomain": "caf\u00e9.edu" },
      { "appliesTo": "faculty", "sourcePropertyName": "SIS ID", "targetPropertyName": "mail", "targetDomain": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  // Unknown names (Custom Field, displayName) are not case-checked; the known ones are.
  EXPECT_TRUE(reports(
      c.check(input, opts(mode::update)),
      {{"case-sensitive-value", "error", "/identitySynchronizationConfiguration/matchingOptions/0/sourcePropertyName",
        5, 55, 203},
       {"case-sensitive-value", "error", "/identitySynchronizationConfiguration/matchingOptions/0/targetPropertyName",
        5, 87, 235},
       {"invalid-domain", "error", "/identitySynchronizationConfiguration/matchingOptions/0/targetDomain", 5, 111, 259},
       {"invalid-domain", "error", "/identitySynchronizationConfiguration/matchingOptions/1/targetDomain", 6, 124,
        403}}));
}

TEST(RulesStrings, DomainLengthLimits) {
  // RFC 1123: labels of 1 to 63 characters, at most 253 in total.
  const std::string label63(63, 'a');
  const std::string ok = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'b');  // 253
  const std::string too_long = ok + "c";                                                        // 254
  const std::string long_label = std::string(64, 'a') + ".edu";
  constexpr std::string_view head = R"({
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": )";
  ASSERT_EQ(head.size(), 185u);  // the name value: line 5, column 41
  sdsprofile::checker c;
  const std::pair<const std::string*, bool> names[] = {{&ok, true}, {&too_long, false}, {&long_label, false}};
  for (const auto& [name, valid] : names) {
    SCOPED_TRACE(name->size());
    const std::string input = std::string(head) + "\"" + *name + "\" }\n    ]\n  }\n}";
    std::vector<want> expected;
    if (!valid)
      expected.emplace_back("invalid-domain", "error", "/identitySynchronizationConfiguration/userDomains/0/name", 5,
                            41, head.size());
    EXPECT_TRUE(reports(c.check(input, opts(mode::update)), expected));
  }
}

TEST(RulesStrings, CaseSensitiveValueAndTargetDomain) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      {
        "appliesTo": "student",
        "sourcePropertyName": "username",
        "targetPropertyName": "UserPrincipalName",
        "targetDomain": "@contoso.edu"
      },
      {
        "appliesTo": "teacher",
        "sourcePropertyName": "Username",
        "targetPropertyName": "MAIL",
        "targetDomain": "contoso..edu"
      }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"case-sensitive-value", "error",
                        "/identitySynchronizationConfiguration/matchingOptions/0/sourcePropertyName", 11, 31, 335},
                       {"case-sensitive-value", "error",
                        "/identitySynchronizationConfiguration/matchingOptions/0/targetPropertyName", 12, 31, 377},
                       {"invalid-domain",
                        "error",
                        "/identitySynchronizationConfiguration/matchingOptions/0/targetDomain",
                        13,
                        25,
                        422,
                        {},
                        "contoso.edu"},
                       {"case-sensitive-value", "error",
                        "/identitySynchronizationConfiguration/matchingOptions/1/targetPropertyName", 18, 31, 558},
                       {"invalid-domain", "error",
                        "/identitySynchronizationConfiguration/matchingOptions/1/targetDomain", 19, 25, 590}}));
}

// ---------------------------------------------------------------------------------------------
// CSV customizations: unknown-optional-property, required-attribute-listed,
// deprecated-optional-property, duplicate-value, not-applicable.

TEST(RulesCsv, OptionalProperties) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "school": {
        "optionalPropertiesToSync": ["Zone", "zone", "SIS ID"]
      },
      "student": {
        "optionalPropertiesToSync": [
          "middleName",
          "Birth Date",
          "Username",
          "Gender",
          "State ID",
          "State ID"
        ]
      },
      "teacher": {
        "optionalPropertiesToSync": ["Teacher Number", "Student Number"]
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"unknown-optional-property",
        "error",
        "/dataProvider/customizations/school/optionalPropertiesToSync/1",
        7,
        46,
        201,
        {},
        "Zone"},
       {"required-attribute-listed", "warning", "/dataProvider/customizations/school/optionalPropertiesToSync/2", 7, 54,
        209},
       {"unknown-optional-property",
        "error",
        "/dataProvider/customizations/student/optionalPropertiesToSync/0",
        11,
        11,
        295,
        {},
        "Middle Name"},
       {"unknown-optional-property",
        "error",
        "/dataProvider/customizations/student/optionalPropertiesToSync/1",
        12,
        11,
        319,
        {},
        "Birthdate"},
       {"required-attribute-listed", "warning", "/dataProvider/customizations/student/optionalPropertiesToSync/2", 13,
        11, 343},
       {"deprecated-optional-property", "warning", "/dataProvider/customizations/student/optionalPropertiesToSync/3",
        14, 11, 365},
       {"duplicate-value", "warning", "/dataProvider/customizations/student/optionalPropertiesToSync/5", 16, 11, 407},
       {"unknown-optional-property", "error", "/dataProvider/customizations/teacher/optionalPropertiesToSync/1", 20, 56,
        511}}));
}

TEST(RulesCsv, DeprecatedAndFoldedNames) {
  constexpr std::string_view input = R"({
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "student": {
        "optionalPropertiesToSync": ["ELL Status", "FederalRace", "Residence Zip", "Mailing City", "state id", "StateID"]
      },
      "section": {
        "optionalPropertiesToSync": ["Term Start Date", "Section Name"]
      }
    }
  }
})";
  constexpr std::string_view student = "/dataProvider/customizations/student/optionalPropertiesToSync/";
  sdsprofile::checker c;
  const auto at = [&](int i) { return std::string(student) + std::to_string(i); };
  const std::string p0 = at(0), p1 = at(1), p2 = at(2), p3 = at(3), p4 = at(4), p5 = at(5);
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)),
                      {{"deprecated-optional-property", "warning", p0, 6, 38, 166},
                       {"deprecated-optional-property", "warning", p1, 6, 52, 180},
                       {"deprecated-optional-property", "warning", p2, 6, 67, 195},
                       {"deprecated-optional-property", "warning", p3, 6, 84, 212},
                       {"unknown-optional-property", "error", p4, 6, 100, 228, {}, "State ID"},
                       {"unknown-optional-property", "error", p5, 6, 112, 240, {}, "State ID"},
                       {"unknown-optional-property",
                        "error",
                        "/dataProvider/customizations/section/optionalPropertiesToSync/0",
                        9,
                        38,
                        316,
                        {},
                        "Term StartDate"},
                       {"required-attribute-listed", "warning",
                        "/dataProvider/customizations/section/optionalPropertiesToSync/1", 9, 57, 335}}));
}

TEST(RulesCsv, NotApplicableOnApiProviders) {
  // not-applicable is not limited to the CSV provider; the items themselves are not checked there.
  constexpr std::string_view input = R"({
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationPowerSchoolDataProvider",
    "customizations": {
      "studentEnrollment": { "optionalPropertiesToSync": ["x"] },
      "teacherRoster": { "optionalPropertiesToSync": ["y"] },
      "teacher": { "synchronizationStartDate": "2026-09-01T00:00:00Z", "optionalPropertiesToSync": ["z", 5] }
    }
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts(mode::update)),
      {{"not-applicable", "warning", "/dataProvider/customizations/studentEnrollment/optionalPropertiesToSync", 5, 58,
        175},
       {"not-applicable", "warning", "/dataProvider/customizations/teacherRoster/optionalPropertiesToSync", 6, 54, 237},
       {"not-applicable", "warning", "/dataProvider/customizations/teacher/synchronizationStartDate", 7, 48, 293},
       {"type-mismatch", "error", "/dataProvider/customizations/teacher/optionalPropertiesToSync/1", 7, 106, 351}}));
}

TEST(RulesCsv, NotApplicable) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "studentEnrollment": {
        "optionalPropertiesToSync": ["Whatever", "Whatever"],
        "synchronizationStartDate": "2026-09-01T00:00:00Z"
      },
      "teacherRoster": {
        "optionalPropertiesToSync": null
      },
      "section": {
        "optionalPropertiesToSync": [],
        "synchronizationStartDate": "0001-01-01T00:00:00Z"
      },
      "teacher": {
        "synchronizationStartDate": "2026-09-01T00:00:00Z"
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(
      c.check(input, opts()),
      {{"not-applicable", "warning", "/dataProvider/customizations/studentEnrollment/optionalPropertiesToSync", 7, 37,
        203},
       {"null-collection", "warning", "/dataProvider/customizations/teacherRoster/optionalPropertiesToSync", 11, 37,
        358},
       {"not-applicable", "warning", "/dataProvider/customizations/teacher/synchronizationStartDate", 18, 37, 554}}));
}

// ---------------------------------------------------------------------------------------------
// Dates: invalid-datetime, invalid-date, date-in-past, expiration-too-far (now = 2026-01-15).

TEST(RulesDates, TimestampAsDateAndNonRfc3339DateTime) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "expirationDate": "2025-06-30T00:00:00Z",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "studentEnrollment": {
        "synchronizationStartDate": "09/01/2025"
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  // Both values lie in the past, but date rules run only on well-formed values: no date-in-past.
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"invalid-date", "error", "/expirationDate", 3, 21, 50, {}, "2025-06-30"},
                          {"invalid-datetime", "error",
                           "/dataProvider/customizations/studentEnrollment/synchronizationStartDate", 8, 37, 247}}));
  ASSERT_FALSE(r.diagnostics().empty());
  EXPECT_EQ(r.diagnostics()[0].hint.find("T00"), std::string_view::npos) << r.diagnostics()[0].hint;
}

TEST(RulesDates, ImpossibleAndDateOnlyValues) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "expirationDate": "2026-02-30",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "studentEnrollment": {
        "synchronizationStartDate": "2026-09-01"
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"invalid-date", "error", "/expirationDate", 3, 21, 50},
                       {"invalid-datetime", "error",
                        "/dataProvider/customizations/studentEnrollment/synchronizationStartDate", 8, 37, 237}}));
}

TEST(RulesDates, DateInPast) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "expirationDate": "2026-01-14",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "studentEnrollment": {
        "synchronizationStartDate": "2025-09-01T00:00:00Z"
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(reports(r, {{"date-in-past", "warning", "/expirationDate", 3, 21, 50},
                          {"date-in-past", "warning",
                           "/dataProvider/customizations/studentEnrollment/synchronizationStartDate", 8, 37, 237}}));
  EXPECT_TRUE(r.valid());
}

TEST(RulesDates, ExpirationTooFarAndImpossibleDateTime) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "expirationDate": "2027-08-01",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "studentEnrollment": {
        "synchronizationStartDate": "2026-02-30T00:00:00Z"
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()),
                      {{"expiration-too-far", "warning", "/expirationDate", 3, 21, 50},
                       {"invalid-datetime", "error",
                        "/dataProvider/customizations/studentEnrollment/synchronizationStartDate", 8, 37, 237}}));
}

TEST(RulesDates, Boundaries) {
  // now = 2026-01-15T00:00:00Z; 18 months later is 2027-07-15.
  constexpr std::string_view last_day = R"({
  "expirationDate": "2027-07-15",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "studentEnrollment": { "synchronizationStartDate": "2026-01-15T00:00:00Z" }
    }
  }
})";
  constexpr std::string_view one_over = R"({
  "expirationDate": "2027-07-16",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "studentEnrollment": { "synchronizationStartDate": "2026-01-15T01:00:00+02:00" }
    }
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(last_day, opts(mode::update)), none()));
  // 01:00+02:00 is 23:00 the day before, in UTC.
  EXPECT_TRUE(reports(c.check(one_over, opts(mode::update)),
                      {{"expiration-too-far", "warning", "/expirationDate", 2, 21, 22},
                       {"date-in-past", "warning",
                        "/dataProvider/customizations/studentEnrollment/synchronizationStartDate", 6, 58, 201}}));
  // A different clock moves the rules.
  auto later = opts(mode::update);
  later.now = sdsprofile::parse_rfc3339("2027-01-01T00:00:00Z");
  EXPECT_TRUE(reports(c.check(last_day, later),
                      {{"date-in-past", "warning",
                        "/dataProvider/customizations/studentEnrollment/synchronizationStartDate", 6, 58, 201}}));
}

TEST(RulesDates, SentinelAndFutureDatesAreClean) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "expirationDate": "2026-07-01",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "student": {
        "synchronizationStartDate": "0001-01-01T00:00:00Z"
      },
      "studentEnrollment": {
        "synchronizationStartDate": "0001-01-01T00:00:00Z"
      },
      "teacherRoster": {
        "synchronizationStartDate": "0001-01-01T00:00:00Z"
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts()), none()));
  // With a timezone offset the start date is still a valid Edm.DateTimeOffset.
  constexpr std::string_view offset_input = R"({
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "studentEnrollment": {
        "synchronizationStartDate": "2026-09-01T08:00:00+02:00"
      }
    }
  }
})";
  EXPECT_TRUE(reports(c.check(offset_input, opts(mode::update)), none()));
}

// ---------------------------------------------------------------------------------------------
// Modes and strictness.

TEST(RulesModes, UpdateRequiresNothingAtAnyDepth) {
  constexpr std::string_view input = R"({
  "displayName": 5,
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionSettings": {
      "@odata.type": "#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings"
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [
      {}
    ]
  },
  "state": "provisioned"
})";
  sdsprofile::checker c;
  EXPECT_TRUE(reports(c.check(input, opts(mode::update)), {{"type-mismatch", "error", "/displayName", 2, 18, 19},
                                                           {"read-only-property", "warning", "/state", 15, 3, 429}}));
  // The same body in create mode lacks six properties.
  std::size_t missing = 0;
  for (const auto& d : c.check(input, opts()).diagnostics()) missing += d.code == code::missing_required ? 1 : 0;
  EXPECT_EQ(missing, 6u);

  const auto& empty = c.check("{\n}", opts(mode::update));
  EXPECT_TRUE(reports(empty, none()));
  EXPECT_TRUE(empty.valid());

  // Every other rule still applies to what is present.
  constexpr std::string_view untyped = R"({
  "dataProvider": {
    "customizations": {}
  }
})";
  EXPECT_TRUE(reports(c.check(untyped, opts(mode::update)),
                      {{"odata-type-missing", "error", "/dataProvider", 2, 19, 20, {}, "educationCsvDataProvider"}}));
}

constexpr std::string_view resource_body = R"({
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#education/synchronizationProfiles/$entity",
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";

TEST(RulesModes, ResourceRequiresIdAndState) {
  sdsprofile::checker c;
  // The annotation is allowed silently in resource mode.
  EXPECT_TRUE(reports(
      c.check(resource_body, opts(mode::resource)),
      {{"missing-required", "error", "", 1, 1, 0, "\"id\""}, {"missing-required", "error", "", 1, 1, 0, "\"state\""}}));
}

TEST(RulesModes, ResourceStateEnumAndAnnotations) {
  constexpr std::string_view input = R"({
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#education/synchronizationProfiles/$entity",
  "@odata.etag": "W/\"1\"",
  "displayName": "Contoso",
  "state": "Provisioned",
  "id": "86904b1e-c7d0-4ead-b13a-98f11fc400ee",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "@odata.etag": "W/\"2\""
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts(mode::resource));
  EXPECT_TRUE(reports(r, {{"invalid-enum", "error", "/state", 5, 12, 177, "provisioning", "provisioned"}}));

  constexpr std::string_view paused = R"({
  "displayName": "Contoso",
  "state": "paused",
  "id": "86904b1e-c7d0-4ead-b13a-98f11fc400ee",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  EXPECT_TRUE(reports(c.check(paused, opts(mode::resource)),
                      {{"invalid-enum", "error", "/state", 3, 12, 41, "deletionFailed"}}));
}

TEST(RulesModes, ResourceExpansionIsClean) {
  constexpr std::string_view input = R"({
  "displayName": "Test Profile",
  "state": "provisioning",
  "id": "86904b1e-c7d0-4ead-b13a-98f11fc400ee",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider",
    "customizations": {
      "student": {
        "optionalPropertiesToSync": ["State ID", "Middle Name"],
        "synchronizationStartDate": "0001-01-01T00:00:00Z",
        "isSyncDeferred": false,
        "allowDisplayNameUpdate": false
      },
      "teacher": {
        "optionalPropertiesToSync": [
          "State ID", "Teacher Number", "Status", "Middle Name", "Secondary Email", "Title", "Qualification"
        ],
        "synchronizationStartDate": "0001-01-01T00:00:00Z",
        "isSyncDeferred": false,
        "allowDisplayNameUpdate": false
      },
      "studentEnrollment": {
        "optionalPropertiesToSync": [],
        "synchronizationStartDate": "0001-01-01T00:00:00Z",
        "isSyncDeferred": false,
        "allowDisplayNameUpdate": false
      },
      "teacherRoster": {
        "optionalPropertiesToSync": [],
        "synchronizationStartDate": "0001-01-01T00:00:00Z",
        "isSyncDeferred": false,
        "allowDisplayNameUpdate": false
      }
    }
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "testschool.edu" },
      { "appliesTo": "teacher", "name": "testschool.edu" }
    ]
  },
  "licensesToAssign": [
    {
      "@odata.type": "#microsoft.graph.educationSynchronizationLicenseAssignment",
      "appliesTo": "teacher",
      "skuIds": ["6fd2c87f-b296-42f0-b197-1e91e994b900"]
    },
    {
      "@odata.type": "#microsoft.graph.educationSynchronizationLicenseAssignment",
      "appliesTo": "student",
      "skuIds": ["6fd2c87f-b296-42f0-b197-1e91e994b900"]
    }
  ]
})";
  sdsprofile::checker c;
  auto strict = opts(mode::resource);
  strict.strict = true;
  const auto& r = c.check(input, strict);
  EXPECT_TRUE(reports(r, none()));
  EXPECT_TRUE(r.valid());
}

TEST(RulesModes, StrictMakesWarningsCount) {
  constexpr std::string_view input = R"({
  "displayName": "Contoso",
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationPowerSchoolDataProvider",
    "clientId": "sds",
    "connectionUrl": "http://powerschool.contoso.edu"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";
  const std::vector<want> expected = {{"insecure-url", "warning", "/dataProvider/connectionUrl", 6, 22, 166}};
  sdsprofile::checker c;
  {
    const auto& r = c.check(input, opts());
    EXPECT_TRUE(reports(r, expected));
    EXPECT_TRUE(r.valid());
    EXPECT_FALSE(r.strict());
    EXPECT_EQ(r.error_count(), 0u);
    EXPECT_EQ(r.warning_count(), 1u);
  }
  auto strict = opts();
  strict.strict = true;
  {
    const auto& r = c.check(input, strict);
    EXPECT_TRUE(reports(r, expected));
    EXPECT_FALSE(r.valid());
    EXPECT_TRUE(r.strict());
  }
  // Strict with no diagnostic at all is valid.
  EXPECT_TRUE(c.check(clean_create, strict).valid());
}

// ---------------------------------------------------------------------------------------------
// The report: too-many-diagnostics, document order, copies and moves.

constexpr std::string_view many_body = R"(
{
  "displayName": 1,
  "expirationDate": 2,
  "handleSpecialCharacterConstraint": 3,
  "licensesToAssign": 4,
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationCsvDataProvider"
  },
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "student", "name": "contoso.edu" }
    ]
  }
})";

TEST(RulesReport, TooManyDiagnostics) {
  sdsprofile::checker c;
  auto o = opts();
  o.limits.max_diagnostics = 3;
  const auto& r = c.check(many_body, o);
  // The root value starts on line 2 (the text begins with a newline).
  EXPECT_TRUE(reports(r, {{"type-mismatch", "error", "/displayName", 3, 18, 20},
                          {"type-mismatch", "error", "/expirationDate", 4, 21, 43},
                          {"type-mismatch", "error", "/handleSpecialCharacterConstraint", 5, 39, 84},
                          {"too-many-diagnostics", "warning", "", 2, 1, 1}}));
  EXPECT_FALSE(r.valid());
  // At the limit exactly, nothing is cut.
  o.limits.max_diagnostics = 4;
  EXPECT_TRUE(
      reports(c.check(many_body, o), {{"type-mismatch", "error", "/displayName", 3, 18, 20},
                                      {"type-mismatch", "error", "/expirationDate", 4, 21, 43},
                                      {"type-mismatch", "error", "/handleSpecialCharacterConstraint", 5, 39, 84},
                                      {"type-mismatch", "error", "/licensesToAssign", 6, 23, 109}}));
}

TEST(RulesReport, DefaultDiagnosticLimit) {
  // 1001 invalid skuIds: the first 1000 are kept, then too-many-diagnostics at the root value.
  std::string input = "{\n  \"licensesToAssign\": [ { \"skuIds\": [\n";
  for (int i = 0; i < 1001; ++i) input += (i == 0 ? "    \"x" : ",\n    \"x") + std::to_string(i) + "\"";
  input += "\n  ] } ]\n}";
  sdsprofile::checker c;
  for (const std::uint32_t limit : {0u, 1000u}) {  // 0 means the default
    auto o = opts(mode::update);
    o.limits.max_diagnostics = limit;
    const auto& r = c.check(input, o);
    ASSERT_EQ(r.diagnostics().size(), 1001u);
    EXPECT_EQ(r.diagnostics()[999].path, "/licensesToAssign/0/skuIds/999");
    EXPECT_EQ(r.diagnostics()[999].line, 1002u);
    const auto& last = r.diagnostics()[1000];
    EXPECT_EQ(last.code, code::too_many_diagnostics);
    EXPECT_EQ(last.severity, severity::warning);
    EXPECT_EQ(last.path, "");
    EXPECT_EQ(last.line, 1u);
    EXPECT_EQ(last.column, 1u);
    EXPECT_EQ(last.offset, 0u);
    EXPECT_EQ(r.error_count(), 1000u);
    EXPECT_EQ(r.warning_count(), 1u);
  }
}

TEST(RulesReport, DiagnosticsAreInDocumentOrder) {
  // Findings of several rule families at several depths, members in an unusual order: the report
  // follows the text, and object-level findings (missing-required) come at the object's first byte.
  constexpr std::string_view input = R"({
  "licensesToAssign": [
    { "appliesTo": "teacher", "skuIds": ["{6FD2C87F-B296-42F0-B197-1E91E994B900}", "00000000-0000-0000-0000-000000000000"] },
    { "appliesTo": "teacher", "skuIds": [] }
  ],
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [
      { "appliesTo": "Student", "name": "@contoso.edu" },
      { "name": "contoso.edu" },
      { "appliesTo": "teacher", "name": "contoso.edu" }
    ]
  },
  "dataProvider": {
    "@odata.type": "#microsoft.graph.educationOneRosterApiDataProvider",
    "connectionUrl": "http://oneroster.contoso.edu",
    "connectionSettings": {
      "@odata.type": "#microsoft.graph.educationSynchronizationOAuth1ConnectionSettings"
    }
  },
  "displayName": "",
  "id": "x"
})";
  sdsprofile::checker c;
  const auto& r = c.check(input, opts());
  EXPECT_TRUE(
      reports(r, {{"invalid-guid", "error", "/licensesToAssign/0/skuIds/0", 3, 42, 67, {}, "6fd2c87f"},
                  {"nil-guid", "warning", "/licensesToAssign/0/skuIds/1", 3, 84, 109},
                  {"duplicate-applies-to", "error", "/licensesToAssign/1/appliesTo", 4, 20, 171},
                  {"empty-collection", "warning", "/licensesToAssign/1/skuIds", 4, 41, 192},
                  {"invalid-enum",
                   "error",
                   "/identitySynchronizationConfiguration/userDomains/0/appliesTo",
                   9,
                   22,
                   366,
                   {},
                   "student"},
                  {"invalid-domain",
                   "error",
                   "/identitySynchronizationConfiguration/userDomains/0/name",
                   9,
                   41,
                   385,
                   {},
                   "contoso.edu"},
                  {"missing-required", "error", "/identitySynchronizationConfiguration/userDomains/1", 10, 7, 409,
                   "\"appliesTo\""},
                  {"insecure-url", "warning", "/dataProvider/connectionUrl", 16, 22, 617},
                  {"missing-required", "error", "/dataProvider/connectionSettings", 17, 27, 675, "\"clientId\""},
                  {"empty-value", "error", "/displayName", 21, 18, 794},
                  {"read-only-property", "warning", "/id", 22, 3, 800}}));
}

TEST(RulesReport, DocumentOrderWithCutAndAcrossModes) {
  // Generic property check on a larger body: offsets never decrease, the cut warning is last.
  sdsprofile::checker c;
  for (const std::string_view input : {read_only_body, many_body, resource_body}) {
    for (const mode m : {mode::create, mode::update, mode::resource}) {
      for (const std::uint32_t limit : {1u, 2u, 1000u}) {
        auto o = opts(m);
        o.limits.max_diagnostics = limit;
        const auto& r = c.check(input, o);
        const auto d = r.diagnostics();
        ASSERT_LE(d.size(), static_cast<std::size_t>(limit) + 1);
        for (std::size_t i = 1; i < d.size(); ++i) {
          if (d[i].code == code::too_many_diagnostics) {
            EXPECT_EQ(i + 1, d.size());
            EXPECT_EQ(d[i].path, "");
          } else {
            EXPECT_LE(d[i - 1].offset, d[i].offset) << describe(r);
          }
        }
      }
    }
  }
}

TEST(RulesReport, CopiesAndMovesKeepTheirStrings) {
  sdsprofile::checker c;
  const auto& first = c.check(read_only_body, opts());
  const std::vector<std::string> expected_rows = rows(first);
  ASSERT_EQ(expected_rows.size(), 6u);
  std::vector<std::string> messages;
  std::vector<std::string> hints;
  for (const auto& d : first.diagnostics()) {
    messages.emplace_back(d.message);
    hints.emplace_back(d.hint);
  }
  const auto same = [&](const sdsprofile::report& r) {
    std::vector<std::string> m;
    std::vector<std::string> h;
    for (const auto& d : r.diagnostics()) {
      m.emplace_back(d.message);
      h.emplace_back(d.hint);
    }
    return rows(r) == expected_rows && m == messages && h == hints;
  };

  sdsprofile::report copy = first;  // copy construction
  sdsprofile::report assigned;
  assigned = first;  // copy assignment
  // The copies own their text: their views do not point into the checker's report.
  for (std::size_t i = 0; i < copy.diagnostics().size(); ++i) {
    EXPECT_NE(copy.diagnostics()[i].message.data(), first.diagnostics()[i].message.data());
    EXPECT_NE(assigned.diagnostics()[i].path.data(), first.diagnostics()[i].path.data());
  }

  // Reusing the checker overwrites its own report, not the copies.
  const auto& second = c.check(many_body, opts());
  EXPECT_FALSE(rows(second) == expected_rows);
  EXPECT_TRUE(same(copy));
  EXPECT_TRUE(same(assigned));

  sdsprofile::report moved = std::move(copy);  // move construction
  EXPECT_TRUE(same(moved));
  sdsprofile::report move_assigned;
  move_assigned = std::move(assigned);  // move assignment
  EXPECT_TRUE(same(move_assigned));

  // Copies of copies, and a copy that outlives its source.
  std::optional<sdsprofile::report> source(moved);
  sdsprofile::report outliving(*source);
  source.reset();
  EXPECT_TRUE(same(outliving));
  EXPECT_TRUE(reports(outliving, {{"ignored-annotation", "warning", "/@odata.context", 2, 3, 4},
                                  {"read-only-property", "warning", "/id", 3, 3, 112},
                                  {"read-only-property", "warning", "/state", 5, 3, 188},
                                  {"ignored-annotation", "warning", "/dataProvider/@odata.etag", 8, 5, 301},
                                  {"navigation-property", "error", "/errors", 16, 3, 543},
                                  {"navigation-property", "error", "/profileStatus", 17, 3, 559}}));
  // Strictness travels with the copy.
  auto strict = opts();
  strict.strict = true;
  const sdsprofile::report strict_copy = c.check(read_only_body, strict);
  EXPECT_TRUE(strict_copy.strict());
  EXPECT_FALSE(strict_copy.valid());
}

}  // namespace
