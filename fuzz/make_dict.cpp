// Writes the fuzzing dictionary (libFuzzer/AFL format) to standard output. Build target
// `fuzz-dict` refreshes fuzz/sdsprofile.dict; ctest `fuzz_dict_is_current` fails when it is stale.
#include <cstdio>

#include "dictionary.hpp"

int main() {
  std::fputs("# Generated from schemas/ by fuzz/make_dict.cpp (cmake --build BUILD --target fuzz-dict). Do not edit.\n",
             stdout);
  for (const std::string& word : sdsprofile::fuzz::dictionary_words())
    std::printf("%s\n", sdsprofile::fuzz::dictionary_entry(word).c_str());
  return 0;
}
