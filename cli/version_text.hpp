// The text of `sdsprofile --version`.
#pragma once

#include <string>

namespace sdsprofile::cli {

/// `sdsprofile VERSION` on the first line (the project's version, CMakeLists.txt), then the
/// versions of simdjson and fmt whose headers this program was compiled with:
/// `built with simdjson 3.0.1, fmt 9.1.0`. No trailing newline.
std::string version_text();

}  // namespace sdsprofile::cli
