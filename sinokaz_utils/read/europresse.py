"""Europresse HTML exports: one document per article, with the facts the export states.

What belongs here: the layouts Europresse has saved its HTML exports in: the current one (one
``<article>`` per document, since about 2015) and the older table layout (one table per
document, ``Numéro de document`` in its footer); the outlet (``DocPublicationName`` without its
edition, issue number or "(site web)"), the date, section and stated word count
(``DocHeader``), the title block, subtitle, author, body paragraphs, the export's document ID
(``news·20231023·…``) and the "Aussi paru dans" list. What does not: Factiva and Nexis
(``factiva``, ``nexis``), web pages (``web``).

The file is parsed incrementally (lxml ``iterparse``), one article at a time: an export of ten
thousand articles costs ten thousand small trees, not one huge one.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ._export import drop_element, element_lines, element_text, lexicon, make_document, parse_printed_date, parse_word_count
from .text import RawDocument, decode_bytes

DATABASE = "Europresse"

#: Europresse's document ID: a kind ("news", "web"...), the date, the source code, a serial
#: that may hold "×" or "_" ("news·20231016·LM·202310162×20×21210976109")
_ID = re.compile(r"\b([a-z]{2,10}\s*·\s*\d{8}\s*·\s*[^\s·]+\s*·\s*\S+)")


def looks_like_europresse(head: str) -> bool:
    """Whether the start of an HTML file is an Europresse export (its publication-name class).

    Example:
        >>> looks_like_europresse('<span class="DocPublicationName">Le Monde</span><span class="DocHeader">')
        True
    """
    return "DocPublicationName" in head and ("DocHeader" in head or "TitreArticleVisu" in head
                                            or "titreArticle" in head)


def read_europresse(path: Path) -> Iterator[RawDocument]:
    """Yield the documents of an Europresse HTML export, in the order of the file.

    Each document's ``export`` facts: ``id`` (the document ID), ``title`` (the title block as
    Europresse shows it: kicker, title and subtitle), ``outlet``, ``edition``,
    ``publication`` (the name as stated), ``published``, ``section``, ``words_stated``,
    ``page``, ``author``, ``subtitle``, ``url``, ``also_in`` (``date - outlet`` of each
    "Aussi paru dans" entry, ``; ``-separated). Blocks that are not press articles (links to
    sites Europresse does not host, social-network posts, report excerpts) have their
    ``kind``.

    Example:
        >>> from sinokaz_utils.config import SHARED_DIR
        >>> path = SHARED_DIR / "exports" / "europresse" / "europresse_test2.html"
        >>> [d.export["outlet"] for d in read_europresse(path)] if path.exists() else ["Newspaper"] * 4
        ['Newspaper', 'Newspaper', 'Newspaper', 'Newspaper']
    """
    data = Path(path).read_bytes()
    text, encoding = decode_bytes(data, repair=False)
    if "<article" not in text:
        yield from _read_tables(text, encoding)
        return
    # lxml reads the bytes as the encoding found here, whatever the page's <meta charset> says
    # (an export may declare ISO-8859-1 and be UTF-8); UTF-8 bytes are parsed as they are,
    # without a second copy of a file that can weigh a hundred megabytes
    if encoding.startswith("utf_8") and not data.startswith(b"\xef\xbb\xbf"):
        del text
    else:
        data = text.encode("utf-8")
        del text
    yield from _read_articles(data, encoding)


def _iter_elements(data: bytes, tag: str):
    from lxml import etree

    source = io.BytesIO(data)
    for _, el in etree.iterparse(source, events=("end",), tag=tag, html=True, encoding="utf-8",
                                 huge_tree=True, recover=True, remove_comments=True):
        yield el
        # what has been read is dropped, so that memory stays that of one article
        el.clear(keep_tail=False)
        parent = el.getparent()
        while parent is not None and el.getprevious() is not None:
            del parent[0]


def _read_articles(data: bytes, encoding: str) -> Iterator[RawDocument]:
    for el in _iter_elements(data, "article"):
        doc = _article(el, encoding)
        if doc is not None:
            yield doc


def _has_class(el, name: str) -> bool:
    return name in (el.get("class") or "").split()


@lru_cache(maxsize=64)
def _class_path(name: str):
    from lxml import etree

    return etree.XPath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def _find_class(el, name: str):
    found = _class_path(name)(el)
    return found[0] if found else None


def _article(el, encoding: str) -> RawDocument | None:
    lex = lexicon()["europresse"]
    header = el.find(".//header")
    header = header if header is not None else el
    outlet, edition, publication = _publication(_find_class(el, "DocPublicationName"))
    stated = element_text(_find_class(el, "DocHeader"))
    title_block = _find_class(header, "titreArticle")
    main = _find_class(title_block, "titreArticleVisu") if title_block is not None else None
    main = main if main is not None else _find_class(el, "titreArticleVisu")
    subtitle = _find_class(title_block, "rdp__subtitle") if title_block is not None else None
    title = element_text(title_block) if title_block is not None else element_text(main)
    author, lead = _after_title(title_block if title_block is not None else main)
    kind = "article"
    for cls, name in lex["kinds"].items():
        if _find_class(el, cls) is not None:
            kind = name
            break
    doc_text = _find_class(el, "DocText")
    body, url = _body(doc_text, lex["link_phrases"]) if doc_text is not None else ([], None)
    if doc_text is None:
        section_el = el.find(".//section")
        body = element_lines(section_el) if section_el is not None else []
    if publication and any(publication.startswith(p) for p in lex["report_prefixes"]):
        kind = "rapport"
    facts = {
        "id": _document_id(el), "outlet": outlet, "edition": edition, "publication": publication,
        "published": parse_printed_date(stated), "section": _section(stated),
        "words_stated": parse_word_count(stated), "page": _page(stated), "author": author,
        "subtitle": element_text(subtitle) if subtitle is not None else None, "url": url,
        "also_in": _also_in(el),
    }
    if not title and not body:
        return None
    main_title = element_text(main) if main is not None else title
    return make_document(database=DATABASE, title=title or main_title, body=body, facts=facts, kind=kind,
                         encoding=encoding, lead=lead)


def _publication(el) -> tuple[str | None, str | None, str | None]:
    """``(outlet, edition, publication as stated)`` of a ``DocPublicationName`` element.

    The name is what comes before the first line break (after it: the edition, "SETE",
    "Toulouse ; Comminges"), without its issue number (", no. 4881") and without what a
    parenthesis adds ("(site web)", "(Lyon)", "(site web réf.) - MSN FR").
    """
    if el is None:
        return None, None, None
    lines = element_lines(el)
    if not lines:
        return None, None, None
    publication = " ".join(lines)
    name = lines[0]
    edition = " ".join(lines[1:]) or None
    name = re.split(r",\s*no\.?\s*\S", name)[0]
    name = name.split(" (")[0].strip(" -–,;")
    return (name or None), edition, publication


def _section(stated: str) -> str | None:
    # "Sciences, mercredi 18 octobre 2023 ..." / "Le Monde l'époque, lundi ...": what comes before
    # the first comma that precedes the date, when it is not a weekday or the date itself
    m = re.match(r"^\s*([^,]{2,80}?),\s*(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d)", stated or "",
                 re.I)
    if not m:
        return None
    section = m.group(1).strip(" ;_")
    return section or None


def _page(stated: str) -> str | None:
    m = re.search(r",\s*p\.\s*(.+)$", stated or "")
    return m.group(1).strip() if m else None


def _after_title(title_el) -> tuple[str | None, list[str]]:
    """The author line and the lead paragraphs that follow the title block in the header."""
    author, lead = None, []
    sib = title_el.getnext() if title_el is not None else None
    while sib is not None:
        if isinstance(sib.tag, str) and sib.tag.lower() not in ("br", "b", "img"):
            text = element_text(sib)
            if text:
                words = text.split()
                # a byline is a few capitalised words without a sentence's final stop
                if author is None and not lead and len(words) <= 8 and not text.endswith((".", "!", "?", "»")):
                    author = text
                else:
                    lead.append(text)
        elif isinstance(sib.tag, str) and sib.tag.lower() == "b" and element_text(sib):
            lead.append(element_text(sib))
        sib = sib.getnext()
    return author, lead


def _body(doc_text, link_phrases: list[str]) -> tuple[list[str], str | None]:
    url = None
    for a in doc_text.iter("a"):
        label = element_text(a)
        if any(label.startswith(p) for p in link_phrases):
            url = url or a.get("href")
            drop_element(a)
    for junk in doc_text.xpath(".//*[contains(@class,'link-not-hosted') or contains(@class,'rdp__attachnews')]"):
        drop_element(junk)
    container = _find_class(doc_text, "docOcurrContainer")
    lines = element_lines(container if container is not None else doc_text)
    return lines, url


def _document_id(el) -> str | None:
    for xp in (".//*[contains(@class,'publiC-lblNodoc')]", ".//*[@id='PubliC_lblNodoc']"):
        found = el.xpath(xp)
        if found:
            m = _ID.search(element_text(found[0]))
            if m:
                return re.sub(r"\s+", "", m.group(1))
    m = _ID.search(element_text(el.find(".//footer")) if el.find(".//footer") is not None else "")
    return re.sub(r"\s+", "", m.group(1)) if m else None


def _also_in(el) -> str | None:
    rows = []
    for tr in el.xpath(".//*[contains(@class,'apd-sources')]//tr"):
        date = tr.xpath(".//*[contains(@class,'apd-sources-date')]")
        name = tr.xpath(".//*[contains(@class,'source-name-APD')]")
        if name:
            rows.append(f"{element_text(date[0]) if date else ''} - {element_text(name[0])}".strip(" -"))
    return "; ".join(rows) or None


# --------------------------------------------------------------------------- older layout


def _read_tables(text: str, encoding: str) -> Iterator[RawDocument]:
    import lxml.html

    root = lxml.html.document_fromstring(text)
    for cell in root.xpath("//td[.//span[contains(@class,'DocPublicationName')]]"
                           "[not(ancestor::td[.//span[contains(@class,'DocPublicationName')]])]"):
        doc = _table_article(cell, encoding)
        if doc is not None:
            yield doc


def _table_article(cell, encoding: str) -> RawDocument | None:
    doc_id = None
    for table in cell.xpath(".//table"):
        m = _ID.search(element_text(table))
        doc_id = doc_id or (re.sub(r"\s+", "", m.group(1)) if m else None)
        drop_element(table)  # the header images and the certificate, not the article
    outlet, edition, publication = _publication(cell.xpath(".//span[contains(@class,'DocPublicationName')]")[0])
    stated = " ".join(element_text(s) for s in cell.xpath(".//span[contains(@class,'DocHeader')]"))
    title_el = cell.xpath(".//span[contains(@class,'TitreArticleVisu')]")
    title = element_text(title_el[0]) if title_el else None
    lines = element_lines(cell)
    start = lines.index(title) + 1 if title in lines else 0
    body, author = [], None
    for line in lines[start:]:
        m = _ID.search(line)
        if line.startswith("©") or m:
            doc_id = doc_id or (re.sub(r"\s+", "", m.group(1)) if m else None)
            if m:
                break
            continue
        if author is None and not body and len(line.split()) <= 6 and not line.endswith((".", ":", "!", "?")):
            author = line
            continue
        body.append(line)
    facts = {"id": doc_id, "outlet": outlet, "edition": edition, "publication": publication,
             "published": parse_printed_date(stated), "section": _section(stated),
             "words_stated": parse_word_count(stated), "page": _page(stated), "author": author}
    if not title and not body:
        return None
    return make_document(database=DATABASE, title=title, body=body, facts=facts, encoding=encoding)
