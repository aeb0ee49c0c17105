# The URL parser alone (core/ext/url/url_parse.c): no runtime, no V8.
mrt_unit_test(test_url_parse SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_url_parse.c
              ${CMAKE_SOURCE_DIR}/core/ext/url/url_parse.c LIBS PkgConfig::ICUUC)
target_include_directories(test_url_parse PRIVATE ${CMAKE_SOURCE_DIR}/core)
