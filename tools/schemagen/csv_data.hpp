// schemas/csv-files.json read strictly into plain structs, its column lists resolved against the
// entities of csv-attributes.json (schema_data.hpp): an unknown key, file, column, rule, code or
// date form stops the build with a message naming the place. csv_tables.cpp emits them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "schema_data.hpp"

namespace schemagen {

/// One column of a file: its name and the rules it runs (names as in csv-files.json).
struct csv_column_data {
  std::string name;
  std::vector<std::string> kinds;  ///< of required, optional, identity, deprecated
  std::vector<std::string> rules;  ///< value rules of "columns": id, unique, date, ...
  int references = -1;             ///< the file whose IDs it must name (csv-files.json "references")
  std::string dangling_code;       ///< the code of a value that is not there
};

struct csv_file_data {
  std::string name, entity, role;  ///< role: "", "student" or "teacher"
  std::vector<csv_column_data> columns;
  std::vector<std::string> uk_headers;
  int id_column = -1, term_start = -1, term_end = -1;
};

struct csv_date_form_data {
  std::string name;
  bool iso = false;
};

/// schemas/csv-files.json.
struct csv_data {
  std::vector<csv_file_data> files;
  std::vector<csv_date_form_data> date_forms;
  std::uint64_t max_data_rows = 0, max_characters = 0, max_name_characters = 0;
  std::string section_alias_prefix, section_alias_forbidden, special_characters;
  std::uint64_t section_alias_max_bytes = 0;
  std::string upn_allowed;  ///< every allowed character, the ranges expanded
  std::uint64_t max_username = 0, max_upn = 0;
  std::uint64_t password_min = 0, password_max = 0, password_min_classes = 0;
  std::vector<std::string> student_sources, teacher_sources, targets_needing_domain;
};

/// Reads `path` (csv-files.json) against the entities and matching targets of `s`.
csv_data read_csv_files(const std::string& path, const schema_data& s);

}  // namespace schemagen
