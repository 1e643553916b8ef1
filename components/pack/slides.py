"""The PowerPoint deck: a key-judgments slide, one slide per step (title, visual, citations), then the sources.

Only python-pptx's default template and its standard layouts ("Title and Content", "Title Only") are used,
so the deck opens in PowerPoint and in LibreOffice Impress alike. Data goes in as text runs, never markup.
Talking points are the speaker notes of the presenter version; the audience version's notes say they were
left out.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from components.pack.content import NO_JUDGMENTS, Pack, StepContent
from components.pack.handout import footnotes
from components.state.known import Judgment

TITLE_AND_CONTENT = 1
TITLE_ONLY = 5
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
VISUAL_BOX = (Inches(0.4), Inches(1.35), Inches(8.3), Inches(5.4))  # left, top, width, height
NOTES_BOX = (Inches(8.9), Inches(1.35), Inches(4.1), Inches(5.4))
SOURCES_PER_SLIDE = 14
AUDIENCE_NOTES = "Audience version: the talking points are left out."
MAX_NOTE_LINES = 18


def plain(markup: str) -> str:
    """A footnote built for HTML, back to its plain text (the deck never carries markup)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def judgment_line(judgment: Judgment) -> str:
    """A judgment with its likelihood and confidence as separate labels."""
    labels = [
        judgment.likelihood or "statement of fact",
        f"confidence {judgment.confidence}" if judgment.confidence else "",
    ]
    return f"{judgment.statement} ({'; '.join(x for x in labels if x)})"


def text_box(slide: object, box: tuple, lines: list[str], size: int) -> None:
    """A word-wrapped text box of plain lines."""
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)


def widen(shape: object, top: int, height: int) -> None:
    """A placeholder of the (4:3) default layouts stretched across the 16:9 slide."""
    shape.left, shape.top, shape.width, shape.height = Inches(0.4), top, Inches(12.5), height


def footer(slide: object, pack: Pack) -> None:
    """The as-of date and data stamp at the foot of every slide."""
    text_box(slide, (Inches(0.4), Inches(6.95), Inches(12.5), Inches(0.4)), [pack.footer], 10)


def judgments_slide(deck: Presentation, pack: Pack) -> None:
    """The key judgments as bullets (or 'no judgments recorded')."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = "Key judgments"
    widen(slide.shapes.title, Inches(0.3), Inches(1.0))
    widen(slide.placeholders[1], Inches(1.4), Inches(5.4))
    body = slide.placeholders[1].text_frame
    lines = [judgment_line(j) for j in pack.judgments] or [NO_JUDGMENTS]
    for n, line in enumerate(lines):
        paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(18 if len(lines) < 6 else 14)
    footer(slide, pack)
    slide.notes_slide.notes_text_frame.text = f"{pack.title}. {len(pack.steps)} steps follow."


def picture(slide: object, image: bytes) -> None:
    """The step's visual, fitted into the visual box with its proportions kept."""
    left, top, width, height = VISUAL_BOX
    shape = slide.shapes.add_picture(io.BytesIO(image), left, top, width=width)
    if shape.height > height:
        ratio = height / shape.height
        shape.height, shape.width = height, Emu(int(shape.width * ratio))


def step_slide(deck: Presentation, pack: Pack, step: StepContent, image: bytes | None) -> None:
    """A step: its title, its visual, its citations beside it, talking points as speaker notes."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = f"{step.number}. {step.title}"
    widen(slide.shapes.title, Inches(0.2), Inches(1.05))
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(26)
    if image is not None:
        picture(slide, image)
    notes = [plain(n) for n in footnotes(step)]
    shown = notes[:MAX_NOTE_LINES] + (
        [f"… and {len(notes) - MAX_NOTE_LINES} more in the sources"] if len(notes) > MAX_NOTE_LINES else []
    )
    lead = [step.lead] if step.lead else []
    text_box(slide, NOTES_BOX, lead + list(step.details[:3]) + ["Sources:"] + shown, 9)
    footer(slide, pack)
    slide.notes_slide.notes_text_frame.text = step.talking_points or AUDIENCE_NOTES


def sources_slides(deck: Presentation, pack: Pack) -> None:
    """Every source the deck cites, with its grade and address."""
    chunks = [pack.sources[i : i + SOURCES_PER_SLIDE] for i in range(0, len(pack.sources), SOURCES_PER_SLIDE)]
    for n, chunk in enumerate(chunks, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        slide.shapes.title.text = f"Sources ({n}/{len(chunks)})"
        widen(slide.shapes.title, Inches(0.2), Inches(1.05))
        lines = [f"{c.label} · {c.title} [reliability {c.grade}] {c.url}".strip() for c in chunk]
        text_box(slide, (Inches(0.4), Inches(1.3), Inches(12.5), Inches(5.5)), lines, 10)
        footer(slide, pack)


def pptx_bytes(pack: Pack, images: dict[int, bytes]) -> bytes:
    """The deck as .pptx bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    judgments_slide(deck, pack)
    for step in pack.steps:
        step_slide(deck, pack, step, images.get(step.number))
    sources_slides(deck, pack)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
