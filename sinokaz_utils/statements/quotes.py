"""Quotation marks: which characters open and close a quotation, and what lies inside one.

What belongs here: facts of quotation marks in French text as printed or as exported (« », “ ”,
straight quotes). What does not: who said the quoted words (``cues``, ``resolve``).
"""
from __future__ import annotations

QUOTE_OPEN = "«“"
QUOTE_CLOSE = "»”"
QUOTE_CHARS = "«»“”\""


def open_quote_before(segment: str) -> int | None:
    """Return the offset in ``segment`` of a quotation still open at its end, else None.

    Example:
        >>> open_quote_before("Il a dit : « Nous irons")
        11
    """
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


def quoted_share(content: str) -> float:
    """Return the share of ``content``'s characters that lie inside quotation marks.

    Example:
        >>> round(quoted_share("« oui », dit-il"), 2)
        0.33
    """
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


def is_direct(content: str) -> bool:
    """Return whether ``content`` is mostly quoted words (``kind = direct``)."""
    return any(q in content for q in QUOTE_CHARS) and quoted_share(content) > 0.6
