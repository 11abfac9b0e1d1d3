"""Word, OpenDocument, RTF and PDF files: their text, as one article or as the export they hold.

What belongs here: the paragraphs of a DOCX (python-docx), of an OpenDocument text (.odt, as
LibreOffice saves it: its ``content.xml`` read with lxml), of an RTF file (striprtf) and of a
text PDF (pypdf, lines wrapped at the page width joined back into paragraphs), and the reason
a file of one of these kinds yields no text (a scanned PDF, a damaged or encrypted file). What
the text is (one article, a Nexis Uni download, a Factiva export) is decided by
:func:`sinokaz_utils.read.registry.documents_from_text`. What does not: plain text and HTML.
"""
from __future__ import annotations

import re
import statistics
from pathlib import Path

from .reasons import describe_error, reason
from .text import UndecodableError


def docx_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a Word (.docx) file, tables included, in document order.

    Raises:
        UndecodableError: the file is not a readable DOCX (damaged, encrypted, another zip).
    """
    try:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and key errors for broken files
        raise UndecodableError(reason("corrupt", format="DOCX", cause=describe_error(exc))) from exc
    out = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag == qn("w:p"):
            out.append(_paragraph_text(block, qn))
        elif block.tag == qn("w:tbl"):
            for cell_p in block.iter(qn("w:p")):
                out.append(_paragraph_text(cell_p, qn))
    return [p.strip() for p in out]


#: The OpenDocument text namespace (ODF 1.2, section 3 and 5).
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def odt_paragraphs(path: Path) -> list[str]:
    """The headings and paragraphs of an OpenDocument text (.odt), tables and lists included,
    in document order; footnotes and annotations left out (they are not the article's text).

    Raises:
        UndecodableError: the file is not a readable OpenDocument text (damaged, encrypted).
    """
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("content.xml"), parser=etree.XMLParser(resolve_entities=False,
                                                                                           huge_tree=True))
    except Exception as exc:  # zip, key (no content.xml) and XML errors of a broken file
        raise UndecodableError(reason("corrupt", format="OpenDocument", cause=describe_error(exc))) from exc
    t = f"{{{_ODF_TEXT}}}"
    skipped = {t + "note", "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation"}
    out = []
    for el in root.iter(t + "p", t + "h"):
        if any(a.tag in skipped for a in el.iterancestors()):
            continue
        if any(a.tag in (t + "p", t + "h") for a in el.iterancestors()):
            continue  # a paragraph inside a paragraph (a frame's caption) is read with it
        out.append(" ".join(_odf_text(el, t, skipped).split()))
    return out


def _odf_text(el, t: str, skipped: set) -> str:
    """The text of an ODF element: spans and links read, ``text:s`` as its spaces, tabs and line
    breaks as a space, notes left out (their tail kept)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == t + "s":
            parts.append(" " * int(child.get(t + "c", "1")))
        elif child.tag in (t + "tab", t + "line-break"):
            parts.append(" ")
        elif child.tag not in skipped:
            parts.append(_odf_text(child, t, skipped))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraph_text(p, qn) -> str:
    parts = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if el.tag == qn("w:t"):
            parts.append(el.text or "")
        elif el.tag == qn("w:tab"):
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def rtf_text(data: bytes) -> str:
    """The text of an RTF document (its ``\\'e9`` and ``\\u233`` escapes decoded).

    Raises:
        UndecodableError: the bytes are not RTF striprtf can read.
    """
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit ASCII with escapes; an 8-bit byte is read in the code page the file
    # declares (\ansicpg1252 for French Word), latin-1 for anything else
    m = re.search(rb"\\ansicpg(\d+)", data[:4096])
    codepage = f"cp{m.group(1).decode()}" if m else "cp1252"
    try:
        raw = data.decode(codepage, errors="replace") if m else data.decode("latin-1")
        return rtf_to_text(raw, encoding=codepage if m else "cp1252", errors="replace")
    except Exception as exc:
        raise UndecodableError(reason("rtf_unreadable", cause=describe_error(exc))) from exc


_RUNS = re.compile(r"[ \t]{2,}")
_PAGE_NUMBER = re.compile(r"^(?:Page|Seite|Página|Pagina)\s+\d+\s+(?:of|sur|de|von|di)\s+\d+$", re.I)


def _page_text(page) -> str:
    # the layout mode keeps the vertical space between paragraphs as blank lines, which tells
    # a paragraph's end from a line's; the plain mode is the fallback for odd pages
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:
        return page.extract_text() or ""


def pdf_lines(path: Path) -> list[str]:
    """The text lines of a PDF, page after page; a page with no text layer gives none.

    Raises:
        UndecodableError: the PDF cannot be opened (damaged, encrypted) or has no text at all
            (a scan: it would need OCR).
    """
    import logging

    # pypdf logs what it repairs ("EOF marker not found") on the root logger's stderr: the
    # reason a file is not read is reported once, as a skipped input
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise UndecodableError(reason("pdf_encrypted")) from exc
        pages = [_page_text(page) for page in reader.pages]
    except UndecodableError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors for damaged files
        raise UndecodableError(reason("pdf_unreadable", cause=describe_error(exc))) from exc
    # no blank line between pages: a paragraph runs on from one page to the next; the page
    # numbers a PDF printer adds ("Page 2 of 10", "Page 2 sur 10") are not text
    lines = [_RUNS.sub(" ", line).strip() for page in pages for line in page.split("\n")]
    lines = [line for line in lines if not _PAGE_NUMBER.match(line)]
    if not any(line.strip() for line in lines):
        raise UndecodableError(reason("pdf_scan"))
    return lines


#: Words with their hyphens, as a text writes them (« vice-président », « Kassym-Jomart »).
_WORDS = re.compile(r"\w+(?:-\w+)*")
#: First elements French joins with a hyphen (« vice-président », « ex-ministre », « porte-parole »,
#: « sous-secrétaire », « non-prolifération »), and second elements (« lui-même », « celle-ci »).
HYPHEN_FIRST = frozenset({"vice", "ex", "porte", "sous", "non", "demi", "semi", "mi", "arrière", "avant", "après",
                          "grand", "grande", "haut", "haute", "contre", "chef", "néo", "extra", "post", "pré",
                          "franco", "sino", "russo", "euro", "afro", "américano", "italo", "germano", "anglo"})
HYPHEN_SECOND = frozenset({"même", "mêmes", "ci", "là", "t-il", "t-elle", "t-on", "il", "elle", "on", "ils",
                           "elles", "nous", "vous", "je", "tu"})


def _join_cut_word(current: str, line: str, vocabulary: set[str]) -> str:
    """Join ``current`` (ending with « - ») and the next ``line``: a word the hyphen cut at the line's
    end is written whole (« coopé- » + « ration »), a compound keeps its hyphen (« vice- » +
    « président », « elle- » + « même »): the document's own spelling decides where it has the word,
    else the French first and second elements that take a hyphen."""
    first = (_WORDS.findall(current[:-1]) or [""])[-1].split("-")[-1].lower()
    second = (_WORDS.findall(line) or [""])[0].lower()
    if f"{first}-{second}" in vocabulary:
        keep = True
    elif f"{first}{second}" in vocabulary:
        keep = False
    else:
        keep = first in HYPHEN_FIRST or second.split("-")[0] in HYPHEN_SECOND or second in HYPHEN_SECOND
    return current + line if keep else current[:-1] + line


def unwrap_lines(lines: list[str]) -> list[str]:
    """Join lines a page width wrapped back into paragraphs.

    A line ends its paragraph when a blank line follows, or when it is clearly shorter than the
    page's full lines (the last line of a paragraph, a title); a word cut by a hyphen at the end of a line is joined
    again ("coopé-" + "ration"), a compound keeps its hyphen ("Kassym-" + "Jomart", "vice-" +
    "président": ``_join_cut_word``).

    Example:
        >>> unwrap_lines(["Le président kazakh a reçu le ministre chinois des", "Affaires étrangères.",
        ...               "", "Un autre paragraphe."])
        ['Le président kazakh a reçu le ministre chinois des Affaires étrangères.', 'Un autre paragraphe.']
    """
    full = [len(x) for x in lines if x.strip()]
    if not full:
        return []
    width = statistics.quantiles(full, n=10)[-1] if len(full) >= 10 else max(full)
    vocabulary = {w.lower() for x in lines for w in _WORDS.findall(x)}
    out: list[str] = []
    current = ""
    for line in lines + [""]:
        line = line.strip()
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        if current.endswith("-") and line[:1].islower() and not current.endswith(" -"):
            current = _join_cut_word(current, line, vocabulary)
        elif current.endswith("-"):
            current += line
        else:
            current = f"{current} {line}" if current else line
        # a line clearly shorter than the page's is the last of its paragraph (or a title)
        if len(line) < 0.7 * width:
            out.append(current)
            current = ""
    return out
