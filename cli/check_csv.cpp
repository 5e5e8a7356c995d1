#include "check_csv.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "output.hpp"
#include "render.hpp"

namespace sdsprofile::cli {
namespace {

// A folder at least this large gets a progress line (when standard error is a terminal), as a
// batch of `check` does.
constexpr std::uint64_t k_progress_bytes = 16u << 20;

// A file's bytes mapped read-only, for the SARIF columns (code points before a cell); empty when
// the file cannot be mapped.
class mapped_file {
 public:
  explicit mapped_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat status {};
    if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0) {
      void* map = ::mmap(nullptr, static_cast<std::size_t>(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (map != MAP_FAILED) {
        map_ = map;
        size_ = static_cast<std::size_t>(status.st_size);
      }
    }
    ::close(fd);
  }
  mapped_file(const mapped_file&) = delete;
  mapped_file& operator=(const mapped_file&) = delete;
  ~mapped_file() {
    if (map_ != nullptr) ::munmap(map_, size_);
  }
  [[nodiscard]] std::string_view view() const noexcept { return {static_cast<const char*>(map_), size_}; }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
};

// The bytes of the folder's regular files, for the progress line's percentage.
std::uint64_t folder_bytes(const std::string& directory) {
  std::uint64_t total = 0;
  DIR* dir = ::opendir(directory.c_str());
  if (dir == nullptr) return 0;
  while (const dirent* e = ::readdir(dir)) {
    struct stat status {};
    if (::fstatat(::dirfd(dir), e->d_name, &status, 0) == 0 && S_ISREG(status.st_mode))
      total += static_cast<std::uint64_t>(status.st_size);
  }
  ::closedir(dir);
  return total;
}

std::string file_path(const std::string& directory, std::string_view name) {
  std::string path = directory;
  if (!path.empty() && !path.ends_with('/')) path += '/';
  path += name;
  return path;
}

// Runs the check on a thread of its own while this one shows how far it got, four times a second.
const csv_report& check_with_progress(csv_checker& checker, const csv_command& command,
                                      const std::optional<std::string>& profile, std::FILE* err) {
  const std::uint64_t total = folder_bytes(command.directory);
  csv_options opts = command.check;
  const std::optional<std::string_view> profile_view =
      profile ? std::optional<std::string_view>(*profile) : std::nullopt;
  if (!command.progress || total < k_progress_bytes) return checker.check_folder(command.directory, profile_view, opts);
  std::atomic<std::uint64_t> done{0};
  opts.progress = &done;
  std::mutex mutex;
  std::condition_variable finished;
  bool over = false;
  const csv_report* result = nullptr;
  std::thread worker([&] {
    const csv_report& r = checker.check_folder(command.directory, profile_view, opts);
    const std::lock_guard lock(mutex);
    result = &r;
    over = true;
    finished.notify_all();
  });
  bool shown = false;
  {
    std::unique_lock lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(250), [&] { return over; })) {
      fmt::print(err, "\rsdsprofile: {} MB of {} MB checked ({}%)\x1b[K", done.load() >> 20, total >> 20,
                 std::min<std::uint64_t>(100, done.load() * 100 / total));
      std::fflush(err);
      shown = true;
    }
  }
  worker.join();
  if (shown) std::fputs("\r\x1b[K", err);
  return *result;
}

// A part of the report, in the format asked for (SARIF: its results, comma-separated after the
// first of the log).
void render_part(output_format format, const document_source& src, const report& r, bool& first, std::string& out) {
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
    case output_format::sarif:
      render_sarif_results(src, r, first, out);
      break;
  }
}

// A part with the command's policy applied: `r` itself under the default policy, else `scratch`.
const report& policed(const csv_command& command, const report& r, report& scratch) {
  if (command.rules == nullptr || command.rules->is_default()) return r;
  command.rules->apply(r, scratch);
  return scratch;
}

}  // namespace

int run_check_csv(const csv_command& command, sink& out, std::FILE* err) {
  std::optional<std::string> profile;
  std::string profile_name;
  if (command.profile) {
    std::string error;
    profile = read_input(*command.profile, error, command.check.check.limits.max_bytes + 1);
    if (!profile) {
      fmt::print(err, "sdsprofile: {}\n", error);
      return 2;
    }
    profile_name = *command.profile == "-" ? "<stdin>" : *command.profile;
  }
  csv_checker checker;
  const csv_report& r = check_with_progress(checker, command, profile, err);
  for (const std::string& e : r.read_errors()) fmt::print(err, "sdsprofile: {}\n", e);

  std::string text;
  bool first = true;
  bool valid = true;
  report scratch;
  if (command.format == output_format::sarif) render_sarif_begin(text);
  if (r.has_profile()) {
    const report& part = policed(command, r.profile(), scratch);
    valid = valid && part.valid();
    render_part(command.format, {profile_name, *profile}, part, first, text);
  }
  if (const report& part = policed(command, r.folder(), scratch); !part.diagnostics().empty() || !part.valid()) {
    valid = valid && part.valid();
    render_part(command.format, {command.directory, {}}, part, first, text);
  }
  for (std::size_t f = 0; f < csv_file_count; ++f) {
    const auto file = static_cast<csv_file>(f);
    if (!r.has_file(file)) continue;
    const std::string path = file_path(command.directory, r.file_name(file));
    const report& part = policed(command, r.file(file), scratch);
    valid = valid && part.valid();
    if (command.format == output_format::sarif && !part.diagnostics().empty()) {
      const mapped_file bytes(path);  // SARIF counts columns in code points
      render_part(command.format, {path, bytes.view()}, part, first, text);
    } else {
      render_part(command.format, {path, {}}, part, first, text);
    }
    out.write(text);  // part by part: a file's report is bounded by the limits, the folder's is not
    text.clear();
  }
  if (command.format == output_format::sarif) render_sarif_end(r.read_errors().empty(), text);
  out.write(text);
  if (!r.read_errors().empty()) return 2;
  return valid ? 0 : 1;
}

}  // namespace sdsprofile::cli
