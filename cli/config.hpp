// The policy of each input: the command line's --select, --ignore, --warn and --error over the
// project file sdsprofile.toml found for the input (docs/cli.md "Policy").
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "sdsprofile/policy.hpp"

namespace sdsprofile::cli {

/// The name of the project file, looked for in an input's directory and the ones above it.
inline constexpr std::string_view k_config_name = "sdsprofile.toml";

/// A policy and the project file it came from.
struct resolved_policy {
  policy rules;      ///< the file's layer, then the command line's
  std::string file;  ///< the project file as found (absolute), or empty when there is none
};

/// Finds, reads and caches the policy of each input.
class policy_resolver {
 public:
  /// `command_line`: the layer of the options. `config_file`: --config FILE (every input gets that
  /// file). `no_config`: --no-config (no file at all).
  policy_resolver(policy_layer command_line, std::optional<std::string> config_file, bool no_config);

  /// Checks the command line's selectors; the first problem as "--LIST: REASON", or empty.
  [[nodiscard]] std::string command_line_problem() const;

  /// The policy of `input` (a file, a directory, or "-" for standard input, which is looked up
  /// from the working directory): from the nearest sdsprofile.toml in its directory or above,
  /// unless a file was given or none is wanted. Null with `error` set (a message for standard
  /// error, "FILE:LINE:COLUMN: ...") when the project file cannot be read or is not valid.
  const resolved_policy* for_input(const std::string& input, std::string& error);

 private:
  const resolved_policy* for_file(const std::string& file, std::string& error);

  policy_layer command_line_;
  std::optional<std::string> config_file_;
  bool no_config_;
  std::map<std::string, std::string> file_of_directory_;                    // directory -> project file or ""
  std::map<std::string, std::unique_ptr<resolved_policy>> policy_of_file_;  // project file ("": none) -> policy
};

}  // namespace sdsprofile::cli
