"""What the reader's pages need from the store, in a fixed number of queries whatever the law's size."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lawreader import vocabulary
from lawreader.store.models import Annotation, Provision
from lawreader.store.models.annotations import AnnotationKind
from lawreader.store.models.provisions import ProvisionKind
from lawreader.web.editions import EditionNotFound, eid_missing
from lawreader.web.page_cache import cached_for_law


@dataclass
class TreeNode:
    provision: Provision
    citation: str = ""  # "Art. 9, item 20-1": the pinpoint a lawyer writes
    heading_level: int = 2
    href: str = ""
    children: list = field(default_factory=list)
    notes: list = field(default_factory=list)


HEADED_KINDS = {ProvisionKind.CHAPTER, ProvisionKind.ARTICLE}


def build_tree(provisions, notes_by_eid, ancestors=(), top_heading_level=2):
    """Nest provisions (in path order) under their parents; returns the top nodes.

    Chapters and articles get HTML heading levels from `top_heading_level` down, so headings stay in order.
    """
    roots, stack = [], []
    for provision in provisions:
        while stack and stack[-1].provision.depth >= provision.depth:
            stack.pop()
        node = TreeNode(provision, vocabulary.citation(provision.eid), notes=notes_by_eid.get(provision.eid, []))
        node.heading_level = top_heading_level + sum(
            1 for open_node in stack if open_node.provision.kind in HEADED_KINDS
        )
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


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
    visible = Annotation.objects.visible_to(user).filter(target_eid__startswith="art_").order_by()
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


def whole_edition(revision, user, kinds=None):
    """The full text of an edition: one query for the tree, one for the notes."""
    provisions = list(Provision.objects.of_revision(revision))
    notes = notes_for(revision, [p.eid for p in provisions], user, kinds)
    if not provisions:
        raise EditionNotFound(_("This edition has no text yet."))
    return build_tree(provisions, notes)[0]


def table_of_contents(revision):
    rows = cached_for_law(
        revision.law.slug, f"contents:{revision.pk}", lambda: Provision.objects.table_of_contents(revision)
    )
    return build_tree(rows, {})


def provision_page(revision, eid, user, date, kinds=None):
    """A provision with its ancestors (for breadcrumbs) and its subtree, or EditionNotFound."""
    provision = Provision.objects.of_revision(revision).filter(eid=eid).first()
    if provision is None or provision.kind == ProvisionKind.DOCUMENT:
        raise eid_missing(revision, eid, date)
    ancestor_paths = [provision.path[:i] for i in range(Provision.steplen, len(provision.path), Provision.steplen)]
    ancestors = list(Provision.objects.of_revision(revision).filter(path__in=ancestor_paths, depth__gt=1))
    subtree = list(Provision.objects.subtree(provision))
    notes = notes_for(revision, [p.eid for p in subtree], user, kinds)
    return ancestors, build_tree(subtree, notes, ancestors, top_heading_level=1)[0]
