/* module_syntax.c: whether source text uses ES module syntax, the cheap scan Node 22's
 * detection stands for: a .js file with no package.json "type" is an ES module when it does
 * and CommonJS otherwise (the mrt command's main, imports, require). */
#include <string.h>

#include "modules_internal.h"

static int is_ident(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '$' || c >= 0x80;
}

/* A cheap scan for module syntax: an `import`/`export` declaration at the top level or
 * `import.meta` anywhere, outside comments, strings, templates and (heuristically)
 * regular expressions. A miss costs a failed compile as a script or CommonJS (the mrt
 * command then runs the file as a module: tools/mrt.c, is_module_syntax_error); a false
 * positive needs a declaration-like line inside an unrecognised literal. */
int mod_has_module_syntax(const char *s, size_t n) {
  int depth = 0, newline = 1;
  unsigned char prev = 0; /* last significant character; 0 at the start */
  for (size_t i = 0; i < n;) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '\n') {
      newline = 1;
      i++;
    } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
      i++;
    } else if (ch == '/' && i + 1 < n && s[i + 1] == '/') {
      while (i < n && s[i] != '\n') i++;
    } else if (ch == '/' && i + 1 < n && s[i + 1] == '*') {
      for (i += 2; i + 1 < n && !(s[i] == '*' && s[i + 1] == '/'); i++)
        if (s[i] == '\n') newline = 1;
      i += 2;
    } else if (ch == '\'' || ch == '"' || ch == '`' ||
               (ch == '/' && (!prev || strchr("(,=:[!&|?{};+-*%<>~^", prev)))) {
      /* A string, template or regular expression: skip to its unescaped end. */
      int in_class = 0;
      for (i++; i < n; i++) {
        if (s[i] == '\\') {
          i++;
        } else if (ch == '/' && s[i] == '[') {
          in_class = 1;
        } else if (ch == '/' && s[i] == ']') {
          in_class = 0;
        } else if (s[i] == (char)ch && !in_class) {
          break;
        } else if (s[i] == '\n' && ch != '`') {
          break;
        }
      }
      i++;
      prev = '"';
      newline = 0;
    } else if (is_ident(ch)) {
      size_t start = i;
      while (i < n && is_ident((unsigned char)s[i])) i++;
      size_t len = i - start;
      int stmt = prev == 0 || prev == ';' || prev == '{' || prev == '}' || newline;
      size_t j = i;
      while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
      unsigned char next = j < n ? (unsigned char)s[j] : 0;
      if (len == 6 && memcmp(s + start, "import", 6) == 0 && prev != '.') {
        if (next == '.' && j + 5 <= n && memcmp(s + j + 1, "meta", 4) == 0) return 1;
        if (depth == 0 && stmt && (is_ident(next) || next == '{' || next == '*' ||
                                   next == '\'' || next == '"')) {
          return 1;
        }
      } else if (len == 6 && memcmp(s + start, "export", 6) == 0 && prev != '.' &&
                 depth == 0 && stmt && (is_ident(next) || next == '{' || next == '*')) {
        return 1;
      }
      prev = 'a';
      newline = 0;
    } else {
      if (ch == '{') depth++;
      else if (ch == '}' && depth > 0) depth--;
      prev = ch;
      newline = 0;
      i++;
    }
  }
  return 0;
}
