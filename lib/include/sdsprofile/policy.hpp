// Per-code policy: which codes are reported and with which severity (docs/cli.md "Policy").
// Applied to a report after the check, so the catalogue (docs/rules.md) stays what it is and a
// project chooses what it enforces.
#pragma once

#include "sdsprofile/cplusplus.hpp"
#if SDSPROFILE_CPLUSPLUS >= 202002L  // otherwise only cplusplus.hpp's #error

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sdsprofile/codes.hpp"
#include "sdsprofile/export.h"
#include "sdsprofile/report.hpp"

namespace sdsprofile {

/// The four lists of a policy layer.
enum class policy_list : std::uint8_t {
  select,  ///< the codes reported; a layer with a select list ignores the codes it does not name
  ignore,  ///< codes not reported
  warn,    ///< codes reported as warnings
  error,   ///< codes reported as errors
};

/// "select", "ignore", "warn" or "error".
SDSPROFILE_EXPORT std::string_view to_string(policy_list l) noexcept;

/// Whether `c` is a document-level code: json-syntax, json-encoding, json-too-deep or
/// json-too-large, each reported alone (docs/rules.md "Vocabulary"). No policy can ignore one or
/// make it a warning, and a select list that leaves one out does not ignore it.
SDSPROFILE_EXPORT bool is_document_level(code c) noexcept;

/// The codes a selector names, in catalogue order: the code of that name ("date-in-past"), or for
/// a prefix of whole words ending in '-' ("odata-type-", "json-") every code whose name starts
/// with it. Matched against all_codes(), so codes added later take part. Empty when it names none.
SDSPROFILE_EXPORT std::vector<code> codes_named_by(std::string_view selector);

/// Why `selector` cannot stand in `list`; empty when it can. The reasons: it names no code ("unknown
/// code 'date-in-pastt', did you mean 'date-in-past'?", with the nearest code or prefix when one
/// is at most two edits and a third of the longer name away), or, in ignore and warn, it names a
/// document-level code by its name, or a prefix that names nothing else.
SDSPROFILE_EXPORT std::string selector_problem(policy_list list, std::string_view selector);

/// The selectors of one policy layer: a project file's, or a command line's.
struct policy_layer {
  std::vector<std::string> select;  ///< see policy_list
  std::vector<std::string> ignore;  ///< see policy_list
  std::vector<std::string> warn;    ///< see policy_list
  std::vector<std::string> error;   ///< see policy_list
};

/// What a policy does with one code.
enum class code_action : std::uint8_t {
  keep,     ///< reported as the catalogue says (empty-collection keeps both its severities)
  ignore,   ///< not reported
  warning,  ///< reported as a warning
  error,    ///< reported as an error
};

/// "keep", "ignore", "warning" or "error".
SDSPROFILE_EXPORT std::string_view to_string(code_action a) noexcept;

/// Per-code policy built from layers, each over the ones before it (a project file, then the
/// command line). In one layer, of the selectors that name a code the most specific wins (a
/// code's name over a prefix, a longer prefix over a shorter one); on a tie ignore wins over
/// select and error over warn. A code that a layer's selectors do not name keeps what the layers
/// before gave it, except that a layer with a select list ignores it. Document-level codes are
/// always errors. The default policy keeps every code.
class SDSPROFILE_EXPORT policy {
 public:
  policy() noexcept;

  /// Adds `layer` over the layers before it. Returns the first problem of its selectors, as
  /// "LIST: " and selector_problem's reason, and then leaves the policy unchanged; empty when the
  /// layer was added.
  std::string add(const policy_layer& layer);

  /// What the policy does with `c`.
  [[nodiscard]] code_action action(code c) const noexcept;

  /// Whether every code is kept (the policy changes no report).
  [[nodiscard]] bool is_default() const noexcept;

  /// `in` with the policy applied, written to `out` (its buffers are reused): diagnostics of
  /// ignored codes are left out and the others get the severity the policy gives them, in the
  /// same order. `out.valid()` then follows the policy, and `in`'s strictness still applies to the
  /// warnings that stay. Errors that a limit cut from `in` (report::dropped_error_count) still
  /// make `out` invalid, since their codes are not known. `in` and `out` may not be the same.
  void apply(const report& in, report& out) const;

 private:
  std::array<code_action, code_count> actions_;
};

}  // namespace sdsprofile

#endif  // SDSPROFILE_CPLUSPLUS >= 202002L
