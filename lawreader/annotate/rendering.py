"""Annotation bodies: Markdown in, safe HTML out, with links to provisions resolved for the edition being read."""

import re

import nh3
from markdown_it import MarkdownIt

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


def provision_href(eid, permalink_base):
    """The permalink of `eid` in the edition being read; a malformed eid links nowhere rather than anywhere."""
    if not EID_RE.match(eid):
        return ""
    return f"{permalink_base}{eid}/" if permalink_base else f"#{eid}"
