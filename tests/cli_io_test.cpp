// The CLI's input and output under conditions a CI run or an attacker can create: full disks and
// closed descriptors, malformed numbers, endless and slow streams, odd -o targets, hostile file
// names, many findings and many jobs (docs/cli.md). Each test asserts exact exit statuses and
// exact bytes; memory bounds are the peak resident size the kernel measured for the run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <cstring>

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

// --- Numeric options: decimal integers only; sizes in bytes may take a binary suffix ----------

TEST(CliOptions, NumbersAreDecimalIntegersInRange) {
  struct option_range {
    const char* command;
    const char* name;
    const char* range;
    bool size;  // a size in bytes: K, M, G or T may follow the digits
  };
  const option_range options[] = {
      {"check", "--max-bytes", "1 to 1099511627776", true},
      {"check", "--max-diagnostics", "1 to 1000000", false},
      {"check", "--max-depth", "1 to 1024", false},
      {"check", "--max-report-bytes", "1 to 1099511627776", true},
      {"check", "--jobs", "1 to 1024", false},
      {"expand", "--max-report-bytes", "1 to 1099511627776", true},
      {"check", "--memory-budget", "1 to 1099511627776", true},
  };
  const char* rejected[] = {"0x10",  "0X10", "0b1", "0o7", "-1",           "+1", "1e3", "1.0",
                            "1_000", " 1",   "1 ",  "",    "\xef\xbc\x91", "0",  "M",   "4MB",
                            "4 M",   "4.5M", "4Mi", "4KM", "4P",           "0K", "-1K", "0x1M"};
  for (const option_range& o : options) {
    for (const char* value : rejected) {
      const cli_result r =
          run_cli(std::string(o.command) + " " + o.name + " " + shell_quote(value) + " " + shell_quote(k_seed_request));
      EXPECT_EQ(r.status, 2) << o.name << " " << value;
      const std::string what = o.size ? std::string("' is not a size from ") + o.range +
                                            " bytes (digits, then optionally K, M, G or T for 2^10, 2^20, 2^30 or 2^40)"
                                      : std::string("' is not a decimal integer from ") + o.range;
      EXPECT_EQ(r.err, std::string("sdsprofile: ") + o.name + ": '" + value + what + "\nRun 'sdsprofile " + o.command +
                           " --help' for the usage.\n")
          << o.name << " " << value;
      EXPECT_EQ(r.out, "");
    }
    // A suffix is a size's only: the counts take digits alone.
    if (!o.size) {
      const cli_result r = run_cli(std::string(o.command) + " " + o.name + " 4K " + shell_quote(k_seed_request));
      EXPECT_EQ(r.status, 2) << o.name;
      EXPECT_EQ(r.err, std::string("sdsprofile: ") + o.name + ": '4K' is not a decimal integer from " + o.range +
                           "\nRun 'sdsprofile " + o.command + " --help' for the usage.\n");
    }
  }
  // One past the largest value, and far past 2^64, with and without a suffix.
  for (const char* value : {"1099511627777", "18446744073709551617", "99999999999999999999999999", "1025G", "2T",
                            "1073741825M", "16777216T"}) {
    const cli_result r = run_cli(std::string("check --max-bytes ") + value + " -", "{}");
    EXPECT_EQ(r.status, 2) << value;
    EXPECT_EQ(r.err, std::string("sdsprofile: --max-bytes: '") + value +
                         "' is not a size from 1 to 1099511627776 bytes (digits, then optionally K, M, G or T for "
                         "2^10, 2^20, 2^30 or 2^40)\nRun 'sdsprofile check --help' for the usage.\n");
  }
  EXPECT_EQ(run_cli("check --jobs 1025 -", "{}").status, 2);
  EXPECT_EQ(run_cli("check --max-depth 1025 -", "{}").status, 2);
  EXPECT_EQ(run_cli("check --max-diagnostics 1000001 -", "{}").status, 2);
}

// Sizes in bytes with a binary suffix: K, M, G, T (either case) are 2^10, 2^20, 2^30, 2^40.
TEST(CliOptions, SizesTakeBinarySuffixes) {
  const std::string body = R"({"displayName":"x"})";
  const cli_result k = run_cli("check --mode update --max-bytes 0k -", body);
  EXPECT_EQ(k.status, 2);
  for (const char* value : {"1k", "1K", "0001K"}) {
    const cli_result r =
        run_cli(std::string("check --mode update --max-bytes ") + value + " -", std::string(1025, ' ') + "{}");
    EXPECT_EQ(r.status, 1) << value;
    EXPECT_EQ(r.out,
              "<stdin>:1:1025: error: The input is larger than the limit of 1024 bytes. [json-too-large]\n"
              "    hint: Graph accepts request bodies of at most 4 MiB (4194304 bytes).\n")
        << value;
  }
  const cli_result m = run_cli("check --mode update --max-bytes 4M -", std::string(4 << 20, ' ') + "{}");
  EXPECT_EQ(m.status, 1) << m.err;
  EXPECT_EQ(m.out,
            "<stdin>:1:4194305: error: The input is larger than the limit of 4194304 bytes. [json-too-large]\n"
            "    hint: Graph accepts request bodies of at most 4 MiB (4194304 bytes).\n");
  EXPECT_EQ(run_cli("check --mode update --max-bytes 4M -", std::string((4 << 20) - 2, ' ') + "{}").status, 0);
  const cli_result largest =
      run_cli("check --mode update --max-bytes 1T --max-report-bytes 1024G --memory-budget 1048576m -", body);
  EXPECT_EQ(largest.status, 0) << largest.err;
  const cli_result report =
      run_cli("check --now 2026-01-15T00:00:00Z --max-report-bytes 1k -", R"({"displayName": 5})");
  EXPECT_EQ(report.status, 1);
  EXPECT_EQ(report.out.find("too-many-diagnostics"), std::string::npos) << report.out;  // 1024 bytes hold all three
  const cli_result expand = run_cli("expand --max-report-bytes 8m --mode resource " + shell_quote(k_seed_response));
  EXPECT_EQ(expand.status, 0) << expand.err;
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

namespace {

// --- Escaped everywhere ----------------------------------------------------------------------

// A file name that would forge a GitHub annotation and drive the terminal if printed raw.
const std::string k_hostile = "x\n::error file=README.md,line=1::Spoofed\x1b[31m\xc2\x9b\xe2\x80\xae";
const std::string k_hostile_text = "x\\u000a::error file=README.md,line=1::Spoofed\\u001b[31m\\u009b\\u202e";

TEST(CliEscaping, FileNamesOnStandardErrorAreEscaped) {
  const std::string missing = (sdsprofile::test::cli_temp_dir() / ("missing-" + k_hostile)).string();
  const std::string missing_text = (sdsprofile::test::cli_temp_dir() / ("missing-" + k_hostile_text)).string();
  const cli_result open = run_cli("check " + shell_quote(missing));
  EXPECT_EQ(open.status, 2);
  EXPECT_EQ(open.err, "sdsprofile: cannot open '" + missing_text + "': No such file or directory\n");
  const cli_result expand = run_cli("expand " + shell_quote(missing));
  EXPECT_EQ(expand.status, 2);
  EXPECT_EQ(expand.err, open.err);

  // A directory entry that is not a regular file, and a directory with nothing to check.
  const fs::path dir = sdsprofile::test::cli_temp_dir() / ("dir-" + k_hostile);
  fs::create_directories(dir / "empty");
  ASSERT_EQ(::mkfifo((dir / "fifo.json").c_str(), 0600), 0);
  const std::string dir_text = (sdsprofile::test::cli_temp_dir() / ("dir-" + k_hostile_text)).string();
  const cli_result walk = run_cli("check " + shell_quote(dir.string()) + " " + shell_quote((dir / "empty").string()));
  EXPECT_EQ(walk.status, 2);
  EXPECT_EQ(walk.err, "sdsprofile: '" + dir_text + "/fifo.json' is not a readable regular file\n" +
                          "sdsprofile: no *.json file under '" + dir_text + "/empty': nothing to check\n");

  // expand's diagnostics name the input.
  const fs::path input = write_file("expand-" + k_hostile + ".json", R"({"displayName": 5})");
  const cli_result diagnostics = run_cli("expand --mode resource " + shell_quote(input.string()));
  EXPECT_EQ(diagnostics.status, 1);
  EXPECT_EQ(diagnostics.err.rfind(
                (sdsprofile::test::cli_temp_dir() / ("expand-" + k_hostile_text)).string() + ".json:1:1: error: ", 0),
            0u)
      << diagnostics.err;
}

TEST(CliEscaping, QuotedArgumentsOnStandardErrorAreEscaped) {
  const cli_result now = run_cli("check --now " + shell_quote("\x1b]0;title\x07\n") + " -", "{}");
  EXPECT_EQ(now.status, 2);
  EXPECT_EQ(now.err,
            "sdsprofile: --now: '\\u001b]0;title\\u0007\\u000a' is not an RFC 3339 date-time (e.g. "
            "2026-01-15T00:00:00Z)\n");
  const cli_result id = run_cli("expand --id " + shell_quote("\x1b[2J") + " -", "{}");
  EXPECT_EQ(id.status, 2);
  EXPECT_EQ(id.err, "sdsprofile: --id: '\\u001b[2J' is not a GUID (8-4-4-4-12 hexadecimal digits)\n");
  const cli_result number = run_cli("check --max-bytes " + shell_quote("1\n::error::x") + " -", "{}");
  EXPECT_EQ(number.status, 2);
  EXPECT_EQ(number.err,
            "sdsprofile: --max-bytes: '1\\u000a::error::x' is not a size from 1 to 1099511627776 bytes (digits, then "
            "optionally K, M, G or T for 2^10, 2^20, 2^30 or 2^40)\n"
            "Run 'sdsprofile check --help' for the usage.\n");
  const cli_result unknown = run_cli("check " + shell_quote("--x\x1b[2J\xe2\x80\xae") + " -", "{}");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_EQ(unknown.err,
            "sdsprofile: The following argument was not expected: --x\\u001b[2J\\u202e\n"
            "Run 'sdsprofile check --help' for the usage.\n");
}

// On standard output, in every format, the hostile name stays one harmless piece of a line.
TEST(CliEscaping, FileNamesInEveryFormatCannotForgeLines) {
  const fs::path input = write_file("check-" + k_hostile + ".json", R"({"displayName": 5})");
  const std::string name = input.string();
  const std::string name_text = (sdsprofile::test::cli_temp_dir() / ("check-" + k_hostile_text)).string() + ".json";
  const cli_result text = run_cli("check " + shell_quote(name));
  EXPECT_EQ(text.status, 1);
  EXPECT_EQ(text.out.rfind(name_text + ":1:1: error: ", 0), 0u) << text.out;
  EXPECT_EQ(std::count(text.out.begin(), text.out.end(), '\n'), 3);

  const cli_result github = run_cli("check --format github " + shell_quote(name));
  EXPECT_EQ(github.status, 1);
  std::string github_name = (sdsprofile::test::cli_temp_dir() / "check-").string();
  github_name += "x%0A%3A%3Aerror file=README.md%2Cline=1%3A%3ASpoofed\\u001b[31m\\u009b\\u202e.json";
  EXPECT_EQ(github.out.rfind("::error file=" + github_name + ",line=1,col=1,title=missing-required::", 0), 0u)
      << github.out;
  EXPECT_EQ(std::count(github.out.begin(), github.out.end(), '\n'), 3);  // one line per diagnostic
  EXPECT_EQ(github.out.find("\n::error file=README.md"), std::string::npos);

  const cli_result json = run_cli("check --format json " + shell_quote(name));
  std::string json_name = (sdsprofile::test::cli_temp_dir() / "check-").string();
  json_name += "x\\n::error file=README.md,line=1::Spoofed\\u001b[31m\\u009b\\u202e.json";
  EXPECT_EQ(json.out.rfind("{\"file\":\"" + json_name + "\",\"valid\":false,", 0), 0u) << json.out;

  const cli_result sarif = run_cli("check --format sarif " + shell_quote(name));
  EXPECT_NE(sarif.out.find("x%0A%3A%3Aerror%20file%3DREADME.md%2Cline%3D1%3A%3ASpoofed%1B%5B31m%C2%9B%E2%80%AE.json"),
            std::string::npos)
      << sarif.out;
}

// JSON Lines and SARIF write C0, C1, separator and bidirectional controls as \u escapes: valid
// JSON that decodes to the message.
TEST(CliEscaping, JsonAndSarifEscapeControls) {
  const std::string body =
      "{\"@odata.type\":\"\\u0007\xc2\x85\xc2\x9b"
      "31m\xe2\x80\xa8\xe2\x80\xae\xe2\x81\xa6\"}";
  const std::string quoted = R"(\"\u0007\u0085\u009b31m\u2028\u202e\u2066\")";
  const cli_result json = run_cli("check --mode update --format json -", body);
  EXPECT_EQ(json.status, 1);
  EXPECT_NE(json.out.find("\"message\":\"" + quoted + " names no type"), std::string::npos) << json.out;
  const cli_result sarif = run_cli("check --mode update --format sarif -", body);
  EXPECT_NE(sarif.out.find("\"message\":{\"text\":\"" + quoted + " names no type"), std::string::npos) << sarif.out;
  for (const std::string* out : {&json.out, &sarif.out}) {
    for (const char* raw : {"\x07", "\xc2\x85", "\xc2\x9b", "\xe2\x80\xa8", "\xe2\x80\xae", "\xe2\x81\xa6"})
      EXPECT_EQ(out->find(raw), std::string::npos) << *out;
  }
}

}  // namespace

namespace {

// --- SARIF columns ---------------------------------------------------------------------------

std::vector<std::string> sarif_regions(const std::string& log) {
  std::vector<std::string> regions;
  for (std::size_t at = 0; (at = log.find("\"region\":{", at)) != std::string::npos;) {
    const std::size_t end = log.find('}', at);
    regions.push_back(log.substr(at + 10, end - at - 10));
    at = end;
  }
  return regions;
}

// startColumn counts code points from the line start, carried from one diagnostic to the next on
// a line, restarted on the next line; NDJSON documents are one line each.
TEST(CliSarif, ColumnsCountCodePointsAlongEachLine) {
  const std::string body = "{\"\xc3\xa9\":1,\"\xc3\xbc\":2,\n\"\xc3\xb6\":3, \"a\xe2\x82\xac\xf0\x9f\x98\x80\":4}";
  const cli_result whole = run_cli("check --mode update --format sarif -", body);
  EXPECT_EQ(whole.status, 1);
  EXPECT_EQ(sarif_regions(whole.out), (std::vector<std::string>{R"("startLine":1,"startColumn":2,"byteOffset":1)",
                                                                R"("startLine":1,"startColumn":8,"byteOffset":8)",
                                                                R"("startLine":2,"startColumn":1,"byteOffset":16)",
                                                                R"("startLine":2,"startColumn":8,"byteOffset":24)"}));
  const cli_result ndjson = run_cli("check --ndjson --mode update --format sarif -",
                                    "{\"\xc3\xa9\":1,\"\xc3\xbc\":2}\n{\"\xf0\x9f\x98\x80\":3, \"\xc3\xb6\":4}\n");
  EXPECT_EQ(sarif_regions(ndjson.out), (std::vector<std::string>{R"("startLine":1,"startColumn":2,"byteOffset":1)",
                                                                 R"("startLine":1,"startColumn":8,"byteOffset":8)",
                                                                 R"("startLine":2,"startColumn":2,"byteOffset":17)",
                                                                 R"("startLine":2,"startColumn":9,"byteOffset":27)"}));
}

}  // namespace

namespace {

// --- expand -o -----------------------------------------------------------------------------------

// `expand --mode resource --compact` of the seed response, as -o writes it.
std::string compact_seed() {
  static const std::string text = run_cli("expand --mode resource --compact " + shell_quote(k_seed_response)).out;
  return text;
}

std::string expand_to(const std::string& target, const std::string& redirections = "") {
  return "expand --mode resource --compact -o " + shell_quote(target) + " " + shell_quote(k_seed_response) + " " +
         redirections;
}

std::vector<std::string> directory_listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

fs::path fresh_directory(const std::string& name) {
  const fs::path dir = sdsprofile::test::cli_temp_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The tool's own descriptors are written where they stand: appending to a log opened with >>
// keeps the log.
TEST(CliExpandOutput, OwnDescriptorsAreWrittenInPlace) {
  const fs::path dir = fresh_directory("o-descriptors");
  const std::string log = shell_quote((dir / "log.txt").string());
  for (const char* name : {"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "-"}) {
    write_file("o-descriptors/log.txt", "old log\n");
    const cli_result r = run_cli(expand_to(name, ">> " + log));
    EXPECT_EQ(r.status, 0) << name << r.err;
    EXPECT_EQ(r.err, "") << name;
    EXPECT_EQ(read_all((dir / "log.txt").string()), "old log\n" + compact_seed()) << name;
  }
  write_file("o-descriptors/log.txt", "old log\n");
  const cli_result err = run_cli(expand_to("/dev/stderr", "2>> " + log));
  EXPECT_EQ(err.status, 0);
  EXPECT_EQ(read_all((dir / "log.txt").string()), "old log\n" + compact_seed());
  write_file("o-descriptors/log.txt", "old log\n");
  const cli_result five = run_cli(expand_to("/dev/fd/5", "5>> " + log));
  EXPECT_EQ(five.status, 0);
  EXPECT_EQ(read_all((dir / "log.txt").string()), "old log\n" + compact_seed());
  EXPECT_EQ(directory_listing(dir), std::vector<std::string>{"log.txt"});
  EXPECT_FALSE(fs::is_symlink(dir / "log.txt"));

  const cli_result unopened = run_cli(expand_to("/dev/fd/7"));
  EXPECT_EQ(unopened.status, 2);
  EXPECT_EQ(unopened.err, "sdsprofile: cannot write '/dev/fd/7': Bad file descriptor\n");
  const cli_result closed = run_cli(expand_to("/dev/stdout", ">&-"));
  EXPECT_EQ(closed.status, 2);
  EXPECT_EQ(closed.err, k_closed);
}

TEST(CliExpandOutput, DevicesAndFifosAreWrittenInPlace) {
  const cli_result null = run_cli(expand_to("/dev/null"));
  EXPECT_EQ(null.status, 0);
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  const cli_result full = run_cli(expand_to("/dev/full"));
  EXPECT_EQ(full.status, 2);
  EXPECT_EQ(full.err, "sdsprofile: cannot write '/dev/full': No space left on device\n");
  const fs::path dir = fresh_directory("o-fifo");
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  const std::string fifo = shell_quote((dir / "fifo").string()), got = shell_quote((dir / "got").string());
  // The reader ends when the writer closes; the shell waits for it.
  const cli_result r =
      run_cli(expand_to((dir / "fifo").string()) + "; s=$?; wait; exit $s", "", "cat " + fifo + " > " + got + " & ");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read_all((dir / "got").string()), compact_seed());
  EXPECT_TRUE(fs::is_fifo(dir / "fifo"));
}

TEST(CliExpandOutput, LinksAreWrittenThroughToTheirTarget) {
  const fs::path dir = fresh_directory("o-links");
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "target.json") << "old";
  fs::permissions(dir / "sub" / "target.json", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  fs::create_symlink("sub/target.json", dir / "second");  // relative, from the link's directory
  fs::create_symlink(dir / "second", dir / "first");
  const cli_result r = run_cli(expand_to((dir / "first").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir / "first"));
  EXPECT_TRUE(fs::is_symlink(dir / "second"));
  EXPECT_EQ(read_all((dir / "sub" / "target.json").string()), compact_seed());
  EXPECT_EQ(fs::status(dir / "sub" / "target.json").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);

  // A dangling link: its target is created (0666 less the umask), the link stays.
  fs::create_symlink("sub/new.json", dir / "dangling");
  const cli_result dangling = run_cli(expand_to((dir / "dangling").string()), "", "umask 027; ");
  EXPECT_EQ(dangling.status, 0) << dangling.err;
  EXPECT_TRUE(fs::is_symlink(dir / "dangling"));
  EXPECT_EQ(read_all((dir / "sub" / "new.json").string()), compact_seed());
  EXPECT_EQ(fs::status(dir / "sub" / "new.json").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(directory_listing(dir), (std::vector<std::string>{"dangling", "first", "second", "sub"}));
  EXPECT_EQ(directory_listing(dir / "sub"), (std::vector<std::string>{"new.json", "target.json"}));

  fs::create_symlink("loop-b", dir / "loop-a");
  fs::create_symlink("loop-a", dir / "loop-b");
  const cli_result loop = run_cli(expand_to((dir / "loop-a").string()));
  EXPECT_EQ(loop.status, 2);
  EXPECT_EQ(loop.err,
            "sdsprofile: cannot write '" + (dir / "loop-a").string() + "': Too many levels of symbolic links\n");
}

TEST(CliExpandOutput, LongNamesWork) {
  const fs::path dir = fresh_directory("o-long");
  for (const std::size_t length : {244u, 250u, 255u}) {
    const std::string name = std::string(length, 'n');
    const cli_result r = run_cli(expand_to((dir / name).string()));
    EXPECT_EQ(r.status, 0) << length << r.err;
    EXPECT_EQ(read_all((dir / name).string()), compact_seed()) << length;
  }
  EXPECT_EQ(directory_listing(dir).size(), 3u);
}

TEST(CliExpandOutput, NamesThatCannotBeWritten) {
  const fs::path dir = fresh_directory("o-errors");
  const cli_result empty = run_cli("expand -o '' " + shell_quote(k_seed_response));
  EXPECT_EQ(empty.status, 2);
  EXPECT_EQ(empty.err,
            "sdsprofile: --output: a file name cannot be empty\nRun 'sdsprofile expand --help' for the usage.\n");
  const cli_result directory = run_cli(expand_to(dir.string()));
  EXPECT_EQ(directory.status, 2);
  EXPECT_EQ(directory.err, "sdsprofile: cannot write '" + dir.string() + "': Is a directory\n");
  const cli_result missing = run_cli(expand_to((dir / "none" / "x.json").string()));
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.err,
            "sdsprofile: cannot write '" + (dir / "none" / "x.json").string() + "': No such file or directory\n");
  EXPECT_TRUE(directory_listing(dir).empty());
}

// A write that fails half way (here: past the file size limit) leaves the old file and no
// temporary file.
TEST(CliExpandOutput, FailedWriteRemovesTheTemporaryFile) {
  const fs::path dir = fresh_directory("o-fsize");
  write_file("o-fsize/out.json", "old");
  const cli_result r = run_cli(expand_to((dir / "out.json").string()), "", "trap '' XFSZ; ulimit -f 1; ");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sdsprofile: cannot write '" + (dir / "out.json").string() + "': File too large\n");
  EXPECT_EQ(directory_listing(dir), std::vector<std::string>{"out.json"});
  EXPECT_EQ(read_all((dir / "out.json").string()), "old");
}

}  // namespace

namespace {

// SIGINT, SIGTERM and SIGHUP while the temporary file exists: the process ends by the signal,
// the temporary file is gone, and the target holds its old content or the complete new one. The
// signal is sent as soon as inotify reports the temporary file (the write of a few megabytes and
// its fsync are still ahead then).
TEST(CliExpandOutput, SignalsRemoveTheTemporaryFile) {
  std::string big =
      R"({"displayName":"Large","dataProvider":{"@odata.type":"#microsoft.graph.educationPowerSchoolDataProvider","connectionUrl":"https://ps.contoso.edu","clientId":"c","schoolsIds":[)";
  for (int i = 0; i < 150000; ++i) big += (i != 0 ? ",\"" : "\"") + std::to_string(i) + '"';
  big +=
      R"(]},"identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration","userDomains":[{"appliesTo":"student","name":"contoso.edu"}]}})";
  const fs::path input = write_file("signal-input.json", big);
  const std::string id = "86904b1e-c7d0-4ead-b13a-98f11fc400ee";
  const std::string full = run_cli("expand --id " + id + " " + shell_quote(input.string())).out;
  ASSERT_GT(full.size(), 1000000u);
  const fs::path dir = fresh_directory("o-signals");
  const fs::path out = dir / "out.json";
  int ended_by_signal = 0;
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      std::ofstream(out, std::ios::trunc) << "old";
      const int watch = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
      ASSERT_GE(watch, 0);
      ASSERT_GE(::inotify_add_watch(watch, dir.c_str(), IN_CREATE), 0);
      const pid_t pid = ::fork();
      if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        for (const int s : {SIGINT, SIGTERM, SIGHUP}) ::signal(s, SIG_DFL);
        ::execl(SDSPROFILE_CLI, "sdsprofile", "expand", "--id", id.c_str(), "-o", out.c_str(), input.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
      }
      ASSERT_GT(pid, 0);
      pollfd p{watch, POLLIN, 0};
      if (::poll(&p, 1, 20000) == 1) ::kill(pid, sig);
      ::close(watch);
      int status = 0;
      ASSERT_EQ(::waitpid(pid, &status, 0), pid);
      if (WIFSIGNALED(status)) {
        EXPECT_EQ(WTERMSIG(status), sig);
        ++ended_by_signal;
      } else {
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
      }
      EXPECT_EQ(directory_listing(dir), std::vector<std::string>{"out.json"}) << strsignal(sig);
      const std::string now = read_all(out.string());
      EXPECT_TRUE(now == "old" || now == full) << strsignal(sig) << ": " << now.size() << " bytes";
    }
  }
  EXPECT_GT(ended_by_signal, 0);  // the signals did arrive while the temporary file existed
}

}  // namespace

namespace {

// --- NDJSON read as it arrives, in bounded memory ----------------------------------------------

constexpr long k_stream_rss_bound_kb = 100 * 1024;  // 100 MiB

// Sanitizer builds take more memory and time than the bounds here are about.
constexpr bool k_sanitized = SDSPROFILE_SANITIZED != 0;
constexpr const char* k_sanitized_reason = "memory bounds are not measured in sanitizer builds";

// The start of a JSON Lines record of standard input whose first diagnostic has `code`.
std::string fmt_record(int line, const char* code, std::size_t column, std::size_t offset) {
  return "{\"file\":\"<stdin>\",\"line\":" + std::to_string(line) +
         ",\"valid\":false,\"diagnostics\":[{\"severity\":\"error\",\"code\":\"" + code + "\",\"path\":\"" +
         (std::string(code) == "unknown-property" ? "/a"
          : std::string(code) == "type-mismatch"  ? "/displayName"
                                                  : "") +
         "\",\"line\":" + std::to_string(line) + ",\"column\":" + std::to_string(column) +
         ",\"offset\":" + std::to_string(offset);
}

const std::string k_too_large_4m =
    ":1:4194305: error: The input is larger than the limit of 4194304 bytes. [json-too-large]\n"
    "    hint: Graph accepts request bodies of at most 4 MiB (4194304 bytes).\n";

// 200 MiB of NUL bytes without a line end, from a pipe and from a FIFO: the line is reported as too
// large, the rest skipped, in bounded memory.
TEST(CliNdjsonStream, EndlessLineIsReportedAndSkippedInBoundedMemory) {
  const cli_result piped = run_cli("check --ndjson - ", "", "head -c 200M /dev/zero | ");
  EXPECT_EQ(piped.status, 1);
  EXPECT_EQ(piped.out, "<stdin>" + k_too_large_4m);
  EXPECT_EQ(piped.err, "");
  if (!k_sanitized) {
    EXPECT_LT(piped.peak_rss_kb, k_stream_rss_bound_kb);
  }

  const fs::path fifo = sdsprofile::test::cli_temp_dir() / "zero.fifo";
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const cli_result named = run_cli("check --ndjson --jobs 3 " + shell_quote(fifo.string()), "",
                                   "head -c 200M /dev/zero > " + shell_quote(fifo.string()) + " & ");
  EXPECT_EQ(named.status, 1);
  EXPECT_EQ(named.out, fifo.string() + k_too_large_4m);
  if (!k_sanitized) {
    EXPECT_LT(named.peak_rss_kb, k_stream_rss_bound_kb);
  }
}

// Two million documents from a pipe, in every kind of output density, in bounded memory.
TEST(CliNdjsonStream, ManyDocumentsFromAPipeInBoundedMemory) {
  if (k_sanitized) GTEST_SKIP() << k_sanitized_reason;
  const cli_result valid =
      run_cli("check --ndjson --mode update --jobs 4 - > /dev/null", "", "yes '{}' | head -n 2000000 | ");
  EXPECT_EQ(valid.status, 0);
  EXPECT_EQ(valid.err, "sdsprofile: documents: 2000000, valid: 2000000, invalid: 0, errors: 0, warnings: 0\n");
  EXPECT_LT(valid.peak_rss_kb, k_stream_rss_bound_kb);
  const cli_result json = run_cli("check --ndjson --mode update --jobs 4 --summary --format json - | tail -n 2", "",
                                  "yes '{}' | head -n 2000000 | ");
  EXPECT_EQ(json.out,
            "{\"file\":\"<stdin>\",\"line\":2000000,\"valid\":true,\"diagnostics\":[]}\n"
            "{\"summary\":{\"documents\":2000000,\"valid\":2000000,\"invalid\":0,\"errors\":0,\"warnings\":0}}\n");
  EXPECT_LT(json.peak_rss_kb, k_stream_rss_bound_kb);
  const std::string sarif_end = "\"results\":[],\"invocations\":[{\"executionSuccessful\":true}]}]}\n";
  const cli_result sarif =
      run_cli("check --ndjson --mode update --jobs 4 --format sarif - | tail -c " + std::to_string(sarif_end.size()),
              "", "yes '{}' | head -n 2000000 | ");
  EXPECT_EQ(sarif.out, sarif_end);
  EXPECT_EQ(sarif.err, "sdsprofile: documents: 2000000, valid: 2000000, invalid: 0, errors: 0, warnings: 0\n");
  EXPECT_LT(sarif.peak_rss_kb, k_stream_rss_bound_kb);
  // Three errors per three-byte line: more than a hundred bytes of report per byte of input.
  const cli_result dense = run_cli("check --ndjson --jobs 4 - > /dev/null", "", "yes '{}' | head -n 500000 | ");
  EXPECT_EQ(dense.status, 1);
  EXPECT_EQ(dense.err, "sdsprofile: documents: 500000, valid: 0, invalid: 500000, errors: 1500000, warnings: 0\n");
  EXPECT_LT(dense.peak_rss_kb, k_stream_rss_bound_kb);
}

// Reports appear while the producer is still writing: the producer sends its second line only
// once the report of the first is in the output file.
TEST(CliNdjsonStream, ReportsAppearAsTheInputArrives) {
  const fs::path out = sdsprofile::test::cli_temp_dir() / "streamed.out";
  const fs::path mark = sdsprofile::test::cli_temp_dir() / "streamed.mark";
  fs::remove(mark);
  const std::string o = shell_quote(out.string()), m = shell_quote(mark.string());
  for (const char* jobs : {"1", "4"}) {
    fs::remove(mark);
    const std::string producer =
        "{ printf '{\"displayName\": 5}\\n'; i=0; while ! grep -q type-mismatch " + o +
        " 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; [ $i -lt 600 ] && echo streamed > " + m +
        "; printf '{\"displayName\": 6}\\n'; } | ";
    const cli_result r =
        run_cli(std::string("check --ndjson --mode update --jobs ") + jobs + " - > " + o, "", producer);
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(
        read_all(out.string()),
        "<stdin>:1:17: error: \"displayName\" must be Edm.String (a JSON string), not a number. [type-mismatch]\n"
        "<stdin>:2:17: error: \"displayName\" must be Edm.String (a JSON string), not a number. [type-mismatch]\n");
    EXPECT_TRUE(fs::exists(mark)) << "the first report did not appear before the input ended (--jobs " << jobs << ")";
  }
}

// Lines longer than --max-bytes: json-too-large with the file's line and offset, whether the input
// is a stream (the line cut after max_bytes + 1 bytes) or a mapped file (the line whole); blank
// lines of any length are skipped; a CR at the cut does not shorten the line.
TEST(CliNdjsonStream, LongLinesKeepLinesAndOffsets) {
  // Line 1, blank and over 1 MiB, makes the file one that is mapped.
  const std::string blank_mebibyte = std::string(std::size_t{1} << 20, ' ') + "\n";
  std::string body = "{\"a\":1}\n";                                   // line 2
  body += std::string(300, 'x') + "\n";                               // 3: too large
  body += std::string(100, 'x') + "\r\n";                             // 4: 100 bytes without the CR: fits
  body += std::string(100, 'x') + "\r\r\n";                           // 5: 101 bytes: too large
  body += std::string(5000, ' ') + "\r\n";                            // 6: blank
  body += std::string(5000, ' ') + "x" + std::string(7, ' ') + "\n";  // 7: not blank: too large
  body += std::string(101, ' ') + "\n";                               // 8: blank
  body += "{\"displayName\": 5}\n";                                   // 9
  body += std::string(100000, '[');                                   // 10, without LF
  const std::string args = " --ndjson --mode update --max-bytes 100 --format json ";
  const fs::path mapped = write_file("long-lines.ndjson", blank_mebibyte + body);
  const cli_result whole = run_cli("check" + args + "--jobs 1 " + shell_quote(mapped.string()));
  EXPECT_EQ(whole.status, 1);
  std::string expected = whole.out;  // the file's records, named as standard input's would be
  for (std::size_t at; (at = expected.find("{\"file\":\"" + mapped.string() + "\"")) != std::string::npos;)
    expected.replace(at, 10 + mapped.string().size(), "{\"file\":\"<stdin>\"");
  for (const char* jobs : {"1", "3"}) {
    const cli_result streamed = run_cli("check" + args + "--jobs " + jobs + " -", blank_mebibyte + body);
    EXPECT_EQ(streamed.status, 1);
    EXPECT_EQ(streamed.out, expected) << jobs;
  }
  const std::size_t base = blank_mebibyte.size();
  const auto first = [&](int line, const char* code, std::size_t column, std::size_t offset) {
    return fmt_record(line, code, column, base + offset);
  };
  std::vector<std::string> records;
  for (std::size_t at = 0; at < expected.size();) {
    const std::size_t end = expected.find('\n', at);
    const std::string record = expected.substr(at, end - at);
    records.push_back(record.substr(0, record.find(",\"message\"")));
    at = end + 1;
  }
  EXPECT_EQ(records,
            (std::vector<std::string>{first(2, "unknown-property", 2, 1), first(3, "json-too-large", 101, 108),
                                      first(4, "json-syntax", 1, 309), first(5, "json-too-large", 101, 511),
                                      first(7, "json-too-large", 101, 5616), first(9, "type-mismatch", 17, 10643),
                                      first(10, "json-too-large", 101, 10746)}));
}

}  // namespace

namespace {

// --- --jobs within a memory budget -----------------------------------------------------------

// A 4 MiB body whose licence holds as many one-byte skuIds as fit: about 50 bytes of memory per
// byte of input while it is checked.
std::string dense_body(int variant) {
  const std::string head =
      R"({"displayName":"x)" + std::to_string(variant) +
      R"(","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider"},"identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration","userDomains":[{"appliesTo":"student","name":"contoso.edu"}]},"licensesToAssign":[{"appliesTo":"student","skuIds":[1)";
  const std::string tail = "]}]}";
  std::string body = head;
  while (body.size() + 2 + tail.size() <= (std::size_t{4} << 20)) body += ",1";
  return body + tail;
}

// Sixteen such inputs with --jobs 16: without a budget they were all checked at once (3 GB);
// within the default budget of 512 MiB at most a quarter more is in use. The output is that of
// --jobs 1, also with the smallest budget (every input alone).
TEST(CliMemoryBudget, ManyLargeInputsStayWithinTheBudget) {
  if (k_sanitized) GTEST_SKIP() << k_sanitized_reason;
  const fs::path dir = fresh_directory("budget");
  for (int i = 0; i < 16; ++i) write_file("budget/in" + std::to_string(10 + i) + ".json", dense_body(i));
  const std::string inputs = shell_quote(dir.string());
  const cli_result one = run_cli("check --format json --jobs 1 " + inputs);
  EXPECT_EQ(one.status, 1);
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 16);
  const cli_result sixteen = run_cli("check --format json --jobs 16 " + inputs);
  EXPECT_EQ(sixteen.status, 1);
  EXPECT_EQ(sixteen.out, one.out);
  EXPECT_LT(sixteen.peak_rss_kb, 640 * 1024) << "peak resident memory of --jobs 16";
  std::printf("peak resident memory: --jobs 1 %ld KiB, --jobs 16 %ld KiB\n", one.peak_rss_kb, sixteen.peak_rss_kb);
  const cli_result alone = run_cli("check --format json --jobs 16 --memory-budget 1 " + inputs);
  EXPECT_EQ(alone.out, one.out);
  EXPECT_LT(alone.peak_rss_kb, 320 * 1024);
}

// --jobs N with any budget gives the output of --jobs 1, for files and NDJSON alike.
TEST(CliMemoryBudget, OutputIsTheSameForEveryJobsAndBudget) {
  const std::string cases = shell_quote((fs::path(SDSPROFILE_SOURCE_DIR) / "tests" / "cases").string());
  // Over 2 MiB, so that it is cut into several runs of lines, mapped from a file and streamed.
  std::string ndjson;
  const std::string padding(1000, 'x');
  for (int i = 0; i < 3000; ++i)
    ndjson += i % 7 == 0 ? "{\"displayName\": " + std::to_string(i) + "}\n" : "{\"displayName\":\"" + padding + "\"}\n";
  const std::string lines = shell_quote(write_file("budget.ndjson", ndjson).string());
  for (const char* format : {"text", "json", "sarif", "github"}) {
    const std::string args = std::string("check --now 2026-01-15T00:00:00Z --format ") + format + " ";
    const cli_result files = run_cli(args + "--jobs 1 " + cases);
    const cli_result stream = run_cli(args + "--ndjson --jobs 1 -", ndjson);
    const cli_result file = run_cli(args + "--ndjson --jobs 1 " + lines);
    for (const char* limits : {"--jobs 4", "--jobs 4 --memory-budget 1", "--jobs 3 --memory-budget 100000000"}) {
      const cli_result f = run_cli(args + limits + " " + cases);
      EXPECT_EQ(f.status, files.status) << format << limits;
      EXPECT_EQ(f.out, files.out) << format << limits;
      EXPECT_EQ(f.err, files.err) << format << limits;
      EXPECT_EQ(run_cli(args + "--ndjson " + limits + " -", ndjson).out, stream.out) << format << limits;
      EXPECT_EQ(run_cli(args + "--ndjson " + limits + " " + lines).out, file.out) << format << limits;
    }
  }
}

}  // namespace
