#include "csv/file_check.hpp"

#include <algorithm>
#include <cstring>

#include "retained.hpp"
#include "text_rules.hpp"
#include "word_loads.hpp"

namespace sdsprofile::csv {
namespace {

using detail::csv_field;
using detail::csv_record;

constexpr char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// "Folding case and white space" (docs/csv-rules.md "Decisions"): the header trimmed, each run of
// white space one space, ASCII letters in lower case.
std::string fold_header(std::string_view s) {
  s = detail::trim_white_space(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (const std::size_t n = detail::white_space_at(s, i); n != 0) {
      if (!out.ends_with(' ')) out += ' ';
      i += n;
      continue;
    }
    out += lower(s[i++]);
  }
  return out;
}

std::string_view role_name(role r) noexcept { return r == role::student ? "student" : "teacher"; }

// Whether a cell (of a column with a fast path, file_checker::fast_path) is neither blank, nor too long, nor
// has white space at either end, judged from its size and its two end bytes: printable ASCII at both
// ends (white space and control characters are below '!', or not ASCII) and no more bytes than the
// limit has characters. A cell this cannot tell goes through check_cell.
inline bool clearly_fine(const csv_field& f, std::size_t limit) noexcept {
  const std::string_view v = f.text;
  if (v.size() - 1 >= limit) return false;  // empty (the subtraction wraps) or more bytes than the limit
  // '!' to 0x7F at both ends, each with one comparison; the two flags without branches.
  const auto first = static_cast<unsigned char>(v.front() - '!');
  const auto last = static_cast<unsigned char>(v.back() - '!');
  return (first < 0x80 - '!') & (last < 0x80 - '!') & !(f.line_break | f.doubled_quotes);
}

// Whether every byte of `s` is an ASCII letter, a word at a time: each byte with bit 5 set (lower
// case) must be 'a' to 'z' and below 0x80. 1 to 16 bytes (longer: false).
inline bool all_letters(std::string_view s) noexcept {
  const auto letters = [](std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
    const std::uint64_t t = (w | ones * 0x20) & ones * 0x7F;
    const std::uint64_t at_least_a = t + ones * (0x80 - 'a'), above_z = t + ones * (0x80 - 'z' - 1);
    return (at_least_a & ~above_z & ~w & high) == high;
  };
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n >= 8 && n <= 16) return letters(detail::load8(p)) && letters(detail::load8(p + n - 8));
  if (n >= 4 && n < 8) return letters(detail::load4(p) | detail::load4(p + n - 4) << 32);
  return false;
}

// Whether one of the 8 bytes of `w` is an ASCII capital letter ('A' to 'Z', below 0x80).
constexpr bool any_capital(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
  const std::uint64_t t = w & ones * 0x7F;
  const std::uint64_t at_least_a = t + ones * (0x80 - 'A'), above_z = t + ones * (0x80 - 'Z' - 1);
  return (at_least_a & ~above_z & ~w & high) != 0;
}

// Whether `s` holds an ASCII capital letter: 8 bytes at a time (the last word overlaps the one
// before it), a byte at a time below 4 bytes.
inline bool has_capital(std::string_view s) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n < 4) return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (n < 8) return any_capital(detail::load4(p) | detail::load4(p + n - 4) << 32);
  for (std::size_t i = 0; i + 8 < n; i += 8)
    if (any_capital(detail::load8(p + i))) return true;
  return any_capital(detail::load8(p + n - 8));
}

// What a deferred key operation does (file_checker::key_op).
enum key_kind : std::uint8_t { insert_id, insert_username, insert_matching_key, look_up_reference };

}  // namespace

file_checker::file_checker(std::size_t chunk_bytes) : chunk_bytes_(std::max<std::size_t>(chunk_bytes, 64)) {}

template <class Make>
void file_checker::emit(const cell_at& at, place kind, std::string_view field, Make&& make) {
  using kind_type = std::decay_t<decltype(make())>;
  if (!found_.wants(at.offset)) {
    found_.drop(kind_type::id);
    return;
  }
  found_.add(located{at.offset, at.line, at.column, kind, true, field, 0, make()});
}

// A finding about the file or a column as a whole, which has no place in it: line 1, column 1.
template <class Make>
void file_checker::emit_unlocated(place kind, std::string_view field, Make&& make) {
  using kind_type = std::decay_t<decltype(make())>;
  if (!found_.wants(0)) {
    found_.drop(kind_type::id);
    return;
  }
  found_.add(located{0, 1, 1, kind, false, field, 0, make()});
}

// Appends `s` to op_bytes_ in lower case (ASCII letters), then '@' and `suffix` in lower case when
// there is a suffix; returns where it starts.
std::size_t file_checker::copy_folded(std::string_view s, std::string_view suffix) {
  const std::size_t begin = op_bytes_.size();
  op_bytes_.resize(begin + s.size() + (suffix.empty() ? 0 : 1 + suffix.size()));
  char* out = op_bytes_.data() + begin;
  for (const char c : s) *out++ = lower(c);
  if (!suffix.empty()) {
    *out++ = '@';
    for (const char c : suffix) *out++ = lower(c);
  }
  return begin;
}

const key_set* file_checker::reference_target() const noexcept {
  if (!complete_ || encoding_bad_ || read_error_ != 0 || def_ == nullptr || def_->id_column < 0) return nullptr;
  for (const column_plan& p : plans_)
    if (p.column == def_->id_column && p.rules != 0) return &ids_;
  return nullptr;
}

void file_checker::release() noexcept {
  ids_.clear();
  usernames_.clear();
  matching_keys_.clear();
  if (buffer_.capacity() > 2 * chunk_bytes_) std::vector<char>().swap(buffer_);
  detail::release_outsized(found_.storage());
  detail::release_outsized(reader_.field_storage());
  detail::release_outsized(reader_.scratch_storage());
  detail::release_outsized(op_bytes_);
}

void file_checker::begin(std::size_t file, const folder_context& ctx, std::size_t max_findings) {
  def_ = &ctx.tables->files[file];
  ctx_ = &ctx;
  file_ = file;
  role_ = ctx.profile != nullptr ? ctx.profile->role_of(file) : nullptr;
  const auto& special = ctx.tables->figures.special_character_bytes;
  letters_never_special_ = true;
  for (int c = 'A'; c <= 'z'; ++c)
    if ((c <= 'Z' || c >= 'a') && special[static_cast<std::size_t>(c)]) letters_never_special_ = false;
  found_.reset(max_findings);
  ids_.clear();
  usernames_.clear();
  matching_keys_.clear();
  plans_.clear();
  active_.clear();
  steps_.clear();
  op_count_ = 0;
  op_bytes_.clear();
  base_offset_ = 0;
  base_line_ = 1;
  rows_ = 0;
  header_fields_ = 0;
  line_start_offset_ = 0;
  term_start_index_ = term_end_index_ = no_column;
  header_done_ = saw_blank_ = bom_ = stopped_ = encoding_bad_ = complete_ = cr_counted_ = false;
  read_error_ = 0;
}

void file_checker::check(std::size_t file, std::string_view bytes, const folder_context& ctx,
                         std::size_t max_findings) {
  begin(file, ctx, max_findings);
  if (!detail::valid_utf8(bytes)) {
    encoding_failure(bytes, detail::first_invalid_utf8(bytes));
    return;
  }
  read_piece(bytes, {.file_start = true, .final = true, .validated = true});
  complete_ = !stopped_;
  finish();
  if (ctx.progress != nullptr) ctx.progress->fetch_add(bytes.size(), std::memory_order_relaxed);
}

// The file in chunks: each chunk is validated as UTF-8 (up to a character that the next chunk may
// complete), then read; the record the chunk ends in is kept for the next one. After csv-syntax,
// the rest is only validated, since a file that is not UTF-8 is reported alone.
void file_checker::check(std::size_t file, chunk_source& source, const folder_context& ctx, std::size_t max_findings) {
  begin(file, ctx, max_findings);
  std::size_t held = 0;       // bytes at the start of buffer_ kept from the previous chunk
  std::size_t validated = 0;  // bytes at the start of buffer_ known to be UTF-8
  for (bool end = false; !end;) {
    // Read at least a chunk; as much again as is held when a record is longer than a chunk, so that
    // a long record is read again only a logarithmic number of times.
    const std::size_t want = std::max(chunk_bytes_, held);
    if (buffer_.size() < held + want) buffer_.resize(held + want);
    std::size_t size = held;
    while (size < held + want) {
      int error = 0;
      const std::ptrdiff_t n = source.read(std::span<char>(buffer_.data() + size, held + want - size), error);
      if (n < 0) {
        read_error_ = error;
        return;
      }
      if (n == 0) {
        end = true;
        break;
      }
      size += static_cast<std::size_t>(n);
      if (ctx.progress != nullptr) ctx.progress->fetch_add(static_cast<std::uint64_t>(n), std::memory_order_relaxed);
    }
    const std::string_view bytes(buffer_.data(), size);
    const std::size_t checkable = end ? size : size - detail::incomplete_utf8_tail(bytes);
    if (!detail::valid_utf8(bytes.substr(validated, checkable - validated))) {
      encoding_failure(bytes, validated + detail::first_invalid_utf8(bytes.substr(validated, checkable - validated)));
      return;
    }
    validated = checkable;
    std::size_t keep_from = checkable;  // after csv-syntax: only an unfinished character is kept
    if (!stopped_) {
      read_piece(bytes, {.file_start = base_offset_ == 0, .final = end, .validated = true});
      // csv-syntax in this piece: its lines are counted from its start, which starts a line.
      if (!stopped_ && !end) {
        keep_from = reader_.pending();
        if (keep_from == 3 && base_offset_ == 0 && reader_.bom()) keep_from = 0;  // columns count the BOM
        if (keep_from == 0 && size >= max_buffered_record) {                      // one record fills the buffer
          if (read_mapped(source, validated)) return;
        }
        base_line_ += reader_.line() - 1;
      }
    }
    if (stopped_ && !end) count_lines(bytes.substr(0, keep_from), true);
    if (end) break;
    if (base_offset_ == 0 && rows_ > 0 && keep_from > 0)  // the first piece: size the ID sets for the file
      reserve_keys(rows_ * (source.size_hint() / keep_from + 1));
    base_offset_ += keep_from;
    if (!stopped_) line_start_offset_ = base_offset_;  // a pending record starts a line
    held = size - keep_from;
    std::memmove(buffer_.data(), buffer_.data() + keep_from, held);
    validated -= std::min(validated, keep_from);
  }
  complete_ = !stopped_;
  finish();
}

// The rest of the file from a memory map, as one final piece (a record longer than
// max_buffered_record). False when the file cannot be mapped: the buffer grows instead.
bool file_checker::read_mapped(chunk_source& source, std::size_t validated) {
  const std::optional<std::string_view> rest = source.map_rest(base_offset_);
  if (!rest) return false;
  const std::string_view tail = rest->substr(std::min(validated, rest->size()));
  if (!detail::valid_utf8(tail)) {
    encoding_failure(*rest, validated + detail::first_invalid_utf8(tail));
    return true;
  }
  read_piece(*rest, {.file_start = base_offset_ == 0, .final = true, .validated = true});
  complete_ = !stopped_;
  finish();
  return true;
}

// Lines of bytes only validated (after csv-syntax), so that a later csv-encoding has its line.
void file_checker::count_lines(std::string_view consumed, bool more_follows) {
  for (std::size_t i = 0; i < consumed.size(); ++i) {
    const char c = consumed[i];
    if (c == '\n' && i == 0 && cr_counted_) {  // the LF of a CRLF whose CR ended the last piece
      line_start_offset_ = base_offset_ + 1;
    } else if (c == '\n' || (c == '\r' && (i + 1 >= consumed.size() || consumed[i + 1] != '\n'))) {
      ++base_line_;
      line_start_offset_ = base_offset_ + i + 1;
    }
  }
  cr_counted_ = more_follows && !consumed.empty() && consumed.back() == '\r';
}

// csv-encoding: the file is reported alone (docs/csv-rules.md "Decisions"), at its first bad byte.
void file_checker::encoding_failure(std::string_view buffer, std::size_t bad) {
  encoding_bad_ = true;
  found_.forget();
  op_count_ = 0;
  op_bytes_.clear();
  std::uint64_t line = base_line_;
  std::size_t line_start = line_start_offset_;  // file offset
  for (std::size_t i = 0; i < bad; ++i) {
    const char c = buffer[i];
    if (c == '\n' && i == 0 && cr_counted_) {
      line_start = base_offset_ + 1;
    } else if (c == '\n' || (c == '\r' && (i + 1 >= buffer.size() || buffer[i + 1] != '\n'))) {
      ++line;
      line_start = base_offset_ + i + 1;
    }
  }
  const std::size_t offset = base_offset_ + bad;
  emit({offset, line, offset - line_start + 1}, place::file, {}, [] { return finding::encoding{}; });
}

void file_checker::read_piece(std::string_view bytes, detail::csv_piece piece) {
  reader_.reset(bytes, piece);
  if (reader_.bom() && !bom_) {
    bom_ = true;
    emit({0, 1, 1}, place::file, {}, [] { return finding::bom{}; });
  }
  while (reader_.next()) {
    const csv_record& r = reader_.record();
    if (r.blank) {
      saw_blank_ = true;
      emit(where(r.at), place::record, {}, [] { return finding::blank_line{}; });
    } else if (!header_done_) {
      on_header(r);
    } else {
      on_row(r);
    }
  }
  flush_keys();  // the batch's views point into these bytes
  if (reader_.error().failure != detail::csv_failure::none) on_failure(reader_.error());
}

// csv-syntax at the cell where the offending field starts: under its column's header when the
// header has one there, else at the record.
void file_checker::on_failure(const detail::csv_error& e) {
  stopped_ = true;
  const cell_at at = where(e.field), offending = where(e.at);
  const bool under_header = header_done_ && e.field_index < plans_.size();
  emit(at, under_header ? place::cell : place::record, under_header ? plans_[e.field_index].header : std::string_view{},
       [&] {
         return finding::syntax{e.failure, offending.line, offending.column};
       });
}

// --- The header: docs/csv-rules.md "Headers" ----------------------------------------------------------

void file_checker::on_header(const csv_record& r) {
  header_done_ = true;
  header_fields_ = r.field_count;
  plans_.resize(r.fields.size());
  for (std::size_t i = 0; i < r.fields.size(); ++i) plan_column(i, reader_.value(r.fields[i]), r.fields[i]);
  for (std::size_t i = 0; i < plans_.size(); ++i) {
    if (plans_[i].rules == 0) continue;
    if (plans_[i].column == def_->term_start) term_start_index_ = i;
    if (plans_[i].column == def_->term_end) term_end_index_ = i;
  }
  // Required columns absent (a header-case one counts: its plan has the column).
  for (std::size_t c = 0; c < def_->columns.size(); ++c) {
    const column_def& col = def_->columns[c];
    if ((col.rules & rules::required) == 0) continue;
    const bool present = std::any_of(plans_.begin(), plans_.end(),
                                     [c](const column_plan& p) { return p.column == static_cast<int>(c); });
    if (!present)
      emit_unlocated(place::cell, col.name, [&] { return finding::required_column_missing{col.name, def_}; });
  }
  if (ctx_->profile != nullptr) plan_profile_columns();
  plan_fast_paths();
}

// The columns the profile names: those it enables, and the role's matching column.
void file_checker::plan_profile_columns() {
  // Columns the profile enables: only names it lists that are optional columns of the file.
  for (const std::string& name : ctx_->profile->enabled[file_]) {
    const auto it = std::find_if(def_->columns.begin(), def_->columns.end(), [&](const column_def& c) {
      return c.name == name && (c.rules & rules::optional) != 0;
    });
    if (it == def_->columns.end()) continue;
    const auto c = static_cast<int>(it - def_->columns.begin());
    bool present = false;
    for (column_plan& p : plans_)
      if (p.column == c && p.rules != 0) p.enabled = present = true;
    if (!present)
      emit_unlocated(place::cell, it->name, [&] { return finding::enabled_column_missing{it->name, def_->entity}; });
  }
  // The matching column: a header (or a known column's header-case spelling) named as the profile
  // names it.
  if (role_ != nullptr && ctx_->profile->identity == identity_kind::matching && role_->has_matching) {
    bool present = false;
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      column_plan& p = plans_[i];
      const bool named = p.column >= 0 ? def_->columns[static_cast<std::size_t>(p.column)].name == role_->source
                                       : p.header == role_->source;
      if (!named || present) continue;
      present = p.matching = true;
      if (p.rules == 0 && p.column < 0) active_.push_back(static_cast<std::uint16_t>(i));  // an unknown column
    }
    if (!present)
      emit_unlocated(place::cell, role_->source, [&] {
        return finding::matching_column_missing{role_->source, role_name(def_->user_role), def_};
      });
  }
  std::sort(active_.begin(), active_.end());
}

// Which columns' cells may skip check_cell (column_plan::fast_path), once the header has said
// what each column runs. The UPN and password rules count only under identity creation.
void file_checker::plan_fast_paths() {
  constexpr std::uint32_t every_value = rules::required | rules::optional | rules::identity | rules::name_length;
  const rule_figures& figures = ctx_->tables->figures;
  const profile_settings* profile = ctx_->profile;
  const bool creation = profile != nullptr && profile->identity == identity_kind::creation && role_ != nullptr;
  for (column_plan& p : plans_) {
    p.limit = static_cast<std::uint32_t>((p.rules & rules::name_length) != 0 ? figures.max_name_characters
                                                                             : figures.max_characters);
    p.target = nullptr;
    bool references = false;
    if (p.column >= 0) {
      const column_def& col = def_->columns[static_cast<std::size_t>(p.column)];
      references = col.references >= 0;
      if (references) p.target = ctx_->targets[static_cast<std::size_t>(col.references)];
    }
    const std::uint32_t extra = p.rules & ~every_value & (creation ? ~0U : ~(rules::upn | rules::password));
    p.fast = fast_path::none;
    if (p.rules == 0 || p.matching) continue;
    if (extra == 0 && !references)
      p.fast = fast_path::plain;
    else if (extra == rules::special_characters && !references)
      p.fast = fast_path::names;
    else if (extra == rules::email && !references)
      p.fast = fast_path::email;
    else if ((extra & ~rules::unique) == rules::id)
      p.fast = fast_path::id;
    else if (extra == rules::unique_ignoring_case && !references)
      p.fast = fast_path::username;
    else if (extra == rules::date && !references && p.column != def_->term_start && p.column != def_->term_end)
      p.fast = fast_path::date;
  }
  steps_.clear();
  for (const std::uint16_t i : active_)
    steps_.push_back(
        {.index = i,
         .fast = plans_[i].fast,
         .limit = plans_[i].limit,
         .field_bytes = static_cast<std::uint32_t>(i * sizeof(csv_field)),
         .empty_is_fine = (plans_[i].rules & rules::required) == 0 && !plans_[i].matching && !plans_[i].enabled});
}

void file_checker::plan_column(std::size_t index, std::string_view name, const csv_field& f) {
  column_plan& p = plans_[index];
  p = column_plan{};
  p.header.assign(name);
  const cell_at at = where(reader_.position(f));
  p.offset = at.offset;
  p.column_number = at.column;
  const auto columns = def_->columns;
  auto exact = std::find_if(columns.begin(), columns.end(), [&](const column_def& c) { return c.name == name; });
  if (exact == columns.end()) {  // csv-header-case: the same name after folding case and white space
    const std::string folded_name = fold_header(name);
    exact = std::find_if(columns.begin(), columns.end(),
                         [&](const column_def& c) { return fold_header(c.name) == folded_name; });
    if (exact != columns.end())
      emit(at, place::cell, p.header, [&] { return finding::header_case{excerpt(name), exact->name}; });
  }
  if (exact == columns.end()) {
    const bool uk = std::find(def_->uk_headers.begin(), def_->uk_headers.end(), name) != def_->uk_headers.end();
    emit(at, place::cell, p.header, [&] { return finding::unknown_column{excerpt(name), def_, uk}; });
    return;
  }
  const auto c = static_cast<std::int16_t>(exact - columns.begin());
  for (std::size_t i = 0; i < index; ++i)
    if (plans_[i].column == c) {
      const std::uint64_t first = plans_[i].column_number;
      emit(at, place::cell, p.header, [&] { return finding::duplicate_column{excerpt(name), exact->name, first}; });
      return;  // the later column is not read
    }
  p.column = c;
  if ((exact->rules & rules::deprecated) != 0) {
    emit(at, place::cell, p.header, [&] { return finding::deprecated_column{exact->name}; });
    return;
  }
  p.rules = exact->rules;
  active_.push_back(static_cast<std::uint16_t>(index));
}

// --- Rows: docs/csv-rules.md "Values", "References between files" and the profile rules ---------------

void file_checker::on_first_row() {
  if (role_ == nullptr) return;
  const identity_kind identity = ctx_->profile->identity;
  const std::string_view role = role_name(def_->user_role);
  if (identity == identity_kind::creation && !role_->has_domain)
    emit_unlocated(place::file, {}, [&] { return finding::role_without_domain{role}; });
  if (identity == identity_kind::matching && !role_->has_matching)
    emit_unlocated(place::file, {}, [&] { return finding::role_without_matching{role}; });
}

void file_checker::on_row(const csv_record& r) {
  ++rows_;
  if (rows_ == 1) on_first_row();
  if (rows_ == ctx_->tables->figures.max_data_rows + 1) {
    const std::uint64_t limit = ctx_->tables->figures.max_data_rows;
    emit(where(r.at), place::file, {}, [&] { return finding::too_many_rows{limit}; });
  }
  if (r.field_count != header_fields_) {
    const std::size_t expected = header_fields_;
    emit(where(r.at), place::record, {}, [&] { return finding::field_count{r.field_count, expected}; });
    return;
  }
  term_start_.reset();
  term_end_.reset();
  const auto* const fields = reinterpret_cast<const unsigned char*>(r.fields.data());
  for (const cell_step& step : steps_) {
    const auto& f = *reinterpret_cast<const csv_field*>(fields + step.field_bytes);
    if (step.fast != fast_path::none && check_fast(step, f)) continue;
    if (step.empty_is_fine && f.text.empty()) continue;  // check_cell would find nothing and count nothing
    check_cell(step.index, f);
  }
  if (term_start_ && term_end_ && before(*term_end_, *term_start_)) {
    const csv_field& end_field = r.fields[term_end_index_];
    const cell_at at = where(reader_.position(end_field));
    if (found_.wants(at.offset)) {
      excerpt end_text(reader_.value(end_field));  // value() reuses its buffer: one at a time
      excerpt start_text(reader_.value(r.fields[term_start_index_]));
      emit(at, place::cell, plans_[term_end_index_].header, [&] {
        return finding::term_dates_reversed{std::move(start_text), std::move(end_text)};
      });
    } else {
      found_.drop(code::csv_term_dates_reversed);
    }
  }
}

// defer() for a key that is its value, a view into the piece (no copy, no folding): the ID fast
// path's inserts and look-ups, kept inline.
inline void file_checker::defer_view(std::uint8_t kind, const key_set* set, std::uint16_t plan, std::string_view value,
                                     const cell_at& at) {
  queue(next_op(kind, set, plan, value, false, at), value);
}

// defer() of a username that is a view into the piece: its key is the value folded to lower case,
// copied only when it has a capital letter (the username fast path, kept inline).
inline void file_checker::defer_username_view(std::uint16_t plan, std::string_view value, const cell_at& at) {
  key_op& o = next_op(insert_username, &usernames_, plan, value, false, at);
  if (!has_capital(value)) {
    queue(o, value);
    return;
  }
  const std::size_t key_begin = copy_folded(value, {});
  o.key = reinterpret_cast<const char*>(key_begin);
  o.key_copied = true;
  queue(o, std::string_view(op_bytes_.data() + key_begin, value.size()));
}

// The next key operation, every field but the hash filled in: its key is its value, at `value`
// or, when `copied`, at that offset of op_bytes_.
inline file_checker::key_op& file_checker::next_op(std::uint8_t kind, const key_set* set, std::uint16_t plan,
                                                   std::string_view value, bool copied, const cell_at& at) {
  key_op& o = ops_[op_count_++];
  o.set = set;
  o.value = o.key = value.data();
  o.value_size = o.key_size = static_cast<std::uint32_t>(value.size());
  o.kind = kind;
  o.value_copied = o.key_copied = copied;
  o.plan = plan;
  o.at = at;
  return o;
}

// The operation's key is hashed and its slot asked for; a full batch is run.
inline void file_checker::queue(key_op& o, std::string_view key) {
  o.hash = key_hash(key);
  o.set->prefetch(o.hash);
  if (op_count_ == k_key_batch) [[unlikely]]
    flush_keys();
}

// A cell of a column with a fast path: true when it is done (check_cell would find nothing in it
// and would defer the same key operations), false when check_cell must look at it.
inline bool file_checker::check_fast(const cell_step& step, const csv_field& f) {
  if (!clearly_fine(f, step.limit)) return false;
  if (step.fast == fast_path::plain) return true;  // the most common columns, before the switch
  const std::string_view value = f.text;           // no doubled quote: the text is the value
  const std::uint16_t index = step.index;
  switch (step.fast) {
    case fast_path::plain:
      return true;
    case fast_path::names:
      return (letters_never_special_ && all_letters(value)) || special_character(value, ctx_->tables->figures) == 0;
    case fast_path::email:
      return email_(value);
    case fast_path::id: {
      if (id_format_problem(value) != std::string_view::npos) return false;
      const column_plan& plan = plans_[index];
      if ((plan.rules & rules::unique) != 0) defer_view(insert_id, &ids_, index, value, where(reader_.position(f)));
      if (plan.target != nullptr) defer_view(look_up_reference, plan.target, index, value, where(reader_.position(f)));
      return true;
    }
    case fast_path::username:
      defer_username_view(index, value, where(reader_.position(f)));
      return true;
    case fast_path::date:  // csv-date-not-iso and -format-mixed need another form
      return plans_[index].first_form == date_form::iso_dashes && is_iso_dashes_date(value);
    case fast_path::none:
      break;
  }
  return false;
}

void file_checker::check_cell(std::uint16_t index, const csv_field& f) {
  column_plan& plan = plans_[index];
  const std::string_view value = reader_.value(f);
  const cell_at at = where(reader_.position(f));
  const std::uint32_t rules = plan.rules;
  if (f.line_break) emit(at, place::cell, plan.header, [&] { return finding::line_break_in_field{plan.header}; });
  // Blank: a required value missing, else nothing more to check (empty optional values are not
  // checked by value rules).
  const auto first = value.empty() ? 0 : static_cast<unsigned char>(value.front());
  if (value.empty() || ((first <= ' ' || first >= 0x80) && is_blank(value))) {
    const bool white_space = !value.empty();
    if ((rules & rules::required) != 0) {
      const std::string_view name = def_->columns[static_cast<std::size_t>(plan.column)].name;
      emit(at, place::cell, plan.header, [&] { return finding::required_value_missing{name, white_space}; });
    } else if (plan.matching) {
      emit(at, place::cell, plan.header, [&] { return finding::matching_value_missing{plan.header}; });
    }
    if (plan.enabled) ++plan.empty_rows;
    return;
  }
  const rule_figures& figures = ctx_->tables->figures;
  const std::size_t limit = (rules & rules::name_length) != 0 ? figures.max_name_characters : figures.max_characters;
  if (value.size() > limit) {
    const std::size_t characters = code_points(value);
    if (characters > limit)
      emit(at, place::cell, plan.header, [&] { return finding::value_too_long{plan.header, characters, limit}; });
  }
  if ((rules & rules::special_characters) != 0) {
    if (const char c = special_character(value, figures); c != 0) {
      const bool replaced = ctx_->profile != nullptr && ctx_->profile->replace_special_characters;
      emit(at, place::cell, plan.header, [&] {
        return finding::special_characters{excerpt(value), plan.header, c, replaced};
      });
    }
  }
  const bool well_formed = check_shape(plan, value, at);
  if ((rules & rules::unique) != 0) defer(insert_id, &ids_, index, value, f.doubled_quotes, at);
  if ((rules & rules::unique_ignoring_case) != 0)
    defer(insert_username, &usernames_, index, value, f.doubled_quotes, at);
  if (well_formed && plan.column >= 0) {
    const column_def& col = def_->columns[static_cast<std::size_t>(plan.column)];
    if (col.references >= 0) {
      if (const key_set* target = ctx_->targets[static_cast<std::size_t>(col.references)])
        defer(look_up_reference, target, index, value, f.doubled_quotes, at);
    }
  }
  if (well_formed && plan.matching) defer(insert_matching_key, &matching_keys_, index, value, f.doubled_quotes, at);
  if ((rules & rules::date) != 0 && well_formed) check_date_cell(plan, value, at);
}

// Room in the ID sets this file fills for about `rows` rows, so that they do not grow (each growth
// reads every key again) and hold no table twice the size they need.
void file_checker::reserve_keys(std::uint64_t rows) {
  const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(rows, std::uint64_t{1} << 32));
  for (const column_plan& p : plans_) {
    if ((p.rules & rules::unique) != 0) ids_.reserve(n);
    if ((p.rules & rules::unique_ignoring_case) != 0) usernames_.reserve(n);
    if (p.matching) matching_keys_.reserve(n);
  }
}

// `scratch`: the value is in the reader's scratch buffer (a doubled quote undone), which the next
// value reuses, so it is copied.
void file_checker::defer(std::uint8_t kind, const key_set* set, std::uint16_t plan, std::string_view value,
                         bool scratch, const cell_at& at) {
  std::size_t key_begin = 0;
  if (scratch) {
    key_begin = op_bytes_.size();
    op_bytes_.append(value);
  }
  key_op& o =
      next_op(kind, set, plan,
              scratch ? std::string_view(reinterpret_cast<const char*>(key_begin), value.size()) : value, scratch, at);
  if (kind == insert_username || kind == insert_matching_key) {
    const std::string_view suffix = kind == insert_matching_key && role_->has_target_domain
                                        ? std::string_view(role_->target_domain)
                                        : std::string_view{};
    // Only a key with a capital letter or a suffix differs from its value.
    if (!suffix.empty() || has_capital(value)) {
      key_begin = copy_folded(value, suffix);
      o.key_size = static_cast<std::uint32_t>(op_bytes_.size() - key_begin);
      o.key = reinterpret_cast<const char*>(key_begin);
      o.key_copied = true;
      if (scratch) o.value = reinterpret_cast<const char*>(key_begin - value.size());
    }
  }
  const char* key = o.key_copied ? op_bytes_.data() + key_begin : o.key;
  queue(o, std::string_view(key, o.key_size));
}

// The deferred key operations, in the order they were made: first the bytes of the keys their
// slots point at are asked for (the slots have arrived by then), then the operations are done.
void file_checker::flush_keys() {
  const std::span<key_op> ops(ops_.data(), op_count_);
  const char* const copied = op_bytes_.data();
  for (key_op& o : ops) {  // the copies are in place now: their offsets become pointers
    if (o.value_copied) o.value = copied + reinterpret_cast<std::uintptr_t>(o.value);
    if (o.key_copied) o.key = copied + reinterpret_cast<std::uintptr_t>(o.key);
    // A look-up that finds a key longer than a slot holds compares its stored bytes.
    if (o.kind == look_up_reference && o.key_size > key_set::inline_key_bytes)
      o.set->prefetch_keys(std::string_view(o.key, o.key_size), o.hash);
  }
  for (const key_op& o : ops) {
    const std::string_view value(o.value, o.value_size);
    const std::string_view key(o.key, o.key_size);
    const column_plan& plan = plans_[o.plan];
    switch (o.kind) {
      case insert_id:
        if (!ids_.insert(key, o.hash))
          emit(o.at, place::cell, plan.header, [&] { return finding::duplicate_id{excerpt(value), plan.header}; });
        break;
      case insert_username:
        if (!usernames_.insert(key, o.hash))
          emit(o.at, place::cell, plan.header, [&] { return finding::duplicate_username{excerpt(value)}; });
        break;
      case insert_matching_key:
        if (!matching_keys_.insert(key, o.hash))
          emit(o.at, place::cell, plan.header, [&] { return finding::matching_duplicate_key{excerpt(key)}; });
        break;
      case look_up_reference:
        if (!o.set->contains(key, o.hash)) {
          const column_def& col = def_->columns[static_cast<std::size_t>(plan.column)];
          if (col.dangling == code::csv_dangling_school)
            emit(o.at, place::cell, plan.header, [&] { return finding::dangling_school{excerpt(value)}; });
          else
            emit(o.at, place::cell, plan.header, [&] {
              return finding::dangling_reference{excerpt(value), col.name,
                                                 &ctx_->tables->files[static_cast<std::size_t>(col.references)]};
            });
        }
        break;
      default:
        break;
    }
  }
  op_count_ = 0;
  op_bytes_.clear();
}

// The value rules of which a cell gets one finding at most, in this order: the ID's format, the
// UPN of identity creation, the matching value's format, white space, then the e-mail, date and
// password rules. True when none fired (the cell is then used in references and keys).
bool file_checker::check_shape(column_plan& plan, std::string_view value, const cell_at& at) {
  const std::uint32_t rules = plan.rules;
  const rule_figures& figures = ctx_->tables->figures;
  if ((rules & rules::id) != 0) {
    if (const std::size_t bad = id_format_problem(value); bad != std::string_view::npos) {
      std::uint32_t character = static_cast<unsigned char>(value[bad]);
      if (character >= 0x80) {  // a two or three-byte character: decode it for the message
        const std::size_t n = character >= 0xE0 ? 3 : 2;
        character = n == 2 ? (character & 0x1F) << 6 | (static_cast<unsigned char>(value[bad + 1]) & 0x3F)
                           : (character & 0x0F) << 12 | (static_cast<unsigned char>(value[bad + 1]) & 0x3F) << 6 |
                                 (static_cast<unsigned char>(value[bad + 2]) & 0x3F);
      }
      emit(at, place::cell, plan.header, [&] { return finding::id_format{excerpt(value), plan.header, character}; });
      return false;
    }
    if ((rules & rules::section_alias) != 0) {
      if (const alias_check a = check_section_alias(value, figures); a.problem != alias_problem::none)
        emit(at, place::cell, plan.header, [&] { return finding::section_alias{excerpt(value), a, value.size()}; });
    }
    return true;
  }
  const profile_settings* profile = ctx_->profile;
  const bool creation = profile != nullptr && profile->identity == identity_kind::creation && role_ != nullptr;
  if ((rules & rules::upn) != 0 && creation) {
    const std::string_view domain = role_->has_domain ? std::string_view(role_->domain) : std::string_view{};
    if (value.find('@') != std::string_view::npos) {
      emit(at, place::cell, plan.header, [&] { return finding::username_has_domain{excerpt(value), domain}; });
      return false;
    }
    if (const upn_check u = check_upn(value, domain, figures); u.problem != upn_problem::none) {
      emit(at, place::cell, plan.header, [&] {
        return finding::upn_invalid{excerpt(value), u.problem, excerpt(u.character), u.length, domain};
      });
      return false;
    }
    return true;
  }
  if (plan.matching) {
    const bool has_domain = role_->has_target_domain;
    const bool email_source = role_->source == "Secondary Email";
    const auto& targets = ctx_->tables->targets_needing_domain;
    const bool needs_domain = !has_domain && std::find(targets.begin(), targets.end(), role_->target) != targets.end();
    std::optional<finding::matching_problem> problem;
    if (id_format_problem(value) != std::string_view::npos)
      problem = finding::matching_problem::white_space;
    else if (email_source && has_domain)
      problem = finding::matching_problem::email_with_domain;
    else if (has_domain && value.find('@') != std::string_view::npos)
      problem = finding::matching_problem::domain_twice;
    else if (email_source && !is_email(value))
      problem = finding::matching_problem::not_email;
    else if (needs_domain && value.find('@') == std::string_view::npos)
      problem = finding::matching_problem::no_domain;
    if (problem) {
      emit(at, place::cell, plan.header, [&] {
        return finding::matching_value_format{excerpt(value), plan.header, *problem, role_->target,
                                              role_->target_domain};
      });
      return false;
    }
    return true;
  }
  if (has_surrounding_space(value)) {
    emit(at, place::cell, plan.header, [&] { return finding::whitespace{excerpt(value), plan.header}; });
    return false;
  }
  if ((rules & rules::email) != 0 && !email_(value)) {
    emit(at, place::cell, plan.header, [&] { return finding::email_syntax{excerpt(value), plan.header}; });
    return false;
  }
  if ((rules & rules::password) != 0 && creation) {
    if (const password_check p = check_password(value, figures); p.problem != password_problem::none) {
      emit(at, place::cell, plan.header, [&] { return finding::password_policy{p}; });
      return false;
    }
  }
  return true;
}

void file_checker::check_date_cell(column_plan& plan, std::string_view value, const cell_at& at) {
  const date_check d = check_date(value);
  if (!d.date) {
    emit(at, place::cell, plan.header, [&] {
      return finding::invalid_date{excerpt(value), plan.header, d.suggestion};
    });
    return;
  }
  const auto form_name = [this](date_form form) {
    for (const date_form_def& f : ctx_->tables->date_forms)
      if (f.form == form) return f;
    return ctx_->tables->date_forms.front();
  };
  const date_form_def form = form_name(d.date->form);
  if (!form.iso && !plan.reported_not_iso) {
    plan.reported_not_iso = true;
    emit(at, place::cell, plan.header, [&] {
      return finding::date_not_iso{excerpt(value), plan.header, d.date->date};
    });
  }
  if (!plan.first_form) {
    plan.first_form = d.date->form;
  } else if (*plan.first_form != d.date->form && !plan.reported_mixed) {
    plan.reported_mixed = true;
    const std::string_view first = form_name(*plan.first_form).name;
    emit(at, place::cell, plan.header, [&] {
      return finding::date_format_mixed{excerpt(value), plan.header, form.name, first};
    });
  }
  if (plan.column == def_->term_start) {
    term_start_ = d.date->date;
  } else if (plan.column == def_->term_end) {
    term_end_ = d.date->date;
  }
}

void file_checker::finish() {
  flush_keys();
  if (!header_done_ && !stopped_) {  // csv-header-missing: reported with the BOM, if any, and nothing else
    found_.forget();
    if (bom_) emit({0, 1, 1}, place::file, {}, [] { return finding::bom{}; });
    const bool blank_lines = saw_blank_;
    emit_unlocated(place::file, {}, [&] { return finding::header_missing{blank_lines}; });
    return;
  }
  if (!header_done_) return;
  for (const column_plan& p : plans_)
    if (p.enabled && p.empty_rows > 0) {
      const std::string_view entity = def_->entity;
      const std::uint64_t rows = p.empty_rows;
      emit({p.offset, 1, p.column_number}, place::cell, p.header, [&] {
        return finding::enabled_column_empty{p.header, entity, rows};
      });
    }
}

}  // namespace sdsprofile::csv
