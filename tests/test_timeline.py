"""timeline: coverage counts, dating provenance, events from the seeds' leads, milestones."""
from __future__ import annotations

import pandas as pd
import pytest

from sinokaz_utils import timeline as tl


@pytest.fixture(scope="module")
def seeds():
    from sinokaz_utils.corpus import load_corpus

    return load_corpus().documents()


@pytest.fixture(scope="module")
def seeds_without_metadata(tmp_path_factory):
    """The seeds with dates extracted from the text alone (no curated metadata)."""
    import shutil

    from sinokaz_utils.config import RAW_DIR
    from sinokaz_utils.corpus import load_corpus

    folder = tmp_path_factory.mktemp("raw")
    for p in RAW_DIR.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    return load_corpus(folder, cache_dir=None).documents()


def test_classify_date_source_vocabulary_of_the_corpus_layer():
    assert tl.classify_date_source("text") == "stated"
    assert tl.classify_date_source("dateline") == "stated"
    assert tl.classify_date_source("url") == "stated"
    assert tl.classify_date_source("text+dateline") == "inferred"
    assert tl.classify_date_source("text+url", which="publication") == "stated"
    assert tl.classify_date_source("metadata") == "curated"
    assert tl.classify_date_source(None) == "unknown"


def test_curated_dates_of_the_bundled_corpus(seeds):
    dated = tl.date_documents(seeds).set_index("doc_id")
    gold = pd.read_csv(tl.EVENTS_FILE.parent / "metadata.csv", dtype=str).set_index("doc_id")
    for doc_id, row in dated.iterrows():
        if isinstance(gold.at[doc_id, "event_date"], str):
            assert row.event_date == pd.Timestamp(gold.at[doc_id, "event_date"])
            assert row.event_kind == "curated"
    assert dated["date"].notna().all()  # every seed has an event date


def test_dates_without_metadata_are_stated_or_inferred(seeds_without_metadata, shared_dir):
    gold = pd.read_csv(shared_dir / "gold" / "seeds" / "documents.csv", dtype=str).set_index("doc_id")
    dated = tl.date_documents(seeds_without_metadata).set_index("doc_id")
    # 001: "2018-06-08 10:20:25" stamp in the text; the lead's "jeudi" gives the event 2018-06-07
    assert dated.at["001_7838cbda7f5bb796", "published"] == pd.Timestamp(gold.at["001_7838cbda7f5bb796", "published"])
    assert dated.at["001_7838cbda7f5bb796", "published_kind"] == "stated"
    assert dated.at["001_7838cbda7f5bb796", "event_date"] == pd.Timestamp("2018-06-07")
    assert dated.at["001_7838cbda7f5bb796", "event_kind"] == "inferred"
    summary = tl.summarize_dating(seeds_without_metadata)
    assert summary.groupby("date").documents.sum().eq(len(seeds_without_metadata)).all()
    assert set(summary.kind) == set(tl.DATE_KINDS)


def test_one_dating_rule_places_every_article_once(seeds):
    by_publication = tl.apply_dating(seeds, rule="publication")
    fallback = tl.apply_dating(seeds, rule="publication_or_event")
    n_published = int(seeds.published.notna().sum())
    assert 0 < n_published < len(seeds)  # two seeds have no publication date, only an event date
    assert by_publication.attrs["undated"] == len(seeds) - n_published and by_publication.attrs["from_event"] == 0
    assert fallback.attrs["undated"] == 0 and fallback.attrs["from_event"] == len(seeds) - n_published
    # the fallback never moves an article that has a publication date
    pub = fallback[fallback.date_basis == "publication"]
    assert (pub.date == pub.published).all()
    ev = fallback[fallback.date_basis == "event"]
    assert (ev.date == ev.event_date).all() and ev.published.isna().all()
    # every time count follows it: coverage, selection by period
    assert tl.count_articles(seeds, period="Y", by=None, rule="publication").articles.sum() == n_published
    assert tl.count_articles(seeds, period="Y", by=None, rule="publication_or_event").articles.sum() == len(seeds)
    assert len(tl.select_period(seeds, ("2022-01-01", None), rule="publication")) == int(
        (seeds.published >= "2022-01-01").sum())
    with pytest.raises(ValueError, match="DATING"):
        tl.apply_dating(seeds, rule="event")


def test_keyword_periods_follow_the_dating_rule(seeds):
    from sinokaz_utils.keywords import assign_periods

    for rule in ("publication", "publication_or_event"):
        dated = tl.apply_dating(seeds, rule=rule)
        periods = assign_periods(dated, period="Y", date_column="date")
        assert periods.isna().sum() == dated.attrs["undated"]


def test_count_articles_fills_gaps_and_normalises_by_outlet_total(seeds):
    table = tl.count_articles(seeds, period="Y", by="outlet", rule="publication")
    dated = seeds.published.notna().sum()
    assert table.articles.sum() == dated
    assert table.attrs["undated"] == len(seeds) - dated
    assert "média inconnu" in set(table.group) and "inconnu" not in set(table.group)
    years = sorted({d.year for d in table.period_start})
    assert years == list(range(min(years), max(years) + 1))  # empty years listed with 0
    assert table.per_1000.isna().all()  # no outlet_total in the bundled metadata
    with_totals = seeds.assign(outlet_total=[2000, 500, 1000, 4000, 100][: len(seeds)])
    norm = tl.count_articles(with_totals, period="Y", by="outlet")
    row = norm[norm.articles > 0].iloc[0]
    assert row.per_1000 == pytest.approx(row.articles / row.outlet_total * 1000)


def test_count_articles_auto_period_and_range(seeds):
    table = tl.count_articles(seeds, period="auto", by=None)
    assert table.attrs["period"] in {"M", "Q", "Y"}
    ranged = tl.count_articles(seeds, period="Y", by=None, date_range=("2020-01-01", None))
    assert ranged.period_start.min() >= pd.Timestamp("2020-01-01")
    assert tl.count_articles(seeds.iloc[0:0], period="Y").empty


def test_milestones_have_sources_and_the_required_dates():
    ms = tl.read_milestones()
    dates = set(ms.date.dt.strftime("%Y-%m-%d"))
    assert {"2013-09-07", "2019-03-20", "2019-09-11", "2022-09-14", "2023-05-18"} <= dates
    assert ms.source.str.len().gt(10).all()
    assert ms.date.is_monotonic_increasing


def test_milestones_without_source_are_refused(tmp_path):
    bad = tmp_path / "events.csv"
    bad.write_text("date,label,source\n2013-09-07,Astana speech,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="events.csv, ligne 2 : chaque jalon demande une source"):
        tl.read_milestones(bad)


def test_classify_event_on_real_leads(seeds):
    leads = {d: tl.split_lead(t, ti) for d, t, ti in zip(seeds.doc_id, seeds.text_clean, seeds.title)}
    assert tl.classify_event(leads["001_7838cbda7f5bb796"]) == "talks"  # "s'est entretenu avec"
    assert tl.classify_event(leads["000_2fa27e3e7f02c325"]) == "state_visit"  # "lors de la visite d'Etat"
    assert tl.classify_event("La Chine et le Kazakhstan tiennent leur premier dialogue stratégique") == "strategic_dialogue"


def test_extract_events_from_the_seeds(seeds):
    events = tl.extract_events(seeds).set_index("doc_id")
    assert len(events) == 5
    e = events.loc["001_7838cbda7f5bb796"]
    assert (e.date, e.china_actors, e.kazakhstan_actors, e.place) == (
        pd.Timestamp("2018-06-07"), "Xi Jinping", "Noursoultan Nazarbaïev", "Beijing")
    # the 2022 state visit: the lead names Xi only; his host is named in the body
    e = events.loc["000_2fa27e3e7f02c325"]
    assert e.type == "state_visit" and e.kazakhstan_actors == "Kassym-Jomart Tokaïev"
    # places under their one name: the seeds' "Noursoultan" and "Astana" are one city
    assert set(events.place.dropna()) == {"Astana", "Beijing"}
    e = events.loc["003_280498be22c27ec9"]
    assert e.type == "strategic_dialogue" and e.china_actors == "Wang Yi" and "Nourtl" in e.kazakhstan_actors
    # "le vice-président chinois Wang Qishan a rencontré le président kazakh Kassym-Jomart Tokayev"
    e = events.loc["004_2217755a5c87da5a"]
    assert e.type == "meeting" and e.china_actors == "Wang Qishan" and e.kazakhstan_actors == "Kassym-Jomart Tokaïev"
    # Xi Jinping, named further down (a message he sent), did not meet anyone in this event
    assert "Xi Jinping" not in e.china_actors


def test_no_sino_kazakh_meeting_in_a_press_export_on_another_subject(shared_dir, tmp_path_factory):
    """305 French press articles on an astronaut: « rencontre », « sommet », « entretiens » abound,
    but no Chinese or Kazakh actor takes part, so no meeting is drawn on the China–Kazakhstan lanes."""
    import shutil

    from sinokaz_utils.corpus import load_corpus

    export = shared_dir / "exports" / "europresse" / "pesquet_19-11-21_a_26-10-23.HTML"
    if not export.exists():
        pytest.skip("export Europresse absent")
    folder = tmp_path_factory.mktemp("pesquet")
    shutil.copy(export, folder / export.name)
    docs = load_corpus(folder, cache_dir=None).documents()
    assert len(docs) > 150  # 197 articles once copies and agendas are set apart
    assert tl.classify_event("Thomas Pesquet a rencontré les élèves du collège") is not None  # the words are there
    assert tl.extract_events(docs).empty


def test_milestones_name_places_as_the_events_do():
    places = set(tl.read_milestones()["place"]) - {""}
    assert "Noursoultan" not in places and "Astana" in places


def test_places_are_read_through_their_aliases():
    assert tl.canonical_place("Nour-Soultan") == tl.canonical_place("NUR-SULTAN") == "Astana"
    assert tl.canonical_place("Alma-Ata") == "Almaty" and tl.canonical_place("Xi’an") == "Xi'an"
    assert tl.canonical_place(None) is None and tl.canonical_place("Genève") == "Genève"


def test_count_meetings(seeds):
    meetings = tl.count_meetings(tl.extract_events(seeds))
    pairs = set(zip(meetings.china_actor, meetings.kazakhstan_actor))
    assert ("Xi Jinping", "Noursoultan Nazarbaïev") in pairs
    assert ("Wang Yi", "Kassym-Jomart Tokaïev") in pairs
    assert meetings.events.sum() >= 4


def test_undated_articles_of_corpus_dev_are_listed(corpus_dev):
    from sinokaz_utils.corpus import load_corpus

    docs = load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv").documents()
    undated = tl.list_undated(docs)
    dated = tl.date_documents(docs)
    assert len(undated) == dated.date.isna().sum() > 0
    assert set(undated.doc_id) <= set(docs.doc_id)
    events = tl.extract_events(docs)
    assert len(events) >= 10 and events.date.notna().sum() >= 5
