"""The two themes every chart and map is drawn in: `light` (the page) and `projector` (dark, high contrast).

One palette per theme, shared by plotly and pydeck; the Streamlit page colours of the same themes are in
`.streamlit/config.toml` (`[theme.light]`, `[theme.dark]`), and a unit test holds the two together.
Every mark colour is at least 3:1 against its theme's background (WCAG 2.1 non-text contrast) and text
colours at least 4.5:1; `contrast` and `delta_e` are the measures the tests use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from components.present.palette import theme_colors

THEME_NAMES = ("light", "projector")
DEFAULT_THEME = "light"
# A colour per role, per claimant family and per land in the two themes, side by side: (light, projector).
COLORS = {
    "background": ("#FFFFFF", "#0B0F14"),
    "panel": ("#F2F4F7", "#1A212B"),
    "text": ("#0B0D10", "#F5F7FA"),
    "muted": ("#4A5360", "#C3CAD4"),
    "grid": ("#D5DAE1", "#3A4452"),
    "outline": ("#1B1F24", "#0B0F14"),
    "highlight": ("#000000", "#FFFFFF"),
    "border": ("#A02828", "#FF6B5E"),
    "river": ("#3C7DB4", "#4D8FC7"),
}
FAMILY_COLORS = {  # in legend order
    "Ukraine": ("#0057B7", "#4DA3FF"),
    "Russia": ("#C0392B", "#FF6B5E"),
    "North Korea": ("#7B3FA0", "#C79BFF"),
    "South Korea": ("#007A5C", "#2BC597"),
    "United States": ("#A86500", "#F2B33D"),
    "United Kingdom": ("#B04A8A", "#F28AC8"),
    "other governments": ("#5E6A78", "#B8C0CC"),
    "media": ("#6F5B00", "#E8DF5A"),
    "analysts": ("#2E7D8C", "#6FD6E6"),
}
LAND = {"Russia": ("#F3F0E8", "#262B33"), "Ukraine": ("#E6ECF2", "#1C2634"), "other": ("#F0F0F0", "#20242A")}
FAMILIES = tuple(FAMILY_COLORS)


@dataclass(frozen=True)
class Theme:
    """The colours of one theme: page, text, grid, categories (schema order) and claimant families."""

    name: str
    background: str
    panel: str
    text: str
    muted: str
    grid: str
    outline: str
    highlight: str
    families: dict[str, str] = field(hash=False)
    land: dict[str, str] = field(hash=False)
    border: str
    river: str
    font_size: int = 14

    @property
    def categories(self) -> tuple[str, ...]:
        """Category colours in schema order, read from `.streamlit/config.toml` (declared once, there)."""
        return theme_colors(self.name)

    def family_color(self, family: str) -> str:
        """The colour of a claimant family; an unknown family takes the 'other governments' colour."""
        return self.families.get(family, self.families["other governments"])


def _theme(name: str, font_size: int) -> Theme:
    """One theme's column of the tables above."""
    column = THEME_NAMES.index(name)
    colors = {role: pair[column] for role, pair in COLORS.items()}
    families = {family: pair[column] for family, pair in FAMILY_COLORS.items()}
    land = {country: pair[column] for country, pair in LAND.items()}
    return Theme(name=name, **colors, families=families, land=land, font_size=font_size)


LIGHT = _theme("light", font_size=14)
PROJECTOR = _theme("projector", font_size=16)

THEMES = {"light": LIGHT, "projector": PROJECTOR}


def theme_named(name: str | None) -> Theme:
    """The theme of that name; anything else is the light theme."""
    return THEMES.get(name or DEFAULT_THEME, LIGHT)


def rgb(color: str) -> tuple[int, int, int]:
    """'#D55E00' -> (213, 94, 0)."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgba(color: str, alpha: int = 255) -> list[int]:
    """A pydeck colour array."""
    return [*rgb(color), alpha]


def luminance(color: str) -> float:
    """WCAG 2.1 relative luminance."""
    channels = [c / 255 for c in rgb(color)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb(color))]
    r, g, b = linear
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    f = [t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def delta_e(a: str, b: str) -> float:
    """CIEDE2000 colour difference of two sRGB colours (Sharma, Wu and Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab(a), lab(b)
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dlp, dcp = l2 - l1, c2p - c1p
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    dhp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbp, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    hbp = h1p + h2p if c1p * c2p == 0 else (h1p + h2p + (360 if abs(h1p - h2p) > 180 else 0)) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbp - 30))
        + 0.24 * math.cos(math.radians(2 * hbp))
        + 0.32 * math.cos(math.radians(3 * hbp + 6))
        - 0.20 * math.cos(math.radians(4 * hbp - 63))
    )
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc, sh = 1 + 0.045 * cbp, 1 + 0.015 * cbp * t
    rt = -2 * math.sqrt(cbp**7 / (cbp**7 + 25**7)) * math.sin(math.radians(60 * math.exp(-(((hbp - 275) / 25) ** 2))))
    return math.sqrt((dlp / sl) ** 2 + (dcp / sc) ** 2 + (dhp / sh) ** 2 + rt * (dcp / sc) * (dhp / sh))


def plotly_layout(theme: Theme) -> dict:
    """Layout settings that put a plotly figure in the theme: background, text, grid, hover label."""
    axis = {"gridcolor": theme.grid, "linecolor": theme.muted, "zerolinecolor": theme.grid, "color": theme.text}
    return {
        "paper_bgcolor": theme.background,
        "plot_bgcolor": theme.background,
        "font": {"color": theme.text, "size": theme.font_size},
        "xaxis": axis,
        "yaxis": axis,
        "hoverlabel": {"bgcolor": theme.panel, "font": {"color": theme.text}, "bordercolor": theme.muted},
        "legend": {"font": {"color": theme.text}},
    }


def apply_theme(fig, theme: Theme) -> None:
    """Put every axis of a plotly figure (subplots included) in the theme."""
    layout = plotly_layout(theme)
    axis = layout.pop("xaxis")
    layout.pop("yaxis")
    fig.update_layout(**layout)
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    fig.update_annotations(font_color=theme.text)
