"""Lexical worlds: Reinert's descending hierarchical classification, class profiles, correspondence analysis.

What belongs here: the Reinert method as ALCESTE, IRaMuTeQ and the R package rainette run it
on text segments (:func:`classify_segments`, simple or double), what characterises each class
(the χ² of every term per class with its p-value, :func:`class_profiles`; the segments most
typical of a class, :func:`typical_segments`; one row per class, :func:`summarize_classes`;
classes crossed with the units' metadata, :func:`cross_classes`, on the French variables of
:func:`segment_variables`), the correspondence analysis of a vocabulary × partition table
(:func:`correspondence_analysis`, through ``prince``), and the readings of these tables in
French with their numbers (``describe_*``). What does not: cutting texts into segments,
giving them their voice and speaker, and counting their terms (the terms layer:
``terms.term_matrix(unit="segment")``; grouping the counts by a partition is
``TermMatrix.group``), drawing (``plotting.classes``).

The method (Reinert 1983, 1990; rainette's ``rainette()`` and ``rainette2()``):

1. the units × terms matrix is made binary (a term is present in a segment or not); terms
   present in fewer than ``min_term_freq`` segments are left out; consecutive segments of one
   document are merged until each holds ``min_segment_size`` distinct terms;
2. the largest class (at first, every segment) is split in two: its segments are ordered on
   the first factor of a correspondence analysis of its binary matrix, the cut along that
   order that maximises the χ² of the 2 × terms table of the two halves is taken, then
   segments are moved one at a time from one half to the other while a move raises that χ²;
3. each half keeps the terms it uses at least ``min_term_freq`` times, minus those that
   belong to the other half (contingency coefficient above ``cc_test`` and over-represented
   there); steps 2-3 repeat until there are ``k`` classes. A segment left without any term of
   its class is not classified (IRaMuTeQ's class 0).

Departure from rainette, on purpose: no class smaller than ``min_class_size`` is made. The
cut and the moves are searched among the splits that leave both halves at least that large
(rainette splits anyway and leaves tiny classes; IRaMuTeQ drops them afterwards, leaving
their segments unclassified); a class too small to be split that way stays whole and the
next largest is split.

Double classification (``min_segment_size=(10, 15)``): two simple classifications on two
segment sizes are crossed; every pair of their classes whose shared segments number at least
``min_class_size`` and are associated (χ² > 3.84) is a candidate class; the partition of the
segments into ``k`` disjoint candidates with the largest sum of χ² is kept. Segments outside
it are not classified: the classes are those both classifications agree on.

Example:
    >>> m = term_matrix(tokens, docs, unit="segment", statements=statements)          # doctest: +SKIP
    >>> result = classify_segments(m.matrix, units=m.units, k=6)                      # doctest: +SKIP
    >>> profiles = class_profiles(m.matrix, result.units["classe"], terms=m.terms)    # doctest: +SKIP
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse, stats

from .labels import (NO_COUNTRY, VOICES, SinokazWarning, agree, count_noun, format_number, join_words, outlet_label,
                     term_label)
from .terms import JOURNALIST, REPORTED

#: Columns of :attr:`Classification.tree`.
TREE_COLUMNS = ["node", "parent", "left", "right", "n_units", "chi2", "height", "classe"]
#: Columns of :func:`class_profiles`.
PROFILE_COLUMNS = ["classe", "term", "n_class", "n_total", "pct", "chi2", "p"]
#: Columns of :func:`summarize_classes`.
SUMMARY_COLUMNS = ["classe", "n_segments", "pct_segments", "n_documents", "main_document", "pct_main_document",
                   "n_significant", "terms"]
_SEARCH_LIMIT = 2_000_000  # partitions visited by the double classification before it settles
#: The values a reader sees for the two voices of the one statement rule, and for what is not known.
#: Share of segments classified below which IRaMuTeQ's users take a classification as unreliable
#: (Camargo & Justo's IRaMuTeQ tutorial: at least 75 %).
MIN_CLASSIFIED_SHARE = 0.75
#: Below about this many segments a Reinert classification finds only a few broad oppositions.
SMALL_CORPUS_SEGMENTS = 300


@dataclass
class Classification:
    """A Reinert classification: the class of each unit and, for a simple one, its tree.

    Attributes:
        units: the unit table given (or one row per unit), in order, with ``uc`` (the merged
            unit classified), ``classe`` (1..k; ``<NA>`` for a unit not classified) and
            ``classe_k2`` … ``classe_k<k>`` (the classes after each split, for a simple one).
        tree: one row per node of the descending tree (simple classification): ``node``
            (0 is every segment), ``parent``, ``left``, ``right`` (children, ``<NA>`` for a
            final class), ``n_units`` (segments), ``chi2`` (of the node's split), ``height``
            (rainette's: the χ² of a split plus those of every later split, so the first split
            is highest) and ``classe`` (the final class of a leaf). Empty for a double one.
        k: the number of classes obtained.
        parameters: the options used.
        runs: for a double classification, its two simple ones.
        note: why fewer classes than asked came out (French; empty when ``k`` were made).
    """

    units: pd.DataFrame
    tree: pd.DataFrame
    k: int
    parameters: dict
    runs: tuple = field(default_factory=tuple)
    note: str = ""

    def sizes(self) -> pd.Series:
        """Segments per class (``<NA>``: not classified)."""
        return self.units["classe"].value_counts(dropna=False).sort_index()


# --------------------------------------------------------------------------- inputs


def _binary(X) -> sparse.csr_matrix:
    if not sparse.issparse(X):
        X = sparse.csr_matrix(np.asarray(X))
    X = sparse.csr_matrix(X)
    if X.ndim != 2:
        raise ValueError("la matrice unités × termes doit avoir deux dimensions")
    if X.nnz and X.data.min() < 0:
        raise ValueError("la matrice unités × termes contient des comptes négatifs")
    B = (X > 0).astype(np.float64)
    B.eliminate_zeros()
    return sparse.csr_matrix(B)


def _documents(units: pd.DataFrame | None, n: int, doc_id: str, min_segment_size: int) -> np.ndarray:
    if units is not None and len(units) != n:
        raise ValueError(f"la table des unités a {len(units)} lignes pour {n} lignes de la matrice")
    if min_segment_size <= 1:
        return np.arange(n)
    if units is None or doc_id not in units.columns:
        raise ValueError(f"min_segment_size={min_segment_size} fusionne les segments voisins d'un même document : "
                         f"la table des unités doit avoir la colonne {doc_id!r}")
    return pd.factorize(units[doc_id].astype(str))[0]


def merge_segments(sizes: np.ndarray, docs: np.ndarray, *, min_segment_size: int) -> np.ndarray:
    """Return the merged unit (uc) of each segment: neighbours of one document until ``min_segment_size`` terms.

    As rainette's ``merge_segments``: a segment smaller than the minimum takes the following
    segments of its document until the sum reaches it; a document's last group still too
    small joins the group before it.

    Example:
        >>> merge_segments(np.array([3, 9, 4, 12, 2]), np.array([0, 0, 0, 1, 1]), min_segment_size=10)
        array([0, 0, 0, 1, 1])
    """
    n = len(sizes)
    uc = np.arange(n)
    if min_segment_size <= 1 or (sizes >= min_segment_size).all():
        return uc
    i = 0
    while i < n:
        size, j = sizes[i], i
        while size < min_segment_size:
            if j + 1 < n and docs[j + 1] == docs[i]:
                j += 1
                size += sizes[j]
                uc[j] = i
            else:
                earlier = uc[(docs == docs[i]) & (uc < uc[i])]
                if len(earlier):
                    uc[uc == uc[i]] = earlier.max()
                break
        i = j + 1
    return pd.factorize(uc)[0]


# --------------------------------------------------------------------------- one split


def _inertia(M: sparse.csr_matrix) -> float:
    """Total inertia (φ²) of the binary matrix ``M``: 0 when rows and columns are independent."""
    r, c = np.asarray(M.sum(1)).ravel(), np.asarray(M.sum(0)).ravel()
    return float(M.multiply(1.0 / r[:, None]).multiply(1.0 / c[None, :]).sum() - 1.0)


def _first_factor(M: sparse.csr_matrix) -> np.ndarray:
    """Row coordinates on the first axis of the correspondence analysis of ``M``, sign fixed.

    A dense SVD of the standardised residuals for a small matrix; for a large one, ARPACK on
    an operator that never builds them (same axis, from a fixed starting vector).
    """
    from scipy.sparse.linalg import LinearOperator, svds

    N = M.sum()
    r, c = np.asarray(M.sum(1)).ravel() / N, np.asarray(M.sum(0)).ravel() / N
    sr, sc = np.sqrt(r), np.sqrt(c)
    u = None
    if M.shape[0] * M.shape[1] > 20_000:
        P = sparse.csr_matrix(M / N)
        PT = sparse.csr_matrix(P.T)
        # (x * y).sum(), not x @ y: a BLAS dot product spawns threads, slow on a shared machine
        op = LinearOperator(M.shape, dtype=np.float64,
                            matvec=lambda v: (P @ (np.ravel(v) / sc)) / sr - sr * (sc * np.ravel(v)).sum(),
                            rmatvec=lambda w: (PT @ (np.ravel(w) / sr)) / sc - sc * (sr * np.ravel(w)).sum())
        try:
            u = svds(op, k=1, v0=np.random.default_rng(0).random(min(M.shape)), solver="arpack",
                     tol=1e-8)[0][:, 0]
        except Exception:  # ARPACK's own errors; the dense route below gives the same axis
            u = None
    if u is None:
        S = (M.toarray() / N - np.outer(r, c)) / np.outer(sr, sc)
        u = np.linalg.svd(S, full_matrices=False)[0][:, 0]
    coord = u / sr
    return -coord if coord[np.argmax(np.abs(coord))] < 0 else coord


def _chi2(Q1, a, N):
    """χ² of the 2 × terms table of two groups, from ``Q1 = Σ T1²/T`` and group 1's total ``a``."""
    p1 = a / N
    with np.errstate(divide="ignore", invalid="ignore"):
        out = Q1 / p1 + (N - 2 * a + Q1) / (1 - p1) - N
    return np.where((a > 0) & (a < N), out, -np.inf)


def _best_cut(M: sparse.csr_matrix, order: np.ndarray, T: np.ndarray, m: int) -> tuple[int, float]:
    """Position of the cut along ``order`` with the largest χ², halves of at least ``m`` rows.

    With the rows taken in ``order``, group 1 is a prefix: its total grows by each row's size
    and ``Q1 = Σ T1²/T`` by ``Σ (2·(earlier rows with the term) + 1)/T`` over the row's terms,
    so every prefix's χ² comes from one sort of the non-zeros, never a dense matrix.
    """
    n = M.shape[0]
    N = T.sum()
    coo = sparse.coo_matrix(M[order])
    by_term = np.lexsort((coo.row, coo.col))
    rows, cols = coo.row[by_term], coo.col[by_term]
    first = np.searchsorted(cols, cols, side="left")
    earlier = np.arange(len(cols)) - first
    dQ = np.bincount(rows, weights=(2 * earlier + 1) / T[cols], minlength=n)
    a = np.cumsum(np.bincount(coo.row, minlength=n).astype(np.float64))
    chi2 = _chi2(np.cumsum(dQ), a, N)[:n - 1]
    size = np.arange(1, n)
    chi2[(size < m) | (n - size < m)] = -np.inf
    if not len(chi2):
        return -1, -np.inf
    best = int(np.argmax(chi2))
    return best, float(chi2[best])


def _switch(M: sparse.csr_matrix, in1: np.ndarray, T: np.ndarray, m: int, chi2: float) -> tuple[np.ndarray, float]:
    """Move one row at a time to the other group while a move raises the χ² (rainette's ``switch_docs``)."""
    N, inv = T.sum(), 1.0 / T
    size = np.asarray(M.sum(1)).ravel()
    own = M @ inv
    T1 = np.asarray(M[in1].sum(0)).ravel()
    for _ in range(10 * M.shape[0]):
        a, Q1, cross = T1.sum(), (T1 ** 2 * inv).sum(), M @ (T1 * inv)
        sign = np.where(in1, -1.0, 1.0)
        new = _chi2(Q1 + sign * 2 * cross + own, a + sign * size, N)
        n1 = in1.sum()
        new[in1 & (n1 - 1 < m)] = -np.inf
        new[~in1 & (len(in1) - n1 - 1 < m)] = -np.inf
        i = int(np.argmax(new))
        if not new[i] > chi2 * (1 + 1e-12) + 1e-12:
            break
        chi2 = float(new[i])
        row = M[i].toarray().ravel()
        T1 = T1 - row if in1[i] else T1 + row
        in1[i] = not in1[i]
    return in1, chi2


def _select_terms(M: sparse.csr_matrix, in1: np.ndarray, *, min_term_freq: int, cc_test: float):
    """Terms each half keeps (rainette's ``select_features``), as two boolean masks over ``M``'s columns."""
    t1, t2 = np.asarray(M[in1].sum(0)).ravel(), np.asarray(M[~in1].sum(0)).ravel()
    total = t1 + t2
    e1, e2 = total / total.sum() * t1.sum(), total / total.sum() * t2.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = np.nan_to_num((t1 - e1) ** 2 / e1 + (t2 - e2) ** 2 / e2)
        cc = np.sqrt(chi2 / (chi2 + total))
    shared = cc <= cc_test
    return (t1 >= min_term_freq) & (shared | (t1 > e1)), (t2 >= min_term_freq) & (shared | (t2 > e2))


def _split(M: sparse.csr_matrix, *, min_class_size: int, min_term_freq: int, cc_test: float):
    """Split the rows of ``M`` (no empty row or column) in two; ``None`` when it cannot be done."""
    n, p = M.shape
    m = max(min_class_size, 1)
    if n < max(2 * m, 3) or p < 3 or _inertia(M) < 1e-12:
        return None
    T = np.asarray(M.sum(0)).ravel()
    order = np.argsort(_first_factor(M), kind="stable")
    cut, chi2 = _best_cut(M, order, T, m)
    if cut < 0 or not np.isfinite(chi2):
        return None
    in1 = np.zeros(n, dtype=bool)
    in1[order[:cut + 1]] = True
    in1, chi2 = _switch(M, in1, T, m, chi2)
    keep1, keep2 = _select_terms(M, in1, min_term_freq=min_term_freq, cc_test=cc_test)
    return in1, keep1, keep2, chi2


# --------------------------------------------------------------------------- the descending classification


def _descend(U: sparse.csr_matrix, *, k: int, min_class_size: int, min_term_freq: int, cc_test: float):
    """Classify the rows of ``U``; return the final classes in order, the tree's nodes, the classes
    after each split and, when fewer than ``k`` classes come out, why."""
    nodes = [{"node": 0, "parent": pd.NA, "left": pd.NA, "right": pd.NA, "chi2": np.nan}]
    leaves = [(0, np.flatnonzero(np.diff(U.indptr) > 0), np.arange(U.shape[1]))]
    final, levels, reason = set(), [], ""
    while len(leaves) < k:
        candidates = [i for i, (node, _, _) in enumerate(leaves) if node not in final]
        if not candidates:
            reason = (f"aucune classe ne se divise plus en deux classes d'au moins {count_noun(min_class_size, 'segment')} "
                      "ayant chacune des termes propres")
            break
        i = max(candidates, key=lambda j: (len(leaves[j][1]), -j))
        node, rows, cols = leaves[i]
        M = U[rows][:, cols]
        alive = np.diff(M.indptr) > 0
        rows, M = rows[alive], M[alive]
        used = np.asarray(M.sum(0)).ravel() > 0
        cols, M = cols[used], sparse.csr_matrix(M[:, used])
        result = _split(M, min_class_size=min_class_size, min_term_freq=min_term_freq, cc_test=cc_test)
        if result is None:
            final.add(node)
            continue
        in1, keep1, keep2, chi2 = result
        left, right = len(nodes), len(nodes) + 1
        nodes[node].update(left=left, right=right, chi2=chi2)
        nodes += [{"node": child, "parent": node, "left": pd.NA, "right": pd.NA, "chi2": np.nan}
                  for child in (left, right)]
        leaves[i:i + 1] = [(left, rows[in1], cols[keep1]), (right, rows[~in1], cols[keep2])]
        levels.append([rows for _, rows, _ in leaves])
    return [(node, rows) for node, rows, _ in leaves], nodes, levels, reason


def _segment_sizes(nodes: list[dict], leaf_sizes: dict) -> dict:
    """Segments under each node: a final class's own, an internal node's the sum of its children's."""
    def total(node):
        entry = nodes[node]
        if pd.isna(entry["left"]):
            return leaf_sizes.get(node, 0)
        return total(int(entry["left"])) + total(int(entry["right"]))

    return {entry["node"]: total(entry["node"]) for entry in nodes}


def _tree_table(nodes: list[dict], leaves: list, uc: np.ndarray) -> pd.DataFrame:
    per_uc = np.bincount(uc, minlength=1) if len(uc) else np.zeros(1, dtype=int)
    sizes = _segment_sizes(nodes, {node: int(per_uc[rows].sum()) for node, rows in leaves})
    tree = pd.DataFrame(nodes)
    tree["n_units"] = tree["node"].map(sizes).astype("int64")
    tree["classe"] = tree["node"].map({node: i + 1 for i, (node, _) in enumerate(leaves)}).astype("Int64")
    for col in ("parent", "left", "right"):
        tree[col] = tree[col].astype("Int64")
    # rainette's heights: a split's χ² plus those of every split made after it (splits are
    # numbered as their left child)
    splits = tree.dropna(subset=["chi2"]).sort_values("left")
    later = splits["chi2"][::-1].cumsum()[::-1]
    tree["height"] = tree["node"].map(dict(zip(splits["node"], later))).fillna(0.0).astype(float)
    return tree[TREE_COLUMNS]


def _class_of_units(groups: list[np.ndarray], n_uc: int, uc: np.ndarray) -> pd.Series:
    label = np.zeros(n_uc, dtype="int64")
    for number, rows in enumerate(groups, start=1):
        label[rows] = number
    by_unit = label[uc] if len(uc) else label[:0]
    return pd.Series(by_unit, dtype="Int64").mask(by_unit == 0)


def _simple(B, docs, units, *, k, min_segment_size, min_class_size, min_term_freq, cc_test):
    n = B.shape[0]
    uc = merge_segments(np.diff(B.indptr), docs, min_segment_size=min_segment_size)
    n_uc = int(uc.max()) + 1 if n else 0
    G = sparse.csr_matrix((np.ones(n), (uc, np.arange(n))), shape=(n_uc, n))
    U = sparse.csr_matrix((G @ B) > 0, dtype=np.float64)
    leaves, nodes, levels, reason = _descend(U, k=k, min_class_size=min_class_size, min_term_freq=min_term_freq,
                                             cc_test=cc_test)
    out = (units.copy() if units is not None else pd.DataFrame(index=range(n))).reset_index(drop=True)
    out["uc"] = uc
    for j, groups in enumerate(levels):
        out[f"classe_k{j + 2}"] = _class_of_units(groups, n_uc, uc).array
    out["classe"] = _class_of_units([rows for _, rows in leaves], n_uc, uc).array
    return out, _tree_table(nodes, leaves, uc), len(leaves), reason


def classify_segments(X, *, units: pd.DataFrame | None = None, k: int = 10, min_term_freq: int = 3,
                      min_segment_size: int | tuple[int, int] = 10, min_class_size: int = 10,
                      cc_test: float = 0.3, doc_id: str = "doc_id") -> Classification:
    """Classify text segments by Reinert's descending hierarchical method (see the module docstring).

    Args:
        X: units × terms counts (scipy.sparse or array), one row per segment in text order.
        units: one row per segment (same order); its ``doc_id`` column says which segments
            are neighbours in a document; its columns come back in the result.
        k: the number of classes wanted (fewer come back, with a warning, when the segments
            cannot be split that far).
        min_term_freq: a term is used when present in at least this many segments, and a
            class keeps a term it uses at least this many times (rainette's ``tsj``).
        min_segment_size: distinct terms a classified unit holds at least (neighbouring
            segments are merged up to it; 0 or 1: none). A pair ``(10, 15)``: double
            classification on the two sizes.
        min_class_size: no class of fewer segments is made.
        cc_test: contingency coefficient above which a term belongs to one half only.
        doc_id: the column of ``units`` naming each segment's document.

    Returns:
        A :class:`Classification`.

    Raises:
        ValueError: a matrix with negative counts, or a unit table that does not match it.

    Example:
        >>> result = classify_segments(X, units=segments, k=5)     # doctest: +SKIP
        >>> result.units["classe"].value_counts()                   # doctest: +SKIP
    """
    B = _binary(X)
    n = B.shape[0]
    frequent = np.asarray(B.sum(0)).ravel() >= min_term_freq
    B = sparse.csr_matrix(B[:, frequent])
    params = {"k": k, "min_term_freq": min_term_freq, "min_segment_size": min_segment_size,
              "min_class_size": min_class_size, "cc_test": cc_test}
    if isinstance(min_segment_size, (tuple, list)):
        return _double(B, units, doc_id=doc_id, params=params)
    docs = _documents(units, n, doc_id, min_segment_size)
    out, tree, got, reason = _simple(B, docs, units, k=k, min_segment_size=min_segment_size,
                                     min_class_size=min_class_size, min_term_freq=min_term_freq, cc_test=cc_test)
    why = ""
    if got < k:
        kept = int(frequent.sum())
        why = reason or (f"{count_noun(kept, 'terme présent', 'termes présents')} dans au moins "
                         f"{count_noun(min_term_freq, 'segment')}, {count_noun(n, 'segment')}")
        warnings.warn(f"classification : {count_noun(got, 'classe')} au lieu de {k} ({why})", SinokazWarning, stacklevel=2)
    return Classification(units=out, tree=tree, k=got, parameters=params, note=why)


# --------------------------------------------------------------------------- double classification


def _chi2_2x2(a, row, col, N):
    """Signed χ² (Yates' correction, as R's ``chisq.test``) and p-value of 2 × 2 tables, vectorised.

    ``a`` is the count in both; ``row`` and ``col`` the margins of its row and column; ``N``
    the total. The sign is that of ``a`` minus its expected count.
    """
    a, row, col, N = (np.asarray(x, dtype=np.float64) for x in (a, row, col, N))
    cells = np.stack([a, row - a, col - a, N - row - col + a])
    expected = np.stack([row * col, row * (N - col), (N - row) * col, (N - row) * (N - col)]) / np.where(N > 0, N, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        dev = np.abs(cells - expected)
        yates = np.minimum(0.5, dev)
        chi2 = np.where(expected > 0, (dev - yates) ** 2 / expected, 0.0).sum(0)
    valid = (row > 0) & (col > 0) & (row < N) & (col < N)
    chi2 = np.where(valid, chi2, 0.0)
    signed = np.where(a >= expected[0], chi2, -chi2)
    return signed, np.where(valid, stats.chi2.sf(chi2, 1), 1.0)


def _crossed_classes(first: pd.DataFrame, second: pd.DataFrame, *, min_class_size: int, min_chi2: float = 3.84):
    """Candidate classes: a class of one classification and one of the other sharing enough, associated segments."""
    n = len(first)
    out, seen = [], set()
    levels1 = [c for c in first.columns if c.startswith("classe_k")]
    levels2 = [c for c in second.columns if c.startswith("classe_k")]
    for l1 in levels1:
        for l2 in levels2:
            g1, g2 = first[l1].to_numpy(dtype="float"), second[l2].to_numpy(dtype="float")
            for c1 in np.unique(g1[~np.isnan(g1)]):
                in1 = g1 == c1
                for c2 in np.unique(g2[~np.isnan(g2)]):
                    both = in1 & (g2 == c2)
                    n_both = int(both.sum())
                    if n_both < max(min_class_size, 1):
                        continue
                    chi2, _ = _chi2_2x2(n_both, in1.sum(), (g2 == c2).sum(), n)
                    members = tuple(np.flatnonzero(both))
                    if float(chi2) > min_chi2 and members not in seen:
                        seen.add(members)
                        out.append({"name": f"{l1[8:]}.{int(c1)}x{l2[8:]}.{int(c2)}", "chi2": float(chi2),
                                    "n": n_both, "members": np.array(members)})
    return out


def _best_partitions(cands: list[dict], k: int) -> dict[int, list[int]]:
    """For each size 2..k, the disjoint candidates with the largest sum of χ² (then of size)."""
    C = len(cands)
    member_sets = [set(c["members"].tolist()) for c in cands]
    disjoint = [0] * C
    for i in range(C):
        for j in range(i + 1, C):
            if member_sets[i].isdisjoint(member_sets[j]):
                disjoint[i] |= 1 << j
    best: dict[int, tuple] = {}
    visited = 0
    stack = [((i,), disjoint[i], cands[i]["chi2"], cands[i]["n"]) for i in range(C - 1, -1, -1)]
    while stack and visited < _SEARCH_LIMIT:
        chosen, allowed, chi2, size = stack.pop()
        visited += 1
        if len(chosen) >= 2 and (len(chosen) not in best or (chi2, size) > best[len(chosen)][:2]):
            best[len(chosen)] = (chi2, size, chosen)
        if len(chosen) == k:
            continue
        rest = allowed
        while rest:
            j = rest.bit_length() - 1
            rest &= ~(1 << j)
            stack.append((chosen + (j,), allowed & disjoint[j], chi2 + cands[j]["chi2"], size + cands[j]["n"]))
    if stack:
        warnings.warn(f"classification double : recherche des partitions arrêtée après {_SEARCH_LIMIT} essais ; "
                      "les meilleures trouvées jusque-là sont gardées", SinokazWarning, stacklevel=4)
    return {size: list(entry[2]) for size, entry in best.items()}


def _double(B, units, *, doc_id: str, params: dict) -> Classification:
    size1, size2 = params["min_segment_size"]
    n = B.shape[0]
    runs = []
    for size in (size1, size2):
        docs = _documents(units, n, doc_id, size)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out, tree, got, _ = _simple(B, docs, None, k=params["k"], min_segment_size=size,
                                        min_class_size=params["min_class_size"],
                                        min_term_freq=params["min_term_freq"], cc_test=params["cc_test"])
        runs.append(Classification(units=out, tree=tree, k=got, parameters={**params, "min_segment_size": size}))
    cands = _crossed_classes(runs[0].units, runs[1].units, min_class_size=params["min_class_size"])
    partitions = _best_partitions(cands, params["k"]) if len(cands) >= 2 else {}
    out = (units.copy() if units is not None else pd.DataFrame(index=range(n))).reset_index(drop=True)
    label = np.zeros(n, dtype=int)
    got = max([s for s in partitions if s <= params["k"]], default=0)
    if got:
        # classes numbered by their first segment, so that the same input gives the same numbers
        chosen = sorted(partitions[got], key=lambda i: cands[i]["members"].min())
        for number, i in enumerate(chosen, start=1):
            label[cands[i]["members"]] = number
    out["classe"] = pd.Series(label, dtype="Int64").mask(label == 0).array
    why = ""
    if got < params["k"]:
        simple = " et ".join(f"{count_noun(r.k, 'classe')} (unités de {size} termes)" for r, size in zip(runs, (size1, size2)))
        why = (f"classifications simples : {simple} ; {count_noun(len(cands), 'classe croisée', 'classes croisées')} "
               f"d'au moins {count_noun(params['min_class_size'], 'segment associé', 'segments associés')}")
        warnings.warn(f"classification double : {count_noun(got, 'classe')} au lieu de {params['k']} ({why})", SinokazWarning,
                      stacklevel=3)
    return Classification(units=out, tree=pd.DataFrame(columns=TREE_COLUMNS), k=got, parameters=params,
                          runs=tuple(runs), note=why)


# --------------------------------------------------------------------------- what characterises a class


def _labels(classes) -> np.ndarray:
    return pd.array(pd.Series(classes).reset_index(drop=True), dtype="Int64").to_numpy(dtype="float", na_value=np.nan)


def class_profiles(X, classes, *, terms) -> pd.DataFrame:
    """Return the χ² of every term in every class, with its p-value (IRaMuTeQ's class profiles).

    Counts are segments: for class c and term t, the 2 × 2 table of the classified segments
    that are or are not in c and do or do not contain t. The χ² has Yates' correction (as R's
    ``chisq.test``, which IRaMuTeQ and rainette call) and is negative when the term is rarer
    in the class than elsewhere.

    Args:
        X: units × terms counts (the matrix given to :func:`classify_segments`).
        classes: the class of each unit (``Classification.units["classe"]``; ``<NA>`` left out).
        terms: the name of each column of ``X``.

    Returns:
        DataFrame ``classe, term, n_class`` (segments of the class with the term), ``n_total``
        (classified segments with it), ``pct`` (share of those in the class, %), ``chi2``,
        ``p``; by class, the most characteristic first. Terms absent from the classified
        segments are left out.

    Example:
        >>> class_profiles(X, result.units["classe"], terms=terms).head(3)   # doctest: +SKIP
    """
    B = _binary(X)
    labels = _labels(classes)
    if len(terms) != B.shape[1] or len(labels) != B.shape[0]:
        raise ValueError(f"{B.shape[0]} × {B.shape[1]} matrice, {len(labels)} classes, {len(terms)} termes : "
                         "les dimensions ne correspondent pas")
    classified = ~np.isnan(labels)
    Bc = B[classified]
    f = np.asarray(Bc.sum(0)).ravel()
    N = classified.sum()
    tables = []
    for c in np.unique(labels[classified]):
        inside = labels[classified] == c
        a = np.asarray(Bc[inside].sum(0)).ravel()
        chi2, p = _chi2_2x2(a, inside.sum(), f, N)
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = np.where(f > 0, 100 * a / f, 0.0)
        tables.append(pd.DataFrame({"classe": int(c), "term": list(terms), "n_class": a.astype("int64"),
                                    "n_total": f.astype("int64"), "pct": pct, "chi2": chi2, "p": p})[f > 0])
    if not tables:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    out = pd.concat(tables, ignore_index=True)
    out["classe"] = out["classe"].astype("Int64")
    return out.sort_values(["classe", "chi2", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def typical_segments(X, classes, profiles: pd.DataFrame, *, terms, units: pd.DataFrame | None = None,
                     n: int = 5, max_p: float = 0.05) -> pd.DataFrame:
    """Return the ``n`` segments most typical of each class: the largest sum of χ² of its characteristic terms.

    As IRaMuTeQ's "segments de texte caractéristiques": a segment of class c scores the sum of
    the χ² of the terms it contains that are over-represented in c (χ² > 0, p < ``max_p``).

    Returns:
        DataFrame ``classe, rank, unit`` (row of ``X``), ``score``, ``n_terms`` (characteristic
        terms present), ``terms`` (those terms, most characteristic first), then the columns
        of ``units`` for that segment.

    Example:
        >>> typical_segments(X, result.units["classe"], profiles, terms=terms, units=segments)  # doctest: +SKIP
    """
    B = _binary(X)
    labels = _labels(classes)
    position = {t: j for j, t in enumerate(terms)}
    rows = []
    for c in np.unique(labels[~np.isnan(labels)]):
        prof = profiles[(profiles["classe"] == c) & (profiles["chi2"] > 0) & (profiles["p"] < max_p)]
        weight = np.zeros(B.shape[1])
        weight[[position[t] for t in prof["term"]]] = prof["chi2"].to_numpy()
        members = np.flatnonzero(labels == c)
        scores = B[members] @ weight
        best = np.argsort(-scores, kind="stable")[:n]
        for rank, (i, score) in enumerate(zip(members[best], scores[best]), start=1):
            present = [t for t in prof["term"] if B[i, position[t]]]
            rows.append({"classe": int(c), "rank": rank, "unit": int(i), "score": float(score),
                         "n_terms": len(present), "terms": ", ".join(present)})
    out = pd.DataFrame(rows, columns=["classe", "rank", "unit", "score", "n_terms", "terms"])
    out = out[out["score"] > 0].reset_index(drop=True)
    if units is not None:
        extra = units.reset_index(drop=True).iloc[out["unit"].to_numpy()].reset_index(drop=True)
        out = pd.concat([out, extra.drop(columns=[c for c in extra.columns if c in out.columns])], axis=1)
    out["classe"] = out["classe"].astype("Int64")
    return out


def cross_classes(classes, groups, *, name: str = "groupe", documents=None) -> pd.DataFrame:
    """Cross the classes with a variable of the units (outlet, period, speaker country, ...).

    For every modality and class: the segments of the modality in the class, their share of
    the modality and of the class, and the signed χ² (Yates) of the 2 × 2 table, as IRaMuTeQ
    reports its star variables per class.

    Args:
        classes: the class of each unit.
        groups: the modality of each unit.
        name: the variable's name (its column in the result).
        documents: the article of each unit (``variables["article"]``): adds ``n_docs``, the
            articles of each modality; a modality of one article is that article, not a variable.

    Returns:
        DataFrame ``<name>, classe, n, pct_modalite, pct_classe, chi2, p`` (and ``n_docs``);
        unclassified units and units without a value are left out.

    Example:
        >>> cross_classes(result.units["classe"], variables["média"], name="média", documents=variables["article"])   # doctest: +SKIP
    """
    labels = _labels(classes)
    values = pd.Series(groups).reset_index(drop=True)
    ok = ~np.isnan(labels) & values.notna().to_numpy()
    table = pd.crosstab(values[ok].astype(str).to_numpy(), labels[ok].astype(int))
    N = table.to_numpy().sum()
    long = table.stack().rename("n").reset_index()
    long.columns = [name, "classe", "n"]
    row, col = long[name].map(table.sum(axis=1)), long["classe"].map(table.sum(axis=0))
    long["pct_modalite"] = 100 * long["n"] / row
    long["pct_classe"] = 100 * long["n"] / col
    long["chi2"], long["p"] = _chi2_2x2(long["n"], row, col, N)
    long["classe"] = long["classe"].astype("Int64")
    if documents is not None:
        docs = pd.Series(np.asarray(documents, dtype=object)[ok]).groupby(values[ok].astype(str).to_numpy()).nunique()
        long["n_docs"] = long[name].map(docs).fillna(0).astype(int)
    return long.sort_values([name, "classe"], kind="stable").reset_index(drop=True)


def segment_variables(units: pd.DataFrame, *, periods: pd.Series | None = None) -> pd.DataFrame:
    """Return the variables the classes are crossed with, one row per segment, as a reader reads them.

    Args:
        units: the segments (``terms.term_matrix(unit="segment", statements=…).units``, or
            ``Classification.units``): ``doc_id``, ``outlet`` and, when statements were given,
            ``voice`` and ``country_name``.
        periods: each document's period, indexed by ``doc_id`` (``keywords.assign_periods``).

    Returns:
        DataFrame aligned with ``units``: ``article`` (doc_id), ``média`` (``labels.UNKNOWN_OUTLET`` when
        unknown), ``période`` (NA for an undated article; absent without ``periods``), ``voix``
        (``"discours rapporté"`` for a segment whose words are at least half reported speech, by
        the one statement rule, else ``"voix du journaliste"``) and ``pays du locuteur`` (the
        country of the statement holding most of the segment's reported words, for a segment
        of reported speech; ``"voix du journaliste"`` otherwise). Without statements, no
        ``voix`` nor ``pays du locuteur``.

    Example:
        >>> segment_variables(m.units, periods=assign_periods(docs, period="Y")).head(2)   # doctest: +SKIP
    """
    units = units.reset_index(drop=True)
    out = pd.DataFrame({"article": units["doc_id"].astype(str)})
    outlet = units["outlet"] if "outlet" in units else pd.Series(None, index=units.index, dtype=object)
    out["média"] = outlet.map(outlet_label)
    if periods is not None:
        out["période"] = out["article"].map(pd.Series(periods).rename(index=str)).astype(object)
    if "voice" in units and units["voice"].notna().any():
        out["voix"] = units["voice"].map(VOICES)
        country = units["country_name"] if "country_name" in units else pd.Series(None, index=units.index)
        country = country.astype(object).where(country.notna(), NO_COUNTRY)
        out["pays du locuteur"] = np.where(units["voice"] == REPORTED, country, VOICES[JOURNALIST])
    return out


def summarize_classes(classes, units: pd.DataFrame, profiles: pd.DataFrame, *, n_terms: int = 8,
                      max_p: float = 0.05, doc_id: str = "doc_id") -> pd.DataFrame:
    """Return one row per class: its size, the articles it comes from, its most characteristic terms.

    Returns:
        DataFrame ``classe, n_segments, pct_segments`` (% of the classified segments),
        ``n_documents`` (articles with a segment in the class), ``main_document`` (the article
        giving most of its segments), ``pct_main_document`` (their share of the class, %; a
        class that is mostly one article describes that article, not a shared lexical world),
        ``n_significant`` (terms over-represented at p < ``max_p``), ``terms`` (the ``n_terms``
        most characteristic of those). ``attrs``: ``n_units``, ``n_classified``, ``pct_classified``.

    Example:
        >>> summarize_classes(result.units["classe"], result.units, profiles)   # doctest: +SKIP
    """
    labels = _labels(classes)
    docs = units.reset_index(drop=True)[doc_id].astype(str).to_numpy()
    classified = ~np.isnan(labels)
    rows = []
    for c in np.unique(labels[classified]):
        inside = labels == c
        counts = pd.Series(docs[inside]).value_counts()
        prof = profiles[(profiles["classe"] == c) & (profiles["chi2"] > 0) & (profiles["p"] < max_p)]
        rows.append({"classe": int(c), "n_segments": int(inside.sum()),
                     "pct_segments": 100 * inside.sum() / classified.sum(), "n_documents": len(counts),
                     "main_document": counts.index[0], "pct_main_document": 100 * counts.iloc[0] / inside.sum(),
                     "n_significant": len(prof), "terms": ", ".join(prof["term"].head(n_terms))})
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    out["classe"] = out["classe"].astype("Int64")
    out.attrs.update(n_units=len(labels), n_classified=int(classified.sum()),
                     pct_classified=100 * classified.sum() / max(len(labels), 1))
    return out


# --------------------------------------------------------------------------- correspondence analysis


def correspondence_analysis(table, *, n_components: int = 2) -> pd.DataFrame:
    """Correspondence analysis (``prince.CA``) of a vocabulary × partition table; one row per term and per group.

    Args:
        table: a grouped ``terms.TermMatrix`` (one row per group: ``m.group(result.units["classe"])``,
            ``m.group("outlet")``…; the groups are its ``unit_id``), or a DataFrame of counts
            indexed by term with one column per group.
        n_components: axes computed (the map shows the first two).

    Returns:
        DataFrame ``kind`` (``"term"`` or ``"group"``), ``label``, ``dim1``, ``dim2``, ``mass``,
        ``contrib1``, ``contrib2`` (% of each axis' inertia), ``quality`` (cos² on the plane),
        ``n`` (occurrences), ``group`` (for a term, the group where it is most over-represented;
        for a group, itself). ``attrs``: ``explained`` (% of inertia of each axis),
        ``eigenvalues``, ``total_inertia``, ``partition`` (what the groups are: the grouping
        column of the matrix, or the columns' name of a DataFrame).

    Raises:
        ValueError: fewer than two groups or two terms with occurrences.

    Example:
        >>> m = term_matrix(tokens, docs, unit="segment", statements=statements)     # doctest: +SKIP
        >>> ca = correspondence_analysis(m.group(result.units["classe"]).trim(min_count=5))  # doctest: +SKIP
    """
    import prince

    partition = table.columns.name if isinstance(table, pd.DataFrame) else table.meta.get("grouped_by")
    if not isinstance(table, pd.DataFrame):  # a grouped TermMatrix: groups × terms
        table = pd.DataFrame(table.matrix.T.toarray(), index=pd.Index(list(table.terms), name="term"),
                             columns=table.units["unit_id"].astype(str).tolist())
    table = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        raise ValueError(f"l'analyse des correspondances demande au moins deux termes et deux groupes "
                         f"avec des occurrences (ici {table.shape[0]} × {table.shape[1]})")
    dims = min(n_components, min(table.shape) - 1)
    if dims < 2:
        warnings.warn("analyse des correspondances : deux groupes ne donnent qu'un axe", SinokazWarning,
                      stacklevel=2)
    table = table.astype(float)
    # the exact SVD (a terms × groups table is narrow): the randomised default drifts by 1e-5
    ca = prince.CA(n_components=dims, n_iter=10, random_state=0, engine="scipy").fit(table)
    eig = np.asarray(ca.eigenvalues_, dtype=float)
    total = float(ca.total_inertia_)
    P = table.to_numpy() / table.to_numpy().sum()
    r, c = P.sum(1), P.sum(0)
    expected_ratio = P / np.outer(r, c)
    parts = []
    for kind, coords, mass, labels, cos2 in (
            ("term", ca.row_coordinates(table), r, table.index, ca.row_cosine_similarities(table)),
            ("group", ca.column_coordinates(table), c, table.columns, ca.column_cosine_similarities(table))):
        F = np.zeros((len(labels), 2))
        F[:, :dims] = np.asarray(coords, dtype=float)[:, :dims]
        Q = np.zeros((len(labels), 2))
        Q[:, :dims] = np.asarray(cos2, dtype=float)[:, :dims]
        part = pd.DataFrame({"kind": kind, "label": [str(x) for x in labels], "dim1": F[:, 0], "dim2": F[:, 1],
                             "mass": mass})
        for d in range(2):
            part[f"contrib{d + 1}"] = 100 * mass * F[:, d] ** 2 / eig[d] if d < dims and eig[d] > 0 else 0.0
        part["quality"] = Q.sum(1)
        parts.append(part)
    terms, groups = parts
    terms["n"] = table.sum(axis=1).to_numpy().astype("int64")
    groups["n"] = table.sum(axis=0).to_numpy().astype("int64")
    terms["group"] = [str(table.columns[j]) for j in expected_ratio.argmax(1)]
    groups["group"] = groups["label"]
    out = pd.concat([groups, terms], ignore_index=True)
    out.attrs.update(explained=[float(100 * e / total) for e in eig[:2]] + [0.0] * (2 - dims),
                     eigenvalues=[float(e) for e in eig], total_inertia=total, partition=partition)
    return out


# --------------------------------------------------------------------------- readings (French, with their numbers)


def _pct(value: float) -> str:
    """A percentage (0–100) the French way, never « 0 % » for a share that is not zero (``labels.format_percent``)."""
    from .labels import format_percent

    return format_percent(value / 100)


def describe_segments(units: pd.DataFrame, *, min_class_size: int, n_terms: int | None = None) -> str:
    """What the segments of this corpus support, in French with its numbers.

    Example:
        >>> print(describe_segments(m.units, min_class_size=10))   # doctest: +SKIP
    """
    n, n_docs = len(units), units["doc_id"].nunique()
    lines = [f"{count_noun(n, 'segment')} de texte {agree(n, 'tiré')} de {count_noun(n_docs, 'article')} "
             f"(médiane : {format_number(units['n_words'].median(), 0)} mots, "
             f"{format_number(units['n_terms'].median(), 0)} termes par segment"
             + (f" ; {count_noun(n_terms, 'terme distinct', 'termes distincts')}" if n_terms is not None else "") + ")."]
    if "voice" in units and units["voice"].notna().any():
        reported = (units["voice"] == REPORTED).mean() * 100
        lines.append(f"{_pct(reported)} des segments sont pour moitié au moins du discours rapporté.")
    most = n // max(min_class_size, 1)
    lines.append(f"Avec au moins {count_noun(min_class_size, 'segment')} par classe, ce corpus permet au plus "
                 f"{count_noun(most, 'classe')}" + (" : il ne peut pas être classé." if most < 2 else "."))
    if 2 * min_class_size <= n < SMALL_CORPUS_SEGMENTS:
        lines.append(f"C'est peu : sous {format_number(SMALL_CORPUS_SEGMENTS)} segments environ, une classification "
                     "de Reinert ne dégage que quelques grandes oppositions, et les classes risquent de reproduire "
                     "les articles ; le tableau suivant dit de combien d'articles vient chaque classe.")
    return "\n".join(lines)


#: A class holding this share of the classified segments or more leaves no comparable worlds.
DOMINANT_CLASS_SHARE = 0.75


def describe_classes(summary: pd.DataFrame, *, k: int, note: str = "", double: bool = False) -> str:
    """The classification read from :func:`summarize_classes`: classes obtained, share classified,
    sizes, classes that are one article.

    Args:
        summary: the table of :func:`summarize_classes`.
        k: the classes asked for.
        note: why fewer came out (``Classification.note``).
        double: a double classification (``bool(result.runs)``): the share classified is then
            the test IRaMuTeQ's users apply; a simple one classifies nearly every segment.

    Example:
        >>> print(describe_classes(summary, k=6, note=result.note, double=bool(result.runs)))   # doctest: +SKIP
    """
    got = len(summary)
    a = summary.attrs
    lines = [f"{count_noun(got, 'classe obtenue', 'classes obtenues')} pour {k} {agree(k, 'demandée')}" + (f" ({note})." if got < k and note else ".")]
    if got < 2:
        lines.append("Sans partage en deux classes au moins, il n'y a pas de mondes lexicaux à comparer : "
                     "le corpus est trop petit pour ces réglages (baisser MIN_CLASS_SIZE ou MIN_SEGMENT_SIZE, "
                     "ou ajouter des articles).")
        return "\n".join(lines)
    pct = a.get("pct_classified", 0.0)
    n_classified = int(a.get("n_classified", 0))
    classified = (f"{count_noun(n_classified, 'segment')} sur {format_number(a.get('n_units', 0))} "
                  f"{agree(n_classified, 'est classé', 'sont classés')} ({_pct(pct)})")
    if double:
        verdict = ("au-dessus" if pct >= 100 * MIN_CLASSIFIED_SHARE else "en dessous")
        lines.append(f"{classified}, {verdict} du seuil de {_pct(100 * MIN_CLASSIFIED_SHARE)} en deçà duquel les "
                     "utilisateurs d'IRaMuTeQ jugent une classification double peu fiable.")
    else:
        lines.append(f"{classified} : une classification simple, comme celle de rainette, classe tout segment qui "
                     "porte un terme de sa classe. La classification double (MIN_SEGMENT_SIZE = [10, 15], celle "
                     f"d'IRaMuTeQ) met les classes à l'épreuve : si elle en retrouve en classant au moins "
                     f"{_pct(100 * MIN_CLASSIFIED_SHARE)} des segments, elles sont solides.")
    big, small = summary.loc[summary["n_segments"].idxmax()], summary.loc[summary["n_segments"].idxmin()]
    lines.append(f"La plus grande classe, la {big['classe']}, réunit {_pct(big['pct_segments'])} des segments "
                 f"classés ; la plus petite, la {small['classe']}, {_pct(small['pct_segments'])}.")
    if got >= 3 and big["pct_segments"] >= 100 * DOMINANT_CLASS_SHARE:
        lines.append(f"Une classe en réunit {_pct(big['pct_segments'])} : la classification n'oppose pas des mondes "
                     "lexicaux de taille comparable, elle détache de petits îlots d'une masse commune ; lisez les "
                     "petites classes comme des particularités de quelques articles (tableau ci-dessous) et la "
                     "grande comme le vocabulaire commun du corpus.")
    one = summary[summary["pct_main_document"] >= 50]
    for row in one.itertuples():
        lines.append(f"La classe {row.classe} vient pour {_pct(row.pct_main_document)} d'un seul article "
                     f"({row.main_document}) : elle décrit cet article plus qu'un monde lexical partagé.")
    if one.empty:
        lines.append(f"Aucune classe ne vient pour moitié d'un seul article (au plus "
                     f"{_pct(summary['pct_main_document'].max())}) : les classes traversent les articles.")
    for row in summary[summary["n_significant"] == 0].itertuples():
        lines.append(f"La classe {row.classe} n'a aucun terme significatif (p < 0,05) : à ne pas interpréter.")
    return "\n".join(lines)


def describe_profiles(summary: pd.DataFrame, typical: pd.DataFrame, *, n_terms: int = 6, width: int = 240) -> str:
    """Each class in one paragraph: size, most characteristic terms, its most typical segment.

    Example:
        >>> print(describe_profiles(summary, typical))   # doctest: +SKIP
    """
    lines = []
    for row in summary.itertuples():
        terms = ", ".join(map(term_label, str(row.terms).split(", ")[:n_terms])) if row.terms else "aucun terme significatif"
        text = f"Classe {row.classe} ({count_noun(row.n_segments, 'segment')}, {_pct(row.pct_segments)}) : {terms}."
        best = typical[(typical["classe"] == row.classe) & (typical["rank"] == 1)] if len(typical) else typical
        if len(best):
            b = best.iloc[0]
            segment = " ".join(str(b.get("text", "")).split())
            segment = segment if len(segment) <= width else segment[:width].rsplit(" ", 1)[0] + " […]"
            where = ", ".join(([str(b["doc_id"])] if "doc_id" in b.index else [])
                              + ([outlet_label(b["outlet"])] if "outlet" in b.index else []))
            text += f" Segment le plus typique ({where}) : « {segment} »"
        lines.append(text)
    return "\n\n".join(lines)


def describe_crossing(table: pd.DataFrame, *, name: str, n_classified: int | None = None, max_p: float = 0.05,
                      n: int = 5, min_documents: int = 1) -> str:
    """The strongest associations of a crossing (:func:`cross_classes`), or that there is none.

    With ``n_docs`` in the table (``cross_classes(documents=…)``), an association of a modality
    of fewer than ``min_documents`` articles is not reported as one of the variable: the
    modality is those articles (a site of one article « → classe 4 » says what that article is
    about); such modalities are named apart.

    Args:
        table: the crossing.
        name: the variable's name (its column in ``table``).
        n_classified: the classified segments; those the crossing lacks (no value) are counted.
        max_p: significance threshold.
        n: associations named at most.
        min_documents: articles a modality needs for its associations to be read.

    Example:
        >>> crossing = cross_classes(classes, variables["média"], name="média")   # doctest: +SKIP
        >>> print(describe_crossing(crossing, name="média"))                     # doctest: +SKIP
    """
    if table.empty:
        return f"« {name} » : aucune valeur connue pour les segments classés."
    if table["classe"].nunique() < 2:
        return f"« {name} » : moins de deux classes, rien à croiser."
    share = 100 * table.groupby("classe")["n"].sum() / table["n"].sum()
    strong = table[(table["chi2"] > 0) & (table["p"] < max_p)].sort_values("chi2", ascending=False)
    modalities = table[name].nunique()
    missing = (n_classified - int(table["n"].sum())) if n_classified is not None else 0
    tail = (f" ({count_noun(missing, 'segment classé', 'segments classés')} sans valeur connue "
            f"{agree(missing, 'est laissé', 'sont laissés')} de côté.)"
            if missing > 0 else "")
    if "n_docs" in table and min_documents > 1:
        thin = strong[strong["n_docs"] < min_documents]
        strong = strong[strong["n_docs"] >= min_documents]
        if len(thin):
            names_thin = list(dict.fromkeys(thin[name].astype(str)))
            shown = join_words(names_thin[:6]) + (" …" if len(names_thin) > 6 else "")
            many = len(thin) > 1
            tail += (f" {count_noun(len(thin), 'association significative', 'associations significatives')} "
                     f"{'concernent' if many else 'concerne'} des modalités de moins de {count_noun(min_documents, 'article')} "
                     f"({shown}) : {'elles ne sont pas retenues' if many else 'elle n’est pas retenue'}, car une telle "
                     "modalité décrit ces quelques articles plus que la variable.")
    if strong.empty:
        floor = f" d'au moins {count_noun(min_documents, 'article')}" if "n_docs" in table and min_documents > 1 else ""
        return (f"« {name} » ({count_noun(modalities, 'modalité')}) : aucune modalité{floor} n'est associée à une classe "
                f"au seuil de {format_number(max_p, 2)} ; la répartition des classes ne dépend pas de cette "
                "variable, ou les effectifs sont trop petits pour le dire." + tail)
    size = table.groupby(name)["n"].sum()
    docs = table.groupby(name)["n_docs"].first() if "n_docs" in table else None
    where = (lambda m: f"{count_noun(int(docs[m]), 'article')}, {count_noun(int(size[m]), 'segment')}") if docs is not None \
        else (lambda m: count_noun(int(size[m]), "segment"))
    parts = [f"{row[name]} ({where(row[name])}) → classe {row.classe} "
             f"({_pct(row.pct_modalite)} de ses segments contre {_pct(share[row.classe])} en tout ; "
             f"χ² = {format_number(row.chi2, 1)})"
             for _, row in strong.head(n).iterrows()]
    more = f", dont les {n} plus fortes" if len(strong) > n else ""
    counted = count_noun(len(strong), "association significative", "associations significatives")
    return (f"« {name} » ({count_noun(modalities, 'modalité')}) : {counted} (p < {format_number(max_p, 2)}){more} : "
            + " ; ".join(parts) + "." + tail)


def describe_correspondence(ca: pd.DataFrame, *, n_terms: int = 5, names: dict | None = None) -> str:
    """The first plane of a correspondence analysis: what each axis holds and what it opposes.

    An axis is read, as usual, from the groups whose contribution to it is above the mean
    (100 % / number of groups), on either side of the origin, and from the terms that
    contribute most on each side.

    Example:
        >>> print(describe_correspondence(ca))   # doctest: +SKIP
    """
    groups, terms = ca[ca["kind"] == "group"], ca[ca["kind"] == "term"]
    explained = list(ca.attrs.get("explained", [])) + [0.0, 0.0]
    partition = ca.attrs.get("partition")
    if names is None and (partition == "classe" or (partition is None and groups["label"].str.isdigit().all())):
        names = {g: f"la classe {g}" for g in groups["label"]}
    label = (lambda g: (names or {}).get(g, g))
    lines = [f"L'axe 1 résume {_pct(explained[0])} de l'inertie, l'axe 2 {_pct(explained[1])} "
             f"({_pct(explained[0] + explained[1])} pour le plan"
             + (", toute l'inertie par construction avec trois groupes" if len(groups) == 3 else "") + ")."]
    mean = 100 / max(len(groups), 1)
    for d in (1, 2):
        if explained[d - 1] <= 0:
            continue
        dim, contrib = f"dim{d}", f"contrib{d}"
        strong = groups[groups[contrib] >= mean]
        sides = []
        for negative in (True, False):
            side = strong[strong[dim] < 0] if negative else strong[strong[dim] > 0]
            if side.empty:
                sides.append("")
                continue
            mine = terms[terms[dim] < 0] if negative else terms[terms[dim] > 0]
            words = ", ".join(map(term_label, mine.sort_values(contrib, ascending=False)["label"].head(n_terms)))
            side = side.sort_values(dim, ascending=negative)
            sides.append(join_words([label(g) for g in side["label"]]) + (f" ({words})" if words else ""))
        if all(sides):
            lines.append(f"L'axe {d} oppose {sides[0]} à {sides[1]}.")
        elif any(sides):
            lines.append(f"L'axe {d} isole {sides[0] or sides[1]}.")
    return "\n".join(lines)
