"""`python -m components.pack --format html|pdf|pptx --out PATH [--data DIR] [--asof YYYY-MM-DD] [--presenter]`."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from components.data.loading import default_data_dir, load_dataset
from components.pack.build import FORMATS, PackRequest, build
from components.pack.chromium import ChromiumMissing
from components.pack.handout import PAPERS
from components.state.filters import Filters


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line, read."""
    parser = argparse.ArgumentParser(prog="python -m components.pack", description="Build an offline briefing pack.")
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--out", type=Path, required=True, help="file to write")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: BRIEFING_DATA_DIR or data/)")
    parser.add_argument("--asof", type=date.fromisoformat, default=None, help="show what was known on YYYY-MM-DD")
    parser.add_argument("--presenter", action="store_true", help="add the talking points")
    parser.add_argument("--paper", choices=tuple(PAPERS), default="a4", help="PDF paper size (landscape)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the pack and write it; one line on stderr when no Chromium can draw a PDF or deck."""
    args = arguments(argv)
    started = time.perf_counter()
    ds = load_dataset(args.data or default_data_dir())
    request = PackRequest(args.format, Filters(as_of=args.asof), args.presenter, args.paper)
    try:
        payload = build(ds, request)
    except ChromiumMissing as missing:
        print(f"{missing} Try: --format html", file=sys.stderr)
        return 3
    args.out.write_bytes(payload)
    took = time.perf_counter() - started
    print(f"wrote {args.out} ({len(payload) / 1e6:.1f} MB, {len(ds.problems)} data problems) in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
