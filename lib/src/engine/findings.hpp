// Typed findings: one declaration per kind, with its code and its named payload. The walk emits
// them (engine/walk.cpp and the rule files), the messages module words them (engine/messages.cpp,
// one overload per kind), and the severity comes from the code table (lib/src/codes.cpp), except
// where the catalogue lets the schema give it (empty-collection: "emptyCollection" of a slot).
// Views in a payload point into the parser's tape or into the model, both alive until the report
// is built.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "engine/model.hpp"
#include "engine/tape.hpp"
#include "sdsprofile/codes.hpp"

namespace sdsprofile::detail {
enum class domain_problem : std::uint8_t;
enum class url_problem : std::uint8_t;
}  // namespace sdsprofile::detail

namespace sdsprofile::engine {

/// What a document-level scan found (json_text.cpp find_first_failure); the messages module
/// words each. docs/rules.md "Catalogue": json-syntax, json-encoding, json-too-deep.
enum class scan_failure : std::uint8_t {
  none,
  truncated,
  empty,
  trailing_comma_object,
  trailing_comma_array,
  member_name,
  single_quote,
  comment,
  after_value,
  literal,
  nan_or_infinity,
  number,
  number_minus,
  number_leading_zero,
  number_fraction,
  number_exponent,
  control_character,
  escape,
  colon,
  comma_object,
  comma_array,
  value,
  utf8,
  lone_high_surrogate,
  lone_low_surrogate,
  too_deep,
  too_deep_to_track,
  unrepresentable_number,  ///< grammatical, but beyond 64-bit integers or a double
  parser_limit,            ///< simdjson refused what the scanner accepts (its own message)
};

namespace finding {

// Each kind: `static constexpr code id`, then its payload. Kinds sharing a code word it differently.

struct json_failure {  // json-syntax, json-encoding, json-too-deep: reported alone at ""
  code id;
  scan_failure what;
  std::string_view parser_message;  ///< for parser_limit: simdjson's own words
};
struct too_large {
  static constexpr code id = code::json_too_large;
  std::size_t limit;
};
struct out_of_memory {
  static constexpr code id = code::json_too_large;
};
struct bom {
  static constexpr code id = code::json_bom;
};
struct duplicate_key {
  static constexpr code id = code::json_duplicate_key;
  std::string_view key;
};
struct type_mismatch {  // prop null: the root, which must be an object
  static constexpr code id = code::type_mismatch;
  const slot* prop;
  std::uint8_t got;  ///< json_bits of the value
  bool item;         ///< the value is an item of the collection `prop`
};
struct discriminator_not_string {
  static constexpr code id = code::type_mismatch;
  std::uint8_t got;
};
struct serialized_object {  // prop null: the root
  static constexpr code id = code::serialized_object_text;
  const slot* prop;
  std::string_view text;
  bool item;
};
struct null_not_allowed {
  static constexpr code id = code::null_not_allowed;
  const slot* prop;
  bool item;
};
struct null_collection {
  static constexpr code id = code::null_collection;
  const slot* prop;
};
struct missing_required {
  static constexpr code id = code::missing_required;
  const slot* prop;
  const type_def* type;
};
struct unknown_property {
  static constexpr code id = code::unknown_property;
  std::string_view key;
  const type_def* type;
  const historic_name* historic;  ///< the name the type had in the past, or null
};
struct property_name_case {
  static constexpr code id = code::property_name_case;
  std::string_view key;
  std::string_view exact;  ///< the declared name
  bool discriminator;      ///< `key` is "@odata.type" in another case
};
struct read_only_property {
  static constexpr code id = code::read_only_property;
  std::string_view key;
};
struct navigation_property {
  static constexpr code id = code::navigation_property;
  std::string_view key;
};
struct ignored_annotation {
  static constexpr code id = code::ignored_annotation;
  std::string_view key;
};
struct odata_type_missing {
  static constexpr code id = code::odata_type_missing;
  const type_def* declared;
  std::string_view stray;  ///< a stray discriminator key of the object, or empty
  const type_def* hint;    ///< the type to write, or null (then every concrete type is listed)
  bool named;              ///< `hint` is the type the stray key's value names
};
struct unknown_odata_type {
  static constexpr code id = code::unknown_odata_type;
  std::string_view value;
  const type_def* declared;
  const type_def* hint;
};
struct abstract_type {
  static constexpr code id = code::abstract_type;
  const type_def* type;
  const type_def* declared;
  const type_def* fits;  ///< the one concrete type the properties fit, or null
};
struct odata_type_not_derived {
  static constexpr code id = code::odata_type_not_derived;
  const type_def* type;
  const type_def* declared;
};
struct odata_type_noncanonical {
  static constexpr code id = code::odata_type_noncanonical;
  std::string_view value;
  const type_def* type;
};
struct invalid_enum {
  static constexpr code id = code::invalid_enum;
  std::string_view value;
  const enum_def* e;
};
struct role_not_supported {
  static constexpr code id = code::role_not_supported;
  std::string_view value;
  const enum_def* e;
};
struct duplicate_applies_to {
  static constexpr code id = code::duplicate_applies_to;
  std::string_view role;
  const slot* collection;
};
struct role_without_domain {
  static constexpr code id = code::role_without_domain;
  std::string_view role;
};
struct licenses_ignored {
  static constexpr code id = code::licenses_ignored;
};
struct invalid_guid {
  static constexpr code id = code::invalid_guid;
  std::string_view value;
  const slot* prop;
};
struct nil_guid {
  static constexpr code id = code::nil_guid;
};
struct duplicate_value {
  static constexpr code id = code::duplicate_value;
  std::string_view value;
  const slot* collection;
};
struct empty_collection {
  static constexpr code id = code::empty_collection;
  const slot* prop;
};
struct empty_value {
  static constexpr code id = code::empty_value;
  const slot* prop;
};
struct invalid_domain {
  static constexpr code id = code::invalid_domain;
  std::string_view value;
  detail::domain_problem problem;
};
struct invalid_url {
  static constexpr code id = code::invalid_url;
  std::string_view value;
  const slot* prop;
};
struct insecure_url {
  static constexpr code id = code::insecure_url;
  const slot* prop;
};
struct unknown_optional_property {
  static constexpr code id = code::unknown_optional_property;
  std::string_view value;
  const csv_entity_def* entity;
};
struct required_attribute_listed {
  static constexpr code id = code::required_attribute_listed;
  std::string_view value;
  const csv_entity_def* entity;
};
struct deprecated_optional_property {
  static constexpr code id = code::deprecated_optional_property;
  std::string_view value;
};
struct list_not_applicable {  // optionalPropertiesToSync on an entity it does not apply to
  static constexpr code id = code::not_applicable;
  const csv_entity_def* entity;
};
struct start_date_not_applicable {
  static constexpr code id = code::not_applicable;
  const csv_entity_def* entity;
};
struct invalid_datetime {
  static constexpr code id = code::invalid_datetime;
  std::string_view value;
};
struct invalid_date {
  static constexpr code id = code::invalid_date;
  std::string_view value;
};
struct date_in_past {
  static constexpr code id = code::date_in_past;
  std::string_view value;
  const slot* prop;
};
struct expiration_too_far {
  static constexpr code id = code::expiration_too_far;
  std::string_view value;
};
struct case_sensitive_value {
  static constexpr code id = code::case_sensitive_value;
  std::string_view value;
  std::string_view known;
  const slot* prop;
};
struct too_many_diagnostics {
  static constexpr code id = code::too_many_diagnostics;
  bool by_report_bytes;  ///< which limit cut the list: the text, or the number
};

}  // namespace finding

/// Any finding's payload.
using payload = std::variant<
    finding::json_failure, finding::too_large, finding::out_of_memory, finding::bom, finding::duplicate_key,
    finding::type_mismatch, finding::discriminator_not_string, finding::serialized_object, finding::null_not_allowed,
    finding::null_collection, finding::missing_required, finding::unknown_property, finding::property_name_case,
    finding::read_only_property, finding::navigation_property, finding::ignored_annotation, finding::odata_type_missing,
    finding::unknown_odata_type, finding::abstract_type, finding::odata_type_not_derived,
    finding::odata_type_noncanonical, finding::invalid_enum, finding::role_not_supported, finding::duplicate_applies_to,
    finding::role_without_domain, finding::licenses_ignored, finding::invalid_guid, finding::nil_guid,
    finding::duplicate_value, finding::empty_collection, finding::empty_value, finding::invalid_domain,
    finding::invalid_url, finding::insecure_url, finding::unknown_optional_property, finding::required_attribute_listed,
    finding::deprecated_optional_property, finding::list_not_applicable, finding::start_date_not_applicable,
    finding::invalid_datetime, finding::invalid_date, finding::date_in_past, finding::expiration_too_far,
    finding::case_sensitive_value, finding::too_many_diagnostics>;

/// The code of a payload.
[[nodiscard]] inline code code_of(const payload& p) noexcept {
  return std::visit(
      [](const auto& f) -> code {
        if constexpr (std::is_same_v<std::decay_t<decltype(f)>, finding::json_failure>)
          return f.id;
        else
          return std::decay_t<decltype(f)>::id;
      },
      p);
}

/// The severity of a payload: the code table's, or the slot's for empty-collection.
[[nodiscard]] severity severity_of(const payload& p) noexcept;

/// A finding with where it points: the tape index of the value (or of the member name, for
/// the codes that point at a name; 0 for the document start), and the order it was found in
/// (ties at one position keep it).
struct located {
  tape_index at = 0;
  std::uint32_t seq = 0;
  payload what;
  /// Document order.
  [[nodiscard]] bool operator<(const located& other) const noexcept {
    return at != other.at ? at < other.at : seq < other.seq;
  }
};

}  // namespace sdsprofile::engine
