"""Command line `python -m components.validate [folder]`: prints every problem and exits 1 if there is any."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from components.data.dataset import Dataset
from components.data.loading import default_data_dir, load_dataset

Loader = Callable[[Path], Dataset]


def report(folder: Path, load: Loader = load_dataset) -> tuple[str, int]:
    """The validation report for a folder as text, and the number of problems (`load` may add checks)."""
    dataset = load(folder)
    lines = [f"Validated {folder}"]
    lines += [f"  {name}: {len(frame)} valid rows" for name, frame in dataset.tables.items()]
    if dataset.problems:
        lines.append(f"{len(dataset.problems)} problem(s):")
        lines += [f"  {problem}" for problem in dataset.problems]
    else:
        lines.append("0 problems.")
    return "\n".join(lines), len(dataset.problems)


def main(argv: list[str] | None = None, load: Loader = load_dataset) -> int:
    """Run the validator over a folder (default: BRIEFING_DATA_DIR or data/)."""
    parser = argparse.ArgumentParser(description="Validate a folder of briefing tables.")
    parser.add_argument("folder", nargs="?", type=Path, default=None, help="default: data/")
    folder = parser.parse_args(argv).folder or default_data_dir()
    text, count = report(folder, load)
    print(text)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
