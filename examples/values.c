/* values.c: values between C and JS. Builds JSON, arrays, a BigInt and bytes in C for JS to
 * use, gives JS a C function, settles a promise from C, reads results back (object keys,
 * array elements, a BigInt beyond 64 bits), all in one handle scope; and captures the
 * console (mrt_options.write) instead of letting it reach the file descriptors.
 *   cc values.c $(pkg-config --cflags --libs libmrt) -o values */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <mrt.h>

/* Console capture: what JS writes, per descriptor. */
typedef struct captured {
  char out[1024], err[1024];
  size_t out_len, err_len;
} captured;

static void on_write(void *data, int fd, const char *bytes, size_t len) {
  captured *c = data;
  char *buf = fd == 2 ? c->err : c->out;
  size_t *n = fd == 2 ? &c->err_len : &c->out_len;
  if (len > sizeof c->out - 1 - *n) len = sizeof c->out - 1 - *n;
  memcpy(buf + *n, bytes, len);
  *n += len;
}

/* sum(...numbers), a JS function implemented in C (the op accessors work inside). */
static void c_sum(mrt_op_call *c) {
  double total = 0;
  for (int i = 0; i < mrt_op_argc(c); i++) total += mrt_op_arg_number(c, i);
  mrt_op_return_number(c, total);
}

static int run(mrt_runtime *rt, const char *src, mrt_value **out) {
  return mrt_execute_script(rt, "values.js", src, strlen(src), out);
}

static void print_lines(const char *label, const char *text, size_t len) {
  for (size_t i = 0; i < len;) {
    size_t j = i;
    while (j < len && text[j] != '\n') j++;
    printf("%s: %.*s\n", label, (int)(j - i), text + i);
    i = j + 1;
  }
}

int main(void) {
  captured cap = {0};
  mrt_options opts;
  mrt_options_init(&opts);
  opts.write = on_write;
  opts.write_data = &cap;
  mrt_runtime *rt;
  if (mrt_runtime_new(&opts, &rt) != MRT_OK) return 1;

  mrt_scope_open(rt); /* every handle below is released by the close at the end */
  mrt_value *global = mrt_global(rt), *config, *nums = mrt_array(rt, 3);
  const char *json = "{\"name\": \"mrt\", \"tags\": [\"fast\", \"small\"]}";
  if (mrt_json_parse(rt, json, strlen(json), &config) != MRT_OK) return 1;
  for (uint32_t i = 0; i < 3; i++) mrt_set_index(rt, nums, i, mrt_number(rt, 10 * (i + 1)));
  void *mem;
  mrt_value *buffer = mrt_array_buffer(rt, "abc", 3, &mem);
  mrt_set(rt, global, "config", config);
  mrt_set(rt, global, "nums", nums);
  mrt_set(rt, global, "big", mrt_bigint_from_uint64(rt, UINT64_MAX));
  mrt_set(rt, global, "bytes", mrt_typed_array(rt, MRT_UINT8_ARRAY, buffer, 0, 3));
  mrt_set(rt, global, "sum", mrt_function(rt, "sum", c_sum, NULL));

  mrt_value *result;
  int rc = run(rt,
               "console.log(config.name, config.tags.join('+'), sum(...nums), big + 1n);\n"
               "bytes[0] = 0x41;\n"
               "console.error('a line to stderr');\n"
               "({ total: sum(1, 2), huge: 2n ** 70n + 5n, list: [1, 'two', null] })",
               &result);
  if (rc != MRT_OK) return 1;
  printf("C sees the buffer JS wrote: %.3s\n", (const char *)mem);

  mrt_value *keys, *list, *item, *huge;
  mrt_object_keys(rt, result, &keys);
  char *keys_json = mrt_value_to_json(rt, keys, NULL);
  printf("keys: %s\n", keys_json);
  mrt_free(keys_json);
  uint32_t n = 0;
  mrt_get(rt, result, "list", &list);
  mrt_array_length(rt, list, &n);
  mrt_get_index(rt, list, 1, &item);
  char *s = mrt_value_to_string(rt, item, NULL);
  printf("list: %u items, [1] = %s\n", n, s);
  mrt_free(s);
  uint64_t low;
  int exact;
  mrt_get(rt, result, "huge", &huge);
  mrt_bigint_to_uint64(rt, huge, &low, &exact);
  printf("huge modulo 2^64: %" PRIu64 " (%s)\n", low, exact ? "exact" : "not exact");

  /* A promise C settles: JS awaits it like any other. */
  mrt_value *ready = mrt_promise_new(rt);
  mrt_set(rt, global, "ready", ready);
  run(rt, "ready.then((who) => console.log('settled by', who))", NULL);
  mrt_promise_resolve(rt, ready, mrt_string(rt, "C", 1));
  rc = mrt_run_event_loop(rt); /* the reaction runs at the next checkpoint */
  mrt_scope_close(rt);

  mrt_runtime_free(rt); /* flushes what is still buffered to the capture */
  print_lines("captured stdout", cap.out, cap.out_len);
  print_lines("captured stderr", cap.err, cap.err_len);
  return rc != MRT_OK;
}
