# Sourced by the scripts that build generated models in a scratch crate (tests/corpus-check.sh,
# tests/conformance/run.sh, codegen/benches/*.sh), so that they build against the same
# dependencies, pinned by the workspace's Cargo.lock.
#
# scratch_crate DIR PACKAGE [SERDE_JSON_FEATURES]
#   writes DIR/Cargo.toml (serde with derive, serde_json, chrono with serde; a workspace of its
#   own) and DIR/Cargo.lock; callers append their own sections ([[bin]], [profile.*]).
scratch_crate() {
  local dir="$1" package="$2" json_features="${3:-}"
  local serde_json='"1"'
  if [ -n "$json_features" ]; then
    serde_json="{ version = \"1\", features = [$json_features] }"
  fi
  mkdir -p "$dir/src"
  cp "$(dirname "${BASH_SOURCE[0]}")/../Cargo.lock" "$dir/Cargo.lock"
  cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$package"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = $serde_json
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }

[workspace]
TOML
}

# library_bench_crate WORK PACKAGE PROFILE
#   a scratch crate in WORK/crate whose library is `src/models.rs` (empty: a caller copies the
#   file it measures there), with its dependencies built for PROFILE so that they are not part
#   of what the caller measures; exports CARGO_TARGET_DIR (WORK/target) and CARGO_INCREMENTAL=0
#   for the caller's builds.
library_bench_crate() {
  local work="$1" package="$2" profile="$3"
  scratch_crate "$work/crate" "$package"
  echo 'include!("models.rs");' > "$work/crate/src/lib.rs"
  : > "$work/crate/src/models.rs"
  export CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0
  (cd "$work/crate" && cargo build --quiet --profile "$profile")
}

# rustc_wrapper FILE PACKAGE LINE
#   writes FILE, a RUSTC_WRAPPER for cargo that runs rustc as it is given, except for the
#   build of PACKAGE, which runs LINE instead (a line of bash in which "$@" is rustc's command).
rustc_wrapper() {
  local file="$1" package="$2" line="$3"
  cat > "$file" <<SH
#!/usr/bin/env bash
for arg in "\$@"; do
  if [ "\$arg" = $package ]; then
    $line
  fi
done
exec "\$@"
SH
  chmod +x "$file"
}

# bench_args "$@"
#   for a bench script taking `[--release] ARG...` and whose usage is the comment of its lines 2
#   to 13: sets `profile` (dev, or release) and the array `args`; prints the usage and exits on
#   `--help`, or when no ARG is given.
bench_args() {
  profile=dev
  args=()
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --release) profile=release; shift ;;
      -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  if [ "${#args[@]}" = 0 ]; then
    sed -n '2,13p' "$0"
    exit 2
  fi
}
