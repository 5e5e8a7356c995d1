// A diagnostic before it has a position and text: what the walker emits on the fast path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "json_text.hpp"
#include "model.hpp"
#include "sdsprofile/codes.hpp"

namespace sdsprofile::detail {

/// Compact finding. Positions are value ordinals (see json_text.hpp); the views point into the
/// simdjson DOM, the model tables or static text, all alive until the report is built.
struct record {
  code id = code::json_syntax;
  severity level = severity::error;
  enum anchor at = anchor::value;
  bool at_document_start = false;      ///< json-bom: offset 0, before the value
  std::uint8_t variant = 0;            ///< code-specific detail (problem kind, JSON type, ...)
  std::uint32_t ordinal = 0;           ///< value ordinal the diagnostic points at
  std::uint32_t seq = 0;               ///< emission order, to keep sorting stable
  std::string_view a, b;               ///< code-specific message arguments
  std::int32_t n = -1;                 ///< code-specific index or count
  const property_def* prop = nullptr;  ///< the property concerned, when there is one
};

/// Input quoted in a message or hint is cut past this many bytes and ended with an ellipsis
/// (docs/rules.md "Limits and safety"); paths are never cut.
inline constexpr std::size_t max_quoted_bytes = 200;

/// record::variant of too-many-diagnostics: which limit cut the report.
inline constexpr std::uint8_t too_many_diagnostic_count = 0;  ///< limits::max_diagnostics
inline constexpr std::uint8_t too_many_report_bytes = 1;      ///< limits::max_report_bytes

/// What the words of a record depend on besides the record.
struct record_text_context {
  const model& m;
  std::int64_t now_seconds = 0;       ///< the clock of the date rules
  std::uint32_t max_diagnostics = 0;  ///< the limits in force (too-many-diagnostics names them)
  std::size_t max_report_bytes = 0;
};
void format_record(const record& r, const record_text_context& ctx, std::string& message, std::string& hint);

}  // namespace sdsprofile::detail
