"""`{% search_result result %}` and `{% search_group group %}`: the results page's items (search/results_html.py);
`{% search_options choices value %}`: a filter's options."""

from django import template
from django.utils.safestring import mark_safe

from lawreader.search.results_html import group_html, options_html, result_html

register = template.Library()


@register.simple_tag
def search_result(result):
    # Safe: built from escaped parts and the backend's escaped snippet.
    return mark_safe(result_html(result))


@register.simple_tag
def search_group(group):
    return mark_safe(group_html(group))


@register.simple_tag
def search_options(choices, value):
    return mark_safe(options_html(choices, value))
