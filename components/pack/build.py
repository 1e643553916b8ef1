"""Build a pack in one of three formats from a dataset, filters and version: the one entry of app and command."""

from __future__ import annotations

from dataclasses import dataclass

from components.data.dataset import Dataset
from components.pack.chromium import chromium_page, visual_images
from components.pack.content import Pack, build_pack
from components.pack.handout import PAPERS, handout_html, print_pdf
from components.pack.page import pack_html
from components.state.filters import Filters

FORMATS = ("html", "pdf", "pptx")
MEDIA_TYPES = {
    "html": "text/html",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@dataclass(frozen=True)
class PackRequest:
    """What to pack: format, filters (with the as-of date), presenter or audience version, paper size."""

    format: str = "html"
    filters: Filters = Filters()
    presenter: bool = False
    paper: str = "a4"


def file_name(request: PackRequest, stamp: str) -> str:
    """The download's name: briefing, version, as-of date, data stamp, format."""
    version = "presenter" if request.presenter else "audience"
    as_of = f"-asof-{request.filters.as_of.isoformat()}" if request.filters.as_of else ""
    paper = f"-{request.paper}" if request.format == "pdf" else ""
    return f"kursk-briefing-{version}{as_of}-{stamp or 'data'}{paper}.{request.format}"


def rendered(pack: Pack, document: str, request: PackRequest) -> bytes:
    """PDF or PPTX bytes: Chromium draws each step's visual from the HTML pack, then prints or hands them over."""
    from components.pack.slides import pptx_bytes

    with chromium_page() as page:
        images = visual_images(page, document, [(s.number, s.kind) for s in pack.steps])
        if request.format == "pptx":
            return pptx_bytes(pack, images)
        paper = PAPERS[request.paper]
        page.set_content(handout_html(pack, images, paper), wait_until="load")
        return print_pdf(page, pack, paper)


def build(ds: Dataset, request: PackRequest) -> bytes:
    """The pack's bytes; raises ChromiumMissing for PDF and PPTX where no Chromium is installed."""
    if request.format not in FORMATS:
        raise ValueError(f"unknown pack format {request.format!r}: choose one of {', '.join(FORMATS)}")
    pack = build_pack(ds, request.filters, request.presenter)
    document = pack_html(pack)
    if request.format == "html":
        return document.encode("utf-8")
    return rendered(pack, document, request)
