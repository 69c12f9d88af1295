#!/usr/bin/env bash
# Sets up and runs the whole test suite: Swift tests, then the Python tests that check the CLI
# with readers and peers written by others (pubmed_parser, moto's S3 server).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --with-python
export BIOMEDICA_PYTHON="$PWD/.venv/bin/python"

swift build --product biomedica
swift test
.venv/bin/python -m pytest -q Tests/python
