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

/// One byte edit of a fix (docs/rules.md "Fixes"): the `length` bytes at `offset` of the input as
/// given (a BOM included) are replaced by `replacement`. The edits of one fix are in offset order and
/// never overlap.
struct edit {
  std::size_t offset = 0;        ///< 0-based byte offset into the input as given
  std::size_t length = 0;        ///< bytes replaced (0: an insertion)
  std::string_view replacement;  ///< the JSON text written in their place; empty for a deletion
};

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
  /// The mechanical fix of this finding (docs/rules.md "Fixes"), empty when there is none or it is
  /// held back (the hint then says why). Views into the owning report, as `path`.
  std::span<const edit> fix;
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
  friend class policy;  // policy::apply filters a copy
  // Re-points views after text_ and edits_ were copied or moved.
  void rebase(const char* old_text, const edit* old_edits) noexcept;

  std::vector<diagnostic> items_;
  std::vector<edit> edits_;  // the fixes of items_, back to back
  std::string text_;         // paths, messages, hints and replacements of items_, back to back
  std::size_t dropped_errors_ = 0;
  bool strict_ = false;
};

/// Writes into `out` (replaced) `input` with the fixes of `diagnostics` applied, every other byte
/// as it was; `input` must be the text they were found in. A fix whose edits overlap those of a
/// fix applied before it (in the order of their first edits' offsets) is left out whole; a
/// re-check finds what it was for. Returns the number of fixes applied.
SDSPROFILE_EXPORT std::size_t apply_fixes(std::string_view input, std::span<const diagnostic> diagnostics,
                                          std::string& out);

}  // namespace sdsprofile

#endif  // SDSPROFILE_CPLUSPLUS >= 202002L
