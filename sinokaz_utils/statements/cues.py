"""The cue rules: where a parsed sentence reports speech, what was said and where its speaker is written.

What belongs here: one function per kind of cue French reporting uses, each returning the
speaker and the pieces of the sentence that are the said part (never the cue or the speaker's
name). What does not: who a name, role noun or pronoun designates (``resolve``), what happens
across sentences (``pipeline``: quotations running on, continuations, merges).

Kinds of cue (``Cue.kind``):

- ``pre``: the verb comes before the content ("M. Xi a souligné que ...", "a déclaré : « ... »");
- ``post``: the verb follows the content, its subject after it or before it ("..., a déclaré
  M. Wang", "..., a-t-il ajouté", "CONTENT, Zhang Hong, chercheur, a déclaré");
- ``part``: a participle continues the subject's speech ("..., ajoutant que ...");
- ``narr``: the narrative infinitive ("Et de rappeler que ...");
- ``comme``: an incise with "comme" ("La Chine, comme l'a dit M. Xi, est prête ...");
- and "selon X" / "d'après X" (``selon``), which has no verb.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import actors as _actors
from .lexicons import is_designation_noun, verb_entries, verb_entry, verb_forms
from .quotes import is_direct, is_quote_close, is_quote_open, marks, open_quote_before, quotation_after_sentence
from .resolve import PRONOUNS, TURN_RE, Article, Speaker, person, pronoun_speaker, span_of, speaker_in, subject_of

#: words that may sit between a postposed cue's comma and its verb, or after the verb
CUE_FILLERS = {"a", "avait", "aurait", "ont", "avaient", "est", "s'", "se", "-t", "-il", "-elle", "-ils",
               "également", "encore", "aussi", "ainsi", "alors", "enfin", "notamment", "pour", "sa", "son",
               "part", "de", "côté", "quant", "à", "lui", "elle", "ensuite", "par", "ailleurs", "comme", "l'",
               "le", "déjà", "en", "outre", "toutefois", "cependant", "néanmoins", "lundi", "mardi",
               "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui", "récemment",
               "publiquement", "fermement", "clairement", "notamment", "plus", "tard"}
_PREP_FORMS = {"à": ("à", "au", "aux"), "de": ("de", "d'", "des", "du"), "sur": ("sur",), "pour": ("pour",)}
_ADJ_AFTER_DIRE = {"convaincu", "convaincue", "convaincus", "persuadé", "persuadée", "certain", "certaine",
                   "heureux", "heureuse", "confiant", "confiante", "prêt", "prête", "savoir"}
#: a sentence glued to the next one: a full stop (or a closing bracket) right before a capital or a quotation mark
_GLUED = re.compile(r"(?<=[a-zà-ÿ0-9][.!?…])(?=[A-ZÀ-Ý«“])|(?<=\))(?=[«“\"]?[A-ZÀ-Ý])")
#: confidence of a statement by how its speaker was found
CONFIDENCE = {"name": 0.9, "short": 0.85, "role": 0.8, "pronoun": 0.7, "collective": 0.8, "ner": 0.6, "unnamed": 0.6}


@dataclass
class Statement:
    doc_id: str
    speaker: Speaker
    cue: str
    kind: str
    pieces: list[tuple[int, int]]
    sentence_id: int
    para_id: int
    confidence: float
    starts_sentence: bool = False  # the said part opens the sentence (a postposed cue follows it)
    lower_start: bool = False  # the sentence starts in lower case (a sentence the splitter broke)
    resume_at: int | None = None  # where a quotation broken by an incise resumes ("« A, dit X. B »")


@dataclass(frozen=True)
class Cue:
    """A speech verb at token ``i`` of a sentence; its own words begin at token ``first``."""

    i: int
    kind: str  # pre | post | part | narr | comme | island
    first: int
    label: str = ""  # the lexicon lemma ("déclarer", "se féliciter", "faire savoir")
    pre: int = 1  # the lexicon's flag: may the verb introduce content after it?


@dataclass
class Sentence:
    """One parsed sentence of an article, with the person who is its main subject."""

    art: Article
    doc: object  # the spaCy Doc of the sentence
    start: int  # offset of the sentence in the article's text
    sent_id: int
    para_id: int
    turn: bool = False
    subject: str | None = None  # person key of the main clause's subject
    before: tuple[int, int] | None = None  # the previous sentence of the paragraph (offsets), if any
    cues: list | None = None  # the cues found in it (``find_cues``), once found

    @property
    def end(self) -> int:
        return self.start + len(self.doc.text)

    def off(self, i: int) -> int:
        """Offset in the article of token ``i``'s start (the sentence's end past the last token)."""
        return self.start + self.doc[i].idx if i < len(self.doc) else self.end

    def end_off(self, i: int) -> int:
        """Offset in the article of token ``i``'s end."""
        return self.start + self.doc[i].idx + len(self.doc[i].text)

    def speaker_in(self, a: int, b: int) -> Speaker | None:
        return speaker_in(self.art, a, b, sent_doc=self.doc, sent_start=self.start)

    def around(self, i: int) -> tuple[int, int]:
        """Return the offsets of the sentence around token ``i`` where the text glued sentences together.

        A press export sometimes drops the space after a full stop or a caption ("... l'espace.Les
        cinq ...", "(AFP - Ina FASSBENDER)"Le plus grand défi ..."): the splitter sees one sentence,
        but what a cue introduces stays within its own.
        """
        pos = self.off(i)
        cuts = [self.start + m.end() for m in _GLUED.finditer(self.doc.text)]
        return max([c for c in cuts if c <= pos], default=self.start), min([c for c in cuts if c > pos],
                                                                            default=self.end)

    def pronoun(self, i: int, *, subject_here: str | None = None) -> Speaker | None:
        """Return the person the pronoun at token ``i`` stands for."""
        return pronoun_speaker(self.art, self.off(i), PRONOUNS[self.doc[i].lower_], self.para_id, turn=self.turn,
                               subject_here=subject_here)


def read_sentence(art: Article, doc, start: int, sent_id: int, para_id: int, *,
                  before: tuple[int, int] | None = None) -> Sentence:
    """Return the ``Sentence`` of a parsed sentence, with its main subject resolved where it is a person."""
    sent = Sentence(art, doc, start, sent_id, para_id, turn=bool(TURN_RE.match(_actors.fold(doc.text))),
                    before=before)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = subject_of(root) if root is not None else None
    sp = None
    if subj is not None and subj.lower_ in ("il", "elle"):
        sp = sent.pronoun(subj.i)
    elif subj is not None and subj.pos_ != "PRON":
        a, b = span_of(subj)
        sp = speaker_in(art, start + a, start + b)
    if sp is not None and sp.speaker_type == "person" and sp.key:
        sent.subject = sp.key
    return sent


# ---------------------------------------------------------------- finding cues
def _is_que(w) -> bool:
    """A "que" that opens a completive clause (not the relative pronoun of "les dangers que rencontrent")."""
    return w.lower_ in ("que", "qu'") and not (w.pos_ == "PRON" or "Rel" in w.morph.get("PronType"))


def content_start_after(doc, i: int, *, frame: str | None = None, allow_object: bool = True) -> int | None:
    """Return the token index where content starts after a preposed cue verb at ``i``, or None.

    Content starts after "que" or a colon, at an opening quotation mark, or (with
    ``allow_object``) where what follows fits the verb's ``frame`` (default: the lexicon's).
    """
    if frame is None:
        entry = verb_entry(doc, i)
        frame = entry[2] if entry else ""
    j = i + 1
    n = len(doc)
    skip = (CUE_FILLERS - {"à", "de", "le", "l'", "lui", "elle", "en"}) | _ADJ_AFTER_DIRE
    while j < n and doc[j].lower_ in skip:
        j += 1
    if j >= n:
        return None
    t = doc[j]
    if t.lower_ in ("que", "qu'") or t.text == ":":
        return j + 1
    if is_quote_open(t.text) and frame != "-":
        return j
    # "a déclaré lors d'une conférence de presse que", "nous prévient avec un rictus :"
    for k in range(j, min(n, j + 10)):
        w = doc[k]
        if (_is_que(w) or w.text == ":") and k > j:
            return k + 1
        if _indirect_question_at(doc, k):
            return k  # "raconte comment ...", "révèle à X à quel point ...": an indirect question is content
        if w.lower_ in ("que", "qu'"):
            continue  # a relative "que": its clause is no content
        if (w.is_punct and w.text != "-") or w.pos_ in ("VERB", "AUX") or w.lower_ in ("qui", "dont", "où"):
            break
    if not allow_object or not frame or frame == "-":
        return None
    return _object_frame_start(doc, j, frame)


def _indirect_question_at(doc, k: int) -> bool:
    w = doc[k]
    return w.lower_ in ("comment", "pourquoi", "combien") or (
        w.lower_ == "à" and k + 2 < len(doc) and doc[k + 1].lower_ == "quel" and doc[k + 2].lower_ == "point")


def _colon_or_quote_after(doc, i: int) -> int | None:
    """Return where content starts when a colon or an opening quotation mark follows the verb's own words."""
    j = i + 1
    while j < len(doc) and doc[j].lower_ in CUE_FILLERS | {"-t", "-il", "-elle", "-ils", "-elles"}:
        j += 1
    if j < len(doc) - 1 and doc[j].text == ":":
        return j + 1
    if j < len(doc) - 1 and is_quote_open(doc[j].text):
        return j
    return None


def _object_frame_start(doc, j: int, frame: str) -> int | None:
    """Return ``j`` if what follows the verb fits one of its frames (``inf``, ``np``, a preposition)."""
    n = len(doc)
    t = doc[j]
    for fr in frame.split("|"):
        if fr == "inf":
            if t.pos_ in ("VERB", "AUX") and "Inf" in t.morph.get("VerbForm"):
                return j
        elif fr == "np" or fr.startswith("np="):
            start = _noun_phrase_start(doc, j)
            nouns = set(fr[3:].split("/"))  # "transmet ses salutations": only a message is words
            if start is not None and (fr == "np" or any(w.lower_ in nouns or w.lemma_.lower() in nouns
                                                         for w in doc[start:start + 5])):
                return start
        elif fr != "quote":
            forms = _PREP_FORMS.get(fr, (fr,))
            for k in range(j, min(n - 1, j + 8)):
                if doc[k].text in (",", ".", ";"):
                    break
                if doc[k].lower_ in forms and (fr != "de" or doc[k + 1].pos_ in ("VERB", "AUX")
                                                 or is_quote_open(doc[k + 1].text)):
                    return j
    return None


def _noun_phrase_start(doc, j: int) -> int | None:
    """Return where a noun phrase object starts at ``j``, past a parenthetical ("a transmis, au nom de X, ses ...")."""
    t = doc[j]
    if t.pos_ in ("DET", "NOUN", "ADJ", "NUM") and t.lower_ not in ("à", "au", "aux"):
        return j
    if t.text == ",":
        k = next((k for k in range(j + 1, min(len(doc) - 1, j + 16)) if doc[k].text == ","), None)
        if k is not None and doc[k + 1].pos_ in ("DET", "NOUN", "ADJ", "NUM"):
            return k + 1
    return None


_INVERTED = ("-il", "-elle", "-ils", "-elles")


def _is_inverted(doc, i: int) -> bool:
    """Is the verb at ``i`` followed or preceded by an inverted subject pronoun ("a-t-il dit", "dit-elle")?"""
    n = len(doc)
    return (i >= 1 and doc[i - 1].lower_ in _INVERTED) or (
        i + 2 < n and doc[i + 1].lower_ == "-t" and doc[i + 2].lower_ in _INVERTED) or (
        i + 1 < n and doc[i + 1].lower_ in _INVERTED)


def _left_of_cue(doc, i: int) -> int:
    """Return the index of the first token left of the cue at ``i`` that is not one of its own words."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in CUE_FILLERS and doc[j].text != ",":
        j -= 1
    return j


def _ends_content(tok) -> bool:
    """Can this token close the content before an incise (a comma, a closing quote, "!" or "?")?"""
    return tok.text in (",", "!", "?", "…") or is_quote_close(tok.text)


def in_incise_slot(doc, i: int) -> bool:
    """Is token ``i`` where French puts the verb of an incise: after the content, before its subject?

    "« ... », résume Jules Grandsire", "..., conseille-t-il", "... ! , corrige X": the slot follows
    a comma, a closing quote, "!" or "?" (over the cue's own words: "a", "s'", ...) and precedes an
    inverted pronoun, a determiner, a title or a capitalised name. In this slot the tagger often
    takes the verb for a noun ("chiffre", "rembobine"); the slot itself says it is a verb.
    """
    j = _left_of_cue(doc, i)
    if j < 0 or not _ends_content(doc[j]) or i + 1 >= len(doc):
        return False
    nxt = doc[i + 1]
    return (nxt.lower_ in ("-t",) + _INVERTED or nxt.pos_ in ("DET", "PROPN") or nxt.text in ("M.", "Mme", "MM.")
            or nxt.text[:1].isupper() or nxt.lower_ in ("à", "au", "en"))


_SUBJECT_CLITICS = {"il", "elle", "ils", "elles", "on", "je", "j'", "nous", "vous", "tu"}
_OBJECT_CLITICS = {"ne", "n'", "le", "la", "les", "l'", "lui", "leur", "se", "s'", "me", "m'", "te", "t'", "en", "y",
                   "nous", "vous"}


def _after_subject_clitic(doc, i: int) -> bool:
    """Is token ``i`` right after a subject pronoun and its clitics ("il le juge", "elle se désole")?"""
    j = i - 1
    while j >= 0 and doc[j].lower_ in _OBJECT_CLITICS:
        j -= 1
    return j >= 0 and doc[j].lower_ in _SUBJECT_CLITICS and j < i - 1 or (j == i - 1 and doc[j].lower_ in
                                                                          _SUBJECT_CLITICS)


def _is_verb_here(doc, i: int) -> bool:
    """Is the lexicon form at ``i`` a verb here: tagged so, in the incise slot, or after a subject clitic?"""
    t = doc[i]
    return (t.pos_ in ("VERB", "AUX") or in_incise_slot(doc, i) or _after_subject_clitic(doc, i)
            or (i > 0 and t.is_lower and doc[i - 1].pos_ == "PROPN"))  # "Jérôme raconte" (tagged ADJ)


def _cue_kind(doc, t, entry) -> str | None:
    """Return the kind of cue the reporting verb ``t`` is (see the module docstring), or None."""
    pre, post, frame, _ = entry
    form = t.morph.get("VerbForm")
    if t.text.lower().endswith("ant") and "Part" in form:
        # "..., ajoutant que ...": only with "que" or a colon ("évoquant la coopération" reports no words)
        return "part" if pre and content_start_after(doc, t.i, frame=frame, allow_object=False) is not None else None
    inverted = _is_inverted(doc, t.i)
    if "Inf" in form and _narrative_infinitive_at(doc, t.i) and pre:
        # the narrative infinitive of French reporting: "Et de rappeler que ..." (= and he recalled)
        return "narr" if content_start_after(doc, t.i, frame=frame) is not None else None
    if "Inf" in form and not inverted:
        return None
    has_aux = any(c.dep_.startswith("aux") for c in t.children) or (t.i > 0 and doc[t.i - 1].pos_ == "AUX")
    if "Part" in form and not has_aux and not inverted and not (in_incise_slot(doc, t.i) and _subject_follows(doc, t.i)):
        return None  # an adjectival participle ("proposée par le président Xi") is no cue; "..., écrit l'astronaute" is
    # walk left over the cue's own words to the comma or quote that ends the content
    j = _left_of_cue(doc, t.i)
    left_stop = j >= 0 and _ends_content(doc[j])
    comme = j < 0 and doc[0].lower_ == "comme"
    if j + 1 < t.i and doc[j + 1].lower_ == "comme" and j >= 0:
        # "..., comme le mentionne X : « ... »" or "La Chine, comme l'a dit M. Xi, est prête ..."
        return "comme"
    if pre and content_start_after(doc, t.i, frame=frame, allow_object=False) is not None:
        return "pre"
    if _colon_or_quote_after(doc, t.i) is not None and not left_stop:
        return "pre"  # "Il poursuit : « ... »": followed by direct speech, any reporting verb introduces it
    if post and comme:
        return "post"
    if post and left_stop and (j >= 1 or doc[0].text == ",") and (pre or inverted or _subject_follows(doc, t.i)):
        return "post"  # a verb that only ever follows its content is an incise: its subject comes after it
    if pre and content_start_after(doc, t.i, frame=frame) is not None:
        return "pre"
    if "quote" in frame.split("|") and _quote_after(doc, t.i) is not None:
        return "island"
    return None


def _subject_follows(doc, i: int) -> bool:
    """Does a subject follow the verb at ``i`` ("-t-il", "M. Wang", "Jules Grandsire", "le cheminot")?"""
    k = i + 1
    while k < len(doc) and doc[k].lower_ in ("-t", "à", "au", "aux", "en", "l'afp", "afp", "lui", "nous"):
        k += 1  # "confie à l'AFP la Britannique ...", "dit en rigolant un malade"
    if k >= len(doc):
        return False
    t = doc[k]
    if t.lower_ in _INVERTED or t.text in ("M.", "Mme", "MM.", "Mgr", "Me") or (t.text[:1].isupper() and k > i + 1 or
                                                                           t.pos_ == "PROPN"):
        return True
    return any(is_designation_noun(doc[m].text) for m in range(k, min(len(doc), k + 4)))


def _narrative_infinitive_at(doc, i: int) -> bool:
    """ "Et de rappeler que", "Puis d'ajouter que": the infinitive that narrates a speaker's next words."""
    return i == 2 and doc[0].lower_ in ("et", "puis") and doc[1].lower_ in ("de", "d'")


def _quote_after(doc, i: int) -> int | None:
    """Return the token of a quotation of at least four words opening after the verb at ``i`` in its clause."""
    for k in range(i + 1, len(doc)):
        if is_quote_open(doc[k].text):
            close = next((m for m in range(k + 1, len(doc)) if is_quote_close(doc[m].text)), len(doc))
            return k if close - k - 1 >= 4 else None
        if doc[k].text in (";",) or (k > i + 1 and verb_entry(doc, k) is not None and doc[k].pos_ == "VERB"):
            return None
    return None


def _incise_after_quotation(doc, i: int) -> bool:
    """Is token ``i`` a finite verb right after a closing quotation mark (and a comma), its subject after it?"""
    if i < 1 or not (_ends_content(doc[i - 1]) or doc[i - 1].lower_ in CUE_FILLERS):
        return False  # (cheap test first: this runs on every word)
    t = doc[i]
    if not t.is_lower or t.is_punct or not (t.pos_ in ("VERB", "NOUN") and "Inf" not in t.morph.get("VerbForm")):
        return False
    if t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm") and not (i > 0 and doc[i - 1].pos_ == "AUX"):
        return False
    j = _left_of_cue(doc, i)
    if j < 0:
        return False
    closing = is_quote_close(doc[j].text) or (doc[j].text == "," and j > 0 and is_quote_close(doc[j - 1].text))
    return closing and in_incise_slot(doc, i) and (_is_inverted(doc, i) or _subject_follows(doc, i))


_CLOSING_MARKS = ("»", "”", '"', "''", "›")


@functools.lru_cache(maxsize=4)
def _lexicon_ids(vocab) -> tuple:
    """The string ids of the lexicon's verb forms and lemmas, and of closing quotation marks."""
    return tuple(frozenset(vocab.strings.add(w) for w in words)
                 for words in (verb_forms(), verb_entries(), _CLOSING_MARKS))


def _screen(doc) -> list[int]:
    """Return the tokens worth a look: a lexicon verb's form or lemma, or a word just after a quotation.

    String ids from one array instead of a Token object per word: most words of a sentence are neither.
    """
    from spacy.attrs import LEMMA, LOWER, ORTH

    forms, lemmas, closing = _lexicon_ids(doc.vocab)
    rows = doc.to_array([LOWER, LEMMA, ORTH]).tolist()
    reach = -1  # an incise may follow a closing quotation mark within six words
    out = []
    for i, (lower, lemma, orth) in enumerate(rows):
        if lower in forms or lemma in lemmas or i <= reach:
            out.append(i)
        if orth in closing:
            reach = i + 6
    return out


def find_cues(doc) -> list[Cue]:
    """Return the reporting-verb cues of a parsed sentence, in order."""
    n = len(doc)
    out = []
    for i in _screen(doc):
        t = doc[i]
        entry = verb_entry(doc, t.i)
        if entry is None and _incise_after_quotation(doc, t.i):
            # "« ... », rembobine son fondateur": after a quotation, any verb with its subject inverted is an
            # incise that introduces it (whatever the verb, it is followed by direct speech)
            out.append(Cue(t.i, "post", _left_of_cue(doc, t.i) + 1, t.lemma_.lower(), 0))
            continue
        if entry is None or not _is_verb_here(doc, t.i):
            continue
        if entry[3] == "faire" and not (t.i + 1 < n and doc[t.i + 1].lower_ == "savoir"):
            continue
        kind = _cue_kind(doc, t, entry)
        if kind == "island" and out:
            continue  # quoted words after an earlier cue are that cue's content
        if kind is not None:
            label = "faire savoir" if entry[3] == "faire" else entry[3]
            out.append(Cue(t.i, kind, t.i if kind in ("pre", "island") else _left_of_cue(doc, t.i) + 1, label,
                           entry[0]))
    return out


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
        # "a déclaré le président kazakh, Noursoultan Nazarbaïev, après ..."
        k2 = k + 1
        while k2 < n and doc[k2].text not in (",", ".", ";") and k2 - k <= 6:
            k2 += 1
        sp = sent.speaker_in(sent.off(k + 1), sent.end_off(k2 - 1))
    return sp


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
    return sent.pronoun(pron[0].i) if pron else None


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
    return None


def _inverted_pronoun(sent: Sentence, v_i: int) -> Speaker | None:
    """"a-t-il expliqué", "estime-t-il": the person the inverted pronoun stands for."""
    for k in (v_i - 1, v_i + 1, v_i + 2):
        if 0 <= k < len(sent.doc) and sent.doc[k].lower_ in ("-il", "-elle"):
            return sent.pronoun(k)
    return None


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
    opening = quotation_after_sentence(sent.art.text[pieces[0][0]:pieces[0][1]])
    if opening is not None:  # "Elle gère un groupe. « Je fais partie ... », précise la patronne"
        pieces = [(pieces[0][0] + opening, pieces[0][1])]
    rest = _after_incise(doc, v_i)
    if open_quote_before(sent.art.text[sent.start:pieces[0][1]]) is not None:
        # "« Cela faisait partie ..., détaille X. L'une d'elles ... »": the quotation goes on after the incise
        return sp, pieces, True, (sent.off(rest) if rest < n else sent.end)
    if end_tok <= 6 and rest < n - 2:
        # an incise ("D'ici à 2015, a indiqué M. Hu, les deux pays ...") continues after the subject
        pieces.append((sent.off(rest), sent.end))
    elif rest < n:
        pieces += _quote_spans(sent, rest, n)  # "« entre 45 et 60 ans », confie X, et « cherchent ... »"
    return sp, pieces, True


def _after_incise(doc, v_i: int) -> int:
    """Return the token where the sentence resumes after an incise (its verb, subject and appositions)."""
    n = len(doc)
    k = v_i + 1
    while k < n and doc[k].text != "," and not doc[k].text in (".", ";"):
        k += 1
    while k < n and doc[k].text == ",":
        nxt = k + 1
        while nxt < n and doc[nxt].text not in (",", ".", ";"):
            nxt += 1
        segment = doc[k + 1:nxt]
        if any(t.pos_ in ("VERB", "AUX") for t in segment) or any(is_quote_open(t.text) for t in segment):
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
        pieces.insert(0, (sent.start, sent.end_off(cue.first - 2)))
    return sp, pieces, False


def preposed(sent: Sentence, cues: list[Cue], idx: int, found: list[Statement]) -> Found | None:
    """ "M. Xi a souligné que CONTENT", "a déclaré : « CONTENT »", "a déclaré apprécier ..." """
    c = content_start_after(sent.doc, cues[idx].i)
    n = len(sent.doc)
    if c is None or c >= n:
        return None
    # content runs to the next cue in the sentence, or to the end
    strict = content_start_after(sent.doc, cues[idx].i, frame="", allow_object=False) is not None
    return (speaker_before(sent, cues[idx].i, relative=strict), _pieces_to(sent, c, _to_next_cue(cues, idx, c, n)),
            False)


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
    if not _SOURCE_HINT.search(doc.text):
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
                                 pieces, sent.sent_id, sent.para_id, 0.8 if sp.how != "pronoun" else 0.7,
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
