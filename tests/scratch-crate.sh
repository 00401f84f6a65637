# Sourced by the scripts that build generated models in a scratch crate (tests/corpus-check.sh,
# tests/conformance/run.sh, codegen/benches/compile-time.sh), so that they build against the
# same dependencies, pinned by the workspace's Cargo.lock.
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
