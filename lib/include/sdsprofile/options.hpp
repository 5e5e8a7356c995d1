// Options of a check. Defaults and their sources: docs/rules.md "Limits and safety".
#pragma once

#include "sdsprofile/cplusplus.hpp"
#if SDSPROFILE_CPLUSPLUS >= 202002L  // otherwise only cplusplus.hpp's #error

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "sdsprofile/export.h"

namespace sdsprofile {

/// What kind of body is checked (docs/rules.md "Vocabulary", modes).
enum class mode : std::uint8_t {
  create,    ///< POST body: required properties enforced; read-only ones warned about.
  update,    ///< PUT/PATCH body: nothing required; every other rule applies to what is present.
  resource,  ///< a stored profile (e.g. an expansion): read-only properties and annotations
             ///< allowed, `id` and `state` required, `state` checked against its enum.
};

/// "create", "update" or "resource".
SDSPROFILE_EXPORT std::string_view to_string(mode m) noexcept;
/// Inverse of to_string(mode); nullopt for any other text (matching is exact).
SDSPROFILE_EXPORT std::optional<mode> mode_from_string(std::string_view text) noexcept;

/// Resource limits. Exceeding max_bytes or max_depth is a document-level diagnostic
/// (json-too-large, json-too-deep) reported alone.
struct limits {
  /// Largest accepted input in bytes, BOM included. Default 4 MiB, Graph's request-body ceiling.
  std::size_t max_bytes = std::size_t{4} * 1024 * 1024;
  /// Deepest accepted nesting of objects and arrays; the root container counts as 1.
  /// Default 64; values are clamped to [1, 1024].
  std::uint32_t max_depth = 64;
  /// Diagnostics kept, in document order; past it one too-many-diagnostics warning is added.
  /// Default 1000; 0 means the default.
  std::uint32_t max_diagnostics = 1000;
  /// Bytes of text a report holds (the paths, messages and hints of its diagnostics, summed).
  /// A diagnostic that would take the report past it is dropped with every later one, and one
  /// too-many-diagnostics warning names this limit. Default 8 MiB; 0 means the default.
  /// docs/rules.md "Limits and safety".
  std::size_t max_report_bytes = std::size_t{8} * 1024 * 1024;
};

/// A point in time, UTC, in whole seconds (the clock for the date rules).
using timestamp = std::chrono::sys_seconds;

/// Parse an RFC 3339 date-time with offset ("2026-01-15T00:00:00Z", "2026-01-15T01:00:00+01:00";
/// fractional seconds allowed and truncated). nullopt when `text` is not one.
SDSPROFILE_EXPORT std::optional<timestamp> parse_rfc3339(std::string_view text) noexcept;

/// Options of checker::check.
struct options {
  mode check_mode = mode::create;  ///< which rules apply (create by default).
  bool strict = false;             ///< warnings also make the document invalid (`--strict`).
  std::optional<timestamp> now;    ///< clock for date-in-past / expiration-too-far;
                                   ///< nullopt = the system clock at the call.
  struct limits limits;            ///< size, depth and diagnostic-count limits.
};

}  // namespace sdsprofile

#endif  // SDSPROFILE_CPLUSPLUS >= 202002L
