"""Why an input is not loaded, in French: every skip reason and metadata problem a user reads.

What belongs here: :data:`REASONS` (one template per reason a file, a row or a folder entry is
skipped: ``corpus.skipped``, the ``ignoré : <fichier> : <raison>`` lines on stderr, the table of
notebook 00), :data:`METADATA_PROBLEMS` (why a metadata row or value is ignored:
``corpus.metadata_issues``, the ``métadonnées : <fichier>, ligne N : …`` warnings), the French
names of binary formats and file-type hints, and :func:`describe_error` (the cause of an
``OSError`` or of a library's exception, in French). What does not: the error messages a
function raises for a bad request (they are written where they are raised, like export's), the
words of figures and tables (``labels``).

Why here and not in ``labels``: these texts are stored with the loaded corpus in its cache
(``skipped``, ``metadata_issues``). The corpus cache is keyed on the code of ``read/`` and
``corpus.py``: a reason reworded here rebuilds the cached corpus, so that no table keeps the old
wording, while a caption changed in ``labels`` does not make the corpus be read again.

Example:
    >>> reason("unsupported_type", kind=".xyz")
    'type de fichier non pris en charge (.xyz)'
    >>> describe_error(PermissionError(13, "Permission denied"))
    'permission refusée'
"""
from __future__ import annotations

import csv
import errno
import json

#: Why an input (a file, a folder entry, a row of a table) is not loaded: ``reason(key, **values)``.
REASONS = {
    # the folder walk (read.folder)
    "system_file": "fichier système",
    "hidden_file": "fichier caché",
    "hidden_folder": "dossier caché (non lu)",
    "unreadable_folder": "dossier illisible ({cause})",
    "link_loop": "lien symbolique en boucle",
    "broken_link": "lien symbolique cassé (sa cible n'existe pas)",
    "link_outside": "lien symbolique vers l'extérieur du dossier du corpus (non suivi)",
    "link_not_file": "lien symbolique vers autre chose qu'un fichier",
    "link_to_folder": "lien symbolique vers un dossier (non suivi)",
    "not_regular": "pas un fichier ordinaire (tube nommé, socket ou périphérique)",
    "unsupported_type": "type de fichier non pris en charge ({kind})",
    "unsupported_type_hint": "type de fichier non pris en charge ({kind}, {hint})",
    "metadata_unsafe": "fichier de métadonnées non lu : {cause}",
    "metadata_other": "fichier de métadonnées non lu : {used} est celui du dossier",
    "metadata_malformed": "fichier de métadonnées mal formé, non utilisé ({cause})",
    # reading a file (read.registry, read.text, read.office)
    "empty_file": "fichier vide",
    "whitespace_only": "vide (rien que des espaces)",
    "no_document": "aucun document trouvé (format {format})",
    "corrupt": "fichier {format} endommagé ou non pris en charge ({cause})",
    "binary": "fichier binaire ({kind})",
    "binary_nul": "fichier binaire (octets NUL)",
    "binary_control": "fichier binaire (octets NUL ou de contrôle)",
    "bad_bom": "indécodable : {encoding} invalide après sa marque d'ordre des octets ({cause})",
    "undecodable": "indécodable : aucun encodage de texte ne lit proprement ces octets",
    "html_without_text": "page HTML sans texte principal",
    "pdf_encrypted": "document PDF chiffré",
    "pdf_unreadable": "fichier binaire (document PDF) illisible ({cause})",
    "pdf_scan": "fichier binaire (document PDF) sans couche de texte (un scan demande une reconnaissance "
                "de caractères, OCR)",
    "rtf_unreadable": "document RTF illisible ({cause})",
    "several_documents": "{n} documents dans un seul fichier (à lire avec read_documents)",
    "unreadable": "illisible ({cause})",
    # the corpus (corpus.py)
    "no_content": "aucun contenu après nettoyage",
    "doc_id_taken": "identifiant {doc_id} déjà pris par {first}",
    # tables of articles (read.tables)
    "invalid_json": "ligne JSON invalide ({cause})",
    "not_json_object": "ligne JSON qui n'est pas un objet",
    "malformed_csv_row": "ligne CSV mal formée ({n} champs)",
    "repeated_doc_id": "identifiant (doc_id) répété dans la table",
    "empty_text": "texte vide",
}

#: Why a row or a value of a metadata sheet is ignored (``corpus.metadata_issues.problem``).
METADATA_PROBLEMS = {
    "invalid_value": "{what} invalide dans la colonne {column} : {value} (ignorée{hint})",
    "day_first_hint": " ; une feuille séparée par des virgules attend des dates ISO (AAAA-MM-JJ) : les dates "
                      "écrites jour en premier (14/09/2020) se lisent dans une feuille séparée par des "
                      "points-virgules ou des tabulations, comme l'enregistrent les tableurs en français",
    "path_outside": "chemin hors du corpus (ligne ignorée)",
    "unknown_document": "document inconnu (ligne ignorée)",
    "ambiguous": "ambigu : plusieurs fichiers portent ce nom, leurs identifiants sont {ids} (ligne ignorée)",
}
#: What an invalid value of a metadata column is called in :data:`METADATA_PROBLEMS` (else « valeur »).
METADATA_VALUES = {"published": "date", "event_date": "date", "url": "adresse"}

#: The line a metadata problem is reported as (a warning; the CLI puts « avertissement : » before it).
METADATA_LINE = "métadonnées : {file}, ligne {line} : {doc_id} : {problem}"

#: Binary formats recognised by their first bytes (``read.text.BINARY_MAGIC``), in French.
BINARY_KINDS = {
    "gzip": "archive gzip", "pdf": "document PDF", "zip": "archive zip (ou docx/odt)", "png": "image PNG",
    "jpeg": "image JPEG", "gif": "image GIF", "ole": "document MS Office (ancien format)", "rtf": "document RTF",
    "bzip2": "archive bzip2", "xz": "archive xz", "parquet": "fichier Parquet",
}

#: The formats of ``read.registry.READERS`` as a reason names them (« aucun document trouvé (format …) »).
FORMATS = {"docx": "DOCX", "odt": "OpenDocument", "pdf": "PDF", "rtf": "RTF", "europresse": "Europresse", "factiva_html": "Factiva HTML",
           "lexisnexis_html": "LexisNexis HTML", "factiva_xml": "Factiva XML", "web": "page web", "text": "texte"}

#: What to tell a user about a file type that is not read, when there is more to say.
TYPE_HINTS = {
    ".doc": "ancien format Word : l'enregistrer en .docx",
    ".xls": "ancien format Excel : l'enregistrer en .xlsx",
}
#: How a file without an extension is named in « type de fichier non pris en charge (…) ».
NO_EXTENSION = "sans extension"

#: Causes of an ``OSError`` by errno, in French (the system's own message is English).
OS_ERRORS = {
    errno.EACCES: "permission refusée", errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable", errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier", errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ELOOP: "trop de liens symboliques", errno.ENAMETOOLONG: "nom trop long",
    errno.EMFILE: "trop de fichiers ouverts", errno.ENFILE: "trop de fichiers ouverts",
    errno.ENOMEM: "mémoire insuffisante", errno.ENOSPC: "disque plein", errno.EROFS: "disque en lecture seule",
    errno.EBUSY: "fichier occupé", errno.ETIMEDOUT: "délai dépassé (disque réseau ?)",
    errno.ESTALE: "fichier réseau périmé", errno.EINVAL: "argument invalide",
    errno.EEXIST: "un fichier de ce nom existe déjà", errno.ENOTEMPTY: "dossier non vide",
}

#: Causes of the exceptions libraries raise on damaged files, by exception class name, in French.
LIBRARY_ERRORS = {
    "BadZipFile": "pas une archive zip valide",
    "PackageNotFoundError": "pas un document Word lisible",
    "PdfStreamError": "flux PDF tronqué ou endommagé",
    "EmptyFileError": "fichier vide",
    "PdfReadError": "structure PDF endommagée",
    "FileNotDecryptedError": "document PDF chiffré",
    "XMLSyntaxError": "XML mal formé",
    "EmptyDataError": "fichier vide ou sans colonnes",
}

#: Reasons Python's codecs give for bytes they cannot decode, in French.
CODEC_ERRORS = {
    "truncated data": "données tronquées", "illegal UTF-16 surrogate": "substitut UTF-16 isolé",
    "illegal encoding": "encodage illégal", "invalid start byte": "octet de début invalide",
    "invalid continuation byte": "octet de continuation invalide", "unexpected end of data": "fin de données inattendue",
    "code point not in range(0x110000)": "point de code hors d'Unicode",
}

#: What Python's JSON and CSV readers say of a malformed line (the start of their message), in French.
PARSER_ERRORS = {
    "Expecting value": "valeur attendue", "Unterminated string": "chaîne de caractères non terminée",
    "Expecting ',' delimiter": "virgule attendue", "Expecting ':' delimiter": "deux-points attendus",
    "Expecting property name": "nom de champ entre guillemets attendu", "Extra data": "données en trop",
    "Invalid control character": "caractère de contrôle invalide", "Invalid \\escape": "échappement invalide",
    "unexpected end of data": "fin de données inattendue", "line contains NUL": "la ligne contient un octet NUL",
    "field larger than field limit": "champ trop long", "new-line character seen in unquoted field":
        "saut de ligne dans un champ sans guillemets",
}


def reason(key: str, **values) -> str:
    """The French reason ``key`` of :data:`REASONS`, its blanks filled with ``values``.

    Raises:
        KeyError: ``key`` is not a reason (a mistake in the code, not in the input).

    Example:
        >>> reason("doc_id_taken", doc_id="'XIN0001'", first="exports/a.htm#1")
        "identifiant 'XIN0001' déjà pris par exports/a.htm#1"
    """
    return REASONS[key].format(**values)


def metadata_problem(key: str, **values) -> str:
    """The French problem ``key`` of :data:`METADATA_PROBLEMS`, its blanks filled with ``values``.

    Example:
        >>> metadata_problem("unknown_document")
        'document inconnu (ligne ignorée)'
    """
    return METADATA_PROBLEMS[key].format(**values)


def invalid_metadata_value(column: str, value: str, *, day_first_hint: bool = False) -> str:
    """Why an invalid value of a metadata column is ignored, in French.

    Example:
        >>> invalid_metadata_value("published", "2022-02-31")
        "date invalide dans la colonne published : '2022-02-31' (ignorée)"
    """
    hint = METADATA_PROBLEMS["day_first_hint"] if day_first_hint else ""
    return metadata_problem("invalid_value", what=METADATA_VALUES.get(column, "valeur"), column=column,
                            value=repr(value), hint=hint)


def describe_error(exc: BaseException) -> str:
    """The cause of an exception, in French: an ``OSError`` by its errno, a library's error on a
    damaged file by its kind, a codec's by its reason; otherwise its class and its own message
    (a technical detail, kept so that nothing of the cause is lost).

    Example:
        >>> import zipfile
        >>> describe_error(zipfile.BadZipFile("File is not a zip file")), describe_error(RuntimeError("boom"))
        ('pas une archive zip valide', 'RuntimeError : boom')
    """
    if isinstance(exc, OSError) and exc.errno in OS_ERRORS:
        return OS_ERRORS[exc.errno]
    if isinstance(exc, json.JSONDecodeError):
        return f"{_parser_error(exc.msg)}, colonne {exc.colno}"
    if isinstance(exc, csv.Error):
        return _parser_error(str(exc))
    if isinstance(exc, UnicodeError) and getattr(exc, "reason", None):
        return CODEC_ERRORS.get(exc.reason, exc.reason)
    for cls in type(exc).__mro__:
        if cls.__name__ in LIBRARY_ERRORS:
            return LIBRARY_ERRORS[cls.__name__]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"{type(exc).__name__} : {exc}" if str(exc) else type(exc).__name__


def _parser_error(message: str) -> str:
    for start, french in PARSER_ERRORS.items():
        if message.startswith(start):
            return french
    return message
