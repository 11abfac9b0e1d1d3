"""Which words and formulas rise and fall: keyword groups, concordances, collocates, keyness.

What belongs here: reading the keyword groups (``data/lexicons/keyword_groups.yaml``), finding
their terms in the token table (lemmas, surface forms and multiword expressions), their
relative frequency per period (``keyword_trends``), keyword-in-context lines
(``extract_kwic``), collocates of a term (``find_collocates``, nltk association measures),
keyness between groups of documents (``compare_keyness``: Dunning's log-likelihood G² signed
as in quanteda's ``textstat_keyness``, Hardie's log-ratio, Lafon's hypergeometric
specificities as in TXM and IRaMuTeQ) and the split between reported speech and the
journalist's own voice (``label_voice``). What does not: tokenisation (``nlp``), who speaks
(``statements``), dates (``corpus``; ``timeline.date_documents`` says how each was obtained)
and drawing (``plotting.keywords``).

Counting conventions, used everywhere in this module:

- a *word* is a token row whose ``term`` is not empty and that is not punctuation; a curated
  multiword expression (``data/lexicons/multiword.csv``) is one row, hence one word;
- relative frequencies are per 10,000 words of the same period (and voice);
- keyness totals are all words of each side; stop words and numbers are left out of the
  *reported* terms only, so that they do not fill the table.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from .config import LEXICON_DIR

KEYWORD_GROUPS_FILE = LEXICON_DIR / "keyword_groups.yaml"
_WORD = re.compile(r"\w+(?:['’])?|[^\w\s]", re.UNICODE)
_NUMBER = re.compile(r"^[\d\s.,%/-]+$")
#: Names of the two voices of ``label_voice``.
REPORTED, JOURNALIST = "reported speech", "journalist"


# --------------------------------------------------------------------------- keyword groups

def normalize_form(text) -> str:
    """Return a matching form: NFC, lower case, typographic apostrophes made straight.

    Example:
        >>> normalize_form("L’Initiative")
        "l'initiative"
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    text = unicodedata.normalize("NFC", str(text)).lower()
    return text.replace("’", "'").replace("ʼ", "'").replace("\u00a0", " ").strip()


def split_pattern(term: str) -> tuple[str, ...]:
    """Split a keyword entry into the word forms it must match, one per token.

    French elisions stay with their word (``l'``, ``d'``) as spaCy tokenises them.

    Example:
        >>> split_pattern("communauté d'avenir partagé")
        ('communauté', "d'", 'avenir', 'partagé')
    """
    return tuple(_WORD.findall(normalize_form(term)))


def read_keyword_groups(path: Path | str | None = None) -> pd.DataFrame:
    """Read the keyword groups: one row per (group, term).

    The YAML file maps a group key to its French ``label``, an optional ``description`` and its
    ``terms``. A term is a lemma (``pétrole``), a word form, or an expression of several words
    (``la ceinture et la route``); each word of an expression matches a token's surface form or
    its lemma, so ``route de la soie`` also finds "routes de la soie".

    Args:
        path: defaults to ``data/lexicons/keyword_groups.yaml``.

    Returns:
        DataFrame ``group, label, term``, in the order of the file.

    Example:
        >>> groups = read_keyword_groups()
        >>> "trois forces du mal" in set(groups.term)
        True
    """
    import yaml

    path = Path(path or KEYWORD_GROUPS_FILE)
    with open(path, encoding="utf-8") as fh:
        try:
            raw = yaml.safe_load(fh)
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{path}: expected a mapping of group -> {{label, terms}}")
    rows = []
    for key, spec in raw.items():
        if not isinstance(spec, dict) or not spec.get("terms"):
            raise ValueError(f"{path}: group {key!r} needs a non-empty 'terms' list")
        for term in spec["terms"]:
            if not split_pattern(str(term)):
                raise ValueError(f"{path}: group {key!r} has an empty term")
            rows.append({"group": str(key), "label": str(spec.get("label", key)), "term": str(term)})
    return pd.DataFrame(rows, columns=["group", "label", "term"])


def _as_groups(groups) -> pd.DataFrame:
    if groups is None:
        return read_keyword_groups()
    if isinstance(groups, pd.DataFrame):
        return groups
    if isinstance(groups, dict):  # {group: [terms]}
        return pd.DataFrame([{"group": g, "label": g, "term": t} for g, terms in groups.items() for t in terms])
    if isinstance(groups, (str, Path)):
        return read_keyword_groups(groups)
    raise TypeError("groups must be None, a path, a DataFrame or a {group: [terms]} dict")


# --------------------------------------------------------------------------- matching

def select_words(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return the word rows of a token table (no punctuation, no empty term), in text order."""
    words = tokens[tokens["term"].notna() & ~tokens["is_punct"].astype(bool)]
    words = words[words["term"].astype(str).str.strip() != ""]
    return words.sort_values(["doc_id", "token_id"], kind="stable").reset_index(drop=True)


def find_term_matches(words: pd.DataFrame, terms) -> pd.DataFrame:
    """Find every occurrence of ``terms`` in a table of words (from ``select_words``).

    Each word of a term matches a token whose lower-cased surface form or lemma (``term``) is
    that word; a curated multiword row matches the whole expression. Where matches overlap, the
    longest wins, so "nouvelle route de la soie" is not also counted as "route de la soie".

    Returns:
        DataFrame ``term, doc_id, first, last`` (row positions in ``words``), ``start, end``
        (character offsets in ``text_clean``).
    """
    words = words.reset_index(drop=True)
    text = words["text"].map(normalize_form).to_numpy(dtype=object)
    term = words["term"].map(normalize_form).to_numpy(dtype=object)
    doc = words["doc_id"].astype(str).to_numpy(dtype=object)
    n = len(words)
    found = []
    for entry in dict.fromkeys(str(t) for t in terms):
        whole = normalize_form(entry)
        parts = split_pattern(entry)
        k = len(parts)
        if n == 0 or k == 0:
            continue
        hit = np.zeros(n, dtype=bool)
        if k <= n:
            ok = np.ones(n - k + 1, dtype=bool)
            for j, part in enumerate(parts):
                window = slice(j, n - k + 1 + j)
                ok &= (text[window] == part) | (term[window] == part)
                if j:
                    ok &= doc[window] == doc[: n - k + 1]
            hit[: n - k + 1] = ok
        whole_hit = (term == whole) | (text == whole)
        for i in np.flatnonzero(whole_hit):
            found.append((entry, int(i), int(i)))
        for i in np.flatnonzero(hit & ~whole_hit):
            found.append((entry, int(i), int(i) + k - 1))
    table = pd.DataFrame(found, columns=["term", "first", "last"])
    if table.empty:
        return pd.DataFrame(columns=["term", "doc_id", "first", "last", "start", "end"])
    # longest first, then keep a match only if none of its words is already taken
    table["span"] = table["last"] - table["first"]
    table = table.sort_values(["span", "first"], ascending=[False, True], kind="stable")
    taken = np.zeros(n, dtype=bool)
    keep = []
    for row in table.itertuples(index=False):
        if not taken[row.first:row.last + 1].any():
            taken[row.first:row.last + 1] = True
            keep.append(row)
    out = pd.DataFrame(keep).drop(columns="span").sort_values("first", kind="stable").reset_index(drop=True)
    out["doc_id"] = doc[out["first"].to_numpy()]
    out["start"] = words["start"].to_numpy()[out["first"].to_numpy()]
    out["end"] = words["end"].to_numpy()[out["last"].to_numpy()]
    return out[["term", "doc_id", "first", "last", "start", "end"]]


def count_forms(words: pd.DataFrame) -> pd.Series:
    """Return the form each word is counted under: its lemma (``term``), but a proper noun's own
    spelling, since the small model "lemmatises" acronyms and names ("OCS" → "oc")."""
    propn = words["pos"].eq("PROPN").to_numpy() if "pos" in words.columns else np.zeros(len(words), dtype=bool)
    single = ~words["text"].astype(str).str.contains(" ").to_numpy()  # multiword rows keep their curated term
    forms = words["term"].map(normalize_form).to_numpy(dtype=object)
    texts = words["text"].map(normalize_form).to_numpy(dtype=object)
    return pd.Series(np.where(propn & single, texts, forms), index=words.index)


# --------------------------------------------------------------------------- periods, voice

def assign_periods(documents: pd.DataFrame, *, period: str = "Y", date_column: str = "published") -> pd.Series:
    """Return each document's period label (``"2019"``, ``"2019T3"``, ``"2019-03"``), NA if undated.

    Args:
        documents: table with ``doc_id`` and ``date_column``.
        period: ``"Y"`` (year), ``"Q"`` (quarter) or ``"M"`` (month).
        date_column: the date to use; where it is empty, ``event_date`` is used if present.

    Example:
        >>> assign_periods(pd.DataFrame({"doc_id": ["a"], "published": [pd.Timestamp("2019-09-11")]}), period="Q").tolist()
        ['2019T3']
    """
    period = {"A": "Y", "YE": "Y", "QE": "Q", "ME": "M"}.get(str(period).upper(), str(period).upper())
    if period not in {"Y", "Q", "M"}:
        raise ValueError(f"period must be 'Y', 'Q' or 'M', not {period!r}")
    dates = pd.to_datetime(documents.get(date_column), errors="coerce")
    if dates is None:
        dates = pd.Series(pd.NaT, index=documents.index)
    if "event_date" in documents.columns and date_column != "event_date":
        dates = dates.fillna(pd.to_datetime(documents["event_date"], errors="coerce"))
    labels = pd.Series(pd.NA, index=documents.index, dtype="object")
    ok = dates.notna()
    d = dates[ok]
    if period == "Y":
        labels[ok] = d.dt.year.astype(str)
    elif period == "Q":
        labels[ok] = d.dt.year.astype(str) + "T" + d.dt.quarter.astype(str)
    else:
        labels[ok] = d.dt.strftime("%Y-%m")
    return labels.set_axis(documents["doc_id"].astype(str).to_numpy())


def period_start(label: str) -> pd.Timestamp:
    """Return the first day of a period label made by ``assign_periods``.

    Example:
        >>> period_start("2019T3"), period_start("2021")
        (Timestamp('2019-07-01 00:00:00'), Timestamp('2021-01-01 00:00:00'))
    """
    label = str(label)
    if "T" in label:
        year, q = label.split("T")
        return pd.Timestamp(int(year), 3 * int(q) - 2, 1)
    if "-" in label:
        return pd.Timestamp(label + "-01")
    return pd.Timestamp(int(label), 1, 1)


def label_voice(tokens: pd.DataFrame, statements: pd.DataFrame | None) -> pd.Series:
    """Return for each token ``"reported speech"`` or ``"journalist"``.

    A token is reported speech when its start offset lies inside a statement's ``[start, end)``
    in the same document (statements from ``statements.extract_statements``).

    Example:
        >>> toks = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 10], "end": [3, 14]})
        >>> label_voice(toks, pd.DataFrame({"doc_id": ["d"], "start": [8], "end": [20]})).tolist()
        ['journalist', 'reported speech']
    """
    voice = np.full(len(tokens), JOURNALIST, dtype=object)
    if statements is None or len(statements) == 0 or len(tokens) == 0:
        return pd.Series(voice, index=tokens.index, name="voice")
    doc = tokens["doc_id"].astype(str).to_numpy()
    start = tokens["start"].to_numpy()
    for doc_id, spans in statements.groupby(statements["doc_id"].astype(str)):
        rows = np.flatnonzero(doc == doc_id)
        if rows.size == 0:
            continue
        s = start[rows]
        inside = np.zeros(rows.size, dtype=bool)
        for a, b in zip(spans["start"].to_numpy(), spans["end"].to_numpy()):
            inside |= (s >= a) & (s < b)
        voice[rows[inside]] = REPORTED
    return pd.Series(voice, index=tokens.index, name="voice")


# --------------------------------------------------------------------------- trends

def keyword_trends(tokens: pd.DataFrame, documents: pd.DataFrame, *, groups=None, period: str = "Y",
                   date_column: str = "published", statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """Count each keyword group per period, per 10,000 words.

    Args:
        tokens: token table from ``nlp.tokenize_corpus``.
        documents: the documents to count (e.g. ``corpus.documents()``: one copy of each story,
            French); tokens of other documents are ignored.
        groups: keyword groups (default ``data/lexicons/keyword_groups.yaml``; a path, a table
            from ``read_keyword_groups`` or ``{group: [terms]}``).
        period: ``"Y"``, ``"Q"`` or ``"M"``.
        date_column: date giving the period (falls back to ``event_date``). Undated documents
            are left out; their number is in ``table.attrs["undated_documents"]``.
        statements: if given, counts are split by ``voice`` (reported speech / journalist),
            each per 10,000 words of the same voice.

    Returns:
        DataFrame ``period, period_start, group, label, [voice,] count, words, per_10k,
        documents`` (``documents``: documents of the period mentioning the group), one row per
        period × group (× voice), zeros included.

    Example:
        >>> trends = keyword_trends(tokens, corpus.documents(), period="Y")  # doctest: +SKIP
    """
    groups = _as_groups(groups)
    periods = assign_periods(documents, period=period, date_column=date_column)
    dated = periods.dropna()
    words = select_words(tokens[tokens["doc_id"].astype(str).isin(set(dated.index))])
    words = words.assign(period=words["doc_id"].astype(str).map(dated))
    split = statements is not None
    words["voice"] = label_voice(words, statements).to_numpy() if split else "all"
    keys = ["period", "voice"]
    totals = words.groupby(keys).size().rename("words")
    docs_per = words.groupby(keys)["doc_id"].nunique()
    rows = []
    for (group, label), entries in groups.groupby(["group", "label"], sort=False):
        m = find_term_matches(words, entries["term"])
        m["period"] = words["period"].to_numpy()[m["first"].to_numpy()] if len(m) else []
        m["voice"] = words["voice"].to_numpy()[m["first"].to_numpy()] if len(m) else []
        counts = m.groupby(keys).size() if len(m) else pd.Series(dtype="int64")
        ndocs = m.groupby(keys)["doc_id"].nunique() if len(m) else pd.Series(dtype="int64")
        for key, n_words in totals.items():
            rows.append({"period": key[0], "voice": key[1], "group": group, "label": label,
                         "count": int(counts.get(key, 0)), "words": int(n_words),
                         "documents": int(ndocs.get(key, 0)), "documents_in_period": int(docs_per.get(key, 0))})
    cols = ["period", "period_start", "group", "label", "voice", "count", "words", "per_10k", "documents",
            "documents_in_period"]
    table = pd.DataFrame(rows, columns=[c for c in cols if c not in ("period_start", "per_10k")])
    table["per_10k"] = np.where(table["words"] > 0, table["count"] / table["words"].clip(lower=1) * 10_000, 0.0)
    table["period_start"] = [period_start(p) for p in table["period"]]
    table = table[cols].sort_values(["group", "period", "voice"], kind="stable").reset_index(drop=True)
    if not split:
        table = table.drop(columns="voice")
    table.attrs["undated_documents"] = int(periods.isna().sum())
    table.attrs["period"] = period
    return table


# --------------------------------------------------------------------------- concordances

def extract_kwic(tokens: pd.DataFrame, documents: pd.DataFrame, terms, *, window: int = 8,
                 limit: int | None = None) -> pd.DataFrame:
    """Return keyword-in-context lines for ``terms`` (lemmas, forms or expressions).

    Args:
        tokens: token table.
        documents: table with ``doc_id`` and ``text_clean`` (contexts are cut from it, so the
            text reads as printed); its other columns ``title``, ``outlet``, ``published`` are
            copied when present.
        terms: a term or a list of terms.
        window: words of context on each side.
        limit: at most this many lines (in document order).

    Returns:
        DataFrame ``doc_id, term, left, match, right`` (+ ``published, outlet`` when known);
        paragraph breaks inside a context show as `` ¶ ``.

    Example:
        >>> extract_kwic(tokens, corpus.documents(), "trois forces du mal", window=6)  # doctest: +SKIP
    """
    if isinstance(terms, str):
        terms = [terms]
    docs = documents.drop_duplicates("doc_id").set_index(documents.drop_duplicates("doc_id")["doc_id"].astype(str))
    words = select_words(tokens[tokens["doc_id"].astype(str).isin(set(docs.index))])
    m = find_term_matches(words, terms)
    extra = [c for c in ("published", "outlet") if c in docs.columns]
    cols = ["doc_id", "term", "left", "match", "right"] + extra
    if m.empty:
        return pd.DataFrame(columns=cols)
    doc = words["doc_id"].astype(str).to_numpy()
    starts, ends = words["start"].to_numpy(), words["end"].to_numpy()
    rows = []
    for r in m.itertuples(index=False):
        text = str(docs.at[r.doc_id, "text_clean"])
        lo = r.first
        while lo > 0 and doc[lo - 1] == r.doc_id and r.first - lo < window:
            lo -= 1
        hi = r.last
        while hi + 1 < len(doc) and doc[hi + 1] == r.doc_id and hi - r.last < window:
            hi += 1
        row = {"doc_id": r.doc_id, "term": r.term,
               "left": _flat(text[starts[lo]:r.start]), "match": _flat(text[r.start:r.end]),
               "right": _flat(text[r.end:ends[hi]])}
        for c in extra:
            row[c] = docs.at[r.doc_id, c]
        rows.append(row)
        if limit and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=cols)


def _flat(text: str) -> str:
    return re.sub(r"\s*\n+\s*", " ¶ ", text).strip()


# --------------------------------------------------------------------------- collocates

def find_collocates(tokens: pd.DataFrame, node: str, *, window: int = 5, min_freq: int = 3,
                    documents: pd.DataFrame | None = None, exclude_stopwords: bool = True) -> pd.DataFrame:
    """Return the words that co-occur with ``node`` within ``window`` words, with association scores.

    Co-occurrence is counted within sentences over the word rows (stop words, punctuation and
    numbers removed first when ``exclude_stopwords``), in both directions, with nltk's
    ``BigramCollocationFinder``; pairs seen fewer than ``min_freq`` times are dropped before
    scoring (PMI otherwise favours pairs seen once). Scores: nltk ``BigramAssocMeasures``
    log-likelihood ratio and PMI (log2).

    Args:
        tokens: token table.
        node: a lemma or multiword term (``"coopération"``, ``"la ceinture et la route"``).
        window: maximum distance in words on either side (1 = adjacent words only).
        min_freq: frequency floor.
        documents: restrict to these documents (e.g. ``corpus.documents()``).
        exclude_stopwords: drop stop words and numbers before counting.

    Returns:
        DataFrame ``node, collocate, freq, log_likelihood, pmi`` sorted by log-likelihood.

    Example:
        >>> find_collocates(tokens, "coopération", window=5, min_freq=2).head()  # doctest: +SKIP
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
    from nltk.probability import FreqDist

    if documents is not None:
        tokens = tokens[tokens["doc_id"].astype(str).isin(set(documents["doc_id"].astype(str)))]
    words = select_words(tokens)
    if exclude_stopwords:
        words = words[~words["is_stop"].astype(bool) & ~words["term"].astype(str).str.match(_NUMBER.pattern)]
    node = normalize_form(node)
    cols = ["node", "collocate", "freq", "log_likelihood", "pmi"]
    word_fd, pair_fd = FreqDist(), FreqDist()
    size = max(2, int(window) + 1)  # nltk's window_size counts the node itself
    words = words.assign(form=count_forms(words))
    for _, sent in words.groupby(["doc_id", "sent_id"], sort=False)["form"]:
        seq = list(sent)
        for i, w in enumerate(seq):
            word_fd[w] += 1
            for v in seq[i + 1:i + size]:
                # undirected: the node is always put first so left and right collocates add up
                if v == node and w != node:
                    pair_fd[(v, w)] += 1
                elif w == node and v != node:
                    pair_fd[(w, v)] += 1
    if word_fd[node] == 0:
        return pd.DataFrame(columns=cols)
    finder = BigramCollocationFinder(word_fd, pair_fd, window_size=size)
    finder.apply_freq_filter(min_freq)
    finder.apply_ngram_filter(lambda a, b: a != node)
    measures = BigramAssocMeasures()
    llr = dict(finder.score_ngrams(measures.likelihood_ratio))
    pmi = dict(finder.score_ngrams(measures.pmi))
    rows = [{"node": node, "collocate": b, "freq": int(finder.ngram_fd[(a, b)]),
             "log_likelihood": float(score), "pmi": float(pmi[(a, b)])} for (a, b), score in llr.items()]
    table = pd.DataFrame(rows, columns=cols)
    return table.sort_values(["log_likelihood", "collocate"], ascending=[False, True]).reset_index(drop=True)


# --------------------------------------------------------------------------- keyness

#: Columns of every keyness table (``compare_keyness``, ``keyness_table``, speakers' keyness).
KEYNESS_COLUMNS = ["group", "term", "n_target", "n_reference", "total_target", "total_reference", "g2", "p",
                   "log_ratio", "specificity"]

def log_likelihood_g2(a, b, c, d, *, correction: str = "default") -> np.ndarray:
    """Signed Dunning log-likelihood G² of a term in a target vs a reference, as quanteda computes it.

    The 2×2 table is ``a`` = the term in the target, ``b`` = the term in the reference,
    ``c`` = other words of the target, ``d`` = other words of the reference. G² is positive
    when the term is over-represented in the target.

    Args:
        a, b, c, d: counts (scalars or arrays).
        correction: ``"default"`` or ``"yates"`` — Yates' continuity correction (±0.5 on each
            cell towards independence) applied only where an expected count is below 5 and
            |ad − bc| > N/2, as in quanteda's ``textstat_keyness(measure = "lr")``;
            ``"williams"`` — G² divided by Williams' q (not applied when a cell is 0);
            ``"none"``.

    Returns:
        Signed G² (array).

    Example:
        >>> float(np.round(log_likelihood_g2(10, 2, 990, 998, correction="none"), 4))
        5.8543
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    if correction not in {"default", "yates", "williams", "none"}:
        raise ValueError("correction must be 'default', 'yates', 'williams' or 'none'")
    n = a + b + c + d
    e11 = (a + b) * (a + c) / n
    e12 = (a + b) * (b + d) / n
    e21 = (c + d) * (a + c) / n
    e22 = (c + d) * (b + d) / n
    if correction in {"default", "yates"}:
        small = (np.minimum(np.minimum(e11, e12), np.minimum(e21, e22)) < 5) & (np.abs(a * d - b * c) > n / 2)
        toward = np.where(a * d - b * c > 0, -0.5, 0.5) * small
        a, d, b, c = a + toward, d + toward, b - toward, c - toward

    def term(o, e):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / e), 0.0)

    g2 = 2 * (term(a, e11) + term(b, e12) + term(c, e21) + term(d, e22))
    if correction == "williams":
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
        q = np.where(a * b * c * d == 0, 1.0, q)
        g2 = g2 / q
    return np.where(a > e11, 1.0, -1.0) * np.abs(g2)


def log_ratio(a, b, total_target, total_reference) -> np.ndarray:
    """Hardie's log ratio: log2 of the ratio of relative frequencies (0 counted as 0.5).

    Example:
        >>> float(log_ratio(8, 2, 1000, 1000))
        2.0
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    a, b = np.where(a == 0, 0.5, a), np.where(b == 0, 0.5, b)
    return np.log2((a / np.asarray(total_target, dtype=float)) / (b / np.asarray(total_reference, dtype=float)))


def lafon_specificity(k, f, t, total) -> np.ndarray:
    """Lafon's specificity of a term in a part, signed ±log10 p (hypergeometric), as in TXM.

    A part of ``t`` words is drawn from a corpus of ``total`` words in which the term occurs
    ``f`` times; it holds the term ``k`` times. If ``k`` is at least the expected ``f·t/total``,
    the score is ``-log10 P(X ≥ k)`` (positive: over-represented); otherwise ``log10 P(X ≤ k)``
    (negative: under-represented). |score| ≥ 2 is TXM's usual threshold (p ≤ 0.01).

    Example:
        >>> float(np.round(lafon_specificity(5, 6, 10, 100), 3))
        4.717
    """
    from scipy.stats import hypergeom

    k, f, t, total = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (k, f, t, total)))
    expected = f * t / total
    over = k >= expected
    # scipy's hypergeom(M, n, N): M = corpus size, n = term frequency, N = part size
    upper = hypergeom.sf(k - 1, total, f, t)
    lower = hypergeom.cdf(k, total, f, t)
    tiny = np.finfo(float).tiny  # p underflows to 0 for huge effects; cap instead of inf
    score = np.where(over, -np.log10(np.maximum(upper, tiny)), np.log10(np.maximum(lower, tiny)))
    return np.where(score == 0, 0.0, score)  # no -0.0


def compare_keyness(tokens: pd.DataFrame, documents: pd.DataFrame, *, by: str, target=None,
                    period: str = "Y", date_column: str = "published", statements: pd.DataFrame | None = None,
                    min_count: int = 3, correction: str = "default", exclude_stopwords: bool = True) -> pd.DataFrame:
    """Keyness of terms in each group of documents against the rest (or one target vs the rest).

    Args:
        tokens: token table.
        documents: documents to compare (``doc_id`` and the ``by`` column).
        by: a column of ``documents`` (``"outlet"``, ``"language"``...), ``"period"`` (from
            ``date_column`` and ``period``) or ``"voice"`` (reported speech vs journalist;
            needs ``statements``). Documents without a value are left out.
        target: one value of ``by`` to compare with all the others; default every value in turn.
        min_count: keep terms seen at least this often in the whole comparison.
        correction: G² correction (see ``log_likelihood_g2``).
        exclude_stopwords: leave stop words and numbers out of the reported terms (they still
            count in each side's total).

    Returns:
        DataFrame ``group, term, n_target, n_reference, total_target, total_reference, g2, p,
        log_ratio, specificity`` sorted by group then descending G². ``p`` is the chi-square(1)
        p-value of |G²|; ``specificity`` is Lafon's signed log10 p of the term in the group.

    Example:
        >>> compare_keyness(tokens, corpus.documents(), by="period")  # doctest: +SKIP
    """
    ids = documents["doc_id"].astype(str)
    words = select_words(tokens[tokens["doc_id"].astype(str).isin(set(ids))])
    if by == "voice":
        if statements is None:
            raise ValueError("by='voice' needs the statements table (statements=...)")
        words["side"] = label_voice(words, statements).to_numpy()
    else:
        if by == "period":
            labels = assign_periods(documents, period=period, date_column=date_column)
        elif by in documents.columns:
            labels = documents.set_index(ids)[by]
            labels = labels[~labels.index.duplicated()]
        else:
            raise ValueError(f"by={by!r} is not a column of the documents, 'period' or 'voice'")
        labels = labels.where(labels.astype(str).str.strip().ne("") & labels.notna())
        words["side"] = words["doc_id"].astype(str).map(labels)
        words = words[words["side"].notna()]
    words["form"] = count_forms(words)
    counts = words.groupby(["form", "side"]).size().unstack(fill_value=0)
    if counts.shape[1] < 2:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    keep = counts.sum(axis=1) >= min_count
    if exclude_stopwords:
        stop = set(words.loc[words["is_stop"].astype(bool), "form"])
        forms = counts.index.to_series()
        # stop words, numbers and clitic debris ("-t" of "a-t-il") are not reported
        keep &= ~counts.index.isin(stop) & ~forms.str.match(_NUMBER.pattern).to_numpy() & forms.str.match(r"^\w").to_numpy()
    return keyness_table(counts, keep=keep.to_numpy(), targets=[target] if target is not None else None,
                         correction=correction, by=by)


def keyness_table(counts: pd.DataFrame, *, keep=None, targets=None, correction: str = "default",
                  by: str = "group") -> pd.DataFrame:
    """Keyness of every term of a term × group count matrix, each target group against the rest.

    Totals of each side are taken over all rows of ``counts`` (so that words left out of the
    report, such as stop words, still count in each side's size); ``keep`` then selects the
    reported terms.

    Args:
        counts: terms as index, groups as columns, occurrence counts as values.
        keep: boolean mask of the terms to report (default: all).
        targets: groups to compare with the rest (default: every column in turn).
        correction: G² correction (see ``log_likelihood_g2``).
        by: name of what the groups are, for error messages.

    Returns:
        DataFrame with ``KEYNESS_COLUMNS``, sorted by group then descending G².

    Example:
        >>> m = pd.DataFrame({"a": [10, 1], "b": [1, 10]}, index=["x", "y"])
        >>> keyness_table(m).query("group == 'a'").term.tolist()
        ['x', 'y']
    """
    from scipy.stats import chi2

    totals = counts.sum(axis=0)
    freq = counts.sum(axis=1)
    if keep is not None:
        counts, freq = counts.loc[keep], freq.loc[keep]
    N = float(totals.sum())
    out = []
    for g in (targets if targets is not None else list(counts.columns)):
        if g not in counts.columns:
            raise ValueError(f"target {g!r} is not a value of {by!r} (have: {', '.join(map(str, counts.columns))})")
        a = counts[g].to_numpy(dtype=float)
        b = freq.to_numpy(dtype=float) - a
        tt, tr = float(totals[g]), N - float(totals[g])
        g2 = log_likelihood_g2(a, b, tt - a, tr - b, correction=correction)
        out.append(pd.DataFrame({
            "group": str(g), "term": counts.index, "n_target": a.astype(int), "n_reference": b.astype(int),
            "total_target": int(tt), "total_reference": int(tr), "g2": g2, "p": chi2.sf(np.abs(g2), 1),
            "log_ratio": log_ratio(a, b, tt, tr), "specificity": lafon_specificity(a, freq.to_numpy(), tt, N)}))
    if not out:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    table = pd.concat(out, ignore_index=True)[KEYNESS_COLUMNS]
    return table.sort_values(["group", "g2", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
