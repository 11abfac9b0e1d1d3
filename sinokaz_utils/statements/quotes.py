"""Quotation marks: which characters open and close a quotation, and what lies inside one.

What belongs here: facts of quotation marks in French text as printed or as exported — « »,
“ ” and „ (typographic), ‹ › (single guillemets), straight quotes (which both open and close),
and the pairs press-database exports leave behind (``…'' from a LaTeX-like conversion). What
does not: who said the quoted words (``cues``, ``resolve``).
"""
from __future__ import annotations

import re

QUOTE_OPEN = "«“„‹"
QUOTE_CLOSE = "»”‟›"
QUOTE_CHARS = QUOTE_OPEN + QUOTE_CLOSE + '"'
#: a quotation mark: typographic, straight, or the two-character pairs `` and '' of some exports
_MARK = re.compile(r"``|''|[«»“”„‟‹›\"]")


def marks(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, role)`` for each quotation mark in ``text``; role ``open``, ``close`` or ``both``.

    Example:
        >>> marks("« oui », ``non''")
        [(0, 1, 'open'), (6, 7, 'close'), (9, 11, 'open'), (14, 16, 'close')]
    """
    out = []
    for m in _MARK.finditer(text):
        ch = m.group()
        role = "open" if ch in QUOTE_OPEN or ch == "``" else "close" if ch in QUOTE_CLOSE or ch == "''" else "both"
        out.append((m.start(), m.end(), role))
    return out


def without_marks(text: str) -> str:
    """Return ``text`` with its quotation marks replaced by spaces.

    Example:
        >>> without_marks("« oui », ``non''")
        '  oui  ,   non  '
    """
    return _MARK.sub(lambda m: " " * len(m.group()), text)


def is_quote_open(token: str) -> bool:
    """Can this token open a quotation ("«", "“", "``", a straight quote)?"""
    return token[:1] in QUOTE_OPEN or token[:1] == '"' or token.startswith("``")


def is_quote_close(token: str) -> bool:
    """Can this token close a quotation ("»", "”", "''", a straight quote)?"""
    return token[-1:] in QUOTE_CLOSE or token[-1:] == '"' or token.endswith("''")


def has_quotes(text: str) -> bool:
    """Does ``text`` hold any quotation mark?"""
    return bool(_MARK.search(text))


def open_quote_before(segment: str) -> int | None:
    """Return the offset in ``segment`` of a quotation still open at its end, else None.

    Example:
        >>> open_quote_before("Il a dit : « Nous irons")
        11
        >>> open_quote_before("« J'écrirai à “la Terre”. C'est-à-dire")
        0
    """
    opened, straight = [], None  # the opening marks not closed yet, outermost first
    for start, end, role in marks(segment):
        if role == "open":
            # a quotation nests in marks of another kind (« ... “ ... ” »); a mark of the same kind while one
            # is open starts a new quotation: the outlet never closed the one before ("«Un hasard, dit X. «Après")
            same = next((k for k, o in enumerate(opened) if segment[o:o + end - start] == segment[start:end]), None)
            opened = opened[:same] if same is not None else opened
            opened.append(start)
        elif role == "close":
            opened = opened[:-1]
        else:
            straight = None if straight is not None else start
    if opened:
        return opened[0]  # « ... “la Terre”. C'est-à-dire ...: the quotation is the outer one
    return straight


def closing_quote(text: str, start: int, end: int, *, straight: bool) -> int | None:
    """Return the offset just past the mark in ``text[start:end]`` that closes a quotation open at ``start``
    (straight quotes when asked), over the pairs quoted inside it (« ... “la Terre” ... »).

    A quotation some outlets never close ("«Un hasard heureux, souligne X. «Après ...") has no closing mark:
    None.

    Example:
        >>> closing_quote("« Il a parlé de “la Terre”. Bref », dit-il", 1, 40, straight=False)
        34
    """
    depth = 0
    for s, e, role in marks(text[start:end]):
        if (role == "both") != straight:
            continue
        if role == "open":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return start + e
    return None


def final_quotation(text: str) -> int | None:
    """Return where the quotation that closes ``text`` opens (None if ``text`` does not end with one).

    Example:
        >>> final_quotation("Il cite la Cité, « un condensé de tout »")
        17
    """
    found = marks(text.rstrip())
    if not found or found[-1][2] == "open" or found[-1][1] != len(text.rstrip()):
        return None
    depth = 0
    for s, _, role in reversed(found[:-1]):
        if role == "close":
            depth += 1
        elif role == "open" and depth:
            depth -= 1
        elif role in ("open", "both"):
            return s
    return None


def quotation_after_sentence(text: str) -> int | None:
    """Return where the closing quotation of ``text`` opens, if a previous sentence ends right before it.

    "Sonia Fendler gère un groupe de 15 personnes. « En revanche, je fais ... »" (before ", précise
    la patronne"): the words quoted are the cue's content, the sentence before them is narrative.

    Example:
        >>> quotation_after_sentence("Elle gère un groupe. « Je fais partie du conseil »")
        21
    """
    opening = final_quotation(text)
    if not opening:
        return None
    return opening if text[:opening].rstrip()[-1:] in (".", "!", "?", "…", ":") else None


def quoted_share(content: str) -> float:
    """Return the share of ``content``'s characters that lie inside quotation marks.

    Example:
        >>> round(quoted_share("« oui », dit-il"), 2)
        0.33
    """
    inside, depth, plain_open, last = 0, 0, False, 0
    for start, end, role in marks(content):
        if depth or plain_open:
            inside += start - last
        if role == "open":
            depth += 1
        elif role == "close":
            depth = max(0, depth - 1)
        else:
            plain_open = not plain_open
        last = end
    if depth or plain_open:
        inside += len(content) - last
    return inside / max(1, len(content))


def is_direct(content: str) -> bool:
    """Return whether ``content`` is mostly quoted words (``kind = direct``)."""
    return has_quotes(content) and quoted_share(content) > 0.6
