# The inspector's C API without the WebSocket server: sessions, posts from threads (while JS
# runs, while paused), console messages, misuse.
mrt_unit_test(test_inspector SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_inspector.c LIBS libmrt)
