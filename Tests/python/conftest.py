from pathlib import Path

import pytest

import cli


@pytest.fixture(scope="session")
def biomedica_bin() -> Path:
    path = cli.biomedica_bin()
    if not path.is_file():
        pytest.skip(f"biomedica binary not found at {path}: run `swift build` or set BIOMEDICA_BIN")
    return path


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    path = cli.shared_corpus()
    if path is None:
        pytest.skip("shared corpus not found at ../shared/corpus: set BIOMEDICA_CORPUS to use these tests")
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path
