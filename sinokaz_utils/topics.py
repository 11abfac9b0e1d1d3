"""Topic models of the coverage: units, NMF/LDA fits, choice of k, prevalence tables.

What belongs here: the analysis units' bags of terms (``build_units``: the units of
``terms.build_units`` — documents, paragraphs, statements or segments — with their terms);
fitting NMF (on TF-IDF) or LDA (on
counts) with scikit-learn; the two measures used to choose the number of topics — NPMI
coherence computed on the corpus itself and stability across random seeds — and the tables
read from a fitted model (top terms, labels, representative units, prevalence by document,
period, outlet or speaker country); the bound on k a corpus supports (``max_topics``: at least
``min_documents`` articles per topic on average), labels that describe a topic's documents
(``label_topics``: its top terms that its most typical passages use), and one fit per corpus and
parameters, cached on disk (``fit_topics(cache_dir=)``) and remembered for the corpus
(``remember_model``/``recall_model``: ``40_speakers`` reads the model ``30_topics`` fitted). What
does not: tokenisation (``nlp``), which tokens are
terms and which belong to a statement (``terms``), statement extraction (``statements``),
drawing (``plotting.topics``).

Everything is deterministic for a given ``seed``: the random initialisation is the only source
of randomness, ties between term weights are broken by vocabulary order, and topics are
numbered by decreasing prevalence.

Example:
    >>> from sinokaz_utils.corpus import load_corpus   # doctest: +SKIP
    >>> from sinokaz_utils.nlp import tokenize_corpus   # doctest: +SKIP
    >>> corpus = load_corpus()   # doctest: +SKIP
    >>> units = build_units(tokenize_corpus(corpus), corpus.documents())   # doctest: +SKIP
    >>> table, k = select_k(units, k_range=range(3, 8), n_seeds=10, seed=42)   # doctest: +SKIP
    >>> model = fit_topics(units, k=k, method="nmf", seed=42)   # doctest: +SKIP
    >>> model.labels[0]                                         # doctest: +SKIP
    '1 · sécurité, terrorisme, forces'
"""
from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from . import terms as _terms
from .cache import cached_tables, hash_bytes, hash_file, hash_json
from .config import PROCESSED_DIR
from .labels import SinokazWarning, count_noun, term_label

UNIT_KINDS = ("document", "paragraph", "statement", "segment")
METHODS = ("nmf", "lda")


# --------------------------------------------------------------------------------------------
# units


def _identity(terms):
    """Analyzer for scikit-learn vectorizers: units are already lists of terms (MWEs included)."""
    return terms


def build_units(
    tokens: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    unit: str = "paragraph",
    statements: pd.DataFrame | None = None,
    stopwords: Iterable[str] | None = None,
    min_terms: int = 1,
    size: int = 40,
) -> pd.DataFrame:
    """Build the analysis units (bags of terms) from the token table: ``terms.build_units``.

    Only documents listed in ``docs`` are used, so passing ``corpus.documents()`` (the
    default view: duplicates and non-French texts excluded) keeps copies from counting twice.

    Args:
        tokens: the token table of ``nlp.tokenize_corpus(corpus)``.
        docs: the documents to use (``corpus.documents()``); needs ``doc_id`` and ``text_clean``.
        unit: ``"document"``, ``"paragraph"`` (default), ``"statement"`` or ``"segment"``.
        statements: the table of ``statements.extract_statements``; required for
            ``unit="statement"``.
        stopwords: extra terms to drop.
        min_terms: units with fewer terms are dropped.
        size: words per segment.

    Returns:
        One row per unit: ``unit_id``, ``doc_id``, ``para_id``, ``statement_id``, ``terms``
        (list of str, in text order), ``n_terms``, ``text`` (the unit's span of
        ``text_clean``), plus, for statements, the statement's columns (``speaker``,
        ``country``, and ``speaker_label``, ``country_name`` when ``speakers.label_speakers``
        added them).

    Example:
        >>> units = build_units(tokens, corpus.documents(), unit="paragraph")   # doctest: +SKIP
        >>> units.loc[0, "terms"][:3]                                           # doctest: +SKIP
        ['chine', 'kazakhstan', 'réprimer']
    """
    if unit not in UNIT_KINDS:
        raise ValueError(f"unit vaut l'un de {UNIT_KINDS}, pas {unit!r}")
    if unit == "statement" and statements is None:
        raise ValueError('unit="statement" demande la table des déclarations')
    units = _terms.build_units(tokens, docs, unit=unit, statements=statements, size=size, stopwords=stopwords)
    units = units.loc[units["n_terms"] >= max(1, min_terms)].reset_index(drop=True)
    front = ["unit_id", "doc_id", "para_id", "statement_id", "terms", "n_terms", "text"]
    drop = {"voice", "start", "end", "n_words"}
    return units[front + [c for c in units.columns if c not in front and c not in drop]]


# --------------------------------------------------------------------------------------------
# vectorising and fitting


def choose_df_bounds(n_units: int) -> tuple[int, float]:
    """Return ``(min_df, max_df)`` suited to the number of units.

    A handful of units (five articles) keeps every term seen twice and only drops terms present
    almost everywhere; thousands of paragraphs drop rare terms (under ~0.1 % of units) and terms
    in more than half the units, which otherwise appear in every topic ("chine", "kazakhstan").

    Example:
        >>> choose_df_bounds(60)
        (2, 0.5)
        >>> choose_df_bounds(5)
        (1, 1.0)
    """
    if n_units < 10:
        return 1, 1.0
    if n_units < 30:
        return 2, 0.8
    if n_units < 2000:
        return 2, 0.5
    return max(3, math.ceil(0.001 * n_units)), 0.5


def vectorize_units(units, *, method: str = "nmf", min_df: int | float | None = None,
                    max_df: int | float | None = None):
    """Turn units into a sparse document-term matrix: TF-IDF for NMF, counts for LDA.

    Args:
        units: a units table (``terms`` column) or a sequence of term lists.
        method: ``"nmf"`` (TF-IDF, sublinear tf, l2) or ``"lda"`` (raw counts).
        min_df, max_df: vocabulary bounds (default ``choose_df_bounds(len(units))``); if they
            leave fewer than two terms, every term is kept.

    Returns:
        ``(vectorizer, X)`` with X a scipy sparse matrix (units × terms).

    Example:
        >>> vec, X = vectorize_units([["a", "b"], ["a", "c"], ["a", "b"]], method="lda", min_df=1, max_df=1.0)
        >>> X.shape
        (3, 3)
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    docs = _term_lists(units)
    d_min, d_max = choose_df_bounds(len(docs))
    min_df = d_min if min_df is None else min_df
    max_df = d_max if max_df is None else max_df
    kind = TfidfVectorizer if method == "nmf" else CountVectorizer
    extra = {"sublinear_tf": True} if method == "nmf" else {}
    try:
        vec = kind(analyzer=_identity, lowercase=False, min_df=min_df, max_df=max_df, **extra)
        X = vec.fit_transform(docs)
        if X.shape[1] < 2:
            raise ValueError("vocabulary too small")
    except ValueError:
        # tiny or uniform inputs: bounds prune everything; keep all terms rather than fail
        vec = kind(analyzer=_identity, lowercase=False, min_df=1, max_df=1.0, **extra)
        X = vec.fit_transform(docs)
    return vec, sparse.csr_matrix(X)


def _term_lists(units) -> list[list[str]]:
    if isinstance(units, pd.DataFrame):
        return [list(t) for t in units["terms"]]
    return [list(t) for t in units]


def fit_matrix(X, *, k: int, method: str = "nmf", seed: int = 0):
    """Fit NMF or LDA with ``k`` topics on a prepared matrix; return (estimator, W, H).

    NMF starts from a random non-negative initialisation seeded by ``seed`` (NNDSVD would be
    seed-independent and so hide instability); LDA uses batch variational Bayes.

    Example:
        >>> est, W, H = fit_matrix(X, k=3, method="nmf", seed=1)     # doctest: +SKIP
    """
    from sklearn.decomposition import NMF, LatentDirichletAllocation

    if method not in METHODS:
        raise ValueError(f"method vaut l'un de {METHODS}, pas {method!r}")
    if method == "nmf":
        est = NMF(n_components=k, init="random", random_state=seed, max_iter=1000, tol=1e-4)
    else:
        est = LatentDirichletAllocation(n_components=k, random_state=seed, learning_method="batch",
                                        max_iter=50, evaluate_every=-1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning on tiny corpora is expected, not actionable
        W = est.fit_transform(X)
    return est, np.asarray(W), np.asarray(est.components_)


def top_term_indices(H: np.ndarray, *, n_top: int = 10) -> list[np.ndarray]:
    """Indices of the ``n_top`` heaviest terms of each topic (ties broken by vocabulary order).

    Terms of zero weight are never listed, so a topic may have fewer than ``n_top`` terms.

    Example:
        >>> top_term_indices(np.array([[0.0, 2.0, 1.0, 2.0]]), n_top=3)[0].tolist()
        [1, 3, 2]
    """
    out = []
    for row in np.asarray(H):
        order = np.argsort(-row, kind="stable")[:n_top]
        out.append(order[row[order] > 0])
    return out


@dataclass
class TopicModel:
    """A fitted topic model and what is needed to read it and apply it to new units.

    Attributes:
        method: ``"nmf"`` or ``"lda"``.
        k: number of topics.
        seed: the random seed used.
        vectorizer: the fitted scikit-learn vectorizer (analyzer = identity on term lists).
        estimator: the fitted NMF / LatentDirichletAllocation.
        terms: vocabulary, aligned with the columns of ``topic_term``.
        topic_term: k × V weights, topics ordered by decreasing prevalence.
        doc_topic: units × k shares (rows sum to 1; NaN when a unit has no known term).
        unit_ids: the ``unit_id`` of each row of ``doc_topic``.
        top_terms: the ``n_top`` heaviest terms of each topic.
        labels: "1 · term, term, term" for each topic.
        order: topic order applied to the estimator's components.
    """

    method: str
    k: int
    seed: int
    vectorizer: object
    estimator: object
    terms: np.ndarray
    topic_term: np.ndarray
    doc_topic: np.ndarray
    unit_ids: list
    top_terms: list
    labels: list
    order: np.ndarray
    n_top: int = 10
    params: dict = field(default_factory=dict)

    def transform(self, units) -> np.ndarray:
        """Topic shares of new units (e.g. statements) under this model; rows sum to 1 or are NaN.

        Example:
            >>> model.transform(statement_units).shape                 # doctest: +SKIP
            (42, 6)
        """
        lists = _term_lists(units)
        if not lists:
            return np.zeros((0, self.k))
        X = self.vectorizer.transform(lists)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            W = np.asarray(self.estimator.transform(X))[:, self.order]
        empty = np.asarray(X.sum(axis=1)).ravel() == 0
        return _normalise_rows(W, empty)


def _normalise_rows(W: np.ndarray, empty: np.ndarray | None = None) -> np.ndarray:
    s = W.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(s > 0, W / s, np.nan)
    if empty is not None:
        out[empty] = np.nan
    return out


def typical_order(shares: np.ndarray, lists: Sequence[Sequence[str]], top_terms: Sequence[str],
                  weights: Sequence[float], *, min_terms: int = 5) -> np.ndarray:
    """Units ordered from the most typical of a topic: its share of the unit times the part of
    the topic's top-term weight the unit's terms carry.

    The share alone makes a three-word title « 100 % » a topic whose top terms it does not
    contain (NMF gives a unit to the only topic that weighs its rare words); the product asks
    the unit to be both devoted to the topic and made of its words. Units with fewer than
    ``min_terms`` terms come last (relaxed when none is that long); ties keep the units' order.

    Example:
        >>> typical_order(np.array([1.0, 0.8]), [["titre", "court"], ["a", "b"]], ["a", "b"], [2.0, 1.0],
        ...               min_terms=1).tolist()
        [1, 0]
    """
    shares = np.where(np.isnan(shares), 0.0, np.asarray(shares, dtype=float))
    weight = dict(zip(top_terms, weights))
    total = float(sum(weight.values())) or 1.0
    cover = np.array([sum(weight.get(t, 0.0) for t in set(terms)) / total for terms in lists])
    sizes = np.array([len(t) for t in lists])
    long_enough = sizes >= min(min_terms, sizes.max(initial=0))
    score = np.where(long_enough, shares * cover, -1.0 + shares * cover)
    return np.argsort(-score, kind="stable")


def _typical_documents(order: np.ndarray, lists, doc_ids, *, n_documents: int = 10, per_document: int = 2) -> list:
    """The terms of the most typical units, gathered per document (at most ``per_document`` units
    of each, ``n_documents`` documents): what the topic's documents say, not one long article."""
    seen: dict = {}
    for i in order:
        d = doc_ids[i] if doc_ids is not None else i
        if d not in seen and len(seen) >= n_documents:
            continue
        bag = seen.setdefault(d, [set(), 0])
        if bag[1] < per_document:
            bag[0].update(lists[i])
            bag[1] += 1
        if len(seen) >= n_documents and all(b[1] >= per_document for b in seen.values()):
            break
    return [sorted(b[0]) for b in seen.values()]


def label_topics(top_terms: Sequence[Sequence[str]], *, n_words: int = 3, passages=None) -> list[str]:
    """Short labels: ``"1 · sécurité, terrorisme, forces"``, from terms the topic's documents use,
    written as a reader writes them (``labels.term_label``: « Xi Jinping », not « xi jinping »).

    Args:
        top_terms: each topic's top terms, heaviest first.
        n_words: terms in a label.
        passages: for each topic, the terms of its most typical documents (one list per
            document, ``_typical_documents``); the label takes the top terms found in most of
            them (ties: the heavier first), so that a label never names a term its documents do
            not contain, nor the word of a single article in a topic many share. ``None``: the
            heaviest terms.

    Example:
        >>> label_topics([["a", "b", "c", "d"], ["e"]])
        ['1 · a, b, c', '2 · e']
        >>> label_topics([["a", "b", "c", "d"]], passages=[[["b", "d"], ["d", "c"]]])
        ['1 · d, b, c']
    """
    labels = []
    for i, terms in enumerate(top_terms):
        terms = list(terms)
        if passages is not None and i < len(passages) and passages[i]:
            sets = [set(p) for p in passages[i]]
            score = {t: sum(t in p for p in sets) for t in terms}
            terms = sorted((t for t in terms if score[t] > 0), key=lambda t: -score[t]) + [t for t in terms if score[t] == 0]
        labels.append(f"{i + 1} · " + ", ".join(term_label(t) for t in terms[:n_words]))
    return labels


def fit_topics(units, *, k: int, method: str = "nmf", seed: int = 0, n_top: int = 10,
               min_df: int | float | None = None, max_df: int | float | None = None,
               cache_dir: Path | None = None) -> TopicModel:
    """Fit a topic model on the units: NMF on TF-IDF (default) or LDA on counts.

    Args:
        units: the table of ``build_units`` (or a sequence of term lists).
        k: number of topics.
        method: ``"nmf"`` or ``"lda"``.
        seed: random seed; the same seed gives the same topics.
        n_top: number of top terms kept per topic.
        min_df, max_df: vocabulary bounds (default: ``choose_df_bounds``).
        cache_dir: keep the fitted model on disk (``config.PROCESSED_DIR`` in the notebooks): the
            same units and parameters load it instead of fitting again; ``None`` fits.

    Returns:
        A ``TopicModel``; topics are numbered by decreasing prevalence over the units, labelled
        by ``label_topics`` from their five most typical units.

    Example:
        >>> model = fit_topics(units, k=5, method="nmf", seed=42)     # doctest: +SKIP
        >>> model.top_terms[0][:3]                                     # doctest: +SKIP
        ['sécurité', 'terrorisme', 'forces']
    """
    if cache_dir is not None:
        manifest = {"units": _hash_units(units), "k": int(k), "method": method, "seed": seed, "n_top": n_top,
                    "min_df": min_df, "max_df": max_df, "code": hash_file(Path(__file__))}
        return _cached_object(cache_dir, "topic_model-" + hash_json(manifest)[:16], manifest,
                              lambda: fit_topics(units, k=k, method=method, seed=seed, n_top=n_top, min_df=min_df,
                                                 max_df=max_df, cache_dir=None))
    vec, X = vectorize_units(units, method=method, min_df=min_df, max_df=max_df)
    k = int(k)
    if not 1 <= k <= min(X.shape):
        raise ValueError(f"k={k} impossible avec {count_noun(X.shape[0], 'unité')} et {count_noun(X.shape[1], 'terme')}")
    est, W, H = fit_matrix(X, k=k, method=method, seed=seed)
    empty = np.asarray(X.sum(axis=1)).ravel() == 0
    shares = _normalise_rows(W, empty)
    weights = _unit_weights(units, len(shares))
    prevalence = np.nansum(shares * weights[:, None], axis=0)
    order = np.argsort(-prevalence, kind="stable")
    H = H[order]
    shares = shares[:, order]
    terms = np.asarray(vec.get_feature_names_out(), dtype=object)
    top = [[str(terms[i]) for i in idx] for idx in top_term_indices(H, n_top=n_top)]
    ids = list(units["unit_id"]) if isinstance(units, pd.DataFrame) and "unit_id" in units else list(range(len(shares)))
    lists = _term_lists(units)
    doc_ids = list(units["doc_id"]) if isinstance(units, pd.DataFrame) and "doc_id" in units else None
    index = {str(t): i for i, t in enumerate(terms)}
    passages = []
    for t in range(k):
        weights = [float(H[t, index[w]]) for w in top[t]]
        ranked = [i for i in typical_order(shares[:, t], lists, top[t], weights) if shares[i, t] > 0]
        passages.append(_typical_documents(np.asarray(ranked, dtype=int), lists, doc_ids))
    return TopicModel(method=method, k=k, seed=seed, vectorizer=vec, estimator=est, terms=terms,
                      topic_term=H, doc_topic=shares, unit_ids=ids, top_terms=top,
                      labels=label_topics(top, passages=passages), order=order, n_top=n_top,
                      params={"min_df": vec.min_df, "max_df": vec.max_df, "n_units": X.shape[0],
                              "n_terms": X.shape[1]})


def _hash_units(units) -> str:
    ids = list(map(str, units["unit_id"])) if isinstance(units, pd.DataFrame) and "unit_id" in units else []
    return hash_json({"ids": ids, "terms": [list(map(str, t)) for t in _term_lists(units)]})


def _cached_object(cache_dir, name: str, manifest: dict, build):
    """A pickled object in ``<cache_dir>/<name>/`` beside its manifest, built once (locked) for the same manifest."""
    import json
    import pickle

    from filelock import FileLock

    from .cache import write_atomic
    from .config import VERSION

    entry = Path(cache_dir) / name
    entry.mkdir(parents=True, exist_ok=True)
    want = json.loads(json.dumps({**manifest, "package_version": VERSION}, default=str))
    with FileLock(str(entry / ".lock"), timeout=1200):
        try:
            stored = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
            if stored.get("manifest") == want and hash_file(entry / "object.pkl") == stored.get("sha256"):
                with open(entry / "object.pkl", "rb") as f:
                    return pickle.load(f)
        except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # absent or unreadable entry: build it again
        obj = build()
        (entry / "manifest.json").unlink(missing_ok=True)
        write_atomic(entry / "object.pkl", pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        record = {"manifest": want, "sha256": hash_file(entry / "object.pkl")}
        write_atomic(entry / "manifest.json", json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8"))
        return obj


def corpus_key(documents: pd.DataFrame) -> str:
    """A short fingerprint of the articles analysed (their ids and cleaned texts).

    Example:
        >>> corpus_key(pd.DataFrame({"doc_id": ["a"], "text_clean": ["x"]})) == corpus_key(pd.DataFrame({"doc_id": ["a"], "text_clean": ["x"]}))
        True
    """
    d = documents[["doc_id", "text_clean"]].astype(str).sort_values("doc_id")
    return hash_json([list(map(hash_bytes, (d["doc_id"] + "\x00" + d["text_clean"]).str.encode("utf-8")))])[:16]


def remember_model(model: TopicModel, documents: pd.DataFrame, *, parameters: dict | None = None,
                   cache_dir: Path | None = PROCESSED_DIR) -> None:
    """Record ``model`` as the topic model of these articles, for other notebooks (``recall_model``).

    ``30_topics`` calls it after fitting; ``40_speakers`` then applies the same topics to the
    statements instead of fitting a model of its own.

    Example:
        >>> remember_model(model, corpus.documents(), parameters={"UNIT": "paragraph"})   # doctest: +SKIP
    """
    if cache_dir is None:
        return
    import json
    import pickle

    from .cache import write_atomic

    entry = Path(cache_dir) / f"topic_model-of-{corpus_key(documents)}"
    entry.mkdir(parents=True, exist_ok=True)
    write_atomic(entry / "object.pkl", pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    write_atomic(entry / "parameters.json", json.dumps(parameters or {}, ensure_ascii=False, default=str).encode("utf-8"))


def recall_model(documents: pd.DataFrame, *, cache_dir: Path | None = PROCESSED_DIR):
    """The topic model ``remember_model`` recorded for these articles and its parameters, else ``(None, None)``.

    Example:
        >>> model, parameters = recall_model(corpus.documents())   # doctest: +SKIP
    """
    if cache_dir is None:
        return None, None
    import json
    import pickle

    entry = Path(cache_dir) / f"topic_model-of-{corpus_key(documents)}"
    try:
        with open(entry / "object.pkl", "rb") as f:
            model = pickle.load(f)
        parameters = json.loads((entry / "parameters.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError):
        return None, None
    return model, parameters


def _unit_weights(units, n: int) -> np.ndarray:
    if isinstance(units, pd.DataFrame) and "n_terms" in units:
        return units["n_terms"].to_numpy(dtype=float)
    return np.ones(n)


# --------------------------------------------------------------------------------------------
# coherence and stability


def score_npmi(top_terms: Sequence[Sequence[int]], X) -> np.ndarray:
    """NPMI coherence of each topic, from co-occurrence of its top terms in the units.

    For two terms *a* and *b* of a topic's top list, with N units, D(a) the number of units
    containing *a* and D(a, b) the number containing both:

        P(a) = D(a) / N,  P(a, b) = D(a, b) / N
        NPMI(a, b) = log[ P(a, b) / (P(a) P(b)) ] / ( −log P(a, b) )

    NPMI(a, b) = −1 when the two terms never co-occur and 1 when they always occur together
    (including the degenerate case P(a, b) = 1). A topic's coherence is the mean over all
    pairs of its top terms; a topic with fewer than two terms scores NaN.
    (Bouma 2009; Lau, Newman & Baldwin 2014; Röder et al. 2015, "C_NPMI" with the unit as
    the co-occurrence window.)

    Args:
        top_terms: for each topic, the column indices of its top terms in ``X``.
        X: units × terms matrix (counts, TF-IDF or binary; only presence counts).

    Returns:
        One coherence per topic.

    Example:
        >>> X = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 1]])
        >>> score_npmi([[0, 1]], X).round(3).tolist()
        [0.415]
    """
    B = sparse.csc_matrix(X, dtype=float)
    B.data = np.ones_like(B.data)
    B.eliminate_zeros()
    n = B.shape[0]
    out = []
    for idx in top_terms:
        idx = np.asarray(list(idx), dtype=int)
        if len(idx) < 2:
            out.append(np.nan)
            continue
        sub = B[:, idx]
        co = np.asarray((sub.T @ sub).todense())
        df = np.diag(co)
        vals = []
        for i, j in itertools.combinations(range(len(idx)), 2):
            vals.append(_npmi(co[i, j], df[i], df[j], n))
        out.append(float(np.mean(vals)))
    return np.asarray(out, dtype=float)


def _npmi(d_ab: float, d_a: float, d_b: float, n: int) -> float:
    if d_ab <= 0:
        return -1.0
    p_ab = d_ab / n
    if p_ab >= 1.0:
        return 1.0
    pmi = math.log(p_ab / ((d_a / n) * (d_b / n)))
    return pmi / -math.log(p_ab)


def match_topics(a: Sequence[Iterable[str]], b: Sequence[Iterable[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Best one-to-one matching of two runs' topics by Jaccard overlap of their top terms.

    Uses the Hungarian algorithm (``scipy.optimize.linear_sum_assignment``) on the Jaccard
    matrix J[i, j] = |A_i ∩ B_j| / |A_i ∪ B_j|.

    Returns:
        ``(rows, cols, jaccard)``: topic ``rows[m]`` of ``a`` is matched with ``cols[m]`` of
        ``b``, with overlap ``jaccard[m]``.

    Example:
        >>> match_topics([["x", "y"], ["z", "w"]], [["z", "w"], ["x", "q"]])[2].round(3).tolist()
        [0.333, 1.0]
    """
    A = [set(t) for t in a]
    B = [set(t) for t in b]
    J = np.zeros((len(A), len(B)))
    for i, s in enumerate(A):
        for j, t in enumerate(B):
            u = len(s | t)
            J[i, j] = len(s & t) / u if u else 0.0
    rows, cols = linear_sum_assignment(-J)
    return rows, cols, J[rows, cols]


def score_stability(runs: Sequence[Sequence[Iterable[str]]]) -> tuple[float, float]:
    """Stability of topics across runs: mean best-match Jaccard of top terms over run pairs.

    For every pair of runs (r, s), topics are matched one-to-one (``match_topics``) and the
    agreement of the pair is the mean Jaccard of matched topics (unmatched topics, when runs
    have different k, count as 0). Stability is the mean agreement over all pairs; 1 means
    every seed gives the same top terms (Greene, O'Callaghan & Cunningham 2014).

    Args:
        runs: for each run (seed), the top-term lists of its topics.

    Returns:
        ``(mean, standard deviation)`` of the pairwise agreement (NaN with fewer than 2 runs).

    Example:
        >>> score_stability([[["a", "b"], ["c", "d"]], [["c", "d"], ["a", "b"]]])
        (1.0, 0.0)
    """
    agreements = []
    for r, s in itertools.combinations(runs, 2):
        _, _, jac = match_topics(r, s)
        agreements.append(jac.sum() / max(len(r), len(s), 1))
    if not agreements:
        return float("nan"), float("nan")
    return float(np.mean(agreements)), float(np.std(agreements))


def feasible_k(k_range: Iterable[int], *, n_units: int, n_terms: int) -> list[int]:
    """The values of ``k_range`` a corpus can support (2 ≤ k < units, k < terms).

    Example:
        >>> feasible_k(range(2, 12), n_units=6, n_terms=40)
        [2, 3, 4, 5]
    """
    return [int(k) for k in k_range if 2 <= int(k) < n_units and int(k) < n_terms]


def max_topics(n_documents: int, *, min_documents: int = 3) -> int:
    """The largest number of topics a corpus supports: ``min_documents`` articles per topic on average (at least 2).

    A "topic" of one article is that article; with five articles and three per topic, the
    model may only split them in two.

    Example:
        >>> max_topics(5), max_topics(47), max_topics(1000, min_documents=5)
        (2, 15, 200)
    """
    return max(2, int(n_documents) // max(1, int(min_documents)))


def bound_k_range(k_range: Iterable[int], *, n_documents: int, min_documents: int = 3) -> list[int]:
    """The candidate k of ``k_range`` within ``max_topics`` (its largest feasible value if none is).

    Example:
        >>> bound_k_range(range(3, 15), n_documents=5), bound_k_range(range(3, 15), n_documents=30)
        ([2], [3, 4, 5, 6, 7, 8, 9, 10])
    """
    top = max_topics(n_documents, min_documents=min_documents)
    ks = [int(k) for k in k_range if int(k) <= top]
    return ks or [top]


def select_k(units, *, k_range: Iterable[int] = range(3, 11), method: str = "nmf", n_seeds: int = 10,
             seed: int = 0, n_top: int = 10, tolerance: float = 0.02,
             min_df: int | float | None = None, max_df: int | float | None = None,
             cache_dir: Path | None = PROCESSED_DIR) -> tuple[pd.DataFrame, int]:
    """Choose the number of topics by coherence and stability across seeds.

    For every k, the model is fitted with seeds ``seed, seed + 1, …, seed + n_seeds − 1``.
    ``coherence`` is the mean NPMI (``score_npmi``, on the same units) of the runs' topics;
    ``stability`` is the mean best-match Jaccard of their top-``n_top`` terms over all pairs
    of runs (``score_stability``).

    Rule: among the k whose coherence is within ``tolerance`` of the best coherence, take the
    one with the highest stability (ties: the smaller k). Coherence keeps topics interpretable,
    stability keeps them reproducible; a k that is coherent only for a lucky seed is avoided.

    Args:
        units: the table of ``build_units``.
        k_range: candidate numbers of topics; values the corpus cannot support are dropped (if
            none is left, the smaller k the corpus supports are tried, with a warning).
        method: ``"nmf"`` or ``"lda"``.
        n_seeds: number of seeds per k (at least 2; 10 or more recommended).
        seed: first seed.
        n_top: top terms per topic used by both measures.
        tolerance: NPMI margin below the best coherence that is still acceptable.
        min_df, max_df: vocabulary bounds (default ``choose_df_bounds``).
        cache_dir: cache root (the table is kept for the same matrix and parameters, so that a
            second notebook choosing k on the same units reads it); ``None`` disables it.

    Returns:
        ``(table, k)``: one row per k with ``k, coherence, coherence_sd, stability,
        stability_sd, n_seeds, n_pairs, chosen``; and the chosen k.

    Example:
        >>> table, k = select_k(units, k_range=range(3, 9), n_seeds=10, seed=42)   # doctest: +SKIP
        >>> table.columns.tolist()                                                  # doctest: +SKIP
        ['k', 'coherence', 'coherence_sd', 'stability', 'stability_sd', 'n_seeds', 'n_pairs', 'chosen']
    """
    if n_seeds < 2:
        raise ValueError("la stabilité demande au moins deux graines")
    vec, X = vectorize_units(units, method=method, min_df=min_df, max_df=max_df)
    k_range = list(k_range)
    ks = feasible_k(k_range, n_units=X.shape[0], n_terms=X.shape[1])
    if not ks and k_range:
        # A very small corpus cannot support the range asked for: try the smaller k it can.
        ks = feasible_k(range(2, min(k_range)), n_units=X.shape[0], n_terms=X.shape[1])
        if ks:
            warnings.warn(f"aucun k de {k_range} ne convient à {count_noun(X.shape[0], 'unité')} : essai de k parmi {ks}",
                          SinokazWarning, stacklevel=2)
    if not ks:
        raise ValueError(f"aucun k de {k_range} ne convient à {count_noun(X.shape[0], 'unité')} et "
                         f"{count_noun(X.shape[1], 'terme')}")
    terms = vec.get_feature_names_out()
    X = sparse.csr_matrix(X)
    manifest = {"matrix": hash_bytes(b"".join(np.ascontiguousarray(a).tobytes() for a in
                                              (X.data, X.indices, X.indptr, np.array(X.shape)))),
                "terms": hash_json(list(map(str, terms))), "ks": ks, "method": method, "n_seeds": n_seeds,
                "seed": seed, "n_top": n_top, "code": hash_file(Path(__file__))}
    table = cached_tables(cache_dir, "select_k-" + hash_json(manifest)[:16], manifest=manifest,
                          build=lambda: {"selection": _score_ks(X, terms, ks, method=method, n_seeds=n_seeds,
                                                                seed=seed, n_top=n_top)})["selection"]
    chosen = choose_k(table, tolerance=tolerance)
    table["chosen"] = table["k"] == chosen
    return table, chosen


def _score_ks(X, terms, ks: list[int], *, method: str, n_seeds: int, seed: int, n_top: int) -> pd.DataFrame:
    """Return coherence and stability for each k (the measurements behind ``select_k``)."""
    rows = []
    for k in ks:
        runs, coh = [], []
        for s in range(seed, seed + n_seeds):
            _, _, H = fit_matrix(X, k=k, method=method, seed=s)
            idx = top_term_indices(H, n_top=n_top)
            coh.append(np.nanmean(score_npmi(idx, X)))
            runs.append([[terms[i] for i in t] for t in idx])
        stab, stab_sd = score_stability(runs)
        rows.append({"k": k, "coherence": float(np.mean(coh)), "coherence_sd": float(np.std(coh)),
                     "stability": stab, "stability_sd": stab_sd, "n_seeds": n_seeds,
                     "n_pairs": n_seeds * (n_seeds - 1) // 2})
    return pd.DataFrame(rows)


def choose_k(table: pd.DataFrame, *, tolerance: float = 0.02) -> int:
    """Apply the selection rule of ``select_k`` to a table with k, coherence and stability.

    Example:
        >>> t = pd.DataFrame({"k": [3, 4, 5], "coherence": [0.10, 0.11, 0.05], "stability": [0.7, 0.9, 0.95]})
        >>> choose_k(t, tolerance=0.02)
        4
    """
    best = table["coherence"].max()
    ok = table.loc[table["coherence"] >= best - tolerance]
    ok = ok.sort_values(["stability", "k"], ascending=[False, True], kind="stable")
    return int(ok["k"].iloc[0])


def describe_selection(table: pd.DataFrame, k: int, *, tolerance: float = 0.02, n_top: int = 10) -> str:
    """The choice of k in plain French, with its numbers (for notebooks and logs).

    Example:
        >>> print(describe_selection(table, 5))                      # doctest: +SKIP
        k retenu = 5 ...
    """
    from .labels import format_number

    def f3(x):
        return format_number(float(x), 3)

    row = table.loc[table["k"] == k].iloc[0]
    lines = [
        f"k retenu = {k} : stabilité {f3(row['stability'])} (± {f3(row['stability_sd'])}), "
        f"cohérence NPMI {f3(row['coherence'])} (± {f3(row['coherence_sd'])}).",
        f"Stabilité : Jaccard moyen des {n_top} premiers termes des thèmes appariés, sur {count_noun(int(row['n_pairs']), 'paire')} "
        f"de {count_noun(int(row['n_seeds']), 'graine')} ; règle : la plus stable parmi les k dont la cohérence est à moins de "
        f"{format_number(tolerance, 2)} de la meilleure ({f3(table['coherence'].max())}).",
        "k    cohérence  stabilité",
    ]
    for _, r in table.iterrows():
        mark = "  <- retenu" if int(r["k"]) == k else ""
        lines.append(f"{int(r['k']):<4} {f3(r['coherence']):>9}  {f3(r['stability']):>9}{mark}")
    if len(table) > 1 and k in (int(table["k"].min()), int(table["k"].max())):
        lines.append(f"Remarque : k = {k} est au bord des valeurs essayées.")
    if row["stability"] < 0.6:
        lines.append("Remarque : stabilité inférieure à 0,6 — plusieurs thèmes changent d'une graine à l'autre ; "
                     "ne lire que les thèmes qui reviennent.")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# reading a model


def topic_terms(model: TopicModel, *, n_top: int | None = None) -> pd.DataFrame:
    """Long table of each topic's top terms and weights (for the bar grid).

    Returns:
        ``topic`` (1-based), ``label``, ``rank``, ``term``, ``weight`` (share of the topic's
        total weight).

    Example:
        >>> topic_terms(model).head(2)                                 # doctest: +SKIP
    """
    n_top = n_top or model.n_top
    rows = []
    for t, idx in enumerate(top_term_indices(model.topic_term, n_top=n_top)):
        total = model.topic_term[t].sum() or 1.0
        for r, i in enumerate(idx):
            rows.append({"topic": t + 1, "label": model.labels[t], "rank": r + 1,
                         "term": str(model.terms[i]), "weight": float(model.topic_term[t, i] / total)})
    return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])


def unit_topics(model: TopicModel, units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Topic shares of units: the fitted units (default) or new ones (applied with ``transform``).

    Returns:
        The units' columns (without ``terms``) plus one column per topic label, and
        ``topic`` / ``label`` of the dominant topic (NaN when the unit has no known term).

    Example:
        >>> unit_topics(model, units).iloc[:2, -3:]                   # doctest: +SKIP
    """
    if units is None:
        base = pd.DataFrame({"unit_id": model.unit_ids})
        shares = model.doc_topic
    else:
        base = units.drop(columns=["terms"], errors="ignore").reset_index(drop=True)
        same = "unit_id" in units and list(units["unit_id"]) == list(model.unit_ids)
        shares = model.doc_topic if same else model.transform(units)
    out = base.copy()
    S = pd.DataFrame(shares, columns=model.labels)
    out = pd.concat([out, S], axis=1)
    has = ~np.isnan(shares).all(axis=1) if len(shares) else np.zeros(0, bool)
    dom = np.full(len(shares), np.nan)
    dom[has] = np.nanargmax(shares[has], axis=1) + 1
    out["topic"] = pd.array(dom, dtype="Int64") if len(dom) else pd.array([], dtype="Int64")
    out["label"] = [model.labels[int(t) - 1] if pd.notna(t) else None for t in out["topic"]]
    return out


def representative_units(model: TopicModel, units: pd.DataFrame, *, n: int = 3, min_terms: int = 5) -> pd.DataFrame:
    """The most typical units of each topic (``typical_order``: devoted to it and made of its top
    terms), to read what a topic is about.

    Args:
        model: the fitted model.
        units: the units it was fitted on (or new ones).
        n: units per topic.
        min_terms: shorter units come last (a three-word caption can be 100 % one topic);
            relaxed when no unit is long enough.

    Returns:
        ``topic``, ``label``, ``rank``, ``share``, ``unit_id``, ``doc_id``, ``text``.

    Example:
        >>> representative_units(model, units, n=2)[["label", "share"]]   # doctest: +SKIP
    """
    ut = unit_topics(model, units)
    lists = _term_lists(units)
    index = {str(t): i for i, t in enumerate(model.terms)}
    rows = []
    for t, label in enumerate(model.labels):
        col = ut[label].to_numpy(dtype=float)
        weights = [float(model.topic_term[t, index[w]]) for w in model.top_terms[t]]
        order = [i for i in typical_order(col, lists, model.top_terms[t], weights, min_terms=min_terms)
                 if not np.isnan(col[i]) and col[i] > 0][:n]
        for r, i in enumerate(order):
            rows.append({"topic": t + 1, "label": label, "rank": r + 1, "share": float(col[i]),
                         "unit_id": ut.loc[i, "unit_id"], "doc_id": ut.loc[i, "doc_id"] if "doc_id" in ut else None,
                         "text": ut.loc[i, "text"] if "text" in ut else None})
    return pd.DataFrame(rows, columns=["topic", "label", "rank", "share", "unit_id", "doc_id", "text"])


def topic_prevalence(model: TopicModel, units: pd.DataFrame, *, by: str = "doc_id",
                     docs: pd.DataFrame | None = None, min_units: int = 1) -> pd.DataFrame:
    """Share of each topic within each group (document, outlet, period, speaker country, ...).

    A group's prevalence is the mean of its units' topic shares weighted by their number of
    terms, so each row sums to 1. Units of new kinds (statements) are applied with
    ``transform``.

    Args:
        model: the fitted model.
        units: units table (fitted units or new ones).
        by: a column of ``units`` or of ``docs`` (joined on ``doc_id``), e.g. ``"outlet"``.
        docs: the documents table, when ``by`` is a document column.
        min_units: groups with fewer units are left out.

    Returns:
        Wide table: one row per group (index), one column per topic label, plus ``n_units`` and
        ``n_docs`` (the articles of its units). Units whose group is missing (unknown outlet,
        undated) are left out.

    Example:
        >>> topic_prevalence(model, units, by="outlet", docs=corpus.documents())   # doctest: +SKIP
    """
    ut = unit_topics(model, units)
    if by not in ut.columns:
        if docs is None or by not in docs.columns:
            raise KeyError(f"{by!r} n'est une colonne ni des unités ni des documents")
        ut = ut.merge(docs[["doc_id", by]].astype({"doc_id": str}), on="doc_id", how="left")
    w = units["n_terms"].to_numpy(dtype=float) if "n_terms" in units else np.ones(len(ut))
    S = ut[model.labels].to_numpy(dtype=float)
    ok = ~np.isnan(S).any(axis=1) & ut[by].notna().to_numpy()
    if isinstance(ut[by].dtype, pd.StringDtype) or ut[by].dtype == object:
        ok &= ut[by].astype(str).str.strip().ne("").to_numpy()
    frame = pd.DataFrame(S[ok] * w[ok, None], columns=model.labels)
    frame["_w"] = w[ok]
    frame["n_units"] = 1
    frame[by] = ut.loc[ok, by].to_numpy()
    g = frame.groupby(by, sort=True).sum(numeric_only=True)
    out = g[model.labels].div(g["_w"], axis=0)
    out["n_units"] = g["n_units"].astype(int)
    if "doc_id" in ut.columns:
        docs_of = pd.Series(ut.loc[ok, "doc_id"].to_numpy()).groupby(ut.loc[ok, by].to_numpy()).nunique()
        out["n_docs"] = docs_of.reindex(out.index).fillna(0).astype(int).to_numpy()
    return out.loc[out["n_units"] >= min_units]


def choose_period(dates: pd.Series) -> str:
    """Pick the period length for topics over time from the span of the dates.

    More than four years → years ("Y"), more than a year → quarters ("Q"), else months ("M").

    Example:
        >>> choose_period(pd.Series(pd.to_datetime(["2013-09-07", "2024-03-29"])))
        'Y'
    """
    d = pd.to_datetime(dates).dropna()
    if d.empty:
        return "Y"
    span = (d.max() - d.min()).days
    return "Y" if span > 4 * 365 else "Q" if span > 365 else "M"


def topics_over_time(model: TopicModel, units: pd.DataFrame, docs: pd.DataFrame, *, freq: str | None = None,
                     date_column: str = "date") -> pd.DataFrame:
    """Topic prevalence per period of publication (topics over time).

    Args:
        model: the fitted model.
        units: the units (must carry ``doc_id``).
        docs: documents with ``doc_id`` and the date column.
        freq: ``"Y"``, ``"Q"`` or ``"M"`` (default: ``choose_period``).
        date_column: ``"date"`` of ``timeline.apply_dating`` (the one dating rule; default),
            else ``"published"`` when the documents have no ``date``.

    Returns:
        Long table: ``period`` (Timestamp at the start of the period), ``topic``, ``label``,
        ``share``, ``n_units``, ``n_docs``. Undated documents are left out.

    Example:
        >>> topics_over_time(model, units, corpus.documents()).head()   # doctest: +SKIP
    """
    date_column = date_column if date_column in docs.columns else "published"
    d = docs[["doc_id", date_column]].copy()
    d["doc_id"] = d["doc_id"].astype(str)
    d[date_column] = pd.to_datetime(d[date_column], errors="coerce")
    freq = freq or choose_period(d[date_column])
    pfreq = {"Y": "Y", "Q": "Q", "M": "M"}[freq]
    d["period"] = d[date_column].dt.to_period(pfreq).dt.start_time
    prev = topic_prevalence(model, units, by="period", docs=d)
    ndocs = units.merge(d, on="doc_id").groupby("period")["doc_id"].nunique()
    long = prev[model.labels].reset_index().melt(id_vars="period", var_name="label", value_name="share")
    long["topic"] = long["label"].map({lab: i + 1 for i, lab in enumerate(model.labels)})
    long = long.merge(prev["n_units"].reset_index(), on="period")
    long["n_docs"] = long["period"].map(ndocs).fillna(0).astype(int)
    long.attrs["freq"] = freq
    return long[["period", "topic", "label", "share", "n_units", "n_docs"]].sort_values(["period", "topic"]).reset_index(drop=True)


def describe_topics(model: TopicModel, units) -> pd.DataFrame:
    """One row per topic: label, share of the units' terms, NPMI coherence, spread, top terms, typical passage.

    Coherence is computed on the units the model is read on (``score_npmi``) with the
    model's vocabulary. ``n_docs_effective`` is how many documents a topic's weight is spread
    over (exponential of the entropy of its mass across documents): close to 1, the "topic" is
    one article rather than a theme of the coverage; ``n_docs_main`` the articles whose main
    topic it is; ``passage`` (and ``passage_doc``) the beginning of its most typical unit.

    Example:
        >>> describe_topics(model, units)                       # doctest: +SKIP
    """
    X = model.vectorizer.transform(_term_lists(units))
    index = {t: i for i, t in enumerate(model.terms)}
    npmi = score_npmi([[index[t] for t in top] for top in model.top_terms], X)
    shares = model.transform(units) if len(units) != len(model.unit_ids) else model.doc_topic
    w = _unit_weights(units, len(shares))
    ok = ~np.isnan(shares).any(axis=1)
    share = (shares[ok] * w[ok, None]).sum(axis=0) / max(w[ok].sum(), 1e-12)
    mass = np.where(np.isnan(shares), 0.0, shares) * w[:, None]
    if isinstance(units, pd.DataFrame) and "doc_id" in units:
        mass = pd.DataFrame(mass).groupby(units["doc_id"].to_numpy()).sum().to_numpy()
    p = mass / np.maximum(mass.sum(axis=0, keepdims=True), 1e-12)
    entropy = -np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0).sum(axis=0)
    main = np.bincount(np.argmax(mass, axis=1)[mass.sum(axis=1) > 0], minlength=model.k)
    out = pd.DataFrame({"topic": range(1, model.k + 1), "label": model.labels, "share": share,
                        "npmi": npmi, "n_docs_effective": np.exp(entropy), "n_docs_main": main.astype(int),
                        "top_terms": [", ".join(t) for t in model.top_terms]})
    if isinstance(units, pd.DataFrame) and "text" in units:
        typical = representative_units(model, units, n=1).set_index("topic")
        out["passage"] = [_shorten(typical["text"].get(t)) for t in out["topic"]]
        out["passage_doc"] = [typical["doc_id"].get(t) for t in out["topic"]]
    return out


def _shorten(text, limit: int = 240) -> str | None:
    """A passage cut at a word boundary near ``limit`` characters, with « … » where it was cut."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
