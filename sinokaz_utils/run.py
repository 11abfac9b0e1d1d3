"""Execute the notebooks in order and export them: what ``sinokaz run`` and ``make report`` do.

What belongs here: finding the notebooks, passing parameters to their ``parameters`` cell with
papermill, telling the kernel where figures go (environment variables read by
``plotting.save_figure``), writing each executed notebook and its HTML rendering, and turning a
failing cell into one clear line. What does not: any analysis (the notebooks call the package)
and the figure files themselves (``plotting``).

Outputs under ``out`` (default ``reports/``)::

    notebooks/<name>.ipynb   executed notebook (also written when a cell fails, up to that cell)
    notebooks/<name>.html    HTML rendering (outputs escaped: article text never runs as HTML)
    notebooks/<name>.log     what the kernel process itself wrote (its stdout and stderr) and the
                             warnings of papermill and jupyter_client: never on the terminal
    figures/<name>/...       figures, with figures/index.csv

The terminal shows only sinokaz's own French lines: « exécution de X… », « X terminé en N s »,
and for a failure one line naming the notebook, the cell, the error, the executed notebook and
the log.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from . import config
from .labels import agree


class NotebookError(RuntimeError):
    """A notebook failed; the message is one French line naming the notebook, the cell and the log."""


def list_notebooks(*, only=None, notebooks_dir=None) -> list[Path]:
    """Return the numbered notebooks in execution order, optionally only those named.

    Args:
        only: names to keep: ``"10_timeline"``, ``"10_timeline.ipynb"`` or the number ``"10"``.
        notebooks_dir: defaults to ``config.NOTEBOOKS_DIR``.

    Example:
        >>> [p.name for p in list_notebooks(only=["00"])]
        ['00_corpus_overview.ipynb']
    """
    folder = Path(notebooks_dir or config.NOTEBOOKS_DIR)
    found = sorted(p for p in folder.glob("[0-9]*.ipynb") if not p.name.startswith("."))
    if not only:
        return found
    keep = []
    for name in only:
        stem = Path(str(name)).stem
        match = [p for p in found if p.stem == stem or p.stem.split("_", 1)[0] == stem]
        if not match:
            raise ValueError(f"aucun notebook nommé {name!r} dans {folder} "
                             f"(notebooks : {', '.join(p.stem for p in found)})")
        keep.extend(m for m in match if m not in keep)
    return sorted(keep)


def parse_parameter_value(value):
    """Read a ``-p KEY=VALUE`` value as a YAML scalar or list, so types survive the command line.

    ``"10"`` → 10, ``"0.5"`` → 0.5, ``"true"`` → True, ``"null"`` → None,
    ``"[2019, 2023]"`` → [2019, 2023]; dates stay ISO strings (``"2019-01-01"``); quote a value
    to keep it a string (``-p 'PERIOD="10"'``). Non-string values are returned unchanged.

    Example:
        >>> parse_parameter_value("12"), parse_parameter_value("Y"), parse_parameter_value("[2019-01-01, null]")
        (12, 'Y', ['2019-01-01', None])
    """
    if not isinstance(value, str):
        return value
    import yaml

    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError:
        return value
    return _undate(parsed)


def _undate(obj):
    if isinstance(obj, (_dt.date, _dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, list):
        return [_undate(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _undate(v) for k, v in obj.items()}
    return obj


def choose_kernel() -> str:
    """Return ``"sinokaz"`` if that kernel is installed (``make install`` registers it), else ``"python3"``."""
    from jupyter_client.kernelspec import KernelSpecManager

    try:
        specs = KernelSpecManager().find_kernel_specs()
    except Exception:  # a broken kernelspec folder should not stop a run
        specs = {}
    return config.KERNEL_NAME if config.KERNEL_NAME in specs else "python3"


def read_declared_parameters(path: Path) -> set[str]:
    """Return the names assigned in the notebook's cell tagged ``parameters``."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    names: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            import ast

            for node in ast.parse(cell.source).body:
                targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def read_dependencies(path: Path) -> list[str]:
    """Return the notebooks this one reads the results of (``metadata.sinokaz.after``, e.g. ``["30_topics"]``).

    ``40_speakers`` applies the topic model ``30_topics`` fitted: side by side, it starts only once
    ``30_topics`` is done.
    """
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return [str(n) for n in nb.metadata.get("sinokaz", {}).get("after", [])]


@contextmanager
def _environment(values: dict[str, str]):
    """Set environment variables for the kernels started inside the block, then restore them."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def export_html(notebook_path: Path, html_path: Path) -> Path:
    """Write an HTML rendering of an executed notebook.

    Outputs are rendered as the kernel produced them: text streams and errors are escaped by
    nbconvert, and tables must be displayed as pandas' escaped HTML (its default) — never as
    Markdown or raw HTML built from article text, which could carry a ``<script>``.
    """
    import nbformat
    from nbconvert import HTMLExporter

    from .cache import write_atomic

    nb = nbformat.read(notebook_path, as_version=4)
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb)
    write_atomic(html_path, body.encode("utf-8"))
    return html_path


def _cell_label(nb_path: Path, source: str, fallback: int) -> str:
    """Return « cellule N » counted in the notebook as written (papermill adds an injected cell)."""
    import nbformat

    try:
        nb = nbformat.read(nb_path, as_version=4)
        for i, cell in enumerate(nb.cells, start=1):
            if cell.cell_type == "code" and cell.source.strip() == (source or "").strip():
                return f"cellule {i}"
    except Exception:
        pass
    return f"cellule {fallback + 1}"


def count_notebook_jobs(jobs: int | None = None) -> int:
    """Return how many notebooks run at once: ``jobs``, else ``SINOKAZ_NOTEBOOK_JOBS``, else 2 (1 on one core).

    Two kernels keep two cores busy (one renders figures while the other computes); more would
    each hold the corpus tables in memory for little gain, since later notebooks wait for the
    cache entries the first ones build.
    """
    if jobs is None:
        env = os.environ.get("SINOKAZ_NOTEBOOK_JOBS", "").strip()
        jobs = int(env) if env.isdigit() else min(2, os.cpu_count() or 1)
    return max(1, int(jobs))


@contextmanager
def _kernel_log(path: Path):
    """Send what the kernel process writes (stdout, stderr) and the warnings of papermill,
    nbclient and jupyter_client to the file ``path``; yield the kernel manager class that does it.

    ipykernel writes on its own stderr things a user would read as failures (« Kernel is running
    over TCP without encryption », « KeyboardInterrupt caught in kernel » at shutdown), and the
    libraries log in English: all of it goes to the log beside the executed notebook, which a
    failure message names. A cell's errors are not there: they come back in the notebook.
    ``start_kernel``'s keyword arguments are passed to ``Popen`` (jupyter_client's documented
    way to give the kernel its streams), so nothing of this process's own stderr is redirected.
    """
    import logging

    from jupyter_client import AsyncKernelManager

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    # both writers append (O_APPEND), so that the kernel's lines and the log records never overwrite each other
    handler = logging.FileHandler(path, mode="a", encoding="utf-8")
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("[%(name)s] %(levelname)s | %(message)s"))
    loggers = [logging.getLogger(name) for name in ("papermill", "traitlets")]
    with open(path, "ab") as stream:

        class LoggedKernelManager(AsyncKernelManager):
            async def start_kernel(self, **kw):
                kw.setdefault("stdout", stream)
                kw.setdefault("stderr", stream)
                return await super().start_kernel(**kw)

        saved = [(lg, lg.propagate) for lg in loggers]
        for lg in loggers:
            lg.addHandler(handler)
            lg.propagate = False
        try:
            yield LoggedKernelManager
        finally:
            for lg, propagate in saved:
                lg.removeHandler(handler)
                lg.propagate = propagate
            handler.close()


def _failure(exc: BaseException, *, kernel: str, timeout: int) -> str:
    """What went wrong outside a cell's own error, in French."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from .read.reasons import describe_error

    if isinstance(exc, CellTimeoutError):
        return f"une cellule a dépassé le délai de {timeout} s"
    if isinstance(exc, DeadKernelError):
        return "le noyau Python s'est arrêté en cours d'exécution (mémoire épuisée ?)"
    if type(exc).__name__ == "NoSuchKernel":
        return f"noyau Jupyter {kernel!r} introuvable (make install installe le noyau sinokaz)"
    if isinstance(exc, RuntimeError) and "kernel" in str(exc).lower():
        return f"le noyau Python n'a pas démarré ({describe_error(exc)})"
    return f"échec de l'exécution ({describe_error(exc)})"


KERNEL_START_ATTEMPTS = 3


def _kernel_did_not_start(exc: BaseException) -> bool:
    """Whether ``exc`` is jupyter_client's « the kernel died before it answered », raised before any cell ran."""
    return isinstance(exc, RuntimeError) and "before replying to kernel_info" in str(exc)


def _execute_with_restarts(nb: Path, target: Path, nb_params: dict, kernel: str, timeout: int,
                           kernel_manager_class) -> None:
    """Execute ``nb`` with papermill, starting a fresh kernel again when one dies before it answers.

    jupyter_client chooses a kernel's ports, frees them, then starts the kernel, which binds them:
    when two notebooks start side by side, or another program takes a port in that instant, the
    kernel dies with « Address already in use » before running anything (jupyter_client issue
    #154). A new kernel gets new ports; no cell has run, so nothing is executed twice.
    """
    import papermill as pm

    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            pm.execute_notebook(str(nb), str(target), parameters=nb_params, kernel_name=kernel,
                                cwd=str(nb.parent), progress_bar=False, log_output=False,
                                execution_timeout=timeout, report_mode=False,
                                kernel_manager_class=kernel_manager_class)
            return
        except RuntimeError as exc:
            if not _kernel_did_not_start(exc) or attempt == KERNEL_START_ATTEMPTS:
                raise
            print(f"  {nb.name} : le noyau n'a pas démarré, nouvel essai ({attempt + 1}/{KERNEL_START_ATTEMPTS})",
                  file=sys.stderr, flush=True)


def _execute_one(nb: Path, target: Path, nb_params: dict, env: dict, kernel: str, timeout: int,
                 html: bool) -> float:
    """Execute one notebook (in its own process when notebooks run side by side); return seconds.

    The kernel's own output goes to ``<target>.log`` (:func:`_kernel_log`).
    """
    from papermill.exceptions import PapermillExecutionError

    started = time.monotonic()
    log = target.with_suffix(".log")
    where_to_look = f"(notebook exécuté : {target} ; journal du noyau : {log})"
    with _environment(env), _kernel_log(log) as kernel_manager_class:
        try:
            _execute_with_restarts(nb, target, nb_params, kernel, timeout, kernel_manager_class)
        except PapermillExecutionError as exc:
            where = _cell_label(nb, exc.source, exc.cell_index)
            evalue = " ".join(str(exc.evalue).split())[:300]
            if html and target.exists():
                export_html(target, target.with_suffix(".html"))
            raise NotebookError(f"{nb.name} : la {where} a échoué, {exc.ename} : {evalue} {where_to_look}") from None
        except Exception as exc:  # the kernel died or did not start, a cell ran out of time
            what = _failure(exc, kernel=kernel, timeout=timeout)
            raise NotebookError(f"{nb.name} : {what} {where_to_look}") from None
    trust_notebook(target)
    if html:
        export_html(target, target.with_suffix(".html"))
    return time.monotonic() - started


def trust_notebook(path: Path) -> bool:
    """Sign an executed notebook for this user, as ``jupyter trust`` does, so that JupyterLab runs
    its outputs' scripts: the interactive tables (who said what, the concordance) then show
    instead of itables' English warning « is your notebook trusted? ». The user ran the notebook
    themselves, which is what Jupyter's trust means. Return False (the notebook stays as written)
    when the signature store cannot be written (read-only home, a locked database).

    Example:
        >>> trust_notebook(Path("reports/notebooks/40_speakers.ipynb"))   # doctest: +SKIP
        True
    """
    import nbformat
    from nbformat.sign import NotebookNotary

    try:
        nb = nbformat.read(str(path), as_version=4)
        NotebookNotary().sign(nb)
    except Exception:  # the store lives in the user's Jupyter data folder; signing is a convenience
        return False
    return True


def _say_started(nb: Path) -> None:
    print(f"exécution de {nb.name}…", file=sys.stderr, flush=True)


def _say_done(nb: Path, seconds: float) -> None:
    print(f"  {nb.name} terminé en {seconds:.0f} s", file=sys.stderr, flush=True)


def run_notebooks(*, corpus=None, metadata=None, out=None, only=None, parameters=None,
                  kernel: str | None = None, timeout: int = 3600, html: bool = True,
                  notebooks_dir=None, jobs: int | None = None) -> list[Path]:
    """Execute the notebooks with papermill; write them, their HTML and their figures.

    Notebooks run ``jobs`` at a time (default: two; see ``count_notebook_jobs``), each in its
    own kernel, the heaviest (highest numbers) first; with ``jobs=1`` in their numbered order.
    They share the on-disk cache, whose
    entries are locked while built: a notebook that needs the corpus or the statements while
    another builds them waits and then reads them, so nothing is computed twice and the results
    are those of a run one notebook after the other.

    Args:
        corpus: folder or table of articles passed as the ``CORPUS`` parameter (default: the
            bundled corpus).
        metadata: CSV of curated facts passed as ``METADATA``.
        out: output folder (default ``reports/``): ``notebooks/`` and ``figures/`` go under it.
        only: run only these notebooks (``"10_timeline"`` or ``"10"``).
        parameters: ``{NAME: value}`` for the parameters cells; string values are read as YAML
            scalars (see ``parse_parameter_value``). A name is passed to the notebooks that
            declare it; a name no selected notebook declares is an error (a typo).
        kernel: Jupyter kernel name (default: ``sinokaz`` if installed, else ``python3``).
        timeout: seconds allowed per cell.
        html: also write an HTML rendering of each notebook.
        notebooks_dir: where the notebooks are (default ``notebooks/``).
        jobs: notebooks executed at once (1: one after the other).

    Returns:
        The executed notebooks' paths, in order.

    Raises:
        NotebookError: one French line naming the notebook, the cell, the error, the executed
            notebook and the kernel's log (the first notebook to fail; those already running
            are finished, the others not started).
        ValueError: unknown notebook or parameter name.

    Example:
        >>> run_notebooks(only=["00"], out="/tmp/report", parameters={"SEED": "1"})  # doctest: +SKIP
    """
    notebooks = list_notebooks(only=only, notebooks_dir=notebooks_dir)
    if not notebooks:
        raise ValueError(f"aucun notebook dans {notebooks_dir or config.NOTEBOOKS_DIR}")
    out_dir = Path(out) if out else config.REPORTS_DIR
    out_dir = out_dir.resolve()
    params = {str(k).strip(): parse_parameter_value(v) for k, v in (parameters or {}).items()}
    if corpus is not None:
        corpus = str(Path(corpus).expanduser().resolve())
        if not Path(corpus).exists():
            raise FileNotFoundError(f"corpus introuvable : {corpus}")
        params["CORPUS"] = corpus
    if metadata is not None:
        metadata = str(Path(metadata).expanduser().resolve())
        if not Path(metadata).exists():
            raise FileNotFoundError(f"fichier de métadonnées introuvable : {metadata}")
        params["METADATA"] = metadata
    declared = {nb: read_declared_parameters(nb) for nb in notebooks}
    unknown = sorted(set(params) - set().union(*declared.values()))
    if unknown:
        raise ValueError(f"{agree(len(unknown), 'paramètre inconnu', 'paramètres inconnus')} {', '.join(unknown)} : les notebooks choisis déclarent "
                         f"{', '.join(sorted(set().union(*declared.values())))}")
    kernel = kernel or choose_kernel()
    (out_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    tasks = []
    for nb in notebooks:
        nb_params = {k: v for k, v in params.items() if k in declared[nb]}
        env = {
            "SINOKAZ_NOTEBOOK": nb.stem,
            "SINOKAZ_CORPUS": corpus or "bundled",
            "SINOKAZ_PARAMETERS": json.dumps(nb_params, sort_keys=True, ensure_ascii=False, default=str),
            "SINOKAZ_REPORTS_DIR": str(out_dir),
            "SINOKAZ_FIGURES_DIR": str(out_dir / "figures"),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        }
        tasks.append((nb, out_dir / "notebooks" / nb.name, nb_params, env, kernel, timeout, html))
    jobs = min(count_notebook_jobs(jobs), len(tasks))
    if jobs == 1:
        for task in tasks:
            _say_started(task[0])
            _say_done(task[0], _execute_one(*task))
        return [t[1] for t in tasks]
    return _run_side_by_side(tasks, jobs)


def _run_side_by_side(tasks: list[tuple], jobs: int) -> list[Path]:
    """Run ``_execute_one`` for each task, ``jobs`` at a time in fresh processes, the last notebooks first.

    The sequence grows heavier with its numbers (topic models and speaker comparisons come
    last): starting the heaviest first keeps both kernels busy to the end instead of leaving
    the longest notebook to run alone. A notebook that reads another's results
    (``read_dependencies``: 40 applies the topic model of 30) starts once that one is done.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fresh interpreters: each sets its own environment for its kernel, and nothing of this
    # process (threads, open sockets) is copied into them
    pending, running, failure = list(reversed(tasks)), {}, None
    selected = {t[0].stem for t in tasks}
    after = {t[0].stem: [d for d in read_dependencies(t[0]) if d in selected] for t in tasks}
    finished: set[str] = set()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        while pending or running:
            while len(running) < jobs and failure is None:
                ready = [t for t in pending if all(d in finished for d in after[t[0].stem])]
                if not ready:
                    break
                task = ready[0]
                pending.remove(task)
                _say_started(task[0])
                running[pool.submit(_execute_one, *task)] = task
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                task = running.pop(fut)
                finished.add(task[0].stem)
                try:
                    seconds = fut.result()
                except NotebookError as exc:
                    failure = failure or exc
                    print(f"  {task[0].name} : échec", file=sys.stderr, flush=True)
                    continue
                _say_done(task[0], seconds)
    if failure is not None:
        raise failure
    return [t[1] for t in tasks]


# --------------------------------------------------------------------------- make lab

#: JupyterLab settings of ``make lab``: no "Would you like to get notified about official Jupyter
#: news?" pop-up for a first-time user, no update check (nothing fetched from the network).
LAB_SETTINGS = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def write_lab_settings(prefix: str | Path | None = None) -> Path:
    """Write ``LAB_SETTINGS`` as JupyterLab default overrides of the environment (``overrides.d``).

    JupyterLab reads ``<prefix>/share/jupyter/lab/settings/overrides.d/*.json`` as the defaults
    of its settings; a user's own settings still win. Idempotent.

    Example:
        >>> write_lab_settings("/tmp/i15-lab-demo").name
        'sinokaz.json'
    """
    from .cache import write_atomic

    path = Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "sinokaz.json"
    write_atomic(path, (json.dumps(LAB_SETTINGS, indent=2) + "\n").encode("utf-8"))
    return path


def lab_command(*, notebooks_dir=None, extra=()) -> list[str]:
    """The command ``make lab`` runs: JupyterLab on the notebooks, without news or update checks.

    Example:
        >>> "--LabApp.news_url=None" in lab_command()
        True
    """
    jupyter = Path(sys.executable).with_name("jupyter")
    args = [str(jupyter), "lab", f"--notebook-dir={Path(notebooks_dir or config.NOTEBOOKS_DIR)}",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers often run as root; Jupyter refuses without this
        args.append("--allow-root")
    return args + list(extra)


def start_lab(argv=()) -> int:
    """Write the lab settings and run JupyterLab (``make lab``); return its exit code."""
    import subprocess

    write_lab_settings()
    return subprocess.call(lab_command(extra=argv))


if __name__ == "__main__":  # python -m sinokaz_utils.run lab [jupyter lab options]
    if len(sys.argv) < 2 or sys.argv[1] != "lab":
        sys.exit("utilisation : python -m sinokaz_utils.run lab [options de jupyter lab]")
    sys.exit(start_lab(sys.argv[2:]))
