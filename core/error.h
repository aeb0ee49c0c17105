/*
 * error.h: the last-error record (error.c) behind mrt_last_error, and the error codes of
 * exceptions. The record is error.c's alone: other files set it, recode it or clear it through
 * these functions. Not installed. Runtime's thread only (rt_creation_error: any thread, its
 * record is thread-local).
 */
#ifndef MRT_ERROR_H
#define MRT_ERROR_H

#include "mrt.h"
#include "shim.h"

/* Sets the last error (code, name may be NULL, printf-style message); returns code. */
int rt_set_error(mrt_runtime *rt, int code, const char *name, const char *fmt, ...);
/* Moves exc into the last error (exc is cleared) and returns the code, which depends on it
 * (MRT_EEXCEPTION, or for a termination MRT_ETERMINATED / MRT_EHEAPLIMIT). */
int rt_set_error_from_exception(mrt_runtime *rt, shim_exception *exc);
/* The last error stays but reports code instead (a module's exception is MRT_EMODULE);
 * returns code. */
int rt_error_recode(mrt_runtime *rt, int code);
/* The code an exception stands for (see rt_set_error_from_exception). */
int rt_exception_code(mrt_runtime *rt, const shim_exception *exc);
void rt_clear_error(mrt_runtime *rt);
/* A call that succeeded: the last-error record no longer describes anything. Inline (in
 * runtime_internal.h, where the record's place is known): every successful call runs it. */
static inline void rt_ok(mrt_runtime *rt);
/* Records why mrt_runtime_new failed (mrt_last_error(NULL)); code 0 clears it. */
int rt_creation_error(int code, const char *fmt, ...);
/* The same with the message of rt's last error (or code's text if none): the runtime that
 * failed to start is freed next, its record with it. Returns code. */
int rt_creation_error_from(mrt_runtime *rt, int code);

#endif /* MRT_ERROR_H */
