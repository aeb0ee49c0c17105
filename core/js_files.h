/* js_files.h: the runtime's JS sources, embedded at build time (embed_js.cmake). */
#ifndef MRT_JS_FILES_H
#define MRT_JS_FILES_H

#include <stddef.h>

typedef struct mrt_js_file {
  const char *name;
  const char *source;
  size_t len;
} mrt_js_file;

extern const mrt_js_file mrt_js_files[];
extern const size_t mrt_js_nfiles;

#endif
