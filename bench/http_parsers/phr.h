/*
 * phr.h: the declarations of picohttpparser's functions that Debian's libh2o.so exports
 * (h2o bundles the parser; Debian ships no header for it). Only what the benchmarks call.
 */
#ifndef BENCH_PHR_H
#define BENCH_PHR_H

#include <stddef.h>
#include <sys/types.h>

struct phr_header {
  const char *name;
  size_t name_len;
  const char *value;
  size_t value_len;
};

/* Returns the length of the request head, -1 on a parse error, -2 when incomplete. */
int phr_parse_request(const char *buf, size_t len, const char **method, size_t *method_len,
                      const char **path, size_t *path_len, int *minor_version,
                      struct phr_header *headers, size_t *num_headers, size_t last_len);

struct phr_chunked_decoder {
  size_t bytes_left_in_chunk;
  char consume_trailer;
  char _hex_count;
  char _state;
};

/* Decodes chunked data in place: -1 on error, -2 when more is needed, else the number of
 * bytes after the end of the chunked data; *bufsz becomes the decoded length. */
ssize_t phr_decode_chunked(struct phr_chunked_decoder *decoder, char *buf, size_t *bufsz);

#endif
