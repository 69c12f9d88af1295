#!/usr/bin/env bash
# Extraction throughput: biomedica extract vs pubmed_parser on the shared corpus replicated 20 times.
# Usage: bench/extract/run.sh        (env: BIOMEDICA_CORPUS, REPLICAS=20, RUNS=5)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

# Python peer: the project venv if set up, else a private one for the benchmark.
if [ -x .venv/bin/python ]; then
  py=.venv/bin/python
else
  [ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
  py=bench/.venv/bin/python
fi
"$py" -c 'import pubmed_parser' 2>/dev/null || "$py" -m pip install -q -r Tests/python/requirements.txt

bin=.build/release/biomedica
[ -x "$bin" ] || swift build -c release --product biomedica

# GNU time reports the peak RSS of the measured process.
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null

exec "$py" bench/extract/bench.py --bin "$bin" \
  --corpus "${BIOMEDICA_CORPUS:-$repo/../shared/corpus}" \
  --replicas "${REPLICAS:-20}" --runs "${RUNS:-5}"
