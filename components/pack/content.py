"""What a pack carries, as plain data: key judgments, every briefing step with its visual and citations, sources.

Each step's visual is built by the same pure builders the app's pages use (`timeline_figure`, `forces_figure`,
`places_deck`, `headlines`), from the step's view read exactly as a link is read. Every renderer (HTML, PDF,
PPTX) reads this one model, so the three formats cannot disagree about what the briefing says.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass, replace
from datetime import UTC, date, datetime

import pandas as pd
import plotly.graph_objects as go

from components.data.dataset import Dataset
from components.present.forces import FORCE_NAMES, article_stated_ids, forces_figure, in_group, stated_figure
from components.present.headlines import claimant_families, headlines, key_quotes
from components.present.labels import clip, date_label, quote_credit
from components.present.ledger import SourceRef, source_refs
from components.present.places import CREDITS, places_deck
from components.present.timeline import MAX_POINTS, timeline_figure, timeline_rows
from components.state.briefing import briefing_steps, step_view
from components.state.filters import Filters, apply_filters
from components.state.known import Judgment, current_judgments, dataset_judgments

TITLE = "North Korean troops in Russia's Kursk region"
NO_JUDGMENTS = "No judgments recorded."
VISUAL_KINDS = ("plotly", "deck", "figures", "judgments", "none")


@dataclass(frozen=True)
class Citation(SourceRef):
    """A source as cited (publisher, date, title, a safe http(s) address or '', its reliability grade)."""

    @property
    def code(self) -> str:
        """The grade's letter alone, for footnotes."""
        return self.grade[:1]

    @property
    def label(self) -> str:
        """'Publisher, date' as a footnote names it."""
        return ", ".join(p for p in (self.publisher, self.date) if p)


@dataclass(frozen=True)
class Quote:
    """A verbatim quote with its speaker, its source and that source's grade."""

    text: str
    speaker: str
    source: Citation


@dataclass(frozen=True)
class Claim:
    """One claimant's figure as stated, with its source: a figure is never shown without who claims it."""

    claimant: str
    stated: str
    what: str
    date: str
    source: Citation


@dataclass(frozen=True)
class StepContent:
    """One briefing step as a pack shows it."""

    number: int
    title: str
    talking_points: str
    page: str
    kind: str
    spec: str
    alt: str
    lead: str
    details: tuple[str, ...]
    claims: tuple[Claim, ...]
    quotes: tuple[Quote, ...]
    citations: tuple[Citation, ...]
    notices: tuple[str, ...]
    judgments: tuple[Judgment, ...] = ()  # a judgments step's: those standing on its as-of date


@dataclass(frozen=True)
class Pack:
    """The whole briefing as a pack carries it."""

    title: str
    as_of: str
    stamp: str
    made: str
    presenter: bool
    filters: str
    judgments: tuple[Judgment, ...]
    steps: tuple[StepContent, ...]
    sources: tuple[Citation, ...]

    @property
    def footer(self) -> str:
        """The line on every page: as-of date, data stamp, version."""
        version = "presenter version (talking points)" if self.presenter else "audience version"
        return f"As of {self.as_of} · data stamp {self.stamp} · {version}"


def text(value: object) -> str:
    """A cell as a plain string ('' for missing values)."""
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def citations(ds: Dataset, source_ids: object) -> dict[str, Citation]:
    """Citations of the given source ids, each with its grade (an id missing from the table cites itself)."""
    return {sid: Citation(*astuple(ref)) for sid, ref in source_refs(ds.sources, source_ids).items()}


def quotes_of(ds: Dataset, column: str, values: object) -> tuple[Quote, ...]:
    """The quotes whose `column` (event_id, estimate_id, location_id) is one of `values`."""
    quotes = ds.quotes
    if quotes.empty or column not in quotes:
        return ()
    chosen = quotes[quotes[column].isin(list(values))]
    cited = citations(ds, chosen["source_id"])
    kinds = chosen.get("kind", [""] * len(chosen))
    speakers = chosen.get("speaker", [""] * len(chosen))
    return tuple(
        Quote(text(t), quote_credit(k, s, "", "", "")[0] or "the source's own words (narration)", cited[sid])
        for t, k, s, sid in zip(chosen["text"], kinds, speakers, chosen["source_id"], strict=True)
    )


def event_sources(events: pd.DataFrame) -> list[str]:
    """Every source id cited by some events rows, in order."""
    return [s for ids in events["source_ids"] for s in (ids.split(";") if isinstance(ids, str) else ids)]


def judgments(ds: Dataset, as_of: date | None) -> tuple[Judgment, ...]:
    """The key judgments standing on the as-of date, in display order: the overview's, from `state.known`."""
    return current_judgments(dataset_judgments(ds), as_of)


def marked_timeline(events: pd.DataFrame, event: str | None) -> str:
    """The app's timeline figure with a ring and an escaped label on the step's event (a link selects it)."""
    figure = timeline_figure(events)
    rows = timeline_rows(events) if event and len(events) <= MAX_POINTS else None
    if rows is not None and (rows["event_id"] == event).any():
        row = rows[rows["event_id"] == event].iloc[0]
        title = events.loc[events["event_id"] == event, "title"].iloc[0]
        figure.add_trace(
            go.Scatter(
                x=[row["start"]],
                y=[row["y"]],
                mode="markers",
                marker={"symbol": "circle-open", "size": 26, "color": "#111111", "line": {"width": 3}},
                hoverinfo="skip",
                showlegend=False,
                name="this step",
            )
        )
        figure.add_annotation(
            x=row["start"],
            y=row["y"],
            text=clip(title, 70),
            showarrow=True,
            arrowhead=0,
            ax=0,
            ay=-34,
            bgcolor="rgba(255,255,255,0.85)",
            font={"size": 12},
        )
    return figure.to_json()


def timeline_step(ds: Dataset, event: str | None) -> dict:
    """The timeline of the step's events, and the selected event's summary, sources and quotes."""
    events = ds.events
    chosen = events[events["event_id"] == event].head(1) if event else events.iloc[0:0]
    lead, details = "", ()
    if len(chosen):
        row = chosen.iloc[0]
        lead = text(row["title"])
        details = (text(row["summary"]), f"Claimed by: {'; '.join(row['claimants']) or 'not stated'}")
    sources = event_sources(chosen)
    return {
        "kind": "plotly" if len(events) else "none",
        "spec": marked_timeline(events, event) if len(events) else "",
        "alt": f"Timeline of {len(events)} events",
        "lead": lead,
        "details": details,
        "quotes": quotes_of(ds, "event_id", chosen["event_id"]),
        "citations": tuple(citations(ds, sources).values()),
    }


def estimate_claims(ds: Dataset, estimates: pd.DataFrame) -> tuple[Claim, ...]:
    """Every estimate as a claim: claimant, figure as stated, metric, date and source."""
    cited = citations(ds, estimates["source_id"])
    rows = estimates.sort_values(["as_of", "claimant"], kind="stable")
    return tuple(
        Claim(
            text(row["claimant"]),
            stated_figure(row["low"], row["high"]),
            text(row["metric"]).replace("_", " ")
            + ("" if text(row.get("role")) in ("", "combat") else f" ({row['role']})"),
            date_label(row["as_of"], text(row.get("as_of_precision")) or "day"),
            cited[row["source_id"]],
        )
        for _, row in rows.iterrows()
    )


def forces_step(ds: Dataset, force: str | None, metric: str | None) -> dict:
    """The forces chart of one force and metric group, every figure with its claimant as a footnote."""
    force, metric = force or "dprk", metric or "size"
    rows = in_group(ds.estimates, force, metric)
    seeds = article_stated_ids(ds.estimates)
    figure = forces_figure(
        ds.estimates, force, metric, sources=ds.sources, seed_ids=seeds, families=claimant_families(ds)
    )
    claims = estimate_claims(ds, rows)
    return {
        "kind": "plotly" if len(rows) else "none",
        "spec": figure.to_json() if len(rows) else "",
        "alt": f"{FORCE_NAMES.get(force, force)}: {'losses' if metric == 'losses' else 'force size'}",
        "lead": f"{FORCE_NAMES.get(force, force)}: {'losses' if metric == 'losses' else 'force size'}, by claimant",
        "details": (),
        "claims": claims,
        "quotes": quotes_of(ds, "estimate_id", rows["estimate_id"]),
        "citations": tuple(dict.fromkeys(c.source for c in claims)),
    }


# pydeck's bundled deck.gl (the one the HTML pack embeds) registers no CollisionFilterExtension: a layer that
# asks for it throws and the map never draws. The pack keeps those labels, without the collision filter.
COLLISION_PROPS = ("extensions", "collisionEnabled", "collisionTestProps", "getCollisionPriority")


def offline_deck_json(spec: str) -> str:
    """A deck's JSON without the props that the pack's deck.gl bundle cannot construct."""
    deck = json.loads(spec)
    for layer in deck.get("layers", []):
        for name in COLLISION_PROPS:
            layer.pop(name, None)
    return json.dumps(deck)


def map_step(ds: Dataset, place: str | None) -> dict:
    """The map opened on the step's place, with that place's events, quotes and sources."""
    deck = places_deck(ds.locations, ds.events, ds.geo, selected=place)
    events = ds.events
    here = events[events["location_ids"].map(lambda ids: place in ids)] if place and len(events) else events.iloc[0:0]
    match = ds.locations[ds.locations["location_id"] == place] if place else ds.locations.iloc[0:0]
    lead = text(match.iloc[0]["name"]) if len(match) else ""
    precision = text(match.iloc[0].get("precision")) if len(match) else ""
    details = ((f"{precision} location" if precision else ""),) + tuple(
        f"{date_label(d, p)}: {text(t)}"
        for d, p, t in zip(here["date"], here["date_precision"], here["title"], strict=True)
    )
    return {
        "kind": "deck",
        "spec": offline_deck_json(deck.to_json()),
        "alt": f"Map of the Kursk border region opened on {lead or 'the region'}. Map data: {CREDITS}.",
        "lead": lead,
        "details": tuple(d for d in details if d),
        "quotes": quotes_of(ds, "event_id", here["event_id"]) + quotes_of(ds, "location_id", [place] if place else []),
        "citations": tuple(citations(ds, event_sources(here)).values()),
    }


def overview_step(ds: Dataset, as_of: date | None = None) -> dict:
    """An overview step as its audience screen shows it: the key judgments standing on its as-of date, else (none
    made yet, or no judgments table) the headline figures by claimant and the key quotes."""
    standing = judgments(ds, as_of)
    if standing:
        when = f"on {as_of:%Y-%m-%d}" if as_of else "today"
        return {
            "kind": "judgments",
            "spec": "",
            "alt": "The key judgments",
            "lead": f"The key judgments standing {when}, each with its likelihood and confidence",
            "details": (),
            "judgments": standing,
            "citations": (),
            "quotes": (),
        }
    found = headlines(ds)
    ids = [f.estimate_id for h in found for f in h.figures]
    estimates = ds.estimates[ds.estimates["estimate_id"].isin(ids)]
    claims = estimate_claims(ds, estimates)
    chosen = key_quotes(ds)
    quoted = ds.quotes[ds.quotes["text"].isin([q.text for q in chosen])]
    return {
        "kind": "figures" if claims else "none",
        "spec": "",
        "alt": "Headline figures by claimant",
        "lead": "Headline figures, newest claim per claimant",
        "details": tuple(f"{h.title}: {len(h.claimants)} claimant(s)" for h in found),
        "claims": claims,
        "quotes": quotes_of(ds, "quote_id", quoted["quote_id"]) if "quote_id" in quoted else (),
        "citations": tuple(dict.fromkeys(c.source for c in claims)),
    }


def step_content(full: Dataset, base: Filters, step) -> StepContent:
    """One step: its view (read as a link is read) over the pack's filters, built with the app's builders."""
    view, notices = step_view(step, full)
    ds = apply_filters(apply_filters(full, base), view.filters)
    if view.page == "timeline":
        parts = timeline_step(ds, view.event)
    elif view.page == "forces":
        parts = forces_step(ds, view.force, view.metric)
    elif view.page == "map":
        parts = map_step(ds, view.place)
    else:
        parts = overview_step(ds, view.filters.as_of or base.as_of)
    parts.setdefault("claims", ())
    return StepContent(step.number, step.title, step.talking_points, view.page, notices=tuple(notices), **parts)


def describe_filters(filters: Filters) -> str:
    """The pack's filters in words ('' when none)."""
    words = [
        f"from {filters.date_from}" if filters.date_from else "",
        f"to {filters.date_to}" if filters.date_to else "",
        f"categories {', '.join(filters.categories)}" if filters.categories else "",
        f"claimants {', '.join(filters.claimants)}" if filters.claimants else "",
        f"confidence {', '.join(filters.confidences)}" if filters.confidences else "",
        f"text “{filters.text}”" if filters.text else "",
    ]
    return "; ".join(w for w in words if w)


def build_pack(full: Dataset, filters: Filters | None = None, presenter: bool = False) -> Pack:
    """The pack of the briefing for some filters and as-of date; talking points only in the presenter version."""
    filters = filters or Filters()
    steps = tuple(step_content(full, filters, step) for step in briefing_steps(full))
    if not presenter:
        steps = tuple(replace(s, talking_points="") for s in steps)
    cited: dict[str, Citation] = {}
    for step in steps:
        for citation in step.citations + tuple(q.source for q in step.quotes) + tuple(c.source for c in step.claims):
            cited.setdefault(citation.source_id, citation)
    return Pack(
        title=TITLE,
        as_of=filters.as_of.isoformat() if filters.as_of else "today (all sources)",
        stamp=full.fingerprint or "none",
        made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        presenter=presenter,
        filters=describe_filters(filters),
        judgments=judgments(full, filters.as_of),
        steps=steps,
        sources=tuple(sorted(cited.values(), key=lambda c: (c.publisher.lower(), c.date, c.source_id))),
    )
