"""/search/: one box for citations and words."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from lawreader.search.forms import SearchForm
from lawreader.search.results import entry_url, group_by_provision
from lawreader.search.service import plan_search, search_words
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

    plan = plan_search(options)
    context.update({"language": plan.language, "revisions": plan.revisions, "all_editions": plan.all_editions})
    if plan.citation is not None:
        if len(plan.candidates) == 1:
            return redirect(plan.candidates[0].url(plan.language, plan.as_of))
        context.update({"citation": plan.citation, "candidates": plan.candidates})
        if plan.candidates:
            return render(request, "search/results.html", context)

    page_number = options["page"] or 1
    if options["edition"] == "all":
        found = search_words(plan, 0, ALL_EDITIONS_HITS)
        groups = group_by_provision(found.results)
        page = Paginator(groups, PER_PAGE).get_page(page_number)
        context.update({"found": found, "page": page, "groups": page.object_list, "total": len(groups)})
    else:
        found = search_words(plan, (page_number - 1) * PER_PAGE, PER_PAGE)
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


def query_without(request, name):
    params = request.GET.copy()
    params.pop(name, None)
    return params.urlencode()
