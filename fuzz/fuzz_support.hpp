// Shared pieces of the fuzz targets: how the first input byte selects the options, and the
// oracles a report must satisfy. A violated oracle prints what broke and aborts, so libFuzzer
// (or the replay driver) records the input as a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sdsprofile/sdsprofile.hpp"

namespace sdsprofile::fuzz {

/// A fuzz input: byte 0 selects the options, the remaining bytes are the document.
struct fuzz_input {
  std::uint8_t selector = 0;
  std::string_view document;
};

/// Splits `data` (size bytes, may be null when size is 0); empty input gives selector 0 and an
/// empty document.
fuzz_input split_input(const std::uint8_t* data, std::size_t size) noexcept;

/// Check options chosen by a selector byte, so that every mode and option is reachable:
/// bits 0-1 mode (0 create, 1 update, 2 resource, 3 create with `now` at 9999-12-31T23:59:59Z);
/// bit 2 strict; bit 3 max_diagnostics = 1 + 3 * bits 4-6; bit 7 max_depth = 1 + 2 * bits 4-6;
/// bits 3 and 7 together also max_bytes = 1024. `now` is 2026-01-01T00:00:00Z otherwise.
options options_from_selector(std::uint8_t selector) noexcept;

/// Prints "ORACLE VIOLATED: what" and `detail` to standard error, then aborts.
[[noreturn]] void fail(std::string_view what, std::string_view detail = {});

/// A diagnostic with owned strings (reports are views into their checker's buffers).
struct owned_diagnostic {
  severity level;
  code id;
  std::string path, message, hint;
  std::uint32_t line, column;
  std::size_t offset;
  bool operator==(const owned_diagnostic&) const = default;
};

/// Owned copies of the diagnostics of `r`, in report order.
std::vector<owned_diagnostic> owned_copy(const report& r);

/// One line describing `d` for failure messages: "code at 'path' line:column (offset N): message".
std::string describe(const diagnostic& d);

/// The report oracles (fuzz/README.md): counts and valid() agree with the severities; codes, severities
/// and order are consistent; line and column agree with the offset (docs/rules.md: lines end at LF,
/// CRLF or CR; columns count bytes, 1-based); every path is an RFC 6901 JSON Pointer; and when
/// the input is JSON without duplicate names, every path resolves in it and the offset points at
/// the value (or the member name) it names. Aborts through fail() on the first violation.
void verify_report(std::string_view input, const options& opts, const report& r);

/// Runs check() on `input` and verifies the report; checks again on the same checker and on a
/// checker with another history, and copies and moves the report: all must agree.
void check_and_verify(std::string_view input, const options& opts);

}  // namespace sdsprofile::fuzz
