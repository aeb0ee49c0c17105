/* perm_flags.c: --sandbox, --allow-all (-A), --allow-read[=PATHS], --allow-write[=PATHS],
 * --allow-net[=HOST[:PORT],...], --allow-env[=NAMES], --allow-run[=PROGRAMS],
 * --allow-ffi: Deno's flags, each a line of mrt_options.permissions ("read", "read=/x"). */
#include "perm_flags.h"

#include <stdlib.h>
#include <string.h>

static int append(char **spec, const char *a, size_t an, const char *b, size_t bn) {
  size_t old = *spec ? strlen(*spec) : 0;
  char *s = realloc(*spec, old + an + bn + 3);
  if (!s) return -1;
  memcpy(s + old, a, an);
  old += an;
  if (b) {
    s[old++] = '=';
    memcpy(s + old, b, bn);
    old += bn;
  }
  s[old++] = '\n';
  s[old] = '\0';
  *spec = s;
  return 0;
}

int perm_grant(char **spec, const char *kind, const char *value) {
  if (!*spec) return 0;
  return append(spec, kind, strlen(kind), value, strlen(value));
}

int perm_flag(const char *arg, char **spec) {
  static const char *const kinds[] = {"read", "write", "net", "env", "run", "ffi"};
  if (strcmp(arg, "--sandbox") == 0) {
    if (!*spec && !(*spec = calloc(1, 1))) return -1;
    return 1;
  }
  if (strcmp(arg, "--allow-all") == 0 || strcmp(arg, "-A") == 0) {
    return append(spec, "all", 3, NULL, 0) == 0 ? 1 : -1;
  }
  if (strncmp(arg, "--allow-", 8) != 0) return 0;
  const char *k = arg + 8;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    size_t n = strlen(kinds[i]);
    if (strncmp(k, kinds[i], n) != 0 || (k[n] && k[n] != '=')) continue;
    if (!k[n]) return append(spec, kinds[i], n, NULL, 0) == 0 ? 1 : -1;
    if (!*spec && !(*spec = calloc(1, 1))) return -1; /* "--allow-read=": on, nothing granted */
    for (const char *v = k + n + 1; *v;) { /* comma-separated, as Deno's */
      const char *e = strchr(v, ',');
      size_t len = e ? (size_t)(e - v) : strlen(v);
      if (len && append(spec, kinds[i], n, v, len) != 0) return -1;
      v += len;
      if (*v) v++;
    }
    return 1;
  }
  return 0;
}
