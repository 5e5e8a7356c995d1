// The findings a part of a CSV report keeps: the first `limit` in document order
// (first_in_order.hpp). Since a file is read in order, a finding past the last kept one is usually
// known to be left out before its payload is made (wants()).
#pragma once

#include <cstddef>
#include <cstdint>

#include "csv/findings.hpp"
#include "first_in_order.hpp"

namespace sdsprofile::csv {

/// Whether a finding is an error (its code's severity).
struct is_error_finding {
  [[nodiscard]] bool operator()(const located& f) const noexcept { return severity_of(f.what) == severity::error; }
};

class kept_findings : public detail::first_in_order<located, is_error_finding> {
 public:
  /// Empties the set for a new part that keeps at most `limit` findings (limit >= 1).
  void reset(std::size_t limit) noexcept {
    first_in_order::reset(limit);
    next_seq_ = 0;
  }
  /// Forgets every finding, kept or counted (a file found not to be UTF-8 is reported alone).
  void forget() noexcept {
    restart();
    next_seq_ = 0;
  }
  /// Whether a finding at `offset` would be kept; when not, the caller counts it with drop().
  [[nodiscard]] bool wants(std::size_t offset) const noexcept { return !full() || offset < last_kept().offset; }
  /// Counts a finding of code `c` left out without being made.
  void drop(code c) noexcept {
    ++next_seq_;
    count(all_codes()[static_cast<std::size_t>(c)].default_severity == severity::error);
  }
  /// Offers a finding (its seq is set here); keeps it when it is among the first `limit`.
  void add(located f) {
    f.seq = next_seq_++;
    first_in_order::add(std::move(f));
  }

 private:
  std::uint64_t next_seq_ = 0;
};

}  // namespace sdsprofile::csv
