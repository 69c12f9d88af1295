#!/usr/bin/env bash
# Serialization throughput: biomedica build (keep-bytes and --reencode) vs a BIOMEDICA-style PIL + webdataset
# serializer, on the shared corpus replicated REPLICAS times.
# Usage: bench/serialize/run.sh        (env: BIOMEDICA_CORPUS, REPLICAS=10, RUNS=5)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

source bench/setup.sh "PIL, webdataset, pyarrow" bench/serialize/requirements.txt

exec "$py" bench/serialize/bench.py --bin "$bin" \
  --corpus "${BIOMEDICA_CORPUS:-$repo/../shared/corpus}" \
  --replicas "${REPLICAS:-10}" --runs "${RUNS:-5}"
