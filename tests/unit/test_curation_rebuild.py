"""Rebuilding data/*.csv from ../shared/dossier and data/curation reproduces the committed tables byte for byte."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
BUILD = DATA / "curation" / "build.py"
DOSSIER = ROOT.parent / "shared" / "dossier"
BUILT = ("briefing.csv", "claimants.csv", "estimates.csv", "events.csv", "locations.csv", "quotes.csv", "sources.csv")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tables as build.py writes them into a fresh folder (a subprocess, so the curation modules stay out)."""
    if not (DOSSIER / "estimates.csv").is_file():
        pytest.skip(f"the fact dossier is not at {DOSSIER}")
    out = tmp_path_factory.mktemp("rebuilt")
    subprocess.run([sys.executable, str(BUILD), str(DOSSIER), str(out)], check=True, cwd=ROOT, timeout=120)
    return out


def test_the_build_writes_exactly_the_curated_tables(rebuilt: Path) -> None:
    assert sorted(p.name for p in rebuilt.iterdir()) == sorted(BUILT)


@pytest.mark.parametrize("name", BUILT)
def test_a_rebuild_reproduces_the_committed_table(rebuilt: Path, name: str) -> None:
    built = (rebuilt / name).read_bytes()
    committed = (DATA / name).read_bytes()
    if built != committed:
        new, old = built.decode("utf-8").splitlines(), committed.decode("utf-8").splitlines()
        first = next((i for i, (a, b) in enumerate(zip(new, old, strict=False)) if a != b), min(len(new), len(old)))
        pytest.fail(
            f"data/{name} differs from a rebuild at line {first + 1}:\n"
            f"  committed: {old[first] if first < len(old) else '<end>'}\n"
            f"  rebuilt:   {new[first] if first < len(new) else '<end>'}\n"
            "change the curation in data/curation and run data/curation/build.py, not the CSV"
        )


def test_the_build_leaves_the_committed_folder_alone(rebuilt: Path) -> None:
    assert rebuilt.resolve() != DATA.resolve()
    assert not (rebuilt / "judgments.csv").exists()
