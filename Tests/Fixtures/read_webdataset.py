#!/usr/bin/env python3
"""Reads WebDataset shards with two independent readers and prints a JSON summary.

Used by the Swift WebDatasetTests to check that shards written by biomedica's own tar writer are
read the same way by (1) Python's standard `tarfile` module and (2) the `webdataset` package
(tested against 1.0.2), which is what training code will use.

Usage: read_webdataset.py SHARD.tar [SHARD.tar ...]
Output (stdout): {"tarfile": [{"shard", "members": [{"name", "size", "mode", "mtime", "uid", "gid"}]}],
                  "webdataset": [{"key", "url", "extensions", "txt", "json"}]}
"""

import json
import os
import sys
import tarfile


def read_with_tarfile(paths):
    shards = []
    for path in paths:
        with tarfile.open(path, mode="r:") as archive:
            members = []
            for info in archive.getmembers():
                members.append({
                    "name": info.name, "size": info.size, "mode": info.mode,
                    "mtime": int(info.mtime), "uid": info.uid, "gid": info.gid,
                    "type": info.type.decode("ascii"),
                })
            shards.append({"shard": os.path.basename(path), "members": members})
    return shards


def read_with_webdataset(paths):
    import webdataset as wds

    samples = []
    # shardshuffle=False keeps shard order (and silences 1.0's warning about the default).
    dataset = wds.WebDataset(paths, shardshuffle=False)
    for sample in dataset:
        extensions = sorted(k for k in sample if not k.startswith("__"))
        samples.append({
            "key": sample["__key__"],
            "url": os.path.basename(sample["__url__"]),
            "extensions": extensions,
            "txt": sample["txt"].decode("utf-8") if "txt" in sample else None,
            "json": json.loads(sample["json"]) if "json" in sample else None,
        })
    return samples


def main():
    paths = sys.argv[1:]
    if not paths:
        print("usage: read_webdataset.py SHARD.tar [...]", file=sys.stderr)
        return 2
    summary = {"tarfile": read_with_tarfile(paths), "webdataset": read_with_webdataset(paths)}
    json.dump(summary, sys.stdout, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
