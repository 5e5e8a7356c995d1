// Unaligned loads of a few bytes as one word, the building block of the word-at-a-time text
// scans (names, GUIDs, CSV values, hashes). memcpy is what the compilers turn into one load.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sdsprofile::detail {

/// The eight bytes at `p` as one word, as they lie in memory (little-endian: p[0] lowest).
inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
/// The four bytes at `p` as one word, as they lie in memory, zero-extended.
inline std::uint64_t load4(const char* p) noexcept {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

/// Whether `has(word)` is false for every word of `s` (4 bytes or more): 8 bytes at a time, the last
/// word overlapping the one before it; a string under 8 bytes is read as its first and last 4
/// bytes in one word. `has` must be exact about whether some byte of a word matches.
template <typename Has>
bool no_word_has(std::string_view s, Has has) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n < 8) return !has(load4(p) | load4(p + n - 4) << 32);
  for (std::size_t i = 0; i + 8 < n; i += 8)
    if (has(load8(p + i))) return false;
  return !has(load8(p + n - 8));
}

}  // namespace sdsprofile::detail
