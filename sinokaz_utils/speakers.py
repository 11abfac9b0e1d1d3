"""Who speaks in the coverage and how the speakers differ: tables built on the statements.

What belongs here: counting who is quoted, how often and how much; the share of reported
speech against the journalist's own voice per article and per outlet; keyness of each speaker
or country against the others; term frequencies per group for the scatter; the shared
diplomatic formulas (``data/lexicons/formulas.csv``) and who uses them; cosine similarity
between speakers on TF-IDF. Every function accepts any number of groups. What does not:
finding statements (``statements``), the rule that gives words to statements, the counts and
the keyness statistics (``terms``: the same as ``keywords``'), topic models (``topics``; the
topic profile of a speaker is ``topics.topic_prevalence`` on statement units), drawing
(``plotting.speakers``).

Counting conventions are those of ``terms``: a *word* is a token that starts a term (a curated
expression or a name is one word); a word belongs to the statement holding its start offset
(the innermost where statements nest); the speaker's name and the cue are the journalist's
words, never the speaker's vocabulary.

Example:
    >>> quotes = count_quotes(statements, tokens)                     # doctest: +SKIP
    >>> keyness = speaker_keyness(tokens, statements, by="country")   # doctest: +SKIP
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .config import COUNTRY_NAMES_FILE, FORMULAS_FILE
from .terms import JOURNALIST, REPORTED, KEYNESS_COLUMNS, TermMatrix, assign_voice, score_keyness, term_matrix


@functools.lru_cache(maxsize=1)
def read_country_names(path: Path = COUNTRY_NAMES_FILE) -> dict[str, str]:
    """Return ``{ISO code: French name}`` from ``data/lexicons/country_names.csv``.

    Example:
        >>> read_country_names()["KZ"]
        'Kazakhstan'
    """
    with open(path, encoding="utf-8", newline="") as f:
        return {row["code"].strip(): row["name"].strip() for row in csv.DictReader(f)}


#: Country name of statements whose speaker has none (communiqués, "les deux parties", ...).
NO_COUNTRY = "sans pays"


def name_country(code) -> str:
    """French name of a country code (``"CN"`` → ``"Chine"``); none → ``NO_COUNTRY``.

    Example:
        >>> name_country("CN"), name_country(None), name_country("Chine")
        ('Chine', 'sans pays', 'Chine')
    """
    if code is None or (isinstance(code, float) and np.isnan(code)) or not str(code).strip():
        return NO_COUNTRY
    return read_country_names().get(str(code).strip().upper(), str(code).strip())


def read_formulas(path: Path = FORMULAS_FILE) -> pd.DataFrame:
    """Return the shared formulas to track: ``formula`` (as printed), ``term``, ``note``.

    ``term`` is the term of the token table: a multiword expression of
    ``data/lexicons/multiword.csv`` (all its variants map to it).

    Example:
        >>> "une seule chine" in set(read_formulas()["term"])
        True
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table["term"] = table["term"].str.strip().str.lower()
    return table[["formula", "term", "note"]]


# --------------------------------------------------------------------------------------------
# who speaks


def label_speakers(statements: pd.DataFrame) -> pd.DataFrame:
    """Add ``speaker_key`` (one id per person or body), ``speaker_label`` and ``country_name``.

    The key is ``speaker_id`` when the actor gazetteer resolved the speaker, else the
    lower-cased name; the label is the most frequent spelling of the name, with the country
    (« Xi Jinping (Chine) »; a speaker without a country keeps the bare name).

    Example:
        >>> label_speakers(statements)[["speaker_key", "speaker_label"]].head(2)   # doctest: +SKIP
    """
    st = statements.copy()
    sid = st["speaker_id"].where(st["speaker_id"].notna() & st["speaker_id"].astype(str).str.strip().ne(""))
    name = st["speaker"].fillna("?").astype(str).str.strip()
    st["speaker_key"] = sid.fillna(name.str.lower()).astype(str)
    display = name.groupby(st["speaker_key"]).agg(lambda s: s.value_counts().index[0])
    st["country_name"] = st["country"].map(name_country)
    country = st.groupby("speaker_key")["country_name"].agg(lambda s: s.value_counts().index[0])
    # the country beside the name when the speaker has one; « Thomas Pesquet », not « Thomas Pesquet
    # (sans pays) », unless another speaker bears the same name
    shared = display.value_counts()
    st["speaker_label"] = st["speaker_key"].map(
        lambda k: display[k] if country[k] == NO_COUNTRY and shared[display[k]] == 1 else f"{display[k]} ({country[k]})")
    return st


def assign_words(tokens: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """The words of the token table with their statement and voice (``terms.assign_voice``) and the
    statement's ``speaker_key``, ``speaker_label``, ``country_name`` (``label_speakers``).

    Example:
        >>> assign_words(tokens, statements)["voice"].value_counts()   # doctest: +SKIP
    """
    st = label_speakers(statements) if len(statements) else statements.assign(
        speaker_key=None, speaker_label=None, country_name=None)
    return assign_voice(tokens, st)


def count_quotes(statements: pd.DataFrame, tokens: pd.DataFrame | None = None, *, by: str = "speaker") -> pd.DataFrame:
    """Who is quoted, how often and how much.

    Args:
        statements: the statements table.
        tokens: the token table; when given, ``n_words`` counts the words each speaker is
            quoted with (otherwise only characters are counted).
        by: ``"speaker"`` (one row per speaker) or ``"country"``.

    Returns:
        One row per speaker (or country), sorted by words (or characters) quoted:
        ``speaker_key, speaker_label, speaker, speaker_type, country_name, n_statements,
        n_docs, n_direct, n_indirect, n_chars, n_words, share_words``. For ``by="country"``
        the speaker columns are replaced by ``n_speakers``.

    Example:
        >>> count_quotes(statements, tokens).head(3)                # doctest: +SKIP
    """
    st = label_speakers(statements)
    st["n_chars"] = (st["end"] - st["start"]).clip(lower=0)
    key = "speaker_key" if by == "speaker" else "country_name"
    if by not in ("speaker", "country"):
        raise ValueError("by vaut 'speaker' ou 'country'")
    g = st.groupby(key, sort=False)
    out = pd.DataFrame({
        "n_statements": g.size(),
        "n_docs": g["doc_id"].nunique(),
        "n_direct": g["kind"].agg(lambda s: int((s == "direct").sum())),
        "n_indirect": g["kind"].agg(lambda s: int((s == "indirect").sum())),
        "n_chars": g["n_chars"].sum().astype(int),
    })
    if by == "speaker":
        first = g.agg(speaker_label=("speaker_label", "first"), speaker=("speaker", lambda s: s.value_counts().index[0]),
                      speaker_type=("speaker_type", lambda s: s.value_counts().index[0] if s.notna().any() else None),
                      country_name=("country_name", lambda s: s.value_counts().index[0]))
        out = first.join(out)
    else:
        out.insert(0, "n_speakers", g["speaker_key"].nunique())
    if tokens is not None:
        words = assign_words(tokens[tokens["doc_id"].astype(str).isin(set(st["doc_id"].astype(str)))], statements)
        rep = words.loc[words["voice"] == REPORTED]
        n = rep.groupby("speaker_key" if by == "speaker" else "country_name").size()
        out["n_words"] = n.reindex(out.index).fillna(0).astype(int)
        total = out["n_words"].sum()
        out["share_words"] = out["n_words"] / total if total else 0.0
        sort = "n_words"
    else:
        sort = "n_chars"
    out = out.sort_values([sort, "n_statements"], ascending=False, kind="stable").reset_index()
    return out


def reported_speech_share(tokens: pd.DataFrame, statements: pd.DataFrame, docs: pd.DataFrame, *,
                          by: str = "doc_id") -> pd.DataFrame:
    """Share of reported speech against the journalist's own voice, per article or per outlet.

    Words (and characters of ``text_clean``) inside statements count as reported speech; the
    rest is the journalist's voice. Reported words are also split by the speaker's country.

    Args:
        tokens: the token table.
        statements: the statements table.
        docs: the documents (``corpus.documents()``): ``doc_id``, ``text_clean`` and ``by``.
        by: ``"doc_id"`` (default), ``"outlet"`` or any column of ``docs``. Documents without a
            value are grouped under "inconnu" (« média inconnu » for the outlet).

    Returns:
        One row per group: ``n_docs, n_words, n_reported, share_reported, n_chars,
        n_chars_reported, share_chars_reported`` and ``share_<country>`` for each country
        (share of all words reported from that country's speakers), sorted by group.

    Example:
        >>> reported_speech_share(tokens, statements, corpus.documents(), by="outlet")   # doctest: +SKIP
    """
    d = docs.copy()
    d["doc_id"] = d["doc_id"].astype(str)
    ids = set(d["doc_id"])
    words = assign_words(tokens[tokens["doc_id"].astype(str).isin(ids)],
                         statements[statements["doc_id"].astype(str).isin(ids)])
    group = d.set_index("doc_id")[by] if by != "doc_id" else pd.Series(d["doc_id"].to_numpy(), index=d["doc_id"])
    if by == "outlet":  # the one name of an unknown outlet, as in every table and figure
        from .labels import outlet_label

        group = group.map(outlet_label)
    group = group.where(group.notna() & group.astype(str).str.strip().ne(""), "inconnu")
    words["group"] = words["doc_id"].astype(str).map(group)
    # characters: the union of statement spans, clipped to each document
    chars = {}
    for doc_id, text in zip(d["doc_id"], d["text_clean"].fillna("")):
        covered = np.zeros(len(text), dtype=bool)
        for a, b in statements.loc[statements["doc_id"].astype(str) == doc_id, ["start", "end"]].to_numpy():
            covered[int(max(a, 0)):int(min(b, len(text)))] = True
        chars[doc_id] = (len(text), int(covered.sum()))
    d["n_chars"] = d["doc_id"].map(lambda i: chars[i][0])
    d["n_chars_reported"] = d["doc_id"].map(lambda i: chars[i][1])
    d["group"] = d["doc_id"].map(group)
    g = words.groupby("group")
    out = pd.DataFrame({"n_words": g.size(), "n_reported": g["voice"].agg(lambda s: int((s == REPORTED).sum()))})
    cg = d.groupby("group")
    out = out.reindex(cg.size().index).fillna(0).astype(int)
    out.insert(0, "n_docs", cg.size())
    out["share_reported"] = (out["n_reported"] / out["n_words"].where(out["n_words"] > 0)).fillna(0.0)
    out["n_chars"] = cg["n_chars"].sum()
    out["n_chars_reported"] = cg["n_chars_reported"].sum()
    out["share_chars_reported"] = (out["n_chars_reported"] / out["n_chars"].where(out["n_chars"] > 0)).fillna(0.0)
    rep = words.loc[words["voice"] == REPORTED]
    if len(rep):
        by_country = rep.groupby(["group", "country_name"]).size().unstack(fill_value=0)
        for c in by_country.columns:
            out[f"share_{c}"] = (by_country[c].reindex(out.index).fillna(0) /
                                 out["n_words"].where(out["n_words"] > 0)).fillna(0.0)
    out.index.name = by
    return out.sort_index()


# --------------------------------------------------------------------------------------------
# what they say


def speech_matrix(tokens: pd.DataFrame, statements: pd.DataFrame, *, by: str = "country", speaker_types=None,
                  documents: pd.DataFrame | None = None, stopwords: Iterable[str] | None = None) -> TermMatrix:
    """The terms of each group's statements: ``terms.term_matrix`` of statement units grouped by ``by``.

    Args:
        tokens: the token table.
        statements: the statements table.
        by: ``"country"`` (``country_name``), ``"speaker"`` (``speaker_label``) or another
            column of the statements.
        speaker_types: keep only these ``speaker_type`` values (e.g. ``["person"]``).
        documents: the documents (default: those of the tokens).
        stopwords: extra terms to leave out.

    Example:
        >>> speech_matrix(tokens, statements, by="country").to_frame()   # doctest: +SKIP
    """
    st = label_speakers(statements) if len(statements) else statements.assign(
        speaker_key=None, speaker_label=None, country_name=None)
    if speaker_types is not None:
        st = st.loc[st["speaker_type"].isin(list(speaker_types))]
    col = {"speaker": "speaker_label", "country": "country_name"}.get(by, by)
    if col not in st.columns:
        raise ValueError("by vaut 'speaker', 'country' ou une colonne des déclarations")
    if documents is not None:
        st = st.loc[st["doc_id"].astype(str).isin(set(documents["doc_id"].astype(str)))]
    m = term_matrix(tokens, documents, unit="statement", statements=st, stopwords=stopwords)
    if col not in m.units.columns:  # no statement kept
        m.units[col] = pd.Series(dtype="object")
    return m.group(col)


def speaker_keyness(tokens: pd.DataFrame, statements: pd.DataFrame, *, by: str = "country", target=None,
                    reference=None, min_count: int = 3, min_words: int = 30, speaker_types=None,
                    stopwords: Iterable[str] | None = None, correction: str = "default",
                    documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keyness of the words of each speaker (or country) against the other speakers' words.

    The comparison stays inside reported speech: a speaker's words are compared with what the
    other speakers say, not with the journalist's narrative. The counts are ``speech_matrix``,
    the scores ``terms.score_keyness`` (the function ``keywords.compare_keyness`` calls too).

    Args:
        tokens: the token table.
        statements: the statements table.
        by: ``"country"``, ``"speaker"`` or another column of the statements.
        target: one group to compare (default: every group with at least ``min_words`` terms).
        reference: groups forming the reference (default: all other groups); e.g. compare
            ``target="Chine", reference=["Kazakhstan"]``.
        min_count: keep terms seen at least this often in target + reference.
        min_words: groups with fewer terms are not targets (they stay in the reference).
        speaker_types: keep only these ``speaker_type`` values (e.g. ``["person"]``).
        stopwords: extra terms to leave out.
        correction: G² correction (see ``terms.log_likelihood_g2``).
        documents: restrict to these documents.

    Returns:
        The table of ``terms.score_keyness`` (``target, reference, term, n_target,
        n_reference, total_target, total_reference, g2, p, log_ratio, specificity``).

    Example:
        >>> speaker_keyness(tokens, statements, by="country", target="Chine", reference=["Kazakhstan"])  # doctest: +SKIP
    """
    m = speech_matrix(tokens, statements, by=by, speaker_types=speaker_types, documents=documents, stopwords=stopwords)
    if len(m.units) < 2:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    if target is not None and str(target) not in set(m.units["unit_id"]):
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    if reference is not None:
        reference = [r for r in reference if str(r) in set(m.units["unit_id"])]
        if not reference:
            return pd.DataFrame(columns=KEYNESS_COLUMNS)
    return score_keyness(m, target=target, reference=reference, min_count=min_count, min_words=min_words,
                         correction=correction)


def term_frequencies(tokens: pd.DataFrame, statements: pd.DataFrame, *, by: str = "country", min_count: int = 2,
                     speaker_types=None, stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """Frequency of each term in the reported speech of each group (for the term scatter).

    Returns:
        One row per term: ``n_<group>`` (count) and ``per10k_<group>`` (per 10,000 terms of
        that group's speech) for every group, and ``total``; terms seen fewer than
        ``min_count`` times overall are left out (they still count in the totals).
        ``attrs["totals"]`` holds each group's number of terms.

    Example:
        >>> term_frequencies(tokens, statements, by="country").head()   # doctest: +SKIP
    """
    m = speech_matrix(tokens, statements, by=by, speaker_types=speaker_types, stopwords=stopwords)
    counts = m.to_frame().T
    totals = counts.sum(axis=0)
    counts = counts.loc[counts.sum(axis=1) >= min_count]
    out = pd.DataFrame(index=counts.index)
    for g in counts.columns:
        out[f"n_{g}"] = counts[g]
    for g in counts.columns:
        out[f"per10k_{g}"] = counts[g] / totals[g] * 10_000 if totals[g] else 0.0
    out["total"] = counts.sum(axis=1)
    out.index.name = "term"
    out.attrs["totals"] = {str(g): int(t) for g, t in totals.items()}
    return out.sort_values("total", ascending=False, kind="stable")


def find_formulas(tokens: pd.DataFrame, statements: pd.DataFrame, docs: pd.DataFrame | None = None, *,
                  formulas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Shared diplomatic formulas and who uses them: each speaker's statements, or the journalist.

    Args:
        tokens: the token table (formulas are multiword terms in it).
        statements: the statements table.
        docs: restrict to these documents (e.g. ``corpus.documents()``, without duplicates).
        formulas: the formulas table (default ``read_formulas()``).

    Returns:
        One row per formula (all formulas of the list, found or not): ``formula, n_total,
        n_docs, n_journalist, n_reported``, ``n_<country>`` for every country whose speakers
        use some formula, and ``speakers`` ("Xi Jinping (Chine) ×3; ..."), sorted by
        ``n_total``. ``attrs["long"]`` holds the long table (formula, speaker_label,
        country_name, voice, n).

    Example:
        >>> find_formulas(tokens, statements, corpus.documents())   # doctest: +SKIP
    """
    formulas = read_formulas() if formulas is None else formulas
    toks = tokens if docs is None else tokens[tokens["doc_id"].astype(str).isin(set(docs["doc_id"].astype(str)))]
    words = assign_words(toks, statements)
    hits = words.merge(formulas[["formula", "term"]], on="term")
    hits["who"] = hits["speaker_label"].fillna("journaliste")
    hits["country_name"] = hits["country_name"].where(hits["voice"] != JOURNALIST, "journaliste")
    long = hits.groupby(["formula", "who", "country_name", "voice"]).size().rename("n").reset_index()
    long = long.rename(columns={"who": "speaker_label"})
    out = formulas[["formula"]].copy().set_index("formula")
    g = hits.groupby("formula")
    out["n_total"] = g.size()
    out["n_docs"] = g["doc_id"].nunique()
    out["n_journalist"] = hits.loc[hits["voice"] == JOURNALIST].groupby("formula").size()
    out["n_reported"] = hits.loc[hits["voice"] == REPORTED].groupby("formula").size()
    rep = hits.loc[hits["voice"] == REPORTED]
    for c in sorted(rep["country_name"].dropna().unique()):
        out[f"n_{c}"] = rep.loc[rep["country_name"] == c].groupby("formula").size()
    num = [c for c in out.columns]
    out[num] = out[num].fillna(0).astype(int)
    who = (rep.groupby(["formula", "speaker_label"]).size().rename("n").reset_index()
           .sort_values(["formula", "n", "speaker_label"], ascending=[True, False, True]))
    users: dict[str, list[str]] = {}
    for formula, label, n in zip(who["formula"], who["speaker_label"], who["n"]):
        users.setdefault(formula, []).append(f"{label} ×{n}")
    out["speakers"] = [("; ".join(users.get(f, []))) for f in out.index]
    out = out.reset_index().sort_values(["n_total", "formula"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs["long"] = long
    return out


def speaker_similarity(tokens: pd.DataFrame, statements: pd.DataFrame, *, by: str = "speaker",
                       min_words: int = 30, speaker_types=None, stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """Cosine similarity between speakers (or countries) on TF-IDF of the content terms they use.

    Each speaker's statements are pooled into one bag of content terms (lemmas, stop words,
    punctuation and numbers out, multiword expressions as one term); terms are weighted by
    TF-IDF across speakers (smooth idf, sublinear tf, l2 norm) and compared with the cosine.

    Args:
        tokens: the token table.
        statements: the statements table.
        by: ``"speaker"`` or ``"country"``.
        min_words: speakers quoted with fewer content words are left out.
        speaker_types: keep only these ``speaker_type`` values.
        stopwords: terms to drop (default ``nlp.stopwords()``).

    Returns:
        A square DataFrame (labels × labels), ordered by country then by number of words;
        ``attrs["n_words"]`` gives each label's number of content words and
        ``attrs["country"]`` its country.

    Example:
        >>> speaker_similarity(tokens, statements).round(2)          # doctest: +SKIP
    """
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics.pairwise import cosine_similarity

    m = speech_matrix(tokens, statements, by=by, speaker_types=speaker_types, stopwords=stopwords)
    sizes = m.units.set_index("unit_id")["n_terms"]
    m = m.subset((sizes >= min_words).to_numpy())
    if len(m.units) < 2:
        return pd.DataFrame()
    st = label_speakers(statements)
    col = {"speaker": "speaker_label", "country": "country_name"}.get(by, by)
    labels = m.units["unit_id"].tolist()
    country = st.groupby(col)["country_name"].agg(lambda s: s.value_counts().index[0]).reindex(labels)
    order = sorted(range(len(labels)), key=lambda i: (str(country.iloc[i]), -sizes[labels[i]], labels[i]))
    X = TfidfTransformer(sublinear_tf=True).fit_transform(m.matrix[order])
    names = [labels[i] for i in order]
    S = pd.DataFrame(cosine_similarity(X), index=names, columns=names)
    S.attrs["n_words"] = {k: int(sizes[k]) for k in names}
    S.attrs["country"] = country.reindex(names).to_dict()
    return S


def compare_term_frequencies(tokens: pd.DataFrame, statements: pd.DataFrame, *, x: str = "Kazakhstan",
                             y: str = "Chine", by: str = "country", min_count: int = 2, n_labels: int = 12,
                             speaker_types=None, stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """Term frequencies in two groups' speech, with their keyness, for the log-log scatter.

    Args:
        tokens: the token table.
        statements: the statements table.
        x, y: the two groups (default Kazakh speakers on x, Chinese on y); other groups are
            left out of this comparison (see ``speaker_keyness`` for each group against all).
        by: ``"country"`` or ``"speaker"``.
        min_count: terms seen fewer times in the two groups together are left out.
        n_labels: number of most distinctive terms flagged on each side (``label``): the
            highest |G²| with a log ratio of at least 1 (twice as frequent) on that side, then
            the most frequent shared terms.

    Returns:
        One row per term: ``term, n_x, n_y, per10k_x, per10k_y, g2`` (positive: more in
        ``y``), ``log_ratio`` (log2 y/x), ``side`` (``y``, ``x`` or "shared"), ``label``;
        ``attrs`` holds ``x``, ``y`` and their word totals.

    Example:
        >>> compare_term_frequencies(tokens, statements, x="Kazakhstan", y="Chine")   # doctest: +SKIP
    """
    cols = ["term", "n_x", "n_y", "per10k_x", "per10k_y", "g2", "log_ratio", "side", "label"]
    freqs = term_frequencies(tokens, statements, by=by, min_count=0, speaker_types=speaker_types, stopwords=stopwords)
    totals = freqs.attrs.get("totals", {})
    if x not in totals or y not in totals:
        out = pd.DataFrame(columns=cols)
        out.attrs.update({"x": x, "y": y, "total_x": totals.get(x, 0), "total_y": totals.get(y, 0)})
        return out
    tx, ty = float(totals[x]), float(totals[y])
    t = pd.DataFrame({"term": freqs.index.to_numpy(), "n_x": freqs[f"n_{x}"].to_numpy(), "n_y": freqs[f"n_{y}"].to_numpy()})
    t = t.loc[(t["n_x"] + t["n_y"]) >= min_count].reset_index(drop=True)
    t["per10k_x"] = t["n_x"] / tx * 10_000
    t["per10k_y"] = t["n_y"] / ty * 10_000
    # the keyness of y against x, as every keyness table (terms.score_keyness)
    pair = TermMatrix(matrix=_sparse_counts(t["n_y"], t["n_x"]), terms=t["term"].to_numpy(dtype=object),
                      units=pd.DataFrame({"unit_id": [y, x], "n_terms": [ty, tx]}), meta={"grouped_by": by})
    key = score_keyness(pair, target=y, reference=[x], min_count=1).set_index("term")
    t["g2"] = t["term"].map(key["g2"]).fillna(0.0).to_numpy()
    t["log_ratio"] = t["term"].map(key["log_ratio"]).fillna(0.0).to_numpy()
    t["side"] = np.where(t["log_ratio"] >= 1, y, np.where(t["log_ratio"] <= -1, x, "shared"))
    t["label"] = False
    for side, sign in ((y, 1), (x, -1)):
        own = t["n_y"] if side == y else t["n_x"]
        cand = t.loc[(t["side"] == side) & (own >= 2)].assign(s=lambda d: sign * d["g2"]).sort_values(
            ["s", "term"], ascending=[False, True], kind="stable")
        t.loc[cand.index[:n_labels], "label"] = True
    shared = t.loc[t["side"] == "shared"].assign(tot=lambda d: d["n_x"] + d["n_y"]).sort_values(
        ["tot", "term"], ascending=[False, True], kind="stable")
    t.loc[shared.index[: max(3, n_labels // 2)], "label"] = True
    t = t[cols].sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    t.attrs.update({"x": x, "y": y, "total_x": int(tx), "total_y": int(ty)})
    return t


def _sparse_counts(*columns) -> "sparse.csr_matrix":
    """The counts of a few groups (one column of counts each) as a groups × terms matrix."""
    from scipy import sparse

    return sparse.csr_matrix(np.vstack([np.asarray(c, dtype=np.int64) for c in columns]))
