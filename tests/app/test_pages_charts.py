"""AppTest for the timeline, forces and map pages: bundled data, links, and a broken data folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fixtures.dashboard import open_dashboard
from streamlit.testing.v1 import AppTest

from components.state.registry import page_script

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
PAGES = tuple(page_script(name) for name in ("timeline", "forces", "map"))  # the pages that draw a chart
CHART_OF = {
    "app_pages/timeline.py": "plotly_chart",
    "app_pages/forces.py": "plotly_chart",
    "app_pages/map.py": "deck_gl_json_chart",
}


def open_page(page: str, data: Path, monkeypatch, **params: str) -> AppTest:
    """The dashboard on `data` opened by a link to `page` with the given URL parameters."""
    return open_dashboard(monkeypatch, data, page=Path(page).stem, **params)


def shown_text(at: AppTest) -> str:
    """Everything the page shows as text, markdown, headings and captions, joined."""
    parts = [
        e.value
        for kind in ("text", "markdown", "caption", "subheader", "header", "info", "warning")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def broken_data(tmp_path: Path) -> Path:
    """The bundled data with a bad event date, no locations file and a duplicated estimate."""
    folder = tmp_path / "broken"
    shutil.copytree(BUNDLED, folder)
    lines = (folder / "events.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",20", ",not-a-date-20", 1)
    (folder / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "locations.csv").unlink()
    estimates = (folder / "estimates.csv").read_text(encoding="utf-8").splitlines()
    estimates.append(estimates[1])
    (folder / "estimates.csv").write_text("\n".join(estimates) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("page", PAGES)
def test_page_draws_its_chart_on_the_bundled_data(page, monkeypatch):
    at = open_page(page, BUNDLED, monkeypatch)
    assert not at.exception
    assert len(at.get(CHART_OF[page])) == 1


@pytest.mark.parametrize(
    ("page", "broken_file"),
    [
        ("app_pages/timeline.py", "events.csv"),
        ("app_pages/forces.py", "estimates.csv"),
        ("app_pages/map.py", "locations.csv"),
    ],
)
def test_page_on_a_broken_data_folder_names_the_broken_table_and_still_draws(
    page, broken_file, broken_data, monkeypatch
):
    at = open_page(page, broken_data, monkeypatch)
    assert not at.exception
    assert any("error" in w.value and broken_file in w.value for w in at.warning)
    assert len(at.get(CHART_OF[page])) == 1


def test_timeline_chart_carries_alt_text_and_event_ids_but_no_summaries(monkeypatch):
    at = open_page("app_pages/timeline.py", BUNDLED, monkeypatch)
    chart = at.get("plotly_chart")[0].proto
    assert "Timeline of" in chart.alt
    spec = json.loads(chart.spec)
    ids = {c[0] for trace in spec["data"] for c in trace.get("customdata", [])}
    assert "treaty-signed" in ids
    assert "mutual-assistance clause" not in chart.spec


def test_event_link_opens_that_events_detail_beside_the_timeline(monkeypatch):
    at = open_page("app_pages/timeline.py", BUNDLED, monkeypatch, event="kindratenko-not-seen-three-weeks")
    assert not at.exception
    text = shown_text(at)
    assert "North Korean soldiers have not been observed on the frontlines for approximately three weeks" in text
    assert "Col. Oleksandr Kindratenko" in text


def test_forces_link_chooses_force_and_losses_and_lists_sources_beneath(monkeypatch):
    at = open_page("app_pages/forces.py", BUNDLED, monkeypatch, force="dprk", metric="losses")
    assert not at.exception
    assert at.radio(key="metric").value == "losses"
    chart = at.get("plotly_chart")[0].proto
    assert "losses" in chart.alt and "never summed" in chart.alt
    tables = at.dataframe
    assert tables and "source" in tables[-1].value.columns and len(tables[-1].value) >= 5


def test_place_link_opens_the_place_with_its_verbatim_quote(monkeypatch):
    at = open_page("app_pages/map.py", BUNDLED, monkeypatch, place="nikolayevo-daryino")
    assert not at.exception
    text = shown_text(at)
    assert "Nikolayevo" in text and "lies on the border" in text
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec["initialViewState"]["zoom"] == 9.0


def test_map_needs_no_tile_server_and_credits_its_geographic_data(monkeypatch):
    at = open_page("app_pages/map.py", BUNDLED, monkeypatch)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec["mapStyle"] == "__MAP_STYLE__" and "cartocdn" not in json.dumps(spec)
    assert "GeoNames, CC BY 4.0" in shown_text(at)
    assert "Elsewhere / region-wide" in shown_text(at)


def test_a_table_with_only_warnings_keeps_its_rows_and_raises_no_left_out_notice(monkeypatch):
    """The minimal fixture is an old-contract folder: three warnings, no errors, every row kept."""
    at = open_page("app_pages/timeline.py", MINIMAL, monkeypatch)
    assert not at.exception
    assert not [w.value for w in at.warning if "left out" in w.value]
