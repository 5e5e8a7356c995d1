// The JSON Schema (draft 2020-12) of a create body (docs/json-schema.md), from the same schema data
// as the compiled model: `sdsprofile schema` prints it, schemas/sdsprofile.schema.json is its
// committed copy and the ajv peer validates with it.
#pragma once

#include <string>

#include "schema_data.hpp"

namespace schemagen {

/// The schema as JSON text: two-space indentation, a value that fits in 100 columns on one line,
/// a final newline.
std::string json_schema(const schema_data& s);

/// C++ source defining sdsprofile::cli::json_schema() (cli/schema.hpp), which returns `schema`.
std::string json_schema_source(const std::string& schema);

}  // namespace schemagen
