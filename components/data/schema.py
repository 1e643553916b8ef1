"""The one schema declaration per table: columns, kinds, vocabularies and references.

The validator (`validation.py`), the loader's typing (`loading.py`), `data/README.md` (tested against it) and the
tests all read these declarations; change a table here and everything else follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ROW_COLUMN = "_row"  # the spreadsheet row number the loader adds to every table (header = row 1)

Kind = Literal["id", "text", "date", "precision", "int", "float", "list", "enum", "url"]
Severity = Literal["error", "warning"]

PRECISIONS = ("day", "week", "month", "approx")
CATEGORIES = (
    "diplomacy",
    "deployment",
    "combat",
    "casualties",
    "statement",
    "territory",
    "acknowledgement",
    "other",
)
CONFIDENCES = ("confirmed", "reported", "claimed", "disputed")
SOURCE_KINDS = ("seed", "news", "official", "analysis", "social", "reference")
FORCES = ("dprk", "russia", "ukraine")
SIZE_METRICS = ("deployed", "present")
LOSS_METRICS = ("killed", "wounded", "killed_or_wounded", "captured", "missing")
METRICS = SIZE_METRICS + LOSS_METRICS
ROLES = ("combat", "support", "planned")
PLACE_PRECISIONS = ("exact", "approximate", "area")
QUOTE_KINDS = ("narration", "quoted")
YES_NO = ("yes", "no")
# The NATO / Admiralty scale (AJP-2.1) for a publisher's reliability; F is the default.
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "cannot be judged",
}
RELIABILITY_NEEDS_NOTE = ("A", "B", "E")
LIKELIHOODS = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)  # the ICD 203 terms
JUDGMENT_CONFIDENCES = ("high", "moderate", "low")
FAMILIES = (
    "South Korea",
    "Ukraine",
    "Russia",
    "North Korea",
    "United States",
    "United Kingdom",
    "other governments",
    "media",
    "analysts",
)
UNLISTED_FAMILY = "other governments"  # where a claimant missing from claimants.csv is shown (as a non-party)

CONFIDENCE_MEANINGS = {
    "confirmed": "two or more independent sources that are not parties to the war report it as fact",
    "reported": "one credible source or one chain of reprints",
    "claimed": "asserted by a party to the war, its officials or its state media, not independently corroborated",
    "disputed": "contradicted by another credible source",
}


@dataclass(frozen=True)
class Column:
    """One column of a table: its kind, whether a value is required, and what it may hold."""

    name: str
    kind: Kind
    required: bool = False
    doc: str = ""
    vocab: tuple[str, ...] = ()
    ref: str | None = None
    default: str = ""
    renamed_from: tuple[str, ...] = ()  # earlier names: still read, with a warning saying what to rename


@dataclass(frozen=True)
class TableSchema:
    """One table: its file, its key and its columns."""

    name: str
    key: str | None
    doc: str
    columns: tuple[Column, ...]
    optional: bool = False  # the file may be absent: then the table is empty and no problem is reported

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _doubtful() -> Column:
    return Column(
        "doubtful",
        "enum",
        False,
        "`yes` when the row is judged doubtful (an outlier, an unverifiable relay); `note` says why",
        vocab=YES_NO,
        default="no",
    )


def _precision(of: str, required: bool = False) -> Column:
    return Column(
        f"{of}_precision",
        "precision",
        required=required,
        doc=f"how precisely `{of}` is known; default `day`",
        vocab=PRECISIONS,
        default="day",
    )


SOURCES = TableSchema(
    "sources",
    "source_id",
    "where every claim comes from",
    (
        Column("source_id", "id", True, "unique slug, e.g. `seed-article`"),
        Column("publisher", "text", True, "e.g. BBC, Yonhap, Ukrainian SSO, Russian MoD"),
        Column("title", "text", True, "headline or a short description of the statement"),
        Column("url", "url", False, "http(s) address where it can be read; empty only for the seed"),
        Column(
            "published",
            "date",
            False,
            "date it was published or said; empty only for a page that gives no date "
            "(shown as undated, hidden while an as-of date is set)",
        ),
        _precision("published"),
        Column("kind", "enum", True, "what sort of source", vocab=SOURCE_KINDS),
        Column("language", "text", False, "ISO 639-1 code, e.g. `en`, `ko`, `uk`, `ru`"),
        Column("archive", "text", False, "file name of a full-text copy under `documents/`"),
        Column("via", "text", False, "the site where a copy of the publisher's story was read"),
        Column("original_url", "url", False, "the publisher's own address, when `url` is a copy's (`via`)"),
        Column(
            "party",
            "enum",
            False,
            "`yes` when the publisher is a party to the war, its officials or its state media; default `no`",
            vocab=YES_NO,
            default="no",
        ),
        Column(
            "reliability",
            "enum",
            False,
            "the publisher's grade on the NATO / Admiralty scale: "
            + ", ".join(f"`{k}` {v}" for k, v in RELIABILITY.items())
            + " (default); it grades the publisher, never the copy, and a party is never `A`",
            vocab=tuple(RELIABILITY),
            default="F",
        ),
        Column("reliability_note", "text", False, "why that grade, own words; required for `A`, `B` and `E`"),
        Column("note", "text", False, "own words"),
    ),
)

EVENTS = TableSchema(
    "events",
    "event_id",
    "the timeline",
    (
        Column("event_id", "id", True, "unique slug"),
        Column("date", "date", True, "when it happened; a statement is dated when it was made"),
        Column("date_end", "date", False, "end of a span (a deployment period, a battle)"),
        _precision("date", required=True),
        _precision("date_end"),
        Column("title", "text", True, "short headline, own words"),
        Column("summary", "text", True, "one or two sentences, own words"),
        Column("category", "enum", True, "kind of event", vocab=CATEGORIES),
        Column("actors", "list", False, "`;`-separated, e.g. `DPRK;Russia`"),
        Column("location_ids", "list", False, "`;`-separated location ids", ref="locations"),
        Column("claimants", "list", True, "`;`-separated: who asserts it"),
        Column("source_ids", "list", True, "`;`-separated source ids, at least one", ref="sources"),
        Column("confidence", "enum", True, "how well the content is corroborated", vocab=CONFIDENCES),
        Column("note", "text", False, "own words: doubts, what the label rests on"),
        _doubtful(),
    ),
)

ESTIMATES = TableSchema(
    "estimates",
    "estimate_id",
    "force size and casualties, by claimant",
    (
        Column("estimate_id", "id", True, "unique slug"),
        Column("as_of", "date", True, "the date the estimate was stated"),
        _precision("as_of"),
        Column("claimant", "text", True, "who made the estimate"),
        Column("force", "enum", True, "whose troops", vocab=FORCES),
        Column("metric", "enum", True, "what is counted", vocab=METRICS),
        Column("low", "int", False, "whole number of persons; empty with `high` = no number"),
        Column("high", "int", False, "whole number; empty = open-ended (`over 3,000`)"),
        Column("role", "enum", False, "combat troops or not", vocab=ROLES, default="combat"),
        Column("scope", "text", False, "e.g. `Kursk, cumulative since deployment`"),
        Column("source_id", "id", True, "the source of the estimate", ref="sources"),
        Column("confidence", "enum", True, "how well the figure is corroborated", vocab=CONFIDENCES),
        Column("note", "text", False, "own words: definitions, scope, doubts"),
        _doubtful(),
        Column(
            "other_source_ids",
            "list",
            False,
            "`;`-separated further sources that give the same figure (they count for `confirmed`)",
            ref="sources",
        ),
        Column(
            "stated_in_article",
            "enum",
            False,
            "`yes` when the article itself states this number (the chart stars it); default `no`",
            vocab=YES_NO,
            default="no",
        ),
    ),
)

LOCATIONS = TableSchema(
    "locations",
    "location_id",
    "the map",
    (
        Column("location_id", "id", True, "unique slug"),
        Column("name", "text", True, "common English name"),
        Column("alt_names", "list", False, "`;`-separated spellings"),
        Column("lat", "float", True, "WGS84 latitude, decimal degrees"),
        Column("lon", "float", True, "WGS84 longitude, decimal degrees"),
        Column("admin", "text", False, "oblast / region"),
        Column("precision", "enum", True, "how exact the point is", vocab=PLACE_PRECISIONS),
        Column(
            "radius_km",
            "float",
            False,
            "for `approximate` and `area`: how far from the point the place may lie, in km (drawn to scale)",
        ),
        Column(
            "coord_source_ids",
            "list",
            False,
            "`;`-separated sources of the coordinates; at least one for `exact`",
            ref="sources",
            renamed_from=("coord_source_id",),
        ),
        Column("note", "text", False, "own words: why this point, what it stands for when it is an anchor"),
    ),
)

QUOTES = TableSchema(
    "quotes",
    "quote_id",
    "the words behind the claims",
    (
        Column("quote_id", "id", True, "unique slug"),
        Column("source_id", "id", True, "the archived source quoted", ref="sources"),
        Column("text", "text", True, "the words exactly as the source has them"),
        Column(
            "kind",
            "enum",
            False,
            "`narration` (default): the document's own words, never shown as a person's; "
            "`quoted`: a person's words the document reports",
            vocab=QUOTE_KINDS,
            default="narration",
        ),
        Column("speaker", "text", False, "who is quoted; required for quoted, empty for narration"),
        Column("event_id", "id", False, "the event the quote supports", ref="events"),
        Column("estimate_id", "id", False, "the estimate the quote supports", ref="estimates"),
        Column("location_id", "id", False, "the place the quote supports", ref="locations"),
        Column("note", "text", False, "own words"),
    ),
)

BRIEFING = TableSchema(
    "briefing",
    "step",
    "the presenter's storyline",
    (
        Column("step", "int", True, "1, 2, 3 ... in order"),
        Column("title", "text", True, "the step's heading"),
        Column("talking_points", "text", False, "the presenter's notes"),
        Column("view", "text", True, "the query string of a share link (`page=...&...`)"),
    ),
)

JUDGMENTS = TableSchema(
    "judgments",
    "judgment_id",
    "the bottom line: the analyst's key judgments (optional)",
    (
        Column("judgment_id", "id", True, "unique slug"),
        Column("statement", "text", True, "one sentence, own words"),
        Column(
            "likelihood",
            "enum",
            False,
            "an ICD 203 term: " + ", ".join(f"`{t}`" for t in LIKELIHOODS) + "; empty for a statement of fact",
            vocab=LIKELIHOODS,
        ),
        Column(
            "confidence",
            "enum",
            True,
            "how good the evidence behind the judgment is",
            vocab=JUDGMENT_CONFIDENCES,
        ),
        Column("made", "date", True, "when the judgment was made; an as-of date shows only judgments made by then"),
        Column("basis_event_ids", "list", False, "`;`-separated events it rests on", ref="events"),
        Column("basis_estimate_ids", "list", False, "`;`-separated estimates it rests on", ref="estimates"),
        Column("supersedes", "id", False, "the earlier judgment this one replaces", ref="judgments"),
        Column("order", "int", False, "display order, 1 first"),
        Column("note", "text", False, "own words: assumptions, what would change the judgment"),
    ),
    optional=True,
)

CLAIMANTS = TableSchema(
    "claimants",
    "claimant",
    "who makes the claims (optional)",
    (
        Column("claimant", "text", True, "exactly as written in `events.claimants` and `estimates.claimant`"),
        Column("family", "enum", True, "the group it is shown with", vocab=FAMILIES),
        Column("party", "enum", True, "`yes` for a party to the war, its officials or state media", vocab=YES_NO),
        Column("note", "text", False, "own words"),
    ),
    optional=True,
)

SCHEMAS: dict[str, TableSchema] = {
    s.name: s for s in (SOURCES, CLAIMANTS, EVENTS, ESTIMATES, LOCATIONS, QUOTES, JUDGMENTS, BRIEFING)
}
