// The engine the compiled core replaced, kept only until the differential test
// (tests/differential_test.cpp) has shown identical reports and expansions on every input: the
// recursive DOM walker (walker.cpp), records (record.hpp, messages.cpp), the text locator
// (json_text.cpp locate) and the text expander (expander.cpp). Not part of the library's API.
#pragma once

#include <memory>
#include <string_view>

#include "sdsprofile/checker.hpp"

namespace sdsprofile::detail {

/// The legacy engine behind the same calls as sdsprofile::checker.
class legacy_checker {
 public:
  legacy_checker();
  ~legacy_checker();
  legacy_checker(const legacy_checker&) = delete;
  legacy_checker& operator=(const legacy_checker&) = delete;
  const report& check(std::string_view input, const options& opts = {}) noexcept;
  expansion expand(std::string_view input, const expand_options& opts = {}) noexcept;

 private:
  struct state;
  std::unique_ptr<state> impl_;
};

}  // namespace sdsprofile::detail
