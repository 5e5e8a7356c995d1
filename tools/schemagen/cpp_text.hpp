// Pieces of C++ source text the generators write (emit_tables.cpp, csv_tables.cpp).
#pragma once

#include <fmt/format.h>

#include <string>

namespace schemagen {

/// A C++ expression of type std::string_view for `s` (any bytes).
inline std::string lit(const std::string& s) {
  std::string out = "std::string_view{\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      out += fmt::format("\\x{:02x}\"\"", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + fmt::format("\", {}}}", s.size());
}

}  // namespace schemagen
