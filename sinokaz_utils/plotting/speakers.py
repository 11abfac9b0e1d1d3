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

from . import FULL_WIDTH, attach_table, canonical_country, wrap_label
from .terms import group_color as _country_color
from .topics import topic_colors

JOURNALIST_COLOR = "#D9D9D9"


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
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], 0.28 * len(q) + 1.3))
    colours = [_country_color(c) for c in q["country_name"]]
    y = np.arange(len(q))
    ax.barh(y, q[value], color=colours)
    ax.set_yticks(y, [wrap_label(s, width=40) for s in q["speaker_label"]], fontsize=8)
    xmax = float(q[value].max()) if len(q) else 1.0
    for yi, (v, ns, nd) in enumerate(zip(q[value], q["n_statements"], q["n_docs"])):
        ax.text(v + 0.01 * xmax, yi, f"{ns} décl. · {nd} art.", va="center", fontsize=7, color="#444444")
    ax.set_xlim(0, xmax * 1.25)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel("Mots rapportés" if value == "n_words" else "Caractères rapportés")
    countries = list(dict.fromkeys(quotes.head(top)["country_name"]))
    ax.legend(handles=[Patch(color=_country_color(c), label=c) for c in countries], loc="lower right")
    ax.set_title(title or "Qui est cité, et combien (mots de discours rapporté)")
    return attach_table(fig, quotes)


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
    s = share.loc[share["n_docs"] >= min_docs].sort_values("n_words", ascending=False).head(max_groups)
    s = s.sort_values("share_reported")
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], 0.3 * len(s) + 1.5))
    y = np.arange(len(s))
    left = _stack_country_bars(ax, s, prefix="share_", exclude=("share_reported", "share_chars_reported"),
                               label="discours rapporté")
    ax.barh(y, 1 - left, left=left, color=JOURNALIST_COLOR, label="voix du journaliste")
    ax.set_yticks(y, [f"{wrap_label(g, width=32)} ({n})" for g, n in zip(s.index.astype(str), s["n_docs"])], fontsize=8)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Part des mots de l'article (entre parenthèses : nombre d'articles)")
    ax.set_ylabel(group_name or share.index.name or "")
    fig.legend(loc="outside lower center", ncol=2, fontsize=8)
    ax.set_title(title or "Discours rapporté et voix du journaliste")
    return attach_table(fig, share)


def plot_term_scatter(table: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Static log-log scatter of term frequencies in two groups' speech, distinctive terms labelled.

    Terms absent from one group are drawn on a floor line at half the smallest non-zero
    frequency (marked "0"). Points are coloured by the group that uses them at least twice as
    often; labels are placed without overlap by adjustText.

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
    floor = positive.min() / 2 if len(positive) else 1.0
    px, py = np.where(fx > 0, fx, floor), np.where(fy > 0, fy, floor)
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], FULL_WIDTH[0] * 0.85))
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
    plain = plt.FuncFormatter(lambda v, _: f"{v:g}")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(plain)
    ax.axhline(floor, color="#BBBBBB", linewidth=0.6)
    ax.axvline(floor, color="#BBBBBB", linewidth=0.6)
    ax.text(floor, lo, " 0", fontsize=7, color="#777777", va="bottom")
    ax.text(lo, floor, "0 ", fontsize=7, color="#777777", ha="left", va="bottom")
    texts = []
    lab = table["label"].to_numpy(dtype=bool)
    for i in np.flatnonzero(lab):
        texts.append(ax.text(px[i] * jit[0][i], py[i] * jit[1][i], str(table["term"].iloc[i]), fontsize=7.5,
                             color=colour[i] if colour[i] != "#9A9A9A" else "#333333"))
    if texts:
        adjust_text(texts, ax=ax, arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.5},
                    expand=(1.2, 1.4), force_text=(0.3, 0.5))
    tx, ty = table.attrs.get("total_x", ""), table.attrs.get("total_y", "")
    ax.set_xlabel(f"Fréquence chez les locuteurs : {x_name} (pour 10 000 mots ; {tx} mots)")
    ax.set_ylabel(f"Fréquence chez les locuteurs : {y_name} (pour 10 000 mots ; {ty} mots)")
    ax.grid(axis="both", which="major", visible=True)
    ax.legend(handles=[Patch(color=_country_color(y_name), label=f"≥ 2× plus chez {y_name}"),
                       Patch(color=_country_color(x_name), label=f"≥ 2× plus chez {x_name}"),
                       Patch(color="#9A9A9A", label="partagé")], loc="upper left", fontsize=8)
    ax.set_title(title or f"Vocabulaire des déclarations : {y_name} contre {x_name}")
    return attach_table(fig, table)


def plot_speaker_topics(profile: pd.DataFrame, *, countries: dict | None = None, title: str | None = None,
                        max_speakers: int = 20) -> Figure:
    """Topic profile of each speaker: stacked bars of the topics in their statements.

    Args:
        profile: ``topics.topic_prevalence(model, statement_units, by="speaker_label")`` (index =
            speaker, one column per topic label, ``n_units``).
        countries: ``{speaker: country}`` to colour the names (optional).
        max_speakers: the speakers with the most statements are shown.

    Example:
        >>> fig = plot_speaker_topics(topic_prevalence(model, st_units, by="speaker_label"))   # doctest: +SKIP
    """
    p = profile.sort_values("n_units", ascending=False).head(max_speakers).iloc[::-1]
    labels = [c for c in p.columns if c != "n_units"]
    colours = topic_colors(len(labels))
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], 0.3 * len(p) + 2.0))
    y = np.arange(len(p))
    left = np.zeros(len(p))
    for lab, c in zip(labels, colours):
        v = p[lab].to_numpy(dtype=float)
        ax.barh(y, v, left=left, color=c, label=wrap_label(lab, width=30))
        left += v
    ax.set_yticks(y, [f"{wrap_label(s, width=36)} ({n})" for s, n in zip(p.index.astype(str), p["n_units"])], fontsize=8)
    if countries:
        _color_ticks(p.index, [countries.get(s) for s in p.index], ax.yaxis)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Part des thèmes dans les déclarations (entre parenthèses : nombre de déclarations)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)
    ax.set_title(title or "Profil thématique des locuteurs")
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
    size = max(3.5, min(FULL_WIDTH[0], 0.38 * n + 2.2))
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], size))
    vmax = max(0.05, float(np.nanmax(M))) if n > 1 else 1.0
    im = ax.imshow(M, cmap="cividis", vmin=0, vmax=vmax)
    if n <= 16:
        for i in range(n):
            for j in range(n):
                if i != j:
                    ax.text(j, i, f"{M[i, j]:.2f}", ha="center", va="center", fontsize=6.5,
                            color="black" if M[i, j] > 0.6 * vmax else "white")
    names = [wrap_label(s, width=30) for s in S.index.astype(str)]
    ax.set_xticks(range(n), names, rotation=60, ha="right", fontsize=7.5)
    ax.set_yticks(range(n), names, fontsize=7.5)
    countries = S.attrs.get("country", {})
    cs = [countries.get(s) for s in S.index]
    _color_ticks(S.index, cs, ax.xaxis)
    _color_ticks(S.index, cs, ax.yaxis)
    for i in range(1, n):
        if cs[i] != cs[i - 1]:
            ax.axhline(i - 0.5, color="white", linewidth=2)
            ax.axvline(i - 0.5, color="white", linewidth=2)
    ax.grid(False)
    fig.colorbar(im, ax=ax, shrink=0.75, label="Similarité cosinus (TF-IDF)")
    ax.set_title(title or "Qui parle comme qui ? Similarité du vocabulaire des locuteurs")
    return attach_table(fig, S)


def plot_formulas(formulas: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Shared formulas and who uses them: occurrences in each country's statements and in the journalist's voice.

    Args:
        formulas: the table of ``speakers.find_formulas`` (formulas never found are left out).

    Example:
        >>> fig = plot_formulas(find_formulas(tokens, statements, docs))   # doctest: +SKIP
    """
    f = formulas.loc[formulas["n_total"] > 0].iloc[::-1]
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], 0.32 * len(f) + 1.6))
    y = np.arange(len(f))
    left = _stack_country_bars(ax, f, prefix="n_", exclude=("n_total", "n_docs", "n_journalist", "n_reported"),
                               label="déclarations")
    ax.barh(y, f["n_journalist"], left=left, color=JOURNALIST_COLOR, label="voix du journaliste")
    ax.set_yticks(y, [f"{wrap_label(s, width=36)} ({d} art.)" for s, d in zip(f["formula"], f["n_docs"])], fontsize=8)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel("Occurrences")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title or "Formules partagées : qui les emploie ?")
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
