"""run: notebook selection, typed -p parameters, and one clear line when a cell fails."""
from __future__ import annotations

import os
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
    with pytest.raises(ValueError, match="no notebook named '99'"):
        run.list_notebooks(only=["99"])


def test_declared_parameters_are_read_from_the_parameters_cell():
    declared = run.read_declared_parameters(ROOT / "notebooks" / "10_timeline.ipynb")
    assert {"CORPUS", "METADATA", "DATE_RANGE", "PERIOD", "SAVE_FIGURES"} <= declared


def test_unknown_parameter_and_missing_corpus_are_refused_before_running(tmp_path):
    with pytest.raises(ValueError, match="unknown parameter.*PERIODE"):
        run.run_notebooks(out=tmp_path, only=["10"], parameters={"PERIODE": "Y"})
    with pytest.raises(FileNotFoundError, match="corpus not found"):
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
    assert msg.startswith("00_corpus_overview.ipynb: cell ") and "failed with TypeError" in msg
    assert (tmp_path / "notebooks" / "00_corpus_overview.ipynb").exists()  # kept for inspection
    # the CLI prints that line without a traceback and exits non-zero
    sinokaz = Path(sys.executable).with_name("sinokaz")
    proc = subprocess.run([str(sinokaz), "run", "--only", "00", "--out", str(tmp_path / "cli"), "-p", "TOP_OUTLETS=many"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    errors = [l for l in proc.stderr.splitlines() if l.startswith("sinokaz run: error:")]
    assert len(errors) == 1 and "00_corpus_overview.ipynb: cell" in errors[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_side_by_side_a_failure_is_reported_and_the_running_notebook_finishes(tmp_path):
    # two notebooks at once: 10 fails (MILESTONE_MARGIN_YEARS, which only 10 declares, must be a
    # number), 00 runs to its end and writes its figures; the error is one line naming 10's cell
    with pytest.raises(run.NotebookError) as err:
        run.run_notebooks(out=tmp_path, only=["00", "10"], parameters={"MILESTONE_MARGIN_YEARS": "many"}, jobs=2)
    assert str(err.value).startswith("10_timeline.ipynb: cell ") and "\n" not in str(err.value)
    assert (tmp_path / "notebooks" / "00_corpus_overview.html").exists()
    assert list((tmp_path / "figures" / "00_corpus_overview").glob("*.png"))


def test_notebook_jobs_default_to_two_and_follow_the_environment(monkeypatch):
    monkeypatch.delenv("SINOKAZ_NOTEBOOK_JOBS", raising=False)
    assert run.count_notebook_jobs() == min(2, os.cpu_count() or 1)
    monkeypatch.setenv("SINOKAZ_NOTEBOOK_JOBS", "1")
    assert run.count_notebook_jobs() == 1
    assert run.count_notebook_jobs(3) == 3
