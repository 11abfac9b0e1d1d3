"""The statements pass: which sentences to parse, the article read sentence by sentence, the table.

What belongs here: choosing the candidate sentences from the token table, parsing them in the
worker that tagged their paragraphs (the parser reads the token pass's tok2vec output), reading
each article in order (what a sentence says may depend on the sentences before it: quotations
running on, a postposed cue covering its paragraph, pronouns), merging the pieces of one
statement, and the cached table. What does not: the cue rules of one sentence (``cues``), who a
name or a role designates (``resolve``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import pandas as pd

from .. import actors as _actors
from .. import nlp as _nlp
from ..cache import cached_tables, hash_file, hash_json
from ..config import PROCESSED_DIR
from ..nlp import (chunk_documents, corpus_documents, corpus_fingerprint, map_chunks, processing_nlp,
                   sentences_table, tag_paragraphs, tokenize_corpus_then)
from .continuations import LastWords, continuation
from .cues import CONFIDENCE, Statement, read_sentence
from .lexicons import lexicon_hashes, verb_entries, verb_forms
from .quotes import QUOTE_CHARS, QUOTE_OPEN, closing_quote, has_quotes, open_quote_before, without_marks
from .resolve import Article, article_date, link_designations, note_topics, read_article, register_ner_persons
from .rules import embedded_posts, extract_sentence

STATEMENT_COLUMNS = ["doc_id", "speaker", "speaker_id", "speaker_type", "country", "role", "cue", "kind",
                     "text", "start", "end", "sentence_id", "confidence"]
_TABLE_VERSION = 2  # bump when the table's construction changes (2: issue 12)


# ---------------------------------------------------------------- one article, sentence by sentence
def _extend_quotes(art: Article, st: Statement, para_start: int, para_end: int) -> None:
    """Widen a statement whose content is the tail or head of a quotation crossing sentences."""
    text = art.text
    if st.resume_at is not None:
        # "« A, dit X. B »": the quotation resumes after the incise and runs to its closing mark
        opened = open_quote_before(text[st.pieces[0][0]:st.pieces[0][1]]) or 0
        if opened and text[st.pieces[0][0]:st.pieces[0][0] + opened].rstrip()[-1:] in (".", "!", "?", "…"):
            # "... assez courtes. « Ces avions sont très robustes, indique X. ...": the sentence before the
            # quotation is the journalist's
            st.pieces[0] = (st.pieces[0][0] + opened, st.pieces[0][1])
            opened = 0
        close = closing_quote(text, st.resume_at, para_end, straight=text[st.pieces[0][0] + opened] == '"')
        if close is not None and close - st.resume_at > 1:
            st.pieces.append((st.resume_at, close))
        st.kind = "direct"
        return
    a, b = st.pieces[0]
    # (a piece that opens with a quotation mark starts its quotation: '(AFP - X)"On est là ...", dit-elle')
    pos = open_quote_before(text[para_start:a]) if text[a:a + 1] not in QUOTE_OPEN + "\"" else None
    if pos is not None:
        st.pieces[0] = (para_start + pos, b)
        st.kind = "direct"
    a, b = st.pieces[-1]
    after = text[b:para_end].lstrip()
    if text[a:b].rstrip().endswith(":") and after[:1] and has_quotes(after[:2]):
        # "... regrette que X : « ... »" with the quotation in the next sentence the splitter made
        q = para_end - len(after)
        close = closing_quote(text, q + 1, para_end, straight=text[q] == '"')
        if close is not None:
            st.pieces[-1] = (a, close)
            return
    pos = open_quote_before(text[a:b])
    if pos is not None:
        close = closing_quote(text, b, para_end, straight=text[a + pos] == '"')
        if close is not None:
            st.pieces[-1] = (a, close)


def _union(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(set(pieces)):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _merge(statements: list[Statement]) -> list[Statement]:
    """Merge statements of one speaker in one sentence, and a broken sentence with its predecessor."""
    out: list[Statement] = []
    for st in statements:
        key = st.speaker.key or st.speaker.name
        prev = out[-1] if out else None
        if prev is not None and (prev.speaker.key or prev.speaker.name) == key and (
                prev.sentence_id == st.sentence_id or (
                    st.starts_sentence and st.para_id == prev.para_id and st.sentence_id == prev.sentence_id + 1
                    and st.lower_start)):
            prev.pieces = _union(prev.pieces + st.pieces)
            prev.confidence = max(prev.confidence, st.confidence)
            if st.kind == "direct":
                prev.kind = "direct"
            continue
        out.append(st)
    return out


def _once(statements: list[Statement], text: str) -> list[Statement]:
    """Keep each statement once: one quotation has one speaker, and a page that repeats its paragraphs
    (a lead printed again, a slideshow's captions) reports the same words once.

    Of two statements sharing most of their words with different speakers ("Elle ajoute : « ... »,
    affirme Sonia Lendler"), the one whose speaker is more surely known is kept (a name over a pronoun).
    """
    def words(st):  # (without quotation marks: a caption closes the quotation its text goes on with)
        return " ".join(" ".join(without_marks(text[a:b]).split()) for a, b in st.pieces)

    def shared(x, y) -> int:
        return sum(max(0, min(b, d) - max(a, c)) for a, b in x.pieces for c, d in y.pieces)

    out: list[Statement] = []
    seen: dict[str, list[str]] = {}  # speaker -> the words of their statements kept so far
    for st in statements:
        who, said = st.speaker.key or st.speaker.name, words(st)
        if any(said.strip(" .:;,") in earlier for earlier in seen.get(who, [])):
            continue  # (a caption repeating the first sentence of a quotation: "3/12 - ... « Mais pourquoi ... »")
        rival = next((o for o in out if (o.speaker.key or o.speaker.name) != who and "direct" in (o.kind, st.kind)
                      and 2 * shared(o, st) > min(_extent(o), _extent(st))), None)
        if rival is not None and rival.confidence >= st.confidence:
            continue
        if rival is not None:
            out.remove(rival)
        seen.setdefault(who, []).append(said)
        out.append(st)
    return out


def _extent(st: Statement) -> int:
    return st.pieces[-1][1] - st.pieces[0][0]


def _paragraph_bounds(sents: pd.DataFrame) -> dict[int, tuple[int, int]]:
    bounds: dict[int, tuple[int, int]] = {}  # para_id -> (first start, last end); plain dict: one per sentence
    for pid, a, b in zip(sents.para_id, sents.start, sents.end):
        pid, a, b = int(pid), int(a), int(b)
        lo, hi = bounds.get(pid, (a, b))
        bounds[pid] = (min(lo, a), max(hi, b))
    return bounds


@dataclass
class _Reading:
    """What reading an article sentence by sentence has gathered so far."""

    art: Article
    found: list = field(default_factory=list)  # the statements
    quiet: list = field(default_factory=list)  # (para_id, start) of this paragraph's sentences with no cue yet
    last: LastWords | None = None  # the last person statement, for continuations
    covered: int = 0  # where the words of the statements found so far end
    previous: tuple | None = None  # (para_id, start, end) of the sentence before


def process_document(art: Article, sents: pd.DataFrame, parsed: dict, *, title: str = "",
                     tagged=None, named: dict | None = None) -> list[Statement]:
    """Return the statements of one article, given its sentences and the parsed candidate ones.

    ``tagged`` gives the tagged Doc of another sentence (``.get(sent_id)``), for continuations;
    ``named`` the sentences without a cue that the entity recogniser read, for the persons they name.
    """
    tagged, named = tagged or {}, named or {}
    for sent_id, start in zip(sents.sent_id, sents.start):
        # every person of the article is known before designations are resolved
        doc = parsed.get(sent_id) or named.get(sent_id)
        if doc is not None:
            register_ner_persons(art, doc, int(start))
    for sent_id, start in zip(sents.sent_id, sents.start):
        doc = parsed.get(sent_id) or named.get(sent_id)
        if doc is not None:
            note_topics(art, doc, int(start))
    link_designations(art)
    reading = _Reading(art)
    para_bounds = _paragraph_bounds(sents)
    last_para = max(para_bounds, default=0)
    title_key = _actors.fold(title).strip()
    for sent_id, para_id, start, end in zip(sents.sent_id, sents.para_id, sents.start, sents.end):
        sent_id, para_id, start, end = int(sent_id), int(para_id), int(start), int(end)
        paragraph = para_bounds[para_id]
        if reading.quiet and reading.quiet[-1][0] != para_id:
            reading.quiet = []
        if title_key and para_id <= 1 and _actors.fold(art.text[slice(*paragraph)]).strip() == title_key:
            continue  # headlines are not reported speech ("... appelle à une coopération renforcée")
        if 1 < para_id < last_para and _is_subhead(art.text[slice(*paragraph)], short=True):
            # nor the headings inside an article, the desk's: a quotation the body gives again, the title of
            # another article ("Thomas Pesquet raconte comment il a affronté une « situation d'urgence »"); (the
            # last paragraph heads nothing: a page cut mid-sentence, "Xi Jinping a indiqué que l'amitié entre")
            reading.previous, reading.quiet = None, []
            continue
        doc = parsed.get(sent_id)
        before = reading.previous[1:] if reading.previous and reading.previous[0] == para_id else None
        reading.previous = (para_id, start, end)
        sent = read_sentence(art, doc, start, sent_id, para_id, before=before) if doc is not None else None
        new = extract_sentence(sent) if sent is not None else []
        if sent is not None and (new or sent.cues or any(t.lower_ == "selon" for t in doc)):
            _take(reading, new, para_id, start, end, paragraph)
        else:
            _go_on(reading, sent_id, para_id, start, end, paragraph, lambda: doc if doc is not None else
                   tagged.get(sent_id))
        if sent is not None and sent.named:
            art.last_subject = sent.subject  # the person this sentence names as its subject, for a later "il"
    return _once(_merge(_with_posts(art, reading.found, sents)), art.text)


def _with_posts(art: Article, found: list[Statement], sents: pd.DataFrame) -> list[Statement]:
    """Add the posts the page embeds (``rules.embedded_posts``) to the statements, in the order of the text."""
    posts = embedded_posts(art)
    if not posts:
        return found
    rows = list(zip(sents.sent_id.astype(int), sents.para_id.astype(int), sents.start.astype(int),
                    sents.end.astype(int)))
    for sp, (a, b) in posts:
        sent_id, para_id = next(((i, p) for i, p, s, e in rows if s <= a < e), (rows[-1][0], rows[-1][1]))
        found.append(Statement(art.doc_id, sp, "tweeter", "direct", [(a, b)], sent_id, para_id, CONFIDENCE[sp.how]))
    return sorted(found, key=lambda st: st.sentence_id)


def _take(reading: _Reading, new: list[Statement], para_id: int, start: int, end: int,
          paragraph: tuple[int, int]) -> None:
    """Keep the statements of a sentence with a cue of its own (even one we could not attribute)."""
    art = reading.art
    for st in new:
        st.lower_start = art.text[start:start + 1].islower()
        _extend_quotes(art, st, *paragraph)
        content = art.text[st.pieces[0][0]:st.pieces[0][1]].lstrip()
        if st.starts_sentence and reading.quiet and st.pieces[0][0] == start and content[:1] not in QUOTE_CHARS:
            # a postposed attribution ("..., a ajouté M. Zhang") covers its whole paragraph, from the quotation
            # those sentences open if they open one ('... (AFP - X)"On est là ... . L'exigence ...", dit-elle')
            q0 = reading.quiet[0][1]
            opened = open_quote_before(art.text[q0:st.pieces[0][0]])
            st.pieces[0] = (q0 + (opened or 0), st.pieces[0][1])
            st.confidence = min(st.confidence, 0.6)
        reading.covered = max(reading.covered, st.pieces[-1][1])
    reading.quiet = []  # such a sentence is nobody else's content
    persons = [st for st in new if st.speaker.speaker_type == "person" and st.speaker.key]
    if persons:
        art.last_speaker = (para_id, persons[-1].speaker.key)
        art.last_said = max(art.last_said, end)
    reading.last = _last_words(art, new[-1], end) if new and new[-1] in persons else None
    reading.found += new


def _go_on(reading: _Reading, sent_id: int, para_id: int, start: int, end: int, paragraph: tuple[int, int],
           tagged_doc) -> None:
    """A sentence without a cue: a continuation of the last speaker's words, or words a later cue may claim."""
    art = reading.art
    cont = None if reading.last is None or start < reading.covered or _is_subhead(art.text[slice(*paragraph)]) \
        else continuation(art, reading.last, sent_id, para_id, start, end, tagged_doc())
    if cont is not None:
        reading.found.append(cont)
        art.last_said = max(art.last_said, end)
        reading.last.sentence_id, reading.last.para_id, reading.last.end = sent_id, para_id, end
        reading.quiet = []
    elif any(start <= s < end for s, _, _, _ in art.mentions):
        reading.quiet = []  # a sentence that names someone tells of them: no attribution after it reaches back over it
    else:
        reading.quiet.append((para_id, start))


def _last_words(art: Article, st: Statement, sent_end: int) -> LastWords:
    tail = art.text[st.pieces[-1][1]:sent_end]
    return LastWords(st, st.sentence_id, st.para_id, st.pieces[-1][1], not tail.strip(" .!?…»”\"'"))


def _is_subhead(paragraph: str, *, short: bool = False) -> bool:
    """Is the paragraph a heading inside the article (one line without a sentence's final punctuation; with
    ``short``, of at most 15 words)?"""
    text = paragraph.strip().rstrip("»”\"' ")
    return bool(text) and text[-1] not in ".!?…:" and (not short or len(text.split()) <= 15)


# ---------------------------------------------------------------- which sentences to parse
_SPEECH_HINT = re.compile(r"[«»“”„‟‹›\"]|``|''|\bselon\b|\bd'après\b|\ben croire\b", re.IGNORECASE)


def _per_sentence(flag: pd.Series, tokens: pd.DataFrame, sents: pd.DataFrame) -> pd.Series:
    """Return, for each row of ``sents``, whether any of its tokens is flagged."""
    flag = flag.groupby([tokens.doc_id, tokens.sent_id]).any()
    idx = pd.MultiIndex.from_arrays([sents.doc_id, sents.sent_id])
    return pd.Series(flag.reindex(idx, fill_value=False).to_numpy(), index=sents.index)


def candidate_sentences(tokens: pd.DataFrame, sents: pd.DataFrame) -> pd.Series:
    """Return a boolean per sentence: does it need the parser (speech verb, selon, quotes, person)?"""
    t = tokens
    # a lexicon verb by its lemma; or by its form whatever the tagger said, where French puts a verb:
    # after a comma or a quotation ("..., chiffre X"), after a name or a subject pronoun ("Jérôme raconte")
    verb_pos = t.pos.isin(["VERB", "AUX"])
    lemma_hit = _forms_index(True).get_indexer(t.lemma.str.lower()) >= 0
    form_hit = _forms_index(False).get_indexer(t.text.str.lower()) >= 0
    same_sent = t.sent_id.eq(t.sent_id.shift()) & t.doc_id.eq(t.doc_id.shift())
    prev = t.text.shift().str.lower()
    verb_slot = same_sent & (prev.isin([",", "»", "”", '"', "il", "elle", "ils", "elles", "on", "se", "s'", "le", "la",
                                        "lui", "leur", "nous"]) | t.pos.shift().eq("PROPN"))
    has_verb = (lemma_hit & verb_pos) | (form_hit & (verb_pos | verb_slot))
    # a verb that only ever follows its content ("résume", "poursuit", "lance") needs an incise around it
    lower = t.text.str.lower()
    verb = lower.map(verb_forms()).where(~pd.Series(lemma_hit, index=t.index), t.lemma.str.lower())
    incise_only = verb.isin(_incise_only_verbs())
    marks = {",", "»", "”", '"', "!", "?", "…"}
    after_marks = pd.Series(False, index=t.index)
    between = pd.Series(True, index=t.index)  # the words between the mark and the verb are the cue's own
    for k in range(1, 5):
        after_marks |= between & lower.shift(k).isin(marks)
        between &= lower.shift(k).isin(_CUE_WORDS)
    before_colon = lower.shift(-1).isin({":", "«", "“", '"', "-t", "-il", "-elle", "-ils", "-elles"}) | \
        lower.shift(-2).isin({":", "«", "“", '"'})
    has_verb &= ~incise_only | after_marks | before_colon
    # a verb that cues only with "que" or a colon ("soutient que", not "soutient le Kazakhstan") needs one;
    # a verb that cues only in its pronominal use ("se félicite") needs its pronoun
    que = lower.isin({"que", "qu'", ":"}).groupby([t.doc_id, t.sent_id]).transform("any")
    has_verb &= ~verb.isin(_que_only_verbs()) | que
    reflexive = lower.shift(1).isin(_REFLEXIVE) | lower.shift(2).isin(_REFLEXIVE) | lower.shift(3).isin(_REFLEXIVE)
    has_verb &= ~verb.isin(_pronominal_only_verbs()) | reflexive
    has_hint = t.text.str.contains(_SPEECH_HINT, na=False)
    has_person = t.ent_type.eq("PER")
    return _per_sentence(has_verb | has_hint | has_person, t, sents)


#: words between the content's comma and an incise verb ("..., a poursuivi M. Wang", "..., nous lance-t-il")
_CUE_WORDS = {"a", "ont", "avait", "s'", "se", "nous", "lui", "leur", "m'", "me", "-t", "-il", "-elle", "-ils",
              "-elles", "également", "encore", "ensuite", "aussi", "alors", "enfin"}


_REFLEXIVE = {"se", "s'", "me", "m'", "te", "t'"}


@functools.lru_cache(maxsize=1)
def _que_only_verbs() -> frozenset[str]:
    """The lexicon's verbs that cue speech only with "que" or a colon (object ``-`` in every use)."""
    return frozenset(v for v, uses in verb_entries().items() if all(u[2] == "-" for u in uses.values()))


@functools.lru_cache(maxsize=1)
def _pronominal_only_verbs() -> frozenset[str]:
    """The lexicon's verbs listed only in their pronominal use ("se féliciter")."""
    return frozenset(v for v, uses in verb_entries().items() if set(uses) == {"se"})


@functools.lru_cache(maxsize=1)
def _incise_only_verbs() -> frozenset[str]:
    """The lexicon's verbs that cue speech only in an incise (``pre = 0`` in every use)."""
    return frozenset(v for v, uses in verb_entries().items() if all(u[0] == 0 for u in uses.values()))


@functools.lru_cache(maxsize=2)
def _forms_index(lemmas: bool) -> pd.Index:
    """The lexicon's verbs (``lemmas``) or all their forms, as an index (its hash table is built once)."""
    return pd.Index(sorted(verb_entries() if lemmas else verb_forms()))


def unknown_name_sentences(tokens: pd.DataFrame, sents: pd.DataFrame) -> pd.Series:
    """Return a boolean per sentence: may it name a person the gazetteers do not know?

    Only those sentences go through the entity recogniser (which has its own tok2vec and costs
    as much as the parser): two proper nouns in a row outside the gazetteers, a title ("M.",
    "Mme") before an unknown capitalised word, or a lone name beside a reporting verb.
    """
    t = tokens
    same_sent = t.sent_id.eq(t.sent_id.shift()) & t.doc_id.eq(t.doc_id.shift())
    # a capitalised word inside the sentence (the tagger often calls foreign names NOUN or ADJ)
    unknown = t.ent_type.isna() & t.text.str.match(r"^[A-ZÀ-Ý][a-zà-ÿ]")
    pair = unknown & unknown.shift(fill_value=False) & same_sent
    titled = unknown & t.text.shift().isin(["M.", "Mme", "MM."]) & same_sent
    # a lone name beside a reporting verb: "Jérôme raconte", "..., se souvient Nouara"
    form_hit = pd.Series(_forms_index(False).get_indexer(t.text.str.lower()) >= 0, index=t.index)
    beside_verb = unknown & ((form_hit.shift(-1, fill_value=False) & same_sent.shift(-1, fill_value=False))
                             | (form_hit.shift(fill_value=False) & same_sent)) & t.pos.eq("PROPN")
    return _per_sentence(pair | titled | beside_verb, t, sents)


# ---------------------------------------------------------------- parsing, in the worker that tagged
#: What a sentence cut from a tagged paragraph keeps (no sentence starts: the parser sets its own).
_SENTENCE_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "NORM")


def _sentence_docs(sents, paragraphs: dict) -> list:
    """Return one spaCy Doc per row of ``sents`` (a table, or ``(doc_id, para_id, start, end)`` tuples), cut from
    its tagged paragraph with its tok2vec output.

    Each Doc holds the sentence's tokens, tags and lemmas, but not the paragraph's sentence
    starts (the parser sets its own) nor the space after its last token (its text is the
    sentence, as if it had been tagged alone).
    """
    from spacy.attrs import IDS
    from spacy.tokens import Doc

    head = [IDS[a] for a in _SENTENCE_ATTRS]
    arrays: dict = {}
    out = []
    rows = zip(sents.doc_id, sents.para_id, sents.start, sents.end) if isinstance(sents, pd.DataFrame) else sents
    for doc_id, para_id, start, end in rows:
        key = (doc_id, int(para_id))
        offset, para = paragraphs[key]
        if key not in arrays:
            arrays = {key: para.to_array(head)}  # sentences come paragraph by paragraph
        span = para.char_span(int(start) - offset, int(end) - offset, alignment_mode="expand")
        spaces = [bool(t.whitespace_) for t in span]
        spaces[-1] = False
        doc = Doc(para.vocab, words=[t.text for t in span], spaces=spaces)
        doc.from_array(head, arrays[key][span.start:span.end])
        doc.tensor = para.tensor[span.start:span.end]
        out.append(doc)
    return out


def _parse(sents: pd.DataFrame, paragraphs: dict, needs_ner: set, *, batch_size: int) -> list:
    """Return the parsed Doc of each candidate sentence and, where an unknown name may be, the entity
    recogniser's persons. (Each Doc keeps the lemmas of its tagged paragraph, those of the token table.)"""
    nlp = processing_nlp()
    parser, ner = nlp.get_pipe("parser"), nlp.get_pipe("ner")  # the recogniser has its own tok2vec
    keys = list(zip(sents.doc_id, sents.sent_id.astype(int)))
    parsed = list(parser.pipe(_sentence_docs(sents, paragraphs), batch_size=batch_size))
    with_ner = [i for i, key in enumerate(keys) if key in needs_ner]
    for i, d in zip(with_ner, ner.pipe([parsed[i] for i in with_ner], batch_size=batch_size)):
        parsed[i] = d
    return parsed


def _statements_of(docs: pd.DataFrame, tokens: pd.DataFrame, paragraphs: dict | None, *,
                   batch_size: int = 64) -> list[tuple]:
    """Return the statement rows of ``docs`` given their token table and their tagged paragraphs.

    ``paragraphs`` maps ``(doc_id, para_id)`` to ``(start, Doc)`` (``nlp.tag_paragraphs``);
    None tags the paragraphs that hold candidate sentences here.
    """
    all_sents = sentences_table(tokens)
    candidate = candidate_sentences(tokens, all_sents)
    sents = all_sents[candidate]
    unknown = unknown_name_sentences(tokens, all_sents)
    needs_ner = set(zip(sents.doc_id[unknown[candidate]], sents.sent_id[unknown[candidate]]))
    # sentences without a cue that name someone the gazetteer does not know: the recogniser alone reads them
    # (the article may name there the person a designation or a pronoun stands for later)
    names_only = all_sents[unknown & ~candidate]
    names_only = names_only[names_only.doc_id.isin(set(sents.doc_id))]
    texts = dict(zip(docs.doc_id.astype(str), docs.text_clean.fillna("")))
    dates = {str(r["doc_id"]): article_date(r) for r in docs.to_dict("records")}
    titles = dict(zip(docs.doc_id.astype(str), docs["title"].fillna("").astype(str))) if "title" in docs else {}
    if paragraphs is None:
        needed = set(zip(sents.doc_id, sents.para_id.astype(int))) | set(zip(names_only.doc_id,
                                                                             names_only.para_id.astype(int)))
        paragraphs = {ctx[:2]: (ctx[2], d) for ctx, d in tag_paragraphs(docs, batch_size=batch_size, only=needed)}
    by_doc = {d: g for d, g in all_sents.groupby("doc_id", sort=False)}
    keys = list(zip(sents.doc_id, sents.sent_id.astype(int)))
    parsed_docs = _parse(sents, paragraphs, needs_ner, batch_size=batch_size)
    named: dict = {}
    ner = processing_nlp().get_pipe("ner")
    for (doc_id, sent_id), d in zip(zip(names_only.doc_id, names_only.sent_id.astype(int)),
                                    ner.pipe(_sentence_docs(names_only, paragraphs), batch_size=batch_size)):
        named.setdefault(doc_id, {})[sent_id] = d
    rows = []
    for doc_id, group in groupby(zip(keys, parsed_docs), key=lambda x: x[0][0]):
        parsed = {sent_id: d for (_, sent_id), d in group}
        art = read_article(doc_id, texts[doc_id], dates.get(doc_id))
        for st in process_document(art, by_doc[doc_id], parsed, title=titles.get(doc_id, ""),
                                   tagged=_TaggedSentences(by_doc[doc_id], paragraphs), named=named.get(doc_id)):
            rows.append(_row(art, st))
    return rows


class _TaggedSentences:
    """The tagged Doc of a sentence that was not parsed, cut from its tagged paragraph when asked for (a
    continuation needs its tense; cutting costs no model call)."""

    def __init__(self, rows: pd.DataFrame, paragraphs: dict):
        self.rows = {s: (d, p, a, b) for d, s, p, a, b in zip(rows.doc_id.tolist(), rows.sent_id.tolist(),
                                                               rows.para_id.tolist(), rows.start.tolist(),
                                                               rows.end.tolist()) if (d, p) in paragraphs}
        self.paragraphs = paragraphs

    def get(self, sent_id):
        row = self.rows.get(int(sent_id))
        return None if row is None else _sentence_docs([row], self.paragraphs)[0]


def _row(art: Article, st: Statement) -> tuple:
    text = " […] ".join(art.text[a:b].strip() for a, b in st.pieces)
    sp = st.speaker
    return (art.doc_id, sp.name, sp.speaker_id, sp.speaker_type, sp.country, sp.role, st.cue, st.kind,
            text, st.pieces[0][0], st.pieces[-1][1], st.sentence_id, st.confidence)


# ---------------------------------------------------------------- the table
def build_statements(corpus, *, cache_dir: Path | None = PROCESSED_DIR, refresh: bool = False,
                     batch_size: int = 64) -> pd.DataFrame:
    """Return the statements table (uncached; see ``extract_statements``), on every core.

    When the token table has to be built, the statements of each chunk of documents are found
    in the worker that tagged it, from its spaCy Docs: the parser reads the tok2vec output the
    token pass computed. When the token table comes from the cache, the paragraphs that hold
    candidate sentences are tagged again by the same pipeline, so both ways give the same rows.

    Example:
        >>> build_statements(load_corpus(), cache_dir=None).speaker_type.unique()  # doctest: +SKIP
    """
    docs = corpus_documents(corpus)
    _warm_up()
    then = functools.partial(_statements_of, batch_size=batch_size)
    tokens, parts = tokenize_corpus_then(corpus, then, cache_dir=cache_dir, refresh=refresh)
    if parts is None:
        parts = _statements_from_cached_tokens(docs, tokens, batch_size=batch_size)
    out = pd.DataFrame([r for part in parts for r in part], columns=STATEMENT_COLUMNS)
    for col in ("start", "end", "sentence_id"):
        out[col] = out[col].astype("int64")
    return out


def _warm_up() -> None:
    """Load the model and build every lexicon table once, before the workers fork, so that they share them."""
    from .cues import _lexicon_ids
    from .lexicons import _designation_noun, _gender_patterns, collective_patterns, designation_patterns, role_patterns
    from .resolve import _place_names

    nlp = processing_nlp()
    _lexicon_ids(nlp.vocab)
    _forms_index(True), _forms_index(False)
    for build in (designation_patterns, _designation_noun, _gender_patterns, collective_patterns, role_patterns,
                  _place_names, _incise_only_verbs, _que_only_verbs, _pronominal_only_verbs):
        build()


def _statements_from_cached_tokens(docs: pd.DataFrame, tokens: pd.DataFrame, *, batch_size: int) -> list:
    import numpy as np

    # the rows of each document in the token table (built document by document)
    ids = tokens.doc_id.to_numpy()
    bounds = {}
    if len(ids):
        cuts = np.flatnonzero(ids[1:] != ids[:-1]) + 1
        starts, ends = np.r_[0, cuts], np.r_[cuts, len(ids)]
        bounds = {str(ids[a]): (int(a), int(b)) for a, b in zip(starts, ends)}
    _warm_up()

    def run(chunk: pd.DataFrame) -> list[tuple]:
        spans = [bounds[d] for d in chunk.doc_id.astype(str) if d in bounds]
        part = pd.concat([tokens.iloc[a:b] for a, b in spans]) if spans else tokens.iloc[:0]
        return _statements_of(chunk, part.reset_index(drop=True), None, batch_size=batch_size)

    return map_chunks(run, chunk_documents(docs), desc="statements")


def extract_statements(corpus, *, cache_dir: Path | None = PROCESSED_DIR, refresh: bool = False) -> pd.DataFrame:
    """Return one row per reported statement, with its speaker resolved within the article.

    Columns: ``doc_id, speaker`` (display name; for an unnamed speaker the words that designate
    them, "un expert"), ``speaker_id`` (gazetteer id; None for a collective, a document, an
    unnamed speaker or a person not in the gazetteer), ``speaker_type`` (``person``,
    ``collective``, ``document``, ``unnamed``), ``country``, ``role`` (roles held on the article's
    date), ``cue`` (the reporting verb's lemma, "selon", or "deux-points" for "X : « ... »"),
    ``kind`` (``direct`` for quoted words, ``indirect``, ``continuation`` for a sentence that goes
    on with the last speaker's words without a cue of its own), ``text`` (what was said, without
    the cue or the speaker's name; separate pieces joined by " […] "), ``start``, ``end`` (offsets
    in ``text_clean``), ``sentence_id`` (``sent_id`` of the token table), ``confidence`` (0.9 for
    a speaker named in full down to 0.4 for an indirect continuation).

    Args:
        corpus: a ``Corpus`` (every document, duplicates and other languages included) or a
            DataFrame with ``doc_id``, ``text_clean`` and optionally ``published``, ``event_date``.
        cache_dir: cache root; ``None`` disables caching.
        refresh: rebuild even if a valid cache entry exists.

    Example:
        >>> from sinokaz_utils.corpus import load_corpus
        >>> st = extract_statements(load_corpus())
        >>> st[st.speaker_id == "wang_qishan"].cue.iloc[0]
        'souligner'
    """
    # the code is part of the recipe: a changed rule must not be served a stale table
    code = {m.__name__: hash_file(Path(m.__file__)) for m in (_actors, _nlp)}
    code.update({p.name: hash_file(p) for p in sorted(Path(__file__).parent.glob("*.py"))})
    manifest = {"corpus": corpus_fingerprint(corpus), "lexicons": lexicon_hashes(),
                "table_version": _TABLE_VERSION, "code": code}
    name = "statements-" + hash_json(manifest)[:16]
    tables = cached_tables(cache_dir, name, manifest=manifest,
                           build=lambda: {"statements": build_statements(corpus, cache_dir=cache_dir,
                                                                         refresh=refresh)},
                           refresh=refresh)
    return tables["statements"]
