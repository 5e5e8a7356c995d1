// Output formats of the CLI. Each function appends to `out`; nothing here holds a rule.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sdsprofile/report.hpp"

namespace sdsprofile::cli {

/// Where a checked document sits in its input file.
struct document_source {
  std::string_view file;     ///< the input as named on the command line ("<stdin>" for '-')
  std::string_view text;     ///< the document's bytes (SARIF columns are counted in them)
  std::uint64_t line = 0;    ///< NDJSON: 1-based line of the document in the file; 0 for a whole file
  std::uint64_t offset = 0;  ///< byte offset of the document in the file
};

/// Where a diagnostic is in the file: 1-based line and column (bytes).
struct file_position {
  std::uint64_t line = 1, column = 1;
};

/// Which diagnostics of a report a baseline holds (docs/cli.md "Baselines"). Text, JSON Lines and
/// GitHub leave those out; SARIF keeps them, marked suppressed.
struct suppression {
  std::span<const std::uint8_t> suppressed;  ///< one per diagnostic: non-zero when the baseline holds it
  std::uint64_t count = 0;                   ///< how many are held
  bool valid = true;                         ///< whether the document is valid counting only the others

  [[nodiscard]] bool held(std::size_t i) const noexcept { return i < suppressed.size() && suppressed[i] != 0; }
};

/// The validity of `r` counting only the diagnostics `suppressed` leaves (one flag per diagnostic):
/// no error (with strictness, no diagnostic) among them, and no error cut by a limit.
bool valid_without(const report& r, std::span<const std::uint8_t> suppressed) noexcept;

/// The position of `d` in the file. A whole file: the diagnostic's own line and column. An
/// NDJSON document: its line in the file (lines end at LF only; a CR inside a line is white
/// space) and the byte column of the offset within that line.
file_position position_in_file(const document_source& src, const diagnostic& d) noexcept;

/// Compiler-style text, one diagnostic per line, the hint on the next line indented:
/// `FILE:LINE:COLUMN: error: MESSAGE [CODE]` (the convention editors and CI logs understand).
/// Lines and columns are those of the file; control characters are escaped. With `s`, the
/// diagnostics a baseline holds are left out.
void render_text(const document_source& src, const report& r, std::string& out, const suppression* s = nullptr);

/// One JSON Lines record: {"file","line"? (NDJSON only: the document's line),"valid",
/// "diagnostics":[{"severity","code","path","field"? (CSV findings about one column),"line",
/// "column","offset","message","hint"?,"fix"?:[{"offset","length","replacement"}]}]} and '\n'.
/// Lines and offsets are those of the file. With `s`, the diagnostics a baseline holds are left
/// out, "valid" counts the others, and "suppressed" (after "valid") says how many there were.
void render_json_line(const document_source& src, const report& r, std::string& out, const suppression* s = nullptr);

/// GitHub Actions workflow commands, one per diagnostic:
/// `::error file=F,line=L,col=C,title=CODE::MESSAGE` (or `::warning`), the hint after an escaped
/// newline. Escaping as the runner requires: '%', CR and LF in the message; also ':' and ',' in
/// property values. With `s`, the diagnostics a baseline holds are left out.
void render_github(const document_source& src, const report& r, std::string& out, const suppression* s = nullptr);

/// Opening of a SARIF 2.1.0 log up to the start of the results array: `tool.driver` with name,
/// version, information URI and one rule per diagnostic code (all_codes()).
void render_sarif_begin(std::string& out);

/// The SARIF results of one document, comma-separated (a leading comma unless `first`; `first` is
/// cleared when something was written). Each has ruleId, ruleIndex, level, message, a physical
/// location (artifact URI relative to the working directory, region with startLine, startColumn
/// in Unicode code points, byteOffset; no region for a diagnostic that is not located), a logical
/// location whose fullyQualifiedName is the JSON Pointer and, when the finding has a fix, `fixes`
/// (SARIF 2.1.0 section 3.55: one artifact change whose replacements delete byte regions of the
/// file and insert text). With `s` (a run with a baseline), each result has a baselineState:
/// "unchanged" with a suppressions entry of kind "external" when the baseline holds it, "new"
/// otherwise.
void render_sarif_results(const document_source& src, const report& r, bool& first, std::string& out,
                          const suppression* s = nullptr);

/// Closing of the log: the invocation (executionSuccessful false when an input could not be
/// read) and the end of the JSON text, then '\n'.
void render_sarif_end(bool execution_successful, std::string& out);

/// `s` as a JSON string literal (RFC 8259 section 7), quotes included. Invalid UTF-8 bytes are
/// replaced by U+FFFD so that the output is always valid UTF-8. Control characters (C0, DEL, C1)
/// and the line separator, paragraph separator and bidirectional controls (U+2028, U+2029,
/// U+202A-U+202E, U+2066-U+2069) are written as \uXXXX escapes, so a log viewer shows them
/// inert; the literal decodes to `s`.
void append_json_string(std::string_view s, std::string& out);

/// `s` for a terminal or a log, as the text format writes messages: the characters that
/// append_json_string escapes (line ends included) written as \uXXXX, invalid UTF-8 as U+FFFD.
/// The result is one line that cannot drive a terminal. Every file name and every quoted piece of
/// input on standard error goes through it.
void append_text_escaped(std::string_view s, std::string& out);
std::string text_escaped(std::string_view s);

/// `path` as a URI reference for SARIF's artifactLocation.uri: relative to the working directory
/// when below it, a file:// URI otherwise, percent-encoded (RFC 3986); "-" and "<stdin>" give
/// "stdin".
std::string artifact_uri(std::string_view path);

}  // namespace sdsprofile::cli
