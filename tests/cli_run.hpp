// Running the built CLI from tests: through the shell, so that a test can redirect its standard
// streams as a user would (`> /dev/full`, `>&-`, a pipe from a producer), with standard output and
// standard error captured in files and the peak resident memory of the run measured.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "case_file.hpp"
#include "scratch_dir.hpp"

namespace sdsprofile::test {

/// A scratch directory for this test process.
inline std::filesystem::path cli_temp_dir() {
  static const std::filesystem::path dir = new_scratch_dir("sdsprofile-cli-io-test-");
  return dir;
}

inline std::filesystem::path write_file(const std::string& name, const std::string& content) {
  const std::filesystem::path p = cli_temp_dir() / name;
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

/// `s` quoted for the shell.
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (const char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct cli_result {
  int status = -1;        // exit status; -1 when the shell was killed by a signal
  std::string out, err;   // standard output (unless the command redirects it) and standard error
  long peak_rss_kb = -1;  // ru_maxrss of the shell and every process it waited for
};

/// Runs `sh -c 'CLI ARGS_AND_REDIRECTIONS'`, where `tail` follows the quoted path of the CLI
/// (arguments, then any redirection or pipe). Standard input is `stdin_text` unless `tail`
/// redirects it; standard output and standard error go to files (unless `tail` redirects them),
/// read back into the result.
inline cli_result run_cli(const std::string& tail, const std::string& stdin_text = "", const std::string& prefix = "") {
  const std::filesystem::path dir = cli_temp_dir();
  const std::filesystem::path in = write_file("run-stdin", stdin_text);
  const std::filesystem::path out = dir / "run-stdout", err = dir / "run-stderr";
  const std::string command = "exec < " + shell_quote(in.string()) + " > " + shell_quote(out.string()) + " 2> " +
                              shell_quote(err.string()) + "; " + prefix + shell_quote(SDSPROFILE_CLI) + " " + tail;
  cli_result r;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid) return r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.peak_rss_kb = usage.ru_maxrss;
  r.out = read_all(out.string());
  r.err = read_all(err.string());
  return r;
}

}  // namespace sdsprofile::test
