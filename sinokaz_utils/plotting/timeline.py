"""Figures of ``timeline`` tables: coverage over time, the event timeline, who met whom, dating.

Each function takes a table computed by ``sinokaz_utils.timeline`` and returns a Figure with the
table attached (``save_figure`` writes it as the CSV sidecar); none computes, saves or shows.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..labels import DATE_KINDS, OTHERS, PERIODS as _PERIOD_FR, UNKNOWN_OUTLET, count_noun, format_int, translate
from . import (COUNTRY_COLORS, FULL_WIDTH, OKABE_ITO, OTHER_GREY, SMALL, attach_table, cap_height, format_french_date,
               integer_axis, outlet_colors, require_rows, set_date_axis, wrap_label)

_PERIOD_DAYS = {"Y": 365, "Q": 91, "M": 30}
_TYPE_MARKERS = {"state_visit": "*", "official_visit": "P", "summit": "X", "talks": "o", "meeting": "s",
                 "phone_call": "^", "strategic_dialogue": "D"}
_KIND_COLORS = {"stated": OKABE_ITO["bluish_green"], "inferred": OKABE_ITO["orange"],
                "curated": OKABE_ITO["blue"], "unknown": "#BBBBBB"}


def plot_coverage(table: pd.DataFrame, *, value: str = "articles", colors: dict | None = None,
                  title: str | None = None):
    """Stacked bars of articles per period, one colour per outlet (from ``timeline.count_articles``).

    Args:
        table: ``period_start, group, articles[, per_1000]``.
        value: ``"articles"`` or ``"per_1000"`` (normalised by each outlet's output).
        colors: ``plotting.outlet_colors`` of the corpus, so that an outlet has the same colour
            in every figure (default: from this table).
        title: figure title (default: a French description with the number of articles).
    """
    require_rows(table, "de couverture")
    data = table.dropna(subset=[value])
    require_rows(data, "de couverture")
    period = str(table.attrs.get("period", "M")).upper()
    wide = data.pivot_table(index="period_start", columns="group", values=value, aggfunc="sum", fill_value=0)
    colors = dict(colors or outlet_colors(data.loc[data.index.repeat(data["articles"].astype(int))]["group"]))
    named = [g for g in colors if g in wide.columns and g not in (OTHERS, UNKNOWN_OUTLET)]
    rest = [g for g in wide.columns if g not in named and g not in (OTHERS, UNKNOWN_OUTLET)]
    order = named + [g for g in rest] + [g for g in (UNKNOWN_OUTLET, OTHERS) if g in wide.columns]
    wide = wide[order]
    fig, ax = plt.subplots(figsize=FULL_WIDTH)
    width = _PERIOD_DAYS.get(period, 30) * 0.8
    x = wide.index + pd.Timedelta(days=_PERIOD_DAYS.get(period, 30) / 2)  # centre each bar on its period
    bottom = np.zeros(len(wide))
    for group in wide.columns:
        ax.bar(x, wide[group].to_numpy(), width=width, bottom=bottom, color=colors.get(group, OTHER_GREY),
               label=wrap_label(group, width=30), edgecolor="white", linewidth=0.3)
        bottom += wide[group].to_numpy()
    if period == "Y":  # labels in the middle of each bar rather than at each 1 January; at most ~8
        step = int(np.ceil(len(wide.index) / 8))
        ax.set_xticks(x[::step], [str(d.year) for d in wide.index[::step]])
        ax.grid(axis="x", visible=False)
    else:
        set_date_axis(ax)
    ylabel = "articles" if value == "articles" else "articles pour 1 000 publiés par le média"
    n = int(table["articles"].sum())
    ax.set(xlabel=f"date de l'article, par {_PERIOD_FR.get(period, period)}", ylabel=ylabel,
           title=title or f"Articles par {_PERIOD_FR.get(period, period)} et par média ({count_noun(n, 'article daté', 'articles datés')})")
    if value == "articles":
        integer_axis(ax.yaxis)
    if len(wide.columns) > 1:
        fig.legend(title="média", loc="outside lower center", ncol=min(3, len(wide.columns)))
    return attach_table(fig, table)


def _same_meetings(events: pd.DataFrame) -> pd.DataFrame:
    """One row per meeting drawn: articles that report the same meeting (same day, type and
    actors) share one marker; ``n_articles`` says how many they are."""
    if events.empty:
        return events.assign(n_articles=pd.Series(dtype=int))
    key = ["date", "type", "china_actors", "kazakhstan_actors"]
    filled = events.assign(china_actors=events["china_actors"].fillna(""),
                           kazakhstan_actors=events["kazakhstan_actors"].fillna(""))
    grouped = filled.groupby(key, sort=False, dropna=False)
    first = grouped.head(1).set_index(key)
    first["n_articles"] = grouped.size()
    return first.reset_index()


def plot_event_timeline(events: pd.DataFrame, milestones: pd.DataFrame | None = None, *, max_labels: int = 14,
                        margin_years: float | None = 3, title: str | None = None):
    """Event timeline: China and Kazakhstan swimlanes, with curated milestones as numbered lines.

    Each meeting is a marker in the lane of each country whose actors took part (joined by a
    line when both did), shaped by its type and labelled with the actors' names (names are
    dropped beyond ``max_labels`` meetings, or where they would overlap, and the figure says how
    many). Articles that report the same meeting (same day, type and actors) share one marker,
    « ×2 » beside it. Milestones are dotted vertical lines numbered at the top and listed, with
    their dates, under the chart, which keeps the whole width for the time axis.

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
    milestones = milestones.sort_values("date").reset_index(drop=True)
    if len(events) == 0 and len(milestones) == 0:
        raise ValueError("rien à tracer : aucun événement daté et aucun jalon")
    meetings = _same_meetings(events.sort_values(["date", "doc_id"])) if len(events) else events
    entries = [wrap_label(f"{n}. {format_french_date(ms.date)} — {ms.label}", width=46).replace("\n", "\n     ")
               for n, ms in enumerate(milestones.itertuples(index=False), start=1)]
    half = (len(entries) + 1) // 2
    columns = ["\n".join(entries[:half]), "\n".join(entries[half:])]
    list_lines = max([c.count("\n") + 1 for c in columns if c] or [0]) + 2
    list_height = 0.16 * list_lines if entries else 0.35
    chart_height = 3.3
    fig, (ax, key) = plt.subplots(2, 1, figsize=(FULL_WIDTH[0], cap_height(chart_height + list_height + 1.3)),
                                  gridspec_kw={"height_ratios": [chart_height, list_height]})
    dates = pd.concat([pd.to_datetime(meetings["date"]) if len(meetings) else pd.Series(dtype="datetime64[ns]"),
                       pd.to_datetime(milestones["date"])])
    lo, hi = dates.min(), dates.max()
    pad = max(pd.Timedelta(days=90), (hi - lo) * 0.04)
    # milestones: dotted lines numbered at the top; numbers too close to the previous one go lower
    last_x, level, numbers = None, 0, []
    for n, ms in enumerate(milestones.itertuples(index=False), start=1):
        ax.axvline(ms.date, color="#999999", linestyle=":", linewidth=1, zorder=0)
        close = last_x is not None and (ms.date - last_x) < (hi - lo + 2 * pad) * 0.025
        level = (level + 1) % 2 if close else 0
        numbers.append(ax.annotate(str(n), (ms.date, 1.72 - 0.2 * level), ha="center", va="center", fontsize=SMALL,
                                   color="white", fontweight="bold",
                                   bbox={"boxstyle": "circle,pad=0.25", "fc": "#555555", "ec": "none"}))
        last_x = ms.date
    lanes = {"China": 1.0, "Kazakhstan": 0.0}
    seen_types = {}
    requests = []  # names to write beside the markers, placed once the layout is known
    last_event, dodge = None, 0
    for ev in meetings.itertuples(index=False):
        sides = [c for c, col in (("China", "china_actors"), ("Kazakhstan", "kazakhstan_actors"))
                 if str(getattr(ev, col) or "").strip()]
        if not sides:
            sides = ["China", "Kazakhstan"]  # a bilateral event whose actors the gazetteer does not know
        marker = _TYPE_MARKERS.get(ev.type, "o")
        seen_types[ev.type_label] = marker
        # a meeting closer than a marker's width to the previous one is drawn beside its lane
        x_frac = (ev.date - (lo - pad)) / (hi - lo + 2 * pad)
        dodge = dodge + 1 if last_event is not None and x_frac - last_event < 0.015 else 0
        last_event = x_frac
        # shifted towards the other lane, so that the names above and below the lanes stay clear
        shift = (0.0, 0.2, 0.4)[dodge % 3]
        inward = {"China": -shift, "Kazakhstan": shift}
        if len(sides) == 2:
            ax.plot([ev.date, ev.date], [0 + shift, 1 - shift], color="#888888", linewidth=0.8, zorder=1)
        for side in sides:
            star = marker == "*"  # state visits: the largest marker
            ax.plot(ev.date, lanes[side] + inward[side], marker=marker, markersize=12 if star else 7, linestyle="none",
                    color=COUNTRY_COLORS[side], markeredgecolor="#333333" if star else "white",
                    markeredgewidth=0.6, zorder=4 if star else 3)
        if ev.n_articles > 1:
            ax.annotate(f"×{format_int(ev.n_articles)}", (ev.date, lanes[sides[0]] + inward[sides[0]]),
                        xytext=(6, 0), textcoords="offset points", fontsize=SMALL, va="center", color="#333333")
        if len(meetings) <= max_labels:
            for side, col, sign in (("China", "china_actors", 1), ("Kazakhstan", "kazakhstan_actors", -1)):
                names = str(getattr(ev, col) or "").replace("; ", ", ")
                if names:
                    requests.append((ev.date, side, wrap_label(names, width=18), sign))
    ax.set_ylim(-1.05, 2.0)
    ax.set_yticks([1, 0], ["Chine", "Kazakhstan"])
    for tick, side in zip(ax.get_yticklabels(), ("China", "Kazakhstan")):
        tick.set_color(COUNTRY_COLORS[side])
        tick.set_fontweight("bold")
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(lo - pad, hi + pad)
    set_date_axis(ax)
    ax.set_xlabel("date de la rencontre (à défaut, date de publication de l'article)")
    n_docs = int(events["doc_id"].nunique()) if len(events) else 0
    ax.set_title(title or f"Rencontres sino-kazakhes du corpus ({count_noun(len(meetings), 'rencontre')}, "
                          f"{count_noun(n_docs, 'article')})")
    if len(events) == 0:
        ax.text(0.5, 0.5, "aucune rencontre datée dans le corpus", transform=ax.transAxes, ha="center",
                color="#555555")
    if seen_types:
        handles = [Line2D([], [], marker=m, linestyle="none", color="#555555", label=t, markersize=7)
                   for t, m in seen_types.items()]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=min(5, len(handles)),
                  title="type de rencontre", frameon=False)
    key.axis("off")
    if entries:
        key.text(0.0, 1.0, "Jalons (data/events.csv)", transform=key.transAxes, va="top", ha="left", fontsize=SMALL,
                 color="#333333", fontweight="bold")
        for x, column in zip((0.0, 0.52), columns):
            key.text(x, 0.82 if list_lines > 3 else 0.6, column, transform=key.transAxes, va="top", ha="left",
                     fontsize=SMALL, color="#333333", linespacing=1.3)
    hidden = _place_names(fig, ax, requests, lanes, obstacles=numbers)
    if hidden or len(meetings) > max_labels:
        why = (f"{count_noun(hidden, 'nom non affiché', 'noms non affichés')} faute de place" if hidden
               else f"noms non affichés au-delà de {format_int(max_labels)} rencontres")
        ax.text(1.0, -0.13, f"{why} : voir le tableau des événements", transform=ax.transAxes, ha="right", va="top",
                fontsize=SMALL, color="#555555")
    table = pd.concat([events.assign(layer="rencontre du corpus"), milestones.assign(layer="jalon vérifié")],
                      ignore_index=True)
    if "date_kind" in table:
        table["date_kind"] = table["date_kind"].map(lambda v: translate(DATE_KINDS, v, missing=""))
    return attach_table(fig, table)


def _place_names(fig, ax, requests, lanes, *, obstacles=()) -> int:
    """Write each event's names above (China) or below (Kazakhstan) its marker, on the first of three
    rows where they overlap no name already written (measured on the laid-out figure); return how
    many found no row."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    taken, hidden = [o.get_window_extent(renderer) for o in obstacles], 0
    for date, side, text, sign in requests:
        for level in range(3):
            y = lanes[side] + sign * (0.14 + 0.22 * level)
            label = ax.annotate(text, (date, y), fontsize=SMALL, ha="center", va="bottom" if sign > 0 else "top",
                                color="#333333")
            box = label.get_window_extent(renderer)
            if box.x0 < frame.x0 or box.x1 > frame.x1:  # near an edge: aligned inwards, inside the axes
                label.set_ha("left" if box.x0 < frame.x0 else "right")
                box = label.get_window_extent(renderer)
            box = box.expanded(1.08, 1.15)
            if not any(box.overlaps(other) for other in taken):
                taken.append(box)
                break
            label.remove()
        else:
            hidden += 1
    return hidden


def plot_meetings(table: pd.DataFrame, *, title: str | None = None):
    """Who met whom: a grid of Chinese (rows) × Kazakh (columns) actors, cells = number of events.

    Args:
        table: from ``timeline.count_meetings``.
    """
    require_rows(table, "des rencontres")
    grid = table.pivot_table(index="china_actor", columns="kazakhstan_actor", values="events", aggfunc="sum",
                             fill_value=0)
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False).index,
                    grid.sum(axis=0).sort_values(ascending=False).index]
    height = cap_height(max(2.4, 0.55 * len(grid.index) + 1.6))
    width = min(FULL_WIDTH[0], max(3.8, 1.2 * len(grid.columns) + 2.6))
    fig, ax = plt.subplots(figsize=(width, height))
    im = ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=max(1, grid.to_numpy().max()), aspect="auto")
    for (i, j), v in np.ndenumerate(grid.to_numpy()):
        if v:
            ax.text(j, i, format_int(v), ha="center", va="center", fontsize=9,
                    color="white" if v > grid.to_numpy().max() / 2 else "black")
    ax.set_xticks(range(len(grid.columns)), [wrap_label(c, width=14) for c in grid.columns], fontsize=SMALL + 0.5)
    ax.set_yticks(range(len(grid.index)), list(grid.index), fontsize=SMALL + 0.5)
    for t in ax.get_yticklabels():
        t.set_color(COUNTRY_COLORS["China"])
    for t in ax.get_xticklabels():
        t.set_color(COUNTRY_COLORS["Kazakhstan"])
    ax.grid(False)
    n_events = int(table["events"].sum())
    ax.set(xlabel="acteur kazakh", ylabel="acteur chinois",
           title=title or f"Qui a rencontré qui ({count_noun(len(table), 'paire nommée', 'paires nommées')}, "
                          f"{count_noun(n_events, 'rencontre')} en tout)")
    from matplotlib.ticker import MaxNLocator

    fig.colorbar(im, ax=ax, label="événements", shrink=0.8, ticks=MaxNLocator(integer=True))
    return attach_table(fig, table)


def plot_dating(table: pd.DataFrame, *, title: str | None = None):
    """Horizontal stacked bars: how publication and event dates were obtained (``timeline.summarize_dating``)."""
    require_rows(table, "de datation")
    if table["documents"].sum() == 0:
        raise ValueError("rien à tracer : aucun document")
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], 2.9))
    rows = {"publication": "date de publication", "event": "date de l'événement"}
    for y, (which, name) in enumerate(rows.items()):
        part = table[table["date"] == which]
        left = 0
        for r in part.itertuples(index=False):
            if r.documents:
                ax.barh(y, r.documents, left=left, color=_KIND_COLORS[r.kind], edgecolor="white", height=0.6,
                        label=r.label)
                ax.text(left + r.documents / 2, y, format_int(r.documents), ha="center", va="center", fontsize=SMALL,
                        color="white" if r.kind != "unknown" else "black")
                left += r.documents
    ax.set_yticks(range(len(rows)), list(rows.values()))
    ax.invert_yaxis()
    ax.grid(False)
    integer_axis(ax.xaxis)
    n = int(table.loc[table["date"] == "publication", "documents"].sum())
    ax.set(xlabel="articles", title=title or f"Comment chaque date a été obtenue ({count_noun(n, 'article')})")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    fig.legend(unique.values(), unique.keys(), loc="outside lower center", ncol=4, title="origine de la date")
    return attach_table(fig, table.assign(date=table["date"].map({"publication": "date de publication",
                                                                  "event": "date de l'événement"}),
                                          kind=table["kind"].map(lambda v: translate(DATE_KINDS, v))))
