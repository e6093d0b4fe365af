"""`{% changes rows %}`, `{% change view %}` and `{% changed_articles_list changes %}`: changes as the comparison
and history pages show them (compare/redline_html.py)."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from lawreader.annotate.note_html import NotePlace
from lawreader.compare.redline_html import Redline, change_html, changed_articles_html, rows_html

register = template.Library()


@register.simple_tag(takes_context=True)
def changes(context, rows):
    """The comparison page's changes between `older` and `newer` (the top rows never folded; those inside a change
    as the page says)."""
    perms = context.get("perms")
    layout, query = context["layout"], context["language_query"]
    redline = Redline(
        law=context["law"],
        newer=context["newer"],
        older=context["older"],
        language=context["language"],
        language_query=query,
        full_text=f"?show=all&amp;layout={layout}{query}",
        layout=layout,
        fold_context=context["fold_context"],
        language_differences=context["language_differences"],
        effects_by_eid=context["effects_by_eid"],
        notes_by_eid=context["notes_by_eid"],
        notes=NotePlace(
            context["law"].slug, context["newer"], query, bool(perms) and "store.change_annotation" in perms
        ),
    )
    return mark_safe(rows_html(rows, False, redline))  # safe: built from escaped parts


@register.simple_tag(takes_context=True)
def change(context, entry):
    """A provision's change in one edition of its history (a compare.editions.HistoryEntry)."""
    law, query = context["law"], context["language_query"]
    unfolded = reverse("compare:editions", args=[law.slug, entry.previous.valid_from, entry.revision.valid_from])
    redline = Redline(
        law=law,
        newer=entry.revision,
        older=entry.previous,
        language=context["language"],
        language_query=query,
        full_text=f"{unfolded}?show=all&amp;layout=inline{query.replace('?', '&amp;')}",
    )
    return mark_safe(change_html(entry.presented, redline))  # safe: built from escaped parts


@register.simple_tag
def changed_articles_list(changes):
    """The changed articles as the comparison's sidebar lists them: hundreds on a comparison of a large code."""
    return mark_safe(changed_articles_html(changes))  # safe: built from escaped parts
