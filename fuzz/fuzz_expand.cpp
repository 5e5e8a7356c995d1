// fuzz_expand: checker::expand on arbitrary bytes. Oracles: expand's diagnostics equal
// check's; a valid body expands, an invalid one does not; the expansion checks clean in resource
// mode; expanding the expansion again gives the same bytes; every "@odata.type" it writes is the
// first key of its object (docs/rules.md "Expansion").
#include <simdjson.h>

#include <algorithm>
#include <vector>

#include "fuzz_support.hpp"

using namespace sdsprofile;

namespace {

std::string diagnostics_text(const report& r) {
  std::string out;
  for (const diagnostic& d : r.diagnostics()) out += fuzz::describe(d) + '\n';
  return out;
}

// Whether every object below `e` that has an "@odata.type" member has it as its first member.
bool odata_type_first(simdjson::dom::element e) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (!e.get(object)) {
    bool first = true;
    for (auto field : object) {
      if (field.key == "@odata.type" && !first) return false;
      first = false;
      if (!odata_type_first(field.value)) return false;
    }
  } else if (!e.get(array)) {
    for (auto item : array)
      if (!odata_type_first(item)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::split_input(data, size);
  static checker expander_checker, reference_checker;
  expand_options eo;
  eo.check = fuzz::options_from_selector(input.selector);
  if (eo.check.check_mode == mode::update) eo.check.check_mode = mode::resource;  // expand takes create or resource
  eo.pretty = (input.selector & 0x40u) == 0;
  if (input.selector & 0x20u) eo.id = "12345678-1234-4234-8234-123456789abc";

  const expansion first = expander_checker.expand(input.document, eo);
  const std::string json(first.json);
  if (fuzz::owned_copy(first.diagnostics) != fuzz::owned_copy(reference_checker.check(input.document, eo.check)))
    fuzz::fail("expand's diagnostics differ from check's");
  if (first.expanded() != first.diagnostics.valid()) fuzz::fail("expanded() disagrees with valid()");
  if (!first.expanded()) return 0;

  // The codes of the input's diagnostics. When the diagnostics limit cut `first`'s list, a warning
  // cut from it may still recur in the expansion: the input is checked again without the limit.
  const auto codes = first.diagnostics.diagnostics();
  const bool cut =
      std::any_of(codes.begin(), codes.end(), [](const diagnostic& d) { return d.code == code::too_many_diagnostics; });
  options unlimited = eo.check;
  unlimited.limits.max_diagnostics = options{}.limits.max_diagnostics;
  std::vector<code> input_codes;
  for (const diagnostic& d : cut ? reference_checker.check(input.document, unlimited).diagnostics() : codes)
    input_codes.push_back(d.code);

  options resource;
  resource.check_mode = mode::resource;
  resource.now = eo.check.now;
  resource.limits.max_bytes = json.size() + 1;
  resource.limits.max_depth = 1024;
  const report& stored = reference_checker.check(json, resource);
  // Warnings about values the expansion carries over unchanged (a date in the past) may recur;
  // nothing else may appear.
  bool clean = stored.valid();
  for (const diagnostic& d : stored.diagnostics()) {
    const bool carried = std::find(input_codes.begin(), input_codes.end(), d.code) != input_codes.end();
    clean &= d.severity == severity::warning && carried;
  }
  if (!clean)
    fuzz::fail("the expansion does not check clean in resource mode",
               diagnostics_text(stored) + "--- input\n" + std::string(input.document) + "\n--- expansion\n" + json);

  static simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json).get(root)) fuzz::fail("the expansion does not parse", json);
  if (!odata_type_first(root)) fuzz::fail("an @odata.type of the expansion is not the first key of its object", json);

  expand_options again = eo;
  again.check = resource;
  again.id.clear();
  const expansion second = expander_checker.expand(json, again);
  if (second.json != json)
    fuzz::fail("expanding the expansion changes it",
               "--- first\n" + json + "\n--- second\n" + std::string(second.json));
  return 0;
}
