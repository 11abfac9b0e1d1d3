"""Factiva exports: the HTML page of field-code tables, the XML export, and the text of every
other download (text, RTF, Word, PDF) in either of Factiva's two displays.

What belongs here: Factiva's "Full Article/Report plus Indexing" display, in which every
fact of a document is behind a two- or three-letter field code (HD headline, BY byline, WC word
count, PD publication date, SN source name, SE section, LP lead paragraphs, TD text, AN
accession number...; the list is in ``data/lexicons/exports.yaml``), as Factiva saves it in HTML
(one table per document), as the text a conversion gives (each code at the start of a line:
``*HD*``, ``**HD**``, ``HD`` then a tab, spaces, a no-break space or a table bar, or alone on
its line above its value), and its XML export (``ppsarticle`` elements); Factiva's "Article"
display (no codes: headline, byline, "718 words", the date, the source, the text, then
"Document <accession number>"); the lines a print of Factiva pages repeats and the search
summary, which are no document. What does not: reading the RTF/Word/PDF container
(``office``), Europresse and Nexis.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ._export import (_date_patterns, element_lines, element_text, lexicon, make_document, parse_printed_date,
                      parse_word_count)
from .text import RawDocument, decode_bytes

DATABASE = "Factiva"


def looks_like_factiva_html(head: str) -> bool:
    """Whether the start of an HTML file is a Factiva export (field codes in ``td.index`` cells)."""
    return bool(re.search(r"class=['\"]?index['\"]?[^>]*>\s*(?:<p>\s*)?<b>(?:HD|SE|AN)</b>", head))


def looks_like_factiva_xml(head: str) -> bool:
    """Whether the start of an XML file is Factiva's XML export."""
    return "ppsarticle" in head.lower() or "global.factiva.com" in head


#: Lines no longer than this, with blank lines between paragraphs, are a text wrapped at a
#: width (a text export wraps at 70 to 80 columns; a paragraph of news is longer)
WRAP_WIDTH = 100


def _wrapped(lines: list[str]) -> bool:
    """Whether lines are a text wrapped at a width: blank lines between paragraphs, nine lines
    in ten no longer than :data:`WRAP_WIDTH`, and the lines a paragraph goes on after (all
    but its last) nearly as long as the longest."""
    filled = sorted(len(x) for x in lines if x)
    if "" not in lines or not filled or filled[-(-9 * len(filled) // 10) - 1] > WRAP_WIDTH:
        return False
    going_on = [len(a) for a, b in zip(lines, lines[1:]) if a and b]
    return sum(n >= 0.6 * filled[-1] for n in going_on) >= 0.8 * len(going_on)


def paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs of a field: lines joined between blank lines when the text was wrapped at a
    fixed width, else one paragraph per line.

    Example:
        >>> paragraphs(["Le président kazakh a reçu jeudi le ministre", "chinois des Affaires étrangères.", "",
        ...             "Fin."])
        ['Le président kazakh a reçu jeudi le ministre chinois des Affaires étrangères.', 'Fin.']
        >>> paragraphs(["SOMMAIRE", "POLITIQUE Les vertiges d'un favori PAGE 7", "", "Fin."])
        ['SOMMAIRE', "POLITIQUE Les vertiges d'un favori PAGE 7", 'Fin.']
    """
    if not _wrapped(lines):
        return [x for x in lines if x]
    out, current = [], ""
    for line in lines + [""]:
        if line:
            # a line cut after a compound's hyphen ("vis-à-" / "vis") runs on without a space
            glue = "" if current.endswith("-") and current[-2:-1].isalpha() else " "
            current = f"{current}{glue}{line}" if current else line
        elif current:
            out.append(current)
            current = ""
    return out


def _document(fields: list[tuple[str, list[str]]], encoding: str) -> RawDocument | None:
    """One document from its ``(code, lines)`` fields, in the order of the export."""
    lex = lexicon()["factiva"]
    names = lex["fields"]
    facts: dict = {}
    body: list[str] = []
    for code, lines in fields:
        value = " ".join(x for x in lines if x).strip()
        if code in lex["body"]:
            body.extend(paragraphs(lines))
        elif code in names and value and names[code] not in facts:
            facts[names[code]] = value
    title = facts.pop("title", None)
    if not title and not body:
        return None
    if facts.get("id"):
        facts["id"] = _id_of(facts["id"])
    facts["published"] = parse_printed_date(facts.get("published"))
    facts["words_stated"] = parse_word_count(facts.get("words_stated"))
    if facts.get("author"):
        # "Charles Sapin; csapin@lefigaro.fr", "Bernard Accoyer; 0": Factiva joins the name and
        # the address (empty: "0"); "N/A" names nobody
        author = re.sub(r"[;,]?\s*\S+@\S+", "", facts["author"])
        author = re.sub(r"\s*;\s*\S*$", "", author).strip(" ;,")
        facts["author"] = author if author and author not in lex["no_author"] else None
    return make_document(database=DATABASE, title=title, body=body, facts=facts, encoding=encoding)


def read_factiva_html(path: Path) -> Iterator[RawDocument]:
    """Yield the documents of a Factiva HTML export (one field-code table per document).

    Example:
        >>> from sinokaz_utils.config import SHARED_DIR
        >>> path = SHARED_DIR / "exports" / "factiva" / "factiva_test.html"
        >>> [d.export["outlet"] for d in read_factiva_html(path)] if path.exists() else ["Test newspaper", "Ouest France"]
        ['Test newspaper', 'Ouest France']
    """
    import lxml.html

    text, encoding = decode_bytes(Path(path).read_bytes(), repair=False)
    root = lxml.html.document_fromstring(text)
    for table in root.xpath("//table[.//td[contains(concat(' ', @class, ' '), ' index ')]]"
                            "[not(ancestor::table[.//td[contains(concat(' ', @class, ' '), ' index ')]])]"):
        fields = []
        for tr in table.xpath("./tr | ./tbody/tr"):
            cells = tr.xpath("./td")
            if len(cells) < 2:
                continue
            code = element_text(cells[0]).strip()
            fields.append((code, element_lines(cells[1])))
        doc = _document(fields, encoding)
        if doc is not None:
            yield doc


def read_factiva_xml(path: Path) -> Iterator[RawDocument]:
    """Yield the documents of a Factiva XML export (``ppsarticle`` elements)."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False, no_network=True)
    root = etree.parse(str(path), parser).getroot()
    _, encoding = decode_bytes(Path(path).read_bytes(), repair=False)

    def first(el, name):
        found = el.xpath(f".//*[local-name()='{name}']")
        return found[0] if found else None

    for art in root.xpath("//*[local-name()='ppsarticle']/*[local-name()='article']"):
        def text_of(name):
            el = first(art, name)
            return element_text(el) if el is not None else None

        body = []
        for name in ("leadParagraph", "tailParagraphs"):
            el = first(art, name)
            if el is not None:
                body.extend(element_text(p) for p in el.xpath("./*[local-name()='paragraph']"))
        fields = [("AN", [text_of("accessionNo") or ""]), ("HD", [text_of("headline") or ""]),
                  ("SN", [text_of("sourceName") or ""]), ("PD", [text_of("publicationDate") or ""]),
                  ("BY", [text_of("byline") or ""]), ("SE", [text_of("sectionName") or ""]),
                  ("PG", [text_of("pages") or ""]), ("TD", body)]
        wc = text_of("wordCount")
        doc = _document(fields, encoding)
        if doc is not None:
            if wc and wc.isdigit():
                doc.export["words_stated"] = int(wc)
            yield doc


# --------------------------------------------------------------------------- text: shared


def _split_lines(text: str) -> list[str]:
    # a form feed (the page break between two documents of an RTF saved as text) ends a line
    return re.split(r"\r\n|\r|\n|\x0c|\x0b|\u2028|\u2029", text)


@lru_cache(maxsize=1)
def _furniture() -> re.Pattern:
    parts = lexicon()["factiva"]["furniture"]
    # one part or several on one line ("Page 3 of 12 © 2022 Factiva, Inc. All rights reserved.")
    one = "(?:" + "|".join(parts) + ")"
    return re.compile(r"^\s*" + one + r"(?:\s*" + one + r")*\s*$", re.I)


def is_page_furniture(line: str) -> bool:
    """Whether a line is one a print of Factiva pages repeats on every page, not text.

    Example:
        >>> is_page_furniture("Page 3 of 12 © 2022 Factiva, Inc. All rights reserved."), is_page_furniture("Page 3")
        (True, False)
    """
    return bool(_furniture().match(line))


def _id_of(value: str | None) -> str | None:
    if not value:
        return value
    labels = "|".join(map(re.escape, lexicon()["factiva"]["document_labels"]))
    return re.sub(r"^(?:" + labels + r")\s+", "", value).strip()


# --------------------------------------------------------------------------- text: field codes


@lru_cache(maxsize=2)
def _code_line(loose: bool = False) -> re.Pattern:
    codes = "|".join(sorted(lexicon()["factiva"]["codes"], key=len, reverse=True))
    # "*HD*  Titre", "**PD** 15 March 2022", "HD\tTitre", "HD|Titre|" (a table cell as striprtf
    # renders it), "| HD | Titre |", "HD\u00a0Titre" (the HTML page copied as text), "TD" alone
    # on its line. A bare code needs one of those separators after it, so that a sentence
    # starting with "IN" or "AN" is not taken for a field; ``loose`` also takes one plain space
    # (a rendering whose every code is so followed: the reader then checks each such line).
    bare_sep = r"[ \t]*\|[ \t]*|\t\s*|\u00a0\s*|[ \t]{2,}|[ \t]*$" + (r"|(?P<space> )" if loose else "")
    return re.compile(r"^[ \t]*\|?[ \t]*(?:\*{1,2}(" + codes + r")\*{1,2}(?:[\s:|]+|$)|(" + codes + r")(?:"
                      + bare_sep + r"))(?P<value>.*?)[ \t]*\|?[ \t]*$")


def _codes_seen(lines: list[str], pattern: re.Pattern) -> bool:
    seen = set()
    for line in lines:
        m = pattern.match(line)
        if m:
            seen.add(m.group(1) or m.group(2))
            if {"HD", "AN"} <= seen or {"HD", "PD", "TD"} <= seen:
                return True
    return False


@lru_cache(maxsize=1)
def _loose_anchors() -> tuple[re.Pattern, re.Pattern]:
    # a publication date and a word count after their codes with one space: the two field
    # lines no prose has
    units = "|".join(lexicon()["word_units"])
    wc = re.compile(r"^[ \t]*WC (?:\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+|\d+) (?:" + units + r")\s*$", re.I)
    pd_ = re.compile(r"^[ \t]*PD (.{6,40})$")
    return wc, pd_


def _loose_codes(lines: list[str]) -> bool:
    wc, pd_ = _loose_anchors()
    dated = any((m := pd_.match(line)) and _is_date_line(m.group(1)) for line in lines)
    return dated and any(wc.match(line) for line in lines) and _codes_seen(lines, _code_line(True))


def _loose_field_ok(code: str, value: str, *, seen: set[str], following: list[str]) -> bool:
    """Whether a code followed by one plain space opens a field (``loose`` renderings only).

    In the header any code does; in the text only the codes that follow it (``TD`` after
    ``LP``, indexing with its "code : Descriptor" values, the accession number, a short
    publisher or reference line with another such field after it), or a headline whose word
    count or date comes within a few lines (the next document, whose accession number was
    lost). ``seen``: the codes of the document so far.
    """
    lex = lexicon()["factiva"]
    if not seen & {"LP", "TD"}:
        return True
    if code == "TD":
        return "TD" not in seen
    if code in lex["indexing"]:
        return bool(re.match(r"^\S+ : \S", value))
    if code == "AN":
        return bool(_document_line(f"Document {_id_of(value)}"))
    if code in ("HD", "SE"):
        wc, pd_ = _loose_anchors()
        return any(wc.match(x) or ((m := pd_.match(x)) and _is_date_line(m.group(1))) for x in following[:6])
    # a publisher, a reference, descriptors: one short line, another field right after it
    after = next((x for x in following if x.strip()), "")
    m = _code_line(True).match(after)
    return code in lex["after_body"] and len(value) <= 120 and bool(m) and (m.group(1) or m.group(2)) in lex["after_body"]


def _parse_codes(lines: list[str], *, encoding: str, loose: bool) -> list[RawDocument]:
    pattern = _code_line(loose)
    docs: list[RawDocument] = []
    fields: list[tuple[str, list[str]]] = []
    # a table as striprtf renders it ends each cell with "|": the last line of a value too
    table = sum(bool(re.match(r"^[ \t]*\|?[ \t]*\*{0,2}[A-Z]{2,3}\*{0,2}[ \t]*\|", x)) for x in lines) >= 3

    def close():
        if fields:
            doc = _document(fields, encoding)
            if doc is not None:
                docs.append(doc)
        fields.clear()

    for i, line in enumerate(lines):
        m = pattern.match(line)
        if m and loose and m.group("space"):
            seen = {c for c, _ in fields}
            if not _loose_field_ok(m.group(2), m.group("value"), seen=seen, following=lines[i + 1:i + 7]):
                m = None
        if m:
            code = m.group(1) or m.group(2)
            value = m.group("value").strip()
            # a new headline after a body starts the next document, even without an AN
            if code in ("HD", "SE") and any(c == "HD" for c, _ in fields) and \
                    any(c in ("LP", "TD", "AN", "PD") for c, _ in fields):
                close()
            fields.append((code, [value] if value else []))
            if code == "AN" and fields[-1][1]:
                close()
        elif fields:
            # ASCII spaces only: a no-break space opening a wrapped line is typography ("«\u00a0")
            stripped = line.strip(" \t\r")
            if table and stripped.endswith("|"):
                stripped = stripped[:-1].rstrip(" \t")
            if stripped or fields[-1][1]:
                fields[-1][1].append(stripped)
    close()
    return docs


# --------------------------------------------------------------------------- text: "Article" display


@lru_cache(maxsize=1)
def _article_patterns() -> dict:
    lex = lexicon()["factiva"]
    art = lex["article"]
    alt = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
    units = alt(lexicon()["word_units"])
    zones = alt(art["time_zones"])
    return {
        "words": re.compile(r"^(?:\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+|\d+)\s+(?:" + units + r")\.?$", re.I),
        "document": re.compile(r"^(?:" + alt(lex["document_labels"]) + r")\s+(" + lex["accession"] + r")$"),
        "time": re.compile(r"^(?:\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?:" + zones + r"))?|(?:"
                           + zones + r"))$", re.I),
        "weekdays": re.compile(r"\b(?:" + alt(art["weekdays"]) + r")\b", re.I),
        "language": re.compile(r"^(?:" + alt(art["languages"]) + r")$", re.I),
        "copyright": re.compile(alt(art["copyright"]), re.I),
        "code": re.compile(r"^[A-Z0-9][A-Z0-9_]{0,11}$"),
        "number": re.compile(r"^(?:p\.?\s*|page\s+)?\d{1,5}$", re.I),
        "byline": re.compile(r"^(?:" + alt(art["byline_prefixes"]) + r")[\s;:]+\S", re.I),
        "agencies": re.compile(r"^(?:" + alt(art["agencies"]) + r")(?:\s*(?:[/,]|et|and|avec)\s*(?:"
                               + alt(art["agencies"]) + r"))*\.?$", re.I),
        "particles": {x.casefold() for x in art["name_particles"]},
        "summary": re.compile(r"^\|?\s*(?:" + alt(lex["search_summary"]) + r")\s*(?:\||\t|\s{2,}|$)", re.I),
        "no_author": set(lex["no_author"]),
    }


def _is_date_line(line: str) -> bool:
    """Whether a line is a date and nothing else ("30 March 2022", "mercredi 30 mars 2022")."""
    if len(line) > 40 or not parse_printed_date(line):
        return False
    dmy, mdy, iso = _date_patterns()
    rest = line
    for pattern in (dmy, mdy, iso):
        rest = pattern.sub(" ", rest)
    rest = _article_patterns()["weekdays"].sub(" ", rest)
    return not rest.strip(" ,.\u00a0")


def _document_line(line: str) -> str | None:
    m = _article_patterns()["document"].match(line.strip())
    return m.group(1) if m else None


def _looks_like_byline(line: str) -> bool:
    """A byline: it opens like one ("Par", "By", "Recueilli par"), holds an address, names
    nobody ("N/A") or an agency ("AFP"), or is a person's name (two to five words, each
    capitalised but for the particles), alone or with what Factiva joins to it after a
    semicolon ("Bernard Accoyer; 0", "BRUNO D. COT; PASCAL POGAM").

    Example:
        >>> [_looks_like_byline(x) for x in ("Charles Sapin; csapin@lefigaro.fr", "Thibault Dumas", "AFP",
        ...                                  "De la surprise Rousseau aux abus sexuels", "TOMBÉ DU CIEL")]
        [True, True, True, False, False]
    """
    p = _article_patterns()
    if line in p["no_author"] or p["byline"].match(line) or p["agencies"].match(line) or \
            re.search(r"\S+@\S+\.\w", line):
        return True
    name, _, joined = line.partition(";")
    joined = joined.strip()
    if not joined:
        # a line in capitals is a name only with a sign of one: capitals are also a headline's
        return _is_name(name) and not name.isupper()
    return _is_name(name) and (len(joined.split()) <= 1 or _is_name(joined))


def _is_name(text: str) -> bool:
    words = re.split(r"[\s,]+", text.strip())
    if not 2 <= len(words) <= 5 or len(text) > 60 or re.search(r"[\d:;?!«»\"“”()]|\.$", text):
        return False
    particles = _article_patterns()["particles"]
    # an elided article in capitals opens a headline ("L'astronaute", "L’épopée"), never a name
    return all((w[:1].isupper() and not re.match(r"^[LD]['’]", w)) or w.casefold() in particles
               or w.casefold().startswith(("d'", "d’")) for w in words)


def _header_at(lines: list[str], i: int) -> int | None:
    """If ``lines[i]`` is a word count followed by a date line, the index of that date line."""
    p = _article_patterns()
    if not p["words"].match(lines[i]):
        return None
    j = _next_filled(lines, i + 1)
    return j if j is not None and _is_date_line(lines[j]) else None


def _next_filled(lines: list[str], i: int) -> int | None:
    while i < len(lines) and not lines[i]:
        i += 1
    return i if i < len(lines) else None


def _article_lines(text: str) -> list[str]:
    lines = [x.strip(" \t\r") for x in _split_lines(text)]
    return [x for x in lines if not is_page_furniture(x)]


def _articles_seen(lines: list[str]) -> bool:
    headers = sum(_header_at(lines, i) is not None for i, line in enumerate(lines) if line)
    ends = any(_document_line(line) for line in lines if line[:1].isupper())
    return headers >= 2 or (headers >= 1 and ends)


def _is_copyright(line: str, *, after_language: bool = False) -> bool:
    p = _article_patterns()
    if len(line) >= 200:
        return False
    if p["copyright"].search(line):
        return True
    # Factiva prints a copyright line for every source, right after the language; some state
    # only the holder and the year ("Test Company 2011.")
    return after_language and len(line.split()) <= 8 and bool(re.search(r"\b(?:19|20)\d{2}\b", line)) \
        and not re.search(r"[:«»\"“”?!]", line)


def _after_date(lines: list[str], date_at: int) -> tuple[dict, int]:
    """The facts after the date line (time, source name and code, edition or page, language,
    copyright), and the index of the text's first line."""
    p = _article_patterns()
    filled = [k for k in range(date_at + 1, min(len(lines), date_at + 60)) if lines[k]][:12]
    while filled and p["time"].match(lines[filled[0]]):
        filled.pop(0)
    if not filled:
        return {}, date_at + 1
    facts: dict = {}
    # the language line ends the header, or the copyright line after it; without either, the
    # source code (or the source name) does
    lang = next((n for n, k in enumerate(filled[:8]) if p["language"].match(lines[k])), None)
    if lang is not None:
        facts["language_stated"] = lines[filled[lang]]
        source, end = filled[:lang], lang
        if lang + 1 < len(filled) and _is_copyright(lines[filled[lang + 1]], after_language=True):
            end = lang + 1
    else:
        cy = next((n for n, k in enumerate(filled[:7]) if _is_copyright(lines[k])), None)
        if cy is not None:
            source, end = filled[:cy], cy
        else:
            n_source = 2 if len(filled) > 1 and p["code"].match(lines[filled[1]]) else 1
            source, end = filled[:n_source], n_source - 1
    if end != lang and _is_copyright(lines[filled[end]], after_language=lang is not None):
        facts["copyright"] = lines[filled[end]]
    if source:
        facts["outlet"] = lines[source[0]]
    # after the source name: its code, the edition, the page, the volume; the first number is
    # the page (Factiva's order: ED, PG, VOL)
    numbers = [lines[k] for k in source[1:] if p["number"].match(lines[k])]
    if numbers:
        facts["page"] = numbers[0]
    return facts, filled[end] + 1


def _title_block(lines: list[str], begin: int, words_at: int, *, first: bool) -> list[str]:
    """The lines before a word count that are the document's: section, headline, byline
    (a page number Factiva may print among them left out)."""
    p = _article_patterns()
    block = [x for x in lines[begin:words_at] if x and not p["number"].match(x)]
    labels = [n for n, x in enumerate(block) if p["summary"].match(x)] if first else []
    if labels:
        # a search summary before the first document: its table's labels, each with its
        # value on the same line or on the next
        cut = labels[-1] + 1
        if not p["summary"].sub("", block[labels[-1]]).strip(" |\t") and cut < len(block) - 1:
            cut += 1
        block = block[cut:]
    return block[-3:]


#: A section line is no longer than this (4 sections in 146 of an Europresse export, none of
#: Factiva's 40, are longer; two headlines in three are)
SECTION_WIDTH = 40


def _assign_title(block: list[str], *, first: bool) -> dict:
    """Section, headline and byline from the lines before the word count, last line first:
    a byline if it looks like one, then the headline, then the section.

    Where the byline has no usual shape, the order of Factiva's fields tells: three lines
    after an accession number can only be section, headline and byline; of two lines, a first
    one longer than :data:`SECTION_WIDTH` is a headline (sections are short), so the second is
    its byline. Either way the last line is a byline only if it does not read as a sentence
    (long, or closed by its punctuation)."""
    facts: dict = {}
    by_order = len(block) == 3 and not first or len(block) == 2 and len(block[0]) > SECTION_WIDTH
    if by_order and (len(block[-1]) > 80 or re.search(r"[.?!»:]$", block[-1])):
        by_order = False
    if len(block) >= 2 and (by_order or _looks_like_byline(block[-1])):
        author = block.pop()
        if author not in _article_patterns()["no_author"]:
            facts["author"] = author
    if block:
        facts["title"] = block.pop()
    if block:
        facts["section"] = block[-1]
    return facts


def _next_title_at(lines: list[str], start: int, words_at: int) -> int:
    """Where the next document's headline (and byline) starts, when nothing marks the end of
    the text before it: the one or two lines before its word count."""
    p = _article_patterns()
    filled = [k for k in range(start, words_at) if lines[k] and not p["number"].match(lines[k])]
    take = 2 if len(filled) >= 3 and _looks_like_byline(lines[filled[-1]]) else 1
    return filled[-take] if len(filled) > take else words_at


def _parse_articles(lines: list[str], *, encoding: str) -> list[RawDocument]:
    headers = [(i, j) for i, line in enumerate(lines) if line and (j := _header_at(lines, i)) is not None]
    ends = [i for i, line in enumerate(lines) if line[:1].isupper() and _document_line(line)]
    docs: list[RawDocument] = []
    # lines before the first document (a cover, a search summary, the tail of a cut document)
    # are not its: they end at the last accession number before it, if any
    begin = max((e + 1 for e in ends if headers and e < headers[0][0]), default=0)
    for n, (words_at, date_at) in enumerate(headers):
        next_words = headers[n + 1][0] if n + 1 < len(headers) else len(lines)
        facts = _assign_title(_title_block(lines, begin, words_at, first=n == 0), first=n == 0)
        more, start = _after_date(lines, date_at)
        facts.update(more)
        k = bisect.bisect_left(ends, start)
        end = ends[k] if k < len(ends) and ends[k] < next_words else None
        if end is not None:
            facts["id"] = _document_line(lines[end])
            stop, begin = end, end + 1
        else:
            # the accession number is missing (a line lost, a file cut short): the text runs
            # to the next document's headline
            stop = begin = _next_title_at(lines, start, next_words) if n + 1 < len(headers) else len(lines)
        body = lines[start:stop]
        fields = [("HD", [facts.pop("title", "")]), ("TD", _trim(body))]
        fields += [(code, [facts[name]]) for code, name in (("AN", "id"), ("SN", "outlet"), ("SE", "section"),
                                                            ("BY", "author"), ("PG", "page"), ("CY", "copyright"),
                                                            ("LA", "language_stated")) if facts.get(name)]
        fields += [("WC", [lines[words_at]]), ("PD", [lines[date_at]])]
        doc = _document(fields, encoding)
        if doc is not None:
            docs.append(doc)
    return docs


def _trim(lines: list[str]) -> list[str]:
    a, b = 0, len(lines)
    while a < b and not lines[a]:
        a += 1
    while b > a and not lines[b - 1]:
        b -= 1
    return lines[a:b]


# --------------------------------------------------------------------------- text: the layouts


def factiva_layout(text: str) -> str | None:
    """Which Factiva text layout a text is in, or ``None`` for any other text.

    ``"codes"``: the "Full Article/Report plus Indexing" display (a field code at each line
    start: ``*HD*``, ``**HD**``, ``HD`` then a tab, two spaces, a no-break space or a table
    bar, or alone on its line with its value below); ``"codes_loose"``: the same with one
    plain space after each code; ``"article"``: the "Article" display (no codes: headline,
    "718 words", the date, the source, the text, "Document <accession number>").

    Example:
        >>> factiva_layout("Titre\\n718 words\\n15 March 2022\\nLe Figaro\\nFIGARO\\nFrench\\nTexte.\\n"
        ...                "Document FIGARO0020220315ei3f0003o")
        'article'
        >>> factiva_layout("Le Document de travail compte 718 words.") is None
        True
    """
    lines = _split_lines(text)
    if _codes_seen(lines, _code_line()):
        return "codes"
    if _loose_codes(lines):
        return "codes_loose"
    if _articles_seen(_article_lines(text)):
        return "article"
    return None


def looks_like_factiva_text(text: str) -> bool:
    """Whether a text holds Factiva documents, in any of the layouts of :func:`factiva_layout`.

    Example:
        >>> looks_like_factiva_text("*HD* Titre\\n*PD* 15 March 2022\\n*TD*\\nTexte.\\n*AN* Document X")
        True
    """
    return factiva_layout(text) is not None


def parse_factiva_text(text: str, *, encoding: str) -> list[RawDocument]:
    """The documents of a Factiva export saved as text, in the layout :func:`factiva_layout` finds.

    Field codes: one document per ``HD``, each ending with its ``AN``; a field's value is the
    rest of its code's line and the lines that follow, up to the next code; ``LP`` and ``TD``
    keep one paragraph per line (lines wrapped at a width are joined between blank lines).
    "Article" display: one document per word-count line followed by a date line; the lines
    before it are the section, headline and byline, those after it the source, language and
    copyright, then the text up to ``Document <accession number>``. The lines a print repeats
    on each page ("Page 3 of 12", "© 2022 Factiva, Inc. ...") and a search summary before the
    first document are left out.

    Example:
        >>> docs = parse_factiva_text("*HD* La Chine et le Kazakhstan\\n*PD* 15 mars 2022\\n*SN* Le Figaro\\n"
        ...                           "*TD*\\nLe président a parlé.\\n*AN* Document FIGARO00202203\\n", encoding="utf_8")
        >>> docs[0].doc_id, docs[0].export["outlet"], docs[0].export["published"]
        ('FIGARO00202203', 'Le Figaro', '2022-03-15')
        >>> docs = parse_factiva_text("La Chine et le Kazakhstan\\n523 mots\\n30 mars 2022\\nLe Figaro\\nFIGARO\\n"
        ...     "Français\\n(c) 2022 Le Figaro\\nLe président a parlé.\\nDocument FIGARO0020220330ei3u0001a", encoding="utf_8")
        >>> docs[0].doc_id, docs[0].export["title"], docs[0].export["published"], docs[0].text.split("\\n")[-1]
        ('FIGARO0020220330ei3u0001a', 'La Chine et le Kazakhstan', '2022-03-30', 'Le président a parlé.')
    """
    layout = factiva_layout(text)
    if layout == "article":
        return _parse_articles(_article_lines(text), encoding=encoding)
    lines = [x for x in _split_lines(text) if not is_page_furniture(x)]
    return _parse_codes(lines, encoding=encoding, loose=layout == "codes_loose")
