#include "csv/values.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include "word_loads.hpp"

namespace sdsprofile::csv {
namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

unsigned number(std::string_view digits) noexcept {
  unsigned n = 0;
  for (const char c : digits) n = n * 10 + static_cast<unsigned>(c - '0');
  return n;
}

// The date with these parts when it is a real one of the proleptic Gregorian calendar, years 1 to
// 9999.
std::optional<detail::civil_date> real_date(unsigned year, unsigned month, unsigned day) noexcept {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > days[month - 1] + (month == 2 && leap ? 1 : 0)) return std::nullopt;
  return detail::civil_date{static_cast<int>(year), month, day};
}

// Splits `s` at `separator` into exactly three parts of digits; false otherwise.
bool three_parts(std::string_view s, char separator, std::string_view (&parts)[3]) noexcept {
  for (int i = 0; i < 3; ++i) {
    const std::size_t at = i < 2 ? s.find(separator) : s.size();
    if (at == std::string_view::npos) return false;
    parts[i] = s.substr(0, at);
    if (!all_digits(parts[i])) return false;
    s.remove_prefix(i < 2 ? at + 1 : at);
  }
  return true;
}

// A near miss of an ISO date, for the hint of csv-invalid-date: year first with '-', '/' or '.'
// between parts of one or two digits (2010-4-2, 2025/09/01), or a date-time (2025-09-01T08:00:00).
std::optional<detail::civil_date> near_iso(std::string_view s) noexcept {
  if (s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) s = s.substr(0, 10);
  for (const char separator : {'-', '/', '.'}) {
    std::string_view parts[3];
    if (!three_parts(s, separator, parts) || parts[0].size() != 4 || parts[1].size() > 2 || parts[2].size() > 2)
      continue;
    return real_date(number(parts[0]), number(parts[1]), number(parts[2]));
  }
  return std::nullopt;
}

// Whether the 8 digit places of a YYYY-MM-DD value (10 bytes) hold digits.
bool iso_digits(std::string_view s) noexcept {
  bool digits = true;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) digits &= is_digit(s[i]);
  return digits;
}

}  // namespace

std::size_t code_points(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool has_surrounding_space(std::string_view s) noexcept {
  if (s.empty()) return false;
  const auto first = static_cast<unsigned char>(s.front());
  const auto last = static_cast<unsigned char>(s.back());
  // White space is ASCII 0x09-0x0D and ' ', or starts with 0xC2, 0xE1, 0xE2 or 0xE3 (and ends
  // with a continuation byte): anything else at both ends needs no closer look.
  const bool first_may = first <= ' ' || first == 0xC2 || (first >= 0xE1 && first <= 0xE3);
  const bool last_may = last <= ' ' || last >= 0x80;
  if (!first_may && !last_may) return false;
  return detail::trim_white_space(s).size() != s.size();
}

namespace {

// Whether every byte of `s` (4 bytes or more) is printable ASCII other than the space, read 8
// bytes at a time (the last word overlaps the one before it).
bool all_printable(std::string_view s) noexcept { return detail::no_word_has(s, any_outside_printable); }

}  // namespace

std::size_t id_format_problem_slow(std::string_view s) noexcept {
  if (s.size() >= 4 && all_printable(s)) return std::string_view::npos;  // 8 bytes at a time
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c > ' ' && c < 0x7F) continue;  // the common case: printable ASCII
    if (c <= ' ' || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return i;  // C1
    if (detail::white_space_at(s, i) != 0) return i;
  }
  return std::string_view::npos;
}

alias_check check_section_alias(std::string_view s, const rule_figures& f) noexcept {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return {alias_problem::non_ascii, 0};
    if (f.section_alias_forbidden_bytes[static_cast<unsigned char>(c)]) return {alias_problem::character, c};
  }
  if (s.size() > f.section_alias_max_bytes) return {alias_problem::too_long, 0};
  return {};
}

char special_character(std::string_view s, const rule_figures& f) noexcept {
  for (const char c : s)
    if (f.special_character_bytes[static_cast<unsigned char>(c)]) return c;
  return 0;
}

std::optional<detail::civil_date> iso_dashes_date(std::string_view s) noexcept {
  if (s.size() != 10) return std::nullopt;
  if constexpr (std::endian::native == std::endian::little) {
    // Bytes 0-7 (YYYY-MM-) and 2-9 (YY-MM-DD) as two words: the dashes and the digits of each.
    const std::uint64_t head = detail::load8(s.data()), tail = detail::load8(s.data() + 2);
    constexpr std::uint64_t dashes = 0xFF0000FF00000000ULL, dash_bytes = 0x2D00002D00000000ULL;
    if ((head & dashes) != dash_bytes || !digits_in(head, 0x00FFFF00FFFFFFFFULL) ||
        !digits_in(tail, 0xFFFF000000000000ULL))
      return std::nullopt;
  } else if (s[4] != '-' || s[7] != '-' || !iso_digits(s)) {
    return std::nullopt;
  }
  const auto digit = [s](std::size_t i) { return static_cast<unsigned>(s[i] - '0'); };
  const unsigned year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return real_date(year, digit(5) * 10 + digit(6), digit(8) * 10 + digit(9));
}

date_check check_date(std::string_view s) noexcept {
  date_check out;
  std::string_view parts[3];
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && iso_digits(s)) {
    if (auto d = iso_dashes_date(s)) out.date = csv_date{date_form::iso_dashes, *d};
  } else if (s.size() == 8 && all_digits(s)) {
    if (auto d = real_date(number(s.substr(0, 4)), number(s.substr(4, 2)), number(s.substr(6, 2))))
      out.date = csv_date{date_form::iso_compact, *d};
  } else if (three_parts(s, '/', parts) && parts[0].size() <= 2 && parts[1].size() <= 2 && parts[2].size() == 4) {
    if (auto d = real_date(number(parts[2]), number(parts[0]), number(parts[1])))
      out.date = csv_date{date_form::month_day_year, *d};
  }
  if (!out.date) out.suggestion = near_iso(s);
  return out;
}

bool before(const detail::civil_date& a, const detail::civil_date& b) noexcept {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

bool is_email(std::string_view s) noexcept {
  const std::size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  if (id_format_problem(s.substr(0, at)) != std::string_view::npos) return false;
  return detail::check_domain(s.substr(at + 1)) == detail::domain_problem::none;
}

namespace {

// Whether one of the 8 bytes of `w` is '@' (a zero byte of w ^ '@'...: exact about whether one exists).
constexpr bool any_at_sign(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
  const std::uint64_t x = w ^ ones * '@';
  return ((x - ones) & ~x & high) != 0;
}

// Whether `local` (4 bytes or more) holds no '@', read 8 bytes at a time (the last word overlaps
// the one before it).
bool no_at_sign(std::string_view local) noexcept { return detail::no_word_has(local, any_at_sign); }

}  // namespace

bool email_rule::operator()(std::string_view s) {
  // The common case: `local@` and the last good domain, a local part of 4 bytes or more. The domain
  // holds no '@' (it passed), so the address has one '@' when the local part has none.
  const std::size_t domain_size = last_good_domain_.size();
  if (domain_size != 0 && s.size() >= domain_size + 5) {
    const std::size_t at = s.size() - domain_size - 1;
    const std::string_view local = s.substr(0, at);
    if (s[at] == '@' && s.substr(at + 1) == last_good_domain_ && no_at_sign(local))
      return id_format_problem(local) == std::string_view::npos;
  }
  const std::size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  const std::string_view domain = s.substr(at + 1);
  if (domain.find('@') != std::string_view::npos) return false;
  if (id_format_problem(s.substr(0, at)) != std::string_view::npos) return false;
  if (!domain.empty() && domain == last_good_domain_) return true;  // check_domain is a function of the domain alone
  if (detail::check_domain(domain) != detail::domain_problem::none) return false;
  last_good_domain_.assign(domain);
  return true;
}

upn_check check_upn(std::string_view username, std::string_view domain, const rule_figures& f) noexcept {
  for (std::size_t i = 0; i < username.size(); ++i) {
    const auto c = static_cast<unsigned char>(username[i]);
    if (c < 0x80 && f.upn_allowed[c]) continue;
    std::size_t n = 1;  // the whole character, for the message
    while (i + n < username.size() && (static_cast<unsigned char>(username[i + n]) & 0xC0) == 0x80) ++n;
    return {upn_problem::character, username.substr(i, n), 0};
  }
  // Only allowed characters, all ASCII: bytes are characters.
  if (username.ends_with('.')) return {upn_problem::trailing_dot, {}, 0};
  if (username.size() > f.max_username_characters) return {upn_problem::too_long, {}, username.size()};
  const std::size_t upn = username.size() + 1 + code_points(domain);
  if (!domain.empty() && upn > f.max_upn_characters) return {upn_problem::upn_too_long, {}, upn};
  return {};
}

password_check check_password(std::string_view s, const rule_figures& f) noexcept {
  bool lower = false, upper = false, digit = false, symbol = false;
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return {password_problem::non_ascii, 0};
    lower |= c >= 'a' && c <= 'z';
    upper |= c >= 'A' && c <= 'Z';
    digit |= is_digit(c);
    symbol |= (c >= ' ' && c < 0x7F) && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !is_digit(c);
  }
  if (s.size() < f.password_min) return {password_problem::too_short, s.size()};
  if (s.size() > f.password_max) return {password_problem::too_long, s.size()};
  const std::size_t classes = std::size_t{lower} + upper + digit + symbol;
  if (classes < f.password_min_classes) return {password_problem::classes, classes};
  return {};
}

}  // namespace sdsprofile::csv
