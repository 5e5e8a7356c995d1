// sdsprofile_perf_gate: the driver of the perf_gate tests (bench/perf_gate.cmake) and of
// bench/compare's instruction counts. Loads one corpus file, runs it once to warm up, then runs it
// COUNT times inside measured_checks() (check or expand) or measured_dom_parses() (dom: simdjson's
// DOM parse of the same bytes, padded, the floor the ratios are to), the only functions callgrind
// collects (--toggle-collect), so the instruction count excludes start-up, file reading and the
// buffers' first growth. Usage: sdsprofile_perf_gate FILE COUNT [check|expand|dom]
#include <simdjson.h>

#include <sdsprofile/sdsprofile.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

/// Reads every field of every diagnostic of `report`, as a caller that prints it would (the same
/// as bench/bench_main.cpp's timed loops), so the count covers a report a caller can use.
std::size_t read_report(const sdsprofile::report& report) {
  std::size_t sum = report.valid() ? 1 : 0;
  for (const sdsprofile::diagnostic& d : report.diagnostics()) {
    sum += static_cast<std::size_t>(d.severity) + static_cast<std::size_t>(d.code) + d.path.size() + d.line + d.column +
           d.offset + d.message.size() + d.hint.size();
  }
  return sum;
}

/// Checks (or, with `expand`, expands) `input` `count` times with `checker`, reading each report,
/// and returns how many runs found it valid. Not inlined and outside any namespace, so that
/// callgrind's --toggle-collect=measured_checks* finds it by name.
[[gnu::noinline]] std::size_t measured_checks(sdsprofile::checker& checker, std::string_view input,
                                              const sdsprofile::expand_options& opts, unsigned long count, bool expand,
                                              std::size_t& read) {
  std::size_t valid = 0;
  for (unsigned long i = 0; i < count; ++i) {
    if (expand) {
      const sdsprofile::expansion result = checker.expand(input, opts);
      valid += result.expanded() ? 1 : 0;
      read += read_report(result.diagnostics);
    } else {
      const sdsprofile::report& report = checker.check(input, opts.check);
      valid += report.valid() ? 1 : 0;
      read += read_report(report);
    }
  }
  return valid;
}

/// Parses the padded `input` `count` times with simdjson's DOM parser and returns how many
/// parses succeeded. Not inlined, for --toggle-collect=measured_dom_parses*.
[[gnu::noinline]] std::size_t measured_dom_parses(simdjson::dom::parser& parser, const simdjson::padded_string& input,
                                                  unsigned long count) {
  std::size_t parsed = 0;
  for (unsigned long i = 0; i < count; ++i) parsed += parser.parse(input).error() == simdjson::SUCCESS ? 1 : 0;
  return parsed;
}

int main(int argc, char** argv) {
  const std::string_view mode = argc == 4 ? std::string_view(argv[3]) : "check";
  if ((argc != 3 && argc != 4) || (mode != "check" && mode != "expand" && mode != "dom")) {
    std::fprintf(stderr, "usage: sdsprofile_perf_gate FILE COUNT [check|expand|dom]\n");
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

  if (mode == "dom") {
    const simdjson::padded_string padded(input);
    simdjson::dom::parser parser;
    const bool parsed = parser.parse(padded).error() == simdjson::SUCCESS;  // warm-up: buffers grow once
    const std::size_t parsed_count = measured_dom_parses(parser, padded, count);
    std::printf("%s: %s, %zu of %lu measured DOM parses succeeded\n", argv[1], parsed ? "parsed" : "not parsed",
                parsed_count, count);
    return 0;
  }
  const bool expand = mode == "expand";
  sdsprofile::expand_options opts;  // create mode, default limits, a fixed clock (the date rules)
  opts.check.now = sdsprofile::parse_rfc3339("2026-01-01T00:00:00Z");
  opts.id = "00000000-0000-4000-8000-000000000001";  // no random id: the same work every run
  sdsprofile::checker checker;
  const bool valid = checker.check(input, opts.check).valid();  // warm-up: buffers grow once
  if (expand) (void)checker.expand(input, opts);
  std::size_t read = 0;
  const std::size_t valid_count = measured_checks(checker, input, opts, count, expand, read);
  std::printf("%s: %s, %zu of %lu measured %s valid (%zu read from the reports)\n", argv[1],
              valid ? "valid" : "invalid", valid_count, count, expand ? "expansions" : "checks", read);
  return 0;
}
