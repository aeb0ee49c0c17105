# The base64/hex codec alone (core/ext/encoding/base64_codec.c and its AVX2 loops): no runtime.
mrt_unit_test(test_base64_codec SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_base64_codec.c
              ${CMAKE_SOURCE_DIR}/core/ext/encoding/base64_codec.c
              ${CMAKE_SOURCE_DIR}/core/ext/encoding/base64_simd.c LIBS Threads::Threads)
target_include_directories(test_base64_codec PRIVATE ${CMAKE_SOURCE_DIR}/core)
