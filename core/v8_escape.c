/* v8_escape.c: the V8 isolate and context behind a runtime, for C++ embedders. */
#include "runtime_internal.h"

void *mrt_v8_isolate(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, NULL);
  return rt && rt->iso ? shim_v8_isolate(rt->iso) : NULL;
}

void *mrt_v8_context(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, NULL);
  return rt && rt->iso ? shim_v8_context(rt->iso) : NULL;
}
