"""Time k-means on one float32 matrix with `biomedica annotate fit` (greedy k-means++, bounded Lloyd) and with
scikit-learn's KMeans (k-means++ seeding, Lloyd until convergence, as BIOMEDICA ran it), and compare
the inertia each reaches: the sum of squared distances of every row to its nearest centroid,
computed here the same way for both from the centroids they return.

The matrix is a seeded Gaussian mixture of CLUSTERS components of uneven sizes and spreads, a
stand-in for PCA-reduced image features. ours: the whole `annotate fit --pca-dims DIMS` process (the
PCA to as many dimensions is a rotation and leaves distances alone). peer: `KMeans.fit` alone,
in this process. Medians of RUNS runs, alternating.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans


def mixture(rows: int, dims: int, clusters: int, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 1, size=(clusters, dims))
    weights = rng.lognormal(0, 1, size=clusters)
    members = rng.choice(clusters, size=rows, p=weights / weights.sum())
    spread = rng.uniform(0.05, 0.3, size=clusters)[members, None]
    return (centres[members] + rng.normal(0, 1, size=(rows, dims)) * spread).astype(np.float32)


def inertia(x: np.ndarray, centroids: np.ndarray) -> float:
    """Sum over rows of the squared distance to the nearest centroid, in float64, in chunks."""
    c = centroids.astype(np.float64)
    c_norms = (c * c).sum(1)
    total = 0.0
    for start in range(0, len(x), 20_000):
        chunk = x[start:start + 20_000].astype(np.float64)
        d = (chunk * chunk).sum(1)[:, None] - 2 * chunk @ c.T + c_norms[None, :]
        total += np.maximum(d.min(1), 0).sum()
    return total


def run_ours(binary: Path, features: Path, model: Path, dims: int, clusters: int, rows: int, seed: int):
    start = time.perf_counter()
    subprocess.run([str(binary), "annotate", "fit", "--features", str(features), "--model", str(model),
                    "--pca-dims", str(dims), "--clusters", str(clusters), "--train-size", str(rows),
                    "--seed", str(seed), "--quiet"], check=True)
    seconds = time.perf_counter() - start
    mean = np.load(model / "pca_mean.npy").ravel()
    components = np.load(model / "pca_components.npy")
    centroids = np.load(model / "centroids.npy")
    # Centroids live in the PCA space: map them back, so both inertias are taken on the same rows.
    return seconds, centroids @ components + mean


def features_per_second(binary: Path, corpus: Path, runs: int) -> tuple[int, float]:
    """(images, median seconds) of `annotate features --jobs 1` over a build of the corpus's pmc-cloud folder."""
    with tempfile.TemporaryDirectory(prefix="biomedica-bench-") as tmp:
        out = Path(tmp) / "out"
        subprocess.run([str(binary), "build", "--source", str(corpus / "pmc-cloud"), "--out", str(out), "--quiet"], check=True)
        times = []
        for _ in range(runs):
            # Feature files of unchanged shards are reused: remove them so that every run computes.
            shutil.rmtree(out / "features", ignore_errors=True)
            start = time.perf_counter()
            subprocess.run([str(binary), "annotate", "features", "--dataset", str(out), "--jobs", "1", "--quiet"], check=True)
            times.append(time.perf_counter() - start)
        images = sum(len(keys.read_text().split()) for keys in (out / "features" / "builtin-v2").rglob("*.keys"))
        return images, statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--dims", type=int, default=25)
    ap.add_argument("--clusters", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    images, seconds = features_per_second(args.bin, args.corpus, args.runs)
    print(f"built-in features: {images} images of the corpus in {seconds:.2f} s with --jobs 1 (whole process):"
          f" {images / seconds:.0f} images/s on one core\n")
    x = mixture(args.rows, args.dims, args.clusters)
    print(f"{args.rows} x {args.dims} float32, K = {args.clusters}; median of {args.runs} runs; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start\n")
    ours, peer = [], []
    with tempfile.TemporaryDirectory(prefix="biomedica-bench-") as tmp:
        features = Path(tmp) / "features.npy"
        np.save(features, x)
        for run in range(args.runs):
            seconds, centroids = run_ours(args.bin, features, Path(tmp) / f"model{run}", args.dims, args.clusters,
                                          args.rows, seed=run + 1)
            ours.append((seconds, inertia(x, centroids)))
            start = time.perf_counter()
            km = KMeans(n_clusters=args.clusters, n_init=1, random_state=run + 1).fit(x)
            peer.append((time.perf_counter() - start, inertia(x, km.cluster_centers_), km.n_iter_))
    o_time = statistics.median(s for s, _ in ours)
    p_time = statistics.median(s for s, _, _ in peer)
    o_inertia = statistics.median(i for _, i in ours)
    p_inertia = statistics.median(i for _, i, _ in peer)
    print(f"{'tool':44} {'seconds':>8} {'inertia':>14}")
    print(f"{'biomedica annotate fit (whole process)':44} {o_time:8.2f} {o_inertia:14.1f}")
    print(f"{'sklearn KMeans.fit (n_init=1)':44} {p_time:8.2f} {p_inertia:14.1f}"
          f"   ({statistics.median(n for _, _, n in peer):.0f} iterations)")
    print(f"\nspeed ours / peer: {p_time / o_time:.2f}x; inertia ours / peer: {o_inertia / p_inertia:.4f}"
          f" ({(o_inertia / p_inertia - 1) * 100:+.2f}%)")
    print(json.dumps({"ours": ours, "peer": peer}))


if __name__ == "__main__":
    main()
