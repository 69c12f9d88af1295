"""The built-in features, PCA and k-means group images of known kinds (bar, line and scatter plots, flow
diagrams, photographs, micrographs: see figure_kinds.py) into clusters far purer than chance."""
import random
from collections import Counter, defaultdict

import numpy as np
import pytest

from cli import run

pytest.importorskip("skimage")
import figure_kinds  # noqa: E402


def purity(kinds: list[str], clusters: list[int]) -> float:
    """The share of images whose cluster's commonest kind is their own."""
    members = defaultdict(list)
    for kind, cluster in zip(kinds, clusters):
        members[cluster].append(kind)
    return sum(Counter(m).most_common(1)[0][1] for m in members.values()) / len(kinds)


# Measured: K = 6 reached 0.69 against 0.26 by chance; K = 12 (two clusters a kind, nearer BIOMEDICA's
# K = 2000 for far more images than kinds) 0.87 against 0.31.
@pytest.mark.parametrize("clusters,margin", [(6, 0.35), (12, 0.45)])
def test_clusters_of_known_kinds_are_purer_than_chance(biomedica_bin, tmp_path, clusters, margin):
    kinds = figure_kinds.make(tmp_path / "images", per_kind=25)
    proc = run(biomedica_bin, "annotate", "features", "--images", tmp_path / "images", "--out", tmp_path / "f.npy")
    assert "150 images (0 could not be decoded)" in proc.stdout
    keys = (tmp_path / "f.keys").read_text().split()
    assert keys == sorted(kinds) and np.load(tmp_path / "f.npy").shape == (150, 184)
    run(biomedica_bin, "annotate", "fit", "--features", tmp_path / "f.npy", "--model", tmp_path / "m", "--clusters", str(clusters))
    run(biomedica_bin, "annotate", "assign", "--model", tmp_path / "m", "--features", tmp_path / "f.npy", "--out", tmp_path / "c.npy")
    assigned = np.load(tmp_path / "c.npy").ravel().tolist()
    truth = [kinds[k] for k in keys]
    reached = purity(truth, assigned)
    # Chance: the same cluster sizes filled at random, averaged over many draws.
    rng = random.Random(0)
    draws = []
    for _ in range(200):
        shuffled = truth[:]
        rng.shuffle(shuffled)
        draws.append(purity(shuffled, assigned))
    chance = sum(draws) / len(draws)
    print(f"K={clusters}: purity {reached:.3f}, chance {chance:.3f}")
    assert reached >= chance + margin, f"purity {reached:.2f} against {chance:.2f} by chance"
