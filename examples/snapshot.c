/* snapshot.c: an embedder's own startup snapshot (deno_core's JsRuntimeForSnapshot). Setting
 * up once, at build time, what every runtime would otherwise compute when it starts: an
 * extension's script and a setup script run (their promises settle too), and the JS heap is
 * saved as a blob. Runtimes started from the blob begin in that state; native state is made
 * anew for each (state_init), and the blob refuses runtimes asking for other extensions.
 *   cc snapshot.c $(pkg-config --cflags --libs libmrt) -o snapshot */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mrt.h>

/* An extension whose classic script installs an API (it gets the ops as `ops`). */
static int runtimes;

static int units_init(mrt_runtime *rt, void *data, void **state) {
  (void)rt;
  (void)data;
  *state = malloc(32);
  if (!*state) return MRT_ENOMEM;
  snprintf(*state, 32, "runtime #%d", ++runtimes);
  return MRT_OK;
}

static void units_free(void *data, void *state) {
  (void)data;
  free(state);
}

static void op_units_tag(mrt_op_call *c) {
  const char *tag = mrt_extension_state(mrt_op_runtime(c), "units");
  mrt_op_return_string(c, tag, strlen(tag));
}

static const mrt_op_decl units_ops[] = {{.name = "op_units_tag", .fn = op_units_tag}};
static const char units_js[] =
    "globalThis.units = {\n"
    "  toCelsius: (f) => (f - 32) * 5 / 9,\n"
    "  tag: () => ops.op_units_tag(),\n"
    "};\n";
static const mrt_extension units = {
    .name = "units", .ops = units_ops, .nops = 1,
    .script = units_js, .script_len = sizeof units_js - 1, .script_name = "units.js",
    .state_init = units_init, .state_free = units_free};

/* Work done once, when the snapshot is made. */
static const char setup_js[] =
    "globalThis.squares = Array.from({ length: 1000 }, (_, i) => i * i);\n"
    "globalThis.note = 'pending';\n"
    "(async () => { await null; globalThis.note = 'settled while making the snapshot'; })();\n";

static int fail(const char *what, mrt_runtime *rt, int rc) {
  const mrt_error *e = mrt_last_error(rt);
  fprintf(stderr, "%s: %s: %s\n", what, mrt_strerror(rc), e && e->message ? e->message : "");
  return 1;
}

int main(void) {
  mrt_options opts;
  mrt_options_init(&opts);
  opts.extensions = &units;
  opts.nextensions = 1;

  /* At build time: make the blob and store it. */
  uint8_t *blob;
  size_t len;
  int rc = mrt_snapshot_create(&opts, setup_js, sizeof setup_js - 1, &blob, &len);
  if (rc != MRT_OK) return fail("mrt_snapshot_create", NULL, rc);
  FILE *f = fopen("app.snapshot", "wb");
  if (!f || fwrite(blob, 1, len, f) != len || fclose(f) != 0) return 1;
  mrt_snapshot_free(blob);
  printf("snapshot made\n");
  fflush(stdout); /* before JS writes to the same descriptor */

  /* At run time: load the blob (it must outlive the runtimes made from it). */
  f = fopen("app.snapshot", "rb");
  char *saved = malloc(len);
  if (!f || !saved || fread(saved, 1, len, f) != len) return 1;
  fclose(f);
  remove("app.snapshot");
  opts.snapshot = saved;
  opts.snapshot_len = len;

  mrt_runtime *rt;
  rc = mrt_runtime_new(&opts, &rt);
  if (rc != MRT_OK) return fail("mrt_runtime_new", NULL, rc);
  mrt_startup_times t;
  mrt_get_startup_times(rt, &t);
  const char *src = "console.log(squares.length, squares[12], '|', note, '|', units.toCelsius(212),"
                    " '|', units.tag())";
  rc = mrt_execute_script(rt, "main.js", src, strlen(src), NULL);
  if (rc != MRT_OK) return fail("main.js", rt, rc);
  mrt_flush(rt);
  printf("started from the snapshot: %s\n", t.from_snapshot ? "yes" : "no");
  mrt_runtime_free(rt);

  /* The blob names the extensions it was made with: a runtime without them is refused. */
  opts.extensions = NULL;
  opts.nextensions = 0;
  rc = mrt_runtime_new(&opts, &rt);
  printf("without its extension: %s\n", mrt_strerror(rc));
  if (rc == MRT_OK) mrt_runtime_free(rt);
  free(saved);
  return 0;
}
