# tools/relink: the relocation rewriter for libnode (see tools/relink/relink.c).
# The fixture library is test_relink.c itself built with RELINK_FIXTURE: exported functions
# that reach each other through R_X86_64_64, GLOB_DAT and JUMP_SLOT relocations, linked
# -z now like libnode, plus a function named like one of libc's (must stay interposable).
if(NOT TARGET relink)
  add_executable(relink ${CMAKE_SOURCE_DIR}/tools/relink/relink.c)
endif()

add_library(relink_fixture SHARED ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_relink.c)
target_compile_definitions(relink_fixture PRIVATE RELINK_FIXTURE)
# Keep the calls real: no inlining/folding of the fixture's functions, no builtins.
target_compile_options(relink_fixture PRIVATE -O1 -fno-builtin -fno-inline -fPIC
                       -fsemantic-interposition)
target_link_options(relink_fixture PRIVATE -Wl,-z,now)

mrt_unit_test(test_relink SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_relink.c LIBS ${CMAKE_DL_LIBS})
add_dependencies(test_relink relink relink_fixture)
target_compile_definitions(test_relink PRIVATE
  RELINK_EXE="$<TARGET_FILE:relink>"
  RELINK_FIXTURE_PATH="$<TARGET_FILE:relink_fixture>"
  RELINK_WORKDIR="${CMAKE_CURRENT_BINARY_DIR}/relink_work")
