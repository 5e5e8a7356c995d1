// Roles across the body: duplicate-applies-to (one entry per role in userDomains, matchingOptions
// and licensesToAssign), role-without-domain (a licensed role no userDomains entry creates) and
// licenses-ignored (licences with a matching configuration). docs/rules.md "Catalogue".
#include "engine/walk.hpp"

namespace sdsprofile::engine {

// The items of a collection whose entries are keyed by their appliesTo role (roles_[base, end)):
// every later repeat of a role is reported, and is then no longer a licence of that role (one
// finding per value); the roles the collection gives are kept for the checks at the end.
void walker::check_roles(const slot& p, std::uint32_t roles_base) {
  const enum_def& roles = m_.enums[static_cast<std::size_t>(m_.role_enum)];
  const bool domains = p.cross == cross_field::user_domains;
  const bool licences = p.cross == cross_field::licences;
  std::uint64_t seen = 0;
  for (std::size_t k = roles_base; k < roles_.size(); ++k) {
    role_at& entry = roles_[k];
    const int role = entry.role;
    if (role < 0 || role >= 64) {
      if (licences) licence_roles_.push_back(entry);
      continue;
    }
    const std::uint64_t bit = std::uint64_t{1} << role;
    if (seen & bit) {
      emit(entry.at, finding::duplicate_applies_to{roles.members[static_cast<std::size_t>(role)], &p});
      entry.role = -2 - role;  // still a domain, no longer a licence
    }
    seen |= bit;
    if (domains) domain_roles_ |= bit;
    if (licences) licence_roles_.push_back(entry);
  }
}

// Both sides are known once the walk is done.
void walker::check_cross_fields() {
  if (identity_type_ == m_.creation_type && identity_type_ >= 0) {
    const enum_def& roles = m_.enums[static_cast<std::size_t>(m_.role_enum)];
    for (const role_at& r : licence_roles_) {
      if (r.role < 0) continue;
      const std::uint64_t bit = std::uint64_t{1} << r.role;
      if (roles.supported_bits != 0 && !(roles.supported_bits & bit)) continue;  // role-not-supported already
      if (domain_roles_ & bit) continue;
      emit(r.at, finding::role_without_domain{roles.members[static_cast<std::size_t>(r.role)]});
    }
  }
  if (identity_type_ == m_.matching_type && identity_type_ >= 0 && licences_nonempty_)
    emit(licences_at_, finding::licenses_ignored{});
}

}  // namespace sdsprofile::engine
