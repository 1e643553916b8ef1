"""Browser: the overview's first screen holds the bottom line and the first chart; nothing cut or overflowing."""

from __future__ import annotations

from tooling.chromium import DESKTOP, PHONE, wait_for_app

SCREEN = DESKTOP["height"]


def open_overview(page, app_server, query: str = "") -> None:
    page.goto(app_server() + "/" + query)
    wait_for_app(page, timeout_ms=90_000)
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=30_000)


def main_height(page) -> int:
    return page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")


def test_first_judgment_and_first_figures_chart_are_both_in_the_first_screen(page, app_server):
    open_overview(page, app_server)
    judgment = page.get_by_text("North Korea sent about 11,000 to 12,000").bounding_box()
    chart = page.locator("[data-testid='stPlotlyChart']").first.bounding_box()
    assert judgment["y"] >= 0 and judgment["y"] + judgment["height"] <= SCREEN
    assert chart["y"] >= 0 and chart["y"] + chart["height"] <= SCREEN


def test_the_overview_is_at_most_three_screens_tall_and_no_figure_or_label_is_cut(page, app_server):
    open_overview(page, app_server)
    assert main_height(page) <= 3 * SCREEN
    chart_text = page.locator("[data-testid='stPlotlyChart'] text").all_text_contents()
    assert chart_text and not [t for t in chart_text if "…" in t or "..." in t]
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stPageLink] p, [data-testid=stPopover] p')]
              .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
    )
    assert clipped == []


def test_at_phone_width_nothing_overflows_sideways(browser, app_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        open_overview(page, app_server)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.get_by_text("North Korea sent about 11,000 to 12,000").is_visible()
    finally:
        context.close()


def test_typing_a_since_date_and_pressing_enter_applies_it(page, app_server):
    open_overview(page, app_server)
    field = page.get_by_label("What changed since (YYYY-MM-DD, Enter applies)")
    field.scroll_into_view_if_needed()
    field.fill("2025-02-01")
    field.press("Enter")
    wait_for_app(page)
    page.wait_for_function("() => location.search.includes('since=2025-02-01')", timeout=15_000)
    assert page.get_by_text("Changed judgment").first.is_visible()


def test_a_judgments_evidence_link_narrows_every_page_until_cleared(page, app_server):
    open_overview(page, app_server)
    page.get_by_role("link", name="Made 27 Feb 2025; rests on 3 events and 3 estimates").click()
    wait_for_app(page)
    page.wait_for_function("() => location.search.includes('judgment=back-at-front-february')", timeout=15_000)
    banner = "Showing only the evidence of key judgment 'back-at-front-february'"
    assert page.get_by_text(banner).is_visible()
    page.get_by_role("link", name="Timeline").click()
    wait_for_app(page)
    assert page.get_by_text(banner).is_visible()
    page.get_by_role("button", name="Show all").click()
    wait_for_app(page)
    assert page.get_by_text(banner).count() == 0
    assert "judgment=" not in page.url


def test_the_sidebar_date_input_does_not_apply_a_typed_date_on_enter(page, app_server):
    """Why the since date is a text field: Streamlit 1.67's date_input commits on a pick or blur, not on Enter.

    If this starts failing, Streamlit applies typed dates on Enter and the text field could become a date_input.
    """
    open_overview(page, app_server)
    as_of = page.locator("[data-testid=stDateInput]").filter(has_text="As of")
    as_of.locator("[role=spinbutton]").first.click()
    page.keyboard.type("20250115")
    page.keyboard.press("Enter")
    page.wait_for_timeout(2_000)
    wait_for_app(page)
    assert "asof=" not in page.url
