/* typescript.c: TypeScript sources (.ts, .mts, .cts) run with their types stripped. The
 * kernel transforms such a file before it compiles it (core/source_transform.h) with
 * P.sourceTransforms.typescript, which names this extension's lazy file: typescript_impl.js,
 * compiled on the first TypeScript file, strips with amaro. A name rather than a bootstrap
 * JS function: the startup snapshot grows by a string, not by a script (measured: a
 * three-line bootstrap file cost `mrt hi.js` ~30k instructions, 0.1%). This file also hands
 * amaro its WebAssembly module (SWC), embedded at build time as core/lib/amaro.wasm
 * (wrap_amaro.cmake, typescript.cmake), as an ArrayBuffer on first use. */
#include <string.h>

#include "ext/ext.h"
#include "js_files.h"
#include "runtime_internal.h"

int rt_typescript_init(mrt_runtime *rt, void **state) {
  (void)state;
  if (rt->restoring || !rt->P) return MRT_OK; /* the snapshot has it */
  static const char impl[] = "core/ext/typescript/typescript_impl.js";
  shim_exception exc = {0};
  shim_global *table = NULL, *name = shim_string(rt->iso, impl, sizeof impl - 1);
  int rc = name && shim_get(rt->iso, rt->P, "sourceTransforms", &table, &exc) == 0 &&
                   shim_type(rt->iso, table) == SHIM_OBJECT &&
                   shim_set(rt->iso, table, "typescript", name, &exc) == 0
               ? MRT_OK
               : rt_set_error(rt, MRT_EV8INIT, NULL, "cannot register the TypeScript transform");
  shim_exception_clear(&exc);
  shim_release(table);
  shim_release(name);
  return rc;
}

static void op_typescript_wasm(mrt_op_call *c) {
  for (size_t i = 0; i < rt_js_nfiles; i++) {
    if (strcmp(rt_js_files[i].name, "core/lib/amaro.wasm") != 0) continue;
    mrt_runtime *rt = mrt_op_runtime(c);
    mrt_value *buf = mrt_array_buffer(rt, rt_js_files[i].source, rt_js_files[i].len, NULL);
    if (!buf) {
      rt_op_error(c, "RangeError", "ERR_MEMORY_ALLOCATION_FAILED", "out of memory");
      return;
    }
    mrt_op_return_value(c, buf);
    mrt_value_free(rt, buf);
    return;
  }
  rt_op_error(c, "Error", "ENOENT", "the TypeScript stripper's WebAssembly module is missing");
}

const mrt_op_decl rt_typescript_ops[RT_TYPESCRIPT_NOPS] = {
    {.name = "typescriptWasm", .fn = op_typescript_wasm},
};
