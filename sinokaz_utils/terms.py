"""The terms layer: from the token table to the counts every analysis reads (after quanteda).

What belongs here: the one rule that makes a token a *term* of an analysis (``select_terms``);
the one rule that gives each token its statement and its voice (``assign_voice``); analysis
units of every kind (``build_units``: document, paragraph, statement, voice, and segments of
about 40 words as IRaMuTeQ and rainette cut them); the units × terms count matrix of any unit
(``term_matrix`` → ``TermMatrix``, grouped by any column with ``.group``, trimmed with
``.trim``); one keyness function (``score_keyness``: Dunning's G², Hardie's log ratio, Lafon's
specificities, p-values; the table names its target and reference and keeps raw counts); one
collocation function with a G² threshold (``find_collocates``) and the discovery of new
multiword expressions (``find_collocations``). What does not: tokenisation, lemmas and
multiword terms themselves (``nlp``), who speaks (``statements``), any reading of the counts
(``keywords``, ``speakers``, ``topics``, the classes of issue 16: peers on top of this
module that never import each other), drawing (``plotting``).

The API, as quanteda's grammar (tokens → dfm → dfm_group → textstat_keyness):

    tokens = nlp.tokenize_corpus(corpus)                          # one row per token
    words = select_words(tokens)                                  # every word (names once): denominators
    content = select_terms(tokens)                                # the terms analyses count
    voiced = assign_voice(tokens, statements)                     # + statement_id, voice, is_attribution
    units = build_units(tokens, docs, unit="segment", size=40)    # one row per unit (+ its terms)
    m = term_matrix(tokens, docs, unit="statement", statements=statements)
    m.matrix, m.terms, m.units                                    # scipy CSR counts, term list, unit table
    by_country = m.group("country_name")                          # dfm_group
    m.trim(min_count=3, min_docfreq=2)                            # dfm_trim
    key = score_keyness(by_country, target="Chine", reference=["Kazakhstan"])
    col = find_collocates(tokens, "coopération", window=5, min_count=3, min_g2=3.84)

The rules, each written once:

- a *word* is a token that starts a term (``term`` not empty) and is not punctuation: a
  curated expression or a name is one word; relative frequencies are per 10,000 words;
- a *term* (``select_terms``) is a word that is not a stop word (spaCy's list and
  ``data/lexicons/stopwords_domain.txt``), not a function word, number or symbol by its part
  of speech (``EXCLUDED_POS``), of at least two characters with a letter, not the unit of a
  number (``UNIT_ABBREVIATIONS``: « 20 h 50 », « 300 km »); expressions and names are always terms;
- a token belongs to the statement whose ``[start, end)`` holds its start offset (the
  innermost, latest-starting one where statements nest or overlap), else to the journalist's
  voice; inside a statement, the words of its speaker's name and its cue verb (and those of a
  statement nested in it) are *attribution* (``is_attribution``), never the speaker's
  vocabulary;
- a segment (``build_units(unit="segment", statements=...)``) is cut on all its words, with
  or without statements; its voice is reported speech when at least half its words are, its
  speaker the one of the statement holding most of them; the clause that introduces a
  statement ("…, a déclaré Wang Yi": the speaker's name and the cue in the statement's
  sentences, ``attribution_in_sentences``) is no term of the segment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

UNIT_KINDS = ("document", "paragraph", "statement", "voice", "segment")
#: The two voices of ``assign_voice`` (internal values; captions translate them).
REPORTED, JOURNALIST = "reported speech", "journalist"
#: Parts of speech that never make a term: function words, numbers, symbols, tagger leftovers.
EXCLUDED_POS = frozenset({"ADP", "AUX", "CCONJ", "DET", "NUM", "PART", "PRON", "PUNCT", "SCONJ", "SPACE", "SYM", "X"})
#: Columns of every keyness table.
KEYNESS_COLUMNS = ["target", "reference", "term", "n_target", "n_reference", "total_target", "total_reference",
                   "g2", "p", "log_ratio", "specificity"]
#: G² at p = 0.05 with one degree of freedom (the usual keyness and collocation threshold).
G2_05 = 3.841458820694124
_NUMBER = re.compile(r"^[\d\s.,%/°ºe-]+$")
#: What a one-token term looks like: a letter first, then letters or digits, hyphens and apostrophes
#: only between them ("covid-19", "aujourd'hui"); not an address, a number or tokeniser debris.
_WORD_SHAPE = re.compile(r"[^\W\d_]\w*(?:[-'’]\w+)*")
#: Abbreviated units that follow a number in French typography (« 20 h 50 », « 300 km », « 2 Mds »):
#: after a number they are part of a quantity, not vocabulary (the model lemmatises « h » as
#: « heure », and a TV listing then made « heure » the first keyword of a year).
UNIT_ABBREVIATIONS = frozenset({"h", "min", "mn", "s", "km", "m", "cm", "mm", "m2", "m²", "m3", "ha", "kg", "g",
                                "t", "l", "kw", "mw", "gw", "kwh", "mwh", "gwh", "twh", "md", "mds", "mrd", "mrds",
                                "k€", "m€", "md€", "°c"})
#: Statement columns copied onto statement units (those present in the table given).
STATEMENT_COLUMNS = ("speaker", "speaker_id", "speaker_type", "country", "role", "cue", "kind", "speaker_key",
                     "speaker_label", "country_name")
#: Document columns never copied onto units (the texts themselves).
_TEXT_COLUMNS = {"text", "text_clean"}


# --------------------------------------------------------------------------- words and terms

def select_words(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return the word rows of a token table (a term, not punctuation), in text order.

    Example:
        >>> select_words(tokens)["term"].head(3).tolist()   # doctest: +SKIP
        ['le', 'kazakhstan', 'et']
    """
    term = tokens["term"]
    keep = term.notna().to_numpy() & ~tokens["is_punct"].fillna(False).astype(bool).to_numpy()
    keep &= term.astype("string").str.strip().fillna("").ne("").to_numpy()
    words = tokens.loc[keep]
    return words.sort_values(["doc_id", "token_id"], kind="stable").reset_index(drop=True)


def is_span_term(tokens: pd.DataFrame) -> np.ndarray:
    """Whether each token starts a term of several tokens or a gazetteer name (always a term)."""
    spans = tokens["term_end"].to_numpy() > tokens["end"].to_numpy() if "term_end" in tokens else False
    named = tokens["ent_type"].notna().to_numpy() if "ent_type" in tokens else False
    spaced = tokens["term"].astype("string").str.contains(" ", regex=False).fillna(False).to_numpy()
    return np.asarray(spans | named | spaced, dtype=bool)


def is_content(words: pd.DataFrame, *, stopwords: Iterable[str] | None = None) -> np.ndarray:
    """The term rule (see the module docstring) as a mask over word rows.

    Args:
        words: rows of a token table (``select_words``).
        stopwords: extra terms to leave out, on top of the token table's ``is_stop``.
    """
    term = words["term"].astype("string").fillna("")
    extra = {s.lower() for s in stopwords} if stopwords is not None else set()
    single = (~words["is_stop"].fillna(False).astype(bool).to_numpy()
              & ~words["pos"].isin(EXCLUDED_POS).to_numpy()
              & (term.str.len() >= 2).to_numpy()
              & term.str.fullmatch(_WORD_SHAPE.pattern).to_numpy()
              & ~term.str.match(_NUMBER.pattern).to_numpy())
    if extra:
        single &= ~term.isin(extra).to_numpy()
    return (is_span_term(words) | (single & ~_is_unit_of_number(words))) & term.ne("").to_numpy()


def _is_unit_of_number(words: pd.DataFrame) -> np.ndarray:
    """Whether each word row is an abbreviated unit (``UNIT_ABBREVIATIONS``) right after a number."""
    if "text" not in words:
        return np.zeros(len(words), dtype=bool)
    text = words["text"].astype("string").str.lower().fillna("")
    unit = text.isin(UNIT_ABBREVIATIONS).to_numpy()
    if not unit.any():
        return unit
    before = np.r_[False, text.str.match(r"^\d[\d\s.,]*$").fillna(False).to_numpy()[:-1]]
    same = np.r_[False, words["doc_id"].to_numpy()[1:] == words["doc_id"].to_numpy()[:-1]]
    if "token_id" in words:
        same &= np.r_[False, np.diff(words["token_id"].to_numpy()) == 1]
    return unit & before & same


def select_terms(tokens: pd.DataFrame, *, stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """Return the term rows of a token table: the words every analysis counts, in text order.

    Args:
        tokens: the token table of ``nlp.tokenize_corpus`` (or a selection of its rows).
        stopwords: extra terms to leave out.

    Example:
        >>> "contre" in set(select_terms(tokens)["term"])   # doctest: +SKIP
        False
    """
    words = select_words(tokens) if "token_id" in tokens else tokens
    return words.loc[is_content(words, stopwords=stopwords)].reset_index(drop=True)


def count_words(tokens: pd.DataFrame, *, by: str | Sequence[str] = "doc_id") -> pd.Series:
    """Return the number of words (see the module docstring) per document, or per any token column.

    Example:
        >>> count_words(tokens).head(2)   # doctest: +SKIP
    """
    return select_words(tokens).groupby(by, sort=True).size().rename("n_words")


# --------------------------------------------------------------------------- statements and voice

def assign_voice(tokens: pd.DataFrame, statements: pd.DataFrame | None) -> pd.DataFrame:
    """Return the word rows with the statement that holds each (the one rule) and its voice.

    Args:
        tokens: the token table (or a selection of its rows).
        statements: the statements table (``doc_id, start, end``, ``speaker``, ``cue`` and the
            speaker columns); None or empty: every word is the journalist's.

    Returns:
        The words (``select_words``) with ``statement_id`` (the row label in ``statements``,
        NA for the journalist), ``voice`` (``REPORTED`` or ``JOURNALIST``), ``is_attribution``
        (a word of the speaker's name or of the cue inside the statement: its voice is the
        journalist's, though it keeps its ``statement_id``) and the statement's
        columns of ``STATEMENT_COLUMNS`` that it has.

    Example:
        >>> assign_voice(tokens, statements)["voice"].value_counts()   # doctest: +SKIP
    """
    words = select_words(tokens)
    n = len(words)
    owner = np.full(n, -1, dtype=np.int64)
    attribution = np.zeros(n, dtype=bool)
    st = statements if statements is not None else pd.DataFrame(columns=["doc_id", "start", "end"])
    if len(st) and n:
        doc = words["doc_id"].astype(str).to_numpy()
        start = words["start"].to_numpy()
        terms = words["term"].astype(str).to_numpy()
        order = np.argsort(doc, kind="stable")
        bounds = _bounds(doc[order])
        starts, ends = st["start"].to_numpy(), st["end"].to_numpy()
        for doc_id, rows in st.groupby(st["doc_id"].astype(str), sort=False).indices.items():
            if doc_id not in bounds:
                continue
            a, b = bounds[doc_id]
            idx = order[a:b]
            s = start[idx]
            # latest start first wins: the innermost of nested statements
            for pos in sorted(rows, key=lambda r: (starts[r], -ends[r])):
                inside = (s >= starts[pos]) & (s < ends[pos])
                owner[idx[inside]] = pos
            for pos in rows:
                mine = idx[owner[idx] == pos]
                if mine.size:
                    attribution[mine] = np.isin(terms[mine], list(_attribution_terms(st, rows, pos)))
    has = owner >= 0
    out = words.copy()
    labels = st.index.to_numpy()
    out["statement_id"] = pd.array([labels[i] if i >= 0 else pd.NA for i in owner], dtype="object")
    # the speaker's name and the cue are the journalist's words ("…, a déclaré M. Xi")
    out["voice"] = np.where(has & ~attribution, REPORTED, JOURNALIST)
    out["is_attribution"] = attribution
    for col in STATEMENT_COLUMNS:
        if col in st.columns:
            vals = st[col].to_numpy(dtype=object)
            col_out = np.full(n, None, dtype=object)
            col_out[has] = vals[owner[has]]
            out[col] = col_out
    return out


def _bounds(sorted_ids: np.ndarray) -> dict[str, tuple[int, int]]:
    if not len(sorted_ids):
        return {}
    cuts = np.flatnonzero(sorted_ids[1:] != sorted_ids[:-1]) + 1
    starts, ends = np.r_[0, cuts], np.r_[cuts, len(sorted_ids)]
    return {str(sorted_ids[a]): (int(a), int(b)) for a, b in zip(starts, ends)}


def _attribution_terms(st: pd.DataFrame, rows: np.ndarray, pos: int) -> set[str]:
    """Terms of the speaker names and cues of statement ``pos`` and of the statements overlapping it."""
    a, b = st["start"].iat[pos], st["end"].iat[pos]
    out: set[str] = set()
    for r in rows:
        if r == pos or (st["start"].iat[r] < b and st["end"].iat[r] > a):
            out |= name_terms(st["speaker"].iat[r] if "speaker" in st else None)
            cue = st["cue"].iat[r] if "cue" in st else None
            if isinstance(cue, str) and cue.strip():
                out.add(cue.strip().lower())
                out.update(cue.strip().lower().split())
    return out


def name_terms(name) -> set[str]:
    """The terms a speaker's name can take in the token table: the whole name and its words.

    Example:
        >>> sorted(name_terms("Xi Jinping"))
        ['jinping', 'xi', 'xi jinping']
    """
    if not isinstance(name, str) or not name.strip():
        return set()
    from .nlp import normalize_apostrophes

    from .nlp import stopwords

    whole = " ".join(normalize_apostrophes(name).lower().split())
    parts = {w for w in re.split(r"[\s\-']+", whole) if len(w) >= 2 and w not in stopwords()}
    return {whole} | parts | {w[:-1] for w in parts if w.endswith("s") and len(w) > 3}


# --------------------------------------------------------------------------- units

def build_units(tokens: pd.DataFrame, documents: pd.DataFrame | None, *, unit: str = "document",
                statements: pd.DataFrame | None = None, size: int = 40, stopwords: Iterable[str] | None = None,
                with_terms: bool = True) -> pd.DataFrame:
    """Return one row per analysis unit of the ``documents`` (tokens of other documents are ignored).

    Args:
        tokens: the token table.
        documents: the documents (``corpus.documents()``: one copy of each story, French);
            needs ``doc_id`` and ``text_clean``.
        unit: ``"document"``, ``"paragraph"``, ``"statement"`` (the words ``assign_voice``
            gives each statement, attribution left out), ``"voice"`` (each document's reported
            speech and journalist's voice), or ``"segment"`` (``segment_words``).
        statements: the statements table (needed for ``statement`` and ``voice``; for
            ``segment``, it gives each segment its voice and speaker).
        size: words per segment.
        stopwords: extra terms to leave out.
        with_terms: add the ``terms`` column (the unit's terms in text order).

    Returns:
        ``unit_id, doc_id, para_id, statement_id, voice, start, end, text, n_words, n_terms``
        (+ ``terms``; + the statement's columns for statement units, and for segments given
        the statements, with ``n_reported``: see ``_segment_voices``). ``n_words`` counts every
        word of the unit, ``n_terms`` its terms. Units without a word are left out.

    Example:
        >>> build_units(tokens, corpus.documents(), unit="segment").head(2)   # doctest: +SKIP
    """
    words, units = _unit_words(tokens, documents, unit=unit, statements=statements, size=size)
    content = _unit_terms(words, stopwords=stopwords)
    n_terms = content.groupby("unit_id", sort=False).size()
    units["n_terms"] = units["unit_id"].map(n_terms).fillna(0).astype(int)
    if with_terms:
        lists = content.groupby("unit_id", sort=False)["term"].agg(list)
        units["terms"] = [list(lists.get(u, [])) for u in units["unit_id"]]
    return units


def _unit_terms(words: pd.DataFrame, *, stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """The term rows of a unit's words: the term rule, minus the words ``_unit_words`` marked ``left_out``."""
    keep = is_content(words, stopwords=stopwords)
    if "left_out" in words:
        keep &= ~words["left_out"].to_numpy(dtype=bool)
    return words.loc[keep]


def _unit_words(tokens, documents, *, unit, statements, size) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the word rows of the documents with their ``unit_id`` (attribution and journalist
    words left out of statement units; attribution marked ``left_out`` in segments), and the unit table."""
    if unit not in UNIT_KINDS:
        raise ValueError(f"unit vaut l'un de {UNIT_KINDS}, pas {unit!r}")
    if unit in ("statement", "voice") and statements is None:
        raise ValueError(f"unit={unit!r} demande la table des déclarations (statements=...)")
    if documents is None:  # every document of the tokens, without their texts
        documents = pd.DataFrame({"doc_id": pd.unique(tokens["doc_id"].astype(str)), "text_clean": ""})
    ids = documents["doc_id"].astype(str)
    texts = dict(zip(ids, documents["text_clean"].fillna("").astype(str)))
    keep = set(ids)
    toks = tokens.loc[tokens["doc_id"].astype(str).isin(keep)]
    if statements is not None:
        statements = statements.loc[statements["doc_id"].astype(str).isin(keep)]
    if unit == "segment":
        toks = toks.assign(end_mark=_end_marks(toks))
    voiced = unit in ("statement", "voice") or (unit == "segment" and statements is not None)
    words = assign_voice(toks, statements) if voiced else select_words(toks)
    words["doc_id"] = words["doc_id"].astype(str)
    if unit == "document":
        words["unit_id"] = words["doc_id"]
    elif unit == "paragraph":
        words["unit_id"] = words["doc_id"] + ":p" + words["para_id"].astype(str)
    elif unit == "voice":
        words["unit_id"] = words["doc_id"] + ":" + words["voice"].map({REPORTED: "r", JOURNALIST: "j"})
    elif unit == "statement":
        words = words.loc[words["statement_id"].notna().to_numpy() & ~words["is_attribution"].to_numpy()].copy()
        words["unit_id"] = words["doc_id"] + ":s" + words["statement_id"].astype(str)
    else:
        # cut on every word, so that segments are the same with or without the statements
        words["unit_id"] = segment_words(words, size=size)
        if voiced:
            words["left_out"] = words["is_attribution"].to_numpy() | attribution_in_sentences(words, statements)
    g = words.groupby("unit_id", sort=False)
    units = g.agg(doc_id=("doc_id", "first"), para_id=("para_id", "first"), start=("start", "min"),
                  end=("term_end" if "term_end" in words else "end", "max"), n_words=("term", "size")).reset_index()
    if unit in ("paragraph", "segment"):
        # a unit's text runs to the next unit of its paragraph, or to the paragraph's end (its
        # closing punctuation included), so that a segment reads as its sentences
        para_end = toks.groupby([toks["doc_id"].astype(str), "para_id"])["end"].max()
        key = pd.MultiIndex.from_arrays([units["doc_id"], units["para_id"]])
        same = units["doc_id"].eq(units["doc_id"].shift(-1)) & units["para_id"].eq(units["para_id"].shift(-1))
        units["end"] = np.where(same, units["start"].shift(-1).fillna(0), para_end.reindex(key).to_numpy()).astype("int64")
    else:
        units["para_id"] = pd.NA
    units["statement_id"] = g["statement_id"].first().to_numpy() if unit == "statement" else pd.NA
    units["voice"] = g["voice"].first().to_numpy() if unit in ("statement", "voice") else pd.NA
    if unit == "statement":
        for c in (c for c in STATEMENT_COLUMNS if c in statements.columns):
            units[c] = units["statement_id"].map(statements[c])
        units["start"] = units["statement_id"].map(statements["start"]).astype("int64")
        units["end"] = units["statement_id"].map(statements["end"]).astype("int64")
    if unit == "segment" and voiced:
        units = _segment_voices(units, words, statements)
    if unit == "document":
        units["start"] = 0
        units["end"] = units["doc_id"].map(lambda d: len(texts.get(d, "")))
    units["text"] = [texts.get(d, "")[int(a):int(b)].rstrip() for d, a, b in zip(units["doc_id"], units["start"], units["end"])]
    if unit == "statement" and "text" in statements.columns:
        units["text"] = units["statement_id"].map(statements["text"])  # its pieces, joined by the statements layer
    if unit == "voice":
        units["text"] = None  # a voice is scattered through its document
    front = ["unit_id", "doc_id", "para_id", "statement_id", "voice", "start", "end", "text", "n_words"]
    return words, units[front + [c for c in units.columns if c not in front]]


def attribution_in_sentences(words: pd.DataFrame, statements: pd.DataFrame | None) -> np.ndarray:
    """Mark, in the journalist's voice, the speaker's name and the cue of a statement within its sentences.

    The one rule (``assign_voice``) marks the name and the cue *inside* a statement; in a
    segment, which holds the journalist's words too, the clause that introduces the statement
    ("M. Xi a déclaré que …", "…, a souligné Wang Yi") lies outside it but in the same
    sentence. Those words say who speaks, not what is said: they are left out of segment
    vocabularies. A name elsewhere ("la visite de Xi Jinping") stays a term.

    Args:
        words: ``assign_voice`` rows with ``sent_id``.
        statements: the statements table (``doc_id, start, end, speaker, cue``; ``sentence_id``
            if present).

    Returns:
        A boolean mask over ``words``.

    Example:
        >>> attribution_in_sentences(assign_voice(tokens, statements), statements).sum()   # doctest: +SKIP
    """
    n = len(words)
    out = np.zeros(n, dtype=bool)
    if statements is None or not len(statements) or not n:
        return out
    st = statements.reset_index(drop=True)
    doc = words["doc_id"].astype(str).to_numpy()
    start, sent = words["start"].to_numpy(), words["sent_id"].to_numpy()
    terms = words["term"].astype(str).to_numpy()
    journalist = (words["voice"] == JOURNALIST).to_numpy()
    order = np.argsort(doc, kind="stable")
    bounds = _bounds(doc[order])
    for doc_id, rows in st.groupby(st["doc_id"].astype(str), sort=False).indices.items():
        if doc_id not in bounds:
            continue
        a, b = bounds[doc_id]
        idx = order[a:b]
        for pos in rows:
            inside = (start[idx] >= st["start"].iat[pos]) & (start[idx] < st["end"].iat[pos])
            sentences = set(sent[idx[inside]].tolist())
            if "sentence_id" in st and pd.notna(st["sentence_id"].iat[pos]):
                sentences.add(st["sentence_id"].iat[pos])
            near = np.isin(sent[idx], list(sentences)) & journalist[idx]
            if near.any():
                names = list(_attribution_terms(st, rows, pos))
                out[idx[near]] |= np.isin(terms[idx[near]], names)
    return out


def _segment_voices(units: pd.DataFrame, words: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Add each segment's voice and main statement (the one rule, counted over its words).

    ``n_reported``: the segment's words in reported speech; ``voice``: ``REPORTED`` when they
    are at least half its words, else ``JOURNALIST``; ``statement_id`` and the statement's
    columns: the statement holding most of its reported words (the first one on a tie), NA
    for a segment without reported speech.
    """
    reported = words.loc[(words["voice"] == REPORTED).to_numpy(), ["unit_id", "statement_id"]]
    n_reported = reported.groupby("unit_id", sort=False).size()
    units["n_reported"] = units["unit_id"].map(n_reported).fillna(0).astype(int)
    units["voice"] = np.where(2 * units["n_reported"] >= units["n_words"], REPORTED, JOURNALIST)
    # most words first, then the statement met first in the segment
    per = reported.assign(_order=np.arange(len(reported))).groupby(["unit_id", "statement_id"], sort=False).agg(
        n=("_order", "size"), first=("_order", "min")).reset_index()
    main = per.sort_values(["unit_id", "n", "first"], ascending=[True, False, True], kind="stable")
    main = main.drop_duplicates("unit_id")
    units["statement_id"] = units["unit_id"].map(main.set_index("unit_id")["statement_id"])
    has = units["statement_id"].notna()
    for c in (c for c in STATEMENT_COLUMNS if c in statements.columns):
        col = np.full(len(units), None, dtype=object)
        col[has.to_numpy()] = statements[c].reindex(units.loc[has, "statement_id"]).to_numpy(dtype=object)
        units[c] = col
    return units


#: Tokens that end a sentence, the marks a segment may also end on, and the closing quotes and
#: brackets looked past to find the mark ("… la coopération. »" ends a sentence, "« Taïwan » sous" does not).
_MARK_KINDS = (("strong", re.compile(r"^[.!?…]+$")), ("colon", re.compile(r"^:$")), ("semicolon", re.compile(r"^;$")),
               ("comma", re.compile(r"^,$")))
_CLOSING = re.compile(r"^[»”\"’)\]]+$")
#: rainette's weights (``split_segments``) of the word a segment ends on, by the mark after it;
#: "weak" (any of , ; :) is read as a comma. A word without a mark weighs 0.01.
CUT_WEIGHTS = {"strong": 6.0, "colon": 5.0, "semicolon": 4.0, "comma": 1.0, "weak": 1.0}
_NO_MARK = 0.01


def segment_words(words: pd.DataFrame, *, size: int = 40, window: float = 0.4) -> pd.Series:
    """Return the segment id of each word: segments of about ``size`` words, as rainette cuts them.

    A paragraph of at most ``size + window·size`` words is one segment. A longer one is cut
    as rainette's ``split_segments`` does: from the start of the rest of the paragraph, the
    segment is the first ``k`` words (``1 ≤ k ≤ size + window·size``) for the largest
    ``weight(word k) / (|k − size| + 1)``, where a word followed by a sentence end weighs 6,
    by a colon 5, a semicolon 4, a comma 1 and any other word 0.01 (``CUT_WEIGHTS``): the
    sentence end nearest to ``size`` words, unless a weaker mark is much nearer. Segments never
    cross paragraphs (rainette cuts whole texts; a paragraph end is always a sentence end).
    Punctuation is read from the token table, so ``words`` must keep its ``token_id``; the
    punctuation rows themselves may have been dropped (see ``_end_marks``).

    Args:
        words: word rows (``select_words``) with ``doc_id, para_id, sent_id, token_id``; an
            ``end_mark`` column (a key of ``CUT_WEIGHTS`` or ``""``) if present is used as is.
        size: words per segment (rainette's ``segment_size``, 40 by default).
        window: share of ``size`` beyond it where a cut is looked for (rainette's
            ``segment_size_window`` is 0.4 × ``size``).

    Example:
        >>> segment_words(select_words(tokens)).head(2)   # doctest: +SKIP
    """
    n = len(words)
    if n == 0:
        return pd.Series([], index=words.index, dtype="object")
    doc = words["doc_id"].astype(str).to_numpy()
    para = words["para_id"].to_numpy()
    sent = words["sent_id"].to_numpy()
    mark = words["end_mark"].to_numpy() if "end_mark" in words else np.full(n, "", dtype=object)
    weight = np.array([CUT_WEIGHTS.get(m, _NO_MARK) for m in mark], dtype=float)
    # the last word of a sentence ends on a strong mark even without its full stop
    last_of_sentence = np.r_[(sent[1:] != sent[:-1]) | (doc[1:] != doc[:-1]), True]
    weight[last_of_sentence] = CUT_WEIGHTS["strong"]
    out = np.empty(n, dtype=object)
    longest = size + max(1, int(round(window * size)))
    penalty = np.abs(np.arange(1, longest + 1) - size) + 1.0
    new_para = np.r_[True, (doc[1:] != doc[:-1]) | (para[1:] != para[:-1])]
    starts = np.flatnonzero(new_para)
    for a, b in zip(starts, np.r_[starts[1:], n]):
        cuts, pos = [], a
        while b - pos > longest:
            pos += int(np.argmax(weight[pos:pos + longest] / penalty)) + 1
            cuts.append(pos)
        bounds = [a] + cuts + [b]
        base = f"{doc[a]}:p{para[a]}:g"
        for k, (x, y) in enumerate(zip(bounds[:-1], bounds[1:])):
            out[x:y] = base + str(k)
    return pd.Series(out, index=words.index, name="unit_id")


def _mark_kind(text: pd.Series) -> np.ndarray:
    out = np.full(len(text), "", dtype=object)
    for kind, pattern in reversed(_MARK_KINDS):
        out[text.str.match(pattern.pattern).to_numpy(dtype=bool)] = kind
    return out


def _end_marks(tokens: pd.DataFrame) -> pd.Series:
    """For each token, the mark that follows its term in the token table, past closing quotes and
    brackets: a key of ``CUT_WEIGHTS`` or ``""``; the last token of a document ends on ``"strong"``.

    The mark after a name or an expression is the one after its last token.
    """
    text = tokens["text"].astype(str).str.strip()
    doc = tokens["doc_id"].astype(str)
    nxt, after = text.shift(-1).fillna(""), text.shift(-2).fillna("")
    closing = nxt.str.match(_CLOSING.pattern).to_numpy(dtype=bool)
    follow = pd.Series(np.where(closing & doc.shift(-2).eq(doc).to_numpy(), after, nxt), index=tokens.index)
    mark = _mark_kind(follow)
    # a document's last word, or one before a closing quote that ends the document
    last = ~doc.shift(-1).eq(doc).to_numpy() | (closing & ~doc.shift(-2).eq(doc).to_numpy())
    mark = pd.Series(np.where(last, "strong", mark), index=tokens.index)
    # the later tokens of a term (no term, not punctuation) share their head's group; the last one speaks
    head = tokens["term"].notna() | tokens["is_punct"].astype(bool)
    group = head.cumsum()
    return group.map(mark.groupby(group).last())


# --------------------------------------------------------------------------- the matrix

@dataclass
class TermMatrix:
    """Counts of terms in units (quanteda's dfm): a sparse matrix, its terms and its units.

    Attributes:
        matrix: units × terms counts (``scipy.sparse.csr_matrix`` of int64).
        terms: the term of each column (sorted).
        units: one row per matrix row: ``unit_id, doc_id, …, n_words, n_terms`` and the
            document columns (``outlet``, ``published``, …) joined on ``doc_id``.
        meta: how the matrix was made (unit, size, grouping, trimming, what was left out).

    Example:
        >>> m = term_matrix(tokens, corpus.documents(), unit="paragraph")   # doctest: +SKIP
        >>> m.group("outlet").matrix.shape                                 # doctest: +SKIP
    """

    matrix: sparse.csr_matrix
    terms: np.ndarray
    units: pd.DataFrame
    meta: dict = field(default_factory=dict)

    @property
    def term_index(self) -> dict[str, int]:
        """``{term: column}``."""
        return {t: i for i, t in enumerate(self.terms)}

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    def totals(self) -> pd.Series:
        """Terms counted in each unit (row sums), indexed by ``unit_id``."""
        return pd.Series(np.asarray(self.matrix.sum(axis=1)).ravel(), index=self.units["unit_id"].to_numpy())

    def frequencies(self) -> pd.Series:
        """Occurrences of each term over all units, indexed by term."""
        return pd.Series(np.asarray(self.matrix.sum(axis=0)).ravel(), index=self.terms)

    def to_frame(self) -> pd.DataFrame:
        """The counts as a dense DataFrame (units as index, terms as columns); for small matrices."""
        return pd.DataFrame(self.matrix.toarray(), index=self.units["unit_id"].to_numpy(), columns=self.terms)

    def subset(self, mask) -> "TermMatrix":
        """The units where ``mask`` (boolean, aligned with ``units``) is true (``dfm_subset``)."""
        mask = np.asarray(mask, dtype=bool)
        return replace(self, matrix=self.matrix[mask], units=self.units.loc[mask].reset_index(drop=True),
                       meta={**self.meta, "subset": int(mask.sum())})

    def group(self, by, *, keep: Iterable | None = None) -> "TermMatrix":
        """Sum the units of each value of a unit column (``dfm_group``): one row per group.

        Units without a value (empty or missing) are left out; their number is in
        ``meta["ungrouped_units"]``. The groups' table has ``unit_id`` (= the group),
        ``n_units``, ``n_documents``, ``n_words`` and ``n_terms``. Groups come sorted, numbers
        by their value (classes 1, 2, …, 10), then names.

        Args:
            by: a column of ``units`` (``"outlet"``, ``"country_name"``, ``"voice"``, ``"period"``…),
                or, as quanteda's ``groups =``, the group of each unit (a Series or array aligned
                with ``units``; a Series' name names the grouping, else "groupe").
            keep: only these groups (in this order).

        Example:
            >>> m.group("outlet").units[["outlet", "n_units"]]           # doctest: +SKIP
            >>> m.group(result.units["classe"]).matrix.shape            # doctest: +SKIP
        """
        if isinstance(by, str):
            if by not in self.units.columns:
                raise KeyError(f"{by!r} n'est pas une colonne des unités (colonnes : {', '.join(self.units.columns)})")
            vals = self.units[by]
        else:
            values = by.to_numpy(dtype=object) if isinstance(by, pd.Series) else np.asarray(by, dtype=object)
            if len(values) != len(self.units):
                raise ValueError(f"{len(values)} groupes pour {len(self.units)} unités")
            by = str(getattr(by, "name", None) or "groupe")
            vals = pd.Series(values, index=self.units.index, name=by)
        ok = vals.notna().to_numpy() & vals.astype(str).str.strip().ne("").to_numpy()
        labels = vals.astype(str).to_numpy()
        groups = sorted(set(labels[ok]), key=_group_order) if keep is None else [str(g) for g in keep]
        pos = {g: i for i, g in enumerate(groups)}
        rows = np.array([pos.get(v, -1) if k else -1 for v, k in zip(labels, ok)], dtype=np.int64)
        sel = rows >= 0
        G = sparse.csr_matrix((np.ones(int(sel.sum())), (rows[sel], np.flatnonzero(sel))),
                              shape=(len(groups), self.matrix.shape[0]))
        matrix = sparse.csr_matrix(G @ self.matrix).astype(np.int64)
        u = self.units.loc[sel].assign(_g=labels[sel])
        agg = u.groupby("_g").agg(n_units=("unit_id", "size"), n_documents=("doc_id", "nunique"),
                                  n_words=("n_words", "sum"), n_terms=("n_terms", "sum"))
        units = agg.reindex(groups).fillna(0).astype(int).rename_axis(by).reset_index()
        units.insert(0, "unit_id", units[by].astype(str))
        return TermMatrix(matrix=matrix, terms=self.terms, units=units,
                          meta={**self.meta, "grouped_by": by, "ungrouped_units": int((~sel).sum())})

    def trim(self, *, min_count: int = 1, min_docfreq: int | float = 1, max_docfreq: int | float = 1.0) -> "TermMatrix":
        """Keep the terms seen at least ``min_count`` times, in at least ``min_docfreq`` and at most
        ``max_docfreq`` units (a float is a share of the units), as quanteda's ``dfm_trim``."""
        n = self.matrix.shape[0]
        df = np.asarray((self.matrix > 0).sum(axis=0)).ravel()
        freq = np.asarray(self.matrix.sum(axis=0)).ravel()
        lo = min_docfreq * n if isinstance(min_docfreq, float) and min_docfreq < 1 else min_docfreq
        hi = max_docfreq * n if isinstance(max_docfreq, float) and max_docfreq <= 1 else max_docfreq
        keep = (freq >= min_count) & (df >= lo) & (df <= hi)
        return replace(self, matrix=self.matrix[:, keep], terms=self.terms[keep],
                       meta={**self.meta, "trim": {"min_count": min_count, "min_docfreq": min_docfreq,
                                                   "max_docfreq": max_docfreq}, "trimmed_terms": int((~keep).sum())})


def _group_order(label: str) -> tuple:
    return (0, int(label), "") if label.isdigit() else (1, 0, label)


def term_matrix(tokens: pd.DataFrame, documents: pd.DataFrame | None, *, unit: str = "document",
                statements: pd.DataFrame | None = None, size: int = 40,
                stopwords: Iterable[str] | None = None) -> TermMatrix:
    """Return the units × terms count matrix of the ``documents`` for any unit (quanteda's ``dfm``).

    Args:
        tokens: the token table.
        documents: the documents (``corpus.documents()``); their columns (outlet, dates…)
            are joined onto the units, so that any of them can group the matrix. None: every
            document of ``tokens``, without document columns.
        unit: see ``build_units``.
        statements: the statements table (statement and voice units).
        size: words per segment.
        stopwords: extra terms to leave out.

    Example:
        >>> m = term_matrix(tokens, corpus.documents(), unit="statement", statements=statements)   # doctest: +SKIP
        >>> m.group("country_name").to_frame()                                                   # doctest: +SKIP
    """
    words, units = _unit_words(tokens, documents, unit=unit, statements=statements, size=size)
    content = _unit_terms(words, stopwords=stopwords)
    terms, col = np.unique(content["term"].astype(str).to_numpy(), return_inverse=True)
    row_of = {u: i for i, u in enumerate(units["unit_id"])}
    rows = content["unit_id"].map(row_of).to_numpy()
    matrix = sparse.csr_matrix((np.ones(len(content), dtype=np.int64), (rows, col)),
                               shape=(len(units), len(terms)))
    matrix.sum_duplicates()
    units["n_terms"] = np.asarray(matrix.sum(axis=1)).ravel().astype(int)
    if documents is not None:
        docs = documents.drop(columns=[c for c in documents.columns if c in _TEXT_COLUMNS or
                                       (c in units.columns and c != "doc_id")])
        docs = docs.assign(doc_id=docs["doc_id"].astype(str)).drop_duplicates("doc_id")
        units = units.merge(docs, on="doc_id", how="left")
    return TermMatrix(matrix=matrix, terms=terms.astype(object), units=units,
                      meta={"unit": unit, "size": size if unit == "segment" else None,
                            "documents": int(units["doc_id"].nunique())})


# --------------------------------------------------------------------------- keyness

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

    Example:
        >>> float(np.round(log_likelihood_g2(10, 2, 990, 998, correction="none"), 4))
        5.8543
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    if correction not in {"default", "yates", "williams", "none"}:
        raise ValueError("correction vaut 'default', 'yates', 'williams' ou 'none'")
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        e11 = (a + b) * (a + c) / n
        e12 = (a + b) * (b + d) / n
        e21 = (c + d) * (a + c) / n
        e22 = (c + d) * (b + d) / n
    if correction in {"default", "yates"}:
        small = (np.minimum(np.minimum(e11, e12), np.minimum(e21, e22)) < 5) & (np.abs(a * d - b * c) > n / 2)
        toward = np.where(a * d - b * c > 0, -0.5, 0.5) * small
        a, d, b, c = a + toward, d + toward, b - toward, c - toward

    def cell(o, e):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / e), 0.0)

    g2 = 2 * (cell(a, e11) + cell(b, e12) + cell(c, e21) + cell(d, e22))
    if correction == "williams":
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
        q = np.where(a * b * c * d == 0, 1.0, q)
        g2 = g2 / q
    return np.where(a > e11, 1.0, -1.0) * np.abs(np.nan_to_num(g2))


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


def score_keyness(matrix: TermMatrix, *, by: str | None = None, target=None, reference=None, min_count: int = 3,
                  min_words: int = 0, correction: str = "default") -> pd.DataFrame:
    """Keyness of every term of a target group against a reference (quanteda's ``textstat_keyness``).

    Args:
        matrix: a ``TermMatrix``, grouped (one row per group) or not (then ``by`` groups it).
        by: the unit column to group by when ``matrix`` is not grouped yet.
        target: one group, or a list of groups each compared in turn (default: every group
            with at least ``min_words`` terms).
        reference: the groups forming the reference (default: all the other groups). The
            corpus of a comparison is target + reference.
        min_count: keep terms seen at least this often in target + reference.
        min_words: groups with fewer terms are not targets (they stay in the reference).
        correction: G² correction (see ``log_likelihood_g2``).

    Returns:
        ``target, reference`` (the group's name, and the reference's: its groups joined with
        " + ", or "le reste"), ``term, n_target, n_reference, total_target, total_reference``
        (raw counts), ``g2, p`` (chi-square(1) p-value of |G²|), ``log_ratio, specificity``
        (Lafon's signed log10 p), sorted by target then descending G². ``attrs["by"]`` is
        the grouping column.

    Example:
        >>> m = term_matrix(tokens, docs, unit="statement", statements=statements)          # doctest: +SKIP
        >>> score_keyness(m, by="country_name", target="Chine", reference=["Kazakhstan"])   # doctest: +SKIP
    """
    from scipy.stats import chi2

    if by is not None and matrix.meta.get("grouped_by") != by:
        matrix = matrix.group(by)
    by = matrix.meta.get("grouped_by", by)
    if by is None:
        raise ValueError("la matrice n'est pas groupée : donner by=<une colonne des unités>")
    groups = matrix.units["unit_id"].astype(str).tolist()
    counts = matrix.matrix.toarray().astype(float) if matrix.matrix.shape[1] else np.zeros((len(groups), 0))
    totals = counts.sum(axis=1)
    sizes = dict(zip(groups, totals))
    if target is None:
        targets = [g for g in groups if sizes[g] >= max(min_words, 1)]
    else:
        targets = [str(t) for t in (target if isinstance(target, (list, tuple)) else [target])]
    ref_groups = None if reference is None else [str(r) for r in reference]
    for g in targets + (ref_groups or []):
        if g not in sizes:
            raise ValueError(f"{g!r} n'est pas un groupe de {by!r} (groupes : {', '.join(groups)})")
    out = []
    for g in targets:
        ref = [r for r in (ref_groups if ref_groups is not None else groups) if r != g]
        if not ref:
            continue
        ti, ri = groups.index(g), [groups.index(r) for r in ref]
        a = counts[ti]
        b = counts[ri].sum(axis=0)
        tt, tr = float(a.sum()), float(b.sum())
        keep = (a + b) >= max(min_count, 1)
        if not keep.any() or tt == 0 or tr == 0:
            continue
        a, b = a[keep], b[keep]
        g2 = log_likelihood_g2(a, b, tt - a, tr - b, correction=correction)
        out.append(pd.DataFrame({
            "target": g, "reference": " + ".join(ref) if ref_groups is not None else "le reste",
            "term": matrix.terms[keep], "n_target": a.astype(int), "n_reference": b.astype(int),
            "total_target": int(tt), "total_reference": int(tr), "g2": g2, "p": chi2.sf(np.abs(g2), 1),
            "log_ratio": log_ratio(a, b, tt, tr), "specificity": lafon_specificity(a, a + b, tt, tt + tr)}))
    table = pd.concat(out, ignore_index=True)[KEYNESS_COLUMNS] if out else pd.DataFrame(columns=KEYNESS_COLUMNS)
    table = table.sort_values(["target", "g2", "term"], ascending=[True, False, True], kind="stable")
    table = table.reset_index(drop=True)
    table.attrs.update({"by": by, "unit": matrix.meta.get("unit"), "correction": correction})
    return table


# --------------------------------------------------------------------------- collocations

def find_collocates(tokens: pd.DataFrame, node: str, *, window: int = 5, min_count: int = 3, min_g2: float = G2_05,
                    documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the terms that co-occur with ``node`` within ``window`` terms of the same sentence.

    Counted over the terms of ``select_terms`` (so expressions and names are one term), in
    both directions. For each collocate *w*, the 2×2 table is: *w* in the node's windows
    (``n_pair``: each occurrence of *w* counted once, even where two windows overlap), *w* elsewhere, other terms of the windows, other terms of the corpus; G² is
    ``log_likelihood_g2`` (the keyness statistic), ``p`` its chi-square(1) p-value, and PMI
    log2 of observed over expected co-occurrences in the windows.

    Args:
        tokens: the token table.
        node: a term (``"coopération"``, ``"la ceinture et la route"``).
        window: terms on either side (1 = adjacent terms only).
        min_count: co-occurrences below this are left out.
        min_g2: G² threshold (default 3.84, p < 0.05); 0 keeps every collocate.
        documents: restrict to these documents (e.g. ``corpus.documents()``).

    Returns:
        ``node, collocate, n_pair, n_collocate, n_node, g2, p, pmi`` sorted by G²
        (``attrs``: ``window``, ``min_g2``, ``n_terms``).

    Example:
        >>> find_collocates(tokens, "coopération", window=5, min_count=2).head()   # doctest: +SKIP
    """
    from scipy.stats import chi2

    cols = ["node", "collocate", "n_pair", "n_collocate", "n_node", "g2", "p", "pmi"]
    if documents is not None:
        tokens = tokens[tokens["doc_id"].astype(str).isin(set(documents["doc_id"].astype(str)))]
    terms = select_terms(tokens)
    from .nlp import normalize_apostrophes

    node = " ".join(normalize_apostrophes(str(node)).lower().split())
    seq = terms["term"].astype(str).to_numpy()
    sent = (terms["doc_id"].astype(str) + "|" + terms["sent_id"].astype(str)).to_numpy()
    where = np.flatnonzero(seq == node)
    empty = pd.DataFrame(columns=cols)
    empty.attrs.update({"node": node, "window": window, "min_g2": min_g2, "n_terms": len(seq)})
    if not len(where):
        return empty
    # each term of the text counts once, however many of the node's windows it falls in (two
    # occurrences of the node four terms apart share their neighbours): a collocate then never
    # co-occurs more often than it occurs, and the 2 × 2 table stays a table of counts
    covered = sorted({j for i in where for j in range(max(0, i - window), min(len(seq), i + window + 1))
                      if j != i and sent[j] == sent[i] and seq[j] != node})
    near: dict[str, int] = {}
    for j in covered:
        near[seq[j]] = near.get(seq[j], 0) + 1
    span = len(covered)
    if not near:
        return empty
    freq = pd.Series(seq).value_counts()
    n = float(len(seq) - len(where))  # the node's own occurrences are not candidates
    t = pd.DataFrame({"collocate": list(near), "n_pair": list(near.values())})
    t["n_collocate"] = t["collocate"].map(freq).astype(int)
    a = t["n_pair"].to_numpy(dtype=float)
    b = t["n_collocate"].to_numpy(dtype=float) - a
    c = span - a
    d = n - span - b
    t["g2"] = log_likelihood_g2(a, b, c, d)
    t["p"] = chi2.sf(np.abs(t["g2"]), 1)
    t["pmi"] = np.log2(a * n / (span * t["n_collocate"].to_numpy(dtype=float)))
    t.insert(0, "node", node)
    t["n_node"] = len(where)
    t = t.loc[(t["n_pair"] >= min_count) & (t["g2"] >= min_g2)]
    t = t[cols].sort_values(["g2", "collocate"], ascending=[False, True]).reset_index(drop=True)
    t.attrs.update({"node": node, "window": window, "min_g2": min_g2, "n_terms": len(seq)})
    return t


def find_collocations(tokens: pd.DataFrame, *, min_count: int = 5, n: int = 50, min_g2: float = G2_05,
                      exclude_known: bool = True) -> pd.DataFrame:
    """Return frequent pairs of adjacent terms not yet curated: candidates for ``multiword.csv``.

    Pairs are counted within sentences over the terms of ``select_terms`` that are single
    words (expressions and names already are terms); pairs seen fewer than ``min_count``
    times, below the G² threshold, or inside a curated expression are left out.

    Returns:
        ``w1, w2, n_pair, g2, p`` sorted by G².

    Example:
        >>> find_collocations(tokenize_corpus(load_corpus()), min_count=3).head()   # doctest: +SKIP
    """
    from scipy.stats import chi2

    from .nlp import read_multiwords

    terms = select_terms(tokens)
    terms = terms.loc[~is_span_term(terms)]
    seq = terms["term"].astype(str).to_numpy()
    sent = (terms["doc_id"].astype(str) + "|" + terms["sent_id"].astype(str)).to_numpy()
    cols = ["w1", "w2", "n_pair", "g2", "p"]
    if len(seq) < 2:
        return pd.DataFrame(columns=cols)
    same = sent[1:] == sent[:-1]
    pairs = pd.DataFrame({"w1": seq[:-1][same], "w2": seq[1:][same]})
    counts = pairs.value_counts().rename("n_pair").reset_index()
    n_pairs = float(len(pairs))
    first, second = pairs["w1"].value_counts(), pairs["w2"].value_counts()
    a = counts["n_pair"].to_numpy(dtype=float)
    b = counts["w1"].map(first).to_numpy(dtype=float) - a
    c = counts["w2"].map(second).to_numpy(dtype=float) - a
    counts["g2"] = log_likelihood_g2(a, b, c, n_pairs - a - b - c)
    counts["p"] = chi2.sf(np.abs(counts["g2"]), 1)
    known = set(read_multiwords().term) if exclude_known else set()
    inside = np.array([any(f"{x} {y}" in k for k in known) for x, y in zip(counts["w1"], counts["w2"])], dtype=bool)
    keep = (counts["n_pair"] >= min_count) & (counts["g2"] >= min_g2) & ~inside
    out = counts.loc[keep].sort_values(["g2", "w1", "w2"], ascending=[False, True, True])
    return out[cols].head(n).reset_index(drop=True)
