// The folder check (HACKING.md "The CSV pipeline"): the profile first (checked as checker::check
// does, then its CSV settings read), the folder's entries matched to the six files, the files
// checked in three phases (School.csv; Section, Student and Teacher; the memberships) so that each
// phase reads the ID sets of the ones before it, on up to `jobs` threads; then each part's kept
// findings are worded into its report.
#include "sdsprofile/csv_checker.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <limits>
#include <new>
#include <system_error>
#include <thread>
#include <tuple>

#include "csv/file_check.hpp"
#include "csv/messages.hpp"
#include "engine/pointers.hpp"
#include "engine/tape.hpp"
#include "json_text.hpp"
#include "report_builder.hpp"
#include "retained.hpp"
#include "sdsprofile/checker.hpp"
#include "text_rules.hpp"

namespace sdsprofile {

std::string_view to_string(csv_file f) noexcept {
  const auto i = static_cast<std::size_t>(f);
  const auto files = csv::the_tables().files;
  return i < files.size() ? files[i].name : std::string_view{};
}

struct csv_report::parts {
  report profile, folder;
  std::array<report, csv_file_count> files;
  std::array<bool, csv_file_count> present{};
  std::array<std::string, csv_file_count> names;
  std::vector<std::string> read_errors;
  bool has_profile = false;
};

csv_report::csv_report() : parts_(std::make_unique<parts>()) {}
csv_report::~csv_report() = default;

bool csv_report::valid() const noexcept {
  if (!parts_->read_errors.empty() || !parts_->profile.valid() || !parts_->folder.valid()) return false;
  return std::all_of(parts_->files.begin(), parts_->files.end(), [](const report& r) { return r.valid(); });
}
bool csv_report::has_profile() const noexcept { return parts_->has_profile; }
const report& csv_report::profile() const noexcept { return parts_->profile; }
const report& csv_report::folder() const noexcept { return parts_->folder; }
bool csv_report::has_file(csv_file f) const noexcept { return parts_->present[static_cast<std::size_t>(f)]; }
std::string_view csv_report::file_name(csv_file f) const noexcept { return parts_->names[static_cast<std::size_t>(f)]; }
const report& csv_report::file(csv_file f) const noexcept { return parts_->files[static_cast<std::size_t>(f)]; }
std::span<const std::string> csv_report::read_errors() const noexcept { return parts_->read_errors; }
std::size_t csv_report::error_count() const noexcept {
  std::size_t n = parts_->profile.error_count() + parts_->folder.error_count();
  for (const report& r : parts_->files) n += r.error_count();
  return n;
}
std::size_t csv_report::warning_count() const noexcept {
  std::size_t n = parts_->profile.warning_count() + parts_->folder.warning_count();
  for (const report& r : parts_->files) n += r.warning_count();
  return n;
}

namespace {

constexpr std::uint32_t k_default_max_diagnostics = 1000;

// A file of the folder, read with read(2); the rest of it mapped on request (chunk_source).
class file_source final : public csv::chunk_source {
 public:
  explicit file_source(int fd) : fd_(fd) {}
  file_source(const file_source&) = delete;
  file_source& operator=(const file_source&) = delete;
  ~file_source() override {
    if (map_ != nullptr) ::munmap(map_, map_size_);
    ::close(fd_);
  }
  std::ptrdiff_t read(std::span<char> into, int& error) override {
    for (;;) {
      const ssize_t n = ::read(fd_, into.data(), into.size());
      if (n >= 0) return n;
      if (errno != EINTR) {
        error = errno;
        return -1;
      }
    }
  }
  std::uint64_t size_hint() override {
    struct stat status {};
    return ::fstat(fd_, &status) == 0 && S_ISREG(status.st_mode) ? static_cast<std::uint64_t>(status.st_size) : 0;
  }
  std::optional<std::string_view> map_rest(std::size_t offset) override {
    struct stat status {};
    if (::fstat(fd_, &status) != 0 || !S_ISREG(status.st_mode)) return std::nullopt;
    const auto size = static_cast<std::size_t>(status.st_size);
    if (offset >= size) return std::string_view{};
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t start = offset / page * page;
    void* map = ::mmap(nullptr, size - start, PROT_READ, MAP_PRIVATE, fd_, static_cast<off_t>(start));
    if (map == MAP_FAILED) return std::nullopt;
    map_ = map;
    map_size_ = size - start;
    return std::string_view(static_cast<const char*>(map) + (offset - start), size - offset);
  }

 private:
  int fd_;
  void* map_ = nullptr;
  std::size_t map_size_ = 0;
};

// RFC 6901: '~' as "~0", '/' as "~1".
void append_escaped(std::string_view s, std::string& out) {
  for (const char c : s) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
}

// The path of a CSV finding (docs/csv-rules.md "Vocabulary").
void path_of(std::string_view file, const csv::located& f, std::string& out) {
  out = "/";
  append_escaped(file, out);
  if (f.at == csv::place::file) return;
  out += '/';
  out += std::to_string(f.line);
  if (f.at == csv::place::record) return;
  out += '/';
  append_escaped(f.field, out);
}

detail::line_column clamped(std::uint64_t line, std::uint64_t column) noexcept {
  constexpr std::uint64_t most = UINT32_MAX;
  return {static_cast<std::uint32_t>(std::min(line, most)), static_cast<std::uint32_t>(std::min(column, most))};
}

std::string cannot_read(std::string_view name, int error) {
  std::string out = "cannot read '";
  for (const char c : name) {  // a name cannot break the line it is written in
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    else
      out += c;
  }
  return out + "': " + std::strerror(error);
}

bool ascii_iequals(std::string_view a, std::string_view b) noexcept { return detail::iequals(a, b); }

// The tape index of the value numbered `ordinal` in a pre-order walk of the document's values
// (keys not counted; the root is 0), as csv::read_profile numbers them (csv/profile.hpp).
engine::tape_index tape_index_of(const engine::tape& t, std::uint32_t ordinal) {
  using engine::tape_kind;
  std::vector<bool> key_next;  // per open container: an object whose next word is a key
  std::vector<bool> is_object;
  const engine::tape_index end = t.after(engine::tape::root);
  std::uint32_t n = 0;
  for (engine::tape_index i = engine::tape::root; i < end;) {
    const tape_kind kind = t.kind(i);
    if (kind == tape_kind::object_end || kind == tape_kind::array_end) {
      key_next.pop_back();
      is_object.pop_back();
      ++i;
      continue;
    }
    if (!is_object.empty() && is_object.back()) {
      if (key_next.back()) {  // a key: not a value
        key_next.back() = false;
        ++i;
        continue;
      }
      key_next.back() = true;
    }
    if (n++ == ordinal) return i;
    if (kind == tape_kind::object || kind == tape_kind::array) {
      is_object.push_back(kind == tape_kind::object);
      key_next.push_back(kind == tape_kind::object);
      ++i;
    } else {
      i = t.after(i);
    }
  }
  return engine::tape::root;
}

}  // namespace

struct csv_checker::impl {
  checker profile_checker;
  simdjson::dom::parser profile_parser;
  csv::profile_settings settings;
  std::array<csv::file_checker, csv_file_count> files;
  std::array<int, csv_file_count> fds{};                              // open files of a folder check (-1: none)
  std::array<std::optional<std::string_view>, csv_file_count> bytes;  // or the bytes of check_files
  csv::kept_findings folder_found;
  std::vector<std::string> entries;  // names the folder findings point at
  csv_report result;
  std::string path, message, hint, paths;
  report_builder::spans_type spans;
  detail::line_index lines;
  engine::pointer_scratch pointer_buffers;
  std::atomic<bool> out_of_memory{false};

  const csv_report& run(const std::string* directory, std::optional<std::string_view> profile, const csv_options& opts);
  void scan_folder(const std::string& directory);
  void check_profile(std::string_view text, const csv_options& opts);
  void check_files(const csv_options& opts);
  void check_one(std::size_t file, const csv::folder_context& ctx, std::size_t max_findings);
  void build_part(report& r, csv::kept_findings& found, std::string_view file, bool folder, const options& opts);
  void close_files() noexcept {
    for (int& fd : fds)
      if (fd >= 0) {
        ::close(fd);
        fd = -1;
      }
  }
};

// The folder's entries matched to the six files (docs/csv-rules.md "File set and syntax"): exact
// names first, then a name in another case (csv-file-name-case); the rest are csv-extra-file.
void csv_checker::impl::scan_folder(const std::string& directory) {
  csv_report::parts& out = *result.parts_;
  DIR* dir = ::opendir(directory.c_str());
  if (dir == nullptr) {
    out.read_errors.push_back(cannot_read(directory, errno));
    return;
  }
  struct entry {
    std::string name;
    bool directory;
    bool used = false;
  };
  std::vector<entry> found;
  errno = 0;
  while (const dirent* e = ::readdir(dir)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat status {};
    const bool is_dir = ::fstatat(::dirfd(dir), e->d_name, &status, 0) == 0 && S_ISDIR(status.st_mode);
    found.push_back({std::string(name), is_dir});
  }
  const int error = errno;
  ::closedir(dir);
  if (error != 0) {
    out.read_errors.push_back(cannot_read(directory, error));
    return;
  }
  std::sort(found.begin(), found.end(), [](const entry& a, const entry& b) { return a.name < b.name; });
  entries.clear();
  entries.reserve(found.size() + csv_file_count);
  // Reserved whole: the findings keep views of these names.
  const auto emit = [this](std::string_view name, csv::payload what) {
    entries.emplace_back(name);
    folder_found.add({0, 1, 1, csv::place::file, false, entries.back(), 0, std::move(what)});
  };
  for (std::size_t f = 0; f < csv_file_count; ++f) {
    const std::string_view name = to_string(static_cast<csv_file>(f));
    auto it = std::find_if(found.begin(), found.end(), [&](const entry& e) { return !e.used && e.name == name; });
    if (it == found.end()) {
      it = std::find_if(found.begin(), found.end(),
                        [&](const entry& e) { return !e.used && ascii_iequals(e.name, name); });
      if (it != found.end())
        emit(it->name, csv::finding::file_name_case{static_cast<std::uint8_t>(f), csv::excerpt(it->name)});
    }
    if (it == found.end()) {
      emit(name, csv::finding::file_missing{static_cast<std::uint8_t>(f)});
      continue;
    }
    it->used = true;
    out.names[f] = it->name;
    const std::string full = directory + "/" + it->name;
    const int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat status {};
    if (fd < 0 || ::fstat(fd, &status) != 0 || S_ISDIR(status.st_mode)) {
      out.read_errors.push_back(cannot_read(full, fd < 0 ? errno : EISDIR));
      if (fd >= 0) ::close(fd);
      continue;
    }
    fds[f] = fd;
    out.present[f] = true;
  }
  for (const entry& e : found)
    if (!e.used) emit(e.name, csv::finding::extra_file{csv::excerpt(e.name), e.directory});
}

// The profile, checked as checker::check does, with the CSV rules about the profile itself merged
// into its report in document order (docs/csv-rules.md "The folder against the profile").
void csv_checker::impl::check_profile(std::string_view text, const csv_options& opts) {
  csv_report::parts& out = *result.parts_;
  out.has_profile = true;
  options check = opts.check;
  if (check.check_mode == mode::update) check.check_mode = mode::create;
  const report& checked = profile_checker.check(text, check);
  if (text.size() <= check.limits.max_bytes) csv::read_profile(text, profile_parser, settings);
  // The CSV findings about the profile, as (ordinal, payload).
  std::vector<std::pair<std::uint32_t, csv::payload>> own;
  if (settings.readable) {
    if (!settings.csv_provider) {
      own.emplace_back(0, csv::finding::not_csv_provider{csv::excerpt(settings.provider_type), settings.has_provider});
    } else if (settings.identity == csv::identity_kind::matching) {
      const csv::folder_tables& t = csv::the_tables();
      for (const auto& [r, name, supported] :
           {std::tuple{&settings.student, std::string_view("student"), t.student_matching_sources},
            std::tuple{&settings.teacher, std::string_view("teacher"), t.teacher_matching_sources}}) {
        if (!r->has_matching || r->source.empty()) continue;
        if (std::find(supported.begin(), supported.end(), r->source) == supported.end())
          own.emplace_back(r->source_ordinal, csv::finding::matching_source_unsupported{r->source, name, supported});
      }
    }
  }
  report_builder b(out.profile, opts.check.strict, spans);
  if (own.empty()) {  // the profile checker's report as it is
    for (const diagnostic& d : checked.diagnostics())
      b.add(d.severity, d.code, d.path, {d.line, d.column}, d.offset, d.message, d.hint);
    b.set_dropped_errors(checked.dropped_error_count());
    b.finish();
    return;
  }
  // Offsets and pointers from read_profile's parse, still in profile_parser (engine/tape.hpp).
  const std::size_t base = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const engine::tape tape(profile_parser);
  std::vector<engine::tape_index> places;
  for (const auto& entry : own) places.push_back(tape_index_of(tape, entry.first));
  std::sort(places.begin(), places.end());
  std::vector<std::size_t> offsets(places.size());
  std::vector<engine::pointer_span> pointer_at(places.size());
  engine::structural_positions(profile_parser, text.substr(base)).offsets(places, offsets);
  paths.clear();
  engine::pointers(tape, places, paths, pointer_at, pointer_buffers, std::numeric_limits<std::size_t>::max());
  lines.build(text);
  const csv::word_context words{csv::the_tables(), 0, 0};
  struct added {
    std::size_t offset;
    std::string path, message, hint;
    const csv::payload* what;
  };
  std::vector<added> extra;
  for (const auto& [ordinal, what] : own) {
    const std::size_t k = static_cast<std::size_t>(
        std::lower_bound(places.begin(), places.end(), tape_index_of(tape, ordinal)) - places.begin());
    csv::word(what, words, message, hint);
    extra.push_back({base + offsets[k], paths.substr(pointer_at[k].begin, pointer_at[k].end - pointer_at[k].begin),
                     message, hint, &what});
  }
  std::stable_sort(extra.begin(), extra.end(), [](const added& a, const added& b) { return a.offset < b.offset; });
  std::size_t next = 0;
  for (const diagnostic& d : checked.diagnostics()) {
    for (; next < extra.size() && extra[next].offset < d.offset && d.code != code::too_many_diagnostics; ++next)
      b.add(csv::severity_of(*extra[next].what), csv::code_of(*extra[next].what), extra[next].path,
            lines.at(extra[next].offset), extra[next].offset, extra[next].message, extra[next].hint);
    if (d.code == code::too_many_diagnostics) break;
    b.add(d.severity, d.code, d.path, {d.line, d.column}, d.offset, d.message, d.hint);
  }
  for (; next < extra.size(); ++next)
    b.add(csv::severity_of(*extra[next].what), csv::code_of(*extra[next].what), extra[next].path,
          lines.at(extra[next].offset), extra[next].offset, extra[next].message, extra[next].hint);
  const auto kept = checked.diagnostics();
  if (!kept.empty() && kept.back().code == code::too_many_diagnostics) {
    const diagnostic& d = kept.back();
    b.add(d.severity, d.code, d.path, {d.line, d.column}, d.offset, d.message, d.hint);
  }
  b.set_dropped_errors(checked.dropped_error_count());
  b.finish();
}

void csv_checker::impl::check_one(std::size_t file, const csv::folder_context& ctx, std::size_t max_findings) {
  try {
    if (bytes[file]) {
      files[file].check(file, *bytes[file], ctx, max_findings);
    } else if (fds[file] >= 0) {
      file_source source(fds[file]);
      fds[file] = -1;  // the source closes it
      files[file].check(file, source, ctx, max_findings);
    }
  } catch (const std::bad_alloc&) {
    out_of_memory = true;
  }
}

// The three phases: each file of a phase reads the ID sets of the phases before it only, so the
// files of one phase may run at once and the result is the same for every `jobs`.
void csv_checker::impl::check_files(const csv_options& opts) {
  const csv::folder_tables& tables = csv::the_tables();
  csv::folder_context ctx;
  ctx.tables = &tables;
  ctx.profile = settings.readable && settings.csv_provider ? &settings : nullptr;
  ctx.progress = opts.progress;
  const std::size_t max_findings =
      opts.check.limits.max_diagnostics != 0 ? opts.check.limits.max_diagnostics : k_default_max_diagnostics;
  constexpr std::size_t phases[][4] = {{0, 9, 9, 9}, {1, 2, 3, 9}, {4, 5, 9, 9}};  // 9: none
  for (const auto& phase : phases) {
    std::vector<std::size_t> tasks;
    for (const std::size_t f : phase)
      if (f < csv_file_count && (bytes[f] || fds[f] >= 0)) tasks.push_back(f);
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < tasks.size();) check_one(tasks[i], ctx, max_findings);
    };
    std::vector<std::thread> helpers;
    const std::size_t threads = std::min<std::size_t>(std::max(opts.jobs, 1U), tasks.size());
    try {
      for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
    } catch (const std::system_error&) {  // no thread to be had: the calling thread does the rest
    }
    work();
    for (std::thread& t : helpers) t.join();
    for (const std::size_t f : tasks) ctx.targets[f] = files[f].reference_target();
  }
  csv_report::parts& out = *result.parts_;
  for (std::size_t f = 0; f < csv_file_count; ++f)
    if (const int error = files[f].read_error(); error != 0) {
      out.read_errors.push_back(cannot_read(out.names[f], error));
      out.present[f] = false;
    }
}

// A part's report: the kept findings worded, in document order, as long as their text fits in
// max_report_bytes; past a limit, one too-many-diagnostics warning at the part (docs/rules.md
// "Limits and safety", per file as docs/csv-rules.md "Vocabulary" says).
void csv_checker::impl::build_part(report& r, csv::kept_findings& found, std::string_view file, bool folder,
                                   const options& opts) {
  report_builder b(r, opts.strict, spans);
  const std::uint32_t count_limit =
      opts.limits.max_diagnostics != 0 ? opts.limits.max_diagnostics : k_default_max_diagnostics;
  const std::size_t bytes_limit =
      opts.limits.max_report_bytes != 0 ? opts.limits.max_report_bytes : limits{}.max_report_bytes;
  const csv::word_context words{csv::the_tables(), count_limit, bytes_limit};
  std::size_t dropped_errors = found.dropped_errors(), text_bytes = 0;
  bool cut_by_bytes = false;
  const std::span<csv::located> kept = found.sorted();
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const csv::located& f = kept[i];
    path_of(folder ? f.field : file, f, path);
    const std::string_view field = folder ? std::string_view{} : f.field;
    csv::word(f.what, words, message, hint);
    const std::size_t size = path.size() + message.size() + hint.size() + field.size();
    if (size > bytes_limit - text_bytes) {
      cut_by_bytes = true;
      for (std::size_t j = i; j < kept.size(); ++j)
        dropped_errors += csv::severity_of(kept[j].what) == severity::error ? 1 : 0;
      break;
    }
    text_bytes += size;
    b.add_csv(csv::severity_of(f.what), csv::code_of(f.what), path, clamped(f.line, f.column), f.offset, message, hint,
              field, f.has_position);
  }
  if (cut_by_bytes || found.dropped() > 0) {
    csv::word(csv::finding::too_many_diagnostics{cut_by_bytes}, words, message, hint);
    path.clear();
    if (!folder) {
      path = "/";
      append_escaped(file, path);
    }
    b.add_csv(severity::warning, code::too_many_diagnostics, path, {1, 1}, 0, message, hint, {}, false);
  }
  b.set_dropped_errors(dropped_errors);
  b.finish();
}

const csv_report& csv_checker::impl::run(const std::string* directory, std::optional<std::string_view> profile,
                                         const csv_options& opts) {
  csv_report::parts& out = *result.parts_;
  out.read_errors.clear();
  out.has_profile = false;
  out.present.fill(false);
  fds.fill(-1);
  settings = csv::profile_settings{};
  out_of_memory = false;
  const std::size_t max_findings =
      opts.check.limits.max_diagnostics != 0 ? opts.check.limits.max_diagnostics : k_default_max_diagnostics;
  folder_found.reset(max_findings);
  for (std::size_t f = 0; f < csv_file_count; ++f) out.names[f] = to_string(static_cast<csv_file>(f));
  if (profile) check_profile(*profile, opts);
  if (directory != nullptr) {
    bytes.fill(std::nullopt);
    scan_folder(*directory);
  } else {
    for (std::size_t f = 0; f < csv_file_count; ++f) {
      out.present[f] = bytes[f].has_value();
      if (!out.present[f])
        folder_found.add({0, 1, 1, csv::place::file, false, to_string(static_cast<csv_file>(f)), 0,
                          csv::finding::file_missing{static_cast<std::uint8_t>(f)}});
    }
  }
  check_files(opts);
  close_files();
  if (!profile) report_builder(out.profile, opts.check.strict, spans).finish();
  build_part(out.folder, folder_found, {}, true, opts.check);
  for (std::size_t f = 0; f < csv_file_count; ++f) {
    if (out.present[f])
      build_part(out.files[f], files[f].findings(), out.names[f], false, opts.check);
    else
      report_builder(out.files[f], opts.check.strict, spans).finish();
    files[f].release();
  }
  if (out_of_memory) out.read_errors.emplace_back("out of memory");
  detail::release_outsized(folder_found.storage());
  detail::release_outsized(spans);
  return result;
}

csv_checker::csv_checker() : impl_(std::make_unique<impl>()) {}
csv_checker::~csv_checker() = default;
csv_checker::csv_checker(csv_checker&&) noexcept = default;
csv_checker& csv_checker::operator=(csv_checker&&) noexcept = default;

const csv_report& csv_checker::check_folder(const std::string& directory, std::optional<std::string_view> profile,
                                            const csv_options& opts) noexcept {
  try {
    return impl_->run(&directory, profile, opts);
  } catch (...) {
    impl_->close_files();
    impl_->result.parts_->read_errors.assign(1, "out of memory");
    return impl_->result;
  }
}

const csv_report& csv_checker::check_files(const csv_folder_bytes& files, std::optional<std::string_view> profile,
                                           const csv_options& opts) noexcept {
  try {
    impl_->bytes = files.files;
    return impl_->run(nullptr, profile, opts);
  } catch (...) {
    impl_->close_files();
    impl_->result.parts_->read_errors.assign(1, "out of memory");
    return impl_->result;
  }
}

}  // namespace sdsprofile
