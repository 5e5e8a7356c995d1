// Build-time generator: schemas/model.json + csv-attributes.json + expansion.json -> C++ tables
// (lib/src/model.hpp shapes) and, on request, the JSON Schema (draft 2020-12) of a create body.
// Usage: schemagen MODEL.json CSV.json EXPANSION.json OUT.cpp [--json-schema SCHEMA.json]
//                  [--json-schema-cpp SCHEMA_TEXT.cpp]
// Fails (exit 1, message on stderr) on any inconsistency: an unknown type or enum name, an
// unknown rule, a duplicate property, a csvEntity with no list. The model is small, so clarity
// beats speed here.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

std::string str(element e, const char* what) {
  std::string_view v;
  if (e.get_string().get(v)) fail(fmt::format("{}: expected a string", what));
  return std::string(v);
}
std::string str_or(object o, const char* key, const std::string& fallback) {
  element e;
  if (o[key].get(e)) return fallback;
  return str(e, key);
}
bool bool_or(object o, const char* key, bool fallback) {
  element e;
  if (o[key].get(e)) return fallback;
  bool b;
  if (e.get_bool().get(b)) fail(fmt::format("{}: expected a boolean", key));
  return b;
}
std::vector<std::string> strings_or_empty(object o, const char* key) {
  std::vector<std::string> out;
  element e;
  if (o[key].get(e)) return out;
  array a;
  if (e.get_array().get(a)) fail(fmt::format("{}: expected an array", key));
  for (element item : a) out.push_back(str(item, key));
  return out;
}

// C++ string literal for `s` (escapes quotes, backslashes and non-printable bytes).
std::string lit(const std::string& s) {
  std::string out = "std::string_view{\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f)
      out += fmt::format("\\x{:02x}\"\"", c);
    else
      out += static_cast<char>(c);
  }
  out += fmt::format("\", {}}}", s.size());
  return out;
}

struct string_pool {
  std::vector<std::string> items;
  std::pair<unsigned, unsigned> add(const std::vector<std::string>& list) {
    unsigned first = static_cast<unsigned>(items.size());
    items.insert(items.end(), list.begin(), list.end());
    return {first, static_cast<unsigned>(list.size())};
  }
};

struct prop {
  std::string name, kind, rules_string = "none", unique = "none", empty = "none", date = "none", cross = "none";
  int target = -1;
  bool collection = false, nullable = true, req_create = false, req_resource = false, read_only = false,
       navigation = false, unique_by_applies_to = false;
  int csv_entity = -1;
  std::string type_name;  // resolved after all types are read
};

struct type_rec {
  std::string name;
  std::string base;
  bool abstract = false, csv = false;
  std::vector<prop> own;
  std::vector<std::array<std::string, 3>> historic;
};

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(fmt::format("cannot read {}", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_if_changed(const char* path, const std::string& text) {
  // Only when changed, so that an unchanged model does not trigger a rebuild.
  std::string old;
  try {
    old = read_file(path);
  } catch (const std::exception&) {
  }
  if (old == text) return;
  std::ofstream o(path, std::ios::binary | std::ios::trunc);
  o << text;
  if (!o) fail(fmt::format("cannot write {}", path));
}

// --- JSON Schema (draft 2020-12) of a create body ------------------------------------------------

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
    } else if (c < 0x20)
      out += fmt::format("\\u{:04x}", c);
    else
      out += static_cast<char>(c);
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
  for (auto& s : list) items.push_back(jstr(s));
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

// What the schema needs from the model files (run() has read and checked them).
struct schema_model {
  const std::vector<type_rec>& types;
  std::string ns, alias;
  int root;
  std::map<std::string, std::vector<std::string>> enum_members;
  std::vector<std::string> enum_order;                        // model order
  std::vector<std::vector<std::string>> entity_optional;      // per CSV entity, in file order
  std::map<std::string, std::string> customization_defaults;  // property -> JSON text
  std::string licences_default;                               // JSON text
};

// docs/rules.md empty-value: Unicode White_Space, as text_rules.cpp's white_space_at (JavaScript's \s
// differs: it includes U+FEFF and lacks U+0085).
constexpr const char* k_non_blank =
    "[^\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
constexpr const char* k_guid = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

std::string json_schema(const schema_model& m) {
  const auto& types = m.types;
  auto index_of = [&](const std::string& name) {
    for (std::size_t i = 0; i < types.size(); ++i)
      if (types[i].name == name) return static_cast<int>(i);
    return -1;
  };
  auto chain = [&](int ti) {  // base first
    std::vector<int> c;
    for (int i = ti; i >= 0; i = types[i].base.empty() ? -1 : index_of(types[i].base)) c.insert(c.begin(), i);
    return c;
  };
  auto concrete_of = [&](int ti) {
    std::vector<int> out;
    for (int ci = 0; ci < static_cast<int>(types.size()); ++ci) {
      const auto c = chain(ci);
      if (!types[ci].abstract && std::find(c.begin(), c.end(), ti) != c.end()) out.push_back(ci);
    }
    return out;
  };
  // What a create body can hold: reachable through writable properties.
  std::set<int> reachable;
  std::set<std::string> enums_used;
  std::vector<int> todo = {m.root};
  while (!todo.empty()) {
    const int ti = todo.back();
    todo.pop_back();
    if (!reachable.insert(ti).second) continue;
    if (types[ti].abstract)
      for (int ci : concrete_of(ti)) todo.push_back(ci);
    for (int i : chain(ti))
      for (auto& p : types[i].own) {
        if (p.navigation || p.read_only) continue;
        if (p.kind == "complex") todo.push_back(p.target);
        if (p.kind == "enumeration") enums_used.insert(p.type_name);
      }
  }
  int customization_type = -1;  // the type that expansion.json's customization defaults are for
  for (auto& t : types)
    for (auto& p : t.own)
      if (p.csv_entity >= 0) customization_type = p.target;

  auto value_schema = [&](const prop& p) {
    jvalue v = jobj();
    std::string type;
    if (p.kind == "complex")
      v = jref(types[p.target].name);
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
    if (p.rules_string == "guid")
      v.add("pattern", jstr(k_guid));
    else if (p.rules_string != "none" && p.rules_string != "csv-attribute")
      v.add("pattern", jstr(k_non_blank));
    return v;
  };
  auto property_schema = [&](const prop& p, int owner) {
    if (p.navigation)
      return jobj()
          .set("description", jstr("Navigation property: it cannot be written inline in a create body (docs/rules.md "
                                   "navigation-property)."))
          .set("not", jobj());
    if (p.read_only)
      return jobj()
          .set(
              "description",
              jstr("Read-only: the service ignores it in a create body (docs/rules.md read-only-property, a warning)."))
          .set("readOnly", jtext("true"));
    jvalue v = value_schema(p);
    if (p.collection) {
      // A null collection counts as omitted (docs/rules.md null-collection, a warning), even when required.
      v = jobj().set("type", jarr({jstr("array"), jstr("null")})).set("items", std::move(v));
      if (p.empty == "error") v.add("minItems", jtext("1"));
    }
    if (owner == m.root && p.name == "licensesToAssign") v.add("default", jtext(m.licences_default));
    if (owner == customization_type && m.customization_defaults.count(p.name))
      v.add("default", jtext(m.customization_defaults.at(p.name)));
    if (p.csv_entity >= 0) {  // what expansion stores when the entity's list is omitted or null
      v.add("type", jarr({jstr("object"), jstr("null")}));
      v.add("properties",
            jobj().set("optionalPropertiesToSync",
                       jobj().set("default", jstrs(m.entity_optional.at(static_cast<std::size_t>(p.csv_entity))))));
    }
    return v;
  };

  jvalue defs = jobj();
  for (int ti = 0; ti < static_cast<int>(types.size()); ++ti) {
    if (!reachable.count(ti)) continue;
    const type_rec& t = types[ti];
    jvalue def = jobj().set("title", jstr(t.name)).set("type", jstr("object"));
    if (t.abstract) {
      const auto concrete = concrete_of(ti);
      if (concrete.empty()) fail(t.name + ": abstract type with no concrete derived type");
      std::vector<jvalue> names, choices;
      std::vector<std::string> concrete_names;
      for (int ci : concrete) {
        names.push_back(jref("odataType." + types[ci].name));
        concrete_names.push_back(types[ci].name);
        choices.push_back(
            jobj()
                .set("if", jobj()
                               .set("properties", jobj().set("@odata.type", jref("odataType." + types[ci].name)))
                               .set("required", jstrs({"@odata.type"})))
                .set("then", jref(types[ci].name)));
      }
      std::string list;
      for (auto& n : concrete_names) list += (list.empty() ? "" : ", ") + n;
      def.add(
          "description",
          jstr("Abstract (docs/rules.md abstract-type): @odata.type names the concrete type, one of " + list + "."));
      def.add("required", jstrs({"@odata.type"}));
      def.add("properties", jobj().set("@odata.type", jobj().set("anyOf", jarr(std::move(names)))));
      def.add("allOf", jarr(std::move(choices)));
    } else {
      if (concrete_of(ti).size() > 1) fail(t.name + ": a concrete type with derived types is not supported");
      jvalue props = jobj().set("@odata.type", jref("odataType." + t.name));
      std::vector<std::string> required;
      for (int i : chain(ti))
        for (auto& p : types[i].own) {
          props.add(p.name, property_schema(p, ti));
          if (p.req_create) required.push_back(p.name);
        }
      def.add("properties", std::move(props));
      if (!required.empty()) def.add("required", jstrs(required));
      def.add("patternProperties",
              jobj().set(
                  "@",
                  jobj().set(
                      "description",
                      jstr("An annotation: ignored in a create body (docs/rules.md ignored-annotation, a warning)."))));
      def.add("additionalProperties", jtext("false"));
      def.add("$ref", jstr("#/$defs/odataTypeKeyCase"));
    }
    defs.add(t.name, std::move(def));
  }
  for (auto& name : m.enum_order)
    if (enums_used.count(name))
      defs.add(name, jobj()
                         .set("title", jstr(name))
                         .set("description", jstr("Members are case-sensitive (docs/rules.md invalid-enum)."))
                         .set("type", jstr("string"))
                         .set("enum", jstrs(m.enum_members.at(name))));
  const std::string prefix = "^#?(?:" + any_case(m.ns + ".") + "|" + any_case(m.alias + ".") + ")";
  for (int ti = 0; ti < static_cast<int>(types.size()); ++ti) {
    if (!reachable.count(ti) || types[ti].abstract) continue;
    const std::string canonical = "#" + m.ns + "." + types[ti].name;
    defs.add("odataType." + types[ti].name,
             jobj()
                 .set("description", jstr(canonical + "; case, the leading '#' and the alias " + m.alias +
                                          ". are accepted (docs/rules.md odata-type-noncanonical, a warning)."))
                 .set("type", jstr("string"))
                 .set("pattern", jstr(prefix + any_case(types[ti].name) + "$"))
                 .set("examples", jstrs({canonical})));
  }
  const std::string key_pattern = "^" + any_case("@odata.type") + "$";
  defs.add(
      "odataTypeKeyCase",
      jobj()
          .set(
              "description",
              jstr(
                  "A key equal to @odata.type only ignoring case is an error (docs/rules.md property-name-case) unless "
                  "@odata.type itself is present; then it is an ignored annotation."))
          .set("anyOf",
               jarr({jobj().set("type", jstr("object")).set("required", jstrs({"@odata.type"})),
                     jobj()
                         .set("type", jstr("object"))
                         .set("propertyNames", jobj().set("not", jobj().set("pattern", jstr(key_pattern))))})));

  jvalue doc =
      jobj()
          .set("$schema", jstr("https://json-schema.org/draft/2020-12/schema"))
          .set("$comment",
               jstr("Generated by tools/schemagen.cpp from schemas/model.json, schemas/csv-attributes.json and "
                    "schemas/expansion.json. Do not edit: change those, then run cmake --build BUILD --target "
                    "refresh_json_schema."))
          .set("title", jstr(types[m.root].name + " create body"))
          .set(
              "description",
              jstr(
                  "The body of POST /education/synchronizationProfiles (Microsoft Graph beta) as sdsprofile checks it "
                  "in create "
                  "mode: types, required properties, unknown properties, enums, the GUID pattern, blank values and the "
                  "@odata.type discriminators. sdsprofile's other rules (docs/rules.md) go beyond a schema. A default "
                  "is what "
                  "the service stores when the value is omitted."))
          .set("$ref", jstr("#/$defs/" + types[m.root].name))
          .set("$defs", std::move(defs));
  std::string out;
  print(doc, 0, out);
  return out + "\n";
}

// C++ source that holds the schema text, for `sdsprofile schema` (cli/schema.hpp).
std::string schema_source(const std::string& schema) {
  const std::string delimiter = "json_schema";
  if (schema.find(")" + delimiter + "\"") != std::string::npos)
    fail("the schema text contains the raw string delimiter");
  return "// Generated by tools/schemagen.cpp: schemas/sdsprofile.schema.json as text. Do not edit.\n"
         "#include \"schema.hpp\"\n\nnamespace sdsprofile::cli {\n\nstd::string_view json_schema() noexcept {\n"
         "  static constexpr std::string_view text = R\"" +
         delimiter + "(" + schema + ")" + delimiter +
         "\";\n"
         "  return text;\n}\n\n}  // namespace sdsprofile::cli\n";
}

int run(const char* model_path, const char* csv_path, const char* expansion_path, const char* out_path,
        const char* schema_path, const char* schema_cpp_path) {
  simdjson::dom::parser p1, p2, p3;
  std::string model_text = read_file(model_path), csv_text = read_file(csv_path),
              expansion_text = read_file(expansion_path);
  object model, csv, expansion;
  if (p3.parse(expansion_text).get_object().get(expansion)) fail("expansion: not a JSON object");
  if (p1.parse(model_text).get_object().get(model)) fail("model: not a JSON object");
  if (p2.parse(csv_text).get_object().get(csv)) fail("csv attributes: not a JSON object");

  const std::string ns = str(model["namespace"], "namespace");
  string_pool pool;

  // Enums.
  std::vector<std::string> enum_names;
  std::vector<std::string> enum_rows;
  std::map<std::string, std::vector<std::string>> enum_members;
  array enums;
  if (model["enums"].get_array().get(enums)) fail("enums: expected an array");
  for (element e : enums) {
    object o = e.get_object();
    std::string name = str(o["name"], "enum name");
    auto members = strings_or_empty(o, "members");
    auto supported = strings_or_empty(o, "sdsActsOn");
    for (auto& s : supported)
      if (std::find(members.begin(), members.end(), s) == members.end())
        fail(fmt::format("enum {}: sdsActsOn '{}' is not a member", name, s));
    auto m = pool.add(members);
    auto s = pool.add(supported);
    enum_names.push_back(name);
    enum_members[name] = members;
    enum_rows.push_back(
        fmt::format("  {{{}, {{{}, {}}}, {{{}, {}}}}},", lit(name), m.first, m.second, s.first, s.second));
  }

  // CSV entities.
  std::vector<std::string> entity_names, entity_rows;
  std::vector<std::vector<std::string>> entity_optional;
  array entities;
  if (csv["entities"].get_array().get(entities)) fail("csv entities: expected an array");
  for (element e : entities) {
    object o = e.get_object();
    std::string name = str(o["name"], "entity name");
    entity_optional.push_back(strings_or_empty(o, "optional"));
    auto opt = pool.add(entity_optional.back());
    auto req = pool.add(strings_or_empty(o, "required"));
    auto dep = pool.add(strings_or_empty(o, "deprecated"));
    auto idc = pool.add(strings_or_empty(o, "identityColumns"));
    entity_names.push_back(name);
    entity_rows.push_back(fmt::format("  {{{}, {{{}, {}}}, {{{}, {}}}, {{{}, {}}}, {{{}, {}}}, {}, {}}},", lit(name),
                                      opt.first, opt.second, req.first, req.second, dep.first, dep.second, idc.first,
                                      idc.second, bool_or(o, "optionalPropertiesApply", true),
                                      bool_or(o, "startDateApplies", false)));
  }
  // Matching source names: every CSV attribute name of every entity, de-duplicated, in order.
  std::vector<std::string> source_names;
  {
    std::set<std::string> seen;
    for (element e : entities) {
      object o = e.get_object();
      for (const char* key : {"required", "identityColumns", "optional", "deprecated"})
        for (auto& n : strings_or_empty(o, key))
          if (seen.insert(n).second) source_names.push_back(n);
    }
  }
  auto src = pool.add(source_names);
  object matching = model["matchingPropertyNames"].get_object();
  auto tgt = pool.add(strings_or_empty(matching["target"].get_object(), "names"));

  // Stray discriminator keys (docs/rules.md "Vocabulary"): compared ignoring ASCII case, each with its source.
  std::vector<std::string> stray_names;
  {
    object stray;
    if (model["strayDiscriminators"].get_object().get(stray)) fail("strayDiscriminators: expected an object");
    if (str(stray["match"], "strayDiscriminators.match") != "ascii-case-insensitive")
      fail("strayDiscriminators.match: only 'ascii-case-insensitive' is supported");
    str(stray["matchSource"], "strayDiscriminators.matchSource");
    array keys;
    if (stray["keys"].get_array().get(keys)) fail("strayDiscriminators.keys: expected an array");
    auto folded = [](std::string text) {
      for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return text;
    };
    std::set<std::string> seen;
    for (element e : keys) {
      object o;
      if (e.get_object().get(o)) fail("strayDiscriminators.keys: expected objects");
      std::string name = str(o["name"], "strayDiscriminators name");
      if (str(o["source"], "strayDiscriminators source").empty())
        fail("strayDiscriminators." + name + ": empty source");
      if (name.empty() || folded(name) == "@odata.type")
        fail("strayDiscriminators: '" + name + "' is not a stray key (@odata.type in any case is the discriminator)");
      if (!seen.insert(folded(name)).second) fail("strayDiscriminators: '" + name + "' repeats a key ignoring case");
      stray_names.push_back(std::move(name));
    }
    if (stray_names.empty()) fail("strayDiscriminators.keys: empty");
  }
  auto stray = pool.add(stray_names);

  // Types.
  std::vector<type_rec> types;
  array type_array;
  if (model["types"].get_array().get(type_array)) fail("types: expected an array");
  for (element e : type_array) {
    object o = e.get_object();
    type_rec t;
    t.name = str(o["name"], "type name");
    t.base = str_or(o, "base", "");
    t.abstract = bool_or(o, "abstract", false);
    t.csv = bool_or(o, "csvAttributes", false);
    array props;
    if (o["properties"].get_array().get(props)) fail(t.name + ": properties: expected an array");
    for (element pe : props) {
      object po = pe.get_object();
      prop pr;
      pr.name = str(po["name"], "property name");
      pr.type_name = str(po["type"], "property type");
      pr.collection = bool_or(po, "collection", false);
      pr.nullable = bool_or(po, "nullable", true);
      pr.read_only = bool_or(po, "readOnly", false);
      pr.navigation = bool_or(po, "navigation", false);
      for (auto& m : strings_or_empty(po, "requiredIn")) {
        if (m == "create")
          pr.req_create = true;
        else if (m == "resource")
          pr.req_resource = true;
        else
          fail(fmt::format("{}.{}: unknown mode '{}' in requiredIn", t.name, pr.name, m));
      }
      object rules;
      if (!po["rules"].get_object().get(rules)) {
        for (auto field : rules) {
          std::string key(field.key);
          std::string value = str(field.value, "rule value");
          if (key == "string") {
            static const std::set<std::string> ok = {"non-blank",     "dns-name",        "http-url",       "guid",
                                                     "csv-attribute", "matching-source", "matching-target"};
            if (!ok.count(value)) fail(fmt::format("{}.{}: unknown string rule '{}'", t.name, pr.name, value));
            pr.rules_string = value;
          } else if (key == "unique") {
            if (value != "exact" && value != "case-insensitive") fail("unknown unique rule " + value);
            pr.unique = value;
          } else if (key == "emptyCollection") {
            if (value != "error" && value != "warning") fail("unknown emptyCollection " + value);
            pr.empty = value;
          } else if (key == "uniqueBy") {
            if (value != "appliesTo") fail("uniqueBy supports only appliesTo");
            pr.unique_by_applies_to = true;
          } else if (key == "csvEntity") {
            auto it = std::find(entity_names.begin(), entity_names.end(), value);
            if (it == entity_names.end()) fail(fmt::format("{}.{}: no CSV entity '{}'", t.name, pr.name, value));
            pr.csv_entity = static_cast<int>(it - entity_names.begin());
          } else if (key == "crossField") {
            static const std::map<std::string, std::string> ok = {{"applies-to", "applies_to"},
                                                                  {"identity-configuration", "identity_configuration"},
                                                                  {"licences", "licences"},
                                                                  {"user-domains", "user_domains"}};
            auto it = ok.find(value);
            if (it == ok.end()) fail(fmt::format("{}.{}: unknown crossField '{}'", t.name, pr.name, value));
            pr.cross = it->second;
          } else if (key == "date") {
            if (value != "start" && value != "expiration") fail("unknown date rule " + value);
            pr.date = value;
          } else {
            fail(fmt::format("{}.{}: unknown rule '{}'", t.name, pr.name, key));
          }
        }
      }
      for (auto& other : t.own)
        if (other.name == pr.name) fail(fmt::format("{}: duplicate property {}", t.name, pr.name));
      t.own.push_back(std::move(pr));
    }
    array hist;
    if (!o["historicNames"].get_array().get(hist)) {
      for (element he : hist) {
        object ho = he.get_object();
        t.historic.push_back({str(ho["name"], "historic name"), str_or(ho, "replacement", ""), str_or(ho, "note", "")});
      }
    }
    types.push_back(std::move(t));
  }
  auto type_index = [&](const std::string& name) -> int {
    for (size_t i = 0; i < types.size(); ++i)
      if (types[i].name == name) return static_cast<int>(i);
    return -1;
  };
  auto enum_index = [&](const std::string& name) -> int {
    for (size_t i = 0; i < enum_names.size(); ++i)
      if (enum_names[i] == name) return static_cast<int>(i);
    return -1;
  };
  for (auto& t : types) {
    if (!t.base.empty() && type_index(t.base) < 0) fail(t.name + ": unknown base " + t.base);
    for (auto& pr : t.own) {
      const std::string& tn = pr.type_name;
      if (tn == "Edm.String")
        pr.kind = "string";
      else if (tn == "Edm.Boolean")
        pr.kind = "boolean";
      else if (tn == "Edm.Int64")
        pr.kind = "int64";
      else if (tn == "Edm.Date")
        pr.kind = "date";
      else if (tn == "Edm.DateTimeOffset")
        pr.kind = "date_time_offset";
      else if (int ei = enum_index(tn); ei >= 0) {
        pr.kind = "enumeration";
        pr.target = ei;
      } else if (int ti = type_index(tn); ti >= 0) {
        pr.kind = "complex";
        pr.target = ti;
      } else
        fail(fmt::format("{}.{}: unknown type '{}'", t.name, pr.name, tn));
      if (pr.rules_string != "none" && pr.kind != "string")
        fail(fmt::format("{}.{}: string rule on a non-string property", t.name, pr.name));
    }
  }

  // Flatten inheritance (base properties first), list concrete assignable types.
  std::vector<std::string> prop_rows, type_rows, hist_rows;
  std::vector<std::vector<std::string>> flattened(types.size());  // property names per type, in table order
  std::vector<int> concrete;
  auto derives = [&](int d, int b) {
    for (int i = d; i >= 0; i = types[i].base.empty() ? -1 : type_index(types[i].base))
      if (i == b) return true;
    return false;
  };
  for (size_t ti = 0; ti < types.size(); ++ti) {
    std::vector<const prop*> chain_props;
    std::vector<int> chain;
    for (int i = static_cast<int>(ti); i >= 0; i = types[i].base.empty() ? -1 : type_index(types[i].base))
      chain.insert(chain.begin(), i);
    for (int i : chain)
      for (auto& pr : types[i].own) chain_props.push_back(&pr);
    unsigned first_prop = static_cast<unsigned>(prop_rows.size());
    for (const prop* pr : chain_props) flattened[ti].push_back(pr->name);
    for (const prop* pr : chain_props) {
      prop_rows.push_back(fmt::format(
          "  {{{}, value_kind::{}, {}, {}, {}, {}, {}, {}, {}, string_rule::{}, unique_rule::{}, "
          "empty_rule::{}, {}, {}, date_rule::{}, cross_field::{}}},",
          lit(pr->name), pr->kind, pr->target, pr->collection, pr->nullable, pr->req_create, pr->req_resource,
          pr->read_only, pr->navigation,
          [&] {
            std::string s = pr->rules_string;
            for (auto& c : s)
              if (c == '-') c = '_';
            return s;
          }(),
          pr->unique == "case-insensitive" ? "case_insensitive" : pr->unique, pr->empty, pr->unique_by_applies_to,
          pr->csv_entity, pr->date, pr->cross));
    }
    unsigned first_hist = static_cast<unsigned>(hist_rows.size());
    for (auto& h : types[ti].historic)
      hist_rows.push_back(fmt::format("  {{{}, {}, {}}},", lit(h[0]), lit(h[1]), lit(h[2])));
    unsigned first_conc = static_cast<unsigned>(concrete.size());
    for (size_t ci = 0; ci < types.size(); ++ci)
      if (!types[ci].abstract && derives(static_cast<int>(ci), static_cast<int>(ti)))
        concrete.push_back(static_cast<int>(ci));
    type_rows.push_back(fmt::format("  {{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}}},", lit(types[ti].name),
                                    lit("#" + ns + "." + types[ti].name),
                                    types[ti].base.empty() ? -1 : type_index(types[ti].base), types[ti].abstract,
                                    types[ti].csv, first_prop, prop_rows.size() - first_prop, first_hist,
                                    hist_rows.size() - first_hist, first_conc, concrete.size() - first_conc));
  }

  std::vector<std::string> alias_rows;
  array aliases;
  if (!model["historicTypeNames"].get_array().get(aliases)) {
    for (element ae : aliases) {
      object ao = ae.get_object();
      std::string repl = str(ao["replacement"], "replacement");
      int ti = type_index(repl);
      if (ti < 0) fail("historicTypeNames: unknown replacement " + repl);
      alias_rows.push_back(fmt::format("  {{{}, {}}},", lit(str(ao["name"], "name")), ti));
    }
  }
  // Expansion defaults (schemas/expansion.json).
  object ex_profile = expansion["profile"].get_object();
  object ex_customizations = expansion["customizations"].get_object();
  object ex_customization = expansion["customization"].get_object();
  auto ex_keys = pool.add(strings_or_empty(ex_profile, "keyOrder"));
  auto ex_only = pool.add(strings_or_empty(ex_profile, "onlyWhenSent"));
  auto entity_order = strings_or_empty(ex_customizations, "entityOrder");
  for (auto& e : entity_order)
    if (std::find(entity_names.begin(), entity_names.end(), e) == entity_names.end())
      fail("entityOrder: unknown entity " + e);
  auto ex_entities = pool.add(entity_order);
  auto ex_present = pool.add(strings_or_empty(ex_customizations, "alwaysPresent"));
  auto custom_keys = strings_or_empty(ex_customization, "keyOrder");
  std::vector<std::string> custom_defaults;
  object defaults = ex_customization["defaults"].get_object();
  for (auto& k : custom_keys) custom_defaults.push_back(str_or(defaults, k.c_str(), ""));
  auto ex_custom_keys = pool.add(custom_keys);
  auto ex_custom_defaults = pool.add(custom_defaults);
  const std::string licence_type = str(expansion["licenseAssignment"]["odataType"], "odataType");
  const std::string state = str(ex_profile["state"], "state");
  const std::string expansion_row =
      fmt::format("{{{{{}, {}}}, {{{}, {}}}, {}, {{{}, {}}}, {{{}, {}}}, {{{}, {}}}, {{{}, {}}}, {}}}", ex_keys.first,
                  ex_keys.second, ex_only.first, ex_only.second, lit(state), ex_entities.first, ex_entities.second,
                  ex_present.first, ex_present.second, ex_custom_keys.first, ex_custom_keys.second,
                  ex_custom_defaults.first, ex_custom_defaults.second, lit(licence_type));

  int root = type_index(str(model["root"], "root"));
  if (root < 0) fail("root: unknown type");

  std::string out;
  out +=
      "// Generated by tools/schemagen.cpp from schemas/model.json and schemas/csv-attributes.json.\n"
      "// Do not edit: change the schemas instead.\n"
      "#include \"model.hpp\"\n\n#include <cstring>\n\nnamespace sdsprofile::detail {\nnamespace {\n\n";
  out += "constexpr std::string_view k_strings[] = {\n";
  for (auto& s : pool.items) out += "  " + lit(s) + ",\n";
  out += "};\n\nconstexpr property_def k_properties[] = {\n";
  for (auto& r : prop_rows) out += r + "\n";
  out += "};\n\nconstexpr type_def k_types[] = {\n";
  for (auto& r : type_rows) out += r + "\n";
  out += "};\n\nconstexpr std::uint16_t k_concrete[] = {";
  for (int c : concrete) out += fmt::format("{}, ", c);
  out += "};\n\nconstexpr historic_name k_historic[] = {\n";
  for (auto& r : hist_rows) out += r + "\n";
  out += "};\n\nconstexpr enum_def k_enums[] = {\n";
  for (auto& r : enum_rows) out += r + "\n";
  out += "};\n\nconstexpr type_alias k_aliases[] = {\n";
  for (auto& r : alias_rows) out += r + "\n";
  out += "};\n\nconstexpr csv_entity_def k_entities[] = {\n";
  for (auto& r : entity_rows) out += r + "\n";
  out += "};\n\n";
  // Property dispatch: per type, a switch on the name's length, then its first byte, then one
  // fixed-size comparison (docs/rules.md's hot path: no map, no string per key).
  out +=
      "}  // namespace\n\nint model::property_index(std::size_t type, std::string_view key) const noexcept {\n"
      "  const char* k = key.data();\n  switch (type) {\n";
  for (std::size_t ti = 0; ti < types.size(); ++ti) {
    if (flattened[ti].empty()) continue;
    std::map<std::size_t, std::vector<std::size_t>> by_length;
    for (std::size_t pi = 0; pi < flattened[ti].size(); ++pi) by_length[flattened[ti][pi].size()].push_back(pi);
    out += fmt::format("    case {}:  // {}\n      switch (key.size()) {{\n", ti, types[ti].name);
    for (auto& [length, indices] : by_length) {
      out += fmt::format("        case {}:\n", length);
      for (std::size_t pi : indices) {
        const std::string& name = flattened[ti][pi];
        out += fmt::format("          if (k[0] == '{}' && std::memcmp(k, \"{}\", {}) == 0) return {};\n", name[0], name,
                           length, pi);
      }
      out += "          return -1;\n";
    }
    out += "        default:\n          return -1;\n      }\n";
  }
  out += "    default:\n      return -1;\n  }\n}\n\nnamespace {\n\n";
  out += fmt::format(
      "constexpr model k_model{{k_strings, k_properties, k_types, k_concrete, k_historic, k_enums, "
      "k_aliases, k_entities, {{{}, {}}}, {{{}, {}}}, {{{}, {}}}, {}, {}}};\n\n}}  // namespace\n\n"
      "const model& the_model() noexcept {{ return k_model; }}\n\n}}  // namespace sdsprofile::detail\n",
      src.first, src.second, tgt.first, tgt.second, stray.first, stray.second, root, expansion_row);

  write_if_changed(out_path, out);

  if (schema_path != nullptr || schema_cpp_path != nullptr) {
    schema_model sm{types, ns, str(model["alias"], "alias"), root, enum_members, enum_names, entity_optional, {}, ""};
    object custom_defaults = ex_customization["defaults"].get_object();
    for (auto field : custom_defaults) sm.customization_defaults[std::string(field.key)] = str(field.value, "default");
    element licences_default;
    if (ex_profile["licensesToAssignDefault"].get(licences_default))
      fail("expansion: licensesToAssignDefault is missing");
    sm.licences_default = simdjson::minify(licences_default);
    const std::string schema = json_schema(sm);
    if (schema_path != nullptr) write_if_changed(schema_path, schema);
    if (schema_cpp_path != nullptr) write_if_changed(schema_cpp_path, schema_source(schema));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const char* schema_path = nullptr;
  const char* schema_cpp_path = nullptr;
  bool usage_ok = argc >= 5 && argc % 2 == 1;
  for (int i = 5; usage_ok && i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--json-schema") == 0)
      schema_path = argv[i + 1];
    else if (std::strcmp(argv[i], "--json-schema-cpp") == 0)
      schema_cpp_path = argv[i + 1];
    else
      usage_ok = false;
  }
  if (!usage_ok) {
    std::fprintf(stderr,
                 "usage: schemagen MODEL.json CSV.json EXPANSION.json OUT.cpp [--json-schema SCHEMA.json] "
                 "[--json-schema-cpp SCHEMA_TEXT.cpp]\n");
    return 2;
  }
  try {
    return run(argv[1], argv[2], argv[3], argv[4], schema_path, schema_cpp_path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "schemagen: %s\n", e.what());
    return 1;
  }
}
