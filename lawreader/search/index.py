"""Keeping the search index in step with the store. Every write goes through here, inside the caller's
transaction, so the index never disagrees with the text a reader sees."""

from lawreader import vocabulary
from lawreader.annotate.rendering import plain_text
from lawreader.search.backends import get_backend
from lawreader.search.models import SearchEntry
from lawreader.store.models import Annotation, Provision
from lawreader.store.models.provisions import ProvisionKind, interface_language

SEPARATOR = " › "
WHOLE_LAW = "Whole law"
# A provision's entry as insert_rows writes it (an edition's are tens of thousands: no model instances).
PROVISION_FIELDS = ("law", "revision", "eid", "kind", "language", "heading", "text", "breadcrumb")


def index_revision(revision):
    """(Re)index an edition's provisions and the published notes written against it (after its provisions)."""
    unindex(SearchEntry.objects.filter(revision=revision))
    entries = list(provision_entries(revision))
    backend = get_backend()
    backend.insert(PROVISION_FIELDS, entries, SearchEntry.objects.filter(revision=revision))
    breadcrumbs = {eid: breadcrumb for _law, _revision, eid, *_fields, breadcrumb in entries}
    notes = Annotation.objects.published().filter(revision=revision)
    notes = [note_entry(note, revision, breadcrumbs.get(note.target_eid, WHOLE_LAW)) for note in notes]
    SearchEntry.objects.bulk_create(notes)
    backend.add(SearchEntry.objects.filter(revision=revision, annotation__isnull=False))
    return len(entries) + len(notes)


def unindex(entries):
    get_backend().remove(entries)
    entries.delete()


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
    entries = [note_entry(note, note.revision, breadcrumbs.get(note.target_eid, WHOLE_LAW)) for note in notes]
    SearchEntry.objects.bulk_create(entries)
    get_backend().add(SearchEntry.objects.filter(annotation_id__in=annotation_ids))


def provision_entries(revision):
    """An entry per provision (values in the order of PROVISION_FIELDS), with its breadcrumb, from one pass over
    the tree in document order."""
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
            eid,
            kind,
            revision.language,
            heading or terms.get(eid, ""),
            text,
            breadcrumb,
        )


def note_entry(note, revision, breadcrumb):
    return SearchEntry(
        law_id=note.law_id,
        revision_id=revision.pk,
        annotation_id=note.pk,
        eid=note.target_eid,
        kind="annotation",
        language=revision.language,
        heading=note.title,
        text=plain_text(note.body),
        breadcrumb=breadcrumb,
    )
