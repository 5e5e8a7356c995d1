// The traversal (engine/walk.hpp): the explicit stack, objects and their members, collections and
// their items, and the JSON type each value must have. The rules themselves are in the files
// walk.hpp lists; this file only decides which rule a value meets.
#include "engine/walk.hpp"

#include <bit>
#include <limits>
#include <type_traits>

#include "engine/writer.hpp"
#include "retained.hpp"
#include "text_rules.hpp"

// The walk's hot path, inlined into its loop: a call per member or item cost more than the work.
#define SDSPROFILE_HOT [[gnu::always_inline]] inline
// The loops of the walk, each with its own registers: inlined into one another they spilled.
#define SDSPROFILE_LOOP [[gnu::noinline]]

namespace sdsprofile::engine {
namespace {

// Objects with more members than this find duplicate names by hashing, not pairwise.
constexpr std::uint32_t k_small_object = 32;
// Collections of scalars with more items than this find duplicate values by hashing, at the end.
constexpr std::uint32_t k_small_list = 32;

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

void walker::emit(tape_index at, payload what) { out_->add(located{at, seq_++, what}); }

void walker::run(const tape& t, mode m, std::int64_t now_seconds, candidates& out, writer* expansion) {
  t_ = t;
  mode_ = m;
  now_ = now_seconds;
  today_ = detail::days_from_seconds(now_seconds);
  if (today_ != expiration_from_) {  // the clock rarely changes day between documents
    expiration_from_ = today_;
    latest_expiration_ = detail::days_from_civil(detail::add_months(detail::civil_from_days(today_), 18));
  }
  out_ = &out;
  writer_ = expansion;
  if (walk(false)) return;
  // A late "@odata.type" where none was looked for: everything said so far may not hold.
  out.restart();
  if (expansion != nullptr) expansion->restart();
  walk(true);
}

// The walk of the whole document. Where a discriminator is optional (a position that is not
// polymorphic) it is usually absent or first, so objects there are not searched for one unless
// `careful`; false (and the walk abandoned) when one turns up later among the members.
bool walker::walk(bool careful) {
  careful_ = careful;
  restart_ = false;
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

  if (t_.kind(tape::root) != tape_kind::object) {
    type_error(tape::root, nullptr, true, false);
    skip(tape::root);
    return true;
  }
  open_object(tape::root, m_.root_type, nullptr, context{});
  while (!stack_.empty() && !restart_) {
    const frame& top = stack_.back();
    if (top.is_array)
      walk_items();
    else if (top.stored_order)
      walk_stored_members();
    else
      walk_members();
  }
  if (restart_) return false;
  check_cross_fields();
  return true;
}

// --- Objects: docs/rules.md "Vocabulary" (the discriminator first) and the name rules -------------

// Resolves the object's type from its discriminator, wherever that stands, and pushes the frame
// that walks its members; true when the main loop is to walk them. The members are classified as they are met, except
// in an object the expansion writes in another order: there all are classified first, then walked in that order.
SDSPROFILE_LOOP bool walker::open_object(tape_index at, std::int16_t declared, const slot* prop, context c) {
  const type_def& want = m_.type(declared);
  frame& f = stack_.emplace_back();
  f.at = at;
  f.prop = prop;
  f.base = static_cast<std::uint32_t>(keys_.size());
  f.large = t_.count(at) > k_small_object;
  f.next = at + 1;
  f.end = t_.end_of(at);
  if (f.next < f.end && same_text(t_.string(f.next), "@odata.type")) {
    f.discriminator = f.next;
    f.exact_discriminator = true;
  } else if (want.polymorphic || careful_) {
    f.discriminator = discriminator_at(at, f.exact_discriminator);
  }
  bool resolved = true;
  std::int16_t type = declared;
  if (f.discriminator == 0 && want.abstract) {
    report_missing_discriminator(at, want);
    resolved = false;
  }
  if (f.discriminator != 0) type = resolve_discriminator(at, want, f.discriminator, resolved);
  f.ctx = c;
  if (resolved) {
    const type_def& t = m_.type(type);
    f.type = &t;
    if (t.csv_attributes) f.ctx.csv_attributes = true;
    if (writer_ != nullptr) open_expansion(f, t);
    if (!t.flat) return true;
  }
  // Nothing inside opens an object (a flat or unresolved type): its members are walked now, not
  // through the main loop.
  if (f.stored_order)
    walk_stored_members();
  else
    walk_members();
  return false;
}

// The expansion of an object whose frame is on top: an object written in a stored key order has
// its members classified now, then walked in that order.
void walker::open_expansion(frame& f, const type_def& t) {
  const auto first = static_cast<std::uint32_t>(members_.size());
  f.stored_order = writer::has_stored_order(t);
  if (f.stored_order) {
    for (tape_index key = f.next; key < f.end; key = t_.after(key + 1))
      if (const int index = admit_member(f, key); index >= 0)
        members_.push_back({static_cast<std::uint8_t>(index), key + 1});
    f.members_base = first;
    f.next = first;
    f.end = static_cast<tape_index>(members_.size());
  }
  writer_->open_object(t, f.prop, f.discriminator != 0 && f.exact_discriminator, members_, first);
}

// The members of the object on top in document order, each name's findings then its value,
// until a value opens a container for the main loop to walk (its frame is then on top) or the
// object ends.
SDSPROFILE_LOOP void walker::walk_members() {
  frame* f = &stack_.back();
  while (f->next < f->end) {
    const tape_index key = f->next;
    f->next = t_.after(key + 1);
    const int index = admit_member(*f, key);
    if (index < 0) {
      if (restart_) return;  // the walk is abandoned (walk's `careful`)
      continue;
    }
    const slot& p = f->type->slots[static_cast<std::size_t>(index)];
    if (!p.collection && p.kind != edm::complex) {  // a scalar: nothing is pushed, `f` stays valid
      visit_member(*f, p, key + 1);
      continue;
    }
    if (visit_member(*f, p, key + 1) || restart_) return;
    f = &stack_.back();  // an object walked at once may have moved the stack
  }
  close_object(*f);
}

// The same for an object walked in the expansion's stored order (its entries of members_).
void walker::walk_stored_members() {
  frame* f = &stack_.back();
  while (f->next < f->end) {
    const member m = members_[f->next++];
    if (visit_member(*f, f->type->slots[m.slot], m.value) || restart_) return;
    f = &stack_.back();
  }
  close_object(*f);
}

// The findings about one member's name: the slot whose value is to be checked, or -1 (the value
// has then been skipped: only its duplicate names are looked for).
SDSPROFILE_HOT int walker::admit_member(frame& f, tape_index key) {
  int index = -1;
  if (key == f.discriminator) {
    note_key(key, f.base, f.large);
    if (!f.exact_discriminator)  // its value still types the object
      emit(key, finding::property_name_case{t_.string(key), "@odata.type", true});
  } else if (f.type == nullptr) {  // nothing below an unresolved type is checked
    note_key(key, f.base, f.large);
  } else {
    index = slot_of_name(f, key);
  }
  if (index < 0) skip(key + 1);
  return index;
}

// A name of a resolved object: its slot (-1 when its value is not checked), with the findings
// about the name.
SDSPROFILE_HOT int walker::slot_of_name(frame& f, tape_index key) {
  const type_def& t = *f.type;
  const std::string_view name = t_.string(key);
  int index = t.slot_names.find(name, [&t](std::size_t i) { return t.slots[i].name; });
  if (index >= 0) {
    const std::uint64_t bit = std::uint64_t{1} << index;
    if (f.exact & bit) emit(key, finding::duplicate_key{name});
    f.exact |= bit;
  } else {
    index = slot_of_other_name(f, t, key);
    if (index < 0) return -1;
    f.other_case |= std::uint64_t{1} << index;
  }
  const slot& p = t.slots[static_cast<std::size_t>(index)];
  if (p.navigation | p.read_only) return admitted(key, p) ? index : -1;
  return index;
}

// A navigation or read-only property: navigation-property or read-only-property, unless the body
// is a stored profile; a navigation property's value is never checked.
bool walker::admitted(tape_index key, const slot& p) {
  if (p.navigation) {
    if (mode_ != mode::resource) emit(key, finding::navigation_property{t_.string(key)});
    return false;
  }
  if (mode_ == mode::resource) return true;
  emit(key, finding::read_only_property{t_.string(key)});
  return false;
}

// A name that is not a property's exact name: an annotation, another "@odata.type", a property's
// name in another case (its slot, with property-name-case), or unknown (-1).
int walker::slot_of_other_name(frame& f, const type_def& t, tape_index key) {
  const std::string_view name = t_.string(key);
  note_key(key, f.base, f.large);
  if (name.find('@') != std::string_view::npos) {
    // Another "@odata.type" beside the discriminator: a repeat is json-duplicate-key only;
    // another spelling is an ignored annotation beside the exact one, else property-name-case.
    if (detail::iequals(name, "@odata.type")) {
      if (f.discriminator == 0) {  // not looked for here (walk's `careful`): start again
        restart_ = true;
        return -1;
      }
      if (!repeats_earlier_key(name, f.base)) {
        if (!f.exact_discriminator)
          emit(key, finding::property_name_case{name, "@odata.type", true});
        else if (mode_ != mode::resource)
          emit(key, finding::ignored_annotation{name});
      }
    } else if (mode_ != mode::resource) {
      emit(key, finding::ignored_annotation{name});
    }
    return -1;
  }
  for (std::size_t k = 0; k < t.slots.size(); ++k)
    if (detail::iequals(t.slots[k].name, name)) {
      emit(key, finding::property_name_case{name, t.slots[k].name, false});
      return static_cast<int>(k);
    }
  const historic_name* historic = nullptr;
  for (const historic_name& h : t.historic)  // in any case ("DataSource"), the exact one first
    if (h.name == name || (historic == nullptr && detail::iequals(h.name, name))) historic = &h;
  emit(key, finding::unknown_property{name, &t, historic});
  return -1;
}

// The object is done: its duplicate names (large objects), what is missing, what it tells its
// container (the role of a collection item, the type of the identity configuration), then the end
// of its expansion.
SDSPROFILE_LOOP void walker::close_object(frame& f) {
  if (keys_.size() != f.base) end_keys(f.base, f.large);  // most objects noted no name
  if (f.type != nullptr && mode_ != mode::update) {
    const type_def& t = *f.type;
    if (const std::uint64_t missing =
            (mode_ == mode::create ? t.required_create : t.required_resource) & ~(f.exact | f.other_case);
        missing != 0)
      report_missing(f.at, t, missing);
  }
  if (f.prop != nullptr && f.prop->unique_by_applies_to) roles_.push_back({f.role, f.role_at});
  if (f.prop != nullptr && f.prop->cross == cross_field::identity_configuration)
    identity_type_ = f.type != nullptr ? static_cast<std::int16_t>(f.type - m_.types.data()) : std::int16_t{-1};
  if (writer_ != nullptr && f.type != nullptr) writer_->close_object(t_, f.at, *f.type, f.prop);
  if (f.stored_order) members_.resize(f.members_base);
  stack_.pop_back();
}

// missing-required: one finding per slot of `missing`, in slot order.
void walker::report_missing(tape_index object, const type_def& t, std::uint64_t missing) {
  for (; missing != 0; missing &= missing - 1)
    emit(object, finding::missing_required{&t.slots[static_cast<std::size_t>(std::countr_zero(missing))], &t});
}

// A checked member's value (its slot `p` of the object's type); true when it opened a container (`f` is then no longer
// valid).
SDSPROFILE_HOT bool walker::visit_member(frame& f, const slot& p, tape_index value) {
  context inner = f.ctx;
  if (p.csv_entity >= 0) inner.entity = p.csv_entity;
  if (writer_ != nullptr) writer_->member(t_, *f.type, p, value);
  if (p.collection) return open_collection(value, p, inner);
  if (p.cross == cross_field::identity_configuration && t_.kind(value) != tape_kind::object) identity_type_ = -1;
  if (p.cross == cross_field::applies_to) {
    int role = -1;
    visit_single(value, p, inner, false, &role);  // an enum: nothing is opened, `f` stays valid
    f.role = static_cast<std::int8_t>(role);
    f.role_at = value;
    return false;
  }
  return visit_single(value, p, inner, false);
}

// --- Collections: null-collection, empty-collection, not-applicable, then the items ------------

// A collection's value; true when its items are to be walked (its frame is then on top).
SDSPROFILE_LOOP bool walker::open_collection(tape_index at, const slot& p, context c) {
  const tape_kind kind = t_.kind(at);
  if (kind == tape_kind::null_value) {
    emit(at, finding::null_collection{&p});
    return false;
  }
  if (kind != tape_kind::array) {
    type_error(at, &p, true, false);
    skip(at);
    return false;
  }
  const bool is_licences = p.cross == cross_field::licences;
  if (is_licences) licences_at_ = at;
  if (t_.count(at) == 0) {
    if (p.empty != empty_rule::none) emit(at, finding::empty_collection{&p});
    if (writer_ != nullptr) writer_->empty_array(p);
    return false;
  }
  if (is_licences) licences_nonempty_ = true;
  if (p.rule == string_rule::csv_attribute && c.entity >= 0 &&
      !m_.csv_entities[static_cast<std::size_t>(c.entity)].optional_properties_apply) {
    // The whole list does not apply; its items are not checked one by one.
    emit(at, finding::list_not_applicable{&m_.csv_entities[static_cast<std::size_t>(c.entity)]});
    if (writer_ != nullptr) writer_->raw_value(t_, at);
    skip(at);
    return false;
  }
  if (p.kind != edm::complex) {  // no item opens a container to walk: no frame needed
    if (writer_ != nullptr) writer_->scalar_array(t_, at);
    if (p.unique != unique_rule::none && t_.count(at) <= k_small_list)
      walk_short_unique_items(at, p, c);
    else
      walk_scalar_items(at, p, c);
    return false;
  }
  if (writer_ != nullptr) writer_->open_array();
  frame& f = stack_.emplace_back();
  f.at = at;
  f.end = t_.end_of(at);
  f.next = at + 1;
  f.prop = &p;
  f.ctx = c;
  f.is_array = true;
  f.base = static_cast<std::uint32_t>(values_.size());
  f.roles_base = static_cast<std::uint32_t>(roles_.size());
  return true;
}

// The items of a collection of scalars, all at once, then its duplicates (hashed: a short list of
// unique values goes to walk_short_unique_items instead).
void walker::walk_scalar_items(tape_index at, const slot& p, context c) {
  const tape_index end = t_.end_of(at);
  if (p.unique == unique_rule::none) {
    for (tape_index item = at + 1; item < end; item = t_.after(item))
      visit_single(item, p, c, true);  // opens nothing: the slot is not complex
    return;
  }
  with_list_kind(p, [&](auto kind) { walk_unique_items_as<decltype(kind)::value>(at, p, c); });
}

// Calls `walk` with the kind of `p`'s list of unique scalars as a std::integral_constant, so that
// each kind has a loop of its own. Unique by value is the GUID rule's (tools/schemagen rejects it
// on another rule).
template <typename Walk>
SDSPROFILE_HOT void walker::with_list_kind(const slot& p, Walk walk) {
  if (p.unique == unique_rule::guid)
    walk(std::integral_constant<list_kind, list_kind::guids>{});
  else if (p.rule == string_rule::csv_attribute)
    walk(std::integral_constant<list_kind, list_kind::attributes>{});
  else
    walk(std::integral_constant<list_kind, list_kind::texts>{});
}

// The value rule of one string item of a list of the kind `Kind` (check_string's, without its
// switch); true when it is clean.
template <walker::list_kind Kind>
SDSPROFILE_HOT bool walker::check_item(tape_index item, std::string_view s, const slot& p, context c,
                                       bool attributes_known) {
  if constexpr (Kind == list_kind::guids)
    return check_guid(item, s, p);
  else if constexpr (Kind == list_kind::attributes)
    return !attributes_known || check_attribute(item, s, c);
  else
    return check_string(item, s, p, c, nullptr);
}

template <walker::list_kind Kind>
void walker::walk_unique_items_as(tape_index at, const slot& p, context c) {
  constexpr bool by_value = Kind == list_kind::guids;
  const bool attributes_known = c.attributes_known();  // hoisted out of the loop
  const std::size_t base = values_.size();
  for (tape_index item = at + 1, end = t_.end_of(at); item < end; item = t_.after(item)) {
    if (t_.kind(item) != tape_kind::string) {
      visit_single(item, p, c, true);
      continue;
    }
    const std::string_view s = t_.string(item);
    if (check_item<Kind>(item, s, p, c, attributes_known))
      values_.push_back(by_value ? keyed{s, guid_hi_, guid_lo_, item} : keyed{s, 0, 0, item});
  }
  report_later_duplicates(values_, base, by_value, &p);
  values_.resize(base);
}

// The same for a short list: each clean value is compared with the earlier ones as it comes (the
// findings come out as report_later_duplicates would give them), kept in a local array. GUIDs are
// compared by their 128 bits, CSV attribute names and other values by their text.
void walker::walk_short_unique_items(tape_index at, const slot& p, context c) {
  with_list_kind(p, [&](auto kind) { walk_short_unique_items_as<decltype(kind)::value>(at, p, c); });
}

template <walker::list_kind Kind>
void walker::walk_short_unique_items_as(tape_index at, const slot& p, context c) {
  struct clean_value {  // trivial (a string_view member would be zeroed for every entry)
    const char* data;
    std::size_t size;
    std::uint64_t hi, lo;
  };
  constexpr bool by_value = Kind == list_kind::guids;
  const bool attributes_known = c.attributes_known();  // hoisted out of the loop
  // Written before read: no initialisation needed. `count` is at most the list's items, at most
  // k_small_list.
  clean_value seen[k_small_list];
  std::size_t count = 0;
  for (tape_index item = at + 1, end = t_.end_of(at); item < end; item = t_.after(item)) {
    if (t_.kind(item) != tape_kind::string) {
      visit_single(item, p, c, true);
      continue;
    }
    const std::string_view s = t_.string(item);
    if (!check_item<Kind>(item, s, p, c, attributes_known)) continue;
    const std::uint64_t hi = by_value ? guid_hi_ : 0, lo = by_value ? guid_lo_ : 0;
    for (std::size_t i = 0; i < count; ++i)
      if (by_value ? (seen[i].hi == hi && seen[i].lo == lo) : same_text({seen[i].data, seen[i].size}, s)) {
        emit(item, finding::duplicate_value{s, &p});
        break;
      }
    seen[count++] = {s.data(), s.size(), hi, lo};
  }
}

// The items of the collection of objects on top, until one opens an object for the main loop to
// walk (its frame is then on top) or the collection ends.
SDSPROFILE_LOOP void walker::walk_items() {
  frame* f = &stack_.back();
  const slot& p = *f->prop;
  while (f->next < f->end) {
    const tape_index at = f->next;
    f->next = t_.after(at);
    // An object item is written by the open_object and close_object calls that follow.
    if (writer_ != nullptr && t_.kind(at) != tape_kind::object) writer_->item(t_, p, at);
    if (visit_single(at, p, f->ctx, true) || restart_) return;
    f = &stack_.back();  // an object walked at once may have moved the stack
  }
  close_array(*f);
}

SDSPROFILE_LOOP void walker::close_array(frame& f) {
  const slot& p = *f.prop;
  if (p.unique != unique_rule::none) {
    report_later_duplicates(values_, f.base, p.unique == unique_rule::guid, &p);
    values_.resize(f.base);
  }
  if (p.unique_by_applies_to) {
    check_roles(p, f.roles_base);
    roles_.resize(f.roles_base);
  }
  if (writer_ != nullptr) writer_->close_array();
  stack_.pop_back();
}

// --- Single values: null-not-allowed, the JSON type of the EDM type, then the value's rule -------

// A value that is not a collection; true when it opened an object (its frame is then on top).
SDSPROFILE_HOT bool walker::visit_single(tape_index at, const slot& p, context c, bool item, int* role) {
  const tape_kind kind = t_.kind(at);
  if (kind == tape_kind::string && (p.accepts & json_string) != 0) {
    check_string(at, t_.string(at), p, c, role);
    return false;
  }
  if (kind == tape_kind::null_value) {
    if (!p.nullable) emit(at, finding::null_not_allowed{&p, item});
    return false;
  }
  if ((json_type(at) & p.accepts) == 0) {
    type_error(at, &p, p.kind == edm::complex, item);
    skip(at);
    return false;
  }
  if (p.kind != edm::complex) return false;
  return open_object(at, p.target, &p, c);
}

void walker::type_error(tape_index at, const slot* p, bool container_expected, bool item) {
  if (container_expected && t_.kind(at) == tape_kind::string) {
    const std::string_view s = t_.string(at);
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
  const tape_kind kind = t_.kind(at);
  if (kind != tape_kind::object && kind != tape_kind::array) return;
  skip_stack_.clear();
  skip_stack_.push_back(at);
  while (!skip_stack_.empty()) {
    const tape_index c = skip_stack_.back();
    skip_stack_.pop_back();
    const bool is_object = t_.kind(c) == tape_kind::object;
    const std::size_t base = keys_.size();
    const bool large = is_object && t_.count(c) > k_small_object;
    for (tape_index i = c + 1, end = t_.end_of(c); i < end;) {
      if (is_object) note_key(i++, base, large);
      const tape_kind k = t_.kind(i);
      if (k == tape_kind::object || k == tape_kind::array) skip_stack_.push_back(i);
      i = t_.after(i);
    }
    if (is_object) end_keys(base, large);
  }
}

}  // namespace sdsprofile::engine
