// The expansion writer (engine/writer.hpp). docs/rules.md "Expansion": the stored key orders,
// "@odata.type" first and canonical, the defaults of schemas/expansion.json, values as sent.
#include "engine/writer.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "retained.hpp"

// The pieces of the output, inlined into each step: a call per piece cost more than the piece.
#define SDSPROFILE_PIECE [[gnu::always_inline]] inline

namespace sdsprofile::engine {
namespace {

constexpr std::uint8_t k_not_written = 255;  // a member the stored form leaves out

const type_def* type_with_shape(const model& m, expansion_shape shape) noexcept {
  for (const type_def& t : m.types)
    if (t.shape == shape) return &t;
  return nullptr;
}

}  // namespace

writer::writer() noexcept
    : m_(the_model()),
      customizations_type_(type_with_shape(m_, expansion_shape::customizations)),
      customization_type_(type_with_shape(m_, expansion_shape::customization)) {
  if (const type_def* profile = type_with_shape(m_, expansion_shape::profile); profile != nullptr)
    for (std::size_t position = 0; position < m_.expansion.profile_slots.size(); ++position) {
      const std::string_view name = profile->slots[m_.expansion.profile_slots[position]].name;
      if (name == "state") profile_state_rank_ = static_cast<std::uint8_t>(position);
      if (name == "id") profile_id_rank_ = static_cast<std::uint8_t>(position);
    }
  for (std::size_t position = 0; position < m_.expansion.customization_defaults.size(); ++position)
    if (m_.expansion.customization_defaults[position].empty() && list_position_ == 255)
      list_position_ = static_cast<std::uint8_t>(position);
}

bool writer::release_outsized_text() noexcept { return out_.release_if_over(detail::retained_bytes); }

bool writer::release_outsized() noexcept {
  return detail::release_outsized(offsets_) | detail::release_outsized(objects_);
}

void writer::reset(bool pretty, std::string_view id, bool resource, std::string_view text,
                   const simdjson::dom::parser& parser) {
  pretty_ = pretty;
  id_ = id;
  resource_ = resource;
  text_ = text;
  parser_ = &parser;
  text_has_escapes_ = !text.empty() && std::memchr(text.data(), '\\', text.size()) != nullptr;
  offsets_ready_ = false;
  restart();
}

void writer::restart() {
  out_.clear();
  indent_ = 0;
  first_ = true;
  after_key_ = false;
  objects_.clear();
  mute_ = 0;
  mute_next_ = false;
}

void writer::finish() {
  if (pretty_) out_.commit(json_output::put(out_.room(1), '\n'));
}

// --- Pretty printing: 4-space indentation, one member per line (the seed's response) ------------

// Room for the separator and `n` bytes, and the separator written: the cursor after it.
template <bool Pretty>
SDSPROFILE_PIECE char* writer::begin_piece(std::size_t n) {
  const std::size_t indent = indent_;
  char* at = out_.room(2 + indent + n);
  if (after_key_) {
    after_key_ = false;
    return at;
  }
  if (indent == 0) return at;  // the root value
  const bool comma = !first_;
  first_ = false;
  if constexpr (Pretty) return json_output::put_line(at, comma, indent);
  return comma ? json_output::put(at, ',') : at;
}

template <bool Pretty>
SDSPROFILE_PIECE void writer::key(const slot& p) {
  const std::string_view k = Pretty ? p.key_pretty : p.key_compact;
  char* at = begin_piece<Pretty>(k.size());
  after_key_ = true;
  out_.commit(json_output::put(at, k));
}

// A name from the tape (unescaped), written as a JSON string: '"', '\\' and control characters
// escaped (six bytes at most for each).
template <bool Pretty>
void writer::key_named(std::string_view name) {
  char* at = begin_piece<Pretty>(6 * name.size() + 4);
  after_key_ = true;
  at = json_output::put(at, '"');
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      at = json_output::put(at, '\\');
      at = json_output::put(at, c);
    } else if (u < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      at = json_output::put(at, "\\u00");
      at = json_output::put(at, hex[u >> 4]);
      at = json_output::put(at, hex[u & 0xf]);
    } else {
      at = json_output::put(at, c);
    }
  }
  out_.commit(json_output::put(at, Pretty ? std::string_view{"\": "} : std::string_view{"\":"}));
}

template <bool Pretty>
SDSPROFILE_PIECE void writer::open(char c) {
  char* at = begin_piece<Pretty>(1);
  indent_ += 4;
  first_ = true;
  out_.commit(json_output::put(at, c));
}

// After a container, the one around it holds at least that container.
template <bool Pretty>
SDSPROFILE_PIECE void writer::close(char c) {
  const std::size_t indent = indent_ - 4;
  const bool empty = first_;
  indent_ = indent;
  first_ = false;
  char* at = out_.room(2 + indent);
  if (Pretty && !empty) at = json_output::put_line(at, false, indent);
  out_.commit(json_output::put(at, c));
}

template <bool Pretty>
SDSPROFILE_PIECE void writer::text(std::string_view s) {
  out_.commit(json_output::put(begin_piece<Pretty>(s.size()), s));
}

// `"key": value`, with one reservation.
template <bool Pretty>
SDSPROFILE_PIECE void writer::keyed_text(const slot& p, std::string_view s) {
  const std::string_view k = Pretty ? p.key_pretty : p.key_compact;
  char* at = begin_piece<Pretty>(k.size() + s.size());
  out_.commit(json_output::put(json_output::put(at, k), s));
}

// A scalar as sent, after the key of `p` when there is one (else an item).
template <bool Pretty>
SDSPROFILE_PIECE void writer::keyed_scalar(const slot* p, const tape& tp, tape_index at) {
  const scalar_text v = scalar_of(tp, at);
  const std::string_view k = p == nullptr ? std::string_view{} : Pretty ? p->key_pretty : p->key_compact;
  char* to = begin_piece<Pretty>(k.size() + v.bytes.size() + 2);
  if (p != nullptr) to = json_output::put(to, k);
  out_.commit(v.quoted ? json_output::put_quoted(to, v.bytes) : json_output::put(to, v.bytes));
}

// A scalar as sent: a string from the tape (it equals its literal when the document has no
// escape at all), else the literal's bytes; a number's bytes; true, false, null.
SDSPROFILE_PIECE writer::scalar_text writer::scalar_of(const tape& tp, tape_index at) {
  switch (tp.kind(at)) {
    case tape_kind::string:
      if (!text_has_escapes_) return {tp.string(at), true};
      return {raw_text(at), false};
    case tape_kind::int64:
    case tape_kind::uint64:
    case tape_kind::float64:
      return {raw_text(at), false};
    case tape_kind::true_value:
      return {"true", false};
    case tape_kind::false_value:
      return {"false", false};
    default:
      return {"null", false};
  }
}

std::string_view writer::raw_text(tape_index at) {
  if (!offsets_ready_) {
    structural_positions(*parser_, text_).all_offsets(offsets_);
    offsets_ready_ = true;
  }
  const std::size_t begin = at < offsets_.size() ? offsets_[at] : text_.size();
  std::size_t end = begin;
  if (begin < text_.size() && text_[begin] == '"') {
    for (end = begin + 1; end < text_.size() && text_[end] != '"'; ++end)
      if (text_[end] == '\\') ++end;
    return text_.substr(begin, end + 1 - begin);
  }
  while (end < text_.size() && std::strchr("0123456789+-.eE", text_[end]) != nullptr && text_[end] != '\0') ++end;
  return text_.substr(begin, end - begin);
}

// --- Objects ----------------------------------------------------------------------------------

void writer::open_object(const type_def& t, const slot* prop, bool sent_odata_type,
                         std::vector<checked_member>& members, std::uint32_t begin) {
  if (muted() || mute_next_) {
    ++mute_;
    mute_next_ = false;
    return;
  }
  if (has_stored_order(t))  // a stable sort by stored rank (a handful of members)
    for (std::size_t i = begin + 1; i < members.size(); ++i)
      for (std::size_t j = i;
           j > begin && t.slots[members[j - 1].slot].stored_rank > t.slots[members[j].slot].stored_rank; --j)
        std::swap(members[j - 1], members[j]);
  if (pretty_)
    open_object_in<true>(t, prop, sent_odata_type);
  else
    open_object_in<false>(t, prop, sent_odata_type);
}

template <bool Pretty>
SDSPROFILE_PIECE void writer::open_object_in(const type_def& t, const slot* prop, bool sent_odata_type) {
  open<Pretty>('{');
  // "@odata.type" is the first key wherever it was sent, written canonically; the root's own is
  // dropped (the stored profile shows none); a licence always gets its own.
  if (t.shape == expansion_shape::licence || (sent_odata_type && t.shape != expansion_shape::profile)) {
    const std::string_view k = Pretty ? std::string_view{"\"@odata.type\": "} : std::string_view{"\"@odata.type\":"};
    char* at = begin_piece<Pretty>(k.size() + t.odata_type_json.size());
    out_.commit(json_output::put(json_output::put(at, k), t.odata_type_json));
  }
  objects_.push_back({&t, static_cast<std::int8_t>(prop != nullptr ? prop->csv_entity : -1), 0, false});
}

// Most members are the next in their object's stored order, or in an object written as sent, and
// neither null nor the customizations: their key and scalar are written here, the others by
// member_in.
void writer::member(const tape& tp, const type_def& t, const slot& p, tape_index value) {
  if (muted()) return;
  const tape_kind kind = tp.kind(value);
  if (kind == tape_kind::null_value) {
    member_any(tp, t, p, value);
    return;
  }
  if (has_stored_order(t)) {
    object_state& o = objects_.back();
    const std::uint8_t r = p.stored_rank;
    if (r != o.plan_next || (r == profile_id_rank_ && t.shape == expansion_shape::profile)) {
      member_any(tp, t, p, value);
      return;
    }
    o.plan_next = static_cast<std::uint8_t>(r + 1);
  } else if (t.customizations_slot >= 0) {
    member_any(tp, t, p, value);
    return;
  }
  const bool container = kind == tape_kind::object || kind == tape_kind::array;
  if (pretty_) {
    if (container)
      key<true>(p);
    else
      keyed_scalar<true>(&p, tp, value);
  } else {
    if (container)
      key<false>(p);
    else
      keyed_scalar<false>(&p, tp, value);
  }
}

void writer::member_any(const tape& tp, const type_def& t, const slot& p, tape_index value) {
  if (pretty_)
    member_in<true>(tp, t, p, value);
  else
    member_in<false>(tp, t, p, value);
}

template <bool Pretty>
void writer::member_in(const tape& tp, const type_def& t, const slot& p, tape_index value) {
  const tape_kind kind = tp.kind(value);
  const bool container = kind == tape_kind::object || kind == tape_kind::array;
  const bool null = kind == tape_kind::null_value;
  if (has_stored_order(t)) {
    const std::uint8_t r = p.stored_rank;
    if (r == k_not_written) {
      mute_next_ = container;
      return;
    }
    defaults_before<Pretty>(r);
    objects_.back().plan_next = static_cast<std::uint8_t>(r + 1);
    const bool profile = t.shape == expansion_shape::profile;
    const bool keeps_sent_id = !profile || r != profile_id_rank_ || id_.empty();
    if (!keeps_sent_id || (null && (!profile || p.collection))) {
      write_default<Pretty>(r);  // the given id; or null, which counts as omitted
      mute_next_ = container;
      return;
    }
  } else {
    if (null && p.collection) return;  // a null collection counts as omitted
    if (t.customizations_slot >= 0 && &p - t.slots.data() == t.customizations_slot) {
      objects_.back().customizations_sent = true;
      if (null) {
        key<Pretty>(p);
        default_customizations<Pretty>();
        return;
      }
    }
  }
  if (container)
    key<Pretty>(p);
  else
    keyed_scalar<Pretty>(&p, tp, value);
}

void writer::close_object(const tape&, tape_index, const type_def& t, const slot*) {
  if (muted()) {
    --mute_;
    return;
  }
  if (pretty_)
    close_object_in<true>(t);
  else
    close_object_in<false>(t);
}

template <bool Pretty>
void writer::close_object_in(const type_def& t) {
  const object_state& o = objects_.back();
  if (has_stored_order(t)) {
    const std::size_t size = t.shape == expansion_shape::profile          ? m_.expansion.profile_slots.size()
                             : t.shape == expansion_shape::customizations ? m_.expansion.entity_order.size()
                                                                          : m_.expansion.customization_slots.size();
    defaults_before<Pretty>(static_cast<std::uint8_t>(size));
  } else if (t.customizations_slot >= 0 && !o.customizations_sent) {
    // A provider without customizations gets them as its last key.
    key<Pretty>(t.slots[static_cast<std::size_t>(t.customizations_slot)]);
    default_customizations<Pretty>();
  }
  close<Pretty>('}');
  objects_.pop_back();
}

// --- Defaults: what the service fills in where nothing (or null) was sent ------------------------

// The defaults of positions [plan_next, position) of the innermost object. In a customization or
// the customizations these are the same text wherever the same run stands at the same place (the
// list of a customization's attributes aside, which depends on its entity), so each run is written
// once and then copied. Not after a key left without its value (a container of the wrong JSON type
// in an invalid document, whose walk goes on): the run would lack its separator, and a later
// document would copy it.
template <bool Pretty>
void writer::defaults_before(std::uint8_t position) {
  object_state& o = objects_.back();
  const std::uint8_t start = o.plan_next;
  if (start >= position) return;
  o.plan_next = position;
  const expansion_shape shape = o.type->shape;
  if ((shape != expansion_shape::customization && shape != expansion_shape::customizations) ||
      position > k_max_run_positions || after_key_) {
    write_defaults<Pretty>(start, position);
    return;
  }
  const bool by_entity =
      shape == expansion_shape::customization && start <= list_position_ && list_position_ < position;
  default_run& run = runs_[(shape == expansion_shape::customization ? 0 : 1)][start][position];
  const std::int8_t entity = by_entity ? o.entity : std::int8_t{-1};
  if (run.written && run.pretty == Pretty && run.first == first_ && run.indent == indent_ && run.entity == entity) {
    if (!run.text.empty()) {
      first_ = false;
      out_.commit(json_output::put(out_.room(run.text.size()), run.text));
    }
    return;
  }
  run.written = false;
  run.pretty = Pretty;
  run.first = first_;
  run.indent = indent_;
  run.entity = entity;
  const std::size_t from = out_.text().size();
  write_defaults<Pretty>(start, position);
  run.text.assign(out_.text().substr(from));
  run.written = true;
}

// The defaults of positions [start, end) of the innermost object, one by one.
template <bool Pretty>
void writer::write_defaults(std::uint8_t start, std::uint8_t end) {
  for (std::uint8_t position = start; position < end; ++position) write_default<Pretty>(position);
}

template <bool Pretty>
void writer::write_default(std::uint8_t position) {
  const object_state& o = objects_.back();
  const expansion_def& x = m_.expansion;
  switch (o.type->shape) {
    case expansion_shape::profile: {
      const slot& p = o.type->slots[x.profile_slots[position]];
      if (position == profile_state_rank_) {
        keyed_text<Pretty>(p, x.state_json);
      } else if (position == profile_id_rank_) {
        const std::string_view k = Pretty ? p.key_pretty : p.key_compact;
        char* at = begin_piece<Pretty>(k.size() + id_.size() + 2);
        out_.commit(json_output::put_quoted(json_output::put(at, k), id_));
      } else if (p.collection) {  // licensesToAssign omitted or null
        keyed_text<Pretty>(p, x.licences_default_json);
      }
      return;
    }
    case expansion_shape::customizations:
      if ((x.always_present >> x.entity_order[position]) & 1u) default_customization<Pretty>(x.entity_order[position]);
      return;
    case expansion_shape::customization: {
      const slot& p = o.type->slots[x.customization_slots[position]];
      if (!x.customization_defaults[position].empty()) {
        keyed_text<Pretty>(p, x.customization_defaults[position]);
        return;
      }
      key<Pretty>(p);
      open<Pretty>('[');  // optionalPropertiesToSync: every optional attribute, in CSV header order
      if (o.entity >= 0)
        for (std::string_view name : m_.csv_entities[static_cast<std::size_t>(o.entity)].optional_json)
          text<Pretty>(name);
      close<Pretty>(']');
      return;
    }
    default:
      return;
  }
}

// Every entity that is always present, with its defaults (a provider sent without them).
template <bool Pretty>
void writer::default_customizations() {
  open<Pretty>('{');
  const expansion_def& x = m_.expansion;
  for (const std::uint8_t entity : x.entity_order)
    if ((x.always_present >> entity) & 1u) default_customization<Pretty>(entity);
  close<Pretty>('}');
}

// `"student": {...}` with the four defaults.
template <bool Pretty>
void writer::default_customization(std::size_t entity) {
  for (const slot& s : customizations_type_->slots)
    if (s.csv_entity == static_cast<std::int8_t>(entity)) key<Pretty>(s);
  open<Pretty>('{');
  objects_.push_back({customization_type_, static_cast<std::int8_t>(entity), 0, false});
  defaults_before<Pretty>(static_cast<std::uint8_t>(m_.expansion.customization_slots.size()));
  objects_.pop_back();
  close<Pretty>('}');
}

// --- Arrays and subtrees written as sent ----------------------------------------------------------

void writer::open_array() {
  if (muted() || mute_next_) {
    ++mute_;
    mute_next_ = false;
    return;
  }
  if (pretty_)
    open<true>('[');
  else
    open<false>('[');
}

void writer::item(const tape& tp, const slot&, tape_index at) {
  if (muted()) return;
  const tape_kind kind = tp.kind(at);
  if (kind == tape_kind::object || kind == tape_kind::array) return;
  if (pretty_)
    keyed_scalar<true>(nullptr, tp, at);
  else
    keyed_scalar<false>(nullptr, tp, at);
}

void writer::scalar_array(const tape& tp, tape_index at) {
  if (skips_value()) return;
  if (pretty_)
    scalar_array_in<true>(tp, at);
  else
    scalar_array_in<false>(tp, at);
}

// Items that are containers were type errors: they are left out.
template <bool Pretty>
void writer::scalar_array_in(const tape& tp, tape_index at) {
  open<Pretty>('[');
  const std::size_t indent = indent_;
  bool first = true;
  char* to = out_.cursor();
  for (tape_index item = at + 1, end = tp.end_of(at); item < end; item = tp.after(item)) {
    const tape_kind kind = tp.kind(item);
    if (kind == tape_kind::object || kind == tape_kind::array) continue;
    const scalar_text v = scalar_of(tp, item);
    to = out_.room(to, 2 + indent + v.bytes.size() + 2);
    if constexpr (Pretty)
      to = json_output::put_line(to, !first, indent);
    else if (!first)
      to = json_output::put(to, ',');
    first = false;
    to = v.quoted ? json_output::put_quoted(to, v.bytes) : json_output::put(to, v.bytes);
  }
  out_.commit(to);
  first_ = first;
  close<Pretty>(']');
}

void writer::close_array() {
  if (muted()) {
    --mute_;
    return;
  }
  if (pretty_)
    close<true>(']');
  else
    close<false>(']');
}

void writer::empty_array(const slot&) {
  if (skips_value()) return;
  if (pretty_) {
    open<true>('[');
    close<true>(']');
  } else {
    open<false>('[');
    close<false>(']');
  }
}

// A list the walk does not check item by item (not-applicable): written as sent, containers
// included, annotations dropped, "@odata.type" first.
void writer::raw_value(const tape& tp, tape_index at) {
  if (skips_value()) return;
  if (pretty_)
    raw_value_in<true>(tp, at);
  else
    raw_value_in<false>(tp, at);
}

template <bool Pretty>
void writer::raw_value_in(const tape& tp, tape_index at) {
  struct open_container {
    tape_index next, end;
    bool is_object;
  };
  std::vector<open_container> stack;
  const auto enter = [&](tape_index v) {
    const tape_kind kind = tp.kind(v);
    if (kind != tape_kind::object && kind != tape_kind::array) {
      keyed_scalar<Pretty>(nullptr, tp, v);
      return;
    }
    const bool is_object = kind == tape_kind::object;
    open<Pretty>(is_object ? '{' : '[');
    if (is_object)
      for (tape_index k = v + 1, end = tp.end_of(v); k < end; k = tp.after(k + 1))
        if (tp.string(k) == "@odata.type") {
          bool canonical = false;
          const int type = tp.kind(k + 1) == tape_kind::string ? odata_type_index(m_, tp.string(k + 1), canonical) : -1;
          const std::string_view odata_key =
              Pretty ? std::string_view{"\"@odata.type\": "} : std::string_view{"\"@odata.type\":"};
          char* to = begin_piece<Pretty>(odata_key.size());
          after_key_ = true;
          out_.commit(json_output::put(to, odata_key));
          if (type >= 0)
            text<Pretty>(m_.types[static_cast<std::size_t>(type)].odata_type_json);
          else
            keyed_scalar<Pretty>(nullptr, tp, k + 1);
          break;
        }
    stack.push_back({v + 1, tp.end_of(v), is_object});
  };
  enter(at);
  while (!stack.empty()) {
    open_container& c = stack.back();
    if (c.next >= c.end) {
      close<Pretty>(c.is_object ? '}' : ']');
      stack.pop_back();
      continue;
    }
    if (c.is_object) {
      const tape_index k = c.next;
      c.next = tp.after(k + 1);
      const std::string_view name = tp.string(k);
      if (name.find('@') != std::string_view::npos) continue;  // "@odata.type" is first, others dropped
      key_named<Pretty>(name);
      enter(k + 1);
    } else {
      const tape_index v = c.next;
      c.next = tp.after(v);
      enter(v);
    }
  }
}

}  // namespace sdsprofile::engine
