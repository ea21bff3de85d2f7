# Run with cmake -P: -DDOCS_DIR=<docs/checks> -DOUTPUT=<CheckDocs.inc>.
#
# Writes one `{"<check>", R"md(<markdown>)md"},` initializer per
# docs/checks/<check>.md, for tool/CheckDocs.cpp. The text is the page's
# first paragraph under "## What it finds", and the block after it when the
# paragraph ends in a colon (it then introduces a list that belongs to it).
#
# The description is taken from the page at build time, not read at run time
# (an installed holdwait has no docs/ beside it) and not written a second
# time in the checks (where it would drift from the page).
#
# Only string(FIND/SUBSTRING) on quoted variables: the pages hold semicolons,
# which CMake's list commands would split on.

if(NOT DOCS_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "usage: cmake -DDOCS_DIR=<dir> -DOUTPUT=<file> -P GenerateCheckDocs.cmake")
endif()

set(Heading "\n## What it finds\n")
string(LENGTH "${Heading}" HeadingLength)

file(GLOB Pages "${DOCS_DIR}/*.md")
list(SORT Pages)
set(Out "// Generated from docs/checks/*.md by tool/GenerateCheckDocs.cmake.\n")
foreach(Page IN LISTS Pages)
  get_filename_component(Name "${Page}" NAME_WE)
  file(READ "${Page}" Text)
  string(FIND "${Text}" "${Heading}" At)
  if(At EQUAL -1)
    message(FATAL_ERROR "${Page}: no '## What it finds' section")
  endif()
  math(EXPR At "${At} + ${HeadingLength}")
  string(SUBSTRING "${Text}" ${At} -1 Text)
  string(REGEX REPLACE "^\n+" "" Text "${Text}")

  # The first block, and the next one when the first ends in a colon.
  string(FIND "${Text}" "\n\n" End)
  if(End EQUAL -1)
    string(LENGTH "${Text}" End)
  endif()
  string(SUBSTRING "${Text}" 0 ${End} Block)
  string(REGEX MATCH ":$" Colon "${Block}")
  if(Colon)
    math(EXPR Next "${End} + 2")
    string(SUBSTRING "${Text}" ${Next} -1 Rest)
    string(FIND "${Rest}" "\n\n" RestEnd)
    if(RestEnd EQUAL -1)
      string(LENGTH "${Rest}" RestEnd)
    endif()
    string(SUBSTRING "${Rest}" 0 ${RestEnd} List)
    string(APPEND Block "\n\n${List}")
  endif()
  string(STRIP "${Block}" Block)
  if(Block STREQUAL "")
    message(FATAL_ERROR "${Page}: '## What it finds' has no paragraph")
  endif()
  string(FIND "${Block}" ")md\"" Delimiter)
  if(NOT Delimiter EQUAL -1)
    message(FATAL_ERROR "${Page}: the description holds the raw string delimiter )md\"")
  endif()
  string(APPEND Out "{\"${Name}\", R\"md(${Block})md\"},\n")
endforeach()

# Rewrite only when the text changes, so an unrelated edit of a page does
# not recompile CheckDocs.cpp.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" Old)
  if(Old STREQUAL Out)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${Out}")
