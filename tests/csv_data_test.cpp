// schemas/csv-files.json, the CSV upload folder as data (docs/csv-rules.md): well formed, every
// list it refers to exists (the entities and columns of schemas/csv-attributes.json, the matching
// targets of schemas/model.json, its own value rules, the codes of the catalogue), and every entry
// names a known source.
#include "case_file.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sdsprofile::test::read_all;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

const std::string k_schemas = std::string(SDSPROFILE_SOURCE_DIR) + "/schemas/";

/// A parsed schemas/ file; the parser owns the document, so it lives as long as the test.
struct json_file {
  simdjson::dom::parser parser;
  element root;
  explicit json_file(const std::string& name) { root = parser.parse(read_all(k_schemas + name)).value(); }
};

/// `r` as an array (empty when it is not one). Bound to a name before a range-for, so that no
/// temporary is iterated.
array as_array(simdjson::simdjson_result<element> r) {
  array a;
  if (r.get(a)) return {};
  return a;
}

/// `r` as an object (empty when it is not one).
object as_object(simdjson::simdjson_result<element> r) {
  object o;
  if (r.get(o)) return {};
  return o;
}

/// `e` as an object (empty when it is not one).
object as_object(element e) {
  object o;
  if (e.get(o)) return {};
  return o;
}

/// The strings of a JSON array (empty when `e` is absent or not an array).
std::vector<std::string> strings(simdjson::simdjson_result<element> e) {
  std::vector<std::string> out;
  array items;
  if (e.get(items)) return out;
  for (element item : items) {
    std::string_view s;
    if (!item.get(s)) out.emplace_back(s);
  }
  return out;
}
std::vector<std::string> strings(element e) { return strings(simdjson::simdjson_result<element>(std::move(e))); }

/// The string at `key` of `o`, or "" when absent or not a string.
std::string text(object o, std::string_view key) {
  std::string_view s;
  return o[key].get(s) ? std::string() : std::string(s);
}

/// The keys a source string names: the first word of each ';'-separated item (a ';' inside
/// parentheses belongs to the item's note).
std::vector<std::string> source_keys(std::string_view source) {
  std::vector<std::string> keys;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= source.size(); ++i) {
    const char c = i < source.size() ? source[i] : ';';
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (c != ';' || depth > 0) continue;
    std::string_view item = source.substr(start, i - start);
    item.remove_prefix(std::min(item.find_first_not_of(' '), item.size()));
    keys.emplace_back(item.substr(0, item.find_first_of(" (")));
    start = i + 1;
  }
  return keys;
}

/// Every "source" or "...Source" member below `e`, with the JSON path that leads to it.
void collect_sources(element e, const std::string& path, std::map<std::string, std::string>& out) {
  object o;
  array a;
  if (!e.get(o)) {
    for (auto field : o) {
      const std::string key(field.key);
      const std::string here = path + "/" + key;
      const bool is_source = key == "source" || (key.size() > 6 && key.ends_with("Source"));
      std::string_view s;
      if (is_source && !field.value.get(s)) out[here] = std::string(s);
      if (key != "sources") collect_sources(field.value, here, out);
    }
  } else if (!e.get(a)) {
    std::size_t i = 0;
    for (element item : a) collect_sources(item, path + "/" + std::to_string(i++), out);
  }
}

/// The column lists of one csv-attributes.json entity.
struct entity_columns {
  std::string file;
  std::set<std::string> required, optional, identity, deprecated;
  [[nodiscard]] bool has(const std::string& column) const {
    return required.contains(column) || optional.contains(column) || identity.contains(column) ||
           deprecated.contains(column);
  }
};

/// The entities of csv-attributes.json by name.
std::map<std::string, entity_columns> load_entities(element attributes) {
  std::map<std::string, entity_columns> out;
  const array entity_list = as_array(attributes["entities"]);
  for (element e : entity_list) {
    const object o = e.get_object().value();
    entity_columns& c = out[text(o, "name")];
    c.file = text(o, "file");
    for (const auto& s : strings(o["required"])) c.required.insert(s);
    for (const auto& s : strings(o["optional"])) c.optional.insert(s);
    for (const auto& s : strings(o["identityColumns"])) c.identity.insert(s);
    for (const auto& s : strings(o["deprecated"])) c.deprecated.insert(s);
  }
  return out;
}

/// The codes of docs/csv-rules.md's catalogue: the first cell of every table row, "| `csv-...` |".
std::set<std::string> catalogue_codes() {
  const std::string markdown = read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/docs/csv-rules.md");
  std::set<std::string> out;
  const std::regex row(R"(\n\| `(csv-[a-z-]+)` \|)");
  for (auto it = std::sregex_iterator(markdown.begin(), markdown.end(), row); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

/// Every "code" or "...Code" string below `e`.
void collect_codes(element e, std::vector<std::string>& out) {
  object o;
  array a;
  if (!e.get(o)) {
    for (auto field : o) {
      const std::string_view key = field.key;
      std::string_view s;
      if ((key == "code" || key.ends_with("Code")) && !field.value.get(s)) out.emplace_back(s);
      collect_codes(field.value, out);
    }
  } else if (!e.get(a)) {
    for (element item : a) collect_codes(item, out);
  }
}

class CsvFiles : public ::testing::Test {
 protected:
  json_file files{"csv-files.json"};
  json_file attributes{"csv-attributes.json"};
  std::map<std::string, entity_columns> entities = load_entities(attributes.root);

  /// The entity of the file called `name`, or nullptr.
  const entity_columns* entity_of_file(const std::string& name) {
    const array file_list = as_array(files.root["files"]);
    for (element f : file_list)
      if (text(f.get_object().value(), "name") == name) {
        const auto it = entities.find(text(f.get_object().value(), "entity"));
        return it == entities.end() ? nullptr : &it->second;
      }
    return nullptr;
  }
};

TEST_F(CsvFiles, KnowsEveryTopLevelKey) {
  const std::set<std::string> known = {"$comment",         "sources",    "attributes", "files",
                                       "rowLimit",         "valueRules", "references", "uncheckedReferences",
                                       "identityCreation", "matching"};
  const object top_level = as_object(files.root);
  for (auto field : top_level)
    EXPECT_TRUE(known.contains(std::string(field.key))) << "unknown top-level key " << field.key;
  EXPECT_EQ(text(files.root.get_object().value(), "attributes"), "csv-attributes.json");
}

TEST_F(CsvFiles, EverySourceIsAKeyOfTheSourcesTable) {
  std::set<std::string> keys;
  const object source_table = as_object(files.root["sources"]);
  for (auto field : source_table) {
    keys.emplace(field.key);
    std::string_view s;
    EXPECT_FALSE(field.value.get(s)) << field.key;
    EXPECT_FALSE(s.empty()) << field.key;
  }
  std::map<std::string, std::string> sources;
  collect_sources(files.root, "", sources);
  EXPECT_GT(sources.size(), 40U);
  std::set<std::string> used;
  for (const auto& [path, source] : sources)
    for (const std::string& key : source_keys(source)) {
      EXPECT_TRUE(keys.contains(key)) << path << ": '" << key << "' is no key of 'sources'";
      used.insert(key);
    }
  for (const std::string& key : keys) EXPECT_TRUE(used.contains(key)) << "source '" << key << "' is never cited";
}

TEST_F(CsvFiles, EveryEntryHasASource) {
  const object root = files.root.get_object().value();
  const array file_list = as_array(root["files"]);
  for (element f : file_list) {
    const object o = f.get_object().value();
    for (const char* key :
         {"source", "sampleHeaderSource", "ukSampleHeaderSource", "ukFormatHeadersSource", "columnsSource"})
      EXPECT_FALSE(text(o, key).empty()) << text(o, "name") << " lacks " << key;
  }
  const object rule_table = as_object(root["valueRules"]);
  for (auto rule : rule_table) EXPECT_FALSE(text(rule.value.get_object().value(), "source").empty()) << rule.key;
  for (const char* list : {"references", "uncheckedReferences"}) {
    const array references = as_array(root[list]);
    for (element r : references) EXPECT_FALSE(text(r.get_object().value(), "source").empty()) << list;
  }
  EXPECT_FALSE(text(root["rowLimit"].get_object().value(), "source").empty());
  EXPECT_FALSE(text(root["identityCreation"]["upn"].get_object().value(), "source").empty());
  EXPECT_FALSE(text(root["identityCreation"]["password"].get_object().value(), "source").empty());
  EXPECT_FALSE(text(root["matching"].get_object().value(), "source").empty());
}

TEST_F(CsvFiles, TheSixFilesInCatalogueOrderEachWithItsEntity) {
  std::vector<std::string> names;
  const array file_list = as_array(files.root["files"]);
  for (element f : file_list) {
    const object o = f.get_object().value();
    names.push_back(text(o, "name"));
    const auto it = entities.find(text(o, "entity"));
    ASSERT_NE(it, entities.end()) << text(o, "name") << ": entity '" << text(o, "entity")
                                  << "' is not in csv-attributes.json";
    EXPECT_EQ(it->second.file, text(o, "name")) << "csv-attributes.json names another file for " << it->first;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"School.csv", "Section.csv", "Student.csv", "Teacher.csv",
                                             "StudentEnrollment.csv", "TeacherRoster.csv"}));
}

TEST_F(CsvFiles, SampleHeadersHoldExactlyTheEntityColumns) {
  const array file_list = as_array(files.root["files"]);
  for (element f : file_list) {
    const object o = f.get_object().value();
    const entity_columns& c = entities.at(text(o, "entity"));
    const std::vector<std::string> header = strings(o["sampleHeader"]);
    std::set<std::string> expected = c.required;
    expected.insert(c.optional.begin(), c.optional.end());
    expected.insert(c.identity.begin(), c.identity.end());
    EXPECT_EQ(std::set<std::string>(header.begin(), header.end()), expected) << text(o, "name");
    EXPECT_EQ(header.size(), expected.size()) << text(o, "name") << ": a column twice";
  }
}

TEST_F(CsvFiles, UkFormatHeadersAreTheUkSampleHeaderMinusTheSdsColumns) {
  const array file_list = as_array(files.root["files"]);
  for (element f : file_list) {
    const object o = f.get_object().value();
    const entity_columns& c = entities.at(text(o, "entity"));
    const std::vector<std::string> uk = strings(o["ukSampleHeader"]);
    EXPECT_EQ(uk.size(), strings(o["sampleHeader"]).size()) << text(o, "name");
    std::vector<std::string> uk_only;
    for (const std::string& h : uk)
      if (!c.has(h)) uk_only.push_back(h);
    EXPECT_EQ(strings(o["ukFormatHeaders"]), uk_only) << text(o, "name");
    EXPECT_FALSE(uk_only.empty()) << text(o, "name");
  }
}

TEST_F(CsvFiles, ColumnRulesNameColumnsOfTheEntityAndKnownRules) {
  const object rules = files.root["valueRules"].get_object().value();
  std::set<std::string> used;
  const array file_list = as_array(files.root["files"]);
  for (element f : file_list) {
    const object o = f.get_object().value();
    const entity_columns& c = entities.at(text(o, "entity"));
    const object columns = as_object(o["columns"]);
    for (auto column : columns) {
      EXPECT_TRUE(c.has(std::string(column.key))) << text(o, "name") << ": no column '" << column.key << "'";
      const std::vector<std::string> names = strings(column.value);
      EXPECT_FALSE(names.empty()) << text(o, "name") << " " << column.key;
      for (const std::string& rule : names) {
        EXPECT_FALSE(rules[rule].error()) << text(o, "name") << " " << column.key << ": no value rule '" << rule << "'";
        used.insert(rule);
      }
    }
  }
  // Rules that apply by their own scope rather than by a column list.
  for (const char* scoped : {"required-value", "whitespace", "length", "date-order"}) used.insert(scoped);
  for (auto rule : rules)
    EXPECT_TRUE(used.contains(std::string(rule.key))) << "value rule '" << rule.key << "' is unused";
}

TEST_F(CsvFiles, IdColumnsAreTheCatalogueIdColumns) {
  // docs/csv-rules.md csv-id-format: a SIS ID, School SIS ID or Section SIS ID.
  const array file_list = as_array(files.root["files"]);
  for (element f : file_list) {
    const object o = f.get_object().value();
    const entity_columns& c = entities.at(text(o, "entity"));
    for (const char* id : {"SIS ID", "School SIS ID", "Section SIS ID"}) {
      const std::vector<std::string> rules = strings(o["columns"][id]);
      EXPECT_EQ(c.has(id), std::find(rules.begin(), rules.end(), "id") != rules.end()) << text(o, "name") << " " << id;
    }
  }
}

TEST_F(CsvFiles, ReferencesJoinExistingColumnsAndEndAtASisId) {
  for (const char* list : {"references", "uncheckedReferences"}) {
    const array references = as_array(files.root[list]);
    for (element r : references) {
      for (const char* side : {"from", "to"}) {
        const object end = as_object(r[side]);
        const entity_columns* c = entity_of_file(text(end, "file"));
        ASSERT_NE(c, nullptr) << list << ": no file '" << text(end, "file") << "'";
        EXPECT_TRUE(c->has(text(end, "column"))) << text(end, "file") << ": no column '" << text(end, "column") << "'";
      }
      EXPECT_EQ(text(as_object(r["to"]), "column"), "SIS ID");
    }
  }
  EXPECT_EQ(files.root["references"].get_array().value().size(), 7U);
}

TEST_F(CsvFiles, MatchingSourcesAreColumnsOfTheRolesFile) {
  std::map<std::string, std::string> file_of_role;
  const array file_list = as_array(files.root["files"]);
  for (element f : file_list)
    if (const std::string role = text(f.get_object().value(), "role"); !role.empty())
      file_of_role[role] = text(f.get_object().value(), "name");
  EXPECT_EQ(file_of_role, (std::map<std::string, std::string>{{"student", "Student.csv"}, {"teacher", "Teacher.csv"}}));
  const object roles = as_object(files.root["matching"]["sources"]);
  for (auto role : roles) {
    const auto it = file_of_role.find(std::string(role.key));
    ASSERT_NE(it, file_of_role.end()) << "no file for role " << role.key;
    for (const std::string& column : strings(role.value))
      EXPECT_TRUE(entity_of_file(it->second)->has(column)) << it->second << ": no column '" << column << "'";
  }
  json_file model{"model.json"};
  const std::vector<std::string> targets = strings(model.root["matchingPropertyNames"]["target"]["names"]);
  for (const std::string& t : strings(files.root["matching"]["targetsNeedingDomain"]))
    EXPECT_NE(std::find(targets.begin(), targets.end(), t), targets.end())
        << t << " is no matching target of model.json";
}

TEST_F(CsvFiles, EveryCodeIsInTheCatalogue) {
  const std::set<std::string> catalogue = catalogue_codes();
  EXPECT_EQ(catalogue.size(), 44U) << "docs/csv-rules.md: the catalogue rows";
  std::vector<std::string> codes;
  collect_codes(files.root, codes);
  EXPECT_GT(codes.size(), 20U);
  for (const std::string& code : codes) EXPECT_TRUE(catalogue.contains(code)) << code;
}

TEST_F(CsvFiles, EachDateFormMatchesItsOwnExampleOnly) {
  const array forms = files.root["valueRules"]["date"]["forms"].get_array().value();
  EXPECT_EQ(forms.size(), 3U);
  for (element form : forms) {
    const std::string example = text(form.get_object().value(), "example");
    for (element other : forms) {
      const std::regex pattern(text(other.get_object().value(), "pattern"));
      EXPECT_EQ(std::regex_match(example, pattern),
                text(form.get_object().value(), "name") == text(other.get_object().value(), "name"))
          << example << " against " << text(other.get_object().value(), "name");
    }
  }
}

TEST_F(CsvFiles, TheFiguresOfTheCatalogue) {
  const element root = files.root;
  EXPECT_EQ(root["rowLimit"]["maxDataRows"].get_uint64().value(), 500000U);
  EXPECT_EQ(root["valueRules"]["length"]["maxCharacters"].get_uint64().value(), 256U);
  EXPECT_EQ(root["valueRules"]["name-length"]["maxCharacters"].get_uint64().value(), 64U);
  EXPECT_EQ(root["valueRules"]["section-alias"]["maxBytes"].get_uint64().value(), 56U);
  EXPECT_EQ(text(root["valueRules"]["section-alias"].get_object().value(), "forbiddenCharacters"), "@()\\[]\";:<>,");
  EXPECT_EQ(text(root["valueRules"]["special-characters"].get_object().value(), "characters"), "~\"#%&*:<>?/\\{|}");
  const element upn = root["identityCreation"]["upn"];
  EXPECT_EQ(strings(upn["allowedRanges"]), (std::vector<std::string>{"A-Z", "a-z", "0-9"}));
  EXPECT_EQ(text(upn.get_object().value(), "allowedCharacters"), "'.-_!#^~");
  EXPECT_EQ(upn["maxUsernameLength"].get_uint64().value(), 64U);
  EXPECT_EQ(upn["maxUpnLength"].get_uint64().value(), 113U);
  const element password = root["identityCreation"]["password"];
  EXPECT_EQ(password["minLength"].get_uint64().value(), 8U);
  EXPECT_EQ(password["maxLength"].get_uint64().value(), 256U);
  EXPECT_EQ(password["minClasses"].get_uint64().value(), 3U);
  EXPECT_EQ(strings(password["classes"]).size(), 4U);
}

}  // namespace
