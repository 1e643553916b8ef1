"""Detail panels: an event's or a place's summary, sources and verbatim quotes, shown as text."""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.data.dataset import Dataset
from components.ui.details import event_detail, place_detail, plain_markdown


def dates(*values: str) -> pd.Series:
    return pd.to_datetime(pd.Series(values)).astype("datetime64[us]")


def make_dataset() -> Dataset:
    """A tiny dataset in the loader's in-memory shape, with one hostile row."""
    sources = pd.DataFrame(
        {
            "source_id": ["seed-article", "bbc", "evil"],
            "publisher": ["Seed outlet", "BBC", "<b>Evil</b>"],
            "title": ["The seed article", "Officials on casualties", "[click](javascript:alert(1))"],
            "url": ["", "https://www.bbc.com/news/x", "javascript:alert(1)"],
            "published": dates("2025-02-01", "2025-01-22", "2025-01-23"),
            "published_precision": ["approx", "day", "day"],
            "kind": ["seed", "news", "news"],
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["withdrawal", "incursion", "hostile"],
            "date": dates("2025-01-31", "2024-08-06", "2025-01-01"),
            "date_end": dates(None, "2024-08-31", None),
            "date_precision": ["approx", "day", "month"],
            "date_end_precision": ["day", "day", "day"],
            "title": ["Troops withdrawn", "Incursion", "<img src=x onerror=alert(1)>"],
            "summary": ["Not seen for three weeks.", "Ukraine crossed the border.", "**bold** <script>x</script>"],
            "category": ["combat", "combat", "other"],
            "actors": [(), (), ()],
            "location_ids": [("sudzha",), ("sudzha",), ()],
            "claimants": [("Ukraine SSO",), ("Russia MoD",), ("$x$",)],
            "source_ids": [("seed-article", "bbc"), ("bbc",), ("evil",)],
            "confidence": ["reported", "confirmed", "claimed"],
        }
    )
    quotes = pd.DataFrame(
        {
            "quote_id": ["q1", "q2", "q3"],
            "source_id": ["seed-article", "seed-article", "evil"],
            "text": [
                "North Korean soldiers have not been observed on the frontlines for approximately three weeks",
                "the village of Nikolayevo-Daryino, which lies on the border",
                "<script>alert('quote')</script>",
            ],
            "speaker": ["Col. Oleksandr Kindratenko", "", ""],
            "event_id": ["withdrawal", "", "hostile"],
            "estimate_id": ["", "", ""],
            "location_id": ["", "sudzha", ""],
        }
    )
    locations = pd.DataFrame(
        {
            "location_id": ["sudzha"],
            "name": ["Sudzha"],
            "alt_names": [("Суджа", "Sudja")],
            "lat": [51.19],
            "lon": [35.27],
            "admin": ["Kursk Oblast"],
            "precision": ["exact"],
        }
    )
    return Dataset(tables={"sources": sources, "events": events, "quotes": quotes, "locations": locations})


DS = make_dataset()


def test_event_detail_has_title_dates_with_precision_summary_and_claimants():
    detail = event_detail(DS, "withdrawal")
    assert detail.title == "Troops withdrawn"
    assert detail.dates == "≈ 2025-01-31 (approximate)"
    assert detail.summary == "Not seen for three weeks."
    assert detail.claimants == "Ukraine SSO"


def test_span_detail_shows_both_ends():
    assert event_detail(DS, "incursion").dates == "2024-08-06 – 2024-08-31"


def test_event_sources_give_publisher_date_and_http_link():
    sources = {s.source_id: s for s in event_detail(DS, "withdrawal").sources}
    assert sources["bbc"].publisher == "BBC" and sources["bbc"].date == "2025-01-22"
    assert sources["bbc"].url == "https://www.bbc.com/news/x"
    assert sources["seed-article"].url == ""


def test_a_javascript_url_is_never_offered_as_a_link():
    (evil,) = event_detail(DS, "hostile").sources
    assert evil.url == ""


def test_event_quotes_are_verbatim_with_speaker_and_source():
    (quote,) = event_detail(DS, "withdrawal").quotes
    assert quote.text.startswith("North Korean soldiers have not been observed")
    assert quote.speaker == "Col. Oleksandr Kindratenko"
    assert quote.source == "Seed outlet, ≈ 2025-02-01 (approximate)"


def test_an_event_without_quotes_has_none_invented():
    assert event_detail(DS, "incursion").quotes == ()


def test_unknown_or_filtered_out_event_has_no_detail():
    assert event_detail(DS, "nope") is None
    assert event_detail(DS, None) is None


def test_place_detail_lists_its_events_oldest_first_and_the_quotes_about_it():
    detail = place_detail(DS, "sudzha")
    assert [e.event_id for e in detail.events] == ["incursion", "withdrawal"]
    assert [q.text for q in detail.quotes] == ["the village of Nikolayevo-Daryino, which lies on the border"]
    assert detail.alt_names == "Суджа; Sudja"
    assert place_detail(DS, "atlantis") is None


def test_plain_markdown_escapes_links_images_html_and_maths():
    escaped = plain_markdown("![x](javascript:a) [y](http://e) <b>$z$</b> :red[w]")
    for raw in ("](", "<b>", "$z$", ":red["):
        assert raw not in escaped
    assert escaped.replace("\\", "") == "![x](javascript:a) [y](http://e) <b>$z$</b> :red[w]"


def render_event(detail) -> None:
    from components.ui.details import event_detail_panel

    event_detail_panel(detail)


def render_place(detail) -> None:
    from components.ui.details import place_detail_panel

    place_detail_panel(detail)


def event_panel(event_id: str) -> tuple[AppTest, list[str]]:
    """The event panel of one event of DS drawn alone, and the plain texts it shows."""
    at = AppTest.from_function(render_event, args=(event_detail(DS, event_id),)).run()
    assert not at.exception
    return at, [t.value for t in at.text]


def test_event_panel_shows_quote_verbatim_in_quotation_marks_and_a_link_button():
    at, texts = event_panel("withdrawal")
    assert "“North Korean soldiers have not been observed on the frontlines for approximately three weeks”" in texts
    assert "Not seen for three weeks." in texts
    assert [b.proto.url for b in at.get("link_button")] == ["https://www.bbc.com/news/x"]


def test_event_panel_shows_markup_from_the_data_as_text_only():
    at, texts = event_panel("hostile")
    assert "**bold** <script>x</script>" in texts
    assert "“<script>alert('quote')</script>”" in texts
    markdown = [m.value for m in at.markdown] + [h.value for h in at.subheader] + [c.value for c in at.caption]
    assert not [m for m in markdown if re.search(r"(?<!\\)[<$\[]", m)], "unescaped markup reached markdown"
    assert "\\<img src\\=x onerror\\=alert\\(1\\)\\>" in markdown
    assert at.get("link_button") == [] or all(b.proto.url.startswith("http") for b in at.get("link_button"))


def test_place_panel_lists_each_event_with_its_summary():
    at = AppTest.from_function(render_place, args=(place_detail(DS, "sudzha"),)).run()
    assert not at.exception
    assert at.subheader[0].value == "Sudzha"
    texts = [t.value for t in at.text]
    assert "Ukraine crossed the border." in texts and "Not seen for three weeks." in texts
    assert "“the village of Nikolayevo-Daryino, which lies on the border”" in texts


def test_a_busy_place_shows_its_latest_events_and_says_how_many_more():
    detail = place_detail(DS, "sudzha", limit=1)
    assert [e.event_id for e in detail.events] == ["withdrawal"]
    assert detail.more == 1
