#include "dictionary.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "engine/model.hpp"

namespace sdsprofile::fuzz {
namespace {

// Values that reach the text rules of docs/rules.md and the scanner's corners; not in the model.
constexpr const char* k_special_values[] = {"@odata.type",
                                            "@odata.context",
                                            "@odata.etag",
                                            "@odata.id",
                                            "#",
                                            "graph.",
                                            "#microsoft.graph.",
                                            "#Microsoft.Education.DataSync.",
                                            "00000000-0000-0000-0000-000000000000",
                                            "6fd2c87f-b296-42f0-b197-1e91e994b900",
                                            "{6FD2C87F-B296-42F0-B197-1E91E994B900}",
                                            "6fd2c87fb29642f0b1971e91e994b900",
                                            "System.Collections.Hashtable",
                                            "System.Object[]",
                                            "@{a=1}",
                                            "[object Object]",
                                            "2025-09-01T00:00:00Z",
                                            "2026-01-01T00:00:00.1234567+14:00",
                                            "1999-12-31T23:59:60Z",
                                            "0001-01-01T00:00:00Z",
                                            "2026-02-30",
                                            "2026-01-15",
                                            "2024-02-29",
                                            "9999-12-31",
                                            "09/01/2025",
                                            "https://",
                                            "http://",
                                            "https://contoso.example/oneroster/v1p1",
                                            "contoso.edu",
                                            "-bad-.edu",
                                            "xn--",
                                            ".",
                                            "",
                                            " ",
                                            "\\u0000",
                                            "\\ud83c",
                                            "\\udc00",
                                            "\\ud83c\\udf93",
                                            "\\u002f",
                                            "\\u007e",
                                            "\\\"",
                                            "~0",
                                            "~1",
                                            "-0",
                                            "1e999",
                                            "1E-400",
                                            "12345678901234567890",
                                            "null",
                                            "true",
                                            "false",
                                            "[]",
                                            "{}",
                                            "[null]",
                                            "\":",
                                            "\",\"",
                                            "\":{\"",
                                            "\":[\"",
                                            "\xEF\xBB\xBF",
                                            "\r\n",
                                            "\r",
                                            "\t",
                                            "\xC3\xA9",
                                            "\xF0\x9F\x8E\x93",
                                            "\xED\xA0\x80",
                                            "\xC0\xAF"};

}  // namespace

const std::vector<std::string>& dictionary_words() {
  static const std::vector<std::string> words = [] {
    const engine::model& m = engine::the_model();
    std::set<std::string> out;
    for (const auto& t : m.types) {
      out.emplace(t.name);
      out.emplace(t.odata_type);
      out.insert(fmt::format("graph.{}", t.name));
      for (const auto& s : t.slots) out.emplace(s.name);
      for (const auto& h : t.historic) {
        out.emplace(h.name);
        out.emplace(h.replacement);
      }
    }
    for (const auto& a : m.type_aliases) out.emplace(a.name);
    for (const auto& e : m.enums) {
      out.emplace(e.name);
      out.insert(e.members.begin(), e.members.end());
    }
    for (const auto& e : m.csv_entities) {
      out.emplace(e.name);
      for (const auto& a : e.attributes) out.emplace(a.name);
    }
    out.insert(m.matching_source_names.begin(), m.matching_source_names.end());
    out.insert(m.matching_target_names.begin(), m.matching_target_names.end());
    out.insert(m.stray_discriminators.begin(), m.stray_discriminators.end());
    // The JSON texts expansion fills in ("0001-01-01T00:00:00Z" with its quotes, ...).
    out.insert(m.expansion.customization_defaults.begin(), m.expansion.customization_defaults.end());
    for (const char* s : k_special_values) out.emplace(s);
    out.erase(std::string());
    return std::vector<std::string>(out.begin(), out.end());
  }();
  return words;
}

std::string dictionary_entry(const std::string& word) {
  std::string line = "\"";
  for (unsigned char c : word) {
    if (c == '"' || c == '\\') {
      line += '\\';
      line += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      line += static_cast<char>(c);
    } else {
      line += fmt::format("\\x{:02X}", c);
    }
  }
  return line + '"';
}

}  // namespace sdsprofile::fuzz
