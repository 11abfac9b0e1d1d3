"""Cues: which words of a parsed sentence report speech, and of what kind.

What belongs here: the sentence and statement records the rules share, and finding the cues —
a reporting verb of the lexicon where its position lets it cue speech (matched by lemma, or by
its form where French puts a verb: "..., chiffre X", "Jérôme raconte"), and, after a quotation,
any verb in an incise. What does not: what each cue says and who says it (``rules``), who a name,
a designation or a pronoun stands for (``resolve``), what happens across sentences (``pipeline``).

Kinds of cue (``Cue.kind``):

- ``pre``: the verb comes before the content ("M. Xi a souligné que ...", "a déclaré : « ... »");
- ``post``: the verb follows the content, its subject after it or before it ("..., a déclaré
  M. Wang", "..., a-t-il ajouté", "..., résume Jules Grandsire", "CONTENT, Zhang Hong,
  chercheur, a déclaré");
- ``part``: a participle continues the subject's speech ("..., ajoutant que ...");
- ``narr``: the narrative infinitive ("Et de rappeler que ...", "Puis d'ajouter que ...");
- ``comme``: an incise with "comme" ("La Chine, comme l'a dit M. Xi, est prête ...");
- ``island``: words quoted in the clause of a reporting verb ("il le juge impraticable « car ... »").

"selon X" and "X : « ... »" have no verb; ``rules`` finds them in the sentence itself.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import actors as _actors
from .lexicons import causative_infinitives, is_designation_noun, verb_entries, verb_entry, verb_forms
from .quotes import is_quote_close, is_quote_open, open_quote_before
from .resolve import PRONOUNS, TURN_RE, Article, Speaker, doc_length, pronoun_speaker, span_of, speaker_in, subject_of

#: words that may sit between a postposed cue's comma and its verb, or after the verb
CUE_FILLERS = {"a", "avait", "aurait", "ont", "avaient", "est", "s'", "se", "-t", "-il", "-elle", "-ils",
               "également", "encore", "aussi", "ainsi", "alors", "enfin", "notamment", "pour", "sa", "son",
               "part", "de", "côté", "quant", "à", "lui", "elle", "ensuite", "par", "ailleurs", "comme", "l'",
               "le", "déjà", "en", "outre", "toutefois", "cependant", "néanmoins", "lundi", "mardi",
               "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui", "récemment",
               "publiquement", "fermement", "clairement", "notamment", "plus", "tard"}
_PREP_FORMS = {"à": ("à", "au", "aux"), "de": ("de", "d'", "des", "du"), "sur": ("sur",), "pour": ("pour",)}
_ADJ_AFTER_DIRE = {"convaincu", "convaincue", "convaincus", "persuadé", "persuadée", "certain", "certaine",
                   "heureux", "heureuse", "confiant", "confiante", "prêt", "prête"}
#: a sentence glued to the next one: a full stop (or a closing bracket) right before a capital or a quotation mark
#: ("... l'espace.Les cinq", "... à l'AFP.Cette nouvelle"; not an initial, "M.Wang")
_GLUED = re.compile(r"(?<=[a-zà-ÿ0-9][.!?…])(?=[A-ZÀ-Ý«“])|"
                    r"(?<=[A-ZÀ-Ý]{2}[.!?…])(?=[A-ZÀ-Ý«“][a-zà-ÿ])|"
                    r"(?<=\))(?=[«“\"]?[A-ZÀ-Ý])")
#: confidence of a statement by how its speaker was found
CONFIDENCE = {"name": 0.9, "short": 0.85, "role": 0.8, "pronoun": 0.7, "collective": 0.8, "ner": 0.6, "ner_role": 0.55,
              "ner_pronoun": 0.5, "unnamed": 0.6}


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
    text: str = ""  # its words in the article (``doc.text`` joins its tokens again at each call)
    named: bool = False  # its subject is a person named in it (not a pronoun)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

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
        cuts = [self.start + m.end() for m in _GLUED.finditer(self.text)]
        return max([c for c in cuts if c <= pos], default=self.start), min([c for c in cuts if c > pos],
                                                                            default=self.end)

    def pronoun(self, i: int, *, subject_here: str | None = None) -> Speaker | None:
        """Return the person the pronoun at token ``i`` stands for."""
        return pronoun_speaker(self.art, self.off(i), PRONOUNS[self.doc[i].lower_], self.para_id, turn=self.turn,
                               subject_here=subject_here)


def read_sentence(art: Article, doc, start: int, sent_id: int, para_id: int, *,
                  before: tuple[int, int] | None = None) -> Sentence:
    """Return the ``Sentence`` of a parsed sentence, with its main subject resolved where it is a person."""
    text = art.text[start:start + doc_length(doc)]
    sent = Sentence(art, doc, start, sent_id, para_id, turn=bool(TURN_RE.match(_actors.fold(text))), before=before,
                    text=text)
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
        sent.named = subj.pos_ != "PRON"
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
    skip = ((CUE_FILLERS - {"à", "de", "le", "l'", "lui", "elle", "en"}) | _ADJ_AFTER_DIRE
            | set(causative_infinitives()))
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
                # "de + infinitive", over the clitics French puts before it ("de s'entraîner", "de ne pas")
                m = k + 1
                while m < n - 1 and doc[m].lower_ in _OBJECT_CLITICS | {"pas", "plus", "jamais"}:
                    m += 1
                if doc[k].lower_ in forms and (fr != "de" or doc[m].pos_ in ("VERB", "AUX")
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
        i + 1 < n and doc[i + 1].lower_ in _INVERTED) or split_inverted(doc, i + 1) is not None


def split_inverted(doc, k: int) -> int | None:
    """Return the inverted pronoun the tokenizer split at ``k`` ("dit", "-", "elle"; "ajoute", "-", "t", "-",
    "elle": a sentence glued to the next one, "dit-elle.L'Espagnol", is cut so), or None."""
    n = len(doc)
    if k < n - 1 and doc[k].text == "-" and doc[k + 1].lower_ in ("t", "il", "elle", "ils", "elles"):
        if doc[k + 1].lower_ != "t":
            return k + 1
        if k + 3 < n and doc[k + 2].text == "-" and doc[k + 3].lower_ in ("il", "elle", "ils", "elles"):
            return k + 3
    return None


def _left_of_cue(doc, i: int) -> int:
    """Return the index of the first token left of the cue at ``i`` that is not one of its own words (its
    auxiliaries, and the modal an infinitive cue depends on: "..., a tenu à préciser X", "ne pouvait que
    reconnaître X")."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in CUE_FILLERS and doc[j].text != ",":
        j -= 1
    m = _modal_before(doc, i)
    if m is not None:
        j = m - 1
        while j >= 0 and doc[j].lower_ in CUE_FILLERS | {"ne", "n'"} and doc[j].text != ",":
            j -= 1
    return j


#: verbs an infinitive cue may depend on in an incise, with the word between them
_MODALS = {"pouvoir": ("", "que", "qu'"), "devoir": ("",), "vouloir": ("",), "tenir": ("à",), "venir": ("de", "d'"),
           "oser": ("",), "savoir": ("",)}


def _modal_before(doc, i: int) -> int | None:
    """Return the modal verb an infinitive at ``i`` depends on ("tient à préciser", "pouvait que reconnaître")."""
    if "Inf" not in doc[i].morph.get("VerbForm") or i < 1:
        return None
    for k in (i - 1, i - 2):
        if k >= 0 and doc[k].lemma_ in _MODALS and doc[k].pos_ in ("VERB", "AUX") and \
                (doc[k + 1:i].text or "") in _MODALS[doc[k].lemma_]:
            return k
    return None


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
            or nxt.text[:1].isupper() or nxt.lower_ in ("à", "au", "en")
            # a circumstance between the verb and its subject: "..., rappelle, dans un entretien à l'AFP, X"
            or (nxt.text == "," and i + 2 < len(doc) and doc[i + 2].pos_ in ("ADP", "ADV")))


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
    if "Inf" in form and not inverted and not (post and _modal_before(doc, t.i) is not None):
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
    # (the tagger takes an incise verb it does not know for a noun or, before a name, an adjective: "valide Sarah")
    name_after = i + 1 < len(doc) and (doc[i + 1].pos_ == "PROPN" or doc[i + 1].text in ("M.", "Mme"))
    if not t.is_lower or t.is_punct or not ((t.pos_ in ("VERB", "NOUN") or t.pos_ == "ADJ" and name_after)
                                            and "Inf" not in t.morph.get("VerbForm")):
        return False
    if t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm") and not (i > 0 and doc[i - 1].pos_ == "AUX"):
        return False
    j = _left_of_cue(doc, i)
    if j < 0:
        return False
    closing = is_quote_close(doc[j].text) or (doc[j].text == "," and j > 0 and is_quote_close(doc[j - 1].text))
    # French puts an incise inside the quotation marks too: "« Une expérience incroyable, valide Sarah. ..."
    inside = not closing and doc[j].text == "," and open_quote_before(doc.text[:doc[j].idx]) is not None
    return (closing or inside) and in_incise_slot(doc, i) and (_is_inverted(doc, i) or _subject_follows(doc, i))


_CLOSING_MARKS = ("»", "”", '"', "''", "›")
_OPENING_MARKS = ("«", "“", "„", "``", "‹")


@functools.lru_cache(maxsize=4)
def _lexicon_ids(vocab) -> tuple:
    """The string ids of the lexicon's verb forms and lemmas, of closing and of opening quotation marks."""
    return tuple(frozenset(vocab.strings.add(w) for w in words)
                 for words in (verb_forms(), verb_entries(), _CLOSING_MARKS, _OPENING_MARKS))


def _screen(doc) -> list[int]:
    """Return the tokens worth a look: a lexicon verb's form or lemma, or a word just after a quotation
    (or just after a comma inside one).

    String ids from one array instead of a Token object per word: most words of a sentence are neither.
    """
    from spacy.attrs import LEMMA, LOWER, ORTH

    forms, lemmas, closing, opening = _lexicon_ids(doc.vocab)
    comma, straight = doc.vocab.strings.add(","), doc.vocab.strings.add('"')
    rows = doc.to_array([LOWER, LEMMA, ORTH]).tolist()
    reach = -1  # an incise may follow a closing quotation mark within six words, a comma inside one within three
    quoted = False
    out = []
    for i, (lower, lemma, orth) in enumerate(rows):
        if lower in forms or lemma in lemmas or i <= reach:
            out.append(i)
        if orth in closing:
            reach = i + 6
            quoted = orth == straight and not quoted
        elif orth in opening:
            quoted = True
        elif orth == comma and quoted:
            reach = max(reach, i + 3)
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
        label = entry[3]
        if label.startswith("faire "):
            # "a fait savoir que", "fait-il valoir": faire cues speech only with one of its infinitives
            k = t.i + 1
            while k < n and doc[k].lower_ in ("-t",) + _INVERTED:
                k += 1
            label = causative_infinitives().get(doc[k].lower_) if k < n else None
            if label is None:
                continue
        kind = _cue_kind(doc, t, entry)
        if kind == "island" and out:
            continue  # quoted words after an earlier cue are that cue's content
        if kind is not None:
            out.append(Cue(t.i, kind, t.i if kind in ("pre", "island") else _left_of_cue(doc, t.i) + 1, label,
                           entry[0]))
    return out
