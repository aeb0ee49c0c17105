# Unit tests of alloc/ (ArrayBuffer memory), without V8.
mrt_unit_test(test_alloc SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_alloc.c LIBS mrt_alloc)
