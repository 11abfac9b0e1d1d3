"""Every string a reader sees, in French: values, axis labels, legends, table headers, rule names, numbers.

What belongs here: the French vocabulary of the package's own identifiers (the two voices,
speaker types, statement kinds, date kinds, dating rules, periods, cleaning rules, table
columns), the one name of an unknown outlet (``UNKNOWN_OUTLET``) and of grouped leftovers
(``OTHERS``), the words of the interactive tables, how the lines on stderr start (``SKIPPED``,
``WARNING``, ``ERROR``) and how a sinokaz warning is shown (``format_warning``: « avertissement :
… », one line), and the way numbers are written in French
(``format_int``: 12 345; ``format_number``: 0,42; ``format_percent``: 23 %; ``count_noun``:
« 1 article », « 5 articles », « 1 article daté »; ``agree``: what follows a count without its
noun, « 1 analysé », « 2 ont »; never « article(s) »). What does not: facts about the corpus or
about French that a researcher edits (keyword groups, patterns, names: ``data/lexicons/``) and the internal values
the package and ``../shared/tools/score.py`` read (``speaker_type = person``, ``kind =
direct``, ISO dates stay as they are in the CSV files of ``sinokaz statements``/``documents``);
the reasons an input is skipped and the problems of a metadata sheet (``read/reasons.py``: they
are stored with the corpus in its cache, whose key covers ``read/`` and not this module); the
error messages a function raises, written in French where they are raised.

Why a module and not a file of ``data/lexicons``: every entry is keyed by an identifier the code
defines (a voice constant, a date kind, a figure's axis), many are sentences with numbers put in
(« 3 articles non datés laissés de côté »), and a test reads them all; a lexicon is for facts a
researcher edits without touching code. Labels never raise: an unknown value is shown as it is
(the cleaning rules renamed in French in ``boilerplate.yaml`` show their own name).

Example:
    >>> translate(VOICES, "reported speech"), rule_label("share_bar"), rule_label("barre de partage")
    ('discours rapporté', 'barre de partage', 'barre de partage')
    >>> format_int(12345), format_number(0.4213, 2), format_percent(0.234), count_noun(1, "article")
    ('12\u202f345', '0,42', '23\u202f%', '1 article')
"""
from __future__ import annotations

import math
import warnings
from typing import Mapping

#: Narrow no-break space: French thousands separator and the space before « % ».
NNBSP = "\u202f"

#: How each line ``sinokaz`` writes on stderr starts (« ignoré : <fichier> : <raison> », « avertissement : … »,
#: « sinokaz run : erreur : … »), in the CLI, in ``load_corpus`` and in ``sinokaz run``.
SKIPPED = "ignoré"
WARNING = "avertissement"
ERROR = "erreur"


class SinokazWarning(UserWarning):
    """A warning of sinokaz for its reader: shown as one French line, « avertissement : … »."""


def format_warning(message, category, filename, lineno, line=None) -> str:
    """How a warning is shown: a :class:`SinokazWarning` as « avertissement : <message> » (no
    Python file, line number or class name, which a notebook reader would take for a failure),
    any other as Python shows it. Installed as ``warnings.formatwarning`` when this module loads.

    Example:
        >>> format_warning("métadonnées : m.csv, ligne 3 : a : document inconnu (ligne ignorée)", SinokazWarning,
        ...                "corpus.py", 1)
        'avertissement : métadonnées : m.csv, ligne 3 : a : document inconnu (ligne ignorée)\n'
    """
    if isinstance(category, type) and issubclass(category, SinokazWarning):
        return f"{WARNING} : {message}\n"
    return _PYTHON_FORMAT_WARNING(message, category, filename, lineno, line)


# Python's own formatter, kept when this module is loaded again (a reload, a fresh import)
_PYTHON_FORMAT_WARNING = getattr(warnings.formatwarning, "python_format", warnings.formatwarning)
format_warning.python_format = _PYTHON_FORMAT_WARNING
warnings.formatwarning = format_warning


#: The one name of an article whose outlet nobody knows, in every table and figure.
UNKNOWN_OUTLET = "média inconnu"
#: What the ``database`` column of a document that did not come from an export is shown as.
NO_DATABASE = "aucune (fichiers d'articles)"
#: The row that stands for every file holding a single document (``overview.count_sources``).
SINGLE_FILES = "{n} fichier{s} d'un seul document"
#: Values grouped together when a figure cannot name them all (colours, rows).
OTHERS = "autres"
#: Country of a statement whose speaker has none (communiqués, « les deux parties »).
NO_COUNTRY = "sans pays"

#: The two voices of ``terms.assign_voice`` (internal values: ``journalist``, ``reported speech``).
VOICES = {"journalist": "voix du journaliste", "reported speech": "discours rapporté", "all": "tous les mots"}
#: ``speaker_type`` of the statements table.
SPEAKER_TYPES = {"person": "personne", "collective": "collectif", "document": "document",
                 "unnamed": "locuteur non nommé"}
#: ``kind`` of the statements table (``continuation``: a sentence that goes on with the previous
#: statement without a cue of its own, found with less confidence).
STATEMENT_KINDS = {"direct": "discours direct", "indirect": "discours indirect",
                   "continuation": "suite d'un propos (moins sûre)"}
#: How a date was obtained (``timeline.date_documents``).
DATE_KINDS = {"stated": "dans le texte ou l'URL", "inferred": "déduite (jour de la semaine)",
              "curated": "métadonnées vérifiées", "unknown": "inconnue"}
#: Where the date an article is placed at comes from (``timeline.apply_dating``).
DATE_BASES = {"publication": "date de publication", "event": "date de l'événement (faute de date de publication)",
              "none": "non daté"}
#: The dating rules of every notebook's ``DATING`` parameter (``timeline.apply_dating``).
DATING_RULES = {"publication": "date de publication (les articles sans date de publication sont laissés de côté)",
                "publication_or_event": "date de publication, à défaut date de l'événement rapporté"}
PERIODS = {"Y": "année", "Q": "trimestre", "M": "mois"}
#: Units of analysis (topics, exports).
UNITS = {"document": "articles", "paragraph": "paragraphes", "statement": "déclarations", "segment": "segments",
         "voice": "voix"}
#: What the groups of ``KEYNESS_BY`` are, as a noun (axis and column names).
GROUP_NAMES = {"period": "période", "outlet": "média", "voice": "voix", "language": "langue"}
#: What ``KEYNESS_BY`` groups the articles by.
GROUPINGS = {"period": "par période", "outlet": "par média", "voice": "par voix", "language": "par langue"}
#: Countries of ``plotting.COUNTRY_COLORS`` keys.
COUNTRIES = {"China": "Chine", "Kazakhstan": "Kazakhstan", "both": "les deux pays", "other": "autre"}

#: Headers of the tables a reader opens (CSV beside the figures, interactive tables).
COLUMNS = {
    "speaker": "locuteur", "speaker_label": "locuteur", "country": "pays", "country_name": "pays",
    "speaker_type": "type de locuteur", "role": "fonction", "cue": "verbe introducteur", "kind": "forme",
    "text": "texte", "statement": "déclaration", "title": "article", "doc_id": "identifiant",
    "date": "date", "outlet": "média", "voice": "voix", "left": "contexte gauche", "match": "terme",
    "right": "contexte droit", "term": "terme", "confidence": "confiance", "published": "date de publication",
    "event_date": "date de l'événement", "url": "adresse",
    # inventory tables (overview)
    "kept": "analysés", "duplicates": "copies", "other_language": "autre langue", "total": "total",
    "lines": "lignes", "documents": "documents", "rule": "règle", "rule_id": "nom dans le lexique",
    "n_words": "mots", "duplicate_of": "copie de", "canonical_outlet": "média de l'original", "path": "fichier",
    "reason": "raison", "label": "libellé", "date_kind": "origine de la date", "place": "lieu",
    "type_label": "type de rencontre", "china_actors": "acteurs chinois", "kazakhstan_actors": "acteurs kazakhs",
    "china_actor": "acteur chinois", "kazakhstan_actor": "acteur kazakh", "events": "rencontres", "first": "première",
    "last": "dernière", "types": "types", "china_role": "fonction (Chine)", "kazakhstan_role": "fonction (Kazakhstan)",
    "source": "source", "partial": "date partielle",
    # inventory of the sources (overview.count_databases, count_sources)
    "database": "base", "files": "fichiers", "source_file": "fichier", "other_kinds": "autres entrées (liens, réseaux sociaux, rapports, agendas)",
    # the dating table, the coverage table
    "publication": "date de publication", "event": "date de l'événement", "outlet_total": "articles publiés par le média",
    "period": "période",
    # keyness tables (terms.score_keyness), collocates, reported speech, formulas
    "total_target": "termes de la cible", "total_reference": "termes de la référence", "node": "pôle",
    "n_chars_reported": "caractères rapportés", "share_chars_reported": "part rapportée (caractères)", "articles": "articles", "group": "groupe",
    "period_start": "début de période", "per_1000": "pour 1 000 articles du média",
    "n_statements": "déclarations", "n_docs": "articles", "n_direct": "directes", "n_indirect": "indirectes",
    "n_chars": "caractères", "share_words": "part des mots", "n_speakers": "locuteurs", "n_reported": "mots rapportés",
    "share_reported": "part rapportée", "formula": "formule", "n_total": "occurrences", "n_journalist": "voix du journaliste",
    "speakers": "locuteurs", "target": "cible", "reference": "référence", "n_target": "n cible",
    "n_reference": "n référence", "g2": "G²", "p": "p", "log_ratio": "log-ratio", "specificity": "spécificité",
    "collocate": "cooccurrent", "n_pair": "cooccurrences", "n_collocate": "occurrences du cooccurrent",
    "n_node": "occurrences du pôle", "pmi": "PMI", "topic": "thème", "share": "part", "npmi": "cohérence NPMI",
    "n_docs_effective": "articles effectifs", "n_docs_main": "articles (thème principal)",
    "top_terms": "termes de tête", "passage": "passage typique", "passage_doc": "article du passage",
    "n_units": "unités", "count": "occurrences", "words": "mots", "per_10k": "pour 10 000 mots",
    # classes (25_classes)
    "classe": "classe", "n_segments": "segments", "pct_segments": "% des segments classés",
    "n_documents": "articles", "main_document": "article principal",
    "pct_main_document": "% venant de l'article principal", "n_significant": "termes significatifs",
    "terms": "termes", "n_class": "segments de la classe", "pct": "%", "chi2": "χ²", "rank": "rang",
    "score": "score", "n_terms": "termes", "unit_id": "segment", "start": "début", "end": "fin",
    "pct_modalite": "% de la modalité", "pct_classe": "% de la classe", "n": "effectif",
    "kind_ca": "nature", "dim1": "axe 1", "dim2": "axe 2", "mass": "masse", "contrib1": "contribution axe 1",
    "contrib2": "contribution axe 2", "quality": "qualité (cos²)",
}

#: The words of the interactive tables (DataTables ``language`` option), so that nothing is in English.
DATATABLES_LANGUAGE = {
    "search": "Rechercher :", "lengthMenu": "Afficher _MENU_ lignes", "info": "Lignes _START_ à _END_ sur _TOTAL_",
    "infoEmpty": "Aucune ligne", "infoFiltered": "(filtrées parmi _MAX_)", "zeroRecords": "Aucune ligne ne correspond",
    "emptyTable": "Tableau vide", "loadingRecords": "Chargement…", "processing": "Traitement…",
}
#: Roles of ``data/roles.csv``, in French (who met whom, readings).
ROLES = {"president": "président", "vice_president": "vice-président", "premier": "Premier ministre",
         "deputy_premier": "vice-Premier ministre", "first_deputy_premier": "premier vice-Premier ministre",
         "foreign_minister": "ministre des Affaires étrangères", "commerce_minister": "ministre du Commerce",
         "trade_minister": "ministre du Commerce", "vice_minister_energy": "vice-ministre de l'Énergie",
         "state_councillor": "conseiller d'État", "npc_chairman": "président de l'Assemblée populaire nationale",
         "senate_chairman": "président du Sénat", "mazhilis_chairman": "président du Majilis",
         "ambassador_to_kz": "ambassadeur au Kazakhstan", "fm_spokesperson": "porte-parole des Affaires étrangères",
         "deputy": "député"}


def translate(vocabulary: Mapping[str, str], value, *, missing: str = "") -> str:
    """Return the French label of ``value`` in ``vocabulary``; an unknown value is shown as it is.

    Example:
        >>> translate(SPEAKER_TYPES, "collective"), translate(SPEAKER_TYPES, "groupe"), translate(SPEAKER_TYPES, None)
        ('collectif', 'groupe', '')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    text = str(value)
    return vocabulary.get(text, text)


def _read_forms(path, columns) -> list[tuple[str, str]]:
    """(term, written form) pairs of one lexicon: each form of ``columns`` keyed by its lower case."""
    import csv

    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError:
        return []
    pairs = []
    for row in rows:
        for column in columns:
            for form in str(row.get(column) or "").split("|"):
                form = " ".join(form.split())
                if form and form != form.lower():
                    pairs.append((form.lower().replace("’", "'"), form))
    return pairs


_TERM_FORMS: dict[str, str] = {}
#: written forms the corpora loaded in this session use (``nlp.written_forms``), after the lexicons'
_CORPUS_FORMS: dict[str, str] = {}


def remember_written_forms(forms: Mapping[str, str]) -> None:
    """Let ``term_label`` write the terms of a loaded corpus as it writes them (« Irtych », « État »).

    Called by ``nlp.tokenize_corpus`` with ``nlp.written_forms`` of its token table; a form the
    lexicons give wins over the corpus's.
    """
    _CORPUS_FORMS.update(forms)


def term_label(term) -> str:
    """A term of the terms layer as a reader writes it: « Xi Jinping », « la Ceinture et la Route »,
    « CICA », not the lower-cased lemma the counts use; a term no lexicon writes with capitals
    (a common noun, « coopération ») is shown as it is.

    The written forms are those of the lexicons a researcher edits: the expressions of
    ``data/lexicons/multiword.csv`` (the form whose lower case is the term), the names and
    aliases of ``data/actors.csv``, ``data/places.csv`` and ``data/organisations.csv``; then those
    of the corpora loaded in this session (``remember_written_forms``: « Irtych », « Thomas
    Pesquet », « État »). Only what a reader sees changes: tables and CSV files keep the terms.

    Example:
        >>> term_label("xi jinping"), term_label("la ceinture et la route"), term_label("coopération")
        ('Xi Jinping', 'la Ceinture et la Route', 'coopération')
    """
    if not _TERM_FORMS:
        from . import config

        forms: dict[str, str] = {}
        for key, form in _read_forms(config.MULTIWORD_FILE, ["expression"]):
            forms.setdefault(key, form)
        for path in (config.ACTORS_FILE, config.ORGANISATIONS_FILE, config.PLACES_FILE):
            for key, form in _read_forms(path, ["name", "aliases", "short"]):
                forms.setdefault(key, form)
        _TERM_FORMS.update(forms or {"": ""})
    text = "" if term is None or (isinstance(term, float) and math.isnan(term)) else str(term)
    return _TERM_FORMS.get(text) or _CORPUS_FORMS.get(text, text)


def rule_label(name) -> str:
    """French name of a cleaning rule, as ``data/lexicons/boilerplate.yaml`` (``labels:``) gives it
    (``clean.rule_labels``, the one list); a name it does not list is shown as it is.

    Example:
        >>> rule_label("photo_caption"), rule_label("légende photo")
        ('légende photo', 'légende photo')
    """
    from .clean import rule_labels

    return translate(rule_labels(), name)


def outlet_label(value) -> str:
    """The outlet as shown to a reader: its name, or ``UNKNOWN_OUTLET`` when nothing names it.

    Example:
        >>> outlet_label(None), outlet_label("  "), outlet_label("inconnu"), outlet_label("Xinhua")
        ('média inconnu', 'média inconnu', 'média inconnu', 'Xinhua')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNKNOWN_OUTLET
    text = str(value).strip()
    return UNKNOWN_OUTLET if text.lower() in {"", "nan", "none", "<na>", "nat", "inconnu", UNKNOWN_OUTLET} else text


# --------------------------------------------------------------------------- numbers

def format_int(value) -> str:
    """An integer the French way: ``12 345`` (narrow no-break space); ``–`` for a missing value.

    Example:
        >>> format_int(3.0), format_int(1234567)
        ('3', '1\u202f234\u202f567')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{int(round(float(value))):,}".replace(",", NNBSP)


def format_number(value, digits: int = 1) -> str:
    """A decimal number the French way: ``0,42``, ``12 345,6``; integers keep no decimals.

    Example:
        >>> format_number(2.0), format_number(3.14159, 2), format_number(-0.5)
        ('2', '3,14', '-0,5')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return format_int(value)
    return f"{value:,.{digits}f}".replace(",", NNBSP).replace(".", ",")


def format_percent(share, digits: int = 0) -> str:
    """A share (0–1) as a French percentage: ``23 %``, ``4,5 %``.

    A share that is not zero is never written « 0 % »: it gets the decimals it needs (« 0,3 % »,
    « 0,04 % »), and below 0,01 % it is « < 0,01 % »; likewise a share below 1 is never « 100 % ».

    Example:
        >>> format_percent(0.5), format_percent(0.045, 1), format_percent(0.003), format_percent(0.9996)
        ('50\u202f%', '4,5\u202f%', '0,3\u202f%', '99,96\u202f%')
    """
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    value = float(share) * 100
    text = f"{value:.{digits}f}"
    while value != 0 and digits < 2 and (float(text) == 0 or (float(text) == 100 and value < 100)):
        digits += 1
        text = f"{value:.{digits}f}"
    if value != 0 and float(text) == 0:
        return f"<{NNBSP}0,01{NNBSP}%" if value > 0 else f">{NNBSP}-0,01{NNBSP}%"
    return text.replace(".", ",") + f"{NNBSP}%"


def agree(n, singular: str, plural: str | None = None) -> str:
    """The word (or words) that agree with a count ``n``: the singular for 0 and 1 as French
    does, the plural (``singular + "s"`` unless given) from 2 on. For what follows a count
    without repeating its noun: a participle, an adjective, a verb (« 1 a », « 2 ont »).

    Example:
        >>> f"sur 3 articles, 1 {agree(1, 'est daté', 'sont datés')}", agree(0, "analysé"), agree(2, "a", "ont")
        ('sur 3 articles, 1 est daté', 'analysé', 'ont')
    """
    return singular if abs(int(n)) <= 1 else (plural or singular + "s")


def count_noun(n, singular: str, plural: str | None = None) -> str:
    """``n`` and its noun, in the singular for 0 and 1 as French does: « 1 article », « 5 articles »;
    a participle or adjective after the noun agrees when both forms are given (« 1 article daté »,
    « 2 articles datés »). Never « article(s) ».

    Example:
        >>> count_noun(0, "article"), count_noun(2, "cheval", "chevaux"), count_noun(1, "article daté", "articles datés")
        ('0 article', '2 chevaux', '1 article daté')
    """
    return f"{format_int(n)} {agree(n, singular, plural)}"


#: Country names ending in « e » that are masculine (« du Mexique »), and plural ones (« des États-Unis »).
_MASCULINE_IN_E = {"mexique", "cambodge", "mozambique", "zimbabwe", "belize", "suriname"}
_VOWELS = "aeiouyàâäéèêëîïôöùûüh"


def of_country(name) -> str:
    """« de Chine », « du Kazakhstan », « d'Ouzbékistan », « des États-Unis »: a country's name after
    « les locuteurs » (the gender of French country names follows their last letter); a name that
    is not a country (« sans pays ») is quoted: « sans pays » → « « sans pays » ».

    Example:
        >>> of_country("Chine"), of_country("Kazakhstan"), of_country("Ouzbékistan"), of_country("États-Unis")
        ('de Chine', 'du Kazakhstan', "d'Ouzbékistan", 'des États-Unis')
    """
    text = str(name).strip()
    if not text or text == NO_COUNTRY:
        return f"« {text} »"
    key = text.lower()
    first = key.split()[0]  # « Corée du Sud » is feminine as « Corée » is
    if key.startswith(("états", "émirats", "pays-bas", "philippines", "comores", "seychelles", "maldives")):
        return f"des {text}"
    if key[0] in _VOWELS:
        return f"d'{text}"
    if first.endswith("e") and first not in _MASCULINE_IN_E:
        return f"de {text}"
    return f"du {text}"


def join_words(items, *, last: str = "et") -> str:
    """Join items as French prose: « a », « a et b », « a, b et c ».

    Example:
        >>> join_words(["Xinhua", "CGTN", "RFI"])
        'Xinhua, CGTN et RFI'
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]
