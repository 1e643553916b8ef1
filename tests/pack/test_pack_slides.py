"""The PowerPoint deck read back with python-pptx: judgments slide, one slide per step, notes, citations."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from components.data.loading import load_dataset
from components.pack.content import build_pack
from components.pack.slides import AUDIENCE_NOTES, SOURCES_PER_SLIDE, pptx_bytes

ROOT = Path(__file__).resolve().parents[2]


def png(width: int = 1400, height: int = 700) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def packs():
    ds = load_dataset(ROOT / "data")
    return build_pack(ds, presenter=True), build_pack(ds)


def deck_of(pack) -> Presentation:
    images = {s.number: png() for s in pack.steps if s.kind != "none"}
    return Presentation(io.BytesIO(pptx_bytes(pack, images)))


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_a_judgments_slide_then_one_slide_per_step_then_the_sources(packs) -> None:
    pack, _ = packs
    slides = list(deck_of(pack).slides)
    sources = -(-len(pack.sources) // SOURCES_PER_SLIDE)
    assert len(slides) == 1 + len(pack.steps) + sources
    assert slides[0].shapes.title.text == "Key judgments"
    assert pack.judgments and all(j.statement in slide_text(slides[0]) for j in pack.judgments)
    for slide, step in zip(slides[1:], pack.steps, strict=False):
        assert slide.shapes.title.text == f"{step.number}. {step.title}"
    assert [s.shapes.title.text for s in slides[-sources:]] == [
        f"Sources ({n}/{sources})" for n in range(1, sources + 1)
    ]


def test_talking_points_are_the_speaker_notes_of_the_presenter_version(packs) -> None:
    presenter, audience = packs
    for slide, step in zip(list(deck_of(presenter).slides)[1:], presenter.steps, strict=False):
        assert slide.notes_slide.notes_text_frame.text == step.talking_points
        assert step.talking_points
    for slide in list(deck_of(audience).slides)[1 : 1 + len(audience.steps)]:
        assert slide.notes_slide.notes_text_frame.text == AUDIENCE_NOTES


def test_every_step_slide_has_its_visual_citations_and_footer(packs) -> None:
    pack, _ = packs
    for slide, step in zip(list(deck_of(pack).slides)[1:], pack.steps, strict=False):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == (0 if step.kind == "none" else 1)
        deck = slide.part.package.presentation_part.presentation
        for shape in slide.shapes:  # nothing hangs off the slide
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height
        text = slide_text(slide)
        assert pack.footer in text
        if step.kind == "judgments":  # the HTML pack's judgments list, as a picture; nothing is cited beside it
            assert step.judgments and not step.claims and not step.citations
            continue
        cited = step.claims[0].source if step.claims else (step.quotes[0].source if step.quotes else step.citations[0])
        assert cited.label in text and f"[{cited.code}]" in text


def test_only_standard_layouts_are_used(packs) -> None:
    pack, _ = packs
    names = {slide.slide_layout.name for slide in deck_of(pack).slides}
    assert names == {"Title and Content", "Title Only"}


def test_hostile_text_goes_into_the_deck_as_text() -> None:
    pack = build_pack(load_dataset(ROOT / "tests" / "fixtures" / "hostile"), presenter=True)
    slides = list(deck_of(pack).slides)
    assert slides[1].shapes.title.text == f"1. {pack.steps[0].title}"
    assert "<script>" in slides[1].shapes.title.text
    assert slides[1].notes_slide.notes_text_frame.text == pack.steps[0].talking_points
