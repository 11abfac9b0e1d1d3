"""Cleaning: from an article's ``text`` (as read) to ``text_clean`` and an audit of what went.

What belongs here: removing web-page debris line by line — share bars, related-article lists,
photo credits and captions, outlet signatures, date/update stamps, paywall notices, navigation
crumbs, comment sections, a headline repeated in the body — by the named rules of
``data/lexicons/boilerplate.yaml`` plus a few rules on the shape of the article (captions above a
credit line, labels in the header, trailing headline lists), and finding the headline line.
What does not: decoding files (``read``), dates, places and outlets (``dates``).

Cleaning never changes ``text``; ``text_clean`` keeps the article's paragraphs, one per line,
the headline once (as its first line, when the article has one) and every content line
unchanged. Each removed line is one audit row: ``doc_id, line_no`` (1-based in ``text``),
``line``, ``rule``.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .config import LEXICON_DIR
from .read import _MATCH_TABLE, normalize_for_matching

BOILERPLATE_FILE = LEXICON_DIR / "boilerplate.yaml"
OUTLETS_FILE = LEXICON_DIR / "outlets.csv"

_END_PUNCT = tuple(".!?…;")
_WORD = re.compile(r"[\w]+(?:[-'][\w]+)*", re.UNICODE)

_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
           "|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec"
           "|january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|apr|jun|jul|aug|sep")
_STAMP_TOKENS = re.compile(
    r"https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|fr|net|org|info|kz|ru|gov|int|io|be|ch|ca|vn|at|de|uk|dz|ma|sn|ml|cd)\b\S*"
    r"|\b\d{4}-\d{1,2}-\d{1,2}(?:t\d{2}:\d{2}(?::\d{2})?)?"
    r"|\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b|\b\d{1,2}-\d{1,2}-\d{4}\b"
    r"|\b\d{1,2}(?:er)?\s+(?:" + _MONTHS + r")\.?(?:,?\s+\d{4})?"
    r"|\b(?:" + _MONTHS + r")\.?,?\s+\d{4}"
    r"|\b\d{1,2}\s?[:h]\s?\d{2}(?::\d{2})?\b"
    r"|\(?\b(?:utc|gmt)\s?(?:[+-]\s?\d{1,2}(?::?\d{2})?)?\)?"
    r"|\b\d{1,2}h\b"
)
_HAS_DATE_OR_TIME = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\b\d{1,2}-\d{1,2}-\d{4}\b|\b\d{1,2}[/.]\d{1,2}\b|\b\d{1,2}\s?[:h]\s?\d{2}\b|\b(?:" + _MONTHS + r")\b")


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


@dataclass
class Rules:
    """The boilerplate rules and structure parameters, as loaded from the data files."""

    rules: list[Rule]
    head_lines: int
    structure: dict
    function_words: frozenset
    signatures: list[str] = field(default_factory=list)


@dataclass
class CleanResult:
    """The outcome of cleaning one article."""

    text_clean: str
    removed: list[tuple[int, str, str]]  # (line_no 1-based in text, line, rule)
    headline: str | None                 # the headline line as printed, when the article has one
    headline_line_no: int | None


def _compile(patterns, case_sensitive: bool) -> list[re.Pattern]:
    flags = re.UNICODE | (0 if case_sensitive else re.IGNORECASE)
    return [re.compile(p, flags) for p in patterns]


@functools.lru_cache(maxsize=8)
def _load_rules_cached(path: str, outlets_path: str) -> Rules:
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rules = []
    for r in spec["rules"]:
        words = frozenset(str(r.get("words", "")).casefold().split())
        rules.append(Rule(
            name=r["name"], family=r.get("family", r["name"]), kind=r.get("kind", "line"),
            patterns=_compile(r.get("patterns", []), r.get("case_sensitive", False)),
            max_chars=int(r.get("max_chars", 10_000)), where=r.get("where", "any"),
            case_sensitive=bool(r.get("case_sensitive", False)), words=words,
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
    return Rules(rules, int(spec.get("head_lines", 12)), structure, fw, signatures)


def load_rules(path: Path | None = None, *, outlets: Path | None = None) -> Rules:
    """Load the boilerplate rules (``data/lexicons/boilerplate.yaml``) and outlet signatures.

    Example:
        >>> rules = load_rules()
        >>> "share_bar" in {r.name for r in rules.rules}
        True
    """
    return _load_rules_cached(str(path or BOILERPLATE_FILE), str(outlets or OUTLETS_FILE))


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


def rules_fingerprint() -> dict:
    """Return the text of the rule files, for cache manifests (a changed rule rebuilds)."""
    out = {}
    for p in (BOILERPLATE_FILE, OUTLETS_FILE):
        out[p.name] = p.read_text(encoding="utf-8") if p.exists() else None
    return out


@functools.lru_cache(maxsize=65536)
def _match_form(line: str, case_sensitive: bool) -> str:
    if not case_sensitive:
        return normalize_for_matching(line)
    # the same normal form with the case kept (for rules about capitalised names)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", line).translate(_MATCH_TABLE)).strip()


def _is_stamp(form: str, rule: Rule) -> bool:
    if not _HAS_DATE_OR_TIME.search(form):
        return False
    rest = _STAMP_TOKENS.sub(" ", form)
    words = _WORD.findall(rest)
    return all(w in rule.words for w in words)


def match_line(line: str, rule: Rule) -> bool:
    """Return True when ``line`` is boilerplate by ``rule`` (``line``/``tail``/``section``/``stamp`` kinds).

    Example:
        >>> rules = {r.name: r for r in load_rules().rules}
        >>> match_line("Dernière mise à jour à 09h10 le 14/09", rules["date_stamp"])
        True
    """
    text = line.strip()
    if not text or len(text) > rule.max_chars:
        return False
    form = _match_form(text, rule.case_sensitive)
    if rule.kind == "stamp":
        return _is_stamp(form, rule)
    return any(p.fullmatch(form) for p in rule.patterns)


def _words(line: str) -> list[str]:
    return _WORD.findall(normalize_for_matching(line))


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
               url: str | None = None) -> CleanResult:
    """Remove boilerplate lines from an article; return the cleaned text, audit and headline.

    Args:
        text: the article as read (normalised, ``\\n`` line ends).
        rules: the rules to apply (default: :func:`load_rules`).
        title_hint: the article's title when a source states it (table column, HTML page
            title); helps choose the headline among header lines.
        url: the article's URL; the words of its slug help choose the headline.

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

    # 1. line, stamp, tail and section rules
    for i in nonempty:
        if i in removed:
            continue
        line = lines[i]
        for rule in rules.rules:
            if rule.where == "head" and i not in head:
                continue
            if not match_line(line, rule):
                continue
            if rule.kind == "tail":
                # a comment section closes the page: it comes after the article (most of the
                # lines are above it), never at the top where the same word can be a rubric
                after = [j for j in nonempty if j >= i]
                before = [j for j in nonempty if j < i and j not in removed]
                if len(before) >= 2 and len(after) <= st.get("tail_max_share", 0.4) * len(nonempty):
                    for j in after:
                        removed.setdefault(j, rule.name)
                break
            removed[i] = rule.name
            if rule.kind == "section":
                _remove_section_items(lines, nonempty, i, removed, rule.name, st)
            break

    # 2. a caption sits right above a credit (or a captioned credit) line and starts a block,
    # or, in a text without blank lines, sits in the header (no paragraph of the article
    # above it): a paragraph that merely precedes a credit line is not taken for a caption
    first_paragraph = next((k for k in nonempty if k not in removed and _ends_sentence(lines[k])
                            and len(_words(lines[k])) >= 25), n)
    for i in nonempty:
        if removed.get(i) not in ("photo_credit", "photo_caption"):
            continue
        j = i - 1
        if j < 0 or not lines[j].strip() or j in removed:
            continue
        starts_block = j == 0 or not lines[j - 1].strip()
        in_header = j <= first_paragraph
        cap = lines[j].strip()
        if (starts_block or in_header) and len(cap) <= st.get("caption_max_chars", 320) and _ends_sentence(cap):
            removed[j] = "photo_caption"

    # 3. the headline: first header line that reads like one
    remaining = [i for i in nonempty if i not in removed]
    first_para = next((k for k, i in enumerate(remaining) if _ends_sentence(lines[i]) and len(_words(lines[i])) >= 25),
                      len(remaining))
    header = remaining[: max(first_para, 0)]
    forms = [normalize_for_matching(lines[i]) for i in range(n)]
    headline_i = _find_headline(lines, forms, header, remaining, nonempty, first_para, rules, title_hint, url)
    if headline_i is not None:
        for i in nonempty:
            if i != headline_i and i not in removed and _same_headline(forms[i], forms[headline_i]):
                removed[i] = "repeated_headline"

    # 4. labels, tags and bylines in the header (no function word, no final punctuation):
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
        if not words or len(words) > st.get("label_max_words", 8) or _ends_sentence(line):
            continue
        if any(ch.isdigit() for ch in line) or _has_function_word(line, rules.function_words):
            continue
        if lead_at is None or i < lead_at or _NAME_LINE.fullmatch(line):
            removed[i] = "byline" if lead_at is not None and i > lead_at else "section_label"

    # 5. trailing related headlines: short lines without final punctuation closing the page
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

    kept = [lines[i].strip() for i in nonempty if i not in removed]
    audit = sorted((i + 1, lines[i], rule) for i, rule in removed.items())
    headline = lines[headline_i].strip() if headline_i is not None else None
    return CleanResult("\n".join(kept), audit, headline, headline_i + 1 if headline_i is not None else None)
