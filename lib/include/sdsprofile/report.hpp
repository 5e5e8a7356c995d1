// The result of a check: diagnostics with positions, messages and hints.
#pragma once

#include "sdsprofile/cplusplus.hpp"
#if SDSPROFILE_CPLUSPLUS >= 202002L  // otherwise only cplusplus.hpp's #error

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sdsprofile/codes.hpp"
#include "sdsprofile/export.h"

namespace sdsprofile {

/// One finding (docs/rules.md "Vocabulary"). String views point into the owning report and stay valid
/// while that report is neither destroyed nor reused for another check.
struct diagnostic {
  enum severity severity = severity::error;  ///< error or warning
  enum code code = code::json_syntax;        ///< stable code (to_string gives its name)
  std::string_view path;                     ///< RFC 6901 JSON Pointer into the input; "" = the whole document
  std::uint32_t line = 1;                    ///< 1-based line of the first byte of the offending key or value
  std::uint32_t column = 1;                  ///< 1-based column, counted in bytes of UTF-8
  std::size_t offset = 0;                    ///< 0-based byte offset into the input as given (BOM included)
  std::string_view message;                  ///< one sentence; names the expected EDM type or allowed values
  std::string_view hint;                     ///< did-you-mean or the fix; empty when there is none
  /// CSV checks (csv_checker): the header the finding is about, as written in the file, or the
  /// missing column's name (docs/csv-rules.md "Vocabulary"); empty for profile checks and for
  /// findings about a whole record or file.
  std::string_view field;
  /// false when the finding has no place in its input (a missing file or column, a role's file as
  /// a whole): line and column are then 1, the offset 0, and SARIF names the artifact without a
  /// region. Always true for profile checks.
  bool located = true;
};

/// Diagnostics of one document, in document order (docs/rules.md: "every diagnostic ... in one pass").
/// Copyable and movable; copies own their text.
class SDSPROFILE_EXPORT report {
 public:
  report() = default;
  report(const report& other);
  report(report&& other) noexcept;
  report& operator=(const report& other);
  report& operator=(report&& other) noexcept;
  ~report() = default;

  /// True when the document has no diagnostic of severity error (with `strict`: none at all),
  /// counting those cut by limits::max_diagnostics too.
  [[nodiscard]] bool valid() const noexcept;
  /// Errors found beyond limits::max_diagnostics (not in diagnostics(); they still make the
  /// document invalid).
  [[nodiscard]] std::size_t dropped_error_count() const noexcept { return dropped_errors_; }
  /// The diagnostics in document order (at most limits::max_diagnostics, plus one
  /// too-many-diagnostics warning when that limit cut the list).
  [[nodiscard]] std::span<const diagnostic> diagnostics() const noexcept { return items_; }
  /// Number of diagnostics with severity error / warning.
  [[nodiscard]] std::size_t error_count() const noexcept;
  [[nodiscard]] std::size_t warning_count() const noexcept;
  /// Whether the check was strict (warnings count against validity).
  [[nodiscard]] bool strict() const noexcept { return strict_; }

 private:
  friend class report_builder;
  friend class policy;                         // policy::apply filters a copy
  void rebase(const char* old_text) noexcept;  // re-point views after text_ was copied/moved

  std::vector<diagnostic> items_;
  std::string text_;  // paths, messages and hints of items_, back to back
  std::size_t dropped_errors_ = 0;
  bool strict_ = false;
};

}  // namespace sdsprofile

#endif  // SDSPROFILE_CPLUSPLUS >= 202002L
