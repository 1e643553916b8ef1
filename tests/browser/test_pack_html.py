"""The HTML pack opened in Chromium with the network cut off: everything draws, keys move, nothing runs."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from components.data.loading import load_dataset
from components.pack.content import build_pack
from components.pack.page import pack_html

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
DRAW_MS = 120_000
INJECTED_JS = """
() => {
  const found = [];
  for (const el of document.querySelectorAll('main *')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName.toLowerCase()}[${attr.name}]`);
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG'].includes(el.tagName)) found.push(el.tagName);
  }
  return found;
}
"""


def offline(page) -> list[str]:
    """Abort every request that is not for a file: address; return the list of those aborted."""
    blocked: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return blocked


def written(tmp_path: Path, data: Path, presenter: bool = False):
    pack = build_pack(load_dataset(data), presenter=presenter)
    path = tmp_path / "pack.html"
    path.write_text(pack_html(pack), encoding="utf-8")
    return pack, path


def shown_id(page) -> str:
    return page.evaluate("() => document.querySelector('section.page:not([hidden])').id")


def test_the_pack_draws_every_step_offline_and_keys_move_between_steps(page, tmp_path: Path) -> None:
    pack, path = written(tmp_path, ROOT / "data")
    blocked = offline(page)
    page.goto(path.as_uri())
    assert shown_id(page) == "judgments"
    shown = page.locator("#judgments").inner_text()
    assert pack.judgments and all(j.statement in shown for j in pack.judgments)
    svgs, maps = 0, 0
    for step in pack.steps:
        page.keyboard.press("ArrowRight")
        assert shown_id(page) == f"step-{step.number}"
        section = page.locator(f"#step-{step.number}")
        assert section.locator("h2").inner_text() == f"{step.number}. {step.title}"
        assert f"data stamp {pack.stamp}" in section.locator("footer").inner_text()
        visual, side = section.locator(".visual").bounding_box(), section.locator(".side").bounding_box()
        assert visual["x"] + visual["width"] <= side["x"] and abs(visual["y"] - side["y"]) < 2  # side by side
        if step.kind == "plotly":
            section.locator(".visual svg.main-svg").first.wait_for(timeout=DRAW_MS)
            assert section.locator(".visual .scatterlayer .point, .visual .barlayer .point").count() > 0
            svgs += 1
        elif step.kind == "deck":
            page.wait_for_function(
                f"() => document.getElementById('visual-{step.number}').dataset.drawn === 'yes'", timeout=DRAW_MS
            )
            image = Image.open(io.BytesIO(section.locator(".visual").screenshot())).convert("RGB")
            colours = image.getcolors(maxcolors=1_000_000)
            background = max(colours)[1]
            assert sum(n for n, c in colours if c != background) > 0.02 * image.width * image.height
            maps += 1
    assert (svgs, maps) == (sum(s.kind == "plotly" for s in pack.steps), sum(s.kind == "deck" for s in pack.steps))
    assert svgs >= 8 and maps == 2
    page.keyboard.press("ArrowRight")
    assert shown_id(page) == "sources"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert shown_id(page) == f"step-{pack.steps[-2].number}"
    assert blocked == []


def test_the_hostile_corpus_packed_runs_no_script(page, dialogs: list[str], tmp_path: Path) -> None:
    pack, path = written(tmp_path, HOSTILE, presenter=True)
    blocked = offline(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    for step in pack.steps:
        page.keyboard.press("ArrowRight")
        assert shown_id(page) == f"step-{step.number}"
        box = page.locator(f"#visual-{step.number}")
        if step.kind in ("plotly", "deck"):
            page.wait_for_function(
                f"() => document.getElementById('visual-{step.number}').dataset.drawn === 'yes'", timeout=DRAW_MS
            )
            area = box.bounding_box()
            for fx in (0.2, 0.4, 0.6, 0.8):
                page.mouse.move(area["x"] + fx * area["width"], area["y"] + 0.5 * area["height"])
                page.wait_for_timeout(30)
    assert page.evaluate(INJECTED_JS) == []
    assert page.evaluate("() => window.__xss") is None
    links = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    assert links and all(href.startswith(("http://", "https://")) for href in links)
    assert "<script>window.__xss=1,alert(1)</script>" in page.locator("#step-1 h2").inner_text()
    assert dialogs == [] and errors == [] and blocked == []
