#include "version_text.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include "sdsprofile/version.hpp"

namespace sdsprofile::cli {

std::string version_text() {
  // FMT_VERSION is MAJOR * 10000 + MINOR * 100 + PATCH.
  return fmt::format("sdsprofile {}\nbuilt with simdjson {}.{}.{}, fmt {}.{}.{}", sdsprofile::version_string,
                     static_cast<int>(simdjson::SIMDJSON_VERSION_MAJOR),
                     static_cast<int>(simdjson::SIMDJSON_VERSION_MINOR),
                     static_cast<int>(simdjson::SIMDJSON_VERSION_REVISION), FMT_VERSION / 10000,
                     FMT_VERSION / 100 % 100, FMT_VERSION % 100);
}

}  // namespace sdsprofile::cli
