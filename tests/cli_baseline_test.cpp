// Baselines through the CLI (docs/cli.md "Baselines"): --write-baseline records the findings a
// repository has, --baseline reports only new ones, in every format, with a project's policy, for
// directories, NDJSON and standard input; exact output, files and exit status.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using sdsprofile::test::cli_result;
using sdsprofile::test::read_all;
using sdsprofile::test::run_cli;
using sdsprofile::test::shell_quote;

constexpr const char* k_now = "--now 2026-01-15T00:00:00Z ";

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = sdsprofile::test::cli_temp_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

// `text` with its first `from` written `to`.
std::string with(const std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

// The prefix that runs the CLI in `dir`, so that it names the inputs relative to it.
std::string in(const fs::path& dir) { return "cd " + shell_quote(dir.string()) + " && "; }

// Licences for teachers (with a bad GUID, and no teacher domain) and students (the nil GUID):
// role-without-domain, invalid-guid and nil-guid.
const std::string k_a =
    "{\"displayName\":\"a\",\"dataProvider\":{\"@odata.type\":\"#microsoft.graph.educationCsvDataProvider\"},\n"
    "\"identitySynchronizationConfiguration\":{\"@odata.type\":\"#microsoft.graph."
    "educationIdentityCreationConfiguration\",\n"
    "\"userDomains\":[{\"appliesTo\":\"student\",\"name\":\"contoso.edu\"}]},\n"
    "\"licensesToAssign\":[{\"appliesTo\":\"teacher\",\"skuIds\":[\"x\"]},{\"appliesTo\":\"student\",\"skuIds\":["
    "\"00000000-0000-0000-0000-000000000000\"]}]}\n";
// The same profile edited elsewhere: another name, the members and licences in another order, a
// valid GUID before the nil one, another layout. Every finding is the same finding.
const std::string k_a_edited =
    "{\n  \"displayName\": \"a renamed\",\n  \"licensesToAssign\": [\n"
    "    {\"appliesTo\": \"student\", \"skuIds\": [\"6fd2c87f-b296-42f0-b197-1e91e994b900\", "
    "\"00000000-0000-0000-0000-000000000000\"]},\n"
    "    {\"skuIds\": [\"x\"], \"appliesTo\": \"teacher\"}\n  ],\n"
    "  \"dataProvider\": {\"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\"},\n"
    "  \"identitySynchronizationConfiguration\": {\"@odata.type\": "
    "\"#microsoft.graph.educationIdentityCreationConfiguration\",\n"
    "    \"userDomains\": [{\"appliesTo\": \"student\", \"name\": \"contoso.edu\"}]}\n}\n";
// odata-type-noncanonical (a warning the project makes an error).
const std::string k_b =
    "{\"displayName\":\"b\",\"dataProvider\":{\"@odata.type\":\"microsoft.graph.educationCsvDataProvider\"},\n"
    "\"identitySynchronizationConfiguration\":{\"@odata.type\":\"#microsoft.graph."
    "educationIdentityCreationConfiguration\",\n"
    "\"userDomains\":[{\"appliesTo\":\"student\",\"name\":\"contoso.edu\"}]}}\n";
// The project's policy: nil-guid ignored, odata-type-noncanonical an error.
const std::string k_policy = "ignore = [\"nil-guid\"]\nerror = [\"odata-type-noncanonical\"]\n";

const std::string k_role_without_domain =
    "profiles/a.json:4:34: warning: Licences are assigned to \"teacher\", but no userDomains entry creates accounts "
    "for that role. [role-without-domain]\n"
    "    hint: Add a userDomains entry with \"appliesTo\": \"teacher\", or remove this licence.\n";
const std::string k_invalid_guid =
    "profiles/a.json:4:54: error: \"x\" in \"skuIds\" is not a GUID (8-4-4-4-12 hexadecimal digits). "
    "[invalid-guid]\n"
    "    hint: skuIds take the SKU's GUID (skuId, e.g. from GET /subscribedSkus), not its part number.\n";
const std::string k_noncanonical_error =
    "profiles/b.json:1:50: error: \"microsoft.graph.educationCsvDataProvider\" matches "
    "\"#microsoft.graph.educationCsvDataProvider\" only ignoring case, the leading '#' or the namespace alias. "
    "[odata-type-noncanonical]\n"
    "    hint: Write \"#microsoft.graph.educationCsvDataProvider\" (expansion writes it so).\n";

const std::string k_recorded =
    "{\n  \"format\": \"sdsprofile-baseline\",\n  \"version\": 1,\n  \"findings\": [\n"
    "    {\"file\": \"profiles/a.json\", \"code\": \"invalid-guid\", \"fingerprint\": "
    "\"/licensesToAssign/[appliesTo=teacher]/skuIds/[x]\", \"count\": 1},\n"
    "    {\"file\": \"profiles/a.json\", \"code\": \"role-without-domain\", \"fingerprint\": "
    "\"/licensesToAssign/[appliesTo=teacher]/appliesTo\", \"count\": 1},\n"
    "    {\"file\": \"profiles/b.json\", \"code\": \"odata-type-noncanonical\", \"fingerprint\": "
    "\"/dataProvider/@odata.type\", \"count\": 1}\n"
    "  ]\n}\n";

// A repository with a project file that ignores one code and makes another an error.
fs::path make_repository(const std::string& name) {
  const fs::path root = fresh_dir(name);
  write(root / "sdsprofile.toml", k_policy);
  write(root / "profiles" / "a.json", k_a);
  write(root / "profiles" / "b.json", k_b);
  return root;
}

TEST(CliBaseline, ProjectPolicyGivesExactFindingsAndStatus) {
  const fs::path root = make_repository("baseline-policy");
  const cli_result r = run_cli(std::string("check --jobs 1 ") + k_now + "profiles", "", in(root));
  EXPECT_EQ(r.status, 1);
  // nil-guid ignored; odata-type-noncanonical an error; the rest as the catalogue says.
  EXPECT_EQ(r.out, k_role_without_domain + k_invalid_guid + k_noncanonical_error);
  EXPECT_EQ(r.err, "sdsprofile: documents: 2, valid: 0, invalid: 2, errors: 2, warnings: 1\n");
  // Without the project file: nil-guid back, odata-type-noncanonical a warning, b.json valid.
  const cli_result plain = run_cli(std::string("check --no-config --jobs 1 ") + k_now + "profiles", "", in(root));
  EXPECT_EQ(plain.status, 1);
  EXPECT_EQ(plain.err, "sdsprofile: documents: 2, valid: 1, invalid: 1, errors: 1, warnings: 3\n");
}

TEST(CliBaseline, WrittenAndReadBackThenOneNewMistakeAlone) {
  const fs::path root = make_repository("baseline-round-trip");
  // Writing records every finding after the policy and reports none of them.
  const cli_result written =
      run_cli(std::string("check --jobs 1 ") + k_now + "--write-baseline baseline.json profiles", "", in(root));
  EXPECT_EQ(written.status, 0) << written.err;
  EXPECT_EQ(written.out, "");
  EXPECT_EQ(written.err,
            "sdsprofile: documents: 2, valid: 2, invalid: 0, errors: 0, warnings: 0, suppressed: 3\n"
            "sdsprofile: baseline 'baseline.json' written: findings: 3, files: 2\n");
  EXPECT_EQ(read_all((root / "baseline.json").string()), k_recorded);

  // Read back: no new finding.
  const std::string check = std::string("check --jobs 1 ") + k_now + "--baseline baseline.json profiles";
  const cli_result same = run_cli(check, "", in(root));
  EXPECT_EQ(same.status, 0);
  EXPECT_EQ(same.out, "");
  EXPECT_EQ(same.err,
            "sdsprofile: documents: 2, valid: 2, invalid: 0, errors: 0, warnings: 0, suppressed: 3\n"
            "sdsprofile: baseline 'baseline.json': suppressed: 3, new: 0\n");

  // Edits elsewhere in a.json (order of licences and members, another GUID before the nil one,
  // the layout) leave its findings the same.
  write(root / "profiles" / "a.json", k_a_edited);
  const cli_result edited = run_cli(check, "", in(root));
  EXPECT_EQ(edited.status, 0) << edited.out;
  EXPECT_EQ(edited.out, "");
  EXPECT_EQ(edited.err, same.err);

  // One new mistake is reported alone, and the exit status counts it only.
  write(root / "profiles" / "b.json", with(k_b, "\"b\"", "5"));
  const cli_result added = run_cli(check, "", in(root));
  EXPECT_EQ(added.status, 1);
  EXPECT_EQ(added.out,
            "profiles/b.json:1:16: error: \"displayName\" must be Edm.String (a JSON string), not a number. "
            "[type-mismatch]\n");
  EXPECT_EQ(added.err,
            "sdsprofile: documents: 2, valid: 1, invalid: 1, errors: 1, warnings: 0, suppressed: 3\n"
            "sdsprofile: baseline 'baseline.json': suppressed: 3, new: 1\n");

  // JSON Lines: "suppressed" per document and in the summary; GitHub: the new one only.
  const cli_result json =
      run_cli(std::string("check --jobs 1 --format json --summary ") + k_now + "--baseline baseline.json profiles", "",
              in(root));
  EXPECT_EQ(json.status, 1);
  EXPECT_EQ(json.out,
            "{\"file\":\"profiles/a.json\",\"valid\":true,\"suppressed\":2,\"diagnostics\":[]}\n"
            "{\"file\":\"profiles/b.json\",\"valid\":false,\"suppressed\":1,\"diagnostics\":[{\"severity\":\"error\","
            "\"code\":\"type-mismatch\",\"path\":\"/displayName\",\"line\":1,\"column\":16,\"offset\":15,\"message\":"
            "\"\\\"displayName\\\" must be Edm.String (a JSON string), not a number.\"}]}\n"
            "{\"summary\":{\"documents\":2,\"valid\":1,\"invalid\":1,\"errors\":1,\"warnings\":0,\"suppressed\":3}}\n");
  EXPECT_EQ(json.err, "sdsprofile: baseline 'baseline.json': suppressed: 3, new: 1\n");
  const cli_result github = run_cli(
      std::string("check --jobs 1 --format github ") + k_now + "--baseline baseline.json profiles", "", in(root));
  EXPECT_EQ(github.out,
            "::error file=profiles/b.json,line=1,col=16,title=type-mismatch::\"displayName\" must be Edm.String (a "
            "JSON string), not a number.\n");

  // A fixed finding leaves its entry unmatched, which is said.
  write(root / "profiles" / "b.json", with(k_b, "\"microsoft.graph.educationCsv", "\"#microsoft.graph.educationCsv"));
  const cli_result fixed = run_cli(check, "", in(root));
  EXPECT_EQ(fixed.status, 0);
  EXPECT_EQ(fixed.err,
            "sdsprofile: documents: 2, valid: 2, invalid: 0, errors: 0, warnings: 0, suppressed: 2\n"
            "sdsprofile: baseline 'baseline.json': suppressed: 2, new: 0, no longer found: 1 (--write-baseline "
            "records the findings anew)\n");
}

// Each SARIF result as "ruleId baselineState suppressions".
std::string sarif_states(const std::string& log) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(log).get(root) != simdjson::SUCCESS) return "not JSON";
  std::string out;
  for (const simdjson::dom::element result : root["runs"].at(0)["results"].get_array()) {
    out += std::string(result["ruleId"].get_string().value()) + " ";
    std::string_view state;
    if (result["baselineState"].get_string().get(state) != simdjson::SUCCESS) state = "-";
    out += std::string(state);
    simdjson::dom::array suppressions;
    if (result["suppressions"].get_array().get(suppressions) == simdjson::SUCCESS)
      for (const simdjson::dom::element s : suppressions) {
        out += ' ';
        out += simdjson::minify(s);
      }
    out += '\n';
  }
  return out;
}

TEST(CliBaseline, SarifKeepsSuppressedResultsWithTheirBaselineState) {
  const fs::path root = make_repository("baseline-sarif");
  ASSERT_EQ(run_cli(std::string("check ") + k_now + "--write-baseline baseline.json profiles", "", in(root)).status, 0);
  write(root / "profiles" / "b.json", with(k_b, "\"b\"", "5"));
  const cli_result r = run_cli(
      std::string("check --jobs 1 --format sarif ") + k_now + "--baseline baseline.json profiles", "", in(root));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(sarif_states(r.out),
            "role-without-domain unchanged {\"kind\":\"external\"}\n"
            "invalid-guid unchanged {\"kind\":\"external\"}\n"
            "type-mismatch new\n"
            "odata-type-noncanonical unchanged {\"kind\":\"external\"}\n");
  // Without a baseline, results have no baselineState.
  const cli_result none = run_cli(std::string("check --jobs 1 --format sarif ") + k_now + "profiles", "", in(root));
  EXPECT_EQ(sarif_states(none.out),
            "role-without-domain -\ninvalid-guid -\ntype-mismatch -\nodata-type-noncanonical -\n");
}

TEST(CliBaseline, NdjsonDocumentsAreKeyedByLineAndStandardInputByName) {
  const fs::path root = fresh_dir("baseline-ndjson");
  write(root / "lines.ndjson", "{\"displayName\":5}\n\n{\"displayName\":\"ok\"}\n{\"displayName\":[]}\n");
  const std::string options = "check --no-config --mode update --ndjson --jobs 1 ";
  const cli_result written = run_cli(options + "--write-baseline b.json lines.ndjson", "", in(root));
  EXPECT_EQ(written.status, 0);
  EXPECT_EQ(read_all((root / "b.json").string()),
            "{\n  \"format\": \"sdsprofile-baseline\",\n  \"version\": 1,\n  \"findings\": [\n"
            "    {\"file\": \"lines.ndjson\", \"line\": 1, \"code\": \"type-mismatch\", \"fingerprint\": "
            "\"/displayName\", \"count\": 1},\n"
            "    {\"file\": \"lines.ndjson\", \"line\": 4, \"code\": \"type-mismatch\", \"fingerprint\": "
            "\"/displayName\", \"count\": 1}\n"
            "  ]\n}\n");
  // The same lines: nothing new. A line added above moves the documents: they are new.
  EXPECT_EQ(run_cli(options + "--baseline b.json lines.ndjson", "", in(root)).status, 0);
  write(root / "lines.ndjson", "{\"displayName\":5}\n\n{\"displayName\":\"ok\"}\n{\"displayName\":[]}\n{}\n");
  EXPECT_EQ(run_cli(options + "--baseline b.json lines.ndjson", "", in(root)).status, 0);
  write(root / "lines.ndjson", "{}\n{\"displayName\":5}\n\n{\"displayName\":\"ok\"}\n{\"displayName\":[]}\n");
  const cli_result moved = run_cli(options + "--baseline b.json lines.ndjson", "", in(root));
  EXPECT_EQ(moved.status, 1);
  EXPECT_EQ(moved.err,
            "sdsprofile: documents: 4, valid: 2, invalid: 2, errors: 2, warnings: 0, suppressed: 0\n"
            "sdsprofile: baseline 'b.json': suppressed: 0, new: 2, no longer found: 2 (--write-baseline records the "
            "findings anew)\n");

  // Standard input is "<stdin>"; the three missing properties of {} are counted under one entry.
  EXPECT_EQ(run_cli("check --no-config --write-baseline s.json -", "{}", in(root)).status, 0);
  EXPECT_EQ(read_all((root / "s.json").string()),
            "{\n  \"format\": \"sdsprofile-baseline\",\n  \"version\": 1,\n  \"findings\": [\n"
            "    {\"file\": \"<stdin>\", \"code\": \"missing-required\", \"fingerprint\": \"\", \"count\": 3}\n"
            "  ]\n}\n");
  const cli_result again = run_cli("check --no-config --baseline s.json -", "{}", in(root));
  EXPECT_EQ(again.status, 0);
  EXPECT_EQ(again.err, "sdsprofile: baseline 's.json': suppressed: 3, new: 0\n");
}

TEST(CliBaseline, NamesAreRelativeToTheBaselineFile) {
  const fs::path root = make_repository("baseline-names");
  // Written from the repository's root, read from elsewhere with other spellings of the names.
  fs::create_directories(root / "ci");
  ASSERT_EQ(
      run_cli(std::string("check ") + k_now + "--write-baseline ci/baseline.json ./profiles", "", in(root)).status, 0);
  const std::string expected =
      with(with(with(k_recorded, "\"profiles/", "\"../profiles/"), "\"profiles/a", "\"../profiles/a"), "\"profiles/b",
           "\"../profiles/b");
  EXPECT_EQ(read_all((root / "ci" / "baseline.json").string()), expected);
  const cli_result r =
      run_cli(std::string("check ") + k_now + "--baseline ../ci/baseline.json a.json ../profiles/b.json", "",
              in(root / "profiles"));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.err,
            "sdsprofile: documents: 2, valid: 2, invalid: 0, errors: 0, warnings: 0, suppressed: 3\n"
            "sdsprofile: baseline '../ci/baseline.json': suppressed: 3, new: 0\n");
}

TEST(CliBaseline, BadBaselinesAreUsageErrors) {
  const fs::path root = make_repository("baseline-bad");
  const std::pair<std::string, std::string> cases[] = {
      {"", "baseline 'b.json' is not JSON: Empty: no JSON found"},
      {"[]", "'b.json' is not a baseline: it has no \"format\": \"sdsprofile-baseline\""},
      {"{\"format\":\"sdsprofile-baseline\",\"version\":2,\"findings\":[]}",
       "baseline 'b.json': this sdsprofile reads version 1 only"},
      {"{\"format\":\"sdsprofile-baseline\",\"version\":1}", "baseline 'b.json': \"findings\" is not an array"},
      {"{\"format\":\"sdsprofile-baseline\",\"version\":1,\"findings\":[{\"file\":\"a\",\"code\":\"x\"}]}",
       "baseline 'b.json': findings[0]: an entry lacks \"file\", \"code\" or \"fingerprint\""},
      {"{\"format\":\"sdsprofile-baseline\",\"version\":1,\"findings\":[{},{\"count\":0}]}",
       "baseline 'b.json': findings[0]: an entry lacks \"file\", \"code\" or \"fingerprint\""},
      {"{\"format\":\"sdsprofile-baseline\",\"version\":1,\"findings\":[{\"file\":\"a\",\"code\":\"x\","
       "\"fingerprint\":\"\",\"count\":0}]}",
       "baseline 'b.json': findings[0]: \"count\" of an entry is not a positive integer"},
      {"{\"format\":\"sdsprofile-baseline\",\"version\":1,\"findings\":[{\"file\":\"a\",\"code\":\"x\","
       "\"fingerprint\":\"\",\"note\":1}]}",
       "baseline 'b.json': findings[0]: an entry has the unknown member \"note\""},
  };
  for (const auto& [content, message] : cases) {
    write(root / "b.json", content);
    const cli_result r = run_cli("check --baseline b.json profiles", "", in(root));
    EXPECT_EQ(r.status, 2) << content;
    EXPECT_EQ(r.out, "") << content;
    EXPECT_EQ(r.err, "sdsprofile: " + message + "\n") << content;
  }
  const cli_result missing = run_cli("check --baseline missing.json profiles", "", in(root));
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.err, "sdsprofile: cannot open 'missing.json': No such file or directory\n");
  // An input that cannot be read: no baseline is written (it would miss that input's findings).
  const cli_result unreadable =
      run_cli(std::string("check ") + k_now + "--write-baseline w.json profiles missing.json", "", in(root));
  EXPECT_EQ(unreadable.status, 2);
  EXPECT_FALSE(fs::exists(root / "w.json"));
  EXPECT_NE(unreadable.err.find("sdsprofile: baseline 'w.json' not written: an input could not be checked\n"),
            std::string::npos)
      << unreadable.err;
  // A baseline that cannot be written: exit status 2.
  const cli_result full = run_cli(std::string("check ") + k_now + "--write-baseline /dev/full profiles", "", in(root));
  EXPECT_EQ(full.status, 2);
  EXPECT_NE(full.err.find("sdsprofile: cannot write '/dev/full': No space left on device\n"), std::string::npos)
      << full.err;
}

}  // namespace
