# The embedding API under misuse: async accounting, completions after free, foreign handles,
# re-entrancy, registration errors, error records, NULL arguments (through mrt.h only).
mrt_unit_test(test_embed_api SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_embed_api.c LIBS libmrt)
