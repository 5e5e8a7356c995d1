#include "glob.hpp"

namespace sdsprofile::cli {
namespace {

// The set `[...]` at pattern[0] against `c`: whether it matches, and the pattern's length used
// (0 when the set is not closed, so '[' is taken as itself).
std::size_t match_set(std::string_view pattern, char c, bool& matched) {
  std::size_t i = 1;
  const bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negated) ++i;
  bool found = false;
  const std::size_t first = i;
  for (; i < pattern.size() && (pattern[i] != ']' || i == first); ++i) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      found |= pattern[i] <= c && c <= pattern[i + 2];
      i += 2;
    } else {
      found |= pattern[i] == c;
    }
  }
  if (i >= pattern.size()) return 0;
  matched = found != negated;
  return i + 1;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  while (!pattern.empty()) {
    if (pattern.starts_with("**") && (pattern.size() == 2 || pattern[2] == '/')) {
      // A whole component "**": nothing, or any run of components.
      if (pattern.size() == 2) return true;
      const std::string_view rest = pattern.substr(3);
      if (glob_match(rest, path)) return true;
      for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1))
        if (glob_match(rest, path.substr(slash + 1))) return true;
      return false;
    }
    const char p = pattern.front();
    if (p == '*') {
      while (pattern.starts_with('*')) pattern.remove_prefix(1);
      for (std::size_t i = 0;; ++i) {
        if (glob_match(pattern, path.substr(i))) return true;
        if (i == path.size() || path[i] == '/') return false;
      }
    }
    if (path.empty()) return false;
    if (p == '?') {
      if (path.front() == '/') return false;
    } else if (p == '[') {
      bool matched = false;
      if (const std::size_t used = match_set(pattern, path.front(), matched); used != 0) {
        if (!matched || path.front() == '/') return false;
        pattern.remove_prefix(used);
        path.remove_prefix(1);
        continue;
      }
      if (path.front() != '[') return false;
    } else if (p != path.front()) {
      return false;
    }
    pattern.remove_prefix(1);
    path.remove_prefix(1);
  }
  return path.empty();
}

bool entry_matches(std::string_view pattern, std::string_view relative_path) {
  if (pattern.find('/') != std::string_view::npos) return glob_match(pattern, relative_path);
  const std::size_t slash = relative_path.rfind('/');
  return glob_match(pattern, slash == std::string_view::npos ? relative_path : relative_path.substr(slash + 1));
}

}  // namespace sdsprofile::cli
