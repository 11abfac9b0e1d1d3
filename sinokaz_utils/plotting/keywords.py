"""Figures of ``keywords`` tables: keyword-group trends, specificities, collocates.

Each function takes a table computed by ``sinokaz_utils.keywords`` (or ``terms``) and returns a
Figure with the table attached; none computes, saves or shows. Keyness bars of any keyness table
are ``plotting.terms.plot_keyness``.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..labels import PERIODS as _PERIOD_FR
from ..labels import VOICES as _VOICE_FR
from ..labels import count_noun, format_int, format_number, term_label
from . import (FULL_WIDTH, NEUTRAL, SMALL, VOICE_COLORS, VOICE_STYLES, attach_table, cap_height, french_axis,
               require_rows, set_date_axis, wrap_label)
from .terms import mark_not_significant, significance_legend

# the two voices of terms.assign_voice (plotting never imports the analyses)
JOURNALIST, REPORTED = "journalist", "reported speech"


def plot_keyword_trends(table: pd.DataFrame, *, min_documents: int = 3, title: str | None = None, ncols: int = 4):
    """Relative frequency of each keyword group per period (per 10,000 words), one small panel per group.

    Small multiples sharing the y axis, so that groups compare at a glance without a tangle of
    lines or colours; each panel's title gives the number of articles that use the group. A
    period of fewer than ``min_documents`` articles is an open marker, never joined to its
    neighbours: a value of one or two articles is not a trend. With a ``voice`` column
    (``keyword_trends(statements=...)``) each panel has one line per voice (journalist grey,
    reported speech black and dashed). With a single period, one horizontal bar chart instead.

    Args:
        table: from ``keywords.keyword_trends``.
        min_documents: periods with fewer articles are drawn as isolated open markers.
        ncols: panels per row.
    """
    require_rows(table, "des tendances des mots-clés")
    period = str(table.attrs.get("period", "Y")).upper()
    has_voice = "voice" in table.columns
    labels = list(table.groupby("label", sort=False)["per_10k"].mean().sort_values(ascending=False, kind="stable").index)
    per_period = table.drop_duplicates(["period"] + (["voice"] if has_voice else [])).groupby("period_start")[
        "documents_in_period"].max()
    n_docs = int(per_period.sum())
    if table["period"].nunique() == 1 and not has_voice:
        values = table.groupby("label")["per_10k"].sum().reindex(labels[::-1])
        mentions = table.groupby("label")["documents"].sum().reindex(labels[::-1])
        fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], cap_height(0.35 * len(values) + 1.6)))
        ax.barh([wrap_label(x, width=30) for x in values.index], values.to_numpy(), color=NEUTRAL)
        for y, (v, m) in enumerate(zip(values, mentions)):
            ax.text(v, y, f"  {count_noun(m, 'article')}", va="center", fontsize=SMALL, color="#444444")
        ax.set_xlim(0, max(1e-9, float(values.max())) * 1.3)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x")
        french_axis(ax.xaxis)
        ax.set(xlabel="occurrences pour 10 000 mots", ylabel="groupe de mots-clés",
               title=title or f"Groupes de mots-clés en {table['period'].iloc[0]} ({count_noun(n_docs, 'article')})")
        return attach_table(fig, table)
    ncols = min(ncols, len(labels))
    nrows = int(np.ceil(len(labels) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH[0], cap_height(2.0 * nrows + 1.3)), sharex=True,
                             sharey=True, squeeze=False)
    voices = [v for v in (JOURNALIST, REPORTED) if has_voice and v in set(table["voice"])] or [None]
    # every period of the span, so that a period without articles is a gap, not a straight line
    freq = {"Y": "YS", "Q": "QS", "M": "MS"}.get(period, "YS")
    span = pd.date_range(table["period_start"].min(), table["period_start"].max(), freq=freq)
    thin = set(per_period.index[per_period < min_documents])
    for ax, label in zip(axes.flat, labels):
        part = table[table["label"] == label]
        for voice in voices:
            g = (part if voice is None else part[part["voice"] == voice]).groupby("period_start")["per_10k"].sum()
            g = g.reindex(span.union(g.index))
            colour = NEUTRAL if voice is None else VOICE_COLORS[voice]
            solid = g.where(~g.index.isin(thin))
            ax.plot(solid.index, solid.to_numpy(), marker="o", markersize=3.5, linewidth=1.5, color=colour,
                    linestyle="-" if voice is None else VOICE_STYLES[voice],
                    label=None if voice is None else _VOICE_FR[voice])
            hollow = g.where(g.index.isin(thin))
            if hollow.notna().any():
                ax.plot(hollow.index, hollow.to_numpy(), marker="o", markersize=4, linestyle="none",
                        markerfacecolor="white", markeredgecolor=colour, markeredgewidth=1.1)
        n_mention = int(part.drop_duplicates(["period"])["documents"].sum()) if not has_voice else int(
            part.groupby("period")["documents"].max().sum())
        ax.set_title(wrap_label(f"{label} ({n_mention}\u00a0art.)", width=24), fontsize=SMALL + 0.5,
                     fontweight="normal", loc="left")
        if period == "Y":  # whole years, at most four ticks (the automatic locator warns on short spans)
            import matplotlib.dates as mdates

            ax.xaxis.set_major_locator(mdates.YearLocator(base=max(1, int(np.ceil(len(span) / 4)))))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        else:
            set_date_axis(ax, maxticks=4)
        ax.tick_params(labelsize=SMALL)
    for ax in list(axes.flat)[len(labels):]:
        ax.set_visible(False)
    # set once, after every panel is drawn: with a shared axis an early limit would clip later panels.
    # The scale follows the periods that can be compared; a thin period far above them (one short
    # article) would flatten every trend, so it is drawn at the top edge as ▲ with its value.
    solid_values = table.loc[~table["period_start"].isin(thin), "per_10k"]
    top = float(table["per_10k"].max())
    if len(solid_values) and float(solid_values.max()) > 0 and top > 2 * float(solid_values.max()):
        top = float(solid_values.max()) * 1.25
        clipped = 0
        for ax, label in zip(axes.flat, labels):
            part = table[(table["label"] == label) & table["period_start"].isin(thin) & (table["per_10k"] > top)]
            for row in part.drop_duplicates(["period_start"] + (["voice"] if has_voice else [])).itertuples(index=False):
                ax.plot(row.period_start, top * 0.97, marker="^", markersize=5, linestyle="none", markerfacecolor="white",
                        markeredgecolor="#333333", clip_on=False, zorder=5)
                ax.annotate(format_number(row.per_10k, 0), (row.period_start, top * 0.97), xytext=(4, -1),
                            textcoords="offset points", fontsize=SMALL, color="#333333", va="top")
                clipped += 1
        if clipped:
            from matplotlib.lines import Line2D

            thin_clipped = Line2D([], [], marker="^", linestyle="none", markerfacecolor="white", markeredgecolor="#333333",
                                  label=f"moins de {count_noun(min_documents, 'article')}, hors échelle (valeur écrite)")
        else:
            thin_clipped = None
    else:
        thin_clipped = None
    axes.flat[0].set_ylim(0, max(1e-9, top) * 1.1 if thin_clipped is None else top)
    french_axis(axes.flat[0].yaxis)
    fig.supylabel("occurrences pour 10 000 mots", fontsize=9)
    handles = []
    if voices != [None]:
        handles, _ = axes.flat[0].get_legend_handles_labels()
    if thin:
        from matplotlib.lines import Line2D

        handles = list(handles)
        if voices == [None]:
            handles.append(Line2D([], [], marker="o", markersize=3.5, linestyle="none", color=NEUTRAL,
                                  label=f"période d'au moins {count_noun(min_documents, 'article')}"))
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                              markeredgecolor="#333333", label=f"moins de {count_noun(min_documents, 'article')}"))
        if thin_clipped is not None:
            handles.append(thin_clipped)
    if handles:
        # one row while the entries fit the figure's width (about 95 characters at the legend's size)
        width = sum(len(h.get_label()) + 8 for h in handles)
        fig.legend(handles=handles, loc="outside lower center", ncol=len(handles) if width <= 95 else 2)
    heading = title or f"Fréquence relative des groupes de mots-clés ({count_noun(n_docs, 'article daté', 'articles datés')})"
    fig.suptitle(f"{heading}\npar {_PERIOD_FR.get(period, period)} ; entre parenthèses : articles qui emploient le groupe",
                 x=0.01, ha="left", fontweight="bold", fontsize=10.5)
    return attach_table(fig, table.assign(voice=table["voice"].map(_VOICE_FR)) if has_voice else table)


def plot_specificities(table: pd.DataFrame, *, n: int = 5, title: str | None = None, documents: dict | None = None,
                       group_name: str = "partie"):
    """Lafon specificities as a grid: for each group, its ``n`` most specific terms.

    Cells show the signed score (±log10 p); |score| ≥ 2 (p ≤ 0.01) is TXM's usual threshold.

    Args:
        table: from ``keywords.compare_keyness`` (all groups against the rest).
        documents: ``{group: articles}`` (``keywords.documents_per_group``), written under each
            column: a column of one article is that article's vocabulary.
        group_name: what the columns are (« période », « média »; TXM says « partie »).
    """
    require_rows(table, "des spécificités")
    groups = list(dict.fromkeys(table["target"]))
    n = max(2, min(n, 36 // max(1, len(groups))))  # keep the grid within a page
    terms = []
    for g in groups:
        part = table[(table["target"] == g) & (table["specificity"] > 0)]
        terms += [t for t in part.nlargest(n, "specificity")["term"] if t not in terms]
    require_rows(terms, "des spécificités (aucun terme surreprésenté)")
    grid = table.pivot_table(index="term", columns="target", values="specificity", aggfunc="first").reindex(
        index=terms, columns=groups)
    fig, ax = plt.subplots(figsize=(min(FULL_WIDTH[0], 1.1 * len(groups) + 3.2), cap_height(0.22 * len(terms) + 1.6)))
    span = max(2.0, float(np.nanmax(np.abs(grid.to_numpy()))))
    im = ax.imshow(grid.to_numpy(dtype=float), cmap="RdBu_r", vmin=-span, vmax=span, aspect="auto")
    for (i, j), v in np.ndenumerate(grid.to_numpy(dtype=float)):
        if np.isfinite(v) and abs(v) >= 2:
            ax.text(j, i, format_number(v, 1), ha="center", va="center", fontsize=SMALL,
                    color="white" if abs(v) > span * 0.6 else "black")
    documents = documents or {}
    heads = [wrap_label(g, width=12) + (f"\n({format_int(documents[str(g)])}\u00a0art.)" if str(g) in documents else "")
             for g in groups]
    ax.set_xticks(range(len(groups)), heads, fontsize=SMALL)
    ax.set_yticks(range(len(terms)), [term_label(t) for t in terms], fontsize=SMALL)
    ax.grid(False)
    ax.set(xlabel=group_name, title=title or "Spécificités de Lafon (±log10 p ; chiffres écrits si |score| ≥ 2)")
    fig.colorbar(im, ax=ax, label="spécificité", shrink=0.8)
    return attach_table(fig, grid.reset_index())


def plot_collocates(table: pd.DataFrame, *, n: int = 15, title: str | None = None):
    """Horizontal bars: the ``n`` strongest collocates of a term by G², with the counts behind each.

    Beside each bar: co-occurrences with the node / occurrences of the collocate, and PMI;
    bars with p ≥ 0.05 are hatched (as on every keyness figure).

    Args:
        table: from ``terms.find_collocates``.
    """
    require_rows(table, "des cooccurrents")
    data = table.nlargest(n, "g2").iloc[::-1]
    node = str(table["node"].iloc[0])
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], cap_height(max(2.6, 0.26 * len(data) + 1.4))))
    bars = ax.barh([wrap_label(term_label(c), width=30) for c in data["collocate"]], data["g2"], color=NEUTRAL, height=0.7)
    mark_not_significant(bars, data["p"].to_numpy(dtype=float))
    for y, r in enumerate(data.itertuples(index=False)):
        ax.text(r.g2, y, f"  {format_int(r.n_pair)} / {format_int(r.n_collocate)}, PMI = {format_number(r.pmi, 1)}",
                va="center", fontsize=SMALL)
    ax.set_xlim(0, data["g2"].max() * 1.5)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    french_axis(ax.xaxis)
    if (data["p"] >= 0.05).any():
        fig.legend(handles=[significance_legend()], loc="outside lower right")
    window = table.attrs.get("window")
    ax.set(xlabel="G² (log-vraisemblance) ; nombres : cooccurrences / occurrences du cooccurrent",
           ylabel="cooccurrent",
           title=title or f"Cooccurrents de « {node} » ({count_noun(int(table['n_node'].iloc[0]), 'occurrence')}"
                          + (f", fenêtre de {window} termes)" if window else ")"))
    return attach_table(fig, data.iloc[::-1])
