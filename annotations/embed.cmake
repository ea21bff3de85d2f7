# Writes OUT: a C++ fragment holding each INPUTS file as {name, contents},
# so the built-in profiles travel inside the binary.
string(REPLACE "," ";" INPUTS "${INPUTS}")
set(body "")
foreach(f IN LISTS INPUTS)
  file(READ "${f}" text)
  get_filename_component(name "${f}" NAME)
  string(APPEND body "{\"annotations/${name}\", R\"HWYAML(${text})HWYAML\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
