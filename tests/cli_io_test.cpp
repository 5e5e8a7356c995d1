// The CLI's input and output under conditions a CI run or an attacker can create: full disks and
// closed descriptors, malformed numbers, endless and slow streams, odd -o targets, hostile file
// names, many findings and many jobs (docs/cli.md). Each test asserts exact exit statuses and
// exact bytes; memory bounds are the peak resident size the kernel measured for the run.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using sdsprofile::test::cli_result;
using sdsprofile::test::read_all;
using sdsprofile::test::run_cli;
using sdsprofile::test::shell_quote;
using sdsprofile::test::write_file;

const std::string k_seed_request = std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json";
const std::string k_seed_response = std::string(SDSPROFILE_SOURCE_DIR) + "/tests/data/seed-response.json";

const std::string k_full = "sdsprofile: cannot write standard output: No space left on device\n";
const std::string k_closed = "sdsprofile: cannot write standard output: Bad file descriptor\n";

// --- Every output path checks its writes ------------------------------------------------------

TEST(CliOutput, FullDiskIsAnErrorInEveryFormat) {
  const std::string bad = shell_quote(write_file("full-bad.json", R"({"displayName": 5})").string());
  for (const char* format : {"text", "json", "sarif", "github"}) {
    const cli_result r = run_cli(std::string("check --format ") + format + " " + bad + " > /dev/full");
    EXPECT_EQ(r.status, 2) << format;
    EXPECT_EQ(r.err, k_full) << format;
  }
}

TEST(CliOutput, FullDiskIsAnErrorInEveryCommand) {
  const std::vector<std::string> commands = {"expand --mode resource " + shell_quote(k_seed_response),
                                             "expand -o - --mode resource " + shell_quote(k_seed_response),
                                             "schema",
                                             "--help",
                                             "check --help",
                                             "expand --help",
                                             "--version"};
  for (const std::string& command : commands) {
    const cli_result r = run_cli(command + " > /dev/full");
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_EQ(r.err, k_full) << command;
  }
}

TEST(CliOutput, ClosedStandardOutputIsAnError) {
  const std::string ok = shell_quote(write_file("closed-ok.json", R"({"displayName":"x"})").string());
  for (const char* format : {"text", "json", "sarif", "github"}) {
    const cli_result r = run_cli(std::string("check --mode update --format ") + format + " " + ok + " >&-");
    EXPECT_EQ(r.status, 2) << format;
    EXPECT_EQ(r.err, k_closed) << format;
  }
  for (const std::string& command : {"expand --mode resource " + shell_quote(k_seed_response), std::string("schema"),
                                     std::string("--version"), std::string("--help")}) {
    const cli_result r = run_cli(command + " >&-");
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_EQ(r.err, k_closed) << command;
  }
}

// With standard output closed, the first file the tool opens would get descriptor 1: what is
// meant for standard output must not reach it.
TEST(CliOutput, ClosedStandardOutputLeavesInputsAlone) {
  const std::string body = "{\"displayName\":5}\n{\"displayName\":6}\n";
  const fs::path single = write_file("closed-input.json", R"({"displayName":5})");
  const fs::path lines = write_file("closed-input.ndjson", body);
  for (const std::string& args :
       {"check " + shell_quote(single.string()), "check --ndjson --jobs 1 " + shell_quote(lines.string()),
        "check --ndjson --jobs 3 " + shell_quote(lines.string()) + " " + shell_quote(single.string())}) {
    const cli_result r = run_cli(args + " >&-");
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_EQ(r.err, k_closed) << args;
  }
  EXPECT_EQ(read_all(single.string()), R"({"displayName":5})");
  EXPECT_EQ(read_all(lines.string()), body);
  // -o does not need standard output.
  const fs::path out = sdsprofile::test::cli_temp_dir() / "closed-expand.json";
  const cli_result e =
      run_cli("expand --mode resource -o " + shell_quote(out.string()) + " " + shell_quote(k_seed_response) + " >&-");
  EXPECT_EQ(e.status, 0) << e.err;
  EXPECT_EQ(read_all(out.string()), read_all(k_seed_response));
}

TEST(CliOutput, ClosedStandardInputIsAnError) {
  const cli_result r = run_cli("check <&-");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sdsprofile: cannot read standard input: Bad file descriptor\n");
  EXPECT_EQ(r.out, "");
}

}  // namespace
