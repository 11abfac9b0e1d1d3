"""load_corpus: sources, curated metadata, bad inputs, the cache, and raw files left untouched."""
from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from sinokaz_utils import corpus as corpus_mod
from sinokaz_utils.cache import hash_file
from sinokaz_utils.config import METADATA_FILE
from sinokaz_utils.corpus import DOC_COLUMNS, TABLE_COLUMNS, documents_table, load_corpus, read_metadata
from sinokaz_utils.labels import SinokazWarning

SEED_003 = "003_280498be22c27ec9"


@pytest.fixture()
def raw_copy(tmp_path, raw_dir):
    """A copy of the bundled corpus without its metadata."""
    dst = tmp_path / "raw"
    shutil.copytree(raw_dir, dst)
    return dst


def test_default_corpus_with_curated_metadata():
    c = load_corpus(cache_dir=None)
    assert list(c.docs.columns) == DOC_COLUMNS and len(c.docs) == 5 and c.skipped.empty
    d = c.docs.set_index("doc_id")
    assert d.at["002_d2da79301447a48e", "published"] == pd.Timestamp("2020-09-14")
    assert d.at["002_d2da79301447a48e", "published_source"] == "metadata"
    assert d.at["000_2fa27e3e7f02c325", "event_date"] == pd.Timestamp("2022-09-14")
    assert d.at["003_280498be22c27ec9", "outlet"] == "Xinhua"
    assert d.at["003_280498be22c27ec9", "outlet_source"] == "metadata"
    assert (d["language"] == "fr").all() and d["duplicate_of"].isna().all()
    assert c.documents().shape[0] == 5


def test_without_metadata_extraction_stands_alone(raw_copy):
    c = load_corpus(raw_copy, cache_dir=None)
    d = c.docs.set_index("doc_id")
    assert d.at["001_7838cbda7f5bb796", "published"] == pd.Timestamp("2018-06-08")
    assert d.at["001_7838cbda7f5bb796", "published_source"] == "text"
    assert d.at["001_7838cbda7f5bb796", "event_date"] == pd.Timestamp("2018-06-07")
    assert pd.isna(d.at["002_d2da79301447a48e", "published"])
    assert d.at["002_d2da79301447a48e", "published_partial"] == "--09-14"
    assert d.at["002_d2da79301447a48e", "title_derived"]


def test_curated_published_date_resolves_the_event_weekday(raw_copy):
    meta = raw_copy / "metadata.csv"
    meta.write_text("doc_id,published\n002_d2da79301447a48e,2020-09-14\n", encoding="utf-8")
    d = load_corpus(raw_copy, cache_dir=None).docs.set_index("doc_id")
    assert d.at["002_d2da79301447a48e", "event_date"] == pd.Timestamp("2020-09-12")
    assert d.at["002_d2da79301447a48e", "event_date_source"] == "text+metadata"


def test_raw_files_are_never_written(raw_dir, tmp_path):
    before = {p.name: (hash_file(p), p.stat().st_mtime_ns) for p in raw_dir.iterdir()}
    load_corpus(cache_dir=tmp_path / "cache")
    load_corpus(cache_dir=tmp_path / "cache")
    after = {p.name: (hash_file(p), p.stat().st_mtime_ns) for p in raw_dir.iterdir()}
    assert after == before


def test_bad_inputs_are_loaded_or_skipped_with_a_reason(tmp_path, raw_dir, capsys):
    root = tmp_path / "corpus"
    root.mkdir()
    text = (raw_dir / f"{SEED_003}.txt").read_text(encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text(" \n\n", encoding="utf-8")
    (root / "archive.txt").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00" + bytes(range(200)))
    (root / "scan.txt").write_bytes(b"%PDF-1.5\n%\xb5\xed\xae\xfb\n")
    (root / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (root / "utf16.txt").write_bytes(text.encode("utf-16"))
    (root / "debris.txt").write_text("Partager\nA lire également\nArticles les plus lus\n", encoding="utf-8")
    (root / "page.html").write_text(
        "<html><head><script>track()</script></head><body><nav>Page d'accueil &gt;&gt; Chine</nav><article><h1>"
        + text.split("\n")[0] + "</h1>" + "".join(f"<p>{p}</p>" for p in text.split("\n")[1:] if p)
        + "</article><script>alert(1)</script></body></html>", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text(text, encoding="utf-8")
    os.symlink(outside, root / "link.txt")
    c = load_corpus(root, cache_dir=None)
    assert sorted(c.docs["doc_id"]) == ["cp1252", "page", "utf16"]
    reasons = dict(zip(c.skipped["path"].map(os.path.basename), c.skipped["reason"]))
    # bytes of a PDF behind a .txt name go to the PDF reader, which says what is wrong with them
    assert reasons.pop("scan.txt").startswith("fichier binaire (document PDF) illisible (")
    assert reasons == {
        "empty.txt": "fichier vide", "blank.txt": "vide (rien que des espaces)",
        "archive.txt": "fichier binaire (archive gzip)",
        "debris.txt": "aucun contenu après nettoyage",
        "link.txt": "lien symbolique vers l'extérieur du dossier du corpus (non suivi)",
    }
    err = capsys.readouterr().err
    for path, reason in zip(c.skipped["path"], c.skipped["reason"]):
        assert f"ignoré : {path} : {reason}" in err
    # the three readable copies are one story: counted once
    assert c.docs["duplicate_of"].notna().sum() == 2
    assert len(c.documents()) == 1


def test_nothing_loads_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(ValueError, match="aucun document n'a pu être chargé"):
        load_corpus(tmp_path, cache_dir=None)
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "missing", cache_dir=None)


@pytest.mark.parametrize("content, message", [
    ("doc_id,published\n002_d2da79301447a48e,2020-09-14\n003_280498be22c27ec9,2024-03-30,extra\n", r"ligne 3 : 2 champs attendus"),
    ("id,published\nx,2020-01-01\n", r"ligne 1 : pas de colonne 'doc_id'"),
    ("doc_id,published\n002_d2da79301447a48e,2020-09-14\n002_d2da79301447a48e,2020-09-15\n", r"ligne 3 : doc_id .* déjà donné ligne 2"),
    ('doc_id,source\n002_d2da79301447a48e,"unclosed\n', r"ligne \d+ : CSV mal formé"),
])
def test_malformed_metadata_is_one_clear_error(raw_copy, content, message):
    meta = raw_copy.parent / "meta.csv"
    meta.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as exc:
        load_corpus(raw_copy, metadata=meta, cache_dir=None)
    assert str(meta) in str(exc.value)


def test_metadata_rows_for_unknown_or_outside_documents_are_reported(raw_copy):
    meta = raw_copy.parent / "meta.csv"
    meta.write_text("doc_id,published,event_date\n"
                    "002_d2da79301447a48e,2020-09-14,\n"
                    "nope,2020-01-01,\n"
                    "../secret,2020-01-01,\n"
                    "003_280498be22c27ec9,2024-02-31,2024-03-29\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"métadonnées : .*meta.csv, ligne 3 : nope : document inconnu"):
        c = load_corpus(raw_copy, metadata=meta, cache_dir=None)
    issues = c.metadata_issues.set_index("line")["problem"].to_dict()
    assert issues[3] == "document inconnu (ligne ignorée)"
    assert issues[4] == "chemin hors du corpus (ligne ignorée)"
    assert issues[5] == "date invalide dans la colonne published : '2024-02-31' (ignorée)"
    d = c.docs.set_index("doc_id")
    assert d.at["002_d2da79301447a48e", "published"] == pd.Timestamp("2020-09-14")
    assert pd.isna(d.at["003_280498be22c27ec9", "published"])  # the invalid date is ignored, not coerced
    assert d.at["003_280498be22c27ec9", "event_date"] == pd.Timestamp("2024-03-29")


def test_bundled_metadata_is_valid():
    meta, issues = read_metadata(METADATA_FILE)
    assert issues.empty and len(meta) == 5 and meta["source"].str.len().gt(20).all()


def test_cache_hit_reads_no_text_and_changes_rebuild(raw_copy, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    first = load_corpus(raw_copy, cache_dir=cache_dir)

    def refuse(*args, **kwargs):
        raise AssertionError("a cache hit must not read articles")

    monkeypatch.setattr(corpus_mod, "read_documents", refuse)
    second = load_corpus(raw_copy, cache_dir=cache_dir)
    pd.testing.assert_frame_equal(first.docs, second.docs)
    assert first.fingerprint == second.fingerprint
    monkeypatch.undo()
    path = raw_copy / f"{SEED_003}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nLes deux parties ont signé un accord.\n", encoding="utf-8")
    third = load_corpus(raw_copy, cache_dir=cache_dir)
    assert third.fingerprint != first.fingerprint
    assert third.docs.set_index("doc_id").at[SEED_003, "text_clean"].endswith("Les deux parties ont signé un accord.")


def test_table_source_with_urls(tmp_path, raw_dir):
    rows = [{"doc_id": p.stem, "text": p.read_text(encoding="utf-8"),
             "url": "http://french.peopledaily.com.cn/Chine/n3/2020/0914/c31354-9760000.html" if p.stem.startswith("002") else ""}
            for p in sorted(raw_dir.glob("*.txt"))]
    path = tmp_path / "articles.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    c = load_corpus(path, cache_dir=None)
    d = c.docs.set_index("doc_id")
    assert len(d) == 5
    assert d.at["002_d2da79301447a48e", "published"] == pd.Timestamp("2020-09-14")
    assert d.at["002_d2da79301447a48e", "event_date"] == pd.Timestamp("2020-09-12")


def test_documents_table_and_language_filter(tmp_path, raw_dir):
    root = tmp_path / "c"
    root.mkdir()
    shutil.copy(raw_dir / f"{SEED_003}.txt", root / "fr.txt")
    # a real German caption line of corpus_dev a027, repeated as a short German text
    de = ("Xi Jinping nimmt am 2. Gipfeltreffen zwischen China und Zentralasien in Kasachstan teil, um strategische "
          "Kooperation und Partnerschaft zu stärken.")
    (root / "de.txt").write_text(de + "\n", encoding="utf-8")
    c = load_corpus(root, cache_dir=None)
    assert set(c.docs["language"]) == {"fr", "de"}
    assert list(c.documents()["doc_id"]) == ["fr"]
    assert len(c.documents(language=None)) == 2
    table = documents_table(c)
    assert list(table.columns) == TABLE_COLUMNS
    row = table.set_index("doc_id").loc["fr"]
    assert row["text"] == c.docs.set_index("doc_id").at["fr", "text_clean"]


def test_two_files_with_one_stem_both_load(tmp_path, raw_dir):
    root = tmp_path / "c"
    root.mkdir()
    shutil.copy(raw_dir / f"{SEED_003}.txt", root / "visite.txt")
    html = "<html><body><article><h1>Visite</h1>" + "".join(
        f"<p>{p}</p>" for p in (raw_dir / "000_2fa27e3e7f02c325.txt").read_text(encoding="utf-8").split("\n") if p) \
        + "</article></body></html>"
    (root / "visite.html").write_text(html, encoding="utf-8")
    shutil.copy(raw_dir / "002_d2da79301447a48e.txt", root / "seul.txt")
    (root / "metadata.csv").write_text("doc_id,published\nvisite,2024-03-30\nvisite.txt,2024-03-30\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="ambigu : plusieurs fichiers portent ce nom"):
        c = load_corpus(root, cache_dir=None)
    d = c.docs.set_index("doc_id")
    assert sorted(d.index) == ["seul", "visite.html", "visite.txt"]
    assert d.at["visite.txt", "published"] == pd.Timestamp("2024-03-30")
    assert d.at["visite.txt", "source_file"] == "visite.txt" and d.at["visite.html", "source_file"] == "visite.html"
    [problem] = c.metadata_issues.loc[c.metadata_issues["doc_id"] == "visite", "problem"]
    assert "visite.html, visite.txt" in problem


def test_doc_id_bases_never_collide():
    root = Path("c")
    files = [root / n for n in ("a.txt", "a.md", "a.txt.md", "b/a.txt", "b/a", "x.y.txt")]
    bases = corpus_mod.doc_id_bases(files, root)
    assert len(set(bases.values())) == len(files)
    assert bases[root / "x.y.txt"] == "x.y" and bases[root / "b/a.txt"] == "b/a.txt"


def test_day_first_dates_in_a_comma_sheet_are_reported_with_the_reason(raw_copy):
    meta = raw_copy.parent / "meta.csv"
    meta.write_text("doc_id,published\n002_d2da79301447a48e,14/09/2020\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="dates ISO"):
        c = load_corpus(raw_copy, metadata=meta, cache_dir=None)
    assert pd.isna(c.docs.set_index("doc_id").at["002_d2da79301447a48e", "published"])
    semicolon = raw_copy.parent / "meta_fr.csv"
    semicolon.write_bytes("doc_id;published;outlet\r\n002_d2da79301447a48e;14/09/2020;Quotidien du Peuple\r\n"
                          .encode("cp1252"))
    d = load_corpus(raw_copy, metadata=semicolon, cache_dir=None).docs.set_index("doc_id")
    assert d.at["002_d2da79301447a48e", "published"] == pd.Timestamp("2020-09-14")


def test_source_columns_and_kinds_in_the_documents_table(raw_dir):
    c = load_corpus(cache_dir=None)
    table = documents_table(c)
    assert set(corpus_mod.SOURCE_COLUMNS) <= set(table.columns)
    assert (table["kind"] == "article").all() and table["database"].isna().all()
    assert table["encoding"].eq("utf_8").all() and table["source_file"].str.endswith(".txt").all()
    assert len(c.documents(kind=None)) == len(c.documents())


def test_metadata_warnings_read_as_one_french_line(raw_copy):
    """In a notebook, a metadata problem shows as « avertissement : métadonnées : … », without the
    Python file, line and class name that Python's own format puts before it."""
    meta = raw_copy.parent / "meta.csv"
    meta.write_text("doc_id,published\nnope,2020-01-01\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_corpus(raw_copy, metadata=meta, cache_dir=None)
    [w] = caught
    assert issubclass(w.category, SinokazWarning)
    shown = warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line)
    assert shown == f"avertissement : métadonnées : {meta}, ligne 2 : nope : document inconnu (ligne ignorée)\n"
    # a warning of another library is shown as Python shows it
    other = warnings.formatwarning("x", DeprecationWarning, "lib.py", 3)
    assert other.startswith("lib.py:3: DeprecationWarning: x")


def test_no_article_of_the_development_corpora_is_taken_for_a_schedule(shared_dir):
    # is_listing's thresholds were set on the Europresse export; these articles must all stay articles
    from sinokaz_utils.corpus import ARTICLE_KIND

    assert load_corpus().docs["kind"].eq(ARTICLE_KIND).all()
    for name, meta in (("corpus_dev", "urls.csv"), ("corpus_press", "metadata.csv")):
        folder = shared_dir / name
        if not (folder / "raw").is_dir():
            pytest.skip(f"../shared/{name} is absent")
        assert load_corpus(folder / "raw", metadata=folder / meta).docs["kind"].eq(ARTICLE_KIND).all(), name
