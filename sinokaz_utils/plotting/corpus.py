"""Figures of the corpus inventory (``overview`` tables): outlets, lengths, cleaning, dates.

Each function takes a table and returns a Figure with the table attached; none computes,
saves or shows.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..labels import OTHERS, UNKNOWN_OUTLET, count_noun, format_int, rule_label
from . import (FULL_WIDTH, NEUTRAL, OKABE_ITO, OTHER_GREY, SMALL, attach_table, cap_height, integer_axis, outlet_colors,
               require_rows, wrap_label)

# the neutral blue and two greys: no outlet's colour, distinct in greyscale
_STATUS = [("kept", "analysé", NEUTRAL), ("duplicates", "doublon (copie syndiquée)", "#8C8C8C"),
           ("other_language", "autre langue", "#D0D0D0")]


def plot_outlets(table: pd.DataFrame, *, top: int = 15, title: str | None = None):
    """Horizontal stacked bars: documents per outlet, split into kept / duplicates / other language.

    Args:
        table: from ``overview.count_documents``.
        top: show the ``top`` outlets with most documents (the rest are summed as "autres").
    """
    require_rows(table, "des médias")
    data = table.copy()
    if len(data) > top:
        rest = data.iloc[top - 1:].drop(columns="outlet").sum()
        data = pd.concat([data.iloc[:top - 1], pd.DataFrame([{"outlet": OTHERS, **rest.to_dict()}])],
                         ignore_index=True)
    data = data.iloc[::-1]
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], cap_height(max(2.2, 0.3 * len(data) + 1.4))))
    left = np.zeros(len(data))
    labels = [wrap_label(o, width=36) for o in data["outlet"]]
    for col, name, colour in _STATUS:
        values = data[col].to_numpy()
        if values.sum():
            ax.barh(labels, values, left=left, color=colour, label=name, height=0.7)
            left += values
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    integer_axis(ax.xaxis)
    n = int(table["total"].sum())
    others = f" ; les {format_int(len(table) - top + 1)} autres regroupés" if len(table) > top else ""
    ax.set(xlabel="articles chargés", ylabel="média",
           title=title or f"Articles par média ({count_noun(n, 'article')}, {count_noun(len(table), 'média', 'médias')}{others})")
    fig.legend(loc="outside lower center", ncol=3)
    return attach_table(fig, table)


def plot_lengths(table: pd.DataFrame, *, title: str | None = None):
    """Histogram of article lengths (words, counted as in every notebook), with the median marked.

    Args:
        table: from ``overview.describe_lengths`` (``n_words``: ``terms.count_words``).
    """
    require_rows(table, "des longueurs")
    values = table["n_words"].to_numpy()
    fig, ax = plt.subplots(figsize=FULL_WIDTH)
    bins = min(30, max(5, int(np.sqrt(len(values))) * 2))
    ax.hist(values, bins=bins, color=OKABE_ITO["blue"], edgecolor="white")
    median = float(np.median(values))
    ax.axvline(median, color="black", linestyle="--", linewidth=1)
    # in a corner, on white, so that it never sits on a bar
    ax.text(0.98, 0.96, f"médiane (pointillés) : {format_int(median)} mots", transform=ax.transAxes, va="top",
            ha="right", fontsize=9, bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#CCCCCC"})
    integer_axis(ax.yaxis)
    integer_axis(ax.xaxis)
    ax.set(xlabel="longueur du texte nettoyé (mots ; un nom ou une expression figée compte pour un mot)",
           ylabel="articles", title=title or f"Longueur des articles ({count_noun(len(values), 'article')})")
    return attach_table(fig, table)


def plot_cleaning(table: pd.DataFrame, *, top_rules: int = 10, colors: dict | None = None,
                  title: str | None = None):
    """Horizontal stacked bars: lines removed by each cleaning rule (in French), one colour per outlet.

    Args:
        table: from ``overview.summarize_cleaning`` (``rule, outlet, lines``).
        top_rules: the rules that removed most lines are shown.
        colors: ``plotting.outlet_colors`` of the corpus (the same colours as every figure);
            outlets without a colour of their own are summed as « autres ».
    """
    require_rows(table, "de l'audit du nettoyage")
    colors = colors or outlet_colors(table["outlet"])
    data = table.assign(rule=table["rule"].map(rule_label),
                        outlet=table["outlet"].where(table["outlet"].isin(set(colors)), OTHERS))
    wide = data.pivot_table(index="rule", columns="outlet", values="lines", aggfunc="sum", fill_value=0)
    n_rules = len(wide)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top_rules]]
    hidden = int(table["lines"].sum()) - int(wide.to_numpy().sum())
    order = [o for o in colors if o in wide.columns and o not in (OTHERS, UNKNOWN_OUTLET)]
    wide = wide[order + [o for o in (UNKNOWN_OUTLET, OTHERS) if o in wide.columns]].iloc[::-1]
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], cap_height(max(2.6, 0.32 * len(wide) + 1.8))))
    left = np.zeros(len(wide))
    for outlet in wide.columns:
        ax.barh([wrap_label(r, width=30) for r in wide.index], wide[outlet].to_numpy(), left=left, height=0.7,
                color=colors.get(outlet, OTHER_GREY), label=wrap_label(outlet, width=30))
        left += wide[outlet].to_numpy()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    ax.tick_params(axis="y", labelsize=SMALL + 0.5)
    integer_axis(ax.xaxis)
    ax.set(xlabel="lignes retirées", ylabel="règle de nettoyage",
           title=title or (f"Ce que le nettoyage a retiré ({count_noun(int(table['lines'].sum()), 'ligne')}"
                           + (f" ; les {format_int(len(wide))} règles les plus actives sur {format_int(n_rules)}, "
                              f"les autres ont retiré {count_noun(hidden, 'ligne')}" if n_rules > len(wide) else "")
                           + ")"))
    fig.legend(title="média", loc="outside lower center", ncol=min(3, len(wide.columns)))
    return attach_table(fig, data.assign(rule_id=table["rule"].to_numpy()))
