"""`build --annotate` and the annotate steps on a built dataset, with BIOMEDICA's real annotation files:
clusters and labels in the catalog, in the shards' JSON (read with tarfile and the webdataset package)
and in the Parquet tables (pyarrow), review material (contact sheets read with Pillow), reruns that
change nothing, the steps run one by one giving the same bytes, and labels outside the taxonomy refused."""
import io
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from cli import REPO, build, output_digests, read_samples, run

BIOMEDICA = REPO.parent / "shared" / "biomedica"
CLUSTERS = "8"


@pytest.fixture(scope="module")
def annotation_files() -> dict[str, Path]:
    files = {"labels": BIOMEDICA / "cluster_labels.json", "taxonomy": BIOMEDICA / "taxonomy_collapsed_and_filtered.json",
             "expert": BIOMEDICA / "expert_derived_taxonomy.json"}
    if not all(f.is_file() for f in files.values()):
        pytest.skip("BIOMEDICA's annotation files not found at ../shared/biomedica")
    return files


def label_args(files):
    return ["--labels", files["labels"], "--taxonomy", files["taxonomy"]]


def clusters_in(catalog: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT key, cluster FROM image_clusters").fetchall())


def catalog_metadata(catalog: Path) -> dict[str, str]:
    with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT key, metadata FROM samples WHERE shard IS NOT NULL").fetchall())


def review_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "annotation" / "review").iterdir())}


def assign_step_by_step(biomedica_bin, shared_corpus, out: Path):
    """Builds the corpus's pmc-cloud folder into OUT, then features, fit and assign one command each;
    returns what assign printed."""
    build(biomedica_bin, shared_corpus / "pmc-cloud", out)
    run(biomedica_bin, "annotate", "features", "--dataset", out)
    run(biomedica_bin, "annotate", "fit", "--features", out / "features" / "builtin-v2", "--model", out / "annotation" / "model",
        "--clusters", CLUSTERS)
    return run(biomedica_bin, "annotate", "assign", "--model", out / "annotation" / "model", "--dataset", out)


@pytest.fixture(scope="module")
def annotated(biomedica_bin, shared_corpus, annotation_files, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("annotated") / "out"
    proc = build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--annotate", "--clusters", CLUSTERS,
                 *label_args(annotation_files))
    assert "1992 of 2000 labelled clusters are not among the model's 8" in proc.stderr
    return out, proc.stdout


def test_build_annotate_labels_every_sample_in_catalog_shards_and_tables(annotated, annotation_files):
    import pyarrow.parquet as pq
    out, stdout = annotated
    labels = json.loads(annotation_files["labels"].read_text())
    clusters = clusters_in(out / "catalog.sqlite")
    samples = read_samples(out)
    assert len(samples) == 97 and set(clusters) == set(samples)
    assert set(clusters.values()) <= set(range(int(CLUSTERS))) and len(set(clusters.values())) > 1
    assert "annotate finished: 97 images with features" in stdout and f"{CLUSTERS} clusters, fitted in this run" in stdout
    model = json.loads((out / "annotation" / "model" / "model.json").read_text())
    assert model["settings"]["clusters"] == int(CLUSTERS) and model["settings"]["feature_dimensions"] == 184

    stored = catalog_metadata(out / "catalog.sqlite")
    for key, sample in samples.items():
        meta, expected = sample["json"], labels[str(clusters[key])]
        assert meta["image_label_id"] == clusters[key]
        assert meta["image_panel_type"] == expected["panel_type"]
        assert meta["image_panel_subtype"] == expected["panel_subtype"]
        assert meta["image_primary_label"] == expected["global_class"]
        assert meta["image_secondary_label"] == expected["local_class"]
        assert json.loads(stored[key]) == meta, f"{key}: the catalog and the shard disagree"

    table = pq.read_table(out / "parquet" / "samples.parquet").to_pylist()
    assert len(table) == 97
    for row in table:
        meta = samples[row["image_id"]]["json"]
        for column in ("image_label_id", "image_panel_type", "image_panel_subtype", "image_primary_label", "image_secondary_label"):
            assert row[column] == meta[column], (row["image_id"], column)

    # The indexes describe the rewritten shards.
    import hashlib
    for group in (out / "shards").iterdir():
        for entry in json.loads((group / "index.json").read_text()):
            data = (group / entry["name"]).read_bytes()
            assert entry["bytes"] == len(data) and entry["md5"] == hashlib.md5(data).hexdigest()


def test_webdataset_reads_the_labelled_shards(annotated):
    import webdataset as wds
    out, _ = annotated
    urls = [str(p) for p in sorted((out / "shards").glob("*/*.tar"))]
    seen = 0
    for sample in wds.WebDataset(urls, shardshuffle=False).decode():
        assert isinstance(sample["json"]["image_label_id"], int) and sample["json"]["image_primary_label"]
        seen += 1
    assert seen == 97


def test_review_material_shows_each_cluster_nearest_first(annotated):
    from PIL import Image
    out, _ = annotated
    review = out / "annotation" / "review"
    clusters = json.loads((review / "clusters.json").read_text())
    sizes = {}
    for key, cluster in clusters_in(out / "catalog.sqlite").items():
        sizes[cluster] = sizes.get(cluster, 0) + 1
    assert {c["cluster"]: c["size"] for c in clusters} == sizes
    samples = read_samples(out)
    for entry in clusters:
        listing = json.loads((review / entry["samples"]).read_text())
        assert listing["cluster"] == entry["cluster"] and listing["size"] == entry["size"] and listing["labels"] is not None
        listed = listing["samples"]
        assert len(listed) == entry["size"]
        assert [s["distance"] for s in listed] == sorted(s["distance"] for s in listed)
        for item in listed:
            assert item["caption"] == samples[item["key"]]["txt"] and item["shard"] == samples[item["key"]]["shard"]
        sheet = Image.open(review / entry["sheet"])
        on_sheet = min(36, entry["size"])
        assert sheet.format == "JPEG"
        assert sheet.size == (min(6, on_sheet) * 132 + 4, -(-on_sheet // 6) * 132 + 4)


def test_a_second_build_annotate_changes_nothing(biomedica_bin, shared_corpus, annotated, annotation_files):
    out, _ = annotated
    before = output_digests(out)
    proc = build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--annotate", "--clusters", CLUSTERS, *label_args(annotation_files))
    assert "saved earlier" in proc.stdout and "samples changed: 0 in 0 shards" in proc.stdout
    assert output_digests(out) == before


def test_the_steps_one_by_one_give_what_build_annotate_gives(biomedica_bin, shared_corpus, annotated, annotation_files, tmp_path):
    out, _ = annotated
    steps = tmp_path / "out"
    assigned = assign_step_by_step(biomedica_bin, shared_corpus, steps)
    assert "97 images into clusters" in assigned.stdout
    # After assign the samples carry their cluster but no labels yet.
    for sample in read_samples(steps).values():
        assert sample["json"]["image_label_id"] is not None and sample["json"]["image_panel_type"] is None
    labelled = run(biomedica_bin, "annotate", "label", "--dataset", steps, *label_args(annotation_files))
    # BIOMEDICA labels 2000 clusters; this model has 8, so the labels of the other 1992 reach no image.
    assert "1992 of 2000 labelled clusters hold no image" in labelled.stderr, labelled.stderr
    run(biomedica_bin, "annotate", "review", "--dataset", steps)
    assert output_digests(steps) == output_digests(out)
    assert review_files(steps) == review_files(out)


def test_features_split_between_array_tasks_are_those_of_one_run(biomedica_bin, annotated, tmp_path):
    """Two tasks of an array, --shard 0/2 and 1/2, each write only their own shards' feature files;
    together those are byte for byte what one run wrote, and a run over all of them decodes nothing."""
    out, _ = annotated
    dataset = tmp_path / "out"
    shutil.copytree(out, dataset, ignore=shutil.ignore_patterns("features"))
    whole = out / "features" / "builtin-v2"
    expected = {p.relative_to(whole): p.read_bytes() for p in whole.glob("*/*") if p.suffix in (".npy", ".keys")}
    assert len(expected) == 2 * len(list((out / "shards").glob("*/*.tar"))) >= 6
    written: list[set] = []
    for task in ("0/2", "1/2"):
        proc = run(biomedica_bin, "annotate", "features", "--dataset", dataset, "--shard", task)
        before = set().union(*written)
        now = {p.relative_to(dataset / "features" / "builtin-v2") for p in (dataset / "features" / "builtin-v2").glob("*/*")}
        written.append(now - before)
        shards = len(written[-1]) // 2
        assert f"{shards} shards of part {task} computed, 0 already done" in proc.stdout, proc.stdout
    assert all(written) and not written[0] & written[1]
    assert set().union(*written) == set(expected)
    for name, data in expected.items():
        assert (dataset / "features" / "builtin-v2" / name).read_bytes() == data, name
    again = run(biomedica_bin, "annotate", "features", "--dataset", dataset)
    assert f"0 shards computed, {len(expected) // 2} already done" in again.stdout, again.stdout
    refused = subprocess.run([str(biomedica_bin), "annotate", "features", "--dataset", str(dataset), "--shard", "2/2"],
                             capture_output=True, text=True)
    assert refused.returncode == 64 and "--shard" in refused.stderr, refused.stderr


def test_shards_relabelled_side_by_side_are_those_relabelled_one_at_a_time(biomedica_bin, shared_corpus, annotation_files, tmp_path):
    """assign and label rewrite the changed shards --jobs at a time, across license groups, and commit
    them as they finish: the shards, indexes and tables are those of one shard at a time."""
    one, many = tmp_path / "one", tmp_path / "many"
    build(biomedica_bin, shared_corpus / "pmc-cloud", one, "--shard-size", "8")
    run(biomedica_bin, "annotate", "features", "--dataset", one)
    model = tmp_path / "model"
    run(biomedica_bin, "annotate", "fit", "--features", one / "features" / "builtin-v2", "--model", model, "--clusters", CLUSTERS)
    shutil.copytree(one, many)
    assert len(list((one / "shards").glob("*/*.tar"))) >= 10
    for out, jobs in ((one, "1"), (many, "4")):
        assigned = run(biomedica_bin, "annotate", "assign", "--model", model, "--dataset", out, "--jobs", jobs)
        assert "97 samples changed in" in assigned.stdout, assigned.stdout
        run(biomedica_bin, "annotate", "label", "--dataset", out, *label_args(annotation_files), "--jobs", jobs)
    assert output_digests(many) == output_digests(one)
    assert catalog_metadata(many / "catalog.sqlite") == catalog_metadata(one / "catalog.sqlite")
    for index in (many / "shards").glob("*/index.json"):
        names = [entry["name"] for entry in json.loads(index.read_text())]
        assert names == sorted(names)


def test_a_label_run_killed_midway_is_finished_by_running_it_again(biomedica_bin, shared_corpus, annotated, annotation_files, tmp_path):
    """What a killed `annotate label` leaves: one shard already renamed into place with the catalog
    not yet told, another's temporary copy half written. Running it again ends byte for byte where
    an uninterrupted run does, with no temporary file left."""
    out, _ = annotated
    steps = tmp_path / "out"
    assign_step_by_step(biomedica_bin, shared_corpus, steps)
    shards = sorted((steps / "shards").glob("*/*.tar"))
    assert len(shards) >= 2
    relabelled, half_written = shards[0], shards[-1]
    shutil.copyfile(out / relabelled.relative_to(steps), relabelled)
    Path(f"{half_written}.relabel").write_bytes((out / half_written.relative_to(steps)).read_bytes()[:5000])
    run(biomedica_bin, "annotate", "label", "--dataset", steps, *label_args(annotation_files))
    run(biomedica_bin, "annotate", "review", "--dataset", steps)
    assert not list((steps / "shards").glob("*/*.relabel"))
    assert output_digests(steps) == output_digests(out)
    assert review_files(steps) == review_files(out)


def test_a_label_run_killed_before_its_tables_writes_them_when_run_again(biomedica_bin, shared_corpus, annotated, annotation_files, tmp_path):
    """What a label run killed after its last shard's commit leaves: every shard and the catalog
    relabelled, the Parquet tables still those from before. Running it again rewrites no shard and
    writes the tables."""
    out, _ = annotated
    steps = tmp_path / "out"
    assign_step_by_step(biomedica_bin, shared_corpus, steps)
    before = {p.name: p.read_bytes() for p in (steps / "parquet").glob("*.parquet")}
    run(biomedica_bin, "annotate", "label", "--dataset", steps, *label_args(annotation_files))
    labelled = {p.name: p.read_bytes() for p in (steps / "parquet").glob("*.parquet")}
    assert labelled != before
    for name, data in before.items():
        (steps / "parquet" / name).write_bytes(data)
    with sqlite3.connect(steps / "catalog.sqlite") as db:
        checkpoint = json.loads(db.execute("SELECT checkpoint FROM serialize_state WHERE id = 1").fetchone()[0])
        assert "tablesOutdated" not in checkpoint
        checkpoint["tablesOutdated"] = True
        db.execute("UPDATE serialize_state SET checkpoint = ? WHERE id = 1", [json.dumps(checkpoint, sort_keys=True)])
    again = run(biomedica_bin, "annotate", "label", "--dataset", steps, *label_args(annotation_files))
    assert "0 samples changed in 0 shards" in again.stdout, again.stdout
    assert {p.name: p.read_bytes() for p in (steps / "parquet").glob("*.parquet")} == labelled
    assert output_digests(steps) == output_digests(out)


def test_labels_outside_the_taxonomy_are_refused_and_nothing_changes(biomedica_bin, annotated, annotation_files, tmp_path):
    out, _ = annotated
    before = output_digests(out)
    # BIOMEDICA's labels say "Plots and Charts"; its expert-derived taxonomy says "Plot and Charts".
    proc = subprocess.run([str(biomedica_bin), "annotate", "label", "--dataset", str(out), "--labels", str(annotation_files["labels"]),
                           "--taxonomy", str(annotation_files["expert"])], capture_output=True, text=True)
    assert proc.returncode == 65, proc.stderr
    assert "cluster_labels.json" in proc.stderr
    assert 'global_class "Plots and Charts" is not a top-level concept of the taxonomy' in proc.stderr

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"0": {"panel_type": "single", "panel_subtype": "single panel", "global_class": ["Microscopy"],
                                     "local_class": ["telescope"]}, "x1": {"panel_type": "single", "panel_subtype": "single panel",
                                     "global_class": [], "local_class": []}}))
    proc = subprocess.run([str(biomedica_bin), "annotate", "label", "--dataset", str(out), "--labels", str(bad),
                           "--taxonomy", str(annotation_files["taxonomy"])], capture_output=True, text=True)
    assert proc.returncode == 65
    assert 'cluster 0: local_class "telescope" is under no concept of the taxonomy' in proc.stderr
    assert '"x1" is not a cluster number' in proc.stderr

    bad.write_text(json.dumps({"0": {"panel_type": "single"}}))
    proc = subprocess.run([str(biomedica_bin), "annotate", "label", "--dataset", str(out), "--labels", str(bad),
                           "--taxonomy", str(annotation_files["taxonomy"])], capture_output=True, text=True)
    assert proc.returncode == 65 and 'missing "panel_subtype" at 0' in proc.stderr
    assert output_digests(out) == before


def test_a_later_build_continues_the_labelled_shards_and_assigns_with_the_saved_model(
        biomedica_bin, shared_corpus, annotation_files, tmp_path):
    out = tmp_path / "out"
    build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--limit", "12", "--annotate", "--clusters", "4", *label_args(annotation_files))
    first = clusters_in(out / "catalog.sqlite")
    centroids = (out / "annotation" / "model" / "centroids.npy").read_bytes()
    proc = build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--annotate", *label_args(annotation_files))
    assert "rewritten from the start" not in proc.stdout, "the labelled shards must be continued, not rewritten"
    assert "saved earlier" in proc.stdout
    assert (out / "annotation" / "model" / "centroids.npy").read_bytes() == centroids
    later = clusters_in(out / "catalog.sqlite")
    assert len(later) == 97 and {k: later[k] for k in first} == first
    labels = json.loads(annotation_files["labels"].read_text())
    for key, sample in read_samples(out).items():
        assert sample["json"]["image_secondary_label"] == labels[str(later[key])]["local_class"]


def test_label_before_assign_says_what_to_run(biomedica_bin, shared_corpus, annotation_files, tmp_path):
    out = tmp_path / "out"
    build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--limit", "3")
    proc = subprocess.run([str(biomedica_bin), "annotate", "label", "--dataset", str(out), *map(str, label_args(annotation_files))],
                          capture_output=True, text=True)
    assert proc.returncode == 65 and "run `biomedica annotate assign --dataset" in proc.stderr
