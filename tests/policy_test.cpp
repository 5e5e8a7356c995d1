// The per-code policy of the library (sdsprofile/policy.hpp): selectors, layers, and the report
// filter, with exact values.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sdsprofile/sdsprofile.hpp"

namespace {

using sdsprofile::code;
using sdsprofile::code_action;
using sdsprofile::policy;
using sdsprofile::policy_layer;
using sdsprofile::policy_list;

TEST(Policy, SelectorsNameCodesOrWholeWordPrefixes) {
  EXPECT_EQ(sdsprofile::codes_named_by("date-in-past"), std::vector<code>{code::date_in_past});
  EXPECT_EQ(sdsprofile::codes_named_by("odata-type-"),
            (std::vector<code>{code::odata_type_missing, code::odata_type_not_derived, code::odata_type_noncanonical}));
  EXPECT_EQ(sdsprofile::codes_named_by("json-too-"), (std::vector<code>{code::json_too_deep, code::json_too_large}));
  EXPECT_TRUE(sdsprofile::codes_named_by("odata-type").empty());  // a prefix ends with '-'
  EXPECT_TRUE(sdsprofile::codes_named_by("date").empty());
  EXPECT_TRUE(sdsprofile::codes_named_by("").empty());
  EXPECT_TRUE(sdsprofile::codes_named_by("-").empty());
  // Every code is named by its own name, so codes added to the table take part.
  for (const auto& info : sdsprofile::all_codes())
    EXPECT_EQ(sdsprofile::codes_named_by(info.name), std::vector<code>{info.id}) << info.name;
}

TEST(Policy, SelectorProblemsAreNamed) {
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::ignore, "date-in-past"), "");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::ignore, "date-in-pastt"),
            "unknown code 'date-in-pastt', did you mean 'date-in-past'?");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::select, "odata-type"),
            "unknown code 'odata-type', did you mean 'odata-type-'?");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::warn, "nothing-like-it"), "unknown code 'nothing-like-it'");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::error, "x"), "unknown code 'x'");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::error, ""), "an empty code");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::ignore, "json-syntax"),
            "'json-syntax' is a document-level code: it cannot be ignored");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::warn, "json-too-large"),
            "'json-too-large' is a document-level code: it cannot be made a warning");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::ignore, "json-too-"),
            "'json-too-' names only document-level codes, which cannot be ignored");
  // A prefix that names other codes too applies to those; select and error take any code.
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::ignore, "json-"), "");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::select, "json-syntax"), "");
  EXPECT_EQ(sdsprofile::selector_problem(policy_list::error, "json-syntax"), "");
  for (const auto& info : sdsprofile::all_codes())
    EXPECT_EQ(sdsprofile::is_document_level(info.id), info.name == "json-syntax" || info.name == "json-encoding" ||
                                                          info.name == "json-too-deep" || info.name == "json-too-large")
        << info.name;
}

TEST(Policy, TheDefaultKeepsEveryCode) {
  const policy p;
  EXPECT_TRUE(p.is_default());
  for (const auto& info : sdsprofile::all_codes()) EXPECT_EQ(p.action(info.id), code_action::keep);
  policy empty_layer;
  EXPECT_EQ(empty_layer.add({}), "");
  EXPECT_TRUE(empty_layer.is_default());
}

TEST(Policy, TheMostSpecificSelectorWinsInALayer) {
  policy p;
  policy_layer layer;
  layer.ignore = {"odata-type-"};
  layer.select = {"odata-type-noncanonical", "invalid-", "date-in-past"};
  layer.warn = {"invalid-"};
  layer.error = {"invalid-url", "date-in-past"};
  EXPECT_EQ(p.add(layer), "");
  EXPECT_EQ(p.action(code::odata_type_missing), code_action::ignore);
  EXPECT_EQ(p.action(code::odata_type_not_derived), code_action::ignore);
  EXPECT_EQ(p.action(code::odata_type_noncanonical), code_action::keep);
  EXPECT_EQ(p.action(code::invalid_guid), code_action::warning);
  EXPECT_EQ(p.action(code::invalid_url), code_action::error);
  EXPECT_EQ(p.action(code::date_in_past), code_action::error);
  // A select list leaves out what it does not name, but never a document-level code.
  EXPECT_EQ(p.action(code::type_mismatch), code_action::ignore);
  EXPECT_EQ(p.action(code::json_syntax), code_action::keep);
  EXPECT_EQ(p.action(code::json_too_large), code_action::keep);
  EXPECT_FALSE(p.is_default());
}

TEST(Policy, TiesGoToIgnoreAndToError) {
  policy p;
  policy_layer layer;
  layer.select = {"nil-guid"};
  layer.ignore = {"nil-guid"};
  layer.warn = {"invalid-guid", "insecure-url"};
  layer.error = {"insecure-url"};
  EXPECT_EQ(p.add(layer), "");
  EXPECT_EQ(p.action(code::nil_guid), code_action::ignore);
  EXPECT_EQ(p.action(code::invalid_guid), code_action::ignore);  // warn does not select
  EXPECT_EQ(p.action(code::insecure_url), code_action::ignore);
  policy q;
  policy_layer severities;
  severities.warn = {"invalid-guid", "insecure-url"};
  severities.error = {"insecure-url"};
  EXPECT_EQ(q.add(severities), "");
  EXPECT_EQ(q.action(code::invalid_guid), code_action::warning);
  EXPECT_EQ(q.action(code::insecure_url), code_action::error);
}

TEST(Policy, LaterLayersWinForWhatTheyName) {
  policy p;
  policy_layer file;
  file.ignore = {"date-in-past", "nil-guid"};
  file.error = {"odata-type-noncanonical", "insecure-url"};
  ASSERT_EQ(p.add(file), "");
  policy_layer command_line;
  command_line.select = {"date-in-past", "odata-type-", "insecure-url", "json-"};
  command_line.warn = {"insecure-url"};
  ASSERT_EQ(p.add(command_line), "");
  EXPECT_EQ(p.action(code::date_in_past), code_action::keep);              // selected again
  EXPECT_EQ(p.action(code::odata_type_noncanonical), code_action::error);  // the file's severity stays
  EXPECT_EQ(p.action(code::insecure_url), code_action::warning);           // the command line's severity
  EXPECT_EQ(p.action(code::nil_guid), code_action::ignore);                // not selected
  EXPECT_EQ(p.action(code::type_mismatch), code_action::ignore);           // not selected
  EXPECT_EQ(p.action(code::json_bom), code_action::keep);                  // selected by prefix

  policy_layer more;
  more.ignore = {"odata-type-noncanonical"};
  ASSERT_EQ(p.add(more), "");
  EXPECT_EQ(p.action(code::odata_type_noncanonical), code_action::ignore);
  EXPECT_EQ(p.action(code::odata_type_missing), code_action::keep);
}

TEST(Policy, AProblemNamesTheListAndChangesNothing) {
  policy p;
  policy_layer first;
  first.ignore = {"nil-guid"};
  ASSERT_EQ(p.add(first), "");
  policy_layer bad;
  bad.warn = {"nil-guid"};
  bad.ignore = {"json-"};
  bad.error = {"nil-gud"};
  EXPECT_EQ(p.add(bad), "error: unknown code 'nil-gud', did you mean 'nil-guid'?");
  bad.error.clear();
  bad.ignore = {"json-encoding"};
  EXPECT_EQ(p.add(bad), "ignore: 'json-encoding' is a document-level code: it cannot be ignored");
  EXPECT_EQ(p.action(code::nil_guid), code_action::ignore);
  for (const auto& info : sdsprofile::all_codes()) {
    if (info.id != code::nil_guid) {
      EXPECT_EQ(p.action(info.id), code_action::keep) << info.name;
    }
  }
}

constexpr std::string_view k_body = R"({
  "displayName": "Contoso",
  "dataProvider": {"@odata.type": "microsoft.graph.educationCsvDataProvider"},
  "identitySynchronizationConfiguration": {
    "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
    "userDomains": [{"appliesTo": "student", "name": "contoso.edu"}]
  },
  "licensesToAssign": [{"appliesTo": "student", "skuIds": ["00000000-0000-0000-0000-000000000000", "x"]}]
})";

TEST(Policy, ApplyFiltersAndRemapsAReport) {
  sdsprofile::checker c;
  sdsprofile::options opts;
  opts.now = sdsprofile::parse_rfc3339("2026-01-15T00:00:00Z");
  const sdsprofile::report checked = c.check(k_body, opts);
  ASSERT_EQ(checked.diagnostics().size(), 3u);
  EXPECT_EQ(checked.diagnostics()[0].code, code::odata_type_noncanonical);
  EXPECT_EQ(checked.diagnostics()[1].code, code::nil_guid);
  EXPECT_EQ(checked.diagnostics()[2].code, code::invalid_guid);
  EXPECT_FALSE(checked.valid());

  policy p;
  policy_layer layer;
  layer.ignore = {"invalid-guid"};
  layer.error = {"odata-type-"};
  ASSERT_EQ(p.add(layer), "");
  sdsprofile::report out;
  p.apply(checked, out);
  ASSERT_EQ(out.diagnostics().size(), 2u);
  const sdsprofile::diagnostic& first = out.diagnostics()[0];
  EXPECT_EQ(first.code, code::odata_type_noncanonical);
  EXPECT_EQ(first.severity, sdsprofile::severity::error);
  EXPECT_EQ(first.path, "/dataProvider/@odata.type");
  EXPECT_EQ(first.line, 3u);
  EXPECT_EQ(first.column, 35u);
  EXPECT_EQ(first.message, checked.diagnostics()[0].message);
  EXPECT_EQ(first.hint, checked.diagnostics()[0].hint);
  EXPECT_EQ(out.diagnostics()[1].code, code::nil_guid);
  EXPECT_EQ(out.diagnostics()[1].severity, sdsprofile::severity::warning);
  EXPECT_EQ(out.error_count(), 1u);
  EXPECT_EQ(out.warning_count(), 1u);
  EXPECT_FALSE(out.valid());

  // Only warnings left: valid, unless the check was strict.
  policy warnings_only;
  policy_layer ignore_guid;
  ignore_guid.ignore = {"invalid-guid"};
  ASSERT_EQ(warnings_only.add(ignore_guid), "");
  warnings_only.apply(checked, out);
  EXPECT_EQ(out.diagnostics().size(), 2u);
  EXPECT_TRUE(out.valid());
  opts.strict = true;
  warnings_only.apply(c.check(k_body, opts), out);
  EXPECT_FALSE(out.valid());
  // The output keeps its own text: the checker's next report does not change it.
  c.check("{}", opts);
  EXPECT_EQ(out.diagnostics()[0].path, "/dataProvider/@odata.type");
}

TEST(Policy, ErrorsCutByALimitStillCount) {
  sdsprofile::checker c;
  sdsprofile::options opts;
  opts.limits.max_diagnostics = 1;
  const sdsprofile::report checked = c.check(R"({"displayName": 5})", opts);
  ASSERT_EQ(checked.dropped_error_count(), 2u);
  policy p;
  policy_layer layer;
  layer.ignore = {"missing-required", "type-mismatch"};
  ASSERT_EQ(p.add(layer), "");
  sdsprofile::report out;
  p.apply(checked, out);
  ASSERT_EQ(out.diagnostics().size(), 1u);
  EXPECT_EQ(out.diagnostics()[0].code, code::too_many_diagnostics);
  EXPECT_FALSE(out.valid());
}

}  // namespace
