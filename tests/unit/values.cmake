# Handle scopes, promise status values and the value constructors and accessors of mrt.h
# (through mrt.h only), with their misuse.
mrt_unit_test(test_values SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_values.c LIBS libmrt)
mrt_unit_test(test_value_types SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_value_types.c LIBS libmrt)
# The V8 escape hatch, from C++ with V8's own headers (as a C++ embedder uses it).
mrt_unit_test(test_v8_escape SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_v8_escape.cc LIBS libmrt v8)
target_compile_options(test_v8_escape PRIVATE -fno-rtti) # no typeinfo of V8's classes (UBSan vptr)
