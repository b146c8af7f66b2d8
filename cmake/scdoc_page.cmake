# Writes one man page: TEMPLATE (scdoc) with @THEME_DIR@ replaced and, when
# BRIEFING is given, @COMMANDS@ replaced by `briefing --generate=man` (the
# commands and options, from the option tables), through SCDOC into OUTPUT.
# cmake -DTEMPLATE=... -DOUTPUT=... -DSCDOC=... -DTHEME_DIR=... [-DBRIEFING=...] -P
cmake_minimum_required(VERSION 3.20)
file(READ "${TEMPLATE}" page)
if(BRIEFING)
  execute_process(COMMAND "${BRIEFING}" --generate=man
                  OUTPUT_VARIABLE commands RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${BRIEFING} --generate=man exited ${status}")
  endif()
  string(REPLACE "@COMMANDS@" "${commands}" page "${page}")
endif()
string(REPLACE "@THEME_DIR@" "${THEME_DIR}" page "${page}")
file(WRITE "${OUTPUT}.scd" "${page}")
execute_process(COMMAND "${SCDOC}" INPUT_FILE "${OUTPUT}.scd" OUTPUT_FILE "${OUTPUT}"
                RESULT_VARIABLE status ERROR_VARIABLE error)
if(NOT status EQUAL 0)
  file(REMOVE "${OUTPUT}")
  message(FATAL_ERROR "${TEMPLATE}: scdoc: ${error}")
endif()
