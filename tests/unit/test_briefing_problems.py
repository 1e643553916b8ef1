"""The problems table every viewer sees never shows briefing.csv's talking points."""

from __future__ import annotations

import shutil
from pathlib import Path

from components.data.dataset import Problem
from components.present.ledger import HIDDEN_VALUE, problems_table
from components.state.briefing import load_briefing

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bad_briefing_step"
SECRET = "SECRET-TALKING-POINT"
BAD_ROWS = (
    f"4,Overflow,We hold Sudzha, {SECRET} then withdraw,page=timeline\n"
    f'5,Extra,"{SECRET} quoted",page=timeline,{SECRET}-extra\n'
    f"6,Notes only,{SECRET} three,\n"
)


def test_a_malformed_briefing_row_puts_no_talking_point_text_into_the_problems_table(tmp_path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    with (folder / "briefing.csv").open("a", encoding="utf-8") as out:
        out.write(BAD_ROWS)
    problems = [p for p in load_briefing(folder).problems if p.file == "briefing.csv"]
    assert any(SECRET in p.value for p in problems)  # the loader itself keeps them, for the host's CLI
    table = problems_table(problems)
    shown = " ".join(str(cell) for cell in table.astype(str).to_numpy().ravel())
    assert SECRET not in shown
    assert "page=nowhere&event=ghost" in shown  # a step's view is still shown to fix it


def test_values_of_other_files_and_of_briefing_views_are_shown() -> None:
    problems = [
        Problem("events.csv", 3, "title", "=bad", "why"),
        Problem("briefing.csv", 4, "view", "page=x", "unknown page"),
        Problem("briefing.csv", 5, "talking_points", "notes", "too long"),
        Problem("briefing.csv", 6, None, "overflow", "row has 5 values"),
    ]
    assert problems_table(problems)["value"].tolist() == ["=bad", "page=x", HIDDEN_VALUE, HIDDEN_VALUE]
