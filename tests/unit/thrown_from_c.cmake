# Errors thrown from C by the shim, reported through mrt.h.
mrt_unit_test(test_thrown_from_c SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_thrown_from_c.c LIBS libmrt)
