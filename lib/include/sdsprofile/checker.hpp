// The checker: parses a body with simdjson and applies the rule catalogue (RULES.md).
#pragma once

#include <memory>
#include <string_view>

#include "sdsprofile/options.hpp"
#include "sdsprofile/report.hpp"

namespace sdsprofile {

/// Reusable checker. Owns the simdjson parser, a padded input buffer and the report it returns,
/// so that checking many documents in a row allocates nothing once the buffers have grown.
/// Not thread-safe: use one checker per thread (the model tables it reads are immutable and
/// shared). Movable, not copyable.
class checker {
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

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace sdsprofile
