// Loader for ../shared/cases/*.json (format: ../shared/README.md "Case file format").
#pragma once

#include <simdjson.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "sdsprofile/options.hpp"

namespace sdsprofile::test {

/// (severity, code, path), the case comparison key.
using triple = std::tuple<std::string, std::string, std::string>;

struct case_file {
  std::string id, summary;
  sdsprofile::mode mode = sdsprofile::mode::create;
  std::optional<sdsprofile::timestamp> now;
  std::string input;  ///< the bytes to check
  bool valid = false;
  std::vector<triple> expected;
  std::optional<std::string> expand;  ///< expected expansion, compact JSON, when the case has one
};

/// GoogleTest parameter name for a case file path: its stem with every non-alphanumeric byte
/// replaced by '_'.
inline std::string case_test_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  if (const std::size_t dot = name.rfind('.'); dot != std::string::npos) name.resize(dot);
  for (char& ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) ch = '_';
  return name;
}

inline std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) continue;  // '=' padding and white space
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

inline case_file load_case(const std::string& path) {
  simdjson::dom::parser parser;
  const std::string text = read_all(path);
  simdjson::dom::object o = parser.parse(text).get_object();
  case_file c;
  c.id = std::string(std::string_view(o["id"]));
  if (auto s = o["summary"].get_string(); !s.error()) c.summary = std::string(s.value());
  if (auto m = o["mode"].get_string(); !m.error()) c.mode = *sdsprofile::mode_from_string(m.value());
  if (auto n = o["now"].get_string(); !n.error()) c.now = sdsprofile::parse_rfc3339(n.value());
  if (auto t = o["input_text"].get_string(); !t.error()) c.input = std::string(t.value());
  else if (auto b = o["input_base64"].get_string(); !b.error()) c.input = base64_decode(b.value());
  else c.input = simdjson::minify(o["input"].value());  // "serialised compactly"
  simdjson::dom::object expect = o["expect"].get_object();
  c.valid = bool(expect["valid"]);
  for (simdjson::dom::element d : expect["diagnostics"].get_array())
    c.expected.emplace_back(std::string(std::string_view(d["severity"])), std::string(std::string_view(d["code"])),
                            std::string(std::string_view(d["path"])));
  if (auto e = o["expand"]; !e.error()) c.expand = simdjson::minify(e.value());
  return c;
}

}  // namespace sdsprofile::test
