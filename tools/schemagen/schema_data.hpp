// schemas/*.json read into plain structs, strictly: an unknown key, a missing source, a name that
// resolves to nothing or an inconsistent rule stops the build with a message naming the place.
// The emitters (the compiled tables, the JSON Schema) read only these structs.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace schemagen {

/// A failure of the schema files; what() names the file and the place.
struct schema_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One property as the schema declares it, its names resolved.
struct property_data {
  std::string name;
  std::string type_name;  ///< as written: "Edm.String", an enum or a type name
  std::string kind;       ///< edm kind: string, boolean, int64, date, date_time_offset, enumeration, complex
  int target = -1;        ///< type index (complex) or enum index (enumeration)
  bool collection = false, nullable = true, required_create = false, required_resource = false;
  bool read_only = false, navigation = false;
  std::string rule = "none";    ///< string rule (non-blank, dns-name, ...), "none"
  std::string unique = "none";  ///< none, exact, case-insensitive
  std::string empty = "none";   ///< none, error, warning
  bool unique_by_applies_to = false;
  int csv_entity = -1;
  std::string date = "none";   ///< none, start, expiration
  std::string cross = "none";  ///< none, applies-to, identity-configuration, licences, user-domains
};

struct historic_data {
  std::string name, replacement, note;
};

struct type_data {
  std::string name;
  int base = -1;
  bool abstract = false, csv_attributes = false;
  std::vector<property_data> own;  ///< declared here, not inherited
  std::vector<historic_data> historic;
};

struct enum_data {
  std::string name;
  std::vector<std::string> members, supported;
};

struct entity_data {
  std::string name, file;  ///< file: the entity's CSV file (read by the CSV generator)
  std::vector<std::string> optional, required, deprecated, identity;
  bool optional_properties_apply = true, start_date_applies = false;
};

struct alias_data {
  std::string name;
  int type = -1;
};

/// schemas/expansion.json.
struct expansion_data {
  std::vector<std::string> profile_keys, only_when_sent;
  std::string state;
  std::vector<std::string> entity_order, always_present;
  bool append_customizations = true;
  std::vector<std::string> customization_keys;
  std::vector<std::string> customization_defaults;  ///< JSON text per key; "" = the CSV list
  std::string licences_default;                     ///< licensesToAssign omitted or null: minified JSON text
  std::string licence_odata_type;
};

struct schema_data {
  std::string ns, alias;
  int root = -1;
  std::vector<enum_data> enums;
  std::vector<type_data> types;
  std::vector<alias_data> type_aliases;
  std::vector<std::string> stray_discriminators;
  std::vector<std::string> matching_targets;
  std::vector<entity_data> entities;
  expansion_data expansion;

  [[nodiscard]] int type_index(const std::string& name) const;
  [[nodiscard]] int enum_index(const std::string& name) const;
  [[nodiscard]] int entity_index(const std::string& name) const;
  /// `ti` and its bases, base first.
  [[nodiscard]] std::vector<int> chain(int ti) const;
  /// The properties of `ti`, inherited ones first.
  [[nodiscard]] std::vector<const property_data*> flattened(int ti) const;
  /// The concrete types `ti` or a type derived from it.
  [[nodiscard]] std::vector<int> concrete_of(int ti) const;
  /// Every CSV attribute name of every entity, de-duplicated, in file order (the names
  /// case-sensitive-value knows for matching sourcePropertyName).
  [[nodiscard]] std::vector<std::string> matching_sources() const;
};

/// Reads and checks the three files (paths as given on the command line).
schema_data read_schemas(const std::string& model_path, const std::string& csv_path, const std::string& expansion_path);

/// The whole file at `path`. Throws schema_error when it cannot be read.
std::string read_file(const std::string& path);

/// Writes `text` to `path` only when it differs from what is there, so that unchanged data
/// rebuilds nothing. Throws schema_error when it cannot be written.
void write_if_changed(const std::string& path, const std::string& text);

}  // namespace schemagen
