"""Comparing editions and a provision's history. Thin: resolve, hand to editions.py, render."""

import datetime

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lawreader import vocabulary
from lawreader.annotate.display import as_written
from lawreader.annotate.note_html import NotePlace
from lawreader.compare import presentation
from lawreader.compare.editions import compare_editions, editions_to_compare, provision_history
from lawreader.compare.redline_html import Redline, changed_articles_html, rows_html
from lawreader.memory import cyclic_collection_paused
from lawreader.store.amendments import acts_of, effects_of, effects_touching
from lawreader.store.models import Law
from lawreader.store.models.laws import LANGUAGE_CODES
from lawreader.store.timeline import Timeline
from lawreader.web.editions import (
    EditionNotFound,
    language_query,
    not_found,
    redirect_keeping_language,
    requested_language,
)
from lawreader.web.guards import read_only
from lawreader.web.page_cache import cached_law_page

LAYOUTS = {"inline", "side"}


@cached_law_page(lang=LANGUAGE_CODES, layout=LAYOUTS, show=["all"])
def editions(request, slug, first, second):
    # The comparison and the page written from it are made of a few hundred thousand objects that die with the
    # request: collecting cycles among them would only walk them (see cyclic_collection_paused).
    with cyclic_collection_paused():
        return editions_page(request, slug, first, second)


def editions_page(request, slug, first, second):
    law = get_object_or_404(Law, slug=slug)
    language = requested_language(request, law)
    try:
        timeline, older, newer = editions_to_compare(law, first, second, language)
    except EditionNotFound as error:
        return not_found(request, error)
    full = request.GET.get("show") == "all"
    result = compare_editions(older, newer, whole=full)
    layout = request.GET.get("layout") if request.GET.get("layout") in LAYOUTS else "inline"
    query = language_query(language, law, separator="&")
    permalink_base = reverse("reader:edition", args=[law.slug, newer.valid_from])
    # The changes and the changed articles are written here, and the context keeps only their HTML: a template's
    # context lives in reference cycles, and with the comparison in it the cycle collector would have the whole
    # comparison to walk after the page is sent.
    redline = Redline(
        law=law,
        newer=newer,
        older=older,
        language=language,
        language_query=query,
        full_text=f"?show=all&amp;layout={layout}{query}",
        layout=layout,
        # Unchanged provisions around a change are folded, except when the reader asked for the full text.
        fold_context=not full,
        language_differences=result.language_differences,
        effects_by_eid=result.effects_by_eid,
        notes_by_eid={eid: as_written(notes, permalink_base) for eid, notes in result.notes_by_eid.items()},
        notes=NotePlace(law.slug, newer, query, request.user.has_perm("store.change_annotation")),
    )
    context = {
        "law": law,
        "older": older,
        "newer": newer,
        "counts": result.comparison.counts,
        # The top rows are never folded; those inside a change as the page says.
        "changes_html": mark_safe(rows_html(presentation.present(result.comparison.root, full).rows, False, redline)),
        "changed_articles_count": len(result.changed_articles),
        "changed_articles_html": mark_safe(changed_articles_html(result.changed_articles)),
        "timeline": timeline.entries(),
        "layout": layout,
        "full": full,
        "first": first,
        "second": second,
        "language": language,
        "language_query": query,
        "same_edition": older.pk == newer.pk,
        # The acts read from the footnotes, each linked to its page; else the editions' own list of them.
        "acts": sorted(
            {effect.act for effects in result.effects_by_eid.values() for effect in effects},
            key=lambda act: (act.adopted_on, act.number),
        ),
        "amending_acts": [
            act
            for revision in timeline.revisions
            if older.valid_from < revision.valid_from <= newer.valid_from
            for act in revision.amending_acts
        ],
    }
    return render(request, "compare/editions.html", context)


@read_only
def choose(request, slug):
    """The form: ?from=YYYY-MM-DD&to=YYYY-MM-DD → the comparison URL."""
    law = get_object_or_404(Law, slug=slug)
    try:
        first = datetime.date.fromisoformat(request.GET.get("from", ""))
        second = datetime.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        return not_found(request, EditionNotFound(_("Please give two dates in the form YYYY-MM-DD.")))
    return redirect_keeping_language(request, reverse("compare:editions", args=[law.slug, first, second]))


@cached_law_page(lang=LANGUAGE_CODES)
def history(request, slug, eid):
    law = get_object_or_404(Law, slug=slug)
    language = requested_language(request, law)
    try:
        _timeline, entries = provision_history(law, eid, language)
    except EditionNotFound as error:
        return not_found(request, error)
    for entry in entries:
        if entry.change is not None:
            entry.presented = presentation.present(entry.change.root, show_all=False)
        entry.notes = as_written(entry.notes, reverse("reader:edition", args=[law.slug, entry.revision.valid_from]))
    context = {
        "law": law,
        "eid": eid,
        "name": vocabulary.name(eid),
        "entries": entries,
        "effects": effects_touching(effects_of(law.pk), eid),
        "fold_context": True,
        "language": language,
        "language_query": language_query(language, law),
    }
    return render(request, "compare/history.html", context)


@cached_law_page(lang=LANGUAGE_CODES)
def amendments(request, slug):
    """Every act that amended the law, with what it did to which provision (legislation.gov.uk's "changes to
    legislation"): each effect links to the provision's history and to the comparison that shows it."""
    law = get_object_or_404(Law, slug=slug)
    language = requested_language(request, law)
    acts = with_comparisons(acts_of(law), Timeline.of(law, language))
    return render(request, "compare/amendments.html", amendments_context(law, language, acts))


@cached_law_page(lang=LANGUAGE_CODES)
def amending_act(request, slug, act):
    law = get_object_or_404(Law, slug=slug)
    language = requested_language(request, law)
    acts = [found for found in acts_of(law) if found.pk == act]
    if not acts:
        return not_found(request, EditionNotFound(_("%(law)s has no such amending act.") % {"law": law}))
    context = amendments_context(law, language, with_comparisons(acts, Timeline.of(law, language)))
    context["act"] = acts[0]
    return render(request, "compare/amending_act.html", context)


def amendments_context(law, language, acts):
    return {"law": law, "acts": acts, "language": language, "language_query": language_query(language, law)}


def with_comparisons(acts, timeline):
    """Each effect with the editions to compare to see it: the one before the first that states it, and that one."""
    for act in acts:
        act.effects_in_order = sorted(act.effects.all(), key=lambda effect: vocabulary.order_key(effect.target_eid))
        for effect in act.effects_in_order:
            effect.shown_from = effect.first_stated_in.valid_from
            before = timeline.previous(effect.first_stated_in)
            effect.compare_from = before.valid_from if before else None
    return acts
