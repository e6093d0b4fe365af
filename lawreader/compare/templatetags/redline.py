"""`{% change entry %}`: a provision's change as its history page shows it (compare/redline_html.py; the comparison
page writes its changes in its view)."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from lawreader.compare.redline_html import Redline, change_html

register = template.Library()


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
