"""Screenshots of the packs for the README: the HTML pack at two steps, and two pages of the PDF handout.

.venv/bin/python scripts/pack_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.data.loading import load_dataset  # noqa: E402
from components.pack.build import PackRequest, build  # noqa: E402
from components.pack.chromium import chromium_page, opened  # noqa: E402

HTML_STEPS = ("step-5", "step-4")  # a chart beside its figures, the map beside its place
PDF_PAGES = (5, 6)  # the map step and the casualties step (footnotes with every claimant)


def html_shots(document: str, out: Path) -> list[Path]:
    """The HTML pack opened offline at 1600x900, one PNG per chosen step."""
    shots = []
    with chromium_page() as page, opened(page, document):
        for step in HTML_STEPS:
            page.evaluate("id => window.packShow(id)", step)
            page.wait_for_function(
                f"() => document.querySelector('#{step} .visual').dataset.drawn === 'yes'", timeout=180_000
            )
            page.wait_for_timeout(500)
            path = out / f"pack-html-{step}.png"
            page.screenshot(path=str(path))
            shots.append(path)
    return shots


def pdf_shots(pdf: bytes, out: Path) -> list[Path]:
    """Chosen pages of the handout rendered by pdftoppm at 80 dpi."""
    shots = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "handout.pdf"
        source.write_bytes(pdf)
        for number in PDF_PAGES:
            stem = out / f"pack-pdf-page-{number}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number), "-singlefile", source, stem],
                check=True,
            )
            shots.append(stem.with_suffix(".png"))
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    out = parser.parse_args().out
    ds = load_dataset(ROOT / "data")
    document = build(ds, PackRequest("html")).decode("utf-8")
    for path in html_shots(document, out) + pdf_shots(build(ds, PackRequest("pdf")), out):
        print(path)


if __name__ == "__main__":
    main()
