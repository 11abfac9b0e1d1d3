"""Figures of the topic model, drawn from the tables of ``sinokaz_utils.topics``.

What belongs here: the choice-of-k curve, the top-terms bar grid, topics over time and
prevalence heatmaps (by period, outlet, speaker country, speaker, document). Topics are told
apart by their number and label, never by a colour: bars are one neutral colour and shares are
heatmaps on one colour scale (readable in greyscale, however many topics). Every function takes
a table and returns a matplotlib Figure with that table attached (``attach_table``) for the CSV
sidecar. What does not: computing anything from the corpus (``topics``) or saving
(``plotting.save_figure``, called by the notebook).
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..labels import PERIODS, count_noun, format_int, format_number, format_percent, term_label
from . import (COUNTRY_COLORS, FULL_WIDTH, MAX_HEIGHT, NEUTRAL, OKABE_ITO, SMALL, attach_table, cap_height,
               french_axis, integer_axis, wrap_label)


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
    for ax, col, colour, name in ((ax1, "coherence", OKABE_ITO["blue"], "cohérence NPMI"),
                                  (ax2, "stability", OKABE_ITO["bluish_green"], "stabilité (Jaccard)")):
        sd = t.get(f"{col}_sd", pd.Series(0, index=t.index))
        ax.fill_between(t["k"], t[col] - sd, t[col] + sd, color=colour, alpha=0.18, linewidth=0)
        ax.plot(t["k"], t[col], marker="o", color=colour)
        ax.axvline(k, color=OKABE_ITO["black"], linestyle="--", linewidth=1)
        chosen = t.loc[t["k"] == k, col]
        if len(chosen):
            ax.plot([k], [chosen.iloc[0]], marker="o", markersize=10, markerfacecolor="none",
                    markeredgecolor=OKABE_ITO["black"], linestyle="none")
            ax.annotate(format_number(chosen.iloc[0], 2), (k, chosen.iloc[0]), xytext=(6, 6),
                        textcoords="offset points", fontsize=9)
        ax.set_ylabel(name)
        french_axis(ax.yaxis, digits=2)
    ax2.set_ylim(0, 1.05)
    ax2.set_xlabel("nombre de thèmes (k)")
    ax2.set_xticks(t["k"].tolist())
    n_seeds = int(t["n_seeds"].iloc[0]) if "n_seeds" in t else None
    seeds = f" sur {count_noun(n_seeds, 'graine')}" if n_seeds else ""
    ax1.set_title(title or f"Choix du nombre de thèmes : k = {k} (moyenne ± écart-type{seeds})")
    ax2.set_ylabel("stabilité (Jaccard)")
    ax1.set_ylabel("cohérence NPMI")
    return attach_table(fig, table)


def plot_topic_terms(terms: pd.DataFrame, *, n_terms: int = 8, ncols: int = 3, documents: dict | None = None,
                     title: str | None = None) -> Figure:
    """A grid of bar charts: the top terms of each topic with their weights, in one neutral colour.

    Args:
        terms: the long table of ``topics.topic_terms`` (topic, label, rank, term, weight).
        n_terms: terms shown per topic (fewer when the grid would be taller than a screen).
        ncols: panels per row.
        documents: ``{topic: number of articles where it is the main topic}`` for the panel titles.
        title: figure title.

    Example:
        >>> fig = plot_topic_terms(topic_terms(model))        # doctest: +SKIP
    """
    topics_ = sorted(terms["topic"].unique())
    n = len(topics_)
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    while n_terms > 4 and 0.25 * n_terms * nrows + 0.9 * nrows + 0.6 > MAX_HEIGHT:
        n_terms -= 1
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH[0], cap_height(0.25 * n_terms * nrows + 0.9 * nrows + 0.6)),
                             squeeze=False)
    documents = documents or {}
    for i, t in enumerate(topics_):
        ax = axes[i // ncols][i % ncols]
        sub = terms.loc[terms["topic"] == t].sort_values("rank").head(n_terms)
        y = np.arange(len(sub))[::-1]
        ax.barh(y, sub["weight"], color=NEUTRAL, height=0.75)
        ax.set_yticks(y, [wrap_label(term_label(s), width=22) for s in sub["term"]], fontsize=SMALL)
        n_docs = documents.get(t)
        ax.set_title(f"Thème {t}" + (f" ({count_noun(n_docs, 'article')})" if n_docs is not None else ""),
                     fontsize=SMALL + 1, loc="left")
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.tick_params(axis="x", labelsize=SMALL)
        french_axis(ax.xaxis, percent=True)
    for j in range(n, nrows * ncols):
        axes[j // ncols][j % ncols].set_visible(False)
    fig.supxlabel("poids du terme dans le thème", fontsize=9)
    fig.suptitle(title or f"Termes les plus lourds de chaque thème ({count_noun(n, 'thème')} ; entre parenthèses : "
                          "articles dont c'est le thème principal)", x=0.01, ha="left", fontsize=10, fontweight="bold")
    return attach_table(fig, terms)


def plot_topics_over_time(table: pd.DataFrame, *, title: str | None = None, min_docs: int = 1) -> Figure:
    """Share of each topic per period: a heatmap of topics (rows) × periods (columns, with their articles).

    Args:
        table: the long table of ``topics.topics_over_time`` (period, topic, label, share,
            n_units, n_docs).
        title: figure title.
        min_docs: periods with fewer documents are left out (a period of one article is that
            article, not a moment of the coverage).

    Example:
        >>> fig = plot_topics_over_time(topics_over_time(model, units, docs))   # doctest: +SKIP
    """
    t = table.loc[table["n_docs"] >= min_docs]
    if t.empty:
        raise ValueError(f"rien à tracer : aucune période n'a {count_noun(min_docs, 'article')} ou plus")
    freq = table.attrs.get("freq", "Y")
    wide = t.pivot_table(index="period", columns="label", values="share", aggfunc="first").sort_index()
    labels = (t.drop_duplicates("label").sort_values("topic")["label"]).tolist()
    ndocs = t.drop_duplicates("period").set_index("period")["n_docs"].reindex(wide.index)
    fmt = {"Y": lambda d: f"{d.year}", "Q": lambda d: f"T{d.quarter} {d.year}",
           "M": lambda d: f"{d.month:02d}/{d.year}"}.get(freq, lambda d: f"{d:%Y-%m}")
    grid = wide.reindex(columns=labels).fillna(0)
    grid.index = [f"{fmt(pd.Timestamp(p))} ({format_int(n)} art.)" for p, n in zip(wide.index, ndocs)]
    grid["n_units"] = ndocs.to_numpy()
    fig = plot_topic_heatmap(grid, group_name=PERIODS.get(freq, "période"), unit_name=None, sort=False, documents={},
                             title=title or f"Thèmes au fil du temps (part par {PERIODS.get(freq, 'période')}, "
                                            f"{count_noun(int(ndocs.sum()), 'article daté', 'articles datés')})")
    return attach_table(fig, table)


def _style_group_ticks(axis, groups, group_colors) -> None:
    """Names of China's and Kazakhstan's groups in their country's colour, in bold."""
    from .terms import group_color

    for tick, g in zip(axis.get_ticklabels(), groups):
        colour = (group_colors or {}).get(g) or group_color(g)
        if colour in (COUNTRY_COLORS["China"], COUNTRY_COLORS["Kazakhstan"]):
            tick.set_color(colour)
            tick.set_fontweight("bold")


def _fit_column_names(fig, ax, names, chars: int) -> bool:
    """Wrap the group names over the columns until no two overlap (measured on the drawn figure);
    False when they would need more than four lines: the groups then go in rows."""
    for width in range(max(8, chars), 7, -3):
        labels = [wrap_label(n, width=width) for n in names]
        if max(l.count("\n") for l in labels) >= 4:
            return False
        ax.set_xticks(ax.get_xticks(), labels)
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer).expanded(1.04, 1.0) for t in ax.xaxis.get_ticklabels()]
        if not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
            return True
    return False


def _short_topic_label(label, *, width: int = 34) -> str:
    """« 3 · pays, voisin, bon » cut at a word boundary near ``width`` characters (rotated column headers)."""
    text = str(label)
    if len(text) <= width:
        return text
    return text[:width].rsplit(",", 1)[0].rstrip() + "…"


def plot_topic_heatmap(prevalence: pd.DataFrame, *, group_name: str = "groupe", title: str | None = None,
                       max_groups: int = 30, unit_name: str | None = "unités", documents: dict | None = None,
                       group_colors: dict | None = None, sort: bool = True, _rows: bool = False) -> Figure:
    """Heatmap of topic prevalence by group (outlet, speaker country, speaker, period).

    Args:
        prevalence: the wide table of ``topics.topic_prevalence`` (index = group, one column per
            topic label, plus ``n_units`` and, when given, ``n_docs``).
        group_name: what the groups are ("média", "pays du locuteur").
        title: figure title.
        max_groups: the groups with the most units are shown.
        unit_name: what ``n_units`` counts, for the group labels ("unités", "décl."); ``None``:
            the group labels already say it. The articles of ``n_docs`` are given too.
        documents: ``{group: articles}`` (default: the ``n_docs`` column, if any).
        group_colors: ``{group: colour}`` for the group labels (countries).
        sort: order groups by number of units (else as given).

    Example:
        >>> fig = plot_topic_heatmap(topic_prevalence(model, units, by="outlet", docs=docs), group_name="média")  # doctest: +SKIP
    """
    title_asked = title
    ordered = prevalence.sort_values("n_units", ascending=False, kind="stable") if sort else prevalence
    p = ordered.head(max_groups)
    labels = [c for c in p.columns if c not in ("n_units", "n_docs")]
    documents = documents if documents is not None else (p["n_docs"].to_dict() if "n_docs" in p else {})

    def name(g, n):
        parts = [f"{format_int(documents[g])} art."] if g in documents else []
        if unit_name:
            parts.append(f"{format_int(n)} {unit_name}")
        return f"{g} – {', '.join(parts)}" if parts else str(g)

    names = [name(g, n) for g, n in zip(p.index, p["n_units"])]
    M = p[labels].to_numpy(dtype=float)
    # Topics as rows (their labels read horizontally) and groups as columns, only while every
    # group's name fits its column on at most four lines; else groups as rows, topics as columns.
    col_chars = int(FULL_WIDTH[0] * 100 * 0.55 / max(1, len(p)) / (SMALL * 0.68))
    wrapped = [wrap_label(n, width=max(8, col_chars)) for n in names]
    transpose = not _rows and len(p) <= 6 and all(max(len(w) for w in c.split("\n")) <= col_chars
                                                  and c.count("\n") < 4 for c in wrapped)
    if transpose:
        M = M.T
        rows = [wrap_label(l, width=40) for l in labels]
        cols = wrapped
        h = 0.36 * len(labels) + 0.16 * max(c.count("\n") + 1 for c in cols) + 1.6
    else:
        rows = [wrap_label(n, width=44) for n in names]
        cols = [_short_topic_label(l) for l in labels]
        h = 0.3 * len(p) + 1.5 + 0.055 * max(len(c) for c in cols)
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], cap_height(max(2.8, h))))
    vmax = max(0.01, float(np.nanmax(M))) if M.size else 1.0
    im = ax.imshow(M, aspect="auto", cmap="cividis", vmin=0, vmax=vmax)
    if M.shape[0] * M.shape[1] <= 160:
        # with many columns a cell holds only its figure; shares under 10 % are then left blank
        floor = 0.0 if M.shape[1] <= 8 else 0.1
        for i in range(M.shape[0]):
            for j in range(M.shape[1]):
                v = M[i, j]
                if np.isnan(v) or v < floor:
                    continue
                ax.text(j, i, format_percent(v), ha="center", va="center", fontsize=SMALL,
                        color="black" if v > 0.6 * vmax else "white")
    if transpose:
        ax.set_xticks(range(len(cols)), cols, fontsize=SMALL)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(rows)), rows, fontsize=SMALL)
        group_axis = ax.xaxis
    else:
        ax.set_xticks(range(len(cols)), cols, rotation=40, ha="right", rotation_mode="anchor", fontsize=SMALL)
        ax.set_yticks(range(len(rows)), rows, fontsize=SMALL)
        group_axis = ax.yaxis
    _style_group_ticks(group_axis, p.index, group_colors)
    ax.grid(False)
    bar = fig.colorbar(im, ax=ax, shrink=0.8, label="part du thème")
    french_axis(bar.ax.yaxis, percent=True)
    shown = count_noun(len(p), group_name, group_name + "s")
    if len(p) < len(prevalence):
        units_word = {"décl.": "déclarations", "art.": "articles"}.get(unit_name or "", unit_name or "unités")
        shown += f" sur {format_int(len(prevalence))}, ceux qui ont le plus de {units_word}"
    blank = " ; cases vides : moins de 10 %" if M.shape[0] * M.shape[1] <= 160 and M.shape[1] > 8 else ""
    if title is None:
        title = f"Part de chaque thème par {group_name} ({shown}{blank})"
    elif len(p) < len(prevalence) or blank:
        title = f"{title} ({shown}{blank})"
    ax.set_title(title)
    if transpose:  # measured once the figure has its colour bar and title: names that do not fit go in rows
        if not _fit_column_names(fig, ax, names, col_chars):
            plt.close(fig)
            return plot_topic_heatmap(prevalence, group_name=group_name, title=title_asked, max_groups=max_groups,
                                      unit_name=unit_name, documents=documents, group_colors=group_colors, sort=sort,
                                      _rows=True)
        _style_group_ticks(ax.xaxis, p.index, group_colors)
    return attach_table(fig, prevalence)
