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
if(NOT TARGET relr)
  add_executable(relr ${CMAKE_SOURCE_DIR}/tools/relink/relr.c)
endif()
add_dependencies(test_relink relink relr relink_fixture)
target_compile_definitions(test_relink PRIVATE
  RELINK_EXE="$<TARGET_FILE:relink>"
  RELR_EXE="$<TARGET_FILE:relr>"
  RELINK_FIXTURE_PATH="$<TARGET_FILE:relink_fixture>"
  RELINK_WORKDIR="${CMAKE_CURRENT_BINARY_DIR}/relink_work")

# relink --trap: a fixture (RELINK_TRAP_FIXTURE) needing two small libraries, one with symbol
# versions (DEPA_1.0) and a data object, one without; the test drops both. RELINK_STUB_FIXTURE
# also reads the data object, which --trap refuses. No RUNPATH on the fixtures (relink finds
# the libraries via -L).
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/relink_stubdep_a.map
     "DEPA_1.0 { global: stubdep_a_func; stubdep_a_data; local: *; };\n")
add_library(relink_stubdep_a SHARED ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_relink.c)
target_compile_definitions(relink_stubdep_a PRIVATE RELINK_STUBDEP_A)
target_link_options(relink_stubdep_a PRIVATE
  -Wl,--version-script=${CMAKE_CURRENT_BINARY_DIR}/relink_stubdep_a.map)
add_library(relink_stubdep_b SHARED ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_relink.c)
target_compile_definitions(relink_stubdep_b PRIVATE RELINK_STUBDEP_B)
foreach(kind STUB TRAP)
  string(TOLOWER ${kind} k)
  add_library(relink_${k}_fixture SHARED ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_relink.c)
  target_compile_definitions(relink_${k}_fixture PRIVATE RELINK_${kind}_FIXTURE)
  target_compile_options(relink_${k}_fixture PRIVATE -O1 -fno-inline)
  target_link_libraries(relink_${k}_fixture PRIVATE relink_stubdep_a relink_stubdep_b)
  target_link_options(relink_${k}_fixture PRIVATE -Wl,-z,now -Wl,--no-as-needed)
  set_target_properties(relink_${k}_fixture PROPERTIES SKIP_BUILD_RPATH ON)
  add_dependencies(test_relink relink_${k}_fixture)
endforeach()
target_compile_definitions(test_relink PRIVATE
  RELINK_STUB_FIXTURE_PATH="$<TARGET_FILE:relink_stub_fixture>"
  RELINK_TRAP_FIXTURE_PATH="$<TARGET_FILE:relink_trap_fixture>"
  RELINK_STUBDEP_DIR="$<TARGET_FILE_DIR:relink_stubdep_a>")

# iostream-ctors.sh (the <iostream>-only constructors v8-fast.sh skips) on a small C++ library,
# built by the test with the build's compilers, and relinked with --init-noop.
add_test(NAME relink_iostream_ctors
         COMMAND ${CMAKE_COMMAND} -E env CC=${CMAKE_C_COMPILER} CXX=${CMAKE_CXX_COMPILER}
                 bash ${CMAKE_SOURCE_DIR}/tools/relink/test-iostream-ctors.sh
                 $<TARGET_FILE:relink> ${CMAKE_CURRENT_BINARY_DIR}/iostream_ctors_work)
set_tests_properties(relink_iostream_ctors PROPERTIES LABELS unit TIMEOUT 120)
