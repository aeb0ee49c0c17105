/* Unit tests of the code cache (mrt_options.cache_dir): scripts and modules compiled from
 * their entry on the second run with the same results; corrupt, truncated, forged and
 * foreign (other V8 flags) entries ignored and rewritten; an unusable directory ignored;
 * nothing at all without cache_dir. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_helpers.h"

#include "code_cache.h"

/* ---------------------------------------------------------------- helpers */

/* A script with classes, closures and functions that run (compiled lazily, so only in the
 * cache made after the run) and some that don't. Its value is a summary of what ran. */
static const char SCRIPT[] =
    "'use strict';\n"
    "class Shape { constructor(n) { this.n = n; } area() { return 0; } }\n"
    "class Square extends Shape { area() { return this.n * this.n; } }\n"
    "class Circle extends Shape { area() { return Math.round(Math.PI * this.n * this.n); } }\n"
    "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n"
    "function neverCalled(x) { return x.map((y) => y * 2).filter(Boolean).join(','); }\n"
    "const memo = new Map();\n"
    "function cached(k, f) { if (!memo.has(k)) memo.set(k, f(k)); return memo.get(k); }\n"
    "const shapes = [1, 2, 3].map((n) => (n % 2 ? new Square(n) : new Circle(n)));\n"
    "function thrower() { throw new TypeError('from thrower'); }\n"
    "let caught = '';\n"
    "try { thrower(); } catch (e) { caught = e.stack.split('\\n').slice(0, 2).join('|'); }\n"
    "JSON.stringify({ fib: cached(20, fib), areas: shapes.map((s) => s.area()),\n"
    "                 caught, type: typeof neverCalled });\n";

static const char EXPECTED[] =
    "{\"fib\":6765,\"areas\":[1,13,9],\"caught\":\"TypeError: from thrower|    at thrower "
    "(/app/script.js:10:28)\",\"type\":\"function\"}";

static char *make_tmpdir(void) {
  char tmpl[] = "/tmp/mrt-code-cache-XXXXXX";
  char *d = mkdtemp(tmpl);
  assert_non_null(d);
  return strdup(d);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

static void rm_rf(char *dir) {
  nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
  free(dir);
}

static mrt_runtime *runtime_in(const char *cache_dir, const char *flags,
                               const mrt_module_loader *loader, void *data) {
  mrt_options opts;
  mrt_options_init(&opts);
  opts.v8_flags = flags ? flags : TEST_V8_FLAGS;
  opts.cache_dir = cache_dir;
  opts.loader = loader;
  opts.loader_data = data;
  mrt_runtime *rt = NULL;
  assert_int_equal(mrt_runtime_new(&opts, &rt), MRT_OK);
  return rt;
}

/* Runs src in a new runtime with cache_dir; returns String(result) and the times. */
static char *run_cached(const char *cache_dir, const char *name, const char *src,
                        mrt_startup_times *st) {
  mrt_runtime *rt = runtime_in(cache_dir, NULL, NULL, NULL);
  mrt_value *v = NULL;
  int rc = mrt_execute_script(rt, name, src, strlen(src), &v);
  char *s = NULL;
  if (rc == MRT_OK) {
    s = mrt_value_to_string(rt, v, NULL);
    mrt_value_free(rt, v);
  } else {
    const mrt_error *e = mrt_last_error(rt);
    size_t n = strlen(e->stack ? e->stack : "") + 64;
    s = malloc(n);
    snprintf(s, n, "error %d: %s", rc, e->stack ? e->stack : "");
  }
  mrt_get_startup_times(rt, st);
  mrt_runtime_free(rt);
  return s;
}

/* The entries of dir: how many, and the path of one of them (malloc'd). .tmp files count
 * as entries too, so a left-over shows. */
static int entries(const char *dir, char **one) {
  DIR *d = opendir(dir);
  if (!d) return -1;
  int n = 0;
  struct dirent *e;
  if (one) *one = NULL;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    n++;
    if (one && !*one) {
      size_t len = strlen(dir) + strlen(e->d_name) + 2;
      *one = malloc(len);
      snprintf(*one, len, "%s/%s", dir, e->d_name);
    }
  }
  closedir(d);
  return n;
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(n > 0 ? (size_t)n : 1);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static void write_all(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  if (len) assert_int_equal(fwrite(data, 1, len, f), len);
  fclose(f);
}

/* Checks an entry file's header the way the runtime does (except the key). */
static void assert_entry_valid(const char *path) {
  size_t len;
  char *buf = read_all(path, &len);
  assert_true(len > sizeof(rt_cache_header));
  rt_cache_header h;
  memcpy(&h, buf, sizeof h);
  assert_int_equal(h.magic, RT_CACHE_MAGIC);
  assert_int_equal(h.format, RT_CACHE_FORMAT);
  assert_int_equal(h.payload_len, len - sizeof h);
  assert_true(h.payload_hash ==
              rt_cache_hash64(buf + sizeof h, h.payload_len, RT_CACHE_SEED_PAYLOAD));
  free(buf);
}

/* ---------------------------------------------------------------- other V8 flags */

/* First test of the process: a child with other V8 flags (forked before this process starts
 * V8) makes an entry; this process, with its own flags, must not use it as it is (mrt's
 * check: the tag differs) nor forged with this process's header (V8's check: the flag hash
 * in the data differs). */
static void test_entry_from_other_v8_flags(void **state) {
  (void)state;
  char *dir_a = make_tmpdir(), *dir_b = make_tmpdir();
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    mrt_runtime *rt = NULL;
    mrt_options opts;
    mrt_options_init(&opts);
    opts.v8_flags = "--expose-gc --no-opt --max-lazy";
    opts.cache_dir = dir_a;
    if (mrt_runtime_new(&opts, &rt) != MRT_OK) _exit(3);
    mrt_value *v = NULL;
    if (mrt_execute_script(rt, "/app/script.js", SCRIPT, strlen(SCRIPT), &v) != MRT_OK) _exit(4);
    char *s = mrt_value_to_string(rt, v, NULL);
    mrt_startup_times st;
    mrt_get_startup_times(rt, &st);
    int ok = s && strcmp(s, EXPECTED) == 0 && st.cache == MRT_CACHE_MISS && st.cache_writes == 1;
    _exit(ok ? 0 : 5);
  }
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);

  /* This process's own entry for the same script. */
  mrt_startup_times st;
  char *s = run_cached(dir_b, "/app/script.js", SCRIPT, &st);
  assert_string_equal(s, EXPECTED);
  free(s);
  assert_int_equal(st.cache, MRT_CACHE_MISS);
  char *path_a, *path_b;
  assert_int_equal(entries(dir_a, &path_a), 1);
  assert_int_equal(entries(dir_b, &path_b), 1);
  size_t len_a, len_b;
  char *a = read_all(path_a, &len_a), *b = read_all(path_b, &len_b);
  rt_cache_header ha, hb;
  memcpy(&ha, a, sizeof ha);
  memcpy(&hb, b, sizeof hb);
  assert_true(ha.tag != hb.tag); /* other flags, other CachedDataVersionTag */
  assert_true(ha.source_hash == hb.source_hash);

  /* 1. The foreign entry under this process's key: mrt's header check refuses it. */
  write_all(path_b, a, len_a);
  s = run_cached(dir_b, "/app/script.js", SCRIPT, &st);
  assert_string_equal(s, EXPECTED);
  free(s);
  assert_int_equal(st.cache, MRT_CACHE_INVALID);
  assert_int_equal(st.cache_writes, 1);
  assert_entry_valid(path_b);

  /* 2. Its data under a header forged for this process: V8 rejects it (flag hash). */
  rt_cache_key key = {hb.source_hash, hb.meta_hash, hb.source_len, hb.tag, hb.kind};
  rt_cache_header forged;
  size_t payload_len = len_a - sizeof ha;
  rt_cache_header_make(&forged, &key, a + sizeof ha, payload_len);
  char *f = malloc(len_a);
  memcpy(f, &forged, sizeof forged);
  memcpy(f + sizeof forged, a + sizeof ha, payload_len);
  write_all(path_b, f, len_a);
  free(f);
  s = run_cached(dir_b, "/app/script.js", SCRIPT, &st);
  assert_string_equal(s, EXPECTED);
  free(s);
  assert_int_equal(st.cache, MRT_CACHE_REJECTED);
  assert_int_equal(st.cache_rejected, 1);
  assert_int_equal(st.cache_writes, 1); /* rewritten */

  /* 3. The rewritten entry is this process's again. */
  s = run_cached(dir_b, "/app/script.js", SCRIPT, &st);
  assert_string_equal(s, EXPECTED);
  free(s);
  assert_int_equal(st.cache, MRT_CACHE_HIT);
  assert_int_equal(entries(dir_b, NULL), 1);

  free(a);
  free(b);
  free(path_a);
  free(path_b);
  rm_rf(dir_a);
  rm_rf(dir_b);
}

/* ---------------------------------------------------------------- hashing */

static void test_xxh64_vectors(void **state) {
  (void)state;
  assert_true(rt_cache_hash64("", 0, 0) == 0xEF46DB3751D8E999ull);
  assert_true(rt_cache_hash64("abc", 3, 0) == 0x44BC2CF5AD770999ull);
  const char *s = "Nobody inspects the spammish repetition";
  assert_true(rt_cache_hash64(s, strlen(s), 0) == 0xFBCEA83C8A378BF1ull);
}

/* ---------------------------------------------------------------- scripts */

static void test_second_run_uses_the_cache(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  mrt_startup_times st;
  char *first = run_cached(dir, "/app/script.js", SCRIPT, &st);
  assert_string_equal(first, EXPECTED);
  assert_int_equal(st.cache, MRT_CACHE_MISS);
  assert_int_equal(st.cache_misses, 1);
  assert_int_equal(st.cache_writes, 1);
  assert_int_equal(st.cache_write_errors, 0);
  assert_true(st.cache_write_ns > 0);
  char *path;
  assert_int_equal(entries(dir, &path), 1); /* no temporary file left */
  assert_entry_valid(path);

  for (int i = 0; i < 2; i++) {
    char *again = run_cached(dir, "/app/script.js", SCRIPT, &st);
    assert_string_equal(again, first);
    free(again);
    assert_int_equal(st.cache, MRT_CACHE_HIT);
    assert_int_equal(st.cache_hits, 1);
    assert_int_equal(st.cache_misses, 0);
    assert_int_equal(st.cache_writes, 0); /* a hit is not rewritten */
    assert_true(st.cache_read_ns > 0 && st.compile_ns >= st.cache_read_ns);
  }
  free(first);
  free(path);
  rm_rf(dir);
}

/* Other source or other name: other entries, never the wrong one. */
static void test_key_covers_source_and_name(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  mrt_startup_times st;
  char *s = run_cached(dir, "/app/a.js", "var x = 1; x + 1", &st);
  assert_string_equal(s, "2");
  free(s);
  /* Same length, other bytes (V8's own check only compares the length). */
  s = run_cached(dir, "/app/a.js", "var x = 5; x + 1", &st);
  assert_string_equal(s, "6");
  free(s);
  assert_int_equal(st.cache, MRT_CACHE_MISS);
  s = run_cached(dir, "/app/b.js", "var x = 1; x + 1", &st);
  assert_string_equal(s, "2");
  free(s);
  assert_int_equal(st.cache, MRT_CACHE_MISS);
  assert_int_equal(entries(dir, NULL), 3);
  s = run_cached(dir, "/app/a.js", "var x = 5; x + 1", &st);
  assert_string_equal(s, "6");
  free(s);
  assert_int_equal(st.cache, MRT_CACHE_HIT);
  rm_rf(dir);
}

/* A script that throws: the same error (message, stack, location) from the cached code. */
static void test_throwing_script_same_error(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  const char *src = "function f() { null.x; }\nfunction g() { f(); }\ng();\n";
  mrt_startup_times st;
  char *first = run_cached(dir, "/app/throws.js", src, &st);
  assert_non_null(strstr(first, "TypeError"));
  assert_non_null(strstr(first, "/app/throws.js:1:"));
  assert_int_equal(st.cache_writes, 1);
  char *second = run_cached(dir, "/app/throws.js", src, &st);
  assert_int_equal(st.cache, MRT_CACHE_HIT);
  assert_string_equal(first, second);
  free(first);
  free(second);
  rm_rf(dir);
}

/* Each way of damaging an entry: ignored (never handed to V8), the script runs as without
 * cache, and the entry is rewritten (the next run uses it). */
enum { FLIP_PAYLOAD, FLIP_PAYLOAD_END, FLIP_HEADER, BAD_MAGIC, OTHER_FORMAT, TRUNCATE_HALF,
       TRUNCATE_HEADER, TRUNCATE_LAST, ZERO_LENGTH, GARBAGE, APPENDED, OTHER_SOURCE_LEN,
       NCORRUPTIONS };

static void corrupt(const char *path, int how) {
  size_t len;
  char *buf = read_all(path, &len);
  rt_cache_header *h = (rt_cache_header *)buf;
  switch (how) {
    case FLIP_PAYLOAD: buf[sizeof *h + (len - sizeof *h) / 2] ^= 0x5a; break;
    case FLIP_PAYLOAD_END: buf[len - 1] ^= 0x01; break;
    case FLIP_HEADER: buf[20] ^= 0x10; break;
    case BAD_MAGIC: h->magic = 0x12345678; break;
    case OTHER_FORMAT: /* a consistent header of a format this build doesn't know */
      h->format = RT_CACHE_FORMAT + 1;
      h->header_hash = rt_cache_hash64(h, offsetof(rt_cache_header, header_hash),
                                       RT_CACHE_SEED_HEADER);
      break;
    case TRUNCATE_HALF: len /= 2; break;
    case TRUNCATE_HEADER: len = sizeof *h; break;
    case TRUNCATE_LAST: len -= 1; break;
    case ZERO_LENGTH: len = 0; break;
    case GARBAGE: memset(buf, 0xab, len); break;
    case APPENDED: {
      char *b2 = realloc(buf, len + 16);
      buf = b2;
      memset(buf + len, 0, 16);
      len += 16;
      break;
    }
    case OTHER_SOURCE_LEN: /* consistent, but for another source length */
      h->source_len += 1;
      h->header_hash = rt_cache_hash64(h, offsetof(rt_cache_header, header_hash),
                                       RT_CACHE_SEED_HEADER);
      break;
  }
  write_all(path, buf, len);
  free(buf);
}

static void test_corrupt_entries_are_ignored(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  mrt_startup_times st;
  char *s = run_cached(dir, "/app/script.js", SCRIPT, &st);
  assert_string_equal(s, EXPECTED);
  free(s);
  char *path;
  assert_int_equal(entries(dir, &path), 1);
  for (int how = 0; how < NCORRUPTIONS; how++) {
    corrupt(path, how);
    s = run_cached(dir, "/app/script.js", SCRIPT, &st);
    assert_string_equal(s, EXPECTED);
    free(s);
    if (st.cache != MRT_CACHE_INVALID) fail_msg("corruption %d: cache state %d", how, st.cache);
    assert_int_equal(st.cache_invalid, 1);
    assert_int_equal(st.cache_writes, 1);
    assert_int_equal(entries(dir, NULL), 1);
    assert_entry_valid(path);
    s = run_cached(dir, "/app/script.js", SCRIPT, &st);
    assert_string_equal(s, EXPECTED);
    free(s);
    if (st.cache != MRT_CACHE_HIT) fail_msg("after corruption %d: cache state %d", how, st.cache);
  }
  free(path);
  rm_rf(dir);
}

/* A directory entry where the file should be: ignored, the write fails, the script runs. */
static void test_entry_that_is_a_directory(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  mrt_startup_times st;
  char *s = run_cached(dir, "/app/script.js", SCRIPT, &st);
  free(s);
  char *path;
  assert_int_equal(entries(dir, &path), 1);
  assert_int_equal(unlink(path), 0);
  assert_int_equal(mkdir(path, 0755), 0);
  s = run_cached(dir, "/app/script.js", SCRIPT, &st);
  assert_string_equal(s, EXPECTED);
  free(s);
  assert_int_equal(st.cache, MRT_CACHE_INVALID);
  assert_int_equal(st.cache_write_errors, 1); /* rename over a directory */
  assert_int_equal(entries(dir, NULL), 1);     /* the temporary file was removed */
  free(path);
  rm_rf(dir);
}

/* ---------------------------------------------------------------- directories */

static void test_missing_directories_are_created(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char nested[512];
  snprintf(nested, sizeof nested, "%s/a/b/c/", dir); /* trailing slash too */
  mrt_startup_times st;
  char *s = run_cached(nested, "/app/script.js", SCRIPT, &st);
  assert_string_equal(s, EXPECTED);
  free(s);
  assert_int_equal(st.cache_writes, 1);
  nested[strlen(nested) - 1] = '\0';
  assert_int_equal(entries(nested, NULL), 1);
  s = run_cached(nested, "/app/script.js", SCRIPT, &st);
  free(s);
  assert_int_equal(st.cache, MRT_CACHE_HIT);
  rm_rf(dir);
}

/* A directory that can't exist (under a regular file): the runtime works without cache,
 * tries one write, then makes no more caches. (Tests run as root too, where permission bits
 * don't stop writes; ENOTDIR does.) */
static void test_unusable_directory(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char file[512], bad[600];
  snprintf(file, sizeof file, "%s/file", dir);
  write_all(file, "x", 1);
  snprintf(bad, sizeof bad, "%s/cache", file);
  mrt_runtime *rt = runtime_in(bad, NULL, NULL, NULL);
  mrt_value *v = NULL;
  assert_int_equal(mrt_execute_script(rt, "/app/script.js", SCRIPT, strlen(SCRIPT), &v), MRT_OK);
  char *s = mrt_value_to_string(rt, v, NULL);
  assert_string_equal(s, EXPECTED);
  mrt_free(s);
  mrt_value_free(rt, v);
  assert_int_equal(run(rt, "var y = 2; y * 21"), MRT_OK);
  mrt_startup_times st;
  mrt_get_startup_times(rt, &st);
  assert_int_equal(st.cache_writes, 0);
  assert_int_equal(st.cache_write_errors, 1); /* one try, then writing is off */
  assert_int_equal(st.cache_error, ENOTDIR);
  assert_int_equal(st.cache_misses, 2);
  mrt_runtime_free(rt);
  rm_rf(dir);
}

/* A read-only directory (when permissions apply: not as root). */
static void test_read_only_directory(void **state) {
  (void)state;
  if (geteuid() == 0) skip();
  char *dir = make_tmpdir();
  assert_int_equal(chmod(dir, 0555), 0);
  mrt_startup_times st;
  char *s = run_cached(dir, "/app/script.js", SCRIPT, &st);
  assert_string_equal(s, EXPECTED);
  free(s);
  assert_int_equal(st.cache_write_errors, 1);
  assert_int_equal(st.cache_error, EACCES);
  chmod(dir, 0755);
  rm_rf(dir);
}

static void test_no_cache_dir_no_cache(void **state) {
  (void)state;
  mrt_runtime *rt = new_runtime();
  assert_int_equal(run(rt, SCRIPT), MRT_OK);
  mrt_startup_times st;
  mrt_get_startup_times(rt, &st);
  assert_int_equal(st.cache, MRT_CACHE_OFF);
  assert_int_equal(st.cache_hits + st.cache_misses + st.cache_writes + st.cache_invalid, 0);
  assert_true(st.cache_read_ns == 0 && st.cache_write_ns == 0);
  mrt_runtime_free(rt);
}

/* ---------------------------------------------------------------- modules */

static const char *app[][2] = {
    {"file:///app/main.js",
     "import { area, Shape } from './lib/shapes.js';\n"
     "import config from './config.json' assert { type: 'json' };\n"
     "const dyn = await import('./lib/dyn.js');\n"
     "globalThis.result = JSON.stringify([area(3), new Shape(2).twice(), config.name,\n"
     "                                    dyn.greet('x')]);\n"},
    {"file:///app/lib/shapes.js",
     "export class Shape { constructor(n) { this.n = n; } twice() { return this.n * 2; } }\n"
     "export function area(n) { return n * n; }\n"
     "export function unused() { return [1, 2].map((x) => x + 1); }\n"},
    {"file:///app/config.json", "{\"name\": \"app\"}"},
    {"file:///app/lib/dyn.js", "export const greet = (who) => `hello ${who}`;\n"},
    {NULL, NULL}};

static char *run_app(const char *dir, mrt_startup_times *st) {
  mrt_runtime *rt = runtime_in(dir, NULL, mrt_memory_loader(), app);
  int id;
  assert_int_equal(mrt_load_main_module(rt, "file:///app/main.js", NULL, 0, &id), MRT_OK);
  mrt_value *p = NULL;
  assert_int_equal(mrt_mod_evaluate(rt, id, &p), MRT_OK);
  assert_int_equal(mrt_resolve_value(rt, p, NULL), MRT_OK);
  mrt_value_free(rt, p);
  assert_int_equal(mrt_run_event_loop(rt), MRT_OK);
  char *s = eval_string(rt, "globalThis.result");
  mrt_get_startup_times(rt, st);
  mrt_runtime_free(rt);
  return s;
}

static void test_modules_cached(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  mrt_startup_times st;
  char *first = run_app(dir, &st);
  assert_string_equal(first, "[9,4,\"app\",\"hello x\"]");
  /* main, shapes and the dynamic import (JSON modules have no code); the script above
   * (eval_string) is one more. */
  assert_int_equal(st.cache_misses, 4);
  assert_int_equal(st.cache_writes, 4);
  assert_int_equal(entries(dir, NULL), 4);
  char *second = run_app(dir, &st);
  assert_string_equal(second, first);
  assert_int_equal(st.cache_hits, 4);
  assert_int_equal(st.cache_misses, 0);
  assert_int_equal(st.cache_writes, 0);

  /* A module's entry damaged: that module recompiles, the others still hit. */
  char *path;
  DIR *d = opendir(dir);
  struct dirent *e;
  size_t biggest = 0;
  path = NULL;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    struct stat sb;
    stat(p, &sb);
    if ((size_t)sb.st_size > biggest) {
      biggest = (size_t)sb.st_size;
      free(path);
      path = strdup(p);
    }
  }
  closedir(d);
  corrupt(path, FLIP_PAYLOAD);
  char *third = run_app(dir, &st);
  assert_string_equal(third, first);
  assert_int_equal(st.cache_invalid, 1);
  assert_int_equal(st.cache_hits, 3);
  assert_int_equal(st.cache_writes, 1);
  free(path);
  free(first);
  free(second);
  free(third);
  rm_rf(dir);
}

/* A module whose evaluation throws: no entry for it (errored), and the error is the same. */
static const char *bad_app[][2] = {
    {"file:///bad/main.js", "import './dep.js';\nthrow new RangeError('boom');\n"},
    {"file:///bad/dep.js", "globalThis.depRan = true;\n"},
    {NULL, NULL}};

static void test_module_that_throws(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  for (int i = 0; i < 2; i++) {
    mrt_runtime *rt = runtime_in(dir, NULL, mrt_memory_loader(), bad_app);
    int id;
    assert_int_equal(mrt_load_main_module(rt, "file:///bad/main.js", NULL, 0, &id), MRT_OK);
    mrt_value *p = NULL;
    assert_int_equal(mrt_mod_evaluate(rt, id, &p), MRT_OK);
    assert_int_equal(mrt_resolve_value(rt, p, NULL), MRT_EEXCEPTION);
    assert_string_equal(mrt_last_error(rt)->message, "boom");
    mrt_value_free(rt, p);
    mrt_startup_times st;
    mrt_get_startup_times(rt, &st);
    if (i == 1) assert_int_equal(st.cache_hits, 1); /* dep.js */
    mrt_runtime_free(rt);
  }
  assert_int_equal(entries(dir, NULL), 1);
  rm_rf(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      /* First: it forks before this process starts V8. */
      cmocka_unit_test(test_entry_from_other_v8_flags),
      cmocka_unit_test(test_xxh64_vectors),
      cmocka_unit_test(test_second_run_uses_the_cache),
      cmocka_unit_test(test_key_covers_source_and_name),
      cmocka_unit_test(test_throwing_script_same_error),
      cmocka_unit_test(test_corrupt_entries_are_ignored),
      cmocka_unit_test(test_entry_that_is_a_directory),
      cmocka_unit_test(test_missing_directories_are_created),
      cmocka_unit_test(test_unusable_directory),
      cmocka_unit_test(test_read_only_directory),
      cmocka_unit_test(test_no_cache_dir_no_cache),
      cmocka_unit_test(test_modules_cached),
      cmocka_unit_test(test_module_that_throws),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
