"""Figures of the topic model, drawn from the tables of ``sinokaz_utils.topics``.

What belongs here: the choice-of-k curve, the top-terms bar grid, topics over time and
prevalence heatmaps (by outlet, by speaker country, by document). Every function takes a table
and returns a matplotlib Figure with that table attached (``attach_table``) for the CSV
sidecar. What does not: computing anything from the corpus (``topics``) or saving
(``plotting.save_figure``, called by the notebook).
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import CYCLE, FULL_WIDTH, OKABE_ITO, attach_table, color_for, set_date_axis, wrap_label


#: Paul Tol's "muted" colour-blind-safe palette, used after the Okabe–Ito colours when there are
#: many topics (its light cyan is left out: too close to Kazakhstan's sky blue).
TOL_MUTED = ["#332288", "#117733", "#44AA99", "#DDCC77", "#CC6677", "#AA4499", "#882255", "#999933", "#661100"]


def topic_colors(n: int) -> list[str]:
    """Colours for ``n`` topics: Okabe–Ito without the two country colours, then Tol's muted palette.

    Vermillion and sky blue mean China and Kazakhstan in every figure, so topics never use them.

    Example:
        >>> len(set(topic_colors(12)))
        12
    """
    base = list(CYCLE) + TOL_MUTED
    return [base[i % len(base)] for i in range(n)]


def plot_k_selection(table: pd.DataFrame, k: int, *, title: str | None = None) -> Figure:
    """Coherence and stability against the number of topics, with the chosen k marked.

    Args:
        table: the table of ``topics.select_k`` (k, coherence, coherence_sd, stability,
            stability_sd).
        k: the chosen number of topics.
        title: figure title (default: a description of the choice).

    Returns:
        A Figure with two stacked panels sharing the k axis.

    Example:
        >>> fig = plot_k_selection(table, k)                  # doctest: +SKIP
    """
    fig, (ax1, ax2) = plt.subplots(2, 1, sharex=True, figsize=(FULL_WIDTH[0], 4.6))
    t = table.sort_values("k")
    for ax, col, colour, name in ((ax1, "coherence", OKABE_ITO["blue"], "Cohérence NPMI"),
                                  (ax2, "stability", OKABE_ITO["bluish_green"], "Stabilité (Jaccard)")):
        sd = t.get(f"{col}_sd", pd.Series(0, index=t.index))
        ax.fill_between(t["k"], t[col] - sd, t[col] + sd, color=colour, alpha=0.18, linewidth=0)
        ax.plot(t["k"], t[col], marker="o", color=colour)
        ax.axvline(k, color=OKABE_ITO["black"], linestyle="--", linewidth=1)
        chosen = t.loc[t["k"] == k, col]
        if len(chosen):
            ax.plot([k], [chosen.iloc[0]], marker="o", markersize=10, markerfacecolor="none",
                    markeredgecolor=OKABE_ITO["black"], linestyle="none")
            ax.annotate(f"{chosen.iloc[0]:.2f}", (k, chosen.iloc[0]), xytext=(6, 6),
                        textcoords="offset points", fontsize=9)
        ax.set_ylabel(name)
    ax2.set_ylim(0, 1.05)
    ax2.set_xlabel("Nombre de thèmes (k)")
    ax2.set_xticks(t["k"].tolist())
    n_seeds = int(t["n_seeds"].iloc[0]) if "n_seeds" in t else None
    seeds = f" sur {n_seeds} graines" if n_seeds else ""
    ax1.set_title(title or f"Choix du nombre de thèmes : k = {k} (moyenne ± écart-type{seeds})")
    return attach_table(fig, table)


def plot_topic_terms(terms: pd.DataFrame, *, n_terms: int = 8, ncols: int = 3, title: str | None = None) -> Figure:
    """A grid of bar charts: the top terms of each topic with their weights.

    Args:
        terms: the long table of ``topics.topic_terms`` (topic, label, rank, term, weight).
        n_terms: terms shown per topic.
        ncols: panels per row.
        title: figure title.

    Example:
        >>> fig = plot_topic_terms(topic_terms(model))        # doctest: +SKIP
    """
    topics_ = sorted(terms["topic"].unique())
    n = len(topics_)
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH[0], 0.25 * n_terms * nrows + 0.9 * nrows + 0.4),
                             squeeze=False)
    colours = topic_colors(n)
    for i, t in enumerate(topics_):
        ax = axes[i // ncols][i % ncols]
        sub = terms.loc[terms["topic"] == t].sort_values("rank").head(n_terms)
        y = np.arange(len(sub))[::-1]
        ax.barh(y, sub["weight"], color=colours[i], height=0.75)
        ax.set_yticks(y, [wrap_label(s, width=24) for s in sub["term"]], fontsize=8)
        ax.set_title(f"Thème {t}", fontsize=9, loc="left")
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.tick_params(axis="x", labelsize=7)
    for j in range(n, nrows * ncols):
        axes[j // ncols][j % ncols].set_visible(False)
    fig.suptitle(title or "Termes les plus lourds de chaque thème (poids dans le thème)", x=0.01,
                 ha="left", fontsize=11, fontweight="bold")
    return attach_table(fig, terms)


def plot_topics_over_time(table: pd.DataFrame, *, title: str | None = None, min_docs: int = 1) -> Figure:
    """Share of each topic per period, as a stacked area of the periods' topic mix.

    Args:
        table: the long table of ``topics.topics_over_time`` (period, topic, label, share,
            n_units, n_docs).
        title: figure title.
        min_docs: periods with fewer documents are left out.

    Example:
        >>> fig = plot_topics_over_time(topics_over_time(model, units, docs))   # doctest: +SKIP
    """
    t = table.loc[table["n_docs"] >= min_docs]
    wide = t.pivot_table(index="period", columns="label", values="share", aggfunc="first").sort_index()
    labels = (t.drop_duplicates("label").sort_values("topic")["label"]).tolist()
    wide = wide.reindex(columns=labels).fillna(0)
    ndocs = t.drop_duplicates("period").set_index("period")["n_docs"].reindex(wide.index)
    fig, (ax, axn) = plt.subplots(2, 1, sharex=True, figsize=(FULL_WIDTH[0], 5.2),
                                  gridspec_kw={"height_ratios": [4, 1]})
    x = pd.to_datetime(wide.index)
    colours = topic_colors(len(labels))
    freq = table.attrs.get("freq", "Y")
    # Bars, not areas: periods without articles stay empty instead of being interpolated over.
    width = {"Y": 250, "Q": 65, "M": 22}.get(freq, 22)
    bottom = np.zeros(len(x))
    for lab, c in zip(labels, colours):
        ax.bar(x, wide[lab].to_numpy(), bottom=bottom, color=c, width=width, label=wrap_label(lab, width=34))
        bottom += wide[lab].to_numpy()
    ax.set_ylim(0, 1)
    ax.set_ylabel("Part du thème")
    period_name = {"Y": "année", "Q": "trimestre", "M": "mois"}.get(freq, "période")
    ax.set_title(title or f"Thèmes au fil du temps (part par {period_name} de publication)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5)
    axn.bar(x, ndocs.to_numpy(), width=width, color="#999999")
    axn.set_ylabel("Articles", fontsize=8)
    set_date_axis(axn)
    return attach_table(fig, table)


def plot_topic_heatmap(prevalence: pd.DataFrame, *, group_name: str = "groupe", title: str | None = None,
                       max_groups: int = 30) -> Figure:
    """Heatmap of topic prevalence by group (outlet, speaker country, document, period).

    Args:
        prevalence: the wide table of ``topics.topic_prevalence`` (index = group, one column per
            topic label, plus ``n_units``).
        group_name: what the groups are, for the axis label ("média", "pays du locuteur").
        title: figure title.
        max_groups: the groups with the most units are shown.

    Example:
        >>> fig = plot_topic_heatmap(topic_prevalence(model, units, by="outlet", docs=docs), group_name="média")  # doctest: +SKIP
    """
    p = prevalence.sort_values("n_units", ascending=False).head(max_groups)
    labels = [c for c in p.columns if c != "n_units"]
    groups = [f"{wrap_label(g, width=30)} (n={n})" for g, n in zip(p.index.astype(str), p["n_units"])]
    M = p[labels].to_numpy(dtype=float)
    # Few groups (countries): topics as rows so that their labels read horizontally.
    transpose = len(p) <= 6
    if transpose:
        M = M.T
        rows, cols = [wrap_label(l, width=40) for l in labels], groups
        h = 0.32 * len(labels) + 1.6
    else:
        rows, cols = groups, labels
        h = 0.3 * len(p) + 0.11 * max(len(l) for l in labels) + 1.2
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], max(2.6, h)))
    vmax = max(0.01, float(np.nanmax(M)))
    im = ax.imshow(M, aspect="auto", cmap="cividis", vmin=0, vmax=vmax)
    for i in range(M.shape[0]):
        for j in range(M.shape[1]):
            v = M[i, j]
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=7,
                    color="black" if v > 0.6 * vmax else "white")
    if transpose:
        ax.set_xticks(range(len(cols)), cols, fontsize=8)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(rows)), rows, fontsize=7.5)
        group_axis = ax.xaxis
        ax.set_xlabel(group_name)
        ax.xaxis.set_label_position("top")
    else:
        ax.set_xticks(range(len(cols)), cols, rotation=90, fontsize=7)
        ax.set_yticks(range(len(rows)), rows, fontsize=8)
        group_axis = ax.yaxis
        ax.set_ylabel(group_name)
    for tick, g in zip(group_axis.get_ticklabels(), p.index.astype(str)):
        if color_for(g) in (color_for("China"), color_for("Kazakhstan")):
            tick.set_color(color_for(g))
            tick.set_fontweight("bold")
    ax.grid(False)
    fig.colorbar(im, ax=ax, shrink=0.8, label="Part du thème")
    ax.set_title(title or f"Part de chaque thème par {group_name}")
    return attach_table(fig, prevalence)
