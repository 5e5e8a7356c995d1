#include "csv_reader.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sdsprofile::detail {
namespace {

constexpr std::size_t k_block = 64;  // bytes per structural mask

/// Whether a byte is structural in RFC 4180: the delimiter, the quote, and the line-end bytes.
constexpr std::array<bool, 256> make_structural_table() {
  std::array<bool, 256> t{};
  t[','] = t['"'] = t['\r'] = t['\n'] = true;
  return t;
}
constexpr std::array<bool, 256> k_structural = make_structural_table();

/// Bit i set when p[i] is structural, for the 64 bytes at p: one byte at a time.
std::uint64_t structural_mask_scalar(const char* p) noexcept {
  std::uint64_t mask = 0;
  for (std::size_t i = 0; i < k_block; ++i)
    mask |= static_cast<std::uint64_t>(k_structural[static_cast<unsigned char>(p[i])]) << i;
  return mask;
}

#if defined(__SSE2__)
/// The same mask, 16 bytes per comparison.
std::uint64_t structural_mask_sse2(const char* p) noexcept {
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  std::uint64_t mask = 0;
  for (std::size_t i = 0; i < k_block; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                                      _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
    mask |= static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(hits))) << i;
  }
  return mask;
}
#endif

constexpr bool is_continuation(unsigned char c) noexcept { return (c & 0xC0U) == 0x80U; }

/// Length of the well-formed UTF-8 sequence at p[0] (n >= 1 bytes available), or 0 when there is
/// none: a stray continuation byte, C0/C1/F5-FF, an overlong form, a surrogate, a code point above
/// U+10FFFF, or a truncated sequence. The definition simdjson::validate_utf8 checks.
std::size_t utf8_length(const unsigned char* p, std::size_t n) noexcept {
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return n >= 2 && is_continuation(p[1]) ? 2 : 0;
  const std::size_t length = c < 0xF0 ? 3 : 4;
  if (c >= 0xF5 || n < length) return 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (c == 0xE0) low = 0xA0;   // overlong below U+0800
  if (c == 0xED) high = 0x9F;  // U+D800..U+DFFF
  if (c == 0xF0) low = 0x90;   // overlong below U+10000
  if (c == 0xF4) high = 0x8F;  // above U+10FFFF
  if (p[1] < low || p[1] > high) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (!is_continuation(p[i])) return 0;
  return length;
}

/// Offset of the first byte of `bytes` that starts no well-formed UTF-8 sequence (bytes.size()
/// when there is none). Run only after the vectorised check failed.
std::size_t first_invalid_utf8(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::size_t length = utf8_length(p + i, bytes.size() - i);
    if (length == 0) return i;
    i += length;
  }
  return i;
}

}  // namespace

csv_reader::csv_reader(csv_kernel kernel, std::size_t max_fields)
    : simd_(kernel == csv_kernel::sse2), max_fields_(max_fields) {}

void csv_reader::reset(std::string_view bytes) {
  data_ = bytes.data();
  size_ = bytes.size();
  line_ = 1;
  line_start_ = 0;
  record_ = {};
  error_ = {};
  fields_.clear();
  bom_ = bytes.starts_with("\xEF\xBB\xBF");
  pos_ = bom_ ? 3 : 0;
  block_ = 0;
  mask_ = size_ == 0 ? 0 : structural_mask(0);
  done_ = false;
  if (!simdjson::validate_utf8(data_, size_)) {
    const csv_position bad = position_of(first_invalid_utf8(bytes));
    fail(csv_failure::encoding, bad, bad);
  }
}

std::uint64_t csv_reader::structural_mask(std::size_t block) const noexcept {
  const char* p = data_ + block;
  std::array<char, k_block> tail{};  // the last, partial block, padded with bytes that are not structural
  if (size_ - block < k_block) {
    std::memcpy(tail.data(), p, size_ - block);
    p = tail.data();
  }
#if defined(__SSE2__)
  if (simd_) return structural_mask_sse2(p);
#endif
  return structural_mask_scalar(p);
}

std::size_t csv_reader::next_structural(std::size_t from) noexcept {
  if (from >= size_) return size_;
  if (from - block_ >= k_block) {
    block_ = from & ~(k_block - 1);
    mask_ = structural_mask(block_);
  }
  std::uint64_t mask = mask_ & (~std::uint64_t{0} << (from - block_));
  while (mask == 0) {
    block_ += k_block;
    if (block_ >= size_) return size_;
    mask_ = structural_mask(block_);
    mask = mask_;
  }
  return block_ + static_cast<std::size_t>(std::countr_zero(mask));
}

bool csv_reader::next() {
  if (done_ || pos_ >= size_) {
    done_ = true;
    return false;
  }
  fields_.clear();
  record_ = {};
  record_.at = here(pos_);
  const char first = data_[pos_];
  if (first == '\r' || first == '\n') {  // an empty line: the final line end was consumed with its record
    record_.blank = true;
    consume_line_end(pos_);
    return true;
  }
  field_end end = field_end::comma;
  while (end == field_end::comma) end = pos_ < size_ && data_[pos_] == '"' ? read_quoted(pos_) : read_unquoted(pos_);
  if (end == field_end::failure) return false;
  record_.fields = std::span<const csv_field>(fields_.data(), fields_.size());
  return true;
}

// RFC 4180 section 2, rule 5: a field that does not start with a quote holds none.
csv_reader::field_end csv_reader::read_unquoted(std::size_t start) {
  const std::size_t end = next_structural(start);
  if (end < size_ && data_[end] == '"') return fail(csv_failure::quote_in_unquoted_field, here(start), here(end));
  add_field({.text = std::string_view(data_ + start, end - start),
             .at = here(start),
             .quoted = false,
             .doubled_quotes = false,
             .line_break = false});
  return end_field(end);
}

// RFC 4180 section 2, rules 6 and 7: a quoted field may hold ',', CR, LF and doubled quotes, and
// ends at a quote that is not doubled, which a delimiter, a line end or the end of input follows.
csv_reader::field_end csv_reader::read_quoted(std::size_t start) {
  csv_field field{.text = {}, .at = here(start), .quoted = true, .doubled_quotes = false, .line_break = false};
  std::size_t at = start + 1;
  for (;;) {
    at = next_structural(at);
    if (at == size_) return fail(csv_failure::unterminated_quote, field.at, field.at);
    const char c = data_[at];
    if (c == ',') {
      ++at;
    } else if (c == '"') {
      if (at + 1 < size_ && data_[at + 1] == '"') {
        field.doubled_quotes = true;
        at += 2;
        continue;
      }
      const std::size_t after = at + 1;
      if (after < size_ && data_[after] != ',' && data_[after] != '\r' && data_[after] != '\n')
        return fail(csv_failure::text_after_closing_quote, field.at, here(after));
      field.text = std::string_view(data_ + start + 1, at - start - 1);
      add_field(field);
      return end_field(after);
    } else {  // a line break inside the field: the next physical line starts
      field.line_break = true;
      at += c == '\r' && at + 1 < size_ && data_[at + 1] == '\n' ? 2 : 1;
      ++line_;
      line_start_ = at;
    }
  }
}

csv_reader::field_end csv_reader::end_field(std::size_t delimiter) noexcept {
  if (delimiter < size_ && data_[delimiter] == ',') {
    pos_ = delimiter + 1;
    return field_end::comma;
  }
  if (delimiter < size_) {
    consume_line_end(delimiter);
  } else {
    pos_ = size_;
  }
  return field_end::record;
}

void csv_reader::add_field(const csv_field& field) {
  if (record_.field_count++ < max_fields_) fields_.push_back(field);
}

void csv_reader::consume_line_end(std::size_t at) noexcept {
  pos_ = at + (data_[at] == '\r' && at + 1 < size_ && data_[at + 1] == '\n' ? 2 : 1);
  ++line_;
  line_start_ = pos_;
}

csv_reader::field_end csv_reader::fail(csv_failure failure, const csv_position& field,
                                       const csv_position& at) noexcept {
  error_ = {.failure = failure, .field = field, .at = at};
  record_ = {};
  done_ = true;
  return field_end::failure;
}

std::string_view csv_reader::value(const csv_field& field) {
  if (!field.doubled_quotes) return field.text;
  scratch_.clear();
  std::string_view rest = field.text;
  for (std::size_t quote = rest.find('"'); quote != std::string_view::npos; quote = rest.find('"')) {
    scratch_.append(rest.substr(0, quote + 1));  // one quote of the pair
    rest.remove_prefix(std::min(quote + 2, rest.size()));
  }
  scratch_.append(rest);
  return scratch_;
}

csv_position csv_reader::position_of(std::size_t offset) const noexcept {
  offset = std::min(offset, size_);
  csv_position p{.offset = offset};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    const char c = data_[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= size_ || data_[i + 1] != '\n'))) {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = offset - line_start + 1;
  return p;
}

}  // namespace sdsprofile::detail
