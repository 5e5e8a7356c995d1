// The CSV upload folder compiled into tables (schemas/csv-files.json and csv-attributes.json
// through tools/schemagen/csvgen, which emits csv_tables.cpp): per file its columns with the value
// rules they run and the file their values must be found in, and the figures of the rules. The
// checker (csv/file_check.cpp) interprets them; nothing here is computed at run time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "sdsprofile/codes.hpp"

namespace sdsprofile::csv {

/// What a column is and which value rules its values run (docs/csv-rules.md "Values"), as bits of
/// column_def::rules.
namespace rules {
enum : std::uint32_t {
  required = 1U << 0,              ///< csv-attributes.json "required": csv-required-column-missing, -value-missing
  optional = 1U << 1,              ///< "optional": what optionalPropertiesToSync may list
  identity = 1U << 2,              ///< "identityColumns" (First Name, Last Name, Password)
  deprecated = 1U << 3,            ///< "deprecated": csv-deprecated-column; values not checked
  id = 1U << 4,                    ///< csv-id-format (and no csv-whitespace)
  unique = 1U << 5,                ///< csv-duplicate-id; the file's ID set
  unique_ignoring_case = 1U << 6,  ///< csv-duplicate-username
  section_alias = 1U << 7,         ///< csv-section-alias
  special_characters = 1U << 8,    ///< csv-special-characters
  name_length = 1U << 9,           ///< csv-value-too-long at the name limit
  date = 1U << 10,                 ///< csv-invalid-date, csv-date-not-iso, csv-date-format-mixed
  email = 1U << 11,                ///< csv-email-syntax
  upn = 1U << 12,                  ///< identity creation: csv-username-has-domain, csv-upn-invalid
  password = 1U << 13,             ///< identity creation: csv-password-policy
};
}  // namespace rules

/// The role a user file holds (matching and creation settings are per role).
enum class role : std::uint8_t { none, student, teacher };

/// One column of a file.
struct column_def {
  std::string_view name;                         ///< the exact header
  std::uint32_t rules = 0;                       ///< rules:: bits
  std::int8_t references = -1;                   ///< index of the file whose ID set its values must be in, or -1
  code dangling = code::csv_dangling_reference;  ///< the code of a value that is not there
};

/// One of the six files.
struct file_def {
  std::string_view name;    ///< "School.csv"
  std::string_view entity;  ///< its customization entity, "school"
  role user_role = role::none;
  std::span<const column_def> columns;           ///< sample header order, then the deprecated columns
  std::span<const std::string_view> uk_headers;  ///< UK-format headers (csv-unknown-column's hint)
  std::int8_t id_column = -1;                    ///< the unique column whose values others reference
  std::int8_t term_start = -1, term_end = -1;    ///< csv-term-dates-reversed: the two date columns
};

/// The three date forms (docs/csv-rules.md "Decisions"), in the order of the schema.
enum class date_form : std::uint8_t { iso_dashes, iso_compact, month_day_year };
struct date_form_def {
  date_form form;
  std::string_view name;  ///< "YYYY-MM-DD"
  bool iso = false;       ///< false: csv-date-not-iso
};

/// The figures and character sets of the value rules.
struct rule_figures {
  std::uint64_t max_data_rows = 0;                        ///< csv-too-many-rows
  std::size_t max_characters = 0;                         ///< csv-value-too-long, any value
  std::size_t max_name_characters = 0;                    ///< csv-value-too-long, name columns
  std::string_view section_alias_prefix;                  ///< "Section_"
  std::size_t section_alias_max_bytes = 0;                ///< csv-section-alias
  std::string_view section_alias_forbidden;               ///< characters the alias may not hold
  std::array<bool, 256> section_alias_forbidden_bytes{};  ///< the same, by byte
  std::string_view special_characters;                    ///< csv-special-characters
  std::array<bool, 256> special_character_bytes{};        ///< the same, by byte
  std::array<bool, 128> upn_allowed{};                    ///< ASCII characters a Username may hold (csv-upn-invalid)
  std::string_view upn_allowed_text;                      ///< the same, as the message lists them
  std::size_t max_username_characters = 0;                ///< before '@'
  std::size_t max_upn_characters = 0;                     ///< Username@domain
  std::size_t password_min = 0, password_max = 0, password_min_classes = 0;
};

/// The whole folder.
struct folder_tables {
  std::span<const file_def> files;  ///< catalogue order: School, Section, Student, Teacher, the memberships
  std::span<const date_form_def> date_forms;
  rule_figures figures;
  std::span<const std::string_view> student_matching_sources;  ///< csv-matching-source-unsupported
  std::span<const std::string_view> teacher_matching_sources;
  std::span<const std::string_view> targets_needing_domain;  ///< csv-matching-value-format
};

/// The generated tables (csv_tables.cpp).
const folder_tables& the_tables() noexcept;

}  // namespace sdsprofile::csv
