"""What the comparison pages need from the store: two editions as diff trees, and the notes that explain them."""

from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

from django.utils.translation import gettext as _

from lawreader import vocabulary
from lawreader.compare.diff import DiffNode, compare_trees
from lawreader.memory import cyclic_collection_paused
from lawreader.store.models import Annotation, Effect, Provision
from lawreader.store.models.annotations import AnnotationKind
from lawreader.store.outline import build
from lawreader.store.queries import rows_among
from lawreader.vocabulary import HEADED_KINDS
from lawreader.web.editions import EditionNotFound, edition_in_force, law_timeline

# Notes that explain a change: the official footnote (which act), or the translator's (the language versions differ).
EXPLAINING_KINDS = [AnnotationKind.AMENDMENT, AnnotationKind.TRANSLATION]
# Each row's depth, then the fields of its DiffNode but the children.
TREE_FIELDS = ("depth", "eid", "kind", "number", "heading", "text", "content_hash")
HEADED = frozenset(HEADED_KINDS)
new_tuple = tuple.__new__


def diff_trees(older, newer, whole=False):
    """Both editions as DiffNode trees, from one query each of plain tuples (no model instances).

    Unless `whole`, an article or grouping that reads the same in both (the same eid, the same content hash) is kept
    without what is in it: the diff never opens an identical subtree and the page only names it, so a comparison of
    consecutive editions of a large code builds the few thousand nodes that can differ, not fifty thousand."""
    old_rows = list(Provision.objects.of_revision(older).values_list(*TREE_FIELDS))
    new_rows = list(Provision.objects.of_revision(newer).values_list(*TREE_FIELDS))
    if not whole:
        # By position in TREE_FIELDS (1 eid, 2 kind, 6 content hash): unpacking every row would build a list each.
        old_hashes = {row[1]: row[6] for row in old_rows if row[2] in HEADED}
        same = {row[1] for row in new_rows if row[2] in HEADED and old_hashes.get(row[1]) == row[6]}
        old_rows, new_rows = without_insides(old_rows, same), without_insides(new_rows, same)
    return tree_from_rows(old_rows), tree_from_rows(new_rows)


def without_insides(rows, eids):
    """The rows, less what is inside the provisions `eids`."""
    kept, closed_at = [], None
    for row in rows:
        depth, eid = row[0], row[1]
        if closed_at is not None and depth > closed_at:
            continue
        closed_at = depth if eid in eids else None
        kept.append(row)
    return kept


def tree_from_rows(rows):
    """A DiffNode tree from (depth, eid, kind, number, heading, text, content_hash) rows in document order, the
    first row being the root; None for no rows."""
    # Made as the tuple it is (the row's fields, then its children): a named tuple's own constructor is Python code,
    # and a comparison of two editions of a large code makes fifty thousand of them.
    top = build(rows, itemgetter(0), lambda row, _ancestors, children: new_tuple(DiffNode, (*row[1:], tuple(children))))
    return top[0] if top else None


def editions_to_compare(law, first_date, second_date, language):
    """The editions in force on two dates, older first, or EditionNotFound."""
    timeline = law_timeline(law, language)
    older_date, newer_date = sorted([first_date, second_date])
    return timeline, edition_in_force(timeline, older_date), edition_in_force(timeline, newer_date)


@dataclass
class EditionComparison:
    older: object
    newer: object
    comparison: object
    changed_articles: list  # the articles with changes in them, in the order a redline reads
    effects_by_eid: dict  # eid → the effects of the acts first shown between the two editions: what explains it

    @cached_property
    def notes_by_eid(self):
        """{eid: the newer edition's notes that explain the change to it}, read when first asked for: the page shows
        them, the API does not."""
        changed_eids = {change.eid for change in self.comparison.iter_changes() if change.status != "unchanged"}
        changed_eids.update(change.eid for change in self.changed_articles)
        notes = (
            Annotation.objects.published()
            .for_display()
            .filter(revision=self.newer, kind__in=EXPLAINING_KINDS)
            .order_by("target_eid", "position")
        )
        notes_by_eid = {}
        for note in rows_among(notes, "target_eid", changed_eids):
            note.revision = self.newer  # the one they were all written for
            notes_by_eid.setdefault(note.target_eid, []).append(note)
        return notes_by_eid

    @property
    def language_differences(self):
        """Eids whose change a translator's note explains: the language versions differ; no act amended them."""
        return {
            eid for eid, notes in self.notes_by_eid.items() if any(n.kind == AnnotationKind.TRANSLATION for n in notes)
        }


@cyclic_collection_paused()
def compare_editions(older, newer, whole=False):
    """The change tree between two editions with what explains each change. Unless `whole`, provisions that read the
    same in both are not opened (see diff_trees): ask for `whole` to lay out unchanged text too."""
    comparison = compare_trees(*diff_trees(older, newer, whole))
    return EditionComparison(older, newer, comparison, comparison.changed_articles(), effects_between(older, newer))


def effects_between(older, newer):
    """{eid: effects} of the acts whose changes the newer edition is the first after the older to show."""
    effects = (
        Effect.objects.public()
        .filter(
            law_id=newer.law_id,
            first_stated_in__valid_from__gt=older.valid_from,
            first_stated_in__valid_from__lte=newer.valid_from,
        )
        .select_related("act")
        .order_by("act__adopted_on")
    )
    by_eid = {}
    for effect in effects:
        by_eid.setdefault(effect.target_eid, []).append(effect)
    return by_eid


@dataclass
class HistoryEntry:
    revision: object
    status: str  # "first" | "changed" | "unchanged" | "removed" | "absent"
    change: object = None  # the diff of the provision's subtree against the previous edition
    notes: list = None
    previous: object = None  # the edition before this one
    presented: object = None  # the change laid out for the page (presentation.ChangeView)
    citers: list = field(default_factory=list)  # eids of the edition's provisions that refer to it
    new_citers: list = field(default_factory=list)  # those that did not refer to it in the edition before
    former_citers: list = field(default_factory=list)  # those that referred to it before and no longer do


def provision_history(law, eid, language):
    """The provision through every edition: first appearance, each change with its notes, removal."""
    timeline = law_timeline(law, language)
    rows = (
        Provision.objects.filter(revision__in=timeline.revisions, eid__startswith=eid)
        .values_list("revision_id", "cited_by", *TREE_FIELDS)
        .order_by("revision_id", "path")
    )
    by_revision, citers_by_revision = {}, {}
    for revision_id, cited_by, depth, row_eid, *rest in rows:
        if vocabulary.is_within(row_eid, eid):
            by_revision.setdefault(revision_id, []).append((depth, row_eid, *rest))
            citers = citers_by_revision.setdefault(revision_id, [])
            citers.extend(s for s in cited_by if not vocabulary.is_within(s, eid) and s not in citers)
    if not by_revision:
        raise EditionNotFound(
            _("%(law)s has no %(provision)s in any edition.") % {"law": law, "provision": vocabulary.name(eid)}
        )
    notes = (
        Annotation.objects.published()
        .select_related("revision")
        .filter(revision__in=timeline.revisions, kind__in=EXPLAINING_KINDS, target_eid=vocabulary.outermost(eid))
    )
    notes_by_revision = {}
    for note in notes:
        notes_by_revision.setdefault(note.revision_id, []).append(note)
    entries, previous, previous_revision, previous_citers = [], None, None, []
    for revision in timeline.revisions:
        tree = tree_from_rows(by_revision.get(revision.pk, []))
        if tree is None:
            status = "removed" if previous is not None else "absent"
            change = None
        elif previous is None:
            status, change = "first", None
        else:
            change = compare_trees(previous, tree)
            status = "unchanged" if previous.content_hash == tree.content_hash else "changed"
        citers = sorted(citers_by_revision.get(revision.pk, []), key=vocabulary.order_key)
        entries.append(
            HistoryEntry(
                revision,
                status,
                change,
                notes_by_revision.get(revision.pk, []),
                previous_revision,
                citers=citers,
                new_citers=[citer for citer in citers if previous is not None and citer not in previous_citers],
                former_citers=[citer for citer in previous_citers if tree is not None and citer not in citers],
            )
        )
        previous, previous_revision, previous_citers = tree, revision, citers
    return timeline, entries
