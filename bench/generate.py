"""Synthetic briefing tables that follow the data contract, at any number of events, from a fixed seed.

`python -m bench.generate [--sizes 1000 10000 100000] [--out bench/work]` writes one folder per size
(`bench/work/<size>/`): sources, events, estimates and locations in proportion, quotes on most events, the
archived documents those quotes occur in word for word, a copy of `data/geo/` and a small valid briefing.
Everything is drawn with numpy from one seeded generator, so a size always gives the same bytes.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd

from components.data.schema import CATEGORIES, CONFIDENCES, FORCES, METRICS, ROLES

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
GEO = ROOT / "data" / "geo"
SEED = 20241106
SIZES = (1_000, 10_000, 100_000)
FIRST_DAY = np.datetime64("2024-06-01")
DAYS = 600
MAX_LOCATIONS = 2_000
BOX = {"lon": (32.0, 39.0), "lat": (49.5, 53.5)}
ELSEWHERE = (  # places outside the map's area, as the real tables have them
    ("Pyongyang", 39.0392, 125.7625, "North Korea", "exact"),
    ("Moscow", 55.7558, 37.6173, "Moscow", "exact"),
    ("Vladivostok", 43.1155, 131.8855, "Primorsky Krai", "exact"),
    ("Seoul", 37.5665, 126.9780, "South Korea", "exact"),
    ("Davos", 46.8003, 9.8360, "Switzerland", "exact"),
    ("Kursk Oblast", 51.6, 36.0, "Kursk Oblast", "area"),
)
ROOTS = ("Sudzh", "Korenev", "Plekhov", "Glushk", "Tetkin", "Gornal", "Martyn", "Guev", "Makhnov", "Darin")
ROOTS += ("Oleshn", "Vorobzh", "Kuril", "Lokn", "Snagost", "Zhuravl", "Obukhov", "Sverdlik", "Kamyshn", "Pogreb")
PREFIXES = ("", "", "Novo", "Staro", "Malaya ", "Bolshaya ", "Verkhnyaya ", "Nizhnyaya ", "Krasno", "Belo")
SUFFIXES = ("a", "o", "ovka", "ino", "evo", "ka", "oye", "ovo")
ADMINS = ("Sudzhansky District", "Korenevsky District", "Glushkovsky District", "Rylsky District", "Belgorod Oblast")
CLAIMANTS = ("South Korea NIS", "Ukraine SSO", "Ukraine GUR", "Russia MoD", "US DoD", "Zelensky", "ISW", "KCNA")
ACTORS = ("DPRK", "Russia", "Ukraine", "DPRK;Russia", "Russia;Ukraine", "DPRK;Russia;Ukraine")
PUBLISHERS = ("BBC", "Yonhap", "Reuters", "Kyiv Independent", "TASS", "NK News", "Meduza", "AP", "KBS", "ISW")
GAZETTEER = "src-000001"  # the synthetic source the exact places' coordinates are read on
SPEAKERS = ("Col. Oleksandr Kindratenko", "an NIS official", "a Pentagon spokesperson", "a Russian MoD spokesman")
SCOPES = ("Kursk, cumulative since deployment", "In Russia, total", "Kursk front, last month", "Planned total")
TITLES = {
    "diplomacy": "Talks on military cooperation reported involving {place}",
    "deployment": "Troops reported moving through {place}",
    "combat": "Fighting reported near {place}",
    "casualties": "Losses reported after fighting near {place}",
    "statement": "Officials comment on the situation at {place}",
    "territory": "Control of {place} claimed",
    "acknowledgement": "Presence of troops near {place} acknowledged",
    "other": "Other development reported at {place}",
}
VERBS = ("were seen moving toward", "took positions near", "attacked positions around", "withdrew from")
UNITS = ("the assault units", "the special forces", "the engineers", "the artillery crews", "the new arrivals")


def counts(n_events: int) -> dict[str, int]:
    """How many rows each table gets for a number of events (the real tables' proportions)."""
    return {
        "sources": max(30, n_events // 10),
        "archived": max(6, n_events // 50),
        "locations": min(MAX_LOCATIONS, max(60, n_events // 5)),
        "estimates": max(40, n_events // 5),
    }


def dates(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """n dates over the deployment period, and their precisions; a month date is the month's first day."""
    days = FIRST_DAY + rng.integers(0, DAYS, n).astype("timedelta64[D]")
    precision = rng.choice(np.array(["day", "week", "month", "approx"]), n, p=[0.7, 0.1, 0.1, 0.1])
    month = precision == "month"
    days[month] = days[month].astype("datetime64[M]").astype("datetime64[D]")
    return days, precision


def iso(days: np.ndarray) -> np.ndarray:
    """datetime64[D] values as YYYY-MM-DD strings (NaT as empty strings)."""
    text = np.datetime_as_string(days, unit="D")
    return np.where(np.isnat(days), "", text)


def place_names(rng: np.random.Generator, n: int) -> list[str]:
    """n plausible village names built from Kursk-area roots."""
    prefix = rng.choice(np.array(PREFIXES), n)
    root = rng.choice(np.array(ROOTS), n)
    suffix = rng.choice(np.array(SUFFIXES), n)
    return [
        f"{p}{r.lower() if p and not p.endswith(' ') else r}{s}" for p, r, s in zip(prefix, root, suffix, strict=True)
    ]


def make_locations(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """n places: a few far away or region-wide, the rest inside the Kursk map box."""
    inside = n - len(ELSEWHERE)
    names = [row[0] for row in ELSEWHERE] + place_names(rng, inside)
    lat = np.concatenate([[row[1] for row in ELSEWHERE], rng.uniform(*BOX["lat"], inside)])
    lon = np.concatenate([[row[2] for row in ELSEWHERE], rng.uniform(*BOX["lon"], inside)])
    precision = rng.choice(np.array(["exact", "approximate", "area"]), inside, p=[0.6, 0.3, 0.1])
    admin = rng.choice(np.array(ADMINS), inside)
    return pd.DataFrame(
        {
            "location_id": [f"loc-{i:05d}" for i in range(n)],
            "name": names,
            "alt_names": [""] * len(ELSEWHERE) + [f"{name[:-1]}e" for name in names[len(ELSEWHERE) :]],
            "lat": np.round(lat, 4),
            "lon": np.round(lon, 4),
            "admin": [row[3] for row in ELSEWHERE] + list(admin),
            "precision": [row[4] for row in ELSEWHERE] + list(precision),
        }
    ).pipe(with_extents)


def with_extents(places: pd.DataFrame) -> pd.DataFrame:
    """As the contract asks: a radius for approximate and area places, a coordinate source for exact ones."""
    radius = places["precision"].map({"approximate": "2", "area": "10"}).fillna("")
    exact = places["precision"] == "exact"
    return places.assign(radius_km=radius, coord_source_ids=np.where(exact, GAZETTEER, ""))


def make_sources(rng: np.random.Generator, n: int, archived: int) -> pd.DataFrame:
    """n sources; the first is the seed document and the first `archived` have a full text under documents/."""
    ids = np.array(["seed-article"] + [f"src-{i:06d}" for i in range(1, n)])
    published, precision = dates(rng, n)
    precision[precision == "week"] = "day"
    kinds = rng.choice(np.array(["news", "official", "analysis", "social"]), n, p=[0.6, 0.2, 0.15, 0.05])
    kinds[0] = "seed"
    urls = np.char.add("https://news.example.org/kursk/", ids)
    urls[0] = ""
    archive = np.where(np.arange(n) < archived, np.char.add(ids, ".txt"), "")
    return pd.DataFrame(
        {
            "source_id": ids,
            "publisher": rng.choice(np.array(PUBLISHERS), n),
            "title": [f"Report {i} on North Korean troops in Kursk" for i in range(n)],
            "url": urls,
            "published": iso(published),
            "published_precision": np.where(precision == "approx", "approx", precision),
            "kind": kinds,
            "language": rng.choice(np.array(["en", "ko", "uk", "ru"]), n),
            "archive": archive,
            "via": "",
        }
    )


def pick_lists(rng: np.random.Generator, pool: np.ndarray, n: int, most: int, first: np.ndarray | None) -> list[str]:
    """n `;`-joined lists of 1..most distinct items from pool; `first` fixes each list's first item."""
    size = rng.integers(1, most + 1, n)
    drawn = pool[rng.integers(0, len(pool), (n, most))]
    if first is not None:
        drawn[:, 0] = first
    return [";".join(dict.fromkeys(row[:k])) for row, k in zip(drawn.tolist(), size.tolist(), strict=True)]


def place_weights(n: int) -> np.ndarray:
    """A long-tailed share of events per place: a few towns see most of the fighting."""
    weights = 1.0 / (np.arange(n) + 10.0)
    return weights / weights.sum()


def event_places(rng: np.random.Generator, n: int, locations: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each event's `;`-joined location ids (most one place, some two, a few none) and its first place's name."""
    ids = locations["location_id"].to_numpy()
    place = rng.choice(len(locations), n, p=place_weights(len(locations)))
    second = ids[rng.integers(0, len(ids), n)]
    two = rng.random(n) < 0.05
    has_place = rng.random(n) < 0.92
    joined = np.where(two, np.char.add(np.char.add(ids[place], ";"), second), ids[place])
    names = np.where(has_place, locations["name"].to_numpy()[place], "the region")
    return np.where(has_place, joined, ""), names


def make_events(
    rng: np.random.Generator, n: int, locations: pd.DataFrame, sources: pd.DataFrame, quoted_source: np.ndarray
) -> pd.DataFrame:
    """n events; a quoted event's first source is the archived source its quote comes from."""
    start, precision = dates(rng, n)
    span = rng.random(n) < 0.1
    end = np.where(span, start + rng.integers(1, 90, n).astype("timedelta64[D]"), np.datetime64("NaT"))
    category = rng.choice(np.array(CATEGORIES), n)
    location_ids, names = event_places(rng, n, locations)
    any_source = sources["source_id"].to_numpy()[rng.integers(0, len(sources), n)]
    first = np.where(quoted_source != "", quoted_source, any_source)
    claimants = pick_lists(rng, np.array(CLAIMANTS), n, 2, None)
    return pd.DataFrame(
        {
            "event_id": [f"ev-{i:07d}" for i in range(n)],
            "date": iso(start),
            "date_end": iso(end.astype("datetime64[D]")),
            "date_precision": precision,
            "date_end_precision": np.where(span, "day", ""),
            "title": [TITLES[c].format(place=p) for c, p in zip(category, names, strict=True)],
            "summary": [summary(c, p, d) for c, p, d in zip(claimants, names, iso(start), strict=True)],
            "category": category,
            "actors": rng.choice(np.array(ACTORS), n),
            "location_ids": location_ids,
            "claimants": claimants,
            "source_ids": pick_lists(rng, sources["source_id"].to_numpy(), n, 3, first),
            "confidence": rng.choice(np.array(CONFIDENCES), n, p=[0.3, 0.35, 0.25, 0.1]),
        }
    ).pipe(corroborated)


def corroborated(events: pd.DataFrame) -> pd.DataFrame:
    """`confirmed` only where two or more sources report it, as the contract defines the label."""
    single = events["source_ids"].str.count(";") == 0
    return events.assign(
        confidence=events["confidence"].where(~single | (events["confidence"] != "confirmed"), "reported")
    )


def summary(claimants: str, place: str, date: str) -> str:
    """One or two sentences in our own words, as a curator would write them."""
    who = claimants.split(";")[0]
    return f"{who} said units were active near {place} around {date}. The account has not been independently verified."


def make_estimates(rng: np.random.Generator, n: int, sources: pd.DataFrame, archived: np.ndarray) -> pd.DataFrame:
    """n estimates: points, ranges, open-ended claims and a few claims without a number."""
    as_of, precision = dates(rng, n)
    shape = rng.choice(np.array(["point", "range", "open", "none"]), n, p=[0.5, 0.35, 0.1, 0.05])
    low = (rng.integers(1, 150, n) * 100).astype(object)
    high = (low + rng.integers(0, 50, n) * 100).astype(object)
    high = np.where(shape == "point", low, high)
    high = np.where(np.isin(shape, ["open", "none"]), "", high)
    low = np.where(shape == "none", "", low)
    note = np.where(shape == "none", "The claimant spoke of about half of the unit without giving a number.", "")
    quoted = rng.random(n) < 0.1
    any_source = sources["source_id"].to_numpy()[rng.integers(0, len(sources), n)]
    source = np.where(quoted, rng.choice(archived, n), any_source)
    confidence = rng.choice(np.array(CONFIDENCES), n)
    second_source = np.where(source == GAZETTEER, "seed-article", GAZETTEER)  # confirmed needs a second source
    return pd.DataFrame(
        {
            "estimate_id": [f"est-{i:06d}" for i in range(n)],
            "as_of": iso(as_of),
            "as_of_precision": np.where(precision == "week", "day", precision),
            "claimant": rng.choice(np.array(CLAIMANTS), n),
            "force": rng.choice(np.array(FORCES), n, p=[0.6, 0.25, 0.15]),
            "metric": rng.choice(np.array(METRICS), n),
            "low": low,
            "high": high,
            "role": rng.choice(np.array(ROLES), n, p=[0.8, 0.12, 0.08]),
            "scope": rng.choice(np.array(SCOPES), n),
            "source_id": source,
            "confidence": confidence,
            "note": note,
            "other_source_ids": np.where(confidence == "confirmed", second_source, ""),
        }
    ).assign(_quoted=quoted)


def quote_texts(rng: np.random.Generator, places: np.ndarray, dates_: np.ndarray) -> list[str]:
    """Verbatim-looking sentences, one per row; the archived documents are built around them."""
    unit = rng.choice(np.array(UNITS), len(places))
    verb = rng.choice(np.array(VERBS), len(places))
    return [
        f"We saw that {u} {v} {p} on {d}, and we counted them ourselves."
        for u, v, p, d in zip(unit, verb, places, dates_, strict=True)
    ]


def make_quotes(
    rng: np.random.Generator, events: pd.DataFrame, estimates: pd.DataFrame, locations: pd.DataFrame, quoted: np.ndarray
) -> pd.DataFrame:
    """Quotes on the quoted events, on the quoted estimates, and on a few places."""
    place_of = dict(zip(locations["location_id"], locations["name"], strict=True))
    ev = events[quoted]
    ev_places = np.array([place_of.get(ids.split(";")[0], "the region") for ids in ev["location_ids"]])
    est = estimates[estimates["_quoted"]]
    first_source = ev["source_ids"].str.split(";").str[0]
    frames = [
        pd.DataFrame({"source_id": first_source, "event_id": ev["event_id"], "p": ev_places, "d": ev["date"]}),
        pd.DataFrame(
            {"source_id": est["source_id"], "estimate_id": est["estimate_id"], "p": "Kursk", "d": est["as_of"]}
        ),
    ]
    quotes = pd.concat(frames, ignore_index=True).fillna("")
    quotes["text"] = quote_texts(rng, quotes.pop("p").to_numpy(), quotes.pop("d").to_numpy())
    quotes["speaker"] = rng.choice(np.array(SPEAKERS), len(quotes))
    quotes["location_id"] = ""
    quotes.insert(0, "quote_id", [f"q-{i:07d}" for i in range(len(quotes))])
    quotes["kind"] = "quoted"  # synthetic archived texts report each speaker's own words
    return quotes[["quote_id", "source_id", "text", "kind", "speaker", "event_id", "estimate_id", "location_id"]]


def make_documents(sources: pd.DataFrame, quotes: pd.DataFrame) -> dict[str, str]:
    """The full text of every archived source, with each of its quotes inside a paragraph of its own."""
    paragraphs = "Reporters in the region described the situation. " + quotes["text"] + " The ministry did not comment."
    by_source = paragraphs.groupby(quotes["source_id"]).agg("\n\n".join)
    archived = sources[sources["archive"] != ""]
    return {
        archive: f"{title}\n\n{by_source.get(source_id, 'No statements were quoted in this report.')}\n"
        for source_id, archive, title in zip(archived["source_id"], archived["archive"], archived["title"], strict=True)
    }


def make_briefing(locations: pd.DataFrame) -> pd.DataFrame:
    """A five-step storyline whose views are valid share links on these tables."""
    place = locations["location_id"].iloc[len(ELSEWHERE)]
    return pd.DataFrame(
        {
            "step": [1, 2, 3, 4, 5],
            "title": ["What we know", "How it unfolded", "How many", "Where", "Where it comes from"],
            "talking_points": ["Start with the sources.", "", "Claimants disagree.", "", ""],
            "view": [
                "page=overview",
                "page=timeline&cat=combat",
                "page=forces&force=dprk&metric=losses",
                f"page=map&place={place}",
                "page=sources",
            ],
        }
    )


def build(n_events: int, seed: int = SEED) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """All tables and documents for n events, from one seeded generator."""
    rng = np.random.default_rng(seed)
    size = counts(n_events)
    locations = make_locations(rng, size["locations"])
    sources = make_sources(rng, size["sources"], size["archived"])
    archived = sources["source_id"].to_numpy()[: size["archived"]]
    quoted = rng.random(n_events) < 0.7
    quoted_source = np.where(quoted, rng.choice(archived, n_events), "")
    events = make_events(rng, n_events, locations, sources, quoted_source)
    estimates = make_estimates(rng, size["estimates"], sources, archived)
    quotes = make_quotes(rng, events, estimates, locations, quoted)
    tables = {
        "sources": sources,
        "events": events,
        "estimates": estimates.drop(columns="_quoted"),
        "locations": locations,
        "quotes": quotes,
        "briefing": make_briefing(locations),
    }
    return tables, make_documents(sources, quotes)


def write_folder(folder: Path, tables: dict[str, pd.DataFrame], documents: dict[str, str]) -> None:
    """Write the tables as CSV, the documents, and a copy of the project's geo layer."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "documents").mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    for name, text in documents.items():
        (folder / "documents" / name).write_text(text, encoding="utf-8")
    shutil.copytree(GEO, folder / "geo")


def generate(n_events: int, out: Path = WORK, seed: int = SEED) -> Path:
    """Generate the folder for n events under out/<n>/ and return its path."""
    folder = out / str(n_events)
    tables, documents = build(n_events, seed)
    write_folder(folder, tables, documents)
    return folder


def main(argv: list[str] | None = None) -> int:
    """Command line: generate one folder per size and say how long each took."""
    parser = argparse.ArgumentParser(description="Generate synthetic briefing tables for the benchmark.")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="numbers of events")
    parser.add_argument("--out", type=Path, default=WORK, help="parent folder (default bench/work)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for n_events in args.sizes:
        started = time.perf_counter()
        folder = generate(n_events, args.out, args.seed)
        megabytes = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1_048_576
        print(f"{n_events:>7} events -> {folder} ({megabytes:.1f} MB) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
