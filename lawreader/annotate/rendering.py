"""Annotation bodies: Markdown in, safe HTML out, with links to provisions resolved for the edition being read."""

import functools
import html
import re

import nh3
from django.utils.html import strip_tags
from markdown_it import MarkdownIt

from lawreader import vocabulary

EID_SCHEME = "eid:"
EID_RE = re.compile(r"^[a-z0-9_-]+$")
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h4",
    "h5",
    "h6",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# Raw HTML in the Markdown is shown as text, never passed through; nh3 then enforces an allow-list anyway.
markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(["image"])


@functools.lru_cache(maxsize=20_000)  # a page of a large law shows thousands of notes; most are the same next time
def render_body(body, permalink_base=""):
    """Sanitized HTML for an annotation body. `[Article 6](eid:art_6)` links to `permalink_base + "art_6/"`."""
    tokens = markdown.parse(body or "")
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open" and str(child.attrGet("href") or "").startswith(EID_SCHEME):
                child.attrSet("href", provision_href(str(child.attrGet("href"))[len(EID_SCHEME) :], permalink_base))
    html = markdown.renderer.render(tokens, markdown.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )


@functools.lru_cache(maxsize=65536)  # a large law's page links the same provisions thousands of times
def provision_href(eid, permalink_base, language_query=""):
    """Where `eid` is read in the edition whose pages start at `permalink_base`: its own page for an article or a
    grouping, else its article's page scrolled to it (where its permalink would redirect); "#eid" on the page itself
    when there is no base, and nowhere for a malformed eid."""
    if not EID_RE.match(eid):
        return ""
    if not permalink_base:
        return f"#{eid}"
    article = vocabulary.enclosing(eid, vocabulary.ARTICLE)
    if article and article != eid:
        return f"{permalink_base}{article}/{language_query}#{eid}"
    return f"{permalink_base}{eid}/{language_query}"


# A line of words and plain punctuation that opens with a letter, or with a number that no "." or ")" follows:
# Markdown reads nothing in it but text. No emphasis, link, code, entity, escape or tag starts without one of the
# characters left out, and no list, heading, quotation, code block or rule starts a line that opens so.
MARKUP_FREE_LINE = r"(?:(?:[^\W\d_]|\d+(?![\d.)]))(?:[^\W_]|[ \xa0.,;:()'\"«»–—/№%?-])*)?"
MARKUP_FREE_RE = re.compile(rf"{MARKUP_FREE_LINE}(?:\n{MARKUP_FREE_LINE})*")


def plain_text(body):
    """A note's words without its Markdown, as search shows them: "*Intelligence information*" → "Intelligence
    information". Most notes (an import's footnotes: thousands) have no Markdown in them, and are not rendered."""
    text = body if MARKUP_FREE_RE.fullmatch(body) else html.unescape(strip_tags(render_body(body)))
    return " ".join(text.split())
