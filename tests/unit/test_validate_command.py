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


def test_a_clean_folder_exits_0_and_says_so(monkeypatch, capsys):
    code, out = validate(monkeypatch, capsys, str(FIXTURES.parent.parent / "data"))
    assert code == 0
    assert out.splitlines()[-1] == "0 problems."
    assert "  judgments: 7 valid rows" in out


def test_warnings_are_listed_but_only_errors_fail_the_command(monkeypatch, capsys):
    code, out = validate(monkeypatch, capsys, str(FIXTURES / "minimal"))
    assert code == 0
    assert "3 problem(s): 0 error(s), rows left out; 3 warning(s), rows kept:" in out
    assert "  warning: quotes.csv, row 2, column kind: no kind: read as narration" in out
    assert "  events: 3 valid rows" in out


def test_a_bad_briefing_step_is_reported_by_the_command_as_by_the_app(monkeypatch, capsys):
    code, out = validate(monkeypatch, capsys, str(FIXTURES / "bad_briefing_step"))
    assert code == 1
    assert "2 error(s), rows left out" in out
    assert "  briefing.csv, row 4, column view: step 3: Ignored page=nowhere: not a known page." in out
