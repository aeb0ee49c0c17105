// Fixture of test-iostream-ctors.sh: <iostream> and another dynamic initialiser in one
// translation unit: its constructor does more than set up the streams and is never listed.
#include <cstdlib>
#include <iostream>
static int mixed_value = std::getenv("FIXTURE_UNSET_VARIABLE") ? 1 : 2;
extern "C" int fixture_mixed() { return mixed_value; }
