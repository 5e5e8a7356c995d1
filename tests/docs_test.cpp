// The documentation's code tables equal the code table they document: docs/diagnostics.md lists
// every code of all_codes(), in enumerator order (the profile codes, then the CSV codes), with its
// default severity and its one-sentence summary, byte for byte. Change a summary in lib/src/codes.cpp and this test
// names the row to fix.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "case_file.hpp"
#include "sdsprofile/codes.hpp"

namespace {

struct table_row {
  std::string code, severity, summary;
};

// Appends the rows of the table whose first row starts at `at`.
void append_rows(const std::string& markdown, std::size_t at, std::vector<table_row>& rows) {
  while (at < markdown.size() && markdown[at] == '|') {
    const std::size_t end = markdown.find('\n', at);
    const std::string line = markdown.substr(at, end - at);
    std::vector<std::string> cells;
    for (std::size_t from = 1, bar; (bar = line.find(" |", from)) != std::string::npos; from = bar + 2)
      cells.push_back(line.substr(from + 1, bar - from - 1));
    if (cells.size() == 3) {
      std::string code = cells[0];
      if (code.size() >= 2 && code.front() == '`' && code.back() == '`') code = code.substr(1, code.size() - 2);
      rows.push_back({code, cells[1], cells[2]});
    }
    at = end == std::string::npos ? markdown.size() : end + 1;
  }
}

// The rows of every table whose header is "| code | severity | when |", in document order (the
// profile codes' table, then the CSV codes').
std::vector<table_row> diagnostics_table(const std::string& markdown) {
  std::vector<table_row> rows;
  const std::string_view table_header = "\n| code | severity | when |\n";
  for (std::size_t header = markdown.find(table_header); header != std::string::npos;
       header = markdown.find(table_header, header + 1))
    append_rows(markdown, markdown.find('\n', markdown.find('\n', header + 1) + 1) + 1, rows);  // past |---|
  return rows;
}

TEST(Docs, DiagnosticsTableEqualsTheCodeTable) {
  const std::string markdown = sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/docs/diagnostics.md");
  const std::vector<table_row> rows = diagnostics_table(markdown);
  const auto codes = sdsprofile::all_codes();
  ASSERT_EQ(rows.size(), codes.size()) << "docs/diagnostics.md: one row per code";
  for (std::size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ(rows[i].code, codes[i].name) << "row " << i + 1;
    EXPECT_EQ(rows[i].severity, sdsprofile::to_string(codes[i].default_severity)) << codes[i].name;
    EXPECT_EQ(rows[i].summary, codes[i].summary) << codes[i].name;
  }
}

}  // namespace

namespace {

// The examples docs/embedding.md shows are the files ctest builds and runs, quoted whole.
TEST(Docs, EmbeddingQuotesTheExamplesVerbatim) {
  const std::string source = SDSPROFILE_SOURCE_DIR;
  const std::string markdown = sdsprofile::test::read_all(source + "/docs/embedding.md");
  for (const char* example : {"examples/library_example.cpp", "examples/c_example.c", "bindings/python/example.py"}) {
    const std::string text = sdsprofile::test::read_all(source + "/" + example);
    const std::size_t at = markdown.find(text + "```");
    ASSERT_NE(at, std::string::npos) << example << " is not quoted whole";
    const std::size_t fence = markdown.rfind("\n```", at);  // the block opens right before the text
    EXPECT_EQ(markdown.find('\n', fence + 1) + 1, at) << example << " is quoted inside a longer block";
  }
}

}  // namespace

namespace {

// schemas/codes.json, the one source of `sdsprofile explain`, `sdsprofile codes` and docs/codes.md,
// has one entry per code of all_codes(), in catalogue order, with the code's default severity, and
// its trigger is the code's row of docs/rules.md "Catalogue" (of docs/csv-rules.md "Catalogue" for
// the CSV codes, which follow the profile codes), byte for byte.
TEST(Docs, CodesJsonEqualsTheCodeTableAndTheCatalogue) {
  const std::string source = SDSPROFILE_SOURCE_DIR;
  const std::string rules = sdsprofile::test::read_all(source + "/docs/rules.md");
  std::vector<table_row> catalogue = diagnostics_table(rules.substr(rules.find("\n## Catalogue\n")));
  const std::string csv_rules = sdsprofile::test::read_all(source + "/docs/csv-rules.md");
  const std::size_t csv_catalogue = csv_rules.find("\n## Catalogue\n");
  for (table_row& row :
       diagnostics_table(csv_rules.substr(csv_catalogue, csv_rules.find("\n## ", csv_catalogue + 1) - csv_catalogue)))
    catalogue.push_back(std::move(row));
  const std::string json = sdsprofile::test::read_all(source + "/schemas/codes.json");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS);
  simdjson::dom::array entries;
  ASSERT_EQ(doc["codes"].get_array().get(entries), simdjson::SUCCESS);
  const auto codes = sdsprofile::all_codes();
  ASSERT_EQ(entries.size(), codes.size()) << "schemas/codes.json: one entry per code";
  ASSERT_EQ(catalogue.size(), codes.size()) << "docs/rules.md and docs/csv-rules.md: one catalogue row per code";
  std::size_t i = 0;
  for (simdjson::dom::element entry : entries) {
    const auto text = [&](const char* key) {
      std::string_view v;
      EXPECT_EQ(entry[key].get_string().get(v), simdjson::SUCCESS) << codes[i].name << ": " << key;
      return std::string(v);
    };
    EXPECT_EQ(text("code"), codes[i].name) << "entry " << i + 1;
    EXPECT_EQ(text("severity"), sdsprofile::to_string(codes[i].default_severity)) << codes[i].name;
    EXPECT_EQ(catalogue[i].code, codes[i].name) << "catalogue row " << i + 1;
    EXPECT_EQ(catalogue[i].severity, text("severity")) << codes[i].name;
    EXPECT_EQ(text("trigger"), catalogue[i].summary) << codes[i].name;
    for (const char* key : {"why", "fix", "source"}) EXPECT_FALSE(text(key).empty()) << codes[i].name << ": " << key;
    simdjson::dom::element example;
    ASSERT_EQ(entry["example"].get(example), simdjson::SUCCESS) << codes[i].name;
    if (codes[i].name.starts_with("csv-")) {  // an upload folder
      simdjson::dom::object files;
      EXPECT_EQ(example["files"].get_object().get(files), simdjson::SUCCESS) << codes[i].name;
    } else {
      std::string_view body;
      EXPECT_EQ(example["body"].get_string().get(body), simdjson::SUCCESS) << codes[i].name;
      EXPECT_FALSE(body.empty()) << codes[i].name;
    }
    ++i;
  }
}

}  // namespace
