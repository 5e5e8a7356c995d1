// The data model compiled into tables the walk interprets (schemas/*.json through
// tools/schemagen, which emits compiled_model.cpp). Per type, one slot per property with
// what its value accepts and which rule it runs; names found through generated perfect hashes;
// the constants expansion writes, pre-quoted. Nothing here is computed at run time.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

namespace sdsprofile::engine {

/// JSON value types as bits (slot::accepts): a slot states what it accepts in one mask.
enum json_bits : std::uint8_t {
  json_object = 1,
  json_array = 2,
  json_string = 4,
  json_integer = 8,  ///< a number that fits Edm.Int64
  json_number = 16,  ///< any other number
  json_boolean = 32,
  json_null = 64,
};

/// The EDM type of a slot's value (or of its items), as messages name it.
enum class edm : std::uint8_t { string, boolean, int64, date, date_time_offset, enumeration, complex };

/// The rule a string value runs (docs/rules.md "Catalogue"), from the schema's "rules.string" or
/// implied by the EDM type.
enum class string_rule : std::uint8_t {
  none,
  non_blank,        ///< empty-value
  dns_name,         ///< empty-value, invalid-domain
  http_url,         ///< empty-value, invalid-url, insecure-url
  guid,             ///< invalid-guid, nil-guid
  csv_attribute,    ///< unknown-optional-property, required-attribute-listed, deprecated-...
  matching_source,  ///< empty-value, case-sensitive-value (CSV attribute names)
  matching_target,  ///< empty-value, case-sensitive-value (Entra ID user property names)
  enum_member,      ///< invalid-enum, role-not-supported
  edm_date,         ///< invalid-date (and the date rule)
  edm_date_time,    ///< invalid-datetime (and the date rule)
};

/// How the items of a collection are compared for duplicate-value.
enum class unique_rule : std::uint8_t { none, exact, guid };
/// What `[]` is for a collection (empty-collection), with the severity the schema gives it.
enum class empty_rule : std::uint8_t { none, error, warning };
/// The date rule of a date slot.
enum class date_rule : std::uint8_t { none, start, expiration };
/// The part a slot plays in the cross-field rules (docs/rules.md role-without-domain,
/// licenses-ignored, duplicate-applies-to).
enum class cross_field : std::uint8_t { none, applies_to, identity_configuration, licences, user_domains };

/// Whether two strings are equal, compared a word at a time without a call (names are short).
[[nodiscard]] inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  const auto load8 = [](const char* s) {
    std::uint64_t w;
    std::memcpy(&w, s, 8);
    return w;
  };
  const auto load4 = [](const char* s) {
    std::uint32_t w;
    std::memcpy(&w, s, 4);
    return w;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (load8(p + i) != load8(q + i)) return false;
    return load8(p + n - 8) == load8(q + n - 8);
  }
  if (n >= 4) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}

/// A name as a name table stores it: its length and three of its words (bytes 0-7, 8-15 and the
/// last eight, each zero-extended when the name is shorter), which are the whole name when it has
/// at most 24 bytes.
struct name_key {
  std::uint64_t head = 0, middle = 0, tail = 0;
  std::uint32_t length = 0xFFFFFFFFu;  ///< no name is this long: the key of an empty entry
  std::int32_t index = -1;             ///< the candidate's index (-1: empty entry)

  /// The key of `name` (index -1). Every load stays inside the name.
  [[nodiscard]] static name_key of(std::string_view name) noexcept {
    name_key k;
    k.length = static_cast<std::uint32_t>(name.size());
    end_words(name, k.head, k.tail);
    if (name.size() >= 16) std::memcpy(&k.middle, name.data() + 8, 8);
    return k;
  }
  /// The head and tail words of `name`'s key.
  static void end_words(std::string_view name, std::uint64_t& head, std::uint64_t& tail) noexcept {
    const std::size_t n = name.size();
    const char* p = name.data();
    head = tail = 0;
    if (n >= 8) {
      std::memcpy(&head, p, 8);
      std::memcpy(&tail, p + n - 8, 8);
    } else if (n >= 4) {
      std::uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      head = a;
      tail = b;
    } else if (n > 0) {
      head = static_cast<unsigned char>(p[0]) | static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
             static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
  }
  /// Whether two keys are of the same name, when their names have at most 24 bytes.
  [[nodiscard]] bool same_short_name(const name_key& other) const noexcept {
    return ((head ^ other.head) | (middle ^ other.middle) | (tail ^ other.tail) |
            static_cast<std::uint64_t>(length ^ other.length)) == 0;
  }
};

/// A name table with a generated perfect hash: hash(name) picks one entry, whose key is compared
/// with the name's (and, for names longer than 24 bytes, the whole name).
struct name_hash {
  std::uint32_t multiplier = 0;
  std::uint8_t shift = 31;
  bool all_bytes = false;           ///< mix every byte (the quick mix collided on this table)
  std::span<const name_key> table;  ///< one entry per hash value (at least two)

  /// The quick mix: the length and the key's first and last words.
  [[nodiscard]] static std::uint32_t quick_mix(const name_key& k) noexcept {
    return quick_mix(k.head, k.tail, k.length);
  }
  /// No multiplication of its own: the table's multiplier mixes the folded word (two multiplies
  /// more sat on the path from the name to its slot, the walk's longest chain of dependent loads).
  [[nodiscard]] static std::uint32_t quick_mix(std::uint64_t head, std::uint64_t tail, std::uint32_t length) noexcept {
    const std::uint64_t x = head ^ std::rotl(tail, 29) ^ length;
    return static_cast<std::uint32_t>(x ^ (x >> 32));
  }
  /// The thorough mix: every byte of the name, eight at a time (the last word zero-extended), and
  /// its length. Whole words are loaded as such and the last one, in a name of eight bytes or more,
  /// as the name's last eight bytes shifted: a copy of a variable length per word cost more than
  /// the mix.
  [[nodiscard]] static std::uint32_t full_mix(std::string_view name) noexcept {
    const std::size_t n = name.size();
    const char* p = name.data();
    std::uint64_t h = n * 0x9E3779B97F4A7C15ull;
    const auto mix = [&h](std::uint64_t word) {
      h = (h ^ word) * 0xC2B2AE3D27D4EB4Full;
      h ^= h >> 29;
    };
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      mix(word);
    }
    if (const std::size_t rest = n - i; rest != 0) {
      std::uint64_t word = 0;
      if (n >= 8) {
        std::memcpy(&word, p + n - 8, 8);
        word >>= 8 * (8 - rest);
      } else {
        std::memcpy(&word, p, rest);
      }
      mix(word);
    }
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }
  /// The index of `name` among the candidates the table was built over, or -1; `name_at(i)` gives
  /// candidate i's name (read only for names longer than 24 bytes). The key's words are those of
  /// name_key::of, kept in registers (a name_key here was stored on the stack), the middle one
  /// read only when it is compared.
  template <typename NameAt>
  [[nodiscard]] int find(std::string_view name, NameAt name_at) const noexcept {
    const auto length = static_cast<std::uint32_t>(name.size());
    std::uint64_t head, tail;
    name_key::end_words(name, head, tail);
    const name_key& e = table[((all_bytes ? full_mix(name) : quick_mix(head, tail, length)) * multiplier) >> shift];
    if (((e.head ^ head) | (e.tail ^ tail) | static_cast<std::uint64_t>(e.length ^ length)) != 0) return -1;
    if (length > 16) {
      std::uint64_t middle;
      std::memcpy(&middle, name.data() + 8, 8);
      if (e.middle != middle) return -1;
    }
    if (length > 24 && !same_text(name_at(static_cast<std::size_t>(e.index)), name)) return -1;
    return e.index;
  }
  /// The index of `name` in `names`, the list the table was built over, or -1.
  [[nodiscard]] int find(std::string_view name, std::span<const std::string_view> names) const noexcept {
    return find(name, [names](std::size_t i) { return names[i]; });
  }
};

/// One property of a type (inherited properties flattened in, base first).
struct slot {
  std::string_view name;
  std::string_view key_pretty;   ///< `"name": ` as expansion writes it, indented output
  std::string_view key_compact;  ///< `"name":`, compact output
  edm kind = edm::string;
  std::int16_t target = -1;  ///< type index (complex) or enum index (enumeration)
  std::uint8_t accepts = 0;  ///< json_bits of the value, or of each item of a collection
  bool collection = false;
  bool nullable = true;  ///< the value (or, for a collection, each item) may be null
  bool read_only = false;
  bool navigation = false;
  bool unique_by_applies_to = false;  ///< duplicate-applies-to among the items
  string_rule rule = string_rule::none;
  unique_rule unique = unique_rule::none;
  empty_rule empty = empty_rule::none;
  date_rule date = date_rule::none;
  cross_field cross = cross_field::none;
  std::int8_t csv_entity = -1;  ///< the customization entity this slot configures, or -1
  /// Where expansion writes this member in a type written in a stored key order (its position
  /// in schemas/expansion.json's order; 255: not written); 0 in other types.
  std::uint8_t stored_rank = 0;
};

/// A property name a type had in the past, with what replaced it.
struct historic_name {
  std::string_view name;
  std::string_view replacement;  ///< empty when nothing replaced it
  std::string_view note;
};

/// How expansion writes an object of a type (docs/rules.md "Expansion").
enum class expansion_shape : std::uint8_t {
  as_sent,         ///< "@odata.type" first, then the members in the order sent
  profile,         ///< the stored key order, state and id, licensesToAssign defaulted
  customizations,  ///< the entities in stored order, the four always present
  customization,   ///< the four keys in stored order, defaults filled in
  licence,         ///< the licence "@odata.type" first, then the members as sent
};

/// An entity or complex type.
struct type_def {
  std::string_view name;             ///< CSDL name, e.g. "educationCsvDataProvider"
  std::string_view odata_type;       ///< canonical "@odata.type": "#microsoft.graph." + name
  std::string_view odata_type_json;  ///< odata_type as a JSON string literal (expansion)
  std::int16_t base = -1;
  bool abstract = false;
  bool polymorphic = false;     ///< abstract, or more than one concrete type assignable here
  bool csv_attributes = false;  ///< optional attributes are checked against the CSV lists
  bool flat = false;            ///< no property holds an object (or a collection of them)
  expansion_shape shape = expansion_shape::as_sent;
  std::int8_t customizations_slot = -1;  ///< providers: the slot written last when not sent
  std::span<const slot> slots;
  std::uint64_t required_create = 0;    ///< slots required in a create body, one bit each
  std::uint64_t required_resource = 0;  ///< slots required in a stored profile
  name_hash slot_names;
  std::span<const historic_name> historic;
  std::span<const std::uint16_t> concrete;  ///< concrete types assignable here, this one included
};

/// An enum type; members are case-sensitive.
struct enum_def {
  std::string_view name;
  std::span<const std::string_view> members;
  name_hash member_names;
  std::span<const std::string_view> supported;  ///< members SDS acts on; empty = all
  std::uint64_t supported_bits = 0;             ///< the same, as member-index bits
};

/// An old type name with its current one (unknown-odata-type hint).
struct type_alias {
  std::string_view name;
  std::int16_t type = -1;
};

/// What a CSV attribute name is for one entity.
enum class attribute_class : std::uint8_t { optional, required, deprecated, identity };

/// A CSV attribute name of one entity.
struct attribute {
  std::string_view name;
  attribute_class kind = attribute_class::optional;
};

/// CSV attribute lists of one customization entity (schemas/csv-attributes.json).
struct csv_entity_def {
  std::string_view name;                  ///< customization property name, e.g. "student"
  std::span<const attribute> attributes;  ///< every name of the entity
  name_hash attribute_names;
  std::span<const std::string_view> optional;       ///< CSV header order (expansion's default)
  std::span<const std::string_view> optional_json;  ///< the same as JSON string literals
  bool optional_properties_apply = true;
  bool start_date_applies = false;
};

/// What the service stores for a created profile (schemas/expansion.json).
struct expansion_def {
  std::span<const std::uint8_t> profile_slots;               ///< root slots in stored order
  std::string_view state_json;                               ///< `"provisioning"`
  std::string_view licences_default_json;                    ///< licensesToAssign omitted or null: `[]`
  std::span<const std::uint8_t> entity_order;                ///< customization entities (csv_entity indices)
  std::uint64_t always_present = 0;                          ///< entity bits written even when not sent
  std::span<const std::uint8_t> customization_slots;         ///< slots of one customization, in order
  std::span<const std::string_view> customization_defaults;  ///< JSON text per slot ("": the CSV list)
};

/// The whole compiled model.
struct model {
  std::span<const type_def> types;
  name_hash odata_types;  ///< canonical "@odata.type" values -> type index (odata_type of types)
  std::span<const enum_def> enums;
  std::span<const type_alias> type_aliases;
  std::span<const csv_entity_def> csv_entities;
  std::span<const std::string_view> matching_source_names;
  name_hash matching_source_hash;
  std::span<const std::string_view> matching_target_names;
  name_hash matching_target_hash;
  std::span<const std::string_view> stray_discriminators;  ///< compared ignoring ASCII case
  std::int16_t root_type = -1;
  std::int16_t creation_type = -1;  ///< educationIdentityCreationConfiguration
  std::int16_t matching_type = -1;  ///< educationIdentityMatchingConfiguration
  std::int16_t role_enum = -1;      ///< educationUserRole
  expansion_def expansion;

  [[nodiscard]] const type_def& type(std::int16_t i) const noexcept { return types[static_cast<std::size_t>(i)]; }
  /// Whether type `derived` is `base` or derives from it.
  [[nodiscard]] bool derives_from(int derived, int base) const noexcept {
    for (int t = derived; t >= 0; t = types[static_cast<std::size_t>(t)].base)
      if (t == base) return true;
    return false;
  }
};

/// The compiled model (generated, immutable, static storage, shared by every thread).
const model& the_model() noexcept;

/// The type an "@odata.type" value names, forgiving case, a missing '#' and the alias "graph."
/// (docs/rules.md odata-type-noncanonical); -1 when it names none. `canonical` tells whether the
/// value is the type's odata_type exactly. (engine/discriminators.cpp)
int odata_type_index(const model& m, std::string_view value, bool& canonical) noexcept;

}  // namespace sdsprofile::engine
