// The JSON Schema of a create body, compiled into the CLI (`sdsprofile schema`).
#pragma once

#include <string_view>

namespace sdsprofile::cli {

/// schemas/sdsprofile.schema.json (draft 2020-12) as generated from schemas/ at build time by
/// tools/schemagen (json_schema.cpp): the whole file, ending in '\n'.
std::string_view json_schema() noexcept;

}  // namespace sdsprofile::cli
