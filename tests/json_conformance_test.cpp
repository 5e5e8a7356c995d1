// The project's own JSON conformance table: every way the input can fail to be one JSON document
// that the checker tells apart, each input written here, checked through the public API.
//
// What it is for: the parser-failure paths (the document-level diagnostics json-syntax,
// json-encoding, json-too-deep and json-too-large) must be tested from a bare clone. The
// JSONTestSuite corpus (outside the repository), when present, adds breadth; this table is the
// part that is always there, and it pins positions, which the corpus tests do not.
//
// What it pins:
//   - docs/rules.md "Vocabulary": document-level failures are reported alone, at path "", with the
//     position of the failure (line, column in bytes, 0-based byte offset of the input as given,
//     BOM included), and no json-bom warning is added to them; lines end at LF, CRLF or a lone CR.
//   - docs/rules.md "Catalogue": json-syntax (not RFC 8259 JSON), json-encoding (invalid UTF-8 or a
//     lone surrogate escape, at the first bad byte or escape), json-too-deep (nesting deeper than
//     the limit, default 64, at the bracket that opens the first level too many), json-too-large
//     (input larger than the limit; its offset is the limit).
//   - docs/rules.md "Limits and safety": the size and depth limits are options.
// Where syntax and encoding failures both occur, the one that comes first in the text wins.
//
// One row per input. A failure row gives the expected code and byte offset, and a fragment of the
// message (which tells the kinds of json-syntax apart); every failure row also asserts exactly one
// diagnostic, severity error, path "" and a non-empty hint. The line and column are computed here
// from the offset by the line-end rule above, independently of the library, and multi-line rows
// state them explicitly as well. An accepted row asserts that no document-level code appears
// (the profile rules may still report, e.g. type-mismatch for a root that is not an object).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sdsprofile/sdsprofile.hpp"

namespace {

using sdsprofile::code;
using sdsprofile::severity;
using namespace std::string_view_literals;

constexpr code syntax = code::json_syntax;
constexpr code encoding = code::json_encoding;
constexpr code too_deep = code::json_too_deep;
constexpr code too_large = code::json_too_large;

bool document_level(code c) {
  return c == code::json_syntax || c == code::json_encoding || c == code::json_too_deep || c == code::json_too_large;
}

// ---------------------------------------------------------------------------------------------
// The row type and its builders.

struct row {
  std::string name;              // test name (letters and digits)
  std::string input;             // the bytes checked
  std::optional<code> expected;  // nullopt: accepted (no document-level code)
  std::size_t offset = 0;        // expected byte offset of the failure
  std::string_view about = {};   // a fragment the message must contain
  std::uint32_t line = 0;        // 0: computed from the offset
  std::uint32_t column = 0;      // 0: computed from the offset
  bool hint = true;              // whether the hint must be non-empty
  sdsprofile::limits limits{};

  row&& at_line(std::uint32_t l, std::uint32_t c) && {
    line = l;
    column = c;
    return std::move(*this);
  }
  row&& max_depth(std::uint32_t d) && {
    limits.max_depth = d;
    return std::move(*this);
  }
  row&& max_bytes(std::size_t b) && {
    limits.max_bytes = b;
    return std::move(*this);
  }
  row&& no_hint() && {
    hint = false;
    return std::move(*this);
  }
};

// Prints the row's name and size only (inputs can be 100 kB of brackets).
void PrintTo(const row& r, std::ostream* os) { *os << r.name << " (" << r.input.size() << " bytes)"; }

row fail(std::string name, std::string_view input, code c, std::size_t offset, std::string_view about) {
  return row{std::move(name), std::string(input), c, offset, about};
}

row accept(std::string name, std::string_view input) { return row{std::move(name), std::string(input), std::nullopt}; }

// `levels` nested arrays around `inner`: "[[inner]]". Level k opens at offset k - 1.
std::string arrays(std::size_t levels, std::string_view inner = "") {
  return std::string(levels, '[') + std::string(inner) + std::string(levels, ']');
}

// `levels` nested objects, each the value of "a": {"a":{"a":{}}} (innermost empty) or, with
// `leaf`, {"a":{"a":leaf}} (innermost holds the leaf). Level k opens at offset 5 * (k - 1).
std::string objects(std::size_t levels, std::string_view leaf = "") {
  std::string s;
  if (leaf.empty()) {
    for (std::size_t i = 1; i < levels; ++i) s += R"({"a":)";
    s += "{}";
    s += std::string(levels - 1, '}');
  } else {
    for (std::size_t i = 0; i < levels; ++i) s += R"({"a":)";
    s += leaf;
    s += std::string(levels, '}');
  }
  return s;
}

const std::string bom = "\xEF\xBB\xBF";

// ---------------------------------------------------------------------------------------------
// The table. Offsets are derived by hand from the input (counted from 0); the test computes the
// line and column from them.

std::vector<row> table() {
  return {
      // --- json-syntax: commas and structure ------------------------------------------------
      fail("TrailingCommaObject", R"({"a":1,})", syntax, 7, "trailing comma"),
      fail("TrailingCommaArray", R"([1,2,])", syntax, 5, "trailing comma"),
      fail("MissingColon", R"({"a" 1})", syntax, 5, "':'"),
      fail("MissingCommaObject", R"({"a":1 "b":2})", syntax, 7, "Expected ',' or '}'"),
      fail("MissingCommaArray", R"([1 2])", syntax, 3, "Expected ',' or ']'"),
      fail("DoubleComma", R"([1,,2])", syntax, 3, "value was expected"),
      fail("BracketClosesBrace", R"({"a":1])", syntax, 6, "Expected ',' or '}'"),
      fail("BraceClosesBracket", R"([1})", syntax, 2, "Expected ',' or ']'"),
      fail("ExtraClose", R"({"a":1}})", syntax, 7, "after the JSON value"),
      fail("TrailingGarbage", R"({} x)", syntax, 3, "after the JSON value"),
      fail("SecondValue", R"({"a":1} {"b":2})", syntax, 8, "after the JSON value"),
      fail("UnquotedKey", R"({a: 1})", syntax, 1, "member name"),
      // --- json-syntax: comments and quotes --------------------------------------------------
      fail("LineCommentBeforeValue", "// profile\n{}", syntax, 0, "Comments"),
      fail("BlockCommentAsItem", R"([/* x */ 1])", syntax, 1, "Comments"),
      fail("BlockCommentAfterValue", R"({"a": 1 /* note */})", syntax, 8, "Comments"),
      fail("CommentBeforeName", R"({/* c */ "a": 1})", syntax, 1, "Comments"),
      fail("CommentBeforeColon", R"({"a" /* c */: 1})", syntax, 5, "Comments"),
      fail("SingleQuotedKey", R"({'a': 1})", syntax, 1, "Single quotes"),
      fail("SingleQuotedValue", R"({"a": 'b'})", syntax, 6, "Single quotes"),
      // --- json-syntax: numbers --------------------------------------------------------------
      fail("NaN", R"([NaN])", syntax, 1, "NaN and Infinity"),
      fail("Infinity", R"({"a": Infinity})", syntax, 6, "NaN and Infinity"),
      fail("MinusInfinity", R"([-Infinity])", syntax, 2, "digit must follow '-'"),
      fail("LeadingZero", R"([01])", syntax, 2, "leading zeros"),
      fail("NegativeLeadingZero", R"([-012])", syntax, 3, "leading zeros"),
      fail("PlusSign", R"([+1])", syntax, 1, "Invalid number"),
      fail("LeadingDot", R"([.5])", syntax, 1, "Invalid number"),
      fail("TrailingDot", R"([1.])", syntax, 3, "digit must follow '.'"),
      fail("ExponentWithoutDigits", R"([1e])", syntax, 3, "exponent has no digit"),
      fail("ExponentSignWithoutDigits", R"([1E+])", syntax, 4, "exponent has no digit"),
      fail("HexNumber", R"([0x1F])", syntax, 2, "Expected ',' or ']'"),
      // --- json-syntax: literals -------------------------------------------------------------
      fail("LiteralTru", R"([tru])", syntax, 4, "Invalid literal"),
      fail("LiteralNul", R"({"a": nul})", syntax, 9, "Invalid literal"),
      fail("LiteralCapitalTrue", R"([True])", syntax, 1, "value was expected"),
      // --- json-syntax: strings --------------------------------------------------------------
      fail("RawTabInString", "[\"a\tb\"]", syntax, 3, "control character"),
      fail("RawLineFeedInString", "[\"a\nb\"]", syntax, 3, "control character").at_line(1, 4),
      fail("RawNulInString", "[\"a\0b\"]"sv, syntax, 3, "control character"),
      fail("EscapeBackslashX", R"(["\x41"])", syntax, 2, "Invalid escape"),
      fail("EscapeShortUnicode", R"(["\u12"])", syntax, 2, "Invalid escape"),
      fail("EscapeCapitalU", R"(["\U0041"])", syntax, 2, "Invalid escape"),
      // --- json-syntax: truncated text (offset = the input's size) ---------------------------
      fail("EmptyInput", "", syntax, 0, "empty"),
      fail("OnlyWhiteSpace", " \t ", syntax, 3, "empty"),
      fail("TruncatedInString", R"({"a": "bc)", syntax, 9, "ends in the middle"),
      fail("TruncatedInEscape", R"(["\u00)", syntax, 6, "ends in the middle"),
      fail("TruncatedAfterKey", R"({"a")", syntax, 4, "ends in the middle"),
      fail("TruncatedAfterColon", R"({"a":)", syntax, 5, "ends in the middle"),
      fail("TruncatedAfterComma", R"({"a":1,)", syntax, 7, "ends in the middle"),
      fail("TruncatedOpenArray", R"([)", syntax, 1, "ends in the middle"),
      fail("TruncatedOpenObject", R"({ )", syntax, 2, "ends in the middle"),
      fail("TruncatedAfterMinus", R"({"a": -)", syntax, 7, "ends in the middle"),
      fail("TruncatedAfterDot", R"([1.)", syntax, 3, "ends in the middle"),
      fail("TruncatedInExponent", R"([1e+)", syntax, 4, "ends in the middle"),
      fail("TruncatedInLiteral", R"([tr)", syntax, 3, "ends in the middle"),
      fail("TruncatedAfterValue", R"([1, 2 )", syntax, 6, "ends in the middle"),
      // --- json-encoding: invalid UTF-8 (offset of the first bad byte) -----------------------
      fail("StrayContinuationByte", "[\"\x80\"]", encoding, 2, "UTF-8"),
      fail("OverlongC0", "[\"\xC0\x80\"]", encoding, 2, "UTF-8"),
      fail("OverlongE0", "[\"\xE0\x80\x80\"]", encoding, 2, "UTF-8"),
      fail("LeadByteF5", "[\"\xF5\x80\x80\x80\"]", encoding, 2, "UTF-8"),
      fail("Latin1Text", "{\"a\": \"Z\xFCrich\"}", encoding, 8, "UTF-8"),
      fail("TruncatedSequenceAtEnd", "[\"\xE2\x82", encoding, 2, "UTF-8"),
      fail("TruncatedSequenceMidString",
           "[\"\xE2\x82"
           "x\"]",
           encoding, 2, "UTF-8"),
      fail("ContinuationTooMany", "[\"\xC3\xA9\xA9\"]", encoding, 4, "UTF-8"),
      fail("SurrogateInUtf8", "[\"\xED\xA0\x80\"]", encoding, 2, "UTF-8"),
      fail("AboveU10FFFF", "[\"\xF4\x90\x80\x80\"]", encoding, 2, "UTF-8"),
      fail("InvalidUtf8InKey", "{\"\xFF\": 1}", encoding, 2, "UTF-8"),
      fail("InvalidUtf8AsValue", "[1, \xFF]", encoding, 4, "UTF-8"),
      // Well-formed UTF-8 where the grammar allows none is a syntax error, not an encoding one.
      fail("WellFormedUtf8OutsideString", "[\xC3\xA9]", syntax, 1, "value was expected"),
      fail("CurlyQuotesAroundKey",
           "{\xE2\x80\x9C"
           "a\xE2\x80\x9D: 1}",
           syntax, 1, "member name"),
      // --- json-encoding: lone surrogate escapes (offset of the backslash) -------------------
      fail("LoneHighSurrogate", R"(["\ud83c"])", encoding, 2, "high surrogate"),
      fail("HighThenNonLow", R"(["\ud83c\u0041"])", encoding, 2, "high surrogate"),
      fail("LoneLowSurrogate", R"(["\udc00"])", encoding, 2, "low surrogate"),
      // --- the earliest failure in the text wins ---------------------------------------------
      fail("EncodingBeforeSyntax", "[\"a\xFF\tb\"]", encoding, 3, "UTF-8"),
      fail("SyntaxBeforeEncoding", "[\"a\tb\xFF\"]", syntax, 3, "control character"),
      fail("TooDeepBeforeEncoding", "[[[\"\xFF\"]]]", too_deep, 2, "deeper than the limit").max_depth(2),
      fail("EncodingBeforeTooDeep", "[\"\xFF\", [[]]]", encoding, 2, "UTF-8").max_depth(2),
      fail("SyntaxBeforeTooDeep", "[1,,[[[]]]]", syntax, 3, "value was expected").max_depth(2),
      // --- json-too-deep (offset of the bracket that opens the first level too many) ---------
      accept("DepthDefaultLimitArrays", arrays(64)),
      accept("DepthDefaultLimitArraysNonEmpty", arrays(64, "1")),
      accept("DepthDefaultLimitObjectsNonEmpty", objects(64, "1")),
      fail("DepthDefaultLimitPlusOneArrays", arrays(65), too_deep, 64, "deeper than the limit"),
      fail("DepthDefaultLimitPlusOneObjects", objects(65), too_deep, 320, "deeper than the limit"),
      fail("DepthUnclosed100000", std::string(100000, '['), too_deep, 64, "deeper than the limit"),
      accept("DepthCustomLimitArrays", arrays(10, "1")).max_depth(10),
      fail("DepthCustomLimitPlusOneArrays", arrays(11), too_deep, 10, "deeper than the limit").max_depth(10),
      fail("DepthCustomLimitPlusOneObjects", objects(11, "1"), too_deep, 50, "deeper than the limit").max_depth(10),
      accept("DepthLimitZeroMeansOne", "{}").max_depth(0),
      fail("DepthLimitZeroMeansOnePlusOne", "[[]]", too_deep, 1, "deeper than the limit").max_depth(0),
      accept("DepthLimitCapped", arrays(1024)).max_depth(5000),
      fail("DepthLimitCappedPlusOne", arrays(1025), too_deep, 1024, "deeper than the limit").max_depth(5000),
      // --- json-too-large (offset = the limit; checked before anything else) -----------------
      fail("TooLarge", R"({"displayName": "x"})", too_large, 10, "limit of 10 bytes").max_bytes(10),
      accept("SizeExactlyAtLimit", "{}").max_bytes(2),
      fail("TooLargeWinsOverSyntax", R"({,,,,,,,)", too_large, 4, "limit of 4 bytes").max_bytes(4),
      fail("TooLargeCountsBom", bom + "{}", too_large, 4, "limit of 4 bytes").max_bytes(4),
      fail("TooLargeOnLine2", "{\n\"a\": 1}", too_large, 5, "limit of 5 bytes").max_bytes(5).at_line(2, 4),
      // --- BOM: offsets count it, and no json-bom warning joins a document-level failure -----
      accept("BomThenValid", bom + "{}"),
      fail("BomThenSyntax", bom + R"({"a":1,})", syntax, 10, "trailing comma"),
      fail("BomThenEncoding", bom + "[\"\xFF\"]", encoding, 5, "UTF-8"),
      fail("BomOnly", bom, syntax, 3, "empty"),
      fail("BomThenTooDeep", bom + arrays(65), too_deep, 67, "deeper than the limit"),
      fail("BomTwice", bom + bom + "{}", syntax, 3, "value was expected"),
      fail("BomAfterWhiteSpace", " " + bom + "{}", syntax, 1, "value was expected"),
      // --- lines end at LF, CRLF or a lone CR; columns count bytes ---------------------------
      fail("Line3AfterLf", "{\n  \"a\": 1,\n  }", syntax, 14, "trailing comma").at_line(3, 3),
      fail("Line3AfterCrLf", "{\r\n  \"a\": 1,\r\n  }", syntax, 16, "trailing comma").at_line(3, 3),
      fail("Line3AfterLoneCr", "{\r  \"a\": 1,\r  }", syntax, 14, "trailing comma").at_line(3, 3),
      fail("Line3AfterCrLfThenCr", "[\r\n\r  1,]", syntax, 8, "trailing comma").at_line(3, 5),
      fail("Line3AfterLfThenCr", "[\n\r  1,]", syntax, 7, "trailing comma").at_line(3, 5),
      fail("EncodingOnLine3", "{\r\n\"a\":\r\n  \"\xC0\"}", encoding, 12, "UTF-8").at_line(3, 4),
      fail("TruncatedAfterLineEnd", "{\"a\":\n", syntax, 6, "ends in the middle").at_line(2, 1),
      fail("TruncatedAfterCr", "{\"a\":\r", syntax, 6, "ends in the middle").at_line(2, 1),
      fail("OnlyWhiteSpaceLines", " \t\r\n ", syntax, 5, "empty").at_line(2, 2),
      fail("ColumnsCountBytes", "[\"\xC3\xA9\", 1,]", syntax, 9, "trailing comma").at_line(1, 10),
      // --- grammatical numbers the parser cannot represent -----------------------------------
      // RFC 8259 section 9 lets a parser limit range; docs/rules.md names no code for it. Pinned as
      // the checker reports it today: json-syntax at the number's first byte.
      fail("IntegerBeyond64Bits", R"([18446744073709551616])", syntax, 1, "outside the range"),
      fail("NegativeIntegerBeyond64Bits", R"([-9223372036854775809])", syntax, 1, "outside the range"),
      fail("ThirtyDigitInteger", R"({"a": 123456789012345678901234567890})", syntax, 6, "outside the range"),
      fail("ExponentOverflow", R"([1e400])", syntax, 1, "outside the range"),
      fail("OverflowAfterQuotedOne", R"(["1e400", 1e400])", syntax, 10, "outside the range"),
      // --- accepted: edge cases of valid JSON ------------------------------------------------
      accept("OddWhiteSpace", " \t\r\n{ \"a\" \t:\r1 ,\n\"b\":[ ] }\r\n\t "),
      accept("EmptyContainersNested", R"([[],{},[{}],{"a":[]},[[[]]]])"),
      accept("EscapedNul", R"(["\u0000"])"),
      accept("AllEscapes", R"(["\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC"])"),
      accept("Numbers", R"([0, -0, -0.0, 0e0, 1E+2, 1e-2, 1.5E2, -12.25e+10])"),
      accept("NumberExtremes", R"([18446744073709551615, -9223372036854775808, 1.7976931348623157e308, 1e-400])"),
      accept("SurrogatePairEscape", R"(["\ud83d\ude00", "\uD83D\uDE00"])"),
      accept("Utf8Boundaries",
             "[\"\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF\"]"),
      accept("DelInString", "[\"\x7F\"]"),
  };
}

// ---------------------------------------------------------------------------------------------
// Line and column of an offset, computed here (not by the library): lines end at LF, CRLF (one
// line end) or a lone CR; columns are 1-based and count bytes.

std::pair<std::uint32_t, std::uint32_t> position(std::string_view s, std::size_t offset) {
  std::uint32_t line = 1;
  std::size_t start = 0;
  const std::size_t end = offset < s.size() ? offset : s.size();
  for (std::size_t i = 0; i < end; ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      if (i + 1 == offset) break;  // the LF of a CRLF belongs to the CR's line
      ++i;
    } else if (s[i] != '\n' && s[i] != '\r') {
      continue;
    }
    ++line;
    start = i + 1;
  }
  return {line, static_cast<std::uint32_t>(offset - start + 1)};
}

class JsonConformance : public testing::TestWithParam<row> {};

TEST_P(JsonConformance, Row) {
  const row& r = GetParam();
  sdsprofile::options opts;
  opts.now = sdsprofile::parse_rfc3339("2026-01-15T00:00:00Z");
  opts.limits = r.limits;
  sdsprofile::checker checker;
  const sdsprofile::report& report = checker.check(r.input, opts);

  if (!r.expected) {
    for (const auto& d : report.diagnostics()) {
      EXPECT_FALSE(document_level(d.code))
          << to_string(d.code) << " at " << d.offset << " (" << d.line << ":" << d.column << "): " << d.message;
    }
    return;
  }

  ASSERT_EQ(report.diagnostics().size(), 1u) << "a document-level failure is reported alone";
  const sdsprofile::diagnostic& d = report.diagnostics()[0];
  EXPECT_FALSE(report.valid());
  EXPECT_EQ(to_string(d.code), to_string(*r.expected)) << d.message;
  EXPECT_EQ(d.severity, severity::error);
  EXPECT_EQ(d.path, "");
  EXPECT_EQ(d.offset, r.offset) << d.message;
  const auto [line, column] = position(r.input, r.offset);
  if (r.line != 0) {  // the table's own line and column agree with the rule
    EXPECT_EQ(r.line, line) << "table row";
    EXPECT_EQ(r.column, column) << "table row";
  }
  EXPECT_EQ(d.line, line);
  EXPECT_EQ(d.column, column);
  EXPECT_FALSE(d.message.empty());
  EXPECT_NE(d.message.find(r.about), std::string_view::npos) << "message: " << d.message;
  if (r.hint) {
    EXPECT_FALSE(d.hint.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, JsonConformance, testing::ValuesIn(table()),
                         [](const testing::TestParamInfo<row>& info) { return info.param.name; });

// The table's own sanity: every document-level code has rows, and so does acceptance.
TEST(JsonConformanceTable, CoversEveryDocumentLevelCode) {
  int syntax_rows = 0, encoding_rows = 0, deep_rows = 0, large_rows = 0, accepted_rows = 0;
  for (const row& r : table()) {
    if (!r.expected)
      ++accepted_rows;
    else if (*r.expected == syntax)
      ++syntax_rows;
    else if (*r.expected == encoding)
      ++encoding_rows;
    else if (*r.expected == too_deep)
      ++deep_rows;
    else if (*r.expected == too_large)
      ++large_rows;
  }
  EXPECT_GT(syntax_rows, 0);
  EXPECT_GT(encoding_rows, 0);
  EXPECT_GT(deep_rows, 0);
  EXPECT_GT(large_rows, 0);
  EXPECT_GT(accepted_rows, 0);
}

}  // namespace
