/* import_map.c: parsing and applying import maps (see import_map.h). The steps and their
 * names follow the HTML standard's; URLs are parsed by the WHATWG URL parser behind URL
 * (mod_url_join), the JSON by cJSON (opened at the first import map). */
#include "import_map.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cjson_loader.h"
#include "modules_internal.h"
#include "str.h"

typedef struct entry {
  char *key;
  char *address; /* NULL: an entry that blocks its specifier */
} entry;

typedef struct specifier_map {
  entry *e;
  size_t n;
} specifier_map;

typedef struct scope {
  char *prefix;
  specifier_map map;
} scope;

struct rt_import_map {
  specifier_map imports;
  scope *scopes;
  size_t nscopes;
};

static int starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static int ends_with_slash(const char *s) {
  size_t n = strlen(s);
  return n && s[n - 1] == '/';
}

typedef struct warner {
  void (*fn)(void *, const char *);
  void *data;
} warner;

static void warn(const warner *w, char *msg) {
  if (w->fn && msg) w->fn(w->data, msg);
  free(msg);
}

/* The standard's "parse a URL-like import specifier": NULL when it is bare. */
static char *parse_url_like(const char *spec, const char *base) {
  if (spec[0] == '/' || starts_with(spec, "./") || starts_with(spec, "../"))
    return mod_url_join(spec, base);
  return mod_url_join(spec, NULL);
}

static int is_special(const char *url) {
  static const char *const schemes[] = {"ftp:", "file:", "http:", "https:", "ws:", "wss:"};
  for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
    if (starts_with(url, schemes[i])) return 1;
  return 0;
}

/* Descending code-unit order of keys (UTF-8 byte order is code point order; the standard
 * sorts by UTF-16 code units, which differs only for astral characters against U+E000+). */
static int entry_desc(const void *a, const void *b) {
  return strcmp(((const entry *)b)->key, ((const entry *)a)->key);
}

static int scope_desc(const void *a, const void *b) {
  return strcmp(((const scope *)b)->prefix, ((const scope *)a)->prefix);
}

static void map_free(specifier_map *m) {
  for (size_t i = 0; i < m->n; i++) {
    free(m->e[i].key);
    free(m->e[i].address);
  }
  free(m->e);
  m->e = NULL;
  m->n = 0;
}

/* Adds or replaces key (a later duplicate key wins, as JSON.parse keeps the last). */
static int map_set(specifier_map *m, char *key, char *address) {
  for (size_t i = 0; i < m->n; i++) {
    if (strcmp(m->e[i].key, key) == 0) {
      free(key);
      free(m->e[i].address);
      m->e[i].address = address;
      return 0;
    }
  }
  entry *e = realloc(m->e, (m->n + 1) * sizeof *e);
  if (!e) {
    free(key);
    free(address);
    return -1;
  }
  m->e = e;
  m->e[m->n].key = key;
  m->e[m->n].address = address;
  m->n++;
  return 0;
}

/* "sort and normalize a specifier map" */
static int normalize_map(const cJSON *obj, const char *base, const warner *w, specifier_map *out) {
  for (const cJSON *v = obj->child; v; v = v->next) {
    const char *k = v->string ? v->string : "";
    if (!*k) {
      warn(w, rt_asprintf("import map: an empty specifier key is ignored"));
      continue;
    }
    char *key = parse_url_like(k, base);
    if (!key) key = rt_strdup(k);
    if (!key) return -1;
    const char *value = rt_json_str(v);
    char *address = NULL;
    if (!value) {
      if ((v->type & 0xff) != cJSON_NULL) /* null blocks on purpose: no warning */
        warn(w, rt_asprintf("import map: the address of \"%s\" is not a string: it is blocked", k));
    } else if (!(address = parse_url_like(value, base))) {
      warn(w, rt_asprintf("import map: the address \"%s\" of \"%s\" is not a URL: it is blocked",
                        value, k));
    } else if (ends_with_slash(k) && !ends_with_slash(address)) {
      warn(w, rt_asprintf("import map: the address \"%s\" of \"%s\" must end with \"/\" as its "
                        "key does: it is blocked",
                        value, k));
      free(address);
      address = NULL;
    }
    if (map_set(out, key, address) != 0) return -1;
  }
  if (out->n) qsort(out->e, out->n, sizeof *out->e, entry_desc);
  return 0;
}

void rt_import_map_free(rt_import_map *m) {
  if (!m) return;
  map_free(&m->imports);
  for (size_t i = 0; i < m->nscopes; i++) {
    free(m->scopes[i].prefix);
    map_free(&m->scopes[i].map);
  }
  free(m->scopes);
  free(m);
}

rt_import_map *rt_import_map_parse(const char *json, size_t len, const char *base,
                                   void (*warn_fn)(void *, const char *), void *data,
                                   char **err) {
  *err = NULL;
  char why[256];
  if (rt_cjson_load(why, sizeof why) != 0) {
    *err = rt_asprintf("import map: %s", why);
    return NULL;
  }
  warner w = {warn_fn, data};
  cJSON *root = CJSON(cJSON_ParseWithLength)(json, len);
  rt_import_map *m = calloc(1, sizeof *m);
  if (!m) goto oom;
  if (!root) {
    *err = rt_asprintf("import map: not valid JSON");
    goto fail;
  }
  if ((root->type & 0xff) != cJSON_Object) {
    *err = rt_asprintf("import map: the top level must be a JSON object");
    goto fail;
  }
  const cJSON *imports = rt_json_get(root, "imports");
  const cJSON *scopes = rt_json_get(root, "scopes");
  const cJSON *integrity = rt_json_get(root, "integrity");
  if (imports && (imports->type & 0xff) != cJSON_Object) {
    *err = rt_asprintf("import map: \"imports\" must be a JSON object");
    goto fail;
  }
  if (scopes && (scopes->type & 0xff) != cJSON_Object) {
    *err = rt_asprintf("import map: \"scopes\" must be a JSON object");
    goto fail;
  }
  if (integrity && (integrity->type & 0xff) != cJSON_Object) {
    *err = rt_asprintf("import map: \"integrity\" must be a JSON object");
    goto fail;
  }
  for (const cJSON *v = root->child; v; v = v->next) {
    const char *k = v->string ? v->string : "";
    if (strcmp(k, "imports") && strcmp(k, "scopes") && strcmp(k, "integrity"))
      warn(&w, rt_asprintf("import map: unknown top-level key \"%s\" is ignored", k));
  }
  if (imports && normalize_map(imports, base, &w, &m->imports) != 0) goto oom;
  for (const cJSON *v = scopes ? scopes->child : NULL; v; v = v->next) {
    const char *k = v->string ? v->string : "";
    if ((v->type & 0xff) != cJSON_Object) {
      *err = rt_asprintf("import map: the value of scope \"%s\" must be a JSON object", k);
      goto fail;
    }
    char *prefix = mod_url_join(k, base);
    if (!prefix) {
      warn(&w, rt_asprintf("import map: scope \"%s\" is not a URL: it is ignored", k));
      continue;
    }
    scope *s = NULL;
    for (size_t i = 0; i < m->nscopes; i++)
      if (strcmp(m->scopes[i].prefix, prefix) == 0) s = &m->scopes[i];
    if (s) {
      free(prefix);
      map_free(&s->map);
    } else {
      scope *g = realloc(m->scopes, (m->nscopes + 1) * sizeof *g);
      if (!g) {
        free(prefix);
        goto oom;
      }
      m->scopes = g;
      s = &m->scopes[m->nscopes++];
      s->prefix = prefix;
      s->map.e = NULL;
      s->map.n = 0;
    }
    if (normalize_map(v, base, &w, &s->map) != 0) goto oom;
  }
  if (m->nscopes) qsort(m->scopes, m->nscopes, sizeof *m->scopes, scope_desc);
  CJSON(cJSON_Delete)(root);
  return m;
oom:
  free(*err);
  *err = rt_strdup("out of memory");
fail:
  if (root) CJSON(cJSON_Delete)(root);
  rt_import_map_free(m);
  return NULL;
}

/* "resolve an imports match": 1 matched (*out the URL), 0 none, -1 blocked (*out why). */
static int imports_match(const specifier_map *m, const char *normalized, const char *as_url,
                         char **out) {
  for (size_t i = 0; i < m->n; i++) {
    const entry *e = &m->e[i];
    if (strcmp(e->key, normalized) == 0) {
      if (!e->address) {
        *out = rt_asprintf("import map: \"%s\" is blocked by a null or invalid entry", normalized);
        return -1;
      }
      *out = rt_strdup(e->address);
      return 1;
    }
    if (ends_with_slash(e->key) && starts_with(normalized, e->key) &&
        (!as_url || is_special(as_url))) {
      if (!e->address) {
        *out = rt_asprintf("import map: \"%s\" is blocked by the null or invalid entry \"%s\"",
                         normalized, e->key);
        return -1;
      }
      const char *after = normalized + strlen(e->key);
      char *url = mod_url_join(after, e->address);
      if (!url || !starts_with(url, e->address)) {
        free(url);
        *out = rt_asprintf("import map: \"%s\" maps through \"%s\" to a URL outside \"%s\"",
                         normalized, e->key, e->address);
        return -1;
      }
      *out = url;
      return 1;
    }
  }
  return 0;
}

int rt_import_map_resolve(const rt_import_map *m, const char *spec, const char *referrer,
                          char **out) {
  *out = NULL;
  if (!m || !referrer) return 0;
  char *as_url = parse_url_like(spec, referrer);
  const char *normalized = as_url ? as_url : spec;
  int rc = 0;
  for (size_t i = 0; i < m->nscopes && rc == 0; i++) {
    const char *p = m->scopes[i].prefix;
    if (strcmp(p, referrer) == 0 || (ends_with_slash(p) && starts_with(referrer, p)))
      rc = imports_match(&m->scopes[i].map, normalized, as_url, out);
  }
  if (rc == 0) rc = imports_match(&m->imports, normalized, as_url, out);
  free(as_url);
  return rc;
}
