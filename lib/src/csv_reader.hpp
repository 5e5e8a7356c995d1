// A streaming RFC 4180 reader for one file of the CSV upload folder (docs/csv-rules.md): it walks
// a contiguous buffer record by record and field by field, without copying, and gives every
// field its position. A file may also come in pieces (csv_piece): a piece that is not final stops
// before the record it ends in, which the caller hands over again with the next bytes. It finds what "File set and
// syntax" of docs/csv-rules.md asks of the bytes (invalid UTF-8, a BOM, the three syntax failures, line breaks in
// quoted fields, blank lines); what the fields mean is the checker's business. The structural bytes (',' '"' CR LF) are
// found 64 bytes at a time, with SSE2 where the compiler targets it and with a scalar loop otherwise; both give the
// same results.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdsprofile::detail {

/// How the structural bytes are found. Both kernels give identical results.
enum class csv_kernel : std::uint8_t {
  scalar,  ///< one byte at a time: the portable fallback
  sse2,    ///< 16 bytes per instruction (x86-64 baseline); scalar where the build lacks SSE2
};

/// The kernel a reader uses unless told otherwise: SSE2 where the build has it.
#if defined(__SSE2__)
inline constexpr csv_kernel default_csv_kernel = csv_kernel::sse2;
#else
inline constexpr csv_kernel default_csv_kernel = csv_kernel::scalar;
#endif

/// Where a byte is. Lines end at CRLF, LF or a lone CR (docs/rules.md "Vocabulary"); lines are
/// physical, so a line break inside a quoted field starts a new line. Offsets and columns count a
/// BOM.
struct csv_position {
  std::size_t offset = 0;  ///< 0-based byte offset in the buffer
  std::size_t line = 1;    ///< 1-based line
  std::size_t column = 1;  ///< 1-based byte column
  bool operator==(const csv_position&) const = default;
};

/// One field of a record: a view into the buffer. Its position is csv_reader::position's to find,
/// from the view, so that the reader stores no line and column per field.
struct csv_field {
  std::string_view text;        ///< the bytes of an unquoted field; for a quoted field, those
                                ///< between the quotes, a doubled quote still doubled (see
                                ///< csv_reader::value)
  bool quoted = false;          ///< enclosed in '"'
  bool doubled_quotes = false;  ///< holds a doubled quote ("") to undo
  bool line_break = false;      ///< holds CR or LF (quoted fields only; csv-line-break-in-field)
};

/// One record: a line of fields, or a blank line.
struct csv_record {
  std::span<const csv_field> fields;  ///< the fields, in order (at most the reader's max_fields)
  std::size_t field_count = 0;        ///< how many fields the record has, stored or not
  csv_position at;                    ///< its first byte
  bool line_break = false;            ///< a quoted field holds CR or LF: its lines are not all the first
  bool blank = false;                 ///< an empty line other than the final line end (no fields;
                                      ///< csv-blank-line); a line of commas is a record of
                                      ///< empty fields instead
};

/// Why reading stopped early: the failures of csv-encoding and csv-syntax.
enum class csv_failure : std::uint8_t {
  none,                      ///< no failure (yet)
  encoding,                  ///< invalid UTF-8 (overlong, surrogate, above U+10FFFF, truncated,
                             ///< stray continuation byte); found before any record is read
  unterminated_quote,        ///< a quoted field without its closing quote
  quote_in_unquoted_field,   ///< a '"' inside a field that does not start with one
  text_after_closing_quote,  ///< a byte other than ',', CR or LF right after a closing quote
};

/// How the bytes given to csv_reader::reset stand in their file, for a file read in pieces.
struct csv_piece {
  bool file_start = true;  ///< the bytes start the file: a leading BOM is skipped
  bool final = true;       ///< the bytes end the file: the end of input ends the last record
  bool validated = false;  ///< the caller has validated the bytes as UTF-8 (reset checks nothing)
};

/// A failure and where it is.
struct csv_error {
  csv_failure failure = csv_failure::none;
  csv_position field;           ///< where the offending field starts: the cell csv-syntax points at (for
                                ///< encoding: the bad byte)
  csv_position at;              ///< the offending byte: the first invalid UTF-8 byte, the opening quote of
                                ///< an unterminated field, the stray quote, the first byte after the
                                ///< closing quote
  std::size_t field_index = 0;  ///< the offending field's index in its record (0 for encoding)
};

/// Offset of the first byte of `bytes` that starts no well-formed UTF-8 sequence (an overlong
/// form, a surrogate, a code point above U+10FFFF, a truncated sequence, a stray continuation
/// byte); bytes.size() when there is none.
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view bytes) noexcept;

/// Whether `bytes` is valid UTF-8 (vectorised: simdjson's validator).
[[nodiscard]] bool valid_utf8(std::string_view bytes) noexcept;

/// How many bytes at the end of `bytes` may be the start of a character that the next bytes
/// complete (0 to 3): what a reader of a file in pieces keeps for the next piece's validation.
[[nodiscard]] std::size_t incomplete_utf8_tail(std::string_view bytes) noexcept;

/// Reads one file's bytes. The reader keeps its buffers between files, so that after warm-up it
/// allocates nothing per record and per file; its memory depends on the widest record (at most
/// max_fields fields are stored) and on the longest value asked of value(), never on the file
/// size. It never reads outside the buffer, whatever the bytes.
class csv_reader {
 public:
  /// Fields stored per record by default; further fields are counted, not stored.
  static constexpr std::size_t default_max_fields = 4096;

  explicit csv_reader(csv_kernel kernel = default_csv_kernel, std::size_t max_fields = default_max_fields);

  /// Starts reading `bytes`, which must stay alive and unchanged while it is read. Unless the
  /// caller has done it (csv_piece::validated), the whole buffer is validated as UTF-8 first: on
  /// failure, error() tells the first bad byte and no record is read. A leading UTF-8 BOM is
  /// skipped at the start of a file (bom() tells). Positions count from the start of `bytes`.
  void reset(std::string_view bytes, csv_piece piece = {});

  /// Reads the next record into record(). False at the end of the input and after a failure
  /// (error() tells which); the record that a syntax failure interrupts is not returned, and
  /// nothing after it is read. A single final line end is not a blank line. In a piece that is
  /// not final, a record that reaches the end of the bytes (or whose line end could be a CR
  /// before an LF yet to come) is not read either: next() returns false and pending() tells
  /// where it starts.
  [[nodiscard]] bool next();

  /// After next() returned false in a piece that is not final, without a failure: the offset of
  /// the first byte not read, where a record starts (at the start of a line). The caller keeps the
  /// bytes from there, appends more and resets. npos otherwise.
  [[nodiscard]] std::size_t pending() const noexcept { return pending_; }

  /// The line (1-based, counted from the start of the bytes) of the next byte to read: after
  /// pending(), the line where the pending record starts.
  [[nodiscard]] std::size_t line() const noexcept { return line_; }

  /// The record the last successful next() read; its fields are valid until the next call.
  [[nodiscard]] const csv_record& record() const noexcept { return record_; }

  /// The failure that stopped reading (csv_failure::none when there was none).
  [[nodiscard]] const csv_error& error() const noexcept { return error_; }

  /// Whether the buffer starts with a UTF-8 byte order mark.
  [[nodiscard]] bool bom() const noexcept { return bom_; }

  /// The value of `field`: its text, with each doubled quote undone. A view into the buffer, or
  /// into the reader's scratch buffer (valid until the next call) when there was a quote to undo.
  [[nodiscard]] std::string_view value(const csv_field& field) {
    return field.doubled_quotes ? unescape(field) : field.text;
  }

  /// The position of `field`'s first byte (the opening quote of a quoted field), a field of the
  /// current record(): counted from the record's position, and from its bytes when a quoted field
  /// breaks its line.
  [[nodiscard]] csv_position position(const csv_field& field) const noexcept {
    const std::size_t offset = static_cast<std::size_t>(field.text.data() - scan_.data) - (field.quoted ? 1 : 0);
    if (record_.line_break) [[unlikely]]
      return position_after_line_breaks(offset);
    return {offset, record_.at.line, offset - record_.at.offset + record_.at.column};
  }

  /// The position of `offset` (at most the buffer's size) in the current buffer, counted from
  /// its start; used for the failures, and for callers that hold only an offset.
  [[nodiscard]] csv_position position_of(std::size_t offset) const noexcept;

  /// The buffers kept between files, for release_outsized() (lib/src/retained.hpp).
  std::vector<csv_field>& field_storage() noexcept { return fields_; }
  std::string& scratch_storage() noexcept { return scratch_; }

 private:
  /// The structural bytes of the buffer, found one 64-byte block at a time and handed out in
  /// order.
  struct structural_scan {
    const char* data = nullptr;
    std::size_t size = 0;
    std::size_t block = 0;   // offset of the block whose mask is `mask`
    std::uint64_t mask = 0;  // bit i: data[block + i] is structural and not handed out yet
    bool simd = false;
    /// Offset of the first structural byte at or after `from`, or size when there is none. Calls
    /// never go back: `from` is past every offset handed out before.
    [[nodiscard]] std::size_t next(std::size_t from) noexcept;
  };

  /// Where the field that starts at `start` is, on the current line.
  [[nodiscard]] csv_position here(std::size_t offset) const noexcept {
    return {offset, line_, offset - line_start_ + 1};
  }
  /// read_quoted's answer when the piece ends inside the field (a piece that is not final).
  static constexpr std::size_t k_need_more = std::string_view::npos - 1;
  std::size_t read_quoted(std::size_t start, csv_field& field);
  bool consume_line_end(std::size_t at) noexcept;
  bool stop_for_more(std::size_t record_start, std::size_t line, std::size_t line_start) noexcept;
  void fail(csv_failure failure, const csv_position& field, const csv_position& at) noexcept;
  std::string_view unescape(const csv_field& field);
  csv_position position_after_line_breaks(std::size_t offset) const noexcept;

  structural_scan scan_;
  std::size_t pos_ = 0;         // next byte to read
  std::size_t line_ = 1;        // line of pos_
  std::size_t line_start_ = 0;  // offset of the first byte of that line
  bool bom_ = false;
  bool done_ = true;
  bool final_ = true;                             // the piece ends the file
  std::size_t pending_ = std::string_view::npos;  // see pending()
  std::size_t max_fields_;
  std::vector<csv_field> fields_;
  csv_record record_;
  csv_error error_;
  std::string scratch_;
};

}  // namespace sdsprofile::detail
