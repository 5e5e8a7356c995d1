// fuzz_check_json: fuzz_check's oracles with a structure-aware mutator (json_mutator.hpp), so that
// the fuzzer spends its time past the parser, in the rules.
#include "fuzz_support.hpp"
#include "json_mutator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = sdsprofile::fuzz::split_input(data, size);
  sdsprofile::fuzz::check_and_verify(input.document, sdsprofile::fuzz::options_from_selector(input.selector));
  return 0;
}

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  return sdsprofile::fuzz::mutate_as_json(data, size, max_size, seed);
}
