// The expansion writer (engine/writer.hpp). docs/rules.md "Expansion": the stored key orders,
// "@odata.type" first and canonical, the defaults of schemas/expansion.json, values as sent.
#include "engine/writer.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "retained.hpp"

namespace sdsprofile::engine {
namespace {

constexpr std::uint8_t k_not_written = 255;  // a member the stored form leaves out

const type_def* type_with_shape(const model& m, expansion_shape shape) noexcept {
  for (const type_def& t : m.types)
    if (t.shape == shape) return &t;
  return nullptr;
}

}  // namespace

writer::writer() noexcept : m_(the_model()) {}

bool writer::release_outsized_text() noexcept { return out_.release_if_over(detail::retained_bytes); }

bool writer::release_outsized() noexcept {
  bool released = detail::release_outsized(offsets_) | detail::release_outsized(has_items_);
  released |= detail::release_outsized(objects_);
  return released;
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
  has_items_.clear();
  after_key_ = false;
  objects_.clear();
  mute_ = 0;
  mute_next_ = false;
}

void writer::finish() {
  if (pretty_) out_.put('\n');
}

// --- Pretty printing: 4-space indentation, one member per line (the seed's response) ------------

void writer::key(std::string_view pretty, std::string_view compact) {
  item_prefix();
  out_.put(pretty_ ? pretty : compact);
  after_key_ = true;
}

// A name from the tape (unescaped), written as a JSON string: '"', '\\' and control characters
// escaped.
void writer::key_named(std::string_view name) {
  item_prefix();
  out_.put('"');
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out_.put('\\');
      out_.put(c);
    } else if (u < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      out_.put("\\u00");
      out_.put(hex[u >> 4]);
      out_.put(hex[u & 0xf]);
    } else {
      out_.put(c);
    }
  }
  out_.put(pretty_ ? "\": " : "\":");
  after_key_ = true;
}

void writer::open(char c) {
  item_prefix();
  out_.put(c);
  has_items_.push_back(0);
}

void writer::close(char c) {
  const bool had = has_items_.back() != 0;
  has_items_.pop_back();
  if (had && pretty_) out_.line(false, has_items_.size());
  out_.put(c);
}

void writer::text(std::string_view s) {
  item_prefix();
  out_.put(s);
}

// A scalar as sent: a string from the tape (it equals its literal when the document has no
// escape at all), else the literal's bytes; a number's bytes; true, false, null.
void writer::scalar(const tape& tp, tape_index at) {
  switch (tp.kind(at)) {
    case tape_kind::string:
      if (!text_has_escapes_) {
        item_prefix();
        out_.put_quoted(tp.string(at));
        return;
      }
      text(raw_text(at));
      return;
    case tape_kind::int64:
    case tape_kind::uint64:
    case tape_kind::float64:
      text(raw_text(at));
      return;
    case tape_kind::true_value:
      text("true");
      return;
    case tape_kind::false_value:
      text("false");
      return;
    default:
      text("null");
      return;
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
  open('{');
  // "@odata.type" is the first key wherever it was sent, written canonically; the root's own is
  // dropped (the stored profile shows none); a licence always gets its own.
  if (t.shape == expansion_shape::licence || (sent_odata_type && t.shape != expansion_shape::profile)) {
    key("\"@odata.type\": ", "\"@odata.type\":");
    text(t.odata_type_json);
  }
  objects_.push_back({&t, static_cast<std::int8_t>(prop != nullptr ? prop->csv_entity : -1), 0, false});
}

void writer::member(const tape& tp, const type_def& t, const slot& p, tape_index value) {
  if (muted()) return;
  object_state& o = objects_.back();
  const bool container = tp.kind(value) == tape_kind::object || tp.kind(value) == tape_kind::array;
  const bool null = tp.kind(value) == tape_kind::null_value;
  if (has_stored_order(t)) {
    const std::uint8_t r = p.stored_rank;
    if (r == k_not_written) {
      mute_next_ = container;
      return;
    }
    defaults_before(r);
    o.plan_next = static_cast<std::uint8_t>(r + 1);
    const bool keeps_sent_id = t.shape != expansion_shape::profile || p.name != "id" || id_.empty();
    if (!keeps_sent_id || (null && (t.shape != expansion_shape::profile || p.collection))) {
      write_default(r);  // the given id; or null, which counts as omitted
      mute_next_ = container;
      return;
    }
  } else {
    if (null && p.collection) return;  // a null collection counts as omitted
    if (&p - t.slots.data() == t.customizations_slot) {
      o.customizations_sent = true;
      if (null) {
        key(p.key_pretty, p.key_compact);
        default_customizations();
        return;
      }
    }
  }
  key(p.key_pretty, p.key_compact);
  if (!container) scalar(tp, value);
}

void writer::close_object(const tape&, tape_index, const type_def& t, const slot*) {
  if (muted()) {
    --mute_;
    return;
  }
  const object_state& o = objects_.back();
  if (has_stored_order(t)) {
    const std::size_t size = t.shape == expansion_shape::profile          ? m_.expansion.profile_slots.size()
                             : t.shape == expansion_shape::customizations ? m_.expansion.entity_order.size()
                                                                          : m_.expansion.customization_slots.size();
    defaults_before(static_cast<std::uint8_t>(size));
  } else if (t.customizations_slot >= 0 && !o.customizations_sent) {
    // A provider without customizations gets them as its last key.
    const slot& p = t.slots[static_cast<std::size_t>(t.customizations_slot)];
    key(p.key_pretty, p.key_compact);
    default_customizations();
  }
  close('}');
  objects_.pop_back();
}

// --- Defaults: what the service fills in where nothing (or null) was sent ------------------------

void writer::defaults_before(std::uint8_t position) {
  object_state& o = objects_.back();
  for (; o.plan_next < position; ++o.plan_next) write_default(o.plan_next);
}

void writer::write_default(std::uint8_t position) {
  const object_state& o = objects_.back();
  const expansion_def& x = m_.expansion;
  switch (o.type->shape) {
    case expansion_shape::profile: {
      const slot& p = o.type->slots[x.profile_slots[position]];
      if (p.name == "state") {
        key(p.key_pretty, p.key_compact);
        text(x.state_json);
      } else if (p.name == "id") {
        key(p.key_pretty, p.key_compact);
        item_prefix();
        out_.put_quoted(id_);
      } else if (p.collection) {  // licensesToAssign omitted or null
        key(p.key_pretty, p.key_compact);
        text(x.licences_default_json);
      }
      return;
    }
    case expansion_shape::customizations:
      if ((x.always_present >> x.entity_order[position]) & 1u) default_customization(x.entity_order[position]);
      return;
    case expansion_shape::customization: {
      const slot& p = o.type->slots[x.customization_slots[position]];
      key(p.key_pretty, p.key_compact);
      if (!x.customization_defaults[position].empty()) {
        text(x.customization_defaults[position]);
        return;
      }
      open('[');  // optionalPropertiesToSync: every optional attribute, in CSV header order
      if (o.entity >= 0)
        for (std::string_view name : m_.csv_entities[static_cast<std::size_t>(o.entity)].optional_json) text(name);
      close(']');
      return;
    }
    default:
      return;
  }
}

// Every entity that is always present, with its defaults (a provider sent without them).
void writer::default_customizations() {
  open('{');
  const expansion_def& x = m_.expansion;
  for (const std::uint8_t entity : x.entity_order)
    if ((x.always_present >> entity) & 1u) default_customization(entity);
  close('}');
}

// `"student": {...}` with the four defaults.
void writer::default_customization(std::size_t entity) {
  static const type_def* const customizations = type_with_shape(m_, expansion_shape::customizations);
  static const type_def* const customization = type_with_shape(m_, expansion_shape::customization);
  for (const slot& s : customizations->slots)
    if (s.csv_entity == static_cast<std::int8_t>(entity)) key(s.key_pretty, s.key_compact);
  open('{');
  objects_.push_back({customization, static_cast<std::int8_t>(entity), 0, false});
  defaults_before(static_cast<std::uint8_t>(m_.expansion.customization_slots.size()));
  objects_.pop_back();
  close('}');
}

// --- Arrays and subtrees written as sent ----------------------------------------------------------

void writer::open_array() {
  if (muted() || mute_next_) {
    ++mute_;
    mute_next_ = false;
    return;
  }
  open('[');
}

void writer::item(const tape& tp, const slot&, tape_index at) {
  if (muted()) return;
  const tape_kind kind = tp.kind(at);
  if (kind != tape_kind::object && kind != tape_kind::array) scalar(tp, at);
}

void writer::close_array() {
  if (muted()) {
    --mute_;
    return;
  }
  close(']');
}

void writer::empty_array(const slot&) {
  if (muted() || mute_next_) {
    mute_next_ = false;
    return;
  }
  open('[');
  close(']');
}

// A list the walk does not check item by item (not-applicable): written as sent, containers
// included, annotations dropped, "@odata.type" first.
void writer::raw_value(const tape& tp, tape_index at) {
  if (muted() || mute_next_) {
    mute_next_ = false;
    return;
  }
  struct open_container {
    tape_index next, end;
    bool is_object;
  };
  std::vector<open_container> stack;
  const auto enter = [&](tape_index v) {
    const tape_kind kind = tp.kind(v);
    if (kind != tape_kind::object && kind != tape_kind::array) {
      scalar(tp, v);
      return;
    }
    const bool is_object = kind == tape_kind::object;
    open(is_object ? '{' : '[');
    if (is_object)
      for (tape_index k = v + 1, end = tp.end_of(v); k < end; k = tp.after(k + 1))
        if (tp.string(k) == "@odata.type") {
          key("\"@odata.type\": ", "\"@odata.type\":");
          bool canonical = false;
          const int type = tp.kind(k + 1) == tape_kind::string ? odata_type_index(m_, tp.string(k + 1), canonical) : -1;
          if (type >= 0)
            text(m_.types[static_cast<std::size_t>(type)].odata_type_json);
          else
            scalar(tp, k + 1);
          break;
        }
    stack.push_back({v + 1, tp.end_of(v), is_object});
  };
  enter(at);
  while (!stack.empty()) {
    open_container& c = stack.back();
    if (c.next >= c.end) {
      close(c.is_object ? '}' : ']');
      stack.pop_back();
      continue;
    }
    if (c.is_object) {
      const tape_index k = c.next;
      c.next = tp.after(k + 1);
      const std::string_view name = tp.string(k);
      if (name.find('@') != std::string_view::npos) continue;  // "@odata.type" is first, others dropped
      key_named(name);
      enter(k + 1);
    } else {
      const tape_index v = c.next;
      c.next = tp.after(v);
      enter(v);
    }
  }
}

}  // namespace sdsprofile::engine
