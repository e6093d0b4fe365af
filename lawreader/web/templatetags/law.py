"""Template filters every page of the law uses: names of provisions."""

import re

from django import template
from django.utils.translation import gettext

from lawreader import vocabulary
from lawreader.store.models.provisions import interface_language
from lawreader.store.models.provisions import provision_label as label_of

register = template.Library()


@register.filter
def provision_label(node):
    """'Article 9', 'item 3' for anything with a kind and a number (a Provision, a DiffNode)."""
    return label_of(node.kind, node.number) if node is not None else ""


@register.filter
def run_summary(nodes, language=None):
    """'Article 3, Article 4' — or 'Article 3 … Article 9' for a long run (in `language`, else the interface's)."""
    language = language or interface_language()
    if len(nodes) <= 3:
        return ", ".join(label_of(node.kind, node.number, language) for node in nodes)
    first, last = nodes[0], nodes[-1]
    return f"{label_of(first.kind, first.number, language)} … {label_of(last.kind, last.number, language)}"


@register.filter
def eid_name(eid):
    """ "Article 9, part 1" for an eid, in the interface's language ("the law" for the document itself)."""
    return vocabulary.name(eid, interface_language()) if eid else gettext("the law")


@register.filter
def first_clause(text):
    """A note's opening up to its first ";" or ".": "Unofficial English translation prepared for Lawreader…"."""
    return re.split(r"[;.]\s", text or "", maxsplit=1)[0]
