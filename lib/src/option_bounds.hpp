// Bounds of the options: the checker clamps to them and the C API rejects values outside them
// (docs/rules.md "Limits and safety"), so both read them from here.
#pragma once

#include <cstdint>

namespace sdsprofile::detail {

/// Deepest nesting a caller may ask for (the root container is level 1).
inline constexpr std::uint32_t max_depth_cap = 1024;
/// The clock's range in Unix seconds: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the years
/// Edm.Date can hold, so date arithmetic cannot overflow.
inline constexpr std::int64_t earliest_clock = -62135596800;
inline constexpr std::int64_t latest_clock = 253402300799;

}  // namespace sdsprofile::detail
