#!/usr/bin/env bash
# Compile time of the generated code, as a user's crate sees it.
#
#   codegen/benches/compile-time.sh [--runs N] [--profiles "dev release"] [--use] INPUT...
#
# An INPUT is a docs folder (generated with the release CLI) or a `.rs` file already generated
# (a variant edited by hand, to compare emitted-code changes); `NAME=INPUT` names it. Each one is
# built in a scratch crate with the dependencies the README lists (serde with derive,
# serde_json, chrono with serde) and the workspace's Cargo.lock. Dependencies are built first
# and not timed; then the crate alone is rebuilt from scratch (`CARGO_INCREMENTAL=0`, after a
# touch) N times per profile, and the median is reported, with seconds per 1,000 types.
#
# `--use` adds a module that deserializes and serializes every generated type with serde_json
# (one generic function instantiated per type), so the time includes the monomorphised serde
# code a user's crate compiles when it uses the models, not only the library's generic code.
#
# The machine is shared: compare figures from the same invocation, not across invocations.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs=1
profiles="dev release"
use=0
inputs=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --profiles) profiles="$2"; shift 2 ;;
    --use) use=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
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
cargo build --quiet --release -p codegen --manifest-path "$root/Cargo.toml" --target-dir "$target_dir"
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

now() { date +%s.%N; }

printf '| input | types | lines | profile | seconds (median of %s) | s / 1,000 types |\n' "$runs"
printf '| --- | ---: | ---: | --- | ---: | ---: |\n'
for input in "${inputs[@]}"; do
  name="${input%%=*}"
  if [ "$name" = "$input" ]; then name="$(basename "${input%.rs}")"; else input="${input#*=}"; fi
  crate="$work/$name"
  mkdir -p "$crate/src"
  cp "$root/Cargo.lock" "$crate/Cargo.lock"
  cat > "$crate/Cargo.toml" <<TOML
[package]
name = "compile-time-$(echo "$name" | tr -c 'a-zA-Z0-9_\n' '-')"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }

[workspace]
TOML
  if [ -d "$input" ]; then
    "$codegen" generate "$input" --out "$crate/src/models.rs" -q
  else
    cp "$input" "$crate/src/models.rs"
  fi
  types="$(type_paths "$crate/src/models.rs" | wc -l)"
  lines="$(wc -l < "$crate/src/models.rs")"
  {
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
  } > "$crate/src/lib.rs"
  for profile in $profiles; do
    # Dependencies first, untimed.
    (cd "$crate" && cargo build --quiet --profile "$profile")
    times=()
    for _ in $(seq "$runs"); do
      touch "$crate/src/lib.rs"
      start="$(now)"
      (cd "$crate" && cargo build --quiet --profile "$profile")
      times+=("$(echo "$(now) - $start" | bc)")
    done
    median="$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
    per="$(echo "scale=2; $median * 1000 / $types" | bc)"
    printf '| %s | %s | %s | %s | %.1f | %s |\n' "$name" "$types" "$lines" "$profile" "$median" "$per"
  done
done
