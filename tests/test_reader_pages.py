"""The reader's URLs, their 404s and their cost in SQL queries."""

import dataclasses
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lawreader.reader.contents import Contents
from lawreader.reader.editions import edition_contents, provision_page
from lawreader.store.models import Provision
from lawreader.web import page_cache
from tests.builders import import_text, make_law, statute_text

pytestmark = pytest.mark.django_db
BASE = "/laws/foreign-intelligence"


def test_library_lists_each_law_with_current_edition_and_count(client, bundled_law):
    page = client.get("/laws/").content.decode()
    assert 'Law of the Republic of Kazakhstan "On Foreign Intelligence"' in page.replace("&quot;", '"')
    assert "Revised edition in force from 5 January 2024" in page
    assert "4 editions" in page


def test_current_edition_is_the_one_in_force_today(client, bundled_law):
    page = client.get(f"{BASE}/").content.decode()
    assert "This is the edition in force today." in page
    assert 'id="art_1__subpara_1-2"' in page
    assert "Unofficial English translation prepared for Lawreader" in page
    assert f'<link rel="canonical" href="http://testserver{BASE}/on/2024-01-05/">' in page


def test_dated_url_shows_the_edition_in_force_then(client, bundled_law):
    page = client.get(f"{BASE}/on/2012-06-01/").content.decode()
    assert "As adopted (22 May 2010)" in page
    assert "This is a historical edition" in page
    assert 'id="art_9-1"' not in page
    assert "In force from about 2 June 2010 to 17 April 2014." in page


def test_article_page_has_breadcrumbs_neighbours_and_notes(client, bundled_law):
    page = client.get(f"{BASE}/on/2014-04-18/art_9-1/").content.decode()
    assert '<h1 class="provision-heading">' in page
    assert 'rel="prev" href="/laws/foreign-intelligence/on/2014-04-18/art_9/"' in page
    assert 'rel="next" href="/laws/foreign-intelligence/on/2014-04-18/art_10/"' in page
    assert "Chapter 2 is supplemented by Article 9-1" in page
    assert 'aria-current="location"' in page
    assert "Law No. 277-IV, Art. 9-1 (edition of 18 April 2014)" in page


def test_item_permalink_opens_its_article_at_the_item(client, bundled_law):
    response = client.get(f"{BASE}/on/2014-04-18/art_9__subpara_20-1/")
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/on/2014-04-18/art_9/#art_9__subpara_20-1"


def test_language_query_picks_the_language_version(client, bundled_law, corpus):
    import_text(
        bundled_law, (corpus / "rus-2014.md").read_text(encoding="utf-8"), valid_from="2014-04-18", language="ru"
    )
    page = client.get(f"{BASE}/on/2015-01-01/art_9-1/?lang=ru").content.decode()
    assert "Компетенция органов военной разведки" in page
    assert '<article class="law-text" lang="ru">' in page
    fallback = client.get(f"{BASE}/?lang=xx")
    assert fallback.status_code == 200


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/laws/no-such-law/", None),
        (
            f"{BASE}/on/2009-01-01/",
            "had no edition in force on 1 January 2009; its first edition takes effect on about 2 June 2010",
        ),
        (
            f"{BASE}/on/2012-01-01/art_9-1/",
            "Article 9-1 did not exist on 1 January 2012; it first appears in the edition of 18 April 2014",
        ),
        (f"{BASE}/on/2012-01-01/art_99/", "has no Article 99 in any edition"),
        (f"{BASE}/on/2024-02-30/", None),
        (f"{BASE}/on/20240101/", None),
        (f"{BASE}/on/2012-01-01/%3Cscript%3E/", None),  # not an eid: no page, and nothing echoed
        (f"{BASE}/?lang=ru", "no published edition in this language"),
        (f"{BASE}/on/?date=yesterday", "YYYY-MM-DD"),
    ],
)
def test_missing_things_are_helpful_404s(client, bundled_law, url, message):
    response = client.get(url)
    assert response.status_code == 404
    assert "<script>" not in response.content.decode()
    if message:
        assert message in response.content.decode()


def test_date_form_redirects_to_the_dated_url(client, bundled_law):
    response = client.get(f"{BASE}/on/", {"date": "2015-03-01", "lang": "en"})
    assert response["Location"] == f"{BASE}/on/2015-03-01/?lang=en"


@pytest.mark.parametrize("path", ["/laws/", f"{BASE}/", f"{BASE}/on/2014-04-18/art_9/", f"{BASE}/on/2014-04-18/chp_2/"])
def test_pages_use_few_queries(client, bundled_law, django_assert_max_num_queries, path):
    with django_assert_max_num_queries(10):
        assert client.get(path).status_code == 200


def count_queries(client, url):
    # Each page from cold caches, so a version trusted for a second (or not, on a slow page) changes no count.
    page_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_law(client):
    small, large = make_law(slug="small"), make_law(slug="large")
    import_text(small, statute_text(chapters=1, articles_per_chapter=2, parts=1, items=3))
    # 2,500 provisions: past every cap on an IN list.
    import_text(large, statute_text(chapters=4, articles_per_chapter=10, parts=3, items=20))
    for suffix in ["", "on/2020-01-01/art_1/", "on/2020-01-01/chp_1/"]:
        assert count_queries(client, f"/laws/small/{suffix}") == count_queries(client, f"/laws/large/{suffix}")


def test_article_pages_read_their_text_where_the_contents_say_it_lies(bundled_law):
    revision = bundled_law.revisions.get(valid_from=datetime.date(2014, 4, 18), language="en")
    contents = edition_contents(revision)
    paths = dict(Provision.objects.of_revision(revision).values_list("eid", "path"))
    assert [entry.path for entry in contents.rows] == [paths[entry.eid] for entry in contents.rows]
    # Contents cached before their entries kept paths: the article is found by its eid, the same text.
    without_paths = Contents([dataclasses.replace(entry, path="") for entry in contents.rows])
    for eid in ["chp_2", "art_9"]:
        by_path = provision_page(revision, eid, revision.valid_from, contents)
        by_eid = provision_page(revision, eid, revision.valid_from, without_paths)
        assert by_path[1][0].eid == eid and len(by_path[1]) > 1
        assert [p.eid for p in by_path[1]] == [p.eid for p in by_eid[1]]
        assert [a.eid for a in by_path[0]] == [a.eid for a in by_eid[0]]  # the ancestors


def test_commentary_follows_its_provision_into_later_editions(client, bundled_law):
    page = client.get(f"{BASE}/on/2024-01-05/art_5/").content.decode()
    assert "Principles: one-person command and combined methods" in page
    assert "Written for the edition of 18 April 2014." in page


def test_notes_about_an_editions_wording_stay_with_that_edition(client, bundled_law):
    earlier = client.get(f"{BASE}/on/2014-04-18/art_9/").content.decode()
    assert "2024 wording not verified" not in earlier
    assert "No. 185-V of 7 April 2014" in earlier  # the 2014 footnote
    later = client.get(f"{BASE}/on/2024-01-05/art_9/").content.decode()
    assert "2024 wording not verified" in later


def test_contents_page_lists_chapters_and_articles_with_note_counts(client, bundled_law):
    page = client.get(f"{BASE}/on/2014-04-18/contents/").content.decode()
    assert f'href="{BASE}/on/2014-04-18/art_9-1/"' in page
    assert "Chapter 3" in page
    assert 'class="note-count"' in page


def test_the_favicon_is_found_wherever_it_is_asked_for(client, bundled_law):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert 'rel="icon"' in client.get(f"{BASE}/").content.decode()


def test_the_edition_links_to_its_official_text_and_offers_printing(client, bundled_law):
    html = client.get(f"{BASE}/on/2014-04-18/").content.decode()
    assert '<a href="https://adilet.zan.kz/rus/docs/Z100000277_" rel="external">' in html
    assert '<button type="button" class="print-page" hidden>Print</button>' in html


def test_the_library_does_not_repeat_the_current_editions_date(client, bundled_law):
    html = client.get("/laws/").content.decode()
    assert "in force from 5 January 2024, in force from" not in html
    assert "Current edition: Revised edition in force from 5 January 2024." in html


def test_an_article_page_missed_by_the_page_cache_costs_three_queries_once_the_law_is_warm(client, bundled_law):
    # The law, the article's subtree and its notes (read by id from the list of notes the edition shows, which is
    # kept with the law's contents); a law without notes has none to read.
    plain = make_law(slug="plain")
    import_text(plain, statute_text(chapters=1, articles_per_chapter=3, parts=2, items=2))
    plain.annotations.all().delete()
    for article_url, queries in [(f"{BASE}/on/2014-04-18/art_9/", 3), ("/laws/plain/on/2020-01-01/art_2/", 2)]:
        page_cache.clear()
        client.get(article_url)  # warms what the law keeps with its version
        page_cache.clear_pages()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article_url).status_code == 200
        assert len(captured) == queries, [query["sql"][:120] for query in captured]
