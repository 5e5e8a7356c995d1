// sdsprofile command-line tool: argument parsing, file reading and rendering only; every rule
// lives in the library.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <malloc.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <new>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "baseline.hpp"
#include "batch.hpp"
#include "check_csv.hpp"
#include "config.hpp"
#include "explain.hpp"
#include "fix.hpp"
#include "output.hpp"
#include "render.hpp"
#include "schema.hpp"
#include "sdsprofile/sdsprofile.hpp"
#include "suggest.hpp"
#include "version_text.hpp"

namespace {

constexpr int k_exit_valid = 0;
constexpr int k_exit_invalid = 1;
constexpr int k_exit_usage_or_io = 2;

// The commands, as `sdsprofile COMMAND` names them.
constexpr std::array<std::string_view, 8> k_commands = {"check",  "check-csv", "fix",   "expand",
                                                        "config", "explain",   "codes", "schema"};

// The status of a command whose results went to standard output: `status`, unless writing them
// failed (a full disk, a closed descriptor), which is said on standard error and gives exit
// status 2.
int deliver(sdsprofile::cli::sink& out, int status) {
  if (out.flush()) return status;
  fmt::print(stderr, "sdsprofile: {}\n", out.message());
  return k_exit_usage_or_io;
}

// Standard output closed before the tool started (`>&-`): nothing written there could arrive.
bool standard_output_unusable(sdsprofile::cli::sink& out) {
  if (!out.failed()) return false;
  fmt::print(stderr, "sdsprofile: {}\n", out.message());
  return true;
}

// The --now option into `now`: left unset when the option was not given. False, said on standard
// error, when it is not an RFC 3339 date-time.
bool read_now_option(const std::string& text, std::optional<sdsprofile::timestamp>& now) {
  if (text.empty()) return true;
  now = sdsprofile::parse_rfc3339(text);
  if (now) return true;
  fmt::print(stderr, "sdsprofile: --now: '{}' is not an RFC 3339 date-time (e.g. 2026-01-15T00:00:00Z)\n",
             sdsprofile::cli::text_escaped(text));
  return false;
}

// --format's value (CLI11 restricted the choices to these names) as an output format.
sdsprofile::cli::output_format output_format_named(std::string_view name) {
  using sdsprofile::cli::output_format;
  return name == "json"     ? output_format::json
         : name == "github" ? output_format::github
         : name == "sarif"  ? output_format::sarif
                            : output_format::text;
}

// A decimal integer option from `min` to `max`: ASCII digits only, so no sign, base prefix,
// exponent, separator or suffix (CLI11 alone would also read "0x10", "0b1", "1e3" and "-1", and
// "010" as octal). Leading zeros are allowed and removed before CLI11 converts the text. With
// `binary_suffix`, a size in bytes: one of K, M, G or T (either case) may follow the digits and
// multiplies them by 2^10, 2^20, 2^30 or 2^40 ("4M", "512k").
CLI::Validator decimal(std::uint64_t min, std::uint64_t max, bool binary_suffix = false) {
  return {[min, max, binary_suffix](std::string& text) -> std::string {
            std::string_view digits = text;
            unsigned shift = 0;
            if (binary_suffix && !digits.empty()) {
              constexpr std::string_view k_suffixes = "kmgt";
              const char last = static_cast<char>(std::tolower(static_cast<unsigned char>(digits.back())));
              if (const std::size_t at = k_suffixes.find(last); at != std::string_view::npos) {
                shift = static_cast<unsigned>(10 * (at + 1));
                digits.remove_suffix(1);
              }
            }
            std::uint64_t value = 0;
            bool in_range = !digits.empty();
            for (const char c : digits) {
              if (c < '0' || c > '9') {
                in_range = false;
                break;
              }
              const auto digit = static_cast<std::uint64_t>(c - '0');
              if (value > (max - digit) / 10) {  // past max (and never past 2^64 - 1)
                in_range = false;
                break;
              }
              value = value * 10 + digit;
            }
            if (in_range && value > (max >> shift)) in_range = false;  // the suffix takes it past max
            value <<= shift;
            if (!in_range || value < min)
              return binary_suffix ? fmt::format(
                                         "'{}' is not a size from {} to {} bytes (digits, then optionally K, "
                                         "M, G or T for 2^10, 2^20, 2^30 or 2^40)",
                                         text, min, max)
                                   : fmt::format("'{}' is not a decimal integer from {} to {}", text, min, max);
            text = std::to_string(value);
            return {};
          },
          binary_suffix ? fmt::format("size in [{} - {}], K/M/G/T = 2^10/2^20/2^30/2^40", min, max)
                        : fmt::format("decimal in [{} - {}]", min, max)};
}

// A size in bytes: decimal, or with a binary suffix (decimal above).
CLI::Validator byte_size(std::uint64_t min, std::uint64_t max) { return decimal(min, max, true); }

constexpr std::size_t k_max_size_option = std::size_t{1} << 40;

// The policy options, shared by check, expand and config (docs/cli.md "Policy").
struct policy_args {
  sdsprofile::policy_layer command_line;
  std::string config_file;  // --config; empty: look for sdsprofile.toml
  bool no_config = false;

  // The resolver of these options; nullopt with the problem said on standard error when a
  // selector is not valid.
  [[nodiscard]] std::optional<sdsprofile::cli::policy_resolver> resolver() const {
    sdsprofile::cli::policy_resolver r(
        command_line, config_file.empty() ? std::nullopt : std::optional<std::string>(config_file), no_config);
    if (const std::string problem = r.command_line_problem(); !problem.empty()) {
      fmt::print(stderr, "sdsprofile: {}\n", problem);
      return std::nullopt;
    }
    return r;
  }
};

void add_policy_options(CLI::App& command, policy_args& args) {
  const auto list = [&](const char* name, std::vector<std::string>& into, const char* what) {
    // One value per occurrence (repeat the option or separate with commas), so that it does not
    // swallow the FILE arguments after it.
    command.add_option(name, into, what)->delimiter(',')->type_name("CODE,...")->allow_extra_args(false);
  };
  list("--select", args.command_line.select,
       "Report only these codes (names, or prefixes ending in '-' such as odata-type-); document-level codes always");
  list("--ignore", args.command_line.ignore, "Do not report these codes (not json-syntax, json-encoding, json-too-*)");
  list("--warn", args.command_line.warn, "Report these codes as warnings (not the document-level codes)");
  list("--error", args.command_line.error, "Report these codes as errors");
  CLI::Option* config =
      command.add_option("--config", args.config_file, "Policy file to use instead of the nearest sdsprofile.toml")
          ->type_name("FILE")
          ->check(CLI::Validator(
              [](const std::string& name) { return name.empty() ? std::string("a file name cannot be empty") : ""; },
              ""));
  command.add_flag("--no-config", args.no_config, "Read no sdsprofile.toml")->excludes(config);
}

struct check_args {
  std::string mode = "create";
  std::string format = "text";
  bool strict = false;
  std::string now;
  std::uint32_t max_diagnostics = 1000;
  std::uint32_t max_depth = 64;
  std::size_t max_bytes = std::size_t{4} * 1024 * 1024;
  std::size_t max_report_bytes = sdsprofile::limits{}.max_report_bytes;
  bool ndjson = false;
  unsigned jobs = 0;  // 0: the number of cores
  std::uint64_t memory_budget = sdsprofile::cli::batch_options{}.memory_budget;
  bool summary = false;
  std::vector<std::string> include, exclude;
  policy_args policy;
  std::string baseline;        // --baseline: report only findings it does not hold
  std::string write_baseline;  // --write-baseline: record every finding there
  std::vector<std::string> files;
};

// Writes the baseline that `recorder` holds to `name` (atomically), and says so on standard
// error; false (said there too) when it cannot be written or an input could not be read.
bool write_baseline(const std::string& name, const sdsprofile::cli::baseline_recorder& recorder, bool io_error) {
  const std::string shown = sdsprofile::cli::text_escaped(name);
  if (io_error) {
    fmt::print(stderr, "sdsprofile: baseline '{}' not written: an input could not be checked\n", shown);
    return false;
  }
  std::string error;
  if (!sdsprofile::cli::write_output_file(name, recorder.text(), error)) {
    fmt::print(stderr, "sdsprofile: {}\n", error);
    return false;
  }
  fmt::print(stderr, "sdsprofile: baseline '{}' written: findings: {}, files: {}\n", shown, recorder.finding_count(),
             recorder.file_count());
  return true;
}

int run_check(const check_args& args) {
  sdsprofile::cli::sink& out = sdsprofile::cli::standard_output();
  if (standard_output_unusable(out)) return k_exit_usage_or_io;
  sdsprofile::cli::batch_options batch;
  sdsprofile::options& opts = batch.check;
  opts.check_mode = *sdsprofile::mode_from_string(args.mode);  // CLI11 restricted the choices
  opts.strict = args.strict;
  opts.limits.max_diagnostics = args.max_diagnostics;
  opts.limits.max_depth = args.max_depth;
  opts.limits.max_bytes = args.max_bytes;
  opts.limits.max_report_bytes = args.max_report_bytes;
  if (!read_now_option(args.now, opts.now)) return k_exit_usage_or_io;
  batch.format = output_format_named(args.format);
  batch.ndjson = args.ndjson;
  batch.jobs = args.jobs != 0 ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  batch.summary = args.summary;
  batch.memory_budget = args.memory_budget;
  batch.progress = ::isatty(STDERR_FILENO) != 0;
  batch.include = args.include;
  batch.exclude = args.exclude;
  std::optional<sdsprofile::cli::policy_resolver> resolver = args.policy.resolver();
  if (!resolver) return k_exit_usage_or_io;
  batch.policy_for = [&resolver](const std::string& input, std::string& error) -> const sdsprofile::policy* {
    const sdsprofile::cli::resolved_policy* found = resolver->for_input(input, error);
    return found != nullptr ? &found->rules : nullptr;
  };
  std::optional<sdsprofile::cli::baseline> compare;
  if (!args.baseline.empty()) {
    std::string error;
    compare = sdsprofile::cli::baseline::read(args.baseline, error);
    if (!compare) {
      fmt::print(stderr, "sdsprofile: {}\n", error);
      return k_exit_usage_or_io;
    }
  } else if (!args.write_baseline.empty()) {
    compare = sdsprofile::cli::baseline::everything();  // what is recorded is not reported
  }
  batch.compare = compare ? &*compare : nullptr;
  std::optional<sdsprofile::cli::baseline_recorder> recorder;
  if (!args.write_baseline.empty()) {
    recorder.emplace(sdsprofile::cli::baseline_directory(args.write_baseline));
    batch.recorder = &*recorder;
  }
  std::vector<std::string> files = args.files;
  if (files.empty()) files.emplace_back("-");
  const sdsprofile::cli::batch_totals totals = sdsprofile::cli::run_batch(files, batch, out, stderr);
  if (!args.baseline.empty() && !totals.io_error) {
    fmt::print(stderr, "sdsprofile: baseline '{}': suppressed: {}, new: {}{}\n",
               sdsprofile::cli::text_escaped(args.baseline), totals.suppressed, totals.errors + totals.warnings,
               totals.unmatched == 0 ? std::string()
                                     : fmt::format(", no longer found: {} (--write-baseline records the findings anew)",
                                                   totals.unmatched));
  }
  bool written = true;
  if (recorder) written = write_baseline(args.write_baseline, *recorder, totals.io_error);
  if (totals.io_error || !written) return deliver(out, k_exit_usage_or_io);
  return deliver(out, totals.invalid != 0 ? k_exit_invalid : k_exit_valid);
}

struct fix_args {
  std::string mode = "create";
  bool strict = false;
  std::string now;
  std::uint32_t max_diagnostics = 1000;
  std::uint32_t max_depth = 64;
  std::size_t max_bytes = std::size_t{4} * 1024 * 1024;
  std::size_t max_report_bytes = sdsprofile::limits{}.max_report_bytes;
  bool diff = false;
  bool test = false;
  policy_args policy;
  std::vector<std::string> files;
};

// `sdsprofile fix`: exit status 2 on a usage or I/O error; with --check, 1 when a file would
// change; otherwise 1 when a file is still invalid after fixing (with --diff: would be).
int run_fix(const fix_args& args) {
  sdsprofile::cli::sink& out = sdsprofile::cli::standard_output();
  const bool writes_stdout =
      args.diff || (!args.test && std::find(args.files.begin(), args.files.end(), "-") != args.files.end());
  if (writes_stdout && standard_output_unusable(out)) return k_exit_usage_or_io;
  sdsprofile::cli::fix_options fix;
  sdsprofile::options& opts = fix.check;
  opts.check_mode = *sdsprofile::mode_from_string(args.mode);  // CLI11 restricted the choices
  opts.strict = args.strict;
  opts.limits.max_diagnostics = args.max_diagnostics;
  opts.limits.max_depth = args.max_depth;
  opts.limits.max_bytes = args.max_bytes;
  opts.limits.max_report_bytes = args.max_report_bytes;
  if (!read_now_option(args.now, opts.now)) return k_exit_usage_or_io;
  fix.diff = args.diff;
  fix.test = args.test;
  std::optional<sdsprofile::cli::policy_resolver> resolver = args.policy.resolver();
  if (!resolver) return k_exit_usage_or_io;
  fix.policy_for = [&resolver](const std::string& input, std::string& error) -> const sdsprofile::policy* {
    const sdsprofile::cli::resolved_policy* found = resolver->for_input(input, error);
    return found != nullptr ? &found->rules : nullptr;
  };
  const sdsprofile::cli::fix_totals totals = sdsprofile::cli::run_fix(args.files, fix, out, stderr);
  if (totals.io_error) return deliver(out, k_exit_usage_or_io);
  if (args.test) return deliver(out, totals.changed != 0 ? k_exit_invalid : k_exit_valid);
  return deliver(out, totals.invalid != 0 ? k_exit_invalid : k_exit_valid);
}

struct csv_args {
  std::string profile;
  std::string mode = "create";
  std::string format = "text";
  bool strict = false;
  std::string now;
  std::uint32_t max_diagnostics = 1000;
  unsigned jobs = 0;  // 0: the number of cores
  std::string directory;
  policy_args policy;
};

int run_csv(const csv_args& args, const CLI::App& command) {
  sdsprofile::cli::sink& out = sdsprofile::cli::standard_output();
  if (standard_output_unusable(out)) return k_exit_usage_or_io;
  sdsprofile::cli::csv_command csv;
  sdsprofile::options& opts = csv.check.check;
  opts.check_mode = *sdsprofile::mode_from_string(args.mode);  // CLI11 restricted the choices
  opts.strict = args.strict;
  opts.limits.max_diagnostics = args.max_diagnostics;
  if (!read_now_option(args.now, opts.now)) return k_exit_usage_or_io;
  csv.format = output_format_named(args.format);
  csv.check.jobs = args.jobs != 0 ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (command.count("--profile") != 0) csv.profile = args.profile;
  csv.directory = args.directory;
  csv.progress = ::isatty(STDERR_FILENO) != 0;
  std::optional<sdsprofile::cli::policy_resolver> resolver = args.policy.resolver();
  if (!resolver) return k_exit_usage_or_io;
  std::string error;
  const sdsprofile::cli::resolved_policy* found = resolver->for_input(args.directory, error);
  if (found == nullptr) {
    fmt::print(stderr, "sdsprofile: {}\n", error);
    return k_exit_usage_or_io;
  }
  csv.rules = &found->rules;
  return deliver(out, sdsprofile::cli::run_check_csv(csv, out, stderr));
}

struct expand_args {
  std::string mode = "create";
  std::string id;
  bool compact = false;
  std::string now;
  std::string output = "-";
  std::string file = "-";
  std::size_t max_report_bytes = sdsprofile::limits{}.max_report_bytes;
  policy_args policy;
};

int run_expand(const expand_args& args) {
  if (args.output == "-" && standard_output_unusable(sdsprofile::cli::standard_output())) return k_exit_usage_or_io;
  sdsprofile::expand_options opts;
  opts.pretty = !args.compact;
  opts.check.check_mode = *sdsprofile::mode_from_string(args.mode);  // CLI11 restricted the choices
  opts.check.limits.max_report_bytes = args.max_report_bytes;
  if (!args.id.empty()) {
    const auto is_guid = [](std::string_view g) {
      if (g.size() != 36) return false;
      for (std::size_t i = 0; i < g.size(); ++i) {
        const bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
        if (hyphen != (g[i] == '-') || (!hyphen && !std::isxdigit(static_cast<unsigned char>(g[i])))) return false;
      }
      return true;
    };
    if (!is_guid(args.id)) {
      fmt::print(stderr, "sdsprofile: --id: '{}' is not a GUID (8-4-4-4-12 hexadecimal digits)\n",
                 sdsprofile::cli::text_escaped(args.id));
      return k_exit_usage_or_io;
    }
    opts.id = args.id;
  }
  if (!read_now_option(args.now, opts.check.now)) return k_exit_usage_or_io;
  std::optional<sdsprofile::cli::policy_resolver> resolver = args.policy.resolver();
  if (!resolver) return k_exit_usage_or_io;
  std::string error;
  const sdsprofile::cli::resolved_policy* rules = resolver->for_input(args.file, error);
  if (rules == nullptr) {
    fmt::print(stderr, "sdsprofile: {}\n", error);
    return k_exit_usage_or_io;
  }
  const auto input = sdsprofile::cli::read_input(args.file, error, opts.check.limits.max_bytes + 1);
  if (!input) {
    fmt::print(stderr, "sdsprofile: {}\n", error);
    return k_exit_usage_or_io;
  }
  sdsprofile::checker checker;
  const sdsprofile::expansion result = checker.expand(*input, opts);
  sdsprofile::report policed;
  rules->rules.apply(result.diagnostics, policed);
  std::string diagnostics;
  sdsprofile::cli::render_text({args.file == "-" ? "<stdin>" : args.file, *input}, policed, diagnostics);
  std::fwrite(diagnostics.data(), 1, diagnostics.size(), stderr);
  if (!policed.valid()) return k_exit_invalid;
  if (!result.expanded()) {
    // The policy let errors pass (ignored, or made warnings), but an expansion needs a body that
    // the catalogue finds valid.
    fmt::print(stderr,
               "sdsprofile: not expanded: the catalogue finds {} error(s) in it, which the policy leaves out or "
               "makes warnings\n",
               result.diagnostics.error_count() + result.diagnostics.dropped_error_count());
    return k_exit_invalid;
  }
  // A text file ends with a newline, the compact form too (the library's compact expansion has
  // none, as an embedded value needs none).
  std::string_view json = result.json;
  std::string with_newline;
  if (!json.ends_with('\n')) {
    with_newline.reserve(json.size() + 1);
    with_newline.append(json).push_back('\n');
    json = with_newline;
  }
  if (args.output == "-") {
    sdsprofile::cli::sink& out = sdsprofile::cli::standard_output();
    out.write(json);
    return deliver(out, k_exit_valid);
  }
  if (!sdsprofile::cli::write_output_file(args.output, json, error)) {
    fmt::print(stderr, "sdsprofile: {}\n", error);
    return k_exit_usage_or_io;
  }
  return k_exit_valid;
}

struct config_args {
  policy_args policy;
  std::string path = ".";
};

// `sdsprofile config [PATH]`: the policy that check would apply to PATH, and the file it comes
// from; one line per code, in catalogue order.
int run_config(const config_args& args) {
  sdsprofile::cli::sink& out = sdsprofile::cli::standard_output();
  if (standard_output_unusable(out)) return k_exit_usage_or_io;
  std::optional<sdsprofile::cli::policy_resolver> resolver = args.policy.resolver();
  if (!resolver) return k_exit_usage_or_io;
  std::string error;
  const sdsprofile::cli::resolved_policy* found = resolver->for_input(args.path, error);
  if (found == nullptr) {
    fmt::print(stderr, "sdsprofile: {}\n", error);
    return k_exit_usage_or_io;
  }
  std::string text = "config: ";
  if (found->file.empty())
    text += args.policy.no_config ? "none (--no-config)\n" : "none (no sdsprofile.toml in or above the directory)\n";
  else
    text += sdsprofile::cli::text_escaped(found->file) + '\n';
  for (const sdsprofile::code_info& info : sdsprofile::all_codes()) {
    const sdsprofile::code_action action = found->rules.action(info.id);
    const std::string_view catalogue = sdsprofile::to_string(info.default_severity);
    std::string_view shown = catalogue;
    if (action == sdsprofile::code_action::ignore) shown = "ignored";
    if (action == sdsprofile::code_action::warning) shown = "warning";
    if (action == sdsprofile::code_action::error) shown = "error";
    text += fmt::format("{} {}", info.name, shown);
    if (shown != catalogue) text += fmt::format(" (catalogue: {})", catalogue);
    text += '\n';
  }
  out.write(text);
  return deliver(out, k_exit_valid);
}

}  // namespace

int main(int argc, char** argv) {
  sdsprofile::cli::guard_standard_descriptors();
  // Blocks of 1 MiB and more are mapped and unmapped on their own, so that the memory of a large
  // document goes back to the system when it is freed: without a fixed threshold, glibc raises it
  // after each such free (up to 32 MiB) and keeps the freed memory in its arenas. Memory estimates
  // for --memory-budget rely on it (docs/cli.md "Batches and NDJSON").
  ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
  CLI::App app{
      "sdsprofile: check Microsoft Graph educationSynchronizationProfile bodies offline.\n"
      "Exit status: 0 every input valid, 1 an input is invalid, 2 usage or I/O error.",
      "sdsprofile"};
  app.set_version_flag("--version", sdsprofile::cli::version_text());
  app.require_subcommand(1);
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    // The help to point at: the subcommand's when one was given.
    std::string command = "sdsprofile";
    if (failed->get_parent() != nullptr)
      command += " " + failed->get_name();
    else if (const auto given = failed->get_subcommands(); !given.empty())
      command += " " + given.front()->get_name();
    // CLI11 quotes the command line: escaped into one line.
    return fmt::format("sdsprofile: {}\nRun '{} --help' for the usage.\n", sdsprofile::cli::text_escaped(e.what()),
                       command);
  });

  check_args args;
  CLI::App* check = app.add_subcommand("check", "Check bodies against the rule catalogue (docs/rules.md).");
  check->add_option("--mode", args.mode, "create (POST body), update (PUT/PATCH body) or resource (stored profile)")
      ->check(CLI::IsMember({"create", "update", "resource"}))
      ->default_str("create");
  check
      ->add_option("--format", args.format,
                   "text (FILE:LINE:COLUMN: severity: message [code]), json (JSON Lines), sarif (SARIF 2.1.0 log) "
                   "or github (GitHub Actions annotations)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->default_str("text");
  check->add_flag("--strict", args.strict, "Warnings also make an input invalid");
  check->add_option("--now", args.now, "Clock for the date rules, RFC 3339 (default: the system clock)");
  check->add_option("--max-diagnostics", args.max_diagnostics, "Diagnostics kept per input (default 1000)")
      ->transform(decimal(1, 1000000));
  check->add_option("--max-depth", args.max_depth, "Deepest nesting accepted (default 64, at most 1024)")
      ->transform(decimal(1, 1024));
  check->add_option("--max-bytes", args.max_bytes, "Largest input accepted, in bytes (default 4194304, i.e. 4M)")
      ->transform(byte_size(1, k_max_size_option));
  check
      ->add_option("--max-report-bytes", args.max_report_bytes,
                   "Text a report holds per input (paths, messages, hints), in bytes (default 8388608, i.e. 8M)")
      ->transform(byte_size(1, k_max_size_option));
  check->add_flag(
      "--ndjson", args.ndjson,
      "Every line of an input is one document (lines and columns stay those of the file; empty lines are skipped)");
  check
      ->add_option("-j,--jobs", args.jobs,
                   "Documents checked in parallel (default: the number of cores); output order is the input order")
      ->transform(decimal(1, 1024));
  check
      ->add_option("--memory-budget", args.memory_budget,
                   "Estimated memory for the documents in flight, in bytes (default 536870912, i.e. 512M): a document "
                   "waits while it would pass it, unless it is alone")
      ->transform(byte_size(1, k_max_size_option));
  check->add_flag(
      "--summary", args.summary,
      "json: end with a {\"summary\":{...}} record (other formats print it on standard error after a batch)");
  check
      ->add_option("--include", args.include,
                   "In directories, check only the files this glob names (a name, or a path below the directory "
                   "when it holds '/'; * ? [...] **)")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  check
      ->add_option("--exclude", args.exclude,
                   "In directories, skip the files and directories this glob names (as --include)")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  add_policy_options(*check, args.policy);
  const auto file_name = CLI::Validator(
      [](const std::string& name) { return name.empty() ? std::string("a file name cannot be empty") : ""; }, "");
  check
      ->add_option("--baseline", args.baseline,
                   "Report only the findings this baseline file does not hold (the exit status counts only those)")
      ->type_name("FILE")
      ->check(file_name);
  check
      ->add_option("--write-baseline", args.write_baseline,
                   "Record every finding in this baseline file (atomically); without --baseline, report none of them")
      ->type_name("FILE")
      ->check(file_name);
  check->add_option("FILE", args.files, "Inputs: files, directories (walked for *.json), '-' or none: standard input");

  fix_args fargs;
  CLI::App* fix = app.add_subcommand(
      "fix",
      "Apply the fixes of the findings (docs/rules.md \"Fixes\") to the files, rewriting them in place; repeated "
      "until nothing changes.");
  fix->add_option("--mode", fargs.mode, "create (POST body), update (PUT/PATCH body) or resource (stored profile)")
      ->check(CLI::IsMember({"create", "update", "resource"}))
      ->default_str("create");
  fix->add_flag("--diff", fargs.diff, "Print a unified diff of what would change; change nothing");
  fix->add_flag("--check", fargs.test, "Change nothing; exit status 1 when something would change");
  fix->add_flag("--strict", fargs.strict, "Warnings left after fixing also make the exit status 1");
  fix->add_option("--now", fargs.now, "Clock for the date rules, RFC 3339 (default: the system clock)");
  fix->add_option("--max-diagnostics", fargs.max_diagnostics, "Diagnostics kept per input (default 1000)")
      ->transform(decimal(1, 1000000));
  fix->add_option("--max-depth", fargs.max_depth, "Deepest nesting accepted (default 64, at most 1024)")
      ->transform(decimal(1, 1024));
  fix->add_option("--max-bytes", fargs.max_bytes, "Largest input accepted, in bytes (default 4194304, i.e. 4M)")
      ->transform(byte_size(1, k_max_size_option));
  fix->add_option("--max-report-bytes", fargs.max_report_bytes,
                  "Text a report holds per input (paths, messages, hints, fixes), in bytes (default 8388608, i.e. 8M)")
      ->transform(byte_size(1, k_max_size_option));
  add_policy_options(*fix, fargs.policy);
  fix->add_option("FILE", fargs.files, "Files to fix; '-': standard input, the fixed text written to standard output")
      ->required();

  expand_args eargs;
  CLI::App* expand = app.add_subcommand(
      "expand", "Print the profile the service would store for a valid create body (docs/rules.md \"Expansion\").");
  expand
      ->add_option(
          "--mode", eargs.mode,
          "create (a POST body) or resource (a stored profile, e.g. an earlier expansion: its id and state are kept)")
      ->check(CLI::IsMember({"create", "resource"}))
      ->default_str("create");
  expand->add_option("--id", eargs.id,
                     "id of the stored profile (default: a new random UUID v4; in resource mode the input's id)");
  expand->add_flag("--compact", eargs.compact, "No white space (default: 4-space indentation)");
  expand->add_option("--now", eargs.now, "Clock for the date rules, RFC 3339 (default: the system clock)");
  expand
      ->add_option("--max-report-bytes", eargs.max_report_bytes,
                   "Text the check's report holds (paths, messages, hints), in bytes (default 8388608, i.e. 8M)")
      ->transform(byte_size(1, k_max_size_option));
  expand
      ->add_option("-o,--output", eargs.output,
                   "Write to this file instead of standard output ('-'): a regular file is replaced atomically, "
                   "anything else (a device, a FIFO, /dev/stdout) written in place")
      ->check(CLI::Validator(
          [](const std::string& name) { return name.empty() ? std::string("a file name cannot be empty") : ""; },
          "FILE"));
  add_policy_options(*expand, eargs.policy);
  expand->add_option("FILE", eargs.file, "Input; '-' or none: standard input");

  config_args cargs;
  CLI::App* config = app.add_subcommand(
      "config", "Print the policy check applies to PATH (default: the working directory) and the file it comes from.");
  add_policy_options(*config, cargs.policy);
  config->add_option("PATH", cargs.path, "A file or directory; '-': standard input (the working directory)");

  std::string explained;
  CLI::App* explain = app.add_subcommand(
      "explain", "Explain a code: its severity, what triggers it, why it matters, an example, its fix, its source.");
  explain->add_option("CODE", explained, "A code, e.g. role-without-domain ('sdsprofile codes' lists them)")
      ->required();
  std::string codes_format = "text";
  CLI::App* codes = app.add_subcommand("codes", "List every code in catalogue order.");
  codes
      ->add_option("--format", codes_format,
                   "text (CODE SEVERITY SUMMARY), json (JSON Lines, every field of explain) or markdown "
                   "(docs/codes.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->default_str("text");
  csv_args csvargs;
  CLI::App* check_csv = app.add_subcommand(
      "check-csv",
      "Check a CSV profile's upload folder (its six files), alone or against the profile (docs/csv-rules.md).");
  check_csv->add_option("--profile", csvargs.profile,
                        "The profile the folder is uploaded to (a JSON body; '-': standard input): checked first, "
                        "then the folder against it");
  check_csv->add_option("--mode", csvargs.mode, "How the profile is checked: create (a POST body) or resource (stored)")
      ->check(CLI::IsMember({"create", "resource"}))
      ->default_str("create");
  check_csv
      ->add_option("--format", csvargs.format,
                   "text (FILE:LINE:COLUMN: severity: message [code]), json (JSON Lines), sarif (SARIF 2.1.0 log) "
                   "or github (GitHub Actions annotations)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->default_str("text");
  check_csv->add_flag("--strict", csvargs.strict, "Warnings also make the folder invalid");
  check_csv->add_option("--now", csvargs.now,
                        "Clock for the profile's date rules, RFC 3339 (default: the system clock)");
  check_csv
      ->add_option("--max-diagnostics", csvargs.max_diagnostics,
                   "Diagnostics kept per file, and for the profile and the folder (default 1000)")
      ->transform(decimal(1, 1000000));
  check_csv
      ->add_option("-j,--jobs", csvargs.jobs,
                   "Files checked in parallel where the references allow (default: the number of cores); the "
                   "output is the same for every value")
      ->transform(decimal(1, 1024));
  add_policy_options(*check_csv, csvargs.policy);
  check_csv->add_option("DIR", csvargs.directory, "The upload folder")->required();

  app.add_subcommand("schema",
                     "Print the JSON Schema (draft 2020-12) of a create body, for editors and other validators.");

  // A first argument that is neither an option nor a command: a misspelt command, told as such
  // (CLI11 would only say that the arguments were not expected).
  if (argc > 1 && argv[1][0] != '-' &&
      std::find(k_commands.begin(), k_commands.end(), std::string_view(argv[1])) == k_commands.end()) {
    const std::string_view typed = argv[1];
    const std::string_view suggestion = sdsprofile::cli::nearest(typed, k_commands);
    fmt::print(stderr, "sdsprofile: unknown command '{}'{}\nRun 'sdsprofile --help' for the usage.\n",
               sdsprofile::cli::text_escaped(typed),
               suggestion.empty() ? std::string() : fmt::format(", did you mean '{}'?", suggestion));
    return k_exit_usage_or_io;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help, --version and usage errors: CLI11 writes them to these streams, checked here like
    // every other output.
    std::ostringstream help, error;
    const int code = app.exit(e, help, error);
    const std::string error_text = error.str();  // failure_message's, escaped there
    std::fwrite(error_text.data(), 1, error_text.size(), stderr);
    sdsprofile::cli::sink& out = sdsprofile::cli::standard_output();
    const std::string help_text = help.str();
    if (!help_text.empty()) {
      if (standard_output_unusable(out)) return k_exit_usage_or_io;
      out.write(help_text);
    }
    return deliver(out, code == 0 ? k_exit_valid : k_exit_usage_or_io);
  }
  if (app.got_subcommand("schema")) {
    sdsprofile::cli::sink& out = sdsprofile::cli::standard_output();
    if (standard_output_unusable(out)) return k_exit_usage_or_io;
    out.write(sdsprofile::cli::json_schema());
    return deliver(out, k_exit_valid);
  }
  try {
    if (config->parsed()) return run_config(cargs);
    if (explain->parsed() || codes->parsed()) {
      sdsprofile::cli::sink& out = sdsprofile::cli::standard_output();
      if (standard_output_unusable(out)) return k_exit_usage_or_io;
      std::string text, error;
      if (codes->parsed()) {
        sdsprofile::cli::list_codes(codes_format == "json"       ? sdsprofile::cli::codes_format::json
                                    : codes_format == "markdown" ? sdsprofile::cli::codes_format::markdown
                                                                 : sdsprofile::cli::codes_format::text,
                                    text);
      } else if (!sdsprofile::cli::explain_code(explained, text, error)) {
        fmt::print(stderr, "sdsprofile: {}\n", error);
        return k_exit_usage_or_io;
      }
      out.write(text);
      return deliver(out, k_exit_valid);
    }
    if (check_csv->parsed()) return run_csv(csvargs, *check_csv);
    if (fix->parsed()) return run_fix(fargs);
    return expand->parsed() ? run_expand(eargs) : run_check(args);
  } catch (const std::bad_alloc&) {
    // Said plainly, with the I/O exit status.
    sdsprofile::cli::standard_output().flush();
    fmt::print(stderr, "sdsprofile: out of memory\n");
    return k_exit_usage_or_io;
  }
}
