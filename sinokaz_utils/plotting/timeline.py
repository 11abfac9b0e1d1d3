"""Figures of ``timeline`` tables: coverage over time, the event timeline, who met whom, dating.

Each function takes a table computed by ``sinokaz_utils.timeline`` and returns a Figure with the
table attached (``save_figure`` writes it as the CSV sidecar); none computes, saves or shows.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from . import (COUNTRY_COLORS, FULL_WIDTH, OKABE_ITO, attach_table, colors_for, format_french_date, set_date_axis,
               wrap_label)

_PERIOD_DAYS = {"Y": 365, "Q": 91, "M": 30}
_PERIOD_FR = {"Y": "année", "Q": "trimestre", "M": "mois"}
_TYPE_MARKERS = {"state_visit": "*", "official_visit": "P", "summit": "s", "talks": "o", "meeting": "o",
                 "phone_call": "^", "strategic_dialogue": "D"}
_KIND_COLORS = {"stated": OKABE_ITO["bluish_green"], "inferred": OKABE_ITO["orange"],
                "curated": OKABE_ITO["blue"], "unknown": "#BBBBBB"}


def _require(table: pd.DataFrame, what: str) -> None:
    if table is None or len(table) == 0:
        raise ValueError(f"nothing to plot: the {what} table is empty")


def plot_coverage(table: pd.DataFrame, *, value: str = "articles", title: str | None = None):
    """Stacked bars of articles per period, one colour per outlet (from ``timeline.count_articles``).

    Args:
        table: ``period_start, group, articles[, per_1000]``.
        value: ``"articles"`` or ``"per_1000"`` (normalised by each outlet's output).
        title: figure title (default: a French description).
    """
    _require(table, "coverage")
    data = table.dropna(subset=[value])
    _require(data, "coverage")
    period = str(table.attrs.get("period", "M")).upper()
    wide = data.pivot_table(index="period_start", columns="group", values=value, aggfunc="sum", fill_value=0)
    order = wide.sum().sort_values(ascending=False).index
    order = [g for g in order if g not in ("autres", "inconnu")] + [g for g in ("autres", "inconnu") if g in order]
    wide = wide[order]
    fig, ax = plt.subplots(figsize=FULL_WIDTH)
    width = _PERIOD_DAYS.get(period, 30) * 0.8
    x = wide.index + pd.Timedelta(days=_PERIOD_DAYS.get(period, 30) / 2)  # centre each bar on its period
    bottom = np.zeros(len(wide))
    for group, colour in zip(wide.columns, colors_for(wide.columns)):
        colour = "#BBBBBB" if group in ("autres", "inconnu") else colour
        ax.bar(x, wide[group].to_numpy(), width=width, bottom=bottom, color=colour, label=wrap_label(group, width=30),
               edgecolor="white", linewidth=0.3)
        bottom += wide[group].to_numpy()
    if period == "Y":  # one label per bar, in its middle, rather than at each 1 January
        ax.set_xticks(x, [str(d.year) for d in wide.index])
        ax.grid(axis="x", visible=False)
    else:
        set_date_axis(ax)
    ylabel = "articles" if value == "articles" else "articles pour 1 000 publiés par le média"
    ax.set(xlabel=f"date de publication (par {_PERIOD_FR.get(period, period)})", ylabel=ylabel,
           title=title or "Articles par période et par média")
    if value == "articles":
        ax.yaxis.get_major_locator().set_params(integer=True)
    if len(wide.columns) > 1:
        ax.legend(title="média", loc="upper left", bbox_to_anchor=(1.01, 1))
    return attach_table(fig, table)


def plot_event_timeline(events: pd.DataFrame, milestones: pd.DataFrame | None = None, *, max_labels: int = 14,
                        margin_years: float | None = 3, title: str | None = None):
    """Event timeline: China and Kazakhstan swimlanes over a band of curated milestones.

    Each event is a marker in the lane of each country whose actors took part (joined by a
    line when both did), shaped by its type and labelled (labels are dropped beyond
    ``max_labels`` events to stay legible). Milestones are grey diamonds in a top band, with
    their labels.

    Args:
        events: from ``timeline.extract_events`` (undated events are left out).
        milestones: from ``timeline.read_milestones`` (optional).
        margin_years: keep only milestones within this many years of the corpus events (all
            milestones when there is no dated event or when ``None``), so that the corpus is not
            squeezed into a corner of a thirty-year axis.
    """
    events = events.dropna(subset=["date"]) if events is not None else pd.DataFrame()
    milestones = milestones if milestones is not None else pd.DataFrame(columns=["date", "label"])
    if len(events) and len(milestones) and margin_years is not None:
        margin = pd.Timedelta(days=365.25 * margin_years)
        keep = (milestones["date"] >= events["date"].min() - margin) & (milestones["date"] <= events["date"].max() + margin)
        milestones = milestones[keep]
    if len(events) == 0 and len(milestones) == 0:
        raise ValueError("nothing to plot: no dated event and no milestone")
    n_rows = 2 if len(milestones) else 1
    fig, axes = plt.subplots(n_rows, 1, sharex=True, figsize=(FULL_WIDTH[0], 5.6 if n_rows == 2 else 3.6),
                             gridspec_kw={"height_ratios": [1.15, 1] if n_rows == 2 else [1]})
    axes = np.atleast_1d(axes)
    ax_m, ax_e = (axes[0], axes[1]) if n_rows == 2 else (None, axes[0])
    dates = pd.concat([pd.to_datetime(events.get("date", pd.Series(dtype="datetime64[ns]"))),
                       pd.to_datetime(milestones["date"])])
    lo, hi = dates.min(), dates.max()
    pad = max(pd.Timedelta(days=60), (hi - lo) * 0.04)
    if ax_m is not None:
        levels = [3, 2, 1, 0]
        for i, ms in enumerate(milestones.itertuples(index=False)):
            y = levels[i % len(levels)]
            ax_m.plot([ms.date, ms.date], [-0.6, y], color="#999999", linewidth=0.8, zorder=1)
            ax_m.plot(ms.date, y, marker="D", color="#555555", markersize=5, zorder=2)
            right_side = (ms.date - lo) > (hi - lo) * 0.7  # late milestones are labelled on their left
            ax_m.annotate(wrap_label(f"{format_french_date(ms.date)} — {ms.label}", width=34),
                          (ms.date, y), xytext=(-5 if right_side else 5, 0), textcoords="offset points",
                          ha="right" if right_side else "left", va="center", fontsize=7.5, color="#333333")
        ax_m.set_ylim(-0.8, 3.8)
        ax_m.set_yticks([])
        ax_m.spines["left"].set_visible(False)
        ax_m.grid(False)
        ax_m.set_title(title or "Rencontres rapportées par le corpus et jalons des relations sino-kazakhes")
        ax_m.text(0.0, 0.98, "jalons (data/events.csv)", transform=ax_m.transAxes, fontsize=8, color="#555555",
                  va="top")
    lanes = {"China": 1.0, "Kazakhstan": 0.0}
    seen_types = {}
    for i, ev in enumerate(events.sort_values("date").itertuples(index=False)):
        sides = [c for c, col in (("China", "china_actors"), ("Kazakhstan", "kazakhstan_actors"))
                 if str(getattr(ev, col) or "").strip()]
        if not sides:
            sides = ["China", "Kazakhstan"]  # a bilateral event whose actors the gazetteer does not know
        marker = _TYPE_MARKERS.get(ev.type, "o")
        seen_types[ev.type_label] = marker
        if len(sides) == 2:
            ax_e.plot([ev.date, ev.date], [0, 1], color="#888888", linewidth=0.8, zorder=1)
        for side in sides:
            ax_e.plot(ev.date, lanes[side], marker=marker, markersize=9 if marker == "*" else 7, linestyle="none",
                      color=COUNTRY_COLORS[side], markeredgecolor="white", markeredgewidth=0.5, zorder=3)
        if len(events) <= max_labels:
            offset = 0.16 + 0.2 * (i % 3)
            names_cn = str(ev.china_actors or "").replace("; ", ", ")
            names_kz = str(ev.kazakhstan_actors or "").replace("; ", ", ")
            if names_cn:
                ax_e.annotate(wrap_label(names_cn, width=22), (ev.date, 1 + offset), fontsize=7, ha="center",
                              va="bottom", color="#333333")
            if names_kz:
                ax_e.annotate(wrap_label(names_kz, width=22), (ev.date, -offset), fontsize=7, ha="center",
                              va="top", color="#333333")
    ax_e.set_ylim(-1.0, 2.0)
    ax_e.set_yticks([1, 0], ["Chine", "Kazakhstan"])
    for tick, side in zip(ax_e.get_yticklabels(), ("China", "Kazakhstan")):
        tick.set_color(COUNTRY_COLORS[side])
        tick.set_fontweight("bold")
    ax_e.grid(False)
    ax_e.set_xlim(lo - pad, hi + pad)
    set_date_axis(ax_e)
    ax_e.set_xlabel("date de l'événement (à défaut, de publication)")
    if len(events) == 0:
        ax_e.text(0.5, 0.5, "aucune rencontre datée dans le corpus", transform=ax_e.transAxes, ha="center",
                  color="#555555")
    if seen_types:
        handles = [Line2D([], [], marker=m, linestyle="none", color="#555555", label=t, markersize=7)
                   for t, m in seen_types.items()]
        ax_e.legend(handles=handles, title="type", loc="upper left", bbox_to_anchor=(1.01, 1))
    table = pd.concat([events.assign(layer="corpus"),
                       milestones.assign(layer="milestone")], ignore_index=True)
    return attach_table(fig, table)


def plot_meetings(table: pd.DataFrame, *, title: str | None = None):
    """Who met whom: a grid of Chinese (rows) × Kazakh (columns) actors, cells = number of events.

    Args:
        table: from ``timeline.count_meetings``.
    """
    _require(table, "meetings")
    grid = table.pivot_table(index="china_actor", columns="kazakhstan_actor", values="events", aggfunc="sum",
                             fill_value=0)
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False).index,
                    grid.sum(axis=0).sort_values(ascending=False).index]
    height = max(2.4, 0.55 * len(grid.index) + 1.6)
    width = min(FULL_WIDTH[0], max(3.8, 1.2 * len(grid.columns) + 2.6))
    fig, ax = plt.subplots(figsize=(width, height))
    im = ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=max(1, grid.to_numpy().max()), aspect="auto")
    for (i, j), v in np.ndenumerate(grid.to_numpy()):
        if v:
            ax.text(j, i, str(int(v)), ha="center", va="center", fontsize=9,
                    color="white" if v > grid.to_numpy().max() / 2 else "black")
    ax.set_xticks(range(len(grid.columns)), [wrap_label(c, width=14) for c in grid.columns], fontsize=8)
    ax.set_yticks(range(len(grid.index)), list(grid.index), fontsize=8)
    for t in ax.get_yticklabels():
        t.set_color(COUNTRY_COLORS["China"])
    for t in ax.get_xticklabels():
        t.set_color(COUNTRY_COLORS["Kazakhstan"])
    ax.grid(False)
    ax.set(xlabel="acteur kazakh", ylabel="acteur chinois", title=title or "Qui a rencontré qui")
    fig.colorbar(im, ax=ax, label="événements", shrink=0.8)
    return attach_table(fig, table)


def plot_dating(table: pd.DataFrame, *, title: str | None = None):
    """Horizontal stacked bars: how publication and event dates were obtained (``timeline.summarize_dating``)."""
    _require(table, "dating")
    if table["documents"].sum() == 0:
        raise ValueError("nothing to plot: no document")
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], 2.6))
    rows = {"publication": "date de publication", "event": "date de l'événement"}
    for y, (which, name) in enumerate(rows.items()):
        part = table[table["date"] == which]
        left = 0
        for r in part.itertuples(index=False):
            if r.documents:
                ax.barh(y, r.documents, left=left, color=_KIND_COLORS[r.kind], edgecolor="white", height=0.6,
                        label=r.label if y == 0 or r.kind not in set(table[table["date"] == "publication"]
                                                                     .query("documents > 0")["kind"]) else None)
                ax.text(left + r.documents / 2, y, str(r.documents), ha="center", va="center", fontsize=8,
                        color="white" if r.kind != "unknown" else "black")
                left += r.documents
    ax.set_yticks(range(len(rows)), list(rows.values()))
    ax.invert_yaxis()
    ax.grid(False)
    ax.set(xlabel="articles", title=title or "Comment chaque date a été obtenue")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    ax.legend(unique.values(), unique.keys(), loc="upper left", bbox_to_anchor=(1.01, 1), title="origine")
    return attach_table(fig, table)
