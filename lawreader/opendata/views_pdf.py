"""An edition as PDF. Thin: find the edition, hand it to pdf.py, send the bytes."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header

from lawreader.opendata import pdf
from lawreader.reader.editions import has_text
from lawreader.store.models import Law
from lawreader.web.editions import (
    EditionNotFound,
    not_found,
    requested_language,
    timeline_and_edition,
    with_language,
)
from lawreader.web.guards import read_only


@read_only
def edition_pdf(request, slug, date):
    """The edition in force on `date`, at the address of its own date: one address, and one cached PDF, per
    edition (the printout cites the address it was made for)."""
    law = get_object_or_404(Law, slug=slug)
    language = requested_language(request, law)
    try:
        timeline, revision = timeline_and_edition(law, date, language)
        has_text(revision)
    except EditionNotFound as error:
        return not_found(request, error)
    address = with_language(reverse("edition_pdf", args=[slug, revision.valid_from]), language, law)
    if request.get_full_path() != address:
        return redirect(address)
    try:
        document = pdf.edition_pdf(request, law, timeline, revision, language)
    except pdf.PdfUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, pdf.filename(revision))
    return response
