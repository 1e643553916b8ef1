"""Key judgments as the overview shows them (ICD 203): a likelihood term and a confidence level, two labels.

Pure: the judgments standing on a date come from `components.state.known`; this module numbers them, labels
them and explains the terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from components.data.dataset import Dataset
from components.state.known import Judgment, Revision, current_judgments, dataset_judgments, judgments_table

# ICD 203's expressions of likelihood, with the probability range each stands for (in per cent).
LIKELIHOODS: dict[str, tuple[int, int]] = {
    "almost no chance": (1, 5),
    "very unlikely": (5, 20),
    "unlikely": (20, 45),
    "roughly even chance": (45, 55),
    "likely": (55, 80),
    "very likely": (80, 95),
    "almost certain": (95, 99),
}
CONFIDENCE_LEVELS: dict[str, str] = {
    "high": "well-corroborated evidence from several independent, reliable sources; the judgment could still be wrong",
    "moderate": "credible evidence, but from few sources or sources that are not independent; other readings remain",
    "low": "scant, questionable or contradictory evidence, or sources that are parties to the war",
}
FACT_LABEL = "statement of fact"


def likelihood_label(judgment: Judgment) -> str:
    """The likelihood term with its probability range, or 'statement of fact' when there is none."""
    if not judgment.likelihood:
        return FACT_LABEL
    low, high = LIKELIHOODS.get(judgment.likelihood, (None, None))
    return judgment.likelihood if low is None else f"{judgment.likelihood} ({low}–{high} %)"


def confidence_label(judgment: Judgment) -> str:
    """The confidence level as its own label."""
    return f"{judgment.confidence} confidence"


@dataclass(frozen=True)
class KeyJudgment:
    """A judgment as the overview lists it: its number, its two labels and the link to its evidence."""

    number: int
    judgment: Judgment
    likelihood: str
    confidence: str
    made: str
    evidence: str


def evidence_words(judgment: Judgment) -> str:
    """'rests on 5 events and 4 estimates'."""
    events, estimates = len(judgment.basis_event_ids), len(judgment.basis_estimate_ids)
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((events, "event"), (estimates, "estimate")) if n]
    return "rests on " + " and ".join(parts) if parts else "rests on no recorded evidence"


def key_judgments(ds: Dataset, as_of: date | None = None) -> tuple[KeyJudgment, ...] | None:
    """The key judgments standing on the as-of date, numbered from 1; None when no table is recorded."""
    table = judgments_table(ds)
    if table is None:
        return None
    standing = current_judgments(dataset_judgments(ds), as_of)
    return tuple(
        KeyJudgment(n, j, likelihood_label(j), confidence_label(j), f"{j.made:%d %b %Y}", evidence_words(j))
        for n, j in enumerate(standing, start=1)
    )


def likelihood_legend() -> list[dict[str, str]]:
    """The ICD 203 likelihood terms as legend rows, least to most likely."""
    return [{"term": term, "probability": f"{low}–{high} %"} for term, (low, high) in LIKELIHOODS.items()]


def confidence_legend() -> list[dict[str, str]]:
    """The confidence levels as legend rows."""
    return [{"level": level, "meaning": meaning} for level, meaning in CONFIDENCE_LEVELS.items()]


def briefing_dates(ds: Dataset) -> tuple[date, ...]:
    """The distinct dates judgments were made on, oldest first: the quick picks for "what changed since"."""
    return tuple(sorted({j.made for j in dataset_judgments(ds)}))


def revision_rows(found: tuple[Revision, ...]) -> list[dict[str, str]]:
    """Each changed judgment as the overview shows it: old and new wording side by side, and why."""
    return [
        {
            "old": r.old.statement,
            "old_made": f"{r.old.made:%d %b %Y}, {likelihood_label(r.old)}, {confidence_label(r.old)}",
            "new": r.new.statement,
            "made": f"{r.new.made:%d %b %Y}, {likelihood_label(r.new)}, {confidence_label(r.new)}",
            "why": r.new.note,
        }
        for r in found
    ]
