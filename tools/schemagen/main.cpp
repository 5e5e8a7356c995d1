// Build-time generator: schemas/model.json, csv-attributes.json and expansion.json, read strictly
// (schema_data.cpp), into the compiled model the checker interprets (emit_tables.cpp).
// Usage: schemagen MODEL.json CSV.json EXPANSION.json --tables OUT.cpp
// Exit status 1, with the place named on standard error, on any unknown key, unresolved name or
// inconsistent rule.
#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "emit_tables.hpp"
#include "schema_data.hpp"

namespace {

// Writes `text` to `path` only when it changed, so that an unchanged model rebuilds nothing.
void write_if_changed(const std::string& path, const std::string& text) {
  std::string old;
  try {
    old = schemagen::read_file(path);
  } catch (const schemagen::schema_error&) {
  }
  if (old == text) return;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw schemagen::schema_error("cannot write " + path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6 || std::strcmp(argv[4], "--tables") != 0) {
    std::fprintf(stderr, "usage: schemagen MODEL.json CSV.json EXPANSION.json --tables OUT.cpp\n");
    return 2;
  }
  try {
    const schemagen::schema_data s = schemagen::read_schemas(argv[1], argv[2], argv[3]);
    write_if_changed(argv[5], schemagen::compiled_model_source(s));
  } catch (const std::exception& e) {
    fmt::print(stderr, "schemagen: {}\n", e.what());
    return 1;
  }
  return 0;
}
