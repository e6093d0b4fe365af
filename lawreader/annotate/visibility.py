"""Which notes a reader sees in an edition, and how many: the one place that decides it for every page."""

from django.db.models import Count, Q

from lawreader import vocabulary
from lawreader.store.models import Annotation
from lawreader.store.models.annotations import AnnotationKind
from lawreader.web.page_cache import cached_for_law

# Notes about one edition's wording (its footnotes, "wording not verified") stay with that edition; the others
# explain the provision and follow its eid into every edition.
EDITION_BOUND_KINDS = [AnnotationKind.AMENDMENT, AnnotationKind.EDITORIAL]


def notes_shown_in(revision, user, kinds=None):
    """The notes a reader sees in `revision`: visible to them, of the chosen kinds, bound to this edition or not."""
    shown = (
        Annotation.objects.visible_to(user)
        .filter(law_id=revision.law_id)
        .filter(Q(revision=revision) | ~Q(kind__in=EDITION_BOUND_KINDS))
    )
    return shown if kinds is None else shown.filter(kind__in=kinds)


def notes_for(revision, eids, user, kinds=None):
    """Notes to show beside the provisions `eids` of `revision`, keyed by eid, in one query."""
    if kinds is not None and not kinds:
        return {}
    shown = notes_shown_in(revision, user, kinds).filter(target_eid__in=eids)
    by_eid = {}
    for note in shown.select_related("revision").order_by("target_eid", "kind", "position", "id"):
        by_eid.setdefault(note.target_eid, []).append(note)
    return by_eid


def note_counts_by_article(revision, user, kinds=None):
    """{article eid: number of notes on it and its parts and items}; what readers see is cached with the law."""
    if user is not None and user.is_staff:
        return count_notes_by_article(revision, user, kinds)
    key = f"note-counts:{revision.pk}:{','.join(sorted(kinds)) if kinds is not None else 'all'}"
    return cached_for_law(revision.law.slug, key, lambda: count_notes_by_article(revision, user, kinds))


def count_notes_by_article(revision, user, kinds=None):
    """Two aggregate queries, each answered from an index, rather than one with an OR that neither index serves:
    the notes bound to this edition, and the notes that follow their provision into every edition.
    """
    if kinds is not None and not kinds:
        return {}
    articles = vocabulary.eid_prefix(vocabulary.ARTICLE)
    visible = Annotation.objects.visible_to(user).filter(target_eid__startswith=articles).order_by()
    if kinds is not None:
        visible = visible.filter(kind__in=kinds)
    bound = visible.filter(revision=revision, kind__in=EDITION_BOUND_KINDS)
    following = visible.filter(law_id=revision.law_id).exclude(kind__in=EDITION_BOUND_KINDS)
    counts = {}
    for queryset in (bound, following):
        for eid, count in queryset.values("target_eid").annotate(count=Count("id")).values_list("target_eid", "count"):
            article = vocabulary.article_of(eid)
            counts[article] = counts.get(article, 0) + count
    return counts
