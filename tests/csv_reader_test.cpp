// Tests for the CSV reader (csv_reader.hpp): fields, positions, line ends, the BOM, the syntax and
// encoding failures of docs/csv-rules.md "File set and syntax", blank lines, and the agreement of
// the scalar and SSE2 kernels. Expected offsets come from '^' markers in the input literals (the
// marker is removed; it marks the byte that follows it); lines and columns are written out.
#include "csv_reader.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sdsprofile::detail::csv_error;
using sdsprofile::detail::csv_failure;
using sdsprofile::detail::csv_field;
using sdsprofile::detail::csv_kernel;
using sdsprofile::detail::csv_position;
using sdsprofile::detail::csv_reader;

/// An input literal with its '^' markers removed, and the offsets they marked.
struct marked {
  std::string text;
  std::vector<std::size_t> at;
};

marked parse_marks(std::string_view literal) {
  marked m;
  for (const char c : literal) {
    if (c == '^') {
      m.at.push_back(m.text.size());
    } else {
      m.text += c;
    }
  }
  return m;
}

/// A field as the tests compare it: its value (doubled quotes undone) and where it is.
struct field_view {
  std::string value;
  csv_position at;
  bool quoted = false;
  bool line_break = false;
  bool operator==(const field_view&) const = default;
};

/// A record as the tests compare it; a blank line has no fields.
struct record_view {
  std::vector<field_view> fields;
  csv_position at;
  bool blank = false;
  std::size_t field_count = 0;
  bool operator==(const record_view&) const = default;
};

/// Everything a reader gives for `text`.
struct read_result {
  std::vector<record_view> records;
  csv_error error;
  bool bom = false;
};

read_result read_all(std::string_view text, csv_kernel kernel = sdsprofile::detail::default_csv_kernel,
                     std::size_t max_fields = csv_reader::default_max_fields) {
  csv_reader reader(kernel, max_fields);
  reader.reset(text);
  read_result out;
  out.bom = reader.bom();
  while (reader.next()) {
    record_view r{.fields = {},
                  .at = reader.record().at,
                  .blank = reader.record().blank,
                  .field_count = reader.record().field_count};
    for (const csv_field& f : reader.record().fields)
      r.fields.push_back({std::string(reader.value(f)), reader.position(f), f.quoted, f.line_break});
    out.records.push_back(std::move(r));
  }
  EXPECT_FALSE(reader.next()) << "next() after the end";
  out.error = reader.error();
  return out;
}

csv_position pos(std::size_t offset, std::size_t line, std::size_t column) { return {offset, line, column}; }

/// The position of marker `i` of `m`, on the given line: its column counts from the byte after
/// the last CR or LF before it.
csv_position at(const marked& m, std::size_t i, std::size_t line) {
  const std::size_t offset = m.at[i];
  const std::size_t last_break = m.text.find_last_of("\r\n", offset == 0 ? std::string::npos : offset - 1);
  const std::size_t line_start = offset == 0 || last_break == std::string::npos ? 0 : last_break + 1;
  return {offset, line, offset - line_start + 1};
}

std::vector<std::string> values(const record_view& r) {
  std::vector<std::string> out;
  for (const field_view& f : r.fields) out.push_back(f.value);
  return out;
}

TEST(CsvReader, UnquotedFieldsWithTheirPositions) {
  const marked m = parse_marks("^SIS ID,^Name\r\n^10001,^Contoso High School\r\n");
  const read_result r = read_all(m.text);
  ASSERT_EQ(r.records.size(), 2U);
  EXPECT_EQ(r.error.failure, csv_failure::none);
  EXPECT_FALSE(r.bom);
  EXPECT_EQ(r.records[0].fields, (std::vector<field_view>{{"SIS ID", at(m, 0, 1)}, {"Name", at(m, 1, 1)}}));
  EXPECT_EQ(r.records[1].fields,
            (std::vector<field_view>{{"10001", at(m, 2, 2)}, {"Contoso High School", at(m, 3, 2)}}));
  EXPECT_EQ(r.records[1].at, at(m, 2, 2));
  EXPECT_EQ(r.records[1].field_count, 2U);
}

TEST(CsvReader, QuotedFieldsAndDoubledQuotes) {
  const marked m = parse_marks(R"(^"a,b",^"say ""hi""",^"",^"""",^x)"
                               "\n");
  const read_result r = read_all(m.text);
  ASSERT_EQ(r.records.size(), 1U);
  EXPECT_EQ(r.records[0].fields, (std::vector<field_view>{{"a,b", at(m, 0, 1), true},
                                                          {"say \"hi\"", at(m, 1, 1), true},
                                                          {"", at(m, 2, 1), true},
                                                          {"\"", at(m, 3, 1), true},
                                                          {"x", at(m, 4, 1), false}}));
}

TEST(CsvReader, FieldTextIsAViewIntoTheBufferUnlessAQuoteIsUndone) {
  const std::string text = R"(plain,"quoted","dou""bled")";
  csv_reader reader;
  reader.reset(text);
  ASSERT_TRUE(reader.next());
  const auto& fields = reader.record().fields;
  ASSERT_EQ(fields.size(), 3U);
  EXPECT_EQ(reader.value(fields[0]).data(), text.data());
  EXPECT_EQ(reader.value(fields[1]).data(), text.data() + 7);
  EXPECT_TRUE(fields[2].doubled_quotes);
  EXPECT_EQ(fields[2].text, "dou\"\"bled");
  EXPECT_EQ(reader.value(fields[2]), "dou\"bled");
  EXPECT_FALSE(fields[1].doubled_quotes);
}

TEST(CsvReader, EmptyFields) {
  const marked m = parse_marks("^,^,^\n^a,^,^");
  const read_result r = read_all(m.text);
  ASSERT_EQ(r.records.size(), 2U);
  EXPECT_EQ(r.records[0].fields, (std::vector<field_view>{{"", at(m, 0, 1)}, {"", at(m, 1, 1)}, {"", at(m, 2, 1)}}));
  EXPECT_FALSE(r.records[0].blank);
  EXPECT_EQ(r.records[1].fields, (std::vector<field_view>{{"a", at(m, 3, 2)}, {"", at(m, 4, 2)}, {"", at(m, 5, 2)}}));
}

TEST(CsvReader, EachLineEndEndsALine) {
  // CRLF, LF, a lone CR, and no line end at the end of input.
  const marked m = parse_marks("^a,^b\r\n^c\n^d,^e\r^f");
  const read_result r = read_all(m.text);
  ASSERT_EQ(r.records.size(), 4U);
  EXPECT_EQ(r.records[0].fields, (std::vector<field_view>{{"a", at(m, 0, 1)}, {"b", at(m, 1, 1)}}));
  EXPECT_EQ(r.records[1].fields, (std::vector<field_view>{{"c", at(m, 2, 2)}}));
  EXPECT_EQ(r.records[2].fields, (std::vector<field_view>{{"d", at(m, 3, 3)}, {"e", at(m, 4, 3)}}));
  EXPECT_EQ(r.records[3].fields, (std::vector<field_view>{{"f", at(m, 5, 4)}}));
}

TEST(CsvReader, LfCrIsTwoLineEnds) {
  // "\n\r" is an LF, then a lone CR: the CR ends an empty line, which is a blank line.
  const marked m = parse_marks("^a\n^\r^b");
  const read_result r = read_all(m.text);
  ASSERT_EQ(r.records.size(), 3U);
  EXPECT_EQ(values(r.records[0]), std::vector<std::string>{"a"});
  EXPECT_TRUE(r.records[1].blank);
  EXPECT_EQ(r.records[1].at, at(m, 1, 2));
  EXPECT_EQ(r.records[2].fields, (std::vector<field_view>{{"b", at(m, 2, 3)}}));
}

TEST(CsvReader, ByteOrderMarkIsSkippedButCounted) {
  const marked m = parse_marks("\xEF\xBB\xBF^SIS ID,^Name\r\n^1,^x");
  const read_result r = read_all(m.text);
  EXPECT_TRUE(r.bom);
  ASSERT_EQ(r.records.size(), 2U);
  EXPECT_EQ(m.at[0], 3U);
  EXPECT_EQ(r.records[0].fields, (std::vector<field_view>{{"SIS ID", at(m, 0, 1)}, {"Name", at(m, 1, 1)}}));
  EXPECT_EQ(r.records[1].fields, (std::vector<field_view>{{"1", at(m, 2, 2)}, {"x", at(m, 3, 2)}}));
  // A BOM alone is a file without records; a BOM elsewhere is data.
  EXPECT_TRUE(read_all("\xEF\xBB\xBF").records.empty());
  EXPECT_EQ(values(read_all("a,\xEF\xBB\xBF").records[0]), (std::vector<std::string>{"a", "\xEF\xBB\xBF"}));
}

TEST(CsvReader, LineBreaksInsideQuotesKeepPhysicalLines) {
  const marked m = parse_marks("^a,^\"x\r\ny\",^b\n^\"p\rq\nr\",^c\n^d");
  const read_result r = read_all(m.text);
  ASSERT_EQ(r.records.size(), 3U);
  EXPECT_EQ(r.records[0].fields,
            (std::vector<field_view>{{"a", at(m, 0, 1)}, {"x\r\ny", at(m, 1, 1), true, true}, {"b", at(m, 2, 2)}}));
  EXPECT_EQ(r.records[1].fields, (std::vector<field_view>{{"p\rq\nr", at(m, 3, 3), true, true}, {"c", at(m, 4, 5)}}));
  EXPECT_EQ(r.records[2].fields, (std::vector<field_view>{{"d", at(m, 5, 6)}}));
  EXPECT_EQ(r.records[1].at.line, 3U);
}

TEST(CsvReader, UnterminatedQuoteFailsAtTheOpeningQuote) {
  const marked m = parse_marks("a,b\nc,^\"de\nf,g\n");
  const read_result r = read_all(m.text);
  ASSERT_EQ(r.records.size(), 1U) << "the records before the failing one are read";
  EXPECT_EQ(r.error.failure, csv_failure::unterminated_quote);
  EXPECT_EQ(r.error.field, at(m, 0, 2));
  EXPECT_EQ(r.error.at, at(m, 0, 2));
  EXPECT_EQ(read_all("\"").error.at, pos(0, 1, 1));
  EXPECT_EQ(read_all("\"a\"\"").error.failure, csv_failure::unterminated_quote);
}

TEST(CsvReader, QuoteInsideAnUnquotedFieldFailsAtTheField) {
  const marked m = parse_marks("a\n^b^\"c\",d\n");
  const read_result r = read_all(m.text);
  ASSERT_EQ(r.records.size(), 1U);
  EXPECT_EQ(r.error.failure, csv_failure::quote_in_unquoted_field);
  EXPECT_EQ(r.error.field, at(m, 0, 2));
  EXPECT_EQ(r.error.at, at(m, 1, 2));
  // White space before a quote makes the field unquoted.
  const marked space = parse_marks("x,^ ^\"y\"");
  const read_result s = read_all(space.text);
  EXPECT_EQ(s.error.failure, csv_failure::quote_in_unquoted_field);
  EXPECT_EQ(s.error.field, at(space, 0, 1));
  EXPECT_EQ(s.error.at, at(space, 1, 1));
  EXPECT_TRUE(s.records.empty()) << "the failing record is not returned";
}

TEST(CsvReader, TextAfterAClosingQuoteFailsAtTheField) {
  const marked m = parse_marks("h\r\n^\"b\"^c,d\r\n");
  const read_result r = read_all(m.text);
  EXPECT_EQ(r.error.failure, csv_failure::text_after_closing_quote);
  EXPECT_EQ(r.error.field, at(m, 0, 2));
  EXPECT_EQ(r.error.at, at(m, 1, 2));
  // The field spans a line break: the offending byte is on a later line than the field.
  const marked spanning = parse_marks("^\"x\n\"^ y");
  const read_result s = read_all(spanning.text);
  EXPECT_EQ(s.error.failure, csv_failure::text_after_closing_quote);
  EXPECT_EQ(s.error.field, at(spanning, 0, 1));
  EXPECT_EQ(s.error.at, at(spanning, 1, 2));
}

TEST(CsvReader, BlankLinesAreNotCommaOnlyLines) {
  const marked m = parse_marks("^a,b\n^\n^,^\n^\r\n^c,d\n");
  const read_result r = read_all(m.text);
  ASSERT_EQ(r.records.size(), 5U);
  EXPECT_FALSE(r.records[0].blank);
  EXPECT_TRUE(r.records[1].blank);
  EXPECT_EQ(r.records[1].at, at(m, 1, 2));
  EXPECT_TRUE(r.records[1].fields.empty());
  EXPECT_EQ(r.records[1].field_count, 0U);
  EXPECT_FALSE(r.records[2].blank);
  EXPECT_EQ(r.records[2].fields, (std::vector<field_view>{{"", at(m, 2, 3)}, {"", at(m, 3, 3)}}));
  EXPECT_TRUE(r.records[3].blank);
  EXPECT_EQ(r.records[3].at, at(m, 4, 4));
  EXPECT_EQ(r.records[4].at, at(m, 5, 5));
  // A quoted empty field is a record, not a blank line.
  EXPECT_FALSE(read_all("\"\"\n").records[0].blank);
}

TEST(CsvReader, ASingleFinalLineEndIsNoBlankLine) {
  struct row {
    std::string_view text;
    std::vector<bool> blank;  // one entry per record
  };
  const std::vector<row> rows = {
      {"", {}},
      {"a", {false}},
      {"a\n", {false}},
      {"a\r\n", {false}},
      {"a\r", {false}},
      {"a\n\n", {false, true}},
      {"a\r\n\r\n", {false, true}},
      {"\n", {true}},
      {"\r\n\r\n", {true, true}},
      {"a\n\nb", {false, true, false}},
  };
  for (const row& r : rows) {
    const read_result got = read_all(r.text);
    std::vector<bool> blank;
    for (const record_view& record : got.records) blank.push_back(record.blank);
    EXPECT_EQ(blank, r.blank) << testing::PrintToString(std::string(r.text));
    EXPECT_EQ(got.error.failure, csv_failure::none);
  }
}

TEST(CsvReader, InvalidUtf8StopsBeforeAnyRecordAtTheFirstBadByte) {
  const std::vector<std::string_view> literals = {
      "a,b\nc,^\xC3\x28",             // a lead byte without its continuation
      "^\x80",                        // a stray continuation byte
      "x\r\n\"y\xC3\xA9^\xC0\xAF\"",  // an overlong '/', inside quotes, after a valid é
      "h\n^\xED\xA0\x80",             // a surrogate
      "h\r^\xF4\x90\x80\x80",         // above U+10FFFF
      "h\n\xF0\x9F\x8E\x93,^\xF5",    // F5 after a valid 4-byte sequence
      "h,^\xE2\x82",                  // truncated at the end of input
      "\xEF\xBB\xBF^\xFF",            // after a BOM
      "a,b\nc,d\n^\xE0\x80\x80,e\n",  // an overlong 3-byte form
  };
  for (const std::string_view literal : literals) {
    const marked m = parse_marks(literal);
    const read_result r = read_all(m.text);
    const std::string shown = testing::PrintToString(m.text);
    EXPECT_TRUE(r.records.empty()) << shown;
    EXPECT_EQ(r.error.failure, csv_failure::encoding) << shown;
    EXPECT_EQ(r.error.at.offset, m.at[0]) << shown;
    EXPECT_EQ(r.error.field, r.error.at) << shown;
  }
  EXPECT_EQ(read_all(parse_marks("a,b\nc,^\xC3\x28").text).error.at, pos(6, 2, 3));
  EXPECT_EQ(read_all(parse_marks("h\r^\xF4\x90\x80\x80").text).error.at, pos(2, 2, 1));
  EXPECT_EQ(read_all("\xC3\xA9,\xF0\x9F\x8E\x93\n").error.failure, csv_failure::none);
}

TEST(CsvReader, FieldsAcrossBlockBoundaries) {
  // Every field shape starting at every offset around the 16-byte SSE2 words and the 64-byte
  // blocks, so that each field crosses a boundary somewhere.
  for (std::size_t pad = 0; pad < 140; ++pad) {
    const std::string prefix(pad, 'p');
    const marked m = parse_marks(prefix + ",^\"q,\"\"r\r\ns\",^" + std::string(70, 'u') + "\r\n^v^\"");
    for (const csv_kernel kernel : {csv_kernel::scalar, csv_kernel::sse2}) {
      const read_result r = read_all(m.text, kernel);
      ASSERT_EQ(r.records.size(), 1U) << pad;
      EXPECT_EQ(r.records[0].fields, (std::vector<field_view>{{prefix, pos(0, 1, 1)},
                                                              {"q,\"r\r\ns", at(m, 0, 1), true, true},
                                                              {std::string(70, 'u'), at(m, 1, 2)}}))
          << pad;
      EXPECT_EQ(r.error.failure, csv_failure::quote_in_unquoted_field) << pad;
      EXPECT_EQ(r.error.field, at(m, 2, 3)) << pad;
      EXPECT_EQ(r.error.at, at(m, 3, 3)) << pad;
    }
  }
}

TEST(CsvReader, StoresAtMostMaxFieldsAndCountsTheRest) {
  const read_result r = read_all("a,b,c,d\n\"e\",\"f\",g\n", sdsprofile::detail::default_csv_kernel, 2);
  ASSERT_EQ(r.records.size(), 2U);
  EXPECT_EQ(values(r.records[0]), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.records[0].field_count, 4U);
  EXPECT_EQ(values(r.records[1]), (std::vector<std::string>{"e", "f"}));
  EXPECT_EQ(r.records[1].field_count, 3U);
  // Fields past the cap are still read: a syntax failure there is found.
  EXPECT_EQ(read_all("a,b,c\"", sdsprofile::detail::default_csv_kernel, 1).error.failure,
            csv_failure::quote_in_unquoted_field);
}

TEST(CsvReader, KeepsItsBuffersBetweenFiles) {
  csv_reader reader;
  const std::string first = "a,b,c\n\"x\"\"y\",2,3\n";
  for (int pass = 0; pass < 2; ++pass) {
    reader.reset(first);
    while (reader.next())
      for (const csv_field& f : reader.record().fields) (void)reader.value(f);
  }
  const auto* fields = reader.field_storage().data();
  const std::size_t capacity = reader.field_storage().capacity();
  const std::size_t scratch = reader.scratch_storage().capacity();
  reader.reset(first);
  while (reader.next())
    for (const csv_field& f : reader.record().fields) (void)reader.value(f);
  EXPECT_EQ(reader.field_storage().data(), fields);
  EXPECT_EQ(reader.field_storage().capacity(), capacity);
  EXPECT_EQ(reader.scratch_storage().capacity(), scratch);
  // A new buffer starts afresh: line 1, no BOM, no failure.
  reader.reset("\"");
  EXPECT_FALSE(reader.next());
  reader.reset("z");
  ASSERT_TRUE(reader.next());
  EXPECT_EQ(reader.record().at, pos(0, 1, 1));
  EXPECT_EQ(reader.error().failure, csv_failure::none);
}

TEST(CsvReader, PositionOfCountsLineEndsAsTheReaderDoes) {
  const marked m = parse_marks("^a\r^\n^b\r^c\n^\r^d^");
  csv_reader reader;
  reader.reset(m.text);
  EXPECT_EQ(reader.position_of(m.at[0]), at(m, 0, 1));
  EXPECT_EQ(reader.position_of(m.at[1]), pos(m.at[1], 1, 3)) << "the LF of a CRLF is on the CR's line";
  EXPECT_EQ(reader.position_of(m.at[2]), at(m, 2, 2));
  EXPECT_EQ(reader.position_of(m.at[3]), at(m, 3, 3));
  EXPECT_EQ(reader.position_of(m.at[4]), at(m, 4, 4));
  EXPECT_EQ(reader.position_of(m.at[5]), at(m, 5, 5));
  EXPECT_EQ(reader.position_of(m.at[6]), at(m, 6, 5));
  EXPECT_EQ(reader.position_of(m.at[6] + 90), at(m, 6, 5)) << "clamped to the end";
}

/// A random mixture of the bytes that matter: unquoted fields (letters, spaces, multi-byte UTF-8),
/// quoted fields (with ',', CR, LF and doubled quotes), empty fields, every line end, blank lines,
/// and now and then a byte that breaks the syntax or the encoding.
std::string mixture(std::mt19937& rng, std::size_t size) {
  static constexpr std::string_view plain[] = {
      "a", "bc", "SIS ID", " ", "\xC3\xA9", "\xF0\x9F\x8E\x93", "0123456789abcdefghij"};
  static constexpr std::string_view quoted[] = {"x", ",", "\"\"", "\r\n", "\n", "\r", "\xC3\xA9", "yz"};
  static constexpr std::string_view ends[] = {",", ",", ",", "\r\n", "\n", "\r"};
  static constexpr std::string_view breaking[] = {"\"", "\xFF", "\xC3", "\"x\"y"};
  std::string out;
  auto any = [&rng](const auto& list) { return list[rng() % std::size(list)]; };
  while (out.size() < size) {
    if (rng() % 64 == 0) out += any(breaking);
    if (rng() % 3 == 0) {
      out += '"';
      for (std::size_t n = rng() % 6; n > 0; --n) out += any(quoted);
      out += '"';
    } else {
      for (std::size_t n = rng() % 4; n > 0; --n) out += any(plain);
    }
    out += any(ends);
  }
  return out;
}

TEST(CsvReader, ScalarAndSse2KernelsAgreeOnAGeneratedMixture) {
  std::mt19937 rng(20261202);
  std::size_t records = 0;
  std::size_t failures = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string text = mixture(rng, 1 + rng() % 400);
    const read_result scalar = read_all(text, csv_kernel::scalar);
    const read_result sse2 = read_all(text, csv_kernel::sse2);
    ASSERT_EQ(scalar.records, sse2.records) << testing::PrintToString(text);
    ASSERT_EQ(scalar.error.failure, sse2.error.failure) << testing::PrintToString(text);
    ASSERT_EQ(scalar.error.field, sse2.error.field) << testing::PrintToString(text);
    ASSERT_EQ(scalar.error.at, sse2.error.at) << testing::PrintToString(text);
    records += scalar.records.size();
    failures += scalar.error.failure != csv_failure::none;
  }
  // The mixture reaches both outcomes often.
  EXPECT_GT(records, 3000U);
  EXPECT_GT(failures, 300U);
  EXPECT_LT(failures, 2900U);
}

/// What read_all gives, read as a caller of csv_piece reads a file: pieces that end at `cuts`
/// (offsets, increasing), each but the last not final, the bytes from the pending record on read
/// again with the next piece, and positions shifted to the file's. The text must be UTF-8.
read_result read_in_pieces(std::string_view text, std::vector<std::size_t> cuts) {
  csv_reader reader;
  read_result out;
  std::size_t base = 0, base_line = 1;
  cuts.push_back(text.size());
  const auto shifted = [&](csv_position p) { return csv_position{p.offset + base, p.line + base_line - 1, p.column}; };
  for (const std::size_t cut : cuts) {
    if (cut < base) continue;
    const bool final = cut == text.size();
    reader.reset(text.substr(base, cut - base), {.file_start = base == 0, .final = final, .validated = true});
    if (base == 0) out.bom = reader.bom();
    while (reader.next()) {
      record_view r{.fields = {},
                    .at = shifted(reader.record().at),
                    .blank = reader.record().blank,
                    .field_count = reader.record().field_count};
      for (const csv_field& f : reader.record().fields)
        r.fields.push_back({std::string(reader.value(f)), shifted(reader.position(f)), f.quoted, f.line_break});
      out.records.push_back(std::move(r));
    }
    if (reader.error().failure != csv_failure::none) {
      out.error = reader.error();
      out.error.field = shifted(out.error.field);
      out.error.at = shifted(out.error.at);
      return out;
    }
    if (final) break;
    std::size_t pending = reader.pending();
    EXPECT_NE(pending, std::string_view::npos);
    if (pending == 3 && base == 0 && reader.bom()) pending = 0;  // columns count the BOM: keep it
    base_line += reader.line() - 1;
    base += pending;
  }
  return out;
}

TEST(CsvReader, PiecesThatAreNotFinalGiveWhatTheWholeGives) {
  // Every cut of a text whose records end in each way a piece may cut: a CRLF cut in two, a
  // doubled quote cut in two, a quoted line break, a blank line, a BOM and a header cut short.
  const std::string text = "\xEF\xBB\xBFSIS ID,Name\r\n1,\"A \"\"B\"\"\"\r\n\r\n2,\"x\r\ny\"\r3,z\n4,\"\"\n";
  const read_result whole = read_all(text);
  ASSERT_EQ(whole.error.failure, csv_failure::none);
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    const read_result pieces = read_in_pieces(text, {cut});
    EXPECT_EQ(pieces.records, whole.records) << "cut at " << cut;
    EXPECT_EQ(pieces.bom, whole.bom) << "cut at " << cut;
  }
}

TEST(CsvReader, PiecesGiveTheSameFailureAtTheSamePlace) {
  for (const std::string_view text :
       {"a,b\r\n1,\"open\r\n2,x\r\n", "a,b\r\n1,x\"y\r\n", "a,b\r\n1,\"x\"y\r\n", "a,b\r\n1,\"x\"\""}) {
    const read_result whole = read_all(text);
    ASSERT_NE(whole.error.failure, csv_failure::none);
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
      const read_result pieces = read_in_pieces(text, {cut});
      EXPECT_EQ(pieces.records, whole.records) << testing::PrintToString(text) << " cut at " << cut;
      EXPECT_EQ(pieces.error.failure, whole.error.failure) << testing::PrintToString(text) << " cut at " << cut;
      EXPECT_EQ(pieces.error.field, whole.error.field) << testing::PrintToString(text) << " cut at " << cut;
      EXPECT_EQ(pieces.error.at, whole.error.at) << testing::PrintToString(text) << " cut at " << cut;
      EXPECT_EQ(pieces.error.field_index, 1U) << testing::PrintToString(text) << " cut at " << cut;
    }
  }
}

TEST(CsvReader, PiecesAgreeWithTheWholeOnAGeneratedMixture) {
  std::mt19937 rng(20261203);
  for (int round = 0; round < 2000; ++round) {
    const std::string text = mixture(rng, 1 + rng() % 300);
    if (!sdsprofile::detail::valid_utf8(text)) continue;
    std::vector<std::size_t> cuts;
    for (std::size_t at = 0; at < text.size(); at += 1 + rng() % 40) cuts.push_back(at);
    const read_result whole = read_all(text);
    const read_result pieces = read_in_pieces(text, cuts);
    ASSERT_EQ(pieces.records, whole.records) << testing::PrintToString(text);
    ASSERT_EQ(pieces.error.failure, whole.error.failure) << testing::PrintToString(text);
    ASSERT_EQ(pieces.error.field, whole.error.field) << testing::PrintToString(text);
    ASSERT_EQ(pieces.error.at, whole.error.at) << testing::PrintToString(text);
  }
}

TEST(CsvReader, IncompleteUtf8TailIsWhatTheNextBytesMayComplete) {
  using sdsprofile::detail::incomplete_utf8_tail;
  EXPECT_EQ(incomplete_utf8_tail("abc"), 0U);
  EXPECT_EQ(incomplete_utf8_tail("ab\xC3"), 1U);
  EXPECT_EQ(incomplete_utf8_tail("ab\xC3\xA9"), 0U);
  EXPECT_EQ(incomplete_utf8_tail("a\xF0\x9F\x8E"), 3U);
  EXPECT_EQ(incomplete_utf8_tail("\xF0\x9F\x8E\x93"), 0U);
  EXPECT_EQ(incomplete_utf8_tail("\xE2\x82"), 2U);
  EXPECT_EQ(incomplete_utf8_tail(""), 0U);
  EXPECT_EQ(sdsprofile::detail::first_invalid_utf8("ab\xC3(z"), 2U);
}

}  // namespace
