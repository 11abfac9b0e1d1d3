"""What tests use to tell that a message a user reads is French: the English words it must not hold.

The words are those of the English messages the package printed before they were French (skip
reasons, metadata problems, the CLI's and ``sinokaz run``'s lines, argparse's own help), so
that a message written in English again, or left untranslated, is caught. Paths and document
ids are not messages: callers pass the message part of a line only.
"""
from __future__ import annotations

import re

#: English words of the package's former messages and of argparse's help; none is a French word.
ENGLISH = re.compile(
    r"\b(?:skipped|warning|error|failed|running|done|interrupted|unsupported|hidden|files?|folders?|"
    r"symbolic|links?|pointing|outside|followed|regular|named pipe|device|binary|empty|whitespace|"
    r"undecodable|invalid|ignored|rows?|lines?|unknown|already|used by|found|cleaning|content|"
    r"unreadable|corrupt|encrypted|without|layer|needs|expected|not|the|of|and|with|from|"
    r"metadata|usage|positional|show|this|help|exit|default|write|where|cached|"
    r"process|afresh|notebooks? named|choose|required|allowed|unrecognized)\b",
    re.IGNORECASE)


def english_words(message: str) -> list[str]:
    """The English words of ``message`` (empty for a French message).

    Example:
        >>> english_words("fichier vide"), english_words("empty file")
        ([], ['empty', 'file'])
    """
    return ENGLISH.findall(message)
