"""Locating and running the biomedica CLI and the shared corpus (used by conftest and tests)."""
import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE_CORPUS = REPO / "Examples" / "sample-corpus"
FIXTURES = REPO / "Tests" / "Fixtures"


def biomedica_bin() -> Path:
    return Path(os.environ.get("BIOMEDICA_BIN", REPO / ".build" / "debug" / "biomedica"))


def shared_corpus() -> Path | None:
    """The real-article corpus next to the repository (../shared/corpus), or $BIOMEDICA_CORPUS."""
    path = Path(os.environ.get("BIOMEDICA_CORPUS", REPO.parent / "shared" / "corpus"))
    return path if (path / "pmc-cloud").is_dir() else None


def run(binary: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"biomedica {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr[-4000:]}"
    return proc


@contextlib.contextmanager
def fixture_server(script: str, *args: str):
    """Runs Tests/Fixtures/SCRIPT ARGS (a server on loopback) and yields the URL it prints; stops it
    on exit by closing its standard input, as the fixture servers expect."""
    server = subprocess.Popen([sys.executable, str(FIXTURES / script), *map(str, args)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), f"{script} printed {url!r}"
        yield url
    finally:
        server.stdin.close()
        server.wait(timeout=30)


def get_json(url: str):
    """The JSON a control request of a fixture server answers."""
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


# --- fetch (used by test_fetch_cli.py, test_fetch_faults.py, test_extract_s3.py and bench/fetch) ---

def fetch(binary: Path, source, cache: Path, *args: str) -> dict:
    """Runs `biomedica fetch` (asserting exit 0) and returns the numbers of its summary, its errors by
    kind ({} when none) and its log (stderr)."""
    proc = run(binary, "fetch", "--source", source, "--cache", cache, *args)
    out = proc.stdout
    files = re.search(r"files: (\d+) fetched \((\d+) bytes\), (\d+) already cached", out)
    articles = re.search(r"(\d+) listed, .* (\d+) articles fetched \((\d+) with errors\)", out)
    assert files and articles, out
    errors = re.search(r"errors: (.*)", out)
    return {"fetched": int(files[1]), "bytes": int(files[2]), "cached": int(files[3]), "listed": int(articles[1]),
            "articles": int(articles[2]), "with_errors": int(articles[3]),
            "errors": {kind: int(n) for kind, n in re.findall(r"([\w-]+) (\d+)", errors[1])} if errors else {},
            "log": proc.stderr}


@cache
def fetch_options(binary: Path) -> set[str]:
    """The options `biomedica fetch --help` lists, to skip the tests of options not there yet."""
    return set(re.findall(r"--[a-z][a-z-]*", run(binary, "fetch", "--help").stdout))


def dataset_digests(out: Path) -> dict[str, str]:
    """MD5 of every file a build wrote, but the catalog, which records run times."""
    return {str(p.relative_to(out)): hashlib.md5(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != "catalog.sqlite"}


def assert_objects_whole(cache: Path) -> None:
    """Every object named by an MD5 holds exactly those bytes: no partial file was ever moved in."""
    for obj in (cache / "objects").rglob("*"):
        if obj.is_file() and len(obj.name) == 32:
            assert hashlib.md5(obj.read_bytes()).hexdigest() == obj.name, obj


def extract_and_export(binary: Path, source: Path, workdir: Path, *extract_args: str) -> list[dict]:
    """`biomedica extract` into workdir/c.sqlite, then `biomedica export` to workdir/out.jsonl."""
    catalog, jsonl = workdir / "c.sqlite", workdir / "out.jsonl"
    run(binary, "extract", "--source", source, "--catalog", catalog, *extract_args)
    run(binary, "export", "--catalog", catalog, "--jsonl", jsonl)
    return [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]


def norm(text: str | None) -> str:
    """Fold every run of whitespace (NBSP included) into one space, as both tools should read it."""
    return " ".join((text or "").split())


def replicate_cloud_corpus(pmc_cloud: Path, work: Path, replicas: int) -> list[Path]:
    """The PMC Cloud corpus `replicas` times over under distinct PMCIDs, in `work`; returns the XML paths.

    The originals are copied once into `work/originals`; every replica's XML and media are symlinks
    to that copy, inside the source's folder (biomedica never follows a link out of it), and only
    the metadata JSON is rewritten (pmcid and the folder in its URLs). So a large corpus costs one
    copy to build, and the XML bytes are the real ones.
    """
    (work / "metadata").mkdir(parents=True)
    originals = work / "originals"
    shutil.copytree(pmc_cloud, originals, ignore=shutil.ignore_patterns("metadata", "inventory-reports"))
    xmls = []
    for r in range(1, replicas + 1):
        for src in sorted(pmc_cloud.glob("PMC*.*")):
            pmcid, version = src.name.split(".")
            new = f"PMC{r * 10**9 + int(pmcid[3:])}"  # digits only, distinct per replica
            dst = work / f"{new}.{version}"
            dst.mkdir()
            for f in src.iterdir():
                if f.name == f"{src.name}.json":
                    meta = json.loads(f.read_text())
                    text = json.dumps(meta, indent=2).replace(f"/{src.name}/", f"/{dst.name}/")
                    text = text.replace(f'"pmcid": "{pmcid}"', f'"pmcid": "{new}"')
                    (dst / f"{dst.name}.json").write_text(text)
                    (work / "metadata" / f"{dst.name}.json").write_text(text)
                elif f.name == f"{src.name}.xml":
                    (dst / f"{dst.name}.xml").symlink_to(originals / src.name / f.name)
                else:
                    (dst / f.name).symlink_to(originals / src.name / f.name)
            xmls.append(dst / f"{dst.name}.xml")
    return xmls


def bench_arguments(replicas: int, runs: int) -> argparse.ArgumentParser:
    """The options of every bench/*/bench.py: the binary, the corpus, its replicas and the runs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--replicas", type=int, default=replicas)
    parser.add_argument("--runs", type=int, default=runs)
    return parser


# --- build / serialize outputs (used by test_build_cli.py and test_build_bad_images.py) ---

IMAGE_EXTENSIONS = ("jpg", "png", "webp")


def build(binary: Path, source: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    """`biomedica build --source SOURCE --out OUT ARGS...`; asserts exit 0."""
    return run(binary, "build", "--source", source, "--out", out, *args)


def shard_files(out: Path) -> list[Path]:
    """Every shard tar of a built dataset, sorted by group then name."""
    return sorted((out / "shards").glob("*/*.tar"))


def read_tar(path: Path) -> list[tuple[str, bytes]]:
    """The members of a tar as (name, bytes), in the order they are stored."""
    import tarfile
    with tarfile.open(path) as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers() if m.isfile()]


def read_samples(out: Path) -> dict[str, dict]:
    """Every sample of a built dataset, by key: {"shard", "image_ext", "image", "txt", "json"}.

    Read with Python's tarfile; asserts members come in threes (image, .txt, .json) per key.
    """
    samples: dict[str, dict] = {}
    for tar_path in shard_files(out):
        shard = f"{tar_path.parent.name}/{tar_path.name}"
        members = read_tar(tar_path)
        assert len(members) % 3 == 0, f"{shard}: {len(members)} members, not a multiple of 3"
        for i in range(0, len(members), 3):
            (image_name, image), (txt_name, txt), (json_name, meta) = members[i:i + 3]
            key, image_ext = image_name.split(".", 1)
            assert image_ext in IMAGE_EXTENSIONS, f"{shard}: {image_name} is not an image member"
            assert txt_name == f"{key}.txt" and json_name == f"{key}.json", (shard, image_name, txt_name, json_name)
            assert key not in samples, f"key {key} in {samples.get(key, {}).get('shard')} and {shard}"
            samples[key] = {"shard": shard, "image_ext": image_ext, "image": image,
                            "txt": txt.decode("utf-8"), "json": json.loads(meta)}
    return samples


def output_digests(out: Path) -> dict[str, str]:
    """SHA-256 of every shard, sizes.json, index.json and Parquet file, by path relative to OUT."""
    import hashlib
    files = sorted([*(out / "shards").glob("*/*"), *(out / "parquet").glob("*.parquet")])
    return {str(f.relative_to(out)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


def serialize_problems(catalog: Path) -> list[dict]:
    """The catalog's problems of stage 'serialize', as dicts."""
    import sqlite3
    with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT pmcid, version, stage, severity, kind, file, message FROM problems "
                          "WHERE stage = 'serialize' ORDER BY id").fetchall()
    return [dict(r) for r in rows]


def summary_count(stdout: str, word: str) -> int | None:
    """The number printed next to `word` in a summary ("too-small: 2", "2 too-small", "too-small 2")."""
    import re
    for pattern in (rf"{re.escape(word)}\s*[:=]?\s*(\d+)", rf"(\d+)\s+{re.escape(word)}"):
        match = re.search(pattern, stdout)
        if match:
            return int(match.group(1))
    return None


def image_header(data: bytes) -> tuple[str, int, int, int]:
    """(format, width, height, components) from the bytes of a JPEG, PNG, GIF or WebP, without decoding.

    Components: JPEG frame components (1 grey, 3 YCbCr/RGB, 4 CMYK); PNG channels from the colour type;
    0 where the format does not say. Raises ValueError on anything else.
    """
    import struct
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 4 <= len(data):
            if data[i] != 0xFF:
                raise ValueError("JPEG: marker expected")
            marker = data[i + 1]
            if marker == 0xFF:
                i += 1
                continue
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                height, width = struct.unpack(">HH", data[i + 5:i + 9])
                return "jpeg", width, height, data[i + 9]
            i += 2 + length
        raise ValueError("JPEG: no frame header")
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        width, height = struct.unpack(">II", data[16:24])
        channels = {0: 1, 2: 3, 3: 3, 4: 2, 6: 4}.get(data[25], 0)
        return "png", width, height, channels
    if data[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack("<HH", data[6:10])
        return "gif", width, height, 0
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        chunk = data[12:16]
        if chunk == b"VP8 ":
            width, height = struct.unpack("<HH", data[26:30])
            return "webp", width & 0x3FFF, height & 0x3FFF, 3
        if chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return "webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, 0
        if chunk == b"VP8X":
            width = int.from_bytes(data[24:27], "little") + 1
            height = int.from_bytes(data[27:30], "little") + 1
            return "webp", width, height, 0
    raise ValueError("not a JPEG, PNG, GIF or WebP")
