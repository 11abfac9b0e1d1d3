"""readings, tables, labels: what a reader reads is computed from the tables, in French, quotable.

Readings are checked against the tables they read on the bundled articles (no claim the table
does not hold: no peak from a tie, no trend from thin periods, the heads of state counted from
the roles); the who-said-what table and the concordance are checked on the seeds' statements;
the HTML tables must work offline and escape article text.
"""
from __future__ import annotations

import re

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
    # the workbook a co-author opens: the same rows and French headers, without the sorting key
    book = pd.read_excel(paths["xlsx"], sheet_name="tableau")
    assert list(book.columns) == ["contexte gauche", "terme", "contexte droit"] and book.iloc[0]["terme"] == "c"
    page = paths["html"].read_text(encoding="utf-8")
    assert xss not in page and "&lt;script&gt;" in page
    assert "<script src=" not in page and 'href="http' not in page  # the library is inside the page
    assert "Rechercher" in page and '"orderData"' in page
    index = pd.read_csv(tmp_path / "index.csv")
    assert index.iloc[0]["figure"] == "tab01_concordance" and index.iloc[0]["status"] == "saved"
    with pytest.raises(ValueError, match="tab01"):
        tables.save_table(table, "concordance", caption="x", out_dir=tmp_path)


def test_small_shares_and_p_values_are_never_written_as_zero():
    assert labels.format_percent(0.003) == "0,3\u202f%" and labels.format_percent(0.0004) == "0,04\u202f%"
    assert labels.format_percent(0.00001) == "<\u202f0,01\u202f%" and labels.format_percent(0) == "0\u202f%"
    assert labels.format_percent(0.9996) != "100\u202f%" and labels.format_percent(1.0) == "100\u202f%"
    assert tables._format_p(0.0001) == "<\u202f0,001" and tables._format_p(0.0423) == "0,042"


def test_country_names_take_their_french_preposition():
    assert [labels.of_country(c) for c in ("Chine", "Kazakhstan", "Ouzbékistan", "États-Unis", "Russie")] == [
        "de Chine", "du Kazakhstan", "d'Ouzbékistan", "des États-Unis", "de Russie"]


def test_terms_are_written_as_the_lexicons_write_them():
    assert labels.term_label("xi jinping") == "Xi Jinping" and labels.term_label("cica") == "CICA"
    assert labels.term_label("organisation de coopération de shanghai") == "Organisation de coopération de Shanghai"
    assert labels.term_label("coopération") == "coopération" and labels.term_label(None) == ""


def test_tables_shown_have_french_headers_dates_and_no_row_numbers(parts):
    """The overview, coverage and keyness tables of the notebooks, as a reader sees them."""
    from sinokaz_utils import keywords
    from sinokaz_utils.corpus import load_corpus
    from sinokaz_utils.overview import count_databases, count_sources

    docs, _, tokens = parts
    corpus = load_corpus()
    shown = [tables.format_table(count_databases(corpus)), tables.format_table(count_sources(corpus)),
             tables.format_table(timeline.count_articles(docs, period="Y", by="outlet")),
             tables.format_table(keywords.compare_keyness(tokens, docs, by="period", min_count=2).head(5), digits=3),
             tables.format_table(timeline.summarize_dating(docs).pivot_table(index="label", columns="date",
                                                                            values="documents", sort=False))]
    for styler in shown:
        page = styler.to_html()
        headers = re.findall(r'<th[^>]*class="(?:col_heading|index_name)[^"]*"[^>]*>([^<]*)</th>', page)
        assert headers and not [h for h in headers if re.fullmatch(r"[a-z]+(?:_[a-z]+)+", h.strip())], headers
        assert not {h.strip() for h in headers} & {"database", "files", "publication", "event", "period", "voice", "node"}
        assert "00:00:00" not in page
        rows = re.findall(r'<th[^>]*class="row_heading[^"]*"[^>]*>([^<]*)</th>', page)
        assert not [r for r in rows if r.strip().isdigit()]  # row numbers 0, 1, 2… say nothing a reader could quote
    # the documents of an export and its press articles are two columns, not one under the other's name
    databases = tables.format_table(count_databases(corpus)).to_html()
    assert ">documents<" in databases and ">articles<" in databases
    assert tables.format_table(pd.DataFrame({"outlet": [None], "p": [0.00001]})).to_html().count("média inconnu") == 1


def test_keyness_readings_name_countries_speakers_and_periods_in_french(parts):
    from sinokaz_utils import keywords, speakers

    docs, statements, tokens = parts
    st = speakers.label_speakers(statements)
    by_country = speakers.speaker_keyness(tokens, st[st.speaker_type == "person"], by="country", min_count=2)
    text = readings.read_keyness(by_country, "Kazakhstan", by="country")
    assert "par les locuteurs du Kazakhstan" in text and "face aux autres locuteurs" in text
    assert "par Kazakhstan" not in text
    by_period = keywords.compare_keyness(tokens, docs, by="period", min_count=2)
    sizes = keywords.documents_per_group(docs, by="period")
    text = readings.read_keyness(by_period, "2022", by="period", documents=sizes)
    assert "en 2022 face aux autres périodes" in text and "ne repose que sur 2 articles" in text


def test_speakers_without_a_country_are_named_without_one_and_the_reading_says_so(parts):
    from sinokaz_utils import speakers

    docs, statements, tokens = parts
    st = speakers.label_speakers(statements)
    assert (st.loc[st.country_name == "Chine", "speaker_label"].str.endswith("(Chine)")).all()
    assert not st.loc[st.country_name == labels.NO_COUNTRY, "speaker_label"].str.contains("sans pays").any()
    persons = st[st.speaker_type == "person"]
    quotes = speakers.count_quotes(persons, tokens)
    assert "Aucun locuteur cité n’est rattaché" not in readings.read_quotes(
        quotes, speakers.count_quotes(persons, tokens, by="country"))
    # the same speakers, none of them Chinese or Kazakh (a corpus on another subject)
    elsewhere = persons.assign(country=None)
    elsewhere = speakers.label_speakers(elsewhere)
    text = readings.read_quotes(speakers.count_quotes(elsewhere, tokens),
                                speakers.count_quotes(elsewhere, tokens, by="country"))
    assert "Aucun locuteur cité n’est rattaché à la Chine ni au Kazakhstan" in text and "Part des mots" not in text


# --------------------------------------------------------------------------- counts that agree (0, 1, 2)

@pytest.fixture(scope="module")
def small_corpora(tmp_path_factory):
    """Corpora of one and two seeds, each with its rows of data/metadata.csv (as a researcher would start)."""
    import csv
    import shutil

    from sinokaz_utils.config import METADATA_FILE, RAW_DIR
    from sinokaz_utils.corpus import load_corpus

    with open(METADATA_FILE, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows, fields = list(reader), reader.fieldnames
    out = {}
    for n, ids in {1: ["003_280498be22c27ec9"], 2: ["003_280498be22c27ec9", "000_2fa27e3e7f02c325"]}.items():
        folder = tmp_path_factory.mktemp(f"seeds{n}")
        for i in ids:
            shutil.copy(RAW_DIR / f"{i}.txt", folder / f"{i}.txt")
        with open(folder.parent / f"metadata{n}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(r for r in rows if r["doc_id"] in ids)
        out[n] = load_corpus(folder, metadata=folder.parent / f"metadata{n}.csv")
    return out


def _readings_of(corpus) -> dict[str, str]:
    from sinokaz_utils import overview
    from sinokaz_utils.nlp import tokenize_corpus

    docs = timeline.apply_dating(corpus.documents())
    undated = timeline.apply_dating(corpus.documents(), rule="publication")
    events = timeline.extract_events(docs)
    return {
        "outlets": readings.read_outlets(overview.count_documents(corpus)),
        "dating": readings.read_dating(timeline.summarize_dating(docs)),
        "note": readings.dating_note(docs.attrs), "note_publication": readings.dating_note(undated.attrs),
        "coverage": readings.read_coverage(timeline.count_articles(docs, period="Y", by=None)),
        "cleaning": readings.read_cleaning(overview.summarize_cleaning(corpus)),
        "lengths": readings.read_lengths(overview.describe_lengths(corpus, tokens=tokenize_corpus(corpus))),
        "events": readings.read_events(events, timeline.count_meetings(events)),
    }


def test_counts_agree_with_their_noun_and_participle_for_one_and_two_articles(small_corpora):
    from french import find_disagreements

    one, two = _readings_of(small_corpora[1]), _readings_of(small_corpora[2])
    for text in [*one.values(), *two.values()]:
        assert not find_disagreements(text), f"{find_disagreements(text)} in: {text}"
    # 003 has its publication date in the metadata; 000 only the date of the event it reports
    assert one["outlets"].startswith("1 article chargé") and ", 1 analysé, de 1 média identifié." in one["outlets"]
    assert one["dating"].startswith("Sur 1 article, 1 a une date de publication (1 vérifiée")
    assert one["note"] == "1 article daté ; aucun article non daté."
    assert one["coverage"].startswith("1 article daté sur 1 année") and "ne réunit 3 articles" in one["coverage"]
    assert one["lengths"].endswith("sur 1 article).") and one["cleaning"] == "Le nettoyage n’a retiré aucune ligne."
    assert ", 2 analysés, de 2 médias identifiés." in two["outlets"]
    assert two["dating"].startswith("Sur 2 articles, 1 a une date de publication (1 vérifiée")
    assert two["note"].startswith("2 articles datés (dont 1 par la date de l’événement")
    assert two["note_publication"] == "1 article daté ; 1 article non daté laissé de côté."
    assert two["cleaning"].startswith("3 lignes retirées par 3 règles")


def test_counts_of_zero_take_the_singular(parts):
    from french import find_disagreements
    from sinokaz_utils import keywords

    docs, _, _ = parts
    nothing = docs.iloc[:0]
    assert readings.dating_note(timeline.apply_dating(nothing).attrs) == "0 article daté ; aucun article non daté."
    dating = timeline.summarize_dating(timeline.apply_dating(nothing))
    assert readings.read_dating(dating).startswith("Sur 0 article, 0 a une date de publication")
    # the seeds grouped by a period that holds no article: nothing to compare
    by_year = keywords.documents_per_group(docs, by="period")
    assert readings.describe_groups([], documents=by_year, grouping="par période") == "0 groupe comparé (par période)."
    groups = readings.describe_groups(sorted(by_year), documents=by_year, grouping="par période")
    assert groups.startswith(f"{len(by_year)} groupes comparés (par période) : 2018 (1 article)")
    assert "2022 (2 articles)" in groups and not find_disagreements(groups)
    assert labels.count_noun(0, "article daté", "articles datés") == "0 article daté"
    assert (labels.agree(0, "a", "ont"), labels.agree(1, "analysé"), labels.agree(2, "analysé")) == ("a", "analysé", "analysés")


def test_a_corpus_of_one_outlet_is_said_to_compare_none(shared_dir, tmp_path):
    # the Factiva export: 40 articles of Le Figaro; « le plus représenté … 100 % » said nothing
    import shutil

    from sinokaz_utils.corpus import load_corpus
    from sinokaz_utils.overview import count_documents

    export = shared_dir / "exports" / "factiva" / "Factiva.htm"
    if not export.exists():
        pytest.skip("export Factiva absent")
    shutil.copy(export, tmp_path / export.name)
    text = readings.read_outlets(count_documents(load_corpus(tmp_path, cache_dir=None)))
    assert "Le seul média identifié est Le Figaro (40 articles analysés) : ce corpus ne compare pas de médias." in text
    assert "Le plus représenté" not in text
