# Unit tests of async files and TCP (core/fs.c, core/tcp.c) through the public API.
mrt_unit_test(test_io SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_io.c LIBS libmrt)
