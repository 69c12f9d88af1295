"""Incremental updates through the CLI: a rebuild after the source changed fetches only what is new
or changed, says what was added, changed, replaced and withdrawn, and gives the dataset a fresh build
of the changed source gives, byte for byte. `--since` reads only the versions modified since a day."""
import hashlib
import json
import os
import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cli import build, output_digests, run

ADDED, VERSIONED, CHANGED, DELETED = "PMC3166277", "PMC2599765", "PMC3574550", "PMC6358576"


def cloud_copy(shared_corpus: Path, dest: Path) -> Path:
    """The PMC Cloud corpus copied to `dest`, without its inventory report: the inventory would
    list the keys as they were, and the changes below must be listed as they are."""
    shutil.copytree(shared_corpus / "pmc-cloud", dest)
    shutil.rmtree(dest / "inventory-reports")
    return dest


def revise_xml(folder: Path, xml_name: str, word: str) -> str:
    """Adds `word` to the article title in the XML; returns the new MD5."""
    xml = folder / xml_name
    data = xml.read_bytes()
    assert b"</article-title>" in data, xml
    data = data.replace(b"</article-title>", f" {word}</article-title>".encode(), 1)
    xml.write_bytes(data)
    return hashlib.md5(data).hexdigest()


def set_xml_md5(corpus: Path, version: str, md5: str) -> None:
    """Writes the XML's MD5 into both copies of the version's metadata (`xml_url`'s `?md5=`)."""
    for path in (corpus / version / f"{version}.json", corpus / "metadata" / f"{version}.json"):
        meta = json.loads(path.read_text())
        meta["xml_url"] = re.sub(r"\?md5=[0-9a-f]+$", f"?md5={md5}", meta["xml_url"])
        path.write_text(json.dumps(meta, indent=2))


def add_version_two(corpus: Path, pmcid: str) -> None:
    """PMCID.2 beside PMCID.1: the same media, a revised XML and metadata naming version 2."""
    old, new = corpus / f"{pmcid}.1", corpus / f"{pmcid}.2"
    shutil.copytree(old, new)
    (new / f"{pmcid}.1.xml").rename(new / f"{pmcid}.2.xml")
    (new / f"{pmcid}.1.json").unlink()
    md5 = revise_xml(new, f"{pmcid}.2.xml", "(second version)")
    meta = json.loads((old / f"{pmcid}.1.json").read_text())
    text = json.dumps(dict(meta, version=2), indent=2).replace(f"/{pmcid}.1/", f"/{pmcid}.2/")
    for path in (new / f"{pmcid}.2.json", corpus / "metadata" / f"{pmcid}.2.json"):
        path.write_text(text)
    set_xml_md5(corpus, f"{pmcid}.2", md5)


def change_article(corpus: Path, pmcid: str) -> None:
    md5 = revise_xml(corpus / f"{pmcid}.1", f"{pmcid}.1.xml", "(corrected)")
    set_xml_md5(corpus, f"{pmcid}.1", md5)


def delete_article(corpus: Path, pmcid: str) -> None:
    shutil.rmtree(corpus / f"{pmcid}.1")
    (corpus / "metadata" / f"{pmcid}.1.json").unlink()


def changes(stdout: str) -> str:
    match = re.search(r"changes: (.*)", stdout)
    assert match, stdout
    return match.group(1)


def test_rebuild_after_changes_matches_a_fresh_build(biomedica_bin, shared_corpus, tmp_path):
    corpus = cloud_copy(shared_corpus, tmp_path / "corpus")
    # The article to be added later waits outside the corpus during the first build.
    held = tmp_path / "held"
    held.mkdir()
    shutil.move(corpus / f"{ADDED}.1", held / f"{ADDED}.1")
    shutil.move(corpus / "metadata" / f"{ADDED}.1.json", held / f"{ADDED}.1.json")
    out = tmp_path / "out"
    first = build(biomedica_bin, corpus, out, "--jobs", "2")
    assert changes(first.stdout) == "23 added, 0 changed, 0 replaced, 0 withdrawn", first.stdout

    shutil.move(held / f"{ADDED}.1", corpus / f"{ADDED}.1")
    shutil.move(held / f"{ADDED}.1.json", corpus / "metadata" / f"{ADDED}.1.json")
    add_version_two(corpus, VERSIONED)
    change_article(corpus, CHANGED)
    delete_article(corpus, DELETED)

    second = build(biomedica_bin, corpus, out, "--jobs", "2")
    assert changes(second.stdout) == "1 added, 1 changed, 1 replaced, 1 withdrawn", second.stdout
    assert "21 unchanged" in second.stdout, second.stdout
    assert "3 extracted" in second.stdout, second.stdout

    fresh = tmp_path / "fresh"
    third = build(biomedica_bin, corpus, fresh, "--jobs", "2")
    assert changes(third.stdout) == "23 added, 0 changed, 1 replaced, 0 withdrawn", third.stdout
    incremental, rebuilt = output_digests(out), output_digests(fresh)
    assert any(name.endswith(".tar") for name in incremental)
    assert incremental == rebuilt

    again = build(biomedica_bin, corpus, out, "--jobs", "2")
    assert changes(again.stdout) == "0 added, 0 changed, 0 replaced, 0 withdrawn", again.stdout
    assert output_digests(out) == rebuilt


def set_metadata_times(corpus: Path, recent: set[str]) -> None:
    old = datetime(2026, 1, 10, 12, tzinfo=timezone.utc).timestamp()
    new = datetime(2026, 3, 1, 0, 30, tzinfo=timezone.utc).timestamp()
    for path in (corpus / "metadata").glob("*.json"):
        stamp = new if path.stem in recent else old
        os.utime(path, (stamp, stamp))


def test_since_reads_only_versions_modified_since_the_day(biomedica_bin, shared_corpus, tmp_path):
    corpus = cloud_copy(shared_corpus, tmp_path / "corpus")
    catalog = tmp_path / "c.sqlite"
    run(biomedica_bin, "extract", "--source", corpus, "--catalog", catalog)

    change_article(corpus, CHANGED)
    delete_article(corpus, DELETED)
    set_metadata_times(corpus, {f"{CHANGED}.1", f"{ADDED}.1"})
    proc = run(biomedica_bin, "extract", "--source", corpus, "--catalog", catalog, "--since", "2026-03-01")
    assert "23 listed, 2 selected, 1 unchanged" in proc.stdout, proc.stdout
    assert changes(proc.stdout) == "0 added, 1 changed, 0 replaced, 1 withdrawn", proc.stdout

    later = run(biomedica_bin, "extract", "--source", corpus, "--catalog", catalog, "--since", "2026-03-02")
    assert "23 listed, 0 selected" in later.stdout, later.stdout
    assert changes(later.stdout) == "0 added, 0 changed, 0 replaced, 0 withdrawn", later.stdout


def test_limit_leaves_withdrawals_unchecked(biomedica_bin, shared_corpus, tmp_path):
    corpus = cloud_copy(shared_corpus, tmp_path / "corpus")
    catalog = tmp_path / "c.sqlite"
    run(biomedica_bin, "extract", "--source", corpus, "--catalog", catalog)
    delete_article(corpus, DELETED)
    proc = run(biomedica_bin, "extract", "--source", corpus, "--catalog", catalog, "--limit", "3")
    assert "withdrawn: not checked (--limit)" in proc.stdout, proc.stdout


@pytest.mark.parametrize("day", ["2026-13-01", "yesterday", "2026-03-01T00:00:00Z"])
def test_malformed_since_is_a_usage_error(biomedica_bin, shared_corpus, tmp_path, day):
    proc = subprocess.run(
        [str(biomedica_bin), "extract", "--source", str(shared_corpus / "pmc-cloud"), "--catalog", str(tmp_path / "c.sqlite"),
         "--since", day], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 64, proc.stderr
    assert "YYYY-MM-DD" in proc.stderr
