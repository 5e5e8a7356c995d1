#include "sdsprofile/codes.hpp"

#include <array>

#include "sdsprofile/options.hpp"
#include "text_rules.hpp"

namespace sdsprofile {
namespace {

using enum code;
constexpr severity E = severity::error;
constexpr severity W = severity::warning;

// Summaries follow docs/rules.md "Catalogue" and docs/csv-rules.md "Catalogue"; docs/diagnostics.md and SARIF
// rules are built from them.
constexpr std::array<code_info, code_count> k_codes = {{
    {json_syntax, "json-syntax", E,
     "The body is not RFC 8259 JSON (trailing comma, comment, single quotes, truncated text, trailing garbage...)."},
    {json_encoding, "json-encoding", E, "Invalid UTF-8, or a lone surrogate escape."},
    {json_bom, "json-bom", W, "A UTF-8 byte order mark precedes the value; it is skipped."},
    {json_duplicate_key, "json-duplicate-key", E, "A name appears twice in one object (reported at the later one)."},
    {json_too_deep, "json-too-deep", E, "Nesting deeper than the depth limit (default 64)."},
    {json_too_large, "json-too-large", E,
     "Input larger than the size limit (default 4 MiB, Graph's request-body ceiling)."},
    {type_mismatch, "type-mismatch", E, "Wrong JSON type for the declared EDM type."},
    {null_not_allowed, "null-not-allowed", E, "null for a non-nullable property or collection item."},
    {null_collection, "null-collection", W, "null for a collection property: treated as if omitted."},
    {missing_required, "missing-required", E, "A required property is absent (reported at the object that lacks it)."},
    {unknown_property, "unknown-property", E,
     "A name the declared or discriminated type does not have (historic names get their replacement)."},
    {property_name_case, "property-name-case", E, "A declared property name written in the wrong case."},
    {read_only_property, "read-only-property", W, "id or state in a create/update body: the service ignores them."},
    {navigation_property, "navigation-property", E,
     "errors or profileStatus in a create/update body: navigation properties cannot be written inline."},
    {ignored_annotation, "ignored-annotation", W,
     "An annotation other than @odata.type in a create/update body: dropped."},
    {odata_type_missing, "odata-type-missing", E, "An object in an abstract-typed position has no @odata.type."},
    {unknown_odata_type, "unknown-odata-type", E, "@odata.type names no type of the model."},
    {abstract_type, "abstract-type", E, "@odata.type names an abstract type."},
    {odata_type_not_derived, "odata-type-not-derived", E,
     "@odata.type names a type that is not the declared type nor derived from it."},
    {odata_type_noncanonical, "odata-type-noncanonical", W,
     "@odata.type matched only ignoring case, without '#', or with the graph. alias."},
    {invalid_enum, "invalid-enum", E, "A value that is not a member of the enum (members are case-sensitive)."},
    {role_not_supported, "role-not-supported", W,
     "appliesTo none or unknownFutureValue: SDS acts only on student, teacher and faculty."},
    {duplicate_applies_to, "duplicate-applies-to", E,
     "Two entries for the same role in userDomains, matchingOptions or licensesToAssign."},
    {role_without_domain, "role-without-domain", W, "A licensed role that no userDomains entry covers."},
    {licenses_ignored, "licenses-ignored", W,
     "Licences with a matching configuration: SDS assigns licences only to accounts it creates."},
    {invalid_guid, "invalid-guid", E, "A skuIds item that is not an 8-4-4-4-12 hexadecimal GUID."},
    {nil_guid, "nil-guid", W, "The nil GUID 00000000-0000-0000-0000-000000000000 as a skuId."},
    {duplicate_value, "duplicate-value", W, "The same value twice in one collection."},
    {empty_collection, "empty-collection", E, "userDomains or matchingOptions is [] (skuIds [] is a warning)."},
    {empty_value, "empty-value", E, "A name, id or URL that is empty or only white space."},
    {invalid_domain, "invalid-domain", E,
     "Not a DNS name (RFC 1123 labels, at most 253 characters, at least two labels)."},
    {invalid_url, "invalid-url", E, "Not an absolute http(s) URL."},
    {insecure_url, "insecure-url", W, "An http: URL: credentials would travel in clear."},
    {unknown_optional_property, "unknown-optional-property", E,
     "Not an optional attribute of that entity in the SDS v1 CSV format."},
    {required_attribute_listed, "required-attribute-listed", W,
     "A required CSV attribute listed as optional: it is always synced."},
    {deprecated_optional_property, "deprecated-optional-property", W,
     "A student attribute SDS stopped syncing in December 2018."},
    {not_applicable, "not-applicable", W,
     "A setting that does not apply to that entity (optional list on enrollments/rosters, start date outside "
     "studentEnrollment)."},
    {invalid_datetime, "invalid-datetime", E, "Not an RFC 3339 date-time with offset (Edm.DateTimeOffset)."},
    {invalid_date, "invalid-date", E, "Not a real YYYY-MM-DD date (Edm.Date)."},
    {date_in_past, "date-in-past", W, "A date before now (the 0001-01-01T00:00:00Z sentinel is exempt)."},
    {expiration_too_far, "expiration-too-far", W, "expirationDate more than 18 months after now."},
    {case_sensitive_value, "case-sensitive-value", E,
     "A property name that matches a known one only ignoring case: the service compares case-sensitively."},
    {too_many_diagnostics, "too-many-diagnostics", W,
     "More diagnostics, or more report text, than the limits (1000; 8 MiB): the rest are cut."},
    {serialized_object_text, "serialized-object-text", E,
     "A PowerShell type name (System.Collections.Hashtable) where an object or array was meant."},
    // The CSV upload folder: docs/csv-rules.md "Catalogue".
    {csv_file_missing, "csv-file-missing", E, "One of the six files of the upload folder is absent."},
    {csv_file_name_case, "csv-file-name-case", W, "A file is present only under a name in another case."},
    {csv_extra_file, "csv-extra-file", W, "Another file in the upload folder: it would be uploaded too."},
    {csv_encoding, "csv-encoding", E, "Invalid UTF-8: the file is not checked further."},
    {csv_bom, "csv-bom", W, "A UTF-8 byte order mark starts the file; it is skipped."},
    {csv_syntax, "csv-syntax", E,
     "Not RFC 4180 CSV (an unterminated quoted field, a quote in an unquoted field, text after a closing quote): "
     "the rest of the file is not checked."},
    {csv_line_break_in_field, "csv-line-break-in-field", W, "A line break inside a quoted field."},
    {csv_field_count, "csv-field-count", E, "A record with more or fewer fields than the header."},
    {csv_blank_line, "csv-blank-line", W, "An empty line other than the final line end."},
    {csv_too_many_rows, "csv-too-many-rows", E, "More than 500,000 data rows in one file."},
    {csv_header_missing, "csv-header-missing", E, "An empty file: it has no header row."},
    {csv_required_column_missing, "csv-required-column-missing", E, "A required column of the file is absent."},
    {csv_duplicate_column, "csv-duplicate-column", E, "The same column twice in one header."},
    {csv_header_case, "csv-header-case", E,
     "A header equal to a known column only after folding case and white space."},
    {csv_unknown_column, "csv-unknown-column", W, "A header that is no column of that file."},
    {csv_deprecated_column, "csv-deprecated-column", W,
     "A student column SDS stopped writing in December 2018: uploaded, never written."},
    {csv_required_value_missing, "csv-required-value-missing", E, "An empty or blank value in a required column."},
    {csv_id_format, "csv-id-format", E,
     "A SIS ID, School SIS ID or Section SIS ID with white space or a control character."},
    {csv_section_alias, "csv-section-alias", W,
     "A section SIS ID that makes an invalid mail alias for the section's group."},
    {csv_whitespace, "csv-whitespace", W, "Leading or trailing white space in a value."},
    {csv_special_characters, "csv-special-characters", W,
     "A Section Name, First Name or Last Name with a character the service does not accept."},
    {csv_value_too_long, "csv-value-too-long", W,
     "A value longer than 256 characters, or a First Name or Last Name longer than 64."},
    {csv_duplicate_id, "csv-duplicate-id", W, "A SIS ID repeated within one file (reported at each later one)."},
    {csv_duplicate_username, "csv-duplicate-username", W,
     "A Username repeated within Student.csv or Teacher.csv, ignoring case (reported at each later one)."},
    {csv_invalid_date, "csv-invalid-date", E,
     "A date that is not a real date written YYYY-MM-DD, YYYYMMDD or M/D/YYYY."},
    {csv_date_not_iso, "csv-date-not-iso", W, "A date written M/D/YYYY rather than ISO 8601 (once per column)."},
    {csv_date_format_mixed, "csv-date-format-mixed", W, "More than one date form in one column."},
    {csv_term_dates_reversed, "csv-term-dates-reversed", W, "A Term EndDate before the Term StartDate of its row."},
    {csv_email_syntax, "csv-email-syntax", W, "An e-mail column value that is not local@domain."},
    {csv_dangling_reference, "csv-dangling-reference", E,
     "An enrollment or roster row naming a section or user that its file lacks."},
    {csv_dangling_school, "csv-dangling-school", E, "A School SIS ID that School.csv lacks."},
    {csv_not_csv_provider, "csv-not-csv-provider", E,
     "The profile's dataProvider is not an educationCsvDataProvider: the folder is not checked against it."},
    {csv_enabled_column_missing, "csv-enabled-column-missing", W,
     "A column the profile lists in optionalPropertiesToSync is no header of its file."},
    {csv_enabled_column_empty, "csv-enabled-column-empty", W,
     "A column the profile lists in optionalPropertiesToSync has empty values (once per column)."},
    {csv_role_without_domain, "csv-role-without-domain", E,
     "Identity creation: a role's file has rows, but userDomains has no entry for that role."},
    {csv_username_has_domain, "csv-username-has-domain", E,
     "Identity creation: a Username with '@' (the service appends the domain)."},
    {csv_upn_invalid, "csv-upn-invalid", E,
     "Identity creation: a Username that makes no valid user principal name (characters, length)."},
    {csv_password_policy, "csv-password-policy", W,
     "Identity creation: a password the Entra ID password policy rejects."},
    {csv_matching_column_missing, "csv-matching-column-missing", E,
     "Identity matching: the sourcePropertyName is no header of the role's file."},
    {csv_matching_source_unsupported, "csv-matching-source-unsupported", W,
     "Identity matching: a sourcePropertyName SDS does not match on."},
    {csv_matching_value_missing, "csv-matching-value-missing", E,
     "Identity matching: an empty value in the matching column."},
    {csv_matching_value_format, "csv-matching-value-format", E,
     "Identity matching: a value that cannot match as configured (white space, a missing or a second domain)."},
    {csv_matching_duplicate_key, "csv-matching-duplicate-key", W,
     "Identity matching: two rows of one role give the same matching key."},
    {csv_role_without_matching, "csv-role-without-matching", W,
     "Identity matching: a role's file has rows, but matchingOptions has no entry for that role."},
}};

static_assert(
    [] {
      for (std::size_t i = 0; i < k_codes.size(); ++i)
        if (static_cast<std::size_t>(k_codes[i].id) != i) return false;
      return true;
    }(),
    "k_codes must be in enumerator order");

}  // namespace

std::span<const code_info> all_codes() noexcept { return k_codes; }

std::string_view to_string(code c) noexcept {
  const auto i = static_cast<std::size_t>(c);
  return i < k_codes.size() ? k_codes[i].name : std::string_view{};
}

std::string_view to_string(severity s) noexcept { return s == severity::error ? "error" : "warning"; }

std::optional<code> code_from_string(std::string_view name) noexcept {
  for (const auto& info : k_codes)
    if (info.name == name) return info.id;
  return std::nullopt;
}

std::string_view to_string(mode m) noexcept {
  switch (m) {
    case mode::create:
      return "create";
    case mode::update:
      return "update";
    case mode::resource:
      return "resource";
  }
  return {};
}

std::optional<mode> mode_from_string(std::string_view text) noexcept {
  for (mode m : {mode::create, mode::update, mode::resource})
    if (to_string(m) == text) return m;
  return std::nullopt;
}

std::optional<timestamp> parse_rfc3339(std::string_view text) noexcept {
  const auto seconds = detail::parse_date_time_offset(text);
  if (!seconds) return std::nullopt;
  return timestamp{std::chrono::seconds{*seconds}};
}

}  // namespace sdsprofile
