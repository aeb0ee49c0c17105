# Unit tests of ES modules (core/modules.c, core/module_loaders.c, shim/module.cc) through mrt.h.
mrt_unit_test(test_modules SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_modules.c LIBS libmrt)
# Node's resolution and import maps in the kernel (core/resolve.c, core/import_map.c): the
# internal interface, so core/ is on the include path.
mrt_unit_test(test_resolve SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_resolve.c LIBS libmrt)
target_include_directories(test_resolve PRIVATE ${CMAKE_SOURCE_DIR}/core)
