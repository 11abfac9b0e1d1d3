"""Continuations: sentences that go on with the last speaker's words without a cue of their own.

What belongs here: deciding whether a sentence with no cue continues the reported speech before
it, and whose. Two facts of French reporting:

- a quotation standing alone (press: « ... ». « ... », explique X. « ... ») is the words of the
  last person quoted, as long as nobody else has been named since;
- in wire copy, the sentence right after "X a déclaré que ..." in the same paragraph, in the
  present, the future or the conditional, whose subject is a party the speaker speaks for ("Le
  Kazakhstan soutient fermement la Chine ...", "Les deux pays doivent ..."), goes on with X's
  reported speech (free indirect speech); a past tense tells events again.

Such statements have ``kind = continuation`` and a lower ``confidence``, so that analyses can keep
or drop them. What does not belong here: cues inside one sentence (``cues``).
"""
from __future__ import annotations

from dataclasses import dataclass

from .cues import Statement
from .quotes import has_quotes, is_direct, marks, open_quote_before
from .resolve import Article

#: confidence of a continuation: quoted words of the last person quoted, indirect speech going on
CONFIDENCE = {"direct": 0.5, "indirect": 0.4}
#: how many paragraphs back the last person quoted may be for a lone quotation to be theirs
QUOTE_REACH = 3


@dataclass
class LastWords:
    """The last statement of a person in the article, and the last sentence that continued it."""

    statement: Statement
    sentence_id: int
    para_id: int
    end: int  # where the last of its words end in the text
    to_sentence_end: bool  # its content ran to the end of its sentence (it can go on in the next one)


def continuation(art: Article, last: LastWords | None, sent_id: int, para_id: int, start: int, end: int,
                 tagged) -> Statement | None:
    """Return the continuation a sentence with no cue of its own is, or None.

    Args:
        art: the article.
        last: the last person statement so far (``None`` if there is none).
        sent_id, para_id, start, end: the sentence and its offsets in the article.
        tagged: the sentence's tagged spaCy Doc (parts of speech and morphology), or None.
    """
    if last is None:
        return None
    text = art.text[start:end].strip()
    if len(text.split()) < 4 or _names_someone_else(art, last, last.end, end):
        return None
    sp = last.statement.speaker
    if _is_quotation(text):
        if para_id - last.para_id > QUOTE_REACH or open_quote_before(text) is not None:
            return None  # (a quotation running on into the next sentence belongs to the cue that closes it)
        kind = "direct"
    elif (para_id == last.para_id and sent_id == last.sentence_id + 1 and last.to_sentence_end
          and last.statement.kind != "direct" and not has_quotes(text) and tagged is not None
          and _speaks_of_now(tagged) and _party_speaks(art, tagged, start)):
        kind = "indirect"
    else:
        return None
    lead = len(art.text[start:end]) - len(art.text[start:end].lstrip())
    return Statement(art.doc_id, sp, last.statement.cue, "continuation", [(start + lead, end)], sent_id, para_id,
                     CONFIDENCE[kind])


def _is_quotation(text: str) -> bool:
    """Is the sentence a quotation of its own: opening with a quotation mark, mostly quoted words?"""
    found = marks(text)
    return bool(found) and found[0][0] == 0 and found[0][2] in ("open", "both") and is_direct(text)


def _names_someone_else(art: Article, last: LastWords, a: int, b: int) -> bool:
    """Has another person been named between offsets ``a`` and ``b``?"""
    key = last.statement.speaker.key
    return any(a <= s < b and pid != key for s, _, pid, _ in art.mentions)


def _party_speaks(art: Article, doc, start: int) -> bool:
    """Is the subject of the sentence a party the speaker speaks for ("Le Kazakhstan soutient ...", "Les deux
    pays doivent ...", "Nous ...")? Another subject ("Les échanges ont doublé") more often tells facts."""
    verb = next((t for t in doc if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")), None)
    if verb is None:
        return False
    before = doc[:verb.i]
    if any(t.lower_ in ("nous", "je", "j'", "on") for t in before):
        return True
    a, b = start, start + verb.idx
    return any(a <= s and e <= b for s, e, _, kind in art.collectives if kind == "collective")


def _speaks_of_now(doc) -> bool:
    """Is the first finite verb of the sentence in the present, the future or the conditional?

    "Le Kazakhstan soutient fermement ...", "La Chine participera ...", "Les deux parties devraient
    ..." go on with what was said; "M. Xi a ensuite rencontré ...", "Il visita ..." tell events.
    """
    for t in doc:
        if t.pos_ not in ("VERB", "AUX") or "Fin" not in t.morph.get("VerbForm"):
            continue
        if t.pos_ == "AUX" and t.lemma_ in ("avoir", "être") and any(
                "Part" in w.morph.get("VerbForm") for w in doc[t.i + 1:t.i + 4]):
            return False  # a compound past: "a signé", "se sont entretenus"
        return "Cnd" in t.morph.get("Mood") or bool({"Pres", "Fut"} & set(t.morph.get("Tense")))
    return False
