"""Walking a corpus folder: which entries are inputs, and why every other one is skipped.

What belongs here: listing the files of a folder (recursively, without following links out of
it), the reasons an entry is not opened (links outside, loops, pipes, hidden and system files,
unsupported types), the folder's own metadata sheet. What does not: reading a file
(``read.registry`` and the readers).
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from ..config import HTML_SUFFIXES, METADATA_NAMES, OFFICE_SUFFIXES, TEXT_SUFFIXES, XML_SUFFIXES
from .reasons import NO_EXTENSION, TYPE_HINTS, describe_error, reason
from .text import Skipped, display_path

#: File names that operating systems leave in folders; never articles.
SYSTEM_FILES = {"thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db", "icon\r"}

#: Every file type a corpus folder is read for.
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + OFFICE_SUFFIXES + XML_SUFFIXES


def unsafe_reason(path: Path, root: Path) -> str | None:
    """Return why ``path`` inside corpus folder ``root`` must not be opened, or ``None``.

    Symbolic links are followed only to regular files inside the folder; named pipes, sockets
    and devices are never opened (reading a pipe would block for ever).

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> unsafe_reason(RAW_DIR / "003_280498be22c27ec9.txt", RAW_DIR) is None
        True
    """
    path = Path(path)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:  # Python 3.11 reports a loop this way
            return reason("link_loop")
        except OSError as exc:
            return reason("link_loop") if exc.errno == errno.ELOOP else reason("broken_link")
        if not target.is_relative_to(Path(root).resolve()):
            return reason("link_outside")
        if not target.is_file():
            return reason("link_not_file")
        return None
    if not path.is_file():
        return reason("not_regular")
    return None


def _type_reason(name: str) -> str | None:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in SUFFIXES:
        return None
    kind = display_path(suffix) or NO_EXTENSION
    hint = TYPE_HINTS.get(suffix)
    return reason("unsupported_type_hint", kind=kind, hint=hint) if hint else reason("unsupported_type", kind=kind)


def list_corpus_files(root: Path) -> tuple[list[Path], list[Skipped]]:
    """List the article files of a corpus folder, recursively; say why each other entry is skipped.

    Hidden entries (dotfiles, dot-folders), system files, symbolic links pointing outside the
    folder or in a loop (never followed), links to folders, broken links, pipes, unreadable
    folders and unsupported file types are skipped with a reason. The folder's metadata sheet
    at its top (:data:`~sinokaz_utils.config.METADATA_NAMES`) is not an article and is
    neither listed nor reported. The walk keeps its own stack, so that no depth of nesting
    exhausts Python's recursion.

    Example:
        >>> from sinokaz_utils.config import RAW_DIR
        >>> files, skipped = list_corpus_files(RAW_DIR)
        >>> len(files) >= 5
        True
    """
    root = Path(root)
    files: list[Path] = []
    skipped: list[Skipped] = []
    stack = [root]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(display_path(here), reason("unreadable_folder", cause=describe_error(exc))))
            continue
        subfolders = []
        for entry in entries:
            p, name = here / entry.name, entry.name
            if entry.is_symlink() and _links_to_folder(p):
                skipped.append(Skipped(display_path(p), reason("link_to_folder")))
            elif entry.is_dir(follow_symlinks=False):
                if name.startswith("."):
                    skipped.append(Skipped(display_path(p), reason("hidden_folder")))
                else:
                    subfolders.append(p)
            else:
                _list_file(p, name, here == root, root, files, skipped)
        stack.extend(reversed(subfolders))
    return sorted(files, key=lambda p: p.relative_to(root).as_posix()), skipped


def _links_to_folder(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:
        return False


def _list_file(p: Path, name: str, at_top: bool, root: Path, files: list, skipped: list) -> None:
    if at_top and name in METADATA_NAMES:
        # the folder's metadata, read by ``corpus`` only when it is safe to open
        why = unsafe_reason(p, root)
        if why:
            skipped.append(Skipped(display_path(p), reason("metadata_unsafe", cause=why)))
        return
    if name.lower() in SYSTEM_FILES:
        why = reason("system_file")
    elif name.startswith("."):
        why = reason("hidden_file")
    else:
        why = unsafe_reason(p, root) or _type_reason(name)
    if why:
        skipped.append(Skipped(display_path(p), why))
    else:
        files.append(p)
