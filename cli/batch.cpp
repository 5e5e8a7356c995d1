#include "batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <new>
#include <thread>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

// Maps a regular file of at least `min_size` bytes; null when it is not one (then it is read).
std::shared_ptr<const input_bytes> map_file(const std::string& name, std::size_t min_size) {
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat status {};
  void* map = MAP_FAILED;
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && static_cast<std::size_t>(status.st_size) >= min_size) {
    map = ::mmap(nullptr, static_cast<std::size_t>(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) ::madvise(map, static_cast<std::size_t>(status.st_size), MADV_SEQUENTIAL);
  }
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  return std::make_shared<const input_bytes>(map, static_cast<std::size_t>(status.st_size));
}

// One piece of work: a whole input, or a chunk of an NDJSON input's lines.
struct unit {
  std::string name;                            // as given ("-" for standard input)
  std::shared_ptr<const input_bytes> content;  // null: the worker reads the file
  std::size_t begin = 0, end = 0;              // NDJSON: byte range of whole lines in content
  std::uint64_t first_line = 0;                // NDJSON: line number of `begin`; 0: a whole input
  std::uint64_t bytes = 0;                     // for the progress line
  std::string output, errors;                  // rendered reports; messages for standard error
  batch_totals totals;
  bool done = false;
};

std::string display_name(const std::string& name) { return name == "-" ? "<stdin>" : name; }

void render(const document_source& src, const report& r, output_format format, std::string& out) {
  switch (format) {
    case output_format::text:
      render_text(src, r, out);
      break;
    case output_format::json:
      render_json_line(src, r, out);
      break;
    case output_format::github:
      render_github(src, r, out);
      break;
    case output_format::sarif: {
      bool first = out.empty();
      render_sarif_results(src, r, first, out);
      break;
    }
  }
}

void count(const report& r, batch_totals& t) {
  ++t.documents;
  ++(r.valid() ? t.valid : t.invalid);
  t.errors += r.error_count();
  t.warnings += r.warning_count();
}

bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

void process_unit(unit& u, checker& c, const batch_options& opts);

// process_unit, with running out of memory reported like an I/O error instead of ending the
// process (worker threads must not let an exception escape).
void process(unit& u, checker& c, const batch_options& opts) {
  try {
    process_unit(u, c, opts);
  } catch (const std::bad_alloc&) {
    u.output.clear();
    u.errors = fmt::format("sdsprofile: out of memory while checking '{}'\n", text_escaped(display_name(u.name)));
    u.totals = batch_totals{};
    u.totals.io_error = true;
  }
}

void process_unit(unit& u, checker& c, const batch_options& opts) {
  const std::string shown = display_name(u.name);
  if (!u.content) {
    std::string error;
    // One byte past the limit is enough to report json-too-large; /dev/zero cannot exhaust memory.
    auto bytes = read_input(u.name, error, opts.check.limits.max_bytes + 1);
    if (!bytes) {
      u.errors = fmt::format("sdsprofile: {}\n", error);
      u.totals.io_error = true;
      return;
    }
    u.content = std::make_shared<const input_bytes>(std::move(*bytes));
    u.end = u.content->view().size();
  }
  const std::string_view all = u.content->view();
  if (u.first_line == 0) {
    const report& r = c.check(all, opts.check);
    count(r, u.totals);
    render({shown, all, 0, 0}, r, opts.format, u.output);
    return;
  }
  std::uint64_t line_number = u.first_line;
  for (std::size_t pos = u.begin; pos < u.end; ++line_number) {
    std::size_t next = all.find('\n', pos);
    if (next == std::string_view::npos || next > u.end) next = u.end;
    std::string_view line = all.substr(pos, next - pos);
    const std::size_t offset = pos;
    pos = next + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF files
    if (is_blank_line(line)) continue;
    const report& r = c.check(line, opts.check);
    count(r, u.totals);
    render({shown, line, line_number, offset}, r, opts.format, u.output);
  }
}

// Collects the inputs under `dir`: *.json files (with --ndjson also *.ndjson and *.jsonl), in
// subdirectories too (symbolic links to directories are not followed, so there are no cycles).
// Every directory or entry that cannot be read, and every matching name that is not a regular
// file (a dangling link, a FIFO), goes to `fail`: a CI step must not pass over unchecked files.
template <typename Fail>
void walk_directory(const fs::path& dir, bool ndjson, std::vector<std::string>& found, const Fail& fail) {
  std::error_code ec;
  std::vector<fs::path> subdirectories;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    std::error_code type_error;
    if (entry.is_directory(type_error) && !entry.is_symlink(type_error)) {
      subdirectories.push_back(entry.path());
      continue;
    }
    const auto extension = entry.path().extension();
    if (extension != ".json" && !(ndjson && (extension == ".ndjson" || extension == ".jsonl"))) continue;
    if (entry.is_regular_file(type_error))
      found.push_back(entry.path().string());
    else
      fail(fmt::format("sdsprofile: '{}' is not a readable regular file\n", text_escaped(entry.path().string())));
  }
  if (ec) fail(fmt::format("sdsprofile: cannot read directory '{}': {}\n", text_escaped(dir.string()), ec.message()));
  for (const fs::path& sub : subdirectories) walk_directory(sub, ndjson, found, fail);
}

// The units of every input, in order: directories expanded, NDJSON inputs read and chunked.
std::vector<unit> plan(const std::vector<std::string>& inputs, const batch_options& opts, std::vector<unit>& failed) {
  std::vector<std::string> files;
  const auto fail = [&](std::string message) {
    unit u;
    u.errors = std::move(message);
    u.totals.io_error = true;
    failed.push_back(std::move(u));
  };
  for (const std::string& name : inputs) {
    std::error_code ec;
    if (name == "-" || !fs::is_directory(name, ec)) {
      files.push_back(name);
      continue;
    }
    std::vector<std::string> found;
    const std::size_t failures_before = failed.size();
    walk_directory(name, opts.ndjson, found, fail);
    if (found.empty() && failed.size() == failures_before)
      fail(fmt::format("sdsprofile: no {} file under '{}': nothing to check\n",
                       opts.ndjson ? "*.json, *.ndjson or *.jsonl" : "*.json", text_escaped(name)));
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  std::vector<unit> units;
  for (const std::string& name : files) {
    unit u;
    u.name = name;
    if (!opts.ndjson && name != "-") {
      std::error_code ec;
      u.bytes = fs::file_size(name, ec);
      units.push_back(std::move(u));
      continue;
    }
    std::shared_ptr<const input_bytes> content = name == "-" ? nullptr : map_file(name, k_chunk_bytes);
    if (!content) {
      std::string error;
      auto bytes = read_input(name, error, opts.ndjson ? SIZE_MAX : opts.check.limits.max_bytes + 1);
      if (!bytes) {
        u.errors = fmt::format("sdsprofile: {}\n", error);
        u.totals.io_error = true;
        units.push_back(std::move(u));
        continue;
      }
      content = std::make_shared<const input_bytes>(std::move(*bytes));
    }
    const std::string_view all = content->view();
    if (!opts.ndjson) {
      u.content = content;
      u.end = u.bytes = all.size();
      units.push_back(std::move(u));
      continue;
    }
    std::uint64_t line = 1;
    for (std::size_t begin = 0; begin < all.size();) {
      std::size_t end = begin + k_chunk_bytes;
      if (end >= all.size()) {
        end = all.size();
      } else {
        const std::size_t newline = all.find('\n', end);
        end = newline == std::string_view::npos ? all.size() : newline + 1;
      }
      unit chunk;
      chunk.name = name;
      chunk.content = content;
      chunk.begin = begin;
      chunk.end = end;
      chunk.first_line = line;
      chunk.bytes = end - begin;
      line += static_cast<std::uint64_t>(std::count(all.begin() + static_cast<std::ptrdiff_t>(begin),
                                                    all.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
      units.push_back(std::move(chunk));
      begin = end;
    }
  }
  return units;
}

void add(batch_totals& total, const batch_totals& part) {
  total.documents += part.documents;
  total.valid += part.valid;
  total.invalid += part.invalid;
  total.errors += part.errors;
  total.warnings += part.warnings;
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

batch_totals run_batch(const std::vector<std::string>& inputs, const batch_options& opts, sink& out, std::FILE* err) {
  std::vector<unit> failed_directories;
  std::vector<unit> units = plan(inputs, opts, failed_directories);
  batch_totals total;
  for (const unit& u : failed_directories) {
    std::fputs(u.errors.c_str(), err);
    total.io_error = true;
  }
  std::uint64_t total_bytes = 0;
  for (const unit& u : units) total_bytes += u.bytes;
  const bool show_progress = opts.progress && (total_bytes >= k_progress_bytes || units.size() >= k_progress_units);

  if (opts.format == output_format::sarif) {
    std::string begin;
    render_sarif_begin(begin);
    out.write(begin);
  }
  bool sarif_written = false;
  std::uint64_t bytes_done = 0;
  bool progress_shown = false;
  auto last_progress = std::chrono::steady_clock::now();
  // At most four times a second, whatever --jobs is; cleared before any report line.
  auto progress = [&] {
    const auto now = std::chrono::steady_clock::now();
    if (!show_progress || now - last_progress < std::chrono::milliseconds(250)) return;
    last_progress = now;
    progress_shown = true;
    fmt::print(err, "\rsdsprofile: {} documents checked ({}%)\x1b[K", total.documents,
               total_bytes == 0 ? 100 : bytes_done * 100 / total_bytes);
    std::fflush(err);
  };
  auto emit = [&](unit& u) {
    if (progress_shown && (!u.errors.empty() || !u.output.empty())) {
      std::fputs("\r\x1b[K", err);
      progress_shown = false;
    }
    if (!u.errors.empty()) {
      out.flush();
      std::fputs(u.errors.c_str(), err);
    }
    if (opts.format == output_format::sarif && !u.output.empty() && sarif_written) out.write(",");
    sarif_written |= opts.format == output_format::sarif && !u.output.empty();
    out.write(u.output);
    add(total, u.totals);
    bytes_done += u.bytes;
    // Release the buffers themselves (assigning an empty string keeps the capacity), so memory
    // follows the units in flight, not the whole output.
    std::string().swap(u.output);
    std::string().swap(u.errors);
    u.content.reset();
    progress();
  };

  const unsigned jobs = std::max(1u, std::min<unsigned>(opts.jobs, static_cast<unsigned>(units.size())));
  if (jobs <= 1) {
    checker c;
    for (unit& u : units) {
      process(u, c, opts);
      emit(u);
    }
  } else {
    // Workers claim units in order; the calling thread writes them in order. Workers stay at most
    // `window` units ahead of the writer, which bounds the memory held by finished reports.
    std::mutex mutex;
    std::condition_variable finished, room;
    std::size_t next = 0, written = 0;
    const std::size_t window = std::size_t{jobs} * 4;
    std::vector<std::thread> workers;
    for (unsigned j = 0; j < jobs; ++j) {
      workers.emplace_back([&] {
        checker c;
        for (;;) {
          std::unique_lock lock(mutex);
          room.wait(lock, [&] { return next >= units.size() || next < written + window; });
          if (next >= units.size()) return;
          unit& u = units[next++];
          lock.unlock();
          process(u, c, opts);
          lock.lock();
          u.done = true;
          finished.notify_all();
        }
      });
    }
    for (std::size_t i = 0; i < units.size(); ++i) {
      std::unique_lock lock(mutex);
      while (!finished.wait_for(lock, std::chrono::milliseconds(250), [&] { return units[i].done; })) {
        lock.unlock();
        progress();
        lock.lock();
      }
      lock.unlock();
      emit(units[i]);
      lock.lock();
      ++written;
      room.notify_all();
    }
    for (std::thread& t : workers) t.join();
  }
  if (progress_shown) std::fputs("\r\x1b[K", err);

  if (opts.format == output_format::sarif) {
    std::string end;
    render_sarif_end(!total.io_error, end);
    out.write(end);
  }
  if (opts.format == output_format::json && opts.summary) {
    out.write(
        fmt::format("{{\"summary\":{{\"documents\":{},\"valid\":{},\"invalid\":{},\"errors\":{},\"warnings\":{}}}}}\n",
                    total.documents, total.valid, total.invalid, total.errors, total.warnings));
  }
  out.flush();
  if (opts.format != output_format::json && (total.documents > 1 || opts.summary)) {
    fmt::print(err, "sdsprofile: documents: {}, valid: {}, invalid: {}, errors: {}, warnings: {}\n", total.documents,
               total.valid, total.invalid, total.errors, total.warnings);
  }
  return total;
}

}  // namespace sdsprofile::cli
