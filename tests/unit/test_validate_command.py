"""`python -m components.validate [folder]`: every problem printed, briefing steps included; exit 1 on an error."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def validate(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Run the documented command in process; its exit code and what it printed."""
    monkeypatch.setattr(sys, "argv", ["components.validate", *args])
    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("components.validate", run_name="__main__", alter_sys=True)
    return stopped.value.code, capsys.readouterr().out


KIND_WARNING = "  warning: quotes.csv, row 2, column kind: no kind: read as narration"


@pytest.mark.parametrize(
    ("folder", "code", "shown", "last"),
    [
        (FIXTURES.parent.parent / "data", 0, ["  judgments: 7 valid rows"], "0 problems."),
        (
            FIXTURES / "minimal",
            0,
            [
                "3 problem(s): 0 error(s), rows left out; 3 warning(s), rows kept:",
                KIND_WARNING,
                "  events: 3 valid rows",
            ],
            KIND_WARNING + " (the document's own words), so the speaker is not shown; "
            "set kind to quoted if the source reports this person's own words",
        ),
        (
            FIXTURES / "bad_briefing_step",
            1,
            [
                "2 error(s), rows left out",
                "  briefing.csv, row 4, column view: step 3: Ignored page=nowhere: not a known page.",
            ],
            "  briefing.csv, row 4, column view: step 3: Ignored event=ghost: not a known event. "
            "(value: 'page=nowhere&event=ghost')",
        ),
    ],
    ids=[
        "a clean folder exits 0 and says so",
        "warnings are listed but only errors fail the command",
        "a bad briefing step is reported by the command as by the app",
    ],
)
def test_the_command_lists_every_problem_and_exits_1_only_on_an_error(monkeypatch, capsys, folder, code, shown, last):
    exit_code, out = validate(monkeypatch, capsys, str(folder))
    assert exit_code == code
    assert [line for line in shown if line not in out] == []
    assert out.splitlines()[-1] == last
