// The words of every finding: one sentence of message and, where one is known, a hint. All the
// text the checker writes is in engine/messages.cpp, the document-level failures' included; it
// runs only for the diagnostics a report keeps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/findings.hpp"
#include "engine/fixes.hpp"
#include "engine/model.hpp"

namespace sdsprofile::engine {

/// What the words depend on besides the finding.
struct word_context {
  const model& m;
  std::int64_t now_seconds = 0;       ///< the clock of the date rules (date-in-past names it)
  std::uint32_t max_diagnostics = 0;  ///< the limits in force (too-many-diagnostics names them)
  std::size_t max_report_bytes = 0;
};

/// Input quoted in a message or hint is cut past this many bytes, at a UTF-8 character boundary,
/// and ended with an ellipsis (docs/rules.md "Limits and safety"); paths are never cut.
inline constexpr std::size_t max_quoted_bytes = 200;

/// Writes the message and hint of `p` into `message` and `hint` (cleared first; their capacity is
/// reused, so steady-state wording allocates nothing).
void word(const payload& p, const word_context& ctx, std::string& message, std::string& hint);

/// too-many-diagnostics' message and hint (replacing theirs), for the profile's report and the
/// CSV folder's alike: which limit cut the list (docs/rules.md "Limits and safety").
void word_too_many_diagnostics(bool by_report_bytes, std::size_t max_diagnostics, std::size_t max_report_bytes,
                               std::string& message, std::string& hint);

/// Appends to `hint` why a finding's fix was held back (docs/rules.md "Fixes"); `name` is the name
/// the member would have had.
void word_held_back(held_back why, std::string_view name, std::string& hint);

/// A scan failure's message and hint (static text).
struct failure_words {
  std::string_view message;
  std::string_view hint;
};
/// The words of a document-level failure the scanner found.
[[nodiscard]] failure_words words_of(scan_failure f) noexcept;

}  // namespace sdsprofile::engine
