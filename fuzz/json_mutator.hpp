// Structure-aware mutation for the fuzz targets: the document is parsed as JSON and mutated as
// JSON, so that most mutants get past the parser and into the rules.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sdsprofile::fuzz {

/// Mutates the fuzz input data[0..size) in place (byte 0 is the options selector, the rest a
/// document) and returns the new size, at most max_size. When the document is JSON, one to three
/// tree mutations apply: a dictionary word as name or value, a value of another JSON type, a
/// duplicated or dropped member or item, case changes in a string (an `@odata.type` or a role), a
/// value nested deeper, a subtree copied elsewhere, a new member; the tree is then written back
/// compact or pretty (LF, CRLF or CR line ends), at most twice as long (or 4 KiB). Otherwise, and for one call in
/// eight, the bytes are mutated with libFuzzer's LLVMFuzzerMutate. Deterministic for a given seed.
std::size_t mutate_as_json(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed);

}  // namespace sdsprofile::fuzz
