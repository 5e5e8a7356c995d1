#!/bin/bash -eu
# Builds the fuzz targets the way OSS-Fuzz and ClusterFuzzLite call a project's build.sh: compiler
# and flags come from $CC, $CXX, $CFLAGS, $CXXFLAGS (the sanitizer and -fsanitize=fuzzer-no-link
# flags included), the engine from $LIB_FUZZING_ENGINE, and everything lands in $OUT: each target,
# its .dict and .options, and its _seed_corpus.zip (committed corpus plus regression inputs).
# Locally, fuzz/run-campaign calls it with clang and libFuzzer (fuzz/README.md).
src=$(cd "$(dirname "$0")/.." && pwd)
: "${CC:?} ${CXX:?} ${LIB_FUZZING_ENGINE:?} ${OUT:?}"
build="${WORK:-${TMPDIR:-/tmp}}/sdsprofile-fuzz-build"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
targets=(fuzz_check fuzz_check_json fuzz_expand fuzz_render fuzz_csv_reader fuzz_csv_check fuzz_fix)

# Build type "OSSFuzz" has no flags of its own: the optimisation and sanitizer flags are the caller's.
cmake -S "$src" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=OSSFuzz \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="${CFLAGS:-}" -DCMAKE_CXX_FLAGS="${CXXFLAGS:-}" \
  -DSDSPROFILE_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DSDSPROFILE_BUILD_TESTS=OFF >/dev/null
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
  rm -f "$OUT/${target}_seed_corpus.zip"
  (cd "$src/fuzz" && find "corpus/$target" "regressions/$target" -type f ! -name '*.reason' ! -name '.*' -print0 |
     xargs -0 zip -q -j "$OUT/${target}_seed_corpus.zip")
done
echo "built ${targets[*]} into $OUT"
