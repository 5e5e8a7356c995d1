// The compiled model (lib/src/engine/model.hpp) as C++ source: one constexpr table per type,
// enum and CSV entity, written with designated initialisers so that each value names its field.
#include "emit_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "cpp_text.hpp"
#include "engine/model.hpp"

namespace schemagen {
namespace {

using sdsprofile::engine::name_hash;
using sdsprofile::engine::name_key;

// `s` as a JSON string literal (the text expansion writes).
std::string json_literal(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      out += std::string("\\") + static_cast<char>(c);
    else if (c < 0x20)
      out += fmt::format("\\u{:04x}", c);
    else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

// An identifier for a table name: letters and digits of `s`.
std::string ident(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

// A multiplier for which name_hash's mix of a name * multiplier >> shift is collision-free over
// `names`: searched in a fixed sequence, so the output is the same on every build.
struct hash_table {
  std::uint32_t multiplier = 0;
  unsigned shift = 31;
  bool all_bytes = false;
  std::vector<int> slots;  // candidate index per hash value, -1 for none
};

std::uint32_t mix_of(const std::string& name, bool all_bytes) {
  return all_bytes ? name_hash::full_mix(name) : name_hash::quick_mix(name_key::of(name));
}

// A collision-free table with the given mix, or an empty one when none is found. Two names with
// the same mix collide under every multiplier: then there is none to search for (the search, 1.6
// million tries, took minutes in a sanitized debug build).
hash_table try_perfect_hash(const std::vector<std::string>& names, bool all_bytes) {
  std::vector<std::uint32_t> mixes;
  for (const std::string& name : names) mixes.push_back(mix_of(name, all_bytes));
  std::vector<std::uint32_t> sorted = mixes;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return {};
  std::vector<int> slots;
  for (unsigned bits = 1; bits <= 16; ++bits) {
    const std::size_t size = std::size_t{1} << bits;
    if (size < 2 * names.size()) continue;
    std::uint32_t candidate = 0x9E3779B9u;
    for (int attempt = 0; attempt < 100000; ++attempt) {
      candidate = candidate * 1664525u + 1013904223u;
      const std::uint32_t multiplier = candidate | 1u;
      slots.assign(size, -1);
      bool ok = true;
      for (std::size_t i = 0; i < mixes.size() && ok; ++i) {
        const std::uint32_t h = (mixes[i] * multiplier) >> (32 - bits);
        if (slots[h] >= 0) ok = false;
        slots[h] = static_cast<int>(i);
      }
      if (ok) return {multiplier, 32 - bits, all_bytes, std::move(slots)};
    }
  }
  return {};
}

// The quick mix where it separates the names, else the thorough one. No names: two empty entries.
hash_table perfect_hash(const std::vector<std::string>& names, const std::string& what) {
  if (names.empty()) return {0, 31, false, {-1, -1}};
  hash_table h = try_perfect_hash(names, false);
  if (h.slots.empty()) h = try_perfect_hash(names, true);
  if (h.slots.empty()) throw schema_error(what + ": no perfect hash found");
  return h;
}

// The entries of a table as a constant array `name`.
std::string key_array(const std::string& name, const hash_table& h, const std::vector<std::string>& names) {
  std::string out = fmt::format("constexpr name_key {}[] = {{\n", name);
  for (const int i : h.slots) {
    if (i < 0) {
      out += "    {},\n";
      continue;
    }
    const name_key k = name_key::of(names[static_cast<std::size_t>(i)]);
    out += fmt::format("    {{.head = {:#x}u, .middle = {:#x}u, .tail = {:#x}u, .length = {}u, .index = {}}},\n",
                       k.head, k.middle, k.tail, k.length, i);
  }
  return out + "};\n";
}

std::string hash_init(const hash_table& h, const std::string& table) {
  return fmt::format("{{.multiplier = {}u, .shift = {}, .all_bytes = {}, .table = {}}}", h.multiplier, h.shift,
                     h.all_bytes, table);
}

std::string int_array(const std::string& type, const std::string& name, const std::vector<int>& values) {
  if (values.empty()) return "";
  std::string out = fmt::format("constexpr {} {}[] = {{", type, name);
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i % 16 == 0 ? "\n    " : " ") + std::to_string(values[i]) + ",";
  return out + "\n};\n";
}

std::string string_array(const std::string& name, const std::vector<std::string>& values) {
  if (values.empty()) return "";
  std::string out = fmt::format("constexpr std::string_view {}[] = {{\n", name);
  for (const auto& v : values) out += "    " + lit(v) + ",\n";
  return out + "};\n";
}

std::string span_of(const std::string& array, bool empty) { return empty ? "{}" : array; }

// What the compiled model needs beyond the schema: the special types expansion writes.
struct roles {
  int customizations_type = -1, customization_type = -1, licence_type = -1;
};

roles find_roles(const schema_data& s) {
  roles r;
  for (const type_data& t : s.types)
    for (const property_data& p : t.own)
      if (p.csv_entity >= 0) {
        r.customizations_type = s.type_index(t.name);
        r.customization_type = p.target;
      }
  for (std::size_t i = 0; i < s.types.size(); ++i)
    if ("#" + s.ns + "." + s.types[i].name == s.expansion.licence_odata_type) r.licence_type = static_cast<int>(i);
  if (r.customizations_type < 0 || r.customization_type < 0)
    throw schema_error("model.json: no property names a csvEntity (the customizations)");
  if (r.licence_type < 0) throw schema_error("expansion.json licenseAssignment.odataType names no type");
  return r;
}

std::uint8_t accepts(const property_data& p) {
  using namespace sdsprofile::engine;
  if (p.kind == "boolean") return json_boolean;
  if (p.kind == "int64") return json_integer;
  if (p.kind == "complex") return json_object;
  return json_string;  // string, date, date_time_offset, enumeration
}

std::string string_rule_of(const property_data& p) {
  if (p.kind == "enumeration") return "enum_member";
  if (p.kind == "date") return "edm_date";
  if (p.kind == "date_time_offset") return "edm_date_time";
  std::string r = p.rule;
  std::replace(r.begin(), r.end(), '-', '_');
  return r;
}

std::string slot_init(const property_data& p, int stored_rank) {
  std::string cross = p.cross;
  std::replace(cross.begin(), cross.end(), '-', '_');
  const std::string unique = p.unique == "case-insensitive" ? "guid" : p.unique;
  return fmt::format(
      "    {{.name = {}, .key_pretty = {}, .key_compact = {}, .kind = edm::{}, .target = {}, .accepts = {}, "
      ".collection = {}, .nullable = {}, .read_only = {}, .navigation = {}, "
      ".unique_by_applies_to = {}, .rule = string_rule::{}, .unique = unique_rule::{}, "
      ".empty = empty_rule::{}, .date = date_rule::{}, .cross = cross_field::{}, .csv_entity = {}, .stored_rank = "
      "{}}},\n",
      lit(p.name), lit(json_literal(p.name) + ": "), lit(json_literal(p.name) + ":"), p.kind, p.target, accepts(p),
      p.collection, p.nullable, p.read_only, p.navigation, p.unique_by_applies_to, string_rule_of(p), unique, p.empty,
      p.date, cross, p.csv_entity, stored_rank);
}

std::string shape_of(const schema_data& s, const roles& r, int ti) {
  if (ti == s.root) return "profile";
  if (ti == r.customizations_type) return "customizations";
  if (ti == r.customization_type) return "customization";
  if (ti == r.licence_type) return "licence";
  return "as_sent";
}

// One type: its slot table, name hash, historic names and concrete types, then its row.
void emit_type(const schema_data& s, const roles& r, int ti, std::string& tables, std::string& rows) {
  const type_data& t = s.types[static_cast<std::size_t>(ti)];
  const std::string id = ident(t.name);
  const auto props = s.flattened(ti);
  if (props.size() > 64) throw schema_error("model.json type " + t.name + ": more than 64 properties");
  std::vector<std::string> names;
  int customizations_slot = -1;
  std::uint64_t required_create = 0, required_resource = 0;
  for (std::size_t i = 0; i < props.size(); ++i) {
    if (props[i]->required_create) required_create |= std::uint64_t{1} << i;
    if (props[i]->required_resource) required_resource |= std::uint64_t{1} << i;
  }
  if (!props.empty()) tables += fmt::format("constexpr slot k_slots_{}[] = {{\n", id);
  const std::string shape = shape_of(s, r, ti);
  // Where expansion writes each property of a type written in a stored key order (255: never).
  const auto stored_rank = [&](std::size_t i) {
    const auto position = [](const std::vector<std::string>& order, const std::string& name) {
      const auto at = std::find(order.begin(), order.end(), name);
      return at == order.end() ? 255 : static_cast<int>(at - order.begin());
    };
    if (shape == "profile") return position(s.expansion.profile_keys, props[i]->name);
    if (shape == "customization") return position(s.expansion.customization_keys, props[i]->name);
    if (shape == "customizations")
      return props[i]->csv_entity < 0
                 ? 255
                 : position(s.expansion.entity_order, s.entities[static_cast<std::size_t>(props[i]->csv_entity)].name);
    return 0;
  };
  for (std::size_t i = 0; i < props.size(); ++i) {
    tables += slot_init(*props[i], stored_rank(i));
    names.push_back(props[i]->name);
    if (props[i]->kind == "complex" && props[i]->target == r.customizations_type && s.expansion.append_customizations)
      customizations_slot = static_cast<int>(i);
  }
  if (!props.empty()) tables += "};\n";
  const hash_table h = perfect_hash(names, "type " + t.name);
  tables += key_array("k_slot_hash_" + id, h, names);
  std::vector<int> concrete = s.concrete_of(ti);
  tables += int_array("std::uint16_t", "k_concrete_" + id, concrete);
  if (!t.historic.empty()) {
    tables += fmt::format("constexpr historic_name k_historic_{}[] = {{\n", id);
    for (const historic_data& hd : t.historic)
      tables += fmt::format("    {{.name = {}, .replacement = {}, .note = {}}},\n", lit(hd.name), lit(hd.replacement),
                            lit(hd.note));
    tables += "};\n";
  }
  const std::string odata_type = "#" + s.ns + "." + t.name;
  rows += fmt::format(
      "    {{.name = {}, .odata_type = {}, .odata_type_json = {}, .base = {}, .abstract = {}, .polymorphic = {}, "
      ".csv_attributes = {}, .flat = {}, .shape = expansion_shape::{}, .customizations_slot = {}, .slots = {}, "
      ".required_create = {}u, .required_resource = {}u, .slot_names = {}, .historic = {}, .concrete = {}}},\n",
      lit(t.name), lit(odata_type), lit(json_literal(odata_type)), t.base, t.abstract,
      t.abstract || concrete.size() > 1, t.csv_attributes,
      std::none_of(props.begin(), props.end(), [](const property_data* p) { return p->kind == "complex"; }),
      shape_of(s, r, ti), customizations_slot, span_of("k_slots_" + id, props.empty()), required_create,
      required_resource, hash_init(h, "k_slot_hash_" + id), span_of("k_historic_" + id, t.historic.empty()),
      span_of("k_concrete_" + id, concrete.empty()));
}

void emit_enum(const enum_data& e, std::string& tables, std::string& rows) {
  const std::string id = ident(e.name);
  tables += string_array("k_members_" + id, e.members);
  tables += string_array("k_supported_" + id, e.supported);
  const hash_table h = perfect_hash(e.members, "enum " + e.name);
  tables += key_array("k_member_hash_" + id, h, e.members);
  std::uint64_t bits = 0;
  for (const std::string& m : e.supported)
    bits |= std::uint64_t{1} << (std::find(e.members.begin(), e.members.end(), m) - e.members.begin());
  rows += fmt::format(
      "    {{.name = {}, .members = k_members_{}, .member_names = {}, .supported = {}, .supported_bits = {}u}},\n",
      lit(e.name), id, hash_init(h, "k_member_hash_" + id), span_of("k_supported_" + id, e.supported.empty()), bits);
}

void emit_entity(const entity_data& e, std::string& tables, std::string& rows) {
  const std::string id = ident(e.name);
  std::vector<std::string> names;
  tables += fmt::format("constexpr attribute k_attributes_{}[] = {{\n", id);
  const std::pair<const std::vector<std::string>*, const char*> lists[] = {
      {&e.optional, "optional"}, {&e.required, "required"}, {&e.deprecated, "deprecated"}, {&e.identity, "identity"}};
  for (const auto& [list, kind] : lists)
    for (const std::string& n : *list) {
      if (std::find(names.begin(), names.end(), n) != names.end())
        throw schema_error("csv-attributes.json entity " + e.name + ": '" + n + "' is listed twice");
      names.push_back(n);
      tables += fmt::format("    {{.name = {}, .kind = attribute_class::{}}},\n", lit(n), kind);
    }
  tables += "};\n";
  const hash_table h = perfect_hash(names, "entity " + e.name);
  tables += key_array("k_attribute_hash_" + id, h, names);
  tables += string_array("k_optional_" + id, e.optional);
  std::vector<std::string> quoted;
  for (const std::string& n : e.optional) quoted.push_back(json_literal(n));
  tables += string_array("k_optional_json_" + id, quoted);
  rows += fmt::format(
      "    {{.name = {}, .attributes = k_attributes_{}, .attribute_names = {}, .optional = {}, .optional_json = {}, "
      ".optional_properties_apply = {}, .start_date_applies = {}}},\n",
      lit(e.name), id, hash_init(h, "k_attribute_hash_" + id), span_of("k_optional_" + id, e.optional.empty()),
      span_of("k_optional_json_" + id, e.optional.empty()), e.optional_properties_apply, e.start_date_applies);
}

int slot_index(const schema_data& s, int ti, const std::string& name, const std::string& what) {
  const auto props = s.flattened(ti);
  for (std::size_t i = 0; i < props.size(); ++i)
    if (props[i]->name == name) return static_cast<int>(i);
  throw schema_error(what + ": '" + name + "' is no property of " + s.types[static_cast<std::size_t>(ti)].name);
}

// The profile's keyOrder against onlyWhenSent: a key the stored profile can lack must be listed
// there, and only such a key. A key is always there when it is required in a create body, when the
// service fills it in (required in a stored profile only: state, id), or when expansion.json gives
// its default (licensesToAssign, the collection of the profile).
void check_only_when_sent(const schema_data& s) {
  const expansion_data& x = s.expansion;
  for (const std::string& k : x.only_when_sent)
    if (std::find(x.profile_keys.begin(), x.profile_keys.end(), k) == x.profile_keys.end())
      throw schema_error("expansion.json onlyWhenSent: '" + k + "' is not in keyOrder");
  const auto props = s.flattened(s.root);
  for (const std::string& k : x.profile_keys) {
    const auto p = std::find_if(props.begin(), props.end(), [&](const property_data* q) { return q->name == k; });
    const bool always = (*p)->required_create || (*p)->required_resource || (*p)->collection;
    const bool listed = std::find(x.only_when_sent.begin(), x.only_when_sent.end(), k) != x.only_when_sent.end();
    if (always == listed)
      throw schema_error("expansion.json onlyWhenSent: '" + k +
                         (listed ? "' is always in a stored profile" : "' can be missing and is not listed"));
  }
}

// schemas/expansion.json: names resolved to slot and entity indices.
std::string emit_expansion(const schema_data& s, const roles& r, std::string& tables) {
  const expansion_data& x = s.expansion;
  std::vector<int> profile, entities, custom;
  for (const std::string& k : x.profile_keys) profile.push_back(slot_index(s, s.root, k, "expansion.json keyOrder"));
  check_only_when_sent(s);
  for (const std::string& e : x.entity_order) entities.push_back(s.entity_index(e));
  std::uint64_t always = 0;
  for (const std::string& e : x.always_present) always |= std::uint64_t{1} << s.entity_index(e);
  for (const std::string& k : x.customization_keys)
    custom.push_back(slot_index(s, r.customization_type, k, "expansion.json customization keyOrder"));
  tables += int_array("std::uint8_t", "k_profile_slots", profile);
  tables += int_array("std::uint8_t", "k_entity_order", entities);
  tables += int_array("std::uint8_t", "k_customization_slots", custom);
  tables += string_array("k_customization_defaults", x.customization_defaults);
  return fmt::format(
      "{{.profile_slots = k_profile_slots, .state_json = {}, .licences_default_json = {}, "
      ".entity_order = k_entity_order, .always_present = {}u, .customization_slots = k_customization_slots, "
      ".customization_defaults = k_customization_defaults}}",
      lit(json_literal(x.state)), lit(x.licences_default), always);
}

}  // namespace

std::string compiled_model_source(const schema_data& s) {
  const roles r = find_roles(s);
  std::string tables, type_rows, enum_rows, entity_rows, alias_rows;
  for (int ti = 0; ti < static_cast<int>(s.types.size()); ++ti) emit_type(s, r, ti, tables, type_rows);
  for (const enum_data& e : s.enums) emit_enum(e, tables, enum_rows);
  for (const entity_data& e : s.entities) emit_entity(e, tables, entity_rows);
  for (const alias_data& a : s.type_aliases)
    alias_rows += fmt::format("    {{.name = {}, .type = {}}},\n", lit(a.name), a.type);
  std::vector<std::string> odata_types;
  for (const type_data& t : s.types) odata_types.push_back("#" + s.ns + "." + t.name);
  const hash_table odata_hash = perfect_hash(odata_types, "@odata.type values");
  tables += key_array("k_odata_type_hash", odata_hash, odata_types);
  const std::vector<std::string> sources = s.matching_sources();
  tables += string_array("k_matching_sources", sources);
  tables += key_array("k_matching_source_hash", perfect_hash(sources, "matching sources"), sources);
  tables += string_array("k_matching_targets", s.matching_targets);
  tables +=
      key_array("k_matching_target_hash", perfect_hash(s.matching_targets, "matching targets"), s.matching_targets);
  tables += string_array("k_stray_discriminators", s.stray_discriminators);
  const std::string expansion = emit_expansion(s, r, tables);
  const auto type_of = [&](const char* name) {
    const int i = s.type_index(name);
    if (i < 0) throw schema_error(fmt::format("model.json: the checker needs the type {}", name));
    return i;
  };
  const int role_enum = s.enum_index("educationUserRole");
  if (role_enum < 0) throw schema_error("model.json: the checker needs the enum educationUserRole");

  std::string out =
      "// Generated by tools/schemagen from schemas/model.json, schemas/csv-attributes.json and\n"
      "// schemas/expansion.json. Do not edit: change those instead.\n"
      "#include \"engine/model.hpp\"\n\nnamespace sdsprofile::engine {\nnamespace {\n\n";
  out += tables;
  out += "constexpr type_def k_types[] = {\n" + type_rows + "};\n";
  out += "constexpr enum_def k_enums[] = {\n" + enum_rows + "};\n";
  out += "constexpr csv_entity_def k_entities[] = {\n" + entity_rows + "};\n";
  if (!alias_rows.empty()) out += "constexpr type_alias k_aliases[] = {\n" + alias_rows + "};\n";
  const hash_table sources_hash = perfect_hash(sources, "matching sources");
  const hash_table targets_hash = perfect_hash(s.matching_targets, "matching targets");
  out += fmt::format(
      "\nconstexpr model k_model = {{\n    .types = k_types,\n    .odata_types = {},\n    .enums = k_enums,\n    "
      ".type_aliases = {},\n"
      "    .csv_entities = k_entities,\n    .matching_source_names = k_matching_sources,\n"
      "    .matching_source_hash = {},\n    .matching_target_names = k_matching_targets,\n"
      "    .matching_target_hash = {},\n    .stray_discriminators = k_stray_discriminators,\n"
      "    .root_type = {},\n    .creation_type = {},\n    .matching_type = {},\n    .role_enum = {},\n"
      "    .expansion = {}}};\n\n}}  // namespace\n\nconst model& the_model() noexcept {{ return k_model; }}\n\n"
      "}}  // namespace sdsprofile::engine\n",
      hash_init(odata_hash, "k_odata_type_hash"), span_of("k_aliases", alias_rows.empty()),
      hash_init(sources_hash, "k_matching_source_hash"), hash_init(targets_hash, "k_matching_target_hash"), s.root,
      type_of("educationIdentityCreationConfiguration"), type_of("educationIdentityMatchingConfiguration"), role_enum,
      expansion);
  return out;
}

}  // namespace schemagen
