// The test data every case-driven test reads: the profile cases (tests/cases/README.md for the
// format), the directories named in SDSPROFILE_EXTRA_CASES, and the optional third-party corpora.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
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

/// A directory of case files. `prefix` starts the test names of its cases ("" for tests/cases,
/// "x1_", "x2_", ... for the extra directories), so that equal file names stay distinct.
struct case_source {
  std::filesystem::path dir;
  std::string prefix;
};

/// tests/cases, then each directory named in SDSPROFILE_EXTRA_CASES (colon-separated; empty
/// entries are ignored), in that order.
inline std::vector<case_source> case_sources() {
  std::vector<case_source> sources{{std::filesystem::path(SDSPROFILE_SOURCE_DIR) / "tests" / "cases", ""}};
  const char* extra = std::getenv("SDSPROFILE_EXTRA_CASES");
  std::string_view list = extra != nullptr ? extra : "";
  while (!list.empty()) {
    const std::size_t colon = list.find(':');
    const std::string_view dir = list.substr(0, colon);
    if (!dir.empty()) {
      std::string prefix(1, 'x');  // (not "x" + ...: GCC 12 warns falsely on that form)
      prefix += std::to_string(sources.size());
      prefix += '_';
      sources.push_back({std::filesystem::path(dir), std::move(prefix)});
    }
    list = colon == std::string_view::npos ? std::string_view{} : list.substr(colon + 1);
  }
  return sources;
}

/// The *.json case files of one source, sorted; empty when the directory cannot be read (never
/// throws, so that listing cases can never abort test registration).
inline std::vector<std::string> case_files(const case_source& source) {
  std::vector<std::string> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(source.dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  return files;
}

/// One case file and the name its parameterised tests carry.
struct case_ref {
  std::string path;
  std::string name;
};

/// GoogleTest prints a case as its path.
inline void PrintTo(const case_ref& ref, std::ostream* os) { *os << ref.path; }

/// Every case of every source, in source order.
inline std::vector<case_ref> all_cases() {
  std::vector<case_ref> refs;
  for (const case_source& source : case_sources())
    for (std::string& path : case_files(source)) {
      std::string name = source.prefix + case_test_name(path);
      refs.push_back({std::move(path), std::move(name)});
    }
  return refs;
}

/// For a test named `who`: prints "cases: WHO: N from DIR" for each source (run-tests collects
/// these lines) and fails when a source is missing or empty.
inline void report_case_sources(const std::string& who) {
  for (const case_source& source : case_sources()) {
    const std::size_t count = case_files(source).size();
    std::printf("cases: %s: %zu from %s\n", who.c_str(), count, source.dir.string().c_str());
    std::error_code ec;
    EXPECT_TRUE(std::filesystem::is_directory(source.dir, ec))
        << source.dir << " is not a readable directory (tests/cases, or an entry of SDSPROFILE_EXTRA_CASES)";
    EXPECT_GT(count, 0u) << "no *.json case in " << source.dir;
  }
}

/// A third-party corpus (`relative` inside the corpora directory: "JSONTestSuite/test_parsing",
/// "sarif/sarif-schema-2.1.0.json"): under $SDSPROFILE_CORPORA_DIR when it is set, else under
/// ../shared/corpora beside the repository. Empty when it is not there.
inline std::filesystem::path corpus_path(const std::string& relative) {
  const char* env = std::getenv("SDSPROFILE_CORPORA_DIR");
  const std::filesystem::path root = env != nullptr && *env != '\0'
                                         ? std::filesystem::path(env)
                                         : std::filesystem::path(SDSPROFILE_SOURCE_DIR) / ".." / "shared" / "corpora";
  std::error_code ec;
  const std::filesystem::path p = root / relative;
  return std::filesystem::exists(p, ec) ? p : std::filesystem::path{};
}

/// Why a corpus test is skipped, naming what to provide.
inline std::string missing_corpus(const std::string& relative, const std::string& origin) {
  return relative + " not found: set SDSPROFILE_CORPORA_DIR to a directory holding " + relative + " (" + origin +
         "), or put it under ../shared/corpora beside the repository";
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
  if (auto t = o["input_text"].get_string(); !t.error())
    c.input = std::string(t.value());
  else if (auto b = o["input_base64"].get_string(); !b.error())
    c.input = base64_decode(b.value());
  else
    c.input = simdjson::minify(o["input"].value());  // "serialised compactly"
  simdjson::dom::object expect = o["expect"].get_object();
  c.valid = bool(expect["valid"]);
  for (simdjson::dom::element d : expect["diagnostics"].get_array())
    c.expected.emplace_back(std::string(std::string_view(d["severity"])), std::string(std::string_view(d["code"])),
                            std::string(std::string_view(d["path"])));
  if (auto e = o["expand"]; !e.error()) c.expand = simdjson::minify(e.value());
  return c;
}

}  // namespace sdsprofile::test
