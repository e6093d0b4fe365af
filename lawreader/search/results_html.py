"""A page of results as HTML, written in Python as notes are (annotate/note_html.py): twenty results through
template includes cost more than the search that found them, and the filters' options in template loops cost the page
a tenth of its time. The results page shows them through the `search_results` tags."""

from html import escape

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def result_html(result):
    """One result: where it stands, its title, its snippet and its edition."""
    edition = _("Edition of %(date)s") % {"date": date_format(result.entry.revision.valid_from, "j F Y")}
    return (
        '<li class="result">\n'
        f"{heading_html(result)}"
        f"{snippet_html(result)}"
        f'    <p class="law-meta">{escape(edition)}</p>\n'
        "  </li>\n"
    )


def group_html(group):
    """One provision (or note) found in several editions (a results.ProvisionGroup): its best result, and the
    editions whose wording matched."""
    matches = _("Matches from the edition of %(first)s to the edition of %(last)s:") % {
        "first": date_format(group.earliest.valid_from, "j F Y"),
        "last": date_format(group.latest.valid_from, "j F Y"),
    }
    links = ", ".join(
        f'<a href="{escape(reverse("reader:edition", args=[revision.law.slug, revision.valid_from]))}">'
        f"{revision.valid_from:%Y-%m-%d}</a>"
        for revision in group.editions
    )
    return (
        '<li class="result result-group">\n'
        f"{heading_html(group.first)}"
        f"{snippet_html(group.first)}"
        f'    <p class="result-editions">{escape(matches)}\n      {links}</p>\n'
        "  </li>\n"
    )


def heading_html(result):
    trail = f" › {result.trail}" if result.trail else ""
    return (
        f'    <p class="result-breadcrumb">{escape(str(result.entry.revision.law) + trail)}</p>\n'
        f'    <h3 class="result-title"><a href="{escape(result.url)}">{escape(result.title)}</a></h3>\n'
    )


def snippet_html(result):
    # The snippet is safe HTML already: the backend escaped the text and marked the matched words.
    return f'    <p class="result-snippet" lang="{escape(result.entry.language)}">{result.snippet}</p>\n'


def options_html(choices, value):
    """A filter's <option>s, the one with `value` selected."""
    return "".join(
        f'<option value="{escape(str(choice))}"{" selected" if choice == value else ""}>{escape(str(label))}</option>'
        for choice, label in choices
    )
