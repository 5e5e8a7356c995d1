// The C API (sdsprofile/sdsprofile.h): every function, with exact values and every misuse.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <string_view>

#include "case_file.hpp"
#include "sdsprofile/sdsprofile.h"

namespace {

constexpr std::string_view k_display_name_number = R"({"displayName": 5})";
constexpr std::int64_t k_2026_01_15 = 1768435200;  // 2026-01-15T00:00:00Z

std::string_view view(const char* data, std::size_t size) { return {data, size}; }

// A checker for one test, destroyed at scope exit.
struct handle {
  sdsprofile_checker* checker = nullptr;
  handle() { EXPECT_EQ(sdsprofile_checker_create(&checker), SDSPROFILE_OK); }
  ~handle() { sdsprofile_checker_destroy(checker); }
};

sdsprofile_options defaults_at_2026() {
  sdsprofile_options o;
  EXPECT_EQ(sdsprofile_options_init(&o), SDSPROFILE_OK);
  o.has_now = 1;
  o.now_unix_seconds = k_2026_01_15;
  return o;
}

std::string seed_request() {
  return sdsprofile::test::read_all(std::string(SDSPROFILE_SOURCE_DIR) + "/examples/seed-request.json");
}

TEST(CApi, VersionMatchesTheHeader) {
  EXPECT_STREQ(sdsprofile_version(), SDSPROFILE_VERSION_STRING);
  EXPECT_STREQ(sdsprofile_version(), "0.1.0");
  EXPECT_EQ(SDSPROFILE_VERSION_MAJOR, 0);
  EXPECT_EQ(SDSPROFILE_VERSION_MINOR, 1);
  EXPECT_EQ(SDSPROFILE_VERSION_PATCH, 0);
}

TEST(CApi, StatusMessages) {
  EXPECT_STREQ(sdsprofile_status_message(SDSPROFILE_OK), "success");
  EXPECT_STREQ(sdsprofile_status_message(SDSPROFILE_ERROR_NULL_ARGUMENT), "a required pointer is null");
  EXPECT_STREQ(sdsprofile_status_message(SDSPROFILE_ERROR_INVALID_OPTION), "an option value is out of range");
  EXPECT_STREQ(sdsprofile_status_message(SDSPROFILE_ERROR_OUT_OF_MEMORY), "out of memory");
  EXPECT_STREQ(sdsprofile_status_message(SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE), "diagnostic index out of range");
  EXPECT_STREQ(sdsprofile_status_message(SDSPROFILE_ERROR_NO_RESULT), "the checker holds no result");
  EXPECT_STREQ(sdsprofile_status_message(SDSPROFILE_ERROR_INTERNAL), "internal error");
  EXPECT_STREQ(sdsprofile_status_message(static_cast<sdsprofile_status>(99)), "unknown status");
}

TEST(CApi, OptionsInitGivesTheDefaults) {
  sdsprofile_options o;
  std::memset(&o, 0xAB, sizeof o);
  ASSERT_EQ(sdsprofile_options_init(&o), SDSPROFILE_OK);
  EXPECT_EQ(o.mode, SDSPROFILE_MODE_CREATE);
  EXPECT_EQ(o.strict, 0);
  EXPECT_EQ(o.has_now, 0);
  EXPECT_EQ(o.now_unix_seconds, 0);
  EXPECT_EQ(o.max_bytes, 4194304u);
  EXPECT_EQ(o.max_depth, 64u);
  EXPECT_EQ(o.max_diagnostics, 1000u);
  EXPECT_EQ(o.expand_id, nullptr);
  EXPECT_EQ(o.expand_id_length, 0u);
  EXPECT_EQ(o.expand_compact, 0);
  EXPECT_EQ(o.max_report_bytes, 8388608u);
  EXPECT_EQ(sdsprofile_options_init(nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
}

TEST(CApi, ParseRfc3339) {
  std::int64_t seconds = -1;
  constexpr std::string_view utc = "2026-01-15T00:00:00Z";
  ASSERT_EQ(sdsprofile_parse_rfc3339(utc.data(), utc.size(), &seconds), SDSPROFILE_OK);
  EXPECT_EQ(seconds, k_2026_01_15);
  constexpr std::string_view offset = "2026-01-15T01:00:00+01:00";
  ASSERT_EQ(sdsprofile_parse_rfc3339(offset.data(), offset.size(), &seconds), SDSPROFILE_OK);
  EXPECT_EQ(seconds, k_2026_01_15);
  // Only `length` bytes count: the trailing "Z" is cut off here.
  seconds = 7;
  EXPECT_EQ(sdsprofile_parse_rfc3339(utc.data(), utc.size() - 1, &seconds), SDSPROFILE_ERROR_INVALID_OPTION);
  EXPECT_EQ(seconds, 7);
  EXPECT_EQ(sdsprofile_parse_rfc3339("", 0, &seconds), SDSPROFILE_ERROR_INVALID_OPTION);
  EXPECT_EQ(sdsprofile_parse_rfc3339(nullptr, 0, &seconds), SDSPROFILE_ERROR_INVALID_OPTION);
  EXPECT_EQ(sdsprofile_parse_rfc3339(nullptr, 3, &seconds), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_parse_rfc3339(utc.data(), utc.size(), nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(seconds, 7);
  // Hostile-input finding: offsets can carry a date-time past the clock range in UTC; the result
  // is clamped so that sdsprofile_check accepts whatever this returns (as the CLI accepts --now).
  constexpr std::string_view late = "9999-12-31T23:59:59-23:59", early = "0001-01-01T00:00:00+23:59";
  ASSERT_EQ(sdsprofile_parse_rfc3339(late.data(), late.size(), &seconds), SDSPROFILE_OK);
  EXPECT_EQ(seconds, 253402300799);
  ASSERT_EQ(sdsprofile_parse_rfc3339(early.data(), early.size(), &seconds), SDSPROFILE_OK);
  EXPECT_EQ(seconds, -62135596800);
}

TEST(CApi, CreateAndDestroy) {
  EXPECT_EQ(sdsprofile_checker_create(nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  sdsprofile_checker* c = nullptr;
  ASSERT_EQ(sdsprofile_checker_create(&c), SDSPROFILE_OK);
  ASSERT_NE(c, nullptr);
  sdsprofile_checker_destroy(c);
  sdsprofile_checker_destroy(nullptr);  // accepted, does nothing
}

TEST(CApi, CheckGivesTheDiagnosticsWithPositions) {
  handle h;
  const sdsprofile_options o = defaults_at_2026();
  ASSERT_EQ(sdsprofile_check(h.checker, k_display_name_number.data(), k_display_name_number.size(), &o), SDSPROFILE_OK);
  int valid = -1;
  ASSERT_EQ(sdsprofile_result_valid(h.checker, &valid), SDSPROFILE_OK);
  EXPECT_EQ(valid, 0);
  std::size_t count = 0;
  ASSERT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
  ASSERT_EQ(count, 3u);

  sdsprofile_diagnostic d;
  for (std::size_t i = 0; i < 2; ++i) {
    ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, i, &d), SDSPROFILE_OK);
    EXPECT_EQ(d.severity, SDSPROFILE_SEVERITY_ERROR);
    EXPECT_EQ(view(d.code, d.code_length), "missing-required");
    EXPECT_EQ(view(d.path, d.path_length), "");
    EXPECT_NE(d.path, nullptr);
    EXPECT_EQ(d.line, 1u);
    EXPECT_EQ(d.column, 1u);
    EXPECT_EQ(d.offset, 0u);
    EXPECT_EQ(d.hint_length, 0u);
    EXPECT_NE(d.hint, nullptr);
  }
  ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, 0, &d), SDSPROFILE_OK);
  EXPECT_EQ(view(d.message, d.message_length),
            "Required property \"dataProvider\" of educationSynchronizationProfile is missing.");
  ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, 1, &d), SDSPROFILE_OK);
  EXPECT_EQ(
      view(d.message, d.message_length),
      "Required property \"identitySynchronizationConfiguration\" of educationSynchronizationProfile is missing.");
  ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, 2, &d), SDSPROFILE_OK);
  EXPECT_EQ(d.severity, SDSPROFILE_SEVERITY_ERROR);
  EXPECT_EQ(view(d.code, d.code_length), "type-mismatch");
  EXPECT_EQ(view(d.path, d.path_length), "/displayName");
  EXPECT_EQ(d.line, 1u);
  EXPECT_EQ(d.column, 17u);
  EXPECT_EQ(d.offset, 16u);
  EXPECT_EQ(view(d.message, d.message_length), "\"displayName\" must be Edm.String (a JSON string), not a number.");

  // A check leaves no expansion.
  const char* json = nullptr;
  std::size_t length = 99;
  ASSERT_EQ(sdsprofile_expanded_json(h.checker, &json, &length), SDSPROFILE_OK);
  EXPECT_NE(json, nullptr);
  EXPECT_EQ(length, 0u);
}

TEST(CApi, HintsAndWarningsOfTheSeedRequest) {
  handle h;
  const std::string body = seed_request();
  ASSERT_FALSE(body.empty());
  sdsprofile_options o = defaults_at_2026();
  ASSERT_EQ(sdsprofile_check(h.checker, body.data(), body.size(), &o), SDSPROFILE_OK);
  int valid = -1;
  ASSERT_EQ(sdsprofile_result_valid(h.checker, &valid), SDSPROFILE_OK);
  EXPECT_EQ(valid, 1);
  std::size_t count = 0;
  ASSERT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
  ASSERT_EQ(count, 2u);
  sdsprofile_diagnostic d;
  ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, 0, &d), SDSPROFILE_OK);
  EXPECT_EQ(d.severity, SDSPROFILE_SEVERITY_WARNING);
  EXPECT_EQ(view(d.code, d.code_length), "odata-type-noncanonical");
  EXPECT_EQ(view(d.path, d.path_length), "/dataProvider/@odata.type");
  EXPECT_EQ(d.line, 4u);
  EXPECT_EQ(d.column, 24u);
  EXPECT_EQ(view(d.hint, d.hint_length),
            "Write \"#microsoft.graph.educationCsvDataProvider\" (expansion writes it so).");
  ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, 1, &d), SDSPROFILE_OK);
  EXPECT_EQ(view(d.path, d.path_length), "/identitySynchronizationConfiguration/@odata.type");
  EXPECT_EQ(d.line, 15u);
  EXPECT_EQ(d.column, 24u);

  // Strict: the two warnings make it invalid.
  o.strict = 1;
  ASSERT_EQ(sdsprofile_check(h.checker, body.data(), body.size(), &o), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_result_valid(h.checker, &valid), SDSPROFILE_OK);
  EXPECT_EQ(valid, 0);
}

TEST(CApi, NullOptionsMeanTheDefaultsAndEmptyInputIsADiagnostic) {
  handle h;
  ASSERT_EQ(sdsprofile_check(h.checker, nullptr, 0, nullptr), SDSPROFILE_OK);
  std::size_t count = 0;
  ASSERT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
  ASSERT_EQ(count, 1u);
  sdsprofile_diagnostic d;
  ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, 0, &d), SDSPROFILE_OK);
  EXPECT_EQ(view(d.code, d.code_length), "json-syntax");
  EXPECT_EQ(view(d.path, d.path_length), "");
  EXPECT_EQ(d.line, 1u);
  EXPECT_EQ(d.column, 1u);
}

TEST(CApi, ModesAndLimitsAreApplied) {
  handle h;
  sdsprofile_options o = defaults_at_2026();
  o.mode = SDSPROFILE_MODE_UPDATE;  // nothing required: only the type mismatch is left
  ASSERT_EQ(sdsprofile_check(h.checker, k_display_name_number.data(), k_display_name_number.size(), &o), SDSPROFILE_OK);
  std::size_t count = 0;
  ASSERT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
  ASSERT_EQ(count, 1u);

  o = defaults_at_2026();
  o.max_diagnostics = 1;  // one kept, then too-many-diagnostics at ""
  ASSERT_EQ(sdsprofile_check(h.checker, k_display_name_number.data(), k_display_name_number.size(), &o), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
  ASSERT_EQ(count, 2u);
  sdsprofile_diagnostic d;
  ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, 1, &d), SDSPROFILE_OK);
  EXPECT_EQ(d.severity, SDSPROFILE_SEVERITY_WARNING);
  EXPECT_EQ(view(d.code, d.code_length), "too-many-diagnostics");

  o = defaults_at_2026();
  o.max_bytes = 4;  // json-too-large, alone at ""
  ASSERT_EQ(sdsprofile_check(h.checker, k_display_name_number.data(), k_display_name_number.size(), &o), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
  ASSERT_EQ(count, 1u);
  ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, 0, &d), SDSPROFILE_OK);
  EXPECT_EQ(view(d.code, d.code_length), "json-too-large");

  o = defaults_at_2026();
  o.max_depth = 1;  // {"a":{}} nests two deep
  constexpr std::string_view nested = R"({"a":{}})";
  ASSERT_EQ(sdsprofile_check(h.checker, nested.data(), nested.size(), &o), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_diagnostic_get(h.checker, 0, &d), SDSPROFILE_OK);
  EXPECT_EQ(view(d.code, d.code_length), "json-too-deep");
}

TEST(CApi, ExpandTheSeedRequest) {
  handle h;
  const std::string body = seed_request();
  sdsprofile_options o = defaults_at_2026();
  constexpr std::string_view id = "86904b1e-c7d0-4ead-b13a-98f11fc400ee";
  o.expand_id = id.data();
  o.expand_id_length = id.size();
  ASSERT_EQ(sdsprofile_expand(h.checker, body.data(), body.size(), &o), SDSPROFILE_OK);
  int valid = -1;
  ASSERT_EQ(sdsprofile_result_valid(h.checker, &valid), SDSPROFILE_OK);
  EXPECT_EQ(valid, 1);
  std::size_t count = 0;
  ASSERT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
  EXPECT_EQ(count, 2u);  // the two odata-type-noncanonical warnings
  const char* json = nullptr;
  std::size_t length = 0;
  ASSERT_EQ(sdsprofile_expanded_json(h.checker, &json, &length), SDSPROFILE_OK);
  const std::string_view pretty = view(json, length);
  constexpr std::string_view pretty_start =
      "{\n    \"displayName\": \"Test Profile\",\n    \"state\": \"provisioning\",\n"
      "    \"id\": \"86904b1e-c7d0-4ead-b13a-98f11fc400ee\",\n";
  EXPECT_EQ(pretty.substr(0, pretty_start.size()), pretty_start);
  EXPECT_EQ(pretty.back(), '\n');

  o.expand_compact = 1;
  ASSERT_EQ(sdsprofile_expand(h.checker, body.data(), body.size(), &o), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_expanded_json(h.checker, &json, &length), SDSPROFILE_OK);
  constexpr std::string_view compact_start =
      R"({"displayName":"Test Profile","state":"provisioning","id":"86904b1e-c7d0-4ead-b13a-98f11fc400ee",)";
  EXPECT_EQ(view(json, length).substr(0, compact_start.size()), compact_start);

  // Resource mode keeps the expansion's id; expanding it again gives the same bytes.
  const std::string expanded(json, length);
  o.mode = SDSPROFILE_MODE_RESOURCE;
  o.expand_id = nullptr;
  o.expand_id_length = 0;
  ASSERT_EQ(sdsprofile_expand(h.checker, expanded.data(), expanded.size(), &o), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_expanded_json(h.checker, &json, &length), SDSPROFILE_OK);
  EXPECT_EQ(view(json, length), expanded);
}

TEST(CApi, ExpandOfAnInvalidBodyIsEmpty) {
  handle h;
  const sdsprofile_options o = defaults_at_2026();
  ASSERT_EQ(sdsprofile_expand(h.checker, k_display_name_number.data(), k_display_name_number.size(), &o),
            SDSPROFILE_OK);
  int valid = -1;
  ASSERT_EQ(sdsprofile_result_valid(h.checker, &valid), SDSPROFILE_OK);
  EXPECT_EQ(valid, 0);
  std::size_t count = 0;
  ASSERT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
  EXPECT_EQ(count, 3u);
  const char* json = nullptr;
  std::size_t length = 99;
  ASSERT_EQ(sdsprofile_expanded_json(h.checker, &json, &length), SDSPROFILE_OK);
  EXPECT_NE(json, nullptr);
  EXPECT_EQ(length, 0u);
}

TEST(CApi, NullHandleAndNullPointers) {
  const char* body = "{}";
  sdsprofile_options o = defaults_at_2026();
  int valid = 0;
  std::size_t count = 0;
  sdsprofile_diagnostic d;
  const char* json = nullptr;
  std::size_t length = 0;
  EXPECT_EQ(sdsprofile_check(nullptr, body, 2, &o), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_expand(nullptr, body, 2, &o), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_result_valid(nullptr, &valid), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_diagnostic_count(nullptr, &count), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_diagnostic_get(nullptr, 0, &d), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_expanded_json(nullptr, &json, &length), SDSPROFILE_ERROR_NULL_ARGUMENT);

  handle h;
  ASSERT_EQ(sdsprofile_check(h.checker, k_display_name_number.data(), k_display_name_number.size(), &o), SDSPROFILE_OK);
  EXPECT_EQ(sdsprofile_result_valid(h.checker, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_diagnostic_count(h.checker, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_diagnostic_get(h.checker, 0, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_expanded_json(h.checker, nullptr, &length), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_expanded_json(h.checker, &json, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);

  // Null input with a nonzero length; a null id with a nonzero length. Either clears the result.
  EXPECT_EQ(sdsprofile_check(h.checker, nullptr, 5, &o), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_result_valid(h.checker, &valid), SDSPROFILE_ERROR_NO_RESULT);
  EXPECT_EQ(sdsprofile_expand(h.checker, nullptr, 5, &o), SDSPROFILE_ERROR_NULL_ARGUMENT);
  o.expand_id_length = 36;
  EXPECT_EQ(sdsprofile_expand(h.checker, body, 2, &o), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_check(h.checker, body, 2, &o), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_ERROR_NO_RESULT);
}

TEST(CApi, NoResultBeforeTheFirstCall) {
  handle h;
  int valid = 7;
  std::size_t count = 7;
  sdsprofile_diagnostic d;
  const char* json = nullptr;
  std::size_t length = 7;
  EXPECT_EQ(sdsprofile_result_valid(h.checker, &valid), SDSPROFILE_ERROR_NO_RESULT);
  EXPECT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_ERROR_NO_RESULT);
  EXPECT_EQ(sdsprofile_diagnostic_get(h.checker, 0, &d), SDSPROFILE_ERROR_NO_RESULT);
  EXPECT_EQ(sdsprofile_expanded_json(h.checker, &json, &length), SDSPROFILE_ERROR_NO_RESULT);
  EXPECT_EQ(valid, 7);
  EXPECT_EQ(count, 7u);
  EXPECT_EQ(length, 7u);
}

TEST(CApi, DiagnosticIndexOutOfRange) {
  handle h;
  const sdsprofile_options o = defaults_at_2026();
  ASSERT_EQ(sdsprofile_check(h.checker, k_display_name_number.data(), k_display_name_number.size(), &o), SDSPROFILE_OK);
  sdsprofile_diagnostic d;
  d.line = 12345;
  EXPECT_EQ(sdsprofile_diagnostic_get(h.checker, 3, &d), SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE);
  EXPECT_EQ(sdsprofile_diagnostic_get(h.checker, static_cast<std::size_t>(-1), &d),
            SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE);
  EXPECT_EQ(d.line, 12345u);
}

TEST(CApi, BadOptionValuesAreRejectedAndClearTheResult) {
  handle h;
  const char* body = "{}";
  const auto rejected = [&](void (*change)(sdsprofile_options&)) {
    sdsprofile_options o = defaults_at_2026();
    EXPECT_EQ(sdsprofile_check(h.checker, body, 2, &o), SDSPROFILE_OK);
    change(o);
    const sdsprofile_status check = sdsprofile_check(h.checker, body, 2, &o);
    int valid = 0;
    const sdsprofile_status after = sdsprofile_result_valid(h.checker, &valid);
    const sdsprofile_status expand = sdsprofile_expand(h.checker, body, 2, &o);
    return check == SDSPROFILE_ERROR_INVALID_OPTION && after == SDSPROFILE_ERROR_NO_RESULT &&
           expand == SDSPROFILE_ERROR_INVALID_OPTION;
  };
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.mode = 3; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.mode = -1; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.strict = 2; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.has_now = -1; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.now_unix_seconds = -62135596801; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.now_unix_seconds = 253402300800; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.max_bytes = 0; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.max_bytes = (std::uint64_t{1} << 40) + 1; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.max_depth = 0; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.max_depth = 1025; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.max_diagnostics = 0; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.max_diagnostics = 1000001; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.expand_compact = 2; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.max_report_bytes = 0; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) { o.max_report_bytes = (std::uint64_t{1} << 40) + 1; }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) {
    o.expand_id = "{86904b1e-c7d0-4ead-b13a-98f11fc400ee}";
    o.expand_id_length = 38;
  }));
  EXPECT_TRUE(rejected([](sdsprofile_options& o) {
    o.expand_id = "86904b1e-c7d0-4ead-b13a-98f11fc400eg";
    o.expand_id_length = 36;
  }));
  // The edges of each range are accepted; a now outside the range is ignored without has_now.
  EXPECT_FALSE(rejected([](sdsprofile_options& o) {
    o.mode = SDSPROFILE_MODE_RESOURCE;
    o.strict = 1;
    o.now_unix_seconds = 253402300799;
    o.max_bytes = std::uint64_t{1} << 40;
    o.max_depth = 1024;
    o.max_diagnostics = 1000000;
    o.expand_compact = 1;
    o.max_report_bytes = std::uint64_t{1} << 40;
  }));
  EXPECT_FALSE(rejected([](sdsprofile_options& o) {
    o.has_now = 0;
    o.now_unix_seconds = -62135596801;
    o.max_bytes = 1;
    o.max_depth = 1;
    o.max_diagnostics = 1;
    o.max_report_bytes = 1;
  }));
}

// sdsprofile_last_error names the option or argument and what it accepts, and is "" after a call
// that succeeds.
TEST(CApi, LastErrorNamesTheBadOption) {
  handle h;
  const auto message = [&](void (*change)(sdsprofile_options&)) {
    sdsprofile_options o = defaults_at_2026();
    change(o);
    EXPECT_EQ(sdsprofile_expand(h.checker, "{}", 2, &o), SDSPROFILE_ERROR_INVALID_OPTION);
    return std::string(sdsprofile_last_error());
  };
  EXPECT_EQ(message([](sdsprofile_options& o) { o.mode = 3; }),
            "mode is 3: it must be 0 (create), 1 (update) or 2 (resource)");
  EXPECT_EQ(message([](sdsprofile_options& o) { o.strict = 2; }), "strict is 2: it must be 0 or 1");
  EXPECT_EQ(message([](sdsprofile_options& o) { o.has_now = -1; }), "has_now is -1: it must be 0 or 1");
  EXPECT_EQ(message([](sdsprofile_options& o) { o.now_unix_seconds = 253402300800; }),
            "now_unix_seconds is 253402300800: it must be from -62135596800 to 253402300799 (years 0001 to 9999)");
  EXPECT_EQ(message([](sdsprofile_options& o) { o.max_bytes = 0; }),
            "max_bytes is 0: it must be from 1 to 1099511627776");
  EXPECT_EQ(message([](sdsprofile_options& o) { o.max_depth = 1025; }), "max_depth is 1025: it must be from 1 to 1024");
  EXPECT_EQ(message([](sdsprofile_options& o) { o.max_diagnostics = 0; }),
            "max_diagnostics is 0: it must be from 1 to 1000000");
  EXPECT_EQ(message([](sdsprofile_options& o) { o.max_report_bytes = 0; }),
            "max_report_bytes is 0: it must be from 1 to 1099511627776");
  EXPECT_EQ(message([](sdsprofile_options& o) {
              o.expand_id = "{86904b1e-c7d0-4ead-b13a-98f11fc400ee}";
              o.expand_id_length = 38;
            }),
            "expand_id is not a GUID (38 bytes; it must be 36: 8-4-4-4-12 hexadecimal digits)");
  EXPECT_EQ(message([](sdsprofile_options& o) { o.expand_compact = 2; }), "expand_compact is 2: it must be 0 or 1");

  EXPECT_EQ(sdsprofile_check(h.checker, "{}", 2, nullptr), SDSPROFILE_OK);
  EXPECT_STREQ(sdsprofile_last_error(), "");
  EXPECT_EQ(sdsprofile_check(nullptr, "{}", 2, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_STREQ(sdsprofile_last_error(), "checker is null");
  EXPECT_EQ(sdsprofile_check(h.checker, nullptr, 2, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_STREQ(sdsprofile_last_error(), "input is null, with a length");
  int valid = 0;
  EXPECT_EQ(sdsprofile_result_valid(h.checker, &valid), SDSPROFILE_ERROR_NO_RESULT);
  EXPECT_STREQ(sdsprofile_last_error(),
               "the checker holds no result: nothing was checked yet, or the last check or expand failed");
  EXPECT_EQ(sdsprofile_check(h.checker, "{}", 2, nullptr), SDSPROFILE_OK);
  sdsprofile_diagnostic d;
  EXPECT_EQ(sdsprofile_diagnostic_get(h.checker, 3, &d), SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE);
  EXPECT_STREQ(sdsprofile_last_error(), "index is 3: the result has 3 diagnostics");
  std::int64_t seconds = 0;
  EXPECT_EQ(sdsprofile_parse_rfc3339("2026-01-15", 10, &seconds), SDSPROFILE_ERROR_INVALID_OPTION);
  EXPECT_STREQ(sdsprofile_last_error(), "text is not an RFC 3339 date-time with an offset (e.g. 2026-01-15T00:00:00Z)");
  EXPECT_EQ(sdsprofile_options_init(nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_STREQ(sdsprofile_last_error(), "options is null");
}

// The per-code policy of a handle: it decides which codes are reported, their severity and
// validity; a bad entry is named and leaves the policy as it was.
TEST(CApi, SetPolicy) {
  handle h;
  const std::string seed = seed_request();
  const auto codes = [&] {
    std::string out;
    std::size_t count = 0;
    EXPECT_EQ(sdsprofile_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
    for (std::size_t i = 0; i < count; ++i) {
      sdsprofile_diagnostic d;
      EXPECT_EQ(sdsprofile_diagnostic_get(h.checker, i, &d), SDSPROFILE_OK);
      out += (d.severity == SDSPROFILE_SEVERITY_ERROR ? "error " : "warning ") +
             std::string(view(d.code, d.code_length)) + "\n";
    }
    int valid = 0;
    EXPECT_EQ(sdsprofile_result_valid(h.checker, &valid), SDSPROFILE_OK);
    return out + (valid == 1 ? "valid" : "invalid");
  };
  const sdsprofile_options o = defaults_at_2026();
  ASSERT_EQ(sdsprofile_check(h.checker, seed.data(), seed.size(), &o), SDSPROFILE_OK);
  EXPECT_EQ(codes(), "warning odata-type-noncanonical\nwarning odata-type-noncanonical\nvalid");

  const std::string_view error_list = " odata-type- , ";
  ASSERT_EQ(sdsprofile_set_policy(h.checker, SDSPROFILE_POLICY_ERROR, error_list.data(), error_list.size()),
            SDSPROFILE_OK);
  EXPECT_STREQ(sdsprofile_last_error(), "");
  ASSERT_EQ(sdsprofile_check(h.checker, seed.data(), seed.size(), &o), SDSPROFILE_OK);
  EXPECT_EQ(codes(), "error odata-type-noncanonical\nerror odata-type-noncanonical\ninvalid");
  // The policy finds the body invalid: no expansion.
  ASSERT_EQ(sdsprofile_expand(h.checker, seed.data(), seed.size(), &o), SDSPROFILE_OK);
  const char* json = nullptr;
  std::size_t length = 1;
  EXPECT_EQ(sdsprofile_expanded_json(h.checker, &json, &length), SDSPROFILE_OK);
  EXPECT_EQ(length, 0u);

  // Bad entries: named, with the nearest code; the policy stays.
  EXPECT_EQ(sdsprofile_set_policy(h.checker, SDSPROFILE_POLICY_IGNORE, "date-in-pastt", 13),
            SDSPROFILE_ERROR_INVALID_OPTION);
  EXPECT_STREQ(sdsprofile_last_error(), "ignore: unknown code 'date-in-pastt', did you mean 'date-in-past'?");
  EXPECT_EQ(sdsprofile_set_policy(h.checker, SDSPROFILE_POLICY_WARN, "json-syntax", 11),
            SDSPROFILE_ERROR_INVALID_OPTION);
  EXPECT_STREQ(sdsprofile_last_error(), "warn: 'json-syntax' is a document-level code: it cannot be made a warning");
  EXPECT_EQ(sdsprofile_set_policy(h.checker, 4, "", 0), SDSPROFILE_ERROR_INVALID_OPTION);
  EXPECT_STREQ(sdsprofile_last_error(), "list is 4: it must be 0 (select), 1 (ignore), 2 (warn) or 3 (error)");
  EXPECT_EQ(sdsprofile_set_policy(nullptr, 0, "", 0), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_set_policy(h.checker, 0, nullptr, 1), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_STREQ(sdsprofile_last_error(), "codes is null, with a length");
  ASSERT_EQ(sdsprofile_check(h.checker, seed.data(), seed.size(), &o), SDSPROFILE_OK);
  EXPECT_EQ(codes(), "error odata-type-noncanonical\nerror odata-type-noncanonical\ninvalid");

  // Ignored, the body is valid and expands; emptied, the catalogue's result comes back.
  ASSERT_EQ(sdsprofile_set_policy(h.checker, SDSPROFILE_POLICY_ERROR, nullptr, 0), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_set_policy(h.checker, SDSPROFILE_POLICY_IGNORE, "odata-type-noncanonical", 23), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_expand(h.checker, seed.data(), seed.size(), &o), SDSPROFILE_OK);
  EXPECT_EQ(codes(), "valid");
  EXPECT_EQ(sdsprofile_expanded_json(h.checker, &json, &length), SDSPROFILE_OK);
  EXPECT_GT(length, 0u);
  ASSERT_EQ(sdsprofile_set_policy(h.checker, SDSPROFILE_POLICY_IGNORE, "", 0), SDSPROFILE_OK);
  ASSERT_EQ(sdsprofile_check(h.checker, seed.data(), seed.size(), &o), SDSPROFILE_OK);
  EXPECT_EQ(codes(), "warning odata-type-noncanonical\nwarning odata-type-noncanonical\nvalid");
}

// --- The CSV folder ------------------------------------------------------------------------------

// A folder checker for one test, destroyed at scope exit.
struct csv_handle {
  sdsprofile_csv_checker* checker = nullptr;
  csv_handle() { EXPECT_EQ(sdsprofile_csv_checker_create(&checker), SDSPROFILE_OK); }
  ~csv_handle() { sdsprofile_csv_checker_destroy(checker); }
};

// The six files of a small folder; Teacher.csv is absent and Student.csv has a dangling school.
struct small_folder {
  const char* files[6] = {"SIS ID,Name\r\n1,Contoso\r\n",
                          "SIS ID,School SIS ID,Section Name\r\n10,1,Algebra\r\n",
                          "SIS ID,School SIS ID,Username\r\n100,1,ava\r\n101,2,bo\r\n",
                          nullptr,
                          "Section SIS ID,SIS ID\r\n10,100\r\n",
                          "Section SIS ID,SIS ID\r\n"};
  size_t lengths[6]{};
  small_folder() {
    for (int i = 0; i < 6; ++i) lengths[i] = files[i] == nullptr ? 0 : std::strlen(files[i]);
  }
};

TEST(CApi, CsvFilesGiveEveryPartInOrder) {
  csv_handle h;
  const small_folder folder;
  const std::string profile = R"({"displayName": 5})";
  const sdsprofile_options o = defaults_at_2026();
  ASSERT_EQ(sdsprofile_check_csv_files(h.checker, folder.files, folder.lengths, profile.data(), profile.size(), &o, 2),
            SDSPROFILE_OK);
  int valid = -1;
  ASSERT_EQ(sdsprofile_csv_result_valid(h.checker, &valid), SDSPROFILE_OK);
  EXPECT_EQ(valid, 0);
  size_t count = 0;
  ASSERT_EQ(sdsprofile_csv_diagnostic_count(h.checker, &count), SDSPROFILE_OK);
  // The profile's two missing-required, csv-not-csv-provider (at its start too) and type-mismatch;
  // the missing file; the school.
  ASSERT_EQ(count, 6U);
  sdsprofile_csv_diagnostic d;
  ASSERT_EQ(sdsprofile_csv_diagnostic_get(h.checker, 2, &d), SDSPROFILE_OK);
  EXPECT_EQ(view(d.diagnostic.code, d.diagnostic.code_length), "csv-not-csv-provider");
  EXPECT_EQ(d.part, SDSPROFILE_CSV_PART_PROFILE);
  EXPECT_EQ(d.file_length, 0U);
  ASSERT_EQ(sdsprofile_csv_diagnostic_get(h.checker, 4, &d), SDSPROFILE_OK);
  EXPECT_EQ(view(d.diagnostic.code, d.diagnostic.code_length), "csv-file-missing");
  EXPECT_EQ(view(d.diagnostic.path, d.diagnostic.path_length), "/Teacher.csv");
  EXPECT_EQ(d.part, SDSPROFILE_CSV_PART_FOLDER);
  EXPECT_EQ(d.located, 0);
  ASSERT_EQ(sdsprofile_csv_diagnostic_get(h.checker, 5, &d), SDSPROFILE_OK);
  EXPECT_EQ(view(d.diagnostic.code, d.diagnostic.code_length), "csv-dangling-school");
  EXPECT_EQ(d.diagnostic.severity, SDSPROFILE_SEVERITY_ERROR);
  EXPECT_EQ(view(d.diagnostic.path, d.diagnostic.path_length), "/Student.csv/3/School SIS ID");
  EXPECT_EQ(view(d.file, d.file_length), "Student.csv");
  EXPECT_EQ(view(d.field, d.field_length), "School SIS ID");
  EXPECT_EQ(d.located, 1);
  EXPECT_EQ(d.diagnostic.line, 3U);
  EXPECT_EQ(d.diagnostic.column, 5U);
  EXPECT_EQ(d.diagnostic.offset, 46U);
  EXPECT_EQ(view(d.diagnostic.message, d.diagnostic.message_length), "The School SIS ID \"2\" is not in School.csv.");
  EXPECT_EQ(sdsprofile_csv_diagnostic_get(h.checker, 6, &d), SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE);
  ASSERT_EQ(sdsprofile_csv_read_error_count(h.checker, &count), SDSPROFILE_OK);
  EXPECT_EQ(count, 0U);
}

TEST(CApi, CsvFolderThatCannotBeReadIsAReadError) {
  csv_handle h;
  const std::string dir = "/nonexistent/sdsprofile-csv";
  ASSERT_EQ(sdsprofile_check_csv_folder(h.checker, dir.data(), dir.size(), nullptr, 0, nullptr, 1), SDSPROFILE_OK);
  size_t count = 0;
  ASSERT_EQ(sdsprofile_csv_read_error_count(h.checker, &count), SDSPROFILE_OK);
  ASSERT_EQ(count, 1U);
  const char* message = nullptr;
  size_t length = 0;
  ASSERT_EQ(sdsprofile_csv_read_error_get(h.checker, 0, &message, &length), SDSPROFILE_OK);
  EXPECT_EQ(view(message, length), "cannot read '/nonexistent/sdsprofile-csv': No such file or directory");
  EXPECT_EQ(sdsprofile_csv_read_error_get(h.checker, 1, &message, &length), SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE);
  int valid = -1;
  ASSERT_EQ(sdsprofile_csv_result_valid(h.checker, &valid), SDSPROFILE_OK);
  EXPECT_EQ(valid, 0);
}

TEST(CApi, CsvMisuse) {
  csv_handle h;
  const small_folder folder;
  EXPECT_EQ(sdsprofile_csv_checker_create(nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_STREQ(sdsprofile_last_error(), "out_checker is null");
  sdsprofile_csv_checker_destroy(nullptr);
  int valid = 0;
  size_t count = 0;
  EXPECT_EQ(sdsprofile_csv_result_valid(h.checker, &valid), SDSPROFILE_ERROR_NO_RESULT);
  EXPECT_EQ(sdsprofile_check_csv_files(nullptr, folder.files, folder.lengths, nullptr, 0, nullptr, 1),
            SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_check_csv_files(h.checker, nullptr, folder.lengths, nullptr, 0, nullptr, 1),
            SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_check_csv_folder(h.checker, nullptr, 0, nullptr, 0, nullptr, 1), SDSPROFILE_ERROR_NULL_ARGUMENT);
  sdsprofile_options o = defaults_at_2026();
  o.max_diagnostics = 0;
  EXPECT_EQ(sdsprofile_check_csv_files(h.checker, folder.files, folder.lengths, nullptr, 0, &o, 1),
            SDSPROFILE_ERROR_INVALID_OPTION);
  EXPECT_STREQ(sdsprofile_last_error(), "max_diagnostics is 0: it must be from 1 to 1000000");
  EXPECT_EQ(sdsprofile_csv_diagnostic_count(h.checker, &count), SDSPROFILE_ERROR_NO_RESULT);
  EXPECT_STREQ(sdsprofile_last_error(),
               "the checker holds no result: nothing was checked yet, or the last check or expand failed");
  ASSERT_EQ(sdsprofile_check_csv_files(h.checker, folder.files, folder.lengths, nullptr, 0, nullptr, 0), SDSPROFILE_OK);
  EXPECT_EQ(sdsprofile_csv_diagnostic_count(h.checker, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_csv_diagnostic_get(h.checker, 0, nullptr), SDSPROFILE_ERROR_NULL_ARGUMENT);
  EXPECT_EQ(sdsprofile_csv_read_error_get(h.checker, 0, nullptr, &count), SDSPROFILE_ERROR_NULL_ARGUMENT);
}

}  // namespace
