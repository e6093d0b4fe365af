"""A law's editions in time: the one place that says which edition was in force on a date, in a language.

Pages, search, comparison and the admin all ask here; each asks for whole timelines in one query.
"""

import datetime
from dataclasses import dataclass

from lawreader.store.models import Revision


@dataclass
class Timeline:
    """Every published edition of a law in one language, oldest first, with each one's end date."""

    law: object
    language: str
    revisions: list
    languages: list  # every language the law has a published edition in

    @classmethod
    def of(cls, law, language):
        """One query for the law's published editions in every language."""
        return timelines([law], language)[law.pk]

    def valid_to(self, revision):
        """The last day `revision` was in force, or None while it still is."""
        later = [r.valid_from for r in self.revisions if r.valid_from > revision.valid_from]
        return min(later) - datetime.timedelta(days=1) if later else None

    def in_force_on(self, date):
        """The edition in force on `date`: the latest that took effect on or before it, or None."""
        candidates = [r for r in self.revisions if r.valid_from <= date]
        return candidates[-1] if candidates else None

    def current(self):
        return self.in_force_on(datetime.date.today())

    def first(self):
        return self.revisions[0] if self.revisions else None

    def previous(self, revision):
        earlier = [r for r in self.revisions if r.valid_from < revision.valid_from]
        return earlier[-1] if earlier else None

    def entries(self):
        return [(revision, self.valid_to(revision)) for revision in self.revisions]


def timelines(laws, language=None):
    """{law id: Timeline} for `laws`, in `language` or else each law's default language; one query."""
    laws = {law.pk: law for law in laws}
    every = {law_id: [] for law_id in laws}
    for revision in Revision.objects.published().filter(law__in=laws).order_by("valid_from"):
        revision.law = laws[revision.law_id]  # already loaded: spare every later `revision.law` a query
        every[revision.law_id].append(revision)
    result = {}
    for law_id, law in laws.items():
        law.first_edition_date = every[law_id][0].valid_from if every[law_id] else None
        chosen = language or law.default_language
        in_language = [revision for revision in every[law_id] if revision.language == chosen]
        result[law_id] = Timeline(law, chosen, in_language, sorted({r.language for r in every[law_id]}))
    return result
