"""`biomedica fetch` from an S3 bucket whose server fails in the ways real servers fail
(Tests/Fixtures/fault_server.py on loopback, serving two articles of the PMC Cloud corpus).

Each fault is either recovered within the retry budget, the cache then building offline the dataset a
build from the local folder gives, or ends in an error that the log names with its file and cause and
the summary counts; either way every file in the cache is whole.

The tests of --read-timeout, --tries and --rate skip where `biomedica fetch --help` does not list them
(a build from before they came).
"""
import re
import shutil
import time

import pytest

import cli

# Two small articles of the corpus: 3 JPEGs, 3 GIFs and 2 XMLs, so that retry waits stay short.
ARTICLES = ("PMC3574550.1", "PMC6358580.1")
# A bucket with no inventory report: the articles are found by ListObjectsV2.
BUCKET = "mirror"
# One metadata file a listing page, so that the listing follows a continuation token.
PAGE_SIZE = 1
# One file per fault target, whose requests a recovered test counts.
WATCHED = {".jpg": "PMC3574550.1/mds52601.jpg", ".gif": "PMC3574550.1/mds52601.gif",
           ".xml": "PMC3574550.1/PMC3574550.1.xml", ".json": "metadata/PMC3574550.1.json"}
JPEGS = ("mds52601.jpg", "mds52602.jpg", "CG-CGCR180077F001.jpg")


class FaultServer:
    """The running fault server's URLs and control requests."""

    def __init__(self, url: str) -> None:
        self.url = url

    def endpoint(self, spec: str) -> str:
        """The S3 endpoint whose requests SPEC (FAULTS@TARGET) fails, as fault_server.py describes."""
        return f"{self.url}/fault/{spec}"

    def requests(self, spec: str, key: str) -> int:
        return len(self.ranges(spec, key))

    def ranges(self, spec: str, key: str) -> list[str]:
        """The Range header of each request for KEY under SPEC's endpoint ("" for none)."""
        return cli.get_json(f"{self.url}/_requests/fault/{spec}/{BUCKET}/{key}")["ranges"]

    def go_down(self) -> None:
        """The source out of reach from now on: every request's connection is closed unanswered."""
        cli.get_json(f"{self.url}/_down")


@pytest.fixture(scope="module")
def corpus(shared_corpus, tmp_path_factory):
    """A copy of ARTICLES in the PMC Cloud layout."""
    copy = tmp_path_factory.mktemp("corpus") / "pmc-cloud"
    (copy / "metadata").mkdir(parents=True)
    for version in ARTICLES:
        shutil.copytree(shared_corpus / "pmc-cloud" / version, copy / version)
        shutil.copy(shared_corpus / "pmc-cloud" / "metadata" / f"{version}.json", copy / "metadata")
    return copy


@pytest.fixture(scope="module")
def local_dataset(biomedica_bin, corpus, tmp_path_factory):
    """The digests of the articles' dataset built from the folder itself."""
    out = tmp_path_factory.mktemp("local") / "out"
    cli.build(biomedica_bin, corpus, out, "--quiet")
    digests = cli.dataset_digests(out)
    assert any(name.endswith(".tar") for name in digests)
    return digests


@pytest.fixture
def server(corpus):
    with cli.fixture_server("fault_server.py", corpus, "--bucket", BUCKET, "--page-size", PAGE_SIZE) as url:
        yield FaultServer(url)


def fetch(binary, server: FaultServer, spec: str, cache, *args: str) -> dict:
    """`biomedica fetch` through the endpoint that fails as SPEC says."""
    return cli.fetch(binary, f"s3://{BUCKET}", cache, "--endpoint", server.endpoint(spec), *args)


@pytest.mark.parametrize("spec, options", [
    ("429@.jpg", []),                       # with Retry-After: 1
    ("429noretry,429noretry@.jpg", []),
    ("500,500@.jpg", []),
    ("503,503,503@.jpg", []),
    ("drop,drop@.jpg", []),                 # the connection closed mid-body
    ("short@.jpg", []),                     # fewer bytes than Content-Length
    ("stall@.jpg", ["--read-timeout", "1"]),
    ("drop,short@.gif", []),
    ("short,503@.xml", []),
    ("drop,500@.json", []),                 # every metadata file, read while listing
    ("503@list", []),                       # every listing page (the probe's too, which has 2 tries)
])
def test_a_fault_within_the_budget_is_recovered(biomedica_bin, server, local_dataset, tmp_path, spec, options):
    cache = tmp_path / "cache"
    fetched = fetch(biomedica_bin, server, spec, cache, *options)
    assert fetched["with_errors"] == 0 and not fetched["errors"], fetched["log"]
    assert fetched["listed"] == fetched["articles"] == len(ARTICLES)  # every listing page was read
    faults, target = spec.split("@")
    if target in WATCHED:  # each fault was served (a resumed download may take one request more)
        assert server.requests(spec, WATCHED[target]) >= len(faults.split(",")) + 1
    if spec == "drop,drop@.jpg":  # each cut body was resumed from the bytes it had delivered
        ranges = server.ranges(spec, WATCHED[target])
        assert ranges[0] == "" and all(re.fullmatch(r"bytes=[1-9]\d*-", asked) for asked in ranges[1:]), ranges
    cli.assert_objects_whole(cache)

    server.go_down()
    offline = tmp_path / "offline"
    cli.build(biomedica_bin, f"s3://{BUCKET}", offline, "--endpoint", server.endpoint(spec), "--cache", cache, "--quiet")
    assert cli.dataset_digests(offline) == local_dataset


def assert_jpegs_failed(fetched: dict, kind: str, cause: str) -> None:
    """Each JPEG of ARTICLES failed with `kind`, and a log line names its URL and matches `cause`."""
    assert fetched["errors"] == {kind: len(JPEGS)} and fetched["with_errors"] == len(ARTICLES), fetched
    for name in JPEGS:
        lines = [line for line in fetched["log"].splitlines() if re.search(rf"http://\S+/{BUCKET}/PMC\S+/{re.escape(name)}: ", line)]
        assert any(re.search(cause, line) for line in lines), (name, fetched["log"])


def assert_no_bad_file(cache) -> None:
    """Whole objects only, and no partial download left behind."""
    cli.assert_objects_whole(cache)
    assert not [p for p in (cache / "tmp").rglob("*") if p.is_file()]


@pytest.mark.parametrize("spec, kind, cause", [
    ("garbage,garbage,garbage,garbage,garbage@.jpg", "checksum-mismatch", r"MD5 [0-9a-f]{32} differs from the source's [0-9a-f]{32}"),
    ("html,html,html,html,html@.jpg", "transfer", r"the server sent an HTML page"),
    ("500,503,500,503,500@.jpg", "transfer", r"HTTP 50[03] after \d tries"),  # more than the default tries
])
def test_a_fault_past_the_budget_is_a_recorded_error(biomedica_bin, server, tmp_path, spec, kind, cause):
    cache = tmp_path / "cache"
    fetched = fetch(biomedica_bin, server, spec, cache)
    assert_jpegs_failed(fetched, kind, cause)
    assert_no_bad_file(cache)


def test_tries_sets_the_budget(biomedica_bin, server, tmp_path):
    fetched = fetch(biomedica_bin, server, "500,503@.jpg", tmp_path / "cache", "--tries", "2")
    assert_jpegs_failed(fetched, "transfer", r"HTTP 503\b.*\b2 tries")
    assert_no_bad_file(tmp_path / "cache")


def test_a_stall_on_every_try_is_a_recorded_timeout(biomedica_bin, server, tmp_path):
    fetched = fetch(biomedica_bin, server, "stall,stall@.jpg", tmp_path / "cache", "--read-timeout", "1", "--tries", "2")
    assert_jpegs_failed(fetched, "transfer", r"after 2 tries")
    assert_no_bad_file(tmp_path / "cache")


def test_rate_caps_requests_per_second(biomedica_bin, server, tmp_path):
    rate = 4
    start = time.monotonic()
    fetched = fetch(biomedica_bin, server, "ok", tmp_path / "cache", "--rate", str(rate))
    seconds, requests = time.monotonic() - start, cli.get_json(f"{server.url}/_stats")["requests"]
    assert fetched["with_errors"] == 0 and requests > 2 * rate
    # Up to a second's worth of requests may go at once; the rest must wait for the rate.
    assert seconds >= (requests - rate) / rate, f"{requests} requests in {seconds:.1f} s"
