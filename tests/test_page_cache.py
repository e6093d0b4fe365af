"""Published pages are served like static files — cached, revalidated by ETag — and never say what the database
no longer says: every write path that changes what readers see moves the law's public version."""

import datetime
import gzip
import io
import re

import brotli
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import parse_http_date

from lawreader.ingest.bundled import FIXTURES_DIR
from lawreader.ingest.importer import import_statute
from lawreader.store.models import Annotation, Law, Revision
from lawreader.web import compression, page_cache
from tests.builders import note_on

pytestmark = pytest.mark.django_db
LAW = "/laws/foreign-intelligence"
URL = f"{LAW}/on/2014-04-18/art_5/"
CONTENTS = f"{LAW}/on/2014-04-18/contents/"
MARKER = "Quixotic zanzibar marker"


class Clock:
    """time.monotonic as the page cache sees it, moved on by hand: the trust window without sleeping."""

    def __init__(self, monkeypatch):
        self.now = 1000.0
        monkeypatch.setattr(page_cache.time, "monotonic", lambda: self.now)

    def pass_trust_window(self, settings):
        self.now += settings.LAWREADER_VERSION_TRUST_SECONDS + 0.001


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def staff_client(client):
    staff = client.__class__()
    staff.force_login(User.objects.create_superuser("boss", password="x-pw-12345-long"))
    return staff


def note_count(client, eid="art_5"):
    """The note count the contents page shows beside an article."""
    page = client.get(CONTENTS).content.decode()
    match = re.search(rf'/{eid}/"[^>]*>[^<]*<span class="note-count">(\d+) notes?</span>', page)
    return int(match[1]) if match else 0


def found_by_search(client):
    return MARKER in client.get("/search/", {"q": "zanzibar", "law": "foreign-intelligence"}).content.decode()


def what_readers_see(client):
    response = client.get(URL)
    return {
        "shown": MARKER in response.content.decode(),
        "etag": response["ETag"],
        "count": note_count(client),
        "searchable": found_by_search(client),
    }


# Ways to change a note's status (or remove it), each as an editor, a script or a shell might.
def by_save(note, staff, status):
    note.status = status
    note.save()


def by_queryset_update(note, staff, status):
    Annotation.objects.filter(pk=note.pk).update(status=status)


def by_admin_bulk_action(note, staff, status):
    action = "publish" if status == "published" else "unpublish"
    response = staff.post("/admin/store/annotation/", {"action": action, "_selected_action": [note.pk]})
    assert response.status_code == 302


def by_raw_sql(note, staff, status):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE store_annotation SET status = %s WHERE id = %s", [status, note.pk])


def by_delete(note, staff, status):
    note.delete()


def by_queryset_delete(note, staff, status):
    Annotation.objects.filter(pk=note.pk).delete()


def by_bulk_create(note, staff, status):
    """The note replaced by a copy made with bulk_create (as an import makes its notes)."""
    Annotation.objects.filter(pk=note.pk).delete()
    note.pk, note.status = None, status
    Annotation.objects.bulk_create([note])


@pytest.mark.parametrize(
    ("write", "start", "end", "immediate", "searchable_after"),
    [
        (by_save, "published", "draft", True, False),
        (by_delete, "published", "gone", True, False),
        (by_queryset_update, "published", "draft", True, False),
        (by_queryset_delete, "published", "gone", True, False),
        (by_admin_bulk_action, "published", "draft", True, False),
        (by_raw_sql, "published", "draft", False, False),  # search hides it too: drafts are filtered when read
        (by_save, "draft", "published", True, True),
        (by_queryset_update, "draft", "published", True, True),
        (by_admin_bulk_action, "draft", "published", True, True),
        (by_bulk_create, "draft", "published", True, True),
        (by_raw_sql, "draft", "published", False, False),  # pages follow raw SQL; the search index follows the ORM
    ],
)
def test_every_way_of_publishing_or_unpublishing_a_note_reaches_readers(
    client, staff_client, bundled_law, clock, settings, write, start, end, immediate, searchable_after
):
    note = note_on(bundled_law, "2014-04-18", "art_5", title=MARKER, body="Zanzibar is the word.", status=start)
    was_public = start == "published"
    before = what_readers_see(client)
    assert before["shown"] is was_public and before["searchable"] is was_public
    write(note, staff_client, end)
    if not immediate:
        assert (MARKER in client.get(URL).content.decode()) is was_public, "the trusted version, until the window ends"
        clock.pass_trust_window(settings)
    after = what_readers_see(client)
    assert after["shown"] is not was_public
    assert after["etag"] != before["etag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=before["etag"]).status_code == 200
    assert after["count"] == before["count"] + (-1 if was_public else 1)
    assert after["searchable"] is searchable_after


def test_drafts_change_nothing_public(client, bundled_law, clock, settings):
    first = client.get(URL)
    note = note_on(bundled_law, "2014-04-18", "art_5", title=MARKER, body="Draft.", status="draft")
    note.body = "Still a draft, edited."
    note.save()
    Annotation.objects.filter(pk=note.pk).update(title="Renamed draft")
    clock.pass_trust_window(settings)
    again = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Last-Modified"] == first["Last-Modified"]


def test_a_note_unpublished_within_the_trust_window_is_not_shown_by_a_page_rendered_meanwhile(
    client, bundled_law, clock
):
    """A reader's page takes the notes it shows from the edition's cached list of shown notes; a note unpublished
    behind this process's back (raw SQL: the version stays trusted for the window) is still never shown."""
    note = note_on(bundled_law, "2014-04-18", "art_5", title=MARKER, body="Zanzibar is the word.")
    assert MARKER in client.get(URL).content.decode()
    by_raw_sql(note, None, "draft")
    page_cache.clear_pages()  # a page-cache miss within the window: the list of shown notes is the old one
    assert MARKER not in client.get(URL).content.decode()


def test_last_modified_moves_when_a_note_is_deleted_and_a_date_alone_never_proves_a_copy_current(
    client, bundled_law, clock, settings
):
    note = note_on(bundled_law, "2014-04-18", "art_5", title=MARKER)
    with connection.cursor() as cursor:  # the last public change, an hour ago
        cursor.execute("UPDATE store_lawversion SET changed_at = %s", [timezone.now() - datetime.timedelta(hours=1)])
    clock.pass_trust_window(settings)
    first = client.get(URL)
    note.delete()
    response = client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200 and MARKER not in response.content.decode()
    assert parse_http_date(response["Last-Modified"]) > parse_http_date(first["Last-Modified"])
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE="Fri, 31 Dec 9999 23:59:59 GMT").status_code == 200


def edit_article_5(law):
    text = (FIXTURES_DIR / "foreign-intelligence" / "en-2014-04-18.md").read_text(encoding="utf-8")
    edited = text.replace("based on the principles of:", "based on the renewed principles of:")
    revision = Revision.objects.get(law=law, valid_from="2014-04-18")
    import_statute(edited, law=law, language="en", valid_from=revision.valid_from, replace=True)
    return "renewed principles"


def tamper_with_the_label(law):
    Revision.objects.filter(law=law, valid_from="2014-04-18").update(label="Tampered label")
    return "Tampered label"


def rename_the_law(law):
    law.short_title = "Renamed Law"
    law.save()
    return "Renamed Law"


def rewrite_a_provision_by_raw_sql(law):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE store_provision SET heading = 'Rewritten heading' WHERE eid = 'art_5' AND revision_id = %s",
            [Revision.objects.get(law=law, valid_from="2014-04-18").pk],
        )
    return "Rewritten heading"


@pytest.mark.parametrize(
    "write", [edit_article_5, tamper_with_the_label, rename_the_law, rewrite_a_provision_by_raw_sql]
)
def test_every_way_of_changing_the_text_reaches_readers(client, bundled_law, clock, settings, write):
    first = client.get(URL)
    words = write(bundled_law)
    clock.pass_trust_window(settings)
    response = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert words in response.content.decode()


def test_load_bundled_laws_restores_what_was_changed_and_readers_see_it(client, bundled_law, clock, settings):
    tamper_with_the_label(bundled_law)
    clock.pass_trust_window(settings)
    assert "Tampered label" in client.get(URL).content.decode()
    call_command("load_bundled_laws", stdout=io.StringIO())
    clock.pass_trust_window(settings)
    assert "Tampered label" not in client.get(URL).content.decode()


def test_an_unpublished_edition_disappears_from_its_dates(client, bundled_law, clock, settings):
    assert client.get(URL).status_code == 200
    Revision.objects.filter(law=bundled_law, valid_from="2014-04-18").update(published=False)
    clock.pass_trust_window(settings)
    page = client.get(URL).content.decode()
    assert "As adopted (22 May 2010)" in page  # the edition in force that day is now the first one
    assert "As amended up to Law No. 185-V" not in page


def test_anonymous_page_is_public_and_revalidated_every_time(client, bundled_law):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert response["ETag"] and response["Last-Modified"]
    assert "Cookie" in response["Vary"]


def test_revalidation_is_a_304_from_the_version_alone(client, bundled_law, django_assert_max_num_queries):
    etag = client.get(URL)["ETag"]
    with django_assert_max_num_queries(0):
        response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert client.get(URL, HTTP_IF_NONE_MATCH=f'W/{etag}, "other"').status_code == 304


def test_second_request_is_served_from_the_cache_without_queries(client, bundled_law, django_assert_max_num_queries):
    first = client.get(URL).content
    with django_assert_max_num_queries(0):
        second = client.get(URL)
    assert second.content == first


def test_a_version_is_read_at_most_once_per_trust_window(
    client, bundled_law, clock, settings, django_assert_num_queries
):
    client.get(URL)
    clock.pass_trust_window(settings)
    with django_assert_num_queries(1):  # the version; the page itself is still current
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(0):
        client.get(URL)


def test_staff_pages_are_private_and_never_shared(client, staff_client, bundled_law):
    anonymous = client.get(URL).content.decode()
    response = staff_client.get(URL)
    assert "private" in response["Cache-Control"] and "ETag" not in response
    assert "Annotate" in response.content.decode() and "Annotate" not in anonymous
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
    assert "Content-Security-Policy" in hit and "Permissions-Policy" in hit
    assert not hit.cookies  # no session started for an anonymous reader


def test_a_reader_with_a_session_goes_past_the_shortcut(client, bundled_law):
    client.get(URL)
    client.get(URL, {"notes": "hidden"})  # starts a session with a note filter
    assert "Principles: one-person command" not in client.get(URL).content.decode()


def test_accept_language_cannot_poison_the_cache(client, bundled_law):
    kazakh_browser = client.get(URL, HTTP_ACCEPT_LANGUAGE="kk")
    assert '<html lang="en">' in kazakh_browser.content.decode()
    assert '<html lang="en">' in client.get(URL).content.decode()


def test_the_interface_language_chosen_by_cookie_is_part_of_the_key(client, bundled_law, settings):
    english = client.get(URL)
    chooser = client.__class__()
    chooser.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    kazakh = chooser.get(URL)
    assert '<html lang="kk">' in kazakh.content.decode()
    assert kazakh["ETag"] != english["ETag"]
    assert '<html lang="en">' in client.get(URL).content.decode()


def test_unknown_query_parameters_are_one_page_and_never_reach_the_page(client, bundled_law):
    plain = client.get(URL)
    for junk in range(1000):
        response = client.get(URL, {"v": junk, "lang": f"x{junk}"})
        assert response["ETag"] == plain["ETag"]
    assert len(page_cache.local.pages) == 1
    assert "v=999" not in client.get(URL, {"v": 999}).content.decode()  # the canonical link drops it


def test_parameters_a_page_understands_are_kept(client, bundled_law):
    compare = f"{LAW}/compare/2010-06-02/to/2014-04-18/"
    inline = client.get(compare)
    side = client.get(compare, {"layout": "side", "utm_source": "x"})
    assert side["ETag"] != inline["ETag"]
    assert '<strong aria-current="true">Side by side</strong>' in side.content.decode()
    assert "utm_source" not in side.content.decode()


def stored(size):
    return page_cache.StoredPage(b"x" * (size - 100), {"gzip": b"x" * 100}, "text/html", 200)


def test_the_per_process_layer_is_bounded_in_bytes():
    layer = page_cache.LocalLayer(max_bytes=10_000)
    for number in range(100):
        layer.remember_page(f"page-{number}", stored(1000))
    assert layer.bytes <= 10_000 and len(layer.pages) == 10
    assert layer.page("page-99") is not None and layer.page("page-0") is None
    layer.remember_page("huge", stored(5000))
    assert layer.page("huge") is None  # more than an eighth of the bound: left to the shared tier


def test_data_derived_from_a_law_is_kept_as_the_object_until_the_law_changes(bundled_law, clock, settings):
    computed = []

    def compute():
        computed.append(1)
        return {"counts": len(computed)}

    first = page_cache.cached_for_law(bundled_law.slug, "test-derived", compute)
    assert page_cache.cached_for_law(bundled_law.slug, "test-derived", compute) is first  # not unpickled again
    note_on(bundled_law, "2014-04-18", "art_5", title=MARKER, body="Public.", status="published")
    clock.pass_trust_window(settings)
    assert page_cache.cached_for_law(bundled_law.slug, "test-derived", compute) == {"counts": 2}
    large = page_cache.cached_for_law(bundled_law.slug, "test-bytes", lambda: b"pdf", in_process=False)
    assert large == b"pdf" and all("test-bytes" not in key for key in page_cache.local.derived)


def test_forgetting_the_pages_keeps_what_they_are_made_from(client, bundled_law):
    page_cache.cached_for_law(bundled_law.slug, "test-derived", lambda: "kept")
    client.get(URL)
    page_cache.clear_pages()
    assert page_cache.cached_for_law(bundled_law.slug, "test-derived", lambda: "computed again") == "kept"
    assert client.get(URL).status_code == 200 and page_cache.local.pages  # rendered and stored again


def test_the_per_process_derived_data_is_bounded_in_entries():
    layer = page_cache.LocalLayer(max_bytes=10_000, max_derived=3)
    for number in range(10):
        layer.remember_derived(f"key-{number}", number)
    assert list(layer.derived) == ["key-7", "key-8", "key-9"]
    assert layer.derived_value("key-0") is page_cache.MISSING


@pytest.mark.parametrize(
    "accepted, encoding",
    [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip;q=0.5", "gzip"), ("*", "br"), ("identity", None)],
)
def test_pages_go_out_compressed_as_the_reader_accepts_and_decompress_to_the_same_page(
    client, bundled_law, accepted, encoding
):
    plain = client.get(URL)
    compressed = client.get(URL, HTTP_ACCEPT_ENCODING=accepted)
    assert "Content-Encoding" not in plain
    assert compressed.get("Content-Encoding") == encoding
    assert decompressed(compressed) == plain.content
    assert "Accept-Encoding" in compressed["Vary"]
    if encoding:
        assert len(compressed.content) < len(plain.content) / 3
        assert compressed["ETag"] != plain["ETag"]  # two representations, two validators
    revalidated = client.get(URL, HTTP_ACCEPT_ENCODING=accepted, HTTP_IF_NONE_MATCH=compressed["ETag"])
    assert revalidated.status_code == 304


def decompressed(response):
    body = response.content
    return {"br": brotli.decompress, "gzip": gzip.decompress}.get(response.get("Content-Encoding"), bytes)(body)


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_cache_hit_is_served_compressed_without_compressing_again(client, bundled_law, monkeypatch, encoding):
    first = client.get(URL, HTTP_ACCEPT_ENCODING=encoding)  # rendered, compressed once per encoding, stored

    def no_compression(*args, **kwargs):
        raise AssertionError("a cache hit compressed the page again")

    monkeypatch.setattr(compression, "compress", no_compression)
    monkeypatch.setattr(page_cache, "compress", no_compression)
    monkeypatch.setattr(compression.brotli, "compress", no_compression)
    monkeypatch.setattr(compression.gzip, "compress", no_compression)
    hit = client.get(URL, HTTP_ACCEPT_ENCODING=encoding)
    assert hit["Content-Encoding"] == encoding and hit.content == first.content


def test_a_page_is_compressed_only_in_the_encodings_readers_ask_for(client, bundled_law, monkeypatch):
    compressed = []
    real_compress = page_cache.compress
    monkeypatch.setattr(page_cache, "compress", lambda *args: compressed.append(args[1]) or real_compress(*args))
    client.get(URL)
    assert compressed == []
    for encoding in ["br", "br", "gzip", "br", "gzip"]:
        assert client.get(URL, HTTP_ACCEPT_ENCODING=encoding)["Content-Encoding"] == encoding
    assert compressed == ["br", "gzip"]


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_responses_that_are_not_cached_are_compressed_too(client, bundled_law, encoding):
    for url in ["/search/?q=intelligence", "/api/v1/search?q=intelligence", "/notes.atom"]:
        response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
        assert response["Content-Encoding"] == encoding, url
        assert b"ntelligence" in decompressed(response)


def test_a_streamed_response_is_compressed_as_it_streams(rf):
    chunks = [b"<p>" + b"law " * 200 + b"</p>"] * 3

    def view(request):
        return StreamingHttpResponse(iter(chunks), content_type="text/html")

    for encoding in ("br", "gzip"):
        response = compression.CompressionMiddleware(view)(rf.get("/", HTTP_ACCEPT_ENCODING=encoding))
        assert response["Content-Encoding"] == encoding
        parts = list(response.streaming_content)
        assert len(parts) >= 3, "each chunk leaves as it is made"
        body = b"".join(parts)
        assert {"br": brotli.decompress, "gzip": gzip.decompress}[encoding](body) == b"".join(chunks)


def test_a_cache_hit_still_obeys_allowed_hosts(client, bundled_law):
    assert client.get(URL).status_code == 200
    assert client.get(URL, HTTP_HOST="evil.example").status_code == 400


def test_options_answers_without_a_body_and_trace_is_refused(client, bundled_law):
    options = client.options(URL)
    assert options.status_code == 204 and options.content == b""
    assert options["Allow"] == "GET, HEAD, OPTIONS"
    assert client.generic("TRACE", URL).status_code == 405
    assert client.post(URL).status_code == 405
    assert client.options("/no/such/page/").status_code == 404


def test_a_law_deleted_and_recreated_under_its_slug_never_gets_the_old_pages(client, bundled_law):
    client.get(f"{LAW}/")
    Law.objects.filter(pk=bundled_law.pk).delete()
    assert client.get(f"{LAW}/").status_code == 404
    Law.objects.create(slug="foreign-intelligence", title="A new law under the old slug")
    response = client.get(URL)
    assert response.status_code == 404 and "Principles" not in response.content.decode()
