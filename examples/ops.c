/* ops.c: native operations. JS calls C functions under mrt.ops: a sync op taking numbers, one
 * taking and returning strings, one throwing an error with a code, and an async op (a
 * promise) settled from C; the loop runs until the script's work is done.
 *   cc ops.c $(pkg-config --cflags --libs libmrt) -o ops */
#include <stdio.h>
#include <string.h>

#include <mrt.h>

static void add(mrt_op_call *c) {
  mrt_op_return_number(c, mrt_op_arg_number(c, 0) + mrt_op_arg_number(c, 1));
}

/* Arguments are valid until the op returns; the result string is copied. */
static void greet(mrt_op_call *c) {
  size_t len;
  const char *name = mrt_op_arg_string(c, 0, &len);
  char out[128];
  int n = snprintf(out, sizeof out, "%s, %.*s!", (const char *)mrt_op_data(c), (int)len, name);
  mrt_op_return_string(c, out, n < (int)sizeof out ? (size_t)n : sizeof out - 1);
}

/* Errors: a JS Error with .code, thrown at the caller. */
static void parse_port(mrt_op_call *c) {
  double port = mrt_op_arg_number(c, 0);
  if (!(port >= 1 && port <= 65535)) {
    mrt_op_throw(c, "ERR_OUT_OF_RANGE", "port must be between 1 and 65535");
    return;
  }
  mrt_op_return_number(c, port);
}

/* Async: JS gets a promise; the op is settled by id, here at once (on the runtime's thread,
 * so mrt_op_complete; see async_thread.c for another thread). The result reaches JS on the
 * next loop turn, with every other ready result, then one microtask checkpoint. */
static void checksum(mrt_op_call *c) {
  void *data;
  size_t len;
  uint32_t id = mrt_op_async_id(c);
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) {
    mrt_result err = {.kind = MRT_RESULT_ERROR, .code = "ERR_INVALID_ARG_TYPE",
                      .message = "checksum takes bytes"};
    mrt_op_complete(mrt_op_runtime(c), id, &err);
    return;
  }
  unsigned sum = 0;
  for (size_t i = 0; i < len; i++) sum = (sum * 31 + ((unsigned char *)data)[i]) & 0xffff;
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = sum};
  mrt_op_complete(mrt_op_runtime(c), id, &res);
}

int main(void) {
  mrt_runtime *rt;
  if (mrt_runtime_new(NULL, &rt) != MRT_OK) return 1;
  const mrt_op_decl ops[] = {
      {.name = "add", .fn = add},
      {.name = "greet", .fn = greet, .data = "Hello"},
      {.name = "parsePort", .fn = parse_port},
      {.name = "checksum", .fn = checksum, .async = 1},
  };
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    if (mrt_register_op(rt, &ops[i]) != MRT_OK) return 1;
  }
  const char *src =
      "console.log('add:', mrt.ops.add(40, 2));\n"
      "console.log('greet:', mrt.ops.greet('embedder'));\n"
      "try { mrt.ops.parsePort(70000) } catch (e) { console.log('parsePort:', e.code, e.message) }\n"
      "(async () => {\n"
      "  console.log('checksum:', await mrt.ops.checksum(new TextEncoder().encode('mrt')));\n"
      "  try { await mrt.ops.checksum('text') } catch (e) { console.log('checksum:', e.code) }\n"
      "})();\n";
  int rc = mrt_execute_script(rt, "ops.js", src, strlen(src), NULL);
  if (rc == MRT_OK) rc = mrt_run_event_loop(rt); /* until nothing is pending */
  if (rc != MRT_OK) {
    char *text = mrt_error_format(mrt_last_error(rt));
    fprintf(stderr, "%s\n", text ? text : mrt_strerror(rc));
    mrt_free(text);
  }
  mrt_op_stats st;
  if (mrt_op_get_stats(rt, "checksum", &st) == MRT_OK) {
    mrt_flush(rt);
    printf("checksum: %llu calls, %llu completions\n", (unsigned long long)st.calls,
           (unsigned long long)st.completions);
  }
  mrt_runtime_free(rt);
  return rc != MRT_OK;
}
