// Every CSV folder case (tests/csv-cases/README.md, and SDSPROFILE_EXTRA_CSV_CASES) through the
// library (csv_checker::check_folder) and through `sdsprofile check-csv` in every output format: the
// multiset of (severity, code, path) over every part equals the case's, and so does validity. JSON
// Lines is also compared byte for byte between --jobs 1 and --jobs 4. (The SARIF logs are validated
// against the official schema by the node test sarif_schema.)
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "csv_case_file.hpp"
#include "scratch_dir.hpp"
#include "sdsprofile/csv_checker.hpp"

namespace {

using sdsprofile::test::csv_case;
using sdsprofile::test::triple;

constexpr const char* k_now = "2026-01-15T00:00:00Z";

std::vector<std::string> with_clock(std::vector<std::string> args) {
  if (std::find(args.begin(), args.end(), "--now") == args.end()) {
    args.emplace_back("--now");
    args.emplace_back(k_now);
  }
  return args;
}

std::string quoted(const std::string& s) {
  std::string q = "'";
  for (const char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct run_result {
  int status = -1;
  std::string out;
};

// `sdsprofile check-csv --format FORMAT ARGS [--profile P] UPLOAD`, standard error discarded.
run_result run_cli(const csv_case& c, const std::string& format, const std::vector<std::string>& extra = {}) {
  // (Built with append: GCC 12 warns falsely on chains of operator+ here.)
  std::string command = quoted(SDSPROFILE_CLI);
  command.append(" check-csv --no-config --format ").append(format);
  for (const std::string& a : with_clock(c.args)) command.append(" ").append(quoted(a));
  for (const std::string& a : extra) command.append(" ").append(quoted(a));
  if (const auto p = c.profile()) command.append(" --profile ").append(quoted(p->string()));
  command.append(" ").append(quoted(c.upload().string())).append(" 2>/dev/null");
  run_result r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 65536> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) r.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<triple> sorted(std::vector<triple> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    lines.push_back(text.substr(at, end - at));
    at = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

class CsvCases : public ::testing::TestWithParam<csv_case> {};

TEST(CsvCaseSources, EachIsAReadableDirectoryWithCases) {
  for (const auto& source : sdsprofile::test::csv_case_sources()) {
    const std::size_t count = sdsprofile::test::csv_case_dirs(source).size();
    std::printf("cases: csv_cases: %zu from %s\n", count, source.dir.string().c_str());
    EXPECT_GT(count, 0U) << "no case directory (NAME/expect.json) in " << source.dir;
  }
}

TEST_P(CsvCases, Library) {
  const csv_case& c = GetParam();
  sdsprofile::csv_options opts;
  ASSERT_TRUE(sdsprofile::test::csv_options_from_args(with_clock(c.args), opts)) << "unknown args";
  std::optional<std::string> profile;
  if (const auto p = c.profile()) profile = sdsprofile::test::read_all(p->string());
  sdsprofile::csv_checker checker;
  const sdsprofile::csv_report& r = checker.check_folder(
      c.upload().string(), profile ? std::optional<std::string_view>(*profile) : std::nullopt, opts);
  EXPECT_TRUE(r.read_errors().empty());
  std::vector<triple> got;
  const auto add = [&got](const sdsprofile::report& part) {
    for (const auto& d : part.diagnostics())
      got.emplace_back(std::string(to_string(d.severity)), std::string(to_string(d.code)), std::string(d.path));
  };
  add(r.profile());
  add(r.folder());
  for (std::size_t f = 0; f < sdsprofile::csv_file_count; ++f) add(r.file(static_cast<sdsprofile::csv_file>(f)));
  EXPECT_EQ(sorted(got), sorted(c.expected));
  EXPECT_EQ(r.valid(), c.valid);
}

TEST_P(CsvCases, CliJsonLinesEqualForEveryJobs) {
  const csv_case& c = GetParam();
  const run_result r = run_cli(c, "json", {"--jobs", "1"});
  EXPECT_EQ(r.status, c.valid ? 0 : 1);
  std::vector<triple> got;
  bool valid = true;
  simdjson::dom::parser parser;
  for (const std::string& line : lines_of(r.out)) {
    simdjson::dom::element record;
    ASSERT_FALSE(parser.parse(line).get(record)) << "not JSON: " << line;
    valid = valid && bool(record["valid"]);
    for (simdjson::dom::element d : record["diagnostics"].get_array())
      got.emplace_back(std::string(std::string_view(d["severity"])), std::string(std::string_view(d["code"])),
                       std::string(std::string_view(d["path"])));
  }
  EXPECT_EQ(sorted(got), sorted(c.expected));
  EXPECT_EQ(valid, c.valid);
  EXPECT_EQ(run_cli(c, "json", {"--jobs", "4"}).out, r.out) << "--jobs 4 wrote other bytes";
}

TEST_P(CsvCases, CliTextAndGithub) {
  const csv_case& c = GetParam();
  std::vector<std::pair<std::string, std::string>> expected;  // (severity, code)
  for (const auto& [severity, code, path] : c.expected) expected.emplace_back(severity, code);
  std::sort(expected.begin(), expected.end());
  const run_result text = run_cli(c, "text");
  EXPECT_EQ(text.status, c.valid ? 0 : 1);
  std::vector<std::pair<std::string, std::string>> got;
  for (const std::string& line : lines_of(text.out)) {
    if (line.starts_with("    hint: ")) continue;
    const std::size_t open = line.rfind(" [");
    ASSERT_NE(open, std::string::npos) << line;
    const std::string severity = line.find(": error: ") != std::string::npos ? "error" : "warning";
    got.emplace_back(severity, line.substr(open + 2, line.size() - open - 3));
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, expected);
  const run_result github = run_cli(c, "github");
  EXPECT_EQ(github.status, c.valid ? 0 : 1);
  got.clear();
  for (const std::string& line : lines_of(github.out)) {
    const std::string severity = line.starts_with("::error ") ? "error" : "warning";
    const std::size_t title = line.find(",title=");
    ASSERT_NE(title, std::string::npos) << line;
    got.emplace_back(severity, line.substr(title + 7, line.find("::", title) - title - 7));
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, expected);
}

TEST_P(CsvCases, CliSarif) {
  const csv_case& c = GetParam();
  const run_result r = run_cli(c, "sarif");
  EXPECT_EQ(r.status, c.valid ? 0 : 1);
  simdjson::dom::parser parser;
  simdjson::dom::element log;
  ASSERT_FALSE(parser.parse(r.out).get(log)) << "not JSON";
  std::vector<triple> got;
  for (simdjson::dom::element result : log["runs"].at(0)["results"].get_array()) {
    const simdjson::dom::element location = result["locations"].at(0);
    got.emplace_back(std::string(std::string_view(result["level"])), std::string(std::string_view(result["ruleId"])),
                     std::string(std::string_view(location["logicalLocations"].at(0)["fullyQualifiedName"])));
  }
  EXPECT_EQ(sorted(got), sorted(c.expected));
}

// README.md "Check the CSV upload folder": the command prints exactly what the README shows, and
// exits 0 (docs/csv-rules.md; the example folder is clean but for its M/D/YYYY dates).
TEST(CsvReadme, TheExampleFolderPrintsWhatTheReadmeShows) {
  const std::string readme = sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/README.md");
  const std::string command = "$ build/sdsprofile check-csv --profile examples/seed-request.json examples/sds-csv/\n";
  const std::size_t start = readme.find(command);
  ASSERT_NE(start, std::string::npos);
  const std::size_t end = readme.find("$ echo $?\n0\n", start);
  ASSERT_NE(end, std::string::npos);
  const std::string shown = readme.substr(start + command.size(), end - start - command.size());
  std::string cli = "cd ";
  cli.append(quoted(SDSPROFILE_SOURCE_DIR)).append(" && ").append(quoted(SDSPROFILE_CLI));
  cli.append(" check-csv --profile examples/seed-request.json examples/sds-csv/");
  FILE* pipe = ::popen(cli.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  EXPECT_EQ(out, shown);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::size_t warnings = 0;
  for (std::size_t at = out.find("[csv-date-not-iso]"); at != std::string::npos;
       at = out.find("[csv-date-not-iso]", at + 1))
    ++warnings;
  EXPECT_EQ(warnings, 3U);
}

// The output of `cd SOURCE && sdsprofile check-csv ARGS` (standard error discarded) and its status.
run_result run_in_source(const std::string& args) {
  std::string cli = "cd ";
  cli.append(quoted(SDSPROFILE_SOURCE_DIR)).append(" && ").append(quoted(SDSPROFILE_CLI));
  cli.append(" check-csv ").append(args).append(" 2>&1");
  run_result r;
  FILE* pipe = ::popen(cli.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) r.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// `text` with ": warning: " written ": error: " on each line of a csv-date-not-iso diagnostic.
std::string as_errors(const std::string& text) {
  std::string out;
  for (const std::string& line : lines_of(text)) {
    std::string l = line;
    if (const std::size_t at = l.find(": warning: "); at != std::string::npos && l.ends_with(" [csv-date-not-iso]"))
      l.replace(at, 11, ": error: ");
    out.append(l).append("\n");
  }
  return out;
}

// docs/cli.md "check-csv": the per-code policy of `check` applies to the CSV codes, from the
// command line and from the sdsprofile.toml found from DIR upwards; it decides the exit status.
TEST(CsvPolicy, OptionsAndProjectFileDecideFindingsAndStatus) {
  const std::string base = "--profile examples/seed-request.json ";
  const run_result plain = run_in_source(base + "--no-config examples/sds-csv/");
  ASSERT_EQ(plain.status, 0);
  ASSERT_NE(plain.out.find(": warning: "), std::string::npos);
  const run_result errors = run_in_source(base + "--no-config --error csv-date-not-iso examples/sds-csv/");
  EXPECT_EQ(errors.status, 1);
  EXPECT_EQ(errors.out, as_errors(plain.out));
  const run_result none = run_in_source(base + "--no-config --ignore csv- examples/sds-csv/");
  EXPECT_EQ(none.status, 0);
  EXPECT_EQ(none.out, plain.out.substr(0, plain.out.find("\nexamples/sds-csv/") + 1));  // the profile's only
  EXPECT_NE(none.out, "");
  const run_result strict =
      run_in_source(base + "--no-config --strict --ignore csv-date-,odata-type-noncanonical examples/sds-csv/");
  EXPECT_EQ(strict.status, 0);
  EXPECT_EQ(strict.out, "");
  const run_result unknown = run_in_source("--no-config --ignore csv-date-not-isoo examples/sds-csv/");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_EQ(unknown.out, "sdsprofile: --ignore: unknown code 'csv-date-not-isoo', did you mean 'csv-date-not-iso'?\n");

  // A project file beside a copy of the folder: its layer, then the command line's over it.
  const std::filesystem::path root = sdsprofile::test::new_scratch_dir("sdsprofile-csv-policy-");
  std::filesystem::copy(std::filesystem::path(SDSPROFILE_SOURCE_DIR) / "examples" / "sds-csv", root / "upload");
  {
    FILE* toml = std::fopen((root / "sdsprofile.toml").c_str(), "w");
    ASSERT_NE(toml, nullptr);
    std::fputs("error = [\"csv-date-\"]\n", toml);
    std::fclose(toml);
  }
  const std::string upload = quoted((root / "upload").string());
  const std::string copy_prefix = (root / "upload").string() + "/";
  std::string expected = as_errors(plain.out);
  for (std::size_t at; (at = expected.find("examples/sds-csv/")) != std::string::npos;)
    expected.replace(at, 17, copy_prefix);
  const run_result from_file = run_in_source(base + upload);
  EXPECT_EQ(from_file.status, 1);
  EXPECT_EQ(from_file.out, expected);
  const run_result layered = run_in_source(base + "--warn csv-date-not-iso " + upload);
  EXPECT_EQ(layered.status, 0);
  EXPECT_EQ(as_errors(layered.out), expected);
  EXPECT_NE(layered.out.find(": warning: "), std::string::npos);
  EXPECT_EQ(run_in_source(base + "--no-config " + upload).status, 0);
  std::filesystem::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(Folders, CsvCases, ::testing::ValuesIn(sdsprofile::test::all_csv_cases()),
                         [](const ::testing::TestParamInfo<csv_case>& info) { return info.param.name; });

}  // namespace
