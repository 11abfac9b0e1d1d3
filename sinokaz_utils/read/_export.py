"""What the export readers share: their lexicon, dates as databases print them, text of markup.

What belongs here: loading ``data/lexicons/exports.yaml``, reading a printed date ("lundi 23
octobre 2023", "15 March 2022", "March 15, 2022"), a stated word count, the lines of an HTML
element (one per paragraph, ``<br>`` and highlighting handled), and assembling a
:class:`RawDocument` from the facts an export states. What does not: any one database's layout.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..config import EXPORTS_FILE
from .text import RawDocument, _fix_mojibake, normalize_text, unescape_entities

#: Lines an export adds to an article's text that are not part of it
_MARKERS = {"[Additional Text]:", "[Additional Text] :", "[Texte additionnel]:"}

#: Elements that end a line of text when an HTML element is turned into lines.
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
              "article", "header", "footer", "table", "ul", "ol", "dd", "dt", "pre"}


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The facts of ``data/lexicons/exports.yaml`` (months, field codes, labels)."""
    import yaml

    return yaml.safe_load(EXPORTS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    months = "|".join(sorted(map(re.escape, lexicon()["months"]), key=len, reverse=True))
    dmy = re.compile(r"\b(\d{1,2})(?:er|st|nd|rd|th)?\.?\s+(" + months + r")\.?,?\s+(\d{4})\b", re.I)
    mdy = re.compile(r"\b(" + months + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
    iso = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d|\b)")
    return dmy, mdy, iso


def parse_printed_date(text: str | None) -> dt.date | None:
    """Return the first date printed in ``text`` as databases print them, or ``None``.

    Day-month-year with the month in words (French, English, German, Spanish, Italian),
    month-day-year ("March 15, 2022", Nexis and Factiva in English) and ISO dates. Impossible
    dates ("31 février") give ``None``.

    Example:
        >>> parse_printed_date("Sciences, mercredi 18 octobre 2023 2153 mots, p. AUJM18")
        datetime.date(2023, 10, 18)
        >>> parse_printed_date("March 15, 2022 Tuesday")
        datetime.date(2022, 3, 15)
    """
    if not text:
        return None
    dmy, mdy, iso = _date_patterns()
    months = lexicon()["months"]
    found = []
    for m in dmy.finditer(text):
        found.append((m.start(), int(m.group(3)), months[m.group(2).lower()], int(m.group(1))))
    for m in mdy.finditer(text):
        found.append((m.start(), int(m.group(3)), months[m.group(1).lower()], int(m.group(2))))
    for m in iso.finditer(text):
        found.append((m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for _, y, mo, d in sorted(found):
        try:
            return dt.date(y, mo, d)
        except ValueError:
            continue
    return None


def parse_word_count(text: str | None) -> int | None:
    """Return the word count a header states ("1455 mots", "1,203 words"), or ``None``.

    Example:
        >>> parse_word_count("lundi 23 octobre 2023 - 11:49:55 -0000 1455 mots")
        1455
    """
    if not text:
        return None
    units = "|".join(lexicon()["word_units"])
    # thousands separated by a dot, comma or narrow space ("1.203 mots"); a plain space is not
    # one ("2023 2153 mots" is a year then a count)
    m = re.search(r"(?<![\d.,])(\d{1,3}(?:[.,\u202f\u00a0]\d{3})+|\d+)\s+(?:" + units + r")\b", text, re.I)
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(1))
    return int(digits) if digits else None


#: Runs of ASCII white space; a no-break space is French typography and stays
_ASCII_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def _spaces(text: str) -> str:
    # a line break in HTML source is a space; only block elements and <br> end a line
    if "\n" not in text and "  " not in text and "\t" not in text and "\r" not in text:
        return text
    return _ASCII_SPACES.sub(" ", text)


def element_lines(el) -> list[str]:
    """Return the text of an lxml element as lines: one per paragraph, block or ``<br>``.

    Inline markup (``<mark>`` search highlighting, ``<em>``, ``<b>``) keeps its text in place,
    so that no two words are glued or split; runs of spaces become one.

    Example:
        >>> import lxml.html
        >>> element_lines(lxml.html.fromstring("<div><p>Le <mark>président</mark> a parlé.</p>"
        ...                                    "<p>Fin<br>du texte</p></div>"))
        ['Le président a parlé.', 'Fin', 'du texte']
    """
    from lxml import etree

    parts: list[str] = [_spaces(el.text or "")]
    skip_depth = 0  # inside <script> or <style>: their text is not the article's
    # an iterative walk (start and end events), so that no depth of nesting exhausts recursion
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if node is el:
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in ("script", "style"):
                skip_depth += 1
            elif not skip_depth:
                if tag in BLOCK_TAGS:
                    parts.append("\n")
                if node.text and tag:
                    parts.append(_spaces(node.text))
            continue
        if tag in ("script", "style"):
            skip_depth -= 1
        elif not skip_depth and tag in BLOCK_TAGS:
            parts.append("\n")
        if node.tail and not skip_depth:
            parts.append(_spaces(node.tail))
    out = []
    for line in "".join(parts).split("\n"):
        line = _ASCII_SPACES.sub(" ", line).strip()
        if line:
            out.append(line)
    return out


def drop_element(el) -> None:
    """Remove an lxml element from its tree, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def element_text(el) -> str:
    """The text of an element on one line (its lines joined by a space)."""
    return " ".join(element_lines(el)) if el is not None else ""


def make_document(*, database: str, title: str | None, body: list[str], facts: dict, kind: str = "article",
                  encoding: str, lead: list[str] | None = None) -> RawDocument:
    """Assemble one document of an export: the title line, then the lead and body paragraphs.

    ``facts`` are what the export states (``outlet``, ``published`` as a date, ``author``...);
    empty values are left out. ``doc_id`` is the export's own ``id`` when it has one, else
    empty (the registry numbers the documents of the file).
    """
    lines = [title] if title else []
    for para in (lead or []) + body:
        # entities escaped twice by the database ("&amp;quot;") reach the text as "&quot;"
        para = unescape_entities(para) if para else para
        if para and para not in _MARKERS and (not lines or para != lines[-1]):
            lines.append(para)
    # a fact is one line of a table cell: every kind of space is one space (the no-break
    # space before "?" or ":" stays in the text, where it is typography)
    if title:
        title = " ".join(title.split())
    export = {k: (" ".join(v.split()) if isinstance(v, str) else v) for k, v in facts.items()}
    export = {k: v for k, v in export.items() if v not in (None, "", [], ())}
    if title:
        export.setdefault("title", title)
    if isinstance(export.get("published"), dt.date):
        export["published"] = export["published"].isoformat()
    text = normalize_text(_fix_mojibake("\n".join(lines)))
    meta = {"title": title} if title else {}
    if export.get("url"):
        meta["url"] = export["url"]
    return RawDocument(str(export.pop("id", "") or ""), "", text, encoding, meta, export=export, kind=kind,
                       database=database)
