// Checker unit tests: exact code, severity, path, line and column for each rule family.
#include <gtest/gtest.h>
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "case_file.hpp"
#include "option_bounds.hpp"
#include "sdsprofile/sdsprofile.hpp"

namespace {

using sdsprofile::code;
using sdsprofile::severity;

sdsprofile::options at(const char* now, sdsprofile::mode m = sdsprofile::mode::create) {
  sdsprofile::options o;
  o.now = sdsprofile::parse_rfc3339(now);
  o.check_mode = m;
  return o;
}

TEST(Checker, DisplayNameNumberGivesThreeErrors) {
  sdsprofile::checker c;
  const auto& r = c.check(R"({"displayName": 5})", at("2026-01-15T00:00:00Z"));
  ASSERT_EQ(r.diagnostics().size(), 3u);
  EXPECT_FALSE(r.valid());
  const auto& d = r.diagnostics();
  // Document order: the root object (missing-required twice) comes before its member's value.
  EXPECT_EQ(d[0].code, code::missing_required);
  EXPECT_EQ(d[0].path, "");
  EXPECT_EQ(d[1].code, code::missing_required);
  EXPECT_EQ(d[2].code, code::type_mismatch);
  EXPECT_EQ(d[2].severity, severity::error);
  EXPECT_EQ(d[2].path, "/displayName");
  EXPECT_EQ(d[2].line, 1u);
  EXPECT_EQ(d[2].column, 17u);
  EXPECT_EQ(d[2].offset, 16u);
  EXPECT_NE(d[0].message.find("dataProvider"), std::string_view::npos);
  EXPECT_NE(d[1].message.find("identitySynchronizationConfiguration"), std::string_view::npos);
}

}  // namespace

namespace {

// The seed's request (the golden example): valid, with exactly two odata-type-noncanonical warnings.
TEST(Checker, SeedRequestValidWithTwoNoncanonicalWarnings) {
  std::ifstream in(std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json", std::ios::binary);
  const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  ASSERT_FALSE(body.empty());
  sdsprofile::checker c;
  const auto& r = c.check(body, at("2026-01-15T00:00:00Z"));
  EXPECT_TRUE(r.valid());
  ASSERT_EQ(r.diagnostics().size(), 2u);
  for (const auto& d : r.diagnostics()) {
    EXPECT_EQ(d.code, code::odata_type_noncanonical);
    EXPECT_EQ(d.severity, severity::warning);
  }
  EXPECT_EQ(r.diagnostics()[0].path, "/dataProvider/@odata.type");
  EXPECT_EQ(r.diagnostics()[0].line, 4u);
  EXPECT_EQ(r.diagnostics()[0].column, 24u);
  EXPECT_EQ(r.diagnostics()[1].path, "/identitySynchronizationConfiguration/@odata.type");
  EXPECT_EQ(r.diagnostics()[1].line, 15u);
  EXPECT_EQ(r.diagnostics()[1].column, 24u);
}

// JSONTestSuite through the whole checker: n_ files get a document-level json-syntax,
// json-encoding or (deepest nestings) json-too-deep alone; y_ files get none of them; i_ anything.
TEST(Checker, JsonTestSuite) {
  namespace fs = std::filesystem;
  const fs::path dir = sdsprofile::test::corpus_path("JSONTestSuite/test_parsing");
  if (dir.empty())
    GTEST_SKIP() << sdsprofile::test::missing_corpus("JSONTestSuite/test_parsing",
                                                     "https://github.com/nst/JSONTestSuite");
  sdsprofile::checker c;
  int y = 0, n = 0, i = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const std::string name = e.path().filename().string();
    const auto& r = c.check(body, at("2026-01-15T00:00:00Z"));
    const bool parse_failure = std::any_of(r.diagnostics().begin(), r.diagnostics().end(), [](const auto& d) {
      return d.code == code::json_syntax || d.code == code::json_encoding || d.code == code::json_too_deep;
    });
    if (name[0] == 'y') {
      ++y;
      EXPECT_FALSE(parse_failure) << name;
    } else if (name[0] == 'n') {
      ++n;
      EXPECT_TRUE(parse_failure) << name;
      if (parse_failure) {
        EXPECT_EQ(r.diagnostics().size(), 1u) << name << ": a document-level failure is reported alone";
        EXPECT_EQ(r.diagnostics()[0].path, "") << name;
      }
    } else {
      ++i;
    }
  }
  EXPECT_EQ(y, 95);
  EXPECT_EQ(n, 188);
  EXPECT_EQ(i, 35);
}

}  // namespace

namespace {

std::vector<std::string> summary(const sdsprofile::report& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics())
    out.push_back(std::string(to_string(d.code)) + " " + std::string(d.path) + " " + std::to_string(d.line) + ":" +
                  std::to_string(d.column));
  return out;
}

// "@odata.type" after other members: on a non-polymorphic position (a licence item) the walk
// restarts with the discriminator known, so nothing below the unresolved type is reported.
TEST(Checker, LateDiscriminatorOnLicenceItemRestartsTheWalk) {
  sdsprofile::checker c;
  const auto& r =
      c.check(R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider"},
"identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration","userDomains":[{"appliesTo":"student","name":"contoso.edu"}]},
"licensesToAssign":[{"appliesTo":"Student","skuIds":["bad"],"@odata.type":"#microsoft.graph.educationCsvDataProvider"}]})",
              at("2026-01-15T00:00:00Z"));
  EXPECT_EQ(summary(r), (std::vector<std::string>{"odata-type-not-derived /licensesToAssign/0/@odata.type 3:75"}));
}

// The same with a resolvable late discriminator: the walk restarts and checks as usual.
TEST(Checker, LateCanonicalDiscriminatorStillChecksTheObject) {
  sdsprofile::checker c;
  const auto& r =
      c.check(R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider"},
"identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration","userDomains":[{"appliesTo":"student","name":"contoso.edu"}]},
"licensesToAssign":[{"appliesTo":"Student","@odata.type":"#microsoft.graph.educationsynchronizationlicenseassignment"}]})",
              at("2026-01-15T00:00:00Z"));
  EXPECT_EQ(summary(r), (std::vector<std::string>{"invalid-enum /licensesToAssign/0/appliesTo 3:34",
                                                  "odata-type-noncanonical /licensesToAssign/0/@odata.type 3:58"}));
}

// A polymorphic position whose discriminator comes last: found by the look-ahead.
TEST(Checker, DiscriminatorLastOnAbstractPosition) {
  sdsprofile::checker c;
  const auto& r = c.check(
      R"({"displayName":"x","identitySynchronizationConfiguration":{"userDomains":[{"appliesTo":"student","name":"contoso"}],"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration"},
"dataProvider":{"customizations":{"student":{"optionalPropertiesToSync":["Middle name"]}},"@odata.type":"#microsoft.graph.educationCsvDataProvider"}})",
      at("2026-01-15T00:00:00Z"));
  EXPECT_EQ(summary(r),
            (std::vector<std::string>{
                "invalid-domain /identitySynchronizationConfiguration/userDomains/0/name 1:105",
                "unknown-optional-property /dataProvider/customizations/student/optionalPropertiesToSync/0 2:74"}));
}

// A late "@odata.type" on the root (not polymorphic): the restart also undoes the cross-field
// state gathered so far (licences seen before the restart are not counted twice).
TEST(Checker, LateDiscriminatorOnTheRootUndoesCrossFieldState) {
  sdsprofile::checker c;
  const auto& r =
      c.check(R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider"},
"identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration","userDomains":[{"appliesTo":"student","name":"contoso.edu"}]},
"licensesToAssign":[{"appliesTo":"faculty","skuIds":[]}],"@odata.type":"#microsoft.graph.educationSynchronizationProfile"})",
              at("2026-01-15T00:00:00Z"));
  EXPECT_EQ(summary(r), (std::vector<std::string>{"role-without-domain /licensesToAssign/0/appliesTo 3:34",
                                                  "empty-collection /licensesToAssign/0/skuIds 3:53"}));
}

}  // namespace

namespace {

// Many invalid roles before valid ones: duplicate-applies-to stays linear and exact.
TEST(Checker, DuplicateAppliesToAfterManyInvalidRoles) {
  std::string body =
      R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider"},)"
      R"("identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration","userDomains":[)";
  for (int i = 0; i < 3; ++i) body += R"({"appliesTo":"x","name":"contoso.edu"},)";
  body += R"({"appliesTo":"student","name":"contoso.edu"},{"appliesTo":"student","name":"contoso.edu"}]}})";
  sdsprofile::checker c;
  sdsprofile::options o = at("2026-01-15T00:00:00Z");
  o.limits.max_diagnostics = 2;  // the selection of the first N must keep document order
  const auto& r = c.check(body, o);
  ASSERT_EQ(r.diagnostics().size(), 3u);
  EXPECT_EQ(r.diagnostics()[0].path, "/identitySynchronizationConfiguration/userDomains/0/appliesTo");
  EXPECT_EQ(r.diagnostics()[1].path, "/identitySynchronizationConfiguration/userDomains/1/appliesTo");
  EXPECT_EQ(r.diagnostics()[2].code, code::too_many_diagnostics);
  o.limits.max_diagnostics = 0;  // default
  const auto& all = c.check(body, o);
  ASSERT_EQ(all.diagnostics().size(), 4u);
  EXPECT_EQ(all.diagnostics()[3].code, code::duplicate_applies_to);
  EXPECT_EQ(all.diagnostics()[3].path, "/identitySynchronizationConfiguration/userDomains/4/appliesTo");
}

}  // namespace

namespace {

// Fuzzing finding: errors cut by max_diagnostics must still make the document invalid.
TEST(Checker, ErrorsBeyondTheLimitKeepTheDocumentInvalid) {
  sdsprofile::checker c;
  sdsprofile::options o = at("2026-01-15T00:00:00Z");
  o.limits.max_diagnostics = 1;
  const auto& r = c.check(
      "\xef\xbb\xbf"
      "2",
      o);  // json-bom kept, type-mismatch cut
  ASSERT_EQ(r.diagnostics().size(), 2u);
  EXPECT_EQ(r.diagnostics()[0].code, code::json_bom);
  EXPECT_EQ(r.diagnostics()[1].code, code::too_many_diagnostics);
  EXPECT_EQ(r.dropped_error_count(), 1u);
  EXPECT_FALSE(r.valid());
  const sdsprofile::report copy = r;  // the count travels with copies
  EXPECT_FALSE(copy.valid());
}

// Fuzzing finding: such a body must not be expanded (it read past the end of a string root).
TEST(Checker, HiddenErrorsAreNotExpanded) {
  sdsprofile::checker c;
  sdsprofile::expand_options o;
  o.check.limits.max_diagnostics = 1;
  for (const char* body : {"\xef\xbb\xbf\"\"",
                           "\xef\xbb\xbf"
                           "2",
                           "\n\xef\xbb\xbf[\"uD\"]"}) {
    const std::string exact(body);  // an exactly sized heap buffer, so ASan sees any overread
    const auto result = c.expand(exact, o);
    EXPECT_FALSE(result.expanded()) << body;
    EXPECT_TRUE(result.json.empty());
  }
}

// Fuzzing finding: an extreme clock is clamped to years 0001-9999 (no overflow in date rules).
TEST(Checker, ExtremeClockIsClamped) {
  const std::string body =
      R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider"},)"
      R"("identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration",)"
      R"("userDomains":[{"appliesTo":"student","name":"contoso.edu"}]},"expirationDate":"2026-05-01"})";
  sdsprofile::checker c;
  for (const std::int64_t seconds : {std::numeric_limits<std::int64_t>::min(), std::int64_t{-62230000000},
                                     std::int64_t{-5648000000000000}, std::numeric_limits<std::int64_t>::max()}) {
    sdsprofile::options o;
    o.now = sdsprofile::timestamp{std::chrono::seconds{seconds}};
    const auto& r = c.check(body, o);
    EXPECT_TRUE(r.valid()) << seconds;
    ASSERT_EQ(r.diagnostics().size(), 1u) << seconds;
    EXPECT_EQ(r.diagnostics()[0].code, seconds < 0 ? code::expiration_too_far : code::date_in_past) << seconds;
  }
}

// Fuzzing finding: a number out of range is reported where it stands.
TEST(Checker, UnrepresentableNumberAtItsPosition) {
  sdsprofile::checker c;
  const auto& r = c.check("{\"displayName\":\"x\",\n\n   \"n\":[1,2,1e999]}");
  ASSERT_EQ(r.diagnostics().size(), 1u);
  EXPECT_EQ(r.diagnostics()[0].code, code::json_syntax);
  EXPECT_EQ(r.diagnostics()[0].line, 3u);
  EXPECT_EQ(r.diagnostics()[0].column, 13u);
  EXPECT_EQ(c.check("[18446744073709551616]").diagnostics()[0].column, 2u);
  // Underflow is representable (zero): the document parses, so the finding is about its shape.
  EXPECT_EQ(c.check("[1e-999]").diagnostics()[0].code, code::type_mismatch);
}

// Fuzzing finding: an escaped @odata.type is canonicalised by expansion like any other.
TEST(Checker, EscapedDiscriminatorExpandsCanonically) {
  const std::string plain =
      R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider"},)"
      R"("identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration",)"
      R"("userDomains":[{"appliesTo":"student","name":"contoso.edu"}]}})";
  std::string escaped = plain;
  escaped.replace(escaped.find("educationCsvDataProvider"), 24, R"(educationCsv\u0044ataProvider)");
  sdsprofile::checker c;
  sdsprofile::expand_options o;
  o.id = "11111111-2222-4333-8444-555555555555";
  const std::string expected(c.expand(plain, o).json);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(std::string(c.expand(escaped, o).json), expected);
}

}  // namespace

namespace {

// Escaped member names are matched and written unescaped by expansion (the tape holds keys
// unescaped; the writer writes a known member's name from the compiled model).
TEST(Checker, EscapedMemberNamesExpandLikePlainOnes) {
  const std::string plain =
      R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider","customizations":{"student":{"optionalPropertiesToSync":["Middle Name"]}}},)"
      R"("identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration",)"
      R"("userDomains":[{"appliesTo":"student","name":"contoso.edu"}]}})";
  std::string escaped = plain;
  escaped.replace(escaped.find("\"displayName\""), 13, R"("display\u004eame")");
  escaped.replace(escaped.find("\"student\":{"), 11, R"("stud\u0065nt":{)");
  escaped.replace(escaped.find("\"name\""), 6, R"("n\u0061me")");
  sdsprofile::checker c;
  sdsprofile::expand_options o;
  o.id = "11111111-2222-4333-8444-555555555555";
  const std::string expected(c.expand(plain, o).json);
  const auto result = c.expand(escaped, o);
  ASSERT_TRUE(result.expanded()) << summary(result.diagnostics).size();
  EXPECT_EQ(std::string(result.json), expected);
}

}  // namespace

namespace {

// The stack the walk needs does not grow with the nesting: documents nested to the largest depth
// limit (detail::max_depth_cap), in arrays and in objects, are checked and expanded on a thread with
// a 64 KiB stack (glibc's default is 8 MiB, musl's 128 KiB). Sanitizers need several times more for
// their own frames, still the same for every depth.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr std::size_t k_small_stack = 8 * 112 * 1024;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr std::size_t k_small_stack = 8 * 112 * 1024;
#else
constexpr std::size_t k_small_stack = 64 * 1024;
#endif
#else
constexpr std::size_t k_small_stack = 64 * 1024;
#endif

/// One check or expansion on the small stack, and what it gave.
struct small_stack_run {
  std::string input;
  bool expand = false;
  std::vector<std::string> diagnostics;  ///< summary() of the report
  std::string expansion;                 ///< the expansion (expand only; empty when not expanded)
};

void* run_with_largest_depth_limit(void* arg) {
  auto* run = static_cast<small_stack_run*>(arg);
  sdsprofile::checker c;
  sdsprofile::expand_options o;
  o.check = at("2026-01-15T00:00:00Z");
  o.check.limits.max_depth = sdsprofile::detail::max_depth_cap;
  o.id = "11111111-2222-4333-8444-555555555555";
  if (run->expand) {
    const sdsprofile::expansion result = c.expand(run->input, o);
    run->diagnostics = summary(result.diagnostics);
    run->expansion = std::string(result.json);
  } else {
    run->diagnostics = summary(c.check(run->input, o.check));
  }
  return nullptr;
}

small_stack_run on_small_stack(std::string input, bool expand) {
  small_stack_run run{std::move(input), expand, {}, {}};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  EXPECT_EQ(pthread_attr_setstacksize(&attr, k_small_stack), 0);
  pthread_t thread;
  EXPECT_EQ(pthread_create(&thread, &attr, run_with_largest_depth_limit, &run), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return run;
}

std::vector<std::string> check_on_small_stack(std::string input) {
  return on_small_stack(std::move(input), false).diagnostics;
}

/// `levels` arrays nested in one another: "[[...]]".
std::string nested_arrays(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

/// `levels` objects nested in one another: {"a":{"a":...{}}}.
std::string nested_objects(std::size_t levels) {
  std::string out;
  for (std::size_t i = 1; i < levels; ++i) out += R"({"a":)";
  return out + "{}" + std::string(levels - 1, '}');
}

TEST(Checker, NestingAtTheLargestDepthLimitRunsOnASmallStack) {
  static_assert(sdsprofile::detail::max_depth_cap == 1024, "the columns below are for 1024 levels");
  // An unknown property holding 1023 nested arrays or objects (depth 1024 with the root object).
  const std::vector<std::string> unknown_x{"missing-required  1:1", "missing-required  1:1", "missing-required  1:1",
                                           "unknown-property /x 1:2"};
  EXPECT_EQ(check_on_small_stack(R"({"x":)" + nested_arrays(1023) + "}"), unknown_x);
  EXPECT_EQ(check_on_small_stack(R"({"x":)" + nested_objects(1023) + "}"), unknown_x);
  // A root array nested 1024 deep: not an object. Root objects 1024 deep: an unknown property.
  EXPECT_EQ(check_on_small_stack(nested_arrays(1024)), (std::vector<std::string>{"type-mismatch  1:1"}));
  EXPECT_EQ(check_on_small_stack(nested_objects(1024)),
            (std::vector<std::string>{"missing-required  1:1", "missing-required  1:1", "missing-required  1:1",
                                      "unknown-property /a 1:2"}));
  // One level deeper than the limit: json-too-deep at the bracket that opens level 1025.
  EXPECT_EQ(check_on_small_stack(nested_arrays(1025)), (std::vector<std::string>{"json-too-deep  1:1025"}));
  EXPECT_EQ(check_on_small_stack(nested_objects(1025)), (std::vector<std::string>{"json-too-deep  1:5121"}));
}

// A valid profile whose ignored annotation nests to the largest depth limit, checked and expanded
// on the small stack: expansion drops the annotation, so it writes what it writes without it.
TEST(Checker, ValidProfileNestedToTheLargestDepthLimitExpandsOnASmallStack) {
  const std::string profile =
      R"({"displayName":"x","dataProvider":{"@odata.type":"#microsoft.graph.educationCsvDataProvider","customizations":{}},)"
      R"("identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration",)"
      R"("userDomains":[{"appliesTo":"student","name":"contoso.edu"}]})";
  const small_stack_run plain = on_small_stack(profile + "}", true);
  ASSERT_EQ(plain.diagnostics, std::vector<std::string>{});
  ASSERT_FALSE(plain.expansion.empty());
  const std::vector<std::string> ignored{"ignored-annotation /@odata.context 1:289"};
  // The root object is level 1: 1023 levels of arrays or objects below it reach 1024.
  for (const std::string& deep : {nested_arrays(1023), nested_objects(1023)}) {
    const std::string input = profile + R"(,"@odata.context":)" + deep + "}";
    EXPECT_EQ(check_on_small_stack(input), ignored);
    const small_stack_run expanded = on_small_stack(input, true);
    EXPECT_EQ(expanded.diagnostics, ignored);
    EXPECT_EQ(expanded.expansion, plain.expansion);
  }
}

}  // namespace

namespace {

// docs/rules.md "Limits and safety": the text a report holds is bounded by max_report_bytes. A
// long key above many duplicate keys repeats the key in every path: the diagnostics that would
// pass the limit are dropped with the later ones, one too-many-diagnostics warning names the
// limit, and the dropped errors still make the document invalid.
TEST(Checker, ReportTextIsBoundedByMaxReportBytes) {
  const std::string key(10000, 'k');
  std::string input = "{\"" + key + "\":{\"a\":0";
  for (int i = 0; i < 99; ++i) input += ",\"a\":0";
  input += "}}";
  sdsprofile::checker c;
  sdsprofile::options o = at("2026-01-15T00:00:00Z");
  o.limits.max_report_bytes = 50000;
  const auto& r = c.check(input, o);
  std::size_t text = 0;
  for (const auto& d : r.diagnostics()) text += d.path.size() + d.message.size() + d.hint.size();
  // 3 missing-required (about 250 bytes) and unknown-property (10,001 + 260), then
  // json-duplicate-key with paths of 10,003 bytes and about 130 of words: three fit in 50,000.
  const auto& list = r.diagnostics();
  ASSERT_EQ(list.size(), 8u);
  EXPECT_EQ(list[3].code, code::unknown_property);
  EXPECT_EQ(list[3].path, "/" + key);
  for (std::size_t i = 4; i < 7; ++i) {
    EXPECT_EQ(list[i].code, code::json_duplicate_key);
    EXPECT_EQ(list[i].path, "/" + key + "/a");  // paths stay exact
  }
  EXPECT_EQ(list[7].code, code::too_many_diagnostics);
  EXPECT_EQ(list[7].path, "");
  EXPECT_EQ(list[7].message,
            "The diagnostics' text (paths, messages and hints) reached the limit of 50000 bytes; the rest are not "
            "listed.");
  EXPECT_LE(text - list[7].message.size() - list[7].hint.size(), 50000u);
  EXPECT_GT(text - list[7].message.size() - list[7].hint.size(), 40000u);
  EXPECT_EQ(r.dropped_error_count(), 96u);
  EXPECT_FALSE(r.valid());
}

// The count limit, when it cuts first, is the one named.
TEST(Checker, TooManyDiagnosticsNamesTheCountLimit) {
  sdsprofile::checker c;
  sdsprofile::options o = at("2026-01-15T00:00:00Z");
  o.limits.max_diagnostics = 2;
  const auto& r = c.check(R"({"a":1,"b":2,"c":3})", o);
  ASSERT_EQ(r.diagnostics().size(), 3u);
  EXPECT_EQ(r.diagnostics()[2].message, "More than 2 diagnostics; the rest are not listed.");
  EXPECT_EQ(r.dropped_error_count(), 4u);  // the third missing-required and three unknown-property
}

// Input quoted in a message is cut past 200 bytes with an ellipsis; the path is not cut.
TEST(Checker, QuotedInputIsCutWithAnEllipsis) {
  const std::string key = std::string(199, 'x') + "\xc3\xa9" + std::string(100, 'y');  // é at bytes 199-200
  sdsprofile::checker c;
  const auto& r = c.check("{\"" + key + "\":1}", at("2026-01-15T00:00:00Z", sdsprofile::mode::update));
  ASSERT_EQ(r.diagnostics().size(), 1u);
  EXPECT_EQ(r.diagnostics()[0].path, "/" + key);
  EXPECT_EQ(r.diagnostics()[0].message,
            "\"" + std::string(199, 'x') + "\xe2\x80\xa6\" is not a property of educationSynchronizationProfile.");
}

// The invalid-domain hint drops Unicode white space around the name (U+00A0, U+2028, U+3000),
// and is given only when the repaired name is a DNS name.
TEST(Checker, InvalidDomainHintTrimsUnicodeWhiteSpace) {
  const auto hint_for = [](const std::string& name) {
    sdsprofile::checker c;
    const auto& r = c.check(
        R"({"identitySynchronizationConfiguration":{"@odata.type":"#microsoft.graph.educationIdentityCreationConfiguration",)"
        R"("userDomains":[{"appliesTo":"student","name":")" +
            name + R"("}]}})",
        at("2026-01-15T00:00:00Z", sdsprofile::mode::update));
    EXPECT_EQ(r.diagnostics().size(), 1u) << name;
    return r.diagnostics().empty() ? std::string() : std::string(r.diagnostics()[0].hint);
  };
  EXPECT_EQ(hint_for("\xc2\xa0"
                     "contoso.edu"),
            "Write \"contoso.edu\".");
  EXPECT_EQ(hint_for("\xe2\x80\xa8"
                     "contoso.edu\xe3\x80\x80"),
            "Write \"contoso.edu\".");
  EXPECT_EQ(hint_for(" contoso edu "), "");  // trimmed, still not a domain: no hint
  EXPECT_EQ(hint_for("@@contoso.edu"), "");
  EXPECT_EQ(hint_for("@contoso.edu"), "Write \"contoso.edu\".");
}

}  // namespace
