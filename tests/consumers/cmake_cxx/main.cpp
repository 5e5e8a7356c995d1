// C++ through find_package(sdsprofile CONFIG): prints the last diagnostic of a known input.
#include <sdsprofile/sdsprofile.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

int main() {
  sdsprofile::checker checker;
  const sdsprofile::report& r = checker.check(R"({"displayName": 5})");
  const sdsprofile::diagnostic& d = r.diagnostics().back();
  const bool schemas = std::filesystem::exists(std::filesystem::path(SCHEMAS_DIR) / "model.json");
  std::printf("cmake_cxx: %s %zu %s %s %u:%u %s%s\n", sdsprofile::version_string, r.diagnostics().size(),
              std::string(to_string(d.code)).c_str(), std::string(d.path).c_str(), d.line, d.column,
              r.valid() ? "valid" : "invalid", schemas ? " schemas" : "");
  return 0;
}
