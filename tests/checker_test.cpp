// Checker unit tests: exact code, severity, path, line and column for each rule family.
#include <gtest/gtest.h>

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
