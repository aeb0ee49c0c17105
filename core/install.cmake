# cmake --install BUILD --prefix P: the header, libmrt.so*, libmrt.a, lib/pkgconfig/libmrt.pc
# and, privately in lib/mrt/, the libnode they (and bin/mrt, see tools/) run on.
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/include/mrt.h DESTINATION include)
install(TARGETS mrt_shared LIBRARY DESTINATION lib)
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

# The libnode (libnode.so.108): set-up's fast-loading copy (tools/relink) with its stub
# library when it exists at install time, else the library the build linked, as the build's
# RUNPATH chooses at run time.
install(CODE "
  set(fast \"${CMAKE_SOURCE_DIR}/third_party/v8-fast\")
  if(EXISTS \"\${fast}/libnode.so.108\")
    set(files \"\${fast}/libnode.so.108\")
    if(EXISTS \"\${fast}/libmrt0.so\")
      list(APPEND files \"\${fast}/libmrt0.so\")
    endif()
  else()
    get_filename_component(files \"${V8_LIBRARY}\" REALPATH)
  endif()
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/mrt\" TYPE SHARED_LIBRARY
       FILES \${files})
")
