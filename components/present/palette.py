"""The one categorical palette every chart shares, and how confidence is drawn as a shape.

The colours live in `.streamlit/config.toml` (`[theme.light]` and `[theme.dark]`
`chartCategoricalColors`) so the page theme and the charts cannot drift apart; this module only reads them.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from components.data.schema import CATEGORIES

CONFIG_PATH = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"

# Confidence is shown by shape as well as colour; the schema's vocabulary, one symbol each.
CONFIDENCE_SYMBOLS: dict[str, str] = {
    "confirmed": "circle",
    "reported": "square",
    "claimed": "diamond",
    "disputed": "x",
}
FALLBACK_COLOR = "#6B6B6B"  # only when a palette has no `other` colour


class PaletteError(RuntimeError):
    """The theme file is missing or does not declare the categorical colours."""


# The chart theme's name -> the Streamlit theme section holding its colours.
SECTIONS = {"light": "light", "projector": "dark"}


def parse_palette(toml_text: str, section: str = "light") -> tuple[str, ...]:
    """Return the `[theme.<section>] chartCategoricalColors` list (else `[theme]`'s) from a config.toml's text."""
    try:
        theme = tomllib.loads(toml_text).get("theme", {})
    except tomllib.TOMLDecodeError as err:
        raise PaletteError(f"config.toml is not valid TOML: {err}") from err
    colors = theme.get(section, {}).get("chartCategoricalColors") or theme.get("chartCategoricalColors")
    if not colors or not all(isinstance(c, str) and c.startswith("#") for c in colors):
        raise PaletteError(f"config.toml has no [theme.{section}] chartCategoricalColors list of '#rrggbb' colours")
    return tuple(colors)


def theme_colors(theme: str = "light") -> tuple[str, ...]:
    """The categorical colours of a chart theme (`light`, `projector`) from the project's theme file, read once."""
    return _read_theme(CONFIG_PATH, SECTIONS.get(theme, "light"))


@lru_cache(maxsize=8)
def _read_theme(path: Path, section: str) -> tuple[str, ...]:
    """Read and parse one section of a theme file (cached per path and section)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise PaletteError(f"cannot read the theme file {path}: {err}") from err
    return parse_palette(text, section)


def category_colors(colors: tuple[str, ...] | None = None, theme: str = "light") -> dict[str, str]:
    """Map each category to its theme colour: the n-th schema category takes the n-th colour."""
    colors = theme_colors(theme) if colors is None else colors
    return {cat: colors[i % len(colors)] for i, cat in enumerate(CATEGORIES)}


def category_color(category: str, colors: tuple[str, ...] | None = None, theme: str = "light") -> str:
    """The colour of one category; an unknown category takes the colour of `other` (a grey)."""
    palette = category_colors(colors, theme)
    return palette.get(category, palette.get("other", FALLBACK_COLOR))


def confidence_symbol(confidence: str, open_marker: bool = False) -> str:
    """Plotly marker symbol for a confidence level, optionally hollow."""
    symbol = CONFIDENCE_SYMBOLS.get(confidence, "circle")
    return f"{symbol}-open" if open_marker else symbol


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """'#D55E00' -> (213, 94, 0), for pydeck colour arrays."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def tint(color: str, amount: float) -> str:
    """Mix a colour with white (`amount` 0 = unchanged, 1 = white), for extra series."""
    r, g, b = (round(c + (255 - c) * amount) for c in hex_to_rgb(color))
    return f"#{r:02X}{g:02X}{b:02X}"


def series_colors(n: int, colors: tuple[str, ...] | None = None) -> list[str]:
    """`n` colours: the palette first, then lighter tints of it for further series."""
    colors = theme_colors() if colors is None else colors
    tints = (0.0, 0.45, 0.7)
    return [tint(colors[i % len(colors)], tints[(i // len(colors)) % 3]) for i in range(n)]
