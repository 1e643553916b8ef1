"""AppTest of the frame: overview, sources and presenter pages, links, steps, as-of, hostile parameters."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fixtures.dashboard import BUNDLED, open_dashboard
from streamlit.testing.v1 import AppTest

from components.data.loading import load_dataset
from components.present.timeline import timeline_heading
from components.state.briefing import briefing_steps, step_view
from components.ui.app_state import page_script
from components.ui.details import plain_markdown

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
BUNDLED_DS = load_dataset(BUNDLED)
STEPS = briefing_steps(BUNDLED_DS)
PAGE_HEADINGS = {
    "overview": "North Korean troops in Russia's Kursk region",
    "timeline": timeline_heading(BUNDLED_DS.events),  # the heading states the count and span of the events
    "forces": "Forces and casualties",
    "map": "Map",
    "sources": "Sources and data quality",
    "presenter": "Presenter mode",
}


def headings(at: AppTest) -> list[str]:
    return [e.value for kind in ("title", "header") for e in at.get(kind)]


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def share_link(at: AppTest) -> str:
    """The sidebar's "link to this view"."""
    return at.sidebar.code[-1].value


def link_params(at: AppTest) -> dict[str, list[str]]:
    return parse_qs(urlsplit(share_link(at)).query)


def shown_claimants(at: AppTest) -> set[str]:
    """The claimants in the overview's exact-figures tables."""
    return {c for e in at.expander if e.label.startswith("Exact figures") for c in e.dataframe[0].value["claimant"]}


def test_the_overview_opens_with_key_judgments_figures_charts_quotes_and_about_the_data(monkeypatch):
    at = open_dashboard(monkeypatch)
    assert not at.exception
    assert headings(at) == [PAGE_HEADINGS["overview"]]
    assert [s.value for s in at.main.subheader] == ["Key judgments", "What changed"]
    assert any(c.startswith("Newest source: ") for c in captions(at))
    assert len(at.get("plotly_chart")) == 4  # troops sent and present; killed, wounded, killed or wounded
    assert "South Korea NIS" in shown_claimants(at)
    assert [e.label for e in at.expander][-2:] == ["Key quotes (6)", "About the data"]
    assert any(b.label == "Reload the data" for b in at.button)


@pytest.mark.parametrize("page", ["overview", "sources", "presenter"])
@pytest.mark.parametrize("folder", ["minimal", "unknown_reference", "non_utf8", "missing_column", "empty_file"])
def test_every_page_of_the_frame_runs_on_small_and_broken_data(monkeypatch, page, folder):
    at = open_dashboard(monkeypatch, FIXTURES / folder, page=page)
    assert not at.exception
    assert PAGE_HEADINGS[page] in headings(at)


def test_the_sources_page_lists_every_problem_with_file_row_column_and_reason(monkeypatch, tmp_path):
    folder = tmp_path / "broken"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "events.csv").write_text(
        (folder / "events.csv").read_text().replace("2025-01-31", "2025-02-30"), encoding="utf-8"
    )
    at = open_dashboard(monkeypatch, folder, page="sources")
    assert not at.exception
    problems = at.dataframe[1].value
    errors = problems[(problems["file"] == "events.csv") & (problems["severity"] == "error: row left out")]
    row = errors.iloc[0]
    assert len(errors) == 1 and (row["row"], row["column"], row["value"]) == (4, "date", "2025-02-30")
    assert "calendar date" in row["reason"]
    ledger = at.dataframe[0].value
    assert set(ledger["source"]) == {"seed-article", "bbc-2025-01", "nis-2025-01"}


def test_the_sources_page_offers_every_filtered_table_as_a_download(monkeypatch):
    at = open_dashboard(monkeypatch, page="sources", cat="combat")
    labels = [b.proto.label for b in at.get("download_button")]
    names = ["sources", "events", "estimates", "locations", "quotes", "claimants", "judgments"]
    assert [label.split(".csv")[0] for label in labels] == names
    combat = (BUNDLED_DS.events["category"] == "combat").sum()
    assert f"events.csv ({combat})" in labels


def test_a_link_sets_the_filters_and_the_link_to_this_view_repeats_them(monkeypatch):
    at = open_dashboard(monkeypatch, cat=["combat", "casualties"], conf="claimed", q="Sudzha", **{"from": "2024-12-01"})
    assert not at.exception
    assert at.multiselect(key="cat").value == ["combat", "casualties"]
    assert at.multiselect(key="conf").value == ["claimed"]
    assert at.text_input(key="q").value == "Sudzha"
    params = link_params(at)
    assert params["cat"] == ["combat", "casualties"] and params["from"] == ["2024-12-01"]
    assert params["data"] == [BUNDLED_DS.fingerprint]


def test_a_link_to_a_page_opens_that_page_with_its_chart_choice(monkeypatch):
    at = open_dashboard(monkeypatch, page="forces", force="russia", metric="losses")
    assert not at.exception
    assert "Forces and casualties" in headings(at)
    assert at.radio(key="force").value == "russia" and at.radio(key="metric").value == "losses"
    assert urlsplit(share_link(at)).path.endswith("/forces")


def test_reset_filters_clears_every_filter(monkeypatch):
    at = open_dashboard(monkeypatch, cat="combat", q="Kursk", asof="2025-01-15")
    next(b for b in at.sidebar.button if b.label == "Reset filters").click().run()
    assert at.multiselect(key="cat").value == [] and at.text_input(key="q").value == ""
    assert at.date_input(key="asof").value is None
    assert not any("Showing what was known" in i.value for i in at.info)


def test_as_of_mid_january_keeps_the_nis_figures_beside_zelenskys_and_drops_later_ones(monkeypatch):
    before = open_dashboard(monkeypatch)
    assert "Western officials" in shown_claimants(before)
    at = open_dashboard(monkeypatch, asof="2025-01-15")
    assert not at.exception
    assert any(i.value.startswith("Showing what was known on 15 January 2025") for i in at.info)
    claimants = shown_claimants(at)
    assert {"South Korea NIS", "Ukraine President"} <= claimants
    assert "Western officials" not in claimants
    assert not any("2025\\-01\\-2" in c or "2025-01-2" in c for c in captions(at))


def test_the_as_of_date_is_stated_on_every_page_and_narrows_the_forces_table(monkeypatch):
    at = open_dashboard(monkeypatch, page="forces", force="dprk", metric="losses", asof="2025-01-15")
    assert any("Showing what was known on 15 January 2025" in i.value for i in at.info)
    shown = "\n".join(at.dataframe[-1].value.astype(str).agg(" ".join, axis=1))
    assert "South Korea NIS" in shown and "Western officials" not in shown


HOSTILE = [
    {"q": "x" * 5000},
    {"event": "<script>alert(1)</script>"},
    {"place": "<img src=x onerror=alert(1)>", "page": "map"},
    {"event": "no-such-event", "page": "timeline"},
    {"from": "2025-02-30", "asof": "2025-13-01"},
    {"cat": "", "event": "", "page": ""},
    {"page": "<b>admin</b>", "step": "999", "data": "'; DROP TABLE"},
    {"claimant": "\u202eevil", "force": "nato", "metric": "x" * 300},
]


@pytest.mark.parametrize("params", HOSTILE)
def test_hostile_parameters_leave_the_app_working_with_short_notices(monkeypatch, params):
    at = open_dashboard(monkeypatch, **params)
    assert not at.exception
    assert any(h in PAGE_HEADINGS.values() for h in headings(at))
    notices = [c for c in captions(at) if c.startswith(":material/info:")]
    assert notices and all(len(n) < 160 and "<" not in n for n in notices)


def test_a_long_search_text_is_cut_to_the_widgets_limit(monkeypatch):
    at = open_dashboard(monkeypatch, q="x" * 5000)
    assert at.text_input(key="q").value == "x" * 200


def test_a_link_made_on_other_data_says_so_in_one_line(monkeypatch):
    at = open_dashboard(monkeypatch, data="0badc0de", cat="combat")
    assert "This link was made on different data (0badc0de); showing current data." in " ".join(captions(at))
    assert at.multiselect(key="cat").value == ["combat"]


@pytest.mark.parametrize("step", STEPS, ids=lambda s: f"step-{s.number}")
def test_each_briefing_step_opens_its_page_with_its_view(monkeypatch, step):
    view, notices = step_view(step, BUNDLED_DS)
    assert notices == []
    at = open_dashboard(monkeypatch, step=str(step.number))
    assert not at.exception
    assert at.title[0].value == plain_markdown(step.title)
    assert PAGE_HEADINGS[view.page] in headings(at)
    assert at.multiselect(key="cat").value == list(view.filters.categories)
    assert at.date_input(key="asof").value == view.filters.as_of
    expected = {"event": view.event, "place": view.place}
    assert {k: v[0] for k, v in link_params(at).items() if k in expected} == {k: v for k, v in expected.items() if v}


def test_a_presenter_link_shows_talking_points_and_next_moves_to_the_following_step(monkeypatch):
    first, second = STEPS[0], STEPS[1]
    at = open_dashboard(monkeypatch, step=str(first.number))
    texts = [m.value for m in at.markdown]
    assert plain_markdown(first.talking_points) in texts
    assert any(f"Step {first.number} of {len(STEPS)}" in t for t in texts)
    at.button(key="presenter_next").click().run()
    assert not at.exception
    assert at.title[0].value == plain_markdown(second.title)
    assert str(second.number) in at.query_params["step"]


def test_the_audience_link_of_a_step_carries_no_step_and_no_talking_points(monkeypatch):
    at = open_dashboard(monkeypatch, step=str(STEPS[0].number))
    assert "step" not in link_params(at)
    audience = open_dashboard(monkeypatch, **{k: v for k, v in link_params(at).items()})
    assert not audience.exception
    assert plain_markdown(STEPS[0].talking_points) not in [m.value for m in audience.markdown]
    assert not any(b.key == "presenter_next" for b in audience.button)


def test_with_a_presenter_passcode_talking_points_wait_for_it(monkeypatch):
    secrets = {"presenter": {"passcode": "kursk-2025"}}
    at = open_dashboard(monkeypatch, secrets=secrets, step=str(STEPS[0].number))
    assert not at.exception
    assert plain_markdown(STEPS[0].talking_points) not in [m.value for m in at.markdown]
    next(t for t in at.text_input if t.label == "Presenter passcode").input("kursk-2025")
    next(b for b in at.button if b.label == "Unlock presenter mode").click().run()
    assert plain_markdown(STEPS[0].talking_points) in [m.value for m in at.markdown]


def test_the_presenter_page_lists_every_step_with_both_links(monkeypatch):
    at = open_dashboard(monkeypatch, page="presenter")
    assert not at.exception
    codes = [c.value for c in at.main.code]
    assert sum("?step=" in c for c in codes) == len(STEPS)
    assert any(c.endswith("/forces?force=dprk&metric=size&data=" + BUNDLED_DS.fingerprint) for c in codes)


def test_reload_reads_a_table_edited_without_changing_its_mtime_or_size(monkeypatch, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    at = open_dashboard(monkeypatch, folder, page="sources")
    assert "BBC" in at.dataframe[0].value["publisher"].tolist()
    sources = folder / "sources.csv"
    stamp = sources.stat()
    sources.write_text(sources.read_text().replace(",BBC,", ",CBS,"), encoding="utf-8")
    os.utime(sources, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    at.switch_page(page_script("overview")).run()
    at.switch_page(page_script("sources")).run()
    assert "CBS" not in at.dataframe[0].value["publisher"].tolist()
    at.switch_page(page_script("overview")).run()
    next(b for b in at.button if b.label == "Reload the data").click().run()
    at.switch_page(page_script("sources")).run()
    assert not at.exception
    assert "CBS" in at.dataframe[0].value["publisher"].tolist()
