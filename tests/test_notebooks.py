"""Every notebook: house structure, and end-to-end execution with papermill on two corpora.

The structure tests read the committed notebooks (H1 first, one ``parameters`` cell of
UPPER_CASE names, no outputs, no ``def``/``class``, the ``sinokaz`` kernel, a row in the README
table). The execution tests run ``run_notebooks`` (what ``sinokaz run`` and ``make report`` do)
on the bundled corpus and, with smaller parameters, on ``../shared/corpus_dev``, then check each
figure the notebook promises — every ``save_figure(fig, "figNN_...")`` in its source — exists
as non-empty PNG (300 dpi), SVG and PDF listed in the index, or was skipped with a reason the
executed notebook prints. Two runs must write byte-identical SVG and PDF files, and article
text must never reach the HTML export unescaped. On a corpus of one article, every count a reader
reads agrees with its noun (« 1 article analysé », « 0 groupe comparé », never « (s) »).
"""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from sinokaz_utils.config import METADATA_FILE, NOTEBOOKS_DIR, RAW_DIR
from sinokaz_utils.run import read_declared_parameters, run_notebooks

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9]*.ipynb"))
FIGURE_CALL = re.compile(r"""(?:save|skip)_figure\(\s*(?:\w+\s*,\s*)?["'](fig\d\d_[A-Za-z0-9_\-]+)["']""")
#: Figures that may be skipped on the bundled corpus, with why (anything else must be drawn).
BUNDLED_SKIPS = {
    ("10_timeline", "fig02_articles_per_outlet_normalised"): "the bundled metadata has no outlet_total column",
    # five articles: k is bounded to 2 (nothing to choose), no period and no outlet holds
    # MIN_DOCUMENTS = 3 articles, so no trend or outlet profile is drawn as if it were one
    ("30_topics", "fig01_k_selection"): "a single k is possible with five articles",
    ("30_topics", "fig03_topics_over_time"): "no period of three articles",
    ("30_topics", "fig04_topics_by_outlet"): "no outlet of three articles",
    ("40_speakers", "fig02_reported_speech_by_outlet"): "no outlet of three articles",
}
#: The tables to read and quote each notebook exports (CSV + offline HTML).
TABLES = {"20_keyword_trends": ["tab01_concordance"], "40_speakers": ["tab01_statements_who_said_what"]}
#: Left in a text a reader sees, these are placeholders or untranslated values, never prose.
PLACEHOLDERS = re.compile(r"GROUP_[AB]\b|\{[A-Za-z_][A-Za-z_0-9]*(?:\[[^\]]*\])?\}|\bnan\b|\bNone\b|\bTODO\b|\bXXX\b")
#: English words that never belong in a French caption or reading.
ENGLISH = re.compile(r"\b(?:the|of|and|per|with|words?|speakers?|topics?|chosen|undated|left out|"
                     r"journalist|reported speech|share|keyness)\b", re.IGNORECASE)
#: Smaller parameters for the second corpus; each is passed to the notebooks that declare it.
SMALL_PARAMETERS = {"TOP_OUTLETS": 4, "KWIC_LIMIT": 10, "MIN_FREQ": 2, "N_TOPICS": 4, "TOP_N": 8}
XSS = '<script>alert("sinokaz-xss")</script>'


def read_notebook(path: Path):
    return nbformat.read(path, as_version=4)


def promised_figures(path: Path) -> list[str]:
    """Return the figure names a notebook saves (or says it skips), from its source."""
    source = "\n".join(c.source for c in read_notebook(path).cells if c.cell_type == "code")
    return list(dict.fromkeys(FIGURE_CALL.findall(source)))


def readme_rows() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^\|\s*`?(\d\d_[\w-]+)`?\s*\|", line)
        if m:
            rows[m.group(1)] = line
    return rows


# --------------------------------------------------------------------------- structure

def test_there_are_notebooks():
    assert [p.stem for p in NOTEBOOKS][:3] == ["00_corpus_overview", "10_timeline", "20_keyword_trends"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_follows_the_house_template(path):
    nb = read_notebook(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.lstrip().startswith("# "), "must open with an H1 question"
    params = [c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, "exactly one cell tagged 'parameters'"
    assert "modifier ici ; rien en dessous n'a besoin de changer" in params[0].source
    for node in ast.parse(params[0].source).body:
        assert isinstance(node, ast.Assign), f"only assignments in the parameters cell: {ast.unparse(node)}"
        for target in node.targets:
            assert isinstance(target, ast.Name) and target.id.isupper(), f"UPPER_CASE names only: {ast.unparse(target)}"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.get("outputs"), "committed without outputs"
            assert cell.get("execution_count") is None, "committed without execution counts"
            tree = ast.parse(cell.source)
            defs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
            assert not defs, "no def or class in notebooks: move the code to sinokaz_utils"
    # papermill must read every parameter (it cannot parse a comment holding " = ")
    from papermill.inspection import inspect_notebook

    assigned = {t.id for n in ast.parse(params[0].source).body for t in n.targets}
    assert set(inspect_notebook(str(path))) == assigned, "papermill cannot parse some parameter lines"
    assert nb.metadata.get("kernelspec", {}).get("name") == "sinokaz"
    assert nb.metadata["kernelspec"].get("display_name") == "Python (sinokaz)"
    assert promised_figures(path), "a notebook shows at least one figure"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_listed_in_the_readme_table_with_its_figures(path):
    rows = readme_rows()
    assert path.stem in rows, f"README.md table '| notebook | question | figures |' has no row for {path.stem}"
    for name in promised_figures(path):
        assert name in rows[path.stem], f"README row of {path.stem} does not list {name}"


# --------------------------------------------------------------------------- execution

def check_figures(out: Path, path: Path, *, allowed_skips: dict | None) -> dict[str, str]:
    """Assert every promised figure of ``path`` was saved (or skipped with a printed reason)."""
    index = pd.read_csv(out / "figures" / "index.csv", dtype=str, keep_default_na=False)
    executed = read_notebook(out / "notebooks" / path.name)
    printed = "\n".join(o.get("text", "") for c in executed.cells if c.cell_type == "code"
                        for o in c.get("outputs", []) if o.get("output_type") == "stream")
    status = {}
    for name in promised_figures(path):
        rows = index[(index.notebook == path.stem) & (index.figure == name)]
        assert len(rows) == 1, f"{path.stem}/{name} is not in figures/index.csv"
        row = rows.iloc[0]
        status[name] = row.status
        if row.status == "skipped":
            assert row.caption.strip(), f"{path.stem}/{name} skipped without a reason"
            assert f"{name} non tracée : {row.caption}" in printed, "the notebook must say why a figure is missing"
            if allowed_skips is not None:
                assert (path.stem, name) in allowed_skips, f"{path.stem}/{name} skipped on this corpus: {row.caption}"
            continue
        assert row.status == "saved" and row.caption.strip()
        assert row.package_version and row.time and row.corpus
        for suffix in ("png", "svg", "pdf"):
            f = out / "figures" / path.stem / f"{name}.{suffix}"
            assert f.exists() and f.stat().st_size > 1000, f"{f} missing or empty"
        from PIL import Image

        with Image.open(out / "figures" / path.stem / f"{name}.png") as im:
            assert round(im.info["dpi"][0]) == 300
        sidecar = out / "figures" / path.stem / f"{name}.csv"
        assert sidecar.exists() and len(pd.read_csv(sidecar)) > 0, f"{sidecar}: the plotted table"
    return status


@pytest.fixture(scope="module")
def bundled_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    written = run_notebooks(out=out)
    return out, written


@pytest.mark.slow
def test_every_notebook_runs_on_the_bundled_corpus(bundled_run):
    out, written = bundled_run
    assert [p.name for p in written] == [p.name for p in NOTEBOOKS]
    for path in NOTEBOOKS:
        assert (out / "notebooks" / path.name).exists()
        assert (out / "notebooks" / f"{path.stem}.html").stat().st_size > 10_000
        check_figures(out, path, allowed_skips=BUNDLED_SKIPS)


@pytest.mark.slow
def test_two_runs_write_identical_svg_and_pdf(bundled_run, tmp_path):
    """Every figure of every notebook, byte for byte (label placement has an iteration limit, no time limit)."""
    first, _ = bundled_run
    run_notebooks(out=tmp_path)
    compared = 0
    for nb in (p.stem for p in NOTEBOOKS):
        for f in sorted((first / "figures" / nb).glob("*.svg")) + sorted((first / "figures" / nb).glob("*.pdf")):
            again = tmp_path / "figures" / nb / f.name
            assert again.read_bytes() == f.read_bytes(), f"{nb}/{f.name} differs between two runs"
            compared += 1
    assert compared >= 2 * 15  # every figure drawn on the bundled corpus, SVG and PDF


def _reader_texts(executed) -> list[str]:
    """What a reader of an executed notebook reads: its markdown, printed lines and readings."""
    texts = [c.source for c in executed.cells if c.cell_type == "markdown"]
    for c in executed.cells:
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            if o.get("output_type") == "stream":
                texts.append(o.get("text", ""))
            elif "text/markdown" in o.get("data", {}):
                texts.append(o["data"]["text/markdown"])
    return texts


def _table_headers(executed) -> list[str]:
    """The column and index headers of every table an executed notebook shows."""
    import html as _html

    headers = []
    for c in executed.cells:
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            page = o.get("data", {}).get("text/html", "")
            for cell in re.findall(r"<th[^>]*>(.*?)</th>", page, flags=re.S):
                text = _html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
                if text:
                    headers.append(text)
    return headers


@pytest.mark.slow
def test_what_a_reader_reads_is_french_without_placeholders(bundled_run):
    out, _ = bundled_run
    index = pd.read_csv(out / "figures" / "index.csv", dtype=str, keep_default_na=False)
    for row in index.itertuples(index=False):
        assert not ENGLISH.search(row.caption), f"{row.notebook}/{row.figure}: caption not in French: {row.caption}"
        assert not PLACEHOLDERS.search(row.caption), f"{row.notebook}/{row.figure}: placeholder in {row.caption}"
    for path in NOTEBOOKS:
        executed = read_notebook(out / "notebooks" / path.name)
        for text in _reader_texts(executed):
            # markdown may name a parameter in backticks (`MIN_DOCUMENTS`), never leave one to fill
            prose = re.sub(r"`[^`]*`", "", text)
            found = PLACEHOLDERS.search(prose)
            assert not found, f"{path.stem}: placeholder {found.group()!r} in: {text[:200]}"
        for header in _table_headers(executed):
            # a header a reader quotes is French: never an identifier of the code (« total_target »)
            assert not re.fullmatch(r"[a-z]+(?:_[a-zA-Z]+)+", header), f"{path.stem}: table header {header!r}"
            assert header not in {"database", "files", "publication", "event", "period", "voice", "node"}, \
                f"{path.stem}: table header in English: {header!r}"
        for c in executed.cells:
            if c.cell_type == "code" and "parameters" in c.metadata.get("tags", []):
                comments = re.findall(r"#\s*(.+)$", c.source, flags=re.MULTILINE)
                assert not any(ENGLISH.search(x) for x in comments), f"{path.stem}: parameter comment in English"


@pytest.mark.slow
def test_tables_to_quote_are_exported_and_work_offline(bundled_run):
    out, _ = bundled_run
    index = pd.read_csv(out / "figures" / "index.csv", dtype=str, keep_default_na=False)
    for nb, names in TABLES.items():
        for name in names:
            assert ((index.notebook == nb) & (index.figure == name) & (index.status == "saved")).any()
            table = pd.read_csv(out / "figures" / nb / f"{name}.csv")
            assert len(table) > 0
            page = (out / "figures" / nb / f"{name}.html").read_text(encoding="utf-8")
            assert "<script src=" not in page and 'href="http' not in page, "the HTML table must not fetch anything"
            assert "Rechercher" in page and "column_filters" in page
    who = pd.read_csv(out / "figures" / "40_speakers" / "tab01_statements_who_said_what.csv")
    assert {"locuteur", "pays", "verbe introducteur", "forme", "déclaration", "article", "date", "média"} <= set(who.columns)
    assert set(who["forme"]) <= {"discours direct", "discours indirect", "suite d'un propos (moins sûre)"}
    kwic = pd.read_csv(out / "figures" / "20_keyword_trends" / "tab01_concordance.csv")
    assert {"contexte gauche", "terme", "contexte droit", "article", "date", "voix", "locuteur"} <= set(kwic.columns)
    assert set(kwic["voix"]) <= {"discours rapporté", "voix du journaliste"}


@pytest.mark.slow
def test_article_text_is_escaped_in_the_html_export(tmp_path):
    """A <script> planted in an article is shown as text, never run, in the HTML export."""
    corpus = tmp_path / "corpus"
    shutil.copytree(RAW_DIR, corpus)
    planted = corpus / "001_7838cbda7f5bb796.txt"
    text = planted.read_text(encoding="utf-8")
    anchor = 'la lutte contre les "trois forces du mal"'
    assert anchor in text
    # a script inside a content paragraph (shown by the concordance of "trois forces du mal")
    # and in the headline
    text = text.replace(anchor, f'la lutte contre les {XSS} "trois forces du mal"')
    planted.write_text(XSS + " " + text, encoding="utf-8")
    out = tmp_path / "out"
    run_notebooks(corpus=corpus, metadata=METADATA_FILE, out=out, only=["20"],
                  parameters={"KWIC_LIMIT": 500, "KWIC_TERMS": "[trois forces du mal]"})
    shown = 0
    for name in ("20_keyword_trends",):
        html = (out / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
        assert XSS not in html, f"{name}.html contains the planted <script> unescaped"
        shown += html.count("&lt;script&gt;alert(")
    assert shown >= 1, "the planted text should appear (escaped) in the concordance"


@pytest.mark.slow
@pytest.mark.shared
def test_every_notebook_runs_unchanged_on_corpus_dev(corpus_dev, tmp_path):
    declared = set().union(*(read_declared_parameters(p) for p in NOTEBOOKS))
    params = {k: v for k, v in SMALL_PARAMETERS.items() if k in declared}
    out = tmp_path / "dev"
    run_notebooks(corpus=corpus_dev / "raw", metadata=corpus_dev / "urls.csv", out=out, parameters=params)
    drawn = 0
    for path in NOTEBOOKS:
        status = check_figures(out, path, allowed_skips=None)
        drawn += sum(s == "saved" for s in status.values())
    index = pd.read_csv(out / "figures" / "index.csv", dtype=str, keep_default_na=False)
    assert set(index.corpus) == {str((corpus_dev / "raw").resolve())}
    assert drawn >= len(NOTEBOOKS) * 2, "most figures should have data on a 47-article corpus"


@pytest.mark.slow
def test_counts_agree_in_french_on_a_one_article_corpus(tmp_path):
    """One seed, no metadata: every printed line, reading and caption says « 1 article », « 0 période »."""
    from french import find_disagreements

    corpus = tmp_path / "one"
    corpus.mkdir()
    shutil.copy(RAW_DIR / "003_280498be22c27ec9.txt", corpus)
    out = tmp_path / "out"
    run_notebooks(corpus=corpus, out=out, html=False)
    index = pd.read_csv(out / "figures" / "index.csv", dtype=str, keep_default_na=False)
    texts = [f"{row.figure} : {row.caption}" for row in index.itertuples(index=False)]
    for path in NOTEBOOKS:
        check_figures(out, path, allowed_skips=None)
        executed = read_notebook(out / "notebooks" / path.name)
        texts += [f"{path.stem} : {text}" for text in _reader_texts(executed)]
    wrong = {found: text[:300] for text in texts for found in find_disagreements(text)}
    assert not wrong, f"counts that disagree: {wrong}"
    printed = "\n".join(texts)
    assert "1 article analysé (" in printed and "0 groupe comparé (par période)." in printed
