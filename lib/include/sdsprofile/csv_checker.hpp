// The CSV folder checker: the six files of a CSV profile's upload folder, alone and against the
// profile (docs/csv-rules.md, the CSV rule catalogue).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sdsprofile/export.h"
#include "sdsprofile/options.hpp"
#include "sdsprofile/report.hpp"

namespace sdsprofile {

/// The six files of an upload folder, in catalogue order (docs/csv-rules.md "Vocabulary").
enum class csv_file : std::uint8_t { school, section, student, teacher, student_enrollment, teacher_roster };

/// Number of files in a folder.
inline constexpr std::size_t csv_file_count = 6;

/// The exact name of `f` ("School.csv", "StudentEnrollment.csv", ...).
SDSPROFILE_EXPORT std::string_view to_string(csv_file f) noexcept;

/// Options of a folder check.
struct csv_options {
  /// The check of the profile (its mode: create or resource; update is treated as create) and of
  /// the folder: strict, the clock, and the limits. limits::max_diagnostics and
  /// limits::max_report_bytes apply to each part of the result on its own (the profile, the
  /// folder, each file); max_bytes and max_depth apply to the profile only.
  options check;
  /// Threads for one folder: the files are checked in parallel where the references allow
  /// (School.csv first, then Section, Student and Teacher, then the memberships). The result is the
  /// same for every value. 0 or 1: the calling thread only.
  unsigned jobs = 1;
  /// When not null, the check adds to it the bytes of the folder's files as it reads them (from
  /// any of its threads), so that another thread can show progress; the caller owns it.
  std::atomic<std::uint64_t>* progress = nullptr;
};

/// One folder as bytes, for servers and fuzzing: each file's bytes, or nullopt when it is absent.
/// Names are those of the catalogue; the folder-level rules that look at names (csv-file-name-case,
/// csv-extra-file) do not apply.
struct csv_folder_bytes {
  std::array<std::optional<std::string_view>, csv_file_count> files;  ///< indexed by csv_file
};

/// The result of a folder check: one report per part, as JSON Lines writes them
/// (docs/csv-rules.md "Vocabulary"). Every report's diagnostics have positions in that part's own
/// input. Owned by the csv_checker that returned it and valid until its next check.
class SDSPROFILE_EXPORT csv_report {
 public:
  csv_report();
  ~csv_report();
  csv_report(const csv_report&) = delete;
  csv_report& operator=(const csv_report&) = delete;

  /// True when no part has an error (with options::strict: no diagnostic at all).
  [[nodiscard]] bool valid() const noexcept;
  /// Whether a profile was given.
  [[nodiscard]] bool has_profile() const noexcept;
  /// The profile's check as checker::check gives it, with the CSV rules about the profile itself
  /// (csv-not-csv-provider, csv-matching-source-unsupported) merged in document order. Empty when
  /// no profile was given.
  [[nodiscard]] const report& profile() const noexcept;
  /// The folder-level findings: csv-file-missing, csv-file-name-case, csv-extra-file.
  [[nodiscard]] const report& folder() const noexcept;
  /// Whether file `f` was there (under its exact name, or in another case) and could be read.
  [[nodiscard]] bool has_file(csv_file f) const noexcept;
  /// The name file `f` was found under ("student.csv" for csv-file-name-case); to_string(f) when
  /// it is absent.
  [[nodiscard]] std::string_view file_name(csv_file f) const noexcept;
  /// The findings of file `f`, in document order (empty when it is absent).
  [[nodiscard]] const report& file(csv_file f) const noexcept;
  /// Folder entries that could not be read (the folder itself, a file that is a directory or
  /// unreadable), each as "cannot read 'NAME': REASON", names escaped as the CLI escapes them. A
  /// file named here is not checked, and references into it are not checked.
  [[nodiscard]] std::span<const std::string> read_errors() const noexcept;
  /// Errors and warnings of every part, summed.
  [[nodiscard]] std::size_t error_count() const noexcept;
  [[nodiscard]] std::size_t warning_count() const noexcept;

 private:
  friend class csv_checker;
  struct parts;
  std::unique_ptr<parts> parts_;
};

/// Reusable folder checker. Holds a profile checker, per-file readers and buffers, the ID sets and
/// the report it returns, so that checking folder after folder allocates nothing per row once its
/// buffers have grown, apart from the ID sets, which grow with the distinct IDs. Memory is bounded
/// by the distinct keys kept (IDs, usernames, matching keys), never by the size of a file: files
/// are read in chunks. Not thread-safe: use one csv_checker per thread. Movable, not copyable.
class SDSPROFILE_EXPORT csv_checker {
 public:
  csv_checker();
  ~csv_checker();
  csv_checker(csv_checker&&) noexcept;
  csv_checker& operator=(csv_checker&&) noexcept;
  csv_checker(const csv_checker&) = delete;
  csv_checker& operator=(const csv_checker&) = delete;

  /// Checks the upload folder `directory` (its six files, named with any case, and nothing else
  /// there) and, when `profile` is given, the profile's bytes (one JSON body) first and the folder
  /// against it. Never throws: running out of memory is reported as one read error.
  const csv_report& check_folder(const std::string& directory, std::optional<std::string_view> profile = {},
                                 const csv_options& opts = {}) noexcept;

  /// Checks a folder given as bytes (csv_folder_bytes) and, when given, a profile. The bytes are
  /// only read and need not outlive the call. Never throws.
  const csv_report& check_files(const csv_folder_bytes& files, std::optional<std::string_view> profile = {},
                                const csv_options& opts = {}) noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace sdsprofile
