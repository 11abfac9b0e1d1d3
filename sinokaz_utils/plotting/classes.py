"""Figures of a Reinert classification: the dendrogram, the class profiles, the correspondence map.

What belongs here: drawing the tables of ``sinokaz_utils.classes`` — the descending tree with
each class's size and most characteristic terms (:func:`plot_dendrogram`), the χ² of those
terms per class (:func:`plot_class_profiles`), the first plane of a correspondence analysis
with groups and the terms that contribute most, labels kept apart by adjustText within an
iteration limit (:func:`plot_correspondence_map`). One colour per class in all three, from the
Okabe–Ito palette without China's and Kazakhstan's colours (a class is not a country). What
does not: computing (``classes``) or saving (``plotting.save_figure``).
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import offset_copy

from ..labels import count_noun, format_number, term_label
from . import CYCLE, FULL_WIDTH, attach_table, colors_for, require_rows, wrap_label

#: Iterations adjustText may use to keep labels apart (an iteration limit, never a time limit,
#: so that two runs draw the same figure).
LABEL_ITERATIONS = 300
_GROUP_MARKER = 90  # area (points²) of a group's marker on the correspondence map


def _mix(colour, other, share: float) -> tuple:
    return tuple((1 - share) * a + share * b for a, b in zip(to_rgb(colour), to_rgb(other)))


def class_colors(classes) -> dict:
    """Return one colour per class label, in the order given: the palette, then lighter tints of it.

    Example:
        >>> class_colors([1, 2])[1] == CYCLE[0]
        True
    """
    labels = list(dict.fromkeys(classes))
    out = {}
    for i, label in enumerate(labels):
        base = CYCLE[i % len(CYCLE)]
        out[label] = base if i < len(CYCLE) else _mix(base, "white", 0.45 if i < 2 * len(CYCLE) else 0.7)
    return out


def _text_color(colour) -> tuple:
    """A colour dark enough for text on white (the palette's yellow and the tints are too pale)."""
    r, g, b = to_rgb(colour)
    return _mix(colour, "black", 0.45) if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6 else (r, g, b)


# --------------------------------------------------------------------------- dendrogram


def _leaf_positions(tree: pd.DataFrame) -> dict:
    """y of every node: leaves by class number from the top, a parent between its children."""
    nodes = tree.set_index("node")
    y = {int(n): -float(c) for n, c in zip(tree["node"], tree["classe"]) if pd.notna(c)}

    def place(node):
        if node not in y:
            row = nodes.loc[node]
            y[node] = (place(int(row["left"])) + place(int(row["right"]))) / 2
        return y[node]

    place(int(tree["node"].iloc[0]))
    return y


def plot_dendrogram(tree: pd.DataFrame, *, profiles: pd.DataFrame | None = None, n_terms: int = 8,
                    max_p: float = 0.05, n_units: int | None = None, title: str | None = None) -> Figure:
    """The descending classification as a tree: the first split at the left, one row per class at the right.

    Each split is drawn at its height (rainette's: its χ² plus those of the later splits) and
    labelled with its own χ²; each class shows its share of the classified segments and, given
    ``profiles``, its most characteristic terms (χ² > 0, p < ``max_p``), as IRaMuTeQ prints
    them under its dendrogram.

    Args:
        tree: ``Classification.tree``.
        profiles: the table of ``classes.class_profiles``.
        n_terms: terms listed for each class.
        max_p: significance threshold of the terms listed.
        n_units: all the segments, classified or not: the title then says how many are classified.
        title: the figure's title.

    Example:
        >>> fig = plot_dendrogram(result.tree, profiles=class_profiles(X, result.units["classe"], terms=terms))  # doctest: +SKIP
    """
    require_rows(tree, "de l'arbre")
    leaves = tree[tree["classe"].notna()].sort_values("classe")
    colours = class_colors(leaves["classe"].tolist())
    total = int(tree["n_units"].iloc[0]) or 1
    y = _leaf_positions(tree)
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], 0.62 * len(leaves) + 1.2))
    top = float(tree["height"].max()) or 1.0
    x = {int(n): float(h) for n, h in zip(tree["node"], tree["height"])}
    for row in tree[tree["left"].notna()].itertuples():
        for child in (int(row.left), int(row.right)):
            ax.plot([x[row.node], x[row.node], x[child]], [y[row.node], y[child], y[child]],
                    color="#555555", linewidth=1.1, solid_capstyle="butt")
        # beside the split's vertical bar, where no line runs
        ax.text(x[row.node] - 0.01 * top, y[row.node], f"χ² {format_number(row.chi2, 0)}", ha="left", va="center",
                fontsize=7, color="#555555")
    text_x = -0.04 * top
    for row in leaves.itertuples():
        c = int(row.classe)
        ax.scatter([0], [y[row.node]], s=70, marker="s", color=colours[c], zorder=3)
        share = 100 * row.n_units / total
        header = f"Classe {c} · {count_noun(row.n_units, 'segment')} ({format_number(share, 1)} %)"
        ax.text(text_x, y[row.node] + 0.14, header, ha="left", va="bottom", fontsize=8.5, fontweight="bold",
                color=_text_color(colours[c]))
        if profiles is not None and len(profiles):
            terms = profiles[(profiles["classe"] == c) & (profiles["chi2"] > 0) & (profiles["p"] < max_p)]
            line = ", ".join(map(term_label, terms["term"].head(n_terms))) or "aucun terme significatif"
            ax.text(text_x, y[row.node] - 0.06, wrap_label(line, width=62), ha="left", va="top", fontsize=7.5,
                    color="#333333", linespacing=1.1)
    ax.set_xlim(top * 1.12, -top * 1.05)
    ax.set_ylim(-len(leaves) - 0.8, -0.4)
    ax.axis("off")
    default = f"Classification descendante hiérarchique (Reinert) : {count_noun(len(leaves), 'classe')}"
    if n_units:
        default += (f"\n{count_noun(total, 'segment classé', 'segments classés')} sur {format_number(n_units)} "
                    f"({format_number(100 * total / n_units, 0)} %)")
    ax.set_title(title or default, loc="left")
    return attach_table(fig, tree)


# --------------------------------------------------------------------------- profiles


def plot_class_profiles(profiles: pd.DataFrame, *, n: int = 10, max_p: float = 0.05, ncols: int = 3,
                        sizes=None, title: str | None = None) -> Figure:
    """The ``n`` most characteristic terms of each class by χ², one small panel per class.

    Bars take the class's colour; a term with p ≥ ``max_p`` is hatched (the house mark of a
    difference that chance may explain). Each bar is annotated with the segments of the class
    containing the term over all classified segments containing it. Each panel has its own
    χ² scale: a small class's terms stay readable beside a large one's (the counts compare them).

    Args:
        profiles: the table of ``classes.class_profiles``.
        n: terms per class.
        max_p: significance threshold (hatched above).
        ncols: panels per row.
        sizes: segments of each class (``{classe: n}`` or a Series), written in the panel titles.
        title: the figure's title.

    Example:
        >>> fig = plot_class_profiles(class_profiles(X, result.units["classe"], terms=terms))   # doctest: +SKIP
    """
    require_rows(profiles, "des profils")
    top = profiles[profiles["chi2"] > 0].sort_values(["classe", "chi2"], ascending=[True, False],
                                                     kind="stable").groupby("classe").head(n)
    require_rows(top, "des profils (aucun χ² positif)")
    numbers = list(dict.fromkeys(top["classe"].tolist()))
    colours = class_colors(numbers)
    sizes = dict(sizes.items()) if isinstance(sizes, pd.Series) else dict(sizes or {})
    ncols = min(ncols, len(numbers))
    nrows = math.ceil(len(numbers) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH[0], (0.2 * n + 0.75) * nrows + 0.6), squeeze=False)
    for ax, c in zip(axes.flat, numbers):
        part = top[top["classe"] == c]
        span = float(part["chi2"].max()) or 1.0
        yy = np.arange(len(part))[::-1]
        weak = part["p"].to_numpy() >= max_p
        ax.barh(yy, part["chi2"], height=0.72, color=[("white" if w else colours[c]) for w in weak],
                edgecolor=[colours[c]] * len(part), hatch=None, linewidth=0.8)
        for bar, w in zip(ax.patches, weak):
            if w:
                bar.set_hatch("////")
        ax.set_yticks(yy, [wrap_label(term_label(t), width=24) for t in part["term"]], fontsize=7.5, linespacing=0.9)
        for yi, (chi2, a, f) in zip(yy, part[["chi2", "n_class", "n_total"]].itertuples(index=False)):
            ax.text(chi2 + 0.03 * span, yi, f"{a}/{f}", va="center", ha="left", fontsize=6.5, color="#555555")
        ax.set_xlim(0, span * 1.35)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x")
        ax.tick_params(axis="x", labelsize=7)
        size = sizes.get(c, sizes.get(int(c))) if sizes else None
        # the size on its own line: a last panel's title may not run past the figure's edge
        ax.set_title(f"Classe {c}" + (f"\n{count_noun(size, 'segment')}" if size is not None else ""), fontsize=9,
                     color=_text_color(colours[c]), loc="left")
    for ax in list(axes.flat)[len(numbers):]:
        ax.set_visible(False)
    fig.supxlabel("χ² d'association à la classe (échelle propre à chaque classe)\nà droite des barres : segments "
                  "de la classe / segments classés contenant le terme", fontsize=8)
    if (top["p"] >= max_p).any():
        fig.legend(handles=[Patch(facecolor="white", edgecolor="#777777", hatch="////",
                                  label=f"p ≥ {format_number(max_p, 2)}")], loc="upper right", fontsize=8)
    fig.suptitle(title or "Profils des classes : termes les plus caractéristiques", x=0.01, ha="left",
                 fontweight="bold", fontsize=11)
    return attach_table(fig, top.reset_index(drop=True))


# --------------------------------------------------------------------------- correspondence map


def _group_style(labels: list[str], partition: str | None = None) -> tuple[dict, dict]:
    """Colours and display names of the groups: classes when the partition is the classes (or,
    unnamed, when every label is a number), else as they are (years are numbers, not classes)."""
    classes = partition == "classe" or (partition is None and all(str(g).isdigit() for g in labels))
    if labels and classes:
        ordered = sorted(labels, key=int)
        return class_colors(ordered), {g: f"Classe {g}" for g in ordered}
    return dict(zip(labels, colors_for(labels))), {g: str(g) for g in labels}


def _balanced(terms: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` terms to label: by turns, each group's next most contributing term, so every group has some."""
    ranked = terms.assign(weight=terms["contrib1"] + terms["contrib2"]).sort_values(
        ["weight", "label"], ascending=[False, True], kind="stable")
    queues = [list(part.index) for _, part in ranked.groupby("group", sort=True)]
    picked = []
    while len(picked) < n and any(queues):
        for queue in queues:
            if queue and len(picked) < n:
                picked.append(queue.pop(0))
    return ranked.loc[picked]


def _hide_crowded(texts: list, anchors: np.ndarray, fig: Figure, ax, *, keep_clear: list,
                  max_shift: float = 0.12) -> None:
    """Hide every label that overlaps a box of ``keep_clear`` or a label kept before it, that
    adjustText moved far from its point (more than ``max_shift`` of the axes' diagonal), or that
    leaves the axes (it would run over the axis labels). ``texts`` are in order of importance."""
    renderer = fig.canvas.get_renderer()
    points = ax.transData.transform(anchors)
    diagonal = float(np.hypot(*ax.bbox.size)) or 1.0
    frame = ax.bbox
    kept = list(keep_clear)
    for text, point in zip(texts, points):
        raw = text.get_window_extent(renderer=renderer)
        box = raw.expanded(1.02, 1.05)
        centre = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
        outside = raw.x0 < frame.x0 - 1 or raw.x1 > frame.x1 + 1 or raw.y0 < frame.y0 - 1 or raw.y1 > frame.y1 + 1
        if outside or np.hypot(*(centre - point)) > max_shift * diagonal or any(box.overlaps(o) for o in kept):
            text.set_visible(False)
        else:
            kept.append(box)


def _group_boxes(group_texts: list, anchors: np.ndarray, fig: Figure, ax, *, marker_size: float) -> list:
    """Display boxes of the groups' labels and markers, which term labels must leave clear."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    half = np.sqrt(marker_size) / 2 * fig.dpi / 72
    boxes = [t.get_window_extent(renderer=renderer) for t in group_texts]
    return boxes + [Bbox([[x - half, y - half], [x + half, y + half]]) for x, y in ax.transData.transform(anchors)]


def _leader_lines(texts: list, anchors: np.ndarray, ax, *, min_pixels: float = 6.0) -> None:
    """A thin line from each shown label that adjustText moved away to its point."""
    from matplotlib.patches import FancyArrowPatch

    points = ax.transData.transform(anchors)
    for text, point, anchor in zip(texts, points, anchors):
        if not text.get_visible():
            continue
        if np.hypot(*(ax.transData.transform(text.get_position()) - point)) >= min_pixels:
            ax.add_patch(FancyArrowPatch(posA=text.get_position(), posB=tuple(anchor), patchA=text,
                                         arrowstyle="-", color="#999999", lw=0.5, zorder=1))


def _place_group_labels(groups: pd.DataFrame, colours: dict, names: dict, fig: Figure, ax) -> list:
    """Write each group's name at a corner of its marker, the first corner clear of the names before it.

    Group names are never moved far nor hidden: they are what the map is read by.
    """
    renderer = fig.canvas.get_renderer()
    corners = [(5, 4, "left", "bottom"), (-5, 4, "right", "bottom"), (5, -4, "left", "top"), (-5, -4, "right", "top")]
    placed, boxes = [], []
    for x, yv, g in zip(groups["dim1"], groups["dim2"], groups["label"]):
        for dx, dy, ha, va in corners:
            text = ax.text(x, yv, wrap_label(names[g], width=24), fontsize=9, fontweight="bold",
                           color=_text_color(colours[g]), zorder=5, linespacing=1.0, ha=ha, va=va, in_layout=False,
                           transform=offset_copy(ax.transData, fig=fig, x=dx, y=dy, units="points"))
            box = text.get_window_extent(renderer=renderer)
            if not any(box.overlaps(b) for b in boxes) or (dx, dy) == corners[-1][:2]:
                break
            text.remove()
        placed.append(text)
        boxes.append(box)
    return placed


def _coincident(labelled: pd.DataFrame, *, most: int = 3) -> pd.DataFrame:
    """One label per point: terms at the same place (a term found in one group only sits on that
    group's profile, with every other such term) are written together, the ``most`` most
    contributing first and the number of the others after them (the table lists them all)."""
    key = list(zip(labelled["dim1"].round(9), labelled["dim2"].round(9)))
    rows: dict = {}
    for k, (_, row) in zip(key, labelled.iterrows()):
        rows.setdefault(k, {"dim1": row["dim1"], "dim2": row["dim2"], "terms": [], "group": row["group"]})
        rows[k]["terms"].append(term_label(row["label"]))
    out = pd.DataFrame(list(rows.values()), columns=["dim1", "dim2", "terms", "group"])
    out["label"] = [wrap_label(", ".join(t[:most]), width=30) + (f" (+{len(t) - most})" if len(t) > most else "")
                    for t in out["terms"]]
    return out


#: How a map's title names the usual partitions.
_PARTITION_NAMES = {"classe": "classes", "média": "médias", "outlet": "médias", "période": "périodes"}


def plot_correspondence_map(ca: pd.DataFrame, *, n_terms: int = 40, title: str | None = None) -> Figure:
    """The first plane of a correspondence analysis: the groups, and the terms that contribute most to it.

    Groups (classes, outlets, periods…) are the large labelled markers; the ``n_terms`` terms
    with the largest contribution to the two axes are labelled in the colour of the group where
    they are most over-represented (by turns, so that every group has its terms), the other
    terms are grey dots. Labels are moved apart by adjustText within :data:`LABEL_ITERATIONS`
    iterations; a term's label that still overlaps another, or that had to move far from its
    dot, or that would leave the axes, is left out (the dot stays). Terms at the same point
    share one label.

    Args:
        ca: the table of ``classes.correspondence_analysis`` (``attrs["explained"]`` labels the
            axes, ``attrs["partition"]`` names the groups in the title).
        n_terms: terms labelled at most.
        title: the figure's title.

    Example:
        >>> fig = plot_correspondence_map(correspondence_analysis(m.group(result.units["classe"])))  # doctest: +SKIP
    """
    from adjustText import adjust_text

    require_rows(ca, "de l'analyse des correspondances")
    groups = ca[ca["kind"] == "group"]
    terms = ca[ca["kind"] == "term"]
    colours, names = _group_style(groups["label"].tolist(), ca.attrs.get("partition"))
    labelled = _balanced(terms, n_terms)
    rest = terms.drop(labelled.index)
    fig, ax = plt.subplots(figsize=(FULL_WIDTH[0], FULL_WIDTH[0] * 0.8))
    ax.axhline(0, color="#BBBBBB", linewidth=0.7, linestyle="--", zorder=0)
    ax.axvline(0, color="#BBBBBB", linewidth=0.7, linestyle="--", zorder=0)
    ax.scatter(rest["dim1"], rest["dim2"], s=5, color="#C8C8C8", linewidths=0, zorder=1)
    ax.scatter(labelled["dim1"], labelled["dim2"], s=9, linewidths=0, zorder=2,
               color=[colours.get(g, "#777777") for g in labelled["group"]])
    for x, yv, g in zip(groups["dim1"], groups["dim2"], groups["label"]):
        ax.scatter([x], [yv], s=_GROUP_MARKER, marker="D", color=colours[g], edgecolors="white", linewidths=0.8,
                   zorder=4)
    ax.margins(x=0.14, y=0.08)  # room for the labels of the outermost points
    explained = list(ca.attrs.get("explained", [])) + [None, None]
    for setter, d, share in ((ax.set_xlabel, 1, explained[0]), (ax.set_ylabel, 2, explained[1])):
        setter(f"Axe {d}" + (f" ({format_number(share, 1)} % de l'inertie)" if share is not None else ""))
    ax.grid(axis="both", visible=False)
    partition = ca.attrs.get("partition")
    named = _PARTITION_NAMES.get(partition, f"« {partition} »" if partition else "groupes")
    ax.set_title(title or f"Analyse des correspondances : termes × {named}", loc="left")
    # the axes take their final place before labels are placed (labels stay out of the layout)
    fig.draw_without_rendering()
    group_texts = _place_group_labels(groups, colours, names, fig, ax)
    points = _coincident(labelled)
    texts = [ax.text(x, yv, str(t), fontsize=7.5, color=_text_color(colours.get(g, "#777777")), zorder=3,
                     linespacing=1.0, in_layout=False)
             for x, yv, t, g in zip(points["dim1"], points["dim2"], points["label"], points["group"])]
    anchors = points[["dim1", "dim2"]].to_numpy()
    group_xy = groups[["dim1", "dim2"]].to_numpy()
    if texts:
        everything = np.vstack([anchors, group_xy])
        adjust_text(texts, x=everything[:, 0], y=everything[:, 1], objects=group_texts, ax=ax,
                    iter_lim=LABEL_ITERATIONS, time_lim=None, expand=(1.15, 1.3))
        clear = _group_boxes(group_texts, group_xy, fig, ax, marker_size=_GROUP_MARKER)
        _hide_crowded(texts, anchors, fig, ax, keep_clear=clear)
        _leader_lines(texts, anchors, ax)
    return attach_table(fig, pd.concat([groups, labelled]).reset_index(drop=True))
