// script.cc: compiling and running classic scripts. The one implementation takes an optional
// code cache (code_cache.cc: shim_run_script_cached); without one it is the plain compile.
#include "shim_internal.h"

extern "C" int shim_run_script(shim_isolate *iso, const char *name, const char *src, size_t len,
                               shim_global **out, shim_exception *exc) {
  return shim_run_script_cached(iso, name, src, len, nullptr, out, exc);
}
