#!/usr/bin/env bash
# Builds the libFuzzer harnesses (linked by lld: gold fails on their debug info) and runs each for SECONDS on a seed corpus made from ../shared/corpus,
# two at a time, then prints a table: harness, seconds, executions, executions a second, crashes.
# New inputs that widen coverage stay in fuzz/.work/corpus/HARNESS (reused by the next run); a crash
# is written to fuzz/findings/HARNESS/ and fails the run.
# Usage: fuzz/run.sh [SECONDS] [HARNESS...]   (default 600 s, every harness; env CONFIGURATION=release|debug,
#        BIOMEDICA_CORPUS)
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
seconds="${1:-600}"
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(FuzzJATS FuzzPubMed FuzzTar FuzzNPY FuzzS3Listing FuzzInventory FuzzImageHeader)
configuration="${CONFIGURATION:-release}"
corpus="${BIOMEDICA_CORPUS:-$repo/../shared/corpus}"
work="$fuzz/.work"

py="$repo/.venv/bin/python"
[ -x "$py" ] || { echo "fuzz: run scripts/setup.sh --with-python first (numpy and Pillow make the seeds)" >&2; exit 1; }
rm -rf "$work/seeds"
"$py" "$fuzz/seeds.py" "$corpus" "$work/seeds"

echo "fuzz: building the harnesses ($configuration, with libFuzzer and AddressSanitizer)" >&2
swift build -c "$configuration" --package-path "$fuzz" --build-path "$work/build" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing -Xswiftc -use-ld=lld >&2
bin="$(swift build -c "$configuration" --package-path "$fuzz" --build-path "$work/build" --show-bin-path)"

run_one() {
  local harness="$1"
  mkdir -p "$work/corpus/$harness" "$fuzz/findings/$harness"
  "$bin/$harness" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 -timeout=20 -max_len=1048576 \
    -artifact_prefix="$fuzz/findings/$harness/" "$work/corpus/$harness" "$work/seeds/$harness" >"$work/$harness.log" 2>&1 || true
}
export -f run_one
export work fuzz bin seconds
printf '%s\n' "${harnesses[@]}" | xargs -P 2 -I{} bash -c 'run_one {}'

status=0
printf '%-16s %8s %12s %10s %8s\n' harness seconds executions "execs/s" crashes
for harness in "${harnesses[@]}"; do
  log="$work/$harness.log"
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  crashes=$(find "$fuzz/findings/$harness" -type f | wc -l)
  printf '%-16s %8s %12s %10s %8s\n' "$harness" "$seconds" "${runs:-0}" "$(( ${runs:-0} / seconds ))" "$crashes"
  if [ "$crashes" -gt 0 ] || ! grep -q 'stat::number_of_executed_units' "$log"; then
    status=1
    echo "fuzz: $harness: see $log and $fuzz/findings/$harness/" >&2
  fi
done
exit $status
