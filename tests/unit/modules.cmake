# Unit tests of ES modules (core/modules.c, core/module_loaders.c, shim/module.cc) through mrt.h.
mrt_unit_test(test_modules SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_modules.c LIBS libmrt)
