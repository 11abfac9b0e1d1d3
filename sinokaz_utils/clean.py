"""Cleaning: from an article's ``text`` (as read) to ``text_clean`` and an audit of what went.

What belongs here: removing web-page debris line by line, by evidence that does not depend on
knowing the site, and finding the headline line:

- the named patterns of ``data/lexicons/boilerplate.yaml`` (share bars, related-article lists,
  photo credits and captions, outlet signatures, date and upload stamps, paywall notices,
  navigation, comment sections), one signal among the others;
- the shape of a line (``data/lexicons/line_shapes.yaml``): separators, menus and share bars
  (many short tokens, no verb), credit lines naming a picture agency, captions (a short line
  next to a credit, or naming where people stand in the picture), stamps in another language
  than the article;
- repetition: a line that recurs on several independent pages of one site (or of the corpus)
  is page furniture (:func:`find_repeated_lines`, run once over the corpus before cleaning);
- position: furniture clusters above and below the article's own sentences, so the edges
  need less repetition than the body, and a sentence of prose (a finite verb, sentence
  punctuation) needs more than any other line;
- the shape of the article: captions next to a credit line (across a blank line too, as press
  exports print them), the start of a removed caption printed again, a slide show's counters and
  credits, captions ending with their source, labels in the header, a signature closing the text,
  a headline repeated in the body, another article's headline between paragraphs (a town and its
  département in brackets), trailing lists of headlines.

What does not: decoding files (``read``), dates, places and outlets (``dates``).

Cleaning never changes ``text``; ``text_clean`` keeps the article's paragraphs, one per line,
the headline once (as its first line, when the article has one) and every content line
unchanged. Each removed line is one audit row: ``doc_id, line_no`` (1-based in ``text``),
``line``, ``rule`` (the rule's French name, from the ``labels`` of boilerplate.yaml).
"""
from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import yaml

from .config import BOILERPLATE_FILE, LINE_SHAPES_FILE, OUTLETS_FILE
from .read import _MATCH_TABLE, normalize_for_matching

_END_PUNCT = tuple(".!?…;")
_WORD = re.compile(r"[\w]+(?:[-'][\w]+)*", re.UNICODE)

_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
           "|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec"
           "|january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|apr|jun|jul|aug|sep")
_EN_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
              "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_STAMP_TOKENS = re.compile(
    r"https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|fr|net|org|info|kz|ru|gov|int|io|be|ch|ca|vn|at|de|uk|dz|ma|sn|ml|cd)\b\S*"
    r"|\b\d{4}-\d{1,2}-\d{1,2}(?:t\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?)?"
    r"|\b\d{4}[/.]\d{1,2}[/.]\d{1,2}\b"
    r"|\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b|\b\d{1,2}-\d{1,2}-\d{4}\b"
    r"|\b\d{1,2}(?:er)?\s+(?:" + _MONTHS + r")\.?(?:,?\s+\d{4})?"
    r"|\b(?:" + _EN_MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\b(?:" + _MONTHS + r")\.?,?\s+\d{4}"
    r"|\b\d{1,2}\s?[:h]\s?\d{2}(?::\d{2})?(?!\d)"
    r"|\(?\b(?:utc|gmt)\s?(?:[+-]\s?\d{1,2}(?::?\d{2})?)?\)?|(?<![\w:])[+-]\d{2}:?\d{2}\b"
    r"|\b\d{1,2}h\b",
    re.IGNORECASE,
)
_HAS_DATE_OR_TIME = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{4}[/.]\d{1,2}[/.]\d{1,2}|\b\d{1,2}-\d{1,2}-\d{4}\b|\b\d{1,2}[/.]\d{1,2}\b"
    r"|\b\d{1,2}\s?[:h]\s?\d{2}(?!\d)|\b(?:" + _MONTHS + r")\b", re.IGNORECASE)
#: a date closing a line: "…, le 28 février 2023." (what a caption ends with)
_ENDS_WITH_DATE = re.compile(r"(?:\b\d{1,2}(?:er)?\s+(?:" + _MONTHS + r")\.?(?:\s+\d{4})?|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
                             r"\s*[.]?(?:\s*[/(]\s*[\w .&-]{2,40}\)?)?$", re.IGNORECASE)
#: a credit closing a caption, after its last full stop or a copyright sign: "… 2022. REUTERS/Name"
_CREDIT_TAIL = re.compile(r"(?:[.)]\s+|\s©\s?|\s[|/]\s)(?P<credit>[^.!?]{2,80})$")
#: where two lines were glued by an export: a small letter or a digit, then a capital ("ReutersAprès")
_GLUED = re.compile(r"(?<=[a-zà-ÿ0-9])(?=[A-ZÀ-Ý])")
#: a photographer's name and the picture's source, in the case-kept matching form: "Christophe Lucet /
#: "Sud Ouest"", "ANDREAS SOLARO / AFP" (a caption's tail, after its last sentence)
_NAME_SLASH_SOURCE = re.compile(r"[A-ZÀ-Ý][\w'-]+(?: [A-ZÀ-Ý][\w'-]+){1,3} ?/ ?\"?[A-ZÀ-Ý0-9][\w'&-]*"
                                r"(?: [\w'&-]+){0,3}\"?")
#: menu items: three or more short labels between separators ("Monde | Asie | Économie")
_MENU_SEP = re.compile(r"\s*(?:\||•|·|»|›|/|\s-\s)\s*")
_TOKEN = re.compile(r"[\w+-]+")
#: words that introduce a name in an upload stamp ("par Jean Dupont", "by admin")
_NAME_INTRO = frozenset({"par", "by", "auteur", "author", "autrice"})
_NAME_JOIN = frozenset({"et", "and"})


@dataclass
class Rule:
    """One named boilerplate rule (see ``data/lexicons/boilerplate.yaml``)."""

    name: str
    family: str
    kind: str
    patterns: list[re.Pattern]
    max_chars: int = 10_000
    where: str = "any"
    case_sensitive: bool = False
    words: frozenset = frozenset()
    core: frozenset = frozenset()
    min_core: float = 0.5
    names: bool = False


@dataclass
class Shapes:
    """Facts of language that tell prose from furniture (``data/lexicons/line_shapes.yaml``)."""

    finite_verbs: frozenset
    verb_endings: tuple
    not_verbs: frozenset
    caption_marks: list[re.Pattern]
    caption_letters: list[re.Pattern]
    caption_cues: list[re.Pattern]
    agencies: frozenset
    credit_words: frozenset
    past_tense: re.Pattern
    french_words: frozenset = frozenset()
    foreign_words: frozenset = frozenset()
    #: "(Creuse)", "(Puy-de-Dôme)": a département in brackets, as regional headlines print it
    departement: re.Pattern = re.compile(r"(?!)")


@dataclass
class Rules:
    """The boilerplate rules and structure parameters, as loaded from the data files."""

    rules: list[Rule]
    head_lines: int
    structure: dict
    function_words: frozenset
    signatures: list[str] = field(default_factory=list)
    labels: dict = field(default_factory=dict)
    repetition: dict = field(default_factory=dict)
    shapes: Shapes | None = None


@dataclass
class CleanResult:
    """The outcome of cleaning one article."""

    text_clean: str
    removed: list[tuple[int, str, str]]  # (line_no 1-based in text, line, rule name)
    headline: str | None                 # the headline line as printed, when the article has one
    headline_line_no: int | None

    def audit_rows(self, doc_id: str, *, rules: Rules | None = None) -> list[tuple[str, int, str, str]]:
        """Return the audit rows ``(doc_id, line_no, line, rule)``, each rule by its French name.

        Example:
            >>> clean_text("Titre de l'article sur la Chine\\nPartager\\nLe président a parlé.").audit_rows("a")
            [('a', 2, 'Partager', 'barre de partage')]
        """
        labels = (rules or load_rules()).labels
        return [(doc_id, no, line, labels.get(rule, rule)) for no, line, rule in self.removed]


def _compile(patterns, case_sensitive: bool) -> list[re.Pattern]:
    flags = re.UNICODE | (0 if case_sensitive else re.IGNORECASE)
    return [re.compile(p, flags) for p in patterns]


def _word_set(text) -> frozenset:
    return frozenset(normalize_for_matching(str(text or "")).split())


def _load_shapes(path: str) -> Shapes:
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Shapes(
        finite_verbs=_word_set(spec.get("finite_verbs")),
        verb_endings=tuple(sorted(_word_set(spec.get("verb_endings")), key=len, reverse=True)),
        not_verbs=_word_set(spec.get("not_verbs")),
        caption_marks=_compile(spec.get("caption_marks", []), False),
        caption_letters=_compile(spec.get("caption_letters", []), False),
        caption_cues=_compile(spec.get("caption_cues", []), False),
        agencies=_word_set(spec.get("picture_agencies")),
        credit_words=_word_set(spec.get("credit_words")),
        past_tense=re.compile(str(spec.get("past_tense") or r"(?!)"), re.IGNORECASE),
        french_words=_word_set(spec.get("french_words")),
        foreign_words=_word_set(spec.get("foreign_words")),
        departement=re.compile(r"\((?:" + "|".join(re.escape(str(d)) for d in spec.get("departements") or []) + r")\)"
                               if spec.get("departements") else r"(?!)"),
    )


@functools.lru_cache(maxsize=8)
def _load_rules_cached(path: str, outlets_path: str, shapes_path: str) -> Rules:
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rules = []
    for r in spec["rules"]:
        rules.append(Rule(
            name=r["name"], family=r.get("family", r["name"]), kind=r.get("kind", "line"),
            patterns=_compile(r.get("patterns", []), r.get("case_sensitive", False)),
            max_chars=int(r.get("max_chars", 10_000)), where=r.get("where", "any"),
            case_sensitive=bool(r.get("case_sensitive", False)), words=_word_set(r.get("words")),
            core=_word_set(r.get("core")), min_core=float(r.get("min_core", 0.5)), names=bool(r.get("names", False)),
        ))
    structure = dict(spec.get("structure", {}))
    fw = frozenset(str(structure.pop("function_words", "")).casefold().split())
    signatures: list[str] = []
    outlet_words: set[str] = set()
    if Path(outlets_path).exists():
        outlets = pd.read_csv(outlets_path, dtype=str, keep_default_na=False)
        for cell in outlets.get("signatures", []):
            signatures.extend(s.strip() for s in str(cell).split("|") if s.strip())
        for name in list(outlets.get("outlet", [])) + signatures:
            outlet_words.update(_WORD.findall(normalize_for_matching(name)))
    # a stamp may name its outlet: "Le Quotidien du Peuple en ligne | 14.09.2020 09h10"
    for r in rules:
        if r.kind == "stamp":
            r.words = r.words | frozenset(outlet_words)
    if signatures:
        alt = "|".join(sorted({re.escape(normalize_for_matching(s)) for s in signatures}, key=len, reverse=True))
        # the outlet's name alone on a line, possibly after a city: "Temps mondiaux", "Paris / La Gazette"
        rules.append(Rule("outlet_signature", "outlet signatures", "line",
                          _compile([rf"(?:[\w' -]{{2,30}}\s?[/,-]\s?)?(?:{alt})\.?"], False), max_chars=80))
    return Rules(rules, int(spec.get("head_lines", 12)), structure, fw, signatures,
                 labels=dict(spec.get("labels", {})), repetition=dict(spec.get("repetition", {})),
                 shapes=_load_shapes(shapes_path))


def load_rules(path: Path | None = None, *, outlets: Path | None = None, shapes: Path | None = None) -> Rules:
    """Load the boilerplate rules (``data/lexicons/boilerplate.yaml``), line shapes and outlet signatures.

    Example:
        >>> rules = load_rules()
        >>> "share_bar" in {r.name for r in rules.rules}, rules.labels["share_bar"]
        (True, 'barre de partage')
    """
    return _load_rules_cached(str(path or BOILERPLATE_FILE), str(outlets or OUTLETS_FILE),
                              str(shapes or LINE_SHAPES_FILE))


def rule_families(path: Path | None = None) -> dict[str, str]:
    """Return ``{rule name: family}`` for every rule the audit can name.

    Example:
        >>> rule_families()["repeated_headline"], rule_families()["share_bar"]
        ('repeated headline', 'share bars')
    """
    spec = yaml.safe_load(Path(path or BOILERPLATE_FILE).read_text(encoding="utf-8"))
    out = {r["name"]: r.get("family", r["name"]) for r in spec["rules"]}
    out["outlet_signature"] = "outlet signatures"
    out.update(spec.get("structure_rules", {}))
    return out


def rule_labels(path: Path | None = None) -> dict[str, str]:
    """Return ``{rule name: French name}``: what the audit table and its figure show.

    Example:
        >>> rule_labels()["site_repeat"]
        'ligne répétée sur le site'
    """
    return dict(load_rules(path).labels)


def rules_fingerprint() -> dict:
    """Return the text of the rule files, for cache manifests (a changed rule rebuilds)."""
    out = {}
    for p in (BOILERPLATE_FILE, OUTLETS_FILE, LINE_SHAPES_FILE):
        out[p.name] = p.read_text(encoding="utf-8") if p.exists() else None
    return out


@functools.lru_cache(maxsize=65536)
def _match_form(line: str, case_sensitive: bool) -> str:
    if not case_sensitive:
        return normalize_for_matching(line)
    # the same normal form with the case kept (for rules about capitalised names)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", line).translate(_MATCH_TABLE)).strip()


def _is_stamp(form: str, rule: Rule, text: str = "") -> bool:
    """A date or time with only the rule's words around it (and, with ``names``, an uploader's name)."""
    if not _HAS_DATE_OR_TIME.search(form):
        return False
    if not rule.names:
        return all(w in rule.words for w in _WORD.findall(_STAMP_TOKENS.sub(" ", form)))
    # the case is kept to tell a name ("par Jean Dupont") from a sentence ("par la suite")
    words = _WORD.findall(_STAMP_TOKENS.sub(" ", _match_form(text, True)))
    named, in_name, taken = False, False, 0
    for w in words:
        low = w.casefold()
        if in_name and taken < 4 and (w[0].isupper() or low in rule.words) and low not in _NAME_JOIN:
            taken += 1
            named = True
            continue
        in_name = low in _NAME_INTRO or (in_name and low in _NAME_JOIN)
        taken = 0 if low in _NAME_INTRO else taken
        if low not in rule.words:
            return False
    return named


def _is_token_line(form: str, rule: Rule) -> bool:
    """Every word a share or page-tool word (or a count), most of them ``core``: "Partager sur Facebook"."""
    tokens = [t for t in _TOKEN.findall(form.replace("'", " ")) if any(c.isalnum() for c in t)]
    if not tokens:
        return False
    core = 0
    for t in tokens:
        if t in rule.core:
            core += 1
        elif not (t in rule.words or t.isdigit() or re.fullmatch(r"\d+(?:[.,]\d+)?[km]?", t)):
            return False
    return core > 0 and core >= rule.min_core * len(tokens)


def _is_menu(form: str) -> bool:
    """Short items between separators, none a sentence or a date: "Monde | Asie | Sport".

    Three items between bars or bullets; four between slashes or dashes, which also join the
    words of a title ("Chine / Kazakhstan / Russie : les chiffres").
    """
    if _HAS_DATE_OR_TIME.search(form):
        return False
    items = [x for x in _MENU_SEP.split(form) if x.strip()]
    need = 3 if re.search(r"[|•·»›]", form) else 4
    return len(items) >= need and all(
        len(x.split()) <= 4 and any(c.isalpha() for c in x) and not x.rstrip().endswith(tuple(".!?")) for x in items)


def match_line(line: str, rule: Rule, *, shapes: Shapes | None = None) -> bool:
    """Return True when ``line`` is boilerplate by ``rule``.

    Kinds: ``line``/``tail``/``section`` (patterns), ``stamp``, ``tokens``, ``menu``,
    ``credit`` (a credit line naming a picture agency) and ``caption`` (a caption by its own
    shape); see ``data/lexicons/boilerplate.yaml``.

    Example:
        >>> rules = {r.name: r for r in load_rules().rules}
        >>> match_line("Dernière mise à jour à 09h10 le 14/09", rules["date_stamp"])
        True
        >>> match_line("Publié le 30/03/2023 à 10h15 par Jean Dupont", rules["upload_stamp"])
        True
    """
    text = line.strip()
    if not text or len(text) > rule.max_chars:
        return False
    form = _match_form(text, rule.case_sensitive)
    if rule.kind == "stamp":
        return _is_stamp(form, rule, text)
    if rule.kind == "tokens":
        return _is_token_line(form, rule)
    if rule.kind == "menu":
        return _is_menu(form)
    if rule.kind == "credit":
        return is_credit_line(text, shapes=shapes)
    if rule.kind == "caption":
        return is_caption(text, shapes=shapes)
    return any(p.fullmatch(form) for p in rule.patterns)


# --------------------------------------------------------------------------- line shapes


def _shapes(shapes: Shapes | None) -> Shapes:
    return shapes or load_rules().shapes


def has_finite_verb(line: str, *, shapes: Shapes | None = None) -> bool:
    """Return True when a word of ``line`` is a finite verb form (or a subject pronoun).

    Example:
        >>> has_finite_verb("Le président a rencontré jeudi son homologue"), has_finite_verb("Partager sur Facebook")
        (True, False)
    """
    sh = _shapes(shapes)
    for w in _words(line):
        w = w.rsplit("'", 1)[-1]
        if w in sh.finite_verbs or w in ("il", "elle", "ils", "elles", "on"):
            return True
        if w not in sh.not_verbs and any(w.endswith(e) and len(w) > len(e) + 2 for e in sh.verb_endings):
            return True
    return False


def is_past_tense(line: str, *, shapes: Shapes | None = None) -> bool:
    """Return True when ``line`` tells something in a past tense ("a rencontré", "s'est entretenu").

    Example:
        >>> is_past_tense("Xi Jinping s'est entretenu mercredi avec Tokaïev.")
        True
        >>> is_past_tense("Le sommet se termine jeudi.")
        False
    """
    return bool(_shapes(shapes).past_tense.search(_match_form(line.strip(), False)))


def is_prose(line: str, *, shapes: Shapes | None = None) -> bool:
    """Return True for a sentence of prose: four words or more, a finite verb, sentence punctuation.

    Example:
        >>> is_prose("M. Wang a déclaré que la CICA devrait défendre l’équité et la justice.")
        True
        >>> is_prose("Partager sur Facebook Partager sur Twitter")
        False
    """
    return _ends_sentence(line) and len(_words(line)) >= 4 and has_finite_verb(line, shapes=shapes)


def is_credit_line(line: str, *, shapes: Shapes | None = None) -> bool:
    """Return True for a picture credit: a picture agency or credit word with at most a name.

    "Photo: Stanislav Filippov/AFP via Getty Images", "REUTERS/Evgenia Novozhenina",
    "© Sergueï Guneyev / Sputnik / AFP", "(Getty Images)". A line with a finite verb is not one.

    Example:
        >>> is_credit_line("Photo : Xinhua/Zhang Ling"), is_credit_line("Selon l'AFP, la visite a eu lieu.")
        (True, False)
    """
    text = line.strip()
    if len(text) > 160 or _ends_sentence(text.rstrip(")")) and len(text.split()) > 6:
        return False
    sh = _shapes(shapes)
    words = _WORD.findall(_match_form(text, True))
    if not words or len(words) > 14:
        return False
    form_words = [w.casefold() for w in words]
    agency = any(w in sh.agencies for w in form_words) or any(
        f"{a} {b}" in sh.agencies for a, b in zip(form_words, form_words[1:]))
    # "Photo : …", "Photo by …", or "Photo" and a name: "Photo Audoin Desforges pour Télérama"
    marker = "©" in text or bool(
        re.match(r"\(?\s*(?:photos?|images?|crédits?|credits?|pictures?)\s?(?:[:/]|by\b)", text, re.I)
        or re.match(r"(?:Photos?|PHOTOS?) (?=[A-ZÀ-Ý])", text))
    if not (agency or marker) or has_finite_verb(text, shapes=sh):
        return False
    names = [w for w, f in zip(words, form_words)
             if f not in sh.agencies and f not in sh.credit_words and f not in ("d", "l", "cc", "by", "sa")]
    # what is left is a photographer's name: a few capitalised words
    return len(names) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in names)


def is_caption(line: str, *, shapes: Shapes | None = None) -> bool:
    """Return True for a caption by its own shape, wherever it stands.

    A caption names where people stand in the picture ("(à gauche)", "(3e L)"), or ends with
    the picture's credit ("… le 14 septembre 2022. REUTERS/Evgenia Novozhenina"), or starts with
    it, glued where the export lost the line break ("© TF1L'astronaute français…"), or it is a
    noun phrase without a finite verb that ends with the picture's date ("Centre-ville
    d'Astana, capitale du Kazakhstan, le 28 février 2023."). Captions next to a credit line,
    which may read like any sentence, are found by their place instead (:func:`clean_text`).

    Example:
        >>> is_caption("Le président kazakh Kassym-Jomart Tokaïev (à gauche) et Xi Jinping à Astana.")
        True
        >>> is_caption("Le président a rencontré jeudi à Astana son homologue, le 14 septembre 2022.")
        False
    """
    text = line.strip()
    if len(text) > 320 or len(_words(text)) < 4:
        return False
    sh = _shapes(shapes)
    form = _match_form(text, False)
    if _has_caption_mark(form, sh):
        return len(re.findall(r"[.!?](?:\s|$)", text)) <= 2
    glued = _GLUED.search(text, 0, 80)
    credit = text[: glued.start()] if glued else ""
    # a credit of two words or more, or with its slash ("© TF1", "AFP/Name"): a name glued to its
    # own suffix ("XinhuaNet") is one word
    if glued and (len(credit.split()) >= 2 or "/" in credit) and is_credit_line(credit, shapes=sh):
        return True
    tail = _CREDIT_TAIL.search(text)
    if tail and len(_words(text[: tail.start()])) >= 4 and (
            is_credit_line(tail.group("credit"), shapes=sh)
            and re.search(r"[/©]|\b(?:photos?|crédits?|credits?|images?)\b", tail.group(0), re.I)
            or _NAME_SLASH_SOURCE.fullmatch(_match_form(tail.group("credit").strip(), True))
            and not has_finite_verb(tail.group("credit"), shapes=sh)):
        # a picture's credit ("REUTERS/Name", "© AFP", "Christophe Lucet / "Sud Ouest""), not an agency
        # signing its dispatch ("… accord. AFP")
        return True
    return text.rstrip().endswith((".", ")")) and _ends_with_picture_date(text, sh)


def _ends_with_picture_date(line: str, sh: Shapes) -> bool:
    """A noun phrase that ends with the picture's date, with or without a final stop: "Thomas Pesquet lors
    d'une conférence à Paris, le 21 septembre 2022" (how agency captions end)."""
    text = line.strip()
    return (len(text) <= 250 and bool(_ENDS_WITH_DATE.search(_match_form(text, False)))
            and not has_finite_verb(text, shapes=sh))


def _has_caption_mark(form: str, sh: Shapes) -> bool:
    return any(p.search(form) for p in sh.caption_marks) or (
        any(p.search(form) for p in sh.caption_letters) and not sh.past_tense.search(form))


def _has_caption_cue(line: str, sh: Shapes) -> bool:
    form = _match_form(line.strip(), False)
    return _has_caption_mark(form, sh) or any(p.search(form) for p in sh.caption_cues)


def _words(line: str) -> list[str]:
    return _WORD.findall(_match_form(line, False))


def _has_function_word(line: str, fw: frozenset) -> bool:
    for w in _words(line):
        if w in fw or w.split("'")[0] in fw:
            return True
    return False


def _ends_sentence(line: str) -> bool:
    s = line.rstrip().rstrip("»\"”’)' ")
    return s.endswith(_END_PUNCT)


def _remove_section_items(lines, nonempty, i, removed, name, st) -> None:
    """Remove the headline-like lines listed under a related-articles header at line ``i``.

    When the list runs to the end of the article, all of it goes. Mid-article ("A lire aussi"
    between two paragraphs), only the one linked title right under the header goes: what
    follows may be a subheading of the article itself.
    """
    items = []
    # ``nonempty`` is sorted: start right after the header, and stop after a list's worth of
    # items, so that a page with thousands of "Lire aussi" headers is not quadratic
    k = bisect.bisect_right(nonempty, i)
    max_items = st.get("related_max_items", 40)
    while k < len(nonempty) and len(items) < max_items:
        j = nonempty[k]
        k += 1
        if j in removed:
            continue
        nxt = lines[j].strip()
        if len(nxt) <= st.get("related_max_chars", 130) and not _ends_sentence(nxt):
            items.append(j)
        else:
            k -= 1
            break
    if not items:
        return
    at_end = not any(nonempty[m] not in removed for m in range(k, len(nonempty)) if nonempty[m] > items[-1])
    if not at_end:
        first = items[0]
        adjacent = first == i + 1
        items = [first] if adjacent and len(_words(lines[first])) >= 4 else []
    for j in items:
        removed[j] = name


#: a person's name alone on a line: two or three capitalised words ("Julian Colling")
_NAME_LINE = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?(?: [A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?){1,2}")
_SUFFIX = re.compile(r"^\s*[|–—-]\s*.{2,60}$")


def _same_headline(form: str, headline_form: str) -> bool:
    """True when a line repeats the headline, maybe with a final stop or an outlet suffix."""
    a, h = form.rstrip(" .!?"), headline_form.rstrip(" .!?")
    if not a or not h:
        return False
    return a == h or (a.startswith(h) and bool(_SUFFIX.match(a[len(h):])))


def _slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    from urllib.parse import unquote, urlsplit

    path = unquote(urlsplit(url).path)
    best = max(path.split("/"), key=lambda seg: seg.count("-"), default="")
    words = {w for w in re.split(r"[-_.]+", normalize_for_matching(best, strip_accents=True)) if w.isalpha() and len(w) > 2}
    return words if len(words) >= 3 else set()


def _find_headline(lines, forms, header, remaining, nonempty, first_para, rules, title_hint, url) -> int | None:
    st = rules.structure
    hint = normalize_for_matching(title_hint) if title_hint else None
    if hint:
        for i in remaining[: first_para + 1]:
            if _same_headline(forms[i], hint):
                return i
    # the URL slug names the headline ("/tensions-sur-lutilisation-de-leau-des-fleuves-...")
    slug = _slug_words(url)
    if slug:
        best, best_score = None, 0.0
        for i in header[:6]:
            words = {w for w in re.findall(r"[a-z]+", normalize_for_matching(lines[i], strip_accents=True)) if len(w) > 2}
            if len(words) >= 3:
                score = len(words & slug) / len(words)
                if score > best_score:
                    best, best_score = i, score
        if best is not None and best_score >= 0.6 and len(lines[best]) <= st.get("headline_max_chars", 300):
            return best
    for i in header[:4]:
        line = lines[i].strip()
        words = _words(line)
        if len(words) < st.get("headline_min_words", 3) or len(line) > st.get("headline_max_chars", 300):
            continue
        if not _has_function_word(line, rules.function_words):
            continue
        if i == nonempty[-1]:
            return None  # a one-line (truncated) text is a lead, not a headline
        if _ends_sentence(line) and not line.rstrip().endswith(("?", "!")):
            # a full stop ends a sentence of the lead, unless the line is printed again
            # elsewhere on the page (in the navigation crumb, repeated in the body)
            if not any(forms[i] in forms[k] for k in range(len(lines)) if k != i):
                return None
        return i
    # no line with a function word: a terse headline ("Chine-Kazakhstan : coopération renforcée")
    # is the first header line of three words or more that is not a sentence
    for i in header[:3]:
        line = lines[i].strip()
        if (len(_words(line)) >= 3 and len(line) <= st.get("headline_max_chars", 300) and not _ends_sentence(line)
                and i != nonempty[-1]):
            return i
    return None


def clean_text(text: str, *, rules: Rules | None = None, title_hint: str | None = None,
               url: str | None = None, repeats: Repeats | None = None) -> CleanResult:
    """Remove boilerplate lines from an article; return the cleaned text, audit and headline.

    Args:
        text: the article as read (normalised, ``\\n`` line ends).
        rules: the rules to apply (default: :func:`load_rules`).
        title_hint: the article's title when a source states it (table column, HTML page
            title); helps choose the headline among header lines.
        url: the article's URL; the words of its slug help choose the headline.
        repeats: how this article's lines recur on other pages of its site and of the corpus
            (from :func:`find_repeated_lines`); without it, no line is removed for repetition.

    Example:
        >>> r = clean_text("Titre de l'article sur la Chine\\nPartager\\nLe président a parlé jeudi.")
        >>> r.text_clean, [rule for _, _, rule in r.removed]
        ("Titre de l'article sur la Chine\\nLe président a parlé jeudi.", ['share_bar'])
    """
    rules = rules or load_rules()
    st = rules.structure
    lines = text.split("\n")
    n = len(lines)
    removed: dict[int, str] = {}
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    head = set(nonempty[: rules.head_lines])
    top = set(nonempty[: int(rules.repetition.get("head_lines", 3))])  # where a headline stands

    # 1. line, stamp, tail, section and shape rules
    for i in nonempty:
        if i in removed:
            continue
        line = lines[i]
        for rule in rules.rules:
            if rule.where == "head" and i not in head or rule.where == "body" and i in top:
                continue
            if not match_line(line, rule, shapes=rules.shapes):
                continue
            if rule.kind == "tail":
                # a comment section closes the page: it comes after the article (most of the
                # text is above it), never at the top where the same word can be a rubric
                after = [j for j in nonempty if j >= i]
                before = sum(len(lines[j]) for j in nonempty if j < i and j not in removed)
                if before >= max(st.get("tail_min_chars", 200), sum(len(lines[j]) for j in after)):
                    for j in after:
                        removed.setdefault(j, rule.name)
                break
            removed[i] = rule.name
            if rule.kind == "section":
                _remove_section_items(lines, nonempty, i, removed, rule.name, st)
            break

    # 2. lines that recur on other pages of the site (or of the corpus)
    forms = [_match_form(line, False) for line in lines]
    banners = _remove_repeated(lines, forms, nonempty, removed, repeats, rules) if repeats else set()

    # 3. captions, by their place next to a credit line; lines in another language than the article's
    _remove_captions(lines, nonempty, removed, rules)
    _remove_slide_credits(lines, nonempty, removed, rules)
    _remove_foreign_lines(lines, nonempty, removed, rules)

    # 4. the headline: first header line that reads like one (never a banner that heads other pages)
    remaining = [i for i in nonempty if i not in removed]
    first_para = next((k for k, i in enumerate(remaining) if _ends_sentence(lines[i]) and len(_words(lines[i])) >= 25),
                      len(remaining))
    header = [i for i in remaining[: max(first_para, 0)] if i not in banners]
    headline_i = _find_headline(lines, forms, header, remaining, nonempty, first_para, rules, title_hint, url)
    if headline_i is not None:
        for i in nonempty:
            if i != headline_i and i not in removed and _same_headline(forms[i], forms[headline_i]):
                removed[i] = "repeated_headline"

    _remove_caption_starts(lines, nonempty, removed, headline_i)
    _remove_linked_headlines(lines, nonempty, removed, headline_i, rules)
    _remove_sourced_captions(lines, nonempty, removed, headline_i, rules)

    # 5. labels, tags and bylines in the header (no function word, no final punctuation):
    # before the lead, any such line ("Opinion", "Fleuve Ili Kazakhstan Chine tension eau");
    # after it, only a person's name alone on its line ("Julian Colling"), so that a terse
    # subheading of the article ("Coopération énergétique") stays
    head_remaining = [i for i in nonempty if i not in removed][: rules.head_lines]
    lead_at = next((i for i in head_remaining if i != headline_i and _ends_sentence(lines[i])
                    and len(_words(lines[i])) >= 25), None)
    for i in head_remaining:
        if i == headline_i:
            continue
        line = lines[i].strip()
        words = _words(line)
        if (headline_i is not None and i < headline_i and line.isupper() and 0 < len(words) <= 6
                and not _ends_sentence(line)):
            removed[i] = "section_label"  # a kicker in capitals above the headline ("RÔLE DE MÉDIATEUR")
            continue
        if not words or len(words) > st.get("label_max_words", 8) or _ends_sentence(line):
            continue
        if any(ch.isdigit() for ch in line) or _has_function_word(line, rules.function_words):
            continue
        if lead_at is None or i < lead_at or _NAME_LINE.fullmatch(line):
            removed[i] = "byline" if lead_at is not None and i > lead_at else "section_label"

    # 6. tag lists below the lead: five or more capitalised words, no function word, no verb
    # ("Xi Jinping Kazakhstan Kassym-Jomart Tokaïev Visite Diplomatie")
    lead_i = lead_at if lead_at is not None else next(
        (i for i in nonempty if i not in removed and i != headline_i and is_prose(lines[i], shapes=rules.shapes)), None)
    for i in nonempty:
        if lead_i is None or i <= lead_i or i in removed:
            continue
        if _is_tag_list(lines[i].strip(), rules):
            removed[i] = "tags"

    # 7. trailing related headlines: short lines without final punctuation closing the page
    # (list items with bullets or of one to three words are the article's own lists)
    remaining = [i for i in nonempty if i not in removed]
    run = []
    for k, i in enumerate(reversed(remaining)):
        line = lines[i].strip()
        if i == headline_i or len(line) > st.get("related_max_chars", 130) or _ends_sentence(line):
            break
        if re.match(r"^\s*(?:[-•*–·▪►]|\d+[.)])\s", line):
            break
        if k > 0 and len(_words(line)) < 4:  # the last line may be cut short by truncation
            break
        run.append(i)
    full = [i for i in run if i != remaining[-1]]
    if len(full) >= st.get("related_min_lines", 3) and len(run) < len(remaining):
        for i in run:
            removed[i] = "related_list"

    # 8. a name alone closing the article: its author's signature ("Florian Maussion")
    remaining = [i for i in nonempty if i not in removed]
    if len(remaining) >= 4 and remaining[-1] != headline_i and _NAME_LINE.fullmatch(lines[remaining[-1]].strip()):
        removed[remaining[-1]] = "byline"

    kept = [lines[i].strip() for i in nonempty if i not in removed]
    audit = sorted((i + 1, lines[i], rule) for i, rule in removed.items())
    headline = lines[headline_i].strip() if headline_i is not None else None
    return CleanResult("\n".join(kept), audit, headline, headline_i + 1 if headline_i is not None else None)


def _is_tag_list(line: str, rules: Rules) -> bool:
    words = _WORD.findall(_match_form(line, True))
    if not 5 <= len(words) <= 14 or len(line) > 140 or _ends_sentence(line) or any(c.isdigit() for c in line):
        return False
    if any(c in line for c in ",;:()«»\"") or _has_function_word(line, rules.function_words):
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised >= 0.6 * len(words) and not has_finite_verb(line, shapes=rules.shapes)


def _remove_captions(lines, nonempty, removed, rules) -> None:
    """Mark the captions that sit next to a credit line, or carry a caption cue in the header.

    Right above a credit, a caption ends with sentence punctuation, is not told in a past tense
    (a lead is) and starts a block, or, in a text without blank lines, sits in the header (no
    paragraph of the article above it): a paragraph that merely precedes a credit line is not
    taken for a caption. Right above or
    below a credit, a line that says it describes a picture ("photo de famille", "(à gauche)")
    or has a caption's shape is one.
    """
    st, sh = rules.structure, rules.shapes
    max_chars = st.get("caption_max_chars", 320)
    n = len(lines)
    first_paragraph = next((k for k in nonempty if k not in removed and _ends_sentence(lines[k])
                            and len(_words(lines[k])) >= 25), n)
    for k, i in enumerate(nonempty):
        if removed.get(i) not in ("photo_credit", "photo_caption"):
            continue
        # the lines right above and below, or across a blank line (an export that separates every
        # paragraph): there, only a line with a caption's own shape
        around = {i - 1, i + 1} | {nonempty[m] for m in (k - 1, k + 1) if 0 <= m < len(nonempty)}
        for j in sorted(around):
            if j < 0 or j >= n or not lines[j].strip() or j in removed:
                continue
            cap = lines[j].strip()
            if len(cap) > max_chars:
                continue
            if (j == i - 1 and (j == 0 or not lines[j - 1].strip() or j <= first_paragraph) and _ends_sentence(cap)
                    and not is_past_tense(cap, shapes=sh)):
                # a caption shows (present tense, or no verb); a lead above a credit tells (past)
                removed[j] = "photo_caption"
            elif _has_caption_cue(cap, sh) or is_caption(cap, shapes=sh) or _ends_with_picture_date(cap, sh):
                removed[j] = "photo_caption"
    for i in nonempty:
        if i >= first_paragraph:
            break
        if i not in removed and len(lines[i].strip()) <= max_chars and _has_caption_cue(lines[i], sh):
            removed[i] = "photo_caption"


def _remove_caption_starts(lines, nonempty, removed, headline_i) -> None:
    """Mark a line that is the start of a removed caption, printed again alone (the picture's title or
    its alternative text): three words or more, no final stop, not the headline."""
    captions = [_match_form(lines[i], False) for i in nonempty if removed.get(i) == "photo_caption"]
    if not captions:
        return
    for i in nonempty:
        line = lines[i].strip()
        if i in removed or i == headline_i or len(line) > 130 or _ends_sentence(line) or len(_words(line)) < 3:
            continue
        form = _match_form(line, False)
        if any(len(c) > len(form) and c.startswith(form) and not c[len(form)].isalnum() for c in captions):
            removed[i] = "photo_caption"


def _remove_linked_headlines(lines, nonempty, removed, headline_i, rules) -> None:
    """Mark the headline of another article between two paragraphs, by the shape regional dailies give
    their headlines: a town and its département in brackets ("Connaissez-vous le radiotélescope de
    Nançay (Cher) ?", "Le site d'Issoire (Puy-de-Dôme) de Constellium bénéficie de la reprise de
    l'aéronautique"), six words or more, one sentence without a final stop. Prose writes "Issoire,
    dans le Puy-de-Dôme"; the page's own headline and its repeats are left alone.
    """
    kept = [i for i in nonempty if i not in removed]
    for i in kept[1:-1]:
        line = lines[i].strip()
        if i == headline_i or len(line) > 200 or line.endswith(".") or not rules.shapes.departement.search(line):
            continue
        if len(_words(line)) < 6 or re.search(r"[.!?…]\s+\S", line) or not _has_function_word(line, rules.function_words):
            continue
        removed[i] = "linked_headline"


#: a caption's source after its last sentence: "… de la Nasa. Reuters", "… phase. ESA", "… Capture d'écran ESA"
_SOURCE_TAIL = re.compile(r"[.!?…»\"]\s+(?:Capture d'écran |Capture d’écran |Photo |Image )?"
                          r"[A-ZÀ-Ý][\w&'’-]*(?: [A-ZÀ-Ý][\w&'’-]*){0,2}\s*$")


def _remove_sourced_captions(lines, nonempty, removed, headline_i, rules) -> None:
    """Mark a caption that ends with its picture's source between two paragraphs: "Avec un peu de
    matériel…, n'importe quel amateur peut participer à ce rendez-vous de la Nasa. Reuters".

    A caption shows (present tense, or no verb) in one or two sentences of at most 250 characters;
    a dispatch that its agency signs ("… a indiqué l'agence. AFP") tells, in the past, and closes
    the article, where this rule does not look.
    """
    kept = [i for i in nonempty if i not in removed]
    for i in kept[1:-1]:
        line = lines[i].strip()
        tail = _SOURCE_TAIL.search(line)
        if i == headline_i or not tail or len(line) > 250 or len(_words(line[: tail.start()])) < 6:
            continue
        if len(re.findall(r"[.!?](?:\s|$)", line[: tail.start()])) > 1 or is_past_tense(line, shapes=rules.shapes):
            continue
        removed[i] = "photo_caption"


def _remove_slide_credits(lines, nonempty, removed, rules) -> None:
    """Mark the credit under a slide show's counter: "1/12 -", then "Thomas Pesquet" alone on its line.

    A slide is its counter, its picture's credit and its caption; the credit is a name alone on its
    line (or a credit line), the caption a sentence, which stays.
    """
    for k, i in enumerate(nonempty[:-1]):
        if removed.get(i) != "slide_counter":
            continue
        j = nonempty[k + 1]
        line = lines[j].strip()
        if j not in removed and (_NAME_LINE.fullmatch(line) or is_credit_line(line, shapes=rules.shapes)):
            removed[j] = "photo_credit"


def _language_shares(line: str, sh: Shapes) -> tuple[float, float, int]:
    words = [w.rsplit("'", 1)[-1] for w in _words(line)]
    if not words:
        return 0.0, 0.0, 0
    fr = sum(w in sh.french_words for w in words)
    foreign = sum(w in sh.foreign_words for w in words)
    return fr / len(words), foreign, len(words)


def _remove_foreign_lines(lines, nonempty, removed, rules) -> None:
    """Mark the lines written in another language than a French article (captions, date lines, widgets).

    Only above the article's first or below its last French sentence, or next to a line already
    removed (a credit, a caption): an English quotation inside the article stays.
    """
    sh = rules.shapes
    remaining = [i for i in nonempty if i not in removed]
    shares = {i: _language_shares(lines[i], sh) for i in remaining}
    french = [i for i in remaining if shares[i][0] >= 0.15 and is_prose(lines[i], shapes=sh)]
    if not french:
        return  # not a French article (or no sentence to tell)
    first, last = french[0], french[-1]
    for i in remaining:
        fr, foreign, n = shares[i]
        if n < 4 or fr > 0.08 or foreign < max(2, 0.12 * n):
            continue
        if i < first or i > last or (i - 1) in removed or (i + 1) in removed:
            removed[i] = "foreign_line"


# --------------------------------------------------------------------------- repetition


@dataclass
class Repeats:
    """How the lines of one document recur in other, independent documents.

    Independent documents are not copies of one story (see :func:`find_repeated_lines`).

    Attributes:
        site: ``{line form: (documents, documents counting only copies as one, documents
            heading with it, sites)}`` over the document's site, for lines found in another
            document of it; its own document included.
        n_site: independent documents of the site (the document's own included).
        corpus: the same over the whole corpus, for lines found on another site.
        keyed: whether the document has a site (URL domain or outlet); without one, its site
            is the corpus.
    """

    site: dict
    n_site: int
    corpus: dict = field(default_factory=dict)
    keyed: bool = True


def _need(p: dict, key: str, n: int) -> int:
    t = p[key]
    return min(int(p.get("max_needed", 20)), max(int(t.get("min", 2)), math.ceil(float(t.get("share", 0)) * n)))


def _remove_repeated(lines, forms, nonempty, removed, repeats: Repeats, rules) -> set[int]:
    """Mark the lines repeated across documents; return the header lines that head other pages too.

    Thresholds (``repetition`` in boilerplate.yaml) depend on the line's place (above the
    first or below the last sentence no other document has: the edges; else the body) and on
    its shape (prose or not); a line in most of the site's documents (``majority``) goes
    wherever it stands, unless it is a sentence told in a past tense (``narrative``).
    A line at the top of this document only is its headline, listed on other pages.
    """
    p = rules.repetition
    stats, n = repeats.site, repeats.n_site
    if not any(forms[i] in stats for i in nonempty) and not any(forms[i] in repeats.corpus for i in nonempty):
        return set()
    head_set = set(nonempty[: int(p.get("head_lines", 3))])
    anchors = [i for i in nonempty if i not in removed and stats.get(forms[i], (1,))[0] < 2
               and is_prose(lines[i], shapes=rules.shapes)]
    first, last = (anchors[0], anchors[-1]) if anchors else (-1, len(lines))
    site_rule = "site_repeat" if repeats.keyed else "corpus_repeat"
    corpus_min = p.get("corpus_edge_line", {})
    banners = set()
    for i in nonempty:
        if i in removed:
            continue
        if forms[i] not in stats and forms[i] not in repeats.corpus:
            continue
        support, copies, heading, _ = stats.get(forms[i], (1, 1, 1, 1))
        if i in head_set and heading >= 2:
            banners.add(i)
        if i in head_set and heading <= 1 and support >= 2:
            continue  # this page's headline, which other pages list
        place = "edge" if i < first or i > last else "body"
        prose = is_prose(lines[i], shapes=rules.shapes)
        if prose and is_past_tense(lines[i], shapes=rules.shapes):
            # a sentence that tells what happened, repeated: a story's background paragraph
            # more often than a page's furniture, wherever it stands
            if support >= 2 and support >= _need(p, "narrative", n):
                removed[i] = site_rule
            continue
        if support >= 2 and (support >= _need(p, f"{place}_{'prose' if prose else 'line'}", n)
                             or copies >= _need(p, "majority", n)):
            removed[i] = site_rule
            continue
        if repeats.keyed and place == "edge" and not prose and forms[i] in repeats.corpus:
            c_support, _, c_heading, sites = repeats.corpus[forms[i]]
            if i in head_set and c_heading <= 1:
                continue
            if c_support >= int(corpus_min.get("min", 3)) and sites >= int(corpus_min.get("sites", 2)):
                removed[i] = "corpus_repeat"
    return banners


def site_key(*, url: str | None = None, outlet: str | None = None, rules: Rules | None = None) -> str | None:
    """Return the site a document belongs to: its URL's domain, else its outlet, else ``None``.

    The domain is the registrable one ("french.peopledaily.com.cn" and
    "peopledaily.com.cn" are one site), except under blog hosts, where each sub-domain is a site.

    Example:
        >>> site_key(url="http://french.peopledaily.com.cn/Chine/8426473.html"), site_key(outlet="Le Monde")
        ('peopledaily.com.cn', 'outlet:le monde')
    """
    p = (rules or load_rules()).repetition
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".") if url else ""
    except ValueError:
        host = ""
    if host:
        labels = host.split(".")
        while labels and labels[0] in ("www", "www-main", "m", "amp", "mobile"):
            labels = labels[1:]
        domain = ".".join(labels)
        for hosted in str(p.get("hosting_domains", "")).split():
            if domain.endswith("." + hosted):
                return ".".join(labels[-(hosted.count(".") + 2):])
        k = 3 if len(labels) >= 3 and labels[-2] in str(p.get("second_level", "")).split() and len(labels[-1]) == 2 else 2
        return ".".join(labels[-k:]) if domain else None
    if outlet and str(outlet).strip():
        return "outlet:" + normalize_for_matching(str(outlet))
    return None


class _Independence:
    """Counts the independent documents (not copies of one story) among those carrying a line.

    Two documents are copies when the lines they share make up at least ``copy_share`` of the
    shorter one's characters. Copies need not be compared: a copy shares at least one of the
    shorter document's longest lines (those that make up more than ``1 - copy_share`` of it),
    so only documents found through those lines are checked, which keeps the count linear in
    the documents that carry the line.
    """

    def __init__(self, node_forms: list[list[str]], copy_share: float, context_min_chars: int):
        self.forms = node_forms
        self.sets = [frozenset(f) for f in node_forms]
        self.mass = [sum(map(len, s)) for s in self.sets]
        self.copy_share = copy_share
        self.context_min = context_min_chars
        self.keys = [self._key_lines(s, m) for s, m in zip(self.sets, self.mass)]
        self._pos: dict[int, dict[str, int]] = {}
        self._copies: dict[tuple[int, int], bool] = {}

    def _key_lines(self, forms: frozenset, mass: int) -> tuple[str, ...]:
        out, total = [], 0
        for f in sorted(forms, key=lambda x: (-len(x), x)):
            out.append(f)
            total += len(f)
            if total > (1 - self.copy_share) * mass:
                break
        return tuple(out)

    def copies(self, a: int, b: int) -> bool:
        pair = (a, b) if a < b else (b, a)
        if pair not in self._copies:
            small, large = (self.sets[a], self.sets[b]) if self.mass[a] <= self.mass[b] else (self.sets[b], self.sets[a])
            shared = sum(len(f) for f in small if f in large)
            self._copies[pair] = shared >= self.copy_share * min(self.mass[a], self.mass[b])
        return self._copies[pair]

    def context(self, a: int, form: str) -> tuple[str, ...]:
        """The long sentences right before and after ``form`` in document ``a``."""
        pos = self._pos.get(a)
        if pos is None:
            pos = self._pos[a] = {f: k for k, f in enumerate(self.forms[a])}
        k, seq = pos[form], self.forms[a]
        out = []
        for j in (k - 1, k + 1):
            if 0 <= j < len(seq) and len(seq[j]) >= self.context_min and _ends_sentence(seq[j]):
                out.append(seq[j])
        return tuple(out)

    def count(self, nodes: Iterable[int], form: str, *, cap: int, context: bool) -> tuple[int, list[int]]:
        """Return how many independent documents carry ``form`` (at most ``cap``), and them."""
        reps: list[int] = []
        by_line: dict[str, list[int]] = {}
        by_key: dict[str, list[int]] = {}
        by_context: set[str] = set()
        for a in nodes:
            candidates = {r for f in self.keys[a] for r in by_line.get(f, ())}
            if len(by_key) < len(self.sets[a]):
                candidates.update(r for f, rs in by_key.items() if f in self.sets[a] for r in rs)
            else:
                candidates.update(r for f in self.sets[a] for r in by_key.get(f, ()))
            if any(self.copies(a, r) for r in candidates):
                continue
            ctx = self.context(a, form) if context else ()
            if any(c in by_context for c in ctx):
                continue
            reps.append(a)
            if len(reps) >= cap:
                break
            for f in self.sets[a]:
                by_line.setdefault(f, []).append(a)
            for f in self.keys[a]:
                by_key.setdefault(f, []).append(a)
            by_context.update(ctx)
        return len(reps), reps


def find_repeated_lines(raws: Iterable, *, urls: dict | None = None, outlets: dict | None = None,
                        rules: Rules | None = None) -> dict[str, Repeats]:
    """Count, for every line of every document, the independent documents of its site that carry it.

    The corpus-level signal of cleaning, run once over all documents before any is cleaned:
    page furniture (a banner, a share bar, a footer) recurs on many pages of one site, while a
    story's sentences recur only in its copies, which count as one document. A document's site
    is its URL's domain, else the outlet its source states, else the corpus (:func:`site_key`).
    Cost: linear in the number of lines (exact copies are counted once; counting stops at the
    largest threshold that can apply).

    Args:
        raws: the documents, each with ``doc_id``, ``text`` and ``meta`` (``url``, ``outlet``,
            ``sitename``), as :func:`sinokaz_utils.read.read_file` returns them.
        urls: ``{doc_id: url}`` from curated metadata (wins over ``meta``).
        outlets: ``{doc_id: outlet}`` from curated metadata (wins over ``meta``).
        rules: the rules (default: :func:`load_rules`).

    Returns:
        ``{doc_id: Repeats}``, to pass to :func:`clean_text` as ``repeats``.

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> from sinokaz_utils.read import read_file
        >>> docs = [read_file(p, root=RAW_DIR) for p in sorted(RAW_DIR.glob("*.txt"))[:3]]
        >>> for d in docs:
        ...     d.text = "Rejoignez notre rédaction : nous recrutons !\\n" + d.text
        >>> find_repeated_lines(docs)[docs[0].doc_id].site["rejoignez notre rédaction : nous recrutons !"][:2]
        (3, 3)
    """
    rules = rules or load_rules()
    p = rules.repetition
    urls, outlets = urls or {}, outlets or {}
    node_of: dict[frozenset, int] = {}
    node_forms: list[list[str]] = []
    node_sites: list[set] = []
    doc_node: dict[str, tuple[int, str | None]] = {}
    for raw in raws:
        meta = getattr(raw, "meta", None) or {}
        site = site_key(url=urls.get(raw.doc_id) or meta.get("url"),
                        outlet=outlets.get(raw.doc_id) or meta.get("outlet") or meta.get("sitename"), rules=rules)
        forms = list(dict.fromkeys(f for f in (normalize_for_matching(x) for x in raw.text.split("\n")) if f))
        key = frozenset(forms)
        if key not in node_of:  # exact copies (the same lines) are one document
            node_of[key] = len(node_forms)
            node_forms.append(forms)
            node_sites.append(set())
        nid = node_of[key]
        node_sites[nid].add(site)
        doc_node[raw.doc_id] = (nid, site)
    del node_of
    occurrences: dict[str, list[int]] = {}
    for nid, forms in enumerate(node_forms):
        for f in forms:
            occurrences.setdefault(f, []).append(nid)
    site_size: dict[str | None, int] = {}
    for sites in node_sites:
        for s in sites:
            site_size[s] = site_size.get(s, 0) + 1
    n_all = len(node_forms)
    keyless = None in site_size
    head_n = int(p.get("head_lines", 3))
    heads = [set(f[:head_n]) for f in node_forms]
    ind = _Independence(node_forms, float(p.get("copy_share", 0.5)), int(p.get("context_min_chars", 60)))

    def stats(nodes: list[int], form: str, n: int, extra_cap: int = 0) -> tuple[int, int, int, int]:
        cap = max(extra_cap, *(_need(p, k, n) for k in ("edge_line", "edge_prose", "body_line", "body_prose", "narrative")))
        support, reps = ind.count(nodes, form, cap=cap, context=True)
        copies, _ = ind.count(nodes, form, cap=max(cap, _need(p, "majority", n)), context=False)
        heading, _ = ind.count([a for a in nodes if form in heads[a]], form, cap=2, context=False)
        return support, copies, heading, len({s for a in nodes for s in node_sites[a]})

    site_stats: dict[str | None, dict] = {}
    corpus_stats: dict[str, tuple] = {}
    corpus_cap = int(p.get("corpus_edge_line", {}).get("min", 3))
    for form, nodes in occurrences.items():
        if len(nodes) < 2:
            continue
        by_site: dict[str | None, list[int]] = {}
        for a in nodes:
            for s in node_sites[a]:
                by_site.setdefault(s, []).append(a)
        for s, members in by_site.items():
            if s is not None and len(members) >= 2:
                site_stats.setdefault(s, {})[form] = stats(members, form, site_size[s])
        if keyless:  # documents without a site: the corpus is their site
            corpus_stats[form] = stats(nodes, form, n_all, corpus_cap)
        elif len(by_site) >= 2:  # on other sites: only independent documents and sites are needed
            support, _ = ind.count(nodes, form, cap=corpus_cap, context=True)
            heading, _ = ind.count([a for a in nodes if form in heads[a]], form, cap=2, context=False)
            corpus_stats[form] = (support, support, heading, len(by_site))
    out = {}
    for doc_id, (nid, site) in doc_node.items():
        if site is None:
            out[doc_id] = Repeats(site=corpus_stats, n_site=n_all, corpus={}, keyed=False)
        else:
            out[doc_id] = Repeats(site=site_stats.get(site, {}), n_site=site_size[site], corpus=corpus_stats, keyed=True)
    return out
