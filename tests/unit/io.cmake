# Unit tests of async files and TCP (core/ext/fs/fs.c, core/ext/tcp/tcp.c) through the public API.
mrt_unit_test(test_io SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_io.c LIBS libmrt)
# FIFOs and devices: sync ops ended by mrt_terminate, async ones by mrt_runtime_free.
mrt_unit_test(test_special_files SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_special_files.c LIBS libmrt)

