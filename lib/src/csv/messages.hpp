// The words of every CSV finding: one sentence of message and, where one is known, a hint (the
// nearest header, the exact file name, the fixed date, ...). All the text the CSV check writes is
// in csv/messages.cpp; it runs only for the findings a report keeps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "csv/findings.hpp"

namespace sdsprofile::csv {

/// What the words depend on besides the finding.
struct word_context {
  const folder_tables& tables;
  std::uint32_t max_diagnostics = 0;  ///< the limits in force (too-many-diagnostics names them)
  std::size_t max_report_bytes = 0;
};

/// Writes the message and hint of `p` into `message` and `hint` (cleared first; their capacity
/// is reused).
void word(const payload& p, const word_context& ctx, std::string& message, std::string& hint);

}  // namespace sdsprofile::csv
