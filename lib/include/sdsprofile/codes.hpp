// Diagnostic codes and severities. Source of every code: docs/rules.md ("Catalogue") for profiles,
// docs/csv-rules.md ("Catalogue") for the CSV upload folder.
#pragma once

#include "sdsprofile/cplusplus.hpp"
#if SDSPROFILE_CPLUSPLUS >= 202002L  // otherwise only cplusplus.hpp's #error

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "sdsprofile/export.h"

namespace sdsprofile {

/// Severity of a diagnostic. `error` makes a document invalid; `warning` does not, unless the
/// caller asks for strictness (options::strict). Source: docs/rules.md "Vocabulary".
enum class severity : std::uint8_t { error, warning };

/// Stable diagnostic codes. The enumerator order is not part of the ABI; the kebab-case string
/// (to_string) is the stable identifier. One code, one meaning, for ever (docs/rules.md).
enum class code : std::uint8_t {
  json_syntax,                   ///< not RFC 8259 JSON; reported alone at "".
  json_encoding,                 ///< invalid UTF-8 or a lone surrogate escape; alone at "".
  json_bom,                      ///< UTF-8 byte order mark before the value (warning).
  json_duplicate_key,            ///< a name appears twice in one object; at the later one.
  json_too_deep,                 ///< nesting deeper than limits::max_depth; alone at "".
  json_too_large,                ///< input larger than limits::max_bytes; alone at "".
  type_mismatch,                 ///< wrong JSON type for the declared EDM type.
  null_not_allowed,              ///< null for a non-nullable property or collection item.
  null_collection,               ///< null for a collection property (treated as omitted).
  missing_required,              ///< a required property is absent (create/resource modes).
  unknown_property,              ///< a name the declared or discriminated type lacks.
  property_name_case,            ///< a declared name in the wrong case.
  read_only_property,            ///< `id` or `state` in a create/update body.
  navigation_property,           ///< `errors` or `profileStatus` written inline.
  ignored_annotation,            ///< an `@` key other than `@odata.type` (create/update).
  odata_type_missing,            ///< abstract-typed position without `@odata.type`.
  unknown_odata_type,            ///< `@odata.type` names no type of the model.
  abstract_type,                 ///< `@odata.type` names an abstract type.
  odata_type_not_derived,        ///< `@odata.type` not the declared type nor derived from it.
  odata_type_noncanonical,       ///< matched only case-insensitively, without `#`, or `graph.`.
  invalid_enum,                  ///< not a member of the enum (members are case-sensitive).
  role_not_supported,            ///< appliesTo `none` or `unknownFutureValue`.
  duplicate_applies_to,          ///< two entries for one role in one collection.
  role_without_domain,           ///< licensed role with no userDomains entry.
  licenses_ignored,              ///< licences with a matching configuration.
  invalid_guid,                  ///< skuIds item not 8-4-4-4-12 hexadecimal.
  nil_guid,                      ///< the all-zero GUID as a skuId.
  duplicate_value,               ///< the same value twice in one collection.
  empty_collection,              ///< userDomains/matchingOptions (error) or skuIds (warning) is [].
  empty_value,                   ///< empty or white-space-only string where a value is needed.
  invalid_domain,                ///< not an RFC 1123 DNS name with at least two labels.
  invalid_url,                   ///< not an absolute http(s) URL.
  insecure_url,                  ///< an `http:` URL (credentials in clear).
  unknown_optional_property,     ///< not an optional CSV attribute of that entity.
  required_attribute_listed,     ///< a required CSV attribute listed as optional.
  deprecated_optional_property,  ///< student attribute SDS stopped syncing in December 2018.
  not_applicable,                ///< setting that does not apply to that entity.
  invalid_datetime,              ///< not an RFC 3339 date-time with offset (Edm.DateTimeOffset).
  invalid_date,                  ///< not a real YYYY-MM-DD date (Edm.Date).
  date_in_past,                  ///< date before "now" (the 0001-01-01 sentinel is exempt).
  expiration_too_far,            ///< expirationDate more than 18 months after "now".
  case_sensitive_value,          ///< a known property name only ignoring case.
  too_many_diagnostics,          ///< more diagnostics than limits::max_diagnostics.
  serialized_object_text,        ///< PowerShell type name where an object or array was meant.
  // The CSV upload folder (docs/csv-rules.md "Catalogue"), in its order.
  csv_file_missing,                 ///< one of the six files is absent.
  csv_file_name_case,               ///< a file present only under another case.
  csv_extra_file,                   ///< another entry in the upload folder.
  csv_encoding,                     ///< invalid UTF-8; the file is not checked further.
  csv_bom,                          ///< a UTF-8 byte order mark (warning).
  csv_syntax,                       ///< an RFC 4180 violation; the rest of the file is not checked.
  csv_line_break_in_field,          ///< CR or LF inside a quoted field (warning).
  csv_field_count,                  ///< a record with more or fewer fields than the header.
  csv_blank_line,                   ///< an empty line other than the final line end (warning).
  csv_too_many_rows,                ///< more data rows than the service's limit.
  csv_header_missing,               ///< an empty file: no header row.
  csv_required_column_missing,      ///< a required column of the file is absent.
  csv_duplicate_column,             ///< the same header twice.
  csv_header_case,                  ///< a known column only after folding case and white space.
  csv_unknown_column,               ///< a header that is no column of that file (warning).
  csv_deprecated_column,            ///< a student column deprecated in December 2018 (warning).
  csv_required_value_missing,       ///< an empty value in a required column.
  csv_id_format,                    ///< white space or a control character in an ID.
  csv_section_alias,                ///< a section ID that makes an invalid mail alias (warning).
  csv_whitespace,                   ///< leading or trailing white space (warning).
  csv_special_characters,           ///< a special character in a name (warning).
  csv_value_too_long,               ///< a value longer than its column allows (warning).
  csv_duplicate_id,                 ///< a SIS ID repeated within a file (warning).
  csv_duplicate_username,           ///< a Username repeated within a file, ignoring case (warning).
  csv_invalid_date,                 ///< not a real date in an accepted form.
  csv_date_not_iso,                 ///< a date written M/D/YYYY (warning).
  csv_date_format_mixed,            ///< more than one date form in a column (warning).
  csv_term_dates_reversed,          ///< Term EndDate before Term StartDate (warning).
  csv_email_syntax,                 ///< an e-mail column value that is not local@domain (warning).
  csv_dangling_reference,           ///< a membership naming a section or user that is absent.
  csv_dangling_school,              ///< a School SIS ID that School.csv lacks.
  csv_not_csv_provider,             ///< the profile's dataProvider is not a CSV provider.
  csv_enabled_column_missing,       ///< a column the profile enables is absent (warning).
  csv_enabled_column_empty,         ///< a column the profile enables has empty values (warning).
  csv_role_without_domain,          ///< identity creation: a role with users but no domain.
  csv_username_has_domain,          ///< identity creation: a Username with '@'.
  csv_upn_invalid,                  ///< identity creation: a Username that makes no valid UPN.
  csv_password_policy,              ///< identity creation: a password the policy rejects (warning).
  csv_matching_column_missing,      ///< identity matching: the source column is absent.
  csv_matching_source_unsupported,  ///< identity matching: an unsupported source column (warning).
  csv_matching_value_missing,       ///< identity matching: an empty matching value.
  csv_matching_value_format,        ///< identity matching: a value that cannot match.
  csv_matching_duplicate_key,       ///< identity matching: two rows with one key (warning).
  csv_role_without_matching,        ///< identity matching: a role with users but no option (warning).
};

/// Number of codes; codes are dense in [0, code_count).
inline constexpr std::size_t code_count = static_cast<std::size_t>(code::csv_role_without_matching) + 1;

/// Static description of a code (for help texts, SARIF rules and docs/diagnostics.md).
struct code_info {
  code id;                    ///< the code
  std::string_view name;      ///< stable kebab-case name, e.g. "json-syntax"
  severity default_severity;  ///< usual severity (empty-collection is also a warning for skuIds)
  std::string_view summary;   ///< one sentence: when it fires
};

/// All codes in enumerator order; the span has code_count entries and static storage.
SDSPROFILE_EXPORT std::span<const code_info> all_codes() noexcept;

/// The kebab-case name of `c` ("json-syntax"). Never empty for a valid code.
SDSPROFILE_EXPORT std::string_view to_string(code c) noexcept;

/// "error" or "warning".
SDSPROFILE_EXPORT std::string_view to_string(severity s) noexcept;

/// Inverse of to_string(code): nullopt when `name` is not a code.
SDSPROFILE_EXPORT std::optional<code> code_from_string(std::string_view name) noexcept;

}  // namespace sdsprofile

#endif  // SDSPROFILE_CPLUSPLUS >= 202002L
