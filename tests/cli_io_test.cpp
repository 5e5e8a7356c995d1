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

namespace {

// --- Numeric options: decimal integers only --------------------------------------------------

TEST(CliOptions, NumbersAreDecimalIntegersInRange) {
  struct option_range {
    const char* command;
    const char* name;
    const char* range;
  };
  const option_range options[] = {
      {"check", "--max-bytes", "1 to 1099511627776"},
      {"check", "--max-diagnostics", "1 to 1000000"},
      {"check", "--max-depth", "1 to 1024"},
      {"check", "--max-report-bytes", "1 to 1099511627776"},
      {"check", "--jobs", "1 to 1024"},
      {"expand", "--max-report-bytes", "1 to 1099511627776"},
  };
  const char* rejected[] = {"0x10", "0X10",  "0b1", "0o7", "-1", "+1",           "1e3", "1.0",
                            "4M",   "1_000", " 1",  "1 ",  "",   "\xef\xbc\x91", "0"};
  for (const option_range& o : options) {
    for (const char* value : rejected) {
      const cli_result r =
          run_cli(std::string(o.command) + " " + o.name + " " + shell_quote(value) + " " + shell_quote(k_seed_request));
      EXPECT_EQ(r.status, 2) << o.name << " " << value;
      EXPECT_EQ(r.err, std::string("sdsprofile: ") + o.name + ": '" + value + "' is not a decimal integer from " +
                           o.range + "\nRun 'sdsprofile " + o.command + " --help' for the usage.\n")
          << o.name << " " << value;
      EXPECT_EQ(r.out, "");
    }
  }
  // One past the largest value, and far past 2^64.
  for (const char* value : {"1099511627777", "18446744073709551617", "99999999999999999999999999"}) {
    const cli_result r = run_cli(std::string("check --max-bytes ") + value + " -", "{}");
    EXPECT_EQ(r.status, 2) << value;
    EXPECT_EQ(r.err, std::string("sdsprofile: --max-bytes: '") + value +
                         "' is not a decimal integer from 1 to 1099511627776\nRun 'sdsprofile check --help' for the "
                         "usage.\n");
  }
  EXPECT_EQ(run_cli("check --jobs 1025 -", "{}").status, 2);
  EXPECT_EQ(run_cli("check --max-depth 1025 -", "{}").status, 2);
  EXPECT_EQ(run_cli("check --max-diagnostics 1000001 -", "{}").status, 2);
}

// Leading zeros are decimal too (not octal), and the largest values are accepted.
TEST(CliOptions, LeadingZerosAndLimitsAreAccepted) {
  const cli_result r = run_cli("check --mode update --max-bytes 010 -", R"({"id":"12"})");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            "<stdin>:1:11: error: The input is larger than the limit of 10 bytes. [json-too-large]\n"
            "    hint: Graph accepts request bodies of at most 4 MiB (4194304 bytes).\n");
  const cli_result limits = run_cli(
      "check --mode update --max-bytes 1099511627776 --max-report-bytes 1099511627776 --max-diagnostics 1000000 "
      "--max-depth 1024 --jobs 1024 -",
      "{}");
  EXPECT_EQ(limits.status, 0) << limits.err;
  EXPECT_EQ(limits.err, "");
  const cli_result expand =
      run_cli("expand --max-report-bytes 00000000001 --mode resource " + shell_quote(k_seed_response));
  EXPECT_EQ(expand.status, 0) << expand.err;
  EXPECT_EQ(expand.out, read_all(k_seed_response));
}

}  // namespace
