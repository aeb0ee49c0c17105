# Unit tests of the uncaught-error report (mrt_error_format, through mrt.h only).
mrt_unit_test(test_error_format SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_error_format.c LIBS libmrt)
