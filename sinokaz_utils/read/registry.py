"""The table of readers: which one reads a file, chosen by its content as well as its name.

What belongs here: :data:`READERS` (one line per format: its name, its ``read_<format>(path)``
function yielding raw documents, the extensions it is tried for, and the test of the file's
first bytes that recognises it), :func:`read_documents` (every document of one file, with its
identity), :func:`read_file` (the one article of a one-article file), and what a plain text
turns out to be (:func:`documents_from_text`: one article, or a Factiva or Nexis export saved as
text). What does not: the formats themselves (the other modules of ``read``).

A new format is one function and one line of :data:`READERS`.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from ..config import HTML_SUFFIXES, TEXT_SUFFIXES, XML_SUFFIXES
from . import europresse, factiva, nexis, office
from .reasons import FORMATS, NO_EXTENSION, describe_error, reason
from .text import RawDocument, UndecodableError, decode_bytes, display_path, normalize_text, unescape_entities
from .web import read_html

#: Bytes of a file looked at to recognise its format (an export's first article can come
#: after a few hundred kilobytes of styles and hidden form fields).
SNIFF_BYTES = 1 << 20

_HTML_TAG = re.compile(r"<(?:[a-zA-Z][\w:-]*|/[a-zA-Z][\w:-]*|!--|!doctype)[\s>/]", re.IGNORECASE)
_HTML_DOCUMENT = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
                            re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Reader:
    """One format: its name, its reader, the extensions it is tried for, its content test."""

    name: str
    read: Callable[[Path], Iterable[RawDocument]]
    suffixes: tuple[str, ...]
    #: ``(first bytes, lower-case extension) -> bool``: whether the file is in this format
    sniff: Callable[[bytes, str], bool]


def _head_text(head: bytes) -> str:
    return head.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- the readers


def documents_from_text(text: str, *, encoding: str) -> list[RawDocument]:
    """What a plain text is: a Factiva or Nexis export saved as text, else one article.

    Example:
        >>> [d.kind for d in documents_from_text("Le président a parlé jeudi à Astana.", encoding="utf_8")]
        ['article']
    """
    if factiva.looks_like_factiva_text(text):
        docs = factiva.parse_factiva_text(text, encoding=encoding)
        if docs:
            return docs
    if nexis.looks_like_nexis(text):
        docs = nexis.parse_nexis_text(text, encoding=encoding)
        if docs:
            return docs
    return [RawDocument("", "", normalize_text(text), encoding)]


def read_text(path: Path) -> Iterator[RawDocument]:
    """Read a plain-text file (``.txt``, ``.md``): one article, or an export saved as text.

    HTML entities left in the text (``sign&eacute;``) are unescaped; control characters go.
    """
    data = Path(path).read_bytes()
    if not data:
        raise UndecodableError(reason("empty_file"))
    text, encoding = decode_bytes(data)
    yield from documents_from_text(unescape_entities(text), encoding=encoding)


def read_web_page(path: Path) -> Iterator[RawDocument]:
    """Read a web page saved as HTML: its main text (trafilatura) and the facts it states.

    A file named ``.html`` without a single tag is read as plain text, so that the article is
    not lost.
    """
    data = Path(path).read_bytes()
    if not data:
        raise UndecodableError(reason("empty_file"))
    text, encoding = decode_bytes(data)
    if not _HTML_TAG.search(text):
        yield from documents_from_text(unescape_entities(text), encoding=encoding)
        return
    body, meta = read_html(text)
    if not body.strip():
        raise UndecodableError(reason("html_without_text"))
    yield RawDocument("", "", normalize_text(body), encoding, meta)


def _office_documents(lines: list[str], *, encoding: str, wrapped: bool = False) -> list[RawDocument]:
    if wrapped:
        # a PDF's lines are the page's: its paragraphs (and a Nexis download's labelled lines,
        # all short) are what they were cut from; the line a print of Factiva pages repeats on
        # each page goes first, so that the paragraph it cuts is joined again
        lines = office.unwrap_lines([x for x in lines if not factiva.is_page_furniture(x)])
    return documents_from_text("\n".join(lines).strip("\n"), encoding=encoding)


def read_docx(path: Path) -> Iterator[RawDocument]:
    """Read a Word file: one article, or a Nexis Uni / Factiva download saved as DOCX."""
    yield from _office_documents(office.docx_paragraphs(path), encoding="docx")


def read_odt(path: Path) -> Iterator[RawDocument]:
    """Read an OpenDocument text (LibreOffice's .odt): one article, or an export saved as .odt."""
    yield from _office_documents(office.odt_paragraphs(path), encoding="odt")


def read_rtf(path: Path) -> Iterator[RawDocument]:
    """Read an RTF file: one article, or a Nexis Uni / Factiva download saved as RTF."""
    text = office.rtf_text(Path(path).read_bytes())
    yield from _office_documents(text.split("\n"), encoding="rtf")


def read_pdf(path: Path) -> Iterator[RawDocument]:
    """Read a text PDF: one article (wrapped lines joined), or a Nexis Uni download saved as PDF."""
    yield from _office_documents(office.pdf_lines(path), encoding="pdf", wrapped=True)


def _is_docx(head: bytes, suffix: str) -> bool:
    return head.startswith(b"PK\x03\x04") and (suffix == ".docx" or b"word/" in head[:1 << 16])


def _is_odt(head: bytes, suffix: str) -> bool:
    # the ODF package stores its mimetype first, uncompressed (ODF 1.2, part 3, section 3.3)
    return head.startswith(b"PK\x03\x04") and (b"application/vnd.oasis.opendocument.text" in head[:256]
                                                 or suffix == ".odt")


def _is_html_suffix(suffix: str) -> bool:
    return suffix in HTML_SUFFIXES


#: Every format a corpus folder is read for, tried in this order: the first whose content test
#: matches reads the file. Exports are recognised by their markup whatever the file is named
#: (an Europresse export saved as ``.htm`` or ``.txt``, a Factiva page saved as ``.html``).
READERS: list[Reader] = [
    Reader("docx", read_docx, (".docx",), _is_docx),
    Reader("odt", read_odt, (".odt",), _is_odt),
    Reader("pdf", read_pdf, (".pdf",), lambda head, suffix: b"%PDF" in head[:1024]),
    Reader("rtf", read_rtf, (".rtf",), lambda head, suffix: head.lstrip().startswith(b"{\\rtf")),
    Reader("europresse", europresse.read_europresse, HTML_SUFFIXES,
           lambda head, suffix: europresse.looks_like_europresse(_head_text(head))),
    Reader("factiva_html", factiva.read_factiva_html, HTML_SUFFIXES,
           lambda head, suffix: factiva.looks_like_factiva_html(_head_text(head))),
    Reader("lexisnexis_html", nexis.read_lexisnexis_html, HTML_SUFFIXES,
           lambda head, suffix: bool(_HTML_TAG.search(_head_text(head)[:4096]))
           and nexis.looks_like_lexisnexis_html(_head_text(head))),
    Reader("factiva_xml", factiva.read_factiva_xml, XML_SUFFIXES,
           lambda head, suffix: factiva.looks_like_factiva_xml(_head_text(head))),
    Reader("web", read_web_page, HTML_SUFFIXES,
           lambda head, suffix: _is_html_suffix(suffix) or bool(_HTML_DOCUMENT.match(_head_text(head[:4096])))),
    Reader("text", read_text, TEXT_SUFFIXES, lambda head, suffix: suffix in TEXT_SUFFIXES),
]


def choose_reader(path: Path, head: bytes) -> Reader | None:
    """The reader of :data:`READERS` for a file, from its first bytes and its extension.

    Example:
        >>> choose_reader(Path("export.htm"), b'<html><span class="DocPublicationName">X</span>'
        ...               b'<span class="DocHeader">1 mars 2022</span>').name
        'europresse'
    """
    suffix = Path(path).suffix.lower()
    for reader in READERS:
        if reader.sniff(head, suffix):
            return reader
    return None


def _doc_id_base(path: Path, root: Path) -> str:
    rel = PurePosixPath(path.relative_to(root).as_posix())
    return display_path(rel.with_suffix("") if rel.suffix else rel)


def read_documents(path: Path, *, root: Path, base: str | None = None) -> list[RawDocument]:
    """Read every document of one file of a corpus folder, with its identity.

    ``doc_id``: the database's own document ID where the export gives one; otherwise ``base``
    (the file's path inside ``root`` without its extension, by default) for a one-article file,
    ``<base>/<n>`` (n zero-padded, from 1) for each document of a file that holds several.
    ``path`` is the file; ``position`` the document's place in it.

    Raises:
        UndecodableError: empty, binary, undecodable or unreadable file, a format without text
            (a scanned PDF), or a file that holds no document; the message is the reason to report.

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> [d.doc_id for d in read_documents(RAW_DIR / "003_280498be22c27ec9.txt", root=RAW_DIR)]
        ['003_280498be22c27ec9']
    """
    path, root = Path(path), Path(root)
    with open(path, "rb") as f:  # read-only: raw files are never written
        head = f.read(SNIFF_BYTES)
    if not head:
        raise UndecodableError(reason("empty_file"))
    reader = choose_reader(path, head)
    if reader is None:
        raise UndecodableError(reason("unsupported_type", kind=display_path(path.suffix.lower()) or NO_EXTENSION))
    try:
        docs = [d for d in reader.read(path)]
    except UndecodableError:
        raise
    except zipfile.BadZipFile as exc:
        raise UndecodableError(reason("corrupt", format=FORMATS.get(reader.name, reader.name),
                                      cause=describe_error(exc))) from exc
    docs = [d for d in docs if d.text.strip()]
    if not docs:
        raise UndecodableError(reason("whitespace_only") if reader.name in ("text", "docx", "odt", "rtf", "pdf")
                               else reason("no_document", format=FORMATS.get(reader.name, reader.name)))
    if base is None and any(not d.doc_id for d in docs):
        base = _doc_id_base(path, root)
    shown = display_path(path)
    width = max(3, len(str(len(docs))))
    for n, doc in enumerate(docs, start=1):
        doc.path = shown
        if len(docs) > 1:
            doc.position = n
        if not doc.doc_id:
            doc.doc_id = f"{base}/{n:0{width}d}" if len(docs) > 1 else base
    return docs


def read_file(path: Path, *, root: Path) -> RawDocument:
    """Read one article file of a corpus folder.

    Raises:
        UndecodableError: empty, binary or undecodable file, an HTML page without main text, or
            a file that holds several documents (read it with :func:`read_documents`).

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> doc = read_file(RAW_DIR / "003_280498be22c27ec9.txt", root=RAW_DIR)
        >>> doc.doc_id, doc.encoding
        ('003_280498be22c27ec9', 'utf_8')
    """
    docs = read_documents(path, root=root)
    if len(docs) > 1:
        raise UndecodableError(reason("several_documents", n=len(docs)))
    return docs[0]
