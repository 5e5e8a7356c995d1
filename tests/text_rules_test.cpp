// Unit tests of the pure string rules (lib/src/text_rules.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "text_rules.hpp"

namespace sdsprofile::detail {
namespace {

TEST(TextRules, Guid) {
  EXPECT_TRUE(is_guid("6fd2c87f-b296-42f0-b197-1e91e994b900"));
  EXPECT_TRUE(is_guid("6FD2C87F-B296-42F0-B197-1E91E994B900"));
  EXPECT_FALSE(is_guid("{6fd2c87f-b296-42f0-b197-1e91e994b900}"));
  EXPECT_FALSE(is_guid("u86tgb54-b296-42f0-b197-1e91e994b900"));
  EXPECT_FALSE(is_guid("6fd2c87f-b296-42f0-b197-1e91e994b90"));
  EXPECT_EQ(recover_guid("{6FD2C87F-B296-42F0-B197-1E91E994B900}")->view(), "6fd2c87f-b296-42f0-b197-1e91e994b900");
  EXPECT_EQ(recover_guid(" 6fd2c87fb29642f0b1971e91e994b900 ")->view(), "6fd2c87f-b296-42f0-b197-1e91e994b900");
  EXPECT_FALSE(recover_guid("STANDARDWOFFPACK_STUDENT"));
  EXPECT_TRUE(is_nil_guid("00000000-0000-0000-0000-000000000000"));
}

TEST(TextRules, Domain) {
  EXPECT_EQ(check_domain("contoso.edu"), domain_problem::none);
  EXPECT_EQ(check_domain("contoso"), domain_problem::single_label);
  EXPECT_EQ(check_domain("students_contoso.edu"), domain_problem::bad_character);
  EXPECT_EQ(check_domain(std::string(64, 'a') + ".edu"), domain_problem::label_too_long);
  EXPECT_EQ(check_domain(std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                         std::string(63, 'd') + ".edu"),
            domain_problem::too_long);
  EXPECT_EQ(check_domain("@contoso.edu"), domain_problem::leading_at);
  EXPECT_EQ(check_domain("-a.edu"), domain_problem::hyphen_at_edge);
  EXPECT_EQ(check_domain("a..edu"), domain_problem::empty_label);
  EXPECT_EQ(check_domain("contoso.edu."), domain_problem::trailing_dot);
}

// The rule of docs/rules.md invalid-domain, written plainly: check_domain's fast paths (bit masks
// over 8-63 bytes, a table-driven pass otherwise) must accept exactly these names.
bool is_dns_name_by_labels(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t labels = 0;
  for (std::size_t start = 0;; ++labels) {
    const std::size_t dot = std::min(s.find('.', start), s.size());
    const std::string_view label = s.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (const char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    if (dot == s.size()) return labels + 1 >= 2;
    start = dot + 1;
  }
}

TEST(TextRules, DomainFastPathsAgreeWithTheRule) {
  // Every byte value at every position of names of 3 to 70 bytes (both sides of 8, 16, 63).
  for (std::size_t n = 3; n <= 70; ++n) {
    std::string base(n, 'a');
    base[n / 2] = '.';
    for (std::size_t at = 0; at < n; ++at)
      for (int b = 0; b < 256; ++b) {
        std::string s = base;
        s[at] = static_cast<char>(b);
        EXPECT_EQ(check_domain(s) == domain_problem::none, is_dns_name_by_labels(s))
            << "byte " << b << " at " << at << " of " << n;
      }
  }
  // Names from a small alphabet, a fixed sequence: dots and hyphens next to each other and at the
  // edges of every block.
  static constexpr char alphabet[] = {'a', 'Z', '0', '-', '.', '_', '\xc3'};
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  for (int round = 0; round < 200000; ++round) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const std::size_t n = 1 + (state >> 33) % 70;
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const std::uint64_t pick = (state >> 40) % 16;
      s += pick < 7 ? alphabet[pick] : 'a' + static_cast<char>(pick);
    }
    EXPECT_EQ(check_domain(s) == domain_problem::none, is_dns_name_by_labels(s)) << s;
  }
}

TEST(TextRules, Url) {
  EXPECT_EQ(check_url("https://sis.contoso.edu/path").problem, url_problem::none);
  EXPECT_TRUE(check_url("http://sis.contoso.edu").insecure);
  EXPECT_EQ(check_url("sis.contoso.edu").problem, url_problem::no_scheme);
  EXPECT_EQ(check_url("ftp://sis.contoso.edu").problem, url_problem::wrong_scheme);
  EXPECT_EQ(check_url("https:///path").problem, url_problem::no_host);
  EXPECT_EQ(check_url("https://sis contoso.edu").problem, url_problem::bad_character);
}

TEST(TextRules, Dates) {
  EXPECT_TRUE(parse_edm_date("2026-12-31"));
  EXPECT_FALSE(parse_edm_date("2026-02-30"));
  EXPECT_TRUE(parse_edm_date("2024-02-29"));
  EXPECT_FALSE(parse_edm_date("2025-02-29"));
  EXPECT_FALSE(parse_edm_date("2026-12-31T00:00:00Z"));
  EXPECT_EQ(parse_date_time_offset("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_date_time_offset("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(parse_date_time_offset("1970-01-01T00:00:00.999Z"), 0);
  EXPECT_FALSE(parse_date_time_offset("09/01/2025"));
  EXPECT_FALSE(parse_date_time_offset("2026-09-01"));
  EXPECT_FALSE(parse_date_time_offset("2026-09-01T00:00:00"));
  EXPECT_EQ(suggest_date_time("09/01/2025")->view(), "2025-09-01T00:00:00Z");
  EXPECT_EQ(suggest_date_time("2026-09-01")->view(), "2026-09-01T00:00:00Z");
  EXPECT_EQ(suggest_date_time("2026-09-01 08:00:00")->view(), "2026-09-01T08:00:00Z");
  EXPECT_FALSE(suggest_date_time("13/45/2025"));
  const civil_date d = add_months({2025, 6, 1}, 18);
  EXPECT_EQ(d.year, 2026);
  EXPECT_EQ(d.month, 12u);
  EXPECT_EQ(add_months({2025, 8, 31}, 18).day, 28u);  // February 2027
}

TEST(TextRules, BlankAndSerializedText) {
  EXPECT_TRUE(is_blank(" \t "));
  EXPECT_TRUE(is_blank("\xc2\xa0"));  // no-break space
  EXPECT_FALSE(is_blank(" a "));
  EXPECT_TRUE(is_serialized_object_text("System.Collections.Hashtable"));
  EXPECT_TRUE(is_serialized_object_text("System.Object[]"));
  EXPECT_TRUE(is_serialized_object_text("@{appliesTo=student; name=contoso.edu}"));
  EXPECT_FALSE(is_serialized_object_text("System is down"));
}

TEST(TextRules, NearestName) {
  const std::string_view names[] = {"Middle Name", "Birthdate", "Graduation Year"};
  EXPECT_EQ(nearest_name("middleName", names), "Middle Name");
  EXPECT_EQ(nearest_name("Birth Date", names), "Birthdate");
  EXPECT_EQ(nearest_name("Graduation_Year", names), "Graduation Year");
  EXPECT_EQ(nearest_name("Shoe Size", names), std::nullopt);
  EXPECT_TRUE(folded_ends_with("Secondary Email", "email"));
  EXPECT_FALSE(folded_ends_with("Secondary Email", "mail box"));
  EXPECT_TRUE(folded_equal("Graduation_Year", "graduation year"));
  EXPECT_EQ(edit_distance("educationSynchronizationOAuth2ClientCredentialsConnectionSettings",
                          "EDUCATIONSYNCHRONIZATIONOAUTH2CLIENTCREDENTIALSCONNECTIONSETTING", 5, true),
            1u);
}

}  // namespace
}  // namespace sdsprofile::detail

namespace sdsprofile::detail {
namespace {

TEST(TextRules, UrlForms) {
  EXPECT_EQ(check_url("https://user:pw@sis.contoso.edu:8443/ims/oneroster/v1p1?x=1#f").problem, url_problem::none);
  EXPECT_EQ(check_url("HTTPS://SIS.CONTOSO.EDU").problem, url_problem::none);
  EXPECT_EQ(check_url("https://[2001:db8::1]:443/").problem, url_problem::none);
  EXPECT_EQ(check_url("https://[]/").problem, url_problem::no_host);
  EXPECT_EQ(check_url("https://sis.contoso.edu:80a/").problem, url_problem::bad_character);
  EXPECT_EQ(check_url("https://:443/").problem, url_problem::no_host);
  EXPECT_EQ(check_url("https://user@/").problem, url_problem::no_host);
  EXPECT_EQ(check_url("https:/sis.contoso.edu").problem, url_problem::no_scheme);
  EXPECT_EQ(check_url("://sis").problem, url_problem::no_scheme);
  EXPECT_EQ(check_url("mailto://x").problem, url_problem::wrong_scheme);
  EXPECT_EQ(check_url("https://sis.contoso.edu/a b").problem, url_problem::bad_character);
  EXPECT_FALSE(check_url("https://sis.contoso.edu").insecure);
  EXPECT_TRUE(check_url("HTTP://sis.contoso.edu").insecure);
  EXPECT_FALSE(check_url("http://").insecure);  // invalid, so not also insecure
}

TEST(TextRules, GuidEveryPosition) {
  const std::string good = "0123456789abcdefABCDEF0123456789abcd";
  std::string g = good.substr(0, 8) + "-" + good.substr(8, 4) + "-" + good.substr(12, 4) + "-" + good.substr(16, 4) +
                  "-" + good.substr(20, 12);
  ASSERT_TRUE(is_guid(g));
  for (std::size_t i = 0; i < g.size(); ++i) {
    std::string bad = g;
    bad[i] = bad[i] == '-' ? 'a' : 'g';
    EXPECT_FALSE(is_guid(bad)) << i;
  }
}

}  // namespace
}  // namespace sdsprofile::detail

namespace {

// guid_bits accepts exactly what is_guid accepts (every byte value at every position of a GUID)
// and gives the digits' value whatever the case of the letters.
TEST(TextRules, GuidBitsAgreeWithIsGuid) {
  using sdsprofile::detail::guid_bits;
  using sdsprofile::detail::is_guid;
  std::uint64_t hi = 0, lo = 0;
  ASSERT_TRUE(guid_bits("6fd2c87f-b296-42f0-b197-1e91e994b900", hi, lo));
  EXPECT_EQ(hi, 0x6fd2c87fb29642f0ull);
  EXPECT_EQ(lo, 0xb1971e91e994b900ull);
  ASSERT_TRUE(guid_bits("6FD2C87F-B296-42F0-B197-1E91E994B900", hi, lo));
  EXPECT_EQ(hi, 0x6fd2c87fb29642f0ull);
  EXPECT_EQ(lo, 0xb1971e91e994b900ull);
  ASSERT_TRUE(guid_bits("00000000-0000-0000-0000-000000000000", hi, lo));
  EXPECT_EQ(hi | lo, 0u);
  const std::string base = "0123abcd-ABCD-89ef-FEDC-ba9876543210";
  for (std::size_t at = 0; at < base.size(); ++at)
    for (int b = 0; b < 256; ++b) {
      std::string s = base;
      s[at] = static_cast<char>(b);
      EXPECT_EQ(guid_bits(s, hi, lo), is_guid(s)) << "byte " << b << " at " << at;
      std::uint64_t portable_hi = 0, portable_lo = 0;
      EXPECT_EQ(sdsprofile::detail::guid_bits_portable(s, portable_hi, portable_lo), is_guid(s))
          << "byte " << b << " at " << at;
      if (is_guid(s)) {
        EXPECT_EQ(hi, portable_hi) << "byte " << b << " at " << at;
        EXPECT_EQ(lo, portable_lo) << "byte " << b << " at " << at;
      }
    }
  EXPECT_FALSE(guid_bits(base.substr(1), hi, lo));
  EXPECT_FALSE(guid_bits(base + "0", hi, lo));
}

}  // namespace
