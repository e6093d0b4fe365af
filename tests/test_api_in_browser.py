"""The API's browsable documentation, in a real browser, under the site's Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.markup]


def test_the_api_documentation_lists_every_operation_and_tries_one(bundled_site, page):
    page.goto(f"{bundled_site}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Lawreader API")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    paths = operations.all_inner_texts()
    assert any("/api/v1/laws/{slug}/compare/{first}/{second}" in path.replace("\u200b", "") for path in paths)
    page.locator('.opblock-summary-path[data-path="/api/v1/laws"]').click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    live = page.locator(".live-responses-table")
    expect(live.get_by_role("cell", name="200")).to_be_visible()
    expect(live).to_contain_text("foreign-intelligence")
