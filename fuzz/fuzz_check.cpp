// fuzz_check: arbitrary bytes through checker::check, in every mode and with every option (byte 0
// selects them, see options_from_selector), under the report oracles of fuzz_support.hpp.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = sdsprofile::fuzz::split_input(data, size);
  sdsprofile::fuzz::check_and_verify(input.document, sdsprofile::fuzz::options_from_selector(input.selector));
  return 0;
}
