# Unit tests of the code cache (core/code_cache.c, shim/code_cache.cc) through mrt.h, with
# core/code_cache.h for the entry format (to corrupt and forge entries).
mrt_unit_test(test_code_cache SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_code_cache.c LIBS libmrt)
target_include_directories(test_code_cache PRIVATE ${CMAKE_SOURCE_DIR}/core)

# The JS corpus (errors, modules, console: stack positions, import(), function sources) run
# twice through `mrt --cache-dir=DIR`: first with an empty DIR (every compile a miss that
# writes its entry), then from the entries. Both passes must match node's output.
find_program(MRT_CACHE_NODE node)
if(MRT_CACHE_NODE AND TARGET mrt)
  set(_cc_dir ${CMAKE_CURRENT_BINARY_DIR}/js-code-cache)
  file(GENERATE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/mrt-code-cache.sh CONTENT
       "#!/bin/sh\nexec '$<TARGET_FILE:mrt>' --cache-dir='${_cc_dir}' \"$@\"\n"
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                        WORLD_READ WORLD_EXECUTE)
  set(_cc_run ${MRT_CACHE_NODE} run.mjs --mrt ${CMAKE_CURRENT_BINARY_DIR}/mrt-code-cache.sh
              -j 2 errors modules console)
  string(REPLACE ";" " " _cc_run "${_cc_run}")
  add_test(NAME js_code_cache_corpus
           COMMAND sh -c "rm -rf '${_cc_dir}' && ${_cc_run} && ${_cc_run}"
           WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/js)
  set_tests_properties(js_code_cache_corpus PROPERTIES TIMEOUT 900 LABELS js)
endif()
