/* test_extensions.c: the embedder's extensions (mrt_extension): ops reached from an
 * extension's ES module ("ext:core/ops") and classic script, modules importable as
 * "ext:<name>/<file>", per-runtime state, dependencies, failures and misuse; on a runtime
 * with the built-ins and on a bare one. */
#define _GNU_SOURCE /* memmem */
#include <pthread.h>

#include "test_helpers.h"

typedef struct counter {
  int value;
  int *freed; /* set when state_free ran */
} counter;

static int freed_count;

static int counter_init(mrt_runtime *rt, void *data, void **state) {
  (void)rt;
  counter *c = calloc(1, sizeof *c);
  if (!c) return MRT_ENOMEM;
  c->value = data ? *(int *)data : 0;
  c->freed = &freed_count;
  *state = c;
  return MRT_OK;
}

static void counter_free(void *data, void *state) {
  (void)data;
  counter *c = state;
  (*c->freed)++;
  free(c);
}

static void op_counter_add(mrt_op_call *call) {
  counter *c = mrt_extension_state(mrt_op_runtime(call), "counter");
  c->value += (int)mrt_op_arg_number(call, 0);
  mrt_op_return_number(call, c->value);
}

static void op_counter_async(mrt_op_call *call) {
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = 42};
  mrt_op_complete(mrt_op_runtime(call), mrt_op_async_id(call), &res);
}

static const mrt_op_decl counter_ops[] = {
    {.name = "op_counter_add", .fn = op_counter_add},
    {.name = "op_counter_async", .fn = op_counter_async, .async = 1},
};

#define SRC(s) s, sizeof s - 1

static const mrt_ext_module counter_modules[] = {
    {"counter.js", SRC("import { op_counter_add, op_counter_async } from 'ext:core/ops';\n"
                       "export function add(n) { return op_counter_add(n); }\n"
                       "export const later = () => op_counter_async();\n")},
};

static const char counter_script[] = "globalThis.counterAdd = (n) => ops.op_counter_add(n);";

static int start = 5;

static mrt_extension counter_ext(void) {
  mrt_extension e = {
      .name = "counter",
      .ops = counter_ops,
      .nops = 2,
      .modules = counter_modules,
      .nmodules = 1,
      .script = counter_script,
      .script_len = sizeof counter_script - 1,
      .state_init = counter_init,
      .state_free = counter_free,
      .data = &start,
  };
  return e;
}

static const char *const test_mods[][2] = {
    {"file:///main.js", "import { add, later } from 'ext:counter/counter.js';\n"
                        "globalThis.viaModule = add(10);\n"
                        "globalThis.asyncResult = await later();\n"},
    {"file:///sneaky.js", "import { op_counter_add } from 'ext:core/ops';\n"},
    {NULL, NULL}};

static int new_with(const mrt_extension *exts, size_t n, unsigned flags, mrt_runtime **rt) {
  mrt_options o;
  mrt_options_init(&o);
  o.v8_flags = TEST_V8_FLAGS;
  o.extensions = exts;
  o.nextensions = n;
  o.flags = flags;
  o.loader = mrt_memory_loader();
  o.loader_data = (void *)test_mods;
  return mrt_runtime_new(&o, rt);
}

static void run_main(mrt_runtime *rt) {
  int id;
  mrt_value *p = NULL;
  int lrc = mrt_load_main_module(rt, "file:///main.js", NULL, 0, &id);
  if (lrc) fprintf(stderr, "load: %s\n", mrt_last_error(rt)->message);
  assert_int_equal(lrc, MRT_OK);
  assert_int_equal(mrt_mod_evaluate(rt, id, &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, NULL), MRT_OK);
  mrt_value_free(rt, p);
}

static void check_counter(unsigned flags) {
  mrt_extension e = counter_ext();
  mrt_runtime *rt = NULL;
  freed_count = 0;
  assert_int_equal(new_with(&e, 1, flags, &rt), MRT_OK);
  counter *c = mrt_extension_state(rt, "counter");
  assert_non_null(c);
  assert_int_equal(c->value, 5);
  /* The classic script got the ops; the module imported them. */
  assert_true(eval_number(rt, "counterAdd(1)") == 6);
  run_main(rt);
  assert_true(eval_number(rt, "viaModule") == 16);
  assert_true(eval_number(rt, "asyncResult") == 42);
  assert_int_equal(c->value, 16);
  /* Ops are on no global. */
  char *s = eval_string(rt, "typeof ops + ' ' + typeof op_counter_add");
  assert_string_equal(s, "undefined undefined");
  mrt_free(s);
  /* The embedder's user code cannot import the ops module. */
  int id;
  assert_int_equal(mrt_load_side_module(rt, "file:///sneaky.js", NULL, 0, &id), MRT_EMODULE);
  assert_non_null(strstr(mrt_last_error(rt)->message, "Cannot resolve module 'ext:core/ops'"));
  /* An unknown ext: module is refused, not asked of the loader. */
  mrt_value *p = NULL, *msg = NULL;
  static const char imp[] = "import('ext:counter/nope.js').catch((e) => e.message)";
  assert_int_equal(mrt_execute_script(rt, "t.js", imp, sizeof imp - 1, &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, &msg), MRT_OK);
  s = mrt_value_to_string(rt, msg, NULL);
  assert_non_null(strstr(s, "Cannot resolve module 'ext:counter/nope.js'"));
  mrt_free(s);
  mrt_value_free(rt, p);
  mrt_value_free(rt, msg);
  assert_null(mrt_extension_state(rt, "nope"));
  assert_null(mrt_extension_state(rt, NULL));
  assert_null(mrt_extension_state(NULL, "counter"));
  mrt_runtime_free(rt);
  assert_int_equal(freed_count, 1);
}

static void with_builtins(void **state) {
  (void)state;
  check_counter(0);
  /* The built-ins are there too. */
  mrt_extension e = counter_ext();
  mrt_runtime *rt = NULL;
  assert_int_equal(new_with(&e, 1, 0, &rt), MRT_OK);
  char *s = eval_string(rt, "typeof console.log + typeof setTimeout + typeof mrt.ops");
  assert_string_equal(s, "functionfunctionobject");
  mrt_free(s);
  mrt_runtime_free(rt);
}

static void on_bare_runtime(void **state) {
  (void)state;
  check_counter(MRT_RUNTIME_BARE);
  mrt_extension e = counter_ext();
  mrt_runtime *rt = NULL;
  assert_int_equal(new_with(&e, 1, MRT_RUNTIME_BARE, &rt), MRT_OK);
  char *s = eval_string(rt, "typeof setTimeout + typeof mrt");
  assert_string_equal(s, "undefinedundefined");
  mrt_free(s);
  mrt_runtime_free(rt);
}

/* Dependencies: order is the given one, and each needs its dependencies before it. */
static int order[8], norder;
static int note_init(mrt_runtime *rt, void *data, void **state) {
  (void)rt;
  order[norder++] = (int)(intptr_t)data;
  *state = data;
  return MRT_OK;
}
static void note_free(void *data, void *state) {
  (void)state;
  order[norder++] = -(int)(intptr_t)data;
}

static void dependencies(void **state) {
  (void)state;
  static const char *const needs_a[] = {"a"};
  static const char *const needs_timers[] = {"timers", "b"};
  mrt_extension e[3] = {
      {.name = "a", .state_init = note_init, .state_free = note_free, .data = (void *)1},
      {.name = "b", .state_init = note_init, .state_free = note_free, .data = (void *)2,
       .deps = needs_a, .ndeps = 1},
      {.name = "c", .state_init = note_init, .state_free = note_free, .data = (void *)3,
       .deps = needs_timers, .ndeps = 2},
  };
  mrt_runtime *rt = NULL;
  norder = 0;
  assert_int_equal(new_with(e, 3, 0, &rt), MRT_OK);
  assert_ptr_equal(mrt_extension_state(rt, "b"), (void *)2);
  mrt_runtime_free(rt);
  int want[] = {1, 2, 3, -3, -2, -1};
  assert_int_equal(norder, 6);
  for (int i = 0; i < 6; i++) assert_int_equal(order[i], want[i]);

  /* A dependency after its user, or missing: refused before anything is made. */
  mrt_extension swapped[2] = {e[1], e[0]};
  norder = 0;
  assert_int_equal(new_with(swapped, 2, 0, &rt), MRT_EINVAL);
  assert_null(rt);
  assert_int_equal(norder, 0);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "'b' depends on 'a'"));
  /* A bare runtime has no built-in "timers". */
  assert_int_equal(new_with(e, 3, MRT_RUNTIME_BARE, &rt), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "'c' depends on 'timers'"));
  assert_int_equal(norder, 0);
}

static int failing_init(mrt_runtime *rt, void *data, void **state) {
  (void)rt;
  (void)data;
  *state = malloc(16); /* not kept: a failing init owns what it made */
  free(*state);
  *state = NULL;
  return MRT_ENOMEM;
}

static void state_init_failure(void **state) {
  (void)state;
  mrt_extension e[3] = {
      counter_ext(),
      {.name = "broken", .state_init = failing_init, .state_free = note_free},
      {.name = "never", .state_init = note_init, .state_free = note_free, .data = (void *)9},
  };
  mrt_runtime *rt = NULL;
  freed_count = 0;
  norder = 0;
  assert_int_equal(new_with(e, 3, 0, &rt), MRT_ENOMEM);
  assert_null(rt);
  /* The one set up before it was torn down; neither the failed one nor the next is freed. */
  assert_int_equal(freed_count, 1);
  assert_int_equal(norder, 0);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "extension 'broken'"));

  /* A script that throws fails the creation too, with its error. */
  static const char bad[] = "throw new TypeError('nope')";
  mrt_extension t = {.name = "thrower", .script = bad, .script_len = sizeof bad - 1};
  assert_int_equal(new_with(&t, 1, 0, &rt), MRT_EEXCEPTION);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "nope"));
}

static void misuse(void **state) {
  (void)state;
  mrt_runtime *rt = NULL;
  mrt_options o;
  mrt_options_init(&o);
  o.nextensions = 1; /* extensions NULL */
  assert_int_equal(mrt_runtime_new(&o, &rt), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "extensions is NULL"));

  mrt_extension noname = {.name = NULL};
  assert_int_equal(new_with(&noname, 1, 0, &rt), MRT_EINVAL);
  mrt_extension dup[2] = {{.name = "x"}, {.name = "x"}};
  assert_int_equal(new_with(dup, 2, 0, &rt), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "'x' is given twice"));
  mrt_extension builtin = {.name = "console"};
  assert_int_equal(new_with(&builtin, 1, 0, &rt), MRT_EINVAL);
  /* ...but a bare runtime has no console of its own. */
  assert_int_equal(new_with(&builtin, 1, MRT_RUNTIME_BARE, &rt), MRT_OK);
  mrt_runtime_free(rt);
  mrt_extension reserved = {.name = "core"};
  assert_int_equal(new_with(&reserved, 1, 0, &rt), MRT_EINVAL);
  mrt_extension noops = {.name = "y", .nops = 2};
  assert_int_equal(new_with(&noops, 1, 0, &rt), MRT_EINVAL);
  mrt_op_decl nofn = {.name = "op_x"};
  mrt_extension badop = {.name = "y", .ops = &nofn, .nops = 1};
  assert_int_equal(new_with(&badop, 1, 0, &rt), MRT_EINVAL);
  mrt_ext_module nofile = {.file = NULL, .source = "", .len = 0};
  mrt_extension badmod = {.name = "y", .modules = &nofile, .nmodules = 1};
  assert_int_equal(new_with(&badmod, 1, 0, &rt), MRT_EINVAL);
  mrt_extension noscript = {.name = "y", .script_len = 3};
  assert_int_equal(new_with(&noscript, 1, 0, &rt), MRT_EINVAL);
  const char *nulldep[] = {NULL};
  mrt_extension baddep = {.name = "y", .deps = nulldep, .ndeps = 1};
  assert_int_equal(new_with(&baddep, 1, 0, &rt), MRT_EINVAL);
  assert_null(rt);

  /* Two extensions with an op of the same name: the second is refused. */
  mrt_extension twice[2] = {counter_ext(), counter_ext()};
  twice[1].name = "counter2";
  twice[1].script = NULL;
  twice[1].script_len = 0;
  freed_count = 0;
  assert_int_equal(new_with(twice, 2, 0, &rt), MRT_EEXIST);
  assert_int_equal(freed_count, 2);
  /* An extension's op name and the embedder's mrt_register_op share one namespace. */
  mrt_extension e = counter_ext();
  assert_int_equal(new_with(&e, 1, 0, &rt), MRT_OK);
  assert_int_equal(mrt_register_op(rt, &counter_ops[0]), MRT_EEXIST);
  mrt_runtime_free(rt);
}


/* ---------------------------------------------------------------- snapshots */

static const char counting_script[] =
    "globalThis.scriptRuns = (globalThis.scriptRuns || 0) + 1;\n"
    "globalThis.counterAdd = (n) => ops.op_counter_add(n);";

static mrt_extension snap_ext(void) {
  mrt_extension e = counter_ext();
  e.script = counting_script;
  e.script_len = sizeof counting_script - 1;
  return e;
}

static const char setup[] =
    "globalThis.fromSetup = { n: 41, list: [1, 2, 3] };\n"
    "Promise.resolve().then(() => { globalThis.afterTick = 1; });\n"
    "if (typeof setTimeout === 'function') setTimeout(() => { globalThis.timerRan = true; }, 1);\n";

static uint8_t *make_blob(const mrt_extension *e, size_t n, unsigned flags, size_t *len) {
  mrt_options o;
  mrt_options_init(&o);
  o.v8_flags = TEST_V8_FLAGS;
  o.extensions = e;
  o.nextensions = n;
  o.flags = flags;
  uint8_t *blob = NULL;
  int rc = mrt_snapshot_create(&o, setup, sizeof setup - 1, &blob, len);
  if (rc) fprintf(stderr, "mrt_snapshot_create: %s\n", mrt_last_error(NULL)->message);
  assert_int_equal(rc, MRT_OK);
  assert_non_null(blob);
  assert_true(*len > 1000);
  return blob;
}

static int new_from(const mrt_extension *e, size_t n, unsigned flags, const void *blob,
                    size_t len, mrt_runtime **rt) {
  mrt_options o;
  mrt_options_init(&o);
  o.v8_flags = TEST_V8_FLAGS;
  o.extensions = e;
  o.nextensions = n;
  o.flags = flags;
  o.snapshot = blob;
  o.snapshot_len = len;
  o.loader = mrt_memory_loader();
  o.loader_data = (void *)test_mods;
  return mrt_runtime_new(&o, rt);
}

static void snapshot_roundtrip(void **state) {
  (void)state;
  mrt_extension e = snap_ext();
  size_t len = 0;
  freed_count = 0;
  uint8_t *blob = make_blob(&e, 1, 0, &len);
  assert_int_equal(freed_count, 1); /* the snapshot runtime's state went with it */
  for (int round = 0; round < 2; round++) {
    mrt_runtime *rt = NULL;
    assert_int_equal(new_from(&e, 1, 0, blob, len, &rt), MRT_OK);
    mrt_startup_times t;
    assert_int_equal(mrt_get_startup_times(rt, &t), MRT_OK);
    assert_int_equal(t.from_snapshot, 1);
    /* The setup's state, its microtasks and its timer; the script ran once, at creation. */
    char *s = eval_string(rt, "[fromSetup.n, fromSetup.list.length, afterTick, timerRan, "
                              "scriptRuns, typeof console.log, typeof mrt.args].join()");
    assert_string_equal(s, "41,3,1,true,1,function,object");
    mrt_free(s);
    /* Ops restored with their functions; state made for this runtime. */
    assert_true(eval_number(rt, "counterAdd(2)") == 7);
    run_main(rt);
    assert_true(eval_number(rt, "viaModule") == 17);
    assert_true(eval_number(rt, "asyncResult") == 42);
    /* Each runtime starts from the snapshot, not from another's changes. */
    assert_int_equal(run(rt, "fromSetup.n = 0"), MRT_OK);
    mrt_runtime_free(rt);
  }
  mrt_snapshot_free(blob);
}

/* mrt_function while a snapshot is made: refused (V8 cannot serialize it), never a crash. */
static void op_make_c_function(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  mrt_value *f = mrt_function(rt, "made", op_counter_add, NULL);
  if (!f) {
    mrt_op_throw(c, "ESNAPSHOT", mrt_last_error(rt)->message);
    return;
  }
  mrt_op_return_value(c, f);
}

static void snapshot_refuses_c_functions(void **state) {
  (void)state;
  static const mrt_op_decl ops[] = {{.name = "op_make_c_function", .fn = op_make_c_function}};
  static const char script[] = "globalThis.made = ops.op_make_c_function();";
  mrt_extension e = {.name = "cfn", .ops = ops, .nops = 1, .script = script,
                     .script_len = sizeof script - 1};
  mrt_options o;
  mrt_options_init(&o);
  o.v8_flags = TEST_V8_FLAGS;
  o.extensions = &e;
  o.nextensions = 1;
  uint8_t *blob = NULL;
  size_t len = 0;
  assert_int_not_equal(mrt_snapshot_create(&o, "", 0, &blob, &len), MRT_OK);
  assert_null(blob);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "cannot go into a startup snapshot"));
  /* A runtime (not making a snapshot) makes it. */
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&o, &rt), MRT_OK);
  assert_true(eval_number(rt, "typeof made === 'function' ? 1 : 0") == 1);
  mrt_runtime_free(rt);
}

static void snapshot_bare(void **state) {
  (void)state;
  mrt_extension e = snap_ext();
  size_t len = 0;
  uint8_t *blob = make_blob(&e, 1, MRT_RUNTIME_BARE, &len);
  mrt_runtime *rt = NULL;
  assert_int_equal(new_from(&e, 1, MRT_RUNTIME_BARE, blob, len, &rt), MRT_OK);
  char *s = eval_string(rt, "[fromSetup.n, afterTick, typeof timerRan, scriptRuns, typeof mrt]"
                            ".join()");
  assert_string_equal(s, "41,1,undefined,1,undefined");
  mrt_free(s);
  run_main(rt); /* the async op: core.js came from the snapshot */
  assert_true(eval_number(rt, "asyncResult") == 42);
  mrt_runtime_free(rt);
  /* A bare blob does not start a full runtime, nor the other way round. */
  assert_int_equal(new_from(&e, 1, 0, blob, len, &rt), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "'bare 1', this runtime 'bare 0'"));
  mrt_snapshot_free(blob);
}

static void snapshot_mismatch(void **state) {
  (void)state;
  mrt_extension e = snap_ext();
  size_t len = 0;
  uint8_t *blob = make_blob(&e, 1, 0, &len);
  mrt_runtime *rt = NULL;
  /* Other extensions. */
  assert_int_equal(new_from(NULL, 0, 0, blob, len, &rt), MRT_EINVAL);
  assert_null(rt);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "made for another runtime"));
  mrt_extension other = snap_ext();
  other.name = "other";
  assert_int_equal(new_from(&other, 1, 0, blob, len, &rt), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "extension counter:"));
  /* Same name, other ops (a restored function calls its op by index). */
  mrt_extension fewer = snap_ext();
  fewer.nops = 1;
  assert_int_equal(new_from(&fewer, 1, 0, blob, len, &rt), MRT_EINVAL);
  /* Another mrt version. */
  uint8_t *copy = malloc(len);
  memcpy(copy, blob, len);
  char *v = memmem(copy, 64, "mrt " MRT_VERSION_STRING, strlen("mrt " MRT_VERSION_STRING));
  assert_non_null(v);
  v[4] = '9';
  assert_int_equal(new_from(&e, 1, 0, copy, len, &rt), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "the snapshot has 'mrt 9"));
  /* Damaged V8 data, truncated, garbage, too short. */
  memcpy(copy, blob, len);
  copy[len / 2] ^= 0x55;
  assert_int_equal(new_from(&e, 1, 0, copy, len, &rt), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "damaged"));
  assert_int_equal(new_from(&e, 1, 0, blob, len - 100, &rt), MRT_EINVAL);
  for (size_t i = 0; i < len; i++) copy[i] = (uint8_t)(i * 7919u >> 3);
  assert_int_equal(new_from(&e, 1, 0, copy, len, &rt), MRT_EINVAL);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "not one of mrt_snapshot_create"));
  assert_int_equal(new_from(&e, 1, 0, blob, 5, &rt), MRT_EINVAL);
  memcpy(copy, blob, 16);
  copy[8] = 0xff; /* signature length far beyond the blob */
  copy[9] = 0xff;
  copy[10] = 0xff;
  assert_int_equal(new_from(&e, 1, 0, copy, 64, &rt), MRT_EINVAL);
  assert_null(rt);
  free(copy);
  mrt_snapshot_free(blob);
}

static void snapshot_misuse(void **state) {
  (void)state;
  uint8_t *blob = NULL;
  size_t len = 0;
  mrt_options o;
  mrt_options_init(&o);
  o.v8_flags = TEST_V8_FLAGS;
  assert_int_equal(mrt_snapshot_create(&o, "", 0, NULL, &len), MRT_EINVAL);
  assert_int_equal(mrt_snapshot_create(&o, "", 0, &blob, NULL), MRT_EINVAL);
  assert_int_equal(mrt_snapshot_create(&o, NULL, 3, &blob, &len), MRT_EINVAL);
  assert_null(blob);
  o.snapshot = "x";
  o.snapshot_len = 1;
  assert_int_equal(mrt_snapshot_create(&o, NULL, 0, &blob, &len), MRT_EINVAL);
  o.snapshot_len = 0; /* snapshot without its length */
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&o, &rt), MRT_EINVAL);
  o.snapshot = NULL;
  mrt_extension dup[2] = {{.name = "x"}, {.name = "x"}};
  o.extensions = dup;
  o.nextensions = 2;
  assert_int_equal(mrt_snapshot_create(&o, NULL, 0, &blob, &len), MRT_EINVAL);
  o.extensions = NULL;
  o.nextensions = 0;
  /* The setup's error fails it, described. */
  static const char bad[] = "null.x";
  assert_int_equal(mrt_snapshot_create(&o, bad, sizeof bad - 1, &blob, &len), MRT_EEXCEPTION);
  assert_non_null(strstr(mrt_last_error(NULL)->message, "Cannot read properties of null"));
  assert_null(blob);
  /* A failing state_init too, its predecessors torn down. */
  mrt_extension failing[2] = {counter_ext(), {.name = "broken", .state_init = failing_init}};
  o.extensions = failing;
  o.nextensions = 2;
  freed_count = 0;
  assert_int_equal(mrt_snapshot_create(&o, NULL, 0, &blob, &len), MRT_ENOMEM);
  assert_int_equal(freed_count, 1);
  /* Defaults, no setup: a blob of the built-ins alone, which starts runtimes. */
  assert_int_equal(mrt_snapshot_create(NULL, NULL, 0, &blob, &len), MRT_OK);
  o.extensions = NULL;
  o.nextensions = 0;
  o.snapshot = blob;
  o.snapshot_len = len;
  assert_int_equal(mrt_runtime_new(&o, &rt), MRT_OK);
  assert_true(eval_number(rt, "1 + 1") == 2);
  mrt_runtime_free(rt);
  mrt_snapshot_free(blob);
  mrt_snapshot_free(NULL);
}

/* The built-in clock and timer ops have Fast API paths, kept in the startup snapshots (the
 * built-in one and an embedder's) through their external references: optimised code calls
 * them without the op dispatch, which counts only slow calls. */
static void check_builtin_fast(mrt_runtime *rt) {
  static const char loop[] =
      "let s = 0; for (let i = 0; i < 1e6; i++) s += performance.now();\n"
      "for (let i = 0; i < 1e6; i++) clearTimeout(setTimeout(() => {}, 1000));\n"
      "[mrt.opStats('hrtime').calls, mrt.opStats('timerStart').calls,\n"
      " mrt.opStats('timerClear').calls].join()";
  char *s = eval_string(rt, loop);
  assert_non_null(s);
  long a = 0, b = 0, c = 0;
  assert_int_equal(sscanf(s, "%ld,%ld,%ld", &a, &b, &c), 3);
  fprintf(stderr, "slow calls: hrtime %ld timerStart %ld timerClear %ld (of 1000000)\n", a, b, c);
  assert_true(a < 100000 && b < 100000 && c < 100000);
  mrt_free(s);
}

static void builtin_fast_paths(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  check_builtin_fast(rt);
  mrt_runtime_free(rt);
  size_t len = 0;
  uint8_t *blob = NULL;
  assert_int_equal(mrt_snapshot_create(NULL, NULL, 0, &blob, &len), MRT_OK);
  assert_int_equal(new_from(NULL, 0, 0, blob, len, &rt), MRT_OK);
  check_builtin_fast(rt);
  mrt_runtime_free(rt);
  mrt_snapshot_free(blob);
}

/* An extension op's fast path is one of the snapshot's external references: it survives the
 * snapshot (made and restored), where a byte-buffer signature keeps its slow path only. */
static long ext_slow, ext_fast;
static void op_slow_add(mrt_op_call *c) {
  ext_slow++;
  mrt_op_return_number(c, mrt_op_arg_number(c, 0) + mrt_op_arg_number(c, 1));
}
static double fast_add(void *recv, double a, double b) {
  (void)recv;
  ext_fast++;
  return a + b;
}
static void op_slow_len(mrt_op_call *c) {
  void *d;
  size_t n = 0;
  mrt_op_arg_buffer(c, 0, &d, &n);
  mrt_op_return_number(c, (double)n);
}
static uint32_t fast_len(void *recv, const mrt_fast_buffer *b) {
  (void)recv;
  return (uint32_t)b->length;
}

static void ext_fast_in_snapshot(void **state) {
  (void)state;
  static const mrt_op_decl ops[] = {
      {.name = "op_add", .fn = op_slow_add, .fast = fast_add, .fast_ret = MRT_CTYPE_FLOAT64,
       .fast_argc = 2, .fast_args = {MRT_CTYPE_FLOAT64, MRT_CTYPE_FLOAT64}},
      {.name = "op_len", .fn = op_slow_len, .fast = fast_len, .fast_ret = MRT_CTYPE_UINT32,
       .fast_argc = 1, .fast_args = {MRT_CTYPE_UINT8_ARRAY}},
  };
  static const char script[] = "globalThis.add = ops.op_add; globalThis.len = ops.op_len;";
  mrt_extension e = {.name = "fast", .ops = ops, .nops = 2, .script = script,
                     .script_len = sizeof script - 1};
  mrt_options o;
  mrt_options_init(&o);
  o.v8_flags = TEST_V8_FLAGS;
  o.extensions = &e;
  o.nextensions = 1;
  static const char setup[] = "globalThis.warm = add(1, 2) + len(new Uint8Array(4));";
  uint8_t *blob = NULL;
  size_t len = 0;
  assert_int_equal(mrt_snapshot_create(&o, setup, sizeof setup - 1, &blob, &len), MRT_OK);
  mrt_runtime *rt = NULL;
  assert_int_equal(new_from(&e, 1, 0, blob, len, &rt), MRT_OK);
  ext_slow = ext_fast = 0;
  assert_true(eval_number(rt, "let t = warm; for (let i = 0; i < 1e6; i++) t = add(t, 1); t") ==
              1000007);
  fprintf(stderr, "op_add from the snapshot: slow %ld fast %ld\n", ext_slow, ext_fast);
  assert_int_equal(ext_slow + ext_fast, 1000000);
  assert_true(ext_fast > 900000);
  assert_true(eval_number(rt, "let u = 0; const b = new Uint8Array(100000);\n"
                              "for (let i = 0; i < 1e5; i++) u += len(b); u") == 1e10);
  mrt_runtime_free(rt);
  mrt_snapshot_free(blob);
}

/* mrt_extension_state is thread-bound (NULL from another thread) and per runtime; a snapshot
 * can be made on any thread. */
typedef struct thread_arg {
  mrt_runtime *rt;
  void *state;
  int rc;
  uint8_t *blob;
  size_t len;
} thread_arg;

static void *state_from_thread(void *p) {
  thread_arg *a = p;
  a->state = mrt_extension_state(a->rt, "counter");
  return NULL;
}

static void *snapshot_on_thread(void *p) {
  thread_arg *a = p;
  static const char js[] = "globalThis.madeOnThread = 1";
  a->rc = mrt_snapshot_create(NULL, js, sizeof js - 1, &a->blob, &a->len);
  return NULL;
}

static void threads_and_runtimes(void **state) {
  (void)state;
  mrt_extension e = counter_ext();
  mrt_runtime *rt = NULL, *other = new_runtime();
  assert_int_equal(new_with(&e, 1, 0, &rt), MRT_OK);
  assert_non_null(mrt_extension_state(rt, "counter"));
  assert_null(mrt_extension_state(other, "counter")); /* another runtime: not its extension */
  thread_arg a = {.rt = rt, .state = (void *)1};
  pthread_t t;
  assert_int_equal(pthread_create(&t, NULL, state_from_thread, &a), 0);
  pthread_join(t, NULL);
  assert_null(a.state);
  mrt_runtime_free(rt);
  mrt_runtime_free(other);

  thread_arg b = {0};
  assert_int_equal(pthread_create(&t, NULL, snapshot_on_thread, &b), 0);
  pthread_join(t, NULL);
  assert_int_equal(b.rc, MRT_OK);
  assert_int_equal(new_from(NULL, 0, 0, b.blob, b.len, &rt), MRT_OK);
  assert_true(eval_number(rt, "madeOnThread") == 1);
  mrt_runtime_free(rt);
  mrt_snapshot_free(b.blob);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(with_builtins),      cmocka_unit_test(on_bare_runtime),
      cmocka_unit_test(dependencies),       cmocka_unit_test(state_init_failure),
      cmocka_unit_test(misuse),            cmocka_unit_test(snapshot_roundtrip),
      cmocka_unit_test(snapshot_bare),      cmocka_unit_test(snapshot_mismatch),
      cmocka_unit_test(snapshot_misuse),    cmocka_unit_test(builtin_fast_paths),
      cmocka_unit_test(ext_fast_in_snapshot), cmocka_unit_test(threads_and_runtimes),
      cmocka_unit_test(snapshot_refuses_c_functions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
