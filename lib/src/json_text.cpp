// Slow-path tools over the raw JSON text: strict RFC 8259 scanner, unrepresentable numbers, line index.
// See json_text.hpp for the contract. Everything here is iterative and bounds-checked.
#include "json_text.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "engine/messages.hpp"

namespace sdsprofile::detail {

namespace {

// ---------------------------------------------------------------------------------------------
// What each failure is (engine/messages.cpp words them: all the text is there).

using engine::scan_failure;
constexpr scan_failure msg_eof = scan_failure::truncated;
constexpr scan_failure msg_empty = scan_failure::empty;
constexpr scan_failure msg_trailing_comma_object = scan_failure::trailing_comma_object;
constexpr scan_failure msg_trailing_comma_array = scan_failure::trailing_comma_array;
constexpr scan_failure msg_member_name = scan_failure::member_name;
constexpr scan_failure msg_single_quote = scan_failure::single_quote;
constexpr scan_failure msg_comment = scan_failure::comment;
constexpr scan_failure msg_after_value = scan_failure::after_value;
constexpr scan_failure msg_literal = scan_failure::literal;
constexpr scan_failure msg_nan_inf = scan_failure::nan_or_infinity;
constexpr scan_failure msg_number = scan_failure::number;
constexpr scan_failure msg_number_minus = scan_failure::number_minus;
constexpr scan_failure msg_number_leading_zero = scan_failure::number_leading_zero;
constexpr scan_failure msg_number_fraction = scan_failure::number_fraction;
constexpr scan_failure msg_number_exponent = scan_failure::number_exponent;
constexpr scan_failure msg_control = scan_failure::control_character;
constexpr scan_failure msg_escape = scan_failure::escape;
constexpr scan_failure msg_colon = scan_failure::colon;
constexpr scan_failure msg_comma_object = scan_failure::comma_object;
constexpr scan_failure msg_comma_array = scan_failure::comma_array;
constexpr scan_failure msg_value = scan_failure::value;
constexpr scan_failure msg_utf8 = scan_failure::utf8;
constexpr scan_failure msg_lone_high = scan_failure::lone_high_surrogate;
constexpr scan_failure msg_lone_low = scan_failure::lone_low_surrogate;
constexpr scan_failure msg_too_deep = scan_failure::too_deep;
constexpr scan_failure msg_too_deep_memory = scan_failure::too_deep_to_track;

// ---------------------------------------------------------------------------------------------
// Byte helpers.

constexpr bool is_ws(unsigned char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr bool is_digit(unsigned char c) noexcept { return c >= '0' && c <= '9'; }

/// Value of a hexadecimal digit, or -1.
constexpr int hex_value(unsigned char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Bytes a string scan can skip without looking closer: printable ASCII other than '"' and '\'.
constexpr std::array<bool, 256> make_plain_table() noexcept {
  std::array<bool, 256> t{};
  for (unsigned c = 0x20; c < 0x80; ++c) t[c] = true;
  t['"'] = false;
  t['\\'] = false;
  return t;
}
constexpr std::array<bool, 256> plain_string_byte = make_plain_table();

constexpr bool is_cont(unsigned char c) noexcept { return (c & 0xC0U) == 0x80U; }

/// Length of the well-formed UTF-8 sequence starting at p[0] (n bytes available, n >= 1), or 0
/// if the bytes there are not a complete, well-formed sequence (overlong, surrogate, above
/// U+10FFFF, stray continuation byte, truncated, C0/C1/F5-FF).
std::size_t utf8_length(const unsigned char* p, std::size_t n) noexcept {
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;  // continuation byte, or C0/C1 (always overlong)
  if (c < 0xE0) return (n >= 2 && is_cont(p[1])) ? 2 : 0;
  if (c < 0xF0) {
    if (n < 3) return 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;  // overlong below U+0800
    if (c == 0xED) hi = 0x9F;  // U+D800..DFFF
    if (p[1] < lo || p[1] > hi || !is_cont(p[2])) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (n < 4) return 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c == 0xF0) lo = 0x90;  // overlong below U+10000
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    if (p[1] < lo || p[1] > hi || !is_cont(p[2]) || !is_cont(p[3])) return 0;
    return 4;
  }
  return 0;  // F5..FF
}

// ---------------------------------------------------------------------------------------------
// Container-kind stack for the scanner: one bit per level (1 = object). The first 1024 levels
// live inline; deeper documents spill to the heap (the depth is bounded by the text size).

class kind_stack {
 public:
  [[nodiscard]] std::size_t depth() const noexcept { return depth_; }

  /// Returns false only if the heap spill could not be allocated.
  bool push(bool is_object) noexcept {
    const std::size_t word = depth_ / 64;
    const std::uint64_t bit = std::uint64_t{1} << (depth_ % 64);
    std::uint64_t* w = nullptr;
    if (word < inline_words) {
      w = &inline_[word];
    } else {
      const std::size_t heap_word = word - inline_words;
      if (heap_word >= heap_.size()) {
        try {
          heap_.push_back(0);
        } catch (...) {
          return false;
        }
      }
      w = &heap_[heap_word];
    }
    if (is_object) {
      *w |= bit;
    } else {
      *w &= ~bit;
    }
    ++depth_;
    return true;
  }

  void pop() noexcept {
    if (depth_ > 0) --depth_;
  }

  /// Kind of the innermost open container; depth() must be > 0.
  [[nodiscard]] bool top_is_object() const noexcept {
    const std::size_t pos = depth_ - 1;
    const std::size_t word = pos / 64;
    const std::uint64_t bit = std::uint64_t{1} << (pos % 64);
    const std::uint64_t w = word < inline_words ? inline_[word] : heap_[word - inline_words];
    return (w & bit) != 0;
  }

 private:
  static constexpr std::size_t inline_words = 16;
  std::array<std::uint64_t, inline_words> inline_{};
  std::vector<std::uint64_t> heap_;
  std::size_t depth_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Scanner.

class scanner {
 public:
  scanner(std::string_view text, std::uint32_t max_depth) noexcept
      : s_(reinterpret_cast<const unsigned char*>(text.data())), n_(text.size()), max_depth_(max_depth) {}

  text_scan_result run() noexcept;

 private:
  enum class state : std::uint8_t {
    value,         // a value is required (root, or after ':')
    array_first,   // just after '[': a value or ']'
    array_next,    // just after ',' in an array: a value ('] would be a trailing comma)
    object_first,  // just after '{': a member name or '}'
    object_next,   // just after ',' in an object: a member name
    colon,         // after a member name
    after_value,   // after a complete value
  };

  static text_scan_result ok() noexcept { return {}; }

  text_scan_result eof() const noexcept { return {text_failure::syntax, n_, msg_eof}; }

  /// Failure at byte i (i < n_) that the grammar rejects. A non-ASCII byte outside a string is
  /// always a syntax error, unless it does not even start a well-formed UTF-8 sequence, in which
  /// case the encoding failure is reported instead.
  text_scan_result fail_at(std::size_t i, scan_failure what) const noexcept {
    if (s_[i] >= 0x80 && utf8_length(s_ + i, n_ - i) == 0) {
      return {text_failure::encoding, i, msg_utf8};
    }
    return {text_failure::syntax, i, what};
  }

  /// Reads 4 hex digits at s_[j..j+4). Returns -1 if one is not a hex digit, -2 if the text ends
  /// first (only when every digit present is a hex digit), else the value.
  std::int32_t hex4(std::size_t j) const noexcept {
    std::int32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      if (j + k >= n_) return -2;
      const int h = hex_value(s_[j + k]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  }

  text_scan_result scan_string() noexcept;
  text_scan_result scan_number() noexcept;
  text_scan_result scan_literal() noexcept;
  text_scan_result scan_value_start(state& st) noexcept;

  const unsigned char* s_;
  std::size_t n_;
  std::size_t i_ = 0;
  std::uint32_t max_depth_;
  kind_stack stack_;
};

// s_[i_] == '"'. On success i_ is just past the closing quote.
text_scan_result scanner::scan_string() noexcept {
  std::size_t j = i_ + 1;
  for (;;) {
    while (j < n_ && plain_string_byte[s_[j]]) ++j;
    if (j >= n_) return eof();
    const unsigned char c = s_[j];
    if (c == '"') {
      i_ = j + 1;
      return ok();
    }
    if (c == '\\') {
      if (j + 1 >= n_) return eof();
      switch (s_[j + 1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          j += 2;
          continue;
        case 'u':
          break;
        default:
          return {text_failure::syntax, j, msg_escape};
      }
      const std::int32_t cp = hex4(j + 2);
      if (cp == -2) return eof();
      if (cp < 0) return {text_failure::syntax, j, msg_escape};
      if (cp >= 0xDC00 && cp <= 0xDFFF) return {text_failure::encoding, j, msg_lone_low};
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        // Must be immediately followed by a complete low surrogate escape.
        const std::size_t k = j + 6;
        if (k + 1 < n_ && s_[k] == '\\' && s_[k + 1] == 'u') {
          const std::int32_t lo = hex4(k + 2);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            j = k + 6;
            continue;
          }
        }
        return {text_failure::encoding, j, msg_lone_high};
      }
      j += 6;
      continue;
    }
    if (c < 0x20) return {text_failure::syntax, j, msg_control};
    // c >= 0x80
    const std::size_t len = utf8_length(s_ + j, n_ - j);
    if (len == 0) return {text_failure::encoding, j, msg_utf8};
    j += len;
  }
}

// s_[i_] is '-' or a digit. On success i_ is just past the number.
text_scan_result scanner::scan_number() noexcept {
  std::size_t j = i_;
  if (s_[j] == '-') {
    ++j;
    if (j >= n_) return eof();
    if (!is_digit(s_[j])) return fail_at(j, msg_number_minus);
  }
  if (s_[j] == '0') {
    ++j;
    if (j < n_ && is_digit(s_[j])) return {text_failure::syntax, j, msg_number_leading_zero};
  } else {
    while (j < n_ && is_digit(s_[j])) ++j;
  }
  if (j < n_ && s_[j] == '.') {
    ++j;
    if (j >= n_) return eof();
    if (!is_digit(s_[j])) return fail_at(j, msg_number_fraction);
    while (j < n_ && is_digit(s_[j])) ++j;
  }
  if (j < n_ && (s_[j] == 'e' || s_[j] == 'E')) {
    ++j;
    if (j < n_ && (s_[j] == '+' || s_[j] == '-')) ++j;
    if (j >= n_) return eof();
    if (!is_digit(s_[j])) return fail_at(j, msg_number_exponent);
    while (j < n_ && is_digit(s_[j])) ++j;
  }
  i_ = j;
  return ok();
}

// s_[i_] is 't', 'f' or 'n'. On success i_ is just past the literal.
text_scan_result scanner::scan_literal() noexcept {
  std::string_view lit;
  switch (s_[i_]) {
    case 't':
      lit = "true";
      break;
    case 'f':
      lit = "false";
      break;
    default:
      lit = "null";
      break;
  }
  for (std::size_t k = 1; k < lit.size(); ++k) {
    const std::size_t j = i_ + k;
    if (j >= n_) return eof();
    if (s_[j] != static_cast<unsigned char>(lit[k])) return fail_at(j, msg_literal);
  }
  i_ += lit.size();
  return ok();
}

// A value is required at s_[i_] (i_ < n_). Scalars are consumed whole (st becomes after_value);
// containers are opened (st becomes array_first / object_first).
text_scan_result scanner::scan_value_start(state& st) noexcept {
  const unsigned char c = s_[i_];
  switch (c) {
    case '{':
    case '[': {
      if (stack_.depth() >= max_depth_) return {text_failure::too_deep, i_, msg_too_deep};
      const bool is_object = c == '{';
      if (!stack_.push(is_object)) return {text_failure::too_deep, i_, msg_too_deep_memory};
      ++i_;
      st = is_object ? state::object_first : state::array_first;
      return ok();
    }
    case '"': {
      st = state::after_value;
      return scan_string();
    }
    case 't':
    case 'f':
    case 'n':
      st = state::after_value;
      return scan_literal();
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      st = state::after_value;
      return scan_number();
    case '\'':
      return {text_failure::syntax, i_, msg_single_quote};
    case '/':
      return {text_failure::syntax, i_, msg_comment};
    case 'N':
    case 'I':
      return {text_failure::syntax, i_, msg_nan_inf};
    case '+':
    case '.':
      return {text_failure::syntax, i_, msg_number};
    default:
      return fail_at(i_, msg_value);
  }
}

text_scan_result scanner::run() noexcept {
  state st = state::value;
  for (;;) {
    while (i_ < n_ && is_ws(s_[i_])) ++i_;
    if (i_ >= n_) {
      if (st == state::after_value && stack_.depth() == 0) return ok();
      if (st == state::value && stack_.depth() == 0) return {text_failure::syntax, n_, msg_empty};
      return eof();
    }
    const unsigned char c = s_[i_];
    switch (st) {
      case state::array_first:
      case state::array_next:
        if (c == ']') {
          if (st == state::array_next) return {text_failure::syntax, i_, msg_trailing_comma_array};
          stack_.pop();
          ++i_;
          st = state::after_value;
          break;
        }
        [[fallthrough]];
      case state::value: {
        const text_scan_result r = scan_value_start(st);
        if (r.failure != text_failure::none) return r;
        break;
      }
      case state::object_first:
      case state::object_next:
        if (c == '"') {
          const text_scan_result r = scan_string();
          if (r.failure != text_failure::none) return r;
          st = state::colon;
        } else if (c == '}') {
          if (st == state::object_next) {
            return {text_failure::syntax, i_, msg_trailing_comma_object};
          }
          stack_.pop();
          ++i_;
          st = state::after_value;
        } else if (c == '\'') {
          return {text_failure::syntax, i_, msg_single_quote};
        } else if (c == '/') {
          return {text_failure::syntax, i_, msg_comment};
        } else {
          return fail_at(i_, msg_member_name);
        }
        break;
      case state::colon:
        if (c == ':') {
          ++i_;
          st = state::value;
        } else if (c == '/') {
          return {text_failure::syntax, i_, msg_comment};
        } else {
          return fail_at(i_, msg_colon);
        }
        break;
      case state::after_value:
        if (c == '/') return {text_failure::syntax, i_, msg_comment};
        if (stack_.depth() == 0) return fail_at(i_, msg_after_value);
        if (stack_.top_is_object()) {
          if (c == ',') {
            ++i_;
            st = state::object_next;
          } else if (c == '}') {
            stack_.pop();
            ++i_;
          } else {
            return fail_at(i_, msg_comma_object);
          }
        } else {
          if (c == ',') {
            ++i_;
            st = state::array_next;
          } else if (c == ']') {
            stack_.pop();
            ++i_;
          } else {
            return fail_at(i_, msg_comma_array);
          }
        }
        break;
    }
  }
}

}  // namespace

std::string_view wide_encoding_hint(std::string_view text) noexcept {
  const auto b = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0x100u; };
  // Byte order marks: UTF-32 first, since FF FE 00 00 starts like UTF-16LE's.
  if (b(0) == 0xff && b(1) == 0xfe && b(2) == 0 && b(3) == 0)
    return "The body starts with a UTF-32LE byte order mark: send it as UTF-8 (RFC 8259 section 8.1).";
  if (b(0) == 0 && b(1) == 0 && b(2) == 0xfe && b(3) == 0xff)
    return "The body starts with a UTF-32BE byte order mark: send it as UTF-8 (RFC 8259 section 8.1).";
  if (b(0) == 0xff && b(1) == 0xfe)
    return "The body starts with a UTF-16LE byte order mark: send it as UTF-8 (RFC 8259 section 8.1).";
  if (b(0) == 0xfe && b(1) == 0xff)
    return "The body starts with a UTF-16BE byte order mark: send it as UTF-8 (RFC 8259 section 8.1).";
  const auto nul = [&](std::size_t i) { return b(i) == 0; };
  const auto set = [&](std::size_t i) { return b(i) != 0 && b(i) != 0x100u; };
  if (text.size() >= 4) {
    if (nul(0) && nul(1) && nul(2) && set(3))
      return "The body looks like UTF-32BE without a byte order mark (NUL bytes before each character): send it "
             "as UTF-8 (RFC 8259 section 8.1).";
    if (set(0) && nul(1) && nul(2) && nul(3))
      return "The body looks like UTF-32LE without a byte order mark (NUL bytes after each character): send it "
             "as UTF-8 (RFC 8259 section 8.1).";
    if (nul(0) && set(1) && nul(2) && set(3))
      return "The body looks like UTF-16BE without a byte order mark (a NUL byte before each ASCII character): "
             "send it as UTF-8 (RFC 8259 section 8.1).";
    if (set(0) && nul(1) && set(2) && nul(3))
      return "The body looks like UTF-16LE without a byte order mark (a NUL byte after each ASCII character): "
             "send it as UTF-8 (RFC 8259 section 8.1).";
    return {};
  }
  if (text.size() == 2 && nul(0) && set(1))
    return "The body looks like UTF-16BE without a byte order mark (a NUL byte before each ASCII character): "
           "send it as UTF-8 (RFC 8259 section 8.1).";
  if (text.size() == 2 && set(0) && nul(1))
    return "The body looks like UTF-16LE without a byte order mark (a NUL byte after each ASCII character): "
           "send it as UTF-8 (RFC 8259 section 8.1).";
  return {};
}

// ---------------------------------------------------------------------------------------------

text_scan_result find_first_failure(std::string_view text, std::uint32_t max_depth) noexcept {
  scanner sc(text, max_depth);
  return sc.run();
}

std::size_t find_unrepresentable_number(std::string_view text) noexcept {
  const char* s = text.data();
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[i];
    if (c == '"') {  // skip the string
      for (++i; i < n && s[i] != '"'; ++i)
        if (s[i] == '\\') ++i;
      continue;
    }
    if (c != '-' && !(c >= '0' && c <= '9')) continue;
    std::size_t end = i;
    bool integer = true;
    while (end < n && (s[end] == '-' || s[end] == '+' || s[end] == '.' || s[end] == 'e' || s[end] == 'E' ||
                       (s[end] >= '0' && s[end] <= '9'))) {
      if (s[end] == '.' || s[end] == 'e' || s[end] == 'E') integer = false;
      ++end;
    }
    std::from_chars_result r{};
    if (integer && c == '-') {
      std::int64_t v = 0;
      r = std::from_chars(s + i, s + end, v);
    } else if (integer) {
      std::uint64_t v = 0;
      r = std::from_chars(s + i, s + end, v);
    } else {
      double v = 0;
      r = std::from_chars(s + i, s + end, v);
      // Underflow rounds to zero, which simdjson accepts: only overflow counts. A negative
      // exponent, or no exponent and a zero integer part, can only underflow.
      if (r.ec == std::errc::result_out_of_range) {
        const std::string_view token(s + i, end - i);
        const std::size_t e = token.find_first_of("eE");
        const bool negative_exponent = e != std::string_view::npos && e + 1 < token.size() && token[e + 1] == '-';
        const std::string_view whole = token.substr(token[0] == '-' ? 1 : 0);
        const bool zero_integer_part = e == std::string_view::npos && whole.size() > 1 && whole[0] == '0';
        if (negative_exponent || zero_integer_part) r.ec = std::errc{};
      }
    }
    if (r.ec == std::errc::result_out_of_range) return i;
    i = end - 1;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------

// Line breaks are found sixteen bytes at a time where SSE2 is there; each is then looked at alone
// ("\r\n" is one break: its '\n' is skipped).
void line_index::build(std::string_view text) {
  starts_.clear();
  starts_.push_back(0);
  size_ = text.size();
  const char* s = text.data();
  const std::size_t n = text.size();
  std::size_t skipped = static_cast<std::size_t>(-1);  // the '\n' of the last "\r\n"
  const auto line_break_at = [&](std::size_t i) {
    if (i == skipped) return;
    if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
      skipped = i + 1;
      starts_.push_back(i + 2);
    } else {
      starts_.push_back(i + 1);
    }
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  for (; i + 16 <= n; i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    auto breaks =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, lf), _mm_cmpeq_epi8(block, cr))));
    for (; breaks != 0; breaks &= breaks - 1) line_break_at(i + static_cast<std::size_t>(std::countr_zero(breaks)));
  }
#endif
  for (; i < n; ++i)
    if (s[i] == '\n' || s[i] == '\r') line_break_at(i);
}

line_column line_index::at(std::size_t offset) const noexcept {
  constexpr std::size_t max32 = std::numeric_limits<std::uint32_t>::max();
  offset = std::min(offset, size_);
  if (starts_.empty()) {
    return {1, static_cast<std::uint32_t>(std::min(offset + 1, max32))};
  }
  // Last line start <= offset (starts_[0] == 0, so there is one).
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::size_t>(it - starts_.begin());  // >= 1
  const std::size_t column = offset - starts_[line - 1] + 1;
  return {static_cast<std::uint32_t>(std::min(line, max32)), static_cast<std::uint32_t>(std::min(column, max32))};
}

}  // namespace sdsprofile::detail
