// Fixes (docs/rules.md "Fixes"): for each kind, the exact edit (offset, length, replacement) of a
// small input, the text apply_fixes makes of it, and a re-check without the finding; the fixes
// that are held back and the hint that says why; findings that get no fix; the C API's view of
// the same edits.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sdsprofile/sdsprofile.h"
#include "sdsprofile/sdsprofile.hpp"

namespace {

using sdsprofile::code;

struct expected_edit {
  std::size_t offset, length;
  std::string_view replacement;
};

// The edit that replaces the token `marker` (found in `input`, counted apart from the library).
expected_edit token(std::string_view input, std::string_view marker, std::string_view replacement) {
  const std::size_t at = input.find(marker);
  EXPECT_NE(at, std::string_view::npos) << marker;
  return {at, marker.size(), replacement};
}

sdsprofile::options fixed_clock(sdsprofile::mode m = sdsprofile::mode::update) {
  sdsprofile::options o;
  o.check_mode = m;
  o.now = sdsprofile::parse_rfc3339("2026-01-15T00:00:00Z");
  return o;
}

// The one diagnostic of `input` with `c`; fails when there is not exactly one.
const sdsprofile::diagnostic* only(const sdsprofile::report& r, code c) {
  const sdsprofile::diagnostic* found = nullptr;
  for (const auto& d : r.diagnostics()) {
    if (d.code != c) continue;
    EXPECT_EQ(found, nullptr) << "more than one " << to_string(c);
    found = &d;
  }
  EXPECT_NE(found, nullptr) << "no " << to_string(c);
  return found;
}

// `input` has one finding `c` whose fix is `edits`; applying every fix gives `fixed`, which
// re-checks without any `c`.
void expect_fix(std::string_view input, code c, const std::vector<expected_edit>& edits, std::string_view fixed,
                const sdsprofile::options& opts = fixed_clock()) {
  sdsprofile::checker checker;
  const sdsprofile::report r = checker.check(input, opts);
  const sdsprofile::diagnostic* d = only(r, c);
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->fix.size(), edits.size()) << to_string(c);
  for (std::size_t i = 0; i < edits.size(); ++i) {
    EXPECT_EQ(d->fix[i].offset, edits[i].offset) << to_string(c);
    EXPECT_EQ(d->fix[i].length, edits[i].length) << to_string(c);
    EXPECT_EQ(d->fix[i].replacement, edits[i].replacement) << to_string(c);
  }
  std::string out;
  EXPECT_EQ(sdsprofile::apply_fixes(input, r.diagnostics(), out), 1u);
  EXPECT_EQ(out, fixed);
  for (const auto& after : checker.check(out, opts).diagnostics())
    EXPECT_NE(after.code, c) << "still there after the fix: " << after.message;
}

// `input` has one finding `c` and no fix for it.
void expect_no_fix(std::string_view input, code c, const sdsprofile::options& opts = fixed_clock()) {
  sdsprofile::checker checker;
  const sdsprofile::report& r = checker.check(input, opts);
  const sdsprofile::diagnostic* d = only(r, c);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->fix.empty()) << to_string(c) << ": " << d->message;
}

TEST(Fix, NoncanonicalOdataTypeIsWrittenCanonically) {
  const std::string_view input = "{\"dataProvider\": {\"@odata.type\": \"graph.educationcsvdataprovider\"}}";
  expect_fix(input, code::odata_type_noncanonical,
             {token(input, "\"graph.educationcsvdataprovider\"", "\"#microsoft.graph.educationCsvDataProvider\"")},
             "{\"dataProvider\": {\"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\"}}");
}

TEST(Fix, HistoricOdataTypeNameGetsItsCurrentName) {
  const std::string_view historic = "{\"dataProvider\": {\"@odata.type\": \"#microsoft.graph.csvDataProvider\"}}";
  expect_fix(historic, code::unknown_odata_type,
             {token(historic, "\"#microsoft.graph.csvDataProvider\"", "\"#microsoft.graph.educationCsvDataProvider\"")},
             "{\"dataProvider\": {\"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\"}}");
  // Another namespace, the same name.
  const std::string_view other =
      "{\"dataProvider\": {\"@odata.type\": \"#Microsoft.Education.DataSync.educationCsvDataProvider\"}}";
  expect_fix(other, code::unknown_odata_type,
             {token(other, "\"#Microsoft.Education.DataSync.educationCsvDataProvider\"",
                    "\"#microsoft.graph.educationCsvDataProvider\"")},
             "{\"dataProvider\": {\"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\"}}");
}

TEST(Fix, UnknownOdataTypeByEditDistanceIsNotFixed) {
  expect_no_fix("{\"dataProvider\": {\"@odata.type\": \"#microsoft.graph.educationCsvDataProvidr\"}}",
                code::unknown_odata_type);
}

TEST(Fix, EnumMemberInAnotherCase) {
  const std::string_view input = "{\"licensesToAssign\": [{\"appliesTo\": \"Student\", \"skuIds\": []}]}";
  expect_fix(input, code::invalid_enum, {token(input, "\"Student\"", "\"student\"")},
             "{\"licensesToAssign\": [{\"appliesTo\": \"student\", \"skuIds\": []}]}");
  expect_no_fix("{\"licensesToAssign\": [{\"appliesTo\": \"studnet\", \"skuIds\": []}]}", code::invalid_enum);
}

TEST(Fix, PropertyNameInAnotherCase) {
  expect_fix("{\n  \"DisplayName\": \"x\"\n}", code::property_name_case, {{4, 13, "\"displayName\""}},
             "{\n  \"displayName\": \"x\"\n}");
  // The discriminator's name.
  expect_fix("{\"dataProvider\": {\"@OData.Type\": \"#microsoft.graph.educationCsvDataProvider\"}}",
             code::property_name_case, {{18, 13, "\"@odata.type\""}},
             "{\"dataProvider\": {\"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\"}}");
}

TEST(Fix, NameWithEscapesIsRewrittenWhole) {
  // "Displ\u0061yName": the whole token is replaced by one without escapes.
  expect_fix("{\"Displ\\u0061yName\": \"x\"}", code::property_name_case, {{1, 18, "\"displayName\""}},
             "{\"displayName\": \"x\"}");
}

TEST(Fix, HistoricPropertyNameWithOneReplacement) {
  expect_fix("{\"dataSource\": {}}", code::unknown_property, {{1, 12, "\"dataProvider\""}}, "{\"dataProvider\": {}}");
  // In any case.
  expect_fix("{\"DataSource\": {}}", code::unknown_property, {{1, 12, "\"dataProvider\""}}, "{\"dataProvider\": {}}");
  // Two historic names share termIds, and nothing replaced dateFormat: no rename.
  expect_no_fix("{\"dateFormat\": \"x\"}", code::unknown_property);
}

TEST(Fix, WhiteSpaceAroundAName) {
  expect_fix("{\"displayName \": \"x\"}", code::unknown_property, {{1, 14, "\"displayName\""}},
             "{\"displayName\": \"x\"}");
  expect_fix("{\"displayName\\t\": \"x\"}", code::unknown_property, {{1, 15, "\"displayName\""}},
             "{\"displayName\": \"x\"}");
}

TEST(Fix, UnknownPropertyByEditDistanceIsNotFixed) {
  expect_no_fix("{\"displayNam\": \"x\"}", code::unknown_property);
  expect_no_fix("{\"display_name\": \"x\"}", code::unknown_property);
}

TEST(Fix, GuidBracesSpacesAndCase) {
  const std::string_view braces =
      "{\"licensesToAssign\": [{\"appliesTo\": \"student\", \"skuIds\": "
      "[\"{6FD2C87F-B296-42F0-B197-1E91E994B900}\"]}]}";
  expect_fix(braces, code::invalid_guid,
             {token(braces, "\"{6FD2C87F-B296-42F0-B197-1E91E994B900}\"", "\"6fd2c87f-b296-42f0-b197-1e91e994b900\"")},
             "{\"licensesToAssign\": [{\"appliesTo\": \"student\", \"skuIds\": "
             "[\"6fd2c87f-b296-42f0-b197-1e91e994b900\"]}]}");
  const std::string_view spaces =
      "{\"licensesToAssign\": [{\"appliesTo\": \"student\", \"skuIds\": [\" 6fd2c87f-b296-42f0-b197-1e91e994b900 "
      "\"]}]}";
  expect_fix(spaces, code::invalid_guid,
             {token(spaces, "\" 6fd2c87f-b296-42f0-b197-1e91e994b900 \"", "\"6fd2c87f-b296-42f0-b197-1e91e994b900\"")},
             "{\"licensesToAssign\": [{\"appliesTo\": \"student\", \"skuIds\": "
             "[\"6fd2c87f-b296-42f0-b197-1e91e994b900\"]}]}");
  expect_no_fix("{\"licensesToAssign\": [{\"appliesTo\": \"student\", \"skuIds\": [\"STANDARDWOFFPACK_STUDENT\"]}]}",
                code::invalid_guid);
}

TEST(Fix, DomainWithAtTrailingDotOrSpaces) {
  const auto domains = [](std::string_view name) {
    return "{\"identitySynchronizationConfiguration\": {\"@odata.type\": "
           "\"#microsoft.graph.educationIdentityCreationConfiguration\", \"userDomains\": [{\"appliesTo\": "
           "\"student\", \"name\": " +
           std::string(name) + "}]}}";
  };
  for (const std::string_view name : {"\"@contoso.edu\"", "\"contoso.edu.\"", "\" contoso.edu \""}) {
    const std::string input = domains(name);
    expect_fix(input, code::invalid_domain, {token(input, name, "\"contoso.edu\"")}, domains("\"contoso.edu\""));
  }
  expect_no_fix(domains("\"contoso\""), code::invalid_domain);
}

TEST(Fix, MatchingNameInAnotherCase) {
  const std::string_view input =
      "{\"identitySynchronizationConfiguration\": {\"@odata.type\": "
      "\"#microsoft.graph.educationIdentityMatchingConfiguration\", \"matchingOptions\": [{\"appliesTo\": "
      "\"student\", \"sourcePropertyName\": \"username\", \"targetPropertyName\": \"userPrincipalName\", "
      "\"targetDomain\": \"contoso.edu\"}]}}";
  const expected_edit e = token(input, "\"username\"", "\"Username\"");
  expect_fix(input, code::case_sensitive_value, {e},
             std::string(input.substr(0, e.offset)) + "\"Username\"" + std::string(input.substr(e.offset + 10)));
}

TEST(Fix, TimestampForAnEdmDateKeepsItsDate) {
  const std::string_view input = "{\"expirationDate\": \"2026-06-01T00:00:00Z\"}";
  expect_fix(input, code::invalid_date, {token(input, "\"2026-06-01T00:00:00Z\"", "\"2026-06-01\"")},
             "{\"expirationDate\": \"2026-06-01\"}");
  expect_no_fix("{\"expirationDate\": \"06/01/2026\"}", code::invalid_date);
}

TEST(Fix, QuotedBooleanBecomesTheLiteral) {
  const std::string_view input = "{\"handleSpecialCharacterConstraint\": \"true\"}";
  expect_fix(input, code::type_mismatch, {token(input, "\"true\"", "true")},
             "{\"handleSpecialCharacterConstraint\": true}");
  expect_no_fix("{\"handleSpecialCharacterConstraint\": \"yes\"}", code::type_mismatch);
}

TEST(Fix, LaterDuplicateOdataTypeIsRemovedWithItsComma) {
  const std::string_view input =
      "{\n  \"dataProvider\": {\n    \"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\",\n"
      "    \"@odata.type\": \"#microsoft.graph.educationPowerSchoolDataProvider\"\n  }\n}\n";
  const std::size_t comma = input.find("\",\n") + 1;
  const std::size_t end = input.find("Provider\"\n  }") + 9;
  expect_fix(input, code::json_duplicate_key, {{comma, end - comma, ""}},
             "{\n  \"dataProvider\": {\n    \"@odata.type\": \"#microsoft.graph.educationCsvDataProvider\"\n  }\n}\n");
  // Another duplicate name is not removed: which one was meant is a guess.
  expect_no_fix("{\"displayName\": \"a\", \"displayName\": \"b\"}", code::json_duplicate_key);
}

TEST(Fix, OffsetsCountTheBom) {
  expect_fix("\xEF\xBB\xBF{\"DisplayName\": \"x\"}", code::property_name_case, {{4, 13, "\"displayName\""}},
             "\xEF\xBB\xBF{\"displayName\": \"x\"}");
}

TEST(Fix, RenameOntoAnExistingNameIsHeldBack) {
  sdsprofile::checker checker;
  const auto& r = checker.check("{\"displayName\": \"a\", \"DisplayName\": \"b\"}", fixed_clock());
  const sdsprofile::diagnostic* d = only(r, code::property_name_case);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->fix.empty());
  EXPECT_EQ(d->hint,
            "Write \"displayName\". Not fixed automatically: \"displayName\" is already a member of this object.");
  const auto& historic = checker.check("{\"dataSource\": {}, \"dataProvider\": {}}", fixed_clock());
  d = only(historic, code::unknown_property);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->fix.empty());
  EXPECT_EQ(d->hint,
            "\"dataSource\" is a historic name: early preview bodies used 'dataSource'; the property is "
            "'dataProvider'. Use \"dataProvider\". Not fixed automatically: \"dataProvider\" is already a member of "
            "this object.");
}

TEST(Fix, TwoRenamesOntoOneNameAreHeldBack) {
  sdsprofile::checker checker;
  const auto& r = checker.check("{\"DisplayName\": \"a\", \"displayName \": \"b\"}", fixed_clock());
  ASSERT_EQ(r.diagnostics().size(), 2u);
  for (const auto& d : r.diagnostics()) {
    EXPECT_TRUE(d.fix.empty()) << d.message;
    EXPECT_TRUE(
        d.hint.ends_with("Not fixed automatically: another member of this object would also be named \"displayName\"."))
        << d.hint;
  }
}

TEST(Fix, RenamesInALargeObject) {
  // More than 32 members: the names are indexed once for the report, with the same answers.
  std::string members;
  for (int i = 0; i < 40; ++i) members += "\"@x.a" + std::to_string(i) + "\": 0, ";
  sdsprofile::checker checker;
  const auto& held = checker.check("{" + members + "\"DisplayName\": \"a\", \"displayName\": \"b\"}", fixed_clock());
  const sdsprofile::diagnostic* d = only(held, code::property_name_case);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->fix.empty());
  EXPECT_TRUE(d->hint.ends_with("Not fixed automatically: \"displayName\" is already a member of this object."));
  const auto& shared = checker.check("{" + members + "\"DisplayName\": \"a\", \"displayName \": \"b\"}", fixed_clock());
  for (const auto& f : shared.diagnostics())
    if (f.code != code::ignored_annotation) {
      EXPECT_TRUE(f.fix.empty()) << f.message;
      EXPECT_TRUE(f.hint.ends_with("another member of this object would also be named \"displayName\".")) << f.hint;
    }
  const std::string alone = "{" + members + "\"DisplayName\": \"a\"}";
  expect_fix(alone, code::property_name_case, {token(alone, "\"DisplayName\"", "\"displayName\"")},
             "{" + members + "\"displayName\": \"a\"}");
}

TEST(Fix, RenameInANestedObjectLooksOnlyAtItsSiblings) {
  // "appliesTo" exists in the first item, not in the second: the second's rename goes ahead.
  const std::string_view input =
      "{\"licensesToAssign\": [{\"appliesTo\": \"student\", \"skuIds\": []}, {\"AppliesTo\": \"teacher\", "
      "\"skuIds\": []}]}";
  expect_fix(input, code::property_name_case, {token(input, "\"AppliesTo\"", "\"appliesTo\"")},
             "{\"licensesToAssign\": [{\"appliesTo\": \"student\", \"skuIds\": []}, {\"appliesTo\": \"teacher\", "
             "\"skuIds\": []}]}");
}

TEST(Fix, OverlappingFixesAreAppliedOneAtATime) {
  // Two duplicates removed in one pass do not overlap; a fix overlapping one taken is left out.
  sdsprofile::diagnostic a, b;
  const sdsprofile::edit first{1, 3, "x"}, second{2, 3, "y"}, third{4, 1, "z"};
  a.fix = {&first, 1};
  b.fix = {&second, 1};
  sdsprofile::diagnostic c;
  c.fix = {&third, 1};
  const std::vector<sdsprofile::diagnostic> all{b, a, c};
  std::string out;
  EXPECT_EQ(sdsprofile::apply_fixes("0123456", all, out), 2u);
  EXPECT_EQ(out, "0xz56");
}

TEST(Fix, CopiedAndFilteredReportsKeepTheirFixes) {
  sdsprofile::checker checker;
  sdsprofile::report kept = checker.check("{\"DisplayName\": \"x\", \"dataSource\": {}}", fixed_clock());
  checker.check("{}", fixed_clock());  // the checker's report is reused
  sdsprofile::report moved = std::move(kept);
  const sdsprofile::report copied = moved;
  ASSERT_EQ(copied.diagnostics().size(), 2u);
  EXPECT_EQ(copied.diagnostics()[0].fix[0].replacement, "\"displayName\"");
  EXPECT_EQ(copied.diagnostics()[1].fix[0].replacement, "\"dataProvider\"");
  sdsprofile::policy p;
  sdsprofile::policy_layer ignore_case;
  ignore_case.ignore = {"property-name-case"};
  ASSERT_TRUE(p.add(ignore_case).empty());
  sdsprofile::report filtered;
  p.apply(copied, filtered);
  ASSERT_EQ(filtered.diagnostics().size(), 1u);
  EXPECT_EQ(filtered.diagnostics()[0].fix[0].offset, 21u);  // {"DisplayName": "x", | "dataSource"
  EXPECT_EQ(filtered.diagnostics()[0].fix[0].replacement, "\"dataProvider\"");
}

TEST(Fix, CleanInputHasNoFixAndNoFindingGetsOneItDoesNotHave) {
  sdsprofile::checker checker;
  EXPECT_TRUE(checker.check("{\"displayName\": \"x\"}", fixed_clock()).diagnostics().empty());
  for (const auto& d : checker.check("{\"id\": \"x\", \"@odata.etag\": \"y\"}", fixed_clock()).diagnostics())
    EXPECT_TRUE(d.fix.empty()) << d.message;
}

TEST(FixCApi, EditsOfADiagnostic) {
  sdsprofile_checker* c = nullptr;
  ASSERT_EQ(sdsprofile_checker_create(&c), SDSPROFILE_OK);
  std::size_t count = 99;
  EXPECT_EQ(sdsprofile_diagnostic_fix_count(c, 0, &count), SDSPROFILE_ERROR_NO_RESULT);
  const std::string_view input = "{\"DisplayName\": \"x\", \"displayNam\": 1}";
  sdsprofile_options o;
  sdsprofile_options_init(&o);
  o.mode = SDSPROFILE_MODE_UPDATE;
  ASSERT_EQ(sdsprofile_check(c, input.data(), input.size(), &o), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_diagnostic_fix_count(c, 0, &count), SDSPROFILE_OK);
  EXPECT_EQ(count, 1u);
  sdsprofile_edit e{};
  ASSERT_EQ(sdsprofile_diagnostic_fix_edit(c, 0, 0, &e), SDSPROFILE_OK);
  EXPECT_EQ(e.offset, 1u);
  EXPECT_EQ(e.length, 13u);
  EXPECT_EQ(std::string_view(e.replacement, e.replacement_length), "\"displayName\"");
  ASSERT_EQ(sdsprofile_diagnostic_fix_count(c, 1, &count), SDSPROFILE_OK);
  EXPECT_EQ(count, 0u);
  const sdsprofile_edit before = e;
  EXPECT_EQ(sdsprofile_diagnostic_fix_edit(c, 1, 0, &e), SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE);
  EXPECT_EQ(sdsprofile_diagnostic_fix_edit(c, 2, 0, &e), SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE);
  EXPECT_EQ(e.offset, before.offset);
  EXPECT_EQ(sdsprofile_diagnostic_fix_count(c, 2, &count), SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE);
  EXPECT_EQ(sdsprofile_diagnostic_fix_count(nullptr, 0, &count), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_diagnostic_fix_count(c, 0, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_diagnostic_fix_edit(nullptr, 0, 0, &e), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_diagnostic_fix_edit(c, 0, 0, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  sdsprofile_checker_destroy(c);
}

}  // namespace
