"""Tables of articles (one row per article) and spreadsheets of metadata.

What belongs here: reading a ``.csv``, ``.jsonl`` or ``.parquet`` table with a ``text`` column
(:func:`read_table`), and reading a metadata sheet as spreadsheet software saves it
(:func:`read_sheet`: comma, semicolon or tab separated, any encoding, or ``.xlsx``), with the
line number of every row. What does not: validating metadata (``corpus.read_metadata``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .reasons import describe_error, reason
from .text import RawDocument, Skipped, UndecodableError, _fix_mojibake, decode_bytes, normalize_text


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
            skipped.append(Skipped(f"{path}#line{n}", reason("invalid_json", cause=describe_error(exc))))
            continue
        if not isinstance(obj, dict):
            skipped.append(Skipped(f"{path}#line{n}", reason("not_json_object")))
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
                skipped = [Skipped(f"{path}#{(f[0] if f else '')[:40]}", reason("malformed_csv_row", n=len(f)))
                           for f in bad]
    except (UndecodableError, ValueError, OSError, csv.Error) as exc:
        cause = exc if isinstance(exc, UndecodableError) else describe_error(exc)  # a reason, already French
        raise ValueError(f"{path} : table illisible ({cause})") from exc
    if "text" not in df.columns:
        raise ValueError(f"{path} : pas de colonne 'text' (colonnes : {', '.join(map(str, df.columns))})")
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
            skipped.append(Skipped(where, reason("repeated_doc_id")))
            continue
        value = row.get("text")
        text = normalize_text(str(value)) if isinstance(value, str) else ""
        if not text.strip():
            skipped.append(Skipped(where, reason("empty_text")))
            continue
        seen.add(doc_id)
        meta = {k: str(row[k]).strip() for k in TABLE_COLUMNS
                if k in row and row[k] is not None and str(row[k]).strip() not in ("", "nan", "NaT", "None")}
        docs.append(RawDocument(doc_id, where, _fix_mojibake(text), "table", meta))
    return docs, skipped


#: Separators a metadata sheet may use: a comma, the semicolon French spreadsheet software
#: writes (the comma is its decimal mark), a tab.
SHEET_DELIMITERS = (",", ";", "\t")


@dataclass
class Sheet:
    """A metadata sheet as read: its header, ``(line number, fields)`` per row, its separator.

    ``delimiter`` is None for a workbook. ``day_first`` says whether a date written with
    slashes is read day first: in a sheet separated by ``;`` or a tab (what spreadsheet software
    in France and the rest of continental Europe writes) and in a workbook; in a
    comma-separated sheet ``12/03/2022`` may be March or December, and only ISO dates are read.
    """

    header: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str | None

    @property
    def day_first(self) -> bool:
        return self.delimiter != ","


def read_sheet(path: Path) -> Sheet:
    """Read a metadata sheet; return its header and ``(line number, fields)`` for each row.

    ``.xlsx``: the first worksheet (a date cell becomes ``YYYY-MM-DD``; line numbers are the
    sheet's row numbers). Other files are text in any encoding :func:`decode_bytes` reads
    (cp1252 with a byte-order mark, as Excel saves "CSV UTF-8" or plain "CSV"), separated by
    the one of :data:`SHEET_DELIMITERS` that splits the header best, and parsed strictly:
    a row with a wrong number of fields raises.

    Raises:
        ValueError: the file cannot be parsed (the message names the file and the line).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "metadata.csv"
        >>> _ = p.write_bytes("doc_id;published\\r\\na;14/09/2020\\r\\n".encode("cp1252"))
        >>> sheet = read_sheet(p)
        >>> sheet.header, sheet.rows, sheet.day_first
        (['doc_id', 'published'], [(2, ['a', '14/09/2020'])], True)
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return Sheet(*_read_xlsx(path), None)
    try:
        text, _ = decode_bytes(path.read_bytes()) if path.stat().st_size else ("", "")
    except UndecodableError as exc:
        raise ValueError(f"{path} : le fichier de métadonnées n'est pas du texte ({exc})") from exc
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(SHEET_DELIMITERS, key=lambda d: (first.count(d), d == ","))
    return Sheet(*_parse_delimited(path, text, delimiter), delimiter)


def _parse_delimited(path: Path, text: str, delimiter: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(text), strict=True, delimiter=delimiter)
    rows = []
    try:
        header = next(reader)
    except StopIteration:
        return [], []
    except csv.Error as exc:
        raise ValueError(f"{path}, ligne 1 : en-tête CSV mal formé ({describe_error(exc)})") from exc
    start = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ValueError(f"{path}, ligne {reader.line_num} : CSV mal formé ({describe_error(exc)})") from exc
        if fields and any(f.strip() for f in fields):
            # spreadsheet software pads short rows with empty cells: trailing empty fields
            # beyond the header are not data
            while len(fields) > len(header) and not fields[-1].strip():
                fields = fields[:-1]
            if len(fields) != len(header):
                raise ValueError(f"{path}, ligne {start} : {len(header)} champs attendus "
                                 f"({', '.join(header)}), {len(fields)} trouvés")
            rows.append((start, fields))
        start = reader.line_num + 1
    return header, rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or password-protected workbook
        raise ValueError(f"{path} : classeur illisible ({describe_error(exc)})") from exc
    try:
        sheet = book.worksheets[0]
        rows = [(i, [_cell(v) for v in row]) for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    rows = [(i, r) for i, r in rows if any(c.strip() for c in r)]
    if not rows:
        return [], []
    (_, header), data = rows[0], rows[1:]
    while header and not header[-1].strip():
        header = header[:-1]
    width = len(header)
    out = []
    for line, fields in data:
        if any(f.strip() for f in fields[width:]):
            raise ValueError(f"{path}, ligne {line} : {width} champs attendus ({', '.join(header)}), "
                             f"{len(fields)} trouvés")
        out.append((line, (fields + [""] * width)[:width]))
    return header, out
