#!/usr/bin/env bash
# The main job on the sample corpus that ships in the repository: set up, build, extract, show.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build -c release --product biomedica
out=out/sample
rm -rf "$out"
.build/release/biomedica extract --source Examples/sample-corpus --catalog "$out/catalog.sqlite"
.build/release/biomedica export --catalog "$out/catalog.sqlite" --jsonl "$out/articles.jsonl"
cat <<MSG

The catalog is $out/catalog.sqlite and its JSON Lines export $out/articles.jsonl. Look at it with:
  .build/release/biomedica show PMC99000001 --catalog $out/catalog.sqlite
  sqlite3 $out/catalog.sqlite 'SELECT pmcid, label, caption_title FROM figures'
MSG
