# Unit tests of libmrt's public API (core/, through mrt.h only).
mrt_unit_test(test_runtime SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_runtime.c LIBS libmrt)
mrt_unit_test(test_eventloop SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_eventloop.c LIBS libmrt)
mrt_unit_test(test_ops SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_ops.c LIBS libmrt)
mrt_unit_test(test_op_api SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_op_api.c LIBS libmrt)
mrt_unit_test(test_memory SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memory.c LIBS libmrt)
mrt_unit_test(test_snapshot SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_snapshot.c LIBS libmrt)
# The embedder's extensions and startup snapshots (mrt_extension, mrt_snapshot_create).
mrt_unit_test(test_extensions SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_extensions.c LIBS libmrt)
# The measuring API: CPU profiles, heap snapshots, collections, module times.
mrt_unit_test(test_profiler SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_profiler.c LIBS libmrt)
