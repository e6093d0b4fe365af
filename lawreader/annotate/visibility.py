"""Which notes a reader sees in an edition, and how many: the one place that decides it for every page."""

from django.db.models import Exists, F, OuterRef, Q

from lawreader import vocabulary
from lawreader.store.models import Annotation, Provision, Revision
from lawreader.store.models.annotations import AnnotationKind, sees_drafts
from lawreader.store.queries import rows_among
from lawreader.web.page_cache import cached_for_law

# Notes about one edition's wording (its footnotes, "wording not verified", how its language versions differ) stay
# with that edition; the others explain the provision and follow its eid into every edition.
EDITION_BOUND_KINDS = [AnnotationKind.AMENDMENT, AnnotationKind.EDITORIAL, AnnotationKind.TRANSLATION]


def notes_shown_in(revision, user, kinds=None):
    """The notes a reader sees in `revision` — the one rule every page, count and feed follows:

    - visible to the reader (drafts for staff only), of the kinds chosen;
    - about a provision this edition has (a note on a provision the edition lacks is neither shown nor counted);
    - a note about one edition's wording (footnote, editorial, translator's) only in that edition;
    - any other note in the edition it was written for and in later ones (marked stale where the wording has since
      changed), and in an earlier edition only where the provision reads exactly as it did for the note — so a
      note never says something of an earlier wording that was written about a later one.
    """
    provision_here = Provision.objects.filter(revision=revision, eid=OuterRef("target_eid"))
    same_wording = provision_here.filter(content_hash=OuterRef("content_hash"))
    follows = ~Q(kind__in=EDITION_BOUND_KINDS) & (
        Q(revision__valid_from__lt=revision.valid_from) | Exists(same_wording)
    )
    shown = (
        Annotation.objects.visible_to(user)
        .filter(law_id=revision.law_id)
        .filter(Exists(provision_here))
        .filter(Q(revision=revision) | follows)
    )
    return shown if kinds is None else shown.filter(kind__in=kinds)


def notes_for(revision, eids, user, kinds=None):
    """Notes to show beside the provisions `eids` of `revision` (None: the whole edition), keyed by eid, in one
    query. A reader's page reads its notes by id from the edition's cached list of what is shown, so the rule's
    subqueries are built and run once per version of the law rather than on every page."""
    if kinds is not None and not kinds:
        return {}
    ids = None if eids is None or sees_drafts(user) else shown_among(shown_note_ids(revision, user, kinds), eids)
    if ids is not None:
        # Published only, again: within the second a process trusts a version, a note unpublished meanwhile stays
        # hidden though the cached list still names it.
        rows = rows_among(displayed(Annotation.objects.visible_to(user)), "pk", ids)
    else:
        rows = displayed(notes_shown_in(revision, user, kinds))
        if eids is not None:
            rows = rows_among(rows, "target_eid", eids)
    editions = {}
    by_eid = {}
    for note in rows:
        note.revision = editions.get(note.revision_id) or editions.setdefault(note.revision_id, edition_of(note))
        by_eid.setdefault(note.target_eid, []).append(note)
    return by_eid


def displayed(notes):
    return (
        notes.for_display()
        .annotate(edition_valid_from=F("revision__valid_from"), edition_language=F("revision__language"))
        .order_by("target_eid", "kind", "position", "id")
    )


def shown_among(shown_ids, eids):
    return [pk for eid in set(eids) for pk in shown_ids.get(eid, ())]


def shown_note_ids(revision, user, kinds=None):
    """{eid: ids of the notes shown on it} for the whole edition, by the rule above; what readers see is cached
    with the law (a few integers per provision with notes), staff's is read afresh."""
    if sees_drafts(user):
        return read_shown_note_ids(revision, user, kinds)
    return cached_for_readers(revision, "shown-notes", kinds, lambda: read_shown_note_ids(revision, user, kinds))


def read_shown_note_ids(revision, user, kinds):
    ids = {}
    for eid, pk in notes_shown_in(revision, user, kinds).order_by().values_list("target_eid", "id"):
        ids.setdefault(eid, []).append(pk)
    return ids


def cached_for_readers(revision, name, kinds, compute):
    """What readers (not staff) see of an edition's notes of `kinds`, cached with the law."""
    chosen = ",".join(sorted(kinds)) if kinds is not None else "all"
    return cached_for_law(revision.law.slug, f"{name}:{revision.pk}:{chosen}", compute)


def edition_of(note):
    """The edition a note was written for, with what a note shows of it (its date and language), read in the notes'
    own query: one instance shared by all its notes, where select_related would build one per note — thousands on a
    whole edition. Its other fields are deferred, so anything else asked of it is still read correctly."""
    known = {"id": note.revision_id, "valid_from": note.edition_valid_from, "language": note.edition_language}
    fields = [field.attname for field in Revision._meta.concrete_fields if field.attname in known]  # in model order
    return Revision.from_db(note._state.db, fields, [known[name] for name in fields])


def note_counts_by_article(revision, user, kinds=None):
    """{article eid: number of notes shown on it and its parts and items}, counted from the notes shown; what
    readers see is cached with the law."""
    if sees_drafts(user):
        return count_by_article(shown_note_ids(revision, user, kinds))
    return cached_for_readers(
        revision, "note-counts", kinds, lambda: count_by_article(shown_note_ids(revision, user, kinds))
    )


def count_by_article(shown_ids):
    articles = vocabulary.eid_prefix(vocabulary.ARTICLE)
    counts = {}
    for eid, ids in shown_ids.items():
        if eid.startswith(articles):
            article = vocabulary.article_of(eid)
            counts[article] = counts.get(article, 0) + len(ids)
    return counts
