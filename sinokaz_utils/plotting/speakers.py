"""Figures of who speaks and how speakers differ, drawn from the tables of ``sinokaz_utils.speakers``.

What belongs here: quotes per speaker, share of reported speech per outlet or article (the
keyness bars of any keyness table are ``plotting.terms.plot_keyness``), the static
log-log scatter of term frequencies with non-overlapping labels (adjustText), topic profiles
of speakers, the speaker similarity heatmap and the shared formulas chart. China and
Kazakhstan keep their house colours (``color_for``) in every one. Every function takes a
table and returns a Figure with the table attached. What does not: computing (``speakers``,
``topics``) or saving (``plotting.save_figure``).
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..labels import SPEAKER_TYPES, count_noun, format_int, format_number, of_country, term_label, translate
from . import FULL_WIDTH, SMALL, attach_table, canonical_country, cap_height, french_axis, integer_axis, wrap_label
from .terms import group_color as _country_color

JOURNALIST_COLOR = "#D9D9D9"
#: Iterations adjustText may use to keep the scatter's labels apart: an iteration limit, never a
#: time limit, so that the same table gives the same figure whatever the machine's load.
LABEL_ITERATIONS = 400


def _color_ticks(labels, countries, axis) -> None:
    for tick, country in zip(axis.get_ticklabels(), countries):
        if canonical_country(country) in ("China", "Kazakhstan"):
            tick.set_color(_country_color(country))


def plot_quotes(quotes: pd.DataFrame, *, top: int = 20, title: str | None = None) -> Figure:
    """Words quoted per speaker (bars coloured by country), with statements and articles noted.

    Args:
        quotes: the table of ``speakers.count_quotes(statements, tokens)``.
        top: the speakers quoted at most length are shown.

    Example:
        >>> fig = plot_quotes(count_quotes(statements, tokens))   # doctest: +SKIP
    """
    q = quotes.head(top).iloc[::-1]
    value = "n_words" if "n_words" in q else "n_chars"
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], cap_height(0.3 * len(q) + 1.6)))
    colours = [_country_color(c) for c in q["country_name"]]
    y = np.arange(len(q))
    ax.barh(y, q[value], color=colours)
    ax.set_yticks(y, [wrap_label(s, width=40) for s in q["speaker_label"]], fontsize=SMALL)
    xmax = float(q[value].max()) if len(q) else 1.0
    for yi, (v, ns, nd) in enumerate(zip(q[value], q["n_statements"], q["n_docs"])):
        ax.text(v + 0.01 * xmax, yi, f"{format_int(ns)} décl. · {format_int(nd)} art.", va="center", fontsize=SMALL,
                color="#444444")
    ax.set_xlim(0, xmax * 1.3)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    integer_axis(ax.xaxis)
    ax.set_xlabel("mots rapportés" if value == "n_words" else "caractères rapportés")
    countries = list(dict.fromkeys(quotes.head(top)["country_name"]))
    fig.legend(handles=[Patch(color=_country_color(c), label=c) for c in countries], loc="outside lower center",
               ncol=min(4, len(countries)), title="pays du locuteur")
    shown = f" ; les {format_int(len(q))} qui ont le plus de mots" if len(quotes) > len(q) else ""
    ax.set_title(title or f"Qui est cité, et combien ({count_noun(len(quotes), 'locuteur')}, "
                          f"{count_noun(int(quotes['n_statements'].sum()), 'déclaration')}{shown})")
    shown = quotes.assign(speaker_type=quotes["speaker_type"].map(lambda v: translate(SPEAKER_TYPES, v))) \
        if "speaker_type" in quotes else quotes
    return attach_table(fig, shown)


def plot_reported_share(share: pd.DataFrame, *, max_groups: int = 25, min_docs: int = 1, title: str | None = None,
                        group_name: str | None = None) -> Figure:
    """Voice of each outlet or article: words reported from each country's speakers vs the journalist.

    Args:
        share: the table of ``speakers.reported_speech_share`` (index = group).
        max_groups: the groups with the most words are shown.
        min_docs: groups with fewer articles are left out.

    Example:
        >>> fig = plot_reported_share(reported_speech_share(tokens, statements, docs, by="outlet"))   # doctest: +SKIP
    """
    eligible = share.loc[share["n_docs"] >= min_docs].sort_values("n_words", ascending=False)
    s = eligible.head(max_groups).sort_values("share_reported", kind="stable")
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], cap_height(0.3 * len(s) + 1.9)))
    y = np.arange(len(s))
    left = _stack_country_bars(ax, s, prefix="share_", exclude=("share_reported", "share_chars_reported"),
                               label="discours rapporté")
    ax.barh(y, 1 - left, left=left, color=JOURNALIST_COLOR, label="voix du journaliste")
    ax.set_yticks(y, [f"{wrap_label(g, width=32)} ({format_int(n)} art.)" for g, n in zip(s.index.astype(str), s["n_docs"])],
                  fontsize=SMALL)
    ax.set_xlim(0, 1)
    french_axis(ax.xaxis, percent=True)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("part des mots des articles")
    ax.set_ylabel(group_name or share.index.name or "")
    fig.legend(loc="outside lower center", ncol=2)
    noun = group_name or "groupe"
    plural = noun if noun.endswith(("s", "x")) else noun + "s"
    left_out = int((share["n_docs"] < min_docs).sum())
    notes = [count_noun(int(s["n_docs"].sum()), "article")]
    if len(eligible) > len(s):
        notes.append(f"les {format_int(len(s))} {plural} aux textes les plus longs sur {format_int(len(eligible))}")
    if left_out:
        notes.append(f"{count_noun(left_out, noun, plural)} de moins de {min_docs} articles non montré"
                     + ("s" if left_out > 1 else ""))
    ax.set_title(title or f"Discours rapporté et voix du journaliste ({' ; '.join(notes)})")
    return attach_table(fig, share)


def plot_term_scatter(table: pd.DataFrame, *, max_labels: int = 24, title: str | None = None) -> Figure:
    """Static log-log scatter of term frequencies in two groups' speech, distinctive terms labelled.

    Terms absent from one group are drawn on a floor line two octaves under the smallest
    non-zero frequency (marked « absent »; no tick of the scale between it and that frequency). Points are coloured by the group that uses them at least twice as
    often; at most ``max_labels`` labels, placed apart by adjustText within an iteration limit
    (never a time limit: two runs draw the same figure).

    Args:
        table: the table of ``speakers.compare_term_frequencies`` (per10k_x, per10k_y, side,
            label; ``attrs`` x, y and totals).

    Example:
        >>> fig = plot_term_scatter(compare_term_frequencies(tokens, statements))   # doctest: +SKIP
    """
    from adjustText import adjust_text

    x_name, y_name = table.attrs.get("x", "x"), table.attrs.get("y", "y")
    fx, fy = table["per10k_x"].to_numpy(dtype=float), table["per10k_y"].to_numpy(dtype=float)
    positive = np.concatenate([fx[fx > 0], fy[fy > 0]])
    # two octaves under the rarest term, so that « absent » never sits beside a tick of the scale
    smallest = positive.min() if len(positive) else 4.0
    floor = smallest / 4
    px, py = np.where(fx > 0, fx, floor), np.where(fy > 0, fy, floor)
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], FULL_WIDTH[0] * 0.82))
    colour = np.array([_country_color(s) if s in (x_name, y_name) else "#9A9A9A" for s in table["side"]], dtype=object)
    # deterministic jitter (by rank) so that the many terms with identical counts do not hide each other
    rng = np.random.default_rng(0)
    jit = np.exp(rng.uniform(-0.06, 0.06, size=(2, len(px))))
    ax.scatter(px * jit[0], py * jit[1], s=12, c=list(colour), alpha=0.55, linewidths=0)
    lo, hi = floor * 0.7, max(px.max(), py.max()) * 1.5 if len(px) else 10
    ax.plot([lo, hi], [lo, hi], color="#777777", linewidth=0.8, linestyle="--")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    # no tick of the scale between the floor and the rarest term: that stretch is not a frequency
    plain = plt.FuncFormatter(lambda v, _: format_number(v, 1) if v >= smallest * 0.8 else "")
    from matplotlib.ticker import FixedFormatter, FixedLocator, LogLocator

    # the floor is named where the scale is read, among the tick labels: « absent »; the scale
    # has ticks at 1, 2 and 5 of each decade, so that a short span still reads
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        axis.set_major_formatter(plain)
        axis.set_minor_locator(FixedLocator([floor]))
        axis.set_minor_formatter(FixedFormatter(["absent"]))
    ax.tick_params(which="minor", labelsize=SMALL, labelcolor="#777777", length=0)
    ax.axhline(floor, color="#BBBBBB", linewidth=0.6)
    ax.axvline(floor, color="#BBBBBB", linewidth=0.6)
    texts = []
    lab = table["label"].to_numpy(dtype=bool)
    # the most distinctive first, one side after the other, so that a cut keeps both sides
    flagged = np.flatnonzero(lab)
    rank = np.argsort(-np.abs(table["g2"].to_numpy(dtype=float)[flagged]), kind="stable")
    sides = table["side"].to_numpy()[flagged][rank]
    order = sorted(range(len(rank)), key=lambda r: (sum(sides[:r] == sides[r]), r))
    for i in flagged[rank][order][:max_labels]:
        label = ax.text(px[i] * jit[0][i], py[i] * jit[1][i], term_label(table["term"].iloc[i]), fontsize=SMALL,
                        color=colour[i] if colour[i] != "#9A9A9A" else "#333333")
        label.sinokaz_anchor = (px[i] * jit[0][i], py[i] * jit[1][i])
        texts.append(label)
    if texts:
        # an iteration limit and no time limit: the same table always gives the same placement
        adjust_text(texts, ax=ax, expand=(1.2, 1.4), force_text=(0.3, 0.5), iter_lim=LABEL_ITERATIONS, time_lim=None)
        _drop_overlapping(texts, fig, ax)
    tx, ty = table.attrs.get("total_x", 0), table.attrs.get("total_y", 0)
    ax.set_xlabel(f"fréquence chez les locuteurs {of_country(x_name)} (pour 10 000 mots ; {count_noun(tx, 'mot')})")
    ax.set_ylabel(f"fréquence chez les locuteurs {of_country(y_name)} (pour 10 000 mots ; {count_noun(ty, 'mot')})")
    ax.grid(axis="both", which="major", visible=True)
    fig.legend(handles=[Patch(color=_country_color(y_name), label=f"2 fois plus fréquent au moins chez les locuteurs {of_country(y_name)}"),
                        Patch(color=_country_color(x_name), label=f"2 fois plus fréquent au moins chez les locuteurs {of_country(x_name)}"),
                        Patch(color="#9A9A9A", label="partagé")], loc="outside lower center", ncol=2)
    ax.set_title(title or f"Vocabulaire des déclarations : {y_name} contre {x_name} ({count_noun(len(table), 'terme')})")
    return attach_table(fig, table)


def _drop_overlapping(texts: list, fig: Figure, ax) -> None:
    """Remove the labels still overlapping a label kept before them (the list is in priority order),
    then draw a thin leader from each kept label to its point where the label moved away."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    kept = []
    for t in texts:
        box = t.get_window_extent(renderer).expanded(1.04, 1.08)
        if any(box.overlaps(k) for k in kept):
            t.remove()
            continue
        kept.append(box)
        x, y = t.get_position()
        px, py = getattr(t, "sinokaz_anchor", (x, y))
        if (px, py) != (x, y):
            ax.annotate("", (px, py), xytext=(x, y), arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.5})


def plot_speaker_topics(profile: pd.DataFrame, *, countries: dict | None = None, title: str | None = None,
                        max_speakers: int = 20) -> Figure:
    """Topic profile of each speaker: a heatmap of the topics' shares in their statements.

    A heatmap, not stacked bars: one colour scale however many topics, readable in greyscale;
    speakers' names wear their country's colour.

    Args:
        profile: ``topics.topic_prevalence(model, statement_units, by="speaker_label")`` (index =
            speaker, one column per topic label, ``n_units``).
        countries: ``{speaker: country}`` to colour the names (optional).
        max_speakers: the speakers with the most statements are shown.

    Example:
        >>> fig = plot_speaker_topics(topic_prevalence(model, st_units, by="speaker_label"))   # doctest: +SKIP
    """
    from .topics import plot_topic_heatmap

    fig = plot_topic_heatmap(profile, group_name="locuteur", unit_name="décl.", max_groups=max_speakers,
                             group_colors={s: _country_color(c) for s, c in (countries or {}).items()},
                             title=title or "Profil thématique des déclarations de chaque locuteur")
    return attach_table(fig, profile)


def plot_similarity(similarity: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Heatmap of cosine similarity between speakers, grouped by country (names in country colours).

    Args:
        similarity: the square table of ``speakers.speaker_similarity`` (``attrs["country"]``
            used for colours and separators).

    Example:
        >>> fig = plot_similarity(speaker_similarity(tokens, statements))   # doctest: +SKIP
    """
    S = similarity
    n = len(S)
    M = S.to_numpy(dtype=float).copy()
    np.fill_diagonal(M, np.nan)  # self-similarity (1) would swamp the scale
    size = max(3.5, min(FULL_WIDTH[0], 0.36 * n + 2.4))
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], cap_height(size)))
    vmax = max(0.05, float(np.nanmax(M))) if n > 1 else 1.0
    im = ax.imshow(M, cmap="cividis", vmin=0, vmax=vmax)
    if n <= 10:
        for i in range(n):
            for j in range(n):
                if i != j:
                    ax.text(j, i, format_number(M[i, j], 2), ha="center", va="center", fontsize=SMALL,
                            color="black" if M[i, j] > 0.6 * vmax else "white")
    names = [wrap_label(s, width=30) for s in S.index.astype(str)]
    ax.set_xticks(range(n), names, rotation=60, ha="right", fontsize=SMALL)
    ax.set_yticks(range(n), names, fontsize=SMALL)
    countries = S.attrs.get("country", {})
    cs = [countries.get(s) for s in S.index]
    _color_ticks(S.index, cs, ax.xaxis)
    _color_ticks(S.index, cs, ax.yaxis)
    for i in range(1, n):
        if cs[i] != cs[i - 1]:
            ax.axhline(i - 0.5, color="white", linewidth=2)
            ax.axvline(i - 0.5, color="white", linewidth=2)
    ax.grid(False)
    bar = fig.colorbar(im, ax=ax, shrink=0.75, label="similarité cosinus (TF-IDF)")
    french_axis(bar.ax.yaxis, digits=2)
    ax.set_title(title or f"Qui parle comme qui ? ({count_noun(n, 'locuteur')})")
    return attach_table(fig, S)


def plot_formulas(formulas: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Shared formulas and who uses them: occurrences in each country's statements and in the journalist's voice.

    Args:
        formulas: the table of ``speakers.find_formulas`` (formulas never found are left out).

    Example:
        >>> fig = plot_formulas(find_formulas(tokens, statements, docs))   # doctest: +SKIP
    """
    f = formulas.loc[formulas["n_total"] > 0].iloc[::-1]
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], cap_height(0.32 * len(f) + 1.9)))
    y = np.arange(len(f))
    left = _stack_country_bars(ax, f, prefix="n_", exclude=("n_total", "n_docs", "n_journalist", "n_reported"),
                               label="déclarations")
    ax.barh(y, f["n_journalist"], left=left, color=JOURNALIST_COLOR, label="voix du journaliste")
    ax.set_yticks(y, [f"{wrap_label(s, width=36)} ({format_int(d)} art.)" for s, d in zip(f["formula"], f["n_docs"])],
                  fontsize=SMALL)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    integer_axis(ax.xaxis)
    ax.set_xlabel("occurrences (entre parenthèses : articles)")
    fig.legend(loc="outside lower center", ncol=3)
    ax.set_title(title or f"Formules partagées : qui les emploie ? ({count_noun(int(f['n_total'].sum()), 'occurrence')})")
    return attach_table(fig, formulas)


def _stack_country_bars(ax, table: pd.DataFrame, *, prefix: str, exclude: tuple, label: str) -> np.ndarray:
    """Draw one horizontal bar segment per country column (``<prefix><country>``), China and
    Kazakhstan first in their fixed colours; return where the stack ends, for what follows it."""
    cols = [c for c in table.columns if c.startswith(prefix) and c not in exclude]
    cols.sort(key=lambda c: ({"China": 0, "Kazakhstan": 1}.get(canonical_country(c[len(prefix):]), 2), c))
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for c in cols:
        country = c[len(prefix):]
        v = table[c].to_numpy(dtype=float)
        ax.barh(y, v, left=left, color=_country_color(country), label=f"{label} : {country}")
        left += v
    return left
