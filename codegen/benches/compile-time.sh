#!/usr/bin/env bash
# Compile time of the generated code, as a user's crate sees it.
#
#   codegen/benches/compile-time.sh [--runs N] [--profiles "dev release"] [--use] [--fast-macros]
#                                   INPUT...
#
# An INPUT is a docs folder (generated with the release CLI) or a `.rs` file already generated
# (a variant edited by hand, to compare emitted-code changes); `NAME=INPUT` names it. Each one is
# built in a scratch crate with the dependencies the README lists (serde with derive,
# serde_json, chrono with serde) and the workspace's Cargo.lock. Dependencies are built first
# and not timed (with an empty crate); then the crate alone is built from scratch
# (`CARGO_INCREMENTAL=0`, touched before each run) N times per profile. Reported: the median
# wall time and the median CPU time (user + sys of cargo and rustc, which load from other
# processes disturbs much less than wall time; compare variants by it), and CPU seconds per
# 1,000 types.
#
# `--use` adds a module that deserializes and serializes every generated type with serde_json
# (one generic function instantiated per type), so the time includes the monomorphised serde
# code a user's crate compiles when it uses the models, not only the library's generic code.
# `--fast-macros` builds the proc macros (serde_derive) optimized, as a user's
# `[profile.*.build-override] opt-level = 3` does.
#
# The machine is shared: compare figures from the same invocation, not across invocations.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/tests/scratch-crate.sh"
runs=1
profiles="dev release"
use=0
fast_macros=0
inputs=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --profiles) profiles="$2"; shift 2 ;;
    --use) use=1; shift ;;
    --fast-macros) fast_macros=1; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) inputs+=("$1"); shift ;;
  esac
done
if [ "${#inputs[@]}" = 0 ]; then
  corpora="$root/../shared/corpora"
  if [ ! -d "$corpora" ]; then
    echo "compile-time: skipped, $corpora is absent and no input was given"
    exit 0
  fi
  for d in "$corpora"/*/; do inputs+=("${d%/}"); done
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --release -p docs2models-cli --manifest-path "$root/Cargo.toml" --target-dir "$target_dir"
codegen="$target_dir/release/codegen"
work="$root/target/compile-time"
mkdir -p "$work"
export CARGO_TARGET_DIR="$work/target"
export CARGO_INCREMENTAL=0

# Rust paths of the generated types (not the support module), from the module nesting.
type_paths() {
  awk '
    /^ *pub mod [A-Za-z0-9_#]+ \{$/ {
      lvl = (index($0, "p") - 1) / 4; name = $3; stack[lvl] = name; next
    }
    /^ *pub (struct|enum) / {
      lvl = (index($0, "p") - 1) / 4; name = $3; sub(/[<{(;].*/, "", name)
      if (lvl > 0 && stack[0] == "support") next
      path = "crate"
      for (i = 0; i < lvl; i++) path = path "::" stack[i]
      print path "::" name
    }
  ' "$1"
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

printf '| input | types | lines | profile | wall s | CPU s (user+sys) | CPU s / 1,000 types |\n'
printf '| --- | ---: | ---: | --- | ---: | ---: | ---: |\n'
for input in "${inputs[@]}"; do
  name="${input%%=*}"
  if [ "$name" = "$input" ]; then name="$(basename "${input%.rs}")"; else input="${input#*=}"; fi
  crate="$work/$name"
  scratch_crate "$crate" "compile-time-$(echo "$name" | tr -c 'a-zA-Z0-9_\n' '-')"
  if [ "$fast_macros" = 1 ]; then
    printf '\n[profile.dev.build-override]\nopt-level = 3\n\n[profile.release.build-override]\nopt-level = 3\n' >> "$crate/Cargo.toml"
  fi
  if [ -d "$input" ]; then
    "$codegen" generate "$input" --out "$crate/src/models.rs" -q
  else
    cp "$input" "$crate/src/models.rs"
  fi
  types="$(type_paths "$crate/src/models.rs" | wc -l)"
  lines="$(wc -l < "$crate/src/models.rs")"
  lib="$(
    echo 'include!("models.rs");'
    if [ "$use" = 1 ]; then
      echo 'fn roundtrip<T: ::serde::Serialize + ::serde::de::DeserializeOwned>(s: &str) -> usize {'
      echo '    serde_json::from_str::<T>(s).ok().and_then(|v| serde_json::to_string(&v).ok()).map_or(0, |s| s.len())'
      echo '}'
      echo '/// Instantiates the serde code of every generated type.'
      echo '#[allow(deprecated)]'
      echo 'pub fn roundtrip_all(s: &str) -> usize {'
      echo '    let mut n = 0;'
      type_paths "$crate/src/models.rs" | sed 's/.*/    n += roundtrip::<&>(s);/'
      echo '    n'
      echo '}'
    fi
  )"
  for profile in $profiles; do
    # Dependencies first, untimed, with an empty crate.
    : > "$crate/src/lib.rs"
    (cd "$crate" && cargo build --quiet --profile "$profile")
    echo "$lib" > "$crate/src/lib.rs"
    walls=()
    cpus=()
    for _ in $(seq "$runs"); do
      touch "$crate/src/lib.rs"
      (cd "$crate" && /usr/bin/time -f "%e %U %S" -o "$crate/time.txt" cargo build --quiet --profile "$profile")
      read -r wall user sys < "$crate/time.txt"
      walls+=("$wall")
      cpus+=("$(echo "$user + $sys" | bc)")
    done
    wall="$(median "${walls[@]}")"
    cpu="$(median "${cpus[@]}")"
    per="$(echo "scale=1; $cpu * 1000 / $types" | bc)"
    printf '| %s | %s | %s | %s | %.1f | %.1f | %s |\n' "$name" "$types" "$lines" "$profile" "$wall" "$cpu" "$per"
  done
done
