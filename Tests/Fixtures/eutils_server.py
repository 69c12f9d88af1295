"""Answers NCBI E-utilities efetch requests for PubMed records on loopback, rate-checked as NCBI does and
failing on request in the ways NCBI fails.

Usage: eutils_server.py RECORDS_DIR [--alias NEW=OLD ...] [--fault SPEC] [--shuffle] [--latency-ms N]

Starts a threaded HTTP/1.1 (keep-alive) server on 127.0.0.1 at a free port, prints its base URL
(`http://127.0.0.1:PORT/`) on one line, then serves until its standard input closes. Only the loopback
address is ever used.

Records: every <PubmedArticle> and <PubmedBookArticle> of RECORDS_DIR/pubmed*.xml, each kept as the exact
text of the file, under the PMID of its MedlineCitation/PMID or BookDocument/PMID (never the PMIDs of
its CommentsCorrections or ReferenceList). `--alias NEW=OLD` (repeatable) also serves record OLD as
NEW, its own PMID and its PubmedData ArticleId IdType="pubmed" rewritten to NEW: real records for
articles whose PMIDs the efetch files lack.

    GET  /entrez/eutils/efetch.fcgi?db=pubmed&retmode=xml&id=1,2,3&tool=T&email=E[&api_key=K]
    POST /entrez/eutils/efetch.fcgi with the same parameters as an application/x-www-form-urlencoded body
         200, text/xml; charset=UTF-8: an XML declaration, the PubMed DOCTYPE of January 2025 and a
         <PubmedArticleSet> of the requested records it knows, in the requested order (shuffled with
         --shuffle, never left in that order when there are two or more); unknown PMIDs are left out
         silently, as NCBI does (a PMID asked twice is answered twice: not checked against NCBI).
         Without db=pubmed, tool or email, or with no id: 400 and a line of text (recorded, but neither
         rate-checked nor given a fault).

Rate limit, as NCBI's: 10 requests a second with an api_key, else 3. Requests are counted per api_key
(those without one together, as NCBI counts per IP address), every arrival counting, refused or not.
A request violates when it and the `limit` requests before it under the same key all arrived within
1.0 s less 20 ms: a client pacing itself at exactly the limit is not refused for clock jitter. A
violating request is answered as NCBI answers it: 429, application/json,
`{"error":"API rate limit exceeded","api-key":"127.0.0.1","count":"4","limit":"3"}` (the api_key in
place of the address when there is one; count: requests under the key within the last 1.0 s).

--fault SPEC, a comma-separated list: the Nth efetch request (400s aside) is answered with the Nth fault;
requests past the end of the list are answered normally. A request that violates the rate limit is
refused as above whatever its fault (NCBI's limiter stands in front), its fault being spent. The faults:

    429      429 with the rate-limit JSON above and Retry-After: 1 (not counted as a violation)
    500, 502, 503
             that status with a short HTML page, as NCBI's front end sends
    html     200, text/html, an NCBI-style HTML error page
    json     200, application/json, {"ERROR":"Unable to obtain query #1"} (NCBI sends it with 200)
    jsonxml  200 with Content-Type text/xml; charset=UTF-8 but the JSON error above as its body
    empty    200, a PubmedArticleSet with no records
    partial  200, the answer less its first record
    ok       the answer

--latency-ms N delays every efetch answer N ms (arrival times are taken before the delay). The control
requests below are answered at once and are neither recorded nor rate-checked:

    GET /_requests  a JSON list of the efetch requests received, in order: {"method", "time" (monotonic
                    seconds), "ids", "tool", "email", "api_key" (null when absent), "status", "fault"
                    (the fault applied: "ok" when none, "rate-limit" when refused for the rate,
                    "bad-request" for a 400), "returned" (the PMIDs answered, in order)}
    GET /_stats     {"requests": N, "violations": N, "max_per_second": N, "ids_requested": N}: efetch
                    requests received, those refused for the rate, the most requests (all keys together)
                    within any 1.0 s less the tolerance, and the ids asked for in all of them
"""

from __future__ import annotations  # the annotations below, on Pythons before 3.10

import argparse
import collections
import json
import random
import re
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from loopback import serve  # beside this script

EFETCH = "/entrez/eutils/efetch.fcgi"
LIMIT_WITH_KEY, LIMIT_WITHOUT_KEY = 10, 3
WINDOW = 1.0
TOLERANCE = 0.020  # clock jitter between a client's timer and ours

HEAD = ('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN"'
        ' "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n')
XML_TYPE = "text/xml; charset=UTF-8"
JSON_ERROR = b'{"ERROR":"Unable to obtain query #1"}'
HTML_ERROR_PAGE = (
    b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>NCBI - WWW Error Blocked Diagnostic'
    b'</title></head><body><div class="error"><h1>Error</h1><p>An error has occurred while processing your'
    b' request. Please try again later.</p><p>Status: 200 (internal error)</p></div></body></html>\n'
)
STATUS_PAGES = {
    status: (f'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>{status} {reason}</title>'
             f"</head><body><h1>{reason}</h1><p>The server encountered a temporary error.</p></body></html>\n").encode()
    for status, reason in ((500, "Internal Server Error"), (502, "Bad Gateway"), (503, "Service Unavailable"))
}
FAULTS = {"429", "500", "502", "503", "html", "json", "jsonxml", "empty", "partial", "ok"}


def load_records(folder: Path) -> dict[str, str]:
    """Every record of FOLDER/pubmed*.xml as its exact text, by its own PMID."""
    records = {}
    for file in sorted(folder.glob("pubmed*.xml")):
        # Records never nest, so the shortest match from an opening tag to its closing tag is one record.
        for match in re.finditer(r"<(PubmedArticle|PubmedBookArticle)\b[^>]*>.*?</\1>", file.read_text("utf-8"), re.S):
            text = match.group(0)
            root = ET.fromstring(text)
            pmid = root.findtext("MedlineCitation/PMID") or root.findtext("BookDocument/PMID")
            if not pmid:
                raise SystemExit(f"{file}: a {root.tag} without MedlineCitation/PMID or BookDocument/PMID")
            records[pmid.strip()] = text
    return records


def aliased(text: str, old: str, new: str) -> str:
    """The record `text` (PMID `old`) as record `new`: its own PMID and its own pubmed ArticleId rewritten,
    every cited PMID left as it is."""
    # The record's own PMID is the first PMID element in it: MedlineCitation and BookDocument open with it.
    text, count = re.subn(rf"(<PMID\b[^>]*>)\s*{old}\s*(</PMID>)", rf"\g<1>{new}\g<2>", text, count=1)
    # Its own ArticleIdList is the first one in PubmedData (or PubmedBookData): the DTD puts it before the
    # ReferenceList, whose entries have ArticleIdLists too.
    data = re.search(r"<Pubmed(?:Book)?Data>.*?</ArticleIdList>", text, re.S)
    if count != 1 or not data:
        raise SystemExit(f"--alias {new}={old}: record {old} has no PMID or no PubmedData ArticleIdList")
    own = re.sub(rf'(<ArticleId IdType="pubmed">)\s*{old}\s*(</ArticleId>)', rf"\g<1>{new}\g<2>", data.group(0))
    return text[: data.start()] + own + text[data.end():]


def rate_refusal(who: str, count: int, limit: int) -> bytes:
    return json.dumps({"error": "API rate limit exceeded", "api-key": who, "count": str(count), "limit": str(limit)},
                      separators=(",", ":")).encode()


class Ledger:
    """The efetch requests received, their arrival times per rate key and the faults still to give; shared
    by the handler threads."""

    def __init__(self, faults: list[str]) -> None:
        self._lock = threading.Lock()
        self._faults = faults
        self._given = 0  # faults handed out, including "ok"s past the end of the list
        self._arrivals: dict[str, collections.deque] = collections.defaultdict(collections.deque)
        self._all_arrivals: collections.deque = collections.deque()
        self.entries: list[dict] = []
        self.violations = 0
        self.max_per_second = 0

    def admit(self, key: str, now: float) -> tuple[str, int, int]:
        """Counts a well-formed request under rate key `key` ("" without api_key) and returns its fault
        ("rate-limit" when it violates), the requests under its key within the last second, and its limit."""
        limit = LIMIT_WITH_KEY if key else LIMIT_WITHOUT_KEY
        with self._lock:
            arrivals = self._arrivals[key]
            arrivals.append(now)
            while now - arrivals[0] >= WINDOW:
                arrivals.popleft()  # older ones can never again be within a window of this or later arrivals
            violates = len(arrivals) > limit and now - arrivals[-1 - limit] < WINDOW - TOLERANCE
            self._all_arrivals.append(now)
            while now - self._all_arrivals[0] >= WINDOW - TOLERANCE:
                self._all_arrivals.popleft()
            self.max_per_second = max(self.max_per_second, len(self._all_arrivals))
            fault = self._faults[self._given] if self._given < len(self._faults) else "ok"
            self._given += 1
            if violates:
                self.violations += 1
                fault = "rate-limit"
            return fault, len(arrivals), limit

    def record(self, entry: dict) -> None:
        with self._lock:
            self.entries.append(entry)

    def requests(self) -> list[dict]:
        with self._lock:
            return list(self.entries)

    def stats(self) -> dict:
        with self._lock:
            return {"requests": len(self.entries), "violations": self.violations,
                    "max_per_second": self.max_per_second,
                    "ids_requested": sum(len(entry["ids"]) for entry in self.entries)}


class EutilsHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as NCBI answers: a client's pooled connection is exercised
    # Headers and body go out as separate writes; Nagle's algorithm would hold the body back until the
    # client acknowledges the headers, adding delayed-ACK waits to every answer.
    disable_nagle_algorithm = True
    records: dict[str, str] = {}
    shuffle = False
    latency = 0.0
    ledger = Ledger([])

    def do_GET(self) -> None:
        target = urllib.parse.urlsplit(self.path)
        if target.path == "/_requests":
            self._send(200, json.dumps(self.ledger.requests()).encode(), "application/json")
        elif target.path == "/_stats":
            self._send(200, json.dumps(self.ledger.stats()).encode(), "application/json")
        elif target.path == EFETCH:
            self._efetch(target.query)
        else:
            self._send(404, b"not found\n", "text/plain")

    def do_POST(self) -> None:
        target = urllib.parse.urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
        if target.path == EFETCH:
            # NCBI reads parameters from both the query and the body; so do we.
            self._efetch("&".join(part for part in (target.query, body) if part))
        else:
            self._send(404, b"not found\n", "text/plain")

    def _efetch(self, query: str) -> None:
        now = time.monotonic()
        params = urllib.parse.parse_qs(query, keep_blank_values=True)

        def param(name: str) -> str | None:
            return params[name][-1] if name in params else None

        ids = [pmid.strip() for value in params.get("id", []) for pmid in value.split(",") if pmid.strip()]
        entry = {"method": self.command, "time": now, "ids": ids, "tool": param("tool"), "email": param("email"),
                 "api_key": param("api_key") or None}
        problem = ("db must be pubmed" if param("db") != "pubmed" else "tool is required" if not param("tool")
                   else "email is required" if not param("email") else "id is required" if not ids else None)
        if problem:
            self.ledger.record({**entry, "status": 400, "fault": "bad-request", "returned": []})
            self._send(400, f"Bad request: {problem}\n".encode(), "text/plain; charset=UTF-8")
            return
        fault, count, limit = self.ledger.admit(entry["api_key"] or "", now)
        time.sleep(self.latency)
        returned = [pmid for pmid in ids if pmid in self.records]
        if self.shuffle and len(set(returned)) > 1:
            order = returned[:]
            while returned == order:  # a test must not pass by the luck of an unshuffled answer
                random.shuffle(returned)
        if fault == "partial":
            returned = returned[1:]
        elif fault != "ok":
            returned = []
        status, body, content_type, headers = self._answer(fault, returned, entry["api_key"], count, limit)
        # Recorded before answering: a client that asks /_requests once answered finds its request there.
        self.ledger.record({**entry, "status": status, "fault": fault, "returned": returned})
        self._send(status, body, content_type, headers)

    def _answer(self, fault: str, returned: list[str], api_key: str | None, count: int, limit: int):
        """Status, body, content type and extra headers of the answer with `fault`."""
        if fault in ("rate-limit", "429"):
            refusal = rate_refusal(api_key or self.client_address[0], count, limit)
            return 429, refusal, "application/json", {"Retry-After": "1"} if fault == "429" else {}
        if fault in ("500", "502", "503"):
            return int(fault), STATUS_PAGES[int(fault)], "text/html; charset=UTF-8", {}
        if fault == "html":
            return 200, HTML_ERROR_PAGE, "text/html; charset=UTF-8", {}
        if fault in ("json", "jsonxml"):
            return 200, JSON_ERROR, "application/json" if fault == "json" else XML_TYPE, {}
        records = "".join(self.records[pmid] + "\n" for pmid in returned)  # ok, partial, empty
        return 200, f"{HEAD}<PubmedArticleSet>\n{records}</PubmedArticleSet>\n".encode(), XML_TYPE, {}

    def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's signature
        pass  # the tests' output stays clean; requests are at /_requests


def main() -> None:
    parser = argparse.ArgumentParser(description="An NCBI efetch stand-in for PubMed records on loopback.")
    parser.add_argument("records_dir", type=Path)
    parser.add_argument("--alias", action="append", default=[], metavar="NEW=OLD",
                        help="also serve record OLD as NEW, its own PMID rewritten")
    parser.add_argument("--fault", default="", metavar="SPEC", help="faults for successive efetch requests")
    parser.add_argument("--shuffle", action="store_true", help="answer records out of the requested order")
    parser.add_argument("--latency-ms", type=float, default=0, help="delay every efetch answer this long")
    args = parser.parse_args()
    records = load_records(args.records_dir)
    if not records:
        raise SystemExit(f"no PubmedArticle or PubmedBookArticle in {args.records_dir}/pubmed*.xml")
    for alias in args.alias:
        new, _, old = alias.partition("=")
        if old not in records or not new.isdigit():
            raise SystemExit(f"--alias {alias}: want NEW=OLD, OLD one of {sorted(records)}")
        records[new] = aliased(records[old], old, new)
    faults = [fault.strip() for fault in args.fault.split(",") if fault.strip()]
    unknown = sorted(set(faults) - FAULTS)
    if unknown:
        raise SystemExit(f"unknown faults {unknown}; known: {sorted(FAULTS)}")
    EutilsHandler.records = records
    EutilsHandler.shuffle = args.shuffle
    EutilsHandler.latency = args.latency_ms / 1000
    EutilsHandler.ledger = Ledger(faults)
    serve(EutilsHandler, url_suffix="/")


if __name__ == "__main__":
    main()
