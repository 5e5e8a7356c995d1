// Fills a report (friend of report): the text first, the views last, so views never dangle.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
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
    r_.edits_.clear();
    r_.text_.clear();
    detail::release_outsized(r_.items_);  // the previous report's, when it was outsized
    detail::release_outsized(r_.text_);
    detail::release_outsized(r_.edits_);
    r_.dropped_errors_ = 0;
    r_.strict_ = strict;
    spans_.clear();
  }
  /// A replacement's edit while the report is built: its text is at `text_begin` of `text`.
  struct pending_edit {
    std::size_t offset = 0, length = 0;
    std::size_t text_begin = 0, text_size = 0;
  };
  /// Adds a profile diagnostic; `fix` are its edits, whose replacements are in `fix_text`.
  void add(severity s, code c, std::string_view path, detail::line_column pos, std::size_t offset,
           std::string_view message, std::string_view hint, std::span<const pending_edit> fix = {},
           std::string_view fix_text = {}) {
    add_item(s, c, pos, offset, true, {path, message, hint, {}});
    spans_.push_back({r_.edits_.size(), fix.size()});
    for (const pending_edit& e : fix) {
      r_.edits_.push_back({e.offset, e.length, {}});
      spans_.push_back({r_.text_.size(), e.text_size});
      r_.text_.append(fix_text.substr(e.text_begin, e.text_size));
    }
  }
  /// Adds a CSV diagnostic: `field` and `located` as diagnostic::field and diagnostic::located;
  /// CSV findings carry no fix.
  void add_csv(severity s, code c, std::string_view path, detail::line_column pos, std::size_t offset,
               std::string_view message, std::string_view hint, std::string_view field, bool located) {
    add_item(s, c, pos, offset, located, {path, message, hint, field});
    spans_.push_back({r_.edits_.size(), 0});
  }
  void set_dropped_errors(std::size_t n) noexcept { r_.dropped_errors_ = n; }
  /// Adds `n` to the errors left out (a CSV file's count, or the merged profile's).
  void add_dropped_errors(std::size_t n) noexcept { r_.dropped_errors_ += n; }
  void finish() {
    const char* text = r_.text_.data();
    const auto view = [text](std::pair<std::size_t, std::size_t> span) {
      return span.second == 0 ? std::string_view{} : std::string_view{text + span.first, span.second};
    };
    std::size_t k = 0;  // spans_: per item its path, message, hint, field, fix, then one per edit
    for (diagnostic& d : r_.items_) {
      d.path = view(spans_[k]);
      d.message = view(spans_[k + 1]);
      d.hint = view(spans_[k + 2]);
      d.field = view(spans_[k + 3]);
      const auto [first, count] = spans_[k + 4];
      k += 5;
      d.fix = count == 0 ? std::span<const edit>{} : std::span<const edit>{r_.edits_.data() + first, count};
      for (std::size_t e = 0; e < count; ++e) r_.edits_[first + e].replacement = view(spans_[k++]);
    }
  }

 private:
  /// Appends the diagnostic and the spans of its four texts (path, message, hint, field).
  void add_item(severity s, code c, detail::line_column pos, std::size_t offset, bool located,
                std::initializer_list<std::string_view> parts) {
    diagnostic d;
    d.severity = s;
    d.code = c;
    d.line = pos.line;
    d.column = pos.column;
    d.offset = offset;
    d.located = located;
    r_.items_.push_back(d);
    for (std::string_view part : parts) {
      spans_.push_back({r_.text_.size(), part.size()});
      r_.text_.append(part);
    }
  }
  report& r_;
  spans_type& spans_;  // (offset, size) in text_ of each item's path, message, hint, field; its fix's edits
};

}  // namespace sdsprofile
