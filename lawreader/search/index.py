"""Keeping the search index in step with the store. Every write goes through here, inside the caller's
transaction, so the index never disagrees with the text a reader sees."""

from django.db import connection

from lawreader import vocabulary
from lawreader.annotate.rendering import plain_text
from lawreader.search.backends import get_backend
from lawreader.search.models import SearchEntry
from lawreader.store.models import Annotation, Provision, Revision
from lawreader.store.models.provisions import ProvisionKind, interface_language

SEPARATOR = " › "
WHOLE_LAW = "Whole law"
# An entry as insert_rows writes it (an edition's are tens of thousands, its notes thousands: no model instances).
ENTRY_FIELDS = ("law_id", "revision_id", "annotation_id", "eid", "kind", "language", "heading", "text", "breadcrumb")


def index_revision(revision):
    """(Re)index an edition's provisions and the published notes written against it (after its provisions), in
    one bulk write."""
    unindex(SearchEntry.objects.filter(revision=revision))
    entries = list(provision_entries(revision))
    breadcrumbs = {eid: breadcrumb for _law, _revision, _note, eid, *_fields, breadcrumb in entries}
    notes = Annotation.objects.published().filter(revision=revision).values_list("pk", "target_eid", "title", "body")
    entries += [
        note_entry(revision, note_id, target_eid, title, body, breadcrumbs.get(target_eid, WHOLE_LAW))
        for note_id, target_eid, title, body in notes
    ]
    get_backend().insert(
        ENTRY_FIELDS, entries, SearchEntry.objects.filter(revision=revision), earlier_entries(revision)
    )
    return len(entries)


def earlier_entries(revision):
    """The entries of the law's edition in the same language before this one: most of its words are this one's."""
    earlier = (
        Revision.objects.filter(law_id=revision.law_id, language=revision.language, valid_from__lt=revision.valid_from)
        .order_by("-valid_from")
        .values("pk")[:1]
    )
    return SearchEntry.objects.filter(revision__in=earlier)


def unindex(entries):
    get_backend().remove(entries)
    # In one statement: Django's delete reads every entry as an instance to announce it (something listens to every
    # model's deletions), and an edition has tens of thousands. Nothing listens to an entry's.
    sql, params = entries.values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table} WHERE id IN ({sql})", params)


def index_annotations(annotation_ids):
    """Re-index notes after an edit: published ones are (re)added, drafts and deleted ones removed."""
    unindex(SearchEntry.objects.filter(annotation_id__in=annotation_ids))
    notes = list(Annotation.objects.published().filter(pk__in=annotation_ids).select_related("revision"))
    breadcrumbs = dict(
        SearchEntry.objects.filter(
            revision__in={note.revision_id for note in notes},
            annotation=None,
            eid__in={note.target_eid for note in notes},
        ).values_list("eid", "breadcrumb")
    )
    entries = [
        note_entry(
            note.revision, note.pk, note.target_eid, note.title, note.body, breadcrumbs.get(note.target_eid, WHOLE_LAW)
        )
        for note in notes
    ]
    SearchEntry.objects.bulk_create(SearchEntry(**dict(zip(ENTRY_FIELDS, entry, strict=True))) for entry in entries)
    get_backend().add(SearchEntry.objects.filter(annotation_id__in=annotation_ids))


def provision_entries(revision):
    """An entry per provision (values in the order of ENTRY_FIELDS), with its breadcrumb, from one pass over the
    tree in document order."""
    rows = (
        Provision.objects.of_revision(revision)
        .exclude(kind=ProvisionKind.DOCUMENT)
        .values_list("depth", "eid", "kind", "number", "heading", "text")
    )
    # A definition is headed by the term it defines, so a search for the term finds it first (headings weigh more).
    terms = {definition["eid"]: definition["term"] for definition in revision.defined_terms}
    language = interface_language()
    trail = []  # (depth, breadcrumb) down the current branch: each breadcrumb is its parent's and one label more
    for depth, eid, kind, number, heading, text in rows:
        while trail and trail[-1][0] >= depth:
            trail.pop()
        above = trail[-1][1] if trail else ""
        label = "" if kind == ProvisionKind.TEXT else vocabulary.label(kind, number, language)
        breadcrumb = SEPARATOR.join(part for part in (above, label) if part)
        trail.append((depth, breadcrumb))
        yield (
            revision.law_id,
            revision.pk,
            None,
            eid,
            kind,
            revision.language,
            heading or terms.get(eid, ""),
            text,
            breadcrumb,
        )


def note_entry(revision, note_id, target_eid, title, body, breadcrumb):
    """A note's entry (values in the order of ENTRY_FIELDS): its words without their Markdown."""
    return (
        revision.law_id,
        revision.pk,
        note_id,
        target_eid,
        "annotation",
        revision.language,
        title,
        plain_text(body),
        breadcrumb,
    )
