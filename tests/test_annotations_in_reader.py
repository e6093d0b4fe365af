"""Notes beside the text: drafts hidden, staleness, quotes, filters remembered, counts in the contents."""

import pytest
from django.contrib.auth.models import User

from lawreader.store.models import Provision, Revision
from tests.builders import note_on

pytestmark = pytest.mark.django_db
BASE = "/laws/foreign-intelligence"


def edition(law, date):
    return Revision.objects.get(law=law, valid_from=date)


def test_drafts_are_hidden_from_anonymous_readers_and_marked_for_staff(client, bundled_law):
    note_on(bundled_law, "2014-04-18", "art_5", title="Secret draft", status="draft")
    for url in (f"{BASE}/on/2014-04-18/", f"{BASE}/on/2014-04-18/art_5/"):
        assert "Secret draft" not in client.get(url).content.decode()
    staff = User.objects.create_user("staff", password="x-pw-12345", is_staff=True)
    client.force_login(staff)
    page = client.get(f"{BASE}/on/2014-04-18/art_5/").content.decode()
    assert "Secret draft" in page and "draft-badge" in page


def test_note_on_changed_provision_is_stale_in_later_edition_with_link_to_the_comparison(client, bundled_law):
    note_on(bundled_law, "2010-06-02", "art_2", title="On Article 2 as adopted")
    page = client.get(f"{BASE}/on/2024-01-05/art_2/").content.decode()
    assert "annotation-stale" in page
    assert "Written for the edition of 2 June 2010; the wording has since changed." in page
    assert f'href="{BASE}/compare/2010-06-02/to/2024-01-05/#art_2"' in page


def test_note_on_unchanged_provision_is_not_stale(client, bundled_law):
    note_on(bundled_law, "2010-06-02", "art_3", title="On Article 3")
    page = client.get(f"{BASE}/on/2024-01-05/art_3/").content.decode()
    assert "On Article 3" in page
    assert "annotation-stale" not in page
    assert "Written for the edition of 2 June 2010." in page


def test_quoted_words_are_highlighted_and_linked_to_their_note(client, bundled_law):
    revision = edition(bundled_law, "2014-04-18")
    provision = Provision.objects.of_revision(revision).get(eid="art_19__text_1")
    words = provision.text.split()[0] + " " + provision.text.split()[1]
    note = note_on(bundled_law, "2014-04-18", "art_19__text_1", quote_exact=words, quote_start=0)
    page = client.get(f"{BASE}/on/2014-04-18/art_19/").content.decode()
    assert f'<mark class="quote" id="quote-{note.pk}"><a href="#note-{note.pk}">{words}</a></mark>' in page


def test_quote_whose_words_are_gone_is_reported_on_the_provision(client, bundled_law):
    note_on(bundled_law, "2010-06-02", "art_2__para_3", quote_exact="wording that no edition has", quote_start=5)
    page = client.get(f"{BASE}/on/2010-06-02/art_2/").content.decode()
    assert "The quoted words are no longer in this provision" in page


def test_notes_can_be_hidden_or_filtered_and_the_choice_is_remembered(client, bundled_law):
    note_on(bundled_law, "2014-04-18", "art_5", kind="practice", title="Practice point")
    url = f"{BASE}/on/2014-04-18/art_5/"
    assert "Practice point" in client.get(url).content.decode()
    assert "Practice point" not in client.get(url, {"notes": "hidden"}).content.decode()
    assert "Practice point" not in client.get(url).content.decode()  # remembered
    client.get(url, {"notes_form": "1", "notes": "shown", "kind": ["commentary"]})
    page = client.get(url).content.decode()
    assert "Practice point" not in page
    assert "Principles: one-person command" in page  # a commentary note still shows
    client.get(url, {"notes": "shown", "notes_form": "1", "kind": ["commentary", "practice"]})
    assert "Practice point" in client.get(url).content.decode()


def test_contents_show_how_many_notes_each_article_has(client, bundled_law):
    page = client.get(f"{BASE}/on/2014-04-18/art_9/").content.decode()
    assert 'class="note-count"' in page


def test_staff_see_annotate_and_edit_links_readers_do_not(client, bundled_law):
    note = note_on(bundled_law, "2014-04-18", "art_5")
    url = f"{BASE}/on/2014-04-18/art_5/"
    assert "Annotate" not in client.get(url).content.decode()
    client.force_login(User.objects.create_superuser("boss", password="x-pw-12345"))
    page = client.get(url).content.decode()
    revision = edition(bundled_law, "2014-04-18")
    assert f"/admin/store/annotation/add/?revision={revision.pk}&amp;target_eid=art_5" in page
    assert f"/admin/store/annotation/{note.pk}/change/" in page


def test_annotation_body_is_rendered_safely_in_the_page(client, bundled_law):
    note_on(bundled_law, "2014-04-18", "art_5", body="<script>alert('x')</script> see [Article 6](eid:art_6)")
    page = client.get(f"{BASE}/on/2014-04-18/art_5/").content.decode()
    assert "<script>alert('x')</script>" not in page
    assert '<a href="/laws/foreign-intelligence/on/2014-04-18/art_6/" rel="nofollow noopener">Article 6</a>' in page
