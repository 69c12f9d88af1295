#!/usr/bin/env bash
# Byte identity across a change: builds the dataset from the same corpora with the release binary
# of commit BASE and with that of the working tree, and compares every file of the shards, indexes,
# Parquet tables, feature files and annotation outputs. Exits 1 on any difference.
# Usage: bench/identity/run.sh [BASE]   (default 3f27ddd, the last commit before the runs moved
#        from the CLI into the library; env BIOMEDICA_CORPUS)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
base="${1:-3f27ddd}"
corpus="${BIOMEDICA_CORPUS:-$repo/../shared/corpus}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# BASE's checkout and build are kept under .build/, so that a second run compares at once.
commit="$(git rev-parse --verify "$base^{commit}")"
checkout="$repo/.build/identity/$commit"
echo "building $base and the working tree (release)" >&2
[ -d "$checkout" ] || git worktree add --detach "$checkout" "$commit" >/dev/null
(cd "$checkout" && swift build -c release --product biomedica >&2)
swift build -c release --product biomedica >&2
binaries=("$checkout/.build/release/biomedica" "$repo/.build/release/biomedica")

# Each case: a name, a source, and the build's flags.
cases=(
  "cloud|$corpus/pmc-cloud|"
  "legacy|$corpus/legacy|"
  "sample|$repo/Examples/sample-corpus|"
  "cloud-reencoded|$corpus/pmc-cloud|--reencode --resize center-crop --image-size 128 --shard-size 7 --biomedica-compat"
  "cloud-annotated|$corpus/pmc-cloud|--annotate --clusters 4 --shard-size 9"
)
status=0
for entry in "${cases[@]}"; do
  IFS='|' read -r name source flags <<<"$entry"
  for side in 0 1; do
    out="$work/$name-$side"
    # shellcheck disable=SC2086
    "${binaries[$side]}" build --source "$source" --out "$out" --quiet $flags 2>"$work/$name-$side.log" \
      || { echo "$name: the build of ${binaries[$side]} failed:"; tail -5 "$work/$name-$side.log"; exit 1; }
    (cd "$out" && for area in shards parquet features annotation; do [ ! -d "$area" ] || find "$area" -type f; done | sort | xargs md5sum) \
      >"$work/$name-$side.md5"
  done
  if diff "$work/$name-0.md5" "$work/$name-1.md5" >"$work/$name.diff"; then
    echo "$name: identical ($(wc -l <"$work/$name-0.md5") files)"
  else
    echo "$name: DIFFERENT"
    cat "$work/$name.diff"
    status=1
  fi
done
exit $status
