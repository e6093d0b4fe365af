"""The one search interface the views use: scope, citation or words, results with their entries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from lawreader.citations import parse_dated_citation
from lawreader.search.backends import get_backend
from lawreader.search.backends.base import COUNT_LIMIT, BackendResult, Scope
from lawreader.search.index import SEPARATOR
from lawreader.search.models import SearchEntry
from lawreader.search.results import citation_candidates
from lawreader.search.text import parse_query
from lawreader.store.models import Law
from lawreader.store.models.annotations import AnnotationStatus
from lawreader.store.timeline import timelines


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


@dataclass
class SearchPlan:
    """What one search asks for, worked out from a valid SearchForm's data: the page and the API both start here."""

    raw: str
    laws: list
    language: str
    revisions: list  # the editions searched
    scope: Scope
    all_editions: bool
    citation: object = None  # the query read as a citation, if it is one
    as_of: datetime.date | None = None  # "Article 9 as of 1 January 2016"
    candidates: list = field(default_factory=list)  # the provisions the citation can mean


def plan_search(options):
    """The laws, language, editions and scope a search covers, and what its words cite (options: the cleaned data of
    search.forms.SearchForm)."""
    laws = [options["law"]] if options["law"] else list(Law.objects.all())
    language = options["language"] or (options["law"].default_language if options["law"] else "en")
    revisions = revisions_in_scope(laws, language, options["edition"])
    within = options["within"] or "all"
    scope = Scope(
        revision_ids=[r.pk for r in revisions],
        law_ids=[law.pk for law in laws],
        language=language,
        kinds=[options["kind"]] if options["kind"] else None,
        in_text=within in ("all", "text"),
        in_annotations=within in ("all", "annotations") and not options["kind"],
    )
    plan = SearchPlan(options["q"], laws, language, revisions, scope, options["edition"] == "all")
    plan.citation, plan.as_of = parse_dated_citation(options["q"])
    if plan.citation is not None:
        # Cited as of a date: the provision in the edition in force that day.
        cited_in = revisions_in_scope(laws, language, plan.as_of) if plan.as_of else revisions
        plan.candidates = citation_candidates(plan.citation, cited_in)
    return plan


def revisions_in_scope(laws, language, edition):
    """The editions searched: each law's edition in force today (default), on a date, or all of them."""
    editions = timelines(laws, language).values()
    if edition == "all":
        return [revision for timeline in sorted(editions, key=lambda t: t.law.slug) for revision in timeline.revisions]
    date = edition or datetime.date.today()
    return [revision for timeline in editions if (revision := timeline.in_force_on(date)) is not None]
