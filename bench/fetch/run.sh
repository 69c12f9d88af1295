#!/usr/bin/env bash
# Fetch throughput: biomedica fetch at several --connections from an S3 server on loopback that answers
# after 100 ms, against connections / latency and a Python thread-pool client; then the memory a 200 MB
# download adds.
# Usage: bench/fetch/run.sh   (env: BIOMEDICA_CORPUS, REPLICAS=12, RUNS=3, CONNECTIONS="1 4 16 32 64",
#                              LATENCY_MS=100, SECONDS_AT_LIMIT=5, WITHOUT_CONNECTIONS=1 for a biomedica
#                              that has no --connections yet)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

# The peer and the server need only Python's standard library.
source bench/setup.sh "http.client" /dev/null

exec "$py" bench/fetch/bench.py --bin "$bin" \
  --corpus "${BIOMEDICA_CORPUS:-$repo/../shared/corpus}" \
  --replicas "${REPLICAS:-12}" --runs "${RUNS:-3}" --connections "${CONNECTIONS:-1 4 16 32 64}" \
  --latency-ms "${LATENCY_MS:-100}" --seconds "${SECONDS_AT_LIMIT:-5}" \
  ${WITHOUT_CONNECTIONS:+--without-connections}
