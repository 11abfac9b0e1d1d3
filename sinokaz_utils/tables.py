"""Tables to read and quote: who said what, the concordance, and tables shown the French way.

What belongs here: the tables a researcher reads line by line and quotes in a paper — who said
what (``who_said_what``: speaker, country, cue, form, statement, article, date, outlet) and the
concordance (``concordance``: left context, term, right context, article, date, voice,
speaker), each in French, with the article it comes from; writing them beside the figures as
CSV and as a searchable, sortable HTML page that works offline (``save_table``: the DataTables
library is inside the file, no CDN), showing them in a notebook the same way (``show_table``),
and showing any other table with French numbers (``format_table``: 12 345, 0,42; integers as
integers; text escaped). What does not: finding statements or matches (``statements``,
``keywords``, ``terms``), figures (``plotting``).

The values a reader sees are French (``labels``); the CSV files of ``sinokaz statements`` and
``sinokaz documents`` keep their own values (``person``, ``direct``, ISO dates), which the
scorer reads.

Example:
    >>> table = who_said_what(statements, documents)            # doctest: +SKIP
    >>> save_table(table, "tab01_statements_who_said_what", caption="Qui a dit quoi")   # doctest: +SKIP
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .labels import (DATATABLES_LANGUAGE, NNBSP, SPEAKER_TYPES, STATEMENT_KINDS, VOICES, outlet_label, translate)

#: Columns of ``who_said_what``, in order.
STATEMENT_COLUMNS = ["locuteur", "pays", "verbe introducteur", "forme", "déclaration", "article", "date", "média",
                     "type de locuteur", "identifiant"]
#: Columns of ``concordance``, in order (``tri gauche`` is the left context read from the term
#: outwards: sorting on it sorts by the word just left of the term, as concordancers do).
CONCORDANCE_COLUMNS = ["contexte gauche", "terme", "contexte droit", "article", "date", "voix", "locuteur", "média",
                       "identifiant", "tri gauche"]
#: Columns that only sort the interactive table (hidden there, left out of the CSV).
SORT_ONLY_COLUMNS = ("tri gauche",)


def _article_facts(documents: pd.DataFrame) -> pd.DataFrame:
    """Title, date (the one dating rule when ``timeline.apply_dating`` gave one, ISO) and outlet per article."""
    docs = documents.assign(doc_id=documents["doc_id"].astype(str)).drop_duplicates("doc_id").set_index("doc_id")
    when = pd.to_datetime(docs["date"] if "date" in docs else docs.get("published"), errors="coerce")
    return pd.DataFrame({
        "article": docs["title"].fillna("").astype(str) if "title" in docs else "",
        "date": when.dt.strftime("%Y-%m-%d").fillna("non daté") if when is not None else "non daté",
        "média": docs["outlet"].map(outlet_label) if "outlet" in docs else outlet_label(None),
    }, index=docs.index)


def who_said_what(statements: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per reported statement, in French, with the article it comes from.

    Args:
        statements: the table of ``statements.extract_statements`` (``speakers.label_speakers``
            columns are used when present).
        documents: the articles (``corpus.documents()``, dated by ``timeline.apply_dating`` for
            the date column); statements of other articles are left out.

    Returns:
        ``STATEMENT_COLUMNS``: speaker, country (« sans pays »), cue verb, form (« discours
        direct », « discours indirect », « suite d'un propos (moins sûre) »), the statement, the
        article's title, its date (ISO, sortable), outlet, speaker type and the article's id;
        sorted by date, article and position in the article.

    Example:
        >>> who_said_what(extract_statements(corpus), corpus.documents()).iloc[0]["forme"]   # doctest: +SKIP
        'discours indirect'
    """
    from .speakers import name_country

    facts = _article_facts(documents)
    st = statements.loc[statements["doc_id"].astype(str).isin(set(facts.index))].copy()
    ids = st["doc_id"].astype(str)
    country = st["country_name"] if "country_name" in st else st["country"].map(name_country)
    out = pd.DataFrame({
        "locuteur": st["speaker"].fillna("").astype(str).str.strip(),
        "pays": country.fillna(name_country(None)).astype(str),
        "verbe introducteur": st["cue"].fillna("").astype(str),
        "forme": st["kind"].map(lambda v: translate(STATEMENT_KINDS, v)),
        "déclaration": st["text"].fillna("").astype(str).map(lambda t: " ".join(t.split())),
        "article": ids.map(facts["article"]).to_numpy(),
        "date": ids.map(facts["date"]).to_numpy(),
        "média": ids.map(facts["média"]).to_numpy(),
        "type de locuteur": st["speaker_type"].map(lambda v: translate(SPEAKER_TYPES, v)),
        "identifiant": ids.to_numpy(),
        "_start": st["start"].to_numpy(),
    })
    out = out.sort_values(["date", "identifiant", "_start"], kind="stable").drop(columns="_start")
    return out.reset_index(drop=True)[STATEMENT_COLUMNS]


def concordance(tokens: pd.DataFrame, documents: pd.DataFrame, terms, *, statements: pd.DataFrame | None = None,
                window: int = 8, limit: int | None = None) -> pd.DataFrame:
    """Keyword-in-context lines in French, with the voice and speaker of each occurrence.

    The lines are those of ``keywords.extract_kwic``; an occurrence inside a reported
    statement is « discours rapporté » with its speaker, else « voix du journaliste »
    (``terms.assign_voice``: the one rule that gives words to statements).

    Args:
        tokens: the token table.
        documents: the articles (dated by ``timeline.apply_dating`` for the date column).
        terms: a term or a list of terms (lemmas, forms or expressions).
        statements: the statements table (without it, every line is the journalist's).
        window: words of context on each side.
        limit: at most this many lines.

    Returns:
        ``CONCORDANCE_COLUMNS`` (``tri gauche``: the left context's words from the term
        outwards, the key that sorts by left context).

    Example:
        >>> concordance(tokens, docs, "trois forces du mal", statements=statements).iloc[0]["voix"]   # doctest: +SKIP
        'discours rapporté'
    """
    from .keywords import extract_kwic
    from .terms import REPORTED, assign_voice

    facts = _article_facts(documents)
    kwic = extract_kwic(tokens, documents.assign(doc_id=documents["doc_id"].astype(str)), terms, window=window,
                        limit=limit)
    if kwic.empty:
        return pd.DataFrame(columns=CONCORDANCE_COLUMNS)
    toks = tokens.loc[tokens["doc_id"].astype(str).isin(set(kwic["doc_id"]))]
    words = assign_voice(toks, statements.loc[statements["doc_id"].astype(str).isin(set(kwic["doc_id"]))]
                         if statements is not None else None)
    words = words.assign(doc_id=words["doc_id"].astype(str)).drop_duplicates(["doc_id", "start"]).set_index(
        ["doc_id", "start"])
    key = list(zip(kwic["doc_id"], kwic["start"]))
    voice = [words["voice"].get(k) for k in key]
    speaker = [words["speaker"].get(k) if "speaker" in words and v == REPORTED else None for k, v in zip(key, voice)]
    ids = kwic["doc_id"].astype(str)
    out = pd.DataFrame({
        "contexte gauche": kwic["left"], "terme": kwic["match"], "contexte droit": kwic["right"],
        "article": ids.map(facts["article"]).to_numpy(), "date": ids.map(facts["date"]).to_numpy(),
        "voix": [translate(VOICES, v, missing=VOICES["journalist"]) for v in voice],
        "locuteur": ["" if s is None or (isinstance(s, float) and np.isnan(s)) else str(s) for s in speaker],
        "média": ids.map(facts["média"]).to_numpy(), "identifiant": ids.to_numpy(),
        "tri gauche": [" ".join(reversed(str(t).split())) for t in kwic["left"]],
    })
    return out[CONCORDANCE_COLUMNS]


# --------------------------------------------------------------------------- writing and showing

def _datatable_options(table: pd.DataFrame, *, table_id: str) -> dict:
    """The options of one interactive table: French words, a filter box above each column, the
    left context sorted by its reversed key (hidden), 25 lines a page."""
    defs = []
    if "tri gauche" in table.columns and "contexte gauche" in table.columns:
        hidden = list(table.columns).index("tri gauche")
        defs = [{"targets": [list(table.columns).index("contexte gauche")], "orderData": [hidden],
                 "className": "dt-right"},
                {"targets": [hidden], "visible": False, "searchable": False}]
    return {"table_id": table_id, "column_filters": "header", "columnDefs": defs, "language": DATATABLES_LANGUAGE,
            "pageLength": 25, "lengthMenu": [10, 25, 100, 500], "maxBytes": 0, "classes": "display compact",
            "layout": {"topStart": "pageLength", "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"},
            "scrollX": True}


def table_html(table: pd.DataFrame, *, title: str, caption: str = "", table_id: str = "sinokaz_table") -> str:
    """A whole HTML page holding ``table`` as a searchable, sortable table that works offline.

    The DataTables library travels inside the page (itables' offline bundle): nothing is fetched
    from the network. Every cell is escaped (article text never runs as HTML).

    Example:
        >>> page = table_html(pd.DataFrame({"a": [1]}), title="Démo")
        >>> "<html lang=\\"fr\\">" in page and "https://" not in page.split("<body>")[0]
        True
    """
    from itables import to_html_datatable
    from itables import options as itables_options
    from itables.javascript import generate_init_offline_itables_html

    table_id = re.sub(r"\W", "_", table_id)
    body = to_html_datatable(table, connected=False, **_datatable_options(table, table_id=table_id))
    library = generate_init_offline_itables_html(itables_options.dt_bundle)
    return ("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n{library}\n</head>\n<body>\n"
            f"<h1 style=\"font-family:sans-serif;font-size:1.2em\">{html.escape(title)}</h1>\n"
            f"<p style=\"font-family:sans-serif\">{html.escape(caption)}</p>\n{body}\n</body>\n</html>\n")


def save_table(table: pd.DataFrame, name: str, *, caption: str, notebook: str | None = None,
               out_dir=None) -> dict[str, Path]:
    """Write ``table`` beside the figures as CSV, as an Excel workbook (what a co-author opens with
    a double click: a comma-separated file shows as one column in a French Excel) and as an
    offline, searchable HTML page; index it.

    Files go to ``<figures dir>/<notebook>/<name>.csv``, ``.xlsx`` and ``.html`` (the folders of
    ``plotting.save_figure``); a row of status ``saved`` goes into ``index.csv``. The CSV leaves
    out the columns that only sort the HTML table (``SORT_ONLY_COLUMNS``: « tri gauche »).

    Args:
        table: the table (``who_said_what``, ``concordance``...).
        name: ``tabNN_slug`` that says what it is (``tab01_statements_who_said_what``).
        caption: one French sentence saying what it holds.

    Returns:
        ``{"csv": path, "xlsx": path, "html": path}``.

    Example:
        >>> save_table(table, "tab01_concordance", caption="Concordance de « coopération »")   # doctest: +SKIP
    """
    from .cache import write_atomic
    from .plotting import _SLUG, _provenance, _write_index_row, resolve_figures_dir, resolve_notebook_name

    if not re.match(r"^tab\d\d_[A-Za-z0-9_\-]+$", name or "") or not _SLUG.match(name):
        raise ValueError(f"le nom de table {name!r} doit être un identifiant comme 'tab01_statements_who_said_what'")
    if not caption or not str(caption).strip():
        raise ValueError(f"la table {name!r} demande une légende (caption)")
    root = resolve_figures_dir(out_dir)
    nb = resolve_notebook_name(notebook)
    folder = root / nb
    paths = {"csv": folder / f"{name}.csv", "xlsx": folder / f"{name}.xlsx", "html": folder / f"{name}.html"}
    # the sorting key of the left context serves the HTML page only; a researcher quotes the contexts
    quoted = table.drop(columns=[c for c in SORT_ONLY_COLUMNS if c in table.columns])
    write_atomic(paths["csv"], quoted.to_csv(index=False).encode("utf-8"))
    write_atomic(paths["xlsx"], xlsx_bytes(quoted, caption=str(caption).strip()))
    write_atomic(paths["html"], table_html(table, title=str(caption).strip(), table_id=name).encode("utf-8"))
    _write_index_row(root, {"notebook": nb, "figure": name, "status": "saved", "caption": str(caption).strip(),
                            "files": ";".join(p.name for p in paths.values()), **_provenance()})
    return paths


def xlsx_bytes(table: pd.DataFrame, *, caption: str) -> bytes:
    """``table`` as an Excel workbook: one sheet, its header row frozen and in bold, columns as wide
    as their text (at most 80 characters, long cells wrapped), the caption in the file's title.

    Example:
        >>> xlsx_bytes(pd.DataFrame({"locuteur": ["Xi Jinping"]}), caption="Qui a dit quoi")[:2]
        b'PK'
    """
    import io

    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name="tableau")
        sheet = writer.sheets["tableau"]
        writer.book.properties.title = caption[:250]
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for i, column in enumerate(table.columns, start=1):
            longest = max([len(str(column)), *(len(str(v)) for v in table[column].head(500))])
            sheet.column_dimensions[get_column_letter(i)].width = min(80, longest + 2)
            if longest > 80:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return buffer.getvalue()


_NOTEBOOK_READY = {"done": False}


def show_table(table: pd.DataFrame, *, name: str = "table"):
    """Show ``table`` in the notebook as the same searchable, sortable table (offline, French words).

    Example:
        >>> show_table(who_said_what(statements, documents))   # doctest: +SKIP
    """
    from IPython.display import HTML, display
    from itables import init_notebook_mode, to_html_datatable

    if not _NOTEBOOK_READY["done"]:
        init_notebook_mode(all_interactive=False, connected=False)
        _NOTEBOOK_READY["done"] = True
    display(HTML(to_html_datatable(table, connected=False, **_datatable_options(table, table_id=re.sub(r"\W", "_", name)))))


def french_header(column) -> str:
    """The French header of a column: ``labels.COLUMNS``, else ``share_<group>`` as « part : <group> »
    and ``n_<group>`` as « nombre : <group> » (the per-country columns of ``speakers``), else as it is.

    Example:
        >>> french_header("total_target"), french_header("share_Chine"), french_header("n_sans pays")
        ('termes de la cible', 'part : Chine', 'nombre : sans pays')
    """
    from .labels import COLUMNS

    if not isinstance(column, str):
        return column
    if column in COLUMNS:
        return COLUMNS[column]
    for prefix, word in (("share_", "part"), ("n_", "nombre")):
        if column.startswith(prefix) and len(column) > len(prefix):
            return f"{word} : {column[len(prefix):]}"
    return column


def _format_p(value) -> str:
    """A p-value as a reader quotes it: « < 0,001 », else three decimals (« 0,042 »)."""
    from .labels import format_number

    if value is None or pd.isna(value):
        return "–"
    return f"<{NNBSP}0,001" if float(value) < 0.001 else format_number(round(float(value), 3), 3)


def _as_dates(values: pd.Series) -> pd.Series:
    """Dates as ISO text (« 2022-09-14 »), with the time only when some value has one."""
    times = values.dropna()
    midnight = bool((times == times.dt.normalize()).all()) if len(times) else True
    return values.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M").astype(object).where(values.notna(), None)


def format_table(table: pd.DataFrame, *, digits: int = 2, percent=(), hide_index: bool | None = None,
                 columns: dict | None = None):
    """A table shown in French, ready to read and quote.

    Headers come from ``labels.COLUMNS`` (``french_header``; ``columns`` overrides them for one
    table); integers are integers (12 345), decimals take a comma (0,42), the columns in
    ``percent`` are percentages, a ``p`` column reads « < 0,001 » or 0,042, dates are ISO days
    (no « 00:00:00 »), an empty ``outlet`` is « média inconnu »; every text is escaped. A plain
    row number (0, 1, 2…) is not shown: it says nothing a reader could quote (``hide_index=False``
    keeps it).

    Example:
        >>> format_table(pd.DataFrame({"n": [3.0, 1234.0], "p": [0.5, 0.25]}), percent=["p"]).to_html().count("1\u202f234")
        1
    """
    from .labels import format_int, format_number, format_percent, outlet_label

    columns = dict(columns or {})

    def header(c):
        return columns.get(c, french_header(c)) if isinstance(c, str) else c

    if hide_index is None:
        index = table.index
        hide_index = isinstance(index, pd.RangeIndex) or (
            index.name is None and pd.api.types.is_integer_dtype(index) and not isinstance(index, pd.MultiIndex))
    percent = [header(c) for c in percent]
    data = table.copy()
    if "outlet" in data.columns:
        data["outlet"] = data["outlet"].map(outlet_label)
    p_values = [c for c in data.columns if c == "p"]
    data = data.rename(columns=header)
    p_values = [header(c) for c in p_values]
    if isinstance(data.index.name, str):
        data.index.name = header(data.index.name)
    if isinstance(data.columns.name, str):
        data.columns.name = header(data.columns.name)
    if isinstance(data.index, pd.DatetimeIndex):
        data.index = pd.Index(_as_dates(data.index.to_series()).to_numpy(), name=data.index.name)
    if isinstance(data.columns, pd.DatetimeIndex):
        data.columns = pd.Index(_as_dates(data.columns.to_series()).to_numpy(), name=data.columns.name)
    data = data.loc[:, ~data.columns.duplicated()]
    for col in data.columns:
        s = data[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            data[col] = _as_dates(s)
        elif pd.api.types.is_float_dtype(s) and s.dropna().map(float.is_integer).all():
            data[col] = s.astype("Int64")
    styler = data.style.format(escape="html", na_rep="–", precision=digits, decimal=",", thousands=NNBSP)
    for col in data.columns:
        if col in percent:
            styler = styler.format(lambda v: html.escape(format_percent(v, 0 if digits < 1 else 1)), subset=[col],
                                   na_rep="–")
        elif col in p_values:
            styler = styler.format(lambda v: html.escape(_format_p(v)), subset=[col], na_rep="–")
        elif pd.api.types.is_integer_dtype(data[col]):
            styler = styler.format(format_int, subset=[col], na_rep="–")
        elif pd.api.types.is_float_dtype(data[col]):
            styler = styler.format(lambda v, d=digits: format_number(v, d), subset=[col], na_rep="–")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    return styler.hide(axis="index") if hide_index else styler
