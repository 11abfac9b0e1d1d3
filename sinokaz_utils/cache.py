"""A small on-disk cache for processed tables: Parquet files beside a JSON manifest.

What belongs here: hashing inputs, reading and writing cached tables atomically, locking
so that two processes never write the same entry at once, detecting a corrupt entry.
What does not: deciding *what* to cache (the corpus and NLP modules do that).

Each entry ``<cache_dir>/<name>/`` holds ``<table>.parquet`` files and ``manifest.json``
with the hashes of the inputs, the package version and the parameters. An entry is valid
when its manifest matches the request exactly and every table file has the SHA-256 recorded
when it was written (a corrupt or truncated file is rebuilt with a warning).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd
from filelock import FileLock

from .config import VERSION
from .labels import SinokazWarning


def hash_bytes(data: bytes) -> str:
    """Return the SHA-256 hex digest of ``data``."""
    return hashlib.sha256(data).hexdigest()


def hash_file(path: Path) -> str:
    """Return the SHA-256 hex digest of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def hash_json(obj) -> str:
    """Return a stable hash of a JSON-serialisable object (keys sorted)."""
    return hash_bytes(json.dumps(obj, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))


def plain_file_mode() -> int:
    """The permission bits a plain ``open(path, "w")`` gives a new file under the current umask.

    ``tempfile.mkstemp`` creates its file readable by its owner only (mode 600); a file written
    through it is given these bits before the rename, so that a co-author on a shared server
    reads the figures and tables as they read any other file of the user's.

    Example:
        >>> plain_file_mode() & 0o600 == 0o600
        True
    """
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (the mode of a plain write)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, plain_file_mode())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet_atomic(df: pd.DataFrame, path: Path) -> None:
    """Write a DataFrame to Parquet through a temporary file and a rename (the mode of a plain write)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(fd, plain_file_mode())
    os.close(fd)
    try:
        df.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached_tables(
    cache_dir: Path | None,
    name: str,
    *,
    manifest: Mapping,
    build: Callable[[], dict[str, pd.DataFrame]],
    refresh: bool = False,
) -> dict[str, pd.DataFrame]:
    """Return the tables of cache entry ``name``, building and storing them if needed.

    Args:
        cache_dir: root of the cache; ``None`` disables caching (``build`` always runs).
        name: entry name, e.g. ``"documents-<hash>"``.
        manifest: what the entry depends on (input hashes, parameters); the package
            version is added. A stored entry is used only if its manifest is identical.
        build: function returning ``{table_name: DataFrame}``.
        refresh: rebuild even if a valid entry exists.

    Example:
        >>> tables = cached_tables(None, "demo", manifest={"x": 1},
        ...                        build=lambda: {"t": pd.DataFrame({"a": [1]})})
        >>> tables["t"].a.tolist()
        [1]
    """
    if cache_dir is None:
        return build()
    want = {**dict(manifest), "package_version": VERSION}
    entry = Path(cache_dir) / name
    entry.mkdir(parents=True, exist_ok=True)
    manifest_path = entry / "manifest.json"
    with FileLock(str(entry / ".lock"), timeout=600):
        if not refresh and manifest_path.exists():
            try:
                stored = json.loads(manifest_path.read_text(encoding="utf-8"))
                if stored.get("manifest") == json.loads(json.dumps(want, default=str)) and "sha256" in stored:
                    # Parquet does not checksum its pages: a flipped byte in a text column
                    # reads back as different text without any error, so each table's hash
                    # is checked against the one recorded when it was written
                    for t in stored["tables"]:
                        if hash_file(entry / f"{t}.parquet") != stored["sha256"][t]:
                            raise ValueError(f"{t}.parquet ne correspond plus à son empreinte enregistrée")
                    return {t: pd.read_parquet(entry / f"{t}.parquet") for t in stored["tables"]}
            except Exception as exc:  # truncated or corrupt entry: rebuild it
                from .read.reasons import describe_error

                warnings.warn(f"cache : l'entrée {entry} est illisible ({describe_error(exc)}) ; "
                              "elle est reconstruite", SinokazWarning, stacklevel=2)
        tables = build()
        manifest_path.unlink(missing_ok=True)  # never leave a manifest pointing at half-written tables
        for t, df in tables.items():
            write_parquet_atomic(df, entry / f"{t}.parquet")
        record = {"manifest": want, "tables": sorted(tables),
                  "sha256": {t: hash_file(entry / f"{t}.parquet") for t in tables}}
        write_atomic(manifest_path, json.dumps(record, indent=2, default=str, ensure_ascii=False).encode("utf-8"))
        return tables
