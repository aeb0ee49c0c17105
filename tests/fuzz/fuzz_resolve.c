/* fuzz_resolve.c: module specifier resolution of both built-in loaders (mrt_fs_loader,
 * mrt_memory_loader). Input: "specifier\0referrer" (no NUL: the main module, no referrer).
 * Checked for every input:
 *  - success gives an absolute URL ("scheme:..."), failure a message or NULL, never a crash;
 *  - the file-system loader accepts file: URLs only;
 *  - resolution is idempotent: the result, resolved again, is itself (so the module map,
 *    keyed by URL, never holds one module under two spellings);
 *  - a hierarchical result's path holds no "." or ".." segment and no byte a URL parser
 *    would percent-encode (space, controls, non-ASCII, " < > ` { }). */
#include "fuzz_common.h"

static size_t scheme_len(const char *s) {
  size_t i = 0;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return 0;
  while (s[i] && s[i] != ':') {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '+' || c == '-' || c == '.'))
      return 0;
    i++;
  }
  return s[i] == ':' ? i : 0;
}

static void check_path(const char *url) {
  size_t i = scheme_len(url) + 1;
  if (url[i] != '/') return; /* opaque ("data:x"): no path rules */
  if (url[i + 1] == '/') {
    i += 2;
    while (url[i] && url[i] != '/' && url[i] != '?' && url[i] != '#') i++;
  }
  size_t seg = i;
  for (; url[i] && url[i] != '?' && url[i] != '#'; i++) {
    unsigned char c = (unsigned char)url[i];
    FUZZ_CHECK(!(c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '`' ||
                 c == '{' || c == '}'),
               "unescaped byte 0x%02x in the path of '%s'", c, url);
    if (c == '/') seg = i;
    size_t len = i + 1 - seg - 1; /* segment so far, after its '/' */
    int end = url[i + 1] == '\0' || url[i + 1] == '/' || url[i + 1] == '?' || url[i + 1] == '#';
    if (end && url[seg] == '/') {
      const char *s = url + seg + 1;
      FUZZ_CHECK(!(len == 1 && s[0] == '.') && !(len == 2 && s[0] == '.' && s[1] == '.'),
                 "dot segment left in '%s'", url);
    }
  }
}

static void check_loader(const mrt_module_loader *l, int file_only, const char *spec,
                         const char *referrer) {
  char *out = (char *)1;
  int rc = l->resolve(NULL, spec, referrer, &out);
  FUZZ_CHECK(out != (char *)1, "resolve left *out unset");
  if (rc != MRT_OK) {
    FUZZ_CHECK(rc < 0, "resolve returned %d", rc);
    free(out);
    return;
  }
  FUZZ_CHECK(out && scheme_len(out) > 0, "'%s' from '%s' is not an absolute URL: '%s'", spec,
             referrer ? referrer : "(main)", out ? out : "(null)");
  if (file_only) FUZZ_CHECK(strncmp(out, "file:", 5) == 0, "fs loader gave '%s'", out);
  check_path(out);
  char *again = NULL;
  int rc2 = l->resolve(NULL, out, referrer, &again);
  FUZZ_CHECK(rc2 == MRT_OK && again && strcmp(again, out) == 0,
             "not idempotent: '%s' -> '%s' -> '%s' (rc %d)", spec, out, again ? again : "", rc2);
  free(again);
  free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0;
  char *buf = malloc(size + 2);
  memcpy(buf, data, size);
  buf[size] = buf[size + 1] = '\0';
  const char *spec = buf;
  size_t sl = strlen(spec);
  const char *referrer = sl < size ? buf + sl + 1 : NULL;
  /* A referrer is always a URL the loader produced: resolve the raw one as a main module. */
  char *ref = NULL;
  if (referrer && mrt_memory_loader()->resolve(NULL, referrer, NULL, &ref) != MRT_OK) {
    free(ref);
    ref = NULL;
  }
  if (referrer && !ref) referrer = "file:///base/dir/main.mjs";
  if (ref) referrer = ref;
  check_loader(mrt_fs_loader(), 1, spec, referrer);
  check_loader(mrt_memory_loader(), 0, spec, referrer);
  free(ref);
  free(buf);
  return 0;
}
