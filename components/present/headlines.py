"""The overview's figures and key quotes: always attributed, never merged into one number.

Every claimant's figures in one picture per question: a row per claimant grouped by family, the latest range
as a bar, earlier claims as faint marks, doubtful claims last and labelled; nothing summed or averaged.
Data strings are escaped before they reach plotly, whose labels are pseudo-HTML.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.data.dataset import Dataset
from components.data.schema import FAMILIES, FORCES, LOSS_METRICS, SIZE_METRICS, UNLISTED_FAMILY
from components.present.grades import NOT_GRADED
from components.present.labels import clip, column, date_label, date_labels, quote_credit
from components.present.ledger import SourceRef, source_refs
from components.present.palette import FALLBACK_COLOR, series_colors
from components.state.filters import Filters

FORCE_WORDS = {"dprk": "North Korean", "russia": "Russian", "ukraine": "Ukrainian"}
GROUPS = (("size", SIZE_METRICS, "troops"), ("losses", LOSS_METRICS, "losses"))
MAX_KEY_QUOTES = 6


@dataclass(frozen=True)
class Figure:
    """One claimant's figure as stated: range, metric, date, source and how far it is trusted."""

    estimate_id: str
    claimant: str
    stated: str
    metric: str
    role: str
    date: str
    scope: str
    source: str
    confidence: str
    doubtful: bool
    note: str


@dataclass(frozen=True)
class Headline:
    """A group of figures about one thing (e.g. North Korean losses), newest claim per claimant and metric."""

    title: str
    force: str
    group: str
    figures: tuple[Figure, ...]

    @property
    def claimants(self) -> tuple[str, ...]:
        """The distinct claimants, in the order their figures are shown."""
        return tuple(dict.fromkeys(f.claimant for f in self.figures))

    @property
    def disputed(self) -> bool:
        """True when more than one claimant gives a figure: the reader must see them side by side."""
        return len(self.claimants) > 1


def stated_range(low: object, high: object) -> str:
    """The figure as its claimant stated it: '3,000', '300–1,000', or open-ended '≥3,000'."""
    if pd.isna(low):
        return "no number"
    if pd.isna(high):
        return f"≥{int(low):,}"
    return f"{int(low):,}" if int(low) == int(high) else f"{int(low):,}–{int(high):,}"


def publishers(sources: pd.DataFrame, source_ids: Iterable[str]) -> dict[str, str]:
    """source_id -> 'Publisher, date' for the sources that are cited (a few, out of possibly thousands)."""
    cited = sources[sources["source_id"].isin(list(set(source_ids)))]
    return {
        source_id: f"{publisher}, {date_label(published, precision)}"
        for source_id, publisher, published, precision in zip(
            cited["source_id"], cited["publisher"], cited["published"], cited["published_precision"], strict=True
        )
    }


def latest_per_claimant(rows: pd.DataFrame) -> pd.DataFrame:
    """The newest numbered estimate of each (claimant, metric, role), oldest claim first."""
    numbered = rows[rows["low"].notna()].sort_values(["as_of", "estimate_id"])
    newest = numbered.drop_duplicates(["claimant", "metric", "role"], keep="last")
    return newest.sort_values(["as_of", "claimant", "metric"])


def figure(row: pd.Series, cited: dict[str, str]) -> Figure:
    """One estimate row as a headline figure."""
    return Figure(
        estimate_id=row["estimate_id"],
        claimant=row["claimant"],
        stated=stated_range(row["low"], row["high"]),
        metric=row["metric"].replace("_", " "),
        role=row["role"] or "combat",
        date=date_label(row["as_of"], row["as_of_precision"]),
        scope=row["scope"],
        source=cited.get(row["source_id"], row["source_id"]),
        confidence=row["confidence"],
        doubtful=str(row.get("doubtful", "")).strip().lower() == "yes",
        note=row["note"],
    )


def headlines(ds: Dataset) -> tuple[Headline, ...]:
    """Headline figures per force and metric group (troops, losses); North Korea's first."""
    estimates, found = ds.estimates, []
    for force in FORCES:
        for group, metrics, noun in GROUPS:
            rows = latest_per_claimant(estimates[(estimates["force"] == force) & estimates["metric"].isin(metrics)])
            cited = publishers(ds.sources, rows["source_id"])
            figures = tuple(figure(row, cited) for _, row in rows.iterrows())
            if figures:
                found.append(Headline(f"{FORCE_WORDS[force]} {noun}", force, group, figures))
    return tuple(found)


def doubtful_figures(ds: Dataset) -> tuple[Figure, ...]:
    """Every estimate the analyst marked doubtful (extra column `doubtful` = yes), with its note."""
    estimates = ds.estimates
    if "doubtful" not in estimates:
        return ()
    marked = estimates[estimates["doubtful"].astype(str).str.strip().str.lower() == "yes"]
    cited = publishers(ds.sources, marked["source_id"])
    return tuple(figure(row, cited) for _, row in marked.sort_values("as_of").iterrows())


@dataclass(frozen=True)
class QuoteRef:
    """A verbatim quote: the person quoted (empty for the document's own words), the document credited and its
    grade label ('' when the source is not in the table)."""

    text: str
    speaker: str
    source: str
    grade: str = ""


def quote_refs(quotes: pd.DataFrame, refs: dict[str, SourceRef]) -> list[QuoteRef]:
    """Quotes as shown: verbatim text, and whose words they are (a quoted person, or the document itself)."""
    shown = []
    kinds, speakers = column(quotes, "kind", ""), column(quotes, "speaker", "")
    for text, kind, speaker, sid in zip(quotes["text"], kinds, speakers, quotes["source_id"], strict=True):
        cited = refs.get(sid, SourceRef(sid, sid, "", "", ""))
        credit = quote_credit(kind, speaker, cited.publisher, cited.title, cited.date)
        shown.append(QuoteRef(text, *credit, cited.grade))
    return shown


def key_quotes(ds: Dataset, limit: int = MAX_KEY_QUOTES) -> tuple[QuoteRef, ...]:
    """The quotes marked `key` = yes (else all quotes), oldest source first, at most `limit`."""
    quotes = ds.quotes
    if "key" in quotes and (quotes["key"].astype(str).str.strip().str.lower() == "yes").any():
        quotes = quotes[quotes["key"].astype(str).str.strip().str.lower() == "yes"]
    published = quotes["source_id"].map(ds.sources.set_index("source_id")["published"])
    chosen = quotes.assign(_published=published).sort_values(["_published", "quote_id"]).head(limit)
    return tuple(quote_refs(chosen, source_refs(ds.sources, chosen["source_id"])))


DEFAULT_FAMILY = UNLISTED_FAMILY
DOUBTFUL_COLOR = "#8A8A8A"
ROW_PX = 24
PANEL_GAP = 0.12  # between a question's panels, a share of the chart's width
ROW_PX_WRAPPED = 32  # two 12 px lines and a gap: a wrapped label never touches its neighbour's
LEGEND_PX = 64  # the families' legend under the x ticks: two lines of entries in a 350 px column
ROW_LABEL_CHARS = 18  # a label's line: 1280 px leaves the first chart's column about 350 px for labels and panels
DOUBTFUL_MARK = "\x00doubtful"  # stands for the italic mark while wrapping; no claimant's text holds a NUL
CHART_MARGIN_PX = 96


@dataclass(frozen=True)
class Question:
    """One chart of the overview: the metrics it answers with, one panel each."""

    key: str
    title: str
    metrics: tuple[str, ...]
    metrics_in_table: tuple[str, ...]
    split: bool = False  # panels as separate figures, so that they stack on a narrow screen


QUESTIONS = (
    Question("size", "Troops sent and present, by claimant (combat troops)", SIZE_METRICS, SIZE_METRICS),
    Question(
        "losses",
        "North Korean losses, by claimant: one panel per metric (colours as above; captured and missing: in the table)",
        ("killed", "wounded", "killed_or_wounded"),
        LOSS_METRICS,
        split=True,
    ),
)
# Earlier claims drawn per claimant row and panel: past a few dozen, faint marks on one row are a smear no
# reader can tell apart, and each carries its hover text to the browser. The table still lists every claim.
MAX_EARLIER = 20
PANEL_TITLES = {"deployed": "sent (deployed)", "present": "present", "killed_or_wounded": "killed or wounded"}


def claimant_families(ds: Dataset) -> dict[str, str]:
    """claimant -> family from claimants.csv; an unlisted claimant falls in 'other governments'."""
    table = ds.tables.get("claimants")
    if table is None or "family" not in table:
        return {}
    return dict(zip(table["claimant"].astype(str), table["family"].astype(str), strict=True))


def family_colors() -> dict[str, str]:
    """One colour per claimant family, in the contract's order."""
    return dict(zip(FAMILIES, series_colors(len(FAMILIES)), strict=True))


def source_grades(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> the publisher's reliability grade (A-F), when the sources table has one."""
    if "reliability" not in sources:
        return {}
    graded = sources[sources["reliability"].astype(str).str.strip() != ""]
    return dict(zip(graded["source_id"], graded["reliability"].astype(str).str.strip(), strict=True))


def is_doubtful(estimates: pd.DataFrame) -> pd.Series:
    """Mask of the estimates marked doubtful."""
    if "doubtful" not in estimates:
        return pd.Series(False, index=estimates.index)
    return estimates["doubtful"].astype(str).str.strip().str.lower() == "yes"


def claim_rows(ds: Dataset, question: Question) -> pd.DataFrame:
    """The numbered combat claims about North Korean forces for one question, one row per claim, labelled.

    Worked out once per dataset and question (each panel of a question and its note read the same rows); the
    frame is shared, so callers filter it and never change it.
    """
    return ds.derived(_claim_rows_of(question))


@functools.cache
def _claim_rows_of(question: Question) -> Callable[[Dataset], pd.DataFrame]:
    """One builder per question, the same object every time, so `Dataset.derived` keeps its rows."""
    return functools.partial(build_claim_rows, question=question)


def build_claim_rows(ds: Dataset, question: Question) -> pd.DataFrame:
    """`claim_rows` worked out."""
    estimates = ds.estimates
    mask = (estimates["force"] == "dprk") & estimates["metric"].isin(question.metrics) & estimates["low"].notna()
    mask &= estimates["role"].replace("", "combat").fillna("combat") == "combat"
    rows = estimates[mask].sort_values(["as_of", "estimate_id"])
    families = claimant_families(ds)
    doubtful = is_doubtful(rows)
    latest = ~rows.duplicated(["claimant", "metric"], keep="last")
    return rows.assign(
        family=rows["claimant"].map(lambda c: families.get(c, DEFAULT_FAMILY)),
        doubtful_claim=doubtful,
        latest=latest,
        row=[row_label(c, d) for c, d in zip(rows["claimant"], doubtful, strict=True)],
    )


def drawn_claims(rows: pd.DataFrame, limit: int = MAX_EARLIER) -> pd.DataFrame:
    """The claims a chart draws: every latest claim, and the newest `limit` earlier claims of each row and metric."""
    earlier = rows[~rows["latest"]]
    rank = earlier.groupby(["row", "metric"], sort=False).cumcount(ascending=False)  # 0 = the newest
    return rows[rows["latest"] | rows.index.isin(earlier.index[rank.to_numpy() < limit])]


def earlier_claims_note(ds: Dataset, question: Question) -> str | None:
    """A sentence saying how many claims the charts draw when earlier claims were left out; None when none were."""
    rows = claim_rows(ds, question)
    drawn = len(drawn_claims(rows))
    if drawn == len(rows):
        return None
    return (
        f"Showing {drawn:,} of {len(rows):,} claims: each claimant's latest claim and its {MAX_EARLIER} newest "
        "earlier ones per figure (faint marks); the exact figures below list every claim."
    )


def row_label(claimant: str, doubtful: bool) -> str:
    """A claimant's row label, wrapped at ROW_LABEL_CHARS so a narrow column keeps its panels; escaped.

    Tick labels are pseudo-HTML too: the claimant is escaped, the line breaks and the doubtful mark are ours.
    """
    words = [*clip(claimant).split(" "), *([DOUBTFUL_MARK] if doubtful else [])]
    lines: list[str] = []
    for word in words:
        if lines and len(html.unescape(lines[-1] + " " + word)) <= ROW_LABEL_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines).replace(DOUBTFUL_MARK, "<i>(doubtful)</i>")


def row_height(order: list[str]) -> int:
    """Pixels per row: one line's, or room for two where any label wraps."""
    return ROW_PX_WRAPPED if any("<br>" in label for label in order) else ROW_PX


def row_order(rows: pd.DataFrame) -> list[str]:
    """Row labels top to bottom: claimants grouped by family, doubtful claims last, apart from the rest."""
    rank = {family: n for n, family in enumerate(FAMILIES)}
    keyed = rows.drop_duplicates("row").assign(_rank=rows["family"].map(lambda f: rank.get(f, len(FAMILIES))))
    ordered = keyed.sort_values(["doubtful_claim", "_rank", "claimant"])
    return list(ordered["row"])


def claim_hover(rows: pd.DataFrame, ds: Dataset) -> list[str]:
    """Escaped hover text: claimant, family, figure as stated, date, source, grade, confidence, scope."""
    cited = publishers(ds.sources, rows["source_id"])
    grades = source_grades(ds.sources)
    labels = []
    for _, row in rows.iterrows():
        grade = grades.get(row["source_id"], NOT_GRADED)
        status = "latest claim" if row["latest"] else "earlier claim"
        doubt = "<br><b>Doubtful</b>: " + clip(row["note"] or "marked doubtful") if row["doubtful_claim"] else ""
        labels.append(
            f"<b>{clip(row['claimant'])}</b> ({clip(row['family'])}), {status}"
            f"<br>{clip(row['metric'].replace('_', ' '))}: {clip(stated_range(row['low'], row['high']))}"
            f"<br>Stated: {clip(date_label(row['as_of'], row['as_of_precision']))}"
            f"<br>Source: {clip(cited.get(row['source_id'], row['source_id']))} · grade {clip(grade)}"
            f"<br>Confidence: {clip(row['confidence'])} · Scope: {clip(row['scope'] or 'not stated')}{doubt}"
        )
    return labels


def panel_traces(rows: pd.DataFrame, hover: pd.Series, color: str, name: str, legend: bool) -> list[dict]:
    """One family's claims in one panel: latest ranges as bars, point and open ends as marks, earlier claims faint.

    Plain trace dicts: the figure validates them once when they are added (a `go.Bar` would be validated twice).
    """
    latest, earlier = rows[rows["latest"]], rows[~rows["latest"]]
    high = latest["high"].fillna(latest["low"]).astype(float)
    low = latest["low"].astype(float)
    common = {"legendgroup": name, "hoverinfo": "text", "orientation": "h"}
    bar = dict(
        type="bar",
        x=high - low,
        base=low,
        y=latest["row"],
        marker={"color": color},
        name=name,
        showlegend=legend,
        hovertext=list(hover[latest.index]),
        width=0.6,
        **common,
    )
    symbols = ["triangle-right" if pd.isna(h) else "line-ns" for h in latest["high"]]
    ends = dict(
        type="scatter",
        x=low,
        y=latest["row"],
        mode="markers",
        showlegend=False,
        hovertext=list(hover[latest.index]),
        marker={"symbol": symbols, "size": 14, "color": color, "line": {"width": 3, "color": color}},
        legendgroup=name,
        hoverinfo="text",
    )
    faint = dict(
        type="scatter",
        x=earlier["low"].astype(float),
        y=earlier["row"],
        mode="markers",
        showlegend=False,
        opacity=0.35,
        marker={"symbol": "circle", "size": 8, "color": color},
        hovertext=list(hover[earlier.index]),
        legendgroup=name,
        hoverinfo="text",
    )
    return [bar, ends, faint]


def panel_layout(titles: list[str], order: list[str]) -> dict:
    """One row of panels sharing the claimant rows: each panel's axes and its title, as `make_subplots` lays
    them out (horizontal spacing PANEL_GAP), written out: building the figure from one dict costs a fifth."""
    width = (1 - PANEL_GAP * (len(titles) - 1)) / len(titles)
    rows = {"categoryorder": "array", "categoryarray": order[::-1], "automargin": True, "tickfont": {"size": 12}}
    values = {"tickformat": "~s", "rangemode": "tozero", "showgrid": True, "nticks": 3, "fixedrange": True}
    layout: dict = {"annotations": []}
    for n, title in enumerate(titles, start=1):
        x, y, left = f"x{n if n > 1 else ''}", f"y{n if n > 1 else ''}", (n - 1) * (width + PANEL_GAP)
        layout[f"xaxis{n if n > 1 else ''}"] = {"anchor": y, "domain": [left, left + width], **values}
        layout[f"xaxis{n if n > 1 else ''}"]["tickfont"] = {"size": 11}
        shared = {"matches": "y", "showticklabels": False} if n > 1 else {}
        layout[f"yaxis{n if n > 1 else ''}"] = {"anchor": x, "domain": [0.0, 1.0], **shared, **rows}
        layout["annotations"].append(
            {
                "text": title,
                "x": left + width / 2,
                "y": 1.0,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
    return layout


def figures_chart(
    ds: Dataset, question: Question, metrics: tuple[str, ...] | None = None, legend: bool = True
) -> go.Figure | None:
    """One compact chart: a row per claimant, a panel per metric (all the question's, or `metrics`); None if empty."""
    rows = claim_rows(ds, question)
    rows = drawn_claims(rows if metrics is None else rows[rows["metric"].isin(metrics)])
    if rows.empty:
        return None
    metrics = [m for m in question.metrics if (rows["metric"] == m).any()]
    hover = pd.Series(claim_hover(rows, ds), index=rows.index)
    colors, shown, traces = family_colors(), set(), []
    for col, metric in enumerate(metrics, start=1):
        panel = rows[rows["metric"] == metric]
        axes = {"xaxis": f"x{col if col > 1 else ''}", "yaxis": f"y{col if col > 1 else ''}"}
        for (family, doubtful), group in panel.groupby(["family", "doubtful_claim"], sort=False):
            name = "doubtful" if doubtful else family
            color = DOUBTFUL_COLOR if doubtful else colors.get(family, FALLBACK_COLOR)
            traces += [trace | axes for trace in panel_traces(group, hover, color, name, legend and name not in shown)]
            shown.add(name)
    order = row_order(rows)
    layout = panel_layout([PANEL_TITLES.get(m, m) for m in metrics], order) | {
        "height": CHART_MARGIN_PX + row_height(order) * len(order) + (LEGEND_PX if legend else 0),
        "margin": {"l": 8, "r": 8, "t": 28, "b": 8 + (LEGEND_PX if legend else 0)},
        "showlegend": legend,
        "barmode": "overlay",
        # below the x ticks, whatever the chart's height: the legend's own margin, not a share of the plot's
        "legend": {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0, "font": {"size": 12}},
        "hoverlabel": {"align": "left"},
        "dragmode": False,
    }
    return go.Figure({"data": traces, "layout": layout})  # one validation of the whole dict


def figure_panels(ds: Dataset, question: Question) -> list[go.Figure]:
    """A question's panels as separate figures (side by side on a wide screen, stacked on a phone).

    They carry no legend of their own: the families keep the colours of the first chart's legend, and a doubtful
    claim is named as such in its row label.
    """
    panels = [figures_chart(ds, question, (metric,), legend=False) for metric in question.metrics]
    return [fig for fig in panels if fig is not None]


def figures_table(ds: Dataset, metrics: tuple[str, ...]) -> pd.DataFrame:
    """Every claim of the chosen metrics about North Korean forces, exactly as stated, for the table view."""
    estimates = ds.estimates
    rows = estimates[(estimates["force"] == "dprk") & estimates["metric"].isin(metrics)].sort_values("as_of")
    cited = publishers(ds.sources, rows["source_id"])
    return pd.DataFrame(
        {
            "claimant": rows["claimant"],
            "metric": rows["metric"].str.replace("_", " "),
            "figure": [stated_range(low, high) for low, high in zip(rows["low"], rows["high"], strict=True)],
            "role": rows["role"].replace("", "combat"),
            "stated": date_labels(rows["as_of"], rows["as_of_precision"]),
            "source": rows["source_id"].map(lambda s: cited.get(s, s)),
            "confidence": rows["confidence"],
            "doubtful": is_doubtful(rows).map({True: "doubtful", False: ""}),
            "scope": rows["scope"],
            "note": rows["note"],
        }
    ).reset_index(drop=True)


# The filters an estimate can follow: it has a date, a claimant, a confidence, a source and may be evidence.
FIGURE_FILTERS = {
    "date_from": "dates",
    "date_to": "dates",
    "claimants": "claimant",
    "confidences": "confidence",
    "as_of": "as-of date",
    "judgment": "key judgment",
}
# ...and the ones it cannot: estimates have no category and no title or summary to search.
NOT_FIGURE_FILTERS = {"categories": "category", "text": "search text"}


def figures_filter_note(filters: Filters) -> str | None:
    """A plain line saying which of the set filters the figures follow and which they do not; None if none set."""
    followed = sorted({word for name, word in FIGURE_FILTERS.items() if getattr(filters, name)})
    ignored = [word for name, word in NOT_FIGURE_FILTERS.items() if getattr(filters, name)]
    if not followed and not ignored:
        return None
    parts = [f"The figures follow the {', '.join(followed)} filter{'s' * (len(followed) > 1)}."] if followed else []
    if ignored:
        parts.append(
            f"They do not follow the {' or '.join(ignored)}: estimates have no category and no text to search, "
            "so every figure that passes the other filters is shown."
        )
    return " ".join(parts)
