"""`biomedica annotate fit` and `assign` checked with NumPy: the PCA against a NumPy SVD of the same
rows, k-means on well-separated blobs, and the saved model read back as plain .npy files."""
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from cli import run


def correlated(rows: int, dims: int, seed: int = 5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(dims, dims)) * np.linspace(3, 0.1, dims)[:, None]
    return (rng.normal(size=(rows, dims)) @ mixing + rng.normal(0, 4, size=dims)).astype(np.float32)


def test_pca_matches_a_numpy_svd(biomedica_bin, tmp_path):
    x = correlated(3000, 12)
    np.save(tmp_path / "f.npy", x)
    run(biomedica_bin, "annotate", "fit", "--features", tmp_path / "f.npy", "--model", tmp_path / "m",
        "--pca-dims", "5", "--clusters", "10")
    mean = np.load(tmp_path / "m" / "pca_mean.npy").ravel()
    components = np.load(tmp_path / "m" / "pca_components.npy")
    variances = np.load(tmp_path / "m" / "pca_variances.npy").ravel()

    x64 = x.astype(np.float64)
    centred = x64 - x64.mean(0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    np.testing.assert_allclose(mean, x64.mean(0), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(variances, (s ** 2 / len(x))[:5], rtol=1e-3)
    # A direction's sign is the solver's choice; both sides turn each so that its largest value is
    # positive (scikit-learn's svd_flip), and then agree, as do the projections of every row.
    vt = vt[:5] * np.sign(vt[:5][np.arange(5), np.abs(vt[:5]).argmax(1)])[:, None]
    np.testing.assert_allclose(components, vt, atol=1e-3)
    np.testing.assert_allclose((x64 - mean) @ components.T, centred @ vt.T, rtol=1e-3, atol=1e-2)


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2 or shutil.which("taskset") is None,
                    reason="needs two cores and taskset to fit on fewer cores than the machine has")
def test_a_model_fitted_on_one_core_is_the_one_fitted_on_all(biomedica_bin, tmp_path):
    """A Slurm task given one core, and a laptop using all of its own, fit the same model from the
    same features, each on the cores it was given: the same files, byte for byte, whatever --jobs says.
    Fewer rows than values a row is where faiss's PCA gave other eigenvectors on one thread than on
    two, before it was kept to one."""
    np.save(tmp_path / "f.npy", correlated(100, 184))
    fit = ["annotate", "fit", "--features", tmp_path / "f.npy", "--clusters", "8"]
    run(biomedica_bin, *fit, "--model", tmp_path / "all")
    assert "on 1 thread\n" in run("taskset", "-c", "0", biomedica_bin, *fit, "--model", tmp_path / "one").stdout
    assert "on 3 threads" in run(biomedica_bin, *fit, "--model", tmp_path / "jobs", "--jobs", "3").stdout
    files = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert files == ["centroids.npy", "model.json", "pca_components.npy", "pca_mean.npy", "pca_variances.npy"]
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "all" / name).read_bytes(), name
        assert (tmp_path / "jobs" / name).read_bytes() == (tmp_path / "all" / name).read_bytes(), name


def test_blobs_become_clusters_and_a_saved_model_assigns_new_rows(biomedica_bin, tmp_path):
    rng = np.random.default_rng(11)
    centres = rng.uniform(-40, 40, size=(20, 30))
    truth = np.repeat(np.arange(20), 50)
    x = (centres[truth] + rng.normal(0, 1, size=(len(truth), 30))).astype(np.float32)
    np.save(tmp_path / "f.npy", x)
    run(biomedica_bin, "annotate", "fit", "--features", tmp_path / "f.npy", "--model", tmp_path / "m",
        "--pca-dims", "10", "--clusters", "20")
    run(biomedica_bin, "annotate", "assign", "--model", tmp_path / "m", "--features", tmp_path / "f.npy",
        "--out", tmp_path / "labels.npy")
    labels = np.load(tmp_path / "labels.npy").ravel()
    assert labels.dtype == np.int64 and len(labels) == len(x)
    pairs = set(zip(truth.tolist(), labels.tolist()))
    assert len(pairs) == 20 and len({label for _, label in pairs}) == 20, "one cluster per blob"

    # New rows from the same blobs go to their blob's cluster, without refitting.
    new_truth = np.arange(20)
    new = (centres[new_truth] + rng.normal(0, 1, size=(20, 30))).astype(np.float32)
    np.save(tmp_path / "new.npy", new)
    run(biomedica_bin, "annotate", "assign", "--model", tmp_path / "m", "--features", tmp_path / "new.npy",
        "--out", tmp_path / "new-labels.npy")
    cluster_of = dict(pairs)
    assert np.load(tmp_path / "new-labels.npy").ravel().tolist() == [cluster_of[b] for b in new_truth.tolist()]


def test_too_few_rows_lower_the_clusters_with_a_warning(biomedica_bin, tmp_path):
    np.save(tmp_path / "f.npy", correlated(300, 8))
    proc = run(biomedica_bin, "annotate", "fit", "--features", tmp_path / "f.npy", "--model", tmp_path / "m")
    assert "2000 clusters need 20000 training rows: fitting 30" in proc.stderr
    assert np.load(tmp_path / "m" / "centroids.npy").shape == (30, 8)


def test_bad_features_are_a_data_error(biomedica_bin, tmp_path):
    np.save(tmp_path / "ints.npy", np.arange(10).reshape(5, 2))
    proc = subprocess.run([str(biomedica_bin), "annotate", "fit", "--features", tmp_path / "ints.npy",
                           "--model", tmp_path / "m"], capture_output=True, text=True)
    assert proc.returncode == 65
    assert "ints.npy: holds <i8 values, not float32" in proc.stderr


def test_builtin_features_group_the_corpus_figures_by_kind(biomedica_bin, shared_corpus, tmp_path):
    """The corpus's articles.json says of each media file whether it is a plot, a picture or a composite
    (a person's reading of the real figures): clusters of the built-in features must be purer than
    clusters of the same sizes drawn at random."""
    import json
    from collections import Counter, defaultdict
    out = tmp_path / "out"
    run(biomedica_bin, "build", "--source", shared_corpus / "pmc-cloud", "--out", out)
    run(biomedica_bin, "annotate", "features", "--dataset", out)
    folder = out / "features" / "builtin-v2"
    files = sorted(folder.rglob("*.npy"))
    shards = sorted((out / "shards").rglob("*.tar"))
    assert [f.relative_to(folder).with_suffix("") for f in files] == [s.relative_to(out / "shards").with_suffix("") for s in shards]
    features = np.vstack([np.load(f) for f in files])
    keys = [k for f in files for k in f.with_suffix(".keys").read_text().split()]
    assert features.shape == (len(keys), 184) and len(keys) == 97
    assert np.isfinite(features).all()
    # A second run finds every shard done and decodes nothing.
    again = run(biomedica_bin, "annotate", "features", "--dataset", out)
    assert f"0 shards computed, {len(shards)} already done" in again.stdout

    run(biomedica_bin, "annotate", "fit", "--features", folder, "--model", tmp_path / "m", "--clusters", "9")
    labels = []
    for index, f in enumerate(files):
        run(biomedica_bin, "annotate", "assign", "--model", tmp_path / "m", "--features", f, "--out", tmp_path / f"labels{index}.npy")
        labels += list(np.load(tmp_path / f"labels{index}.npy").ravel())

    kind = {}
    for article in json.loads((shared_corpus / "articles.json").read_text()):
        for media, category in article["media_category"].items():
            kind[(article["pmcid"], media.rsplit(".", 1)[0])] = category.split(":")[0]
    by_cluster = defaultdict(list)
    for key, label in zip(keys, labels):
        pmcid, _, stem = key.split("_", 2)
        if (pmcid, stem) in kind:
            by_cluster[label].append(kind[(pmcid, stem)])
    known = sum(len(kinds) for kinds in by_cluster.values())
    purity = sum(Counter(kinds).most_common(1)[0][1] for kinds in by_cluster.values()) / known
    # Random clusters of these sizes are about as pure as the commonest kind's share.
    chance = Counter(k for kinds in by_cluster.values() for k in kinds).most_common(1)[0][1] / known
    assert known >= 70
    assert purity >= chance + 0.2, f"purity {purity:.2f} against {chance:.2f} by chance"
