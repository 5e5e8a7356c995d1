#include "text_rules.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

#include "word_loads.hpp"

namespace sdsprofile::detail {
namespace {

constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

unsigned two_digits(std::string_view s, std::size_t at) noexcept {
  return static_cast<unsigned>((s[at] - '0') * 10 + (s[at + 1] - '0'));
}
bool digits(std::string_view s, std::size_t at, std::size_t n) noexcept {
  if (at + n > s.size()) return false;
  for (std::size_t i = at; i < at + n; ++i)
    if (!is_digit(s[i])) return false;
  return true;
}
bool leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned month_length(int y, unsigned m) noexcept {
  static constexpr std::array<unsigned, 12> len = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : len[m - 1];
}
// "YYYY-MM-DD" at the start of s, as a real date.
std::optional<civil_date> date_prefix(std::string_view s) noexcept {
  if (s.size() < 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2))
    return std::nullopt;
  civil_date d{static_cast<int>(two_digits(s, 0) * 100 + two_digits(s, 2)), two_digits(s, 5), two_digits(s, 8)};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > month_length(d.year, d.month))
    return std::nullopt;
  return d;
}

}  // namespace

std::size_t white_space_at(std::string_view s, std::size_t i) noexcept {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const std::size_t left = s.size() - i;
  const unsigned char c = b(0);
  if (c == ' ' || (c >= 0x09 && c <= 0x0d)) return 1;
  if (left >= 2 && c == 0xc2 && (b(1) == 0x85 || b(1) == 0xa0)) return 2;  // U+0085, U+00A0
  if (left >= 3 && c == 0xe1 && b(1) == 0x9a && b(2) == 0x80) return 3;    // U+1680
  if (left >= 3 && c == 0xe2 && b(1) == 0x80 &&
      ((b(2) >= 0x80 && b(2) <= 0x8a) || b(2) == 0xa8 || b(2) == 0xa9 || b(2) == 0xaf))
    return 3;                                                            // U+2000..200A, U+2028, U+2029, U+202F
  if (left >= 3 && c == 0xe2 && b(1) == 0x81 && b(2) == 0x9f) return 3;  // U+205F
  if (left >= 3 && c == 0xe3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  return 0;
}

// Eight bytes at a time: two bytes equal ignoring ASCII case are equal or differ in bit 0x20 only,
// so a word whose bytes differ in any other bit rejects at once (most names differ early). A byte
// that differs in 0x20 only must then be a letter: each such byte is looked at, the others not.
bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  const std::size_t n = a.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t diff = load8(a.data() + i) ^ load8(b.data() + i);
    if ((diff & ~0x2020202020202020ull) != 0) return false;
    for (std::uint64_t case_bits = diff; case_bits != 0; case_bits &= case_bits - 1) {
      const char c = static_cast<char>(a[i + static_cast<std::size_t>(std::countr_zero(case_bits)) / 8] | 0x20);
      if (c < 'a' || c > 'z') return false;
    }
  }
  for (; i < n; ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

unsigned edit_distance(std::string_view a, std::string_view b, unsigned cap, bool ignore_case) noexcept {
  const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > cap) return cap + 1;
  if (b.size() > 128) return cap + 1;  // names are short; longer strings are never "near"
  std::array<unsigned, 129> row{};
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    unsigned diag = row[0];
    row[0] = static_cast<unsigned>(i);
    unsigned best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const unsigned up = row[j];
      const bool same = ignore_case ? lower(a[i - 1]) == lower(b[j - 1]) : a[i - 1] == b[j - 1];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0u : 1u)});
      diag = up;
      best = std::min(best, row[j]);
    }
    if (best > cap) return cap + 1;
  }
  return std::min(row[b.size()], cap + 1);
}

namespace {
constexpr bool folded_skip(char c) noexcept { return c == ' ' || c == '_' || c == '-'; }
}  // namespace

bool folded_equal(std::string_view a, std::string_view b) noexcept {
  std::size_t i = 0, j = 0;
  while (true) {
    while (i < a.size() && folded_skip(a[i])) ++i;
    while (j < b.size() && folded_skip(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (lower(a[i]) != lower(b[j])) return false;
    ++i;
    ++j;
  }
}

bool folded_ends_with(std::string_view s, std::string_view suffix) noexcept {
  std::size_t i = s.size(), j = suffix.size();
  bool any = false;
  while (true) {
    while (i > 0 && folded_skip(s[i - 1])) --i;
    while (j > 0 && folded_skip(suffix[j - 1])) --j;
    if (j == 0) return any;
    if (i == 0 || lower(s[i - 1]) != lower(suffix[j - 1])) return false;
    --i;
    --j;
    any = true;
  }
}

namespace {
// Whether the last character of `s` is Unicode White_Space (a 1, 2 or 3-byte sequence).
bool ends_with_white_space(std::string_view s) noexcept {
  for (std::size_t k = 1; k <= 3 && k <= s.size(); ++k)
    if (white_space_at(s, s.size() - k) == k) return true;
  return false;
}
}  // namespace

std::string_view trim_white_space(std::string_view s) noexcept {
  std::size_t begin = 0;
  while (begin < s.size()) {
    const std::size_t n = white_space_at(s, begin);
    if (n == 0) break;
    begin += n;
  }
  std::size_t end = begin;  // just past the last character that is not white space
  for (std::size_t i = begin; i < s.size();) {
    const std::size_t n = white_space_at(s, i);
    i += n != 0 ? n : 1;
    if (n == 0) end = i;
  }
  return s.substr(begin, end - begin);
}

bool is_blank(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = white_space_at(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool is_guid(std::string_view s) noexcept {
  // One table look-up per byte: bit 0 = hexadecimal digit.
  static constexpr auto hex_table = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = is_hex(static_cast<char>(c)) ? 1 : 0;
    return t;
  }();
  if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
  // The 32 digit positions as constants, so that the loop unrolls into plain table look-ups.
  static constexpr std::array<std::uint8_t, 32> digits = {0,  1,  2,  3,  4,  5,  6,  7,  9,  10, 11,
                                                          12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25,
                                                          26, 27, 28, 29, 30, 31, 32, 33, 34, 35};
  unsigned ok = 1;
  for (const std::uint8_t i : digits) ok &= hex_table[static_cast<unsigned char>(s[i])];
  return ok != 0;
}

namespace {

constexpr std::uint64_t k_high_bits = 0x8080808080808080ull;
constexpr std::uint64_t bytes_of(unsigned char c) noexcept { return 0x0101010101010101ull * c; }

// The high bit of each byte of `v` (every byte below 0x80) that is at least `c`.
constexpr std::uint64_t at_least(std::uint64_t v, unsigned char c) noexcept {
  return ((v | k_high_bits) - bytes_of(c)) & k_high_bits;
}

// Eight ASCII hexadecimal digits (the first in the lowest byte) to their 32-bit value, a word at a
// time; false when a byte is no such digit.
bool hex_word(std::uint64_t x, std::uint32_t& value) noexcept {
  if (x & k_high_bits) return false;
  const std::uint64_t digit = at_least(x, '0') & ~at_least(x, '9' + 1);
  const std::uint64_t lower = x | bytes_of(0x20);  // 'A'-'F' to 'a'-'f' (and nothing else there)
  const std::uint64_t letter = at_least(lower, 'a') & ~at_least(lower, 'f' + 1);
  if ((digit | letter) != k_high_bits) return false;
  std::uint64_t n = (x & bytes_of(0x0f)) + (letter >> 7) * 9;                    // a nibble per byte
  n = ((n & 0x0F000F000F000F00ull) >> 8) | ((n & 0x000F000F000F000Full) << 4);   // 4 bytes: 2 digits each
  n = ((n & 0x000000FF000000FFull) << 8) | ((n & 0x00FF000000FF0000ull) >> 16);  // 2 words: 4 digits each
  value = static_cast<std::uint32_t>(((n & 0xFFFF) << 16) | ((n >> 32) & 0xFFFF));
  return true;
}

}  // namespace

bool guid_bits_portable(std::string_view s, std::uint64_t& hi, std::uint64_t& lo) noexcept {
  if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
  // 8-4-4-4-12 as four words of eight digits: [0,8), [9,13)+[14,18), [19,23)+[24,28), [28,36).
  const char* p = s.data();
  std::uint32_t a, b, c, d;
  if (!hex_word(load8(p), a) || !hex_word(load4(p + 9) | load4(p + 14) << 32, b) ||
      !hex_word(load4(p + 19) | load4(p + 24) << 32, c) || !hex_word(load8(p + 28), d))
    return false;
  hi = static_cast<std::uint64_t>(a) << 32 | b;
  lo = static_cast<std::uint64_t>(c) << 32 | d;
  return true;
}

#if defined(__SSE2__) && defined(__x86_64__)
namespace {

// Sixteen ASCII hexadecimal digits to their eight bytes (the first digit the high nibble of the
// first byte, in the low 64 bits of the result's 16-bit lanes packed later); `ok` gets the
// movemask of the bytes that are digits.
__m128i hex_nibbles(__m128i x, int& ok) noexcept {
  const __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
  const __m128i letter =
      _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('f' + 1)));
  ok = _mm_movemask_epi8(_mm_or_si128(digit, letter));
  const __m128i nibble = _mm_add_epi8(_mm_and_si128(x, _mm_set1_epi8(0x0f)), _mm_and_si128(letter, _mm_set1_epi8(9)));
  // Lane k holds digits 2k (low byte) and 2k+1: byte = first << 4 | second.
  return _mm_or_si128(_mm_and_si128(_mm_slli_epi16(nibble, 4), _mm_set1_epi16(0x00f0)), _mm_srli_epi16(nibble, 8));
}

}  // namespace

// The 32 digits as two vectors of sixteen, classified and decoded sixteen at a time.
bool guid_bits(std::string_view s, std::uint64_t& hi, std::uint64_t& lo) noexcept {
  if (s.size() != 36) return false;
  const char* p = s.data();
  const std::uint32_t hyphens = static_cast<std::uint32_t>(static_cast<unsigned char>(p[8])) |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(p[13])) << 8 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(p[18])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(p[23])) << 24;
  if (hyphens != 0x2d2d2d2du) return false;
  const auto first = static_cast<long long>(load8(p));
  const auto second = static_cast<long long>(load4(p + 9) | load4(p + 14) << 32);
  const auto third = static_cast<long long>(load4(p + 19) | load4(p + 24) << 32);
  const auto fourth = static_cast<long long>(load8(p + 28));
  int ok_high = 0, ok_low = 0;
  const __m128i high = hex_nibbles(_mm_set_epi64x(second, first), ok_high);
  const __m128i low = hex_nibbles(_mm_set_epi64x(fourth, third), ok_low);
  if ((ok_high & ok_low) != 0xffff) return false;
  const __m128i bytes = _mm_packus_epi16(high, low);  // the 16 bytes in the digits' order
  hi = __builtin_bswap64(static_cast<std::uint64_t>(_mm_cvtsi128_si64(bytes)));
  lo = __builtin_bswap64(static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(bytes, bytes))));
  return true;
}
#else
bool guid_bits(std::string_view s, std::uint64_t& hi, std::uint64_t& lo) noexcept {
  return guid_bits_portable(s, hi, lo);
}
#endif

bool is_nil_guid(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '0' || c == '-'; });
}

std::optional<short_text> recover_guid(std::string_view s) noexcept {
  auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
  };
  s = trim(s);
  if (s.size() >= 9 && iequals(s.substr(0, 9), "urn:uuid:")) s.remove_prefix(9);
  if (s.size() >= 2 && ((s.front() == '{' && s.back() == '}') || (s.front() == '(' && s.back() == ')')))
    s = trim(s.substr(1, s.size() - 2));
  std::array<char, 32> hex{};
  std::size_t n = 0;
  for (char c : s) {
    if (is_hex(c)) {
      if (n == hex.size()) return std::nullopt;
      hex[n++] = lower(c);
    } else if (c != '-') {
      return std::nullopt;
    }
  }
  if (n != hex.size()) return std::nullopt;
  short_text out;  // 8-4-4-4-12
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out.data[out.size++] = '-';
    out.data[out.size++] = hex[i];
  }
  return out;
}

namespace {

// Why `s` is not a DNS name (the first problem, in the order the catalogue's hints care about).
domain_problem domain_problem_of(std::string_view s) noexcept {
  if (!s.empty() && s.front() == '@') return domain_problem::leading_at;
  if (!s.empty() && (white_space_at(s, 0) != 0 || ends_with_white_space(s))) return domain_problem::surrounding_space;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return domain_problem::non_ascii;
  if (s.size() > 1 && s.back() == '.') return domain_problem::trailing_dot;
  std::size_t labels = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find('.', start);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view label = s.substr(start, end - start);
    if (label.empty()) return domain_problem::empty_label;
    if (label.size() > 63) return domain_problem::label_too_long;
    for (char c : label)
      if (!is_alpha(c) && !is_digit(c) && c != '-') return domain_problem::bad_character;
    if (label.front() == '-' || label.back() == '-') return domain_problem::hyphen_at_edge;
    ++labels;
    if (end == s.size()) break;
    start = end + 1;
  }
  if (s.size() > 253) return domain_problem::too_long;
  if (labels < 2) return domain_problem::single_label;
  return domain_problem::none;
}

}  // namespace

namespace {

// One table-driven pass over the bytes: whether `s` (1 to 253 bytes) is a DNS name.
bool is_dns_name_bytewise(std::string_view s) noexcept {
  enum : std::uint8_t { name_char, hyphen, dot, other };
  static constexpr auto classes = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
      const char ch = static_cast<char>(c);
      t[static_cast<std::size_t>(c)] = is_alpha(ch) || is_digit(ch) ? name_char
                                       : ch == '-'                  ? hyphen
                                       : ch == '.'                  ? dot
                                                                    : other;
    }
    return t;
  }();
  std::size_t labels = 1, length = 0;
  std::uint8_t previous = dot;
  for (const char c : s) {
    const std::uint8_t k = classes[static_cast<unsigned char>(c)];
    if (k == other || (k == hyphen && length == 0) || (k == dot && (length == 0 || length > 63 || previous == hyphen)))
      return false;
    if (k == dot) {
      ++labels;
      length = 0;
    } else {
      ++length;
    }
    previous = k;
  }
  return length != 0 && length <= 63 && previous != hyphen && labels >= 2;
}

#if defined(__SSE2__) && defined(__x86_64__)
// Bit i of each mask is byte i of a name: a letter or digit, a hyphen, a dot.
struct byte_masks {
  std::uint64_t name = 0, hyphen = 0, dot = 0;
};

// The masks of the 16 bytes of `x`, bit k of `low_half` for byte k < 8 and bit k - 8 shifted by
// `high_shift` for byte k >= 8, or-ed into `m` (overlapping blocks give the same bits twice).
void add_block(byte_masks& m, __m128i x, unsigned low_shift, unsigned high_shift) noexcept {
  const __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
  const __m128i letter =
      _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
  const auto place = [&](__m128i v) {
    const auto mask = static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(v)));
    return (mask & 0xff) << low_shift | (mask >> 8) << high_shift;
  };
  m.name |= place(_mm_or_si128(letter, digit));
  m.hyphen |= place(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')));
  m.dot |= place(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')));
}

// The masks of a name of 8 to 63 bytes; every load stays inside it.
byte_masks masks_of(const char* p, std::size_t n) noexcept {
  byte_masks m;
  if (n < 16) {  // two overlapping words
    add_block(m, _mm_set_epi64x(static_cast<long long>(load8(p + n - 8)), static_cast<long long>(load8(p))), 0,
              static_cast<unsigned>(n - 8));
    return m;
  }
  std::size_t at = 0;
  for (; at + 16 <= n; at += 16)
    add_block(m, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)), static_cast<unsigned>(at),
              static_cast<unsigned>(at + 8));
  if (at < n)  // the last 16 bytes, overlapping the block before
    add_block(m, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16)), static_cast<unsigned>(n - 16),
              static_cast<unsigned>(n - 8));
  return m;
}
#endif

}  // namespace

// Valid names are accepted on a fast path; only a name it does not accept is looked at again to
// say why (domain_problem_of). With SSE2, names of 8 to 63 bytes are classified sixteen bytes at
// a time into bit masks, and the label rules become a few mask operations.
domain_problem check_domain(std::string_view s) noexcept {
  if (s.empty() || s.size() > 253) return domain_problem_of(s);
#if defined(__SSE2__) && defined(__x86_64__)
  const std::size_t n = s.size();
  if (n >= 8 && n <= 63) {  // no label can be longer than 63 bytes
    const byte_masks m = masks_of(s.data(), n);
    const std::uint64_t all = (std::uint64_t{1} << n) - 1, last = std::uint64_t{1} << (n - 1);
    const std::uint64_t label_start = ((m.dot << 1) | 1) & all, label_end = (m.dot >> 1) | last;
    const bool valid = (m.name | m.hyphen | m.dot) == all && m.dot != 0 && ((m.dot | m.hyphen) & label_start) == 0 &&
                       (m.dot & last) == 0 && (m.hyphen & label_end) == 0;
    return valid ? domain_problem::none : domain_problem_of(s);
  }
#endif
  return is_dns_name_bytewise(s) ? domain_problem::none : domain_problem_of(s);
}

url_check check_url(std::string_view s) noexcept {
  // One pass: scheme, "://", authority (userinfo@host:port), then the rest; no white space,
  // control characters, backslashes, quotes or angle brackets anywhere.
  url_check r;
  std::size_t i = 0;
  while (i < s.size() && (is_alpha(s[i]) || (i > 0 && (is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))))
    ++i;
  if (i == 0 || s.size() < i + 3 || s[i] != ':' || s[i + 1] != '/' || s[i + 2] != '/') {
    r.problem = url_problem::no_scheme;
    return r;
  }
  const std::string_view scheme = s.substr(0, i);
  if (iequals(scheme, "http")) {
    r.insecure = true;
  } else if (!iequals(scheme, "https")) {
    r.problem = url_problem::wrong_scheme;
    return r;
  }
  i += 3;
  const std::size_t authority_begin = i;
  std::size_t authority_end = s.size();
  for (; i < s.size(); ++i) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '\\' || c == '"' || c == '<' || c == '>') {
      r.problem = url_problem::bad_character;
      r.insecure = false;
      return r;
    }
    if (authority_end == s.size() && (c == '/' || c == '?' || c == '#')) authority_end = i;
  }
  // authority = [userinfo "@"] host [":" port]; host may be an [IPv6] literal.
  std::string_view host = s.substr(authority_begin, authority_end - authority_begin);
  if (const std::size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  const std::size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos) {
    for (char c : host.substr(colon + 1))
      if (!is_digit(c)) {
        r.problem = url_problem::bad_character;
        r.insecure = false;
        return r;
      }
    host = host.substr(0, colon);
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) {
    r.problem = url_problem::no_host;
    r.insecure = false;
  }
  return r;
}

std::int64_t days_from_civil(civil_date d) noexcept {
  // Howard Hinnant's algorithm.
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

civil_date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const auto year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

civil_date add_months(civil_date d, int months) noexcept {
  const std::int64_t total = std::int64_t{d.year} * 12 + static_cast<std::int64_t>(d.month) - 1 + months;
  const std::int64_t year = total >= 0 ? total / 12 : (total - 11) / 12;  // floor division
  civil_date r{static_cast<int>(year), static_cast<unsigned>(total - year * 12) + 1, d.day};
  r.day = std::min(r.day, month_length(r.year, r.month));
  return r;
}

std::optional<civil_date> parse_edm_date(std::string_view s) noexcept {
  if (s.size() != 10) return std::nullopt;
  return date_prefix(s);
}

std::optional<std::int64_t> parse_date_time_offset(std::string_view s) noexcept {
  const auto date = date_prefix(s);
  if (!date || s.size() < 20 || (s[10] != 'T' && s[10] != 't')) return std::nullopt;
  if (!digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2) || s[16] != ':' || !digits(s, 17, 2)) return std::nullopt;
  const std::int64_t hour = two_digits(s, 11), minute = two_digits(s, 14), second = two_digits(s, 17);
  // No leap second: the service stores a .NET DateTimeOffset, which cannot hold one.
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return std::nullopt;
  }
  std::int64_t offset = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    if (!digits(s, i + 1, 2) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2)) return std::nullopt;
    const unsigned oh = two_digits(s, i + 1), om = two_digits(s, i + 4);
    if (oh > 23 || om > 59) return std::nullopt;
    offset = (s[i] == '-' ? -1 : 1) * static_cast<std::int64_t>(oh * 3600 + om * 60);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return days_from_civil(*date) * 86400 + hour * 3600 + minute * 60 + second - offset;
}

std::int64_t sentinel_seconds() noexcept { return days_from_civil({1, 1, 1}) * 86400; }

std::optional<short_text> suggest_date_time(std::string_view s) noexcept {
  std::string_view t = s;
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  short_text out;
  if (t.size() == 10 && date_prefix(t)) {  // date only
    out.append(t);
    out.append("T00:00:00Z");
    return out;
  }
  // MM/DD/YYYY (US order, as in the docs' own mistakes).
  if (t.size() == 10 && t[2] == '/' && t[5] == '/' && digits(t, 0, 2) && digits(t, 3, 2) && digits(t, 6, 4)) {
    out.append(t.substr(6, 4));
    out.append("-");
    out.append(t.substr(0, 2));
    out.append("-");
    out.append(t.substr(3, 2));
    if (!date_prefix(out.view())) return std::nullopt;
    out.append("T00:00:00Z");
    return out;
  }
  if (t.size() >= 19 && t.size() < out.data.size() && date_prefix(t) && (t[10] == ' ' || t[10] == 'T')) {
    out.append(t);
    out.data[10] = 'T';
    if (parse_date_time_offset(out.view())) return out;
    out.append("Z");  // no offset
    if (parse_date_time_offset(out.view())) return out;
  }
  return std::nullopt;
}

bool is_serialized_object_text(std::string_view s) noexcept {
  if (s.size() >= 3 && s.substr(0, 2) == "@{" && s.back() == '}') return true;
  if (s.size() < 8 || s.substr(0, 7) != "System.") return false;
  for (char c : s.substr(7))
    if (!(is_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '`' || c == '[' || c == ']' || c == ',' ||
          c == '+'))
      return false;
  return true;
}

}  // namespace sdsprofile::detail
