"""The decision tables under data/curation/decisions/, declared with the app's own `TableSchema` and `Column`.

`decisions.py` reads and checks them with the app's loader and validator, so a bad cell is reported with its file,
row, column, value and reason, and `build.py` builds nothing until every table is clean. A table's name carries
its folder (`decisions/events`), so a problem names the decision table, not the data table it makes.
An empty cell marked "empty: the dossier's" keeps the dossier row's own value. A column that is the data table's
own is taken from its one declaration (`_data`, naming what differs, such as a reference to a decision table); a
column that means something else in a decision (required, or "empty: the dossier's") is declared here.
"""

from dataclasses import replace

from components.data.schema import (
    BRIEFING,
    CLAIMANTS,
    CONFIDENCES,
    ESTIMATES,
    EVENTS,
    LOCATIONS,
    PRECISIONS,
    QUOTE_KINDS,
    QUOTES,
    RELIABILITY,
    ROLES,
    SOURCES,
    YES_NO,
    Column,
    TableSchema,
)


def _decisions(name: str, key: str, doc: str, *columns: Column) -> TableSchema:
    return TableSchema(f"decisions/{name}", key, doc, columns)


def _data(table: TableSchema, name: str, **changes: object) -> Column:
    """The data table's own declaration of a column (kind, vocabulary, default, doc), with `changes` made."""
    return replace(table.column(name), **changes)


PUBLISHER = Column("publisher", "text", True, "the original author", ref="decisions/reliability")


def _yes_no(name: str, doc: str) -> Column:
    return Column(name, "enum", False, doc, vocab=YES_NO)


def _precision(name: str, doc: str, required: bool = False) -> Column:
    return Column(name, "precision", required, doc, vocab=PRECISIONS)


RELIABILITY_DECISIONS = _decisions(
    "reliability",
    "publisher",
    "each publisher's grade on the NATO / Admiralty scale, and whether it is a party's state media",
    Column("publisher", "text", True, "as written in `publishers.publisher`"),
    Column("reliability", "enum", True, "the grade", vocab=tuple(RELIABILITY)),
    Column("party", "enum", True, "`yes` for a party's state media", vocab=YES_NO),
    Column("reliability_note", "text", True, "why that grade"),
)

PUBLISHER_DECISIONS = _decisions(
    "publishers",
    "dossier_publisher",
    "how each publisher string of the dossier maps onto a publisher, the site read (`via`) and a kind",
    Column("dossier_publisher", "text", True, "exactly as in the dossier's sources.csv"),
    PUBLISHER,
    _data(SOURCES, "via"),
    _data(SOURCES, "kind"),
    Column("id_stem", "id", True, "first part of the source ids, e.g. `reuters`"),
    Column("note", "text", False, "added to the note of every source with this publisher string"),
)

SOURCE_DATE_DECISIONS = _decisions(
    "source_dates",
    "url",
    "a date for a source whose dossier date is `unknown`",
    Column("url", "url", True, "exactly as in the dossier"),
    Column("published", "date", True, "the date given instead"),
    _precision("published_precision", "how precisely it is known", required=True),
    Column("note", "text", True, "why this date"),
)

ADDED_SOURCE_DECISIONS = _decisions(
    "added_sources",
    "source_id",
    "sources that are not a dossier address (the seed article)",
    _data(SOURCES, "source_id"),
    Column("dossier_address", "text", False, "the dossier's pseudo-address for it (`seed:...`)"),
    PUBLISHER,
    _data(SOURCES, "title"),
    _data(SOURCES, "url"),
    Column("published", "date", True, "date"),
    _precision("published_precision", "how precisely it is known", required=True),
    _data(SOURCES, "kind"),
    _data(SOURCES, "language", required=True),
    _data(SOURCES, "archive"),
    _data(SOURCES, "via"),
    _data(SOURCES, "original_url"),
    Column("dossier_publisher", "text", False, "what the dossier calls it"),
    _data(SOURCES, "note"),
)

LOCATION_DECISIONS = _decisions(
    "locations",
    "location_id",
    "the places on the map; `radius_reason` is appended to the note",
    *(
        _data(LOCATIONS, name)
        for name in ("location_id", "name", "alt_names", "lat", "lon", "admin", "precision", "radius_km")
    ),
    Column("radius_reason", "text", False, "why that radius; required with `radius_km`"),
    Column("dossier_name", "text", False, "the dossier location whose coordinate sources it takes"),
    Column("note", "text", True, "own words"),
)

CLAIMANT_DECISIONS = _decisions(
    "claimants",
    "claimant",
    "who makes the claims: every claimant the events and estimates name, and no other",
    *CLAIMANTS.columns,
)

EVENT_DECISIONS = _decisions(
    "events",
    "event_id",
    "one row per event: the dossier row it comes from (a row may make several events) and the curated values",
    _data(EVENTS, "event_id"),
    Column("dossier_id", "id", True, "the dossier event, e.g. `E001`"),
    _data(EVENTS, "date"),
    _precision("date_precision", "how precisely", required=True),
    _data(EVENTS, "date_end"),
    _precision("date_end_precision", "how precisely; only with `date_end`"),
    Column("title", "text", False, "empty: the dossier's"),
    Column("summary", "text", False, "empty: the dossier's"),
    _data(EVENTS, "category"),
    _data(EVENTS, "actors"),
    _data(EVENTS, "location_ids", ref="decisions/locations"),
    _data(EVENTS, "claimants", ref="decisions/claimants"),
    Column("confidence", "enum", True, "re-judged", vocab=CONFIDENCES),
    Column("extra_source_urls", "list", False, "`;`-separated dossier addresses cited after the dossier row's own"),
    Column("note", "text", False, "own words"),
    _yes_no("doubtful", "`yes` when doubtful"),
)

ESTIMATE_DECISIONS = _decisions(
    "estimates",
    "estimate_id",
    "one row per estimate: the dossier row it comes from (empty for the seed's own) and the curated values",
    _data(ESTIMATES, "estimate_id"),
    Column("dossier_id", "id", False, "the dossier estimate, e.g. `X001`; empty for an estimate only the seed makes"),
    Column("as_of", "date", False, "empty: the dossier's date (which must then be a day)"),
    _precision("as_of_precision", "how precisely", required=True),
    _data(ESTIMATES, "claimant", ref="decisions/claimants"),
    _data(ESTIMATES, "force"),
    _data(ESTIMATES, "metric"),
    Column("low", "int", False, "empty: the dossier's"),
    Column("high", "int", False, "empty: the dossier's"),
    Column("role", "enum", True, "combat troops or not", vocab=ROLES),
    Column("scope", "text", False, "empty: the dossier's"),
    Column("source_id", "id", False, "only without `dossier_id`: the source (dossier rows cite the dossier's)"),
    Column("confidence", "enum", True, "re-judged", vocab=CONFIDENCES),
    Column("note", "text", False, "empty: the dossier's"),
    _yes_no("doubtful", "`yes` when doubtful"),
    Column(
        "stated_in_article",
        "enum",
        True,
        "`yes` when the seed article writes the number (checked against its text)",
        vocab=YES_NO,
    ),
)

QUOTE_DECISIONS = _decisions(
    "quotes",
    "quote_id",
    "word-for-word quotes of the seed article (checked against its text)",
    _data(QUOTES, "quote_id"),
    _data(QUOTES, "text"),
    Column("kind", "enum", True, "`narration` or `quoted`", vocab=QUOTE_KINDS),
    _data(QUOTES, "speaker"),
    _data(QUOTES, "event_id", ref="decisions/events"),
    _data(QUOTES, "estimate_id", ref="decisions/estimates"),
    _data(QUOTES, "location_id", ref="decisions/locations"),
    _data(QUOTES, "note"),
)

BRIEFING_DECISIONS = _decisions(
    "briefing",
    "step",
    "the presenter's storyline, copied to data/briefing.csv",
    *BRIEFING.columns,
)

# In reading order: a table's references point at tables read before it.
DECISIONS: dict[str, TableSchema] = {
    s.name.removeprefix("decisions/"): s
    for s in (
        RELIABILITY_DECISIONS,
        PUBLISHER_DECISIONS,
        SOURCE_DATE_DECISIONS,
        ADDED_SOURCE_DECISIONS,
        LOCATION_DECISIONS,
        CLAIMANT_DECISIONS,
        EVENT_DECISIONS,
        ESTIMATE_DECISIONS,
        QUOTE_DECISIONS,
        BRIEFING_DECISIONS,
    )
}
