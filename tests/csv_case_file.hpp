// The CSV folder cases (tests/csv-cases/README.md): tests/csv-cases/NAME/ and the directories named
// in SDSPROFILE_EXTRA_CSV_CASES, each case an upload/ folder, an optional profile.json and its
// expect.json.
#pragma once

#include <simdjson.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "case_file.hpp"
#include "sdsprofile/csv_checker.hpp"

namespace sdsprofile::test {

/// One folder case.
struct csv_case {
  std::filesystem::path dir;
  std::string name;  ///< its test name (the directory's, prefixed for an extra source)
  std::vector<std::string> args;
  bool valid = false;
  std::vector<triple> expected;  ///< (severity, code, path) of every diagnostic of every part
  [[nodiscard]] std::filesystem::path upload() const { return dir / "upload"; }
  [[nodiscard]] std::optional<std::filesystem::path> profile() const {
    std::error_code ec;
    return std::filesystem::exists(dir / "profile.json", ec) ? std::optional(dir / "profile.json") : std::nullopt;
  }
};

/// GoogleTest prints a case as its directory.
inline void PrintTo(const csv_case& c, std::ostream* os) { *os << c.dir.string(); }

/// tests/csv-cases, then each directory of SDSPROFILE_EXTRA_CSV_CASES (colon-separated).
inline std::vector<case_source> csv_case_sources() {
  std::vector<case_source> sources{{std::filesystem::path(SDSPROFILE_SOURCE_DIR) / "tests" / "csv-cases", ""}};
  const char* extra = std::getenv("SDSPROFILE_EXTRA_CSV_CASES");
  std::string_view list = extra != nullptr ? extra : "";
  while (!list.empty()) {
    const std::size_t colon = list.find(':');
    const std::string_view dir = list.substr(0, colon);
    if (!dir.empty()) {
      std::string prefix(1, 'x');
      prefix += std::to_string(sources.size());
      prefix += '_';
      sources.push_back({std::filesystem::path(dir), std::move(prefix)});
    }
    list = colon == std::string_view::npos ? std::string_view{} : list.substr(colon + 1);
  }
  return sources;
}

/// The case directories of one source (those holding expect.json), sorted; empty when it cannot be
/// read.
inline std::vector<std::filesystem::path> csv_case_dirs(const case_source& source) {
  std::vector<std::filesystem::path> dirs;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(source.dir, ec), end; !ec && it != end; it.increment(ec))
    if (std::filesystem::exists(it->path() / "expect.json", ec)) dirs.push_back(it->path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

inline csv_case load_csv_case(const std::filesystem::path& dir, std::string name) {
  csv_case c;
  c.dir = dir;
  c.name = std::move(name);
  simdjson::dom::parser parser;
  const std::string text = read_all((dir / "expect.json").string());
  const simdjson::dom::object o = parser.parse(text).get_object();
  for (simdjson::dom::element a : o["args"].get_array()) c.args.emplace_back(std::string_view(a));
  c.valid = bool(o["valid"]);
  for (simdjson::dom::element d : o["diagnostics"].get_array())
    c.expected.emplace_back(std::string(std::string_view(d["severity"])), std::string(std::string_view(d["code"])),
                            std::string(std::string_view(d["path"])));
  return c;
}

/// Every case of every source; a case that cannot be read is listed with no expectation (its test
/// then fails on it).
inline std::vector<csv_case> all_csv_cases() {
  std::vector<csv_case> cases;
  for (const case_source& source : csv_case_sources())
    for (const std::filesystem::path& dir : csv_case_dirs(source)) {
      std::string name = source.prefix + case_test_name(dir.filename().string() + ".x");
      try {
        cases.push_back(load_csv_case(dir, std::move(name)));
      } catch (...) {
        cases.push_back({dir, source.prefix + dir.filename().string(), {}, false, {}});
      }
    }
  return cases;
}

/// The options the case's args give the library: --mode, --now, --strict, --max-diagnostics,
/// --jobs (the command line of docs/csv-rules.md). False for an argument it does not know.
inline bool csv_options_from_args(const std::vector<std::string>& args, csv_options& opts) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--strict") {
      opts.check.strict = true;
    } else if (a == "--mode" && has_value) {
      const auto m = mode_from_string(args[++i]);
      if (!m) return false;
      opts.check.check_mode = *m;
    } else if (a == "--now" && has_value) {
      opts.check.now = parse_rfc3339(args[++i]);
      if (!opts.check.now) return false;
    } else if (a == "--max-diagnostics" && has_value) {
      opts.check.limits.max_diagnostics = static_cast<std::uint32_t>(std::stoul(args[++i]));
    } else if ((a == "--jobs" || a == "-j") && has_value) {
      opts.jobs = static_cast<unsigned>(std::stoul(args[++i]));
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace sdsprofile::test
