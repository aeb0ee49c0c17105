# Unit tests of Node's CommonJS through mrt.h (mrt_main_format, mrt_run_commonjs_main:
# core/ext/node/node.c, cjs_impl.js, shim/function.cc).
mrt_unit_test(test_commonjs SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_commonjs.c LIBS libmrt)
