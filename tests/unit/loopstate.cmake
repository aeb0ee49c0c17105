# Unit tests of the event-loop glue's state (core/eventloop.h): rt_enter/rt_leave and the
# pending status, rejection tracking, and the one loop turn (module loading turns like the
# loop). Uses core/'s internal headers to call the kernel functions directly.
mrt_unit_test(test_loopstate SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_loopstate.c LIBS libmrt)
target_include_directories(test_loopstate PRIVATE ${CMAKE_SOURCE_DIR}/core)
