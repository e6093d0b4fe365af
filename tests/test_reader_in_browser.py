"""The reader in a real browser: Debian's Chromium driven by Playwright, checked with axe-core."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser_checks import is_csp_violation

pytestmark = pytest.mark.browser
LAW = "/laws/foreign-intelligence"


def assert_no_accessibility_violations(page, name, artifacts_dir):
    page.screenshot(path=str(artifacts_dir / f"{name}.png"), full_page=False)
    results = Axe().run(page)
    violations = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]
    assert violations == [], results.generate_report()


def test_reader_follows_library_to_law_and_uses_the_contents(bundled_site, page):
    page.goto(f"{bundled_site}/laws/")
    page.get_by_role("link", name=re.compile("On Foreign Intelligence")).click()
    expect(page).to_have_url(f"{bundled_site}{LAW}/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_text("Unofficial English translation prepared for Lawreader").first).to_be_visible()

    page.locator(".toc").get_by_role("link", name=re.compile(r"^9-1\. ")).click()
    expect(page).to_have_url(re.compile(r"#art_9-1$"))
    expect(page.locator("#art_9-1")).to_be_in_viewport()


def test_permalink_to_an_item_scrolls_to_it_and_highlights_it(bundled_site, page):
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_9__subpara_20-1/")
    expect(page).to_have_url(f"{bundled_site}{LAW}/on/2014-04-18/art_9/#art_9__subpara_20-1")
    item = page.locator("#art_9__subpara_20-1")
    expect(item).to_be_in_viewport()
    expect(item).to_have_class(re.compile("is-highlighted"))
    background = item.locator("> .provision-text").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_picking_a_date_shows_the_edition_in_force_then(bundled_site, page):
    page.goto(f"{bundled_site}{LAW}/")
    page.get_by_label("As in force on").fill("2012-06-01")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{bundled_site}{LAW}/on/2012-06-01/")
    expect(page.locator(".edition-label")).to_have_text("As adopted (22 May 2010)")
    expect(page.get_by_text("This is a historical edition")).to_be_visible()


def test_copy_citation_puts_the_citation_on_the_clipboard(bundled_site, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=bundled_site)
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_9/")
    item = page.locator("#art_9__subpara_20-1")
    item.get_by_role("button", name=re.compile("Copy citation")).first.click()
    citation = "Law No. 277-IV, Art. 9, item 20-1 (edition of 18 April 2014)"
    expect(item.locator(".copied").first).to_contain_text(citation)
    assert page.evaluate("navigator.clipboard.readText()") == citation


def test_previous_and_next_article_links(bundled_site, page):
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_9/")
    page.get_by_role("link", name=re.compile(r"Article 9-1\. .* →")).click()
    expect(page).to_have_url(f"{bundled_site}{LAW}/on/2014-04-18/art_9-1/")
    expect(page.locator("h1")).to_contain_text("Article 9-1.")


@pytest.mark.markup
@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("library", "/laws/"),
        ("edition", f"{LAW}/on/2014-04-18/"),
        ("article", f"{LAW}/on/2014-04-18/art_9/"),
        ("not-found", f"{LAW}/on/2012-01-01/art_9-1/"),
    ],
)
def test_pages_have_no_accessibility_violations(bundled_site, page, artifacts_dir, name, path):
    page.goto(f"{bundled_site}{path}")
    assert_no_accessibility_violations(page, name, artifacts_dir)


@pytest.mark.markup
def test_dark_mode_has_no_accessibility_violations(bundled_site, page, artifacts_dir):
    page.emulate_media(color_scheme="dark")
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_16-1/")
    assert_no_accessibility_violations(page, "article-dark", artifacts_dir)


def test_narrow_screen_collapses_contents_and_does_not_scroll_sideways(bundled_site, page, artifacts_dir):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_9/")
    expect(page.locator("details.toc")).not_to_have_attribute("open", "")
    expect(page.locator("details.timeline-details")).not_to_have_attribute("open", "")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(artifacts_dir / "article-375px.png"), full_page=False)


def test_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_the_text(bundled_site, page):
    page.goto(f"{bundled_site}{LAW}/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the text")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))


def test_the_content_security_policy_is_enforced_and_violations_are_seen(bundled_site, browser):
    """The policy blocks inline script; the check every browser test runs under (conftest `context`) sees it."""
    page = browser.new_page()
    seen = []
    page.on("console", lambda message: seen.append(message) if is_csp_violation(message) else None)
    page.goto(f"{bundled_site}/laws/foreign-intelligence/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        " document.head.append(s); }"
    )
    assert page.evaluate("() => window.injected") is None
    assert seen
    page.close()


def test_printing_a_historical_edition_keeps_what_it_must_say_and_drops_navigation(bundled_site, page):
    page.goto(f"{bundled_site}{LAW}/on/2016-06-01/art_9/")
    page.emulate_media(media="print")
    expect(page.locator(".banner")).to_be_visible()
    expect(page.locator(".pending-changes")).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".sidebar")).to_be_hidden()


def test_printing_keeps_the_banners_and_the_citation_and_drops_navigation(bundled_site, page):
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_9/")
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    expect(page.locator(".print-citation")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.get_by_text("This is a historical edition")).to_be_visible()
    expect(page.locator(".source-note").first).to_contain_text("Unofficial English translation")
    expect(page.locator(".print-citation")).to_contain_text("Law No. 277-IV, Art. 9 (edition of 18 April 2014)")
    for hidden in (".site-header", ".sidebar", ".provision-tools >> nth=0", ".article-nav", ".print-page"):
        expect(page.locator(hidden)).to_be_hidden()


@pytest.mark.markup
@pytest.mark.parametrize(
    ("name", "language", "library"), [("Русский", "ru", "Библиотека"), ("Қазақ", "kk", "Кітапхана")]
)
def test_the_interface_switches_language_and_stays_accessible(
    bundled_site, page, artifacts_dir, name, language, library
):
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_9/")
    page.locator(".interface-languages").get_by_role("link", name=name).click()
    expect(page).to_have_url(f"{bundled_site}{LAW}/on/2014-04-18/art_9/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(".site-header").get_by_role("link", name=library)).to_be_visible()
    expect(page.locator(".law-text")).to_have_attribute("lang", "en")  # the law's text stays in its own language
    assert_no_accessibility_violations(page, f"article-{language}", artifacts_dir)
    page.goto(f"{bundled_site}/laws/")  # remembered by cookie on the next page
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.markup
@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize(
    "path",
    [
        "/laws/",
        f"{LAW}/on/2014-04-18/",
        f"{LAW}/on/2014-04-18/contents/",
        f"{LAW}/compare/2010-06-02/to/2014-04-18/?layout=side",
        f"{LAW}/history/art_9/",
        f"{LAW}/amendments/",
        "/search/?q=intelligence+information",
    ],
)
def test_every_kind_of_page_is_accessible_in_russian_and_kazakh(bundled_site, page, artifacts_dir, path, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": bundled_site}])
    page.goto(bundled_site + path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    name = re.sub(r"\W+", "-", path).strip("-") or "home"
    assert_no_accessibility_violations(page, f"{language}-{name}", artifacts_dir)
