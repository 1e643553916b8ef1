"""The audience screen's sizes: type readable from the back of a room, the visual fitted to the window."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from components.present.audience import (
    CHART_SHARE,
    DEFAULT_WINDOW,
    JUDGMENT_TYPE_PX,
    PAGE_PADDING_PX,
    clipped,
    judgment_cap,
    judgments_height,
    judgments_type,
    projector_figure,
    stage,
)

WINDOWS = [(1280, 720), (1366, 768), (1920, 1080)]


def test_at_full_hd_titles_and_chart_labels_are_at_least_24_px():
    sizes = stage("How many were sent? Every claimant's count", "forces", (1920, 1080))
    assert sizes.font_px >= 24 and sizes.title_px >= 24


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("page", ["timeline", "forces", "map", "overview"])
def test_title_and_visual_fit_inside_the_window(window, page):
    title = "Davos: 60,000 Russians, 12,000 North Koreans, one-third lost"
    sizes = stage(title, page, window)
    title_height = sizes.title_lines * sizes.title_px * 1.25
    assert title_height + sizes.visual_px + 2 * PAGE_PADDING_PX <= window[1]
    assert sizes.visual_px >= window[1] * 0.55


def test_a_long_title_takes_more_lines_and_leaves_the_visual_less_room():
    short = stage("The treaty", "timeline", (1280, 720))
    long = stage("The 6th SSO Regiment's '1980s' remark: found only in the seed " * 2, "timeline", (1280, 720))
    assert long.title_lines > short.title_lines and long.visual_px < short.visual_px


def test_before_the_browser_measured_the_smallest_window_is_assumed():
    assert stage("A step", "map", None) == stage("A step", "map", DEFAULT_WINDOW)


def test_text_is_clipped_at_a_word_with_an_ellipsis():
    assert clipped("one two three", 50) == "one two three"
    assert clipped("one two three four", 12) == "one two…"
    assert len(clipped("word " * 100, 40)) <= 40


def test_the_projector_chart_has_the_stage_height_and_type_size_everywhere():
    sizes = stage("A step", "timeline", (1920, 1080))
    original = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]), layout={"height": 500})
    big = projector_figure(original, sizes)
    assert big.layout.height == sizes.visual_px and original.layout.height == 500
    assert big.layout.font.size == big.layout.xaxis.tickfont.size == big.layout.yaxis.tickfont.size == 24
    assert big.layout.legend.font.size == 24


STATEMENT = "North Korea sent about 11,000 to 12,000 combat troops to Russia from October 2024 and more early in 2025."


@pytest.mark.parametrize("window", WINDOWS)
def test_five_key_judgments_fit_the_visual_at_the_largest_type_that_fits(window):
    sizes = stage("Key judgments: the bottom line", "overview", window)
    px = judgments_type([STATEMENT] * 5, sizes, CHART_SHARE["overview"])
    width = window[0] * CHART_SHARE["overview"] - PAGE_PADDING_PX - 32
    assert judgments_height([STATEMENT] * 5, width, px) <= sizes.visual_px
    larger = [size for size in JUDGMENT_TYPE_PX if px < size <= judgment_cap(sizes)]
    assert all(judgments_height([STATEMENT] * 5, width, size) > sizes.visual_px for size in larger)


def test_at_full_hd_five_judgments_are_larger_than_the_charts_24_px_and_many_more_make_them_smaller():
    sizes = stage("Key judgments: the bottom line", "overview", (1920, 1080))
    five = judgments_type([STATEMENT] * 5, sizes, CHART_SHARE["overview"])
    assert sizes.font_px == 24 < five < sizes.title_px
    assert judgments_type([STATEMENT] * 14, sizes, CHART_SHARE["overview"]) < five


def test_judgments_never_take_a_type_as_large_as_the_title():
    sizes = stage("A step", "overview", (1280, 720))
    short = judgments_type(["Short."], sizes, CHART_SHARE["overview"])
    assert short == max(px for px in JUDGMENT_TYPE_PX if px <= judgment_cap(sizes)) and short < sizes.title_px
