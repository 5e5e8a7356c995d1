// Thread safety (docs/embedding.md): checkers are per thread, the model tables are shared. Every
// case (tests/cases/ and SDSPROFILE_EXTRA_CASES) is checked and expanded from 8 threads at once, through the C++ and
// the C API, and each result must equal the single-threaded one field by field. Run under ThreadSanitizer in CI
// (.ci/run), where any data race fails the test.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "case_file.hpp"
#include "sdsprofile/sdsprofile.h"
#include "sdsprofile/sdsprofile.hpp"

namespace {

constexpr unsigned k_threads = 8;
constexpr unsigned k_rounds = 3;  // each thread checks every case this many times
// Cases without a clock get a fixed one, so that every run sees the same date rules.
const sdsprofile::timestamp k_default_now = *sdsprofile::parse_rfc3339("2026-01-15T00:00:00Z");
constexpr const char* k_expand_id = "11111111-2222-4333-8444-555555555555";

// A result in plain owned form: every field the API gives, comparable with ==.
struct flat_diagnostic {
  sdsprofile::severity severity;
  std::string code, path, message, hint;
  std::uint32_t line, column;
  std::size_t offset;
  bool operator==(const flat_diagnostic&) const = default;
};
struct flat_result {
  bool valid = false;
  std::vector<flat_diagnostic> diagnostics;
  std::string expansion;
  bool operator==(const flat_result&) const = default;
};

struct loaded_case {
  std::string name;
  sdsprofile::test::case_file file;
  sdsprofile::expand_options options;
};

std::vector<loaded_case> load_cases() {
  std::vector<loaded_case> cases;
  for (const sdsprofile::test::case_ref& ref : sdsprofile::test::all_cases()) {
    loaded_case c{ref.name, sdsprofile::test::load_case(ref.path), {}};
    c.options.check.check_mode = c.file.mode;
    c.options.check.now = c.file.now ? *c.file.now : k_default_now;
    c.options.id = k_expand_id;
    cases.push_back(std::move(c));
  }
  return cases;
}

flat_result flatten(const sdsprofile::report& r, std::string_view expansion) {
  flat_result out{r.valid(), {}, std::string(expansion)};
  for (const sdsprofile::diagnostic& d : r.diagnostics())
    out.diagnostics.push_back({d.severity, std::string(to_string(d.code)), std::string(d.path), std::string(d.message),
                               std::string(d.hint), d.line, d.column, d.offset});
  return out;
}

// check, then expand (create and resource cases expand; update is expanded as create).
flat_result run_cpp(sdsprofile::checker& checker, const loaded_case& c) {
  flat_result checked = flatten(checker.check(c.file.input, c.options.check), {});
  const sdsprofile::expansion e = checker.expand(c.file.input, c.options);
  checked.expansion = std::string(e.json);
  return checked;
}

flat_result run_c(sdsprofile_checker* checker, const loaded_case& c) {
  sdsprofile_options o;
  sdsprofile_options_init(&o);
  o.mode = static_cast<int>(c.file.mode);
  o.has_now = 1;
  o.now_unix_seconds = c.options.check.now->time_since_epoch().count();
  o.expand_id = k_expand_id;
  o.expand_id_length = std::char_traits<char>::length(k_expand_id);
  flat_result out;
  if (sdsprofile_check(checker, c.file.input.data(), c.file.input.size(), &o) != SDSPROFILE_OK) return out;
  int valid = 0;
  std::size_t count = 0;
  sdsprofile_result_valid(checker, &valid);
  sdsprofile_diagnostic_count(checker, &count);
  out.valid = valid == 1;
  for (std::size_t i = 0; i < count; ++i) {
    sdsprofile_diagnostic d;
    sdsprofile_diagnostic_get(checker, i, &d);
    out.diagnostics.push_back(
        {d.severity == SDSPROFILE_SEVERITY_ERROR ? sdsprofile::severity::error : sdsprofile::severity::warning,
         std::string(d.code, d.code_length), std::string(d.path, d.path_length),
         std::string(d.message, d.message_length), std::string(d.hint, d.hint_length), d.line, d.column,
         static_cast<std::size_t>(d.offset)});
  }
  if (sdsprofile_expand(checker, c.file.input.data(), c.file.input.size(), &o) != SDSPROFILE_OK) return out;
  const char* json = nullptr;
  std::size_t length = 0;
  sdsprofile_expanded_json(checker, &json, &length);
  out.expansion.assign(json, length);
  return out;
}

TEST(Threads, EightThreadsGiveTheSingleThreadedReports) {
  sdsprofile::test::report_case_sources("thread cases");
  const std::vector<loaded_case> cases = load_cases();
  ASSERT_GE(cases.size(), 60u) << "the cases are missing";

  std::vector<flat_result> expected;
  {
    sdsprofile::checker checker;
    for (const loaded_case& c : cases) expected.push_back(run_cpp(checker, c));
  }
  // Some cases must expand, or the expansion comparison would be empty.
  ASSERT_GT(std::count_if(expected.begin(), expected.end(), [](const flat_result& r) { return !r.expansion.empty(); }),
            10);

  // results[thread][round][case]; odd threads use the C API. All threads start together and walk
  // the cases from different starting points, so different cases run at the same moment.
  std::vector<std::vector<std::vector<flat_result>>> results(k_threads);
  std::atomic<unsigned> ready{0};
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      sdsprofile::checker cpp_checker;
      sdsprofile_checker* c_checker = nullptr;
      sdsprofile_checker_create(&c_checker);
      ready.fetch_add(1);
      while (ready.load() < k_threads) std::this_thread::yield();
      results[t].assign(k_rounds, std::vector<flat_result>(cases.size()));
      for (unsigned round = 0; round < k_rounds; ++round)
        for (std::size_t k = 0; k < cases.size(); ++k) {
          const std::size_t i = (k + t * cases.size() / k_threads) % cases.size();
          results[t][round][i] = t % 2 == 0 ? run_cpp(cpp_checker, cases[i]) : run_c(c_checker, cases[i]);
        }
      sdsprofile_checker_destroy(c_checker);
    });
  }
  for (std::thread& th : threads) th.join();

  for (unsigned t = 0; t < k_threads; ++t)
    for (unsigned round = 0; round < k_rounds; ++round)
      for (std::size_t i = 0; i < cases.size(); ++i)
        EXPECT_TRUE(results[t][round][i] == expected[i])
            << "case " << cases[i].name << ", thread " << t << (t % 2 == 0 ? " (C++)" : " (C)") << ", round " << round;
}

}  // namespace
