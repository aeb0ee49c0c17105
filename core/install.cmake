# cmake --install BUILD --prefix P: the header, libmrt.so*, libmrt.a, lib/pkgconfig/libmrt.pc
# and, privately in lib/mrt/, the libnode they (and bin/mrt, see tools/) run on.

# Installs target's file (and a library's SONAME and linker symlinks) into dest with RUNPATH
# runpath. Not install(TARGETS) with INSTALL_RPATH: CMake then links the build tree's file
# with a trailing ':' on its RUNPATH (so the install-time edit has room), an empty entry the
# dynamic loader takes as the current directory, searched for each library at every start
# (95 more openat calls for the mrt command, in whatever directory it runs).
function(mrt_install_runpath target dest runpath)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE")
    set(files "$<TARGET_FILE:${target}>")
    set(kind EXECUTABLE)
  else()
    set(files "$<TARGET_FILE:${target}>;$<TARGET_SONAME_FILE:${target}>;$<TARGET_LINKER_FILE:${target}>")
    set(kind SHARED_LIBRARY)
  endif()
  install(CODE "
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${dest}\" TYPE ${kind}
         USE_SOURCE_PERMISSIONS FILES ${files})
    set(f \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${dest}/$<TARGET_FILE_NAME:${target}>\")
    file(READ_ELF \"\${f}\" RUNPATH old)
    string(REPLACE \";\" \":\" old \"\${old}\")
    file(RPATH_CHANGE FILE \"\${f}\" OLD_RPATH \"\${old}\" NEW_RPATH \"${runpath}\")
  ")
endfunction()

install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/include/mrt.h DESTINATION include)
# Its libnode is installed beside it, privately (lib/mrt/, see below).
mrt_install_runpath(mrt_shared lib "$ORIGIN/mrt")
install(FILES ${MRT_STATIC} DESTINATION lib)

# Written when installing: it names the prefix given then (cmake --install --prefix P).
install(CODE "
  get_filename_component(MRT_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\" ABSOLUTE)
  set(PROJECT_VERSION \"${PROJECT_VERSION}\")
  configure_file(\"${CMAKE_CURRENT_SOURCE_DIR}/libmrt.pc.in\"
                 \"${CMAKE_CURRENT_BINARY_DIR}/pc/libmrt.pc\" @ONLY)
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/pkgconfig\"
       TYPE FILE FILES \"${CMAKE_CURRENT_BINARY_DIR}/pc/libmrt.pc\")
")

# The libnode (libnode.so.108): set-up's fast-loading copy (tools/relink) when it exists at
# install time, else the library the build linked, as the build's RUNPATH chooses at run time.
install(CODE "
  set(fast \"${CMAKE_SOURCE_DIR}/third_party/v8-fast\")
  if(EXISTS \"\${fast}/libnode.so.108\")
    set(files \"\${fast}/libnode.so.108\")
  else()
    get_filename_component(files \"${V8_LIBRARY}\" REALPATH)
  endif()
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/mrt\" TYPE SHARED_LIBRARY
       FILES \${files})
  # Beside it, set-up's libgcc_s whose constructor does not run (tools/relink/gcc-fast.sh),
  # which bin/mrt lists among its needs (tools/CMakeLists.txt).
  if(EXISTS \"\${fast}/libgcc_s.so.1\")
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/mrt\" TYPE SHARED_LIBRARY
         FILES \"\${fast}/libgcc_s.so.1\")
  endif()
")
