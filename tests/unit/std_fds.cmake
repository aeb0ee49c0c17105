# A runtime in a process started with descriptors 0, 1 or 2 closed.
mrt_unit_test(test_std_fds SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_std_fds.c LIBS libmrt)
