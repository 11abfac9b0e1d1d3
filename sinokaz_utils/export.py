"""Hand the corpus to IRaMuTeQ and TXM: the kept texts, their facts and who speaks, in those tools' formats.

What belongs here: cutting the corpus into the units a lexicometry tool will read (documents,
paragraphs or statements), the variables each unit carries (document, outlet, year, month,
main speaker and their country, ...), writing them as an IRaMuTeQ corpus or a TXM TXT+CSV
folder under the rules those tools impose, and reading an IRaMuTeQ file back the way
IRaMuTeQ reads it. What does not: cleaning, dating or finding statements (``corpus``,
``statements``), counting words (the terms layer) or classifying (``classes``).

The formats, as their importers read them:

- **IRaMuTeQ** (``BuildFromAlceste`` in IRaMuTeQ's ``corpus.py``; its manual, "Format des
  données en entrée"): a UTF-8 text file without BOM; a line starting with ``****`` opens a
  text and is split on blanks into its star variables ``*name_value`` (the name is what comes
  before the first ``_``); a line starting with ``-*`` is a thematic mark, of which only the
  first word counts; any other non-blank line is body, joined to the next with a blank. So:
  variable names are letters and digits only, values hold no blank, ``*`` nor ``_``, and no
  body line may contain ``*`` (a body line starting ``****`` or ``-*`` would open a text or a
  theme). IRaMuTeQ also reads a word written ``_like_this_`` as a star variable and a ``$``
  as the end of the text when its character cleaning is off, so bodies carry neither.
- **TXM** (manual 0.7.9, §6.1.2 "module d'import TXT+CSV"): a folder of ``<id>.txt`` files and
  ``metadata.csv`` (separator ``,``, quote ``"``), whose first column is named ``id`` and holds
  each file's name without extension, the other columns named without accents nor special
  characters (here: lower-case letters and digits).

Example:
    >>> units = export_units(load_corpus(), variables=["doc", "media", "annee"])   # doctest: +SKIP
    >>> write_iramuteq(units, "corpus_iramuteq.txt")                                # doctest: +SKIP
    >>> write_txm(units, "corpus_txm")                                              # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import warnings
from pathlib import Path

import pandas as pd

from .cache import write_atomic
from .config import PROCESSED_DIR
from .labels import SinokazWarning, agree, count_noun

#: Variables a unit can carry, by the name written in the exported files, and what each holds.
VARIABLES = {
    "doc": "identifiant du document",
    "media": "média (outlet)",
    "annee": "année de publication (à défaut, de l'événement)",
    "mois": "mois de publication, AAAA-MM",
    "date": "date de publication, AAAA-MM-JJ",
    "titre": "titre du document",
    "locuteur": "locuteur principal : le plus cité dans l'unité (celui de la déclaration pour --unit statements)",
    "pays": "pays du locuteur principal",
    "forme": "discours direct ou indirect (--unit statements seulement)",
}
DEFAULT_VARIABLES = ("doc", "media", "annee", "mois")
UNITS = ("documents", "paragraphs", "statements")
#: What a value is when the corpus does not know it.
UNKNOWN = "inconnu"
NO_SPEAKER = "aucun locuteur"
#: Thematic marks of ``voices=True``: reported speech against the journalist's own voice.
VOICE_QUOTED, VOICE_JOURNALIST = "citation", "journaliste"
_NEEDS_STATEMENTS = {"locuteur", "pays", "forme"}
_MARKER = ".sinokaz-export.json"


def _slug(value) -> str:
    """Return ``value`` as lower-case ASCII letters, digits and ``-`` (a star-line value).

    Example:
        >>> _slug("Le Quotidien du Peuple (français)"), _slug(None)
        ('le-quotidien-du-peuple-francais', 'inconnu')
    """
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or UNKNOWN


def clean_iramuteq_body(text: str) -> str:
    """Return ``text`` as IRaMuTeQ body lines: no ``*``, ``_`` nor ``$``, no blank line.

    A ``*`` or ``_`` becomes a blank (a word never loses a letter), ``$`` becomes "dollars";
    blanks are collapsed within each line and empty lines dropped.

    Example:
        >>> clean_iramuteq_body("Note* : 5 $ au total\\n\\n****fin_de_note")
        'Note : 5 dollars au total\\nfin de note'
    """
    text = text.replace("$", " dollars ").replace("*", " ").replace("_", " ")
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- units


def _document_dates(docs: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(docs["published"]).fillna(pd.to_datetime(docs["event_date"]))


def _document_variables(docs: pd.DataFrame) -> pd.DataFrame:
    date = _document_dates(docs)
    title = docs["title"].astype(object).where(docs["title"].notna(), UNKNOWN)
    return pd.DataFrame({
        "doc_id": docs["doc_id"].to_numpy(),
        "doc": docs["doc_id"].to_numpy(),
        "media": docs["outlet"].astype(object).where(docs["outlet"].notna(), UNKNOWN).to_numpy(),
        "annee": date.dt.strftime("%Y").fillna(UNKNOWN).to_numpy(),
        "mois": date.dt.strftime("%Y-%m").fillna(UNKNOWN).to_numpy(),
        "date": date.dt.strftime("%Y-%m-%d").fillna(UNKNOWN).to_numpy(),
        "titre": title.to_numpy(),
    })


def _labelled(statements: pd.DataFrame) -> pd.DataFrame:
    # the speakers' names and countries as notebook 40 prints them
    from .speakers import label_speakers

    st = label_speakers(statements) if len(statements) else statements.assign(
        speaker_key=[], speaker_label=[], country_name=[])
    return st.reset_index(drop=True)


def _main_speakers(spans: pd.DataFrame, st: pd.DataFrame) -> pd.DataFrame:
    """Return ``locuteur, pays`` of each span (``unit_id, doc_id, start, end``): its most quoted speaker.

    A speaker's share of a span is the number of characters of their statements inside it;
    ties go to the speaker quoted first.
    """
    out = pd.DataFrame({"locuteur": NO_SPEAKER, "pays": NO_SPEAKER}, index=spans["unit_id"])
    if st.empty:
        return out.reset_index(drop=True)
    pairs = spans[["unit_id", "doc_id", "start", "end"]].merge(
        st[["doc_id", "start", "end", "speaker_label", "country_name"]], on="doc_id", suffixes=("", "_st"))
    pairs["chars"] = (pairs[["end", "end_st"]].min(axis=1) - pairs[["start", "start_st"]].max(axis=1)).clip(lower=0)
    pairs = pairs[pairs["chars"] > 0]
    if not pairs.empty:
        per = pairs.groupby(["unit_id", "speaker_label", "country_name"], sort=False).agg(
            chars=("chars", "sum"), first=("start_st", "min")).reset_index()
        best = per.sort_values(["unit_id", "chars", "first"], ascending=[True, False, True], kind="stable")
        best = best.drop_duplicates("unit_id").set_index("unit_id")
        out.loc[best.index, "locuteur"] = best["speaker_label"]
        out.loc[best.index, "pays"] = best["country_name"]
    return out.reset_index(drop=True)


def _voices(text: str, offset: int, quoted: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """Cut ``text`` (which starts at ``offset`` in its document) into runs of quoted and own voice."""
    bounds, pos = [], 0
    for a, b in quoted:
        a, b = max(a - offset, pos), min(b - offset, len(text))
        if b <= a:
            continue
        bounds += [(VOICE_JOURNALIST, text[pos:a]), (VOICE_QUOTED, text[a:b])]
        pos = b
    bounds.append((VOICE_JOURNALIST, text[pos:]))
    runs: list[tuple[str, str]] = []
    for voice, piece in bounds:
        if not piece.strip():
            continue
        if runs and runs[-1][0] == voice:
            runs[-1] = (voice, runs[-1][1] + piece)
        else:
            runs.append((voice, piece))
    return [(v, p.strip()) for v, p in runs]


def _merged_spans(st: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Statement spans of each document, overlapping ones merged, in order."""
    out: dict[str, list[tuple[int, int]]] = {}
    for doc_id, group in st.sort_values(["doc_id", "start", "end"]).groupby("doc_id", sort=False):
        spans: list[tuple[int, int]] = []
        for a, b in zip(group["start"].astype(int), group["end"].astype(int)):
            if spans and a <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], b))
            else:
                spans.append((a, b))
        out[doc_id] = spans
    return out


def _paragraph_spans(docs: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text_clean"]):
        pos, n = 0, 0
        for line in text.split("\n"):
            if line.strip():
                n += 1
                rows.append((f"{doc_id}-p{n:03d}", doc_id, pos, pos + len(line), line))
            pos += len(line) + 1
    return pd.DataFrame(rows, columns=["unit_id", "doc_id", "start", "end", "text"])


def _spans(docs: pd.DataFrame, st: pd.DataFrame | None, unit: str) -> pd.DataFrame:
    if unit == "documents":
        return pd.DataFrame({"unit_id": docs["doc_id"], "doc_id": docs["doc_id"], "start": 0,
                             "end": docs["text_clean"].str.len(), "text": docs["text_clean"]})
    if unit == "paragraphs":
        return _paragraph_spans(docs)
    st = st.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    number = st.groupby("doc_id", sort=False).cumcount() + 1
    return pd.DataFrame({"unit_id": st["doc_id"] + "-d" + number.map("{:03d}".format), "doc_id": st["doc_id"],
                         "start": st["start"].astype(int), "end": st["end"].astype(int), "text": st["text"],
                         "locuteur": st["speaker_label"], "pays": st["country_name"], "forme": st["kind"]})


def _check_request(unit: str, variables, voices: bool) -> list[str]:
    if unit not in UNITS:
        raise ValueError(f"unité inconnue {unit!r} : choisir parmi {', '.join(UNITS)}")
    variables = list(dict.fromkeys(variables))
    unknown = [v for v in variables if v not in VARIABLES]
    if unknown:
        raise ValueError(f"variable inconnue {', '.join(map(repr, unknown))} : "
                         f"choisir parmi {', '.join(VARIABLES)}")
    if "forme" in variables and unit != "statements":
        raise ValueError("la variable 'forme' (direct/indirect) n'existe que pour l'unité statements")
    if voices and unit == "statements":
        raise ValueError("les lignes thématiques séparent citations et voix du journaliste dans un document "
                         "ou un paragraphe ; une déclaration n'est que citation")
    return variables


def needs_statements(*, unit: str = "documents", variables=DEFAULT_VARIABLES, voices: bool = False) -> bool:
    """Whether an export needs the statements (and so the spaCy pass that finds them).

    Example:
        >>> needs_statements(variables=["doc", "media"]), needs_statements(variables=["pays"])
        (False, True)
    """
    return unit == "statements" or voices or bool(_NEEDS_STATEMENTS & set(variables))


def export_units(corpus, *, unit: str = "documents", variables=DEFAULT_VARIABLES, voices: bool = False,
                 statements: pd.DataFrame | None = None, cache_dir: Path | None = PROCESSED_DIR) -> pd.DataFrame:
    """Return the units to export, one row each, with their text and variables.

    Only the documents analyses use are exported (``corpus.documents()``: each story once,
    in French). Values are as the corpus knows them (``UNKNOWN`` when it does not); the
    writers turn them into each format's spelling.

    Args:
        corpus: a ``Corpus``.
        unit: ``"documents"`` (one text per document), ``"paragraphs"`` (one per paragraph of
            the cleaned text) or ``"statements"`` (one per reported statement, its words only,
            so that what speakers say can be classified apart from the journalist).
        variables: names among :data:`VARIABLES`, in the order they are written.
        voices: cut each text into runs of reported speech and of the journalist's own voice
            (IRaMuTeQ's thematic lines ``-*voix_citation`` / ``-*voix_journaliste``).
        statements: the table of ``statements.extract_statements(corpus)``; extracted (and
            cached under ``cache_dir``) when the request needs it and none is given.
        cache_dir: cache root for the statements; ``None`` disables caching.

    Returns:
        DataFrame ``unit_id, doc_id, start, end`` (offsets in the document's ``text_clean``),
        ``text``, one column per variable, and ``parts`` (a list of ``(voice, text)``) when
        ``voices``. ``attrs["variables"]`` lists the variables.

    Raises:
        ValueError: an unknown unit or variable, or a variable or ``voices`` that means nothing
            for this unit.

    Example:
        >>> units = export_units(load_corpus(), variables=["doc", "annee"])
        >>> list(units.columns)
        ['unit_id', 'doc_id', 'start', 'end', 'text', 'doc', 'annee']
    """
    variables = _check_request(unit, variables, voices)
    docs = corpus.documents()
    st = None
    if needs_statements(unit=unit, variables=variables, voices=voices):
        if statements is None:
            from .statements import extract_statements

            statements = extract_statements(corpus, cache_dir=cache_dir)
        st = _labelled(statements[statements["doc_id"].isin(set(docs["doc_id"]))])
    spans = _spans(docs, st, unit)
    facts = _document_variables(docs)
    units = spans.merge(facts, on="doc_id", how="left", sort=False)
    if unit != "statements" and {"locuteur", "pays"} & set(variables):
        units[["locuteur", "pays"]] = _main_speakers(units, st).to_numpy()
    units = units[["unit_id", "doc_id", "start", "end", "text", *variables]].reset_index(drop=True)
    if voices:
        quoted = _merged_spans(st)
        units["parts"] = [_voices(t, s, quoted.get(d, [])) for t, s, d in
                          zip(units["text"], units["start"], units["doc_id"])]
    units.attrs["variables"] = variables
    return units


# --------------------------------------------------------------------------- IRaMuTeQ


def _variables_of(units: pd.DataFrame, variables) -> list[str]:
    if variables is None:
        variables = units.attrs.get("variables") or [v for v in VARIABLES if v in units.columns]
    missing = [v for v in variables if v not in units.columns]
    if missing:
        raise ValueError(f"la table des unités n'a pas les variables {', '.join(missing)}")
    return list(variables)


def _non_empty(units: pd.DataFrame, bodies: list[str], what: str) -> list[int]:
    keep = [i for i, b in enumerate(bodies) if b.strip()]
    dropped = [uid for uid, b in zip(units["unit_id"], bodies) if not b.strip()]
    if dropped:
        warnings.warn(f"{what} : {count_noun(len(dropped), 'unité')} sans texte non {agree(len(dropped), 'écrite')} ({', '.join(dropped[:5])}"
                      f"{' …' if len(dropped) > 5 else ''})", SinokazWarning, stacklevel=3)
    return keep


def format_iramuteq(units: pd.DataFrame, *, variables=None) -> str:
    """Return ``units`` as the text of an IRaMuTeQ corpus (see the module docstring for the rules).

    Each unit is a text opened by ``**** *name_value …`` (values through :func:`_slug`); with a
    ``parts`` column, each run of its text is preceded by its thematic line ``-*voix_<voice>``.
    A unit left without text is not written (with a warning): IRaMuTeQ drops empty texts.

    Example:
        >>> units = pd.DataFrame({"unit_id": ["a"], "text": ["Un *texte*."], "media": ["Le Monde"]})
        >>> print(format_iramuteq(units, variables=["media"]))
        **** *media_le-monde
        Un texte .
        <BLANKLINE>
    """
    variables = _variables_of(units, variables)
    stars = ["**** " + " ".join(f"*{v}_{_slug(value)}" for v, value in zip(variables, row)) if variables else "****"
             for row in units[variables].itertuples(index=False)]
    if "parts" in units.columns:
        bodies = ["\n".join(f"-*voix_{voice}\n{body}" for voice, piece in parts
                            if (body := clean_iramuteq_body(piece))) for parts in units["parts"]]
    else:
        bodies = [clean_iramuteq_body(t) for t in units["text"].fillna("")]
    keep = _non_empty(units, bodies, "IRaMuTeQ")
    return "\n".join(f"{stars[i]}\n{bodies[i]}\n" for i in keep)


def write_iramuteq(units: pd.DataFrame, path, *, variables=None) -> Path:
    """Write ``units`` as an IRaMuTeQ corpus file (UTF-8, no BOM); return its path.

    Example:
        >>> write_iramuteq(export_units(load_corpus()), tmp_path / "corpus.txt")   # doctest: +SKIP
    """
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"{path} est un dossier : IRaMuTeQ lit un seul fichier texte (ex. corpus.txt)")
    write_atomic(path, format_iramuteq(units, variables=variables).encode("utf-8"))
    return path


def read_iramuteq(path) -> pd.DataFrame:
    """Read an IRaMuTeQ corpus the way IRaMuTeQ's importer does; one row per text it keeps.

    As ``BuildFromAlceste.read_corpus``: a line starting ``****`` opens a text (its star line
    split on blanks), a line starting ``-*`` is a theme (first word only), other non-blank
    lines are body; a text without body is dropped; a theme or body line before any text is an
    error. Variables are ``*name_value`` split at the first ``_``.

    Returns:
        DataFrame ``line`` (1-based line of the star line), ``stars`` (the words of the star
        line after ``****``), ``variables`` (dict name → value), ``themes`` (list), ``text``
        (body lines joined by blanks, as IRaMuTeQ segments them).

    Raises:
        ValueError: text before the first ``****`` line, a BOM (IRaMuTeQ would not see the
            first star line), or a file that is not UTF-8; the message names the file and line.

    Example:
        >>> read_iramuteq(write_iramuteq(units, tmp_path / "c.txt")).variables[0]   # doctest: +SKIP
        {'doc': '000_2fa27e3e7f02c325', 'media': 'global-times-temps-mondiaux'}
    """
    path = Path(path)
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ValueError(f"{path}, ligne 1 : marque d'ordre des octets (BOM) : IRaMuTeQ ne verrait pas la première ligne ****")
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path} : pas en UTF-8 ({exc})") from exc
    texts: list[dict] = []
    for number, line in enumerate(content.splitlines(), start=1):
        line = line.rstrip("\n\r")
        if line.startswith("****"):
            stars = line.split()[1:]
            variables = dict(s[1:].split("_", 1) if "_" in s else (s[1:], "") for s in stars)
            texts.append({"line": number, "stars": stars, "variables": variables, "themes": [], "body": []})
        elif line.startswith("-*"):
            if not texts:
                raise ValueError(f"{path}, ligne {number} : ligne thématique avant la première ligne ****")
            texts[-1]["themes"].append(line.split()[0])
        elif line.strip():
            if not texts:
                raise ValueError(f"{path}, ligne {number} : texte avant la première ligne ****")
            texts[-1]["body"].append(line)
    rows = [{**{k: t[k] for k in ("line", "stars", "variables", "themes")}, "text": " ".join(t["body"])}
            for t in texts if t["body"]]
    return pd.DataFrame(rows, columns=["line", "stars", "variables", "themes", "text"])


# --------------------------------------------------------------------------- TXM


def _txm_ids(unit_ids: pd.Series) -> list[str]:
    """File names for TXM: ASCII letters, digits, ``-`` and ``_``, unique without regard to case."""
    ids, seen = [], set()
    for uid in unit_ids:
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", unicodedata.normalize("NFKD", str(uid)).encode(
            "ascii", "ignore").decode("ascii")).strip("-") or "texte"
        name, n = base, 1
        while name.lower() in seen:
            n += 1
            name = f"{base}-{n}"
        seen.add(name.lower())
        ids.append(name)
    return ids


def _prepare_folder(folder: Path) -> None:
    """Make ``folder`` ready: absent, empty, or a previous export (whose own files are removed)."""
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} est un fichier : TXM lit un dossier de textes (ex. corpus_txm/)")
    if not folder.exists():
        return
    marker = folder / _MARKER
    entries = [p for p in folder.iterdir()]
    if not entries:
        return
    if not marker.is_file():
        raise ValueError(f"{folder} n'est pas vide et ne vient pas d'un export sinokaz : "
                         "choisir un dossier vide ou nouveau (rien n'y est effacé)")
    try:
        written = json.loads(marker.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, OSError) as exc:
        raise ValueError(f"{marker} illisible ({exc}) : choisir un dossier vide ou nouveau") from exc
    for name in written:
        target = folder / Path(name).name  # never outside the folder
        if target.is_file():
            target.unlink()


def write_txm(units: pd.DataFrame, folder, *, variables=None) -> Path:
    """Write ``units`` as a TXM TXT+CSV folder: one ``<id>.txt`` per unit and ``metadata.csv``.

    ``metadata.csv`` has ``id`` first (each file's name without ``.txt``), then one column per
    variable with its value as the corpus knows it (``,``-separated, ``"``-quoted, UTF-8).
    The folder must be absent, empty, or a previous export (its files are then replaced; a
    folder holding anything else is refused, so a corpus is never overwritten).

    Example:
        >>> write_txm(export_units(load_corpus()), tmp_path / "txm")   # doctest: +SKIP
    """
    folder = Path(folder)
    variables = _variables_of(units, variables)
    if "parts" in units.columns:
        raise ValueError("TXM n'a pas de lignes thématiques : exporter --unit statements pour lire les "
                         "citations à part")
    bodies = ["\n".join(line.strip() for line in str(t).splitlines() if line.strip())
              for t in units["text"].fillna("")]
    keep = _non_empty(units, bodies, "TXM")
    units = units.iloc[keep].reset_index(drop=True)
    bodies = [bodies[i] for i in keep]
    ids = _txm_ids(units["unit_id"])
    _prepare_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in zip(ids, bodies):
        write_atomic(folder / f"{name}.txt", (body + "\n").encode("utf-8"))
    table = pd.DataFrame({"id": ids})
    for v in variables:
        table[v] = units[v].astype(object).where(units[v].notna(), UNKNOWN).astype(str).str.replace(
            r"\s+", " ", regex=True).str.strip().to_numpy()
    buf = io.StringIO()
    table.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    write_atomic(folder / "metadata.csv", buf.getvalue().encode("utf-8"))
    files = [f"{n}.txt" for n in ids] + ["metadata.csv"]
    write_atomic(folder / _MARKER, json.dumps({"files": files}, ensure_ascii=False, indent=0).encode("utf-8"))
    return folder
