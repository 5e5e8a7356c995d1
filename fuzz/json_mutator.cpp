#include "json_mutator.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "dictionary.hpp"

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace sdsprofile::fuzz {
namespace {

struct node {
  enum class kind : std::uint8_t { object, array, string, number, literal } type = kind::literal;
  std::string text;                // string: decoded value; number and literal: JSON text
  std::vector<std::string> names;  // object: member names, parallel to items
  std::vector<node> items;         // object members or array items
};

constexpr std::size_t k_max_tree_depth = 200;  // deeper documents are mutated as bytes

class mutator {
 public:
  explicit mutator(unsigned seed) : rng_(seed) {}

  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }
  bool one_in(std::size_t n) { return below(n) == 0; }
  const std::string& word() {
    const auto& words = dictionary_words();
    return words[below(words.size())];
  }

  node scalar_of_another_type(const node& old) {
    static constexpr const char* numbers[] = {"0", "-1", "1.5", "1e308", "12345678901234567890", "-0", "2026"};
    node n;
    switch (below(6)) {
      case 0:
        n.type = node::kind::literal, n.text = "null";
        break;
      case 1:
        n.type = node::kind::literal, n.text = one_in(2) ? "true" : "false";
        break;
      case 2:
        n.type = node::kind::number, n.text = numbers[below(std::size(numbers))];
        break;
      case 3:
        n.type = node::kind::string, n.text = old.type == node::kind::string ? std::string() : old.text;
        break;
      case 4:
        n.type = node::kind::object;
        break;
      default:
        n.type = node::kind::array;
        if (one_in(2)) n.items.push_back(old);
        break;
    }
    return n;
  }

  void collect(node& n, std::vector<node*>& all, std::size_t depth = 0) {
    all.push_back(&n);
    if (depth < k_max_tree_depth)
      for (node& child : n.items) collect(child, all, depth + 1);
  }

  void flip_case(std::string& s) {
    if (s.empty()) return;
    for (std::size_t k = 0, flips = 1 + below(3); k < flips; ++k) {
      char& c = s[below(s.size())];
      if (c >= 'a' && c <= 'z')
        c = static_cast<char>(c - 32);
      else if (c >= 'A' && c <= 'Z')
        c = static_cast<char>(c + 32);
    }
  }

  // One tree mutation; `all` lists every node (root first).
  void mutate(std::vector<node*>& all, std::uint8_t& selector) {
    node& target = *all[below(all.size())];
    std::vector<node*> containers;
    for (node* n : all)
      if (n->type == node::kind::object || n->type == node::kind::array) containers.push_back(n);
    node* container = containers.empty() ? nullptr : containers[below(containers.size())];
    const bool has_items = container != nullptr && !container->items.empty();
    const std::size_t at = has_items ? below(container->items.size()) : 0;
    const bool is_object = container != nullptr && container->type == node::kind::object;
    switch (below(11)) {
      case 0:  // a dictionary word as a string value
        target = node{node::kind::string, word(), {}, {}};
        break;
      case 1:  // a dictionary word as a member name, or the name of another member
        if (is_object && has_items) container->names[at] = one_in(4) ? container->names[below(at + 1)] : word();
        break;
      case 2:  // a value of another JSON type
        target = scalar_of_another_type(target);
        break;
      case 3:  // duplicate a member or item
        if (has_items && container->items.size() < 4096) {
          node copy = container->items[at];
          container->items.insert(container->items.begin() + static_cast<std::ptrdiff_t>(at), std::move(copy));
          if (is_object)
            container->names.insert(container->names.begin() + static_cast<std::ptrdiff_t>(at), container->names[at]);
        }
        break;
      case 4:  // drop a member or item
        if (has_items) {
          container->items.erase(container->items.begin() + static_cast<std::ptrdiff_t>(at));
          if (is_object) container->names.erase(container->names.begin() + static_cast<std::ptrdiff_t>(at));
        }
        break;
      case 5:  // change the case of a string, preferring "@odata.type" values and roles
        for (node* n : containers) {
          for (std::size_t k = 0; n->type == node::kind::object && k < n->items.size(); ++k) {
            if ((n->names[k] == "@odata.type" || n->names[k] == "appliesTo") &&
                n->items[k].type == node::kind::string && one_in(2)) {
              flip_case(n->items[k].text);
              return;
            }
          }
        }
        if (target.type == node::kind::string) flip_case(target.text);
        break;
      case 6:  // nest deeper
        if (one_in(2)) {
          node wrapper{node::kind::array, {}, {}, {std::move(target)}};
          target = std::move(wrapper);
        } else {
          node wrapper{node::kind::object, {}, {word()}, {std::move(target)}};
          target = std::move(wrapper);
        }
        break;
      case 7:  // a copy of another subtree
        if (all.size() > 1) {
          node copy = *all[below(all.size())];
          target = std::move(copy);
        }
        break;
      case 8:  // a new member or item
        if (container != nullptr && container->items.size() < 4096) {
          node value = one_in(2) ? node{node::kind::string, word(), {}, {}} : scalar_of_another_type(target);
          container->items.insert(container->items.begin() + static_cast<std::ptrdiff_t>(at), std::move(value));
          if (is_object) container->names.insert(container->names.begin() + static_cast<std::ptrdiff_t>(at), word());
        }
        break;
      case 9:  // other options
        selector = static_cast<std::uint8_t>(rng_());
        break;
      default:  // edit a string in place with a word
        if (target.type == node::kind::string) {
          const std::size_t cut = below(target.text.size() + 1);
          target.text.insert(cut, word());
        } else {
          target = node{node::kind::string, word(), {}, {}};
        }
        break;
    }
  }

 private:
  std::minstd_rand rng_;
};

bool to_tree(simdjson::dom::element e, node& out, std::size_t depth) {
  using simdjson::dom::element_type;
  if (depth > k_max_tree_depth) return false;
  switch (e.type()) {
    case element_type::OBJECT:
      out.type = node::kind::object;
      for (auto member : simdjson::dom::object(e.get_object().value_unsafe())) {
        out.names.emplace_back(member.key);
        if (!to_tree(member.value, out.items.emplace_back(), depth + 1)) return false;
      }
      return true;
    case element_type::ARRAY:
      out.type = node::kind::array;
      for (auto item : simdjson::dom::array(e.get_array().value_unsafe()))
        if (!to_tree(item, out.items.emplace_back(), depth + 1)) return false;
      return true;
    case element_type::STRING:
      out.type = node::kind::string, out.text = e.get_string().value_unsafe();
      return true;
    case element_type::INT64:
      out.type = node::kind::number, out.text = fmt::format("{}", e.get_int64().value_unsafe());
      return true;
    case element_type::UINT64:
      out.type = node::kind::number, out.text = fmt::format("{}", e.get_uint64().value_unsafe());
      return true;
    case element_type::DOUBLE:
      out.type = node::kind::number, out.text = fmt::format("{}", e.get_double().value_unsafe());
      return true;
    case element_type::BOOL:
      out.text = e.get_bool().value_unsafe() ? "true" : "false";
      return true;
    case element_type::NULL_VALUE:
      out.text = "null";
      return true;
  }
  return false;
}

void append_string(const std::string& s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

struct layout {
  const char* newline;  // nullptr: compact
  int indent;
};

void write(const node& n, const layout& style, int depth, std::string& out) {
  const auto break_line = [&](int level) {
    if (style.newline == nullptr) return;
    out += style.newline;
    out.append(static_cast<std::size_t>(level * style.indent), ' ');
  };
  switch (n.type) {
    case node::kind::string:
      append_string(n.text, out);
      return;
    case node::kind::number:
    case node::kind::literal:
      out += n.text;
      return;
    case node::kind::object:
    case node::kind::array:
      break;
  }
  const bool object = n.type == node::kind::object;
  out += object ? '{' : '[';
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    if (i > 0) out += ',';
    break_line(depth + 1);
    if (object) {
      append_string(n.names[i], out);
      out += style.newline == nullptr ? ":" : ": ";
    }
    write(n.items[i], style, depth + 1, out);
  }
  if (!n.items.empty()) break_line(depth);
  out += object ? '}' : ']';
}

}  // namespace

std::size_t mutate_as_json(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed) {
  mutator m(seed);
  const auto bytewise = [&] { return LLVMFuzzerMutate(data, size, max_size); };
  if (size < 2 || max_size < 2 || m.one_in(8)) return bytewise();

  static simdjson::dom::parser parser;
  simdjson::dom::element root_element;
  node root;
  const simdjson::padded_string document(reinterpret_cast<const char*>(data + 1), size - 1);
  if (parser.parse(document).get(root_element) || !to_tree(root_element, root, 0)) return bytewise();

  std::uint8_t selector = data[0];
  for (std::size_t round = 0, rounds = 1 + m.below(3); round < rounds; ++round) {
    std::vector<node*> all;
    m.collect(root, all);
    m.mutate(all, selector);
  }
  static constexpr layout layouts[] = {{nullptr, 0}, {"\n", 2}, {"\r\n", 4}, {"\r", 1}, {"\n", 0}};
  std::string out(1, static_cast<char>(selector));
  write(root, layouts[m.below(std::size(layouts))], 0, out);
  // Growth is bounded per step so that mutants stay near the size of real profiles (fast runs).
  if (out.size() > std::min(max_size, std::max<std::size_t>(2 * size, 4096))) return bytewise();
  std::memcpy(data, out.data(), out.size());
  return out.size();
}

}  // namespace sdsprofile::fuzz
