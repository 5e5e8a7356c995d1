#include "model.hpp"

namespace sdsprofile::detail {

int model::find_type(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < types.size(); ++i)
    if (types[i].name == name) return static_cast<int>(i);
  return -1;
}

bool model::derives_from(int derived, int base) const noexcept {
  for (int t = derived; t >= 0; t = types[static_cast<std::size_t>(t)].base)
    if (t == base) return true;
  return false;
}

}  // namespace sdsprofile::detail
