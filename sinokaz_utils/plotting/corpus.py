"""Figures of the corpus inventory (``overview`` tables): outlets, lengths, cleaning, dates.

Each function takes a table and returns a Figure with the table attached; none computes,
saves or shows.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import FULL_WIDTH, OKABE_ITO, attach_table, colors_for, wrap_label

_STATUS = [("kept", "analysé", OKABE_ITO["blue"]), ("duplicates", "doublon (copie syndiquée)", OKABE_ITO["orange"]),
           ("other_language", "autre langue", "#BBBBBB")]


def _require(table, what):
    if table is None or len(table) == 0:
        raise ValueError(f"nothing to plot: the {what} table is empty")


def plot_outlets(table: pd.DataFrame, *, top: int = 15, title: str | None = None):
    """Horizontal stacked bars: documents per outlet, split into kept / duplicates / other language.

    Args:
        table: from ``overview.count_documents``.
        top: show the ``top`` outlets with most documents (the rest are summed as "autres").
    """
    _require(table, "outlets")
    data = table.copy()
    if len(data) > top:
        rest = data.iloc[top - 1:].drop(columns="outlet").sum()
        data = pd.concat([data.iloc[:top - 1], pd.DataFrame([{"outlet": "autres", **rest.to_dict()}])],
                         ignore_index=True)
    data = data.iloc[::-1]
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], max(2.2, 0.3 * len(data) + 1.2)))
    left = np.zeros(len(data))
    labels = [wrap_label(o, width=36) for o in data["outlet"]]
    for col, name, colour in _STATUS:
        values = data[col].to_numpy()
        if values.sum():
            ax.barh(labels, values, left=left, color=colour, label=name, height=0.7)
            left += values
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set(xlabel="documents", ylabel="média", title=title or "Documents par média")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    return attach_table(fig, table)


def plot_lengths(table: pd.DataFrame, *, title: str | None = None):
    """Histogram of article lengths (words of the cleaned text), with the median marked.

    Args:
        table: from ``overview.describe_lengths`` (``n_words``).
    """
    _require(table, "lengths")
    values = table["n_words"].to_numpy()
    fig, ax = plt.subplots(figsize=FULL_WIDTH)
    bins = min(30, max(5, int(np.sqrt(len(values))) * 2))
    ax.hist(values, bins=bins, color=OKABE_ITO["blue"], edgecolor="white")
    median = float(np.median(values))
    ax.axvline(median, color="black", linestyle="--", linewidth=1)
    # in a corner, on white, so that it never sits on a bar
    ax.text(0.02, 0.96, f"médiane (pointillés) : {median:.0f} mots", transform=ax.transAxes, va="top", fontsize=9,
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#CCCCCC"})
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set(xlabel="longueur du texte nettoyé (mots)", ylabel="articles",
           title=title or f"Longueur des articles (n = {len(values)})")
    return attach_table(fig, table)


def plot_cleaning(table: pd.DataFrame, *, top_rules: int = 10, title: str | None = None):
    """Horizontal stacked bars: lines removed by each cleaning rule, one colour per outlet.

    Args:
        table: from ``overview.summarize_cleaning`` (``rule, outlet, lines``).
    """
    _require(table, "cleaning audit")
    wide = table.pivot_table(index="rule", columns="outlet", values="lines", aggfunc="sum", fill_value=0)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False).index[:top_rules]]
    outlets = wide.sum().sort_values(ascending=False).index
    if len(outlets) > 6:  # more colours than the palette can tell apart
        wide = pd.concat([wide[outlets[:5]], wide[outlets[5:]].sum(axis=1).rename("autres")], axis=1)
    wide = wide.iloc[::-1]
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], max(2.4, 0.32 * len(wide) + 1.4)))
    left = np.zeros(len(wide))
    for outlet, colour in zip(wide.columns, colors_for(wide.columns)):
        ax.barh([r.replace("_", " ") for r in wide.index], wide[outlet].to_numpy(), left=left, height=0.7,
                color="#BBBBBB" if outlet == "autres" else colour, label=wrap_label(outlet, width=28))
        left += wide[outlet].to_numpy()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set(xlabel="lignes retirées", ylabel="règle de nettoyage", title=title or "Ce que le nettoyage a retiré")
    ax.legend(title="média", loc="upper left", bbox_to_anchor=(1.01, 1))
    return attach_table(fig, table)
