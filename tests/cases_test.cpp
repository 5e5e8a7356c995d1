// Data-driven test over every case (tests/cases/ and the directories of SDSPROFILE_EXTRA_CASES):
// the complete multiset of (severity, code, path) must equal the case's expectation, for its mode
// and "now".
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "case_file.hpp"
#include "sdsprofile/sdsprofile.hpp"

namespace {

namespace fs = std::filesystem;
using sdsprofile::test::case_file;

using sdsprofile::test::case_ref;

class Case : public ::testing::TestWithParam<case_ref> {};

TEST_P(Case, DiagnosticsMatchExactly) {
  const case_file c = sdsprofile::test::load_case(GetParam().path);
  sdsprofile::options opts;
  opts.check_mode = c.mode;
  opts.now = c.now;
  sdsprofile::checker checker;
  const sdsprofile::report& r = checker.check(c.input, opts);

  std::vector<sdsprofile::test::triple> got;
  for (const auto& d : r.diagnostics())
    got.emplace_back(std::string(to_string(d.severity)), std::string(to_string(d.code)), std::string(d.path));
  auto expected = c.expected;
  std::sort(got.begin(), got.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(got, expected) << "case " << c.id << ": " << c.summary;
  EXPECT_EQ(r.valid(), c.valid) << "case " << c.id;

  // Every position is inside the input and consistent with its line and column.
  for (const auto& d : r.diagnostics()) {
    EXPECT_LE(d.offset, c.input.size()) << to_string(d.code);
    EXPECT_GE(d.line, 1u);
    EXPECT_GE(d.column, 1u);
    EXPECT_FALSE(d.message.empty()) << to_string(d.code);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, Case, ::testing::ValuesIn(sdsprofile::test::all_cases()),
                         [](const ::testing::TestParamInfo<case_ref>& info) { return info.param.name; });

// Prints how many cases ran from where; fails when a case directory is missing or empty, so the
// suite cannot pass vacuously.
TEST(CaseSources, LibraryCases) { sdsprofile::test::report_case_sources("library cases"); }

}  // namespace

namespace {

// Positions the case notes state for document-level failures.
struct noted_position {
  const char* file;
  sdsprofile::code code;
  std::uint32_t line, column;
};

TEST(CaseFiles, DocumentLevelFailuresAtTheNotedPositions) {
  const noted_position noted[] = {
      {"06-trailing-comma-doc-snippet.json", sdsprofile::code::json_syntax, 12, 7},
      {"08-half-quoted-target-domain.json", sdsprofile::code::json_syntax, 19, 24},
      {"c01-json-syntax-single-quotes.json", sdsprofile::code::json_syntax, 2, 3},
      {"c02-json-syntax-trailing-second-brace.json", sdsprofile::code::json_syntax, 43, 1},
      {"c04-json-encoding-latin1-display-name.json", sdsprofile::code::json_encoding, 2, 19},
      {"c05-json-encoding-lone-surrogate-oneroster.json", sdsprofile::code::json_encoding, 6, 35},
  };
  sdsprofile::checker checker;
  for (const auto& n : noted) {
    const auto c = sdsprofile::test::load_case((fs::path(SDSPROFILE_SOURCE_DIR) / "tests" / "cases" / n.file).string());
    const auto& r = checker.check(c.input);
    ASSERT_EQ(r.diagnostics().size(), 1u) << n.file;
    const auto& d = r.diagnostics()[0];
    EXPECT_EQ(d.code, n.code) << n.file;
    EXPECT_EQ(d.path, "") << n.file;
    EXPECT_EQ(d.line, n.line) << n.file;
    EXPECT_EQ(d.column, n.column) << n.file;
    EXPECT_FALSE(d.hint.empty()) << n.file;
  }
}

}  // namespace
