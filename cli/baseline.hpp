// Baselines (docs/cli.md "Baselines", the file format in docs/formats.md "Baseline file"): the
// findings a repository already has, recorded once, so that a check reports only new ones.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "sdsprofile/report.hpp"

namespace sdsprofile::cli {

/// The version of the baseline file format that this tool writes and reads.
inline constexpr std::uint64_t k_baseline_version = 1;

/// The fingerprint of a finding in a JSON document: its JSON Pointer with each array index replaced
/// by the item's key where it has one, so that an edit elsewhere in the document (an item added
/// before it, a member moved) leaves it the same. An object item with a string member `appliesTo`
/// (licensesToAssign, userDomains, matchingOptions) becomes `[appliesTo=VALUE]`; a string item
/// (skuIds, schoolsIds) becomes `[VALUE]`; VALUE is percent-encoded (%, /, [, ], =, controls and
/// non-ASCII bytes), and a value longer than k_longest_key bytes keeps the index, as does every
/// other item. The document is parsed once, on the first call: it must outlive the object.
class json_fingerprints {
 public:
  /// Values longer than this keep their item's index.
  static constexpr std::size_t k_longest_key = 64;

  explicit json_fingerprints(std::string_view document);
  json_fingerprints(const json_fingerprints&) = delete;
  json_fingerprints& operator=(const json_fingerprints&) = delete;
  ~json_fingerprints();

  /// The fingerprint of `pointer` (an RFC 6901 JSON Pointer into the document). A pointer that
  /// does not resolve (a document that does not parse) is its own fingerprint.
  std::string of(std::string_view pointer);

 private:
  struct parsed;
  std::string_view document_;
  std::unique_ptr<parsed> parsed_;  // made on the first call
};

/// One line of a baseline: how many findings of a code a document has at one fingerprint.
struct baseline_entry {
  std::string file;         ///< relative to the baseline file's directory, '/'-separated; "<stdin>"
  std::uint64_t line = 0;   ///< NDJSON: the document's line in the file; 0: a whole file
  std::string code;         ///< the code's name
  std::string fingerprint;  ///< json_fingerprints::of, or what another kind of input records
  std::uint64_t count = 1;  ///< findings with these four values
};

/// The findings of one document, as a baseline records them: code and fingerprint, in document
/// order. A checker of another kind of input (a CSV folder) fills it with its own fingerprints.
struct document_findings {
  std::string file;        ///< the input as named on the command line ("-" for standard input)
  std::uint64_t line = 0;  ///< NDJSON: the document's line; 0: a whole file
  std::vector<std::pair<std::string_view, std::string>> findings;  ///< code name and fingerprint
};

/// The findings of a JSON document's report (after the policy).
document_findings findings_of(std::string file, std::uint64_t line, std::string_view document, const report& r);

/// `input` (a name as given on the command line) as a baseline in the directory `base` names it:
/// relative to `base` and '/'-separated when possible, "<stdin>" for "-".
std::string baseline_file_name(std::string_view input, const std::string& base);

/// A baseline read from its file, and the matching of a document's findings against it.
class baseline {
 public:
  /// Reads and validates the baseline file `name`; nullopt with `error` (a message for standard
  /// error) when it cannot be read or is not a baseline of a version this tool reads.
  static std::optional<baseline> read(const std::string& name, std::string& error);

  /// A baseline that holds every finding (`--write-baseline` without `--baseline`).
  static baseline everything();

  /// Which of `doc`'s findings the baseline holds: `suppressed[i]` is set for those (the first ones
  /// in document order when the document has more of a kind than the baseline recorded). Returns
  /// how many of the baseline's entries for this document matched nothing.
  std::uint64_t match(const document_findings& doc, std::vector<std::uint8_t>& suppressed) const;

 private:
  using document_key = std::pair<std::string, std::uint64_t>;  // file, line
  using finding_key = std::pair<std::string, std::string>;     // code, fingerprint
  std::map<document_key, std::map<finding_key, std::uint64_t>, std::less<>> entries_;
  std::string base_;  // the baseline file's directory
  bool everything_ = false;
};

/// The findings a run records for `--write-baseline`, written in a stable order.
class baseline_recorder {
 public:
  /// Entries are named relative to `base` (the baseline file's directory).
  explicit baseline_recorder(std::string base) : base_(std::move(base)) {}

  /// Records the findings of one document.
  void add(const document_findings& doc);

  /// The baseline file's text: sorted by file, line, code and fingerprint, one entry per line.
  [[nodiscard]] std::string text() const;

  /// Number of findings and of files recorded.
  [[nodiscard]] std::uint64_t finding_count() const noexcept { return findings_; }
  [[nodiscard]] std::size_t file_count() const;

 private:
  std::string base_;
  std::map<std::tuple<std::string, std::uint64_t, std::string, std::string>, std::uint64_t> counts_;
  std::uint64_t findings_ = 0;
};

/// The directory of the file `name`, for baseline_file_name.
std::string baseline_directory(const std::string& name);

}  // namespace sdsprofile::cli
