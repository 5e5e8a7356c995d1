// Expansion (docs/rules.md "Expansion"): the golden seed response, every case's expected
// expansion, and the properties every valid case must have (checks clean in resource mode;
// idempotent). Cases: tests/cases/ and the directories of SDSPROFILE_EXTRA_CASES.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "case_file.hpp"
#include "sdsprofile/sdsprofile.hpp"

namespace {

namespace fs = std::filesystem;
constexpr const char* k_case_id = "11111111-2222-4333-8444-555555555555";

std::string compact(std::string_view json) {  // text-level: white space removed, bytes kept
  std::string out(json.size(), '\0');
  std::size_t n = 0;
  EXPECT_EQ(simdjson::minify(json.data(), json.size(), out.data(), n), simdjson::SUCCESS);
  out.resize(n);
  return out;
}

using sdsprofile::test::case_ref;

// Cases whose input is a valid create body: expansion is defined for them. A case file that cannot
// be read is kept, so that its test fails and names it (listing never throws).
std::vector<case_ref> expandable_cases() {
  std::vector<case_ref> out;
  for (case_ref& ref : sdsprofile::test::all_cases()) {
    try {
      const auto c = sdsprofile::test::load_case(ref.path);
      if (c.mode != sdsprofile::mode::create || !c.valid) continue;
    } catch (const std::exception&) {
    }
    out.push_back(std::move(ref));
  }
  return out;
}

TEST(Expand, SeedRequestGivesTheSeedResponseByteForByte) {
  const std::string response =
      sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/tests/data/seed-response.json");
  const std::string request =
      sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json");
  sdsprofile::checker c;
  sdsprofile::expand_options o;
  o.id = "86904b1e-c7d0-4ead-b13a-98f11fc400ee";
  const auto result = c.expand(request, o);
  ASSERT_TRUE(result.expanded());
  // Same keys, same order, same values, same indentation: the documented response verbatim.
  std::string expected = response;
  while (!expected.empty() && (expected.back() == '\n' || expected.back() == ' ')) expected.pop_back();
  EXPECT_EQ(result.json, expected + "\n");
}

TEST(Expand, EnoughCasesAreExpanded) {
  sdsprofile::test::report_case_sources("expansion cases");
  EXPECT_GE(expandable_cases().size(), 10u);
}

TEST(Expand, InvalidInputIsNotExpanded) {
  sdsprofile::checker c;
  const auto result = c.expand(R"({"displayName": 5})");
  EXPECT_FALSE(result.expanded());
  EXPECT_TRUE(result.json.empty());
  EXPECT_EQ(result.diagnostics.diagnostics().size(), 3u);
}

TEST(Expand, RandomIdIsALowerCaseUuidV4) {
  sdsprofile::checker c;
  const std::string request =
      sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json");
  sdsprofile::expand_options o;
  o.pretty = false;
  const std::string first(c.expand(request, o).json);
  const std::string second(c.expand(request, o).json);
  const std::size_t at = first.find("\"id\":\"") + 6;
  const std::string id = first.substr(at, 36);
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');                                          // version 4
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);  // RFC 4122 variant
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef-"), std::string::npos);
  EXPECT_NE(first, second);  // a new id each time
}

// The keys of every object of a JSON text, in order (depth first), for key-order assertions.
void collect_key_orders(simdjson::dom::element e, std::vector<std::vector<std::string>>& out) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (!e.get(object)) {
    std::vector<std::string> keys;
    for (auto field : object) keys.emplace_back(field.key);
    out.push_back(std::move(keys));
    for (auto field : object) collect_key_orders(field.value, out);
  } else if (!e.get(array)) {
    for (auto item : array) collect_key_orders(item, out);
  }
}

std::string expand_compact(std::string_view body, sdsprofile::mode m = sdsprofile::mode::create) {
  sdsprofile::checker c;
  sdsprofile::expand_options o;
  o.check.check_mode = m;
  o.check.now = sdsprofile::parse_rfc3339("2026-01-15T00:00:00Z");
  if (m == sdsprofile::mode::create) o.id = k_case_id;
  o.pretty = false;
  const auto result = c.expand(body, o);
  EXPECT_TRUE(result.expanded()) << body;
  return std::string(result.json);
}

// docs/rules.md "Expansion": "@odata.type" is the first key of its object wherever it was sent,
// in every kind of object; the other keys keep their order.
TEST(Expand, OdataTypeIsWrittenFirstWhereverItWasSent) {
  constexpr std::string_view one_roster_matching =
      R"({"displayName":"x","dataProvider":{"connectionUrl":"https://sis.contoso.edu/","connectionSettings":)"
      R"({"clientId":"a","tokenUrl":"https://sis.contoso.edu/token","@odata.type":"#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings"},)"
      R"("customizations":{"teacher":{"isSyncDeferred":true,"@odata.type":"#microsoft.graph.educationSynchronizationCustomization"},)"
      R"("@odata.type":"#microsoft.graph.educationSynchronizationCustomizations"},"@odata.type":"#microsoft.graph.educationOneRosterApiDataProvider"},)"
      R"("identitySynchronizationConfiguration":{"matchingOptions":[{"targetPropertyName":"userPrincipalName","appliesTo":"student",)"
      R"("sourcePropertyName":"Username","@odata.type":"microsoft.graph.educationIdentityMatchingOptions"}],)"
      R"("@odata.type":"#microsoft.graph.educationIdentityMatchingConfiguration"}})";
  EXPECT_EQ(
      expand_compact(one_roster_matching),
      R"({"displayName":"x","state":"provisioning","id":"11111111-2222-4333-8444-555555555555","dataProvider":)"
      R"({"@odata.type":"#microsoft.graph.educationOneRosterApiDataProvider","connectionUrl":"https://sis.contoso.edu/",)"
      R"("connectionSettings":{"@odata.type":"#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings",)"
      R"("clientId":"a","tokenUrl":"https://sis.contoso.edu/token"},"customizations":{"@odata.type":"#microsoft.graph.educationSynchronizationCustomizations",)"
      R"("student":{"optionalPropertiesToSync":["State ID","Secondary Email","Student Number","Middle Name","Grade","Status","Birthdate","Graduation Year"],)"
      R"("synchronizationStartDate":"0001-01-01T00:00:00Z","isSyncDeferred":false,"allowDisplayNameUpdate":false},)"
      R"("teacher":{"@odata.type":"#microsoft.graph.educationSynchronizationCustomization",)"
      R"("optionalPropertiesToSync":["State ID","Teacher Number","Status","Middle Name","Secondary Email","Title","Qualification"],)"
      R"("synchronizationStartDate":"0001-01-01T00:00:00Z","isSyncDeferred":true,"allowDisplayNameUpdate":false},)"
      R"("studentEnrollment":{"optionalPropertiesToSync":[],"synchronizationStartDate":"0001-01-01T00:00:00Z","isSyncDeferred":false,"allowDisplayNameUpdate":false},)"
      R"("teacherRoster":{"optionalPropertiesToSync":[],"synchronizationStartDate":"0001-01-01T00:00:00Z","isSyncDeferred":false,"allowDisplayNameUpdate":false}}},)"
      R"("identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityMatchingConfiguration",)"
      R"("matchingOptions":[{"@odata.type":"#microsoft.graph.educationIdentityMatchingOptions","targetPropertyName":"userPrincipalName",)"
      R"("appliesTo":"student","sourcePropertyName":"Username"}]},"licensesToAssign":[]})");

  // Every other kind of object, the discriminator in the middle or last, in create and resource
  // mode (where annotations before it are dropped too).
  const std::string power_school_creation =
      R"({"licensesToAssign":[{"skuIds":[],"@odata.type":"#microsoft.graph.educationSynchronizationLicenseAssignment","appliesTo":"student"}],)"
      R"("displayName":"x","dataProvider":{"clientId":"c","connectionUrl":"https://ps.contoso.edu/","@odata.type":"#GRAPH.educationPowerSchoolDataProvider",)"
      R"("schoolsIds":["1"]},"identitySynchronizationConfiguration":{"userDomains":[{"name":"contoso.edu","@odata.type":"#microsoft.graph.educationIdentityDomain",)"
      R"("appliesTo":"student"}],"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration"}})";
  const std::string csv_resource =
      R"({"id":"86904b1e-c7d0-4ead-b13a-98f11fc400ee","state":"provisioned","displayName":"x","dataProvider":{"@odata.etag":"W/\"1\"",)"
      R"("customizations":{"school":{"isSyncDeferred":true,"@odata.type":"#microsoft.graph.educationSynchronizationCustomization"}},)"
      R"("@odata.type":"#microsoft.graph.educationCsvDataProvider"},"identitySynchronizationConfiguration":{"@odata.context":"x",)"
      R"("userDomains":[{"appliesTo":"student","name":"contoso.edu"}],"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration"}})";
  for (const auto& [body, m] : {std::pair{one_roster_matching, sdsprofile::mode::create},
                                std::pair{std::string_view(power_school_creation), sdsprofile::mode::create},
                                std::pair{std::string_view(csv_resource), sdsprofile::mode::resource}}) {
    const std::string json = expand_compact(body, m);
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;
    std::vector<std::vector<std::string>> objects;
    collect_key_orders(root, objects);
    int typed = 0;
    for (const auto& keys : objects) {
      const auto at = std::find(keys.begin(), keys.end(), "@odata.type");
      if (at == keys.end()) continue;
      ++typed;
      EXPECT_EQ(at, keys.begin()) << json;
      EXPECT_EQ(std::count(keys.begin(), keys.end(), "@odata.type"), 1) << json;
    }
    EXPECT_GE(typed, 3) << json;
  }
  EXPECT_NE(
      expand_compact(power_school_creation)
          .find(R"("dataProvider":{"@odata.type":"#microsoft.graph.educationPowerSchoolDataProvider","clientId":"c",)"
                R"("connectionUrl":"https://ps.contoso.edu/","schoolsIds":["1"],"customizations":)"),
      std::string::npos);
  EXPECT_NE(
      expand_compact(power_school_creation)
          .find(
              R"("userDomains":[{"@odata.type":"#microsoft.graph.educationIdentityDomain","name":"contoso.edu","appliesTo":"student"}])"),
      std::string::npos);
  EXPECT_NE(
      expand_compact(power_school_creation)
          .find(
              R"("licensesToAssign":[{"@odata.type":"#microsoft.graph.educationSynchronizationLicenseAssignment","skuIds":[],"appliesTo":"student"}])"),
      std::string::npos);
  EXPECT_NE(
      expand_compact(csv_resource, sdsprofile::mode::resource)
          .find(
              R"("school":{"@odata.type":"#microsoft.graph.educationSynchronizationCustomization","optionalPropertiesToSync":[)"),
      std::string::npos);
}

// A valid create body with a CSV data provider whose members after "@odata.type" are
// `provider_members` (each with its leading comma).
std::string csv_create_body(std::string_view provider_members) {
  return R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider")" +
         std::string(provider_members) +
         R"(},"identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration",)"
         R"("userDomains":[{"appliesTo":"student","name":"contoso.edu"}]}})";
}

// docs/rules.md "Expansion": a customization entity sent as null counts as omitted: the four
// always-present entities get their defaults, school and section stay out.
TEST(Expand, NullCustomizationEntitiesCountAsOmitted) {
  const std::string omitted = expand_compact(csv_create_body(""));
  ASSERT_NE(omitted.find(R"("teacherRoster":{)"), std::string::npos);
  for (const char* customizations :
       {R"({"student":null,"school":null})",
        R"({"school":null,"section":null,"student":null,"teacher":null,"studentEnrollment":null,"teacherRoster":null})",
        R"({"teacherRoster":null,"section":null})", R"({})"}) {
    SCOPED_TRACE(customizations);
    sdsprofile::checker c;
    const std::string body = csv_create_body(std::string(R"(,"customizations":)") + customizations);
    const auto& r = c.check(body, sdsprofile::options{});
    EXPECT_TRUE(r.diagnostics().empty()) << to_string(r.diagnostics()[0].code) << " at " << r.diagnostics()[0].path;
    EXPECT_EQ(expand_compact(body), omitted);
  }
  // One entity null, another sent: the sent one wins, the null one gets the defaults.
  const std::string mixed = expand_compact(
      csv_create_body(R"(,"customizations":{"teacher":{"isSyncDeferred":true},"student":null,"section":null})"));
  std::string expected = omitted;
  const std::size_t teacher = expected.find(R"("isSyncDeferred":false)", expected.find(R"("teacher":{)"));
  expected.replace(teacher, 22, R"("isSyncDeferred":true)");
  EXPECT_EQ(mixed, expected);
}

// docs/rules.md "Expansion": a root "@odata.type" (the profile's own type) is dropped, canonical
// or not, first, last or between members.
TEST(Expand, RootOdataTypeIsDropped) {
  constexpr std::string_view members =
      R"("displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider"},)"
      R"("identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration",)"
      R"("userDomains":[{"appliesTo":"student","name":"contoso.edu"}]})";
  const std::string plain = expand_compact("{" + std::string(members) + "}");
  for (const char* root_type :
       {"#microsoft.graph.educationSynchronizationProfile", "microsoft.graph.educationSynchronizationProfile",
        "#graph.EducationSynchronizationProfile"}) {
    SCOPED_TRACE(root_type);
    const std::string annotation = std::string(R"("@odata.type":")") + root_type + "\"";
    EXPECT_EQ(expand_compact("{" + annotation + "," + std::string(members) + "}"), plain);
    EXPECT_EQ(expand_compact("{" + std::string(members) + "," + annotation + "}"), plain);
    EXPECT_EQ(expand_compact(R"({"displayName":"x",)" + annotation + "," + std::string(members).substr(18) + "}"),
              plain);
  }
  EXPECT_EQ(plain.find(R"("@odata.type":"#microsoft.graph.educationSynchronizationProfile")"), std::string::npos);
}

// One checker expands many documents: what an earlier document left in it (an invalid one
// included, whose expansion was abandoned half-written) never changes a later expansion. Found by
// fuzz_expand: a container sent where a scalar or a list was due left its key written without a
// value, and the defaults written next were kept, without their separator, for later documents.
TEST(Expand, EarlierDocumentsDoNotChangeAnExpansion) {
  const auto body = [](std::string_view customizations) {
    return csv_create_body(R"(,"customizations":)" + std::string(customizations));
  };
  struct document {
    std::string input;
    std::optional<sdsprofile::timestamp> now;
  };
  std::vector<document> earlier;
  for (const char* customizations :
       {R"({"student":{"optionalPropertiesToSync":{}}})", R"({"student":{"isSyncDeferred":[]}})",
        R"({"student":{"synchronizationStartDate":{}},"school":{"isSyncDeferred":{}}})", R"({"student":[]})",
        R"({"teacher":{"optionalPropertiesToSync":{"a":[]}},"student":{"allowDisplayNameUpdate":[1]}})"})
    earlier.push_back({body(customizations), std::nullopt});
  std::vector<document> later = {{body(R"({"student":{"optionalPropertiesToSync":["State ID"]}})"), std::nullopt},
                                 {body(R"({"teacher":{"isSyncDeferred":true}})"), std::nullopt},
                                 {body("{}"), std::nullopt}};
  for (const case_ref& ref : sdsprofile::test::all_cases()) {
    const auto c = sdsprofile::test::load_case(ref.path);
    (c.mode == sdsprofile::mode::create && c.valid ? later : earlier).push_back({c.input, c.now});
  }
  ASSERT_GT(later.size(), 3u);  // the cases were found
  ASSERT_GT(earlier.size(), 5u);
  for (const bool pretty : {true, false}) {
    sdsprofile::expand_options o;
    o.pretty = pretty;
    o.id = k_case_id;
    std::vector<std::string> alone;
    const auto options_for = [&](const document& d) {
      sdsprofile::expand_options with_clock = o;
      with_clock.check.now = d.now;
      return with_clock;
    };
    for (const document& d : later) {
      sdsprofile::checker fresh;
      alone.emplace_back(fresh.expand(d.input, options_for(d)).json);
    }
    sdsprofile::checker reused;
    for (const document& before : earlier) {
      for (const sdsprofile::mode m : {sdsprofile::mode::create, sdsprofile::mode::resource}) {
        sdsprofile::expand_options first = options_for(before);
        first.check.check_mode = m;
        (void)reused.expand(before.input, first);
        for (std::size_t i = 0; i < later.size(); ++i)
          ASSERT_EQ(std::string(reused.expand(later[i].input, options_for(later[i])).json), alone[i])
              << "after\n"
              << before.input << "\n(" << (pretty ? "pretty" : "compact") << ") expanding\n"
              << later[i].input;
      }
    }
  }
}

class CaseExpansion : public ::testing::TestWithParam<case_ref> {};

TEST_P(CaseExpansion, MatchesExpectedAndIsStable) {
  const auto c = sdsprofile::test::load_case(GetParam().path);
  sdsprofile::checker checker;
  sdsprofile::expand_options o;
  o.check.now = c.now;
  o.id = k_case_id;
  const auto result = checker.expand(c.input, o);
  ASSERT_TRUE(result.expanded()) << c.id;
  const std::string first(result.json);
  std::set<sdsprofile::code> input_warnings;
  for (const auto& d : result.diagnostics.diagnostics()) input_warnings.insert(d.code);
  if (c.expand) {
    EXPECT_EQ(compact(first), *c.expand) << c.id;
  }

  // The expansion checks clean in resource mode: valid, and no warning the input did not have.
  sdsprofile::options resource;
  resource.check_mode = sdsprofile::mode::resource;
  resource.now = c.now;
  const auto& again = checker.check(first, resource);
  EXPECT_TRUE(again.valid()) << c.id;
  for (const auto& d : again.diagnostics())
    EXPECT_TRUE(input_warnings.count(d.code)) << c.id << ": " << to_string(d.code) << " at " << d.path;
  EXPECT_FALSE(std::any_of(again.diagnostics().begin(), again.diagnostics().end(), [](const auto& d) {
    return d.code == sdsprofile::code::odata_type_noncanonical || d.code == sdsprofile::code::ignored_annotation ||
           d.code == sdsprofile::code::null_collection;
  })) << c.id;

  // Idempotent: expanding the expansion (resource mode, same id) gives the same bytes, pretty and compact.
  sdsprofile::expand_options second = o;
  second.check.check_mode = sdsprofile::mode::resource;
  EXPECT_EQ(std::string(checker.expand(first, second).json), first) << c.id;
  second.pretty = false;
  o.pretty = false;
  const std::string compact_first(checker.expand(c.input, o).json);
  EXPECT_EQ(compact_first, compact(first)) << c.id;
  EXPECT_EQ(std::string(checker.expand(compact_first, second).json), compact_first) << c.id;
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseExpansion, ::testing::ValuesIn(expandable_cases()),
                         [](const ::testing::TestParamInfo<case_ref>& info) { return info.param.name; });

}  // namespace
