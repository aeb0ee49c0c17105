#!/usr/bin/env bash
# Prints, sorted, every function HEADER declares with MRT_EXTERN (comments stripped,
# declarations joined): the API both docs.sh and symbols.sh check against.
#   declared.sh HEADER
set -euo pipefail
cc -fpreprocessed -dD -E -P -w "$1" | tr '\n' ' ' | grep -oE 'MRT_EXTERN[^;(]*\(' |
  grep -oE '\bmrt_[A-Za-z0-9_]+ *\($' | tr -d ' (' | sort -u
