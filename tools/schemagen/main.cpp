// Build-time generator: schemas/model.json, csv-attributes.json and expansion.json, read strictly
// (schema_data.cpp), into the compiled model the checker interprets (emit_tables.cpp) and the
// JSON Schema of a create body (json_schema.cpp), as JSON and as C++ source for the CLI.
// Usage: schemagen MODEL.json CSV.json EXPANSION.json --tables OUT.cpp
//                  [--json-schema SCHEMA.json] [--json-schema-cpp SCHEMA_TEXT.cpp]
// Exit status 1, with the place named on standard error, on any unknown key, unresolved name or
// inconsistent rule; 2 on a wrong command line.
#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <string>

#include "emit_tables.hpp"
#include "json_schema.hpp"
#include "schema_data.hpp"

int main(int argc, char** argv) {
  // The outputs by option; --tables is required, the others are written when asked for.
  std::map<std::string, std::string> outputs = {{"--tables", ""}, {"--json-schema", ""}, {"--json-schema-cpp", ""}};
  bool usage_ok = argc >= 6 && argc % 2 == 0;
  for (int i = 4; usage_ok && i + 1 < argc; i += 2) {
    const auto it = outputs.find(argv[i]);
    usage_ok = it != outputs.end() && it->second.empty();
    if (usage_ok) it->second = argv[i + 1];
  }
  if (!usage_ok || outputs["--tables"].empty()) {
    std::fprintf(stderr,
                 "usage: schemagen MODEL.json CSV.json EXPANSION.json --tables OUT.cpp [--json-schema SCHEMA.json] "
                 "[--json-schema-cpp SCHEMA_TEXT.cpp]\n");
    return 2;
  }
  try {
    const schemagen::schema_data s = schemagen::read_schemas(argv[1], argv[2], argv[3]);
    schemagen::write_if_changed(outputs["--tables"], schemagen::compiled_model_source(s));
    if (!outputs["--json-schema"].empty() || !outputs["--json-schema-cpp"].empty()) {
      const std::string schema = schemagen::json_schema(s);
      if (!outputs["--json-schema"].empty()) schemagen::write_if_changed(outputs["--json-schema"], schema);
      if (!outputs["--json-schema-cpp"].empty())
        schemagen::write_if_changed(outputs["--json-schema-cpp"], schemagen::json_schema_source(schema));
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "schemagen: {}\n", e.what());
    return 1;
  }
  return 0;
}
