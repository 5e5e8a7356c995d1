// The baseline's pieces (cli/baseline.hpp): fingerprints of JSON findings, file names relative to
// the baseline, the recorded file's text and order, and matching.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "baseline.hpp"
#include "scratch_dir.hpp"

namespace {

using sdsprofile::cli::baseline_file_name;
using sdsprofile::cli::baseline_recorder;
using sdsprofile::cli::document_findings;
using sdsprofile::cli::json_fingerprints;

TEST(Fingerprint, KeyedItemsByTheirKeyOthersByIndex) {
  json_fingerprints f(R"({"licensesToAssign":[{"appliesTo":"teacher","skuIds":["a","b/c=]"]},{"skuIds":["x",5]}],)"
                      R"("x~y":{"a/b":[1,[2]]},"userDomains":[{"appliesTo":"st\u00fcdent"},{"appliesTo":7}]})");
  EXPECT_EQ(f.of(""), "");
  EXPECT_EQ(f.of("/licensesToAssign"), "/licensesToAssign");
  EXPECT_EQ(f.of("/licensesToAssign/0"), "/licensesToAssign/[appliesTo=teacher]");
  EXPECT_EQ(f.of("/licensesToAssign/0/skuIds/1"), "/licensesToAssign/[appliesTo=teacher]/skuIds/[b%2Fc%3D%5D]");
  EXPECT_EQ(f.of("/licensesToAssign/1/skuIds/0"), "/licensesToAssign/1/skuIds/[x]");
  EXPECT_EQ(f.of("/licensesToAssign/1/skuIds/1"), "/licensesToAssign/1/skuIds/1");
  EXPECT_EQ(f.of("/x~0y/a~1b/1/0"), "/x~0y/a~1b/1/0");
  // Non-ASCII bytes are percent-encoded; a key that is not a string keeps the index.
  EXPECT_EQ(f.of("/userDomains/0"), "/userDomains/[appliesTo=st%C3%BCdent]");
  EXPECT_EQ(f.of("/userDomains/1/appliesTo"), "/userDomains/1/appliesTo");
  // What does not resolve is kept as it is.
  EXPECT_EQ(f.of("/missing/0/x"), "/missing/0/x");
  EXPECT_EQ(f.of("/licensesToAssign/9/skuIds"), "/licensesToAssign/9/skuIds");
}

TEST(Fingerprint, LongValuesKeepTheIndex) {
  const std::string long_value(json_fingerprints::k_longest_key + 1, 'a');
  const std::string longest(json_fingerprints::k_longest_key, 'a');
  const std::string document = R"({"s":[")" + long_value + R"(",")" + longest + R"("]})";
  json_fingerprints f(document);
  EXPECT_EQ(f.of("/s/0"), "/s/0");
  EXPECT_EQ(f.of("/s/1"), "/s/[" + longest + "]");
}

TEST(Fingerprint, BomAndUnparsableDocuments) {
  json_fingerprints bom("\xef\xbb\xbf{\"a\":[\"k\"]}");
  EXPECT_EQ(bom.of("/a/0"), "/a/[k]");
  json_fingerprints broken(R"({"a":["k"],)");
  EXPECT_EQ(broken.of("/a/0"), "/a/0");
}

TEST(BaselineFileName, RelativeToTheBaselineDirectory) {
  namespace fs = std::filesystem;
  const std::string cwd = fs::current_path().string();
  EXPECT_EQ(baseline_file_name("-", cwd), "<stdin>");
  EXPECT_EQ(baseline_file_name("profiles/./a.json", cwd), "profiles/a.json");
  EXPECT_EQ(baseline_file_name(cwd + "/x/../b.json", cwd), "b.json");
  EXPECT_EQ(baseline_file_name("c.json", cwd + "/sub"), "../c.json");
  EXPECT_EQ(sdsprofile::cli::baseline_directory("sub/b.json"), cwd + "/sub");
}

TEST(BaselineRecorder, SortedCountedOneEntryPerLine) {
  const std::string cwd = std::filesystem::current_path().string();
  baseline_recorder r(cwd);
  EXPECT_EQ(r.text(), "{\n  \"format\": \"sdsprofile-baseline\",\n  \"version\": 1,\n  \"findings\": []\n}\n");
  document_findings b{"b.json", 0, {{"nil-guid", "/s/[x]"}, {"invalid-guid", "/s/[y]"}, {"nil-guid", "/s/[x]"}}};
  document_findings a{"a.ndjson", 12, {{"json-syntax", ""}}};
  document_findings a2{"a.ndjson", 3, {{"missing-required", ""}, {"\"quoted\"", "/\x01"}}};
  r.add(b);
  r.add(a);
  r.add(a2);
  EXPECT_EQ(r.finding_count(), 6u);
  EXPECT_EQ(r.file_count(), 2u);
  EXPECT_EQ(
      r.text(),
      "{\n  \"format\": \"sdsprofile-baseline\",\n  \"version\": 1,\n  \"findings\": [\n"
      "    {\"file\": \"a.ndjson\", \"line\": 3, \"code\": \"\\\"quoted\\\"\", \"fingerprint\": \"/\\u0001\", "
      "\"count\": 1},\n"
      "    {\"file\": \"a.ndjson\", \"line\": 3, \"code\": \"missing-required\", \"fingerprint\": \"\", \"count\": "
      "1},\n"
      "    {\"file\": \"a.ndjson\", \"line\": 12, \"code\": \"json-syntax\", \"fingerprint\": \"\", \"count\": 1},\n"
      "    {\"file\": \"b.json\", \"code\": \"invalid-guid\", \"fingerprint\": \"/s/[y]\", \"count\": 1},\n"
      "    {\"file\": \"b.json\", \"code\": \"nil-guid\", \"fingerprint\": \"/s/[x]\", \"count\": 2}\n"
      "  ]\n}\n");
}

// match: the first findings of a kind in document order are held, as many as recorded; what is
// left of the document's entries is returned; other documents' entries do not count.
TEST(Baseline, MatchHoldsAsManyAsRecorded) {
  namespace fs = std::filesystem;
  const fs::path dir = sdsprofile::test::new_scratch_dir("sdsprofile-baseline-test-");
  const fs::path file = dir / "b.json";
  std::ofstream(file) << R"({"format":"sdsprofile-baseline","version":1,"findings":[)"
                      << R"({"file":"p.json","code":"missing-required","fingerprint":"","count":2},)"
                      << R"({"file":"p.json","code":"nil-guid","fingerprint":"/s/[x]"},)"
                      << R"({"file":"p.json","code":"gone","fingerprint":"/g","count":4},)"
                      << R"({"file":"q.ndjson","line":3,"code":"type-mismatch","fingerprint":"/d"}]})";
  std::string error;
  const std::optional<sdsprofile::cli::baseline> b = sdsprofile::cli::baseline::read(file.string(), error);
  ASSERT_TRUE(b) << error;
  std::vector<std::uint8_t> held;
  const document_findings p{(dir / "p.json").string(),
                            0,
                            {{"missing-required", ""},
                             {"nil-guid", "/s/[y]"},
                             {"missing-required", ""},
                             {"missing-required", ""},
                             {"nil-guid", "/s/[x]"}}};
  EXPECT_EQ(b->match(p, held), 4u);  // "gone" matched nothing
  EXPECT_EQ(held, (std::vector<std::uint8_t>{1, 0, 1, 0, 1}));
  const document_findings q3{(dir / "q.ndjson").string(), 3, {{"type-mismatch", "/d"}}};
  const document_findings q4{(dir / "q.ndjson").string(), 4, {{"type-mismatch", "/d"}}};
  EXPECT_EQ(b->match(q3, held), 0u);
  EXPECT_EQ(held, (std::vector<std::uint8_t>{1}));
  EXPECT_EQ(b->match(q4, held), 0u);
  EXPECT_EQ(held, (std::vector<std::uint8_t>{0}));
  EXPECT_EQ(sdsprofile::cli::baseline::everything().match(q4, held), 0u);
  EXPECT_EQ(held, (std::vector<std::uint8_t>{1}));
  fs::remove_all(dir);
}

}  // namespace
