// What a checker keeps between documents. Its buffers grow to the largest document it has seen
// and are reused, so that a run of documents allocates nothing after warm-up; a buffer grown past
// retained_bytes by one outsized document is released once that document is done, so that an
// idle checker holds little memory whatever it was given (docs/embedding.md, "Threads and
// lifetimes").
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace sdsprofile::detail {

/// The high-water mark of one retained buffer, in bytes of capacity: 1 MiB.
inline constexpr std::size_t retained_bytes = std::size_t{1} << 20;

/// Releases `buffer` when its capacity passed retained_bytes; returns whether it did.
template <typename T>
bool release_outsized(std::vector<T>& buffer) noexcept {
  if (buffer.capacity() * sizeof(T) <= retained_bytes) return false;
  std::vector<T>().swap(buffer);
  return true;
}
inline bool release_outsized(std::string& buffer) noexcept {
  if (buffer.capacity() <= retained_bytes) return false;
  std::string().swap(buffer);
  return true;
}

}  // namespace sdsprofile::detail
