#include "sdsprofile/report.hpp"

#include <algorithm>
#include <iterator>
#include <map>

namespace sdsprofile {

namespace {
std::string_view rebased(std::string_view v, const char* from, const std::string& to) noexcept {
  if (v.empty()) return {};
  return {to.data() + (v.data() - from), v.size()};
}
}  // namespace

void report::rebase(const char* old_text, const edit* old_edits) noexcept {
  for (auto& d : items_) {
    d.path = rebased(d.path, old_text, text_);
    d.message = rebased(d.message, old_text, text_);
    d.hint = rebased(d.hint, old_text, text_);
    d.field = rebased(d.field, old_text, text_);
    if (!d.fix.empty()) d.fix = {edits_.data() + (d.fix.data() - old_edits), d.fix.size()};
  }
  for (auto& e : edits_) e.replacement = rebased(e.replacement, old_text, text_);
}

report::report(const report& other)
    : items_(other.items_),
      edits_(other.edits_),
      text_(other.text_),
      dropped_errors_(other.dropped_errors_),
      strict_(other.strict_) {
  rebase(other.text_.data(), other.edits_.data());
}

report::report(report&& other) noexcept : dropped_errors_(other.dropped_errors_), strict_(other.strict_) {
  const char* old_text = other.text_.data();  // a moved short string changes address
  const edit* old_edits = other.edits_.data();
  items_ = std::move(other.items_);
  edits_ = std::move(other.edits_);
  text_ = std::move(other.text_);
  rebase(old_text, old_edits);
  other.items_.clear();
  other.edits_.clear();
  other.text_.clear();
}

report& report::operator=(const report& other) {
  if (this != &other) {
    items_ = other.items_;
    edits_ = other.edits_;
    text_ = other.text_;
    dropped_errors_ = other.dropped_errors_;
    strict_ = other.strict_;
    rebase(other.text_.data(), other.edits_.data());
  }
  return *this;
}

report& report::operator=(report&& other) noexcept {
  if (this != &other) {
    const char* old_text = other.text_.data();
    const edit* old_edits = other.edits_.data();
    items_ = std::move(other.items_);
    edits_ = std::move(other.edits_);
    text_ = std::move(other.text_);
    dropped_errors_ = other.dropped_errors_;
    strict_ = other.strict_;
    rebase(old_text, old_edits);
    other.items_.clear();
    other.edits_.clear();
    other.text_.clear();
  }
  return *this;
}

std::size_t report::error_count() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [](const diagnostic& d) { return d.severity == severity::error; }));
}

std::size_t report::warning_count() const noexcept { return items_.size() - error_count(); }

bool report::valid() const noexcept { return strict_ ? items_.empty() : error_count() == 0 && dropped_errors_ == 0; }

std::size_t apply_fixes(std::string_view input, std::span<const diagnostic> diagnostics, std::string& out) {
  // The fixes in the order of their first edits; each taken whole when none of its edits meets an
  // edit already taken (two insertions at one offset meet: their order would be a guess).
  std::vector<const diagnostic*> fixes;
  for (const diagnostic& d : diagnostics)
    if (!d.fix.empty()) fixes.push_back(&d);
  std::stable_sort(fixes.begin(), fixes.end(), [](const diagnostic* a, const diagnostic* b) {
    return a->fix.front().offset < b->fix.front().offset;
  });
  std::map<std::size_t, const edit*> taken;  // by offset
  const auto meets = [&taken](const edit& e) {
    const auto next = taken.lower_bound(e.offset);
    if (next != taken.end() && (next->first == e.offset || next->first < e.offset + e.length)) return true;
    if (next == taken.begin()) return false;
    const edit& before = *std::prev(next)->second;
    return before.offset + before.length > e.offset;
  };
  std::size_t applied = 0;
  for (const diagnostic* d : fixes) {
    bool fits = true;
    for (const edit& e : d->fix)
      fits = fits && e.offset <= input.size() && e.length <= input.size() - e.offset && !meets(e);
    if (!fits) continue;
    for (const edit& e : d->fix) taken.emplace(e.offset, &e);
    ++applied;
  }
  out.clear();
  std::size_t at = 0;
  for (const auto& [offset, e] : taken) {
    out.append(input.substr(at, offset - at));
    out.append(e->replacement);
    at = offset + e->length;
  }
  out.append(input.substr(at));
  return applied;
}

}  // namespace sdsprofile
