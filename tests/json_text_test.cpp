// Tests for the slow-path JSON text tools (json_text.hpp).
#include "json_text.hpp"

#include "case_file.hpp"
#include "engine/messages.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sdsprofile::detail::find_first_failure;
using sdsprofile::detail::line_column;
using sdsprofile::detail::line_index;
using sdsprofile::detail::text_failure;
using sdsprofile::detail::text_scan_result;

using namespace std::string_view_literals;

const char* kind_name(text_failure f) {
  switch (f) {
    case text_failure::none:
      return "none";
    case text_failure::syntax:
      return "syntax";
    case text_failure::encoding:
      return "encoding";
    case text_failure::too_deep:
      return "too_deep";
  }
  return "?";
}

// Checks kind and offset of the first failure; returns the result for further checks.
testing::AssertionResult fails(std::string_view text, text_failure kind, std::size_t offset,
                               std::uint32_t max_depth = 64) {
  const text_scan_result r = find_first_failure(text, max_depth);
  if (r.failure == kind && r.offset == offset) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "got " << kind_name(r.failure) << " at " << r.offset << " (\""
                                     << sdsprofile::engine::words_of(r.what).message << "\"), expected "
                                     << kind_name(kind) << " at " << offset;
}

testing::AssertionResult valid(std::string_view text, std::uint32_t max_depth = 64) {
  const text_scan_result r = find_first_failure(text, max_depth);
  if (r.failure == text_failure::none) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "got " << kind_name(r.failure) << " at " << r.offset << " (\""
                                     << sdsprofile::engine::words_of(r.what).message << "\")";
}

std::string_view message_of(std::string_view text, std::uint32_t max_depth = 64) {
  return sdsprofile::engine::words_of(find_first_failure(text, max_depth).what).message;
}

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// ---------------------------------------------------------------------------------------------
// find_first_failure: valid documents

TEST(FindFirstFailure, AcceptsValidDocuments) {
  for (std::string_view t : {
           "0"sv,
           "-0"sv,
           "1"sv,
           "-1"sv,
           "123"sv,
           "1.5"sv,
           "-0.0e+0"sv,
           "1E5"sv,
           "1e-5"sv,
           "0.1e10"sv,
           "true"sv,
           "false"sv,
           "null"sv,
           "\"\""sv,
           "\"abc\""sv,
           "[]"sv,
           "{}"sv,
           "[1,2,3]"sv,
           "{\"a\":1,\"b\":[true,false,null]}"sv,
           " \t\r\n[ 1 , { } ] \n"sv,
           "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9\""sv,
           "\"\x7f\""sv,
           "{\"a\":{\"b\":{\"c\":[[[]]]}}}"sv,
           "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]"sv,
           "\"\xef\xbf\xbf\xf4\x8f\xbf\xbf\xee\x80\x80\xed\x9f\xbf\""sv,
       }) {
    EXPECT_TRUE(valid(t)) << t;
  }
}

TEST(FindFirstFailure, ValidResultHasNoMessage) {
  const text_scan_result r = find_first_failure("[1]", 64);
  EXPECT_EQ(r.failure, text_failure::none);
  EXPECT_EQ(r.offset, 0U);
  EXPECT_TRUE(sdsprofile::engine::words_of(r.what).message.empty());
}

TEST(FindFirstFailure, SurrogatePairEscapesAreValid) {
  EXPECT_TRUE(valid(R"("\ud83d\ude00")"));
  EXPECT_TRUE(valid(R"("\uD834\uDD1E")"));
  EXPECT_TRUE(valid(R"("\uDBFF\uDFFF")"));
  EXPECT_TRUE(valid(R"("\uD800\uDC00")"));
  EXPECT_TRUE(valid(R"({"\ud83d\ude00":"x\uD83C\uDF09y"})"));
}

// ---------------------------------------------------------------------------------------------
// find_first_failure: syntax

TEST(FindFirstFailure, TrailingCommas) {
  EXPECT_TRUE(fails(R"({"a":1,})", text_failure::syntax, 7));
  EXPECT_EQ(message_of(R"({"a":1,})"), "A trailing comma stands before '}'.");
  EXPECT_TRUE(fails("[1,]", text_failure::syntax, 3));
  EXPECT_EQ(message_of("[1,]"), "A trailing comma stands before ']'.");
  EXPECT_TRUE(fails("[1, \n ]", text_failure::syntax, 6));
  EXPECT_TRUE(fails("[1,,2]", text_failure::syntax, 3));
  EXPECT_TRUE(fails("[,]", text_failure::syntax, 1));
  EXPECT_TRUE(fails("{,}", text_failure::syntax, 1));
  EXPECT_EQ(message_of("{,}"), "A member name in double quotes was expected here.");
}

TEST(FindFirstFailure, MemberNames) {
  EXPECT_TRUE(fails("{'a':1}", text_failure::syntax, 1));
  EXPECT_EQ(message_of("{'a':1}"), "Single quotes are not JSON.");
  EXPECT_TRUE(fails("{a:1}", text_failure::syntax, 1));
  EXPECT_EQ(message_of("{a:1}"), "A member name in double quotes was expected here.");
  EXPECT_TRUE(fails("{1:1}", text_failure::syntax, 1));
  EXPECT_TRUE(fails(R"({"a" 1})", text_failure::syntax, 5));
  EXPECT_EQ(message_of(R"({"a" 1})"), "A ':' must follow the member name.");
  EXPECT_TRUE(fails(R"({"a"=1})", text_failure::syntax, 4));
  EXPECT_TRUE(fails(R"({"a":1 "b":2})", text_failure::syntax, 7));
  EXPECT_EQ(message_of(R"({"a":1 "b":2})"), "Expected ',' or '}' after the member.");
  EXPECT_TRUE(fails(R"({"a":1])", text_failure::syntax, 6));
  EXPECT_TRUE(fails(R"({"a":})", text_failure::syntax, 5));
  EXPECT_EQ(message_of(R"({"a":})"), "A JSON value was expected here.");
}

TEST(FindFirstFailure, SingleQuotedValue) {
  EXPECT_TRUE(fails("['a']", text_failure::syntax, 1));
  EXPECT_EQ(message_of("['a']"), "Single quotes are not JSON.");
}

TEST(FindFirstFailure, Comments) {
  EXPECT_TRUE(fails("[1, // c\n 2]", text_failure::syntax, 4));
  EXPECT_EQ(message_of("[1, // c\n 2]"), "Comments are not allowed in JSON.");
  EXPECT_TRUE(fails("/* c */ 1", text_failure::syntax, 0));
  EXPECT_TRUE(fails("[1] // c", text_failure::syntax, 4));
  EXPECT_EQ(message_of("[1] // c"), "Comments are not allowed in JSON.");
  EXPECT_TRUE(fails("{/*x*/\"a\":1}", text_failure::syntax, 1));
  EXPECT_TRUE(fails("{\"a\"/**/:1}", text_failure::syntax, 4));
  EXPECT_TRUE(fails("[1/**/]", text_failure::syntax, 2));
}

TEST(FindFirstFailure, TrailingText) {
  EXPECT_TRUE(fails("[1] x", text_failure::syntax, 4));
  EXPECT_EQ(message_of("[1] x"), "Unexpected text after the JSON value.");
  EXPECT_TRUE(fails("1 2", text_failure::syntax, 2));
  EXPECT_TRUE(fails("{}}", text_failure::syntax, 2));
  EXPECT_TRUE(fails("[]]", text_failure::syntax, 2));
  EXPECT_TRUE(fails("nulls", text_failure::syntax, 4));
  EXPECT_TRUE(fails("\"a\"\"b\"", text_failure::syntax, 3));
  // A form feed or vertical tab is not JSON white space.
  EXPECT_TRUE(fails("[1]\f", text_failure::syntax, 3));
  EXPECT_TRUE(fails("[1,\v2]", text_failure::syntax, 3));
  // NUL after the value.
  EXPECT_TRUE(fails("[1]\0"sv, text_failure::syntax, 3));
}

TEST(FindFirstFailure, EmptyAndTruncated) {
  EXPECT_TRUE(fails("", text_failure::syntax, 0));
  EXPECT_TRUE(fails("   ", text_failure::syntax, 3));
  EXPECT_TRUE(fails("\n", text_failure::syntax, 1));
  EXPECT_TRUE(fails(R"({"a":)", text_failure::syntax, 5));
  EXPECT_EQ(message_of(R"({"a":)"), "The input ends in the middle of the JSON value.");
  EXPECT_TRUE(fails("[", text_failure::syntax, 1));
  EXPECT_TRUE(fails("[1", text_failure::syntax, 2));
  EXPECT_TRUE(fails("[1,", text_failure::syntax, 3));
  EXPECT_TRUE(fails("{", text_failure::syntax, 1));
  EXPECT_TRUE(fails(R"({"a")", text_failure::syntax, 4));
  EXPECT_TRUE(fails(R"({"a":1)", text_failure::syntax, 6));
  EXPECT_TRUE(fails(R"({"a":1,)", text_failure::syntax, 7));
  EXPECT_TRUE(fails(R"("abc)", text_failure::syntax, 4));
  EXPECT_TRUE(fails(R"("abc\)", text_failure::syntax, 5));
  EXPECT_TRUE(fails(R"("\u12)", text_failure::syntax, 5));
  EXPECT_TRUE(fails(R"({"ab)", text_failure::syntax, 4));
  EXPECT_TRUE(valid("[1] \n "));
}

TEST(FindFirstFailure, Literals) {
  EXPECT_TRUE(fails("tru", text_failure::syntax, 3));
  EXPECT_TRUE(fails("nul", text_failure::syntax, 3));
  EXPECT_TRUE(fails("[tru]", text_failure::syntax, 4));
  EXPECT_EQ(message_of("[tru]"), "Invalid literal: expected true, false or null.");
  EXPECT_TRUE(fails("[nul]", text_failure::syntax, 4));
  EXPECT_TRUE(fails("fals", text_failure::syntax, 4));
  EXPECT_TRUE(fails("[fase]", text_failure::syntax, 3));
  EXPECT_TRUE(fails("[nill]", text_failure::syntax, 2));
  EXPECT_TRUE(fails("True", text_failure::syntax, 0));
  EXPECT_TRUE(fails("[None]", text_failure::syntax, 1));
  EXPECT_TRUE(fails("[truex]", text_failure::syntax, 5));
  EXPECT_EQ(message_of("[truex]"), "Expected ',' or ']' after the item.");
  EXPECT_TRUE(fails("undefined", text_failure::syntax, 0));
  EXPECT_EQ(message_of("undefined"), "A JSON value was expected here.");
}

TEST(FindFirstFailure, NaNAndInfinity) {
  EXPECT_TRUE(fails("NaN", text_failure::syntax, 0));
  EXPECT_TRUE(fails("[NaN]", text_failure::syntax, 1));
  EXPECT_TRUE(fails("Infinity", text_failure::syntax, 0));
  EXPECT_TRUE(fails("[-Infinity]", text_failure::syntax, 2));
  EXPECT_TRUE(fails("{\"a\":nan}", text_failure::syntax, 6));
}

TEST(FindFirstFailure, Numbers) {
  EXPECT_TRUE(fails("01", text_failure::syntax, 1));
  EXPECT_TRUE(fails("[-01]", text_failure::syntax, 3));
  EXPECT_TRUE(fails("[00]", text_failure::syntax, 2));
  EXPECT_TRUE(fails("1.", text_failure::syntax, 2));
  EXPECT_TRUE(fails("[1.]", text_failure::syntax, 3));
  EXPECT_TRUE(fails("[1.e5]", text_failure::syntax, 3));
  EXPECT_TRUE(fails(".5", text_failure::syntax, 0));
  EXPECT_TRUE(fails("[.5]", text_failure::syntax, 1));
  EXPECT_EQ(message_of("[.5]"), "Invalid number.");
  EXPECT_TRUE(fails("-", text_failure::syntax, 1));
  EXPECT_TRUE(fails("[-]", text_failure::syntax, 2));
  EXPECT_TRUE(fails("[- 1]", text_failure::syntax, 2));
  EXPECT_TRUE(fails("+1", text_failure::syntax, 0));
  EXPECT_EQ(message_of("+1"), "Invalid number.");
  EXPECT_TRUE(fails("[1e]", text_failure::syntax, 3));
  EXPECT_TRUE(fails("[1e+]", text_failure::syntax, 4));
  EXPECT_TRUE(fails("1e", text_failure::syntax, 2));
  EXPECT_TRUE(fails("1E-", text_failure::syntax, 3));
  EXPECT_TRUE(fails("[0x1F]", text_failure::syntax, 2));
  EXPECT_TRUE(fails("[1.5.3]", text_failure::syntax, 4));
  EXPECT_TRUE(fails("[--1]", text_failure::syntax, 2));
  EXPECT_TRUE(fails("[1 000]", text_failure::syntax, 3));
  // Range is not a failure.
  EXPECT_TRUE(valid("[1e999999, -1e-999999, 123456789012345678901234567890]"));
  EXPECT_TRUE(valid("-0"));
}

TEST(FindFirstFailure, ControlCharactersInStrings) {
  EXPECT_TRUE(fails("[\"a\tb\"]", text_failure::syntax, 3));
  EXPECT_EQ(message_of("[\"a\tb\"]"), "A control character in a string must be escaped.");
  EXPECT_TRUE(fails("\"a\nb\"", text_failure::syntax, 2));
  EXPECT_TRUE(fails("\"\0\""sv, text_failure::syntax, 1));
  EXPECT_TRUE(fails("\"\x1f\"", text_failure::syntax, 1));
  EXPECT_TRUE(fails("{\"a\x01\":1}", text_failure::syntax, 3));
  EXPECT_TRUE(valid("\"\x7f\""));
}

TEST(FindFirstFailure, InvalidEscapes) {
  EXPECT_TRUE(fails(R"(["a\x41"])", text_failure::syntax, 3));
  EXPECT_EQ(message_of(R"(["a\x41"])"), "Invalid escape sequence in a string.");
  EXPECT_TRUE(fails(R"("\u12")", text_failure::syntax, 1));
  EXPECT_TRUE(fails(R"("\u12G4")", text_failure::syntax, 1));
  EXPECT_TRUE(fails(R"("\U0041")", text_failure::syntax, 1));
  EXPECT_TRUE(fails(R"("\a")", text_failure::syntax, 1));
  EXPECT_TRUE(fails(R"("\')", text_failure::syntax, 1));
  EXPECT_TRUE(fails(R"("\0")", text_failure::syntax, 1));
  EXPECT_TRUE(fails(R"({"k\e":1})", text_failure::syntax, 3));
  EXPECT_TRUE(fails("\"\\\xc3\xa9\"", text_failure::syntax, 1));
}

TEST(FindFirstFailure, OffsetsAfterWhitespaceAndNesting) {
  EXPECT_TRUE(fails("  {\n  \"a\" : [1, 2,]\n}", text_failure::syntax, 18));
  EXPECT_TRUE(fails("[[[1]]]]", text_failure::syntax, 7));
  EXPECT_TRUE(fails("[{]", text_failure::syntax, 2));
  EXPECT_TRUE(fails("{]", text_failure::syntax, 1));
  EXPECT_TRUE(fails("[}", text_failure::syntax, 1));
  EXPECT_TRUE(fails("]", text_failure::syntax, 0));
  EXPECT_TRUE(fails(":", text_failure::syntax, 0));
}

// ---------------------------------------------------------------------------------------------
// find_first_failure: encoding

TEST(FindFirstFailure, Latin1ByteInString) {
  // "Caf\xC9" : 0xC9 is a lead byte not followed by a continuation byte.
  EXPECT_TRUE(fails("[\"Caf\xc9\"]", text_failure::encoding, 5));
  EXPECT_EQ(message_of("[\"Caf\xc9\"]"), "Invalid UTF-8 byte sequence.");
  EXPECT_TRUE(fails("{\"\xc9t\xc9\":1}", text_failure::encoding, 2));
}

TEST(FindFirstFailure, InvalidUtf8InStrings) {
  // stray continuation byte
  EXPECT_TRUE(fails("\"a\x80\"", text_failure::encoding, 2));
  EXPECT_TRUE(fails("\"\xbf\"", text_failure::encoding, 1));
  // C0, C1 (overlong 2-byte), F5..FF
  EXPECT_TRUE(fails("\"\xc0\x80\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"\xc1\xbf\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"\xf5\x80\x80\x80\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"\xff\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"\xfe\"", text_failure::encoding, 1));
  // overlong 3- and 4-byte
  EXPECT_TRUE(fails("\"\xe0\x80\x80\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"\xe0\x9f\xbf\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"\xf0\x80\x80\x80\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"\xf0\x8f\xbf\xbf\"", text_failure::encoding, 1));
  // surrogates encoded in UTF-8
  EXPECT_TRUE(fails("\"\xed\xa0\x80\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"\xed\xbf\xbf\"", text_failure::encoding, 1));
  EXPECT_TRUE(valid("\"\xed\x9f\xbf\""));  // U+D7FF
  // above U+10FFFF
  EXPECT_TRUE(fails("\"\xf4\x90\x80\x80\"", text_failure::encoding, 1));
  EXPECT_TRUE(valid("\"\xf4\x8f\xbf\xbf\""));  // U+10FFFF
  // truncated sequences (interrupted, and cut by the end of the text)
  EXPECT_TRUE(fails("\"\xe2\x82\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"\xf0\x9f\x98\"", text_failure::encoding, 1));
  EXPECT_TRUE(fails("\"ab\xe2\x82", text_failure::encoding, 3));
  EXPECT_TRUE(fails("\"\xc3", text_failure::encoding, 1));
  // a continuation byte too many
  EXPECT_TRUE(fails("\"\xc3\xa9\xa9\"", text_failure::encoding, 3));
}

TEST(FindFirstFailure, NonAsciiOutsideStrings) {
  // Well-formed UTF-8 outside a string is a syntax error at its first byte.
  EXPECT_TRUE(fails("[\xc3\xa9]", text_failure::syntax, 1));
  EXPECT_TRUE(fails("[1] \xc2\xa0", text_failure::syntax, 4));
  EXPECT_TRUE(fails("\xef\xbb\xbf{}", text_failure::syntax, 0));  // BOM is the caller's job
  EXPECT_TRUE(
      fails("{\xe2\x80\x9c"
            "a\xe2\x80\x9d:1}",
            text_failure::syntax, 1));
  // Ill-formed UTF-8 outside a string is an encoding failure.
  EXPECT_TRUE(fails("[\xff]", text_failure::encoding, 1));
  EXPECT_TRUE(fails("[1] \xc9", text_failure::encoding, 4));
  EXPECT_TRUE(fails("[1,\x80]", text_failure::encoding, 3));
  EXPECT_TRUE(fails("[1\xe5]", text_failure::encoding, 2));
  EXPECT_TRUE(fails("[tr\xe5]", text_failure::encoding, 3));
  EXPECT_TRUE(fails("{\"a\"\xff:1}", text_failure::encoding, 4));
  EXPECT_TRUE(fails("[-\xff]", text_failure::encoding, 2));
  EXPECT_TRUE(fails("[1.\xff]", text_failure::encoding, 3));
  EXPECT_TRUE(fails("[1e\xff]", text_failure::encoding, 3));
}

TEST(FindFirstFailure, LoneSurrogateEscapes) {
  // lone high surrogate: encoding at its backslash
  EXPECT_TRUE(fails(R"(["\ud83c"])", text_failure::encoding, 2));
  EXPECT_EQ(message_of(R"(["\ud83c"])").substr(0, 21), "Lone surrogate escape");
  EXPECT_TRUE(fails(R"(["ab\uD800x"])", text_failure::encoding, 4));
  EXPECT_TRUE(fails(R"(["\uD800\u0041"])", text_failure::encoding, 2));
  EXPECT_TRUE(fails(R"(["\uD800\uD800"])", text_failure::encoding, 2));
  EXPECT_TRUE(fails(R"(["\uD800\n"])", text_failure::encoding, 2));
  EXPECT_TRUE(fails(R"(["\uD800\uDC"])", text_failure::encoding, 2));
  EXPECT_TRUE(fails(R"(["\uD800\x"])", text_failure::encoding, 2));  // earlier than the \x
  EXPECT_TRUE(fails(R"("\uDBFF)", text_failure::encoding, 1));       // cut by the end of text
  // lone low surrogate: encoding at its backslash
  EXPECT_TRUE(fails(R"(["\udc00"])", text_failure::encoding, 2));
  EXPECT_TRUE(fails(R"(["x\uDFFF\uD800"])", text_failure::encoding, 3));
  // inverted pair: the low one comes first
  EXPECT_TRUE(fails(R"("\uDD1E\uD834")", text_failure::encoding, 1));
  // in a member name
  EXPECT_TRUE(fails(R"({"\uD800":1})", text_failure::encoding, 2));
  // truncated inside the high surrogate escape itself is end of input
  EXPECT_TRUE(fails(R"("\uD80)", text_failure::syntax, 6));
}

TEST(FindFirstFailure, FirstFailureInTextOrderWins) {
  // syntax before encoding
  EXPECT_TRUE(fails("[1,,\"\xff\"]", text_failure::syntax, 3));
  // encoding before syntax
  EXPECT_TRUE(fails("[\"\xff\",,]", text_failure::encoding, 2));
  // encoding before too_deep
  EXPECT_TRUE(fails("[\"\xff\",[[]]]", text_failure::encoding, 2, 2));
  // too_deep before syntax and encoding
  EXPECT_TRUE(fails("[[[,\"\xff\"", text_failure::too_deep, 2, 2));
  // syntax before too_deep
  EXPECT_TRUE(fails("[1,,[[[]]]]", text_failure::syntax, 3, 2));
  // lone surrogate before a later control character
  EXPECT_TRUE(fails("[\"\\uD800\x01\"]", text_failure::encoding, 2));
  // control character before a later lone surrogate
  EXPECT_TRUE(fails("[\"\x01\\uD800\"]", text_failure::syntax, 2));
}

// ---------------------------------------------------------------------------------------------
// find_first_failure: depth

TEST(FindFirstFailure, DepthBoundaryArrays) {
  EXPECT_TRUE(valid(nested_arrays(64), 64));
  // The 65th '[' is at offset 64.
  EXPECT_TRUE(fails(nested_arrays(65), text_failure::too_deep, 64, 64));
  EXPECT_EQ(message_of(nested_arrays(65), 64), "Nesting is deeper than the limit.");
  // Opening 65 levels without ever closing: still too_deep at the 65th bracket (not truncation).
  EXPECT_TRUE(fails(std::string(65, '['), text_failure::too_deep, 64, 64));
  EXPECT_TRUE(fails(std::string(64, '['), text_failure::syntax, 64, 64));
}

TEST(FindFirstFailure, DepthBoundaryObjectsAndMixed) {
  std::string ok;
  std::string deep;
  for (int i = 0; i < 64; ++i) ok += "{\"a\":";
  ok += "1";
  for (int i = 0; i < 64; ++i) ok += "}";
  EXPECT_TRUE(valid(ok, 64));
  for (int i = 0; i < 64; ++i) deep += "{\"a\":";
  const std::size_t at = deep.size();
  deep += "[1]";
  for (int i = 0; i < 64; ++i) deep += "}";
  EXPECT_TRUE(fails(deep, text_failure::too_deep, at, 64));
  // Siblings do not add depth.
  EXPECT_TRUE(valid("[[],[],{},[[]]]", 3));
  EXPECT_TRUE(fails("[[],[],{},[[]]]", text_failure::too_deep, 11, 2));
  // max_depth 0: only scalars.
  EXPECT_TRUE(valid("1", 0));
  EXPECT_TRUE(fails(" []", text_failure::too_deep, 1, 0));
}

TEST(FindFirstFailure, DeepNestingIsIterative) {
  // Far deeper than any recursion could survive; crosses the inline/heap boundary of the stack.
  const std::size_t depth = 200000;
  std::string mixed;
  mixed.reserve(depth * 6);
  for (std::size_t i = 0; i < depth; ++i) mixed += (i % 3 == 0) ? "{\"k\":" : "[";
  mixed += "0";
  for (std::size_t i = depth; i-- > 0;) mixed += (i % 3 == 0) ? "}" : "]";
  EXPECT_TRUE(valid(mixed, 0xFFFFFFFFU));
  EXPECT_TRUE(valid(nested_arrays(depth), 0xFFFFFFFFU));
  // A mismatched closer deep down is still detected (the kind of each level is remembered).
  std::string bad = nested_arrays(5000);
  bad[2000] = '{';  // opens an object where '[' was, its closer is ']'
  const text_scan_result r = find_first_failure(bad, 0xFFFFFFFFU);
  EXPECT_EQ(r.failure, text_failure::syntax);
  EXPECT_EQ(r.offset, 2001U);  // '[' where a member name is required
  EXPECT_TRUE(fails(std::string(100000, '['), text_failure::too_deep, 1024, 1024));
}

// ---------------------------------------------------------------------------------------------
// line_index

TEST(LineIndex, LineFeeds) {
  line_index idx;
  const std::string_view t = "ab\ncd\n\nx";
  idx.build(t);
  auto at = [&](std::size_t o) {
    const line_column lc = idx.at(o);
    return std::pair<std::uint32_t, std::uint32_t>(lc.line, lc.column);
  };
  EXPECT_EQ(at(0), std::make_pair(1U, 1U));
  EXPECT_EQ(at(1), std::make_pair(1U, 2U));
  EXPECT_EQ(at(2), std::make_pair(1U, 3U));  // the '\n' itself
  EXPECT_EQ(at(3), std::make_pair(2U, 1U));
  EXPECT_EQ(at(5), std::make_pair(2U, 3U));
  EXPECT_EQ(at(6), std::make_pair(3U, 1U));
  EXPECT_EQ(at(7), std::make_pair(4U, 1U));
  EXPECT_EQ(at(8), std::make_pair(4U, 2U));    // text.size()
  EXPECT_EQ(at(100), std::make_pair(4U, 2U));  // clamped
}

TEST(LineIndex, CrLfAndLoneCr) {
  line_index idx;
  idx.build("a\r\nb\rc\n\r\nd\r");
  // lines: "a" [0], "b" [3], "c" [5], "" [7], "d" [9], "" [11]
  EXPECT_EQ(idx.at(0).line, 1U);
  EXPECT_EQ(idx.at(1).line, 1U);  // '\r'
  EXPECT_EQ(idx.at(2).line, 1U);  // '\n' of the pair
  EXPECT_EQ(idx.at(2).column, 3U);
  EXPECT_EQ(idx.at(3).line, 2U);
  EXPECT_EQ(idx.at(3).column, 1U);
  EXPECT_EQ(idx.at(4).line, 2U);
  EXPECT_EQ(idx.at(5).line, 3U);
  EXPECT_EQ(idx.at(5).column, 1U);
  EXPECT_EQ(idx.at(7).line, 4U);
  EXPECT_EQ(idx.at(9).line, 5U);
  EXPECT_EQ(idx.at(9).column, 1U);
  EXPECT_EQ(idx.at(10).line, 5U);
  EXPECT_EQ(idx.at(10).column, 2U);
  EXPECT_EQ(idx.at(11).line, 6U);
  EXPECT_EQ(idx.at(11).column, 1U);
}

TEST(LineIndex, ColumnsAreBytesAndRebuildWorks) {
  line_index idx;
  idx.build("\xc3\xa9\xc3\xa9x\nyz");
  EXPECT_EQ(idx.at(4).line, 1U);
  EXPECT_EQ(idx.at(4).column, 5U);
  idx.build("");
  EXPECT_EQ(idx.at(0).line, 1U);
  EXPECT_EQ(idx.at(0).column, 1U);
  EXPECT_EQ(idx.at(7).column, 1U);
  idx.build("1\n2\n3");
  EXPECT_EQ(idx.at(4).line, 3U);
  line_index unbuilt;
  EXPECT_EQ(unbuilt.at(5).line, 1U);
  EXPECT_EQ(unbuilt.at(5).column, 1U);
}

TEST(LineIndex, CombinedWithScanner) {
  const std::string_view t = "{\r\n  \"a\": 1,\r\n  \"b\": [1, 2,]\r\n}";
  const text_scan_result r = find_first_failure(t, 64);
  ASSERT_EQ(r.failure, text_failure::syntax);
  line_index idx;
  idx.build(t);
  const line_column lc = idx.at(r.offset);
  EXPECT_EQ(lc.line, 3U);
  EXPECT_EQ(lc.column, 14U);
}

// ---------------------------------------------------------------------------------------------
// JSONTestSuite corpus

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string_view strip_bom(std::string_view t) {
  if (t.size() >= 3 && t.substr(0, 3) == "\xef\xbb\xbf") t.remove_prefix(3);
  return t;
}

TEST(JsonTestSuite, AllFiles) {
  const std::filesystem::path dir = sdsprofile::test::corpus_path("JSONTestSuite/test_parsing");
  if (dir.empty())
    GTEST_SKIP() << sdsprofile::test::missing_corpus("JSONTestSuite/test_parsing",
                                                     "https://github.com/nst/JSONTestSuite");
  std::size_t y = 0;
  std::size_t n = 0;
  std::size_t i = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    const std::string data = read_all(entry.path());
    const std::string_view text = strip_bom(data);
    const text_scan_result r = find_first_failure(text, 1024);
    EXPECT_LE(r.offset, text.size()) << name;
    if (r.failure != text_failure::none) {
      EXPECT_FALSE(sdsprofile::engine::words_of(r.what).message.empty()) << name;
    }
    if (name.rfind("y_", 0) == 0) {
      ++y;
      EXPECT_EQ(r.failure, text_failure::none) << name << ": " << kind_name(r.failure) << " at " << r.offset << " "
                                               << sdsprofile::engine::words_of(r.what).message;
      line_index idx;
      idx.build(text);
      (void)idx.at(text.size());
    } else if (name.rfind("n_", 0) == 0) {
      ++n;
      EXPECT_NE(r.failure, text_failure::none) << name;
    } else if (name.rfind("i_", 0) == 0) {
      ++i;  // implementation-defined: only must not crash
    }
  }
  EXPECT_GT(y, 0U);
  EXPECT_GT(n, 0U);
  RecordProperty("y_files", static_cast<int>(y));
  RecordProperty("n_files", static_cast<int>(n));
  RecordProperty("i_files", static_cast<int>(i));
}

}  // namespace
