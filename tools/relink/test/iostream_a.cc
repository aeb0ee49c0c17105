// Fixture of test-iostream-ctors.sh: a translation unit whose only static constructor is
// <iostream>'s (listed unless it is the library's first).
#include <iostream>
extern "C" int fixture_a() { return 1; }
