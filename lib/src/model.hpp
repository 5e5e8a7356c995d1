// The data model as immutable C++ tables. The tables are generated at build time by
// tools/schemagen.cpp from schemas/model.json and schemas/csv-attributes.json (the single source
// of truth); this header only declares their shapes and a few look-ups over them.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace sdsprofile::detail {

/// A run of entries in the generated string pool.
struct string_list {
  std::uint16_t first = 0;
  std::uint16_t count = 0;
};

/// JSON shape a property's (item) value must have, from its EDM type.
enum class value_kind : std::uint8_t {
  string,            ///< Edm.String
  boolean,           ///< Edm.Boolean
  int64,             ///< Edm.Int64
  date,              ///< Edm.Date: "YYYY-MM-DD"
  date_time_offset,  ///< Edm.DateTimeOffset: RFC 3339 date-time with offset
  enumeration,       ///< member name of enum `target`
  complex,           ///< object of type `target` (or a type derived from it)
};

/// String rule hooks (docs/rules.md), from a property's "rules.string".
enum class string_rule : std::uint8_t {
  none,
  non_blank,        ///< empty-value
  dns_name,         ///< empty-value, invalid-domain
  http_url,         ///< empty-value, invalid-url, insecure-url
  guid,             ///< invalid-guid, nil-guid
  csv_attribute,    ///< unknown-optional-property, required-attribute-listed, deprecated-...
  matching_source,  ///< empty-value, case-sensitive-value (CSV attribute names)
  matching_target,  ///< empty-value, case-sensitive-value (Entra ID user property names)
};

/// How items of a collection are compared for duplicate-value.
enum class unique_rule : std::uint8_t { none, exact, case_insensitive };
/// empty-collection severity for `[]`.
enum class empty_rule : std::uint8_t { none, error, warning };
/// Date rule hooks, from "rules.date".
enum class date_rule : std::uint8_t { none, start, expiration };

/// The part a property plays in the cross-field rules (docs/rules.md role-without-domain,
/// licenses-ignored, duplicate-applies-to), from "rules.crossField".
enum class cross_field : std::uint8_t { none, applies_to, identity_configuration, licences, user_domains };

/// One property of a type (inherited properties are flattened into each derived type).
struct property_def {
  std::string_view name;
  value_kind kind = value_kind::string;
  std::int16_t target = -1;  ///< type index (complex) or enum index (enumeration)
  bool collection = false;
  bool nullable = true;  ///< for collections: whether items may be null
  bool required_create = false;
  bool required_resource = false;
  bool read_only = false;
  bool navigation = false;
  string_rule string = string_rule::none;
  unique_rule unique = unique_rule::none;
  empty_rule empty = empty_rule::none;
  bool unique_by_applies_to = false;  ///< duplicate-applies-to among items
  std::int8_t csv_entity = -1;        ///< customization entity index, or -1
  date_rule date = date_rule::none;
  enum cross_field cross = cross_field::none;
};

/// A property name the type had in the past (or in previews), with what replaced it.
struct historic_name {
  std::string_view name;
  std::string_view replacement;  ///< empty when nothing replaced it
  std::string_view note;
};

/// An entity or complex type.
struct type_def {
  std::string_view name;        ///< CSDL name, e.g. "educationCsvDataProvider"
  std::string_view odata_type;  ///< canonical "@odata.type" value: "#microsoft.graph." + name
  std::int16_t base = -1;
  bool abstract = false;
  bool csv_attributes = false;  ///< optional attributes are checked against the CSV lists
  std::uint16_t first_property = 0, property_count = 0;
  std::uint16_t first_historic = 0, historic_count = 0;
  std::uint16_t first_concrete = 0, concrete_count = 0;  ///< concrete types assignable here
};

/// An enum type; members are case-sensitive.
struct enum_def {
  std::string_view name;
  string_list members;
  string_list supported;  ///< members SDS acts on (role-not-supported); empty = all
};

/// An old type name with its current one (unknown-odata-type hint).
struct type_alias {
  std::string_view name;
  std::int16_t type = -1;
};

/// CSV attribute lists of one customization entity (schemas/csv-attributes.json).
struct csv_entity_def {
  std::string_view name;  ///< customization property name, e.g. "student"
  string_list optional;   ///< CSV header order
  string_list required;
  string_list deprecated;
  string_list identity;  ///< identity columns (First Name, ...)
  bool optional_properties_apply = true;
  bool start_date_applies = false;
};

/// What the service stores for a created profile (schemas/expansion.json, docs/rules.md "Expansion").
struct expansion_def {
  string_list profile_keys;             ///< root key order of the stored profile
  string_list only_when_sent;           ///< root keys written only when the body has them
  std::string_view state;               ///< state of a new profile ("provisioning")
  string_list entity_order;             ///< customization entities, in stored order
  string_list always_present;           ///< entities written even when not sent
  string_list customization_keys;       ///< key order of one customization
  string_list customization_defaults;   ///< JSON text of each key's default ("" = from the CSV list)
  std::string_view licence_odata_type;  ///< "@odata.type" added to every licence item
};

/// The whole model: views over the generated tables.
struct model {
  std::span<const std::string_view> strings;
  std::span<const property_def> properties;
  std::span<const type_def> types;
  std::span<const std::uint16_t> concrete;  ///< indices into types, per type_def::first_concrete
  std::span<const historic_name> historic_names;
  std::span<const enum_def> enums;
  std::span<const type_alias> type_aliases;
  std::span<const csv_entity_def> csv_entities;
  string_list matching_source_names;
  string_list matching_target_names;
  string_list stray_discriminators;  ///< keys meant as "@odata.type" that are not it (ASCII case ignored)
  std::int16_t root_type = -1;
  expansion_def expansion;

  [[nodiscard]] std::span<const std::string_view> list(string_list l) const noexcept {
    return strings.subspan(l.first, l.count);
  }
  [[nodiscard]] std::span<const property_def> properties_of(const type_def& t) const noexcept {
    return properties.subspan(t.first_property, t.property_count);
  }
  [[nodiscard]] std::span<const historic_name> historic_of(const type_def& t) const noexcept {
    return historic_names.subspan(t.first_historic, t.historic_count);
  }
  [[nodiscard]] std::span<const std::uint16_t> concrete_of(const type_def& t) const noexcept {
    return concrete.subspan(t.first_concrete, t.concrete_count);
  }
  /// Index, within properties_of(types[type]), of the property named exactly `key`; -1 when the
  /// type has none. Generated from schemas/ as a switch on length and bytes (no loop, no map).
  [[nodiscard]] int property_index(std::size_t type, std::string_view key) const noexcept;
  /// Index of the type named exactly `name`, or -1.
  [[nodiscard]] int find_type(std::string_view name) const noexcept;
  /// The type an "@odata.type" value names, forgiving case, a missing '#' and the alias "graph."
  /// (docs/rules.md odata-type-noncanonical); -1 when it names none. `canonical` tells whether the
  /// value was written exactly as the type's odata_type.
  [[nodiscard]] int resolve_odata_type(std::string_view value, bool& canonical) const noexcept;
  /// Whether `key` is a stray discriminator (schemas/model.json strayDiscriminators, docs/rules.md
  /// "Vocabulary"): "odata.type", "type", "@type", ... compared ignoring ASCII case.
  [[nodiscard]] bool is_stray_discriminator(std::string_view key) const noexcept;
  /// Index of the CSV entity named `name` (customization property name), or -1.
  [[nodiscard]] int find_csv_entity(std::string_view name) const noexcept;
  /// Whether type `derived` is `base` or derives from it.
  [[nodiscard]] bool derives_from(int derived, int base) const noexcept;
};

/// The generated model (immutable, static storage, shared by all threads).
const model& the_model() noexcept;

}  // namespace sdsprofile::detail
