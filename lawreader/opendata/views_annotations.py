"""A law's notes, and one edition's, as W3C Web Annotations. Thin: find the law or edition, hand it to
web_annotations.py. Cached like the reader's pages, by the law's public version."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from lawreader.opendata import web_annotations
from lawreader.store.models import Law
from lawreader.store.models.laws import LANGUAGE_CODES
from lawreader.web.editions import EditionNotFound, not_found, requested_language, timeline_and_edition
from lawreader.web.page_cache import cached_law_page


@cached_law_page()
def law_annotations(request, slug):
    law = get_object_or_404(Law, slug=slug)
    return as_response(web_annotations.law_collection(law, request.build_absolute_uri))


@cached_law_page(lang=LANGUAGE_CODES)
def edition_annotations(request, slug, date):
    law = get_object_or_404(Law, slug=slug)
    try:
        _timeline, revision = timeline_and_edition(law, date, requested_language(request, law))
    except EditionNotFound as error:
        return not_found(request, error)
    return as_response(web_annotations.edition_collection(law, revision, request.build_absolute_uri))


def as_response(collection):
    return HttpResponse(web_annotations.as_json(collection), content_type=web_annotations.CONTENT_TYPE)
