#!/usr/bin/env bash
# Extraction throughput: biomedica extract vs pubmed_parser on the shared corpus replicated 20 times.
# Usage: bench/extract/run.sh        (env: BIOMEDICA_CORPUS, REPLICAS=20, RUNS=5)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

source bench/setup.sh "pubmed_parser" Tests/python/requirements.txt

exec "$py" bench/extract/bench.py --bin "$bin" \
  --corpus "${BIOMEDICA_CORPUS:-$repo/../shared/corpus}" \
  --replicas "${REPLICAS:-20}" --runs "${RUNS:-5}"
