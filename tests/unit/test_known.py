"""Known on a date, new since a date; standing and superseded judgments; the since-after-asof notice."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.data.dataset import Dataset
from components.state.known import all_judgments, current_judgments, new_since, revisions, since_notice

D = pd.Timestamp


def dataset() -> Dataset:
    sources = pd.DataFrame(
        [("old", D("2025-01-10"), "day"), ("new", D("2025-02-10"), "day"), ("month", D("2025-02-01"), "month")]
        + [("undated", pd.NaT, "day")],
        columns=["source_id", "published", "published_precision"],
    )
    events = pd.DataFrame(
        [
            ("e-old", D("2025-01-10"), ("old",)),
            ("e-both", D("2025-01-10"), ("new", "old")),
            ("e-new", D("2025-02-10"), ("new",)),
            ("e-month", D("2025-02-01"), ("month",)),
            ("e-undated", D("2025-02-01"), ("undated",)),
        ],
        columns=["event_id", "date", "source_ids"],
    )
    estimates = pd.DataFrame(
        [("x-old", D("2025-01-10"), "old"), ("x-new", D("2025-02-10"), "new")],
        columns=["estimate_id", "as_of", "source_id"],
    )
    quotes = pd.DataFrame([("q-new", "new", "said")], columns=["quote_id", "source_id", "text"])
    judgments = pd.DataFrame(
        [
            ("first", "Withdrawn in January.", "likely", "moderate", D("2025-02-04"), ("e-old",), (), "", 2),
            ("second", "Back by February.", "very likely", "moderate", D("2025-02-27"), ("e-new",), (), "first", 3),
            ("fact", "Acknowledged in April.", "", "high", D("2025-04-30"), (), ("x-new",), "", 1),
        ],
        columns=[
            "judgment_id",
            "statement",
            "likelihood",
            "confidence",
            "made",
            "basis_event_ids",
            "basis_estimate_ids",
            "supersedes",
            "order",
        ],
    )
    tables = {"sources": sources, "events": events, "estimates": estimates, "quotes": quotes, "judgments": judgments}
    return Dataset(tables=tables)


def test_a_row_is_new_since_a_date_only_when_none_of_its_sources_was_published_by_then():
    found = new_since(dataset(), date(2025, 1, 31))
    assert list(found.events["event_id"]) == ["e-month", "e-new"]
    assert list(found.estimates["estimate_id"]) == ["x-new"]
    assert list(found.quotes["quote_id"]) == ["q-new"]


def test_a_month_precision_source_counts_from_the_end_of_its_month():
    assert "e-month" in set(new_since(dataset(), date(2025, 2, 27)).events["event_id"])
    assert "e-month" not in set(new_since(dataset(), date(2025, 2, 28)).events["event_id"])


def test_a_row_resting_only_on_an_undated_source_is_never_new():
    assert "e-undated" not in set(new_since(dataset(), date(2025, 1, 1)).events["event_id"])


def test_judgments_made_after_the_date_and_by_the_as_of_date_are_new():
    found = new_since(dataset(), date(2025, 2, 10), as_of=date(2025, 3, 1))
    assert [j.judgment_id for j in found.judgments] == ["second"]
    assert [(r.old.judgment_id, r.new.judgment_id) for r in found.revisions] == [("first", "second")]


def test_a_superseded_judgment_leaves_the_list_once_its_replacement_is_made():
    judgments = all_judgments(dataset().tables["judgments"])
    assert [j.judgment_id for j in current_judgments(judgments)] == ["fact", "second"]
    assert [j.judgment_id for j in current_judgments(judgments, date(2025, 2, 10))] == ["first"]
    assert current_judgments(judgments, date(2025, 1, 1)) == ()


def test_a_revision_made_before_the_since_date_is_not_a_change():
    judgments = all_judgments(dataset().tables["judgments"])
    assert revisions(judgments, date(2025, 3, 1)) == ()


def test_since_after_as_of_gives_a_notice_and_before_gives_none():
    assert since_notice(date(2025, 3, 1), date(2025, 2, 1)).startswith("The since date (01 March 2025) is after")
    assert "equals" in since_notice(date(2025, 2, 1), date(2025, 2, 1))
    assert since_notice(date(2025, 1, 1), date(2025, 2, 1)) is None
    assert since_notice(date(2025, 1, 1), None) is None
