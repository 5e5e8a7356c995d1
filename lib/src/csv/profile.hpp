// What the CSV rules read of a profile (docs/csv-rules.md "The folder against the profile"): the
// provider, the identity configuration per role, the optional columns each entity enables and
// handleSpecialCharacterConstraint. Read from the profile's JSON wherever it can be read, also
// when the profile has errors of its own; nothing here reports anything.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sdsprofile/csv_checker.hpp"

namespace sdsprofile::csv {

/// The identity settings of one role (student or teacher).
struct role_settings {
  bool has_domain = false;         ///< creation: userDomains has an entry for the role
  std::string domain;              ///< its name
  bool has_matching = false;       ///< matching: matchingOptions has an entry for the role
  std::string source, target;      ///< sourcePropertyName, targetPropertyName
  bool has_target_domain = false;  ///< targetDomain is a non-empty string
  std::string target_domain;
  std::uint32_t source_ordinal = 0;  ///< the sourcePropertyName value's number in a pre-order walk
};

/// Which identity configuration the profile has.
enum class identity_kind : std::uint8_t { unknown, creation, matching };

/// The settings, and where the rules about the profile itself point.
struct profile_settings {
  bool readable = false;      ///< the profile is JSON: everything below was read from it
  bool has_provider = false;  ///< it has a dataProvider object
  bool csv_provider = false;  ///< whose @odata.type names educationCsvDataProvider (in any case)
  std::string provider_type;  ///< that @odata.type as written
  identity_kind identity = identity_kind::unknown;
  role_settings student, teacher;
  bool replace_special_characters = false;  ///< handleSpecialCharacterConstraint is true
  /// The names each file's entity lists in optionalPropertiesToSync (indexed by csv_file).
  std::array<std::vector<std::string>, csv_file_count> enabled;

  /// The role of a user file (student or teacher), or nullptr.
  [[nodiscard]] const role_settings* role_of(std::size_t file) const noexcept {
    return file == 2 ? &student : file == 3 ? &teacher : nullptr;
  }
};

/// Reads the settings of `json` (one profile body, maybe with a BOM) with `parser`. A profile
/// that is not JSON leaves `out.readable` false.
void read_profile(std::string_view json, simdjson::dom::parser& parser, profile_settings& out);

}  // namespace sdsprofile::csv
