"""The CLI tried as a careless and as a hostile user would: outputs over folders and inputs, links out of
a source, formats a decoder should never see, tampered files, colliding names, FIFOs, killed merges,
huge images and captions, and values that switch a check off. Each case failed before it was fixed."""
import json
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import time
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

from cli import SAMPLE_CORPUS, build, output_digests, replicate_cloud_corpus, run

ARTICLE = "PMC99000001.1"
FIRST = "1471-2180-99-101-1"


def sample_copy(tmp_path: Path, name: str = "src", checksums: bool = False) -> Path:
    """The sample corpus copied; without `checksums`, its metadata publishes no MD5, so that a file
    changed by a test reaches the stage that must notice it."""
    source = tmp_path / name
    shutil.copytree(SAMPLE_CORPUS, source)
    if not checksums:
        for meta in [source / ARTICLE / f"{ARTICLE}.json", source / "metadata" / f"{ARTICLE}.json"]:
            meta.write_text(re.sub(r"\?md5=[0-9a-f]+", "", meta.read_text()))
    return source


def problems(catalog: Path, stage: str = "serialize") -> list[tuple[str, str, str]]:
    with sqlite3.connect(catalog) as db:
        return db.execute("SELECT pmcid, kind, message FROM problems WHERE stage = ? ORDER BY id", (stage,)).fetchall()


def sample_keys(catalog: Path, pmcid: str = "PMC99000001") -> list[str]:
    with sqlite3.connect(catalog) as db:
        return [row[0] for row in db.execute("SELECT key FROM samples WHERE pmcid = ? AND shard IS NOT NULL ORDER BY sequence", (pmcid,))]


def status(binary: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, timeout=300)


def distinct_jpeg(path: Path, seed: int) -> None:
    rng = np.random.default_rng(seed)
    Image.fromarray(rng.integers(0, 255, (180, 240, 3), dtype=np.uint8)).save(path, quality=90)


# --- 1. outputs -----------------------------------------------------------------------------------

def test_an_output_is_never_written_over_a_folder_or_an_input(biomedica_bin, tmp_path):
    dataset = tmp_path / "ds"
    build(biomedica_bin, SAMPLE_CORPUS, dataset)
    before = output_digests(dataset)
    catalog = dataset / "catalog.sqlite"
    catalog_bytes = catalog.read_bytes()

    over_folder = status(biomedica_bin, "export", "--catalog", catalog, "--jsonl", dataset)
    assert over_folder.returncode == 73 and "it is a folder" in over_folder.stderr, over_folder.stderr
    over_catalog = status(biomedica_bin, "export", "--catalog", catalog, "--jsonl", catalog)
    assert over_catalog.returncode == 64 and "which the run reads" in over_catalog.stderr, over_catalog.stderr
    assert output_digests(dataset) == before and catalog.read_bytes() == catalog_bytes

    images = tmp_path / "imgs"
    images.mkdir()
    for jpg in sorted((SAMPLE_CORPUS / ARTICLE).glob("*.jpg")):
        shutil.copy(jpg, images)
    kept = sorted(p.name for p in images.iterdir())
    assert status(biomedica_bin, "annotate", "features", "--images", images, "--out", images).returncode == 73
    assert status(biomedica_bin, "annotate", "features", "--images", images, "--out", images / "f.npy").returncode == 64
    assert sorted(p.name for p in images.iterdir()) == kept

    features = tmp_path / "f.npy"
    run(biomedica_bin, "annotate", "features", "--images", images, "--out", features)
    too_few = status(biomedica_bin, "annotate", "fit", "--features", features, "--model", tmp_path / "model")
    assert too_few.returncode == 64 and "needs more than 25 rows" in too_few.stderr, too_few.stderr
    run(biomedica_bin, "annotate", "fit", "--features", features, "--model", tmp_path / "model", "--clusters", "1", "--pca-dims", "2")
    into_input = status(biomedica_bin, "annotate", "assign", "--model", tmp_path / "model", "--features", features, "--out", features)
    assert into_input.returncode == 64
    assert np.load(features).shape[0] == len(kept), "the feature file is as it was"


# --- 2, 6. links and FIFOs in a local source -----------------------------------------------------

def test_links_out_of_a_source_and_fifos_are_not_read(biomedica_bin, tmp_path):
    source = sample_copy(tmp_path, checksums=True)
    outside = tmp_path / "outside.jpg"
    distinct_jpeg(outside, 1)
    media = source / ARTICLE
    (media / f"{FIRST}.jpg").unlink()
    (media / f"{FIRST}.jpg").symlink_to(outside)
    (media / "1471-2180-99-101-2.jpg").unlink()
    (media / "1471-2180-99-101-2.jpg").symlink_to("/etc/passwd")
    # A link that stays inside the source is followed.
    third = media / "1471-2180-99-101-3.jpg"
    shutil.move(third, source / "elsewhere.jpg")
    third.symlink_to(source / "elsewhere.jpg")
    fifo = source / "PMC99000003.1" / next(p.name for p in (SAMPLE_CORPUS / "PMC99000003.1").glob("*.jpg"))
    fifo.unlink()
    subprocess.run(["mkfifo", str(fifo)], check=True)

    out = tmp_path / "out"
    proc = status(biomedica_bin, "build", "--source", source, "--out", out)
    assert proc.returncode == 0, proc.stderr
    found = {(pmcid, kind) for pmcid, kind, _ in problems(out / "catalog.sqlite")}
    assert ("PMC99000001", "unsafe-file") in found and ("PMC99000003", "unsafe-file") in found
    messages = " ".join(message for _, _, message in problems(out / "catalog.sqlite"))
    assert "leads out of the source's folder, to /etc/passwd" in messages and "not a regular file" in messages
    assert sample_keys(out / "catalog.sqlite") == [f"PMC99000001_0002_1471-2180-99-101-3"]
    for shard in out.glob("shards/*/*.tar"):
        assert b"root:x:0:0" not in shard.read_bytes()


# --- 3. formats ------------------------------------------------------------------------------------

def test_only_jpeg_png_gif_tiff_and_webp_reach_a_decoder(biomedica_bin, tmp_path):
    source = sample_copy(tmp_path)
    media = source / ARTICLE
    (media / f"{FIRST}.jpg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><rect width="300" height="300"/></svg>')
    (media / "1471-2180-99-101-2.jpg").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b" " * 4000)
    (media / "1471-2180-99-101-3.jpg").write_bytes(b"P6\n300 300\n255\n" + bytes(270000))
    out = tmp_path / "out"
    build(biomedica_bin, source, out)
    kinds = [kind for pmcid, kind, _ in problems(out / "catalog.sqlite") if pmcid == "PMC99000001"]
    assert kinds == ["unsupported-format"] * 3
    assert sample_keys(out / "catalog.sqlite") == []


# --- 4. the XML's MD5 -------------------------------------------------------------------------------

def test_a_tampered_xml_is_refused_without_a_cache_as_with_one(biomedica_bin, tmp_path):
    source = sample_copy(tmp_path, checksums=True)
    xml = source / ARTICLE / f"{ARTICLE}.xml"
    xml.write_text(xml.read_text().replace("Biofilms", "BIOFILMS", 1))
    for cache in ([], ["--cache", tmp_path / "cache"]):
        catalog = tmp_path / f"c{len(cache)}.sqlite"
        run(biomedica_bin, "extract", "--source", source, "--catalog", catalog, *cache)
        failed = [(pmcid, kind) for pmcid, kind, _ in problems(catalog, "extract") if pmcid == "PMC99000001"]
        assert failed == [("PMC99000001", "checksum-mismatch")]


# --- 5. keys -----------------------------------------------------------------------------------------

def test_graphics_whose_names_give_one_key_stay_two_samples(biomedica_bin, tmp_path):
    source = sample_copy(tmp_path)
    folder = source / ARTICLE
    xml = folder / f"{ARTICLE}.xml"
    # `1471-2180-99-101.1` sanitizes to the key of `1471-2180-99-101-1`: a second image of Figure 1.
    xml.write_text(xml.read_text().replace(f'<graphic xlink:href="{FIRST}"/>',
                                           f'<graphic xlink:href="{FIRST}"/><graphic xlink:href="1471-2180-99-101.1"/>'))
    distinct_jpeg(folder / "1471-2180-99-101.1.jpg", 2)
    for meta in [folder / f"{ARTICLE}.json", source / "metadata" / f"{ARTICLE}.json"]:
        data = json.loads(meta.read_text())
        data["media_urls"].append(f"s3://pmc-oa-opendata/{ARTICLE}/1471-2180-99-101.1.jpg")
        meta.write_text(json.dumps(data))
    out = tmp_path / "out"
    build(biomedica_bin, source, out)
    keys = sample_keys(out / "catalog.sqlite")
    plain = f"PMC99000001_0000_{FIRST}"
    assert keys[0] == plain and re.fullmatch(plain + r"-[0-9a-f]{8}", keys[1]), keys
    assert len(keys) == 4 and "repeated-graphic" not in {kind for _, kind, _ in problems(out / "catalog.sqlite")}
    # The same names give the same keys on every run.
    again = tmp_path / "again"
    build(biomedica_bin, source, again)
    assert sample_keys(again / "catalog.sqlite") == keys


# --- 7. a killed merge ---------------------------------------------------------------------------

def test_a_killed_merge_is_finished_by_running_it_again(biomedica_bin, shared_corpus, tmp_path):
    corpus = tmp_path / "corpus"
    replicate_cloud_corpus(shared_corpus / "pmc-cloud", corpus, 6)
    whole = tmp_path / "whole"
    build(biomedica_bin, corpus, whole, "--quiet", "--keep-duplicates")
    parts = [tmp_path / f"part{i}" for i in range(2)]
    for i, part in enumerate(parts):
        build(biomedica_bin, corpus, part, "--shard", f"{i}/2", "--quiet", "--keep-duplicates")
    merged = tmp_path / "merged"
    process = subprocess.Popen([str(biomedica_bin), "merge", "--out", str(merged), *map(str, parts)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(merged.glob("shards/*/*.tar*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    still_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert still_running, "the merge finished before it could be killed"
    again = status(biomedica_bin, "merge", "--out", merged, *parts)
    assert again.returncode == 0, again.stderr
    assert "holds a merge that did not finish" in again.stderr
    assert output_digests(merged) == output_digests(whole)


# --- 8. memory ---------------------------------------------------------------------------------------

def write_large_png(path: Path, side: int) -> None:
    """A `side` x `side` RGB PNG of a smooth pattern, written a row at a time."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    compressor = zlib.compressobj(1)
    columns = np.arange(side, dtype=np.uint32)
    body = bytearray()
    for y in range(side):
        row = np.stack([(columns // 51) % 256, np.full(side, (y // 51) % 256), ((columns + y) // 101) % 256], axis=1)
        body += compressor.compress(b"\x00" + row.astype(np.uint8).tobytes())
    body += compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", bytes(body)) + chunk(b"IEND", b""))


def test_a_huge_image_is_decoded_in_strips(biomedica_bin, tmp_path):
    source = sample_copy(tmp_path)
    side = 11_000  # 121 megapixels: 363 MB decoded whole
    write_large_png(source / ARTICLE / f"{FIRST}.jpg", side)
    out = tmp_path / "out"
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", str(biomedica_bin), "build", "--source", str(source), "--out", str(out),
                           "--quiet", "--jobs", "1"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    with sqlite3.connect(out / "catalog.sqlite") as db:
        width = db.execute("SELECT json_extract(metadata, '$.image_width') FROM samples WHERE key LIKE ?", (f"%{FIRST}",)).fetchone()[0]
    assert width == side
    assert peak_kb < 300_000, f"peak RSS {peak_kb} kB: the image was held decoded"


# --- 9. the smaller ones -------------------------------------------------------------------------

def test_values_that_would_switch_a_check_off_are_refused(biomedica_bin, tmp_path):
    out = tmp_path / "out"
    assert status(biomedica_bin, "build", "--source", SAMPLE_CORPUS, "--out", out, "--max-aspect", "nan").returncode == 64
    assert status(biomedica_bin, "build", "--source", SAMPLE_CORPUS, "--out", out, "--license-group", "").returncode == 64
    assert not out.exists()


def test_a_source_that_is_not_there_leaves_no_catalog(biomedica_bin, tmp_path):
    proc = status(biomedica_bin, "extract", "--source", tmp_path / "nowhere", "--catalog", tmp_path / "c.sqlite")
    assert proc.returncode == 66 and not (tmp_path / "c.sqlite").exists()


def test_a_huge_caption_is_cut_and_the_cut_recorded(biomedica_bin, tmp_path):
    source = sample_copy(tmp_path)
    xml = source / ARTICLE / f"{ARTICLE}.xml"
    flood = "A very long caption sentence. " * 100_000  # 3 million characters
    xml.write_text(xml.read_text().replace("Crystal violet staining", flood + "Crystal violet staining", 1))
    out = tmp_path / "out"
    build(biomedica_bin, source, out)
    assert ("PMC99000001", "text-truncated") in {(p, k) for p, k, _ in problems(out / "catalog.sqlite", "extract")}
    with sqlite3.connect(out / "catalog.sqlite") as db:
        caption = db.execute("SELECT json_extract(metadata, '$.caption_text') FROM samples WHERE key LIKE ?", (f"%{FIRST}",)).fetchone()[0]
    assert len(caption) == 100_000


def test_errors_say_the_cause_not_the_raw_error_object(biomedica_bin, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = status(biomedica_bin, "build", "--source", SAMPLE_CORPUS, "--out", blocker / "ds")
    assert proc.returncode == 73
    assert "Error Domain" not in proc.stderr and "NSCocoaErrorDomain" not in proc.stderr, proc.stderr
    assert f"{blocker}/ds" in proc.stderr


def test_verify_names_what_changed_and_repair_rebuilds_what_it_can(biomedica_bin, tmp_path):
    out = tmp_path / "out"
    build(biomedica_bin, SAMPLE_CORPUS, out)
    assert "the dataset is as its records say" in run(biomedica_bin, "verify", "--dataset", out).stdout
    shard = out / "shards" / "commercial" / "000000.tar"
    data = bytearray(shard.read_bytes())
    data[1000] ^= 0xFF
    shard.write_bytes(bytes(data))
    (out / "parquet" / "articles.parquet").unlink()
    (out / "shards" / "other" / "sizes.json").write_text("{}")
    proc = status(biomedica_bin, "verify", "--dataset", out)
    assert proc.returncode == 65
    assert f"{shard}: MD5" in proc.stderr and "articles.parquet: not there" in proc.stderr and "sizes.json" in proc.stderr
    repaired = status(biomedica_bin, "verify", "--dataset", out, "--repair")
    assert repaired.returncode == 65, "a changed shard is not rebuilt from a catalog"
    assert "disagrees with its records in 1 place" in repaired.stderr and f"{shard}: MD5" in repaired.stderr
    assert (out / "parquet" / "articles.parquet").is_file()
    # The build writes the changed shard again; then everything agrees.
    build(biomedica_bin, SAMPLE_CORPUS, out)
    assert run(biomedica_bin, "verify", "--dataset", out).returncode == 0
