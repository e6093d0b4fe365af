"""Edition dates are entry-into-force dates, or say honestly that they are the earliest possible one."""

import io
import re

import pytest
from django.core.management import call_command

from lawreader.store.models import Annotation, Revision

pytestmark = pytest.mark.django_db
LAW = "/laws/foreign-intelligence"


def timeline_dates(page):
    spans = re.findall(r'<span class="timeline-date">(.*?)</span>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", span).split()) for span in spans]


def test_no_adoption_date_is_shown_as_an_in_force_date(client, bundled_law):
    page = client.get(f"{LAW}/on/2015-01-01/").content.decode()
    assert timeline_dates(page) == [
        "c. 2 Jun 2010 – 17 Apr 2014",
        "c. 18 Apr 2014 – 12 Jul 2018",
        "c. 13 Jul 2018 – 4 Jan 2024",
        "5 Jan 2024 – today",
    ]
    assert "In force from about 18 April 2014 to 12 July 2018." in page
    assert "Law No. 185-V of 7 April 2014, the latest act this edition incorporates" in page
    assert "The date of that publication is not recorded here" in page


def test_the_edition_in_force_since_a_known_date_says_so_plainly(client, bundled_law):
    page = client.get(f"{LAW}/on/2024-01-05/").content.decode()
    assert "In force from 5 January 2024." in page
    assert "In force from about 5 January 2024" not in page


def test_a_bundled_edition_the_manifest_redates_keeps_its_row_and_its_notes(bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2014-04-18")
    Revision.objects.filter(pk=revision.pk).update(valid_from="2014-04-07")  # as an older deployment had it
    note = Annotation.objects.create(
        law=bundled_law, revision=revision, target_eid="art_5", kind="commentary", body="Kept.", status="published"
    )
    call_command("load_bundled_laws", stdout=io.StringIO())
    revision.refresh_from_db()
    assert revision.valid_from.isoformat() == "2014-04-18"
    assert Annotation.objects.get(pk=note.pk).revision_id == revision.pk
    assert not Revision.objects.filter(law=bundled_law, valid_from="2014-04-07").exists()
