"""The one self-contained HTML file of a pack: plotly and deck.gl embedded, no request to anywhere.

Data text is escaped with `html.escape` (the figures' hover text is already escaped by their builders, and
the map's tooltips are deck.gl *text*); chart and map specs travel as `application/json` blocks, which a
browser never runs. A Content-Security-Policy allows exactly the page's own scripts (by hash) and no
network at all, so even a value that slipped through escaping could neither run nor fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import lru_cache
from pathlib import Path

import plotly
import pydeck

from components.pack.content import NO_JUDGMENTS, Citation, Claim, Pack, Quote, StepContent
from components.present.places import TOOLTIP
from components.state.known import Judgment

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
DECK_JS = Path(pydeck.__file__).parent / "nbextension" / "static" / "index.js"
STYLE = """
:root { --ink:#1B1F24; --muted:#5A6270; --line:#D5D9E0; --accent:#0B5CAD; }
* { box-sizing: border-box; }
body { margin:0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color:var(--ink); background:#FFFFFF; }
header.bar { display:flex; align-items:center; gap:1rem; padding:.5rem 1rem; border-bottom:1px solid var(--line); }
header.bar h1 { font-size:1rem; margin:0; flex:1; }
header.bar button { font:inherit; padding:.25rem .75rem; }
section.page { padding:1rem 1.5rem 3.5rem; min-height:calc(100vh - 3rem); position:relative; }
section.page h2 { margin:.2rem 0 .8rem; font-size:1.5rem; }
.layout { display:grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap:1.25rem; }
.visual { width:100%; height:62vh; min-height:360px; position:relative; background:#F7F7F5; }
.deck-host { position:absolute; inset:0; }
.visual.figures, .visual.none { height:auto; min-height:0; background:none; }
.side { font-size:.92rem; max-height:70vh; overflow:auto; }
.side h3 { font-size:.95rem; margin:.9rem 0 .3rem; }
.lead { font-weight:600; }
blockquote { margin:.4rem 0; padding:.3rem .7rem; border-left:3px solid var(--line); }
.credit, .grade, .muted { color:var(--muted); font-size:.85rem; }
.points { background:#FFF8E1; border:1px solid #E8D9A0; padding:.6rem .8rem; margin-top:1rem; }
table { border-collapse:collapse; font-size:.88rem; width:100%; }
th, td { text-align:left; border-bottom:1px solid var(--line); padding:.25rem .4rem; vertical-align:top; }
ol.judgments li { margin:.6rem 0; font-size:1.1rem; }
.labels { color:var(--muted); font-size:.9rem; }
footer.stamp { position:absolute; bottom:.6rem; left:1.5rem; right:1.5rem; color:var(--muted); font-size:.8rem;
  border-top:1px solid var(--line); padding-top:.3rem; }
a { color:var(--accent); }
body.capture header.bar, body.capture footer.stamp, body.capture .side, body.capture h2 { display:none; }
body.capture section.page { padding:0; min-height:0; }
body.capture .layout { display:block; }
body.capture .visual { width:1100px; height:560px; background:#FFFFFF; }
body.capture .visual.figures { height:auto; font-size:1.1rem; }
"""
APP_JS = """
(function () {
  const pages = Array.from(document.querySelectorAll('section.page'));
  const counter = document.getElementById('counter');
  const tooltip = JSON.parse(document.getElementById('deck-tooltip').textContent);
  let at = 0;
  let shared = null;
  function capturing() { return document.body.classList.contains('capture'); }
  function spec(page) { return JSON.parse(document.getElementById('spec-' + page.dataset.step).textContent); }
  function draw(page) {
    const box = page.querySelector('.visual');
    if (!box || box.dataset.drawn) return;
    box.dataset.drawn = 'started';
    if (page.dataset.kind === 'plotly') {
      const fig = spec(page);
      fig.layout.autosize = true; delete fig.layout.height;
      Plotly.newPlot(box, fig.data, fig.layout, {displaylogo: false, responsive: true})
        .then(function () { box.dataset.drawn = 'yes'; });
    } else if (page.dataset.kind === 'deck') {
      const json = spec(page);
      delete json.mapStyle; delete json.mapProvider;
      const done = function () { box.dataset.drawn = 'yes'; };
      const host = box.querySelector('.deck-host');
      if (capturing() && shared) {
        // One WebGL context for every map image: software GL compiles the layers' shaders only once.
        Array.from(shared.holder.childNodes).forEach(function (node) { host.appendChild(node); });
        shared.holder = host;
        updateDeck(json, shared.deck);
        shared.deck.setProps({onAfterRender: done});
      } else {
        const deck = createDeck({container: host, jsonInput: json, tooltip: tooltip});
        deck.setProps({onAfterRender: done});
        if (capturing()) shared = {deck: deck, holder: host};
      }
    } else {
      box.dataset.drawn = 'yes';
    }
  }
  function show(i) {
    at = Math.max(0, Math.min(pages.length - 1, i));
    pages.forEach(function (p, k) { p.hidden = k !== at; });
    draw(pages[at]);
    counter.textContent = (at + 1) + ' / ' + pages.length;
    if (location.hash !== '#' + pages[at].id) history.replaceState(null, '', '#' + pages[at].id);
  }
  window.packShow = function (id) { show(pages.findIndex(function (p) { return p.id === id; })); };
  document.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') { show(at + 1); e.preventDefault(); }
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') { show(at - 1); e.preventDefault(); }
    else if (e.key === 'Home') { show(0); } else if (e.key === 'End') { show(pages.length - 1); }
  });
  document.getElementById('prev').addEventListener('click', function () { show(at - 1); });
  document.getElementById('next').addEventListener('click', function () { show(at + 1); });
  const start = pages.findIndex(function (p) { return '#' + p.id === location.hash; });
  show(start < 0 ? 0 : start);
})();
"""


def e(value: object) -> str:
    """Data text as HTML text (quotes escaped too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def json_block(element_id: str, payload: str) -> str:
    """A JSON payload in a non-running script block; '<', '>' and '&' escaped so it cannot end the block."""
    safe = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{e(element_id)}">{safe}</script>'


@lru_cache(maxsize=2)
def bundle(path: Path) -> str:
    """A shipped JavaScript bundle, checked not to contain anything that would end its script block."""
    code = path.read_text(encoding="utf-8")
    if "</script" in code.lower():
        raise ValueError(f"{path} contains '</script' and cannot be inlined")
    return code


def script_hash(code: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def policy(scripts: list[str]) -> str:
    """No network, no plug-ins, no frames: only these scripts, inline styles and images from data: / blob:."""
    hashes = " ".join(script_hash(code) for code in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
        "worker-src blob:; connect-src 'none'; font-src 'none'; object-src 'none'; frame-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def link(citation: Citation) -> str:
    """A citation's address as a link (http(s) only, checked when the citation was made), else nothing."""
    if not citation.url:
        return ""
    return f' <a href="{e(citation.url)}" rel="noopener noreferrer" target="_blank">{e(citation.url)}</a>'


def citation_item(citation: Citation) -> str:
    """One citation: publisher, date, title, grade and address."""
    words = " · ".join(p for p in (citation.label, citation.title) if p)
    return f'<li>{e(words)} <span class="grade">[reliability {e(citation.grade)}]</span>{link(citation)}</li>'


def quote_item(quote: Quote) -> str:
    """A verbatim quote with its speaker, source and grade."""
    credit = f"— {quote.speaker}, {quote.source.label} [reliability {quote.source.grade}]"
    return f'<blockquote>“{e(quote.text)}”<div class="credit">{e(credit)}</div></blockquote>'


def claims_table(claims: tuple[Claim, ...]) -> str:
    """Figures as stated, each with its claimant, date and graded source."""
    rows = "".join(
        f"<tr><td>{e(c.claimant)}</td><td>{e(c.stated)}</td><td>{e(c.what)}</td><td>{e(c.date)}</td>"
        f"<td>{e(c.source.label)} <span class='grade'>[{e(c.source.grade)}]</span></td></tr>"
        for c in claims
    )
    return (
        "<table><thead><tr><th>claimant</th><th>figure as stated</th><th>what</th><th>stated</th>"
        f"<th>source [reliability]</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def judgment_item(judgment: Judgment) -> str:
    """A judgment, its likelihood and confidence as two labels, when it was made, and its note."""
    labels = [
        f"likelihood: {judgment.likelihood}" if judgment.likelihood else "statement of fact",
        f"confidence: {judgment.confidence}" if judgment.confidence else "",
        f"made {judgment.made:%Y-%m-%d}",
    ]
    note = f'<div class="muted">{e(judgment.note)}</div>' if judgment.note else ""
    return f'<li>{e(judgment.statement)}<div class="labels">{e(" · ".join(x for x in labels if x))}</div>{note}</li>'


def judgments_list(pack: Pack) -> str:
    """The key judgments as a numbered list (or a line saying none are recorded), then the pack's filters."""
    if pack.judgments:
        body = '<ol class="judgments">' + "".join(judgment_item(j) for j in pack.judgments) + "</ol>"
    else:
        body = f'<p class="muted">{e(NO_JUDGMENTS)}</p>'
    return body + (f'<p class="muted">Filters: {e(pack.filters)}</p>' if pack.filters else "")


def judgments_page(pack: Pack) -> str:
    """The first page: the key judgments, or a line saying none are recorded."""
    return (
        f'<section class="page" id="judgments" data-kind="none"><h2>Key judgments</h2>{judgments_list(pack)}'
        f'<p class="muted">{len(pack.steps)} briefing steps follow; use the Right and Left arrow keys.</p>'
        f"{footer(pack)}</section>"
    )


def side_panel(step: StepContent) -> str:
    """What the app's detail panel shows beside a step's visual: lead, details, quotes, figures, citations."""
    parts = [f'<p class="lead">{e(step.lead)}</p>' if step.lead else ""]
    parts += [f"<p>{e(d)}</p>" for d in step.details]
    if step.quotes:
        parts.append("<h3>In the source's own words</h3>" + "".join(quote_item(q) for q in step.quotes))
    if step.claims and step.kind != "figures":
        parts.append("<h3>Figures and who claims them</h3>" + claims_table(step.claims))
    if step.citations:
        parts.append("<h3>Sources</h3><ul>" + "".join(citation_item(c) for c in step.citations) + "</ul>")
    parts += [f'<p class="muted">{e(n)}</p>' for n in step.notices]
    if step.talking_points:
        parts.append(f'<div class="points"><strong>Talking points</strong><p>{e(step.talking_points)}</p></div>')
    return '<div class="side">' + "".join(parts) + "</div>"


def visual(step: StepContent) -> str:
    """The step's visual box: plotly and deck boxes are filled by the script, figures are a table."""
    label = f' role="img" aria-label="{e(step.alt)}"' if step.kind in ("plotly", "deck") else ""
    # deck.gl puts an overlay beside its container: a host inside the box keeps it out of the page's grid.
    inner = (
        claims_table(step.claims) if step.kind == "figures" else '<div class="deck-host"></div>' * (step.kind == "deck")
    )
    inner = '<p class="muted">Nothing to draw for this step with these filters.</p>' if step.kind == "none" else inner
    if step.kind == "judgments":
        inner = '<ol class="judgments">' + "".join(judgment_item(j) for j in step.judgments) + "</ol>"
    return f'<div class="visual {e(step.kind)}" id="visual-{step.number}"{label}>{inner}</div>'


def step_page(pack: Pack, step: StepContent) -> str:
    """One briefing step: its number and title, its visual beside its panel, and the footer."""
    return (
        f'<section class="page" id="step-{step.number}" data-step="{step.number}" data-kind="{e(step.kind)}" hidden>'
        f"<h2>{step.number}. {e(step.title)}</h2>"
        f'<div class="layout">{visual(step)}{side_panel(step)}</div>{footer(pack)}</section>'
    )


def sources_page(pack: Pack) -> str:
    """Every source the pack cites, with its grade and address."""
    items = "".join(citation_item(c) for c in pack.sources)
    return (
        f'<section class="page" id="sources" data-kind="none" hidden><h2>Sources</h2><ol>{items}</ol>'
        f"{footer(pack)}</section>"
    )


def footer(pack: Pack) -> str:
    """The as-of date and data stamp, on every page."""
    return f'<footer class="stamp">{e(pack.footer)} · made {e(pack.made)}</footer>'


def specs(pack: Pack) -> str:
    """The chart and map specs as JSON blocks, one per step that draws one."""
    blocks = [json_block(f"spec-{s.number}", s.spec) for s in pack.steps if s.kind in ("plotly", "deck")]
    return "".join(blocks) + json_block("deck-tooltip", json.dumps(TOOLTIP))


def pack_html(pack: Pack) -> str:
    """The whole pack as one HTML document that needs no network."""
    scripts = [bundle(PLOTLY_JS), bundle(DECK_JS), APP_JS]
    pages = judgments_page(pack) + "".join(step_page(pack, s) for s in pack.steps) + sources_page(pack)
    version = "presenter version" if pack.presenter else "audience version"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy(scripts)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(pack.title)} — briefing pack ({version})</title><style>{STYLE}</style>"
        f"<script>{scripts[0]}</script><script>{scripts[1]}</script></head><body>"
        f'<header class="bar"><h1>{e(pack.title)}</h1><span class="muted">{e(version)}</span>'
        '<button id="prev" type="button">← Previous</button><span id="counter"></span>'
        '<button id="next" type="button">Next →</button></header>'
        f"<main>{pages}</main>{specs(pack)}<script>{scripts[2]}</script></body></html>"
    )
