"""The actor gazetteer: persons, their names and roles with tenures; places; organisations.

What belongs here: reading the curated facts in ``data/actors.csv``, ``data/roles.csv``,
``data/places.csv`` and ``data/organisations.csv``; answering "who held this role on this
date"; finding the names of persons in a text (accent- and case-insensitive). What does not:
deciding who *said* something in an article (``statements`` does that with these answers), or
any fact typed into code — every name, alias and date lives in the CSV files, each row with
its source.

Files:
- ``actors.csv``: ``person_id, name`` (display), ``aliases`` (full-name variants and
  transliterations, ``|``-separated), ``short`` (the forms used after "M."/"Mme" or alone:
  "Xi", "Wang", "Tokaïev"), ``country``, ``gender``, ``description``, ``source``.
- ``roles.csv``: ``person_id, role, country, start, end, source``; dates ISO, ``end`` empty
  while in office, either empty where not verified.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .config import ACTORS_FILE, ORGANISATIONS_FILE, PLACES_FILE, ROLES_FILE

#: Words that, written just before a short name, mark it as a person ("M. Wang", "le président Xi").
HONORIFIC_RE = re.compile(
    r"(?:\bM\.|\bMM\.|\bMme|\bMonsieur|\bMadame|\b[Pp]r[ée]sidente?|\b[Mm]inistre|\bvice-[Pp]r[ée]sident"
    r"|\b[Aa]mbassadeur|\b[Pp]orte-parole|\b[Dd]irigeant|\b[Dd][ée]put[ée]e?|\b[Cc]amarade)\s*$")


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFKD", c)[0] if c else c
    low = base.lower()
    return low if len(low) == 1 else base


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents, with straight apostrophes, same length.

    Keeping the length lets a match in the folded text be cut from the original.

    Example:
        >>> fold("Tokaïev a dit l’essentiel")
        "tokaiev a dit l'essentiel"
    """
    out = "".join(_fold_char(c) for c in text)
    return out.replace("’", "'").replace("‘", "'").replace("ʼ", "'")


def _split(value) -> list[str]:
    return [v.strip() for v in str(value or "").split("|") if v.strip()]


@functools.lru_cache(maxsize=None)
def _read_csv(path: str, mtime: float) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _read(path: Path) -> pd.DataFrame:
    path = Path(path)
    return _read_csv(str(path), path.stat().st_mtime).copy()


def read_actors(path: Path = ACTORS_FILE) -> pd.DataFrame:
    """Return the persons of the gazetteer, one row each, ``aliases`` and ``short`` as lists.

    Every full name (the display name and its aliases) is in ``names``.

    Example:
        >>> actors = read_actors()
        >>> actors.set_index("person_id").loc["tokayev", "country"]
        'KZ'
    """
    df = _read(path)
    df["aliases"] = df.aliases.map(_split)
    df["short"] = df.short.map(_split)
    df["names"] = [[n] + [a for a in al if a != n] for n, al in zip(df.name, df.aliases)]
    return df


def read_roles(path: Path = ROLES_FILE) -> pd.DataFrame:
    """Return the roles table with ``start``/``end`` as datetimes (NaT where empty).

    Example:
        >>> roles = read_roles()
        >>> set(roles[roles.person_id == "wang_yi"].role) >= {"foreign_minister"}
        True
    """
    path = Path(path)
    return _parse_roles(str(path), path.stat().st_mtime).copy()


@functools.lru_cache(maxsize=4)
def _parse_roles(path: str, mtime: float) -> pd.DataFrame:
    df = _read_csv(path, mtime).copy()
    for col in ("start", "end"):
        df[col] = pd.to_datetime(df[col].replace("", None), errors="coerce")
    return df


@functools.lru_cache(maxsize=4)
def _roles_by_person(path: str, mtime: float) -> dict[str, list[tuple[str, pd.Timestamp, pd.Timestamp]]]:
    out: dict[str, list] = {}
    for pid, role, start, end in _parse_roles(path, mtime)[["person_id", "role", "start", "end"]].itertuples(
            index=False):
        out.setdefault(pid, []).append((role, start, end))
    return out


@functools.lru_cache(maxsize=4)
def _tenures_by_office(path: str, mtime: float) -> dict[tuple[str, str], list[tuple[str, pd.Timestamp, pd.Timestamp]]]:
    out: dict[tuple[str, str], list] = {}
    for pid, role, country, start, end in _parse_roles(path, mtime)[
            ["person_id", "role", "country", "start", "end"]].itertuples(index=False):
        out.setdefault((role, country), []).append((pid, start, end))
    return out


def read_places(path: Path = PLACES_FILE) -> pd.DataFrame:
    """Return places with their renamings (``aliases`` as a list).

    Example:
        >>> "Nur-Sultan" in read_places().set_index("place_id").loc["astana", "aliases"]
        True
    """
    return _read_with_aliases(path)


def read_organisations(path: Path = ORGANISATIONS_FILE) -> pd.DataFrame:
    """Return organisations with their French names and acronyms (``aliases`` as a list).

    Example:
        >>> "OCS" in read_organisations().set_index("org_id").loc["sco", "aliases"]
        True
    """
    return _read_with_aliases(path)


def _read_with_aliases(path: Path) -> pd.DataFrame:
    df = _read(path)
    df["aliases"] = df.aliases.map(_split)
    return df


def holders_of(role: str, country: str, date=None, *, roles: pd.DataFrame | None = None) -> list[str]:
    """Return the persons holding ``role`` for ``country`` on ``date`` (all holders if no date).

    A tenure with an unknown start or end is taken as open on that side only when the other
    side is known; a tenure with neither date never answers a dated question.

    Example:
        >>> holders_of("president", "KZ", "2018-06-07")
        ['nazarbayev']
    """
    if roles is None:
        rows = _tenures_by_office(str(ROLES_FILE), Path(ROLES_FILE).stat().st_mtime).get((role, country), [])
    else:
        sel = roles[(roles.role == role) & (roles.country == country)]
        rows = list(zip(sel.person_id, sel.start, sel.end))
    if date is None or pd.isna(date):
        return list(dict.fromkeys(pid for pid, _, _ in rows))
    when = pd.Timestamp(date)
    ok = []
    for pid, start, end in rows:
        if pd.isna(start) and pd.isna(end):
            continue
        if (pd.isna(start) or start <= when) and (pd.isna(end) or when < end):
            ok.append(pid)
    return list(dict.fromkeys(ok))


def resolve_role(role: str, country: str, date, *, roles: pd.DataFrame | None = None) -> str | None:
    """Return the one person holding ``role`` for ``country`` on ``date``, or None.

    Args:
        role: a role code of ``roles.csv`` (``president``, ``premier``, ``foreign_minister``, ...).
        country: ISO code of the office's country (``CN``, ``KZ``).
        date: the article's date (event date, else publication date).

    Example:
        >>> resolve_role("president", "KZ", "2020-09-12")
        'tokayev'
        >>> resolve_role("foreign_minister", "CN", "2023-03-01")
        'qin_gang'
    """
    found = holders_of(role, country, date, roles=roles)
    return found[0] if len(found) == 1 else None


def roles_at(person_id: str, date=None, *, roles: pd.DataFrame | None = None) -> list[str]:
    """Return the role codes ``person_id`` held on ``date`` (every role if no date).

    Example:
        >>> roles_at("wang_qishan", "2022-10-13")
        ['vice_president']
    """
    if roles is None:
        rows = _roles_by_person(str(ROLES_FILE), Path(ROLES_FILE).stat().st_mtime).get(person_id, [])
    else:
        rows = list(roles.loc[roles.person_id == person_id, ["role", "start", "end"]].itertuples(index=False))
    if date is None or pd.isna(date):
        return list(dict.fromkeys(r for r, _, _ in rows))
    when = pd.Timestamp(date)
    return list(dict.fromkeys(
        r for r, s, e in rows
        if not (pd.isna(s) and pd.isna(e)) and (pd.isna(s) or s <= when) and (pd.isna(e) or when < e)))


@dataclass(frozen=True)
class Mention:
    """A name of a gazetteer person found in a text."""

    start: int
    end: int
    text: str
    person_ids: tuple[str, ...]  # several when a short form is shared ("Wang")
    kind: str  # "full" or "short"
    honorific: bool  # a title or "M." just before it


@functools.lru_cache(maxsize=4)
def _name_patterns(path: str, mtime: float):
    actors = read_actors(Path(path))
    full: dict[str, set[str]] = {}
    short: dict[str, set[str]] = {}
    for pid, names, shorts in zip(actors.person_id, actors.names, actors.short):
        for n in names:
            full.setdefault(fold(n), set()).add(pid)
        for s in shorts:
            short.setdefault(fold(s), set()).add(pid)

    def alternation(forms):
        return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))

    # a name ends where a letter or an elided suffix would not follow it ("Xi'an" is a city)
    tail = r"(?![\w'])"
    rx_full = re.compile(rf"(?<![\w-])(?:{alternation(full)}){tail}")
    rx_short = re.compile(rf"(?<![\w-])(?:{alternation(short)}){tail}")
    return rx_full, full, rx_short, short


def find_mentions(text: str, *, path: Path = ACTORS_FILE) -> list[Mention]:
    """Return the gazetteer persons named in ``text``, in text order.

    Matching ignores accents and case for full names; a short form must start with a capital
    letter in the text (so "li" or "wang" inside words never count) and does not overlap a full
    name.

    Example:
        >>> [m.person_ids for m in find_mentions("M. Tokayev et Xi Jinping")]
        [('tokayev',), ('xi_jinping',)]
    """
    rx_full, full, rx_short, short = _name_patterns(str(path), Path(path).stat().st_mtime)
    folded = fold(text)
    found: list[Mention] = []
    taken = [False] * len(text)
    for m in rx_full.finditer(folded):
        s, e = m.span()
        found.append(Mention(s, e, text[s:e], tuple(sorted(full[m.group()])), "full",
                             bool(HONORIFIC_RE.search(text[max(0, s - 30):s]))))
        taken[s:e] = [True] * (e - s)
    for m in rx_short.finditer(folded):
        s, e = m.span()
        if any(taken[s:e]) or not text[s].isupper():
            continue
        found.append(Mention(s, e, text[s:e], tuple(sorted(short[m.group()])), "short",
                             bool(HONORIFIC_RE.search(text[max(0, s - 30):s]))))
    return sorted(found, key=lambda m: m.start)
