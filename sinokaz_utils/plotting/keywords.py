"""Figures of ``keywords`` tables: keyword-group trends, specificities, collocates.

Each function takes a table computed by ``sinokaz_utils.keywords`` (or ``terms``) and returns a
Figure with the table attached; none computes, saves or shows. Keyness bars of any keyness table
are ``plotting.terms.plot_keyness``.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import FULL_WIDTH, attach_table, color_for, colors_for, set_date_axis, wrap_label
from .terms import mark_not_significant, significance_legend

_PERIOD_FR = {"Y": "année", "Q": "trimestre", "M": "mois"}
# the two voices of terms.assign_voice (plotting never imports the analyses)
JOURNALIST, REPORTED = "journalist", "reported speech"
_VOICE_FR = {JOURNALIST: "voix du journaliste", REPORTED: "discours rapporté"}


def _require(table, what):
    if table is None or len(table) == 0:
        raise ValueError(f"nothing to plot: the {what} table is empty")


def plot_keyword_trends(table: pd.DataFrame, *, title: str | None = None, ncols: int = 4):
    """Relative frequency of each keyword group per period (per 10,000 words), one small panel per group.

    Small multiples sharing the y axis, so that groups compare at a glance without a tangle of
    lines; with a ``voice`` column (``keyword_trends(statements=...)``) each panel has one line
    per voice. With a single period, one horizontal bar chart instead.

    Args:
        table: from ``keywords.keyword_trends``.
        ncols: panels per row.
    """
    _require(table, "keyword trends")
    period = str(table.attrs.get("period", "Y")).upper()
    has_voice = "voice" in table.columns
    labels = list(table.groupby("label", sort=False)["per_10k"].mean().sort_values(ascending=False).index)
    if table["period"].nunique() == 1 and not has_voice:
        values = table.groupby("label")["per_10k"].sum().reindex(labels[::-1])
        fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], 0.35 * len(values) + 1.4))
        ax.barh([wrap_label(x, width=30) for x in values.index], values.to_numpy(), color=colors_for(values.index))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x")
        ax.set(xlabel="occurrences pour 10 000 mots", ylabel="groupe de mots-clés",
               title=title or f"Fréquence relative des groupes de mots-clés ({table['period'].iloc[0]})")
        return attach_table(fig, table)
    ncols = min(ncols, len(labels))
    nrows = int(np.ceil(len(labels) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH[0], 1.9 * nrows + 1.0), sharex=True, sharey=True,
                             squeeze=False)
    voices = [v for v in (JOURNALIST, REPORTED) if has_voice and v in set(table["voice"])] or [None]
    voice_colours = dict(zip([JOURNALIST, REPORTED], colors_for(["journaliste", "discours rapporté"])))
    # every period of the span, so that a period without articles is a gap, not a straight line
    freq = {"Y": "YS", "Q": "QS", "M": "MS"}.get(period, "YS")
    span = pd.date_range(table["period_start"].min(), table["period_start"].max(), freq=freq)
    for ax, label, colour in zip(axes.flat, labels, colors_for(labels)):
        part = table[table["label"] == label]
        for voice in voices:
            g = (part if voice is None else part[part["voice"] == voice]).groupby("period_start")["per_10k"].sum()
            g = g.reindex(span.union(g.index))
            ax.plot(g.index, g.to_numpy(), marker="o", markersize=3.5, linewidth=1.5,
                    color=colour if voice is None else voice_colours[voice],
                    label=None if voice is None else _VOICE_FR[voice])
        ax.set_title(wrap_label(label, width=20), fontsize=8.5, fontweight="normal", loc="left")
        set_date_axis(ax, maxticks=4)
        ax.tick_params(labelsize=7.5)
    for ax in list(axes.flat)[len(labels):]:
        ax.set_visible(False)
    # set once, after every panel is drawn: with a shared axis an early limit would clip later panels
    axes.flat[0].set_ylim(0, max(1e-9, float(table["per_10k"].max())) * 1.08)
    fig.supylabel("occurrences pour 10 000 mots", fontsize=9)
    fig.supxlabel(_PERIOD_FR.get(period, period), fontsize=9)
    if voices != [None]:
        handles, names = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, names, loc="upper right", ncol=2, fontsize=8, bbox_to_anchor=(1.0, 1.0))
    fig.suptitle(title or "Fréquence relative des groupes de mots-clés", x=0.01, ha="left", fontweight="bold",
                 fontsize=11)
    return attach_table(fig, table)


def plot_specificities(table: pd.DataFrame, *, n: int = 5, title: str | None = None):
    """Lafon specificities as a grid: for each group, its ``n`` most specific terms.

    Cells show the signed score (±log10 p); |score| ≥ 2 (p ≤ 0.01) is TXM's usual threshold.

    Args:
        table: from ``keywords.compare_keyness`` (all groups against the rest).
    """
    _require(table, "specificities")
    groups = list(dict.fromkeys(table["target"]))
    n = max(2, min(n, 36 // max(1, len(groups))))  # keep the grid within a page
    terms = []
    for g in groups:
        part = table[(table["target"] == g) & (table["specificity"] > 0)]
        terms += [t for t in part.nlargest(n, "specificity")["term"] if t not in terms]
    _require(terms, "specificities (no over-represented term)")
    grid = table.pivot_table(index="term", columns="target", values="specificity", aggfunc="first").reindex(
        index=terms, columns=groups)
    fig, ax = plt.subplots(figsize=(min(FULL_WIDTH[0], 1.1 * len(groups) + 3.2), 0.2 * len(terms) + 1.6))
    span = max(2.0, float(np.nanmax(np.abs(grid.to_numpy()))))
    im = ax.imshow(grid.to_numpy(dtype=float), cmap="RdBu_r", vmin=-span, vmax=span, aspect="auto")
    for (i, j), v in np.ndenumerate(grid.to_numpy(dtype=float)):
        if np.isfinite(v) and abs(v) >= 2:
            ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=7, color="white" if abs(v) > span * 0.6 else "black")
    ax.set_xticks(range(len(groups)), [wrap_label(g, width=12) for g in groups], fontsize=8)
    ax.set_yticks(range(len(terms)), terms, fontsize=8)
    ax.grid(False)
    ax.set(xlabel="partie", title=title or "Spécificités de Lafon (±log10 p)")
    fig.colorbar(im, ax=ax, label="spécificité", shrink=0.8)
    return attach_table(fig, grid.reset_index())


def plot_collocates(table: pd.DataFrame, *, n: int = 15, title: str | None = None):
    """Horizontal bars: the ``n`` strongest collocates of a term by G², with the counts behind each.

    Beside each bar: co-occurrences with the node / occurrences of the collocate, and PMI;
    bars with p ≥ 0.05 are hatched (as on every keyness figure).

    Args:
        table: from ``terms.find_collocates``.
    """
    _require(table, "collocates")
    data = table.nlargest(n, "g2").iloc[::-1]
    node = str(table["node"].iloc[0])
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], max(2.4, 0.24 * len(data) + 1.2)))
    bars = ax.barh([wrap_label(c, width=30) for c in data["collocate"]], data["g2"], color=color_for(node), height=0.7)
    mark_not_significant(bars, data["p"].to_numpy(dtype=float))
    for y, r in enumerate(data.itertuples(index=False)):
        ax.text(r.g2, y, f"  {r.n_pair} / {r.n_collocate}, PMI = {r.pmi:.1f}", va="center", fontsize=7.5)
    ax.set_xlim(0, data["g2"].max() * 1.45)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    ax.legend(handles=[significance_legend()], loc="lower right", fontsize=7.5)
    window = table.attrs.get("window")
    ax.set(xlabel="G² (log-vraisemblance) ; nombres : cooccurrences / occurrences du cooccurrent",
           ylabel="cooccurrent",
           title=title or f"Cooccurrents de « {node} »" + (f" (fenêtre de {window} termes)" if window else ""))
    return attach_table(fig, data.iloc[::-1])
