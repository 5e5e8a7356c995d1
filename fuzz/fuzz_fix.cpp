// fuzz_fix: the fixes of any input (docs/rules.md "Fixes"). Oracles: every edit lies within the
// input and a fix's edits are in order; when the input was JSON (no document-level failure), the
// input with all its fixes applied is valid UTF-8 JSON, and so is the input with each one of its
// first fixes applied alone, after which the finding it was for (its code at its path) is gone;
// `sdsprofile fix`'s rounds (cli/fix.hpp) give a text that fixing again does not change.
#include <simdjson.h>

#include <algorithm>
#include <set>
#include <utility>

#include "fix.hpp"
#include "fuzz_support.hpp"

using namespace sdsprofile;

namespace {

// Fixes applied one by one (each needs a check of its own).
constexpr std::size_t k_single_fixes = 8;

bool document_level(code c) {
  return c == code::json_syntax || c == code::json_encoding || c == code::json_too_deep || c == code::json_too_large;
}

// Whether `text` (a BOM allowed) is valid UTF-8 JSON: simdjson validates both.
bool is_json(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  static simdjson::dom::parser parser;
  if (parser.allocate(std::max<std::size_t>(text.size(), 1), 2048) != simdjson::SUCCESS)
    return true;  // too deep to tell
  simdjson::dom::element root;
  const simdjson::padded_string padded(text);
  const auto error = parser.parse(padded).get(root);
  return error == simdjson::SUCCESS || error == simdjson::DEPTH_ERROR;
}

// The (code, path) pairs of a report.
std::multiset<std::pair<code, std::string>> findings(const report& r) {
  std::multiset<std::pair<code, std::string>> out;
  for (const diagnostic& d : r.diagnostics()) out.emplace(d.code, std::string(d.path));
  return out;
}

void check_bounds(std::string_view input, const report& r) {
  for (const diagnostic& d : r.diagnostics()) {
    std::size_t end = 0;
    for (const edit& e : d.fix) {
      if (e.offset < end || e.offset > input.size() || e.length > input.size() - e.offset)
        fuzz::fail("a fix's edit is out of order or outside the input", fuzz::describe(d));
      end = e.offset + e.length;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::split_input(data, size);
  const options opts = fuzz::options_from_selector(input.selector);
  static checker first, again;
  const report original = first.check(input.document, opts);
  check_bounds(input.document, original);
  bool was_json = true, has_fix = false;
  for (const diagnostic& d : original.diagnostics()) {
    was_json &= !document_level(d.code);
    has_fix |= !d.fix.empty();
  }
  if (!has_fix) return 0;
  if (!was_json) fuzz::fail("a document-level failure carries fixes");

  // Re-checks see the whole fixed text whatever the input's size limit was; a finding is counted
  // in reports that keep every finding (a code can repeat at one path, and a cut report would
  // show a later one in place of one fixed).
  options recheck = opts;
  recheck.limits.max_bytes = std::size_t{1} << 30;
  options counting = recheck;
  counting.limits.max_diagnostics = 1000000;
  const auto all_before = findings(again.check(input.document, counting));
  std::string fixed;
  apply_fixes(input.document, original.diagnostics(), fixed);
  if (!is_json(fixed))
    fuzz::fail("the input with its fixes applied is not valid UTF-8 JSON",
               "--- input\n" + std::string(input.document) + "\n--- fixed\n" + fixed);

  std::size_t singles = 0;
  for (const diagnostic& d : original.diagnostics()) {
    if (d.fix.empty() || singles++ == k_single_fixes) continue;
    apply_fixes(input.document, std::span<const diagnostic>(&d, 1), fixed);
    if (!is_json(fixed))
      fuzz::fail("the input with one fix applied is not valid UTF-8 JSON", fuzz::describe(d) + "\n--- fixed\n" + fixed);
    if (findings(again.check(fixed, counting)).count({d.code, std::string(d.path)}) >=
        all_before.count({d.code, std::string(d.path)}))
      fuzz::fail("a fixed finding is still there", fuzz::describe(d) + "\n--- fixed\n" + fixed);
  }

  const cli::fixed_text rounds = cli::fix_text(first, input.document, recheck, nullptr);
  if (!is_json(rounds.text)) fuzz::fail("the text fix writes is not valid UTF-8 JSON", rounds.text);
  const cli::fixed_text twice = cli::fix_text(again, rounds.text, recheck, nullptr);
  if (twice.text != rounds.text)
    fuzz::fail("fixing the fixed text changes it", "--- first\n" + rounds.text + "\n--- second\n" + twice.text);
  return 0;
}
