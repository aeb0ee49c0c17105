/* replay_main.c: runs a libFuzzer harness over files and directories of inputs, without
 * libFuzzer (any compiler; CI replays the seed corpus this way under ASan+UBSan):
 *   fuzz_x [-v] corpus_dir_or_file...
 * Exit 0 when every input ran; a failed check aborts with the input's name on stderr. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int verbose;
static unsigned ran;

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return 1;
  }
  size_t cap = 4096, n = 0;
  uint8_t *b = malloc(cap);
  size_t r;
  while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
    n += r;
    if (n == cap) b = realloc(b, cap *= 2);
  }
  fclose(f);
  if (!b) return 1;
  if (verbose) fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
  /* A copy of exactly n bytes, so ASan sees a read past the input. */
  uint8_t *exact = malloc(n ? n : 1);
  memcpy(exact, b, n);
  free(b);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  ran++;
  return 0;
}

static int run_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    return 1;
  }
  if (!S_ISDIR(st.st_mode)) return run_file(path);
  struct dirent **names;
  int k = scandir(path, &names, NULL, alphasort);
  if (k < 0) {
    perror(path);
    return 1;
  }
  int bad = 0;
  for (int i = 0; i < k; i++) {
    if (names[i]->d_name[0] != '.') {
      size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
      char *p = malloc(len);
      snprintf(p, len, "%s/%s", path, names[i]->d_name);
      bad |= run_path(p);
      free(p);
    }
    free(names[i]);
  }
  free(names);
  return bad;
}

int main(int argc, char **argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  int bad = 0, paths = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0) {
      verbose = 1;
      continue;
    }
    paths++;
    bad |= run_path(argv[i]);
  }
  if (!paths) {
    fprintf(stderr, "usage: %s [-v] corpus_dir_or_file...\n", argv[0]);
    return 2;
  }
  fprintf(stderr, "replay: %u inputs\n", ran);
  return bad || ran == 0;
}
