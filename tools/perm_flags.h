/* perm_flags.h: the sandbox's command-line flags (--sandbox, --allow-read[=PATHS], ...) made
 * into mrt_options.permissions (core/include/mrt.h). */
#ifndef MRT_TOOLS_PERM_FLAGS_H
#define MRT_TOOLS_PERM_FLAGS_H

/* arg is one of the flags: its grants are added to *spec (made on the first: the sandbox is
 * on) and 1 is returned; 0 when arg is another flag; -1 when out of memory. */
int perm_flag(const char *arg, char **spec);
/* Adds the grant "kind=value" to *spec when the sandbox is on (*spec non-NULL); 0 or -1. */
int perm_grant(char **spec, const char *kind, const char *value);

#endif
