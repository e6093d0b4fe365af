"""`{% search_results results %}` and `{% search_groups groups %}`: the results page's items (search/results_html.py);
`{% search_options choices value %}`: a filter's options."""

from django import template
from django.utils.safestring import mark_safe

from lawreader.search.results_html import groups_html, options_html, results_html

register = template.Library()


@register.simple_tag
def search_results(results):
    # Safe: built from escaped parts and the backend's escaped snippet.
    return mark_safe(results_html(results))


@register.simple_tag
def search_groups(groups):
    return mark_safe(groups_html(groups))


@register.simple_tag
def search_options(choices, value):
    return mark_safe(options_html(choices, value))
