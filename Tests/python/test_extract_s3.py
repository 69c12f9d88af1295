"""Extraction, builds and fetches through a real S3-compatible server on loopback give what a local
folder gives."""
import subprocess

import pytest

import cli
from cli import extract_and_export


def moto_serving(shared_corpus):
    """moto's S3 server on loopback, serving the PMC Cloud corpus as s3://pmc-oa-opendata/mirror."""
    return cli.fixture_server("s3_server.py", "pmc-oa-opendata", f"mirror/={shared_corpus / 'pmc-cloud'}")


@pytest.fixture
def s3_endpoint(shared_corpus):
    with moto_serving(shared_corpus) as endpoint:
        yield endpoint


def test_bucket_and_folder_give_the_same_catalog(biomedica_bin, shared_corpus, s3_endpoint, tmp_path):
    (tmp_path / "s3").mkdir()
    (tmp_path / "local").mkdir()
    through_s3 = extract_and_export(biomedica_bin, "s3://pmc-oa-opendata/mirror", tmp_path / "s3",
                                    "--endpoint", s3_endpoint)
    local = extract_and_export(biomedica_bin, shared_corpus / "pmc-cloud", tmp_path / "local")
    assert len(local) == 24
    assert through_s3 == local


def test_dataset_built_through_s3_is_the_one_built_from_the_folder(biomedica_bin, shared_corpus, s3_endpoint, tmp_path):
    """`build` reads the images through the S3 server too, and writes the same bytes."""
    for name, source, extra in [("s3", "s3://pmc-oa-opendata/mirror", ["--endpoint", s3_endpoint]),
                                ("local", str(shared_corpus / "pmc-cloud"), [])]:
        subprocess.run([str(biomedica_bin), "build", "--source", source, "--out", str(tmp_path / name), "--quiet", *extra],
                       check=True, timeout=600)
    outputs = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*")
                     if p.is_file() and p.suffix in {".tar", ".json", ".parquet"})
    assert len([p for p in outputs if p.suffix == ".tar"]) == 3
    for path in outputs:
        assert (tmp_path / "s3" / path).read_bytes() == (tmp_path / "local" / path).read_bytes(), path


def test_a_cache_fetched_through_s3_builds_offline_what_the_folder_builds(biomedica_bin, shared_corpus, tmp_path):
    """`fetch` through moto (which reads the corpus's inventory report, then every object), then, with moto
    stopped, `build` from the cache alone writes the bytes a build from the folder writes."""
    source, cache = "s3://pmc-oa-opendata/mirror", tmp_path / "cache"
    with moto_serving(shared_corpus) as endpoint:
        fetched = cli.fetch(biomedica_bin, source, cache, "--endpoint", endpoint)
    assert fetched["articles"] == 24 and fetched["with_errors"] == 0, fetched
    cli.assert_objects_whole(cache)

    cli.build(biomedica_bin, source, tmp_path / "offline", "--endpoint", endpoint, "--cache", cache, "--quiet")
    cli.build(biomedica_bin, shared_corpus / "pmc-cloud", tmp_path / "local", "--quiet")
    local = cli.dataset_digests(tmp_path / "local")
    assert any(name.endswith(".tar") for name in local)
    assert cli.dataset_digests(tmp_path / "offline") == local
