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
from ..config import ACTORS_FILE, COLLECTIVE_SPEAKERS_FILE, ROLE_NOUNS_FILE, ROLES_FILE, SPEECH_VERBS_FILE


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
        >>> int(read_speech_verbs().set_index("lemma").loc["poursuivre", "pre"])
        0
    """
    df = pd.read_csv(path, dtype={"lemma": str, "object": str}, keep_default_na=False, comment="#")
    for col in ("pre", "post"):
        df[col] = df[col].astype(int)
    return df


@functools.lru_cache(maxsize=None)
def verb_flags() -> dict[str, tuple[int, int, str]]:
    """Return ``lemma -> (pre, post, object)`` of the speech verbs."""
    return {r.lemma: (r.pre, r.post, r.object) for r in read_speech_verbs().itertuples()}


_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "a", "ant", "èrent", "era", "eront")


@functools.lru_cache(maxsize=None)
def verb_forms() -> dict[str, str]:
    """Return inflected forms of the first-group speech verbs, for tokens the lemmatizer misses.

    The small model's lemmatizer sometimes returns the form itself ("pointe" for "pointer").
    """
    forms = {}
    for lemma in verb_flags():
        if lemma.endswith("er") and lemma not in ("faire",):
            stem = lemma[:-2]
            for end in _ER_ENDINGS:
                forms.setdefault(stem + end, lemma)
    return forms


def speech_lemma(tok) -> str:
    """Return the lemma of a token, as a speech verb's lemma where the form is one."""
    lemma = tok.lemma_.lower()
    if lemma in verb_flags():
        return lemma
    return verb_forms().get(tok.lower_, lemma)


@functools.lru_cache(maxsize=None)
def role_patterns() -> list[tuple[re.Pattern, str, str]]:
    """Return ``(pattern on folded text, role, country)`` for each role noun."""
    df = pd.read_csv(ROLE_NOUNS_FILE, dtype=str, keep_default_na=False)
    return [(re.compile(rf"\b{p}\b"), r, c) for p, r, c in zip(df.pattern, df.role, df.country)]


@functools.lru_cache(maxsize=None)
def collective_patterns() -> list[tuple[re.Pattern, str, str]]:
    """Return ``(pattern on folded text, display name, speaker type)`` for each collective speaker."""
    df = pd.read_csv(COLLECTIVE_SPEAKERS_FILE, dtype=str, keep_default_na=False, comment="#")
    return [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])"), s, t)
            for p, s, t in zip(df.pattern, df.speaker, df.speaker_type)]


def lexicon_hashes() -> dict[str, str]:
    """Return the hash of every file the statements depend on (for the cache manifest)."""
    files = [SPEECH_VERBS_FILE, ROLE_NOUNS_FILE, COLLECTIVE_SPEAKERS_FILE, ACTORS_FILE, ROLES_FILE]
    return {Path(p).name: hash_file(p) for p in files if Path(p).exists()}
