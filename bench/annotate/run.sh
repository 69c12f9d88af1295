#!/usr/bin/env bash
# k-means: biomedica annotate fit (greedy k-means++, bounded Lloyd) against scikit-learn's KMeans, which BIOMEDICA used, on the
# same float32 matrix (default 200,000 x 25, K = 2000, as the issue asks), in the same run.
# Also: built-in features per second on one core, over the shared corpus's images.
# Usage: bench/annotate/run.sh   (env: BIOMEDICA_CORPUS, ROWS=200000 DIMS=25 CLUSTERS=2000 RUNS=3)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

source bench/setup.sh "sklearn" bench/annotate/requirements.txt

exec "$py" bench/annotate/bench.py --bin "$bin" --corpus "${BIOMEDICA_CORPUS:-$repo/../shared/corpus}" --rows "${ROWS:-200000}" --dims "${DIMS:-25}" \
  --clusters "${CLUSTERS:-2000}" --runs "${RUNS:-3}"
