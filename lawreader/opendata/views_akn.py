"""The law as data, at the names the Akoma Ntoso naming convention gives it. Thin: find the law and the edition,
hand them to the module that writes the format."""

from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotFound

from lawreader import frbr
from lawreader.opendata.akn import CONTENT_TYPE, edition_document
from lawreader.store.models import Law
from lawreader.store.timeline import Timeline
from lawreader.web.guards import read_only
from lawreader.web.page_cache import PagePolicy, shared_law_page

# `?notes=1` adds the notes readers see. The document is the public one whoever asks (staff see no drafts in it),
# so it is cached and revalidated for everyone, by the law's public version.
AKN_PAGE = PagePolicy({"notes": frozenset({"1"})})


@read_only
def akn_expression(request, country, date, number, language, edition=None):
    """/akn/kz/act/2010-05-22/277-IV/eng@2014-04-18 — that edition as an Akoma Ntoso document; without "@date",
    the edition in force today in that language."""
    work = frbr.Work(country, date, number)
    law = law_of_work(work)
    if law is None:
        return not_found(f"No law in this library is the work {work.uri}.")
    return shared_law_page(request, law.slug, AKN_PAGE, lambda: akn_document(request, law, work, language, edition))


def akn_document(request, law, work, language_code, edition):
    language = frbr.language_of(language_code)
    timeline = Timeline.of(law, language) if language else None
    if timeline is None or not timeline.revisions:
        return not_found(f"{work.uri} has no published edition in the language {language_code!r}.")
    editions = ", ".join(work.expression_uri(language, revision.valid_from) for revision in timeline.revisions)
    if edition is None:
        revision = timeline.current()
        if revision is None:
            return not_found(f"{work.uri} has no edition in {language_code} in force today; its editions: {editions}")
    else:
        revision = next((revision for revision in timeline.revisions if revision.valid_from == edition), None)
        if revision is None:
            return not_found(
                f"{work.uri} has no published edition in {language_code} dated {edition:%Y-%m-%d}; "
                f"its editions: {editions}"
            )
    document = edition_document(revision, with_notes=request.GET.get("notes") == "1")
    return HttpResponse(document, content_type=CONTENT_TYPE)


def law_of_work(work):
    """The law whose FRBR work (Law.work) is `work`, or None. Found by its number as printed ("No. 277-IV"), or
    for a law with none by its slug; the rest of the name is checked on the few found."""
    candidates = Law.objects.filter(jurisdiction__iexact=work.country).filter(
        Q(number__endswith=work.number) | Q(slug=work.number)
    )
    return next((law for law in candidates if law.work == work), None)


def not_found(message):
    return HttpResponseNotFound(message, content_type="text/plain; charset=utf-8")
