#!/usr/bin/env bash
# The main job on the sample corpus that ships in the repository: set up, compile, build the dataset.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build -c release --product biomedica
out=out/sample
rm -rf "$out"
.build/release/biomedica build --source Examples/sample-corpus --out "$out"
cat <<MSG

The dataset is in $out:
  $out/shards/{commercial,noncommercial,other}/000000.tar   WebDataset shards (KEY.jpg, KEY.txt, KEY.json)
  $out/shards/GROUP/sizes.json, index.json                  sample counts (OpenCLIP) and shard MD5s
  $out/parquet/samples.parquet, articles.parquet            one row per sample / per article
  $out/catalog.sqlite                                       everything extracted, and every problem met

Look at it with:
  tar tvf $out/shards/commercial/000000.tar | head
  tar xOf $out/shards/commercial/000000.tar --wildcards '*.json' | head -c 1200; echo
  sqlite3 $out/catalog.sqlite "SELECT pmcid, kind, message FROM problems WHERE stage = 'serialize'"
  .build/release/biomedica show PMC99000001 --catalog $out/catalog.sqlite
MSG
