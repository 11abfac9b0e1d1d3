"""The ``sinokaz`` command line: thin wrappers over the package's functions.

What belongs here: argument parsing (help, usage and argparse's errors in French), writing
tables to stdout or a file, turning errors into one clear French line and an exit status. What
does not: any processing (it lives in the modules the commands call).

    sinokaz documents [CORPUS] [--metadata FILE] [-o FILE] [--format csv|jsonl|parquet]
                      [--cache-dir DIR | --no-cache]
    sinokaz statements [CORPUS] [same options]
    sinokaz export [CORPUS] --to iramuteq|txm -o PATH [--metadata FILE] [--cache-dir DIR | --no-cache]
                   [--unit documents|paragraphs|statements] [--variables NAME,...] [--themes]
    sinokaz run [--corpus CORPUS] [--metadata FILE] [--out DIR] [--only NAME ...] [-p KEY=VALUE ...]
"""
from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

from .config import PROCESSED_DIR, VERSION
from .labels import ERROR, WARNING, count_noun


class CommandError(Exception):
    """An error to report as one line on stderr, with a non-zero exit status."""


def write_table(df, *, out: str | None, fmt: str | None) -> None:
    """Write ``df`` as CSV, JSON Lines or Parquet to ``out`` (stdout when ``None``)."""
    from .cache import write_atomic

    if fmt is None:
        suffix = Path(out).suffix.lower() if out else ""
        fmt = {".jsonl": "jsonl", ".json": "jsonl", ".parquet": "parquet"}.get(suffix, "csv")
    if fmt == "parquet":
        if not out:
            raise CommandError("--format parquet demande -o FICHIER "
                               "(le Parquet ne s'écrit pas sur la sortie standard)")
        import io

        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        write_atomic(Path(out), buf.getvalue())
        return
    if fmt == "jsonl":
        text = df.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
    else:
        text = df.to_csv(index=False)
    if out:
        write_atomic(Path(out), text.encode("utf-8"))
    else:
        sys.stdout.write(text)


#: Help texts shared by several commands.
_CORPUS_HELP = "un dossier d'articles ou une table .csv/.jsonl/.parquet (par défaut : le corpus fourni)"
_METADATA_HELP = "une feuille de faits vérifiés par doc_id (url, outlet, published…) : CSV, TSV ou .xlsx"


def _add_cache_options(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--cache-dir", default=str(PROCESSED_DIR), metavar="DOSSIER",
                   help="où les tables traitées sont gardées en cache (par défaut : %(default)s)")
    g.add_argument("--no-cache", action="store_true", help="tout traiter à neuf, sans écrire de cache")


def _add_corpus_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", nargs="?", default=None, metavar="CORPUS", help=_CORPUS_HELP)
    p.add_argument("--metadata", metavar="FICHIER", help=_METADATA_HELP)
    p.add_argument("-o", "--output", metavar="FICHIER",
                   help="écrire dans ce fichier plutôt que sur la sortie standard")
    p.add_argument("--format", choices=["csv", "jsonl", "parquet"],
                   help="par défaut : d'après l'extension de -o, sinon csv")
    _add_cache_options(p)


def _load(args, *, meanwhile=None):
    from .corpus import load_corpus

    cache_dir = None if args.no_cache else Path(args.cache_dir)
    return load_corpus(args.corpus, metadata=args.metadata, cache_dir=cache_dir, meanwhile=meanwhile)


def cmd_documents(args) -> int:
    from .corpus import documents_table

    corpus = _load(args)
    write_table(documents_table(corpus), out=args.output, fmt=args.format)
    return 0


def cmd_statements(args) -> int:
    from .nlp import processing_nlp
    from .statements import extract_statements

    corpus = _load(args, meanwhile=processing_nlp)  # the model loads while the texts are cleaned
    cache_dir = None if args.no_cache else Path(args.cache_dir)
    write_table(extract_statements(corpus, cache_dir=cache_dir), out=args.output, fmt=args.format)
    return 0


def cmd_export(args) -> int:
    from .export import export_units, needs_statements, read_iramuteq, write_iramuteq, write_txm
    from .nlp import processing_nlp

    variables = [v.strip() for v in args.variables.split(",") if v.strip()]
    needs_nlp = needs_statements(unit=args.unit, variables=variables, voices=args.themes)
    corpus = _load(args, meanwhile=processing_nlp if needs_nlp else None)  # the model loads while texts are cleaned
    cache_dir = None if args.no_cache else Path(args.cache_dir)
    units = export_units(corpus, unit=args.unit, variables=variables, voices=args.themes, cache_dir=cache_dir)
    if args.to == "iramuteq":
        path = write_iramuteq(units, args.output)
        n = len(read_iramuteq(path))  # counted as IRaMuTeQ will read them
    else:
        path = write_txm(units, args.output)
        n = len(path.joinpath("metadata.csv").read_text(encoding="utf-8").splitlines()) - 1
    what = {"documents": "document", "paragraphs": "paragraphe", "statements": "déclaration"}[args.unit]
    print(f"{count_noun(n, 'texte écrit', 'textes écrits')} pour {args.to} (un par {what}) : {path}", file=sys.stderr)
    return 0


def cmd_run(args) -> int:
    from .run import run_notebooks

    params = {}
    for item in args.parameter or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise CommandError(f"-p attend CLÉ=VALEUR, pas {item!r}")
        params[key.strip()] = value
    run_notebooks(corpus=args.corpus, metadata=args.metadata, out=args.out, only=args.only, parameters=params,
                  jobs=args.jobs)
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = FrenchArgumentParser(
        prog="sinokaz", description="Les médias francophones et les relations Chine–Kazakhstan : corpus, "
                                    "déclarations, notebooks.")
    ap.add_argument("--version", action="version", version=f"sinokaz {VERSION}", help="afficher la version et quitter")
    sub = ap.add_subparsers(dest="command", required=True, title="commandes", metavar="COMMANDE")
    p = sub.add_parser("documents", help="une ligne par document chargé : métadonnées, dates, texte nettoyé",
                       description="Écrire une ligne par document chargé : métadonnées, dates, texte nettoyé.")
    _add_corpus_options(p)
    p.set_defaults(func=cmd_documents)
    p = sub.add_parser("statements", help="une ligne par déclaration rapportée : qui a dit quoi",
                       description="Écrire une ligne par déclaration rapportée : qui a dit quoi, où et quand.")
    _add_corpus_options(p)
    p.set_defaults(func=cmd_statements)
    p = sub.add_parser("export", help="écrire le corpus pour IRaMuTeQ (lignes étoilées) ou TXM (dossier TXT + CSV)",
                       description="Écrire le corpus pour IRaMuTeQ (lignes étoilées) ou TXM (dossier TXT + CSV).")
    p.add_argument("corpus", nargs="?", default=None, metavar="CORPUS", help=_CORPUS_HELP)
    p.add_argument("--to", required=True, choices=["iramuteq", "txm"], help="l'outil qui lira l'export")
    p.add_argument("-o", "--output", required=True, metavar="CHEMIN",
                   help="IRaMuTeQ : le fichier de corpus à écrire (ex. corpus.txt) ; "
                        "TXM : un dossier nouveau ou vide")
    p.add_argument("--metadata", metavar="FICHIER", help=_METADATA_HELP)
    p.add_argument("--unit", default="documents", choices=["documents", "paragraphs", "statements"],
                   help="un texte par document (par défaut), par paragraphe ou par déclaration rapportée")
    p.add_argument("--variables", default="doc,media,annee,mois", metavar="NOM,...",
                   help="variables de chaque texte, parmi doc, media, annee, mois, date, titre, locuteur, pays, "
                        "forme (locuteur, pays et forme demandent les déclarations : une passe de spaCy, gardée "
                        "en cache ; par défaut : %(default)s)")
    p.add_argument("--themes", action="store_true",
                   help="IRaMuTeQ : marquer le discours rapporté et la voix du journaliste par des lignes -*voix_")
    _add_cache_options(p)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("run", help="exécuter les notebooks avec papermill et exporter les figures",
                       description="Exécuter les notebooks avec papermill ; écrire les notebooks exécutés, leur "
                                   "rendu HTML et leurs figures.")
    p.add_argument("--corpus", metavar="CORPUS", help="dossier ou table d'articles (par défaut : le corpus fourni)")
    p.add_argument("--metadata", metavar="FICHIER", help=_METADATA_HELP)
    p.add_argument("--out", metavar="DOSSIER", help="dossier de sortie (par défaut : reports/)")
    p.add_argument("--only", nargs="+", metavar="NOM", help="n'exécuter que ces notebooks (ex. 10_timeline ou 10)")
    p.add_argument("-p", "--parameter", action="append", metavar="CLÉ=VALEUR",
                   help="changer un paramètre des notebooks (option répétable)")
    p.add_argument("-j", "--jobs", type=int, metavar="N",
                   help="notebooks exécutés à la fois (2 par défaut ; 1 les exécute l'un après l'autre)")
    p.set_defaults(func=cmd_run)
    return ap


# --------------------------------------------------------------------------- argparse in French

#: argparse's own messages (Python 3.11 to 3.13) and their French: the English template, with
#: argparse's ``%s``/``%(name)s`` blanks, and the French one, with ``{0}``, ``{1}`` in the same order.
ARGPARSE_MESSAGES = {
    "argument %(argument_name)s: %(message)s": "argument {0} : {1}",
    "the following arguments are required: %s": "arguments obligatoires manquants : {0}",
    "unrecognized arguments: %s": "arguments non reconnus : {0}",
    "not allowed with argument %s": "incompatible avec l'argument {0}",
    "one of the arguments %s is required": "l'un des arguments {0} est obligatoire",
    "ignored explicit argument %r": "cette option ne prend pas de valeur ({0})",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "au plus une valeur attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "expected %s arguments": "{0} valeurs attendues",
    "expected %s argument": "{0} valeur attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : {0} peut désigner {1}",
    "unexpected option string: %s": "option inattendue : {0}",
    "invalid %(type)s value: %(value)r": "valeur invalide ({0} attendu) : {1}",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : {0} (choisir parmi {1})",
}
#: The types of ``invalid %(type)s value`` in French.
_ARGPARSE_TYPES = {"int": "nombre entier", "float": "nombre"}
_BLANK = re.compile(r"%(?:\([a-z_]+\))?[sr]")


def _template_pattern(template: str) -> re.Pattern:
    parts = _BLANK.split(template)
    return re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$", re.DOTALL)


_ARGPARSE_PATTERNS = [(_template_pattern(en), fr) for en, fr in ARGPARSE_MESSAGES.items()]


def translate_argparse_message(message: str) -> str:
    """argparse's English message in French (a message it does not know is left as it is).

    Example:
        >>> translate_argparse_message("argument -j/--jobs: invalid int value: 'x'")
        "argument -j/--jobs : valeur invalide (nombre entier attendu) : 'x'"
    """
    for pattern, french in _ARGPARSE_PATTERNS:
        m = pattern.match(message)
        if m:
            values = [_ARGPARSE_TYPES.get(v, translate_argparse_message(v)) for v in m.groups()]
            return french.format(*values)
    return message


class _FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="utilisation : " if prefix is None else prefix)

    def start_section(self, heading):
        # French puts a space before the colon argparse writes after a section title
        super().start_section(f"{heading} " if heading else heading)

    def add_argument(self, action):
        super().add_argument(action)
        # argparse measures the commands at the outer indent and prints them further in: a floor
        # keeps « statements » and its help on one line
        self._action_max_length = max(self._action_max_length, 16)


class FrenchArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help, usage and errors are in French.

    Its own words (« utilisation : », the titles of the argument groups, ``-h``) are set here;
    its error messages are translated with :data:`ARGPARSE_MESSAGES` and printed as
    ``sinokaz <commande> : erreur : …``, like every other error of the command line.
    """

    def __init__(self, *args, add_help: bool = True, **kwargs):
        kwargs.setdefault("formatter_class", _FrenchHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="afficher cette aide et quitter")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : {ERROR} : {translate_argparse_message(message)}\n")


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    # one line per warning (« avertissement : métadonnées : FICHIER, ligne N : … »), without the
    # source line Python would print under it, so stderr reads like the « ignoré : … » lines beside it
    print(f"{WARNING} : {message}", file=sys.stderr if file is None else file)


def error_message(exc: BaseException) -> str:
    """The one line an error is reported as: the package's messages as they are (French), a
    system error by its file and its cause in French, anything else with its class.

    Example:
        >>> error_message(FileNotFoundError(2, "No such file or directory", "/x/docs.csv"))
        '/x/docs.csv : fichier ou dossier introuvable'
    """
    from .read.reasons import describe_error
    from .run import NotebookError

    if isinstance(exc, OSError) and exc.errno is not None:
        cause = describe_error(exc)
        return f"{exc.filename} : {cause}" if exc.filename else cause
    if isinstance(exc, (CommandError, FileNotFoundError, ValueError, NotebookError)):
        return str(exc)
    return f"{type(exc).__name__} : {exc}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("sinokaz : interrompu", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one clear line, no traceback, for every expected failure
        print(f"sinokaz {args.command} : {ERROR} : {error_message(exc)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
