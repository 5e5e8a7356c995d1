#include "schema_data.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "strict_fields.hpp"

namespace schemagen {
namespace {

template <typename T>
int index_by_name(const std::vector<T>& items, const std::string& name) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return static_cast<int>(i);
  return -1;
}

void read_rules(fields& rules, property_data& p, const schema_data& s) {
  if (rules.has("string"))
    p.rule =
        choice(rules, "string", rules.text("string"),
               {"non-blank", "dns-name", "http-url", "guid", "csv-attribute", "matching-source", "matching-target"});
  if (rules.has("unique")) p.unique = choice(rules, "unique", rules.text("unique"), {"exact", "case-insensitive"});
  if (rules.has("emptyCollection"))
    p.empty = choice(rules, "emptyCollection", rules.text("emptyCollection"), {"error", "warning"});
  if (rules.has("uniqueBy")) {
    choice(rules, "uniqueBy", rules.text("uniqueBy"), {"appliesTo"});
    p.unique_by_applies_to = true;
  }
  if (rules.has("csvEntity")) {
    p.csv_entity = s.entity_index(rules.text("csvEntity"));
    if (p.csv_entity < 0) fail(rules.where(), "'csvEntity' names no entity of csv-attributes.json");
  }
  if (rules.has("crossField"))
    p.cross = choice(rules, "crossField", rules.text("crossField"),
                     {"applies-to", "identity-configuration", "licences", "user-domains"});
  if (rules.has("date")) p.date = choice(rules, "date", rules.text("date"), {"start", "expiration"});
}

// The "name" of an entry, for the place a message names ("?" when there is none).
std::string name_of(element e) {
  std::string_view name;
  if (e["name"].get_string().get(name)) return "?";
  return std::string(name);
}

property_data read_property(element e, const std::string& owner, const schema_data& s) {
  fields f(e, owner + "." + name_of(e));
  property_data p;
  p.name = f.text("name");
  p.type_name = f.text("type");
  p.collection = f.flag_or("collection", false);
  p.nullable = f.flag_or("nullable", true);
  p.read_only = f.flag_or("readOnly", false);
  p.navigation = f.flag_or("navigation", false);
  for (const std::string& m : f.texts_or_empty("requiredIn")) {
    if (choice(f, "requiredIn", m, {"create", "resource"}) == "create")
      p.required_create = true;
    else
      p.required_resource = true;
  }
  if (f.has("rules")) {
    fields rules(f.required("rules"), f.where() + ".rules");
    read_rules(rules, p, s);
  }
  require_source(f);
  return p;
}

type_data read_type(element e, const schema_data& s) {
  fields f(e, "model.json type " + name_of(e));
  type_data t;
  t.name = f.text("name");
  const std::string& where = f.where();
  choice(f, "kind", f.text("kind"), {"entity", "complex"});  // the CSDL kind, for readers of the file
  t.abstract = f.flag_or("abstract", false);
  t.csv_attributes = f.flag_or("csvAttributes", false);
  const std::string base = f.text_or("base", "");
  if (!base.empty()) {
    t.base = s.type_index(base);
    if (t.base < 0) fail(where, "unknown base type " + base + " (types must come after their base)");
  }
  require_source(f);
  for (element pe : f.list("properties")) {
    property_data p = read_property(pe, where, s);
    if (index_by_name(t.own, p.name) >= 0) fail(where, "duplicate property " + p.name);
    t.own.push_back(std::move(p));
  }
  if (f.has("historicNames"))
    for (element he : f.list("historicNames")) {
      fields h(he, where + ".historicNames[]");
      t.historic.push_back({h.text("name"), h.text_or("replacement", ""), h.text_or("note", "")});
      require_source(h);
    }
  return t;
}

// Property types name EDM primitives, enums or types; resolved once every type is known.
void resolve_property_types(schema_data& s) {
  static const std::map<std::string, std::string> primitives = {{"Edm.String", "string"},
                                                                {"Edm.Boolean", "boolean"},
                                                                {"Edm.Int64", "int64"},
                                                                {"Edm.Date", "date"},
                                                                {"Edm.DateTimeOffset", "date_time_offset"}};
  for (type_data& t : s.types)
    for (property_data& p : t.own) {
      const std::string where = "model.json " + t.name + "." + p.name;
      if (auto it = primitives.find(p.type_name); it != primitives.end()) {
        p.kind = it->second;
      } else if ((p.target = s.enum_index(p.type_name)) >= 0) {
        p.kind = "enumeration";
      } else if ((p.target = s.type_index(p.type_name)) >= 0) {
        p.kind = "complex";
      } else {
        fail(where, "unknown type " + p.type_name);
      }
      if (p.rule != "none" && p.kind != "string") fail(where, "a string rule on a property that is not Edm.String");
      if (p.unique == "case-insensitive" && p.rule != "guid")
        fail(where, "unique: case-insensitive is supported for GUIDs only (compared by value)");
      if ((p.unique != "none" || p.empty != "none" || p.unique_by_applies_to) && !p.collection)
        fail(where, "a collection rule on a property that is not a collection");
      if (p.date != "none" && p.kind != "date" && p.kind != "date_time_offset")
        fail(where, "a date rule on a property that is not a date");
    }
}

void read_enums(fields& model, schema_data& s) {
  for (element e : model.list("enums")) {
    fields f(e, "model.json enum " + name_of(e));
    enum_data d{f.text("name"), f.texts_or_empty("members"), f.texts_or_empty("sdsActsOn")};
    require_source(f);
    for (const std::string& m : d.supported)
      if (std::find(d.members.begin(), d.members.end(), m) == d.members.end())
        fail("model.json enum " + d.name, "sdsActsOn '" + m + "' is not a member");
    if (d.members.size() > 64) fail("model.json enum " + d.name, "more than 64 members");
    s.enums.push_back(std::move(d));
  }
}

void read_stray_discriminators(fields& model, schema_data& s) {
  fields stray(model.required("strayDiscriminators"), "model.json strayDiscriminators");
  if (stray.text("match") != "ascii-case-insensitive")
    fail(stray.where(), "'match': only 'ascii-case-insensitive' is supported");
  const auto folded = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  std::set<std::string> seen;
  for (element e : stray.list("keys")) {
    fields k(e, stray.where() + ".keys[]");
    std::string name = k.text("name");
    require_source(k);
    if (name.empty() || folded(name) == "@odata.type")
      fail(stray.where(), "'" + name + "' is not a stray key (@odata.type in any case is the discriminator)");
    if (!seen.insert(folded(name)).second) fail(stray.where(), "'" + name + "' repeats a key ignoring case");
    s.stray_discriminators.push_back(std::move(name));
  }
  if (s.stray_discriminators.empty()) fail(stray.where(), "'keys' is empty");
}

void read_model(element root, schema_data& s) {
  fields model(root, "model.json");
  s.ns = model.text("namespace");
  s.alias = model.text("alias");
  read_enums(model, s);
  for (element e : model.list("types")) {
    type_data t = read_type(e, s);
    if (s.type_index(t.name) >= 0) fail("model.json", "duplicate type " + t.name);
    s.types.push_back(std::move(t));
  }
  resolve_property_types(s);
  s.root = s.type_index(model.text("root"));
  if (s.root < 0) fail("model.json", "'root' names no type");
  if (model.has("historicTypeNames"))
    for (element e : model.list("historicTypeNames")) {
      fields a(e, "model.json historicTypeNames[]");
      alias_data d{a.text("name"), s.type_index(a.text("replacement"))};
      require_source(a);
      if (d.type < 0) fail(a.where(), "'replacement' names no type");
      s.type_aliases.push_back(std::move(d));
    }
  read_stray_discriminators(model, s);
  fields matching(model.required("matchingPropertyNames"), "model.json matchingPropertyNames");
  fields sources(matching.required("source"), "model.json matchingPropertyNames.source");
  if (sources.text("names").find("csv-attributes.json") == std::string::npos)
    fail(sources.where(), "'names' must refer to csv-attributes.json (the source names are its attributes)");
  sources.skip("ref");
  fields targets(matching.required("target"), "model.json matchingPropertyNames.target");
  s.matching_targets = targets.texts_or_empty("names");
  require_source(targets);
}

void read_entities(element root, schema_data& s) {
  fields csv(root, "csv-attributes.json");
  for (element e : csv.list("entities")) {
    fields f(e, "csv-attributes.json entity " + name_of(e));
    entity_data d;
    d.name = f.text("name");
    d.file = f.text("file");  // the entity's CSV file: csv_data checks csv-files.json against it
    d.optional = f.texts_or_empty("optional");
    d.required = f.texts_or_empty("required");
    d.deprecated = f.texts_or_empty("deprecated");
    d.identity = f.texts_or_empty("identityColumns");
    d.optional_properties_apply = f.flag_or("optionalPropertiesApply", true);
    d.start_date_applies = f.flag_or("startDateApplies", false);
    if (f.text_or("optionalSource", "").empty() || f.text_or("requiredSource", "").empty())
      fail("csv-attributes.json entity " + d.name, "'optionalSource' and 'requiredSource' are required");
    s.entities.push_back(std::move(d));
  }
}

void read_expansion(element root, schema_data& s) {
  fields x(root, "expansion.json");
  expansion_data& d = s.expansion;
  fields profile(x.required("profile"), "expansion.json profile");
  d.profile_keys = profile.texts_or_empty("keyOrder");
  d.only_when_sent = profile.texts_or_empty("onlyWhenSent");
  d.state = profile.text("state");
  d.licences_default = simdjson::minify(profile.required("licensesToAssignDefault"));
  fields customizations(x.required("customizations"), "expansion.json customizations");
  d.entity_order = customizations.texts_or_empty("entityOrder");
  d.always_present = customizations.texts_or_empty("alwaysPresent");
  d.append_customizations = customizations.flag_or("appendedWhenMissing", true);
  fields customization(x.required("customization"), "expansion.json customization");
  d.customization_keys = customization.texts_or_empty("keyOrder");
  if (!customization.flag_or("defaultsAreJsonText", false))
    fail(customization.where(), "'defaultsAreJsonText' must be true (the defaults are written as they stand)");
  fields defaults(customization.required("defaults"), "expansion.json customization.defaults");
  for (const std::string& key : d.customization_keys)
    d.customization_defaults.push_back(defaults.text_or(key.c_str(), ""));
  customization.skip("optionalPropertiesToSyncDefault");  // provenance per entity, for readers
  fields licence(x.required("licenseAssignment"), "expansion.json licenseAssignment");
  d.licence_odata_type = licence.text("odataType");
  require_source(licence);
  for (const std::string& e : d.entity_order)
    if (s.entity_index(e) < 0) fail("expansion.json", "'entityOrder' names no entity: " + e);
  for (const std::string& e : d.always_present)
    if (s.entity_index(e) < 0) fail("expansion.json", "'alwaysPresent' names no entity: " + e);
}

}  // namespace

int schema_data::type_index(const std::string& name) const { return index_by_name(types, name); }
int schema_data::enum_index(const std::string& name) const { return index_by_name(enums, name); }
int schema_data::entity_index(const std::string& name) const { return index_by_name(entities, name); }

std::vector<int> schema_data::chain(int ti) const {
  std::vector<int> c;
  for (int i = ti; i >= 0; i = types[static_cast<std::size_t>(i)].base) c.insert(c.begin(), i);
  return c;
}

std::vector<const property_data*> schema_data::flattened(int ti) const {
  std::vector<const property_data*> out;
  for (int i : chain(ti))
    for (const property_data& p : types[static_cast<std::size_t>(i)].own) out.push_back(&p);
  return out;
}

std::vector<int> schema_data::concrete_of(int ti) const {
  std::vector<int> out;
  for (int ci = 0; ci < static_cast<int>(types.size()); ++ci) {
    const auto c = chain(ci);
    if (!types[static_cast<std::size_t>(ci)].abstract && std::find(c.begin(), c.end(), ti) != c.end())
      out.push_back(ci);
  }
  return out;
}

std::vector<std::string> schema_data::matching_sources() const {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const entity_data& e : entities)
    for (const auto* list : {&e.required, &e.identity, &e.optional, &e.deprecated})
      for (const std::string& n : *list)
        if (seen.insert(n).second) out.push_back(n);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw schema_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_if_changed(const std::string& path, const std::string& text) {
  std::string old;
  try {
    old = read_file(path);
  } catch (const schema_error&) {  // absent: written below
  }
  if (old == text) return;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw schema_error("cannot write " + path);
}

schema_data read_schemas(const std::string& model_path, const std::string& csv_path,
                         const std::string& expansion_path) {
  simdjson::dom::parser model_parser, csv_parser, expansion_parser;
  const std::string model_text = read_file(model_path), csv_text = read_file(csv_path),
                    expansion_text = read_file(expansion_path);
  element model, csv, expansion;
  if (model_parser.parse(model_text).get(model)) throw schema_error(model_path + ": not JSON");
  if (csv_parser.parse(csv_text).get(csv)) throw schema_error(csv_path + ": not JSON");
  if (expansion_parser.parse(expansion_text).get(expansion)) throw schema_error(expansion_path + ": not JSON");
  schema_data s;
  read_entities(csv, s);  // first: properties name entities
  read_model(model, s);
  read_expansion(expansion, s);
  return s;
}

}  // namespace schemagen
