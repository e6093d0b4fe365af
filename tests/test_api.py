"""The JSON API, /api/v1/: what each operation answers, on the bundled law and laws built here."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lawreader.web import page_cache
from tests.builders import import_text, make_law, note_on, statute_text

API = "/api/v1"
LAW = f"{API}/laws/foreign-intelligence"


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content[:500]
    return response.json()


def test_the_library_lists_laws_with_their_frbr_work(client, bundled_law):
    laws = get_json(client, f"{API}/laws")
    entry = next(law for law in laws["results"] if law["slug"] == "foreign-intelligence")
    assert entry["work"] == "/akn/kz/act/2010-05-22/277-IV"
    assert entry["number"] == "No. 277-IV"
    assert entry["html"].endswith("/laws/foreign-intelligence/")


def test_the_list_of_laws_pages_with_a_cursor(client, db):
    for number in range(5):
        make_law(slug=f"law-{number}", title=f"Law {number}")
    first = get_json(client, f"{API}/laws?page_size=2")
    second = get_json(client, first["next"])
    slugs = [law["slug"] for law in first["results"] + second["results"]]
    assert slugs == sorted(slugs) and len(set(slugs)) == 4


def test_a_law_lists_every_published_edition_in_every_language(client, bundled_law):
    law = get_json(client, LAW)
    english = [edition for edition in law["editions"] if edition["language"] == "en"]
    assert [edition["valid_from"] for edition in english] == ["2010-06-02", "2014-04-18", "2018-07-13", "2024-01-05"]
    first = english[0]
    assert first["valid_to"] == "2014-04-17" and english[-1]["valid_to"] is None
    assert first["expression"] == "/akn/kz/act/2010-05-22/277-IV/eng@2010-06-02"
    assert "Unofficial" in first["source_note"]
    assert english[1]["amended_by"], "an amended edition names the acts it incorporates"


def test_the_edition_in_force_on_a_date_and_a_date_before_the_law(client, bundled_law):
    assert get_json(client, f"{LAW}/on/2015-01-01")["valid_from"] == "2014-04-18"
    missing = get_json(client, f"{LAW}/on/1999-01-01", status=404)
    assert "no edition in force on 1 January 1999" in missing["detail"]
    assert "no law" in get_json(client, f"{API}/laws/no-such-law", status=404)["detail"]


def test_the_text_of_an_edition_is_its_tree_with_eids_and_hashes(client, bundled_law):
    text = get_json(client, f"{LAW}/on/2015-01-01/text")
    root = text["provision"]
    assert root["kind"] == "document" and text["edition"]["valid_from"] == "2014-04-18"
    articles = [node for chapter in root["children"] for node in chapter["children"] if node["kind"] == "article"]
    assert "art_9-1" in [article["eid"] for article in articles]
    assert all(len(article["content_hash"]) == 32 for article in articles)


def test_one_provisions_subtree_and_a_provision_the_edition_lacks(client, bundled_law):
    article = get_json(client, f"{LAW}/on/2015-01-01/text?eid=art_6")["provision"]
    assert article["eid"] == "art_6" and article["children"][0]["eid"].startswith("art_6__")
    missing = get_json(client, f"{LAW}/on/2011-01-01/text?eid=art_9-1", status=404)
    assert "first appears in the edition of 18 April 2014" in missing["detail"]


def test_provisions_page_in_document_order_with_stable_cursors(client, bundled_law):
    whole = [row["eid"] for row in get_json(client, f"{LAW}/on/2015-01-01/provisions?page_size=5000")["results"]]
    paged, url = [], f"{LAW}/on/2015-01-01/provisions?page_size=40"
    while url:
        page = get_json(client, url)
        paged += [row["eid"] for row in page["results"]]
        url = page["next"]
    assert paged == whole and len(whole) > 100
    articles = get_json(client, f"{LAW}/on/2015-01-01/provisions?kind=article&page_size=100")["results"]
    assert {row["kind"] for row in articles} == {"article"}


def test_notes_are_the_published_ones_the_reader_sees(client, bundled_law):
    draft = note_on(bundled_law, "2014-04-18", "art_6", body="A draft nobody may read.", status="draft")
    published = note_on(bundled_law, "2014-04-18", "art_6", body="See [Article 2](eid:art_2).", quote_exact="")
    notes = get_json(client, f"{LAW}/on/2015-01-01/notes?eid=art_6")
    ids = [note["id"] for note in notes]
    assert published.pk in ids and draft.pk not in ids
    shown = next(note for note in notes if note["id"] == published.pk)
    assert 'href="/laws/foreign-intelligence/on/2014-04-18/art_2/' in shown["body_html"]
    assert all(note["target_eid"].startswith("art_6") for note in notes)


def test_search_finds_words_and_citations_like_the_page(client, bundled_law):
    words = get_json(client, f"{API}/search?q=intelligence+information&law=foreign-intelligence&limit=5")
    assert words["total"] > 0 and len(words["results"]) == 5
    assert "<mark>" in words["results"][0]["snippet_html"]
    cited = get_json(client, f"{API}/search?q=Article+9-1")
    assert cited["citation"] == "Art. 9-1"
    assert [candidate["eid"] for candidate in cited["candidates"]] == ["art_9-1"]
    notes_only = get_json(client, f"{API}/search?q=intelligence&in=annotations&limit=3")
    assert all(result["note_id"] for result in notes_only["results"])
    assert "edition" in get_json(client, f"{API}/search?q=x&edition=yesterday", status=400)["detail"]


def test_search_never_finds_a_draft(client, bundled_law):
    note_on(bundled_law, "2024-01-05", "art_6", body="Zanzibarian quokka", status="draft")
    assert get_json(client, f"{API}/search?q=quokka")["total"] == 0


def test_a_comparison_is_the_change_tree_with_word_operations_and_acts(client, bundled_law):
    result = get_json(client, f"{LAW}/compare/2015-01-01/2011-01-01")
    assert result["older"]["valid_from"] == "2010-06-02" and result["newer"]["valid_from"] == "2014-04-18"
    assert result["counts"]["inserted"] > 0

    def walk(change):
        yield change
        for child in change["children"]:
            yield from walk(child)

    changes = {change["eid"]: change for change in walk(result["changes"])}
    inserted = changes["art_9-1"]
    assert inserted["status"] == "inserted" and inserted["old"] is None
    assert {act["number"] for act in inserted["acts"]} >= {"185-V"}
    changed = next(change for change in changes.values() if change["status"] == "changed" and change["text_ops"])
    assert {op["op"] for op in changed["text_ops"]} >= {"equal"}
    assert all(change["status"] != "unchanged" or change["children"] for change in changes.values())


def test_a_provisions_history_through_every_edition(client, bundled_law):
    history = get_json(client, f"{LAW}/history/art_9-1")
    statuses = [entry["status"] for entry in history["entries"]]
    assert statuses[0] == "absent" and statuses[1] == "first"
    assert "no Article 99" in get_json(client, f"{LAW}/history/art_99", status=404)["detail"]


def test_amending_acts_with_their_effects(client, bundled_law):
    acts = get_json(client, f"{LAW}/acts")
    act = next(act for act in acts if act["number"] == "185-V")
    assert act["adopted_on"] == "2014-04-07" and act["in_force_on"] is None
    assert "not recorded" in act["entry_into_force"]
    assert {"target_eid": "art_9-1", "first_stated_in": "2014-04-18"}.items() <= next(
        effect for effect in act["effects"] if effect["target_eid"] == "art_9-1"
    ).items()


def test_answers_are_revalidated_by_the_laws_version(client, bundled_law):
    first = client.get(f"{LAW}/acts")
    etag = first["ETag"]
    assert client.get(f"{LAW}/acts", HTTP_IF_NONE_MATCH=etag).status_code == 304
    note_on(bundled_law, "2024-01-05", "art_6", body="A new published note moves the version.")
    page_cache.local.forget_versions()
    assert client.get(f"{LAW}/acts", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_answers_are_served_compressed_from_the_cache(client, bundled_law):
    plain = client.get(f"{LAW}/on/2015-01-01/text").content
    with CaptureQueriesContext(connection) as queries:
        cached = client.get(f"{LAW}/on/2015-01-01/text", HTTP_ACCEPT_ENCODING="gzip")
    assert cached["Content-Encoding"] == "gzip"
    assert gzip.decompress(cached.content) == plain
    assert len(queries) <= 1  # at most the law's version


def test_cors_is_open_for_reading(client, bundled_law):
    response = client.get(f"{API}/laws", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{API}/laws", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/laws/", HTTP_ORIGIN="https://example.org")


def test_anonymous_clients_are_rate_limited_with_retry_after(client, bundled_law, settings):
    settings.LAWREADER_API_RATE = "3/min"
    codes = [client.get(f"{LAW}/acts").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]  # cached answers count too
    refused = client.get(f"{LAW}/acts")
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert client.get("/laws/foreign-intelligence/").status_code == 200, "pages are not limited"


def test_the_schema_and_its_browsable_docs(client, db):
    schema = get_json(client, f"{API}/openapi.json")
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        "/api/v1/laws/{slug}/on/{date}/text",
        "/api/v1/search",
        "/api/v1/laws/{slug}/compare/{first}/{second}",
    } <= paths
    assert "Rate limit" in schema["info"]["description"]
    assert b"swagger-ui" in client.get(f"{API}/docs/").content


@pytest.mark.parametrize(
    "suffix", ["", "/on/2020-01-01/text", "/on/2020-01-01/notes", "/compare/2020-01-01/2021-01-01"]
)
def test_query_count_does_not_grow_with_the_law(client, db, suffix):
    def count(slug):
        page_cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/laws/{slug}{suffix}").status_code == 200
        return len(queries)

    for slug, size in [
        ("small", dict(chapters=1, articles_per_chapter=2, parts=1, items=2)),
        ("large", dict(chapters=4, articles_per_chapter=10, parts=3, items=20)),
    ]:
        law = make_law(slug=slug)
        import_text(law, statute_text(**size))
        import_text(law, statute_text(**size).replace("provides", "now provides"), valid_from="2021-01-01")
    assert count("small") == count("large")
