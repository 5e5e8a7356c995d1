#include "expander.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "json_text.hpp"
#include "retained.hpp"
#include "text_rules.hpp"

namespace sdsprofile::detail {
namespace {

constexpr std::string_view k_odata_type = "@odata.type";

}  // namespace

expander::expander() : m_(the_model()) {
  customizations_type_ = m_.find_type("educationSynchronizationCustomizations");
  licence_type_ = m_.find_type("educationSynchronizationLicenseAssignment");
}

std::size_t expander::ws(std::size_t p) const noexcept {
  while (p < t_.size() && (t_[p] == ' ' || t_[p] == '\t' || t_[p] == '\n' || t_[p] == '\r')) ++p;
  return p;
}

std::size_t expander::skip_string(std::size_t p) const noexcept {
  // memchr to the next quote; it closes the string unless an odd run of backslashes precedes it.
  for (std::size_t from = p + 1; from < t_.size();) {
    const void* hit = std::memchr(t_.data() + from, '"', t_.size() - from);
    if (hit == nullptr) break;
    const auto quote = static_cast<std::size_t>(static_cast<const char*>(hit) - t_.data());
    std::size_t backslashes = 0;
    while (quote - backslashes > p + 1 && t_[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return quote + 1;
    from = quote + 1;
  }
  return t_.size();
}

std::size_t expander::skip_value(std::size_t p) const noexcept {
  if (p >= t_.size()) return t_.size();
  const char c = t_[p];
  if (c == '"') return skip_string(p);
  if (c == '{' || c == '[') {
    const auto it = std::lower_bound(containers_.begin(), containers_.end(), p,
                                     [](const auto& container, std::size_t at) { return container.first < at; });
    return it != containers_.end() && it->first == p ? it->second : t_.size();
  }
  while (p < t_.size() && t_[p] != ',' && t_[p] != '}' && t_[p] != ']' && t_[p] != ' ' && t_[p] != '\n' &&
         t_[p] != '\r' && t_[p] != '\t')
    ++p;
  return p;
}

void expander::index_containers() {
  static constexpr auto structural = [] {
    std::array<bool, 256> table{};
    for (const unsigned char c : {'"', '{', '}', '[', ']'}) table[c] = true;
    return table;
  }();
  containers_.clear();
  open_containers_.clear();
  for (std::size_t p = 0; p < t_.size(); ++p) {
    while (p < t_.size() && !structural[static_cast<unsigned char>(t_[p])]) ++p;
    if (p == t_.size()) break;
    const char c = t_[p];
    if (c == '"') {
      p = skip_string(p) - 1;
    } else if (c == '{' || c == '[') {
      open_containers_.push_back(containers_.size());
      containers_.emplace_back(p, t_.size());
    } else if ((c == '}' || c == ']') && !open_containers_.empty()) {
      containers_[open_containers_.back()].second = p + 1;
      open_containers_.pop_back();
    }
  }
}

std::size_t expander::collect(std::size_t brace) {
  const std::size_t base = members_.size();
  std::size_t p = ws(brace + 1);
  while (p < t_.size() && t_[p] == '"') {
    const std::size_t end = skip_string(p);
    std::string_view name = t_.substr(p + 1, end - p - 2);
    if (name.find('\\') != std::string_view::npos) {
      std::string& unescaped = keys_.emplace_back();
      append_unescaped(t_, p, unescaped);
      name = unescaped;
    }
    p = ws(ws(end) + 1);  // past ':'
    members_.push_back({name, p});
    p = ws(skip_value(p));
    if (p < t_.size() && t_[p] == ',') p = ws(p + 1);
  }
  return base;
}

const expander::member* expander::find(std::size_t base, std::string_view name) const noexcept {
  for (std::size_t i = base; i < members_.size(); ++i)
    if (members_[i].key == name) return &members_[i];
  return nullptr;
}

void expander::item_prefix() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.back()) *out_ += ',';
  has_items_.back() = 1;
  if (pretty_) {
    *out_ += '\n';
    out_->append(has_items_.size() * 4, ' ');
  }
}

void expander::key(std::string_view name) {
  item_prefix();
  string_literal(name);
  *out_ += pretty_ ? ": " : ":";
  after_key_ = true;
}

void expander::open(char c) {
  item_prefix();
  *out_ += c;
  has_items_.push_back(0);
}

void expander::close(char c) {
  const bool had = has_items_.back() != 0;
  has_items_.pop_back();
  if (had && pretty_) {
    *out_ += '\n';
    out_->append(has_items_.size() * 4, ' ');
  }
  *out_ += c;
}

void expander::raw(std::string_view text) {
  item_prefix();
  out_->append(text);
}

void expander::string_value(std::string_view s) {
  item_prefix();
  string_literal(s);
}

void expander::string_literal(std::string_view s) {
  *out_ += '"';
  // Runs without '"', '\\' or control characters are copied whole.
  while (!s.empty()) {
    static constexpr auto special = [] {
      std::array<bool, 256> table{};
      for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = true;
      table['"'] = table['\\'] = true;
      return table;
    }();
    const auto plain = std::find_if(s.begin(), s.end(), [](char c) { return special[static_cast<unsigned char>(c)]; });
    out_->append(s.begin(), plain);
    s.remove_prefix(static_cast<std::size_t>(plain - s.begin()));
    if (s.empty()) break;
    const char c = s.front();
    s.remove_prefix(1);
    if (c == '"' || c == '\\') {
      *out_ += '\\';
      *out_ += c;
    } else {  // a control character
      static constexpr char hex[] = "0123456789abcdef";
      *out_ += "\\u00";
      *out_ += hex[(c >> 4) & 0xf];
      *out_ += hex[c & 0xf];
    }
  }
  *out_ += '"';
}

bool expander::release_outsized() noexcept {
  bool released = detail::release_outsized(members_) | detail::release_outsized(containers_);
  released |= detail::release_outsized(open_containers_) | detail::release_outsized(has_items_);
  if (keys_.size() > 1024) {  // unescaped names of one outsized document
    std::deque<std::string>().swap(keys_);
    released = true;
  }
  return released;
}

void expander::run(std::string_view text, std::string_view id, bool pretty, bool resource, std::string& out) {
  t_ = text;
  out_ = &out;
  pretty_ = pretty;
  out.clear();
  members_.clear();
  has_items_.clear();
  keys_.clear();
  after_key_ = false;
  const std::size_t root = ws(0);
  if (root >= text.size() || text[root] != '{') return;  // only a valid profile (an object) expands
  index_containers();
  profile(root, id, resource);
  if (pretty_) out += '\n';
}

// docs/rules.md "Expansion", top level: the stored key order; read-only input and annotations dropped.
void expander::profile(std::size_t p, std::string_view id, bool resource) {
  const expansion_def& ex = m_.expansion;
  const type_def& profile_type = m_.types[static_cast<std::size_t>(m_.root_type)];
  const auto props = m_.properties_of(profile_type);
  const std::size_t base = collect(p);
  open('{');
  for (std::string_view name : m_.list(ex.profile_keys)) {
    const member* sent = find(base, name);
    const property_def* prop = nullptr;
    for (const auto& candidate : props)
      if (candidate.name == name) prop = &candidate;
    if (name == "state") {
      key(name);
      if (resource && sent != nullptr)
        raw(t_.substr(sent->value, skip_value(sent->value) - sent->value));
      else
        string_value(ex.state);
    } else if (name == "id") {
      key(name);
      if (!id.empty())
        string_value(id);
      else if (sent != nullptr)
        raw(t_.substr(sent->value, skip_value(sent->value) - sent->value));
      else
        string_value("");
    } else if (sent != nullptr && !(prop != nullptr && prop->collection && is_null(sent->value))) {
      key(name);
      value(sent->value, prop);
    } else if (prop != nullptr && prop->collection) {
      key(name);  // omitted or null collection: []
      open('[');
      close(']');
    }
    // Anything else absent stays absent (expirationDate, handleSpecialCharacterConstraint).
  }
  close('}');
  members_.resize(base);
}

void expander::value(std::size_t p, const property_def* prop) {
  if (p >= t_.size()) return;
  const char c = t_[p];
  if (c == '{') {
    object(p, prop != nullptr && prop->kind == value_kind::complex ? prop->target : -1);
  } else if (c == '[') {
    open('[');
    std::size_t q = ws(p + 1);
    while (q < t_.size() && t_[q] != ']') {
      value(q, prop);  // items share the property's item type
      q = ws(skip_value(q));
      if (t_[q] == ',') q = ws(q + 1);
    }
    close(']');
  } else {
    raw(t_.substr(p, skip_value(p) - p));
  }
}

std::string_view expander::string_content(std::size_t p) {
  const std::string_view literal = t_.substr(p, skip_value(p) - p);
  if (literal.size() < 2 || literal.front() != '"') return {};
  const std::string_view body = literal.substr(1, literal.size() - 2);
  if (body.find('\\') == std::string_view::npos) return body;
  std::string& unescaped = keys_.emplace_back();
  append_unescaped(t_, p, unescaped);
  return unescaped;
}

void expander::odata_type(std::size_t p) {
  const std::string_view literal = t_.substr(p, skip_value(p) - p);
  bool canonical = false;
  const int type = m_.resolve_odata_type(string_content(p), canonical);
  key(k_odata_type);
  if (type >= 0)
    string_value(m_.types[static_cast<std::size_t>(type)].odata_type);
  else
    raw(literal);
}

void expander::object(std::size_t p, int declared) {
  if (declared == customizations_type_ && declared >= 0) {
    customizations(p);
    return;
  }
  const std::size_t base = collect(p);
  int type = declared;
  const member* disc = find(base, k_odata_type);
  if (disc != nullptr) {
    bool canonical = false;
    const int resolved = m_.resolve_odata_type(string_content(disc->value), canonical);
    if (resolved >= 0) type = resolved;
  }
  const auto props =
      type >= 0 ? m_.properties_of(m_.types[static_cast<std::size_t>(type)]) : std::span<const property_def>{};
  open('{');
  // docs/rules.md "Expansion": "@odata.type" is the first key of its object wherever it was sent
  // (OData JSON writes control information before properties); licence items always get one.
  if (type == licence_type_ && type >= 0) {
    key(k_odata_type);
    string_value(m_.expansion.licence_odata_type);
  } else if (disc != nullptr) {
    odata_type(disc->value);
  }
  bool has_customizations = false;
  const property_def* customizations_prop = nullptr;
  for (const auto& candidate : props)
    if (candidate.kind == value_kind::complex && candidate.target == customizations_type_)
      customizations_prop = &candidate;
  for (std::size_t i = base; i < members_.size(); ++i) {
    const member m = members_[i];
    if (m.key == k_odata_type) continue;                      // written first, above
    if (m.key.find('@') != std::string_view::npos) continue;  // annotations are dropped
    const property_def* prop = nullptr;
    for (const auto& candidate : props)
      if (candidate.name == m.key) prop = &candidate;
    if (prop == customizations_prop && prop != nullptr) {
      has_customizations = true;
      key(m.key);
      customizations(is_null(m.value) ? std::string_view::npos : m.value);
      continue;
    }
    if (prop != nullptr && prop->collection && is_null(m.value)) continue;  // null collection = omitted
    key(m.key);
    value(m.value, prop);
  }
  if (customizations_prop != nullptr && !has_customizations) {
    key(customizations_prop->name);
    customizations(std::string_view::npos);
  }
  close('}');
  members_.resize(base);
}

// Entities in stored order: the ones always present, plus school and section when sent.
void expander::customizations(std::size_t p) {
  const std::size_t base = members_.size();
  if (p != std::string_view::npos) collect(p);
  open('{');
  if (const member* disc = find(base, k_odata_type)) odata_type(disc->value);
  const auto always = m_.list(m_.expansion.always_present);
  for (std::string_view entity : m_.list(m_.expansion.entity_order)) {
    const member* sent = find(base, entity);
    const bool present = sent != nullptr && !is_null(sent->value);
    if (!present && std::find(always.begin(), always.end(), entity) == always.end()) continue;
    key(entity);
    customization(present ? sent->value : std::string_view::npos, m_.find_csv_entity(entity));
  }
  close('}');
  members_.resize(base);
}

// One customization: the four keys in stored order; a sent value wins over the default.
void expander::customization(std::size_t p, int entity) {
  const std::size_t base = members_.size();
  if (p != std::string_view::npos) collect(p);
  open('{');
  if (const member* disc = find(base, k_odata_type)) odata_type(disc->value);
  const auto keys = m_.list(m_.expansion.customization_keys);
  const auto defaults = m_.list(m_.expansion.customization_defaults);
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const member* sent = find(base, keys[k]);
    key(keys[k]);
    if (sent != nullptr && !is_null(sent->value)) {
      value(sent->value, nullptr);
    } else if (!defaults[k].empty()) {
      raw(defaults[k]);
    } else {  // optionalPropertiesToSync: every optional attribute of the entity, CSV header order
      open('[');
      if (entity >= 0)
        for (std::string_view name : m_.list(m_.csv_entities[static_cast<std::size_t>(entity)].optional)) {
          string_value(name);
        }
      close(']');
    }
  }
  close('}');
  members_.resize(base);
}

}  // namespace sdsprofile::detail
