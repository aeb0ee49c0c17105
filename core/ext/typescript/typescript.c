/* typescript.c: the bytes of amaro's WebAssembly module (SWC's TypeScript stripper), embedded
 * at build time as core/lib/amaro.wasm (wrap_amaro.cmake, typescript.cmake) and handed to its
 * JS (typescript_impl.js) as an ArrayBuffer on first use. */
#include <string.h>

#include "ext/ext.h"
#include "js_files.h"

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
