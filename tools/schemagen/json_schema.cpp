#include "json_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <vector>

namespace schemagen {
namespace {

// A JSON value in insertion order: a scalar as its JSON text, or an array or object.
struct jvalue {
  bool is_object = false, is_array = false;
  std::string text;
  std::vector<std::string> keys;  // object members' names
  std::vector<jvalue> values;     // array items or object members' values
  jvalue&& set(const std::string& key, jvalue v) && {
    keys.push_back(key);
    values.push_back(std::move(v));
    return std::move(*this);
  }
  void add(const std::string& key, jvalue v) {
    keys.push_back(key);
    values.push_back(std::move(v));
  }
};

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}
jvalue jtext(std::string raw) {
  jvalue v;
  v.text = std::move(raw);
  return v;
}
jvalue jstr(std::string_view s) { return jtext(json_quote(s)); }
jvalue jobj() {
  jvalue v;
  v.is_object = true;
  return v;
}
jvalue jarr(std::vector<jvalue> items) {
  jvalue v;
  v.is_array = true;
  v.values = std::move(items);
  return v;
}
jvalue jstrs(const std::vector<std::string>& list) {
  std::vector<jvalue> items;
  for (const auto& s : list) items.push_back(jstr(s));
  return jarr(std::move(items));
}
jvalue jref(const std::string& def) { return jobj().set("$ref", jstr("#/$defs/" + def)); }

std::string one_line(const jvalue& v) {
  if (!v.is_object && !v.is_array) return v.text;
  std::string line(1, v.is_object ? '{' : '[');
  for (std::size_t i = 0; i < v.values.size(); ++i)
    line += (i ? ", " : "") + (v.is_object ? json_quote(v.keys[i]) + ": " : std::string()) + one_line(v.values[i]);
  return line + (v.is_object ? '}' : ']');
}

// Two-space indentation; a value that fits in 100 columns stays on one line.
void print(const jvalue& v, std::size_t indent, std::string& out) {
  if (std::string line = one_line(v); indent + line.size() <= 100 || (!v.is_object && !v.is_array)) {
    out += line;
    return;
  }
  out += v.is_object ? '{' : '[';
  for (std::size_t i = 0; i < v.values.size(); ++i) {
    out += (i ? ",\n" : "\n") + std::string(indent + 2, ' ');
    if (v.is_object) out += json_quote(v.keys[i]) + ": ";
    print(v.values[i], indent + 2, out);
  }
  out += "\n" + std::string(indent, ' ') + (v.is_object ? '}' : ']');
}

// Regex matching `s` ignoring ASCII case, letter by letter: an inline (?i) flag is not portable
// across JSON Schema validators.
std::string any_case(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u))
      out += fmt::format("[{}{}]", char(std::toupper(u)), char(std::tolower(u)));
    else if (c == '.')
      out += "\\.";
    else
      out += c;
  }
  return out;
}

// docs/rules.md empty-value: Unicode White_Space, as text_rules.cpp's white_space_at (JavaScript's \s
// differs: it includes U+FEFF and lacks U+0085).
constexpr const char* k_non_blank =
    "[^\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
constexpr const char* k_guid = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

const type_data& type_at(const schema_data& s, int ti) { return s.types[static_cast<std::size_t>(ti)]; }

// The types a create body can hold (reachable from the root through writable properties, an
// abstract type through its concrete ones) and the enums they use.
void reachable_from_root(const schema_data& s, std::set<int>& types, std::set<std::string>& enums) {
  std::vector<int> todo = {s.root};
  while (!todo.empty()) {
    const int ti = todo.back();
    todo.pop_back();
    if (!types.insert(ti).second) continue;
    if (type_at(s, ti).abstract)
      for (int ci : s.concrete_of(ti)) todo.push_back(ci);
    for (const property_data* p : s.flattened(ti)) {
      if (p->navigation || p->read_only) continue;
      if (p->kind == "complex") todo.push_back(p->target);
      if (p->kind == "enumeration") enums.insert(p->type_name);
    }
  }
}

// The schema of one value (of a collection: of one item).
jvalue value_schema(const schema_data& s, const property_data& p) {
  jvalue v = jobj();
  std::string type;
  if (p.kind == "complex")
    v = jref(type_at(s, p.target).name);
  else if (p.kind == "enumeration")
    v = jref(p.type_name);
  else if (p.kind == "boolean")
    type = "boolean";
  else if (p.kind == "int64")
    type = "integer";
  else
    type = "string";
  if (!type.empty())
    v.add("type", p.nullable ? jarr({jstr(type), jstr("null")}) : jstr(type));
  else if (p.nullable)
    v = jobj().set("anyOf", jarr({std::move(v), jobj().set("type", jstr("null"))}));
  if (p.kind == "date") v.add("format", jstr("date"));
  if (p.kind == "date_time_offset") v.add("format", jstr("date-time"));
  if (p.rule == "guid")
    v.add("pattern", jstr(k_guid));
  else if (p.rule != "none" && p.rule != "csv-attribute")
    v.add("pattern", jstr(k_non_blank));
  return v;
}

// The type whose properties expansion.json's customization defaults are for: the target of the
// properties that name a CSV entity.
int customization_type(const schema_data& s) {
  int found = -1;
  for (const type_data& t : s.types)
    for (const property_data& p : t.own)
      if (p.csv_entity >= 0) found = p.target;
  return found;
}

// `customizations` is customization_type(s).
jvalue property_schema(const schema_data& s, const property_data& p, int owner, int customizations) {
  if (p.navigation)
    return jobj()
        .set("description", jstr("Navigation property: it cannot be written inline in a create body (docs/rules.md "
                                 "navigation-property)."))
        .set("not", jobj());
  if (p.read_only)
    return jobj()
        .set("description",
             jstr("Read-only: the service ignores it in a create body (docs/rules.md read-only-property, a warning)."))
        .set("readOnly", jtext("true"));
  jvalue v = value_schema(s, p);
  if (p.collection) {
    // A null collection counts as omitted (docs/rules.md null-collection, a warning), even when required.
    v = jobj().set("type", jarr({jstr("array"), jstr("null")})).set("items", std::move(v));
    if (p.empty == "error") v.add("minItems", jtext("1"));
  }
  const expansion_data& x = s.expansion;
  if (owner == s.root && p.name == "licensesToAssign") v.add("default", jtext(x.licences_default));
  if (owner == customizations) {
    const auto key = std::find(x.customization_keys.begin(), x.customization_keys.end(), p.name);
    if (key != x.customization_keys.end()) {
      const std::string& json = x.customization_defaults[static_cast<std::size_t>(key - x.customization_keys.begin())];
      if (!json.empty()) v.add("default", jtext(json));  // "" is the CSV list, below
    }
  }
  if (p.csv_entity >= 0) {  // what expansion stores when the entity's list is omitted or null
    v.add("type", jarr({jstr("object"), jstr("null")}));
    v.add("properties",
          jobj().set("optionalPropertiesToSync",
                     jobj().set("default", jstrs(s.entities[static_cast<std::size_t>(p.csv_entity)].optional))));
  }
  return v;
}

// An abstract type: @odata.type names one of its concrete types, whose schema then applies.
void add_abstract(const schema_data& s, int ti, jvalue& def) {
  const auto concrete = s.concrete_of(ti);
  if (concrete.empty()) throw schema_error(type_at(s, ti).name + ": abstract type with no concrete derived type");
  std::vector<jvalue> names, choices;
  std::string list;
  for (int ci : concrete) {
    const std::string& name = type_at(s, ci).name;
    names.push_back(jref("odataType." + name));
    list += (list.empty() ? "" : ", ") + name;
    choices.push_back(jobj()
                          .set("if", jobj()
                                         .set("properties", jobj().set("@odata.type", jref("odataType." + name)))
                                         .set("required", jstrs({"@odata.type"})))
                          .set("then", jref(name)));
  }
  def.add("description",
          jstr("Abstract (docs/rules.md abstract-type): @odata.type names the concrete type, one of " + list + "."));
  def.add("required", jstrs({"@odata.type"}));
  def.add("properties", jobj().set("@odata.type", jobj().set("anyOf", jarr(std::move(names)))));
  def.add("allOf", jarr(std::move(choices)));
}

// A concrete type: its properties (inherited first), the required ones, annotations allowed,
// nothing else.
void add_concrete(const schema_data& s, int ti, jvalue& def) {
  const type_data& t = type_at(s, ti);
  if (s.concrete_of(ti).size() > 1)
    throw schema_error(t.name + ": a concrete type with derived types is not supported");
  jvalue props = jobj().set("@odata.type", jref("odataType." + t.name));
  std::vector<std::string> required;
  const int customizations = customization_type(s);
  for (const property_data* p : s.flattened(ti)) {
    props.add(p->name, property_schema(s, *p, ti, customizations));
    if (p->required_create) required.push_back(p->name);
  }
  def.add("properties", std::move(props));
  if (!required.empty()) def.add("required", jstrs(required));
  def.add("patternProperties",
          jobj().set("@", jobj().set("description", jstr("An annotation: ignored in a create body (docs/rules.md "
                                                         "ignored-annotation, a warning)."))));
  def.add("additionalProperties", jtext("false"));
  def.add("$ref", jstr("#/$defs/odataTypeKeyCase"));
}

}  // namespace

std::string json_schema(const schema_data& s) {
  std::set<int> reachable;
  std::set<std::string> enums_used;
  reachable_from_root(s, reachable, enums_used);

  jvalue defs = jobj();
  for (int ti = 0; ti < static_cast<int>(s.types.size()); ++ti) {
    if (!reachable.count(ti)) continue;
    const type_data& t = type_at(s, ti);
    jvalue def = jobj().set("title", jstr(t.name)).set("type", jstr("object"));
    if (t.abstract)
      add_abstract(s, ti, def);
    else
      add_concrete(s, ti, def);
    defs.add(t.name, std::move(def));
  }
  for (const enum_data& e : s.enums)
    if (enums_used.count(e.name))
      defs.add(e.name, jobj()
                           .set("title", jstr(e.name))
                           .set("description", jstr("Members are case-sensitive (docs/rules.md invalid-enum)."))
                           .set("type", jstr("string"))
                           .set("enum", jstrs(e.members)));
  const std::string prefix = "^#?(?:" + any_case(s.ns + ".") + "|" + any_case(s.alias + ".") + ")";
  for (int ti = 0; ti < static_cast<int>(s.types.size()); ++ti) {
    const type_data& t = type_at(s, ti);
    if (!reachable.count(ti) || t.abstract) continue;
    const std::string canonical = "#" + s.ns + "." + t.name;
    defs.add("odataType." + t.name,
             jobj()
                 .set("description", jstr(canonical + "; case, the leading '#' and the alias " + s.alias +
                                          ". are accepted (docs/rules.md odata-type-noncanonical, a warning)."))
                 .set("type", jstr("string"))
                 .set("pattern", jstr(prefix + any_case(t.name) + "$"))
                 .set("examples", jstrs({canonical})));
  }
  const std::string key_pattern = "^" + any_case("@odata.type") + "$";
  defs.add("odataTypeKeyCase",
           jobj()
               .set("description",
                    jstr("A key equal to @odata.type only ignoring case is an error (docs/rules.md property-name-case) "
                         "unless @odata.type itself is present; then it is an ignored annotation."))
               .set("anyOf",
                    jarr({jobj().set("type", jstr("object")).set("required", jstrs({"@odata.type"})),
                          jobj()
                              .set("type", jstr("object"))
                              .set("propertyNames", jobj().set("not", jobj().set("pattern", jstr(key_pattern))))})));

  const std::string& root = type_at(s, s.root).name;
  jvalue doc =
      jobj()
          .set("$schema", jstr("https://json-schema.org/draft/2020-12/schema"))
          .set("$comment",
               jstr("Generated by tools/schemagen from schemas/model.json, schemas/csv-attributes.json and "
                    "schemas/expansion.json. Do not edit: change those, then run cmake --build BUILD --target "
                    "refresh_json_schema."))
          .set("title", jstr(root + " create body"))
          .set("description",
               jstr("The body of POST /education/synchronizationProfiles (Microsoft Graph beta) as sdsprofile checks "
                    "it in create mode: types, required properties, unknown properties, enums, the GUID pattern, "
                    "blank values and the @odata.type discriminators. sdsprofile's other rules (docs/rules.md) go "
                    "beyond a schema. A default is what the service stores when the value is omitted."))
          .set("$ref", jstr("#/$defs/" + root))
          .set("$defs", std::move(defs));
  std::string out;
  print(doc, 0, out);
  return out + "\n";
}

std::string json_schema_source(const std::string& schema) {
  const std::string delimiter = "json_schema";
  if (schema.find(")" + delimiter + "\"") != std::string::npos)
    throw schema_error("the JSON Schema's text contains the raw string delimiter");
  return "// Generated by tools/schemagen (json_schema.cpp): schemas/sdsprofile.schema.json as text. Do not edit.\n"
         "#include \"schema.hpp\"\n\nnamespace sdsprofile::cli {\n\nstd::string_view json_schema() noexcept {\n"
         "  static constexpr std::string_view text = R\"" +
         delimiter + "(" + schema + ")" + delimiter +
         "\";\n"
         "  return text;\n}\n\n}  // namespace sdsprofile::cli\n";
}

}  // namespace schemagen
