"""When did things happen and how much was written about them: coverage, events, milestones.

What belongs here: the one dating rule of every notebook (``apply_dating``: the date each
article is placed at on every time figure, from the ``DATING`` parameter), counting articles
per period and outlet (``count_articles``), saying how each date was obtained and which
articles are undated (``date_documents``, ``summarize_dating``, ``list_undated``), the curated
milestones of ``data/events.csv`` (``read_milestones``), one event per article from its event
date, place, title, lead and text (``extract_events``: type from the title and lead with
``data/lexicons/event_types.csv``; Chinese and Kazakh actors from the whole article with the
gazetteer of ``actors``; the place under its one name of ``data/places.csv``, Noursoultan =
Astana) and who met whom (``count_meetings``). What does not:
extracting the dates and places themselves (``corpus``/``dates``), the gazetteer (``actors``)
and drawing (``plotting.timeline``).

Dating vocabulary (``date_kind``):

- ``stated``: the text or its URL gives the date (a stamp, a dateline, an explicit date);
- ``inferred``: resolved from a weekday named in the lead ("jeudi") and the dateline;
- ``curated``: from the metadata file (a person checked it);
- ``unknown``: no evidence; the article is left out of time series and listed as undated.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .config import EVENT_TYPES_FILE, EVENTS_FILE, ROLE_NOUNS_FILE
from .labels import DATE_KINDS as DATE_KIND_FR
from .labels import PERIODS as _PERIOD_FR
from .labels import agree, outlet_label

DATE_KINDS = ["stated", "inferred", "curated", "unknown"]
#: The dating rules of ``apply_dating`` (every notebook's ``DATING`` parameter).
DATING_RULES = ("publication", "publication_or_event")
#: The default rule: an article without a publication date is placed at the date of the event it
#: reports (it was written then or soon after), rather than left out of every time figure.
DEFAULT_DATING = "publication_or_event"


# --------------------------------------------------------------------------- dating

def classify_date_source(source, *, which: str = "event") -> str:
    """Map a ``*_source`` value of the corpus layer to ``stated``/``inferred``/``curated``/``unknown``.

    The corpus layer writes ``text``, ``dateline``, ``url``, ``html`` for dates it read, and
    ``text+<reference>`` when an event date was resolved from a weekday or a day without its
    year against a reference date (inferred); ``metadata`` is curated. A publication date put
    together from two read pieces (``text+url``) is stated.

    Example:
        >>> classify_date_source("dateline"), classify_date_source("text+dateline"), classify_date_source("metadata")
        ('stated', 'inferred', 'curated')
    """
    if source is None or (isinstance(source, float) and np.isnan(source)) or str(source).strip() in {"", "None", "nan"}:
        return "unknown"
    s = str(source).lower()
    if any(k in s for k in ("metadata", "curated", "manual")):
        return "curated"
    if any(k in s for k in ("weekday", "infer", "relative", "resolved")) or (which == "event" and "+" in s):
        return "inferred"
    return "stated"


def date_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Return, per document, its publication and event dates and how each was obtained.

    Args:
        documents: ``corpus.documents()`` or any table with ``doc_id`` and (some of)
            ``published, published_source, published_partial, event_date, event_date_source,
            event_date_partial``.

    Returns:
        DataFrame ``doc_id, published, published_kind, event_date, event_kind, date`` (event date,
        else publication date: the date an article is placed at on a timeline), ``date_kind``
        and ``partial`` (a date without its year, as printed, where nothing supplied the year).

    Example:
        >>> dated = date_documents(load_corpus().documents())  # doctest: +SKIP
    """
    out = pd.DataFrame({"doc_id": documents["doc_id"].astype(str).to_numpy()})
    for col in ("published", "event_date"):
        values = documents[col] if col in documents.columns else pd.Series(pd.NaT, index=documents.index)
        out[col] = pd.to_datetime(values, errors="coerce").to_numpy()
        src = documents.get(f"{col}_source", pd.Series(None, index=documents.index))
        which = "publication" if col == "published" else "event"
        kind = [classify_date_source(s, which=which) if pd.notna(d) else "unknown" for s, d in zip(src, out[col])]
        out["published_kind" if col == "published" else "event_kind"] = kind
    out["date"] = out["event_date"].fillna(out["published"])
    out["date_kind"] = np.where(out["event_date"].notna(), out["event_kind"], out["published_kind"])
    partial = pd.Series("", index=documents.index, dtype="object")
    for col in ("event_date_partial", "published_partial"):
        if col in documents.columns:
            vals = documents[col].fillna("").astype(str).replace({"None": "", "nan": ""})
            partial = partial.where(partial != "", vals)
    out["partial"] = partial.to_numpy()
    return out[["doc_id", "published", "published_kind", "event_date", "event_kind", "date", "date_kind", "partial"]]


def apply_dating(documents: pd.DataFrame, *, rule: str = DEFAULT_DATING) -> pd.DataFrame:
    """Place every article at one date by one rule: the date of every time figure of every notebook.

    Args:
        documents: ``corpus.documents()`` (or any table ``date_documents`` reads).
        rule: ``"publication"`` (the publication date; articles without one are undated) or
            ``"publication_or_event"`` (the publication date, else the date of the event the
            article reports). ``"published"`` and ``"date"`` are read as these two.

    Returns:
        A copy of ``documents`` with ``date`` (the date used; NaT when undated) and
        ``date_basis`` (``publication``, ``event`` or ``none``). ``attrs``: ``rule``,
        ``n_documents``, ``undated`` (articles left out of time figures) and ``from_event``
        (articles dated by their event).

    Example:
        >>> dated = apply_dating(load_corpus().documents(), rule="publication")  # doctest: +SKIP
        >>> dated.attrs["undated"]                                               # doctest: +SKIP
        2
    """
    rule = {"published": "publication", "date": "publication_or_event"}.get(rule, rule)
    if rule not in DATING_RULES:
        raise ValueError(f"DATING vaut {' ou '.join(map(repr, DATING_RULES))}, pas {rule!r}")
    dated = date_documents(documents)
    published = pd.to_datetime(dated["published"]).to_numpy()
    event = pd.to_datetime(dated["event_date"]).to_numpy()
    has_pub = ~pd.isna(published)
    use_event = ~has_pub & ~pd.isna(event) if rule == "publication_or_event" else np.zeros(len(dated), bool)
    out = documents.copy()
    out["date"] = pd.to_datetime(np.where(has_pub, published, np.where(use_event, event, np.datetime64("NaT"))))
    out["date_basis"] = np.where(has_pub, "publication", np.where(use_event, "event", "none"))
    out.attrs.update(rule=rule, n_documents=len(out), undated=int((~has_pub & ~use_event).sum()),
                     from_event=int(use_event.sum()))
    return out


def summarize_dating(documents: pd.DataFrame) -> pd.DataFrame:
    """Count documents by how their publication and event dates were obtained.

    Returns:
        DataFrame ``date`` (``publication``/``event``), ``kind``, ``label``, ``documents``: every
        kind listed, zeros included.

    Example:
        >>> summarize_dating(load_corpus().documents())  # doctest: +SKIP
    """
    dated = date_documents(documents)
    rows = []
    for which, col in (("publication", "published_kind"), ("event", "event_kind")):
        counts = dated[col].value_counts()
        for kind in DATE_KINDS:
            rows.append({"date": which, "kind": kind, "label": DATE_KIND_FR[kind], "documents": int(counts.get(kind, 0))})
    return pd.DataFrame(rows)


def list_undated(documents: pd.DataFrame) -> pd.DataFrame:
    """Return the documents with neither a publication nor an event date, with what is known.

    Returns:
        DataFrame ``doc_id, title, outlet, url, partial`` (the partial date, e.g. "14/09").
    """
    dated = date_documents(documents)
    missing = dated[dated["date"].isna()]
    docs = documents.assign(doc_id=documents["doc_id"].astype(str)).drop_duplicates("doc_id").set_index("doc_id")
    out = pd.DataFrame({"doc_id": missing["doc_id"].to_numpy()})
    for col in ("title", "outlet", "url"):
        out[col] = [docs[col].get(d) if col in docs.columns else None for d in out["doc_id"]]
    out["partial"] = missing["partial"].to_numpy()
    return out


# --------------------------------------------------------------------------- coverage

def _period_labels(dates: pd.Series, period: str) -> pd.Series:
    period = str(period).upper()
    if period not in _PERIOD_FR:
        raise ValueError(f"la période est 'Y' (année), 'Q' (trimestre) ou 'M' (mois), pas {period!r}")
    freq = {"Y": "Y", "Q": "Q", "M": "M"}[period]
    return dates.dt.to_period(freq).dt.start_time


def count_articles(documents: pd.DataFrame, *, period: str = "M", by: str | None = "outlet",
                   rule: str = DEFAULT_DATING, top: int | None = 6, keep=None, date_range=None) -> pd.DataFrame:
    """Count articles per period (and outlet), normalised by the outlet's output where known.

    Args:
        documents: ``corpus.documents()`` (one copy of each story).
        period: ``"M"`` (month), ``"Q"`` (quarter), ``"Y"`` (year) or ``"auto"`` (months over
            up to two years, quarters up to eight, else years); the one used is in
            ``table.attrs["period"]``.
        by: a column to split by (``"outlet"``, ``"language"``...), or ``None``.
        rule: the dating rule of ``apply_dating``. Undated articles are left out and counted
            in ``table.attrs["undated"]`` (``attrs["from_event"]``: dated by their event).
        top: keep the ``top`` most frequent values of ``by`` and group the rest as "autres".
        keep: the values of ``by`` to name (e.g. the outlets that have a colour of their own,
            ``plotting.outlet_colors``); the others are grouped as "autres". Overrides ``top``.
        date_range: ``(start, end)`` ISO dates (either may be ``None``) to keep.

    Returns:
        DataFrame ``period_start, group, articles, outlet_total, per_1000`` — ``per_1000`` is
        articles per 1,000 articles the outlet published overall, where the documents carry an
        ``outlet_total`` column (from metadata); otherwise NaN. Periods without articles inside
        the covered span are listed with 0 so that gaps show.

    Example:
        >>> count_articles(load_corpus().documents(), period="Y")  # doctest: +SKIP
    """
    dated = apply_dating(documents, rule=rule)
    docs = dated.assign(_when=dated["date"])
    docs = _filter_range(docs, "_when", date_range)
    undated = int(docs["_when"].isna().sum())
    from_event = int((docs["date_basis"] == "event").sum())
    docs = docs[docs["_when"].notna()]
    if str(period).lower() == "auto":
        span = (docs["_when"].max() - docs["_when"].min()).days if len(docs) else 0
        period = "M" if span <= 2 * 366 else "Q" if span <= 8 * 366 else "Y"
    cols = ["period_start", "group", "articles", "outlet_total", "per_1000"]
    info = {"undated": undated, "from_event": from_event, "period": period, "rule": dated.attrs["rule"],
            "n_documents": len(documents)}
    if docs.empty:
        table = pd.DataFrame(columns=cols)
        table.attrs.update(info)
        return table
    if by is None:
        group = pd.Series("tous les articles", index=docs.index)
    elif by in docs.columns:
        group = docs[by].map(outlet_label) if by == "outlet" else docs[by].fillna("inconnu").astype(str)
    else:
        group = pd.Series(outlet_label(None) if by == "outlet" else "inconnu", index=docs.index)
    if keep is not None:
        group = group.where(group.isin(set(keep)), "autres")
    elif top is not None and group.nunique() > top:
        named = group.value_counts().index[:top]
        group = group.where(group.isin(named), "autres")
    docs = docs.assign(group=group, period_start=_period_labels(docs["_when"], period))
    counts = docs.groupby(["period_start", "group"]).size().rename("articles")
    starts = pd.period_range(docs["period_start"].min(), docs["period_start"].max(),
                             freq={"Y": "Y", "Q": "Q", "M": "M"}[str(period).upper()]).start_time
    full = pd.MultiIndex.from_product([starts, sorted(docs["group"].unique())], names=["period_start", "group"])
    table = counts.reindex(full, fill_value=0).reset_index()
    if "outlet_total" in docs.columns and by == "outlet":
        totals = pd.to_numeric(docs["outlet_total"], errors="coerce").groupby(docs["group"]).max()
        table["outlet_total"] = table["group"].map(totals)
    else:
        table["outlet_total"] = np.nan
    table["per_1000"] = table["articles"] / table["outlet_total"] * 1000
    table.attrs.update(info)
    return table[cols]


def select_period(documents: pd.DataFrame, date_range=None, *, rule: str = DEFAULT_DATING) -> pd.DataFrame:
    """Date the documents by the one rule (``apply_dating``) and keep those within ``date_range``.

    Args:
        documents: ``corpus.documents()``.
        date_range: ``(start, end)`` ISO dates, either may be ``None``; ``None`` keeps every
            document, undated ones included. With a range, undated documents are dropped (nothing
            says they fall inside it).
        rule: the dating rule (the notebook's ``DATING``).

    Returns:
        The documents kept, with the ``date`` and ``date_basis`` of ``apply_dating`` (and its
        ``attrs``, counted on the documents kept).

    Example:
        >>> select_period(load_corpus().documents(), ("2020-01-01", None))  # doctest: +SKIP
    """
    dated = apply_dating(documents, rule=rule)
    if not date_range or all(x in (None, "") for x in date_range):
        return dated
    kept = _filter_range(dated[dated["date"].notna()], "date", date_range)
    return apply_dating(kept.drop(columns=["date", "date_basis"]), rule=rule)


def _filter_range(docs: pd.DataFrame, col: str, date_range) -> pd.DataFrame:
    if not date_range:
        return docs
    start, end = (list(date_range) + [None, None])[:2]
    keep = pd.Series(True, index=docs.index)
    if start:
        keep &= docs[col].isna() | (docs[col] >= pd.Timestamp(str(start)))
    if end:
        keep &= docs[col].isna() | (docs[col] <= pd.Timestamp(str(end)))
    return docs[keep]


# --------------------------------------------------------------------------- milestones

def read_milestones(path: Path | str | None = None, *, date_range=None) -> pd.DataFrame:
    """Read the curated milestones (``data/events.csv``): each with its date, label and source.

    Args:
        path: defaults to ``data/events.csv``.
        date_range: ``(start, end)`` to keep.

    Returns:
        DataFrame ``date, end_date, label, type, place, china_actors, kazakhstan_actors,
        description, source`` sorted by date.

    Example:
        >>> read_milestones().set_index("date").at[pd.Timestamp("2013-09-07"), "label"]
        'Xi propose la « ceinture économique de la route de la soie »'
    """
    path = Path(path or EVENTS_FILE)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"date", "label", "source"} - set(table.columns)
    if missing:
        raise ValueError(f"{path} : {agree(len(missing), 'colonne manquante', 'colonnes manquantes')} {', '.join(sorted(missing))}")
    for i, row in table.iterrows():
        if not row["source"].strip():
            raise ValueError(f"{path}, ligne {i + 2} : chaque jalon demande une source")
    table["date"] = pd.to_datetime(table["date"], errors="raise")
    table["end_date"] = pd.to_datetime(table.get("end_date", ""), errors="coerce")
    if "place" in table:  # under its one name, as the corpus events are (Noursoultan is Astana)
        table["place"] = table["place"].map(lambda p: canonical_place(p) or "")
    table = _filter_range(table, "date", date_range)
    return table.sort_values("date").reset_index(drop=True)


# --------------------------------------------------------------------------- events

def read_event_types(path: Path | str | None = None) -> pd.DataFrame:
    """Read the event-type patterns (``data/lexicons/event_types.csv``), highest priority first."""
    table = pd.read_csv(path or EVENT_TYPES_FILE, dtype={"priority": int}, keep_default_na=False)
    return table.sort_values("priority").reset_index(drop=True)


def classify_event(text: str, *, types: pd.DataFrame | None = None) -> str | None:
    """Return the type of event a title and lead describe (``state_visit``, ``phone_call``...), or None.

    The first matching pattern in priority order wins: a phone call is a phone call even when
    the lead also says "entretiens".

    Example:
        >>> classify_event("Xi Jinping s'est entretenu au téléphone avec le président kazakh")
        'phone_call'
    """
    from .actors import fold

    types = read_event_types() if types is None else types
    folded = fold(text or "")
    for row in types.itertuples(index=False):
        if re.search(row.pattern, folded):
            return row.type
    return None


def split_lead(text: str, title: str | None = None, *, max_chars: int = 500) -> str:
    """Return the lead of an article: its first sentence(s) after the headline, up to ``max_chars``.

    Example:
        >>> split_lead("Titre\\nBEIJING, 30 mars (Xinhua) -- Le ministre a reçu son homologue. Ensuite...", "Titre")
        'BEIJING, 30 mars (Xinhua) -- Le ministre a reçu son homologue.'
    """
    title_key = re.sub(r"\W+", " ", str(title or "")).strip().lower()
    for para in str(text or "").split("\n"):
        para = para.strip()
        if not para or (title_key and re.sub(r"\W+", " ", para).strip().lower() == title_key):
            continue
        if len(para.split()) < 6:  # a stray short line (a caption left over, a subtitle)
            continue
        m = re.search(r"^.{40,}?[.!?](?=\s+[«\"A-ZÀ-Ý]|\s*$)", para)
        lead = m.group(0) if m else para
        return lead[:max_chars]
    return ""


def _read_role_nouns() -> list[tuple[re.Pattern, str, str]]:
    if not ROLE_NOUNS_FILE.exists():
        return []
    table = pd.read_csv(ROLE_NOUNS_FILE, dtype=str, keep_default_na=False)
    return [(re.compile(r.pattern), r.role, r.country) for r in table.itertuples(index=False) if r.pattern]


def find_actors(text: str, date=None) -> dict[str, list[str]]:
    """Return the persons of the gazetteer named in ``text``, by country (``CN``, ``KZ``, ...).

    Names come from ``actors.find_mentions``; a short form shared by several persons ("Wang") is
    kept only if exactly one of them held a role on ``date``; role phrases ("le président
    kazakh") are resolved to the holder on ``date`` (``data/lexicons/role_nouns.csv``).

    Returns:
        ``{country: [display names in order of first mention]}``.

    Example:
        >>> find_actors("Le président chinois Xi Jinping s'est entretenu avec Kassym-Jomart Tokaïev", "2020-01-01")
        {'CN': ['Xi Jinping'], 'KZ': ['Kassym-Jomart Tokaïev']}
    """
    from .actors import find_mentions, fold, read_actors, resolve_role, roles_at

    actors = read_actors().set_index("person_id")
    found: list[tuple[int, str]] = []
    for m in find_mentions(text or ""):
        ids = list(m.person_ids)
        if len(ids) > 1 and date is not None and not pd.isna(date):
            ids = [p for p in ids if roles_at(p, date)]
        if len(ids) == 1:
            found.append((m.start, ids[0]))
    if date is not None and not pd.isna(date):
        folded = fold(text or "")
        for rx, role, country in _read_role_nouns():
            for m in rx.finditer(folded):
                pid = resolve_role(role, country, date)
                if pid:
                    found.append((m.start(), pid))
    out: dict[str, list[str]] = {}
    for _, pid in sorted(found):
        if pid not in actors.index:
            continue
        country, name = str(actors.at[pid, "country"]), str(actors.at[pid, "name"])
        if name not in out.setdefault(country, []):
            out[country].append(name)
    return out


def canonical_place(name) -> str | None:
    """The one name of a place in ``data/places.csv`` (its aliases and renamings folded), else the name as given.

    Example:
        >>> canonical_place("Noursoultan"), canonical_place("Nur-Sultan"), canonical_place("Pékin"), canonical_place("Noordwijk")
        ('Astana', 'Astana', 'Beijing', 'Noordwijk')
    """
    if name is None or (isinstance(name, float) and np.isnan(name)) or not str(name).strip():
        return None
    from .actors import fold

    key = fold(str(name).strip())
    return _place_names().get(key, str(name).strip())


def _place_names() -> dict[str, str]:
    from .actors import fold, read_places

    places = read_places()
    out = {}
    for name, aliases in zip(places["name"], places["aliases"]):
        for form in [name, *aliases]:
            out[fold(str(form))] = str(name)
    return out


def event_actors(title: str, lead: str, text: str, date=None) -> dict[str, list[str]]:
    """The Chinese and Kazakh actors of an event, read from the whole article.

    The actors named in the title and lead are the event's; a side that the title and lead do
    not name (« Xi Jinping est arrivé à Astana pour une visite d'État ») takes the first person
    of that side named in the body (« ... a été accueilli par le président Tokaïev »). Persons
    named only further in the body of an article whose lead names both sides (a message of
    Xi Jinping mentioned in the report of a ministers' meeting) are left out: they did not meet.

    Example:
        >>> event_actors("Xi arrive à Astana", "Le président chinois Xi Jinping est arrivé mercredi.",
        ...              "Il a été reçu par Kassym-Jomart Tokaïev.", "2022-09-14")
        {'CN': ['Xi Jinping'], 'KZ': ['Kassym-Jomart Tokaïev']}
    """
    head = find_actors(f"{title}\n{lead}", date)
    body = find_actors(f"{title}\n{lead}\n{text}", date)
    out = {}
    for side in ("CN", "KZ"):
        names = head.get(side) or body.get(side, [])[:1]
        if names:
            out[side] = list(names)
    return out


def extract_events(documents: pd.DataFrame, *, date_range=None) -> pd.DataFrame:
    """Return one event per article that reports a China–Kazakhstan encounter.

    An article is an event when its title or lead names an event type (state visit, talks,
    phone call, summit, strategic dialogue, meeting, official visit) or a Chinese and a Kazakh
    actor, and the article names at least one Chinese or Kazakh actor of ``data/actors.csv``
    (« rencontre » in a report on an astronaut or a football club is no Sino-Kazakh meeting). Its date is the event date, else the publication date (``date_kind`` says which and
    how it was obtained); its place is the extracted event place under its one name
    (``canonical_place``); its actors are read from the whole article (``event_actors``).

    Args:
        documents: ``corpus.documents()``.
        date_range: ``(start, end)`` to keep (undated events are kept, with an empty date).

    Returns:
        DataFrame ``doc_id, date, date_kind, date_is_publication, place, type, type_label,
        china_actors, kazakhstan_actors, label, title, lead`` (actors ``"; "``-separated).

    Example:
        >>> extract_events(load_corpus().documents())[["date", "type", "china_actors"]]  # doctest: +SKIP
    """
    from .actors import read_actors

    types = read_event_types()
    type_fr = dict(zip(types["type"], types["label_fr"]))
    # headlines name people by their short form (Xi, Tokaïev); the gazetteer lists it first
    short = {n: (s[0] if len(s) else n) for n, s in zip(read_actors()["name"], read_actors()["short"])}
    dated = date_documents(documents).set_index("doc_id")
    rows = []
    for doc in documents.assign(doc_id=documents["doc_id"].astype(str)).itertuples(index=False):
        title = getattr(doc, "title", "") or ""
        title = "" if pd.isna(title) else str(title)
        text = getattr(doc, "text_clean", "") or ""
        lead = split_lead(text, title)
        when = dated.at[doc.doc_id, "date"]
        probe = f"{title}\n{lead}"
        kind = classify_event(probe, types=types)
        in_lead = find_actors(probe, when)
        if kind is None and not (in_lead.get("CN") and in_lead.get("KZ")):
            continue
        who = event_actors(title, lead, text, when)
        cn, kz = who.get("CN", []), who.get("KZ", [])
        if not (cn or kz):  # a meeting no Chinese or Kazakh actor takes part in is not a Sino-Kazakh one
            continue
        place = canonical_place(getattr(doc, "event_place", None))
        label_type = type_fr.get(kind, "rencontre" if kind is None else kind)
        names = " – ".join(x for x in (", ".join(short.get(n, n) for n in cn), ", ".join(short.get(n, n) for n in kz)) if x)
        rows.append({
            "doc_id": doc.doc_id, "date": when, "date_kind": dated.at[doc.doc_id, "date_kind"],
            "date_is_publication": bool(pd.isna(dated.at[doc.doc_id, "event_date"]) and pd.notna(when)),
            "place": place, "type": kind or "meeting", "type_label": label_type,
            "china_actors": "; ".join(cn), "kazakhstan_actors": "; ".join(kz),
            "label": f"{label_type[0].upper()}{label_type[1:]}" + (f" {names}" if names else ""),
            "title": title, "lead": lead})
    cols = ["doc_id", "date", "date_kind", "date_is_publication", "place", "type", "type_label", "china_actors",
            "kazakhstan_actors", "label", "title", "lead"]
    table = pd.DataFrame(rows, columns=cols)
    table["date"] = pd.to_datetime(table["date"])
    table = _filter_range(table, "date", date_range)
    return table.sort_values(["date", "doc_id"], na_position="last").reset_index(drop=True)


def count_meetings(events: pd.DataFrame) -> pd.DataFrame:
    """Return who met whom: one row per Chinese × Kazakh actor pair named in the same event.

    Returns:
        DataFrame ``china_actor, kazakhstan_actor, events, first, last, types, china_role,
        kazakhstan_role`` (the role each held at the last event, in French, from
        ``data/roles.csv``; empty when not known) sorted by number of events.

    Example:
        >>> count_meetings(extract_events(load_corpus().documents()))  # doctest: +SKIP
    """
    rows = []
    for ev in events.itertuples(index=False):
        for cn in filter(None, str(ev.china_actors or "").split("; ")):
            for kz in filter(None, str(ev.kazakhstan_actors or "").split("; ")):
                rows.append({"china_actor": cn, "kazakhstan_actor": kz, "date": ev.date, "type": ev.type_label,
                             "china_role": _role_at(cn, ev.date), "kazakhstan_role": _role_at(kz, ev.date)})
    cols = ["china_actor", "kazakhstan_actor", "events", "first", "last", "types", "china_role", "kazakhstan_role"]
    if not rows:
        return pd.DataFrame(columns=cols)
    pairs = pd.DataFrame(rows)
    out = pairs.groupby(["china_actor", "kazakhstan_actor"]).agg(
        events=("type", "size"), first=("date", "min"), last=("date", "max"),
        types=("type", lambda s: ", ".join(sorted(set(s)))),
        china_role=("china_role", "last"), kazakhstan_role=("kazakhstan_role", "last")).reset_index()
    return out.sort_values(["events", "china_actor", "kazakhstan_actor"], ascending=[False, True, True]).reset_index(drop=True)[cols]


def _role_at(name: str, date) -> str:
    """The French role a gazetteer person held on ``date`` (« président », « ministre des Affaires étrangères »), or ""."""
    from .actors import read_actors, roles_at
    from .labels import ROLES

    ids = read_actors().set_index("name")["person_id"]
    if name not in ids.index:
        return ""
    roles = roles_at(ids[name], None if pd.isna(date) else date)
    return ROLES.get(roles[0], roles[0]) if roles else ""
