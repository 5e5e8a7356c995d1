// The fixes of docs/rules.md "Fixes" (engine/fixes.hpp). Each kind that has one says here which
// edit it is; the text of the input is read only around the token a finding points at.
#include "engine/fixes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "retained.hpp"
#include "text_rules.hpp"

namespace sdsprofile::engine {
namespace {

// Objects with more members than this have their names indexed once (names_of) rather than read
// for each rename.
constexpr std::uint32_t k_scanned_object = 32;

bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Just past the string token that starts at `at` (its opening quote); the input parsed, so the
// closing quote is there.
std::size_t string_end(std::string_view s, std::size_t at) noexcept {
  // Each quote found by memchr closes the string unless an odd run of backslashes escapes it
  // (each backslash escapes the byte after it, so only the run's parity counts).
  for (std::size_t i = at + 1; i < s.size();) {
    const void* found = std::memchr(s.data() + i, '"', s.size() - i);
    if (found == nullptr) break;
    const auto quote = static_cast<std::size_t>(static_cast<const char*>(found) - s.data());
    std::size_t run = quote;
    while (run > at + 1 && s[run - 1] == '\\') --run;
    if ((quote - run) % 2 == 0) return quote + 1;
    i = quote + 1;
  }
  return s.size();
}

// Just past the JSON value that starts at `at`.
std::size_t value_end(std::string_view s, std::size_t at) noexcept {
  if (at >= s.size()) return s.size();
  if (s[at] == '"') return string_end(s, at);
  if (s[at] != '{' && s[at] != '[') {
    std::size_t i = at;
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !is_json_space(s[i])) ++i;
    return i;
  }
  std::size_t depth = 0;
  for (std::size_t i = at; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      i = string_end(s, i) - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return s.size();
}

// `text` as a JSON string literal: '"', '\\' and control characters escaped, the rest as is.
void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  std::size_t plain = 0;  // the start of the run of bytes written as they are
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (c != '"' && c != '\\' && u >= 0x20) continue;
    out.append(text.substr(plain, i - plain));
    plain = i + 1;
    if (u < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
    } else {
      out += '\\';
      out += c;
    }
  }
  out.append(text.substr(plain));
  out += '"';
}

std::string folded(std::string_view name) {
  std::string out(detail::trim_white_space(name));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether `other` is `name` ignoring case and the white space around it; trimmed only when it is
// longer than `name` (the rest cannot be `name` with white space around it).
bool same_name(std::string_view other, std::string_view name) {
  if (other.size() < name.size()) return false;
  if (other.size() == name.size()) return detail::iequals(other, name);
  // Unicode white space is ASCII white space or starts with a byte of 0x80 and above.
  const auto plain = [](char c) { return static_cast<unsigned char>(c) < 0x80 && c != ' ' && (c < '\t' || c > '\r'); };
  if (plain(other.front()) && plain(other.back())) return false;
  return detail::iequals(detail::trim_white_space(other), name);
}

// The one member of `members` equal to `value` ignoring case, or empty.
std::string_view case_only(std::string_view value, std::span<const std::string_view> members) {
  for (std::string_view m : members)
    if (detail::iequals(m, value)) return m;
  return {};
}

// The type an unknown "@odata.type" names by a historic name of the type or by its name in another
// namespace (the did-you-mean that is not a guess), when it may stand here; null otherwise.
const type_def* historic_type(const model& m, std::string_view value, const type_def& declared) {
  if (const std::size_t dot = value.rfind('.'); dot != std::string_view::npos) value.remove_prefix(dot + 1);
  if (!value.empty() && value.front() == '#') value.remove_prefix(1);
  int named = -1;
  for (const type_alias& alias : m.type_aliases)
    if (detail::iequals(alias.name, value)) named = alias.type;
  for (std::size_t i = 0; i < m.types.size() && named < 0; ++i)
    if (detail::iequals(m.types[i].name, value)) named = static_cast<int>(i);
  if (named < 0) return nullptr;
  for (const std::uint16_t ti : declared.concrete)
    if (ti == named) return &m.types[ti];
  return nullptr;
}

// The replacement of a historic property name: only where it is one name for one (two historic
// names that share a replacement were different properties: a rename would not say the same).
std::string_view historic_replacement(const type_def& t, const historic_name& h) {
  if (h.replacement.empty()) return {};
  for (const historic_name& other : t.historic)
    if (&other != &h && other.replacement == h.replacement) return {};
  return h.replacement;
}

}  // namespace

void fixer::reset(std::string_view input, const tape& t, const model& m) {
  input_ = input;
  t_ = t;
  m_ = &m;
  edits_.clear();
  text_.clear();
  objects_.clear();
  open_.clear();
}

bool fixer::release_outsized() noexcept {
  bool released = detail::release_outsized(edits_) | detail::release_outsized(text_);
  released |= detail::release_outsized(open_);
  // Emptied after each document that used it; a map of one bucket has nothing to give back.
  if (objects_.bucket_count() > 1) objects_ = {};
  return released;
}

fix_outcome fixer::replace_token(std::size_t offset, std::string_view value) {
  const std::size_t begin = text_.size();
  append_quoted(text_, value);
  return replace_string_at(offset, begin);
}

fix_outcome fixer::replace_literal(std::size_t offset, std::string_view literal) {
  const std::size_t begin = text_.size();
  text_.append(literal);
  return replace_string_at(offset, begin);
}

// The edit that replaces the string token at `offset` with text_ from `begin` to its end.
fix_outcome fixer::replace_string_at(std::size_t offset, std::size_t begin) {
  const std::string_view replacement = std::string_view(text_).substr(begin);
  const std::size_t end = offset < input_.size() && input_[offset] == '"' ? string_end(input_, offset) : offset;
  if (end == offset || input_.substr(offset, end - offset) == replacement) {  // no string there, or already so
    text_.resize(begin);
    return {};
  }
  edits_.push_back({offset, end - offset, begin, replacement.size()});
  return {edits_.size() - 1, 1, held_back::none, {}};
}

// docs/rules.md "Fixes": a rename is held back when another member of the object has the new name,
// or would get it (ignoring case and white space around names, as the fixes do).
fix_outcome fixer::rename(tape_index key, std::size_t offset, std::string_view name) {
  const tape_index object = parent_of(key);
  const std::string_view old_name = t_.string(key);
  bool taken = false;
  std::uint32_t sharing = 0;                   // members whose name is `name` ignoring case and white space around it
  if (t_.count(object) <= k_scanned_object) {  // a small object: its names read where they are
    for (tape_index k = object + 1, end = t_.end_of(object); k < end; k = t_.after(k + 1)) {
      const std::string_view other = t_.string(k);
      taken |= other == name;
      sharing += same_name(other, name) ? 1 : 0;
    }
  } else {
    const object_names& names = names_of(object);
    const auto found = names.folded.find(folded(name));
    sharing = found == names.folded.end() ? 0 : found->second;
    taken = names.exact.count(name) != 0;
  }
  const std::uint32_t itself = same_name(old_name, name) ? 1 : 0;
  if (taken) return {0, 0, held_back::name_taken, name};
  if (sharing > itself) return {0, 0, held_back::name_shared, name};
  return replace_token(offset, name);
}

// The later of two "@odata.type" members goes, with the comma before it and the white space
// between them, so the lines around keep their layout.
fix_outcome fixer::remove_member(std::size_t offset) {
  if (offset >= input_.size() || input_[offset] != '"') return {};
  std::size_t begin = offset;
  while (begin > 0 && is_json_space(input_[begin - 1])) --begin;
  if (begin == 0 || input_[begin - 1] != ',') return {};  // a later member always has a comma before it
  --begin;
  std::size_t value = string_end(input_, offset);
  while (value < input_.size() && (is_json_space(input_[value]) || input_[value] == ':')) ++value;
  const std::size_t end = value_end(input_, value);
  edits_.push_back({begin, end - begin, text_.size(), 0});
  return {edits_.size() - 1, 1, held_back::none, {}};
}

fix_outcome fixer::key_fix(const located& f, std::size_t offset) {
  if (const auto* p = std::get_if<finding::property_name_case>(&f.what)) return rename(f.at, offset, p->exact);
  if (const auto* p = std::get_if<finding::duplicate_key>(&f.what))
    return p->key == "@odata.type" ? remove_member(offset) : fix_outcome{};
  const auto* p = std::get_if<finding::unknown_property>(&f.what);
  if (p == nullptr) return {};
  if (p->historic != nullptr) {
    const std::string_view replacement = historic_replacement(*p->type, *p->historic);
    return replacement.empty() ? fix_outcome{} : rename(f.at, offset, replacement);
  }
  // White space around a declared name.
  const std::string_view trimmed = detail::trim_white_space(p->key);
  if (trimmed.size() == p->key.size()) return {};
  for (const slot& s : p->type->slots)
    if (detail::iequals(s.name, trimmed)) return rename(f.at, offset, s.name);
  return {};
}

fix_outcome fixer::value_fix(const located& f, std::size_t offset) {
  const model& m = *m_;
  return std::visit(
      [&](const auto& k) -> fix_outcome {
        using kind = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<kind, finding::odata_type_noncanonical>) {
          return replace_literal(offset, k.type->odata_type_json);
        } else if constexpr (std::is_same_v<kind, finding::unknown_odata_type>) {
          const type_def* t = historic_type(m, k.value, *k.declared);
          return t != nullptr ? replace_literal(offset, t->odata_type_json) : fix_outcome{};
        } else if constexpr (std::is_same_v<kind, finding::invalid_enum>) {
          const std::string_view member = case_only(k.value, k.e->members);
          return member.empty() ? fix_outcome{} : replace_token(offset, member);
        } else if constexpr (std::is_same_v<kind, finding::case_sensitive_value>) {
          return replace_token(offset, k.known);
        } else if constexpr (std::is_same_v<kind, finding::invalid_guid>) {
          const auto guid = detail::recover_guid(k.value);
          return guid ? replace_token(offset, guid->view()) : fix_outcome{};
        } else if constexpr (std::is_same_v<kind, finding::invalid_domain>) {
          std::string_view repaired;
          if (k.problem == detail::domain_problem::leading_at)
            repaired = k.value.substr(1);
          else if (k.problem == detail::domain_problem::trailing_dot)
            repaired = k.value.substr(0, k.value.size() - 1);
          else if (k.problem == detail::domain_problem::surrounding_space)
            repaired = detail::trim_white_space(k.value);
          const bool valid = !repaired.empty() && detail::check_domain(repaired) == detail::domain_problem::none;
          return valid ? replace_token(offset, repaired) : fix_outcome{};
        } else if constexpr (std::is_same_v<kind, finding::invalid_date>) {
          const bool timestamp = k.value.size() > 10 && detail::parse_date_time_offset(k.value).has_value();
          return timestamp ? replace_token(offset, k.value.substr(0, 10)) : fix_outcome{};
        } else if constexpr (std::is_same_v<kind, finding::type_mismatch>) {
          // "true" or "false" in quotes where Edm.Boolean is declared: the literal.
          if (k.prop == nullptr || k.prop->kind != edm::boolean || k.got != json_string) return {};
          const std::string_view s = t_.string(f.at);
          return s == "true" || s == "false" ? replace_literal(offset, s) : fix_outcome{};
        } else {
          return {};
        }
      },
      f.what);
}

fix_outcome fixer::fix(const located& f, std::size_t offset) {
  switch (code_of(f.what)) {
    case code::property_name_case:
    case code::unknown_property:
    case code::json_duplicate_key:
      return key_fix(f, offset);
    default:
      return value_fix(f, offset);
  }
}

// The names of an object, indexed once per report.
const fixer::object_names& fixer::names_of(tape_index object) {
  const auto [at, added] = objects_.try_emplace(object);
  if (added && t_.kind(object) == tape_kind::object) {
    for (tape_index k = object + 1, end = t_.end_of(object); k < end; k = t_.after(k + 1)) {
      const std::string_view name = t_.string(k);
      ++at->second.folded[folded(name)];
      at->second.exact.insert(name);
    }
  }
  return at->second;
}

// The object whose member name is at `key`: a descent from the root that goes on from where the
// previous one stopped, so the keys of one report cost one pass over the tape.
tape_index fixer::parent_of(tape_index key) {
  if (open_.empty()) {
    const tape_kind root = t_.kind(tape::root);
    if (root != tape_kind::object && root != tape_kind::array) return 0;
    open_.push_back({tape::root, tape::root + 1, t_.end_of(tape::root)});
  }
  while (open_.size() > 1 && !(open_.back().at < key && key < open_.back().end)) open_.pop_back();
  for (;;) {
    open_container& top = open_.back();
    const bool is_object = t_.kind(top.at) == tape_kind::object;
    tape_index child = top.next;
    tape_index value = is_object ? child + 1 : child;
    while (child < top.end && key >= t_.after(value)) {
      top.next = t_.after(value);
      child = top.next;
      value = is_object ? child + 1 : child;
    }
    if (child >= top.end) return 0;
    if (is_object && key <= value) return top.at;
    const tape_kind kind = t_.kind(value);
    if (kind != tape_kind::object && kind != tape_kind::array) return 0;
    open_.push_back({value, value + 1, t_.end_of(value)});
  }
}

}  // namespace sdsprofile::engine
