"""The law's text as HTML, written in Python: a class per kind of provision (what its heading and number look
like), one walk over the tree. A 1,000-article code has 26,000 provisions; as recursive template includes they
took ten seconds, here they take a fraction of one — and come out in chunks, so a whole edition streams.

Every page that shows the text uses this (the `provision` template tag wraps it), so they all print it alike."""

from html import escape

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lawreader import vocabulary
from lawreader.annotate.note_html import NotePlace, note_html


class PageText:
    """What every provision on one page shares: the edition, its links, the reader's rights, the interface's words
    (translated once per page, not once per provision)."""

    def __init__(self, law, revision, permalink_base, language_query="", can_annotate=False, can_edit_notes=False):
        self.law = law
        self.revision = revision
        self.permalink_base = permalink_base
        self.language_query = language_query
        self.annotate_base = reverse("admin:store_annotation_add") + f"?revision={revision.pk}&amp;target_eid="
        self.can_annotate = can_annotate
        self.notes = NotePlace(law.slug, revision, language_query, can_edit_notes)
        self.edition_date = date_format(revision.valid_from, "j F Y")
        self.permalink = escape(_("Permalink"))
        self.to = escape(_("to"))
        self.for_ = escape(_("for"))
        self.on = escape(_("on"))
        self.copy_citation = escape(_("Copy citation"))
        self.citation_copied = escape(_("Citation copied:"))
        self.annotate = escape(_("Annotate"))
        self.missing = escape(_("This edition has no such provision"))
        self.external = escape(_("Another act, not in this library"))
        self.citation_format = _("Law %(number)s, %(pin)s (edition of %(date)s)")

    def citation_of(self, pin):
        return self.citation_format % {
            "number": self.law.number,
            "pin": pin,
            "date": self.edition_date,
        }


class ProvisionHTML:
    """A provision of any kind: its text, its tools, what is in it, its notes. Kinds differ in heading and number."""

    has_tools = True

    def heading(self, node, page):
        return ""

    def number(self, provision):
        return ""

    def write(self, node, page, out):
        """Append the provision and everything in it to `out`, a list of strings."""
        provision = node.provision
        eid = provision.eid
        pin = node.citation
        citation = pin or provision.label
        out.append(f'\n<div class="provision provision--{provision.kind}" id="{eid}">\n  ')
        out.append(self.heading(node, page))
        out.append("\n  ")
        if provision.text:
            out.append('<p class="provision-text">')
            out.append(self.number(provision))
            out.append(segments_html(node.display.segments, page))
            out.append("</p>")
        out.append("\n  ")
        if self.has_tools:
            out.append(tools_html(eid, pin, escape(citation), page))
        out.append("\n  ")
        for child in node.children:
            RENDERERS.get(child.provision.kind, DEFAULT).write(child, page, out)
        out.append("\n  ")
        if node.display.notes and provision.kind != vocabulary.TEXT:
            out.append(notes_html(node, eid, citation, page))
        # An unnumbered paragraph is often the lead-in to the items after it: its notes wait until they have been read.
        for child in node.children:
            if child.provision.kind == vocabulary.TEXT and child.display.notes:
                out.append(notes_html(child, child.provision.eid, child.citation or child.provision.label, page))
        out.append("\n</div>\n")


class HeadedHTML(ProvisionHTML):
    """Sections, chapters, articles: "Article 9-1. Heading", the label as the law prints it in its own language."""

    def heading(self, node, page):
        provision = node.provision
        level = node.heading_level
        label = vocabulary.label(provision.kind, provision.number, page.revision.language)
        return (
            f'<h{level} class="provision-heading"><span class="provision-number">{escape(label)}.</span> '
            f"{escape(provision.heading)}</h{level}>"
        )


class NamedHTML(ProvisionHTML):
    """An attachment or a code's division, named by its own title ("Соглашение …", "ОБЩАЯ ЧАСТЬ"): its number is
    only our count."""

    def heading(self, node, page):
        provision = node.provision
        level = node.heading_level
        name = provision.heading or vocabulary.label(provision.kind, provision.number, page.revision.language)
        return f'<h{level} class="provision-heading provision-heading--attachment">{escape(name)}</h{level}>'


class PartHTML(ProvisionHTML):
    def number(self, provision):
        return f'<span class="provision-number">{escape(provision.number)}.</span> '


class ItemHTML(ProvisionHTML):
    def number(self, provision):
        return f'<span class="provision-number">{escape(provision.number)})</span> '


class UnnumberedHTML(ProvisionHTML):
    """An unnumbered paragraph: no tools of its own (its provision's serve it)."""

    has_tools = False


DEFAULT = ProvisionHTML()
RENDERERS = {
    vocabulary.ATTACHMENT: NamedHTML(),
    vocabulary.DIVISION: NamedHTML(),
    vocabulary.SECTION: HeadedHTML(),
    vocabulary.SUBSECTION: HeadedHTML(),
    vocabulary.CHAPTER: HeadedHTML(),
    vocabulary.SUBCHAPTER: HeadedHTML(),
    vocabulary.ARTICLE: HeadedHTML(),
    vocabulary.PART: PartHTML(),
    vocabulary.ITEM: ItemHTML(),
    vocabulary.TEXT: UnnumberedHTML(),
}


def segments_html(segments, page):
    """The text, with each quote a note marks and each reference and defined term linked."""
    out = []
    for segment in segments:
        text = escape(segment.text)
        if segment.note_id is not None:
            note = segment.note_id
            out.append(f'<mark class="quote" id="quote-{note}"><a href="#note-{note}">{text}</a></mark>')
        elif segment.link is None:
            out.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>"))
        else:
            link = segment.link
            if link.is_term:
                out.append(
                    f'<a class="defined-term" href="{link.href}" aria-describedby="definition-{link.eid}">{text}</a>'
                )
            elif link.href:
                kind = "reference reference--act" if link.is_act else "reference"
                out.append(f'<a class="{kind}" href="{link.href}">{text}</a>')
            elif link.is_missing:
                out.append(f'<span class="reference reference--missing" title="{page.missing}">{text}</span>')
            else:
                out.append(f'<span class="reference reference--external" title="{page.external}">{text}</span>')
    return "".join(out)


def tools_html(eid, pin, citation, page):
    pin = escape(page.citation_of(pin))
    tools = (
        '<p class="provision-tools">\n'
        f'    <a class="permalink" href="{page.permalink_base}{eid}/{page.language_query}">{page.permalink}'
        f'<span class="visually-hidden"> {page.to} {citation}</span></a>\n'
        f'    <button type="button" class="copy-citation" data-copied="{page.citation_copied}" data-citation="{pin}" '
        f'hidden>{page.copy_citation}<span class="visually-hidden"> {page.for_} {citation}</span></button>\n'
    )
    if page.can_annotate:
        tools += (
            f'    <a class="annotate-link" href="{page.annotate_base}{eid}">{page.annotate}'
            f'<span class="visually-hidden"> {citation}</span></a>\n'
        )
    return tools + "  </p>"


def notes_html(node, eid, citation, page):
    notes = node.display.notes
    count = ngettext("%(counter)s note", "%(counter)s notes", len(notes)) % {"counter": len(notes)}
    kinds = escape(", ".join(node.display.note_kinds))
    return (
        f'<details class="provision-notes" data-for="{eid}">\n'
        f'    <summary>{escape(count)}: {kinds}<span class="visually-hidden"> {page.on} {escape(citation)}</span>'
        "</summary>\n    " + "".join(note_html(view, page.notes) for view in notes) + "\n  </details>"
    )


def provision_html(node, page):
    """One provision and everything in it, as one string."""
    out = []
    RENDERERS.get(node.provision.kind, DEFAULT).write(node, page, out)
    return "".join(out)


def contents_html(nodes, current_eid="", nested=False):
    """A table of contents: an entry per chapter and article (a thousand in a large code), each linked, with the
    number of notes on it."""
    out = []
    for node in nodes:
        provision = node.provision
        kind = provision.kind
        if kind == vocabulary.PREAMBLE:
            name = provision.label
        elif kind == vocabulary.DIVISION:
            name = provision.heading
        elif kind == vocabulary.ARTICLE and nested and provision.heading:
            name = f"{provision.number}. {provision.heading}"
        else:
            name = f"{provision.label}. {provision.heading}" if provision.heading else provision.label
        current = ' aria-current="location"' if provision.eid == current_eid else ""
        count = ""
        if node.note_count:
            notes = ngettext("%(counter)s note", "%(counter)s notes", node.note_count) % {"counter": node.note_count}
            count = f' <span class="note-count">{escape(notes)}</span>'
        children = f"<ol>{contents_html(node.children, current_eid, True)}</ol>" if node.children else ""
        out.append(
            f'\n      <li class="toc-{kind}">\n        <a href="{node.href}"{current}>{escape(name)}{count}</a>\n'
            f"        {children}\n      </li>\n"
        )
    return "".join(out)
