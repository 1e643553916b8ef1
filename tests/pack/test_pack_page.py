"""The HTML pack: one file, nothing loaded from anywhere, every data string shown as text."""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from components.data.loading import load_dataset
from components.pack.content import NO_JUDGMENTS, build_pack
from components.pack.page import APP_JS, DECK_JS, PLOTLY_JS, bundle, json_block, pack_html, script_hash

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <main>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.depth_main = 0
        self.main_tags: list[tuple[str, dict[str, str | None]]] = []
        self.main_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "main":
            self.depth_main += 1
        elif self.depth_main:
            self.main_tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth_main -= 1

    def handle_data(self, data: str) -> None:
        if self.depth_main:
            self.main_text.append(data)


def parsed(document: str) -> Tags:
    tags = Tags()
    tags.feed(document)
    return tags


@pytest.fixture(scope="module")
def bundled():
    ds = load_dataset(ROOT / "data")
    pack = build_pack(ds, presenter=True)
    return pack, pack_html(pack)


@pytest.fixture(scope="module")
def hostile():
    ds = load_dataset(HOSTILE)
    pack = build_pack(ds, presenter=True)
    return ds, pack, pack_html(pack)


def test_pages_are_judgments_then_every_step_then_sources_each_with_the_footer(bundled) -> None:
    pack, document = bundled
    sections = [attrs for tag, attrs in parsed(document).main_tags if tag == "section"]
    assert [s["id"] for s in sections] == ["judgments"] + [f"step-{s.number}" for s in pack.steps] + ["sources"]
    footers = re.findall(r'<footer class="stamp">([^<]*)</footer>', document)
    assert len(footers) == len(sections)
    assert all(f"data stamp {pack.stamp}" in f and "As of" in f for f in footers)


def test_the_first_page_lists_the_key_judgments_and_says_so_when_none_are_recorded(bundled) -> None:
    pack, document = bundled
    first = document[document.index('id="judgments"') : document.index('id="step-1"')]
    assert pack.judgments and all(escape(j.statement) in first for j in pack.judgments)
    ds = load_dataset(ROOT / "data")
    without = replace(ds, tables={k: v for k, v in ds.tables.items() if k != "judgments"})
    bare = pack_html(build_pack(without, presenter=True))
    assert NO_JUDGMENTS in bare[bare.index('id="judgments"') : bare.index('id="step-1"')]


def test_nothing_is_loaded_from_outside_the_file(bundled) -> None:
    _, document = bundled
    tags = parsed(document).tags
    assert [t for t, a in tags if t in ("link", "iframe", "img", "object", "embed")] == []
    assert [a for t, a in tags if t == "script" and "src" in a] == []
    policy = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "http" not in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_only_the_packs_own_scripts_may_run(bundled) -> None:
    _, document = bundled
    policy = re.search(r"script-src ([^;]*);", document).group(1).split()
    assert sorted(policy) == sorted(script_hash(c) for c in (bundle(PLOTLY_JS), bundle(DECK_JS), APP_JS))
    running = [a for t, a in parsed(document).tags if t == "script" and a.get("type") != "application/json"]
    assert len(running) == 3


def test_talking_points_show_in_the_presenter_version_only(bundled) -> None:
    pack, document = bundled
    assert document.count('class="points"') == len(pack.steps)
    audience = pack_html(build_pack(load_dataset(ROOT / "data")))
    assert 'class="points"' not in audience


def test_json_blocks_cannot_end_their_script_element() -> None:
    block = json_block("spec-1", '{"a": "</script><script>alert(1)</script>&"}')
    assert "</script><script>" not in block
    assert block.count("</script>") == 1 and "\\u003c/script\\u003e" in block


def test_hostile_text_reaches_the_page_only_as_text(hostile) -> None:
    _, pack, document = hostile
    tags = parsed(document)
    inside = {t for t, _ in tags.main_tags}
    assert inside <= {
        "section",
        "h2",
        "h3",
        "div",
        "p",
        "ul",
        "ol",
        "li",
        "blockquote",
        "span",
        "a",
        "footer",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "strong",
    }
    handlers = [(t, k) for t, a in tags.main_tags for k in a if k.startswith("on")]
    assert handlers == []
    links = [a["href"] for t, a in tags.main_tags if t == "a"]
    assert links and all(href.startswith(("http://", "https://")) for href in links)
    text = "".join(tags.main_text)
    assert "<script>window.__xss=1,alert(1)</script>" in text  # the title of step 1, shown literally
    assert pack.steps[0].title in text


def test_hostile_specs_carry_no_raw_markup(hostile) -> None:
    _, _, document = hostile
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', document, flags=re.S):
        assert "<" not in block and ">" not in block


def test_judgments_come_first_with_likelihood_and_confidence_as_two_labels() -> None:
    import pandas as pd

    ds = load_dataset(ROOT / "data")
    table = pd.DataFrame(
        {
            "judgment_id": ["withdrawn"],
            "statement": ["North Korean units were withdrawn <b>from</b> the front in late January 2025."],
            "likelihood": ["likely"],
            "confidence": ["moderate"],
            "made": pd.to_datetime(["2025-02-10"]),
            "order": [1],
        }
    )
    document = pack_html(build_pack(ds.with_tables(judgments=table)))
    first = document[document.index('id="judgments"') : document.index('id="step-1"')]
    assert "withdrawn &lt;b&gt;from&lt;/b&gt; the front" in first
    assert "likelihood: likely · confidence: moderate · made 2025-02-10" in first
    assert NO_JUDGMENTS not in first
