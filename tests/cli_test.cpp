// The CLI as a user runs it: exit status, text and JSON Lines output, unreadable files, and every
// shared case through `check --format json --now T --mode M`.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <cstdlib>
#include <vector>

#include "case_file.hpp"
#include "sdsprofile/version.hpp"

namespace {

namespace fs = std::filesystem;

struct run_result {
  int status = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

fs::path temp_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("sdsprofile-cli-test-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
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
  const std::string command = std::string("'") + SDSPROFILE_CLI + "' " + args + " < '" + in.string() + "' 2> '" + err.string() + "'";
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
  EXPECT_EQ(r.out,
            R"({"file":"<stdin>","valid":false,"diagnostics":[)"
            R"({"severity":"error","code":"missing-required","path":"","line":1,"column":1,"offset":0,"message":"Required property \"dataProvider\" of educationSynchronizationProfile is missing."},)"
            R"({"severity":"error","code":"missing-required","path":"","line":1,"column":1,"offset":0,"message":"Required property \"identitySynchronizationConfiguration\" of educationSynchronizationProfile is missing."},)"
            R"({"severity":"error","code":"type-mismatch","path":"/displayName","line":1,"column":17,"offset":16,"message":"\"displayName\" must be Edm.String (a JSON string), not a number."}]})"
            "\n");
}

TEST(Cli, AcceptanceDisplayNameNumberText) {
  const run_result r = run("check", R"({"displayName": 5})");  // no file: standard input
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("<stdin>:1:17: error: \"displayName\" must be Edm.String (a JSON string), not a number. [type-mismatch]\n"),
            std::string::npos)
      << r.out;
}

TEST(Cli, SeedRequestIsValidWithTwoWarnings) {
  const std::string seed = std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json";
  const run_result r = run("check '" + seed + "'");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out,
            seed + ":4:24: warning: \"#microsoft.graph.educationcsvdataprovider\" matches \"#microsoft.graph.educationCsvDataProvider\" only ignoring case, the leading '#' or the namespace alias. [odata-type-noncanonical]\n"
                   "    hint: Write \"#microsoft.graph.educationCsvDataProvider\" (expansion writes it so).\n" +
                seed + ":15:24: warning: \"#microsoft.graph.educationidentitycreationconfiguration\" matches \"#microsoft.graph.educationIdentityCreationConfiguration\" only ignoring case, the leading '#' or the namespace alias. [odata-type-noncanonical]\n"
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
  EXPECT_EQ(version.out, std::string("sdsprofile ") + SDSPROFILE_VERSION_STRING + "\n");
}

TEST(Cli, EveryOutputLineIsJson) {
  const run_result r = run("check --format json -", "\xef\xbb\xbf{\"displayName\":\"\xc9\"}");
  EXPECT_EQ(r.status, 1);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(std::string_view(doc["diagnostics"].at(0)["code"]), "json-encoding");
}

// Issue acceptance: every shared case through the CLI gives exactly the expected diagnostics.
TEST(Cli, EverySharedCaseThroughTheCli) {
  const fs::path dir = fs::path(SDSPROFILE_SHARED_DIR) / "cases";
  ASSERT_TRUE(fs::is_directory(dir));
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    const auto c = sdsprofile::test::load_case(entry.path().string());
    const fs::path input = write_temp("case-input.json", c.input);
    std::string args = "check --format json --mode " + std::string(to_string(c.mode));
    if (c.now) args += " --now " + std::string("'") + [&] {
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
  const std::string doc =
      sdsprofile::test::read_all(std::string(SDSPROFILE_SHARED_DIR) + "/seed/educationSynchronizationProfile-create.md");
  std::string response = doc.substr(doc.find('{', doc.find("HTTP/1.1 201 Created")));
  while (!response.empty() && (response.back() == '\n' || response.back() == ' ')) response.pop_back();
  return response + "\n";
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
  EXPECT_EQ(run("expand --id 86904b1e-c7d0-4ead-b13a-98f11fc400ee -o '" + out.string() + "' '" + k_seed_request + "'").status, 0);
  EXPECT_EQ(sdsprofile::test::read_all(out.string()), seed_response());
  EXPECT_EQ(run("expand -o /nonexistent/dir/out.json '" + k_seed_request + "'").status, 2);
}

// A process killed while it writes -o leaves the old file or the complete new one, never a part.
TEST(CliExpand, OutputFileSurvivesKillMidWrite) {
  std::string big = R"({"displayName":"Large","dataProvider":{"@odata.type":"#microsoft.graph.educationPowerSchoolDataProvider","connectionUrl":"https://ps.contoso.edu","clientId":"c","schoolsIds":[)";
  for (int i = 0; i < 150000; ++i) {
    big += i != 0 ? ",\"" : "\"";
    big += std::to_string(i);
    big += '"';
  }
  big += R"(]},"identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration","userDomains":[{"appliesTo":"student","name":"contoso.edu"}]}})";
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
  const run_result r = run("expand --id 86904b1e-c7d0-4ead-b13a-98f11fc400ee", sdsprofile::test::read_all(k_seed_request));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, seed_response());
}

// The CLI round trip of RULES.md: expanding an expansion in resource mode gives the same bytes
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

TEST(Cli, DirectoryIsAnIoError) {
  const run_result r = run("check '" + temp_dir().string() + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("Is a directory"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Cli, ArgumentErrorsNameTheToolAndPointToHelp) {
  const run_result r = run("chek x.json");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("sdsprofile: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
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
  EXPECT_NE(r.out.find("<stdin>:1:23: error: An item of \"licensesToAssign\" must be an educationSynchronizationLicenseAssignment object, but holds the text \"System.Collections.Hashtable\""),
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
