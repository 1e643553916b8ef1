"""The forces chart: every claim its own mark, ranges as ranges, open-ended as '≥', never summed; a panel per metric."""

from __future__ import annotations

import html
import itertools

import pandas as pd
import pytest

from components.present.forces import (
    CLAIMANT_SYMBOLS,
    DESKTOP_PLOT_PX,
    FORCE_NAMES,
    METRIC_GROUPS,
    article_stated_ids,
    bin_period,
    forces_alt,
    forces_figure,
    forces_note,
    forces_table,
    narrow_label_css,
    place_labels,
    stated_figure,
    unplotted_estimates,
)


def make_estimates(*rows: dict) -> pd.DataFrame:
    """Estimates in the loader's in-memory shape; each row overrides a plain point estimate."""
    base = {
        "as_of_precision": "day",
        "force": "dprk",
        "metric": "killed",
        "role": "combat",
        "scope": "Kursk, cumulative",
        "source_id": "nis",
        "confidence": "claimed",
        "note": "",
    }
    records = [
        {
            **base,
            "estimate_id": f"x{i}",
            "as_of": "2025-01-13",
            "claimant": "South Korea NIS",
            "low": 100,
            "high": 100,
            **r,
        }
        for i, r in enumerate(rows)
    ]
    frame = pd.DataFrame(records)
    frame["as_of"] = pd.to_datetime(frame["as_of"]).astype("datetime64[us]")
    frame["low"] = frame["low"].astype("Int64")
    frame["high"] = frame["high"].astype("Int64")
    return frame


SOURCES = pd.DataFrame(
    {
        "source_id": ["nis", "zel", "seed-article", "bad"],
        "publisher": ["Yonhap", "Kyiv Independent", "Seed outlet", "<i>Evil</i>"],
        "title": ["NIS briefing", "Zelensky", "Seed", "Bad link"],
        "url": ["https://en.yna.co.kr/x", "https://kyivindependent.com/x", "", "javascript:alert(1)"],
        "published": pd.to_datetime(["2025-01-13", "2024-12-23", "2025-02-01", "2025-01-01"]).astype("datetime64[us]"),
        "published_precision": ["day", "day", "approx", "day"],
        "kind": ["news", "news", "seed", "news"],
    }
)

HEADLINE = make_estimates(
    {"estimate_id": "nis-k", "metric": "killed", "low": 300, "high": 300},
    {"estimate_id": "nis-w", "metric": "wounded", "low": 2700, "high": 2700},
    {
        "estimate_id": "zel-kw",
        "claimant": "Zelensky",
        "as_of": "2024-12-23",
        "metric": "killed_or_wounded",
        "low": 3000,
        "high": None,
        "source_id": "zel",
    },
)


def marks(fig, estimate_id: str) -> list[tuple[object, int]]:
    """(trace, index) of every hoverable mark of one estimate."""
    found = []
    for trace in fig.data:
        for i, custom in enumerate(trace.customdata if trace.customdata is not None else []):
            if custom[0] == estimate_id:
                found.append((trace, i))
    return found


def panel_title(fig, trace) -> str:
    """The subplot title above the panel a trace is drawn in."""
    axis = fig.layout[trace.yaxis.replace("y", "yaxis")]
    top = axis.domain[1]
    xdomain = fig.layout[trace.xaxis.replace("x", "xaxis")].domain
    titles = [a for a in fig.layout.annotations if a.yref == "paper" and abs(a.y - top) < 0.01]
    return next(a.text for a in titles if xdomain[0] <= a.x <= xdomain[1])


def test_point_estimate_is_one_marker_at_its_value_in_its_claimants_shape_and_its_metrics_panel():
    fig = forces_figure(HEADLINE, "dprk", "losses")
    ((trace, i),) = marks(fig, "nis-k")
    assert trace.y[i] == 300
    assert trace.marker.symbol[i] == CLAIMANT_SYMBOLS[0]
    assert panel_title(fig, trace) == "Killed"


def test_losses_are_never_summed_each_claim_keeps_its_own_value_in_its_own_panel():
    fig = forces_figure(HEADLINE, "dprk", "losses")
    values = {eid: [t.y[i] for t, i in marks(fig, eid)] for eid in ("nis-k", "nis-w", "zel-kw")}
    assert values["nis-k"] == [300] and values["nis-w"] == [2700]
    assert 3000 in values["zel-kw"]
    panels = {panel_title(fig, marks(fig, e)[0][0]) for e in ("nis-k", "nis-w", "zel-kw")}
    assert panels == {"Killed", "Wounded", "Killed or wounded"}


def test_losses_are_four_small_multiples_each_with_its_own_scale():
    fig = forces_figure(HEADLINE, "dprk", "losses")
    titles = [a.text for a in fig.layout.annotations if a.yref == "paper"]
    assert titles[:4] == ["Killed", "Wounded", "Killed or wounded", "Captured and missing"]
    tops = {
        marks(fig, e)[0][0].yaxis: fig.layout[marks(fig, e)[0][0].yaxis.replace("y", "yaxis")].range[1]
        for e in ("nis-k", "nis-w")
    }
    assert len(set(tops.values())) == 2  # 300 and 2,700 each fill their own panel
    assert any(a.text == "no figures claimed" for a in fig.layout.annotations)


def test_running_totals_and_increments_are_on_separate_panels():
    estimates = make_estimates(
        {"estimate_id": "total", "metric": "deployed", "low": 12000, "high": 12000, "scope": "Sent, cumulative"},
        {"estimate_id": "more", "metric": "deployed", "low": 3000, "high": 3000, "scope": "Additional, Jan-Feb 2025"},
    )
    fig = forces_figure(estimates, "dprk", "size")
    assert panel_title(fig, marks(fig, "total")[0][0]) == "Sent to Russia (running totals)"
    assert panel_title(fig, marks(fig, "more")[0][0]) == "Additional troops sent (increments)"
    assert marks(fig, "total")[0][0].yaxis != marks(fig, "more")[0][0].yaxis


def test_open_ended_claim_is_drawn_with_an_upward_arrow_and_a_greater_or_equal_label():
    fig = forces_figure(HEADLINE, "dprk", "losses")
    arrow = [(t, i) for t, i in marks(fig, "zel-kw") if t.marker.symbol == "arrow-up"]
    assert arrow and arrow[0][0].text[arrow[0][1]] == "≥"
    assert arrow[0][0].y[arrow[0][1]] > 3000
    assert "≥ 3,000" in arrow[0][0].customdata[arrow[0][1]][1]


def test_range_is_a_vertical_bar_from_low_to_high_with_both_ends_marked():
    fig = forces_figure(
        make_estimates({"estimate_id": "r", "metric": "deployed", "low": 3000, "high": 12000}), "dprk", "size"
    )
    ends = sorted(t.y[i] for t, i in marks(fig, "r"))
    assert ends == [3000, 12000]
    lines = [t for t in fig.data if t.mode == "lines" and t.x and t.x[0] is not None]
    assert any(list(t.y[:2]) == [3000, 12000] for t in lines)


def test_support_and_planned_figures_are_hollow_and_dashed():
    fig = forces_figure(
        make_estimates({"estimate_id": "p", "metric": "deployed", "low": 1000, "high": 6000, "role": "planned"}),
        "dprk",
        "size",
    )
    trace, i = marks(fig, "p")[0]
    assert trace.marker.symbol[i].endswith("-open")
    assert any(t.mode == "lines" and t.line.dash == "dash" for t in fig.data if t.x and t.x[0] is not None)


def test_estimates_without_a_number_are_listed_not_charted():
    estimates = make_estimates(
        {"estimate_id": "half", "low": None, "high": None, "note": "about half"}, {"estimate_id": "n"}
    )
    fig = forces_figure(estimates, "dprk", "losses")
    assert marks(fig, "half") == []
    assert list(unplotted_estimates(estimates, "dprk", "losses")["estimate_id"]) == ["half"]


def test_conflicting_estimates_on_the_same_date_stand_side_by_side():
    estimates = make_estimates({"estimate_id": "a", "claimant": "NIS"}, {"estimate_id": "b", "claimant": "GUR"})
    fig = forces_figure(estimates, "dprk", "losses")
    xa = marks(fig, "a")[0][0].x[marks(fig, "a")[0][1]]
    xb = marks(fig, "b")[0][0].x[marks(fig, "b")[0][1]]
    assert pd.Timestamp(xa) != pd.Timestamp(xb)


def labels(fig) -> dict[str, object]:
    """Direct labels by claimant name."""
    return {a.name.removeprefix("label:"): a for a in fig.layout.annotations if (a.name or "").startswith("label:")}


def test_claimants_of_different_families_have_different_colours_and_each_is_named_beside_its_latest_mark():
    estimates = make_estimates(
        {"estimate_id": "a", "claimant": "South Korea NIS"},
        {"estimate_id": "b", "claimant": "Ukraine GUR"},
        {"estimate_id": "c", "claimant": "Ukraine GUR", "as_of": "2025-02-01", "low": 400, "high": 400},
    )
    fig = forces_figure(
        estimates, "dprk", "losses", families={"South Korea NIS": "South Korea", "Ukraine GUR": "Ukraine"}
    )
    named = labels(fig)
    assert set(named) == {"South Korea NIS", "Ukraine GUR"}
    assert named["South Korea NIS"].font.color != named["Ukraine GUR"].font.color
    assert marks(fig, "a")[0][0].marker.color == named["South Korea NIS"].font.color
    assert pd.Timestamp(named["Ukraine GUR"].x).date() == pd.Timestamp("2025-02-01").date()
    assert fig.layout.showlegend is False


def test_claimants_of_one_family_share_its_colour_and_differ_in_shape():
    estimates = make_estimates(
        {"estimate_id": "a", "claimant": "Ukraine GUR"}, {"estimate_id": "b", "claimant": "Ukraine President"}
    )
    fig = forces_figure(
        estimates, "dprk", "losses", families={"Ukraine GUR": "Ukraine", "Ukraine President": "Ukraine"}
    )
    (ta, ia), (tb, ib) = marks(fig, "a")[0], marks(fig, "b")[0]
    assert ta.marker.color == tb.marker.color
    assert ta.marker.symbol[ia] != tb.marker.symbol[ib]


def test_only_figures_the_article_states_are_marked_with_a_star():
    estimates = make_estimates(
        {"estimate_id": "stated", "source_id": "seed-article"},
        {"estimate_id": "also-stated"},
        {"estimate_id": "from-the-article-but-not-its-number", "source_id": "seed-article"},
    ).assign(stated_in_article=["yes", " YES ", "no"])
    seeds = article_stated_ids(estimates)
    assert seeds == {"stated", "also-stated"}
    assert article_stated_ids(estimates.drop(columns="stated_in_article")) == frozenset()
    fig = forces_figure(estimates, "dprk", "losses", seed_ids=seeds)
    stars = [t for t in fig.data if t.name == "stated in the article"]
    assert stars and sorted(c[0] for c in stars[0].customdata) == ["also-stated", "stated"]
    assert stars[0].marker.symbol == "star"
    assert "★ stated in the article" in stars[0].customdata[0][1]


def test_hover_names_claimant_metric_figure_scope_source_and_confidence():
    fig = forces_figure(HEADLINE, "dprk", "losses", sources=SOURCES)
    trace, i = marks(fig, "nis-w")[0]
    hover = trace.customdata[i][1]
    for text in ("South Korea NIS", "wounded: 2,700", "Kursk, cumulative", "Yonhap, 2025-01-13", "claimed"):
        assert text in hover


def test_markup_in_claimants_and_sources_is_escaped_in_hover_and_legend():
    estimates = make_estimates(
        {"estimate_id": "e", "claimant": "<b>NIS</b>", "source_id": "bad", "scope": "<script>x</script>"}
    )
    fig = forces_figure(estimates, "dprk", "losses", sources=SOURCES)
    trace, i = marks(fig, "e")[0]
    assert "<script>" not in trace.customdata[i][1] and "&lt;script&gt;" in trace.customdata[i][1]
    assert "&lt;i&gt;Evil" in trace.customdata[i][1]
    assert all("<b>NIS" not in (t.name or "") for t in fig.data)
    assert all("<b>NIS" not in (a.text or "") for a in fig.layout.annotations)


def test_size_view_leaves_out_losses_and_other_forces():
    estimates = make_estimates(
        {"estimate_id": "dep", "metric": "deployed", "low": 12000, "high": 12000},
        {"estimate_id": "kill"},
        {"estimate_id": "ru", "metric": "deployed", "force": "russia"},
    )
    fig = forces_figure(estimates, "dprk", "size")
    assert marks(fig, "dep") and not marks(fig, "kill") and not marks(fig, "ru")


def test_figure_as_stated_keeps_points_ranges_and_open_ends():
    assert stated_figure(300, 300) == "300"
    assert stated_figure(3000, 12000) == "3,000–12,000"
    assert stated_figure(3000, pd.NA) == "≥ 3,000 (open-ended)"
    assert stated_figure(pd.NA, pd.NA) == "no number given"


def test_table_lists_every_estimate_with_its_source_and_only_http_links():
    estimates = make_estimates(
        {"estimate_id": "a"}, {"estimate_id": "b", "source_id": "bad", "low": None, "high": None}
    )
    table = forces_table(estimates, SOURCES).set_index("id")
    assert table.loc["a", "source"] == "Yonhap" and table.loc["a", "link"] == "https://en.yna.co.kr/x"
    assert table.loc["b", "link"] == ""
    assert table.loc["b", "figure"] == "no number given"


def test_alt_text_says_how_many_claims_and_that_they_are_not_summed():
    alt = forces_alt(HEADLINE, "dprk", "losses")
    assert "3 estimates" in alt and "2 claimants" in alt and "never summed" in alt
    assert "no estimate" in forces_alt(HEADLINE, "russia", "losses")


def test_table_shows_dates_with_their_precision_newest_first():
    estimates = make_estimates(
        {"estimate_id": "old", "as_of": "2024-12-01", "as_of_precision": "month"}, {"estimate_id": "new"}
    )
    table = forces_table(estimates, SOURCES)
    assert list(table["id"]) == ["new", "old"]
    assert list(table["stated"]) == ["2025-01-13", "Dec 2024 (month)"]


def test_empty_tables_give_an_empty_chart_and_table():
    empty = make_estimates({}).iloc[0:0]
    assert forces_table(empty, SOURCES.iloc[0:0]).empty
    assert [t for t in forces_figure(empty, "dprk", "size").data if t.customdata is not None] == []


DENSE = make_estimates(
    *(
        {"estimate_id": f"d{i}", "as_of": f"2025-01-{13 + i % 3}", "low": 100 * (i + 1), "high": 100 * (i + 1)}
        for i in range(5)
    ),
    {"estimate_id": "d-open", "as_of": "2025-01-15", "low": 900, "high": None},
    {"estimate_id": "d-other", "claimant": "ISW", "as_of": "2025-03-03", "metric": "wounded", "low": 50, "high": 70},
)


def summary_marks(fig) -> list[tuple[object, int]]:
    """(trace, index) of every hoverable mark that stands for several claims."""
    return [
        (t, i)
        for t in fig.data
        if t.customdata is not None
        for i, custom in enumerate(t.customdata)
        if "claim" in str(custom[1]) and "narrow the dates" in str(custom[1])
    ]


def test_a_view_with_more_claims_than_the_limit_summarises_them_per_claimant_metric_and_week():
    fig = forces_figure(DENSE, "dprk", "losses", max_estimates=3)
    hovers = sorted(str(t.customdata[i][1]) for t, i in summary_marks(fig))
    nis = [h for h in hovers if "South Korea NIS" in h]
    assert nis and all("6 claims in the week of 2025-01-13" in h for h in nis)
    assert all("lowest 100 · highest 900" in h and "1 open-ended" in h for h in nis)
    assert any("ISW" in h and "1 claim in the week of 2025-03-03" in h for h in hovers)


def test_summarised_claims_span_the_lowest_to_the_highest_figure_never_their_sum():
    fig = forces_figure(DENSE, "dprk", "losses", max_estimates=3)
    values = {t.y[i] for t, i in summary_marks(fig) if "South Korea NIS" in str(t.customdata[i][1])}
    assert values == {100.0, 900.0}
    assert not any(t.customdata is not None and "d0" in [str(c[0]) for c in t.customdata] for t in fig.data)


def test_dense_views_get_a_note_with_the_count_and_how_to_see_each_claim():
    note = forces_note(DENSE, "dprk", "losses", max_estimates=3)
    assert note and "7 claims summarised per claimant, metric and week" in note and "Narrow the date range" in note
    assert forces_note(DENSE, "dprk", "losses") is None
    fig = forces_figure(DENSE, "dprk", "losses", max_estimates=3)
    assert any("7 claims summarised" in a.text for a in fig.layout.annotations)


def test_at_or_under_the_limit_every_claim_keeps_its_own_mark():
    fig = forces_figure(DENSE, "dprk", "losses", max_estimates=7)
    assert not summary_marks(fig)
    assert {eid for eid in (f"d{i}" for i in range(5)) if marks(fig, eid)} == {f"d{i}" for i in range(5)}
    assert not any("summarised" in (a.text or "") for a in fig.layout.annotations)


def test_seed_article_headline_claims_keep_their_own_star_when_the_rest_is_summarised():
    fig = forces_figure(DENSE, "dprk", "losses", max_estimates=3, seed_ids=frozenset({"d2"}))
    stars = [t for t in fig.data if t.name == "stated in the article"]
    assert stars and [str(c[0]) for c in stars[0].customdata] == ["d2"]


def test_bins_grow_from_weeks_to_months_when_weekly_bins_would_be_too_many():
    weekly = make_estimates(*({"as_of": f"2025-01-{d:02d}"} for d in (6, 13, 20, 27)))
    assert bin_period(weekly, max_bins=4) == ("W", "week")
    assert bin_period(weekly, max_bins=3) == ("M", "month")


def label_boxes(fig) -> dict[str, list[tuple[float, float, float, str]]]:
    """Each panel's direct labels as plotly draws them: (bottom, top) in pixels above the panel's floor, its height.

    A label's box is one line of plotly's line height (1.3 × the font size) plus its padding and border on
    each side; its centre is the mark's pixel height moved by the label's shift, or by its leader line.
    """
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    boxes: dict[str, list[tuple[float, float, float, str]]] = {}
    for a in fig.layout.annotations:
        if not (a.name or "").startswith("label:"):
            continue
        axis = fig.layout["yaxis" + a.yref.removeprefix("y")]
        height = (axis.domain[1] - axis.domain[0]) * plot
        mark = (a.y - axis.range[0]) / (axis.range[1] - axis.range[0]) * height
        centre = mark - a.ay if a.showarrow else mark + (a.yshift or 0)
        half = (a.font.size * 1.3) / 2 + a.borderpad + a.borderwidth
        boxes.setdefault(a.yref, []).append((centre - half, centre + half, height, a.name))
    return boxes


def assert_labels_apart_and_inside(fig) -> None:
    """No two labels of one panel overlap in height (they may share a line at any width); none leaves its panel."""
    for panel, boxes in label_boxes(fig).items():
        for bottom, top, height, name in boxes:
            assert bottom >= -1e-6 and top <= height + 1e-6, f"{name} leaves panel {panel}"
        for (b1, t1, _, n1), (b2, t2, _, n2) in itertools.combinations(boxes, 2):
            assert min(t1, t2) - max(b1, b2) <= 1e-6, f"{n1} and {n2} overlap in panel {panel}"


@pytest.fixture
def bundled(bundled_dataset):
    """The bundled data, as the app loads it."""
    return bundled_dataset


@pytest.mark.parametrize(("force", "group"), list(itertools.product(FORCE_NAMES, METRIC_GROUPS)))
def test_direct_labels_of_the_bundled_data_never_overlap_or_leave_their_panel(bundled, force, group):
    fig = forces_figure(bundled.estimates, force, group, sources=bundled.sources)
    assert_labels_apart_and_inside(fig)
    charted = bundled.estimates[(bundled.estimates["force"] == force) & bundled.estimates["low"].notna()]
    charted = charted[charted["metric"].isin(METRIC_GROUPS[group])]
    named = {name.removeprefix("label:") for boxes in label_boxes(fig).values() for *_, name in boxes}
    assert named == set(charted["claimant"])  # the bundled data's panels have room for every name


CHAR_PX = 7.0  # a character of a direct label (14 px type), on average
MARK_HALF_PX = 6.5  # half a marker (size 13)


def covered_marks(fig, plot_px: float = DESKTOP_PLOT_PX) -> list[str]:
    """Each direct label that covers a drawn marker when the plot (all its panels) is `plot_px` wide.

    A label's box runs from its anchor (its mark moved by its shift, or the end of its leader line) for its
    text's width, a line high; a marker's box is its size square round its point.
    """

    def px(axis, x) -> float:  # pixels from the left end of the axis's own panel
        start, end = (pd.Timestamp(v).value for v in axis.range)
        return (pd.Timestamp(x).value - start) / (end - start) * (axis.domain[1] - axis.domain[0]) * plot_px

    marks: dict[str, list[tuple[float, float]]] = {}
    for trace in fig.data:
        if "markers" not in trace.mode:
            continue
        xaxis, yaxis = fig.layout["xaxis" + trace.xaxis[1:]], fig.layout["yaxis" + trace.yaxis[1:]]
        for x, y in zip(trace.x, trace.y, strict=True):
            marks.setdefault(trace.yaxis, []).append(
                (px(xaxis, x), (y - yaxis.range[0]) / (yaxis.range[1] - yaxis.range[0]))
            )
    found = []
    for panel, boxes in label_boxes(fig).items():
        notes = {a.name: a for a in fig.layout.annotations if a.yref == panel and (a.name or "").startswith("label:")}
        for bottom, top, height, name in boxes:
            note = notes[name]
            xaxis = fig.layout["xaxis" + note.xref[1:]]
            if note.showarrow and note.axref != "pixel":  # the end of its leader line is a date
                start = px(xaxis, note.ax)
            else:
                start = px(xaxis, note.x) + ((note.ax if note.showarrow else note.xshift) or 0)
            width = CHAR_PX * len(html.unescape(note.text))
            left, right = (start, start + width) if note.xanchor == "left" else (start - width, start)
            found += [
                f"{name} over the mark at ({x:.0f}, {share * height:.0f}) px in {panel}"
                for x, share in marks.get(panel, [])
                if left - MARK_HALF_PX < x < right + MARK_HALF_PX
                and bottom - MARK_HALF_PX < share * height < top + MARK_HALF_PX
            ]
    return found


@pytest.mark.parametrize("plot_px", [DESKTOP_PLOT_PX, 1300])  # 1280x800, and a full-HD projector
@pytest.mark.parametrize(("force", "group"), list(itertools.product(FORCE_NAMES, METRIC_GROUPS)))
def test_no_direct_label_of_the_bundled_data_covers_a_mark_at_the_desktop_width_or_wider(
    bundled, force, group, plot_px
):
    fig = forces_figure(bundled.estimates, force, group, sources=bundled.sources)
    assert covered_marks(fig, plot_px) == []


def test_a_label_whose_line_is_blocked_by_another_claimants_mark_moves_past_it_on_a_leader_line():
    long_name = "Alpha Intelligence Service"  # too long to stand left of a mark near the axis's start
    rows = [
        {"estimate_id": "a", "claimant": long_name, "as_of": "2025-01-01", "low": 1000, "high": 1000},
        {"estimate_id": "b", "claimant": "Bravo", "as_of": "2025-01-12", "low": 1000, "high": 1000},
        {"estimate_id": "c", "claimant": "Charlie", "as_of": "2025-06-01", "low": 5000, "high": 5000},
    ]
    fig = forces_figure(make_estimates(*rows), "dprk", "losses")
    assert covered_marks(fig) == []
    alpha = labels(fig)[long_name]
    assert alpha.xanchor == "left" and alpha.showarrow  # on a line to its own mark...
    assert alpha.axref == alpha.xref and pd.Timestamp(alpha.ax) > pd.Timestamp("2025-01-12")  # ...past Bravo's


def test_claimants_claiming_one_figure_on_one_day_get_labels_a_line_apart_round_their_mark():
    crowd = [f"Claimant {c}" for c in "ABCDEFG"]
    rows = [{"estimate_id": c, "claimant": c, "low": 500, "high": 500} for c in crowd]
    rows.append({"estimate_id": "top", "claimant": "Top", "as_of": "2025-03-01", "low": 1000, "high": 1000})
    fig = forces_figure(make_estimates(*rows), "dprk", "losses")
    assert_labels_apart_and_inside(fig)
    (boxes,) = label_boxes(fig).values()
    assert len(boxes) == len(crowd) + 1
    centres = [(b + t) / 2 for b, t, _, name in boxes if name != "label:Top"]
    axis = fig.layout.yaxis
    mark = (500 - axis.range[0]) / (axis.range[1] - axis.range[0]) * boxes[0][2]
    assert abs(sum(centres) / len(centres) - mark) < 1e-6  # spread round the mark, not all pushed one way
    moved = [a for a in fig.layout.annotations if (a.name or "").startswith("label:") and a.showarrow]
    assert moved and all(a.arrowcolor == a.font.color for a in moved)  # a label far from its mark has a leader


def test_labels_of_marks_at_the_floor_and_far_apart_in_time_stay_inside_and_apart():
    rows = [
        {"estimate_id": f"e{i}", "claimant": f"Claimant {i:02}", "as_of": f"2025-{1 + i % 12:02}-01", "low": 1 + i}
        for i in range(9)
    ] + [{"estimate_id": "big", "claimant": "Big", "as_of": "2025-06-01", "low": 9000, "high": 9000}]
    fig = forces_figure(make_estimates(*[{**r, "high": r.get("high", r["low"])} for r in rows]), "dprk", "losses")
    assert_labels_apart_and_inside(fig)
    assert len(label_boxes(fig)["y"]) == len(rows)


def test_a_panel_too_crowded_for_every_name_keeps_the_most_prolific_claimants_and_hovers_the_rest():
    crowd = [f"Claimant {i:02}" for i in range(30)]
    rows = [{"estimate_id": c, "claimant": c, "low": 100 + i, "high": 100 + i} for i, c in enumerate(crowd)]
    rows += [{"estimate_id": f"busy-{k}", "claimant": "Busy", "as_of": f"2025-01-{10 + k}"} for k in range(3)]
    fig = forces_figure(make_estimates(*rows), "dprk", "losses")
    assert_labels_apart_and_inside(fig)
    (boxes,) = label_boxes(fig).values()
    height, box = boxes[0][2], boxes[0][1] - boxes[0][0]
    assert len(boxes) < len(crowd)
    assert height - len(boxes) * box < 2 * box  # names dropped only when no more fit (bar a pixel's rounding each)
    assert "label:Busy" in {name for *_, name in boxes}
    hovered = {str(t.customdata[i][1]) for t in fig.data if t.customdata is not None for i in range(len(t.x))}
    assert all(any(f"<b>{c}</b>" in h for h in hovered) for c in crowd)  # an unnamed claimant is in its hover


@pytest.mark.parametrize(
    ("wanted", "height", "expected"),
    [
        ([10.0, 100.0, 200.0], 300.0, [10.5, 100.0, 200.0]),  # apart already: only the floor lifts the first
        ([100.0, 100.0, 100.0], 300.0, [79.0, 100.0, 121.0]),  # a crowd spreads round its centre
        ([290.0, 295.0], 300.0, [268.5, 289.5]),  # under the ceiling
        ([5.0, 5.0, 5.0], 50.0, [10.5, 31.5, None]),  # room for two: the first given keep theirs
    ],
)
def test_place_labels_keeps_a_label_height_between_centres_inside_the_panel(wanted, height, expected):
    assert place_labels(wanted, height, gap=21.0) == pytest.approx(expected)


@pytest.mark.parametrize(("force", "group"), list(itertools.product(FORCE_NAMES, METRIC_GROUPS)))
def test_the_title_fits_above_the_panel_titles_however_many_lines_it_takes(bundled, force, group):
    fig = forces_figure(bundled.estimates, force, group, sources=bundled.sources)
    lines = fig.layout.title.text.count("<br>") + 1
    panel_title_px = 34  # a panel's title (14 px type) stands just above its panel, inside the top margin
    assert fig.layout.margin.t - panel_title_px >= lines * fig.layout.title.font.size * 1.3
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    rows = {tuple(axis["domain"]) for name, axis in fig.to_dict()["layout"].items() if name.startswith("yaxis")}
    assert plot >= len(rows) * 250  # a longer title never squeezes the panels


def test_on_a_phone_a_label_pushed_past_other_marks_is_hidden_as_its_way_was_cleared_at_the_desktop_width(bundled):
    fig = forces_figure(bundled.estimates, "dprk", "size", sources=bundled.sources)
    pushed = [
        i
        for i, a in enumerate(fig.layout.annotations)
        if (a.name or "").startswith("label:") and a.showarrow and a.axref != "pixel"
    ]
    assert pushed  # the bundled North Korean size view has names pushed past other claimants' marks
    css = narrow_label_css("st-key-forces", fig)
    assert all(f'g.annotation[data-index="{i}"]' in css for i in pushed)
