// Expansion (docs/rules.md "Expansion"): the golden seed response, every case's expected
// expansion, and the properties every valid case must have (checks clean in resource mode;
// idempotent). Cases: tests/cases/ and the directories of SDSPROFILE_EXTRA_CASES.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "case_file.hpp"
#include "sdsprofile/sdsprofile.hpp"

namespace {

namespace fs = std::filesystem;
constexpr const char* k_case_id = "11111111-2222-4333-8444-555555555555";

std::string compact(std::string_view json) {  // text-level: white space removed, bytes kept
  std::string out(json.size(), '\0');
  std::size_t n = 0;
  EXPECT_EQ(simdjson::minify(json.data(), json.size(), out.data(), n), simdjson::SUCCESS);
  out.resize(n);
  return out;
}

using sdsprofile::test::case_ref;

// Cases whose input is a valid create body: expansion is defined for them. A case file that cannot
// be read is kept, so that its test fails and names it (listing never throws).
std::vector<case_ref> expandable_cases() {
  std::vector<case_ref> out;
  for (case_ref& ref : sdsprofile::test::all_cases()) {
    try {
      const auto c = sdsprofile::test::load_case(ref.path);
      if (c.mode != sdsprofile::mode::create || !c.valid) continue;
    } catch (const std::exception&) {
    }
    out.push_back(std::move(ref));
  }
  return out;
}

TEST(Expand, SeedRequestGivesTheSeedResponseByteForByte) {
  const std::string response =
      sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/tests/data/seed-response.json");
  const std::string request = sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json");
  sdsprofile::checker c;
  sdsprofile::expand_options o;
  o.id = "86904b1e-c7d0-4ead-b13a-98f11fc400ee";
  const auto result = c.expand(request, o);
  ASSERT_TRUE(result.expanded());
  // Same keys, same order, same values, same indentation: the documented response verbatim.
  std::string expected = response;
  while (!expected.empty() && (expected.back() == '\n' || expected.back() == ' ')) expected.pop_back();
  EXPECT_EQ(result.json, expected + "\n");
}

TEST(Expand, EnoughCasesAreExpanded) {
  sdsprofile::test::report_case_sources("expansion cases");
  EXPECT_GE(expandable_cases().size(), 10u);
}

TEST(Expand, InvalidInputIsNotExpanded) {
  sdsprofile::checker c;
  const auto result = c.expand(R"({"displayName": 5})");
  EXPECT_FALSE(result.expanded());
  EXPECT_TRUE(result.json.empty());
  EXPECT_EQ(result.diagnostics.diagnostics().size(), 3u);
}

TEST(Expand, RandomIdIsALowerCaseUuidV4) {
  sdsprofile::checker c;
  const std::string request = sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json");
  sdsprofile::expand_options o;
  o.pretty = false;
  const std::string first(c.expand(request, o).json);
  const std::string second(c.expand(request, o).json);
  const std::size_t at = first.find("\"id\":\"") + 6;
  const std::string id = first.substr(at, 36);
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');                                     // version 4
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);  // RFC 4122 variant
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef-"), std::string::npos);
  EXPECT_NE(first, second);  // a new id each time
}

class CaseExpansion : public ::testing::TestWithParam<case_ref> {};

TEST_P(CaseExpansion, MatchesExpectedAndIsStable) {
  const auto c = sdsprofile::test::load_case(GetParam().path);
  sdsprofile::checker checker;
  sdsprofile::expand_options o;
  o.check.now = c.now;
  o.id = k_case_id;
  const auto result = checker.expand(c.input, o);
  ASSERT_TRUE(result.expanded()) << c.id;
  const std::string first(result.json);
  std::set<sdsprofile::code> input_warnings;
  for (const auto& d : result.diagnostics.diagnostics()) input_warnings.insert(d.code);
  if (c.expand) {
    EXPECT_EQ(compact(first), *c.expand) << c.id;
  }

  // The expansion checks clean in resource mode: valid, and no warning the input did not have.
  sdsprofile::options resource;
  resource.check_mode = sdsprofile::mode::resource;
  resource.now = c.now;
  const auto& again = checker.check(first, resource);
  EXPECT_TRUE(again.valid()) << c.id;
  for (const auto& d : again.diagnostics())
    EXPECT_TRUE(input_warnings.count(d.code)) << c.id << ": " << to_string(d.code) << " at " << d.path;
  EXPECT_FALSE(std::any_of(again.diagnostics().begin(), again.diagnostics().end(), [](const auto& d) {
    return d.code == sdsprofile::code::odata_type_noncanonical || d.code == sdsprofile::code::ignored_annotation ||
           d.code == sdsprofile::code::null_collection;
  })) << c.id;

  // Idempotent: expanding the expansion (resource mode, same id) gives the same bytes, pretty and compact.
  sdsprofile::expand_options second = o;
  second.check.check_mode = sdsprofile::mode::resource;
  EXPECT_EQ(std::string(checker.expand(first, second).json), first) << c.id;
  second.pretty = false;
  o.pretty = false;
  const std::string compact_first(checker.expand(c.input, o).json);
  EXPECT_EQ(compact_first, compact(first)) << c.id;
  EXPECT_EQ(std::string(checker.expand(compact_first, second).json), compact_first) << c.id;
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseExpansion, ::testing::ValuesIn(expandable_cases()),
                         [](const ::testing::TestParamInfo<case_ref>& info) { return info.param.name; });

}  // namespace
