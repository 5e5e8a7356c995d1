// Minimal use of the sdsprofile library: check one body and print its diagnostics.
// Built and run by ctest (tests/CMakeLists.txt), so it always compiles against the current API.
#include <sdsprofile/sdsprofile.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: library_example FILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};

  sdsprofile::checker checker;  // one per thread; reuse it for many documents
  sdsprofile::options options;  // create mode, 4 MiB, depth 64, 1000 diagnostics
  options.now = sdsprofile::parse_rfc3339("2026-01-15T00:00:00Z");
  const sdsprofile::report& report = checker.check(body, options);

  for (const sdsprofile::diagnostic& d : report.diagnostics()) {
    std::printf("%u:%u %s %s at \"%.*s\": %.*s\n", d.line, d.column, std::string(to_string(d.severity)).c_str(),
                std::string(to_string(d.code)).c_str(), static_cast<int>(d.path.size()), d.path.data(),
                static_cast<int>(d.message.size()), d.message.data());
    if (!d.hint.empty()) std::printf("  hint: %.*s\n", static_cast<int>(d.hint.size()), d.hint.data());
  }
  std::printf("%s\n", report.valid() ? "valid" : "invalid");
  return report.valid() ? 0 : 1;
}
