"""Which notes a reader sees in an edition, and how many: the one place that decides it for every page."""

from django.db.models import Count, Exists, F, OuterRef, Q

from lawreader import vocabulary
from lawreader.store.models import Annotation, Provision, Revision
from lawreader.store.models.annotations import AnnotationKind
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
    query."""
    if kinds is not None and not kinds:
        return {}
    shown = (
        notes_shown_in(revision, user, kinds)
        .for_display()
        .annotate(edition_valid_from=F("revision__valid_from"), edition_language=F("revision__language"))
        .order_by("target_eid", "kind", "position", "id")
    )
    editions = {}
    by_eid = {}
    for note in shown if eids is None else rows_among(shown, "target_eid", eids):
        note.revision = editions.get(note.revision_id) or editions.setdefault(note.revision_id, edition_of(note))
        by_eid.setdefault(note.target_eid, []).append(note)
    return by_eid


def edition_of(note):
    """The edition a note was written for, with what a note shows of it (its date and language), read in the notes'
    own query: one instance shared by all its notes, where select_related would build one per note — thousands on a
    whole edition. Its other fields are deferred, so anything else asked of it is still read correctly."""
    known = {"id": note.revision_id, "valid_from": note.edition_valid_from, "language": note.edition_language}
    fields = [field.attname for field in Revision._meta.concrete_fields if field.attname in known]  # in model order
    return Revision.from_db(note._state.db, fields, [known[name] for name in fields])


def note_counts_by_article(revision, user, kinds=None):
    """{article eid: number of notes on it and its parts and items}; what readers see is cached with the law."""
    if user is not None and user.is_staff:
        return count_notes_by_article(revision, user, kinds)
    key = f"note-counts:{revision.pk}:{','.join(sorted(kinds)) if kinds is not None else 'all'}"
    return cached_for_law(revision.law.slug, key, lambda: count_notes_by_article(revision, user, kinds))


def count_notes_by_article(revision, user, kinds=None):
    """{article eid: notes shown on it and its parts and items}, by the same rule as the notes themselves."""
    if kinds is not None and not kinds:
        return {}
    articles = vocabulary.eid_prefix(vocabulary.ARTICLE)
    shown = notes_shown_in(revision, user, kinds).filter(target_eid__startswith=articles).order_by()
    counts = {}
    for eid, count in shown.values("target_eid").annotate(count=Count("id")).values_list("target_eid", "count"):
        article = vocabulary.article_of(eid)
        counts[article] = counts.get(article, 0) + count
    return counts
