#include "csv_data.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "strict_fields.hpp"

namespace schemagen {
namespace {

constexpr const char* k_file = "csv-files.json";

// The value rules the checker implements (lib/src/csv/tables.hpp column_rule), each with the code
// it reports; the schema must name the same code, so that data and checker cannot drift apart.
const std::map<std::string, std::string> k_column_rules = {
    {"id", "csv-id-format"},
    {"unique", "csv-duplicate-id"},
    {"unique-ignoring-case", "csv-duplicate-username"},
    {"section-alias", "csv-section-alias"},
    {"special-characters", "csv-special-characters"},
    {"name-length", "csv-value-too-long"},
    {"date", "csv-invalid-date"},
    {"email", "csv-email-syntax"},
    {"upn", ""},  // identity creation's codes (identityCreation.upn)
    {"password", ""},
};

void expect_code(fields& f, const char* key, const std::string& expected) {
  if (const std::string code = f.text(key); code != expected)
    fail(f.where(), fmt::format("'{}' is '{}'; the checker reports '{}'", key, code, expected));
}

void expect_flag(fields& f, const char* key, bool expected) {
  if (f.flag_or(key, !expected) != expected)
    fail(f.where(), fmt::format("'{}' must be {} (the checker implements no other)", key, expected));
}

int file_index(const csv_data& d, const std::string& name) {
  for (std::size_t i = 0; i < d.files.size(); ++i)
    if (d.files[i].name == name) return static_cast<int>(i);
  return -1;
}

int column_index(const csv_file_data& f, const std::string& name) {
  for (std::size_t i = 0; i < f.columns.size(); ++i)
    if (f.columns[i].name == name) return static_cast<int>(i);
  return -1;
}

// The columns of `entity`: sample header order (which holds exactly the required, optional and
// identity columns), then the deprecated ones.
std::vector<csv_column_data> entity_columns(const entity_data& entity, const std::vector<std::string>& header,
                                            const std::string& where) {
  std::vector<csv_column_data> out;
  const auto kinds_of = [&entity](const std::string& name) {
    std::vector<std::string> kinds;
    const std::pair<const char*, const std::vector<std::string>*> lists[] = {{"required", &entity.required},
                                                                             {"optional", &entity.optional},
                                                                             {"identity", &entity.identity},
                                                                             {"deprecated", &entity.deprecated}};
    for (const auto& [kind, list] : lists)
      if (std::find(list->begin(), list->end(), name) != list->end()) kinds.emplace_back(kind);
    return kinds;
  };
  for (const std::string& name : header) {
    csv_column_data c{name, kinds_of(name), {}, -1, {}};
    if (c.kinds.empty() || c.kinds == std::vector<std::string>{"deprecated"})
      fail(where, "'sampleHeader' column '" + name + "' is no column of entity " + entity.name);
    out.push_back(std::move(c));
  }
  for (const std::string& name : entity.deprecated) out.push_back({name, {"deprecated"}, {}, -1, {}});
  const std::size_t listed = entity.required.size() + entity.optional.size() + entity.identity.size();
  if (header.size() != listed) fail(where, "'sampleHeader' does not hold exactly the entity's columns");
  return out;
}

csv_file_data read_file_entry(element e, const schema_data& s) {
  std::string_view name = "?";
  if (e["name"].get_string().get(name)) name = "?";
  fields f(e, fmt::format("{} file {}", k_file, name));
  csv_file_data d;
  d.name = f.text("name");
  d.entity = f.text("entity");
  d.role = choice(f, "role", f.text_or("role", ""), {"", "student", "teacher"});
  require_source(f);
  const int entity = s.entity_index(d.entity);
  if (entity < 0) fail(f.where(), "'entity' names no entity of csv-attributes.json");
  const entity_data& ent = s.entities[static_cast<std::size_t>(entity)];
  if (ent.file != d.name) fail(f.where(), "csv-attributes.json names another file for " + d.entity);
  d.columns = entity_columns(ent, f.texts_or_empty("sampleHeader"), f.where());
  f.skip("ukSampleHeader");  // the sample as published, for readers; ukFormatHeaders is what is used
  d.uk_headers = f.texts_or_empty("ukFormatHeaders");
  fields columns(f.required("columns"), f.where() + ".columns");
  for (csv_column_data& c : d.columns) {
    if (!columns.has(c.name.c_str())) continue;
    c.rules = columns.texts_or_empty(c.name.c_str());
    for (const std::string& rule : c.rules)
      if (!k_column_rules.contains(rule)) fail(columns.where(), "'" + c.name + "': unknown value rule '" + rule + "'");
  }
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    const auto& rules = d.columns[i].rules;
    if (std::find(rules.begin(), rules.end(), "unique") == rules.end()) continue;
    if (d.id_column >= 0) fail(f.where(), "two columns with the 'unique' rule");
    d.id_column = static_cast<int>(i);
  }
  return d;
}

void read_value_rules(fields& root, csv_data& d) {
  fields rules(root.required("valueRules"), std::string(k_file) + " valueRules");
  const auto at = [&rules](const char* name) { return rules.where() + "." + name; };
  {
    fields r(rules.required("required-value"), at("required-value"));
    require_source(r);
    r.skip("appliesTo"), r.skip("blank");
    expect_code(r, "code", "csv-required-value-missing");
  }
  {
    fields r(rules.required("id"), at("id"));
    require_source(r);
    r.skip("forbidden");
    if (r.text("compare") != "exact") fail(r.where(), "'compare' must be 'exact'");
    expect_code(r, "code", "csv-id-format");
  }
  {
    fields r(rules.required("section-alias"), at("section-alias"));
    require_source(r);
    d.section_alias_prefix = r.text("prefix");
    d.section_alias_max_bytes = r.integer("maxBytes");
    expect_flag(r, "asciiOnly", true);
    d.section_alias_forbidden = r.text("forbiddenCharacters");
    r.skip("allowedDespiteSomeSources");
    expect_code(r, "code", "csv-section-alias");
  }
  for (const auto& [name, compare, code] :
       {std::tuple{"unique", "exact", "csv-duplicate-id"},
        std::tuple{"unique-ignoring-case", "ignoring case", "csv-duplicate-username"}}) {
    fields r(rules.required(name), at(name));
    require_source(r);
    if (r.text("compare") != compare) fail(r.where(), fmt::format("'compare' must be '{}'", compare));
    r.skip("reported");
    expect_code(r, "code", code);
  }
  {
    fields r(rules.required("whitespace"), at("whitespace"));
    require_source(r);
    r.skip("appliesTo"), r.skip("forbidden");
    expect_code(r, "code", "csv-whitespace");
  }
  {
    fields r(rules.required("special-characters"), at("special-characters"));
    require_source(r);
    d.special_characters = r.text("characters");
    if (r.text("replacement") != "_") fail(r.where(), "'replacement' must be '_' (the messages say so)");
    r.skip("replacedWhen");
    expect_code(r, "code", "csv-special-characters");
  }
  {
    fields r(rules.required("length"), at("length"));
    require_source(r);
    r.skip("appliesTo");
    d.max_characters = r.integer("maxCharacters");
    expect_code(r, "code", "csv-value-too-long");
  }
  {
    fields r(rules.required("name-length"), at("name-length"));
    require_source(r);
    d.max_name_characters = r.integer("maxCharacters");
    expect_code(r, "code", "csv-value-too-long");
  }
  {
    fields r(rules.required("date"), at("date"));
    require_source(r);
    for (element form : r.list("forms")) {
      fields fd(form, r.where() + ".forms[]");
      csv_date_form_data df{fd.text("name"), fd.flag_or("iso", false)};
      fd.skip("pattern"), fd.skip("example");  // checked by tests/csv_data_test.cpp
      choice(fd, "name", df.name, {"YYYY-MM-DD", "YYYYMMDD", "M/D/YYYY"});
      d.date_forms.push_back(df);
    }
    if (d.date_forms.size() != 3) fail(r.where(), "'forms' must hold the three forms");
    expect_flag(r, "realDate", true);
    expect_code(r, "code", "csv-invalid-date");
    expect_code(r, "notIsoCode", "csv-date-not-iso");
    expect_code(r, "mixedCode", "csv-date-format-mixed");
  }
  {
    fields r(rules.required("date-order"), at("date-order"));
    require_source(r);
    const int file = file_index(d, r.text("file"));
    if (file < 0) fail(r.where(), "'file' names no file");
    csv_file_data& f = d.files[static_cast<std::size_t>(file)];
    f.term_start = column_index(f, r.text("start"));
    f.term_end = column_index(f, r.text("end"));
    if (f.term_start < 0 || f.term_end < 0) fail(r.where(), "'start' or 'end' names no column of the file");
    expect_code(r, "code", "csv-term-dates-reversed");
  }
  {
    fields r(rules.required("email"), at("email"));
    require_source(r);
    if (r.text("shape") != "local@domain") fail(r.where(), "'shape' must be 'local@domain'");
    expect_code(r, "code", "csv-email-syntax");
  }
  for (const char* name : {"upn", "password"}) {
    fields r(rules.required(name), at(name));
    require_source(r);
    if (r.text("appliesWith") != "identity creation") fail(r.where(), "'appliesWith' must be 'identity creation'");
    r.skip("see");
  }
}

void read_references(fields& root, csv_data& d) {
  const auto end_of = [&d](fields& r, const char* side, int& file, int& column) {
    fields end(r.required(side), r.where() + "." + side);
    file = file_index(d, end.text("file"));
    if (file < 0) fail(end.where(), "'file' names no file");
    column = column_index(d.files[static_cast<std::size_t>(file)], end.text("column"));
    if (column < 0) fail(end.where(), "'column' names no column of the file");
  };
  for (element e : root.list("references")) {
    fields r(e, std::string(k_file) + " references[]");
    int from_file = -1, from_column = -1, to_file = -1, to_column = -1;
    end_of(r, "from", from_file, from_column);
    end_of(r, "to", to_file, to_column);
    if (to_column != d.files[static_cast<std::size_t>(to_file)].id_column)
      fail(r.where(), "'to' must be the file's unique column (its ID set)");
    if (to_file >= from_file) fail(r.where(), "a reference must point at a file earlier in the catalogue order");
    csv_column_data& c = d.files[static_cast<std::size_t>(from_file)].columns[static_cast<std::size_t>(from_column)];
    c.references = to_file;
    c.dangling_code = choice(r, "code", r.text("code"), {"csv-dangling-school", "csv-dangling-reference"});
    require_source(r);
  }
  for (element e : root.list("uncheckedReferences")) {
    fields r(e, std::string(k_file) + " uncheckedReferences[]");
    int file = -1, column = -1;
    end_of(r, "from", file, column);
    end_of(r, "to", file, column);
    require_source(r);
  }
}

// "A-Z" and the like: every ASCII character from the first to the last.
std::string expand_range(const std::string& range, const std::string& where) {
  if (range.size() != 3 || range[1] != '-' || range[0] > range[2]) fail(where, "bad range '" + range + "'");
  std::string out;
  for (char c = range[0]; c <= range[2]; ++c) out += c;
  return out;
}

void read_identity_rules(fields& root, csv_data& d) {
  fields creation(root.required("identityCreation"), std::string(k_file) + " identityCreation");
  fields upn(creation.required("upn"), creation.where() + ".upn");
  upn.skip("composition");
  for (const std::string& range : upn.texts_or_empty("allowedRanges"))
    d.upn_allowed += expand_range(range, upn.where());
  d.upn_allowed += upn.text("allowedCharacters");
  d.max_username = upn.integer("maxUsernameLength");
  d.max_upn = upn.integer("maxUpnLength");
  expect_flag(upn, "noTrailingDot", true);
  expect_code(upn, "code", "csv-upn-invalid");
  expect_code(upn, "atCode", "csv-username-has-domain");
  require_source(upn);
  fields password(creation.required("password"), creation.where() + ".password");
  d.password_min = password.integer("minLength");
  d.password_max = password.integer("maxLength");
  if (password.texts_or_empty("classes").size() != 4) fail(password.where(), "'classes' must name the four classes");
  d.password_min_classes = password.integer("minClasses");
  expect_flag(password, "asciiOnly", true);
  if (password.text("checkedWhen") != "non-empty") fail(password.where(), "'checkedWhen' must be 'non-empty'");
  expect_code(password, "code", "csv-password-policy");
  require_source(password);

  fields matching(root.required("matching"), std::string(k_file) + " matching");
  fields sources(matching.required("sources"), matching.where() + ".sources");
  d.student_sources = sources.texts_or_empty("student");
  d.teacher_sources = sources.texts_or_empty("teacher");
  d.targets_needing_domain = matching.texts_or_empty("targetsNeedingDomain");
  expect_code(matching, "unsupportedCode", "csv-matching-source-unsupported");
  require_source(matching);
}

}  // namespace

csv_data read_csv_files(const std::string& path, const schema_data& s) {
  simdjson::dom::parser parser;
  const std::string text = read_file(path);
  element root;
  if (parser.parse(text).get(root)) throw schema_error(path + ": not JSON");
  fields top(root, k_file);
  if (top.text("attributes") != "csv-attributes.json") fail(k_file, "'attributes' must be csv-attributes.json");
  csv_data d;
  for (element e : top.list("files")) d.files.push_back(read_file_entry(e, s));
  {
    fields limit(top.required("rowLimit"), std::string(k_file) + " rowLimit");
    d.max_data_rows = limit.integer("maxDataRows");
    expect_flag(limit, "headerIsRow", false);
    expect_code(limit, "code", "csv-too-many-rows");
    require_source(limit);
  }
  read_value_rules(top, d);
  read_references(top, d);
  read_identity_rules(top, d);
  // What the checker takes for granted (lib/src/csv/tables.hpp).
  const std::vector<std::string> order = {"School.csv",  "Section.csv",           "Student.csv",
                                          "Teacher.csv", "StudentEnrollment.csv", "TeacherRoster.csv"};
  std::vector<std::string> names;
  for (const csv_file_data& f : d.files) names.push_back(f.name);
  if (names != order) fail(k_file, "'files' must be the six files in catalogue order");
  for (const std::string& target : d.targets_needing_domain)
    if (std::find(s.matching_targets.begin(), s.matching_targets.end(), target) == s.matching_targets.end())
      fail(k_file, "matching.targetsNeedingDomain: '" + target + "' is no matching target of model.json");
  for (const auto* sources : {&d.student_sources, &d.teacher_sources})
    for (const std::string& source : *sources) {
      const csv_file_data& f = d.files[sources == &d.student_sources ? 2 : 3];
      if (column_index(f, source) < 0) fail(k_file, "matching.sources: '" + source + "' is no column of " + f.name);
    }
  return d;
}

}  // namespace schemagen
