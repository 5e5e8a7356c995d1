// The traversal (engine/walk.hpp): the explicit stack, objects and their members, collections and
// their items, and the JSON type each value must have. The rules themselves are in the files
// walk.hpp lists; this file only decides which rule a value meets.
#include "engine/walk.hpp"

#include <bit>
#include <limits>

#include "engine/writer.hpp"
#include "retained.hpp"
#include "text_rules.hpp"

// The walk's hot path, inlined into its loop: a call per member or item cost more than the work.
#define SDSPROFILE_HOT [[gnu::always_inline]] inline

namespace sdsprofile::engine {
namespace {

constexpr std::size_t k_none = static_cast<std::size_t>(-1);
// Objects with more members than this find duplicate names by hashing, not pairwise.
constexpr std::uint32_t k_small_object = 32;

}  // namespace

walker::walker() noexcept : m_(the_model()) {}

bool walker::release_outsized() noexcept {
  bool released = detail::release_outsized(stack_) | detail::release_outsized(members_);
  released |= detail::release_outsized(keys_) | detail::release_outsized(values_);
  released |= detail::release_outsized(roles_) | detail::release_outsized(licence_roles_);
  released |= detail::release_outsized(skip_stack_) | detail::release_outsized(table_);
  released |= detail::release_outsized(order_) | detail::release_outsized(later_);
  return released;
}

void walker::emit(tape_index at, payload what) {
  if (deferring_)
    deferred_.push_back(located{at, seq_++, what});
  else
    out_->add(located{at, seq_++, what});
}

void walker::run(const tape& t, mode m, std::int64_t now_seconds, candidates& out, writer* expansion) {
  t_ = &t;
  mode_ = m;
  now_ = now_seconds;
  today_ = detail::days_from_seconds(now_seconds);
  latest_expiration_ = detail::days_from_civil(detail::add_months(detail::civil_from_days(today_), 18));
  out_ = &out;
  writer_ = expansion;
  seq_ = 0;
  identity_type_ = -1;
  domain_roles_ = 0;
  licences_nonempty_ = false;
  licences_at_ = 0;
  stack_.clear();
  members_.clear();
  keys_.clear();
  values_.clear();
  roles_.clear();
  licence_roles_.clear();

  if (t.kind(tape::root) != tape_kind::object) {
    type_error(tape::root, nullptr, true, false);
    skip(tape::root);
    return;
  }
  open_object(tape::root, m_.root_type, nullptr, context{});
  while (!stack_.empty()) {
    frame& f = stack_.back();
    if (f.is_array) {
      if (f.next < f.end)
        visit_item(f);
      else
        close_array(f);
    } else if (f.next < f.members_end) {
      const member next = members_[f.next++];
      visit_member(f, next);
    } else {
      close_object(f);
    }
  }
  check_cross_fields();
}

// --- Objects: docs/rules.md "Vocabulary" (the discriminator first) and the name rules -------------

// Resolves the object's type, classifies its members (the findings about names, at the names),
// reports what is missing, and pushes a frame that visits the checked members' values.
// Where the discriminator stands decides the path. It is usually the first member, or absent from
// a position that is not polymorphic: there the members are classified at once, their findings
// held back, and a late "@odata.type" (rare) starts the object again with it known.
SDSPROFILE_HOT void walker::open_object(tape_index at, std::int16_t declared, const slot* prop, context c) {
  const type_def& want = m_.type(declared);
  const tape_index first_key = at + 1;
  const bool starts_with_type = first_key < t_->end_of(at) && t_->string(first_key) == "@odata.type";
  const bool optimistic = !starts_with_type && !want.polymorphic;
  bool disc_exact = starts_with_type;
  std::size_t disc = starts_with_type ? 0 : k_none;
  if (!starts_with_type && want.polymorphic) disc = discriminator_at(at, disc_exact);
  frame f;
  f.at = at;
  f.prop = prop;
  f.next = static_cast<tape_index>(members_.size());
  for (bool looked = !optimistic;; looked = true) {
    bool resolved = true;
    std::int16_t type = declared;
    if (disc == k_none && want.abstract) {
      report_missing_discriminator(at, want);
      resolved = false;
    }
    if (disc != k_none) type = resolve_discriminator(at, want, disc, resolved);
    f.type = resolved ? type : std::int16_t{-1};
    f.ctx = c;
    if (resolved && m_.type(type).csv_attributes) f.ctx.csv_attributes = true;
    deferring_ = !looked;
    const bool done = classify_members(f, m_.type(resolved ? type : declared), disc, disc_exact, resolved, !looked);
    deferring_ = false;
    if (done) break;
    deferred_.clear();  // a late "@odata.type": what this object said so far no longer holds
    members_.resize(f.next);
    disc = discriminator_at(at, disc_exact);
  }
  for (const located& held : deferred_) out_->add(held);
  deferred_.clear();
  f.members_end = static_cast<std::uint32_t>(members_.size());
  f.end = f.next;  // objects keep the start of their members_ entries here
  if (writer_ != nullptr && f.type >= 0) writer_->open_object(*t_, at, m_.type(f.type), prop, members_, f.next);
  stack_.push_back(f);
}

// False (and nothing kept) when `optimistic` and a late "@odata.type" turns up.
SDSPROFILE_HOT bool walker::classify_members(frame& f, const type_def& t, std::size_t disc, bool disc_exact,
                                             bool resolved, bool optimistic) {
  const std::size_t keys_base = keys_.size();
  const bool large = t_->count(f.at) > k_small_object;
  std::uint64_t exact = 0;    // slots given by their exact name (duplicates: a bit is enough)
  std::uint64_t present = 0;  // slots given, by exact or wrong-case name
  std::size_t i = 0;
  for (tape_index key = f.at + 1, end = t_->end_of(f.at); key < end; key = t_->after(key + 1), ++i) {
    if (i == disc) {
      note_key(key, keys_base, large);
      if (!disc_exact)  // its value still types the object
        emit(key, finding::property_name_case{t_->string(key), "@odata.type", true});
      skip(key + 1);
    } else if (!resolved) {  // nothing below an unresolved type is checked
      note_key(key, keys_base, large);
      skip(key + 1);
    } else {
      const member_kind kind = classify_key(f, t, key, exact, present, keys_base, large, disc_exact, optimistic);
      if (kind == member_kind::late_discriminator) {
        keys_.resize(keys_base);
        return false;
      }
      if (kind == member_kind::not_checked) skip(key + 1);
    }
  }
  end_keys(keys_base, large);
  if (!resolved || mode_ == mode::update) return true;
  for (std::uint64_t missing = (mode_ == mode::create ? t.required_create : t.required_resource) & ~present;
       missing != 0; missing &= missing - 1)
    emit(f.at, finding::missing_required{&t.slots[static_cast<std::size_t>(std::countr_zero(missing))], &t});
  return true;
}

// One member of a resolved object: the findings about its name, and whether its value is to be
// checked (it is then an entry of members_).
SDSPROFILE_HOT walker::member_kind walker::classify_key(frame& f, const type_def& t, tape_index key,
                                                       std::uint64_t& exact, std::uint64_t& present,
                                                       std::size_t keys_base, bool large, bool disc_exact,
                                                       bool optimistic) {
  const std::string_view name = t_->string(key);
  int index = t.slot_names.find(name, [&t](std::size_t i) { return t.slots[i].name; });
  if (index >= 0) {
    const std::uint64_t bit = std::uint64_t{1} << index;
    if (exact & bit) emit(key, finding::duplicate_key{name});
    exact |= bit;
  } else {
    note_key(key, keys_base, large);
    if (name.find('@') != std::string_view::npos) {
      if (detail::iequals(name, "@odata.type")) {
        if (optimistic) return member_kind::late_discriminator;
        // Another "@odata.type" beside the discriminator: a repeat is json-duplicate-key only;
        // another spelling is an ignored annotation beside the exact one, else property-name-case.
        if (!repeats_earlier_key(name, keys_base)) {
          if (!disc_exact)
            emit(key, finding::property_name_case{name, "@odata.type", true});
          else if (mode_ != mode::resource)
            emit(key, finding::ignored_annotation{name});
        }
      } else if (mode_ != mode::resource) {
        emit(key, finding::ignored_annotation{name});
      }
      return member_kind::not_checked;
    }
    for (std::size_t k = 0; k < t.slots.size() && index < 0; ++k)
      if (detail::iequals(t.slots[k].name, name)) {
        index = static_cast<int>(k);
        emit(key, finding::property_name_case{name, t.slots[k].name, false});
      }
    if (index < 0) {
      const historic_name* historic = nullptr;
      for (const historic_name& h : t.historic)
        if (h.name == name) historic = &h;
      emit(key, finding::unknown_property{name, &t, historic});
      return member_kind::not_checked;
    }
  }
  const slot& p = t.slots[static_cast<std::size_t>(index)];
  present |= std::uint64_t{1} << index;
  if (p.navigation) {
    if (mode_ != mode::resource) emit(key, finding::navigation_property{name});
    return member_kind::not_checked;
  }
  if (p.read_only && mode_ != mode::resource) {
    emit(key, finding::read_only_property{name});
    return member_kind::not_checked;
  }
  (void)f;
  members_.push_back({static_cast<std::uint8_t>(index), key + 1});
  return member_kind::checked;
}

// The object is done: what it tells its container (the role of a collection item, the type of the
// identity configuration), then the end of its expansion.
SDSPROFILE_HOT void walker::close_object(frame& f) {
  if (f.prop != nullptr && f.prop->unique_by_applies_to) roles_.push_back({f.role, f.role_at});
  if (f.prop != nullptr && f.prop->cross == cross_field::identity_configuration) identity_type_ = f.type;
  if (writer_ != nullptr && f.type >= 0) writer_->close_object(*t_, f.at, m_.type(f.type), f.prop);
  members_.resize(f.end);
  stack_.pop_back();
}

SDSPROFILE_HOT void walker::visit_member(const frame& f, member m) {
  const type_def& t = m_.type(f.type);
  const slot& p = t.slots[m.slot];
  context inner = f.ctx;
  if (p.csv_entity >= 0) inner.entity = p.csv_entity;
  if (writer_ != nullptr) writer_->member(*t_, t, p, m.value);
  if (p.collection) {
    visit_collection(m.value, p, inner);
    return;
  }
  if (p.cross == cross_field::identity_configuration && t_->kind(m.value) != tape_kind::object) identity_type_ = -1;
  if (p.cross == cross_field::applies_to) {
    int role = -1;
    visit_single(m.value, p, inner, false, &role);
    stack_.back().role = static_cast<std::int8_t>(role);  // `f` is still the top: strings push nothing
    stack_.back().role_at = m.value;
    return;
  }
  visit_single(m.value, p, inner, false);  // may push an object frame: `f` is not used after this
}

// --- Collections: null-collection, empty-collection, not-applicable, then the items ------------

SDSPROFILE_HOT void walker::visit_collection(tape_index at, const slot& p, context c) {
  const tape_kind kind = t_->kind(at);
  if (kind == tape_kind::null_value) {
    emit(at, finding::null_collection{&p});
    return;
  }
  if (kind != tape_kind::array) {
    type_error(at, &p, true, false);
    skip(at);
    return;
  }
  const bool is_licences = p.cross == cross_field::licences;
  if (is_licences) licences_at_ = at;
  if (t_->count(at) == 0) {
    if (p.empty != empty_rule::none) emit(at, finding::empty_collection{&p});
    if (writer_ != nullptr) writer_->empty_array(p);
    return;
  }
  if (is_licences) licences_nonempty_ = true;
  if (p.rule == string_rule::csv_attribute && c.entity >= 0 &&
      !m_.csv_entities[static_cast<std::size_t>(c.entity)].optional_properties_apply) {
    // The whole list does not apply; its items are not checked one by one.
    emit(at, finding::list_not_applicable{&m_.csv_entities[static_cast<std::size_t>(c.entity)]});
    if (writer_ != nullptr) writer_->raw_value(*t_, at);
    skip(at);
    return;
  }
  frame f;
  f.at = at;
  f.end = t_->end_of(at);
  f.next = at + 1;
  f.prop = &p;
  f.ctx = c;
  f.is_array = true;
  f.values_base = static_cast<std::uint32_t>(values_.size());
  f.roles_base = static_cast<std::uint32_t>(roles_.size());
  if (writer_ != nullptr) writer_->open_array();
  stack_.push_back(f);
}

SDSPROFILE_HOT void walker::visit_item(frame& f) {
  const tape_index at = f.next;
  f.next = t_->after(at);
  const slot& p = *f.prop;
  if (writer_ != nullptr) writer_->item(*t_, p, at);
  if (p.kind == edm::complex || t_->kind(at) != tape_kind::string || p.unique == unique_rule::none) {
    visit_single(at, p, f.ctx, true);  // may push an object frame: `f` is not used after this
    return;
  }
  const std::string_view s = t_->string(at);
  if (check_string(at, s, p, f.ctx, nullptr)) {
    values_.push_back(p.unique == unique_rule::guid ? keyed{s, guid_hi_, guid_lo_, at} : keyed{s, 0, 0, at});
  }
}

SDSPROFILE_HOT void walker::close_array(frame& f) {
  const slot& p = *f.prop;
  if (p.unique != unique_rule::none) {
    report_later_duplicates(values_, f.values_base, p.unique == unique_rule::guid, &p);
    values_.resize(f.values_base);
  }
  if (p.unique_by_applies_to) {
    check_roles(p, f.roles_base);
    roles_.resize(f.roles_base);
  }
  if (writer_ != nullptr) writer_->close_array();
  stack_.pop_back();
}

// --- Single values: null-not-allowed, the JSON type of the EDM type, then the value's rule -------

SDSPROFILE_HOT void walker::visit_single(tape_index at, const slot& p, context c, bool item, int* role) {
  const tape_kind kind = t_->kind(at);
  if (kind == tape_kind::null_value) {
    if (!p.nullable) emit(at, finding::null_not_allowed{&p, item});
    return;
  }
  if ((json_type(at) & p.accepts) == 0) {
    type_error(at, &p, p.kind == edm::complex, item);
    skip(at);
    return;
  }
  if (p.kind == edm::complex) {
    open_object(at, p.target, &p, c);
    return;
  }
  if (kind == tape_kind::string) check_string(at, t_->string(at), p, c, role);
}

void walker::type_error(tape_index at, const slot* p, bool container_expected, bool item) {
  if (container_expected && t_->kind(at) == tape_kind::string) {
    const std::string_view s = t_->string(at);
    if (detail::is_serialized_object_text(s)) {
      emit(at, finding::serialized_object{p, s, item});
      return;
    }
  }
  emit(at, finding::type_mismatch{p, json_type(at), item});
}

// An unchecked subtree: only its objects' duplicate names (json-duplicate-key applies to the whole
// document). Iterative, with a stack of the containers still to look into.
void walker::skip(tape_index at) {
  const tape_kind kind = t_->kind(at);
  if (kind != tape_kind::object && kind != tape_kind::array) return;
  skip_stack_.clear();
  skip_stack_.push_back(at);
  while (!skip_stack_.empty()) {
    const tape_index c = skip_stack_.back();
    skip_stack_.pop_back();
    const bool is_object = t_->kind(c) == tape_kind::object;
    const std::size_t base = keys_.size();
    const bool large = is_object && t_->count(c) > k_small_object;
    for (tape_index i = c + 1, end = t_->end_of(c); i < end;) {
      if (is_object) note_key(i++, base, large);
      const tape_kind k = t_->kind(i);
      if (k == tape_kind::object || k == tape_kind::array) skip_stack_.push_back(i);
      i = t_->after(i);
    }
    if (is_object) end_keys(base, large);
  }
}

}  // namespace sdsprofile::engine
