// The fuzzing dictionary: every word of the data model, read from the compiled model (so
// it follows schemas/ automatically), plus values that reach the text rules.
#pragma once

#include <string>
#include <vector>

namespace sdsprofile::fuzz {

/// Sorted, unique words: property names (current and historic), type names and their
/// "@odata.type" values (canonical, alias and old namespaces), enum members, CSV attribute
/// names, matching property names, and special values (GUIDs, dates, URLs, domains, escapes).
const std::vector<std::string>& dictionary_words();

/// `word` as one line of a libFuzzer/AFL dictionary file: `"..."` with '"', '\\' and bytes outside
/// printable ASCII written as \xNN.
std::string dictionary_entry(const std::string& word);

}  // namespace sdsprofile::fuzz
