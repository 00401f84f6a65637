#!/usr/bin/env bash
# Makes the conformance fixtures and the JSON-name file of a corpus from its Python SDK.
#
# usage: tests/conformance/gen.sh CORPUS [gen_fixtures.py options]
#        CORPUS: syllable | apideck | tirdad | friendli | unified | cribl-2023
#
# 1. a venv under target/conformance/venv/CORPUS with requirements-CORPUS.txt (needs PyPI the
#    first time; remade when the requirements change);
# 2. tests/conformance/CORPUS.names.toml: `codegen aliases` on the installed SDK package;
# 3. tests/conformance/fixtures/CORPUS.jsonl.gz: gen_fixtures.py (deterministic; about
#    15-25 minutes for apideck and a few for syllable on 2 cores).
# Both outputs are committed; run.sh needs neither the network nor the venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
name="${1:?usage: gen.sh CORPUS [options]}"
shift
case "$name" in
  syllable) package=syllable_sdk ;;
  apideck) package=apideck_unify ;;
  tirdad) package=tirdad_sdk ;;
  friendli) package=friendli.core ;;  # (`friendli.models` is a hand-written module beside it)
  unified) package=unified_python_sdk ;;
  cribl-2023) package=cribl ;;
  *) echo "gen.sh: unknown corpus \`$name\` (syllable, apideck, tirdad, friendli, unified, cribl-2023)" >&2; exit 2 ;;
esac
docs="$(dirname "$0")/../../../shared/corpora/$name"
if [ ! -d "$docs" ]; then
  echo "gen.sh: the docs folder $docs is absent" >&2
  exit 2
fi
docs="$(cd "$docs" && pwd)"
req="$here/requirements-$name.txt"
venv="$root/target/conformance/venv/$name"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$req" "$venv/requirements.txt"; then
  echo "== making $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  cp "$req" "$venv/requirements.txt"
fi
site="$("$venv/bin/python" -c 'import sys, importlib.util, os; print(os.path.dirname(os.path.dirname(importlib.util.find_spec(sys.argv[1]).origin)))' "${package%%.*}")"

echo "== $name.names.toml from the pydantic aliases of $package"
CARGO_TARGET_DIR="$root/target/conformance/cargo-codegen" cargo build --quiet --release -p docs2models-cli \
  --manifest-path "$root/Cargo.toml"
(cd "$site" && "$root/target/conformance/cargo-codegen/release/codegen" aliases "${package//.//}" \
  --out "$here/$name.names.toml")

echo "== fixtures/$name.jsonl.gz from $package"
mkdir -p "$here/fixtures"
"$venv/bin/python" "$here/gen_fixtures.py" --package "$package" --docs "$docs" \
  --out "$here/fixtures/$name.jsonl.gz" "$@"
