"""Moving through the briefing: clicker keys, screens, the audience window's link."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.data.loading import load_dataset
from components.state.briefing import KEY_MOVES, audience_screen_link, briefing_steps, moved_to, parse_screen

STEPS = briefing_steps(load_dataset(Path(__file__).resolve().parents[2] / "data"))
FIRST, LAST = STEPS[0].number, STEPS[-1].number


@pytest.mark.parametrize(
    ("keys", "move"),
    [
        (("ArrowRight", "PageDown", " ", "n", "N"), "next"),
        (("ArrowLeft", "PageUp", "Backspace", "p", "P"), "previous"),
        (("Home",), "first"),
        (("End",), "last"),
        (("b", "B"), "blank"),
        (("t", "T"), "theme"),
    ],
)
def test_a_clickers_keys_and_the_keyboards_make_the_same_moves(keys, move):
    assert {KEY_MOVES[key] for key in keys} == {move}


@pytest.mark.parametrize(
    ("start", "move", "expected"),
    [(2, "next", 3), (2, "previous", 1), (5, "first", FIRST), (5, "last", LAST)],
)
def test_moves_lead_to_the_neighbouring_or_end_steps(start, move, expected):
    assert moved_to(STEPS, start, move) == expected


def test_moves_stop_at_either_end():
    assert moved_to(STEPS, FIRST, "previous") == FIRST
    assert moved_to(STEPS, LAST, "next") == LAST
    assert moved_to((), 3, "next") == 3


@pytest.mark.parametrize(("value", "screen"), [(None, "presenter"), ("", "presenter"), ("audience", "audience")])
def test_a_step_link_opens_the_presenter_screen_unless_it_asks_for_the_audiences(value, screen):
    assert parse_screen(value) == (screen, [])


def test_an_unknown_screen_falls_back_to_the_presenter_with_a_defanged_notice():
    screen, notices = parse_screen("<script>")
    assert screen == "presenter" and len(notices) == 1 and "<" not in notices[0]


def test_the_audience_window_link_names_the_step_and_the_screen():
    assert audience_screen_link("http://host/", STEPS[2]) == f"http://host/?step={STEPS[2].number}&screen=audience"
