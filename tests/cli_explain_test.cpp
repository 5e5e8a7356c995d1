// `sdsprofile explain` and `sdsprofile codes`: every code has an explanation, printed exactly from
// schemas/codes.json and the code table, and every example triggers its code.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_run.hpp"
#include "render.hpp"
#include "sdsprofile/codes.hpp"
#include "sdsprofile/policy.hpp"

namespace {

using sdsprofile::test::cli_result;
using sdsprofile::test::run_cli;
using sdsprofile::test::shell_quote;

// A CSV code's example folder, as explain prints it (each line after four spaces), written into
// `dir`/DIR (its files) and `dir`/profile.json.
std::string write_folder_example(simdjson::dom::element example, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "DIR");
  bool latin1 = false;
  if (example["latin1"].get_bool().get(latin1) != simdjson::SUCCESS) latin1 = false;
  std::string_view repeat_file, repeat_line;
  std::uint64_t times = 0;
  simdjson::dom::element repeat;
  if (example["repeat"].get(repeat) == simdjson::SUCCESS) {
    repeat_file = repeat["file"];
    repeat_line = repeat["line"];
    times = repeat["times"];
  }
  std::string shown;
  simdjson::dom::object files = example["files"];
  if (files.size() == 0) shown += "    DIR: empty\n";
  for (const auto field : files) {
    const std::string_view text = field.value;
    shown +=
        "    DIR/" + std::string(field.key) + (latin1 ? " (in Latin-1):" : ":") + (text.empty() ? " empty" : "") + "\n";
    std::string bytes;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t end = text.find('\n', at);
      const std::string_view line = text.substr(at, end == std::string_view::npos ? end : end - at);
      shown += "      " + sdsprofile::cli::text_escaped(line) + "\n";
      at = end == std::string_view::npos ? text.size() : end + 1;
    }
    if (latin1) {  // each code point below 256 as one byte
      for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
          bytes += static_cast<char>(c);
        } else {
          bytes += static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F));
        }
      }
    } else {
      bytes = text;
    }
    if (field.key == repeat_file && times != 0) {
      shown += "      and then " + std::to_string(times) +
               " times: " + sdsprofile::cli::text_escaped(repeat_line.substr(0, repeat_line.find('\n'))) + "\n";
      for (std::uint64_t i = 0; i < times; ++i) bytes += repeat_line;
    }
    std::ofstream(dir / "DIR" / std::string(field.key), std::ios::binary) << bytes;
  }
  std::string_view profile;
  if (example["profile"].get_string().get(profile) == simdjson::SUCCESS) {
    shown += "    profile.json:\n      " + sdsprofile::cli::text_escaped(profile) + "\n";
    std::ofstream(dir / "profile.json", std::ios::binary) << profile;
  }
  return shown;
}

TEST(CliExplain, EveryCodeIsExplainedAndItsExampleTriggersIt) {
  const std::string json = sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/schemas/codes.json");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS);
  std::size_t i = 0;
  const auto codes = sdsprofile::all_codes();
  for (simdjson::dom::element entry : doc["codes"].get_array()) {
    ASSERT_LT(i, codes.size());
    const sdsprofile::code_info& info = codes[i++];
    const auto text = [&](simdjson::dom::element e, const char* key) { return std::string(std::string_view(e[key])); };
    const bool folder = info.name.starts_with("csv-");
    const std::string args = text(entry["example"], "args");
    const std::string prefix = args.empty() ? std::string() : args + " ";
    const std::string command = folder ? "sdsprofile check-csv " + prefix + "DIR" : "sdsprofile check " + prefix + "-";
    const std::filesystem::path dir =
        sdsprofile::test::new_scratch_dir("sdsprofile-explain-" + std::string(info.name) + "-");
    const std::string body = folder ? std::string() : text(entry["example"], "body");
    const std::string shown = folder ? write_folder_example(entry["example"], dir) : "    " + body + "\n";
    const std::string expected =
        std::string(info.name) + " (" + std::string(sdsprofile::to_string(info.default_severity)) +
        (sdsprofile::is_document_level(info.id) ? ", document-level" : "") + ")\n  " + std::string(info.summary) +
        "\n\nWhen: " + text(entry, "trigger") + "\nWhy it matters: " + text(entry, "why") + "\nExample, which `" +
        command + "` reports:\n" + shown + "Fix: " + text(entry, "fix") + "\nSource: " + text(entry, "source") + "\n";
    const cli_result r = run_cli("explain " + std::string(info.name));
    EXPECT_EQ(r.status, 0) << info.name;
    EXPECT_EQ(r.err, "") << info.name;
    EXPECT_EQ(r.out, expected) << info.name;
    const cli_result example =
        folder ? run_cli("check-csv --no-config " + prefix + "DIR", "", "cd " + shell_quote(dir.string()) + " && ")
               : run_cli("check --no-config " + args + " -", body);
    std::filesystem::remove_all(dir);
    EXPECT_NE(example.out.find(" [" + std::string(info.name) + "]\n"), std::string::npos)
        << info.name << ": " << example.out;
  }
  EXPECT_EQ(i, codes.size());
}

TEST(CliExplain, UnknownCodesAndPrefixesAreUsageErrors) {
  const cli_result typo = run_cli("explain role-without-domian");
  EXPECT_EQ(typo.status, 2);
  EXPECT_EQ(typo.out, "");
  EXPECT_EQ(typo.err, "sdsprofile: explain: unknown code 'role-without-domian', did you mean 'role-without-domain'?\n");
  const cli_result prefix = run_cli("explain odata-type-");
  EXPECT_EQ(prefix.status, 2);
  EXPECT_EQ(prefix.err,
            "sdsprofile: explain: 'odata-type-' is a prefix; explain takes one code ('sdsprofile codes' lists them)\n");
  EXPECT_EQ(run_cli("explain").status, 2);
}

TEST(CliExplain, CodesListsEveryCode) {
  std::string expected;
  for (const auto& info : sdsprofile::all_codes())
    expected += std::string(info.name) + " " + std::string(sdsprofile::to_string(info.default_severity)) + " " +
                std::string(info.summary) + "\n";
  const cli_result text = run_cli("codes");
  EXPECT_EQ(text.status, 0);
  EXPECT_EQ(text.out, expected);
  const cli_result json = run_cli("codes --format json");
  EXPECT_EQ(json.status, 0);
  simdjson::dom::parser parser;
  std::size_t lines = 0;
  for (std::size_t at = 0; at < json.out.size(); ++lines) {
    const std::size_t end = json.out.find('\n', at);
    simdjson::dom::element record;
    ASSERT_EQ(parser.parse(json.out.substr(at, end - at)).get(record), simdjson::SUCCESS);
    const sdsprofile::code_info& info = sdsprofile::all_codes()[lines];
    EXPECT_EQ(std::string_view(record["code"]), info.name);
    EXPECT_EQ(std::string_view(record["summary"]), info.summary);
    EXPECT_EQ(bool(record["document_level"]), sdsprofile::is_document_level(info.id));
    at = end + 1;
  }
  EXPECT_EQ(lines, sdsprofile::all_codes().size());
  EXPECT_EQ(json.out.substr(0, json.out.find(",\"summary\"")),
            R"({"code":"json-syntax","severity":"error","document_level":true)");
}

}  // namespace
