"""What the reader's pages need from the store, in a fixed number of queries whatever the law's size."""

from django.utils.translation import gettext as _

from lawreader.annotate.visibility import notes_for
from lawreader.store.amendments import effects_of
from lawreader.store.models import Provision
from lawreader.store.models.provisions import ProvisionKind
from lawreader.store.outline import outline
from lawreader.web.editions import EditionNotFound, eid_missing
from lawreader.web.page_cache import cached_for_law


def whole_edition(revision, user, kinds=None):
    """The full text of an edition: one query for the tree, one for the notes."""
    provisions = list(Provision.objects.of_revision(revision))
    notes = notes_for(revision, [p.eid for p in provisions], user, kinds)
    if not provisions:
        raise EditionNotFound(_("This edition has no text yet."))
    return outline(provisions, notes)[0]


def law_effects(law):
    """The law's amending acts' effects, cached until its public content changes."""
    return cached_for_law(law.slug, "effects", lambda: effects_of(law.pk))


def table_of_contents(revision):
    rows = cached_for_law(
        revision.law.slug, f"contents:{revision.pk}", lambda: Provision.objects.table_of_contents(revision)
    )
    return outline(rows)


def provision_page(revision, eid, user, date, kinds=None):
    """A provision with its ancestors (for breadcrumbs) and its subtree, or EditionNotFound."""
    provision = Provision.objects.of_revision(revision).filter(eid=eid).first()
    if provision is None or provision.kind == ProvisionKind.DOCUMENT:
        raise eid_missing(revision, eid, date)
    ancestor_paths = [provision.path[:i] for i in range(Provision.steplen, len(provision.path), Provision.steplen)]
    ancestors = list(Provision.objects.of_revision(revision).filter(path__in=ancestor_paths, depth__gt=1))
    subtree = list(Provision.objects.subtree(provision))
    notes = notes_for(revision, [p.eid for p in subtree], user, kinds)
    return ancestors, outline(subtree, notes, top_heading_level=1)[0]
