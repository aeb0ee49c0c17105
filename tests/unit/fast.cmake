# V8 Fast API calls of ops (shim/fast_api.cc) through the public API.
mrt_unit_test(test_fast SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_fast.c LIBS libmrt)
