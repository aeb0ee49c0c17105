/* relink: derive a faster-loading private copy of an ELF64 x86-64 shared library.
 *
 *   relink [-v] [-n] [--rodata|--data] [--direct-plt] [--init-noop ADDR,...]
 *          [--trap LIB[,LIB...]] [-L DIR]... [-x FILE]... IN.so OUT.so
 *
 * The dynamic relocations of IN (.rela.dyn, .rela.plt) that name a function the library
 * itself defines (R_X86_64_64, R_X86_64_GLOB_DAT, R_X86_64_JUMP_SLOT against a defined,
 * default- or protected-visibility STT_FUNC symbol) are rewritten into R_X86_64_RELATIVE
 * ones, the effect -Bsymbolic-functions would have had at link time. The dynamic linker then
 * no longer looks those symbols up at load time, which is most of the cost of loading
 * Debian's libnode.so.108 (~52,000 of its ~60,000 symbolic relocations).
 *
 * Conservative by design. Left alone:
 *  - data symbols (STT_OBJECT, STT_TLS, ...): an executable may copy-relocate them and every
 *    reference must then go to the copy;
 *  - STT_GNU_IFUNC symbols (resolved by calling the resolver, IRELATIVE semantics differ);
 *  - any name that a library in IN's dependency closure (DT_NEEDED, transitively), libc,
 *    libm, libstdc++, libgcc_s, ld.so (always checked) or a file given with -x also defines,
 *    since that definition could legitimately interpose (operator new/delete, malloc, ...);
 *  - SHN_ABS symbols, symbols whose version index is local, GLOB_DAT/JUMP_SLOT with a
 *    non-zero addend, symbol values outside every PT_LOAD segment.
 *
 * Layout: when .rela.plt directly follows .rela.dyn (the usual layout), the two tables
 * become one DT_RELA table (the same bytes, permuted): all RELATIVE relocations (old and new)
 * first, sorted by offset, with DT_RELACOUNT covering them so glibc handles them in its fast
 * loop; then the other .rela.dyn entries; then the remaining PLT relocations, in their
 * original order. DT_JMPREL/DT_PLTRELSZ/DT_PLTREL are removed. The result is then bound
 * eagerly under every mode: glibc processes a BIND_NOW library's tables as one range anyway,
 * and with LD_AUDIT PLT hooks or LD_PROFILE (which force lazy PLT handling even for BIND_NOW
 * objects) there is no PLT table whose indices, pushed by the PLT stubs, could now be wrong.
 * If the tables are not contiguous, rewritten JUMP_SLOTs stay in place in .rela.plt as
 * RELATIVE, which glibc accepts when binding eagerly (and rejects with a clean error when
 * lazy); this is done only for BIND_NOW inputs. Section headers follow when present.
 *
 * --rodata also rewrites references to STT_OBJECT symbols (not STB_GNU_UNIQUE) that lie
 * wholly in memory that is read-only once relocated (a read-only PT_LOAD or PT_GNU_RELRO:
 * vtables, typeinfo, constant tables). Off by default: should an executable copy-relocate
 * such an object, the copy and the original have the same contents but different addresses.
 * Give such executables with -x to keep their names out. --data goes further: references to
 * every defined STT_OBJECT, writable ones included (V8's FLAG_ variables, vtables outside
 * RELRO), and STB_GNU_UNIQUE ones (template static members) unless a dependency defines them
 * too, and not those of namespace std. It is sound only while nothing loaded with the library copy-relocates one of its
 * objects or defines one of its unique objects, which the user must verify (mrt's build does:
 * ctest relink_data_check reads every ELF file it links). -n only analyses and prints the
 * summary. -x FILE names an extra ELF file (an executable or library loaded alongside) whose
 * defined symbols must not be bound locally. -L DIR adds a directory to search for
 * DT_NEEDED libraries (before LD_LIBRARY_PATH, IN's RUNPATH and the standard directories).
 *
 * --direct-plt turns the PLT stubs of the library's own functions into direct jumps and drops
 * their relocations (see direct_plt()).
 *
 * --init-noop ADDR,... keeps the listed static constructors from running (see init_noop();
 * tools/relink/node-ctors.sh lists node's, which mrt never needs).
 *
 * --trap LIB,... drops dependencies whose functions the library's users never reach (see the
 * --trap section below).
 *
 * The output is written to OUT.tmp then renamed: never a partial OUT. Exit status 0 on
 * success, 1 on any error (message on stderr), 2 on usage error.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define RELENT sizeof(Elf64_Rela)
#define MAX_LIBS 512
#define MAX_DIRS 64

/* ---------- errors ---------- */

static void errmsg(const char *path, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "relink: ");
  if (path) fprintf(stderr, "%s: ", path);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

/* ---------- one mapped ELF file ---------- */

typedef struct {
  const char *path;
  unsigned char *data;
  size_t size;
  const Elf64_Ehdr *eh;
  Elf64_Phdr *ph;
  unsigned phnum;
  Elf64_Dyn *dyn; /* dynamic array, ndyn entries before DT_NULL */
  size_t ndyn;
  /* decoded dynamic tags (0 / NULL when absent) */
  Elf64_Dyn *d_symtab, *d_strtab, *d_strsz, *d_syment, *d_rela, *d_relasz, *d_relaent, *d_jmprel,
      *d_pltrelsz, *d_pltrel, *d_relacount, *d_flags, *d_flags_1, *d_gnu_hash, *d_hash, *d_versym,
      *d_rel, *d_runpath, *d_rpath, *d_verneed, *d_verneednum;
  size_t dynmax; /* entries PT_DYNAMIC has room for (DT_NULL padding included) */
  const char *strtab;
  uint64_t strsz;
} elf_t;

/* E's DT_SONAME, or NULL. */
static const char *elf_soname(const elf_t *e) {
  for (size_t i = 0; i < e->ndyn; i++)
    if (e->dyn[i].d_tag == DT_SONAME && e->strtab && e->dyn[i].d_un.d_val < e->strsz)
      return e->strtab + e->dyn[i].d_un.d_val;
  return NULL;
}

static void elf_close(elf_t *e) {
  if (e->data && e->data != MAP_FAILED) munmap(e->data, e->size);
  memset(e, 0, sizeof *e);
}

/* Maps PATH privately (writable copy-on-write when WRITABLE). */
static int elf_map(elf_t *e, const char *path, bool writable) {
  memset(e, 0, sizeof *e);
  e->path = path;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    errmsg(path, "cannot open: %s", strerror(errno));
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    errmsg(path, "cannot stat: %s", strerror(errno));
    close(fd);
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    errmsg(path, "not a regular file");
    close(fd);
    return -1;
  }
  if (st.st_size == 0) {
    errmsg(path, "empty file");
    close(fd);
    return -1;
  }
  if ((uint64_t)st.st_size < sizeof(Elf64_Ehdr)) {
    errmsg(path, "truncated: %lld bytes, smaller than an ELF64 header", (long long)st.st_size);
    close(fd);
    return -1;
  }
  e->size = (size_t)st.st_size;
  e->data = mmap(NULL, e->size, PROT_READ | (writable ? PROT_WRITE : 0), MAP_PRIVATE, fd, 0);
  close(fd);
  if (e->data == MAP_FAILED) {
    e->data = NULL;
    errmsg(path, "cannot map: %s", strerror(errno));
    return -1;
  }
  return 0;
}

/* File offset of [va, va+len) when it lies wholly within the file part of one PT_LOAD. */
static bool va2off(const elf_t *e, uint64_t va, uint64_t len, uint64_t *off) {
  for (unsigned i = 0; i < e->phnum; i++) {
    const Elf64_Phdr *p = &e->ph[i];
    if (p->p_type != PT_LOAD || va < p->p_vaddr) continue;
    uint64_t d = va - p->p_vaddr;
    if (d > p->p_filesz || len > p->p_filesz - d) continue;
    uint64_t o = p->p_offset + d;
    if (o < p->p_offset || o > e->size || len > e->size - o) continue;
    *off = o;
    return true;
  }
  return false;
}

static void *va2ptr(const elf_t *e, uint64_t va, uint64_t len) {
  uint64_t off;
  return va2off(e, va, len, &off) ? e->data + off : NULL;
}

/* va2ptr for an object of a type that needs ALIGN (the file is mapped page-aligned, so its
 * offset's alignment is the pointer's): NULL where a damaged file puts one askew, as for one
 * outside the file, rather than a misaligned access. */
static void *va2obj(const elf_t *e, uint64_t va, uint64_t size, uint64_t align) {
  uint64_t off;
  return va2off(e, va, size, &off) && off % align == 0 ? e->data + off : NULL;
}

/* The section headers (*n of them), or NULL when absent or not sane (out of the file,
 * misaligned, an unexpected entry size): they are optional, and only followed, never needed. */
static Elf64_Shdr *shdrs(const elf_t *e, unsigned *n) {
  const Elf64_Ehdr *eh = e->eh;
  *n = 0;
  if (!eh->e_shoff || eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff % 8 ||
      eh->e_shoff > e->size || (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > e->size - eh->e_shoff)
    return NULL;
  *n = eh->e_shnum;
  return (Elf64_Shdr *)(e->data + eh->e_shoff);
}

/* The section named NAME (by the section-name table), or NULL. */
static Elf64_Shdr *shdr_named(const elf_t *e, const char *name) {
  unsigned n;
  Elf64_Shdr *sh = shdrs(e, &n);
  if (!sh || e->eh->e_shstrndx >= n) return NULL;
  const Elf64_Shdr *names = &sh[e->eh->e_shstrndx];
  size_t len = strlen(name) + 1;
  if (names->sh_offset > e->size || names->sh_size > e->size - names->sh_offset) return NULL;
  for (unsigned i = 0; i < n; i++)
    if (sh[i].sh_name < names->sh_size && len <= names->sh_size - sh[i].sh_name &&
        memcmp(e->data + names->sh_offset + sh[i].sh_name, name, len) == 0)
      return &sh[i];
  return NULL;
}

/* A C++ entity of namespace std (a mangled name "_ZNSt...", "_ZZNSt..." for a function-local
 * static, "_ZGVZNSt..." for its guard, "_ZTISt..." typeinfo, ...). Any C++ program may
 * instantiate the same library templates, so its own copy of such an object (e.g.
 * std::_Sp_make_shared_tag::_S_ti()'s tag, which make_shared compares by address) must be
 * unified with the library's by the dynamic linker: --data leaves these alone. */
static bool std_namespace_name(const char *name) {
  static const char *const prefixes[] = {"_ZSt", "_ZNSt", "_ZNKSt", "_ZZSt", "_ZZNSt", "_ZZNKSt",
                                         "_ZGVZSt", "_ZGVZNSt", "_ZGVZNKSt", "_ZGVNSt", "_ZTVSt",
                                         "_ZTISt", "_ZTSSt", "_ZTVNSt", "_ZTINSt", "_ZTSNSt"};
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
    if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0) return true;
  return false;
}

/* Whether [VA, VA+LEN) is read-only once relocated: a PT_LOAD without PF_W, or PT_GNU_RELRO. */
static bool va_readonly(const elf_t *e, uint64_t va, uint64_t len) {
  for (unsigned i = 0; i < e->phnum; i++) {
    const Elf64_Phdr *p = &e->ph[i];
    if (!((p->p_type == PT_LOAD && !(p->p_flags & PF_W)) || p->p_type == PT_GNU_RELRO)) continue;
    if (va >= p->p_vaddr && va - p->p_vaddr <= p->p_memsz && len <= p->p_memsz - (va - p->p_vaddr))
      return true;
  }
  return false;
}

/* Whether VA lies within the memory image (file or bss part) of some PT_LOAD. */
static bool va_mapped(const elf_t *e, uint64_t va) {
  for (unsigned i = 0; i < e->phnum; i++) {
    const Elf64_Phdr *p = &e->ph[i];
    if (p->p_type == PT_LOAD && va >= p->p_vaddr && va - p->p_vaddr < p->p_memsz) return true;
  }
  return false;
}

/* Validates the headers and the dynamic segment of a mapped file; decodes the tags. */
/* Points the decoded-tag fields (e->d_*) at their entries of the dynamic array and counts the
 * entries (e->ndyn). Again after anything moves entries within the array. */
static void decode_tags(elf_t *e) {
  Elf64_Dyn **fields[] = {&e->d_symtab, &e->d_strtab, &e->d_strsz, &e->d_syment, &e->d_rela,
                          &e->d_relasz, &e->d_relaent, &e->d_jmprel, &e->d_pltrelsz, &e->d_pltrel,
                          &e->d_relacount, &e->d_flags, &e->d_flags_1, &e->d_gnu_hash, &e->d_hash,
                          &e->d_versym, &e->d_rel, &e->d_runpath, &e->d_rpath, &e->d_verneed,
                          &e->d_verneednum};
  for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) *fields[f] = NULL;
  size_t n = 0;
  while (n < e->dynmax && e->dyn[n].d_tag != DT_NULL) n++;
  e->ndyn = n;
  for (size_t i = 0; i < n; i++) {
    Elf64_Dyn *d = &e->dyn[i];
    switch (d->d_tag) {
    case DT_SYMTAB: e->d_symtab = d; break;
    case DT_STRTAB: e->d_strtab = d; break;
    case DT_STRSZ: e->d_strsz = d; break;
    case DT_SYMENT: e->d_syment = d; break;
    case DT_RELA: e->d_rela = d; break;
    case DT_RELASZ: e->d_relasz = d; break;
    case DT_RELAENT: e->d_relaent = d; break;
    case DT_JMPREL: e->d_jmprel = d; break;
    case DT_PLTRELSZ: e->d_pltrelsz = d; break;
    case DT_PLTREL: e->d_pltrel = d; break;
    case DT_RELACOUNT: e->d_relacount = d; break;
    case DT_FLAGS: e->d_flags = d; break;
    case DT_FLAGS_1: e->d_flags_1 = d; break;
    case DT_GNU_HASH: e->d_gnu_hash = d; break;
    case DT_HASH: e->d_hash = d; break;
    case DT_VERSYM: e->d_versym = d; break;
    case DT_REL: e->d_rel = d; break;
    case DT_RUNPATH: e->d_runpath = d; break;
    case DT_RPATH: e->d_rpath = d; break;
    case DT_VERNEED: e->d_verneed = d; break;
    case DT_VERNEEDNUM: e->d_verneednum = d; break;
    default: break;
    }
  }
}

static int elf_parse(elf_t *e) {
  const char *path = e->path;
  if (e->size < SELFMAG || memcmp(e->data, ELFMAG, SELFMAG) != 0) {
    errmsg(path, "not an ELF file");
    return -1;
  }
  if (e->size < EI_NIDENT || e->data[EI_CLASS] != ELFCLASS64) {
    errmsg(path, "not ELF64");
    return -1;
  }
  if (e->data[EI_DATA] != ELFDATA2LSB) {
    errmsg(path, "not little-endian");
    return -1;
  }
  if (e->size < sizeof(Elf64_Ehdr)) {
    errmsg(path, "truncated ELF header");
    return -1;
  }
  e->eh = (const Elf64_Ehdr *)e->data;
  if (e->data[EI_VERSION] != EV_CURRENT || e->eh->e_version != EV_CURRENT) {
    errmsg(path, "unknown ELF version");
    return -1;
  }
  if (e->eh->e_machine != EM_X86_64) {
    errmsg(path, "not x86-64 (e_machine %u)", e->eh->e_machine);
    return -1;
  }
  if (e->eh->e_type != ET_DYN) {
    errmsg(path, "not a shared object (e_type %u)", e->eh->e_type);
    return -1;
  }
  if (e->eh->e_phnum == 0 || e->eh->e_phentsize != sizeof(Elf64_Phdr)) {
    errmsg(path, "no or malformed program headers");
    return -1;
  }
  uint64_t phoff = e->eh->e_phoff, phsz = (uint64_t)e->eh->e_phnum * sizeof(Elf64_Phdr);
  if (phoff > e->size || phsz > e->size - phoff || phoff % 8 != 0) {
    errmsg(path, "truncated: program headers beyond end of file");
    return -1;
  }
  e->ph = (Elf64_Phdr *)(e->data + phoff);
  e->phnum = e->eh->e_phnum;
  const Elf64_Phdr *pd = NULL;
  for (unsigned i = 0; i < e->phnum; i++) {
    const Elf64_Phdr *p = &e->ph[i];
    if ((p->p_type == PT_LOAD || p->p_type == PT_DYNAMIC) &&
        (p->p_offset > e->size || p->p_filesz > e->size - p->p_offset)) {
      errmsg(path, "truncated: segment %u extends beyond end of file", i);
      return -1;
    }
    if (p->p_type == PT_LOAD && p->p_filesz > p->p_memsz) {
      errmsg(path, "segment %u: file size exceeds memory size", i);
      return -1;
    }
    if (p->p_type == PT_DYNAMIC && !pd) pd = p;
  }
  if (!pd) {
    errmsg(path, "no PT_DYNAMIC segment");
    return -1;
  }
  uint64_t doff;
  if (pd->p_offset % 8 != 0 || !va2off(e, pd->p_vaddr, pd->p_filesz, &doff) || doff != pd->p_offset) {
    errmsg(path, "PT_DYNAMIC not consistent with the PT_LOAD segments");
    return -1;
  }
  e->dyn = (Elf64_Dyn *)(e->data + pd->p_offset);
  size_t max = pd->p_filesz / sizeof(Elf64_Dyn);
  size_t n = 0;
  while (n < max && e->dyn[n].d_tag != DT_NULL) n++;
  if (n == max) {
    errmsg(path, "dynamic section not terminated by DT_NULL");
    return -1;
  }
  e->dynmax = max;
  decode_tags(e);
  if (!e->d_symtab || !e->d_strtab || !e->d_strsz) {
    errmsg(path, "dynamic section lacks DT_SYMTAB/DT_STRTAB/DT_STRSZ");
    return -1;
  }
  if (e->d_syment && e->d_syment->d_un.d_val != sizeof(Elf64_Sym)) {
    errmsg(path, "unexpected DT_SYMENT %llu", (unsigned long long)e->d_syment->d_un.d_val);
    return -1;
  }
  e->strsz = e->d_strsz->d_un.d_val;
  e->strtab = va2ptr(e, e->d_strtab->d_un.d_ptr, e->strsz);
  if (!e->strtab || e->strsz == 0) {
    errmsg(path, "truncated: dynamic string table outside the file");
    return -1;
  }
  return 0;
}

/* Dynamic string at OFF, or NULL if out of bounds / unterminated. */
static const char *dynstr(const elf_t *e, uint64_t off) {
  if (off >= e->strsz) return NULL;
  if (!memchr(e->strtab + off, 0, e->strsz - off)) return NULL;
  return e->strtab + off;
}

static const Elf64_Sym *dynsym(const elf_t *e, uint64_t idx) {
  if (idx > (UINT64_MAX / 2) / sizeof(Elf64_Sym)) return NULL;
  return va2obj(e, e->d_symtab->d_un.d_ptr + idx * sizeof(Elf64_Sym), sizeof(Elf64_Sym), 8);
}

/* Version index of symbol IDX (1 = global when there is no DT_VERSYM); -1 if out of bounds. */
static int versym(const elf_t *e, uint64_t idx) {
  if (!e->d_versym) return 1;
  const uint16_t *v = va2obj(e, e->d_versym->d_un.d_ptr + idx * 2, 2, 2);
  return v ? *v : -1;
}

/* Number of dynamic symbols, from DT_HASH, DT_GNU_HASH or the section headers; 0 on error. */
static uint64_t nsyms(const elf_t *e) {
  if (e->d_hash) {
    const uint32_t *h = va2obj(e, e->d_hash->d_un.d_ptr, 8, 4);
    if (h) return h[1];
  }
  if (e->d_gnu_hash) {
    uint64_t va = e->d_gnu_hash->d_un.d_ptr;
    const uint32_t *h = va2obj(e, va, 16, 4);
    if (!h) return 0;
    uint64_t nbuckets = h[0], symoffset = h[1], bloom = h[2];
    uint64_t bva = va + 16 + bloom * 8;
    const uint32_t *buckets = va2obj(e, bva, nbuckets * 4, 4);
    if (!buckets) return 0;
    uint64_t maxb = 0;
    for (uint64_t i = 0; i < nbuckets; i++)
      if (buckets[i] > maxb) maxb = buckets[i];
    if (maxb < symoffset) return symoffset;
    uint64_t cva = bva + nbuckets * 4;
    for (uint64_t i = maxb;; i++) {
      const uint32_t *c = va2obj(e, cva + (i - symoffset) * 4, 4, 4);
      if (!c) return 0;
      if (*c & 1) return i + 1;
    }
  }
  /* Fall back to the section headers. */
  unsigned nsh;
  const Elf64_Shdr *sh = shdrs(e, &nsh);
  for (unsigned i = 0; sh && i < nsh; i++)
    if (sh[i].sh_type == SHT_DYNSYM && sh[i].sh_addr == e->d_symtab->d_un.d_ptr)
      return sh[i].sh_size / sizeof(Elf64_Sym);
  return 0;
}

/* ---------- a set of strings ---------- */

typedef struct {
  const char **slot;
  size_t cap, n;
} strset_t;

static uint32_t strhash(const char *s) {
  uint32_t h = 5381;
  for (; *s; s++) h = h * 33 + (unsigned char)*s;
  return h;
}

static bool strset_has(const strset_t *s, const char *k) {
  if (!s->cap) return false;
  for (size_t i = strhash(k) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
    if (!s->slot[i]) return false;
    if (strcmp(s->slot[i], k) == 0) return true;
  }
}

static int strset_add(strset_t *s, const char *k) {
  if ((s->n + 1) * 2 > s->cap) {
    size_t ncap = s->cap ? s->cap * 2 : 4096;
    const char **ns = calloc(ncap, sizeof *ns);
    if (!ns) return -1;
    for (size_t i = 0; i < s->cap; i++) {
      if (!s->slot[i]) continue;
      size_t j = strhash(s->slot[i]) & (ncap - 1);
      while (ns[j]) j = (j + 1) & (ncap - 1);
      ns[j] = s->slot[i];
    }
    free(s->slot);
    s->slot = ns;
    s->cap = ncap;
  }
  size_t i = strhash(k) & (s->cap - 1);
  for (; s->slot[i]; i = (i + 1) & (s->cap - 1))
    if (strcmp(s->slot[i], k) == 0) return 0;
  s->slot[i] = k;
  s->n++;
  return 0;
}

/* ---------- dependency closure ---------- */

typedef struct {
  const char *dirs[MAX_DIRS];
  int ndirs;
  elf_t libs[MAX_LIBS]; /* mapped dependencies and -x files; names point into them */
  char *libpath[MAX_LIBS];
  int nlibs;
  strset_t soname_seen;
  strset_t defined; /* names some other object defines */
  char *needname[MAX_LIBS]; /* the DT_NEEDED name each library was loaded for (or NULL) */
} deps_t;

static void add_dir(deps_t *d, const char *dir) {
  if (d->ndirs < MAX_DIRS && dir && *dir) d->dirs[d->ndirs++] = dir;
}

/* Adds the defined, exported symbol names of E to SET. */
static int collect_into(strset_t *set, const elf_t *e) {
  uint64_t n = nsyms(e);
  if (n == 0) {
    errmsg(e->path, "cannot determine the number of dynamic symbols");
    return -1;
  }
  for (uint64_t i = 1; i < n; i++) {
    const Elf64_Sym *s = dynsym(e, i);
    if (!s) {
      errmsg(e->path, "truncated: dynamic symbol %llu outside the file", (unsigned long long)i);
      return -1;
    }
    if (s->st_shndx == SHN_UNDEF) continue;
    unsigned b = ELF64_ST_BIND(s->st_info), t = ELF64_ST_TYPE(s->st_info);
    if (b == STB_LOCAL || t == STT_SECTION || t == STT_FILE) continue;
    int v = versym(e, i);
    if (v == 0) continue; /* local version: not visible */
    const char *name = dynstr(e, s->st_name);
    if (!name) {
      errmsg(e->path, "symbol %llu: bad name offset", (unsigned long long)i);
      return -1;
    }
    if (*name && strset_add(set, name) != 0) {
      errmsg(NULL, "out of memory");
      return -1;
    }
  }
  return 0;
}

/* Adds the defined, exported symbol names of E to D->defined. */
static int collect_defined(deps_t *d, const elf_t *e) { return collect_into(&d->defined, e); }

/* Maps PATH as an extra object; returns its index or -1. Quiet when PROBE (search). */
static int add_object(deps_t *d, const char *path, bool probe) {
  if (d->nlibs >= MAX_LIBS) {
    errmsg(path, "too many dependencies");
    return -1;
  }
  elf_t *e = &d->libs[d->nlibs];
  char *p = strdup(path);
  if (!p) return -1;
  if (probe && access(path, R_OK) != 0) {
    free(p);
    return -1;
  }
  if (elf_map(e, p, false) != 0) {
    free(p);
    return -1;
  }
  if (probe) {
    /* A library of another class/machine in a search dir is skipped, as ld.so does. */
    if (e->size < sizeof(Elf64_Ehdr) || memcmp(e->data, ELFMAG, SELFMAG) != 0 ||
        e->data[EI_CLASS] != ELFCLASS64 || ((const Elf64_Ehdr *)e->data)->e_machine != EM_X86_64) {
      elf_close(e);
      free(p);
      return -1;
    }
  }
  if (elf_parse(e) != 0) {
    elf_close(e);
    free(p);
    return -2;
  }
  d->libpath[d->nlibs] = p;
  return d->nlibs++;
}

static int find_needed(deps_t *d, const char *name, const elf_t *from) {
  char buf[4096];
  if (strchr(name, '/')) return add_object(d, name, false);
  for (int i = 0; i < d->ndirs; i++) {
    if (snprintf(buf, sizeof buf, "%s/%s", d->dirs[i], name) >= (int)sizeof buf) continue;
    int r = add_object(d, buf, true);
    if (r >= 0 || r == -2) return r;
  }
  errmsg(from->path, "cannot find needed library %s (add its directory with -L)", name);
  return -1;
}

/* Loads the transitive DT_NEEDED closure of ROOT; adds every definition to D->defined. */
static int load_deps(deps_t *d, const elf_t *root) {
  int first = d->nlibs;
  for (int k = -1; k < d->nlibs; k = k < 0 ? first : k + 1) {
    const elf_t *cur = k < 0 ? root : &d->libs[k];
    if (k >= 0 && collect_defined(d, cur) != 0) return -1;
    for (size_t i = 0; i < cur->ndyn; i++) {
      if (cur->dyn[i].d_tag != DT_NEEDED) continue;
      const char *name = dynstr(cur, cur->dyn[i].d_un.d_val);
      if (!name || !*name) {
        errmsg(cur->path, "bad DT_NEEDED entry");
        return -1;
      }
      if (strset_has(&d->soname_seen, name)) continue;
      if (strset_add(&d->soname_seen, name) != 0) return -1;
      int r = find_needed(d, name, cur);
      if (r < 0) return -1;
      d->needname[r] = strdup(name);
    }
  }
  return 0;
}

/* Adds IN's DT_RUNPATH (or DT_RPATH) entries, $ORIGIN expanded, to the search dirs. */
static void add_runpath(deps_t *d, const elf_t *in, const char *inpath) {
  const Elf64_Dyn *rp = in->d_runpath ? in->d_runpath : in->d_rpath;
  if (!rp) return;
  const char *s = dynstr(in, rp->d_un.d_val);
  if (!s) return;
  char origin[4096];
  snprintf(origin, sizeof origin, "%s", inpath);
  char *slash = strrchr(origin, '/');
  if (slash) *slash = 0;
  else snprintf(origin, sizeof origin, ".");
  while (*s) {
    size_t len = strcspn(s, ":");
    char buf[4096];
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < sizeof buf;) {
      if (strncmp(s + i, "$ORIGIN", 7) == 0 && i + 7 <= len) {
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s", origin);
        if (o >= sizeof buf) o = sizeof buf - 1;
        i += 7;
      } else if (strncmp(s + i, "${ORIGIN}", 9) == 0 && i + 9 <= len) {
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s", origin);
        if (o >= sizeof buf) o = sizeof buf - 1;
        i += 9;
      } else {
        buf[o++] = s[i++];
      }
    }
    buf[o] = 0;
    char *dup = strdup(buf);
    if (dup) add_dir(d, dup);
    s += len;
    if (*s == ':') s++;
  }
}

/* ---------- the rewrite ---------- */

enum {
  LEFT_UNDEF,     /* symbol defined elsewhere */
  LEFT_DATA,      /* STT_OBJECT / STT_TLS / STT_NOTYPE / STT_COMMON */
  LEFT_IFUNC,     /* STT_GNU_IFUNC */
  LEFT_INTERPOSE, /* also defined by a dependency or a -x file */
  LEFT_PLTSLOT,   /* JUMP_SLOT that cannot leave .rela.plt and output is not BIND_NOW */
  LEFT_ODD,       /* hidden/local/abs/non-zero addend/value outside segments */
  LEFT_N
};
static const char *left_names[LEFT_N] = {"to undefined symbols", "to data symbols", "to ifuncs",
                                         "interposable (defined by a dependency)",
                                         "JUMP_SLOTs of a lazy library", "odd (abs/local/addend)"};

typedef struct {
  Elf64_Rela r;
  uint64_t idx; /* original position, for a stable sort */
} ent_t;

static int cmp_ent(const void *a, const void *b) {
  const ent_t *x = a, *y = b;
  if (x->r.r_offset != y->r.r_offset) return x->r.r_offset < y->r.r_offset ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void usage(void) {
  fprintf(stderr,
          "usage: relink [-v] [-n] [--rodata|--data] [--direct-plt] [--init-noop ADDR,...]\n"
          "              [--trap LIB[,LIB...]] [-L DIR]... [-x FILE]... IN.so OUT.so\n"
          "  rewrites IN's relocations against its own functions into R_X86_64_RELATIVE\n"
          "  -n        analyse only, write nothing (OUT may be omitted)\n"
          "  -v        list the names left alone because something else defines them\n"
          "  --rodata  also rewrite references to read-only data objects (vtables, ...)\n"
          "  --data    also rewrite references to all data objects (no copy relocation of\n"
          "            them may exist in anything loaded with OUT: check it)\n"
          "  -L DIR    extra directory to search for DT_NEEDED libraries\n"
          "  -x FILE   extra ELF object whose definitions must not be bypassed\n"
          "  --trap LIB,...  drop the DT_NEEDED libraries LIB...: references to their functions\n"
          "            go to a ud2 of IN (none may be to their data)\n"

          "  --direct-plt  PLT stubs of the library's own functions jump directly (no GOT slot)\n"
          "  --init-noop ADDR,...  .init_array entries calling these (hex) addresses call the\n"
          "            library's _fini instead, which does nothing\n");
}

/* ---------- --direct-plt ---------- */

/* The PLT stub of a function the library itself defines jumps through a GOT slot that relink
 * made RELATIVE: the dynamic linker still writes (and so copies the page of) every such slot
 * at load, ~28,000 in libnode, spread over its whole GOT among the slots of imported
 * functions. Those stubs become direct jumps (`jmp rel32; nop` over `jmp *slot(%rip)`: the
 * target is in the same library, at a fixed distance) and their relocations go. The slots of
 * the stubs still importing (JUMP_SLOT) are renumbered into the lowest of the freed slots, so
 * the GOT pages the loader writes are few and together. A JUMP_SLOT slot is read by its PLT
 * stub alone (the code of the library reaches GOT entries of functions through GLOB_DAT
 * slots), and with the PLT relocations merged into DT_RELA nothing binds lazily. Only the
 * classic 16-byte stub (jmp *; push; jmp PLT0) is rewritten; anything else in .plt is left
 * as it is, with its slot. Returns the number of stubs rewritten, or -1 (nothing changed). */
typedef struct {
  uint64_t slot;
  uint64_t ent; /* index into all[] */
  uint64_t stub; /* address of the PLT stub */
} plt_use_t;

static int cmp_plt_use(const void *a, const void *b) {
  const plt_use_t *x = a, *y = b;
  return x->slot < y->slot ? -1 : x->slot > y->slot;
}

static bool va_executable(const elf_t *e, uint64_t va) {
  for (unsigned i = 0; i < e->phnum; i++) {
    const Elf64_Phdr *p = &e->ph[i];
    if (p->p_type == PT_LOAD && (p->p_flags & PF_X) && va >= p->p_vaddr && va - p->p_vaddr < p->p_filesz)
      return true;
  }
  return false;
}

static int64_t direct_plt(elf_t *e, ent_t *all, uint64_t n, const unsigned char *wasjs,
                          unsigned char *drop, uint64_t *moved) {
  *moved = 0;
  const Elf64_Shdr *plt = shdr_named(e, ".plt");
  if (!plt || !(plt->sh_flags & SHF_EXECINSTR) || plt->sh_size % 16 || plt->sh_size < 32) return -1;
  unsigned char *code = va2ptr(e, plt->sh_addr, plt->sh_size);
  if (!code) return -1;

  /* The JUMP_SLOT relocations (as they were), by slot. */
  uint64_t njs = 0;
  for (uint64_t i = 0; i < n; i++) njs += wasjs[i];
  plt_use_t *js = malloc((njs ? njs : 1) * sizeof *js), *use = malloc((njs ? njs : 1) * sizeof *use);
  uint64_t *slots = malloc((njs ? njs : 1) * sizeof *slots);
  if (!js || !use || !slots) {
    free(js), free(use), free(slots);
    return -1;
  }
  uint64_t k = 0;
  for (uint64_t i = 0; i < n; i++)
    if (wasjs[i]) js[k++] = (plt_use_t){all[i].r.r_offset, i, 0};
  qsort(js, njs, sizeof *js, cmp_plt_use);

  /* Each classic stub after PLT0, with the JUMP_SLOT it reads; a slot read twice: give up. */
  uint64_t nuse = 0;
  for (uint64_t at = 16; at < plt->sh_size; at += 16) {
    const unsigned char *c = code + at;
    if (c[0] != 0xff || c[1] != 0x25 || c[6] != 0x68 || c[11] != 0xe9) continue;
    int32_t disp;
    memcpy(&disp, c + 2, 4);
    uint64_t va = plt->sh_addr + at, slot = va + 6 + (uint64_t)(int64_t)disp;
    plt_use_t key = {slot, 0, 0}, *hit = bsearch(&key, js, njs, sizeof *js, cmp_plt_use);
    if (!hit) continue;
    if (hit->stub) {
      free(js), free(use), free(slots);
      return -1;
    }
    hit->stub = va;
    use[nuse++] = *hit;
  }
  qsort(use, nuse, sizeof *use, cmp_plt_use);
  for (uint64_t u = 0; u < nuse; u++) slots[u] = use[u].slot;

  /* Check every target before changing anything. */
  for (uint64_t u = 0; u < nuse; u++) {
    const Elf64_Rela *r = &all[use[u].ent].r;
    if (ELF64_R_TYPE(r->r_info) != R_X86_64_RELATIVE) continue;
    int64_t rel = (int64_t)r->r_addend - (int64_t)(use[u].stub + 5);
    if (!va_executable(e, (uint64_t)r->r_addend) || rel != (int32_t)rel) {
      free(js), free(use), free(slots);
      return -1;
    }
  }
  int64_t direct = 0;
  uint64_t next = 0; /* the importing stubs take the lowest slots, in their slots' order */
  for (uint64_t u = 0; u < nuse; u++) {
    Elf64_Rela *r = &all[use[u].ent].r;
    unsigned char *c = code + (use[u].stub - plt->sh_addr);
    if (ELF64_R_TYPE(r->r_info) == R_X86_64_RELATIVE) {
      int32_t rel = (int32_t)((int64_t)r->r_addend - (int64_t)(use[u].stub + 5));
      c[0] = 0xe9;
      memcpy(c + 1, &rel, 4);
      c[5] = 0x90;
      drop[use[u].ent] = 1;
      direct++;
    } else {
      uint64_t slot = slots[next++];
      int32_t disp = (int32_t)((int64_t)slot - (int64_t)(use[u].stub + 6));
      memcpy(c + 2, &disp, 4);
      if (r->r_offset != slot) (*moved)++;
      r->r_offset = slot;
    }
  }
  free(js), free(use), free(slots);
  return direct;
}

/* --init-noop: the .init_array entries (RELATIVE relocations, addend = the constructor) whose
 * constructor is listed get DT_FINI's address instead: the library's _fini, which returns
 * at once (ld.so calls it again at exit; it does nothing there either). Entries stay in
 * place, so the array and its relocations keep their sizes and order. Every listed address
 * must be found: a list made for another build of the library is an error, not a no-op. */
static int init_noop(elf_t *e, const char *list, ent_t *all, uint64_t n) {
  uint64_t ia = 0, iasz = 0, fini = 0;
  for (size_t i = 0; i < e->ndyn; i++) {
    if (e->dyn[i].d_tag == DT_INIT_ARRAY) ia = e->dyn[i].d_un.d_ptr;
    else if (e->dyn[i].d_tag == DT_INIT_ARRAYSZ) iasz = e->dyn[i].d_un.d_val;
    else if (e->dyn[i].d_tag == DT_FINI) fini = e->dyn[i].d_un.d_ptr;
  }
  if (!ia || !iasz || !fini || !va_mapped(e, fini)) {
    errmsg(e->path, "--init-noop needs DT_INIT_ARRAY, DT_INIT_ARRAYSZ and DT_FINI");
    return -1;
  }
  int found = 0, listed = 0;
  for (const char *p = list; *p;) {
    char *end;
    errno = 0;
    unsigned long long want = strtoull(p, &end, 16);
    if (end == p || errno || (*end && *end != ',')) {
      errmsg(NULL, "--init-noop: bad address list at '%s'", p);
      return -1;
    }
    listed++;
    int hits = 0;
    for (uint64_t i = 0; i < n; i++) {
      Elf64_Rela *r = &all[i].r;
      if (ELF64_R_TYPE(r->r_info) != R_X86_64_RELATIVE || r->r_offset < ia || r->r_offset >= ia + iasz ||
          (uint64_t)r->r_addend != want)
        continue;
      r->r_addend = (int64_t)fini;
      uint64_t *slot = va2obj(e, r->r_offset, 8, 8);
      if (slot) *slot = fini; /* the in-place value, as the linker wrote it */
      hits++;
    }
    if (!hits) {
      errmsg(e->path, "--init-noop: no .init_array entry calls %llx", want);
      return -1;
    }
    found += hits;
    p = *end ? end + 1 : end;
  }
  printf("relink: %d constructors no longer run (%d .init_array entries)\n", listed, found);
  return 0;
}

static int write_out(const char *out, const unsigned char *data, size_t size, mode_t mode) {
  size_t n = strlen(out);
  char *tmp = malloc(n + 5);
  if (!tmp) return -1;
  memcpy(tmp, out, n);
  memcpy(tmp + n, ".tmp", 5);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode & 0777);
  if (fd < 0) {
    errmsg(tmp, "cannot create: %s", strerror(errno));
    free(tmp);
    return -1;
  }
  size_t done = 0;
  while (done < size) {
    ssize_t w = write(fd, data + done, size - done > (1u << 30) ? (1u << 30) : size - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      errmsg(tmp, "write failed: %s", w < 0 ? strerror(errno) : "short write");
      close(fd);
      unlink(tmp);
      free(tmp);
      return -1;
    }
    done += (size_t)w;
  }
  if (fchmod(fd, mode & 0777) != 0 || close(fd) != 0) {
    errmsg(tmp, "cannot finish: %s", strerror(errno));
    unlink(tmp);
    free(tmp);
    return -1;
  }
  if (rename(tmp, out) != 0) {
    errmsg(out, "cannot rename %s into place: %s", tmp, strerror(errno));
    unlink(tmp);
    free(tmp);
    return -1;
  }
  free(tmp);
  return 0;
}

/* ---------- --trap: dropping dependencies the library's users never reach ---------- */

/* --trap LIB[,LIB...] removes IN's DT_NEEDED entries LIB... and their version needs, and binds
 * every reference IN makes to a function they define to a `ud2` in IN itself (trap_address):
 * the loader then neither maps those libraries nor looks their symbols up, and a call that
 * was not foreseen stops the process with SIGILL. A LIB that IN does not need is skipped
 * (named in the summary).
 *
 * Refused (exit 1, nothing written) when it cannot be exact: none of the LIBs needed; a LIB
 * that a kept library (or a -x file) also needs (it would be loaded anyway, and IN's
 * references should bind to it); a name that both a dropped and a kept library define; a
 * reference to a data object or a TLS symbol of a dropped library (it cannot trap); no ud2
 * in IN. Safe only when the program never calls into those libraries; v8-fast.sh explains
 * why that holds for V8 in libnode and verifies it. (Until this session this was --stub,
 * which replaced the libraries by a generated library of aborting functions: as many look-ups
 * as before, and a library more to load.) */

#define MAX_TRAP_LIBS 32

typedef struct {
  const char *name, *version; /* version NULL: an unversioned reference */
  bool data;
} trapsym_t;

typedef struct {
  char *libs[MAX_TRAP_LIBS], *skipped[MAX_TRAP_LIBS];
  int nlibs, nskipped;
  trapsym_t *syms;
  size_t nsyms, cap;
  uint64_t nfunc, ndata, nversioned;
  strset_t names;
  bool on;          /* --trap given */
  uint64_t trap_va; /* the ud2 references are bound to */
  uint64_t ntrapped;
} trap_t;

static bool trap_has_lib(const trap_t *st, const char *name) {
  for (int i = 0; i < st->nlibs; i++)
    if (strcmp(st->libs[i], name) == 0) return true;
  return false;
}

/* Parses "NAME=LIB,LIB,...". */
static int trap_parse_libs(trap_t *st, const char *libs) {
  char *list = strdup(libs);
  if (!list) return -1;
  for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    if (st->nlibs >= MAX_TRAP_LIBS || !*tok) return -1;
    st->libs[st->nlibs++] = tok;
  }
  return st->nlibs ? 0 : -1;
}

/* Version need of IN with index IDX: the file and version names (false if none). */
static bool verneed_lookup(const elf_t *e, unsigned idx, const char **file, const char **ver) {
  if (!e->d_verneed) return false;
  uint64_t va = e->d_verneed->d_un.d_ptr;
  uint64_t n = e->d_verneednum ? e->d_verneednum->d_un.d_val : 0;
  for (uint64_t i = 0; i < n && i < 4096; i++) {
    const Elf64_Verneed *vn = va2obj(e, va, sizeof *vn, 4);
    if (!vn) return false;
    uint64_t ava = va + vn->vn_aux;
    for (unsigned j = 0; j < vn->vn_cnt; j++) {
      const Elf64_Vernaux *a = va2obj(e, ava, sizeof *a, 4);
      if (!a) return false;
      if ((a->vna_other & 0x7fff) == idx) {
        *file = dynstr(e, vn->vn_file);
        *ver = dynstr(e, a->vna_name);
        return *file && *ver;
      }
      if (!a->vna_next) break;
      ava += a->vna_next;
    }
    if (!vn->vn_next) break;
    va += vn->vn_next;
  }
  return false;
}

static int lib_index(const deps_t *d, const char *needname) {
  for (int i = 0; i < d->nlibs; i++)
    if (d->needname[i] && strcmp(d->needname[i], needname) == 0) return i;
  return -1;
}

/* A defined symbol NAME in library E (the default version preferred), or NULL. Linear. */
static const Elf64_Sym *find_def(const elf_t *e, const char *name) {
  uint64_t n = nsyms(e);
  const Elf64_Sym *found = NULL;
  for (uint64_t i = 1; i < n; i++) {
    const Elf64_Sym *s = dynsym(e, i);
    if (!s) return found;
    if (s->st_shndx == SHN_UNDEF || ELF64_ST_BIND(s->st_info) == STB_LOCAL) continue;
    const char *nm = dynstr(e, s->st_name);
    if (!nm || strcmp(nm, name) != 0) continue;
    int v = versym(e, i);
    if (v == 0) continue;
    found = s;
    if (!(v & 0x8000)) return s; /* not hidden: the default version */
  }
  return found;
}

static bool sym_name_ok(const char *s) {
  if (!*s) return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
          *s == '_' || *s == '.' || *s == '$'))
      return false;
  return true;
}

/* Decides which of IN's undefined symbols the dropped libraries define (trap->syms). */
static int trap_plan(trap_t *st, deps_t *d, const elf_t *in) {
  for (int k = 0; k < st->nlibs; k++) {
    bool needed = false;
    for (size_t i = 0; i < in->ndyn; i++) {
      const char *nm = in->dyn[i].d_tag == DT_NEEDED ? dynstr(in, in->dyn[i].d_un.d_val) : NULL;
      if (nm && strcmp(nm, st->libs[k]) == 0) needed = true;
    }
    if (!needed) { /* nothing to replace: skipped (listed in the summary) */
      if (st->nskipped < MAX_TRAP_LIBS) st->skipped[st->nskipped++] = st->libs[k];
      st->libs[k--] = st->libs[--st->nlibs];
      continue;
    }
  }
  if (!st->nlibs) {
    errmsg(in->path, "--trap: none of the libraries to drop is a DT_NEEDED of it");
    return -1;
  }
  /* Kept libraries: IN's other needs, their closure, libc & co., -x files. None may need a
   * replaced library. */
  static bool kept[MAX_LIBS];
  int queue[MAX_LIBS], nq = 0;
  for (int i = 0; i < d->nlibs; i++) {
    kept[i] = false;
    if (!d->needname[i]) kept[i] = true, queue[nq++] = i; /* -x file */
  }
  static const char *base_libs[] = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1",
                                    "ld-linux-x86-64.so.2"};
  for (size_t b = 0; b < sizeof base_libs / sizeof *base_libs; b++) {
    int r = lib_index(d, base_libs[b]);
    if (r >= 0 && !kept[r]) kept[r] = true, queue[nq++] = r;
  }
  for (size_t i = 0; i < in->ndyn; i++) {
    const char *nm = in->dyn[i].d_tag == DT_NEEDED ? dynstr(in, in->dyn[i].d_un.d_val) : NULL;
    if (!nm || trap_has_lib(st, nm)) continue;
    int r = lib_index(d, nm);
    if (r >= 0 && !kept[r]) kept[r] = true, queue[nq++] = r;
  }
  for (int q = 0; q < nq; q++) {
    const elf_t *e = &d->libs[queue[q]];
    for (size_t i = 0; i < e->ndyn; i++) {
      const char *nm = e->dyn[i].d_tag == DT_NEEDED ? dynstr(e, e->dyn[i].d_un.d_val) : NULL;
      if (!nm) continue;
      if (trap_has_lib(st, nm)) {
        errmsg(NULL, "--trap: %s is also needed by %s, which is kept: cannot drop it", nm, e->path);
        return -1;
      }
      int r = lib_index(d, nm);
      if (r >= 0 && !kept[r] && nq < MAX_LIBS) kept[r] = true, queue[nq++] = r;
    }
  }
  static strset_t kept_defined;
  for (int i = 0; i < d->nlibs; i++)
    if (kept[i] && collect_into(&kept_defined, &d->libs[i]) != 0) return -1;

  uint64_t n = nsyms(in);
  for (uint64_t i = 1; i < n; i++) {
    const Elf64_Sym *s = dynsym(in, i);
    if (!s) {
      errmsg(in->path, "truncated: dynamic symbol %llu outside the file", (unsigned long long)i);
      return -1;
    }
    if (s->st_shndx != SHN_UNDEF || ELF64_ST_BIND(s->st_info) == STB_LOCAL) continue;
    const char *name = dynstr(in, s->st_name);
    if (!name || !*name) continue;
    int vs = versym(in, i);
    const char *file = NULL, *ver = NULL;
    bool take = false;
    if (vs >= 0 && (vs & 0x7fff) >= 2 && verneed_lookup(in, vs & 0x7fff, &file, &ver))
      take = trap_has_lib(st, file);
    else if (vs >= 0 && (vs & 0x7fff) < 2) {
      /* Unversioned: taken when only a replaced library (or one only they need) defines it. */
      ver = NULL;
      if (!strset_has(&kept_defined, name))
        for (int l = 0; l < d->nlibs && !take; l++) take = !kept[l] && find_def(&d->libs[l], name);
    }
    if (!take) continue;
    if (strset_has(&kept_defined, name)) {
      errmsg(NULL, "--trap: %s is defined both by a dropped and by a kept library", name);
      return -1;
    }
    if (!sym_name_ok(name) || (ver && !sym_name_ok(ver))) {
      errmsg(NULL, "--trap: unusual symbol or version name '%s'", name);
      return -1;
    }
    if (strset_has(&st->names, name)) {
      errmsg(NULL, "--trap: %s is referenced twice (two versions?)", name);
      return -1;
    }
    const Elf64_Sym *def = NULL;
    for (int l = 0; l < d->nlibs && !def; l++)
      if (!kept[l]) def = find_def(&d->libs[l], name);
    trapsym_t ss = {name, ver, false};
    if (def) {
      unsigned t = ELF64_ST_TYPE(def->st_info);
      if (t == STT_TLS) {
        errmsg(NULL, "--trap: %s is a thread-local variable (not supported)", name);
        return -1;
      }
      ss.data = t == STT_OBJECT || t == STT_COMMON;
    }
    if (st->nsyms == st->cap) {
      st->cap = st->cap ? st->cap * 2 : 256;
      trapsym_t *ns = realloc(st->syms, st->cap * sizeof *ns);
      if (!ns) return -1;
      st->syms = ns;
    }
    st->syms[st->nsyms++] = ss;
    strset_add(&st->names, name);
    if (ss.data) st->ndata++;
    else st->nfunc++;
    if (ver) st->nversioned++;
  }
  return 0;
}

/* --trap: an address holding the bytes of `ud2` (0f 0b), which every reference to a function
 * of the replaced libraries is bound to. A call there stops the process with SIGILL; none is
 * expected (see v8-fast.sh). Searched in .text when there are section headers (not in .plt,
 * which --direct-plt rewrites), else in the executable segments. 0 when there is none. */
static uint64_t trap_address(const elf_t *e) {
  const Elf64_Shdr *t = shdr_named(e, ".text");
  if (t) {
    const unsigned char *text = va2ptr(e, t->sh_addr, t->sh_size);
    const unsigned char *at = text ? memmem(text, t->sh_size, "\x0f\x0b", 2) : NULL;
    return at && (t->sh_flags & SHF_EXECINSTR) ? t->sh_addr + (uint64_t)(at - text) : 0;
  }
  for (unsigned i = 0; i < e->phnum; i++) {
    const Elf64_Phdr *p = &e->ph[i];
    if (p->p_type != PT_LOAD || !(p->p_flags & PF_X) || p->p_filesz < 2 || p->p_offset > e->size ||
        p->p_filesz > e->size - p->p_offset)
      continue;
    const unsigned char *at = memmem(e->data + p->p_offset, p->p_filesz, "\x0f\x0b", 2);
    if (at) return p->p_vaddr + (uint64_t)(at - (e->data + p->p_offset));
  }
  return 0;
}

/* --trap, once the relocations are bound: the replaced libraries' DT_NEEDED entries and
 * version needs go (glibc asserts that every version need names a loaded object), and the
 * symbols taken from them lose their version index, which no longer exists, and become weak
 * (nothing looks them up any more). */
static int trap_apply(const trap_t *st, elf_t *in) {
  uint64_t n = nsyms(in);
  for (uint64_t i = 1; i < n && in->d_versym; i++) {
    const Elf64_Sym *s = dynsym(in, i);
    const char *name = s ? dynstr(in, s->st_name) : NULL;
    if (!s || s->st_shndx != SHN_UNDEF || !name || !strset_has(&st->names, name)) continue;
    uint16_t *vs = va2obj(in, in->d_versym->d_un.d_ptr + 2 * i, 2, 2);
    if (vs) *vs = 1; /* VER_NDX_GLOBAL */
    /* Weak: a program linked against the copy must not need a definition (GNU ld refuses
     * a library's unresolved strong references when it links an executable). */
    Elf64_Sym *w = va2obj(in, in->d_symtab->d_un.d_ptr + i * sizeof(Elf64_Sym), sizeof(Elf64_Sym), 8);
    if (w) w->st_info = ELF64_ST_INFO(STB_WEAK, ELF64_ST_TYPE(w->st_info));
  }
  size_t w = 0;
  Elf64_Dyn *d_vn = NULL, *d_vnn = NULL;
  for (size_t i = 0; i < in->dynmax && in->dyn[i].d_tag != DT_NULL; i++) {
    Elf64_Dyn dd = in->dyn[i];
    const char *nm = dd.d_tag == DT_NEEDED ? dynstr(in, dd.d_un.d_val) : NULL;
    if (nm && trap_has_lib(st, nm)) continue;
    in->dyn[w++] = dd;
  }
  for (size_t i = w; i < in->dynmax; i++) {
    in->dyn[i].d_tag = DT_NULL;
    in->dyn[i].d_un.d_val = 0;
  }
  decode_tags(in);
  d_vn = in->d_verneed;
  d_vnn = in->d_verneednum;
  if (d_vn && d_vnn) {
    uint64_t va = d_vn->d_un.d_ptr, first = va, n = d_vnn->d_un.d_val, kept = 0, prev_va = 0;
    Elf64_Verneed *prev = NULL;
    for (uint64_t i = 0; i < n && i < 4096; i++) {
      Elf64_Verneed *vn = va2obj(in, va, sizeof *vn, 4);
      if (!vn) {
        errmsg(in->path, "--trap: bad DT_VERNEED");
        return -1;
      }
      uint64_t next = vn->vn_next ? va + vn->vn_next : 0;
      const char *f = dynstr(in, vn->vn_file);
      if (f && trap_has_lib(st, f)) {
        if (prev) prev->vn_next = next ? (uint32_t)(next - prev_va) : 0;
        else if (next) first = next;
      } else {
        prev = vn;
        prev_va = va;
        kept++;
      }
      if (!next) break;
      va = next;
    }
    if (!kept) {
      errmsg(in->path, "--trap: no version need would be left");
      return -1;
    }
    /* The section header, when present, follows. */
    unsigned nsh;
    Elf64_Shdr *sh = shdrs(in, &nsh);
    for (unsigned i = 0; sh && i < nsh; i++)
      if (sh[i].sh_type == SHT_GNU_verneed && sh[i].sh_addr == d_vn->d_un.d_ptr) {
        sh[i].sh_offset += first - sh[i].sh_addr;
        sh[i].sh_size -= first - sh[i].sh_addr;
        sh[i].sh_addr = first;
        sh[i].sh_info = (uint32_t)kept;
      }
    d_vn->d_un.d_ptr = first;
    d_vnn->d_un.d_val = kept;
  }
  return 0;
}

static deps_t deps; /* large: keep off the stack */

int main(int argc, char **argv) {
  bool verbose = false, dry = false, rodata = false, data = false, plt_direct = false;
  const char *xfiles[MAX_LIBS];
  int nx = 0;
  const char *in_path = NULL, *out_path = NULL, *noop_list = NULL;
  static trap_t trap;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-v") == 0) verbose = true;
    else if (strcmp(a, "--trap") == 0 && i + 1 < argc) {
      if (trap.on || trap_parse_libs(&trap, argv[++i]) != 0) {
        errmsg(NULL, "--trap wants LIB[,LIB...] (once)");
        return 2;
      }
      trap.on = true;
    }
    else if (strcmp(a, "--init-noop") == 0 && i + 1 < argc) noop_list = argv[++i];
    else if (strcmp(a, "--direct-plt") == 0) plt_direct = true;
    else if (strcmp(a, "-n") == 0) dry = true;
    else if (strcmp(a, "--rodata") == 0) rodata = true;
    else if (strcmp(a, "--data") == 0) rodata = data = true;
    else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage();
      return 0;
    } else if ((strcmp(a, "-L") == 0 || strcmp(a, "-x") == 0) && i + 1 < argc) {
      if (a[1] == 'L') add_dir(&deps, argv[++i]);
      else if (nx < MAX_LIBS) xfiles[nx++] = argv[++i];
    } else if (a[0] == '-' && a[1]) {
      usage();
      return 2;
    } else if (!in_path) in_path = a;
    else if (!out_path) out_path = a;
    else {
      usage();
      return 2;
    }
  }
  if (!in_path || (!out_path && !dry)) {
    usage();
    return 2;
  }

  elf_t in;
  if (elf_map(&in, in_path, true) != 0 || elf_parse(&in) != 0) return 1;
  struct stat st;
  if (stat(in_path, &st) != 0) st.st_mode = 0755;

  if (in.d_rel) {
    errmsg(in_path, "has DT_REL relocations: not an x86-64 RELA object");
    return 1;
  }
  if (in.d_relaent && in.d_relaent->d_un.d_val != RELENT) {
    errmsg(in_path, "unexpected DT_RELAENT");
    return 1;
  }
  if (in.d_jmprel && (!in.d_pltrel || in.d_pltrel->d_un.d_val != DT_RELA || !in.d_pltrelsz)) {
    errmsg(in_path, "DT_JMPREL without DT_PLTREL=DT_RELA/DT_PLTRELSZ");
    return 1;
  }
  if ((in.d_rela != NULL) != (in.d_relasz != NULL)) {
    errmsg(in_path, "DT_RELA without DT_RELASZ or the reverse");
    return 1;
  }
  uint64_t dyn_va = in.d_rela ? in.d_rela->d_un.d_ptr : 0;
  uint64_t dyn_sz = in.d_relasz ? in.d_relasz->d_un.d_val : 0;
  uint64_t plt_va = in.d_jmprel ? in.d_jmprel->d_un.d_ptr : 0;
  uint64_t plt_sz = in.d_jmprel ? in.d_pltrelsz->d_un.d_val : 0;
  if (dyn_sz % RELENT || plt_sz % RELENT) {
    errmsg(in_path, "relocation table size not a multiple of %zu", RELENT);
    return 1;
  }
  uint64_t dyn_off = 0, plt_off = 0;
  if (dyn_sz && !va2off(&in, dyn_va, dyn_sz, &dyn_off)) {
    errmsg(in_path, "truncated: .rela.dyn outside the file");
    return 1;
  }
  if (plt_sz && !va2off(&in, plt_va, plt_sz, &plt_off)) {
    errmsg(in_path, "truncated: .rela.plt outside the file");
    return 1;
  }
  if (dyn_sz && plt_sz && dyn_va < plt_va + plt_sz && plt_va < dyn_va + dyn_sz) {
    errmsg(in_path, "DT_RELA and DT_JMPREL tables overlap: unsupported layout");
    return 1;
  }
  if ((dyn_off | plt_off) % 8) {
    errmsg(in_path, "misaligned relocation table");
    return 1;
  }
  /* .rela.plt right after .rela.dyn, in memory and in the file: entries can move between them. */
  bool contiguous = dyn_sz && plt_sz && dyn_va + dyn_sz == plt_va && dyn_off + dyn_sz == plt_off;
  if (!dyn_sz && plt_sz) contiguous = false;

  bool was_now = (in.d_flags && (in.d_flags->d_un.d_val & DF_BIND_NOW)) ||
                 (in.d_flags_1 && (in.d_flags_1->d_un.d_val & DF_1_NOW));
  bool out_now = was_now;

  /* Dependencies and -x files: names they define stay interposable. */
  for (int i = 0; i < nx; i++)
    if (add_object(&deps, xfiles[i], false) < 0) return 1;
  for (int i = 0; i < deps.nlibs; i++)
    if (collect_defined(&deps, &deps.libs[i]) != 0) return 1;
  add_runpath(&deps, &in, in_path);
  const char *llp = getenv("LD_LIBRARY_PATH");
  if (llp) {
    char *copy = strdup(llp);
    for (char *tok = copy ? strtok(copy, ":") : NULL; tok; tok = strtok(NULL, ":")) add_dir(&deps, tok);
  }
  static const char *std_dirs[] = {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64",
                                   "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib"};
  for (size_t i = 0; i < sizeof std_dirs / sizeof *std_dirs; i++) add_dir(&deps, std_dirs[i]);
  if (load_deps(&deps, &in) != 0) return 1;
  /* The C and C++ runtimes interpose process-wide whether or not IN names them: always check
   * them (quietly skipping any that is not installed), except the one IN is (its names are
   * its own). */
  static const char *base_libs[] = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1",
                                    "ld-linux-x86-64.so.2"};
  const char *in_soname = elf_soname(&in);
  for (size_t b = 0; b < sizeof base_libs / sizeof *base_libs; b++) {
    if (in_soname && strcmp(in_soname, base_libs[b]) == 0) continue;
    if (strset_has(&deps.soname_seen, base_libs[b])) continue;
    strset_add(&deps.soname_seen, base_libs[b]);
    for (int i = 0; i < deps.ndirs; i++) {
      char buf[4096];
      if (snprintf(buf, sizeof buf, "%s/%s", deps.dirs[i], base_libs[b]) >= (int)sizeof buf) continue;
      int r = add_object(&deps, buf, true);
      if (r == -2) return 1;
      if (r >= 0) {
        deps.needname[r] = strdup(base_libs[b]);
        if (collect_defined(&deps, &deps.libs[r]) != 0) return 1;
        break;
      }
    }
  }

  if (trap.on && trap_plan(&trap, &deps, &in) != 0) return 1;
  if (trap.on) {
    if (trap.ndata) {
      errmsg(in_path, "--trap: %llu data objects come from the libraries to drop: a reference "
             "to data cannot trap", (unsigned long long)trap.ndata);
      return 1;
    }
    if (!(trap.trap_va = trap_address(&in))) {
      errmsg(in_path, "--trap: no ud2 in an executable segment to bind to");
      return 1;
    }
  }

  uint64_t ndyn = dyn_sz / RELENT, nplt = plt_sz / RELENT, ntot = ndyn + nplt;
  static ent_t *all; /* static: reachable at exit, for leak checkers */
  all = malloc((ntot ? ntot : 1) * sizeof *all);
  static unsigned char *isrel, *wasjs, *drop;
  isrel = calloc(ntot ? ntot : 1, 1);
  wasjs = calloc(ntot ? ntot : 1, 1);
  drop = calloc(ntot ? ntot : 1, 1);
  if (!all || !isrel || !wasjs || !drop) {
    errmsg(NULL, "out of memory");
    return 1;
  }
  Elf64_Rela *dyntab = (Elf64_Rela *)(in.data + dyn_off), *plttab = (Elf64_Rela *)(in.data + plt_off);
  for (uint64_t i = 0; i < ntot; i++) {
    all[i].r = i < ndyn ? dyntab[i] : plttab[i - ndyn];
    all[i].idx = i;
    wasjs[i] = ELF64_R_TYPE(all[i].r.r_info) == R_X86_64_JUMP_SLOT;
  }

  uint64_t rewritten[3] = {0, 0, 0}, rewritten_obj = 0, left[LEFT_N] = {0}, old_relative = 0, other = 0;
  static strset_t reported;
  for (uint64_t i = 0; i < ntot; i++) {
    Elf64_Rela *r = &all[i].r;
    uint32_t type = ELF64_R_TYPE(r->r_info);
    uint64_t si = ELF64_R_SYM(r->r_info);
    bool in_plt = i >= ndyn;
    if (type == R_X86_64_RELATIVE) {
      old_relative++;
      isrel[i] = 1;
      continue;
    }
    int k = type == R_X86_64_64 ? 0 : type == R_X86_64_GLOB_DAT ? 1 : type == R_X86_64_JUMP_SLOT ? 2 : -1;
    if (k < 0 || si == 0) {
      other++;
      continue;
    }
    const Elf64_Sym *s = dynsym(&in, si);
    if (!s) {
      errmsg(in_path, "relocation %llu: symbol %llu outside the file", (unsigned long long)i,
             (unsigned long long)si);
      return 1;
    }
    const char *name = dynstr(&in, s->st_name);
    if (!name) {
      errmsg(in_path, "symbol %llu: bad name offset", (unsigned long long)si);
      return 1;
    }
    if (trap.on && s->st_shndx == SHN_UNDEF && strset_has(&trap.names, name)) {
      r->r_addend = (int64_t)(trap.trap_va + (k == 0 ? (uint64_t)r->r_addend : 0));
      r->r_info = ELF64_R_INFO(0, R_X86_64_RELATIVE);
      trap.ntrapped++;
      isrel[i] = 1;
      continue;
    }
    unsigned t = ELF64_ST_TYPE(s->st_info), b = ELF64_ST_BIND(s->st_info),
             vis = ELF64_ST_VISIBILITY(s->st_other);
    int vs = versym(&in, si);
    int why = -1;
    if (s->st_shndx == SHN_UNDEF) why = LEFT_UNDEF;
    else if (t == STT_GNU_IFUNC) why = LEFT_IFUNC;
    else if (t != STT_FUNC &&
             !(rodata && t == STT_OBJECT && s->st_size > 0 &&
               (data ? !std_namespace_name(name)
                     : b != STB_GNU_UNIQUE && va_readonly(&in, s->st_value, s->st_size))))
      why = LEFT_DATA;
    else if (s->st_shndx >= SHN_LORESERVE || s->st_shndx == SHN_UNDEF || (b != STB_GLOBAL && b != STB_WEAK && !(data && b == STB_GNU_UNIQUE)) ||
             (vis != STV_DEFAULT && vis != STV_PROTECTED) || vs <= 0 || (vs & 0x7fff) == 0 ||
             !va_mapped(&in, s->st_value) || (k != 0 && r->r_addend != 0))
      why = LEFT_ODD;
    else if (strset_has(&deps.defined, name)) {
      why = LEFT_INTERPOSE;
      if (verbose && !strset_has(&reported, name)) {
        strset_add(&reported, name);
        fprintf(stderr, "relink: left interposable: %s\n", name);
      }
    } else if (in_plt && !contiguous && !out_now)
      why = LEFT_PLTSLOT;
    if (why >= 0) {
      left[why]++;
      continue;
    }
    r->r_addend = (int64_t)(s->st_value + (k == 0 ? (uint64_t)r->r_addend : 0));
    r->r_info = ELF64_R_INFO(0, R_X86_64_RELATIVE);
    rewritten[k]++;
    if (t == STT_OBJECT) rewritten_obj++;
    isrel[i] = 1;
  }

  /* After the rewrite: a constructor the library exports is called through R_X86_64_64,
   * RELATIVE by now. */
  if (noop_list && *noop_list && init_noop(&in, noop_list, all, ntot) != 0) return 1;
  /* Only with one merged table: a dropped entry of a separate .rela.plt would leave a hole. */
  uint64_t ndrop = 0, nmoved = 0;
  if (plt_direct) {
    int64_t d = contiguous && out_now ? direct_plt(&in, all, ntot, wasjs, drop, &nmoved) : -1;
    if (d < 0) printf("relink: --direct-plt: PLT left as it is (no classic .plt, or tables not merged)\n");
    else {
      ndrop = (uint64_t)d;
      printf("relink: --direct-plt: %llu PLT stubs jump directly, their relocations dropped; "
             "%llu importing stubs moved to lower GOT slots\n", (unsigned long long)ndrop,
             (unsigned long long)nmoved);
    }
  }

  /* Lay out the new tables. */
  uint64_t nrel = 0;
  static Elf64_Rela *out;
  out = (Elf64_Rela *)malloc((ntot ? ntot : 1) * RELENT);
  static ent_t *rel;
  rel = malloc((ntot ? ntot : 1) * sizeof *rel);
  if (!out || !rel) {
    errmsg(NULL, "out of memory");
    return 1;
  }
  uint64_t lim = contiguous ? ntot : ndyn; /* entries that may be reordered as one table */
  for (uint64_t i = 0; i < lim; i++)
    if (isrel[i] && !drop[i]) rel[nrel++] = all[i];
  qsort(rel, nrel, sizeof *rel, cmp_ent);
  uint64_t o = 0;
  for (uint64_t i = 0; i < nrel; i++) out[o++] = rel[i].r;
  for (uint64_t i = 0; i < ndyn; i++)
    if (!isrel[i]) out[o++] = all[i].r;
  for (uint64_t i = ndyn; i < ntot; i++)
    if (!contiguous || !isrel[i]) out[o++] = all[i].r;
  if (o != ntot - ndrop) {
    errmsg(NULL, "internal error: %llu of %llu relocations laid out", (unsigned long long)o,
           (unsigned long long)(ntot - ndrop));
    return 1;
  }
  if (contiguous) {
    /* One DT_RELA table; drop DT_JMPREL, DT_PLTRELSZ, DT_PLTREL (compact, pad with DT_NULL). */
    memcpy(in.data + dyn_off, out, o * RELENT);
    memset(in.data + dyn_off + o * RELENT, 0, ndrop * RELENT);
    in.d_relasz->d_un.d_val = o * RELENT;
    size_t w = 0;
    for (size_t i = 0; i <= in.ndyn; i++) {
      int64_t tag = in.dyn[i].d_tag;
      if (tag == DT_JMPREL || tag == DT_PLTRELSZ || tag == DT_PLTREL) continue;
      in.dyn[w++] = in.dyn[i];
    }
    for (size_t i = w; i <= in.ndyn; i++) {
      in.dyn[i].d_tag = DT_NULL;
      in.dyn[i].d_un.d_val = 0;
    }
    decode_tags(&in); /* the entries after the dropped ones moved */
  } else {
    if (ndyn) memcpy(in.data + dyn_off, out, ndyn * RELENT);
    if (nplt) memcpy(in.data + plt_off, out + ndyn, nplt * RELENT);
  }
  bool had_count = in.d_relacount != NULL;
  uint64_t old_count = had_count ? in.d_relacount->d_un.d_val : 0;
  if (had_count) in.d_relacount->d_un.d_val = nrel;

  /* Section headers, when present and sane, follow the tables. */
  unsigned nsh;
  Elf64_Shdr *sh = contiguous ? shdrs(&in, &nsh) : NULL;
  if (sh) {
    for (unsigned i = 0; i < nsh; i++) {
      if (sh[i].sh_type != SHT_RELA) continue;
      if (sh[i].sh_addr == dyn_va && sh[i].sh_size == dyn_sz) sh[i].sh_size = o * RELENT;
      else if (sh[i].sh_addr == plt_va && sh[i].sh_size == plt_sz) {
        sh[i].sh_addr += plt_sz; /* an empty .rela.plt after the merged table */
        sh[i].sh_offset += plt_sz;
        sh[i].sh_size = 0;
      }
    }
  }

  char objnote[64] = "";
  if (rodata)
    snprintf(objnote, sizeof objnote, "; %llu of them to %sdata", (unsigned long long)rewritten_obj,
             data ? "" : "read-only ");
  uint64_t nleft = 0;
  for (int i = 0; i < LEFT_N; i++) nleft += left[i];
  printf("relink: %s: rewrote %llu to RELATIVE (R_X86_64_64 %llu, GLOB_DAT %llu, JUMP_SLOT %llu%s); "
         "left %llu symbolic (",
         in_path, (unsigned long long)(rewritten[0] + rewritten[1] + rewritten[2]),
         (unsigned long long)rewritten[0], (unsigned long long)rewritten[1],
         (unsigned long long)rewritten[2], objnote, (unsigned long long)nleft);
  bool first = true;
  for (int i = 0; i < LEFT_N; i++) {
    if (!left[i]) continue;
    printf("%s%llu %s", first ? "" : ", ", (unsigned long long)left[i], left_names[i]);
    first = false;
  }
  printf("%s); %llu other; RELATIVE %llu -> %llu%s; %s; %d dependencies checked\n", first ? "none" : "",
         (unsigned long long)other, (unsigned long long)old_relative, (unsigned long long)nrel,
         had_count ? (old_count == old_relative ? " (DT_RELACOUNT updated)" : " (DT_RELACOUNT set)") : "",
         !plt_sz ? "no PLT relocations"
         : contiguous ? ".rela.plt merged into .rela.dyn"
                      : "tables not contiguous: rewritten PLT relocations kept in place",
         deps.nlibs);
  if (trap.on) {
    printf("relink: trap for");
    for (int i = 0; i < trap.nlibs; i++) printf(" %s", trap.libs[i]);
    printf(": %llu references to %llu functions bound to the ud2 at %#llx", (unsigned long long)trap.ntrapped,
           (unsigned long long)trap.nfunc, (unsigned long long)trap.trap_va);
    for (int i = 0; i < trap.nskipped; i++) printf("%s%s", i ? " " : "; not needed, skipped: ", trap.skipped[i]);
    printf("\n");
  }
  fflush(stdout);

  if (dry) return 0;
  if (trap.on && trap_apply(&trap, &in) != 0) return 1;
  if (write_out(out_path, in.data, in.size, st.st_mode) != 0) return 1;
  return 0;
}
