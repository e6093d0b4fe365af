"""The tree store and its querysets, on whichever database the run uses (SQLite and PostgreSQL)."""

import datetime

import pytest

from lawreader.store import triggers
from lawreader.store.models import Law, LawVersion, Provision, Revision
from lawreader.store.timeline import Timeline
from tests.builders import import_text, make_law, statute_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_store")]


@pytest.fixture
def law_with_editions():
    law = make_law()
    for date, articles in [("2010-01-01", 1), ("2014-04-18", 2), ("2018-07-13", 3)]:
        import_text(law, statute_text(articles_per_chapter=articles), valid_from=date)
    return law


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2010-01-01", "2010-01-01"),
        ("2014-04-06", "2010-01-01"),
        ("2014-04-18", "2014-04-18"),
        ("2030-01-01", "2018-07-13"),
        ("2009-12-31", None),
    ],
)
def test_in_force_on_is_the_latest_edition_on_or_before_the_date(law_with_editions, date, expected):
    revision = Timeline.of(law_with_editions, "en").in_force_on(datetime.date.fromisoformat(date))
    assert (revision.valid_from.isoformat() if revision else None) == expected


def test_in_force_on_keeps_languages_apart(law_with_editions):
    assert Timeline.of(law_with_editions, "ru").in_force_on(datetime.date(2020, 1, 1)) is None


def test_bulk_inserted_tree_is_a_valid_treebeard_tree(law_with_editions):
    assert Provision.objects.find_problems() == ([], [], [], [], [])
    revision = Revision.objects.get(valid_from="2018-07-13")
    article = Provision.objects.of_revision(revision).get(eid="art_2")
    assert [child.eid for child in Provision.objects.get_children(article)] == ["art_2__para_1", "art_2__para_2"]
    assert Provision.objects.get_parent(article).eid == "chp_1"
    assert article.get_depth() == 3


def test_subtree_is_the_provision_and_its_descendants_in_document_order(law_with_editions):
    revision = Revision.objects.get(valid_from="2018-07-13")
    article = Provision.objects.of_revision(revision).get(eid="art_2")
    eids = [p.eid for p in Provision.objects.subtree(article)]
    assert eids[0] == "art_2"
    assert eids[1:3] == ["art_2__para_1", "art_2__para_1__subpara_1"]
    assert len(eids) == 9
    assert all(eid.startswith("art_2") for eid in eids)


@pytest.mark.parametrize("eid", ["art_2", "chp_1", "art_2__para_1", "art_2__para_1__subpara_1"])
def test_a_subtree_found_by_eid_in_one_query_is_the_same_as_from_the_node(
    law_with_editions, eid, django_assert_num_queries
):
    revision = Revision.objects.get(valid_from="2018-07-13")
    node = Provision.objects.of_revision(revision).get(eid=eid)
    with django_assert_num_queries(1):
        found = list(Provision.objects.subtree_at(revision, eid))
    assert found == list(Provision.objects.subtree(node))
    assert list(Provision.objects.subtree_at(revision, "art_999")) == []


def test_table_of_contents_selects_chapters_and_articles_only(law_with_editions):
    revision = Revision.objects.get(valid_from="2014-04-18")
    kinds = [p.kind for p in Provision.objects.table_of_contents(revision)]
    assert kinds == ["preamble", "chapter", "article", "article", "chapter", "article", "article"]


def test_eids_are_stable_across_editions_for_the_same_provision(law_with_editions):
    first, last = Revision.objects.order_by("valid_from")[::2]
    assert set(Provision.objects.of_revision(first).values_list("eid", flat=True)) < set(
        Provision.objects.of_revision(last).values_list("eid", flat=True)
    )


def test_the_public_version_triggers_are_installed_after_migrations():
    assert triggers.installed_names() == triggers.expected_names()


def test_installing_the_triggers_again_changes_nothing(law_with_editions):
    before = LawVersion.objects.get(law=law_with_editions)
    triggers.install()
    assert triggers.installed_names() == triggers.expected_names()
    assert LawVersion.objects.get(law=law_with_editions).version == before.version


def test_every_law_has_a_public_version_from_its_creation():
    law = Law.objects.create(slug="fresh", title="Fresh")
    assert LawVersion.objects.of_slug("fresh").version == 1
    law.title = "Renamed"
    law.save()
    assert LawVersion.objects.of_slug("fresh").version == 2
