/* url_parse.h: the WHATWG URL parser (core/ext/url/url_parse.c), pure C, no V8. A parse fills
 * url_rec's components; url_serialize writes the one normalized href and the offsets of its
 * components (what the JS getters slice). Used by the url extension's ops and by its unit test. */
#ifndef MRT_URL_PARSE_H
#define MRT_URL_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* A growable byte string. */
typedef struct url_sb {
  char *p;
  size_t n, cap;
} url_sb;

enum { URL_NOT_SPECIAL = 0, URL_HTTP, URL_HTTPS, URL_WS, URL_WSS, URL_FTP, URL_FILE };

typedef struct url_rec {
  url_sb scheme, user, pass, host, path, query, frag;
  int type;      /* URL_NOT_SPECIAL or the special scheme */
  int has_host;  /* host non-null (it may be empty) */
  int has_query, has_frag;
  int opaque;    /* opaque path: path holds it as is */
  int port;      /* -1: null */
  size_t nseg;   /* path segments; path holds "/seg" for each */
} url_rec;

/* A parser's reusable buffers (no allocation per parse once they have grown). */
typedef struct url_scratch {
  url_sb in, tmp, host;
} url_scratch;
void url_scratch_free(url_scratch *sc);

/* State overrides (the setters'); 0: none. */
enum {
  URL_ST_NONE = 0,
  URL_ST_SCHEME_START,
  URL_ST_HOST,
  URL_ST_HOSTNAME,
  URL_ST_PORT,
  URL_ST_PATH_START,
  URL_ST_QUERY,
  URL_ST_FRAGMENT,
};

/* Results. */
#define URL_OK 0
#define URL_FAIL (-1) /* not a valid URL (or a setter value refused) */
#define URL_NOMEM (-2)

/* The href offsets (url_serialize), an Int32Array in JS. */
enum {
  URL_O_PROTOCOL_END, /* after ':' */
  URL_O_USER_START,
  URL_O_USER_END,
  URL_O_PASS_START,
  URL_O_PASS_END,
  URL_O_HOST_START,
  URL_O_HOST_END,
  URL_O_PORT,         /* the number, -1 when null */
  URL_O_PATH_START,
  URL_O_SEARCH_START, /* index of '?', -1 when the query is null */
  URL_O_HASH_START,   /* index of '#', -1 when the fragment is null */
  URL_O_FLAGS,        /* URL_F_* */
  URL_O_COUNT
};
#define URL_F_HOST 1    /* host non-null */
#define URL_F_SPECIAL 2
#define URL_F_OPAQUE 4  /* opaque path */
#define URL_F_FILE 8

void url_rec_init(url_rec *u);
void url_rec_reset(url_rec *u);
void url_rec_free(url_rec *u);
void url_sb_free(url_sb *b);
/* Room for extra more bytes / appends s[0..n); 0 or -1 (no memory). */
int url_sb_reserve(url_sb *b, size_t extra);
int url_sb_put(url_sb *b, const char *s, size_t n);

/* The basic URL parser on UTF-8 input (in[0..n)): no override: u is reset and filled
 * (base may be NULL); with an override, u is the URL being modified. URL_OK, URL_FAIL or
 * URL_NOMEM. */
int url_parse(url_scratch *sc, const char *in, size_t n, const url_rec *base, url_rec *u,
              int override);

/* href of u into out (replacing it) and its offsets into off[URL_O_COUNT]. URL_OK/URL_NOMEM. */
int url_serialize(const url_rec *u, url_sb *out, int32_t *off);

/* Setters that are not a parse with an override (username, password): value percent-encoded
 * with the userinfo set. URL_OK, URL_FAIL (the URL can't have them: nothing changed), NOMEM. */
int url_set_userinfo(url_rec *u, int password, const char *v, size_t n);

/* application/x-www-form-urlencoded byte serializer of v[0..n) appended to out. */
int url_form_encode(url_sb *out, const char *v, size_t n);

#endif /* MRT_URL_PARSE_H */
