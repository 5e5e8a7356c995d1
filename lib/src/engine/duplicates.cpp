// Duplicates: json-duplicate-key (a name twice in one object) and duplicate-value (an item twice in
// a collection whose items must differ), each reported at every later occurrence (docs/rules.md
// "Vocabulary"). Small sets are compared pairwise; larger ones through a hash table of entry
// indices, hashed a word at a time, with a sort as the fallback when collisions pile up.
#include <algorithm>
#include <cstring>

#include "engine/walk.hpp"

namespace sdsprofile::engine {
namespace {

// Objects and collections with more entries than this are hashed.
constexpr std::size_t k_small = 32;

std::uint64_t hash_text(std::string_view s) noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    h = (h ^ word) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  // The last 1-7 bytes without a copy of variable length (a call to memcpy per value): a text of
  // eight bytes or more gives its last eight shifted, a shorter one its end words.
  std::uint64_t tail = 0;
  if (const std::size_t rest = s.size() - i; rest != 0) {
    if (s.size() >= 8) {
      std::memcpy(&tail, s.data() + s.size() - 8, 8);
      tail >>= 8 * (8 - rest);
    } else {
      std::uint64_t low = 0;
      name_key::end_words(s, low, tail);
      tail = tail << 32 ^ low;
    }
  }
  h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 29);
}

}  // namespace

// Called for every name of an object in order: a name equal to an earlier one of the same object
// is reported now (small objects) or when the object ends (large ones).
void walker::note_key(tape_index key, std::size_t base, bool large) {
  const std::string_view name = t_.string(key);
  if (!large) {
    for (std::size_t i = base; i < keys_.size(); ++i)
      if (same_text(keys_[i].text(), name)) {
        emit(key, finding::duplicate_key{name});
        break;
      }
  }
  keys_.push_back({name, 0, 0, key});
}

bool walker::repeats_earlier_key(std::string_view key, std::size_t base) const noexcept {
  for (std::size_t i = base; i + 1 < keys_.size(); ++i)
    if (same_text(keys_[i].text(), key)) return true;
  return false;
}

// Entries [base, end) of `v` (at least two): each equal to an earlier one is reported at its own place, as
// json-duplicate-key (collection null) or duplicate-value. `by_value`: GUIDs, compared by their
// 128 bits (so case does not matter); otherwise the text, exactly.
void walker::report_later_duplicates_of(std::vector<keyed>& v, std::size_t base, bool by_value,
                                        const slot* collection) {
  const auto equal = [by_value](const keyed& x, const keyed& y) {
    return by_value ? x.hi == y.hi && x.lo == y.lo : same_text(x.text(), y.text());
  };
  const auto report = [&](const keyed& k) {
    if (collection == nullptr)
      emit(k.at, finding::duplicate_key{k.text()});
    else
      emit(k.at, finding::duplicate_value{k.text(), collection});
  };
  const std::size_t count = v.size() - base;
  if (count <= k_small) {
    for (std::size_t i = base + 1; i < v.size(); ++i)
      for (std::size_t j = base; j < i; ++j)
        if (equal(v[i], v[j])) {
          report(v[i]);
          break;
        }
    return;
  }
  // Linear time: an open-addressing table of entry indices. Crafted collisions cannot make it
  // quadratic: past a probe budget the sort below takes over, before anything is reported.
  std::size_t slots = 16;
  while (slots < 2 * count) slots *= 2;
  constexpr std::uint32_t empty = UINT32_MAX;
  table_.assign(slots, empty);
  later_.assign(count, 0);
  std::size_t probes = 0;
  const std::size_t budget = 8 * count;
  bool hashed = true;
  for (std::size_t i = base; i < v.size() && hashed; ++i) {
    const std::uint64_t h = by_value ? (v[i].hi ^ (v[i].lo * 0x9E3779B97F4A7C15ull)) : hash_text(v[i].text());
    for (std::size_t slot = h & (slots - 1);; slot = (slot + 1) & (slots - 1)) {
      if (++probes > budget) {
        hashed = false;
        break;
      }
      if (table_[slot] == empty) {
        table_[slot] = static_cast<std::uint32_t>(i);
        break;
      }
      if (equal(v[table_[slot]], v[i])) {
        later_[i - base] = 1;
        break;
      }
    }
  }
  if (hashed) {
    for (std::size_t i = base; i < v.size(); ++i)
      if (later_[i - base]) report(v[i]);
    return;
  }
  order_.clear();
  for (std::size_t i = base; i < v.size(); ++i) order_.push_back(static_cast<std::uint32_t>(i));
  // The index breaks ties: the order std::stable_sort gives, without its temporary buffer.
  std::sort(order_.begin(), order_.end(), [&](std::uint32_t x, std::uint32_t y) {
    if (by_value) return v[x].hi != v[y].hi ? v[x].hi < v[y].hi : v[x].lo != v[y].lo ? v[x].lo < v[y].lo : x < y;
    const int c = v[x].text().compare(v[y].text());
    return c != 0 ? c < 0 : x < y;
  });
  for (std::size_t i = 1; i < order_.size(); ++i)
    if (equal(v[order_[i]], v[order_[i - 1]])) report(v[order_[i]]);
}

}  // namespace sdsprofile::engine
