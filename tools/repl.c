/* repl.c: the mrt command's REPL, `mrt -` / piped programs and `mrt -p`.
 *
 * Each input is run as a classic script in the runtime's one context, so `let`, `const` and
 * `class` declarations persist from line to line in the global script scope (standard V8
 * behaviour; Node gets the same from V8's REPL mode, which V8 10.2 does not expose). A line
 * V8 refuses for a top-level `await` is rewritten by repl_impl.js to run in an async function
 * (its declarations hoisted), and its promise awaited with the event loop running. Input
 * that ends early ("Unexpected end of input") continues on the next line. Line editing and
 * history come from Debian's libedit, dlopen()ed when the REPL starts (nothing at cold start);
 * without it (or when stdout is not a terminal) lines are read plainly. The event loop runs
 * while the REPL waits for input, so timers fire at the prompt as in Node. Ctrl-C cancels the
 * line (twice at an empty prompt: exit) or interrupts the running code. */
#define _GNU_SOURCE /* pipe2 */
#include "repl.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- stdin */

char *repl_read_stdin(size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  if (!buf) return NULL;
  for (;;) {
    if (n + 1 == cap) {
      char *grown = cap > MRT_MAX_SOURCE_BYTES ? NULL : realloc(buf, cap * 2);
      if (!grown) {
        free(buf);
        errno = cap > MRT_MAX_SOURCE_BYTES ? EFBIG : ENOMEM;
        return NULL;
      }
      buf = grown;
      cap *= 2;
    }
    ssize_t r = read(0, buf + n, cap - n - 1);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int err = errno;
      free(buf);
      errno = err;
      return NULL;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  if (n > MRT_MAX_SOURCE_BYTES) {
    free(buf);
    errno = EFBIG;
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* ---------------------------------------------------------------- libedit */

/* The readline-compatible part of libedit.so.2 the REPL uses (its callback interface, so the
 * event loop runs between keys). */
typedef struct editline {
  void *so;
  void (*handler_install)(const char *prompt, void (*fn)(char *));
  void (*handler_remove)(void);
  void (*read_char)(void);
  void (*forced_update_display)(void);
  int (*add_history)(const char *);
  int (*read_history)(const char *);
  int (*write_history)(const char *);
  void (*stifle_history)(int);
  char **(*completion_matches)(const char *text, char *(*next)(const char *, int));
  char **(**attempted_completion)(const char *text, int start, int end);
  int *attempted_completion_over; /* set: no file-name completion after ours */
  int *completion_append;         /* rl_completion_append_character: none after a name */
  int *end;          /* rl_end: characters on the line being edited */
  int *catch_signals; /* rl_catch_signals: the REPL handles SIGINT itself */
} editline;

static int editline_open(editline *ed) {
  memset(ed, 0, sizeof *ed);
  ed->so = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
  if (!ed->so) return -1;
#define SYM(field, name) (*(void **)&ed->field = dlsym(ed->so, name))
  if (!SYM(handler_install, "rl_callback_handler_install") ||
      !SYM(handler_remove, "rl_callback_handler_remove") ||
      !SYM(read_char, "rl_callback_read_char") ||
      !SYM(forced_update_display, "rl_forced_update_display") ||
      !SYM(add_history, "add_history") || !SYM(read_history, "read_history") ||
      !SYM(write_history, "write_history") || !SYM(stifle_history, "stifle_history") ||
      !SYM(completion_matches, "rl_completion_matches") ||
      !SYM(attempted_completion, "rl_attempted_completion_function") ||
      !SYM(attempted_completion_over, "rl_attempted_completion_over") ||
      !SYM(completion_append, "rl_completion_append_character") ||
      !SYM(end, "rl_end") || !SYM(catch_signals, "rl_catch_signals")) {
    dlclose(ed->so);
    ed->so = NULL;
    return -1;
  }
#undef SYM
  return 0;
}

/* ---------------------------------------------------------------- state */

#define HISTORY_SIZE 1000 /* Node's default */

typedef struct repl {
  mrt_runtime *rt;
  mrt_value *impl; /* repl_impl.js's functions */
  editline ed;
  int edit;         /* libedit is in use */
  char *history;    /* its file, or NULL */
  char *input;      /* lines of an input not complete yet */
  size_t input_len;
  char *line;       /* the line libedit handed over */
  int have_line, eof;
  char plain[4096]; /* plain mode: bytes read, not yet a line */
  size_t plain_len;
  int counter;      /* REPL<n> script names */
  int ctrl_c;       /* Ctrl-C pressed at an empty prompt just before */
  int done, status;
  int sig_pipe[2];  /* SIGINT handler -> watcher thread */
  int note_pipe[2]; /* watcher -> input loop: Ctrl-C at the prompt */
  pthread_t watcher;
  atomic_int busy;        /* JS or the event loop is running */
  atomic_int interrupted; /* ... and Ctrl-C terminated it */
} repl;

enum { EVAL_DONE, EVAL_INCOMPLETE };

static const char help_text[] =
    ".break    Sometimes you get stuck, this gets you out\n"
    ".clear    Alias for .break (the context is kept: declarations stay)\n"
    ".exit     Exit the REPL\n"
    ".help     Print this help message\n"
    "\n"
    "Press Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n"
    "_ holds the last result, _error the last error; top-level await works.\n";

static void out(repl *r, const char *s) {
  mrt_flush(r->rt); /* the program's console output first */
  fputs(s, stdout);
  fflush(stdout);
}

/* ---------------------------------------------------------------- Ctrl-C */

static int sigint_fd = -1;

static void on_sigint(int sig) {
  (void)sig;
  int saved = errno;
  char c = 1;
  if (write(sigint_fd, &c, 1) < 0) { /* nothing to do: a full pipe has a byte already */
  }
  errno = saved;
}

/* Ctrl-C while JS runs stops it (mrt_terminate is not async-signal-safe: called here, not in
 * the handler); at the prompt it goes to the input loop. */
static void *watch_sigint(void *arg) {
  repl *r = arg;
  char c;
  while (read(r->sig_pipe[0], &c, 1) == 1) {
    if (atomic_load(&r->busy)) {
      atomic_store(&r->interrupted, 1);
      mrt_terminate(r->rt);
    } else if (write(r->note_pipe[1], &c, 1) < 0) {
    }
  }
  return NULL;
}

static int sigint_start(repl *r) {
  if (pipe2(r->sig_pipe, O_CLOEXEC) != 0) return -1;
  if (pipe2(r->note_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    close(r->sig_pipe[0]);
    close(r->sig_pipe[1]);
    return -1;
  }
  fcntl(r->sig_pipe[1], F_SETFL, O_NONBLOCK);
  sigint_fd = r->sig_pipe[1];
  pthread_create(&r->watcher, NULL, watch_sigint, r);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  return 0;
}

static void sigint_stop(repl *r) {
  signal(SIGINT, SIG_DFL);
  sigint_fd = -1;
  close(r->sig_pipe[1]); /* the watcher reads end of file */
  pthread_join(r->watcher, NULL);
  close(r->sig_pipe[0]);
  close(r->note_pipe[0]);
  close(r->note_pipe[1]);
}

static void busy_begin(repl *r) {
  /* A Ctrl-C that came as the last call returned must not end this one. (Not after a call:
   * it would clear the call's error.) */
  mrt_cancel_terminate(r->rt);
  atomic_store(&r->interrupted, 0);
  atomic_store(&r->busy, 1);
}

static void busy_end(repl *r) {
  atomic_store(&r->busy, 0);
}

/* ---------------------------------------------------------------- calling repl_impl.js */

/* impl[fn](arg) as a string (malloc'd), or NULL when it returned something else. */
static char *impl_call_string(repl *r, const char *fn, mrt_value *arg, int argc) {
  mrt_value *f = NULL, *res = NULL;
  char *s = NULL;
  if (mrt_get(r->rt, r->impl, fn, &f) == MRT_OK &&
      mrt_call(r->rt, f, r->impl, argc, &arg, &res) == MRT_OK &&
      mrt_value_type(r->rt, res) == MRT_TYPE_STRING) {
    s = mrt_value_to_string(r->rt, res, NULL);
  }
  mrt_value_free(r->rt, f);
  mrt_value_free(r->rt, res);
  return s;
}

static int impl_load(mrt_runtime *rt, mrt_value **impl) {
  static const char code[] = "mrt.repl()";
  return mrt_execute_script(rt, "[repl]", code, sizeof code - 1, impl);
}

/* ---------------------------------------------------------------- errors */

/* A compile error of the script itself (nothing ran: no stack frames). */
static int is_syntax_error(const mrt_error *e) {
  return e->name && strcmp(e->name, "SyntaxError") == 0 &&
         !(e->stack && strstr(e->stack, "\n    at "));
}

/* Input that more lines may complete: V8 reached its end ("Unexpected end of input"), or an
 * unclosed comment (V8: "Invalid or unexpected token" where the comment starts). */
static int is_incomplete(const mrt_error *e, const char *code) {
  if (!is_syntax_error(e) || !e->message) return 0;
  if (strcmp(e->message, "Unexpected end of input") == 0) return 1;
  if (strcmp(e->message, "Invalid or unexpected token") == 0 && e->line > 0 && e->column > 0) {
    const char *p = code;
    for (int l = 1; l < e->line && p; l++) {
      p = strchr(p, '\n');
      if (p) p++;
    }
    if (p && strlen(p) >= (size_t)e->column + 1) {
      p += e->column - 1;
      return strncmp(p, "/*", 2) == 0 && !strstr(p + 2, "*/");
    }
  }
  return 0;
}

/* V8's refusals of a top-level `await` in a classic script. */
static int is_await_error(const mrt_error *e, const char *code) {
  if (!is_syntax_error(e) || !e->message || !strstr(code, "await")) return 0;
  return strcmp(e->message,
                "await is only valid in async functions and the top level bodies of modules") ==
             0 ||
         strcmp(e->message, "Unexpected reserved word") == 0;
}

/* Prints the error the last call failed with (rc), as Node's REPL does: "Uncaught ...", a
 * syntax error with its line and a caret. */
static void report(repl *r, int rc) {
  const mrt_error *e = mrt_last_error(r->rt);
  if (rc == MRT_ETERMINATED && mrt_exit_code(r->rt) >= 0) {
    r->done = 1;
    r->status = mrt_exit_code(r->rt);
    return;
  }
  if (rc == MRT_ETERMINATED) {
    out(r, atomic_load(&r->interrupted)
               ? "\nUncaught Error: Script execution was interrupted by SIGINT\n"
               : "Uncaught Error: execution terminated\n");
    return;
  }
  if (rc == MRT_ESTALLED) {
    out(r, "Uncaught Error: the awaited promise will never settle (the event loop has no "
           "more work)\n");
    return;
  }
  int syntax = is_syntax_error(e) && e->source_line && e->column > 0;
  size_t n = 256 + (e->source_line ? strlen(e->source_line) : 0) +
             (e->message ? strlen(e->message) : 0) + (e->name ? strlen(e->name) : 0) +
             (size_t)(e->column > 0 ? e->column : 0);
  char *s = malloc(n);
  if (!s) return;
  if (syntax) {
    snprintf(s, n, "%s\n%*s^\n\nUncaught SyntaxError: %s\n", e->source_line, e->column - 1, "",
             e->message ? e->message : "");
  } else if (e->name) {
    snprintf(s, n, "Uncaught %s: %s\n", e->name, e->message ? e->message : "");
  } else {
    snprintf(s, n, "Uncaught %s\n", e->message ? e->message : "exception");
  }
  /* The thrown Error itself, when the runtime saw one (it becomes _error; this call clears
   * mrt_last_error, read above): shown with its stack and properties. */
  char *described = impl_call_string(r, "failed", NULL, 0);
  if (described && !syntax) {
    size_t k = strlen(described) + 2;
    char *d = malloc(k);
    if (d) {
      snprintf(d, k, "%s\n", described);
      free(s);
      s = d;
    }
  }
  out(r, s);
  free(s);
  mrt_free(described);
}

/* ---------------------------------------------------------------- evaluation */

static int run_script(repl *r, const char *code, size_t len, mrt_value **result) {
  char name[32];
  snprintf(name, sizeof name, "REPL%d", ++r->counter);
  busy_begin(r);
  int rc = mrt_execute_script(r->rt, name, code, len, result);
  busy_end(r);
  return rc;
}

static void show(repl *r, mrt_value *value) {
  char *s = impl_call_string(r, "result", value, 1);
  if (s) {
    out(r, s);
    out(r, "\n");
  }
  mrt_free(s);
}

/* Runs the microtasks and what else is due, reporting what fails there. */
static void loop_turn(repl *r) {
  busy_begin(r);
  int rc = mrt_poll_event_loop(r->rt);
  busy_end(r);
  if (rc < 0) report(r, rc);
}

/* An `await` line: the rewritten script, its promise awaited with the loop running. */
static int run_awaited(repl *r, const char *code) {
  mrt_value *arg = mrt_string(r->rt, code, strlen(code)), *f = NULL, *script = NULL;
  int rc = arg ? mrt_get(r->rt, r->impl, "prepareAwait", &f) : MRT_ENOMEM;
  if (rc == MRT_OK) rc = mrt_call(r->rt, f, r->impl, 1, &arg, &script);
  if (rc != MRT_OK) return -1;
  mrt_type t = mrt_value_type(r->rt, script);
  if (t == MRT_TYPE_BOOLEAN) return EVAL_INCOMPLETE;
  if (t != MRT_TYPE_STRING) return -1; /* not valid with await either */
  size_t len;
  char *wrapped = mrt_value_to_string(r->rt, script, &len);
  mrt_value *promise = NULL, *settled = NULL, *text = NULL;
  rc = wrapped ? run_script(r, wrapped, len, &promise) : MRT_ENOMEM;
  mrt_free(wrapped);
  if (rc != MRT_OK) {
    report(r, rc);
    return EVAL_DONE;
  }
  mrt_value *settle = NULL;
  rc = mrt_get(r->rt, r->impl, "settle", &settle);
  if (rc == MRT_OK) rc = mrt_call(r->rt, settle, r->impl, 1, &promise, &settled);
  if (rc == MRT_OK) {
    busy_begin(r);
    rc = mrt_resolve_value(r->rt, settled, &text);
    busy_end(r);
  }
  if (rc != MRT_OK) {
    report(r, rc);
    return EVAL_DONE;
  }
  char *s = mrt_value_to_string(r->rt, text, NULL);
  if (s) {
    out(r, s);
    out(r, "\n");
  }
  mrt_free(s);
  return EVAL_DONE;
}

static int first_char(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
  return *s;
}

static int last_char(const char *s, size_t len) {
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                 s[len - 1] == '\r')) {
    len--;
  }
  return len ? s[len - 1] : 0;
}

static int evaluate(repl *r, const char *code, size_t len) {
  mrt_value *value = NULL;
  int rc;
  /* `{ a: 1 }` is an object, not a block (as in Node) when that parses. */
  if (first_char(code) == '{' && last_char(code, len) != ';') {
    size_t n = len + 4;
    char *paren = malloc(n);
    if (!paren) return EVAL_DONE;
    snprintf(paren, n, "(%s\n)", code);
    rc = run_script(r, paren, strlen(paren), &value);
    free(paren);
    if (!(rc == MRT_EEXCEPTION && is_syntax_error(mrt_last_error(r->rt)))) goto ran;
    free(impl_call_string(r, "forget", NULL, 0));
    r->counter--;
  }
  rc = run_script(r, code, len, &value);
  if (rc == MRT_EEXCEPTION) {
    const mrt_error *e = mrt_last_error(r->rt);
    if (is_incomplete(e, code)) {
      free(impl_call_string(r, "forget", NULL, 0));
      r->counter--;
      return EVAL_INCOMPLETE;
    }
    if (is_await_error(e, code)) {
      /* Keep the refusal to report it if the rewriting cannot help. */
      char *saved_line = e->source_line ? strdup(e->source_line) : NULL;
      int col = e->column;
      free(impl_call_string(r, "forget", NULL, 0));
      int res = run_awaited(r, code);
      if (res == -1 && saved_line) {
        size_t n = strlen(saved_line) * 2 + 200 + (size_t)(col > 0 ? col : 0);
        char *s = malloc(n);
        if (s) {
          snprintf(s, n,
                   "%s\n%*s^\n\nUncaught SyntaxError: await is only valid in async functions "
                   "and the top level bodies of modules\n",
                   saved_line, col > 0 ? col - 1 : 0, "");
          out(r, s);
        }
        free(s);
      }
      free(saved_line);
      if (res != EVAL_INCOMPLETE) loop_turn(r);
      return res == EVAL_INCOMPLETE ? EVAL_INCOMPLETE : EVAL_DONE;
    }
  }
ran:
  if (rc == MRT_OK) show(r, value);
  else report(r, rc);
  mrt_value_free(r->rt, value);
  if (!r->done) loop_turn(r);
  return EVAL_DONE;
}

/* ---------------------------------------------------------------- input */

static const char *prompt(const repl *r) {
  return r->input_len ? "... " : "> ";
}

static void reset_input(repl *r) {
  free(r->input);
  r->input = NULL;
  r->input_len = 0;
}

/* One line typed (without its newline). */
static void on_line(repl *r, const char *line) {
  r->ctrl_c = 0;
  const char *t = line;
  while (*t == ' ' || *t == '\t') t++;
  if (r->edit && *t && r->history) {
    r->ed.add_history(line);
    r->ed.write_history(r->history);
  } else if (r->edit && *t) {
    r->ed.add_history(line);
  }
  /* REPL commands: a dot and a word, at the start of an input (.break and .clear anywhere). */
  if (t[0] == '.' && ((t[1] >= 'a' && t[1] <= 'z') || (t[1] >= 'A' && t[1] <= 'Z'))) {
    size_t k = strcspn(t, " \t");
    if ((k == 6 && strncmp(t, ".break", 6) == 0) || (k == 6 && strncmp(t, ".clear", 6) == 0)) {
      reset_input(r);
      return;
    }
    if (!r->input_len) {
      if (k == 5 && strncmp(t, ".exit", 5) == 0) {
        r->done = 1;
        return;
      }
      if (k == 5 && strncmp(t, ".help", 5) == 0) {
        out(r, help_text);
        return;
      }
      out(r, "Invalid REPL keyword\n");
      return;
    }
  }
  size_t n = strlen(line);
  char *grown = realloc(r->input, r->input_len + n + 2);
  if (!grown) return;
  r->input = grown;
  if (r->input_len) r->input[r->input_len++] = '\n';
  memcpy(r->input + r->input_len, line, n + 1);
  r->input_len += n;
  if (!first_char(r->input)) {
    reset_input(r);
    return;
  }
  mrt_scope_open(r->rt);
  int res = evaluate(r, r->input, r->input_len);
  mrt_scope_close(r->rt);
  if (res == EVAL_DONE) reset_input(r);
}

static void on_ctrl_c(repl *r, int line_empty) {
  out(r, "\n");
  if (line_empty && !r->input_len) {
    if (r->ctrl_c) {
      r->done = 1;
      return;
    }
    r->ctrl_c = 1;
    out(r, "(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n");
  } else {
    r->ctrl_c = 0;
  }
  reset_input(r);
}

/* libedit's callback: one line, or NULL at end of input (Ctrl-D). */
static repl *editing;
static void edit_line(char *line) {
  if (!line) {
    editing->eof = 1;
    return;
  }
  free(editing->line);
  editing->line = line;
  editing->have_line = 1;
}

/* Tab: repl_impl.js's complete(word) gives the candidates; libedit takes them one by one
 * (state 0 first) and frees each. */
static char **candidates;
static size_t ncandidates, next_candidate;

static void candidates_free(void) {
  for (size_t i = 0; i < ncandidates; i++) mrt_free(candidates[i]);
  free(candidates);
  candidates = NULL;
  ncandidates = next_candidate = 0;
}

static void candidates_load(repl *r, const char *word) {
  candidates_free();
  mrt_scope_open(r->rt);
  mrt_value *arg = mrt_string(r->rt, word, strlen(word)), *f = NULL, *list = NULL;
  uint32_t n = 0;
  if (arg && mrt_get(r->rt, r->impl, "complete", &f) == MRT_OK &&
      mrt_call(r->rt, f, r->impl, 1, &arg, &list) == MRT_OK &&
      mrt_array_length(r->rt, list, &n) == MRT_OK && n > 0 &&
      (candidates = calloc(n, sizeof *candidates))) {
    for (uint32_t i = 0; i < n; i++) {
      mrt_value *v = NULL;
      if (mrt_get_index(r->rt, list, i, &v) == MRT_OK) {
        char *s = mrt_value_to_string(r->rt, v, NULL);
        if (s) candidates[ncandidates++] = s;
      }
      mrt_value_free(r->rt, v);
    }
  }
  mrt_scope_close(r->rt);
}

static char *complete_next(const char *word, int state) {
  if (state == 0) candidates_load(editing, word);
  return next_candidate < ncandidates ? strdup(candidates[next_candidate++]) : NULL;
}

static char **complete(const char *word, int start, int end) {
  (void)start;
  (void)end;
  *editing->ed.attempted_completion_over = 1;
  return editing->ed.completion_matches(word, complete_next);
}

static void edit_prompt(repl *r) {
  *r->ed.end = 0; /* a new line is empty (libedit updates it as keys come) */
  r->ed.handler_install(prompt(r), edit_line);
}

/* Plain mode: what read() brought, line by line. 0 at end of input. */
static int plain_read(repl *r) {
  if (r->plain_len == sizeof r->plain - 1) { /* a very long line: take it as it is */
    r->plain[r->plain_len] = '\0';
    r->plain_len = 0;
    on_line(r, r->plain);
  }
  ssize_t n = read(0, r->plain + r->plain_len, sizeof r->plain - 1 - r->plain_len);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return 0;
  r->plain_len += (size_t)n;
  char *nl;
  while (!r->done && (nl = memchr(r->plain, '\n', r->plain_len))) {
    *nl = '\0';
    if (nl > r->plain && nl[-1] == '\r') nl[-1] = '\0';
    char line[sizeof r->plain];
    memcpy(line, r->plain, (size_t)(nl - r->plain) + 1);
    size_t used = (size_t)(nl - r->plain) + 1;
    memmove(r->plain, nl + 1, r->plain_len - used);
    r->plain_len -= used;
    on_line(r, line);
    if (!r->done) out(r, prompt(r));
  }
  return 1;
}

static char *history_path(void) {
  const char *env = getenv("MRT_REPL_HISTORY");
  if (env) return *env ? strdup(env) : NULL; /* empty: no history file (as Node's variable) */
  const char *home = getenv("HOME");
  if (!home || !*home) return NULL;
  size_t n = strlen(home) + sizeof "/.mrt_repl_history";
  char *p = malloc(n);
  if (p) snprintf(p, n, "%s/.mrt_repl_history", home);
  return p;
}

int repl_run(mrt_runtime *rt) {
  repl *r = calloc(1, sizeof *r);
  if (!r) return 1;
  r->rt = rt;
  int rc = impl_load(rt, &r->impl);
  mrt_value *start = NULL;
  if (rc == MRT_OK) rc = mrt_get(rt, r->impl, "start", &start);
  if (rc == MRT_OK) rc = mrt_call(rt, start, r->impl, 0, NULL, NULL);
  mrt_value_free(rt, start);
  if (rc != MRT_OK) {
    char *msg = mrt_error_format(mrt_last_error(rt));
    fprintf(stderr, "mrt: the REPL cannot start\n%s", msg ? msg : "");
    mrt_free(msg);
    free(r);
    return 1;
  }
  const char *term = getenv("TERM");
  r->edit = isatty(1) && !(term && strcmp(term, "dumb") == 0) && editline_open(&r->ed) == 0;
  if (r->edit) {
    *r->ed.catch_signals = 0;
    *r->ed.attempted_completion = complete;
    *r->ed.completion_append = 0;
    r->ed.stifle_history(HISTORY_SIZE);
    r->history = history_path();
    if (r->history) {
      int fd = open(r->history, O_WRONLY | O_CREAT | O_CLOEXEC, 0600); /* private, as Node's */
      if (fd >= 0) close(fd);
      r->ed.read_history(r->history);
    }
    editing = r;
  }
  sigint_start(r);
  printf("Welcome to mrt %s (V8 %s).\nType \".help\" for more information.\n", mrt_version(),
         mrt_v8_version());
  fflush(stdout);
  if (r->edit) edit_prompt(r);
  else out(r, prompt(r));
  while (!r->done) {
    /* -1: nothing pending. The loop's fd may still read ready then (a wake-up of an unref'd
     * handle that no turn consumes while nothing is alive): not watched, or it would spin. */
    int timeout = mrt_backend_timeout(rt);
    struct pollfd fds[3] = {{.fd = 0, .events = POLLIN},
                            {.fd = r->note_pipe[0], .events = POLLIN},
                            {.fd = mrt_backend_fd(rt), .events = POLLIN}};
    int n = poll(fds, timeout < 0 ? 2 : 3, timeout);
    if (n < 0 && errno != EINTR) break;
    if (n < 0) continue;
    if (fds[1].revents & POLLIN) {
      char drain[16];
      while (read(r->note_pipe[0], drain, sizeof drain) > 0) {
      }
      if (r->edit) {
        int empty = *r->ed.end == 0;
        r->ed.handler_remove();
        on_ctrl_c(r, empty);
        if (!r->done) edit_prompt(r);
      } else {
        on_ctrl_c(r, r->plain_len == 0);
        r->plain_len = 0;
        if (!r->done) out(r, prompt(r));
      }
      continue;
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      if (r->edit) {
        r->ed.read_char();
        if (r->eof) break;
        if (r->have_line) {
          r->have_line = 0;
          r->ed.handler_remove();
          char *line = r->line;
          r->line = NULL;
          on_line(r, line);
          free(line);
          if (!r->done) edit_prompt(r);
        }
      } else if (!plain_read(r)) {
        break;
      }
      continue;
    }
    if (n == 0 || (fds[2].revents & POLLIN)) {
      /* Timers and I/O while at the prompt: their output above a redrawn prompt. */
      if (r->edit) out(r, "\r\x1b[K");
      loop_turn(r);
      if (r->done) break;
      if (r->edit) r->ed.forced_update_display();
    }
  }
  if (r->edit) {
    r->ed.handler_remove();
    if (r->eof) out(r, "\n");
  } else if (!r->done) {
    out(r, "\n");
  }
  sigint_stop(r);
  int status = r->status;
  mrt_flush(rt);
  free(r->line);
  free(r->input);
  free(r->history);
  mrt_value_free(rt, r->impl);
  candidates_free();
  /* libedit stays loaded: its atexit handlers and tty state belong to it. */
  editing = NULL;
  free(r);
  return status;
}

/* ---------------------------------------------------------------- -p */

int repl_eval_print(mrt_runtime *rt, const char *name, const char *source, size_t len) {
  mrt_value *value = NULL, *impl = NULL, *log = NULL, *text = NULL;
  int rc = mrt_execute_script(rt, name, source, len, &value);
  if (rc == MRT_OK) rc = impl_load(rt, &impl);
  if (rc == MRT_OK) rc = mrt_get(rt, impl, "log", &log);
  if (rc == MRT_OK) rc = mrt_call(rt, log, impl, 1, &value, &text);
  if (rc == MRT_OK) {
    size_t n = 0;
    char *s = mrt_value_to_string(rt, text, &n);
    mrt_flush(rt);
    if (s) {
      fwrite(s, 1, n, stdout);
      fputc('\n', stdout);
      fflush(stdout);
    }
    mrt_free(s);
  }
  mrt_value_free(rt, value);
  mrt_value_free(rt, impl);
  mrt_value_free(rt, log);
  mrt_value_free(rt, text);
  return rc;
}
