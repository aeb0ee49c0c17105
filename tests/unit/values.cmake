# Handle scopes, promise status values and the value constructors and accessors of mrt.h
# (through mrt.h only), with their misuse.
mrt_unit_test(test_values SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_values.c LIBS libmrt)
