// Diagnostic codes and severities. Source of every code: docs/rules.md ("Catalogue").
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
};

/// Number of codes; codes are dense in [0, code_count).
inline constexpr std::size_t code_count = static_cast<std::size_t>(code::serialized_object_text) + 1;

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
