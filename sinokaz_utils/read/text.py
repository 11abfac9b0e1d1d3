"""Bytes to text: decoding, the normal forms of text, the record of one document as read.

What belongs here: :class:`RawDocument` (one document as a reader yields it) and
:class:`Skipped`, detecting encodings (judged by the letters and the script they yield),
unescaping HTML entities left in plain text, the Unicode normal form of ``text`` and the
matching-friendly form (:func:`normalize_for_matching`), file names fit for a table. What does
not: which reader reads a file (``read.registry``), the readers themselves (the other modules
of ``read``).
"""
from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass, field

from .reasons import BINARY_KINDS, describe_error, reason

#: Encodings a French news text is plausibly in, tried by charset-normalizer when the bytes
#: are not valid UTF-8. Restricting the candidates keeps short cp1252 texts from being read as
#: some Cyrillic or Greek code page that happens to fit the same bytes.
CANDIDATE_ENCODINGS = ["utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]

#: Leading bytes of binary formats that sometimes land in a corpus folder, and their French name.
BINARY_MAGIC = {
    b"\x1f\x8b": BINARY_KINDS["gzip"],
    b"%PDF": BINARY_KINDS["pdf"],
    b"PK\x03\x04": BINARY_KINDS["zip"],
    b"\x89PNG": BINARY_KINDS["png"],
    b"\xff\xd8\xff": BINARY_KINDS["jpeg"],
    b"GIF8": BINARY_KINDS["gif"],
    b"\xd0\xcf\x11\xe0": BINARY_KINDS["ole"],
    b"{\\rtf": BINARY_KINDS["rtf"],
    b"BZh": BINARY_KINDS["bzip2"],
    b"\xfd7zXZ": BINARY_KINDS["xz"],
    b"PAR1": BINARY_KINDS["parquet"],
}

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_C1 = re.compile("[\x80-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
#: Unicode category Cc (C0 and C1 control characters) except the line feed; a regex, not a
#: per-character loop, so that a multi-megabyte file normalises in milliseconds
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
#: Control characters in a file name, line breaks included
_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


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
    #: facts a press-database export states (``title``, ``outlet``, ``published`` as ISO date,
    #: ``author``, ``section``, ``subtitle``, ``words_stated``, ``also_in``...): they win over
    #: what is extracted from the text and carry the source ``export``.
    export: dict = field(default_factory=dict)
    #: what the document is: ``"article"``, or a kind of export entry that is not a press
    #: article (``"lien"``, ``"réseau social"``, ``"rapport"``), kept but left out of analyses
    #: (``corpus.load_corpus`` also marks schedules ``"agenda"``).
    kind: str = "article"
    #: the database the export comes from (``"Europresse"``, ``"Factiva"``, ``"Nexis"``), or None.
    database: str | None = None
    #: 1-based position in a file that holds several documents; None for a one-article file.
    position: int | None = None
    #: the file it was read from, as a path inside the corpus folder (or the table's name).
    source_file: str | None = None


@dataclass
class Skipped:
    """An input that was not loaded, and why (a French reason of :data:`~sinokaz_utils.read.reasons.REASONS`)."""

    path: str
    reason: str


class UndecodableError(ValueError):
    """A file gives no text to load; the message is the French reason to report (``read.reasons``)."""


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
        'l\\'initiative " la ceinture et la route "'
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
        return _fix_mojibake(text.replace("\x00", "")), "utf_8 (octets invalides remplacés)"
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


#: Single-byte code pages of Cyrillic text, tried when a Latin reading of the bytes is not
#: plausible: Windows (Russian, Ukrainian...), KOI8-R and KOI8-U (Unix mail and old sites),
#: KZ-1048 (Kazakh letters ә ғ қ ң ө ұ ү һ і) and DOS 866.
CYRILLIC_ENCODINGS = ("cp1251", "koi8_r", "koi8_u", "kz1048", "cp866")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
#: Letters of the Russian, Kazakh, Ukrainian and Belarusian alphabets: what a right reading
#: is made of (the wrong one of two close code pages gives Serbian or Macedonian letters)
_CYRILLIC_ALPHABETS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіїєў"
                                "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІЇЄЎ")


def _is_latin_letter(c: str) -> bool:
    return c.isalpha() and ord(c) < 0x250


def _latin_mojibake_share(text: str) -> float:
    """Share of the Latin letters of ``text`` that are not ASCII.

    French has a few accented letters per sentence (under 10 % of its letters); Cyrillic bytes
    read through a Latin code page give words made of nothing else (``Òîêàåâ ïðèíÿë``).
    """
    letters = [c for c in text if _is_latin_letter(c)]
    if not letters:
        return 0.0
    return sum(ord(c) > 0x7F for c in letters) / len(letters)


def _case_coherence(text: str) -> float:
    """Share of the Cyrillic words of ``text`` written in lower, Title or UPPER case.

    Read through the wrong Cyrillic code page (KOI8-R as cp1251) the case of every letter is
    swapped or scrambled: ``пРЕЗИДЕНТ``; the right one gives words as people write them.
    """
    words = [w for w in _WORD.findall(text) if _CYRILLIC.search(w) and len(w) > 1]
    if not words:
        return 0.0
    ok = sum(w.islower() or w.isupper() or (w[0].isupper() and w[1:].islower()) for w in words)
    return ok / len(words)


def _read_cyrillic(data: bytes) -> tuple[str, str] | None:
    """Read single-byte Cyrillic text, or return ``None`` when the bytes are not that.

    Each code page of :data:`CYRILLIC_ENCODINGS` that decodes the bytes is judged by the
    script it yields (most letters Cyrillic), the case of its words, and the letters against
    symbols (KZ-1048 and cp1251 differ only where Kazakh letters are).
    """
    best, best_key = None, None
    for enc in CYRILLIC_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        high = [c for c in text if ord(c) > 0x7F]
        if not high:
            return None
        if _too_many_controls(text):
            continue
        cyr = sum(bool(_CYRILLIC.match(c)) for c in high) / len(high)
        coherence = _case_coherence(text)
        if cyr < 0.6 or coherence < 0.8:
            continue
        alphabet = sum(c in _CYRILLIC_ALPHABETS for c in high) / len(high)
        key = (round(coherence, 2), round(alphabet, 3), cyr, -CYRILLIC_ENCODINGS.index(enc))
        if best_key is None or key > best_key:
            best, best_key = (text, enc), key
    return best


def _read_utf32_without_bom(data: bytes) -> tuple[str, str] | None:
    # UTF-32 of any text has a NUL in three bytes of four (the high bytes of each code point)
    if len(data) % 4 or data.count(0) < len(data) // 2:
        return None
    for enc in ("utf_32_le", "utf_32_be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text, enc
    return None


def _too_many_controls(text: str) -> bool:
    controls = sum(unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in text)
    return "\x00" in text or controls > max(3, len(text) // 100)


def decode_bytes(data: bytes, *, repair: bool = True) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding)``.

    A byte-order mark decides first; valid UTF-8 is UTF-8, and so is UTF-8 with a few stray
    bytes among many well-formed accents (the stray bytes become U+FFFD, with encoding
    ``"utf_8 (octets invalides remplacés)"``); UTF-32 is recognised without its mark. Otherwise charset-normalizer
    picks among the Latin encodings French texts come in (:data:`CANDIDATE_ENCODINGS`), unless
    that reading is not plausible as a Latin-script language (nearly every letter accented:
    Cyrillic bytes read as cp1252), in which case the Cyrillic code page whose words come out
    as people write them wins (:data:`CYRILLIC_ENCODINGS`). A few NUL bytes in an otherwise
    clean text are dropped. Obvious mojibake (UTF-8 once decoded as cp1252 and saved again) is
    repaired with ftfy, unless ``repair=False`` (an export of many articles repairs each one,
    rather than pass megabytes through ftfy at once).

    Raises:
        UndecodableError: binary content, or bytes no candidate encoding reads cleanly.

    Example:
        >>> decode_bytes("Tokaïev".encode("cp1252"))
        ('Tokaïev', 'cp1252')
        >>> decode_bytes("Токаев принял министра в Астане".encode("koi8_r"))
        ('Токаев принял министра в Астане', 'koi8_r')
    """
    binary = detect_binary(data)
    if binary:
        raise UndecodableError(reason("binary", kind=binary))
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
                     (codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"),
                     (codecs.BOM_UTF16_BE, "utf_16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("_sig", "") + ("-bom" if enc == "utf_8_sig" else "")
            except UnicodeDecodeError as exc:
                raise UndecodableError(reason("bad_bom", encoding=enc.replace("_sig", "").replace("_", "-").upper(),
                                                    cause=describe_error(exc))) from exc
    try:
        text = data.decode("utf_8")
        if "\x00" not in text:
            return (_fix_mojibake(text) if repair else text), "utf_8"
    except UnicodeDecodeError:
        pass
    utf32 = _read_utf32_without_bom(data)
    if utf32 is not None:
        return utf32
    damaged = _read_damaged_utf8(data)
    if damaged is not None:
        return damaged
    nuls = data.count(0)
    if 0 < nuls <= max(16, len(data) // 200):
        # a few NULs in a single-byte text (a bad copy, a file padded by an old editor): the
        # text around them is what matters
        try:
            text, enc = _decode_single_byte(data.replace(b"\x00", b""))
        except UndecodableError as exc:
            raise UndecodableError(reason("binary_nul")) from exc
        if _too_many_controls(text):
            raise UndecodableError(reason("binary_control"))
        return text, f"{enc} (octets NUL retirés)"
    return _decode_single_byte(data)


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    # a Latin reading in which nearly every letter is accented is Cyrillic read as cp1252
    latin = data.decode("cp1252", errors="replace")
    if _latin_mojibake_share(latin) > 0.3:
        cyrillic = _read_cyrillic(data)
        if cyrillic is not None:
            return cyrillic
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
            raise UndecodableError(reason("binary_nul"))
        french = _read_french_cp1252(data)
        if french is not None:
            return french
        raise UndecodableError(reason("undecodable"))
    text = str(best)
    if not best.encoding.startswith(("utf", "cp1252")):
        # between single-byte readings, the one that gives French letters wins: with one odd
        # line charset-normalizer can prefer cp850, turning every "é" of a cp1252 article into "Ú"
        french = _read_french_cp1252(data)
        if french is not None and _french_share(french[0]) >= _french_share(text):
            return _fix_mojibake(french[0]), french[1]
    # NUL bytes in what is supposed to be text: a binary file charset-normalizer forced open.
    if _too_many_controls(text):
        raise UndecodableError(reason("binary_control"))
    return _fix_mojibake(text), best.encoding


_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def unescape_entities(text: str) -> str:
    """Replace the HTML entities left in a plain-text article by their characters.

    Text copied from a web page's source, or exported by a tool that escaped it, keeps
    ``sign&eacute;`` or ``&#8217;``; only complete entities (with their ``;``) are replaced,
    so an ampersand of the text (``R&D``, ``AT&T``) stays.

    Example:
        >>> unescape_entities("accord sign&eacute; &#171;&nbsp;hier&nbsp;&#187; par R&D")
        'accord signé «\xa0hier\xa0» par R&D'
    """
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


def display_path(path) -> str:
    """Return ``path`` as text any table, manifest or terminal can hold.

    A file name that is not valid UTF-8 (typically a latin-1 name from an old archive) comes
    from the file system with undecodable bytes as lone surrogates, which Parquet, JSON and
    UTF-8 output refuse; those bytes are read as cp1252 instead (``café`` for ``caf\\xe9``).
    Control characters in a name (a line break typed into a file name) are written as
    escapes (``\\n``), so that one skipped file is one line on the terminal.

    Example:
        >>> display_path("noms/caf\\udce9.txt")
        'noms/café.txt'
        >>> display_path("noms/deux\\nlignes.txt")
        'noms/deux\\\\nlignes.txt'
    """
    text = re.sub(r"[\udc80-\udcff]",
                  lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", errors="replace"), str(path))
    if _NAME_CONTROL.search(text):
        text = _NAME_CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text
