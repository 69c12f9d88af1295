"""Time `biomedica parse-pubmed --count` and Biopython's `Bio.Entrez.read` on the same large efetch answer;
print PubMed records parsed per second for each and the ratio.

The input is one PubmedArticleSet holding the shared corpus's efetch records (efetch/pubmed*.xml, each
record's exact text) REPLICAS times over, under the DOCTYPE that NCBI sends today (the newest of the
originals'). Biopython reads the DOCTYPE's DTD to shape what it returns and fetches a DTD it does not bundle
from NCBI; so the DTD must be one it bundles, or the peer would be timed on a network fetch (or fail
offline): checked before anything is timed.

ours: the whole `biomedica parse-pubmed --count FILE` process (start, reading, parsing), wall clock.
peer: `Bio.Entrez.read(handle)` in a fresh Python process per run, timed inside it around the parse only
(the interpreter's start and the import left out); the whole process is timed too and printed beside it.
The ratio is ours / peer parse-only, which leans in the peer's favour.
"""
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "python"))
sys.path.insert(0, str(REPO / "Tests" / "Fixtures"))
from cli import bench_arguments  # noqa: E402  (shared with the tests)
from eutils_server import load_records  # noqa: E402  (the efetch stand-in's reader: records as their exact text)

TARGET_RECORDS = 20_000

# Run in a fresh interpreter per run: each parse starts from the same cold state, as ours does.
PEER = """
import json, sys, time
from Bio import Entrez
with open(sys.argv[1], "rb") as handle:
    start = time.perf_counter()
    result = Entrez.read(handle)
    seconds = time.perf_counter() - start
print(json.dumps({"records": len(result["PubmedArticle"]) + len(result["PubmedBookArticle"]), "seconds": seconds}))
"""


def newest_doctype(efetch: Path) -> tuple[str, str]:
    """The DOCTYPE line of the original with the newest DTD, and that DTD's file name."""
    found = []
    for file in efetch.glob("pubmed*.xml"):
        match = re.search(r'<!DOCTYPE PubmedArticleSet PUBLIC "[^"]*" "[^"]*/(pubmed_(\d{6})\.dtd)">',
                          file.read_text("utf-8"))
        if match:
            found.append((match.group(2), match.group(0), match.group(1)))
    if not found:
        raise SystemExit(f"no PubmedArticleSet DOCTYPE in {efetch}/pubmed*.xml")
    _, doctype, dtd = max(found)  # YYMMDD sorts by date
    return doctype, dtd


def check_bundled(dtd: str) -> None:
    """Stops unless Biopython bundles `dtd`: it would otherwise download it during the timed parse."""
    from Bio import Entrez
    bundled = Path(Entrez.__file__).parent / "DTDs"
    if not (bundled / dtd).is_file():
        raise SystemExit(f"Biopython does not bundle {dtd} (in {bundled}): Entrez.read would fetch it from NCBI")


def build_input(efetch: Path, replicas: int | None, path: Path) -> tuple[int, str, int]:
    """Writes the records REPLICAS times (by default, enough for about TARGET_RECORDS) into one
    PubmedArticleSet at `path`; returns the record count, the DTD and the replicas."""
    records = list(load_records(efetch).values())
    replicas = replicas or math.ceil(TARGET_RECORDS / len(records))
    doctype, dtd = newest_doctype(efetch)
    check_bundled(dtd)
    body = "".join(record + "\n" for record in records)
    with open(path, "w", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0" ?>\n{doctype}\n<PubmedArticleSet>\n')
        for _ in range(replicas):
            out.write(body)
        out.write("</PubmedArticleSet>\n")
    return len(records) * replicas, dtd, replicas


def time_ours(binary: Path, file: Path) -> tuple[int, float]:
    """(records, wall seconds) of one `biomedica parse-pubmed --count FILE`."""
    start = time.perf_counter()
    proc = subprocess.run([str(binary), "parse-pubmed", "--count", str(file)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    counted = re.fullmatch(r"records: (\d+)\n?", proc.stdout)
    if proc.returncode != 0 or not counted:
        raise SystemExit(f"biomedica parse-pubmed exited {proc.returncode}, printed {proc.stdout[:200]!r}:\n"
                         f"{proc.stderr[-3000:]}")
    return int(counted.group(1)), seconds


def time_peer(file: Path) -> tuple[int, float, float]:
    """(records, parse seconds, whole-process seconds) of one Entrez.read in a fresh interpreter."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", PEER, str(file)], capture_output=True, text=True)
    whole = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"Entrez.read failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    answer = json.loads(proc.stdout)
    return answer["records"], answer["seconds"], whole


def main():
    ap = bench_arguments(replicas=None, runs=5)
    args = ap.parse_args()
    binary = args.bin.resolve()
    with tempfile.TemporaryDirectory(prefix="biomedica-bench-") as tmp:
        file = Path(tmp) / "efetch.xml"
        expected, dtd, replicas = build_input(args.corpus / "efetch", args.replicas, file)
        print(f"{expected} records ({replicas} replicas of the corpus's efetch records), {file.stat().st_size >> 20} MB,"
              f" DOCTYPE {dtd} (bundled with Biopython); median of {args.runs} runs; {os.cpu_count()} cores,"
              f" load average {os.getloadavg()[0]:.1f} at start\n")
        ours, peer = [], []
        for _ in range(args.runs):  # alternating, so that load on a shared machine hits both alike
            ours.append(time_ours(binary, file))
            peer.append(time_peer(file))
        counts = {run[0] for run in ours + peer}
        if counts != {expected}:
            raise SystemExit(f"record counts differ: expected {expected}, ours {[r[0] for r in ours]},"
                             f" peer {[r[0] for r in peer]}")

        o = statistics.median(seconds for _, seconds in ours)
        p = statistics.median(seconds for _, seconds, _ in peer)
        p_whole = statistics.median(whole for _, _, whole in peer)
        print(f"{'tool':50} {'records':>8} {'seconds':>8} {'records/s':>10}")
        for tool, seconds in (("biomedica parse-pubmed --count (whole process)", o),
                              ("Bio.Entrez.read (parse only)", p),
                              ("Bio.Entrez.read (whole process)", p_whole)):
            print(f"{tool:50} {expected:8} {seconds:8.2f} {expected / seconds:10.0f}")
        # Same records on both sides, so the ratio of records/s is the inverse ratio of seconds.
        paired = sorted(peer_run[1] / ours_run[1] for ours_run, peer_run in zip(ours, peer))
        print(f"\nratio ours (whole process) / peer (parse only), records/s: {p / o:.2f}x"
              f" (per round {paired[0]:.2f}x to {paired[-1]:.2f}x)")


if __name__ == "__main__":
    main()
