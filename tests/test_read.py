"""Reading: encodings, normal forms, HTML extraction, folder walking and table sources.

Every text here is a real article of the bundled corpus (data/raw), re-encoded or wrapped.
"""
from __future__ import annotations

import json
import os
import re

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from sinokaz_utils.read import (UndecodableError, decode_bytes, list_corpus_files, normalize_for_matching,
                                normalize_text, read_file, read_html, read_table)

SEED_003 = "003_280498be22c27ec9.txt"
SEED_000 = "000_2fa27e3e7f02c325.txt"


@pytest.fixture(scope="module")
def seed_text(raw_dir) -> str:
    return (raw_dir / SEED_003).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_000(raw_dir) -> str:
    return (raw_dir / SEED_000).read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "cp1252", "latin-1"])
def test_decode_every_supported_encoding(seed_text, encoding):
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + seed_text.encode("utf-16-le")
    else:
        data = seed_text.encode(encoding)
    text, _ = decode_bytes(data)
    assert normalize_text(text) == normalize_text(seed_text)


def test_cp1252_typographic_apostrophe(seed_000):
    # cp1252 has ’ (0x92) and « » : the detector must not take it for latin-1 or a Cyrillic page
    data = seed_000.encode("cp1252")
    text, enc = decode_bytes(data)
    assert text == seed_000 and enc == "cp1252"


def test_mojibake_is_repaired(seed_000):
    broken = seed_000.encode("utf-8").decode("cp1252", errors="ignore")
    assert "Ã©" in broken
    text, _ = decode_bytes(broken.encode("utf-8"))
    assert "déclaration conjointe" in text and "Ã©" not in text


@pytest.mark.parametrize("data, reason", [
    (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"PK\x03\x04\x14\x00", "zip"),
    (b"\x00\x01\x02\x03\x04\x05\xfe\xff\x00\x07" * 40, "binaire"),
])
def test_binary_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(UndecodableError, match=reason):
        decode_bytes(data)


def test_normalize_text_keeps_french_typography(seed_000):
    messy = seed_000.replace("\n", "\r\n").replace("Kazakhstan", "Kaza\u200bkhstan").replace("Chine", "Chi\u00adne")
    messy = messy.replace("Taïwan", "Tai\u0308wan")  # decomposed diaeresis: NFC recomposes it
    out = normalize_text(messy)
    assert "\r" not in out and "\u200b" not in out and "\u00ad" not in out
    assert out == normalize_text(seed_000)
    assert "«\u00a0l’indépendance de Taïwan\u00a0»" in out  # apostrophes, « » and no-break spaces kept


def test_normalize_for_matching(seed_000):
    line = seed_000.split("\n")[8]
    m = normalize_for_matching(line)
    assert "’" not in m and "«" not in m and m == m.casefold()
    assert '" l\'indépendance de taïwan "' in m  # no-break spaces inside « » become plain spaces
    assert normalize_for_matching("Tokaïev", strip_accents=True) == "tokaiev"


@given(st.text())
def test_property_normal_forms_are_idempotent(s):
    once = normalize_text(s)
    assert normalize_text(once) == once
    m = normalize_for_matching(s)
    assert normalize_for_matching(m) == m


def test_html_page_main_text_without_scripts_or_navigation(seed_text):
    paras = [p for p in seed_text.split("\n") if p.strip()]
    html = (
        "<!doctype html><html><head><title>" + paras[0] + "</title>"
        "<script>var share = 'Partager'; trackVisit('sinokaz');</script><style>.nav{}</style></head><body>"
        "<nav><a href='/'>Page d'accueil</a> &gt;&gt; <a href='/chine'>Chine</a></nav>"
        "<div class='menu'>Newsletter Contact Rechercher</div><article><h1>" + paras[0] + "</h1>"
        + "".join(f"<p>{p}</p>" for p in paras[1:]) +
        "</article><footer>© Xinhua. Tous droits réservés.</footer><script>alert('x')</script></body></html>"
    )
    text, facts = read_html(html)
    assert "trackVisit" not in text and "alert" not in text and "Page d'accueil" not in text
    assert text.split("\n")[0] == paras[0]
    for p in paras[1:]:
        assert p in text
    assert facts["title"] == paras[0]


def test_folder_walk_skips_with_reasons(tmp_path, raw_dir):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    seed = (raw_dir / SEED_003).read_bytes()
    (root / "a.txt").write_bytes(seed)
    (root / "sub" / "b.md").write_bytes(seed)
    (root / ".hidden.txt").write_bytes(seed)
    (root / ".git" / "c.txt").write_bytes(seed)
    (root / "Thumbs.db").write_bytes(b"\x00")
    (root / ".DS_Store").write_bytes(b"\x00")
    (root / "scan.pdf").write_bytes(b"%PDF-1.4")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(seed)
    os.symlink(outside, root / "link_out.txt")
    os.symlink(root / "a.txt", root / "link_in.txt")
    os.symlink(tmp_path / "missing.txt", root / "broken.txt")
    files, skipped = list_corpus_files(root)
    rel = [p.relative_to(root).as_posix() for p in files]
    # a PDF is read now: a damaged one is listed, and reading it says why it gives no text
    assert rel == ["a.txt", "link_in.txt", "scan.pdf", "sub/b.md"]
    with pytest.raises(UndecodableError, match="document PDF"):
        read_file(root / "scan.pdf", root=root)
    reasons = {os.path.basename(s.path): s.reason for s in skipped}
    assert reasons["link_out.txt"] == "lien symbolique vers l'extérieur du dossier du corpus (non suivi)"
    assert reasons["broken.txt"] == "lien symbolique cassé (sa cible n'existe pas)"
    assert reasons[".hidden.txt"] == "fichier caché" and reasons[".git"] == "dossier caché (non lu)"
    assert reasons["Thumbs.db"] == "fichier système" and reasons[".DS_Store"] == "fichier système"
    doc = read_file(root / "sub" / "b.md", root=root)
    assert doc.doc_id == "sub/b"


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "w.txt").write_bytes(" \r\n\t\n\u00a0\u200b\n".encode("utf-8"))
    with pytest.raises(UndecodableError, match="^fichier vide$"):
        read_file(tmp_path / "e.txt", root=tmp_path)
    with pytest.raises(UndecodableError, match="rien que des espaces"):
        read_file(tmp_path / "w.txt", root=tmp_path)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_table_sources(tmp_path, raw_dir, fmt):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(raw_dir.glob("*.txt"))[:3]}
    rows = [{"doc_id": k, "text": v, "url": f"https://french.news.cn/2024033{i}/x/c.html", "title": ""}
            for i, (k, v) in enumerate(texts.items())]
    rows.append({"doc_id": "blank", "text": "   ", "url": "", "title": ""})
    rows.append({"doc_id": rows[0]["doc_id"], "text": "répété", "url": "", "title": ""})
    path = tmp_path / f"t.{fmt}"
    df = pd.DataFrame(rows)
    if fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt == "jsonl":
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    else:
        df.to_parquet(path)
    docs, skipped = read_table(path)
    assert [d.doc_id for d in docs] == list(texts)
    assert docs[0].text == normalize_text(texts[docs[0].doc_id])
    assert docs[1].meta["url"].startswith("https://french.news.cn/")
    assert {s.reason for s in skipped} == {"texte vide", "identifiant (doc_id) répété dans la table"}


def test_table_without_text_column(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("doc_id,body\na,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.csv : pas de colonne 'text'"):
        read_table(p)


def test_html_title_loses_the_site_suffix(seed_text):
    paras = [p for p in seed_text.split("\n") if p.strip()]
    html = ("<html><head><title>" + paras[0] + " - Xinhua | French.news.cn</title>"
            "<meta property='og:site_name' content='Xinhua'></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in paras[1:]) + "</article></body></html>")
    text, facts = read_html(html)
    assert facts["title"] == paras[0] and text.split("\n")[0] == paras[0]


def test_every_corpus_dev_article_survives_cp1252(corpus_dev):
    """Each real article saved as cp1252 (œ, ’, « » included) decodes back to the same text."""
    for path in sorted((corpus_dev / "raw").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        try:
            data = text.encode("cp1252")
        except UnicodeEncodeError:
            continue  # characters cp1252 lacks (Chinese, a cut multibyte character)
        decoded, _ = decode_bytes(data)
        assert normalize_text(decoded) == normalize_text(text), path.name


RUSSIAN = "Президент Казахстана Касым-Жомарт Токаев принял в Астане министра иностранных дел Китая Ван И."
KAZAKH = "Қазақстан Президенті Қасым-Жомарт Тоқаев Астанада Қытай Сыртқы істер министрі Ван Иді қабылдады."


@pytest.mark.parametrize("text, encoding", [(RUSSIAN, "cp1251"), (RUSSIAN, "koi8_r"), (RUSSIAN, "cp866"),
                                            (KAZAKH, "kz1048"), (RUSSIAN + "\n" + KAZAKH, "utf-8")])
def test_cyrillic_is_read_as_cyrillic(text, encoding):
    decoded, used = decode_bytes(text.encode(encoding))
    assert decoded == text, used
    # never the Latin mojibake a cp1252 reading gives
    assert "Ò" not in decoded and "ï" not in decoded


def test_french_stays_french_next_to_cyrillic_code_pages(seed_000):
    # the cp1252 French article is not taken for a Cyrillic code page
    text, used = decode_bytes(seed_000.encode("cp1252"))
    assert text == seed_000 and used == "cp1252"


def test_entities_in_plain_text(tmp_path, seed_text):
    (tmp_path / "a.txt").write_text(seed_text.replace("é", "&eacute;").replace("«", "&laquo;"), encoding="utf-8")
    assert read_file(tmp_path / "a.txt", root=tmp_path).text == normalize_text(seed_text)


def test_export_kinds_social_posts_and_reports(tmp_path, seed_text):
    import datetime as dt

    import make_files as mf

    paras = [p for p in seed_text.split("\n") if p.strip()]
    base = dict(date=dt.date(2024, 3, 30), title=paras[0], paragraphs=paras[1:3])
    html = mf.europresse_export([
        {**base, "outlet": "Le Monde", "id": "news·20240330·LM·1"},
        {**base, "outlet": "Rapports - Cour des comptes", "id": "rapp·20240330·CC·2"},
    ]).replace('<div class="DocText clearfix">', '<div class="DocText clearfix"><div class="socialNetworkPost"></div>', 1)
    (tmp_path / "export.html").write_text(html, encoding="utf-8")
    from sinokaz_utils.read import read_documents

    docs = read_documents(tmp_path / "export.html", root=tmp_path)
    assert [(d.doc_id, d.kind) for d in docs] == [("news·20240330·LM·1", "réseau social"),
                                                  ("rapp·20240330·CC·2", "rapport")]


def test_an_opendocument_text_is_read_without_its_footnotes(tmp_path, raw_dir):
    # LibreOffice's .odt: the heading and the paragraphs (one in a list) are the article, a
    # footnote is not; a file that only says it is .odt is a damaged file, named with its reason
    import make_files as mf

    from sinokaz_utils.read.registry import read_documents

    paras = [" ".join(x.split()) for x in (raw_dir / "002_d2da79301447a48e.txt").read_text(encoding="utf-8").split("\n")
             if x.strip()]
    path = mf.write_odt(tmp_path / "article.odt", paras, note="Voir aussi notre dossier du 12 mars.")
    [doc] = read_documents(path, root=tmp_path)
    assert doc.doc_id == "article" and doc.text.split("\n") == paras
    assert "dossier du 12 mars" not in doc.text
    (tmp_path / "faux.odt").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(UndecodableError, match="OpenDocument"):
        read_documents(tmp_path / "faux.odt", root=tmp_path)


def test_a_pdf_keeps_the_hyphen_of_a_compound_cut_at_a_line_end(tmp_path, raw_dir):
    # the bundled articles printed to PDF at every page width: « vice-président », « Kassym-Jomart »,
    # « sino-kazakhstanaises », « au-delà », « a-t-il » come back as written wherever a line cuts them
    import make_files as mf

    from sinokaz_utils.read.registry import read_documents

    for stem in ("004_2217755a5c87da5a", "002_d2da79301447a48e", "001_7838cbda7f5bb796"):
        paras = [" ".join(x.split()) for x in (raw_dir / f"{stem}.txt").read_text(encoding="utf-8").split("\n")
                 if x.strip()]
        compounds = set(re.findall(r"\w+(?:-\w+)+", " ".join(paras)))
        for width in range(60, 96, 3):
            path = mf.write_pdf(tmp_path / f"{stem}_{width}.pdf", paras, width=width)
            [doc] = read_documents(path, root=tmp_path)
            assert compounds <= set(re.findall(r"\w+(?:-\w+)+", doc.text)), (stem, width)
            assert not {c.replace("-", "") for c in compounds} & set(re.findall(r"\w+", doc.text)), (stem, width)
            assert " ".join(doc.text.split()) == " ".join(paras), (stem, width)  # every word, in order
