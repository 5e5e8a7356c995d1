// `sdsprofile fix` (docs/cli.md "fix") and the fixes in the output formats: every case (tests/cases/
// and SDSPROFILE_EXTRA_CASES) through `fix --diff`, whose diff, applied, gives the text `fix` writes
// and which re-checks without the fixed findings, a second `fix` changing nothing; the files it
// rewrites (atomically, mode kept, through symbolic links, BOM and line ends kept), standard input,
// --check and the exit status; the "fix" of JSON Lines and the "fixes" of SARIF, byte for byte.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "case_file.hpp"
#include "cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using sdsprofile::test::read_all;
using sdsprofile::test::run_cli;
using sdsprofile::test::shell_quote;
using sdsprofile::test::write_file;

constexpr const char* k_now = "--now 2026-01-15T00:00:00Z";

std::vector<std::string> lines_of(std::string_view s) {
  std::vector<std::string> lines;
  while (!s.empty()) {
    const std::size_t end = s.find('\n');
    const std::size_t size = end == std::string_view::npos ? s.size() : end + 1;
    lines.emplace_back(s.substr(0, size));
    s.remove_prefix(size);
  }
  return lines;
}

// `before` with the unified diff `diff` applied, as patch(1) would; a malformed diff fails the test.
std::string apply_diff(const std::string& before, const std::string& diff) {
  if (diff.empty()) return before;
  const std::vector<std::string> old_lines = lines_of(before), d = lines_of(diff);
  EXPECT_GE(d.size(), 3u);
  EXPECT_TRUE(d[0].starts_with("--- ")) << d[0];
  EXPECT_TRUE(d[1].starts_with("+++ ")) << d[1];
  std::string after;
  std::size_t next_old = 0;  // lines of `before` copied so far
  for (std::size_t i = 2; i < d.size();) {
    unsigned a = 0, b = 0, c = 0, e = 0;
    EXPECT_EQ(std::sscanf(d[i].c_str(), "@@ -%u,%u +%u,%u @@", &a, &b, &c, &e), 4) << d[i];
    const std::size_t start = b == 0 ? a : a - 1;
    EXPECT_GE(start, next_old);
    for (; next_old < start && next_old < old_lines.size(); ++next_old) after += old_lines[next_old];
    for (++i; i < d.size() && !d[i].starts_with("@@"); ++i) {
      const char mark = d[i][0];
      std::string text = d[i].substr(1);
      if (i + 1 < d.size() && d[i + 1].starts_with("\\ No newline")) {
        text.pop_back();
        ++i;
      }
      if (mark == ' ' || mark == '-') {
        EXPECT_LT(next_old, old_lines.size());
        if (next_old < old_lines.size()) {
          EXPECT_EQ(old_lines[next_old], text) << "context or removed line differs";
        }
        ++next_old;
      }
      if (mark == ' ' || mark == '+') after += text;
    }
  }
  for (; next_old < old_lines.size(); ++next_old) after += old_lines[next_old];
  return after;
}

// (code, path) of each finding of `check --format json` output `out`; with `fixed_only`, of those
// with a "fix".
std::multiset<std::pair<std::string, std::string>> findings(const std::string& out, bool fixed_only) {
  std::multiset<std::pair<std::string, std::string>> got;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(out).get(doc), simdjson::SUCCESS) << out.substr(0, 300);
  if (doc.type() != simdjson::dom::element_type::OBJECT) return got;
  for (simdjson::dom::element d : doc["diagnostics"].get_array()) {
    if (fixed_only && d["fix"].error() != simdjson::SUCCESS) continue;
    got.emplace(std::string(std::string_view(d["code"])), std::string(std::string_view(d["path"])));
  }
  return got;
}

std::string case_options(const sdsprofile::test::case_file& c) {
  std::string args = "--mode " + std::string(to_string(c.mode));
  if (c.now) {
    const auto t = static_cast<std::time_t>(c.now->time_since_epoch().count());
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    args += std::string(" --now ") + text;
  }
  return args;
}

// docs/cli.md "fix": the diff, applied, is what fix writes; that text re-checks without the
// findings that had fixes; fixing it again changes nothing.
TEST(CliFix, EveryCaseFixDiffRechecksWithoutTheFixedFindings) {
  sdsprofile::test::report_case_sources("fix cases");
  std::size_t cases = 0, changed = 0;
  for (const auto& ref : sdsprofile::test::all_cases()) {
    const auto c = sdsprofile::test::load_case(ref.path);
    const std::string options = case_options(c);
    const fs::path file = write_file("fix-case.json", c.input);
    const std::string quoted = shell_quote(file.string());
    const auto diff = run_cli("fix --diff " + options + " " + quoted);
    ASSERT_NE(diff.status, 2) << c.id << ": " << diff.err;
    const auto piped = run_cli("fix " + options + " -", c.input);
    ASSERT_NE(piped.status, 2) << c.id << ": " << piped.err;
    EXPECT_EQ(apply_diff(c.input, diff.out), piped.out) << c.id << "\n" << diff.out;
    EXPECT_EQ(read_all(file.string()), c.input) << c.id << ": --diff changed the file";
    const auto before = run_cli("check --format json " + options + " " + quoted);
    const auto fixed_file = write_file("fix-case-fixed.json", piped.out);
    const auto after = run_cli("check --format json " + options + " " + shell_quote(fixed_file.string()));
    const auto remaining = findings(after.out, false);
    for (const auto& f : findings(before.out, true))
      EXPECT_EQ(remaining.count(f), 0u) << c.id << ": " << f.first << " at " << f.second << " after fixing";
    EXPECT_TRUE(findings(after.out, true).empty()) << c.id << ": a fix left after fixing";
    // Fixing twice: the second run changes nothing and says nothing.
    const auto again = run_cli("fix " + options + " " + shell_quote(fixed_file.string()));
    EXPECT_NE(again.status, 2) << c.id;
    EXPECT_EQ(again.err, "") << c.id;
    EXPECT_EQ(read_all(fixed_file.string()), piped.out) << c.id;
    changed += piped.out != c.input ? 1 : 0;
    ++cases;
  }
  std::printf("fix: %zu cases, %zu changed by fix\n", cases, changed);
  EXPECT_GE(cases, 50u);
  EXPECT_GE(changed, 10u);
}

const std::string k_broken =  // a BOM, CRLF line ends, three fixes; the BOM's json-bom stays
    "\xEF\xBB\xBF{\r\n  \"DisplayName\": \"x\",\r\n  \"dataProvider\": {\"@odata.type\": "
    "\"#microsoft.graph.educationcsvdataprovider\"},\r\n  \"expirationDate\": \"2026-06-01T00:00:00Z\"\r\n}\r\n";
const std::string k_fixed =
    "\xEF\xBB\xBF{\r\n  \"displayName\": \"x\",\r\n  \"dataProvider\": {\"@odata.type\": "
    "\"#microsoft.graph.educationCsvDataProvider\"},\r\n  \"expirationDate\": \"2026-06-01\"\r\n}\r\n";

TEST(CliFix, RewritesInPlaceKeepingBomLineEndsAndMode) {
  const fs::path file = write_file("fix-mode.json", k_broken);
  ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
  struct stat before {};
  ASSERT_EQ(::stat(file.c_str(), &before), 0);
  const auto r = run_cli(std::string("fix --mode update ") + k_now + " " + shell_quote(file.string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, file.string() + ": applied 3 fixes, 1 finding left\n");
  EXPECT_EQ(read_all(file.string()), k_fixed);
  struct stat after {};
  ASSERT_EQ(::stat(file.c_str(), &after), 0);
  EXPECT_EQ(after.st_mode & 07777, 0640u);
  EXPECT_NE(after.st_ino, before.st_ino) << "replaced by rename, not written in place";
  // No temporary file is left beside it.
  for (const auto& entry : fs::directory_iterator(file.parent_path()))
    EXPECT_EQ(entry.path().filename().string().find("fix-mode.json."), std::string::npos) << entry.path();
  // Twice: nothing changes, nothing is said.
  const auto again = run_cli(std::string("fix --mode update ") + k_now + " " + shell_quote(file.string()));
  EXPECT_EQ(again.status, 0);
  EXPECT_EQ(again.err, "");
  EXPECT_EQ(read_all(file.string()), k_fixed);
}

TEST(CliFix, SymbolicLinksAreWrittenThrough) {
  const fs::path target = write_file("fix-target.json", k_broken);
  const fs::path link = sdsprofile::test::cli_temp_dir() / "fix-link.json";
  fs::remove(link);
  fs::create_symlink(target.filename(), link);
  const auto r = run_cli(std::string("fix --mode update ") + k_now + " " + shell_quote(link.string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
  EXPECT_EQ(read_all(target.string()), k_fixed);
}

TEST(CliFix, StandardInputToStandardOutput) {
  const auto r = run_cli(std::string("fix --mode update ") + k_now + " -", k_broken);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, k_fixed);
  EXPECT_EQ(r.err, "<stdin>: applied 3 fixes, 1 finding left\n");
  // Nothing to fix: the text as it came.
  const auto clean = run_cli(std::string("fix --mode update ") + k_now + " -", k_fixed);
  EXPECT_EQ(clean.status, 0);
  EXPECT_EQ(clean.out, k_fixed);
  EXPECT_EQ(clean.err, "");
}

TEST(CliFix, CheckAndDiffChangeNothing) {
  const fs::path file = write_file("fix-check.json", k_broken);
  const std::string args = std::string("--mode update ") + k_now + " " + shell_quote(file.string());
  const auto check = run_cli("fix --check " + args);
  EXPECT_EQ(check.status, 1);
  EXPECT_EQ(check.out, "");
  EXPECT_EQ(check.err, file.string() + ": would apply 3 fixes, 1 finding left\n");
  EXPECT_EQ(read_all(file.string()), k_broken);
  const auto diff = run_cli("fix --diff " + args);
  EXPECT_EQ(diff.status, 0);
  EXPECT_EQ(diff.out, "--- " + file.string() + "\n+++ " + file.string() +
                          "\n@@ -1,5 +1,5 @@\n \xEF\xBB\xBF{\r\n-  \"DisplayName\": \"x\",\r\n"
                          "-  \"dataProvider\": {\"@odata.type\": \"#microsoft.graph.educationcsvdataprovider\"},\r\n"
                          "-  \"expirationDate\": \"2026-06-01T00:00:00Z\"\r\n"
                          "+  \"displayName\": \"x\",\r\n"
                          "+  \"dataProvider\": {\"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\"},\r\n"
                          "+  \"expirationDate\": \"2026-06-01\"\r\n }\r\n");
  EXPECT_EQ(read_all(file.string()), k_broken);
  const fs::path clean = write_file("fix-clean.json", k_fixed);
  EXPECT_EQ(run_cli(std::string("fix --check --mode update ") + k_now + " " + shell_quote(clean.string())).status, 0);
}

TEST(CliFix, ExitStatusSaysWhatIsLeft) {
  // A finding without a fix stays: exit status 1, the fixes still applied.
  const auto r =
      run_cli(std::string("fix --mode update ") + k_now + " -", "{\"DisplayName\": \"x\", \"displayNam\": 1}");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "{\"displayName\": \"x\", \"displayNam\": 1}");
  EXPECT_EQ(r.err, "<stdin>: applied 1 fix, 1 finding left\n");
  // A policy that ignores a code leaves its findings unfixed.
  const auto ignored = run_cli(std::string("fix --no-config --ignore property-name-case --mode update ") + k_now + " -",
                               "{\"DisplayName\": \"x\"}");
  EXPECT_EQ(ignored.status, 0);
  EXPECT_EQ(ignored.out, "{\"DisplayName\": \"x\"}");
  // Unreadable input: status 2.
  const auto missing = run_cli("fix " + shell_quote((sdsprofile::test::cli_temp_dir() / "no-such.json").string()));
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(run_cli("fix").status, 2);  // FILE is required
}

TEST(CliFix, FixesRepeatUntilNothingChanges) {
  // The historic type resolves only after the first round; the wrong-case enum below it is fixed
  // in the second.
  const std::string input =
      "{\"identitySynchronizationConfiguration\": {\"@odata.type\": "
      "\"#microsoft.graph.identityCreationConfiguration\", "
      "\"userDomains\": [{\"appliesTo\": \"Student\", \"name\": \"@contoso.edu\"}]}}";
  const auto r = run_cli(std::string("fix --mode update ") + k_now + " -", input);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"identitySynchronizationConfiguration\": {\"@odata.type\": "
            "\"#microsoft.graph.educationIdentityCreationConfiguration\", \"userDomains\": [{\"appliesTo\": "
            "\"student\", \"name\": \"contoso.edu\"}]}}");
  EXPECT_EQ(r.err, "<stdin>: applied 3 fixes, 0 findings left\n");
}

TEST(CliFix, JsonLinesCarryTheFix) {
  const auto r = run_cli(std::string("check --format json --mode update ") + k_now + " -", "{\"DisplayName\": \"x\"}");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            "{\"file\":\"<stdin>\",\"valid\":false,\"diagnostics\":[{\"severity\":\"error\",\"code\":"
            "\"property-name-case\",\"path\":\"/DisplayName\",\"line\":1,\"column\":2,\"offset\":1,\"message\":"
            "\"\\\"DisplayName\\\" matches the property \\\"displayName\\\" only ignoring case; names are "
            "case-sensitive.\",\"hint\":\"Write \\\"displayName\\\".\",\"fix\":[{\"offset\":1,\"length\":13,"
            "\"replacement\":\"\\\"displayName\\\"\"}]}]}\n");
}

TEST(CliFix, NdjsonFixOffsetsAreInTheFile) {
  const fs::path file = write_file("fix-lines.ndjson", "{\"displayName\": \"a\"}\n{\"DisplayName\": \"b\"}\n");
  const auto r =
      run_cli(std::string("check --ndjson --format json --mode update ") + k_now + " " + shell_quote(file.string()));
  EXPECT_NE(r.out.find("\"fix\":[{\"offset\":22,\"length\":13,\"replacement\":\"\\\"displayName\\\"\"}]"),
            std::string::npos)
      << r.out;
}

TEST(CliFix, SarifResultsCarryFixes) {
  const auto r = run_cli(std::string("check --format sarif --mode update ") + k_now + " -",
                         "{\"dataProvider\": {\"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\", "
                         "\"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\"}}");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(
      r.out.find("\"fixes\":[{\"description\":{\"text\":\"Keep one \\\"@odata.type\\\" member and remove the "
                 "others.\"},\"artifactChanges\":[{\"artifactLocation\":{\"uri\":\"stdin\"},\"replacements\":[{"
                 "\"deletedRegion\":{\"byteOffset\":76,\"byteLength\":60},\"insertedContent\":{\"text\":\"\"}}]}]}]"),
      std::string::npos)
      << r.out;
}

}  // namespace
