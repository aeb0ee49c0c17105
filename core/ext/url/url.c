/* url.c: the ops behind URL and URLSearchParams (core/ext/url/url.js). One op call per parse:
 * the href comes back as a one-byte string (an href is always ASCII) and its component
 * offsets are written into the caller's Int32Array, so every getter is a slice in JS. When
 * the href is the input itself (an already normalized URL) the op returns true instead of
 * making the same string again. The parser is url_parse.c. */
#include <stdlib.h>
#include <string.h>

#include "ext/ext.h"
#include "ext/url/url_parse.h"
#include "runtime_internal.h"

#define SC(c) rt_op_shim_call(c)

typedef struct rt_url {
  url_scratch sc;
  url_rec u, base;
  url_sb out;
  url_sb conv[2];  /* Latin-1 arguments made UTF-8 */
  url_sb base_src; /* the input st->base was parsed from (a repeated base is not parsed again) */
  int base_valid;
} rt_url;

/* Argument i as UTF-8. One-byte strings (the usual URL) are copied as Latin-1 (a memcpy in
 * V8) and only widened when they have a byte above 0x7F; others go through V8's UTF-8
 * writer (lone surrogates become U+FFFD: USVString). */
static const char *arg_utf8(mrt_op_call *c, rt_url *st, int i, int slot, size_t *n) {
  size_t len;
  const char *s = shim_call_arg_latin1(SC(c), i, &len);
  if (!s) return shim_call_threw(SC(c)) ? NULL : mrt_op_arg_string(c, i, n);
  size_t high = 0;
  for (size_t k = 0; k < len; k++) high += (unsigned char)s[k] >> 7;
  if (!high) {
    *n = len;
    return s;
  }
  url_sb *b = &st->conv[slot];
  b->n = 0;
  if (url_sb_reserve(b, len + high)) return NULL;
  for (size_t k = 0; k < len; k++) {
    unsigned char ch = (unsigned char)s[k];
    if (ch < 0x80) {
      b->p[b->n++] = (char)ch;
    } else {
      b->p[b->n++] = (char)(0xC0 | (ch >> 6));
      b->p[b->n++] = (char)(0x80 | (ch & 0x3F));
    }
  }
  *n = b->n;
  return b->p;
}

/* Big buffers (a 1 MB URL) are not kept after the call. */
#define KEEP_MAX (64 * 1024)

static void trim_sb(url_sb *b) {
  if (b->cap > KEEP_MAX) url_sb_free(b);
}

static void trim(rt_url *st) {
  trim_sb(&st->sc.in);
  trim_sb(&st->sc.tmp);
  trim_sb(&st->sc.host);
  trim_sb(&st->out);
  trim_sb(&st->conv[0]);
  trim_sb(&st->conv[1]);
  if (st->base_src.cap > KEEP_MAX) {
    url_sb_free(&st->base_src);
    st->base_valid = 0;
  }
  url_sb *all[] = {&st->u.scheme, &st->u.user,    &st->u.pass,     &st->u.host,
                   &st->u.path,   &st->u.query,   &st->u.frag,     &st->base.scheme,
                   &st->base.user, &st->base.pass, &st->base.host, &st->base.path,
                   &st->base.query, &st->base.frag};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) trim_sb(all[i]);
}

static int32_t *offsets_arg(mrt_op_call *c, int i) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, i, &data, &len) != MRT_OK || len < URL_O_COUNT * sizeof(int32_t)) {
    return NULL;
  }
  return data;
}

static void nomem(mrt_op_call *c) {
  rt_op_error(c, "RangeError", "ERR_OUT_OF_MEMORY", "Out of memory parsing a URL");
}

/* Parses arg i (and the base, arg ib, unless undefined) into st->u. URL_OK / URL_FAIL /
 * URL_NOMEM; -3 when an argument's conversion threw. */
static int parse_args(mrt_op_call *c, rt_url *st, int i, int ib, const char **in, size_t *inlen) {
  const url_rec *base = NULL;
  if (ib >= 0 && mrt_op_arg_type(c, ib) != MRT_TYPE_UNDEFINED) {
    size_t bn;
    const char *b = arg_utf8(c, st, ib, 1, &bn);
    if (!b) return shim_call_threw(SC(c)) ? -3 : URL_NOMEM;
    if (!st->base_valid || st->base_src.n != bn || (bn && memcmp(st->base_src.p, b, bn) != 0)) {
      st->base_valid = 0;
      int rc = url_parse(&st->sc, b, bn, NULL, &st->base, 0);
      if (rc) return rc;
      st->base_src.n = 0;
      if (url_sb_put(&st->base_src, b, bn)) return URL_NOMEM;
      st->base_valid = 1;
    }
    base = &st->base;
  }
  *in = arg_utf8(c, st, i, 0, inlen);
  if (!*in && !shim_call_threw(SC(c))) return URL_NOMEM;
  if (!*in) return -3;
  return url_parse(&st->sc, *in, *inlen, base, &st->u, 0);
}

/* parse(input, base | undefined, offsets) -> href, true (the href is the input string), or
 * undefined (not a valid URL). */
static void op_parse(mrt_op_call *c) {
  rt_url *st = mrt_op_data(c);
  int32_t *off = offsets_arg(c, 2);
  if (!off) return;
  const char *in;
  size_t n;
  int rc = parse_args(c, st, 0, 1, &in, &n);
  if (rc == URL_OK) rc = url_serialize(&st->u, &st->out, off);
  if (rc == URL_OK) {
    if (st->out.n == n && memcmp(st->out.p, in, n) == 0) {
      mrt_op_return_boolean(c, 1);
    } else {
      shim_call_return_latin1(SC(c), st->out.p, st->out.n);
    }
  } else if (rc == URL_NOMEM) {
    nomem(c);
  }
  if (n > KEEP_MAX) trim(st);
}

/* canParse(input, base | undefined) -> boolean */
static void op_can_parse(mrt_op_call *c) {
  rt_url *st = mrt_op_data(c);
  const char *in;
  size_t n = 0;
  int rc = parse_args(c, st, 0, 1, &in, &n);
  if (rc == URL_NOMEM) nomem(c);
  else if (rc != -3) mrt_op_return_boolean(c, rc == URL_OK);
  if (n > KEEP_MAX) trim(st);
}

/* The setters, by number (url.js has the same list). */
enum {
  SET_PROTOCOL,
  SET_USERNAME,
  SET_PASSWORD,
  SET_HOST,
  SET_HOSTNAME,
  SET_PORT,
  SET_PATHNAME,
  SET_SEARCH,
  SET_HASH,
};

/* set(href, which, value, offsets) -> the new href, or undefined when nothing changed. The
 * href is the URL's own (valid and normalized): parsed again, then changed the way the
 * spec's setter does (a parse with a state override, which keeps what it changed even when
 * it then fails). */
static void op_set(mrt_op_call *c) {
  rt_url *st = mrt_op_data(c);
  int32_t *off = offsets_arg(c, 3);
  if (!off) return;
  size_t hn, vn;
  const char *href = arg_utf8(c, st, 0, 1, &hn);
  if (!href) return;
  int which = (int)mrt_op_arg_number(c, 1);
  url_rec *u = &st->u;
  int rc = url_parse(&st->sc, href, hn, NULL, u, 0);
  if (rc == URL_NOMEM) return nomem(c);
  if (rc != URL_OK) return; /* cannot happen: hrefs are valid */
  const char *v = arg_utf8(c, st, 2, 0, &vn);
  if (!v) return;
  int can_userinfo = u->has_host && u->host.n > 0 && u->type != URL_FILE;
  switch (which) {
  case SET_PROTOCOL:
    rc = url_parse(&st->sc, v, vn, NULL, u, URL_ST_SCHEME_START);
    break;
  case SET_USERNAME:
  case SET_PASSWORD:
    rc = url_set_userinfo(u, which == SET_PASSWORD, v, vn);
    break;
  case SET_HOST:
  case SET_HOSTNAME:
    if (u->opaque) return;
    rc = url_parse(&st->sc, v, vn, NULL, u, which == SET_HOST ? URL_ST_HOST : URL_ST_HOSTNAME);
    break;
  case SET_PORT:
    if (!can_userinfo) return;
    if (vn == 0) {
      u->port = -1;
    } else {
      rc = url_parse(&st->sc, v, vn, NULL, u, URL_ST_PORT);
    }
    break;
  case SET_PATHNAME:
    if (u->opaque) return;
    u->path.n = 0;
    u->nseg = 0;
    rc = url_parse(&st->sc, v, vn, NULL, u, URL_ST_PATH_START);
    break;
  case SET_SEARCH:
    if (vn == 0) {
      u->has_query = 0;
      u->query.n = 0;
    } else {
      if (v[0] == '?') {
        v++;
        vn--;
      }
      u->has_query = 1;
      u->query.n = 0;
      rc = url_parse(&st->sc, v, vn, NULL, u, URL_ST_QUERY);
    }
    break;
  case SET_HASH:
    if (vn == 0) {
      u->has_frag = 0;
      u->frag.n = 0;
    } else {
      if (v[0] == '#') {
        v++;
        vn--;
      }
      u->has_frag = 1;
      u->frag.n = 0;
      rc = url_parse(&st->sc, v, vn, NULL, u, URL_ST_FRAGMENT);
    }
    break;
  default:
    return;
  }
  if (rc == URL_NOMEM) return nomem(c);
  rc = url_serialize(u, &st->out, off);
  if (rc == URL_NOMEM) return nomem(c);
  shim_call_return_latin1(SC(c), st->out.p, st->out.n);
  if (hn > KEEP_MAX || vn > KEEP_MAX) trim(st);
}

/* formEncode(string) -> the application/x-www-form-urlencoded bytes of its UTF-8 */
static void op_form_encode(mrt_op_call *c) {
  rt_url *st = mrt_op_data(c);
  size_t n;
  const char *s = mrt_op_arg_string(c, 0, &n);
  if (!s) return;
  st->out.n = 0;
  if (url_form_encode(&st->out, s, n)) return nomem(c);
  shim_call_return_latin1(SC(c), st->out.p, st->out.n);
  if (n > KEEP_MAX) trim(st);
}

static const mrt_op_decl url_ops[] = {
    {.name = "urlParse", .fn = op_parse},
    {.name = "urlCanParse", .fn = op_can_parse},
    {.name = "urlSet", .fn = op_set},
    {.name = "urlFormEncode", .fn = op_form_encode},
};

int rt_url_init(mrt_runtime *rt, void **state) {
  rt_url *st = calloc(1, sizeof *st);
  if (!st) return MRT_ENOMEM;
  url_rec_init(&st->u);
  url_rec_init(&st->base);
  *state = st;
  for (size_t i = 0; i < sizeof url_ops / sizeof url_ops[0]; i++) {
    mrt_op_decl d = url_ops[i];
    d.data = st;
    int rc = rt_register_builtin(rt, &d);
    if (rc) return rc;
  }
  return MRT_OK;
}

void rt_url_free(mrt_runtime *rt, void *state) {
  (void)rt;
  rt_url *st = state;
  if (!st) return;
  url_scratch_free(&st->sc);
  url_rec_free(&st->u);
  url_rec_free(&st->base);
  url_sb_free(&st->out);
  url_sb_free(&st->conv[0]);
  url_sb_free(&st->conv[1]);
  url_sb_free(&st->base_src);
  free(st);
}
