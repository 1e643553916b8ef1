"""Headline figures are attributed, stated as ranges, shown side by side, and follow the as-of date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.data.dataset import Dataset
from components.present.headlines import doubtful_figures, headlines, key_quotes, stated_range
from components.present.labels import quote_credit
from components.state.filters import Filters, apply_filters

D = pd.Timestamp


def dataset(doubtful: bool = True) -> Dataset:
    sources = pd.DataFrame(
        [
            ("zel", "Office of the President", D("2024-12-23"), "day"),
            ("nis", "South Korea NIS", D("2025-01-13"), "day"),
            ("davos", "Office of the President", D("2025-01-21"), "day"),
            ("pentagon", "US DoD", D("2024-11-01"), "month"),
        ],
        columns=["source_id", "publisher", "published", "published_precision"],
    )
    rows = [
        ("zel-3000", D("2024-12-23"), "day", "Zelensky", "dprk", "killed_or_wounded", 3000, None, "zel", ""),
        ("nis-killed", D("2025-01-13"), "day", "South Korea NIS", "dprk", "killed", 300, 300, "nis", ""),
        ("nis-wounded", D("2025-01-13"), "day", "South Korea NIS", "dprk", "wounded", 2700, 2700, "nis", ""),
        ("zel-4000", D("2025-01-21"), "day", "Zelensky", "dprk", "killed_or_wounded", 4000, None, "davos", "yes"),
        ("dod-size", D("2024-11-01"), "month", "US DoD", "dprk", "deployed", 11000, 12000, "pentagon", ""),
        ("half", D("2025-01-13"), "day", "South Korea NIS", "dprk", "killed", None, None, "nis", ""),
    ]
    columns = ["estimate_id", "as_of", "as_of_precision", "claimant", "force", "metric", "low", "high", "source_id"]
    estimates = pd.DataFrame(rows, columns=[*columns, "doubtful"])
    estimates = estimates.astype({"low": "Int64", "high": "Int64"}).assign(
        role="combat", scope="Kursk", confidence="claimed", note="as said"
    )
    if not doubtful:
        estimates = estimates.drop(columns="doubtful")
    quotes = pd.DataFrame(
        [
            ("q2", "davos", "We are talking about four thousand", "quoted", "Volodymyr Zelensky", "", "zel-4000", ""),
            ("q1", "nis", "<b>300 killed</b>", "narration", "", "", "nis-killed", ""),
        ],
        columns=["quote_id", "source_id", "text", "kind", "speaker", "event_id", "estimate_id", "location_id"],
    )
    return Dataset(tables={"sources": sources, "estimates": estimates, "quotes": quotes})


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(3000, None, "≥3,000"), (300, 1000, "300–1,000"), (300, 300, "300"), (None, None, "no number")],
)
def test_a_figure_is_stated_as_its_claimant_stated_it(low, high, expected):
    assert stated_range(pd.NA if low is None else low, pd.NA if high is None else high) == expected


def test_losses_show_every_claimant_side_by_side_and_never_a_merged_number():
    losses = next(h for h in headlines(dataset()) if h.group == "losses")
    assert losses.title == "North Korean losses"
    assert losses.disputed and losses.claimants == ("South Korea NIS", "Zelensky")
    assert [(f.claimant, f.metric, f.stated) for f in losses.figures] == [
        ("South Korea NIS", "killed", "300"),
        ("South Korea NIS", "wounded", "2,700"),
        ("Zelensky", "killed or wounded", "≥4,000"),
    ]


def test_each_figure_carries_its_date_with_precision_and_its_source():
    size = next(h for h in headlines(dataset()) if h.group == "size")
    (only,) = size.figures
    assert (only.stated, only.date, only.source) == ("11,000–12,000", "Nov 2024 (month)", "US DoD, Nov 2024 (month)")
    assert not size.disputed


def test_headlines_change_with_the_as_of_date():
    known = apply_filters(dataset(), Filters(as_of=date(2025, 1, 15)))
    losses = next(h for h in headlines(known) if h.group == "losses")
    assert ("Zelensky", "≥3,000") in [(f.claimant, f.stated) for f in losses.figures]
    assert "≥4,000" not in [f.stated for f in losses.figures]


def test_figures_marked_doubtful_are_listed_and_flagged():
    assert [f.estimate_id for f in doubtful_figures(dataset())] == ["zel-4000"]
    losses = next(h for h in headlines(dataset()) if h.group == "losses")
    assert [f.doubtful for f in losses.figures] == [False, False, True]


def test_no_doubtful_column_means_no_doubtful_figures():
    assert doubtful_figures(dataset(doubtful=False)) == ()


def test_key_quotes_are_verbatim_credited_to_whoever_wrote_or_said_them_oldest_first():
    quotes = key_quotes(dataset())
    assert [q.text for q in quotes] == ["<b>300 killed</b>", "We are talking about four thousand"]
    assert (quotes[0].speaker, quotes[0].source) == ("", "South Korea NIS, 2025-01-13")  # narration: the document
    assert (quotes[1].speaker, quotes[1].source) == ("Volodymyr Zelensky", "Office of the President, 2025-01-21")


@pytest.mark.parametrize(
    ("kind", "speaker", "expected"),
    [
        ("narration", "", ("", "the article Troops Withdraw (unsigned, c. 1 Feb 2025)")),
        ("narration", "Volodymyr Zelensky", ("", "the article Troops Withdraw (unsigned, c. 1 Feb 2025)")),
        ("quoted", "Col. Oleksandr Kindratenko", ("Col. Oleksandr Kindratenko", "Unknown (unsigned), c. 1 Feb 2025")),
        ("", "", ("", "the article Troops Withdraw (unsigned, c. 1 Feb 2025)")),
    ],
)
def test_a_quote_is_credited_to_the_document_unless_it_quotes_a_named_person(kind, speaker, expected):
    assert quote_credit(kind, speaker, "Unknown (unsigned)", "Troops Withdraw", "c. 1 Feb 2025") == expected


def test_the_bundled_key_quotes_are_the_articles_words_never_a_persons(bundled_briefing):
    quotes = key_quotes(bundled_briefing)
    assert quotes
    for quote in quotes:
        assert quote.speaker == ""
        assert quote.source.startswith("the article North Korean Troops Withdraw from Russian Frontlines")
        assert "unsigned" in quote.source
