// The findings a report keeps, chosen while walking: the first `limit` in document order. A
// max-heap holds the best so far, so memory is bounded by the limit however many findings the
// document holds; the errors left out are counted (they still make the document invalid).
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "engine/findings.hpp"

namespace sdsprofile::engine {

class candidates {
 public:
  /// Empties the set for a new document that keeps at most `limit` findings (limit >= 1).
  void reset(std::size_t limit) noexcept {
    kept_.clear();
    limit_ = limit;
    dropped_ = dropped_errors_ = 0;
    sorted_ = false;
  }
  /// Forgets every finding offered since reset, keeping the limit.
  void restart() noexcept { reset(limit_); }
  /// Offers a finding; keeps it when it is among the first `limit` in document order.
  void add(located f) {
    if (kept_.size() < limit_) {
      kept_.push_back(std::move(f));
      std::push_heap(kept_.begin(), kept_.end());
      return;
    }
    if (!(f < kept_.front())) {
      drop(f);
      return;
    }
    std::pop_heap(kept_.begin(), kept_.end());
    drop(kept_.back());
    kept_.back() = std::move(f);
    std::push_heap(kept_.begin(), kept_.end());
  }
  /// The kept findings in document order (sorted on the first call).
  [[nodiscard]] std::span<located> sorted() {
    if (!sorted_) std::sort_heap(kept_.begin(), kept_.end());
    sorted_ = true;
    return kept_;
  }
  [[nodiscard]] bool empty() const noexcept { return kept_.empty(); }
  /// How many findings, and how many of them errors, were left out by the limit.
  [[nodiscard]] std::size_t dropped() const noexcept { return dropped_; }
  [[nodiscard]] std::size_t dropped_errors() const noexcept { return dropped_errors_; }
  /// The buffer, for releasing it after an outsized document.
  std::vector<located>& storage() noexcept { return kept_; }

 private:
  void drop(const located& f) noexcept {
    ++dropped_;
    if (severity_of(f.what) == severity::error) ++dropped_errors_;
  }

  std::vector<located> kept_;
  std::size_t limit_ = 1;
  std::size_t dropped_ = 0, dropped_errors_ = 0;
  bool sorted_ = false;
};

}  // namespace sdsprofile::engine
