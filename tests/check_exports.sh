#!/bin/sh
# ctest shared_library_exports: the shared library exports the C API and the public C++ classes
# and functions, and nothing else (no sdsprofile::detail, simdjson or fmt symbol); every function
# declared in sdsprofile.h is exported.   Usage: check_exports.sh NM LIBRARY SDSPROFILE_H
set -eu
nm_tool=$1 library=$2 header=$3
exports=$("$nm_tool" -D --defined-only --demangle "$library" | awk '$2 ~ /^[TWVDBRiu]$/ { $1 = ""; $2 = ""; print substr($0, 3) }')
public='^(sdsprofile_[a-z0-9_]+|sdsprofile::(checker|report|policy|csv_checker|csv_report)::.*|sdsprofile::(all_codes|to_string|code_from_string|mode_from_string|parse_rfc3339|is_document_level|codes_named_by|selector_problem|apply_fixes)(\[abi:cxx11\])?\(.*|(typeinfo|typeinfo name|vtable) for sdsprofile::(checker|report|policy|csv_checker|csv_report))$'
unexpected=$(printf '%s\n' "$exports" | grep -v -E "$public" | grep -v -E '^_(init|fini|edata|end|_bss_start)$' || true)
if [ -n "$unexpected" ]; then
  echo "unexpected exports:"
  printf '%s\n' "$unexpected"
  exit 1
fi
for function in $(grep -o -E 'sdsprofile_[a-z0-9_]+\(' "$header" | tr -d '(' | sort -u); do
  printf '%s\n' "$exports" | grep -q -x "$function" || { echo "not exported: $function"; exit 1; }
done
printf '%s\n' "$exports" | grep -q '^sdsprofile::checker::check(' || { echo "not exported: sdsprofile::checker::check"; exit 1; }
echo "$(printf '%s\n' "$exports" | wc -l) exports, all public"
