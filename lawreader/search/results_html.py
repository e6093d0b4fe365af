"""A page of results as HTML, written in Python as notes are (annotate/note_html.py): twenty results through
template includes cost more than the search that found them, and the filters' options in template loops cost the page
a tenth of its time. The results page shows them through the `search_results` tags."""

from html import escape

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def results_html(results):
    """A page's results, each on its own line. A page's results come from a few editions: each edition's line is
    written once, not once a result."""
    editions = {result.entry.revision_id: result.entry.revision for result in results}
    lines = {revision_id: edition_line(revision) for revision_id, revision in editions.items()}
    return "".join(f"\n  {result_html(result, lines[result.entry.revision_id])}" for result in results)


def edition_line(revision):
    edition = _("Edition of %(date)s") % {"date": long_date(revision)}
    return f'    <p class="law-meta">{escape(edition)}</p>\n'


def result_html(result, edition):
    """One result: where it stands, its title, its snippet and its edition (`edition_line`)."""
    return f'<li class="result">\n{heading_html(result)}{snippet_html(result)}{edition}  </li>\n'


def groups_html(groups):
    """A page of provisions found in several editions; each edition's date and link is written once for all."""
    editions = {revision.pk: revision for group in groups for revision in group.editions}
    dates = {pk: long_date(revision) for pk, revision in editions.items()}
    links = {pk: edition_link(revision) for pk, revision in editions.items()}
    return "".join(f"\n  {group_html(group, dates, links)}" for group in groups)


def long_date(revision):
    return date_format(revision.valid_from, "j F Y")


def edition_link(revision):
    url = reverse("reader:edition", args=[revision.law.slug, revision.valid_from])
    return f'<a href="{escape(url)}">{revision.valid_from:%Y-%m-%d}</a>'


def group_html(group, dates, edition_links):
    """One provision (or note) found in several editions (a results.ProvisionGroup): its best result, and the
    editions whose wording matched (`dates` and `edition_links`: each edition's, by id)."""
    matches = _("Matches from the edition of %(first)s to the edition of %(last)s:") % {
        "first": dates[group.earliest.pk],
        "last": dates[group.latest.pk],
    }
    links = ", ".join(edition_links[revision.pk] for revision in group.editions)
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
