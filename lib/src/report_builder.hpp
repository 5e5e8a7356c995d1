// Fills a report (friend of report): the text first, the views last, so views never dangle.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "json_text.hpp"
#include "retained.hpp"
#include "sdsprofile/report.hpp"

namespace sdsprofile {

/// Fills a report (friend of report): text first, views last, so views never dangle.
class report_builder {
 public:
  using spans_type = std::vector<std::pair<std::size_t, std::size_t>>;
  /// `spans` is scratch storage owned by the caller (kept between reports to avoid allocation).
  report_builder(report& r, bool strict, spans_type& spans) : r_(r), spans_(spans) {
    r_.items_.clear();
    r_.text_.clear();
    detail::release_outsized(r_.items_);  // the previous report's, when it was outsized
    detail::release_outsized(r_.text_);
    r_.dropped_errors_ = 0;
    r_.strict_ = strict;
    spans_.clear();
  }
  /// Appends one diagnostic; `field` and `located` only for CSV findings (diagnostic::field).
  void add(severity s, code c, std::string_view path, detail::line_column pos, std::size_t offset,
           std::string_view message, std::string_view hint, std::string_view field = {}, bool located = true) {
    diagnostic d;
    d.severity = s;
    d.code = c;
    d.line = pos.line;
    d.column = pos.column;
    d.offset = offset;
    d.located = located;
    r_.items_.push_back(d);
    for (std::string_view part : {path, message, hint, field}) {
      spans_.push_back({r_.text_.size(), part.size()});
      r_.text_.append(part);
    }
  }
  void set_dropped_errors(std::size_t n) noexcept { r_.dropped_errors_ = n; }
  /// Adds `n` to the errors left out (a CSV file's count, or the merged profile's).
  void add_dropped_errors(std::size_t n) noexcept { r_.dropped_errors_ += n; }
  void finish() {
    const char* text = r_.text_.data();
    for (std::size_t i = 0; i < r_.items_.size(); ++i) {
      auto view = [&](std::size_t k) {
        const auto [at, size] = spans_[i * k_parts + k];
        return size == 0 ? std::string_view{} : std::string_view{text + at, size};
      };
      r_.items_[i].path = view(0);
      r_.items_[i].message = view(1);
      r_.items_[i].hint = view(2);
      r_.items_[i].field = view(3);
    }
  }

 private:
  static constexpr std::size_t k_parts = 4;  // path, message, hint, field
  report& r_;
  spans_type& spans_;  // (offset, size) in text_ of each item's path, message, hint and field
};

}  // namespace sdsprofile
