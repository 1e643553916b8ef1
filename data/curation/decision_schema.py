"""The decision tables under data/curation/decisions/, declared with the app's own `TableSchema` and `Column`.

`decisions.py` reads and checks them with the app's loader and validator, so a bad cell is reported with its file,
row, column, value and reason, and `build.py` builds nothing until every table is clean. A table's name carries
its folder (`decisions/events`), so a problem names the decision table, not the data table it makes.
An empty cell marked "empty: the dossier's" keeps the dossier row's own value.
"""

from components.data.schema import (
    CATEGORIES,
    CONFIDENCES,
    FAMILIES,
    FORCES,
    METRICS,
    PLACE_PRECISIONS,
    PRECISIONS,
    QUOTE_KINDS,
    RELIABILITY,
    ROLES,
    SOURCE_KINDS,
    YES_NO,
    Column,
    TableSchema,
)


def _decisions(name: str, key: str, doc: str, *columns: Column) -> TableSchema:
    return TableSchema(f"decisions/{name}", key, doc, columns)


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
    Column("publisher", "text", True, "the original author", ref="decisions/reliability"),
    Column("via", "text", False, "the site read, when it was a copy"),
    Column("kind", "enum", True, "what sort of source", vocab=SOURCE_KINDS),
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
    Column("source_id", "id", True, "the id"),
    Column("dossier_address", "text", False, "the dossier's pseudo-address for it (`seed:...`)"),
    Column("publisher", "text", True, "the original author", ref="decisions/reliability"),
    Column("title", "text", True, "headline"),
    Column("url", "url", False, "address, if any"),
    Column("published", "date", True, "date"),
    _precision("published_precision", "how precisely it is known", required=True),
    Column("kind", "enum", True, "what sort of source", vocab=SOURCE_KINDS),
    Column("language", "text", True, "ISO 639-1 code"),
    Column("archive", "text", False, "file under data/documents/"),
    Column("via", "text", False, "the site read"),
    Column("original_url", "url", False, "the publisher's own address"),
    Column("dossier_publisher", "text", False, "what the dossier calls it"),
    Column("note", "text", False, "own words"),
)

LOCATION_DECISIONS = _decisions(
    "locations",
    "location_id",
    "the places on the map; `radius_reason` is appended to the note",
    Column("location_id", "id", True, "unique slug"),
    Column("name", "text", True, "common English name"),
    Column("alt_names", "list", False, "`;`-separated spellings"),
    Column("lat", "float", True, "WGS84 latitude"),
    Column("lon", "float", True, "WGS84 longitude"),
    Column("admin", "text", False, "oblast / region"),
    Column("precision", "enum", True, "how exact the point is", vocab=PLACE_PRECISIONS),
    Column("radius_km", "float", False, "how far the place may lie from the point; empty only for `exact`"),
    Column("radius_reason", "text", False, "why that radius; required with `radius_km`"),
    Column("dossier_name", "text", False, "the dossier location whose coordinate sources it takes"),
    Column("note", "text", True, "own words"),
)

CLAIMANT_DECISIONS = _decisions(
    "claimants",
    "claimant",
    "who makes the claims: every claimant the events and estimates name, and no other",
    Column("claimant", "text", True, "as written in the events and estimates"),
    Column("family", "enum", True, "the group it is shown with", vocab=FAMILIES),
    Column("party", "enum", True, "`yes` for a party to the war", vocab=YES_NO),
    Column("note", "text", False, "own words"),
)

EVENT_DECISIONS = _decisions(
    "events",
    "event_id",
    "one row per event: the dossier row it comes from (a row may make several events) and the curated values",
    Column("event_id", "id", True, "unique slug"),
    Column("dossier_id", "id", True, "the dossier event, e.g. `E001`"),
    Column("date", "date", True, "when it happened"),
    _precision("date_precision", "how precisely", required=True),
    Column("date_end", "date", False, "end of a span"),
    _precision("date_end_precision", "how precisely; only with `date_end`"),
    Column("title", "text", False, "empty: the dossier's"),
    Column("summary", "text", False, "empty: the dossier's"),
    Column("category", "enum", True, "kind of event", vocab=CATEGORIES),
    Column("actors", "list", False, "`;`-separated"),
    Column("location_ids", "list", False, "`;`-separated", ref="decisions/locations"),
    Column("claimants", "list", True, "`;`-separated", ref="decisions/claimants"),
    Column("confidence", "enum", True, "re-judged", vocab=CONFIDENCES),
    Column("extra_source_urls", "list", False, "`;`-separated dossier addresses cited after the dossier row's own"),
    Column("note", "text", False, "own words"),
    _yes_no("doubtful", "`yes` when doubtful"),
)

ESTIMATE_DECISIONS = _decisions(
    "estimates",
    "estimate_id",
    "one row per estimate: the dossier row it comes from (empty for the seed's own) and the curated values",
    Column("estimate_id", "id", True, "unique slug"),
    Column("dossier_id", "id", False, "the dossier estimate, e.g. `X001`; empty for an estimate only the seed makes"),
    Column("as_of", "date", False, "empty: the dossier's date (which must then be a day)"),
    _precision("as_of_precision", "how precisely", required=True),
    Column("claimant", "text", True, "who made it", ref="decisions/claimants"),
    Column("force", "enum", True, "whose troops", vocab=FORCES),
    Column("metric", "enum", True, "what is counted", vocab=METRICS),
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
    Column("quote_id", "id", True, "unique slug"),
    Column("text", "text", True, "the words exactly as the seed has them"),
    Column("kind", "enum", True, "`narration` or `quoted`", vocab=QUOTE_KINDS),
    Column("speaker", "text", False, "for `quoted`"),
    Column("event_id", "id", False, "the event it supports", ref="decisions/events"),
    Column("estimate_id", "id", False, "the estimate it supports", ref="decisions/estimates"),
    Column("location_id", "id", False, "the place it supports", ref="decisions/locations"),
    Column("note", "text", False, "own words"),
)

BRIEFING_DECISIONS = _decisions(
    "briefing",
    "step",
    "the presenter's storyline, copied to data/briefing.csv",
    Column("step", "int", True, "1, 2, 3 ..."),
    Column("title", "text", True, "the heading"),
    Column("talking_points", "text", False, "the presenter's notes"),
    Column("view", "text", True, "a share link's query string"),
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
