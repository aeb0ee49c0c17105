# Included by core/CMakeLists.txt before the JS is embedded: amaro (npm; Node's TypeScript
# stripper, SWC compiled to WebAssembly) split by wrap_amaro.cmake into its JS glue
# (core/lib/amaro.js, a lazy builtin) and its WebAssembly module (core/lib/amaro.wasm, bytes
# handed over by typescript.c), and this extension's lazy JS.
set(amaro_in ${MRT_JS_NODE_MODULES}/amaro/dist/internal.js)
if(NOT EXISTS ${amaro_in})
  message(FATAL_ERROR "${amaro_in} is missing: run tools/setup.sh (it installs tools/js's libraries)")
endif()
set(amaro_js ${MRT_JS_GEN}/lib/amaro.js)
set(amaro_wasm ${MRT_JS_GEN}/lib/amaro.wasm)
add_custom_command(
  OUTPUT ${amaro_js} ${amaro_wasm}
  COMMAND ${CMAKE_COMMAND} -DIN=${amaro_in} -DOUT=${amaro_js} -DWASM=${amaro_wasm}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/ext/typescript/wrap_amaro.cmake
  DEPENDS ${amaro_in} ${CMAKE_CURRENT_SOURCE_DIR}/ext/typescript/wrap_amaro.cmake
  COMMENT "Wrapping amaro as core/lib/amaro.js and core/lib/amaro.wasm")
list(APPEND MRT_JS_FILES ${amaro_js} ${amaro_wasm}
     ${CMAKE_CURRENT_SOURCE_DIR}/ext/typescript/typescript_impl.js)
