// sdsprofile_perf_gate: the driver of ctest perf_gate (bench/perf_gate.cmake). Loads one corpus
// file, checks it once to warm up, then checks it COUNT times inside measured_checks(), the only
// function callgrind collects (--toggle-collect), so the instruction count excludes start-up,
// file reading and the buffers' first growth. Usage: sdsprofile_perf_gate FILE COUNT [check|expand]
#include <sdsprofile/sdsprofile.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

/// Checks (or, with `expand`, expands) `input` `count` times with `checker` and returns how many
/// runs found it valid. Not inlined and outside any namespace, so that callgrind's
/// --toggle-collect=measured_checks* finds it by name.
[[gnu::noinline]] std::size_t measured_checks(sdsprofile::checker& checker, std::string_view input,
                                              const sdsprofile::expand_options& opts, unsigned long count,
                                              bool expand) {
  std::size_t valid = 0;
  for (unsigned long i = 0; i < count; ++i)
    valid += (expand ? checker.expand(input, opts).expanded() : checker.check(input, opts.check).valid()) ? 1 : 0;
  return valid;
}

int main(int argc, char** argv) {
  const bool expand = argc == 4 && std::string_view(argv[3]) == "expand";
  if ((argc != 3 && argc != 4) || (argc == 4 && !expand && std::string_view(argv[3]) != "check")) {
    std::fprintf(stderr, "usage: sdsprofile_perf_gate FILE COUNT [check|expand]\n");
    return 2;
  }
  char* end = nullptr;
  errno = 0;
  const unsigned long count = std::strtoul(argv[2], &end, 10);
  if (errno != 0 || end == argv[2] || *end != '\0') {
    std::fprintf(stderr, "sdsprofile_perf_gate: COUNT '%s' is not an unsigned integer\n", argv[2]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "sdsprofile_perf_gate: cannot read %s\n", argv[1]);
    return 2;
  }
  const std::string input{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};

  sdsprofile::expand_options opts;  // create mode, default limits, a fixed clock (the date rules)
  opts.check.now = sdsprofile::parse_rfc3339("2026-01-01T00:00:00Z");
  opts.id = "00000000-0000-4000-8000-000000000001";  // no random id: the same work every run
  sdsprofile::checker checker;
  const bool valid = checker.check(input, opts.check).valid();  // warm-up: buffers grow once
  if (expand) (void)checker.expand(input, opts);
  const std::size_t valid_count = measured_checks(checker, input, opts, count, expand);
  std::printf("%s: %s, %zu of %lu measured %s valid\n", argv[1], valid ? "valid" : "invalid", valid_count, count,
              expand ? "expansions" : "checks");
  return 0;
}
