/* Unit tests of mrt_error_format: the code frame (file:line:column, the source line, a
 * caret), its window on long lines, and what follows it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mrt.h"

static mrt_error thrown_at(const char *file, int line, int column, const char *source) {
  mrt_error e = {0};
  e.code = MRT_EEXCEPTION;
  e.name = "TypeError";
  e.message = "boom";
  e.stack = "TypeError: boom\n    at f (/a.js:3:9)";
  e.file = file;
  e.line = line;
  e.column = column;
  e.source_line = source;
  return e;
}

static void expect(const mrt_error *e, const char *want) {
  char *got = mrt_error_format(e);
  assert_non_null(got);
  assert_string_equal(got, want);
  mrt_free(got);
}

/* A throw with a stack still gets the frame (it used to be for syntax errors only). */
static void test_frame_for_runtime_throw(void **state) {
  (void)state;
  mrt_error e = thrown_at("/a.js", 3, 9, "  const x = o.y;");
  expect(&e,
         "/a.js:3:9\n"
         "  const x = o.y;\n"
         "        ^\n"
         "\n"
         "Uncaught TypeError: boom\n    at f (/a.js:3:9)\n");
}

/* Tabs before the column are kept so the caret lines up. */
static void test_tabs_kept(void **state) {
  (void)state;
  mrt_error e = thrown_at("/a.js", 1, 3, "\t\tx();");
  expect(&e, "/a.js:1:3\n\t\tx();\n\t\t^\n\nUncaught TypeError: boom\n    at f (/a.js:3:9)\n");
}

/* The column counts UTF-16 units; the caret one column per character. */
static void test_non_ascii_before_caret(void **state) {
  (void)state;
  /* "é" is one unit (two bytes), the emoji two units (four bytes). */
  mrt_error e = thrown_at("/a.js", 1, 6, "\xc3\xa9\xf0\x9f\x98\x80 = x;");
  expect(&e, "/a.js:1:6\n\xc3\xa9\xf0\x9f\x98\x80 = x;\n    ^\n\nUncaught TypeError: boom\n"
             "    at f (/a.js:3:9)\n");
}

/* A long line is shown as 80 columns around the caret, with "..." where it is cut. */
static void test_long_line_windowed(void **state) {
  (void)state;
  char line[1001], want[400];
  for (int i = 0; i < 1000; i++) line[i] = (char)('a' + i % 26);
  line[1000] = '\0';
  line[499] = '!'; /* column 500 */
  mrt_error e = thrown_at("/min.js", 1, 500, line);
  char *got = mrt_error_format(&e);
  assert_non_null(got);
  /* window: code points [459, 539) */
  snprintf(want, sizeof want, "/min.js:1:500\n...%.80s...\n%*s^\n\n", line + 459, 3 + 40, "");
  assert_int_equal(strncmp(got, want, strlen(want)), 0);
  mrt_free(got);

  /* Near the start: no leading "..."; near the end: no trailing one. */
  e.column = 5;
  got = mrt_error_format(&e);
  snprintf(want, sizeof want, "/min.js:1:5\n%.80s...\n    ^\n\n", line);
  assert_int_equal(strncmp(got, want, strlen(want)), 0);
  mrt_free(got);
  e.column = 1000;
  got = mrt_error_format(&e);
  snprintf(want, sizeof want, "/min.js:1:1000\n...%.80s\n%*s^\n\n", line + 920, 3 + 79, "");
  assert_int_equal(strncmp(got, want, strlen(want)), 0);
  mrt_free(got);
}

/* Thrown inside the runtime's own JS: no frame of its source; the stack names the user's. */
static void test_no_frame_for_internal_file(void **state) {
  (void)state;
  mrt_error e = thrown_at("mrt:core/ext/timers/timers.js", 20, 7, "      throw err;");
  expect(&e, "Uncaught TypeError: boom\n    at f (/a.js:3:9)\n");
}

/* What inspect showed (properties, [cause] chain) replaces the bare stack. */
static void test_inspected_replaces_stack(void **state) {
  (void)state;
  mrt_error e = thrown_at(NULL, 0, 0, NULL);
  e.inspected = "TypeError: boom\n    at f (/a.js:3:9) {\n  [cause]: 1\n}";
  expect(&e, "Uncaught TypeError: boom\n    at f (/a.js:3:9) {\n  [cause]: 1\n}\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_frame_for_runtime_throw),
      cmocka_unit_test(test_tabs_kept),
      cmocka_unit_test(test_non_ascii_before_caret),
      cmocka_unit_test(test_long_line_windowed),
      cmocka_unit_test(test_no_frame_for_internal_file),
      cmocka_unit_test(test_inspected_replaces_stack),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
