# ctest install_and_consume: installs the current build into a temporary prefix, then builds and
# runs three users of it: C++ with find_package(sdsprofile CONFIG), C with pkg-config and C++ with
# pkg-config. Each prints the last diagnostic of {"displayName": 5}, compared exactly.
#
# cmake -DBUILD_DIR=... -DWORK_DIR=... -DCONSUMERS_DIR=... -DLIBDIR=lib -DDOCDIR=share/doc/sdsprofile
#       -DC_COMPILER=... -DCXX_COMPILER=... -DGENERATOR=Ninja -DSTATIC=ON|OFF -DPKG_CONFIG=... -DVERSION=0.1.0
#       [-DSANITIZE=address,undefined] -P install_and_consume.cmake
cmake_minimum_required(VERSION 3.20)

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    string(REPLACE ";" " " shown "${ARGV}")
    message(FATAL_ERROR "failed (${status}): ${shown}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

function(expect_output what expected)
  if(NOT run_output STREQUAL "${expected}\n")
    message(FATAL_ERROR "${what} printed:\n${run_output}\nexpected:\n${expected}")
  endif()
  message(STATUS "${what}: ok")
endfunction()

set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")

foreach(installed bin/sdsprofile include/sdsprofile/sdsprofile.h include/sdsprofile/sdsprofile.hpp
        include/sdsprofile/checker.hpp include/sdsprofile/export.h include/sdsprofile/version.h
        include/sdsprofile/version.hpp share/sdsprofile/schemas/model.json
        share/sdsprofile/schemas/csv-attributes.json share/sdsprofile/schemas/expansion.json
        share/sdsprofile/schemas/sdsprofile.schema.json ${DOCDIR}/sdsprofile.txt ${LIBDIR}/pkgconfig/sdsprofile.pc
        ${LIBDIR}/cmake/sdsprofile/sdsprofile-config.cmake ${LIBDIR}/cmake/sdsprofile/sdsprofile-config-version.cmake)
  if(NOT EXISTS "${prefix}/${installed}")
    message(FATAL_ERROR "not installed: ${installed}")
  endif()
endforeach()
if(STATIC)
  set(library "${prefix}/${LIBDIR}/libsdsprofile.a")
else()
  set(library "${prefix}/${LIBDIR}/libsdsprofile.so.0")
endif()
if(NOT EXISTS "${library}")
  message(FATAL_ERROR "not installed: ${library}")
endif()
file(READ "${prefix}/${DOCDIR}/sdsprofile.txt" help)
if(NOT help MATCHES "sdsprofile expand \\[OPTIONS\\]")
  message(FATAL_ERROR "the help text lacks the expand usage:\n${help}")
endif()

# The installed CLI runs (a shared build: found through its RPATH).
run("${prefix}/bin/sdsprofile" --version)
if(NOT run_output MATCHES "^sdsprofile ${VERSION}\nbuilt with simdjson [0-9]+\\.[0-9]+\\.[0-9]+, fmt [0-9]+\\.[0-9]+\\.[0-9]+\n$")
  message(FATAL_ERROR "installed CLI --version printed:\n${run_output}")
endif()
message(STATUS "installed CLI: ok")

set(sanitize_flags "")
if(SANITIZE)
  set(sanitize_flags "-fsanitize=${SANITIZE}")
endif()
set(expected_tail "3 type-mismatch /displayName 1:17 invalid")

# 1. C++ with find_package(sdsprofile CONFIG).
run("${CMAKE_COMMAND}" -S "${CONSUMERS_DIR}/cmake_cxx" -B "${WORK_DIR}/cmake_cxx" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=${sanitize_flags}" "-DCMAKE_EXE_LINKER_FLAGS=${sanitize_flags}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/cmake_cxx")
run("${WORK_DIR}/cmake_cxx/cmake_consumer")
expect_output("C++ with find_package" "cmake_cxx: ${VERSION} ${expected_tail} schemas")

# 2. and 3. pkg-config; a static library needs its private dependencies (--static).
set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
set(pkg_args --cflags --libs)
if(STATIC)
  list(PREPEND pkg_args --static)
endif()
run("${PKG_CONFIG}" ${pkg_args} sdsprofile)
string(STRIP "${run_output}" pkg_flags)
separate_arguments(pkg_flags UNIX_COMMAND "${pkg_flags}")
separate_arguments(sanitize_list UNIX_COMMAND "${sanitize_flags}")
set(ENV{LD_LIBRARY_PATH} "${prefix}/${LIBDIR}")  # a shared build's consumers have no RPATH

run("${C_COMPILER}" -std=c99 -Wall -Wextra -pedantic -Werror ${sanitize_list} "${CONSUMERS_DIR}/pkgconfig/consumer.c"
    ${pkg_flags} -o "${WORK_DIR}/pkgconfig_c")
run("${WORK_DIR}/pkgconfig_c")
expect_output("C with pkg-config" "pkgconfig_c: ${VERSION} ${expected_tail}")

run("${CXX_COMPILER}" -std=c++20 -Wall -Wextra -pedantic -Werror ${sanitize_list}
    "${CONSUMERS_DIR}/pkgconfig/consumer.cpp" ${pkg_flags} -o "${WORK_DIR}/pkgconfig_cxx")
run("${WORK_DIR}/pkgconfig_cxx")
expect_output("C++ with pkg-config" "pkgconfig_cxx: ${VERSION} ${expected_tail}")
