"""Figures of the terms layer: one keyness chart for any keyness table, and the shared marks.

What belongs here: ``plot_keyness`` for every table of ``terms.score_keyness`` (keywords'
groups of documents, speakers' countries or speakers, one target against one reference);
the colour of a group (a country, or a speaker "Name (Country)", wears the country's
colour); the one way non-significant results are marked (``mark_not_significant``:
hatched, paler, p ≥ 0.05) and the counts behind each term written beside its bar. What does
not: computing (``terms``) or saving (``plotting.save_figure``).
"""
from __future__ import annotations

import math
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..labels import NO_COUNTRY, count_noun, format_int, term_label
from . import COUNTRY_COLORS, FULL_WIDTH, NEUTRAL, SMALL, attach_table, canonical_country, cap_height, french_axis, wrap_label

#: Bars of results whose p-value is at least this are hatched (every keyness and collocation figure).
ALPHA = 0.05
HATCH = "////"
REFERENCE_GREY = "#8C8C8C"
_MEASURES = {"g2": "G² signé (log-vraisemblance de Dunning)", "log_ratio": "log₂ ratio",
             "specificity": "spécificité de Lafon (±log10 p)"}


def group_color(name) -> str:
    """House colour of a group: a country, or a speaker label ending in "(Country)", wears the
    country's colour; a speaker or group without a country is grey; any other group (another
    country, a period, an outlet, a voice) the one neutral colour, never China's or Kazakhstan's.

    Example:
        >>> group_color("Xi Jinping (Chine)") == group_color("Chine")
        True
        >>> group_color("2019") == NEUTRAL
        True
    """
    m = re.search(r"\(([^()]+)\)\s*$", str(name)) if name is not None else None
    if m and canonical_country(name) is None:
        name = m.group(1)
    c = canonical_country(name)
    if c in ("China", "Kazakhstan"):
        return COUNTRY_COLORS[c]
    if c is not None or name in (None, "inconnu", "autre", NO_COUNTRY):
        return COUNTRY_COLORS["other"]
    return NEUTRAL


def mark_not_significant(bars, p_values) -> None:
    """Hatch and pale the bars whose p-value is ≥ ``ALPHA`` (the one significance mark)."""
    for bar, p in zip(bars, p_values):
        if not np.isfinite(p) or p >= ALPHA:
            bar.set_hatch(HATCH)
            bar.set_alpha(0.55)


def significance_legend() -> Patch:
    """The legend entry of ``mark_not_significant``."""
    return Patch(facecolor="white", edgecolor="#777777", hatch=HATCH, label="p ≥ 0,05 (non significatif)")


def plot_keyness(keyness: pd.DataFrame, *, targets=None, n: int = 10, measure: str = "g2", ncols: int = 2,
                 documents: dict | None = None, title: str | None = None) -> Figure:
    """Diverging keyness bars, one panel per target: the terms it over-uses (right) and under-uses (left).

    Works for any table of ``terms.score_keyness``: each group against the rest, or one
    target against a named reference (then the left side wears the reference's colour).
    Beside each bar, the raw counts "n_target / n_reference" (for an under-used term, right of the
    zero line, clear of the term names); bars with p ≥ 0.05 are hatched.
    Each panel's title says how many terms (and, with ``documents``, articles) each side holds.

    Args:
        keyness: from ``terms.score_keyness`` (``keywords.compare_keyness``,
            ``speakers.speaker_keyness``).
        targets: the targets to draw (default: every target of the table, in its order).
        n: terms on each side.
        measure: ``"g2"``, ``"log_ratio"`` or ``"specificity"``.
        ncols: panels per row.
        documents: ``{group: number of articles}`` for the panel titles (targets and named
            references); the reference "le reste" is counted as every other group.

    Example:
        >>> fig = plot_keyness(score_keyness(m, by="country_name"))   # doctest: +SKIP
    """
    if keyness is None or len(keyness) == 0:
        raise ValueError("rien à tracer : la table des spécificités est vide")
    if measure not in _MEASURES:
        raise ValueError(f"measure vaut l'un de {', '.join(_MEASURES)}")
    targets = list(dict.fromkeys(keyness["target"])) if targets is None else [str(t) for t in targets]

    def build(n):
        panels = []
        for g in targets:
            k = keyness.loc[keyness["target"] == g]
            pos = k.loc[k[measure] > 0].sort_values([measure, "term"], ascending=[False, True]).head(n)
            neg = k.loc[k[measure] < 0].sort_values([measure, "term"], ascending=[True, True]).head(n)
            panels.append((g, k, pd.concat([pos, neg.iloc[::-1]]).iloc[::-1]))
        return [p for p in panels if len(p[2])]

    panels = build(n)
    if not panels:
        raise ValueError("rien à tracer : tous les scores sont nuls")
    ncols = max(1, min(ncols, len(panels)))
    nrows = math.ceil(len(panels) / ncols)
    while n > 3 and max(len(t) for _, _, t in panels) * 0.22 * nrows + 1.3 * nrows + 0.8 > 8.0:
        n -= 1  # keep the figure within a screen: fewer terms per side
        panels = build(n)
    height = max(len(t) for _, _, t in panels) * 0.22 + 1.3
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH[0], cap_height(height * nrows + 0.8)), squeeze=False)
    documents = documents or {}
    for ax, (g, k, t) in zip(axes.flat, panels):
        reference = str(k["reference"].iloc[0])
        named = reference != "le reste"
        y = np.arange(len(t))
        left_colour = group_color(reference) if named else REFERENCE_GREY
        right_colour = group_color(g)
        if right_colour == left_colour:
            left_colour = REFERENCE_GREY
        bars = ax.barh(y, t[measure], color=[right_colour if v > 0 else left_colour for v in t[measure]], height=0.72)
        mark_not_significant(bars, t["p"].to_numpy(dtype=float))
        ax.set_yticks(y, [wrap_label(term_label(s), width=24) for s in t["term"]], fontsize=SMALL)
        span = float(np.abs(t[measure]).max()) or 1.0
        # counts at the end of an over-used bar; for an under-used one, just right of the zero line (its
        # row is empty there), so that they never run into the term names on the left
        for yi, (v, a, b) in enumerate(zip(t[measure], t["n_target"], t["n_reference"])):
            ax.text((v if v > 0 else 0.0) + 0.02 * span, yi, f"{format_int(a)} / {format_int(b)}", va="center",
                    ha="left", fontsize=SMALL, color="#444444")
        low = -0.3 * span if (t[measure] < 0).any() else 0.0
        high = max(float(t[measure].max()), 0.25 * span)
        ax.set_xlim(min(float(t[measure].min()) * 1.08, low), high * 1.45 + 0.05 * span)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.tick_params(axis="x", labelsize=SMALL)
        french_axis(ax.xaxis)
        tt, tr = int(k["total_target"].iloc[0]), int(k["total_reference"].iloc[0])
        n_t = documents.get(g)
        n_r = documents.get(reference) if named else (sum(v for key, v in documents.items() if key != g) or None)
        side = lambda name, terms, arts: f"{name} ({count_noun(terms, 'terme')}" + (
            f", {count_noun(arts, 'article')})" if arts else ")")
        ax.set_title(wrap_label(f"{side(g, tt, n_t)} contre {side(reference, tr, n_r)}", width=70 if ncols == 1 else 36),
                     fontsize=SMALL + 1)
        ax.set_xlabel(_MEASURES[measure], fontsize=SMALL)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    if any((t["p"] >= 0.05).any() for _, _, t in panels):  # the hatching explained where there is some
        fig.legend(handles=[significance_legend()], loc="outside lower right", frameon=False)
    fig.suptitle(title or "Termes caractéristiques (à droite : sur-employés ; nombres : occurrences cible / référence)",
                 x=0.01, ha="left", fontsize=10, fontweight="bold")
    return attach_table(fig, keyness)
