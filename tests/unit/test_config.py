"""The shipped .streamlit/config.toml keeps a hosted link safe and every chart on one palette."""

import tomllib
from pathlib import Path

import pytest
from streamlit import config as st_config

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
OKABE_ITO = ["#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#56B4E9", "#009E73", "#F0E442", "#999999"]


@pytest.mark.parametrize(
    ("section", "name", "expected"),
    [
        ("server", "enableXsrfProtection", True),
        ("server", "enableCORS", True),
        ("server", "fileWatcherType", "none"),
        ("server", "runOnSave", False),
        ("server", "headless", True),
        ("client", "showErrorDetails", "none"),
        ("client", "toolbarMode", "viewer"),
        ("browser", "gatherUsageStats", False),
    ],
)
def test_hosted_link_default_is_set(section: str, name: str, expected: object) -> None:
    assert CONFIG[section][name] == expected


def test_upload_limit_is_at_most_one_megabyte() -> None:
    assert 0 < CONFIG["server"]["maxUploadSize"] <= 1


def test_chart_palette_is_okabe_ito_in_category_order() -> None:
    assert CONFIG["theme"]["chartCategoricalColors"] == OKABE_ITO


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_text_is_readable_on_both_backgrounds(background: str) -> None:
    theme = CONFIG["theme"]
    assert contrast(theme["textColor"], theme[background]) >= 7
    assert contrast(theme["primaryColor"], theme[background]) >= 4.5


def test_every_setting_is_an_option_streamlit_knows() -> None:
    known = set(st_config._config_options_template)
    unknown = [
        f"{section}.{name}"
        for section, options in CONFIG.items()
        for name in options
        if f"{section}.{name}" not in known
    ]
    assert unknown == []


def test_error_details_value_is_one_streamlit_accepts() -> None:
    accepted = {option.value for option in st_config.ShowErrorDetailsConfigOptions}
    assert CONFIG["client"]["showErrorDetails"] in accepted
