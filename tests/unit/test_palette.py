"""The shared palette: read from the theme, one colour per category, confidence as a shape."""

from __future__ import annotations

import pytest

from components.data.schema import CATEGORIES, CONFIDENCES
from components.present.palette import (
    CONFIDENCE_SYMBOLS,
    PaletteError,
    category_color,
    category_colors,
    confidence_symbol,
    hex_to_rgb,
    parse_palette,
    series_colors,
    theme_colors,
)

OKABE_ITO = ("#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#56B4E9", "#009E73", "#F0E442", "#999999")


def test_theme_file_gives_the_okabe_ito_colours_in_category_order():
    assert theme_colors() == OKABE_ITO
    colours = category_colors()
    assert colours["diplomacy"] == "#0072B2"
    assert colours["combat"] == "#D55E00"
    assert colours["other"] == "#999999"
    assert list(colours) == list(CATEGORIES)


def test_every_category_has_a_different_colour():
    assert len(set(category_colors().values())) == len(CATEGORIES)


def test_theme_without_the_colour_list_raises_a_clear_error():
    with pytest.raises(PaletteError, match="chartCategoricalColors"):
        parse_palette('[theme]\nbase = "light"\n')


def test_unparseable_theme_raises_a_palette_error():
    with pytest.raises(PaletteError, match="not valid TOML"):
        parse_palette("[theme\nchartCategoricalColors = [")


def test_colour_list_is_read_from_the_theme_text():
    assert parse_palette('[theme]\nchartCategoricalColors = ["#000000", "#FFFFFF"]') == ("#000000", "#FFFFFF")


def test_unknown_category_is_drawn_grey():
    assert category_color("not-a-category") == "#999999"


def test_every_confidence_level_has_its_own_marker_symbol():
    assert set(CONFIDENCE_SYMBOLS) == set(CONFIDENCES)
    assert len(set(CONFIDENCE_SYMBOLS.values())) == len(CONFIDENCES)
    assert confidence_symbol("confirmed") == "circle"
    assert confidence_symbol("disputed") == "x"


def test_hollow_marker_is_the_open_variant_of_the_symbol():
    assert confidence_symbol("claimed", open_marker=True) == "diamond-open"


def test_series_beyond_the_palette_get_lighter_distinct_colours():
    colours = series_colors(12, OKABE_ITO)
    assert colours[:8] == list(OKABE_ITO)
    assert len(set(colours)) == 12
    assert sum(hex_to_rgb(colours[8])) > sum(hex_to_rgb(colours[0]))
