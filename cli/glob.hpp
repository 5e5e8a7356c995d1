// Globs of --include and --exclude (docs/cli.md "Batches and NDJSON").
#pragma once

#include <string_view>

namespace sdsprofile::cli {

/// Whether `path` (components separated by '/') matches `pattern`: `*` matches any run of
/// characters but '/', `?` one character but '/', `[abc]`, `[a-z]` and `[!abc]` (or `[^abc]`) one
/// character of a set, `**` as a whole component any number of components (none included), and
/// every other character itself.
bool glob_match(std::string_view pattern, std::string_view path);

/// Whether a walked entry matches `pattern`: a pattern without '/' is matched against the entry's
/// name, one with '/' against its path relative to the directory walked.
bool entry_matches(std::string_view pattern, std::string_view relative_path);

}  // namespace sdsprofile::cli
