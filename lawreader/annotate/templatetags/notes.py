"""`{% note view %}`: a note as every page shows it (annotate/note_html.py)."""

from django import template
from django.utils.safestring import mark_safe

from lawreader.annotate.note_html import NotePlace, note_html

register = template.Library()


@register.simple_tag(takes_context=True)
def note(context, view, revision=None):
    """The note beside the text of `revision` (by default the page's edition)."""
    revision = revision or context["revision"]
    perms = context.get("perms")
    place = NotePlace(
        revision.law.slug if revision else "",
        revision,
        context.get("language_query", ""),
        can_edit=bool(perms) and "store.change_annotation" in perms and not context.get("preview"),
    )
    # Safe: built from escaped parts and the note's sanitized Markdown.
    return mark_safe(note_html(view, place))
