// `sdsprofile fix` (cli/fix.hpp): the check-and-fix rounds, the unified diff, and the files.
#include "fix.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "batch.hpp"
#include "output.hpp"
#include "render.hpp"

namespace sdsprofile::cli {
namespace {

constexpr std::size_t k_context = 3;
// Past this many differing lines the diff stops looking for a shortest edit script and shows the
// changed region as one block (still a correct diff; fixes change few lines).
constexpr std::size_t k_max_script = 1000;

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  while (!s.empty()) {
    const std::size_t end = s.find('\n');
    const std::size_t size = end == std::string_view::npos ? s.size() : end + 1;
    lines.push_back(s.substr(0, size));
    s.remove_prefix(size);
  }
  return lines;
}

enum class op : char { same = ' ', removed = '-', added = '+' };
struct step {
  op kind;
  std::size_t a, b;  // line indices in before and after (of the line this step shows)
};

// The shortest edit script of lines a[lo_a, hi_a) into b[lo_b, hi_b) (Myers 1986), appended to
// `script`; false when it needs more than k_max_script differing lines.
bool shortest_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b, std::size_t lo_a,
                     std::size_t hi_a, std::size_t lo_b, std::size_t hi_b, std::vector<step>& script) {
  const auto n = static_cast<std::ptrdiff_t>(hi_a - lo_a), m = static_cast<std::ptrdiff_t>(hi_b - lo_b);
  const std::ptrdiff_t limit = std::min<std::ptrdiff_t>(n + m, static_cast<std::ptrdiff_t>(k_max_script));
  const std::ptrdiff_t offset = limit + 1;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * limit + 3), 0);
  std::vector<std::vector<std::ptrdiff_t>> trace;
  const auto same = [&](std::ptrdiff_t x, std::ptrdiff_t y) {
    return a[lo_a + static_cast<std::size_t>(x)] == b[lo_b + static_cast<std::size_t>(y)];
  };
  for (std::ptrdiff_t d = 0; d <= limit; ++d) {
    trace.push_back(v);  // the fronts as round d starts
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      const auto at = static_cast<std::size_t>(offset + k);
      std::ptrdiff_t x = (k == -d || (k != d && v[at - 1] < v[at + 1])) ? v[at + 1] : v[at - 1] + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && same(x, y)) ++x, ++y;
      v[at] = x;
      if (x < n || y < m) continue;
      // Back from (n, m) to (0, 0) through the fronts each round started from.
      std::vector<step> reversed;
      std::ptrdiff_t cx = n, cy = m;
      for (std::ptrdiff_t e = d; e >= 0; --e) {
        const std::vector<std::ptrdiff_t>& front = trace[static_cast<std::size_t>(e)];
        const std::ptrdiff_t ck = cx - cy;
        const auto cat = static_cast<std::size_t>(offset + ck);
        const bool down = ck == -e || (ck != e && front[cat - 1] < front[cat + 1]);
        const std::ptrdiff_t pk = down ? ck + 1 : ck - 1;
        const std::ptrdiff_t px = front[static_cast<std::size_t>(offset + pk)], py = px - pk;
        for (; cx > px && cy > py; --cx, --cy)
          reversed.push_back(
              {op::same, lo_a + static_cast<std::size_t>(cx - 1), lo_b + static_cast<std::size_t>(cy - 1)});
        if (e > 0)
          reversed.push_back({down ? op::added : op::removed, lo_a + static_cast<std::size_t>(px),
                              lo_b + static_cast<std::size_t>(py)});
        cx = px, cy = py;
      }
      script.insert(script.end(), reversed.rbegin(), reversed.rend());
      return true;
    }
  }
  return false;
}

// The edit script of `a` into `b`: common first and last lines, and between them the shortest
// script or, when that is too long to find, every line removed then every line added.
std::vector<step> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  std::vector<step> script;
  for (std::size_t i = 0; i < head; ++i) script.push_back({op::same, i, i});
  const std::size_t end_a = a.size() - tail, end_b = b.size() - tail;
  if (!shortest_script(a, b, head, end_a, head, end_b, script)) {
    for (std::size_t i = head; i < end_a; ++i) script.push_back({op::removed, i, head});
    for (std::size_t j = head; j < end_b; ++j) script.push_back({op::added, end_a, j});
  }
  for (std::size_t i = 0; i < tail; ++i) script.push_back({op::same, end_a + i, end_b + i});
  return script;
}

void append_line(char mark, std::string_view line, std::string& out) {
  out += mark;
  out.append(line);
  if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
}

// One hunk: steps [begin, end) of the script.
void append_hunk(const std::vector<step>& script, std::size_t begin, std::size_t end,
                 const std::vector<std::string_view>& a, const std::vector<std::string_view>& b, std::string& out) {
  std::size_t count_a = 0, count_b = 0;
  for (std::size_t i = begin; i < end; ++i) {
    count_a += script[i].kind != op::added ? 1 : 0;
    count_b += script[i].kind != op::removed ? 1 : 0;
  }
  // A range of no lines is named by the line before it (GNU diff).
  const std::size_t start_a = count_a == 0 ? script[begin].a : script[begin].a + 1;
  const std::size_t start_b = count_b == 0 ? script[begin].b : script[begin].b + 1;
  fmt::format_to(std::back_inserter(out), "@@ -{},{} +{},{} @@\n", start_a, count_a, start_b, count_b);
  for (std::size_t i = begin; i < end; ++i) {
    const step& s = script[i];
    append_line(static_cast<char>(s.kind), s.kind == op::added ? b[s.b] : a[s.a], out);
  }
}

}  // namespace

namespace {
// Whether a limit cut the report (its too-many-diagnostics warning): its fixes are not all there.
bool cut_by_limits(const report& r) {
  return !r.diagnostics().empty() && r.diagnostics().back().code == code::too_many_diagnostics;
}
}  // namespace

fixed_text fix_text(checker& c, std::string_view input, const options& opts, const policy* rules) {
  fixed_text result{std::string(input), 0};
  std::string next;
  report policed;
  for (int round = 0; round < max_fix_rounds;) {
    const report& found = c.check(result.text, opts);
    const bool cut = cut_by_limits(found);
    const report* shown = &found;
    if (rules != nullptr) {
      rules->apply(found, policed);
      shown = &policed;
    }
    const std::size_t applied = apply_fixes(result.text, shown->diagnostics(), next);
    if (applied == 0 || next == result.text) break;
    result.fixes += applied;
    result.text.swap(next);
    // A round that saw every finding counts; one cut by the limits goes on to the findings after
    // the cut (each such round applies a fix, and fixes never undo one another).
    if (!cut) ++round;
  }
  return result;
}

void unified_diff(std::string_view name, std::string_view before, std::string_view after, std::string& out) {
  if (before == after) return;
  const std::vector<std::string_view> a = split_lines(before), b = split_lines(after);
  const std::vector<step> script = edit_script(a, b);
  out += "--- ";
  append_text_escaped(name, out);
  out += "\n+++ ";
  append_text_escaped(name, out);
  out += '\n';
  std::size_t i = 0;
  while (i < script.size()) {
    while (i < script.size() && script[i].kind == op::same) ++i;
    if (i == script.size()) break;
    const std::size_t begin = i >= k_context ? i - k_context : 0;
    // The hunk goes on while the next change is within twice the context.
    std::size_t end = i;
    for (;;) {
      while (end < script.size() && script[end].kind != op::same) ++end;
      std::size_t same = end;
      while (same < script.size() && script[same].kind == op::same && same - end < 2 * k_context) ++same;
      if (same < script.size() && script[same].kind != op::same) {
        end = same;
        continue;
      }
      end = std::min(script.size(), end + k_context);
      break;
    }
    append_hunk(script, begin, end, a, b, out);
    i = end;
  }
}

fix_totals run_fix(const std::vector<std::string>& files, const fix_options& opts, sink& out, std::FILE* err) {
  fix_totals totals;
  checker c;
  std::string error, shown;
  for (const std::string& name : files) {
    ++totals.files;
    const std::string display = name == "-" ? "<stdin>" : name;
    const policy* rules = nullptr;
    if (opts.policy_for) {
      rules = opts.policy_for(name, error);
      if (rules == nullptr && !error.empty()) {
        fmt::print(err, "sdsprofile: {}\n", error);
        totals.io_error = true;
        return totals;
      }
    }
    const auto input = read_input(name, error, opts.check.limits.max_bytes + 1);
    if (!input) {
      fmt::print(err, "sdsprofile: {}\n", error);
      totals.io_error = true;
      continue;
    }
    const fixed_text fixed = fix_text(c, *input, opts.check, rules);
    report remaining = c.check(fixed.text, opts.check);
    if (rules != nullptr) {
      report policed;
      rules->apply(remaining, policed);
      remaining = std::move(policed);
    }
    if (!remaining.valid()) ++totals.invalid;
    const bool changed = fixed.text != *input;
    if (changed) ++totals.changed;
    if (opts.diff) {
      shown.clear();
      unified_diff(display, *input, fixed.text, shown);
      out.write(shown);
    } else if (!opts.test && name == "-") {
      out.write(fixed.text);
    } else if (!opts.test && changed && !write_output_file(name, fixed.text, error)) {
      fmt::print(err, "sdsprofile: {}\n", error);
      totals.io_error = true;
      continue;
    }
    if (changed)
      fmt::print(err, "{}: {} {} fix{}, {} finding{} left\n", text_escaped(display),
                 opts.diff || opts.test ? "would apply" : "applied", fixed.fixes, fixed.fixes == 1 ? "" : "es",
                 remaining.diagnostics().size(), remaining.diagnostics().size() == 1 ? "" : "s");
  }
  return totals;
}

}  // namespace sdsprofile::cli
