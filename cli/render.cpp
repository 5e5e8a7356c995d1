#include "render.hpp"

#include <fmt/format.h>

namespace sdsprofile::cli {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  const std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) { return k < left && (b(k) & 0xc0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xe0 && b(1) < 0xa0) return 0;   // overlong
    if (c == 0xed && b(1) >= 0xa0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xf0 && b(1) < 0x90) return 0;
    if (c == 0xf4 && b(1) >= 0x90) return 0;
    return 4;
  }
  return 0;
}

// `s` with control characters escaped and invalid UTF-8 replaced by U+FFFD; `json`: also '"'
// and '\\' escaped (the content of a JSON string literal).
void append_escaped(std::string_view s, std::string& out, bool json) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (json ? c : 0) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\u{:04x}", c);
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xef\xbf\xbd";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
}

}  // namespace

void append_json_string(std::string_view s, std::string& out) {
  out += '"';
  append_escaped(s, out, true);
  out += '"';
}

void render_text(std::string_view file, const report& r, std::string& out) {
  // Messages quote the input: control characters are escaped so that they cannot break lines or
  // drive the terminal.
  for (const diagnostic& d : r.diagnostics()) {
    append_escaped(file, out, false);
    fmt::format_to(std::back_inserter(out), ":{}:{}: {}: ", d.line, d.column, to_string(d.severity));
    append_escaped(d.message, out, false);
    fmt::format_to(std::back_inserter(out), " [{}]\n", to_string(d.code));
    if (!d.hint.empty()) {
      out += "    hint: ";
      append_escaped(d.hint, out, false);
      out += '\n';
    }
  }
}

void render_json_line(std::string_view file, const report& r, std::string& out) {
  out += "{\"file\":";
  append_json_string(file, out);
  out += r.valid() ? ",\"valid\":true,\"diagnostics\":[" : ",\"valid\":false,\"diagnostics\":[";
  bool first = true;
  for (const diagnostic& d : r.diagnostics()) {
    if (!first) out += ',';
    first = false;
    out += "{\"severity\":";
    append_json_string(to_string(d.severity), out);
    out += ",\"code\":";
    append_json_string(to_string(d.code), out);
    out += ",\"path\":";
    append_json_string(d.path, out);
    fmt::format_to(std::back_inserter(out), ",\"line\":{},\"column\":{},\"offset\":{},\"message\":", d.line, d.column,
                   d.offset);
    append_json_string(d.message, out);
    if (!d.hint.empty()) {
      out += ",\"hint\":";
      append_json_string(d.hint, out);
    }
    out += '}';
  }
  out += "]}\n";
}

}  // namespace sdsprofile::cli
