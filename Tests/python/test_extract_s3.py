"""Extraction and builds through a real S3-compatible server on loopback give what a local folder gives."""
import subprocess
import sys
from pathlib import Path

import pytest

from cli import extract_and_export

FIXTURE = Path(__file__).resolve().parents[1] / "Fixtures" / "s3_server.py"


@pytest.fixture
def s3_endpoint(shared_corpus):
    """moto's S3 server on loopback, serving the PMC Cloud corpus as s3://pmc-oa-opendata/mirror."""
    server = subprocess.Popen([sys.executable, str(FIXTURE), "pmc-oa-opendata", f"mirror/={shared_corpus / 'pmc-cloud'}"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        endpoint = server.stdout.readline().strip()
        assert endpoint.startswith("http://127.0.0.1:"), endpoint
        yield endpoint
    finally:
        server.stdin.close()
        server.wait(timeout=30)


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
