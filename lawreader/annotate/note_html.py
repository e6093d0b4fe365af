"""A note as HTML, written in Python: a page of a large law shows thousands of notes, and a template per note costs
a tenth of a millisecond each. Every page shows notes through this (the `note` template tag wraps it)."""

from dataclasses import dataclass, field
from functools import cache, lru_cache
from html import escape
from typing import NamedTuple

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lawreader.store.models.annotations import kind_names


@dataclass(frozen=True)
class NotePlace:
    """Where notes are shown: the law and edition of the page, how its links keep the reader's language, and what
    the reader may do with a note."""

    law_slug: str
    revision: object  # the edition the page shows (None in the preview of a note not yet placed in one)
    language_query: str = ""
    can_edit: bool = False  # staff with the right, outside the editor's preview
    # The interface language, asked once for the page's notes: asking costs more than the rest of a short note.
    language: str = field(default_factory=get_language)


class NoteWords(NamedTuple):
    """The fixed words of notes in one interface language, escaped (note_words)."""

    kinds: dict  # {kind: its name}
    draft: str
    edit: str
    see_what_changed: str


@cache
def note_words(language):
    """The words every note writes, translated and escaped once per interface language (`language` keys the memo;
    the active language is what they are translated into)."""
    # Translatable strings stand outside f-strings, where makemessages can find them.
    return NoteWords(
        kinds={kind: escape(name) for kind, name in kind_names(language).items()},
        draft=escape(_("Draft")),
        edit=escape(_("Edit")),
        see_what_changed=escape(_("See what changed")),
    )


def note_html(view, place):
    """One note (an annotate.display.NoteView) beside the text."""
    note = view.annotation
    words = note_words(place.language)
    classes = f"note note--{note.kind}"
    draft = note.status == "draft"
    if draft:
        classes += " note--draft"
    if view.stale:
        classes += " annotation-stale"
    parts = [
        f'\n<div class="{classes}" role="note" id="note-{note.pk}">\n',
        f'  <p class="note-kind">{words.kinds[note.kind]}',
        f' <span class="draft-badge">{words.draft}</span>' if draft else "",
        "</p>\n",
    ]
    if note.title:
        parts.append(f'  <p class="note-title">{escape(note.title)}</p>\n')
    if view.quote_found:
        parts.append(f'  <p class="note-quote"><a href="#quote-{note.pk}">“{escape(note.quote_exact)}”</a></p>\n')
    elif view.quote_found is False:
        lost = _("The quoted words are no longer in this provision: “%(quote)s”.") % {"quote": note.quote_exact}
        parts.append(f'  <p class="note-quote note-quote--lost">{escape(lost)}</p>\n')
    language = f' lang="{note.revision.language}"' if note.kind == "amendment" and note.revision_id else ""
    parts.append(f'  <div class="note-body"{language}>{view.html}</div>\n')
    if place.revision is not None:
        parts.append(written_for_html(note, view, place))
    if place.can_edit:
        edit = reverse("admin:store_annotation_change", args=[note.pk])
        parts.append(
            f'  <p class="note-tools"><a href="{edit}">{words.edit}'
            f'<span class="visually-hidden"> {escape(str(note))}</span></a></p>\n'
        )
    parts.append("</div>\n")
    return "".join(parts)


def written_for_html(note, view, place):
    """Which edition a note shown in another was written for, and whether its wording has moved on since."""
    if view.stale:
        changed = comparison_url(place.law_slug, note.revision.valid_from, place.revision.valid_from)
        see = note_words(place.language).see_what_changed
        return (
            f'  <p class="note-written-for">{written_for(note.revision.valid_from, True, place.language)}'
            f' <a href="{changed}{place.language_query}#{note.target_eid}">{see}</a></p>\n'
        )
    if note.revision_id != place.revision.pk:
        return f'  <p class="note-written-for">{written_for(note.revision.valid_from, False, place.language)}</p>\n'
    return ""


@lru_cache(maxsize=4096)
def written_for(date, stale, language):
    """ "Written for the edition of 5 January 2024." (and, when `stale`, that its wording has changed), escaped: a
    page names the same few editions for thousands of notes. (`language` keys the memo, as for long_date.)"""
    if stale:
        sentence = _("Written for the edition of %(date)s; the wording has since changed.")
    else:
        sentence = _("Written for the edition of %(date)s.")
    return escape(sentence % {"date": long_date(date, language)})


@lru_cache(maxsize=4096)
def long_date(date, language):
    """ "5 January 2024" in the interface language: a page of a large law names the same few editions thousands of
    times, and formatting a date is the costliest part of a note's HTML. (`language` keys the memo; the active
    language is what date_format writes in.)"""
    return date_format(date, "j F Y")


@lru_cache(maxsize=4096)
def comparison_url(slug, earlier, later):
    """Where a stale note's "See what changed" leads: a page shows one for each of thousands of stale notes."""
    return reverse("compare:editions", args=[slug, earlier, later])
