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
        ("server", "enableAgentApi", False),
        ("runner", "postScriptGC", False),  # a full collection after every run cost 60-90 ms of CPU
    ],
)
def test_hosted_link_default_is_set(section: str, name: str, expected: object) -> None:
    assert CONFIG[section][name] == expected


def test_uploads_are_refused_outright() -> None:
    """The app has no upload widget; 0 makes Streamlit 1.67 answer 413 to any non-empty upload."""
    assert CONFIG["server"]["maxUploadSize"] == 0


def test_chart_palettes_are_okabe_ito_hues_in_category_order_each_3_to_1_on_its_page() -> None:
    light, dark = CONFIG["theme"]["light"], CONFIG["theme"]["dark"]
    assert light["chartCategoricalColors"][0] == OKABE_ITO[0]  # the blue already reaches 3:1 on white
    assert dark["chartCategoricalColors"][:2] == list(OKABE_ITO[4:5]) + list(OKABE_ITO[1:2])
    for section in (light, dark):
        assert len(section["chartCategoricalColors"]) == len(OKABE_ITO)
        for colour in section["chartCategoricalColors"]:
            assert contrast(colour, section["backgroundColor"]) >= 3, colour


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
def test_text_is_readable_on_both_backgrounds_of_the_light_theme(background: str) -> None:
    theme = CONFIG["theme"]["light"]
    assert contrast(theme["textColor"], theme[background]) >= 7
    assert contrast(theme["primaryColor"], theme[background]) >= 4.5


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_projector_text_and_links_are_readable_and_its_buttons_carry_white_text(background: str) -> None:
    theme = CONFIG["theme"]["dark"]
    assert contrast(theme["textColor"], theme[background]) >= 7
    assert contrast(theme["linkColor"], theme[background]) >= 4.5
    # On a near-black page no colour is 4.5:1 both against it and under white button text; the primary colour
    # is a control colour (WCAG 1.4.11: 3:1) under white text (4.5:1), and links have their own colour.
    assert contrast(theme["primaryColor"], theme[background]) >= 3
    assert contrast("#FFFFFF", theme["primaryColor"]) >= 4.5


def flat_options(config: dict, prefix: str = "") -> list[tuple[str, dict]]:
    """(section, its plain options) for every section, nested ones (`theme.light`) included."""
    found = []
    for name, value in config.items():
        section = f"{prefix}{name}"
        found.append((section, {k: v for k, v in value.items() if not isinstance(v, dict)}))
        found += flat_options({k: v for k, v in value.items() if isinstance(v, dict)}, f"{section}.")
    return found


def test_every_setting_is_an_option_streamlit_knows() -> None:
    known = set(st_config._config_options_template)
    unknown = [
        f"{section}.{name}"
        for section, options in flat_options(CONFIG)
        for name in options
        if f"{section}.{name}" not in known
    ]
    assert unknown == []


def test_error_details_value_is_one_streamlit_accepts() -> None:
    accepted = {option.value for option in st_config.ShowErrorDetailsConfigOptions}
    assert CONFIG["client"]["showErrorDetails"] in accepted
