#include "walker.hpp"

#include <algorithm>
#include <cstring>

#include "retained.hpp"
#include "text_rules.hpp"

namespace sdsprofile::detail {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

namespace {

constexpr std::string_view k_odata_type = "@odata.type";
// Objects with more members than this use sorting instead of pairwise comparison for duplicates.
constexpr std::size_t k_small_object = 32;
constexpr std::size_t k_none = static_cast<std::size_t>(-1);

bool required_in(const property_def& p, mode m) noexcept {
  return (m == mode::create && p.required_create) || (m == mode::resource && p.required_resource);
}

bool ascii_less_ci(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i]);
    const auto y = static_cast<unsigned char>(b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i]);
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}

// Size and first byte first: most names in a list differ there, and memcmp is a call.
bool same(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && std::memcmp(a.data(), b.data(), a.size()) == 0));
}

bool contains(std::span<const std::string_view> list, std::string_view s) noexcept {
  return std::any_of(list.begin(), list.end(), [s](std::string_view item) { return same(item, s); });
}

}  // namespace

walker::walker() : m_(the_model()) {
  creation_type_ = m_.find_type("educationIdentityCreationConfiguration");
  matching_type_ = m_.find_type("educationIdentityMatchingConfiguration");
  for (std::size_t i = 0; i < m_.enums.size(); ++i)
    if (m_.enums[i].name == "educationUserRole") role_enum_ = static_cast<int>(i);
}

void walker::emit(code c, severity s, std::uint32_t ordinal, anchor at, std::string_view a, std::string_view b,
                  std::int32_t n, std::uint8_t variant, const property_def* prop) {
  record r;
  r.id = c;
  r.level = s;
  r.at = at;
  r.variant = variant;
  r.ordinal = ordinal;
  r.seq = seq_++;
  r.a = a;
  r.b = b;
  r.n = n;
  r.prop = prop;
  out_->push_back(r);
}

bool walker::release_outsized() noexcept {
  bool released = false;
  for (auto* keyed_buffer : {&keys_, &items_}) released |= detail::release_outsized(*keyed_buffer);
  for (auto* roles : {&roles_, &licence_roles_}) released |= detail::release_outsized(*roles);
  for (auto* indices : {&order_, &table_}) released |= detail::release_outsized(*indices);
  released |= detail::release_outsized(later_);
  released |= detail::release_outsized(skip_stack_);
  return released;
}

void walker::run(element root, mode m, std::int64_t now_seconds, std::vector<record>& out) {
  mode_ = m;
  now_ = now_seconds;
  today_ = civil_from_days(days_from_seconds(now_seconds));
  out_ = &out;
  ordinal_ = 0;
  seq_ = 0;
  identity_type_ = -1;
  domain_roles_ = 0;
  licences_nonempty_ = false;
  licences_ordinal_ = 0;
  keys_.clear();
  items_.clear();
  roles_.clear();
  licence_roles_.clear();

  if (root.type() != element_type::OBJECT) {
    type_error(root, 0, nullptr, true, false);
    skip(root);
    return;
  }
  check_object(root, m_.root_type, context{});

  // Cross-field rules (docs/rules.md role-without-domain, licenses-ignored): both sides are known now.
  if (identity_type_ == creation_type_ && identity_type_ >= 0) {
    const auto& roles = m_.enums[static_cast<std::size_t>(role_enum_)];
    const auto supported = m_.list(roles.supported);
    const auto members = m_.list(roles.members);
    for (const role_at& r : licence_roles_) {
      if (r.role < 0) continue;
      const std::string_view name = members[static_cast<std::size_t>(r.role)];
      if (!supported.empty() && !contains(supported, name)) continue;  // role-not-supported already
      if ((domain_roles_ >> r.role) & 1u) continue;
      emit(code::role_without_domain, severity::warning, r.ordinal, anchor::value, name);
    }
  }
  if (identity_type_ == matching_type_ && identity_type_ >= 0 && licences_nonempty_)
    emit(code::licenses_ignored, severity::warning, licences_ordinal_, anchor::value);
}

// An unchecked subtree: only ordinals and duplicate names.
void walker::skip(element e) {
  // Iterative, with an explicit stack of open containers: any nesting the depth limit allows runs
  // on a small thread stack (docs/rules.md "Limits and safety").
  element_type type = e.type();
  if (type != element_type::OBJECT && type != element_type::ARRAY) {  // the common case: a scalar
    ++ordinal_;
    return;
  }
  skip_stack_.clear();
  for (;;) {
    ++ordinal_;
    type = e.type();
    if (type == element_type::OBJECT) {
      const object obj = e.get_object().value_unsafe();
      skip_stack_.push_back({obj.begin(), obj.end(), {}, {}, keys_.size(), true, obj.size() > k_small_object});
    } else if (type == element_type::ARRAY) {
      const array items = e.get_array().value_unsafe();
      skip_stack_.push_back({{}, {}, items.begin(), items.end(), 0, false, false});
    }
    // The next value to visit: the next member or item of the innermost open container; finished
    // containers are closed on the way out.
    for (;;) {
      if (skip_stack_.empty()) return;
      skip_frame& top = skip_stack_.back();
      if (top.is_object && top.field != top.fields_end) {
        const auto field = *top.field;
        ++top.field;
        note_key(field.key, top.base, top.large);
        e = field.value;
        break;
      }
      if (!top.is_object && top.item != top.items_end) {
        e = *top.item;
        ++top.item;
        break;
      }
      if (top.is_object) end_object(top.base, top.large);
      skip_stack_.pop_back();
    }
  }
}

// Called before the member's value is visited, so ordinal_ is the value's ordinal.
void walker::note_key(std::string_view key, std::size_t base, bool large) {
  if (!large) {
    for (std::size_t i = base; i < keys_.size(); ++i)
      if (keys_[i].text == key) {
        emit(code::json_duplicate_key, severity::error, ordinal_, anchor::key, key);
        break;
      }
  }
  keys_.push_back({key, ordinal_});
}

// Whether the name just noted (the last entry of keys_) equals an earlier one of its object.
bool walker::repeats_earlier_key(std::string_view key, std::size_t base) const noexcept {
  for (std::size_t i = base; i + 1 < keys_.size(); ++i)
    if (keys_[i].text == key) return true;
  return false;
}

void walker::end_object(std::size_t base, bool large) {
  if (large) report_later_duplicates(keys_, base, false, code::json_duplicate_key, anchor::key, {});
  keys_.resize(base);
}

// Entries [base, end) of keys_ (duplicate names) or items_ (duplicate values): every entry equal
// to an earlier one is reported at its own ordinal.
void walker::report_later_duplicates(std::vector<keyed>& v, std::size_t base, bool case_insensitive, code c, anchor at,
                                     std::string_view collection) {
  const std::size_t count = v.size() - base;
  const severity level = c == code::json_duplicate_key ? severity::error : severity::warning;
  auto equal = [case_insensitive](std::string_view x, std::string_view y) {
    return case_insensitive ? iequals(x, y) : x == y;
  };
  if (count <= k_small_object) {
    for (std::size_t i = base + 1; i < v.size(); ++i)
      for (std::size_t j = base; j < i; ++j)
        if (equal(v[i].text, v[j].text)) {
          emit(c, level, v[i].ordinal, at, v[i].text, collection);
          break;
        }
    return;
  }
  // Linear time for long lists: an open-addressing table of item indices, keyed by a hash of the
  // text (ASCII case folded when case_insensitive). Crafted collisions cannot make it quadratic:
  // past a probe budget the sort below takes over (n log n), before anything is emitted.
  std::size_t slots = 16;
  while (slots < 2 * count) slots *= 2;
  constexpr std::uint32_t empty = UINT32_MAX;
  table_.assign(slots, empty);
  later_.assign(count, 0);
  std::size_t probes = 0;
  const std::size_t budget = 8 * count;
  bool hashed = true;
  for (std::size_t i = base; i < v.size() && hashed; ++i) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a
    for (const char ch : v[i].text) {
      const auto b = static_cast<unsigned char>(case_insensitive && ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      h = (h ^ b) * 1099511628211ull;
    }
    for (std::size_t slot = h & (slots - 1);; slot = (slot + 1) & (slots - 1)) {
      if (++probes > budget) {
        hashed = false;
        break;
      }
      if (table_[slot] == empty) {
        table_[slot] = static_cast<std::uint32_t>(i);
        break;
      }
      if (equal(v[table_[slot]].text, v[i].text)) {
        later_[i - base] = 1;
        break;
      }
    }
  }
  if (hashed) {
    for (std::size_t i = base; i < v.size(); ++i)
      if (later_[i - base]) emit(c, level, v[i].ordinal, at, v[i].text, collection);
    return;
  }
  order_.clear();
  for (std::size_t i = base; i < v.size(); ++i) order_.push_back(static_cast<std::uint32_t>(i));
  // std::sort with the index as tie-break: the order of std::stable_sort without its temporary
  // buffer (an allocation per document).
  std::sort(order_.begin(), order_.end(), [&](std::uint32_t x, std::uint32_t y) {
    if (!case_insensitive) {
      const int order = v[x].text.compare(v[y].text);
      return order != 0 ? order < 0 : x < y;
    }
    if (ascii_less_ci(v[x].text, v[y].text)) return true;
    return !ascii_less_ci(v[y].text, v[x].text) && x < y;
  });
  for (std::size_t i = 1; i < order_.size(); ++i)
    if (equal(v[order_[i]].text, v[order_[i - 1]].text))
      emit(c, level, v[order_[i]].ordinal, at, v[order_[i]].text, collection);
}

void walker::type_error(element v, std::uint32_t me, const property_def* p, bool container_expected, bool item) {
  const std::int32_t n = item ? 1 : -1;  // n = 1: the expected type is the item type
  if (container_expected && v.type() == element_type::STRING) {
    const std::string_view s = v.get_string().value_unsafe();
    if (is_serialized_object_text(s)) {
      emit(code::serialized_object_text, severity::error, me, anchor::value, s, {}, n, 0, p);
      return;
    }
  }
  emit(code::type_mismatch, severity::error, me, anchor::value, {}, {}, n, static_cast<std::uint8_t>(v.type()), p);
}

int walker::fitting_type(int declared, object obj) const {
  // The one concrete type whose properties include every name present (ignoring case,
  // annotations and stray discriminators); -1 when none or several fit.
  int found = -1;
  for (std::uint16_t ti : m_.concrete_of(m_.types[static_cast<std::size_t>(declared)])) {
    const auto props = m_.properties_of(m_.types[ti]);
    bool fits = true;
    for (auto field : obj) {
      if (field.key.find('@') != std::string_view::npos || m_.is_stray_discriminator(field.key)) continue;
      if (std::none_of(props.begin(), props.end(), [&](const property_def& p) { return iequals(p.name, field.key); })) {
        fits = false;
        break;
      }
    }
    if (fits) {
      if (found >= 0) return -1;
      found = ti;
    }
  }
  return found;
}

// The concrete type assignable to `declared` that a stray discriminator's value names: its last
// dotted segment, without '#', equal ignoring case to the type's name or to a historic name of it
// ("#microsoft.graph.educationCsvDataProvider", "educationCsvDataProvider", "csvDataProvider").
// -1 when it names none.
int walker::named_type(std::string_view value, int declared) const {
  std::string_view name = value;
  if (const std::size_t dot = name.rfind('.'); dot != std::string_view::npos) name.remove_prefix(dot + 1);
  if (!name.empty() && name.front() == '#') name.remove_prefix(1);
  int named = -1;
  for (const type_alias& alias : m_.type_aliases)
    if (iequals(alias.name, name)) named = alias.type;
  for (std::uint16_t ti : m_.concrete_of(m_.types[static_cast<std::size_t>(declared)])) {
    if (iequals(m_.types[ti].name, name)) return ti;
    if (ti == named) return ti;
  }
  return -1;
}

// docs/rules.md odata-type rules. Returns the type to check against (when resolved).
int walker::resolve_odata_type(std::string_view value, int declared, std::uint32_t at, bool& resolved, object obj) {
  resolved = false;
  const type_def& want = m_.types[static_cast<std::size_t>(declared)];
  bool canonical = false;
  const int found = m_.resolve_odata_type(value, canonical);
  if (found < 0) {
    // Hint: a historic name, the same name in another namespace, or the nearest assignable type
    // (at most 2 edits and a third of the longer name, as every did-you-mean).
    std::string_view last = value;
    if (const std::size_t dot = last.rfind('.'); dot != std::string_view::npos) last.remove_prefix(dot + 1);
    if (!last.empty() && last.front() == '#') last.remove_prefix(1);
    int hint = -1;
    for (const type_alias& alias : m_.type_aliases)
      if (iequals(alias.name, last)) hint = alias.type;
    for (std::size_t i = 0; i < m_.types.size() && hint < 0; ++i)
      if (iequals(m_.types[i].name, last)) hint = static_cast<int>(i);
    if (hint < 0) {
      unsigned best = 3;
      for (std::uint16_t ti : m_.concrete_of(want)) {
        const unsigned d = edit_distance(last, m_.types[ti].name, 2, true);
        if (d < best && std::size_t{d} * 3 <= std::max(last.size(), m_.types[ti].name.size())) {
          best = d;
          hint = ti;
        }
      }
    }
    emit(code::unknown_odata_type, severity::error, at, anchor::value, value, want.name, hint);
    return -1;
  }
  const type_def& t = m_.types[static_cast<std::size_t>(found)];
  if (!canonical) emit(code::odata_type_noncanonical, severity::warning, at, anchor::value, value, t.odata_type);
  if (t.abstract) {
    emit(code::abstract_type, severity::error, at, anchor::value, t.name, want.name, fitting_type(declared, obj));
    return -1;
  }
  if (!m_.derives_from(found, declared)) {
    emit(code::odata_type_not_derived, severity::error, at, anchor::value, t.name, want.name);
    return -1;
  }
  resolved = true;
  return found;
}

walker::value_result walker::check_object(element v, int declared, context c) {
  const std::uint32_t me = ordinal_++;
  const object obj = v.get_object().value_unsafe();
  const type_def& want = m_.types[static_cast<std::size_t>(declared)];
  // Where the discriminator stands decides the path: it is usually the first member, or absent
  // from a position that is not polymorphic. Only a polymorphic position whose first member is
  // something else needs a look at every name first.
  const auto first = obj.begin();
  const bool starts_with_type = first != obj.end() && first.key() == k_odata_type;
  const bool polymorphic = want.abstract || want.concrete_count > 1;
  if (polymorphic && !starts_with_type) return check_members(obj, me, declared, c, discriminator_at(obj));
  const checkpoint saved = save();
  value_result r = check_members(obj, me, declared, c, starts_with_type ? 0 : k_none);
  if (!r.restart) return r;
  // A late "@odata.type" changed the picture: forget what this object emitted and start again
  // with the discriminator known (rare: a body whose @odata.type is not its first member).
  restore(saved, me);
  return check_members(obj, me, declared, c, discriminator_at(obj));
}

std::size_t walker::discriminator_at(object obj) const noexcept {
  std::size_t i = 0, found = k_none;
  for (auto field : obj) {
    if (field.key == k_odata_type) return i;
    if (found == k_none && iequals(field.key, k_odata_type)) found = i;
    ++i;
  }
  return found;
}

walker::checkpoint walker::save() const noexcept {
  return {out_->size(),  keys_.size(),       licence_roles_.size(), identity_type_,
          domain_roles_, licences_nonempty_, licences_ordinal_};
}

void walker::restore(const checkpoint& k, std::uint32_t me) noexcept {
  out_->resize(k.records);
  keys_.resize(k.keys);
  licence_roles_.resize(k.licence_roles);
  identity_type_ = k.identity_type;
  domain_roles_ = k.domain_roles;
  licences_nonempty_ = k.licences_nonempty;
  licences_ordinal_ = k.licences_ordinal;
  ordinal_ = me + 1;
}

// `disc`: index of the discriminator member, or k_none when there is none (or, on the optimistic
// path, when it has not been looked for: then a later one sets `restart`).
walker::value_result walker::check_members(object obj, std::uint32_t me, int declared, context c, std::size_t disc) {
  value_result result;
  const type_def& want = m_.types[static_cast<std::size_t>(declared)];
  const bool looked = disc != k_none || want.abstract || want.concrete_count > 1;
  int type = declared;
  bool resolved = true;
  if (disc == k_none && want.abstract) {
    // docs/rules.md "Vocabulary": a stray discriminator ("type", "odata.type", "@type", ...) does
    // not type the object; the hint names it (b): the first one whose value names a type that
    // fits here (variant 1, that type), else the first one, with the type the properties fit. The
    // stray key gets nothing of its own: nothing below an unresolved type is checked.
    std::string_view stray;
    int hint_type = -1;
    for (auto field : obj) {
      if (!m_.is_stray_discriminator(field.key)) continue;
      if (stray.empty()) stray = field.key;
      if (field.value.type() == element_type::STRING)
        hint_type = named_type(field.value.get_string().value_unsafe(), declared);
      if (hint_type >= 0) {
        stray = field.key;
        break;
      }
    }
    const std::uint8_t named = hint_type >= 0 ? 1 : 0;
    if (hint_type < 0) hint_type = fitting_type(declared, obj);
    emit(code::odata_type_missing, severity::error, me, anchor::value, want.name, stray, hint_type, named);
    resolved = false;
  }
  // The type must be known before the first member is checked. Its diagnostics belong to the
  // discriminator's value, whose ordinal is known only when the walk reaches it: they are emitted
  // now and re-stamped then.
  std::size_t disc_records = out_->size();
  bool disc_exact = false;  // the discriminator is spelt "@odata.type" exactly
  if (disc != k_none) {
    auto it = obj.begin();
    for (std::size_t k = 0; k < disc; ++k) ++it;
    disc_exact = it.key() == k_odata_type;
    const element value = it.value();
    if (value.type() == element_type::STRING) {
      type = resolve_odata_type(value.get_string().value_unsafe(), declared, 0, resolved, obj);
    } else {
      emit(code::type_mismatch, severity::error, 0, anchor::value, "Edm.String", {}, -1,
           static_cast<std::uint8_t>(value.type()));
      resolved = false;
    }
  }
  const std::size_t disc_records_end = out_->size();

  const std::size_t base = keys_.size();
  const bool large = obj.size() > k_small_object;
  std::uint64_t present = 0;  // properties given, by exact or wrong-case name
  std::uint64_t exact = 0;    // properties given by their exact name (duplicate detection)
  const type_def* t = nullptr;
  std::span<const property_def> props;
  std::size_t i = 0;
  for (auto field : obj) {
    const std::string_view key = field.key;
    if (i++ == disc) {
      note_key(key, base, large);
      for (std::size_t k = disc_records; k < disc_records_end; ++k) (*out_)[k].ordinal = ordinal_;
      if (!disc_exact)  // docs/rules.md "Vocabulary": its value still types the object
        emit(code::property_name_case, severity::error, ordinal_, anchor::key, key, k_odata_type, -1, 1);
      skip(field.value);
      continue;
    }
    if (!resolved) {
      note_key(key, base, large);
      skip(field.value);
      continue;
    }
    if (t == nullptr) {
      t = &m_.types[static_cast<std::size_t>(type)];
      props = m_.properties_of(*t);
      if (t->csv_attributes) c.csv_attributes = true;
    }
    const int found = m_.property_index(static_cast<std::size_t>(type), key);
    std::size_t pi = found >= 0 ? static_cast<std::size_t>(found) : props.size();
    if (pi < props.size()) {
      // An exact property name can equal no other kind of key: a bit is enough to find repeats.
      const std::uint64_t bit = std::uint64_t{1} << pi;
      if (exact & bit) emit(code::json_duplicate_key, severity::error, ordinal_, anchor::key, key);
      exact |= bit;
    } else {
      if (!looked && iequals(key, k_odata_type)) {
        result.restart = true;  // a discriminator after other members: start again
        return result;
      }
      note_key(key, base, large);
      if (key.find('@') != std::string_view::npos) {
        if (iequals(key, k_odata_type)) {
          // docs/rules.md "Vocabulary": another "@odata.type" beside the discriminator. A repeat of
          // an earlier name is json-duplicate-key only (note_key or end_object reports it);
          // another spelling is an ignored annotation when the exact one is there, else it is
          // property-name-case like the discriminator.
          if (!repeats_earlier_key(key, base)) {
            if (!disc_exact)
              emit(code::property_name_case, severity::error, ordinal_, anchor::key, key, k_odata_type, -1, 1);
            else if (mode_ != mode::resource)
              emit(code::ignored_annotation, severity::warning, ordinal_, anchor::key, key);
          }
        } else if (mode_ != mode::resource) {
          emit(code::ignored_annotation, severity::warning, ordinal_, anchor::key, key);
        }
        skip(field.value);
        continue;
      }
      for (std::size_t k = 0; k < props.size(); ++k)
        if (iequals(props[k].name, key)) {
          pi = k;
          emit(code::property_name_case, severity::error, ordinal_, anchor::key, key, props[k].name);
          break;
        }
      if (pi == props.size()) {
        // Historic name (n = index into historic_names) or a did-you-mean (found when formatting).
        std::int32_t historic = -1;
        const auto hist = m_.historic_of(*t);
        for (std::size_t h = 0; h < hist.size(); ++h)  // in any case ("DataSource"), the exact one first
          if (hist[h].name == key || (historic < 0 && iequals(hist[h].name, key)))
            historic = static_cast<std::int32_t>(t->first_historic + h);
        emit(code::unknown_property, severity::error, ordinal_, anchor::key, key, t->name, historic);
        skip(field.value);
        continue;
      }
    }
    const property_def& p = props[pi];
    present |= std::uint64_t{1} << pi;
    if (p.navigation) {
      if (mode_ != mode::resource)
        emit(code::navigation_property, severity::error, ordinal_, anchor::key, key, {}, -1, 0, &p);
      skip(field.value);
      continue;
    }
    if (p.read_only && mode_ != mode::resource) {
      emit(code::read_only_property, severity::warning, ordinal_, anchor::key, key, {}, -1, 0, &p);
      skip(field.value);
      continue;
    }
    context inner = c;
    if (p.csv_entity >= 0) inner.entity = p.csv_entity;
    const std::uint32_t value_ordinal = ordinal_;
    const value_result r = check_property(field.value, p, inner);
    if (p.cross == cross_field::applies_to) {
      result.role = r.member;
      result.role_ordinal = value_ordinal;
    } else if (p.cross == cross_field::identity_configuration) {
      identity_type_ = r.type;
    }
  }
  end_object(base, large);

  if (resolved) {
    if (t == nullptr) t = &m_.types[static_cast<std::size_t>(type)];
    if (mode_ != mode::update) {
      const auto all = m_.properties_of(*t);
      for (std::size_t k = 0; k < all.size(); ++k)
        if (!((present >> k) & 1u) && required_in(all[k], mode_))
          emit(code::missing_required, severity::error, me, anchor::value, all[k].name, t->name, -1, 0, &all[k]);
    }
    result.type = type;
  }
  return result;
}

walker::value_result walker::check_property(element v, const property_def& p, context c) {
  if (!p.collection) return check_single(v, p, c);
  const std::uint32_t me = ordinal_;
  const element_type type = v.type();
  if (type == element_type::NULL_VALUE) {
    ++ordinal_;
    emit(code::null_collection, severity::warning, me, anchor::value, p.name, {}, -1, 0, &p);
    return {};
  }
  if (type != element_type::ARRAY) {
    type_error(v, me, &p, true, false);
    skip(v);
    return {};
  }
  ++ordinal_;
  const array items = v.get_array().value_unsafe();
  const bool is_licences = p.cross == cross_field::licences;
  if (is_licences) licences_ordinal_ = me;
  if (items.begin() == items.end()) {
    if (p.empty != empty_rule::none)
      emit(code::empty_collection, p.empty == empty_rule::error ? severity::error : severity::warning, me,
           anchor::value, p.name, {}, -1, 0, &p);
    return {};
  }
  if (is_licences) licences_nonempty_ = true;
  if (p.string == string_rule::csv_attribute && c.entity >= 0 &&
      !m_.csv_entities[static_cast<std::size_t>(c.entity)].optional_properties_apply) {
    // docs/rules.md not-applicable: the whole list does not apply; its items are not checked.
    emit(code::not_applicable, severity::warning, me, anchor::value,
         m_.csv_entities[static_cast<std::size_t>(c.entity)].name, p.name, c.entity, 0, &p);
    for (element item : items) skip(item);
    return {};
  }
  const std::size_t item_base = items_.size();
  const std::size_t role_base = roles_.size();
  for (element item : items) {
    const std::uint32_t item_ordinal = ordinal_;
    const value_result r = check_single(item, p, c);
    if (p.unique != unique_rule::none && r.clean) items_.push_back({r.text, item_ordinal});
    if (p.unique_by_applies_to) roles_.push_back({r.role, r.role_ordinal});
  }
  if (p.unique != unique_rule::none)
    report_later_duplicates(items_, item_base, p.unique == unique_rule::case_insensitive, code::duplicate_value,
                            anchor::value, p.name);
  items_.resize(item_base);
  if (p.unique_by_applies_to) {
    // docs/rules.md duplicate-applies-to: among valid roles, every later repeat; it is then no longer
    // considered for role-without-domain (one finding per value). Linear: a bit per role seen.
    std::uint64_t seen = 0;
    for (std::size_t k = role_base; k < roles_.size(); ++k) {
      const int role = roles_[k].role;
      if (role < 0 || role >= 64) continue;
      const std::uint64_t bit = std::uint64_t{1} << role;
      if (seen & bit) {
        const auto members = m_.list(m_.enums[static_cast<std::size_t>(role_enum_)].members);
        emit(code::duplicate_applies_to, severity::error, roles_[k].ordinal, anchor::value,
             members[static_cast<std::size_t>(role)], p.name, -1, 0, &p);
        roles_[k].role = -2 - role;  // still counts as a domain, no longer as a licence
      }
      seen |= bit;
    }
    for (std::size_t k = role_base; k < roles_.size(); ++k) {
      const int role = roles_[k].role >= 0 ? roles_[k].role : (roles_[k].role <= -2 ? -2 - roles_[k].role : -1);
      if (p.cross == cross_field::user_domains && role >= 0) domain_roles_ |= std::uint64_t{1} << role;
      if (is_licences) licence_roles_.push_back({roles_[k].role, roles_[k].ordinal});
    }
    roles_.resize(role_base);
  }
  return {};
}

walker::value_result walker::check_single(element v, const property_def& p, context c) {
  const std::uint32_t me = ordinal_;
  const element_type type = v.type();
  if (type == element_type::NULL_VALUE) {
    ++ordinal_;
    if (!p.nullable) emit(code::null_not_allowed, severity::error, me, anchor::value, p.name, {}, -1, p.collection, &p);
    return {};
  }
  switch (p.kind) {
    case value_kind::complex:
      if (type != element_type::OBJECT) {
        type_error(v, me, &p, true, p.collection);
        skip(v);
        return {};
      }
      return check_object(v, p.target, c);
    case value_kind::boolean:
      if (type != element_type::BOOL) type_error(v, me, &p, false, p.collection);
      skip(v);
      return {};
    case value_kind::int64:
      if (type != element_type::INT64 && !(type == element_type::UINT64 && v.get_uint64().value_unsafe() <= INT64_MAX))
        type_error(v, me, &p, false, p.collection);
      skip(v);
      return {};
    case value_kind::string:
    case value_kind::date:
    case value_kind::date_time_offset:
    case value_kind::enumeration:
      if (type != element_type::STRING) {
        type_error(v, me, &p, false, p.collection);
        skip(v);
        return {};
      }
      ++ordinal_;
      return check_string(v.get_string().value_unsafe(), me, p, c);
  }
  skip(v);
  return {};
}

walker::value_result walker::check_string(std::string_view s, std::uint32_t me, const property_def& p, context c) {
  value_result r;
  auto finding = [&](code id, severity level, std::string_view b = {}, std::int32_t n = -1, std::uint8_t variant = 0) {
    emit(id, level, me, anchor::value, s, b, n, variant, &p);
  };
  switch (p.kind) {
    case value_kind::enumeration: {
      const enum_def& e = m_.enums[static_cast<std::size_t>(p.target)];
      const auto members = m_.list(e.members);
      const auto it = std::find_if(members.begin(), members.end(), [s](std::string_view m) { return same(m, s); });
      if (it == members.end()) {
        finding(code::invalid_enum, severity::error, e.name, p.target);
        return r;
      }
      r.member = static_cast<int>(it - members.begin());
      const auto supported = m_.list(e.supported);
      if (!supported.empty() && !contains(supported, s)) {
        finding(code::role_not_supported, severity::warning, e.name, p.target);
        return r;
      }
      r.clean = true;
      r.text = s;
      return r;
    }
    case value_kind::date: {
      const auto d = parse_edm_date(s);
      if (!d) {
        finding(code::invalid_date, severity::error);
        return r;
      }
      if (p.date == date_rule::expiration) {
        const std::int64_t day = days_from_civil(*d), today = days_from_civil(today_);
        if (day < today)
          finding(code::date_in_past, severity::warning);
        else if (day > days_from_civil(add_months(today_, 18)))
          finding(code::expiration_too_far, severity::warning);
      }
      return r;
    }
    case value_kind::date_time_offset: {
      const auto t = parse_date_time_offset(s);
      if (!t) {
        finding(code::invalid_datetime, severity::error);
        return r;
      }
      if (p.date == date_rule::start && *t != sentinel_seconds()) {
        if (c.entity >= 0 && !m_.csv_entities[static_cast<std::size_t>(c.entity)].start_date_applies)
          finding(code::not_applicable, severity::warning, m_.csv_entities[static_cast<std::size_t>(c.entity)].name,
                  c.entity, 1);
        else if (*t < now_)
          finding(code::date_in_past, severity::warning);
      }
      return r;
    }
    default:
      break;
  }
  switch (p.string) {
    case string_rule::none:
      break;
    case string_rule::non_blank:
      if (is_blank(s)) return finding(code::empty_value, severity::error), r;
      break;
    case string_rule::dns_name:
      if (is_blank(s)) return finding(code::empty_value, severity::error), r;
      if (const auto problem = check_domain(s); problem != domain_problem::none)
        return finding(code::invalid_domain, severity::error, {}, -1, static_cast<std::uint8_t>(problem)), r;
      break;
    case string_rule::http_url: {
      if (is_blank(s)) return finding(code::empty_value, severity::error), r;
      const url_check u = check_url(s);
      if (u.problem != url_problem::none)
        return finding(code::invalid_url, severity::error, {}, -1, static_cast<std::uint8_t>(u.problem)), r;
      if (u.insecure) return finding(code::insecure_url, severity::warning), r;
      break;
    }
    case string_rule::guid:
      if (!is_guid(s)) return finding(code::invalid_guid, severity::error), r;
      if (is_nil_guid(s)) return finding(code::nil_guid, severity::warning), r;
      break;
    case string_rule::csv_attribute: {
      if (!c.csv_attributes || c.entity < 0) break;  // no list is known for this provider
      const csv_entity_def& e = m_.csv_entities[static_cast<std::size_t>(c.entity)];
      if (contains(m_.list(e.optional), s)) break;
      if (contains(m_.list(e.deprecated), s))
        return finding(code::deprecated_optional_property, severity::warning, e.name, c.entity), r;
      if (contains(m_.list(e.required), s))
        return finding(code::required_attribute_listed, severity::warning, e.name, c.entity), r;
      return finding(code::unknown_optional_property, severity::error, e.name, c.entity), r;
    }
    case string_rule::matching_source:
    case string_rule::matching_target: {
      if (is_blank(s)) return finding(code::empty_value, severity::error), r;
      const auto known =
          m_.list(p.string == string_rule::matching_source ? m_.matching_source_names : m_.matching_target_names);
      if (contains(known, s)) break;
      for (std::string_view k : known)
        if (iequals(k, s)) return finding(code::case_sensitive_value, severity::error, k), r;
      break;
    }
  }
  r.clean = true;
  r.text = s;
  return r;
}

}  // namespace sdsprofile::detail
