"""What tests use to tell that a message a user reads is French: the English words it must not hold,
and counts that agree with their noun (« 1 article analysé », never « 1 articles » or « (s) »).

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


# --------------------------------------------------------------------------- agreement of counts

#: Words ending in « s » that are the same in the singular (« 1 pays », « 0 mois »), or that follow a
#: count without being its noun (« 1 des articles », « 1 sur 2 »).
INVARIABLE = ("pays", "mois", "fois", "discours", "corps", "temps", "poids", "prix", "avis", "cas", "sens", "choix",
              "plus", "moins", "sous", "dans", "vers", "chez", "après", "près", "depuis", "des", "les", "ses", "ces",
              "leurs", "nos", "vos", "aux", "très", "alors", "puis", "jours-ci")
#: The nouns the notebooks count; after one of them, a plural participle or adjective disagrees with 0 or 1.
NOUNS = ("article", "document", "locuteur", "déclaration", "période", "groupe", "terme", "unité", "segment",
         "média", "classe", "thème", "ligne", "fichier", "mot", "occurrence", "copie", "rencontre", "règle",
         "modalité", "association", "cooccurrent", "paire", "graine", "texte", "entrée", "formule", "catégorie")
_LETTER = "a-zàâäçéèêëîïôöùûüœ"
_COUNT = r"(?<![\d,.\u202f\u00a0])\b[01] "
_PLURAL_NOUN = re.compile(_COUNT + rf"(?!(?:{'|'.join(INVARIABLE)})\b)[{_LETTER}]+s\b")
_PLURAL_AFTER = re.compile(_COUNT + rf"(?:{'|'.join(NOUNS)}) (?!(?:{'|'.join(INVARIABLE)})\b)[{_LETTER}]+(?:és|ées|is|ies|us|ues|aux)\b")
#: « Sur 1 article, 0 ont une date » : a plural verb right after 0 or 1.
_PLURAL_VERB = re.compile(_COUNT + r"(?:ont|sont|n[’']ont)\b")
_MAYBE_PLURAL = re.compile(r"\(s\)|\(e?s\)")


def find_disagreements(text: str) -> list[str]:
    """The counts of ``text`` whose noun, participle, adjective or verb does not agree, and any « (s) ».

    French takes the singular for 0 and 1 and the plural from 2 on, and what follows the noun
    agrees with it (« 1 article daté », « 2 articles datés »).

    Example:
        >>> find_disagreements("1 articles, 0 pays, 2 articles ; 1 article analysés ; 0 ont ; 1 groupe(s) ; 0,5 mots")
        ['1 articles', '1 article analysés', '0 ont', '(s)']
    """
    patterns = (_PLURAL_NOUN, _PLURAL_AFTER, _PLURAL_VERB, _MAYBE_PLURAL)
    found = [m.group() for pattern in patterns for m in pattern.finditer(text)]
    return sorted(set(found), key=text.find)
