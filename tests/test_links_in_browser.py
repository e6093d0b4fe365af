"""The law's own links in a real browser: a reader follows a reference and reads a definition without leaving the
text, by keyboard as well as by pointer."""

import re

import pytest
from playwright.sync_api import expect

from tests.test_reader_in_browser import assert_no_accessibility_violations

pytestmark = pytest.mark.browser
LAW = "/laws/foreign-intelligence"


def test_a_reference_leads_to_the_provision_in_the_same_edition(bundled_site, page):
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_2/")
    page.get_by_role("link", name="item 3) of Article 6").click()
    expect(page).to_have_url(f"{bundled_site}{LAW}/on/2014-04-18/art_6/#art_6__subpara_3")
    expect(page.locator("#art_6__subpara_3")).to_be_in_viewport()
    cited_by = page.get_by_role("region", name="Provisions that refer to Article 6")
    expect(cited_by.get_by_role("link", name="Article 2, part 1, item 3")).to_be_visible()


def test_a_definition_opens_beside_its_term_by_keyboard_and_closes_with_escape(bundled_site, page, artifacts_dir):
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_4/")
    term = page.locator("#art_4__subpara_1 a.defined-term")
    expect(term).to_have_text("intelligence information")
    # Screen readers hear the definition as the link's description.
    expect(term).to_have_accessible_description(re.compile(r"^intelligence information – information obtained"))
    popover = page.locator(".definition-popover")
    expect(popover).to_be_hidden()
    term.focus()  # as the Tab key would
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("information obtained and (or) used to ensure the national security")
    assert_no_accessibility_violations(page, "definition-popover", artifacts_dir)
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    term.press("Enter")  # the link itself opens the definition
    expect(page).to_have_url(f"{bundled_site}{LAW}/on/2014-04-18/art_1/#art_1__subpara_1")
