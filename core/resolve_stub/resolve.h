/* TEMP (dropped when the resolve branch lands): a copy of core/resolve.h's interface for
 * core/resolve_stub.c. */
#ifndef MRT_RESOLVE_H
#define MRT_RESOLVE_H

#include "mrt.h"

enum { RT_RESOLVE_IMPORT = 0, RT_RESOLVE_REQUIRE = 1 };
enum {
  RT_FORMAT_UNKNOWN = 0, RT_FORMAT_ESM, RT_FORMAT_COMMONJS, RT_FORMAT_JSON, RT_FORMAT_BUILTIN,
  RT_FORMAT_TS_ESM, RT_FORMAT_TS_COMMONJS, RT_FORMAT_TS_UNKNOWN
};
char *rt_resolve(mrt_runtime *rt, const char *spec, const char *referrer, int mode, char **msg,
                 const char **code);
int rt_module_format(mrt_runtime *rt, const char *url);

#endif
