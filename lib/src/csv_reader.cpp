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

/// The mask of the last, partial block of a buffer, which ends at data + size: the block is
/// copied and padded with bytes that are not structural, so that nothing past the buffer is read.
[[gnu::noinline]] std::uint64_t tail_mask(const char* data, std::size_t size, std::size_t block, bool simd) noexcept {
  std::array<char, k_block> tail{};
  std::memcpy(tail.data(), data + block, size - block);
#if defined(__SSE2__)
  if (simd) return structural_mask_sse2(tail.data());
#else
  (void)simd;
#endif
  return structural_mask_scalar(tail.data());
}

/// The mask of the block at data + block (block < size), with the kernel asked for. Takes values
/// rather than the scan, so that the scan stays in registers.
inline std::uint64_t block_mask(const char* data, std::size_t size, std::size_t block, bool simd) noexcept {
  if (size - block < k_block) [[unlikely]]
    return tail_mask(data, size, block, simd);
#if defined(__SSE2__)
  if (simd) return structural_mask_sse2(data + block);
#else
  (void)simd;
#endif
  return structural_mask_scalar(data + block);
}

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

}  // namespace

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

bool valid_utf8(std::string_view bytes) noexcept { return simdjson::validate_utf8(bytes.data(), bytes.size()); }

std::size_t incomplete_utf8_tail(std::string_view bytes) noexcept {
  // The last lead byte among the final three, when its sequence needs more bytes than follow it.
  for (std::size_t k = 1; k <= 3 && k <= bytes.size(); ++k) {
    const auto c = static_cast<unsigned char>(bytes[bytes.size() - k]);
    if (is_continuation(c)) continue;
    const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

csv_reader::csv_reader(csv_kernel kernel, std::size_t max_fields) : max_fields_(max_fields) {
  scan_.simd = kernel == csv_kernel::sse2;
}

void csv_reader::reset(std::string_view bytes, csv_piece piece) {
  scan_.data = bytes.data();
  scan_.size = bytes.size();
  scan_.block = 0;
  scan_.mask = bytes.empty() ? 0 : block_mask(bytes.data(), bytes.size(), 0, scan_.simd);
  line_ = 1;
  line_start_ = 0;
  record_ = {};
  error_ = {};
  bom_ = piece.file_start && bytes.starts_with("\xEF\xBB\xBF");
  pos_ = bom_ ? 3 : 0;
  done_ = false;
  final_ = piece.final;
  pending_ = std::string_view::npos;
  if (!piece.validated && !valid_utf8(bytes)) {
    const csv_position bad = position_of(first_invalid_utf8(bytes));
    fail(csv_failure::encoding, bad, bad);
  }
}

// `mask` holds the structural bytes of the block not handed out yet. A call usually starts right
// after the byte the previous one returned, whose bit is already cleared; a line end's LF or a
// doubled quote's second byte may have to be passed first.
inline std::size_t csv_reader::structural_scan::next(std::size_t from) noexcept {
  if (from - block >= k_block) [[unlikely]] {
    if (from >= size) return size;
    block = from & ~(k_block - 1);
    mask = block_mask(data, size, block, simd) & (~std::uint64_t{0} << (from - block));
  }
  for (;;) {
    while (mask != 0) {
      const std::size_t at = block + static_cast<std::size_t>(std::countr_zero(mask));
      mask &= mask - 1;
      if (at >= from) [[likely]]
        return at;
    }
    block += k_block;
    if (block >= size) return size;
    mask = block_mask(data, size, block, simd);
  }
}

// One record: RFC 4180 section 2. The loop handles unquoted fields itself, the common case, with
// its state in locals that stay in registers (the buffer, the scan and the line do not change
// within an unquoted field), and hands quoted fields to read_quoted. Each field costs one search
// for the next structural byte: what that byte is tells where the field ends, and a quote found
// right at the field's start makes it a quoted field.
bool csv_reader::next() {
  if (done_ || pos_ >= scan_.size) {
    if (!done_ && !final_) pending_ = pos_;  // the piece is read to its end: the next one starts there
    done_ = true;
    return false;
  }
  record_ = {};
  record_.at = here(pos_);
  const char* const data = scan_.data;
  const std::size_t size = scan_.size;
  const std::size_t record_start = pos_, record_line = line_, record_line_start = line_start_;
  if (data[pos_] == '\r' || data[pos_] == '\n') {  // an empty line: a final line end went with its record
    record_.blank = true;
    if (!consume_line_end(pos_)) return stop_for_more(record_start, record_line, record_line_start);
    return true;
  }
  structural_scan scan = scan_;
  std::size_t line = line_;
  std::size_t line_start = line_start_;
  std::size_t count = 0;
  csv_field* stored = fields_.data();
  std::size_t room = std::min(fields_.size(), max_fields_);  // fields storable without growing
  for (std::size_t start = pos_;;) {
    std::size_t end = scan.next(start);
    char delimiter = '\n';  // the end of input ends a record as a line end does
    if (end < size) [[likely]]
      delimiter = data[end];
    else if (!final_)
      return stop_for_more(record_start, record_line, record_line_start);
    if (count >= room && count < max_fields_) [[unlikely]] {
      fields_.resize(std::min(std::max<std::size_t>(16, 2 * count), max_fields_));
      stored = fields_.data();
      room = fields_.size();
    }
    if (delimiter == '"') [[unlikely]] {
      if (end != start) {  // rule 5: a field that does not start with a quote holds none
        fail(csv_failure::quote_in_unquoted_field, {start, line, start - line_start + 1},
             {end, line, end - line_start + 1});
        error_.field_index = count;
        return false;
      }
      scan_ = scan;
      csv_field field;
      end = read_quoted(start, field);
      if (end == std::string_view::npos) {
        error_.field_index = count;
        return false;
      }
      if (end == k_need_more) return stop_for_more(record_start, record_line, record_line_start);
      if (count < room) stored[count] = field;
      record_.line_break = record_.line_break || field.line_break;
      scan = scan_;
      line = line_;
      line_start = line_start_;
      delimiter = end < size ? data[end] : '\n';  // a piece that is not final stopped before its end
    } else if (count < room) {                    // written in place: this is the hot path
      csv_field& field = stored[count];
      field.text = std::string_view(data + start, end - start);
      field.quoted = field.doubled_quotes = field.line_break = false;
    }
    ++count;
    if (delimiter == ',') {
      start = end + 1;
      continue;
    }
    scan_ = scan;
    record_.field_count = count;
    record_.fields = std::span<const csv_field>(stored, std::min(count, room));
    if (end < size) {
      if (!consume_line_end(end)) return stop_for_more(record_start, record_line, record_line_start);
    } else {
      pos_ = size;
    }
    return true;
  }
}

// A piece that is not final ends inside this record: it is left for the next piece.
bool csv_reader::stop_for_more(std::size_t record_start, std::size_t line, std::size_t line_start) noexcept {
  pending_ = record_start;
  line_ = line;
  line_start_ = line_start;
  record_ = {};
  done_ = true;
  return false;
}

// Rules 6 and 7: a quoted field may hold ',', CR, LF and doubled quotes, and ends at a quote that
// is not doubled, which a delimiter, a line end or the end of input follows. Returns the offset of
// that delimiter (the size at the end of input), npos on a failure, or k_need_more when a piece
// that is not final ends inside the field.
std::size_t csv_reader::read_quoted(std::size_t start, csv_field& field) {
  structural_scan& scan = scan_;
  const char* const data = scan.data;
  const std::size_t size = scan.size;
  const csv_position field_at = here(start);
  field = {.text = {}, .quoted = true};
  for (std::size_t at = start + 1;;) {
    at = scan.next(at);
    if (at == size) {
      if (!final_) return k_need_more;
      fail(csv_failure::unterminated_quote, field_at, field_at);
      return std::string_view::npos;
    }
    const char c = data[at];
    if (c == ',') {
      ++at;
    } else if (c == '"') {
      if (at + 1 < size && data[at + 1] == '"') {
        field.doubled_quotes = true;
        at += 2;
        continue;
      }
      const std::size_t after = at + 1;
      if (after == size && !final_) return k_need_more;  // a doubled quote may be cut in two
      if (after < size && data[after] != ',' && data[after] != '\r' && data[after] != '\n') {
        fail(csv_failure::text_after_closing_quote, field_at, here(after));
        return std::string_view::npos;
      }
      field.text = std::string_view(data + start + 1, at - start - 1);
      return after;
    } else {  // a line break inside the field: the next physical line starts
      field.line_break = true;
      if (c == '\r' && at + 1 == size && !final_) return k_need_more;  // a CRLF may be cut in two
      at += c == '\r' && at + 1 < size && data[at + 1] == '\n' ? 2 : 1;
      ++line_;
      line_start_ = at;
    }
  }
}

// Passes the line end at `at`; false, passing nothing, when it is a CR at the end of a piece that
// is not final (an LF may follow in the next one).
bool csv_reader::consume_line_end(std::size_t at) noexcept {
  const char* const data = scan_.data;
  if (data[at] == '\r' && at + 1 == scan_.size && !final_) return false;
  pos_ = at + (data[at] == '\r' && at + 1 < scan_.size && data[at + 1] == '\n' ? 2 : 1);
  ++line_;
  line_start_ = pos_;
  return true;
}

void csv_reader::fail(csv_failure failure, const csv_position& field, const csv_position& at) noexcept {
  error_ = {.failure = failure, .field = field, .at = at};
  record_ = {};
  done_ = true;
}

std::string_view csv_reader::unescape(const csv_field& field) {
  scratch_.clear();
  std::string_view rest = field.text;
  for (std::size_t quote = rest.find('"'); quote != std::string_view::npos; quote = rest.find('"')) {
    scratch_.append(rest.substr(0, quote + 1));  // one quote of the pair
    rest.remove_prefix(std::min(quote + 2, rest.size()));
  }
  scratch_.append(rest);
  return scratch_;
}

// A field of a record whose quoted fields break lines: the line ends between the record's start
// and the field's are counted (all of them inside quoted fields).
csv_position csv_reader::position_after_line_breaks(std::size_t offset) const noexcept {
  const char* const data = scan_.data;
  csv_position p{.offset = offset, .line = record_.at.line};
  std::size_t line_start = record_.at.offset - (record_.at.column - 1);
  for (std::size_t i = record_.at.offset; i < offset; ++i) {
    const char c = data[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= scan_.size || data[i + 1] != '\n'))) {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = offset - line_start + 1;
  return p;
}

csv_position csv_reader::position_of(std::size_t offset) const noexcept {
  const char* const data = scan_.data;
  const std::size_t size = scan_.size;
  offset = std::min(offset, size);
  csv_position p{.offset = offset};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    const char c = data[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= size || data[i + 1] != '\n'))) {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = offset - line_start + 1;
  return p;
}

}  // namespace sdsprofile::detail
