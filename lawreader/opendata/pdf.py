"""Each edition as a PDF: the reader's own edition page (its template, its text writer, its print stylesheet),
printed by WeasyPrint.

One PDF per edition serves every reader: it shows the notes the one rule shows anybody (annotate/visibility.py:
published ones, never drafts) and nothing that depends on who asks or on today's date. So it is cached with the
law (`cached_for_law`, keyed by its public version) — laying out a whole law takes seconds — per interface
language and host, the only other things its bytes depend on.
"""

import copy
import functools
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils.translation import get_language

from lawreader.reader.editions import EditionText
from lawreader.reader.preferences import NotePreferences
from lawreader.reader.text_html import PageText
from lawreader.reader.views import LAW_TEXT, edition_context
from lawreader.web.page_cache import cached_for_law

TEMPLATE = "reader/edition_pdf.html"


class PdfUnavailable(Exception):
    """This machine lacks what WeasyPrint prints with (Debian's Pango): the site runs, PDFs say why they cannot."""


def edition_pdf(request, law, timeline, revision, language):
    """The PDF of `revision`, rendered once per version of the law."""
    name = f"pdf:{revision.pk}:{get_language()}:{request.get_host()}"
    # Megabytes each: kept in the shared cache only, not as well in every process's memory.
    return cached_for_law(
        law.slug, name, lambda: render_pdf(request, law, timeline, revision, language), in_process=False
    )


def render_pdf(request, law, timeline, revision, language):
    html_document, fetcher = weasyprint()
    html = edition_html(request, law, timeline, revision, language)
    return html_document(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=fetcher).write_pdf()


@functools.cache
def weasyprint():
    """WeasyPrint's HTML and a fetcher of our static files only, imported when the first PDF is asked for:
    WeasyPrint loads Pango as it is imported, and a machine without it must still serve every other page."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except OSError as error:
        raise PdfUnavailable(f"WeasyPrint cannot load Pango ({error}); `make pdf-libraries` installs it.") from error

    class StaticFilesOnly(URLFetcher):
        """WeasyPrint reads the page's stylesheets from the static files on disk, never over the network: a PDF
        needs no request to the site itself, and nothing in a note can make the server fetch an address."""

        def fetch(self, url, headers=None):
            path = static_file(urlsplit(url).path)
            if path is None:
                raise ValueError(f"not one of the site's static files: {url}")
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": content_type})

    return HTML, StaticFilesOnly()


def edition_html(request, law, timeline, revision, language):
    """The edition page as anybody sees it, every note kind shown: the page around the text from its template, the
    text from the reader's own writer, its references and `eid:` links in notes leading to places in the PDF itself."""
    reader = as_anonymous(request)
    context = edition_context(reader, law, timeline, revision, language, revision.valid_from, NotePreferences())
    context.update({"law_text": LAW_TEXT, "definitions_here": ""})
    head, tail = render_to_string(TEMPLATE, context, reader).split(LAW_TEXT)
    page = PageText(law, revision, permalink_base="", language_query=context["language_query"])
    return "".join([head, *EditionText(revision, reader.user, None, page).chunks(), tail])


def as_anonymous(request):
    """The request as a reader who is not logged in makes it: no staff link or draft can reach a PDF that is
    cached for everybody."""
    anonymous = copy.copy(request)
    anonymous.user = AnonymousUser()
    return anonymous


def filename(revision):
    """ "foreign-intelligence-2024-01-05-en.pdf" """
    return f"{revision.law.slug}-{revision.valid_from:%Y-%m-%d}-{revision.language}.pdf"


def static_file(url_path):
    """The file a static URL path serves: its source file, or in production the collected file of a hashed name;
    None for any other path."""
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not url_path.startswith(prefix):
        return None
    name = url_path.removeprefix(prefix)
    if ".." in Path(name).parts:
        return None
    return finders.find(name) or (staticfiles_storage.path(name) if staticfiles_storage.exists(name) else None)
