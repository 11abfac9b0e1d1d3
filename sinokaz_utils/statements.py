"""Who said what: reported statements in French wire copy, with their speakers.

What belongs here: finding the sentences that may report speech, parsing only those, the
cue rules (speech verb before or after the content, inverted pronouns, "selon X", participial
continuations, quotations), and resolving the speaker (names, short forms, role nouns, pronouns,
collective speakers) within the article. What does not: the gazetteer facts and role tenures
(``actors`` and ``data/``), tokenisation (``nlp``), any analysis of the statements
(``speakers``).

Patterns are data: speech verbs in ``data/lexicons/speech_verbs.csv`` (with the positions in
which each verb may cue speech), role nouns in ``role_nouns.csv``, collective and document
speakers in ``collective_speakers.csv``.

Why rules and a parse together: the parser finds the subject of a speech verb wherever the
sentence puts it ("M. Xi, qui ..., a déclaré"); the rules know French reporting conventions
the small model often misparses (postposed "a déclaré M. Wang", "a-t-il ajouté", "selon lui").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import pandas as pd

from . import actors as _actors
from . import nlp as _nlp
from .cache import cached_tables, hash_file, hash_json
from .config import ACTORS_FILE, LEXICON_DIR, PROCESSED_DIR, ROLES_FILE
from .nlp import (chunk_documents, corpus_documents, corpus_fingerprint, map_chunks, processing_nlp,
                  sentences_table, stopwords, tag_paragraphs, tokenize_corpus_then)

SPEECH_VERBS_FILE = LEXICON_DIR / "speech_verbs.csv"
ROLE_NOUNS_FILE = LEXICON_DIR / "role_nouns.csv"
COLLECTIVE_FILE = LEXICON_DIR / "collective_speakers.csv"
STATEMENT_COLUMNS = ["doc_id", "speaker", "speaker_id", "speaker_type", "country", "role", "cue", "kind",
                     "text", "start", "end", "sentence_id", "confidence"]
_TABLE_VERSION = 1

QUOTE_OPEN = "«“"
QUOTE_CLOSE = "»”"
QUOTE_CHARS = "«»“”\""
#: words that may sit between a postposed cue's comma and its verb, or after the verb
_CUE_FILLERS = {"a", "avait", "aurait", "ont", "avaient", "est", "s'", "se", "-t", "-il", "-elle", "-ils",
                "également", "encore", "aussi", "ainsi", "alors", "enfin", "notamment", "pour", "sa", "son",
                "part", "de", "côté", "quant", "à", "lui", "elle", "ensuite", "par", "ailleurs", "comme", "l'",
                "le", "déjà", "en", "outre", "toutefois", "cependant", "néanmoins", "lundi", "mardi",
                "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui", "récemment",
                "publiquement", "fermement", "clairement", "notamment", "plus", "tard"}
_PRONOUNS = {"il": "m", "elle": "f", "lui": "m", "-il": "m", "-elle": "f", "lui-même": "m", "elle-même": "f"}
_TURN_RE = re.compile(r"^\s*(pour sa part|de son cote|quant a (lui|elle)|de leur cote|pour leur part)\b")


@dataclass
class Speaker:
    """A resolved speaker."""

    name: str
    speaker_id: str | None
    speaker_type: str  # person | collective | document
    country: str = ""
    role: str = ""
    how: str = "name"  # name | short | role | pronoun | collective | ner
    key: str = ""  # who this is within the article: a gazetteer id, "ner:<name>", or the collective's name


@dataclass
class Statement:
    doc_id: str
    speaker: Speaker
    cue: str
    kind: str
    pieces: list[tuple[int, int]]
    sentence_id: int
    para_id: int
    confidence: float
    starts_sentence: bool = False


@dataclass
class Article:
    """What is known about one article while reading it sentence by sentence."""

    doc_id: str
    text: str
    date: pd.Timestamp | None
    mentions: list = field(default_factory=list)  # resolved person mentions: (start, end, pid, kind)
    roles: list = field(default_factory=list)  # (start, end, role, country)
    collectives: list = field(default_factory=list)  # (start, end, name, type)
    last_speaker: tuple[int, str] | None = None  # (para_id, person key)
    last_subject: str | None = None
    ner_names: dict = field(default_factory=dict)  # "ner:<name>" -> name as written, persons not in the gazetteer


# ---------------------------------------------------------------- lexicons
@functools.lru_cache(maxsize=None)
def read_speech_verbs(path: Path = SPEECH_VERBS_FILE) -> pd.DataFrame:
    """Return the speech verbs: ``lemma``, the flags ``pre`` and ``post`` (0/1) and ``object``.

    ``pre``: the verb may introduce content after it ("a rappelé que ..."); ``post``: it may
    follow its content ("..., a déclaré M. Wang"). Without "que", a colon or a quotation mark,
    content may follow the verb only in the frame named by ``object``: ``inf`` (an infinitive:
    "a déclaré apprécier l'aide"), ``np`` (a noun phrase: "a réitéré l'adhésion"), or a
    preposition (``à``: "a exhorté la CICA à rechercher"; ``de``: "a proposé aux deux pays de
    renforcer"); empty for none.

    Example:
        >>> read_speech_verbs().set_index("lemma").loc["poursuivre", "pre"]
        0
    """
    df = pd.read_csv(path, dtype={"lemma": str, "object": str}, keep_default_na=False)
    for col in ("pre", "post"):
        df[col] = df[col].astype(int)
    return df


@functools.lru_cache(maxsize=None)
def _verb_flags() -> dict[str, tuple[int, int, str]]:
    return {r.lemma: (r.pre, r.post, r.object) for r in read_speech_verbs().itertuples()}


_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "a", "ant", "èrent", "era", "eront")


@functools.lru_cache(maxsize=None)
def _verb_forms() -> dict[str, str]:
    """Return inflected forms of the first-group speech verbs, for tokens the lemmatizer misses.

    The small model's lemmatizer sometimes returns the form itself ("pointe" for "pointer").
    """
    forms = {}
    for lemma in _verb_flags():
        if lemma.endswith("er") and lemma not in ("faire",):
            stem = lemma[:-2]
            for end in _ER_ENDINGS:
                forms.setdefault(stem + end, lemma)
    return forms


def _speech_lemma(tok) -> str:
    lemma = tok.lemma_.lower()
    if lemma in _verb_flags():
        return lemma
    return _verb_forms().get(tok.lower_, lemma)


@functools.lru_cache(maxsize=None)
def _role_patterns() -> list[tuple[re.Pattern, str, str]]:
    df = pd.read_csv(ROLE_NOUNS_FILE, dtype=str, keep_default_na=False)
    return [(re.compile(rf"\b{p}\b"), r, c) for p, r, c in zip(df.pattern, df.role, df.country)]


@functools.lru_cache(maxsize=None)
def _collective_patterns() -> list[tuple[re.Pattern, str, str]]:
    df = pd.read_csv(COLLECTIVE_FILE, dtype=str, keep_default_na=False, comment="#")
    return [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])"), s, t)
            for p, s, t in zip(df.pattern, df.speaker, df.speaker_type)]


def _lexicon_hashes() -> dict[str, str]:
    files = [SPEECH_VERBS_FILE, ROLE_NOUNS_FILE, COLLECTIVE_FILE, ACTORS_FILE, ROLES_FILE]
    return {Path(p).name: hash_file(p) for p in files if Path(p).exists()}


# ---------------------------------------------------------------- article-level resolution
def _article_date(row) -> pd.Timestamp | None:
    for col in ("event_date", "published"):
        v = row.get(col) if hasattr(row, "get") else None
        if v is not None and not pd.isna(v):
            try:
                return pd.Timestamp(v)
            except (ValueError, TypeError):
                continue
    return None


def _read_article(doc_id: str, text: str, date) -> Article:
    art = Article(doc_id, text, date)
    raw = _actors.find_mentions(text)
    named = {m.person_ids[0] for m in raw if m.kind == "full" and len(m.person_ids) == 1}
    full_pos = [(m.start, m.person_ids[0]) for m in raw if m.kind == "full" and len(m.person_ids) == 1]
    for m in raw:
        if m.kind == "full":
            if len(m.person_ids) == 1:
                art.mentions.append((m.start, m.end, m.person_ids[0], "full"))
            continue
        cands = [p for p in m.person_ids if p in named]
        pid = None
        if cands:
            # the person of that name most recently named in full, else the first named after
            before = [p for s, p in full_pos if s < m.start and p in cands]
            pid = before[-1] if before else next(p for s, p in full_pos if p in cands)
        elif m.honorific or len(m.text) >= 5:
            if len(m.person_ids) == 1:
                pid = m.person_ids[0]
            elif date is not None:
                active = [p for p in m.person_ids if _actors.roles_at(p, date)]
                pid = active[0] if len(active) == 1 else None
            if pid is not None:
                # resolved from the gazetteer alone: a person named in full later may override it
                art.mentions.append((m.start, m.end, pid, "short-date"))
                continue
        if pid is not None:
            art.mentions.append((m.start, m.end, pid, "short"))
    folded = _actors.fold(text)
    for rx, role, country in _role_patterns():
        for m in rx.finditer(folded):
            art.roles.append((m.start(), m.end(), role, country))
    for rx, name, kind in _collective_patterns():
        for m in rx.finditer(folded):
            art.collectives.append((m.start(), m.end(), name, kind))
    art.mentions.sort()
    art.roles.sort()
    art.collectives.sort()
    return art


def _actor_facts() -> dict[str, dict]:
    """Return ``person_id -> {name, country, gender}`` of the gazetteer (read once per version of the file)."""
    return _actor_facts_of(str(ACTORS_FILE), Path(ACTORS_FILE).stat().st_mtime)


@functools.lru_cache(maxsize=4)
def _actor_facts_of(path: str, mtime: float) -> dict[str, dict]:
    df = _actors.read_actors(Path(path))
    return {pid: {"name": n, "country": c, "gender": g}
            for pid, n, c, g in zip(df.person_id, df.name, df.country, df.get("gender", [""] * len(df)))}


@functools.lru_cache(maxsize=256)
def _ever_held(role: str, country: str | None, roles_mtime: float) -> frozenset[str]:
    """Return every person who held ``role`` (for ``country``; any country if None), at any date."""
    if country is None:
        roles = _actors.read_roles()
        return frozenset(roles.loc[roles.role == role, "person_id"])
    return frozenset(_actors.holders_of(role, country, None))


_NAME_WORD = re.compile(r"^[A-ZÀ-Ý][\w'’-]*$")


def _register_ner_persons(art: Article, doc, sent_start: int) -> None:
    """Add persons the gazetteer does not know, from the entity recogniser, to the article's mentions.

    A new name (two to four capitalised words) counts from where it appears; its first or last
    word, written later on its own or after "M."/"Mme", refers back to it ("Zhang Xiao" ... "M.
    Zhang", "Yernar Nuerlan" ... "Yernar"), overriding a guess made from the gazetteer's tenures
    alone.
    """
    for ent in doc.ents:
        words = ent.text.split()
        if ent.label_ != "PER" or not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
            continue
        s, e = sent_start + ent.start_char, sent_start + ent.end_char
        if any(ms < e and s < me and k != "short-date" for ms, me, _, k in art.mentions):
            continue
        name = art.text[s:e]
        pid = f"ner:{_actors.fold(name)}"
        art.ner_names[pid] = name
        art.mentions = [m for m in art.mentions if not (m[0] < e and s < m[1])]
        art.mentions.append((s, e, pid, "full"))
        # the family name comes first in Chinese names ("M. Zhang"), last in Kazakh or Russian ones
        parts = name.split()
        short = "|".join(re.escape(w) for w in {parts[0], parts[-1]} if w.lower() not in stopwords())
        if not short:
            continue
        for m in re.finditer(rf"(?<![\w-])(?:{short})(?![\w'’])", art.text[e:]):
            ms, me = e + m.start(), e + m.end()
            clash = [x for x in art.mentions if x[0] < me and ms < x[1]]
            if all(k == "short-date" for *_, k in clash):
                art.mentions = [x for x in art.mentions if x not in clash]
                art.mentions.append((ms, me, pid, "short"))
        art.mentions.sort()


def _person(art: Article, pid: str, how: str) -> Speaker:
    if pid.startswith("ner:"):
        return Speaker(name=art.ner_names.get(pid, pid[4:]), speaker_id=None, speaker_type="person", how="ner",
                       key=pid)
    row = _actor_facts().get(pid)
    roles = _actors.roles_at(pid, art.date) if art.date is not None else []
    return Speaker(name=row["name"] if row is not None else pid, speaker_id=pid, speaker_type="person",
                   country=row["country"] if row is not None else "", role="|".join(roles), how=how, key=pid)


def _resolve_role(art: Article, role: str, country: str) -> str | None:
    """Return the person a role noun designates in this article, or None when unsure."""
    named = [pid for _, _, pid, _ in art.mentions]
    if country == "*":
        # a bare "le président": the president this article already speaks of
        ever = _ever_held(role, None, Path(ROLES_FILE).stat().st_mtime)
        if art.last_speaker and art.last_speaker[1] in ever:
            return art.last_speaker[1]
        cands = list(dict.fromkeys(p for p in named if p in ever))
        return cands[0] if len(cands) == 1 else None
    if art.date is not None:
        pid = _actors.resolve_role(role, country, art.date)
        if pid is not None:
            return pid
    ever = _ever_held(role, country, Path(ROLES_FILE).stat().st_mtime)
    cands = list(dict.fromkeys(p for p in named if p in ever))
    return cands[0] if len(cands) == 1 else None


def _speaker_in(art: Article, a: int, b: int, *, sent_doc=None, sent_start: int = 0) -> Speaker | None:
    """Return the speaker named between offsets ``a`` and ``b`` (person, role, collective, NER)."""
    for s, e, pid, kind in art.mentions:
        if s >= a and e <= b:
            return _person(art, pid, "name" if kind == "full" else "short")
    for s, e, role, country in art.roles:
        if s >= a and e <= b:
            pid = _resolve_role(art, role, country)
            if pid is not None:
                sp = _person(art, pid, "role")
                sp.role = role
                return sp
            return None  # a role we cannot pin to one person: never guess
    for s, e, name, kind in art.collectives:
        if s >= a and e <= b:
            shown = name or art.text[s:e]
            return Speaker(name=shown, speaker_id=None, speaker_type=kind, how="collective", key=f"col:{shown}")
    if sent_doc is not None:
        for ent in sent_doc.ents:
            s, e = sent_start + ent.start_char, sent_start + ent.end_char
            if ent.label_ == "PER" and s >= a and e <= b and len(ent.text.split()) >= 2:
                name = art.text[s:e]
                return Speaker(name=name, speaker_id=None, speaker_type="person", how="ner",
                               key=f"ner:{_actors.fold(name)}")
    return None


def _pronoun_speaker(art: Article, pos: int, gender: str, para_id: int, *, turn: bool,
                     subject_here: str | None) -> Speaker | None:
    actors = _actor_facts()

    def fits(pid):
        g = actors[pid]["gender"] if pid in actors else ""  # unknown for "ner:" persons
        return not g or not gender or g == gender

    if subject_here and fits(subject_here):
        return _person(art, subject_here, "pronoun")
    before = [pid for s, e, pid, _ in art.mentions if e <= pos and fits(pid)]
    if turn:
        # "Pour sa part, il ..." hands the floor to someone other than the last speaker
        last = art.last_speaker[1] if art.last_speaker else None
        others = [p for p in reversed(before) if p != last]
        return _person(art, others[0], "pronoun") if others else None
    if art.last_speaker and para_id - art.last_speaker[0] <= 2 and fits(art.last_speaker[1]):
        return _person(art, art.last_speaker[1], "pronoun")
    if art.last_subject and fits(art.last_subject):
        return _person(art, art.last_subject, "pronoun")
    return _person(art, before[-1], "pronoun") if before else None


# ---------------------------------------------------------------- sentence rules
def _subject_tokens(v):
    """Return the nominal subject of a verb token (looking through auxiliaries and xcomp)."""
    for head in (v, v.head):
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and c.i != v.i:
                return c
        if head.dep_ not in ("xcomp", "ccomp", "conj"):
            break
    return None


def _span_of(tok):
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


_PREP_FORMS = {"à": ("à", "au", "aux"), "de": ("de", "d'", "des", "du"), "sur": ("sur",), "pour": ("pour",)}
_ADJ_AFTER_DIRE = {"convaincu", "convaincue", "convaincus", "persuadé", "persuadée", "certain", "certaine",
                   "heureux", "heureuse", "confiant", "confiante", "prêt", "prête", "savoir"}


def _content_start_after(doc, i: int, *, allow_object: bool = True) -> int | None:
    """Return the token index where content starts after a preposed cue verb at ``i``, or None."""
    frame = _verb_flags().get(_speech_lemma(doc[i]), (0, 0, ""))[2]
    j = i + 1
    n = len(doc)
    skip = (_CUE_FILLERS - {"à", "de", "le", "l'", "lui", "elle", "en"}) | _ADJ_AFTER_DIRE
    while j < n and doc[j].lower_ in skip:
        j += 1
    if j >= n:
        return None
    t = doc[j]
    if t.lower_ in ("que", "qu'"):
        return j + 1
    if t.text == ":":
        return j + 1
    if t.text in QUOTE_OPEN or t.text == '"':
        return j
    # "a déclaré lors d'une conférence de presse que", "nous prévient avec un rictus :"
    for k in range(j, min(n, j + 10)):
        w = doc[k]
        if w.lower_ in ("que", "qu'") and k > j:
            return k + 1
        if w.text == ":" and k > j:
            return k + 1
        if w.is_punct or w.pos_ in ("VERB", "AUX") or w.lower_ in ("qui", "dont", "où"):
            break
    if not allow_object or not frame:
        return None
    for fr in frame.split("|"):
        if fr == "inf":
            if t.pos_ in ("VERB", "AUX") and "Inf" in t.morph.get("VerbForm"):
                return j
        elif fr == "np":
            if t.pos_ in ("DET", "NOUN", "ADJ", "NUM") and t.lower_ not in ("à", "au", "aux"):
                return j
            if t.text == ",":
                # "a transmis, au nom du gouvernement chinois, ses sincères salutations"
                k = next((k for k in range(j + 1, min(n - 1, j + 16)) if doc[k].text == ","), None)
                if k is not None and doc[k + 1].pos_ in ("DET", "NOUN", "ADJ", "NUM"):
                    return k + 1
        else:
            forms = _PREP_FORMS.get(fr, (fr,))
            for k in range(j, min(n - 1, j + 8)):
                if doc[k].text in (",", ".", ";"):
                    break
                if doc[k].lower_ in forms and (fr != "de" or doc[k + 1].pos_ in ("VERB", "AUX")
                                                 or doc[k + 1].text in QUOTE_OPEN or doc[k + 1].text == '"'):
                    return j
    return None


def _cue_label(doc, i: int) -> str:
    v = doc[i]
    lemma = _speech_lemma(v)
    return "faire savoir" if lemma == "faire" else lemma


def _find_cues(doc):
    """Yield ``(i, kind)`` for each speech verb at token ``i``: kind ``post``, ``pre`` or ``part``."""
    flags = _verb_flags()
    n = len(doc)
    for t in doc:
        lemma = _speech_lemma(t)
        if lemma not in flags or t.pos_ not in ("VERB", "AUX"):
            continue
        if lemma == "faire" and not (t.i + 1 < n and doc[t.i + 1].lower_ == "savoir"):
            continue
        pre, post, _ = flags[lemma]
        form = t.morph.get("VerbForm")
        if t.text.lower().endswith("ant") and "Part" in form:
            yield t.i, "part"
            continue
        inverted = (t.i >= 1 and doc[t.i - 1].lower_ in ("-il", "-elle")) or (
            t.i + 2 < n and doc[t.i + 1].lower_ == "-t" and doc[t.i + 2].lower_ in ("-il", "-elle")) or (
            t.i + 1 < n and doc[t.i + 1].lower_ in ("-il", "-elle"))
        if "Inf" in form and t.i == 2 and doc[0].lower_ == "et" and doc[1].lower_ in ("de", "d'") and pre:
            # the narrative infinitive of French reporting: "Et de rappeler que ..." (= and he recalled)
            if _content_start_after(doc, t.i) is not None:
                yield t.i, "narr"
            continue
        if "Inf" in form and not inverted:
            continue
        has_aux = any(c.dep_.startswith("aux") for c in t.children) or (t.i > 0 and doc[t.i - 1].pos_ == "AUX")
        if "Part" in form and not has_aux and not inverted:
            continue  # an adjectival participle ("proposée par le président Xi") is no cue
        # walk left over the cue's own words to the comma or quote that ends the content
        j = t.i - 1
        while j >= 0 and doc[j].lower_ in _CUE_FILLERS and doc[j].text != ",":
            j -= 1
        left_stop = j >= 0 and (doc[j].text == "," or doc[j].text in QUOTE_CLOSE or doc[j].text == '"')
        comme = j < 0 and doc[0].lower_ == "comme"
        if j + 1 < t.i and doc[j + 1].lower_ == "comme" and j >= 0:
            # "..., comme le mentionne X : « ... »" or "La Chine, comme l'a dit M. Xi, est prête ..."
            yield t.i, "comme"
            continue
        if pre and _content_start_after(doc, t.i, allow_object=False) is not None:
            yield t.i, "pre"
        elif post and ((left_stop and j >= 2) or comme):
            yield t.i, "post"
        elif pre and _content_start_after(doc, t.i) is not None:
            yield t.i, "pre"


def _extract_sentence(art: Article, doc, sent_start: int, sent_id: int, para_id: int) -> list[Statement]:
    """Return the statements of one parsed sentence (``doc``) starting at ``sent_start``."""
    out: list[Statement] = []
    text = art.text
    n = len(doc)
    sent_end = sent_start + len(doc.text)
    turn = bool(_TURN_RE.match(_actors.fold(doc.text)))

    def off(i):  # token index -> absolute offset of its start
        return sent_start + doc[i].idx if i < n else sent_end

    def end_off(i):
        return sent_start + doc[i].idx + len(doc[i].text)

    # the person who is the main subject of this sentence, for "il" and participial cues
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject_here = None
    if root is not None:
        subj = _subject_tokens(root)
        sp = None
        if subj is not None and subj.lower_ in ("il", "elle"):
            sp = _pronoun_speaker(art, sent_start + subj.idx, _PRONOUNS[subj.lower_], para_id, turn=turn,
                                  subject_here=None)
        elif subj is not None and subj.pos_ != "PRON":
            a, b = _span_of(subj)
            sp = _speaker_in(art, sent_start + a, sent_start + b)
        if sp is not None and sp.speaker_type == "person" and sp.key:
            subject_here = sp.key

    def speaker_for(v_i: int, where: str) -> Speaker | None:
        v = doc[v_i]
        # inverted pronoun: "a-t-il expliqué", "estime-t-il"
        for k in (v_i - 1, v_i + 2):
            if 0 <= k < n and doc[k].lower_ in ("-il", "-elle"):
                return _pronoun_speaker(art, off(k), _PRONOUNS[doc[k].lower_], para_id, turn=turn,
                                        subject_here=None)
        subj = _subject_tokens(v)
        if where == "post":
            # the subject follows the verb: up to the next comma or the end
            k = v_i + 1
            while k < n and doc[k].text not in (",", ".", ";", ":", "(") and doc[k].text not in QUOTE_OPEN \
                    and k - v_i <= 14:
                k += 1
            sp = _speaker_in(art, off(v_i + 1), end_off(k - 1) if k - 1 > v_i else off(v_i + 1),
                             sent_doc=doc, sent_start=sent_start)
            if sp is None and subj is not None and subj.i > v_i:
                a, b = _span_of(subj)
                sp = _speaker_in(art, sent_start + a, sent_start + b, sent_doc=doc, sent_start=sent_start)
            if sp is None and k < n and doc[k].text == "," and k - v_i <= 6:
                # "a déclaré le président kazakh, Noursoultan Nazarbaïev, après ..."
                k2 = k + 1
                while k2 < n and doc[k2].text not in (",", ".", ";") and k2 - k <= 6:
                    k2 += 1
                sp = _speaker_in(art, off(k + 1), end_off(k2 - 1), sent_doc=doc, sent_start=sent_start)
            return sp
        # preposed: the parser's subject, else the words since the last comma, else the nearest name
        if subj is not None and subj.i < v_i:
            if subj.lower_ in _PRONOUNS:
                return _pronoun_speaker(art, off(subj.i), _PRONOUNS[subj.lower_], para_id, turn=turn,
                                        subject_here=subject_here if subject_here and
                                        any(s < off(subj.i) for s, _, p, _ in art.mentions
                                            if p == subject_here and s >= sent_start) else None)
            a, b = _span_of(subj)
            sp = _speaker_in(art, sent_start + a, sent_start + b, sent_doc=doc, sent_start=sent_start)
            if sp is not None:
                return sp
        k = v_i - 1
        while k >= 0 and doc[k].text != ",":
            k -= 1
        seg_a = off(k + 1) if k >= 0 else sent_start
        words = [t for t in doc[k + 1:v_i]]
        pron = [t for t in words if t.lower_ in ("il", "elle")]
        sp = _speaker_in(art, seg_a, off(v_i), sent_doc=doc, sent_start=sent_start)
        if sp is not None:
            return sp
        if pron:
            return _pronoun_speaker(art, off(pron[0].i), _PRONOUNS[pron[0].lower_], para_id, turn=turn,
                                    subject_here=None)
        return None

    cues = list(_find_cues(doc))
    cue_starts = []  # token index where each cue's own words begin (content must stop there)
    for v_i, kind in cues:
        j = v_i - 1
        while j >= 0 and doc[j].lower_ in _CUE_FILLERS and doc[j].text != ",":
            j -= 1
        cue_starts.append(j + 1 if kind != "pre" else v_i)

    for idx, (v_i, kind) in enumerate(cues):
        cue = _cue_label(doc, v_i)
        if kind == "post":
            j = cue_starts[idx] - 1  # the comma / closing quote before the cue
            a_tok = 0
            if a_tok == 0 and doc[0].lower_ == "comme":
                # "Comme l'a déclaré Sklyar, CONTENT"
                k = v_i + 1
                while k < n and doc[k].text != ",":
                    k += 1
                if k >= n - 1:
                    continue
                sp = speaker_for(v_i, "post")
                pieces = [(off(k + 1), sent_end)]
            else:
                sp = speaker_for(v_i, "post")
                if j < 0:
                    continue
                end_tok = j if doc[j].text == "," else j + 1
                subj = _subject_tokens(doc[v_i])
                if sp is None and subj is not None and subj.i < v_i:
                    # "CONTENT, Zhang Hong, chercheur associé à ..., a déclaré mercredi"
                    first = min(t.i for t in subj.subtree)
                    a, b = _span_of(subj)
                    sp = _speaker_in(art, sent_start + a, sent_start + b, sent_doc=doc, sent_start=sent_start)
                    if sp is not None:
                        # the content ends at the comma before the speaker's name
                        m_at = min((ms for ms, me, key, _ in art.mentions if key == sp.key
                                    and sent_start + a <= ms < sent_start + b), default=sent_start + a)
                        name_tok = next((t.i for t in doc if sent_start + t.idx >= m_at), 0)
                        commas = [k for k in range(1, name_tok) if doc[k].text == ","]
                        if name_tok < 2 or not commas:
                            continue  # "Nurmukhammed, qui parle le chinois, a confié ...": no content before
                        end_tok = commas[-1]
                if end_tok <= a_tok:
                    continue
                pieces = [(off(a_tok), end_off(end_tok - 1))]
                # an incise ("D'ici à 2015, a indiqué M. Hu, les deux pays ...") continues after the subject
                if len(doc[a_tok:end_tok]) <= 6:
                    k = v_i + 1
                    while k < n and doc[k].text != ",":
                        k += 1
                    if k < n - 2:
                        pieces.append((off(k + 1), sent_end))
            starts_sentence = a_tok == 0
        elif kind in ("narr", "comme"):
            if kind == "narr":
                sp = _pronoun_speaker(art, off(0), "", para_id, turn=turn, subject_here=None)
                c = _content_start_after(doc, v_i)
                pieces = [(off(c), sent_end)] if c is not None and c < n else []
            else:
                k = v_i + 1
                while k < n and doc[k].text not in (",", ":", ".", ";") and k - v_i <= 15:
                    k += 1
                if k >= n - 1 or doc[k].text not in (",", ":"):
                    continue
                sp = speaker_for(v_i, "post")
                if sp is None:
                    sp = _speaker_in(art, off(v_i + 1), end_off(k - 1), sent_doc=doc, sent_start=sent_start)
                comme_i = cue_starts[idx]
                pieces = [(off(k + 1), sent_end)]
                if doc[k].text == "," and comme_i >= 4 and doc[comme_i - 1].text == ",":
                    pieces.insert(0, (sent_start, end_off(comme_i - 2)))
            starts_sentence = False
        elif kind == "pre":
            c = _content_start_after(doc, v_i)
            if c is None or c >= n:
                continue
            sp = speaker_for(v_i, "pre")
            # content runs to the next cue in the sentence, or to the end
            stop = next((cue_starts[k] for k in range(idx + 1, len(cues)) if cue_starts[k] > c), n)
            if stop < n and doc[stop - 1].text == ",":
                stop -= 1
            pieces = [(off(c), end_off(stop - 1) if stop - 1 >= c else off(c))]
            starts_sentence = False
        else:  # participle: "…, ajoutant que …", "Notant que …, il a annoncé …"
            # only with "que" or a colon: "évoquant la coopération élargie" reports no words
            c = _content_start_after(doc, v_i, allow_object=False)
            if c is None or c >= n:
                continue
            stop = next((cue_starts[k] for k in range(idx + 1, len(cues)) if cue_starts[k] > c), n)
            if v_i <= 1:
                # sentence-initial participle: its subject is the main clause's
                k = c
                while k < n and doc[k].text != ",":
                    k += 1
                stop = min(stop, k)
                sp = None
                for v2, kind2 in cues[idx + 1:]:
                    sp = speaker_for(v2, kind2)
                    if sp:
                        break
                if sp is None:
                    sp = _person(art, subject_here, "name") if subject_here else None
            else:
                sp = out[-1].speaker if out else (_person(art, subject_here, "name") if subject_here else None)
            if stop < n and doc[stop - 1].text == ",":
                stop -= 1
            pieces = [(off(c), end_off(stop - 1) if stop - 1 >= c else off(c))]
            starts_sentence = False
        if sp is None:
            continue
        pieces = [(a, b) for a, b in pieces if b - a > 0 and len(text[a:b].split()) >= 3]
        if not pieces:
            continue
        content = " ".join(text[a:b] for a, b in pieces)
        kind_out = "direct" if any(q in content for q in QUOTE_CHARS) and _quoted_share(content) > 0.6 else \
            "indirect"
        conf = {"name": 0.9, "short": 0.85, "role": 0.8, "pronoun": 0.7, "collective": 0.8, "ner": 0.6}[sp.how]
        out.append(Statement(art.doc_id, sp, cue, kind_out, pieces, sent_id, para_id, conf,
                             starts_sentence=starts_sentence))
    # "selon X" / "d'après X"
    out += _selon(art, doc, sent_start, sent_id, para_id, turn)
    return _drop_nested(out)


def _drop_nested(statements: list[Statement]) -> list[Statement]:
    """Drop a statement reported inside another speaker's postposed-cue content.

    In "Les deux chefs d'État ont annoncé que X, a déclaré M. Wang", M. Wang is the speaker;
    the embedded "ont annoncé" is part of what he said.
    """
    outer = [st for st in statements if st.starts_sentence]
    keep = []
    for st in statements:
        inside = any(o is not st and o.speaker.key != st.speaker.key
                     and o.pieces[0][0] <= st.pieces[0][0] and st.pieces[-1][1] <= o.pieces[-1][1]
                     for o in outer)
        if not inside:
            keep.append(st)
    return keep


def _quoted_share(content: str) -> float:
    inside, depth, plain_open = 0, 0, False
    for ch in content:
        if ch in QUOTE_OPEN:
            depth += 1
        elif ch in QUOTE_CLOSE:
            depth = max(0, depth - 1)
        elif ch == '"':
            plain_open = not plain_open
        elif depth or plain_open:
            inside += 1
    return inside / max(1, len(content))


def _selon(art: Article, doc, sent_start: int, sent_id: int, para_id: int, turn: bool) -> list[Statement]:
    out = []
    n = len(doc)
    text = art.text
    sent_end = sent_start + len(doc.text)
    for t in doc:
        if t.lower_ == "selon" or (t.lower_ in ("d'après", "d'") and t.i + 1 < n and doc[t.i + 1].lower_ == "après"):
            first = t.i + (2 if t.lower_ == "d'" else 1)
            k = first
            while k < n and doc[k].text not in (",", ".", ";", ":") and k - first <= 10:
                k += 1
            a, b = sent_start + doc[first].idx if first < n else sent_end, \
                sent_start + doc[k - 1].idx + len(doc[k - 1].text) if k - 1 >= first else sent_end
            phrase = doc[first:k]
            if len(phrase) == 1 and phrase[0].lower_ in _PRONOUNS:
                sp = _pronoun_speaker(art, a, _PRONOUNS[phrase[0].lower_], para_id, turn=turn, subject_here=None)
            else:
                sp = _speaker_in(art, a, b, sent_doc=doc, sent_start=sent_start)
            if sp is None:
                continue
            pieces = []
            if t.i > 1:
                end_tok = t.i - 1 if doc[t.i - 1].text == "," else t.i
                pieces.append((sent_start, sent_start + doc[end_tok - 1].idx + len(doc[end_tok - 1].text)))
            if k < n - 2 and doc[k].text == ",":
                pieces.append((sent_start + doc[k + 1].idx, sent_end))
            pieces = [(x, y) for x, y in pieces if len(text[x:y].split()) >= 3]
            if not pieces:
                continue
            conf = 0.8 if sp.how != "pronoun" else 0.7
            out.append(Statement(art.doc_id, sp, "selon", "indirect", pieces, sent_id, para_id, conf,
                                 starts_sentence=t.i > 1))
    return out


# ---------------------------------------------------------------- document loop
def _open_quote_before(segment: str) -> int | None:
    """Return the offset in ``segment`` of a quotation still open at its end, else None."""
    depth, last_open, straight = 0, None, None
    for i, ch in enumerate(segment):
        if ch in QUOTE_OPEN:
            depth += 1
            last_open = i
        elif ch in QUOTE_CLOSE:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = None if straight is not None else i
    if depth > 0:
        return last_open
    return straight


def _extend_quotes(art: Article, st: Statement, para_start: int, para_end: int) -> None:
    """Widen a statement whose content is the tail or head of a quotation crossing sentences."""
    text = art.text
    a, b = st.pieces[0]
    pos = _open_quote_before(text[para_start:a])
    if pos is not None:
        st.pieces[0] = (para_start + pos, b)
        st.kind = "direct"
    a, b = st.pieces[-1]
    pos = _open_quote_before(text[a:b])
    if pos is not None:
        closer = '"' if text[a + pos] == '"' else "»”"
        close = min((text.find(q, b, para_end) for q in closer if text.find(q, b, para_end) >= 0), default=-1)
        if close >= 0:
            st.pieces[-1] = (a, close + 1)


def _merge(statements: list[Statement]) -> list[Statement]:
    """Merge statements of one speaker in one sentence, and a broken sentence with its predecessor."""
    out: list[Statement] = []
    for st in statements:
        key = st.speaker.key or st.speaker.name
        prev = out[-1] if out else None
        if prev is not None and (prev.speaker.key or prev.speaker.name) == key and (
                prev.sentence_id == st.sentence_id or (
                    st.starts_sentence and st.para_id == prev.para_id and st.sentence_id == prev.sentence_id + 1
                    and st._lower_start)):  # type: ignore[attr-defined]
            pieces = sorted(set(prev.pieces + st.pieces))
            merged: list[tuple[int, int]] = []
            for a, b in pieces:
                if merged and a <= merged[-1][1] + 1:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], b))
                else:
                    merged.append((a, b))
            prev.pieces = merged
            prev.confidence = max(prev.confidence, st.confidence)
            if st.kind == "direct":
                prev.kind = "direct"
            continue
        out.append(st)
    return out


def _process_document(art: Article, sents: pd.DataFrame, parsed: dict, *, title: str = "") -> list[Statement]:
    found: list[Statement] = []
    para_bounds: dict[int, tuple[int, int]] = {}  # para_id -> (first start, last end); plain dict: one per sentence
    for pid, a, b in zip(sents.para_id, sents.start, sents.end):
        pid, a, b = int(pid), int(a), int(b)
        lo, hi = para_bounds.get(pid, (a, b))
        para_bounds[pid] = (min(lo, a), max(hi, b))
    title_key = _actors.fold(title).strip()
    quiet: list[tuple[int, int]] = []  # (para_id, start) of sentences of this paragraph with no speech cue
    for sent_id, para_id, start, end in zip(sents.sent_id, sents.para_id, sents.start, sents.end):
        para_id, start = int(para_id), int(start)
        pstart, pend = para_bounds[para_id]
        if quiet and quiet[-1][0] != para_id:
            quiet = []
        doc = parsed.get(sent_id)
        if doc is None or (title_key and para_id <= 1 and _actors.fold(art.text[pstart:pend]).strip() == title_key):
            # headlines are not reported speech ("... appelle à une coopération renforcée")
            quiet.append((para_id, start))
            continue
        _register_ner_persons(art, doc, start)
        new = _extract_sentence(art, doc, start, int(sent_id), para_id)
        for st in new:
            st._lower_start = art.text[start:start + 1].islower()  # type: ignore[attr-defined]
            _extend_quotes(art, st, pstart, pend)
            content = art.text[st.pieces[0][0]:st.pieces[0][1]].lstrip()
            if st.starts_sentence and quiet and st.pieces[0][0] == start and content[:1] not in QUOTE_CHARS:
                # a postposed attribution ("..., a ajouté M. Zhang") covers its whole paragraph
                st.pieces[0] = (quiet[0][1], st.pieces[0][1])
                st.confidence = min(st.confidence, 0.6)
        if new or any(True for _ in _find_cues(doc)) or any(t.lower_ == "selon" for t in doc):
            # a sentence with a cue of its own (even one we could not attribute) is nobody else's content
            quiet = []
        else:
            quiet.append((para_id, start))
        persons = [st for st in new if st.speaker.speaker_type == "person" and st.speaker.key]
        if persons:
            art.last_speaker = (para_id, persons[-1].speaker.key)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        subj = _subject_tokens(root) if root is not None else None
        if subj is not None and subj.pos_ != "PRON":
            a, b = _span_of(subj)
            sp = _speaker_in(art, start + a, start + b)
            if sp is not None and sp.speaker_type == "person" and sp.key:
                art.last_subject = sp.key
        found += new
    return _merge(found)


_SPEECH_HINT = re.compile(r"[«»“”\"]|\bselon\b|\bd'après\b", re.IGNORECASE)


def _candidate_sentences(tokens: pd.DataFrame, sents: pd.DataFrame) -> pd.Series:
    """Return a boolean per sentence: does it need the parser (speech verb, selon, quotes, person)?"""
    lemmas = set(_verb_flags())
    t = tokens
    has_verb = (t.lemma.str.lower().isin(lemmas) | t.text.str.lower().isin(set(_verb_forms()))) & \
        t.pos.isin(["VERB", "AUX"])
    has_hint = t.text.str.contains(_SPEECH_HINT, na=False)
    has_person = t.ent_type.eq("PER")
    flag = (has_verb | has_hint | has_person).groupby([t.doc_id, t.sent_id]).any()
    idx = pd.MultiIndex.from_arrays([sents.doc_id, sents.sent_id])
    return pd.Series(flag.reindex(idx, fill_value=False).to_numpy(), index=sents.index)


def _unknown_name_sentences(tokens: pd.DataFrame, sents: pd.DataFrame) -> pd.Series:
    """Return a boolean per sentence: may it name a person the gazetteers do not know?

    Only those sentences go through the entity recogniser (which has its own tok2vec and costs
    as much as the parser): two proper nouns in a row outside the gazetteers, or a title
    ("M.", "Mme") before an unknown capitalised word.
    """
    t = tokens
    same_sent = t.sent_id.eq(t.sent_id.shift()) & t.doc_id.eq(t.doc_id.shift())
    # a capitalised word inside the sentence (the tagger often calls foreign names NOUN or ADJ)
    unknown = t.ent_type.isna() & t.text.str.match(r"^[A-ZÀ-Ý][a-zà-ÿ]")
    pair = unknown & unknown.shift(fill_value=False) & same_sent
    titled = unknown & t.text.shift().isin(["M.", "Mme", "MM."]) & same_sent
    flag = (pair | titled).groupby([t.doc_id, t.sent_id]).any()
    idx = pd.MultiIndex.from_arrays([sents.doc_id, sents.sent_id])
    return pd.Series(flag.reindex(idx, fill_value=False).to_numpy(), index=sents.index)


def build_statements(corpus, *, cache_dir: Path | None = PROCESSED_DIR, refresh: bool = False,
                     batch_size: int = 64) -> pd.DataFrame:
    """Return the statements table (uncached; see ``extract_statements``), on every core.

    When the token table has to be built, the statements of each chunk of documents are found
    in the worker that tagged it, from its spaCy Docs: the parser reads the tok2vec output the
    token pass computed. When the token table comes from the cache, the paragraphs that hold
    candidate sentences are tagged again by the same pipeline, so both ways give the same rows.
    """
    docs = corpus_documents(corpus)
    then = functools.partial(_statements_of, batch_size=batch_size)
    tokens, parts = tokenize_corpus_then(corpus, then, cache_dir=cache_dir, refresh=refresh)
    if parts is None:
        # the rows of each document in the token table (built document by document)
        ids = tokens.doc_id.to_numpy()
        bounds = {}
        if len(ids):
            import numpy as np

            cuts = np.flatnonzero(ids[1:] != ids[:-1]) + 1
            starts, ends = np.r_[0, cuts], np.r_[cuts, len(ids)]
            bounds = {str(ids[a]): (int(a), int(b)) for a, b in zip(starts, ends)}
        processing_nlp()  # loaded before the workers fork, so that they share it

        def run(chunk: pd.DataFrame) -> list[tuple]:
            spans = [bounds[d] for d in chunk.doc_id.astype(str) if d in bounds]
            part = pd.concat([tokens.iloc[a:b] for a, b in spans]) if spans else tokens.iloc[:0]
            return _statements_of(chunk, part.reset_index(drop=True), None, batch_size=batch_size)

        parts = map_chunks(run, chunk_documents(docs), desc="statements")
    out = pd.DataFrame([r for part in parts for r in part], columns=STATEMENT_COLUMNS)
    for col in ("start", "end", "sentence_id"):
        out[col] = out[col].astype("int64")
    return out


#: What a sentence cut from a tagged paragraph keeps (no sentence starts: the parser sets its own).
_SENTENCE_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "NORM")


def _sentence_docs(sents: pd.DataFrame, paragraphs: dict) -> list:
    """Return one spaCy Doc per row of ``sents``, cut from its tagged paragraph with its tok2vec output.

    Each Doc holds the sentence's tokens, tags and lemmas, but not the paragraph's sentence
    starts (the parser sets its own) nor the space after its last token (its text is the
    sentence, as if it had been tagged alone).
    """
    from spacy.attrs import IDS
    from spacy.tokens import Doc

    head = [IDS[a] for a in _SENTENCE_ATTRS]
    arrays: dict = {}
    out = []
    for doc_id, para_id, start, end in zip(sents.doc_id, sents.para_id, sents.start, sents.end):
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


def _statements_of(docs: pd.DataFrame, tokens: pd.DataFrame, paragraphs: dict | None, *,
                   batch_size: int = 64) -> list[tuple]:
    """Return the statement rows of ``docs`` given their token table and their tagged paragraphs.

    ``paragraphs`` maps ``(doc_id, para_id)`` to ``(start, Doc)`` (``nlp.tag_paragraphs``);
    None tags the paragraphs that hold candidate sentences here.
    """
    all_sents = sentences_table(tokens)
    sents = all_sents[_candidate_sentences(tokens, all_sents)]
    unknown = _unknown_name_sentences(tokens, sents)
    needs_ner = set(zip(sents.doc_id[unknown], sents.sent_id[unknown]))
    texts = dict(zip(docs.doc_id.astype(str), docs.text_clean.fillna("")))
    dates = {str(r["doc_id"]): _article_date(r) for r in docs.to_dict("records")}
    titles = dict(zip(docs.doc_id.astype(str), docs["title"].fillna("").astype(str))) if "title" in docs else {}
    nlp = processing_nlp()
    if paragraphs is None:
        needed = set(zip(sents.doc_id, sents.para_id.astype(int)))
        paragraphs = {ctx[:2]: (ctx[2], d) for ctx, d in tag_paragraphs(docs, batch_size=batch_size, only=needed)}
    parser, ner = nlp.get_pipe("parser"), nlp.get_pipe("ner")  # the recogniser has its own tok2vec
    by_doc = {d: g for d, g in all_sents.groupby("doc_id", sort=False)}
    cand_tokens = tokens.merge(sents[["doc_id", "sent_id"]], on=["doc_id", "sent_id"])
    lemmas = {d: dict(zip(g.start, g.lemma)) for d, g in cand_tokens.groupby("doc_id", sort=False)}
    keys = list(zip(sents.doc_id, sents.sent_id.astype(int), sents.start.astype(int)))
    parsed_docs = list(parser.pipe(_sentence_docs(sents, paragraphs), batch_size=batch_size))
    for (doc_id, _, start), d in zip(keys, parsed_docs):
        table = lemmas.get(doc_id, {})
        for tok in d:
            tok.lemma_ = table.get(start + tok.idx) or tok.lower_
    with_ner = [i for i, (doc_id, sent_id, _) in enumerate(keys) if (doc_id, sent_id) in needs_ner]
    for i, d in zip(with_ner, ner.pipe([parsed_docs[i] for i in with_ner], batch_size=batch_size)):
        parsed_docs[i] = d
    rows = []
    for doc_id, group in groupby(zip(keys, parsed_docs), key=lambda x: x[0][0]):
        parsed = {sent_id: d for (_, sent_id, _), d in group}
        art = _read_article(doc_id, texts[doc_id], dates.get(doc_id))
        for st in _process_document(art, by_doc[doc_id], parsed, title=titles.get(doc_id, "")):
            text = " […] ".join(art.text[a:b].strip() for a, b in st.pieces)
            sp = st.speaker
            rows.append((doc_id, sp.name, sp.speaker_id, sp.speaker_type, sp.country, sp.role, st.cue, st.kind,
                         text, st.pieces[0][0], st.pieces[-1][1], st.sentence_id, st.confidence))
    return rows


def extract_statements(corpus, *, cache_dir: Path | None = PROCESSED_DIR, refresh: bool = False) -> pd.DataFrame:
    """Return one row per reported statement, with its speaker resolved within the article.

    Columns: ``doc_id, speaker`` (display name), ``speaker_id`` (gazetteer id; None for a
    collective, a document or a person not in the gazetteer), ``speaker_type`` (``person``,
    ``collective``, ``document``), ``country``, ``role`` (roles held on the article's date),
    ``cue`` (the speech verb's lemma, or "selon"), ``kind`` (``direct`` for quoted words,
    ``indirect``), ``text`` (what was said, without the cue; separate pieces joined by " […] "),
    ``start``, ``end`` (offsets in ``text_clean``), ``sentence_id`` (``sent_id`` of the token
    table), ``confidence``.

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
    code["statements"] = hash_file(Path(__file__))
    manifest = {"corpus": corpus_fingerprint(corpus), "lexicons": _lexicon_hashes(),
                "table_version": _TABLE_VERSION, "code": code}
    name = "statements-" + hash_json(manifest)[:16]
    tables = cached_tables(cache_dir, name, manifest=manifest,
                           build=lambda: {"statements": build_statements(corpus, cache_dir=cache_dir,
                                                                         refresh=refresh)},
                           refresh=refresh)
    return tables["statements"]
