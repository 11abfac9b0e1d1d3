"""readings, tables, labels: what a reader reads is computed from the tables, in French, quotable.

Readings are checked against the tables they read on the bundled articles (no claim the table
does not hold: no peak from a tie, no trend from thin periods, the heads of state counted from
the roles); the who-said-what table and the concordance are checked on the seeds' statements;
the HTML tables must work offline and escape article text.
"""
from __future__ import annotations

import pandas as pd
import pytest

from sinokaz_utils import labels, readings, tables, timeline


@pytest.fixture(scope="module")
def seeds():
    from sinokaz_utils.corpus import load_corpus

    return load_corpus()


@pytest.fixture(scope="module")
def parts(seeds):
    from sinokaz_utils.nlp import tokenize_corpus
    from sinokaz_utils.statements import extract_statements

    return timeline.apply_dating(seeds.documents()), extract_statements(seeds), tokenize_corpus(seeds)


def test_numbers_and_values_are_written_in_french():
    assert labels.format_int(1234.0) == "1\u202f234" and labels.format_number(0.5) == "0,5"
    assert labels.format_percent(0.25) == "25\u202f%" and labels.count_noun(1, "article") == "1 article"
    assert labels.translate(labels.VOICES, "journalist") == "voix du journaliste"
    # a rule renamed in French in the lexicon (issue 13) keeps its own name
    assert labels.rule_label("photo_credit") == "crédit photo" and labels.rule_label("crédit photo") == "crédit photo"
    assert labels.outlet_label(None) == labels.outlet_label("inconnu") == "média inconnu"


def test_coverage_reading_never_makes_a_peak_of_a_tie_or_of_thin_periods(parts):
    docs, _, _ = parts
    table = timeline.count_articles(docs, period="Y", by=None)
    text = readings.read_coverage(table, min_documents=3)
    assert "ne réunit 3 articles" in text and "la plus fournie" not in text
    # with a minimum of 1 article, 2022 (two articles) is the one peak; 2018, 2020, 2024 tie below it
    assert "2022" in readings.read_coverage(table, min_documents=1)
    tie = table.assign(articles=[1 if a else 0 for a in table.articles])
    assert "Aucune période ne se détache" in readings.read_coverage(tie, min_documents=1)


def test_dating_note_counts_what_the_rule_did(parts):
    docs, _, _ = parts
    assert readings.dating_note(docs.attrs).startswith("5 articles datés (dont 2 par la date de l’événement")
    by_publication = timeline.apply_dating(docs, rule="publication")
    assert "2 articles non datés laissés de côté" in readings.dating_note(by_publication.attrs)


def test_meetings_reading_counts_heads_of_state_from_the_roles(parts):
    docs, _, _ = parts
    events = timeline.extract_events(docs)
    meetings = timeline.count_meetings(events)
    heads = int((meetings.china_role.eq("président") & meetings.kazakhstan_role.eq("président")).sum())
    assert heads == 2  # Xi–Nazarbaïev (2018), Xi–Tokaïev (2022); the others involve ministers or a vice-president
    assert f"{heads} réunissent les deux chefs d’État" in readings.read_events(events, meetings)


def test_who_said_what_is_french_and_points_to_its_article(parts):
    docs, statements, _ = parts
    who = tables.who_said_what(statements, docs)
    assert list(who.columns) == tables.STATEMENT_COLUMNS and len(who) == len(statements)
    assert set(who["forme"]) <= set(labels.STATEMENT_KINDS.values())
    assert set(who["type de locuteur"]) <= set(labels.SPEAKER_TYPES.values())
    assert who["date"].str.fullmatch(r"\d{4}-\d\d-\d\d").all()
    assert "média inconnu" in set(who["média"])  # two seeds have no outlet
    row = who[who["locuteur"] == "Xi Jinping"].iloc[0]
    article = docs.set_index("doc_id").loc[row["identifiant"]]
    assert row["article"] == article["title"] and row["déclaration"][:30] in " ".join(article["text_clean"].split())


def test_concordance_gives_each_line_its_voice_and_speaker(parts):
    docs, statements, tokens = parts
    kwic = tables.concordance(tokens, docs, ["trois forces du mal", "coopération"], statements=statements)
    assert list(kwic.columns) == tables.CONCORDANCE_COLUMNS and len(kwic) > 10
    assert set(kwic["voix"]) == {"discours rapporté", "voix du journaliste"}
    assert (kwic.loc[kwic["voix"] == "discours rapporté", "locuteur"] != "").all()
    assert (kwic.loc[kwic["voix"] == "voix du journaliste", "locuteur"] == "").all()
    first = kwic.iloc[0]
    assert first["tri gauche"].split()[0] == first["contexte gauche"].split()[-1]  # sorted from the term outwards


def test_tables_are_written_as_csv_and_offline_html_with_text_escaped(tmp_path):
    xss = '<script>alert("x")</script>'
    table = pd.DataFrame({"contexte gauche": [f"a {xss} b"], "terme": ["c"], "contexte droit": ["d"],
                          "tri gauche": ["b a"]})
    paths = tables.save_table(table, "tab01_concordance", caption="Démo", notebook="nb", out_dir=tmp_path)
    assert pd.read_csv(paths["csv"]).iloc[0]["contexte gauche"] == f"a {xss} b"
    page = paths["html"].read_text(encoding="utf-8")
    assert xss not in page and "&lt;script&gt;" in page
    assert "<script src=" not in page and 'href="http' not in page  # the library is inside the page
    assert "Rechercher" in page and '"orderData"' in page
    index = pd.read_csv(tmp_path / "index.csv")
    assert index.iloc[0]["figure"] == "tab01_concordance" and index.iloc[0]["status"] == "saved"
    with pytest.raises(ValueError, match="tab01"):
        tables.save_table(table, "concordance", caption="x", out_dir=tmp_path)
