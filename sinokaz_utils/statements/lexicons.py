"""The statements lexicons: French reporting verbs, role nouns, collective and document speakers.

What belongs here: reading ``data/lexicons/speech_verbs.csv``, ``role_nouns.csv`` and
``collective_speakers.csv`` (paths in ``config``) and answering "is this token a reporting verb,
and in which positions may it cue speech". What does not: the cue rules themselves (``cues``),
who the speaker is (``resolve``).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from ..cache import hash_file
from ..config import (ACTORS_FILE, COLLECTIVE_SPEAKERS_FILE, PERSON_GENDER_FILE, ROLE_NOUNS_FILE, ROLES_FILE,
                      SPEECH_VERBS_FILE)


@functools.lru_cache(maxsize=None)
def read_speech_verbs(path: Path = SPEECH_VERBS_FILE) -> pd.DataFrame:
    """Return the reporting verbs: ``lemma`` (with "se" for a pronominal one), ``class``, the flags
    ``pre`` and ``post`` (0/1), ``object`` and ``pronominal``.

    ``pre``: the verb may introduce content after it ("a rappelé que ..."); ``post``: it may
    follow its content in an incise ("..., a déclaré M. Wang", "..., résume X"). Without "que", a
    colon or a quotation mark, content may follow the verb only in the frame named by ``object``:
    ``inf`` (an infinitive: "a déclaré apprécier l'aide"), ``np`` (a noun phrase: "a réitéré
    l'adhésion"), or a preposition (``à``: "a exhorté la CICA à rechercher"; ``de``: "a proposé
    aux deux pays de renforcer"); empty for none. ``pronominal`` is ``se`` where only the
    pronominal use cues speech ("se félicite"). The file says where each fact comes from.

    Example:
        >>> int(read_speech_verbs().set_index("lemma").loc["poursuivre", "pre"])
        0
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    for col in ("pre", "post"):
        df[col] = df[col].astype(int)
    return df


def _verb_of(lemma: str) -> str:
    """The verb of a lexicon lemma: "se féliciter" -> "féliciter", "s'inquiéter" -> "inquiéter", "faire
    valoir" -> "faire" (the infinitive after it says which reporting verb the pair is)."""
    return re.sub(r"^(se |s')", "", lemma).split()[0]


@functools.lru_cache(maxsize=None)
def verb_entries() -> dict[str, dict[str, tuple[int, int, str, str]]]:
    """Return ``verb -> {pronominal: (pre, post, object, cue label)}`` (pronominal ``""`` or ``"se"``)."""
    out: dict[str, dict] = {}
    for r in read_speech_verbs().itertuples():
        out.setdefault(_verb_of(r.lemma), {}).setdefault(r.pronominal, (r.pre, r.post, r.object, r.lemma))
    return out


@functools.lru_cache(maxsize=None)
def causative_infinitives() -> dict[str, str]:
    """Return ``infinitive -> cue label`` of the lexicon's "faire X" pairs ("valoir" -> "faire valoir").

    "faire" reports speech only with one of these infinitives right after it ("a fait savoir que",
    "fait-il valoir", "fait remarquer X").

    Example:
        >>> causative_infinitives()["valoir"]
        'faire valoir'
    """
    return {r.lemma.split()[1]: r.lemma for r in read_speech_verbs().itertuples() if r.lemma.startswith("faire ")}


def verb_flags() -> dict[str, tuple[int, int, str]]:
    """Return ``verb -> (pre, post, object)`` of the non-pronominal use of each verb (else its pronominal one)."""
    return {v: (e.get("") or e["se"])[:3] for v, e in verb_entries().items()}


#: endings of the first conjugation, every tense and person (infinitive stem + ending)
_ER_PLAIN = ("er", "ant", "é", "ée", "és", "ées", "ons", "ez", "ais", "ait", "ions", "iez", "aient", "ai", "as", "a",
             "âmes", "âtes", "èrent", "asse", "asses", "ât", "assions", "assiez", "assent")
#: endings with a silent e after the stem ("il lève", "il répète"; future and conditional "lèvera")
_ER_MUTE = ("e", "es", "ent", "erai", "eras", "era", "erons", "erez", "eront", "erais", "erait", "erions", "eriez",
            "eraient")


def _er_forms(lemma: str) -> set[str]:
    """Return every form of a first-conjugation verb, with the spelling changes of its stem.

    Example:
        >>> {"lança", "lancent", "lancèrent"} <= _er_forms("lancer"), "répète" in _er_forms("répéter")
        (True, True)
    """
    stem = lemma[:-2]
    forms = set()
    for end in _ER_PLAIN + _ER_MUTE:
        s = stem
        if end[0] in "aâo":
            s = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
        forms.add(s + end)
    m = re.match(r"^(.*)([eé])([^aeiouyéèêâîôû]+)$", stem)
    if m:  # "lever -> lève", "répéter -> répète", "appeler -> appelle / appèle", "marteler -> martèle"
        head, _, cons = m.groups()
        for changed in {head + "è" + cons, head + "e" + cons + cons[-1]}:
            forms.update(changed + end for end in _ER_MUTE)
    if stem.endswith("y"):  # "employer -> emploie"
        forms.update(stem[:-1] + "i" + end for end in _ER_MUTE)
    return forms


@functools.lru_cache(maxsize=None)
def verb_forms() -> dict[str, str]:
    """Return ``inflected form -> verb`` for every lexicon verb, in every tense and person.

    First-conjugation verbs are conjugated by rule (``_er_forms``); every other verb takes its
    forms from the model's own table of verb forms (the lemmatizer's exceptions), which lists
    the irregular and second- and third-conjugation paradigms. The tagger sometimes takes a
    postposed verb for a noun ("..., chiffre Jules Grandsire") and the lemmatizer then returns
    the form itself: the form still names the verb.
    """
    from ..nlp import processing_nlp

    verbs = set(verb_entries())
    forms: dict[str, str] = {}
    exc = processing_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]
    for form, lemmas in exc.items():
        for lemma in lemmas:
            if lemma in verbs:
                forms.setdefault(form, lemma)
    for verb in verbs:
        if verb.endswith("er") and verb != "faire":
            for form in _er_forms(verb):
                forms.setdefault(form, verb)
        forms.setdefault(verb, verb)
    return forms


def speech_lemma(tok) -> str:
    """Return the lemma of a token, as a lexicon verb where its form is one of that verb's forms."""
    lemma = tok.lemma_.lower()
    if lemma in verb_entries():
        return lemma
    return verb_forms().get(tok.lower_, lemma)


_REFLEXIVE = {"se", "s'", "me", "m'", "te", "t'"}
_BEFORE_REFLEXIVE = {"est", "sont", "était", "étaient", "sera", "serait", "soit", "ne", "n'", "en", "y"}


def verb_entry(doc, i: int) -> tuple[int, int, str, str] | None:
    """Return ``(pre, post, object, cue label)`` of the reporting verb at token ``i``, or None.

    The pronominal entry applies when a reflexive pronoun precedes the verb ("se félicite",
    "s'est félicité", "se désole-t-il"); a verb listed only as pronominal cues nothing without one.
    """
    entries = verb_entries().get(speech_lemma(doc[i]))
    if not entries:
        return None
    j = i - 1
    while j >= 0 and doc[j].lower_ in _BEFORE_REFLEXIVE:
        j -= 1
    reflexive = j >= 0 and doc[j].lower_ in _REFLEXIVE
    return entries.get("se") if reflexive and "se" in entries else entries.get("")


def _role_nouns() -> pd.DataFrame:
    df = pd.read_csv(ROLE_NOUNS_FILE, dtype=str, keep_default_na=False)
    if "kind" not in df:
        df["kind"] = "office"
    return df


@functools.lru_cache(maxsize=None)
def role_patterns() -> list[tuple[re.Pattern, str, str]]:
    """Return ``(pattern on folded text, role, country)`` for each office of ``role_nouns.csv``
    ("le président kazakh": the holder on the article's date, from ``data/roles.csv``)."""
    df = _role_nouns()
    df = df[df.kind == "office"]
    return [(re.compile(rf"\b{p}\b"), r, c) for p, r, c in zip(df.pattern, df.role, df.country)]


#: what may stand before a designation: a determiner of one person, "l'une des", and one adjective
_DESIGNATION_HEAD = (r"(?<![\w-])(?P<det>l'une? des |l'|le |la |un |une |ce |cet |cette |son |sa |leur |notre |votre |"
                     r"du |au |(?<=\best )|(?<=\betait ))(?P<adj>(?:jeune|nouvelle?|nouvel|ancienne?|vieille?|vieil|premiere?|seule?|autre|"
                     r"propre|future?|haute?|celebre|actuelle?) )?")


@functools.lru_cache(maxsize=None)
def designation_patterns() -> list[tuple[re.Pattern, list[str]]]:
    """Return ``[(pattern on folded text, groups)]`` for the designations of ``role_nouns.csv`` (the
    match's group ``d<i>`` says which row: ``groups[i]``).

    A designation is a common noun naming one person ("l'astronaute", "la patronne
    d'Altixia", "un cheminot", "la Britannique"); nouns of one group are near-synonyms (a
    designation refers back to an earlier one of its group). An empty group: the noun itself.
    """
    df = _role_nouns()
    df = df[df.kind == "designation"]
    # one expression for all (one pass over the text): the group of the noun's alternative names its row
    nouns = "|".join(f"(?P<d{i}>{p})" for i, p in enumerate(df.pattern))
    return [(re.compile(_DESIGNATION_HEAD + rf"(?P<noun>{nouns})(?![\w-])"), list(df.group))]


@functools.lru_cache(maxsize=None)
def collective_patterns() -> list[tuple[re.Pattern, str, str]]:
    """Return ``(pattern on folded text, display name, speaker type)`` for each collective speaker."""
    df = pd.read_csv(COLLECTIVE_SPEAKERS_FILE, dtype=str, keep_default_na=False, comment="#")
    return [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])"), s, t)
            for p, s, t in zip(df.pattern, df.speaker, df.speaker_type)]


@functools.lru_cache(maxsize=None)
def _designation_noun() -> re.Pattern:
    df = _role_nouns()
    return re.compile("|".join(f"(?:{p})" for p in df[df.kind == "designation"].pattern))


def is_designation_noun(word: str) -> bool:
    """Is ``word`` (as written) a noun that names a person ("cheminot", "Britannique", "directrice")?

    Example:
        >>> is_designation_noun("Spationaute"), is_designation_noun("relations")
        (True, False)
    """
    from ..actors import fold

    return bool(_designation_noun().fullmatch(fold(word)))


@functools.lru_cache(maxsize=None)
def _gender_patterns() -> list[tuple[re.Pattern, str, str]]:
    df = pd.read_csv(PERSON_GENDER_FILE, dtype=str, keep_default_na=False)
    return [(re.compile(rf"(?:{p})"), part, g) for p, part, g in zip(df.pattern, df.part, df.gender)]


def name_gender(name: str) -> str:
    """Return ``"f"``, ``"m"`` or ``""``: the gender a person's name tells (its first name, else its surname).

    Example:
        >>> name_gender("Aïgerim Sadykova"), name_gender("Dimitri Prikhodko"), name_gender("Zhang Xiao")
        ('f', 'm', '')
    """
    from ..actors import fold

    words = fold(name).split()
    if not words:
        return ""
    for part, word in (("first", words[0]), ("last", words[-1])):
        for rx, p, gender in _gender_patterns():
            if p == part and (len(words) > 1 or part == "first") and rx.fullmatch(word):
                return gender
    return ""


def lexicon_hashes() -> dict[str, str]:
    """Return the hash of every file the statements depend on (for the cache manifest)."""
    files = [SPEECH_VERBS_FILE, ROLE_NOUNS_FILE, COLLECTIVE_SPEAKERS_FILE, PERSON_GENDER_FILE, ACTORS_FILE, ROLES_FILE]
    return {Path(p).name: hash_file(p) for p in files if Path(p).exists()}
