"""The timeline at 100,000 events: what reaches the reader stays small (binned chart, event list in pages)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.present.timeline import LIST_ROWS, list_note, list_page_of, list_pages, list_window, timeline_figure

MAX_PAGE_BYTES = 2_000_000  # issue 17: at most 2 MB per page at 100,000 events


def many_events(n: int) -> pd.DataFrame:
    """n events over 600 days in every category, in the loader's in-memory shape."""
    rng = np.random.default_rng(17)
    categories = np.array(["diplomacy", "deployment", "combat", "casualties", "statement", "territory"])
    days = rng.integers(0, 600, n)
    return pd.DataFrame(
        {
            "event_id": [f"ev-{i:06d}" for i in range(n)],
            "title": [f"Fighting reported near place {i}" for i in range(n)],
            "date": (np.datetime64("2024-06-01") + days.astype("timedelta64[D]")).astype("datetime64[us]"),
            "date_end": pd.Series(pd.NaT, index=range(n), dtype="datetime64[us]"),
            "date_precision": "day",
            "date_end_precision": "day",
            "category": categories[rng.integers(0, len(categories), n)],
            "claimants": [("NIS",)] * n,
            "confidence": "reported",
        }
    )


def test_at_100000_events_the_chart_is_a_few_hundred_bars_not_a_mark_per_event():
    events = many_events(100_000)
    fig = timeline_figure(events)
    payload = fig.to_json()
    assert sum(len(t.x) for t in fig.data) <= 6 * 90  # one bar per category per week
    assert sum(sum(t.y) for t in fig.data) == 100_000  # every event counted
    assert len(payload) < 100_000 and "ev-000001" not in payload


def test_at_100000_events_the_list_sends_one_page_and_says_so():
    assert list_pages(100_000) == 200 and list_window(100_000, 1) == (0, LIST_ROWS)
    assert list_note(100_000, 1) == (
        "Showing events 1–500 of 100,000, oldest first (page 1 of 200). "
        "Choose another page, or narrow the filters to see fewer."
    )
    assert list_note(100_000, 200).startswith("Showing events 99,501–100,000 of 100,000")


def test_every_event_is_on_exactly_one_page_of_the_list():
    total = 1_234
    windows = [list_window(total, page) for page in range(1, list_pages(total) + 1)]
    rows = [row for start, stop in windows for row in range(start, stop)]
    assert rows == list(range(total)) and all(stop - start <= LIST_ROWS for start, stop in windows)
    assert list_window(total, 99) == windows[-1] and list_window(total, 0) == windows[0]  # clamped


def test_a_list_that_fits_on_one_page_is_not_paged():
    assert list_pages(57) == 1 and list_window(57, 1) == (0, 57) and list_note(57, 1) is None
    assert list_pages(0) == 1 and list_window(0, 1) == (0, 0)


def test_one_page_of_the_list_at_100000_events_is_well_under_the_page_budget():
    events = many_events(100_000).sort_values("date", kind="stable")
    start, stop = list_window(len(events), 1)
    page = events.iloc[start:stop][["date", "category", "title"]]
    assert len(page) == LIST_ROWS and len(page.to_csv()) < MAX_PAGE_BYTES / 20


def test_the_page_of_an_event_is_where_the_list_holds_it_and_none_for_an_unlisted_one():
    ids = pd.Series([f"e{i}" for i in range(1_200)])
    assert list_page_of(ids, "e0") == 1
    assert list_page_of(ids, "e499") == 1
    assert list_page_of(ids, "e500") == 2
    assert list_page_of(ids, "e1199") == 3
    assert list_page_of(ids, "nowhere") is None
    assert list_page_of(ids, None) is None
