/* builtin_cache_gen.c: build-time tool. Writes the code caches of the lazy built-in files
 * (builtin_cache.h) to FILE. It runs a runtime as `mrt` does (from the startup snapshot, with
 * the V8 flags of shim_platform_init, which V8's check of a cache compares), runs TRAIN (an
 * absolute path; as CommonJS, as `mrt` runs a .js file; it uses the lazy APIs programs use
 * first) so that the functions it calls are compiled
 * and go into their files' caches, then compiles the lazy files TRAIN did not load. Files
 * FIRST.. of rt_js_files ending in .js are the lazy ones (before them: the bootstrap's).
 * Measured against caching every file with all its functions (V8's kEagerCompile, no
 * training): 2.6x the bytes (1.1 MB) and slower at first use (the first Response 4.6 M
 * instructions instead of 4.2 M: deserialising functions never called costs too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin_cache.h"
#include "eventloop.h"
#include "js_files.h"
#include "runtime_internal.h"

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n == cap) {
      cap = cap ? cap * 2 : 65536;
      char *p = realloc(buf, cap + 1);
      if (!p) break;
      buf = p;
    }
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (r == 0) break;
  }
  int bad = ferror(f) || !buf;
  fclose(f);
  if (bad) {
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Whether an earlier file has the same name (op compileBuiltin finds that one). */
static int shadowed(size_t i) {
  for (size_t j = 0; j < i; j++) {
    if (strcmp(rt_js_files[j].name, rt_js_files[i].name) == 0) return 1;
  }
  return 0;
}

/* Compiles file i (the training did not load it) as op compileBuiltin would: 0 or -1. */
static int compile_file(mrt_runtime *rt, size_t i) {
  const rt_js_file *f = &rt_js_files[i];
  char res[160];
  snprintf(res, sizeof res, "mrt:%s", f->name);
  shim_code_cache *cc = &rt->builtin_compiles[i];
  cc->keep = 1;
  shim_global *fn = NULL;
  shim_exception exc = {0};
  rt_enter(rt);
  int r = shim_run_builtin(rt->iso, res, f->source, f->len, cc, &fn, &exc);
  shim_release(fn);
  return rt_leave(rt, r ? &exc : NULL) ? -1 : 0;
}

/* The blob: header, entries, names, data (builtin_cache.h). */
static int write_blob(const char *path, size_t first, shim_code_cache *caches) {
  rt_builtin_cache_header h = {.magic = RT_BUILTIN_CACHE_MAGIC};
  strncpy(h.v8_version, shim_v8_version(), sizeof h.v8_version - 1);
  size_t names = sizeof h, data;
  for (size_t i = first; i < rt_js_nfiles; i++) {
    if (!caches[i].out) continue;
    h.count++;
    names += sizeof(rt_builtin_cache_entry);
  }
  data = names;
  for (size_t i = first; i < rt_js_nfiles; i++) {
    if (caches[i].out) data += strlen(rt_js_files[i].name);
  }
  size_t total = (data + 7) & ~(size_t)7, at = total;
  for (size_t i = first; i < rt_js_nfiles; i++) {
    if (caches[i].out) total += (caches[i].out_len + 7) & ~(size_t)7;
  }
  if (total > UINT32_MAX) return -1;
  char *blob = calloc(1, total);
  if (!blob) return -1;
  memcpy(blob, &h, sizeof h);
  size_t entry = sizeof h;
  for (size_t i = first; i < rt_js_nfiles; i++) {
    if (!caches[i].out) continue;
    size_t name_len = strlen(rt_js_files[i].name);
    rt_builtin_cache_entry e = {(uint32_t)names, (uint32_t)name_len, (uint32_t)at,
                                (uint32_t)caches[i].out_len};
    memcpy(blob + entry, &e, sizeof e);
    memcpy(blob + names, rt_js_files[i].name, name_len);
    memcpy(blob + at, caches[i].out, caches[i].out_len);
    entry += sizeof e;
    names += name_len;
    at += (caches[i].out_len + 7) & ~(size_t)7;
  }
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "wb");
  int ok = f && fwrite(blob, 1, total, f) == total;
  if (f && fclose(f) != 0) ok = 0;
  free(blob);
  if (!ok || rename(tmp, path) != 0) {
    remove(tmp);
    return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: mrt_builtin_cache_gen FILE FIRST [TRAIN.js]\n");
    return 2;
  }
  size_t first = strtoul(argv[2], NULL, 10);
  mrt_options opts;
  mrt_options_init(&opts);
  mrt_runtime *rt;
  if (mrt_runtime_new(&opts, &rt) != MRT_OK) {
    const mrt_error *e = mrt_last_error(NULL);
    fprintf(stderr, "mrt_builtin_cache_gen: cannot create the runtime: %s\n",
            e && e->message ? e->message : "?");
    return 1;
  }
  int status = 0;
  shim_code_cache *caches = calloc(rt_js_nfiles, sizeof *caches);
  rt->builtin_compiles = caches;
  if (!caches) status = 1;
  if (!status && argc == 4) {
    size_t len;
    char *src = read_all(argv[3], &len);
    int rc = src ? mrt_run_commonjs_main(rt, argv[3], src, len) : MRT_EINVAL;
    if (rc == MRT_OK) rc = mrt_run_event_loop(rt);
    free(src);
    if (rc != MRT_OK) {
      /* The training uses the lazy APIs as programs do: one that fails says an API broke. */
      const mrt_error *e = mrt_last_error(rt);
      fprintf(stderr, "mrt_builtin_cache_gen: the training script failed (%s:%d):\n%s\n",
              e && e->file ? e->file : argv[3], e ? e->line : 0,
              e && e->stack ? e->stack : e && e->message ? e->message : mrt_strerror(rc));
      status = 1;
    }
  }
  for (size_t i = first; !status && i < rt_js_nfiles; i++) {
    if (!ends_with(rt_js_files[i].name, ".js") || shadowed(i)) continue;
    if (!caches[i].script_ && compile_file(rt, i) != 0) {
      fprintf(stderr, "mrt_builtin_cache_gen: cannot compile %s\n", rt_js_files[i].name);
      status = 1;
    } else if (shim_builtin_code_cache(rt->iso, &caches[i]) != 0) {
      fprintf(stderr, "mrt_builtin_cache_gen: no code cache for %s\n", rt_js_files[i].name);
      status = 1;
    }
  }
  if (!status && write_blob(argv[1], first, caches) != 0) {
    perror("mrt_builtin_cache_gen");
    status = 1;
  }
  for (size_t i = 0; caches && i < rt_js_nfiles; i++) shim_code_cache_release(&caches[i]);
  rt->builtin_compiles = NULL;
  free(caches);
  mrt_runtime_free(rt);
  return status;
}
