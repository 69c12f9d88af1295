#!/usr/bin/env bash
# Serialization throughput: biomedica build (keep-bytes and --reencode) vs a BIOMEDICA-style PIL + webdataset
# serializer, on the shared corpus replicated REPLICAS times.
# Usage: bench/serialize/run.sh        (env: BIOMEDICA_CORPUS, REPLICAS=10, RUNS=5)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

# Python peer: the project venv if set up, else a private one for the benchmark. Pillow is not among the
# test requirements, so the benchmark installs its own list into whichever venv it uses.
if [ -x .venv/bin/python ]; then
  py=.venv/bin/python
else
  [ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
  py=bench/.venv/bin/python
fi
"$py" -c 'import PIL, webdataset, pyarrow' 2>/dev/null || "$py" -m pip install -q -r bench/serialize/requirements.txt

bin=.build/release/biomedica
[ -x "$bin" ] || swift build -c release --product biomedica

# GNU time reports the peak RSS and CPU time of the measured process.
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null

exec "$py" bench/serialize/bench.py --bin "$bin" \
  --corpus "${BIOMEDICA_CORPUS:-$repo/../shared/corpus}" \
  --replicas "${REPLICAS:-10}" --runs "${RUNS:-5}"
