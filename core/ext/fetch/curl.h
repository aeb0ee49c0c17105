/*
 * curl.h: libcurl (Debian's libcurl4, OpenSSL flavour), loaded at the first fetch call.
 *
 * mrt is compiled against libcurl4-openssl-dev's headers but never linked to libcurl: nothing
 * of it is mapped until rt_curl_load() runs (cold start of a script without fetch is
 * unchanged). Afterwards the functions below are called through rt_curl:
 *
 *     CURL *e = rt_curl.curl_easy_init();
 *
 * Runtime's thread or any thread; the table is written once, inside pthread_once.
 */
#ifndef MRT_EXT_FETCH_CURL_H
#define MRT_EXT_FETCH_CURL_H

#include <stddef.h>

#define CURL_DISABLE_TYPECHECK /* curl_easy_setopt must stay a plain name (rt_curl.member) */
#include <curl/curl.h>

#define RT_CURL_FUNCTIONS(X)                                                                  \
  X(curl_global_init_mem) X(curl_version_info) X(curl_easy_init) X(curl_easy_cleanup)             \
  X(curl_easy_setopt) X(curl_easy_getinfo) X(curl_easy_pause) X(curl_easy_strerror)          \
  X(curl_slist_append) X(curl_slist_free_all) X(curl_multi_init) X(curl_multi_cleanup)       \
  X(curl_multi_setopt) X(curl_multi_add_handle) X(curl_multi_remove_handle)                 \
  X(curl_multi_socket_action) X(curl_multi_info_read) X(curl_multi_assign)

typedef struct rt_curl_api {
#define RT_CURL_MEMBER(fn) __typeof__(&fn) fn;
  RT_CURL_FUNCTIONS(RT_CURL_MEMBER)
#undef RT_CURL_MEMBER
} rt_curl_api;

/* libcurl's functions, after a successful rt_curl_load. */
extern rt_curl_api rt_curl;

/* 0 once libcurl is loaded and curl_global_init ran (the first call does it, once per
 * process); -1 otherwise, with the reason in err[0..n) (the same reason on every call). */
int rt_curl_load(char *err, size_t n);

#endif /* MRT_EXT_FETCH_CURL_H */
