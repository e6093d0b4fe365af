"""`{% provision node %}`: a provision and everything in it, as every page prints the law (reader/text_html.py)."""

from django import template
from django.utils.safestring import mark_safe

from lawreader.reader.text_html import PageText, contents_html, provision_html

register = template.Library()


def page_text(context):
    """The page's PageText, made once per rendering however many provisions the page includes."""
    cache = context.render_context
    if "page_text" not in cache:
        perms = context.get("perms")
        cache["page_text"] = PageText(
            context["law"],
            context["revision"],
            context["permalink_base"],
            context.get("language_query", ""),
            can_annotate=bool(perms) and "store.add_annotation" in perms,
            can_edit_notes=bool(perms) and "store.change_annotation" in perms and not context.get("preview"),
        )
    return cache["page_text"]


@register.simple_tag(takes_context=True)
def provision(context, node):
    return mark_safe(provision_html(node, page_text(context)))  # safe: built from escaped parts


@register.simple_tag
def contents(toc, current_eid=""):
    return mark_safe(contents_html(toc, current_eid))  # safe: built from escaped parts
