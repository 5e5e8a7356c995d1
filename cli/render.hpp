// Output formats of the CLI. Each function appends to `out`; nothing here holds a rule.
#pragma once

#include <string>
#include <string_view>

#include "sdsprofile/report.hpp"

namespace sdsprofile::cli {

/// Compiler-style text, one diagnostic per line, the hint on the next line indented:
/// `FILE:LINE:COLUMN: error: MESSAGE [CODE]` (the convention editors and CI logs understand).
void render_text(std::string_view file, const report& r, std::string& out);

/// One JSON Lines record: {"file","valid","diagnostics":[{"severity","code","path","line",
/// "column","offset","message","hint"?}]} followed by '\n'.
void render_json_line(std::string_view file, const report& r, std::string& out);

/// `s` as a JSON string literal (RFC 8259 section 7), quotes included. Invalid UTF-8 bytes are
/// replaced by U+FFFD so that the output is always valid UTF-8.
void append_json_string(std::string_view s, std::string& out);

}  // namespace sdsprofile::cli
