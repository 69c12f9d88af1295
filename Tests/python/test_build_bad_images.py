"""`biomedica build` on the hostile image cases of ../shared/corpus/bad (see bad/README.md): each bad
first figure ends as the contract says (a failure or a drop, named in the catalog and the summary),
the article's other figures come through, and the run exits 0."""
import hashlib
import io
import os
import subprocess
from pathlib import Path

import pytest

from cli import build, image_header, read_samples, serialize_problems, summary_count

try:
    from PIL import Image
except ImportError:  # the checks fall back to reading image headers
    Image = None

FIRST = "1471-2180-11-174-1.jpg"
OTHERS = {"1471-2180-11-174-2.jpg", "1471-2180-11-174-3.jpg", "1471-2180-11-174-4.jpg"}
ALL = OTHERS | {FIRST}


@pytest.fixture(scope="module")
def bad(biomedica_bin, shared_corpus, tmp_path_factory):
    """One build of bad/pmc-cloud: (OUT, stdout, samples, serialize problems)."""
    corpus = shared_corpus / "bad" / "pmc-cloud"
    if not corpus.is_dir():
        pytest.skip("no bad/pmc-cloud in the shared corpus")
    out = tmp_path_factory.mktemp("bad") / "out"
    result = build(biomedica_bin, corpus, out)  # asserts exit 0
    return out, result.stdout, read_samples(out), serialize_problems(out / "catalog.sqlite")


def files_of(samples, pmcid):
    return {s["json"]["image_file_name"] for s in samples.values() if s["json"]["article_accession_id"] == pmcid}


def sample_of(samples, pmcid, file):
    found = [s for s in samples.values()
             if s["json"]["article_accession_id"] == pmcid and s["json"]["image_file_name"] == file]
    assert len(found) <= 1
    return found[0] if found else None


def problems_of(problems, pmcid):
    return [p for p in problems if p["pmcid"] == pmcid]


def assert_failed(bad, pmcid, kinds, severity="error"):
    """The first figure of `pmcid` is one problem of a kind in `kinds`, naming the file, and no sample;
    the other figures are samples; the summary counts the kind."""
    _, stdout, samples, problems = bad
    mine = problems_of(problems, pmcid)
    assert len(mine) == 1, mine
    (problem,) = mine
    assert problem["stage"] == "serialize" and problem["severity"] == severity, problem
    assert problem["kind"] in kinds, problem
    assert problem["file"] and problem["file"].endswith(FIRST), problem
    assert FIRST in problem["message"] and pmcid in problem["message"], problem
    assert files_of(samples, pmcid) == OTHERS
    count = summary_count(stdout, problem["kind"])
    assert count is not None and count >= 1, f"summary does not count {problem['kind']}:\n{stdout}"
    return problem


def fully_decodes(data: bytes) -> bool:
    if Image is not None:
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.load()
            return True
        except Exception:
            return False
    try:
        image_header(data)
    except ValueError:
        return False
    return data.rstrip(b"\0")[-2:] == b"\xff\xd9" if data[:2] == b"\xff\xd8" else True


def test_ok_control_and_no_figures(bad):
    _, _, samples, problems = bad
    assert files_of(samples, "PMC9000101") == ALL
    assert problems_of(problems, "PMC9000101") == []
    assert files_of(samples, "PMC9000116") == set()
    assert problems_of(problems, "PMC9000116") == []
    # articles that failed extraction give no samples and no serialize problems
    for pmcid in ("PMC9000102", "PMC9000112"):
        assert files_of(samples, pmcid) == set()


def test_missing_media_fails_that_figure_only(bad):
    assert_failed(bad, "PMC9000105", {"missing-file"})


def test_corrupt_jpeg_fails_decode(bad):
    assert_failed(bad, "PMC9000106", {"undecodable-image", "not-an-image"})


def test_truncated_jpeg_errors_or_stores_a_whole_image(bad):
    _, _, samples, problems = bad
    sample = sample_of(samples, "PMC9000107", FIRST)
    if sample is None:
        assert_failed(bad, "PMC9000107", {"undecodable-image"})
    else:
        # a partial decode is fine, but what lands in the shard must decode whole for a data loader
        assert fully_decodes(sample["image"]), "the stored image of a truncated JPEG does not decode"
        assert files_of(samples, "PMC9000107") == ALL
        assert all(p["severity"] == "warning" for p in problems_of(problems, "PMC9000107"))


def test_tiny_image_dropped_as_too_small(bad):
    out, stdout, samples, problems = bad
    problem = assert_failed(bad, "PMC9000108", {"too-small"}, severity="warning")
    assert "12x12" in problem["message"] or "12 x 12" in problem["message"], problem
    assert summary_count(stdout, "too-small") == 1


def test_pixel_bomb_refused_in_bounded_memory(bad, biomedica_bin, shared_corpus, tmp_path):
    assert_failed(bad, "PMC9000109", {"too-many-pixels"})
    # alone, measuring the peak memory of that one process
    out = tmp_path / "bomb"
    process = subprocess.Popen([str(biomedica_bin), "build", "--source", str(shared_corpus / "bad" / "pmc-cloud"),
                                "--out", str(out), "--pmcid", "PMC9000109"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    stdout = process.stdout.read().decode()
    assert process.returncode == 0
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    assert peak_mb < 300, f"peak RSS {peak_mb:.0f} MB"
    assert files_of(read_samples(out), "PMC9000109") == OTHERS
    assert summary_count(stdout, "too-many-pixels") == 1


def test_cmyk_jpeg_stored_as_rgb(bad):
    _, _, samples, problems = bad
    sample = sample_of(samples, "PMC9000110", FIRST)
    assert sample is not None, problems_of(problems, "PMC9000110")
    assert files_of(samples, "PMC9000110") == ALL
    meta = sample["json"]
    assert meta["image_source_format"] == "jpeg"
    assert (meta["image_width"], meta["image_height"]) == (640, 480)
    if Image is not None:
        with Image.open(io.BytesIO(sample["image"])) as image:
            assert image.mode == "RGB" and len(image.getbands()) == 3
            assert image.size == (640, 480)
    fmt, width, height, components = image_header(sample["image"])
    assert (width, height) == (640, 480)
    assert components == 3, f"stored {fmt} has {components} components"


def test_md5_mismatch_rejected(bad, shared_corpus):
    _, _, samples, _ = bad
    assert_failed(bad, "PMC9000111", {"checksum-mismatch"})
    wrong = hashlib.sha256((shared_corpus / "bad" / "pmc-cloud" / "PMC9000111.1" / FIRST).read_bytes()).hexdigest()
    assert wrong not in {s["json"]["image_hash"] for s in samples.values()}


def test_exact_duplicates_across_articles(bad, biomedica_bin, shared_corpus, tmp_path):
    _, stdout, samples, problems = bad
    first = sample_of(samples, "PMC9000114", FIRST)
    assert first is not None and first["json"]["image_duplicate_of"] is None
    assert files_of(samples, "PMC9000114") == ALL
    assert files_of(samples, "PMC9000115") == OTHERS, "the second copy must be left out by default"
    assert not [p for p in problems_of(problems, "PMC9000115") if p["severity"] == "error"]
    assert summary_count(stdout, "duplicates") == 1 or summary_count(stdout, "duplicate") == 1, stdout

    out = tmp_path / "keep"
    build(biomedica_bin, shared_corpus / "bad" / "pmc-cloud", out, "--keep-duplicates",
          "--pmcid", "PMC9000114", "--pmcid", "PMC9000115")
    kept = read_samples(out)
    original, copy = sample_of(kept, "PMC9000114", FIRST), sample_of(kept, "PMC9000115", FIRST)
    assert original is not None and copy is not None
    assert original["json"]["image_duplicate_of"] is None
    assert copy["json"]["image_duplicate_of"] == original["json"]["image_id"]
    assert original["json"]["image_id"] == first["json"]["image_id"]
    assert copy["json"]["image_hash"] == original["json"]["image_hash"]
    assert files_of(kept, "PMC9000115") == ALL


def test_every_failure_names_article_file_and_cause(bad):
    _, _, _, problems = bad
    assert problems, "the bad corpus must produce serialize problems"
    for problem in problems:
        assert problem["stage"] == "serialize"
        if problem["severity"] == "error":
            assert problem["file"], problem
            assert problem["pmcid"] in problem["message"] and Path(problem["file"]).name in problem["message"], problem
            assert len(problem["message"]) > len(problem["pmcid"]) + len(Path(problem["file"]).name) + 5, problem
