"""The extract stage seen from outside: resumability, sharding, both layouts, hostile input."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from cli import fixture_server, replicate_cloud_corpus, run


def exit_status(bin_path, *args):
    return subprocess.run([str(bin_path), *map(str, args)], capture_output=True, text=True, timeout=600).returncode


def export(bin_path, catalog, tmp_path, name="out.jsonl"):
    out = tmp_path / name
    run(bin_path, "export", "--catalog", catalog, "--jsonl", out)
    return [json.loads(line) for line in out.read_text().splitlines()]


def by_id(records):
    return {(r["pmcid"], r["version"]): r for r in records}


def test_second_run_does_no_work(biomedica_bin, shared_corpus, tmp_path):
    catalog = tmp_path / "c.sqlite"
    first = run(biomedica_bin, "extract", "--source", shared_corpus / "pmc-cloud", "--catalog", catalog)
    assert "24 selected, 0 unchanged" in first.stdout
    assert "24 extracted, 0 failed" in first.stdout
    before = export(biomedica_bin, catalog, tmp_path, "a.jsonl")
    second = run(biomedica_bin, "extract", "--source", shared_corpus / "pmc-cloud", "--catalog", catalog)
    assert "24 selected, 24 unchanged" in second.stdout
    assert "0 extracted, 0 failed" in second.stdout
    assert export(biomedica_bin, catalog, tmp_path, "b.jsonl") == before


def test_legacy_layout_gives_the_same_figures(biomedica_bin, shared_corpus, tmp_path):
    cloud = tmp_path / "cloud.sqlite"
    legacy = tmp_path / "legacy.sqlite"
    run(biomedica_bin, "extract", "--source", shared_corpus / "pmc-cloud", "--catalog", cloud)
    run(biomedica_bin, "extract", "--source", shared_corpus / "legacy", "--catalog", legacy)
    cloud_records = by_id(export(biomedica_bin, cloud, tmp_path, "cloud.jsonl"))
    legacy_records = by_id(export(biomedica_bin, legacy, tmp_path, "legacy.jsonl"))
    assert cloud_records.keys() == legacy_records.keys()
    assert len(cloud_records) == 24
    for key, record in cloud_records.items():
        figures = [(f["id"], f["kind"], f["label"], f["caption_title"], f["caption"], f["graphics"], f["media"])
                   for f in record["figures"]]
        other = [(f["id"], f["kind"], f["label"], f["caption_title"], f["caption"], f["graphics"], f["media"])
                 for f in legacy_records[key]["figures"]]
        assert figures == other, key
        assert record["license_code"] == legacy_records[key]["license_code"]


def test_shards_partition_the_work(biomedica_bin, shared_corpus, tmp_path):
    whole = tmp_path / "whole.sqlite"
    run(biomedica_bin, "extract", "--source", shared_corpus / "pmc-cloud", "--catalog", whole)
    parts = []
    for index in range(3):
        catalog = tmp_path / f"part{index}.sqlite"
        run(biomedica_bin, "extract", "--source", shared_corpus / "pmc-cloud", "--catalog", catalog, "--shard", f"{index}/3")
        parts.append(export(biomedica_bin, catalog, tmp_path, f"p{index}.jsonl"))
    ids = [r["pmcid"] for part in parts for r in part]
    assert len(ids) == len(set(ids)) == 24
    assert all(parts), "a 3-way split of 24 articles left a part empty"
    merged = sorted((r for part in parts for r in part), key=lambda r: (int(r["pmcid"][3:]), r["version"]))
    assert merged == export(biomedica_bin, whole, tmp_path, "whole.jsonl")


def test_slurm_environment_picks_the_shard(biomedica_bin, shared_corpus, tmp_path):
    explicit = tmp_path / "explicit.sqlite"
    from_env = tmp_path / "env.sqlite"
    run(biomedica_bin, "extract", "--source", shared_corpus / "pmc-cloud", "--catalog", explicit, "--shard", "1/4")
    env = dict(os.environ, SLURM_ARRAY_TASK_ID="2", SLURM_ARRAY_TASK_MIN="1", SLURM_ARRAY_TASK_COUNT="4")
    subprocess.run([str(biomedica_bin), "extract", "--source", str(shared_corpus / "pmc-cloud"),
                    "--catalog", str(from_env)], env=env, check=True, capture_output=True)
    assert export(biomedica_bin, explicit, tmp_path, "x.jsonl") == export(biomedica_bin, from_env, tmp_path, "y.jsonl")


def test_selection_flags(biomedica_bin, shared_corpus, tmp_path):
    catalog = tmp_path / "c.sqlite"
    run(biomedica_bin, "extract", "--source", shared_corpus / "pmc-cloud", "--catalog", catalog,
        "--license-group", "commercial", "--limit", "3")
    records = export(biomedica_bin, catalog, tmp_path)
    assert len(records) == 3
    assert {r["license_group"] for r in records} == {"commercial"}
    picked = tmp_path / "picked.sqlite"
    run(biomedica_bin, "extract", "--source", shared_corpus / "pmc-cloud", "--catalog", picked,
        "--pmcid", "5828200,PMC3166277")
    assert [r["pmcid"] for r in export(biomedica_bin, picked, tmp_path, "p.jsonl")] == ["PMC3166277", "PMC5828200"]


def test_bad_usage_and_missing_source_have_meaningful_exit_codes(biomedica_bin, tmp_path):
    assert exit_status(biomedica_bin, "extract", "--source", tmp_path / "nowhere", "--catalog", tmp_path / "c.sqlite") == 66
    assert exit_status(biomedica_bin, "extract", "--source", tmp_path, "--catalog", tmp_path / "c.sqlite",
                       "--shard", "4/4") == 64
    assert exit_status(biomedica_bin, "export", "--catalog", tmp_path / "absent.sqlite", "--jsonl", tmp_path / "o") == 66
    assert exit_status(biomedica_bin, "extract", "--source", "s3://bucket", "--endpoint", "http://127.0.0.1:9",
                       "--catalog", tmp_path / "c.sqlite") == 69


def test_killed_run_resumes_to_the_same_catalog(biomedica_bin, shared_corpus, tmp_path):
    """Killed at a known point: the 150th metadata file of the listing stalls (fault_server.py), so the
    run has committed its first two batches (128 articles) and waits there when it is killed. Killed
    at a random moment instead, the test once failed without a trace of why."""
    corpus = tmp_path / "corpus"
    replicate_cloud_corpus(shared_corpus / "pmc-cloud", corpus, 25)
    stalled = sorted(p.name for p in (corpus / "metadata").iterdir())[149]
    with fixture_server("fault_server.py", corpus, "--bucket", "pmc") as url:
        source = ("--source", "s3://pmc", "--endpoint")
        clean = tmp_path / "clean.sqlite"
        run(biomedica_bin, "extract", *source, url, "--catalog", clean, "--jobs", "2")

        killed = tmp_path / "killed.sqlite"
        process = subprocess.Popen([str(biomedica_bin), "extract", *source, f"{url}/fault/stall@{stalled}", "--catalog",
                                    str(killed), "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        recorded = 0
        deadline = time.monotonic() + 120
        while recorded < 128 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            try:
                with sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=1) as db:
                    recorded = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                pass
        assert process.poll() is None, "the run went past the stalled file"
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert recorded == 128

        resumed = run(biomedica_bin, "extract", *source, url, "--catalog", killed)
    assert "128 unchanged" in resumed.stdout, resumed.stdout
    assert export(biomedica_bin, killed, tmp_path, "k.jsonl") == export(biomedica_bin, clean, tmp_path, "c.jsonl")


BAD_CLOUD = {
    "PMC9000101": None,
    "PMC9000102": "malformed-xml",
    "PMC9000112": "bad-metadata",
    "PMC9000116": None,
}


def test_hostile_cloud_articles(biomedica_bin, shared_corpus, tmp_path):
    catalog = tmp_path / "bad.sqlite"
    result = run(biomedica_bin, "extract", "--source", shared_corpus / "bad" / "pmc-cloud", "--catalog", catalog)
    assert "16 selected" in result.stdout
    records = {r["pmcid"]: r for r in export(biomedica_bin, catalog, tmp_path)}
    assert len(records) == 16
    for pmcid, kind in BAD_CLOUD.items():
        error = records[pmcid]["error"]
        assert (error and error["kind"]) == kind, (pmcid, error)
    assert "PMC9000102.1.xml" in records["PMC9000102"]["error"]["message"]
    assert "PMC9000112.1.json" in records["PMC9000112"]["error"]["message"]
    assert records["PMC9000116"]["figures"] == []
    control = records["PMC9000101"]["figures"]
    assert len(control) == 4 and all(f["media"] != [None] for f in control)
    with open("/etc/passwd") as passwd:
        first_line = passwd.readline().strip()
    assert first_line not in json.dumps(records["PMC9000103"])
    bomb = records["PMC9000104"]
    assert bomb["error"] is not None or len(json.dumps(bomb)) < 200_000
    latin1 = records["PMC9000113"]
    assert any("Caf\u00e9" in f["caption"] for f in latin1["figures"])


def test_hostile_legacy_packages(biomedica_bin, shared_corpus, tmp_path):
    catalog = tmp_path / "bad.sqlite"
    before = set(Path("/tmp").iterdir())
    run(biomedica_bin, "extract", "--source", shared_corpus / "bad" / "legacy", "--catalog", catalog)
    assert not Path("/tmp/evil.txt").exists()
    records = {r["pmcid"]: r for r in export(biomedica_bin, catalog, tmp_path)}
    assert records["PMC9100103"]["error"]["kind"] == "bad-archive"
    assert "truncated.tar.gz" in records["PMC9100103"]["error"]["message"]
    assert records["PMC9100104"]["error"]["kind"] == "bad-archive"
    assert "not-gzip.tar.gz" in records["PMC9100104"]["error"]["message"]
    assert records["PMC9100105"]["error"]["kind"] == "missing-file"
    assert "missing.tar.gz" in records["PMC9100105"]["error"]["message"]
    for pmcid in ("PMC9100101", "PMC9100102"):
        record = records[pmcid]
        assert record["error"] is None, record["error"]
        media = [m for f in record["figures"] for m in f["media"]]
        assert "link.jpg" not in media and "evil.txt" not in media
    with sqlite3.connect(catalog) as db:
        warnings = db.execute("SELECT pmcid, message FROM problems WHERE severity = 'warning' AND kind = 'package'").fetchall()
    assert any(p == "PMC9100101" and "evil" in m for p, m in warnings)
    assert any(p == "PMC9100102" and "link.jpg" in m for p, m in warnings)
    assert not [p for p in set(Path("/tmp").iterdir()) - before if p.name == "evil.txt"]
