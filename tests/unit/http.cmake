# HTTP/1.1 request framing alone (core/ext/http/h1.c on the dlopen()ed http-parser): no
# runtime, no V8.
mrt_unit_test(test_h1 SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_h1.c
              ${CMAKE_SOURCE_DIR}/core/ext/http/h1.c ${CMAKE_SOURCE_DIR}/core/ext/dl/own_scope.c
              LIBS ${CMAKE_DL_LIBS} Threads::Threads)
target_include_directories(test_h1 PRIVATE ${CMAKE_SOURCE_DIR}/core)
target_include_directories(test_h1 SYSTEM PRIVATE ${HTTP_PARSER_H})
