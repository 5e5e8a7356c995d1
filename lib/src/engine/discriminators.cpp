// "@odata.type": where it stands in an object, the type it names, and what to suggest when it is
// missing or wrong. docs/rules.md "Vocabulary" (the discriminator key, stray keys) and the codes
// odata-type-missing, unknown-odata-type, abstract-type, odata-type-not-derived,
// odata-type-noncanonical.
#include <algorithm>

#include "engine/walk.hpp"
#include "text_rules.hpp"

namespace sdsprofile::engine {
namespace {

constexpr std::string_view k_odata_type = "@odata.type";

// The last dotted segment of an "@odata.type" value, without '#': the type name it means.
std::string_view last_segment(std::string_view value) {
  if (const std::size_t dot = value.rfind('.'); dot != std::string_view::npos) value.remove_prefix(dot + 1);
  if (!value.empty() && value.front() == '#') value.remove_prefix(1);
  return value;
}

bool is_stray(const model& m, std::string_view key) {
  for (std::string_view stray : m.stray_discriminators)
    if (detail::iequals(stray, key)) return true;
  return false;
}

}  // namespace

int odata_type_index(const model& m, std::string_view value, bool& canonical) noexcept {
  canonical = false;
  const int exact = m.odata_types.find(value, [&m](std::size_t i) { return m.types[i].odata_type; });
  if (exact >= 0) {
    canonical = true;
    return exact;
  }
  std::string_view name = value;
  if (!name.empty() && name.front() == '#') name.remove_prefix(1);
  constexpr std::string_view full = "microsoft.graph.", alias = "graph.";
  if (name.size() > full.size() && detail::iequals(name.substr(0, full.size()), full))
    name.remove_prefix(full.size());
  else if (name.size() > alias.size() && detail::iequals(name.substr(0, alias.size()), alias))
    name.remove_prefix(alias.size());
  else
    return -1;
  for (std::size_t i = 0; i < m.types.size(); ++i)  // the length first: most names differ in it
    if (m.types[i].name.size() == name.size() && detail::iequals(m.types[i].name, name)) return static_cast<int>(i);
  return -1;
}

// The key that types the object: the first named "@odata.type" exactly, else the first named so
// ignoring case (0 when neither). `exact` tells which.
tape_index walker::discriminator_at(tape_index object, bool& exact) const noexcept {
  tape_index found = 0;
  exact = false;
  for (tape_index k = object + 1, end = t_.end_of(object); k < end; k = t_.after(k + 1)) {
    const std::string_view key = t_.string(k);
    if (key.size() != k_odata_type.size()) continue;
    if (key == k_odata_type) {
      exact = true;
      return k;
    }
    if (found == 0 && detail::iequals(key, k_odata_type)) found = k;
  }
  return found;
}

// The type the discriminator's value names, with its findings at that value; `resolved` is false
// when nothing below the object is to be checked.
std::int16_t walker::resolve_discriminator(tape_index object, const type_def& declared, tape_index key,
                                           bool& resolved) {
  resolved = false;
  const tape_index at = key + 1;
  if (t_.kind(at) != tape_kind::string) {
    emit(at, finding::discriminator_not_string{json_type(at)});
    return -1;
  }
  const std::string_view value = t_.string(at);
  // The common case first: the canonical name of a concrete type assignable here (what the
  // general lookup below would find, without hashing every byte of the name).
  for (const std::uint16_t ti : declared.concrete)
    if (same_text(value, m_.types[ti].odata_type)) {
      resolved = true;
      return static_cast<std::int16_t>(ti);
    }
  bool canonical = false;
  const int found = odata_type_index(m_, value, canonical);
  if (found < 0) {
    emit(at, finding::unknown_odata_type{value, &declared, nearest_type(value, declared)});
    return -1;
  }
  const type_def& t = m_.types[static_cast<std::size_t>(found)];
  if (!canonical) emit(at, finding::odata_type_noncanonical{value, &t});
  if (t.abstract) {
    emit(at, finding::abstract_type{&t, &declared, fitting_type(declared, object)});
    return -1;
  }
  if (!m_.derives_from(found, static_cast<int>(&declared - m_.types.data()))) {
    emit(at, finding::odata_type_not_derived{&t, &declared});
    return -1;
  }
  resolved = true;
  return static_cast<std::int16_t>(found);
}

// An abstract position without "@odata.type". A stray discriminator ("type", "odata.type",
// "@type", ...) does not type the object; the hint names it: the first whose value names a type
// that fits here (then that type), else the first, with the type the properties fit. The stray key
// gets nothing of its own: nothing below an unresolved type is checked.
void walker::report_missing_discriminator(tape_index object, const type_def& declared) {
  std::string_view stray;
  const type_def* hint = nullptr;
  for (tape_index k = object + 1, end = t_.end_of(object); k < end; k = t_.after(k + 1)) {
    const std::string_view key = t_.string(k);
    if (!is_stray(m_, key)) continue;
    if (stray.empty()) stray = key;
    if (t_.kind(k + 1) == tape_kind::string) hint = named_type(t_.string(k + 1), declared);
    if (hint != nullptr) {
      stray = key;
      break;
    }
  }
  const bool named = hint != nullptr;
  if (hint == nullptr) hint = fitting_type(declared, object);
  emit(object, finding::odata_type_missing{&declared, stray, hint, named});
}

// The one concrete type assignable here whose properties include every name present (ignoring
// case, annotations and stray discriminators); null when none or several fit.
const type_def* walker::fitting_type(const type_def& declared, tape_index object) const noexcept {
  const type_def* found = nullptr;
  for (const std::uint16_t ti : declared.concrete) {
    const type_def& candidate = m_.types[ti];
    bool fits = true;
    for (tape_index k = object + 1, end = t_.end_of(object); k < end && fits; k = t_.after(k + 1)) {
      const std::string_view key = t_.string(k);
      if (key.find('@') != std::string_view::npos || is_stray(m_, key)) continue;
      fits = false;
      for (const slot& s : candidate.slots)
        if (detail::iequals(s.name, key)) fits = true;
    }
    if (!fits) continue;
    if (found != nullptr) return nullptr;
    found = &candidate;
  }
  return found;
}

// The concrete type assignable here that a stray discriminator's value names (its last segment,
// equal ignoring case to the type's name or to one of its historic names); null when none.
const type_def* walker::named_type(std::string_view value, const type_def& declared) const noexcept {
  const std::string_view name = last_segment(value);
  int named = -1;
  for (const type_alias& alias : m_.type_aliases)
    if (detail::iequals(alias.name, name)) named = alias.type;
  for (const std::uint16_t ti : declared.concrete)
    if (detail::iequals(m_.types[ti].name, name) || ti == named) return &m_.types[ti];
  return nullptr;
}

// The did-you-mean of unknown-odata-type: a historic name, the same name in another namespace, or
// the nearest concrete type assignable here (at most 2 edits and a third of the longer name, as
// every did-you-mean); null when none is near.
const type_def* walker::nearest_type(std::string_view value, const type_def& declared) const noexcept {
  const std::string_view name = last_segment(value);
  int hint = -1;
  for (const type_alias& alias : m_.type_aliases)
    if (detail::iequals(alias.name, name)) hint = alias.type;
  for (std::size_t i = 0; i < m_.types.size() && hint < 0; ++i)
    if (detail::iequals(m_.types[i].name, name)) hint = static_cast<int>(i);
  if (hint < 0) {
    unsigned best = 3;
    for (const std::uint16_t ti : declared.concrete) {
      const unsigned d = detail::edit_distance(name, m_.types[ti].name, 2, true);
      if (d < best && std::size_t{d} * 3 <= std::max(name.size(), m_.types[ti].name.size())) {
        best = d;
        hint = ti;
      }
    }
  }
  return hint >= 0 ? &m_.types[static_cast<std::size_t>(hint)] : nullptr;
}

}  // namespace sdsprofile::engine
