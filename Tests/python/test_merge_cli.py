"""`biomedica merge`: parts built with --shard I/N join into exactly what one unsharded build writes."""
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

import cli

# Small shards, so the datasets have several and the merge must renumber them.
SHARD_FLAGS = ("--shard-size", "5")
PARTS = 3


def build(binary: Path, source: Path, out: Path, *flags: str) -> None:
    cli.run(binary, "build", "--source", source, "--out", out, "--jobs", "2", "--quiet", *SHARD_FLAGS, *flags)


def merge(binary: Path, out: Path, *parts: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary), "merge", "--out", str(out), *map(str, parts)],
                          capture_output=True, text=True, timeout=600)


def dataset_files(root: Path) -> dict[str, bytes]:
    """Every file of the dataset proper (shards, indexes, tables), by path under `root`."""
    return {str(p.relative_to(root)): p.read_bytes()
            for folder in ("shards", "parquet") for p in sorted((root / folder).rglob("*")) if p.is_file()}


def assert_same_dataset(merged: Path, whole: Path) -> None:
    got, want = dataset_files(merged), dataset_files(whole)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []


def assert_same_catalog(binary: Path, merged: Path, whole: Path) -> None:
    """The merged catalog holds what the unsharded build's does: articles, samples, checkpoint."""
    def serialized(root: Path) -> list:
        with sqlite3.connect(root / "catalog.sqlite") as db:
            return (db.execute("SELECT * FROM samples ORDER BY sequence").fetchall()
                    + db.execute("SELECT * FROM serialized_articles ORDER BY pmcid, version").fetchall()
                    + db.execute("SELECT checkpoint FROM serialize_state").fetchall())

    def exported(root: Path) -> str:
        cli.run(binary, "export", "--catalog", root / "catalog.sqlite", "--jsonl", root / "export.jsonl")
        return (root / "export.jsonl").read_text(encoding="utf-8")

    assert serialized(merged) == serialized(whole)
    assert exported(merged) == exported(whole)


def pmcids(part: Path) -> set[str]:
    with sqlite3.connect(part / "catalog.sqlite") as db:
        return {row[0] for row in db.execute("SELECT pmcid FROM articles")}


def sharded_build(binary: Path, source: Path, work: Path) -> tuple[Path, list[Path]]:
    """One unsharded build of `source` and its PARTS parts, under `work`."""
    whole = work / "whole"
    build(binary, source, whole)
    parts = [work / f"part{i}" for i in range(PARTS)]
    for i, part in enumerate(parts):
        build(binary, source, part, "--shard", f"{i}/{PARTS}")
    return whole, parts


@pytest.fixture(scope="module")
def cloud(biomedica_bin, shared_corpus, tmp_path_factory) -> tuple[Path, list[Path]]:
    return sharded_build(biomedica_bin, shared_corpus / "pmc-cloud", tmp_path_factory.mktemp("cloud"))


@pytest.fixture(scope="module")
def sample(biomedica_bin, tmp_path_factory) -> tuple[Path, list[Path]]:
    return sharded_build(biomedica_bin, cli.SAMPLE_CORPUS, tmp_path_factory.mktemp("sample"))


def test_merged_parts_are_the_unsharded_build_byte_for_byte(biomedica_bin, cloud, tmp_path):
    whole, parts = cloud
    assert all(pmcids(part) for part in parts), "every part holds articles"
    assert len(list((whole / "shards").rglob("*.tar"))) > 3, "several shards to renumber"
    proc = merge(biomedica_bin, tmp_path / "merged", *parts)
    assert proc.returncode == 0, proc.stderr
    assert_same_dataset(tmp_path / "merged", whole)
    assert_same_catalog(biomedica_bin, tmp_path / "merged", whole)
    assert proc.stdout.startswith(f"merge finished: {PARTS} parts, ")
    assert "shards: " in proc.stdout


def test_parts_in_any_order_give_the_same_dataset(biomedica_bin, sample, tmp_path):
    whole, parts = sample
    proc = merge(biomedica_bin, tmp_path / "merged", *reversed(parts))
    assert proc.returncode == 0, proc.stderr
    assert_same_dataset(tmp_path / "merged", whole)


def test_a_build_on_the_merged_folder_finds_it_up_to_date(biomedica_bin, sample, tmp_path):
    whole, parts = sample
    merged = tmp_path / "merged"
    assert merge(biomedica_bin, merged, *parts).returncode == 0
    proc = cli.run(biomedica_bin, "build", "--source", cli.SAMPLE_CORPUS, "--out", merged, "--jobs", "2", *SHARD_FLAGS)
    assert "serialize finished: 0 articles serialized" in proc.stdout
    assert_same_dataset(merged, whole)


def test_a_duplicate_across_parts_is_left_out_as_one_build_leaves_it_out(biomedica_bin, shared_corpus, tmp_path):
    # PMC9000114 and PMC9000115 share their first image; with 3 parts they land in different ones,
    # so the part of PMC9000115 kept a sample the merge must drop.
    whole, parts = sharded_build(biomedica_bin, shared_corpus / "bad" / "pmc-cloud", tmp_path)
    holders = [i for i, part in enumerate(parts) for pmcid in ("PMC9000114", "PMC9000115") if pmcid in pmcids(part)]
    assert len(set(holders)) == 2, "the two articles are in different parts"
    proc = merge(biomedica_bin, tmp_path / "merged", *parts)
    assert proc.returncode == 0, proc.stderr
    assert "duplicates across parts: 1" in proc.stdout
    assert_same_dataset(tmp_path / "merged", whole)
    assert_same_catalog(biomedica_bin, tmp_path / "merged", whole)
    with sqlite3.connect(tmp_path / "merged" / "catalog.sqlite") as db:
        dropped = db.execute("SELECT key, duplicate_of, shard FROM samples WHERE pmcid = 'PMC9000115' AND duplicate_of IS NOT NULL").fetchall()
    assert len(dropped) == 1 and dropped[0][1].startswith("PMC9000114_") and dropped[0][2] is None


def test_kept_duplicates_are_written_and_marked_as_one_build_does(biomedica_bin, shared_corpus, tmp_path):
    source = shared_corpus / "bad" / "pmc-cloud"
    build(biomedica_bin, source, tmp_path / "whole", "--keep-duplicates")
    parts = [tmp_path / f"part{i}" for i in range(PARTS)]
    for i, part in enumerate(parts):
        build(biomedica_bin, source, part, "--shard", f"{i}/{PARTS}", "--keep-duplicates")
    assert merge(biomedica_bin, tmp_path / "merged", *parts).returncode == 0
    assert_same_dataset(tmp_path / "merged", tmp_path / "whole")


def refused(proc: subprocess.CompletedProcess, status: int, words: str, out: Path) -> None:
    assert proc.returncode == status, proc.stderr
    assert words in proc.stderr
    assert not out.exists() or not any(out.iterdir()), "a refused merge leaves nothing behind"


def test_a_missing_part_or_catalog_is_refused(biomedica_bin, sample, tmp_path):
    _, parts = sample
    refused(merge(biomedica_bin, tmp_path / "m1", parts[0], tmp_path / "nowhere"), 66, "no part at", tmp_path / "m1")
    (tmp_path / "empty").mkdir()
    refused(merge(biomedica_bin, tmp_path / "m2", parts[0], tmp_path / "empty"), 66, "has no catalog.sqlite", tmp_path / "m2")


def test_an_unfinished_part_is_refused(biomedica_bin, sample, tmp_path):
    _, parts = sample
    unfinished = tmp_path / "unfinished"
    shutil.copytree(parts[1], unfinished)
    with sqlite3.connect(unfinished / "catalog.sqlite") as db:
        checkpoint = json.loads(db.execute("SELECT checkpoint FROM serialize_state").fetchone()[0])
        checkpoint["finished"] = False
        db.execute("UPDATE serialize_state SET checkpoint = ?", (json.dumps(checkpoint),))
    refused(merge(biomedica_bin, tmp_path / "m", parts[0], unfinished, parts[2]), 65, "is not a finished build", tmp_path / "m")


def test_a_part_built_with_other_flags_is_refused(biomedica_bin, sample, tmp_path):
    _, parts = sample
    other = tmp_path / "other"
    cli.run(biomedica_bin, "build", "--source", cli.SAMPLE_CORPUS, "--out", other, "--quiet",
            "--shard", f"1/{PARTS}", "--shard-size", "7")
    proc = merge(biomedica_bin, tmp_path / "m", parts[0], other, parts[2])
    refused(proc, 65, "was built with other options", tmp_path / "m")
    assert "shard-samples=7" in proc.stderr and "shard-samples=5" in proc.stderr


def test_overlapping_parts_are_refused(biomedica_bin, sample, tmp_path):
    whole, parts = sample
    proc = merge(biomedica_bin, tmp_path / "m", parts[0], whole)
    refused(proc, 65, "parts must be disjoint", tmp_path / "m")
    assert str(parts[0]) in proc.stderr and str(whole) in proc.stderr


def test_an_output_folder_that_holds_something_is_refused(biomedica_bin, sample, tmp_path):
    _, parts = sample
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    proc = merge(biomedica_bin, tmp_path / "out", *parts)
    assert proc.returncode == 73 and "is not empty" in proc.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["keep.txt"]
