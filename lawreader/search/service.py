"""The one search interface the views use: scope, citation or words, results with their entries."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lawreader.citations import parse_dated_citation
from lawreader.search.backends import get_backend
from lawreader.search.backends.base import COUNT_LIMIT, BackendResult, Scope
from lawreader.search.index import SEPARATOR
from lawreader.search.models import SearchEntry
from lawreader.search.results import citation_candidates
from lawreader.search.text import parse_query
from lawreader.store.models import Revision
from lawreader.store.timeline import timelines
from lawreader.web.editions import law_timeline


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


def search_words(plan, offset=0, limit=20):
    """Ranked entries for the words of the plan's query within its scope; a query with nothing to look for finds
    nothing."""
    query = parse_query(plan.raw)
    found = get_backend().search(query, plan.scope, offset, limit) if query.usable else BackendResult()
    # The editions come from the plan's timelines, read already; only one outside them (unpublished) is read here.
    editions = plan.editions
    unknown = {hit.entry.revision_id for hit in found.hits} - editions.keys()
    if unknown:
        editions = {**editions, **Revision.objects.select_related("law").in_bulk(unknown)}
    for hit in found.hits:
        hit.entry.revision = editions[hit.entry.revision_id]
    results = [Result(hit.entry, hit.snippet) for hit in found.hits]
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
    editions: dict  # {id: revision} every published edition of the laws in the language, each with its law
    citation: object = None  # the query read as a citation, if it is one
    as_of: datetime.date | None = None  # "Article 9 as of 1 January 2016"
    candidates: list = field(default_factory=list)  # the provisions the citation can mean


def plan_search(options):
    """The laws, language, editions and scope a search covers, and what its words cite (options: the cleaned data of
    search.forms.SearchForm)."""
    laws = options["laws"]
    language = options["language"] or (options["law"].default_language if options["law"] else "en")
    # One law's timeline is kept with the law, as its pages keep it; all of them are read in one query.
    law_timelines = [law_timeline(options["law"], language)] if options["law"] else timelines(laws, language).values()
    revisions = revisions_in_scope(law_timelines, options["edition"])
    within = options["within"] or "all"
    scope = Scope(
        revision_ids=[r.pk for r in revisions],
        law_ids=[law.pk for law in laws],
        language=language,
        kinds=[options["kind"]] if options["kind"] else None,
        in_text=within in ("all", "text"),
        in_annotations=within in ("all", "annotations") and not options["kind"],
    )
    every_edition = {revision.pk: revision for timeline in law_timelines for revision in timeline.revisions}
    plan = SearchPlan(options["q"], laws, language, revisions, scope, options["edition"] == "all", every_edition)
    plan.citation, plan.as_of = parse_dated_citation(options["q"])
    if plan.citation is not None:
        # Cited as of a date: the provision in the edition in force that day.
        cited_in = revisions_in_scope(law_timelines, plan.as_of) if plan.as_of else revisions
        plan.candidates = citation_candidates(plan.citation, cited_in)
    return plan


def revisions_in_scope(law_timelines, edition):
    """The editions searched, from the laws' timelines: each law's edition in force today (default), on a date, or
    all of them."""
    if edition == "all":
        return [
            revision for timeline in sorted(law_timelines, key=lambda t: t.law.slug) for revision in timeline.revisions
        ]
    date = edition or datetime.date.today()
    return [revision for timeline in law_timelines if (revision := timeline.in_force_on(date)) is not None]
