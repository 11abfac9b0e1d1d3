"""Press-database exports: the real files of ../shared/exports, read and compared with what a
peer parser finds in them; the layouts not in shared/ written from them in a temporary folder.

Measured as the issue measures held-out exports: articles found as their own documents, dates
right and wrong, outlet named.
"""
from __future__ import annotations

import json
import re
import shutil
from collections import Counter

import pandas as pd
import pytest

from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.read import READERS, choose_reader, read_documents
from sinokaz_utils.read.factiva import parse_factiva_text

import make_files as mf

PESQUET = "pesquet_19-11-21_a_26-10-23"


@pytest.fixture(scope="module")
def exports(shared_dir):
    path = shared_dir / "exports"
    if not path.is_dir():
        pytest.skip("../shared/exports is absent")
    return path


def _matches(docs, expected: list[dict]) -> list[dict]:
    """Each expected article matched to a document of the same title (in order, once each)."""
    by_title: dict[str, list] = {}
    for d in docs:
        by_title.setdefault(d.export.get("title"), []).append(d)
    out = []
    for e in expected:
        candidates = by_title.get(e["title"]) or []
        d = candidates.pop(0) if candidates else None
        published = d.export.get("published") if d else None
        day = pd.Timestamp(published).strftime("%d/%m/%Y") if published else None
        out.append({"source": e["source"], "found": d is not None, "date_right": day == e["date"],
                    "date_wrong": day is not None and day != e["date"],
                    "outlet": d is not None and d.export.get("outlet") == e["source"]})
    return out


def _measure(docs, expected: list[dict]) -> dict:
    m = _matches(docs, expected)
    return {"expected": len(m), "found": sum(x["found"] for x in m), "dates_right": sum(x["date_right"] for x in m),
            "dates_wrong": sum(x["date_wrong"] for x in m), "outlet": sum(x["outlet"] for x in m)}


@pytest.fixture(scope="module")
def pesquet(exports):
    docs = read_documents(exports / "europresse" / f"{PESQUET}.HTML", root=exports)
    expected = json.loads((exports / "europresse" / f"{PESQUET}.expected.json").read_text(encoding="utf-8"))
    return docs, expected


def test_europresse_every_block_is_its_own_document(pesquet):
    docs, expected = pesquet
    assert len(docs) == 305
    assert Counter(d.kind for d in docs) == {"article": 292, "lien": 13}
    # the export's own IDs: every document has one, none twice
    assert len({d.doc_id for d in docs}) == 305
    assert all(re.fullmatch(r"(news|web)·\d{8}·[^·]+·\S+", d.doc_id) for d in docs)
    assert [d.position for d in docs] == list(range(1, 306))


def test_europresse_titles_dates_outlets_as_the_peer_reads_them(pesquet):
    docs, expected = pesquet
    m = _measure([d for d in docs if d.kind == "article"], expected)
    assert m == {"expected": 292, "found": 292, "dates_right": 292, "dates_wrong": 0, "outlet": 292}


def test_europresse_outlet_halves(pesquet):
    """The outlet rule (name before the edition's line break, without issue number or what a
    parenthesis adds) holds on both halves of the outlets, by name."""
    docs, expected = pesquet
    matches = _matches([d for d in docs if d.kind == "article"], expected)
    outlets = sorted({e["source"] for e in expected})
    for half in (outlets[: len(outlets) // 2], outlets[len(outlets) // 2:]):
        sub = [x for x in matches if x["source"] in half]
        assert len(sub) > 100 and all(x["outlet"] and x["date_right"] for x in sub)


def test_europresse_text_highlighting_and_links(pesquet):
    docs, _ = pesquet
    texts = "\n".join(d.text for d in docs)
    assert "<mark>" not in texts and "ThomasPesquet" not in texts and "Thomas Pesquet" in texts
    assert "Cet article est paru dans" not in texts and "non hébergé par Cision" not in texts
    links = [d for d in docs if d.kind == "lien"]
    assert all(d.export.get("url", "").startswith("http") for d in links)
    # what the header states is in its columns
    first = docs[0].export
    assert first["words_stated"] == 1455 and first["published"] == "2023-10-23"
    assert first["publication"].startswith("Le Journal des Femmes (site web)")
    sections = Counter(d.export.get("section") for d in docs)
    assert sections["Sciences"] >= 1
    assert sum(bool(d.export.get("also_in")) for d in docs) == 81
    assert sum(bool(d.export.get("subtitle")) for d in docs) == 24


def test_europresse_older_layouts(exports):
    old = read_documents(exports / "europresse" / "europresse_test1.html", root=exports)
    assert [d.doc_id for d in old] == ["news·20121004·PO·2040056000", "news·20121003·HU·175071",
                                       "news·20121004·VAA·1856190"]
    assert [d.export["outlet"] for d in old] == ["l'Humanité", "Mag", "Magazine 1"]
    assert [d.export["published"] for d in old] == ["2013-10-05", "2012-10-03", "2012-10-04"]
    assert old[1].export["author"] == "Second Author" and old[2].export["section"] == "Éditorial"
    assert "accentuated characters: éèêù" in old[0].text  # declared ISO-8859-1, read as the UTF-8 it is
    layout2015 = read_documents(exports / "europresse" / "europresse_test2.html", root=exports)
    assert len(layout2015) == 4 and {d.export["outlet"] for d in layout2015} == {"Newspaper"}
    assert [d.export["published"] for d in layout2015] == ["2006-03-14", "2006-03-14", "2006-03-13", "2006-03-13"]
    assert layout2015[1].export["author"] == "Ariane Chemin"


def _accession_date(an: str) -> str:
    d = re.search(r"(\d{8})e[0-9a-z]{2}", an).group(1)
    return f"{d[:4]}-{d[4:6]}-{d[6:]}"


def test_factiva_html(exports):
    docs = read_documents(exports / "factiva" / "Factiva.htm", root=exports)
    assert len(docs) == 40 and len({d.doc_id for d in docs}) == 40
    assert {d.export["outlet"] for d in docs} == {"Le Figaro"}
    # the publication date is the one the accession number was loaded under
    assert all(d.export["published"] == _accession_date(d.doc_id) for d in docs)
    assert docs[0].export["author"] == "Charles Sapin" and docs[0].export["words_stated"] == 718
    assert docs[0].text.startswith("Marine Le Pen ambitionne l'indépendance énergétique\nC'EST une riposte")
    french = read_documents(exports / "factiva" / "factiva_test.html", root=exports)
    assert [(d.doc_id, d.export["published"], d.export["outlet"]) for d in french] == [
        ("TESTFR0020111229e7ct0001r", "2011-12-29", "Test newspaper"),
        ("TESTFR0020111229e7ct0015j", "2011-12-29", "Ouest France")]
    xml = read_documents(exports / "factiva" / "factiva_test.xml", root=exports)
    assert [d.export["published"] for d in xml] == ["2012-01-09", "2012-01-06", "2012-05-06"]


def test_factiva_text_rendering_written_from_the_real_export(exports, tmp_path):
    """Factiva's text rendering (field codes between asterisks) of the 40 real articles, in
    English and French labels, written in a temporary folder: each article comes back."""
    html_docs = read_documents(exports / "factiva" / "Factiva.htm", root=exports)
    articles = [dict(title=d.export["title"], author=d.export.get("author", ""), outlet=d.export["outlet"],
                     date=pd.Timestamp(d.export["published"]).date(), code="FIGARO",
                     paragraphs=d.text.split("\n")[1:], id=d.doc_id, section=d.export.get("section"))
                for d in html_docs]
    for english in (True, False):
        path = tmp_path / f"factiva_{english}.txt"
        path.write_text(mf.factiva_text(articles, english=english), encoding="utf-8")
        assert choose_reader(path, path.read_bytes()[:4096]).name == "text"
        docs = read_documents(path, root=tmp_path)
        assert [d.doc_id for d in docs] == [a["id"] for a in articles]
        assert [d.export["published"] for d in docs] == [d.export["published"] for d in html_docs]
        assert [d.export["title"] for d in docs] == [a["title"] for a in articles]
        assert all(d.export["outlet"] == "Le Figaro" for d in docs)
        # the paragraphs come back as the HTML export has them (the title line is the title)
        assert [d.text.split("\n")[1:] for d in docs] == [d.text.split("\n")[1:] for d in html_docs]


def test_factiva_text_with_bare_codes():
    text = ("HD  La Chine et le Kazakhstan signent un accord\nBY  Jean Dupont\nWC  120 mots\nPD  15 mars 2022\n"
            "SN  Le Figaro\nLP  Le président kazakh a reçu jeudi le ministre chinois.\n\n"
            "TD  IN the morning the two delegations met.\n\nAN  Document FIGARO0020220315ei3f0003o\n")
    [doc] = parse_factiva_text(text, encoding="utf_8")
    assert doc.doc_id == "FIGARO0020220315ei3f0003o" and doc.export["published"] == "2022-03-15"
    assert doc.text.split("\n")[-1] == "IN the morning the two delegations met."


def test_lexisnexis_html(exports):
    docs = read_documents(exports / "lexisnexis" / "lexisnexis_test_fr.html", root=exports)
    assert [d.doc_id for d in docs] == ["lexisnexis/lexisnexis_test_fr/001", "lexisnexis/lexisnexis_test_fr/002",
                                        "lexisnexis/lexisnexis_test_fr/003"]
    assert [d.export["published"] for d in docs] == ["2013-04-12", "2013-10-14", "2013-03-10"]
    assert {d.export["outlet"] for d in docs} == {"My newpaper"}
    assert docs[1].export["author"] == "Author 2" and docs[1].export["words_stated"] == 70
    assert docs[0].text.split("\n")[-1] == "Second paragraph. Including spurious line breaks to remove."
    assert all("SUJET" not in d.text and "Copyright" not in d.text for d in docs)


def test_reader_chosen_by_content(exports, tmp_path):
    # an export saved under another name is still read as what it is
    shutil.copy(exports / "europresse" / "europresse_test2.html", tmp_path / "export.TXT")
    shutil.copy(exports / "factiva" / "factiva_test.html", tmp_path / "factiva.HTM")
    assert choose_reader(tmp_path / "export.TXT", (tmp_path / "export.TXT").read_bytes()).name == "europresse"
    assert len(read_documents(tmp_path / "export.TXT", root=tmp_path)) == 4
    assert [d.database for d in read_documents(tmp_path / "factiva.HTM", root=tmp_path)] == ["Factiva"] * 2
    assert [r.name for r in READERS][-1] == "text"


def test_load_corpus_of_exports_and_a_redownload(exports, tmp_path):
    """A folder of exports loads through the pipeline: export facts in the table with source
    ``export``, the links kept but out of analyses, an export downloaded twice loaded once."""
    root = tmp_path / "corpus"
    (root / "fev").mkdir(parents=True)
    shutil.copy(exports / "factiva" / "Factiva.htm", root / "Factiva.htm")
    shutil.copy(exports / "factiva" / "Factiva.htm", root / "fev" / "Factiva (1).htm")  # the same download again
    shutil.copy(exports / "europresse" / f"{PESQUET}.HTML", root / "europresse.html")
    corpus = load_corpus(root, cache_dir=None)
    docs = corpus.docs
    assert len(docs) == 345
    again = corpus.skipped[corpus.skipped["path"].str.contains("Factiva \\(1\\)", regex=True)]
    assert len(again) == 40 and again["reason"].str.contains("déjà pris par").all()
    assert docs.groupby("database").size().to_dict() == {"Europresse": 305, "Factiva": 40}
    assert (docs["published_source"] == "export").all() and (docs["outlet_source"] == "export").all()
    assert docs["source_file"].isin(["Factiva.htm", "europresse.html"]).all()
    assert set(docs.loc[docs["kind"] == "lien", "doc_id"]).isdisjoint(corpus.documents(include_duplicates=True)["doc_id"])
    assert docs.loc[docs["database"] == "Factiva", "language"].eq("fr").all()
    figaro = docs.set_index("doc_id").loc["FIGARO0020220315ei3f0003o"]
    assert figaro["author"] == "Charles Sapin" and figaro["words_stated"] == 718


def test_europresse_text_is_the_article_corpus_press_took_from_it(pesquet, shared_dir):
    """corpus_press holds 25 articles taken from this export by hand (metadata ``export_index``):
    their paragraphs are the paragraphs the reader gives, outlet and date included."""
    docs, _ = pesquet
    press = [d for d in docs if d.kind == "article"]
    meta = pd.read_csv(shared_dir / "corpus_press" / "metadata.csv")
    found = total = 0
    for row in meta.itertuples():
        doc = press[row.export_index]
        assert (doc.export["outlet"], doc.export["published"]) == (row.outlet, row.published), row.doc_id
        ours = {" ".join(line.split()) for line in doc.text.split("\n")}
        theirs = [" ".join(p.split()) for p in (shared_dir / "corpus_press" / "raw" / f"{row.doc_id}.txt")
                  .read_text(encoding="utf-8").split("\n") if p.strip() and not p.startswith("Cet article est paru")]
        found += sum(p in ours for p in theirs)
        total += len(theirs)
    assert found / total >= 0.95, f"{found}/{total} paragraphs"


@pytest.mark.parametrize("form", ["docx", "html", "rtf", "pdf"])
def test_nexis_uni_download_in_every_format(tmp_path, raw_dir, form):
    """A Nexis Uni download (cover page, then documents ending with "Fin du document"), saved
    as DOCX, HTML, RTF or PDF, gives each document with its outlet, date, author and length."""
    import datetime as dt
    import html

    paras = {s: [" ".join(x.split()) for x in (raw_dir / f"{s}.txt").read_text(encoding="utf-8").split("\n") if x.strip()]
             for s in ("003_280498be22c27ec9", "000_2fa27e3e7f02c325")}
    articles = [dict(title=p[0], outlet=o, date=d, paragraphs=p[1:], author=a)
                for p, o, d, a in zip(paras.values(), ["Le Figaro", "La Croix"], [dt.date(2024, 3, 29), dt.date(2024, 4, 1)],
                                      ["Jean Dupont", None])]
    docx = mf.write_nexis_uni_docx(tmp_path / "nexis.docx", articles)
    if form != "docx":
        import docx as python_docx

        lines = [p.text for p in python_docx.Document(str(docx)).paragraphs]
        docx.unlink()
        if form == "html":
            (tmp_path / "nexis.html").write_text("<html><body>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines)
                                                 + "</body></html>", encoding="utf-8")
        elif form == "rtf":
            mf.write_rtf(tmp_path / "nexis.rtf", lines)
        else:
            mf.write_pdf(tmp_path / "nexis.pdf", lines)
    [path] = list(tmp_path.iterdir())
    docs = read_documents(path, root=tmp_path)
    assert [d.doc_id for d in docs] == ["nexis/001", "nexis/002"]
    assert [d.export["outlet"] for d in docs] == ["Le Figaro", "La Croix"]
    assert [d.export["published"] for d in docs] == ["2024-03-29", "2024-04-01"]
    assert docs[0].export["author"] == "Jean Dupont" and docs[0].export["title"] == articles[0]["title"]
    assert docs[1].text.split("\n")[1:] == articles[1]["paragraphs"]


def test_overview_counts_documents_per_database_and_file(exports, tmp_path):
    from sinokaz_utils.overview import count_databases, count_documents, count_sources

    root = tmp_path / "c"
    root.mkdir()
    shutil.copy(exports / "europresse" / f"{PESQUET}.HTML", root / "europresse.html")
    shutil.copy(exports / "factiva" / "factiva_test.html", root / "factiva.html")
    for name in ("a.txt", "b.txt"):
        (root / name).write_text("Le président kazakh a reçu jeudi à Astana le ministre chinois des Affaires "
                                 f"étrangères ({name}).\n", encoding="utf-8")
    corpus = load_corpus(root, cache_dir=None)
    dbs = count_databases(corpus).set_index("database")
    assert dbs.at["Europresse", "documents"] == 305 and dbs.at["Europresse", "other_kinds"] == 13
    assert dbs.at["Factiva", "files"] == 1 and dbs.at["Factiva", "articles"] == 2
    sources = count_sources(corpus)
    assert list(sources["source_file"]) == ["europresse.html", "factiva.html", "2 fichiers d'un seul document"]
    # the outlets table counts press articles only: the 13 links are in the tables above
    assert count_documents(corpus)["total"].sum() == len(corpus.docs) - 13
