"""Which words and formulas rise and fall: keyword groups, trends, concordances, keyness by document group.

What belongs here: reading the keyword groups (``data/lexicons/keyword_groups.yaml``), finding
their terms among the words of the token table (lemmas, surface forms and multiword terms),
their relative frequency per period (``keyword_trends``), keyword-in-context lines
(``extract_kwic``) and keyness between groups of documents (``compare_keyness``: a
document-term matrix of ``terms`` grouped by a document column, the period or the voice, scored
by ``terms.score_keyness``). What does not: words, terms, voice, keyness and collocation
statistics (``terms``, shared with ``speakers`` and ``topics``), tokenisation (``nlp``), who
speaks (``statements``), dates (``corpus``; ``timeline.date_documents`` says how each was
obtained) and drawing (``plotting.keywords``).

Counting conventions are those of ``terms``: a *word* is a token that starts a term (a curated
expression or a name is one word); relative frequencies are per 10,000 words of the same
period (and voice); keyness counts the terms of ``terms.select_terms``.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from .config import KEYWORD_GROUPS_FILE
from .terms import assign_voice, score_keyness, select_words, term_matrix

_WORD = re.compile(r"\w+(?:['’])?|[^\w\s]", re.UNICODE)


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
            raise ValueError(f"{path} : YAML invalide : {exc}") from None
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{path} : attendu : des groupes, chacun avec {{label, terms}}")
    rows = []
    for key, spec in raw.items():
        if not isinstance(spec, dict) or not spec.get("terms"):
            raise ValueError(f"{path} : le groupe {key!r} demande une liste 'terms' non vide")
        for term in spec["terms"]:
            if not split_pattern(str(term)):
                raise ValueError(f"{path} : le groupe {key!r} a un terme vide")
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
    raise TypeError("groups : None, un chemin, un DataFrame ou un dict {groupe: [termes]}")


# --------------------------------------------------------------------------- matching

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
    ends = words["term_end"] if "term_end" in words else words["end"]
    out["end"] = ends.to_numpy()[out["last"].to_numpy()]
    return out[["term", "doc_id", "first", "last", "start", "end"]]


# --------------------------------------------------------------------------- periods, voice

def assign_periods(documents: pd.DataFrame, *, period: str = "Y", date_column: str = "published") -> pd.Series:
    """Return each document's period label (``"2019"``, ``"2019T3"``, ``"2019-03"``), NA if undated.

    Args:
        documents: table with ``doc_id`` and ``date_column``.
        period: ``"Y"`` (year), ``"Q"`` (quarter) or ``"M"`` (month).
        date_column: the date to use, as it is (no fallback: the one dating rule of every
            notebook is ``timeline.apply_dating``, which writes ``date``); a table without that
            column is dated by ``published``.

    Example:
        >>> assign_periods(pd.DataFrame({"doc_id": ["a"], "published": [pd.Timestamp("2019-09-11")]}), period="Q").tolist()
        ['2019T3']
    """
    period = {"A": "Y", "YE": "Y", "QE": "Q", "ME": "M"}.get(str(period).upper(), str(period).upper())
    if period not in {"Y", "Q", "M"}:
        raise ValueError(f"la période est 'Y' (année), 'Q' (trimestre) ou 'M' (mois), pas {period!r}")
    column = date_column if date_column in documents.columns else "published"
    if column in documents.columns:
        dates = pd.to_datetime(documents[column], errors="coerce")
    else:
        dates = pd.Series(pd.NaT, index=documents.index)
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


# --------------------------------------------------------------------------- trends

def keyword_trends(tokens: pd.DataFrame, documents: pd.DataFrame, *, groups=None, period: str = "Y",
                   date_column: str = "date", statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """Count each keyword group per period, per 10,000 words.

    Args:
        tokens: token table from ``nlp.tokenize_corpus``.
        documents: the documents to count (e.g. ``corpus.documents()``: one copy of each story,
            French); tokens of other documents are ignored.
        groups: keyword groups (default ``data/lexicons/keyword_groups.yaml``; a path, a table
            from ``read_keyword_groups`` or ``{group: [terms]}``).
        period: ``"Y"``, ``"Q"`` or ``"M"``.
        date_column: date giving the period: ``date`` of ``timeline.apply_dating`` (the one
            dating rule), else ``published``. Undated documents are left out; their number is in
            ``table.attrs["undated_documents"]``.
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
    toks = tokens[tokens["doc_id"].astype(str).isin(set(dated.index))]
    split = statements is not None
    words = assign_voice(toks, statements) if split else select_words(toks).assign(voice="all")
    words = words.assign(period=words["doc_id"].astype(str).map(dated))
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
        DataFrame ``doc_id, term, left, match, right`` (+ ``published, outlet`` when known) and
        ``start``, ``end`` (the match's offsets in ``text_clean``); paragraph breaks inside a
        context show as `` ¶ ``.

    Example:
        >>> extract_kwic(tokens, corpus.documents(), "trois forces du mal", window=6)  # doctest: +SKIP
    """
    if isinstance(terms, str):
        terms = [terms]
    docs = documents.drop_duplicates("doc_id").set_index(documents.drop_duplicates("doc_id")["doc_id"].astype(str))
    words = select_words(tokens[tokens["doc_id"].astype(str).isin(set(docs.index))])
    ends = words["term_end"].to_numpy() if "term_end" in words else words["end"].to_numpy()
    m = find_term_matches(words, terms)
    extra = [c for c in ("published", "outlet") if c in docs.columns]
    cols = ["doc_id", "term", "left", "match", "right"] + extra + ["start", "end"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    doc = words["doc_id"].astype(str).to_numpy()
    starts = words["start"].to_numpy()
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
               "right": _flat(text[r.end:ends[hi]]), "start": int(r.start), "end": int(r.end)}
        for c in extra:
            row[c] = docs.at[r.doc_id, c]
        rows.append(row)
        if limit and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=cols)


def _flat(text: str) -> str:
    return re.sub(r"\s*\n+\s*", " ¶ ", text).strip()


# --------------------------------------------------------------------------- keyness

def compare_keyness(tokens: pd.DataFrame, documents: pd.DataFrame, *, by: str, target=None, reference=None,
                    period: str = "Y", date_column: str = "date", statements: pd.DataFrame | None = None,
                    min_count: int = 3, correction: str = "default") -> pd.DataFrame:
    """Keyness of the terms of each group of documents against the rest (or a target vs a reference).

    The counts are those of ``terms.term_matrix`` (document units, or each document's two
    voices for ``by="voice"``) grouped by ``by``, scored by ``terms.score_keyness``: the same
    function and the same counts as the speakers' keyness of ``speakers.speaker_keyness``.

    Args:
        tokens: token table.
        documents: documents to compare (``doc_id`` and the ``by`` column).
        by: a column of ``documents`` (``"outlet"``, ``"language"``...), ``"period"`` (from
            ``date_column`` and ``period``) or ``"voice"`` (reported speech vs journalist;
            needs ``statements``). Documents without a value are left out.
        target: one value of ``by`` (or a list); default every value in turn.
        reference: the values forming the reference (default: all the others).
        min_count: keep terms seen at least this often in target + reference.
        correction: G² correction (see ``terms.log_likelihood_g2``).

    Returns:
        The table of ``terms.score_keyness``: ``target, reference, term, n_target,
        n_reference, total_target, total_reference, g2, p, log_ratio, specificity``.

    Example:
        >>> compare_keyness(tokens, corpus.documents(), by="period")  # doctest: +SKIP
    """
    if by == "voice":
        if statements is None:
            raise ValueError("by='voice' demande la table des déclarations (statements=...)")
        m = term_matrix(tokens, documents, unit="voice", statements=statements)
    else:
        m = term_matrix(tokens, documents, unit="document")
        if by == "period":
            labels = assign_periods(documents, period=period, date_column=date_column)
            m.units["period"] = m.units["doc_id"].map(labels[~labels.index.duplicated()])
        elif by not in m.units.columns:
            raise ValueError(f"by={by!r} n'est ni une colonne des documents, ni 'period', ni 'voice'")
    if m.units[by].notna().sum() == 0:
        return score_keyness(m.subset(np.zeros(len(m.units), bool)).group(by), target=None)
    return score_keyness(m.group(by), target=target, reference=reference, min_count=min_count, correction=correction)


def documents_per_group(documents: pd.DataFrame, *, by: str, period: str = "Y", date_column: str = "date") -> dict:
    """How many articles each group of ``compare_keyness`` holds (for the panels' n).

    Args:
        documents: the documents compared (dated by ``timeline.apply_dating``).
        by: as in ``compare_keyness``; for ``"voice"`` every voice holds every article.

    Example:
        >>> documents_per_group(pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"]}), by="outlet")
        {'X': 2}
    """
    if by == "voice":
        from .terms import JOURNALIST, REPORTED

        return {JOURNALIST: len(documents), REPORTED: len(documents)}
    if by == "period":
        values = assign_periods(documents, period=period, date_column=date_column)
    elif by in documents.columns:
        values = documents[by]
    else:
        return {}
    return {str(k): int(v) for k, v in values.dropna().astype(str).value_counts().items()}
