#include "sdsprofile/codes.hpp"

#include <array>

#include "sdsprofile/options.hpp"
#include "text_rules.hpp"

namespace sdsprofile {
namespace {

using enum code;
constexpr severity E = severity::error;
constexpr severity W = severity::warning;

// Summaries follow docs/rules.md "Catalogue"; docs/diagnostics.md and SARIF rules are built from them.
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
