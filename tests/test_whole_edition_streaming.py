"""A long edition's page streams: the page around the text first, then the text a chapter at a time; it is stored
whole once sent, and costs the same queries however long the law."""

import gzip

import brotli
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lawreader.web import page_cache
from tests.builders import import_text, make_law, note_on, statute_text


def long_law(slug, chapters):
    law = make_law(slug=slug)
    import_text(law, statute_text(chapters=chapters, articles_per_chapter=25, parts=1, items=2))
    return law


def read(response):
    assert response.streaming
    return [bytes(chunk) for chunk in response.streaming_content]


def test_a_long_edition_streams_the_page_first_and_the_text_a_chapter_at_a_time(client, db):
    law = long_law("long", chapters=5)
    note_on(law, "2020-01-01", "art_120__para_1", title="A note near the end", body="Read me.")
    chunks = read(client.get("/laws/long/on/2020-01-01/"))
    assert len(chunks) >= 5
    head = chunks[0].decode()
    assert '<nav aria-labelledby="toc-heading">' in head and 'id="art_1"' not in head
    page = b"".join(chunks).decode()
    assert all(f'id="art_{number}"' in page for number in range(1, 126))
    assert page.index('id="art_120"') < page.index("A note near the end") < page.index('id="art_121"')
    assert page.rstrip().endswith("</html>")


def test_a_streamed_page_is_stored_whole_and_served_compressed_from_the_cache(client, db):
    long_law("long", chapters=5)
    streamed = b"".join(read(client.get("/laws/long/on/2020-01-01/")))
    with CaptureQueriesContext(connection) as queries:
        hit = client.get("/laws/long/on/2020-01-01/", HTTP_ACCEPT_ENCODING="br")
    assert not hit.streaming and hit["Content-Encoding"] == "br"
    assert brotli.decompress(hit.content) == streamed
    assert len(queries) <= 1


def test_a_streamed_page_goes_out_compressed_as_it_streams(client, db):
    long_law("long", chapters=5)
    response = client.get("/laws/long/on/2020-01-01/", HTTP_ACCEPT_ENCODING="br")
    assert response["Content-Encoding"] == "br"
    assert b"</html>" in brotli.decompress(b"".join(read(response)))


def test_the_compressed_bytes_a_streamed_page_went_out_in_are_the_ones_kept(client, db, monkeypatch):
    long_law("long", chapters=5)
    sent = b"".join(read(client.get("/laws/long/on/2020-01-01/", HTTP_ACCEPT_ENCODING="br")))
    compressed = []
    monkeypatch.setattr(page_cache, "compress", lambda content, encoding: compressed.append(encoding) or b"")
    hit = client.get("/laws/long/on/2020-01-01/", HTTP_ACCEPT_ENCODING="br")
    assert hit.content == sent and compressed == []


def test_another_encoding_is_compressed_for_its_first_reader_and_kept_for_the_next(client, db, monkeypatch):
    long_law("long", chapters=5)
    plain = b"".join(read(client.get("/laws/long/on/2020-01-01/")))
    compressed = []
    real_compress = page_cache.compress
    monkeypatch.setattr(page_cache, "compress", lambda *args: compressed.append(args[1]) or real_compress(*args))
    first = client.get("/laws/long/on/2020-01-01/", HTTP_ACCEPT_ENCODING="gzip")
    again = client.get("/laws/long/on/2020-01-01/", HTTP_ACCEPT_ENCODING="gzip")
    assert compressed == ["gzip"]
    assert gzip.decompress(first.content) == plain and again.content == first.content


def test_a_long_edition_costs_the_same_queries_whatever_its_length(client, db):
    long_law("long", chapters=5)
    long_law("longer", chapters=10)

    def queries(slug):
        page_cache.clear()
        with CaptureQueriesContext(connection) as captured:
            read(client.get(f"/laws/{slug}/on/2020-01-01/"))
        return len(captured)

    assert queries("long") == queries("longer")
