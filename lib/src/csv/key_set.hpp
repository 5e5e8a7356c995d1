// A set of byte strings for the ID sets of the CSV folder check (SIS IDs, usernames, matching
// keys): memory grows with the distinct keys kept, about 20 to 45 bytes per key beyond its own
// bytes (docs/performance.md "The CSV folder check"), and never with the rows read.
//
// Keys are stored back to back in blocks (a length byte or two, then the bytes); an open-addressing
// table of 8-byte slots holds 16 bits of each key's hash and where the key is, so a lookup reads
// the key's bytes only when those bits match.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace sdsprofile::csv {

/// The 64-bit hash the set uses, exposed so that a caller can compute it once and prefetch.
[[nodiscard]] std::uint64_t key_hash(std::string_view key) noexcept;

/// Frees a key_set's table: with delete[], or unmapped when it was mapped on its own (bytes != 0).
struct key_table_deleter {
  std::size_t bytes = 0;
  void operator()(std::uint64_t* p) const noexcept;
};

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
  /// The same with the key's hash (key_hash(key)) computed by the caller.
  bool insert(std::string_view key, std::uint64_t hash);
  /// Whether `key` is in the set.
  [[nodiscard]] bool contains(std::string_view key) const noexcept { return contains(key, key_hash(key)); }
  [[nodiscard]] bool contains(std::string_view key, std::uint64_t hash) const noexcept;
  /// Asks the processor for the slot `hash` starts at, ahead of insert or contains.
  void prefetch(std::uint64_t hash) const noexcept;
  /// Asks the processor for the bytes of the keys whose slots `hash` reaches before an empty one
  /// and whose 16 bits of hash match: call after prefetch(hash) has had time to arrive.
  void prefetch_keys(std::uint64_t hash) const noexcept;
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
  static constexpr unsigned k_block_bits = 30;                        // which block
  static constexpr std::uint64_t k_empty = 0;                         // slots hold location + 1

  [[nodiscard]] std::string_view key_at(std::uint64_t slot) const noexcept;
  [[nodiscard]] std::uint64_t store(std::string_view key);
  void grow();
  void rehash(std::size_t capacity);

  using table = std::unique_ptr<std::uint64_t[], key_table_deleter>;
  static table make_table(std::size_t slots);

  table slots_;               // (tag << 48) | (block << 18 | offset) + 1; 0 = empty
  std::size_t capacity_ = 0;  // a power of two, or 0
  std::size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::size_t> block_sizes_;  // bytes of each block (a large key gets a block of its own)
  std::size_t used_ = 0;                  // bytes used in the last block
};

}  // namespace sdsprofile::csv
