# ctest add_subdirectory_consumer: a host project adds the source tree with add_subdirectory and
# builds a program against sdsprofile::sdsprofile, with CLI11, GoogleTest and Google Benchmark made
# unfindable (CMAKE_DISABLE_FIND_PACKAGE_*): the library needs only simdjson and fmt, no test or
# CLI target is defined, and the host's (empty) build type is not replaced.
#
# cmake -DSOURCE=... -DWORK_DIR=... -DCONSUMER_DIR=... -DCXX_COMPILER=... -DGENERATOR=Ninja
#       [-DSANITIZE=address,undefined] -P add_subdirectory.cmake
cmake_minimum_required(VERSION 3.21)

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    string(REPLACE ";" " " shown "${ARGV}")
    message(FATAL_ERROR "failed (${status}): ${shown}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(flags "")
if(SANITIZE)
  set(flags "-fsanitize=${SANITIZE}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
run("${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${WORK_DIR}" -G "${GENERATOR}" "-DSDSPROFILE_SOURCE=${SOURCE}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_CXX_FLAGS=${flags}" "-DCMAKE_EXE_LINKER_FLAGS=${flags}"
    -DCMAKE_DISABLE_FIND_PACKAGE_CLI11=ON -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON
    -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON)
if(NOT run_output MATCHES "host build type: ''")
  message(FATAL_ERROR "the host's empty build type was replaced:\n${run_output}")
endif()
run("${CMAKE_COMMAND}" --build "${WORK_DIR}")
run("${WORK_DIR}/subdirectory_consumer")
if(NOT run_output STREQUAL "subdirectory: 0.1.0 3 type-mismatch /displayName 1:17 invalid\n")
  message(FATAL_ERROR "subdirectory_consumer printed:\n${run_output}")
endif()
message(STATUS "add_subdirectory consumer: ok")
