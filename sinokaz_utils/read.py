"""Reading articles from disk: finding the files, decoding them, normalising their text.

What belongs here: walking a corpus folder (``.txt``, ``.md``, ``.html``/``.htm``) or reading a
table file (``.csv``, ``.jsonl``, ``.parquet`` with a ``text`` column), detecting encodings,
extracting the main text of HTML pages, the Unicode normal form of ``text`` and the
matching-friendly form (:func:`normalize_for_matching`), and the reason every input that is
*not* read was skipped. What does not: removing boilerplate (``clean``), dates and titles
(``dates``), duplicates (``duplicates``), metadata files and caching (``corpus``).

Raw files are opened read-only and never written.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from .config import HTML_SUFFIXES, TEXT_SUFFIXES

#: File names that operating systems leave in folders; never articles.
SYSTEM_FILES = {"thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db", "icon\r"}

#: Encodings a French news text is plausibly in, tried by charset-normalizer when the bytes
#: are not valid UTF-8. Restricting the candidates keeps short cp1252 texts from being read as
#: some Cyrillic or Greek code page that happens to fit the same bytes.
CANDIDATE_ENCODINGS = ["utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]

#: Leading bytes of binary formats that sometimes land in a corpus folder.
BINARY_MAGIC = {
    b"\x1f\x8b": "gzip archive",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "zip archive (or docx/odt)",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"{\\rtf": "RTF document",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
    b"PAR1": "Parquet file",
}

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_C1 = re.compile("[\x80-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
#: Unicode category Cc (C0 and C1 control characters) except the line feed; a regex, not a
#: per-character loop, so that a multi-megabyte file normalises in milliseconds
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


@dataclass
class RawDocument:
    """One article as read: its id, where it came from, its normalised text and page facts."""

    doc_id: str
    path: str
    text: str
    encoding: str
    #: facts the source itself states (a table's title/url/published/outlet columns, an HTML
    #: page's title, canonical URL, site name and date), before any extraction from the text.
    meta: dict = field(default_factory=dict)


@dataclass
class Skipped:
    """An input that was not loaded, and why."""

    path: str
    reason: str


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


def normalize_text(text: str) -> str:
    """Return ``text`` in the normal form every loaded document has.

    NFC; one line-ending convention (``\\n``); zero-width characters, soft hyphens and control
    characters removed (tabs become spaces); trailing spaces of each line dropped. Typographic
    apostrophes, « » and non-breaking spaces are kept: they are part of French typography.

    Example:
        >>> normalize_text("Astana\\r\\nl\\u2019accord\\u200b  \\r\\n")
        'Astana\\nl’accord\\n'
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text).translate(_ZERO_WIDTH).replace("\t", " ")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


_MATCH_TABLE = str.maketrans({
    "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "–": "-", "—": "-", "‑": "-", "‐": "-", "−": "-",
    "…": "...",
})


def normalize_for_matching(text: str, *, strip_accents: bool = False) -> str:
    """Return a form of ``text`` for comparing and pattern matching, never for display.

    Case-folded; straight apostrophes and double quotes for every typographic variant;
    dashes as ``-``; every kind of space as one space; optionally without accents.

    Example:
        >>> normalize_for_matching("L’initiative « la Ceinture et la Route »")
        'l\\'initiative "la ceinture et la route"'
        >>> normalize_for_matching("Tokaïev", strip_accents=True)
        'tokaiev'
    """
    text = unicodedata.normalize("NFC", text or "").translate(_MATCH_TABLE).casefold()
    if strip_accents:
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip()


def detect_binary(data: bytes) -> str | None:
    """Return what binary format ``data`` looks like, or ``None`` when it may be text."""
    for magic, name in BINARY_MAGIC.items():
        if data.startswith(magic):
            return name
    return None


def _fix_mojibake(text: str) -> str:
    # UTF-8 read as cp1252/latin-1 and saved again ("prÃ©sident"): ftfy undoes it and
    # leaves text alone when it is not sure; only its encoding fixer is used, so
    # apostrophes, quotes and spaces stay as they are.
    try:
        import ftfy
    except ImportError:  # pragma: no cover - ftfy is a declared dependency
        return text
    if "Ã" not in text and "â€" not in text and "Â" not in text:
        return text
    return ftfy.fix_encoding(text)


def _read_damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """Read UTF-8 text with a few stray bytes (a cut download, a NUL), or return ``None``.

    Only when the valid multi-byte characters (accents) far outnumber the bad bytes: a file in
    cp1252 or latin-1 has no valid UTF-8 accents, so it goes on to charset-normalizer. The bad
    bytes become U+FFFD and NULs are dropped, so that one damaged line does not lose the
    article.
    """
    text = data.decode("utf_8", errors="replace")
    bad = text.count("\ufffd") + text.count("\x00")
    accents = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if bad and bad <= max(16, len(text) // 100) and accents >= 5 * bad:
        return _fix_mojibake(text.replace("\x00", "")), "utf_8 (damaged)"
    return None


#: Non-ASCII characters of French text and typography (what cp1252 French articles are made of).
_FRENCH_CHARS = frozenset("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’‘“”–—…°€\u00a0")


def _read_french_cp1252(data: bytes) -> tuple[str, str] | None:
    """Read bytes charset-normalizer refused as cp1252 when they are plainly French, else ``None``.

    charset-normalizer refuses a whole article for one odd short line (``"A¡"`` under a
    paragraph of cp1252 French): rather than lose the article, the bytes are read as cp1252
    when that reading is valid and most of its non-ASCII characters are French letters or
    typography. The same test breaks ties between single-byte readings.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _french_share(text) > 0.5:
        return text, "cp1252"
    return None


def _french_share(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are French letters or typography."""
    high = [c for c in text if ord(c) > 0x7F]
    return sum(c in _FRENCH_CHARS for c in high) / len(high) if high else 0.0


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding)``.

    A byte-order mark decides first; valid UTF-8 is UTF-8, and so is UTF-8 with a few stray
    bytes among many well-formed accents (the stray bytes become U+FFFD, with encoding
    ``"utf_8 (damaged)"``); otherwise charset-normalizer picks
    among the encodings French texts come in (:data:`CANDIDATE_ENCODINGS`). Obvious mojibake
    (UTF-8 once decoded as cp1252 and saved again) is repaired with ftfy.

    Raises:
        UndecodableError: binary content, or bytes no candidate encoding reads cleanly.

    Example:
        >>> decode_bytes("Tokaïev".encode("cp1252"))
        ('Tokaïev', 'cp1252')
    """
    binary = detect_binary(data)
    if binary:
        raise UndecodableError(f"binary file ({binary})")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
                     (codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"),
                     (codecs.BOM_UTF16_BE, "utf_16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("_sig", "") + ("-bom" if enc == "utf_8_sig" else "")
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"undecodable: invalid {enc} after its byte-order mark ({exc.reason})") from exc
    try:
        text = data.decode("utf_8")
        if "\x00" not in text:
            return _fix_mojibake(text), "utf_8"
    except UnicodeDecodeError:
        pass
    damaged = _read_damaged_utf8(data)
    if damaged is not None:
        return damaged
    from charset_normalizer import from_bytes

    # without a byte-order mark, UTF-16 of Latin-script text has a NUL in every other byte:
    # bytes with few NULs are not UTF-16 (a short cp1252 "ç\nç\n" read as UTF-16 is Gujarati)
    candidates = CANDIDATE_ENCODINGS
    if data.count(0) < len(data) // 5:
        candidates = [e for e in CANDIDATE_ENCODINGS if e not in ("utf_16_le", "utf_16_be")]
    results = from_bytes(data, cp_isolation=candidates)
    best = results.best()
    # C1 control characters (U+0080-U+009F) in a decoded French text mean the code page is
    # wrong: "\x9cuvre" from ISO-8859-15 is "œuvre" in cp1252. Among the candidates that read
    # the bytes without them, the least chaotic wins.
    clean = [m for m in results if not _C1.search(str(m))]
    if best is not None and _C1.search(str(best)) and clean:
        best = min(clean, key=lambda m: (m.chaos, -m.coherence))
    if best is None:
        if b"\x00" in data:
            raise UndecodableError("binary file (NUL bytes)")
        french = _read_french_cp1252(data)
        if french is not None:
            return french
        raise UndecodableError("undecodable: no text encoding reads these bytes cleanly")
    text = str(best)
    if not best.encoding.startswith(("utf", "cp1252")):
        # between single-byte readings, the one that gives French letters wins: with one odd
        # line charset-normalizer can prefer cp850, turning every "é" of a cp1252 article into "Ú"
        french = _read_french_cp1252(data)
        if french is not None and _french_share(french[0]) > _french_share(text):
            return _fix_mojibake(french[0]), french[1]
    # NUL bytes in what is supposed to be text: a binary file charset-normalizer forced open.
    if "\x00" in text or sum(unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in text) > max(3, len(text) // 100):
        raise UndecodableError("binary file (NUL or control bytes)")
    return _fix_mojibake(text), best.encoding


def read_html(html: str) -> tuple[str, dict]:
    """Extract the main text of an HTML page with trafilatura; return ``(text, page_facts)``.

    The text has one paragraph per line, the page's headline first (when the page has one);
    navigation, scripts, comments and footers are left out by trafilatura. ``page_facts`` holds
    the title, canonical URL, site name and the date the page's own metadata states.

    Example:
        >>> text, facts = read_html("<html><head><title>T</title></head><body><article>"
        ...     "<h1>Titre</h1><p>Le président chinois Xi Jinping a rencontré mercredi à Astana "
        ...     "son homologue kazakh Kassym-Jomart Tokaïev pour parler de coopération.</p>"
        ...     "</article></body></html>")
        >>> "Xi Jinping" in text
        True
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return "", {}
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    body = (get("text") or "").strip()
    title = _strip_site_suffix((get("title") or "").strip(), get("sitename") or "")
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if title and (not lines or normalize_for_matching(lines[0]) != normalize_for_matching(title)):
        lines.insert(0, title)
    facts = {k: get(k) for k in ("title", "url", "sitename", "date") if get(k)}
    if title:
        facts["title"] = title
    return "\n".join(lines) if body else "", facts


def _strip_site_suffix(title: str, sitename: str) -> str:
    # page titles often end with the site's name: "Xi Jinping au Kazakhstan - Xinhua | French.news.cn"
    m = re.match(r"^(.{10,}?)\s+[|–—-]\s+(.{2,60})$", title)
    if not m:
        return title
    tail = normalize_for_matching(m.group(2))
    site = normalize_for_matching(sitename)
    if (site and (site in tail or tail in site)) or re.search(r"\w\.(?:cn|com|fr|kz|net|org)\b", tail):
        return _strip_site_suffix(m.group(1).strip(), sitename)
    return title


def display_path(path) -> str:
    """Return ``path`` as text any table, manifest or terminal can hold.

    A file name that is not valid UTF-8 (typically a latin-1 name from an old archive) comes
    from the file system with undecodable bytes as lone surrogates, which Parquet, JSON and
    UTF-8 output refuse; those bytes are read as cp1252 instead (``café`` for ``caf\\xe9``).

    Example:
        >>> display_path("noms/caf\\udce9.txt")
        'noms/café.txt'
    """
    return re.sub(r"[\udc80-\udcff]",
                  lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", errors="replace"), str(path))


def _doc_id_for(path: Path, root: Path) -> str:
    rel = PurePosixPath(path.relative_to(root).as_posix())
    return display_path(rel.with_suffix("") if rel.suffix else rel)


def unsafe_reason(path: Path, root: Path) -> str | None:
    """Return why ``path`` inside corpus folder ``root`` must not be opened, or ``None``.

    Symbolic links are followed only to regular files inside the folder; named pipes, sockets
    and devices are never opened (reading a pipe would block for ever).

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> unsafe_reason(RAW_DIR / "003_280498be22c27ec9.txt", RAW_DIR) is None
        True
    """
    path = Path(path)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "broken symbolic link"
        if not target.is_relative_to(Path(root).resolve()):
            return "symbolic link pointing outside the corpus folder (not followed)"
        if not target.is_file():
            return "symbolic link to something that is not a file"
        return None
    if not path.is_file():
        return "not a regular file (named pipe, socket or device)"
    return None


def list_corpus_files(root: Path) -> tuple[list[Path], list[Skipped]]:
    """List the article files of a corpus folder, recursively; say why each other entry is skipped.

    Hidden entries (dotfiles, dot-folders), system files, symbolic links pointing outside the
    folder (never followed), links to folders, broken links and unsupported file types are
    skipped with a reason. ``metadata.csv`` at the top of the folder is the folder's metadata,
    not an article, and is neither listed nor reported.

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> files, skipped = list_corpus_files(RAW_DIR)
        >>> len(files) >= 5
        True
    """
    root = Path(root)
    files: list[Path] = []
    skipped: list[Skipped] = []
    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for d in sorted(dirnames):
            p = here / d
            if d.startswith("."):
                skipped.append(Skipped(display_path(p), "hidden folder (not read)"))
            elif p.is_symlink():
                skipped.append(Skipped(display_path(p), "symbolic link to a folder (not followed)"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(filenames):
            p = here / name
            if here == root and name == "metadata.csv":
                # the folder's metadata, read by ``corpus`` only when it is safe to open
                reason = unsafe_reason(p, root)
                if reason:
                    skipped.append(Skipped(display_path(p), f"metadata file not read: {reason}"))
                continue
            if name.lower() in SYSTEM_FILES:
                skipped.append(Skipped(display_path(p), "system file"))
                continue
            if name.startswith("."):
                skipped.append(Skipped(display_path(p), "hidden file"))
                continue
            reason = unsafe_reason(p, root)
            if reason:
                skipped.append(Skipped(display_path(p), reason))
                continue
            if p.suffix.lower() not in suffixes:
                kind = display_path(p.suffix.lower()) or "no extension"
                skipped.append(Skipped(display_path(p), f"unsupported file type ({kind})"))
                continue
            files.append(p)
    return sorted(files, key=lambda p: p.relative_to(root).as_posix()), skipped


_HTML_TAG = re.compile(r"<(?:[a-zA-Z][\w:-]*|/[a-zA-Z][\w:-]*|!--|!doctype)[\s>/]", re.IGNORECASE)
_HTML_DOCUMENT = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
                            re.IGNORECASE | re.DOTALL)


def read_file(path: Path, *, root: Path) -> RawDocument:
    """Read one article file of a corpus folder.

    Raises:
        UndecodableError: empty, binary or undecodable file, or an HTML page without main text;
            the message is the reason to report.

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> doc = read_file(RAW_DIR / "003_280498be22c27ec9.txt", root=RAW_DIR)
        >>> doc.doc_id, doc.encoding
        ('003_280498be22c27ec9', 'utf_8')
    """
    path = Path(path)
    with open(path, "rb") as f:  # read-only: raw files are never written
        data = f.read()
    if not data:
        raise UndecodableError("empty file")
    text, encoding = decode_bytes(data)
    meta: dict = {}
    # what the bytes are decides, not only the name: a page saved from a browser as .txt is
    # HTML (its scripts and menus are not article text), a .html file without a single tag
    # is plain text (trafilatura would find nothing in it and the article would be lost)
    is_html = path.suffix.lower() in HTML_SUFFIXES
    if is_html and not _HTML_TAG.search(text):
        is_html = False
    elif not is_html and _HTML_DOCUMENT.match(text):
        is_html = True
    if is_html:
        text, meta = read_html(text)
        if not text.strip():
            raise UndecodableError("HTML page without main text")
    text = normalize_text(text)
    if not text.strip():
        raise UndecodableError("empty (whitespace only)")
    return RawDocument(_doc_id_for(path, Path(root)), display_path(path), text, encoding, meta)


TABLE_COLUMNS = ("title", "url", "published", "outlet")


def read_table_frame(path: Path) -> pd.DataFrame:
    """Read a ``.csv``, ``.jsonl`` or ``.parquet`` table of articles as a DataFrame of strings.

    Raises:
        ValueError: the table cannot be parsed or has no ``text`` column (message names the file).
    """
    return _read_table_rows(Path(path))[0]


def _read_jsonl(raw: str, path: Path) -> tuple[pd.DataFrame, list[Skipped]]:
    # line by line: one half-written line must not lose every other article of the file
    records, skipped = [], []
    for n, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            skipped.append(Skipped(f"{path}#line{n}", f"invalid JSON ({getattr(exc, 'msg', exc)})"))
            continue
        if not isinstance(obj, dict):
            skipped.append(Skipped(f"{path}#line{n}", "not a JSON object"))
            continue
        records.append(obj)
    return pd.DataFrame(records), skipped


def _read_table_rows(path: Path) -> tuple[pd.DataFrame, list[Skipped]]:
    suffix = path.suffix.lower()
    skipped: list[Skipped] = []
    try:
        if suffix == ".parquet":
            df = pd.read_parquet(path)
        else:
            raw, _ = decode_bytes(path.read_bytes())
            if suffix == ".jsonl":
                df, skipped = _read_jsonl(raw, path)
            else:
                bad: list[list[str]] = []
                # the python engine hands over rows with a wrong number of fields, to report them
                df = pd.read_csv(io.StringIO(raw), dtype=str, keep_default_na=False, engine="python",
                                 on_bad_lines=lambda fields: bad.append(fields))
                skipped = [Skipped(f"{path}#{(f[0] if f else '')[:40]}", f"malformed CSV row ({len(f)} fields)")
                           for f in bad]
    except (UndecodableError, ValueError, OSError, csv.Error) as exc:
        raise ValueError(f"{path}: cannot read the table: {exc}") from exc
    if "text" not in df.columns:
        raise ValueError(f"{path}: no 'text' column (columns: {', '.join(map(str, df.columns))})")
    return df, skipped


def read_table(path: Path) -> tuple[list[RawDocument], list[Skipped]]:
    """Read the articles of a table file (one row per article).

    ``doc_id`` is the table's ``doc_id`` column, or ``row<N>`` (1-based) without one. Optional
    ``title``, ``url``, ``published``, ``outlet`` columns are kept as the source's own facts.
    Rows with an empty text or a repeated doc_id, malformed CSV rows and JSON Lines that are
    not a JSON object are skipped with their reason.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
        >>> _ = p.write_text("doc_id,text\\na,Le président kazakh a reçu Wang Yi.\\n", encoding="utf-8")
        >>> docs, skipped = read_table(p)
        >>> docs[0].doc_id, skipped
        ('a', [])
    """
    path = Path(path)
    df, skipped = _read_table_rows(path)
    docs: list[RawDocument] = []
    seen: set[str] = set()
    for i, row in enumerate(df.to_dict("records"), start=1):
        raw_id = row.get("doc_id")
        doc_id = str(raw_id).strip() if raw_id is not None and str(raw_id).strip() not in ("", "nan", "None") else f"row{i}"
        where = f"{path}#{doc_id}"
        if doc_id in seen:
            skipped.append(Skipped(where, "repeated doc_id in the table"))
            continue
        value = row.get("text")
        text = normalize_text(str(value)) if isinstance(value, str) else ""
        if not text.strip():
            skipped.append(Skipped(where, "empty text"))
            continue
        seen.add(doc_id)
        meta = {k: str(row[k]).strip() for k in TABLE_COLUMNS
                if k in row and row[k] is not None and str(row[k]).strip() not in ("", "nan", "NaT", "None")}
        docs.append(RawDocument(doc_id, where, _fix_mojibake(text), "table", meta))
    return docs, skipped
