"""The one search interface the views use: scope, citation or words, results with their entries."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from lawreader.search.backends import get_backend
from lawreader.search.backends.base import COUNT_LIMIT, BackendResult, Scope
from lawreader.search.index import SEPARATOR
from lawreader.search.models import SearchEntry
from lawreader.search.text import parse_query
from lawreader.store.models.annotations import AnnotationStatus


@dataclass
class Result:
    entry: SearchEntry
    snippet: str

    @property
    def title(self):
        """What the result is: "item 1. intelligence information" for a provision (its heading, or for a
        definition the term), "Note: …" for a note."""
        if self.entry.annotation_id:
            return _("Note: %(title)s") % {"title": self.entry.heading} if self.entry.heading else _("Note")
        step = self.entry.breadcrumb.rpartition(SEPARATOR)[2] or self.entry.eid
        return f"{step}. {self.entry.heading}" if self.entry.heading else step

    @property
    def trail(self):
        """Where it stands, above the title: its ancestors (a note's provision in full)."""
        if self.entry.annotation_id:
            return self.entry.breadcrumb
        return self.entry.breadcrumb.rpartition(SEPARATOR)[0]


@dataclass
class Results:
    query: object
    results: list = field(default_factory=list)
    total: int = 0

    @property
    def capped(self):
        """More matches than were counted: the page says "more than COUNT_LIMIT"."""
        return self.total > COUNT_LIMIT

    @property
    def countable(self):
        return min(self.total, COUNT_LIMIT)


def search_words(raw_query, scope: Scope, offset=0, limit=20):
    """Ranked entries for the words of `raw_query` within `scope`; a query with nothing to look for finds nothing."""
    query = parse_query(raw_query)
    found = get_backend().search(query, scope, offset, limit) if query.usable else BackendResult()
    # Drafts never show, even if the index still holds a note unpublished behind the store's back (raw SQL).
    entries = (
        SearchEntry.objects.select_related("revision__law")
        .filter(Q(annotation=None) | Q(annotation__status=AnnotationStatus.PUBLISHED))
        .in_bulk([hit.entry_id for hit in found.hits])
    )
    results = [Result(entries[hit.entry_id], hit.snippet) for hit in found.hits if hit.entry_id in entries]
    return Results(query=query, results=results, total=found.total)
