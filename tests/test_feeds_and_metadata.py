"""Atom feeds, schema.org JSON-LD in page heads, and the sitemap."""

import json
import re

import feedparser
import pytest
from lxml import etree

from lawreader.store.models import Provision, Revision
from tests.builders import note_on

LAW = "/laws/foreign-intelligence"
ATOM = "{http://www.w3.org/2005/Atom}"


def atom(client, url):
    """The feed as a feed reader reads it, after checking what Atom requires of it (RFC 4287 §4.1)."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = etree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for element in [root, *root.iter(f"{ATOM}entry")]:
        for required in ("id", "title", "updated"):
            assert element.find(f"{ATOM}{required}") is not None, f"{required} missing"
        assert element.find(f"{ATOM}link[@rel='alternate']") is not None
        assert element.findtext(f"{ATOM}id").startswith("http"), "ids are absolute IRIs"
    ids = [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_a_laws_feed_reports_editions_acts_and_notes(client, bundled_law):
    feed = atom(client, f"{LAW}/changes.atom")
    links = [entry.link for entry in feed.entries]
    assert any("/compare/2014-04-18/to/2018-07-13/" in link for link in links), "an edition links to its comparison"
    assert any("/amendments/" in link for link in links), "an act links to its effects"
    assert any("#note-" in link for link in links), "a note links to itself beside its provision"
    titles = [entry.title for entry in feed.entries]
    assert "New edition in force from 13 July 2018" in titles


def test_a_provisions_feed_reports_each_change_to_it(client, bundled_law):
    feed = atom(client, f"{LAW}/history/art_9-1/changes.atom")
    titles = [entry.title for entry in feed.entries]
    assert titles[-1] == "Article 9-1 first appears in the edition in force from 18 April 2014"
    first_change = next(entry for entry in feed.entries if "changed" in entry.title)
    assert "/compare/" in first_change.link and first_change.link.endswith("#art_9-1")
    assert client.get(f"{LAW}/history/art_99/changes.atom").status_code == 404


def test_the_library_feed_has_new_notes_and_never_a_draft(client, bundled_law):
    published = note_on(bundled_law, "2024-01-05", "art_6", title="Fresh commentary")
    draft = note_on(bundled_law, "2024-01-05", "art_6", title="Secret draft", status="draft")
    feed = atom(client, "/notes.atom")
    assert feed.entries[0].link.endswith(f"/on/2024-01-05/art_6/#note-{published.pk}")
    assert "Fresh commentary" in feed.entries[0].title
    assert all(f"note-{draft.pk}" not in entry.link for entry in feed.entries)
    assert "Secret draft" not in client.get(f"{LAW}/changes.atom").content.decode()


def test_pages_name_their_feeds(client, bundled_law):
    page = client.get(f"{LAW}/on/2015-01-01/art_9-1/").content.decode()
    feeds = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', page)
    assert feeds == ["/notes.atom", f"{LAW}/changes.atom", f"{LAW}/history/art_9-1/changes.atom"]


def structured_data(client, url):
    page = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_an_edition_page_describes_the_edition_as_legislation(client, bundled_law):
    data = structured_data(client, f"{LAW}/on/2015-01-01/")
    assert data["@type"] == "Legislation"
    assert data["@id"].endswith(f"{LAW}/on/2014-04-18/")
    assert data["legislationIdentifier"] == "No. 277-IV"
    assert data["legislationDate"] == "2010-05-22" and data["legislationDateVersion"] == "2014-04-18"
    assert data["legislationLegalForce"] == "https://schema.org/NotInForce"
    assert "Law No. 185-V of 7 April 2014" in [act["name"] for act in data["legislationConsolidates"]]
    assert data["inLanguage"] == "en"
    assert data["legislationLegalValue"] == "https://schema.org/UnofficialLegalValue", "our English is unofficial"
    assert data["translationOfWork"]["@id"] == "https://adilet.zan.kz/rus/docs/Z100000277_"
    assert any(part["@id"].endswith("/on/2014-04-18/chp_1/") for part in data["hasPart"])
    current = structured_data(client, f"{LAW}/")
    assert current["legislationLegalForce"] == "https://schema.org/InForce"


def test_a_provision_page_describes_the_provision_within_its_edition(client, bundled_law):
    data = structured_data(client, f"{LAW}/on/2015-01-01/art_9-1/")
    assert data["name"].startswith("Article 9-1. ")
    assert data["identifier"] == "/akn/kz/act/2010-05-22/277-IV/eng@2014-04-18/~art_9-1"
    assert data["isPartOf"]["@id"].endswith(f"{LAW}/on/2014-04-18/")


def test_an_official_language_edition_is_not_called_a_translation(client, bundled_law, corpus):
    from tests.builders import import_text

    text = (corpus / "rus-2014.md").read_text(encoding="utf-8") if (corpus / "rus-2014.md").exists() else None
    if text is None:
        pytest.skip("the Russian 2014 text is not in the corpus here")
    import_text(bundled_law, text, valid_from="2014-04-18", language="ru")
    data = structured_data(client, f"{LAW}/on/2015-01-01/?lang=ru")
    assert data["inLanguage"] == "ru" and "legislationLegalValue" not in data


def test_the_sitemap_lists_every_public_page_and_no_unpublished_edition(client, bundled_law):
    hidden = Revision.objects.get(law=bundled_law, language="en", valid_from="2018-07-13")
    hidden.published = False
    hidden.save()
    index = etree.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    addresses = []
    for section in sections:
        response = client.get(section.removeprefix("http://testserver"))
        assert response.status_code == 200
        urlset = etree.fromstring(response.content)
        addresses += [loc.text for loc in urlset.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    paths = {address.removeprefix("http://testserver") for address in addresses}
    assert {"/laws/", f"{LAW}/", f"{LAW}/on/2014-04-18/", f"{LAW}/on/2014-04-18/contents/"} <= paths
    assert f"{LAW}/on/2024-01-05/art_16-3/" in paths and f"{LAW}/history/art_9-1/" in paths
    assert not any("/on/2018-07-13/" in path for path in paths)
    articles = Provision.objects.filter(revision__published=True, revision__law=bundled_law, kind="article").count()
    assert sum("/art_" in path and "/on/" in path for path in paths) == articles
