"""The command line speaks French: its help, argparse's errors, its error lines, every skip reason.

The help and the errors are read from the real ``sinokaz`` program (a subprocess), as a user
sees them; the tables of reasons are checked entry by entry, so that a reason added in English
fails here even before a corpus gives it.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sinokaz_utils.cli import ARGPARSE_MESSAGES, error_message, main, translate_argparse_message
from sinokaz_utils.config import RAW_DIR
from sinokaz_utils.read import reasons

from french import english_words

SINOKAZ = Path(sys.executable).with_name("sinokaz")
COMMANDS = ["documents", "statements", "export", "run"]


def _sinokaz(*args: str) -> subprocess.CompletedProcess:
    cmd = [str(SINOKAZ)] if SINOKAZ.exists() else [sys.executable, "-m", "sinokaz_utils.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120)


def _prose(help_text: str) -> str:
    """The words of a help text, without the option names, metavars and choices it lists."""
    text = re.sub(r"(?<![\w/])--?[\w-]+", " ", help_text)           # -o, --cache-dir
    text = re.sub(r"\{[^}]*\}|\b[A-ZÉ][A-ZÉ_,.=]{2,}\b", " ", text)  # {csv,jsonl}, FICHIER, CLÉ=VALEUR
    return text


@pytest.mark.parametrize("args", [["--help"], *[[c, "--help"] for c in COMMANDS]], ids=lambda a: " ".join(a))
def test_help_is_french(args):
    r = _sinokaz(*args)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("utilisation : sinokaz")
    assert "options :" in r.stdout and "afficher cette aide et quitter" in r.stdout
    assert not english_words(_prose(r.stdout)), english_words(_prose(r.stdout))


@pytest.mark.parametrize("args, said", [
    ([], "sinokaz : erreur : arguments obligatoires manquants : COMMANDE"),
    (["docu"], "sinokaz : erreur : argument COMMANDE : choix invalide : 'docu' (choisir parmi 'documents', "),
    (["documents", "a", "b"], "sinokaz : erreur : arguments non reconnus : b"),
    (["export", "--to", "spss", "-o", "x"], "sinokaz export : erreur : argument --to : choix invalide : 'spss'"),
    (["export"], "sinokaz export : erreur : arguments obligatoires manquants : --to, -o/--output"),
    (["run", "-j", "deux"], "sinokaz run : erreur : argument -j/--jobs : valeur invalide (nombre entier attendu) : 'deux'"),
    (["run", "--only"], "sinokaz run : erreur : argument --only : au moins une valeur attendue"),
    (["documents", "--cache-dir", "c", "--no-cache"],
     "sinokaz documents : erreur : argument --no-cache : incompatible avec l'argument --cache-dir"),
])
def test_argparse_errors_are_french(args, said):
    r = _sinokaz(*args)
    assert r.returncode == 2
    usage, error = r.stderr.strip().splitlines()[0], r.stderr.strip().splitlines()[-1]
    assert usage.startswith("utilisation : sinokaz")
    assert error.startswith(said), error


def test_every_argparse_template_is_translated_with_its_blanks():
    for english, french in ARGPARSE_MESSAGES.items():
        blanks = english.count("%")
        example = english.replace("%(argument_name)s", "--x").replace("%(message)s", "expected one argument")
        for name in ("%(option)s", "%(matches)s", "%(type)s", "%(value)r", "%(choices)s", "%s", "%r"):
            example = example.replace(name, "V")
        got = translate_argparse_message(example)
        assert got != example and not english_words(got), (english, got)
        assert all("{%d}" % i in french for i in range(blanks)), english
    assert translate_argparse_message("something argparse never said") == "something argparse never said"


def test_command_errors_are_one_french_line(tmp_path, capsys):
    assert main(["documents", str(tmp_path / "nulle_part"), "--no-cache"]) == 2
    assert capsys.readouterr().err == f"sinokaz documents : erreur : corpus introuvable : {tmp_path / 'nulle_part'}\n"
    assert main(["documents", str(RAW_DIR), "--no-cache", "--format", "parquet"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line == ("sinokaz documents : erreur : --format parquet demande -o FICHIER (le Parquet ne s'écrit pas "
                    "sur la sortie standard)")
    assert main(["run", "-p", "PERIODE"]) == 2
    assert capsys.readouterr().err == "sinokaz run : erreur : -p attend CLÉ=VALEUR, pas 'PERIODE'\n"
    # a system error names its file and says the cause in French
    blocked = tmp_path / "fichier"
    blocked.write_text("x")
    assert main(["documents", str(RAW_DIR), "--no-cache", "-o", str(blocked / "docs.csv")]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line == f"sinokaz documents : erreur : {blocked} : un fichier de ce nom existe déjà"


def test_error_message_of_system_and_other_errors():
    assert error_message(PermissionError(13, "Permission denied", "/x/a.csv")) == "/x/a.csv : permission refusée"
    assert error_message(ValueError("table illisible")) == "table illisible"
    assert error_message(KeyError("x")) == "KeyError : 'x'"


@pytest.mark.parametrize("table", ["REASONS", "METADATA_PROBLEMS", "TYPE_HINTS", "BINARY_KINDS", "FORMATS",
                                   "OS_ERRORS", "LIBRARY_ERRORS", "CODEC_ERRORS", "PARSER_ERRORS"])
def test_every_skip_reason_is_french(table):
    def words(template: str) -> list[str]:  # the blanks ({file}) are names, not words a user reads
        return english_words(re.sub(r"\{\w*\}", " ", template))

    for key, text in getattr(reasons, table).items():
        assert text.strip() and not words(text), f"{table}[{key!r}] = {text!r}"
    assert not words(reasons.METADATA_LINE)
