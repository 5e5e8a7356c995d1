#include "sdsprofile/report.hpp"

#include <algorithm>

namespace sdsprofile {

namespace {
std::string_view rebased(std::string_view v, const char* from, const std::string& to) noexcept {
  if (v.empty()) return {};
  return {to.data() + (v.data() - from), v.size()};
}
}  // namespace

void report::rebase(const char* old_text) noexcept {
  for (auto& d : items_) {
    d.path = rebased(d.path, old_text, text_);
    d.message = rebased(d.message, old_text, text_);
    d.hint = rebased(d.hint, old_text, text_);
    d.field = rebased(d.field, old_text, text_);
  }
}

report::report(const report& other)
    : items_(other.items_), text_(other.text_), dropped_errors_(other.dropped_errors_), strict_(other.strict_) {
  rebase(other.text_.data());
}

report::report(report&& other) noexcept : dropped_errors_(other.dropped_errors_), strict_(other.strict_) {
  const char* old_text = other.text_.data();  // a moved short string changes address
  items_ = std::move(other.items_);
  text_ = std::move(other.text_);
  rebase(old_text);
  other.items_.clear();
  other.text_.clear();
}

report& report::operator=(const report& other) {
  if (this != &other) {
    items_ = other.items_;
    text_ = other.text_;
    dropped_errors_ = other.dropped_errors_;
    strict_ = other.strict_;
    rebase(other.text_.data());
  }
  return *this;
}

report& report::operator=(report&& other) noexcept {
  if (this != &other) {
    const char* old_text = other.text_.data();
    items_ = std::move(other.items_);
    text_ = std::move(other.text_);
    dropped_errors_ = other.dropped_errors_;
    strict_ = other.strict_;
    rebase(old_text);
    other.items_.clear();
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

}  // namespace sdsprofile
