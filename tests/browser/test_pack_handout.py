"""The PDF handout read back with pypdf: judgments page, one page per step, sources, footer on every page."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from components.data.loading import load_dataset
from components.pack.chromium import SCALE, VIEWPORT
from components.pack.content import build_pack
from components.pack.handout import SOURCES_PER_PAGE, handout_html, print_pdf

ROOT = Path(__file__).resolve().parents[2]
POINTS = {"A4": (842, 595), "Letter": (792, 612)}


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1400, 700), (30, 90, 200)).save(out, format="PNG")
    return out.getvalue()


def plain(text: str) -> str:
    """Extracted text without ligatures and line breaks, for comparing with what was written."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pack():
    return build_pack(load_dataset(ROOT / "data"), presenter=True)


def printed(browser, pack, paper: str) -> PdfReader:
    """The handout printed by a page of pytest-playwright's Chromium (its Sync API owns this thread's loop,
    so a second `sync_playwright()` here would refuse to start)."""
    images = {s.number: png() for s in pack.steps if s.kind in ("plotly", "deck")}
    page = browser.new_page(viewport=VIEWPORT, device_scale_factor=SCALE)
    try:
        page.set_content(handout_html(pack, images, paper), wait_until="load")
        return PdfReader(io.BytesIO(print_pdf(page, pack, paper)))
    finally:
        page.close()


@pytest.fixture(scope="module")
def a4(browser, pack) -> PdfReader:
    return printed(browser, pack, "A4")


def test_judgments_first_then_one_page_per_step_then_the_sources(pack, a4) -> None:
    pages = [plain(p.extract_text()) for p in a4.pages]
    sources = -(-len(pack.sources) // SOURCES_PER_PAGE)
    assert len(pages) == 1 + len(pack.steps) + sources
    assert pages[0].startswith("Key judgments") and pack.judgments
    assert all(plain(j.statement)[:60] in pages[0] for j in pack.judgments)
    for text, step in zip(pages[1:], pack.steps, strict=False):
        assert text.startswith(plain(f"{step.number}. {step.title}"))
    for n, text in enumerate(pages[-sources:], start=1):
        assert text.startswith(f"Sources ({n}/{sources})")
    addresses = [c.url for c in pack.sources if c.url]
    assert addresses and plain(addresses[0]).replace(" ", "") in "".join(pages[-sources:]).replace(" ", "")


def test_every_page_carries_the_footer_with_as_of_date_and_data_stamp(pack, a4) -> None:
    total = len(a4.pages)
    for number, page in enumerate(a4.pages, start=1):
        text = plain(page.extract_text())
        assert f"As of {pack.as_of} · data stamp {pack.stamp}" in text
        assert f"page {number} of {total}" in text


def test_figures_carry_their_claimants_and_quotes_their_sources_and_grades(pack, a4) -> None:
    for page, step in zip(a4.pages[1:], pack.steps, strict=False):
        text = plain(page.extract_text())
        for claim in step.claims[:3] + step.claims[-2:]:
            if step.kind == "figures":  # the overview's figures are a table: claimant and figure in one row
                assert plain(f"{claim.claimant} {claim.stated} {claim.what}") in text
            else:
                assert plain(f"{claim.claimant}: {claim.stated}") in text
        for quote in step.quotes:
            assert plain(f"{quote.speaker}, {quote.source.label} [{quote.source.code}]") in text


def test_pages_are_landscape_a4_or_letter(browser, pack, a4) -> None:
    box = a4.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(POINTS["A4"], abs=1.5)
    letter = printed(browser, pack, "Letter")
    box = letter.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(POINTS["Letter"], abs=1.5)
    assert len(letter.pages) == len(a4.pages)
