"""Notes keep to the truth of their edition: shown where the provision exists and reads as it did for the note or
later, counted the same way on every page."""

import datetime
import re

import pytest

from lawreader import vocabulary
from lawreader.store.models import Provision, Revision

pytestmark = pytest.mark.django_db
LAW = "/laws/foreign-intelligence"
DATES = ["2010-06-02", "2014-04-18", "2018-07-13", "2024-01-05"]
NOTE = re.compile(r'role="note" id="note-\d+"')
STALE = re.compile(r"Written for the edition of (\d{1,2} \w+ \d{4}); the wording has since changed")


def articles(revision):
    return list(Provision.objects.of_revision(revision).articles().values_list("eid", flat=True))


def contents_counts(client, date):
    page = client.get(f"{LAW}/on/{date}/contents/").content.decode()
    found = re.findall(r'/(art_[\w-]+)/"[^>]*>[^<]*(?:<span class="note-count">(\d+) notes?</span>)?</a>', page)
    return {eid: int(count or 0) for eid, count in found}


def whole_edition_counts(client, date):
    """Notes per article (or chapter) on the whole-edition page, from each provision's notes panel."""
    page = client.get(f"{LAW}/on/{date}/").content.decode()
    counts = {
        eid: 0 for eid in re.findall(r'<div class="provision provision--(?:article|chapter)" id="([\w-]+)">', page)
    }
    for eid, panel in re.findall(r'<details class="provision-notes" data-for="([\w-]+)">(.*?)</details>', page, re.S):
        if vocabulary.outermost(eid) in counts:
            counts[vocabulary.outermost(eid)] += len(NOTE.findall(panel))
    return counts


def test_a_note_about_a_later_wording_is_not_shown_in_an_earlier_edition(client, bundled_law):
    assert "“Electronic information resources”" not in client.get(f"{LAW}/on/2014-04-18/art_9/").content.decode()
    later = client.get(f"{LAW}/on/2018-07-13/art_9/").content.decode()
    assert "Electronic information resources" in later


def test_no_note_says_the_wording_has_since_changed_about_an_earlier_edition(client, bundled_law):
    seen = 0
    for date in DATES:
        revision = Revision.objects.get(law=bundled_law, valid_from=date)
        for eid in articles(revision):
            page = client.get(f"{LAW}/on/{date}/{eid}/").content.decode()
            for written_for in STALE.findall(page):
                assert datetime.datetime.strptime(written_for, "%d %B %Y").date() < revision.valid_from, (date, eid)
                seen += 1
    assert seen > 0  # the bundled law has notes whose provision changed later


@pytest.mark.parametrize("date", DATES)
def test_note_counts_agree_on_contents_sidebar_whole_edition_and_article_pages(client, bundled_law, date):
    revision = Revision.objects.get(law=bundled_law, valid_from=date)
    contents = contents_counts(client, date)
    whole = whole_edition_counts(client, date)
    for eid in articles(revision):
        page = client.get(f"{LAW}/on/{date}/{eid}/").content.decode()
        main = page.split('<article class="law-text"', 1)[1].split("</article>", 1)[0]
        sidebar = re.search(
            rf'/{re.escape(eid)}/" aria-current="location">[^<]*(?:<span class="note-count">(\d+) notes?)?', page
        )
        counts = (contents.get(eid, 0), whole.get(eid, 0), len(NOTE.findall(main)), int(sidebar[1] or 0))
        assert len(set(counts)) == 1, (eid, counts)


def test_a_note_on_a_provision_the_edition_lacks_is_neither_shown_nor_counted(client, bundled_law):
    # A note written for 2014 on an unnumbered paragraph that the 2024 edition of Article 2 no longer has.
    assert not Provision.objects.filter(
        revision__valid_from="2024-01-05", eid="art_2__para_1__subpara_2__text_1"
    ).exists()
    page = client.get(f"{LAW}/on/2024-01-05/art_2/").content.decode()
    assert "Intelligence units within the national security bodies" not in page
    assert contents_counts(client, "2024-01-05")["art_2"] == len(NOTE.findall(page.split("<article", 1)[1]))
