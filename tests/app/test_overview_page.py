"""AppTest of the overview: judgments in order with labels, a note without them, since= and its notice."""

from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data"


def open_overview(monkeypatch, folder: Path = BUNDLED, **params: str) -> AppTest:
    """The dashboard's overview on `folder`, opened by a link with these parameters."""
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def markdown(at: AppTest) -> list[str]:
    """The markdown the reader sees, without the escapes that keep data text from being read as markup."""
    return [m.value.replace("\\", "") for m in at.markdown]


def test_the_overview_opens_with_the_key_judgments_in_order_with_both_labels(monkeypatch):
    at = open_overview(monkeypatch)
    assert not at.exception
    assert [s.value for s in at.subheader][:1] == ["Key judgments"]
    numbered = [m for m in markdown(at) if m[:3] in {f"**{n}" for n in range(1, 10)}]
    assert [m.split("**")[1] for m in numbered] == ["1.", "2.", "3.", "4.", "5."]
    assert numbered[0].startswith("**1.** North Korea sent about 11,000 to 12,000 combat troops")
    assert ":blue-badge[very likely (80–95 %)] :gray-badge[moderate confidence]" in numbered[0]
    assert "withdrawn from the Kursk front line" not in " ".join(numbered)


def test_without_judgments_csv_one_line_says_none_are_recorded(monkeypatch, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(BUNDLED, folder)
    (folder / "judgments.csv").unlink()
    at = open_overview(monkeypatch, folder)
    assert not at.exception
    assert "No key judgments are recorded for this data (no judgments.csv)." in [c.value for c in at.caption]
    assert [s.value for s in at.subheader][:1] == ["Key judgments"]


def test_since_lists_a_known_new_row_and_a_superseded_judgment_side_by_side(monkeypatch):
    at = open_overview(monkeypatch, since="2025-02-01")
    assert not at.exception
    assert at.text_input(key="since").value == "2025-02-01"
    labels = [e.label for e in at.expander]
    assert any(label.endswith(" new events") for label in labels)
    texts = markdown(at)
    old = texts.index(
        "North Korean units were withdrawn from the Kursk front line in the second half of January 2025 "
        "after heavy losses."
    )
    assert texts[old + 1].startswith("The January 2025 pull-back was a pause, not a withdrawal")
    events = next(e for e in at.expander if e.label.endswith(" new events"))
    assert (
        "NIS: North Koreans back at the front since early February; more troops sent"
        in events.dataframe[0].value["event"].tolist()
    )


def test_since_after_as_of_gives_a_notice_not_an_exception(monkeypatch):
    at = open_overview(monkeypatch, since="2025-05-01", asof="2025-03-01")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "The since date (01 May 2025) is after the as-of date (01 March 2025): pick a since date before the as-of "
        "date to see what changed between them."
    ]


def test_a_judgment_link_narrows_the_page_and_says_so(monkeypatch):
    at = open_overview(monkeypatch, judgment="withdrawn-january")
    assert not at.exception
    assert any(
        "Showing only the evidence of key judgment" in i.value and "4 events and 1 estimate" in i.value for i in at.info
    )
    table = next(e for e in at.expander if e.label.startswith("Exact figures")).dataframe[0].value
    assert list(table["claimant"]) == ["Ukraine GUR"]
