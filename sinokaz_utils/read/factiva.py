"""Factiva exports: the HTML page of field-code tables, the XML export, the text rendering.

What belongs here: Factiva's "Full Article/Report plus Indexing" display, in which every
fact of a document is behind a two- or three-letter field code (HD headline, BY byline, WC word
count, PD publication date, SN source name, SE section, LP lead paragraphs, TD text, AN
accession number...; the list is in ``data/lexicons/exports.yaml``), as Factiva saves it in HTML
(one table per document), as text (each code at the start of a line, bare or between asterisks:
``*HD*``), and its XML export (``ppsarticle`` elements). What does not: Europresse and Nexis.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ._export import element_lines, element_text, lexicon, make_document, parse_printed_date, parse_word_count
from .text import RawDocument, decode_bytes

DATABASE = "Factiva"


def looks_like_factiva_html(head: str) -> bool:
    """Whether the start of an HTML file is a Factiva export (field codes in ``td.index`` cells)."""
    return bool(re.search(r"class=['\"]?index['\"]?[^>]*>\s*(?:<p>\s*)?<b>(?:HD|SE|AN)</b>", head))


def looks_like_factiva_xml(head: str) -> bool:
    """Whether the start of an XML file is Factiva's XML export."""
    return "ppsarticle" in head.lower() or "global.factiva.com" in head


def paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs of a field: lines joined between blank lines when the field has blank lines
    (text wrapped at a fixed width), else one paragraph per line.

    Example:
        >>> paragraphs(["Le président", "a parlé.", "", "Fin."])
        ['Le président a parlé.', 'Fin.']
    """
    if "" not in lines:
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
        facts["id"] = re.sub(r"^(?:Document|Dokument)\s+", "", facts["id"]).strip()
    facts["published"] = parse_printed_date(facts.get("published"))
    facts["words_stated"] = parse_word_count(facts.get("words_stated"))
    if facts.get("author"):
        # "Charles Sapin; csapin@lefigaro.fr": the address is not the author's name
        facts["author"] = re.sub(r"[;,]?\s*\S+@\S+", "", facts["author"]).strip(" ;,") or None
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


# --------------------------------------------------------------------------- text rendering


def _code_line() -> re.Pattern:
    codes = "|".join(sorted(lexicon()["factiva"]["codes"], key=len, reverse=True))
    # "*HD*  Titre", "**PD** 15 March 2022", "HD\tTitre", "TD" alone on its line; a bare code
    # needs a tab, two spaces or the end of the line after it, so that a sentence starting
    # with "IN" or "AN" is not taken for a field
    return re.compile(r"^\s*(?:\*{1,2}(" + codes + r")\*{1,2}(?:[\s:]+|$)|(" + codes + r")(?:\t|\s{2,}|\s*$))(.*)$")


def looks_like_factiva_text(text: str) -> bool:
    """Whether a text holds Factiva documents: ``HD`` and ``AN`` field codes at line starts.

    Example:
        >>> looks_like_factiva_text("*HD* Titre\\n*PD* 15 March 2022\\n*TD*\\nTexte.\\n*AN* Document X")
        True
    """
    pattern = _code_line()
    seen = set()
    for line in text.split("\n"):
        m = pattern.match(line)
        if m:
            seen.add(m.group(1) or m.group(2))
            if {"HD", "AN"} <= seen or {"HD", "PD", "TD"} <= seen:
                return True
    return False


def parse_factiva_text(text: str, *, encoding: str) -> list[RawDocument]:
    """The documents of Factiva's text rendering: one per ``HD``, each ending with its ``AN``.

    A field's value is the rest of its code's line and the lines that follow, up to the next
    code; ``LP`` and ``TD`` keep one paragraph per line.

    Example:
        >>> docs = parse_factiva_text("*HD* La Chine et le Kazakhstan\\n*PD* 15 mars 2022\\n*SN* Le Figaro\\n"
        ...                           "*TD*\\nLe président a parlé.\\n*AN* Document FIGARO00202203\\n", encoding="utf_8")
        >>> docs[0].doc_id, docs[0].export["outlet"], docs[0].export["published"]
        ('FIGARO00202203', 'Le Figaro', '2022-03-15')
    """
    pattern = _code_line()
    docs: list[RawDocument] = []
    fields: list[tuple[str, list[str]]] = []

    def close():
        if fields:
            doc = _document(fields, encoding)
            if doc is not None:
                docs.append(doc)
        fields.clear()

    for line in text.split("\n"):
        m = pattern.match(line)
        if m:
            code = m.group(1) or m.group(2)
            # a new headline after a body starts the next document, even without an AN
            if code in ("HD", "SE") and any(c in ("HD",) for c, _ in fields) and \
                    any(c in ("LP", "TD", "AN", "PD") for c, _ in fields):
                close()
            fields.append((code, [m.group(3).strip()] if m.group(3).strip() else []))
            if code == "AN" and fields[-1][1]:
                close()
        elif fields:
            # ASCII spaces only: a no-break space opening a wrapped line is typography ("«\u00a0")
            stripped = line.strip(" \t\r")
            if stripped or fields[-1][1]:
                fields[-1][1].append(stripped)
    close()
    return docs
