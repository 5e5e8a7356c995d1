// sdsprofile_csv_reader_bench: the CSV reader (lib/src/csv_reader.hpp) over the six files of a
// folder, beside `wc -l` on the same files, the floor (docs/performance.md). Each round times, for
// every file, the reader with its default kernel, the reader with the scalar kernel, and `wc -l`,
// in an order that alternates between rounds; the figures are medians over the rounds, and the
// ratio to `wc -l` is the median of the per-round ratios, so that a machine that slows down for a
// while moves both sides of a ratio alike. Times are CPU time (the reader's process time, and the
// user and system time `wc -l` used, from wait4), so that other processes on the machine count
// less; --clock wall measures wall-clock time instead. Usage:
//   sdsprofile_csv_reader_bench [DIR] [--rounds N] [--clock cpu|wall]
// DIR defaults to the build's bench/csv-folder (generated with the binary by
// sdsprofile_csv_folder). The reader reads the file's bytes from memory, read in beforehand, as a
// caller that memory-maps a file in the page cache would hand them over; `wc -l` is a process of
// its own, so its time includes starting it and reading the file from the page cache.
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "csv_reader.hpp"

extern char** environ;

namespace {

bool wall_clock = false;  // --clock wall

/// Now, in seconds: the process's CPU time, or the wall clock.
double now() {
  timespec t{};
  clock_gettime(wall_clock ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}
using sdsprofile::detail::csv_kernel;
using sdsprofile::detail::csv_reader;

constexpr std::string_view k_files[] = {"School.csv",  "Section.csv",           "Student.csv",
                                        "Teacher.csv", "StudentEnrollment.csv", "TeacherRoster.csv"};

/// What reading a file gave: counts that also keep the work from being optimised away.
struct tally {
  std::uint64_t records = 0, fields = 0, value_bytes = 0;
  bool failed = false;
};

/// Reads `bytes` to the end, asking every field's value, as the checker will.
tally read_file(csv_reader& reader, std::string_view bytes) {
  tally t;
  reader.reset(bytes);
  while (reader.next()) {
    ++t.records;
    for (const auto& field : reader.record().fields) {
      ++t.fields;
      t.value_bytes += reader.value(field).size();
    }
  }
  t.failed = reader.error().failure != sdsprofile::detail::csv_failure::none;
  return t;
}

/// Seconds `wc -l PATH` takes (its CPU time, or the wall clock from spawning it to its exit), its
/// output sent to /dev/null; a negative number when it fails.
double time_wc(const std::string& path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  std::string wc = "wc", flag = "-l", file = path;
  char* argv[] = {wc.data(), flag.data(), file.data(), nullptr};
  const double start = now();
  pid_t pid = 0;
  int status = 0;
  rusage usage{};
  const bool ok = posix_spawnp(&pid, "wc", &actions, nullptr, argv, environ) == 0 &&
                  wait4(pid, &status, 0, &usage) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  const double elapsed = wall_clock ? now() - start : seconds(usage.ru_utime) + seconds(usage.ru_stime);
  posix_spawn_file_actions_destroy(&actions);
  return ok ? elapsed : -1;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// One file's bytes and its per-round measurements (MB/s, 1 MB = 10^6 bytes).
struct subject {
  std::string name, path, bytes;
  tally counts;
  std::vector<double> reader, scalar, wc, ratio;
};

/// One round over every file; `reader_first` alternates the order of the reader and `wc -l`.
bool run_round(std::vector<subject>& subjects, csv_reader& simd, csv_reader& scalar, bool reader_first) {
  for (subject& s : subjects) {
    const double mb = static_cast<double>(s.bytes.size()) / 1e6;
    double wc_seconds = 0;
    if (!reader_first && (wc_seconds = time_wc(s.path)) < 0) return false;
    double start = now();
    s.counts = read_file(simd, s.bytes);
    const double simd_seconds = now() - start;
    start = now();
    const tally check = read_file(scalar, s.bytes);
    const double scalar_seconds = now() - start;
    if (reader_first && (wc_seconds = time_wc(s.path)) < 0) return false;
    if (check.records != s.counts.records || check.fields != s.counts.fields || s.counts.failed) {
      std::fprintf(stderr, "csv_reader_bench: %s: the kernels disagree, or the file does not read clean\n",
                   s.path.c_str());
      return false;
    }
    s.reader.push_back(mb / simd_seconds);
    s.scalar.push_back(mb / scalar_seconds);
    s.wc.push_back(mb / wc_seconds);
    s.ratio.push_back(wc_seconds / simd_seconds);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = SDSPROFILE_CSV_FOLDER;
  int rounds = 11;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--clock" && i + 1 < argc) {
      wall_clock = std::string_view(argv[++i]) == "wall";
    } else if (!arg.starts_with("-")) {
      dir = arg;
    } else {
      std::fprintf(stderr, "usage: sdsprofile_csv_reader_bench [DIR] [--rounds N] [--clock cpu|wall]\n");
      return 2;
    }
  }
  std::vector<subject> subjects;
  for (const std::string_view name : k_files) {
    subject s;
    s.name = name;
    s.path = dir + "/" + s.name;
    std::ifstream in(s.path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "csv_reader_bench: cannot read %s\n", s.path.c_str());
      return 1;
    }
    s.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    subjects.push_back(std::move(s));
  }
  csv_reader simd;
  csv_reader scalar(csv_kernel::scalar);
  std::vector<double> total_reader, total_wc, total_ratio;
  for (int round = 0; round < rounds; ++round) {
    if (!run_round(subjects, simd, scalar, round % 2 == 0)) return 1;
    double bytes = 0, reader_seconds = 0, wc_seconds = 0;
    for (const subject& s : subjects) {
      const double mb = static_cast<double>(s.bytes.size()) / 1e6;
      bytes += mb;
      reader_seconds += mb / s.reader.back();
      wc_seconds += mb / s.wc.back();
    }
    total_reader.push_back(bytes / reader_seconds);
    total_wc.push_back(bytes / wc_seconds);
    total_ratio.push_back(wc_seconds / reader_seconds);
  }
  fmt::print(
      "CSV reader over {} ({} rounds, {} time, medians; MB = 10^6 bytes; reader/wc = median of per-round ratios)\n",
      dir, rounds, wall_clock ? "wall-clock" : "CPU");
  fmt::print("{:<22} {:>10} {:>8} {:>9} {:>12} {:>12} {:>12} {:>10}\n", "file", "bytes", "records", "fields",
             "reader MB/s", "scalar MB/s", "wc -l MB/s", "reader/wc");
  double all_bytes = 0;
  for (const subject& s : subjects) {
    all_bytes += static_cast<double>(s.bytes.size());
    fmt::print("{:<22} {:>10} {:>8} {:>9} {:>12.0f} {:>12.0f} {:>12.0f} {:>10.2f}\n", s.name, s.bytes.size(),
               s.counts.records, s.counts.fields, median(s.reader), median(s.scalar), median(s.wc), median(s.ratio));
  }
  fmt::print("{:<22} {:>10.0f} {:>8} {:>9} {:>12.0f} {:>12} {:>12.0f} {:>10.2f}\n", "folder", all_bytes, "", "",
             median(total_reader), "", median(total_wc), median(total_ratio));
  return 0;
}
