"""Key judgments as the overview lists them, and the bundled judgments.csv an analyst would sign."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from components.data.dataset import Dataset
from components.data.loading import load_dataset
from components.data.schema import LIKELIHOODS as SCHEMA_LIKELIHOODS
from components.present.judgments import (
    LIKELIHOODS,
    briefing_dates,
    key_judgments,
    likelihood_legend,
    revision_rows,
)
from components.state.filters import Filters, apply_filters
from components.state.known import all_judgments, judgments_table, revisions

DATA = Path(__file__).resolve().parents[2] / "data"
BUNDLED = load_dataset(DATA)


def test_without_a_judgments_table_there_is_nothing_to_list():
    assert key_judgments(Dataset(tables={})) is None


def test_bundled_judgments_are_numbered_in_order_with_two_separate_labels():
    items = key_judgments(BUNDLED)
    assert [i.number for i in items] == list(range(1, len(items) + 1))
    assert 4 <= len(items) <= 7
    assert items[0].judgment.judgment_id == "troops-sent"
    assert (items[0].likelihood, items[0].confidence) == ("very likely (80–95 %)", "moderate confidence")
    fact = next(i for i in items if i.judgment.judgment_id == "acknowledgements-april")
    assert (fact.likelihood, fact.confidence) == ("statement of fact", "high confidence")


def test_a_statement_never_carries_its_likelihood_word():
    for judgment in all_judgments(judgments_table(BUNDLED)):
        found = [t for t in LIKELIHOODS if re.search(rf"\b{t}\b", judgment.statement, re.IGNORECASE)]
        assert found == [], judgment.judgment_id


def test_bundled_basis_ids_exist_and_were_published_by_the_day_the_judgment_was_made():
    for judgment in all_judgments(judgments_table(BUNDLED)):
        known = apply_filters(BUNDLED, Filters(as_of=judgment.made))
        assert set(judgment.basis_event_ids) <= set(known.events["event_id"]), judgment.judgment_id
        assert set(judgment.basis_estimate_ids) <= set(known.estimates["estimate_id"]), judgment.judgment_id
        assert judgment.basis_event_ids or judgment.basis_estimate_ids


def test_the_withdrawal_judgment_was_replaced_after_the_troops_reappeared():
    found = revisions(all_judgments(judgments_table(BUNDLED)), date(2025, 2, 1))
    pairs = {(r.old.judgment_id, r.new.judgment_id) for r in found}
    assert ("withdrawn-january", "back-at-front-february") in pairs
    row = next(r for r in revision_rows(found) if r["old"].startswith("North Korean units were withdrawn"))
    assert row["new"].startswith("The January 2025 pull-back was a pause")
    assert row["made"] == "27 Feb 2025, very likely (80–95 %), moderate confidence"


def test_on_an_as_of_date_the_judgments_standing_then_are_listed():
    ids = [i.judgment.judgment_id for i in key_judgments(BUNDLED, date(2025, 2, 10))]
    assert ids == ["losses-first-months", "withdrawn-january"]


def test_a_judgment_narrows_the_data_to_the_evidence_it_rests_on():
    narrowed = apply_filters(BUNDLED, Filters(judgment="withdrawn-january"))
    assert set(narrowed.events["event_id"]) == {
        "kindratenko-not-seen-three-weeks",
        "nyt-pulled-off-front",
        "sso-pullback-one-axis",
        "nis-no-combat-budanov-8000",
    }
    assert list(narrowed.estimates["estimate_id"]) == ["budanov-2025-01-31-still-at-front-8000"]


def test_an_unknown_judgment_narrows_nothing():
    narrowed = apply_filters(BUNDLED, Filters(judgment="no-such"))
    assert len(narrowed.events) == len(BUNDLED.events)


def test_the_legend_lists_the_seven_icd_203_terms_with_ranges():
    legend = likelihood_legend()
    assert [row["term"] for row in legend][0::6] == ["almost no chance", "almost certain"]
    assert legend[3] == {"term": "roughly even chance", "probability": "45–55 %"}


def test_briefing_dates_are_the_days_judgments_were_made():
    assert briefing_dates(BUNDLED)[:2] == (date(2025, 2, 1), date(2025, 2, 4))
    assert isinstance(judgments_table(BUNDLED), pd.DataFrame)


def test_the_likelihood_scale_is_the_schemas_vocabulary_in_the_same_order():
    assert tuple(LIKELIHOODS) == SCHEMA_LIKELIHOODS
