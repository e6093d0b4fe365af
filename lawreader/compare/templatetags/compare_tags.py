from django import template

from lawreader.compare import presentation

register = template.Library()


@register.filter
def provision_label(node):
    return presentation.label(node) if node is not None else ""


@register.filter
def run_summary(nodes):
    labels = [presentation.label(node) for node in nodes]
    if len(labels) <= 3:
        return ", ".join(labels)
    return f"{labels[0]} … {labels[-1]}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, ()) if mapping else ()
