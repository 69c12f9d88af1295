"""Serves a folder over HTTP on loopback, failing on request in the ways real servers fail.

Usage: fault_server.py FOLDER [--bucket NAME] [--page-size N] [--latency-ms N]

Starts a threaded HTTP server on 127.0.0.1 at a free port, prints its base URL on one line, then
serves until its standard input closes. Only the loopback address is ever used.

GET /FILE serves FOLDER/FILE. GET /fault/SPEC/FILE serves the same file, except that the Nth
request for that exact path (and query) answers with the Nth fault of SPEC, a comma-separated
list; requests past the end of the list are served normally. The faults:

    429         status 429 with Retry-After: 1
    429noretry  status 429 without Retry-After
    500, 503    that status
    drop        the real headers, half the body, then the connection is closed
    droprest    like ok (honouring Range), but the connection is closed after half of what it sends
    stall       the real headers, then nothing for STALL_SECONDS
    short       a Content-Length larger than the file, the whole file, then the connection is closed
    garbage     status 200 and other bytes of the same length (what only a checksum can catch)
    html        status 200 with an HTML error page as text/html
    ok          the file

SPEC may end with `@TARGET` to aim its faults at some requests only, the others under the same
/fault/SPEC/ being served normally: `@list` aims at S3 listing requests, any other TARGET at the
files whose path ends with it (`500,500@.jpg`: media; `garbage@.xml`; `drop@.json`: metadata).

A normal answer honours `Range: bytes=N-` and `bytes=N-M` with a 206.

With --bucket NAME the folder is also an S3 bucket, read path-style as an S3 client given the
endpoint http://HOST:PORT (or http://HOST:PORT/fault/SPEC) reads it:

    GET /NAME/KEY             the object FOLDER/KEY, with ETag (its quoted MD5) and Last-Modified
    GET /NAME?list-type=2&prefix=P&max-keys=N[&delimiter=D][&continuation-token=T]
                              ListObjectsV2: a ListBucketResult of the keys under P in UTF-8 byte
                              order, at most min(N, --page-size) keys and common prefixes a page

--latency-ms N delays every answer N ms, as a distant server would. The control requests below are
answered at once and are not counted:

    GET /_requests/PATH   {"path": "/PATH", "count": N, "ranges": [...]}: how many requests PATH
                          (with its query, if any) has received, and the Range header of each in
                          order ("" when absent), so a test can tell what its client sent
    GET /_stats           {"requests": N}: the requests received so far, all paths together
    GET /_down            {"down": true}: from now on every other request is counted, then its
                          connection closed without an answer: a source out of reach, found so
                          at once (a stopped server is too, but a client may retry a refused
                          connection for seconds)
"""

from __future__ import annotations  # the annotations below, on Pythons before 3.10

import argparse
import base64
import email.utils
import hashlib
import json
import os
import re
import threading
import time
import urllib.parse
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

from loopback import serve  # beside this script

# Far longer than any test's timeout: a stalled answer must be abandoned by the client.
STALL_SECONDS = 30

HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>"
    b"<body><h1>Service Unavailable</h1><p>Please try again later.</p></body></html>\n"
)


class RequestLog:
    """The Range header of every request received, per path, shared by the handler threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ranges: dict[str, list[str]] = {}
        self.total = 0

    def record(self, path: str, range_header: str) -> int:
        """Records one more request for `path` and returns its number, the first being 1."""
        with self._lock:
            self.total += 1
            self._ranges.setdefault(path, []).append(range_header)
            return len(self._ranges[path])

    def ranges(self, path: str) -> list[str]:
        with self._lock:
            return list(self._ranges.get(path, []))


class Bucket:
    """The served folder seen as an S3 bucket: keys, their MD5s and listing pages."""

    def __init__(self, name: str, folder: str, page_size: int) -> None:
        self.name = name
        self.folder = folder
        self.page_size = page_size
        self._lock = threading.Lock()
        self._keys: list[str] | None = None
        self._md5s: dict[str, str] = {}

    def keys(self) -> list[str]:
        """Every file under the folder as a key, in UTF-8 byte order (S3's), read once."""
        with self._lock:
            if self._keys is None:
                found = []
                for directory, _, files in os.walk(self.folder, followlinks=True):
                    for name in files:
                        found.append(os.path.relpath(os.path.join(directory, name), self.folder).replace(os.sep, "/"))
                self._keys = sorted(found, key=lambda key: key.encode())
            return self._keys

    def etag(self, key: str, body: bytes | None = None) -> str:
        """The key's quoted MD5, computed once."""
        with self._lock:
            known = self._md5s.get(key)
        if known is None:
            if body is None:
                with open(os.path.join(self.folder, key), "rb") as handle:
                    body = handle.read()
            known = hashlib.md5(body).hexdigest()
            with self._lock:
                self._md5s[key] = known
        return f'"{known}"'

    def list_page(self, query: dict[str, str]) -> bytes:
        """One ListObjectsV2 answer. A common prefix counts as one entry, as in S3; the continuation
        token names the last entry given, so a common prefix is never given twice."""
        prefix, delimiter = query.get("prefix", ""), query.get("delimiter", "")
        max_keys = min(int(query.get("max-keys", "1000")), self.page_size)
        after = _decode_token(query.get("continuation-token"))
        contents: list[str] = []
        prefixes: list[str] = []
        truncated, last = False, ""
        for key in self.keys():
            if not key.startswith(prefix) or (after and self._given(key, after, delimiter)):
                continue
            rest = key[len(prefix):]
            common = prefix + rest[: rest.index(delimiter) + len(delimiter)] if delimiter and delimiter in rest else None
            if common is not None and common == last:
                continue  # keys come in order: this one's prefix was just named
            if len(contents) + len(prefixes) == max_keys:
                truncated = True
                break
            (prefixes if common is not None else contents).append(common or key)
            last = common or key
        parts = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
            f"<Name>{escape(self.name)}</Name><Prefix>{escape(prefix)}</Prefix>",
            f"<KeyCount>{len(contents) + len(prefixes)}</KeyCount><MaxKeys>{max_keys}</MaxKeys>",
            f"<Delimiter>{escape(delimiter)}</Delimiter>" if delimiter else "",
            f"<IsTruncated>{'true' if truncated else 'false'}</IsTruncated>",
        ]
        for key in contents:
            path = os.path.join(self.folder, key)
            stamp = datetime.fromtimestamp(os.path.getmtime(path), timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            parts.append(f"<Contents><Key>{escape(key)}</Key><LastModified>{stamp}</LastModified>"
                         f"<ETag>{escape(self.etag(key))}</ETag><Size>{os.path.getsize(path)}</Size>"
                         "<StorageClass>STANDARD</StorageClass></Contents>")
        parts += [f"<CommonPrefixes><Prefix>{escape(p)}</Prefix></CommonPrefixes>" for p in prefixes]
        if truncated:
            parts.append(f"<NextContinuationToken>{_encode_token(last)}</NextContinuationToken>")
        parts.append("</ListBucketResult>")
        return "".join(parts).encode()

    @staticmethod
    def _given(key: str, after: str, delimiter: str) -> bool:
        """True when an earlier page, whose last entry was `after`, gave `key` or its common prefix."""
        return key.encode() <= after.encode() or bool(delimiter and after.endswith(delimiter) and key.startswith(after))


def _encode_token(last: str) -> str:
    return base64.urlsafe_b64encode(last.encode()).decode()


def _decode_token(token: str | None) -> str:
    return base64.urlsafe_b64decode(token.encode()).decode() if token else ""


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do: a fault must not depend on a fresh connection
    # Headers and body go out as separate writes; Nagle's algorithm would hold the body back until
    # the client acknowledges the headers, adding delayed-ACK waits to every answer.
    disable_nagle_algorithm = True
    folder = "."
    bucket: Bucket | None = None
    latency = 0.0
    down = False
    log = RequestLog()

    def do_GET(self) -> None:
        target = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(target.path)
        if path.startswith("/_requests/"):
            counted = urllib.parse.unquote(self.path[len("/_requests"):])
            ranges = self.log.ranges(counted)
            self._send(200, json.dumps({"path": counted, "count": len(ranges), "ranges": ranges}).encode(), "application/json")
            return
        if path == "/_stats":
            self._send(200, json.dumps({"requests": self.log.total}).encode(), "application/json")
            return
        if path == "/_down":
            FaultHandler.down = True
            self._send(200, json.dumps({"down": True}).encode(), "application/json")
            return
        number = self.log.record(urllib.parse.unquote(self.path), self.headers.get("Range", ""))
        if self.down:
            self.close_connection = True
            return
        time.sleep(self.latency)
        fault, name = "ok", path.lstrip("/")
        match = re.fullmatch(r"/fault/([^/@]+)(?:@([^/]+))?/(.+)", path)
        if match:
            spec, aim, name = match.group(1).split(","), match.group(2), match.group(3)
            listing = "list-type=2" in target.query
            if aim is None or (aim == "list" and listing) or (aim != "list" and not listing and name.endswith(aim)):
                fault = spec[number - 1] if number <= len(spec) else "ok"
        if self.bucket is not None:
            self._answer_bucket(fault, name, urllib.parse.parse_qs(target.query, keep_blank_values=True))
            return
        body = self._read(name)
        if body is not None:
            # Validators, as real servers send them: a client resumes a download only when it can
            # name the version it began with.
            self._answer(fault, body, headers={"ETag": f'"{hashlib.md5(body).hexdigest()}"', "Last-Modified": self._modified(name)})

    def _answer_bucket(self, fault: str, name: str, query: dict[str, list[str]]) -> None:
        """`BUCKET?list-type=2...` lists, `BUCKET/KEY` gets the object."""
        bucket, _, key = name.partition("/")
        if bucket != self.bucket.name:
            self._send(404, b"NoSuchBucket\n", "text/plain")
        elif not key and query.get("list-type") == ["2"]:
            single = {name: values[0] for name, values in query.items()}
            self._answer(fault, self.bucket.list_page(single), "application/xml")
        else:
            body = self._read(key)
            if body is not None:
                self._answer(fault, body, headers={"ETag": self.bucket.etag(key, body), "Last-Modified": self._modified(key)})

    def _modified(self, name: str) -> str:
        """FOLDER/NAME's modification time as an HTTP date."""
        return email.utils.formatdate(os.path.getmtime(os.path.join(self.folder, name)), usegmt=True)

    def _read(self, name: str) -> bytes | None:
        """FOLDER/NAME's bytes, or None after answering 404 when there is no such file in FOLDER."""
        # Checked without resolving links: a link inside FOLDER is part of what it serves.
        file = os.path.abspath(os.path.join(self.folder, name))
        if not file.startswith(os.path.abspath(self.folder) + os.sep) or not os.path.isfile(file):
            self._send(404, b"not found\n", "text/plain")
            return None
        with open(file, "rb") as handle:
            return handle.read()

    def _answer(self, fault: str, body: bytes, content_type: str = "application/octet-stream", headers: dict | None = None) -> None:
        if fault == "429":
            self._send(429, b"slow down\n", "text/plain", {"Retry-After": "1"})
        elif fault == "429noretry":
            self._send(429, b"slow down\n", "text/plain")
        elif fault in ("500", "503"):
            self._send(int(fault), b"server error\n", "text/plain")
        elif fault == "drop":
            self._send_head(200, len(body), content_type, headers)
            self._cut(body[: len(body) // 2])
        elif fault == "droprest":
            self._serve(body, content_type, headers or {}, cut_halfway=True)
        elif fault == "stall":
            self._send_head(200, len(body), content_type, headers)
            self.wfile.flush()
            time.sleep(STALL_SECONDS)
            self.close_connection = True
        elif fault == "short":
            self._send_head(200, len(body) + 100, content_type, headers)
            self._cut(body)
        elif fault == "garbage":
            self._send(200, bytes((byte + 1) % 256 for byte in body), content_type, headers)
        elif fault == "html":
            self._send(200, HTML_PAGE, "text/html; charset=utf-8")
        elif fault == "ok":
            self._serve(body, content_type, headers or {})
        else:
            self._send(400, f"unknown fault {fault}\n".encode(), "text/plain")

    def _serve(self, body: bytes, content_type: str, headers: dict, cut_halfway: bool = False) -> None:
        """The file, or the part a `Range: bytes=N-[M]` header asks for; with `cut_halfway`, the
        connection is closed after half of it."""
        send = self._send_cut if cut_halfway else self._send
        requested = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if not requested:
            send(200, body, content_type, headers)
            return
        first = int(requested.group(1))
        last = min(int(requested.group(2)), len(body) - 1) if requested.group(2) else len(body) - 1
        if first >= len(body) or first > last:
            self._send(416, b"", "text/plain", {"Content-Range": f"bytes */{len(body)}"})
            return
        send(206, body[first : last + 1], content_type, {**headers, "Content-Range": f"bytes {first}-{last}/{len(body)}"})

    def _send_cut(self, status: int, body: bytes, content_type: str, headers: dict) -> None:
        """The head for all of `body`, then half of it, then the connection is closed."""
        self._send_head(status, len(body), content_type, headers)
        self._cut(body[: max(1, len(body) // 2)])

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
    parser = argparse.ArgumentParser(description="A fault-injecting HTTP and S3 server on loopback.")
    parser.add_argument("folder")
    parser.add_argument("--bucket", help="also serve FOLDER as this S3 bucket, path-style")
    parser.add_argument("--page-size", type=int, default=1000, help="the most keys a listing page holds")
    parser.add_argument("--latency-ms", type=float, default=0, help="delay every answer this long")
    args = parser.parse_args()
    FaultHandler.folder = args.folder
    FaultHandler.latency = args.latency_ms / 1000
    if args.bucket:
        FaultHandler.bucket = Bucket(args.bucket, args.folder, args.page_size)
    serve(FaultHandler)


if __name__ == "__main__":
    main()
