"""The reading layout at a phone's, a laptop's and a wide monitor's width: the law's text reads on unbroken, and
its notes stand after a provision's whole block (narrow) or beside it in the margin (wide), never over each other."""

import itertools

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.markup]
ARTICLE_2 = "/laws/foreign-intelligence/on/2024-01-05/art_2/"
ARTICLE_9 = "/laws/foreign-intelligence/on/2014-04-18/art_9/"

BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top + scrollY, bottom: r.bottom + scrollY,
    left: r.left, right: r.right}; };
  const found = (selector) => document.querySelector(selector) && box(document.querySelector(selector));
  return {
    panels: [...document.querySelectorAll('.law-text .provision-notes')].map((panel) => ({
      ...box(panel), open: panel.open, owner: box(document.getElementById(panel.dataset.for)),
      ownerId: panel.dataset.for,
      afterChildren: [...panel.parentElement.children].filter((c) => c.classList.contains('provision'))
        .every((c) => c.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING),
    })),
    text: box(document.querySelector('.law-text')),
    leadIn: found('#art_2__para_1 > .provision-text'),
    firstItem: found('#art_2__para_1__subpara_1'),
    leadInParagraph: found('#art_9__text_1'),
    itemAfterIt: found('#art_9__subpara_1'),
    scrollWidth: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  };
}"""


def layout(page, site, width, article=ARTICLE_2):
    """An article laid out at `width`: the boxes of its notes panels and text."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + article)
    return page.evaluate(BOXES)


@pytest.mark.parametrize("width", [390, 1280, 1920])
def test_a_lead_in_paragraphs_notes_wait_until_its_items_have_been_read(bundled_site, page, width):
    boxes = layout(page, bundled_site, width, ARTICLE_9)
    # "… shall also include:" is an unnumbered paragraph with a note; item 1) follows it directly.
    assert 0 <= boxes["itemAfterIt"]["top"] - boxes["leadInParagraph"]["bottom"] < 40
    panel = next(panel for panel in boxes["panels"] if panel["ownerId"] == "art_9__text_1")
    if width >= 1280:
        assert boxes["leadInParagraph"]["top"] - 1 <= panel["top"] <= boxes["leadInParagraph"]["bottom"]
    else:
        assert panel["top"] > boxes["itemAfterIt"]["bottom"]


@pytest.mark.parametrize("width", [390, 1280, 1920])
def test_the_text_reads_on_and_notes_never_come_between_a_lead_in_and_its_items(
    bundled_site, page, width, artifacts_dir
):
    boxes = layout(page, bundled_site, width)
    page.screenshot(path=str(artifacts_dir / f"layout-article-2-{width}.png"), full_page=True)
    assert boxes["scrollWidth"] <= boxes["width"]  # nothing scrolls sideways
    assert boxes["panels"], "Article 2 has notes"
    # The first item follows its lead-in directly: nothing between them.
    assert 0 <= boxes["firstItem"]["top"] - boxes["leadIn"]["bottom"] < 40
    for panel in boxes["panels"]:
        assert panel["afterChildren"]  # after the provision's whole block, items included


def test_narrow_screens_fold_the_notes_to_a_line_that_opens_in_place(bundled_site, page):
    boxes = layout(page, bundled_site, 390)
    assert not any(panel["open"] for panel in boxes["panels"])
    summary = page.locator("#art_2__para_1 > .provision-notes > summary")
    assert summary.inner_text().startswith("2 notes: commentary, cross-reference")
    summary.click()
    assert page.locator("#art_2__para_1 > .provision-notes .note").first.is_visible()


@pytest.mark.parametrize("width", [1280, 1920])
def test_wide_screens_set_notes_in_the_margin_beside_their_provision_without_overlap(bundled_site, page, width):
    boxes = layout(page, bundled_site, width)
    panels = sorted(boxes["panels"], key=lambda panel: panel["top"])
    for panel in panels:
        assert panel["left"] >= boxes["text"]["right"] - 1  # in the margin, not over the text
        assert panel["owner"]["top"] - 1 <= panel["top"] <= panel["owner"]["bottom"]  # beside its own provision
    for upper, lower in itertools.pairwise(panels):
        assert upper["bottom"] <= lower["top"] + 1  # never over the next provision's notes
    assert any(panel["open"] for panel in panels)
    # The width is used: the margin column reaches the page's right side.
    assert boxes["width"] - max(panel["right"] for panel in panels) < 0.25 * boxes["width"]


COMPARISON = "/laws/foreign-intelligence/compare/2010-06-02/to/2014-04-18/?layout=side"
SIDES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top + scrollY, bottom: r.bottom + scrollY,
    left: r.left, width: r.width}; };
  const pair = document.querySelector('.side-by-side');
  return {old: box(pair.querySelector('.side-old')), new: box(pair.querySelector('.side-new')),
    heading: box(document.querySelector('h1')), form: box(document.querySelector('.compare-form')),
    changedOpen: document.querySelector('.page--compare details.toc').open,
    scrollWidth: document.documentElement.scrollWidth, width: document.documentElement.clientWidth};
}"""


def test_side_by_side_uses_the_width_of_a_wide_screen(bundled_site, page, artifacts_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(bundled_site + COMPARISON)
    sides = page.evaluate(SIDES)
    page.screenshot(path=str(artifacts_dir / "redline-side-1280.png"))
    assert sides["old"]["width"] >= 400 and sides["new"]["width"] >= 400
    assert abs(sides["old"]["top"] - sides["new"]["top"]) < 2  # row by row
    assert "(As adopted (" not in page.locator(".law-meta").first.inner_text()


def test_on_a_phone_the_comparison_starts_with_its_heading_and_stacks_the_versions(bundled_site, page, artifacts_dir):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(bundled_site + COMPARISON)
    sides = page.evaluate(SIDES)
    page.screenshot(path=str(artifacts_dir / "redline-side-390.png"), full_page=True)
    assert sides["heading"]["top"] < sides["form"]["top"]
    assert not sides["changedOpen"]
    assert sides["old"]["bottom"] <= sides["new"]["top"]  # the older above the newer
    assert sides["scrollWidth"] <= sides["width"]
