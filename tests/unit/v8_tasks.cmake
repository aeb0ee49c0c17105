# Unit tests of V8's own tasks (wasm compilation, Atomics.waitAsync, finalizers) waking and
# keeping alive the event loop, through the public API.
mrt_unit_test(test_v8_tasks SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_v8_tasks.c LIBS libmrt)
