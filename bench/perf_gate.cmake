# ctest perf_gate_*: cmake -DVALGRIND=... -DDRIVER=... -DINPUT=FILE -DMODE=check|expand -DCOUNT=N
#                         -DBUDGET_FILE=... -DBUDGET=NAME -DOUT=FILE -P perf_gate.cmake
# Runs DRIVER (sdsprofile_perf_gate) under callgrind, collecting only inside measured_checks(),
# which checks (or expands) INPUT COUNT times. Instructions per document = collected instructions
# / COUNT; the test fails when they exceed the budget called NAME in BUDGET_FILE (a line
# "NAME INSTRUCTIONS"; '#' starts a comment). Callgrind counts instructions, not time, so the
# figure does not move with the machine's load.
if(NOT VALGRIND)
  message("perf_gate skipped: valgrind is not installed (apt-get install valgrind)")
  return()
endif()

# Every line is blank, a comment, or "name number": a typo must not leave a gate without budget.
file(STRINGS "${BUDGET_FILE}" budget_lines)
set(budget "")
foreach(line IN LISTS budget_lines)
  string(REGEX REPLACE "#.*" "" line "${line}")
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    continue()
  endif()
  if(NOT line MATCHES "^([a-z0-9-]+)[ \t]+([0-9]+)$")
    message(FATAL_ERROR "${BUDGET_FILE}: '${line}' is not 'NAME INSTRUCTIONS'")
  endif()
  if(CMAKE_MATCH_1 STREQUAL BUDGET)
    if(NOT budget STREQUAL "")
      message(FATAL_ERROR "${BUDGET_FILE} names the budget ${BUDGET} twice")
    endif()
    set(budget "${CMAKE_MATCH_2}")
  endif()
endforeach()
if(budget STREQUAL "")
  message(FATAL_ERROR "${BUDGET_FILE} has no budget called ${BUDGET}")
endif()

file(REMOVE "${OUT}")
execute_process(
  COMMAND "${VALGRIND}" --tool=callgrind "--callgrind-out-file=${OUT}" "--toggle-collect=measured_checks*"
          "${DRIVER}" "${INPUT}" "${COUNT}" "${MODE}"
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "valgrind --tool=callgrind ${DRIVER} failed (${status}):\n${out}\n${err}")
endif()
# "summary: N" (older callgrind also writes "totals: N"): instructions inside measured_checks.
file(STRINGS "${OUT}" summary REGEX "^(summary|totals): [0-9]+")
list(GET summary 0 summary)
string(REGEX REPLACE "^[a-z]+: ([0-9]+).*" "\\1" instructions "${summary}")
if(instructions STREQUAL "" OR instructions EQUAL 0)
  message(FATAL_ERROR "No instructions collected in measured_checks (is it inlined or renamed?): ${OUT}")
endif()
math(EXPR per_document "${instructions} / ${COUNT}")
math(EXPR headroom_tenths "(${budget} - ${per_document}) * 1000 / ${budget}")
math(EXPR over "${per_document} - ${budget}")
string(STRIP "${out}" out)
message("perf_gate: ${out}")
message("perf_gate: ${MODE} of ${INPUT}: ${per_document} instructions per document "
        "(${instructions} over ${COUNT} runs); budget ${BUDGET} ${budget} (${BUDGET_FILE})")
if(per_document GREATER budget)
  message(FATAL_ERROR "perf_gate: over budget by ${over} instructions per document. Find where "
                      "they go (callgrind_annotate ${OUT}) and fix it; raise the budget only with a reason in "
                      "the commit message.")
endif()
message("perf_gate: within budget (headroom ${headroom_tenths} per mille of the budget)")
