"""Hostile input: messy corpus folders never crash the toolkit, lose an article or leak a file.

Every case is GENERATED in a temporary folder from the real articles of the bundled corpus
(``data/raw``): re-encoded, truncated, wrapped in web pages, mixed with binary files, links and
system files. For each folder we check, through the Python API and through the ``sinokaz``
command line: no exception escapes, every input is either loaded or listed in ``corpus.skipped``
(and on stderr as ``ignoré : <path> : <reason>``, a French reason), nothing outside the corpus is read, the valid
articles next to the bad ones load exactly as they do on their own. Also: raw files stay
byte-identical, a corrupt cache is rebuilt, two runs at once never corrupt the cache, and a bad
metadata sheet is reported by file, line and column.
"""
from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

from sinokaz_utils.config import RAW_DIR
from sinokaz_utils.corpus import documents_table, load_corpus, read_metadata
from sinokaz_utils.read import display_path, read_file

from french import english_words

SINOKAZ = Path(sys.executable).with_name("sinokaz")
#: A marker planted in files outside the corpus: it must never appear in any output.
SECRET = "SECRET-OUTSIDE-7f3a9c"

S000 = "000_2fa27e3e7f02c325"  # Global Times: typographic apostrophes, « » (cp1252, not latin-1)
S001 = "001_7838cbda7f5bb796"  # CRI: stamp and share bar
S002 = "002_d2da79301447a48e"  # People's Daily: update stamp, latin-1 encodable
S003 = "003_280498be22c27ec9"  # Xinhua, latin-1 encodable
S004 = "004_2217755a5c87da5a"  # photo captions, œ (cp1252, not latin-1)


def seed_bytes(stem: str) -> bytes:
    return (RAW_DIR / f"{stem}.txt").read_bytes()


def seed_text(stem: str) -> str:
    return seed_bytes(stem).decode("utf-8")


def reference_text(stem: str) -> str:
    """The seed's ``text`` as the reader gives it for the UTF-8 original."""
    return read_file(RAW_DIR / f"{stem}.txt", root=RAW_DIR).text


def seed_paragraphs(stem: str) -> list[str]:
    return [line.strip() for line in seed_text(stem).split("\n") if len(line.split()) > 20]


def hash_tree(root: Path) -> dict[str, str]:
    """SHA-256 of every regular file under ``root`` (links and pipes are not followed)."""
    out = {}
    for dirpath, _, files in os.walk(root, followlinks=False):
        for name in files:
            p = Path(dirpath) / name
            if p.is_symlink() or not p.is_file():
                out[str(p)] = "link-or-special"
                continue
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


# --------------------------------------------------------------------------- the hostile folder


@dataclass
class Case:
    """One generated input: where it is, what kind of hostility, what must happen to it."""

    kind: str
    rel: str                       # path relative to the corpus folder
    expect: str                    # "load" | "skip" | "either"
    reason: str | None = None      # a word the skip reason must contain
    check: Callable[[pd.Series], None] | None = None  # on the loaded row


def _is_exact(stem: str) -> Callable[[pd.Series], None]:
    ref = reference_text(stem)

    def check(row):
        assert row["text"] == ref, f"{row['doc_id']}: decoded text differs from the UTF-8 original"
        assert row["language"] == "fr"
    return check


def _contains(*needles: str, absent: tuple[str, ...] = ()) -> Callable[[pd.Series], None]:
    def check(row):
        for n in needles:
            assert n in row["text"], f"{row['doc_id']}: {n[:60]!r} missing"
        for a in absent:
            assert a not in row["text"] and a not in row["text_clean"], f"{row['doc_id']}: {a!r} present"
    return check


def _contains_clean(*paragraphs: str) -> Callable[[pd.Series], None]:
    def check(row):
        kept = row["text_clean"].split("\n")
        for p in paragraphs:
            assert p in kept, f"{row['doc_id']}: content paragraph lost: {p[:60]!r}"
    return check


def _html_page(paragraphs: list[str], *, title: str, body_extra: str = "") -> str:
    ps = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<script>window.tracker = "TRACKER-CODE"; document.write("INJECTED-BY-SCRIPT");</script>
<style>body {{ color: red; }} .STYLE-RULE {{}}</style></head>
<body><nav><ul><li><a href="/">Page d'accueil</a></li><li><a href="/chine">Chine</a></li>
<li><a href="/monde">Monde</a></li><li><a href="/eco">NAVIGATION-MENU Économie</a></li></ul></nav>
<header><div class="share">Partager Facebook Twitter</div></header>
<article><h1>{title}</h1>{ps}{body_extra}</article>
<aside><h3>Articles les plus lus</h3><ul><li><a href="/1">ASIDE-LINK Un autre titre sans rapport</a></li></ul></aside>
<footer>FOOTER-COPYRIGHT © 2024 Tous droits réservés</footer>
<script>alert("SCRIPT-AT-END")</script></body></html>"""


def build_hostile(root: Path, outside: Path, *, big: bool = False) -> list[Case]:
    """Write the hostile corpus folder ``root`` (and a secret folder ``outside``); return its cases."""
    root.mkdir(parents=True)
    outside.mkdir(parents=True)
    (outside / "secret.txt").write_text(
        f"{SECRET}\nLe ministre a déclaré jeudi à Astana que ce fichier est hors du corpus et ne doit "
        "jamais être lu par la boîte à outils, quelles que soient les circonstances de la lecture.\n",
        encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "inside.txt").write_text(f"{SECRET} dossier extérieur, article du ministre.\n",
                                                   encoding="utf-8")
    cases: list[Case] = []

    def add(kind, rel, data: bytes | str | None, expect, reason=None, check=None):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        cases.append(Case(kind, rel, expect, reason, check))

    t000, t002, t003, t004 = (seed_text(s) for s in (S000, S002, S003, S004))
    p003 = seed_paragraphs(S003)

    # the valid articles, untouched, next to the bad ones
    add("valid article", "valid/xinhua.txt", seed_bytes(S003), "load", check=_is_exact(S003))
    add("valid article (markdown)", "valid/cri.md", seed_bytes(S001), "load", check=_is_exact(S001))

    # empty, binary, wrong bytes behind a .txt name
    add("empty file", "empty.txt", b"", "skip", "vide")
    add("whitespace only", "blank.txt", " \n\t\r\n   \u00a0\n\u200b\n".encode("utf-8"), "skip", "vide")
    add("binary bytes", "random.txt", bytes(range(256)) * 40, "skip", "binaire")
    add("gzip behind .txt", "archive.txt", gzip.compress(seed_bytes(S002)), "skip", "gzip")
    add("PDF behind .txt", "paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        + os.urandom(2000), "skip", "PDF")
    add("PNG behind .txt", "image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(500), "skip", "PNG")

    # encodings of real French text: decoded exactly, accents and typography intact
    add("cp1252", "enc/cp1252.txt", t000.encode("cp1252"), "load", check=_is_exact(S000))
    add("cp1252 with œ", "enc/cp1252_oe.txt", t004.encode("cp1252"), "load", check=_is_exact(S004))
    add("latin-1", "enc/latin1.txt", t003.encode("latin-1"), "load", check=_is_exact(S003))
    add("latin-1 (2)", "enc/latin1_b.txt", t002.encode("latin-1"), "load", check=_is_exact(S002))
    add("UTF-8 with BOM", "enc/utf8bom.txt", codecs.BOM_UTF8 + t000.encode("utf-8"), "load", check=_is_exact(S000))
    add("UTF-16 LE with BOM", "enc/utf16le.txt", codecs.BOM_UTF16_LE + t004.encode("utf-16-le"), "load",
        check=_is_exact(S004))
    add("UTF-16 BE with BOM", "enc/utf16be.txt", codecs.BOM_UTF16_BE + t002.encode("utf-16-be"), "load",
        check=_is_exact(S002))
    add("UTF-16 LE without BOM", "enc/utf16le_nobom.txt", t003.encode("utf-16-le"), "load", check=_is_exact(S003))
    add("UTF-16 BE without BOM", "enc/utf16be_nobom.txt", t000.encode("utf-16-be"), "load", check=_is_exact(S000))
    add("mojibake (UTF-8 read as cp1252, saved again)", "enc/mojibake.txt",
        t003.encode("utf-8").decode("cp1252").encode("utf-8"), "load", check=_is_exact(S003))
    # one stray byte in the middle of an UTF-8 file: the article is still read, its accents intact
    raw = t003.encode("utf-8")
    cut = raw.index(b"\n", len(raw) // 2)
    add("invalid UTF-8 mid-file", "enc/invalid_mid.txt", raw[:cut] + b"\xff\xfe\x81" + raw[cut:], "load",
        check=_contains(p003[0], p003[-1]))
    add("UTF-16 truncated to an odd length", "enc/utf16_odd.txt",
        codecs.BOM_UTF16_LE + t003.encode("utf-16-le")[:-1], "either")

    # line endings and invisible characters
    add("CRLF line endings", "eol/crlf.txt", t003.replace("\n", "\r\n").encode("utf-8"), "load",
        check=_is_exact(S003))
    add("CR-only line endings", "eol/cr.txt", t003.replace("\n", "\r").encode("utf-8"), "load",
        check=_is_exact(S003))
    zw = t003.replace("Kazakhstan", "Kazakh\u200bstan").replace("Wang Yi", "Wang\u200dYi\u2060") \
        .replace("M. ", "M.\u00a0").replace("\n", "\x07\n\x1b", 3)
    add("zero-width, non-breaking and control characters", "chars/zw.txt", zw, "load",
        check=lambda row: (_contains("Kazakhstan", "M.\u00a0Wang", absent=("\u200b", "\u200d", "\x07", "\x1b"))(row)))
    add("NUL bytes in an UTF-8 text", "chars/nul.txt", t003.encode("utf-8").replace(b"\n", b"\n\x00", 2), "load",
        check=_is_exact(S003))

    # sizes
    token = "Kazakhstan" * 10_000
    add("a single 100,000-character token", "size/token.txt", token, "either")
    add("a 100,000-character token inside an article", "size/token_in_article.txt",
        t002.replace("\n", f"\n{token}\n", 1), "load", check=_contains(seed_paragraphs(S002)[0]))
    if big:
        paras = [p for s in (S000, S001, S002, S003, S004) for p in seed_paragraphs(s)]
        # ~3 MB: every paragraph of the bundled corpus, numbered so that each block differs
        lines = [f"{p} (Paragraphe {i}.)" for i in range(130) for p in paras]
        add("a file of several megabytes", "size/big.txt", "\n\n".join(lines), "load",
            check=lambda row: (_contains(lines[0], lines[-1])(row), len(row["text"]) > 2_500_000))

    # web pages
    add("HTML page with scripts and navigation", "web/page.html",
        _html_page(p003, title="La Chine et le Kazakhstan tiennent leur premier dialogue stratégique"),
        "load", check=_contains(p003[0][:80], absent=("TRACKER-CODE", "INJECTED-BY-SCRIPT", "SCRIPT-AT-END",
                                                      "STYLE-RULE", "NAVIGATION-MENU", "FOOTER-COPYRIGHT")))
    add("HTML (.htm, cp1252, no charset)", "web/page_cp1252.htm",
        _html_page(seed_paragraphs(S000), title="La Chine et le Kazakhstan réprimeront conjointement")
        .replace('<meta charset="utf-8">', "").encode("cp1252"),
        "load", check=_contains(seed_paragraphs(S000)[1][:80]))
    add("HTML page saved as .txt", "web/saved_page.txt",
        _html_page(p003, title="La Chine et le Kazakhstan tiennent leur premier dialogue stratégique"),
        "load", check=_contains(p003[0][:80], absent=("TRACKER-CODE", "SCRIPT-AT-END", "NAVIGATION-MENU", "<p>")))
    add("plain text saved as .html", "web/plain.html", seed_bytes(S002), "load", check=_is_exact(S002))
    add("HTML page with only navigation", "web/nav_only.html",
        "<html><body><nav><a href='/'>Accueil</a> | <a href='/chine'>Chine</a></nav>"
        "<script>var x = 1;</script></body></html>", "skip", "")
    add("truncated HTML download", "web/truncated.html",
        _html_page(p003, title="Dialogue stratégique")[:400], "either")
    add("<script> and <img onerror> inside a .txt article", "web/script_in_text.txt",
        t003.replace("\n", "\n<script>alert('XSS-SCRIPT')</script>\n<img src=x onerror=alert('XSS-IMG')>\n", 1),
        "load", check=_contains(p003[0]))
    add("<script> and <img onerror> inside an HTML article", "web/script_in_html.html",
        _html_page(p003, title="Dialogue stratégique Chine-Kazakhstan",
                   body_extra="<p>Texte <script>alert('XSS-INLINE')</script> et "
                              "<img src=x onerror=\"alert('XSS-ONERROR')\"> fin.</p>"),
        "load", check=_contains(p003[1][:80], absent=("XSS-INLINE", "alert(")))

    # languages
    english = ("Chinese President Xi Jinping met his Kazakh counterpart Kassym-Jomart Tokayev in Astana on "
               "Wednesday, and the two leaders agreed to deepen cooperation in trade, energy and transport, "
               "according to a statement released after the talks by the foreign ministry in Beijing.\n")
    add("English text", "lang/english.txt", english * 3, "load",
        check=lambda row: (row["language"] != "fr") or pytest.fail("English flagged French"))
    mixed = ("中国国家主席习近平在阿斯塔纳会见哈萨克斯坦总统托卡耶夫。双方同意深化贸易、能源和交通合作。\n"
             "Президент Казахстана Касым-Жомарт Токаев встретился с Председателем КНР Си Цзиньпином в Астане.\n"
             "Le président chinois a rencontré son homologue.\n") * 3
    add("mixed-script text (Chinese, Cyrillic, a French line)", "lang/mixed.txt", mixed, "load",
        check=lambda row: (row["language"] != "fr") or pytest.fail("mixed-script flagged French"))

    # content that is not an article
    add("only boilerplate", "junk/boilerplate.txt",
        "Partager\nFacebook Twitter WhatsApp\nA lire également\nPhoto : Xinhua\n2018-06-08 10:20:25\n"
        "Articles les plus lus\n", "skip", "nettoyage")
    # a scraped listing page: thousands of related-article blocks around one article
    add("thousands of 'Lire aussi' blocks", "junk/related_blocks.txt",
        "\n".join(["Lire aussi", "Le Kazakhstan et la Chine signent un accord"] * 2000) + "\n" + t003, "load",
        check=_contains_clean(*p003[1:]))
    add("a title with no body", "junk/title_only.txt",
        "La Chine et le Kazakhstan tiennent leur premier dialogue stratégique des ministres des AE\n", "either")
    add("impossible dates", "junk/impossible_dates.txt",
        "Mis à jour le 31 février 2024 à 25h70\nPublié le 2024-02-30 à 25:70\n"
        + t003.replace("vendredi à Beijing", "le 31 février 2024 à 25h70 à Beijing"), "load",
        check=_check_impossible_dates)

    # names and folders
    add("name with spaces and accents", "noms/Dépêche du président kazakh – été.txt", seed_bytes(S002), "load",
        check=lambda row: row["doc_id"] == "noms/Dépêche du président kazakh – été" or pytest.fail(row["doc_id"]))
    add("upper-case extension", "noms/ARTICLE.TXT", seed_bytes(S004), "load", check=_is_exact(S004))
    add("deeply nested folders", "a/b/c/d/e/f/article.txt", seed_bytes(S001), "load",
        check=lambda row: row["doc_id"] == "a/b/c/d/e/f/article" or pytest.fail(row["doc_id"]))
    # "noms/twin" twice: both load, each id keeping its extension (neither file is preferred)
    add("same name from two extensions", "noms/twin.md", seed_bytes(S002), "load",
        check=lambda row: (row["doc_id"] == "noms/twin.md" or pytest.fail(row["doc_id"]), _is_exact(S002)(row)))
    add("same name from two extensions (second)", "noms/twin.txt", seed_bytes(S003), "load",
        check=lambda row: (row["doc_id"] == "noms/twin.txt" or pytest.fail(row["doc_id"]), _is_exact(S003)(row)))
    add("folder named like an article", "noms/folder.txt/inner.txt", seed_bytes(S002), "load")
    # a file name that is not valid UTF-8 (a latin-1 name from an old zip archive)
    bad_name = os.path.join(os.fsencode(str(root / "noms")), b"caf\xe9 \xe0 Astana.txt")
    with open(bad_name, "wb") as f:
        f.write(seed_bytes(S003))
    cases.append(Case("file name that is not valid UTF-8", "noms/café à Astana.txt", "load", check=lambda row: (
        row["doc_id"] == "noms/café à Astana" or pytest.fail(row["doc_id"]), _is_exact(S003)(row))))

    # links: outside the corpus never read; inside the corpus fine
    os.symlink(outside / "secret.txt", root / "link_outside.txt")
    cases.append(Case("link to a file outside the corpus", "link_outside.txt", "skip", "extérieur"))
    os.symlink("../../outside/secret.txt", root / "valid" / "relative_link.txt")
    cases.append(Case("relative link escaping the corpus", "valid/relative_link.txt", "skip", "extérieur"))
    os.symlink(outside / "folder", root / "linked_folder")
    cases.append(Case("link to a folder outside the corpus", "linked_folder", "skip", "lien"))
    os.symlink(root / "does_not_exist.txt", root / "broken_link.txt")
    cases.append(Case("broken link", "broken_link.txt", "skip", "cassé"))
    os.symlink(root / "valid" / "xinhua.txt", root / "link_inside.txt")
    cases.append(Case("link to a file inside the corpus", "link_inside.txt", "either"))
    os.mkfifo(root / "pipe.txt")
    cases.append(Case("named pipe behind .txt", "pipe.txt", "skip", "ordinaire"))

    # hidden and system files
    add("macOS .DS_Store", ".DS_Store", b"\x00\x00\x00\x01Bud1" + os.urandom(200), "skip", "système")
    add("Windows Thumbs.db", "valid/Thumbs.db", b"\xd0\xcf\x11\xe0" + os.urandom(200), "skip", "système")
    add("desktop.ini", "valid/desktop.ini", "[.ShellClassInfo]\n", "skip", "système")
    add("dotfile article", ".brouillon.txt", f"{SECRET}\n" + t003, "skip", "caché")
    add("editor backup", "valid/xinhua.txt~", seed_bytes(S003), "skip", "non pris en charge")
    add("hidden folder", ".git/HEAD.txt", f"{SECRET} ref: refs/heads/main\n", "skip", "caché")
    cases[-1].rel = ".git"  # reported once, as a folder
    add("unsupported type", "valid/notes.docx", b"PK\x03\x04" + os.urandom(100), "skip", "non pris en charge")
    add("no extension", "README", "Notes du chercheur sur le corpus.\n", "skip", "non pris en charge")
    add("a CSV inside the folder (not metadata)", "valid/export.csv", "doc_id,text\nx,Bonjour\n", "skip",
        "non pris en charge")

    add_real_formats(root, add)

    # the folder's metadata sheet: unknown documents, paths outside the corpus, invalid dates
    meta = io.StringIO()
    w = csv.writer(meta)
    w.writerow(["doc_id", "url", "outlet", "published", "event_date", "event_place", "source"])
    w.writerow(["enc/latin1", "", "Xinhua", "2024-03-30", "2024-03-29", "Beijing", "checked by hand"])
    w.writerow(["enc/cp1252", "", "", "2022-02-31", "", "", "invalid date"])
    w.writerow(["enc/utf8bom", "javascript:alert(1)", "", "31/12/2022", "", "", "bad url, bad date"])
    w.writerow(["nowhere/unknown", "", "Xinhua", "2024-01-01", "", "", "unknown document"])
    w.writerow(["../../etc/passwd", "", "", "2024-01-01", "", "", "path outside"])
    w.writerow(["/etc/shadow", "", "", "", "", "", "absolute path"])
    (root / "metadata.csv").write_text(meta.getvalue(), encoding="utf-8")
    return cases


#: Russian and Kazakh sentences written for these tests (the same news as the seeds).
RUSSIAN = ("Президент Казахстана Касым-Жомарт Токаев принял в Астане министра иностранных дел Китая Ван И. "
           "Стороны обсудили вопросы торгово-экономического сотрудничества и строительства новых транспортных "
           "коридоров, а также подготовку визита председателя КНР в Казахстан.\n")
KAZAKH = ("Қазақстан Президенті Қасым-Жомарт Тоқаев Астанада Қытай Сыртқы істер министрі Ван Иді қабылдады. "
          "Тараптар сауда-экономикалық ынтымақтастық пен жаңа көлік дәліздерін салу мәселелерін талқылады, "
          "сондай-ақ ҚХР Төрағасының Қазақстанға сапарына дайындықты қарады.\n")
#: Articles of an Europresse export, a Factiva text export and a Nexis Uni DOCX in the hostile
#: folder: what each file must give (its documents' ids, kinds, outlets and dates).
EXPORT_CASES = {
    "exports/europresse.htm": (["news·20240330·XIN·0001", "news·20240331·LP·0002", "web·20240331·MSN·0003"],
                               ["article", "article", "lien"]),
    "exports/factiva.txt": (["XNFR000020240330ek3u0001a", "LEMOND0020240402ek420002b"], ["article", "article"]),
    "exports/nexis.docx": (["exports/nexis/001", "exports/nexis/002"], ["article", "article"]),
}


def _cyrillic(lang: str, text: str):
    def check(row):
        assert row["language"] == lang, f"{row['doc_id']}: language {row['language']!r}, not {lang!r}"
        assert row["text"].strip() == text.strip(), f"{row['doc_id']}: {row['text'][:60]!r}"
    return check


def add_real_formats(root: Path, add) -> None:
    """Word, RTF, PDF and OpenDocument articles, Cyrillic and Kazakh texts in their code pages, entities,
    controls, UTF-32, link loops, deep folders, a line break in a name, upper-case .HTML, and
    exports saved under names that do not say so (all written in their real formats)."""
    import datetime as dt

    import make_files as mf

    paras = {s: [" ".join(line.split()) for line in seed_text(s).split("\n") if line.strip()]
             for s in (S000, S001, S003, S004)}
    (root / "office").mkdir()
    for name, stem, write in (("article.docx", S003, mf.write_docx), ("article.rtf", S000, mf.write_rtf),
                              ("article.pdf", S004, mf.write_pdf), ("article.odt", S001, mf.write_odt)):
        write(root / "office" / name, paras[stem])
        add(f"Word/RTF/PDF/ODT article ({name})", f"office/{name}", None, "load",
            check=lambda row, p=paras[stem]: (row["text"].split("\n") == p or pytest.fail(row["doc_id"]),
                                              row["language"] == "fr" or pytest.fail(row["language"])))
    add("old Word .doc", "office/ancien.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(400), "skip", "non pris en charge")
    add("Russian in cp1251", "lang/ru_cp1251.txt", RUSSIAN.encode("cp1251"), "load", check=_cyrillic("ru", RUSSIAN))
    add("Russian in KOI8-R", "lang/ru_koi8r.txt", RUSSIAN.encode("koi8_r"), "load", check=_cyrillic("ru", RUSSIAN))
    add("Kazakh in UTF-8", "lang/kk_utf8.txt", KAZAKH.encode("utf-8"), "load", check=_cyrillic("kk", KAZAKH))
    add("Kazakh in KZ-1048", "lang/kk_kz1048.txt", KAZAKH.encode("kz1048"), "load", check=_cyrillic("kk", KAZAKH))
    escaped = seed_text(S003).replace("é", "&eacute;").replace("è", "&egrave;").replace("'", "&#39;")
    add("HTML entities in a .txt", "chars/entities.txt", escaped, "load", check=_is_exact(S003))
    controls = seed_text(S000).replace("\n", "\n\x00", 3).replace("Kazakhstan", "Kazakh\x07stan", 1)
    add("NUL and control characters in cp1252", "chars/controls_cp1252.txt", controls.encode("cp1252"), "load",
        check=_is_exact(S000))
    add("UTF-32 with BOM", "enc/utf32.txt", seed_text(S004).encode("utf-32"), "load", check=_is_exact(S004))
    add("UTF-32 LE without BOM", "enc/utf32_nobom.txt", seed_text(S002).encode("utf-32-le"), "load",
        check=_is_exact(S002))
    os.symlink(root / "loop_b.txt", root / "loop_a.txt")
    os.symlink(root / "loop_a.txt", root / "loop_b.txt")
    add("link loop", "loop_a.txt", None, "skip", "boucle")
    add("link loop (other end)", "loop_b.txt", None, "skip", "boucle")
    deep = "/".join(f"n{i}" for i in range(60))
    add("very deep nesting (60 folders)", f"{deep}/article.txt", seed_bytes(S001), "load",
        check=lambda row: row["doc_id"] == f"{deep}/article" or pytest.fail(row["doc_id"]))
    # a line break in a file name: the file is written under its real name, and shown (path,
    # doc_id, stderr) with the break as "\n", so that it stays one line on the terminal
    (root / "noms").mkdir(exist_ok=True)
    (root / "noms" / "deux\nlignes.txt").write_bytes(seed_bytes(S003))
    add("file name with a line break", "noms/deux\\nlignes.txt", None, "load",
        check=lambda row: row["doc_id"] == "noms/deux\\nlignes" or pytest.fail(row["doc_id"]))
    add("upper-case .HTML", "web/PAGE.HTML",
        _html_page(paras[S003][1:], title=paras[S003][0]), "load", check=_contains(paras[S003][1][:80]))
    (root / "exports").mkdir()
    europresse = [
        dict(outlet="Xinhua (site web)", date=dt.date(2024, 3, 30), section="Monde", title=paras[S003][0],
             paragraphs=paras[S003][1:], id="news·20240330·XIN·0001", author="Correspondant à Beijing"),
        dict(outlet="La Presse\nÉdition de Montréal", date=dt.date(2024, 3, 31), title=paras[S000][0],
             kicker="Diplomatie", paragraphs=paras[S000][1:], id="news·20240331·LP·0002",
             also_in=[(dt.date(2024, 3, 30), "La Presse (site web)")]),
        dict(outlet="MSN (France) (site web réf.) - MSN FR", date=dt.date(2024, 3, 31), title=paras[S004][0],
             paragraphs=paras[S004][1:], id="web·20240331·MSN·0003", link="https://www.msn.com/fr-fr/actualite/x"),
    ]
    add("Europresse export saved as .htm", "exports/europresse.htm", mf.europresse_export(europresse), "load")
    factiva = [
        dict(title=paras[S003][0], author="Correspondant", date=dt.date(2024, 3, 30), outlet="Xinhua (French)",
             code="XNFR", paragraphs=paras[S003][1:], id="XNFR000020240330ek3u0001a", section="Monde"),
        dict(title=paras[S004][0], date=dt.date(2024, 4, 2), outlet="Le Monde", code="LEMOND",
             paragraphs=paras[S004][1:], id="LEMOND0020240402ek420002b"),
    ]
    add("Factiva text export (*HD*, *PD*)", "exports/factiva.txt", mf.factiva_text(factiva, english=False), "load")
    mf.write_nexis_uni_docx(root / "exports" / "nexis.docx", [
        dict(title=paras[S000][0], outlet="Le Figaro", date=dt.date(2024, 3, 29), paragraphs=paras[S000][1:],
             author="Jean Dupont", section="International"),
        dict(title=paras[S003][0], outlet="La Croix", date=dt.date(2024, 4, 1), paragraphs=paras[S003][1:])])
    add("Nexis Uni download as DOCX", "exports/nexis.docx", None, "load")


def _check_impossible_dates(row) -> None:
    for col in ("published", "event_date"):
        value = row[col]
        assert pd.isna(value), f"{col} = {value} from impossible dates"
    assert "31 février 2024" in row["text"]


# --------------------------------------------------------------------------- helpers


def _kinds(cases) -> set[str]:
    return {c.kind for c in cases}


def _entries(root: Path) -> list[str]:
    """Every entry of the folder (files, links, pipes; hidden folders as one entry), relative."""
    out = []
    for dirpath, dirnames, files in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for d in list(dirnames):
            if d.startswith(".") or (here / d).is_symlink():
                out.append(display_path((here / d).relative_to(root).as_posix()))
                dirnames.remove(d)
        for name in files:
            rel = display_path((here / name).relative_to(root).as_posix())
            if rel != "metadata.csv":
                out.append(rel)
    return sorted(out)


def _rel(path: str, root: Path) -> str:
    p = path.split("#")[0]
    try:
        return Path(p).relative_to(root).as_posix()
    except ValueError:
        return p


def assert_accounted(cases, root: Path, docs: pd.DataFrame, skipped: pd.DataFrame) -> None:
    """Every entry of the folder is loaded or skipped with a reason, as each case expects."""
    loaded = {_rel(p, root): row for p, (_, row) in zip(docs["path"], docs.iterrows())}
    skip = {}
    for p, reason in zip(skipped["path"], skipped["reason"]):
        assert isinstance(reason, str) and reason.strip(), f"{p}: skipped without a reason"
        skip[_rel(p, root)] = reason
    for rel in _entries(root):
        assert (rel in loaded) != (rel in skip), f"{rel}: loaded={rel in loaded} skipped={rel in skip}"
    for case in cases:
        rel = case.rel
        if case.expect == "load":
            assert rel in loaded, f"{case.kind}: {rel} not loaded ({skip.get(rel)})"
            if case.check:
                case.check(loaded[rel])
        elif case.expect == "skip":
            assert rel in skip, f"{case.kind}: {rel} not skipped"
            assert case.reason.lower() in skip[rel].lower(), f"{case.kind}: reason {skip[rel]!r}"
        else:
            assert rel in loaded or rel in skip, f"{case.kind}: {rel} unaccounted for"


def assert_no_secret(*texts: str) -> None:
    for t in texts:
        assert SECRET not in str(t), "content of a file outside the corpus leaked into the output"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    root, outside = base / "corpus", base / "outside"
    cases = build_hostile(root, outside)
    return root, cases


@dataclass
class ApiRun:
    corpus: object
    warnings: list[str]
    stderr: str
    before: dict[str, str]  # hashes of the raw files before loading


@pytest.fixture(scope="module")
def hostile_api(hostile, tmp_path_factory):
    root, cases = hostile
    before = hash_tree(root.parent)
    err = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(err):
        warnings.simplefilter("always")
        corpus = load_corpus(root, cache_dir=tmp_path_factory.mktemp("cache"))
    return ApiRun(corpus, [str(w.message) for w in caught], err.getvalue(), before)


# --------------------------------------------------------------------------- API


def test_at_least_thirty_kinds(hostile):
    _, cases = hostile
    assert len(_kinds(cases)) >= 30


def test_every_input_loaded_or_skipped_with_reason(hostile, hostile_api):
    root, cases = hostile
    corpus = hostile_api.corpus
    assert_accounted(cases, root, corpus.docs, corpus.skipped)


def test_skipped_inputs_printed_on_stderr(hostile_api):
    corpus, err = hostile_api.corpus, hostile_api.stderr
    lines = err.splitlines()
    for path, reason in zip(corpus.skipped["path"], corpus.skipped["reason"]):
        assert f"ignoré : {path} : {reason}" in lines
    assert "Traceback" not in err


def test_nothing_outside_the_corpus_is_read(hostile_api):
    corpus, messages = hostile_api.corpus, hostile_api.warnings
    for col in corpus.docs.columns:
        assert_no_secret(*corpus.docs[col].astype(str))
    assert_no_secret(*corpus.audit["line"].astype(str), *corpus.skipped["reason"], *messages)


def test_valid_articles_load_as_on_their_own(hostile_api):
    # the bad neighbours change nothing: same text, title and cleaned text as in data/raw
    corpus = hostile_api.corpus
    alone = load_corpus(RAW_DIR, metadata=None, cache_dir=None).docs.set_index("doc_id")
    docs = corpus.docs.set_index("doc_id")
    for doc_id, stem in (("valid/xinhua", S003), ("valid/cri", S001), ("enc/latin1", S003)):
        assert docs.at[doc_id, "text"] == alone.at[stem, "text"]
        assert docs.at[doc_id, "text_clean"] == alone.at[stem, "text_clean"]
        assert docs.at[doc_id, "title"] == alone.at[stem, "title"]


def test_metadata_rows_reported_and_ignored(hostile_api):
    corpus, messages = hostile_api.corpus, hostile_api.warnings
    docs = corpus.docs.set_index("doc_id")
    # the valid row applies
    assert docs.at["enc/latin1", "published"] == pd.Timestamp("2024-03-30")
    assert docs.at["enc/latin1", "published_source"] == "metadata"
    # invalid values are not used
    assert docs.at["enc/cp1252", "published"] != pd.Timestamp("2022-03-03")
    assert docs.at["enc/utf8bom", "url"] != "javascript:alert(1)"
    issues = corpus.metadata_issues
    by_doc = {(r.doc_id, r.column): r for r in issues.itertuples()}
    for doc_id, column in (("enc/cp1252", "published"), ("enc/utf8bom", "url"), ("enc/utf8bom", "published"),
                           ("nowhere/unknown", "doc_id"), ("../../etc/passwd", "doc_id"), ("/etc/shadow", "doc_id")):
        assert (doc_id, column) in by_doc, f"no issue for {doc_id} {column}"
        r = by_doc[(doc_id, column)]
        assert r.file.endswith("metadata.csv") and int(r.line) >= 2
    assert by_doc[("../../etc/passwd", "doc_id")].problem == "chemin hors du corpus (ligne ignorée)"
    assert any("metadata.csv, ligne 3 : enc/cp1252 : date invalide dans la colonne published" in m for m in messages)


def test_impossible_dates_give_no_date(hostile_api):
    corpus = hostile_api.corpus
    row = corpus.docs.set_index("doc_id").loc["junk/impossible_dates"]
    assert pd.isna(row["published"]) and pd.isna(row["event_date"])


def test_raw_files_unchanged_by_load_corpus(hostile, hostile_api):
    root, _ = hostile
    assert hash_tree(root.parent) == hostile_api.before


def test_big_file_and_long_token(tmp_path):
    root = tmp_path / "corpus"
    cases = [c for c in build_hostile(root, tmp_path / "outside", big=True)
             if c.rel.startswith(("size/", "valid/"))]
    for p in root.iterdir():  # keep only the size cases and their valid neighbours
        if p.name not in ("size", "valid"):
            shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
    for p in (root / "valid").iterdir():
        if p.name not in ("xinhua.txt", "cri.md"):
            p.unlink()
    cases = [c for c in cases if os.path.lexists(root / c.rel)]
    assert (root / "size" / "big.txt").stat().st_size > 2_500_000
    corpus = load_corpus(root, cache_dir=None)
    assert_accounted(cases, root, corpus.docs, corpus.skipped)


def test_unreadable_file_is_one_skipped_input(tmp_path, monkeypatch):
    # tests run as root, for whom no permission bit refuses a read: the refusal is simulated
    import sinokaz_utils.cache as cache_module

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "ok.txt").write_bytes(seed_bytes(S003))
    (root / "locked.txt").write_bytes(seed_bytes(S002))
    real = cache_module.hash_file

    def refuse(path):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(cache_module, "hash_file", refuse)
    corpus = load_corpus(root, cache_dir=None)
    assert list(corpus.docs["doc_id"]) == ["ok"]
    [reason] = corpus.skipped.loc[corpus.skipped["path"].str.endswith("locked.txt"), "reason"]
    assert reason == "illisible (permission refusée)"


# --------------------------------------------------------------------------- tables


def test_csv_corpus_missing_and_duplicate_ids(tmp_path):
    p = tmp_path / "articles.csv"
    rows = [
        {"doc_id": "a", "title": "", "text": seed_text(S003)},
        {"doc_id": "", "title": "sans identifiant", "text": seed_text(S002)},
        {"doc_id": "a", "title": "répété", "text": seed_text(S001)},
        {"doc_id": "b", "title": "", "text": ""},
        {"doc_id": "../../etc/passwd", "title": "", "text": seed_text(S004)},
        {"doc_id": "c", "title": "<script>alert(1)</script>", "text": seed_text(S000).replace("\n", "\r\n")},
    ]
    pd.DataFrame(rows).to_csv(p, index=False)
    with open(p, "a", encoding="utf-8") as f:  # a row with too many fields, hand-edited
        f.write('d,titre,"Le président a parlé.",en trop\n')
    corpus = load_corpus(p, cache_dir=None)
    ids = list(corpus.docs["doc_id"])
    assert ids.count("a") == 1 and "c" in ids and "../../etc/passwd" in ids
    assert any(i.startswith("row") for i in ids)  # the row without an id gets one
    reasons = dict(zip(corpus.skipped["path"], corpus.skipped["reason"]))
    assert any(r == "identifiant (doc_id) répété dans la table" for r in reasons.values())
    assert any(k.endswith("#b") and r == "texte vide" for k, r in reasons.items())
    assert len(corpus.docs) + len(corpus.skipped) == len(rows) + 1
    assert any(r == "ligne CSV mal formée (4 champs)" for r in reasons.values())
    docs = corpus.docs.set_index("doc_id")
    assert docs.at["a", "text"] == reference_text(S003)
    assert docs.at["c", "text"] == reference_text(S000)


def test_jsonl_corpus_missing_duplicate_ids_and_bad_lines(tmp_path):
    p = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"doc_id": "x1", "text": seed_text(S003)}, ensure_ascii=False),
        json.dumps({"text": seed_text(S002)}, ensure_ascii=False),
        json.dumps({"doc_id": "x1", "text": seed_text(S001)}, ensure_ascii=False),
        json.dumps({"doc_id": "x2", "text": None}),
        json.dumps({"doc_id": 7, "text": seed_text(S004), "published": "2022-02-31"}, ensure_ascii=False),
        '{"doc_id": "broken", "text": "Le présid',  # a half-written line
        "",
        "[1, 2, 3]",
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = load_corpus(p, cache_dir=None)
    ids = list(corpus.docs["doc_id"])
    assert "x1" in ids and "7" in ids and ids.count("x1") == 1
    assert corpus.docs.set_index("doc_id").at["x1", "text"] == reference_text(S003)
    assert pd.isna(corpus.docs.set_index("doc_id").at["7", "published"])
    # every non-blank line is loaded or skipped
    assert len(corpus.docs) + len(corpus.skipped) == 7


# --------------------------------------------------------------------------- metadata schema


def _write(p: Path, text: str) -> Path:
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("text, line, words", [
    ('doc_id,published\n003_280498be22c27ec9,2024-03-30\n"004_2217755a5c87da5a,2022-10-13\n', 3, ["CSV mal formé"]),
    ("doc_id,published\n003_280498be22c27ec9,2024-03-30,extra\n", 2, ["2 champs attendus", "3 trouvés"]),
    ("id,published\n003_280498be22c27ec9,2024-03-30\n", 1, ["doc_id"]),
    ("doc_id,published\n003_280498be22c27ec9,2024-03-30\n003_280498be22c27ec9,2024-03-31\n", 3, ["déjà donné ligne 2"]),
    ("doc_id,published\n,2024-03-30\n", 2, ["doc_id"]),
])
def test_malformed_metadata_one_clear_error(tmp_path, text, line, words):
    meta = _write(tmp_path / "meta.csv", text)
    with pytest.raises(ValueError) as err:
        read_metadata(meta)
    msg = str(err.value)
    assert str(meta) in msg and f"ligne {line} : " in msg
    for w in words:
        assert w in msg


def test_malformed_metadata_on_the_command_line(tmp_path):
    meta = _write(tmp_path / "meta.csv", "doc_id,published\n003_280498be22c27ec9,2024-03-30,extra\n")
    r = _cli("documents", str(RAW_DIR), "--metadata", str(meta), "--no-cache")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    [line] = r.stderr.strip().splitlines()  # one clear line
    assert str(meta) in line and "ligne 2" in line and line.startswith("sinokaz documents : erreur : ")


def test_metadata_invalid_values_name_file_row_and_column(tmp_path):
    meta = _write(tmp_path / "meta.csv",
                  "doc_id,published,event_date,url\n"
                  "003_280498be22c27ec9,2024-03-30,2024-13-01,http://french.news.cn/a.htm\n"
                  "002_d2da79301447a48e,14/09/2020,,ftp://x\n")
    table, issues = read_metadata(meta)
    got = {(int(r.line), r.column) for r in issues.itertuples()}
    assert got == {(2, "event_date"), (3, "published"), (3, "url")}
    assert all(r.file == str(meta) for r in issues.itertuples())
    assert table.set_index("doc_id").at["003_280498be22c27ec9", "published"] == "2024-03-30"


def test_metadata_link_outside_the_corpus_is_not_read(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_bytes(seed_bytes(S003))
    outside = tmp_path / "outside.csv"
    outside.write_text(f"doc_id,published\n{SECRET},2024-01-01\na,1999-01-01\n", encoding="utf-8")
    os.symlink(outside, root / "metadata.csv")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(root, cache_dir=None)
    assert list(corpus.docs["doc_id"]) == ["a"]
    assert corpus.docs.at[0, "published"] != pd.Timestamp("1999-01-01")
    assert_no_secret(*[str(w.message) for w in caught], *corpus.skipped["reason"])
    assert any("metadata.csv" in p for p in corpus.skipped["path"])


# --------------------------------------------------------------------------- cache


def _docs_frame(corpus) -> pd.DataFrame:
    return corpus.docs.reset_index(drop=True)


@pytest.fixture(scope="module")
def pristine_cache(tmp_path_factory):
    """A cache of the bundled corpus, built once; each test damages its own copy."""
    cache_dir = tmp_path_factory.mktemp("pristine") / "cache"
    return load_corpus(RAW_DIR, cache_dir=cache_dir), cache_dir


@pytest.mark.parametrize("damage", ["truncate_parquet", "flip_parquet", "silent_text_edit", "truncate_manifest",
                                    "garbage_manifest", "delete_parquet", "empty_parquet"])
def test_corrupt_cache_detected_and_rebuilt(tmp_path, damage, pristine_cache):
    first, pristine = pristine_cache
    cache_dir = tmp_path / "cache"
    shutil.copytree(pristine, cache_dir)
    [entry] = [p for p in cache_dir.iterdir() if p.is_dir()]
    parquet, manifest = entry / "docs.parquet", entry / "manifest.json"
    data = parquet.read_bytes()
    if damage == "truncate_parquet":
        parquet.write_bytes(data[: len(data) // 2])
    elif damage == "flip_parquet":
        # flip bytes in the middle (in the column data, far from the footer)
        mid = len(data) // 2
        parquet.write_bytes(data[:mid] + bytes(b ^ 0xFF for b in data[mid:mid + 16]) + data[mid + 16:])
    elif damage == "silent_text_edit":
        # one letter changed inside an article's stored text: Parquet reads it back without error
        at = data.index(b"Kazakhstan", len(data) // 3)
        parquet.write_bytes(data[:at] + b"Q" + data[at + 1:])
    elif damage == "truncate_manifest":
        manifest.write_bytes(manifest.read_bytes()[:40])
    elif damage == "garbage_manifest":
        manifest.write_bytes(b"\x00\xff not json")
    elif damage == "delete_parquet":
        parquet.unlink()
    elif damage == "empty_parquet":
        parquet.write_bytes(b"")
    with pytest.warns(UserWarning, match="cache : l'entrée .* est illisible .* reconstruite"):
        second = load_corpus(RAW_DIR, cache_dir=cache_dir)
    pd.testing.assert_frame_equal(_docs_frame(first), _docs_frame(second))
    # and the entry is whole again: the next load reads it silently
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        third = load_corpus(RAW_DIR, cache_dir=cache_dir)
    pd.testing.assert_frame_equal(_docs_frame(first), _docs_frame(third))


# --------------------------------------------------------------------------- command line


def _cli(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    cmd = [str(SINOKAZ)] if SINOKAZ.exists() else [sys.executable, "-m", "sinokaz_utils.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, errors="replace")


def _stderr_skips(stderr: str) -> dict[str, str]:
    out = {}
    for line in stderr.splitlines():
        if line.startswith("ignoré : "):
            # paths here hold no " : "; reasons may (« indécodable : … »)
            path, _, reason = line[len("ignoré : "):].partition(" : ")
            out[path] = reason
    return out


#: The warning line of a metadata problem: « avertissement : métadonnées : FICHIER, ligne N : DOC_ID : PROBLÈME ».
_METADATA_WARNING = re.compile(r"^avertissement : métadonnées : (?P<file>.+?), ligne \d+ : (?P<doc_id>.*?) : (?P<problem>.+)$")


def assert_french_stderr(stderr: str) -> None:
    """Every line is « ignoré : <chemin> : <raison> » or « avertissement : … », and what it says
    (the reason, the problem; not the path or the id) holds none of the English of old messages."""
    lines = stderr.splitlines()
    assert lines, "the hostile folder gives skipped inputs and warnings"
    for line in lines:
        if line.startswith("ignoré : "):
            _, _, said = line[len("ignoré : "):].partition(" : ")
        else:
            m = _METADATA_WARNING.match(line)
            assert m, f"not one of sinokaz's French lines: {line!r}"
            said = m["problem"]
        assert said.strip() and not english_words(said), f"English in: {line!r}"


@pytest.fixture(scope="module")
def hostile_cli(hostile, tmp_path_factory):
    root, _ = hostile
    cache = tmp_path_factory.mktemp("cli-cache")
    before = hash_tree(root.parent)
    docs = _cli("documents", str(root), "--cache-dir", str(cache))
    after_docs = hash_tree(root.parent)
    stmts = _cli("statements", str(root), "--cache-dir", str(cache))
    after_stmts = hash_tree(root.parent)
    return docs, stmts, before, after_docs, after_stmts


def test_cli_documents_on_hostile_folder(hostile, hostile_cli):
    root, cases = hostile
    r = hostile_cli[0]
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    table = pd.read_csv(io.StringIO(r.stdout), dtype=str, keep_default_na=False)
    skips = _stderr_skips(r.stderr)
    loaded = {_rel(p, root) for p in table["path"]}
    skipped_rel = {_rel(p, root) for p in skips}
    for rel in _entries(root):
        assert (rel in loaded) != (rel in skipped_rel), f"{rel} not accounted for on the command line"
    for case in cases:
        if case.expect == "load":
            assert case.rel in loaded, case.kind
        elif case.expect == "skip":
            assert case.rel in skipped_rel, case.kind
    assert_no_secret(r.stdout, r.stderr)
    assert_french_stderr(r.stderr)
    assert "avertissement : métadonnées : " in r.stderr
    assert "metadata.csv, ligne 6 : ../../etc/passwd : chemin hors du corpus (ligne ignorée)" in r.stderr
    # the cleaned text of the cp1252 file is the cleaned text of the UTF-8 original
    t = table.set_index("doc_id")
    assert t.at["enc/cp1252", "text"] == t.at["enc/utf8bom", "text"]
    assert "Kazakhstan" in t.at["enc/utf16le", "text"] and "œuvre" in t.at["enc/utf16le", "text"]


def test_cli_statements_on_hostile_folder(hostile_cli):
    r = hostile_cli[1]
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    # the same inputs are accounted for as by `sinokaz documents`, in the same French lines
    assert _stderr_skips(r.stderr) == _stderr_skips(hostile_cli[0].stderr)
    assert_french_stderr(r.stderr)
    table = pd.read_csv(io.StringIO(r.stdout), dtype=str, keep_default_na=False)
    assert {"doc_id", "speaker", "text", "start", "end"} <= set(table.columns)
    assert len(table) > 0
    assert_no_secret(r.stdout, r.stderr)


def test_cli_leaves_raw_files_unchanged(hostile_cli):
    _, _, before, after_docs, after_stmts = hostile_cli
    assert after_docs == before
    assert after_stmts == before


def test_cli_missing_or_empty_corpus_fails_cleanly(tmp_path):
    r = _cli("documents", str(tmp_path / "nope"), "--no-cache")
    assert r.returncode != 0 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("  \n")
    r = _cli("documents", str(empty), "--no-cache")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "ignoré : " in r.stderr and r.stderr.strip().splitlines()[-1].startswith("sinokaz documents : erreur : ")


def test_two_cli_runs_at_once_share_the_cache(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for stem in (S002, S003):
        (corpus / f"{stem}.txt").write_bytes(seed_bytes(stem))
        (corpus / f"{stem}-copie.txt").write_bytes(seed_text(stem).encode("cp1252"))
    cache = tmp_path / "cache"
    cmd = [str(SINOKAZ)] if SINOKAZ.exists() else [sys.executable, "-m", "sinokaz_utils.cli"]
    outs = [tmp_path / f"out{i}.csv" for i in range(2)]
    procs = [subprocess.Popen([*cmd, "documents", str(corpus), "--cache-dir", str(cache), "-o", str(o)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for o in outs]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for code, err in results:
        assert code == 0 and "Traceback" not in err, err
    assert outs[0].read_bytes() == outs[1].read_bytes()
    # the entry the two runs left is whole: a third run reads it without rebuilding
    r = _cli("documents", str(corpus), "--cache-dir", str(cache), "-o", str(tmp_path / "out3.csv"))
    assert r.returncode == 0 and "reconstruite" not in r.stderr, r.stderr
    assert (tmp_path / "out3.csv").read_bytes() == outs[0].read_bytes()
    leftovers = [p.name for p in cache.rglob("*.tmp")]
    assert not leftovers


def test_malformed_metadata_inside_the_folder_is_skipped_not_fatal(tmp_path):
    """A metadata.csv found in the corpus folder is one more input: malformed, it is listed as
    skipped with the file and line, and the articles beside it still load (exit 0)."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_bytes(seed_bytes(S003))
    _write(root / "metadata.csv", "doc_id,published\na,2024-03-30,extra\n")
    r = _cli("documents", str(root), "--no-cache")
    assert r.returncode == 0 and "Traceback" not in r.stderr
    [line] = [x for x in r.stderr.splitlines() if x.startswith("ignoré : metadata.csv : ")]
    assert "fichier de métadonnées mal formé, non utilisé" in line and "ligne 2" in line
    assert "a" in set(pd.read_csv(io.StringIO(r.stdout)).doc_id.astype(str))


# --------------------------------------------------------------------------- exports and sheets


def test_exports_in_the_hostile_folder_give_their_documents(hostile, hostile_api):
    """An Europresse export saved as .htm, a Factiva text export saved as .txt and a Nexis Uni
    DOCX each give their documents, with the database's IDs, kinds, outlets and dates."""
    docs = hostile_api.corpus.docs
    for rel, (ids, kinds) in EXPORT_CASES.items():
        got = docs[docs["source_file"] == rel].sort_values("doc_id")
        expected = sorted(zip(ids, kinds))
        assert list(zip(got["doc_id"], got["kind"])) == expected, rel
        assert got["published_source"].eq("export").all() and got["outlet_source"].eq("export").all(), rel
        assert got["title_source"].eq("export").all(), rel
    d = docs.set_index("doc_id")
    assert d.at["news·20240330·XIN·0001", "outlet"] == "Xinhua"
    assert d.at["news·20240330·XIN·0001", "published"] == pd.Timestamp("2024-03-30")
    assert d.at["news·20240331·LP·0002", "outlet"] == "La Presse"
    assert d.at["news·20240331·LP·0002", "edition"] == "Édition de Montréal"
    assert d.at["news·20240331·LP·0002", "title"].startswith("Diplomatie ")
    assert d.at["XNFR000020240330ek3u0001a", "published"] == pd.Timestamp("2024-03-30")
    assert d.at["LEMOND0020240402ek420002b", "outlet"] == "Le Monde"
    assert d.at["exports/nexis/001", "outlet"] == "Le Figaro" and d.at["exports/nexis/001", "author"] == "Jean Dupont"
    assert d.at["exports/nexis/002", "published"] == pd.Timestamp("2024-04-01")
    # the same article in the Europresse, Factiva and plain-text copies is one story
    assert d.at["XNFR000020240330ek3u0001a", "duplicate_of"] is not None or \
        d.at["news·20240330·XIN·0001", "duplicate_of"] is not None
    # a link to a site Europresse does not host is kept, with its kind, and out of analyses
    assert "web·20240331·MSN·0003" not in set(hostile_api.corpus.documents(include_duplicates=True)["doc_id"])


def _french_excel(rows: list[list[str]], *, sep: str = ";") -> bytes:
    """A sheet as French Excel saves "CSV (séparateur : point-virgule)": cp1252, CRLF, a BOM."""
    text = "\r\n".join(sep.join(r) for r in rows) + "\r\n"
    return codecs.BOM_UTF8 + text.encode("utf-8") if sep == "\t" else text.encode("cp1252")


@pytest.mark.parametrize("kind", ["semicolon-cp1252", "tab-bom", "xlsx"])
def test_metadata_as_french_spreadsheet_software_saves_it(tmp_path, kind):
    import make_files as mf

    root = tmp_path / "corpus"
    root.mkdir()
    for stem in (S002, S003):
        (root / f"{stem}.txt").write_bytes(seed_bytes(stem))
    rows = [["doc_id", "outlet", "published", "event_place"],
            [S002, "Le Quotidien du Peuple", "14/09/2020", "Pékin"],
            [S003, "Agence Xinhua", "30/03/2024", "Beijing"]]
    if kind == "semicolon-cp1252":
        (root / "metadata.csv").write_bytes(_french_excel(rows))
    elif kind == "tab-bom":
        (root / "metadata.tsv").write_bytes(_french_excel(rows, sep="\t"))
    else:
        import datetime as dt

        book = [rows[0]] + [[r[0], r[1], dt.datetime.strptime(r[2], "%d/%m/%Y"), r[3]] for r in rows[1:]]
        mf.write_xlsx(root / "metadata.xlsx", book)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no metadata issue: every row and date applies
        corpus = load_corpus(root, cache_dir=None)
    d = corpus.docs.set_index("doc_id")
    assert d.at[S002, "published"] == pd.Timestamp("2020-09-14") and d.at[S002, "published_source"] == "metadata"
    assert d.at[S003, "published"] == pd.Timestamp("2024-03-30")
    assert d.at[S002, "outlet"] == "Le Quotidien du Peuple" and d.at[S002, "event_place"] == "Pékin"
    assert corpus.skipped.empty


def test_written_files_have_the_mode_of_a_plain_write(tmp_path):
    """Cache entries and `-o` outputs are readable as the umask allows (not mode 600)."""
    old = os.umask(0o022)
    try:
        cache = tmp_path / "cache"
        load_corpus(RAW_DIR, cache_dir=cache)
        out = tmp_path / "docs.csv"
        r = _cli("documents", str(RAW_DIR), "--cache-dir", str(cache), "-o", str(out))
        assert r.returncode == 0, r.stderr
        written = [out, *[p for p in cache.rglob("*") if p.is_file() and p.name != ".lock"]]
        assert written and all((p.stat().st_mode & 0o777) == 0o644 for p in written), \
            {p.name: oct(p.stat().st_mode & 0o777) for p in written}
    finally:
        os.umask(old)

