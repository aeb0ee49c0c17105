/* module_loader.c: ES modules from the embedder's own store. The loader maps bare specifiers
 * ("greet") to URLs of a scheme of its own (app:/greet.js) and serves their sources from a
 * table; relative specifiers resolve against the importer's URL. Shows the main module's
 * evaluation promise (top-level await), reading an export from C, and a resolution error.
 *   cc module_loader.c $(pkg-config --cflags --libs libmrt) -o module_loader */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mrt.h>

static const char *const sources[][2] = {
    {"app:/main.js",
     "import { greet } from 'greet';\n"
     "import config from './config.json' assert { type: 'json' };\n"
     "console.log(greet(config.name), 'from', import.meta.url);\n"
     "export const answer = await Promise.resolve(config.answer);\n"},
    {"app:/greet.js", "export const greet = (who) => `hello, ${who}`;\n"},
    {"app:/config.json", "{ \"name\": \"modules\", \"answer\": 42 }"},
    {"app:/broken.js", "import { nope } from 'missing';\n"},
};

/* resolve: specifier + referrer URL -> a malloc'd URL (the runtime frees it), or an error
 * code with a malloc'd message. */
static int app_resolve(void *data, const char *specifier, const char *referrer, char **out) {
  (void)data;
  (void)referrer; /* every module lives in app:/, one level deep */
  const char *name = strncmp(specifier, "./", 2) == 0 ? specifier + 2 : specifier;
  if (strncmp(specifier, "app:/", 5) == 0) name = specifier + 5;
  size_t n = strlen(name);
  int has_ext = n > 3 && (strcmp(name + n - 3, ".js") == 0 || strstr(name, ".json"));
  char *url = malloc(n + 16);
  if (!url) return MRT_ENOMEM;
  snprintf(url, n + 16, "app:/%s%s", name, has_ext ? "" : ".js");
  *out = url;
  return MRT_OK;
}

/* load: complete the request now (it may also be completed later on the runtime's thread
 * while the loop runs, keeping the loop alive with mrt_ref meanwhile). */
static void app_load(void *data, const char *url, mrt_load_request *req) {
  (void)data;
  for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
    if (strcmp(sources[i][0], url) == 0) {
      mrt_load_complete(req, sources[i][1], strlen(sources[i][1]));
      return;
    }
  }
  mrt_load_fail(req, NULL); /* "Cannot find module ..." */
}

static const mrt_module_loader app_loader = {.resolve = app_resolve, .load = app_load};

int main(void) {
  mrt_options opts;
  mrt_options_init(&opts);
  opts.loader = &app_loader;
  mrt_runtime *rt;
  if (mrt_runtime_new(&opts, &rt) != MRT_OK) return 1;

  int id, rc = mrt_load_main_module(rt, "app:/main.js", NULL, 0, &id);
  mrt_value *promise = NULL, *ns = NULL, *answer = NULL;
  if (rc == MRT_OK) rc = mrt_mod_evaluate(rt, id, &promise);
  if (rc == MRT_OK) rc = mrt_resolve_value(rt, promise, NULL); /* runs to the end of the TLA */
  if (rc == MRT_OK) rc = mrt_module_namespace(rt, id, &ns);
  if (rc == MRT_OK) rc = mrt_get(rt, ns, "answer", &answer);
  mrt_flush(rt);
  if (rc == MRT_OK) printf("C: answer = %g\n", mrt_value_to_number(rt, answer));
  else printf("C: error %s\n", mrt_strerror(rc));

  /* A side module whose import cannot be found: MRT_EMODULE, the message names both ends. */
  int broken = mrt_load_side_module(rt, "app:/broken.js", NULL, 0, NULL);
  printf("C: broken.js: %s: %s\n", mrt_strerror(broken), mrt_last_error(rt)->message);

  mrt_value_free(rt, answer);
  mrt_value_free(rt, ns);
  mrt_value_free(rt, promise);
  mrt_runtime_free(rt);
  return rc != MRT_OK;
}
