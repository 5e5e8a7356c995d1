#!/bin/bash -eu
# Builds the fuzz targets the way OSS-Fuzz and ClusterFuzzLite call a project's build.sh: compiler
# and flags come from $CC, $CXX, $CFLAGS, $CXXFLAGS (the sanitizer and -fsanitize=fuzzer-no-link
# flags included), the engine from $LIB_FUZZING_ENGINE, and everything lands in $OUT: each target,
# its .dict and .options, and its _seed_corpus.zip (committed corpus plus regression inputs), and
# in $OUT/lib the shared libraries the targets need. .clusterfuzzlite/build.sh and
# oss-fuzz/build.sh call it; the targets are those of the list below, the project's one list.
# Locally, fuzz/run-campaign calls it with clang and libFuzzer (fuzz/README.md).
src=$(cd "$(dirname "$0")/.." && pwd)
: "${CC:?} ${CXX:?} ${LIB_FUZZING_ENGINE:?} ${OUT:?}"
build="${WORK:-${TMPDIR:-/tmp}}/sdsprofile-fuzz-build"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# The fuzz targets, the one list: fuzz/CMakeLists.txt (replay tests) and fuzz/ci-smoke read this line.
targets=(fuzz_check fuzz_check_json fuzz_expand fuzz_render fuzz_csv_reader fuzz_csv_check fuzz_fix)

# Build type "OSSFuzz" has no flags of its own: the optimisation and sanitizer flags are the caller's.
# No CLI and no tests: the targets need simdjson and fmt only (the Dockerfiles install no more).
# The targets look for their shared libraries in $OUT/lib first (copied there below), since the
# image that runs them (OSS-Fuzz's base-runner) has none of the build image's packages.
cmake -S "$src" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=OSSFuzz \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="${CFLAGS:-}" -DCMAKE_CXX_FLAGS="${CXXFLAGS:-}" -DCMAKE_BUILD_RPATH='$ORIGIN/lib' \
  -DSDSPROFILE_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DSDSPROFILE_BUILD_TESTS=OFF -DSDSPROFILE_BUILD_CLI=OFF >/dev/null
cmake --build "$build" --target "${targets[@]}" -j "$(nproc)"

mkdir -p "$OUT"
for target in "${targets[@]}"; do
  # Copy and rename, so that a campaign running the previous binary is not disturbed.
  cp "$build/fuzz/$target" "$OUT/.$target.new" && mv -f "$OUT/.$target.new" "$OUT/$target"
  # A target with a dictionary of its own (fuzz/TARGET.dict) uses it; the others share the one
  # generated from schemas/.
  dict="$src/fuzz/$target.dict"
  [[ -f $dict ]] || dict="$src/fuzz/sdsprofile.dict"
  cp "$dict" "$OUT/$target.dict"
  printf '[libfuzzer]\ndict = %s.dict\nmax_len = 65536\n' "$target" > "$OUT/$target.options"
  # The seed corpus is the committed files, zipped here in name order without extra attributes.
  rm -f "$OUT/${target}_seed_corpus.zip"
  (cd "$src/fuzz" && find "corpus/$target" "regressions/$target" -type f ! -name '*.reason' ! -name '.*' -print0 |
     LC_ALL=C sort -z | xargs -0 zip -q -X -j "$OUT/${target}_seed_corpus.zip")
done
# simdjson and fmt, as the first target links them, into $OUT/lib (the targets' RPATH); emptied
# first, so that ldd names the system's copies.
rm -rf "$OUT/lib"
mkdir -p "$OUT/lib"
ldd "$OUT/${targets[0]}" | awk '$1 ~ /^lib(simdjson|fmt)\.so/ && $3 ~ /^\// { print $3 }' |
  while read -r library; do cp -L "$library" "$OUT/lib/"; done
echo "built ${targets[*]} into $OUT"
