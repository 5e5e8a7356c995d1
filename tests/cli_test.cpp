// The CLI as a user runs it: exit status, text and JSON Lines output, unreadable files, and every
// case (tests/cases/ and SDSPROFILE_EXTRA_CASES) through `check --format json --now T --mode M`.
#include <fmt/core.h>  // FMT_VERSION only
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "case_file.hpp"
#include "scratch_dir.hpp"
#include "sdsprofile/version.hpp"

namespace {

namespace fs = std::filesystem;

struct run_result {
  int status = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

fs::path temp_dir() {
  static const fs::path dir = sdsprofile::test::new_scratch_dir("sdsprofile-cli-test-");
  return dir;
}

fs::path write_temp(const std::string& name, const std::string& content) {
  const fs::path p = temp_dir() / name;
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

// Runs `sdsprofile ARGS` through the shell, with `stdin_text` on standard input.
run_result run(const std::string& args, const std::string& stdin_text = "") {
  const fs::path in = write_temp("stdin", stdin_text), err = temp_dir() / "stderr";
  const std::string command =
      std::string("'") + SDSPROFILE_CLI + "' " + args + " < '" + in.string() + "' 2> '" + err.string() + "'";
  run_result r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = sdsprofile::test::read_all(err.string());
  return r;
}

TEST(Cli, AcceptanceDisplayNameNumberJson) {
  const run_result r = run("check --format json -", R"({"displayName": 5})");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(
      r.out,
      R"({"file":"<stdin>","valid":false,"diagnostics":[)"
      R"({"severity":"error","code":"missing-required","path":"","line":1,"column":1,"offset":0,"message":"Required property \"dataProvider\" of educationSynchronizationProfile is missing."},)"
      R"({"severity":"error","code":"missing-required","path":"","line":1,"column":1,"offset":0,"message":"Required property \"identitySynchronizationConfiguration\" of educationSynchronizationProfile is missing."},)"
      R"({"severity":"error","code":"type-mismatch","path":"/displayName","line":1,"column":17,"offset":16,"message":"\"displayName\" must be Edm.String (a JSON string), not a number."}]})"
      "\n");
}

TEST(Cli, AcceptanceDisplayNameNumberText) {
  const run_result r = run("check", R"({"displayName": 5})");  // no file: standard input
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(
      r.out.find(
          "<stdin>:1:17: error: \"displayName\" must be Edm.String (a JSON string), not a number. [type-mismatch]\n"),
      std::string::npos)
      << r.out;
}

TEST(Cli, SeedRequestIsValidWithTwoWarnings) {
  const std::string seed = std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json";
  const run_result r = run("check '" + seed + "'");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(
      r.out,
      seed +
          ":4:24: warning: \"#microsoft.graph.educationcsvdataprovider\" matches "
          "\"#microsoft.graph.educationCsvDataProvider\" only ignoring case, the leading '#' or the namespace alias. "
          "[odata-type-noncanonical]\n"
          "    hint: Write \"#microsoft.graph.educationCsvDataProvider\" (expansion writes it so).\n" +
          seed +
          ":15:24: warning: \"#microsoft.graph.educationidentitycreationconfiguration\" matches "
          "\"#microsoft.graph.educationIdentityCreationConfiguration\" only ignoring case, the leading '#' or the "
          "namespace alias. [odata-type-noncanonical]\n"
          "    hint: Write \"#microsoft.graph.educationIdentityCreationConfiguration\" (expansion writes it so).\n");
}

TEST(Cli, StrictTurnsWarningsIntoFailure) {
  const std::string seed = std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json";
  EXPECT_EQ(run("check --strict '" + seed + "'").status, 1);
}

TEST(Cli, UnreadableFileIsNamedAndOthersAreStillChecked) {
  const fs::path ok = write_temp("ok.json", R"({"displayName":"x"})");
  const run_result r = run("check --format json /nonexistent/missing.json '" + ok.string() + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("/nonexistent/missing.json"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\"file\":\"" + ok.string() + "\""), std::string::npos) << r.out;
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("check --now yesterday -", "{}").status, 2);
  EXPECT_EQ(run("check --mode delete -", "{}").status, 2);
  EXPECT_EQ(run("check --format xml -", "{}").status, 2);
  EXPECT_EQ(run("").status, 2);  // a subcommand is required
}

TEST(Cli, HelpAndVersion) {
  const run_result help = run("check --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--mode"), std::string::npos);
  const run_result version = run("--version");
  EXPECT_EQ(version.status, 0);
  // The project's version, then the simdjson and fmt this build compiled against.
  const auto dotted = [](int major, int minor, int patch) {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  };
  EXPECT_EQ(version.out, std::string("sdsprofile ") + SDSPROFILE_VERSION_STRING + "\nbuilt with simdjson " +
                             dotted(simdjson::SIMDJSON_VERSION_MAJOR, simdjson::SIMDJSON_VERSION_MINOR,
                                    simdjson::SIMDJSON_VERSION_REVISION) +
                             ", fmt " + dotted(FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100) + "\n");
}

TEST(Cli, EveryOutputLineIsJson) {
  const run_result r = run("check --format json -", "\xef\xbb\xbf{\"displayName\":\"\xc9\"}");
  EXPECT_EQ(r.status, 1);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(std::string_view(doc["diagnostics"].at(0)["code"]), "json-encoding");
}

// Every case through the CLI gives exactly the expected diagnostics.
TEST(Cli, EveryCaseThroughTheCli) {
  sdsprofile::test::report_case_sources("CLI cases");
  int checked = 0;
  for (const auto& ref : sdsprofile::test::all_cases()) {
    const auto c = sdsprofile::test::load_case(ref.path);
    const fs::path input = write_temp("case-input.json", c.input);
    std::string args = "check --format json --mode " + std::string(to_string(c.mode));
    if (c.now)
      args += " --now " + std::string("'") + [&] {
        const auto secs = c.now->time_since_epoch().count();
        const std::time_t t = static_cast<std::time_t>(secs);
        char text[32];
        std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
        return std::string(text);
      }() + "'";
    const run_result r = run(args + " '" + input.string() + "'");
    EXPECT_EQ(r.status, c.valid ? 0 : 1) << c.id;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << c.id << ": " << r.out.substr(0, 300);
    std::vector<sdsprofile::test::triple> got;
    for (simdjson::dom::element d : doc["diagnostics"].get_array())
      got.emplace_back(std::string(std::string_view(d["severity"])), std::string(std::string_view(d["code"])),
                       std::string(std::string_view(d["path"])));
    auto expected = c.expected;
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(got, expected) << c.id;
    ++checked;
  }
  EXPECT_GE(checked, 50);
}

}  // namespace

namespace {

std::string seed_response() {
  return sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/tests/data/seed-response.json");
}

const std::string k_seed_request = std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json";

TEST(CliExpand, SeedRequestPrintsTheSeedResponse) {
  const run_result r = run("expand --id 86904b1e-c7d0-4ead-b13a-98f11fc400ee '" + k_seed_request + "'");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, seed_response());
  EXPECT_NE(r.err.find("[odata-type-noncanonical]"), std::string::npos);  // diagnostics on stderr
}

TEST(CliExpand, InvalidInputExitsOneAndPrintsNothing) {
  const run_result r = run("expand -", R"({"displayName": 5})");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("<stdin>:1:17: error:"), std::string::npos) << r.err;
}

TEST(CliExpand, UsageErrors) {
  EXPECT_EQ(run("expand --id not-a-guid '" + k_seed_request + "'").status, 2);
  EXPECT_EQ(run("expand --mode update -", "{}").status, 2);  // expansion is for create or resource
  EXPECT_EQ(run("expand /nonexistent/x.json").status, 2);
}

TEST(CliExpand, OutputFileIsReplacedOnlyByAValidExpansion) {
  const fs::path out = temp_dir() / "stored.json";
  std::ofstream(out) << "old content";
  const fs::path bad = write_temp("bad.json", R"({"displayName": 5})");
  EXPECT_EQ(run("expand -o '" + out.string() + "' '" + bad.string() + "'").status, 1);
  EXPECT_EQ(sdsprofile::test::read_all(out.string()), "old content");
  EXPECT_EQ(
      run("expand --id 86904b1e-c7d0-4ead-b13a-98f11fc400ee -o '" + out.string() + "' '" + k_seed_request + "'").status,
      0);
  EXPECT_EQ(sdsprofile::test::read_all(out.string()), seed_response());
  EXPECT_EQ(run("expand -o /nonexistent/dir/out.json '" + k_seed_request + "'").status, 2);
}

// A process killed while it writes -o leaves the old file or the complete new one, never a part.
TEST(CliExpand, OutputFileSurvivesKillMidWrite) {
  std::string big =
      R"({"displayName":"Large","dataProvider":{"@odata.type":"#microsoft.graph.educationPowerSchoolDataProvider","connectionUrl":"https://ps.contoso.edu","clientId":"c","schoolsIds":[)";
  for (int i = 0; i < 150000; ++i) {
    big += i != 0 ? ",\"" : "\"";
    big += std::to_string(i);
    big += '"';
  }
  big +=
      R"(]},"identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration","userDomains":[{"appliesTo":"student","name":"contoso.edu"}]}})";
  const fs::path input = write_temp("big.json", big);
  const fs::path out = temp_dir() / "big-out.json";
  const std::string old_content = "old content\n";
  const run_result full = run("expand --id 86904b1e-c7d0-4ead-b13a-98f11fc400ee '" + input.string() + "'");
  ASSERT_EQ(full.status, 0);
  for (int attempt = 0; attempt < 12; ++attempt) {
    std::ofstream(out, std::ios::trunc) << old_content;
    std::string cmd = "'";
    cmd += SDSPROFILE_CLI;
    cmd += "' expand --id 86904b1e-c7d0-4ead-b13a-98f11fc400ee -o '" + out.string() + "' '" + input.string() + "'";
    cmd += " 2>/dev/null & pid=$!; sleep 0.0";
    cmd += std::to_string(attempt % 10);
    cmd += "; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; true";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const std::string now = sdsprofile::test::read_all(out.string());
    EXPECT_TRUE(now == old_content || now == full.out) << "attempt " << attempt << ": " << now.size() << " bytes";
  }
}

TEST(CliCheck, ResourceModeOnAnExpansion) {
  const fs::path stored = write_temp("stored-resource.json", seed_response());
  const run_result r = run("check --mode resource --format json '" + stored.string() + "'");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("\"valid\":true,\"diagnostics\":[]"), std::string::npos) << r.out;
}

}  // namespace

namespace {

TEST(CliExpand, StandardInputByDefault) {
  const run_result r =
      run("expand --id 86904b1e-c7d0-4ead-b13a-98f11fc400ee", sdsprofile::test::read_all(k_seed_request));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, seed_response());
}

// The CLI round trip of docs/rules.md "Expansion": expanding an expansion in resource mode gives the same bytes
// (the id and state of the input are kept).
TEST(CliExpand, ResourceModeRoundTripKeepsTheBytes) {
  const fs::path stored = write_temp("stored-roundtrip.json", seed_response());
  const run_result r = run("expand --mode resource '" + stored.string() + "'");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, seed_response());
  EXPECT_EQ(r.err, "");
}

TEST(CliExpand, OutputFileKeepsItsMode) {
  const fs::path out = temp_dir() / "mode.json";
  std::ofstream(out) << "old";
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  ASSERT_EQ(run("expand -o '" + out.string() + "' '" + k_seed_request + "'").status, 0);
  EXPECT_EQ(fs::status(out).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

// A directory is walked for *.json (recursively, in path order); other files are left.
TEST(CliBatch, DirectoryIsWalkedForJsonFilesInPathOrder) {
  const fs::path dir = temp_dir() / "walk";
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "b.json") << R"({"displayName": 5})";
  std::ofstream(dir / "sub" / "a.json") << "{}";
  std::ofstream(dir / "a.json") << "[";
  std::ofstream(dir / "notes.txt") << "not json";
  const run_result r = run("check --format json --jobs 1 '" + dir.string() + "'");
  EXPECT_EQ(r.status, 1);
  std::vector<std::string> files;
  simdjson::dom::parser parser;
  for (std::size_t pos = 0; pos < r.out.size();) {
    const std::size_t end = r.out.find('\n', pos);
    simdjson::dom::element record;
    ASSERT_EQ(parser.parse(r.out.substr(pos, end - pos)).get(record), simdjson::SUCCESS);
    files.emplace_back(std::string_view(record["file"]));
    pos = end + 1;
  }
  EXPECT_EQ(files, (std::vector<std::string>{(dir / "a.json").string(), (dir / "b.json").string(),
                                             (dir / "sub" / "a.json").string()}));
  EXPECT_EQ(r.err, "");  // json: the summary only with --summary
}

// --ndjson, one document per line; lines, columns and offsets are the file's; the JSON
// record names the document's line; empty lines are skipped.
TEST(CliBatch, NdjsonLinesAreDocumentsWithFilePositions) {
  const fs::path file = write_temp("batch.ndjson", "{\"displayName\":\"a\"}\n\n  \r\n{\"displayName\": 5}\r\n[\n");
  const run_result text = run("check --ndjson --jobs 1 --now 2026-01-15T00:00:00Z '" + file.string() + "'");
  EXPECT_EQ(text.status, 1);
  const std::string name = file.string();
  const std::string missing =
      ": error: Required property \"dataProvider\" of educationSynchronizationProfile is missing. [missing-required]\n";
  const std::string missing_identity =
      ": error: Required property \"identitySynchronizationConfiguration\" of educationSynchronizationProfile is "
      "missing. [missing-required]\n";
  EXPECT_EQ(text.out,
            name + ":1:1" + missing + name + ":1:1" + missing_identity + name + ":4:1" + missing + name + ":4:1" +
                missing_identity + name +
                ":4:17: error: \"displayName\" must be Edm.String (a JSON string), not a number. [type-mismatch]\n" +
                name + ":5:2: error: The input ends in the middle of the JSON value. [json-syntax]\n" +
                "    hint: The body was truncated: complete it, or send the whole file.\n");
  EXPECT_EQ(text.err, "sdsprofile: documents: 3, valid: 0, invalid: 3, errors: 6, warnings: 0\n");

  const run_result json = run("check --ndjson --format json --summary --jobs 1 '" + name + "'");
  simdjson::dom::parser parser;
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < json.out.size();) {
    const std::size_t end = json.out.find('\n', pos);
    lines.push_back(json.out.substr(pos, end - pos));
    pos = end + 1;
  }
  ASSERT_EQ(lines.size(), 4u) << json.out;
  simdjson::dom::element second, summary;
  ASSERT_EQ(parser.parse(lines[1]).get(second), simdjson::SUCCESS);
  EXPECT_EQ(std::uint64_t(second["line"]), 4u);
  const simdjson::dom::element mismatch = second["diagnostics"].at(2);
  EXPECT_EQ(std::string_view(mismatch["code"]), "type-mismatch");
  EXPECT_EQ(std::uint64_t(mismatch["line"]), 4u);
  EXPECT_EQ(std::uint64_t(mismatch["column"]), 17u);
  EXPECT_EQ(std::uint64_t(mismatch["offset"]), 41u);  // 20 + 1 + 4 bytes before line 4, + 16
  EXPECT_EQ(lines[3], R"({"summary":{"documents":3,"valid":0,"invalid":3,"errors":6,"warnings":0}})");
}

// --jobs N gives exactly the output of --jobs 1, in every format.
TEST(CliBatch, JobsGiveTheOutputOfOneJob) {
  const fs::path cases = fs::path(SDSPROFILE_SOURCE_DIR) / "tests" / "cases";
  std::string ndjson;
  for (int i = 0; i < 3000; ++i)
    ndjson += i % 7 == 0 ? "{\"displayName\": " + std::to_string(i) + "}\n" : "{\"displayName\":\"x\"}\n";
  const fs::path lines = write_temp("jobs.ndjson", ndjson);
  for (const char* format : {"text", "json", "sarif", "github"}) {
    const std::string args = std::string("check --now 2026-01-15T00:00:00Z --format ") + format + " ";
    const run_result one = run(args + "--jobs 1 '" + cases.string() + "'");
    const run_result four = run(args + "--jobs 4 '" + cases.string() + "'");
    EXPECT_EQ(one.status, four.status) << format;
    EXPECT_EQ(one.out, four.out) << format;
    EXPECT_EQ(one.err, four.err) << format;
    EXPECT_EQ(run(args + "--ndjson --jobs 1 '" + lines.string() + "'").out,
              run(args + "--ndjson --jobs 3 '" + lines.string() + "'").out)
        << format;
  }
}

// GitHub Actions workflow commands, escaped as the runner requires.
TEST(CliBatch, GithubAnnotationsAreEscaped) {
  const fs::path file = write_temp("a,b:c%.json", "{\"x%\\n\": 1, \"displayName\": 5}");
  const run_result r = run("check --format github --now 2026-01-15T00:00:00Z '" + file.string() + "'");
  EXPECT_EQ(r.status, 1);
  std::string escaped = file.string();
  for (auto [from, to] : {std::pair{"%", "%25"}, std::pair{",", "%2C"}, std::pair{":", "%3A"}})
    for (std::size_t at = 0; (at = escaped.find(from, at)) != std::string::npos; at += std::strlen(to))
      escaped.replace(at, 1, to);
  EXPECT_NE(
      r.out.find("::error file=" + escaped + ",line=1,col=2,title=unknown-property::\"x%25\\u000a\" is not a property"),
      std::string::npos)
      << r.out;
  EXPECT_NE(
      r.out.find(
          "::error file=" + escaped +
          ",line=1,col=28,title=type-mismatch::\"displayName\" must be Edm.String (a JSON string), not a number.\n"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 4) << r.out;  // two missing-required too
}

TEST(CliBatch, UnreadableDirectoryEntryIsAnIoErrorAndTheRestIsChecked) {
  const run_result r = run("check --format json /nonexistent-dir '" + k_seed_request + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("/nonexistent-dir"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("seed-request.json"), std::string::npos) << r.out;
}

TEST(Cli, ArgumentErrorsNameTheToolAndPointToHelp) {
  const run_result r = run("chek x.json");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "sdsprofile: unknown command 'chek', did you mean 'check'?\nRun 'sdsprofile --help' for the usage.\n");
}

// A misspelt command is named with the nearest command: at most two edits and a third of the
// longer name (a swap of neighbours is one edit); nothing is suggested for a word far from all.
TEST(Cli, UnknownCommandsGetTheNearestCommand) {
  const std::pair<const char*, const char*> cases[] = {
      {"chekc", ", did you mean 'check'?"},
      {"Check", ", did you mean 'check'?"},
      {"expnad", ", did you mean 'expand'?"},
      {"schemas", ", did you mean 'schema'?"},
      {"lint", ""},
      {"x", ""},
      {"c", ""},
  };
  for (const auto& [typed, suggestion] : cases) {
    const run_result r = run(std::string(typed) + " -", "{}");
    EXPECT_EQ(r.status, 2) << typed;
    EXPECT_EQ(r.err, std::string("sdsprofile: unknown command '") + typed + "'" + suggestion +
                         "\nRun 'sdsprofile --help' for the usage.\n");
  }
  const run_result escaped = run("'\033[2Jchek'");
  EXPECT_EQ(escaped.err, "sdsprofile: unknown command '\\u001b[2Jchek'\nRun 'sdsprofile --help' for the usage.\n");
}

// `schema` prints the compiled-in JSON Schema, which must be the committed one byte for byte.
TEST(Cli, SchemaPrintsTheCommittedJsonSchema) {
  const run_result r = run("schema");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/schemas/sdsprofile.schema.json"));
}

TEST(Cli, PowerShellTypeNameInACollectionItem) {
  const run_result r = run("check -", R"({"licensesToAssign": ["System.Collections.Hashtable"]})");
  EXPECT_NE(
      r.out.find(
          "<stdin>:1:23: error: An item of \"licensesToAssign\" must be an educationSynchronizationLicenseAssignment "
          "object, but holds the text \"System.Collections.Hashtable\""),
      std::string::npos)
      << r.out;
}

}  // namespace

namespace {

// Fuzzing finding: text output escapes control characters quoted from the input.
TEST(Cli, TextOutputEscapesControlCharacters) {
  const run_result r = run("check -", R"({"a\nb\u001b[31m":1})");
  EXPECT_NE(r.out.find(R"("a\u000ab\u001b[31m" is not a property)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
}

TEST(CliExpand, IdMustBeAGuid) {
  EXPECT_EQ(run("expand --id ------------------------------------ '" + k_seed_request + "'").status, 2);
  EXPECT_EQ(run("expand --id 86904b1e-c7d0-4ead-b13a-98f11fc400eg '" + k_seed_request + "'").status, 2);
}

}  // namespace

namespace {

// Hostile-input findings on batches, each kept fixed here.
TEST(CliBatch, EmptyDirectoryAndNonRegularEntriesAreErrors) {
  const fs::path empty = temp_dir() / "empty-dir";
  fs::create_directories(empty);
  const run_result none = run("check '" + empty.string() + "'");
  EXPECT_EQ(none.status, 2);
  EXPECT_EQ(none.err, "sdsprofile: no *.json file under '" + empty.string() + "': nothing to check\n");
  const fs::path odd = temp_dir() / "fifo-dir";
  fs::create_directories(odd);
  ASSERT_EQ(::mkfifo((odd / "x.json").c_str(), 0600), 0);
  std::ofstream(odd / "ok.json") << R"({"displayName":"x"})";
  const run_result fifo = run("check --mode update '" + odd.string() + "'");
  EXPECT_EQ(fifo.status, 2);
  EXPECT_EQ(fifo.err, "sdsprofile: '" + (odd / "x.json").string() + "' is not a readable regular file\n");
}

TEST(CliBatch, NdjsonLinesEndAtLineFeedOnly) {
  const fs::path file = write_temp("cr.ndjson", "{\"a\":1,\r\"displayName\":5}\n{\"displayName\":5}\n");
  const run_result r = run("check --ndjson --mode update --jobs 1 '" + file.string() + "'");
  const std::string name = file.string();
  EXPECT_EQ(
      r.out,
      name + ":1:2: error: \"a\" is not a property of educationSynchronizationProfile. [unknown-property]\n" + name +
          ":1:23: error: \"displayName\" must be Edm.String (a JSON string), not a number. [type-mismatch]\n" + name +
          ":2:16: error: \"displayName\" must be Edm.String (a JSON string), not a number. [type-mismatch]\n");
}

// docs/rules.md "Vocabulary": in a whole document a lone CR ends a line; an NDJSON record still
// ends at LF only (a CR inside it is white space), for ordinary and document-level findings alike.
TEST(CliBatch, CrEndsADocumentLineButNotAnNdjsonRecord) {
  const std::string body = "{\"displayName\":\"a\"}\r\n{\r\"displayName\": 'x'}\n{\r\r\"a\":1}\r\n";
  const fs::path records = write_temp("cr-records.ndjson", body);
  const std::string name = records.string();
  const run_result ndjson = run("check --ndjson --mode update --format json --jobs 1 '" + name + "'");
  EXPECT_NE(
      ndjson.out.find(
          R"("line":2,"valid":false,"diagnostics":[{"severity":"error","code":"json-syntax","path":"","line":2,"column":18,"offset":38,)"),
      std::string::npos)
      << ndjson.out;
  EXPECT_NE(ndjson.out.find(R"("code":"unknown-property","path":"/a","line":3,"column":4,"offset":46,)"),
            std::string::npos)
      << ndjson.out;
  // The same bytes as one document (a syntax error at the second record): line 3 by LF, CRLF and CR.
  const fs::path whole = write_temp("cr-document.json", "{\"a\":1,\r\n\"b\":\r 'x'}");
  const run_result one = run("check --mode update '" + whole.string() + "'");
  EXPECT_EQ(one.out.rfind(whole.string() + ":3:2: error: Single quotes are not JSON. [json-syntax]\n", 0), 0u)
      << one.out;
}

TEST(Cli, TextOutputEscapesC1AndBidiControls) {
  const run_result r = run("check --mode update -",
                           "{\"@odata.type\":\"\xc2\x9b"
                           "31m\xe2\x80\xae\"}");
  EXPECT_NE(r.out.find(R"("\u009b31m\u202e" names no type)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\xc2\x9b"), std::string::npos);
}

TEST(Cli, EndlessInputStopsAtTheSizeLimit) {
  const run_result r = run("check --max-bytes 100 /dev/zero");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(
      r.out.rfind("/dev/zero:1:101: error: The input is larger than the limit of 100 bytes. [json-too-large]\n", 0), 0u)
      << r.out;
}

// The compact form is one line, ended by a newline like every text file the tool writes.
TEST(CliExpand, CompactEndsWithANewline) {
  const std::string args = "expand --compact --id 86904b1e-c7d0-4ead-b13a-98f11fc400ee '" + k_seed_request + "'";
  const run_result r = run(args);
  EXPECT_EQ(r.status, 0);
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;
  EXPECT_EQ(r.out.rfind("{\"displayName\":\"Test Profile\",\"state\":\"provisioning\",", 0), 0u) << r.out;
  EXPECT_EQ(r.out.substr(r.out.size() - 3), "]}\n");
  const fs::path file = temp_dir() / "compact.json";
  ASSERT_EQ(run("expand --compact --id 86904b1e-c7d0-4ead-b13a-98f11fc400ee -o '" + file.string() + "' '" +
                k_seed_request + "'")
                .status,
            0);
  EXPECT_EQ(sdsprofile::test::read_all(file.string()), r.out);
  // Expanding the compact form again in resource mode gives the same bytes, newline included.
  const fs::path stored = write_temp("compact-stored.json", r.out);
  EXPECT_EQ(run("expand --compact --mode resource '" + stored.string() + "'").out, r.out);
}

TEST(CliExpand, OutputWritesThroughLinksAndIntoDevices) {
  const fs::path target = temp_dir() / "link-target.json", link = temp_dir() / "link.json";
  std::ofstream(target) << "old";
  fs::remove(link);
  fs::create_symlink(target, link);
  ASSERT_EQ(run("expand --compact -o '" + link.string() + "' '" + k_seed_request + "'").status, 0);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(sdsprofile::test::read_all(target.string()).rfind("{\"displayName\":\"Test Profile\"", 0), 0u);
  EXPECT_EQ(run("expand -o /dev/null '" + k_seed_request + "'").status, 0);
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

}  // namespace
