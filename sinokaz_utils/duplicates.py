"""Near-duplicate detection: syndicated copies of one story are counted once.

What belongs here: finding documents whose cleaned texts are the same story (the same wire
text on two sites with different page debris, or lightly re-edited) and pointing each copy
at one canonical document. What does not: cleaning (``clean``) or deciding what analyses
include (``Corpus.documents``).

Method: word 5-gram shingles of ``text_clean`` (matching form, so quotes, apostrophes and
case do not matter); candidate pairs from datasketch MinHash LSH; each candidate verified
exactly: the share of the shorter text's shingles found in the longer one (containment) must
reach 0.6 (the corpus default). Different stories about the same meeting share names and
phrases but few 5-word sequences: on corpus_dev and the seeds they stay below 0.1, copies are
at 1.0 and a lightly re-edited wire text at 0.59, so 0.6 leaves a wide margin on both sides.

An export can also say it outright: Europresse lists under "Aussi paru dans" the other
outlets and dates an article appeared in. A document of the corpus from one of those outlets,
published that day, with the same title (or sharing a third of its shingles: a web version
re-edited) is the same story, whatever its text's containment (:func:`also_in_pairs`).

Canonical copy of a group: the earliest published; among equals (or undated), the longest
cleaned text; then the smallest ``doc_id``. Every other member gets ``duplicate_of`` = the
canonical doc_id; the canonical document has ``duplicate_of`` = None.
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .read import normalize_for_matching

_WORD = re.compile(r"\w+(?:'\w+)*")


def shingles(text: str, *, size: int = 5) -> set[str]:
    """Return the set of word ``size``-grams of ``text`` in matching form.

    Example:
        >>> sorted(shingles("Le président a rencontré Tokaïev", size=4))
        ['le président a rencontré', 'président a rencontré tokaïev']
    """
    words = _WORD.findall(normalize_for_matching(text))
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other one (0 when either is empty)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def find_duplicate_pairs(texts: dict[str, str], *, shingle: int = 5, num_perm: int = 128,
                         lsh_threshold: float = 0.5, containment_min: float = 0.6,
                         min_shingles: int = 15, max_df: int = 50) -> list[tuple[str, str, float]]:
    """Return verified near-duplicate pairs ``(doc_a, doc_b, containment)``.

    Texts with fewer than ``min_shingles`` shingles are never matched (too short to tell a
    copy from a shared phrase). A story copied n times gives n(n-1)/2 pairs: ``mark_duplicates``
    does not list them, it works on groups of exact copies.

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> t = sorted(RAW_DIR.glob("*.txt"))[0].read_text(encoding="utf-8")
        >>> find_duplicate_pairs({"a": t, "b": t + " Partager", "c": "Autre chose entièrement.", "d": t})
        [('a', 'b', 1.0), ('a', 'd', 1.0), ('b', 'd', 1.0)]
    """
    checked, reps = _match_copies(texts, shingle=shingle, num_perm=num_perm, lsh_threshold=lsh_threshold,
                                  containment_min=containment_min, min_shingles=min_shingles, max_df=max_df)
    # every pair among the members of two matched groups, and within each group of copies
    out = []
    for a, b, c in checked:
        out += [tuple(sorted((x, y))) + (c,) for x in reps[a] for y in reps[b]]
    for members in reps.values():
        out += [(x, y, 1.0) for i, x in enumerate(members) for y in members[i + 1:]]
    return sorted(out)


def _match_copies(texts: dict[str, str], *, shingle: int, num_perm: int, lsh_threshold: float,
                  containment_min: float, min_shingles: int = 15, max_df: int = 50):
    """Return ``(pairs, groups)``: verified pairs between representatives of groups of exact copies,
    and ``{representative: members}`` (each member's shingles identical to its representative's)."""
    from datasketch import MinHash, MinHashLSH

    sets = {k: shingles(v, size=shingle) for k, v in texts.items()}
    sets = {k: s for k, s in sets.items() if len(s) >= min_shingles}
    # exact copies (the same shingles: syndication, or one article saved twice) are grouped by
    # hash first, so that a story copied a thousand times costs one comparison per copy instead
    # of half a million; only one member of each group goes through LSH and the exact check
    copies: dict[frozenset, list[str]] = {}
    for k in sorted(sets):
        copies.setdefault(frozenset(sets[k]), []).append(k)
    reps = {members[0]: members for members in copies.values()}
    # containment, not Jaccard, is what copies share; LSH on Jaccard with a low threshold
    # finds the candidates, the exact check decides.
    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
    hashes = {}
    for k in reps:
        m = MinHash(num_perm=num_perm, seed=1)
        m.update_batch([sh.encode("utf-8") for sh in sets[k]])
        hashes[k] = m
        lsh.insert(k, m)
    pairs = set()
    for k, m in hashes.items():
        for other in lsh.query(m):
            if other != k:
                pairs.add(tuple(sorted((k, other))))
    # LSH keys on Jaccard; a short copy inside a long page can fall below it, so pairs sharing
    # at least `min_shingles` shingles are also checked exactly, found through an inverted
    # index (shingles common to many texts, such as set phrases, are left out of it; a text's
    # exact copies count towards that frequency)
    index: dict[str, list[str]] = {}
    for k in sorted(reps):
        for sh in sets[k]:
            index.setdefault(sh, []).append(k)
    shared: Counter = Counter()
    for keys in index.values():
        if 1 < sum(len(reps[k]) for k in keys) <= max_df:
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    shared[(a, b)] += 1
    pairs.update(pair for pair, n in shared.items() if n >= min_shingles)
    checked = []
    for a, b in sorted(pairs):
        c = containment(sets[a], sets[b])
        if c >= containment_min:
            checked.append((a, b, round(c, 4)))
    return checked, reps


def mark_duplicates(docs: pd.DataFrame, *, shingle: int = 5, num_perm: int = 128, lsh_threshold: float = 0.5,
                    containment: float = 0.6) -> pd.DataFrame:
    """Set ``duplicate_of`` on copies of the same story (see the module docstring for the rule).

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> t = sorted(RAW_DIR.glob("*.txt"))[0].read_text(encoding="utf-8")
        >>> df = pd.DataFrame({"doc_id": ["a", "b"], "published": [pd.NaT, pd.NaT], "text_clean": [t, t]})
        >>> mark_duplicates(df)["duplicate_of"].tolist()
        [None, 'a']
    """
    docs = docs.copy()
    docs["duplicate_of"] = pd.Series([None] * len(docs), index=docs.index, dtype=object)
    if len(docs) < 2:
        return docs
    texts = dict(zip(docs["doc_id"].astype(str), docs["text_clean"].astype(str)))
    pairs, reps = _match_copies(texts, shingle=shingle, num_perm=num_perm, lsh_threshold=lsh_threshold,
                                containment_min=containment)
    pairs = pairs + [(rep, m, 1.0) for rep, members in reps.items() for m in members[1:]]
    pairs = pairs + also_in_pairs(docs, shingle=shingle)
    parent = {k: k for k in texts}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for k in texts:
        groups.setdefault(find(k), []).append(k)
    published = dict(zip(docs["doc_id"].astype(str), docs["published"]))
    canonical_of = {}
    for members in groups.values():
        if len(members) < 2:
            continue

        def key(d):
            p = published.get(d)
            return (pd.isna(p), p if not pd.isna(p) else pd.Timestamp.max, -len(texts[d]), d)

        canon = min(members, key=key)
        for d in members:
            if d != canon:
                canonical_of[d] = canon
    # object dtype: None (not NaN) for canonical documents
    docs["duplicate_of"] = pd.Series([canonical_of.get(str(d)) for d in docs["doc_id"]], index=docs.index, dtype=object)
    return docs


def _outlet_key(name: str) -> str:
    # "Le Monde (site web)" and "Le Monde" are one outlet here: the list names editions
    return normalize_for_matching(re.split(r",\s*no\.?\s|\s\(", str(name))[0], strip_accents=True)


def also_in_pairs(docs: pd.DataFrame, *, shingle: int = 5, min_share: float = 0.3) -> list[tuple[str, str, float]]:
    """Pairs of documents one export states are the same article ("Aussi paru dans").

    Each ``also_in`` entry (``"13 octobre 2023 - Le Monde (site web)"``) names an outlet and a
    date; a document of that outlet, published that day, is the same story when its title is
    the same or when a third of the shorter text's shingles are in the other (a web version
    re-edited). Documents without ``also_in`` (every file that is not an export) give none.

    Example:
        >>> df = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Titre", "Titre"], "outlet": ["Le Monde", "Le Monde"],
        ...                    "published": pd.to_datetime(["2023-10-16", "2023-10-13"]), "text_clean": ["x", "y"],
        ...                    "also_in": ["13 octobre 2023 - Le Monde (site web)", None]})
        >>> also_in_pairs(df)
        [('a', 'b', 1.0)]
    """
    if "also_in" not in docs.columns or docs["also_in"].isna().all():
        return []
    from .read._export import parse_printed_date

    by_key: dict[tuple[str, object], list[int]] = {}
    for i, (outlet, published) in enumerate(zip(docs["outlet"], docs["published"])):
        if isinstance(outlet, str) and not pd.isna(published):
            by_key.setdefault((_outlet_key(outlet), pd.Timestamp(published).date()), []).append(i)
    ids, titles, texts = list(docs["doc_id"].astype(str)), list(docs["title"]), list(docs["text_clean"].astype(str))
    pairs = []
    for i, listed in enumerate(docs["also_in"]):
        if not isinstance(listed, str) or not listed.strip():
            continue
        for entry in listed.split("; "):
            date_text, _, outlet = entry.partition(" - ")
            day = parse_printed_date(date_text)
            for j in by_key.get((_outlet_key(outlet), day), []) if day and outlet else []:
                if j == i:
                    continue
                same_title = isinstance(titles[i], str) and isinstance(titles[j], str) and \
                    normalize_for_matching(titles[i]) == normalize_for_matching(titles[j])
                share = containment(shingles(texts[i], size=shingle), shingles(texts[j], size=shingle))
                if same_title or share >= min_share:
                    pairs.append((*sorted((ids[i], ids[j])), 1.0 if same_title else round(share, 4)))
    return sorted(set(pairs))

