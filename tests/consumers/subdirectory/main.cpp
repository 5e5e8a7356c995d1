// Built against sdsprofile through add_subdirectory: prints the last diagnostic of a known input.
#include <sdsprofile/sdsprofile.hpp>

#include <cstdio>
#include <string>

int main() {
  sdsprofile::checker checker;
  const sdsprofile::report& r = checker.check(R"({"displayName": 5})");
  const sdsprofile::diagnostic& d = r.diagnostics().back();
  std::printf("subdirectory: %s %zu %s %s %u:%u %s\n", sdsprofile::version_string, r.diagnostics().size(),
              std::string(to_string(d.code)).c_str(), std::string(d.path).c_str(), d.line, d.column,
              r.valid() ? "valid" : "invalid");
  return 0;
}
