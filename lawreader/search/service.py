"""The one search interface the views use: scope, citation or words, results with their entries."""

from dataclasses import dataclass, field

from django.db.models import Q

from lawreader.search.backends import get_backend
from lawreader.search.backends.base import COUNT_LIMIT, BackendResult, Scope
from lawreader.search.models import SearchEntry
from lawreader.search.text import parse_query
from lawreader.store.models.annotations import AnnotationStatus


@dataclass
class Result:
    entry: SearchEntry
    snippet: str


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
