"""`biomedica fetch` and `--cache`: a fetched cache builds the same dataset offline, a second fetch
fetches nothing, and a fetch killed with SIGKILL and run again completes with only whole files."""
import shutil
import signal
import subprocess
import time

import cli
from cli import assert_objects_whole, dataset_digests, fetch


def test_offline_build_from_the_cache_equals_a_build_from_the_source(biomedica_bin, shared_corpus, workdir):
    source, cache = workdir / "src", workdir / "cache"
    shutil.copytree(shared_corpus / "pmc-cloud", source)
    first = fetch(biomedica_bin, source, cache, "--connections", "4")
    assert first["articles"] == 24 and first["with_errors"] == 0 and first["fetched"] > 0
    assert_objects_whole(cache)

    second = fetch(biomedica_bin, source, cache)
    assert second["fetched"] == 0 and second["bytes"] == 0
    assert second["cached"] == first["fetched"] + first["cached"]

    cli.build(biomedica_bin, source, workdir / "online")
    source.rename(workdir / "away")
    cli.build(biomedica_bin, source, workdir / "offline", "--cache", cache)
    online, offline = dataset_digests(workdir / "online"), dataset_digests(workdir / "offline")
    assert any(name.endswith(".tar") for name in online)
    assert offline == online


def test_a_killed_fetch_run_again_completes(biomedica_bin, shared_corpus, workdir):
    source, cache = workdir / "src", workdir / "cache"
    cli.replicate_cloud_corpus(shared_corpus / "pmc-cloud", source, replicas=8)
    proc = subprocess.Popen([str(biomedica_bin), "fetch", "--source", str(source), "--cache", str(cache), "--connections", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if sum(1 for p in (cache / "objects").rglob("*") if p.is_file()) >= 20:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert_objects_whole(cache)

    rerun = fetch(biomedica_bin, source, cache, "--connections", "4")
    assert rerun["articles"] == 8 * 24 and rerun["with_errors"] == 0
    assert rerun["fetched"] > 0, "the kill came after the fetch had finished"
    assert_objects_whole(cache)
    assert fetch(biomedica_bin, source, cache)["fetched"] == 0
