# The sandbox through the public API (mrt_options.permissions, core/permissions.c); the
# escape corpus is tests/permissions (ctest permissions_sandbox).
mrt_unit_test(test_permissions SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_permissions.c LIBS libmrt)
