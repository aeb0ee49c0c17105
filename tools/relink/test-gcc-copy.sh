#!/usr/bin/env bash
# Checks that MRT loads set-up's libgcc_s copy (gcc-fast.sh) from its RUNPATH rather than the
# system's, which libnode's and libstdc++'s needs would load were libgcc_s not among mrt's
# own (tools/CMakeLists.txt).
#
#   tools/relink/test-gcc-copy.sh MRT COPY
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mrt=${1:?usage: test-gcc-copy.sh MRT COPY}
copy=${2:?usage: test-gcc-copy.sh MRT COPY}
loaded=$(env -u LD_LIBRARY_PATH "$mrt" "$here/test/libgcc_s_path.js")
if [ "$(readlink -f "$loaded")" != "$(readlink -f "$copy")" ]; then
  echo "FAIL: mrt loaded $loaded, not $copy" >&2
  exit 1
fi
echo "gcc-copy: ok ($loaded)"
