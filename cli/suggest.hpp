// Did-you-mean for names the user types on the command line (subcommands, keys of sdsprofile.toml).
#pragma once

#include <span>
#include <string_view>

namespace sdsprofile::cli {

/// The candidate nearest to `typed`, or empty when none is near enough: at most 2 edits
/// (insertions, deletions, substitutions, or swaps of two neighbours) and at most a third of the
/// longer of the two names, so that short words are not matched with anything. The first of
/// equally near candidates wins.
std::string_view nearest(std::string_view typed, std::span<const std::string_view> candidates);

}  // namespace sdsprofile::cli
