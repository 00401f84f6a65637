#!/usr/bin/env bash
# Instructions that rustc executes to build a generated models file, counted by valgrind's
# callgrind: a figure that repeats to within 0.1% whatever else runs on the machine, unlike
# CPU time, so two variants of a file compare in one run each (BENCHMARKS.md, sections 12
# and 15).
#
#   codegen/benches/instructions.sh [--release] FILE.rs...
#
# Each file is built as the library of a scratch crate (the dependencies of compile-time.sh,
# built first and not counted), from scratch, with cargo's dev flags (`--release`: release).
# Printed per file: the instructions of rustc summed over its threads, in G. Building under
# callgrind takes about 50 times as long as a build: use a root set (`codegen generate --root`)
# of a few hundred types rather than a whole folder. Needs valgrind.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/tests/scratch-crate.sh"
bench_args "$@"
files=("${args[@]}")
command -v valgrind >/dev/null || { echo "instructions: valgrind is not installed" >&2; exit 2; }

work="${CARGO_TARGET_DIR:-$root/target}/instructions"
crate="$work/crate"
library_bench_crate "$work" instructions_bench "$profile"

# cargo runs rustc through this wrapper: the crate itself under callgrind, the rest as is.
wrapper="$work/wrapper.sh"
rustc_wrapper "$wrapper" instructions_bench \
  'exec valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$CALLGRIND_OUT.%p" "$@" 2>"$CALLGRIND_OUT.log"'

for file in "${files[@]}"; do
  cp "$file" "$crate/src/models.rs"
  touch "$crate/src/lib.rs"
  out="$work/callgrind"
  rm -f "$out".*
  if ! (cd "$crate" && CALLGRIND_OUT="$out" RUSTC_WRAPPER="$wrapper" cargo build --quiet --profile "$profile" 2>/dev/null); then
    echo "$file: the build failed (see $out.log)"
    continue
  fi
  # Each process's file gives its instruction count once as `summary:` and again as `totals:`
  # (older valgrinds write only one of them): one per file, not both.
  awk -v f="$file" '
    FNR == 1 { s += n; n = 0 }
    /^summary:/ && n == 0 { n = $2 }
    /^totals:/ { n = $2 }
    END { s += n; printf "%s: %.2f G instructions\n", f, s / 1e9 }
  ' "$out".[0-9]*
done
