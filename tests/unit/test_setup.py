"""The two README commands, CI, the container recipe and secrets hygiene say what they do."""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()
SECRETS = ".streamlit/secrets.toml"


def shell_blocks(markdown: str) -> list[str]:
    """The commands in the markdown's ```sh fenced blocks, one per line."""
    blocks = re.findall(r"^```sh\n(.*?)^```", markdown, flags=re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def run_sh_command() -> list[str]:
    """The words of the command run.sh finally execs, its venv path and "$@" left out."""
    exec_lines = [line for line in (ROOT / "run.sh").read_text().splitlines() if line.startswith("exec ")]
    assert len(exec_lines) == 1
    words = shlex.split(exec_lines[0])[1:]
    return [Path(words[0]).name, *[word for word in words[1:] if word != "$@"]]


def dockerfile_instructions(name: str) -> list[str]:
    """The arguments of every `name` instruction in the Dockerfile, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.split()[:1] == [name]]


def ignored_by(patterns_file: Path, path: str) -> bool:
    """Whether a .gitignore/.dockerignore-style file excludes `path` (last matching pattern wins)."""
    ignored = False
    for raw in patterns_file.read_text().splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negated, pattern = pattern.startswith("!"), pattern.lstrip("!").strip("/")
        # Excluding a folder excludes everything under it.
        candidates = [path, *(str(parent) for parent in Path(path).parents if str(parent) != ".")]
        if any(fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(p, f"**/{pattern}") for p in candidates):
            ignored = not negated
    return ignored


def test_readme_gives_exactly_the_run_and_the_test_command() -> None:
    assert shell_blocks(README)[:2] == ["./run.sh", "./test.sh"]


def test_run_command_serves_the_dashboard_script() -> None:
    assert run_sh_command() == ["streamlit", "run", "dashboard.py"]


def test_ci_calls_the_readme_test_command_and_lints() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "set -euo pipefail" in lines
    assert "./test.sh" in lines
    assert ".venv/bin/ruff check ." in lines
    assert ".venv/bin/ruff format --check ." in lines


@pytest.mark.parametrize("script", ["run.sh", "test.sh", ".ci/run"])
def test_scripts_are_executable_in_git(script: str) -> None:
    listing = subprocess.run(["git", "ls-files", "--stage", script], cwd=ROOT, capture_output=True, text=True).stdout
    if not listing:
        pytest.skip("not a git checkout")
    assert listing.startswith("100755")


def test_dockerfile_runs_as_a_non_root_user() -> None:
    users = dockerfile_instructions("USER")
    assert users and users[-1] not in {"root", "0", "0:0"}
    assert DOCKERFILE.index("USER ") < DOCKERFILE.index("CMD ")


def test_dockerfile_health_check_asks_streamlit_health_endpoint() -> None:
    [check] = dockerfile_instructions("HEALTHCHECK")
    assert "/_stcore/health" in check and "CMD" in check


def test_dockerfile_starts_the_same_command_as_run_sh() -> None:
    [command] = dockerfile_instructions("CMD")
    words = json.loads(command)
    assert words[:3] == run_sh_command()
    assert "--server.address=0.0.0.0" in words


def test_dockerfile_installs_the_runtime_requirements_only() -> None:
    assert "pip install -r requirements.txt" in " ".join(dockerfile_instructions("RUN"))
    assert dockerfile_instructions("FROM") == ["python:3.11-slim"]


def test_secrets_file_is_ignored_by_git() -> None:
    check = subprocess.run(["git", "check-ignore", "--no-index", "--quiet", SECRETS], cwd=ROOT, check=False)
    assert check.returncode == 0


def test_secrets_file_is_left_out_of_container_builds() -> None:
    assert ignored_by(ROOT / ".dockerignore", SECRETS)


@pytest.mark.parametrize(
    "path", [".venv", ".git", "tests", ".venv/bin/python", "tests/unit/test_setup.py", "tooling", "node_modules"]
)
def test_image_build_leaves_out_tooling(path: str) -> None:
    assert ignored_by(ROOT / ".dockerignore", path)


@pytest.mark.parametrize("path", ["dashboard.py", "components/ui/access.py", "data/events.csv"])
def test_image_build_keeps_the_app(path: str) -> None:
    assert not ignored_by(ROOT / ".dockerignore", path)


def requirement_names(file: str) -> list[str]:
    """The package names listed in a requirements file."""
    lines = (ROOT / file).read_text().splitlines()
    return [
        re.split(r"[<>=!~\[; ]", line.strip(), maxsplit=1)[0]
        for line in lines
        if line.strip() and not line.startswith("#")
    ]


def test_readme_says_why_each_runtime_dependency_is_there() -> None:
    for name in requirement_names("requirements.txt"):
        assert re.search(rf"^- \*\*{re.escape(name)}\*\* — \S", README, flags=re.M | re.I), name


def test_test_tools_are_kept_apart_from_runtime_dependencies() -> None:
    runtime = {name.lower() for name in requirement_names("requirements.txt")}
    assert {"streamlit", "pandas", "plotly", "pydeck"} <= runtime
    assert not runtime & {name.lower() for name in requirement_names("requirements-test.txt")}


def test_community_cloud_recipe_names_an_entry_point_and_requirements_that_exist() -> None:
    assert "main file path **`dashboard.py`**" in README
    assert "**`requirements.txt`**" in README
    assert (ROOT / "requirements.txt").exists()
