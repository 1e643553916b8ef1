"""AppTest of the audience window and the follow link: no sidebar, no talking points, follow needs a passcode."""

from __future__ import annotations

import re
from pathlib import Path

from fixtures.dashboard import open_dashboard
from streamlit.testing.v1 import AppTest

from components.data.loading import load_dataset
from components.present.headlines import headlines
from components.present.judgments import key_judgments
from components.state.briefing import briefing_steps, step_view
from components.ui.audience import step_dataset
from components.ui.details import plain_markdown

ROOT = Path(__file__).resolve().parents[2]
DS = load_dataset(ROOT / "data")
STEPS = briefing_steps(DS)
PASSCODE = {"presenter": {"passcode": "kursk-2025"}}


def texts(at: AppTest) -> str:
    return " ".join(e.value for kind in ("markdown", "caption", "title", "info") for e in at.get(kind))


def first_step_on(page: str):
    return next(s for s in STEPS if step_view(s, DS)[0].page == page)


def test_the_audience_window_shows_the_steps_title_and_chart_without_sidebar_or_talking_points(monkeypatch):
    step = first_step_on("timeline")
    at = open_dashboard(monkeypatch, step=str(step.number), screen="audience")
    assert not at.exception
    assert [t.value for t in at.title] == [plain_markdown(step.title)]
    assert plain_markdown(step.talking_points) not in texts(at)
    assert len(at.sidebar.children) == 0
    assert not at.multiselect and not at.date_input and not at.button
    assert len(at.get("plotly_chart")) == 1


def test_the_briefing_opens_with_the_key_judgments_each_with_its_likelihood_and_confidence(monkeypatch):
    step = STEPS[0]
    view = step_view(step, DS)[0]
    standing = key_judgments(DS, view.filters.as_of)
    assert view.page == "overview" and standing
    at = open_dashboard(monkeypatch, step=str(step.number), screen="audience")
    assert not at.exception
    shown = [m.value for m in at.markdown]
    for item in standing:
        line = next(m for m in shown if plain_markdown(item.judgment.statement) in m)
        assert f":blue-badge[{plain_markdown(item.likelihood)}]" in line
        assert f":gray-badge[{plain_markdown(item.confidence)}]" in line
    assert not at.get("plotly_chart")


def test_an_overview_step_before_any_judgment_was_made_shows_the_figures_known_then(monkeypatch):
    step = next(s for s in STEPS[1:] if step_view(s, DS)[0].page == "overview")
    view = step_view(step, DS)[0]
    assert view.filters.as_of is not None and key_judgments(DS, view.filters.as_of) == ()
    at = open_dashboard(monkeypatch, step=str(step.number), screen="audience")
    assert not at.exception
    shown = [m.value for m in at.markdown]
    assert not any("badge[" in m for m in shown)
    titles = [plain_markdown(h.title) for h in headlines(step_dataset(DS, view))]
    assert titles and all(f"**{title}**" in shown for title in titles)


def test_every_step_opens_on_the_audience_screen_without_an_error(monkeypatch):
    for step in STEPS:
        at = open_dashboard(monkeypatch, step=str(step.number), screen="audience")
        assert not at.exception, step.number
        assert at.title[0].value == plain_markdown(step.title)


def test_without_a_presenter_passcode_a_follow_link_says_follow_mode_is_off(monkeypatch):
    at = open_dashboard(monkeypatch, follow="abcdef")
    assert not at.exception
    assert any("Follow mode is off" in i.value for i in at.info)
    assert not at.title


def test_a_follow_link_of_a_room_nobody_opened_waits_for_the_presenter(monkeypatch):
    at = open_dashboard(monkeypatch, secrets=PASSCODE, follow="zzzzzz")
    assert any("Waiting for the presenter" in i.value for i in at.info)


def test_a_follower_sees_the_step_of_the_presenter_who_gave_the_passcode(monkeypatch):
    presenter = open_dashboard(monkeypatch, secrets=PASSCODE, step=str(STEPS[2].number))
    next(t for t in presenter.text_input if t.label == "Presenter passcode").input("kursk-2025")
    next(b for b in presenter.button if b.label == "Unlock presenter mode").click().run()
    line = next(c.value for c in presenter.caption if "Devices following along" in c.value)
    code = re.search(r"follow\\?=([a-z0-9]+)", line).group(1)
    follower = open_dashboard(monkeypatch, secrets=PASSCODE, follow=code)
    assert not follower.exception
    assert follower.title[0].value == plain_markdown(STEPS[2].title)
    assert plain_markdown(STEPS[2].talking_points) not in texts(follower)


def test_a_presenter_who_has_not_given_the_passcode_opens_no_room(monkeypatch):
    presenter = open_dashboard(monkeypatch, secrets=PASSCODE, step=str(STEPS[0].number))
    assert not any("Devices following along" in c.value for c in presenter.caption)
