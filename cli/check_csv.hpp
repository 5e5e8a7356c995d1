// `sdsprofile check-csv`: one upload folder, alone or against a profile (docs/csv-rules.md
// "Vocabulary", the command line), through csv_checker, written in every output format.
#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "batch.hpp"
#include "sdsprofile/csv_checker.hpp"
#include "sdsprofile/policy.hpp"

namespace sdsprofile::cli {

class sink;

/// How one folder is checked and reported.
struct csv_command {
  csv_options check;                   ///< the check (mode, strict, clock, limits, jobs)
  std::optional<std::string> profile;  ///< --profile FILE ('-': standard input)
  std::string directory;               ///< DIR as given
  output_format format = output_format::text;
  bool progress = false;          ///< a progress line on standard error (the caller sets it for a terminal)
  const policy* rules = nullptr;  ///< the per-code policy applied to every part; null: the default
};

/// Checks the folder and writes the report to `out`: the profile's part, the folder's (when it
/// has findings), then each file's, in catalogue order, each part with the policy applied (which
/// then decides its validity). Inputs that cannot be read are named on
/// `err`. Returns the exit status: 0 valid, 1 invalid, 2 when an input could not be read (a write
/// error on `out` is kept in it for the caller).
int run_check_csv(const csv_command& command, sink& out, std::FILE* err);

}  // namespace sdsprofile::cli
