// `sdsprofile fix` (docs/cli.md "fix"): the fixes of the checker applied to files, as often as they
// expose more, shown as a unified diff, or only tested.
#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sdsprofile/checker.hpp"
#include "sdsprofile/policy.hpp"

namespace sdsprofile::cli {

class sink;

/// Rounds of check-and-fix at most: a fixed "@odata.type" exposes the members below it, whose own
/// fixes the next round applies.
inline constexpr int max_fix_rounds = 5;

/// A text after fixing.
struct fixed_text {
  std::string text;       ///< the fixed text (the input when nothing was fixed)
  std::size_t fixes = 0;  ///< fixes applied, over every round
};

/// Checks `input` with `opts`, under `rules` when not null (ignored codes keep their findings
/// unfixed), applies every fix in one pass, and repeats on the result until a round changes
/// nothing or max_fix_rounds rounds that saw every finding have run (a round whose report the
/// limits cut does not count: the findings past the cut get their round).
fixed_text fix_text(checker& c, std::string_view input, const options& opts, const policy* rules);

/// Appends a unified diff (three lines of context; lines end at LF, each kept with its line end)
/// from `before` to `after`, both named `name`; nothing when they are equal.
void unified_diff(std::string_view name, std::string_view before, std::string_view after, std::string& out);

/// How `sdsprofile fix` runs.
struct fix_options {
  options check;      ///< the check's options (mode, clock, limits)
  bool diff = false;  ///< print a unified diff of each file that would change; write nothing
  bool test = false;  ///< --check: write nothing; the status says whether something would change
  /// The policy of an input, as batch_options::policy_for.
  std::function<const policy*(const std::string& input, std::string& error)> policy_for;
};

/// What `sdsprofile fix` did.
struct fix_totals {
  std::size_t files = 0, changed = 0, invalid = 0;  ///< invalid: still invalid after fixing
  bool io_error = false;                            ///< an input could not be read or written
};

/// Fixes each of `files` ("-": standard input, whose fixed text goes to `out`): rewritten in
/// place (atomically, mode kept, symbolic links written through), or with `diff` a diff on
/// `out`, or with `test` nothing. Says on `err` what changed and what could not be done.
fix_totals run_fix(const std::vector<std::string>& files, const fix_options& opts, sink& out, std::FILE* err);

}  // namespace sdsprofile::cli
