"""The README's two commands as processes: the run command serves, the test command's exit code is pytest's."""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_run_command_answers_health_check_with_ok(app_server) -> None:
    url = app_server()
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
        assert response.read() == b"ok"


def test_test_command_fails_when_no_test_is_collected() -> None:
    result = subprocess.run(
        ["bash", "test.sh", "-q", "-p", "no:cacheprovider", "-k", "no_test_has_this_name"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 5, result.stdout[-2000:] + result.stderr[-2000:]
