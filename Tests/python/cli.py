"""Locating and running the biomedica CLI and the shared corpus (used by conftest and tests)."""
import json
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE_CORPUS = REPO / "Examples" / "sample-corpus"


def biomedica_bin() -> Path:
    return Path(os.environ.get("BIOMEDICA_BIN", REPO / ".build" / "debug" / "biomedica"))


def shared_corpus() -> Path | None:
    """The real-article corpus next to the repository (../shared/corpus), or $BIOMEDICA_CORPUS."""
    path = Path(os.environ.get("BIOMEDICA_CORPUS", REPO.parent / "shared" / "corpus"))
    return path if (path / "pmc-cloud").is_dir() else None


def run(binary: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"biomedica {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr[-4000:]}"
    return proc


def extract_and_export(binary: Path, source: Path, workdir: Path, *extract_args: str) -> list[dict]:
    """`biomedica extract` into workdir/c.sqlite, then `biomedica export` to workdir/out.jsonl."""
    catalog, jsonl = workdir / "c.sqlite", workdir / "out.jsonl"
    run(binary, "extract", "--source", source, "--catalog", catalog, *extract_args)
    run(binary, "export", "--catalog", catalog, "--jsonl", jsonl)
    return [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]


def norm(text: str | None) -> str:
    """Fold every run of whitespace (NBSP included) into one space, as both tools should read it."""
    return " ".join((text or "").split())


def replicate_cloud_corpus(pmc_cloud: Path, work: Path, replicas: int) -> list[Path]:
    """The PMC Cloud corpus `replicas` times over under distinct PMCIDs, in `work`; returns the XML paths.

    XML and media are symlinks to the originals; only the metadata JSON is rewritten (pmcid and the
    folder in its URLs), so a large corpus costs nothing to build and the XML bytes are the real ones.
    """
    (work / "metadata").mkdir(parents=True)
    xmls = []
    for r in range(1, replicas + 1):
        for src in sorted(pmc_cloud.glob("PMC*.*")):
            pmcid, version = src.name.split(".")
            new = f"PMC{r * 10**9 + int(pmcid[3:])}"  # digits only, distinct per replica
            dst = work / f"{new}.{version}"
            dst.mkdir()
            for f in src.iterdir():
                if f.name == f"{src.name}.json":
                    meta = json.loads(f.read_text())
                    text = json.dumps(meta, indent=2).replace(f"/{src.name}/", f"/{dst.name}/")
                    text = text.replace(f'"pmcid": "{pmcid}"', f'"pmcid": "{new}"')
                    (dst / f"{dst.name}.json").write_text(text)
                    (work / "metadata" / f"{dst.name}.json").write_text(text)
                elif f.name == f"{src.name}.xml":
                    (dst / f"{dst.name}.xml").symlink_to(f.resolve())
                else:
                    (dst / f.name).symlink_to(f.resolve())
            xmls.append(dst / f"{dst.name}.xml")
    return xmls
