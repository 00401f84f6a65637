#!/usr/bin/env bash
# Where rustc's time goes when it builds a generated models file, by item: each query's time
# charged to the item it works on, summed by kind of item (`read_fields`, `serialize`, the
# setters, each derived trait's method, ...), then the queries of one kind (BENCHMARKS.md,
# section 17).
#
#   codegen/benches/by-item.sh [--release] FILE.rs [KIND]
#
# The file is built as the library of a scratch crate (the dependencies of compile-time.sh,
# built first and not counted), from scratch, with cargo's dev flags (`--release`: release),
# with rustc's self-profile on (a nightly flag, allowed on stable by RUSTC_BOOTSTRAP=1 for
# that one invocation), and read by `by-item/` (built on first use). Times, not instruction
# counts: compare kinds within one run, and check a change with instructions.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/tests/scratch-crate.sh"
bench_args "$@"
file="${args[0]}"
kind="${args[1]:-}"

work="${CARGO_TARGET_DIR:-$root/target}/by-item"
(cd "$here/by-item" && CARGO_TARGET_DIR="$work/tool" cargo build --quiet --release)
crate="$work/crate"
library_bench_crate "$work" by_item_bench "$profile"

# cargo runs rustc through this wrapper: the crate itself with the self-profile, the rest as is.
wrapper="$work/wrapper.sh"
rustc_wrapper "$wrapper" by_item_bench \
  'RUSTC_BOOTSTRAP=1 exec "$@" -Zself-profile="$PROFILE_DIR" -Zself-profile-events=default,args'

cp "$file" "$crate/src/models.rs"
touch "$crate/src/lib.rs"
rm -rf "$work/profile"
mkdir -p "$work/profile"
(cd "$crate" && PROFILE_DIR="$work/profile" RUSTC_WRAPPER="$wrapper" cargo build --quiet --profile "$profile" 2>/dev/null) ||
  { echo "by-item: the build of $file failed" >&2; exit 1; }
stem="$(ls "$work/profile"/*.mm_profdata | head -1)"
"$work/tool/release/by-item" "${stem%.mm_profdata}" by_item_bench ${kind:+"$kind"}
