"""Published pages are served like static files: cached, validated with ETag/Last-Modified, never for staff."""

import pytest
from django.contrib.auth.models import User

from tests.builders import note_on

pytestmark = pytest.mark.django_db
URL = "/laws/foreign-intelligence/on/2014-04-07/art_5/"


def test_anonymous_page_is_public_with_validators(client, bundled_law):
    response = client.get(URL)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]


def test_conditional_request_gets_304_without_rendering(client, bundled_law, django_assert_max_num_queries):
    etag = client.get(URL)["ETag"]
    with django_assert_max_num_queries(0):
        response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    last_modified = client.get(URL)["Last-Modified"]
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_second_request_is_served_from_the_cache_without_queries(client, bundled_law, django_assert_max_num_queries):
    first = client.get(URL).content
    with django_assert_max_num_queries(0):
        second = client.get(URL)
    assert second.content == first


def test_a_note_edit_retires_the_cached_pages_of_that_law(client, bundled_law):
    etag = client.get(URL)["ETag"]
    note_on(bundled_law, "2014-04-07", "art_5", title="Fresh insight", body="New.")
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Fresh insight" in response.content.decode()


def test_staff_pages_are_private_and_never_shared(client, bundled_law):
    anonymous = client.get(URL).content.decode()
    client.force_login(User.objects.create_superuser("boss", password="x-pw-12345"))
    response = client.get(URL)
    assert "private" in response["Cache-Control"] and "ETag" not in response
    assert "Annotate" in response.content.decode() and "Annotate" not in anonymous
    client.logout()
    assert "Annotate" not in client.get(URL).content.decode()


def test_a_readers_own_note_filter_is_not_served_to_others(client, bundled_law):
    hidden = client.get(URL, {"notes": "hidden"})
    assert "private" in hidden["Cache-Control"]
    assert "Principles: one-person command" not in hidden.content.decode()
    assert "private" in client.get(URL)["Cache-Control"]  # remembered in this reader's session
    other_reader = client.__class__()
    assert "Principles: one-person command" in other_reader.get(URL).content.decode()


def test_cache_hits_are_answered_before_sessions_and_routing(client, bundled_law, django_assert_max_num_queries):
    first = client.get(URL)
    with django_assert_max_num_queries(0):
        hit = client.get(URL)
    assert hit.content == first.content
    assert hit["ETag"] == first["ETag"] and hit["X-Frame-Options"] == "DENY"
    assert not hit.cookies  # no session started for an anonymous reader


def test_a_reader_with_a_session_goes_past_the_shortcut(client, bundled_law):
    client.get(URL)
    client.get(URL, {"notes": "hidden"})  # starts a session with a note filter
    assert "Principles: one-person command" not in client.get(URL).content.decode()
