"""Filters and the as-of date narrow every table the way a reader expects."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from components.data.dataset import Dataset
from components.state.filters import Filters, apply_filters, graded_sources, known_sources, period_end

ROOT = Path(__file__).resolve().parents[2]
D = pd.Timestamp


def sources() -> pd.DataFrame:
    rows = [
        ("seed-article", "Seed outlet", D("2025-02-01"), "approx"),
        ("zelensky-dec", "Office of the President", D("2024-12-23"), "day"),
        ("nis-jan", "South Korea NIS", D("2025-01-13"), "day"),
        ("nis-monthly", "South Korea NIS", D("2025-01-01"), "month"),
        ("zelensky-davos", "Office of the President", D("2025-01-21"), "day"),
        ("undated", "Somebody", pd.NaT, "day"),
    ]
    frame = pd.DataFrame(rows, columns=["source_id", "publisher", "published", "published_precision"])
    return frame.assign(title="t", url="", kind="news", language="en", archive="", via="")


def events() -> pd.DataFrame:
    rows = [
        (
            "treaty",
            D("2024-06-19"),
            pd.NaT,
            "day",
            "Treaty signed",
            "Russia and DPRK sign.",
            "diplomacy",
            ("Kremlin",),
            ("zelensky-dec",),
            "confirmed",
        ),
        (
            "deploy",
            D("2024-10-01"),
            D("2025-04-30"),
            "month",
            "Deployment",
            "Troops sent to Kursk.",
            "deployment",
            ("South Korea NIS",),
            ("nis-jan", "zelensky-davos"),
            "reported",
        ),
        (
            "davos",
            D("2025-01-21"),
            pd.NaT,
            "day",
            "Davos claim",
            "Zelensky speaks at Davos.",
            "statement",
            ("Zelensky",),
            ("zelensky-davos",),
            "claimed",
        ),
        (
            "absent",
            D("2025-01-31"),
            pd.NaT,
            "day",
            "Not seen at the front",
            "Troops withdrawn (reportedly).",
            "statement",
            ("Ukraine SSO", "Zelensky"),
            ("seed-article",),
            "claimed",
        ),
        (
            "rumour",
            D("2024-11-01"),
            pd.NaT,
            "month",
            "Rumour",
            "An undated rumour.",
            "other",
            ("Somebody",),
            ("undated",),
            "disputed",
        ),
    ]
    columns = [
        "event_id",
        "date",
        "date_end",
        "date_precision",
        "title",
        "summary",
        "category",
        "claimants",
        "source_ids",
        "confidence",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(date_end_precision="day", actors=[()] * len(frame), location_ids=[()] * len(frame))


def estimates() -> pd.DataFrame:
    rows = [
        ("zel-3000", D("2024-12-23"), "day", "Zelensky", "killed_or_wounded", 3000, None, "zelensky-dec", "claimed"),
        ("nis-killed", D("2025-01-13"), "day", "South Korea NIS", "killed", 300, 300, "nis-jan", "reported"),
        ("nis-wounded", D("2025-01-13"), "day", "South Korea NIS", "wounded", 2700, 2700, "nis-jan", "reported"),
        ("nis-month", D("2025-01-01"), "month", "South Korea NIS", "killed", 300, 300, "nis-monthly", "reported"),
        ("zel-davos", D("2025-01-21"), "day", "Zelensky", "killed_or_wounded", 4000, None, "zelensky-davos", "claimed"),
    ]
    columns = [
        "estimate_id",
        "as_of",
        "as_of_precision",
        "claimant",
        "metric",
        "low",
        "high",
        "source_id",
        "confidence",
    ]
    frame = pd.DataFrame(rows, columns=columns).assign(force="dprk", role="combat", scope="Kursk", note="")
    return frame.astype({"low": "Int64", "high": "Int64"})


def quotes() -> pd.DataFrame:
    rows = [
        ("q-absent", "seed-article", "have not been observed on the frontlines", "Kindratenko", "absent", "", ""),
        ("q-davos", "zelensky-davos", "They lost about four thousand", "Zelensky", "davos", "zel-davos", ""),
        ("q-wounded", "nis-jan", "Some 2,700 were WOUNDED [sic] (approx.)", "NIS", "", "nis-wounded", ""),
        ("q-place", "seed-article", "Sudzha was quiet", "", "", "", "sudzha"),
    ]
    columns = ["quote_id", "source_id", "text", "speaker", "event_id", "estimate_id", "location_id"]
    return pd.DataFrame(rows, columns=columns)


@pytest.fixture
def ds() -> Dataset:
    return Dataset(tables={"sources": sources(), "events": events(), "estimates": estimates(), "quotes": quotes()})


def ids(frame: pd.DataFrame, column: str) -> list[str]:
    return sorted(frame[column])


def test_no_filters_return_the_dataset_unchanged(ds):
    assert apply_filters(ds, Filters()) is ds


def test_month_precision_counts_from_the_months_end_and_week_from_its_last_day():
    dates = pd.Series([D("2025-02-01"), D("2025-01-06"), D("2025-01-06")])
    ends = period_end(dates, pd.Series(["month", "week", "approx"]))
    assert list(ends) == [D("2025-02-28"), D("2025-01-12"), D("2025-01-06")]


def test_a_source_without_a_usable_date_is_never_known_on_an_as_of_date(ds):
    assert not known_sources(ds.sources, date(2030, 1, 1))[ds.sources["source_id"] == "undated"].any()


def test_mid_january_keeps_the_nis_estimate_beside_zelenskys_claim_and_drops_later_figures(ds):
    known = apply_filters(ds, Filters(as_of=date(2025, 1, 15)))
    assert ids(known.estimates, "estimate_id") == ["nis-killed", "nis-wounded", "zel-3000"]
    assert "zel-davos" in set(ds.estimates["estimate_id"])


def test_a_month_precision_source_is_unknown_until_the_months_last_day(ds):
    assert "nis-month" not in set(apply_filters(ds, Filters(as_of=date(2025, 1, 30))).estimates["estimate_id"])
    assert "nis-month" in set(apply_filters(ds, Filters(as_of=date(2025, 1, 31))).estimates["estimate_id"])


def test_as_of_keeps_an_event_with_one_known_source_and_narrows_its_sources(ds):
    known = apply_filters(ds, Filters(as_of=date(2025, 1, 15)))
    assert ids(known.events, "event_id") == ["deploy", "treaty"]
    deploy = known.events.set_index("event_id").loc["deploy"]
    assert deploy["source_ids"] == ("nis-jan",)


def test_as_of_drops_quotes_and_sources_published_later(ds):
    known = apply_filters(ds, Filters(as_of=date(2025, 1, 15)))
    assert ids(known.quotes, "quote_id") == ["q-wounded"]
    assert ids(known.sources, "source_id") == ["nis-jan", "zelensky-dec"]


def test_an_approx_source_counts_from_the_date_as_given(ds):
    known = apply_filters(ds, Filters(as_of=date(2025, 2, 1)))
    assert "absent" in set(known.events["event_id"])


def test_date_range_keeps_spans_that_overlap_it(ds):
    narrowed = apply_filters(ds, Filters(date_from=date(2025, 1, 1), date_to=date(2025, 1, 25)))
    assert ids(narrowed.events, "event_id") == ["davos", "deploy"]


def test_a_month_precision_event_overlaps_a_range_that_starts_later_in_that_month(ds):
    narrowed = apply_filters(ds, Filters(date_from=date(2024, 11, 20), date_to=date(2024, 11, 30)))
    assert "rumour" in set(narrowed.events["event_id"])


def test_date_range_applies_to_estimates_by_their_as_of_date(ds):
    narrowed = apply_filters(ds, Filters(date_to=date(2025, 1, 10)))
    assert ids(narrowed.estimates, "estimate_id") == ["nis-month", "zel-3000"]


def test_category_and_confidence_filters_keep_only_matching_events(ds):
    narrowed = apply_filters(ds, Filters(categories=("statement",), confidences=("claimed",)))
    assert ids(narrowed.events, "event_id") == ["absent", "davos"]


def test_claimant_filter_keeps_events_with_any_matching_claimant_and_that_claimants_estimates(ds):
    narrowed = apply_filters(ds, Filters(claimants=("Zelensky",)))
    assert ids(narrowed.events, "event_id") == ["absent", "davos"]
    assert ids(narrowed.estimates, "estimate_id") == ["zel-3000", "zel-davos"]


def test_text_search_is_case_insensitive_over_titles_and_summaries(ds):
    assert ids(apply_filters(ds, Filters(text="KURSK")).events, "event_id") == ["deploy"]


def test_text_search_finds_events_through_their_quotes(ds):
    assert ids(apply_filters(ds, Filters(text="frontlines")).events, "event_id") == ["absent"]


def test_text_search_is_literal_not_a_regular_expression(ds):
    assert apply_filters(ds, Filters(text="d.p")).events.empty
    assert ids(apply_filters(ds, Filters(text="withdrawn (reportedly)")).events, "event_id") == ["absent"]


def test_quotes_follow_their_events_and_estimates(ds):
    narrowed = apply_filters(ds, Filters(categories=("diplomacy",), claimants=("South Korea NIS", "Kremlin")))
    assert ids(narrowed.quotes, "quote_id") == ["q-place", "q-wounded"]


def test_a_quote_from_an_unpublished_source_cannot_make_an_event_match(ds):
    assert apply_filters(ds, Filters(text="four thousand", as_of=date(2025, 1, 15))).events.empty


def test_a_dataset_whose_tables_failed_to_load_filters_to_empty_tables():
    broken = Dataset(tables={})
    f = Filters(date_from=date(2024, 1, 1), categories=("combat",), claimants=("Zelensky",), text="x")
    narrowed = apply_filters(broken, replace(f, as_of=date(2025, 1, 1)))
    assert all(len(narrowed.table(name)) == 0 for name in ("sources", "events", "estimates", "quotes"))


def test_a_source_grade_keeps_only_rows_resting_on_a_source_of_that_grade(bundled_dataset):
    ds = bundled_dataset
    graded = apply_filters(ds, Filters(grades=("B",)))
    grade_of = dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))
    assert set(graded.sources["reliability"]) == {"B"}
    assert 0 < len(graded.events) < len(ds.events)
    assert all(any(grade_of[s] == "B" for s in ids) for ids in graded.events["source_ids"])
    left_out = ds.events[~ds.events["event_id"].isin(graded.events["event_id"])]
    assert all(all(grade_of[s] != "B" for s in ids) for ids in left_out["source_ids"])
    for _, row in graded.estimates.iterrows():
        assert any(grade_of[s] == "B" for s in (row["source_id"], *row["other_source_ids"]))
    assert set(graded.quotes["source_id"]) <= set(graded.sources["source_id"])


def test_an_ungraded_source_counts_as_grade_f():
    table = sources().assign(reliability=["B", "", "C", "F", "", "B"])
    ds = Dataset(tables={"sources": table, "events": events(), "estimates": pd.DataFrame(), "quotes": pd.DataFrame()})
    assert graded_sources(ds.sources, ("F",)).tolist() == [False, True, False, True, True, False]
