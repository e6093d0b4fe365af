"""`manage.py import_statute`: all or nothing, clear errors, clean replacement."""

import gc
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lawreader.ingest.parser import StatuteSyntaxError
from lawreader.search.models import SearchEntry
from lawreader.store import triggers
from lawreader.store.models import Annotation, Law, LawVersion, Provision, Revision
from tests.builders import import_text, make_law, statute_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_store")]


def run_import(path, *extra, valid_from="2020-01-01", law="test-law", language="en"):
    out = io.StringIO()
    call_command(
        "import_statute",
        str(path),
        "--law",
        law,
        "--language",
        language,
        "--valid-from",
        valid_from,
        *extra,
        stdout=out,
    )
    return out.getvalue()


def write(tmp_path, text, name="law.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_creates_law_revision_tree_and_footnotes(tmp_path):
    output = run_import(write(tmp_path, statute_text(chapters=2, articles_per_chapter=2)), "--label", "First")
    assert "Imported test-law (en, 2020-01-01): 2 chapters, 4 articles, 39 provisions, 4 notes." in output
    law = Law.objects.get(slug="test-law")
    assert law.title == "On Testing"
    revision = Revision.objects.get(law=law)
    assert revision.label == "First"
    assert (
        Provision.objects.of_revision(revision).count() == 40
    )  # 1 preamble + 2 chapters + 4 × (article + 2 parts × 4): 39, and the root
    assert Annotation.objects.filter(revision=revision, kind="amendment", status="published").count() == 4
    assert Provision.objects.find_problems() == ([], [], [], [], [])


def test_imported_notes_store_what_notes_saved_through_the_model_store():
    """Notes are written as rows: every column the import does not state holds the model's default."""
    law = make_law()
    revision = import_text(law, statute_text(chapters=1, articles_per_chapter=1))
    imported = Annotation.objects.get(revision=revision, source="import")
    saved = Annotation.objects.create(
        **{name: getattr(imported, name) for name in ("law", "revision", "target_eid", "kind", "title", "body")},
        position=imported.position,
        status=imported.status,
        source=imported.source,
    )

    def columns(note):
        fields = [field.attname for field in Annotation._meta.concrete_fields]
        return {name: getattr(note, name) for name in fields if name not in ("id", "created", "updated")}

    saved.refresh_from_db()
    assert columns(imported) == columns(saved)
    assert imported.created == imported.updated and imported.created is not None


def test_an_import_costs_the_same_queries_and_moves_the_version_as_often_however_many_notes_it_has():
    """An edition's footnotes go in as one bulk write, their search entries with its provisions' in another."""
    costs = []
    for slug, articles in (("few-notes", 1), ("many-notes", 8)):
        law = make_law(slug=slug)
        # Footnotes that name no act: the acts and effects they would state cost a query or more each.
        text = re.sub(r"as amended by .*", "as amended.", statute_text(chapters=1, articles_per_chapter=articles))
        before = LawVersion.objects.get(law=law).version
        with CaptureQueriesContext(connection) as queries:
            revision = import_text(law, text)
        notes = Annotation.objects.filter(revision=revision).count()
        assert SearchEntry.objects.filter(revision=revision, annotation__isnull=False).count() == notes == articles
        costs.append((len(queries), LawVersion.objects.get(law=law).version - before))
    assert costs[0] == costs[1]


def test_replacing_an_edition_costs_the_same_queries_however_many_notes_it_had():
    """The notes an earlier import wrote are deleted in one statement, not read and unindexed one by one; the
    index keeps the new notes' entries and none of the old."""
    costs = []
    for slug, articles in (("few-notes", 1), ("many-notes", 8)):
        law = make_law(slug=slug)
        text = re.sub(r"as amended by .*", "as amended.", statute_text(chapters=1, articles_per_chapter=articles))
        old_notes = set(Annotation.objects.filter(revision=import_text(law, text)).values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as queries:
            revision = import_text(law, text, replace=True)
        notes = Annotation.objects.filter(revision=revision)
        assert notes.count() == articles and not old_notes & set(notes.values_list("pk", flat=True))
        indexed = SearchEntry.objects.filter(revision=revision, annotation__isnull=False)
        assert sorted(indexed.values_list("annotation_id", flat=True)) == sorted(notes.values_list("pk", flat=True))
        costs.append(len(queries))
    assert costs[0] == costs[1]


def test_an_import_that_fails_after_writing_its_notes_leaves_nothing_and_the_version_triggers_in_place(monkeypatch):
    law = make_law()

    def fail(law):
        raise RuntimeError("the acts could not be rebuilt")

    monkeypatch.setattr("lawreader.ingest.importer.rebuild_effects", fail)
    before = LawVersion.objects.get(law=law).version
    with pytest.raises(RuntimeError):
        import_text(law, statute_text())
    assert not Revision.objects.exists() and not Annotation.objects.exists() and not SearchEntry.objects.exists()
    assert LawVersion.objects.get(law=law).version == before
    assert triggers.installed_names() == triggers.expected_names()


def test_an_import_runs_with_the_cycle_collector_paused_and_resumes_it_even_when_it_fails(monkeypatch):
    collecting = []

    def rebuild_effects(law):
        collecting.append(gc.isenabled())
        return set()

    monkeypatch.setattr("lawreader.ingest.importer.rebuild_effects", rebuild_effects)
    import_text(make_law(), statute_text())
    assert collecting == [False] and gc.isenabled()
    with pytest.raises(StatuteSyntaxError):
        import_text(make_law(slug="other-law"), "Only a sentence.\n")
    assert gc.isenabled()


def test_import_reports_progress_and_a_summary_line(tmp_path):
    output = run_import(write(tmp_path, statute_text()))
    lines = output.strip().splitlines()
    assert lines[0].startswith("Reading ")
    assert any(line.startswith("Parsed ") for line in lines)
    assert lines[-1].startswith("Imported ")


def test_irregular_file_under_strict_fails_naming_the_line_and_writes_nothing(tmp_path):
    text = statute_text(chapters=1, articles_per_chapter=2) + "\n### Article 1. Again\n"
    with pytest.raises(CommandError) as raised:
        run_import(write(tmp_path, text), "--strict")
    message = str(raised.value)
    assert "article 1 printed twice" in message
    assert f"line {len(text.splitlines())}" in message
    assert "Nothing was imported" in message
    assert not Law.objects.exists()
    assert not Provision.objects.exists()


def test_existing_edition_is_refused_without_replace(tmp_path):
    path = write(tmp_path, statute_text())
    run_import(path)
    with pytest.raises(CommandError, match=r"already has an edition in en valid from 2020-01-01.*--replace"):
        run_import(path)
    assert Revision.objects.count() == 1


def test_replace_renews_the_tree_and_keeps_editors_annotations(tmp_path):
    run_import(write(tmp_path, statute_text(articles_per_chapter=3)))
    revision = Revision.objects.get()
    Annotation.objects.create(
        law=revision.law,
        revision=revision,
        target_eid="art_1",
        kind="commentary",
        body="Editor's note",
        status="published",
        source="editor",
    )
    run_import(write(tmp_path, statute_text(articles_per_chapter=2), "v2.md"), "--replace")
    assert Revision.objects.get().pk == revision.pk
    assert Provision.objects.of_revision(revision).articles().count() == 4
    assert Annotation.objects.filter(source="editor").count() == 1
    assert Annotation.objects.filter(source="import").count() == 4
    assert Provision.objects.find_problems() == ([], [], [], [], [])


def test_failed_replace_keeps_the_old_text(tmp_path):
    run_import(write(tmp_path, statute_text()))
    before = list(Provision.objects.values_list("eid", "text"))
    with pytest.raises(CommandError):
        run_import(write(tmp_path, "Only a sentence.\n", "bad.md"), "--replace")
    assert list(Provision.objects.values_list("eid", "text")) == before


def test_missing_file_and_bad_date_and_non_utf8_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_import(tmp_path / "absent.md")
    with pytest.raises(CommandError, match="not a date in the form YYYY-MM-DD"):
        run_import(write(tmp_path, statute_text()), valid_from="2020-13-01")
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes(b"Article 1. A\n\nCaf\xe9\n")
    with pytest.raises(CommandError, match="line 3 is not UTF-8"):
        run_import(latin1)
    assert not Law.objects.exists()


def test_bad_slug_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not a valid slug"):
        run_import(write(tmp_path, statute_text()), law="not a slug!")


def test_second_edition_sits_beside_the_first_as_its_own_tree(tmp_path):
    run_import(write(tmp_path, statute_text(articles_per_chapter=1)), valid_from="2020-01-01")
    run_import(write(tmp_path, statute_text(articles_per_chapter=2), "b.md"), valid_from="2021-01-01")
    roots = Provision.objects.filter(depth=1)
    assert roots.count() == 2
    for root in roots:
        assert Provision.objects.get_tree(root).exclude(revision=root.revision).count() == 0
    assert Provision.objects.find_problems() == ([], [], [], [], [])


def test_two_imports_of_one_new_edition_at_once_end_with_a_clear_message(tmp_path, monkeypatch):
    """The loser of the race looked before the winner committed, so it found no edition to replace."""
    path = write(tmp_path, statute_text())
    run_import(path)
    monkeypatch.setattr("lawreader.ingest.importer.existing_edition", lambda *args: None)
    with pytest.raises(CommandError) as raised:
        run_import(write(tmp_path, statute_text(chapters=1), name="other.md"))
    message = str(raised.value)
    assert "another import of test-law (en, 2020-01-01) finished first; nothing was imported" in message
    assert "\n" not in message and "Traceback" not in message
    assert Provision.objects.filter(kind="chapter").count() == 2  # the winner's text stands
