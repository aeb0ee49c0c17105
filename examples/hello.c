/* hello.c: the smallest embedder. Creates a runtime, runs a script that logs through the
 * console and returns a value, prints the value from C, frees the runtime.
 *   cc hello.c $(pkg-config --cflags --libs libmrt) -o hello */
#include <stdio.h>
#include <string.h>

#include <mrt.h>

/* Prints the last error the way the mrt command does (file:line:column, source, stack). */
static void report(mrt_runtime *rt, int rc) {
  char *text = mrt_error_format(mrt_last_error(rt));
  fprintf(stderr, "%s\n", text ? text : mrt_strerror(rc));
  mrt_free(text);
}

int main(void) {
  mrt_runtime *rt;
  int rc = mrt_runtime_new(NULL, &rt);
  if (rc != MRT_OK) {
    report(NULL, rc); /* NULL: why the last mrt_runtime_new on this thread failed */
    return 1;
  }
  const char *src = "console.log('hello from JavaScript'); [6, 7].reduce((a, b) => a * b)";
  mrt_value *result;
  rc = mrt_execute_script(rt, "hello.js", src, strlen(src), &result);
  if (rc == MRT_OK) {
    /* console output is buffered by the runtime: flush it before writing from C. */
    mrt_flush(rt);
    printf("hello from C: the script returned %g\n", mrt_value_to_number(rt, result));
    mrt_value_free(rt, result);
  } else {
    report(rt, rc);
  }
  mrt_runtime_free(rt);
  return rc != MRT_OK;
}
