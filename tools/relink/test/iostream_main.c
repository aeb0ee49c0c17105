/* Driver of test-iostream-ctors.sh: loads LIB, checks the mixed constructors ran, prints
 * through std::cout and returns from main, so that exit() runs the kept Init's destructor,
 * which flushes the streams. */
#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv) {
  if (argc != 2) return 2;
  void *h = dlopen(argv[1], RTLD_NOW);
  if (!h) { fprintf(stderr, "dlopen: %s\n", dlerror()); return 3; }
  int (*mixed)(void) = (int (*)(void))dlsym(h, "fixture_mixed");
  int (*stored)(void) = (int (*)(void))dlsym(h, "fixture_stored");
  int (*print)(const char *) = (int (*)(const char *))dlsym(h, "fixture_print");
  if (!mixed || !stored || !print) return 4;
  if (mixed() != 2 || stored() != 42) { fprintf(stderr, "a mixed constructor did not run\n"); return 5; }
  return print("streams work");
}
