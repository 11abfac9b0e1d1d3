"""Shared test fixtures: locations of the bundled corpus and of ../shared (skipped when absent)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from sinokaz_utils.config import RAW_DIR, SHARED_DIR

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The bundled corpus folder (data/raw)."""
    return RAW_DIR


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project; tests using it skip cleanly when it is absent."""
    if not (SHARED_DIR / "tools" / "score.py").exists():
        pytest.skip("../shared is absent")
    return SHARED_DIR


def _corpus_folder(shared_dir: Path, name: str) -> Path:
    path = shared_dir / name
    if not (path / "raw").is_dir():
        pytest.skip(f"../shared/{name} is absent")
    return path


@pytest.fixture(scope="session")
def corpus_dev(shared_dir) -> Path:
    """The development corpus folder (../shared/corpus_dev)."""
    return _corpus_folder(shared_dir, "corpus_dev")


@pytest.fixture(scope="session")
def corpus_press(shared_dir) -> Path:
    """The mainstream press corpus folder (../shared/corpus_press)."""
    return _corpus_folder(shared_dir, "corpus_press")
