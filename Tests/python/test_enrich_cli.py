"""`biomedica enrich` and `build --enrich` against the E-utilities stand-in on loopback
(Tests/Fixtures/eutils_server.py), which serves the real efetch answers of ../shared/corpus/efetch,
drops unknown PMIDs as NCBI does, fails chosen requests as NCBI does, and refuses every request
beyond NCBI's rate. What reaches the dataset is checked against Biopython's reading of the same
answers, and read back with pyarrow."""
import json
import re
import sqlite3
import subprocess
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cli import build, fixture_server, get_json, output_digests, read_samples, run

# Corpus articles (PMC Cloud metadata gives their PMIDs) and the efetch records served as theirs.
ALIASES = {
    "23029536": "27797938",  # PMC3460867 gets pubmed4.xml: MeSH with major qualifiers, a structured abstract, 48 cited PMIDs
    "17299597": "12091962",  # PMC1790863 gets a record of pubmed1.xml without an abstract
    "23149571": "11700088",  # PMC3574550 gets a record of pubmed2.xml without MeSH
}
ARTICLE = {"23029536": "PMC3460867", "17299597": "PMC1790863", "23149571": "PMC3574550"}
PMIDS_IN_CORPUS = 14  # the pmc-cloud articles carrying a PMID


@pytest.fixture(scope="module")
def efetch_dir(shared_corpus: Path) -> Path:
    return shared_corpus / "efetch"


def stand_in(efetch_dir: Path, *args: str):
    aliases = [arg for new, old in ALIASES.items() for arg in ("--alias", f"{new}={old}")]
    return fixture_server("eutils_server.py", efetch_dir, *aliases, *args)


def eutils_flags(url: str) -> list[str]:
    return ["--eutils-url", f"{url}entrez/eutils/", "--email", "tests@example.org"]


def biopython_record(efetch_dir: Path, pmid: str) -> dict:
    """The record of `pmid` as Biopython's Entrez.read reads it: the independent reading we compare with."""
    from Bio import Entrez
    for path in sorted(efetch_dir.glob("pubmed*.xml")):
        with open(path, "rb") as handle:
            for article in Entrez.read(handle)["PubmedArticle"]:
                if str(article["MedlineCitation"]["PMID"]) == pmid:
                    return article
    raise KeyError(pmid)


def samples_by_article(out: Path) -> dict[str, list[dict]]:
    by_article: dict[str, list[dict]] = {}
    for sample in read_samples(out).values():
        by_article.setdefault(sample["json"]["article_accession_id"], []).append(sample["json"])
    return by_article


def test_build_enrich_puts_pubmed_records_into_the_dataset(biomedica_bin, shared_corpus, efetch_dir, tmp_path):
    plain = tmp_path / "plain"
    build(biomedica_bin, shared_corpus / "pmc-cloud", plain)
    out = tmp_path / "enriched"
    with stand_in(efetch_dir, "--shuffle", "--fault", "429,503,html,json") as url:
        proc = build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--enrich", *eutils_flags(url))
        requests = get_json(f"{url}_requests")
        stats = get_json(f"{url}_stats")

        assert f"enrich finished: {PMIDS_IN_CORPUS} PMIDs to ask, 3 records stored, 11 without a PubMed record, 0 failed" in proc.stdout
        assert stats["violations"] == 0 and stats["max_per_second"] <= 3
        assert [r["fault"] for r in requests[:4]] == ["429", "503", "html", "json"]
        assert all(r["tool"] == "biomedica" and r["email"] == "tests@example.org" and r["api_key"] is None for r in requests)
        # Every PMID of the corpus was asked for, and those PubMed lacked were asked once more, alone.
        assert sorted(requests[0]["ids"], key=int) == requests[0]["ids"] and len(requests[0]["ids"]) == PMIDS_IN_CORPUS
        assert sorted(requests[-1]["ids"]) == sorted(set(requests[0]["ids"]) - set(ALIASES))
        assert len(requests) == 6

        # A second run asks for nothing and changes nothing.
        before = output_digests(out)
        again = build(biomedica_bin, shared_corpus / "pmc-cloud", out, "--enrich", *eutils_flags(url))
        assert f"enrich finished: 0 PMIDs to ask, 0 records stored" in again.stdout
        assert get_json(f"{url}_stats")["requests"] == len(requests)
        assert output_digests(out) == before

    samples = samples_by_article(out)
    plain_samples = samples_by_article(plain)

    # PMC3460867: MeSH, major topics, publication types and the structured abstract, as Biopython reads them.
    expected = biopython_record(efetch_dir, "27797938")
    citation = expected["MedlineCitation"]
    headings = citation["MeshHeadingList"]
    majors = [str(h["DescriptorName"]) for h in headings
              if h["DescriptorName"].attributes["MajorTopicYN"] == "Y"
              or any(q.attributes["MajorTopicYN"] == "Y" for q in h["QualifierName"])]
    sections = citation["Article"]["Abstract"]["AbstractText"]
    for sample in samples[ARTICLE["23029536"]]:
        assert sample["article_pubmed_enriched"] is True
        assert sample["article_mesh_terms"] == [str(h["DescriptorName"]) for h in headings]
        assert sample["article_mesh_major_terms"] == majors
        assert sample["article_publication_types"] == [str(t) for t in citation["Article"]["PublicationTypeList"]]
        # Biopython keeps inline markup (<i>TERT</i>) as tags; the dataset holds plain text.
        assert sample["article_abstract"] == "\n".join(f"{s.attributes['Label']}: {re.sub('<[^>]+>', '', s)}" for s in sections)
        # This record lists what it cites as CommentsCorrections of type Cites (before ReferenceList).
        cited = [str(c["PMID"]) for c in citation["CommentsCorrectionsList"] if c.attributes["RefType"] == "Cites"]
        assert len(cited) == 48 and set(cited) <= set(sample["article_reference_ids"])
        assert "27920200" not in sample["article_reference_ids"], "a CommentIn is not a reference"

    # PMC1790863: PubMed has no abstract for it, so the JATS abstract stays.
    without_abstract = samples[ARTICLE["17299597"]][0]
    assert without_abstract["article_abstract"] == plain_samples[ARTICLE["17299597"]][0]["article_abstract"]
    assert without_abstract["article_abstract"]
    assert without_abstract["article_mesh_terms"][:2] == [str(h["DescriptorName"])
                                                         for h in biopython_record(efetch_dir, "12091962")["MedlineCitation"]["MeshHeadingList"][:2]]

    # PMC3574550: a record without MeSH is still a record.
    no_mesh = samples[ARTICLE["23149571"]][0]
    assert no_mesh["article_pubmed_enriched"] is True and no_mesh["article_mesh_terms"] == []

    # Every other article is as the plain build has it.
    for pmcid, article_samples in samples.items():
        if pmcid not in ARTICLE.values():
            assert article_samples == plain_samples[pmcid]

    # The Parquet tables say the same.
    articles = {row["article_accession_id"]: row for row in pq.read_table(out / "parquet" / "articles.parquet").to_pylist()}
    enriched = articles[ARTICLE["23029536"]]
    assert enriched["article_mesh_terms"] == samples[ARTICLE["23029536"]][0]["article_mesh_terms"]
    assert enriched["article_mesh_headings"][0] == "Adenocarcinoma/epidemiology*/genetics*"
    assert enriched["article_mesh_ids"][0] == "D000230"
    assert enriched["article_journal_abbreviation"] == str(citation["Article"]["Journal"]["ISOAbbreviation"])
    assert enriched["article_chemicals"] == [str(c["NameOfSubstance"]) for c in citation["ChemicalList"]]
    rows = pq.read_table(out / "parquet" / "samples.parquet").to_pylist()
    assert sum(row["article_pubmed_enriched"] for row in rows) == sum(len(samples[a]) for a in ARTICLE.values())

    # `export` shows each article's record as the catalog keeps it, in snake_case like the rest.
    exported = {a["pmcid"]: a for a in map(json.loads, run(biomedica_bin, "export", "--catalog", out / "catalog.sqlite",
                                                             "--jsonl", "-").stdout.splitlines())}
    record = exported[ARTICLE["23029536"]]["pubmed"]
    assert record["pmid"] == "23029536" and record["mesh_headings"][0]["descriptor"] == {
        "name": "Adenocarcinoma", "unique_id": "D000230", "major_topic": False}
    assert [q["major_topic"] for q in record["mesh_headings"][0]["qualifiers"]] == [True, True]
    assert exported[ARTICLE["23149571"]]["pubmed"]["mesh_headings"] == []
    assert all(a["pubmed"] is None for pmcid, a in exported.items() if pmcid not in ARTICLE.values())

    # Each PMID without a record is a warning of the enrich stage on its article, named in the log.
    with sqlite3.connect(out / "catalog.sqlite") as db:
        problems = db.execute("SELECT pmcid, kind, message FROM problems WHERE stage = 'enrich'").fetchall()
        misses = dict(db.execute("SELECT pmid, kind FROM pubmed_misses").fetchall())
    assert len(problems) == 11 and {kind for _, kind, _ in problems} == {"pubmed-no-record"}
    assert set(misses.values()) == {"no-record"} and len(misses) == 11
    pmcid, _, message = problems[0]
    assert message.startswith(f"{pmcid}.1: PMID ") and "left out of 2 PubMed answers" in message
    assert f"{pmcid}.1: PMID" in proc.stderr


def test_enrich_uses_the_api_key_and_the_lower_rate_given(biomedica_bin, shared_corpus, efetch_dir, tmp_path):
    out = tmp_path / "out"
    build(biomedica_bin, shared_corpus / "pmc-cloud", out)
    env = {"NCBI_API_KEY": "test-key", "NCBI_EMAIL": "env@example.org", "PATH": "/usr/bin:/bin"}
    with stand_in(efetch_dir) as url:
        proc = subprocess.run(
            [str(biomedica_bin), "enrich", "--catalog", out / "catalog.sqlite", "--eutils-url", f"{url}entrez/eutils/",
             "--batch-size", "5", "--rate", "2"], capture_output=True, text=True, timeout=300, env=env)
        assert proc.returncode == 0, proc.stderr
        requests = get_json(f"{url}_requests")
    assert all(r["api_key"] == "test-key" and r["email"] == "env@example.org" for r in requests)
    assert [len(r["ids"]) for r in requests[:3]] == [5, 5, 4]
    times = [r["time"] for r in requests]
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.45, "--rate 2 spaces requests 0.5 s apart"
    assert "3 records stored" in proc.stdout


def test_enrich_needs_a_contact_address(biomedica_bin, shared_corpus, tmp_path):
    out = tmp_path / "out"
    build(biomedica_bin, shared_corpus / "pmc-cloud", out)
    proc = subprocess.run([str(biomedica_bin), "enrich", "--catalog", out / "catalog.sqlite"],
                          capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert proc.returncode == 64
    assert "give --email ADDR or set NCBI_EMAIL" in proc.stderr


def test_enrich_stops_when_eutils_keeps_failing(biomedica_bin, shared_corpus, efetch_dir, tmp_path):
    out = tmp_path / "out"
    build(biomedica_bin, shared_corpus / "pmc-cloud", out)
    with stand_in(efetch_dir, "--fault", ",".join(["500"] * 40)) as url:
        proc = subprocess.run(
            [str(biomedica_bin), "enrich", "--catalog", out / "catalog.sqlite", *eutils_flags(url), "--batch-size", "1"],
            capture_output=True, text=True, timeout=300)
        sent = get_json(f"{url}_stats")["requests"]
    assert proc.returncode == 69, proc.stderr
    assert "E-utilities failed 3 batches in a row, the last with: HTTP 500" in proc.stderr
    assert sent < 40, "the stage stopped asking"
    with sqlite3.connect(out / "catalog.sqlite") as db:
        failed = db.execute("SELECT count(*) FROM pubmed_misses WHERE kind = 'failed'").fetchone()[0]
    assert failed >= 3


def pubmed_tables(catalog: Path) -> tuple[list, list]:
    with sqlite3.connect(catalog) as db:
        return (db.execute("SELECT pmid, record, digest FROM pubmed_records ORDER BY pmid").fetchall(),
                db.execute("SELECT pmid, kind, cause FROM pubmed_misses ORDER BY pmid").fetchall())


def test_a_killed_enrich_resumes_to_the_same_catalog(biomedica_bin, shared_corpus, efetch_dir, tmp_path):
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    for out in (whole, killed):
        build(biomedica_bin, shared_corpus / "pmc-cloud", out)
    flags = ["--batch-size", "1", "--rate", "2"]
    with stand_in(efetch_dir) as url:
        run(biomedica_bin, "enrich", "--catalog", whole / "catalog.sqlite", *eutils_flags(url), *flags)
        first = get_json(f"{url}_stats")["requests"]
        proc = subprocess.Popen([str(biomedica_bin), "enrich", "--catalog", killed / "catalog.sqlite", *eutils_flags(url), *flags],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while get_json(f"{url}_stats")["requests"] < first + 6 and proc.poll() is None:
            time.sleep(0.05)
        proc.kill()
        proc.wait()
        records, misses = pubmed_tables(killed / "catalog.sqlite")
        done = len(records) + len(misses)
        assert 0 < done < PMIDS_IN_CORPUS, "killed after some answers were stored, before the end"
        resumed = run(biomedica_bin, "enrich", "--catalog", killed / "catalog.sqlite", *eutils_flags(url), *flags)
    assert f"enrich finished: {PMIDS_IN_CORPUS - done} PMIDs to ask" in resumed.stdout
    whole_records, whole_misses = pubmed_tables(whole / "catalog.sqlite")
    killed_records, killed_misses = pubmed_tables(killed / "catalog.sqlite")
    assert killed_records == whole_records and len(whole_records) == 3
    assert [m[:2] for m in killed_misses] == [m[:2] for m in whole_misses] and len(whole_misses) == 11


def test_enriched_parts_merge_to_what_one_enriched_build_writes(biomedica_bin, shared_corpus, efetch_dir, tmp_path):
    with stand_in(efetch_dir) as url:
        build(biomedica_bin, shared_corpus / "pmc-cloud", tmp_path / "single", "--enrich", *eutils_flags(url))
        for part in range(2):
            build(biomedica_bin, shared_corpus / "pmc-cloud", tmp_path / "parts" / str(part), "--shard", f"{part}/2",
                  "--enrich", *eutils_flags(url))
    run(biomedica_bin, "merge", "--out", tmp_path / "merged", tmp_path / "parts" / "0", tmp_path / "parts" / "1")
    assert output_digests(tmp_path / "merged") == output_digests(tmp_path / "single")
    assert pubmed_tables(tmp_path / "merged" / "catalog.sqlite")[0] == pubmed_tables(tmp_path / "single" / "catalog.sqlite")[0]
