#!/usr/bin/env bash
# Compile time of the generated code, as a user's crate sees it.
#
#   codegen/benches/compile-time.sh [--runs N] [--profiles "dev release"] [--use | --lib-and-use]
#                                   [--floor] [--fast-macros] INPUT...
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
# `--lib-and-use` builds each input both ways (a row each), in the same run.
#
# `--floor` also builds, for each input, its floor: the same type definitions with their derives
# of std traits, and every other impl, serde derive and attribute, function and macro removed
# (`variants.py floor`, support module included), which is what the types alone cost rustc.
# Builds of an input, its `--use` form and its floor alternate within each run; the last column
# is the median over the runs of each row's CPU time over the floor's in the same run, so that a
# build slowed by the machine counts once, and a slow drift of the machine cancels. With
# `--floor`, N is 3 unless given (a single build moves by 5-15% from run to run).
#
# `--fast-macros` builds the proc macros (serde_derive) optimized, as a user's
# `[profile.*.build-override] opt-level = 3` does.
#
# The machine is shared: compare figures from the same invocation, not across invocations.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/tests/scratch-crate.sh"
runs=
profiles="dev release"
use=0
floor=0
fast_macros=0
inputs=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --profiles) profiles="$2"; shift 2 ;;
    --use) use=1; shift ;;
    --lib-and-use) use=2; shift ;;
    --floor) floor=1; shift ;;
    --fast-macros) fast_macros=1; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) inputs+=("$1"); shift ;;
  esac
done
if [ -z "$runs" ]; then
  if [ "$floor" = 1 ]; then runs=3; else runs=1; fi
fi
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

# The lines of lib.rs: the models, and with USE=1 the module that instantiates their serde code.
lib_rs() {
  echo 'include!("models.rs");'
  if [ "$2" = 1 ]; then
    echo 'fn roundtrip<T: ::serde::Serialize + ::serde::de::DeserializeOwned>(s: &str) -> usize {'
    echo '    serde_json::from_str::<T>(s).ok().and_then(|v| serde_json::to_string(&v).ok()).map_or(0, |s| s.len())'
    echo '}'
    echo '/// Instantiates the serde code of every generated type.'
    echo '#[allow(deprecated)]'
    echo 'pub fn roundtrip_all(s: &str) -> usize {'
    echo '    let mut n = 0;'
    type_paths "$1" | sed 's/.*/    n += roundtrip::<&>(s);/'
    echo '    n'
    echo '}'
  fi
}

# new_crate NAME MODELS USE: a scratch crate for one build variant; prints its directory.
new_crate() {
  local crate="$work/$1"
  scratch_crate "$crate" "compile-time-$(echo "$1" | tr -c 'a-zA-Z0-9_\n' '-')"
  if [ "$fast_macros" = 1 ]; then
    printf '\n[profile.dev.build-override]\nopt-level = 3\n\n[profile.release.build-override]\nopt-level = 3\n' >> "$crate/Cargo.toml"
  fi
  [ "$2" = "$crate/src/models.rs" ] || cp "$2" "$crate/src/models.rs"
  lib_rs "$crate/src/models.rs" "$3" > "$crate/lib.rs.timed"
  echo "$crate"
}

printf '| input | types | lines | profile | wall s | CPU s (user+sys) | CPU s / 1,000 types | x floor |\n'
printf '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n'
for input in "${inputs[@]}"; do
  name="${input%%=*}"
  if [ "$name" = "$input" ]; then name="$(basename "${input%.rs}")"; else input="${input#*=}"; fi
  models="$work/$name.models.rs"
  if [ -d "$input" ]; then
    "$codegen" generate "$input" --out "$models" -q
  else
    cp "$input" "$models"
  fi
  types="$(type_paths "$models" | wc -l)"
  # Variants of this input, built in turn within each run: name, models file, use module.
  names=()
  crates=()
  case "$use" in
    0) names+=("$name"); crates+=("$(new_crate "$name" "$models" 0)") ;;
    1) names+=("$name --use"); crates+=("$(new_crate "$name-use" "$models" 1)") ;;
    2) names+=("$name" "$name --use")
       crates+=("$(new_crate "$name" "$models" 0)" "$(new_crate "$name-use" "$models" 1)") ;;
  esac
  if [ "$floor" = 1 ]; then
    python3 "$root/codegen/benches/variants.py" "$models" floor "$work/$name.floor.rs" > /dev/null
    names+=("$name floor")
    crates+=("$(new_crate "$name-floor" "$work/$name.floor.rs" 0)")
  fi
  for profile in $profiles; do
    declare -A walls=() cpus=()
    for crate in "${crates[@]}"; do
      # Dependencies first, untimed, with an empty crate.
      : > "$crate/src/lib.rs"
      (cd "$crate" && cargo build --quiet --profile "$profile")
      cp "$crate/lib.rs.timed" "$crate/src/lib.rs"
    done
    for _ in $(seq "$runs"); do
      for crate in "${crates[@]}"; do
        touch "$crate/src/lib.rs"
        (cd "$crate" && /usr/bin/time -f "%e %U %S" -o "$crate/time.txt" cargo build --quiet --profile "$profile")
        read -r wall user sys < "$crate/time.txt"
        walls[$crate]+="$wall "
        cpus[$crate]+="$(echo "$user + $sys" | bc) "
      done
    done
    floor_crate=""
    if [ "$floor" = 1 ]; then floor_crate="${crates[-1]}"; fi
    for k in "${!crates[@]}"; do
      crate="${crates[$k]}"
      # shellcheck disable=SC2086
      wall="$(median ${walls[$crate]})"
      # shellcheck disable=SC2086
      cpu="$(median ${cpus[$crate]})"
      # A file with no types (a support module built alone, say) has no cost per type.
      per=""
      if [ "$types" -gt 0 ]; then per="$(echo "scale=1; $cpu * 1000 / $types" | bc)"; fi
      ratio=""
      if [ -n "$floor_crate" ]; then
        # shellcheck disable=SC2086
        ratio="$(median $(paste -d' ' <(printf '%s\n' ${cpus[$crate]}) <(printf '%s\n' ${cpus[$floor_crate]}) |
          awk '{ printf "%.4f\n", $1 / $2 }'))"
        ratio="$(printf '%.2f' "$ratio")"
      fi
      lines="$(wc -l < "$crate/src/models.rs")"
      printf '| %s | %s | %s | %s | %.1f | %.1f | %s | %s |\n' "${names[$k]}" "$types" "$lines" "$profile" "$wall" "$cpu" "$per" "$ratio"
    done
    unset walls cpus
  done
done
