"""The pack panel in the app: choose a format, build with progress shown, then download; a second build is cached."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def panel_script(data: str, presenter: bool) -> None:
    from datetime import date

    from components.data.loading import load_dataset
    from components.state.filters import Filters
    from components.ui.pack_panel import pack_panel

    pack_panel(load_dataset(data), Filters(as_of=date(2025, 1, 15)), presenter=presenter)


def app(presenter: bool = True) -> AppTest:
    return AppTest.from_function(panel_script, args=(str(ROOT / "data"), presenter), default_timeout=120)


def test_building_the_html_pack_offers_its_download_with_the_as_of_date_in_its_name() -> None:
    at = app().run()
    assert at.get("download_button") == []
    at.radio(key="pack_format").set_value("html").run()
    at.button(key="pack_build").click().run()
    assert not at.exception
    status = at.get("status")[0].proto
    assert status.label.startswith("Built: ") and status.state == status.State.COMPLETE
    downloads = at.get("download_button")
    assert len(downloads) == 1
    assert "kursk-briefing-audience-asof-2025-01-15-" in downloads[0].proto.label
    assert downloads[0].proto.label.endswith(".html")


def test_the_presenter_version_is_offered_only_where_the_page_allows_it() -> None:
    assert app(presenter=True).run().radio(key="pack_version").options == ["audience", "presenter"]
    assert app(presenter=False).run().radio(key="pack_version").options == ["audience"]


def test_a_built_pack_stays_offered_on_the_next_rerun_from_the_cache() -> None:
    at = app().run()
    at.radio(key="pack_version").set_value("presenter").run()
    at.button(key="pack_build").click().run()
    at.run()
    labels = [d.proto.label for d in at.get("download_button")]
    assert len(labels) == 1 and "presenter" in labels[0]
    took = float(at.get("status")[0].proto.label.split(" in ")[1].removesuffix(" s"))
    assert took < 1.0  # from the cache, not built again


def test_without_chromium_the_pdf_is_not_offered_and_the_html_is(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFING_CHROMIUM", str(tmp_path / "no-such-chromium"))
    at = app().run()
    at.radio(key="pack_format").set_value("pdf").run()
    assert [b for b in at.button if b.key == "pack_build"] == []
    notes = [i.proto.body for i in at.info]
    assert len(notes) == 1 and "No Chromium" in notes[0] and "HTML" in notes[0]
