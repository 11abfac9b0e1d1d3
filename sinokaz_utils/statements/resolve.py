"""Who is speaking: the persons, role nouns, pronouns and collectives of one article.

What belongs here: reading an article's mentions once (gazetteer names and their short forms,
role nouns, collective speakers), adding the persons the entity recogniser finds, and answering
"who is named between these offsets" or "who does this pronoun stand for". What does not: the
gazetteer facts and tenures (``actors``), the cue rules that decide where a speaker is written
(``cues``).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import actors as _actors
from ..config import ACTORS_FILE, ROLES_FILE
from ..nlp import stopwords
from .lexicons import collective_patterns, designation_patterns, is_designation_noun, name_gender, role_patterns
from .quotes import final_quotation, open_quote_before

PRONOUNS = {"il": "m", "elle": "f", "lui": "m", "-il": "m", "-elle": "f", "lui-même": "m", "elle-même": "f"}
#: "Pour sa part, il ...": the floor passes to someone other than the last speaker
TURN_RE = re.compile(r"^\s*(pour sa part|de son cote|quant a (lui|elle)|de leur cote|pour leur part)\b")


@dataclass
class Speaker:
    """A resolved speaker."""

    name: str
    speaker_id: str | None
    speaker_type: str  # person | collective | document | unnamed
    country: str = ""
    role: str = ""
    how: str = "name"  # name | short | role | pronoun | collective | ner (| ner_role, ner_pronoun) | unnamed
    key: str = ""  # who this is within the article: a gazetteer id, "ner:<name>", or the collective's name


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
    last_said: int = 0  # where the sentence of the last person statement ends
    topics: list = field(default_factory=list)  # (sentence start, person key) of sentences about someone
    last_subject: str | None = None
    ner_names: dict = field(default_factory=dict)  # "ner:<name>" -> name as written, persons not in the gazetteer
    designations: list = field(default_factory=list)  # Designation, in text order
    folded: str = ""  # the text lower-cased, without accents (same length)
    unnamed: dict = field(default_factory=dict)  # "unnamed:<offset>" -> the designation as written ("un cheminot")


@dataclass
class Designation:
    """A common noun naming one person ("l'astronaute", "un cheminot") and whom it designates."""

    start: int
    end: int
    group: str  # nouns of one group refer back to each other ("astronaute", "spationaute")
    gender: str  # "m", "f" or "" (from the determiner and the noun's ending)
    definite: bool  # "le/la/ce/son ..." (refers back) or "un/une" (someone new)
    nationality: bool = False  # "le Français": says nothing against what else the person is
    referent: str = ""  # a person key, or "unnamed:<offset>" for someone the article never names


def article_date(row) -> pd.Timestamp | None:
    """Return the date role nouns are resolved at: the event date, else the publication date."""
    for col in ("event_date", "published"):
        v = row.get(col) if hasattr(row, "get") else None
        if v is not None and not pd.isna(v):
            try:
                return pd.Timestamp(v)
            except (ValueError, TypeError):
                continue
    return None


def read_article(doc_id: str, text: str, date) -> Article:
    """Return an ``Article`` with its gazetteer persons, role nouns and collective speakers located."""
    art = Article(doc_id, text, date)
    raw = _actors.find_mentions(text)
    named = {m.person_ids[0] for m in raw if m.kind == "full" and len(m.person_ids) == 1}
    full_pos = [(m.start, m.person_ids[0]) for m in raw if m.kind == "full" and len(m.person_ids) == 1]
    for m in raw:
        if m.kind == "full":
            if len(m.person_ids) == 1:
                art.mentions.append((m.start, m.end, m.person_ids[0], "full"))
            continue
        pid, kind = _short_form_person(m, named, full_pos, date)
        if pid is not None:
            art.mentions.append((m.start, m.end, pid, kind))
    folded = art.folded = _actors.fold(text)
    for rx, role, country in role_patterns():
        for m in rx.finditer(folded):
            art.roles.append((m.start(), m.end(), role, country))
    for rx, name, kind in collective_patterns():
        for m in rx.finditer(folded):
            art.collectives.append((m.start(), m.end(), name, kind))
    art.designations = find_designations(text, folded)
    art.mentions.sort()
    art.roles.sort()
    art.collectives.sort()
    return art


def _short_form_person(m, named: set, full_pos: list, date) -> tuple[str | None, str]:
    """Return the person a short form ("M. Wang") stands for, and how it was resolved."""
    cands = [p for p in m.person_ids if p in named]
    if cands:
        # the person of that name most recently named in full, else the first named after
        before = [p for s, p in full_pos if s < m.start and p in cands]
        return (before[-1] if before else next(p for s, p in full_pos if p in cands)), "short"
    if not (m.honorific or len(m.text) >= 5):
        return None, ""
    pid = None
    if len(m.person_ids) == 1:
        pid = m.person_ids[0]
    elif date is not None:
        active = [p for p in m.person_ids if _actors.roles_at(p, date)]
        pid = active[0] if len(active) == 1 else None
    # resolved from the gazetteer alone: a person named in full later may override it
    return pid, "short-date"


_FEMININE_DET = {"la ", "une ", "cette ", "sa ", "l'une des "}
_MASCULINE_DET = {"le ", "un ", "ce ", "cet ", "du ", "au ", "l'un des "}
_FEMININE_NOUN = re.compile(r"(rice|euse|enne|iere|esse|ante|ente|ee|femme|fille|mere|epouse|veuve)s?$")


def find_designations(text: str, folded: str) -> list[Designation]:
    """Return the designations of one person in an article, in text order (see ``lexicons.designation_patterns``)."""
    found = {}
    for rx, groups in designation_patterns():
        for m in rx.finditer(folded):
            det, noun = m.group("det"), m.group("noun")
            group = groups[int(next(k for k, v in m.groupdict().items() if v is not None and k[0] == "d"
                                    and k[1:].isdigit())[1:])]
            nationality = group == "nationality"
            if nationality and not text[m.start("noun")].isupper():
                continue  # a nationality names a person as a capitalised noun ("le Français", not "le français")
            gender = "f" if det in _FEMININE_DET or _FEMININE_NOUN.search(noun) else "m" if det in _MASCULINE_DET else ""
            key = noun.rstrip("s") if nationality or not group else group
            found.setdefault(m.start(), Designation(m.start(), m.end(), key, gender, det.strip() not in ("un", "une"),
                                                    nationality=nationality))
    return [found[k] for k in sorted(found)]


#: between a designation and the name it stands beside: "l'astronaute français Thomas Pesquet",
#: "le président de l'ONG François Thomas", "son fondateur, Dimitri Prikhodko"
_BEFORE_NAME = re.compile(r"^(?:\s+(?!(?:a|ont|est|sont|avait|etait|qui|que|et|avec|pour|par|a|selon|dont|ou)\s)"
                          r"[\w'-]+){0,4}?\s*,?\s*$")
#: after a name: "Wahbi Jomaa, le directeur de ...", "Dimitri Prikhodko (38 ans), ...", "Sophie Adenot, 40 ans, l'autre
#: femme de la promotion"
_AFTER_NAME = re.compile(r"^\s*(\([^)]{0,30}\))?\s*,\s*(\d{1,3} ans\s*,\s*)?$")
#: a name inside a phrase ("en couple avec Anne Mottet, l'astronaute et sa compagne ont ..."): what follows its
#: comma is not an apposition to it
_IN_PHRASE = re.compile(r"(?<![\w-])(?:avec|de|d'|du|des|a|au|aux|pour|par|chez|sur|contre|entre|selon|depuis|et)\s*$")
#: a name, then what it is: "Sonia Fendler est présidente d'Altixia Reim", "Florent Accaries, lui, est un scientifique"
_COPULA = re.compile(r"^(?:\s*,\s*(?:lui|elle)(?:-meme)?\s*,)?\s+(?:est|etait|sera|devient|est devenue?|reste)\s+"
                     r"(?:l'|le |la |un |une )?")


def link_designations(art: Article) -> None:
    """Resolve each designation of the article to the person it names, in text order.

    A designation beside a name (an apposition, a title before the name, "X est présidente de")
    names that person. Otherwise "un cheminot" introduces someone new, and a definite
    designation refers back to the last one of its group. The first of its group is someone new
    when its own sentence has named another person before it ("... Michel Benoit en présence de
    l'architecte du cabinet"); else it is the person an apposition of its group names elsewhere,
    else the person named most in this paragraph and the one before, else the one person the
    article has named. Anyone else is someone the article does not name (``unnamed``).
    """
    persons = [(s, e, pid) for s, e, pid, _ in art.mentions]
    for d in art.designations:
        d.referent = _named_beside(art, d, persons) or ""
    for i, d in enumerate(art.designations):
        if d.referent:
            continue
        if not d.definite or d.group == "source":
            d.referent = f"unnamed:{d.start}"
            continue
        earlier = [x for x in art.designations[:i] if x.group == d.group and _same_gender(x.gender, d.gender)]
        if earlier:
            d.referent = earlier[-1].referent
            continue
        # the first of its group: beside persons named in its own sentence, it is someone else ("en présence de
        # l'architecte du cabinet" after two named presidents); else a person an apposition of its group names
        # elsewhere, else the person the article has just spoken of, else the one it has named
        if _someone_named_before(art, d, persons):
            d.referent = f"unnamed:{d.start}"
            continue
        fits = {pid for _, _, pid in persons if _same_gender(gender_of(art, pid), d.gender)}
        linked = [x.referent for x in art.designations if x.group == d.group and x.referent
                  and not x.referent.startswith("unnamed:") and _same_gender(x.gender, d.gender)]
        before = list(dict.fromkeys(pid for s, _, pid in persons if s < d.start and pid in fits))
        d.referent = (linked[0] if linked else _introduced_before_quotation(art, d, fits)
                      or _salient(art, d, persons, fits) or (before[0] if len(before) == 1 else f"unnamed:{d.start}"))
    for d in art.designations:
        if d.referent.startswith("unnamed:"):
            first = next(x for x in art.designations if f"unnamed:{x.start}" == d.referent)
            art.unnamed.setdefault(d.referent, art.text[first.start:first.end])


#: where a sentence ends: terminal punctuation before a space, or glued to the next sentence or caption ("... de
#: l'Allemagne.Avec les quatre", "(AFP - Ina FASSBENDER)Alors qu'elle"), or a line end
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$|(?=[«“\"]?[A-ZÀ-Ý]))|(?<=\))(?=[«“\"]?[A-ZÀ-Ý])|\n")


#: a designation right after an incise verb: "..., résume la future astronaute", "», rembobine l'ancienne joueuse"
_INCISE_BEFORE = re.compile(r"[,»”\"]\s*(?:[a-zà-ÿ'’-]+\s+){1,3}$")


def _introduced_before_quotation(art: Article, d: Designation, fits: set) -> str | None:
    """Return whom the press introduces right before the quotation an incise designation closes: "Marie
    Delaroche, 21 ans aussi, occupera le poste de journaliste de bord. « J'écrirai ... », détaille l'étudiante"
    (the person the sentence of the quotation, or the one before it, is about)."""
    lo = max(0, d.start - 40)
    incise = _INCISE_BEFORE.search(art.text[lo:d.start])
    if not incise:
        return None
    para = art.text.rfind("\n", 0, d.start) + 1
    opening = final_quotation(art.text[para:lo + incise.start() + 1].rstrip(",").rstrip())
    if opening is None:
        return None
    q = para + opening
    a0 = _sentence_around(art.text, q)[0]
    a1 = _sentence_around(art.text, max(para, a0 - 2))[0] if a0 > para else a0
    topic = next((pid for s, pid in reversed(art.topics) if max(a1, para) <= s < q), None)
    return topic if topic in fits else None


def _someone_named_before(art: Article, d: Designation, persons: list) -> bool:
    """Does the designation's sentence name another person before it, so that it is someone new ("... et le
    président du Sdis Michel Benoit en présence de l'architecte du cabinet")?

    Not a person named inside a quotation (whom the speaker speaks of), and not when the designation is the
    subject of an incise ("« ... », résume la future astronaute"): there it stands for the speaker, whom the
    article has already named.
    """
    if _INCISE_BEFORE.search(art.text[max(0, d.start - 40):d.start]):
        return False
    a, _ = _sentence_around(art.text, d.start)
    return any(a <= s < d.start and open_quote_before(art.text[a:s]) is None for s, _, _ in persons)


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    """Return the offsets of the sentence around ``pos`` (between terminal punctuation or line ends)."""
    lo = max(0, pos - 2000)
    starts = [lo + m.end() for m in _SENTENCE_END.finditer(text[lo:pos])]
    m = _SENTENCE_END.search(text[pos:pos + 2000])
    return (starts[-1] if starts else lo), (pos + m.start() if m else min(len(text), pos + 2000))


def _salient(art: Article, d: Designation, persons: list, fits: set) -> str | None:
    """Return the person named most often in this paragraph and the one before, up to ``d`` (the latest on a tie)."""
    para_start = art.text.rfind("\n", 0, d.start)
    window_start = art.text.rfind("\n", 0, max(0, para_start)) if para_start > 0 else 0
    counts: dict[str, list] = {}
    for s, _, pid in persons:
        if window_start <= s < d.start and pid in fits:
            counts.setdefault(pid, []).append(s)
    if not counts:
        return None
    return max(counts, key=lambda p: (len(counts[p]), counts[p][-1]))


def _same_gender(a: str, b: str) -> bool:
    return not a or not b or a == b


def _named_beside(art: Article, d: Designation, persons: list) -> str | None:
    """Return the person a name right beside the designation names, if any."""
    text = art.folded
    for s, e, pid in persons:
        if d.end <= s <= d.end + 50 and _BEFORE_NAME.match(text[d.end:s]) and not _is_complement(text, s):
            return pid
        if d.start - 30 <= e <= d.start and (_AFTER_NAME.match(text[e:d.start])
                                             and not _IN_PHRASE.search(text[max(0, s - 12):s])
                                             or _COPULA.match(text[e:d.start])):
            return pid
    return None


def _is_complement(folded: str, s: int) -> bool:
    """Is the name at ``s`` the complement of a noun ("la patronne d'Altixia Reim", "du groupe X")?"""
    return bool(re.search(r"(?<![\w-])(?:de|d'|du|des)\s*$", folded[max(0, s - 5):s]))


def designation_at(art: Article, a: int, b: int) -> Designation | None:
    """Return the first designation lying within offsets ``a`` and ``b``."""
    return next((d for d in art.designations if d.start >= a and d.end <= b), None)


def actor_facts() -> dict[str, dict]:
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


def register_ner_persons(art: Article, doc, sent_start: int) -> None:
    """Add persons the gazetteer does not know, from the entity recogniser, to the article's mentions.

    A new name (one to four capitalised words, not a place or an organisation of the gazetteers,
    not the complement of a noun: "la patronne d'Altixia Reim") counts from where it appears; a
    full name wins over a bare word credited to someone else ("François Thomas" after "Thomas
    Pesquet"). Its first or last word, written later on its own or after "M."/"Mme", refers back
    to it ("Zhang Xiao" ... "M. Zhang", "Yernar Nuerlan" ... "Yernar"), overriding a guess made
    from the gazetteer's tenures alone.
    """
    for ent in [e for e in doc.ents if e.label_ == "PER"] + _incise_subjects(doc):
        span = _whole_name(doc, ent)
        words = span.text.split()
        if not 1 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
            continue
        if len(words) == 1 and (span[0].pos_ != "PROPN" or _actors.fold(span.text) in _place_names()):
            continue  # a lone word is a name only if tagged so ("Jérôme raconte", not "Maîtrisant son émotion")
        s, e = sent_start + span.start_char, sent_start + span.end_char
        if _is_complement(art.folded, s):
            continue
        clash = [m for m in art.mentions if m[0] < e and s < m[1]]
        if any(k == "full" for *_, k in clash) or (len(words) == 1 and clash):
            continue
        name = art.text[s:e]
        pid = f"ner:{_actors.fold(name)}"
        if pid in art.ner_names or _mostly_a_complement(art, name):
            continue  # already found, with every place the article writes it; or a company ("d'Altixia Reim")
        art.ner_names[pid] = name
        first = e
        # every place the article writes the whole name, parsed or not ("Sonia Fendler est présidente de ...")
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", art.text):
            ms, me = m.span()
            clash = [x for x in art.mentions if x[0] < me and ms < x[1]]
            if any(k == "full" for *_, k in clash):
                continue
            art.mentions = [x for x in art.mentions if x not in clash]
            art.mentions.append((ms, me, pid, "full"))
            first = min(first, me)
        _refer_back(art, pid, name, first)
        art.mentions.sort()


def _incise_subjects(doc) -> list:
    """Return the lone capitalised words that are the subject of an incise ("..., se souvient Nouara.", "», dit
    Armand,"): whatever the recogniser calls them, a word there is the name of whoever speaks."""
    from spacy.attrs import POS

    from .lexicons import verb_forms

    out = []
    propn = doc.vocab.strings["PROPN"]
    for i, pos in enumerate(doc.to_array([POS]).tolist()):
        if i < 2 or pos != propn:
            continue  # (cheap test first, on one array: most words are no proper noun)
        t = doc[i]
        if not _NAME_WORD.match(t.text) or any(e.start <= t.i < e.end and e.label_ == "PER" for e in doc.ents):
            continue
        if t.i + 1 < len(doc) and not doc[t.i + 1].is_punct:
            continue
        k = t.i - 1
        if doc[k].lower_ not in verb_forms():
            continue
        k -= 1
        while k >= 0 and doc[k].lower_ in ("se", "s'", "a", "ont", "lui", "nous"):
            k -= 1
        if k >= 0 and doc[k].text in (",", "»", "”", '"', "!", "?"):
            out.append(doc[t.i:t.i + 1])
    return out


def _mostly_a_complement(art: Article, name: str) -> bool:
    """Is the name written mostly as a noun's complement or in brackets ("la patronne d'Altixia Reim",
    "(aujourd'hui Altixia Reim)")? A company or a place the recogniser took for a person."""
    starts = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", art.text)]
    odd = sum(_is_complement(art.folded, s) or art.text.rfind("(", 0, s) > art.text.rfind(")", 0, s) for s in starts)
    return len(starts) >= 2 and odd * 2 > len(starts)


def _whole_name(doc, ent):
    """Return the entity with the capitalised words the recogniser left out ("Sophie" + "Beau"), without a
    repeated name ("Thomas Pesquet Thomas Pesquet", a caption glued to its text)."""
    end = ent.end
    while end < len(doc) and end - ent.start < 4 and _NAME_WORD.match(doc[end].text) and \
            doc[end].pos_ in ("PROPN", "NOUN", "ADJ") and doc[end].lower_ not in stopwords():
        end += 1
    start = ent.start
    # not the determiner, title or designation the recogniser took in ("La Britannique Rosemary Coogan")
    while start < end - 1 and (doc[start].lower_ in stopwords() or is_designation_noun(doc[start].text)
                               or doc[start].text in ("M.", "Mme", "MM.")):
        start += 1
    words = [t.text for t in doc[start:end]]
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        end = start + half
    return doc[start:end]


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Folded names of the places and organisations of the gazetteers (never a person's name)."""
    names = set()
    for table in (_actors.read_places(), _actors.read_organisations()):
        for n, aliases in zip(table.name, table.aliases):
            names.update(_actors.fold(x) for x in [n, *aliases])
    return frozenset(names)


_TITLE_BEFORE = re.compile(r"(?:\bM\.|\bMme|\bMM\.|\bDr|\bPr)\s*$")


def _refer_back(art: Article, pid: str, name: str, after: int) -> None:
    """Credit later bare first or last names of a new person to it (not a word of another full name)."""
    # the family name comes first in Chinese names ("M. Zhang"), last in Kazakh or Russian ones
    parts = name.split()
    short = "|".join(re.escape(w) for w in {parts[0], parts[-1]} if w.lower() not in stopwords())
    if not short or len(parts) < 2:
        return
    for m in re.finditer(rf"(?<![\w-])(?:{short})(?![\w'’-])", art.text[after:]):
        ms, me = after + m.start(), after + m.end()
        before, following = art.text[max(0, ms - 25):ms], art.text[me:me + 2]
        if (re.search(r"[A-ZÀ-Ý][\w'’-]*\s$", before) and not _TITLE_BEFORE.search(before)) or \
                re.match(r"\s[A-ZÀ-Ý]", following):
            continue  # "François Thomas" is not "Thomas Pesquet"
        clash = [x for x in art.mentions if x[0] < me and ms < x[1]]
        if all(k == "short-date" for *_, k in clash):
            art.mentions = [x for x in art.mentions if x not in clash]
            art.mentions.append((ms, me, pid, "short"))


def gender_of(art: Article, pid: str) -> str:
    """Return the gender of a person key: the gazetteer's, else the one the name tells."""
    facts = actor_facts().get(pid)
    if facts is not None:
        return facts["gender"] or ""
    return name_gender(art.ner_names.get(pid, "")) if pid.startswith("ner:") else ""


def person(art: Article, pid: str, how: str) -> Speaker:
    """Return the ``Speaker`` for a person key of the article (a gazetteer id or ``ner:<name>``)."""
    if pid.startswith("ner:"):
        return Speaker(name=art.ner_names.get(pid, pid[4:]), speaker_id=None, speaker_type="person",
                       how="ner" if how in ("name", "short") else f"ner_{how}", key=pid)
    row = actor_facts().get(pid)
    roles = _actors.roles_at(pid, art.date) if art.date is not None else []
    return Speaker(name=row["name"] if row is not None else pid, speaker_id=pid, speaker_type="person",
                   country=row["country"] if row is not None else "", role="|".join(roles), how=how, key=pid)


def resolve_role(art: Article, role: str, country: str) -> str | None:
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


def speaker_in(art: Article, a: int, b: int, *, sent_doc=None, sent_start: int = 0) -> Speaker | None:
    """Return the speaker named between offsets ``a`` and ``b``.

    In order: a person's name (not the complement of a noun: "la patronne d'Altixia Reim"), an
    office of the gazetteer ("le président kazakh"), a designation ("l'astronaute", "un
    cheminot"), a collective or document speaker, a person the entity recogniser found.
    """
    for s, e, pid, kind in art.mentions:
        if s >= a and e <= b and not _is_complement(art.folded, s):
            return person(art, pid, "name" if kind == "full" else "short")
    for s, e, role, country in art.roles:
        if s >= a and e <= b:
            pid = resolve_role(art, role, country)
            if pid is not None:
                sp = person(art, pid, "role")
                sp.role = role
                return sp
            d = designation_at(art, s, b)
            linked = d is not None and d.referent and not d.referent.startswith("unnamed:")
            return designated(art, d) if linked else None  # an office we cannot pin to one person: never guess
    d = designation_at(art, a, b)
    if d is not None and not any(s <= d.start and d.end <= e for s, e, _, _ in art.collectives):
        return designated(art, d)  # (a collective containing it wins: "un porte-parole du Kremlin")
    for s, e, name, kind in art.collectives:
        if s >= a and e <= b:
            shown = name or art.text[s:e]
            return Speaker(name=shown, speaker_id=None, speaker_type=kind, how="collective", key=f"col:{shown}")
    if sent_doc is not None:
        for ent in sent_doc.ents:
            s, e = sent_start + ent.start_char, sent_start + ent.end_char
            if ent.label_ == "PER" and s >= a and e <= b and len(ent.text.split()) >= 2:
                name = art.text[s:e]
                key = f"ner:{_actors.fold(name)}"
                art.ner_names.setdefault(key, name)  # (a pronoun may stand for them later: their name as written)
                return Speaker(name=name, speaker_id=None, speaker_type="person", how="ner", key=key)
    return None


def designated(art: Article, d: Designation) -> Speaker:
    """Return the speaker a designation stands for: a person, or someone the article does not name."""
    if d.referent and not d.referent.startswith("unnamed:"):
        return person(art, d.referent, "role")
    key = d.referent or f"unnamed:{d.start}"
    return Speaker(name=art.unnamed.get(key, art.text[d.start:d.end]), speaker_id=None, speaker_type="unnamed",
                   how="unnamed", key=key)


def pronoun_speaker(art: Article, pos: int, gender: str, para_id: int, *, turn: bool,
                    subject_here: str | None) -> Speaker | None:
    """Return the person a subject pronoun at ``pos`` stands for ("il a souligné", "a-t-elle dit")."""
    def fits(pid):
        g = gender_of(art, pid)
        return not g or not gender or g == gender

    if subject_here and fits(subject_here):
        return person(art, subject_here, "pronoun")
    before = [pid for s, e, pid, _ in art.mentions if e <= pos and fits(pid)]
    if turn:
        # "Pour sa part, il ..." hands the floor to someone other than the last speaker
        last = art.last_speaker[1] if art.last_speaker else None
        others = [p for p in reversed(before) if p != last]
        return person(art, others[0], "pronoun") if others else None
    newcomer = _named_since_last_words(art, pos, fits)
    if newcomer is not None:
        return person(art, newcomer, "pronoun")
    if art.last_speaker and para_id - art.last_speaker[0] <= 2 and fits(art.last_speaker[1]):
        return person(art, art.last_speaker[1], "pronoun")
    if art.last_subject and fits(art.last_subject):
        return person(art, art.last_subject, "pronoun")
    return person(art, before[-1], "pronoun") if before else None


def doc_length(doc) -> int:
    """Return the length of a Doc's text without joining its tokens (``len(doc.text)`` at a fraction of its cost)."""
    return doc[-1].idx + len(doc[-1].text) if len(doc) else 0


def note_topics(art: Article, doc, sent_start: int) -> None:
    """Record the person each sentence of ``doc`` is about: the first person it names outside quotation marks,
    as the subject of its first finite verb (named before it: "Jean-Pierre, lui, continue la danse", "Parmi
    les intervenants, Benoît Ildefonse, directeur ..., estime"). "Wang Yi a félicité Yermek Kosherbayev" is
    about Wang Yi; "Il a tenu ces propos lors de sa rencontre avec M. Tokaïev" about nobody named; a caption
    without a verb about nobody.
    """
    length = doc_length(doc)
    lo = bisect.bisect_left(art.mentions, (sent_start,))
    named = [(s, pid) for s, _, pid, _ in art.mentions[lo:bisect.bisect_left(art.mentions, (sent_start + length,))]]
    if not named:
        return  # (most sentences name nobody)
    text = art.text[sent_start:sent_start + length]
    from spacy.attrs import IDX, POS

    verb, aux = doc.vocab.strings["VERB"], doc.vocab.strings["AUX"]
    finite = [sent_start + idx for i, (pos, idx) in enumerate(doc.to_array([POS, IDX]).tolist())
              if pos in (verb, aux) and "Fin" in doc[i].morph.get("VerbForm")]
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)] + [len(text)]
    for a, b in zip(cuts, cuts[1:]):
        a_off, b_off = sent_start + a, sent_start + b
        first = next(((s, pid) for s, pid in named if a_off <= s < b_off and not _is_complement(art.folded, s)
                      and open_quote_before(art.text[a_off:s]) is None), None)
        verbs = [v for v in finite if a_off <= v < b_off]
        if first is not None and verbs and first[0] < verbs[0]:
            art.topics.append((a_off, first[1]))


def _named_since_last_words(art: Article, pos: int, fits) -> str | None:
    """Return the person the article has turned to since the last speaker's words: the topic of the last
    sentence about someone, in this paragraph or the one before, if it is someone else ("... Lionel Torres,
    directeur de Polytech, ... S'il n'observe pas de baisse, il s'inquiète de ..."; "Jean-Pierre, lui,
    continue la danse. « ... », dit-il")."""
    para = art.text.rfind("\n", 0, art.text.rfind("\n", 0, pos))  # the start of the paragraph before
    last = art.last_speaker[1] if art.last_speaker else None
    topic = next(((s, pid) for s, pid in reversed(art.topics) if s < pos), None)
    if topic is None or topic[0] < max(art.last_said, para + 1) or topic[1] == last or not fits(topic[1]):
        return None
    return topic[1]


def subject_of(v):
    """Return the nominal subject of a verb token (looking through auxiliaries and xcomp)."""
    for head in (v, v.head):
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and c.i != v.i:
                return c
        if head.dep_ not in ("xcomp", "ccomp", "conj"):
            break
    return None


def span_of(tok) -> tuple[int, int]:
    """Return the character span (within its sentence) of a token's subtree."""
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)
