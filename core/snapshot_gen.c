/* snapshot_gen.c: build-time tool. Writes the runtime's startup snapshot to FILE, headed by
 * the V8 version it belongs to (RT_SNAPSHOT_HEADER bytes, NUL-padded). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_internal.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: mrt_snapshot_gen FILE\n");
    return 2;
  }
  char *blob = NULL;
  size_t len = 0;
  int rc = rt_make_snapshot(&blob, &len);
  if (rc != MRT_OK) {
    fprintf(stderr, "mrt_snapshot_gen: cannot make the snapshot: %s\n", mrt_strerror(rc));
    return 1;
  }
  char header[RT_SNAPSHOT_HEADER] = {0};
  strncpy(header, shim_v8_version(), sizeof header - 1);
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
  FILE *f = fopen(tmp, "wb");
  int ok = f && fwrite(header, 1, sizeof header, f) == sizeof header &&
           fwrite(blob, 1, len, f) == len;
  if (f && fclose(f) != 0) ok = 0;
  free(blob);
  if (!ok || rename(tmp, argv[1]) != 0) {
    perror("mrt_snapshot_gen");
    remove(tmp);
    return 1;
  }
  return 0;
}
