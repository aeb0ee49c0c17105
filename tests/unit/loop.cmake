# Unit tests of loop/ (the event loop layer).
if(TARGET mrt_loop)
  mrt_unit_test(test_loop_timers SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_loop_timers.c LIBS mrt_loop)
  mrt_unit_test(test_loop_ring SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_loop_ring.c LIBS mrt_loop)
  mrt_unit_test(test_loop SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_loop.c LIBS mrt_loop)
  mrt_unit_test(test_loop_pool SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_loop_pool.c LIBS mrt_loop)
endif()
