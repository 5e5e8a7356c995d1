// fuzz_csv_check: the CSV folder check (csv_checker::check_files) on arbitrary bytes. Byte 0
// selects the options: bit 0 strict, bits 1-2 max_diagnostics (default, 1, 3 or 7), bit 3 three
// jobs, bit 4 the profile in resource mode. The rest is up to seven segments separated by 0xFF
// bytes (a byte no UTF-8 text holds): the profile (empty: none), then School.csv, Section.csv,
// Student.csv, Teacher.csv, StudentEnrollment.csv and TeacherRoster.csv; a file past the last
// segment is absent. Oracles (fuzz/README.md): every diagnostic's offset lies inside its input,
// and its line and column agree with it by the line-end rule of docs/csv-rules.md (computed here on
// its own), or it is not located and at 1:1 and offset 0; every path has the shape
// docs/csv-rules.md "Vocabulary" gives a CSV finding, names its file, and ends with its field;
// valid() and the counts agree with the severities; checking again, with another number of jobs,
// gives the same report; and each file read in 61-byte chunks (csv/file_check.hpp) finds what it
// finds read whole.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "csv/file_check.hpp"
#include "fuzz_support.hpp"
#include "sdsprofile/csv_checker.hpp"

namespace {

using sdsprofile::fuzz::fail;

/// A fuzz input split into its profile and files.
struct folder_input {
  std::optional<std::string_view> profile;
  sdsprofile::csv_folder_bytes files;
};

folder_input split_folder(std::string_view data) {
  folder_input in;
  std::size_t segment = 0;
  for (std::size_t start = 0; segment < 7; ++segment) {
    const std::size_t end = std::min(data.find('\xFF', start), data.size());
    const std::string_view piece = data.substr(start, end - start);
    if (segment == 0) {
      if (!piece.empty()) in.profile = piece;
    } else {
      in.files.files[segment - 1] = piece;
    }
    if (end == data.size()) break;
    start = end + 1;
  }
  return in;
}

sdsprofile::csv_options options_of(std::uint8_t selector) {
  sdsprofile::csv_options opts;
  opts.check.strict = (selector & 1U) != 0;
  constexpr std::uint32_t limits[] = {0, 1, 3, 7};
  opts.check.limits.max_diagnostics = limits[(selector >> 1) & 3U];
  opts.jobs = (selector & 8U) != 0 ? 3 : 1;
  opts.check.check_mode = (selector & 16U) != 0 ? sdsprofile::mode::resource : sdsprofile::mode::create;
  opts.check.now = sdsprofile::parse_rfc3339("2026-01-01T00:00:00Z");
  return opts;
}

/// Line and byte column of `offset` in `text`: lines end at LF, CRLF or a lone CR.
std::pair<std::uint32_t, std::uint32_t> line_column(std::string_view text, std::size_t offset) {
  std::uint32_t line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      start = i + 1;
    }
  return {line, static_cast<std::uint32_t>(offset - start + 1)};
}

std::string escaped(std::string_view s) {  // RFC 6901
  std::string out;
  for (const char c : s) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

void check_position(std::string_view input, const sdsprofile::diagnostic& d, std::string_view part) {
  const std::string where = std::string(part) + " " + std::string(to_string(d.code)) + " " + std::string(d.path);
  if (!d.located) {
    if (d.line != 1 || d.column != 1 || d.offset != 0)
      fail("a diagnostic with no place is not at 1:1, offset 0", where);
    return;
  }
  if (d.offset > input.size()) fail("offset past the input", where);
  const auto [line, column] = line_column(input, d.offset);
  if (d.line != line || d.column != column) fail("line or column disagrees with the offset", where);
}

// The path of a file's diagnostic: /NAME, /NAME/LINE or /NAME/LINE/FIELD, LINE its line (1 for a
// missing column), FIELD its field escaped.
void check_file_path(std::string_view name, const sdsprofile::diagnostic& d) {
  const std::string where = std::string(to_string(d.code)) + " " + std::string(d.path);
  std::string file(1, '/');  // (not "/" + ...: GCC 12 warns falsely on that form)
  file += escaped(name);
  if (!d.path.starts_with(file)) fail("the path does not start with its file", where);
  std::string_view rest = d.path.substr(file.size());
  if (rest.empty()) {
    if (!d.field.empty()) fail("a file's path with a field", where);
    return;
  }
  if (rest[0] != '/') fail("the path does not start with its file", where);
  rest.remove_prefix(1);
  const std::size_t slash = rest.find('/');
  const std::string_view line = rest.substr(0, slash);
  if (line != std::to_string(d.line)) fail("the path's line is not the diagnostic's", where);
  if (slash == std::string_view::npos) {
    if (!d.field.empty()) fail("a record's path with a field", where);
    return;
  }
  if (rest.substr(slash + 1) != escaped(d.field)) fail("the path does not end with the field", where);
}

void check_counts(const sdsprofile::report& r, std::string_view part) {
  std::size_t errors = 0;
  for (const auto& d : r.diagnostics()) errors += d.severity == sdsprofile::severity::error;
  if (errors != r.error_count() || r.diagnostics().size() - errors != r.warning_count())
    fail("the counts disagree with the severities", part);
  const bool valid = r.strict() ? r.diagnostics().empty() : errors == 0 && r.dropped_error_count() == 0;
  if (valid != r.valid()) fail("valid() disagrees with the diagnostics", part);
}

std::vector<std::string> describe(const sdsprofile::csv_report& r) {
  std::vector<std::string> out;
  const auto add = [&out](const sdsprofile::report& part) {
    for (const auto& d : part.diagnostics())
      out.push_back(std::string(to_string(d.code)) + " " + std::string(d.path) + " " + std::to_string(d.line) + ":" +
                    std::to_string(d.column) + "@" + std::to_string(d.offset) + " [" + std::string(d.field) + "] " +
                    std::string(d.message) + " | " + std::string(d.hint));
    out.push_back(part.valid() ? "valid" : "invalid");
  };
  add(r.profile());
  add(r.folder());
  for (std::size_t f = 0; f < sdsprofile::csv_file_count; ++f) add(r.file(static_cast<sdsprofile::csv_file>(f)));
  return out;
}

/// Bytes in memory handed out in chunks of 61 bytes, so that records cross chunks everywhere.
class small_chunks final : public sdsprofile::csv::chunk_source {
 public:
  explicit small_chunks(std::string_view bytes) : bytes_(bytes) {}
  std::ptrdiff_t read(std::span<char> into, int&) override {
    const std::size_t n = std::min({into.size(), std::size_t{61}, bytes_.size() - at_});
    std::copy_n(bytes_.data() + at_, n, into.data());
    at_ += n;
    return static_cast<std::ptrdiff_t>(n);
  }
  std::optional<std::string_view> map_rest(std::size_t offset) override { return bytes_.substr(offset); }
  std::uint64_t size_hint() override { return bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

// One file's findings, read whole and read in chunks of 61 bytes (buffers of 64): the same.
void check_chunked(std::size_t file, std::string_view bytes) {
  sdsprofile::csv::folder_context ctx;
  ctx.tables = &sdsprofile::csv::the_tables();
  sdsprofile::csv::file_checker whole, chunked(64);
  whole.check(file, bytes, ctx, 50);
  small_chunks source(bytes);
  chunked.check(file, source, ctx, 50);
  const auto a = whole.findings().sorted();
  const auto b = chunked.findings().sorted();
  const auto same = [](const sdsprofile::csv::located& x, const sdsprofile::csv::located& y) {
    return x.offset == y.offset && x.line == y.line && x.column == y.column && x.field == y.field &&
           sdsprofile::csv::code_of(x.what) == sdsprofile::csv::code_of(y.what);
  };
  if (a.size() != b.size() || !std::equal(a.begin(), a.end(), b.begin(), same))
    fail("a file read in chunks finds other findings than read whole",
         std::string(sdsprofile::to_string(static_cast<sdsprofile::csv_file>(file))));
  if (whole.findings().dropped() != chunked.findings().dropped()) fail("chunks drop other findings");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = sdsprofile::fuzz::split_input(data, size);
  const folder_input in = split_folder(input.document);
  const sdsprofile::csv_options opts = options_of(input.selector);
  sdsprofile::csv_checker checker;
  const sdsprofile::csv_report& r = checker.check_files(in.files, in.profile, opts);
  if (!r.read_errors().empty()) fail("read errors on bytes in memory", r.read_errors()[0]);
  if (r.has_profile() != in.profile.has_value()) fail("has_profile() disagrees with the input");
  if (in.profile) {
    check_counts(r.profile(), "profile");
    for (const auto& d : r.profile().diagnostics()) {
      check_position(*in.profile, d, "profile");
      if (!d.path.empty() && d.path[0] != '/') fail("a profile path that is no JSON Pointer", d.path);
    }
  }
  check_counts(r.folder(), "folder");
  for (const auto& d : r.folder().diagnostics()) {
    if (d.located) fail("a folder finding with a place");
    if (d.code != sdsprofile::code::csv_file_missing && d.code != sdsprofile::code::too_many_diagnostics)
      fail("a folder finding other than csv-file-missing", to_string(d.code));
  }
  for (std::size_t f = 0; f < sdsprofile::csv_file_count; ++f) {
    const auto file = static_cast<sdsprofile::csv_file>(f);
    if (r.has_file(file) != in.files.files[f].has_value()) fail("has_file() disagrees with the input");
    if (!in.files.files[f]) continue;
    check_counts(r.file(file), r.file_name(file));
    for (const auto& d : r.file(file).diagnostics()) {
      check_position(*in.files.files[f], d, r.file_name(file));
      check_file_path(r.file_name(file), d);
    }
    check_chunked(f, *in.files.files[f]);
  }
  const std::vector<std::string> first = describe(r);
  const bool valid = r.valid();
  if (describe(checker.check_files(in.files, in.profile, opts)) != first) fail("checking again gives another report");
  sdsprofile::csv_options other = opts;
  other.jobs = opts.jobs == 1 ? 4 : 1;
  sdsprofile::csv_checker fresh;
  const sdsprofile::csv_report& again = fresh.check_files(in.files, in.profile, other);
  if (describe(again) != first || again.valid() != valid) fail("another number of jobs gives another report");
  return 0;
}
