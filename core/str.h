/*
 * str.h: the kernel's string helpers (malloc'd results; NULL when out of memory). Not
 * installed.
 */
#ifndef MRT_STR_H
#define MRT_STR_H

#include <stddef.h>

/* A copy of s; NULL for NULL. */
char *rt_strdup(const char *s);
/* A NUL-terminated copy of the n bytes at s. */
char *rt_strndup(const char *s, size_t n);
/* printf into a new string. */
char *rt_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* MRT_STR_H */
