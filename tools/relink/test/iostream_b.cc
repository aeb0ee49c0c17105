// Fixture of test-iostream-ctors.sh: like iostream_a.cc, and it prints with std::cout.
#include <iostream>
extern "C" int fixture_print(const char *s) {
  std::cout << s << std::endl;
  return std::cout.good() ? 0 : 1;
}
