"""Searching from the box on every page, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.test_reader_in_browser import assert_no_accessibility_violations

pytestmark = pytest.mark.browser
LAW = "/laws/foreign-intelligence"


def test_search_opens_a_result_with_the_words_highlighted(bundled_site, page):
    page.goto(f"{bundled_site}/laws/")
    page.get_by_role("searchbox", name=re.compile("Search")).fill("intelligence community")
    page.get_by_role("searchbox", name=re.compile("Search")).press("Enter")
    expect(page.locator(".result-count")).to_contain_text("results")
    page.get_by_role("link", name=re.compile(r"^item 1-2\. intelligence community")).first.click()
    expect(page).to_have_url(re.compile(r"/art_1/\?hl=intelligence\+community#art_1__subpara_1-2$"))
    hits = page.locator("#art_1__subpara_1-2 mark.search-hit")
    expect(hits.first).to_be_visible()
    assert {text.lower() for text in hits.all_inner_texts()} >= {"intelligence", "community"}


def test_citation_in_the_box_goes_straight_to_the_provision(bundled_site, page):
    page.goto(f"{bundled_site}{LAW}/")
    page.get_by_role("searchbox", name=re.compile("Search")).fill("ст. 9 пп. 20-1")
    page.get_by_role("button", name="Search", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/on/2024-01-05/art_9/#art_9__subpara_20-1$"))
    expect(page.locator("#art_9__subpara_20-1")).to_be_in_viewport()


def test_results_page_has_no_accessibility_violations(bundled_site, page, artifacts_dir):
    page.goto(f"{bundled_site}/search/?q=foreign+intelligence+body")
    assert_no_accessibility_violations(page, "search", artifacts_dir)
