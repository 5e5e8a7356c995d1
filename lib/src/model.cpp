#include "model.hpp"

#include "text_rules.hpp"

namespace sdsprofile::detail {

int model::find_type(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < types.size(); ++i)
    if (types[i].name == name) return static_cast<int>(i);
  return -1;
}

int model::resolve_odata_type(std::string_view value, bool& canonical) const noexcept {
  canonical = false;
  for (std::size_t i = 0; i < types.size(); ++i)
    if (types[i].odata_type == value) {
      canonical = true;
      return static_cast<int>(i);
    }
  std::string_view name = value;
  if (!name.empty() && name.front() == '#') name.remove_prefix(1);
  constexpr std::string_view full = "microsoft.graph.", alias = "graph.";
  if (name.size() > full.size() && iequals(name.substr(0, full.size()), full))
    name.remove_prefix(full.size());
  else if (name.size() > alias.size() && iequals(name.substr(0, alias.size()), alias))
    name.remove_prefix(alias.size());
  else
    return -1;
  for (std::size_t i = 0; i < types.size(); ++i)
    if (iequals(types[i].name, name)) return static_cast<int>(i);
  return -1;
}

bool model::is_stray_discriminator(std::string_view key) const noexcept {
  for (std::string_view stray : list(stray_discriminators))
    if (iequals(stray, key)) return true;
  return false;
}

int model::find_csv_entity(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < csv_entities.size(); ++i)
    if (csv_entities[i].name == name) return static_cast<int>(i);
  return -1;
}

bool model::derives_from(int derived, int base) const noexcept {
  for (int t = derived; t >= 0; t = types[static_cast<std::size_t>(t)].base)
    if (t == base) return true;
  return false;
}

}  // namespace sdsprofile::detail
