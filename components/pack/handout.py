"""The PDF handout: key judgments on page 1, one step per page with its visual as an image, then the sources.

The handout is a print document of its own (no sidebar, no scrolling panels): each step's visual is the
image Chromium took of the HTML pack, sized to the page; every figure carries its claimant and every quote
its source and grade as numbered footnotes; Chromium's footer repeats the as-of date and data stamp.
"""

from __future__ import annotations

import base64

from components.pack.content import Citation, Pack, StepContent
from components.pack.grades import GRADES
from components.pack.page import claims_table, e, judgment_item, judgments_list

PAPERS = {"a4": "A4", "letter": "Letter"}
SOURCES_PER_PAGE = 16
MARGIN = {"top": "10mm", "bottom": "14mm", "left": "12mm", "right": "12mm"}
STYLE = """
* { box-sizing: border-box; }
body { margin:0; font-family: "DejaVu Sans", system-ui, sans-serif; color:#1B1F24; font-size:9.5pt; }
section.sheet { page-break-after: always; break-after: page; overflow: hidden; height: var(--sheet-height); }
section.sheet:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
.lead { font-weight: bold; margin: 1mm 0; }
img.visual { display: block; max-width: 100%; object-fit: contain; margin: 1mm auto 2mm; border: 0.2mm solid #D5D9E0; }
.details { margin: 0 0 1.5mm; }
ol.notes { columns: 3; column-gap: 6mm; font-size: 6.8pt; margin: 0; padding-left: 4.5mm; color: #333; }
ol.notes li { break-inside: avoid; margin-bottom: .6mm; }
.grade { color: #5A6270; }
.points { border: .3mm solid #E8D9A0; background: #FFF8E1; padding: 1.5mm 2.5mm; margin: 1.5mm 0; font-size: 8.5pt; }
ol.judgments li { margin: 2.5mm 0; font-size: 11pt; }
.key { font-size: 6.5pt; color: #5A6270; margin: 1mm 0 0; }
.labels, .muted { color: #5A6270; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
th, td { text-align: left; border-bottom: .2mm solid #D5D9E0; padding: .6mm 1.2mm; vertical-align: top; }
ol.sources { font-size: 8pt; padding-left: 7mm; }
ol.sources li { margin-bottom: 1.2mm; }
.address { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; color: #0B5CAD; word-break: break-all; }
"""
SHEET_HEIGHT = {"A4": "184mm", "Letter": "190mm"}  # page height minus the margins and the footer


def cite(citation: Citation) -> str:
    """A footnote's source part: 'Publisher, date [grade letter]'."""
    return f"{e(citation.label)} <span class='grade'>[{e(citation.code)}]</span>"


def grade_key() -> str:
    """The grade letters spelled out once per page."""
    return "Source reliability (NATO / Admiralty scale): " + " · ".join(f"{k} {v}" for k, v in GRADES.items())


def footnotes(step: StepContent) -> list[str]:
    """Every figure with its claimant, every quote with its source and grade, then the other sources."""
    notes = [f"{e(c.claimant)}: {e(c.stated)} {e(c.what)}, {e(c.date)} — {cite(c.source)}" for c in step.claims]
    notes += [f"“{e(q.text)}” — {e(q.speaker)}, {cite(q.source)}" for q in step.quotes]
    named = {c.source.source_id for c in step.claims} | {q.source.source_id for q in step.quotes}
    notes += [f"{cite(c)} · {e(c.title)}" for c in step.citations if c.source_id not in named]
    return notes


def image_height(notes: int, lines: int) -> float:
    """The visual's height in mm: the page's room left by its footnotes and text lines."""
    return max(75, min(124, 128 - 1.6 * (notes // 3 + 1) - 5 * lines))


def step_sheet(step: StepContent, image: bytes | None) -> str:
    """One step on one page: title, lead, visual image, talking points, footnotes."""
    notes = footnotes(step)
    details = " · ".join(step.details)
    lines = (
        (1 if step.lead else 0)
        + len(details) // 180
        + 1
        + (len(step.talking_points) // 160 + 1) * bool(step.talking_points)
    )
    parts = [f"<h1>{step.number}. {e(step.title)}</h1>"]
    parts += [f'<p class="lead">{e(step.lead)}</p>'] if step.lead else []
    parts += [f'<p class="details">{e(details)}</p>'] if details else []
    if step.kind == "judgments":
        parts.append('<ol class="judgments">' + "".join(judgment_item(j) for j in step.judgments) + "</ol>")
    elif step.kind == "figures":
        parts.append(claims_table(step.claims))
        notes = notes[len(step.claims) :]
    elif image is not None:
        data = base64.b64encode(image).decode()
        parts.append(
            f'<img class="visual" alt="{e(step.alt)}" src="data:image/png;base64,{data}" '
            f'style="max-height:{image_height(len(notes), lines)}mm">'
        )
    else:
        parts.append('<p class="muted">Nothing to draw for this step with these filters.</p>')
    if step.talking_points:
        parts.append(f'<div class="points"><b>Talking points.</b> {e(step.talking_points)}</div>')
    if notes:
        parts.append('<ol class="notes">' + "".join(f"<li>{n}</li>" for n in notes) + "</ol>")
        parts.append(f'<p class="key">{e(grade_key())}</p>')
    return f'<section class="sheet">{"".join(parts)}</section>'


def judgments_sheet(pack: Pack) -> str:
    """Page 1: the key judgments (or a line saying none are recorded), the filters and the version."""
    return (
        f'<section class="sheet"><h1>Key judgments</h1><p class="muted">{e(pack.title)} — briefing handout, '
        f"{len(pack.steps)} steps, made {e(pack.made)}</p>{judgments_list(pack)}</section>"
    )


def source_item(citation: Citation) -> str:
    """A source in the list: publisher, date, title, grade and its address written out."""
    address = f'<div class="address">{e(citation.url)}</div>' if citation.url else '<div class="muted">no address</div>'
    words = " · ".join(p for p in (citation.label, citation.title) if p)
    return f"<li>{e(words)} <span class='grade'>[reliability {e(citation.grade)}]</span>{address}</li>"


def sources_sheets(pack: Pack) -> list[str]:
    """The sources list, a fixed number per page so that each page carries its own title."""
    chunks = [pack.sources[i : i + SOURCES_PER_PAGE] for i in range(0, len(pack.sources), SOURCES_PER_PAGE)] or [()]
    return [
        f'<section class="sheet"><h1>Sources ({n}/{len(chunks)})</h1>'
        f'<ol class="sources" start="{(n - 1) * SOURCES_PER_PAGE + 1}">{"".join(source_item(c) for c in chunk)}</ol>'
        "</section>"
        for n, chunk in enumerate(chunks, start=1)
    ]


def handout_html(pack: Pack, images: dict[int, bytes], paper: str = "A4") -> str:
    """The print document of the handout (one `section.sheet` per printed page)."""
    sheets = [judgments_sheet(pack)] + [step_sheet(s, images.get(s.number)) for s in pack.steps]
    sheets += sources_sheets(pack)
    style = STYLE.replace("var(--sheet-height)", SHEET_HEIGHT[paper])
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        f'img-src data:"><title>{e(pack.title)}</title><style>{style}</style></head>'
        f"<body>{''.join(sheets)}</body></html>"
    )


def footer_template(pack: Pack) -> str:
    """Chromium's footer on every page: as-of date, data stamp, version, page number."""
    return (
        '<div style="font-size:7.5pt;color:#5A6270;width:100%;padding:0 12mm;font-family:sans-serif;">'
        f'{e(pack.footer)} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
    )


def print_pdf(page: object, pack: Pack, paper: str) -> bytes:
    """The handout printed by the page's Chromium, landscape, with the footer on every page."""
    return page.pdf(
        format=paper,
        landscape=True,
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=footer_template(pack),
        margin=MARGIN,
    )
