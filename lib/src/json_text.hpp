// Slow-path tools over the raw JSON text, used only when something must be explained or placed: a
// strict RFC 8259 scanner that finds the first failure and its position (the only hand-written
// scanner), the unrepresentable number simdjson refused, and the line index that turns byte
// offsets into lines and columns. simdjson decides validity on the fast path; nothing here runs
// for a clean document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/findings.hpp"

namespace sdsprofile::detail {

/// The hint of a json-syntax or json-encoding failure of a text that is UTF-16 or UTF-32 rather
/// than UTF-8 (docs/rules.md json-encoding): the byte order mark of one of them, or without one
/// the pattern of NUL bytes in the first four bytes that RFC 4627 section 3 uses to tell them
/// apart (xx 00 xx 00 is UTF-16LE, 00 xx 00 xx UTF-16BE, xx 00 00 00 UTF-32LE, 00 00 00 xx
/// UTF-32BE; two bytes: xx 00 or 00 xx). Static text; empty when the text looks like neither.
std::string_view wide_encoding_hint(std::string_view text) noexcept;

/// Kind of document-level failure found by find_first_failure.
enum class text_failure : std::uint8_t {
  none,      ///< the text is one RFC 8259 JSON value (surrounded by optional white space)
  syntax,    ///< grammar error: trailing comma, comment, single quote, bad literal, control
             ///< character in a string, bad escape, truncated text, trailing garbage, ...
  encoding,  ///< invalid UTF-8 (overlong, surrogate code point, > U+10FFFF, truncated or
             ///< stray continuation byte) or a lone surrogate escape (\ud83c not followed by a
             ///< \uDC00-\uDFFF escape, or a lone low surrogate escape)
  too_deep,  ///< more than max_depth nested arrays/objects (the root container is depth 1)
};

/// The first failure in document order, with its position.
struct text_scan_result {
  text_failure failure = text_failure::none;
  std::size_t offset = 0;  ///< 0-based byte offset of the first offending byte (for too_deep:
                           ///< the '[' or '{' that opens level max_depth + 1; for truncated
                           ///< text: text.size())
  engine::scan_failure what = engine::scan_failure::none;  ///< which failure (engine::words_of words it)
};

/// Scan `text` strictly per RFC 8259 (no BOM handling: the caller strips it) and report the
/// first failure in document order. Encoding is checked byte by byte as the scan reaches it, so
/// whichever of syntax/encoding/depth comes first in the text wins. Never reads outside `text`;
/// iterative (no recursion), so any nesting is safe. Numbers are checked against the grammar
/// only (range is not a failure here).
text_scan_result find_first_failure(std::string_view text, std::uint32_t max_depth) noexcept;

/// Offset of the first number (outside strings) that is grammatical but cannot be represented:
/// an integer beyond the 64-bit range, or a number whose magnitude overflows a double. `text`
/// must be valid JSON grammar. text.size() when there is none.
std::size_t find_unrepresentable_number(std::string_view text) noexcept;

/// 1-based line and column (in bytes) of a byte offset.
struct line_column {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

/// Line starts of a text, built once per report (only when there are diagnostics), then queried
/// in O(log lines). Lines end at '\n'; a "\r\n" pair counts as one line break and a lone '\r'
/// also ends a line. Keeps its storage between builds (no allocation in steady state).
class line_index {
 public:
  /// Index `text` (offsets passed to at() are relative to text.data()).
  void build(std::string_view text);
  /// Position of `offset` (0 <= offset <= text.size(); larger offsets are clamped).
  [[nodiscard]] line_column at(std::size_t offset) const noexcept;
  /// The storage, for release_outsized() (lib/src/retained.hpp).
  std::vector<std::size_t>& storage() noexcept { return starts_; }

 private:
  std::vector<std::size_t> starts_;  // offset of the first byte of each line; starts_[0] == 0
  std::size_t size_ = 0;
};

}  // namespace sdsprofile::detail
