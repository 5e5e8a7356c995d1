// CSV folder generator: the six files of a CSV profile's upload folder (docs/csv-rules.md), in the
// shapes of the official samples (every column of the "100 Users" headers, CRLF line ends), valid
// and consistent: unique IDs and usernames, every reference resolves, every user and section
// belongs to one school and is enrolled or rostered in sections of that school. Names are drawn
// from short lists (some with apostrophes, hyphens or non-ASCII letters); a few values hold commas
// or quotes and are quoted; dates are ISO 8601.
//
// Usage: sdsprofile_csv_folder OUTDIR [--schools N] [--sections N] [--students N] [--teachers N]
//                              [--enrollments N] [--rosters N] [--seed N]
// The defaults make the benchmark folder (docs/performance.md): 2,000 schools, 40,000 sections,
// 500,000 students, 30,000 teachers, 500,000 enrollment rows, 80,000 roster rows. The output
// depends only on the arguments: std::mt19937_64's sequence is fixed by the C++ standard, numbers
// are mapped to ranges by a plain modulo rather than by the standard library's distributions,
// whose output differs between implementations, and every number is drawn in a statement of its
// own (the order in which function arguments are evaluated is unspecified).
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>

namespace {

/// How many rows of each file.
struct counts {
  std::uint64_t schools = 2000, sections = 40000, students = 500000, teachers = 30000, enrollments = 500000,
                rosters = 80000;
};

class random_source {
 public:
  explicit random_source(std::uint64_t seed) : engine_(seed) {}
  /// A number in [0, n): a plain modulo, whose tiny bias does not matter for test data.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : engine_() % n; }
  bool percent(unsigned p) { return below(100) < p; }
  template <std::size_t N>
  std::string_view pick(const std::array<std::string_view, N>& items) {
    return items[below(N)];
  }

 private:
  std::mt19937_64 engine_;
};

constexpr std::array<std::string_view, 40> k_first_names = {
    "Olivia",   "Liam",  "Emma",    "Noah",      "Amelia", "Oliver",  "Ava",    "Elijah", "Sophia",  "Mateo",
    "Isabella", "Lucas", "Mia",     "Levi",      "Chloé",  "James",   "Zoë",    "Ethan",  "Aaliyah", "Jack",
    "Harper",   "Henry", "Evelyn",  "Sebastián", "Luna",   "Aiden",   "Camila", "Owen",   "Gianna",  "Samuel",
    "Nora",     "Kai",   "Leilani", "Ezra",      "Priya",  "Hiroshi", "Fatima", "Björn",  "Anh",     "Kwame"};
constexpr std::array<std::string_view, 40> k_last_names = {
    "Smith",     "Johnson",  "Williams",   "Brown",  "Jones",    "Garcia", "Miller",   "Davis",
    "Rodriguez", "Martinez", "Hernández",  "Lopez",  "Gonzalez", "Wilson", "Anderson", "Thomas",
    "Taylor",    "Moore",    "Jackson",    "Martin", "Lee",      "Pérez",  "Thompson", "White",
    "Harris",    "Sánchez",  "O'Brien",    "Clark",  "Ramirez",  "Lewis",  "Nguyen",   "Müller",
    "Walker",    "Young",    "Allen-Ward", "King",   "D'Angelo", "Wright", "Scott",    "Okafor"};
constexpr std::array<std::string_view, 24> k_places = {
    "Lincoln",   "Washington", "Jefferson", "Riverside",   "Lakeview",  "Hillcrest",  "Oak Grove",   "Maple Ridge",
    "Fairview",  "Cedar Park", "Westwood",  "Eastside",    "Pine Hill", "Brookside",  "Sunnydale",   "Northgate",
    "Greenwood", "Harbor",     "Valley",    "Meadowbrook", "Summit",    "Clearwater", "Stonebridge", "Willow Creek"};
constexpr std::array<std::string_view, 4> k_school_kinds = {"High School", "Middle School", "Elementary School",
                                                            "Academy"};
constexpr std::array<std::string_view, 16> k_cities = {
    "Springfield", "Franklin",  "Greenville", "Bristol",    "Clinton", "Fairfield", "Salem",  "Madison",
    "Georgetown",  "Arlington", "Ashland",    "Burlington", "Dayton",  "Jackson",   "Milton", "Newport"};
constexpr std::array<std::string_view, 12> k_states = {"WA", "OR", "CA", "TX", "NY", "IL",
                                                       "OH", "GA", "NC", "MI", "PA", "AZ"};
constexpr std::array<std::string_view, 12> k_streets = {"Main Street",   "Oak Avenue", "Park Road",  "Elm Street",
                                                        "2nd Avenue",    "Cedar Lane", "Hill Drive", "Lake Road",
                                                        "Church Street", "Mill Road",  "River Way",  "School Lane"};

/// A course: subject, name, and a description (some with commas, one with quotes).
struct course {
  std::string_view subject, name, description;
};
constexpr std::array<course, 12> k_courses = {{
    {"Mathematics", "Algebra 1", "Linear equations, inequalities and functions"},
    {"Mathematics", "Geometry", "Proofs, congruence, similarity and trigonometry"},
    {"Mathematics", "Calculus", "Limits and derivatives"},
    {"English", "English 9", "Reading and writing workshop"},
    {"English", "Literature", "Reading \"Hamlet\", \"Beloved\" and other works"},
    {"Science", "Biology", "Cells, genetics, evolution and ecology"},
    {"Science", "Chemistry", "Atoms and reactions"},
    {"Science", "Physics", "Motion, energy and waves"},
    {"Social Studies", "World History", "From antiquity to the present"},
    {"Social Studies", "Civics", "Government and citizenship"},
    {"Arts", "Art 1", "Drawing, painting and design"},
    {"World Languages", "Spanish 1", "Introduction to Spanish"},
}};
constexpr std::array<std::string_view, 6> k_titles = {
    "Teacher", "Teacher", "Teacher", "Department Head, Science", "Counselor", "Instructional Coach"};
constexpr std::array<std::string_view, 4> k_qualifications = {"B.Ed.", "M.Ed.", "M.A., Mathematics", "Ph.D."};
constexpr std::array<std::string_view, 4> k_terms = {"Fall 2025", "Spring 2026", "Semester 1", "Semester 2"};

// IDs: numeric, each file in its own range, as in the samples (schools 10001, sections 11001, ...).
std::uint64_t school_id(std::uint64_t i) { return 100001 + i; }
std::uint64_t section_id(std::uint64_t i) { return 2000001 + i; }
std::uint64_t student_id(std::uint64_t i) { return 30000001 + i; }
std::uint64_t teacher_id(std::uint64_t i) { return 4000001 + i; }

/// `value` as one CSV field: quoted (quotes doubled) when it holds ',', '"', CR or LF.
std::string field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + '"';
}

/// Appends one record: the fields joined by ',', then CRLF.
template <typename... T>
void row(std::string& out, const T&... fields) {
  bool first = true;
  ((out += first ? "" : ",", out += fields, first = false), ...);
  out += "\r\n";
}

/// The letters of `name` as lower-case ASCII, the stem of a username: the accented letters of the
/// name lists lose their accent, anything else that is not a letter (an apostrophe, a hyphen) is
/// dropped.
std::string ascii_stem(std::string_view name) {
  static constexpr std::pair<std::string_view, char> accented[] = {
      {"\xC3\xA1", 'a'}, {"\xC3\xA9", 'e'}, {"\xC3\xAB", 'e'}, {"\xC3\xAD", 'i'}, {"\xC3\xB6", 'o'}, {"\xC3\xBC", 'u'}};
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) out += static_cast<char>(c | 0x20);
    for (const auto& [letter, plain] : accented)
      if (name.substr(i).starts_with(letter)) out += plain;
  }
  return out;
}

/// A password that meets the Entra policy (docs/csv-rules.md csv-password-policy): 12 characters
/// of all four classes.
std::string password(random_source& r) {
  static constexpr std::string_view classes[] = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789",
                                                 "!#$%&*+-=?@^_"};
  std::string out;
  for (std::size_t i = 0; i < 12; ++i) {
    const std::string_view set = classes[i % 4];
    out += set[r.below(set.size())];
  }
  return out;
}

/// An ISO 8601 date in `year` (days 1 to 28, so that every date is real).
std::string date(random_source& r, std::uint64_t year) {
  const std::uint64_t month = 1 + r.below(12);
  const std::uint64_t day = 1 + r.below(28);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string schools(random_source& r, const counts& n) {
  std::string out;
  row(out, "SIS ID", "Name", "School Number", "School NCES_ID", "State ID", "Grade Low", "Grade High",
      "Principal SIS ID", "Principal Name", "Principal Secondary Email", "Address", "City", "State", "Country", "Zip",
      "Phone", "Zone");
  for (std::uint64_t i = 0; i < n.schools; ++i) {
    const std::string_view kind = r.pick(k_school_kinds);
    const bool high = kind == "High School";
    const std::string_view place = r.pick(k_places);
    std::string name = fmt::format("{} {}", place, kind);
    if (r.percent(5)) name += ", North Campus";
    const std::string_view principal_first = r.pick(k_first_names);
    const std::string_view principal_last = r.pick(k_last_names);
    const std::string principal = fmt::format("{} {}", principal_first, principal_last);
    const std::uint64_t principal_id = n.teachers == 0 ? 0 : teacher_id(r.below(n.teachers));
    const std::uint64_t house = 100 + r.below(9900);
    const std::string_view street = r.pick(k_streets);
    const std::string address = fmt::format("{} {}", house, street);
    const std::string_view city = r.pick(k_cities);
    const std::string_view state = r.pick(k_states);
    const std::string zip = fmt::format("{:05}", 10000 + r.below(89999));
    const std::string phone = fmt::format("555-{:04}", r.below(10000));
    row(out, std::to_string(school_id(i)), field(name), std::to_string(1 + i), fmt::format("{:012}", 60000000000 + i),
        fmt::format("ST{:06}", i), high ? "9" : "K", high ? "12" : "8", std::to_string(principal_id), field(principal),
        fmt::format("principal{}@mail.contoso.example", school_id(i)), address, city, state, "USA", zip, phone,
        fmt::format("Zone {}", 1 + i % 8));
  }
  return out;
}

std::string sections(random_source& r, const counts& n) {
  std::string out;
  row(out, "SIS ID", "School SIS ID", "Section Name", "Section Number", "Term SIS ID", "Term Name", "Term StartDate",
      "Term EndDate", "Course SIS ID", "Course Name", "Course Number", "Course Description", "Course Subject",
      "Periods", "Status");
  for (std::uint64_t i = 0; i < n.sections; ++i) {
    const course& c = k_courses[r.below(k_courses.size())];
    const std::uint64_t term = r.below(k_terms.size());
    const bool fall = term % 2 == 0;
    const std::uint64_t period = 1 + r.below(8);
    const std::string course_id = fmt::format("C{:04}", r.below(5000));
    const std::string course_number = fmt::format("{}-{:03}", c.name.substr(0, 3), r.below(1000));
    row(out, std::to_string(section_id(i)), std::to_string(school_id(i % n.schools)),
        field(fmt::format("{} - Period {}", c.name, period)), std::to_string(1 + i), fmt::format("T{}", 2025 + term),
        k_terms[term], fall ? "2025-08-25" : "2026-01-12", fall ? "2025-12-19" : "2026-06-05", course_id, c.name,
        course_number, field(c.description), c.subject, std::to_string(period), "Active");
  }
  return out;
}

/// Student.csv or Teacher.csv: `count` users spread over the schools.
std::string users(random_source& r, const counts& n, bool students) {
  std::string out;
  if (students) {
    row(out, "SIS ID", "School SIS ID", "First Name", "Last Name", "Username", "Password", "State ID",
        "Secondary Email", "Student Number", "Middle Name", "Grade", "Status", "Birthdate", "Graduation Year");
  } else {
    row(out, "SIS ID", "School SIS ID", "First Name", "Last Name", "Username", "Password", "State ID", "Teacher Number",
        "Status", "Middle Name", "Secondary Email", "Title", "Qualification");
  }
  const std::uint64_t count = students ? n.students : n.teachers;
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint64_t id = students ? student_id(i) : teacher_id(i);
    const std::string_view first = r.pick(k_first_names);
    const std::string_view last = r.pick(k_last_names);
    const bool has_middle = r.percent(60);
    const std::string_view middle = has_middle ? r.pick(k_first_names) : "";
    // Unique: the ID makes it so, whatever the name.
    const std::string username = fmt::format("{}{}{}", ascii_stem(first).substr(0, 1), ascii_stem(last), id);
    const std::string email = fmt::format("{}@mail.contoso.example", username);
    const std::string school = std::to_string(school_id(i % n.schools));
    const std::string secret = password(r);
    if (students) {
      const std::uint64_t grade = 9 + r.below(4);  // 14 to 17 in 2025: born 2019 - grade; graduating 2038 - grade
      const std::string birthdate = date(r, 2019 - grade);
      row(out, std::to_string(id), school, field(first), field(last), username, secret, fmt::format("ST{:08}", id),
          email, fmt::format("{:08}", id), field(middle), std::to_string(grade), "Active", birthdate,
          std::to_string(2038 - grade));
    } else {
      const std::string_view title = r.pick(k_titles);
      const std::string_view qualification = r.pick(k_qualifications);
      row(out, std::to_string(id), school, field(first), field(last), username, secret, fmt::format("ST{:08}", id),
          fmt::format("T{:06}", i + 1), "Active", field(middle), email, field(title), field(qualification));
    }
  }
  return out;
}

/// StudentEnrollment.csv or TeacherRoster.csv: row k puts user k (cyclically) in a section of the
/// user's school (sections and users of school s are those whose index is s modulo the schools).
std::string memberships(random_source& r, const counts& n, bool students) {
  std::string out;
  row(out, "Section SIS ID", "SIS ID");
  const std::uint64_t rows = students ? n.enrollments : n.rosters;
  const std::uint64_t users = students ? n.students : n.teachers;
  const std::uint64_t per_school = n.sections / n.schools;  // sections of every school
  for (std::uint64_t k = 0; k < rows; ++k) {
    const std::uint64_t user = k % users;
    const std::uint64_t section = user % n.schools + n.schools * r.below(per_school);
    row(out, std::to_string(section_id(section)), std::to_string(students ? student_id(user) : teacher_id(user)));
  }
  return out;
}

bool write_file(const std::filesystem::path& path, std::string_view text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    std::fprintf(stderr, "sdsprofile_csv_folder: cannot create %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return std::fclose(f) == 0 && ok;
}

/// Parses "--name N" pairs into `n` and `seed`; false (after a message) on anything else.
bool parse_options(int argc, char** argv, counts& n, std::uint64_t& seed) {
  const std::pair<std::string_view, std::uint64_t*> options[] = {{"--schools", &n.schools},
                                                                 {"--sections", &n.sections},
                                                                 {"--students", &n.students},
                                                                 {"--teachers", &n.teachers},
                                                                 {"--enrollments", &n.enrollments},
                                                                 {"--rosters", &n.rosters},
                                                                 {"--seed", &seed}};
  for (int i = 2; i < argc; i += 2) {
    std::uint64_t* target = nullptr;
    for (const auto& [name, value] : options)
      if (argv[i] == name) target = value;
    char* end = nullptr;
    errno = 0;
    if (target == nullptr || i + 1 >= argc || (*target = std::strtoull(argv[i + 1], &end, 10), errno != 0) ||
        end == argv[i + 1] || *end != '\0') {
      std::fprintf(stderr, "sdsprofile_csv_folder: bad option '%s'\n", argv[i]);
      return false;
    }
  }
  if (n.schools == 0 || n.sections < n.schools || (n.enrollments > 0 && n.students == 0) ||
      (n.rosters > 0 && n.teachers == 0)) {
    std::fprintf(stderr,
                 "sdsprofile_csv_folder: need at least one school, a section per school, and users for "
                 "memberships\n");
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  counts n;
  std::uint64_t seed = 20261202;
  constexpr const char* usage =
      "usage: sdsprofile_csv_folder OUTDIR [--schools N] [--sections N] [--students N] [--teachers N] "
      "[--enrollments N] [--rosters N] [--seed N]\n";
  if (argc >= 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::fputs(usage, stdout);
    return 0;
  }
  // An OUTDIR that looks like an option is a mistyped option, not a folder to create.
  if (argc < 2 || argv[1][0] == '-' || !parse_options(argc, argv, n, seed)) {
    std::fputs(usage, stderr);
    return 2;
  }
  const std::filesystem::path dir(argv[1]);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    std::fprintf(stderr, "sdsprofile_csv_folder: cannot create %s: %s\n", argv[1], error.message().c_str());
    return 2;
  }
  random_source r(seed);
  const bool ok = write_file(dir / "School.csv", schools(r, n)) && write_file(dir / "Section.csv", sections(r, n)) &&
                  write_file(dir / "Student.csv", users(r, n, true)) &&
                  write_file(dir / "Teacher.csv", users(r, n, false)) &&
                  write_file(dir / "StudentEnrollment.csv", memberships(r, n, true)) &&
                  write_file(dir / "TeacherRoster.csv", memberships(r, n, false));
  return ok ? 0 : 1;
}
