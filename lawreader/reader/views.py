"""The reader's pages. Thin: resolve what was asked for, hand it to editions.py, render."""

import datetime
from itertools import chain

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lawreader import vocabulary
from lawreader.annotate.display import decorate
from lawreader.annotate.visibility import note_counts_by_article
from lawreader.reader.cited_by import citers
from lawreader.reader.contents import CONTENTS_KINDS, focused_contents, link_toc, neighbours
from lawreader.reader.editions import (
    EditionText,
    edition_contents,
    has_text,
    law_effects,
    provision_page,
    provision_tree,
    table_of_contents,
)
from lawreader.reader.preferences import note_preferences
from lawreader.reader.structured_data import as_script, legislation
from lawreader.reader.text_html import PageText
from lawreader.store.amendments import acts_meanwhile, acts_named, pending_changes, touching
from lawreader.store.models import Law
from lawreader.store.models.annotations import AnnotationKind
from lawreader.store.models.laws import LANGUAGE_CODES, LANGUAGES
from lawreader.store.models.provisions import interface_language
from lawreader.store.outline import walk
from lawreader.store.timeline import timelines
from lawreader.web.editions import (
    EditionNotFound,
    language_query,
    not_found,
    redirect_keeping_language,
    requested_language,
    timeline_and_edition,
    with_language,
)
from lawreader.web.guards import read_only
from lawreader.web.page_cache import cached_for_law, cached_law_page

LANGUAGE_NAMES = dict(LANGUAGES)


def library(request):
    """Each law with its current edition and how many editions it has, in its default language."""
    entries = []
    for timeline in timelines(Law.objects.all()).values():
        entries.append({"law": timeline.law, "current": timeline.current(), "edition_count": len(timeline.revisions)})
    return render(request, "reader/library.html", {"entries": entries})


@cached_law_page(lang=LANGUAGE_CODES)
def current_edition(request, slug):
    law = get_object_or_404(Law, slug=slug)
    return edition_page(request, law, datetime.date.today(), dated_url=False)


@cached_law_page(lang=LANGUAGE_CODES)
def edition_on(request, slug, date):
    law = get_object_or_404(Law, slug=slug)
    return edition_page(request, law, date, dated_url=True)


def edition_request(request, law, date):
    """What every edition page starts from: the language asked for, the edition in force on `date` (or
    EditionNotFound), and the reader's choice of notes."""
    language = requested_language(request, law)
    timeline, revision = timeline_and_edition(law, date, language)
    return language, timeline, revision, note_preferences(request)


def edition_page(request, law, date, dated_url):
    try:
        language, timeline, revision, preferences = edition_request(request, law, date)
        has_text(revision)
    except EditionNotFound as error:
        return not_found(request, error)
    context = edition_context(request, law, timeline, revision, language, date, preferences)
    toc = table_of_contents(revision)
    link_toc(toc, lambda eid: f"#{eid}", note_counts_by_article(revision, request.user, preferences.query_kinds))
    context.update(
        {
            "toc": toc,
            "requested_date": date if dated_url else None,
            "pending_changes": pending_changes(timeline, revision, date, context["law_effects"]),
            "structured_data": structured_data(request, context, None, [entry.provision for entry in toc]),
            "law_text": LAW_TEXT,
            "definitions_here": DEFINITIONS,
        }
    )
    # The page around the text is rendered first and sent at once; the text, the bulk of it, streams after it,
    # read and written a chapter at a time; the popovers of the definitions its terms used come last.
    head, tail = render_to_string("reader/edition.html", context, request).split(LAW_TEXT)
    user = request.user
    page = PageText(
        law,
        revision,
        context["permalink_base"],
        context["language_query"],
        can_annotate=user.has_perm("store.add_annotation"),
        can_edit_notes=user.has_perm("store.change_annotation"),
    )
    text = EditionText(revision, user, preferences.query_kinds, page)

    def definitions():
        used = render_to_string("reader/_definitions.html", {"definitions": definitions_used(revision, text.terms)})
        yield tail.replace(DEFINITIONS, used)

    chunks = chain([head], text.chunks(), definitions())
    if sum(1 for _entry in walk(toc)) < STREAMED_FROM:
        return HttpResponse("".join(chunks))
    return StreamingHttpResponse(chunks)


# Where the edition's text and the definitions it uses go in its page: the page is rendered around them.
LAW_TEXT = mark_safe("<!-- the law's text -->")
DEFINITIONS = mark_safe("<!-- the definitions used -->")
# A law with this many chapters and articles streams (a hundred articles are some 2,500 provisions); a shorter one is
# sent whole, with its length, in one piece.
STREAMED_FROM = 100


@cached_law_page(lang=LANGUAGE_CODES)
def provision_on(request, slug, date, eid):
    law = get_object_or_404(Law, slug=slug)
    try:
        language, timeline, revision, preferences = edition_request(request, law, date)
        contents = edition_contents(revision)
        ancestors, subtree = provision_page(revision, eid, date, contents)
    except EditionNotFound as error:
        return not_found(request, error)
    if subtree[0].kind not in CONTENTS_KINDS:
        # A part or item is shown on its article's page, scrolled to and highlighted.
        article = next((a for a in ancestors if a.kind == vocabulary.ARTICLE), None)
        if article is not None:
            url = reverse("reader:provision", args=[slug, date, article.eid])
            return redirect(f"{with_language(url, language, law)}#{eid}")
    node = provision_tree(revision, subtree, request.user, preferences.query_kinds)
    around = neighbours(contents, node.provision.eid)
    toc = focused_contents(contents, node.provision, ancestors)
    context = edition_context(request, law, timeline, revision, language, date, preferences)
    terms = decorate(node, revision, context["permalink_base"], context["language_query"])
    link_toc(
        toc,
        lambda eid: f"{context['permalink_base']}{eid}/{context['language_query']}",
        note_counts_by_article(revision, request.user, preferences.query_kinds),
    )
    context.update(
        {
            "node": node,
            "definitions": definitions_used(revision, terms),
            "citers": citers(node, context["permalink_base"], context["language_query"], interface_language()),
            "ancestors": ancestors,
            "toc": toc,
            "current_eid": node.provision.eid,
            "pending_changes": touching(
                pending_changes(timeline, revision, date, context["law_effects"]), node.provision.eid
            ),
            "contents_link": reverse("reader:contents", args=[law.slug, revision.valid_from])
            + context["language_query"],
            "requested_date": date,
            "structured_data": structured_data(
                request, context, node.provision, [child.provision for child in node.children]
            ),
            **around,
        }
    )
    return render(request, "reader/provision.html", context)


@cached_law_page(lang=LANGUAGE_CODES)
def contents_on(request, slug, date):
    """The table of contents alone: how a reader finds their way into a code of a thousand articles."""
    law = get_object_or_404(Law, slug=slug)
    try:
        language, timeline, revision, preferences = edition_request(request, law, date)
    except EditionNotFound as error:
        return not_found(request, error)
    toc = table_of_contents(revision)
    context = edition_context(request, law, timeline, revision, language, date, preferences)
    link_toc(
        toc,
        lambda eid: f"{context['permalink_base']}{eid}/{context['language_query']}",
        note_counts_by_article(revision, request.user, preferences.query_kinds),
    )
    context.update({"toc": toc, "requested_date": date})
    return render(request, "reader/contents.html", context)


def definitions_used(revision, terms):
    """The definitions the page's defined terms link to, for their popovers."""
    return [definition for definition in revision.defined_terms if definition["eid"] in terms]


def edition_context(request, law, timeline, revision, language, date, preferences):
    current = timeline.current()
    languages = timeline.languages
    effects = law_effects(law)
    context = {
        "law": law,
        "revision": revision,
        "valid_to": timeline.valid_to(revision),
        "current_revision": current,
        "is_current": current is not None and current.pk == revision.pk,
        "previous_revision": timeline.previous(revision),
        "language": language,
        "language_query": language_query(language, law),
        "languages": [(code, LANGUAGE_NAMES[code]) for code, _name in LANGUAGES if code in languages],
        "date": date,
        "permalink_base": reverse("reader:edition", args=[law.slug, revision.valid_from]),
        "page_title": law.short_title or law.title,
        "note_preferences": preferences,
        "note_kinds": AnnotationKind.choices,
        "law_effects": effects,
    }
    context["timeline_html"] = timeline_html(context, timeline)
    return context


def timeline_html(context, timeline):
    """The editions, each with the acts that amended it, and the date form: the same on every page of an edition on
    a date, so written once per law version, date and language rather than once per page."""
    revision, effects = context["revision"], context["law_effects"]

    def render():
        meanwhile = acts_meanwhile(timeline, effects)
        entries = [
            (edition, ends, meanwhile.get(edition.pk, []), acts_named(edition.amending_acts, effects))
            for edition, ends in timeline.entries()
        ]
        return render_to_string("reader/_timeline.html", {**context, "timeline": entries})

    key = f"timeline:{revision.pk}:{context['language']}:{context['date']}:{interface_language()}"
    return cached_for_law(context["law"].slug, key, render)


def structured_data(request, context, provision, parts):
    law, revision = context["law"], context["revision"]
    return as_script(
        legislation(request, law, revision, context["is_current"], provision, parts, context["language_query"])
    )


@read_only
def go_to_date(request, slug):
    """The "as in force on" form: ?date=YYYY-MM-DD → the dated edition URL."""
    law = get_object_or_404(Law, slug=slug)
    try:
        date = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return not_found(request, EditionNotFound(_("Please give a date in the form YYYY-MM-DD.")))
    return redirect_keeping_language(request, reverse("reader:edition", args=[law.slug, date]))
