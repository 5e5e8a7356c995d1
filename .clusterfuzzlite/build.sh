#!/bin/bash -eu
# The build script OSS-Fuzz and ClusterFuzzLite run in the project's image ($SRC/build.sh): the
# targets of fuzz/build.sh, with the compilers, flags and engine they set. The distribution's
# simdjson and fmt are built against libstdc++, so the targets use it too: the -stdlib=libc++ of
# their default CXXFLAGS goes (so MemorySanitizer, which needs an instrumented libc++, is not
# among the sanitizers of project.yaml). fuzz/run-campaign calls this too, with SDSPROFILE_SOURCE.
export CXXFLAGS="${CXXFLAGS//-stdlib=libc++/}"
exec "${SDSPROFILE_SOURCE:-$SRC/sdsprofile}/fuzz/build.sh"
