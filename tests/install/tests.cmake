# The installed library as an embedder sees it (label "install"): `cmake --install` into a
# prefix in the build tree, then every example of examples/ and the README's embedding example
# built there through pkg-config, run and compared with its expected output, and the symbol
# checks (symbols.sh). Seconds in all.
set(MRT_INSTALL_TEST ${CMAKE_CURRENT_LIST_DIR}/install_test.sh)
set(MRT_INSTALL_PREFIX ${CMAKE_BINARY_DIR}/install-test)
# The sanitizer builds' libmrt needs the same instrumentation in the programs that use it.
set(MRT_INSTALL_CFLAGS "")
if(MRT_SANITIZE)
  set(MRT_INSTALL_CFLAGS "-fsanitize=address,undefined")
elseif(MRT_SANITIZE_THREAD)
  set(MRT_INSTALL_CFLAGS "-fsanitize=thread")
endif()

add_test(NAME install_prefix
         COMMAND bash ${MRT_INSTALL_TEST} install ${CMAKE_BINARY_DIR} ${MRT_INSTALL_PREFIX})
set_tests_properties(install_prefix PROPERTIES FIXTURES_SETUP mrt_installed)

file(GLOB MRT_EXAMPLES RELATIVE ${CMAKE_SOURCE_DIR}/examples ${CMAKE_SOURCE_DIR}/examples/*.c)
set(MRT_INSTALL_TESTS install_prefix install_readme install_docs install_symbols)
foreach(example ${MRT_EXAMPLES})
  string(REGEX REPLACE "\\.c$" "" name ${example})
  add_test(NAME example_${name} COMMAND bash ${MRT_INSTALL_TEST} example ${MRT_INSTALL_PREFIX}
                                        ${CMAKE_SOURCE_DIR} ${name})
  list(APPEND MRT_INSTALL_TESTS example_${name})
endforeach()
add_test(NAME install_readme
         COMMAND bash ${MRT_INSTALL_TEST} readme ${MRT_INSTALL_PREFIX} ${CMAKE_SOURCE_DIR})
add_test(NAME install_docs
         COMMAND bash ${MRT_INSTALL_TEST} docs ${MRT_INSTALL_PREFIX} ${CMAKE_SOURCE_DIR})
add_test(NAME install_symbols
         COMMAND bash ${MRT_INSTALL_TEST} symbols ${MRT_INSTALL_PREFIX} ${CMAKE_SOURCE_DIR}
                 $<TARGET_FILE:libmrt> $<TARGET_FILE:mrt_shim> $<TARGET_FILE:mrt_loop>
                 $<TARGET_FILE:mrt_alloc>)
set_tests_properties(${MRT_INSTALL_TESTS} PROPERTIES LABELS install TIMEOUT 120
                     ENVIRONMENT "CFLAGS=${MRT_INSTALL_CFLAGS}")
list(REMOVE_ITEM MRT_INSTALL_TESTS install_prefix)
set_tests_properties(${MRT_INSTALL_TESTS} PROPERTIES FIXTURES_REQUIRED mrt_installed)
