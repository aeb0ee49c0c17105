/*
 * import_map.h: import maps as the HTML standard defines them ("imports" and "scopes";
 * html.spec.whatwg.org/multipage/webappapis.html#import-maps), applied by core/modules.c to
 * every specifier before the loader resolves it. Internal.
 */
#ifndef MRT_IMPORT_MAP_H
#define MRT_IMPORT_MAP_H

#include <stddef.h>

typedef struct rt_import_map rt_import_map;

/* Parses an import map's JSON text; addresses resolve against base_url. Entries the
 * standard calls invalid are dropped with a warning each (warn(data, message)); NULL with
 * *err (malloc'd) when the text is not JSON or its shape is wrong (a TypeError in the
 * standard). */
rt_import_map *rt_import_map_parse(const char *json, size_t len, const char *base_url,
                                   void (*warn)(void *data, const char *message), void *data,
                                   char **err);

/* The standard's "resolve a module specifier" up to its fallback: 1 with *out (a malloc'd
 * URL) when the map maps spec from a module at referrer_url; 0 when it does not (the loader
 * resolves it); -1 with *out a malloc'd message when the map blocks it (a null entry, a
 * prefix match that is not a URL or backtracks above its prefix). */
int rt_import_map_resolve(const rt_import_map *map, const char *spec, const char *referrer_url,
                          char **out);

void rt_import_map_free(rt_import_map *map);

#endif /* MRT_IMPORT_MAP_H */
