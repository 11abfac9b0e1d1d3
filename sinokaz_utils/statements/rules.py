"""The cue rules: for each kind of cue, what was said and who said it, in one parsed sentence.

What belongs here: one short function per kind of cue (see ``cues``), each returning the speaker
and the pieces of the sentence that are the said part — never the cue or the speaker's name;
where French writes the speaker of a cue (an inverted pronoun, the subject after or before the
verb, a relative "qui"); "selon X" and colon introductions, which have no verb. What does not:
finding the cues (``cues``), who a name or a designation stands for (``resolve``), what happens
across sentences (``pipeline``: quotations running on, continuations, merges).
"""
from __future__ import annotations

import functools
import re

from .. import actors as _actors
from ..dates import MONTHS

from .cues import (CONFIDENCE, CUE_FILLERS, _OBJECT_CLITICS, Cue, Sentence, Statement, content_start_after, find_cues,
                   split_inverted)
from .quotes import (final_quotation, is_direct, is_quote_close, is_quote_open, marks, open_quote_before,
                     quotation_after_sentence)
from .resolve import PRONOUNS, Article, Speaker, designated, person, pronoun_speaker, span_of, speaker_in, subject_of


# ---------------------------------------------------------------- where the speaker is written
def speaker_after(sent: Sentence, v_i: int) -> Speaker | None:
    """Return the speaker of a postposed cue: an inverted pronoun, or the subject after the verb."""
    doc, n = sent.doc, len(sent.doc)
    inverted = _inverted_pronoun(sent, v_i)
    if inverted is not None:
        return inverted
    subj = subject_of(doc[v_i])
    # the subject follows the verb: up to the next comma or the end
    k = v_i + 1
    while k < n and doc[k].text not in (",", ".", ";", ":", "(") and not is_quote_open(doc[k].text) and k - v_i <= 14:
        k += 1
    sp = sent.speaker_in(sent.off(v_i + 1), sent.end_off(k - 1) if k - 1 > v_i else sent.off(v_i + 1))
    if sp is None and subj is not None and subj.i > v_i:
        a, b = span_of(subj)
        sp = sent.speaker_in(sent.start + a, sent.start + b)
    if sp is None and k < n and doc[k].text == "," and k - v_i <= 6:
        # "a déclaré le président kazakh, Noursoultan Nazarbaïev, après ...", and over a circumstance put
        # between the verb and its subject: "rappelle, dans un entretien à l'AFP, Thomas Pesquet"
        for _ in range(2):
            k2 = k + 1
            while k2 < n and doc[k2].text not in (",", ".", ";") and k2 - k <= 10:
                k2 += 1
            if not _is_circumstance(doc[k + 1:k2]):
                sp = sent.speaker_in(sent.off(k + 1), sent.end_off(min(k2, k + 7) - 1))
                break
            if k2 >= n or doc[k2].text != ",":
                break
            k = k2
    return sp


def _is_circumstance(segment) -> bool:
    """Does a segment between commas open with a preposition or an adverb ("lors des échanges avec les
    médias", "dans un entretien à l'AFP", "jeudi")? It tells when or where, never who."""
    return len(segment) > 0 and (segment[0].pos_ in ("ADP", "ADV") or segment[0].lower_ in CUE_FILLERS - {
        "l'", "le", "sa", "son", "lui", "elle", "comme"})


def speaker_before(sent: Sentence, v_i: int, *, relative: bool = False) -> Speaker | None:
    """Return the speaker of a preposed cue: the parser's subject, else the words since the last comma.

    With ``relative``, a relative "qui" subject stands for its antecedent ("X, qui lance un appel
    : « ... »"); only for words introduced by "que", a colon or a quotation mark: "X, qui a
    remercié Y pour son soutien" describes X, it reports no words.
    """
    doc = sent.doc
    inverted = _inverted_pronoun(sent, v_i)
    if inverted is not None:
        return inverted
    subj = subject_of(doc[v_i])
    rel = _relative_subject(doc, v_i)
    if rel is not None:
        return relative_antecedent(sent, rel) if relative else None
    if subj is not None and subj.i < v_i:
        if subj.lower_ in PRONOUNS:
            # "M. Xi ... et il a souligné": the subject of this sentence, when named before the pronoun
            here = sent.subject if sent.subject and any(
                sent.start <= s < sent.off(subj.i) for s, _, p, _ in sent.art.mentions if p == sent.subject) else None
            return sent.pronoun(subj.i, subject_here=here)
        a, b = span_of(subj)
        sp = sent.speaker_in(sent.start + a, sent.start + b)
        if sp is not None:
            return sp
    k = v_i - 1
    while k >= 0 and doc[k].text != ",":
        k -= 1
    sp = sent.speaker_in(sent.off(k + 1) if k >= 0 else sent.start, sent.off(v_i))
    if sp is not None:
        return sp
    pron = [t for t in doc[k + 1:v_i] if t.lower_ in ("il", "elle")]
    if pron:
        return sent.pronoun(pron[0].i)
    # a subject the parser missed, before its appositions: "Parmi les intervenants, Benoît Ildefonse, directeur de
    # recherche du laboratoire Géosciences du CNRS, à Montpellier, estime que ..." (back to the clause's start: a
    # finite verb, a relative or a completive, "X, dont le gouvernement a annoncé")
    k = v_i - 1
    while k >= 0 and doc[k].lower_ in _OBJECT_CLITICS | {"a", "ont", "avait", "avaient", "aurait", "est"}:
        k -= 1
    while k >= 0 and doc[k].text not in (";", ":") and not is_quote_open(doc[k].text) and not (
            doc[k].pos_ in ("VERB", "AUX") and "Fin" in doc[k].morph.get("VerbForm")) and doc[k].lower_ not in (
            "qui", "dont", "que", "qu'", "où"):
        k -= 1
    sp = sent.speaker_in(sent.off(k + 1) if k >= 0 else sent.start, sent.off(v_i))
    return sp if sp is not None and sp.speaker_type == "person" else None


def _relative_subject(doc, v_i: int) -> int | None:
    """Return the token of a relative "qui" that is the verb's subject ("X, qui lance un appel :", "Qui souligne :")."""
    k = v_i - 1
    while k >= 0 and doc[k].lower_ in _OBJECT_CLITICS | {"a", "ont", "avait", "est", "aussi", "également", "alors"}:
        k -= 1
    return k if k >= 0 and doc[k].lower_ == "qui" else None


def relative_antecedent(sent: Sentence, q: int) -> Speaker | None:
    """Return who a relative "qui" at token ``q`` stands for: the name or designation just before it; at
    the start of a sentence ("Qui souligne : ..."), the person the article was speaking of."""
    if q == 0:
        return pronoun_speaker(sent.art, sent.off(0), "", sent.para_id, turn=False, subject_here=None)
    k = q - 1
    while k > 0 and sent.doc[k].text in (",", ")"):
        k -= 1
    a = sent.start
    before = [m for m in sent.art.mentions if a <= m[0] and m[1] <= sent.end_off(k)]
    if before and sent.end_off(k) - before[-1][1] <= 25:
        return person(sent.art, before[-1][2], "name")
    # a designation right before it: "Ce catholique de 61 ans, qui affirme ..."
    d = next((d for d in reversed(sent.art.designations) if a <= d.start and d.end <= sent.end_off(k)), None)
    return designated(sent.art, d) if d is not None and sent.end_off(k) - d.end <= 3 else None


def _inverted_pronoun(sent: Sentence, v_i: int) -> Speaker | None:
    """"a-t-il expliqué", "estime-t-il": the person the inverted pronoun stands for."""
    for k in (v_i - 1, v_i + 1, v_i + 2):
        if 0 <= k < len(sent.doc) and sent.doc[k].lower_ in ("-il", "-elle"):
            return sent.pronoun(k)
    k = split_inverted(sent.doc, v_i + 1)
    return sent.pronoun(k) if k is not None and sent.doc[k].lower_ in ("il", "elle") else None


# ---------------------------------------------------------------- one rule per kind of cue
#: what a rule finds: (speaker, pieces of the said part, whether the content opens the sentence), and
#: optionally where a quotation the incise broke resumes
Found = tuple


def _to_next_cue(cues: list[Cue], idx: int, c: int, n: int) -> int:
    """Return the token where content starting at ``c`` stops: the next cue's own words, or the end."""
    return next((cues[k].first for k in range(idx + 1, len(cues)) if cues[k].first > c), n)


def _pieces_to(sent: Sentence, c: int, stop: int) -> list[tuple[int, int]]:
    """Return the content from token ``c`` to ``stop``: up to a new quoted sentence the splitter left in
    ("... en tant que présidente. « Je pense ... »" is not what "propose" introduced)."""
    doc = sent.doc
    if not is_quote_open(doc[c].text):
        stop = next((k for k in range(c + 1, stop - 1) if doc[k].text in (".", "!", "?") and
                     is_quote_open(doc[k + 1].text)), stop - 1) + 1
    if stop < len(doc) and doc[stop - 1].text == ",":
        stop -= 1
    return [(sent.off(c), sent.end_off(stop - 1) if stop - 1 >= c else sent.off(c))]


def postposed(sent: Sentence, cues: list[Cue], idx: int, found: list[Statement]) -> Found | None:
    """ "CONTENT, a déclaré M. Wang." and "Comme l'a déclaré Sklyar, CONTENT." """
    doc, n, cue = sent.doc, len(sent.doc), cues[idx]
    v_i = cue.i
    if doc[0].lower_ == "comme":
        k = v_i + 1
        while k < n and doc[k].text != ",":
            k += 1
        if k >= n - 1:
            return None
        return speaker_after(sent, v_i), [(sent.off(k + 1), sent.end)], True
    sp = speaker_after(sent, v_i)
    j = cue.first - 1  # the comma / closing quote before the cue
    if j < 0:
        return None
    if j == 0 and doc[0].text == "," and sent.before is not None:
        # "Il faut surtout des qualités humaines !" | ", corrige Jules Grandsire.": the splitter cut after the "!"
        return sp, [sent.before], True
    end_tok = j if doc[j].text == "," else j + 1
    subj = subject_of(doc[v_i])
    if sp is None and subj is not None and subj.i < v_i and cue.pre and _clause_ends_after(doc, v_i):
        # "CONTENT, Zhang Hong, chercheur associé à ..., a déclaré mercredi" (not "..., ont développé des
        # relations": an incise verb ends its clause; and verbs that only ever follow their content are
        # always inverted, "..., résume X")
        sp, end_tok = _speaker_between_content_and_verb(sent, subj)
        if sp is None or end_tok is None:
            return None
    if end_tok <= 0:
        return None
    pieces = [(sent.off(0), sent.end_off(end_tok - 1))]
    opening = quotation_after_sentence(sent.art.text[pieces[0][0]:pieces[0][1]]) or _quotation_after_clause(
        sent, *pieces[0])
    if opening is not None:  # "Elle gère un groupe. « Je fais partie ... », précise la patronne"
        pieces = [(pieces[0][0] + opening, pieces[0][1])]
    rest = _after_incise(doc, v_i)
    said = sent.art.text[sent.start:pieces[0][1]]
    if open_quote_before(said) is not None and not is_quote_close(said.rstrip()[-1:] or " "):
        # (a mark right before the incise closes the quotation: '... depuis un mois", explique-t-elle')
        # "« Cela faisait partie ..., détaille X. L'une d'elles ... »": the quotation goes on after the incise
        return sp, pieces, True, (sent.off(rest) if rest < n else sent.end)
    if end_tok <= 6 and rest < n - 2:
        # an incise ("D'ici à 2015, a indiqué M. Hu, les deux pays ...") continues after the subject
        pieces.append((sent.off(rest), sent.end))
    else:
        # "« entre 45 et 60 ans », confie X, et « cherchent ... »", "..., avance l'astronaute qui rappelle la
        # difficulté d'aller dans l'espace, « une série de petits miracles »"
        # (within the incise's sentence: a quotation after its full stop is a continuation)
        stop = next((k for k in range(v_i + 1, n) if doc[k].text in (".", "!", "?", "…")), n)
        pieces += _quote_spans(sent, rest if rest < n else v_i + 1, stop)
    return sp, pieces, True


_RELATIVES = ("qui", "dont", "où", "lequel", "laquelle")


def _quotation_after_clause(sent: Sentence, a: int, b: int) -> int | None:
    """ "Sophie Adenot a profité de son passage pour se rendre à la Cité de l'espace, « un condensé de ... »,
    résume X": words quoted after a clause of the journalist's (it has a finite verb) are the cue's content,
    not the clause ("Toutefois, « c'est plus difficile », nuance-t-il" keeps its adverb)."""
    opening = final_quotation(sent.art.text[a:b])
    if not opening:
        return None
    finite = any(a <= sent.off(t.i) < a + opening and t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
                 for t in sent.doc)
    return opening if finite else None


def _after_incise(doc, v_i: int) -> int:
    """Return the token where the sentence resumes after an incise (its verb, subject and appositions)."""
    n = len(doc)
    k = v_i + 1
    while k < n and doc[k].text != "," and not doc[k].text in (".", ";"):
        k += 1
    if any(t.lower_ in _RELATIVES for t in doc[v_i + 1:k]):
        return n  # "termine Sarah qui, après 6 mois aux Émirats, envisage de ...": the relative clause runs on
    while k < n and doc[k].text == ",":
        nxt = k + 1
        while nxt < n and doc[nxt].text not in (",", ".", ";"):
            nxt += 1
        segment = doc[k + 1:nxt]
        # (a relative clause belongs to the apposition: "Jean-Yves le Gall, l'homme aux centaines de satellites
        # lancés qui a entraîné les élus ...")
        rel = next((t.i for t in segment if t.lower_ in _RELATIVES), nxt)
        if any(t.pos_ == "AUX" or t.pos_ == "VERB" and "Part" not in t.morph.get("VerbForm") for t in doc[k + 1:rel]) \
                or any(is_quote_open(t.text) for t in segment):
            return k + 1
        k = nxt  # an apposition ("l'une des responsables du terminal", "38 ans"): still the incise
    return n


def _quote_spans(sent: Sentence, a: int, b: int) -> list[tuple[int, int]]:
    """Return the quotations between tokens ``a`` and ``b`` (to the end of the sentence when left open)."""
    lo, hi = sent.off(a), (sent.end_off(b - 1) if b > a else sent.off(a))
    out, opened = [], None
    for s, e, role in marks(sent.art.text[lo:hi]):
        if opened is None and role in ("open", "both"):
            opened = lo + s
        elif opened is not None and role in ("close", "both"):
            out.append((opened, lo + e))
            opened = None
    if opened is not None:
        out.append((opened, hi))
    return out


def _clause_ends_after(doc, v_i: int) -> bool:
    """Does the verb at ``v_i`` end its clause (punctuation, the end, or a circumstance: "a déclaré à la presse")?"""
    k = v_i + 1
    while k < len(doc) and doc[k].lower_ in CUE_FILLERS:
        k += 1
    return k >= len(doc) or doc[k].is_punct or doc[k].pos_ == "ADP" or doc[k].lower_ in ("lors", "devant")


def _speaker_between_content_and_verb(sent: Sentence, subj) -> tuple[Speaker | None, int | None]:
    """Return the subject named before a postposed verb and the token where the content before it ends."""
    a, b = span_of(subj)
    sp = sent.speaker_in(sent.start + a, sent.start + b)
    if sp is None:
        return None, None
    # the content ends at the comma before the speaker's name
    m_at = min((ms for ms, me, key, _ in sent.art.mentions if key == sp.key
                and sent.start + a <= ms < sent.start + b), default=sent.start + a)
    name_tok = next((t.i for t in sent.doc if sent.start + t.idx >= m_at), 0)
    commas = [k for k in range(1, name_tok) if sent.doc[k].text == ","]
    if name_tok < 2 or not commas:
        return sp, None  # "Nurmukhammed, qui parle le chinois, a confié ...": no content before
    return sp, commas[-1]


def narrative_infinitive(sent: Sentence, cues: list[Cue], idx: int, found: list[Statement]) -> Found | None:
    """ "Et de rappeler que CONTENT": the speaker is the one the article was speaking of."""
    c = content_start_after(sent.doc, cues[idx].i)
    sp = pronoun_speaker(sent.art, sent.off(0), "", sent.para_id, turn=sent.turn, subject_here=None)
    return sp, ([(sent.off(c), sent.end)] if c is not None and c < len(sent.doc) else []), False


def comme_incise(sent: Sentence, cues: list[Cue], idx: int, found: list[Statement]) -> Found | None:
    """ "La Chine, comme l'a dit M. Xi, est prête ..." and "..., comme le mentionne X : « ... »" """
    doc, n, cue = sent.doc, len(sent.doc), cues[idx]
    k = cue.i + 1
    while k < n and doc[k].text not in (",", ":", ".", ";") and k - cue.i <= 15:
        k += 1
    if k >= n - 1 or doc[k].text not in (",", ":"):
        return None
    sp = speaker_after(sent, cue.i)
    if sp is None:
        sp = sent.speaker_in(sent.off(cue.i + 1), sent.end_off(k - 1))
    pieces = [(sent.off(k + 1), sent.end)]
    if doc[k].text == "," and cue.first >= 4 and doc[cue.first - 1].text == ",":
        # "CONTENT, comme l'a rappelé X[, apposition][, CONTENT]": what follows the speaker is content only
        # where the sentence resumes after the incise
        rest = _after_incise(doc, cue.i)
        pieces = [(sent.start, sent.end_off(cue.first - 2))] + ([(sent.off(rest), sent.end)] if rest < n else [])
    return sp, pieces, False


def preposed(sent: Sentence, cues: list[Cue], idx: int, found: list[Statement]) -> Found | None:
    """ "M. Xi a souligné que CONTENT", "a déclaré : « CONTENT »", "a déclaré apprécier ..." """
    c = content_start_after(sent.doc, cues[idx].i)
    n = len(sent.doc)
    if c is None or c >= n:
        return None
    # content runs to the next cue in the sentence, or to the end; a relative "qui" stands for the speaker of
    # words ("que", a colon, a quotation) or of an infinitive ("X, qui affirme avoir la même montre"), not of an
    # object ("X, qui a remercié Y")
    d = sent.doc
    strict = content_start_after(d, cues[idx].i, frame="", allow_object=False) is not None or (
        d[c].pos_ in ("VERB", "AUX") and "Inf" in d[c].morph.get("VerbForm"))
    stop = _to_next_cue(cues, idx, c, n)
    if _relative_subject(d, cues[idx].i) is not None:
        stop = min(stop, _end_of_relative(d, c))
    return speaker_before(sent, cues[idx].i, relative=strict), _pieces_to(sent, c, stop), False


def _end_of_relative(doc, c: int) -> int:
    """Return where the words a relative clause reports end: at a comma before a finite verb, the main clause's
    ("Ce catholique, qui affirme avoir la même montre depuis 17 ans, s'affiche comme ...")."""
    for k in range(c + 1, len(doc) - 1):
        if doc[k].text != ",":
            continue
        j = k + 1
        while j < len(doc) and doc[j].lower_ in _OBJECT_CLITICS:
            j += 1
        if j < len(doc) and doc[j].pos_ in ("VERB", "AUX") and "Fin" in doc[j].morph.get("VerbForm"):
            return k
    return len(doc)


def participle(sent: Sentence, cues: list[Cue], idx: int, found: list[Statement]) -> Found | None:
    """ "..., ajoutant que CONTENT" and "Notant que CONTENT, il a annoncé ..." """
    doc, n, cue = sent.doc, len(sent.doc), cues[idx]
    # only with "que" or a colon: "évoquant la coopération élargie" reports no words
    c = content_start_after(doc, cue.i, allow_object=False)
    if c is None or c >= n:
        return None
    stop = _to_next_cue(cues, idx, c, n)
    subject = person(sent.art, sent.subject, "name") if sent.subject else None
    if cue.i <= 1:
        # sentence-initial participle: its subject is the main clause's
        k = c
        while k < n and doc[k].text != ",":
            k += 1
        stop = min(stop, k)
        sp = next((s for s in (_speaker_of_cue(sent, later) for later in cues[idx + 1:]) if s), None) or subject
    else:
        sp = found[-1].speaker if found else subject
    return sp, _pieces_to(sent, c, stop), False


def _speaker_of_cue(sent: Sentence, cue: Cue) -> Speaker | None:
    return speaker_after(sent, cue.i) if cue.kind == "post" else speaker_before(sent, cue.i)


def quoted_island(sent: Sentence, cues: list[Cue], idx: int, found: list[Statement]) -> Found | None:
    """ "il le juge impraticable « car ... »", "Il écrit en préambule avoir « attrapé le virus »":
    words quoted in the clause of a reporting verb are its subject's."""
    n, cue = len(sent.doc), cues[idx]
    pieces = _quote_spans(sent, cue.i + 1, _to_next_cue(cues, idx, cue.i + 1, n))
    sp = speaker_before(sent, cue.i)
    return (sp if sp is not None and sp.speaker_type in ("person", "unnamed") else None), pieces, False


RULES = {"post": postposed, "narr": narrative_infinitive, "comme": comme_incise, "pre": preposed, "part": participle,
         "island": quoted_island}


_SOURCE_HINT = re.compile(r"(?i)selon|après|croire")


def _source_phrase_at(doc, i: int) -> int | None:
    """Return the first token of the source named by "selon X", "d'après X", "à en croire X" at ``i``."""
    w, n = doc[i].lower_, len(doc)
    if w == "selon" or w == "d'après":
        return i + 1
    if w in ("d'", "d") and i + 1 < n and doc[i + 1].lower_ == "après":
        return i + 2
    if w == "à" and i + 2 < n and doc[i + 1].lower_ == "en" and doc[i + 2].lower_ == "croire":
        return i + 3
    return None


def selon(sent: Sentence) -> list[Statement]:
    """ "Selon lui, CONTENT", "CONTENT, selon le communiqué", "d'après X, CONTENT", "selon l'enseignant :
    « CONTENT »", "à en croire sa collègue X : « CONTENT »", "X, selon lequel CONTENT" """
    doc, n, text = sent.doc, len(sent.doc), sent.art.text
    out = []
    if not _SOURCE_HINT.search(sent.text):
        return out
    for t in doc:
        first = _source_phrase_at(doc, t.i)
        if first is None or first >= n:
            continue
        k = first
        while k < n and doc[k].text not in (",", ".", ";", ":") and not is_quote_open(doc[k].text) and k - first <= 10:
            k += 1
        a, b = sent.off(first), (sent.end_off(k - 1) if k - 1 >= first else sent.end)
        phrase = doc[first:k]
        if len(phrase) == 1 and phrase[0].lower_ in PRONOUNS:
            sp = sent.pronoun(first)
        elif len(phrase) == 1 and phrase[0].lower_ in ("lequel", "laquelle"):
            sp = relative_antecedent(sent, first)  # "François Thomas, selon lequel il est indispensable ..."
        else:
            sp = sent.speaker_in(a, b)
        if sp is None:
            continue
        pieces = []
        if t.i > 1 and phrase[0].lower_ not in ("lequel", "laquelle"):
            end_tok = t.i - 1 if doc[t.i - 1].text == "," else t.i
            pieces.append((sent.start, sent.end_off(end_tok - 1)))
        if k < n - 2 and (doc[k].text in (",", ":") or is_quote_open(doc[k].text) or phrase[0].lower_ in
                          ("lequel", "laquelle")):
            pieces.append((sent.off(k + 1 if doc[k].text in (",", ":") else k), sent.end))
        pieces = [(x, y) for x, y in pieces if len(text[x:y].split()) >= 3]
        if pieces:
            content = " ".join(text[x:y] for x, y in pieces)
            out.append(Statement(sent.art.doc_id, sp, "selon", "direct" if is_direct(content) else "indirect",
                                 pieces, sent.sent_id, sent.para_id, 0.8 if "pronoun" not in sp.how else 0.7,
                                 starts_sentence=t.i > 1))
    return out


def colon_quote(sent: Sentence, found: list[Statement]) -> list[Statement]:
    """ "Thomas Pesquet : « ... »", "le Français a fait une mise au point sur Twitter : « ... »": a colon
    opening a quotation gives it to the subject of the words before it, whatever their verb."""
    doc, n, out = sent.doc, len(sent.doc), []
    for k in range(1, n - 2):
        if doc[k].text != ":" or not is_quote_open(doc[k + 1].text):
            continue
        q = sent.off(k + 1)
        if any(a <= q < b for st in found for a, b in st.pieces):
            continue
        verbs = [t.i for t in doc[:k] if t.pos_ == "VERB"] or [t.i for t in doc[:k] if t.pos_ == "AUX"]
        if not verbs:
            sp = sent.speaker_in(sent.start, sent.off(k))  # a name or a designation, then its words
        else:
            sp = speaker_before(sent, verbs[0], relative=True)
        if sp is None or sp.speaker_type not in ("person", "unnamed"):
            continue
        content = sent.art.text[q:sent.end]
        if len(content.split()) < 3:
            continue
        out.append(Statement(sent.art.doc_id, sp, "deux-points", "direct", [(q, sent.end)], sent.sent_id,
                             sent.para_id, CONFIDENCE[sp.how] - 0.1))
    return out


@functools.lru_cache(maxsize=1)
def _post_signature() -> re.Pattern:
    """The signature a web page prints under an embedded post: "— Thomas Pesquet (@Thom_astro) August 31, 2022",
    "- BFMTV (@BFMTV)", on its own line or glued to the post's last words ("C'est plus sûr.— Thomas ...")."""
    month = "|".join(sorted(MONTHS, key=len, reverse=True))
    date = rf"(?:(?:{month})\.? \d{{1,2}}, \d{{4}}|\d{{1,2}} (?:{month})\.? \d{{4}})"
    return re.compile(rf"(?:^|(?<=[\s.!?…»”\"]))[-—–]{{1,2}} ?(?P<name>[A-ZÀ-Ý][^\n()@]{{0,60}}?) "
                      rf"\(@\w{{1,30}}\)(?: {date})?[ \t]*(?=\n|$| \S)", re.MULTILINE | re.IGNORECASE)


def embedded_posts(art: Article) -> list[tuple[Speaker, tuple[int, int]]]:
    """Return the posts a web page embeds (a tweet) with their author: the words above the signature, from
    the paragraph before it when the signature stands on its own line.

    A name of two words or more is a person's (the gazetteer's, or one nobody curated); an account of one word
    ("BFMTV", "CNRS") is an organisation's.
    """
    text, out = art.text, []
    for m in _post_signature().finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if not text[start:m.start()].strip():  # on its own line: the post is the paragraph above
            para_end = len(text[:start].rstrip())
            start, stop = text.rfind("\n", 0, para_end) + 1, para_end
        else:
            stop = m.start()
        words = _LINKS.sub("", text[start:stop]).rstrip()
        if len(words.split()) < 3:
            continue
        a, b = m.span("name")
        sp = speaker_in(art, a, b)
        name = m.group("name").strip()
        if sp is None:
            many = len(name.split()) >= 2 and not name.isupper()
            sp = Speaker(name=name, speaker_id=None, speaker_type="person" if many else "collective",
                         how="ner" if many else "collective", key=f"{'ner' if many else 'col'}:{_actors.fold(name)}")
        out.append((sp, (start + len(text[start:stop]) - len(text[start:stop].lstrip()), start + len(words))))
    return out


#: links a post ends with ("pic.twitter.com/Esw7bwoe6Y", "https://t.co/9its5mmgmB")
_LINKS = re.compile(r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+))+\s*$")


def extract_sentence(sent: Sentence) -> list[Statement]:
    """Return the statements of one parsed sentence."""
    text = sent.art.text
    cues = sent.cues = find_cues(sent.doc)
    out: list[Statement] = []
    for idx, cue in enumerate(cues):
        got = RULES[cue.kind](sent, cues, idx, out)
        if got is None or got[0] is None:
            continue
        sp, pieces, starts_sentence = got[:3]
        lo, hi = sent.around(cue.i)
        pieces = [(max(a, lo), min(b, hi)) if a >= sent.start else (a, b) for a, b in pieces]
        pieces = [(a, b) for a, b in pieces if b - a > 0 and len(text[a:b].split()) >= 3]
        if not pieces:
            continue
        content = " ".join(text[a:b] for a, b in pieces)
        out.append(Statement(sent.art.doc_id, sp, cue.label,
                             "direct" if is_direct(content) else "indirect", pieces, sent.sent_id, sent.para_id,
                             CONFIDENCE[sp.how], starts_sentence=starts_sentence,
                             resume_at=got[3] if len(got) > 3 else None))
    out += selon(sent)
    out += colon_quote(sent, out)
    return drop_nested(out)


def drop_nested(statements: list[Statement]) -> list[Statement]:
    """Drop a statement reported inside another speaker's postposed-cue content.

    In "Les deux chefs d'État ont annoncé que X, a déclaré M. Wang", M. Wang is the speaker;
    the embedded "ont annoncé" is part of what he said (a statement that starts inside it is his;
    "..., selon le communiqué" only reports what the parties said, and keeps them as speakers).
    """
    outer = [st for st in statements if st.starts_sentence]
    return [st for st in statements
            if not any(o is not st and o.speaker.key != st.speaker.key
                       and (any(a <= st.pieces[0][0] < b for a, b in o.pieces) if o.cue != "selon" else
                            o.pieces[0][0] <= st.pieces[0][0] and st.pieces[-1][1] <= o.pieces[-1][1])
                       for o in outer)]
