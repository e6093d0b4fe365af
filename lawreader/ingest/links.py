"""An edition's links in the store: worked out when it is imported, again when an editor corrects one or when the
link finder improves (`Revision.linked_with`)."""

from django.db import transaction
from django.db.models import Q

from lawreader import vocabulary
from lawreader.acts_cited import title_key
from lawreader.ingest.linker import LINKER_VERSION, Correction, link_edition
from lawreader.store.models import Law, LinkCorrection, Provision, Revision

LINK_FIELDS = ["links", "cited_by"]


def corrections_for(law):
    return [
        Correction(eid, text_hash, action, phrase, target_eid)
        for eid, text_hash, action, phrase, target_eid in LinkCorrection.objects.filter(law=law).values_list(
            "eid", "text_hash", "action", "phrase", "target_eid"
        )
    ]


def library_keys(excluding=None):
    """Every key ("act:277-IV", "title:…") under which the library's laws may be cited → the law's slug."""
    keys = {}
    for slug, number, title, language in Law.objects.values_list("slug", "number", "title", "default_language"):
        keys.update(law_keys(number, [(title, language)], slug))
    for slug, title, language in Revision.objects.exclude(title="").values_list("law__slug", "title", "language"):
        keys.update(law_keys("", [(title, language)], slug))
    if excluding is not None:
        keys = {key: slug for key, slug in keys.items() if slug != excluding.slug}
    return keys


def law_keys(number, titles, slug):
    keys = {title_key(title, language): slug for title, language in titles if title}
    if vocabulary.act_number_key(number):
        keys[f"act:{vocabulary.act_number_key(number)}"] = slug
    keys.pop("", None)
    return keys


def link_rows(revision, rows):
    """Fill in the links of an edition's rows (saved or not) and its defined terms; returns the rows changed."""
    law = revision.law
    found = link_edition(rows, revision.language, corrections_for(law), library_keys(excluding=law))
    changed = []
    for row in rows:
        links, cited_by = found.links.get(row.eid, []), found.cited_by.get(row.eid, [])
        if row.links != links or row.cited_by != cited_by:
            row.links, row.cited_by = links, cited_by
            changed.append(row)
    revision.defined_terms = found.definitions
    revision.cited_acts = "\n".join(found.cited_acts)
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
            defined_terms=revision.defined_terms, cited_acts=revision.cited_acts, linked_with=revision.linked_with
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


def link_citers_of(law):
    """Editions of other laws that name this law but could not link it (it was not in the library yet), linked
    again now that it is."""
    keys = law_keys(law.number, [(law.title, law.default_language)], law.slug)
    keys.update(law_keys("", law.revisions.values_list("title", "language"), law.slug))
    wanted = Q()
    for key in keys:
        wanted |= Q(cited_acts__contains=key)
    editions = Revision.objects.exclude(law=law).filter(wanted).select_related("law") if keys else []
    editions = [revision for revision in editions if set(keys) & set(revision.cited_acts.splitlines())]
    for revision in editions:
        relink(revision)
    return len(editions)
