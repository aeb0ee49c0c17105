/*
 * source_transform.h: sources that become JavaScript before they are compiled (TypeScript,
 * whose types are stripped). The kernel asks; an extension answers through
 * P.sourceTransforms[format] (core/js/core.js): a JS function, or the name of a lazy builtin
 * file whose result has one as `transform` (compiled on first use, so the startup snapshot
 * holds only the name: core/ext/typescript), called as fn(source, url):
 *   - a string: the JavaScript, with the same lines and columns as the source and depending
 *     on nothing but (source, url): it is kept in the code cache (--cache-dir) and served
 *     from there afterwards, without calling the function;
 *   - an object { code }: the JavaScript, used once (the extension kept state about it,
 *     such as a source map for stack traces);
 *   - a thrown error: the file does not load. An error carrying a non-enumerable
 *     `tsPosition` [line, column] (1-based) is reported at that place of the source.
 * core/source_transform.c. Not installed.
 */
#ifndef MRT_SOURCE_TRANSFORM_H
#define MRT_SOURCE_TRANSFORM_H

#include <stddef.h>

#include "mrt.h"
#include "shim.h"

/* The format of the file at url (a URL or a path) when it needs a transform: "typescript"
 * for .ts, .mts and .cts; NULL for JavaScript. By the name alone, in one function, so that a
 * classification shared with resolution (rt_module_format) can replace it. */
const char *rt_source_format(const char *url);

/* The JavaScript of src (len bytes) of url: *out (malloc'd, NUL-terminated, *out_len bytes)
 * when a transform applies, else *out = NULL (also when no extension provides the format's
 * transform: the source is then compiled as it is). JavaScript itself is not transformed;
 * with MRT_RUNTIME_SOURCE_MAPS its `//# sourceMappingURL=` map is noted for stack traces. 0, or -1 with exc set (the transform
 * threw or was terminated). Calls JS: not while V8 compiles or runs a microtask checkpoint. */
int rt_source_transform(mrt_runtime *rt, const char *url, const char *src, size_t len,
                        char **out, size_t *out_len, shim_exception *exc);

/* An uncaught error's place (file, line, column, source line) in a file with a source map (a
 * transformed one, or JavaScript under MRT_RUNTIME_SOURCE_MAPS): moved to the original
 * through P.mapStackPosition(file, line, column) -> [line, column, text, source]
 * (core/ext/source_maps; errors.js maps the stack's frames with it). In stripped TypeScript
 * (no map: same places) the line shown is the one written, types and all. */
void rt_source_map_location(mrt_runtime *rt, shim_exception *exc);

#endif /* MRT_SOURCE_TRANSFORM_H */
