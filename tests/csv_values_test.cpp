// Tests for the word-at-a-time value predicates of the CSV check (lib/src/csv/values.hpp) against
// byte-by-byte definitions: the ID format's inline common case, the YYYY-MM-DD fast test, and
// email_rule, which keeps the last good domain, against is_email.
#include "csv/values.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text_rules.hpp"

namespace {

using namespace sdsprofile::csv;

// csv-id-format a byte at a time (docs/csv-rules.md "Values"): the first white space or control
// character (C0, DEL, C1).
std::size_t id_format_by_bytes(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c > ' ' && c < 0x7F) continue;
    if (c <= ' ' || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return i;
    if (sdsprofile::detail::white_space_at(s, i) != 0) return i;
  }
  return std::string_view::npos;
}

TEST(CsvValues, IdFormatAgreesWithTheByteByByteDefinition) {
  const std::string base = "AbCdEfGhIjKlMnOpQrStU";  // 21 bytes: lengths 0 to 21 cover both words
  int checked = 0;
  for (std::size_t n = 0; n <= base.size(); ++n) {
    for (std::size_t at = 0; at < n; ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string s = base.substr(0, n);
        s[at] = static_cast<char>(byte);
        EXPECT_EQ(id_format_problem(s), id_format_by_bytes(s)) << n << ' ' << at << ' ' << byte;
        ++checked;
      }
    }
    EXPECT_EQ(id_format_problem(base.substr(0, n)), std::string_view::npos) << n;
  }
  EXPECT_EQ(id_format_problem("30000001\xC2\xA0"), 8U);  // a no-break space
  EXPECT_EQ(id_format_problem("ab\xE2\x80\x83"
                              "cdefgh"),
            2U);  // an em space
  EXPECT_EQ(checked, 231 * 256);
}

TEST(CsvValues, IsoDashesDateAgreesWithIsoDashesDate) {
  int real = 0;
  for (const char* year : {"0000", "0001", "1900", "2000", "2023", "2024", "2100", "9999"})
    for (int month = 0; month <= 13; ++month)
      for (int day = 0; day <= 32; ++day) {
        const std::string s = std::string(year) + '-' + static_cast<char>('0' + month / 10) +
                              static_cast<char>('0' + month % 10) + '-' + static_cast<char>('0' + day / 10) +
                              static_cast<char>('0' + day % 10);
        EXPECT_EQ(is_iso_dashes_date(s), iso_dashes_date(s).has_value()) << s;
        real += is_iso_dashes_date(s) ? 1 : 0;
      }
  EXPECT_EQ(real, 7 * 365 + 2);  // seven years from 1 to 9999, two of them leap (2000, 2024; not 1900, 2100)
  // Every byte of a real date replaced by every value, and the lengths around 10.
  const std::string date = "2024-02-29";
  for (std::size_t at = 0; at < date.size(); ++at)
    for (int byte = 0; byte < 256; ++byte) {
      std::string s = date;
      s[at] = static_cast<char>(byte);
      EXPECT_EQ(is_iso_dashes_date(s), iso_dashes_date(s).has_value()) << at << ' ' << byte;
    }
  EXPECT_FALSE(is_iso_dashes_date("2024-02-2"));
  EXPECT_FALSE(is_iso_dashes_date("2024-02-290"));
  EXPECT_FALSE(is_iso_dashes_date("2023-02-29"));
  EXPECT_TRUE(is_iso_dashes_date("2024-12-31"));
}

TEST(CsvValues, EmailRuleAgreesWithIsEmailWhateverDomainCameBefore) {
  const std::vector<std::string> addresses = {
      "etaylor30000001@mail.contoso.example",
      "etaylor30000002@mail.contoso.example",
      "a@mail.contoso.example",     // a local part shorter than 4 bytes
      "abcd@mail.contoso.example",  // 4 bytes
      "a@b@mail.contoso.example",   // two '@', the second before the known domain
      "abcdefgh@b@mail.contoso.example",
      "@mail.contoso.example",       // no local part
      "ab cd@mail.contoso.example",  // white space in the local part
      "abcd\x01@mail.contoso.example",
      "first.last@mail.contoso.example",
      "first.last@other.example",  // another domain, which becomes the last good one
      "first.last@mail.contoso.example",
      "first.last@",         // an empty domain
      "first.last@contoso",  // one label
      "x@contoso",
      "very.long.local.part.beyond.sixteen.bytes@other.example",
      "very.long.local@part.beyond@other.example",
      "nobody.example",
      "",
      "ab@other.example@",
      "abcdefgh@-other.example",
      "abcdefgh@other.example.",
  };
  email_rule rule;
  for (int round = 0; round < 2; ++round)  // the second round starts with a domain kept
    for (const std::string& a : addresses) EXPECT_EQ(rule(a), is_email(a)) << a;
  // Every byte of an address replaced by each of a few bytes, after a good address of its domain.
  const std::string good = "principal100001@mail.contoso.example";
  for (std::size_t at = 0; at < good.size(); ++at)
    for (const char byte : {'@', ' ', '.', '-', 'A', '\t', '\x7F', '\xC2', ','}) {
      std::string s = good;
      s[at] = byte;
      EXPECT_TRUE(rule(good));
      EXPECT_EQ(rule(s), is_email(s)) << s;
    }
}

}  // namespace
