"""What every page about an edition shares — finding the edition a reader asked for, the language they read it
in, links that keep that language, and the 404 page that says why something is not there. The reader and the
comparison pages are siblings that both stand on this; neither owns it."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lawreader import vocabulary
from lawreader.store.models import Revision
from lawreader.store.models.laws import LANGUAGE_CODES
from lawreader.store.timeline import Timeline
from lawreader.web.page_cache import cached_for_law


class EditionNotFound(Exception):
    """A reader asked for something that does not exist; `message` says why, `link` where to go instead."""

    def __init__(self, message, link=None, link_text=""):
        super().__init__(message)
        self.message = message
        self.link = link
        self.link_text = link_text


def not_found(request, error):
    link = None
    if error.link:
        route = "reader:provision" if len(error.link) == 3 else "reader:edition"
        link = reverse(route, args=error.link)
    context = {"message": error.message, "link": link, "link_text": error.link_text}
    return render(request, "reader/not_found.html", context, status=404)


def requested_language(request, law):
    """The language of the law's text the reader asked for (`?lang=`), else the law's own."""
    language = request.GET.get("lang", "")
    return language if language in LANGUAGE_CODES else law.default_language


def language_parameters(language, law):
    """The query parameters that keep a reader in `language` on the next page: none in the law's own language."""
    return {} if language == law.default_language else {"lang": language}


def language_query(language, law, separator="?"):
    parameters = language_parameters(language, law)
    return f"{separator}{urlencode(parameters)}" if parameters else ""


def with_language(url, language, law):
    return url + language_query(language, law)


def place_url(revision, eid, anchor="", parameters=None):
    """Where a provision (or a note on it, `anchor` "note-7") is read in `revision`: its article's page, scrolled to
    it; the edition's page for what stands outside any article."""
    article = vocabulary.article_of(eid) or eid
    if not article:
        url = reverse("reader:edition", args=[revision.law.slug, revision.valid_from])
    else:
        url = reverse("reader:provision", args=[revision.law.slug, revision.valid_from, article])
    query = {**language_parameters(revision.language, revision.law), **(parameters or {})}
    return url + (f"?{urlencode(query)}" if query else "") + (f"#{anchor}" if anchor else "")


def redirect_keeping_language(request, url):
    """Where a form (a date, two dates) sends the reader: `url`, with the language the form carried."""
    language = request.GET.get("lang", "")
    return redirect(f"{url}?lang={language}" if language in LANGUAGE_CODES else url)


def timeline_and_edition(law, date, language):
    """The law's timeline and the edition in force on `date`, or EditionNotFound saying why there is none."""
    timeline = law_timeline(law, language)
    return timeline, edition_in_force(timeline, date)


def law_timeline(law, language):
    """The law's timeline in `language`, read once per version of the law rather than on every page of it."""
    timeline = cached_for_law(law.slug, f"timeline:{language}", lambda: Timeline.of(law, language))
    law.first_edition_date = timeline.law.first_edition_date  # as reading the timeline tells the law it read
    return timeline


def edition_in_force(timeline, date):
    if not timeline.revisions:
        raise EditionNotFound(_("This law has no published edition in this language."))
    revision = timeline.in_force_on(date)
    if revision is None:
        first = timeline.first()
        message = (
            _("%(law)s had no edition in force on %(date)s; its first edition takes effect on %(first)s.")
            if first.in_force_certain
            else _("%(law)s had no edition in force on %(date)s; its first edition takes effect on about %(first)s.")
        )
        raise EditionNotFound(
            message % {"law": timeline.law, "date": long_date(date), "first": long_date(first.valid_from)},
            link=(timeline.law.slug, first.valid_from),
            link_text=_("Read the first edition"),
        )
    return revision


def eid_missing(revision, eid, date):
    """'Article 9-1 did not exist on 1 January 2012; it first appears in the edition of 7 April 2014.'"""
    readable = vocabulary.name(eid)
    editions_with_it = list(
        Revision.objects.published()
        .filter(law_id=revision.law_id, language=revision.language, provisions__eid=eid)
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
    )
    if not editions_with_it:
        return EditionNotFound(
            _("%(law)s has no %(provision)s in any edition.") % {"law": revision.law, "provision": readable}
        )
    first, last = editions_with_it[0], editions_with_it[-1]
    values = {"provision": readable, "date": long_date(date), "first": long_date(first), "last": long_date(last)}
    if first > date:
        message = _("%(provision)s did not exist on %(date)s; it first appears in the edition of %(first)s.") % values
        return EditionNotFound(message, link=(revision.law.slug, first, eid), link_text=_("Read it in that edition"))
    message = (
        _("%(provision)s was no longer in force on %(date)s; it last appears in the edition of %(last)s.") % values
    )
    return EditionNotFound(message, link=(revision.law.slug, last, eid), link_text=_("Read it in that edition"))


def long_date(date):
    return f"{date.day} {date:%B %Y}"
