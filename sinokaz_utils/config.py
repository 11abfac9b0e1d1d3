"""Every path and project-wide constant lives here (and nowhere else).

What belongs here: folder locations, file names of curated data, the package version,
default parameters shared by several modules. What does not: any logic that reads or
computes something from the corpus.

Paths can be moved with environment variables so that a researcher can keep a corpus
or the generated reports outside the project folder:

- ``SINOKAZ_CACHE_DIR``: where processed tables are cached (default ``data/processed``);
- ``SINOKAZ_REPORTS_DIR``: where executed notebooks and figures go (default ``reports``).
"""
from __future__ import annotations

import os
from importlib import metadata as _metadata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
METADATA_FILE = DATA_DIR / "metadata.csv"
LEXICON_DIR = DATA_DIR / "lexicons"
#: Cleaning: the boilerplate rules and their French names, the facts of line shapes, the outlets.
BOILERPLATE_FILE = LEXICON_DIR / "boilerplate.yaml"
LINE_SHAPES_FILE = LEXICON_DIR / "line_shapes.yaml"
OUTLETS_FILE = LEXICON_DIR / "outlets.csv"
ACTORS_FILE = DATA_DIR / "actors.csv"
ROLES_FILE = DATA_DIR / "roles.csv"
PLACES_FILE = DATA_DIR / "places.csv"
ORGANISATIONS_FILE = DATA_DIR / "organisations.csv"
EVENTS_FILE = DATA_DIR / "events.csv"
# lexicons of the terms layer and of the analyses built on it (nlp, keywords, speakers, timeline)
MULTIWORD_FILE = LEXICON_DIR / "multiword.csv"
STOPWORDS_DOMAIN_FILE = LEXICON_DIR / "stopwords_domain.txt"
LEMMA_CORRECTIONS_FILE = LEXICON_DIR / "lemma_corrections.csv"
KEYWORD_GROUPS_FILE = LEXICON_DIR / "keyword_groups.yaml"
FORMULAS_FILE = LEXICON_DIR / "formulas.csv"
COUNTRY_NAMES_FILE = LEXICON_DIR / "country_names.csv"
EVENT_TYPES_FILE = LEXICON_DIR / "event_types.csv"
ROLE_NOUNS_FILE = LEXICON_DIR / "role_nouns.csv"
#: The statements lexicons (``sinokaz_utils.statements``): French reporting verbs with the positions
#: in which each may cue speech, role nouns and designations of persons, collective and document speakers.
SPEECH_VERBS_FILE = LEXICON_DIR / "speech_verbs.csv"
COLLECTIVE_SPEAKERS_FILE = LEXICON_DIR / "collective_speakers.csv"
#: first names and surname endings that tell a person's gender (for "il"/"elle" and "la patronne")
PERSON_GENDER_FILE = LEXICON_DIR / "person_gender.csv"
PROCESSED_DIR = Path(os.environ.get("SINOKAZ_CACHE_DIR", DATA_DIR / "processed"))
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = Path(os.environ.get("SINOKAZ_REPORTS_DIR", PROJECT_ROOT / "reports"))
FIGURES_DIR = REPORTS_DIR / "figures"
SHARED_DIR = PROJECT_ROOT.parent / "shared"

#: Name of the Jupyter kernel that ``make lab`` registers and the notebooks ask for.
KERNEL_NAME = "sinokaz"

try:
    VERSION = _metadata.version("sinokaz")
except _metadata.PackageNotFoundError:  # running from a source tree that is not installed
    VERSION = "0.0.0+source"

#: File types read from a corpus folder (compared in lower case: ``.HTML`` is ``.html``).
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: Word, RTF and PDF files: one article each, or a Nexis/Factiva export saved in that format.
OFFICE_SUFFIXES = (".docx", ".odt", ".rtf", ".pdf")
#: XML files: Factiva's XML export.
XML_SUFFIXES = (".xml",)
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
#: Names a corpus folder's own metadata sheet may have, in the order they are looked for
#: (a sheet saved by French spreadsheet software: ``;`` or tab separated, or ``.xlsx``).
METADATA_NAMES = ("metadata.csv", "metadata.tsv", "metadata.xlsx")
#: Facts of press-database exports: month names, Factiva field codes, Nexis labels.
EXPORTS_FILE = LEXICON_DIR / "exports.yaml"

#: Language kept by analyses unless told otherwise.
DEFAULT_LANGUAGE = "fr"
