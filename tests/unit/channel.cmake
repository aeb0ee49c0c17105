# mrt_channel (core/channel.c): C threads, C receivers and JS ports.
mrt_unit_test(test_channel SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_channel.c LIBS libmrt)
