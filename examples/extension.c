/* extension.c: an extension, the unit in which an embedder adds an API: native state, ops and
 * ES modules, set up with each runtime and torn down with it. This one is a small key-value
 * store: its state lives in C, its ops are reached only by its own JS (from "ext:core/ops"),
 * and user code imports the API its module chooses to export, "ext:kv/kv.js".
 *   cc extension.c $(pkg-config --cflags --libs libmrt) -o extension */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mrt.h>

enum { KV_MAX = 16, KV_LEN = 64 };

typedef struct kv_store {
  int n;
  char keys[KV_MAX][KV_LEN], values[KV_MAX][KV_LEN];
} kv_store;

/* One store per runtime, made when the runtime is created. */
static int kv_init(mrt_runtime *rt, void *data, void **state) {
  (void)rt;
  (void)data;
  *state = calloc(1, sizeof(kv_store));
  return *state ? MRT_OK : MRT_ENOMEM;
}

/* Called by mrt_runtime_free, after the last JS ran. */
static void kv_free(void *data, void *state) {
  (void)data;
  printf("kv: freed with %d entries\n", ((kv_store *)state)->n);
  free(state);
}

static kv_store *store(mrt_op_call *c) { return mrt_extension_state(mrt_op_runtime(c), "kv"); }

static void op_kv_set(mrt_op_call *c) {
  kv_store *kv = store(c);
  size_t klen, vlen;
  const char *k = mrt_op_arg_string(c, 0, &klen);
  const char *v = mrt_op_arg_string(c, 1, &vlen);
  if (klen >= KV_LEN || vlen >= KV_LEN) {
    mrt_op_throw(c, "ERR_KV_TOO_LONG", "keys and values are shorter than 64 bytes");
    return;
  }
  int i = 0;
  while (i < kv->n && strcmp(kv->keys[i], k) != 0) i++;
  if (i == KV_MAX) {
    mrt_op_throw(c, "ERR_KV_FULL", "the store is full");
    return;
  }
  if (i == kv->n) kv->n++;
  memcpy(kv->keys[i], k, klen + 1);
  memcpy(kv->values[i], v, vlen + 1);
}

static void op_kv_get(mrt_op_call *c) {
  kv_store *kv = store(c);
  const char *k = mrt_op_arg_string(c, 0, NULL);
  for (int i = 0; i < kv->n; i++) {
    if (strcmp(kv->keys[i], k) == 0) {
      mrt_op_return_string(c, kv->values[i], strlen(kv->values[i]));
      return;
    }
  }
  /* nothing returned: undefined */
}

static void op_kv_size(mrt_op_call *c) { mrt_op_return_number(c, store(c)->n); }

static const mrt_op_decl kv_ops[] = {
    {.name = "op_kv_set", .fn = op_kv_set},
    {.name = "op_kv_get", .fn = op_kv_get},
    {.name = "op_kv_size", .fn = op_kv_size},
};

/* The extension's JS: the ops stay inside, the module exports a small class. */
static const char kv_js[] =
    "import { op_kv_get, op_kv_set, op_kv_size } from 'ext:core/ops';\n"
    "export class KV {\n"
    "  get(key) { return op_kv_get(String(key)); }\n"
    "  set(key, value) { op_kv_set(String(key), String(value)); return this; }\n"
    "  get size() { return op_kv_size(); }\n"
    "}\n";

static const mrt_ext_module kv_modules[] = {{"kv.js", kv_js, sizeof kv_js - 1}};

static const mrt_extension kv_extension = {
    .name = "kv",
    .ops = kv_ops,
    .nops = sizeof kv_ops / sizeof kv_ops[0],
    .modules = kv_modules,
    .nmodules = 1,
    .state_init = kv_init,
    .state_free = kv_free,
};

int main(void) {
  mrt_options opts;
  mrt_options_init(&opts);
  opts.extensions = &kv_extension;
  opts.nextensions = 1;
  mrt_runtime *rt;
  if (mrt_runtime_new(&opts, &rt) != MRT_OK) {
    fprintf(stderr, "%s\n", mrt_last_error(NULL)->message);
    return 1;
  }
  const char *app =
      "import { KV } from 'ext:kv/kv.js';\n"
      "const kv = new KV().set('engine', 'V8').set('loop', 'libuv');\n"
      "console.log('engine:', kv.get('engine'), '| size:', kv.size);\n"
      "console.log('missing:', kv.get('nope'));\n"
      "try { kv.set('x'.repeat(100), 1) } catch (e) { console.log('error:', e.code) }\n"
      "console.log('ops hidden from user code:', typeof globalThis.op_kv_get);\n";
  int id, rc = mrt_load_main_module(rt, "file:///app.js", app, strlen(app), &id);
  mrt_value *done = NULL;
  if (rc == MRT_OK) rc = mrt_mod_evaluate(rt, id, &done);
  if (rc == MRT_OK) rc = mrt_resolve_value(rt, done, NULL);
  if (rc != MRT_OK) {
    char *text = mrt_error_format(mrt_last_error(rt));
    fprintf(stderr, "%s\n", text ? text : mrt_strerror(rc));
    mrt_free(text);
  }
  mrt_value_free(rt, done);
  mrt_runtime_free(rt);
  return rc != MRT_OK;
}
