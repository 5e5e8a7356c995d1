// The checker: parses a body with simdjson and applies the rule catalogue (docs/rules.md).
#pragma once

#include "sdsprofile/cplusplus.hpp"
#if SDSPROFILE_CPLUSPLUS >= 202002L  // otherwise only cplusplus.hpp's #error

#include <memory>
#include <string>
#include <string_view>

#include "sdsprofile/export.h"
#include "sdsprofile/options.hpp"
#include "sdsprofile/report.hpp"

namespace sdsprofile {

/// Options of checker::expand (docs/rules.md "Expansion").
struct expand_options {
  /// Check options. check_mode is create (the default: a POST body) or resource (a stored
  /// profile, e.g. an earlier expansion); update is treated as create.
  options check;
  /// The profile's id as written (a GUID). Empty: in resource mode the input's id, otherwise a
  /// new random UUID v4 in lower case.
  std::string id;
  /// true: 4-space indentation, one member per line, as the seed's response is printed; false:
  /// compact (no white space).
  bool pretty = true;
};

/// Result of checker::expand. Both members refer to storage owned by the checker and stay valid
/// until its next call.
struct expansion {
  const report& diagnostics;  ///< the check of the input
  std::string_view json;      ///< the stored profile (UTF-8 JSON, ends with '\n' when pretty);
                              ///< empty when the input is not valid (diagnostics say why)
  /// Whether the input was valid and `json` holds its expansion.
  [[nodiscard]] bool expanded() const noexcept { return !json.empty(); }
};

/// Reusable checker. Owns the simdjson parser, a padded input buffer and the report it returns,
/// so that checking many documents in a row allocates nothing once the buffers have grown.
/// Not thread-safe: use one checker per thread (the model tables it reads are immutable and
/// shared). Movable, not copyable.
class SDSPROFILE_EXPORT checker {
 public:
  checker();
  ~checker();
  checker(checker&&) noexcept;
  checker& operator=(checker&&) noexcept;
  checker(const checker&) = delete;
  checker& operator=(const checker&) = delete;

  /// Check `input` (the raw bytes of one JSON document, UTF-8, optionally with a BOM) against the
  /// rule catalogue for `opts.check_mode`. The input is only read, never modified, and need not
  /// be padded or NUL-terminated. Returns a report owned by this checker, valid until the next
  /// call on it (copy it to keep it). Never throws: running out of memory is reported as
  /// json-too-large.
  const report& check(std::string_view input, const options& opts = {}) noexcept;

  /// Check `input` (create mode, or resource mode when asked) and, when it is valid, write the
  /// profile the service would store (docs/rules.md "Expansion"): stored key order, canonical
  /// `@odata.type` values, read-only input and annotations dropped, defaults filled in from
  /// schemas/expansion.json, strings copied byte for byte as sent. One pass over the input into
  /// one buffer owned by this checker. Never throws (out of memory: not expanded, json-too-large).
  expansion expand(std::string_view input, const expand_options& opts = {}) noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace sdsprofile

#endif  // SDSPROFILE_CPLUSPLUS >= 202002L
