// escape.cc: the isolate and context behind a shim_isolate, for C++ embedders that use V8
// directly (mrt_v8_isolate / mrt_v8_context).
#include "shim_internal.h"

extern "C" {
void *shim_v8_isolate(shim_isolate *iso) { return iso->isolate; }
void *shim_v8_context(shim_isolate *iso) { return &iso->context; }
}
