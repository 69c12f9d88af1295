"""The dataset folder has one owner: runs side by side on one --out, a killed holder, a user's files in
the way, a shard changed after a build, a source that lists nothing. Real processes, real locks."""
import fcntl
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

from cli import SAMPLE_CORPUS, build, output_digests, run

BUSY = 75
NOT_OURS = 73


def start_build(binary: Path, source: Path, out: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([str(binary), "build", "--source", str(source), "--out", str(out), "--quiet", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_builds_started_together_complete_or_are_refused_never_both_half(biomedica_bin, shared_corpus, tmp_path):
    flags = ("--shard-size", "5")
    alone = tmp_path / "alone"
    build(biomedica_bin, shared_corpus / "pmc-cloud", alone, *flags)
    expected = output_digests(alone)
    refused = 0
    for attempt in range(6):
        out = tmp_path / f"together-{attempt}"
        first = start_build(biomedica_bin, shared_corpus / "pmc-cloud", out, *flags)
        # Staggered starts: the second lands at some point of the first's run.
        time.sleep(0.05 * attempt)
        second = start_build(biomedica_bin, shared_corpus / "pmc-cloud", out, *flags)
        for process in (first, second):
            _, stderr = process.communicate(timeout=300)
            if process.returncode == BUSY:
                refused += 1
                holder = first.pid if process is second else second.pid
                assert re.search(rf"being written by another biomedica run \(process {holder} on ", stderr), stderr
            else:
                assert process.returncode == 0, stderr
        assert output_digests(out) == expected, f"attempt {attempt}: not the bytes of one build"
        # Whoever was refused, a build run now finds the dataset finished.
        assert run(biomedica_bin, "build", "--source", shared_corpus / "pmc-cloud", "--out", out, *flags).returncode == 0
        assert output_digests(out) == expected
    assert refused >= 1, "no run was ever refused: the test did not start them together"


def test_a_killed_holder_leaves_no_lock_behind(biomedica_bin, shared_corpus, tmp_path):
    out = tmp_path / "out"
    process = start_build(biomedica_bin, shared_corpus / "pmc-cloud", out)
    deadline = time.monotonic() + 60
    while not (out / "catalog.sqlite").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    build(biomedica_bin, shared_corpus / "pmc-cloud", out)
    assert (out / "parquet" / "samples.parquet").is_file()


def test_wait_waits_for_the_holder_and_without_it_the_run_is_refused(biomedica_bin, tmp_path):
    out = tmp_path / "out"
    build(biomedica_bin, SAMPLE_CORPUS, out)
    with open(out / ".biomedica-dataset.lock", "r+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write("4242 somewhere\n")
        lock.flush()
        refused = subprocess.run([str(biomedica_bin), "build", "--source", str(SAMPLE_CORPUS), "--out", str(out)],
                                 capture_output=True, text=True, timeout=60)
        assert refused.returncode == BUSY
        assert "is being written by another biomedica run (process 4242 on somewhere)" in refused.stderr
        assert "--wait" in refused.stderr
        waiting = start_build(biomedica_bin, SAMPLE_CORPUS, out, "--wait")
        time.sleep(1.5)
        assert waiting.poll() is None, "--wait did not wait"
        lock.truncate(0)
        fcntl.flock(lock, fcntl.LOCK_UN)
    _, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, stderr


def test_a_catalog_is_written_by_one_run_at_a_time(biomedica_bin, tmp_path):
    catalog = tmp_path / "c.sqlite"
    run(biomedica_bin, "extract", "--source", SAMPLE_CORPUS, "--catalog", catalog)
    with open(f"{catalog}.lock", "r+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = subprocess.run([str(biomedica_bin), "extract", "--source", str(SAMPLE_CORPUS), "--catalog", str(catalog)],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == BUSY and str(catalog) in proc.stderr, proc.stderr
        # Readers read committed snapshots beside a writer.
        assert run(biomedica_bin, "show", "PMC99000001", "--catalog", catalog).stdout.startswith("{")


def test_a_folder_of_the_users_files_is_refused_and_its_files_survive(biomedica_bin, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    proc = subprocess.run([str(biomedica_bin), "build", "--source", str(SAMPLE_CORPUS), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == NOT_OURS
    assert "is not empty and is not a biomedica dataset (it holds thesis.tex" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["thesis.tex"]
    assert (out / "thesis.tex").read_text() == "years of work"


def test_a_users_file_among_the_shards_stops_a_rewrite_and_survives(biomedica_bin, tmp_path):
    out = tmp_path / "out"
    build(biomedica_bin, SAMPLE_CORPUS, out)
    notes = out / "shards" / "commercial" / "notes.txt"
    notes.write_text("keep me")
    proc = subprocess.run([str(biomedica_bin), "build", "--source", str(SAMPLE_CORPUS), "--out", str(out), "--shard-size", "2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == NOT_OURS and f"{notes} is not a file biomedica wrote" in proc.stderr, proc.stderr
    assert notes.read_text() == "keep me"
    assert (out / "shards" / "commercial" / "000000.tar").is_file()


def test_a_shard_cut_short_after_a_build_is_written_again(biomedica_bin, shared_corpus, tmp_path):
    out = tmp_path / "out"
    build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--shard-size", "5")
    expected = output_digests(out)
    shard = out / "shards" / "commercial" / "000001.tar"
    with open(shard, "r+b") as handle:
        handle.truncate(shard.stat().st_size // 2)
    summary = build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--shard-size", "5").stdout
    assert "shards rewritten from the start" in summary
    assert output_digests(out) == expected


def test_an_empty_listing_withdraws_nothing_unless_allowed(biomedica_bin, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    out = tmp_path / "out"
    build(biomedica_bin, corpus, out)
    expected = output_digests(out)
    # The source's folder is there, and holds nothing: an unmounted volume.
    shutil.rmtree(corpus)
    corpus.mkdir()
    proc = build(biomedica_bin, corpus, out)
    assert "withdrawn: not checked (the source listed nothing; --allow-empty-source)" in proc.stdout
    assert "listed no article where the catalog holds some" in proc.stderr
    assert output_digests(out) == expected
    emptied = build(biomedica_bin, corpus, out, "--allow-empty-source")
    assert "6 withdrawn" in emptied.stdout
    assert "dataset: 0 samples" in emptied.stdout


def test_a_source_that_is_not_there_creates_nothing(biomedica_bin, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([str(biomedica_bin), "build", "--source", str(tmp_path / "nowhere"), "--out", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 66
    assert not out.exists()
