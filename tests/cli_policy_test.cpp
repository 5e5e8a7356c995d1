// The CLI's per-code policy (--select, --ignore, --warn, --error, sdsprofile.toml, --config,
// --no-config, `config`) and its directory walks (--include, --exclude, hidden directories,
// node_modules, *.json beside NDJSON), with exact output and exit status.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_run.hpp"
#include "sdsprofile/codes.hpp"

namespace {

namespace fs = std::filesystem;
using sdsprofile::test::cli_result;
using sdsprofile::test::run_cli;
using sdsprofile::test::shell_quote;

constexpr const char* k_now = "--now 2026-01-15T00:00:00Z ";

// A fresh directory under the scratch directory.
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

// Valid, with one odata-type-noncanonical warning (line 1, column 34) and one nil-guid warning.
const std::string k_warnings =
    R"({"displayName":"x","dataProvider":{"@odata.type":"microsoft.graph.educationCsvDataProvider"},)"
    R"("identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration",)"
    R"("userDomains":[{"appliesTo":"student","name":"contoso.edu"}]},)"
    R"("licensesToAssign":[{"appliesTo":"student","skuIds":["00000000-0000-0000-0000-000000000000"]}]})";
// Invalid: one invalid-guid error (and nothing else).
const std::string k_bad_guid =
    R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider"},)"
    R"("identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration",)"
    R"("userDomains":[{"appliesTo":"student","name":"contoso.edu"}]},)"
    R"("licensesToAssign":[{"appliesTo":"student","skuIds":["x"]}]})";

// Just the "[code]" and severity of each text line, for short expectations.
std::string codes_of(const std::string& text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    if (line.starts_with("    hint: ")) continue;
    const std::size_t severity =
        line.find(": warning: ") != std::string::npos ? line.find(": warning: ") : line.find(": error: ");
    const std::size_t bracket = line.rfind(" [");
    const std::string file = line.substr(line.rfind('/', severity) + 1, line.find(':') - line.rfind('/', severity) - 1);
    out += file + " " + line.substr(severity + 2, line.find(':', severity + 2) - severity - 2) + " " +
           line.substr(bracket + 2, line.size() - bracket - 3) + "\n";
  }
  return out;
}

TEST(CliPolicy, OptionsIgnoreAndChangeSeverities) {
  const fs::path dir = fresh_dir("policy-options");
  write(dir / "w.json", k_warnings);
  write(dir / "g.json", k_bad_guid);
  const std::string w = shell_quote((dir / "w.json").string()), g = shell_quote((dir / "g.json").string());
  const cli_result plain = run_cli(std::string("check --no-config ") + k_now + w + " " + g);
  EXPECT_EQ(plain.status, 1);
  EXPECT_EQ(codes_of(plain.out),
            "w.json warning odata-type-noncanonical\nw.json warning nil-guid\ng.json error invalid-guid\n");

  const cli_result ignored =
      run_cli(std::string("check --no-config --ignore invalid-guid,nil-guid ") + k_now + w + " " + g);
  EXPECT_EQ(ignored.status, 0) << ignored.err;
  EXPECT_EQ(codes_of(ignored.out), "w.json warning odata-type-noncanonical\n");
  EXPECT_EQ(ignored.err, "sdsprofile: documents: 2, valid: 2, invalid: 0, errors: 0, warnings: 1\n");

  const cli_result errors =
      run_cli(std::string("check --no-config --error odata-type- --warn invalid-guid ") + k_now + w + " " + g);
  EXPECT_EQ(errors.status, 1);
  EXPECT_EQ(codes_of(errors.out),
            "w.json error odata-type-noncanonical\nw.json warning nil-guid\ng.json warning invalid-guid\n");
  EXPECT_EQ(errors.err, "sdsprofile: documents: 2, valid: 1, invalid: 1, errors: 1, warnings: 2\n");

  // --strict applies to what stays a warning.
  EXPECT_EQ(
      run_cli(std::string("check --no-config --strict --ignore odata-type-noncanonical,nil-guid ") + k_now + w).status,
      0);
  EXPECT_EQ(run_cli(std::string("check --no-config --strict --ignore nil-guid ") + k_now + w).status, 1);

  // --select: only these codes (and the document-level ones).
  const cli_result selected =
      run_cli(std::string("check --no-config --select nil-guid,invalid- ") + k_now + w + " " + g);
  EXPECT_EQ(selected.status, 1);
  EXPECT_EQ(codes_of(selected.out), "w.json warning nil-guid\ng.json error invalid-guid\n");
  const cli_result syntax = run_cli("check --no-config --select nil-guid -", "{");
  EXPECT_EQ(syntax.status, 1);
  EXPECT_EQ(syntax.out.rfind("<stdin>:1:2: error: ", 0), 0u) << syntax.out;

  // JSON Lines: the record's validity and severities follow the policy.
  const cli_result json =
      run_cli(std::string("check --no-config --format json --ignore nil-guid --error odata-type- ") + k_now + w);
  EXPECT_EQ(json.status, 1);
  EXPECT_EQ(json.out.rfind("{\"file\":" + std::string("\"") + (dir / "w.json").string() +
                               "\",\"valid\":false,\"diagnostics\":[{\"severity\":\"error\",\"code\":\"odata-type-"
                               "noncanonical\",\"path\":\"/dataProvider/@odata.type\",\"line\":1,\"column\":50,",
                           0),
            0u)
      << json.out;
  EXPECT_EQ(json.out.find("nil-guid"), std::string::npos);
}

TEST(CliPolicy, BadSelectorsAreUsageErrors) {
  const std::pair<std::string, std::string> cases[] = {
      {"--ignore date-in-pastt", "sdsprofile: --ignore: unknown code 'date-in-pastt', did you mean 'date-in-past'?\n"},
      {"--select odata-type", "sdsprofile: --select: unknown code 'odata-type', did you mean 'odata-type-'?\n"},
      {"--error nothing-like-this", "sdsprofile: --error: unknown code 'nothing-like-this'\n"},
      {"--ignore json-syntax", "sdsprofile: --ignore: 'json-syntax' is a document-level code: it cannot be ignored\n"},
      {"--warn json-too-large",
       "sdsprofile: --warn: 'json-too-large' is a document-level code: it cannot be made a warning\n"},
      {"--ignore json-too-",
       "sdsprofile: --ignore: 'json-too-' names only document-level codes, which cannot be ignored\n"},
  };
  for (const auto& [options, message] : cases) {
    for (const char* command : {"check --no-config ", "expand --no-config ", "config --no-config "}) {
      const cli_result r = run_cli(command + options + " -", "{}");
      EXPECT_EQ(r.status, 2) << command << options;
      EXPECT_EQ(r.err, message) << command << options;
      EXPECT_EQ(r.out, "") << command << options;
    }
  }
  const cli_result both = run_cli("check --no-config --config x.toml -", "{}");
  EXPECT_EQ(both.status, 2);
  EXPECT_EQ(both.err, "sdsprofile: --config excludes --no-config\nRun 'sdsprofile check --help' for the usage.\n");
}

// The acceptance test: a directory checked with an sdsprofile.toml that ignores one code and
// errors on another gives exactly the expected findings and exit status.
TEST(CliPolicy, ProjectFileIsFoundFromEachInputUpwards) {
  const fs::path root = fresh_dir("policy-project");
  write(root / "sdsprofile.toml",
        "# the project's policy\nignore = [\"nil-guid\"]\nerror = [\"odata-type-noncanonical\"]\n");
  write(root / "profiles" / "w.json", k_warnings);
  write(root / "profiles" / "g.json", k_bad_guid);
  write(root / "other" / "sdsprofile.toml", "warn = [\"invalid-guid\"]\n");
  write(root / "other" / "g.json", k_bad_guid);
  write(root / "other" / "w.json", k_warnings);
  const std::string profiles = shell_quote((root / "profiles").string());
  const cli_result r = run_cli(std::string("check --jobs 1 ") + k_now + profiles);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(codes_of(r.out), "g.json error invalid-guid\nw.json error odata-type-noncanonical\n");
  EXPECT_EQ(r.err, "sdsprofile: documents: 2, valid: 0, invalid: 2, errors: 2, warnings: 0\n");

  // The nearest file wins, whole: other/ has its own (nil-guid is reported again there).
  const cli_result other = run_cli(std::string("check --jobs 1 ") + k_now + shell_quote((root / "other").string()));
  EXPECT_EQ(other.status, 0) << other.out;
  EXPECT_EQ(codes_of(other.out),
            "g.json warning invalid-guid\nw.json warning odata-type-noncanonical\nw.json warning nil-guid\n");

  // The command line goes over the file; --config names the file for every input; --no-config
  // reads none.
  const cli_result over =
      run_cli(std::string("check --jobs 1 --ignore invalid-guid --warn odata-type- ") + k_now + profiles);
  EXPECT_EQ(over.status, 0) << over.out;
  EXPECT_EQ(codes_of(over.out), "w.json warning odata-type-noncanonical\n");
  const cli_result config =
      run_cli(std::string("check --jobs 1 --config ") + shell_quote((root / "other" / "sdsprofile.toml").string()) +
              " " + k_now + profiles);
  EXPECT_EQ(config.status, 0);
  EXPECT_EQ(codes_of(config.out),
            "g.json warning invalid-guid\nw.json warning odata-type-noncanonical\nw.json warning nil-guid\n");
  const cli_result none = run_cli(std::string("check --jobs 1 --no-config ") + k_now + profiles);
  EXPECT_EQ(codes_of(none.out),
            "g.json error invalid-guid\nw.json warning odata-type-noncanonical\nw.json warning nil-guid\n");

  // Standard input: from the working directory.
  const cli_result in_root = run_cli(std::string("check ") + k_now + "-", k_warnings,
                                     "cd " + shell_quote((root / "profiles").string()) + " && ");
  EXPECT_EQ(in_root.status, 1);
  EXPECT_EQ(codes_of(in_root.out), "<stdin> error odata-type-noncanonical\n");
}

TEST(CliPolicy, BadProjectFilesStopTheCheck) {
  const fs::path root = fresh_dir("policy-bad");
  write(root / "p.json", k_warnings);
  const std::string file = (root / "sdsprofile.toml").string();
  const std::pair<std::string, std::string> cases[] = {
      {"ignore = [\"date-in-pastt\"]\n", ":1:11: ignore: unknown code 'date-in-pastt', did you mean 'date-in-past'?"},
      {"ignor = []\n",
       ":1:1: unknown key 'ignor', did you mean 'ignore'? (sdsprofile.toml takes select, ignore, warn "
       "and error)"},
      {"strict = true\n", ":1:1: unknown key 'strict' (sdsprofile.toml takes select, ignore, warn and error)"},
      {"ignore = \"nil-guid\"\n", ":1:10: ignore must be an array of codes, e.g. ignore = [\"date-in-past\"]"},
      {"warn = [1]\n", ":1:9: warn: a code must be a string"},
      {"warn = [\"json-syntax\"]\n", ":1:9: warn: 'json-syntax' is a document-level code: it cannot be made a warning"},
      {"ignore = [\n", ":1:12: Error while parsing array: encountered end-of-file"},
  };
  for (const auto& [content, message] : cases) {
    write(root / "sdsprofile.toml", content);
    const cli_result r = run_cli(std::string("check ") + shell_quote((root / "p.json").string()));
    EXPECT_EQ(r.status, 2) << content;
    EXPECT_EQ(r.out, "") << content;
    EXPECT_EQ(r.err, "sdsprofile: " + file + message + "\n") << content;
    EXPECT_EQ(run_cli("config " + shell_quote(root.string())).err, r.err) << content;
  }
  const cli_result missing = run_cli("check --config /nonexistent/sdsprofile.toml -", "{}");
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.err, "sdsprofile: cannot open '/nonexistent/sdsprofile.toml': No such file or directory\n");
}

TEST(CliPolicy, ConfigPrintsTheEffectivePolicyAndItsFile) {
  const fs::path root = fresh_dir("policy-config");
  write(root / "sdsprofile.toml", "ignore = [\"date-in-past\"]\nerror = [\"odata-type-\"]\n");
  fs::create_directories(root / "a" / "b");
  const cli_result r = run_cli("config " + shell_quote((root / "a" / "b").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  std::string expected = "config: " + (root / "sdsprofile.toml").string() + "\n";
  for (const auto& info : sdsprofile::all_codes()) {
    std::string line = std::string(info.name) + " " + std::string(sdsprofile::to_string(info.default_severity));
    if (info.name == "date-in-past") line = "date-in-past ignored (catalogue: warning)";
    if (info.name == "odata-type-noncanonical") line = "odata-type-noncanonical error (catalogue: warning)";
    expected += line + "\n";
  }
  EXPECT_EQ(r.out, expected);
  const cli_result more = run_cli("config --warn odata-type-missing " + shell_quote((root / "x.json").string()));
  EXPECT_NE(more.out.find("\nodata-type-missing warning (catalogue: error)\n"), std::string::npos) << more.out;
  EXPECT_NE(more.out.find("\nodata-type-noncanonical error (catalogue: warning)\n"), std::string::npos);
  const cli_result none = run_cli("config --no-config " + shell_quote(root.string()));
  EXPECT_EQ(none.out.substr(0, none.out.find('\n') + 1), "config: none (--no-config)\n");
  const cli_result nowhere = run_cli("config /");
  EXPECT_EQ(nowhere.out.substr(0, nowhere.out.find('\n') + 1),
            "config: none (no sdsprofile.toml in or above the directory)\n");
}

TEST(CliPolicy, ExpandFollowsThePolicyButExpandsOnlyValidBodies) {
  const fs::path root = fresh_dir("policy-expand");
  write(root / "w.json", k_warnings);
  write(root / "g.json", k_bad_guid);
  const std::string w = shell_quote((root / "w.json").string()), g = shell_quote((root / "g.json").string());
  const cli_result ok = run_cli(std::string("expand --no-config --ignore odata-type-,nil-guid ") + k_now + w);
  EXPECT_EQ(ok.status, 0);
  EXPECT_EQ(ok.err, "");
  EXPECT_EQ(ok.out.rfind("{\n    \"displayName\": \"x\",", 0), 0u);
  const cli_result stricter = run_cli(std::string("expand --no-config --error nil-guid ") + k_now + w);
  EXPECT_EQ(stricter.status, 1);
  EXPECT_EQ(stricter.out, "");
  EXPECT_NE(stricter.err.find(": error: The nil GUID"), std::string::npos) << stricter.err;
  const cli_result ignored = run_cli(std::string("expand --no-config --ignore invalid-guid ") + k_now + g);
  EXPECT_EQ(ignored.status, 1);
  EXPECT_EQ(ignored.out, "");
  EXPECT_EQ(ignored.err,
            "sdsprofile: not expanded: the catalogue finds 1 error(s) in it, which the policy leaves out or makes "
            "warnings\n");
}

// --- Directory walks ---------------------------------------------------------------------------

TEST(CliWalk, IncludeExcludeHiddenAndNodeModules) {
  const fs::path root = fresh_dir("walk-aim");
  for (const char* name : {"a.json", "sub/b.json", "sub/deep/c.json", ".git/d.json", "node_modules/pkg/e.json",
                           "sub/.cache/f.json", "build/g.json", "sub/h.txt", ".hidden-file.json"})
    write(root / name, "{}");
  const std::string dir = shell_quote(root.string());
  const auto files = [&](const std::string& options, const std::string& where) {
    const cli_result r = run_cli("check --no-config --mode update --format json --jobs 1 " + options + " " + where);
    std::string names;
    for (std::size_t at = 0; (at = r.out.find("{\"file\":\"", at)) != std::string::npos;) {
      at += 9;
      const std::string name = r.out.substr(at, r.out.find('"', at) - at);
      names += fs::path(name).lexically_relative(root).generic_string() + " ";
    }
    return std::to_string(r.status) + ": " + names;
  };
  EXPECT_EQ(files("", dir), "0: .hidden-file.json a.json build/g.json sub/b.json sub/deep/c.json ");
  EXPECT_EQ(files("--exclude build --exclude 'c.*'", dir), "0: .hidden-file.json a.json sub/b.json ");
  EXPECT_EQ(files("--exclude 'sub/**/*.json'", dir), "0: .hidden-file.json a.json build/g.json ");
  EXPECT_EQ(files("--exclude 'sub/*.json'", dir), "0: .hidden-file.json a.json build/g.json sub/deep/c.json ");
  EXPECT_EQ(files("--include 'sub/**'", dir), "0: sub/b.json sub/deep/c.json ");
  EXPECT_EQ(files("--include '[ab].json' --include 'g.json'", dir), "0: a.json build/g.json sub/b.json ");
  // The walk takes *.json only: nothing is left, which is an error (its JSON record names the directory).
  EXPECT_EQ(files("--include '*.txt'", dir), "2: . ");
  // Named on the command line, hidden directories and node_modules are walked.
  EXPECT_EQ(files("", shell_quote((root / ".git").string())), "0: .git/d.json ");
  EXPECT_EQ(files("", shell_quote((root / "node_modules").string())), "0: node_modules/pkg/e.json ");
  // The globs apply to walks only: a file named on the command line is checked.
  EXPECT_EQ(files("--exclude 'a.json'", shell_quote((root / "a.json").string())), "0: a.json ");
  const cli_result empty = run_cli("check --no-config --include '*.txt' " + dir);
  EXPECT_EQ(empty.err, "sdsprofile: no *.json file under '" + root.string() + "': nothing to check\n");
}

TEST(CliWalk, NdjsonReadsJsonFilesWholeAndNdjsonFilesByLine) {
  const fs::path root = fresh_dir("walk-ndjson");
  write(root / "pretty.json", "{\n  \"displayName\": 5\n}\n");
  write(root / "lines.ndjson", "{\"displayName\":\"a\"}\n{\"displayName\": 5}\n");
  write(root / "lines.jsonl", "{\"displayName\": 5}\n");
  const cli_result r = run_cli("check --no-config --mode update --ndjson --jobs 1 " + shell_quote(root.string()));
  EXPECT_EQ(r.status, 1);
  const std::string base = root.string() + "/";
  const std::string mismatch =
      ": error: \"displayName\" must be Edm.String (a JSON string), not a number. [type-mismatch]\n";
  EXPECT_EQ(r.out, base + "lines.jsonl:1:17" + mismatch + base + "lines.ndjson:2:17" + mismatch + base +
                       "pretty.json:2:18" + mismatch);
  EXPECT_EQ(r.err, "sdsprofile: documents: 4, valid: 1, invalid: 3, errors: 3, warnings: 0\n");
  // A *.json file named on the command line is still read line by line with --ndjson.
  const cli_result named =
      run_cli("check --no-config --mode update --ndjson " + shell_quote((root / "pretty.json").string()));
  EXPECT_EQ(named.status, 1);
  EXPECT_EQ(named.out.rfind(base + "pretty.json:1:2: error: ", 0), 0u) << named.out;
}

TEST(CliWalk, UnreadableInputsGetAJsonRecord) {
  const fs::path root = fresh_dir("walk-errors");
  write(root / "ok.json", "{}");
  const cli_result r = run_cli("check --no-config --mode update --format json /nonexistent/x.json " +
                               shell_quote((root / "ok.json").string()) + " /nonexistent-dir/");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out,
            "{\"file\":\"/nonexistent/x.json\",\"error\":\"cannot open '/nonexistent/x.json': No such file or "
            "directory\"}\n{\"file\":\"" +
                (root / "ok.json").string() +
                "\",\"valid\":true,\"diagnostics\":[]}\n{\"file\":\"/nonexistent-dir/\",\"error\":\"cannot "
                "open '/nonexistent-dir/': No such file or directory\"}\n");
  EXPECT_EQ(r.err,
            "sdsprofile: cannot open '/nonexistent/x.json': No such file or directory\n"
            "sdsprofile: cannot open '/nonexistent-dir/': No such file or directory\n");
}

}  // namespace
