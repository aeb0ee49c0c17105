# Unit tests of the uncaught-error report (mrt_error_format, through mrt.h only).
mrt_unit_test(test_error_format SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_error_format.c LIBS libmrt)
# V8 flags are process-wide: their checks need a process of their own.
mrt_unit_test(test_v8_flags SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_v8_flags.c LIBS libmrt)
