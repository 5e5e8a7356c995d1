// Benchmark corpus generator: realistic educationSynchronizationProfile create bodies of several
// shapes, and an NDJSON file of 100,000 mixed documents. Usage: sdsprofile_bench_corpus OUTDIR
// [--seed N]. The output depends only on the seed, byte for byte: std::mt19937_64's sequence is
// fixed by the C++ standard, and numbers are mapped to ranges here rather than by the standard
// library's distributions, whose output differs between implementations.
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

// examples/seed-request.json byte for byte (the corpus test compares them): the Graph
// documentation's create request.
constexpr std::string_view k_seed_request = R"({
    "displayName": "Test Profile",
    "dataProvider": {
        "@odata.type": "#microsoft.graph.educationcsvdataprovider",
        "customizations": {
            "student": {
                "optionalPropertiesToSync": [
                    "State ID",
                    "Middle Name"
                ]
            }
        }
    },
    "identitySynchronizationConfiguration": {
        "@odata.type": "#microsoft.graph.educationidentitycreationconfiguration",
        "userDomains": [
            {
                "appliesTo": "student",
                "name": "testschool.edu"
            },
            {
                "appliesTo": "teacher",
                "name": "testschool.edu"
            }
        ]
    },
    "licensesToAssign": [
        {
            "appliesTo": "teacher",
            "skuIds": [
                "6fd2c87f-b296-42f0-b197-1e91e994b900"
            ]
        },
        {
            "appliesTo": "student",
            "skuIds": [
                "6fd2c87f-b296-42f0-b197-1e91e994b900"
            ]
        }
    ]
}
)";

class random_source {
 public:
  explicit random_source(std::uint64_t seed) : engine_(seed) {}
  /// A number in [0, n): a plain modulo, whose tiny bias does not matter for test data.
  std::uint64_t below(std::uint64_t n) { return engine_() % n; }
  bool percent(unsigned p) { return below(100) < p; }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }
  std::string guid() {
    const std::uint64_t a = engine_(), b = engine_();
    return fmt::format("{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                       8 + (b >> 62), (b >> 48) & 0xfff, b & 0xffffffffffffULL);
  }

 private:
  std::mt19937_64 engine_;
};

// JSON text, pretty (4-space indentation, as in the Graph documentation) or compact (NDJSON).
class json_text {
 public:
  explicit json_text(bool pretty) : pretty_(pretty) {}
  json_text& open(char bracket) {
    before_value();
    text_ += bracket;
    counts_.push_back(0);
    return *this;
  }
  json_text& close(char bracket) {
    const bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty) new_line();
    text_ += bracket;
    return *this;
  }
  json_text& key(std::string_view name) {
    before_item();
    quote(name);
    text_ += pretty_ ? ": " : ":";
    after_key_ = true;
    return *this;
  }
  json_text& str(std::string_view value) {
    before_value();
    quote(value);
    return *this;
  }
  json_text& raw(std::string_view literal) {  // true, false, a number
    before_value();
    text_ += literal;
    return *this;
  }
  json_text& boolean(bool value) { return raw(value ? "true" : "false"); }
  json_text& strings(const std::vector<std::string>& values) {
    open('[');
    for (const std::string& v : values) str(v);
    return close(']');
  }
  std::string take() { return std::move(text_); }

 private:
  void before_item() {
    if (counts_.back()++ > 0) text_ += ',';
    new_line();
  }
  void before_value() {
    if (after_key_)
      after_key_ = false;
    else if (!counts_.empty())
      before_item();
  }
  void new_line() {
    if (!pretty_) return;
    text_ += '\n';
    text_.append(4 * counts_.size(), ' ');
  }
  void quote(std::string_view s) {
    text_ += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') text_ += '\\';
      text_ += c;
    }
    text_ += '"';
  }
  bool pretty_;
  bool after_key_ = false;
  std::vector<int> counts_;  // members written so far, per open container
  std::string text_;
};

enum class provider { csv, power_school, one_roster };

// Each fault makes exactly one error diagnostic, each of a different code.
enum fault : unsigned {
  display_name_number = 1u << 0,    // type-mismatch
  historic_property = 1u << 1,      // unknown-property (dataSource)
  domain_with_at = 1u << 2,         // invalid-domain
  braced_sku_id = 1u << 3,          // invalid-guid
  unknown_csv_attribute = 1u << 4,  // unknown-optional-property (CSV provider only)
  impossible_date = 1u << 5,        // invalid-date
  us_start_date = 1u << 6,          // invalid-datetime
  wrong_case_name = 1u << 7,        // property-name-case
  duplicate_role = 1u << 8,         // duplicate-applies-to
  inline_navigation = 1u << 9,      // navigation-property
};
constexpr unsigned k_all_faults = (1u << 10) - 1;
constexpr unsigned k_fault_count = 10;

struct profile_options {
  provider kind = provider::csv;
  unsigned faults = 0;
  std::size_t schools = 4;  // schoolsIds (PowerSchool, OneRoster)
  std::size_t terms = 2;    // termIds (OneRoster)
  std::size_t skus_per_role = 2;
};

// SDS v1 CSV optional attributes per customization entity (schemas/csv-attributes.json).
const std::vector<std::string> k_school_attributes = {"School Number",
                                                      "School NCES_ID",
                                                      "State ID",
                                                      "Grade Low",
                                                      "Grade High",
                                                      "Principal SIS ID",
                                                      "Principal Name",
                                                      "Principal Secondary Email",
                                                      "Address",
                                                      "City",
                                                      "State",
                                                      "Country",
                                                      "Zip",
                                                      "Phone",
                                                      "Zone"};
const std::vector<std::string> k_section_attributes = {
    "Section Number", "Term SIS ID",   "Term Name",          "Term StartDate", "Term EndDate", "Course SIS ID",
    "Course Name",    "Course Number", "Course Description", "Course Subject", "Periods",      "Status"};
const std::vector<std::string> k_student_attributes = {
    "State ID", "Secondary Email", "Student Number", "Middle Name", "Grade", "Status", "Birthdate", "Graduation Year"};
const std::vector<std::string> k_teacher_attributes = {
    "State ID", "Teacher Number", "Status", "Middle Name", "Secondary Email", "Title", "Qualification"};

constexpr std::array<std::string_view, 10> k_districts = {"contoso",  "fabrikam",  "northwind", "adatum",  "litware",
                                                          "tailspin", "woodgrove", "proseware", "wingtip", "lamna"};
constexpr std::array<std::string_view, 4> k_suffixes = {"edu", "org", "k12.wa.us", "school.nz"};
// Education SKUs (Office 365 A1 for students and faculty, and their "plus" variants).
constexpr std::array<std::string_view, 4> k_known_skus = {
    "314c4481-f395-4525-be8b-2ec4bb1e9d91", "94763226-9b3c-4e75-a931-5c89701abe66",
    "e82ae690-a2d5-4d76-8d30-7c6e01e6022e", "78e66a63-337a-4a9a-8959-41c6654dfb56"};
constexpr std::array<std::string_view, 3> k_roles = {"student", "teacher", "faculty"};

// One to three items of `all`, in CSV header order (so no item repeats).
std::vector<std::string> some_of(random_source& r, const std::vector<std::string>& all) {
  std::vector<std::string> out;
  for (const std::string& a : all)
    if (out.size() < 3 && r.percent(35)) out.push_back(a);
  if (out.empty()) out.push_back(all[r.below(all.size())]);
  return out;
}

void customization(json_text& j, random_source& r, std::string_view entity, const std::vector<std::string>& attributes,
                   unsigned faults) {
  j.key(entity).open('{');
  j.key("optionalPropertiesToSync");
  if (attributes.empty()) {
    j.strings({});  // studentEnrollment and teacherRoster: does not apply
  } else {
    std::vector<std::string> list = some_of(r, attributes);
    if (entity == "teacher" && (faults & unknown_csv_attribute)) list.push_back("Email");
    j.strings(list);
  }
  if (entity == "studentEnrollment")
    j.key("synchronizationStartDate")
        .str((faults & us_start_date) ? fmt::format("08/{}/2029", 10 + r.below(20))
                                      : fmt::format("2029-08-{}T07:00:00Z", 10 + r.below(20)));
  if (entity == "teacher" && (faults & wrong_case_name))
    j.key("IsSyncDeferred").boolean(false);
  else if (r.percent(50))
    j.key("isSyncDeferred").boolean(r.percent(20));
  if (!attributes.empty() && r.percent(50)) j.key("allowDisplayNameUpdate").boolean(r.percent(50));
  j.close('}');
}

std::string profile(random_source& r, const profile_options& o, bool pretty) {
  const std::string district(r.pick(k_districts));
  const std::string domain = district + "." + std::string(r.pick(k_suffixes));
  json_text j(pretty);
  j.open('{');
  const std::uint64_t year = 2025 + r.below(2);
  if (o.faults & display_name_number)
    j.key("displayName").raw(fmt::format("{}", year));
  else
    j.key("displayName")
        .str(fmt::format("{}{} {} sync {}-{}", char(district[0] - 'a' + 'A'), district.substr(1),
                         r.percent(50) ? "District" : "Schools", year, (year + 1) % 100));
  if (o.faults & historic_property) j.key("dataSource").str("csv");

  j.key("dataProvider").open('{');
  switch (o.kind) {
    case provider::csv:
      j.key("@odata.type").str("#microsoft.graph.educationCsvDataProvider");
      break;
    case provider::power_school: {
      j.key("@odata.type").str("#microsoft.graph.educationPowerSchoolDataProvider");
      j.key("connectionUrl").str(fmt::format("https://{}.powerschool.com", district));
      j.key("clientId").str(r.guid());
      j.key("clientSecret").str(fmt::format("{}{}", r.guid(), r.below(1000)));
      j.key("schoolsIds").open('[');
      for (std::size_t i = 0; i < o.schools; ++i) j.str(fmt::format("{}", 100 + 10 * i + r.below(10)));
      j.close(']');
      j.key("schoolYear").str(fmt::format("{}", year));
      j.key("allowTeachersInMultipleSchools").boolean(r.percent(50));
      break;
    }
    case provider::one_roster: {
      j.key("@odata.type").str("#microsoft.graph.educationOneRosterApiDataProvider");
      j.key("connectionUrl").str(fmt::format("https://oneroster.{}/ims/oneroster/v1p1", domain));
      j.key("providerName").str(r.percent(50) ? "Infinite Campus" : "Skyward");
      j.key("connectionSettings").open('{');
      const bool oauth2 = r.percent(50);
      j.key("@odata.type")
          .str(oauth2 ? "#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings"
                      : "#microsoft.graph.educationSynchronizationOAuth1ConnectionSettings");
      j.key("clientId").str(r.guid());
      j.key("clientSecret").str(r.guid());
      if (oauth2) {
        j.key("tokenUrl").str(fmt::format("https://oneroster.{}/oauth/token", domain));
        if (r.percent(30)) j.key("scope").str("https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly");
      }
      j.close('}');
      j.key("schoolsIds").open('[');
      for (std::size_t i = 0; i < o.schools; ++i) j.str(fmt::format("org-{:05}", 10 * i + r.below(10)));
      j.close(']');
      j.key("termIds").open('[');
      for (std::size_t i = 0; i < o.terms; ++i) j.str(fmt::format("term-{}-{:04}", year, 10 * i + r.below(10)));
      j.close(']');
      break;
    }
  }
  j.key("customizations").open('{');
  customization(j, r, "school", k_school_attributes, o.faults);
  customization(j, r, "section", k_section_attributes, o.faults);
  customization(j, r, "student", k_student_attributes, o.faults);
  customization(j, r, "teacher", k_teacher_attributes, o.faults);
  customization(j, r, "studentEnrollment", {}, o.faults);
  customization(j, r, "teacherRoster", {}, o.faults);
  j.close('}').close('}');

  j.key("identitySynchronizationConfiguration").open('{');
  j.key("@odata.type").str("#microsoft.graph.educationIdentityCreationConfiguration");
  j.key("userDomains").open('[');
  for (std::string_view role : k_roles) {
    const std::string name = role == "student" ? "students." + domain : role == "faculty" ? "staff." + domain : domain;
    j.open('{').key("appliesTo").str(role);
    j.key("name").str(role == "student" && (o.faults & domain_with_at) ? "@" + name : name).close('}');
  }
  j.close(']').close('}');

  j.key("licensesToAssign").open('[');
  auto licence = [&](std::string_view role, bool braced) {
    j.open('{').key("appliesTo").str(role).key("skuIds").open('[');
    const std::string first(role == "student" ? k_known_skus[0] : k_known_skus[1]);
    j.str(braced ? "{" + first + "}" : first);
    for (std::size_t i = 1; i < o.skus_per_role; ++i)
      j.str(i < 2 ? std::string(k_known_skus[2 + r.below(2)]) : r.guid());
    j.close(']').close('}');
  };
  for (std::string_view role : k_roles) licence(role, role == "student" && (o.faults & braced_sku_id));
  if (o.faults & duplicate_role) licence("teacher", false);
  j.close(']');
  if (o.faults & impossible_date) j.key("expirationDate").str(fmt::format("{}-02-30", 2026 + r.below(2)));
  if (o.faults & inline_navigation) j.key("errors").open('[').close(']');
  j.close('}');
  return j.take() + (pretty ? "\n" : "");
}

// The seed request with other names, as a compact NDJSON line (its lower-case @odata.type
// values give two odata-type-noncanonical warnings, as the original does).
std::string seed_like(random_source& r) {
  const std::string domain = std::string(r.pick(k_districts)) + "." + std::string(r.pick(k_suffixes));
  const std::string sku(r.pick(k_known_skus));
  return fmt::format(
      R"({{"displayName":"Test Profile {}","dataProvider":{{"@odata.type":"#microsoft.graph.educationcsvdataprovider",)"
      R"("customizations":{{"student":{{"optionalPropertiesToSync":["State ID","Middle Name"]}}}}}},)"
      R"("identitySynchronizationConfiguration":{{"@odata.type":"#microsoft.graph.educationidentitycreationconfiguration",)"
      R"("userDomains":[{{"appliesTo":"student","name":"{}"}},{{"appliesTo":"teacher","name":"{}"}}]}},)"
      R"("licensesToAssign":[{{"appliesTo":"teacher","skuIds":["{}"]}},{{"appliesTo":"student","skuIds":["{}"]}}]}})",
      r.below(1000), domain, domain, sku, sku);
}

// `text` with `extra` inserted at `at` (built anew: GCC 12 misreads string::insert at -O3).
std::string inserted(std::string_view text, std::size_t at, std::string_view extra) {
  return std::string(text.substr(0, at)).append(extra).append(text.substr(at));
}

// The last licence's closing brace, where a trailing comma goes.
std::size_t after_last_licence(std::string_view text) { return text.rfind('}', text.rfind(']')) + 1; }

// A JSON syntax error in an otherwise typical body: the mistakes people make by hand.
std::string syntax_error(random_source& r, const std::string& text) {
  switch (r.below(4)) {
    case 0:  // a trailing comma
      return inserted(text, after_last_licence(text), ",");
    case 1:  // truncated (a cut upload)
      return text.substr(0, 1 + r.below(text.size() - 2));
    case 2: {  // single quotes around "displayName"
      std::string out = text;
      const std::size_t at = out.find("\"displayName\"");
      out[at] = out[at + 12] = '\'';
      return out;
    }
    default:  // a comment
      return inserted(text, 1, "/* created by script */");
  }
}

profile_options typical(provider kind, unsigned faults = 0) { return {kind, faults, 3, 2, 2}; }

provider any_provider(random_source& r) { return static_cast<provider>(r.below(3)); }

// One NDJSON line: mostly valid typical bodies, some invalid ones, a few syntax errors.
std::string mixed_line(random_source& r) {
  const std::uint64_t roll = r.below(100);
  if (roll < 10) return seed_like(r);
  if (roll < 35) return profile(r, typical(provider::csv), false);
  if (roll < 55) return profile(r, typical(provider::power_school), false);
  if (roll < 75) return profile(r, typical(provider::one_roster), false);
  if (roll < 76) return profile(r, {provider::one_roster, 0, 200, 60, 20}, false);
  if (roll < 91) {  // one fault; the CSV attribute fault only where attributes are checked
    profile_options o = typical(any_provider(r));
    do o.faults = 1u << r.below(k_fault_count);
    while (o.faults == unknown_csv_attribute && o.kind != provider::csv);
    return profile(r, o, false);
  }
  if (roll < 96) return profile(r, typical(provider::csv, k_all_faults), false);
  return syntax_error(r, profile(r, typical(any_provider(r)), false));
}

bool write_file(const std::filesystem::path& path, std::string_view text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    std::fprintf(stderr, "sdsprofile_bench_corpus: cannot create %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return std::fclose(f) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t seed = 20260105;
  constexpr const char* usage = "usage: sdsprofile_bench_corpus OUTDIR [--seed N]\n";
  if (argc >= 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::fputs(usage, stdout);
    return 0;
  }
  const bool seed_given = argc == 4 && std::string_view(argv[2]) == "--seed";
  // An OUTDIR that looks like an option is a mistyped option, not a folder to create.
  if ((argc != 2 && !seed_given) || argv[1][0] == '-') {
    std::fputs(usage, stderr);
    return 2;
  }
  if (seed_given) {
    char* end = nullptr;
    errno = 0;
    seed = std::strtoull(argv[3], &end, 10);
    if (errno != 0 || end == argv[3] || *end != '\0') {
      std::fprintf(stderr, "sdsprofile_bench_corpus: --seed: '%s' is not an unsigned integer\n", argv[3]);
      return 2;
    }
  }
  const std::filesystem::path dir(argv[1]);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    std::fprintf(stderr, "sdsprofile_bench_corpus: cannot create %s: %s\n", argv[1], error.message().c_str());
    return 2;
  }
  random_source r(seed);
  const std::string typical_csv = profile(r, typical(provider::csv), true);
  bool ok = write_file(dir / "seed.json", k_seed_request) && write_file(dir / "typical-csv.json", typical_csv) &&
            write_file(dir / "typical-powerschool.json", profile(r, typical(provider::power_school), true)) &&
            write_file(dir / "typical-oneroster.json", profile(r, typical(provider::one_roster), true)) &&
            write_file(dir / "large.json", profile(r, {provider::one_roster, 0, 400, 120, 40}, true)) &&
            write_file(dir / "invalid-1.json", profile(r, typical(provider::csv, braced_sku_id), true)) &&
            write_file(dir / "invalid-10.json", profile(r, typical(provider::csv, k_all_faults), true)) &&
            write_file(dir / "syntax-error.json", inserted(typical_csv, after_last_licence(typical_csv), ","));
  std::string lines;
  for (int i = 0; i < 100000; ++i) lines += mixed_line(r) + "\n";
  ok = ok && write_file(dir / "mixed.ndjson", lines);
  return ok ? 0 : 1;
}
