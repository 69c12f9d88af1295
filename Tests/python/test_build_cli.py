"""`biomedica build` seen from outside: the shards and tables it writes, read by independent tools
(tarfile, webdataset, PIL, pyarrow, DuckDB), checked against the contract and against an expectation
computed here from `extract`'s catalog and the corpus's own image files."""
import csv
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from cli import (IMAGE_EXTENSIONS, build, extract_and_export, image_header, output_digests, read_samples,
                 read_tar, replicate_cloud_corpus, serialize_problems, shard_files, summary_count)

try:
    from PIL import Image
except ImportError:  # the checks fall back to reading image headers
    Image = None

GROUPS = {"commercial", "noncommercial", "other"}
MIN_SIDE = 20  # the contract's default --min-side: both sides must be over it
# The figure's position in a key is its position in the catalog, from 0 (tables and supplementary
# figures count too, so it is not the number in the label).
KEY_POSITION_BASE = 0
STRING, INT64, STRING_LIST = "string", "int64", "list<string>"
SAMPLE_COLUMNS = {
    STRING: ["image_id", "image_file_name", "image_hash", "image_cluster_id", "image_label", "image_kind",
             "image_phash", "image_format", "image_source_format", "image_duplicate_of", "image_near_duplicate_of",
             "caption", "caption_title", "caption_text", "figure_id", "article_accession_id", "article_title",
             "article_journal", "article_date", "article_abstract", "article_citation", "article_license",
             "article_pmid", "article_doi", "article_license_group", "article_license_url", "shard"],
    INT64: ["image_width", "image_height", "article_version", "article_reference_count"],
    STRING_LIST: ["image_context", "article_mesh_terms", "article_keywords", "article_subject",
                  "article_reference_ids"],
}
ARTICLE_COLUMNS = {
    STRING: ["article_accession_id", "article_title", "article_license_group", "article_fulltext"],
    INT64: ["article_version"],
    STRING_LIST: ["article_keywords", "article_subject", "article_reference_ids"],
}


# --- helpers -------------------------------------------------------------------------------------

def sanitize(name: str) -> str:
    """SampleKey.sanitize as the contract describes keys: `.` -> `-`, anything outside [A-Za-z0-9_-] -> `_`."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", name.replace(".", "-"))


def caption_of(title: str | None, text: str | None) -> str:
    """The sample caption: caption title and text joined by one space (an empty part left out)."""
    return " ".join(part for part in (title or "", text or "") if part)


def decoded(data: bytes) -> tuple[str, int, int, str]:
    """(format, width, height, pixel identity) of image bytes: decoded fully by PIL where installed,
    else read from the header, with the bytes' SHA-256 standing in for the pixels."""
    if Image is not None:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            pixels = image.convert("RGB")
            identity = hashlib.sha256(f"{image.size}".encode() + pixels.tobytes()).hexdigest()
            return image.format.lower(), image.width, image.height, identity
    fmt, width, height, _ = image_header(data)
    return fmt, width, height, hashlib.sha256(data).hexdigest()


def pmc_order(pmcid: str, version: int) -> tuple[int, int]:
    return int(pmcid[3:]), version


def expected_samples(records: list[dict], corpus: Path) -> dict[str, dict]:
    """The samples the contract asks for, computed from `export`'s records and the corpus's files:
    every graphic of a figure or table with a non-empty caption, resolved to a media file whose
    image is over MIN_SIDE px on both sides, minus exact pixel duplicates (first in PMCID, figure,
    graphic order kept). Keyed by the contract's sample key; values name article, file and caption."""
    expected: dict[str, dict] = {}
    seen_pixels: set[str] = set()
    for record in sorted((r for r in records if r["error"] is None), key=lambda r: pmc_order(r["pmcid"], r["version"])):
        folder = corpus / f"{record['pmcid']}.{record['version']}"
        for position, figure in enumerate(record["figures"], start=KEY_POSITION_BASE):
            caption = caption_of(figure["caption_title"], figure["caption"])
            for graphic, media in zip(figure["graphics"], figure["media"]):
                if not caption or media is None:
                    continue
                _, width, height, pixels = decoded((folder / media).read_bytes())
                if width <= MIN_SIDE or height <= MIN_SIDE or pixels in seen_pixels:
                    continue
                seen_pixels.add(pixels)
                key = f"{record['pmcid']}_{position:04d}_{sanitize(graphic)}"
                expected[key] = {"pmcid": record["pmcid"], "file": media, "caption": caption,
                                 "group": record["license_group"]}
    return expected


def parquet_type(field_type) -> str:
    import pyarrow as pa
    if pa.types.is_string(field_type) or pa.types.is_large_string(field_type):
        return STRING
    if pa.types.is_int64(field_type):
        return INT64
    if (pa.types.is_list(field_type) or pa.types.is_large_list(field_type)) and (
            pa.types.is_string(field_type.value_type) or pa.types.is_large_string(field_type.value_type)):
        return STRING_LIST
    return str(field_type)


def assert_column_types(table, columns: dict[str, list[str]], name: str):
    schema = {field.name: field.type for field in table.schema}
    for wanted, names in columns.items():
        for column in names:
            assert column in schema, f"{name}: no column {column}"
            assert parquet_type(schema[column]) == wanted, f"{name}.{column} is {schema[column]}, not {wanted}"


def mtimes(out: Path) -> dict[str, int]:
    return {str(f.relative_to(out)): f.stat().st_mtime_ns
            for f in [*(out / "shards").glob("*/*"), *(out / "parquet").glob("*")] if f.is_file()}


def samples_by_article(samples: dict[str, dict]) -> dict[str, set[str]]:
    files = defaultdict(set)
    for sample in samples.values():
        files[sample["json"]["article_accession_id"]].add(sample["json"]["image_file_name"])
    return files


# --- fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cloud_build(biomedica_bin, shared_corpus, tmp_path_factory):
    """One default build of ../shared/corpus/pmc-cloud: (OUT, stdout)."""
    out = tmp_path_factory.mktemp("cloud") / "out"
    result = build(biomedica_bin, shared_corpus / "pmc-cloud", out)
    return out, result.stdout


@pytest.fixture(scope="module")
def cloud_samples(cloud_build):
    return read_samples(cloud_build[0])


@pytest.fixture(scope="module")
def cloud_records(biomedica_bin, shared_corpus, tmp_path_factory):
    """`extract` + `export` of the same corpus into a catalog of its own: the figures the samples come from."""
    return extract_and_export(biomedica_bin, shared_corpus / "pmc-cloud", tmp_path_factory.mktemp("extract"))


# --- 1. shards ---------------------------------------------------------------------------------------

def test_webdataset_reads_every_sample_whole(cloud_build, cloud_samples):
    import webdataset as wds
    out, _ = cloud_build
    urls = [str(p) for p in shard_files(out)]
    assert urls, "no shards written"
    assert {Path(u).parent.name for u in urls} <= GROUPS
    seen: dict[str, str] = {}
    for sample in wds.WebDataset(urls, shardshuffle=False):
        key, url = sample["__key__"], sample["__url__"]
        assert key not in seen, f"key {key} in {seen.get(key)} and {url}"
        seen[key] = url
        fields = {name for name in sample if not name.startswith("__")}
        images = fields & set(IMAGE_EXTENSIONS)
        assert len(images) == 1 and fields == images | {"txt", "json"}, (key, sorted(fields))
        (ext,) = images
        meta = json.loads(sample["json"])
        txt = sample["txt"].decode("utf-8")
        assert meta["image_id"] == key
        assert meta["caption"] == txt and txt
        assert meta["caption"] == caption_of(meta["caption_title"], meta["caption_text"])
        assert meta["shard"] == f"{Path(url).parent.name}/{Path(url).name}"
        assert meta["article_license_group"] == Path(url).parent.name
        assert "." not in key and key.startswith(meta["article_accession_id"] + "_")
        fmt, width, height, _ = decoded(sample[ext])
        assert {"jpeg": "jpg"}.get(fmt, fmt) == ext == meta["image_format"], (key, fmt, ext)
        assert [width, height] == meta["image_size"] == [meta["image_width"], meta["image_height"]]
        assert meta["image_hash"] == hashlib.sha256(sample[ext]).hexdigest()
        assert meta["image_duplicate_of"] is None
        assert re.fullmatch(r"[0-9a-f]{16}", meta["image_phash"]), meta["image_phash"]
    # tarfile agrees, member for member (image, .txt, .json in that order per key: read_samples checks)
    assert set(seen) == set(cloud_samples)
    assert len(seen) > 50


def test_samples_follow_pmcid_figure_order_within_each_group(cloud_build, cloud_samples):
    out, _ = cloud_build
    for group in GROUPS:
        keys = [name.split(".")[0] for tar in sorted((out / "shards" / group).glob("*.tar"))
                for name, _ in read_tar(tar)[::3]]
        order = [(int(cloud_samples[k]["json"]["article_accession_id"][3:]), cloud_samples[k]["json"]["article_version"],
                  int(k.split("_")[1])) for k in keys]
        assert order == sorted(order), group


def test_sample_json_matches_the_article(cloud_samples, cloud_records):
    records = {r["pmcid"]: r for r in cloud_records}
    for key, sample in cloud_samples.items():
        meta = sample["json"]
        record = records[meta["article_accession_id"]]
        assert list(meta) == sorted(meta), f"{key}: keys not sorted"
        assert meta["article_version"] == record["version"]
        assert meta["article_license"] == record["license_code"]
        assert meta["article_license_group"] == record["license_group"]
        assert meta["article_title"] == record["title"]
        assert meta["article_pmid"] == record["pmid"] and meta["article_doi"] == record["doi"]
        assert meta["image_cluster_id"] == meta["image_file_name"].rsplit(".", 1)[0]
        figure = next(f for f in record["figures"] if meta["image_file_name"] in f["media"])
        assert meta["caption_title"] == figure["caption_title"] and meta["caption_text"] == figure["caption"]
        assert meta["image_kind"] == figure["kind"] and meta["image_label"] == figure["label"]
        assert meta["figure_id"] == figure["id"]
        for field in ("image_panel_type", "image_panel_subtype", "image_primary_label", "image_secondary_label",
                      "image_label_id"):
            assert meta[field] is None, (key, field)
        assert meta["article_mesh_terms"] == []


# --- 2. sizes.json and index.json ------------------------------------------------------------------

def test_sizes_and_index_describe_the_tars(cloud_build):
    out, _ = cloud_build
    groups = sorted(p for p in (out / "shards").iterdir() if p.is_dir())
    assert {g.name for g in groups} == GROUPS, "the corpus has articles of every license group"
    for group in groups:
        tars = sorted(group.glob("*.tar"))
        sizes = json.loads((group / "sizes.json").read_text())
        counts = {t.name: len(read_tar(t)) // 3 for t in tars}
        assert sizes == counts, group.name
        index = json.loads((group / "index.json").read_text())
        assert [entry["name"] for entry in index] == sorted(t.name for t in tars)
        for entry in index:
            data = (group / entry["name"]).read_bytes()
            assert entry["samples"] == counts[entry["name"]]
            assert entry["bytes"] == len(data)
            assert entry["md5"] == hashlib.md5(data).hexdigest()


# --- 3. Parquet, read by pyarrow and DuckDB ------------------------------------------------------------

def test_parquet_tables_read_by_pyarrow_match_the_shards(cloud_build, cloud_samples, cloud_records):
    import pyarrow.parquet as pq
    out, _ = cloud_build
    samples = pq.read_table(out / "parquet" / "samples.parquet")
    assert_column_types(samples, SAMPLE_COLUMNS, "samples.parquet")
    total = sum(sum(json.loads(p.read_text()).values()) for p in (out / "shards").glob("*/sizes.json"))
    assert samples.num_rows == total == len(cloud_samples)
    some_json = next(iter(cloud_samples.values()))["json"]
    assert set(samples.column_names) == set(some_json) - {"image_size"}, "samples.parquet columns != JSON fields"
    for row in samples.to_pylist():
        meta = cloud_samples[row["image_id"]]["json"]
        assert {k: v for k, v in meta.items() if k != "image_size"} == row, row["image_id"]

    articles = pq.read_table(out / "parquet" / "articles.parquet")
    assert_column_types(articles, ARTICLE_COLUMNS, "articles.parquet")
    ok = {(r["pmcid"], r["version"]): r for r in cloud_records if r["error"] is None}
    rows = {(a["article_accession_id"], a["article_version"]): a for a in articles.to_pylist()}
    assert rows.keys() == ok.keys()
    for id_, row in rows.items():
        assert row["article_title"] == ok[id_]["title"]
        assert row["article_license_group"] == ok[id_]["license_group"]
    assert any(row["article_fulltext"] for row in rows.values())


def test_duckdb_queries_the_tables(cloud_build, cloud_samples):
    import duckdb
    out, _ = cloud_build
    samples_file, articles_file = str(out / "parquet" / "samples.parquet"), str(out / "parquet" / "articles.parquet")
    db = duckdb.connect()
    assert db.execute("SELECT count(*) FROM read_parquet(?)", [samples_file]).fetchone()[0] == len(cloud_samples)
    article_ids = {s["json"]["article_accession_id"] for s in cloud_samples.values()}
    assert db.execute("SELECT count(DISTINCT article_accession_id) FROM read_parquet(?)",
                      [samples_file]).fetchone()[0] == len(article_ids)
    assert db.execute("SELECT count(*) FROM read_parquet(?)", [articles_file]).fetchone()[0] == 24

    for group in GROUPS:
        got = {k for (k,) in db.execute("SELECT image_id FROM read_parquet(?) WHERE article_license_group = ?",
                                        [samples_file, group]).fetchall()}
        assert got == {k for k, s in cloud_samples.items() if s["shard"].startswith(group + "/")}, group

    # A word from the captions themselves, found in a few samples but not all.
    words = Counter(w for s in cloud_samples.values()
                    for w in set(re.findall(r"\b[A-Za-z]{8,}\b", s["txt"].lower())))
    word = min((w for w, n in words.items() if 2 <= n <= 5), key=lambda w: (-words[w], w))
    wanted = {k for k, s in cloud_samples.items() if word in s["txt"].lower()}
    got = {k for (k,) in db.execute("SELECT image_id FROM read_parquet(?) WHERE caption ILIKE '%' || ? || '%'",
                                    [samples_file, word]).fetchall()}
    assert got == wanted, word
    both = db.execute(
        "SELECT s.image_id, a.article_title FROM read_parquet(?) s JOIN read_parquet(?) a "
        "USING (article_accession_id, article_version) WHERE s.caption ILIKE '%' || ? || '%'",
        [samples_file, articles_file, word]).fetchall()
    assert {k for k, _ in both} == wanted
    assert all(title == cloud_samples[k]["json"]["article_title"] for k, title in both)


# --- 4. which figures become samples ----------------------------------------------------------------

def test_samples_are_exactly_the_captioned_resolved_large_unique_graphics(cloud_build, cloud_samples, cloud_records,
                                                                          shared_corpus):
    expected = expected_samples(cloud_records, shared_corpus / "pmc-cloud")
    per_article = Counter(e["pmcid"] for e in expected.values())
    got = Counter(s["json"]["article_accession_id"] for s in cloud_samples.values())
    assert got == per_article
    wanted_files = defaultdict(set)
    for e in expected.values():
        wanted_files[e["pmcid"]].add(e["file"])
    assert samples_by_article(cloud_samples) == wanted_files
    assert set(cloud_samples) == set(expected), \
        f"keys differ from PMCID_<figure position from {KEY_POSITION_BASE}>_<graphic>: {sorted(cloud_samples)[:3]}"
    for key, e in expected.items():
        assert cloud_samples[key]["txt"] == e["caption"]
        assert cloud_samples[key]["shard"].split("/")[0] == e["group"]

    # what was left out is recorded: the figure without a caption in this corpus
    out, stdout = cloud_build
    graphics = sum(len(f["graphics"]) for r in cloud_records for f in r["figures"])
    empty = sum(len(f["graphics"]) for r in cloud_records for f in r["figures"]
                if not caption_of(f["caption_title"], f["caption"]))
    assert empty >= 1
    problems = serialize_problems(out / "catalog.sqlite")
    dropped = [p for p in problems if p["kind"] == "empty-caption"]
    assert len(dropped) == empty and all(p["severity"] == "warning" for p in dropped)
    assert summary_count(stdout, "empty-caption") == empty
    assert [p for p in problems if p["kind"] != "empty-caption"] == []
    assert graphics - empty == len(cloud_samples), "every other graphic of this corpus is a sample"


# --- 5. legacy layout ------------------------------------------------------------------------------

def test_legacy_layout_builds_the_same_samples(biomedica_bin, shared_corpus, cloud_samples, tmp_path):
    # No field is excused: the legacy file list gives every article the same citation, license code and
    # PMID as the cloud metadata (checked here), the XML is the same, and versions are 1 in both.
    with open(shared_corpus / "legacy" / "oa_file_list.csv", newline="") as f:
        listed = {row["Accession ID"]: row for row in csv.DictReader(f)}
    for meta_file in (shared_corpus / "pmc-cloud" / "metadata").glob("*.json"):
        meta = json.loads(meta_file.read_text())
        row = listed[meta["pmcid"]]
        assert (row["Article Citation"], row["License"], row["PMID"] or None) == \
            (meta["citation"], meta["license_code"], meta["pmid"]), meta["pmcid"]
        assert meta["version"] == 1

    out = tmp_path / "legacy"
    build(biomedica_bin, shared_corpus / "legacy", out)
    legacy = read_samples(out)
    assert legacy.keys() == cloud_samples.keys()
    for key, sample in cloud_samples.items():
        other = legacy[key]
        assert other["image"] == sample["image"], key
        assert other["txt"] == sample["txt"], key
        differing = {k for k in sample["json"] if sample["json"][k] != other["json"].get(k)}
        assert not differing and other["json"].keys() == sample["json"].keys(), (key, sorted(differing))


# --- 6. determinism ---------------------------------------------------------------------------------

def test_same_input_gives_byte_identical_output(biomedica_bin, shared_corpus, cloud_build, tmp_path):
    out, _ = cloud_build
    again = tmp_path / "again"
    build(biomedica_bin, shared_corpus / "pmc-cloud", again, "--jobs", "1")
    first, second = output_digests(out), output_digests(again)
    assert any(name.endswith(".tar") for name in first)
    assert {"parquet/samples.parquet", "parquet/articles.parquet"} <= first.keys()
    assert first == second


# --- 7. resume ----------------------------------------------------------------------------------------

RESUME_REPLICAS = int(os.environ.get("BIOMEDICA_RESUME_REPLICAS", "2"))


def test_killed_build_resumes_to_identical_output(biomedica_bin, shared_corpus, tmp_path):
    corpus = tmp_path / "corpus"
    replicate_cloud_corpus(shared_corpus / "pmc-cloud", corpus, RESUME_REPLICAS)
    flags = ("--shard-size", "7", "--keep-duplicates")
    clean = tmp_path / "clean"
    build(biomedica_bin, corpus, clean, *flags)
    clean_digests = output_digests(clean)
    total_shards = sum(1 for name in clean_digests if name.endswith(".tar"))

    killed = tmp_path / "killed"
    process = subprocess.Popen([str(biomedica_bin), "build", "--source", str(corpus), "--out", str(killed), *flags],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shards = 0
    deadline = time.monotonic() + 120
    while shards < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
        shards = len(list(killed.glob("shards/*/*.tar")))
    still_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert still_running, "the build finished before it could be killed: raise BIOMEDICA_RESUME_REPLICAS"
    assert 3 <= shards < total_shards

    build(biomedica_bin, corpus, killed, *flags)
    assert output_digests(killed) == clean_digests

    before = mtimes(killed)
    build(biomedica_bin, corpus, killed, *flags)
    assert output_digests(killed) == clean_digests
    assert mtimes(killed) == before, "a second run of a finished build rewrote files"


def test_killed_build_with_features_resumes_to_identical_feature_files(biomedica_bin, shared_corpus, tmp_path):
    """Feature files written while serializing survive a kill -9: the open shards' vectors are kept in
    NNNNNN.rows files, and the resumed build ends with the files of an uninterrupted one."""
    corpus = tmp_path / "corpus"
    replicate_cloud_corpus(shared_corpus / "pmc-cloud", corpus, RESUME_REPLICAS)
    flags = ("--shard-size", "7", "--features", "builtin", "--drop-near-duplicates")

    def digests(out: Path) -> dict[str, str]:
        features = {str(f.relative_to(out)): hashlib.sha256(f.read_bytes()).hexdigest() for f in (out / "features").rglob("*")
                    if f.is_file()}
        return {**output_digests(out), **features}

    clean = tmp_path / "clean"
    build(biomedica_bin, corpus, clean, *flags)
    expected = digests(clean)
    assert sum(1 for name in expected if name.endswith(".npy")) == sum(1 for name in expected if name.endswith(".tar"))
    assert not any(name.endswith(".rows") for name in expected)

    killed = tmp_path / "killed"
    process = subprocess.Popen([str(biomedica_bin), "build", "--source", str(corpus), "--out", str(killed), *flags],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list(killed.glob("features/*/*/*.npy"))) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    still_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert still_running, "the build finished before it could be killed: raise BIOMEDICA_RESUME_REPLICAS"
    assert list(killed.glob("features/*/*/*.rows")), "the open shards' vectors are on disk"

    build(biomedica_bin, corpus, killed, *flags)
    assert digests(killed) == expected


# --- 8. duplicates ----------------------------------------------------------------------------------

def test_duplicates_left_out_or_kept_with_their_original(biomedica_bin, shared_corpus, tmp_path):
    # Two replicas of two articles: the second replica's images are the first's, byte for byte.
    corpus = tmp_path / "corpus"
    replicate_cloud_corpus(shared_corpus / "pmc-cloud", corpus, 2)
    originals = ("PMC3166277", "PMC3460867")
    pmcids = [f"PMC{r * 10**9 + int(p[3:])}" for r in (1, 2) for p in originals]
    first, second = pmcids[:2], pmcids[2:]
    select = [arg for p in pmcids for arg in ("--pmcid", p)]

    plain = tmp_path / "plain"
    stdout = build(biomedica_bin, corpus, plain, *select).stdout
    left = read_samples(plain)
    assert {s["json"]["article_accession_id"] for s in left.values()} == set(first)
    assert all(s["json"]["image_duplicate_of"] is None for s in left.values())
    kept_count = len(left)
    assert kept_count >= 8
    assert summary_count(stdout, "duplicate") == kept_count or summary_count(stdout, "duplicates") == kept_count, stdout

    keep = tmp_path / "keep"
    build(biomedica_bin, corpus, keep, *select, "--keep-duplicates")
    kept = read_samples(keep)
    assert len(kept) == 2 * kept_count
    for key, sample in kept.items():
        meta = sample["json"]
        if meta["article_accession_id"] in first:
            assert meta["image_duplicate_of"] is None and left[key]["image"] == sample["image"]
        else:
            original = "PMC1" + key[len("PMC2"):]
            assert meta["article_accession_id"] in second
            assert meta["image_duplicate_of"] == original, key
            assert sample["image"] == kept[original]["image"]
            assert meta["image_hash"] == kept[original]["json"]["image_hash"]
    import pyarrow.parquet as pq
    rows = pq.read_table(keep / "parquet" / "samples.parquet").to_pylist()
    assert {r["image_id"]: r["image_duplicate_of"] for r in rows} == \
        {k: s["json"]["image_duplicate_of"] for k, s in kept.items()}


def test_near_duplicates_marked_kept_or_dropped(biomedica_bin, shared_corpus, cloud_build, cloud_samples, tmp_path):
    """The corpus cuts several figures from one photograph: the default build marks the later ones as
    near duplicates of an earlier one and keeps them; --drop-near-duplicates leaves exactly those out;
    --near-duplicate-distance -1 marks none; a distance out of range is a usage error."""
    marked = {k: s["json"]["image_near_duplicate_of"] for k, s in cloud_samples.items() if s["json"]["image_near_duplicate_of"]}
    assert marked, "the corpus has crops of one photograph"
    for key, original in marked.items():
        assert original in cloud_samples and original != key
        distance = bin(int(cloud_samples[key]["json"]["image_phash"], 16) ^ int(cloud_samples[original]["json"]["image_phash"], 16)).count("1")
        assert distance <= 6, (key, original, distance)

    dropped = tmp_path / "dropped"
    stdout = build(biomedica_bin, shared_corpus / "pmc-cloud", dropped, "--drop-near-duplicates").stdout
    assert summary_count(stdout, "near duplicates") == len(marked), stdout
    assert set(read_samples(dropped)) == set(cloud_samples) - set(marked)

    none = tmp_path / "none"
    build(biomedica_bin, shared_corpus / "pmc-cloud", none, "--near-duplicate-distance", "-1")
    assert all(s["json"]["image_near_duplicate_of"] is None for s in read_samples(none).values())

    refused = subprocess.run([str(biomedica_bin), "build", "--source", str(shared_corpus / "pmc-cloud"), "--out",
                              str(tmp_path / "refused"), "--near-duplicate-distance", "16"], capture_output=True, text=True)
    assert refused.returncode == 64 and "--near-duplicate-distance must be from -1 to 15" in refused.stderr, refused.stderr
    assert not (tmp_path / "refused").exists()


# --- 9. shard size ----------------------------------------------------------------------------------

def test_shard_size_cuts_shards(biomedica_bin, shared_corpus, cloud_samples, tmp_path):
    out = tmp_path / "small"
    build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--shard-size", "3")
    samples = read_samples(out)
    assert samples.keys() == cloud_samples.keys()
    for group in sorted((out / "shards").iterdir()):
        tars = sorted(group.glob("*.tar"))
        per_group = sum(1 for s in cloud_samples.values() if s["shard"].startswith(group.name + "/"))
        assert [t.name for t in tars] == [f"{i:06d}.tar" for i in range(-(-per_group // 3))], group.name
        counts = [len(read_tar(t)) // 3 for t in tars]
        assert counts[:-1] == [3] * (len(counts) - 1) and 1 <= counts[-1] <= 3, (group.name, counts)
        assert json.loads((group / "sizes.json").read_text()) == {t.name: c for t, c in zip(tars, counts)}
    for key, sample in samples.items():
        assert sample["json"]["shard"] == sample["shard"]
        assert sample["image"] == cloud_samples[key]["image"]


def test_default_shard_size_holds_the_corpus_in_one_shard_per_group(cloud_build):
    out, _ = cloud_build
    for group in (out / "shards").iterdir():
        assert [t.name for t in group.glob("*.tar")] == ["000000.tar"], group.name


def test_exit_codes(biomedica_bin, tmp_path):
    def status(*args):
        return subprocess.run([str(biomedica_bin), "build", *map(str, args)], capture_output=True,
                              timeout=120).returncode
    assert status("--source", tmp_path / "nowhere", "--out", tmp_path / "o") == 66
    assert status("--source", tmp_path, "--out", tmp_path / "o", "--shard-size", "0") == 64
    assert status("--source", tmp_path, "--out", tmp_path / "o", "--image-format", "bmp") == 64


def test_biomedica_compat_writes_the_article_blobs_into_every_sample(biomedica_bin, shared_corpus, cloud_samples, tmp_path):
    """--biomedica-compat adds full text, references and every caption, equal to articles.parquet's."""
    import pyarrow.parquet as pq
    out = tmp_path / "compat"
    build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--biomedica-compat")
    samples = read_samples(out)
    assert samples.keys() == cloud_samples.keys()
    compat = {"article_fulltext", "article_references", "article_figures"}
    articles = {(row["article_accession_id"], row["article_version"]): row
                for row in pq.read_table(out / "parquet" / "articles.parquet").to_pylist()}
    for key, sample in samples.items():
        meta = sample["json"]
        assert compat <= meta.keys(), key
        assert not compat & cloud_samples[key]["json"].keys(), f"{key}: compat fields without the flag"
        assert {k: v for k, v in meta.items() if k not in compat} == cloud_samples[key]["json"], key
        article = articles[(meta["article_accession_id"], meta["article_version"])]
        assert meta["article_fulltext"] == article["article_fulltext"] and len(meta["article_fulltext"]) > 1000, key
        assert meta["article_references"] == article["article_references"], key
        assert meta["article_figures"] == article["article_figures"], key
        assert meta["caption"] in meta["article_figures"], key
    table = pq.read_table(out / "parquet" / "samples.parquet")
    assert_column_types(table, {STRING: ["article_fulltext"], STRING_LIST: ["article_references", "article_figures"]},
                        "samples.parquet")
    assert table.num_rows == len(samples)
