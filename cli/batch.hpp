// Batch checking for the CLI: inputs (files, directories walked for *.json, standard input),
// NDJSON documents, a pool of checkers, output in input order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sdsprofile/options.hpp"
#include "sdsprofile/policy.hpp"

namespace sdsprofile::cli {

class sink;
class baseline;
class baseline_recorder;

/// Output format of `sdsprofile check --format`.
enum class output_format { text, json, github, sarif };

/// How a batch is checked and reported.
struct batch_options {
  options check;  ///< per-document check options
  output_format format = output_format::text;
  bool ndjson = false;    ///< every line of an input is one document (empty lines skipped)
  unsigned jobs = 1;      ///< checker threads; output is the same for every value
  bool summary = false;   ///< json: a final {"summary":{...}} record
  bool progress = false;  ///< a progress line on standard error for large batches (the caller
                          ///< sets it when standard error is a terminal)
  /// Globs of directory walks (docs/cli.md "Batches and NDJSON"): entries --exclude names are
  /// skipped (directories not entered); when --include globs are given, only files they name are
  /// checked. Neither applies to a file named on the command line.
  std::vector<std::string> include, exclude;
  /// The policy of an input (null: the catalogue as it is). On failure it sets `error` (a message
  /// for standard error) and the batch checks nothing. Empty: no policy.
  std::function<const policy*(const std::string& input, std::string& error)> policy_for;
  /// The baseline the findings are compared with (docs/cli.md "Baselines"); null: none. Only new
  /// findings are rendered (SARIF: all, with their baselineState) and count in the totals.
  const baseline* compare = nullptr;
  /// Where the findings (after the policy) are recorded for --write-baseline; null: nowhere. Used
  /// by the writing thread only.
  baseline_recorder* recorder = nullptr;
  /// Memory for the units in flight (checked or waiting to be written), estimated from their size:
  /// a unit does not start while it would take the estimate past this, unless it is alone.
  std::uint64_t memory_budget = std::uint64_t{512} << 20;
};

/// What a batch found.
struct batch_totals {
  std::uint64_t documents = 0, valid = 0, invalid = 0, errors = 0, warnings = 0;
  std::uint64_t suppressed = 0;  ///< findings the baseline holds (not in the other counts)
  std::uint64_t unmatched = 0;   ///< baseline entries of the documents checked that matched nothing
  bool io_error = false;         ///< an input could not be read (named on standard error)
};

/// The file (or standard input for "-") as bytes, at most `limit` of them (pass max_bytes + 1 so
/// that an oversized input is still reported as json-too-large without being read whole);
/// nullopt with `error` set when it cannot be read. Read with stdio, so that a failing read
/// (EISDIR, EIO) is told apart from an empty file.
std::optional<std::string> read_input(const std::string& name, std::string& error, std::size_t limit);

/// Checks every document of `inputs` (files; directories, walked recursively for *.json in path
/// order; "-" for standard input) and writes the reports to `out` in input order, the same for
/// every `jobs`, each under its policy. A write error on `out` is kept in it (the caller reports
/// it). Unreadable inputs are named on `err` (and with json, in a record {"file","error"} on `out`)
/// and the others still checked. After a batch of more than one document, a summary line goes to
/// `err` (text, github, sarif). A policy that cannot be had stops the batch before anything is
/// checked (io_error).
batch_totals run_batch(const std::vector<std::string>& inputs, const batch_options& opts, sink& out, std::FILE* err);

}  // namespace sdsprofile::cli
