// Pure string predicates behind the value rules of docs/rules.md. No allocation except where a hint
// is built (error path only).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sdsprofile::detail {

/// ASCII-only case-insensitive equality (names of the model are ASCII).
bool iequals(std::string_view a, std::string_view b) noexcept;
/// Edit distance (insert, delete, substitute), capped: returns cap + 1 when larger (and for
/// strings longer than 128 bytes). `ignore_case`: ASCII letters compare case-insensitively.
unsigned edit_distance(std::string_view a, std::string_view b, unsigned cap, bool ignore_case = false) noexcept;
/// Whether `a` and `b` are the same name ignoring case, ' ', '_' and '-' ("Graduation_Year" and
/// "graduation year").
bool folded_equal(std::string_view a, std::string_view b) noexcept;
/// Whether `s` ends with `suffix`, both compared ignoring case, ' ', '_' and '-'.
bool folded_ends_with(std::string_view s, std::string_view suffix) noexcept;
/// Nearest candidate for a mistyped name: same letters ignoring case, spaces, '_' and '-', or
/// edit distance <= max_distance and at most a third of the longer of the two names, so that a
/// short word is not "near" everything as short ("x" and "ab" are not `id`) (ties: the first in
/// list order). nullopt when none is near. `name_of` maps a candidate to its name. Allocates
/// nothing.
template <typename Range, typename NameOf>
std::optional<std::string_view> nearest_name(std::string_view wrong, const Range& candidates, NameOf name_of,
                                             unsigned max_distance = 2) {
  for (const auto& c : candidates)
    if (folded_equal(name_of(c), wrong)) return name_of(c);
  std::optional<std::string_view> best;
  unsigned best_distance = max_distance + 1;
  for (const auto& c : candidates) {
    const std::string_view name = name_of(c);
    const unsigned d = edit_distance(wrong, name, max_distance);
    if (d < best_distance && std::size_t{d} * 3 <= std::max(wrong.size(), name.size())) {
      best_distance = d;
      best = name;
    }
  }
  return best;
}
inline std::optional<std::string_view> nearest_name(std::string_view wrong,
                                                    std::span<const std::string_view> candidates,
                                                    unsigned max_distance = 2) {
  return nearest_name(
      wrong, candidates, [](std::string_view c) { return c; }, max_distance);
}

/// A short text built without allocation (hints).
struct short_text {
  std::array<char, 64> data{};
  std::size_t size = 0;
  [[nodiscard]] std::string_view view() const noexcept { return {data.data(), size}; }
  void append(std::string_view s) noexcept {
    for (char c : s)
      if (size < data.size()) data[size++] = c;
  }
};

/// Length in bytes of the Unicode White_Space character at s[i] (i < s.size()), or 0 when there is
/// none.
std::size_t white_space_at(std::string_view s, std::size_t i) noexcept;
/// `s` without the Unicode White_Space at its start and end (the characters is_blank counts).
std::string_view trim_white_space(std::string_view s) noexcept;
/// Empty or only Unicode White_Space (what .NET's string.IsNullOrWhiteSpace treats as blank).
bool is_blank(std::string_view s) noexcept;

/// RFC 4122 textual form 8-4-4-4-12 hexadecimal digits, either case (docs/rules.md invalid-guid).
bool is_guid(std::string_view s) noexcept;
/// Whether `s` is a GUID as is_guid says, and if so its 128 bits (big-endian order of the digits:
/// `hi` the first 16, `lo` the last 16), so that GUIDs compare by value whatever the case of
/// their letters. With SSE2 the 32 digits are decoded sixteen at a time, else eight at a time
/// (guid_bits_portable).
bool guid_bits(std::string_view s, std::uint64_t& hi, std::uint64_t& lo) noexcept;
/// guid_bits without SIMD: the same answer on every input (tests compare the two).
bool guid_bits_portable(std::string_view s, std::uint64_t& hi, std::uint64_t& lo) noexcept;
/// The all-zero GUID (docs/rules.md nil-guid); `s` must satisfy is_guid.
bool is_nil_guid(std::string_view s) noexcept;
/// The bare lower-case GUID recovered from braces, parentheses, "urn:uuid:", surrounding white
/// space or missing hyphens; nullopt when no GUID can be recovered.
std::optional<short_text> recover_guid(std::string_view s) noexcept;

/// Why a string is not a DNS name (docs/rules.md invalid-domain: RFC 1123 labels of 1-63 letters,
/// digits and hyphens, not starting or ending with a hyphen, total <= 253, at least two labels).
enum class domain_problem : std::uint8_t {
  none,
  empty_label,
  label_too_long,
  bad_character,
  hyphen_at_edge,
  too_long,
  single_label,
  leading_at,
  trailing_dot,
  surrounding_space,
  non_ascii,
};
domain_problem check_domain(std::string_view s) noexcept;

/// Why a string is not an absolute http(s) URL (docs/rules.md invalid-url).
enum class url_problem : std::uint8_t { none, no_scheme, wrong_scheme, no_host, bad_character };
struct url_check {
  url_problem problem = url_problem::none;
  bool insecure = false;  ///< scheme is http (valid but credentials travel in clear)
};
url_check check_url(std::string_view s) noexcept;

/// A civil date (proleptic Gregorian).
struct civil_date {
  int year = 1;
  unsigned month = 1, day = 1;
};
/// Days since 1970-01-01 of a civil date (negative before).
std::int64_t days_from_civil(civil_date d) noexcept;
/// Day count since 1970-01-01 of a Unix time in seconds (floor division: correct before 1970).
constexpr std::int64_t days_from_seconds(std::int64_t seconds) noexcept {
  return seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
}
/// Civil date of a day count since 1970-01-01.
civil_date civil_from_days(std::int64_t days) noexcept;
/// `d` plus `months` calendar months, the day clamped to the month's length.
civil_date add_months(civil_date d, int months) noexcept;

/// Edm.Date: exactly "YYYY-MM-DD" naming a real date (docs/rules.md invalid-date).
std::optional<civil_date> parse_edm_date(std::string_view s) noexcept;
/// Edm.DateTimeOffset: RFC 3339 date-time with 'Z' or a numeric offset; seconds since
/// 1970-01-01T00:00:00Z (fraction truncated). docs/rules.md invalid-datetime.
std::optional<std::int64_t> parse_date_time_offset(std::string_view s) noexcept;
/// Seconds of the "not set" sentinel 0001-01-01T00:00:00Z (.NET DateTime.MinValue).
std::int64_t sentinel_seconds() noexcept;
/// A corrected RFC 3339 value for a near miss (date-only, MM/DD/YYYY, space for 'T', missing
/// offset); nullopt when nothing sensible can be suggested.
std::optional<short_text> suggest_date_time(std::string_view s) noexcept;

/// A PowerShell type name written where an object or an array was meant
/// ("System.Collections.Hashtable", "System.Object[]", "@{a=1; b=2}"): docs/rules.md
/// serialized-object-text.
bool is_serialized_object_text(std::string_view s) noexcept;

}  // namespace sdsprofile::detail
