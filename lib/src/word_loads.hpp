// Unaligned loads of a few bytes as one word, the building block of the word-at-a-time text
// scans (names, GUIDs, CSV values, hashes). memcpy is what the compilers turn into one load.
#pragma once

#include <cstdint>
#include <cstring>

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

}  // namespace sdsprofile::detail
