"""The ``sinokaz`` command line: thin wrappers over the package's functions.

What belongs here: argument parsing, writing tables to stdout or a file, turning errors into
one clear line and an exit status. What does not: any processing (it lives in the modules the
commands call).

    sinokaz documents [CORPUS] [--metadata FILE] [-o FILE] [--format csv|jsonl|parquet]
                      [--cache-dir DIR | --no-cache]
    sinokaz statements [CORPUS] [same options]
    sinokaz export [CORPUS] --to iramuteq|txm -o PATH [--metadata FILE] [--cache-dir DIR | --no-cache]
                   [--unit documents|paragraphs|statements] [--variables NAME,...] [--themes]
    sinokaz run [--corpus CORPUS] [--metadata FILE] [--out DIR] [--only NAME ...] [-p KEY=VALUE ...]
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from .config import PROCESSED_DIR, VERSION


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
            raise CommandError("--format parquet needs -o FILE (Parquet is not written to stdout)")
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


def _add_corpus_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", nargs="?", default=None,
                   help="a folder of articles or a .csv/.jsonl/.parquet table (default: the bundled corpus)")
    p.add_argument("--metadata", help="a CSV of curated facts by doc_id (url, outlet, published, ...)")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.add_argument("--format", choices=["csv", "jsonl", "parquet"], help="default: from -o's extension, else csv")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--cache-dir", default=str(PROCESSED_DIR), help="where processed tables are cached")
    g.add_argument("--no-cache", action="store_true", help="process everything afresh, write no cache")


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
    print(f"{n} textes écrits pour {args.to} (un par {what}) : {path}", file=sys.stderr)
    return 0


def cmd_run(args) -> int:
    from .run import run_notebooks

    params = {}
    for item in args.parameter or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise CommandError(f"-p expects KEY=VALUE, got {item!r}")
        params[key.strip()] = value
    run_notebooks(corpus=args.corpus, metadata=args.metadata, out=args.out, only=args.only, parameters=params,
                  jobs=args.jobs)
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sinokaz", description="French media on China–Kazakhstan relations: corpus, statements, notebooks.")
    ap.add_argument("--version", action="version", version=f"sinokaz {VERSION}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("documents", help="one row per loaded document: metadata, dates, cleaned text")
    _add_corpus_options(p)
    p.set_defaults(func=cmd_documents)
    p = sub.add_parser("statements", help="one row per reported statement: who said what")
    _add_corpus_options(p)
    p.set_defaults(func=cmd_statements)
    p = sub.add_parser("export", help="write the corpus for IRaMuTeQ (star lines) or TXM (TXT+CSV folder)")
    p.add_argument("corpus", nargs="?", default=None,
                   help="a folder of articles or a .csv/.jsonl/.parquet table (default: the bundled corpus)")
    p.add_argument("--to", required=True, choices=["iramuteq", "txm"], help="the tool that will read the export")
    p.add_argument("-o", "--output", required=True,
                   help="IRaMuTeQ: the corpus file to write (e.g. corpus.txt); TXM: a new or empty folder")
    p.add_argument("--metadata", help="a CSV of curated facts by doc_id (url, outlet, published, ...)")
    p.add_argument("--unit", default="documents", choices=["documents", "paragraphs", "statements"],
                   help="one text per document (default), per paragraph, or per reported statement")
    p.add_argument("--variables", default="doc,media,annee,mois", metavar="NAME,...",
                   help="variables of each text, among doc, media, annee, mois, date, titre, locuteur, pays, "
                        "forme (locuteur, pays and forme need the statements: a spaCy pass, cached)")
    p.add_argument("--themes", action="store_true",
                   help="IRaMuTeQ: mark reported speech and the journalist's voice with -*voix_ lines")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--cache-dir", default=str(PROCESSED_DIR), help="where processed tables are cached")
    g.add_argument("--no-cache", action="store_true", help="process everything afresh, write no cache")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("run", help="execute the notebooks with papermill and export figures")
    p.add_argument("--corpus", help="folder or table of articles (default: the bundled corpus)")
    p.add_argument("--metadata", help="a CSV of curated facts by doc_id")
    p.add_argument("--out", help="output folder (default: reports/)")
    p.add_argument("--only", nargs="+", metavar="NAME", help="run only these notebooks (e.g. 10_timeline)")
    p.add_argument("-p", "--parameter", action="append", metavar="KEY=VALUE", help="override a notebook parameter")
    p.add_argument("-j", "--jobs", type=int, metavar="N",
                   help="notebooks executed at once (default 2; 1 runs them one after the other)")
    p.set_defaults(func=cmd_run)
    return ap


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    # one line per warning ("warning: metadata: FILE, line N: ..."), without the source line
    # Python would print under it, so stderr reads like the "skipped: ..." lines beside it
    print(f"warning: {message}", file=sys.stderr if file is None else file)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("sinokaz: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one clear line, no traceback, for every expected failure
        name = type(exc).__name__
        msg = str(exc) if isinstance(exc, (CommandError, FileNotFoundError, ValueError)) else f"{name}: {exc}"
        print(f"sinokaz {args.command}: error: {msg}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
