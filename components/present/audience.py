"""The audience screen's measures: type sizes, the chart's height and how much panel text fits one window.

A projector screen must show the whole step without scrolling, so every size is worked out from the window the
audience screen measured (its inner width and height), before anything is drawn. Pure: no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

DEFAULT_WINDOW = (1280, 720)  # before the browser has measured: the smallest window the screen is made for
CHART_SHARE = {"timeline": 0.68, "map": 0.62, "forces": 0.78, "overview": 0.75}
PAGE_PADDING_PX = 40  # above the title and below the visual (the frame's CSS sets it)
GAP_PX = 16
SAFETY_PX = 24
JUDGMENT_TYPE_PX = (34, 30, 27, 24, 21, 18, 16, 14)  # the sizes key judgments may take, largest first
JUDGMENT_TITLE_SHARE = 0.8  # a judgment's type stays below the title's: the title still reads as the heading
JUDGMENT_LINE = 1.4  # line height of a judgment, in type sizes
JUDGMENT_GAP_PX = 16  # between two judgments (Streamlit's gap between elements)


@dataclass(frozen=True)
class Stage:
    """Sizes of one audience screen in CSS pixels."""

    width: int
    height: int
    font_px: int  # chart labels, panel text
    title_px: int
    title_lines: int
    visual_px: int  # the chart's or map's height
    panel_chars: int  # how many characters of panel text fit beside the visual


def type_size(width: int) -> int:
    """Chart labels and panel text: 24 px on a full-HD projector, smaller on a small window."""
    return 24 if width >= 1600 else 18 if width >= 1200 else 15


def title_lines(title: str, width: int, title_px: int) -> int:
    """How many lines the title takes at this width (an average glyph is about half the type size wide)."""
    per_line = max(10, int((width - 2 * PAGE_PADDING_PX) / (0.56 * title_px)))
    return max(1, math.ceil(len(title) / per_line))


def stage(title: str, page: str, window: tuple[int, int] | None, subtitle: bool = False) -> Stage:
    """The audience screen's sizes for a step with this title (and a one-line subtitle), on this page's visual."""
    width, height = window or DEFAULT_WINDOW
    font = type_size(width)
    title_px = round(font * 1.8)
    lines = title_lines(title, width, title_px)
    title_h = lines * round(title_px * 1.25) + GAP_PX + (round(font * 1.6) if subtitle else 0)
    visual = max(240, height - 2 * PAGE_PADDING_PX - title_h - SAFETY_PX)
    panel_w = width * (1 - CHART_SHARE.get(page, 0.7)) - 2 * GAP_PX
    panel_lines = max(3, int((visual - 3 * font * 1.6) / (font * 1.5)))
    chars = int(panel_w / (0.55 * font)) * panel_lines
    return Stage(width, height, font, title_px, lines, visual, max(80, chars))


def clipped(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def projector_figure(figure: go.Figure, sizes: Stage) -> go.Figure:
    """A copy of a chart at the screen's height with every label at the screen's type size."""
    big = go.Figure(figure)
    font = sizes.font_px
    big.update_layout(
        height=sizes.visual_px,
        font={"size": font},
        legend={"font": {"size": font}},
        hoverlabel={"font": {"size": font}},
        margin={"t": round(font * 1.5), "b": round(font * 2.5)},
    )
    big.update_xaxes(tickfont={"size": font}, title_font={"size": font})
    big.update_yaxes(tickfont={"size": font}, title_font={"size": font})
    return big


def judgments_height(statements: Sequence[str], width: float, font_px: int) -> float:
    """The height numbered judgments take at this width and type size: each statement, then its labels' line."""
    per_line = max(10, int(width / (0.55 * font_px)))
    lines = sum(math.ceil((len(statement) + 4) / per_line) + 1 for statement in statements)
    return lines * font_px * JUDGMENT_LINE + len(statements) * JUDGMENT_GAP_PX


def judgment_cap(sizes: Stage) -> int:
    """The largest type a key judgment may take on this stage (a few judgments fill a projector at it)."""
    return round(sizes.title_px * JUDGMENT_TITLE_SHARE)


def judgments_type(statements: Sequence[str], sizes: Stage, share: float) -> int:
    """The largest type size, below the title's, at which the judgments fit the visual's height."""
    width = sizes.width * share - PAGE_PADDING_PX - 2 * GAP_PX
    fitting = [px for px in JUDGMENT_TYPE_PX if px <= judgment_cap(sizes)]
    for px in fitting:
        if judgments_height(statements, width, px) <= sizes.visual_px:
            return px
    return JUDGMENT_TYPE_PX[-1]
