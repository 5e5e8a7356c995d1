#include "engine/pointers.hpp"

#include <charconv>

namespace sdsprofile::engine {
namespace {

// "/" and the member name with RFC 6901's escapes: '~' as "~0", '/' as "~1".
void append_name(std::string& pointer, std::string_view name) {
  pointer += '/';
  const std::size_t n = name.size();
  for (std::size_t i = 0; i < n;) {  // runs without '~' or '/' appended at once
    std::size_t j = i;
    while (j < n && name[j] != '~' && name[j] != '/') ++j;
    pointer.append(name.data() + i, j - i);
    if (j == n) break;
    pointer += name[j] == '~' ? "~0" : "~1";
    i = j + 1;
  }
}

void append_index(std::string& pointer, std::uint64_t index) {
  char digits[24];
  const auto r = std::to_chars(digits, digits + sizeof digits, index);
  pointer += '/';
  pointer.append(digits, r.ptr);
}

}  // namespace

void pointers(const tape& t, std::span<const tape_index> sorted, std::string& paths, std::span<pointer_span> out,
              pointer_scratch& scratch, std::size_t max_bytes) {
  auto& stack = scratch.stack;
  std::string& current = scratch.current;
  stack.clear();
  current.clear();
  const tape_kind root_kind = t.kind(tape::root);
  if (root_kind == tape_kind::object || root_kind == tape_kind::array)
    stack.push_back({tape::root, tape::root + 1, t.end_of(tape::root), 0, 0});
  bool over = false;
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    const tape_index target = sorted[k];
    if (k > 0 && sorted[k - 1] == target) {  // repeats share one copy
      out[k] = out[k - 1];
      continue;
    }
    if (target > tape::root) {
      while (!stack.empty() && !(stack.back().at < target && target < stack.back().end)) stack.pop_back();
      for (;;) {  // descend to the child holding the target
        pointer_scratch::open& top = stack.back();
        current.resize(top.length);
        const bool is_object = t.kind(top.at) == tape_kind::object;
        tape_index child = top.next;
        tape_index value = is_object ? child + 1 : child;
        while (target >= t.after(value)) {
          top.next = t.after(value);
          ++top.index;
          child = top.next;
          value = is_object ? child + 1 : child;
        }
        if (is_object)
          append_name(current, t.string(child));
        else
          append_index(current, top.index);
        if (target <= value) break;  // the member's name or its value
        stack.push_back({value, value + 1, t.end_of(value), current.size(), 0});
      }
    } else {
      current.clear();  // the document start and the root: ""
    }
    over = over || current.size() > max_bytes - std::min(max_bytes, paths.size());
    if (over) {
      out[k] = {static_cast<std::size_t>(-1), static_cast<std::size_t>(-1)};
      continue;
    }
    out[k] = {paths.size(), paths.size() + current.size()};
    paths += current;
  }
}

}  // namespace sdsprofile::engine
