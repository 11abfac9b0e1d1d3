"""The two halves of the development material, for rules written on one half and checked on the other.

corpus_dev is split by site (the URL's domain in urls.csv), corpus_press by outlet (metadata.csv);
the copies and rewrites of one story (corpus_dev's gold/duplicates.csv; corpus_press's p012 ~ p013
and p014 = p017, named in ../shared/README.md) stay in the half of the first of them. A group goes to
half A when the first hexadecimal digit of the SHA-1 of its key (the domain or outlet, lower-cased)
is even, else to half B: no judgement of ours enters the split.

Rules were written looking at half A only; half B was scored, not read.

    python tests/halves.py corpus_press statements.csv   # scores of each half of a prediction
    python tests/halves.py corpus_press documents.csv documents
"""
from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
#: corpus_press stories told twice (../shared/README.md)
PRESS_SAME_STORY = [("p012", "p013"), ("p014", "p017")]


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _group_keys(corpus: str, shared: Path) -> tuple[dict[str, str], list[tuple[str, ...]]]:
    if corpus == "corpus_dev":
        key = {r["doc_id"]: (urlparse(r["url"]).hostname or "").lower().removeprefix("www.")
               for r in _rows(shared / corpus / "urls.csv")}
        stories = [tuple(r["docs"].split()) for r in _rows(shared / corpus / "gold" / "duplicates.csv")]
    else:
        key = {r["doc_id"]: r["outlet"].strip().lower() for r in _rows(shared / corpus / "metadata.csv")}
        stories = PRESS_SAME_STORY
    return key, stories


def split_halves(corpus: str, *, shared: Path = SHARED) -> dict[str, str]:
    """Return ``doc_id -> "A" | "B"`` for ``corpus_dev`` or ``corpus_press``.

    Example:
        >>> split_halves("corpus_press")["p014"] == split_halves("corpus_press")["p017"]  # doctest: +SKIP
        True
    """
    key, stories = _group_keys(corpus, shared)
    half = {d: "A" if int(hashlib.sha1(k.encode()).hexdigest()[0], 16) % 2 == 0 else "B" for d, k in key.items()}
    for docs in stories:
        for d in docs[1:]:
            half[d] = half[docs[0]]
    return half


def write_half_gold(corpus: str, half: str, folder: Path, *, shared: Path = SHARED) -> Path:
    """Write the gold files of one half of ``corpus`` into ``folder`` (for ``score.py``) and return it."""
    docs = {d for d, h in split_halves(corpus, shared=shared).items() if h == half}
    gold = shared / corpus / "gold"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("statements.csv", "documents.csv"):
        rows = _rows(gold / name)
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(r for r in rows if r["doc_id"] in docs)
    (folder / "speakers.csv").write_bytes((gold / "speakers.csv").read_bytes())
    return folder


def score_half(corpus: str, half: str, pred: Path, *, kind: str = "statements", shared: Path = SHARED) -> str:
    """Return the scorer's output for one half of ``corpus`` given a ``statements`` (or ``documents``,
    scored with the raw texts for content lost) prediction file."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = write_half_gold(corpus, half, Path(tmp) / "gold", shared=shared)
        raw = ["--raw", str(shared / corpus / "raw")] if kind == "documents" else []
        return subprocess.run([sys.executable, str(shared / "tools" / "score.py"), kind, "--gold", str(gold),
                               "--pred", str(pred), *raw], capture_output=True, text=True, check=True).stdout


if __name__ == "__main__":
    # python tests/halves.py corpus_press documents.csv documents   # the cleaning and dating scores
    what = sys.argv[3] if len(sys.argv) > 3 else "statements"
    for h in ("A", "B"):
        print(h, score_half(sys.argv[1], h, Path(sys.argv[2]), kind=what).strip().splitlines()[-1])
