/* The URL parser (core/ext/url/url_parse.c) on its own: hrefs and offsets, setters through
 * state overrides, and bad input (invalid UTF-8, NUL, huge and deeply odd strings) that must
 * give a failure or a correct result, never a crash or a leak. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ext/url/url_parse.h"

typedef struct {
  url_scratch sc;
  url_rec u, base;
  url_sb out;
  int32_t off[URL_O_COUNT];
} ctx;

static void ctx_init(ctx *c) {
  memset(c, 0, sizeof *c);
  url_rec_init(&c->u);
  url_rec_init(&c->base);
}

static void ctx_free(ctx *c) {
  url_scratch_free(&c->sc);
  url_rec_free(&c->u);
  url_rec_free(&c->base);
  url_sb_free(&c->out);
}

/* href of input (against base, may be NULL), or NULL when it is not a valid URL. Valid until
 * the next call. */
static const char *href(ctx *c, const char *input, size_t n, const char *base) {
  const url_rec *b = NULL;
  if (base) {
    if (url_parse(&c->sc, base, strlen(base), NULL, &c->base, 0) != URL_OK) return NULL;
    b = &c->base;
  }
  if (url_parse(&c->sc, input, n, b, &c->u, 0) != URL_OK) return NULL;
  assert_int_equal(url_serialize(&c->u, &c->out, c->off), URL_OK);
  assert_int_equal(url_sb_put(&c->out, "", 1), 0); /* NUL-terminated for the asserts */
  return c->out.p;
}

#define HREF(c, in, base) href((c), (in), strlen(in), (base))

static void parses(void **state) {
  (void)state;
  ctx c;
  ctx_init(&c);
  assert_string_equal(HREF(&c, "  HTTP://EXAMPLE.com:80/a/./b/../c?q=1 2#f ", NULL),
                      "http://example.com/a/c?q=1%202#f");
  assert_int_equal(c.off[URL_O_PROTOCOL_END], 5);
  assert_int_equal(c.off[URL_O_HOST_START], 7);
  assert_int_equal(c.off[URL_O_HOST_END], 18);
  assert_int_equal(c.off[URL_O_PORT], -1);
  assert_int_equal(c.off[URL_O_PATH_START], 18);
  assert_int_equal(c.off[URL_O_SEARCH_START], 22);
  assert_int_equal(c.off[URL_O_HASH_START], 30);
  assert_string_equal(HREF(&c, "http://u:p@[0:0::1]:8080/", NULL), "http://u:p@[::1]:8080/");
  assert_int_equal(c.off[URL_O_PORT], 8080);
  assert_string_equal(HREF(&c, "http://0x7f.1/", NULL), "http://127.0.0.1/");
  assert_string_equal(HREF(&c, "http://m\xc3\xbcnchen.de/", NULL), "http://xn--mnchen-3ya.de/");
  assert_string_equal(HREF(&c, "../x?y", "http://h/a/b/c"), "http://h/a/x?y");
  assert_string_equal(HREF(&c, "file:///C|/a/../..", NULL), "file:///C:/");
  assert_string_equal(HREF(&c, "sc:a b ?c", NULL), "sc:a b%20?c");
  assert_string_equal(HREF(&c, "web+x:/.//p", NULL), "web+x:/.//p");
  assert_int_equal(c.off[URL_O_PATH_START], 8);
  assert_null(HREF(&c, "http://a b/", NULL));
  assert_null(HREF(&c, "http://1.2.3.256/", NULL));
  assert_null(HREF(&c, "//x", NULL));
  assert_null(HREF(&c, "x", "sc:opaque"));
  ctx_free(&c);
}

static const char *set(ctx *c, const char *h, int override, const char *v) {
  assert_int_equal(url_parse(&c->sc, h, strlen(h), NULL, &c->u, 0), URL_OK);
  if (override == URL_ST_QUERY) {
    c->u.has_query = 1;
    c->u.query.n = 0;
  }
  (void)url_parse(&c->sc, v, strlen(v), NULL, &c->u, override);
  assert_int_equal(url_serialize(&c->u, &c->out, c->off), URL_OK);
  assert_int_equal(url_sb_put(&c->out, "", 1), 0);
  return c->out.p;
}

static void setters(void **state) {
  (void)state;
  ctx c;
  ctx_init(&c);
  assert_string_equal(set(&c, "http://a:443/", URL_ST_SCHEME_START, "https:"), "https://a/");
  assert_string_equal(set(&c, "http://a/", URL_ST_SCHEME_START, "sc:"), "http://a/");
  assert_string_equal(set(&c, "http://a/", URL_ST_HOST, "b:81"), "http://b:81/");
  /* A host set, then the port part fails: the host stays (the spec keeps what it changed). */
  assert_string_equal(set(&c, "http://a/", URL_ST_HOST, "b:x"), "http://b/");
  assert_string_equal(set(&c, "http://a/", URL_ST_HOSTNAME, "b:81"), "http://a/");
  assert_string_equal(set(&c, "http://a/", URL_ST_PORT, "99x"), "http://a:99/");
  assert_string_equal(set(&c, "http://a/", URL_ST_QUERY, "a b#c"), "http://a/?a%20b%23c");
  assert_int_equal(url_parse(&c.sc, "file:///x", 9, NULL, &c.u, 0), URL_OK);
  assert_int_equal(url_set_userinfo(&c.u, 0, "u", 1), URL_FAIL);
  ctx_free(&c);
}

static void bad_input(void **state) {
  (void)state;
  ctx c;
  ctx_init(&c);
  /* Invalid UTF-8 is percent-encoded byte by byte in paths; in a domain it fails. */
  assert_string_equal(HREF(&c, "http://h/\xff\xc3", NULL), "http://h/%FF%C3");
  assert_null(HREF(&c, "http://\xff.com/", NULL));
  assert_null(HREF(&c, "http://%ff.com/", NULL));
  /* NUL inside. */
  const char nul[] = "http://h/a\0b";
  assert_string_equal(href(&c, nul, sizeof nul - 1, NULL), "http://h/a%00b");
  assert_null(href(&c, "http://a\0b/", 11, NULL));
  /* 1 MB path, host, port digits and IPv6 pieces. */
  size_t big = 1 << 20;
  char *s = malloc(big + 32);
  assert_non_null(s);
  memcpy(s, "http://h/", 9);
  memset(s + 9, '%', big);
  const char *h = href(&c, s, big + 9, NULL);
  assert_non_null(h);
  assert_int_equal(strlen(h), big + 9);
  memcpy(s, "http://", 7);
  memset(s + 7, 'a', big);
  assert_non_null(href(&c, s, big + 7, NULL));
  memcpy(s + 7, "h:", 2);
  memset(s + 9, '9', big - 2);
  assert_null(href(&c, s, big + 7, NULL));
  memcpy(s + 7, "[", 1);
  for (size_t i = 8; i < big; i += 2) memcpy(s + i, "1:", 2);
  s[big] = ']';
  assert_null(href(&c, s, big + 1, NULL));
  /* A long non-ASCII domain through ICU. */
  size_t k = 0;
  memcpy(s, "http://", 7);
  k = 7;
  while (k + 2 < big) {
    s[k++] = '\xc3';
    s[k++] = '\xa9';
  }
  (void)href(&c, s, k, NULL); /* valid or not, it must not crash */
  free(s);
  ctx_free(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(parses),
      cmocka_unit_test(setters),
      cmocka_unit_test(bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
