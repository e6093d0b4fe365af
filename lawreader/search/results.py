"""Turning matches into what the results page shows: citation candidates, and provisions across editions."""

from dataclasses import dataclass, field

from django.urls import reverse

from lawreader.store.models import Provision
from lawreader.vocabulary import article_of
from lawreader.web.editions import place_url, with_language


@dataclass
class Candidate:
    provision: Provision
    revision: object

    def url(self, language, as_of=None):
        """The permalink (or, for a citation with a date, the provision as in force that day); a part or item opens
        its article at the provision."""
        article = article_of(self.provision.eid) or self.provision.eid
        date = as_of or self.revision.valid_from
        url = reverse("reader:provision", args=[self.revision.law.slug, date, article])
        url = with_language(url, language, self.revision.law)
        return url if article == self.provision.eid else f"{url}#{self.provision.eid}"


def entry_url(entry, revision, highlight=""):
    """Where a result leads: the provision on its article's page (words highlighted there), or the note."""
    if entry.annotation_id:
        return place_url(revision, entry.eid, f"note-{entry.annotation_id}")
    return place_url(revision, entry.eid, entry.eid, {"hl": highlight} if highlight else None)


def citation_candidates(citation, revisions):
    """The provisions a citation can mean in the searched editions: the exact eid, else any that fits when the
    citer skipped a level ("Art. 9 item 3" for "Art. 9, part 2, item 3")."""
    by_id = {revision.pk: revision for revision in revisions}
    provisions = Provision.objects.filter(revision__in=by_id).cited_by(citation)
    provisions = provisions.order_by("revision__law__title", "path")[:50]
    return [Candidate(provision, by_id[provision.revision_id]) for provision in provisions]


@dataclass
class ProvisionGroup:
    """One provision (or note) and the editions whose wording matched, oldest first."""

    first: object  # the best-ranked result
    editions: list = field(default_factory=list)

    @property
    def earliest(self):
        return self.editions[0]

    @property
    def latest(self):
        return self.editions[-1]


def group_by_provision(results):
    """Group ranked results by law and eid, keeping the rank order of each group's best match."""
    groups = {}
    for result in results:
        entry = result.entry
        key = (entry.law_id, entry.eid, entry.annotation_id)
        group = groups.setdefault(key, ProvisionGroup(first=result))
        group.editions.append(entry.revision)
    for group in groups.values():
        group.editions.sort(key=lambda revision: revision.valid_from)
    return list(groups.values())
