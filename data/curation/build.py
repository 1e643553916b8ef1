"""Rebuild data/*.csv from the fact dossier, the seed article and the curation maps beside this file.

Run from the project root:  .venv/bin/python data/curation/build.py [path/to/dossier] [output/folder]
The dossier defaults to ../shared/dossier beside the project and the output folder to data/. The committed
CSVs are the product; this script records how they were made and re-makes them
(tests/unit/test_curation_rebuild.py checks that a rebuild reproduces them byte for byte).
"""

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from briefing_steps import STEPS  # noqa: E402
from claimants import CLAIMANTS  # noqa: E402
from estimates_map import ESTIMATES  # noqa: E402
from events_map import EVENTS  # noqa: E402
from places import LOCATIONS, RADIUS_KM  # noqa: E402
from reliability import RELIABILITY  # noqa: E402
from seed_quotes import QUOTES  # noqa: E402
from sources_map import NOTES, PUBLISHERS  # noqa: E402

DATA = HERE.parent
DEFAULT_DOSSIER = DATA.parent.parent / "shared" / "dossier"
DOSSIER = DEFAULT_DOSSIER
OUT = DATA
SEED_ADDRESS = "seed:000_b6c21f25c97cd7e0.txt"
SEED_ID = "seed-article"
STOP = {
    "the",
    "a",
    "an",
    "of",
    "in",
    "to",
    "for",
    "and",
    "on",
    "with",
    "from",
    "by",
    "at",
    "is",
    "has",
    "have",
    "says",
    "say",
    "said",
    "its",
    "as",
    "be",
    "-",
    "s",
}

# A page with no publication date stays undated: no date is invented (it is hidden under an as-of date).
UNDATED = ""

# Sources whose dossier date is just "unknown": what can honestly be said instead.
UNKNOWN_DATES = {
    "https://www.alpha-news.org/article/les-forces-speciales-ukrainiennes-declarent-que-les-"
    "troupes-nord-coreennes-nont-pas-ete-vues": (
        "2025-01-31",
        "approx",
        "Undated re-post of the Reuters story of 31 Jan 2025; its 'Jan 24' dateline is judged an error.",
    ),
    "https://112.ua/en/britanska-rozvidka-nazvala-kilkist-ubitih-soldativ-kndr-na-kursini-52943": (
        "2025-01-01",
        "month",
        "Page shows no date; the UK MoD update it reports is placed in January 2025.",
    ),
}


def read(name: str) -> list[dict[str, str]]:
    """Read one dossier CSV as a list of dicts of strings."""
    with open(DOSSIER / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(name: str, columns: list[str], rows: list[dict]) -> None:
    """Write one curated table as UTF-8 CSV with a header row."""
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({c: row.get(c, "") for c in columns})


def parse_published(url: str, raw: str) -> tuple[str, str, str]:
    """Turn the dossier's published_date into (date, precision, note); never invent a day."""
    if url in UNKNOWN_DATES:
        return UNKNOWN_DATES[url]
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
    months = {"Jan": "01", "Feb": "02", "June": "06", "Nov": "11", "Dec": "12"}
    m = re.search(r"\((?:late )?(Jan|Feb|June|Nov|Dec) (\d{4})\)", raw)
    if m:
        return f"{m.group(2)}-{months[m.group(1)]}-01", "month", f"Dossier date: {raw}."
    return (
        UNDATED,
        "",
        (
            "Dossier date: unknown. A reference page with no publication date, read for coordinates "
            "while the dossier was compiled; left undated rather than given an invented date, so it "
            "is hidden while an as-of date is set. Cited by no event, estimate or quote."
        ),
    )


def slug_words(text: str, n: int = 3) -> str:
    """The first n significant words of a title, as a slug."""
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP]
    return "-".join(words[:n])


def original_url(dossier_publisher: str) -> str:
    """The publisher's own address when the dossier names it beside a copy ("adsitepro (copy of BBC, bbc.com/...)")."""
    found = re.search(r"\b((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/[^\s,)]+)", dossier_publisher)
    return f"https://{found.group(1)}" if found else ""


def build_sources() -> tuple[list[dict], dict[str, str]]:
    """One row per dossier address plus the seed article; returns rows and url -> id."""
    rows, ids, used = [], {}, set()
    for r in read("sources.csv"):
        url = r["url"]
        if url == SEED_ADDRESS:
            ids[url] = SEED_ID
            continue
        publisher, via, kind, stem = PUBLISHERS[r["publisher"]]
        date, precision, note = parse_published(url, r["published_date"])
        undated = r["published_date"] == "unknown" and url not in UNKNOWN_DATES
        stamp = "undated" if undated else date[:7] if precision == "month" else date
        base = f"{stem}-{stamp}-{slug_words(r['title_or_description'])}"
        sid, k = base, 2
        while sid in used:
            sid, k = f"{base}-{k}", k + 1
        used.add(sid)
        ids[url] = sid
        extra = NOTES.get(r["publisher"], "")
        rows.append(
            dict(
                source_id=sid,
                publisher=publisher,
                title=r["title_or_description"],
                url=url,
                published=date,
                published_precision=precision,
                kind=kind,
                language=r["language"].split()[0],
                archive="",
                via=via,
                original_url=original_url(r["publisher"]) if via else "",
                dossier_publisher=r["publisher"],
                note=" ".join(x for x in (note, extra) if x),
            )
        )
    rows.append(
        dict(
            source_id=SEED_ID,
            publisher="Unknown (unsigned, undated article)",
            title="North Korean Troops Withdraw from Russian Frontlines Amid Heavy Losses",
            url="",
            published="2025-02-01",
            published_precision="approx",
            kind="seed",
            language="en",
            archive="seed-article.txt",
            via="",
            original_url="",
            dossier_publisher="Seed article",
            note="Undated; its content matches the CNN report of 31 Jan - 1 Feb 2025 relayed by "
            "ANI/LatestLY and TVC News, so it is dated about 1 Feb 2025.",
        )
    )
    for row in rows:
        row["reliability"], row["party"], row["reliability_note"] = RELIABILITY[row["publisher"]]
    unused = set(RELIABILITY) - {row["publisher"] for row in rows}
    assert not unused, f"graded but unused publishers: {sorted(unused)}"
    rows.sort(key=lambda s: (s["published"] or "9999", s["source_id"]))
    return rows, ids


def source_list(field: str, ids: dict[str, str]) -> list[str]:
    """Split a dossier multi-address field into source ids, main source first."""
    return [ids[u.strip()] for u in field.split(" | ") if u.strip()]


def event_row(d: dict[str, str], spec: dict, ids: dict[str, str]) -> dict:
    """One curated event from a dossier row and its curation spec."""
    return dict(
        event_id=spec["id"],
        date=spec["date"],
        date_precision=spec.get("prec", "day"),
        date_end=spec.get("end", ""),
        date_end_precision=spec.get("end_prec", "day") if spec.get("end") else "",
        title=spec.get("title") or d["title"],
        summary=spec.get("summary") or d["summary"],
        category=spec["cat"],
        actors=spec["actors"],
        location_ids=spec["locs"],
        claimants=spec["claimants"],
        source_ids=";".join(source_list(d["source_url"], ids) + [ids[u] for u in spec.get("more_sources", [])]),
        confidence=spec["conf"],
        note=spec.get("note", ""),
        doubtful=spec.get("doubtful", ""),
        dossier_id=d["id"],
        dossier_date=d["date"],
        dossier_claimant=d["claimant"],
        dossier_confidence=d["confidence"],
    )


def build_events(ids: dict[str, str]) -> list[dict]:
    """All dossier events, curated, plus the rows split off them."""
    rows = []
    for d in read("events.csv"):
        spec = EVENTS[d["id"]]
        rows.append(event_row(d, spec, ids))
        for extra in spec.get("split", []):
            rows.append(event_row(d, {**spec, "title": None, "summary": None, **extra}, ids))
    return sorted(rows, key=lambda e: (e["date"], e["dossier_id"]))


def estimate_row(d: dict[str, str], spec: dict, ids: dict[str, str]) -> dict:
    """One curated estimate from a dossier row and its curation spec."""
    srcs = source_list(d["source_url"], ids)
    month_only = re.fullmatch(r"\d{4}-\d{2}", d["date"]) is not None
    assert not month_only or "as_of" in spec, d["id"]
    return dict(
        estimate_id=spec["id"],
        as_of=spec.get("as_of", d["date"]),
        as_of_precision=spec.get("as_of_prec", "day"),
        claimant=spec["claimant"],
        force=spec.get("force", "dprk"),
        metric=spec["metric"],
        low=spec.get("low", d["low"]),
        high=spec.get("high", d["high"]),
        role=spec.get("role", "combat"),
        scope=spec.get("scope", d["scope"]),
        source_id=srcs[0],
        confidence=spec["conf"],
        note=spec.get("note", d["note"]),
        doubtful=spec.get("doubtful", ""),
        stated_in_article=spec.get("stated", "no"),
        other_source_ids=";".join(srcs[1:]),
        dossier_id=d["id"],
        dossier_claimant=d["claimant"],
        dossier_confidence=d["confidence"],
    )


SEED_ESTIMATE = dict(
    estimate_id="seed-davos-one-third-lost",
    as_of="2025-01-21",
    as_of_precision="day",
    claimant="Ukraine President",
    force="dprk",
    metric="killed_or_wounded",
    low="",
    high="",
    role="combat",
    scope="The North Korean contingent in Kursk",
    source_id=SEED_ID,
    confidence="claimed",
    doubtful="",
    stated_in_article="no",
    other_source_ids="",
    dossier_id="",
    dossier_claimant="",
    dossier_confidence="",
    note="The article reports Zelensky at Davos saying one-third of the contingent was lost: a "
    "fraction with no number, so it is listed but not charted. Compare "
    "zelensky-2025-01-21-davos-4000.",
)


def check_stated(rows: list[dict], seed: str) -> None:
    """An estimate marked stated in the article has a number, and the article writes that number."""
    for row in rows:
        if row["stated_in_article"] == "yes":
            assert row["low"] and f"{int(row['low']):,}" in seed, row["estimate_id"]


def build_estimates(ids: dict[str, str]) -> list[dict]:
    """All dossier estimates, curated, plus split rows and the seed article's fraction."""
    rows = [SEED_ESTIMATE]
    for d in read("estimates.csv"):
        spec = ESTIMATES[d["id"]]
        rows.append(estimate_row(d, spec, ids))
        for extra in spec.get("split", []):
            rows.append(estimate_row(d, {**spec, "force": "dprk", "role": "combat", "scope": d["scope"], **extra}, ids))
    return sorted(rows, key=lambda e: (e["as_of"], e["estimate_id"]))


def build_locations(ids: dict[str, str]) -> list[dict]:
    """Location rows with coordinate sources resolved to source ids."""
    coords = {r["name"]: r["coord_source"] for r in read("locations.csv")}
    rows = []
    for loc in LOCATIONS:
        text = coords.get(loc.get("dossier", ""), "")
        found = [sid for url, sid in ids.items() if url.startswith("http") and url in text]
        radius, why = RADIUS_KM.get(loc["location_id"], ("", ""))
        assert bool(radius) == (loc["precision"] != "exact"), loc["location_id"]
        note = f"{loc['note']} Radius {radius} km: {why}." if radius else loc["note"]
        rows.append({**loc, "note": note, "radius_km": radius, "coord_source_ids": ";".join(found)})
    assert set(RADIUS_KM) <= {loc["location_id"] for loc in LOCATIONS}
    return rows


def build_quotes(seed: str) -> list[dict]:
    """Seed quotes, each checked to occur word for word in the archived seed."""
    for q in QUOTES:
        assert q["text"] in seed, q["quote_id"]
    return [{**q, "source_id": SEED_ID} for q in QUOTES]


def build_claimants(events: list[dict], estimates: list[dict]) -> list[dict]:
    """The claimants table, checked to list exactly the claimants the events and estimates name."""
    used = {c.strip() for e in events for c in e["claimants"].split(";") if c.strip()}
    used |= {e["claimant"] for e in estimates}
    listed = [c["claimant"] for c in CLAIMANTS]
    assert len(listed) == len(set(listed)), "a claimant is listed twice"
    assert used == set(listed), f"unlisted: {sorted(used - set(listed))}; unused: {sorted(set(listed) - used)}"
    return CLAIMANTS


def main(dossier: Path = DEFAULT_DOSSIER, out: Path = DATA) -> None:
    """Rebuild every curated table from the dossier folder into the output folder."""
    global DOSSIER, OUT
    DOSSIER, OUT = Path(dossier), Path(out)
    OUT.mkdir(parents=True, exist_ok=True)
    seed = (DATA / "documents" / "seed-article.txt").read_text(encoding="utf-8")
    sources, ids = build_sources()
    write(
        "sources.csv",
        [
            "source_id",
            "publisher",
            "title",
            "url",
            "published",
            "published_precision",
            "kind",
            "language",
            "archive",
            "via",
            "original_url",
            "party",
            "reliability",
            "reliability_note",
            "dossier_publisher",
            "note",
        ],
        sources,
    )
    events, estimates = build_events(ids), build_estimates(ids)
    check_stated(estimates, seed)
    write(
        "events.csv",
        [
            "event_id",
            "date",
            "date_precision",
            "date_end",
            "date_end_precision",
            "title",
            "summary",
            "category",
            "actors",
            "location_ids",
            "claimants",
            "source_ids",
            "confidence",
            "note",
            "doubtful",
            "dossier_id",
            "dossier_date",
            "dossier_claimant",
            "dossier_confidence",
        ],
        events,
    )
    write(
        "estimates.csv",
        [
            "estimate_id",
            "as_of",
            "as_of_precision",
            "claimant",
            "force",
            "metric",
            "low",
            "high",
            "role",
            "scope",
            "source_id",
            "confidence",
            "note",
            "doubtful",
            "stated_in_article",
            "other_source_ids",
            "dossier_id",
            "dossier_claimant",
            "dossier_confidence",
        ],
        estimates,
    )
    write("claimants.csv", ["claimant", "family", "party", "note"], build_claimants(events, estimates))
    write(
        "locations.csv",
        [
            "location_id",
            "name",
            "alt_names",
            "lat",
            "lon",
            "admin",
            "precision",
            "radius_km",
            "note",
            "coord_source_ids",
        ],
        build_locations(ids),
    )
    write(
        "quotes.csv",
        ["quote_id", "source_id", "text", "kind", "speaker", "event_id", "estimate_id", "location_id", "note"],
        build_quotes(seed),
    )
    write("briefing.csv", ["step", "title", "talking_points", "view"], STEPS)


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DOSSIER,
        Path(sys.argv[2]) if len(sys.argv) > 2 else DATA,
    )
