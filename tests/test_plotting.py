"""plotting: the house style, save_figure's files and index, and each plot function's structure.

Structure, not pixels: axes labelled, artists present, China and Kazakhstan in their colours,
French month names on time axes, identical SVG/PDF bytes for identical figures.
"""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import re

import numpy as np
import pandas as pd
import pytest

from sinokaz_utils import plotting as pl
from sinokaz_utils.plotting import corpus as pc
from sinokaz_utils.plotting import keywords as pk
from sinokaz_utils.plotting import timeline as pt


@pytest.fixture(autouse=True)
def _style():
    pl.use_style()
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def seeds():
    from sinokaz_utils.corpus import load_corpus

    return load_corpus()


def _same(c1, c2) -> bool:
    return mcolors.to_hex(c1) == mcolors.to_hex(c2)


def labelled(ax) -> bool:
    return bool(ax.get_xlabel() or ax.get_ylabel())


# --------------------------------------------------------------------------- style and colours

def test_country_colours_are_fixed_in_every_spelling():
    for name in ("China", "Chine", "chinois", "CN", "Pékin"):
        assert pl.color_for(name) == pl.COUNTRY_COLORS["China"]
    for name in ("Kazakhstan", "kazakh", "KZ", "Astana"):
        assert pl.color_for(name) == pl.COUNTRY_COLORS["Kazakhstan"]
    assert pl.COUNTRY_COLORS["China"] != pl.COUNTRY_COLORS["Kazakhstan"]
    # any other label keeps one colour, never a country's
    assert pl.color_for("Xinhua") == pl.color_for("Xinhua")
    assert pl.color_for("Xinhua") not in (pl.COUNTRY_COLORS["China"], pl.COUNTRY_COLORS["Kazakhstan"])


def test_colors_for_gives_distinct_colours_and_keeps_countries():
    cols = pl.colors_for(["Xinhua", "CGTN", "Chine", "Kazakhstan", "Novastan"])
    assert cols[2] == pl.COUNTRY_COLORS["China"] and cols[3] == pl.COUNTRY_COLORS["Kazakhstan"]
    others = [cols[0], cols[1], cols[4]]
    assert len(set(others)) == 3 and not set(others) & {cols[2], cols[3]}


def test_use_style_sets_a_readable_okabe_ito_style():
    rc = plt.rcParams
    assert rc["savefig.dpi"] == 300 and rc["font.size"] >= 9 and rc["svg.hashsalt"]
    cycle = [c["color"] for c in rc["axes.prop_cycle"]]
    assert set(cycle) <= set(pl.OKABE_ITO.values())
    assert pl.COUNTRY_COLORS["China"] not in cycle and pl.COUNTRY_COLORS["Kazakhstan"] not in cycle


def test_french_month_names_on_time_axes_without_a_locale():
    fig, ax = plt.subplots()
    dates = pd.date_range("2022-01-01", periods=10, freq="MS")
    ax.plot(dates, range(10))
    pl.set_date_axis(ax)
    fig.canvas.draw()
    labels = " ".join(t.get_text() for t in ax.get_xticklabels())
    assert any(m in labels for m in ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept."))
    assert "Jan" not in labels and "Feb" not in labels
    assert pl.format_french_date("2013-09-07") == "7 sept. 2013"
    assert pl.format_french_date("2023-02-01", resolution="month") == "févr. 2023"


# --------------------------------------------------------------------------- save_figure

def _line_figure():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2], color=pl.color_for("Chine"))
    ax.set(xlabel="x", ylabel="y")
    return fig


def test_save_figure_writes_three_formats_a_sidecar_and_an_index_row(tmp_path, monkeypatch):
    monkeypatch.setenv("SINOKAZ_CORPUS", "/data/my_corpus")
    monkeypatch.setenv("SINOKAZ_PARAMETERS", '{"PERIOD": "Y"}')
    table = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
    paths = pl.save_figure(_line_figure(), "fig01_demo", caption="A demo line.", data=table,
                           notebook="99_demo", out_dir=tmp_path)
    for fmt in ("png", "svg", "pdf", "csv"):
        assert paths[fmt] == tmp_path / "99_demo" / f"fig01_demo.{fmt}" and paths[fmt].stat().st_size > 0
    from PIL import Image

    with Image.open(paths["png"]) as im:
        assert round(im.info["dpi"][0]) == 300
    assert pd.read_csv(paths["csv"]).equals(table)
    index = pd.read_csv(tmp_path / "index.csv", dtype=str)
    assert list(index.columns) == pl.INDEX_COLUMNS
    row = index.iloc[0]
    assert (row.notebook, row.figure, row.caption, row.corpus, row.status) == (
        "99_demo", "fig01_demo", "A demo line.", "/data/my_corpus", "saved")
    assert row.parameters == '{"PERIOD": "Y"}' and row.package_version
    # saving again replaces the row instead of adding one
    pl.save_figure(_line_figure(), "fig01_demo", caption="Again.", notebook="99_demo", out_dir=tmp_path)
    index = pd.read_csv(tmp_path / "index.csv", dtype=str)
    assert len(index) == 1 and index.caption.iloc[0] == "Again."


def test_identical_figures_give_identical_svg_and_pdf(tmp_path):
    a = pl.save_figure(_line_figure(), "fig01_same", caption="x", notebook="nb", out_dir=tmp_path / "a")
    b = pl.save_figure(_line_figure(), "fig01_same", caption="x", notebook="nb", out_dir=tmp_path / "b")
    assert a["svg"].read_bytes() == b["svg"].read_bytes()
    assert a["pdf"].read_bytes() == b["pdf"].read_bytes()
    assert b"<dc:date>" not in a["svg"].read_bytes() and b"CreationDate" not in a["pdf"].read_bytes()


def test_an_empty_figure_is_refused(tmp_path):
    fig, ax = plt.subplots()
    ax.set(xlabel="x", ylabel="y", title="nothing")
    with pytest.raises(ValueError, match="ne montre aucune donnée"):
        pl.save_figure(fig, "fig01_empty", caption="x", out_dir=tmp_path)
    assert not (tmp_path / "interactive").exists() or not list((tmp_path / "interactive").iterdir())
    with pytest.raises(ValueError, match="doit être un identifiant"):
        pl.save_figure(_line_figure(), "fig 01", caption="x", out_dir=tmp_path)
    with pytest.raises(ValueError, match="demande une légende"):
        pl.save_figure(_line_figure(), "fig01_x", caption=" ", out_dir=tmp_path)


def test_skip_figure_removes_stale_files_and_records_the_reason(tmp_path, capsys):
    pl.save_figure(_line_figure(), "fig02_maybe", caption="x", notebook="nb", out_dir=tmp_path)
    pl.skip_figure("fig02_maybe", reason="aucun article daté", notebook="nb", out_dir=tmp_path)
    assert not list((tmp_path / "nb").glob("fig02_maybe.*"))
    assert "fig02_maybe non tracée : aucun article daté" in capsys.readouterr().out
    row = pd.read_csv(tmp_path / "index.csv", dtype=str).iloc[0]
    assert (row.status, row.caption) == ("skipped", "aucun article daté")


def test_notebook_name_and_folder_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SINOKAZ_NOTEBOOK", "10_timeline")
    monkeypatch.setenv("SINOKAZ_FIGURES_DIR", str(tmp_path / "figs"))
    paths = pl.save_figure(_line_figure(), "fig01_env", caption="x")
    assert paths["png"] == tmp_path / "figs" / "10_timeline" / "fig01_env.png"
    monkeypatch.delenv("SINOKAZ_NOTEBOOK")
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/me/notebooks/20_keyword_trends.ipynb")
    assert pl.resolve_notebook_name() == "20_keyword_trends"


# --------------------------------------------------------------------------- plot functions

def test_corpus_plots(seeds):
    from sinokaz_utils import overview
    from sinokaz_utils.nlp import tokenize_corpus

    lengths = overview.describe_lengths(seeds, tokens=tokenize_corpus(seeds))
    for fig in (pc.plot_outlets(overview.count_documents(seeds)), pc.plot_lengths(lengths),
                pc.plot_cleaning(overview.summarize_cleaning(seeds))):
        ax = fig.axes[0]
        assert labelled(ax) and ax.get_title(loc="left") and pl.count_drawn_artists(fig) > 0
        assert isinstance(fig.sinokaz_table, pd.DataFrame) and len(fig.sinokaz_table)
    with pytest.raises(ValueError, match="rien à tracer : la table de l'audit du nettoyage est vide"):
        pc.plot_cleaning(overview.summarize_cleaning(seeds).iloc[0:0])


def test_coverage_plot_has_one_bar_per_dated_article(seeds):
    from sinokaz_utils.timeline import count_articles

    table = count_articles(seeds.documents(), period="Q", by="outlet", rule="publication")
    fig = pt.plot_coverage(table)
    ax = fig.axes[0]
    heights = sum(p.get_height() for p in ax.patches)
    assert heights == table.articles.sum() and labelled(ax)
    fig.canvas.draw()
    assert any(ch.isdigit() for ch in "".join(t.get_text() for t in ax.get_xticklabels()))


def test_event_timeline_uses_country_colours_and_lanes(seeds):
    from sinokaz_utils.timeline import extract_events, read_milestones

    events = extract_events(seeds.documents())
    fig = pt.plot_event_timeline(events, read_milestones())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Chine", "Kazakhstan"]
    markers = [l for l in ax.lines if l.get_marker() not in (None, "None", "")]
    colours = {mcolors.to_hex(l.get_color()) for l in markers}
    assert colours == {pl.COUNTRY_COLORS["China"].lower(), pl.COUNTRY_COLORS["Kazakhstan"].lower()}
    china = [l for l in markers if _same(l.get_color(), pl.COUNTRY_COLORS["China"])]
    # in the China lane (events closer than a marker's width are drawn beside it, not on top)
    assert all(abs(l.get_ydata()[0] - 1.0) < 0.2 for l in china)
    positions = sorted((mdates.date2num(l.get_xdata()[0]), l.get_ydata()[0]) for l in markers)
    assert len(set(positions)) == len(positions), "two markers drawn on the same spot"
    assert ax.get_xlabel() and ax.get_legend() is not None
    assert "Xi Jinping" in " ".join(t.get_text() for t in ax.texts)
    # milestones listed in French under the chart, which keeps the figure's whole width for time
    key = fig.axes[1]
    listed = " ".join(t.get_text() for t in key.texts)
    assert "Jalons" in listed and "sept. 2022" in listed
    fig.draw_without_rendering()
    assert ax.get_window_extent().width > 0.8 * fig.bbox.width


def test_same_meeting_reported_twice_is_one_marker(seeds):
    from sinokaz_utils.timeline import extract_events

    events = extract_events(seeds.documents())
    twice = pd.concat([events, events.iloc[[2]].assign(doc_id="copie")], ignore_index=True)
    markers = lambda fig: [l for l in fig.axes[0].lines if l.get_marker() not in (None, "None", "")]
    assert len(markers(pt.plot_event_timeline(twice))) == len(markers(pt.plot_event_timeline(events)))
    assert "×2" in [t.get_text() for t in pt.plot_event_timeline(twice).axes[0].texts]


def test_meetings_and_dating_plots(seeds):
    from sinokaz_utils.timeline import count_meetings, extract_events, summarize_dating

    fig = pt.plot_meetings(count_meetings(extract_events(seeds.documents())))
    ax = fig.axes[0]
    assert ax.get_xlabel() == "acteur kazakh" and ax.get_ylabel() == "acteur chinois"
    assert all(_same(t.get_color(), pl.COUNTRY_COLORS["China"]) for t in ax.get_yticklabels())
    fig = pt.plot_dating(summarize_dating(seeds.documents()))
    assert sum(p.get_width() for p in fig.axes[0].patches) == 2 * len(seeds.documents())


def test_keyword_plots(seeds):
    from sinokaz_utils import keywords as kw
    from sinokaz_utils.plotting import terms as ptm
    from sinokaz_utils.terms import find_collocates
    from sinokaz_utils.nlp import tokenize_corpus
    from sinokaz_utils.statements import extract_statements

    docs, tokens = seeds.documents(), tokenize_corpus(seeds)
    trends = kw.keyword_trends(tokens, docs)
    # one article a year: with the default minimum of 3 articles no period is joined to another
    fig = pk.plot_keyword_trends(trends)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == trends.group.nunique()
    for ax in panels:
        joined, isolated = ax.lines
        assert np.isnan(joined.get_ydata().astype(float)).all() and isolated.get_markerfacecolor() == "white"
    assert fig._supylabel.get_text() == "occurrences pour 10 000 mots"
    # each panel names its group and the articles that use it
    titles = {ax.get_title(loc="left").replace("\n", " ") for ax in panels}
    assert all(any(t.startswith(label) and "art.)" in t for t in titles) for label in set(trends.label))
    fig = pk.plot_keyword_trends(trends, min_documents=1)
    assert all(len(ax.lines) == 1 for ax in fig.axes if ax.get_visible())
    voices = kw.keyword_trends(tokens, docs, statements=extract_statements(seeds))
    fig = pk.plot_keyword_trends(voices, min_documents=1)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert all(len(ax.lines) == 2 for ax in panels) and fig.legends
    assert set(fig.sinokaz_table["voice"]) <= {"voix du journaliste", "discours rapporté"}
    keyness = kw.compare_keyness(tokens, docs, by="period", min_count=2)
    fig = ptm.plot_keyness(keyness)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == keyness.target.nunique()
    assert panels[0].get_xlabel().startswith("G²") and panels[0].patches
    # significance marked the one way: every bar of p >= 0.05 hatched, and only those
    first = keyness[keyness.target == keyness.target.iloc[0]]
    hatched = [bool(b.get_hatch()) for b in panels[0].patches]
    # terms are written as a reader writes them (« Wang Yi »); the table keeps the term (« wang yi »)
    shown = [t.get_text().replace("\n", " ").lower() for t in panels[0].get_yticklabels()]
    assert any(t.get_text()[:1].isupper() for t in panels[0].get_yticklabels())
    p_of = first.set_index("term")["p"]
    assert hatched == [bool(p_of[t.replace("\n", " ")] >= 0.05) for t in shown]
    # the counts behind each bar are written beside it
    counts = {t.get_text() for t in panels[0].texts}
    assert all(f"{a} / {b}" in counts for a, b in first.set_index("term").loc[[t.replace("\n", " ") for t in shown],
                                                                              ["n_target", "n_reference"]].to_numpy())
    fig = pk.plot_specificities(keyness)
    assert fig.axes[0].images and fig.axes[0].get_yticklabels()
    collocates = find_collocates(tokens, "coopération", min_count=2, min_g2=0, documents=docs)
    fig = pk.plot_collocates(collocates)
    bars = fig.axes[0].patches
    assert fig.axes[0].get_xlabel() and len(bars) > 0
    assert any(b.get_hatch() for b in bars) == bool((collocates.nlargest(15, "g2")["p"] >= 0.05).any())


# --------------------------------------------------------------------------- readable, stable, honest

def _svg(fig) -> bytes:
    import io

    buf = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": "sinokaz"}):
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buf.getvalue()


@pytest.fixture(scope="module")
def speech(seeds):
    from sinokaz_utils import speakers
    from sinokaz_utils.nlp import tokenize_corpus
    from sinokaz_utils.statements import extract_statements

    statements = speakers.label_speakers(extract_statements(seeds))
    return tokenize_corpus(seeds), statements[statements.speaker_type == "person"]


def test_term_scatter_is_the_same_figure_on_every_run(speech):
    """Label placement has an iteration limit, no time limit: the machine's load changes nothing."""
    from sinokaz_utils import speakers
    from sinokaz_utils.plotting import speakers as ps

    tokens, statements = speech
    table = speakers.compare_term_frequencies(tokens, statements, x="Kazakhstan", y="Chine", n_labels=12)
    first = _svg(ps.plot_term_scatter(table))
    import time

    t0 = time.process_time()
    while time.process_time() - t0 < 0.3:  # load the process between the two drawings
        sum(i * i for i in range(10_000))
    assert _svg(ps.plot_term_scatter(table)) == first
    # no two labels kept on top of each other
    fig = ps.plot_term_scatter(table)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts if t.get_text().strip() not in ("", "0")]
    assert len(boxes) >= 10
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_figures_read_at_notebook_width_with_integer_counts(seeds, speech):
    """Full width (never scaled down in JupyterLab), no taller than a screen, no text under 8 pt, counts as integers."""
    from sinokaz_utils import overview, speakers, timeline
    from sinokaz_utils.plotting import speakers as ps

    from sinokaz_utils import keywords as kw
    from sinokaz_utils import topics
    from sinokaz_utils.plotting import topics as ptp
    from sinokaz_utils.plotting import terms as ptm
    from sinokaz_utils.terms import find_collocates

    tokens, statements = speech
    docs = seeds.documents()
    model = topics.fit_topics(topics.build_units(tokens, docs), k=2, seed=42)
    statement_units = topics.build_units(tokens, docs, unit="statement", statements=statements)
    figures = [pc.plot_outlets(overview.count_documents(seeds)), pc.plot_cleaning(overview.summarize_cleaning(seeds)),
               pt.plot_coverage(timeline.count_articles(docs, period="Y", by="outlet")),
               pt.plot_event_timeline(timeline.extract_events(docs), timeline.read_milestones()),
               pt.plot_meetings(timeline.count_meetings(timeline.extract_events(docs))),
               ps.plot_quotes(speakers.count_quotes(statements, tokens)),
               ps.plot_formulas(speakers.find_formulas(tokens, statements, docs)),
               # the figures whose long titles used to widen them past the notebook (and shrink every text)
               ptm.plot_keyness(kw.compare_keyness(tokens, docs, by="period", min_count=2)),
               pk.plot_collocates(find_collocates(tokens, "coopération", min_count=2, documents=docs)),
               ptp.plot_topic_terms(topics.topic_terms(model), documents={1: 3, 2: 2}),
               ps.plot_speaker_topics(topics.topic_prevalence(model, statement_units, by="speaker_label")),
               ps.plot_reported_share(speakers.reported_speech_share(tokens, statements, docs, by="doc_id"),
                                      group_name="article", max_groups=3)]
    for fig in figures:
        fig.canvas.draw()
        width, height = fig.get_size_inches()
        assert width <= pl.FULL_WIDTH[0] + 1e-6 and height <= pl.MAX_HEIGHT + 1e-6
        tight = fig.get_tightbbox(fig.canvas.get_renderer())
        assert tight.width <= 7.2, f"{fig.axes[0].get_title(loc='left')!r}: wider than the notebook's output area at 100 dpi"
        for text in fig.findobj(plt.Text):
            if text.get_visible() and text.get_text().strip():
                assert text.get_fontsize() >= pl.SMALL - 1e-6, f"{text.get_text()!r} at {text.get_fontsize()} pt"
                assert not re.fullmatch(r"\d+\.0", text.get_text()), f"a count written as a float: {text.get_text()}"


def test_heatmap_column_names_never_overlap(seeds, speech):
    """Speakers as columns only while their names fit their columns (the seeds' six speakers did not)."""
    from sinokaz_utils import topics
    from sinokaz_utils.plotting import speakers as ps

    tokens, statements = speech
    docs = seeds.documents()
    model = topics.fit_topics(topics.build_units(tokens, docs), k=2, seed=42)
    units = topics.build_units(tokens, docs, unit="statement", statements=statements)
    profile = topics.topic_prevalence(model, units, by="speaker_label")
    for table in (profile, profile.head(2)):
        fig = ps.plot_speaker_topics(table)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for axis in (fig.axes[0].xaxis, fig.axes[0].yaxis):
            boxes = [t.get_window_extent(renderer) for t in axis.get_ticklabels() if t.get_text()]
            assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
        plt.close(fig)


def test_keyword_trends_scale_follows_the_periods_that_compare(corpus_dev):
    """corpus_dev: one 2010 article at 600 per 10 000 words flattened every comparable year; it is now
    drawn at the top edge with its value written, and the scale follows the periods of 3 articles or more."""
    from sinokaz_utils import keywords
    from sinokaz_utils.corpus import load_corpus
    from sinokaz_utils.nlp import tokenize_corpus
    from sinokaz_utils.timeline import apply_dating

    corpus = load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv")
    docs = apply_dating(corpus.documents())
    trends = keywords.keyword_trends(tokenize_corpus(corpus), docs, period="Y", date_column="date")
    fig = pk.plot_keyword_trends(trends, min_documents=3)
    solid = trends.loc[trends["documents_in_period"] >= 3, "per_10k"].max()
    top = fig.axes[0].get_ylim()[1]
    assert top < trends["per_10k"].max() and top == pytest.approx(1.25 * solid)
    clipped = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert clipped and all(t.replace("\u202f", "").isdigit() for t in clipped)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("au moins 3 articles" in t for t in legend) and any("hors échelle" in t for t in legend)
    fig.canvas.draw()
    assert fig.get_tightbbox(fig.canvas.get_renderer()).width <= 7.2  # the legend fits the notebook's width


def test_outlet_colours_are_stable_and_never_a_countrys(seeds):
    from sinokaz_utils.timeline import count_articles

    docs = seeds.documents()
    colours = pl.outlet_colors(docs["outlet"])
    assert colours == pl.outlet_colors(list(reversed(docs["outlet"].tolist())))  # by rank, not by order of reading
    assert not set(colours.values()) & {pl.COUNTRY_COLORS["China"], pl.COUNTRY_COLORS["Kazakhstan"]}
    assert pl.NEUTRAL not in colours.values()  # the blue of one-series figures is no outlet's
    assert len(set(colours.values())) <= 8
    fig = pt.plot_coverage(count_articles(docs, period="Y", by="outlet", keep=colours), colors=colours)
    drawn = {mcolors.to_hex(p.get_facecolor()) for p in fig.axes[0].patches if p.get_height() > 0}
    assert drawn <= {mcolors.to_hex(c) for c in colours.values()}
    from sinokaz_utils.plotting.terms import group_color

    assert group_color("2019") not in (pl.COUNTRY_COLORS["China"], pl.COUNTRY_COLORS["Kazakhstan"])


def test_a_panel_title_past_the_edge_is_wrapped_before_its_parenthesis():
    # the topic-terms grid of corpus_dev: the third column's « Thème 3 (3 articles) » ran past the edge
    # and was cut as « Thème 3 (3 » / « articles) »
    import matplotlib.pyplot as plt

    from sinokaz_utils.plotting import fit_titles

    fig, axes = plt.subplots(1, 3, figsize=(6, 2), layout="none")
    fig.subplots_adjust(left=0.05, right=0.97, wspace=0.9)
    for i, ax in enumerate(axes, start=1):
        ax.set_title(f"Thème {i} ({i} articles)", loc="left", fontsize=11)
    axes[2].set_position([0.84, 0.2, 0.12, 0.6])
    fit_titles(fig)
    assert axes[2].get_title(loc="left") == "Thème 3\n(3 articles)"
    assert axes[0].get_title(loc="left") == "Thème 1 (1 articles)"
    plt.close(fig)
