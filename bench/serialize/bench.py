"""Time biomedica build (--jobs 1: keep-bytes, --reencode, --reencode with --resize) and a BIOMEDICA-style
serializer on the same images, and the limit of what keep-bytes must do; print images/s per core and the ratios.

The work folder holds the shared corpus's pmc-cloud articles REPLICAS times under distinct PMCIDs (XML and
media are symlinks to the originals). Replicas have the same pixels, so our builds run with
--keep-duplicates: every replica is then decoded, hashed and written, as distinct images would be.

The peer is BIOMEDICA's serialization loop in one Python process: per image PIL open, convert("RGB"),
JPEG quality 95 into memory, then the sample (jpg, txt, json) through webdataset.ShardWriter. It is fed
exactly the samples our build wrote (read from an untimed first build's samples.parquet): the same image
files, keys, captions and, as its JSON, the same metadata row.

The limit is the least a keep-bytes build must do per image, in one Python process: read the file, SHA-256
its bytes, and decode it at 1/8 scale for the perceptual hash (Pillow's draft mode, libjpeg's DCT scaling).
"""
import hashlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import webdataset as wds
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "python"))
from cli import bench_arguments, replicate_cloud_corpus  # noqa: E402  (shared with the tests)

RSS_LIMIT_MB = 300
# Our build's shard defaults (--shard-size, --shard-bytes), so both tools cut shards alike.
SHARD_SIZE = 10_000
SHARD_BYTES = 1_000_000_000
REENCODE = ["--reencode", "--image-format", "jpeg", "--quality", "95"]
RESIZE = [*REENCODE, "--resize", "keep-ratio-largest", "--image-size", "1024"]


@dataclass
class Run:
    images: int
    seconds: float      # wall clock
    cpu_seconds: float  # user + system, all threads
    rss_mb: float | None = None


@dataclass
class Sample:
    key: str
    path: Path
    caption: str
    metadata: dict


def time_ours(binary: Path, work: Path, out: Path, flags: list[str]) -> Run:
    """One build into a fresh OUT; images are the samples its shards hold (the sizes.json values)."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", str(binary), "build", "--source", str(work),
                           "--out", str(out), "--keep-duplicates", *flags], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"biomedica build {' '.join(flags)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")

    def gnu_time(label: str) -> float:
        return float(re.search(rf"{re.escape(label)}: ([\d.]+)", proc.stderr).group(1))

    images = sum(sum(json.loads(sizes.read_text()).values()) for sizes in out.glob("shards/*/sizes.json"))
    return Run(images, seconds, gnu_time("User time (seconds)") + gnu_time("System time (seconds)"),
               gnu_time("Maximum resident set size (kbytes)") / 1024)


def time_separate_builds(binary: Path, work: Path, tmp: Path, count: int) -> float:
    """Wall seconds of `count` one-job keep-bytes builds started together, each into its own OUT:
    processes that share nothing, so their speed-up over one build is what the machine's cores
    give, whatever our threads do."""
    outs = [tmp / f"separate-{i}" for i in range(count)]
    for out in outs:
        shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    procs = [subprocess.Popen([str(binary), "build", "--source", str(work), "--out", str(out), "--keep-duplicates",
                               "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for out in outs]
    if any(proc.wait() != 0 for proc in procs):
        raise SystemExit("a separate build failed")
    return time.perf_counter() - start


def samples_written(out: Path, work: Path) -> list[Sample]:
    """The samples of a build, in shard order, with the media file each came from in the work folder."""
    samples = []
    for row in pq.read_table(out / "parquet" / "samples.parquet").to_pylist():
        folder = work / f"{row['article_accession_id']}.{row['article_version']}"
        samples.append(Sample(row["image_id"], folder / row["image_file_name"], row["caption"], row))
    missing = [s.path for s in samples if not s.path.is_file()]
    if missing:
        raise SystemExit(f"{len(missing)} sample images not found in the work folder, e.g. {missing[0]}")
    return samples


def time_peer(samples: list[Sample], out: Path) -> Run:
    """BIOMEDICA's serializer: every image decoded and re-encoded by PIL, written with webdataset."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    start, cpu_start = time.perf_counter(), time.process_time()
    with wds.ShardWriter(str(out / "%06d.tar"), maxcount=SHARD_SIZE, maxsize=SHARD_BYTES, verbose=0) as sink:
        for sample in samples:
            jpeg = io.BytesIO()
            with Image.open(sample.path) as image:
                image.convert("RGB").save(jpeg, format="JPEG", quality=95)
            # webdataset encodes the str as UTF-8 and the dict with json.dumps, as BIOMEDICA passed them.
            sink.write({"__key__": sample.key, "jpg": jpeg.getvalue(), "txt": sample.caption,
                        "json": sample.metadata})
    return Run(len(samples), time.perf_counter() - start, time.process_time() - cpu_start)


def time_limit(samples: list[Sample]) -> Run:
    """What keep-bytes cannot avoid: read the bytes, hash them, decode at 1/8 scale."""
    start, cpu_start = time.perf_counter(), time.process_time()
    for sample in samples:
        data = sample.path.read_bytes()
        hashlib.sha256(data).hexdigest()
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (image.width // 8, image.height // 8))
            image.load()
    return Run(len(samples), time.perf_counter() - start, time.process_time() - cpu_start)


def main():
    ap = bench_arguments(replicas=10, runs=5)
    args = ap.parse_args()
    binary = args.bin.resolve()

    with tempfile.TemporaryDirectory(prefix="biomedica-bench-") as tmp:
        tmp = Path(tmp)
        work = tmp / "work"
        articles = len(replicate_cloud_corpus(args.corpus / "pmc-cloud", work, args.replicas))

        # An untimed build names the samples for the peer and warms the page cache for both tools.
        first = time_ours(binary, work, tmp / "first", ["--jobs", "1"])
        samples = samples_written(tmp / "first", work)
        if len(samples) != first.images:
            raise SystemExit(f"samples.parquet has {len(samples)} rows, the shards {first.images} samples")
        n = len(samples)
        # Other work on the machine slows wall clock more than CPU time: the load average tells the reader.
        print(f"{n} images from {articles} articles ({args.replicas} replicas), median of {args.runs} runs;"
              f" {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start\n")

        # Runs alternate between the tools so that load on a shared machine hits all alike; each ratio
        # reported is the median of the per-round ratios.
        peer, limit, keep, reencode, resize, keep_all, separate = [], [], [], [], [], [], []
        cores = os.cpu_count() or 1
        for _ in range(args.runs):
            peer.append(time_peer(samples, tmp / "peer"))
            limit.append(time_limit(samples))
            keep.append(time_ours(binary, work, tmp / "ours", ["--jobs", "1"]))
            reencode.append(time_ours(binary, work, tmp / "ours", ["--jobs", "1", *REENCODE]))
            resize.append(time_ours(binary, work, tmp / "ours", ["--jobs", "1", *RESIZE]))
            keep_all.append(time_ours(binary, work, tmp / "ours", []))
            separate.append(time_separate_builds(binary, work, tmp, cores))
        for run in keep + reencode + resize + keep_all:
            if run.images != n:
                raise SystemExit(f"a build wrote {run.images} samples, the first one {n}")

        # Peak memory where it is highest: every core at work (default --jobs), in each mode.
        rss = {mode: time_ours(binary, work, tmp / "ours", flags).rss_mb
               for mode, flags in (("keep-bytes", []), ("re-encode", REENCODE), ("resize1024", RESIZE))}

        print(f"{'tool':26} {'mode':10} {'images':>7} {'seconds':>8} {'cpu s':>7} {'images/s/core':>13}"
              f" {'images/cpu-s':>12}")
        for tool, mode, runs in (("biomedica build --jobs 1", "keep-bytes", keep),
                                 ("biomedica build --jobs 1", "re-encode", reencode),
                                 ("biomedica build --jobs 1", "resize1024", resize),
                                 ("PIL + webdataset (peer)", "re-encode", peer),
                                 ("limit: read+sha256+1/8", "keep-bytes", limit)):
            s = statistics.median(r.seconds for r in runs)
            cpu = statistics.median(r.cpu_seconds for r in runs)
            print(f"{tool:26} {mode:10} {n:7} {s:8.2f} {cpu:7.2f} {n / s:13.1f} {n / cpu:12.1f}")

        print()
        for mode, ours, against, name, aim in (("keep-bytes", keep, peer, "peer", 4.0),
                                               ("keep-bytes", keep, limit, "limit", 0.5),
                                               ("re-encode", reencode, peer, "peer", 1.2),
                                               ("resize1024", resize, peer, "peer", 2.0)):
            # Same images on both sides, so the ratio of images/s is the ratio of seconds.
            wall = sorted(p.seconds / o.seconds for p, o in zip(against, ours))
            cpu = statistics.median(p.cpu_seconds / o.cpu_seconds for p, o in zip(against, ours))
            median = statistics.median(wall)
            print(f"ratio ours {mode} / {name}, images/s/core: {median:.2f}x"
                  f" (range {wall[0]:.2f}x to {wall[-1]:.2f}x); images/cpu-s: {cpu:.2f}x"
                  f"  (aim >= {aim}x: {'met' if median >= aim else 'NOT met'})")

        worst = max(rss.values())
        # How a build scales with --jobs: the default (every core) against one job, same images.
        scaling = statistics.median(o.seconds / a.seconds for o, a in zip(keep, keep_all))
        print(f"\nkeep-bytes at the default --jobs ({cores} cores): {n / statistics.median(r.seconds for r in keep_all):.1f}"
              f" images/s, {scaling:.2f}x --jobs 1")
        # The machine's own ceiling: as many one-job builds as cores, side by side.
        ceiling = statistics.median(cores * o.seconds / t for o, t in zip(keep, separate))
        print(f"{cores} separate --jobs 1 builds at once: {cores * n / statistics.median(separate):.1f} images/s together,"
              f" {ceiling:.2f}x one build (what {cores} cores give processes that share nothing)")
        print(f"\npeak RSS, build at default --jobs ({os.cpu_count()}): keep-bytes {rss['keep-bytes']:.0f} MB,"
              f" re-encode {rss['re-encode']:.0f} MB, resize1024 {rss['resize1024']:.0f} MB; limit {RSS_LIMIT_MB} MB:"
              f" {'within' if worst <= RSS_LIMIT_MB else 'OVER'}")
        print(f"peak RSS, build --jobs 1: {max(r.rss_mb for r in keep + reencode + resize):.0f} MB")


if __name__ == "__main__":
    main()
