/* syntax_hint.c: names the language feature behind a SyntaxError that V8 10.2 reports for
 * syntax newer than itself (issue 18): its messages ("Unexpected identifier", "Invalid
 * regular expression flags") do not say that the code is valid today. Runs only on the error
 * path, on the error's message and its source line. */
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "syntax_hint.h"

/* The feature a SyntaxError points at, or NULL. */
static const char *feature_of(const char *message, const char *line, int column) {
  size_t col = column > 0 ? (size_t)column - 1 : 0;
  size_t line_len = line ? strlen(line) : 0;
  const char *at = line && col < line_len ? line + col : NULL;
  if (strstr(message, "Invalid regular expression flags")) {
    /* A literal: the flags after its closing slash, from the column V8 points at. */
    const char *end = at && *at == '/' ? strrchr(at, '/') : NULL;
    if (end && end > at) {
      size_t n = strspn(end + 1, "dgimsuvy");
      if (memchr(end + 1, 'v', n)) return "the RegExp 'v' flag (ES2024)";
    }
    return NULL;
  }
  if (strstr(message, "Invalid flags supplied to RegExp constructor")) {
    const char *q = strchr(message, '\'');
    return q && strchr(q, 'v') ? "the RegExp 'v' flag (ES2024)" : NULL;
  }
  if (strstr(message, "Invalid regular expression") && strstr(message, "Invalid group")) {
    /* (?i:...), (?-s:...), (?i-m:...): modifiers. */
    for (const char *p = strstr(message, "(?"); p; p = strstr(p + 2, "(?")) {
      size_t n = strspn(p + 2, "ims-");
      if (n && p[2 + n] == ':') return "RegExp modifiers (ES2025)";
    }
    return NULL;
  }
  if (strstr(message, "Duplicate capture group name")) {
    return "duplicate named capture groups (ES2025)";
  }
  if (at && *at == '@' && strstr(message, "Invalid or unexpected token")) return "decorators";
  if (at && strstr(message, "Unexpected identifier")) {
    /* `using x = ...` / `await using x = ...`: the identifier after `using`. */
    size_t i = col;
    while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) i--;
    if (i < col && i >= 5 && strncmp(line + i - 5, "using", 5) == 0 &&
        (i == 5 || !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$",
                           line[i - 6]))) {
      return "`using` declarations (explicit resource management)";
    }
  }
  return NULL;
}

void rt_syntax_hint(shim_exception *exc) {
  if (!exc || !exc->name || strcmp(exc->name, "SyntaxError") != 0 || !exc->message) return;
  if (strstr(exc->message, "(mrt: ")) return; /* hinted already (a module's error, reported) */
  const char *feature = feature_of(exc->message, exc->source_line, exc->column);
  if (!feature) return;
  char *message = rt_asprintf("%s (mrt: V8 10.2 does not support %s)", exc->message, feature);
  if (!message) return;
  /* The stack's first line is "SyntaxError: <message>": the same hint there. */
  if (exc->stack) {
    size_t old = strlen(exc->message);
    const char *first = strstr(exc->stack, exc->message);
    if (first) {
      char *stack = rt_asprintf("%.*s%s%s", (int)(first - exc->stack), exc->stack, message,
                                first + old);
      if (stack) {
        free(exc->stack);
        exc->stack = stack;
      }
    }
  }
  free(exc->message);
  exc->message = message;
}
