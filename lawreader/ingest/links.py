"""An edition's links in the store: worked out when it is imported, again when an editor corrects one or when the
link finder improves (`Revision.linked_with`)."""

from django.db import transaction

from lawreader.ingest.linker import LINKER_VERSION, Correction, link_edition
from lawreader.store.models import LinkCorrection, Provision, Revision

LINK_FIELDS = ["links", "cited_by"]


def corrections_for(law):
    return [
        Correction(eid, text_hash, action, phrase, target_eid)
        for eid, text_hash, action, phrase, target_eid in LinkCorrection.objects.filter(law=law).values_list(
            "eid", "text_hash", "action", "phrase", "target_eid"
        )
    ]


def link_rows(revision, rows):
    """Fill in the links of an edition's rows (saved or not) and its defined terms; returns the rows changed."""
    found = link_edition(rows, revision.language, corrections_for(revision.law))
    changed = []
    for row in rows:
        links, cited_by = found.links.get(row.eid, []), found.cited_by.get(row.eid, [])
        if row.links != links or row.cited_by != cited_by:
            row.links, row.cited_by = links, cited_by
            changed.append(row)
    revision.defined_terms = found.definitions
    revision.linked_with = LINKER_VERSION
    return changed


def relink(revision):
    """Work out a stored edition's links again; only the provisions whose links change are written."""
    with transaction.atomic():
        rows = list(
            Provision.objects.of_revision(revision).only("id", "eid", "kind", "heading", "text", "depth", *LINK_FIELDS)
        )
        changed = link_rows(revision, rows)
        Provision.objects.bulk_update(changed, LINK_FIELDS, batch_size=1000)
        Revision.objects.filter(pk=revision.pk).update(
            defined_terms=revision.defined_terms, linked_with=revision.linked_with
        )
    return len(changed)


def relink_law(law, outdated_only=False):
    """Every edition of the law linked again (or only those linked by an older finder); returns how many."""
    editions = Revision.objects.filter(law=law)
    if outdated_only:
        editions = editions.exclude(linked_with=LINKER_VERSION)
    count = 0
    for revision in editions.select_related("law"):
        relink(revision)
        count += 1
    return count
