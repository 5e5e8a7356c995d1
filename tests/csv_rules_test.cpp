// Every code of the CSV catalogue (docs/csv-rules.md "Catalogue") on small folders given as bytes
// (csv_checker::check_files): the complete diagnostic list of the part concerned, with exact code,
// severity, path, field, line, column and offset. Inputs are one clean folder with one file
// patched; each expected position is written into the patched file as a marker ("«", taken out
// before the check), and its line and column are computed here from the offset, by the line-end
// rule of docs/csv-rules.md, independently of the checker.
#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sdsprofile/csv_checker.hpp"

namespace {

using sdsprofile::code;
using sdsprofile::csv_file;
using sdsprofile::severity;
using enum sdsprofile::csv_file;

constexpr std::string_view k_marker = "\xC2\xAB";  // «

/// A file with its markers taken out, and where they were.
struct marked {
  std::string text;
  std::vector<std::size_t> offsets;
  explicit marked(std::string_view with_markers) {
    for (std::size_t i = 0; i < with_markers.size();) {
      if (with_markers.substr(i).starts_with(k_marker)) {
        offsets.push_back(text.size());
        i += k_marker.size();
      } else {
        text.push_back(with_markers[i++]);
      }
    }
  }
};

/// Line and column (bytes) of `offset`: lines end at LF, CRLF or a lone CR.
std::pair<std::uint32_t, std::uint32_t> line_column(std::string_view text, std::size_t offset) {
  std::uint32_t line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      start = i + 1;
    }
  return {line, static_cast<std::uint32_t>(offset - start + 1)};
}

/// An expected diagnostic: at marker `marker` of the file, or (marker -1) with no place (1:1, 0).
struct want {
  severity level;
  code id;
  std::string path;
  std::string field;
  int marker = -1;
};
constexpr severity E = severity::error;
constexpr severity W = severity::warning;

/// The clean folder every test patches: the official samples' minimal shape, one row each.
std::array<std::string, 6> clean_files() {
  return {"SIS ID,Name\r\n1,Contoso High\r\n",
          "SIS ID,School SIS ID,Section Name\r\n10,1,Algebra 1\r\n",
          "SIS ID,School SIS ID,Username\r\n100,1,ava\r\n",
          "SIS ID,School SIS ID,Username\r\n200,1,liam\r\n",
          "Section SIS ID,SIS ID\r\n10,100\r\n",
          "Section SIS ID,SIS ID\r\n10,200\r\n"};
}

/// A creation profile with both roles (the seed request's shape).
constexpr std::string_view k_creation_profile = R"({
  "displayName": "Contoso",
  "dataProvider": {"@odata.type": "#microsoft.graph.educationCsvDataProvider"},
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [{"appliesTo": "student", "name": "contoso.edu"}, {"appliesTo": "teacher", "name": "contoso.edu"}]
  }
})";

/// A matching profile: students by Username on userPrincipalName with a domain, teachers by
/// Secondary Email on mail.
std::string matching_profile(std::string_view student_option, std::string_view teacher_option) {
  return std::string(R"({
  "displayName": "Contoso",
  "dataProvider": {"@odata.type": "#microsoft.graph.educationCsvDataProvider"},
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
    "matchingOptions": [)") +
         std::string(student_option) + (student_option.empty() || teacher_option.empty() ? "" : ", ") +
         std::string(teacher_option) + "]\n  }\n}";
}
constexpr std::string_view k_student_by_username =
    R"({"appliesTo": "student", "sourcePropertyName": "Username", "targetPropertyName": "userPrincipalName", "targetDomain": "contoso.edu"})";
constexpr std::string_view k_teacher_by_email =
    R"({"appliesTo": "teacher", "sourcePropertyName": "Secondary Email", "targetPropertyName": "mail"})";

/// `profile` with `customizations` (a JSON object's text) on its CSV data provider.
std::string with_customizations(std::string_view profile, std::string_view customizations) {
  std::string out(profile);
  const std::string_view provider = "\"#microsoft.graph.educationCsvDataProvider\"";
  out.insert(out.find(provider) + provider.size(), ", \"customizations\": " + std::string(customizations));
  return out;
}

class CsvRules : public ::testing::Test {
 protected:
  sdsprofile::csv_checker checker;
  sdsprofile::csv_options opts;

  /// Checks the clean folder (or `files`) with `file` replaced by `content` (markers taken out),
  /// and compares the complete list of that file's diagnostics with `expected`. The files left as
  /// the clean folder has them must have no diagnostic.
  void expect(csv_file file, std::string_view content, const std::vector<want>& expected,
              std::optional<std::string_view> profile = std::nullopt,
              std::array<std::string, 6> files = clean_files()) {
    const marked m(content);
    files[static_cast<std::size_t>(file)] = m.text;
    const sdsprofile::csv_report& r = run(files, profile);
    expect_report(r.file(file), m, expected);
    EXPECT_TRUE(r.folder().diagnostics().empty());
    const auto clean = clean_files();
    for (std::size_t f = 0; f < 6; ++f)  // the files left as they were are clean
      if (f != static_cast<std::size_t>(file) && files[f] == clean[f]) {
        EXPECT_TRUE(r.file(static_cast<csv_file>(f)).diagnostics().empty()) << "file " << f;
        for (const auto& d : r.file(static_cast<csv_file>(f)).diagnostics())
          ADD_FAILURE() << "also: " << to_string(d.code) << " at " << d.path;
      }
  }

  const sdsprofile::csv_report& run(const std::array<std::string, 6>& files,
                                    std::optional<std::string_view> profile = std::nullopt) {
    sdsprofile::csv_folder_bytes bytes;
    for (std::size_t f = 0; f < 6; ++f) bytes.files[f] = files[f];
    return checker.check_files(bytes, profile, opts);
  }

  static void expect_report(const sdsprofile::report& r, const marked& m, const std::vector<want>& expected) {
    const auto got = r.diagnostics();
    ASSERT_EQ(got.size(), expected.size()) << describe(r);
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const want& w = expected[i];
      const sdsprofile::diagnostic& d = got[i];
      SCOPED_TRACE("diagnostic " + std::to_string(i) + ": " + std::string(to_string(d.code)) + " " +
                   std::string(d.path) + " " + std::string(d.message));
      EXPECT_EQ(d.code, w.id);
      EXPECT_EQ(d.severity, w.level);
      EXPECT_EQ(d.path, w.path);
      EXPECT_EQ(d.field, w.field);
      EXPECT_FALSE(d.message.empty());
      if (w.marker < 0) {
        EXPECT_FALSE(d.located);
        EXPECT_EQ(d.line, 1U);
        EXPECT_EQ(d.column, 1U);
        EXPECT_EQ(d.offset, 0U);
      } else {
        ASSERT_LT(static_cast<std::size_t>(w.marker), m.offsets.size());
        const std::size_t offset = m.offsets[static_cast<std::size_t>(w.marker)];
        const auto [line, column] = line_column(m.text, offset);
        EXPECT_TRUE(d.located);
        EXPECT_EQ(d.offset, offset);
        EXPECT_EQ(d.line, line);
        EXPECT_EQ(d.column, column);
      }
    }
  }

  static std::string describe(const sdsprofile::report& r) {
    std::string out = "got:";
    for (const auto& d : r.diagnostics())
      out += "\n  " + std::string(to_string(d.code)) + " " + std::string(d.path) + " [" + std::string(d.field) + "] " +
             std::to_string(d.line) + ":" + std::to_string(d.column) + " @" + std::to_string(d.offset) + " " +
             std::string(d.message) + (d.hint.empty() ? "" : " | " + std::string(d.hint));
    return out;
  }

  /// The message and hint of the only diagnostic of `file`.
  std::pair<std::string, std::string> words(csv_file file, std::string_view content,
                                            std::optional<std::string_view> profile = std::nullopt) {
    std::array<std::string, 6> files = clean_files();
    files[static_cast<std::size_t>(file)] = marked(content).text;
    const auto& d = run(files, profile).file(file).diagnostics();
    if (d.size() != 1) return {"(" + std::to_string(d.size()) + " diagnostics)", ""};
    return {std::string(d[0].message), std::string(d[0].hint)};
  }
};

TEST_F(CsvRules, TheCleanFolderIsValid) {
  const auto& r = run(clean_files());
  EXPECT_TRUE(r.valid());
  EXPECT_EQ(r.error_count() + r.warning_count(), 0U);
  EXPECT_FALSE(r.has_profile());
  for (std::size_t f = 0; f < 6; ++f) EXPECT_TRUE(r.has_file(static_cast<csv_file>(f)));
  EXPECT_EQ(r.file_name(student_enrollment), "StudentEnrollment.csv");
}

// --- File set and syntax --------------------------------------------------------------------------

TEST_F(CsvRules, FileMissingIsAFolderFinding) {
  sdsprofile::csv_folder_bytes bytes;
  const auto files = clean_files();
  for (std::size_t f = 0; f < 6; ++f)
    if (f != 3) bytes.files[f] = files[f];
  const auto& r = checker.check_files(bytes);
  ASSERT_EQ(r.folder().diagnostics().size(), 1U);
  const auto& d = r.folder().diagnostics()[0];
  EXPECT_EQ(d.code, code::csv_file_missing);
  EXPECT_EQ(d.severity, E);
  EXPECT_EQ(d.path, "/Teacher.csv");
  EXPECT_EQ(d.field, "");
  EXPECT_FALSE(d.located);
  EXPECT_EQ(d.message, "Teacher.csv is missing; the upload folder needs all six files.");
  EXPECT_FALSE(r.has_file(teacher));
  EXPECT_FALSE(r.valid());
  // Roster rows name teachers that cannot be looked up: not checked (docs/csv-rules.md "Decisions").
  EXPECT_TRUE(r.file(teacher_roster).diagnostics().empty());
}

TEST_F(CsvRules, EncodingIsReportedAloneAtTheFirstBadByte) {
  expect(school, "SIS ID,Name\r\n1,Contoso High\r\n2,\"Bad \"quote\r\n3,Caf\xC3\xA9 \xC2\xAB\xC3\r\n",
         {{E, code::csv_encoding, "/School.csv", "", 0}});
  // A truncated sequence at the very end.
  expect(school, "SIS ID,Name\r\n1,Contoso High\r\n2,x\xC2\xAB\xE2\x82",
         {{E, code::csv_encoding, "/School.csv", "", 0}});
}

TEST_F(CsvRules, EncodingMakesTheFileUnusableForReferences) {
  std::array<std::string, 6> files = clean_files();
  files[4] = "Section SIS ID,SIS ID\r\n10,100\r\n10,999\r\n";  // 999 is no student
  files[2] = "SIS ID,School SIS ID,Username\r\n100,1,ava\r\n101,1,\xFF\r\n";
  const auto& r = run(files);
  ASSERT_EQ(r.file(student).diagnostics().size(), 1U);
  EXPECT_EQ(r.file(student).diagnostics()[0].code, code::csv_encoding);
  EXPECT_TRUE(r.file(student_enrollment).diagnostics().empty());  // no csv-dangling-reference
}

TEST_F(CsvRules, Bom) {
  expect(school, "\xC2\xAB\xEF\xBB\xBFSIS ID,Name\r\n1,Contoso High\r\n", {{W, code::csv_bom, "/School.csv", "", 0}});
  // The header after a BOM is read as usual; columns count the BOM's three bytes.
  expect(
      school,
      "\xC2\xAB\xEF\xBB\xBFSIS ID,Name,\xC2\xAB"
      "Mascot\r\n1,Contoso High,Owl\r\n",
      {{W, code::csv_bom, "/School.csv", "", 0}, {W, code::csv_unknown_column, "/School.csv/1/Mascot", "Mascot", 1}});
}

TEST_F(CsvRules, SyntaxUnterminatedQuoteAtItsOpeningQuote) {
  expect(school, "SIS ID,Name\r\n1,Contoso High\r\n2,\xC2\xAB\"Fabrikam\r\n3,Woodgrove\r\n",
         {{E, code::csv_syntax, "/School.csv/3/Name", "Name", 0}});
}

TEST_F(CsvRules, SyntaxQuoteInsideAnUnquotedFieldAtTheFieldStart) {
  expect(school,
         "SIS ID,Name\r\n1,\xC2\xAB"
         "Contoso \"High\"\r\n",
         {{E, code::csv_syntax, "/School.csv/2/Name", "Name", 0}});
  EXPECT_EQ(words(school, "SIS ID,Name\r\n1,Contoso \"High\"\r\n").first,
            "This field holds a quote (at line 2, column 11) but does not start with one; the rest of the file was "
            "not checked.");
}

TEST_F(CsvRules, SyntaxTextAfterTheClosingQuoteStopsTheFileButKeepsTheRowsBefore) {
  // The rows before the failure are checked (the duplicate), the ones after are not (the second).
  expect(school,
         "SIS ID,Name\r\n1,Contoso High\r\n\xC2\xAB"
         "1,A\r\n2,\xC2\xAB\"B\"x\r\n2,C\r\n",
         {{W, code::csv_duplicate_id, "/School.csv/3/SIS ID", "SIS ID", 0},
          {E, code::csv_syntax, "/School.csv/4/Name", "Name", 1}});
}

TEST_F(CsvRules, LineBreakInFieldKeepsPhysicalLines) {
  expect(school,
         "SIS ID,Name\r\n1,\xC2\xAB\"Contoso\r\nHigh\"\r\n\xC2\xAB"
         "1,Again\r\n",
         {{W, code::csv_line_break_in_field, "/School.csv/2/Name", "Name", 0},
          {W, code::csv_duplicate_id, "/School.csv/4/SIS ID", "SIS ID", 1}});
}

TEST_F(CsvRules, FieldCount) {
  // The row's values are not checked: its SIS ID is not in the ID set either.
  expect(school,
         "SIS ID,Name\r\n1,Contoso High\r\n\xC2\xAB"
         "2,Contoso,High\r\n",
         {{E, code::csv_field_count, "/School.csv/3", "", 0}});
  // Too few fields: the row's values are not checked (no csv-required-value-missing for Name).
  expect(section,
         "SIS ID,School SIS ID,Section Name\r\n10,1,Algebra 1\r\n\xC2\xAB"
         "11,1\r\n",
         {{E, code::csv_field_count, "/Section.csv/3", "", 0}});
  EXPECT_EQ(words(school, "SIS ID,Name\r\n1,Contoso,High\r\n").first,
            "This record has 3 fields, but the header has 2; its values were not checked.");
}

TEST_F(CsvRules, BlankLineButNotTheFinalLineEndNorARowOfCommas) {
  expect(school, "SIS ID,Name\r\n1,Contoso High\r\n\xC2\xAB\r\n2,Fabrikam\r\n",
         {{W, code::csv_blank_line, "/School.csv/3", "", 0}});
  // LF line ends, a blank line at the end (two line ends), and a lone CR.
  expect(school, "SIS ID,Name\n1,Contoso High\n\xC2\xAB\n", {{W, code::csv_blank_line, "/School.csv/3", "", 0}});
  expect(school, "SIS ID,Name\r1,Contoso High\r\xC2\xAB\r2,Fabrikam\r",
         {{W, code::csv_blank_line, "/School.csv/3", "", 0}});
  // A line of commas is a record of empty values.
  expect(school, "SIS ID,Name\r\n1,Contoso High\r\n\xC2\xAB,\xC2\xAB\r\n",
         {{E, code::csv_required_value_missing, "/School.csv/3/SIS ID", "SIS ID", 0},
          {E, code::csv_required_value_missing, "/School.csv/3/Name", "Name", 1}});
}

TEST_F(CsvRules, TooManyRowsAtTheFirstRowPastTheLimit) {
  std::string text = "Section SIS ID,SIS ID\n";
  for (int i = 0; i < 500000; ++i) text += "10,100\n";
  std::string marked_text = text +
                            "\xC2\xAB"
                            "10,100\n";
  expect(student_enrollment, marked_text, {{E, code::csv_too_many_rows, "/StudentEnrollment.csv", "", 0}});
  expect(student_enrollment, text, {});  // exactly the limit: the header is not a row
}

// --- Headers --------------------------------------------------------------------------------------

TEST_F(CsvRules, HeaderMissing) {
  expect(school, "", {{E, code::csv_header_missing, "/School.csv", "", -1}});
  // Only line ends; a BOM is still reported.
  expect(school, "\xC2\xAB\xEF\xBB\xBF\r\n\r\n",
         {{W, code::csv_bom, "/School.csv", "", 0}, {E, code::csv_header_missing, "/School.csv", "", -1}});
  // A header cut short by csv-syntax is that, not a missing header.
  expect(school, "SIS ID,\xC2\xAB\"Name\r\n", {{E, code::csv_syntax, "/School.csv/1", "", 0}});
  // A header-only file is valid.
  expect(teacher_roster, "Section SIS ID,SIS ID\r\n", {});
}

TEST_F(CsvRules, RequiredColumnMissingAtLineOneWithTheMissingName) {
  expect(section, "SIS ID,Section Name\r\n10,Algebra 1\r\n",
         {{E, code::csv_required_column_missing, "/Section.csv/1/School SIS ID", "School SIS ID", -1}});
  expect(student_enrollment, "SIS ID\r\n100\r\n",
         {{E, code::csv_required_column_missing, "/StudentEnrollment.csv/1/Section SIS ID", "Section SIS ID", -1}});
}

TEST_F(CsvRules, DuplicateColumnAtTheSecondAndItsValuesAreNotRead) {
  expect(school,
         "SIS ID,Name,\xC2\xAB"
         "Name\r\n1,Contoso High,\r\n",
         {{E, code::csv_duplicate_column, "/School.csv/1/Name", "Name", 0}});
  // The same column in another case is the same column.
  expect(school,
         "SIS ID,Name,\xC2\xAB"
         "sis id\r\n1,Contoso High,x y\r\n",
         {{E, code::csv_header_case, "/School.csv/1/sis id", "sis id", 0},
          {E, code::csv_duplicate_column, "/School.csv/1/sis id", "sis id", 0}});
}

TEST_F(CsvRules, HeaderCaseCountsAsTheColumn) {
  // No csv-required-column-missing, and the values are read as the column's.
  expect(student,
         "SIS ID,School SIS ID,\xC2\xAB Username\r\n100,1,ava\r\n101,1,\xC2\xAB"
         "AVA\r\n",
         {{E, code::csv_header_case, "/Student.csv/1/ Username", " Username", 0},
          {W, code::csv_duplicate_username, "/Student.csv/3/ Username", " Username", 1}});
  EXPECT_EQ(words(school, "SIS Id,Name\r\n1,Contoso High\r\n").second, "Write \"SIS ID\".");
}

TEST_F(CsvRules, UnknownColumnWithTheNearestNameOrTheUkFormat) {
  expect(teacher,
         "SIS ID,School SIS ID,Username,\xC2\xAB"
         "TeacherNumber\r\n200,1,liam,T1\r\n",
         {{W, code::csv_unknown_column, "/Teacher.csv/1/TeacherNumber", "TeacherNumber", 0}});
  EXPECT_EQ(words(teacher, "SIS ID,School SIS ID,Username,TeacherNumber\r\n200,1,liam,T1\r\n").second,
            "Did you mean \"Teacher Number\"?");
  EXPECT_EQ(words(teacher, "SIS ID,School SIS ID,Username,Email\r\n200,1,liam,l@contoso.edu\r\n").second,
            "Did you mean \"Secondary Email\"?");
  EXPECT_EQ(words(school, "SIS ID,Name,DfE Number\r\n1,Contoso High,1\r\n").second,
            "\"DfE Number\" is a header of the UK format, which is not the SDS format that profiles sync.");
  // Gender is deprecated for students only: in Teacher.csv it is unknown.
  expect(teacher,
         "SIS ID,School SIS ID,Username,\xC2\xAB"
         "Gender\r\n200,1,liam,M\r\n",
         {{W, code::csv_unknown_column, "/Teacher.csv/1/Gender", "Gender", 0}});
}

TEST_F(CsvRules, DeprecatedColumn) {
  expect(student,
         "SIS ID,School SIS ID,Username,\xC2\xAB"
         "Gender,\xC2\xAB"
         "ELL Status\r\n100,1,ava, F ,\r\n",
         {{W, code::csv_deprecated_column, "/Student.csv/1/Gender", "Gender", 0},
          {W, code::csv_deprecated_column, "/Student.csv/1/ELL Status", "ELL Status", 1}});
}

// --- Values --------------------------------------------------------------------------------------

TEST_F(CsvRules, RequiredValueMissingEmptyOrBlankAndNothingElse) {
  expect(student, "SIS ID,School SIS ID,Username\r\n100,\xC2\xAB,\xC2\xAB  \r\n",
         {{E, code::csv_required_value_missing, "/Student.csv/2/School SIS ID", "School SIS ID", 0},
          {E, code::csv_required_value_missing, "/Student.csv/2/Username", "Username", 1}});
  // A blank required reference is not also dangling; a blank ID is no duplicate.
  expect(student_enrollment, "Section SIS ID,SIS ID\r\n10,100\r\n\xC2\xAB,100\r\n\xC2\xAB,100\r\n",
         {{E, code::csv_required_value_missing, "/StudentEnrollment.csv/3/Section SIS ID", "Section SIS ID", 0},
          {E, code::csv_required_value_missing, "/StudentEnrollment.csv/4/Section SIS ID", "Section SIS ID", 1}});
}

TEST_F(CsvRules, IdFormat) {
  expect(school, "SIS ID,Name\r\n1,Contoso High\r\n\xC2\xAB 2,Fabrikam\r\n",
         {{E, code::csv_id_format, "/School.csv/3/SIS ID", "SIS ID", 0}});
  EXPECT_EQ(words(school, "SIS ID,Name\r\n 1,Contoso High\r\n").second, "Write \"1\".");
  // A tab inside, a no-break space (U+00A0): not dangling as well, though 1\t1 is no school.
  expect(section,
         "SIS ID,School SIS ID,Section Name\r\n10,\xC2\xAB"
         "1\t1,Algebra 1\r\n\xC2\xAB"
         "1\xC2\xA0"
         "1,1,Geometry\r\n",
         {{E, code::csv_id_format, "/Section.csv/2/School SIS ID", "School SIS ID", 0},
          {E, code::csv_id_format, "/Section.csv/3/SIS ID", "SIS ID", 1}});
  EXPECT_EQ(words(school,
                  "SIS ID,Name\r\n1\xC2\xA0"
                  "2,Contoso High\r\n")
                .first,
            "\"1\xC2\xA0"
            "2\" in \"SIS ID\" holds white space (U+00A0); an ID may hold neither white space nor "
            "control characters.");
}

TEST_F(CsvRules, SectionAlias) {
  expect(section,
         "SIS ID,School SIS ID,Section Name\r\n10,1,Algebra 1\r\n\xC2\xAB"
         "10:A,1,Algebra 2\r\n",
         {{W, code::csv_section_alias, "/Section.csv/3/SIS ID", "SIS ID", 0}});
  // 56 bytes pass, 57 do not; ' and . pass; School.csv's SIS ID is not a section's.
  const std::string ok(56, 'x'), long_id(57, 'y');
  std::array<std::string, 6> files = clean_files();
  files[4] = "Section SIS ID,SIS ID\r\n" + ok + ",100\r\n";
  files[5] = "Section SIS ID,SIS ID\r\n" + ok + ",200\r\n";
  expect(section,
         "SIS ID,School SIS ID,Section Name\r\n" + ok + ",1,A\r\n\xC2\xAB" + long_id + ",1,B\r\nO'Neil.1,1,C\r\n",
         {{W, code::csv_section_alias, "/Section.csv/3/SIS ID", "SIS ID", 0}}, std::nullopt, files);
  EXPECT_EQ(words(section, "SIS ID,School SIS ID,Section Name\r\n10:A,1,Algebra 1\r\n").first,
            "The section's group would get the mail alias \"Section_10:A\", which may not hold ':'.");
}

TEST_F(CsvRules, WhitespaceInOtherValues) {
  expect(school,
         "SIS ID,Name\r\n1,\xC2\xAB"
         "Contoso High \r\n",
         {{W, code::csv_whitespace, "/School.csv/2/Name", "Name", 0}});
  EXPECT_EQ(words(school, "SIS ID,Name\r\n1,\tContoso High\r\n").second, "Write \"Contoso High\".");
  // Inside a value is fine; a quoted value's spaces are its own.
  expect(school, "SIS ID,Name\r\n1,Contoso  High\r\n2,\xC2\xAB\" Fabrikam\"\r\n",
         {{W, code::csv_whitespace, "/School.csv/3/Name", "Name", 0}});
}

TEST_F(CsvRules, SpecialCharactersInNames) {
  expect(section,
         "SIS ID,School SIS ID,Section Name\r\n10,1,\xC2\xAB"
         "Algebra 1 / Honors\r\n",
         {{W, code::csv_special_characters, "/Section.csv/2/Section Name", "Section Name", 0}});
  // A doubled quote in a quoted name is the character '"'.
  expect(student,
         "SIS ID,School SIS ID,Username,First Name,Last Name\r\n100,1,ava,\xC2\xAB\"Ava \"\"A\"\"\",O'Brien\r\n",
         {{W, code::csv_special_characters, "/Student.csv/2/First Name", "First Name", 0}});
}

TEST_F(CsvRules, SpecialCharactersAreReplacedWithTheProfilesConstraint) {
  std::string profile(k_creation_profile);
  profile.insert(profile.find("\"displayName\""), "\"handleSpecialCharacterConstraint\": true, ");
  EXPECT_EQ(words(section, "SIS ID,School SIS ID,Section Name\r\n10,1,A&B\r\n", profile).first,
            "\"A&B\" in \"Section Name\" holds '&', which SDS writes as '_' (handleSpecialCharacterConstraint).");
  EXPECT_EQ(words(section, "SIS ID,School SIS ID,Section Name\r\n10,1,A&B\r\n").first,
            "\"A&B\" in \"Section Name\" holds '&', a character SDS does not accept in names.");
}

TEST_F(CsvRules, ValueTooLongInCharacters) {
  const std::string name64(64, 'n');
  std::string accented;  // 65 characters, 130 bytes
  for (int i = 0; i < 65; ++i) accented += "\xC3\xA9";
  expect(student,
         "SIS ID,School SIS ID,Username,First Name,Last Name\r\n100,1,ava," + name64 + ",\xC2\xAB" + accented + "\r\n",
         {{W, code::csv_value_too_long, "/Student.csv/2/Last Name", "Last Name", 0}});
  const std::string long257(257, 'z');
  expect(school, "SIS ID,Name\r\n1,\xC2\xAB" + long257 + "\r\n",
         {{W, code::csv_value_too_long, "/School.csv/2/Name", "Name", 0}});
  EXPECT_EQ(words(school, "SIS ID,Name\r\n1," + long257 + "\r\n").first,
            "This value of \"Name\" has 257 characters; at most 256 fit.");
}

TEST_F(CsvRules, DuplicateIdAtEachLaterOccurrence) {
  expect(teacher,
         "SIS ID,School SIS ID,Username\r\n200,1,liam\r\n\xC2\xAB"
         "200,1,noah\r\n\xC2\xAB"
         "200,1,emma\r\n",
         {{W, code::csv_duplicate_id, "/Teacher.csv/3/SIS ID", "SIS ID", 0},
          {W, code::csv_duplicate_id, "/Teacher.csv/4/SIS ID", "SIS ID", 1}});
  // IDs are compared exactly: "a1" and "A1" are two.
  expect(school, "SIS ID,Name\r\n1,Contoso High\r\na1,X\r\nA1,Y\r\n", {});
}

TEST_F(CsvRules, DuplicatedRowGivesBothDuplicates) {
  expect(student,
         "SIS ID,School SIS ID,Username\r\n100,1,ava\r\n\xC2\xAB"
         "100,1,\xC2\xAB"
         "Ava\r\n",
         {{W, code::csv_duplicate_id, "/Student.csv/3/SIS ID", "SIS ID", 0},
          {W, code::csv_duplicate_username, "/Student.csv/3/Username", "Username", 1}});
  // Students and teachers are separate username spaces.
  expect(teacher, "SIS ID,School SIS ID,Username\r\n200,1,ava\r\n", {});
}

TEST_F(CsvRules, InvalidDateWithTheFixedDate) {
  expect(section,
         "SIS ID,School SIS ID,Section Name,Term StartDate\r\n10,1,A,\xC2\xAB"
         "2025-02-30\r\n",
         {{E, code::csv_invalid_date, "/Section.csv/2/Term StartDate", "Term StartDate", 0}});
  EXPECT_EQ(words(section, "SIS ID,School SIS ID,Section Name,Term StartDate\r\n10,1,A,2010-4-2\r\n").second,
            "Write \"2010-04-02\".");
  EXPECT_EQ(words(student, "SIS ID,School SIS ID,Username,Birthdate\r\n100,1,ava,13/1/2010\r\n").first,
            "\"13/1/2010\" in \"Birthdate\" is not a real date written YYYY-MM-DD, YYYYMMDD or M/D/YYYY.");
  // An empty optional date is not checked; leap days are real in leap years only.
  expect(student,
         "SIS ID,School SIS ID,Username,Birthdate\r\n100,1,ava,\r\n101,1,bo,2012-02-29\r\n102,1,cy,\xC2\xAB"
         "20110229\r\n",
         {{E, code::csv_invalid_date, "/Student.csv/4/Birthdate", "Birthdate", 0}});
}

TEST_F(CsvRules, DateNotIsoOncePerColumnWithTheFixedDate) {
  expect(student,
         "SIS ID,School SIS ID,Username,Birthdate\r\n100,1,ava,\xC2\xAB"
         "9/1/2010\r\n101,1,bo,12/31/2010\r\n",
         {{W, code::csv_date_not_iso, "/Student.csv/2/Birthdate", "Birthdate", 0}});
  EXPECT_EQ(words(student, "SIS ID,School SIS ID,Username,Birthdate\r\n100,1,ava,09/01/2010\r\n").second,
            "Write \"2010-09-01\".");
}

TEST_F(CsvRules, DateFormatMixedAtTheFirstCellOfASecondForm) {
  expect(section,
         "SIS ID,School SIS ID,Section Name,Term StartDate\r\n10,1,A,2025-09-01\r\n11,1,B,\xC2\xAB"
         "20250901\r\n12,1,C,20250902\r\n",
         {{W, code::csv_date_format_mixed, "/Section.csv/3/Term StartDate", "Term StartDate", 0}});
  // M/D/YYYY after ISO: both its own warnings at the one cell.
  expect(section,
         "SIS ID,School SIS ID,Section Name,Term StartDate\r\n10,1,A,20250901\r\n11,1,B,\xC2\xAB"
         "9/2/2025\r\n",
         {{W, code::csv_date_not_iso, "/Section.csv/3/Term StartDate", "Term StartDate", 0},
          {W, code::csv_date_format_mixed, "/Section.csv/3/Term StartDate", "Term StartDate", 0}});
}

TEST_F(CsvRules, TermDatesReversedAtTheEndDate) {
  expect(section,
         "SIS ID,School SIS ID,Section Name,Term StartDate,Term EndDate\r\n10,1,A,2026-01-12,\xC2\xAB"
         "2025-12-19\r\n",
         {{W, code::csv_term_dates_reversed, "/Section.csv/2/Term EndDate", "Term EndDate", 0}});
  // Across forms, and the end date's column first; the same day is not reversed.
  expect(section,
         "SIS ID,School SIS ID,Section Name,Term EndDate,Term StartDate\r\n10,1,A,\xC2\xAB"
         "20250101,20250102\r\n11,1,B,20250101,20250101\r\n",
         {{W, code::csv_term_dates_reversed, "/Section.csv/2/Term EndDate", "Term EndDate", 0}});
}

TEST_F(CsvRules, EmailSyntax) {
  expect(teacher,
         "SIS ID,School SIS ID,Username,Secondary Email\r\n200,1,liam,\xC2\xAB"
         "liam.contoso.edu\r\n",
         {{W, code::csv_email_syntax, "/Teacher.csv/2/Secondary Email", "Secondary Email", 0}});
  expect(school,
         "SIS ID,Name,Principal Secondary Email\r\n1,Contoso High,\xC2\xAB"
         "p@@contoso.edu\r\n2,Fabrikam,p@fabrikam.edu\r\n",
         {{W, code::csv_email_syntax, "/School.csv/2/Principal Secondary Email", "Principal Secondary Email", 0}});
}

// --- References between files -----------------------------------------------------------------------

TEST_F(CsvRules, DanglingReferenceInEachMembershipColumn) {
  expect(student_enrollment,
         "Section SIS ID,SIS ID\r\n10,100\r\n\xC2\xAB"
         "11,100\r\n10,\xC2\xAB"
         "101\r\n",
         {{E, code::csv_dangling_reference, "/StudentEnrollment.csv/3/Section SIS ID", "Section SIS ID", 0},
          {E, code::csv_dangling_reference, "/StudentEnrollment.csv/4/SIS ID", "SIS ID", 1}});
  // A roster's SIS ID resolves against Teacher.csv only: 100 is a student.
  expect(teacher_roster,
         "Section SIS ID,SIS ID\r\n10,\xC2\xAB"
         "100\r\n",
         {{E, code::csv_dangling_reference, "/TeacherRoster.csv/2/SIS ID", "SIS ID", 0}});
  EXPECT_EQ(words(teacher_roster, "Section SIS ID,SIS ID\r\n10,100\r\n").first,
            "The SIS ID \"100\" is not in Teacher.csv; SDS reports it as referenced data not found in source.");
}

TEST_F(CsvRules, DanglingSchool) {
  expect(student,
         "SIS ID,School SIS ID,Username\r\n100,\xC2\xAB"
         "2,ava\r\n",
         {{E, code::csv_dangling_school, "/Student.csv/2/School SIS ID", "School SIS ID", 0}});
  // References into a file cut short by csv-syntax are not checked.
  std::array<std::string, 6> files = clean_files();
  files[0] = "SIS ID,Name\r\n1,\"Contoso\r\n";
  expect(section, "SIS ID,School SIS ID,Section Name\r\n10,7,Algebra 1\r\n", {}, std::nullopt, files);
}

// --- The folder against the profile ---------------------------------------------------------------

TEST_F(CsvRules, NotCsvProviderIsInTheProfilesPart) {
  const std::string profile =
      R"({"displayName": "P", "dataProvider": {"@odata.type": "#microsoft.graph.educationPowerSchoolDataProvider", "connectionUrl": "https://ps.contoso.edu", "clientId": "c"},
 "identitySynchronizationConfiguration": {"@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration", "userDomains": [{"appliesTo": "student", "name": "contoso.edu"}]}})";
  const auto& r = run(clean_files(), profile);
  ASSERT_TRUE(r.has_profile());
  const auto d = r.profile().diagnostics();
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].code, code::csv_not_csv_provider);
  EXPECT_EQ(d[0].severity, E);
  EXPECT_EQ(d[0].path, "");
  EXPECT_EQ(d[0].line, 1U);
  EXPECT_EQ(d[0].column, 1U);
  EXPECT_EQ(d[0].offset, 0U);
  EXPECT_EQ(d[0].message,
            "The profile's dataProvider is \"#microsoft.graph.educationPowerSchoolDataProvider\", not an "
            "educationCsvDataProvider: the folder is not checked against it.");
  // No creation rule applies: Teacher.csv has rows and no domain, and that is no finding.
  EXPECT_TRUE(r.file(teacher).diagnostics().empty());
  EXPECT_FALSE(r.valid());
}

TEST_F(CsvRules, NotCsvProviderAfterTheProfilesOwnFindings) {
  // The profile's own diagnostics come first; a BOM is skipped in the position of "".
  const std::string profile = "\xEF\xBB\xBF {\"displayName\": 5}";
  const auto& r = run(clean_files(), profile);
  std::vector<std::string> codes;
  for (const auto& d : r.profile().diagnostics()) codes.emplace_back(to_string(d.code));
  EXPECT_EQ(codes, (std::vector<std::string>{"json-bom", "missing-required", "missing-required", "csv-not-csv-provider",
                                             "type-mismatch"}));
  EXPECT_EQ(r.profile().diagnostics()[3].offset, 4U);
  EXPECT_EQ(r.profile().diagnostics()[3].column, 5U);
  EXPECT_EQ(r.profile().diagnostics()[3].message,
            "The profile has no dataProvider, so the folder is not checked against it.");
}

TEST_F(CsvRules, AProfileThatIsNotJsonGivesNoFolderRule) {
  const auto& r = run(clean_files(), std::string_view("{\"displayName\": "));
  ASSERT_EQ(r.profile().diagnostics().size(), 1U);
  EXPECT_EQ(r.profile().diagnostics()[0].code, code::json_syntax);
}

TEST_F(CsvRules, EnabledColumnMissingOnlyForNamesTheProfileLists) {
  const std::string profile = with_customizations(
      k_creation_profile, R"({"student": {"optionalPropertiesToSync": ["State ID", "Middle Name", "Email"]}})");
  expect(student, "SIS ID,School SIS ID,Username,Middle Name\r\n100,1,ava,Jo\r\n",
         {{W, code::csv_enabled_column_missing, "/Student.csv/1/State ID", "State ID", -1}}, profile);
  // A header-case column counts as the column (and is that column's own error).
  expect(student,
         "SIS ID,School SIS ID,Username,\xC2\xAB"
         "state id,Middle Name\r\n100,1,ava,S1,Jo\r\n",
         {{E, code::csv_header_case, "/Student.csv/1/state id", "state id", 0}}, profile);
}

TEST_F(CsvRules, EnabledColumnEmptyOncePerColumnAtItsHeader) {
  const std::string profile =
      with_customizations(k_creation_profile, R"({"student": {"optionalPropertiesToSync": ["Middle Name"]}})");
  expect(student,
         "SIS ID,School SIS ID,Username,\xC2\xAB"
         "Middle Name,Grade\r\n100,1,ava,,\r\n101,1,bo, ,9\r\n102,1,cy,Lee,\r\n",
         {{W, code::csv_enabled_column_empty, "/Student.csv/1/Middle Name", "Middle Name", 0}}, profile);
  EXPECT_EQ(words(student, "SIS ID,School SIS ID,Username,Middle Name\r\n100,1,ava,\r\n101,1,bo, \r\n", profile).first,
            "The profile syncs \"Middle Name\" of student (optionalPropertiesToSync), but 2 rows leave it empty.");
}

TEST_F(CsvRules, RoleWithoutDomainWhenTheFileHasRows) {
  const std::string profile =
      R"({"displayName": "C", "dataProvider": {"@odata.type": "#microsoft.graph.educationCsvDataProvider"},
 "identitySynchronizationConfiguration": {"@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
 "userDomains": [{"appliesTo": "student", "name": "contoso.edu"}]}})";
  expect(teacher, "SIS ID,School SIS ID,Username\r\n200,1,liam\r\n",
         {{E, code::csv_role_without_domain, "/Teacher.csv", "", -1}}, profile);
  // No rows, no finding (a header-only Teacher.csv, and a roster with no rows).
  std::array<std::string, 6> files = clean_files();
  files[5] = "Section SIS ID,SIS ID\r\n";
  expect(teacher, "SIS ID,School SIS ID,Username\r\n", {}, profile, files);
}

TEST_F(CsvRules, UsernameHasDomainOnlyThatCode) {
  expect(student,
         "SIS ID,School SIS ID,Username\r\n100,1,\xC2\xAB"
         "ava@contoso.edu\r\n",
         {{E, code::csv_username_has_domain, "/Student.csv/2/Username", "Username", 0}}, k_creation_profile);
  EXPECT_EQ(words(student, "SIS ID,School SIS ID,Username\r\n100,1,ava@contoso.edu\r\n", k_creation_profile).second,
            "Write the part before '@', \"ava\".");
  // Without a creation profile '@' is no finding.
  expect(student, "SIS ID,School SIS ID,Username\r\n100,1,ava@contoso.edu\r\n", {});
}

TEST_F(CsvRules, UpnInvalid) {
  expect(student,
         "SIS ID,School SIS ID,Username\r\n100,1,\xC2\xAB"
         "ava smith\r\n101,1,\xC2\xAB"
         "bo.\r\n102,1,o'brien-k_1!#^~\r\n",
         {{E, code::csv_upn_invalid, "/Student.csv/2/Username", "Username", 0},
          {E, code::csv_upn_invalid, "/Student.csv/3/Username", "Username", 1}},
         k_creation_profile);
  const std::string user64(64, 'u'), user65(65, 'u');
  std::string profile(k_creation_profile);
  const std::string domain(60, 'd');
  profile.replace(profile.find("contoso.edu"), 11, domain + ".edu");  // the student's domain: 64 characters
  // 64 + 1 + 64 = 129 > 113.
  expect(student, "SIS ID,School SIS ID,Username\r\n100,1,\xC2\xAB" + user64 + "\r\n",
         {{E, code::csv_upn_invalid, "/Student.csv/2/Username", "Username", 0}}, profile);
  EXPECT_EQ(words(student, "SIS ID,School SIS ID,Username\r\n100,1," + user65 + "\r\n", k_creation_profile).first,
            "The Username \"" + user65 + "\" has 65 characters; a user principal name holds at most 64 before '@'.");
  EXPECT_EQ(words(student, "SIS ID,School SIS ID,Username\r\n100,1,\xC3\xA9va\r\n", k_creation_profile).first,
            "The Username \"\xC3\xA9va\" holds '\xC3\xA9', which a user principal name may not hold.");
}

TEST_F(CsvRules, PasswordPolicyNeverQuotesThePassword) {
  expect(student,
         "SIS ID,School SIS ID,Username,Password\r\n100,1,ava,\xC2\xAB"
         "short1A\r\n101,1,bo,Abcdefgh1\r\n102,1,cy,\xC2\xAB"
         "abcdefghij\r\n103,1,di,\r\n",
         {{W, code::csv_password_policy, "/Student.csv/2/Password", "Password", 0},
          {W, code::csv_password_policy, "/Student.csv/4/Password", "Password", 1}},
         k_creation_profile);
  const auto [message, hint] =
      words(student, "SIS ID,School SIS ID,Username,Password\r\n100,1,ava,P\xC3\xA4ssword1\r\n", k_creation_profile);
  EXPECT_EQ(message, "This password holds characters outside ASCII, which the Entra ID password policy rejects.");
  EXPECT_EQ(message.find("ssword1"), std::string::npos);
  // Without identity creation, passwords are not checked.
  expect(student, "SIS ID,School SIS ID,Username,Password\r\n100,1,ava,x\r\n", {});
}

// The profile rule's place is found on the tape: values before it that take two tape words
// (numbers) or hold containers do not shift it.
TEST_F(CsvRules, MatchingSourceUnsupportedOfTheSecondOptionPastNestedValues) {
  const std::string student =
      R"({"appliesTo": "student", "x": [1, 2.5, -3, {"y": [null, true]}], "sourcePropertyName": "Username", "targetPropertyName": "userPrincipalName"})";
  const std::string teacher =
      R"({"appliesTo": "teacher", "sourcePropertyName": "State ID", "targetPropertyName": "employeeId"})";
  const std::string profile = matching_profile(student, teacher);
  std::array<std::string, 6> files = clean_files();
  files[3] = "SIS ID,School SIS ID,Username,State ID\r\n200,1,liam,S200\r\n";
  const auto& r = run(files, profile);
  const auto d = r.profile().diagnostics();
  const auto it = std::find_if(d.begin(), d.end(), [](const sdsprofile::diagnostic& x) {
    return x.code == code::csv_matching_source_unsupported;
  });
  ASSERT_NE(it, d.end());
  EXPECT_EQ(it->path, "/identitySynchronizationConfiguration/matchingOptions/1/sourcePropertyName");
  const std::size_t offset = profile.find("\"State ID\"");
  EXPECT_EQ(it->offset, offset);
  EXPECT_EQ(it->line, line_column(profile, offset).first);
  EXPECT_EQ(it->column, line_column(profile, offset).second);
  // In document order among the profile's own findings (the unknown "x" comes first).
  ASSERT_GE(it - d.begin(), 1);
  EXPECT_LT((it - 1)->offset, offset);
}

TEST_F(CsvRules, MatchingColumnMissing) {
  const std::string profile = matching_profile(k_student_by_username, k_teacher_by_email);
  expect(teacher, "SIS ID,School SIS ID,Username\r\n200,1,liam\r\n",
         {{E, code::csv_matching_column_missing, "/Teacher.csv/1/Secondary Email", "Secondary Email", -1}}, profile);
}

TEST_F(CsvRules, MatchingSourceUnsupportedIsInTheProfilesPartAtItsPointer) {
  const std::string option =
      R"({"appliesTo": "student", "sourcePropertyName": "State ID", "targetPropertyName": "employeeId"})";
  const std::string profile = matching_profile(option, k_teacher_by_email);
  std::array<std::string, 6> files = clean_files();
  files[2] = "SIS ID,School SIS ID,Username,State ID\r\n100,1,ava,S100\r\n";
  files[3] = "SIS ID,School SIS ID,Username,Secondary Email\r\n200,1,liam,liam@contoso.edu\r\n";
  const auto& r = run(files, profile);
  const auto d = r.profile().diagnostics();
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].code, code::csv_matching_source_unsupported);
  EXPECT_EQ(d[0].severity, W);
  EXPECT_EQ(d[0].path, "/identitySynchronizationConfiguration/matchingOptions/0/sourcePropertyName");
  const std::size_t offset = profile.find("\"State ID\"");
  EXPECT_EQ(d[0].offset, offset);
  EXPECT_EQ(d[0].line, line_column(profile, offset).first);
  EXPECT_EQ(d[0].column, line_column(profile, offset).second);
  EXPECT_EQ(d[0].message,
            "SDS matches students on \"Username\", \"Secondary Email\" or \"Student Number\", not on \"State ID\".");
  EXPECT_TRUE(r.valid());
}

TEST_F(CsvRules, MatchingValueMissingAndFormat) {
  const std::string profile = matching_profile(k_student_by_username, k_teacher_by_email);
  std::array<std::string, 6> files = clean_files();
  files[3] = "SIS ID,School SIS ID,Username,Secondary Email\r\n200,1,liam,liam@contoso.edu\r\n";
  // Username is required: blank is csv-required-value-missing only.
  expect(student,
         "SIS ID,School SIS ID,Username\r\n100,1,\xC2\xAB"
         "ava@contoso.edu\r\n101,1,\xC2\xAB\r\n",
         {{E, code::csv_matching_value_format, "/Student.csv/2/Username", "Username", 0},
          {E, code::csv_required_value_missing, "/Student.csv/3/Username", "Username", 1}},
         profile, files);
  expect(teacher,
         "SIS ID,School SIS ID,Username,Secondary Email\r\n200,1,liam,\xC2\xAB\r\n201,1,noah,\xC2\xAB"
         "noah\r\n202,1,emma,\xC2\xAB"
         "emma @contoso.edu\r\n",
         {{E, code::csv_matching_value_missing, "/Teacher.csv/2/Secondary Email", "Secondary Email", 0},
          {E, code::csv_matching_value_format, "/Teacher.csv/3/Secondary Email", "Secondary Email", 1},
          {E, code::csv_matching_value_format, "/Teacher.csv/4/Secondary Email", "Secondary Email", 2}},
         profile);
}

TEST_F(CsvRules, MatchingValueFormatSecondaryEmailWithATargetDomain) {
  const std::string option =
      R"({"appliesTo": "teacher", "sourcePropertyName": "Secondary Email", "targetPropertyName": "mail", "targetDomain": "contoso.edu"})";
  const std::string profile = matching_profile(k_student_by_username, option);
  EXPECT_EQ(words(teacher, "SIS ID,School SIS ID,Username,Secondary Email\r\n200,1,liam,liam\r\n", profile).first,
            "Matching on \"Secondary Email\" takes the domain from the value, but the profile also sets targetDomain "
            "\"contoso.edu\".");
}

TEST_F(CsvRules, MatchingDuplicateKeyIgnoringCaseWithTheDomain) {
  const std::string profile = matching_profile(k_student_by_username, k_teacher_by_email);
  std::array<std::string, 6> files = clean_files();
  files[2] = "SIS ID,School SIS ID,Username\r\n100,1,ava\r\n";
  expect(teacher,
         "SIS ID,School SIS ID,Username,Secondary Email\r\n200,1,liam,liam@contoso.edu\r\n201,1,noah,\xC2\xAB"
         "LIAM@Contoso.edu\r\n",
         {{W, code::csv_matching_duplicate_key, "/Teacher.csv/3/Secondary Email", "Secondary Email", 0}}, profile,
         files);
  EXPECT_EQ(
      words(teacher, "SIS ID,School SIS ID,Username,Secondary Email\r\n200,1,liam,a@c.edu\r\n201,1,noah,A@C.edu\r\n",
            profile)
          .first,
      "Another row of this file gives the same matching key, \"a@c.edu\" (ignoring case): both would match one "
      "user.");
}

TEST_F(CsvRules, RoleWithoutMatching) {
  const std::string profile = matching_profile(k_student_by_username, "");
  expect(teacher, "SIS ID,School SIS ID,Username\r\n200,1,liam\r\n",
         {{W, code::csv_role_without_matching, "/Teacher.csv", "", -1}}, profile);
}

// --- Limits and the folder ------------------------------------------------------------------------

TEST_F(CsvRules, TooManyDiagnosticsPerFileKeepsTheFirstInDocumentOrder) {
  opts.check.limits.max_diagnostics = 2;
  std::string text = "SIS ID,Name\r\n";
  for (const char* id : {" 0", " 1", " 2", " 3", " 4"}) text.append(id).append(",X\r\n");
  std::array<std::string, 6> files = clean_files();
  files[0] = text + "1,Contoso High\r\n";
  const auto& r = run(files);
  const auto d = r.file(school).diagnostics();
  ASSERT_EQ(d.size(), 3U);
  EXPECT_EQ(d[0].path, "/School.csv/2/SIS ID");
  EXPECT_EQ(d[1].path, "/School.csv/3/SIS ID");
  EXPECT_EQ(d[2].code, code::too_many_diagnostics);
  EXPECT_EQ(d[2].path, "/School.csv");
  EXPECT_FALSE(d[2].located);
  EXPECT_EQ(r.file(school).dropped_error_count(), 3U);
  EXPECT_FALSE(r.valid());
}

TEST_F(CsvRules, StrictCountsWarnings) {
  std::array<std::string, 6> files = clean_files();
  files[0] = "SIS ID,Name\r\n1,Contoso High \r\n";
  EXPECT_TRUE(run(files).valid());
  opts.check.strict = true;
  EXPECT_FALSE(run(files).valid());
}

TEST_F(CsvRules, TheResultIsTheSameForEveryJobs) {
  std::array<std::string, 6> files = clean_files();
  files[1] = "SIS ID,School SIS ID,Section Name\r\n10,1,A\r\n11,9,B\r\n11,1,C\r\n";
  files[4] = "Section SIS ID,SIS ID\r\n10,100\r\n12,100\r\n";
  std::vector<std::string> first;
  for (const unsigned jobs : {1U, 2U, 3U, 8U}) {
    opts.jobs = jobs;
    const auto& r = run(files);
    std::vector<std::string> all;
    for (std::size_t f = 0; f < 6; ++f)
      for (const auto& d : r.file(static_cast<csv_file>(f)).diagnostics())
        all.push_back(std::string(d.path) + " " + std::string(to_string(d.code)) + " " + std::string(d.message));
    if (first.empty())
      first = all;
    else
      EXPECT_EQ(all, first) << "jobs " << jobs;
  }
  EXPECT_EQ(first.size(), 3U);
}

}  // namespace
