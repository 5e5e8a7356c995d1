#include "csv/profile.hpp"

#include "text_rules.hpp"

namespace sdsprofile::csv {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// An @odata.type as the profile checker accepts it, canonical or not (docs/rules.md
// odata-type-noncanonical): with or without '#', with the namespace or its alias, in any case.
bool names_type(std::string_view value, std::string_view type) noexcept {
  if (value.starts_with('#')) value.remove_prefix(1);
  for (const std::string_view ns : {"microsoft.graph.", "graph."})
    if (value.size() > ns.size() && detail::iequals(value.substr(0, ns.size()), ns)) {
      value.remove_prefix(ns.size());
      break;
    }
  return detail::iequals(value, type);
}

std::string_view text_at(object o, std::string_view key) {
  std::string_view s;
  return o[key].get(s) ? std::string_view{} : s;
}

// Numbers every value of `e` in pre-order, from `next` (keys not counted; the CSV checker maps
// these numbers to tape indices), and returns the next free number.
std::uint32_t count_values(element e, std::uint32_t next) {
  ++next;
  array a;
  object o;
  if (!e.get(a)) {
    for (element item : a) next = count_values(item, next);
  } else if (!e.get(o)) {
    for (auto field : o) next = count_values(field.value, next);
  }
  return next;
}

// The matching options: each entry of a role once (the first), with the ordinal of its
// sourcePropertyName. `first` is the ordinal of the matchingOptions array.
void read_matching(array options, std::uint32_t first, profile_settings& out) {
  std::uint32_t next = first + 1;
  for (element entry : options) {
    object o;
    if (!entry.get(o)) {
      const std::string_view applies_to = text_at(o, "appliesTo");
      role_settings* r = applies_to == "student" ? &out.student : applies_to == "teacher" ? &out.teacher : nullptr;
      std::uint32_t member = next + 1;
      for (auto field : o) {
        if (r != nullptr && !r->has_matching && field.key == "sourcePropertyName") r->source_ordinal = member;
        member = count_values(field.value, member);
      }
      if (r != nullptr && !r->has_matching) {
        r->has_matching = true;
        r->source = text_at(o, "sourcePropertyName");
        r->target = text_at(o, "targetPropertyName");
        const std::string_view domain = text_at(o, "targetDomain");
        r->has_target_domain = !domain.empty();
        r->target_domain = domain;
      }
    }
    next = count_values(entry, next);
  }
}

void read_domains(array domains, profile_settings& out) {
  for (element entry : domains) {
    object o;
    if (entry.get(o)) continue;
    const std::string_view applies_to = text_at(o, "appliesTo");
    role_settings* r = applies_to == "student" ? &out.student : applies_to == "teacher" ? &out.teacher : nullptr;
    if (r == nullptr || r->has_domain) continue;
    r->has_domain = true;
    r->domain = text_at(o, "name");
  }
}

void read_identity(object configuration, std::uint32_t first, profile_settings& out) {
  const std::string_view type = text_at(configuration, "@odata.type");
  array domains, options;
  const bool has_domains = !configuration["userDomains"].get(domains);
  const bool has_options = !configuration["matchingOptions"].get(options);
  if (names_type(type, "educationIdentityCreationConfiguration") || (type.empty() && has_domains && !has_options))
    out.identity = identity_kind::creation;
  else if (names_type(type, "educationIdentityMatchingConfiguration") || (type.empty() && has_options && !has_domains))
    out.identity = identity_kind::matching;
  if (has_domains) read_domains(domains, out);
  // The ordinal of matchingOptions' array: count the members before it.
  std::uint32_t next = first + 1;
  for (auto field : configuration) {
    if (field.key == "matchingOptions" && has_options) {
      read_matching(options, next, out);
      break;
    }
    next = count_values(field.value, next);
  }
}

void read_provider(object provider, profile_settings& out) {
  out.has_provider = true;
  out.provider_type = text_at(provider, "@odata.type");
  out.csv_provider = names_type(out.provider_type, "educationCsvDataProvider");
  object customizations;
  if (provider["customizations"].get(customizations)) return;
  constexpr std::string_view entities[] = {"school", "section", "student", "teacher"};  // csv_file order
  for (std::size_t file = 0; file < std::size(entities); ++file) {
    array names;
    if (customizations[entities[file]]["optionalPropertiesToSync"].get(names)) continue;
    for (element name : names) {
      std::string_view s;
      if (!name.get(s)) out.enabled[file].emplace_back(s);
    }
  }
}

}  // namespace

void read_profile(std::string_view json, simdjson::dom::parser& parser, profile_settings& out) {
  out = profile_settings{};
  if (json.starts_with("\xEF\xBB\xBF")) json.remove_prefix(3);
  element root;
  if (parser.parse(json.data(), json.size(), true).get(root)) return;
  out.readable = true;
  object profile;
  if (root.get(profile)) return;
  bool special = false;
  out.replace_special_characters = !profile["handleSpecialCharacterConstraint"].get(special) && special;
  object provider;
  if (!profile["dataProvider"].get(provider)) read_provider(provider, out);
  std::uint32_t next = 1;  // the root is 0
  for (auto field : profile) {
    object configuration;
    if (field.key == "identitySynchronizationConfiguration" && !field.value.get(configuration)) {
      read_identity(configuration, next, out);
      break;
    }
    next = count_values(field.value, next);
  }
}

}  // namespace sdsprofile::csv
