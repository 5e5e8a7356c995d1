// A set of byte strings for the ID sets of the CSV folder check (SIS IDs, usernames, matching
// keys): memory grows with the distinct keys kept, 21 to 43 bytes of table per key, and a key
// longer than 8 bytes also keeps its bytes (docs/performance.md "The CSV folder check"); never
// with the rows read.
//
// An open-addressing table of 16-byte slots holds each key's first 8 bytes, its length, 16 bits of
// its hash and, for a key longer than 8 bytes, where its bytes are: keys are stored back to back
// in blocks (a length byte or two, then the bytes). A key of 8 bytes or fewer (most SIS IDs) is
// found or refused with one slot read; a longer one reads its stored bytes only when its first 8
// bytes, its length and the 16 bits match.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "word_loads.hpp"

namespace sdsprofile::csv {

namespace key_hash_parts {

__extension__ typedef unsigned __int128 wide;  // __extension__: -Wpedantic knows it is intended

inline constexpr std::uint64_t k_mul1 = 0xa0761d6478bd642fULL;
inline constexpr std::uint64_t k_mul2 = 0xe7037ed1a0b428dbULL;

/// The 128-bit product of a and b, folded to 64 bits (the mixing step of wyhash).
inline std::uint64_t fold(std::uint64_t a, std::uint64_t b) noexcept {
  const wide product = static_cast<wide>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

using detail::load4;
using detail::load8;

}  // namespace key_hash_parts

/// The 64-bit hash the set uses, exposed so that a caller can compute it once and prefetch
/// (inline: it is computed once per key operation).
[[nodiscard]] inline std::uint64_t key_hash(std::string_view key) noexcept {
  using namespace key_hash_parts;
  const char* p = key.data();
  std::size_t n = key.size();
  std::uint64_t seed = k_mul1 ^ n;
  std::uint64_t a = 0, b = 0;
  if (n <= 16) {
    if (n >= 8) {
      a = load8(p);
      b = load8(p + n - 8);
    } else if (n >= 4) {
      a = load4(p);
      b = load4(p + n - 4);
    } else if (n > 0) {
      const auto byte = [p](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])); };
      a = byte(0) << 16 | byte(n / 2) << 8 | byte(n - 1);
    }
  } else {
    for (; n > 16; n -= 16, p += 16) seed = fold(load8(p) ^ k_mul1, load8(p + 8) ^ seed);
    a = load8(p + n - 16);
    b = load8(p + n - 8);
  }
  return fold(k_mul2 ^ key.size(), fold(a ^ k_mul1, b ^ seed));
}

namespace key_set_parts {

using detail::load4;
using detail::load8;

inline constexpr unsigned tag_shift = 48;     ///< meta: 16 bits of the hash from here
inline constexpr unsigned length_shift = 40;  ///< meta: the length code from here
inline constexpr std::uint64_t location_mask = (std::uint64_t{1} << length_shift) - 1;  ///< meta: where the bytes are

/// The first 8 bytes of `key` as they lie in memory, zero-padded when it is shorter.
inline std::uint64_t head_of(std::string_view key) noexcept {
  const char* p = key.data();
  const std::size_t n = key.size();
  if (n >= 8) return load8(p);
  if constexpr (std::endian::native == std::endian::little) {
    if (n >= 4) return load4(p) | load4(p + n - 4) << (8 * (n - 4));  // the two words overlap with equal bytes
  }
  char bytes[8] = {};
  if (n != 0) std::memcpy(bytes, p, n);
  return load8(bytes);
}

/// The part of a slot's meta that a key and its hash determine: 16 bits of the hash and the
/// length, 1 to 255 (255 for 254 bytes and more), so that no full slot has a meta of 0.
inline std::uint64_t meta_of(std::size_t length, std::uint64_t hash) noexcept {
  const std::uint64_t code = (length < 254 ? length : 254) + 1;
  return (hash >> tag_shift << tag_shift) | code << length_shift;
}

}  // namespace key_set_parts

/// One slot of a key_set's table (empty when meta is 0).
struct key_slot {
  std::uint64_t head;  ///< the key's first 8 bytes (fewer: zero-padded)
  std::uint64_t meta;  ///< hash tag << 48 | length code << 40 | where the bytes are (+1)
};

/// Frees a key_set's table: with delete[], or unmapped when it was mapped on its own (bytes != 0).
struct key_table_deleter {
  std::size_t bytes = 0;
  void operator()(key_slot* p) const noexcept;
};

/// A set of byte strings that keeps each distinct key once (see the top of this file).
class key_set {
 public:
  key_set() = default;
  key_set(const key_set&) = delete;
  key_set& operator=(const key_set&) = delete;
  key_set(key_set&&) noexcept = default;
  key_set& operator=(key_set&&) noexcept = default;
  ~key_set() = default;

  /// Adds `key`; false when it was there already.
  bool insert(std::string_view key) { return insert(key, key_hash(key)); }
  /// The same with the key's hash (key_hash(key)) computed by the caller (inline: the CSV check
  /// runs one per ID and username).
  bool insert(std::string_view key, std::uint64_t hash) {
    if ((size_ + 1) * 4 > capacity_ * 3) grow();  // at most three quarters full
    const std::size_t mask = capacity_ - 1;
    const std::uint64_t head = key_set_parts::head_of(key), meta = key_set_parts::meta_of(key.size(), hash);
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      key_slot& slot = slots_[at];
      if (slot.meta == 0) {
        slot.meta = meta | (key.size() > k_inline ? store(key) : 0);
        slot.head = head;
        ++size_;
        return true;
      }
      if (same_key(slot, head, meta, key)) return false;
    }
  }
  /// Whether `key` is in the set.
  [[nodiscard]] bool contains(std::string_view key) const noexcept { return contains(key, key_hash(key)); }
  /// The same with the key's hash computed by the caller (inline, as insert).
  [[nodiscard]] bool contains(std::string_view key, std::uint64_t hash) const noexcept {
    if (capacity_ == 0) return false;
    const std::size_t mask = capacity_ - 1;
    const std::uint64_t head = key_set_parts::head_of(key), meta = key_set_parts::meta_of(key.size(), hash);
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      const key_slot& slot = slots_[at];
      if (slot.meta == 0) return false;
      if (same_key(slot, head, meta, key)) return true;
    }
  }
  /// Asks the processor for the slot `hash` starts at, ahead of insert or contains.
  void prefetch(std::uint64_t hash) const noexcept {
    if (capacity_ != 0) __builtin_prefetch(&slots_[hash & (capacity_ - 1)]);
  }
  /// For a key longer than 8 bytes: asks the processor for the stored bytes of the keys whose
  /// slots `hash` reaches before an empty one and which may be `key`. Call after prefetch(hash)
  /// has had time to arrive.
  void prefetch_keys(std::string_view key, std::uint64_t hash) const noexcept;
  /// Key bytes a slot holds: a longer key also keeps its bytes elsewhere.
  static constexpr std::size_t inline_key_bytes = 8;
  /// Makes room for `keys` keys in all without growing the table.
  void reserve(std::size_t keys);
  /// Number of keys.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  /// Empties the set and gives its memory back.
  void clear() noexcept;
  /// Bytes held: the table and the key blocks.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

 private:
  static constexpr std::size_t k_block_bytes = std::size_t{1} << 18;  // 256 KiB of keys per block
  static constexpr unsigned k_offset_bits = 18;                       // where in a block
  static constexpr std::size_t k_inline = inline_key_bytes;

  [[nodiscard]] std::string_view stored_key(std::uint64_t meta) const noexcept;
  [[nodiscard]] std::uint64_t store(std::string_view key);
  /// Whether `slot` holds `key`, whose head and meta (head_of, meta_of) are given: the stored bytes
  /// are read only for a key longer than a slot holds, and only when the rest matches.
  [[nodiscard]] bool same_key(const key_slot& slot, std::uint64_t head, std::uint64_t meta_key,
                              std::string_view key) const noexcept {
    if ((slot.meta & ~key_set_parts::location_mask) != meta_key || slot.head != head) return false;
    return key.size() <= k_inline || stored_key(slot.meta) == key;
  }
  void grow();
  void rehash(std::size_t capacity);

  using table = std::unique_ptr<key_slot[], key_table_deleter>;
  static table make_table(std::size_t slots);

  table slots_;               // zeroed: every slot empty
  std::size_t capacity_ = 0;  // a power of two, or 0
  std::size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::size_t> block_sizes_;  // bytes of each block (a large key gets a block of its own)
  std::size_t used_ = 0;                  // bytes used in the last block
};

}  // namespace sdsprofile::csv
