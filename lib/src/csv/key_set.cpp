#include "csv/key_set.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <new>

namespace sdsprofile::csv {
namespace {

constexpr unsigned k_length_shift = key_set_parts::length_shift;
constexpr std::uint64_t k_location_mask = key_set_parts::location_mask;
constexpr std::uint64_t k_max_blocks = std::uint64_t{1} << 22;  // 40 bits of location: 22 of block, 18 of offset

using key_set_parts::head_of;
using key_set_parts::meta_of;

}  // namespace

std::string_view key_set::stored_key(std::uint64_t meta) const noexcept {
  const std::uint64_t location = (meta & k_location_mask) - 1;
  const char* p = blocks_[location >> k_offset_bits].get() + (location & ((std::uint64_t{1} << k_offset_bits) - 1));
  std::size_t length = static_cast<unsigned char>(*p++);
  if (length >= 0x80) {  // a longer key: the length in base 128, low digits first
    length &= 0x7f;
    for (unsigned shift = 7;; shift += 7) {
      const auto digit = static_cast<unsigned char>(*p++);
      length |= static_cast<std::size_t>(digit & 0x7f) << shift;
      if (digit < 0x80) break;
    }
  }
  return {p, length};
}

// Appends `key` to the blocks; returns its location + 1.
std::uint64_t key_set::store(std::string_view key) {
  char prefix[10];
  std::size_t prefix_size = 0;
  for (std::size_t length = key.size();; length >>= 7) {
    prefix[prefix_size++] = static_cast<char>((length & 0x7f) | (length >= 0x80 ? 0x80 : 0));
    if (length < 0x80) break;
  }
  const std::size_t need = prefix_size + key.size();
  if (blocks_.empty() || used_ + need > block_sizes_.back()) {
    if (blocks_.size() >= k_max_blocks) throw std::bad_alloc();  // a location has 40 bits
    const std::size_t size = std::max(need, k_block_bytes);
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    block_sizes_.push_back(size);
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, prefix, prefix_size);
  std::memcpy(at + prefix_size, key.data(), key.size());
  // A key longer than a block has a block of its own, so its offset is 0 and fits.
  const std::uint64_t location = (std::uint64_t{blocks_.size() - 1} << k_offset_bits) | used_;
  used_ += need;
  return location + 1;
}

// Tables of 2 MiB and more are mapped on their own and asked to be backed by huge pages: the
// look-ups land anywhere in them, and 4 KiB pages would miss the TLB on most of them.
key_set::table key_set::make_table(std::size_t slots) {
  const std::size_t bytes = slots * sizeof(key_slot);
  constexpr std::size_t huge = std::size_t{2} << 20;
  if (bytes < huge) return table(new key_slot[slots](), key_table_deleter{0});
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);  // zeroed
  if (p == MAP_FAILED) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
  ::madvise(p, bytes, MADV_HUGEPAGE);
#endif
  return table(static_cast<key_slot*>(p), key_table_deleter{bytes});
}

void key_table_deleter::operator()(key_slot* p) const noexcept {
  if (bytes == 0)
    delete[] p;
  else
    ::munmap(p, bytes);
}

void key_set::grow() { rehash(capacity_ == 0 ? 1024 : capacity_ * 2); }

void key_set::reserve(std::size_t keys) {
  std::size_t capacity = std::max<std::size_t>(capacity_, 1024);
  while (keys * 4 > capacity * 3) capacity *= 2;
  if (capacity != capacity_) rehash(capacity);
}

void key_set::rehash(std::size_t capacity) {
  table slots = make_table(capacity);  // zeroed: every slot empty
  const std::size_t mask = capacity - 1;
  for (std::size_t i = 0; i < capacity_; ++i) {
    const key_slot& slot = slots_[i];
    if (slot.meta == 0) continue;
    const std::size_t length = ((slot.meta >> k_length_shift) & 0xff) - 1;
    char inline_key[k_inline];
    std::memcpy(inline_key, &slot.head, k_inline);
    const std::string_view key = length <= k_inline ? std::string_view(inline_key, length) : stored_key(slot.meta);
    std::size_t at = key_hash(key) & mask;
    while (slots[at].meta != 0) at = (at + 1) & mask;
    slots[at] = slot;
  }
  slots_ = std::move(slots);
  capacity_ = capacity;
}

void key_set::prefetch_keys(std::string_view key, std::uint64_t hash) const noexcept {
  if (capacity_ == 0 || key.size() <= k_inline) return;
  const std::size_t mask = capacity_ - 1;
  const std::uint64_t head = head_of(key), meta = meta_of(key.size(), hash);
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const key_slot& slot = slots_[at];
    if (slot.meta == 0) return;
    if ((slot.meta & ~k_location_mask) == meta && slot.head == head) {
      const std::uint64_t location = (slot.meta & k_location_mask) - 1;
      __builtin_prefetch(blocks_[location >> k_offset_bits].get() +
                         (location & ((std::uint64_t{1} << k_offset_bits) - 1)));
    }
  }
}

void key_set::clear() noexcept {
  slots_.reset();
  capacity_ = size_ = used_ = 0;
  blocks_.clear();
  blocks_.shrink_to_fit();
  block_sizes_.clear();
  block_sizes_.shrink_to_fit();
}

std::size_t key_set::memory_bytes() const noexcept {
  std::size_t bytes = capacity_ * sizeof(key_slot);
  for (const std::size_t b : block_sizes_) bytes += b;
  return bytes + blocks_.capacity() * sizeof(blocks_[0]) + block_sizes_.capacity() * sizeof(std::size_t);
}

}  // namespace sdsprofile::csv
