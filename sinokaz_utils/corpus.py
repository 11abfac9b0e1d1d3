"""The corpus: loading a folder or table of articles into one table of documents.

What belongs here: :class:`Corpus`, :func:`load_corpus` (read → clean → facts → curated
metadata → language → duplicates, cached), :func:`documents_table` (what ``sinokaz documents``
prints), reading and validating a curated metadata CSV. What does not: how files are decoded
(``read``), which lines are boilerplate (``clean``), how dates are read (``dates``), how copies
are found (``duplicates``).

Curated metadata (``metadata.csv``/``.tsv``/``.xlsx`` inside the corpus folder, or ``metadata=``)
adds or overrides facts by ``doc_id``: curated wins over extracted and over an export's facts,
with source ``metadata``. An export's own facts (title, outlet, date) win over what is read in
the text, with source ``export``. A ``url`` given there counts as evidence (URL dates, outlet
domains). Raw files are never written.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from . import cache
from .config import (DEFAULT_LANGUAGE, EXPORTS_FILE, METADATA_FILE, METADATA_NAMES, PROCESSED_DIR, RAW_DIR,
                     TABLE_SUFFIXES, VERSION)
from .clean import rules_fingerprint
from .labels import SKIPPED, SinokazWarning, agree, count_noun, format_int
from .read import (RawDocument, Skipped, UndecodableError, display_path, list_corpus_files, read_documents, read_sheet,
                   read_table, unsafe_reason)
from .read.reasons import METADATA_LINE, describe_error, invalid_metadata_value, metadata_problem, reason

#: Columns of ``Corpus.docs``, in order.
DOC_COLUMNS = [
    "doc_id", "path", "title", "title_derived", "title_source", "outlet", "outlet_source", "url",
    "published", "published_source", "published_partial", "published_evidence", "published_candidates",
    "event_date", "event_date_source", "event_date_partial", "event_date_evidence", "event_place",
    "event_place_source", "language", "n_words", "duplicate_of", "text", "text_clean",
]
#: Where each document comes from and what its source states about it (an export's facts):
#: ``source_file`` (the file, inside the corpus folder), ``database`` (Europresse, Factiva,
#: Nexis, or empty), ``kind`` (``article``, or ``lien``/``réseau social``/``rapport`` for export
#: entries that are not press articles, ``agenda`` for schedules: kept, left out of analyses), ``encoding`` (how the
#: bytes were decoded), ``author``, ``section``, ``subtitle``, ``edition``, ``words_stated``
#: (the export's word count) and ``also_in`` ("Aussi paru dans": ``date - outlet; ...``).
SOURCE_COLUMNS = ["source_file", "database", "kind", "encoding", "author", "section", "subtitle", "edition",
                  "words_stated", "also_in"]
DOC_COLUMNS = DOC_COLUMNS[:DOC_COLUMNS.index("text")] + SOURCE_COLUMNS + DOC_COLUMNS[DOC_COLUMNS.index("text"):]
#: The kind of document analyses use (:meth:`Corpus.documents`).
ARTICLE_KIND = "article"
#: The kind of a press item that is a schedule (TV programme, cinema times, a town's agenda of
#: events) rather than an article: kept, counted, left out of analyses (``is_listing``).
LISTING_KIND = "agenda"
#: Times of day as French writes them: « 20 h 30 », « 14h », « 15 heures ».
#: (any space of a line between the figures and « h »: typesetting puts thin and hair spaces there)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[^\S\n]?[hH](?:[^\S\n]?\d{2})?\b|\b\d{1,2}[^\S\n]heures\b")


def is_listing(text: str, *, min_times: int = 10, per_100_words: float = 1.0) -> bool:
    """Whether a cleaned text is a schedule: at least ``min_times`` times of day, and at least
    ``per_100_words`` of them per 100 words.

    On the real Europresse export of ../shared (305 items), the 67 cinema, TV and local-event
    listings hold 10 to 400 times of day, 1.1 to 23 per 100 words; the two most timed articles
    (a sports report and a live report, « Coupe du monde de rugby EN DIRECT ») 9 and 8, the
    others at most 7. No article of the bundled corpus, corpus_dev or corpus_press has more than 3.

    Example:
        >>> is_listing("Aujourd'hui. Loto à 14 h 30. " * 12), is_listing("Il est arrivé à 20 h 30 à Astana.")
        (True, False)
    """
    times = len(_TIME_OF_DAY.findall(text))
    return times >= min_times and times * 100 >= per_100_words * max(1, len(text.split()))


#: Columns a curated metadata file may carry (besides ``doc_id``).
METADATA_COLUMNS = ["url", "outlet", "published", "event_date", "event_place", "title", "source"]
_DATE_COLUMNS = ("published", "event_date")
_PARAMETERS = {"duplicates": {"shingle": 5, "num_perm": 128, "lsh_threshold": 0.5, "containment": 0.6},
               "language_min_chars": 40, "language_max_chars": 20_000}


@dataclass
class Corpus:
    """A loaded corpus: one row per document, the cleaning audit, and every input not loaded.

    Attributes:
        docs: one row per loaded document (columns :data:`DOC_COLUMNS`).
        audit: cleaning audit: ``doc_id, line_no`` (1-based in ``text``), ``line``, ``rule``.
        skipped: ``path, reason`` for every input not loaded.
        source: the folder or table it came from.
        fingerprint: hash of inputs, metadata, parameters and version; downstream caches key on it.
        metadata_issues: ``file, line, doc_id, column, problem`` for metadata rows or values ignored.
    """

    docs: pd.DataFrame
    audit: pd.DataFrame
    skipped: pd.DataFrame
    source: str
    fingerprint: str
    metadata_issues: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["file", "line", "doc_id", "column", "problem"]))

    def documents(self, *, include_duplicates: bool = False, language: str | None = DEFAULT_LANGUAGE,
                  kind: str | None = ARTICLE_KIND) -> pd.DataFrame:
        """Return the documents analyses use: each story once, in ``language``, of ``kind``.

        ``language=None`` and ``kind=None`` keep every language and every kind (an export's
        links to articles it does not host, social-network posts and report excerpts are
        loaded with their kind, and left out by default).

        Example:
            >>> corpus = load_corpus(cache_dir=None)
            >>> len(corpus.documents()) <= len(corpus.docs)
            True
        """
        df = self.docs
        if not include_duplicates:
            df = df[df["duplicate_of"].isna()]
        if language is not None:
            df = df[df["language"] == language]
        if kind is not None and "kind" in df.columns:
            df = df[df["kind"].fillna(ARTICLE_KIND) == kind]
        return df.reset_index(drop=True)

    def __len__(self) -> int:
        return len(self.docs)

    def __repr__(self) -> str:
        copies = int(self.docs["duplicate_of"].notna().sum()) if len(self.docs) else 0
        return (f"Corpus({count_noun(len(self.docs), 'document')} de {self.source!r}, {format_int(len(self.skipped))} "
                f"{agree(len(self.skipped), 'ignoré')}, {count_noun(copies, 'copie')})")


# --------------------------------------------------------------------------- metadata


#: Day-first dates as French spreadsheet software writes them ("14/09/2020", "14.09.2020")
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _iso_date(value: str) -> str:
    """``value`` as ``YYYY-MM-DD`` when it is a day-first date, else unchanged (validated later).

    Example:
        >>> _iso_date("14/09/2020"), _iso_date("2020-09-14"), _iso_date("09/31/2020")
        ('2020-09-14', '2020-09-14', '09/31/2020')
    """
    m = _DAY_FIRST.match(value or "")
    if not m:
        return value
    day, month, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return value


def read_metadata(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and validate a curated metadata sheet; return ``(metadata, issues)``.

    The sheet is a CSV (comma, semicolon or tab separated, in any encoding, with or without a
    byte-order mark: as French spreadsheet software saves it) or an ``.xlsx`` workbook (see
    :func:`sinokaz_utils.read.read_sheet`). Dates are ISO (``2020-09-14``); in a sheet separated
    by ``;`` or tabs and in a workbook, also day first as in France (``14/09/2020``: in a
    comma-separated sheet that date could be month first, and is reported). The file needs a
    ``doc_id`` column; known columns are :data:`METADATA_COLUMNS` (others are ignored).
    Validation uses pandera. A file that cannot be parsed, lacks ``doc_id`` or names a doc_id
    twice raises one ``ValueError`` naming the file and the line. Invalid dates are reported in
    ``issues`` and ignored (the rest of the row stays). An empty file is no metadata.

    Example:
        >>> meta, issues = read_metadata(METADATA_FILE)
        >>> "doc_id" in meta.columns and issues.empty
        True
    """
    import pandera.pandas as pa

    path = Path(path)
    issues = []
    sheet = read_sheet(path)
    header, rows = sheet.header, sheet.rows
    if not header:
        return pd.DataFrame(columns=["doc_id", *METADATA_COLUMNS, "_line"]), pd.DataFrame(
            columns=["file", "line", "doc_id", "column", "problem"])
    header = [h.strip().lstrip("\ufeff") for h in header]
    if "doc_id" not in header:
        raise ValueError(f"{path}, ligne 1 : pas de colonne 'doc_id' (colonnes : {', '.join(header)})")
    df = pd.DataFrame([f for _, f in rows], columns=header, dtype=str)
    df["_line"] = [n for n, _ in rows]
    for col in ["doc_id", *METADATA_COLUMNS]:
        if col not in df.columns:
            df[col] = ""
    df = df[["doc_id", *METADATA_COLUMNS, "_line"]].copy()
    for col in ["doc_id", *METADATA_COLUMNS]:
        df[col] = df[col].fillna("").astype(str).str.strip()
    if sheet.day_first:
        for col in _DATE_COLUMNS:
            df[col] = df[col].map(_iso_date)

    def _valid_date(s: pd.Series) -> pd.Series:
        parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
        return (s == "") | parsed.notna()

    schema = pa.DataFrameSchema({
        "doc_id": pa.Column(str, [pa.Check.str_length(min_value=1)], nullable=False),
        "published": pa.Column(str, pa.Check(_valid_date, element_wise=False)),
        "event_date": pa.Column(str, pa.Check(_valid_date, element_wise=False)),
        "url": pa.Column(str, pa.Check(lambda s: (s == "") | s.str.match(r"^https?://\S+$"), element_wise=False)),
    })
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        for _, case in cases.iterrows():
            col, idx = case.get("column"), case.get("index")
            if idx is None or pd.isna(idx):
                raise ValueError(f"{path} : les métadonnées ne suivent pas leur schéma ({case.get('check')})") from exc
            idx = int(idx)
            line = int(df.at[idx, "_line"])
            if col == "doc_id":
                raise ValueError(f"{path}, ligne {line} : doc_id vide") from exc
            day_first = col in _DATE_COLUMNS and not sheet.day_first and bool(_DAY_FIRST.match(df.at[idx, col]))
            issues.append((str(path), line, df.at[idx, "doc_id"], col,
                           invalid_metadata_value(col, df.at[idx, col], day_first_hint=day_first)))
            df.at[idx, col] = ""
    dup = df[df["doc_id"].duplicated(keep="first")]
    if len(dup):
        first = df[df["doc_id"] == dup.iloc[0]["doc_id"]]["_line"].iloc[0]
        raise ValueError(f"{path}, ligne {dup.iloc[0]['_line']} : doc_id {dup.iloc[0]['doc_id']!r} "
                         f"déjà donné ligne {first}")
    return df.reset_index(drop=True), pd.DataFrame(issues, columns=["file", "line", "doc_id", "column", "problem"])


def _apply_metadata(docs: pd.DataFrame, meta: pd.DataFrame, meta_path: Path, issues: list) -> pd.DataFrame:
    position = {d: i for i, d in zip(docs.index, docs["doc_id"])}
    for row in meta.to_dict("records"):
        doc_id = row["doc_id"]
        p = PurePosixPath(doc_id.replace("\\", "/"))
        if p.is_absolute() or ".." in p.parts:
            issues.append((str(meta_path), row["_line"], doc_id, "doc_id", metadata_problem("path_outside")))
            continue
        if doc_id not in position:
            twins = sorted(d for d in position if str(d).startswith(doc_id + ".") and "/" not in str(d)[len(doc_id):])
            problem = (metadata_problem("ambiguous", ids=", ".join(twins)) if twins
                       else metadata_problem("unknown_document"))
            issues.append((str(meta_path), row["_line"], doc_id, "doc_id", problem))
            continue
        i = position[doc_id]
        for col in ("url", "outlet", "event_place", "title"):
            if row.get(col):
                docs.at[i, col] = row[col]
                if col != "url":
                    docs.at[i, f"{col}_source"] = "metadata"
                if col == "title":
                    docs.at[i, "title_derived"] = False
        for col in _DATE_COLUMNS:
            if row.get(col):
                docs.at[i, col] = pd.Timestamp(row[col])
                docs.at[i, f"{col}_source"] = "metadata"
                docs.at[i, f"{col}_partial"] = None
                docs.at[i, f"{col}_evidence"] = f"{meta_path.name}, ligne {row['_line']}"
                if col == "published":
                    docs.at[i, "published_candidates"] = None  # the curated date settles it
    return docs


# --------------------------------------------------------------------------- loading


def _resolve_source(source) -> Path:
    path = Path(source) if source is not None else RAW_DIR
    if not path.exists():
        raise FileNotFoundError(f"corpus introuvable : {path}")
    return path


def _resolve_metadata(source: Path, metadata) -> Path | None:
    if metadata is not None:
        m = Path(metadata)
        if not m.exists():
            raise FileNotFoundError(f"fichier de métadonnées introuvable : {m}")
        return m
    if source.is_dir():
        # a link out of the folder, a pipe or a folder named metadata.csv is never opened
        # (list_corpus_files reports it as skipped); of several sheets, the first name wins
        for name in METADATA_NAMES:
            if (source / name).is_symlink() or (source / name).exists():
                return source / name if unsafe_reason(source / name, source) is None else None
        if source.resolve() == RAW_DIR.resolve() and METADATA_FILE.exists():
            return METADATA_FILE
    return None


def _other_metadata_sheets(source: Path, used: Path | None) -> list[Skipped]:
    """The folder's metadata sheets that are not read because another one is."""
    if not source.is_dir():
        return []
    return [Skipped(name, reason("metadata_other", used=used.name))
            for name in METADATA_NAMES
            if used is not None and name != used.name and (source / name).exists() and used.parent == source]


def _code_fingerprint() -> str:
    here = Path(__file__).parent
    names = ["clean.py", "dates.py", "duplicates.py", "corpus.py"] + sorted(
        p.relative_to(here).as_posix() for p in (here / "read").glob("*.py"))
    code = {name: (here / name).read_text(encoding="utf-8") for name in names if (here / name).exists()}
    code["exports.yaml"] = EXPORTS_FILE.read_text(encoding="utf-8") if EXPORTS_FILE.exists() else ""
    return cache.hash_json(code)


def _progress(iterable, total: int, desc: str):
    # a bar only for a person watching a terminal; never in logs, pipes or notebooks' stderr files
    if not sys.stderr.isatty():
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, file=sys.stderr, leave=False)


def _detect_language(text: str) -> str | None:
    import py3langid

    if len(text.strip()) < _PARAMETERS["language_min_chars"]:
        return None
    # a sample is enough to tell the language, and keeps a multi-megabyte file from taking minutes
    lang, _ = py3langid.classify(text[: _PARAMETERS["language_max_chars"]])
    return lang


def _process(raw: RawDocument, url: str | None, repeats=None) -> tuple[dict, list[tuple]]:
    from .clean import clean_text
    from .dates import extract_facts

    page = dict(raw.meta)
    url = url or page.get("url")
    cleaned = clean_text(raw.text, title_hint=page.get("title"), url=url, repeats=repeats)
    facts = extract_facts(raw.text, cleaned, url=url, page=page)
    row = {
        "doc_id": raw.doc_id, "path": raw.path, "title": facts.title, "title_derived": facts.title_derived,
        "title_source": facts.title_source, "outlet": facts.outlet, "outlet_source": facts.outlet_source,
        "url": url, "published": pd.Timestamp(facts.published) if facts.published else pd.NaT,
        "published_source": facts.published_source, "published_partial": facts.published_partial,
        "published_evidence": facts.published_evidence, "published_candidates": facts.published_candidates,
        "event_date": pd.Timestamp(facts.event_date) if facts.event_date else pd.NaT,
        "event_date_source": facts.event_date_source, "event_date_partial": facts.event_date_partial,
        "event_date_evidence": facts.event_date_evidence,
        "event_place": facts.event_place, "event_place_source": facts.event_place_source,
        "language": _detect_language(cleaned.text_clean), "n_words": len(cleaned.text_clean.split()),
        "duplicate_of": None, "text": raw.text, "text_clean": cleaned.text_clean,
    }
    row.update(_source_facts(raw))
    if raw.export:
        _apply_export(row, raw.export, cleaned)
    return row, cleaned.audit_rows(raw.doc_id)


def _source_facts(raw: RawDocument) -> dict:
    """The :data:`SOURCE_COLUMNS` of one document: where it comes from, what its export states."""
    x = raw.export
    words = x.get("words_stated")
    return {
        "source_file": raw.source_file, "database": raw.database, "kind": raw.kind, "encoding": raw.encoding,
        "author": x.get("author"), "section": x.get("section"), "subtitle": x.get("subtitle"),
        "edition": x.get("edition"), "words_stated": int(words) if words is not None else None,
        "also_in": x.get("also_in"),
    }


def _apply_export(row: dict, export: dict, cleaned) -> None:
    """What an export states wins over what was read in the text, with the source ``export``.

    The event date of a lead that names a weekday ("mercredi") is resolved again against the
    export's publication date, as it is against a curated one.
    """
    if export.get("title"):
        row.update(title=export["title"], title_source="export", title_derived=False)
    if export.get("outlet"):
        row.update(outlet=export["outlet"], outlet_source="export")
    if export.get("url") and not row.get("url"):
        row["url"] = export["url"]
    if not export.get("published"):
        return
    published = dt.date.fromisoformat(export["published"])
    row.update(published=pd.Timestamp(published), published_source="export", published_partial=None)
    if row["event_date_source"] == "text":
        return
    from .dates import _lead, event_from_lead, find_dateline

    lead = _lead(cleaned.text_clean, cleaned.headline)
    if lead and not find_dateline(lead):
        ev = event_from_lead(lead[0], published, "export", [])
        if ev.date:
            row.update(event_date=pd.Timestamp(ev.date), event_date_source=ev.source, event_date_partial=None)


#: Characters of raw text per chunk cleaned by one worker process.
_CHUNK_CHARS = 200_000


def _process_all(raws: list[RawDocument], urls: dict, *, meanwhile=None,
                 repeats=None) -> list[tuple[dict, list[tuple]]]:
    """Return ``_process`` of every document, in order, on every core (chunks of documents).

    While the workers clean, this process imports the duplicate finder's library (it pulls in
    scipy, about a second) and runs ``meanwhile``.
    """
    from .parallel import map_chunks

    chunks, size = [[]], 0
    for raw in raws:
        if size >= _CHUNK_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(raw)
        size += len(raw.text)
    _detect_language("Chargé avant les processus de travail, qui en héritent sans le recharger.")

    def run(chunk):
        out = []
        for raw in chunk:
            row, audit = _process(raw, urls.get(raw.doc_id), (repeats or {}).get(raw.doc_id))
            row["_raw_path"] = f"{raw.path}#{raw.position}" if raw.position else raw.path
            out.append((row, audit))
        return out

    def prepare():
        import datasketch  # noqa: F401  (what mark_duplicates needs next)

        if meanwhile is not None:
            meanwhile()

    return [x for part in map_chunks(run, [c for c in chunks if c], desc="nettoyage", meanwhile=prepare)
            for x in part]


def doc_id_bases(files: list[Path], root: Path) -> dict[Path, str]:
    """The identity of each file of a folder: its path inside ``root`` without its extension.

    Files that share that path (``visite.txt`` and ``visite.html``) keep their extension
    instead, all of them (``visite.txt``, ``visite.html``): neither is preferred, and each id
    says which file it is. Adding ``visite.html`` beside ``visite.txt`` therefore renames the
    latter's documents, which :func:`load_corpus` reports for a metadata row keyed ``visite``.

    Example:
        >>> root = Path("c")
        >>> sorted(doc_id_bases([root / "a.txt", root / "visite.txt", root / "visite.html"], root).values())
        ['a', 'visite.html', 'visite.txt']
    """
    rel = {p: PurePosixPath(p.relative_to(root).as_posix()) for p in files}
    stem = {p: (r.with_suffix("") if r.suffix else r).as_posix() for p, r in rel.items()}
    count: dict[str, int] = {}
    for s in stem.values():
        count[s] = count.get(s, 0) + 1
    base = {p: stem[p] if count[stem[p]] == 1 else r.as_posix() for p, r in rel.items()}
    # a stem can still meet a full name ("a.txt.md" has the stem "a.txt"): the full names win
    full = {b for p, b in base.items() if b == rel[p].as_posix()}
    base = {p: rel[p].as_posix() if b in full and b != rel[p].as_posix() else b for p, b in base.items()}
    return {p: display_path(b) for p, b in base.items()}


def _read_folder(source: Path, files: list[Path], skipped: list[Skipped]) -> list[RawDocument]:
    """Every document of every file, in path order; a document ID read twice is loaded once."""
    bases = doc_id_bases(files, source)
    raws: list[RawDocument] = []
    seen: dict[str, str] = {}
    for path in _progress(files, len(files), "lecture"):
        try:
            docs = read_documents(path, root=source, base=bases[path])
        except UndecodableError as exc:
            skipped.append(Skipped(display_path(path), str(exc)))
            continue
        except OSError as exc:
            skipped.append(Skipped(display_path(path), reason("unreadable", cause=describe_error(exc))))
            continue
        except Exception as exc:  # a reader's failure on one odd file must not stop the corpus
            skipped.append(Skipped(display_path(path), reason("unreadable", cause=describe_error(exc))))
            continue
        rel = display_path(path.relative_to(source).as_posix())
        for raw in docs:
            raw.source_file = rel
            where = f"{raw.path}#{raw.position}" if raw.position else raw.path
            if raw.doc_id in seen:
                # the same database ID twice: two exports holding one article, or a re-download
                skipped.append(Skipped(where, reason("doc_id_taken", doc_id=repr(raw.doc_id), first=seen[raw.doc_id])))
                continue
            seen[raw.doc_id] = where
            raws.append(raw)
    return raws


def _build(source: Path, files: list[Path], skipped: list[Skipped], meta_path: Path | None, *,
           meanwhile=None) -> dict[str, pd.DataFrame]:
    from .duplicates import mark_duplicates

    meta, issues_df = (read_metadata(meta_path) if meta_path else (None, None))
    issues = [tuple(r) for r in issues_df.itertuples(index=False)] if issues_df is not None else []
    urls = {}
    if meta is not None:
        urls = {r["doc_id"]: r["url"] for r in meta.to_dict("records") if r.get("url")}

    if source.is_dir():
        raws = _read_folder(source, files, skipped)
    else:
        raws, table_skipped = read_table(source)
        skipped.extend(table_skipped)
        for raw in raws:
            raw.source_file = display_path(source.name)

    # the corpus-level signal of cleaning: which lines recur on the pages of a site
    from .clean import find_repeated_lines

    # an export states each article's outlet: its pages are the site's pages
    outlets = {raw.doc_id: raw.export["outlet"] for raw in raws if raw.export.get("outlet")}
    if meta is not None:
        outlets.update((d, o) for d, o in zip(meta["doc_id"], meta["outlet"]) if o)
    repeats = find_repeated_lines(raws, urls=urls, outlets=outlets)
    rows, audits = [], []
    for row, audit in _process_all(raws, urls, meanwhile=meanwhile, repeats=repeats):
        raw = row.pop("_raw_path")
        # an export entry that is not an article (a link, a post) is kept for its facts (outlet,
        # date, URL) even when its teaser is all furniture; an article without content is skipped
        if not row["text_clean"].strip() and row["kind"] == "article":
            skipped.append(Skipped(raw, reason("no_content")))
            continue
        if row["kind"] == ARTICLE_KIND and is_listing(row["text_clean"]):
            row["kind"] = LISTING_KIND
        rows.append(row)
        audits.extend(audit)
    docs = pd.DataFrame(rows, columns=DOC_COLUMNS)
    if meta is not None and len(docs):
        docs = _apply_metadata(docs, meta, meta_path, issues)
        # a curated URL or date is evidence for what follows from it: re-derive facts that were
        # not curated themselves (outlet from the domain, event weekday from the curated date)
        docs = _rederive_with_metadata(docs, meta, repeats)
    elif meta is not None:
        for row in meta.to_dict("records"):
            issues.append((str(meta_path), row["_line"], row["doc_id"], "doc_id", metadata_problem("unknown_document")))
    docs["published"] = pd.to_datetime(docs["published"]).astype("datetime64[ns]")
    docs["event_date"] = pd.to_datetime(docs["event_date"]).astype("datetime64[ns]")
    docs["title_derived"] = docs["title_derived"].astype(bool)
    docs["n_words"] = docs["n_words"].astype("int64")
    docs["words_stated"] = pd.array(docs["words_stated"].tolist(), dtype="Int64")
    docs = mark_duplicates(docs, **{k: v for k, v in _PARAMETERS["duplicates"].items()})
    audit = pd.DataFrame(audits, columns=["doc_id", "line_no", "line", "rule"])
    audit["line_no"] = audit["line_no"].astype("int64")
    return {
        "docs": docs,
        "audit": audit,
        "skipped": pd.DataFrame([(s.path, s.reason) for s in skipped], columns=["path", "reason"]),
        "metadata_issues": pd.DataFrame(issues, columns=["file", "line", "doc_id", "column", "problem"]),
    }


def _rederive_with_metadata(docs: pd.DataFrame, meta: pd.DataFrame, repeats: dict) -> pd.DataFrame:
    from .clean import clean_text
    from .dates import event_from_lead, _lead, find_dateline

    curated = {r["doc_id"]: r for r in meta.to_dict("records")}
    for i, row in docs.iterrows():
        m = curated.get(row["doc_id"])
        if m is None:
            continue
        # the event weekday resolves against a curated publication date
        if m.get("published") and not m.get("event_date") and row["event_date_source"] != "text":
            cleaned = clean_text(row["text"], url=m.get("url") or None, repeats=repeats.get(row["doc_id"]))
            lead = _lead(cleaned.text_clean, cleaned.headline)
            if lead and not find_dateline(lead):
                ev = event_from_lead(lead[0], row["published"].date(), "metadata", [])
                if ev.date:
                    docs.at[i, "event_date"] = pd.Timestamp(ev.date)
                    docs.at[i, "event_date_source"] = ev.source
                    docs.at[i, "event_date_partial"] = None
                    docs.at[i, "event_date_evidence"] = ev.evidence
    return docs


def load_corpus(source=None, *, metadata=None, cache_dir=PROCESSED_DIR, refresh: bool = False,
                meanwhile=None) -> Corpus:
    """Load a corpus folder or table: read, clean, date, detect language and duplicates.

    Args:
        source: a folder (read recursively: plain text, web pages, Word/RTF/PDF files and
            Europresse, Factiva and Nexis exports, each file by the reader
            :data:`sinokaz_utils.read.READERS` chooses; one export gives one document per
            article) or a ``.csv``/``.jsonl``/``.parquet`` table with a ``text`` column;
            default: the bundled corpus ``data/raw`` with its curated ``data/metadata.csv``.
        metadata: a curated metadata sheet (by ``doc_id``; CSV, TSV or ``.xlsx``); default:
            ``metadata.csv``, ``metadata.tsv`` or ``metadata.xlsx`` inside the folder, if any.
        cache_dir: where processed tables are cached; ``None`` disables the cache.
        refresh: rebuild even when the cache is valid.
        meanwhile: a function this process runs while worker processes clean the texts, when
            the corpus is built (not read from the cache): a caller about to extract statements
            passes ``nlp.processing_nlp`` so that the spaCy model loads on a core that would
            otherwise wait.

    Returns:
        A :class:`Corpus`. Every input not loaded is in ``corpus.skipped`` and printed on stderr
        as ``ignoré : <path> : <reason>`` (French reasons of ``read.reasons``); each metadata
        problem is a warning ``métadonnées : <file>, ligne <n> : <doc_id> : <problem>``.

    Raises:
        FileNotFoundError: the corpus or metadata file does not exist.
        ValueError: a malformed metadata file (the message names the file and line), an
            unreadable table, or a corpus of which no document loads.

    Example:
        >>> corpus = load_corpus(cache_dir=None)
        >>> len(corpus.docs)
        5
    """
    src = _resolve_source(source)
    meta_path = _resolve_metadata(src, metadata)
    if src.is_dir():
        listed, skipped = list_corpus_files(src)
        files, inputs = [], {}
        for p in listed:
            try:
                inputs[display_path(p.relative_to(src).as_posix())] = cache.hash_file(p)
            except OSError as exc:  # a file without read permission is one skipped input, not a failed run
                skipped.append(Skipped(display_path(p), reason("unreadable", cause=describe_error(exc))))
                continue
            files.append(p)
    elif src.suffix.lower() in TABLE_SUFFIXES:
        files, skipped = [], []
        inputs = {src.name: cache.hash_file(src)}
    else:
        raise ValueError(f"{src} : ni un dossier ni une table .csv/.jsonl/.parquet")
    skipped.extend(_other_metadata_sheets(src, meta_path) if metadata is None else [])
    if metadata is None and meta_path is not None:
        # A metadata.csv found in the folder is one more input: when it is malformed the articles
        # still load, and the file is listed as skipped with its reason. A file the user names
        # with ``metadata=`` is a request, so its being malformed stays an error.
        try:
            read_metadata(meta_path)
        except ValueError as exc:
            skipped.append(Skipped(display_path(meta_path.name if src.is_dir() else meta_path),
                                   reason("metadata_malformed", cause=exc)))
            meta_path = None
    manifest = {
        "source": display_path(src.resolve()),
        "inputs": inputs,
        "listing_skipped": [(s.path, s.reason) for s in skipped],
        "metadata": {"path": display_path(meta_path.resolve()), "sha256": cache.hash_file(meta_path)} if meta_path else None,
        "parameters": _PARAMETERS,
        "rules": cache.hash_json(rules_fingerprint()),
        "code": _code_fingerprint(),
    }
    fingerprint = cache.hash_json({**manifest, "version": VERSION})
    name = f"corpus-{cache.hash_json(display_path(src.resolve()))[:16]}"
    tables = cache.cached_tables(cache_dir, name, manifest=manifest,
                                 build=lambda: _build(src, files, list(skipped), meta_path, meanwhile=meanwhile),
                                 refresh=refresh)
    docs, skipped_df, issues = tables["docs"], tables["skipped"], tables.get("metadata_issues")
    for col in ("duplicate_of",):
        docs[col] = docs[col].astype(object).where(docs[col].notna(), None)
    for r in skipped_df.itertuples(index=False):
        print(f"{SKIPPED} : {r.path} : {r.reason}", file=sys.stderr)
    if issues is not None:
        for r in issues.itertuples(index=False):
            msg = METADATA_LINE.format(file=r.file, line=r.line, doc_id=r.doc_id, problem=r.problem)
            warnings.warn(msg, SinokazWarning, stacklevel=2)
    if docs.empty:
        raise ValueError(f"aucun document n'a pu être chargé depuis {src} ({count_noun(len(skipped_df), 'entrée ignorée', 'entrées ignorées')})")
    corpus = Corpus(docs=docs, audit=tables["audit"], skipped=skipped_df, source=str(src), fingerprint=fingerprint)
    if issues is not None:
        corpus.metadata_issues = issues
    return corpus


#: Columns of :func:`documents_table`, in order (``text`` is the cleaned text).
TABLE_COLUMNS = [
    "doc_id", "title", "title_derived", "title_source", "outlet", "outlet_source", "url", "published",
    "published_source", "published_partial", "published_evidence", "published_candidates", "event_date",
    "event_date_source", "event_date_partial", "event_date_evidence", "event_place", "event_place_source",
    "language", "n_words", "duplicate_of", "path", "text",
]
TABLE_COLUMNS = TABLE_COLUMNS[:TABLE_COLUMNS.index("path")] + SOURCE_COLUMNS + TABLE_COLUMNS[TABLE_COLUMNS.index("path"):]


def documents_table(corpus: Corpus) -> pd.DataFrame:
    """Return one row per loaded document, as ``sinokaz documents`` prints it.

    Dates are ISO strings (empty when unknown); ``text`` is the cleaned text, one paragraph a line.

    Example:
        >>> table = documents_table(load_corpus(cache_dir=None))
        >>> list(table.columns[:3])
        ['doc_id', 'title', 'title_derived']
    """
    df = corpus.docs.copy()
    for col in _DATE_COLUMNS:
        df[col] = df[col].dt.strftime("%Y-%m-%d").where(df[col].notna(), None)
    df["text"] = df["text_clean"]
    return df[TABLE_COLUMNS].reset_index(drop=True)
