// A streaming RFC 4180 reader for one file of the CSV upload folder (docs/csv-rules.md): it walks
// a contiguous buffer record by record and field by field, without copying, and gives every
// field its position. It finds what "File set and syntax" of docs/csv-rules.md asks of the bytes
// (invalid UTF-8, a BOM, the three syntax failures, line breaks in quoted fields, blank lines);
// what the fields mean is the checker's business. The structural bytes (',' '"' CR LF) are found
// 64 bytes at a time, with SSE2 where the compiler targets it and with a scalar loop otherwise;
// both give the same results.
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

/// One field of a record: a view into the buffer.
struct csv_field {
  std::string_view text;        ///< the bytes of an unquoted field; for a quoted field, those
                                ///< between the quotes, a doubled quote still doubled (see
                                ///< csv_reader::value)
  csv_position at;              ///< its first byte: the opening quote of a quoted field
  bool quoted = false;          ///< enclosed in '"'
  bool doubled_quotes = false;  ///< holds a doubled quote ("") to undo
  bool line_break = false;      ///< holds CR or LF (quoted fields only; csv-line-break-in-field)
};

/// One record: a line of fields, or a blank line.
struct csv_record {
  std::span<const csv_field> fields;  ///< the fields, in order (at most the reader's max_fields)
  std::size_t field_count = 0;        ///< how many fields the record has, stored or not
  csv_position at;                    ///< its first byte
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

/// A failure and where it is.
struct csv_error {
  csv_failure failure = csv_failure::none;
  csv_position field;  ///< where the offending field starts: the cell csv-syntax points at (for
                       ///< encoding: the bad byte)
  csv_position at;     ///< the offending byte: the first invalid UTF-8 byte, the opening quote of
                       ///< an unterminated field, the stray quote, the first byte after the
                       ///< closing quote
};

/// Reads one file's bytes. The reader keeps its buffers between files, so that after warm-up it
/// allocates nothing per record and per file; its memory depends on the widest record (at most
/// max_fields fields are stored) and on the longest value asked of value(), never on the file
/// size. It never reads outside the buffer, whatever the bytes.
class csv_reader {
 public:
  /// Fields stored per record by default; further fields are counted, not stored.
  static constexpr std::size_t default_max_fields = 4096;

  explicit csv_reader(csv_kernel kernel = default_csv_kernel, std::size_t max_fields = default_max_fields);

  /// Starts reading `bytes`, which must stay alive and unchanged while it is read. The whole
  /// buffer is validated as UTF-8 first: on failure, error() tells the first bad byte and no
  /// record is read. A leading UTF-8 BOM is skipped (bom() tells).
  void reset(std::string_view bytes);

  /// Reads the next record into record(). False at the end of the input and after a failure
  /// (error() tells which); the record that a syntax failure interrupts is not returned, and
  /// nothing after it is read. A single final line end is not a blank line.
  [[nodiscard]] bool next();

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
  std::size_t read_quoted(std::size_t start, csv_field& field);
  void consume_line_end(std::size_t at) noexcept;
  void fail(csv_failure failure, const csv_position& field, const csv_position& at) noexcept;
  std::string_view unescape(const csv_field& field);

  structural_scan scan_;
  std::size_t pos_ = 0;         // next byte to read
  std::size_t line_ = 1;        // line of pos_
  std::size_t line_start_ = 0;  // offset of the first byte of that line
  bool bom_ = false;
  bool done_ = true;
  std::size_t max_fields_;
  std::vector<csv_field> fields_;
  csv_record record_;
  csv_error error_;
  std::string scratch_;
};

}  // namespace sdsprofile::detail
