/* js_files.h: the runtime's JS sources, embedded at build time (embed_js.cmake). */
#ifndef MRT_JS_FILES_H
#define MRT_JS_FILES_H

#include <stddef.h>

typedef struct rt_js_file {
  const char *name;
  const char *source;
  size_t len;
} rt_js_file;

extern const rt_js_file rt_js_files[];
extern const size_t rt_js_nfiles;

#endif
