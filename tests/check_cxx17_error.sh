#!/bin/sh
# ctest cxx17_consumer_is_told_cxx20: including the umbrella header as C++17 fails with exactly one
# error, the #error of sdsprofile/cplusplus.hpp; as C++20 it compiles.
#   Usage: check_cxx17_error.sh CXX INCLUDE_DIR GENERATED_INCLUDE_DIR WORK_DIR
set -eu
cxx=$1 include=$2 generated=$3 work=$4
printf '#include <sdsprofile/sdsprofile.hpp>\n' > "$work/cxx17.cpp"
if "$cxx" -std=c++17 -fsyntax-only -I"$include" -I"$generated" "$work/cxx17.cpp" 2> "$work/cxx17.err"; then
  echo "compiled as C++17"
  exit 1
fi
errors=$(grep -c ': error:' "$work/cxx17.err" || true)
if [ "$errors" != 1 ] || ! grep -q -F "error: #error \"sdsprofile's C++ API needs C++20" "$work/cxx17.err"; then
  cat "$work/cxx17.err"
  echo "expected exactly one error, the #error of sdsprofile/cplusplus.hpp"
  exit 1
fi
"$cxx" -std=c++20 -fsyntax-only -I"$include" -I"$generated" "$work/cxx17.cpp"
echo "C++17: one #error; C++20: compiles"
