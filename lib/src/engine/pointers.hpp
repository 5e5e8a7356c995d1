// RFC 6901 JSON Pointers of tape values, built from the tape alone (its keys are unescaped), for
// the diagnostics a report keeps: one forward pass that descends only into the containers holding
// a requested value and skips every other subtree in one step.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "engine/tape.hpp"

namespace sdsprofile::engine {

/// A pointer's place in the `paths` buffer, or over_budget.
struct pointer_span {
  std::size_t begin = 0, end = 0;
  [[nodiscard]] bool over_budget() const noexcept { return begin == static_cast<std::size_t>(-1); }
};

/// Reusable scratch of pointers() (kept by the checker: no allocation in steady state).
struct pointer_scratch {
  struct open {
    tape_index at, next, end;
    std::size_t length;   // of the pointer up to this container
    std::uint64_t index;  // arrays: the next item's index
  };
  std::vector<open> stack;
  std::string current;
};

/// For each tape index of `sorted` (ascending; a member name's index gives its member's pointer;
/// 0, the document start, gives ""), appends its pointer to `paths` and sets `out` (same length).
/// A pointer that would take `paths` past `max_bytes` is not written (over_budget), nor any after.
void pointers(const tape& t, std::span<const tape_index> sorted, std::string& paths, std::span<pointer_span> out,
              pointer_scratch& scratch, std::size_t max_bytes);

}  // namespace sdsprofile::engine
