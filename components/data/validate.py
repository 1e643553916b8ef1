"""Command line `python -m components.validate [folder]`: prints every problem; exits 1 when any is an error.

Warnings (implausible rows, which are kept) are printed too but do not fail the run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from components.data.dataset import Dataset
from components.data.loading import default_data_dir, load_dataset

Loader = Callable[[Path], Dataset]


def report(folder: Path, load: Loader = load_dataset) -> tuple[str, int]:
    """The validation report for a folder as text, and the number of errors (`load` may add checks)."""
    dataset = load(folder)
    lines = [f"Validated {folder}"]
    lines += [f"  {name}: {len(frame)} valid rows" for name, frame in dataset.tables.items()]
    errors, warnings = len(dataset.errors), len(dataset.warnings)
    if dataset.problems:
        lines.append(
            f"{len(dataset.problems)} problem(s): {errors} error(s), rows left out; {warnings} warning(s), rows kept:"
        )
        lines += [f"  {problem}" for problem in dataset.problems]
    else:
        lines.append("0 problems.")
    return "\n".join(lines), errors


def main(argv: list[str] | None = None, load: Loader = load_dataset) -> int:
    """Run the validator over a folder (default: BRIEFING_DATA_DIR or data/)."""
    parser = argparse.ArgumentParser(description="Validate a folder of briefing tables.")
    parser.add_argument("folder", nargs="?", type=Path, default=None, help="default: data/")
    folder = parser.parse_args(argv).folder or default_data_dir()
    text, errors = report(folder, load)
    print(text)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
