"""Exports to IRaMuTeQ and TXM, checked on real corpora and read back as those tools read them."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sinokaz_utils import export
from sinokaz_utils.cli import main
from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.export import (clean_iramuteq_body, export_units, format_iramuteq, read_iramuteq, write_iramuteq,
                                  write_txm)

STAR_LINE = re.compile(r"^\*\*\*\*( \*[A-Za-z0-9]+_[^\s*_]+)*$")
NAME = re.compile(r"^[A-Za-z0-9]+$")


@pytest.fixture(scope="module")
def seeds():
    return load_corpus()


@pytest.fixture(scope="module")
def dev(corpus_dev):
    return load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv")


@pytest.fixture(scope="module")
def press(shared_dir):
    folder = shared_dir / "corpus_press" / "raw"
    if not folder.is_dir():
        pytest.skip("../shared/corpus_press is absent")
    return load_corpus(folder, metadata=shared_dir / "corpus_press" / "metadata.csv")


def _check_iramuteq_file(path: Path, corpus, *, n_texts: int | None = None):
    """The file as IRaMuTeQ reads it: one well-formed star line per text, nothing IRaMuTeQ misreads."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").splitlines()
    stars = [line for line in lines if line.startswith("****")]
    for line in stars:
        assert STAR_LINE.match(line), line
    for line in lines:
        if not line.startswith("****") and not line.startswith("-*"):
            assert "*" not in line, line
            assert not re.search(r"(^|\s)_\S*_(\s|$)", line), line
    texts = read_iramuteq(path)
    assert len(texts) == len(stars) == (n_texts if n_texts is not None else len(corpus.documents()))
    for variables in texts["variables"]:
        for name, value in variables.items():
            assert NAME.match(name) and value and not re.search(r"[\s*_]", value), (name, value)
    return texts


def test_one_star_line_per_kept_document_of_the_bundled_corpus(seeds, tmp_path):
    path = write_iramuteq(export_units(seeds), tmp_path / "corpus.txt")
    texts = _check_iramuteq_file(path, seeds)
    kept = seeds.documents()
    assert [v["doc"] for v in texts["variables"]] == [export._slug(d) for d in kept["doc_id"]]
    assert list(texts["variables"][0]) == ["doc", "media", "annee", "mois"]
    # the curated outlet and the publication year (else the event's) of each article are its variables
    for variables, (_, doc) in zip(texts["variables"], kept.iterrows()):
        assert variables["media"] == export._slug(doc["outlet"])
        date = doc["published"] if doc["published"] == doc["published"] else doc["event_date"]
        assert variables["annee"] == (str(date.year) if date == date else "inconnu")
    # the body is the cleaned text, word for word
    for text, clean in zip(texts["text"], kept["text_clean"]):
        assert text.split() == clean_iramuteq_body(clean).split()


def test_corpus_dev_leaves_out_duplicates_and_keeps_every_word(dev, tmp_path):
    kept = dev.documents()
    assert len(kept) < len(dev.docs)  # syndicated copies are in the corpus
    path = write_iramuteq(export_units(dev, variables=["doc", "media", "annee", "mois", "date"]), tmp_path / "c.txt")
    texts = _check_iramuteq_file(path, dev)
    docs = [v["doc"] for v in texts["variables"]]
    dropped = dev.docs.loc[dev.docs["duplicate_of"].notna(), "doc_id"]
    assert not set(map(export._slug, dropped)) & set(docs)
    assert len(set(docs)) == len(docs)
    assert sum(len(t.split()) for t in texts["text"]) == sum(
        len(clean_iramuteq_body(t).split()) for t in kept["text_clean"])


def test_themes_mark_reported_speech_and_the_journalist_without_losing_words(dev, tmp_path):
    units = export_units(dev, variables=["doc", "pays"], voices=True)
    path = write_iramuteq(units, tmp_path / "voix.txt")
    texts = _check_iramuteq_file(path, dev)
    themes = {t for ts in texts["themes"] for t in ts}
    assert themes == {"-*voix_citation", "-*voix_journaliste"}
    # IRaMuTeQ reads each theme line alone: the body of a text is all its characters, in order
    # (a statement may end inside a run without blanks, as in «commun.“Peu»: a blank is added there)
    for text, clean in zip(texts["text"], dev.documents()["text_clean"]):
        assert "".join(text.split()) == "".join(clean_iramuteq_body(clean).split())
    # the quoted runs are the statements' words
    from sinokaz_utils.statements import extract_statements

    st = extract_statements(dev)
    doc_id = st["doc_id"].value_counts().index[0]
    quoted = " ".join(p for v, p in units.loc[units["doc_id"] == doc_id, "parts"].iloc[0] if v == "citation")
    for piece in st.loc[st["doc_id"] == doc_id, "text"]:
        for part in piece.split(" […] "):
            assert " ".join(part.split()) in " ".join(quoted.split())
    assert {v["pays"] for v in texts["variables"]} >= {"chine", "kazakhstan"}


def test_statement_units_carry_their_speaker(dev, tmp_path):
    units = export_units(dev, unit="statements", variables=["doc", "locuteur", "pays", "forme"])
    from sinokaz_utils.statements import extract_statements

    st = extract_statements(dev)
    st = st[st["doc_id"].isin(dev.documents()["doc_id"])]
    assert len(units) == len(st)
    assert set(units["forme"]) <= {"direct", "indirect"}
    path = write_iramuteq(units, tmp_path / "st.txt")
    texts = _check_iramuteq_file(path, dev, n_texts=len(units))
    assert {v["forme"] for v in texts["variables"]} <= {"direct", "indirect"}
    chinese = units[units["pays"] == "Chine"]
    assert len(chinese) and chinese["locuteur"].str.endswith("(Chine)").all()


def test_paragraph_units_are_the_lines_of_the_cleaned_text(seeds):
    units = export_units(seeds, unit="paragraphs", variables=["doc"])
    docs = seeds.documents().set_index("doc_id")
    assert len(units) == sum(sum(1 for line in t.split("\n") if line.strip()) for t in docs["text_clean"])
    for row in units.head(20).itertuples():
        assert docs.at[row.doc_id, "text_clean"][row.start:row.end] == row.text
    assert units["unit_id"].is_unique


def test_text_that_would_fool_iramuteq_is_neutralised(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "piege.txt").write_text(
        "Un titre_piège\n\n****Selon le ministre, la coopération entre la Chine et le Kazakhstan progresse.\n"
        "-*Le contrat vaut 5 $ et *beaucoup* plus, selon _source_ et des notes ***.\n", encoding="utf-8")
    corpus = load_corpus(folder, cache_dir=None)
    assert "\n****Selon" in corpus.docs["text_clean"].iloc[0]  # the cleaner keeps these lines
    path = write_iramuteq(export_units(corpus, variables=["doc", "titre"]), tmp_path / "c.txt")
    texts = _check_iramuteq_file(path, corpus)  # one text, not two
    assert texts["themes"].iloc[0] == []
    assert texts["text"].iloc[0] == ("Un titre piège Selon le ministre, la coopération entre la Chine et le Kazakhstan "
                                     "progresse. - Le contrat vaut 5 dollars et beaucoup plus, selon source et des notes .")
    assert texts["variables"].iloc[0]["titre"] == "un-titre-piege"


def test_bad_requests_are_refused_with_a_reason(seeds, tmp_path):
    with pytest.raises(ValueError, match="variable inconnue"):
        export_units(seeds, variables=["doc", "auteur"])
    with pytest.raises(ValueError, match="unité inconnue"):
        export_units(seeds, unit="phrases")
    with pytest.raises(ValueError, match="forme"):
        export_units(seeds, variables=["forme"])
    with pytest.raises(ValueError, match="une déclaration n'est que citation"):
        export_units(seeds, unit="statements", voices=True)
    with pytest.raises(ValueError, match="dossier"):
        write_iramuteq(export_units(seeds), tmp_path)
    with pytest.raises(ValueError, match="ligne 1"):
        (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf**** *a_b\ntexte\n")
        read_iramuteq(tmp_path / "bom.txt")
    (tmp_path / "early.txt").write_text("-*theme\n**** *a_b\ntexte\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ligne 1 : ligne thématique"):
        read_iramuteq(tmp_path / "early.txt")


def test_read_iramuteq_drops_empty_texts_as_iramuteq_does(tmp_path):
    (tmp_path / "c.txt").write_text("**** *a_1\n\n**** *a_2\n-*t_x\nun texte\nsur deux lignes\n", encoding="utf-8")
    texts = read_iramuteq(tmp_path / "c.txt")
    assert list(texts["variables"]) == [{"a": "2"}]
    assert texts["text"].iloc[0] == "un texte sur deux lignes" and texts["themes"].iloc[0] == ["-*t_x"]


def _check_txm_folder(folder: Path, units):
    with open(folder / "metadata.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=",", quotechar='"'))
    header, rows = rows[0], rows[1:]
    assert header[0] == "id" and all(re.fullmatch(r"[a-z0-9]+", h) for h in header)
    assert all(len(r) == len(header) for r in rows)
    ids = [r[0] for r in rows]
    assert len(set(ids)) == len(ids) == len(units)
    assert {p.stem for p in folder.glob("*.txt")} == set(ids)
    return header, rows


def test_txm_folder_has_one_text_per_id_and_valid_metadata(press, tmp_path):
    units = export_units(press, variables=["doc", "media", "date", "titre"])
    folder = write_txm(units, tmp_path / "txm")
    header, rows = _check_txm_folder(folder, units)
    assert header == ["id", "doc", "media", "date", "titre"]
    assert len(rows) == len(press.documents()) < len(press.docs)  # p014 = p017: one story, once
    by_doc = dict(zip(units["doc"], units["text"]))
    row = rows[0]
    text = (folder / f"{row[0]}.txt").read_text(encoding="utf-8")
    assert text.split() == by_doc[row[1]].split()
    assert {r[2] for r in rows} - {"inconnu"}  # the curated outlets


def test_txm_refuses_a_folder_it_did_not_write_and_replaces_its_own(seeds, tmp_path):
    target = tmp_path / "txm"
    target.mkdir()
    (target / "notes.txt").write_text("mes notes", encoding="utf-8")
    with pytest.raises(ValueError, match="pas vide"):
        write_txm(export_units(seeds), target)
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mes notes"
    other = tmp_path / "txm2"
    write_txm(export_units(seeds, unit="paragraphs"), other)
    units = export_units(seeds)
    write_txm(units, other)  # a new export replaces the paragraphs of the earlier one
    _check_txm_folder(other, units)
    with pytest.raises(ValueError, match="lignes thématiques"):
        write_txm(units.assign(parts=[[]] * len(units)), tmp_path / "txm3")


def test_same_corpus_same_bytes(seeds):
    units = export_units(seeds, unit="paragraphs", variables=["doc", "media", "mois"])
    assert format_iramuteq(units) == format_iramuteq(export_units(seeds, unit="paragraphs",
                                                                  variables=["doc", "media", "mois"]))


def test_the_export_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SINOKAZ_JOBS", "1")
    out = tmp_path / "corpus.txt"
    assert main(["export", "--to", "iramuteq", "-o", str(out), "--variables", "doc,media,annee",
                 "--cache-dir", str(tmp_path / "cache")]) == 0
    assert "5 textes écrits pour iramuteq (un par document)" in capsys.readouterr().err
    assert read_iramuteq(out)["variables"].map(len).eq(3).all()
    assert main(["export", "--to", "txm", "-o", str(tmp_path / "txm"), "--no-cache"]) == 0
    assert (tmp_path / "txm" / "metadata.csv").is_file()
    assert main(["export", "--to", "iramuteq", "-o", str(out), "--variables", "doc,age", "--no-cache"]) == 2
    assert "variable inconnue 'age'" in capsys.readouterr().err
