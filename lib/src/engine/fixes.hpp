// The fixes of the kept findings (docs/rules.md "Fixes"): byte edits of the input as given,
// computed on the slow path only, after the findings are located. Each fix replaces one JSON token
// (a name or a string value, whole, re-escaped) or removes one member; a rename that would give an
// object two members of one name is held back, and the finding's hint says why.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/findings.hpp"
#include "engine/model.hpp"
#include "engine/tape.hpp"
#include "report_builder.hpp"

namespace sdsprofile::engine {

/// Why a fix was held back.
enum class held_back : std::uint8_t {
  none,
  name_taken,   ///< the new name is already a member of the object
  name_shared,  ///< another member of the object would get the same name
};

/// The outcome of one finding's fix: its edits (appended to fixer::edits()) or why it was held back.
struct fix_outcome {
  std::size_t first = 0, count = 0;  ///< its entries of fixer::edits()
  held_back why = held_back::none;
  std::string_view name;  ///< held back: the name the member would have had
};

/// Reusable (one per checker): computes the fixes of one report's findings.
class fixer {
 public:
  /// Starts a report over `input` (as given, a BOM included) whose tape is `t`.
  void reset(std::string_view input, const tape& t, const model& m);
  /// The fix of `f`, whose key or value starts at byte `offset` of the input.
  fix_outcome fix(const located& f, std::size_t offset);
  /// The edits of the fixes so far; their replacements are in text().
  [[nodiscard]] std::span<const report_builder::pending_edit> edits() const noexcept { return edits_; }
  [[nodiscard]] std::string_view text() const noexcept { return text_; }
  /// Releases what an outsized document grew (lib/src/retained.hpp).
  bool release_outsized() noexcept;

 private:
  // The names of one object, to see whether a rename meets another member.
  struct object_names {
    std::unordered_map<std::string, std::uint32_t> folded;  // name, trimmed and lower-cased -> members
    std::unordered_set<std::string_view> exact;
  };

  fix_outcome replace_token(std::size_t offset, std::string_view value);
  fix_outcome replace_literal(std::size_t offset, std::string_view literal);
  fix_outcome replace_string_at(std::size_t offset, std::size_t begin);
  fix_outcome rename(tape_index key, std::size_t offset, std::string_view name);
  fix_outcome remove_member(std::size_t offset);
  fix_outcome key_fix(const located& f, std::size_t offset);
  fix_outcome value_fix(const located& f, std::size_t offset);
  const object_names& names_of(tape_index object);
  tape_index parent_of(tape_index key);

  std::string_view input_;
  tape t_;
  const model* m_ = nullptr;
  std::vector<report_builder::pending_edit> edits_;
  std::string text_;
  std::unordered_map<tape_index, object_names> objects_;
  // parent_of's descent, kept between calls (keys are asked for in document order).
  struct open_container {
    tape_index at, next, end;
  };
  std::vector<open_container> open_;
};

}  // namespace sdsprofile::engine
