// The value predicates of the CSV catalogue (docs/csv-rules.md "Values" and "The folder against the
// profile"): pure functions of one cell's text, with the figures of csv/tables.hpp. Each answers
// with the first reason a value fails, or none; nothing allocates.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "csv/tables.hpp"
#include "text_rules.hpp"
#include "word_loads.hpp"

namespace sdsprofile::csv {

/// Characters, as the length rules count them: Unicode code points (UTF-8 is valid by then).
[[nodiscard]] std::size_t code_points(std::string_view s) noexcept;

/// Empty, or only white space (Unicode White_Space): csv-required-value-missing.
[[nodiscard]] inline bool is_blank(std::string_view s) noexcept { return s.empty() || detail::is_blank(s); }

/// White space (Unicode White_Space) at the start or the end of `s`: csv-whitespace.
[[nodiscard]] bool has_surrounding_space(std::string_view s) noexcept;

/// id_format_problem for a value that is not all printable ASCII or shorter than 4 bytes.
[[nodiscard]] std::size_t id_format_problem_slow(std::string_view s) noexcept;

/// Whether one of the 8 bytes of `w` is below '!' or above '~' (white space, a control character,
/// DEL, or a byte of a character that is not ASCII): the "has less" and "has more" tests of
/// byte-wise arithmetic, exact about whether such a byte exists.
[[nodiscard]] constexpr bool any_outside_printable(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  const std::uint64_t below = (w - ones * '!') & ~w & high;
  const std::uint64_t above = ((w + ones * (0x7F - '~')) | w) & high;
  return (below | above) != 0;
}

/// csv-id-format: white space or a control character (C0, DEL, C1) anywhere in `s`; the offset of
/// the first such character, or npos. Inline for the common case, a value of 4 to 16 printable
/// ASCII bytes (read as two words that may overlap); the rest is id_format_problem_slow's.
[[nodiscard]] inline std::size_t id_format_problem(std::string_view s) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n >= 8 && n <= 16) {
    if (!any_outside_printable(detail::load8(p)) && !any_outside_printable(detail::load8(p + n - 8)))
      return std::string_view::npos;
  } else if (n >= 4 && n < 8) {
    if (!any_outside_printable(detail::load4(p) | detail::load4(p + n - 4) << 32)) return std::string_view::npos;
  }
  return id_format_problem_slow(s);
}

/// csv-section-alias: why `Section_<s>` would be no valid mail alias.
enum class alias_problem : std::uint8_t { none, too_long, non_ascii, character };
struct alias_check {
  alias_problem problem = alias_problem::none;
  char character = 0;  ///< for alias_problem::character: the first forbidden character
};
[[nodiscard]] alias_check check_section_alias(std::string_view s, const rule_figures& f) noexcept;

/// csv-special-characters: the first character of f.special_characters in `s`, or 0.
[[nodiscard]] char special_character(std::string_view s, const rule_figures& f) noexcept;

/// A date of one of the three forms (docs/csv-rules.md "Decisions", "Values").
struct csv_date {
  date_form form = date_form::iso_dashes;
  detail::civil_date date;
};
/// What a date cell holds.
struct date_check {
  std::optional<csv_date> date;                  ///< a real date in one of the forms
  std::optional<detail::civil_date> suggestion;  ///< for an invalid value: the real date it was
                                                 ///< probably meant (2010-4-2, 2025/09/01, ...)
};
[[nodiscard]] date_check check_date(std::string_view s) noexcept;
/// The date `s` holds when it is a real date written YYYY-MM-DD (check_date's first form).
[[nodiscard]] std::optional<detail::civil_date> iso_dashes_date(std::string_view s) noexcept;
/// Whether the bytes of `w` where `lanes` has 0xFF are ASCII digits: a high nibble of 3 and a low
/// nibble that adding 6 does not carry out of.
[[nodiscard]] constexpr bool digits_in(std::uint64_t w, std::uint64_t lanes) noexcept {
  constexpr std::uint64_t high = 0xF0F0F0F0F0F0F0F0ULL, low = 0x0F0F0F0F0F0F0F0FULL;
  return (w & lanes & high) == (lanes & 0x3030303030303030ULL) &&
         (((w & lanes & low) + (lanes & 0x0606060606060606ULL)) & high) == 0;
}

/// Whether `s` is a real date written YYYY-MM-DD: iso_dashes_date(s).has_value(), inline for the
/// date columns' fast path (the dashes and digits tested as two words).
[[nodiscard]] inline bool is_iso_dashes_date(std::string_view s) noexcept {
  if constexpr (std::endian::native != std::endian::little) {
    return iso_dashes_date(s).has_value();
  } else {
    if (s.size() != 10) return false;
    // Bytes 0-7 (YYYY-MM-) and 2-9 (YY-MM-DD): the dashes and the digits of each.
    const std::uint64_t head = detail::load8(s.data()), tail = detail::load8(s.data() + 2);
    if ((head & 0xFF0000FF00000000ULL) != 0x2D00002D00000000ULL || !digits_in(head, 0x00FFFF00FFFFFFFFULL) ||
        !digits_in(tail, 0xFFFF000000000000ULL))
      return false;
    const auto digit = [s](std::size_t i) { return static_cast<unsigned>(s[i] - '0'); };
    const unsigned month = digit(5) * 10 + digit(6), day = digit(8) * 10 + digit(9);
    constexpr unsigned char days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // February: see below
    if (month - 1 >= 12 || day - 1 >= days[(month - 1) % 12]) return false;             // 0 wraps to a large number
    const unsigned year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    if (year == 0) return false;
    return month != 2 || day != 29 || (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }
}
/// Whether `a` is before `b`.
[[nodiscard]] bool before(const detail::civil_date& a, const detail::civil_date& b) noexcept;

/// csv-email-syntax: `local@domain`, one '@', a local part without white space or control
/// characters, and a domain that is a DNS name of at least two labels (detail::check_domain).
[[nodiscard]] bool is_email(std::string_view s) noexcept;

/// is_email for the cells of one file: the same answers, but the domain of the last address that
/// passed is kept, and an address with the same domain skips its check (a folder's addresses
/// share a few domains). One per thread; it allocates only when a longer domain passes.
class email_rule {
 public:
  /// is_email(s).
  [[nodiscard]] bool operator()(std::string_view s);

 private:
  std::string last_good_domain_;
};

/// csv-upn-invalid: why `username@domain` is no valid user principal name (a Username with '@'
/// is csv-username-has-domain instead, and is not asked here).
enum class upn_problem : std::uint8_t { none, character, trailing_dot, too_long, upn_too_long };
struct upn_check {
  upn_problem problem = upn_problem::none;
  std::string_view character;  ///< for upn_problem::character: the first character not allowed
  std::size_t length = 0;      ///< for the two lengths: characters of the Username or the UPN
};
[[nodiscard]] upn_check check_upn(std::string_view username, std::string_view domain, const rule_figures& f) noexcept;

/// csv-password-policy: why a non-empty password breaks the policy. Passwords are never quoted.
enum class password_problem : std::uint8_t { none, non_ascii, too_short, too_long, classes };
struct password_check {
  password_problem problem = password_problem::none;
  std::size_t count = 0;  ///< its length, or the classes it has
};
[[nodiscard]] password_check check_password(std::string_view s, const rule_figures& f) noexcept;

}  // namespace sdsprofile::csv
