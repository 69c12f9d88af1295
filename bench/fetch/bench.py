"""Time `biomedica fetch` from an S3 server 100 ms away, at several --connections, against the limit
connections / latency and against a Python thread-pool client; then measure the memory a 200 MB download
adds to a fetch.

The server is Tests/Fixtures/fault_server.py in S3 mode on loopback (--latency-ms delays every answer). Its
bucket is the shared corpus's pmc-cloud articles REPLICAS times under distinct PMCIDs, each replica's files
made distinct (a content cache fetches the same bytes once). Requests per second
are the server's count of requests received (GET /_stats) over the client's wall time, process start and
listing included. Each run fetches the first ARTICLES articles, sized so that a run at the limit takes about
--seconds: a slow setting is not made to sit through the whole corpus.

The peer fetches the same articles' object URLs (metadata, XML, media), with one keep-alive
http.client connection per thread of a ThreadPoolExecutor(connections), reading each body and
computing its MD5 as ours checks it.
"""
import hashlib
import http.client
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "python"))
import cli  # noqa: E402  (shared with the tests)

BUCKET = "bench"
LARGE_BYTES = 200 * 1024 * 1024
GROWTH_LIMIT_MB = 50
AIM = 0.8  # of the limit, at 32 connections


def make_distinct(work: Path) -> None:
    """Replaces the linked XML and media of each replica by a copy with the replica's name appended, and
    their MD5s in its metadata: the cache stores files by MD5, and replicas of the same bytes would be
    fetched once."""
    for folder in (p for p in work.iterdir() if p.name != "metadata"):
        md5s = {}
        for file in (f for f in folder.iterdir() if f.is_symlink()):
            original = file.read_bytes()
            data = original + f"\n{folder.name}\n".encode()
            file.unlink()
            file.write_bytes(data)
            md5s[hashlib.md5(original).hexdigest()] = hashlib.md5(data).hexdigest()
        for meta in (folder / f"{folder.name}.json", work / "metadata" / f"{folder.name}.json"):
            meta.write_text(re.sub(r"md5=([0-9a-f]{32})", lambda m: f"md5={md5s.get(m[1], m[1])}", meta.read_text()))


def article_keys(work: Path, articles: int) -> list[str]:
    """The object keys of the first `articles` articles in listing order: metadata, XML and media."""
    names = sorted((p.name for p in (work / "metadata").glob("*.json")), key=str.encode)[:articles]
    keys = []
    for name in names:
        meta = json.loads((work / "metadata" / name).read_text())
        version = name.removesuffix(".json")
        # The XML by its version's name, as the layout places it (replicas keep the original's xml_url name).
        keys += [f"metadata/{name}", f"{version}/{version}.xml"]
        keys += [urllib.parse.urlsplit(url).path.lstrip("/") for url in meta["media_urls"]]
    return keys


def requests_served(server: str) -> int:
    return cli.get_json(f"{server}/_stats")["requests"]


def time_ours(binary: Path, server: str, cache: Path, connections: int, articles: int, use_connections: bool) -> tuple[int, float]:
    """One fetch into a fresh cache: the requests it made and requests per second."""
    shutil.rmtree(cache, ignore_errors=True)
    # A fetch without --connections gets an article's files one after another: as many articles in
    # flight (--jobs) as connections keeps them all busy, up to its client's own pool.
    options = ["--connections", str(connections)] if use_connections else ["--jobs", str(connections)]
    before, start = requests_served(server), time.perf_counter()
    fetched = cli.fetch(binary, f"s3://{BUCKET}", cache, "--endpoint", server, "--limit", str(articles), *options)
    seconds = time.perf_counter() - start
    if fetched["with_errors"]:
        raise SystemExit(f"fetch had errors: {fetched['errors']}\n{fetched['log'][-2000:]}")
    requests = requests_served(server) - before
    return requests, requests / seconds


def time_peer(server: str, keys: list[str], connections: int) -> tuple[int, float]:
    """The peer: the same objects through a thread pool, one keep-alive connection per thread."""
    address = urllib.parse.urlsplit(server)
    local = threading.local()

    def get(key: str) -> None:
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        local.connection.request("GET", f"/{BUCKET}/{urllib.parse.quote(key)}")
        answer = local.connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise SystemExit(f"peer: {key} answered {answer.status}")
        hashlib.md5(body).hexdigest()

    before, start = requests_served(server), time.perf_counter()
    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(get, keys))
    seconds = time.perf_counter() - start
    requests = requests_served(server) - before
    return requests, requests / seconds


def throughput(args, binary: Path, tmp: Path, use_connections: bool) -> None:
    work = tmp / "work"
    count = len(cli.replicate_cloud_corpus(args.corpus / "pmc-cloud", work, args.replicas))
    make_distinct(work)
    per_article = len(article_keys(work, count)) / count
    latency = args.latency_ms / 1000
    print(f"{count} articles ({args.replicas} replicas), {per_article:.1f} objects an article; server latency"
          f" {args.latency_ms:g} ms; median of {args.runs} runs; {os.cpu_count()} cores,"
          f" load average {os.getloadavg()[0]:.1f} at start\n")
    flag = "--connections N" if use_connections else "--jobs N (no --connections: the client's own pool)"
    print(f"ours: biomedica fetch {flag}; peer: ThreadPoolExecutor(N), one http.client connection a thread\n")
    print(f"{'N':>3} {'articles':>8} {'limit r/s':>9} {'ours req':>8} {'ours r/s':>9} {'of limit':>8}"
          f" {'peer req':>8} {'peer r/s':>9} {'of limit':>8} {'ours/peer':>9}")
    with cli.fixture_server("fault_server.py", work, "--bucket", BUCKET, "--latency-ms", args.latency_ms) as server:
        for connections in args.connections:
            limit = connections / latency
            articles = min(count, math.ceil(limit * args.seconds / per_article))
            keys = article_keys(work, articles)
            ours, peer = [], []
            for _ in range(args.runs):  # alternating, so that load on a shared machine hits both alike
                ours.append(time_ours(binary, server, tmp / "cache", connections, articles, use_connections))
                peer.append(time_peer(server, keys, connections))
            o, p = statistics.median(r for _, r in ours), statistics.median(r for _, r in peer)
            aim = f"  (aim at 32: {AIM:.0%} of the limit)" if connections == 32 else ""
            print(f"{connections:3} {articles:8} {limit:9.0f} {ours[0][0]:8} {o:9.1f} {o / limit:8.0%}"
                  f" {peer[0][0]:8} {p:9.1f} {p / limit:8.0%} {o / p:8.2f}x{aim}")


def cloud_article(corpus: Path, root: Path, large: bytes | None) -> None:
    """One article of the corpus in the cloud layout under `root`, with `large` as an extra media file."""
    source = corpus / "pmc-cloud" / "PMC6358580.1"
    folder = root / source.name
    shutil.copytree(source, folder, copy_function=shutil.copyfile)  # writable copies of read-only files
    folder.chmod(0o755)
    (root / "metadata").mkdir()
    meta = json.loads((source / f"{source.name}.json").read_text())
    if large is not None:
        (folder / "random.bin").write_bytes(large)
        meta["media_urls"].append(f"s3://pmc-oa-opendata/{source.name}/random.bin?md5={hashlib.md5(large).hexdigest()}")
    for path in (folder / f"{source.name}.json", root / "metadata" / f"{source.name}.json"):
        path.write_text(json.dumps(meta, indent=2))


def peak_rss_mb(binary: Path, server: str, cache: Path) -> float:
    """Peak RSS of one `biomedica fetch` into a fresh cache, from GNU time."""
    shutil.rmtree(cache, ignore_errors=True)
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", str(binary), "fetch", "--source", f"s3://{BUCKET}",
                           "--endpoint", server, "--cache", str(cache), "--quiet"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"fetch failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return int(proc.stderr.strip().splitlines()[-1]) / 1024


def memory(args, binary: Path, tmp: Path) -> None:
    """Peak RSS of a fetch whose article has a 200 MB media file, less that of the same article without it."""
    peaks = {}
    for name, large in (("tiny", None), ("large", os.urandom(LARGE_BYTES))):
        root = tmp / name
        cloud_article(args.corpus, root, large)
        with cli.fixture_server("fault_server.py", root, "--bucket", BUCKET) as server:
            peaks[name] = max(peak_rss_mb(binary, server, tmp / "cache") for _ in range(args.runs))
        shutil.rmtree(root)
    growth = peaks["large"] - peaks["tiny"]
    print(f"\npeak RSS of a fetch, most of {args.runs} runs: one article {peaks['tiny']:.0f} MB, the same with a"
          f" {LARGE_BYTES >> 20} MB media file {peaks['large']:.0f} MB: growth {growth:.0f} MB;"
          f" limit {GROWTH_LIMIT_MB} MB: {'within' if growth < GROWTH_LIMIT_MB else 'OVER'}")


def main():
    ap = cli.bench_arguments(replicas=12, runs=3)
    ap.add_argument("--connections", type=lambda text: [int(n) for n in text.split()], default=[1, 4, 16, 32, 64])
    ap.add_argument("--latency-ms", type=float, default=100)
    ap.add_argument("--seconds", type=float, default=5, help="a run's length at the limit")
    ap.add_argument("--without-connections", action="store_true",
                    help="measure a biomedica without --connections, through its client's own pool")
    args = ap.parse_args()
    binary = args.bin.resolve()
    has_option = "--connections" in cli.fetch_options(binary)
    if not has_option and not args.without_connections:
        raise SystemExit(f"{binary} fetch has no --connections option: build a biomedica that has it,"
                         " or set WITHOUT_CONNECTIONS=1 to measure this one through its client's own pool")
    with tempfile.TemporaryDirectory(prefix="biomedica-bench-") as tmp:
        throughput(args, binary, Path(tmp), has_option and not args.without_connections)
        memory(args, binary, Path(tmp))


if __name__ == "__main__":
    main()
