"""run: notebook selection, typed -p parameters, and one clear line when a cell fails."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sinokaz_utils import run

ROOT = Path(__file__).resolve().parents[1]


def test_parameter_values_are_read_as_yaml_scalars():
    assert run.parse_parameter_value("10") == 10
    assert run.parse_parameter_value("0.5") == 0.5
    assert run.parse_parameter_value("true") is True
    assert run.parse_parameter_value("null") is None
    assert run.parse_parameter_value("Q") == "Q"
    assert run.parse_parameter_value('"10"') == "10"
    assert run.parse_parameter_value("[2019-01-01, 2023-12-31]") == ["2019-01-01", "2023-12-31"]
    assert run.parse_parameter_value("[trois forces du mal, une seule Chine]") == ["trois forces du mal", "une seule Chine"]
    assert run.parse_parameter_value(7) == 7


def test_list_notebooks_in_order_and_by_name_or_number():
    names = [p.stem for p in run.list_notebooks()]
    assert names == sorted(names) and names[:3] == ["00_corpus_overview", "10_timeline", "20_keyword_trends"]
    assert [p.stem for p in run.list_notebooks(only=["20", "00_corpus_overview.ipynb"])] == [
        "00_corpus_overview", "20_keyword_trends"]
    with pytest.raises(ValueError, match="aucun notebook nommé '99'"):
        run.list_notebooks(only=["99"])


def test_declared_parameters_are_read_from_the_parameters_cell():
    declared = run.read_declared_parameters(ROOT / "notebooks" / "10_timeline.ipynb")
    assert {"CORPUS", "METADATA", "DATE_RANGE", "PERIOD", "SAVE_FIGURES"} <= declared


def test_unknown_parameter_and_missing_corpus_are_refused_before_running(tmp_path):
    with pytest.raises(ValueError, match="paramètre.* inconnu.* PERIODE"):
        run.run_notebooks(out=tmp_path, only=["10"], parameters={"PERIODE": "Y"})
    with pytest.raises(FileNotFoundError, match="corpus introuvable"):
        run.run_notebooks(out=tmp_path, corpus=tmp_path / "nowhere")
    assert not (tmp_path / "notebooks").exists() or not list((tmp_path / "notebooks").iterdir())


def test_kernel_is_sinokaz_when_installed():
    from jupyter_client.kernelspec import KernelSpecManager

    expected = "sinokaz" if "sinokaz" in KernelSpecManager().find_kernel_specs() else "python3"
    assert run.choose_kernel() == expected


@pytest.mark.slow
def test_a_failing_cell_gives_one_line_naming_notebook_and_cell(tmp_path):
    # TOP_OUTLETS must be a number: a string makes the plotting cell of notebook 00 fail
    with pytest.raises(run.NotebookError) as err:
        run.run_notebooks(out=tmp_path, only=["00"], parameters={"TOP_OUTLETS": "many"})
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith("00_corpus_overview.ipynb : la cellule ") and "a échoué, TypeError : " in msg
    executed, log = tmp_path / "notebooks" / "00_corpus_overview.ipynb", tmp_path / "notebooks" / "00_corpus_overview.log"
    assert msg.endswith(f"(notebook exécuté : {executed} ; journal du noyau : {log})")
    assert executed.exists() and log.exists()  # kept for inspection
    # the CLI prints that line without a traceback and exits non-zero; one notebook runs in this
    # process (-j 1): its kernel's own stderr goes to the log, never to the terminal
    sinokaz = Path(sys.executable).with_name("sinokaz")
    out = tmp_path / "cli"
    proc = subprocess.run([str(sinokaz), "run", "--only", "00", "--out", str(out), "-p", "TOP_OUTLETS=many"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    errors = [line for line in proc.stderr.splitlines() if line.startswith("sinokaz run : erreur : ")]
    assert len(errors) == 1 and "00_corpus_overview.ipynb : la cellule" in errors[0]
    assert proc.stderr.splitlines() == ["exécution de 00_corpus_overview.ipynb…", errors[0]]
    # ipykernel's warning about its TCP transport (pinned versions write it at every start) is in the log
    assert "[IPKernelApp]" in (out / "notebooks" / "00_corpus_overview.log").read_text(encoding="utf-8")


@pytest.mark.slow
def test_side_by_side_a_failure_is_reported_and_the_running_notebook_finishes(tmp_path):
    # two notebooks at once: 10 fails (MILESTONE_MARGIN_YEARS, which only 10 declares, must be a
    # number), 00 runs to its end and writes its figures; the error is one line naming 10's cell
    with pytest.raises(run.NotebookError) as err:
        run.run_notebooks(out=tmp_path, only=["00", "10"], parameters={"MILESTONE_MARGIN_YEARS": "many"}, jobs=2)
    assert str(err.value).startswith("10_timeline.ipynb : la cellule ") and "\n" not in str(err.value)
    assert "journal du noyau : " in str(err.value) and (tmp_path / "notebooks" / "10_timeline.log").exists()
    assert (tmp_path / "notebooks" / "00_corpus_overview.html").exists()
    assert list((tmp_path / "figures" / "00_corpus_overview").glob("*.png"))


#: The lines ``sinokaz run`` writes on stderr when every notebook runs to its end.
RUN_LINE = re.compile(r"^(?:exécution de \d\d_\w+\.ipynb…|  \d\d_\w+\.ipynb terminé en \d+ s)$")
#: The line it adds when a kernel died before answering and a new one is started (see run.py).
RETRY_LINE = re.compile(r"^  \d\d_\w+\.ipynb : le noyau n'a pas démarré, nouvel essai \(\d/\d\)$")


@pytest.mark.slow
def test_run_on_the_bundled_corpus_writes_only_its_own_french_lines(tmp_path):
    # two notebooks side by side: each runs in a worker process, its kernel's stderr in its log
    sinokaz = Path(sys.executable).with_name("sinokaz")
    proc = subprocess.run([str(sinokaz), "run", "--only", "00", "10", "-j", "2", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if not RETRY_LINE.match(line)]
    assert len(lines) == 4 and all(RUN_LINE.match(line) for line in lines), proc.stderr
    for name in ("00_corpus_overview", "10_timeline"):
        assert "[IPKernelApp]" in (tmp_path / "notebooks" / f"{name}.log").read_text(encoding="utf-8")


def _notebook(folder: Path, source: str) -> Path:
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Essai"), nbformat.v4.new_code_cell(source)])
    path = folder / "00_essai.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("source, said", [
    ("import time\ntime.sleep(30)", "une cellule a dépassé le délai de 2 s"),
    ("import os\nos._exit(1)", "le noyau Python s'est arrêté en cours d'exécution"),
])
def test_a_kernel_that_dies_or_a_cell_out_of_time_is_one_french_line(tmp_path, source, said):
    _notebook(tmp_path / "nb", source)
    with pytest.raises(run.NotebookError) as err:
        run.run_notebooks(notebooks_dir=tmp_path / "nb", out=tmp_path / "out", timeout=2, html=False)
    msg = str(err.value)
    assert msg.startswith(f"00_essai.ipynb : {said}") and "\n" not in msg
    assert msg.endswith(f"journal du noyau : {tmp_path / 'out' / 'notebooks' / '00_essai.log'})")


def _kernel_that_dies(tmp_path: Path, monkeypatch, *, times: int) -> str:
    """Install a kernel spec whose first ``times`` kernels exit at once, as one whose port was taken does."""
    import json

    script = tmp_path / "flaky_kernel.py"
    script.write_text(
        "import sys\nfrom pathlib import Path\n"
        f"count = Path({str(tmp_path / 'starts')!r})\n"
        "n = int(count.read_text()) if count.exists() else 0\n"
        "count.write_text(str(n + 1))\n"
        f"if n < {times}:\n    sys.exit(1)\n"
        "from ipykernel import kernelapp\nkernelapp.launch_new_instance()\n", encoding="utf-8")
    spec = tmp_path / "jupyter" / "kernels" / "flaky"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(script), "-f", "{connection_file}"],
        "display_name": "flaky", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "flaky"


@pytest.mark.slow
def test_a_kernel_that_dies_before_answering_is_started_again(tmp_path, monkeypatch, capfd):
    kernel = _kernel_that_dies(tmp_path, monkeypatch, times=1)
    _notebook(tmp_path / "nb", "print(6 * 7)")
    [written] = run.run_notebooks(notebooks_dir=tmp_path / "nb", out=tmp_path / "out", kernel=kernel, html=False, jobs=1)
    assert (tmp_path / "starts").read_text() == "2"
    assert "42" in written.read_text(encoding="utf-8")
    assert "00_essai.ipynb : le noyau n'a pas démarré, nouvel essai (2/3)" in capfd.readouterr().err


@pytest.mark.slow
def test_a_kernel_that_never_starts_is_one_french_line_after_three_tries(tmp_path, monkeypatch):
    kernel = _kernel_that_dies(tmp_path, monkeypatch, times=99)
    _notebook(tmp_path / "nb", "print(6 * 7)")
    with pytest.raises(run.NotebookError) as err:
        run.run_notebooks(notebooks_dir=tmp_path / "nb", out=tmp_path / "out", kernel=kernel, html=False, jobs=1)
    assert str(err.value).startswith("00_essai.ipynb : le noyau Python n'a pas démarré") and "\n" not in str(err.value)
    assert (tmp_path / "starts").read_text() == str(run.KERNEL_START_ATTEMPTS)


def test_notebook_jobs_default_to_two_and_follow_the_environment(monkeypatch):
    monkeypatch.delenv("SINOKAZ_NOTEBOOK_JOBS", raising=False)
    assert run.count_notebook_jobs() == min(2, os.cpu_count() or 1)
    monkeypatch.setenv("SINOKAZ_NOTEBOOK_JOBS", "1")
    assert run.count_notebook_jobs() == 1
    assert run.count_notebook_jobs(3) == 3


def test_executed_notebooks_are_trusted_so_their_tables_show_in_jupyterlab(tmp_path, monkeypatch):
    """An unsigned notebook's scripts do not run in JupyterLab: the interactive tables then show only
    itables' English « is your notebook trusted? ». ``sinokaz run`` signs what it executed."""
    import nbformat
    from nbformat.sign import NotebookNotary

    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": "<script>void 0</script>"})])])
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, str(path))
    assert not NotebookNotary().check_signature(nbformat.read(str(path), as_version=4))
    assert run.trust_notebook(path)
    assert NotebookNotary().check_signature(nbformat.read(str(path), as_version=4))
    assert not run.trust_notebook(tmp_path / "absent.ipynb")  # nothing to sign: no failure either
