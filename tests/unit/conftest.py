"""The unit tier's shared fixtures: the bundled data, loaded once per session (no test mutates it)."""

from pathlib import Path

import pytest

from components.data.dataset import Dataset
from components.data.loading import load_dataset
from components.state.briefing import load_briefing

BUNDLED_DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="session")
def bundled_dataset() -> Dataset:
    """The bundled data as `load_dataset` gives it (tables and the data layer's problems)."""
    return load_dataset(BUNDLED_DATA)


@pytest.fixture(scope="session")
def bundled_briefing() -> Dataset:
    """The bundled data as the app loads it: `load_briefing`, so the briefing steps are checked too."""
    return load_briefing(BUNDLED_DATA)
