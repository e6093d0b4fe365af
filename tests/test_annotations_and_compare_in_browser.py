"""Editors annotating from the reader, hostile notes, and the comparison views, in a real browser."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from lawreader.store.models import Annotation, Revision
from tests.test_annotation_rendering import XSS_PAYLOADS
from tests.test_reader_in_browser import assert_no_accessibility_violations

pytestmark = pytest.mark.browser
LAW = "/laws/foreign-intelligence"


def test_editor_annotates_article_5_from_the_reader_and_a_reader_then_sees_it(bundled_site, page, browser):
    editor = User.objects.create_user("editor", password="pw-editor-1234", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))

    page.goto(f"{bundled_site}/admin/login/?next={LAW}/on/2014-04-18/art_5/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1234")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{bundled_site}{LAW}/on/2014-04-18/art_5/")

    page.locator("#art_5").get_by_role("link", name=re.compile("^Annotate")).first.click()
    expect(page.get_by_label("Provision")).to_have_value("art_5")
    page.get_by_label("Title").fill("Why one-person command matters")
    page.get_by_label("Body").fill("Compare the powers in [Article 7](eid:art_7).")
    expect(page.locator("#live-preview a")).to_have_text("Article 7")
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    reader = browser.new_context().new_page()
    reader.goto(f"{bundled_site}{LAW}/on/2024-01-05/art_5/")
    note = reader.locator(".note", has_text="Why one-person command matters")
    expect(note).to_be_visible()
    expect(note.get_by_role("link", name="Article 7")).to_have_attribute("href", f"{LAW}/on/2024-01-05/art_7/")
    assert Annotation.objects.get(title="Why one-person command matters").author == editor


def test_no_hostile_note_opens_a_dialog_or_runs_script(bundled_site, page):
    revision = Revision.objects.get(law__slug="foreign-intelligence", valid_from="2014-04-18")
    for number, payload in enumerate(XSS_PAYLOADS):
        Annotation.objects.create(
            law=revision.law,
            revision=revision,
            target_eid="art_5",
            kind="commentary",
            title=f"Hostile {number}",
            body=payload,
            status="published",
            source="editor",
        )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{bundled_site}{LAW}/on/2014-04-18/art_5/")
    expect(page.locator(".note", has_text="Hostile 0")).to_be_visible()
    page.mouse.move(200, 400)
    page.locator(".note").first.hover()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert (
        page.evaluate("document.querySelectorAll('.note-body script, .note-body iframe, .note-body svg').length") == 0
    )


def test_comparison_switches_views_and_expands_context(bundled_site, page, artifacts_dir):
    page.goto(f"{bundled_site}{LAW}/compare/2014-04-18/to/2018-07-13/")
    expect(page.locator("h1")).to_have_text(re.compile("Changes to On Foreign Intelligence"))
    expect(page.locator("#art_21")).to_have_attribute("data-change", re.compile("changed|unchanged"))
    expect(page.locator("#art_21 ins").first).to_be_visible()

    run = page.locator("details.unchanged-run").first
    run.locator("summary").click()
    expect(run.locator(".provision").first).to_be_visible()

    page.get_by_role("link", name="Side by side").click()
    expect(page).to_have_url(re.compile(r"layout=side"))
    expect(page.locator(".side-by-side").first).to_be_visible()

    page.get_by_role("link", name="Full text", exact=True).click()
    expect(page).to_have_url(re.compile(r"show=all"))
    expect(page.locator('#art_3[data-change="unchanged"]')).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "compare-side-full.png"))


def test_changed_articles_contents_jumps_to_the_change(bundled_site, page):
    page.goto(f"{bundled_site}{LAW}/compare/2010-06-02/to/2024-01-05/")
    page.locator(".toc nav").get_by_role("link", name=re.compile(r"^Article 9-1\.")).click()
    expect(page).to_have_url(re.compile("#art_9-1$"))
    expect(page.locator("#art_9-1")).to_be_in_viewport()
    expect(page.locator("#art_9-1")).to_have_attribute("data-change", "inserted")


@pytest.mark.markup
@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("compare", f"{LAW}/compare/2010-06-02/to/2024-01-05/"),
        ("compare-side", f"{LAW}/compare/2014-04-18/to/2018-07-13/?layout=side"),
        ("history", f"{LAW}/history/art_1/"),
    ],
)
def test_comparison_pages_have_no_accessibility_violations(bundled_site, page, artifacts_dir, name, path):
    page.goto(f"{bundled_site}{path}")
    assert_no_accessibility_violations(page, name, artifacts_dir)


def test_reader_follows_an_amending_act_to_a_provisions_history_and_on_to_the_comparison(
    bundled_site, page, artifacts_dir
):
    page.goto(f"{bundled_site}{LAW}/on/2016-06-01/art_9/")
    warning = page.locator(".pending-changes")
    expect(warning).to_contain_text("Law No. 419-V of 24 November 2015")
    warning.get_by_role("link", name="The act's effects").click()
    expect(page.locator("h1")).to_have_text(re.compile("What Law No. 419-V of 24 November 2015 did to"))
    assert_no_accessibility_violations(page, "amending-act", artifacts_dir)

    page.goto(f"{bundled_site}{LAW}/amendments/")
    assert_no_accessibility_violations(page, "amendments", artifacts_dir)
    act = page.locator(".amending-act", has_text="Law No. 553-IV")
    act.get_by_role("link", name="Article 13").click()
    expect(page).to_have_url(f"{bundled_site}{LAW}/history/art_13/")
    expect(page.locator(".history-acts")).to_contain_text("Law No. 553-IV of 13 February 2012")

    page.go_back()
    act = page.locator(".amending-act", has_text="Law No. 553-IV")
    act.get_by_role("row", name=re.compile("Article 13")).get_by_role(
        "link", name="the edition of 18 April 2014"
    ).click()
    expect(page).to_have_url(f"{bundled_site}{LAW}/compare/2010-06-02/to/2014-04-18/#art_13")
    expect(page.locator("#art_13")).to_be_visible()


def test_editor_names_the_provision_by_a_citation_typed_by_hand_and_sees_it_previewed(bundled_site, page):
    # A superuser: transactional browser tests flush the data migrations' Editors group.
    User.objects.create_superuser("editor", password="pw-editor-1234")
    edition = Revision.objects.get(law__slug="foreign-intelligence", valid_from="2014-04-18")
    page.goto(f"{bundled_site}/admin/login/?next=/admin/store/annotation/add/?revision={edition.pk}")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1234")
    page.get_by_role("button", name="Log in").click()

    page.get_by_label("Provision").fill("Article 9 item 20-1")
    page.get_by_label("Title").fill("Cover for units")
    page.get_by_label("Quote").fill("providing cover")
    page.get_by_label("Body").fill("See also [item 20](eid:art_9__subpara_20).")
    preview = page.locator("#live-preview")
    expect(preview).to_contain_text("Preview — as readers will see the note")
    expect(preview.locator(".note-title")).to_have_text("Cover for units")
    expect(preview.get_by_role("link", name="item 20")).to_have_attribute(
        "href", f"{LAW}/on/2014-04-18/art_9/#art_9__subpara_20"
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Annotation.objects.get(title="Cover for units").target_eid == "art_9__subpara_20-1"
