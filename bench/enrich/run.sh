#!/usr/bin/env bash
# PubMed XML parsing throughput: biomedica parse-pubmed --count vs Biopython's Bio.Entrez.read, on the shared
# corpus's efetch records replicated to about 20,000 records in one efetch answer.
# Usage: bench/enrich/run.sh        (env: BIOMEDICA_CORPUS, REPLICAS (default: about 20,000 records), RUNS=5)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

source bench/setup.sh "Bio" bench/enrich/requirements.txt

exec "$py" bench/enrich/bench.py --bin "$bin" \
  --corpus "${BIOMEDICA_CORPUS:-$repo/../shared/corpus}" \
  ${REPLICAS:+--replicas "$REPLICAS"} --runs "${RUNS:-5}"
