"""/search/: one box for citations and words."""

import datetime

from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from lawreader.citations import parse_dated_citation
from lawreader.search.backends.base import Scope
from lawreader.search.forms import SearchForm
from lawreader.search.results import citation_candidates, entry_url, group_by_provision
from lawreader.search.service import search_words
from lawreader.store.models import Law
from lawreader.store.timeline import timelines
from lawreader.web.guards import read_only

PER_PAGE = 20
ALL_EDITIONS_HITS = 500


@read_only
def search(request):
    data = request.GET.copy()
    if "in" in data:
        data["within"] = data.pop("in")[-1]
    form = SearchForm(data)
    if not form.is_valid():
        return render(request, "search/results.html", {"form": form, "invalid": True}, status=400)
    options = form.cleaned_data
    raw = options["q"]
    context = {"form": form, "raw": raw, "options": options}
    if not raw:
        return render(request, "search/results.html", context)

    laws = [options["law"]] if options["law"] else list(Law.objects.all())
    language = options["language"] or (options["law"].default_language if options["law"] else "en")
    revisions = revisions_in_scope(laws, language, options["edition"])
    context.update({"language": language, "revisions": revisions, "all_editions": options["edition"] == "all"})

    citation, as_of = parse_dated_citation(raw)
    if citation is not None:
        # "Article 9 as of 1 January 2016": the provision in the edition in force that day, read as of that day.
        candidates = citation_candidates(citation, revisions_in_scope(laws, language, as_of) if as_of else revisions)
        if len(candidates) == 1:
            return redirect(candidates[0].url(language, as_of))
        context.update({"citation": citation, "candidates": candidates})
        if candidates:
            return render(request, "search/results.html", context)

    within = options["within"] or "all"
    scope = Scope(
        revision_ids=[r.pk for r in revisions],
        law_ids=[law.pk for law in laws],
        language=language,
        kinds=[options["kind"]] if options["kind"] else None,
        in_text=within in ("all", "text"),
        in_annotations=within in ("all", "annotations") and not options["kind"],
    )
    page_number = options["page"] or 1
    if options["edition"] == "all":
        found = search_words(raw, scope, 0, ALL_EDITIONS_HITS)
        groups = group_by_provision(found.results)
        page = Paginator(groups, PER_PAGE).get_page(page_number)
        context.update({"found": found, "page": page, "groups": page.object_list, "total": len(groups)})
    else:
        found = search_words(raw, scope, (page_number - 1) * PER_PAGE, PER_PAGE)
        page = Paginator(range(found.countable), PER_PAGE).get_page(page_number)
        context.update({"found": found, "page": page, "results": found.results, "total": found.countable})
    highlight = " ".join(found.query.highlight_words())
    for result in found.results:
        result.url = entry_url(result.entry, result.entry.revision, highlight)
    # Where the texts come from ("Unofficial English translation …"), once for the editions the results are from.
    context["source_notes"] = list(
        dict.fromkeys(r.entry.revision.source_note for r in found.results if r.entry.revision.source_note)
    )
    context["query_without_page"] = query_without(request, "page")
    return render(request, "search/results.html", context)


def revisions_in_scope(laws, language, edition):
    """The editions searched: each law's edition in force today (default), on a date, or all of them."""
    editions = timelines(laws, language).values()
    if edition == "all":
        return [revision for timeline in sorted(editions, key=lambda t: t.law.slug) for revision in timeline.revisions]
    date = edition or datetime.date.today()
    return [revision for timeline in editions if (revision := timeline.in_force_on(date)) is not None]


def query_without(request, name):
    params = request.GET.copy()
    params.pop(name, None)
    return params.urlencode()
