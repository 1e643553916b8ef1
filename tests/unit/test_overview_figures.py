"""The overview's figures charts: a row per claimant by family, latest range a bar, doubtful apart, escaped."""

from __future__ import annotations

import pandas as pd

from components.data.dataset import Dataset
from components.present.headlines import (
    CHART_MARGIN_PX,
    MAX_EARLIER,
    QUESTIONS,
    ROW_PX,
    ROW_PX_WRAPPED,
    claim_rows,
    drawn_claims,
    earlier_claims_note,
    figure_panels,
    figures_chart,
    figures_filter_note,
    figures_table,
    row_label,
    row_order,
)
from components.state.filters import Filters

D = pd.Timestamp
SIZE, LOSSES = QUESTIONS


def dataset() -> Dataset:
    sources = pd.DataFrame(
        [("nis", "NIS <b>", D("2025-01-13"), "day", "B"), ("ind", "The Independent", D("2025-08-22"), "day", "")],
        columns=["source_id", "publisher", "published", "published_precision", "reliability"],
    )
    rows = [
        ("nis-1", D("2024-10-23"), "South Korea NIS", "deployed", 3000, 3000, "nis", ""),
        ("nis-2", D("2025-04-01"), "South Korea NIS", "deployed", 15000, 15000, "nis", ""),
        ("zel-1", D("2024-11-04"), "Ukraine President", "present", 11000, 12000, "nis", ""),
        ("ind-1", D("2025-08-22"), "The Independent", "deployed", 20000, None, "ind", "yes"),
        ("nis-k", D("2025-01-13"), "South Korea NIS", "killed", 300, 300, "nis", ""),
        ("nis-w", D("2025-01-13"), "South Korea NIS", "wounded", 2700, 2700, "nis", ""),
    ]
    columns = ["estimate_id", "as_of", "claimant", "metric", "low", "high", "source_id", "doubtful"]
    estimates = pd.DataFrame(rows, columns=columns).astype({"low": "Int64", "high": "Int64"})
    estimates = estimates.assign(
        force="dprk", role="combat", scope="Kursk", confidence="reported", note="<i>odd</i>", as_of_precision="day"
    )
    claimants = pd.DataFrame(
        [("South Korea NIS", "South Korea"), ("Ukraine President", "Ukraine"), ("The Independent", "media")],
        columns=["claimant", "family"],
    )
    tables = {"sources": sources, "estimates": estimates, "claimants": claimants}
    return Dataset(tables=tables)


def test_claimants_are_grouped_by_family_and_doubtful_claims_come_last_labelled():
    assert row_order(claim_rows(dataset(), SIZE)) == [
        "South Korea NIS",
        "Ukraine President",
        "The Independent<br><i>(doubtful)</i>",
    ]


def test_the_latest_claim_is_the_bar_and_earlier_claims_are_faint_marks():
    fig = figures_chart(dataset(), SIZE)
    bars = [t for t in fig.data if t.type == "bar" and "South Korea NIS" in t.y]
    assert [(list(b.base), list(b.x)) for b in bars] == [([15000.0], [0.0])]
    faint = [t for t in fig.data if t.type == "scatter" and t.opacity == 0.35 and len(t.x)]
    assert [list(t.x) for t in faint] == [[3000.0]]


def test_killed_and_wounded_are_separate_panels_never_one_bar():
    fig = figures_chart(dataset(), LOSSES)
    assert [a.text for a in fig.layout.annotations] == ["killed", "wounded"]
    axes = {t.xaxis for t in fig.data if t.type == "bar"}
    assert axes == {"x", "x2"}


def test_the_doubtful_claim_is_drawn_grey_under_the_doubtful_legend_entry():
    fig = figures_chart(dataset(), SIZE)
    doubtful = [t for t in fig.data if t.type == "bar" and t.name == "doubtful"]
    assert [list(t.y) for t in doubtful] == [["The Independent<br><i>(doubtful)</i>"]]
    assert doubtful[0].marker.color == "#8A8A8A"


def test_hover_gives_date_source_and_grade_and_escapes_data_text():
    fig = figures_chart(dataset(), SIZE)
    hover = next(t for t in fig.data if t.type == "bar" and "South Korea NIS" in t.y).hovertext[0]
    assert "Stated: 2025-04-01" in hover and "grade B" in hover
    assert "NIS &lt;b&gt;" in hover and "NIS <b>" not in hover
    doubtful = next(t for t in fig.data if t.name == "doubtful").hovertext[0]
    assert "grade not graded" in doubtful and "&lt;i&gt;odd&lt;/i&gt;" in doubtful


def test_nothing_is_summed_every_claim_is_one_row_of_the_exact_table():
    table = figures_table(dataset(), SIZE.metrics_in_table)
    assert list(table["figure"]) == ["3,000", "11,000–12,000", "15,000", "≥20,000"]
    assert list(table["doubtful"]) == ["", "", "", "doubtful"]


def test_no_numbered_claim_means_no_chart():
    ds = dataset()
    empty = ds.with_tables(estimates=ds.estimates.iloc[0:0])
    assert figures_chart(empty, SIZE) is None


def test_the_figures_say_which_set_filters_they_follow_and_which_they_cannot():
    assert figures_filter_note(Filters()) is None
    assert figures_filter_note(Filters(text="Davos")) == (
        "They do not follow the search text: estimates have no category and no text to search, "
        "so every figure that passes the other filters is shown."
    )
    note = figures_filter_note(Filters(claimants=("South Korea NIS",), categories=("combat",)))
    assert note.startswith("The figures follow the claimant filter. They do not follow the category:")


def test_a_claimant_name_is_escaped_in_the_row_labels():
    ds = dataset()
    hostile = ds.estimates.assign(claimant=ds.estimates["claimant"].replace("South Korea NIS", "<img src=x>"))
    labels = row_order(claim_rows(ds.with_tables(estimates=hostile), SIZE))
    assert "&lt;img src=x&gt;" in labels and "<img src=x>" not in labels


def test_losses_are_one_figure_per_metric_each_without_a_legend_of_its_own():
    panels = figure_panels(dataset(), LOSSES)
    assert [p.layout.annotations[0].text for p in panels] == ["killed", "wounded"]
    assert [p.layout.showlegend for p in panels] == [False, False]


def test_a_long_row_label_wraps_at_word_ends_and_its_rows_grow_to_hold_two_lines():
    assert row_label("South Korea NIS", False) == "South Korea NIS"
    assert row_label("Indian Defence News", True) == "Indian Defence<br>News <i>(doubtful)</i>"
    assert row_label("A & B Research Group", False) == "A &amp; B Research<br>Group"  # counted as read: "A & B"
    ds = dataset()
    short = ds.with_tables(estimates=ds.estimates[ds.estimates["claimant"] != "The Independent"])
    renamed = short.estimates["claimant"].replace("South Korea NIS", "Western intelligence")
    wrapped = short.with_tables(estimates=short.estimates.assign(claimant=renamed))
    one_line, two_lines = figures_chart(short, SIZE, legend=False), figures_chart(wrapped, SIZE, legend=False)
    assert list(two_lines.layout.yaxis.categoryarray) == ["Western<br>intelligence", "Ukraine President"]  # bottom up
    assert one_line.layout.height == CHART_MARGIN_PX + 2 * ROW_PX
    assert two_lines.layout.height == CHART_MARGIN_PX + 2 * ROW_PX_WRAPPED


def test_the_legend_stands_in_its_own_margin_below_the_x_ticks():
    fig = figures_chart(dataset(), SIZE)
    legend = fig.layout.legend
    assert (legend.yref, legend.yanchor, legend.y) == ("container", "bottom", 0)
    assert fig.layout.margin.b >= 60  # room for the legend's lines, so it never sits on the tick labels
    assert figures_chart(dataset(), SIZE, legend=False).layout.margin.b < 20


def many_claims(earlier: int) -> Dataset:
    """The test dataset with `earlier` more deployed claims by the NIS, one a day before its latest."""
    ds = dataset()
    base = ds.estimates.iloc[0]
    extra = pd.DataFrame(
        [
            base.to_dict() | {"estimate_id": f"nis-e{n:04d}", "as_of": D("2024-01-01") + pd.Timedelta(days=n), "low": n}
            for n in range(earlier)
        ]
    ).astype({"low": "Int64", "high": "Int64"})
    return ds.with_tables(estimates=pd.concat([ds.estimates, extra], ignore_index=True))


def test_a_chart_draws_every_latest_claim_and_only_the_newest_earlier_ones_of_each_row():
    ds = many_claims(300)
    rows = claim_rows(ds, SIZE)
    drawn = drawn_claims(rows)
    assert rows["latest"].sum() == drawn["latest"].sum()  # no latest claim is ever left out
    nis = drawn[(drawn["claimant"] == "South Korea NIS") & ~drawn["latest"]]
    assert len(nis) == MAX_EARLIER
    newest = rows[(rows["claimant"] == "South Korea NIS") & ~rows["latest"]].tail(MAX_EARLIER)
    assert list(nis["estimate_id"]) == list(newest["estimate_id"])
    fig = figures_chart(ds, SIZE)
    assert sum(len(t.hovertext) for t in fig.data) == len(drawn) + drawn["latest"].sum()  # bar + end mark each
    note = earlier_claims_note(ds, SIZE)
    assert note.startswith(f"Showing {len(drawn):,} of {len(rows):,} claims")


def test_nothing_is_left_out_and_nothing_said_while_a_row_has_few_earlier_claims():
    ds = many_claims(MAX_EARLIER - 1)  # with the original earlier claim: exactly MAX_EARLIER earlier claims
    assert len(drawn_claims(claim_rows(ds, SIZE))) == len(claim_rows(ds, SIZE))
    assert earlier_claims_note(ds, SIZE) is None
    assert earlier_claims_note(dataset(), LOSSES) is None
