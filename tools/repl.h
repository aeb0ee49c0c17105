/* repl.h: `mrt` with no file. On a terminal, an interactive REPL (repl_run); with stdin
 * piped, or `mrt -`, the program read from stdin (repl_read_stdin); `mrt -p CODE` prints
 * CODE's result (repl_eval_print). The JS half is core/ext/repl/repl_impl.js. */
#ifndef MRT_TOOLS_REPL_H
#define MRT_TOOLS_REPL_H

#include <stddef.h>

#include "mrt.h"

/* All of stdin (NUL-terminated, malloc'd), at most MRT_MAX_SOURCE_BYTES; NULL with errno set
 * (EFBIG when larger). */
char *repl_read_stdin(size_t *len);

/* The interactive REPL on rt until .exit, Ctrl-D, Ctrl-C twice or mrt.exit(code): its exit
 * status. */
int repl_run(mrt_runtime *rt);

/* `mrt -p`: runs source as a classic script named name and prints its completion value as
 * console.log would (node -p), before the event loop runs. MRT_OK or the script's error. */
int repl_eval_print(mrt_runtime *rt, const char *name, const char *source, size_t len);

#endif
