"""Serves a folder over HTTP on loopback, failing on request in the ways real servers fail.

Usage: fault_server.py FOLDER

Starts a threaded HTTP server on 127.0.0.1 at a free port, prints its base URL on one line, then
serves until its standard input closes. Only the loopback address is ever used.

GET /FILE serves FOLDER/FILE. GET /fault/SPEC/FILE serves the same file, except that the Nth
request for that exact path answers with the Nth fault of SPEC, a comma-separated list; requests
past the end of the list are served normally. The faults:

    429         status 429 with Retry-After: 1
    429noretry  status 429 without Retry-After
    500, 503    that status
    drop        the real headers, half the body, then the connection is closed
    stall       the real headers, then nothing for STALL_SECONDS
    short       a Content-Length larger than the file, the whole file, then the connection is closed
    garbage     status 200 and other bytes of the same length (what only a checksum can catch)
    html        status 200 with an HTML error page as text/html
    ok          the file

A normal answer honours `Range: bytes=N-` and `bytes=N-M` with a 206. GET /_requests/PATH answers
{"path": "/PATH", "count": N, "ranges": [...]}: how many requests PATH has received, so a test
can tell how many tries its client made, and the Range header of each ("" for none).
"""

from __future__ import annotations  # the annotations below, on Pythons before 3.10

import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Far longer than any test's timeout: a stalled answer must be abandoned by the client.
STALL_SECONDS = 30

HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>"
    b"<body><h1>Service Unavailable</h1><p>Please try again later.</p></body></html>\n"
)


class RequestCounts:
    """Requests received per path, shared by the handler threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ranges: dict[str, list[str]] = {}

    def record(self, path: str, range_header: str) -> int:
        """Logs one more request for `path` and returns its number, the first being 1."""
        with self._lock:
            self._ranges.setdefault(path, []).append(range_header)
            return len(self._ranges[path])

    def ranges(self, path: str) -> list[str]:
        """The Range header of each request for `path`, in order."""
        with self._lock:
            return list(self._ranges.get(path, []))


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do: a fault must not depend on a fresh connection
    folder = "."
    counts = RequestCounts()

    def do_GET(self) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path.startswith("/_requests/"):
            counted = path[len("/_requests"):]
            ranges = self.counts.ranges(counted)
            self._send(200, json.dumps({"path": counted, "count": len(ranges), "ranges": ranges}).encode(), "application/json")
            return
        number = self.counts.record(path, self.headers.get("Range", ""))
        fault, name = "ok", path.lstrip("/")
        match = re.fullmatch(r"/fault/([^/]+)/(.+)", path)
        if match:
            spec = match.group(1).split(",")
            fault = spec[number - 1] if number <= len(spec) else "ok"
            name = match.group(2)
        file = os.path.realpath(os.path.join(self.folder, name))
        if not file.startswith(os.path.realpath(self.folder) + os.sep) or not os.path.isfile(file):
            self._send(404, b"not found\n", "text/plain")
            return
        with open(file, "rb") as handle:
            body = handle.read()
        self._answer(fault, body)

    def _answer(self, fault: str, body: bytes) -> None:
        if fault == "429":
            self._send(429, b"slow down\n", "text/plain", {"Retry-After": "1"})
        elif fault == "429noretry":
            self._send(429, b"slow down\n", "text/plain")
        elif fault in ("500", "503"):
            self._send(int(fault), b"server error\n", "text/plain")
        elif fault == "drop":
            self._send_head(200, len(body))
            self._cut(body[: len(body) // 2])
        elif fault == "stall":
            self._send_head(200, len(body))
            self.wfile.flush()
            time.sleep(STALL_SECONDS)
            self.close_connection = True
        elif fault == "short":
            self._send_head(200, len(body) + 100)
            self._cut(body)
        elif fault == "garbage":
            self._send(200, bytes((byte + 1) % 256 for byte in body))
        elif fault == "html":
            self._send(200, HTML_PAGE, "text/html; charset=utf-8")
        elif fault == "ok":
            self._serve(body)
        else:
            self._send(400, f"unknown fault {fault}\n".encode(), "text/plain")

    def _serve(self, body: bytes) -> None:
        """The file, or the part a `Range: bytes=N-[M]` header asks for."""
        requested = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if not requested:
            self._send(200, body)
            return
        first = int(requested.group(1))
        last = min(int(requested.group(2)), len(body) - 1) if requested.group(2) else len(body) - 1
        if first >= len(body) or first > last:
            self._send(416, b"", "text/plain", {"Content-Range": f"bytes */{len(body)}"})
            return
        self._send(206, body[first : last + 1], headers={"Content-Range": f"bytes {first}-{last}/{len(body)}"})

    def _send_head(self, status: int, length: int, content_type: str = "application/octet-stream", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def _send(self, status: int, body: bytes, content_type: str = "application/octet-stream", headers: dict | None = None) -> None:
        self._send_head(status, len(body), content_type, headers)
        self.wfile.write(body)

    def _cut(self, sent: bytes) -> None:
        """Sends `sent` and closes the connection, leaving the client short of what it was promised."""
        self.wfile.write(sent)
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's signature
        pass  # the tests' output stays clean; counts are at /_requests


def main() -> None:
    FaultHandler.folder = sys.argv[1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), FaultHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    print(f"http://{host}:{port}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
