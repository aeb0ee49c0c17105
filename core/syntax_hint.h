/* syntax_hint.h: a SyntaxError for syntax newer than V8 10.2 names the feature (syntax_hint.c). */
#ifndef MRT_SYNTAX_HINT_H
#define MRT_SYNTAX_HINT_H
#include "shim.h"

/* Appends "(mrt: V8 10.2 does not support <feature>)" to exc's message and stack when
 * exc is a SyntaxError the engine's age explains; otherwise leaves exc as it is. */
void rt_syntax_hint(shim_exception *exc);

#endif
