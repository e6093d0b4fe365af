"""One search box: citations and words, on whichever backend the database gives (SQLite FTS5 or PostgreSQL)."""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lawreader.search import index
from lawreader.search.backends import get_backend
from lawreader.search.backends.base import Scope, scope_branches
from lawreader.search.models import SearchEntry
from lawreader.store.models import Annotation, Provision, Revision
from lawreader.web import page_cache
from tests.builders import import_text, make_law, note_on, statute_text

pytestmark = pytest.mark.django_db
LAW = "/laws/foreign-intelligence"


def search(client, q, **params):
    return client.get("/search/", {"q": q, **params})


def result_eids(response):
    return [result.entry.eid for result in response.context["results"]]


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("Article 9-1", f"{LAW}/on/2024-01-05/art_9-1/"),
        ("art 16-2", f"{LAW}/on/2024-01-05/art_16-2/"),
        ("ст. 9", f"{LAW}/on/2024-01-05/art_9/"),
        ("9-1-бап", f"{LAW}/on/2024-01-05/art_9-1/"),
        ("Art. 9 item 20-1", f"{LAW}/on/2024-01-05/art_9/#art_9__subpara_20-1"),
        ("Chapter 2", f"{LAW}/on/2024-01-05/chp_2/"),
    ],
)
def test_citation_jumps_to_the_provision_in_the_current_edition(client, bundled_law, query, location):
    response = search(client, query)
    assert response.status_code == 302
    assert response["Location"] == location


def test_citation_in_a_chosen_edition(client, bundled_law):
    response = search(client, "Article 9", edition="2012-01-01")
    assert response["Location"] == f"{LAW}/on/2010-06-02/art_9/"


def test_citation_with_a_skipped_level_lists_the_candidates(client, bundled_law):
    response = search(client, "Art. 2 item 1")  # items of Article 2 sit in its parts
    assert response.status_code == 302 or len(response.context["candidates"]) >= 1
    if response.status_code == 200:
        assert all(c.provision.eid.startswith("art_2__para_") for c in response.context["candidates"])


def test_citation_that_matches_nothing_falls_back_to_words(client, bundled_law):
    response = search(client, "Article 99")
    assert response.status_code == 200
    assert "No provision matches" in response.content.decode()


def test_words_are_ranked_with_breadcrumbs_and_highlighted_snippets(client, bundled_law):
    response = search(client, "intelligence community", **{"in": "text"})
    results = response.context["results"]
    assert response.context["total"] >= 3
    top = [r.entry.eid for r in results[:5]]
    assert "art_1__subpara_1-2" in top
    item = next(r for r in results if r.entry.eid == "art_1__subpara_1-2")
    assert item.entry.breadcrumb == "Chapter 1 › Article 1 › item 1-2"
    assert "<mark>" in item.snippet
    assert item.url == f"{LAW}/on/2024-01-05/art_1/?hl=intelligence+community#art_1__subpara_1-2"


def test_stemming_finds_other_forms_of_a_word(client, bundled_law):
    eids = result_eids(search(client, "employee", **{"in": "text"}))
    assert any(eid.startswith("art_14") for eid in eids)  # the text says "employees"


def test_phrase_exclusion_and_prefix(client, bundled_law):
    phrase = set(result_eids(search(client, '"special state body"', **{"in": "text"})))
    assert "art_2__para_3" in phrase
    both = set(result_eids(search(client, "physical force", **{"in": "text"})))
    without = set(result_eids(search(client, "physical force -weapons", **{"in": "text"})))
    assert without < both
    prefix = result_eids(search(client, "confidenti*", **{"in": "text"}))
    assert any(eid.startswith("art_18") for eid in prefix)


def test_russian_words_are_stemmed(client, bundled_law, corpus):
    import_text(
        bundled_law, (corpus / "rus-2014.md").read_text(encoding="utf-8"), valid_from="2014-04-18", language="ru"
    )
    response = search(client, "разведывательная деятельность", language="ru", **{"in": "text"})
    assert response.context["total"] > 0
    # "деятельности" in the text matches "деятельность" in the query.
    assert any("деятельност" in r.snippet for r in response.context["results"])


def test_kazakh_words_are_found_without_stemming(client, bundled_law, corpus):
    import_text(
        bundled_law, (corpus / "kaz-2018.md").read_text(encoding="utf-8"), valid_from="2018-07-13", language="kk"
    )
    response = search(client, "барлау", language="kk", edition="2020-01-01", **{"in": "text"})
    assert response.context["total"] > 0


def test_all_editions_groups_by_provision_with_first_and_last_edition(client, bundled_law):
    response = search(client, '"military formation"', edition="all", **{"in": "text"})
    groups = response.context["groups"]
    part_3 = next(group for group in groups if group.first.entry.eid == "art_2__para_3")
    assert [revision.valid_from.isoformat() for revision in part_3.editions] == ["2010-06-02"]
    community = search(client, '"intelligence community"', edition="all", **{"in": "text"}).context["groups"]
    preamble = next(group for group in community if group.first.entry.eid == "preamble")
    assert preamble.earliest.valid_from.isoformat() == "2024-01-05"


def test_published_notes_are_searchable_and_drafts_never(client, bundled_law):
    note_on(bundled_law, "2024-01-05", "art_5", title="Zebracorn note", body="published zebracorn")
    note_on(bundled_law, "2024-01-05", "art_5", title="Secret", body="draft zebracorn", status="draft")
    response = search(client, "zebracorn")
    assert [r.entry.heading for r in response.context["results"]] == ["Zebracorn note"]
    client.force_login(User.objects.create_user("staff", password="x-pw-12345", is_staff=True))
    assert "Secret" not in search(client, "zebracorn").content.decode()


def test_a_note_unpublished_behind_the_stores_back_never_shows(client, bundled_law):
    note = note_on(bundled_law, "2024-01-05", "art_5", title="Zebracorn note", body="published zebracorn")
    with connection.cursor() as cursor:  # raw SQL: no signal re-indexes the note
        cursor.execute("UPDATE store_annotation SET status = 'draft' WHERE id = %s", [note.pk])
    assert SearchEntry.objects.filter(annotation_id=note.pk).exists()
    assert search(client, "zebracorn").context["results"] == []


def test_index_follows_note_edits_and_deletion(client, bundled_law):
    note = note_on(bundled_law, "2024-01-05", "art_5", title="Quokka", body="quokka")
    assert search(client, "quokka").context["total"] == 1
    note.body, note.title = "wombat", "Wombat"
    note.save()
    assert search(client, "quokka").context["total"] == 0
    assert search(client, "wombat").context["total"] == 1
    note_id = note.pk
    note.delete()
    assert search(client, "wombat").context["total"] == 0
    assert not SearchEntry.objects.filter(annotation_id=note_id).exists()


def test_reimport_replaces_the_index_of_that_edition(client, bundled_law):
    revision = Revision.objects.get(law=bundled_law, valid_from="2024-01-05")
    before = SearchEntry.objects.filter(revision=revision, annotation=None).count()
    import_text(
        bundled_law,
        "# T\n\n## Chapter 1. ONE\n\n### Article 1. Narwhal\n\nNarwhals only.\n",
        valid_from="2024-01-05",
        replace=True,
    )
    assert (
        SearchEntry.objects.filter(revision=revision, annotation=None).count() == 3 < before
    )  # chapter, article, text
    assert search(client, "narwhal").context["total"] >= 1
    assert search(client, "intelligence", **{"in": "text"}).context["total"] == 0


def test_rebuild_command_reports_progress_and_restores_the_index(bundled_law):
    import io

    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("[1/4]") and lines[-1].startswith("Indexed ")
    assert SearchEntry.objects.filter(annotation=None).count() == Provision.objects.exclude(kind="document").count()


def test_filters_law_kind_and_in(client, bundled_law):
    items = search(client, "intelligence", kind="subparagraph")
    assert all(r.entry.kind == "subparagraph" for r in items.context["results"])
    notes = search(client, "intelligence", **{"in": "annotations"})
    assert all(r.entry.annotation_id for r in notes.context["results"])
    assert search(client, "intelligence", law="foreign-intelligence").status_code == 200
    assert search(client, "intelligence", law="no-such-law").status_code == 400


def test_no_results_suggests_removing_filters_and_all_editions(client, bundled_law):
    page = search(client, "xylophone", kind="article").content.decode()
    assert "No results" in page
    assert "Search again without the filters" in page
    assert "Search all editions" in page


def test_empty_query_shows_how_to_search(client, bundled_law):
    page = client.get("/search/").content.decode()
    assert "How to search" in page


HOSTILE = [
    '"',
    '""',
    '"unbalanced phrase',
    "-",
    "--",
    "-word",
    "*",
    "**",
    "a*b*c",
    "AND",
    "OR NOT",
    "NEAR(a b)",
    "x" * 5000,
    "\x00\x01\x02",
    "\u202eevil",
    "'; DROP TABLE store_provision; --",
    "1' OR '1'='1",
    "%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "${7*7}",
    "статья ' OR 1=1",
    "🙂🙃",
    "art_9__subpara_20-1'",
    ":*",
    "foo:*",
    "a & b | !c",
    "(((",
    ")))",
    "intelligence\tcommunity\n",
    "ст.",
    "бап",
    "Article",
    "Art. 9999999999999999999",
    "é" * 300,
    "NOT intelligence",
    '"a" -"b"',
    '-"intelligence"',
]


def test_there_are_at_least_30_hostile_inputs():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_never_errors(client, bundled_law, query):
    response = search(client, query)
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize(
    "params",
    [
        {"edition": "yesterday"},
        {"page": "-1"},
        {"page": "x"},
        {"language": "xx"},
        {"kind": "nope"},
        {"in": "everything"},
        {"page": "99999"},
    ],
)
def test_hostile_filters_are_400_or_200_never_500(client, bundled_law, params):
    assert search(client, "intelligence", **params).status_code in (200, 400)


def test_long_query_is_capped_and_the_reader_is_told(client, bundled_law):
    page = search(client, "intelligence " * 40).content.decode()
    assert "shortened to its first 200 characters" in page


def test_results_page_costs_a_fixed_number_of_queries(client, bundled_law, django_assert_num_queries):
    # The first search reads the library's version, the laws and the languages held (kept until the library
    # changes), the laws' editions, and the search with its page's entries.
    with django_assert_num_queries(5):
        search(client, "intelligence")
    # Then every search of all laws reads their editions and searches.
    with django_assert_num_queries(2):
        search(client, "intelligence", edition="all")
    # With a law chosen, its first search also reads the law's version, the kinds of provision it has and its
    # editions (kept until the law changes): the next reads only the search.
    with django_assert_num_queries(4):
        search(client, "intelligence", law="foreign-intelligence")
    with django_assert_num_queries(1):
        search(client, "intelligence", law="foreign-intelligence")


def test_the_laws_and_languages_offered_follow_the_library_at_once(client, bundled_law, monkeypatch):
    """The search form's laws and languages are kept until the library changes: this process's own writes show on
    its next page, another process's (raw SQL here) once the version's trust window has passed."""

    def offered(field):
        return [code for code, _label in search(client, "intelligence").context["form"].fields[field].choices]

    assert (offered("law"), offered("language")) == (["", "foreign-intelligence"], ["", "en"])
    law = make_law(slug="second-law", language="ru")
    assert offered("law") == ["", "foreign-intelligence", "second-law"]
    import_text(law, statute_text(), language="ru")
    assert offered("language") == ["", "en", "ru"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE store_revision SET published = %s WHERE law_id = %s", [False, law.pk])
    later = time.monotonic() + settings.LAWREADER_VERSION_TRUST_SECONDS + 1
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: later)
    assert offered("language") == ["", "en"]
    law.delete()
    assert offered("law") == ["", "foreign-intelligence"]


def test_count_stops_at_the_limit_and_says_more_than(client, bundled_law, monkeypatch):
    from lawreader.search.backends import base, postgres, sqlite

    for module in (base, postgres, sqlite):
        monkeypatch.setattr(module, "COUNT_LIMIT", 3, raising=False)
    monkeypatch.setattr("lawreader.search.service.COUNT_LIMIT", 3)
    response = search(client, "intelligence")
    assert "More than 3 results" in response.content.decode()


@pytest.mark.parametrize(
    ("term", "definition"),
    [("intelligence information", "art_1__subpara_1"), ("intelligence measure", "art_1__subpara_1-1")],
)
def test_a_terms_definition_is_the_first_result_for_the_term(client, bundled_law, term, definition):
    results = search(client, term).context["results"]
    assert results[0].entry.eid == definition
    assert results[0].title == f"item {definition.rpartition('_')[2]}. {term}"
    assert results[0].trail == "Chapter 1 › Article 1"


def test_a_notes_snippet_is_its_text_without_markdown(client, bundled_law):
    note_on(
        bundled_law, "2024-01-05", "art_11", title="Archive", body="The *sealed* archive, see [Article 6](eid:art_6)."
    )
    result = next(r for r in search(client, "sealed archive").context["results"] if r.entry.annotation_id)
    assert "*" not in result.snippet and "](eid:" not in result.snippet
    assert "<mark>sealed</mark> <mark>archive</mark>, see article" in result.snippet.lower()
    assert result.title == "Note: Archive"


def test_the_results_page_has_one_search_box_offers_only_languages_held_and_says_where_texts_come_from(
    client, bundled_law
):
    response = search(client, "intelligence")
    html = response.content.decode()
    assert html.count('name="q"') == 1
    assert [code for code, _name in response.context["form"].fields["language"].choices] == ["", "en"]
    assert "Unofficial English translation" in html


def test_with_a_law_chosen_the_kind_filter_offers_only_the_kinds_it_has(client, bundled_law):
    kinds = [
        kind
        for kind, _label in search(client, "intelligence", law=bundled_law.slug).context["form"].fields["kind"].choices
    ]
    assert kinds == ["", "preamble", "chapter", "article", "paragraph", "subparagraph", "text"]


def test_an_editions_entries_follow_its_text_in_order_and_its_notes_come_last(bundled_law):
    """Ties in ranking are broken by entry id: an edition's entries are inserted in document order."""
    revision = bundled_law.revisions.order_by("valid_from").last()
    note_on(bundled_law, revision.valid_from, "art_5")
    index.index_revision(revision)
    entries = list(SearchEntry.objects.filter(revision=revision).order_by("id").values_list("eid", "annotation_id"))
    provisions = Provision.objects.of_revision(revision).exclude(kind="document").values_list("eid", flat=True)
    notes = Annotation.objects.published().filter(revision=revision).count()
    assert notes and [eid for eid, _note in entries[:-notes]] == list(provisions)
    assert all(note is not None for _eid, note in entries[-notes:])


def test_documents_computed_as_entries_go_in_are_those_an_update_computes(bundled_law):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's full-text table is filled from the stored rows the one way")

    def documents():
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, document::text FROM search_searchentry WHERE law_id = %s", [bundled_law.pk])
            return dict(cursor.fetchall())

    inserted = documents()
    get_backend().add(SearchEntry.objects.filter(law=bundled_law))
    assert None not in inserted.values()
    assert documents() == inserted


def test_a_search_of_one_edition_asks_the_index_for_that_editions_entries(bundled_law):
    """PostgreSQL indexes the law's text by edition and words together (migration 0006): a search of one edition
    hands the index the edition with the words, so it reads that edition's entries of each word, not every
    edition's."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite reads an edition's entries as one range of rowids")
    latest = bundled_law.revisions.order_by("valid_from").last()
    [text] = scope_branches(Scope(revision_ids=[latest.pk], law_ids=[], language="en", in_annotations=False))
    words = "e.document @@ plainto_tsquery('english', 'intelligence')"
    with connection.cursor() as cursor:
        # A test law is small enough to read whole, or through any btree index on the entries: leave the planner the
        # full-text indexes alone (the test's transaction is rolled back, the dropped indexes with it).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "SELECT string_agg(indexname, ', ') FROM pg_indexes WHERE tablename = 'search_searchentry' "
            "AND indexdef NOT LIKE '%% USING gin %%' AND indexname NOT LIKE '%%_pkey'"
        )
        cursor.execute(f"DROP INDEX {cursor.fetchone()[0]}")
        cursor.execute(
            f"EXPLAIN (ANALYZE, FORMAT JSON) SELECT e.id FROM search_searchentry e WHERE {words} AND {text.sql}",
            text.params,
        )
        plan = cursor.fetchone()[0][0]["Plan"]
        cursor.execute(
            f"SELECT count(*) FROM search_searchentry e WHERE {words} AND e.revision_id = %s AND e.annotation_id IS NULL",
            [latest.pk],
        )
        in_edition = cursor.fetchone()[0]
    [scan] = [node for node in plan_nodes(plan) if node.get("Index Name") == "search_entry_edition_document"]
    assert "revision_id" in scan["Index Cond"] and "document" in scan["Index Cond"]
    assert plan["Actual Rows"] == in_edition > 0


def plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def test_each_edition_is_searched_for_its_own_wording_and_notes_across_the_law(client, bundled_law):
    law = make_law(slug="sea-law", title="Sea Law")
    import_text(
        law, "# Sea Law\n\n## Chapter 1. SEA\n\n### Article 1. Animals\n\nNarwhals migrate north.\n", "2020-01-01"
    )
    import_text(
        law, "# Sea Law\n\n## Chapter 1. SEA\n\n### Article 1. Animals\n\nWalruses migrate north.\n", "2022-01-01"
    )
    note_on(law, "2020-01-01", "art_1", title="Tusks", body="The narwhal's tusk is a tooth.")

    def found(q, **params):
        results = search(client, q, law="sea-law", **params).context["results"]
        return [(r.entry.revision.valid_from.isoformat(), r.entry.annotation_id is not None) for r in results]

    assert found("walrus") == [("2022-01-01", False)]
    assert found("walrus", edition="2021-01-01") == []
    # Notes follow their provision into later editions: the note on the first edition is found today.
    assert found("narwhal") == [("2020-01-01", True)]
    assert sorted(found("narwhal", edition="2021-01-01")) == [("2020-01-01", False), ("2020-01-01", True)]


def test_text_and_notes_are_counted_and_ranked_together(client, bundled_law):
    note_on(bundled_law, "2024-01-05", "art_5", title="Intelligence", body="intelligence intelligence community")
    total = search(client, "intelligence").context["total"]
    in_text = search(client, "intelligence", **{"in": "text"}).context["total"]
    in_notes = search(client, "intelligence", **{"in": "annotations"}).context["total"]
    assert in_notes >= 1 and in_text >= 1
    assert total == in_text + in_notes


def test_a_page_past_the_last_still_says_how_many_results_there_are(client, bundled_law):
    total = search(client, "intelligence").context["total"]
    past = search(client, "intelligence", page="999")
    assert past.status_code == 200
    assert past.context["results"] == []
    assert past.context["total"] == total


def test_the_search_forms_options_are_escaped(client, bundled_law):
    make_law(slug="tom-and-jerry", title='Law on "Tom & Jerry" <Cartoons>')
    page = search(client, "intelligence", law="tom-and-jerry").content.decode()
    options = page.split('<select name="law"')[1].split("</select>")[0]
    assert (
        '<option value="tom-and-jerry" selected>Law on &quot;Tom &amp; Jerry&quot; &lt;Cartoons&gt;</option>' in options
    )


def test_the_search_form_shows_the_choices_the_reader_made(client, bundled_law):
    chosen = search(client, "intelligence", law="foreign-intelligence", kind="article", language="en").content.decode()
    for name, value in [("law", "foreign-intelligence"), ("kind", "article"), ("language", "en")]:
        options = chosen.split(f'<select name="{name}"')[1].split("</select>")[0]
        assert f'<option value="{value}" selected>' in options
    plain = search(client, "intelligence").content.decode()
    for name in ("law", "kind", "language"):
        assert '<option value="" selected>' in plain.split(f'<select name="{name}"')[1].split("</select>")[0]
    assert 'value="intelligence"' in plain.split('name="q"')[1].split(">")[0]


def test_an_editions_entries_go_into_the_full_text_table_as_one_segment_however_many_notes_it_has():
    """FTS5 writes out what it holds as a new segment whenever a rowid is lower than the last one written; the
    notes' entries are keyed by their negated ids, so written in their order each note cost a segment (and the
    merges after). They go in lowest rowid first."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps each entry's document in its row")

    def segments():
        cursor.execute("SELECT count(DISTINCT segid) FROM search_fts_idx")
        return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        # Segments left as written, never merged (the test's transaction, and the settings with it, is rolled back).
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 0)")
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('crisismerge', 1000)")
        before = segments()
        revision = import_text(make_law(slug="many-footnotes"), statute_text(chapters=3, articles_per_chapter=10))
        assert SearchEntry.objects.filter(revision=revision, annotation__isnull=False).count() == 30
        assert segments() == before + 1


def test_unindexing_an_edition_deletes_its_entries_in_one_statement(bundled_law):
    """Not read as instances and deleted a hundred at a time: a code's edition has tens of thousands."""
    revision = bundled_law.revisions.order_by("valid_from").last()
    with CaptureQueriesContext(connection) as queries:
        index.unindex(SearchEntry.objects.filter(revision=revision))
    assert not SearchEntry.objects.filter(revision=revision).exists()
    # SQLite's full-text rows first, then the entries; PostgreSQL's documents are in the entries' rows.
    assert len(queries) == (2 if connection.vendor == "sqlite" else 1)
