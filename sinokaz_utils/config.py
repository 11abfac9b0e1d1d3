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
ACTORS_FILE = DATA_DIR / "actors.csv"
ROLES_FILE = DATA_DIR / "roles.csv"
PLACES_FILE = DATA_DIR / "places.csv"
ORGANISATIONS_FILE = DATA_DIR / "organisations.csv"
EVENTS_FILE = DATA_DIR / "events.csv"
#: The statements lexicons (``sinokaz_utils.statements``): French reporting verbs with the positions
#: in which each may cue speech, role nouns and designations of persons, collective and document speakers.
SPEECH_VERBS_FILE = LEXICON_DIR / "speech_verbs.csv"
ROLE_NOUNS_FILE = LEXICON_DIR / "role_nouns.csv"
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

#: File types read from a corpus folder.
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")

#: Language kept by analyses unless told otherwise.
DEFAULT_LANGUAGE = "fr"
