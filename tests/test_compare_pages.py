"""Comparison pages and provision histories on the bundled law."""

import gc
import re

import pytest

from lawreader.compare.diff import Change
from lawreader.compare.editions import EditionComparison
from lawreader.memory import cyclic_collection_paused

pytestmark = pytest.mark.django_db
BASE = "/laws/foreign-intelligence"


def changes(page):
    """{eid: status} from the data-change attributes of a comparison page."""
    return dict(re.findall(r'id="([^"]+)" data-change="(\w+)"', page))


def test_2010_to_2024_shows_inserted_articles_changed_articles_and_new_definitions(client, bundled_law):
    page = client.get(f"{BASE}/compare/2010-06-02/to/2024-01-05/").content.decode()
    found = changes(page)
    for eid in ("art_9-1", "art_16-1", "art_16-2", "art_16-3"):
        assert found[eid] == "inserted", eid
    for eid in ("art_14", "art_15", "art_16", "art_17"):
        assert found[eid] in ("changed", "unchanged") and any(k.startswith(eid + "__") for k in found), eid
    for eid in ("art_1__subpara_1-1", "art_1__subpara_1-2", "art_1__subpara_2-1"):
        assert found[eid] == "inserted", eid
    assert "<ins>" in page and "<del>" in page  # word-level changes inside changed provisions


def test_summary_counts_and_changed_articles_contents(client, bundled_law):
    response = client.get(f"{BASE}/compare/2014-04-18/to/2018-07-13/")
    counts = response.context["counts"]
    assert counts["inserted"] >= 2  # Article 9 item 9-1 and the new paragraph of Article 13 part 5
    sidebar = re.search(r'<ol class="toc-list">(.*?)</ol>', response.content.decode()).group(1)
    changed = re.findall(r'<a href="#([^"]+)">', sidebar)
    assert {"art_6", "art_8", "art_9", "art_13", "art_21"} <= set(changed)
    assert "art_3" not in changed


def test_amendment_notes_of_the_newer_edition_explain_the_change(client, bundled_law):
    page = client.get(f"{BASE}/compare/2014-04-18/to/2018-07-13/").content.decode()
    assert "No. 91-VI of 11 July 2017" in page


def test_dates_in_either_order_put_the_older_edition_first(client, bundled_law):
    forward = client.get(f"{BASE}/compare/2010-06-02/to/2014-04-18/")
    backward = client.get(f"{BASE}/compare/2014-04-18/to/2010-06-02/")
    assert backward.status_code == 200
    assert backward.context["older"].valid_from.isoformat() == "2010-06-02"
    assert changes(forward.content.decode()) == changes(backward.content.decode())


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"{BASE}/compare/2009-01-01/to/2014-04-18/", 404),
        (f"{BASE}/compare/2014-02-30/to/2018-01-01/", 404),
        (f"{BASE}/compare/junk/to/2018-01-01/", 404),
        ("/laws/nope/compare/2014-01-01/to/2018-01-01/", 404),
        (f"{BASE}/compare/?from=2010-06-02&to=oops", 404),
        (f"{BASE}/history/art_999/", 404),
        (f"{BASE}/history/%3Cscript%3E/", 404),
    ],
)
def test_bad_comparisons_are_helpful_404s(client, bundled_law, url, status):
    assert client.get(url).status_code == status


def test_compare_form_redirects_to_the_comparison(client, bundled_law):
    response = client.get(f"{BASE}/compare/", {"from": "2018-07-13", "to": "2014-04-18"})
    assert response["Location"] == f"{BASE}/compare/2018-07-13/to/2014-04-18/"


def test_views_inline_side_by_side_changes_only_and_full_text(client, bundled_law):
    url = f"{BASE}/compare/2014-04-18/to/2018-07-13/"
    changes_only = client.get(url).content.decode()
    full = client.get(url, {"show": "all"}).content.decode()
    side = client.get(url, {"layout": "side"}).content.decode()
    assert 'id="art_3"' not in changes_only and "unchanged" in changes_only
    assert 'id="art_3" data-change="unchanged"' in full
    assert 'class="side-by-side"' in side and 'class="side-by-side"' not in changes_only


def test_history_of_article_1_lists_its_changes(client, bundled_law):
    response = client.get(f"{BASE}/history/art_1/")
    statuses = [(entry.revision.valid_from.isoformat(), entry.status) for entry in response.context["entries"]]
    assert statuses == [
        ("2010-06-02", "first"),
        ("2014-04-18", "unchanged"),
        ("2018-07-13", "unchanged"),
        ("2024-01-05", "changed"),
    ]
    assert '<ins class="whole">' in response.content.decode()


def test_history_of_an_inserted_article_starts_where_it_appears(client, bundled_law):
    response = client.get(f"{BASE}/history/art_9-1/")
    statuses = [entry.status for entry in response.context["entries"]]
    assert statuses == ["absent", "first", "changed", "unchanged"]
    assert "Chapter 2 is supplemented by Article 9-1" in response.content.decode()


def test_edition_and_article_pages_link_to_comparison_and_history(client, bundled_law):
    assert f"{BASE}/compare/2014-04-18/to/2018-07-13/" in client.get(f"{BASE}/on/2018-07-13/").content.decode()
    assert f"{BASE}/history/art_9/" in client.get(f"{BASE}/on/2018-07-13/art_9/").content.decode()


def test_comparison_page_costs_a_fixed_number_of_queries(client, bundled_law, django_assert_num_queries):
    client.get(f"{BASE}/compare/2010-06-02/to/2014-04-18/")  # the law's version and timeline, kept with the law
    # The law, both editions' provisions, the effects of the acts between them and the notes that explain them.
    with django_assert_num_queries(5):
        client.get(f"{BASE}/compare/2010-06-02/to/2024-01-05/")


def test_comparison_page_leaves_nothing_of_the_comparison_alive(client, bundled_law):
    """The page's context lives in reference cycles: holding the comparison, it kept tens of thousands of diff
    objects for the cycle collector to walk after each page. Reference counting alone frees them now."""
    with cyclic_collection_paused():
        response = client.get(f"{BASE}/compare/2010-06-02/to/2024-01-05/")
        alive = [thing for thing in gc.get_objects() if type(thing) in (Change, EditionComparison)]

    assert response.status_code == 200
    assert alive == []


def change_block(page, eid):
    """The HTML of one change on a comparison page, up to the next change."""
    return page.split(f'id="{eid}" data-change=', 1)[1].split(" data-change=", 1)[0]


def test_a_difference_between_language_versions_is_labelled_as_such_not_as_an_amendment(client, bundled_law):
    page = client.get(f"{BASE}/compare/2014-04-18/to/2018-07-13/").content.decode()
    assert changes(page)["art_16-2__para_2"] == "changed"
    block = change_block(page, "art_16-2__para_2")
    assert "Changed: the language versions differ (not an amendment)" in block
    assert "Translator’s note" in block or "Translator&#x27;s note" in block
    assert "combat fighting techniques" in block
    # A change an act made (Law No. 227-V, Article 16-1) is an ordinary change.
    amended = change_block(page, "art_16-1__para_1")
    assert "Changed" in amended and "language versions differ" not in amended


def test_a_translators_note_stays_with_its_edition(client, bundled_law):
    assert "The language versions differ" in client.get(f"{BASE}/on/2018-07-13/art_16-2/").content.decode()
    assert "The language versions differ" not in client.get(f"{BASE}/on/2014-04-18/art_16-2/").content.decode()


def test_a_provisions_history_says_where_its_text_comes_from(client, bundled_law):
    html = client.get("/laws/foreign-intelligence/history/art_9/").content.decode()
    assert '<p class="source-note">Unofficial English translation' in html


def test_unchanged_provisions_inside_a_changed_article_are_folded_unless_the_full_text_is_asked(client, bundled_law):
    url = "/laws/foreign-intelligence/compare/2014-04-18/to/2018-07-13/"
    folded = client.get(url).content.decode()
    assert '<details class="unchanged-run">' in folded
    full = client.get(url, {"show": "all"}).content.decode()
    assert '<details class="unchanged-run">' not in full
    assert 'id="art_3" data-change="unchanged"' in full
