// The findings a part of a CSV report keeps: the first `limit` in document order. A max-heap holds
// the best so far, so memory is bounded by the limit however many findings a file holds; the ones
// left out are counted, errors apart (they still make the folder invalid). Since a file is read
// in order, a finding past the last kept one is usually known to be left out before its payload is
// made (wants()).
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "csv/findings.hpp"

namespace sdsprofile::csv {

class kept_findings {
 public:
  /// Empties the set for a new part that keeps at most `limit` findings (limit >= 1).
  void reset(std::size_t limit) noexcept {
    kept_.clear();
    limit_ = std::max<std::size_t>(limit, 1);
    dropped_ = dropped_errors_ = 0;
    next_seq_ = 0;
    sorted_ = false;
  }
  /// Whether a finding at `offset` would be kept; when not, the caller counts it with drop().
  [[nodiscard]] bool wants(std::size_t offset) const noexcept {
    return kept_.size() < limit_ || offset < kept_.front().offset;
  }
  /// Counts a finding of code `c` left out without being made.
  void drop(code c) noexcept {
    ++dropped_;
    ++next_seq_;
    if (all_codes()[static_cast<std::size_t>(c)].default_severity == severity::error) ++dropped_errors_;
  }
  /// Offers a finding (its seq is set here); keeps it when it is among the first `limit`.
  void add(located f) {
    f.seq = next_seq_++;
    if (kept_.size() < limit_) {
      kept_.push_back(std::move(f));
      std::push_heap(kept_.begin(), kept_.end());
      return;
    }
    if (!(f < kept_.front())) {
      count(f);
      return;
    }
    std::pop_heap(kept_.begin(), kept_.end());
    count(kept_.back());
    kept_.back() = std::move(f);
    std::push_heap(kept_.begin(), kept_.end());
  }
  /// Forgets every finding, kept or counted (a file found not to be UTF-8 is reported alone).
  void forget() noexcept { reset(limit_); }
  /// The kept findings in document order (sorted on the first call).
  [[nodiscard]] std::span<located> sorted() {
    if (!sorted_) std::sort_heap(kept_.begin(), kept_.end());
    sorted_ = true;
    return kept_;
  }
  [[nodiscard]] bool empty() const noexcept { return kept_.empty(); }
  /// How many findings, and how many of them errors, the limit left out.
  [[nodiscard]] std::size_t dropped() const noexcept { return dropped_; }
  [[nodiscard]] std::size_t dropped_errors() const noexcept { return dropped_errors_; }
  /// The buffer, for releasing it after an outsized folder.
  std::vector<located>& storage() noexcept { return kept_; }

 private:
  void count(const located& f) noexcept {
    ++dropped_;
    if (severity_of(f.what) == severity::error) ++dropped_errors_;
  }

  std::vector<located> kept_;
  std::size_t limit_ = 1;
  std::size_t dropped_ = 0, dropped_errors_ = 0;
  std::uint64_t next_seq_ = 0;
  bool sorted_ = false;
};

}  // namespace sdsprofile::csv
