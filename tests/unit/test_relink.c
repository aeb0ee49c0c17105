/* Tests for tools/relink (relink.c): a fixture library linked -z now whose own functions are
 * reached through R_X86_64_64, GLOB_DAT and JUMP_SLOT relocations is relinked; the output is
 * parsed to check those became R_X86_64_RELATIVE with the right addends, that a function
 * libc also defines was left alone, and that the relinked library still works via dlopen.
 * Bad inputs (empty, not ELF, truncated, corrupted headers) must end in a clean error exit,
 * no crash and no output file.
 *
 * relink --trap: a second fixture needing two libraries (one versioned) no longer needs them;
 * the result must load without them, and stop with SIGILL when one of their functions is
 * called. A variant that also reads a data object of one of them is refused.
 *
 * Built several times: with RELINK_FIXTURE this file is the fixture library itself; with
 * RELINK_STUBDEP_A/B the libraries to drop; with RELINK_TRAP_FIXTURE their user, and with
 * RELINK_STUB_FIXTURE their user that also reads stubdep_a_data. */
#define _GNU_SOURCE
#if defined(RELINK_FIXTURE)

#include <unistd.h>
#define EXPORT __attribute__((visibility("default"), noinline))
#define EXPORT_DATA __attribute__((visibility("default")))

EXPORT long fixture_b(long x) { return x * 3 + 1; }
EXPORT long fixture_c(long x) { return x - 7; }

/* R_X86_64_64 against fixture_b/fixture_c (a table of pointers in data). */
EXPORT_DATA long (*const fixture_table[2])(long) = {fixture_b, fixture_c};

/* JUMP_SLOT: a call through the PLT (default visibility, semantic interposition). */
EXPORT long fixture_a(long x) { return fixture_b(x) + fixture_c(x); }

/* GLOB_DAT: the address of an exported function, loaded from the GOT. */
EXPORT void *fixture_addr_b(void) { return (void *)fixture_b; }

/* libc defines getpagesize too: relink must leave this reference symbolic, so it keeps
 * resolving to libc's (the global scope comes first). */
EXPORT int getpagesize(void) { return 12345; }
EXPORT int fixture_pagesize(void) { return getpagesize(); }

/* Data objects reached through the GOT (GLOB_DAT): relink --data binds fixture_counter's
 * references locally and leaves the one named like a namespace-std object symbolic. */
EXPORT_DATA long fixture_counter = 41;
EXPORT_DATA long fixture_std_like __asm__("_ZNSt13fixture_tag_E") = 5;
EXPORT long fixture_read_counter(void) { return fixture_counter + 1; }
EXPORT long fixture_read_std_like(void) { return fixture_std_like; }

/* Many pointers for relr (tools/relink/relr.c): a dense run (RELR bitmaps across several
 * words) and a sparse one (address words). */
#define P8 fixture_b, fixture_c, fixture_b, fixture_c, fixture_b, fixture_c, fixture_b, fixture_c
EXPORT_DATA long (*fixture_dense[160])(long) = {P8, P8, P8, P8, P8, P8, P8, P8, P8, P8,
                                                P8, P8, P8, P8, P8, P8, P8, P8, P8, P8};
struct sparse { long (*f)(long); char gap[600]; };
EXPORT_DATA struct sparse fixture_sparse[4] = {{fixture_c, {0}}, {fixture_b, {0}},
                                               {fixture_c, {0}}, {fixture_b, {0}}};

/* A real libc reference, so libc.so.6 is in DT_NEEDED as it is for libnode. */
EXPORT long fixture_pid(void) { return (long)getpid(); }

/* Two static constructors (relink --init-noop keeps the one listed from running). */
EXPORT_DATA int fixture_ctor_runs[2];
EXPORT __attribute__((constructor)) void fixture_ctor_a(void) { fixture_ctor_runs[0]++; }
EXPORT __attribute__((constructor)) void fixture_ctor_b(void) { fixture_ctor_runs[1]++; }

#elif defined(RELINK_STUBDEP_A)

__attribute__((visibility("default"))) long stubdep_a_func(long x) { return x + 1000; }
__attribute__((visibility("default"))) int stubdep_a_data[7] = {1, 2, 3, 4, 5, 6, 7};

#elif defined(RELINK_STUBDEP_B)

__attribute__((visibility("default"))) long stubdep_b_func(long x) { return x * 2; }

#elif defined(RELINK_STUB_FIXTURE) || defined(RELINK_TRAP_FIXTURE)

#define EXPORT __attribute__((visibility("default"), noinline))
extern long stubdep_a_func(long);
extern long stubdep_b_func(long);
EXPORT long stubfix_plain(long x) { return x + 1; }
EXPORT long stubfix_call_a(long x) { return stubdep_a_func(x); }
EXPORT long stubfix_call_b(long x) { return stubdep_b_func(x); }
EXPORT void *stubfix_addr_b(void) { return (void *)stubdep_b_func; }
/* A ud2 for --trap to bind to (as libnode has many: V8's crash paths). */
EXPORT void stubfix_unreachable(void) { __builtin_trap(); }
#ifdef RELINK_STUB_FIXTURE /* a data object of a library to drop: --trap refuses it */
extern int stubdep_a_data[7];
EXPORT int *stubfix_data(void) { return stubdep_a_data; }
#endif

#else /* the test */

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ---- helpers ---- */

static void *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  void *buf = malloc(n > 0 ? (size_t)n : 1);
  if (buf && n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  *size = (size_t)n;
  return buf;
}

static void write_file(const char *path, const void *data, size_t size) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  if (size) assert_int_equal(fwrite(data, 1, size, f), size);
  assert_int_equal(fclose(f), 0);
}

/* RELINK_WORKDIR/NAME, in a ring of static buffers (a few are live at once; no leaks for
 * LeakSanitizer to report). */
static char *wpath(const char *name) {
  static char ring[16][4096];
  static unsigned next;
  char *p = ring[next++ % 16];
  int n = snprintf(p, sizeof ring[0], "%s/%s", RELINK_WORKDIR, name);
  assert_true(n > 0 && (size_t)n < sizeof ring[0]);
  return p;
}

/* Runs relink [FLAG] IN OUT; returns the exit status, or -(signal) when killed by a signal. */
static int run_tool(const char *exe, const char *flag, const char *in, const char *out) {
  const char *argv[] = {exe, flag ? flag : in, flag ? in : out, flag ? out : NULL, NULL};
  pid_t pid;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, wpath("stderr.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int rc = posix_spawn(&pid, exe, &fa, NULL, (char **)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  assert_int_equal(rc, 0);
  int st;
  while (waitpid(pid, &st, 0) < 0) assert_int_equal(errno, EINTR);
  if (WIFSIGNALED(st)) return -WTERMSIG(st);
  return WEXITSTATUS(st);
}

static int run_relink_flag(const char *flag, const char *in, const char *out) {
  return run_tool(RELINK_EXE, flag, in, out);
}
static int run_relink(const char *in, const char *out) { return run_relink_flag(NULL, in, out); }

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static bool exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0;
}

/* ---- a small reader for the output: relocations by section headers ---- */

typedef struct {
  uint64_t offset;
  uint32_t type;
  const char *sym; /* NULL for no symbol */
  int64_t addend;
} rel_t;

typedef struct {
  unsigned char *data;
  size_t size;
  rel_t *rels;
  size_t nrels;
  const Elf64_Sym *dynsym;
  size_t nsyms;
  const char *dynstr;
} parsed_t;

static void parse(parsed_t *p, const char *path) {
  memset(p, 0, sizeof *p);
  p->data = read_file(path, &p->size);
  assert_non_null(p->data);
  assert_true(p->size >= sizeof(Elf64_Ehdr));
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)p->data;
  assert_memory_equal(eh->e_ident, ELFMAG, SELFMAG);
  assert_true(eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) <= p->size);
  const Elf64_Shdr *sh = (const Elf64_Shdr *)(p->data + eh->e_shoff);
  for (unsigned i = 0; i < eh->e_shnum; i++)
    if (sh[i].sh_type == SHT_DYNSYM) {
      p->dynsym = (const Elf64_Sym *)(p->data + sh[i].sh_offset);
      p->nsyms = sh[i].sh_size / sizeof(Elf64_Sym);
      p->dynstr = (const char *)(p->data + sh[sh[i].sh_link].sh_offset);
    }
  assert_non_null(p->dynsym);
  for (unsigned i = 0; i < eh->e_shnum; i++) {
    if (sh[i].sh_type != SHT_RELA || !(sh[i].sh_flags & SHF_ALLOC)) continue;
    size_t n = sh[i].sh_size / sizeof(Elf64_Rela);
    const Elf64_Rela *r = (const Elf64_Rela *)(p->data + sh[i].sh_offset);
    p->rels = realloc(p->rels, (p->nrels + n + 1) * sizeof(rel_t));
    for (size_t j = 0; j < n; j++) {
      rel_t *o = &p->rels[p->nrels++];
      o->offset = r[j].r_offset;
      o->type = ELF64_R_TYPE(r[j].r_info);
      uint32_t s = ELF64_R_SYM(r[j].r_info);
      assert_true(s < p->nsyms);
      o->sym = s ? p->dynstr + p->dynsym[s].st_name : NULL;
      o->addend = r[j].r_addend;
    }
  }
}

static uint64_t sym_value(const parsed_t *p, const char *name) {
  for (size_t i = 1; i < p->nsyms; i++)
    if (strcmp(p->dynstr + p->dynsym[i].st_name, name) == 0 && p->dynsym[i].st_shndx != SHN_UNDEF)
      return p->dynsym[i].st_value;
  fail_msg("symbol %s not defined", name);
  return 0;
}

/* Dynamic tag value, or -1. */
static int64_t dyn_tag(const parsed_t *p, int64_t tag) {
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)p->data;
  const Elf64_Phdr *ph = (const Elf64_Phdr *)(p->data + eh->e_phoff);
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type != PT_DYNAMIC) continue;
    const Elf64_Dyn *d = (const Elf64_Dyn *)(p->data + ph[i].p_offset);
    for (; d->d_tag != DT_NULL; d++)
      if (d->d_tag == tag) return (int64_t)d->d_un.d_val;
  }
  return -1;
}

static void unparse(parsed_t *p) {
  free(p->data);
  free(p->rels);
}

static int setup(void **state) {
  mkdir(RELINK_WORKDIR, 0755);
  return 0;
}

/* ---- tests ---- */

static void test_fixture_exercises_all_types(void **state) {
  parsed_t in;
  parse(&in, RELINK_FIXTURE_PATH);
  int seen64 = 0, seen_glob = 0, seen_slot = 0;
  for (size_t i = 0; i < in.nrels; i++) {
    if (!in.rels[i].sym ||
        (strcmp(in.rels[i].sym, "fixture_b") != 0 && strcmp(in.rels[i].sym, "fixture_c") != 0))
      continue;
    seen64 += in.rels[i].type == R_X86_64_64;
    seen_glob += in.rels[i].type == R_X86_64_GLOB_DAT;
    seen_slot += in.rels[i].type == R_X86_64_JUMP_SLOT;
  }
  assert_true(seen64 >= 1);
  assert_true(seen_glob >= 1);
  assert_true(seen_slot >= 1);
  assert_true(dyn_tag(&in, DT_FLAGS) & DF_BIND_NOW || dyn_tag(&in, DT_FLAGS_1) & DF_1_NOW);
  unparse(&in);
}

static void test_rewrites_to_relative(void **state) {
  const char *out = wpath("relinked.so");
  unlink(out);
  assert_int_equal(run_relink(RELINK_FIXTURE_PATH, out), 0);
  assert_false(exists(wpath("relinked.so.tmp")));

  parsed_t in, o;
  parse(&in, RELINK_FIXTURE_PATH);
  parse(&o, out);
  assert_int_equal(in.nrels, o.nrels); /* a permutation plus type changes */
  uint64_t vb = sym_value(&in, "fixture_b"), vc = sym_value(&in, "fixture_c");

  /* Every relocation of the input against fixture_b/c is now RELATIVE at the same place. */
  size_t checked = 0;
  for (size_t i = 0; i < in.nrels; i++) {
    const rel_t *r = &in.rels[i];
    if (!r->sym || (strcmp(r->sym, "fixture_b") != 0 && strcmp(r->sym, "fixture_c") != 0)) continue;
    uint64_t want = (strcmp(r->sym, "fixture_b") == 0 ? vb : vc) +
                    (r->type == R_X86_64_64 ? (uint64_t)r->addend : 0);
    bool found = false;
    for (size_t j = 0; j < o.nrels; j++)
      if (o.rels[j].offset == r->offset) {
        assert_int_equal(o.rels[j].type, R_X86_64_RELATIVE);
        assert_null(o.rels[j].sym);
        assert_int_equal((uint64_t)o.rels[j].addend, want);
        found = true;
      }
    assert_true(found);
    checked++;
  }
  assert_true(checked >= 3);

  /* getpagesize (libc defines it) stays symbolic. */
  bool pagesize_symbolic = false;
  for (size_t j = 0; j < o.nrels; j++)
    if (o.rels[j].sym && strcmp(o.rels[j].sym, "getpagesize") == 0) pagesize_symbolic = true;
  assert_true(pagesize_symbolic);

  /* RELATIVE ones lead the table and DT_RELACOUNT counts them; no PLT table remains. */
  size_t nrel = 0;
  for (size_t j = 0; j < o.nrels; j++) nrel += o.rels[j].type == R_X86_64_RELATIVE;
  for (size_t j = 0; j < nrel; j++) assert_int_equal(o.rels[j].type, R_X86_64_RELATIVE);
  if (dyn_tag(&o, DT_RELACOUNT) >= 0) assert_int_equal(dyn_tag(&o, DT_RELACOUNT), nrel);
  assert_int_equal(dyn_tag(&o, DT_JMPREL), -1);
  assert_int_equal(dyn_tag(&o, DT_RELASZ), (int64_t)(o.nrels * sizeof(Elf64_Rela)));
  unparse(&in);
  unparse(&o);
}

/* The type of o's relocations against NAME: 1 if all are symbolic, 0 if none is (and at least
 * one RELATIVE sits where the input had one against NAME). */
static int data_refs_symbolic(const parsed_t *in, const parsed_t *o, const char *name) {
  int symbolic = 0, relative = 0;
  for (size_t i = 0; i < in->nrels; i++) {
    if (!in->rels[i].sym || strcmp(in->rels[i].sym, name) != 0) continue;
    for (size_t j = 0; j < o->nrels; j++) {
      if (o->rels[j].offset != in->rels[i].offset) continue;
      if (o->rels[j].type == R_X86_64_RELATIVE) {
        assert_int_equal((uint64_t)o->rels[j].addend, sym_value(in, name));
        relative++;
      } else {
        assert_string_equal(o->rels[j].sym, name);
        symbolic++;
      }
    }
  }
  assert_true(symbolic + relative >= 1);
  assert_true(symbolic == 0 || relative == 0);
  return symbolic > 0;
}

static void test_data_only_with_flag(void **state) {
  parsed_t in, plain, data;
  parse(&in, RELINK_FIXTURE_PATH);
  assert_int_equal(run_relink(RELINK_FIXTURE_PATH, wpath("plain.so")), 0);
  assert_int_equal(run_relink_flag("--data", RELINK_FIXTURE_PATH, wpath("data.so")), 0);
  parse(&plain, wpath("plain.so"));
  parse(&data, wpath("data.so"));
  /* Functions only by default; --data adds data objects, not those of namespace std. */
  assert_int_equal(data_refs_symbolic(&in, &plain, "fixture_counter"), 1);
  assert_int_equal(data_refs_symbolic(&in, &data, "fixture_counter"), 0);
  assert_int_equal(data_refs_symbolic(&in, &data, "_ZNSt13fixture_tag_E"), 1);
  /* And the result works. */
  void *h = dlopen(wpath("data.so"), RTLD_NOW | RTLD_LOCAL);
  assert_non_null(h);
  long (*rc)(void) = (long (*)(void))dlsym(h, "fixture_read_counter");
  long (*rs)(void) = (long (*)(void))dlsym(h, "fixture_read_std_like");
  assert_non_null(rc);
  assert_non_null(rs);
  assert_int_equal(rc(), 42);
  assert_int_equal(rs(), 5);
  dlclose(h);
  unparse(&in);
  unparse(&plain);
  unparse(&data);
}

/* relr packs the relinked fixture's RELATIVE relocations as DT_RELR (with the version need
 * glibc insists on) and the result loads and holds the same pointers. */
static void test_relr_packs_and_loads(void **state) {
  const char *relinked = wpath("for_relr.so"), *packed = wpath("packed.so");
  assert_int_equal(run_relink(RELINK_FIXTURE_PATH, relinked), 0);
  unlink(packed);
  assert_int_equal(run_tool(RELR_EXE, NULL, relinked, packed), 0);
  assert_false(exists(wpath("packed.so.tmp")));
  parsed_t r, p;
  parse(&r, relinked);
  parse(&p, packed);
  size_t relative = 0;
  for (size_t i = 0; i < r.nrels; i++) relative += r.rels[i].type == R_X86_64_RELATIVE;
  assert_true(relative >= 164);
  assert_true(dyn_tag(&p, 36 /* DT_RELR */) > 0);
  assert_true(dyn_tag(&p, 35 /* DT_RELRSZ */) > 0);
  assert_true(dyn_tag(&p, 35) < (int64_t)(relative * sizeof(Elf64_Rela)) / 4);
  assert_int_equal(dyn_tag(&p, 37 /* DT_RELRENT */), 8);
  for (size_t i = 0; i < p.nrels; i++) assert_int_not_equal(p.rels[i].type, R_X86_64_RELATIVE);
  unparse(&r);
  unparse(&p);

  void *h = dlopen(packed, RTLD_NOW | RTLD_LOCAL);
  assert_non_null(h);
  void *b = dlsym(h, "fixture_b"), *c = dlsym(h, "fixture_c");
  long (**dense)(long) = (long (**)(long))dlsym(h, "fixture_dense");
  assert_non_null(b);
  assert_non_null(c);
  assert_non_null(dense);
  for (int i = 0; i < 160; i++) assert_ptr_equal((void *)dense[i], i % 2 ? c : b);
  struct { long (*f)(long); char gap[600]; } *sparse = dlsym(h, "fixture_sparse");
  assert_non_null(sparse);
  for (int i = 0; i < 4; i++) assert_ptr_equal((void *)sparse[i].f, i % 2 ? b : c);
  long (*a)(long) = (long (*)(long))dlsym(h, "fixture_a");
  assert_int_equal(a(5), 16 + -2);
  dlclose(h);

  /* Packed once only; not an ELF file: a clean refusal, no output. */
  assert_int_equal(run_tool(RELR_EXE, NULL, packed, wpath("twice.so")), 1);
  assert_false(exists(wpath("twice.so")));
  FILE *f = fopen(wpath("not_elf.so"), "w");
  assert_non_null(f);
  fputs("not an ELF file, long enough to be read as a header ................", f);
  fclose(f);
  assert_int_equal(run_tool(RELR_EXE, NULL, wpath("not_elf.so"), wpath("out_bad.so")), 1);
  assert_false(exists(wpath("out_bad.so")));
}

static void test_relinked_library_works(void **state) {
  const char *out = wpath("relinked_dl.so");
  assert_int_equal(run_relink(RELINK_FIXTURE_PATH, out), 0);
  void *h = dlopen(out, RTLD_NOW | RTLD_LOCAL);
  assert_non_null(h);
  long (*a)(long) = (long (*)(long))dlsym(h, "fixture_a");
  void *(*addr_b)(void) = (void *(*)(void))dlsym(h, "fixture_addr_b");
  long (*const *table)(long) = (long (*const *)(long))dlsym(h, "fixture_table");
  int (*pagesize)(void) = (int (*)(void))dlsym(h, "fixture_pagesize");
  void *b = dlsym(h, "fixture_b"), *c = dlsym(h, "fixture_c");
  assert_non_null(a);
  assert_non_null(addr_b);
  assert_non_null(table);
  assert_non_null(pagesize);
  assert_int_equal(a(10), (10 * 3 + 1) + (10 - 7));
  assert_ptr_equal(addr_b(), b);
  assert_ptr_equal((void *)table[0], b);
  assert_ptr_equal((void *)table[1], c);
  assert_int_equal(table[0](2), 7);
  /* The interposable reference still binds to libc's definition. */
  assert_int_equal(pagesize(), getpagesize());
  assert_int_not_equal(pagesize(), 12345);
  dlclose(h);
}

/* --direct-plt: the stubs of the fixture's own functions jump directly and their slots lose
 * their relocations; the stubs importing getpid and getpagesize keep JUMP_SLOTs, moved into
 * the lowest slots; everything still works. */
static void test_direct_plt(void **state) {
  parsed_t in, plain, out;
  parse(&in, RELINK_FIXTURE_PATH);
  const char *plain_path = wpath("plt_plain.so"), *out_path = wpath("plt_direct.so");
  assert_int_equal(run_relink(RELINK_FIXTURE_PATH, plain_path), 0);
  assert_int_equal(run_relink_flag("--direct-plt", RELINK_FIXTURE_PATH, out_path), 0);
  parse(&plain, plain_path);
  parse(&out, out_path);
  uint64_t slots[64];
  size_t nslots = 0, own = 0, imported_in = 0;
  for (size_t i = 0; i < in.nrels && nslots < 64; i++) {
    if (in.rels[i].type != R_X86_64_JUMP_SLOT) continue;
    slots[nslots++] = in.rels[i].offset;
    if (strncmp(in.rels[i].sym, "fixture_", 8) == 0) own++;
    else imported_in++;
  }
  assert_true(own >= 1);
  assert_true(imported_in >= 2);
  qsort(slots, nslots, sizeof *slots, cmp_u64);
  /* The own functions' slots have no relocation left; the imports sit in the lowest slots. */
  size_t imported_out = 0;
  for (size_t j = 0; j < out.nrels; j++) {
    if (out.rels[j].type != R_X86_64_JUMP_SLOT) continue;
    assert_true(strncmp(out.rels[j].sym, "fixture_", 8) != 0);
    assert_true(out.rels[j].offset < slots[imported_in] || imported_in == nslots);
    imported_out++;
  }
  assert_int_equal(imported_out, imported_in);
  assert_int_equal(out.nrels, plain.nrels - own);
  void *h = dlopen(out_path, RTLD_NOW | RTLD_LOCAL);
  assert_non_null(h);
  long (*a)(long) = (long (*)(long))dlsym(h, "fixture_a");
  int (*pagesize)(void) = (int (*)(void))dlsym(h, "fixture_pagesize");
  long (*pid)(void) = (long (*)(void))dlsym(h, "fixture_pid");
  assert_int_equal(a(10), (10 * 3 + 1) + (10 - 7));
  assert_int_equal(pagesize(), getpagesize());
  assert_int_equal(pid(), (long)getpid());
  dlclose(h);
  unparse(&in);
  unparse(&plain);
  unparse(&out);
}

static void test_idempotent_on_own_output(void **state) {
  /* Relinking a relinked library rewrites nothing more and still works. */
  const char *o1 = wpath("r1.so"), *o2 = wpath("r2.so");
  assert_int_equal(run_relink(RELINK_FIXTURE_PATH, o1), 0);
  assert_int_equal(run_relink(o1, o2), 0);
  size_t n1, n2;
  void *d1 = read_file(o1, &n1), *d2 = read_file(o2, &n2);
  assert_non_null(d1);
  assert_non_null(d2);
  assert_int_equal(n1, n2);
  assert_memory_equal(d1, d2, n1);
  free(d1);
  free(d2);
}

static void expect_clean_error(const char *in, const char *what) {
  const char *out = wpath("bad_out.so");
  unlink(out);
  int rc = run_relink(in, out);
  if (rc != 1) fail_msg("%s: relink exit %d, expected a clean error (1)", what, rc);
  assert_false(exists(out));
  assert_false(exists(wpath("bad_out.so.tmp")));
  size_t n;
  char *err = read_file(wpath("stderr.txt"), &n);
  assert_non_null(err);
  assert_true(n > 0); /* an error message */
  free(err);
}

static void test_bad_inputs(void **state) {
  char p[4096]; /* lives across many wpath calls */
  snprintf(p, sizeof p, "%s", wpath("bad_input"));
  write_file(p, "", 0);
  expect_clean_error(p, "empty file");
  write_file(p, "hello, this is not an ELF file at all, just some text.\n", 55);
  expect_clean_error(p, "text file");
  expect_clean_error(wpath("does_not_exist"), "missing file");

  size_t n;
  unsigned char *good = read_file(RELINK_FIXTURE_PATH, &n);
  assert_non_null(good);
  static const size_t cuts[] = {4, 16, 63, 64, 100, 200, 1000, 4096};
  for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
    if (cuts[i] >= n) continue;
    write_file(p, good, cuts[i]);
    expect_clean_error(p, "truncated ELF");
  }
  /* Cut where the loadable segments still point: PT_LOAD beyond the end. */
  write_file(p, good, n / 2);
  expect_clean_error(p, "half an ELF");

  unsigned char *bad = malloc(n > sizeof(Elf64_Ehdr) ? n : sizeof(Elf64_Ehdr));
  assert_true(n > sizeof(Elf64_Ehdr));
  assert_non_null(bad);
  Elf64_Ehdr *eh;
#define MUTATE(stmt, what)            \
  memcpy(bad, good, n);               \
  eh = (Elf64_Ehdr *)bad;             \
  stmt;                               \
  write_file(p, bad, n);              \
  expect_clean_error(p, what)
  MUTATE(bad[EI_CLASS] = ELFCLASS32, "ELF32");
  MUTATE(bad[EI_DATA] = ELFDATA2MSB, "big-endian");
  MUTATE(eh->e_machine = EM_AARCH64, "not x86-64");
  MUTATE(eh->e_type = ET_EXEC, "not ET_DYN");
  MUTATE(eh->e_type = ET_REL, "relocatable object");
  MUTATE(eh->e_phoff = (uint64_t)1 << 62, "program headers far away");
  MUTATE(eh->e_phnum = 0xffff, "too many program headers");
  MUTATE(eh->e_phentsize = 12, "bad phentsize");
  /* PT_DYNAMIC pointing out of the file. */
  MUTATE(
      {
        Elf64_Phdr *ph = (Elf64_Phdr *)(bad + eh->e_phoff);
        for (unsigned i = 0; i < eh->e_phnum; i++)
          if (ph[i].p_type == PT_DYNAMIC) ph[i].p_offset = ph[i].p_vaddr = (uint64_t)n * 4;
      },
      "dynamic out of file");
  /* DT_STRSZ / DT_RELASZ absurd. */
  MUTATE(
      {
        Elf64_Phdr *ph = (Elf64_Phdr *)(bad + eh->e_phoff);
        for (unsigned i = 0; i < eh->e_phnum; i++)
          if (ph[i].p_type == PT_DYNAMIC)
            for (Elf64_Dyn *d = (Elf64_Dyn *)(bad + ph[i].p_offset); d->d_tag != DT_NULL; d++)
              if (d->d_tag == DT_STRSZ) d->d_un.d_val = (uint64_t)1 << 40;
      },
      "huge DT_STRSZ");
  MUTATE(
      {
        Elf64_Phdr *ph = (Elf64_Phdr *)(bad + eh->e_phoff);
        for (unsigned i = 0; i < eh->e_phnum; i++)
          if (ph[i].p_type == PT_DYNAMIC)
            for (Elf64_Dyn *d = (Elf64_Dyn *)(bad + ph[i].p_offset); d->d_tag != DT_NULL; d++)
              if (d->d_tag == DT_RELASZ) d->d_un.d_val = (uint64_t)24 << 36;
      },
      "huge DT_RELASZ");
#undef MUTATE
  free(bad);
  free(good);
}

static int run_argv(const char *const *argv);

/* Random byte flips over the headers, the dynamic section, the relocations and (in the
 * second half of the file) the section headers: relink may succeed or fail, but it must
 * exit normally (0 or 1), never by a signal: plain, with --direct-plt --init-noop, and with
 * --trap --direct-plt on the fixture that needs two libraries; and relr on a relinked one. */
static void corrupt_rounds(const char *fixture, int mode) {
  size_t n;
  unsigned char *good = read_file(fixture, &n);
  assert_non_null(good);
  unsigned char *bad = malloc(n);
  assert_non_null(bad);
  char p[4096], out[4096], ctor[32]; /* live across many wpath calls */
  snprintf(p, sizeof p, "%s", wpath("fuzz_input"));
  snprintf(out, sizeof out, "%s", wpath("fuzz_out.so"));
  if (mode == 1) {
    parsed_t in;
    parse(&in, fixture);
    snprintf(ctor, sizeof ctor, "%llx", (unsigned long long)sym_value(&in, "fixture_ctor_a"));
    unparse(&in);
  }
  unsigned seed = 12345 + (unsigned)mode;
  for (int round = 0; round < 150; round++) {
    memcpy(bad, good, n);
    /* Mostly the first 16 KiB (headers, tables); one round in four anywhere. */
    size_t span = round % 4 == 3 || n < 16384 ? n : 16384;
    int flips = 1 + (int)(rand_r(&seed) % 8);
    for (int f = 0; f < flips; f++) bad[rand_r(&seed) % span] = (unsigned char)rand_r(&seed);
    write_file(p, bad, n);
    int rc;
    if (mode == 0) {
      rc = run_relink(p, out);
    } else if (mode == 1) {
      const char *argv[] = {RELINK_EXE, "--direct-plt", "--init-noop", ctor, p, out, NULL};
      rc = run_argv(argv);
    } else if (mode == 2) {
      const char *argv[] = {RELINK_EXE, "-L", RELINK_STUBDEP_DIR, "--direct-plt", "--trap",
                            "librelink_stubdep_a.so,librelink_stubdep_b.so", p, out, NULL};
      rc = run_argv(argv);
    } else {
      rc = run_tool(RELR_EXE, NULL, p, out);
    }
    if (rc != 0 && rc != 1) fail_msg("mode %d round %d: exit %d", mode, round, rc);
  }
  free(bad);
  free(good);
}

static void test_random_corruption_never_crashes(void **state) {
  corrupt_rounds(RELINK_FIXTURE_PATH, 0);
  corrupt_rounds(RELINK_FIXTURE_PATH, 1);
  corrupt_rounds(RELINK_TRAP_FIXTURE_PATH, 2);
  char relinked[4096];
  snprintf(relinked, sizeof relinked, "%s", wpath("relinked_for_fuzz.so"));
  assert_int_equal(run_relink(RELINK_FIXTURE_PATH, relinked), 0);
  corrupt_rounds(relinked, 3);
}

/* ---- relink --trap ---- */

/* Runs ARGV (PATH searched); stdout to stdout.txt, stderr to stderr.txt in the work dir.
 * Returns the exit status, or -(signal). */
static int run_argv(const char *const *argv) {
  pid_t pid;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, wpath("stdout.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, wpath("stderr.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char **)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  assert_int_equal(rc, 0);
  int st;
  while (waitpid(pid, &st, 0) < 0) assert_int_equal(errno, EINTR);
  if (WIFSIGNALED(st)) return -WTERMSIG(st);
  return WEXITSTATUS(st);
}

/* --init-noop: the listed constructor no longer runs, the other still does; an address that
 * is no constructor of the library is refused and nothing is written. */
static void test_init_noop(void **state) {
  parsed_t in;
  parse(&in, RELINK_FIXTURE_PATH);
  char list[64];
  snprintf(list, sizeof list, "%llx", (unsigned long long)sym_value(&in, "fixture_ctor_a"));
  const char *out = wpath("noop.so");
  const char *argv[] = {RELINK_EXE, "--init-noop", list, RELINK_FIXTURE_PATH, out, NULL};
  assert_int_equal(run_argv(argv), 0);
  void *h = dlopen(out, RTLD_NOW | RTLD_LOCAL);
  assert_non_null(h);
  int *runs = dlsym(h, "fixture_ctor_runs");
  assert_non_null(runs);
  assert_int_equal(runs[0], 0);
  assert_int_equal(runs[1], 1);
  long (*a)(long) = (long (*)(long))dlsym(h, "fixture_a");
  assert_int_equal(a(10), (10 * 3 + 1) + (10 - 7));
  dlclose(h);

  /* The stock fixture runs both. */
  h = dlopen(RELINK_FIXTURE_PATH, RTLD_NOW | RTLD_LOCAL);
  assert_non_null(h);
  runs = dlsym(h, "fixture_ctor_runs");
  assert_int_equal(runs[0], 1);
  assert_int_equal(runs[1], 1);
  dlclose(h);

  snprintf(list, sizeof list, "%llx,%llx", (unsigned long long)sym_value(&in, "fixture_ctor_b"),
           (unsigned long long)sym_value(&in, "fixture_b"));
  const char *bad = wpath("noop_bad.so");
  const char *argv_bad[] = {RELINK_EXE, "--init-noop", list, RELINK_FIXTURE_PATH, bad, NULL};
  assert_int_equal(run_argv(argv_bad), 1);
  assert_false(exists(bad));
  const char *argv_junk[] = {RELINK_EXE, "--init-noop", "12zz", RELINK_FIXTURE_PATH, bad, NULL};
  assert_int_equal(run_argv(argv_junk), 1);
  assert_false(exists(bad));
  unparse(&in);
}

/* relink --trap into DIR (under the work dir) from FIXTURE; returns relink's exit status. */
static int run_trap(const char *dir, const char *libs, const char *fixture) {
  char d[4096], out[4200];
  snprintf(d, sizeof d, "%s", wpath(dir));
  mkdir(d, 0755);
  snprintf(out, sizeof out, "%s/libfixture.so", d);
  unlink(out);
  const char *argv[] = {RELINK_EXE, "-L", RELINK_STUBDEP_DIR, "--direct-plt", "--trap", libs,
                        fixture, out, NULL};
  return run_argv(argv);
}

static bool file_contains(const char *path, const char *needle) {
  size_t n;
  char *d = read_file(path, &n);
  if (!d) return false;
  char *z = realloc(d, n + 1);
  assert_non_null(z);
  z[n] = 0;
  bool r = strstr(z, needle) != NULL;
  free(z);
  return r;
}

/* Runs f(1) in a child; returns the signal that ended it, or 0. */
static int call_in_child(long (*f)(long)) {
  fflush(NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    signal(SIGILL, SIG_DFL); /* not cmocka's handler, which would go on with the tests here */
    f(1);
    _exit(0);
  }
  int st;
  while (waitpid(pid, &st, 0) < 0) assert_int_equal(errno, EINTR);
  return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

#define TRAP_LIBS "librelink_stubdep_a.so,librelink_stubdep_b.so,libnotneeded.so.9"

/* --trap: the fixture no longer needs the two libraries (one versioned), their version need
 * goes, it loads without them, its own code works, and a call into a dropped library stops
 * the process with SIGILL (the function's address, taken, is the trap too). */
static void test_trap_drops_libraries(void **state) {
  assert_int_equal(run_trap("trap", TRAP_LIBS, RELINK_TRAP_FIXTURE_PATH), 0);
  assert_true(file_contains(wpath("stdout.txt"), "trap for librelink_stubdep_a.so librelink_stubdep_b.so"));
  assert_true(file_contains(wpath("stdout.txt"), "not needed, skipped: libnotneeded.so.9"));
  parsed_t o;
  parse(&o, wpath("trap/libfixture.so"));
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)o.data;
  const Elf64_Phdr *ph = (const Elf64_Phdr *)(o.data + eh->e_phoff);
  int needed = 0;
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type != PT_DYNAMIC) continue;
    for (const Elf64_Dyn *d = (const Elf64_Dyn *)(o.data + ph[i].p_offset); d->d_tag != DT_NULL; d++)
      if (d->d_tag == DT_NEEDED) {
        assert_null(strstr(o.dynstr + d->d_un.d_val, "stubdep"));
        needed++;
      }
  }
  assert_true(needed >= 1); /* libc */
  int64_t vn_va = dyn_tag(&o, DT_VERNEED), vn_n = dyn_tag(&o, DT_VERNEEDNUM);
  assert_true(vn_va > 0 && vn_n >= 1);
  const Elf64_Shdr *sh = (const Elf64_Shdr *)(o.data + eh->e_shoff);
  bool seen = false;
  for (unsigned i = 0; i < eh->e_shnum; i++) {
    if (sh[i].sh_type != SHT_GNU_verneed || (int64_t)sh[i].sh_addr != vn_va) continue;
    assert_int_equal(sh[i].sh_info, vn_n);
    const unsigned char *p = o.data + sh[i].sh_offset;
    for (int64_t k = 0; k < vn_n; k++) {
      const Elf64_Verneed *vn = (const Elf64_Verneed *)p;
      assert_null(strstr(o.dynstr + vn->vn_file, "stubdep"));
      seen = true;
      if (!vn->vn_next) break;
      p += vn->vn_next;
    }
  }
  assert_true(seen);
  for (size_t i = 0; i < o.nrels; i++) assert_true(!o.rels[i].sym || strncmp(o.rels[i].sym, "stubdep_", 8) != 0);
  /* Their names stay, undefined and weak: linking a program against the output needs none. */
  int weak = 0;
  for (size_t i = 1; i < o.nsyms; i++)
    if (strncmp(o.dynstr + o.dynsym[i].st_name, "stubdep_", 8) == 0) {
      assert_int_equal(o.dynsym[i].st_shndx, SHN_UNDEF);
      assert_int_equal(ELF64_ST_BIND(o.dynsym[i].st_info), STB_WEAK);
      weak++;
    }
  assert_int_equal(weak, 2);
  unparse(&o);

  void *h = dlopen(wpath("trap/libfixture.so"), RTLD_NOW | RTLD_LOCAL);
  assert_non_null(h);
  assert_null(dlopen("librelink_stubdep_a.so", RTLD_NOW | RTLD_NOLOAD));
  assert_null(dlopen("librelink_stubdep_b.so", RTLD_NOW | RTLD_NOLOAD));
  long (*plain)(long) = (long (*)(long))dlsym(h, "stubfix_plain");
  long (*call_a)(long) = (long (*)(long))dlsym(h, "stubfix_call_a");
  long (*call_b)(long) = (long (*)(long))dlsym(h, "stubfix_call_b");
  void *(*addr_b)(void) = (void *(*)(void))dlsym(h, "stubfix_addr_b");
  assert_int_equal(plain(41), 42);
  assert_int_equal(call_in_child(call_a), SIGILL);
  assert_int_equal(call_in_child(call_b), SIGILL);
  assert_int_equal(call_in_child((long (*)(long))addr_b()), SIGILL);
  dlclose(h);
}

static void test_trap_refusals(void **state) {
  /* A data object of a library to drop cannot trap. */
  assert_int_equal(run_trap("trap_data", TRAP_LIBS, RELINK_STUB_FIXTURE_PATH), 1);
  assert_true(file_contains(wpath("stderr.txt"), "data objects"));
  assert_false(exists(wpath("trap_data/libfixture.so")));
  /* Nothing to drop. */
  assert_int_equal(run_trap("trap_none", "libnotneeded.so.9", RELINK_TRAP_FIXTURE_PATH), 1);
  assert_false(exists(wpath("trap_none/libfixture.so")));
  /* A library the kept ones need too (libc). */
  assert_int_equal(run_trap("trap_libc", "libc.so.6,librelink_stubdep_b.so", RELINK_TRAP_FIXTURE_PATH), 1);
  assert_true(file_contains(wpath("stderr.txt"), "also needed by"));
  assert_false(exists(wpath("trap_libc/libfixture.so")));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fixture_exercises_all_types),
      cmocka_unit_test(test_rewrites_to_relative),
      cmocka_unit_test(test_relinked_library_works),
      cmocka_unit_test(test_data_only_with_flag),
      cmocka_unit_test(test_relr_packs_and_loads),
      cmocka_unit_test(test_init_noop),
      cmocka_unit_test(test_direct_plt),
      cmocka_unit_test(test_idempotent_on_own_output),
      cmocka_unit_test(test_bad_inputs),
      cmocka_unit_test(test_random_corruption_never_crashes),
      cmocka_unit_test(test_trap_drops_libraries),
      cmocka_unit_test(test_trap_refusals),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}

#endif
