/* relr: pack an ELF64 x86-64 shared library's R_X86_64_RELATIVE relocations as DT_RELR.
 *
 *   relr IN.so OUT.so
 *
 * A RELATIVE relocation takes 24 bytes of .rela.dyn; DT_RELR (glibc 2.36, binutils'
 * -z pack-relative-relocs) encodes the same as a list of addresses and 63-word bitmaps, a few
 * bits each, with the addend stored in the relocated word itself. For the relinked libnode
 * (tools/relink/relink.c, which turns most of its relocations into RELATIVE ones) that is
 * 82,000 entries: 2 MB of table the dynamic linker reads, and that stays in the process's RSS,
 * become some KB.
 *
 * The rewrite, all inside the file's existing bytes (its size and segments do not change):
 *  - each RELATIVE relocation at an 8-aligned address in the file-backed part of a writable
 *    PT_LOAD has its addend written into the word it relocates and leaves .rela.dyn; the rest
 *    (symbolic relocations, anything odd) stays there, RELATIVE ones first (DT_RELACOUNT);
 *  - the RELR table goes into the space .rela.dyn no longer needs;
 *  - glibc refuses DT_RELR without a GLIBC_ABI_DT_RELR version need on libc.so.6, so one is
 *    added: .gnu.version and .gnu.version_r move into that space too, and .dynstr, which
 *    ends where .gnu.version began, grows by the name;
 *  - where the rest of .gnu.version's old place has room, the names of the symbols the kept
 *    relocations use are copied there too, and those symbols point at the copies: the loader
 *    hashes each name, and scattered over libnode's 4.8 MB .dynstr they cost ~30 page faults
 *    and 1.4 MB of resident file pages at every start;
 *  - DT_RELR, DT_RELRSZ and DT_RELRENT take three of the DT_NULL padding slots of .dynamic;
 *    section headers follow (sizes and addresses; the RELR table gets no section).
 * Refused with a message (exit 1, no output): a file already with DT_RELR, no DT_RELA, no
 * libc.so.6 version need, .dynstr not directly followed by .gnu.version, too few spare
 * .dynamic slots, or not enough room. The output is written to OUT.tmp then renamed.
 */
#define _DEFAULT_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DT_RELRSZ
#define DT_RELRSZ 35
#define DT_RELR 36
#define DT_RELRENT 37
#endif

static const char relr_version[] = "GLIBC_ABI_DT_RELR";

static int fail(const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "relr: ");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  return 1;
}

typedef struct {
  unsigned char *data;
  size_t size;
  Elf64_Ehdr *eh;
  Elf64_Phdr *ph;
  Elf64_Dyn *dyn;
  size_t ndyn_slots; /* entries PT_DYNAMIC has room for */
} elf_t;

static int read_file(const char *path, elf_t *e) {
  memset(e, 0, sizeof *e);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail("%s: cannot open: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(Elf64_Ehdr)) {
    close(fd);
    return fail("%s: not a regular file of at least an ELF header's size", path);
  }
  e->size = (size_t)st.st_size;
  e->data = malloc(e->size);
  if (!e->data) {
    close(fd);
    return fail("out of memory");
  }
  size_t got = 0;
  while (got < e->size) {
    ssize_t n = read(fd, e->data + got, e->size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(fd);
      return fail("%s: cannot read: %s", path, n < 0 ? strerror(errno) : "short file");
    }
    got += (size_t)n;
  }
  close(fd);
  return 0;
}

static bool in_file(const elf_t *e, uint64_t off, uint64_t len) {
  return off <= e->size && len <= e->size - off;
}

static int parse(elf_t *e) {
  Elf64_Ehdr *eh = (Elf64_Ehdr *)e->data;
  if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
      eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_X86_64 || eh->e_type != ET_DYN)
    return fail("not an ELF64 x86-64 shared object");
  if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff % 8 ||
      !in_file(e, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr)))
    return fail("bad program headers");
  e->eh = eh;
  e->ph = (Elf64_Phdr *)(e->data + eh->e_phoff);
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    Elf64_Phdr *p = &e->ph[i];
    if (p->p_type != PT_DYNAMIC) continue;
    if (p->p_offset % 8 || !in_file(e, p->p_offset, p->p_filesz)) return fail("bad PT_DYNAMIC");
    e->dyn = (Elf64_Dyn *)(e->data + p->p_offset);
    e->ndyn_slots = p->p_filesz / sizeof(Elf64_Dyn);
  }
  if (!e->dyn) return fail("no PT_DYNAMIC");
  return 0;
}

/* File offset of [va, va+len) in the file part of one PT_LOAD (writable one when WRITABLE). */
static bool va2off(const elf_t *e, uint64_t va, uint64_t len, bool writable, uint64_t *off) {
  for (unsigned i = 0; i < e->eh->e_phnum; i++) {
    const Elf64_Phdr *p = &e->ph[i];
    if (p->p_type != PT_LOAD || va < p->p_vaddr || (writable && !(p->p_flags & PF_W))) continue;
    uint64_t d = va - p->p_vaddr;
    if (d > p->p_filesz || len > p->p_filesz - d) continue;
    if (!in_file(e, p->p_offset + d, len)) continue;
    *off = p->p_offset + d;
    return true;
  }
  return false;
}

static Elf64_Dyn *dyn_find(const elf_t *e, int64_t tag) {
  for (size_t i = 0; i < e->ndyn_slots && e->dyn[i].d_tag != DT_NULL; i++)
    if (e->dyn[i].d_tag == tag) return &e->dyn[i];
  return NULL;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Encodes sorted, distinct, 8-aligned addresses as RELR words into OUT (room for N words
 * suffices: never more words than addresses). Returns the number of words. */
static size_t relr_encode(const uint64_t *addr, size_t n, uint64_t *out) {
  size_t w = 0, i = 0;
  while (i < n) {
    out[w++] = addr[i]; /* an address word (even) relocates that word */
    uint64_t base = addr[i] + 8;
    i++;
    for (;;) { /* bitmap words (odd): bit k relocates base + (k-1)*8, k = 1..63 */
      uint64_t bits = 0;
      while (i < n && addr[i] >= base && addr[i] < base + 63 * 8) {
        bits |= 1ULL << ((addr[i] - base) / 8 + 1);
        i++;
      }
      if (!bits) break;
      out[w++] = bits | 1;
      base += 63 * 8;
    }
  }
  return w;
}

static uint32_t elf_hash(const char *s) {
  uint32_t h = 0, g;
  for (; *s; s++) {
    h = (h << 4) + (unsigned char)*s;
    if ((g = h & 0xf0000000u)) h ^= g >> 24;
    h &= ~g;
  }
  return h;
}

/* Section header whose address and size are VA/SZ, or NULL (section headers are optional). */
static Elf64_Shdr *section_at(elf_t *e, uint64_t va, uint64_t sz, uint32_t type) {
  Elf64_Ehdr *eh = e->eh;
  if (!eh->e_shoff || eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff % 8 ||
      !in_file(e, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr)))
    return NULL;
  Elf64_Shdr *sh = (Elf64_Shdr *)(e->data + eh->e_shoff);
  for (unsigned i = 0; i < eh->e_shnum; i++)
    if (sh[i].sh_type == type && sh[i].sh_addr == va && (sz == UINT64_MAX || sh[i].sh_size == sz))
      return &sh[i];
  return NULL;
}

static int write_out(const char *path, const elf_t *e) {
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) return fail("path too long");
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
  if (fd < 0) return fail("%s: cannot create: %s", tmp, strerror(errno));
  size_t put = 0;
  while (put < e->size) {
    ssize_t n = write(fd, e->data + put, e->size - put);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(fd);
      unlink(tmp);
      return fail("%s: cannot write: %s", tmp, n < 0 ? strerror(errno) : "no progress");
    }
    put += (size_t)n;
  }
  if (close(fd) != 0 || rename(tmp, path) != 0) {
    unlink(tmp);
    return fail("%s: cannot write: %s", path, strerror(errno));
  }
  return 0;
}

/* The dynamic symbol SYM's entry (DT_SYMTAB, 24-byte entries), or NULL outside the file. */
static Elf64_Sym *dynsym_entry(const elf_t *e, uint32_t sym) {
  Elf64_Dyn *d = dyn_find(e, DT_SYMTAB);
  uint64_t off;
  if (!d || !va2off(e, d->d_un.d_ptr + (uint64_t)sym * sizeof(Elf64_Sym), sizeof(Elf64_Sym), false, &off) ||
      off % 8) /* e->data is malloc'd: the offset's alignment is the entry's */
    return NULL;
  return (Elf64_Sym *)(e->data + off);
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* The symbols the N kept relocations name, once each (*OUT, malloc'd), and the size of their
 * names. The dynamic linker reads a relocation's symbol name to hash it for the look-up: the
 * ~2,000 names libnode's relocations use lie all over its 4.8 MB .dynstr, and each read
 * faulted in (and kept resident) 64 KB of it. Copied one after another at the end of .dynstr,
 * with the symbols' st_name pointing at the copies (the same strings: hash tables and version
 * data are unaffected), they take a few pages. Symbols whose entry or name lies outside the
 * file are left out. Returns -1 when out of memory. */
static int compact_names(const elf_t *e, const Elf64_Rela *rel, size_t n, uint64_t strtab,
                         uint64_t strsz, uint32_t **out, size_t *nout, uint64_t *size) {
  uint32_t *syms = malloc((n ? n : 1) * sizeof *syms);
  if (!syms) return -1;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (ELF64_R_SYM(rel[i].r_info)) syms[k++] = ELF64_R_SYM(rel[i].r_info);
  qsort(syms, k, sizeof *syms, cmp_u32);
  size_t w = 0;
  uint64_t total = 0, strtab_off;
  if (!va2off(e, strtab, strsz, false, &strtab_off)) k = 0;
  for (size_t i = 0; i < k; i++) {
    if (w && syms[w - 1] == syms[i]) continue;
    const Elf64_Sym *sym = dynsym_entry(e, syms[i]);
    if (!sym || sym->st_name >= strsz) continue;
    const char *name = (const char *)e->data + strtab_off + sym->st_name;
    size_t len = strnlen(name, strsz - sym->st_name);
    if (len == strsz - sym->st_name) continue; /* unterminated */
    syms[w++] = syms[i];
    total += len + 1;
  }
  *out = syms;
  *nout = w;
  *size = total;
  return 0;
}

static int pack(elf_t *e, const char *in_path) {
  if (dyn_find(e, DT_RELR)) return fail("%s: already has DT_RELR", in_path);
  Elf64_Dyn *d_rela = dyn_find(e, DT_RELA), *d_relasz = dyn_find(e, DT_RELASZ),
            *d_relacount = dyn_find(e, DT_RELACOUNT), *d_strtab = dyn_find(e, DT_STRTAB),
            *d_strsz = dyn_find(e, DT_STRSZ), *d_versym = dyn_find(e, DT_VERSYM),
            *d_verneed = dyn_find(e, DT_VERNEED), *d_verneednum = dyn_find(e, DT_VERNEEDNUM),
            *d_jmprel = dyn_find(e, DT_JMPREL);
  if (!d_rela || !d_relasz) return fail("%s: no DT_RELA table", in_path);
  if (!d_strtab || !d_strsz || !d_versym || !d_verneed || !d_verneednum)
    return fail("%s: no version needs (DT_VERNEED, DT_VERSYM)", in_path);
  /* The growth of .dynstr into .gnu.version's place keeps everything else where it is. */
  uint64_t strtab = d_strtab->d_un.d_ptr, strsz = d_strsz->d_un.d_val;
  uint64_t versym = d_versym->d_un.d_ptr, verneed = d_verneed->d_un.d_ptr;
  /* (At most alignment padding between them: .gnu.version is 2-aligned.) */
  if (versym < strtab + strsz || versym - (strtab + strsz) > 7)
    return fail("%s: .gnu.version does not directly follow .dynstr", in_path);
  uint64_t gap = versym - (strtab + strsz);
  size_t used = 0;
  while (used < e->ndyn_slots && e->dyn[used].d_tag != DT_NULL) used++;
  if (e->ndyn_slots - used < 4) return fail("%s: no room in .dynamic for three tags", in_path);

  uint64_t rela_va = d_rela->d_un.d_ptr, rela_sz = d_relasz->d_un.d_val, rela_off;
  if (rela_sz % sizeof(Elf64_Rela) || rela_va % 8 || !va2off(e, rela_va, rela_sz, false, &rela_off))
    return fail("%s: bad DT_RELA table", in_path);
  if (d_jmprel) {
    /* PLT relocations may follow .rela.dyn directly (they are then part of the loader's one
     * range): only the part before them is ours to rearrange. */
    uint64_t j = d_jmprel->d_un.d_ptr;
    if (j >= rela_va && j < rela_va + rela_sz) return fail("%s: DT_JMPREL inside DT_RELA", in_path);
  }
  size_t n = rela_sz / sizeof(Elf64_Rela);
  Elf64_Rela *rela = (Elf64_Rela *)(e->data + rela_off);

  /* .gnu.version's size: its section's, else the gap up to .gnu.version_r. */
  Elf64_Shdr *sh_versym = section_at(e, versym, UINT64_MAX, SHT_GNU_versym);
  uint64_t versym_sz = sh_versym ? sh_versym->sh_size : 0;
  if (!versym_sz) {
    if (verneed <= versym) return fail("%s: cannot size .gnu.version", in_path);
    versym_sz = verneed - versym;
  }
  uint64_t verneed_off, versym_off;
  if (!va2off(e, versym, versym_sz, false, &versym_off)) return fail("%s: bad DT_VERSYM", in_path);
  /* Walk the needs: sizes, libc.so.6's entry and the highest version index. */
  unsigned nneed = (unsigned)d_verneednum->d_un.d_val;
  uint64_t vn_size = 0;
  uint16_t max_index = 1;
  int64_t libc_entry = -1;
  {
    uint64_t at = 0;
    for (unsigned k = 0; k < nneed; k++) {
      if (!va2off(e, verneed + at, sizeof(Elf64_Verneed), false, &verneed_off) || verneed_off % 4)
        return fail("%s: bad DT_VERNEED", in_path);
      const Elf64_Verneed *vn = (const Elf64_Verneed *)(e->data + verneed_off);
      uint64_t file_off;
      if (!va2off(e, strtab + vn->vn_file, 1, false, &file_off)) return fail("%s: bad vn_file", in_path);
      if (strncmp((const char *)e->data + file_off, "libc.so.6", 10) == 0) libc_entry = (int64_t)at;
      uint64_t aux = at + vn->vn_aux;
      for (unsigned a = 0; a < vn->vn_cnt; a++) {
        uint64_t aux_off;
        if (!va2off(e, verneed + aux, sizeof(Elf64_Vernaux), false, &aux_off) || aux_off % 4)
          return fail("%s: bad Vernaux", in_path);
        const Elf64_Vernaux *va = (const Elf64_Vernaux *)(e->data + aux_off);
        uint64_t name_off;
        if (!va2off(e, strtab + va->vna_name, sizeof relr_version, false, &name_off)) name_off = 0;
        if (name_off && memcmp(e->data + name_off, relr_version, sizeof relr_version) == 0)
          return fail("%s: already needs %s", in_path, relr_version);
        if ((va->vna_other & 0x7fff) > max_index) max_index = va->vna_other & 0x7fff;
        if (aux + sizeof(Elf64_Vernaux) > vn_size) vn_size = aux + sizeof(Elf64_Vernaux);
        if (!va->vna_next) break;
        aux += va->vna_next;
      }
      if (at + sizeof(Elf64_Verneed) > vn_size) vn_size = at + sizeof(Elf64_Verneed);
      if (!vn->vn_next) break;
      at += vn->vn_next;
    }
  }
  if (libc_entry < 0) return fail("%s: no version need on libc.so.6", in_path);
  if (!va2off(e, verneed, vn_size, false, &verneed_off)) return fail("%s: bad DT_VERNEED", in_path);

  /* 1. Which RELATIVE relocations can be packed: their addends go into the words. */
  uint64_t *addr = malloc((n ? n : 1) * sizeof *addr);
  Elf64_Rela *kept = malloc((n ? n : 1) * sizeof *kept);
  if (!addr || !kept) return fail("out of memory");
  size_t naddr = 0, nkept = 0, nkept_rel = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t off;
    if (ELF64_R_TYPE(rela[i].r_info) == R_X86_64_RELATIVE && rela[i].r_offset % 8 == 0 &&
        va2off(e, rela[i].r_offset, 8, true, &off)) {
      memcpy(e->data + off, &rela[i].r_addend, 8);
      addr[naddr++] = rela[i].r_offset;
    }
  }
  qsort(addr, naddr, sizeof *addr, cmp_u64);
  for (size_t i = 1; i < naddr; i++)
    if (addr[i] == addr[i - 1]) return fail("%s: two RELATIVE relocations at %#llx", in_path,
                                            (unsigned long long)addr[i]);
  /* Kept: RELATIVE ones first (their count is DT_RELACOUNT), then the rest, in order. */
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < n; i++) {
      bool relative = ELF64_R_TYPE(rela[i].r_info) == R_X86_64_RELATIVE;
      uint64_t off;
      bool packed = relative && rela[i].r_offset % 8 == 0 && va2off(e, rela[i].r_offset, 8, true, &off);
      if (packed || relative != (pass == 0)) continue;
      kept[nkept++] = rela[i];
      nkept_rel += relative;
    }
  uint64_t *relr = malloc((naddr ? naddr : 1) * sizeof *relr);
  if (!relr) return fail("out of memory");
  size_t nrelr = relr_encode(addr, naddr, relr);

  /* 2. The new layout of the old .rela.dyn space. */
  uint64_t kept_sz = nkept * sizeof(Elf64_Rela);
  uint64_t relr_at = kept_sz;                            /* 8-aligned: entries are 24 bytes */
  uint64_t versym_at = relr_at + nrelr * 8;              /* 2-aligned */
  uint64_t verneed_at = (versym_at + versym_sz + 7) & ~7ULL;
  uint64_t new_vn_size = vn_size + sizeof(Elf64_Vernaux);
  uint64_t end = verneed_at + new_vn_size;
  if (end > rela_sz)
    return fail("%s: no room: %llu bytes needed, %llu in .rela.dyn", in_path,
                (unsigned long long)end, (unsigned long long)rela_sz);
  /* .dynstr grows into .gnu.version's place (and the padding before it) by the name. */
  if (sizeof relr_version > gap + versym_sz) return fail("%s: .gnu.version too small", in_path);
  /* ... and, where there is room, by a copy of the names of the symbols the kept relocations
   * name, which those symbols are pointed at (see compact_names). */
  uint64_t names_sz = 0;
  uint32_t *names_sym = NULL;
  size_t nnames = 0;
  if (compact_names(e, kept, nkept, strtab, strsz, &names_sym, &nnames, &names_sz) != 0)
    return fail("out of memory");
  if (sizeof relr_version + names_sz > gap + versym_sz) nnames = 0, names_sz = 0;

  unsigned char *old_versym = malloc(versym_sz), *old_vn = malloc(vn_size);
  if (!old_versym || !old_vn) return fail("out of memory");
  memcpy(old_versym, e->data + versym_off, versym_sz);
  memcpy(old_vn, e->data + verneed_off, vn_size);

  unsigned char *space = e->data + rela_off;
  memset(space, 0, rela_sz);
  memcpy(space, kept, kept_sz);
  memcpy(space + relr_at, relr, nrelr * 8);
  memcpy(space + versym_at, old_versym, versym_sz);
  /* The needs, then one more Vernaux for libc.so.6's entry, chained last in its list. */
  unsigned char *vn = space + verneed_at;
  memcpy(vn, old_vn, vn_size);
  Elf64_Verneed *libc = (Elf64_Verneed *)(vn + libc_entry);
  Elf64_Vernaux *last = (Elf64_Vernaux *)(vn + libc_entry + libc->vn_aux);
  for (unsigned a = 1; a < libc->vn_cnt && last->vna_next; a++)
    last = (Elf64_Vernaux *)((unsigned char *)last + last->vna_next);
  Elf64_Vernaux *add = (Elf64_Vernaux *)(vn + vn_size);
  add->vna_hash = elf_hash(relr_version);
  add->vna_flags = 0;
  add->vna_other = (uint16_t)(max_index + 1);
  add->vna_name = (uint32_t)strsz;
  add->vna_next = 0;
  last->vna_next = (uint32_t)((unsigned char *)add - (unsigned char *)last);
  libc->vn_cnt++;
  /* .dynstr's new name, right after its last string: in the padding and where .gnu.version
   * began (the rest of the old place zeroed). */
  memset(e->data + versym_off - gap, 0, gap + versym_sz);
  memcpy(e->data + versym_off - gap, relr_version, sizeof relr_version);
  uint64_t name_at = strsz + sizeof relr_version, strtab_off;
  if (!va2off(e, strtab, strsz + gap + versym_sz, false, &strtab_off)) return fail("%s: bad .dynstr", in_path);
  for (size_t i = 0; i < nnames; i++) {
    Elf64_Sym *sym = dynsym_entry(e, names_sym[i]);
    const char *name = (const char *)e->data + strtab_off + sym->st_name;
    size_t len = strlen(name) + 1;
    memcpy(e->data + strtab_off + name_at, name, len);
    sym->st_name = (uint32_t)name_at;
    name_at += len;
  }

  /* 3. Dynamic tags. */
  d_relasz->d_un.d_val = kept_sz;
  if (d_relacount) d_relacount->d_un.d_val = nkept_rel;
  d_strsz->d_un.d_val = strsz + sizeof relr_version + names_sz;
  d_versym->d_un.d_ptr = rela_va + versym_at;
  d_verneed->d_un.d_ptr = rela_va + verneed_at;
  e->dyn[used].d_tag = DT_RELR;
  e->dyn[used].d_un.d_ptr = rela_va + relr_at;
  e->dyn[used + 1].d_tag = DT_RELRSZ;
  e->dyn[used + 1].d_un.d_val = nrelr * 8;
  e->dyn[used + 2].d_tag = DT_RELRENT;
  e->dyn[used + 2].d_un.d_val = 8;

  /* 4. Section headers, when present. */
  Elf64_Shdr *s;
  if ((s = section_at(e, rela_va, rela_sz, SHT_RELA))) s->sh_size = kept_sz;
  if ((s = section_at(e, strtab, strsz, SHT_STRTAB))) s->sh_size = strsz + sizeof relr_version + names_sz;
  if (sh_versym) {
    sh_versym->sh_addr = rela_va + versym_at;
    sh_versym->sh_offset = rela_off + versym_at;
  }
  if ((s = section_at(e, verneed, UINT64_MAX, SHT_GNU_verneed))) {
    s->sh_addr = rela_va + verneed_at;
    s->sh_offset = rela_off + verneed_at;
    s->sh_size = new_vn_size;
  }

  printf("relr: %s: %zu RELATIVE relocations packed into %zu RELR words (%llu bytes); "
         "%zu relocations kept (%zu RELATIVE); .rela.dyn %llu -> %llu bytes; "
         "%zu symbol names they use copied together (%llu bytes)\n",
         in_path, naddr, nrelr, (unsigned long long)(nrelr * 8), nkept, nkept_rel,
         (unsigned long long)rela_sz, (unsigned long long)kept_sz, nnames,
         (unsigned long long)names_sz);
  free(names_sym);
  free(addr);
  free(kept);
  free(relr);
  free(old_versym);
  free(old_vn);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: relr IN.so OUT.so\n"
                    "  packs IN's R_X86_64_RELATIVE relocations as DT_RELR (glibc >= 2.36)\n");
    return 2;
  }
  elf_t e;
  if (read_file(argv[1], &e) != 0) return 1;
  int rc = parse(&e) || pack(&e, argv[1]) || write_out(argv[2], &e);
  free(e.data);
  return rc ? 1 : 0;
}
