"""Writes each harness's seed corpus from ../shared/corpus into SEEDS/HARNESS/: real inputs of the kinds
each parser reads, so that fuzzing starts from valid files and mutates them.

Usage: seeds.py CORPUS SEEDS"""
import gzip
import io
import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image

corpus, seeds = Path(sys.argv[1]), Path(sys.argv[2])


def put(harness: str, name: str, data: bytes) -> None:
    folder = seeds / harness
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


for path in [*sorted((corpus / "jats").iterdir()), *sorted(corpus.glob("pmc-cloud/PMC*/*.xml")), *sorted(corpus.glob("bad/pmc-cloud/PMC*/*.xml"))]:
    put("FuzzJATS", f"{path.parent.name}-{path.name}", path.read_bytes())

for path in sorted((corpus / "efetch").glob("*.xml")):
    put("FuzzPubMed", path.name, path.read_bytes())

for path in sorted(corpus.glob("legacy/oa_package/*/*/*.tar.gz")) + sorted(corpus.glob("bad/legacy/**/*.tar.gz")):
    try:
        put("FuzzTar", path.name.replace(".gz", ""), gzip.decompress(path.read_bytes()))
    except (OSError, EOFError):
        put("FuzzTar", path.name, path.read_bytes())

rng = np.random.default_rng(0)
for name, array in [("f32.npy", rng.random((7, 5), dtype=np.float32)), ("i64.npy", np.arange(9, dtype=np.int64)),
                    ("col.npy", np.arange(4, dtype=np.int64).reshape(4, 1)), ("empty.npy", np.zeros((0, 3), dtype=np.float32)),
                    ("fortran.npy", np.asfortranarray(rng.random((3, 4), dtype=np.float32)))]:
    buffer = io.BytesIO()
    np.save(buffer, array)
    put("FuzzNPY", name, buffer.getvalue())

keys = sorted(f"metadata/{p.name}" for p in (corpus / "pmc-cloud" / "metadata").iterdir())
contents = "".join(f"<Contents><Key>{key}</Key><LastModified>2026-11-20T01:00:00.000Z</LastModified>"
                   f"<ETag>&quot;{i:032x}&quot;</ETag><Size>{1000 + i}</Size></Contents>" for i, key in enumerate(keys))
put("FuzzS3Listing", "page.xml", (
    '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
    f"<Name>pmc</Name><Prefix>metadata/</Prefix><KeyCount>{len(keys)}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>"
    f"{contents}<NextContinuationToken>{keys[-1]}</NextContinuationToken></ListBucketResult>").encode())
put("FuzzS3Listing", "prefixes.xml", (
    '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>pmc</Name><Prefix></Prefix><Delimiter>/</Delimiter>'
    "<CommonPrefixes><Prefix>PMC1.1/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>metadata/</Prefix></CommonPrefixes>"
    "<IsTruncated>false</IsTruncated></ListBucketResult>").encode())

for manifest in sorted(corpus.glob("pmc-cloud/inventory-reports/**/manifest.json")):
    described = json.loads(manifest.read_text())
    for index, file in enumerate(described["files"]):
        data = (corpus / "pmc-cloud" / file["key"]).read_bytes() if (corpus / "pmc-cloud" / file["key"]).is_file() else b""
        put("FuzzInventory", f"{manifest.parent.name}-{index}", manifest.read_bytes() + b"\0" + data)

for path in sorted(corpus.glob("pmc-cloud/PMC*/*"))[:40] + sorted(corpus.glob("bad/pmc-cloud/PMC*/*.jpg")):
    if path.suffix in (".jpg", ".gif"):
        put("FuzzImageHeader", f"{path.parent.name}-{path.name}", path.read_bytes())
image = Image.fromarray(rng.integers(0, 255, (24, 32, 3), dtype=np.uint8))
for kind in ("PNG", "TIFF", "WEBP", "GIF"):
    buffer = io.BytesIO()
    image.save(buffer, kind)
    put("FuzzImageHeader", f"small.{kind.lower()}", buffer.getvalue())
