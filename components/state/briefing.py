"""The presenter's storyline: steps read from briefing.csv, each step's view read like a link.

A bad step (unknown page, unknown event id...) is a data problem, reported in the same shape as every other.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from components.data.dataset import Dataset, Problem
from components.data.loading import load_dataset
from components.data.schema import ROW_COLUMN
from components.state.registry import param
from components.state.views import View, parse_query, share_link, view_query

FILE = "briefing.csv"


@dataclass(frozen=True)
class Step:
    """One step of the briefing as the presenter walks it."""

    number: int
    title: str
    talking_points: str
    query: str
    row: int | None


def briefing_steps(ds: Dataset) -> tuple[Step, ...]:
    """The valid steps of the briefing, in step order (read once per dataset)."""
    return ds.derived(_steps)


def _steps(ds: Dataset) -> tuple[Step, ...]:
    table = ds.briefing
    if table.empty:
        return ()
    rows = table.sort_values("step")
    return tuple(
        Step(int(number), str(title), str(points), str(query), int(row) if row == row else None)
        for number, title, points, query, row in zip(
            rows["step"],
            rows["title"],
            rows["talking_points"],
            rows["view"],
            rows.get(ROW_COLUMN, rows["step"]),
            strict=True,
        )
    )


def step_view(step: Step, ds: Dataset) -> tuple[View, list[str]]:
    """The view a step shows, read by the same code that reads links, and the notices of its bad values."""
    view, notices = parse_query(step.query, ds)
    if view.page == "presenter":
        notices.append("A step cannot open presenter mode; it shows the overview instead.")
        view = replace(view, page="overview")
    if view.step is not None:
        notices.append("A step's view cannot name another step; the step number was ignored.")
        view = replace(view, step=None)
    return view, notices


def step_problems(ds: Dataset) -> list[Problem]:
    """Every bad value in every step's view, as a problem of briefing.csv's `view` column."""
    return [
        Problem(FILE, step.row, "view", step.query, f"step {step.number}: {notice}")
        for step in briefing_steps(ds)
        for notice in step_view(step, ds)[1]
    ]


def with_step_problems(ds: Dataset) -> Dataset:
    """The dataset with its briefing steps checked: each bad value of a step's view becomes a problem."""
    return replace(ds, problems=ds.problems + tuple(step_problems(ds)))


def load_briefing(folder: Path | str | None = None) -> Dataset:
    """Read and validate a data folder, then check its briefing steps (the app and the validator load this way).

    The steps are checked here, not in the data layer, because a step's view is read as a link is read.
    """
    return with_step_problems(load_dataset(folder))


def find_step(steps: tuple[Step, ...], number: int | None) -> Step | None:
    """The step with that number, or None."""
    return next((step for step in steps if step.number == number), None)


def neighbours(steps: tuple[Step, ...], number: int) -> tuple[Step | None, Step | None]:
    """The steps before and after the given one (None at either end)."""
    numbers = [step.number for step in steps]
    if number not in numbers:
        return None, None
    at = numbers.index(number)
    return (steps[at - 1] if at > 0 else None), (steps[at + 1] if at + 1 < len(steps) else None)


def presenter_view(step: Step, ds: Dataset) -> View:
    """A step's view as the presenter opens it: the view itself plus the step number (talking points shown)."""
    return replace(step_view(step, ds)[0], step=step.number, data_stamp=None)


def presenter_link(base: str, step: Step) -> str:
    """The presenter's link to a step: the frame reads the step and shows its talking points."""
    return f"{base.rstrip('/')}/?step={step.number}"


def audience_link(base: str, step: Step, ds: Dataset) -> str:
    """The audience's link to a step: only its view, stamped with the data, no step and no talking points."""
    view = replace(step_view(step, ds)[0], step=None, data_stamp=ds.fingerprint)
    return share_link(base, view)


def step_query(step: Step, ds: Dataset) -> str:
    """The query string the frame switches to for a step: the step's view and `step=N`."""
    return view_query(presenter_view(step, ds))


SCREENS = param("screen").choices
# What a presentation clicker or keyboard sends (KeyboardEvent.key values), and the move each one makes.
KEY_MOVES = {
    "ArrowRight": "next",
    "PageDown": "next",
    " ": "next",
    "n": "next",
    "N": "next",
    "ArrowLeft": "previous",
    "PageUp": "previous",
    "Backspace": "previous",
    "p": "previous",
    "P": "previous",
    "Home": "first",
    "End": "last",
    "b": "blank",
    "B": "blank",
    "t": "theme",  # the audience screen between the light and the projector theme
    "T": "theme",
}
MOVES = ("next", "previous", "first", "last")


def parse_screen(value: str | None) -> tuple[str, list[str]]:
    """The screen a step link asks for (`presenter` when none is given) and a notice for an unknown one."""
    if value is None or value == "":
        return "presenter", []
    screen, notice = param("screen").parse(value)
    return (str(screen), []) if notice is None else ("presenter", [notice])


def moved_to(steps: tuple[Step, ...], number: int, move: str) -> int:
    """The step number a move (next, previous, first, last) leads to from `number`; unchanged at either end."""
    numbers = [step.number for step in steps]
    if not numbers:
        return number
    if move == "first":
        return numbers[0]
    if move == "last":
        return numbers[-1]
    before, after = neighbours(steps, number)
    target = after if move == "next" else before if move == "previous" else None
    return target.number if target is not None else number


def audience_screen_link(base: str, step: Step) -> str:
    """The audience window's link to a step: the full-window screen for a projector, no talking points."""
    return f"{base.rstrip('/')}/?step={step.number}&screen=audience"
