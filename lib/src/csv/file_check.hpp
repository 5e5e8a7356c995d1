// The check of one file of the upload folder (docs/csv-rules.md "Catalogue", every rule about a
// file's bytes, header and rows): its bytes in chunks through the reader (csv_reader.hpp), the
// header matched against the file's columns (csv/tables.hpp), each row's cells through the value
// rules, the file's ID sets filled and the references into earlier files' sets looked up. What it
// finds goes to a bounded set of findings (csv/kept_findings.hpp); nothing is worded here.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "csv/findings.hpp"
#include "csv/kept_findings.hpp"
#include "csv/key_set.hpp"
#include "csv/profile.hpp"
#include "csv/tables.hpp"
#include "csv_reader.hpp"

namespace sdsprofile::csv {

/// What every file of one folder check reads.
struct folder_context {
  const folder_tables* tables = nullptr;
  /// The profile's settings when its rules apply (a readable profile with a CSV provider), else null.
  const profile_settings* profile = nullptr;
  /// The ID sets that references may be checked against, by file (null: not checked).
  std::array<const key_set*, csv_file_count> targets{};
  /// csv_options::progress.
  std::atomic<std::uint64_t>* progress = nullptr;
};

/// Where a file's bytes come from, chunk by chunk.
class chunk_source {
 public:
  virtual ~chunk_source() = default;
  /// Fills the start of `into` with the file's next bytes; how many, 0 at the end of the file, or
  /// -1 with `error` set (an errno value) when reading fails.
  virtual std::ptrdiff_t read(std::span<char> into, int& error) = 0;
  /// The file from byte `offset` to its end, memory-mapped and valid while the source lives, or
  /// nullopt when it cannot be. Asked only for a record longer than a buffer may grow (an
  /// unterminated quote at the start of a large file), so that memory stays bounded.
  virtual std::optional<std::string_view> map_rest(std::size_t offset) = 0;
  /// The file's size in bytes, or 0 when it is not known (to size the ID sets ahead).
  virtual std::uint64_t size_hint() = 0;
};

/// Checks one file at a time; keeps its buffers, and the ID sets of the last file, until reset.
class file_checker {
 public:
  /// Bytes read at a time: large enough that a read costs little, small enough to stay in the cache.
  static constexpr std::size_t default_chunk_bytes = std::size_t{256} << 10;
  /// A record longer than this is read from a memory map of the rest of the file instead of a
  /// buffer grown to hold it.
  static constexpr std::size_t max_buffered_record = std::size_t{8} << 20;

  explicit file_checker(std::size_t chunk_bytes = default_chunk_bytes);

  /// Checks file `file` (a csv_file index) read from `source`, keeping at most `max_findings`.
  void check(std::size_t file, chunk_source& source, const folder_context& ctx, std::size_t max_findings);
  /// Checks file `file` given whole in memory (read as one piece, not copied).
  void check(std::size_t file, std::string_view bytes, const folder_context& ctx, std::size_t max_findings);

  /// What the last check found.
  [[nodiscard]] kept_findings& findings() noexcept { return found_; }
  /// The errno of a failed read in the last check, or 0.
  [[nodiscard]] int read_error() const noexcept { return read_error_; }
  /// The file's ID set, when other files' references may be checked against it: the file was read
  /// whole, is UTF-8 and not cut short by csv-syntax, and has its ID column. Null otherwise.
  [[nodiscard]] const key_set* reference_target() const noexcept;
  /// Gives back the memory of the ID sets, and the buffers grown past retained.hpp's mark.
  void release() noexcept;
  /// Distinct keys the last check keeps (IDs, usernames, matching keys).
  [[nodiscard]] std::size_t keys_kept() const noexcept {
    return ids_.size() + usernames_.size() + matching_keys_.size();
  }

 private:
  /// The columns whose common cells need less than check_cell: a value that is clearly neither
  /// blank, too long nor spaced (clearly_fine) and passes the column's one other rule, if any, gets
  /// no finding from check_cell, and the key operations check_cell would defer are deferred.
  enum class fast_path : std::uint8_t {
    none,      ///< every cell goes through check_cell
    plain,     ///< no rule but those every value runs
    names,     ///< csv-special-characters
    email,     ///< csv-email-syntax
    id,        ///< csv-id-format; the ID set (csv-duplicate-id) and the reference, when checked
    username,  ///< csv-duplicate-username (no UPN rule: identity creation is off)
    date,      ///< a YYYY-MM-DD date in a column whose first date had that form (no term date)
  };
  /// A header cell and what its column's cells run.
  struct column_plan {
    std::string header;                           ///< as written (the findings' field)
    std::int16_t column = -1;                     ///< index in the file's columns, -1 for none (unknown, repeated)
    std::uint32_t rules = 0;                      ///< rules:: bits (0 when the column is not checked)
    bool enabled = false;                         ///< the profile lists it in optionalPropertiesToSync
    bool matching = false;                        ///< the role's matching column
    std::uint64_t offset = 0, column_number = 1;  ///< the header cell's position
    std::uint64_t empty_rows = 0;                 ///< csv-enabled-column-empty's count
    std::optional<date_form> first_form;          ///< the column's first date form
    bool reported_not_iso = false, reported_mixed = false;
    fast_path fast = fast_path::none;  ///< how its cells may skip check_cell (plan_fast_paths)
    std::uint32_t limit = 0;           ///< csv-value-too-long's limit in characters for the column
    const key_set* target = nullptr;   ///< the ID set its values must be in, when that is checked
  };
  /// What on_row does with one column's cells, in the order of the columns: the column_plan's
  /// fields that every cell reads, packed, so that the row loop decides without the plan.
  struct cell_step {
    std::uint16_t index = 0;           ///< the column's plans_ index (and field index)
    fast_path fast = fast_path::none;  ///< column_plan::fast
    std::uint32_t limit = 0;           ///< column_plan::limit
    std::uint32_t field_bytes = 0;     ///< where its field is among the record's: index * sizeof(csv_field)
    bool empty_is_fine = false;        ///< an empty cell gets no finding and is not counted: the column
                                       ///< is neither required, nor the matching column, nor enabled
  };
  /// A cell's position in the file.
  struct cell_at {
    std::size_t offset;
    std::uint64_t line, column;
  };

  void begin(std::size_t file, const folder_context& ctx, std::size_t max_findings);
  void finish();
  void read_piece(std::string_view bytes, detail::csv_piece piece);
  void on_failure(const detail::csv_error& e);
  void on_header(const detail::csv_record& r);
  void plan_column(std::size_t index, std::string_view name, const detail::csv_field& f);
  void plan_profile_columns();
  void plan_fast_paths();
  void on_first_row();
  void on_row(const detail::csv_record& r);
  bool check_fast(const cell_step& step, const detail::csv_field& f);
  void check_cell(std::uint16_t index, const detail::csv_field& f);
  bool check_shape(column_plan& plan, std::string_view value, const cell_at& at);
  void defer(std::uint8_t kind, const key_set* set, std::uint16_t plan, std::string_view value, bool scratch,
             const cell_at& at);
  void defer_view(std::uint8_t kind, const key_set* set, std::uint16_t plan, std::string_view value, const cell_at& at);
  void defer_username_view(std::uint16_t plan, std::string_view value, const cell_at& at);
  void flush_keys();
  void reserve_keys(std::uint64_t rows);
  void check_date_cell(column_plan& plan, std::string_view value, const cell_at& at);
  void encoding_failure(std::string_view buffer, std::size_t bad);
  void count_lines(std::string_view consumed, bool more_follows);
  bool read_mapped(chunk_source& source, std::size_t validated);
  [[nodiscard]] cell_at where(const detail::csv_position& p) const noexcept {
    return {base_offset_ + p.offset, base_line_ + p.line - 1, p.column};
  }
  template <class Make>
  void emit(const cell_at& at, place kind, std::string_view field, Make&& make);
  template <class Make>
  void emit_unlocated(place kind, std::string_view field, Make&& make);
  std::size_t copy_folded(std::string_view s, std::string_view suffix);

  std::size_t chunk_bytes_;
  detail::csv_reader reader_;
  std::vector<char> buffer_;
  kept_findings found_;
  key_set ids_, usernames_, matching_keys_;
  std::vector<column_plan> plans_;
  std::vector<std::uint16_t> active_;  // indices of plans_ whose cells are checked
  std::vector<cell_step> steps_;       // one per active_ column, made by plan_fast_paths
  email_rule email_;                   // csv-email-syntax, its last good domain kept
  bool letters_never_special_ = true;  // no ASCII letter is a special character (csv-special-characters)
  /// A look-up or insert into an ID set, deferred so that a run of them can ask for their memory
  /// at once (the sets outgrow the caches): csv-duplicate-id, -duplicate-username,
  /// -dangling-reference, -dangling-school, -matching-duplicate-key. Its key is hashed and its slot
  /// asked for when it is deferred; the batch is done when full and at the end of each piece, so
  /// that a view into the piece's bytes stays valid until then.
  struct key_op {
    const key_set* set;  // the set it looks in (a reference's target)
    std::uint64_t hash;
    /// The value and the key: a view into the piece, or bytes in op_bytes_ at the offset given
    /// (a value with a doubled quote undone, a key folded) when `*_copied`.
    const char* value;
    const char* key;
    std::uint32_t value_size, key_size;
    std::uint8_t kind;  // key_kind
    bool value_copied, key_copied;
    std::uint16_t plan;  // the column
    cell_at at;
  };
  static constexpr std::size_t k_key_batch = 64;
  std::array<key_op, k_key_batch> ops_{};
  std::size_t op_count_ = 0;
  std::string op_bytes_;  // the copied values and keys of the batch
  key_op& next_op(std::uint8_t kind, const key_set* set, std::uint16_t plan, std::string_view value, bool copied,
                  const cell_at& at);
  void queue(key_op& o, std::string_view key);

  // The file being checked.
  const file_def* def_ = nullptr;
  const folder_context* ctx_ = nullptr;
  const role_settings* role_ = nullptr;  // the role's settings when the profile's rules apply
  std::size_t file_ = 0;
  std::size_t base_offset_ = 0;  // file offset of the piece being read
  std::uint64_t base_line_ = 1;  // file line of its first byte
  std::uint64_t rows_ = 0;
  std::size_t header_fields_ = 0;
  bool header_done_ = false, saw_blank_ = false, bom_ = false;
  bool stopped_ = false;       // csv-syntax: nothing more is read
  bool encoding_bad_ = false;  // csv-encoding: the file is reported alone
  bool complete_ = false;      // read to its end without csv-syntax (its ID set is whole)
  bool cr_counted_ = false;    // count_lines counted a CR at the end of what it saw as a line end
  int read_error_ = 0;
  std::size_t line_start_offset_ = 0;  // file offset of the line the buffer starts in
  // The term date columns (csv-term-dates-reversed) and the row's dates in them.
  static constexpr std::size_t no_column = static_cast<std::size_t>(-1);
  std::size_t term_start_index_ = no_column, term_end_index_ = no_column;
  std::optional<detail::civil_date> term_start_, term_end_;
};

}  // namespace sdsprofile::csv
