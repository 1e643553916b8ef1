"""The sources ledger: every source with its date as precisely as it is known, and what it supports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from components.data.dataset import Dataset, Problem
from components.present.grades import grade_label
from components.present.labels import column, date_label

MAX_IDS = 5
PROBLEM_COLUMNS = ["severity", "file", "row", "column", "value", "reason"]
SEVERITY_WORDS = {"error": "error: row left out", "warning": "warning: row kept"}
# Every viewer sees the problems table; a briefing.csv value may be the presenter's talking points (a bad
# row's overflow, a notes cell), so only its step and view values are shown there (validate's CLI shows all).
BRIEFING_FILE = "briefing.csv"
BRIEFING_SHOWN = ("step", "view")
HIDDEN_VALUE = "(not shown: briefing notes are for the presenter)"


def http_link(url: object) -> str | None:
    """The url when it is an http(s) address, else None: only such links are ever offered."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


@dataclass(frozen=True)
class SourceRef:
    """A source as cited under a claim: publisher, date, title, a safe link ('' if none) and its grade label
    ("B (usually reliable)"; empty for an id missing from the table)."""

    source_id: str
    publisher: str
    date: str
    title: str
    url: str
    grade: str = ""


def source_refs(sources: pd.DataFrame, source_ids: Iterable[str]) -> dict[str, SourceRef]:
    """Citations of the given source ids, in the order first given (an id missing from the table cites itself)."""
    wanted = [s for s in dict.fromkeys(source_ids) if s]
    chosen = sources[sources["source_id"].isin(wanted)].drop_duplicates("source_id")
    columns = (chosen["publisher"], chosen["published"], column(chosen, "published_precision", "day"))
    columns += (column(chosen, "title", ""), column(chosen, "url", ""), column(chosen, "reliability", ""))
    refs = {
        sid: SourceRef(sid, publisher, date_label(published, p or "day"), title, http_link(url) or "", grade_label(g))
        for sid, publisher, published, p, title, url, g in zip(chosen["source_id"], *columns, strict=True)
    }
    return {sid: refs.get(sid, SourceRef(sid, sid, "", "", "")) for sid in wanted}


def supported(ids: pd.Series, by_source: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Per source: how many rows cite it, and the first few of their ids."""
    pairs = pd.DataFrame({"source_id": by_source.to_numpy(), "id": ids.to_numpy()})
    groups = pairs.groupby("source_id", sort=False)["id"]
    counts = groups.size()
    first = groups.head(MAX_IDS).groupby(pairs["source_id"]).agg(", ".join)
    more = (counts > MAX_IDS).map({True: ", ...", False: ""})
    return counts, first + more.reindex(first.index, fill_value="")


def ledger(ds: Dataset) -> pd.DataFrame:
    """One row per source: publisher, title, date with precision, kind, link, via, and what it supports."""
    sources = ds.sources
    events = ds.events[["event_id", "source_ids"]].explode("source_ids").dropna()
    cited = {
        "events": supported(events["event_id"], events["source_ids"]),
        "estimates": supported(ds.estimates["estimate_id"], ds.estimates["source_id"]),
        "quotes": supported(ds.quotes["quote_id"], ds.quotes["source_id"]),
    }
    table = pd.DataFrame(
        {
            "publisher": sources["publisher"],
            "published": [
                date_label(d, p) for d, p in zip(sources["published"], sources["published_precision"], strict=True)
            ],
            "grade": sources.get("reliability", pd.Series("", index=sources.index)).map(grade_label),
            "kind": sources["kind"],
            "link": sources["url"].map(http_link),
            "via": sources["via"],
            "title": sources["title"],
        }
    )
    for name, (counts, first) in cited.items():
        table[name] = sources["source_id"].map(counts).fillna(0).astype(int).to_numpy()
        table[f"{name} (ids)"] = sources["source_id"].map(first).astype(object).fillna("").to_numpy()
    table["source"] = sources["source_id"].to_numpy()
    return table.reset_index(drop=True)


def shown_value(problem: Problem) -> str:
    """The problem's value as every viewer may see it: briefing.csv's notes are withheld."""
    if problem.file == BRIEFING_FILE and problem.column not in BRIEFING_SHOWN and problem.value:
        return HIDDEN_VALUE
    return problem.value


def problems_table(problems: tuple[Problem, ...] | list[Problem]) -> pd.DataFrame:
    """Every problem as a row a curator can act on: file, spreadsheet row, column, value, reason."""
    rows = [(SEVERITY_WORDS[p.severity], p.file, p.row, p.column or "", shown_value(p), p.reason) for p in problems]
    table = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    return table.astype({"row": "Int64"})
