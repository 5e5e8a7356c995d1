// The findings a report keeps: the first `limit` in document order, chosen as they are found. A
// max-heap holds the best so far, so memory is bounded by the limit however many findings the
// input holds; the ones left out are counted, errors apart (they still make the input invalid).
// Shared by the profile walk (engine/candidates.hpp) and the CSV folder check
// (csv/kept_findings.hpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

namespace sdsprofile::detail {

/// `Located` orders findings in document order with operator<; `IsError` is a function object
/// that tells whether a finding is an error (for the count of errors left out).
template <class Located, class IsError>
class first_in_order {
 public:
  /// Empties the set for a new input that keeps at most `limit` findings (at least 1).
  void reset(std::size_t limit) noexcept {
    kept_.clear();
    limit_ = std::max<std::size_t>(limit, 1);
    dropped_ = dropped_errors_ = 0;
    sorted_ = false;
  }
  /// Forgets every finding offered since reset, keeping the limit.
  void restart() noexcept { reset(limit_); }
  /// Offers a finding; keeps it when it is among the first `limit` in document order.
  void add(Located f) {
    if (kept_.size() < limit_) {
      kept_.push_back(std::move(f));
      std::push_heap(kept_.begin(), kept_.end());
      return;
    }
    if (!(f < kept_.front())) {
      count(IsError{}(f));
      return;
    }
    std::pop_heap(kept_.begin(), kept_.end());
    count(IsError{}(kept_.back()));
    kept_.back() = std::move(f);
    std::push_heap(kept_.begin(), kept_.end());
  }
  /// The kept findings in document order (sorted on the first call).
  [[nodiscard]] std::span<Located> sorted() {
    if (!sorted_) std::sort_heap(kept_.begin(), kept_.end());
    sorted_ = true;
    return kept_;
  }
  [[nodiscard]] bool empty() const noexcept { return kept_.empty(); }
  /// How many findings, and how many of them errors, were left out by the limit.
  [[nodiscard]] std::size_t dropped() const noexcept { return dropped_; }
  [[nodiscard]] std::size_t dropped_errors() const noexcept { return dropped_errors_; }
  /// The buffer, for releasing it after an outsized input.
  std::vector<Located>& storage() noexcept { return kept_; }

 protected:
  /// Whether as many findings as the limit are kept.
  [[nodiscard]] bool full() const noexcept { return kept_.size() >= limit_; }
  [[nodiscard]] const Located& last_kept() const noexcept { return kept_.front(); }
  /// Counts one finding left out.
  void count(bool error) noexcept {
    ++dropped_;
    if (error) ++dropped_errors_;
  }

 private:
  std::vector<Located> kept_;
  std::size_t limit_ = 1;
  std::size_t dropped_ = 0, dropped_errors_ = 0;
  bool sorted_ = false;
};

}  // namespace sdsprofile::detail
