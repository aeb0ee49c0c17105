// Fixture of test-iostream-ctors.sh: <iostream> and an initialiser that calls nothing but
// stores a value computed at run time: never listed either.
#include <iostream>
static volatile int seed = 41;
static int stored = seed + 1;
extern "C" int fixture_stored() { return stored; }
