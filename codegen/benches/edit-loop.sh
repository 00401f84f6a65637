#!/usr/bin/env bash
# What one edited page costs a user: a workspace with a `models` crate whose build script runs
# the library on a docs folder (a copy, in a scratch folder), and an `app` crate that uses one
# model. After a first build, one page's description is edited and `cargo build -p app` runs
# again; then the same edit is undone. Reported: wall and CPU time of the first build, of the
# rebuild after the edit, of a rebuild with nothing changed, and of regenerating alone (the
# release CLI on the same folder).
#
#   codegen/benches/edit-loop.sh [--profile dev|release] [--one-file] DOCS_FOLDER MODEL_TITLE
#
# `--one-file` sets `split_files(false)`: the output in one file instead of the default main
# file and folder of parts (compare the two in the same hour: the machine is shared).
#
# The machine is shared: compare figures from the same invocation.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/tests/scratch-crate.sh"
profile=dev
split=true
if [ "${1:-}" = "--profile" ]; then
  profile="$2"
  shift 2
fi
if [ "${1:-}" = "--one-file" ]; then
  split=false
  shift
fi
docs="$(cd "$1" && pwd)"
model="$2"
release_flag=""
[ "$profile" = release ] && release_flag="--release"

work="$root/target/edit-loop"
rm -rf "$work"
mkdir -p "$work"
cp -r "$docs" "$work/docs"
cp "$root/Cargo.lock" "$work/Cargo.lock"
cat > "$work/Cargo.toml" <<TOML
[workspace]
members = ["models", "app"]
resolver = "2"
TOML
scratch_crate "$work/models" models
rm "$work/models/Cargo.lock"
sed -i '/^\[workspace\]$/d' "$work/models/Cargo.toml"
cat >> "$work/models/Cargo.toml" <<TOML

[build-dependencies]
docs2models = { path = "$root/codegen" }
TOML
cat > "$work/models/build.rs" <<RS
fn main() {
    let mut config = docs2models::Config::new();
    config.spec_dir("../docs").split_files($split);
    if let Err(e) = config.compile() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
RS
echo 'include!(concat!(env!("OUT_DIR"), "/models.rs"));' > "$work/models/src/lib.rs"
mkdir -p "$work/app/src"
cat > "$work/app/Cargo.toml" <<TOML
[package]
name = "app"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
models = { path = "../models" }
serde_json = "1"
TOML
cat > "$work/app/src/main.rs" <<RS
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let value: Result<models::$model, _> = serde_json::from_str(&text);
    println!("{}", value.is_ok());
}
RS

# Dependencies (serde, chrono, the library itself) are not what an edit costs: built first.
(cd "$work" && cargo build --quiet $release_flag -p serde -p serde_json -p chrono >/dev/null 2>&1)

timed() {
  local label="$1"
  shift
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" >"$work/step.log" 2>&1 ||
    { cat "$work/step.log" >&2; exit 1; }
  read -r wall user sys <"$work/time.txt"
  printf '| %s | %s | %s |\n' "$label" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')"
}

page="$(grep -l "^# $model\$" "$work/docs"/*.md "$work/docs"/*/*.md 2>/dev/null | head -n 1 || true)"
[ -n "$page" ] || { echo "no page titled $model in $docs" >&2; exit 1; }
# The page in the middle of the folder: in one file, an edit moves every item below it.
pages="$(ls "$work/docs"/*.md | grep -v "$page" || true)"
other="$(echo "$pages" | sed -n "$(( ($(echo "$pages" | wc -l) + 1) / 2 ))p")"

cargo build --quiet --release -p docs2models-cli --manifest-path "$root/Cargo.toml"
echo "| step ($profile profile, split_files $split, $(ls "$work/docs" | wc -l) entries in the docs folder) | wall s | CPU s |"
echo "| --- | ---: | ---: |"
timed "regenerate alone (release CLI)" "$root/target/release/codegen" generate "$work/docs" -q --out "$work/regenerated.rs"
timed "first build of models + app" bash -c "cd '$work' && cargo build --quiet $release_flag -p app"
timed "rebuild, nothing changed" bash -c "cd '$work' && cargo build --quiet $release_flag -p app"
# A sentence more in the page's description: its doc comment, and so the output, changes.
sed -i '1a\\nEdited: one more sentence.' "$other"
timed "rebuild after editing one page ($(basename "$other"))" bash -c "cd '$work' && cargo build --quiet $release_flag -p app"
touch "$other"
timed "rebuild after touching it again (same content)" bash -c "cd '$work' && cargo build --quiet $release_flag -p app"
