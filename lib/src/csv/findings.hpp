// Typed findings of the CSV folder check: one declaration per kind, with its code and its named
// payload (docs/csv-rules.md "Catalogue"). The file checks emit them (csv/file_check.cpp, the
// folder and profile rules in csv/checker.cpp), csv/messages.cpp words them (one overload per
// kind), and the severity comes from the code table (lib/src/codes.cpp) only. Text quoted from a
// file is copied into the finding (excerpt), since a file is read in chunks that do not outlive
// it; names from the tables and from the profile's settings are views, alive until the report is
// built.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "csv/tables.hpp"
#include "csv/values.hpp"
#include "csv_reader.hpp"
#include "sdsprofile/codes.hpp"

namespace sdsprofile::csv {

/// Input quoted in a message is cut past this many bytes, at a character boundary, with an
/// ellipsis (as the profile checker's messages cut theirs: docs/rules.md "Limits and safety").
inline constexpr std::size_t max_quoted_bytes = 200;

/// A piece of a file quoted in a message: a copy of at most max_quoted_bytes.
struct excerpt {
  std::string text;
  bool cut = false;  ///< the value went on: the message adds an ellipsis
  excerpt() = default;
  explicit excerpt(std::string_view s) {
    if (s.size() > max_quoted_bytes) {
      std::size_t end = max_quoted_bytes;
      while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // not inside a character
      s = s.substr(0, end);
      cut = true;
    }
    text.assign(s);
  }
};

namespace finding {

// Each kind: `static constexpr code id`, then its payload. Kinds sharing a code word it differently.

// --- The folder (its part of the report) ----------------------------------------------------------
struct file_missing {
  static constexpr code id = code::csv_file_missing;
  std::uint8_t file;  ///< csv_file index
};
struct file_name_case {
  static constexpr code id = code::csv_file_name_case;
  std::uint8_t file;
  excerpt found;  ///< the name as it is in the folder
};
struct extra_file {
  static constexpr code id = code::csv_extra_file;
  excerpt name;
  bool directory;
};

// --- File set and syntax ------------------------------------------------------------------------
struct encoding {
  static constexpr code id = code::csv_encoding;
};
struct bom {
  static constexpr code id = code::csv_bom;
};
struct syntax {
  static constexpr code id = code::csv_syntax;
  detail::csv_failure what;
  std::uint64_t line, column;  ///< where the offending byte is (the finding is at its field)
};
struct line_break_in_field {
  static constexpr code id = code::csv_line_break_in_field;
  std::string_view column;  ///< the header of the cell, empty past the header's width
};
struct field_count {
  static constexpr code id = code::csv_field_count;
  std::size_t fields, expected;
};
struct blank_line {
  static constexpr code id = code::csv_blank_line;
};
struct too_many_rows {
  static constexpr code id = code::csv_too_many_rows;
  std::uint64_t limit;
};

// --- Headers ---------------------------------------------------------------------------------------
struct header_missing {
  static constexpr code id = code::csv_header_missing;
  bool blank_lines;  ///< the file holds only line ends (or a BOM and line ends)
};
struct required_column_missing {
  static constexpr code id = code::csv_required_column_missing;
  std::string_view column;
  const file_def* file;
};
struct duplicate_column {
  static constexpr code id = code::csv_duplicate_column;
  excerpt header;
  std::string_view column;     ///< the column both headers name
  std::uint64_t first_column;  ///< 1-based byte column of the first one
};
struct header_case {
  static constexpr code id = code::csv_header_case;
  excerpt header;
  std::string_view exact;
};
struct unknown_column {
  static constexpr code id = code::csv_unknown_column;
  excerpt header;
  const file_def* file;
  bool uk_format;  ///< one of the UK-format headers
};
struct deprecated_column {
  static constexpr code id = code::csv_deprecated_column;
  std::string_view column;
};

// --- Values --------------------------------------------------------------------------------------
struct required_value_missing {
  static constexpr code id = code::csv_required_value_missing;
  std::string_view column;
  bool white_space;  ///< only white space, not empty
};
struct id_format {
  static constexpr code id = code::csv_id_format;
  excerpt value;
  std::string_view column;
  std::uint32_t character;  ///< the first white space or control character (a code point)
};
struct section_alias {
  static constexpr code id = code::csv_section_alias;
  excerpt value;
  alias_check problem;
  std::size_t bytes;
};
struct whitespace {
  static constexpr code id = code::csv_whitespace;
  excerpt value;
  std::string_view column;
};
struct special_characters {
  static constexpr code id = code::csv_special_characters;
  excerpt value;
  std::string_view column;
  char character;
  bool replaced;  ///< handleSpecialCharacterConstraint: the service writes '_' instead
};
struct value_too_long {
  static constexpr code id = code::csv_value_too_long;
  std::string_view column;
  std::size_t characters, limit;
};
struct duplicate_id {
  static constexpr code id = code::csv_duplicate_id;
  excerpt value;
  std::string_view column;
};
struct duplicate_username {
  static constexpr code id = code::csv_duplicate_username;
  excerpt value;
};
struct invalid_date {
  static constexpr code id = code::csv_invalid_date;
  excerpt value;
  std::string_view column;
  std::optional<detail::civil_date> suggestion;
};
struct date_not_iso {
  static constexpr code id = code::csv_date_not_iso;
  excerpt value;
  std::string_view column;
  detail::civil_date date;
};
struct date_format_mixed {
  static constexpr code id = code::csv_date_format_mixed;
  excerpt value;
  std::string_view column;
  std::string_view form, first_form;  ///< this cell's form and the column's first
};
struct term_dates_reversed {
  static constexpr code id = code::csv_term_dates_reversed;
  excerpt start, end;
};
struct email_syntax {
  static constexpr code id = code::csv_email_syntax;
  excerpt value;
  std::string_view column;
};

// --- References between files -----------------------------------------------------------------------
struct dangling_reference {
  static constexpr code id = code::csv_dangling_reference;
  excerpt value;
  std::string_view column;
  const file_def* target;
};
struct dangling_school {
  static constexpr code id = code::csv_dangling_school;
  excerpt value;
};

// --- The folder against the profile ---------------------------------------------------------------
struct not_csv_provider {
  static constexpr code id = code::csv_not_csv_provider;
  excerpt type;       ///< the dataProvider's @odata.type as written
  bool has_provider;  ///< false: no dataProvider object at all
};
struct enabled_column_missing {
  static constexpr code id = code::csv_enabled_column_missing;
  std::string_view column;
  std::string_view entity;
};
struct enabled_column_empty {
  static constexpr code id = code::csv_enabled_column_empty;
  std::string_view column;
  std::string_view entity;
  std::uint64_t rows;  ///< how many rows have it empty
};
struct role_without_domain {
  static constexpr code id = code::csv_role_without_domain;
  std::string_view role;
};
struct username_has_domain {
  static constexpr code id = code::csv_username_has_domain;
  excerpt value;
  std::string_view domain;  ///< the role's userDomains entry, or empty
};
struct upn_invalid {
  static constexpr code id = code::csv_upn_invalid;
  excerpt value;
  upn_problem problem;
  excerpt character;
  std::size_t length;
  std::string_view domain;
};
struct password_policy {
  static constexpr code id = code::csv_password_policy;
  password_check problem;  ///< the password itself is never quoted
};
struct matching_column_missing {
  static constexpr code id = code::csv_matching_column_missing;
  std::string_view column;  ///< the sourcePropertyName
  std::string_view role;
  const file_def* file;
};
struct matching_source_unsupported {
  static constexpr code id = code::csv_matching_source_unsupported;
  std::string_view source;
  std::string_view role;
  std::span<const std::string_view> supported;
};
struct matching_value_missing {
  static constexpr code id = code::csv_matching_value_missing;
  std::string_view column;
};
/// Why a matching value cannot match (docs/csv-rules.md csv-matching-value-format).
enum class matching_problem : std::uint8_t { white_space, domain_twice, no_domain, not_email, email_with_domain };
struct matching_value_format {
  static constexpr code id = code::csv_matching_value_format;
  excerpt value;
  std::string_view column;
  matching_problem problem;
  std::string_view target, target_domain;
};
struct matching_duplicate_key {
  static constexpr code id = code::csv_matching_duplicate_key;
  excerpt key;
};
struct role_without_matching {
  static constexpr code id = code::csv_role_without_matching;
  std::string_view role;
};
struct too_many_diagnostics {
  static constexpr code id = code::too_many_diagnostics;
  bool by_report_bytes;
};

}  // namespace finding

/// Any finding's payload.
using payload =
    std::variant<finding::file_missing, finding::file_name_case, finding::extra_file, finding::encoding, finding::bom,
                 finding::syntax, finding::line_break_in_field, finding::field_count, finding::blank_line,
                 finding::too_many_rows, finding::header_missing, finding::required_column_missing,
                 finding::duplicate_column, finding::header_case, finding::unknown_column, finding::deprecated_column,
                 finding::required_value_missing, finding::id_format, finding::section_alias, finding::whitespace,
                 finding::special_characters, finding::value_too_long, finding::duplicate_id,
                 finding::duplicate_username, finding::invalid_date, finding::date_not_iso, finding::date_format_mixed,
                 finding::term_dates_reversed, finding::email_syntax, finding::dangling_reference,
                 finding::dangling_school, finding::not_csv_provider, finding::enabled_column_missing,
                 finding::enabled_column_empty, finding::role_without_domain, finding::username_has_domain,
                 finding::upn_invalid, finding::password_policy, finding::matching_column_missing,
                 finding::matching_source_unsupported, finding::matching_value_missing, finding::matching_value_format,
                 finding::matching_duplicate_key, finding::role_without_matching, finding::too_many_diagnostics>;

/// The code of a payload.
[[nodiscard]] inline code code_of(const payload& p) noexcept {
  return std::visit([](const auto& f) -> code { return std::decay_t<decltype(f)>::id; }, p);
}

/// The severity of a payload: the code table's.
[[nodiscard]] inline severity severity_of(const payload& p) noexcept {
  return all_codes()[static_cast<std::size_t>(code_of(p))].default_severity;
}

/// What a finding's path names (docs/csv-rules.md "Vocabulary"): `/<file>`, `/<file>/<line>` or
/// `/<file>/<line>/<field>`.
enum class place : std::uint8_t { file, record, cell };

/// A finding with where it is in its file.
struct located {
  std::size_t offset = 0;  ///< 0-based byte offset in the file
  std::uint64_t line = 1, column = 1;
  place at = place::file;
  bool has_position = true;  ///< false: no place in the file (diagnostic::located)
  std::string_view field;    ///< the header, as written, or the missing column's name
  std::uint64_t seq = 0;     ///< the order it was found in (ties at one offset keep it)
  payload what;
  /// Document order.
  [[nodiscard]] bool operator<(const located& other) const noexcept {
    return offset != other.offset ? offset < other.offset : seq < other.seq;
  }
};

}  // namespace sdsprofile::csv
