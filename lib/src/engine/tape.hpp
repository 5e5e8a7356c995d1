// The simdjson DOM read directly: the tape its stage 2 writes, and the structural indexes its
// stage 1 finds. simdjson documents the tape's layout (doc/tape.md) but marks these members
// @private, so everything that depends on that layout is in this one adapter, and
// tests/tape_test.cpp pins it to the simdjson version it was written against (3.0.1).
//
// The walk reads only the tape: one 64-bit word per value (two for numbers), containers with the
// index just past their closing word, strings as (length, bytes) in a separate buffer. Byte
// offsets, which the tape does not hold, come from the structural indexes, and only on the slow
// path: for the diagnostics a report keeps, and for the few raw values expansion copies as sent.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace sdsprofile::engine {

/// Index of a word in the tape. Values are numbered in document order (a container before its
/// members, a member's key just before its value), so sorting by tape index is sorting by the
/// position in the text.
using tape_index = std::uint32_t;

/// What a tape word holds (simdjson's internal::tape_type).
enum class tape_kind : char {
  root = 'r',
  object = '{',
  object_end = '}',
  array = '[',
  array_end = ']',
  string = '"',
  int64 = 'l',
  uint64 = 'u',
  float64 = 'd',
  true_value = 't',
  false_value = 'f',
  null_value = 'n',
};

/// Read-only view of the tape of the last successful parse of a parser.
class tape {
 public:
  /// A view of nothing, to be assigned one.
  tape() noexcept = default;
  explicit tape(const simdjson::dom::parser& parser) noexcept
      : words_(parser.doc.tape.get()), strings_(parser.doc.string_buf.get()) {}

  /// The root value's index (word 0 is the root marker).
  static constexpr tape_index root = 1;

  [[nodiscard]] tape_kind kind(tape_index i) const noexcept { return static_cast<tape_kind>(words_[i] >> 56); }
  /// The index just past the value at `i` (past the closing word of a container), without a
  /// branch on the kind: a table gives the step of scalars, 0 for containers.
  [[nodiscard]] tape_index after(tape_index i) const noexcept {
    const std::uint64_t word = words_[i];
    const std::uint8_t step = steps_[word >> 56];
    return step != 0 ? i + step : static_cast<tape_index>(word);
  }
  /// The closing word of the container at `i`.
  [[nodiscard]] tape_index end_of(tape_index i) const noexcept { return static_cast<tape_index>(words_[i]) - 1; }
  /// Members of the object or items of the array at `i`, saturated at 0xFFFFFF.
  [[nodiscard]] std::uint32_t count(tape_index i) const noexcept {
    return static_cast<std::uint32_t>((words_[i] >> 32) & 0xFFFFFF);
  }
  /// The unescaped bytes of the string at `i` (a key or a value).
  [[nodiscard]] std::string_view string(tape_index i) const noexcept {
    const std::uint8_t* at = strings_ + (words_[i] & 0x00FFFFFFFFFFFFFF);
    std::uint32_t length;
    std::memcpy(&length, at, sizeof length);
    return {reinterpret_cast<const char*>(at + sizeof length), length};
  }
  /// The words the value at `i` takes before its contents: 2 for numbers, 1 for the rest.
  [[nodiscard]] tape_index words(tape_index i) const noexcept { return words_of_kind_[words_[i] >> 56]; }
  [[nodiscard]] std::int64_t int64(tape_index i) const noexcept {
    std::int64_t v;
    std::memcpy(&v, &words_[i + 1], sizeof v);
    return v;
  }
  [[nodiscard]] std::uint64_t uint64(tape_index i) const noexcept { return words_[i + 1]; }

 private:
  // Words a scalar of each kind takes (numbers: two), 0 for the containers.
  static constexpr auto steps_ = [] {
    std::array<std::uint8_t, 256> steps{};
    steps.fill(1);
    for (const tape_kind k : {tape_kind::int64, tape_kind::uint64, tape_kind::float64})
      steps[static_cast<unsigned char>(k)] = 2;
    for (const tape_kind k : {tape_kind::object, tape_kind::array}) steps[static_cast<unsigned char>(k)] = 0;
    return steps;
  }();

  static constexpr auto words_of_kind_ = [] {
    std::array<std::uint8_t, 256> words{};
    words.fill(1);
    for (const tape_kind k : {tape_kind::int64, tape_kind::uint64, tape_kind::float64})
      words[static_cast<unsigned char>(k)] = 2;
    return words;
  }();

  const std::uint64_t* words_ = nullptr;
  const std::uint8_t* strings_ = nullptr;
};

/// Byte offsets of tape values, from simdjson's stage-1 structural indexes: every value, key and
/// closing bracket has one structural (its first byte), and ':' and ',' have one each but no tape
/// word. Walking both in step maps tape indices to offsets without reading the text again.
class structural_positions {
 public:
  /// `text` is the buffer the parser parsed (the offsets are into it).
  structural_positions(const simdjson::dom::parser& parser, std::string_view text) noexcept
      : indexes_(parser.implementation->structural_indexes.get()),
        count_(parser.implementation->n_structural_indexes),
        text_(text),
        tape_(parser) {}

  /// For each tape index of `sorted` (ascending; repeats allowed), its byte offset into `out`
  /// (same length). One pass over the structurals up to the last index asked for.
  void offsets(std::span<const tape_index> sorted, std::span<std::size_t> out) const noexcept {
    tape_index t = tape::root;
    std::size_t k = 0;
    for (; k < sorted.size() && sorted[k] < tape::root; ++k) out[k] = 0;  // the document start
    if (k < sorted.size()) {
      tape_index target = sorted[k];
      const std::size_t size = text_.size();
      for (std::uint32_t s = 0; s < count_; ++s) {
        const std::uint32_t at = indexes_[s];
        if (at < size && separators_[static_cast<unsigned char>(text_[at])]) continue;
        if (t == target) {
          do out[k++] = at;
          while (k < sorted.size() && sorted[k] == t);
          if (k == sorted.size()) break;
          target = sorted[k];
        }
        t += tape_.words(t);
      }
    }
    for (; k < sorted.size(); ++k) out[k] = 0;  // not in the tape: cannot happen for a parsed document
  }

  /// Every value's offset, indexed by tape index (for expansion, which asks for the raw text of
  /// numbers and escaped strings in output order rather than text order). Fills `out`.
  void all_offsets(std::vector<std::size_t>& out) const {
    out.assign(tape_size(), 0);
    tape_index t = tape::root;
    for (std::uint32_t s = 0; s < count_ && t < out.size(); ++s) {
      const std::uint32_t at = indexes_[s];
      if (at < text_.size() && separators_[static_cast<unsigned char>(text_[at])]) continue;
      out[t] = at;
      t += tape_.words(t);
    }
  }

 private:
  [[nodiscard]] std::size_t tape_size() const noexcept { return tape_.after(tape::root) + 1; }

  // The structurals that have no tape word: ':' and ','.
  static constexpr auto separators_ = [] {
    std::array<bool, 256> is{};
    is[':'] = is[','] = true;
    return is;
  }();

  const std::uint32_t* indexes_;
  std::uint32_t count_;
  std::string_view text_;
  tape tape_;
};

}  // namespace sdsprofile::engine
