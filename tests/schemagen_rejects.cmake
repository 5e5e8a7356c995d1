# ctest schemagen_rejects: tools/schemagen stops on schema data it cannot apply, naming the place.
# Each run feeds it schemas/ with one change and expects exit status 1 and exactly the message.
# Usage: cmake -DSCHEMAGEN=... -DSCHEMAS=... -DWORK_DIR=... -P schemagen_rejects.cmake
foreach(var SCHEMAGEN SCHEMAS WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "schemagen_rejects.cmake: -D${var}=... is required")
  endif()
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")

# Writes `file` of schemas/ with `from` replaced by `to` (which must occur) into WORK_DIR, runs
# schemagen over the three files and checks its status and standard error.
function(expect_rejected name file from to expected)
  foreach(f model.json csv-attributes.json expansion.json)
    file(READ "${SCHEMAS}/${f}" text)
    if(f STREQUAL file)
      string(FIND "${text}" "${from}" at)
      if(at EQUAL -1)
        message(FATAL_ERROR "${name}: '${from}' is not in ${f}")
      endif()
      string(REPLACE "${from}" "${to}" text "${text}")
    endif()
    file(WRITE "${WORK_DIR}/${f}" "${text}")
  endforeach()
  execute_process(COMMAND "${SCHEMAGEN}" "${WORK_DIR}/model.json" "${WORK_DIR}/csv-attributes.json"
                          "${WORK_DIR}/expansion.json" --tables "${WORK_DIR}/compiled_model.cpp"
                  RESULT_VARIABLE status ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT status EQUAL 1 OR NOT err STREQUAL "schemagen: ${expected}\n")
    message(FATAL_ERROR "${name}: expected status 1 and 'schemagen: ${expected}', got ${status} and '${err}'")
  endif()
  message(STATUS "${name}: rejected as expected")
endfunction()

expect_rejected(unknown_property_key model.json
  "{\"name\": \"displayName\", \"type\": \"Edm.String\", \"nullable\": false,"
  "{\"name\": \"displayName\", \"type\": \"Edm.String\", \"nullable\": false, \"requiredInn\": [],"
  "model.json type educationSynchronizationProfile.displayName: unknown key 'requiredInn'")
expect_rejected(unknown_rule_value model.json
  "\"rules\": {\"string\": \"http-url\"}"
  "\"rules\": {\"string\": \"https-url\"}"
  "model.json type educationPowerSchoolDataProvider.connectionUrl.rules: 'string': unknown value 'https-url'")
expect_rejected(unknown_expansion_key expansion.json
  "\"onlyWhenSent\":"
  "\"onlyWhenSnt\":"
  "expansion.json profile: unknown key 'onlyWhenSnt'")
expect_rejected(key_missing_from_only_when_sent expansion.json
  "\"onlyWhenSent\": [\"expirationDate\", \"handleSpecialCharacterConstraint\"]"
  "\"onlyWhenSent\": [\"expirationDate\"]"
  "expansion.json onlyWhenSent: 'handleSpecialCharacterConstraint' can be missing and is not listed")
expect_rejected(always_present_key_in_only_when_sent expansion.json
  "\"onlyWhenSent\": [\"expirationDate\", \"handleSpecialCharacterConstraint\"]"
  "\"onlyWhenSent\": [\"expirationDate\", \"handleSpecialCharacterConstraint\", \"displayName\"]"
  "expansion.json onlyWhenSent: 'displayName' is always in a stored profile")
