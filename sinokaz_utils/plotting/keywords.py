"""Figures of ``keywords`` tables: keyword-group trends, keyness, specificities, collocates.

Each function takes a table computed by ``sinokaz_utils.keywords`` and returns a Figure with
the table attached; none computes, saves or shows.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import FULL_WIDTH, attach_table, color_for, colors_for, set_date_axis, wrap_label

_PERIOD_FR = {"Y": "année", "Q": "trimestre", "M": "mois"}
# the two voices of keywords.label_voice (plotting never imports the analyses)
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


def plot_keyness(table: pd.DataFrame, *, group=None, n: int = 12, title: str | None = None):
    """Keyness of a group against the rest: the ``n`` most over- and under-used terms by signed G².

    As quanteda's ``textplot_keyness``: bars to the right for terms over-represented in the
    target, to the left for terms over-represented in the reference; each bar is annotated with
    the log-ratio.

    Args:
        table: from ``keywords.compare_keyness``.
        group: the target group to show (default: the first).
    """
    _require(table, "keyness")
    group = table["group"].iloc[0] if group is None else str(group)
    part = table[table["group"] == group]
    _require(part, f"keyness of {group!r}")
    top = part[part["g2"] > 0].nlargest(n, "g2")
    bottom = part[part["g2"] < 0].nsmallest(n, "g2")
    data = pd.concat([top, bottom.iloc[::-1]])
    _require(data, f"keyness of {group!r} (every G² is 0)")
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], max(2.6, 0.22 * len(data) + 1.2)))
    y = np.arange(len(data))[::-1]
    colours = [color_for(group) if g > 0 else "#999999" for g in data["g2"]]
    ax.barh(y, data["g2"], color=colours, height=0.7)
    for yi, (g2, lr, term) in zip(y, data[["g2", "log_ratio", "term"]].itertuples(index=False)):
        ax.text(g2 + (0.01 if g2 > 0 else -0.01) * np.abs(data["g2"]).max(), yi, f"{term}  ({lr:+.1f})",
                va="center", ha="left" if g2 > 0 else "right", fontsize=7.5)
    ax.set_yticks([])
    ax.axvline(0, color="black", linewidth=0.6)
    span = np.abs(data["g2"]).max()
    # room for the labels beyond each bar end; the negative side is often much shorter
    low = min(float(data["g2"].min()) * 1.3, -0.45 * span) if (data["g2"] < 0).any() else 0
    ax.set_xlim(low, max(float(data["g2"].max()), 0) * 1.45 + 0.05 * span)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    ax.set(xlabel="G² signé (log-vraisemblance de Dunning) ; entre parenthèses : log-ratio",
           title=title or f"Termes caractéristiques : {group} contre le reste")
    return attach_table(fig, data)


def plot_specificities(table: pd.DataFrame, *, n: int = 5, title: str | None = None):
    """Lafon specificities as a grid: for each group, its ``n`` most specific terms.

    Cells show the signed score (±log10 p); |score| ≥ 2 (p ≤ 0.01) is TXM's usual threshold.

    Args:
        table: from ``keywords.compare_keyness`` (all groups against the rest).
    """
    _require(table, "specificities")
    groups = list(dict.fromkeys(table["group"]))
    n = max(2, min(n, 36 // max(1, len(groups))))  # keep the grid within a page
    terms = []
    for g in groups:
        part = table[(table["group"] == g) & (table["specificity"] > 0)]
        terms += [t for t in part.nlargest(n, "specificity")["term"] if t not in terms]
    _require(terms, "specificities (no over-represented term)")
    grid = table.pivot_table(index="term", columns="group", values="specificity", aggfunc="first").reindex(
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
    """Horizontal bars: the ``n`` strongest collocates of a term by log-likelihood, with PMI and frequency.

    Args:
        table: from ``keywords.find_collocates``.
    """
    _require(table, "collocates")
    data = table.nlargest(n, "log_likelihood").iloc[::-1]
    node = str(table["node"].iloc[0])
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], max(2.4, 0.24 * len(data) + 1.2)))
    ax.barh(data["collocate"], data["log_likelihood"], color=color_for(node), height=0.7)
    for y, r in enumerate(data.itertuples(index=False)):
        ax.text(r.log_likelihood, y, f"  n={r.freq}, PMI={r.pmi:.1f}", va="center", fontsize=7.5)
    ax.set_xlim(0, data["log_likelihood"].max() * 1.35)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    ax.set(xlabel="log-vraisemblance (G²)", ylabel="cooccurrent",
           title=title or f"Cooccurrents de « {node} »")
    return attach_table(fig, data.iloc[::-1])
