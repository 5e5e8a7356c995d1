// The compiled core against the engine it replaces: identical reports (every field of every
// diagnostic, validity, the count of errors left out) and identical expansions, on every case
// (tests/cases/ and SDSPROFILE_EXTRA_CASES), every fuzz corpus and regression input (with the
// options its first byte selects), and every document of the benchmark corpus, its 100,000-line
// NDJSON file included. Runs in the Release build only (ctest label `differential`): the legacy
// engine is deleted once this passes, and this test with it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "case_file.hpp"
#include "fuzz_support.hpp"
#include "legacy_checker.hpp"
#include "sdsprofile/sdsprofile.hpp"

namespace {

namespace fs = std::filesystem;
using sdsprofile::fuzz::owned_copy;

constexpr const char* k_id = "11111111-2222-4333-8444-555555555555";

struct engines {
  sdsprofile::checker current;
  sdsprofile::detail::legacy_checker legacy;
  std::size_t inputs = 0, expansions = 0;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The current engine's reports without what the legacy engine never said: why a fix was held
// back (docs/rules.md "Fixes"), the last sentence of a hint.
std::vector<sdsprofile::fuzz::owned_diagnostic> without_fix_notes(std::vector<sdsprofile::fuzz::owned_diagnostic> v) {
  for (auto& d : v)
    if (const std::size_t at = d.hint.find("Not fixed automatically:"); at != std::string::npos)
      d.hint.erase(at > 0 ? at - 1 : at);
  return v;
}

// Both engines on one input: the same report, and for create and resource bodies the same
// expansion (pretty and compact). `what` names the input in a failure.
void compare(engines& e, std::string_view input, const sdsprofile::options& opts, const std::string& what) {
  ++e.inputs;
  const auto current = without_fix_notes(owned_copy(e.current.check(input, opts)));
  const bool current_valid = e.current.check(input, opts).valid();
  const std::size_t current_dropped = e.current.check(input, opts).dropped_error_count();
  const auto& legacy_report = e.legacy.check(input, opts);
  ASSERT_EQ(current, owned_copy(legacy_report)) << what;
  ASSERT_EQ(current_valid, legacy_report.valid()) << what;
  ASSERT_EQ(current_dropped, legacy_report.dropped_error_count()) << what;
  if (opts.check_mode == sdsprofile::mode::update) return;
  for (const bool pretty : {true, false}) {
    sdsprofile::expand_options x;
    x.check = opts;
    x.id = k_id;
    x.pretty = pretty;
    const auto a = e.current.expand(input, x);
    const std::string current_json(a.json);
    const auto current_diagnostics = without_fix_notes(owned_copy(a.diagnostics));
    const auto b = e.legacy.expand(input, x);
    ASSERT_EQ(current_diagnostics, owned_copy(b.diagnostics)) << what << " (expand)";
    ASSERT_EQ(current_json, std::string(b.json)) << what << (pretty ? " (expansion)" : " (compact expansion)");
    if (!current_json.empty()) ++e.expansions;
  }
}

TEST(Differential, EveryCase) {
  engines e;
  sdsprofile::test::report_case_sources("differential cases");
  for (const auto& ref : sdsprofile::test::all_cases()) {
    const auto c = sdsprofile::test::load_case(ref.path);
    sdsprofile::options opts;
    opts.check_mode = c.mode;
    opts.now = c.now ? c.now : sdsprofile::parse_rfc3339("2026-01-15T00:00:00Z");
    compare(e, c.input, opts, ref.path);
    opts.strict = true;
    opts.limits.max_diagnostics = 2;
    compare(e, c.input, opts, ref.path + " (strict, 2 diagnostics)");
  }
  std::printf("differential: %zu inputs, %zu expansions compared\n", e.inputs, e.expansions);
}

TEST(Differential, EveryFuzzInput) {
  engines e;
  const fs::path root = fs::path(SDSPROFILE_SOURCE_DIR) / "fuzz";
  for (const char* set : {"corpus", "regressions"})
    for (const auto& target : fs::directory_iterator(root / set))
      for (const auto& file : fs::directory_iterator(target.path())) {
        if (file.path().extension() == ".reason") continue;
        const std::string bytes = read_file(file.path());
        const auto in =
            sdsprofile::fuzz::split_input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        compare(e, in.document, sdsprofile::fuzz::options_from_selector(in.selector), file.path().string());
        if (HasFatalFailure()) return;
      }
  std::printf("differential: %zu fuzz inputs, %zu expansions compared\n", e.inputs, e.expansions);
  EXPECT_GT(e.inputs, 4000u);
}

TEST(Differential, EveryBenchmarkDocument) {
  engines e;
  const fs::path corpus = SDSPROFILE_BENCH_CORPUS;
  sdsprofile::options opts;
  opts.now = sdsprofile::parse_rfc3339("2026-01-01T00:00:00Z");
  for (const auto& file : fs::directory_iterator(corpus)) {
    const std::string bytes = read_file(file.path());
    if (file.path().extension() == ".json") {
      compare(e, bytes, opts, file.path().string());
      continue;
    }
    std::size_t line = 1;
    for (std::size_t at = 0; at < bytes.size(); ++line) {
      std::size_t end = bytes.find('\n', at);
      if (end == std::string::npos) end = bytes.size();
      compare(e, std::string_view(bytes).substr(at, end - at), opts, file.path().string() + ":" + std::to_string(line));
      if (HasFatalFailure()) return;
      at = end + 1;
    }
  }
  std::printf("differential: %zu benchmark documents, %zu expansions compared\n", e.inputs, e.expansions);
  EXPECT_GT(e.inputs, 100000u);
}

}  // namespace
