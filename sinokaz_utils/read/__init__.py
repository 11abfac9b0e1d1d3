"""Reading articles from disk: finding the files, choosing a reader, decoding, normalising.

What belongs here: walking a corpus folder (``folder``), the table of readers and the identity
of each document read (``registry``), one reader per family of formats: plain text, web pages
(``web``), Word/RTF/PDF (``office``), press-database exports (``europresse``, ``factiva``,
``nexis``), tables of articles and metadata sheets (``tables``); decoding bytes and the normal
forms of text (``text``); and the reason every input that is *not* read was skipped (in
French, from the one table of ``reasons``). What does
not: removing boilerplate (``clean``), dates and titles (``dates``), duplicates
(``duplicates``), validating metadata and caching (``corpus``).

Raw files are opened read-only and never written. Everything importable from
``sinokaz_utils.read`` before it became a package still is.
"""
from __future__ import annotations

from .folder import SUFFIXES, SYSTEM_FILES, list_corpus_files, unsafe_reason
from .registry import READERS, Reader, choose_reader, documents_from_text, read_documents, read_file
from .tables import TABLE_COLUMNS, Sheet, read_sheet, read_table, read_table_frame
from .text import (BINARY_MAGIC, CANDIDATE_ENCODINGS, CYRILLIC_ENCODINGS, RawDocument, Skipped, UndecodableError,
                   _MATCH_TABLE, _fix_mojibake, decode_bytes, detect_binary, display_path, normalize_for_matching,
                   normalize_text, unescape_entities)
from .web import read_html

__all__ = [
    "BINARY_MAGIC", "CANDIDATE_ENCODINGS", "CYRILLIC_ENCODINGS", "READERS", "Reader", "RawDocument", "SUFFIXES",
    "SYSTEM_FILES", "Sheet", "Skipped", "TABLE_COLUMNS", "UndecodableError", "choose_reader", "decode_bytes", "detect_binary",
    "display_path", "documents_from_text", "list_corpus_files", "normalize_for_matching", "normalize_text",
    "read_documents", "read_file", "read_html", "read_sheet", "read_table", "read_table_frame", "unescape_entities",
    "unsafe_reason",
]
