// Tests for the adapter over simdjson's private DOM tape and stage-1 structural indexes
// (lib/src/engine/tape.hpp). The adapter depends on a layout simdjson does not promise to keep, so
// these tests pin the version it was written against and assert every fact the engine relies on
// with exact values: kinds, steps, counts, closing words, strings, integers and byte offsets.
#include "engine/tape.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sdsprofile::engine::structural_positions;
using sdsprofile::engine::tape;
using sdsprofile::engine::tape_index;
using sdsprofile::engine::tape_kind;

using namespace std::string_view_literals;

/// Spells a macro's expansion as a string literal (SIMDJSON_VERSION is a bare 3.0.1).
#define SDSPROFILE_TAPE_TEST_SPELL(macro) SDSPROFILE_TAPE_TEST_SPELL_EXPANDED(macro)
/// Helper of SDSPROFILE_TAPE_TEST_SPELL: its argument is expanded by now.
#define SDSPROFILE_TAPE_TEST_SPELL_EXPANDED(text) #text

/// A parser that has parsed `text` (padded), kept alive with the text the offsets refer to.
class parsed {
 public:
  explicit parsed(std::string_view text) : text_(text) {
    const simdjson::error_code error = parser_.parse(text_).error();
    EXPECT_EQ(error, simdjson::SUCCESS) << simdjson::error_message(error) << " in " << text;
  }
  [[nodiscard]] tape words() const { return tape(parser_); }
  [[nodiscard]] structural_positions positions() const {
    return structural_positions(parser_, std::string_view(text_.data(), text_.size()));
  }
  /// offsets() for `sorted`, as a vector.
  [[nodiscard]] std::vector<std::size_t> offsets(const std::vector<tape_index>& sorted) const {
    std::vector<std::size_t> out(sorted.size(), 99999);
    positions().offsets(sorted, out);
    return out;
  }
  [[nodiscard]] std::vector<std::size_t> all_offsets() const {
    std::vector<std::size_t> out{12345};  // replaced, not appended to
    positions().all_offsets(out);
    return out;
  }

 private:
  simdjson::padded_string text_;
  simdjson::dom::parser parser_;
};

// ------------------------------------------------------------------------------------------------

TEST(Tape, WrittenAgainstSimdjson301) {
  EXPECT_STREQ(SDSPROFILE_TAPE_TEST_SPELL(SIMDJSON_VERSION), "3.0.1")
      << "lib/src/engine/tape.hpp (the adapter over simdjson's private DOM tape and structural indexes) was "
         "written against simdjson 3.0.1, and this build uses "
      << SDSPROFILE_TAPE_TEST_SPELL(SIMDJSON_VERSION)
      << ". Compare that version's tape layout (doc/tape.md) and stage-1 indexes with the adapter, fix "
         "the adapter if they differ, then pin the new version here.";
}

// The document of the tests below, with the tape simdjson writes for it:
//    0 root   1 {   2 "k"   3 [   4 int64 12 (5: its value)   6 float64 -350 (7: its value)
//    8 {   9 "n"   10 null   11 }   12 [   13 ]   14 ]   15 "sA"   16 "é"   17 "t"   18 true
//   19 }   20 root
// It starts with white space (no BOM), has white space around ':' and ',', nested containers,
// and escapes in a key and a value.
constexpr std::string_view k_document =
    " \r\n\t{\"k\": [12, -3.5e2, {\"n\": null}, []], \"s\\u0041\": \"\\u00e9\", \"t\" :true}\n";

TEST(Tape, KindOfEveryWord) {
  const parsed doc(k_document);
  const tape t = doc.words();
  EXPECT_EQ(t.kind(0), tape_kind::root);
  EXPECT_EQ(t.kind(tape::root), tape_kind::object);
  EXPECT_EQ(t.kind(2), tape_kind::string);
  EXPECT_EQ(t.kind(3), tape_kind::array);
  EXPECT_EQ(t.kind(4), tape_kind::int64);
  EXPECT_EQ(t.kind(6), tape_kind::float64);
  EXPECT_EQ(t.kind(8), tape_kind::object);
  EXPECT_EQ(t.kind(9), tape_kind::string);
  EXPECT_EQ(t.kind(10), tape_kind::null_value);
  EXPECT_EQ(t.kind(11), tape_kind::object_end);
  EXPECT_EQ(t.kind(12), tape_kind::array);
  EXPECT_EQ(t.kind(13), tape_kind::array_end);
  EXPECT_EQ(t.kind(14), tape_kind::array_end);
  EXPECT_EQ(t.kind(15), tape_kind::string);
  EXPECT_EQ(t.kind(16), tape_kind::string);
  EXPECT_EQ(t.kind(17), tape_kind::string);
  EXPECT_EQ(t.kind(18), tape_kind::true_value);
  EXPECT_EQ(t.kind(19), tape_kind::object_end);
  EXPECT_EQ(t.kind(20), tape_kind::root);
}

TEST(Tape, KindOfEveryScalar) {
  const parsed doc(R"(["", 0, -1, 9223372036854775808, 0.5, 1e2, true, false, null])");
  const tape t = doc.words();
  EXPECT_EQ(t.kind(1), tape_kind::array);
  EXPECT_EQ(t.kind(2), tape_kind::string);
  EXPECT_EQ(t.kind(3), tape_kind::int64);
  EXPECT_EQ(t.kind(5), tape_kind::int64);
  EXPECT_EQ(t.kind(7), tape_kind::uint64);  // past INT64_MAX
  EXPECT_EQ(t.kind(9), tape_kind::float64);
  EXPECT_EQ(t.kind(11), tape_kind::float64);  // an exponent makes a double, even when integral
  EXPECT_EQ(t.kind(13), tape_kind::true_value);
  EXPECT_EQ(t.kind(14), tape_kind::false_value);
  EXPECT_EQ(t.kind(15), tape_kind::null_value);
  EXPECT_EQ(t.kind(16), tape_kind::array_end);
  EXPECT_EQ(t.kind(17), tape_kind::root);
}

TEST(Tape, AfterStepsOverScalarsNumbersAndContainers) {
  const parsed doc(k_document);
  const tape t = doc.words();
  EXPECT_EQ(t.after(tape::root), 20u);  // the whole document: up to the closing root word
  EXPECT_EQ(t.after(2), 3u);            // a key
  EXPECT_EQ(t.after(3), 15u);           // the array, past its ']'
  EXPECT_EQ(t.after(4), 6u);            // an int64 takes two words
  EXPECT_EQ(t.after(6), 8u);            // so does a float64
  EXPECT_EQ(t.after(8), 12u);           // a nested object, past its '}'
  EXPECT_EQ(t.after(9), 10u);
  EXPECT_EQ(t.after(10), 11u);  // null
  EXPECT_EQ(t.after(12), 14u);  // an empty array: its two words
  EXPECT_EQ(t.after(15), 16u);
  EXPECT_EQ(t.after(16), 17u);
  EXPECT_EQ(t.after(18), 19u);  // true
}

TEST(Tape, AfterStepsOverEveryScalarKind) {
  const parsed doc(R"(["", 0, -1, 9223372036854775808, 0.5, 1e2, true, false, null])");
  const tape t = doc.words();
  EXPECT_EQ(t.after(tape::root), 17u);
  EXPECT_EQ(t.after(2), 3u);
  EXPECT_EQ(t.after(3), 5u);
  EXPECT_EQ(t.after(5), 7u);
  EXPECT_EQ(t.after(7), 9u);
  EXPECT_EQ(t.after(9), 11u);
  EXPECT_EQ(t.after(11), 13u);
  EXPECT_EQ(t.after(13), 14u);
  EXPECT_EQ(t.after(14), 15u);
  EXPECT_EQ(t.after(15), 16u);
}

TEST(Tape, EndOfIsTheClosingWord) {
  const parsed doc(k_document);
  const tape t = doc.words();
  EXPECT_EQ(t.end_of(tape::root), 19u);
  EXPECT_EQ(t.end_of(3), 14u);
  EXPECT_EQ(t.end_of(8), 11u);
  EXPECT_EQ(t.end_of(12), 13u);
}

TEST(Tape, NestedContainers) {
  // 1 [  2 [  3 [  4 ]  5 ]  6 {  7 "a"  8 [  9 {  10 }  11 ]  12 }  13 ]  14 root
  const parsed doc(R"([[[]],{"a":[{}]}])");
  const tape t = doc.words();
  EXPECT_EQ(t.after(tape::root), 14u);
  EXPECT_EQ(t.after(2), 6u);
  EXPECT_EQ(t.after(3), 5u);
  EXPECT_EQ(t.after(6), 13u);
  EXPECT_EQ(t.after(8), 12u);
  EXPECT_EQ(t.after(9), 11u);
  EXPECT_EQ(t.end_of(tape::root), 13u);
  EXPECT_EQ(t.end_of(2), 5u);
  EXPECT_EQ(t.end_of(3), 4u);
  EXPECT_EQ(t.end_of(6), 12u);
  EXPECT_EQ(t.end_of(8), 11u);
  EXPECT_EQ(t.end_of(9), 10u);
  EXPECT_EQ(t.count(tape::root), 2u);
  EXPECT_EQ(t.count(2), 1u);
  EXPECT_EQ(t.count(3), 0u);
  EXPECT_EQ(t.count(6), 1u);
  EXPECT_EQ(t.count(9), 0u);
}

TEST(Tape, CountIsMembersOfObjectsAndItemsOfArrays) {
  const parsed doc(k_document);
  const tape t = doc.words();
  EXPECT_EQ(t.count(tape::root), 3u);  // members, not keys and values
  EXPECT_EQ(t.count(3), 4u);
  EXPECT_EQ(t.count(8), 1u);
  EXPECT_EQ(t.count(12), 0u);

  std::string many = "[";
  for (int i = 0; i < 1000; ++i) many += i == 0 ? "{}" : ",{}";
  const parsed thousand(many + "]");
  EXPECT_EQ(thousand.words().count(tape::root), 1000u);
}

TEST(Tape, StringsAreUnescaped) {
  const parsed doc(k_document);
  const tape t = doc.words();
  EXPECT_EQ(t.string(2), "k"sv);
  EXPECT_EQ(t.string(9), "n"sv);
  EXPECT_EQ(t.string(15), "sA"sv);        // a key with an escape
  EXPECT_EQ(t.string(16), "\xC3\xA9"sv);  // a value: é as UTF-8
  EXPECT_EQ(t.string(17), "t"sv);
}

TEST(Tape, StringsWithEveryEscapeAndEmbeddedNul) {
  const parsed doc(R"(["", "a\"b\\c\/d\b\f\n\r\t", "x\u0000y", "\ud83d\ude00", "\u0000"])");
  const tape t = doc.words();
  EXPECT_EQ(t.string(2), ""sv);
  EXPECT_EQ(t.string(3), "a\"b\\c/d\b\f\n\r\t"sv);
  EXPECT_EQ(t.string(4), "x\0y"sv);  // the length comes from the tape, not from a NUL
  EXPECT_EQ(t.string(4).size(), 3u);
  EXPECT_EQ(t.string(5), "\xF0\x9F\x98\x80"sv);  // a surrogate pair: one code point
  EXPECT_EQ(t.string(6), "\0"sv);
  EXPECT_EQ(t.string(6).size(), 1u);
}

TEST(Tape, Int64AndUint64) {
  const parsed doc("[9223372036854775807, -9223372036854775808, 9223372036854775808, 18446744073709551615, 0, 12]");
  const tape t = doc.words();
  EXPECT_EQ(t.kind(2), tape_kind::int64);
  EXPECT_EQ(t.int64(2), INT64_MAX);
  EXPECT_EQ(t.kind(4), tape_kind::int64);
  EXPECT_EQ(t.int64(4), INT64_MIN);
  EXPECT_EQ(t.kind(6), tape_kind::uint64);
  EXPECT_EQ(t.uint64(6), 9223372036854775808u);
  EXPECT_EQ(t.kind(8), tape_kind::uint64);
  EXPECT_EQ(t.uint64(8), UINT64_MAX);
  EXPECT_EQ(t.kind(10), tape_kind::int64);
  EXPECT_EQ(t.int64(10), 0);
  EXPECT_EQ(t.int64(12), 12);
  EXPECT_EQ(t.kind(14), tape_kind::array_end);
}

TEST(Tape, AViewOfAnotherParseReadsThatParse) {
  // The view reads the parser's buffers: after a new parse, a new view reads the new tape.
  simdjson::dom::parser parser;
  const simdjson::padded_string first("[1]"sv), second(R"({"a":"b"})"sv);
  ASSERT_EQ(parser.parse(first).error(), simdjson::SUCCESS);
  EXPECT_EQ(tape(parser).kind(tape::root), tape_kind::array);
  ASSERT_EQ(parser.parse(second).error(), simdjson::SUCCESS);
  const tape t(parser);
  EXPECT_EQ(t.kind(tape::root), tape_kind::object);
  EXPECT_EQ(t.string(3), "b"sv);
}

// ------------------------------------------------------------------------------------------------

TEST(StructuralPositions, OffsetsOfValuesKeysAndClosingBrackets) {
  const parsed doc(k_document);
  // Tape indices (ascending, with repeats) to the first byte of each value, key or bracket; the
  // second words of numbers (5, 7) have no structural and are not asked for.
  EXPECT_EQ(doc.offsets({0, 1, 2, 3, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}),
            (std::vector<std::size_t>{0, 4, 5, 10, 11, 15, 23, 24, 29, 33, 36, 37, 38, 41, 52, 62, 67, 71}));
  EXPECT_EQ(doc.offsets({0, 0, 4, 11, 11, 14, 19}), (std::vector<std::size_t>{0, 0, 11, 33, 33, 38, 71}));
  EXPECT_EQ(doc.offsets({16}), (std::vector<std::size_t>{52}));  // after an escaped key and ':'
  EXPECT_EQ(doc.offsets({}), (std::vector<std::size_t>{}));
}

TEST(StructuralPositions, AllOffsetsByTapeIndex) {
  const parsed doc(k_document);
  // One entry per tape word; 0 for the root words and the second words of numbers.
  EXPECT_EQ(doc.all_offsets(),
            (std::vector<std::size_t>{0, 4, 5, 10, 11, 0, 15, 0, 23, 24, 29, 33, 36, 37, 38, 41, 52, 62, 67, 71, 0}));
}

TEST(StructuralPositions, CompactNestedContainers) {
  const parsed doc(R"([[[]],{"a":[{}]}])");
  EXPECT_EQ(doc.all_offsets(), (std::vector<std::size_t>{0, 0, 1, 2, 3, 4, 6, 7, 11, 12, 13, 14, 15, 16, 0}));
  EXPECT_EQ(doc.offsets({5, 10, 13}), (std::vector<std::size_t>{4, 13, 16}));
}

TEST(StructuralPositions, NumbersOfEveryForm) {
  // The first byte of each number, its sign included; the ',' and ' ' before it are skipped.
  const parsed doc("[ 0,-1 , 2.5e-3,\n18446744073709551615 ,1E2]");
  EXPECT_EQ(doc.all_offsets(), (std::vector<std::size_t>{0, 0, 2, 0, 4, 0, 9, 0, 17, 0, 39, 0, 42, 0}));
}

TEST(StructuralPositions, ScalarRootsAfterWhiteSpace) {
  const parsed number("\n\n  -42  ");
  EXPECT_EQ(number.words().kind(tape::root), tape_kind::int64);
  EXPECT_EQ(number.words().int64(tape::root), -42);
  EXPECT_EQ(number.offsets({0, 1}), (std::vector<std::size_t>{0, 4}));

  const parsed text("\t \"a\\u0000b\"");
  EXPECT_EQ(text.words().string(tape::root), "a\0b"sv);
  EXPECT_EQ(text.offsets({1}), (std::vector<std::size_t>{2}));
  EXPECT_EQ(text.all_offsets(), (std::vector<std::size_t>{0, 2, 0}));

  const parsed literal("\r\n null");
  EXPECT_EQ(literal.words().kind(tape::root), tape_kind::null_value);
  EXPECT_EQ(literal.offsets({1}), (std::vector<std::size_t>{3}));
}

}  // namespace
