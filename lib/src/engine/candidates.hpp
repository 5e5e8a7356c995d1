// The findings a report keeps, chosen while walking: the first `limit` in document order
// (first_in_order.hpp).
#pragma once

#include "engine/findings.hpp"
#include "first_in_order.hpp"

namespace sdsprofile::engine {

/// Whether a finding is an error (its code's severity).
struct is_error_finding {
  [[nodiscard]] bool operator()(const located& f) const noexcept { return severity_of(f.what) == severity::error; }
};

/// The kept findings of one document.
using candidates = detail::first_in_order<located, is_error_finding>;

}  // namespace sdsprofile::engine
