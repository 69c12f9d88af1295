"""Time biomedica extract (--jobs 1, and at the default --jobs), pubmed_parser, and lxml parsing each file
alone (no extraction: the limit a libxml2-based extractor works towards) on the same replicated corpus;
print a table and the ratios.

The work folder holds the shared corpus's pmc-cloud articles REPLICAS times under distinct PMCIDs:
XML and media are symlinks to one copy of the originals inside the folder (biomedica follows no link
out of a source), only the metadata JSON is rewritten (pmcid and the folder in its URLs), so building
it costs one copy and the XML bytes are the real ones.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pubmed_parser
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "python"))
from cli import bench_arguments, replicate_cloud_corpus  # noqa: E402  (shared with the tests)

RSS_BUDGET_MB = 200


def time_ours(binary: Path, work: Path, tmp: Path, jobs: list[str] = ["--jobs", "1"]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one extract into a fresh catalog."""
    catalog = tmp / "bench.sqlite"
    for stale in tmp.glob("bench.sqlite*"):
        stale.unlink()
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", str(binary), "extract", "--source", str(work),
                           "--catalog", str(catalog), *jobs], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"biomedica extract failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return seconds, rss_kb / 1024


def time_separate(binary: Path, work: Path, tmp: Path, count: int) -> float:
    """Wall seconds of `count` one-job extracts started together, each into its own catalog:
    processes that share nothing, so their speed-up over one is what the machine's cores give."""
    catalogs = [tmp / f"separate-{i}.sqlite" for i in range(count)]
    for catalog in catalogs:
        for stale in tmp.glob(catalog.name + "*"):
            stale.unlink()
    start = time.perf_counter()
    procs = [subprocess.Popen([str(binary), "extract", "--source", str(work), "--catalog", str(catalog), "--jobs", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for catalog in catalogs]
    if any(proc.wait() != 0 for proc in procs):
        raise SystemExit("a separate extract failed")
    return time.perf_counter() - start


def time_pubmed_parser(xmls: list[Path]) -> tuple[float, int]:
    """Seconds for metadata + captions + all paragraphs of every file, and how many raised."""
    failures = 0
    start = time.perf_counter()
    for xml in xmls:
        path = str(xml)
        try:
            pubmed_parser.parse_pubmed_xml(path)
            pubmed_parser.parse_pubmed_caption(path)
            pubmed_parser.parse_pubmed_paragraph(path, all_paragraph=True)
        except Exception:  # a broken article costs its time and is counted, as in our run
            failures += 1
    return time.perf_counter() - start, failures


def time_lxml(xmls: list[Path]) -> float:
    """Seconds to parse every file into a tree with lxml (libxml2), and nothing else."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    start = time.perf_counter()
    for xml in xmls:
        etree.parse(str(xml), parser)
    return time.perf_counter() - start


def main():
    ap = bench_arguments(replicas=20, runs=5)
    ap.add_argument("--skip-ours", action="store_true", help="time pubmed_parser only")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="biomedica-bench-") as tmp:
        tmp = Path(tmp)
        xmls = replicate_cloud_corpus(args.corpus / "pmc-cloud", tmp / "work", args.replicas)
        n = len(xmls)
        print(f"{n} articles ({args.replicas} x {n // args.replicas}), median of {args.runs} runs\n")

        # Runs alternate between the tools so that load on a shared machine hits both alike; the
        # ratio reported is the median of the per-pair ratios.
        theirs, ours, parse, ours_all, separate = [], [], [], [], []
        cores = os.cpu_count() or 1
        for _ in range(args.runs):
            theirs.append(time_pubmed_parser(xmls))
            parse.append(time_lxml(xmls))
            if not args.skip_ours:
                ours.append(time_ours(args.bin.resolve(), tmp / "work", tmp))
                ours_all.append(time_ours(args.bin.resolve(), tmp / "work", tmp, jobs=[]))
                separate.append(time_separate(args.bin.resolve(), tmp / "work", tmp, cores))
        pp_s = statistics.median(s for s, _ in theirs)
        parse_s = statistics.median(parse)
        rows = [("pubmed_parser (xml+caption+paragraph)", pp_s, n / pp_s, "", f"{theirs[0][1]} raised"),
                ("lxml parse only (no extraction)", parse_s, n / parse_s, "", "the limit")]
        if not args.skip_ours:
            s = statistics.median(t for t, _ in ours)
            rss = max(r for _, r in ours)
            verdict = "within" if rss <= RSS_BUDGET_MB else "OVER"
            rows.insert(0, ("biomedica extract --jobs 1", s, n / s,
                            f"{rss:.0f} MB", f"{verdict} {RSS_BUDGET_MB} MB budget"))
            pair_ratios = sorted(their_s / our_s for (their_s, _), (our_s, _) in zip(theirs, ours))
            parse_ratios = sorted(p / our_s for p, (our_s, _) in zip(parse, ours))
            all_s = statistics.median(t for t, _ in ours_all)
            rows.insert(1, (f"biomedica extract (default --jobs)", all_s, n / all_s, "", f"{s / all_s:.2f}x --jobs 1"))
            # The machine's own ceiling: as many one-job extracts as cores, side by side.
            apart_s = statistics.median(separate)
            ceiling = statistics.median(cores * t / a for (t, _), a in zip(ours, separate))
            rows.insert(2, (f"{cores} separate extracts --jobs 1 at once", apart_s, cores * n / apart_s, "",
                            f"{ceiling:.2f}x one (what {cores} cores give)"))

        print(f"{'tool':40} {'seconds':>8} {'articles/s':>11} {'peak RSS':>9}  note")
        for name, s, rate, rss, note in rows:
            print(f"{name:40} {s:8.2f} {rate:11.1f} {rss:>9}  {note}")
        if not args.skip_ours:
            print(f"\nratio ours / pubmed_parser (articles/s): {statistics.median(pair_ratios):.2f}x"
                  f" (median of {len(pair_ratios)} paired runs; range {pair_ratios[0]:.2f}x to {pair_ratios[-1]:.2f}x)")
            print(f"ratio ours / lxml parse only: {statistics.median(parse_ratios):.2f}"
                  f" (range {parse_ratios[0]:.2f} to {parse_ratios[-1]:.2f}; aim >= 0.7)")


if __name__ == "__main__":
    main()
