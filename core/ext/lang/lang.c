/* lang.c: the natives behind core/ext/lang/lang.js, the ECMAScript built-ins V8 10.2 lacks
 * (issue 18). The ArrayBuffer ones live in the shim (shim/array_buffer.cc): they detach and
 * move backing stores, which only the engine API can. Each op is installed as the built-in
 * itself (a native function that reads its receiver), not wrapped in JS. */
#include "ext/ext.h"
#include "shim.h"

#define SC(c) rt_op_shim_call(c)

static void op_array_buffer_transfer(mrt_op_call *c) {
  shim_call_return_array_buffer_transfer(SC(c), 0);
}
static void op_array_buffer_transfer_fixed(mrt_op_call *c) {
  shim_call_return_array_buffer_transfer(SC(c), 1);
}
static void op_array_buffer_detached(mrt_op_call *c) {
  shim_call_return_array_buffer_detached(SC(c));
}

/* Error.isError(v): whether v has [[ErrorData]], which only the engine knows (V8: a native
 * error; a Proxy is not one). */
static void op_is_error(mrt_op_call *c) {
  shim_call_return_boolean(SC(c), shim_call_arg_type(SC(c), 0) == SHIM_ERROR);
}
/* String.prototype.toWellFormed's work: each lone surrogate as U+FFFD (the same string when
 * it has none, so isWellFormed compares). */
static void op_well_formed(mrt_op_call *c) { shim_call_return_well_formed(SC(c), 0); }
/* String.prototype.isWellFormed's work: whether it has no lone surrogate (a one-byte string
 * answers at once, without reading its characters). */
static void op_is_well_formed(mrt_op_call *c) { shim_call_return_is_well_formed(SC(c), 0); }

/* setBuiltinName(fn, name): an op installed as a built-in takes the spec's name. */
static void op_set_builtin_name(mrt_op_call *c) {
  if (shim_call_set_function_name(SC(c), 0, 1) != 0) {
    rt_op_error(c, "TypeError", NULL, "setBuiltinName: not a function and a string");
  }
}

const mrt_op_decl rt_lang_ops[RT_LANG_NOPS] = {
    {.name = "setBuiltinName", .fn = op_set_builtin_name},
    {.name = "arrayBufferTransfer", .fn = op_array_buffer_transfer},
    {.name = "arrayBufferTransferToFixedLength", .fn = op_array_buffer_transfer_fixed},
    {.name = "arrayBufferDetached", .fn = op_array_buffer_detached},
    {.name = "isError", .fn = op_is_error},
    {.name = "wellFormed", .fn = op_well_formed},
    {.name = "isWellFormed", .fn = op_is_well_formed},
};
