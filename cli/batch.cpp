#include "batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.hpp"
#include "glob.hpp"
#include "output.hpp"
#include "render.hpp"
#include "sdsprofile/checker.hpp"

namespace sdsprofile::cli {
namespace {

namespace fs = std::filesystem;

// NDJSON inputs are cut into chunks of whole lines of about this many bytes: small enough to
// spread over the threads, large enough that a chunk costs more than handing it over.
constexpr std::size_t k_chunk_bytes = 1u << 20;
// Batches at least this large get a progress line (when standard error is a terminal).
constexpr std::uint64_t k_progress_bytes = 16u << 20;
constexpr std::size_t k_progress_units = 200;

// The bytes of one input: a read copy, or (large regular files) a read-only memory map, which
// saves copying and zeroing hundreds of megabytes of NDJSON.
class input_bytes {
 public:
  explicit input_bytes(std::string copy) : copy_(std::move(copy)), view_(copy_) {}
  input_bytes(const void* map, std::size_t size) : map_(map), view_(static_cast<const char*>(map), size) {}
  input_bytes(const input_bytes&) = delete;
  input_bytes& operator=(const input_bytes&) = delete;
  ~input_bytes() {
    if (map_ != nullptr) ::munmap(const_cast<void*>(map_), view_.size());
  }
  [[nodiscard]] std::string_view view() const noexcept { return view_; }

 private:
  std::string copy_;
  const void* map_ = nullptr;
  std::string_view view_;
};

// One piece of work: a whole input, or a run of an NDJSON input's lines.
struct unit {
  std::string name;                            // as given ("-" for standard input)
  std::shared_ptr<const input_bytes> content;  // null: the worker reads the file
  std::size_t begin = 0, end = 0;              // NDJSON: byte range of whole lines in content
  std::uint64_t content_offset = 0;            // NDJSON: offset in the file of content's first byte
  std::uint64_t first_line = 0;                // NDJSON: line number of `begin`; 0: a whole input
  bool last_line_cut = false;                  // NDJSON: the last line is longer than max_bytes + 1 bytes and only its
                                               // first max_bytes + 1 bytes are here (enough for json-too-large)
  std::uint64_t bytes = 0;                     // of the input, for the progress line
  std::size_t longest = 0;                     // the longest document, for the memory estimate
  std::uint64_t charge = 0;                    // memory counted against the budget while the unit is in flight
  const policy* rules = nullptr;               // the input's policy; null: the catalogue as it is
  std::string output, errors;                  // rendered reports; messages for standard error
  std::string error;                           // the last of `errors` without "sdsprofile: ", for JSON Lines
  std::vector<std::string> ready;              // output handed to the writer before the unit is done
  std::vector<document_findings> recorded;     // --write-baseline: the findings of its documents
  batch_totals totals;
  bool done = false;
};

std::string display_name(const std::string& name) { return name == "-" ? "<stdin>" : name; }

// Marks `u` as an input that could not be read: `message` (without "sdsprofile: ") goes to
// standard error and, with --format json, into a record of its own.
void fail_unit(unit& u, std::string message) {
  u.errors += fmt::format("sdsprofile: {}\n", message);
  u.error = std::move(message);
  u.totals.io_error = true;
}

// One input to check, in order: a file, or a failure found while walking a directory.
struct input_entry {
  std::string name;               // as given, or as found in a directory
  bool lines = false;             // every line is a document (--ndjson)
  const policy* rules = nullptr;  // the input's policy
  std::string error;              // not empty: a directory or entry that cannot be checked
};

void render(const document_source& src, const report& r, output_format format, std::string& out, const suppression* s) {
  switch (format) {
    case output_format::text:
      render_text(src, r, out, s);
      break;
    case output_format::json:
      render_json_line(src, r, out, s);
      break;
    case output_format::github:
      render_github(src, r, out, s);
      break;
    case output_format::sarif: {
      // Every result with a leading comma: the writer drops the first one of the log.
      bool first = false;
      render_sarif_results(src, r, first, out, s);
      break;
    }
  }
}

// Counts a document in `t`: with `s`, only the diagnostics the baseline does not hold.
void count(const report& r, const suppression* s, batch_totals& t) {
  ++t.documents;
  if (s == nullptr) {
    ++(r.valid() ? t.valid : t.invalid);
    t.errors += r.error_count();
    t.warnings += r.warning_count();
    return;
  }
  ++(s->valid ? t.valid : t.invalid);
  const std::span<const diagnostic> all = r.diagnostics();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (s->held(i)) continue;
    ++(all[i].severity == severity::error ? t.errors : t.warnings);
  }
  t.suppressed += s->count;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool is_blank_line(std::string_view line) { return std::all_of(line.begin(), line.end(), is_blank); }

// A unit's output past this many bytes is handed to the writer (hand_off) before the unit goes on,
// so that a run of lines with large reports holds little of them.
constexpr std::size_t k_hand_off_bytes = std::size_t{2} << 20;

// Gives u.output to the writer once u is the next unit to be written; false when the batch stops.
using hand_off_fn = std::function<bool(unit&)>;

// A worker's checker, and the report its policy writes (reused from one document to the next).
struct checker_state {
  checker c;
  report policed;

  // The report of `document` under `rules` (null: as the catalogue gives it).
  const report& check(std::string_view document, const options& opts, const policy* rules) {
    const report& r = c.check(document, opts);
    if (rules == nullptr || rules->is_default()) return r;
    rules->apply(r, policed);
    return policed;
  }
};

void process_unit(unit& u, checker_state& c, const batch_options& opts, const hand_off_fn& hand_off);

// Counts and renders the report of one document of `u`, compared with the baseline and recorded
// for --write-baseline when the batch has them.
void report_document(unit& u, const document_source& src, const report& r, const batch_options& opts) {
  if (opts.compare == nullptr && opts.recorder == nullptr) {
    count(r, nullptr, u.totals);
    render(src, r, opts.format, u.output, nullptr);
    return;
  }
  document_findings found = findings_of(u.name, src.line, src.text, r);
  std::vector<std::uint8_t> held;
  if (opts.compare != nullptr) {
    u.totals.unmatched += opts.compare->match(found, held);
  } else {
    held.assign(found.findings.size(), 1);  // --write-baseline alone: what it records is held
  }
  suppression s;
  s.suppressed = held;
  s.count = static_cast<std::uint64_t>(std::count(held.begin(), held.end(), std::uint8_t{1}));
  s.valid = valid_without(r, held);
  count(r, &s, u.totals);
  render(src, r, opts.format, u.output, &s);
  if (opts.recorder != nullptr && !found.findings.empty()) u.recorded.push_back(std::move(found));
}

// process_unit, with running out of memory reported like an I/O error instead of ending the
// process (worker threads must not let an exception escape).
void process(unit& u, checker_state& c, const batch_options& opts, const hand_off_fn& hand_off) {
  try {
    process_unit(u, c, opts, hand_off);
  } catch (const std::bad_alloc&) {
    u.output.clear();
    u.recorded.clear();
    u.errors.clear();
    u.totals = batch_totals{};
    fail_unit(u, fmt::format("out of memory while checking '{}'", text_escaped(display_name(u.name))));
  }
}

void process_unit(unit& u, checker_state& c, const batch_options& opts, const hand_off_fn& hand_off) {
  if (!u.errors.empty()) return;  // an input that could not be read: only its message
  const std::string shown = display_name(u.name);
  if (!u.content) {
    std::string error;
    // One byte past the limit is enough to report json-too-large; /dev/zero cannot exhaust memory.
    auto bytes = read_input(u.name, error, opts.check.limits.max_bytes + 1);
    if (!bytes) {
      fail_unit(u, std::move(error));
      return;
    }
    u.content = std::make_shared<const input_bytes>(std::move(*bytes));
    u.end = u.content->view().size();
  }
  const std::string_view all = u.content->view();
  if (u.first_line == 0) {
    const report& r = c.check(all, opts.check, u.rules);
    report_document(u, {shown, all, 0, 0}, r, opts);
    return;
  }
  std::uint64_t line_number = u.first_line;
  for (std::size_t pos = u.begin; pos < u.end; ++line_number) {
    std::size_t next = all.find('\n', pos);
    if (next == std::string_view::npos || next > u.end) next = u.end;
    std::string_view line = all.substr(pos, next - pos);
    const std::uint64_t offset = u.content_offset + pos;
    pos = next + 1;
    if (u.last_line_cut && pos >= u.end) {
      // The first max_bytes + 1 bytes of a longer line, not blank: json-too-large, as the whole
      // line would give.
    } else {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF files
      if (is_blank_line(line)) continue;
    }
    const report& r = c.check(line, opts.check, u.rules);
    report_document(u, {shown, line, line_number, offset}, r, opts);
    if (u.output.size() >= k_hand_off_bytes && !hand_off(u)) return;
  }
}

// Whether a walk enters the directory named `name`: hidden directories (".git", ".venv") and
// node_modules hold copies and tools' files, not a project's profiles.
bool walked_into(const std::string& name) { return !name.starts_with('.') && name != "node_modules"; }

bool excluded(const std::vector<std::string>& globs, std::string_view relative) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return entry_matches(g, relative); });
}

// Collects the inputs under `dir` (`relative`: its path below the directory named on the command
// line, "" for that one): *.json files, with --ndjson also *.ndjson and *.jsonl (read line by
// line, the *.json files whole), in subdirectories too, less hidden directories, node_modules and
// what --exclude names, and only what --include names when it is given. Symbolic links to
// directories are not followed, so there are no cycles. Every directory or entry that cannot be
// read, and every matching name that is not a regular file (a dangling link, a FIFO), becomes an
// entry with its error: a CI step must not pass over unchecked files.
void walk_directory(const fs::path& dir, const std::string& relative, const batch_options& opts,
                    std::vector<input_entry>& found) {
  std::error_code ec;
  std::vector<std::pair<fs::path, std::string>> subdirectories;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    const std::string below = relative.empty() ? name : relative + "/" + name;
    std::error_code type_error;
    if (entry.is_directory(type_error) && !entry.is_symlink(type_error)) {
      if (walked_into(name) && !excluded(opts.exclude, below)) subdirectories.emplace_back(entry.path(), below);
      continue;
    }
    const auto extension = entry.path().extension();
    const bool lines = opts.ndjson && (extension == ".ndjson" || extension == ".jsonl");
    if (extension != ".json" && !lines) continue;
    if (excluded(opts.exclude, below)) continue;
    if (!opts.include.empty() && !excluded(opts.include, below)) continue;
    input_entry e;
    e.name = entry.path().string();
    e.lines = lines;
    if (!entry.is_regular_file(type_error))
      e.error = fmt::format("'{}' is not a readable regular file", text_escaped(entry.path().string()));
    found.push_back(std::move(e));
  }
  if (ec) {
    input_entry e;
    e.name = dir.string();
    e.error = fmt::format("cannot read directory '{}': {}", text_escaped(dir.string()), ec.message());
    found.push_back(std::move(e));
  }
  for (const auto& [sub, below] : subdirectories) walk_directory(sub, below, opts, found);
}

// The inputs to check, in order: directories expanded to their files in path order, each with its
// policy (opts.policy_for). False, with the message on `err`, when a policy cannot be had (a
// project file that is not valid): then nothing is checked.
bool expand_inputs(const std::vector<std::string>& inputs, const batch_options& opts, std::vector<input_entry>& files,
                   std::FILE* err) {
  for (const std::string& name : inputs) {
    std::error_code ec;
    if (name == "-" || !fs::is_directory(name, ec)) {
      input_entry e;
      e.name = name;
      e.lines = opts.ndjson;
      files.push_back(std::move(e));
      continue;
    }
    std::vector<input_entry> found;
    walk_directory(name, "", opts, found);
    if (found.empty()) {
      input_entry e;
      e.name = name;
      e.error = fmt::format("no {} file under '{}': nothing to check",
                            opts.ndjson ? "*.json, *.ndjson or *.jsonl" : "*.json", text_escaped(name));
      found.push_back(std::move(e));
    }
    std::sort(found.begin(), found.end(), [](const input_entry& a, const input_entry& b) { return a.name < b.name; });
    std::move(found.begin(), found.end(), std::back_inserter(files));
  }
  if (!opts.policy_for) return true;
  for (input_entry& e : files) {
    if (!e.error.empty()) continue;
    std::string error;
    e.rules = opts.policy_for(e.name, error);
    if (!error.empty()) {
      std::fputs(fmt::format("sdsprofile: {}\n", error).c_str(), err);
      return false;
    }
  }
  return true;
}

// The units of the inputs, in input order, made as they are asked for. A whole input is one unit
// (the worker reads it). An NDJSON input is cut into runs of whole lines of about k_chunk_bytes:
// from a memory map for a regular file of at least k_chunk_bytes, otherwise read as it arrives
// (standard input, a pipe, a FIFO, a device, a small file), so that an endless producer is checked
// in bounded memory and its reports appear as it goes. Of a line longer than max_bytes + 1 bytes,
// only the first max_bytes + 1 bytes are kept (json-too-large needs no more) and the rest is
// skipped up to the next LF; offsets and line numbers stay those of the file.
class unit_source {
 public:
  unit_source(std::vector<input_entry> files, const batch_options& opts)
      : files_(std::move(files)), opts_(opts), keep_(opts.check.limits.max_bytes + 1) {}
  unit_source(const unit_source&) = delete;
  unit_source& operator=(const unit_source&) = delete;
  ~unit_source() { close_input(); }

  /// The next unit, in input order; false when every input is done or stop() was called. May
  /// block while a stream has nothing to read (but wakes up for stop()).
  bool next(unit& u) {
    for (;;) {
      if (stopped_.load()) return false;
      if (kind_ == input_kind::mapped && next_mapped(u)) return true;
      if (kind_ == input_kind::stream && next_streamed(u)) return true;
      close_input();
      if (next_file_ == files_.size()) return false;
      const input_entry& input = files_[next_file_++];
      const std::string& name = input.name;
      u = unit{};
      u.name = name;
      u.rules = rules_ = input.rules;
      if (!input.error.empty()) {
        fail_unit(u, input.error);
        return true;
      }
      if (!input.lines) {
        std::error_code ec;
        u.bytes = name == "-" ? 0 : fs::file_size(name, ec);
        if (ec) u.bytes = 0;
        return true;
      }
      if (!open_input(name, u)) return true;  // u holds the message
    }
  }

  /// Makes next() return false from now on, also in another thread blocked in a read.
  void stop() noexcept { stopped_.store(true); }

 private:
  enum class input_kind { none, mapped, stream };

  // Opens an NDJSON input: maps a large regular file, otherwise prepares to stream it. False with
  // the message in `u` when it cannot be opened.
  bool open_input(const std::string& name, unit& u) {
    name_ = name;
    line_ = 1;
    offset_ = 0;
    pending_.clear();
    skipping_ = false;
    blank_cut_ = false;
    end_of_input_ = false;
    read_errno_ = 0;
    if (name == "-") {
      if (standard_descriptor_closed(STDIN_FILENO)) {
        fail_unit(u, fmt::format("cannot read standard input: {}", std::strerror(EBADF)));
        return false;
      }
      fd_ = STDIN_FILENO;
      own_fd_ = false;
      kind_ = input_kind::stream;
      return true;
    }
    fd_ = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      fail_unit(u, fmt::format("cannot open '{}': {}", text_escaped(name), std::strerror(errno)));
      return false;
    }
    own_fd_ = true;
    struct stat status {};
    if (::fstat(fd_, &status) == 0 && S_ISREG(status.st_mode) &&
        static_cast<std::uint64_t>(status.st_size) >= k_chunk_bytes) {
      const auto size = static_cast<std::size_t>(status.st_size);
      void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd_, 0);
      if (map != MAP_FAILED) {
        ::madvise(map, size, MADV_SEQUENTIAL);
        mapped_ = std::make_shared<const input_bytes>(map, size);
        mapped_pos_ = 0;
        close_descriptor();
        kind_ = input_kind::mapped;
        return true;
      }
    }
    kind_ = input_kind::stream;  // not mappable: read as a stream
    return true;
  }

  void close_descriptor() {
    if (own_fd_ && fd_ >= 0) ::close(fd_);
    fd_ = -1;
    own_fd_ = false;
  }

  void close_input() {
    close_descriptor();
    mapped_.reset();
    pending_ = std::string();
    kind_ = input_kind::none;
  }

  // The next run of lines of a mapped input.
  bool next_mapped(unit& u) {
    const std::string_view all = mapped_->view();
    if (mapped_pos_ >= all.size()) return false;
    const std::size_t begin = mapped_pos_;
    std::size_t end = begin + k_chunk_bytes;
    if (end >= all.size()) {
      end = all.size();
    } else {
      const std::size_t newline = all.find('\n', end);
      end = newline == std::string_view::npos ? all.size() : newline + 1;
    }
    u = unit{};
    u.name = name_;
    u.rules = rules_;
    u.content = mapped_;
    u.begin = begin;
    u.end = end;
    u.first_line = line_;
    u.bytes = end - begin;
    std::uint64_t lines = 0;
    for (std::size_t pos = begin; pos < end;) {
      const void* found = std::memchr(all.data() + pos, '\n', end - pos);
      const std::size_t line_end =
          found != nullptr ? static_cast<std::size_t>(static_cast<const char*>(found) - all.data()) : end;
      u.longest = std::max(u.longest, std::min(line_end - pos, keep_));
      lines += found != nullptr;
      pos = line_end + 1;
    }
    line_ += lines;
    mapped_pos_ = end;
    return true;
  }

  // Reads what the stream has (at most k_read_bytes) into `pending_`, or skips it while a cut line
  // is being skipped. False at the end of the input, after a read error (kept in read_errno_) or
  // on stop().
  bool read_more() {
    if (end_of_input_) return false;
    for (;;) {
      if (stopped_.load()) return false;
      pollfd p{fd_, POLLIN, 0};
      const int ready = ::poll(&p, 1, 200);
      if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
      const std::size_t old_size = pending_.size();
      pending_.resize(old_size + k_read_bytes);
      const ssize_t n = ::read(fd_, pending_.data() + old_size, k_read_bytes);
      pending_.resize(old_size + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) {
        if (n < 0) read_errno_ = errno;
        end_of_input_ = true;
        return false;
      }
      return true;
    }
  }

  // Whether the stream has more bytes to read at once (without waiting).
  bool more_ready() const {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0;
  }

  // Moves the first `n` bytes of `pending_` into `u` as a run of NDJSON lines from line_.
  void take(unit& u, std::size_t n, bool cut) {
    u = unit{};
    u.name = name_;
    u.rules = rules_;
    u.first_line = line_;
    u.content_offset = offset_;
    u.last_line_cut = cut;
    std::string rest = pending_.substr(n);
    pending_.resize(n);
    u.bytes = n;
    u.end = n;
    std::uint64_t lines = 0;
    for (std::size_t pos = 0; pos < n;) {
      const std::size_t line_end = std::min(pending_.find('\n', pos), n);
      u.longest = std::max(u.longest, line_end - pos);
      lines += line_end < n;
      pos = line_end + 1;
    }
    u.content = std::make_shared<const input_bytes>(std::move(pending_));
    pending_ = std::move(rest);
    line_ += lines;
    offset_ += n;
  }

  // Drops the first `n` bytes of `pending_` (a part of a cut line that is skipped).
  void drop(std::size_t n) {
    pending_.erase(0, n);
    offset_ += n;
  }

  // The next run of lines of a streamed input.
  bool next_streamed(unit& u) {
    for (;;) {
      if (skipping_ || blank_cut_) {
        // The rest of a cut line, up to its LF. While everything of it was blank, it may still
        // turn out to be a blank line (skipped) or not (then its first bytes are reported).
        const std::size_t newline = pending_.find('\n');
        const std::size_t part = std::min(newline, pending_.size());
        if (blank_cut_ && !is_blank_line(std::string_view(pending_).substr(0, part))) {
          blank_cut_ = false;
          skipping_ = true;
          u = std::move(cut_unit_);
          cut_unit_ = unit{};
          return true;
        }
        drop(part);
        if (newline != std::string::npos) {
          drop(1);
          ++line_;
          skipping_ = blank_cut_ = false;
          continue;
        }
        if (!read_more()) return finish_stream(u);
        continue;
      }
      const std::size_t last_newline = pending_.rfind('\n');
      const std::size_t complete = last_newline == std::string::npos ? 0 : last_newline + 1;
      if (pending_.size() - complete > keep_) {
        // The last line is longer than max_bytes + 1 bytes: first the complete lines before it,
        // then its first max_bytes + 1 bytes.
        if (complete != 0) {
          take(u, complete, false);
          return true;
        }
        const bool blank = is_blank_line(std::string_view(pending_).substr(0, keep_));
        const std::uint64_t line = line_;
        take(blank ? cut_unit_ : u, keep_, true);
        line_ = line;  // the cut line goes on
        if (!blank) {
          skipping_ = true;
          return true;
        }
        blank_cut_ = true;
        continue;
      }
      if (complete != 0 && (pending_.size() >= k_chunk_bytes || end_of_input_ || !more_ready())) {
        take(u, complete, false);
        return true;
      }
      if (!read_more()) return finish_stream(u);
    }
  }

  // At the end of a streamed input: its last line without LF, then a read error.
  bool finish_stream(unit& u) {
    if (stopped_.load()) return false;
    if (blank_cut_) {  // a blank line up to the end
      blank_cut_ = false;
      cut_unit_ = unit{};
    }
    if (!skipping_ && !pending_.empty()) {
      if (read_errno_ == 0) {
        take(u, pending_.size(), false);
        return true;
      }
      // A read error: the complete lines are checked, a line it cut short is not.
      const std::size_t last_newline = pending_.rfind('\n');
      if (last_newline != std::string::npos) {
        take(u, last_newline + 1, false);
        return true;
      }
      drop(pending_.size());
    }
    skipping_ = false;
    if (read_errno_ != 0) {
      u = unit{};
      u.name = name_;
      u.rules = rules_;
      fail_unit(u, fmt::format("cannot read {}: {}",
                               name_ == "-" ? std::string("standard input") : fmt::format("'{}'", text_escaped(name_)),
                               std::strerror(read_errno_)));
      read_errno_ = 0;
      kind_ = input_kind::none;
      return true;
    }
    return false;
  }

  static constexpr std::size_t k_read_bytes = std::size_t{256} << 10;

  std::vector<input_entry> files_;
  const batch_options& opts_;
  const std::size_t keep_;  // max_bytes + 1: what is kept of a line
  std::size_t next_file_ = 0;
  std::atomic<bool> stopped_{false};

  input_kind kind_ = input_kind::none;
  std::string name_;
  const policy* rules_ = nullptr;  // the policy of the input being cut into units
  std::uint64_t line_ = 1;         // line number of the next byte
  std::uint64_t offset_ = 0;       // file offset of pending_[0] (stream)
  // mapped
  std::shared_ptr<const input_bytes> mapped_;
  std::size_t mapped_pos_ = 0;
  // stream
  int fd_ = -1;
  bool own_fd_ = false;
  std::string pending_;     // bytes read and not yet in a unit
  bool skipping_ = false;   // inside a cut line that was reported: skip up to its LF
  bool blank_cut_ = false;  // inside a cut line that is blank so far: cut_unit_ waits
  unit cut_unit_;
  bool end_of_input_ = false;
  int read_errno_ = 0;
};

// Memory that a unit is estimated to need while it is checked: its bytes when held in memory; the
// check of its longest document (the padded copy, the simdjson DOM, the records of its findings and
// the report), at most k_check_bytes_per_byte per byte (measured on inputs made of the smallest
// values that each give a finding); and its rendered output, at most k_output_bytes_per_byte per
// byte (documents of one or two bytes with a finding each), which a run of NDJSON lines hands to
// the writer past k_hand_off_bytes and a whole document's report bounds (max_report_bytes, a few
// times over once rendered). A document over max_bytes is not parsed: json-too-large costs its copy.
std::uint64_t estimate(const unit& u, const batch_options& opts) {
  constexpr std::uint64_t k_check_bytes_per_byte = 96;
  constexpr std::uint64_t k_output_bytes_per_byte = 160;
  constexpr std::uint64_t k_base = std::uint64_t{64} << 10;
  const std::uint64_t max_bytes = opts.check.limits.max_bytes;
  if (!u.errors.empty()) return u.errors.size();
  if (u.first_line == 0) {
    // A whole input, read by the worker: its size if known, otherwise as large as accepted.
    const std::uint64_t size = u.bytes != 0 ? std::min(u.bytes, max_bytes + 1) : max_bytes + 1;
    if (size > max_bytes) return size;
    const std::uint64_t report = std::uint64_t{3} * opts.check.limits.max_report_bytes;
    return k_base + k_check_bytes_per_byte * size + std::min(report, k_output_bytes_per_byte * size);
  }
  const std::uint64_t longest = u.longest > max_bytes ? 0 : u.longest;
  return k_base + u.bytes + k_check_bytes_per_byte * longest +
         std::min<std::uint64_t>(2 * k_hand_off_bytes, k_output_bytes_per_byte * u.bytes);
}

void add(batch_totals& total, const batch_totals& part) {
  total.documents += part.documents;
  total.valid += part.valid;
  total.invalid += part.invalid;
  total.errors += part.errors;
  total.warnings += part.warnings;
  total.suppressed += part.suppressed;
  total.unmatched += part.unmatched;
  total.io_error |= part.io_error;
}

}  // namespace

std::optional<std::string> read_input(const std::string& name, std::string& error, std::size_t limit) {
  if (name == "-" && standard_descriptor_closed(STDIN_FILENO)) {
    error = fmt::format("cannot read standard input: {}", std::strerror(EBADF));
    return std::nullopt;
  }
  std::FILE* f = name == "-" ? stdin : std::fopen(name.c_str(), "rb");
  if (f == nullptr) {
    error = fmt::format("cannot open '{}': {}", text_escaped(name), std::strerror(errno));
    return std::nullopt;
  }
  // Read straight into the string, sized from fstat for regular files: growing it by appending
  // would copy a large input several times and fault in twice its size.
  std::string content;
  struct stat status {};
  std::size_t capacity = 1 << 16;
  if (::fstat(::fileno(f), &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0)
    capacity = static_cast<std::size_t>(status.st_size) + 1;  // + 1: the end of file is seen in one read
  capacity = std::min(capacity, limit);
  std::size_t length = 0;
  while (length < limit) {
    if (length == content.size()) content.resize(std::min(limit, std::max(capacity, content.size() * 2)));
    const std::size_t n = std::fread(content.data() + length, 1, content.size() - length, f);
    length += n;
    if (n == 0) break;
  }
  content.resize(length);
  const bool failed = std::ferror(f) != 0;
  const int read_errno = errno;
  if (f != stdin) std::fclose(f);
  if (failed) {
    error = fmt::format("cannot read {}: {}",
                        name == "-" ? std::string("standard input") : fmt::format("'{}'", text_escaped(name)),
                        std::strerror(read_errno));
    return std::nullopt;
  }
  return content;
}

namespace {

// Checks the units of a source with a pool of threads and writes their reports in input order.
// Workers take units from the source in order and check them; the calling thread writes them, so
// the output is the same for every --jobs. Workers stay at most `window_` units ahead of the
// writer, and a unit starts only when the memory estimated for the units in flight (checked or
// waiting to be written) stays within the budget, or when no other unit is in flight.
class batch_runner {
 public:
  struct progress_total {
    std::uint64_t bytes = 0;  // of every input, when `known`
    bool known = true;        // every input is a regular file
    std::size_t inputs = 0;
  };

  batch_runner(unit_source& source, const batch_options& opts, sink& out, std::FILE* err, progress_total progress)
      : source_(source),
        opts_(opts),
        out_(out),
        err_(err),
        total_input_(progress),
        jobs_(std::max(1u, opts.ndjson ? opts.jobs : std::min<unsigned>(opts.jobs, progress.inputs))),
        window_(std::uint64_t{jobs_} * 4),
        budget_(std::max<std::uint64_t>(1, opts.memory_budget)),
        // With several threads, a thread drops its checker's buffers after a unit estimated above
        // this, so that what the threads keep between units stays within a quarter of the budget.
        // (One thread reuses them: they are those of a unit that ran alone if it passed the budget.)
        keep_limit_(jobs_ == 1 ? UINT64_MAX : budget_ / 4 / jobs_) {}

  /// Checks and writes every unit; the totals of those written (all of them unless writing failed).
  batch_totals run() {
    std::vector<std::thread> workers;
    workers.reserve(jobs_);
    for (unsigned j = 0; j < jobs_; ++j) workers.emplace_back([this] { work(); });
    write_all();
    for (std::thread& t : workers) t.join();
    clear_progress();
    return total_;
  }

 private:
  // A worker thread: takes the next unit in order, once there is room for it, and checks it.
  void work() {
    checker_state c;
    for (;;) {
      std::unique_lock source_lock(source_mutex_);  // units are made and started in input order
      {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return stopping_ || made_ < written_ + window_; });
        if (stopping_) return;
      }
      unit next;
      const bool got = source_.next(next);
      std::unique_lock lock(mutex_);
      if (!got) {
        source_done_ = true;
        finished_.notify_all();
        return;
      }
      const std::uint64_t need = estimate(next, opts_);
      room_.wait(lock, [&] { return stopping_ || in_flight_ == 0 || in_flight_ + need <= budget_; });
      if (stopping_) return;
      next.charge = need;
      in_flight_ += need;
      queue_.push_back(std::move(next));
      unit& u = queue_.back();
      ++made_;
      lock.unlock();
      source_lock.unlock();

      process(u, c, opts_, [this](unit& w) { return hand_off(w); });
      u.content.reset();
      if (need > keep_limit_) c = checker_state();  // release the buffers of a large document
      const std::uint64_t held = u.output.capacity() + u.errors.capacity();
      lock.lock();
      in_flight_ = in_flight_ - u.charge + held;
      u.charge = held;
      u.done = true;
      finished_.notify_all();
      room_.notify_all();
    }
  }

  // A unit's output past k_hand_off_bytes goes to the writer once the unit is the next to be
  // written and the writer has taken what it was given before; false when the batch stops.
  bool hand_off(unit& u) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopping_ || (&queue_.front() == &u && u.ready.empty()); });
    if (stopping_) return false;
    u.ready.push_back(std::move(u.output));
    u.output = std::string();
    finished_.notify_all();
    return true;
  }

  // The writer (the calling thread): the units in order, their output as it is handed over.
  void write_all() {
    for (;;) {
      std::unique_lock lock(mutex_);
      while (!finished_.wait_for(lock, std::chrono::milliseconds(250), [&] {
        return queue_.empty() ? source_done_ : queue_.front().done || !queue_.front().ready.empty();
      })) {
        lock.unlock();
        progress();
        lock.lock();
      }
      if (queue_.empty()) return;  // every unit written
      std::vector<std::string> pieces;
      pieces.swap(queue_.front().ready);
      unit u;
      const bool done = queue_.front().done;
      if (done) {
        u = std::move(queue_.front());
        queue_.pop_front();
      }
      room_.notify_all();  // a hand-off may go on
      lock.unlock();
      for (const std::string& piece : pieces) write_piece(piece);
      if (done) emit(u);
      lock.lock();
      if (done) {
        in_flight_ -= u.charge;
        ++written_;
      }
      room_.notify_all();
      if (out_.failed()) {  // nothing more can be delivered: stop reading and checking
        stopping_ = true;
        source_.stop();
        room_.notify_all();
        return;
      }
    }
  }

  // Reports go out as they come (flushed), also from an endless stream.
  void write_piece(std::string_view piece) {
    if (piece.empty()) return;
    clear_progress();
    if (opts_.format == output_format::sarif && !sarif_written_) {
      piece.remove_prefix(1);  // the leading comma of the log's first result
      sarif_written_ = true;
    }
    out_.write(piece);
    out_.flush();
  }

  void emit(unit& u) {
    if (!u.errors.empty()) {
      clear_progress();
      out_.flush();
      std::fputs(u.errors.c_str(), err_);
    }
    write_piece(u.output);
    if (!u.error.empty() && opts_.format == output_format::json) {
      // The input's own record, so that a program reading the JSON Lines sees what was not checked.
      std::string record = "{\"file\":";
      append_json_string(display_name(u.name), record);
      record += ",\"error\":";
      append_json_string(u.error, record);
      record += "}\n";
      write_piece(record);
    }
    add(total_, u.totals);
    if (opts_.recorder != nullptr)
      for (const document_findings& doc : u.recorded) opts_.recorder->add(doc);
    bytes_done_ += u.bytes;
    progress();
  }

  // At most four times a second, whatever --jobs is; cleared before any report line. Shown for a
  // batch of k_progress_bytes or k_progress_units inputs, or once that much has been checked; with
  // a percentage when every input is a regular file.
  void progress() {
    const auto now = std::chrono::steady_clock::now();
    if (!opts_.progress || now - last_progress_ < std::chrono::milliseconds(250)) return;
    if (!(total_input_.known && total_input_.bytes >= k_progress_bytes) && total_input_.inputs < k_progress_units &&
        bytes_done_ < k_progress_bytes)
      return;
    last_progress_ = now;
    progress_shown_ = true;
    if (total_input_.known)
      fmt::print(err_, "\rsdsprofile: {} documents checked ({}%)\x1b[K", total_.documents,
                 total_input_.bytes == 0 ? 100 : std::min<std::uint64_t>(100, bytes_done_ * 100 / total_input_.bytes));
    else
      fmt::print(err_, "\rsdsprofile: {} documents checked\x1b[K", total_.documents);
    std::fflush(err_);
  }

  void clear_progress() {
    if (!progress_shown_) return;
    std::fputs("\r\x1b[K", err_);
    progress_shown_ = false;
  }

  unit_source& source_;
  const batch_options& opts_;
  sink& out_;
  std::FILE* err_;
  const progress_total total_input_;
  const unsigned jobs_;
  const std::uint64_t window_, budget_, keep_limit_;

  // The writer's own.
  batch_totals total_;
  bool sarif_written_ = false;
  std::uint64_t bytes_done_ = 0;
  bool progress_shown_ = false;
  std::chrono::steady_clock::time_point last_progress_ = std::chrono::steady_clock::now();

  std::mutex source_mutex_;  // taken before mutex_
  std::mutex mutex_;         // what follows
  std::condition_variable finished_, room_;
  std::deque<unit> queue_;  // made and not yet written, in order
  std::uint64_t made_ = 0, written_ = 0, in_flight_ = 0;
  bool source_done_ = false, stopping_ = false;
};

}  // namespace

batch_totals run_batch(const std::vector<std::string>& inputs, const batch_options& opts, sink& out, std::FILE* err) {
  std::vector<input_entry> files;
  batch_totals total;
  if (!expand_inputs(inputs, opts, files, err)) {
    total.io_error = true;
    return total;
  }
  batch_runner::progress_total progress;
  progress.inputs = files.size();
  for (const input_entry& e : files) {
    struct stat status {};
    if (e.name != "-" && ::stat(e.name.c_str(), &status) == 0 && S_ISREG(status.st_mode))
      progress.bytes += static_cast<std::uint64_t>(status.st_size);
    else
      progress.known = false;
  }
  unit_source source(std::move(files), opts);
  if (opts.format == output_format::sarif) {
    std::string begin;
    render_sarif_begin(begin);
    out.write(begin);
  }
  add(total, batch_runner(source, opts, out, err, progress).run());
  if (opts.format == output_format::sarif) {
    std::string end;
    render_sarif_end(!total.io_error, end);
    out.write(end);
  }
  const bool with_baseline = opts.compare != nullptr || opts.recorder != nullptr;
  const std::string suppressed = with_baseline ? fmt::format(",\"suppressed\":{}", total.suppressed) : "";
  if (opts.format == output_format::json && opts.summary) {
    out.write(fmt::format(
        "{{\"summary\":{{\"documents\":{},\"valid\":{},\"invalid\":{},\"errors\":{},\"warnings\":{}{}}}}}\n",
        total.documents, total.valid, total.invalid, total.errors, total.warnings, suppressed));
  }
  out.flush();
  if (opts.format != output_format::json && (total.documents > 1 || opts.summary)) {
    fmt::print(err, "sdsprofile: documents: {}, valid: {}, invalid: {}, errors: {}, warnings: {}{}\n", total.documents,
               total.valid, total.invalid, total.errors, total.warnings,
               with_baseline ? fmt::format(", suppressed: {}", total.suppressed) : "");
  }
  return total;
}

}  // namespace sdsprofile::cli
