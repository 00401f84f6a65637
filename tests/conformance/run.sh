#!/usr/bin/env bash
# Conformance of the generated models with the Python SDK the docs came from.
#
# usage: tests/conformance/run.sh [CORPUS...]      (default: syllable apideck)
#
# For each corpus: builds the generator, generates the models from
# ../shared/corpora/<CORPUS> (with tests/conformance/<CORPUS>.names.toml when present), builds
# a scratch crate under target/conformance/<CORPUS> that includes them and checks every fixture
# of tests/conformance/fixtures/<CORPUS>.jsonl.gz (made from the SDK by gen.sh): accepted
# inputs must read and write back the SDK's output, rejected inputs must fail to read.
# Prints the failures per model and `conformance <CORPUS>: N passed, M failed`; exits non-zero
# when anything failed. A corpus whose docs folder is absent is skipped (exit 0).
# No network is needed: the fixtures are committed.
#
# serde_json is built with `float_roundtrip`: without it serde_json may read a float one unit in
# the last place off (`3.402823466e+38`), which is not the generator's doing.
# CODEGEN=/path/to/codegen uses that binary instead of building one.
# The first 3 failures of each model are printed, long JSON clipped; CONFORMANCE_FULL=1 prints
# all of them unclipped. Every failure is also written to target/conformance/<CORPUS>/failures.jsonl.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/tests/scratch-crate.sh"
corpora="$(dirname "$0")/../../../shared/corpora"
if [ "$#" -gt 0 ]; then names=("$@"); else names=(syllable apideck); fi

work="$root/target/conformance"
# CONFORMANCE_BENCH=ROUNDS also times the round trips (see checker.rs): an optimized build.
profile=""
profile_dir=debug
if [ -n "${CONFORMANCE_BENCH:-}" ]; then
  profile=--release
  profile_dir=release
fi
mkdir -p "$work"
built=0
status=0
for name in "${names[@]}"; do
  docs="$corpora/$name"
  fixtures="$here/fixtures/$name.jsonl.gz"
  if [ ! -d "$docs" ]; then
    echo "conformance $name skipped: the docs folder $docs is absent"
    continue
  fi
  if [ ! -f "$fixtures" ]; then
    echo "conformance $name: the fixtures $fixtures are missing (make them with tests/conformance/gen.sh $name)" >&2
    status=1
    continue
  fi
  if [ -n "${CODEGEN:-}" ]; then
    codegen="$CODEGEN"
  else
    if [ "$built" = 0 ]; then
      echo "== building the generator"
      CARGO_TARGET_DIR="$work/cargo-codegen" cargo build --quiet --release -p docs2models-cli \
        --manifest-path "$root/Cargo.toml"
      built=1
    fi
    codegen="$work/cargo-codegen/release/codegen"
  fi

  echo "== $name: generating the models from $docs"
  crate="$work/$name"
  mkdir -p "$crate/src"
  names_args=()
  if [ -f "$here/$name.names.toml" ]; then
    names_args=(--json-names "$here/$name.names.toml")
  fi
  if ! "$codegen" generate "$docs" --out "$crate/src/models.rs" --index "$crate/index.tsv" \
    "${names_args[@]}" 2> "$crate/generate.log"; then
    cat "$crate/generate.log" >&2
    echo "conformance $name: the generator failed; nothing was checked" >&2
    status=1
    continue
  fi

  scratch_crate "$crate" "conformance-$name" '"float_roundtrip"'
  cat >> "$crate/Cargo.toml" <<TOML

[[bin]]
name = "checker"
path = "src/main.rs"

[profile.dev]
debug = false
TOML
  cp "$here/checker.rs" "$crate/src/main.rs"
  # The dispatch from the index: page path -> generated type (titles repeat in nested folders:
  # `errors/error.md` and `shared/error.md`; paths do not).
  awk -F'\t' '
    BEGIN { print "/// Runs `job` with the generated type of a page (path in the docs folder); `None` when the index has no such page."
            print "fn with_type<J: Job>(class: &str, job: J) -> Option<J::Out> {"
            print "    Some(match class {" }
    !seen[$4]++ { gsub(/\\/, "\\\\", $4); gsub(/"/, "\\\"", $4)
                  printf "        \"%s\" => job.run::<models::%s>(),\n", $4, $2 }
    END { print "        _ => return None,"; print "    })"; print "}" }
  ' "$crate/index.tsv" > "$crate/src/dispatch.rs"
  gzip -dc "$fixtures" > "$crate/fixtures.jsonl"

  echo "== $name: building the checker"
  if ! (
    cd "$crate"
    export CARGO_TARGET_DIR="$work/cargo-models" RUSTFLAGS="-A warnings"
    cargo build --quiet --offline $profile 2> "$crate/build.log" ||
      cargo build --quiet $profile 2> "$crate/build.log"
  ); then
    tail -n 40 "$crate/build.log" >&2
    echo "conformance $name: the generated models do not compile; nothing was checked" >&2
    status=1
    continue
  fi
  checker="$work/cargo-models/$profile_dir/checker"
  echo "== $name: checking $(wc -l < "$crate/fixtures.jsonl") fixtures"
  "$checker" "$name" "$crate/fixtures.jsonl" "$crate/failures.jsonl" "$here/$name.exceptions" \
    || status=1
done
exit "$status"
