"""Rebuild data/*.csv from the fact dossier, the seed article and the decision tables in data/curation/decisions/.

Run from the project root:  .venv/bin/python data/curation/build.py [dossier] [output folder] [curation folder]
The dossier defaults to ../shared/dossier beside the project, the output folder to data/ and the curation folder
(the one holding decisions/) to this file's. The committed CSVs are the product; this script records how they
were made and re-makes them (tests/unit/test_curation_rebuild.py checks that a rebuild reproduces them byte for
byte). Every decision is a row of a decision table (declared in decision_schema.py); this file is only the rules
that combine them with the dossier. When a decision table or a decision has an error, every problem is printed
and nothing is written (exit 1).
"""

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

from decisions import Row, problem, read_decisions, split  # noqa: E402

from components.data.dataset import Problem  # noqa: E402

DATA = HERE.parent
DEFAULT_DOSSIER = DATA.parent.parent / "shared" / "dossier"
STOP = set("the a an of in to for and on with from by at is has have says say said its as be - s".split())
# A page the dossier dates only "unknown" and no source_dates row dates stays undated: no date is invented.
UNDATED_NOTE = (
    "Dossier date: unknown. A reference page with no publication date, read for coordinates "
    "while the dossier was compiled; left undated rather than given an invented date, so it "
    "is hidden while an as-of date is set. Cited by no event, estimate or quote."
)
MONTHS = {"Jan": "01", "Feb": "02", "June": "06", "Nov": "11", "Dec": "12"}
COLUMNS = {
    "sources.csv": "source_id publisher title url published published_precision kind language archive via "
    "original_url party reliability reliability_note dossier_publisher note",
    "events.csv": "event_id date date_precision date_end date_end_precision title summary category actors "
    "location_ids claimants source_ids confidence note doubtful dossier_id dossier_date dossier_claimant "
    "dossier_confidence",
    "estimates.csv": "estimate_id as_of as_of_precision claimant force metric low high role scope source_id "
    "confidence note doubtful stated_in_article other_source_ids dossier_id dossier_claimant dossier_confidence",
    "claimants.csv": "claimant family party note",
    "locations.csv": "location_id name alt_names lat lon admin precision radius_km note coord_source_ids",
    "quotes.csv": "quote_id source_id text kind speaker event_id estimate_id location_id note",
    "briefing.csv": "step title talking_points view",
}


def parse_published(raw: str, decided: Row | None) -> tuple[str, str, str]:
    """The dossier's published_date as (date, precision, note), unless a source_dates row decides it."""
    if decided:
        return decided["published"], decided["published_precision"], decided["note"]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        return raw, "day", ""
    m = re.fullmatch(r"(\d{4}-\d{2})( snapshot)?", raw)
    if m:
        return m.group(1) + "-01", "month", f"Dossier date: {raw}." if m.group(2) else ""
    m = re.fullmatch(r"(\d{4}-\d{2}) \(c\. (\d{1,2})\b.*\)", raw)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}", "approx", f"Dossier date: {raw}."
    m = re.search(r"(\d{4}-\d{2}-\d{2})", raw)
    if m:
        return m.group(1), "approx", f"Dossier date: {raw}."
    m = re.search(r"\((?:late )?(Jan|Feb|June|Nov|Dec) (\d{4})\)", raw)
    if m:
        return f"{m.group(2)}-{MONTHS[m.group(1)]}-01", "month", f"Dossier date: {raw}."
    return "", "", UNDATED_NOTE


def slug_words(text: str, n: int = 3) -> str:
    """The first n significant words of a title, as a slug."""
    return "-".join([w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP][:n])


def original_url(dossier_publisher: str) -> str:
    """The publisher's own address when the dossier names it beside a copy ("adsitepro (copy of BBC, bbc.com/...)")."""
    found = re.search(r"\b((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/[^\s,)]+)", dossier_publisher)
    return f"https://{found.group(1)}" if found else ""


class Build:
    """The curated tables made from the dossier and the decisions, and every problem found in the decisions."""

    def __init__(self, dossier: Path, decisions: dict[str, list[Row]]):
        self.dossier, self.decisions = dossier, decisions
        self.problems: list[Problem] = []
        seeds = [r for r in decisions["added_sources"] if r["kind"] == "seed"]
        if len(seeds) != 1:
            self.error("added_sources", None, "kind", "seed", f"needs exactly one seed row, has {len(seeds)}")
        self.seed_id = seeds[0]["source_id"] if seeds else ""
        archive = DATA / "documents" / (seeds[0]["archive"] if seeds else "")
        self.seed = archive.read_text(encoding="utf-8") if archive.is_file() else ""

    def error(self, table: str, row: Row | None, column: str, value: str, reason: str) -> None:
        self.problems.append(problem(table, row, column, value, reason))

    def read(self, name: str) -> list[dict[str, str]]:
        """One dossier CSV as a list of dicts of strings."""
        with open(self.dossier / name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def unused(self, table: str, column: str, used: set[str], reason: str) -> None:
        """An error for every decision whose cell in column names nothing the dossier or the build uses."""
        for row in self.decisions[table]:
            if row[column] and row[column] not in used:
                self.error(table, row, column, row[column], reason)

    def tables(self) -> dict[str, list[dict]]:
        """Every curated table by file name (check self.problems before writing them)."""
        sources, ids = self.sources()
        events, estimates = self.events(ids), self.estimates(ids, {s["source_id"] for s in sources})
        return {
            "sources.csv": sources,
            "events.csv": events,
            "estimates.csv": estimates,
            "claimants.csv": self.claimants(events, estimates),
            "locations.csv": self.locations(ids),
            "quotes.csv": self.quotes(),
            "briefing.csv": self.decisions["briefing"],
        }

    def sources(self) -> tuple[list[dict], dict[str, str]]:
        """One row per dossier address plus the added sources; returns rows and address -> id."""
        publishers = {r["dossier_publisher"]: r for r in self.decisions["publishers"]}
        dates = {r["url"]: r for r in self.decisions["source_dates"]}
        added = {r["dossier_address"]: r for r in self.decisions["added_sources"] if r["dossier_address"]}
        rows, ids, used = [], {}, set()
        dossier = self.read("sources.csv")
        for r in dossier:
            url, spec = r["url"], publishers.get(r["publisher"])
            if url in added:
                ids[url] = added[url]["source_id"]
                continue
            if spec is None:
                self.error("publishers", None, "dossier_publisher", r["publisher"], "dossier publisher has no row")
                continue
            date, precision, note = parse_published(r["published_date"], dates.get(url))
            undated = r["published_date"] == "unknown" and url not in dates
            stamp = "undated" if undated else date[:7] if precision == "month" else date
            base = f"{spec['id_stem']}-{stamp}-{slug_words(r['title_or_description'])}"
            sid, k = base, 2
            while sid in used:
                sid, k = f"{base}-{k}", k + 1
            used.add(sid)
            ids[url] = sid
            rows.append(
                dict(
                    source_id=sid,
                    publisher=spec["publisher"],
                    title=r["title_or_description"],
                    url=url,
                    published=date,
                    published_precision=precision,
                    kind=spec["kind"],
                    language=r["language"].split()[0],
                    via=spec["via"],
                    original_url=original_url(r["publisher"]) if spec["via"] else "",
                    dossier_publisher=r["publisher"],
                    note=" ".join(x for x in (note, spec["note"]) if x),
                )
            )
        rows += self.decisions["added_sources"]
        grades = {r["publisher"]: r for r in self.decisions["reliability"]}
        rows = [
            {**row, **{k: grades[row["publisher"]][k] for k in ("reliability", "party", "reliability_note")}}
            for row in rows
        ]
        urls = {r["url"] for r in dossier}
        self.unused("publishers", "dossier_publisher", {r["publisher"] for r in dossier}, "not in the dossier")
        self.unused("source_dates", "url", urls, "not an address of the dossier's sources.csv")
        self.unused("added_sources", "dossier_address", urls, "not an address of the dossier's sources.csv")
        self.unused("reliability", "publisher", {r["publisher"] for r in rows}, "graded, but no source has it")
        return sorted(rows, key=lambda s: (s["published"] or "9999", s["source_id"])), ids

    def events(self, ids: dict[str, str]) -> list[dict]:
        """One event per decision row, in the dossier's order, each with its dossier row's sources."""
        rows = []
        for d in self.read("events.csv"):
            specs = [s for s in self.decisions["events"] if s["dossier_id"] == d["id"]]
            if not specs:
                self.error("events", None, "dossier_id", d["id"], "dossier event has no decision row")
            for spec in specs:
                more = split(spec["extra_source_urls"])
                for url in more:
                    if url not in ids:
                        self.error("events", spec, "extra_source_urls", url, "not an address of the dossier")
                if spec["date_end_precision"] and not spec["date_end"]:
                    self.error("events", spec, "date_end_precision", spec["date_end_precision"], "needs date_end")
                rows.append(
                    {
                        **spec,
                        "title": spec["title"] or d["title"],
                        "summary": spec["summary"] or d["summary"],
                        "source_ids": ";".join(source_list(d["source_url"], ids) + [ids.get(u, "") for u in more]),
                        "dossier_date": d["date"],
                        "dossier_claimant": d["claimant"],
                        "dossier_confidence": d["confidence"],
                    }
                )
        dossier_ids = {r["dossier_id"] for r in rows}
        self.unused("events", "dossier_id", dossier_ids, "no such row in the dossier's events.csv")
        return sorted(rows, key=lambda e: (e["date"], e["dossier_id"]))

    def estimates(self, ids: dict[str, str], source_ids: set[str]) -> list[dict]:
        """One estimate per decision row: from its dossier row, or (no dossier_id) from the decision alone."""
        rows = []
        for spec in self.decisions["estimates"]:
            if not spec["dossier_id"] and spec["source_id"] not in source_ids:
                self.error("estimates", spec, "source_id", spec["source_id"], "without dossier_id: needs a source")
            elif spec["dossier_id"] and spec["source_id"]:
                self.error("estimates", spec, "source_id", spec["source_id"], "only without dossier_id")
            elif not spec["dossier_id"]:
                rows.append(estimate_row(spec, {}, [spec["source_id"]]))
        for d in self.read("estimates.csv"):
            specs = [s for s in self.decisions["estimates"] if s["dossier_id"] == d["id"]]
            if not specs:
                self.error("estimates", None, "dossier_id", d["id"], "dossier estimate has no decision row")
            for spec in specs:
                if re.fullmatch(r"\d{4}-\d{2}", d["date"]) and not spec["as_of"]:
                    self.error("estimates", spec, "as_of", "", f"the dossier's date {d['date']} is a month: give one")
                rows.append(estimate_row(spec, d, source_list(d["source_url"], ids)))
        dossier_ids = {r["dossier_id"] for r in rows}
        self.unused("estimates", "dossier_id", dossier_ids, "no such row in the dossier's estimates.csv")
        for row in rows:
            if row["stated_in_article"] == "yes" and not (row["low"] and f"{int(row['low']):,}" in self.seed):
                self.error("estimates", row, "stated_in_article", "yes", f"the article does not write {row['low']}")
        return sorted(rows, key=lambda e: (e["as_of"], e["estimate_id"]))

    def locations(self, ids: dict[str, str]) -> list[dict]:
        """Location rows with the dossier's coordinate sources resolved to source ids and the radius in the note."""
        coords = {r["name"]: r["coord_source"] for r in self.read("locations.csv")}
        self.unused("locations", "dossier_name", set(coords), "not a name in the dossier's locations.csv")
        rows = []
        for loc in self.decisions["locations"]:
            text = coords.get(loc["dossier_name"], "")
            found = [sid for url, sid in ids.items() if url.startswith("http") and url in text]
            radius, why = loc["radius_km"], loc["radius_reason"]
            if bool(radius) != (loc["precision"] != "exact"):
                self.error("locations", loc, "radius_km", radius, "exactly the places not exact have a radius")
            if bool(radius) != bool(why):
                self.error("locations", loc, "radius_reason", why, "a radius and its reason go together")
            note = f"{loc['note']} Radius {radius} km: {why}." if radius else loc["note"]
            rows.append({**loc, "note": note, "coord_source_ids": ";".join(found)})
        return rows

    def quotes(self) -> list[dict]:
        """Seed quotes, each checked to occur word for word in the archived seed."""
        for q in self.decisions["quotes"]:
            if q["text"] not in self.seed:
                self.error("quotes", q, "text", q["text"], "not found word for word in the seed article")
        return [{**q, "source_id": self.seed_id} for q in self.decisions["quotes"]]

    def claimants(self, events: list[dict], estimates: list[dict]) -> list[dict]:
        """The claimants table; a claimant no event or estimate names is an error (an unlisted one is, too)."""
        used = {c for e in events for c in split(e["claimants"])} | {e["claimant"] for e in estimates}
        self.unused("claimants", "claimant", used, "no event or estimate names this claimant")
        return self.decisions["claimants"]


def source_list(field: str, ids: dict[str, str]) -> list[str]:
    """Split a dossier multi-address field into source ids, main source first (a source in error is left out)."""
    return [ids[u.strip()] for u in field.split(" | ") if u.strip() in ids]


def estimate_row(spec: Row, d: dict[str, str], sources: list[str]) -> dict:
    """One curated estimate: the decision's values, where it leaves a cell empty the dossier row's."""
    return {
        **spec,
        **{k: spec[k] or d.get(k, "") for k in ("low", "high", "scope", "note")},
        "as_of": spec["as_of"] or d.get("date", ""),
        "source_id": sources[0] if sources else "",
        "other_source_ids": ";".join(sources[1:]),
        "dossier_claimant": d.get("claimant", ""),
        "dossier_confidence": d.get("confidence", ""),
    }


def write(folder: Path, name: str, rows: list[dict]) -> None:
    """Write one curated table as UTF-8 CSV with a header row."""
    columns = COLUMNS[name].split()
    with open(folder / name, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({c: row.get(c, "") for c in columns})


def main(dossier: Path = DEFAULT_DOSSIER, out: Path = DATA, curation: Path = HERE) -> int:
    """Rebuild every curated table into the output folder; 1 (nothing written) when a decision has an error."""
    decisions, problems = read_decisions(Path(curation))
    tables = {}
    if not any(p.is_error for p in problems):
        build = Build(Path(dossier), decisions)
        tables = build.tables()
        problems += build.problems
    for p in problems:
        print(p, file=sys.stderr)
    if any(p.is_error for p in problems):
        print(f"{sum(p.is_error for p in problems)} errors in the decision tables: nothing written", file=sys.stderr)
        return 1
    Path(out).mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        write(Path(out), name, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(*(Path(a) for a in sys.argv[1:4])))
