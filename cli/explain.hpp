// `sdsprofile explain CODE` and `sdsprofile codes`: every code explained, from schemas/codes.json
// (compiled in) joined with the library's code table (docs/cli.md "explain and codes").
#pragma once

#include <string>
#include <string_view>

namespace sdsprofile::cli {

/// The explanation of the code named `name`, as `explain` prints it; false with `error` set (a
/// message for standard error) when `name` is no code.
bool explain_code(std::string_view name, std::string& out, std::string& error);

/// Output formats of `codes`.
enum class codes_format { text, json, markdown };

/// Every code, in catalogue order: text (one line each: NAME SEVERITY SUMMARY), json (JSON Lines,
/// one record each with every field of explain) or markdown (docs/codes.md).
void list_codes(codes_format format, std::string& out);

}  // namespace sdsprofile::cli
