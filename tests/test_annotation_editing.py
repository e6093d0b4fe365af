"""Editing annotations in the admin: who may, what is checked, and that no save overwrites another silently."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User

from lawreader.store.models import Annotation, Provision, Revision
from tests.builders import import_text, make_law, statute_text

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/store/annotation/add/"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="pw-editor-1234", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def edition_2014(bundled_law):
    return Revision.objects.get(law=bundled_law, valid_from="2014-04-18")


def form_data(revision, **overrides):
    data = {
        "revision": revision.pk,
        "target_eid": "art_5",
        "kind": "commentary",
        "title": "On principles",
        "quote_exact": "",
        "body": "Text of the note.",
        "status": "draft",
        "position": 0,
        "version": "",
    }
    data.update(overrides)
    return data


def change_url(note):
    return f"/admin/store/annotation/{note.pk}/change/"


def test_editors_group_has_exactly_the_annotation_permissions():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert codenames == {
        "add_annotation",
        "change_annotation",
        "delete_annotation",
        "view_annotation",
        "view_law",
        "view_revision",
        "view_provision",
    }


def test_editor_can_add_a_note_and_law_hash_and_quote_context_are_filled_in(client, editor, edition_2014):
    client.force_login(editor)
    words = "overt and covert"
    article_text = " ".join(
        Provision.objects.of_revision(edition_2014).filter(eid__startswith="art_5").values_list("text", flat=True)
    )
    provision = (
        Provision.objects.of_revision(edition_2014).filter(eid__startswith="art_5", text__contains=words).first()
    )
    assert provision is not None, article_text
    response = client.post(ADD_URL, form_data(edition_2014, target_eid=provision.eid, quote_exact=words))
    assert response.status_code == 302, response.content.decode()[:3000]
    note = Annotation.objects.get(title="On principles")
    assert note.law_id == edition_2014.law_id
    assert note.author == editor
    assert note.content_hash == provision.content_hash
    assert note.quote_start == provision.text.index(words)
    assert note.version == 1


def test_form_refuses_a_provision_missing_from_the_edition_and_a_quote_not_in_the_text(client, editor, bundled_law):
    client.force_login(editor)
    edition_2010 = Revision.objects.get(law=bundled_law, valid_from="2010-06-02")
    response = client.post(ADD_URL, form_data(edition_2010, target_eid="art_9-1"))
    assert "has no provision “art_9-1”" in response.content.decode()
    response = client.post(ADD_URL, form_data(edition_2010, quote_exact="words that are not there"))
    assert "These words are not in the provision" in response.content.decode()
    assert not Annotation.objects.filter(title="On principles").exists()


def test_concurrent_edit_is_refused_with_both_versions_and_nothing_lost(client, editor, edition_2014):
    client.force_login(editor)
    client.post(ADD_URL, form_data(edition_2014))
    note = Annotation.objects.get(title="On principles")
    # Two editors open the form at version 1; the first saves.
    first = client.post(change_url(note), form_data(edition_2014, body="First editor's text.", version=1))
    assert first.status_code == 302
    # The second saves what they typed on top of version 1.
    second = client.post(change_url(note), form_data(edition_2014, body="Second editor's text.", version=1))
    page = second.content.decode()
    assert second.status_code == 200
    assert "Someone else saved this note after you opened it" in page
    assert "First editor&#x27;s text." in page or "First editor's text." in page  # theirs, shown
    assert "Second editor&#x27;s text." in page or "Second editor's text." in page  # mine, still in the form
    note.refresh_from_db()
    assert (note.body, note.version) == ("First editor's text.", 2)
    # Saving again from the refreshed form keeps mine, knowingly.
    third = client.post(change_url(note), form_data(edition_2014, body="Second editor's text.", version=2))
    assert third.status_code == 302
    note.refresh_from_db()
    assert (note.body, note.version) == ("Second editor's text.", 3)


def test_every_change_is_recorded_in_the_admin_history(client, editor, edition_2014):
    client.force_login(editor)
    client.post(ADD_URL, form_data(edition_2014))
    note = Annotation.objects.get(title="On principles")
    client.post(change_url(note), form_data(edition_2014, body="Revised.", version=1))
    entries = LogEntry.objects.filter(object_id=str(note.pk)).order_by("action_time")
    assert [entry.user for entry in entries] == [editor, editor]
    assert "Revised." in entries.last().change_message
    history = client.get(f"{change_url(note).removesuffix('change/')}history/").content.decode()
    assert "editor" in history


def test_bulk_publish_and_unpublish(client, editor, edition_2014):
    client.force_login(editor)
    for title in ("A", "B"):
        client.post(ADD_URL, form_data(edition_2014, title=title))
    ids = list(Annotation.objects.filter(title__in=["A", "B"]).values_list("pk", flat=True))
    client.post("/admin/store/annotation/", {"action": "publish", "_selected_action": ids})
    assert set(Annotation.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"published"}
    client.post("/admin/store/annotation/", {"action": "unpublish", "_selected_action": ids})
    assert set(Annotation.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"draft"}


def test_stale_filter_lists_notes_whose_wording_changed_since(client, editor, bundled_law):
    client.force_login(editor)
    edition_2010 = Revision.objects.get(law=bundled_law, valid_from="2010-06-02")
    client.post(ADD_URL, form_data(edition_2010, target_eid="art_2", title="On Article 2 as adopted"))
    client.post(ADD_URL, form_data(edition_2010, target_eid="art_3", title="On Article 3 as adopted"))

    def listed(stale):
        response = client.get("/admin/store/annotation/", {"stale": stale, "q": "as adopted"})
        return [note.title for note in response.context["cl"].result_list if note.title.endswith("as adopted")]

    assert listed("yes") == ["On Article 2 as adopted"]
    assert listed("no") == ["On Article 3 as adopted"]


def test_provision_suggestions_show_number_heading_and_text(client, editor, edition_2014):
    client.force_login(editor)
    results = client.get(
        "/admin/store/annotation/provisions/", {"revision": edition_2014.pk, "q": "Article 9-1"}
    ).json()["results"]
    assert results[0]["eid"] == "art_9-1"
    assert results[0]["label"].startswith("Article 9-1 — Competence of the military intelligence bodies")
    assert client.get("/admin/store/annotation/provisions/", {"revision": "x"}).status_code == 400


def test_preview_renders_sanitized_markdown_without_javascript(client, editor):
    client.force_login(editor)
    page = client.post(
        "/admin/store/annotation/preview/", {"body": "**bold** <script>alert(1)</script>"}
    ).content.decode()
    assert "<strong>bold</strong>" in page
    assert "<script>alert(1)</script>" not in page


def test_preview_shows_the_note_as_readers_see_it_in_its_provision(client, editor, edition_2014):
    client.force_login(editor)
    data = form_data(
        edition_2014,
        target_eid="Article 9 item 20",
        kind="definition",
        title="Cover",
        quote_exact="providing cover",
        body="See [Article 6](eid:art_6) and [item 20-1](eid:art_9__subpara_20-1).",
    )
    page = client.post("/admin/store/annotation/preview/", data).content.decode()
    assert "Preview: this is how readers will see the note" in page
    assert '<link rel="stylesheet" href="/static/css/lawreader.css">' in page  # the reader's page and styles
    assert '<div class="provision provision--subparagraph" id="art_9__subpara_20">' in page
    assert '<mark class="quote" id="quote-0"><a href="#note-0">providing cover</a></mark>' in page
    assert '<p class="note-kind">Definition' in page and '<p class="note-title">Cover</p>' in page
    assert 'href="/laws/foreign-intelligence/on/2014-04-18/art_6/"' in page
    assert 'href="/laws/foreign-intelligence/on/2014-04-18/art_9/#art_9__subpara_20-1"' in page
    live = client.post("/admin/store/annotation/preview/", data, headers={"X-Requested-With": "fetch"}).json()
    assert "Preview — as readers will see the note" in live["html"] and "<mark>providing cover</mark>" in live["html"]


def test_reader_link_prefills_the_form(client, editor, edition_2014):
    client.force_login(editor)
    page = client.get(ADD_URL, {"revision": edition_2014.pk, "target_eid": "art_5"}).content.decode()
    assert 'value="art_5"' in page
    assert f'<option value="{edition_2014.pk}" selected>' in page


@pytest.mark.parametrize("url", [ADD_URL, "/admin/store/annotation/", "/admin/store/annotation/provisions/?revision=1"])
def test_anonymous_and_non_staff_users_cannot_reach_the_editing_pages(client, url):
    assert client.get(url).status_code == 302
    client.force_login(User.objects.create_user("reader", password="pw-reader-1234"))
    assert client.get(url).status_code == 302


def test_editor_cannot_change_the_laws_themselves(client, editor, edition_2014):
    client.force_login(editor)
    assert client.get("/admin/store/law/add/").status_code == 403
    assert client.get(f"/admin/store/revision/{edition_2014.pk}/change/").status_code == 200  # view only
    response = client.post(f"/admin/store/revision/{edition_2014.pk}/change/", {"label": "Hijacked"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("typed", "eid"),
    [("Article 9 item 20-1", "art_9__subpara_20-1"), ("ст. 2 п. 1", "art_2__para_1"), ("9-1-бап", "art_9-1")],
)
def test_a_citation_typed_by_hand_names_the_provision(client, editor, edition_2014, typed, eid):
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(edition_2014, target_eid=typed))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Annotation.objects.get(title="On principles").target_eid == eid


def test_a_citation_that_fits_several_provisions_asks_which_and_one_that_fits_none_says_so(client, editor):
    client.force_login(editor)
    revision = import_text(make_law(), statute_text(parts=2, items=3))
    html = client.post(ADD_URL, form_data(revision, target_eid="Article 1 item 2")).content.decode()
    assert (
        "Article 1 item 2 fits several provisions of this edition: art_1__para_1__subpara_2, art_1__para_2__subpara_2"
        in html
    )
    html = client.post(ADD_URL, form_data(revision, target_eid="Article 99")).content.decode()
    assert "has no provision “Article 99”" in html
    assert not Annotation.objects.filter(title="On principles").exists()


def test_suggestions_prefer_whole_words_wherever_they_stand(client, editor, edition_2014):
    client.force_login(editor)
    results = client.get("/admin/store/annotation/provisions/", {"revision": edition_2014.pk, "q": "cover"}).json()
    eids = [result["eid"] for result in results["results"]]
    whole_word = ["art_8__subpara_4", "art_8__subpara_5", "art_9__subpara_20", "art_9__subpara_20-1"]
    assert eids[:4] == whole_word  # "providing cover for …" before the many "covert"
    assert len(eids) > 4


def test_the_list_of_notes_is_in_the_laws_order(client, editor, edition_2014):
    client.force_login(editor)
    response = client.get("/admin/store/annotation/", {"law__id__exact": edition_2014.law_id})
    notes = list(response.context["cl"].result_list)
    same_edition = [note.document_order for note in notes if note.revision_id == edition_2014.pk]
    assert len(same_edition) > 5 and same_edition == sorted(same_edition)
    assert '<td class="field-provision">Art. 1, item 1</td>' in response.content.decode()
