# Unit tests of the lazy built-in files' code caches made at build time (core/builtin_cache.h),
# with the blob's format header.
mrt_unit_test(test_builtin_cache SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_builtin_cache.c
              LIBS libmrt)
target_include_directories(test_builtin_cache PRIVATE ${CMAKE_SOURCE_DIR}/core)
