# The embedding API under misuse: async accounting, completions after free, foreign handles,
# re-entrancy, registration errors, error records, NULL arguments (through mrt.h only).
mrt_unit_test(test_embed_api SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_embed_api.c LIBS libmrt)
# The runtime's handle and the thread model: tasks posted from threads, terminate and wake
# from threads, a handle outliving its runtime, cancel hooks, wrong-thread calls.
mrt_unit_test(test_handle SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_handle.c LIBS libmrt)
