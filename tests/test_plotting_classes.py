"""Figures of a Reinert classification: structure, French labels, no overlapping labels, identical reruns."""
from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from sinokaz_utils.classes import class_profiles, classify_segments, correspondence_analysis
from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.plotting import CYCLE, COUNTRY_COLORS, save_figure, use_style
from sinokaz_utils.labels import term_label
from sinokaz_utils.plotting.classes import (class_colors, plot_class_profiles, plot_correspondence_map,
                                            plot_dendrogram)

from test_classes import _segment_matrix


@pytest.fixture(scope="module")
def classified(corpus_dev):
    use_style()
    m = _segment_matrix(load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = classify_segments(m.matrix, units=m.units, k=5, min_class_size=15)
    profiles = class_profiles(m.matrix, result.units["classe"], terms=m.terms)
    ca = correspondence_analysis(m.group(result.units["classe"]).trim(min_count=5))
    return result, profiles, ca


def _figures(classified):
    result, profiles, ca = classified
    return {"fig01_dendrogram": plot_dendrogram(result.tree, profiles=profiles),
            "fig02_class_profiles": plot_class_profiles(profiles, n=8),
            "fig03_correspondence_map": plot_correspondence_map(ca, n_terms=40)}


def _visible_texts(fig):
    return [t for ax in fig.axes for t in ax.texts if t.get_visible() and t.get_text().strip()]


def test_dendrogram_has_one_row_per_class_with_its_terms(classified):
    result, profiles, _ = classified
    fig = plot_dendrogram(result.tree, profiles=profiles, n_terms=5)
    texts = [t.get_text() for t in _visible_texts(fig)]
    for c in range(1, result.k + 1):
        header = next(t for t in texts if t.startswith(f"Classe {c} · "))
        assert "segments" in header and "%" in header
        top = profiles[(profiles["classe"] == c) & (profiles["chi2"] > 0)].head(1)["term"].iloc[0]
        assert any(term_label(top) in t for t in texts)  # as a reader writes it (« Xi Jinping »)
    assert sum(t.startswith("χ² ") for t in texts) == result.k - 1
    assert fig.axes[0].get_title(loc="left").startswith("Classification descendante hiérarchique")
    plt.close(fig)


def test_profiles_have_one_panel_per_class_and_mark_weak_terms(classified):
    _, profiles, _ = classified
    fig = plot_class_profiles(profiles, n=8)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in panels] == [f"Classe {c}" for c in sorted(profiles["classe"].unique())]
    sized = plot_class_profiles(profiles, n=8, sizes={1: 120, 2: 7})
    assert sized.axes[0].get_title(loc="left") == "Classe 1\n120 segments"
    assert sized.axes[1].get_title(loc="left") == "Classe 2\n7 segments"
    plt.close(sized)
    assert all(len(ax.patches) <= 8 for ax in panels)
    weak = fig.sinokaz_table["p"] >= 0.05
    hatched = sum(bool(bar.get_hatch()) for ax in panels for bar in ax.patches)
    assert hatched == weak.sum()
    plt.close(fig)


def test_correspondence_map_labels_every_group_and_no_label_overlaps(classified):
    _, _, ca = classified
    fig = plot_correspondence_map(ca, n_terms=40)
    ax = fig.axes[0]
    assert ax.get_xlabel().startswith("Axe 1 (") and "% de l'inertie" in ax.get_xlabel()
    texts = _visible_texts(fig)
    groups = ca[ca["kind"] == "group"]["label"]
    assert {f"Classe {g}" for g in groups} <= {t.get_text() for t in texts}
    assert len(texts) > len(groups) + 10  # and terms, not only the groups
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer=renderer) for t in texts]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (texts[i].get_text(), texts[j].get_text())
    plt.close(fig)


def test_two_runs_write_identical_svg(classified, tmp_path):
    for run in ("a", "b"):
        for name, fig in _figures(classified).items():
            save_figure(fig, name, caption="test", out_dir=tmp_path / run, notebook="25_classes")
            plt.close(fig)
    for name in ("fig01_dendrogram", "fig02_class_profiles", "fig03_correspondence_map"):
        a = (tmp_path / "a" / "25_classes" / f"{name}.svg").read_bytes()
        assert a == (tmp_path / "b" / "25_classes" / f"{name}.svg").read_bytes(), name


def test_class_colours_are_okabe_ito_without_the_country_colours():
    colours = class_colors(range(1, 15))
    assert [colours[i] for i in range(1, 7)] == CYCLE
    assert not {COUNTRY_COLORS["China"], COUNTRY_COLORS["Kazakhstan"]} & set(colours.values())
    assert len(set(map(str, colours.values()))) == 14


def test_empty_tables_are_refused():
    with pytest.raises(ValueError, match="vide"):
        plot_class_profiles(pd.DataFrame(columns=["classe", "term", "n_class", "n_total", "pct", "chi2", "p"]))
    with pytest.raises(ValueError, match="vide"):
        plot_dendrogram(pd.DataFrame(columns=["node", "classe"]))
