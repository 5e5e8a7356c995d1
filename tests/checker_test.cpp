// Checker unit tests: exact code, severity, path, line and column for each rule family.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "sdsprofile/sdsprofile.hpp"

namespace {

using sdsprofile::code;
using sdsprofile::severity;

sdsprofile::options at(const char* now, sdsprofile::mode m = sdsprofile::mode::create) {
  sdsprofile::options o;
  o.now = sdsprofile::parse_rfc3339(now);
  o.check_mode = m;
  return o;
}

TEST(Checker, IssueAcceptanceDisplayNameNumber) {
  sdsprofile::checker c;
  const auto& r = c.check(R"({"displayName": 5})", at("2026-01-15T00:00:00Z"));
  ASSERT_EQ(r.diagnostics().size(), 3u);
  EXPECT_FALSE(r.valid());
  const auto& d = r.diagnostics();
  // Document order: the root object (missing-required twice) comes before its member's value.
  EXPECT_EQ(d[0].code, code::missing_required);
  EXPECT_EQ(d[0].path, "");
  EXPECT_EQ(d[1].code, code::missing_required);
  EXPECT_EQ(d[2].code, code::type_mismatch);
  EXPECT_EQ(d[2].severity, severity::error);
  EXPECT_EQ(d[2].path, "/displayName");
  EXPECT_EQ(d[2].line, 1u);
  EXPECT_EQ(d[2].column, 17u);
  EXPECT_EQ(d[2].offset, 16u);
  EXPECT_NE(d[0].message.find("dataProvider"), std::string_view::npos);
  EXPECT_NE(d[1].message.find("identitySynchronizationConfiguration"), std::string_view::npos);
}

}  // namespace

namespace {

// The seed's request (the golden example): valid, with exactly two odata-type-noncanonical warnings.
TEST(Checker, SeedRequestValidWithTwoNoncanonicalWarnings) {
  std::ifstream in(std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json", std::ios::binary);
  const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  ASSERT_FALSE(body.empty());
  sdsprofile::checker c;
  const auto& r = c.check(body, at("2026-01-15T00:00:00Z"));
  EXPECT_TRUE(r.valid());
  ASSERT_EQ(r.diagnostics().size(), 2u);
  for (const auto& d : r.diagnostics()) {
    EXPECT_EQ(d.code, code::odata_type_noncanonical);
    EXPECT_EQ(d.severity, severity::warning);
  }
  EXPECT_EQ(r.diagnostics()[0].path, "/dataProvider/@odata.type");
  EXPECT_EQ(r.diagnostics()[0].line, 4u);
  EXPECT_EQ(r.diagnostics()[0].column, 24u);
  EXPECT_EQ(r.diagnostics()[1].path, "/identitySynchronizationConfiguration/@odata.type");
  EXPECT_EQ(r.diagnostics()[1].line, 15u);
  EXPECT_EQ(r.diagnostics()[1].column, 24u);
}

// JSONTestSuite through the whole checker: n_ files get a document-level json-syntax,
// json-encoding or (deepest nestings) json-too-deep alone; y_ files get none of them; i_ anything.
TEST(Checker, JsonTestSuite) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(SDSPROFILE_SHARED_DIR) / "corpora/JSONTestSuite/test_parsing";
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  sdsprofile::checker c;
  int y = 0, n = 0, i = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const std::string name = e.path().filename().string();
    const auto& r = c.check(body, at("2026-01-15T00:00:00Z"));
    const bool parse_failure = std::any_of(r.diagnostics().begin(), r.diagnostics().end(), [](const auto& d) {
      return d.code == code::json_syntax || d.code == code::json_encoding || d.code == code::json_too_deep;
    });
    if (name[0] == 'y') {
      ++y;
      EXPECT_FALSE(parse_failure) << name;
    } else if (name[0] == 'n') {
      ++n;
      EXPECT_TRUE(parse_failure) << name;
      if (parse_failure) {
        EXPECT_EQ(r.diagnostics().size(), 1u) << name << ": a document-level failure is reported alone";
        EXPECT_EQ(r.diagnostics()[0].path, "") << name;
      }
    } else {
      ++i;
    }
  }
  EXPECT_EQ(y, 95);
  EXPECT_EQ(n, 188);
  EXPECT_EQ(i, 35);
}

}  // namespace
