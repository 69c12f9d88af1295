"""The efetch stand-in (Tests/Fixtures/eutils_server.py) itself, through urllib: the CLI's tests trust
what it answers, so its records, rate limit and faults are checked here against NCBI's behaviour."""
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cli import fixture_server, get_json

EFETCH = "entrez/eutils/efetch.fcgi"
KNOWN = ["9997", "27797938", "12091962"]  # in pubmed1.xml and pubmed4.xml of the efetch corpus


@pytest.fixture(scope="module")
def efetch_dir(shared_corpus: Path) -> Path:
    folder = shared_corpus / "efetch"
    if not any(folder.glob("pubmed*.xml")):
        pytest.skip(f"no efetch records in {folder}")
    return folder


def efetch(url: str, ids: list[str], method: str = "GET", **params: str):
    """(status, headers, body) of one efetch request with the usual parameters, `params` added or
    overriding them (None leaves one out)."""
    query = {"db": "pubmed", "retmode": "xml", "id": ",".join(ids), "tool": "biomedica-test",
             "email": "test@example.org", **params}
    data = urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
    request = (urllib.request.Request(f"{url}{EFETCH}?{data}") if method == "GET" else
               urllib.request.Request(f"{url}{EFETCH}", data=data.encode(), method="POST",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"}))
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def pmids(body: bytes) -> list[str]:
    """The own PMIDs of the records of an efetch answer, in order."""
    root = ET.fromstring(body)
    assert root.tag == "PubmedArticleSet"
    return [record.findtext("MedlineCitation/PMID") or record.findtext("BookDocument/PMID") for record in root]


def corpus_text(efetch_dir: Path) -> str:
    return "".join(file.read_text("utf-8") for file in sorted(efetch_dir.glob("pubmed*.xml")))


def test_returns_the_exact_records_asked_for_in_order(efetch_dir):
    with fixture_server("eutils_server.py", efetch_dir) as url:
        status, headers, body = efetch(url, ["27797938", "1", "9997"])
        requests = get_json(f"{url}_requests")
    assert status == 200 and headers["Content-Type"] == "text/xml; charset=UTF-8"
    text = body.decode("utf-8")
    assert text.startswith('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC')
    assert "pubmed_250101.dtd" in text
    assert pmids(body) == ["27797938", "9997"]  # PMID 1 is not in the corpus: left out, as NCBI does
    # Each record is served as the very text of its file.
    source = corpus_text(efetch_dir)
    records = re.findall(r"<PubmedArticle>.*?</PubmedArticle>", text, re.S)
    assert len(records) == 2 and all(record in source for record in records)
    assert requests == [{"method": "GET", "time": requests[0]["time"], "ids": ["27797938", "1", "9997"],
                         "tool": "biomedica-test", "email": "test@example.org", "api_key": None,
                         "status": 200, "fault": "ok", "returned": ["27797938", "9997"]}]


def test_post_and_shuffle(efetch_dir):
    with fixture_server("eutils_server.py", efetch_dir, "--shuffle") as url:
        status, _, body = efetch(url, KNOWN, method="POST", api_key="K")
        requests = get_json(f"{url}_requests")
    assert status == 200
    assert sorted(pmids(body)) == sorted(KNOWN) and pmids(body) != KNOWN
    assert requests[0]["method"] == "POST" and requests[0]["api_key"] == "K"


def test_alias_rewrites_only_the_records_own_pmids(efetch_dir):
    with fixture_server("eutils_server.py", efetch_dir, "--alias", "23029536=27797938") as url:
        _, _, original = efetch(url, ["27797938"])
        _, _, alias = efetch(url, ["23029536"])
    before, after = ET.fromstring(original)[0], ET.fromstring(alias)[0]
    assert after.findtext("MedlineCitation/PMID") == "23029536"
    assert [i.text for i in after.findall("PubmedData/ArticleIdList/ArticleId[@IdType='pubmed']")] == ["23029536"]
    # Cited PMIDs (comments, references) stay those of the original.
    cited = ".//CommentsCorrections/PMID", ".//ReferenceList//ArticleId[@IdType='pubmed']"
    for path in cited:
        assert [e.text for e in after.iterfind(path)] == [e.text for e in before.iterfind(path)]


def test_rate_limit_without_api_key(efetch_dir):
    with fixture_server("eutils_server.py", efetch_dir) as url:
        answers = [efetch(url, ["9997"]) for _ in range(5)]
        stats = get_json(f"{url}_stats")
    assert [status for status, _, _ in answers] == [200, 200, 200, 429, 429]
    status, headers, body = answers[3]
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"error": "API rate limit exceeded", "api-key": "127.0.0.1", "count": "4", "limit": "3"}
    assert stats == {"requests": 5, "violations": 2, "max_per_second": 5, "ids_requested": 5}


def test_no_violation_when_paced_or_with_api_key(efetch_dir):
    with fixture_server("eutils_server.py", efetch_dir) as url:
        for _ in range(5):
            assert efetch(url, ["9997"])[0] == 200
            time.sleep(0.4)
        paced = get_json(f"{url}_stats")
        # With a key the limit is 10 a second: 10 back to back pass, the 11th does not.
        keyed = [efetch(url, ["9997"], api_key="KEY")[0] for _ in range(11)]
        keyed_stats = get_json(f"{url}_stats")
    assert paced["violations"] == 0 and paced["max_per_second"] <= 3
    assert keyed == [200] * 10 + [429]
    assert keyed_stats["violations"] == 1


def test_each_fault_answers_as_documented(efetch_dir):
    faults = ["429", "500", "502", "503", "html", "json", "jsonxml", "empty", "partial", "ok"]
    with fixture_server("eutils_server.py", efetch_dir, "--fault", ",".join(faults)) as url:
        # With an api_key: ten requests back to back are within the limit.
        answers = dict(zip(faults, (efetch(url, KNOWN, api_key="KEY") for _ in faults)))
        requests, stats = get_json(f"{url}_requests"), get_json(f"{url}_stats")

    status, headers, body = answers["429"]
    assert (status, headers["Retry-After"], headers["Content-Type"]) == (429, "1", "application/json")
    assert json.loads(body)["error"] == "API rate limit exceeded"
    for code in ("500", "502", "503"):
        status, headers, body = answers[code]
        assert status == int(code) and headers["Content-Type"].startswith("text/html") and b"<html>" in body
    status, headers, body = answers["html"]
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"<html" in body
    for fault, content_type in (("json", "application/json"), ("jsonxml", "text/xml; charset=UTF-8")):
        status, headers, body = answers[fault]
        assert (status, headers["Content-Type"]) == (200, content_type)
        assert json.loads(body) == {"ERROR": "Unable to obtain query #1"}
    assert answers["empty"][0] == 200 and pmids(answers["empty"][2]) == []
    assert answers["partial"][0] == 200 and pmids(answers["partial"][2]) == KNOWN[1:]
    assert answers["ok"][0] == 200 and pmids(answers["ok"][2]) == KNOWN
    assert [r["fault"] for r in requests] == faults
    assert [r["status"] for r in requests] == [429, 500, 502, 503, 200, 200, 200, 200, 200, 200]
    assert stats["violations"] == 0  # a 429 fault is not a rate violation


@pytest.mark.parametrize("missing", ["tool", "email", "db", "id"])
def test_bad_request(efetch_dir, missing):
    with fixture_server("eutils_server.py", efetch_dir, "--fault", "500") as url:
        status, _, body = efetch(url, KNOWN, **{missing: None})
        status_empty, _, _ = efetch(url, [])
        first, second = efetch(url, KNOWN)[0], efetch(url, KNOWN)[0]
        requests = get_json(f"{url}_requests")
    assert status == 400 and status_empty == 400 and missing.encode() in body
    assert (first, second) == (500, 200)  # the 400s spent no fault; past the end of the list: normal
    assert [r["fault"] for r in requests] == ["bad-request", "bad-request", "500", "ok"]
