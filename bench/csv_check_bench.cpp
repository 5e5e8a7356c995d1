// sdsprofile_csv_check_bench: one process that checks a CSV upload folder with the library
// (csv_checker::check_folder, files read in chunks) and prints what bench/csv-compare needs, as
// one JSON line: the folder's bytes, the CPU time of each check, the diagnostics found and the
// distinct keys the check keeps (SIS IDs of School, Section, Student and Teacher, and the
// usernames of Student and Teacher: one per data row of those files, the folder being valid).
// The first check warms the checker up (its buffers, the page cache); the others are timed. Peak
// memory is the caller's to read (wait4's ru_maxrss), since it belongs to the whole process.
// Usage: sdsprofile_csv_check_bench DIR [--checks N] [--jobs N] [--profile FILE]
#include <fmt/format.h>
#include <time.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "sdsprofile/csv_checker.hpp"

namespace {

double cpu_seconds() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The data rows of a file: its line ends, less the header's (the generated files end with one).
std::uint64_t data_rows(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::uint64_t lines = 0;
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    for (std::size_t i = 0; i < n; ++i) lines += buffer[i] == '\n';
  }
  return lines > 0 ? lines - 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs("usage: sdsprofile_csv_check_bench DIR [--checks N] [--jobs N] [--profile FILE]\n", stderr);
    return 2;
  }
  const std::string dir = argv[1];
  int checks = 3;
  sdsprofile::csv_options opts;
  opts.jobs = 1;
  std::optional<std::string> profile;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--checks") == 0) checks = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--jobs") == 0) opts.jobs = static_cast<unsigned>(std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--profile") == 0) {
      std::ifstream in(argv[i + 1], std::ios::binary);
      profile.emplace(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  opts.check.now = sdsprofile::parse_rfc3339("2026-01-15T00:00:00Z");
  std::uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file()) bytes += entry.file_size();
  std::uint64_t keys = 0;
  for (const char* name : {"School.csv", "Section.csv", "Student.csv", "Teacher.csv"})
    keys += data_rows(std::filesystem::path(dir) / name);
  for (const char* name : {"Student.csv", "Teacher.csv"}) keys += data_rows(std::filesystem::path(dir) / name);

  sdsprofile::csv_checker checker;
  const auto run = [&] { return &checker.check_folder(dir, profile, opts); };
  const sdsprofile::csv_report* r = run();  // warm-up
  std::vector<double> seconds;
  for (int i = 0; i < checks; ++i) {
    const double start = cpu_seconds();
    r = run();
    seconds.push_back(cpu_seconds() - start);
  }
  fmt::print("{{\"bytes\":{},\"keys\":{},\"diagnostics\":{},\"valid\":{},\"read_errors\":{},\"cpu_seconds\":[{}]}}\n",
             bytes, keys, r->error_count() + r->warning_count(), r->valid(), r->read_errors().size(),
             fmt::join(seconds, ","));
  return 0;
}
