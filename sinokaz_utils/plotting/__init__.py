"""One figure style for every notebook, and the one way figures are saved.

What belongs here: the house style (``use_style``: fonts readable at report size, the
Okabe–Ito palette, China and Kazakhstan in the same two colours everywhere through
``color_for``, French month names on time axes), ``save_figure`` (PNG 300 dpi, SVG, PDF, the
plotted table as a CSV sidecar, a row in the figure index) and ``skip_figure`` (records why a
figure could not be drawn on this corpus). What does not: computing anything from the corpus
(the analysis modules return tables) and drawing particular charts (``plotting.corpus``,
``plotting.timeline``, ``plotting.keywords``, ... take a table and return a Figure; they never
save or show it).

Where figures go. ``sinokaz run`` tells the kernel through environment variables:
``SINOKAZ_NOTEBOOK`` (the notebook's name, e.g. ``10_timeline``), ``SINOKAZ_FIGURES_DIR`` or
``SINOKAZ_REPORTS_DIR`` (output root), ``SINOKAZ_CORPUS`` and ``SINOKAZ_PARAMETERS`` (JSON), all
copied into the index. In JupyterLab, where nobody sets them, the notebook name is taken from
``JPY_SESSION_NAME`` (set by Jupyter Server) and the output root is ``reports/figures``.
"""
from __future__ import annotations

import datetime as _dt
import io
import os
import re
import unicodedata
import warnings
import zlib
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.units as munits
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, ScalarFormatter

from .. import config

#: The Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), by name.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

#: China and Kazakhstan keep these two colours in every figure (vermillion for China, sky blue
#: as on Kazakhstan's flag); "both" is the colour of joint, bilateral items.
COUNTRY_COLORS = {
    "China": OKABE_ITO["vermillion"],
    "Kazakhstan": OKABE_ITO["sky_blue"],
    "both": OKABE_ITO["reddish_purple"],
    "other": "#7F7F7F",
}

# Everything that is neither China nor Kazakhstan cycles through the remaining colours, so a
# plain series is never mistaken for one of the two countries.
CYCLE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "reddish_purple", "black", "yellow")]

# Spellings that name each country or group (compared without accents, case-insensitively).
_ALIASES = {
    "China": {"china", "chine", "cn", "chn", "chinese", "chinois", "chinoise", "chinoises", "prc", "rpc",
              "republique populaire de chine", "pekin", "beijing"},
    "Kazakhstan": {"kazakhstan", "kz", "kaz", "kazakh", "kazakhe", "kazakhs", "kazakhes", "qazaqstan",
                   "astana", "nur-sultan", "almaty"},
    "both": {"both", "bilateral", "bilaterale", "china-kazakhstan", "chine-kazakhstan", "les deux", "joint"},
    "other": {"other", "autre", "autres", "unknown", "inconnu", "inconnue", "media inconnu", "none", "nan", ""},
}

FRENCH_MONTHS_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin",
                      "juil.", "août", "sept.", "oct.", "nov.", "déc."]
FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin",
                 "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

#: Figure sizes (inches) that fit a report page at 100 %: full text width and half width. At the
#: notebook's 100 dpi a full-width figure is 700 px wide, inside JupyterLab's default output width,
#: so it is shown at its own size (never scaled down) and its smallest text (``SMALL`` pt) reads at 11 px.
FULL_WIDTH = (7.0, 4.2)
HALF_WIDTH = (3.5, 2.8)
#: No figure is taller than this (inches): it fits a laptop screen and a page.
MAX_HEIGHT = 8.0
#: The smallest text of any figure (points): tick labels, annotations, counts beside bars.
SMALL = 8
#: The colour of a series that stands for no group (one keyword group per panel, one topic's terms).
NEUTRAL = OKABE_ITO["blue"]
#: Grey of grouped leftovers (« autres », « média inconnu »).
OTHER_GREY = "#BBBBBB"
#: The two voices: the journalist in grey, reported speech in black (distinct in greyscale too).
VOICE_COLORS = {"journalist": "#8C8C8C", "reported speech": "#000000"}
VOICE_STYLES = {"journalist": "-", "reported speech": "--"}
#: Outlets that get a colour of their own (the others are « autres », in grey): the palette less the
#: two country colours and ``NEUTRAL`` (the colour of every one-series figure, which no outlet may
#: wear); with the grey, at most 6 categorical colours in a figure.
N_OUTLET_COLORS = 5

_STATE = {"french_dates": True}

_STYLE = {
    "figure.figsize": FULL_WIDTH,
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.05,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 8.5,
    "legend.title_fontsize": 8.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "lines.linewidth": 1.8,
    "image.cmap": "cividis",
    # Reproducible vector files: fixed hash salt for SVG ids, fonts embedded as TrueType in PDF.
    "svg.hashsalt": "sinokaz",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "axes.formatter.use_locale": False,
}


def normalize_label(value) -> str:
    """Return ``value`` lower-cased without accents, for matching names of countries."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", text.strip().lower().replace("–", "-"))


def canonical_country(value) -> str | None:
    """Return ``"China"``, ``"Kazakhstan"``, ``"both"`` or ``"other"`` for a name, else ``None``.

    Example:
        >>> canonical_country("Chine"), canonical_country("kazakh"), canonical_country("Xinhua")
        ('China', 'Kazakhstan', None)
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "other"
    key = normalize_label(value)
    for name, aliases in _ALIASES.items():
        if key in aliases or key == normalize_label(name):
            return name
    return None


def color_for(name) -> str:
    """Return the colour of a country, group or any other label, the same in every figure.

    China and Kazakhstan (in any usual spelling: "Chine", "CN", "kazakh", ...) always get
    ``COUNTRY_COLORS``; any other label gets a colour of the remaining palette chosen from a
    hash of its name, so that an outlet or keyword group keeps its colour from figure to figure.

    Example:
        >>> color_for("Chine") == color_for("China") == COUNTRY_COLORS["China"]
        True
        >>> color_for("Xinhua") == color_for("Xinhua")
        True
    """
    country = canonical_country(name)
    if country is not None:
        return COUNTRY_COLORS[country]
    others = [c for c in CYCLE if c != OKABE_ITO["yellow"]]  # yellow is too pale for a lone label
    return others[zlib.crc32(normalize_label(name).encode("utf-8")) % len(others)]


def colors_for(labels) -> list[str]:
    """Return one colour per label: the country colours for China and Kazakhstan, distinct ones otherwise.

    Unlike ``color_for`` (a stable colour per name, which two names may share), labels drawn
    side by side here never share a colour while the palette lasts.

    Example:
        >>> colors_for(["Xinhua", "Chine", "CGTN"]) == [CYCLE[0], COUNTRY_COLORS["China"], CYCLE[1]]
        True
    """
    out, i = [], 0
    for label in labels:
        country = canonical_country(label)
        if country is not None:
            out.append(COUNTRY_COLORS[country])
        else:
            out.append(CYCLE[i % len(CYCLE)])
            i += 1
    return out


def outlet_colors(outlets, *, n: int = N_OUTLET_COLORS) -> dict[str, str]:
    """One colour per outlet for every figure of a corpus: the ``n`` outlets with most articles,
    by corpus-wide rank (ties by name), take the palette in order; every other outlet is « autres ».

    Call it on the outlets of the articles analysed (``corpus.documents()["outlet"]``) and pass
    the result to every figure coloured by outlet, so that an outlet keeps its colour from one
    figure and one notebook to the next. The country colours are never used, nor ``NEUTRAL``
    (the blue of the figures that show a single series: articles per year, lengths, terms).

    Returns:
        ``{outlet: colour}`` for the named outlets, plus ``"autres"`` and ``"média inconnu"`` in grey.

    Example:
        >>> colours = outlet_colors(["Xinhua", "Xinhua", "CGTN", None])
        >>> colours["Xinhua"] == CYCLE[1], colours["CGTN"] == CYCLE[2], colours["média inconnu"] == OTHER_GREY
        (True, True, True)
    """
    from ..labels import OTHERS, UNKNOWN_OUTLET, outlet_label

    names = pd.Series([outlet_label(o) for o in outlets], dtype="object")
    names = names[names != UNKNOWN_OUTLET]
    counts = names.value_counts()
    ranked = sorted(counts.index, key=lambda o: (-counts[o], normalize_label(o), o))
    palette = [c for c in CYCLE if c not in COUNTRY_COLORS.values() and c != NEUTRAL]
    out = {o: palette[i] for i, o in enumerate(ranked[: min(n, len(palette))])}
    out[OTHERS] = OTHER_GREY
    out[UNKNOWN_OUTLET] = OTHER_GREY
    return out


def format_french_date(value, *, resolution: str = "day") -> str:
    """Return a date in French: ``"7 sept. 2013"``, ``"sept. 2013"`` or ``"2013"``.

    Args:
        value: anything ``pandas.Timestamp`` accepts.
        resolution: ``"day"``, ``"month"``, ``"quarter"`` or ``"year"``.

    Example:
        >>> format_french_date("2013-09-07"), format_french_date("2013-09-07", resolution="quarter")
        ('7 sept. 2013', 'T3 2013')
    """
    ts = pd.Timestamp(value)
    if pd.isna(ts):
        return "date inconnue"
    if resolution == "year":
        return f"{ts.year}"
    if resolution == "quarter":
        return f"T{ts.quarter} {ts.year}"
    if resolution == "month":
        return f"{FRENCH_MONTHS_ABBR[ts.month - 1]} {ts.year}"
    return f"{ts.day} {FRENCH_MONTHS_ABBR[ts.month - 1]} {ts.year}"


class FrenchDateFormatter(mdates.DateFormatter):
    """Tick labels in French without relying on a system locale (which may be missing).

    The labels adapt to the tick spacing: years (``2019``), months (``janv. 2019`` on the first
    tick and each January, ``févr.`` elsewhere) or days (``7 sept.``, the year on the first tick
    and at each new year).
    """

    def __init__(self):
        super().__init__("%Y-%m-%d")

    def __call__(self, x, pos=None):
        return format_french_date(mdates.num2date(x).replace(tzinfo=None))

    def format_ticks(self, values):
        dates = [mdates.num2date(v).replace(tzinfo=None) for v in values]
        if not dates:
            return []
        step = np.median(np.diff(values)) if len(values) > 1 else 365.0
        labels = []
        for i, d in enumerate(dates):
            first = i == 0 or d.year != dates[i - 1].year
            if step >= 300:
                labels.append(f"{d.year}")
            elif step >= 27:
                month = FRENCH_MONTHS_ABBR[d.month - 1]
                labels.append(f"{month}\n{d.year}" if first else month)
            else:
                day = f"{d.day} {FRENCH_MONTHS_ABBR[d.month - 1]}"
                labels.append(f"{day}\n{d.year}" if first else day)
        return labels


class _FrenchDateConverter(mdates.DateConverter):
    """Matplotlib's date converter with French tick labels (used once ``use_style`` ran)."""

    @staticmethod
    def axisinfo(unit, axis):
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        return munits.AxisInfo(majloc=locator, majfmt=FrenchDateFormatter(), label="",
                               default_limits=(_dt.date(2000, 1, 1), _dt.date(2010, 1, 1)))


def set_date_axis(ax, *, axis: str = "x", maxticks: int = 8) -> None:
    """Put a date locator and (if ``use_style(french_dates=True)``) French labels on ``ax``.

    Plot functions call this on every time axis, so labels are French even when a date axis
    was created by pandas or another converter.
    """
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=maxticks))
    if _STATE["french_dates"]:
        target.set_major_formatter(FrenchDateFormatter())
    else:
        target.set_major_formatter(mdates.ConciseDateFormatter(target.get_major_locator()))


def use_style(*, french_dates: bool = True) -> None:
    """Apply the house figure style to every following matplotlib figure.

    Args:
        french_dates: label time axes with French month names (``janv.``, ``févr.`` ...);
            done by a formatter, not by a system locale, so it works on any machine.

    Example:
        >>> use_style()
        >>> plt.rcParams["savefig.dpi"]
        300.0
    """
    from cycler import cycler

    plt.rcParams.update(_STYLE)
    plt.rcParams["axes.prop_cycle"] = cycler(color=CYCLE)
    _STATE["french_dates"] = bool(french_dates)
    if french_dates:
        converter = _FrenchDateConverter()
        for kind in (np.datetime64, _dt.date, _dt.datetime, pd.Timestamp):
            munits.registry[kind] = converter


def resolve_notebook_name(notebook: str | None = None) -> str:
    """Return the notebook a figure belongs to (argument, ``sinokaz run``, JupyterLab, else "interactive")."""
    if notebook:
        return Path(notebook).stem
    for var in ("SINOKAZ_NOTEBOOK", "JPY_SESSION_NAME"):
        value = os.environ.get(var)
        if value:
            return Path(value).stem
    return "interactive"


def resolve_figures_dir(out_dir=None) -> Path:
    """Return the root folder of figures (argument, environment, else ``config.FIGURES_DIR``)."""
    if out_dir is not None:
        return Path(out_dir)
    if os.environ.get("SINOKAZ_FIGURES_DIR"):
        return Path(os.environ["SINOKAZ_FIGURES_DIR"])
    if os.environ.get("SINOKAZ_REPORTS_DIR"):
        return Path(os.environ["SINOKAZ_REPORTS_DIR"]) / "figures"
    return config.FIGURES_DIR


def count_drawn_artists(fig: Figure) -> int:
    """Return how many data artists (lines, bars, points, images, tables) ``fig`` holds."""
    n = 0
    for ax in fig.axes:
        n += len(ax.lines) + len(ax.patches) + len(ax.collections) + len(ax.images) + len(ax.tables)
    return n


INDEX_COLUMNS = ["notebook", "figure", "status", "caption", "files", "corpus", "parameters",
                 "package_version", "time"]


def _write_index_row(root: Path, row: dict) -> Path:
    from filelock import FileLock

    from ..cache import write_atomic

    index = root / "index.csv"
    root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(root / ".index.lock"), timeout=60):
        if index.exists():
            table = pd.read_csv(index, dtype=str, keep_default_na=False)
            table = table[~((table["notebook"] == row["notebook"]) & (table["figure"] == row["figure"]))]
        else:
            table = pd.DataFrame(columns=INDEX_COLUMNS)
        table = pd.concat([table, pd.DataFrame([row])], ignore_index=True)
        table = table.reindex(columns=INDEX_COLUMNS).sort_values(["notebook", "figure"], kind="stable")
        write_atomic(index, table.to_csv(index=False).encode("utf-8"))
    return index


def _provenance() -> dict:
    return {
        "corpus": os.environ.get("SINOKAZ_CORPUS") or "bundled",
        "parameters": os.environ.get("SINOKAZ_PARAMETERS") or "{}",
        "package_version": config.VERSION,
        "time": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
    }


_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
_SUFFIXES = (".png", ".svg", ".pdf", ".csv")


def save_figure(fig: Figure, name: str, *, caption: str, data: pd.DataFrame | None = None,
                notebook: str | None = None, out_dir=None) -> dict[str, Path]:
    """Save ``fig`` as PNG (300 dpi), SVG and PDF, its table as CSV, and index it.

    Files go to ``<figures dir>/<notebook>/<name>.{png,svg,pdf,csv}``; a row (notebook, figure,
    caption, corpus, parameters, package version, time) replaces any earlier row of the same
    figure in ``<figures dir>/index.csv``. SVG and PDF carry no date, so two runs on the same
    data write identical files.

    Args:
        fig: the figure returned by a ``plot_*`` function.
        name: ``figNN_slug`` (letters, digits, ``_`` and ``-``).
        caption: one sentence saying what the figure shows; goes into the index.
        data: the plotted table; defaults to the table the ``plot_*`` function attached.
        notebook: defaults to the running notebook (see the module docstring).
        out_dir: figures root; defaults to ``SINOKAZ_FIGURES_DIR``, ``SINOKAZ_REPORTS_DIR``/figures
            or ``reports/figures``.

    Returns:
        ``{"png": path, "svg": path, "pdf": path, "csv": path}`` (no ``csv`` without a table).

    Raises:
        ValueError: if ``fig`` has no data drawn (an empty figure is a bug), or ``name`` is
            not a slug, or ``caption`` is empty.

    Example:
        >>> fig, ax = plt.subplots()
        >>> _ = ax.plot([0, 1], [1, 2]); _ = ax.set(xlabel="x", ylabel="y")
        >>> paths = save_figure(fig, "fig01_demo", caption="A demo.", out_dir=tmp_path)  # doctest: +SKIP
    """
    if not _SLUG.match(name or ""):
        raise ValueError(f"le nom de figure {name!r} doit être un identifiant comme 'fig01_articles_per_month'")
    if not caption or not str(caption).strip():
        raise ValueError(f"la figure {name!r} demande une légende (caption)")
    if count_drawn_artists(fig) == 0:
        raise ValueError(f"la figure {name!r} ne montre aucune donnée : une figure vide n'est pas enregistrée")
    from ..cache import write_atomic

    french_decimals(fig)
    root = resolve_figures_dir(out_dir)
    nb = resolve_notebook_name(notebook)
    folder = root / nb
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    # No dates in the files: SVG 'Date' and PDF 'CreationDate' removed so reruns are identical.
    options = {"png": {"dpi": 300, "metadata": {"Software": None}},
               "svg": {"metadata": {"Date": None}},
               "pdf": {"metadata": {"CreationDate": None}}}
    with plt.rc_context({"svg.hashsalt": "sinokaz"}):
        for fmt, extra in options.items():
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, bbox_inches="tight", **extra)
            paths[fmt] = folder / f"{name}.{fmt}"
            write_atomic(paths[fmt], buf.getvalue())
    table = data if data is not None else getattr(fig, "sinokaz_table", None)
    csv_path = folder / f"{name}.csv"
    if table is not None:
        frame = pd.DataFrame(table)
        keep_index = not isinstance(frame.index, pd.RangeIndex)
        write_atomic(csv_path, frame.to_csv(index=keep_index).encode("utf-8"))
        paths["csv"] = csv_path
    else:
        csv_path.unlink(missing_ok=True)
    _write_index_row(root, {"notebook": nb, "figure": name, "status": "saved", "caption": str(caption).strip(),
                            "files": ";".join(p.name for p in paths.values()), **_provenance()})
    return paths


def skip_figure(name: str, *, reason: str, notebook: str | None = None, out_dir=None) -> None:
    """Record that figure ``name`` was not drawn on this corpus, and say why.

    Prints the reason (so the executed notebook tells the reader), removes files left by an
    earlier run of the same figure and writes an index row with status ``skipped``.

    Example:
        >>> skip_figure("fig03_outlet_share", reason="aucun média n'est connu")  # doctest: +SKIP
        fig03_outlet_share non tracée : aucun média n'est connu
    """
    if not _SLUG.match(name or ""):
        raise ValueError(f"le nom de figure {name!r} doit être un identifiant comme 'fig01_articles_per_month'")
    root = resolve_figures_dir(out_dir)
    nb = resolve_notebook_name(notebook)
    for suffix in _SUFFIXES:
        (root / nb / f"{name}{suffix}").unlink(missing_ok=True)
    print(f"{name} non tracée : {reason}")
    _write_index_row(root, {"notebook": nb, "figure": name, "status": "skipped", "caption": str(reason),
                            "files": "", **_provenance()})


def require_rows(table, what: str) -> None:
    """Refuse to draw an empty table, saying which one in French (``what``: « des médias »).

    Example:
        >>> require_rows(pd.DataFrame(), "des médias")
        Traceback (most recent call last):
        ...
        ValueError: rien à tracer : la table des médias est vide
    """
    if table is None or len(table) == 0:
        raise ValueError(f"rien à tracer : la table {what} est vide")


def attach_table(fig: Figure, table: pd.DataFrame) -> Figure:
    """Attach the plotted table to ``fig`` so that ``save_figure`` writes it as the CSV sidecar.

    Every ``plot_*`` function ends here, so this is also where titles are fitted to the figure's
    width (``fit_titles``): a figure is then as wide in the notebook as on the page.
    """
    fig.sinokaz_table = table
    fit_titles(fig)
    return fig


def _figure_titles(fig: Figure) -> list:
    texts = [getattr(fig, "_suptitle", None), getattr(fig, "_supxlabel", None)]
    for ax in fig.axes:
        if ax.get_visible():
            texts += [ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None), ax.xaxis.label]
    return [t for t in texts if t is not None and t.get_visible() and t.get_text().strip()]


def fit_titles(fig: Figure, *, margin: float = 0.02) -> Figure:
    """Wrap, at word boundaries, every title (and axis label) that would run past the figure's edge.

    A title longer than the figure widens the saved image (``bbox_inches="tight"``), and the
    notebook then shrinks the whole figure to fit its column: every text gets smaller than
    ``SMALL``. Wrapping keeps the figure at its size. Deterministic: it measures the text with
    the figure's own renderer, nothing depends on time or load.

    Example:
        >>> fig, ax = plt.subplots(figsize=(3, 2)); _ = ax.set_title("un titre " * 12, loc="left")
        >>> chr(10) in fit_titles(fig).axes[0].get_title(loc="left")
        True
    """
    import textwrap

    texts = _figure_titles(fig)
    if not texts:
        return fig
    width = fig.get_figwidth() * fig.dpi
    for _ in range(3):
        with warnings.catch_warnings():  # an overlong title may collapse the layout until it is wrapped
            warnings.simplefilter("ignore", UserWarning)
            fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        changed = False
        for text in texts:
            box = text.get_window_extent(renderer)
            if text.get_horizontalalignment() == "center":  # axis labels: centred, may run off both edges
                middle = (box.x0 + box.x1) / 2
                room = 2 * min(middle - width * margin, width * (1 - margin) - middle)
                if box.x0 >= 0 and box.x1 <= width * (1 - margin) or room <= 0:
                    continue
            else:
                room = width * (1 - margin) - max(0.0, box.x0)
                if box.x1 <= width * (1 - margin) or room <= 0:
                    continue
            lines = text.get_text().split("\n")
            longest = max(len(line) for line in lines)
            chars = max(12, int(longest * room / max(box.width, 1.0) * 0.96))
            wrapped = "\n".join(_wrap_line(line, chars) for line in lines)
            if wrapped != text.get_text():
                text.set_text(wrapped)
                changed = True
        if not changed:
            break
    return fig


def _wrap_line(line: str, chars: int) -> str:
    """Wrap one line of a title at ``chars`` characters; a title and its parenthesis that each fit
    go on two lines (« Thème 3 » / « (3 articles) »), never cut inside the parenthesis.

    Example:
        >>> _wrap_line("Thème 3 (3 articles)", 14)
        'Thème 3\\n(3 articles)'
    """
    import textwrap

    head, sep, tail = line.partition(" (")
    if sep and len(head) <= chars and len(tail) + 1 <= chars:
        return f"{head}\n({tail}"
    return "\n".join(textwrap.wrap(line, width=chars)) or line


def integer_axis(axis) -> None:
    """Ticks at whole numbers written as integers (counts of articles or lines: never « 3.0 »)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from ..labels import format_int

    axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=2))
    axis.set_major_formatter(FuncFormatter(lambda v, _: format_int(v) if float(v).is_integer() else ""))


class FrenchPercentFormatter(Formatter):
    """Ticks of shares (0–1) as French percentages with as many decimals as the tick step needs:
    « 0 % 2 % 4 % », « 0,0 % 0,5 % 1,0 % 1,5 % », never « 0 % 0 % 0 % ».

    Example:
        >>> FrenchPercentFormatter().format_ticks([0, 0.005, 0.01, 0.015])
        ['0,0\u202f%', '0,5\u202f%', '1,0\u202f%', '1,5\u202f%']
    """

    def __init__(self):
        self.digits = 0

    def _digits(self, values) -> int:
        values = sorted(float(v) * 100 for v in values)
        steps = [b - a for a, b in zip(values, values[1:]) if b - a > 1e-12]
        if not steps:
            return 0
        return int(min(3, max(0, np.ceil(-np.log10(min(steps)) - 1e-9))))

    def format_ticks(self, values):
        self.digits = self._digits(values)
        return [self(v) for v in values]

    def __call__(self, x, pos=None):
        from ..labels import NNBSP

        text = f"{float(x) * 100:.{self.digits}f}"
        if float(text) == 0:
            text = text.lstrip("-")  # no « -0 % »
        return text.replace(".", ",") + f"{NNBSP}%"


def french_axis(axis, *, percent: bool = False, digits: int = 1) -> None:
    """Tick labels written the French way: decimal comma, narrow space before « % » (shares 0–1,
    with the decimals the tick step needs: ``FrenchPercentFormatter``)."""
    from matplotlib.ticker import FuncFormatter

    from ..labels import format_number

    axis.set_major_formatter(FrenchPercentFormatter() if percent else FuncFormatter(lambda v, _: format_number(v, digits)))


class _FrenchScalarFormatter(ScalarFormatter):
    """Matplotlib's default tick labels with the French decimal comma (« 0,5 », « −1,5 »)."""

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).replace(".", ",")

    def get_offset(self):
        return super().get_offset().replace(".", ",")


def french_decimals(fig: Figure) -> Figure:
    """Write the decimal ticks of every axis of ``fig`` that kept matplotlib's default formatter
    with a decimal comma; axes given their own formatter (dates, integers, percentages) are left
    as they are. ``save_figure`` calls it, so no figure leaves the package with « 0.5 ».

    Example:
        >>> fig, ax = plt.subplots(); _ = ax.plot([0, 0.5], [1, 1.5]); _ = french_decimals(fig)
        >>> fig.canvas.draw(); "0,5" in [t.get_text() for t in ax.get_yticklabels()] + [t.get_text() for t in ax.get_xticklabels()]
        True
    """
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(_FrenchScalarFormatter())
    return fig


def cap_height(height: float) -> float:
    """A figure height (inches) no taller than ``MAX_HEIGHT``."""
    return float(min(MAX_HEIGHT, height))


def wrap_label(text: str, *, width: int = 28) -> str:
    """Wrap a long label on several lines at word boundaries (for tick labels and annotations)."""
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width=width)) or str(text)


__all__ = ["OKABE_ITO", "COUNTRY_COLORS", "CYCLE", "FULL_WIDTH", "HALF_WIDTH", "MAX_HEIGHT", "NEUTRAL", "SMALL",
           "VOICE_COLORS", "FrenchDateFormatter", "attach_table", "fit_titles", "canonical_country", "color_for", "colors_for",
           "format_french_date", "integer_axis", "outlet_colors", "save_figure", "set_date_axis", "skip_figure",
           "use_style", "wrap_label"]
