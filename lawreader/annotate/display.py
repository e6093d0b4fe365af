"""How notes appear beside the text: rendered, checked for staleness, their quotes found again.

A layer in the eRegulations sense: it takes the reader's tree and the edition, and decorates each node.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from lawreader.annotate.anchoring import Selector, anchor
from lawreader.annotate.rendering import provision_href, render_body
from lawreader.references import LINK_ACT, LINK_MISSING, LINK_REFERENCE, LINK_TERM
from lawreader.store.models.annotations import kind_name


@dataclass
class NoteView:
    annotation: object
    html: str
    stale: bool = False
    quote_found: bool | None = None  # None: the note quotes nothing


@dataclass
class Link:
    kind: str  # a LINK_ kind of lawreader.references
    eid: str = ""  # the provision it names in this edition
    href: str = ""  # where it leads ("" for a missing or external reference)

    @property
    def is_term(self):
        return self.kind == LINK_TERM

    @property
    def is_act(self):
        return self.kind == LINK_ACT

    @property
    def is_missing(self):
        return self.kind == LINK_MISSING


@dataclass
class Segment:
    text: str
    note_id: int | None = None  # the note whose quote this segment is
    link: Link | None = None  # the reference or defined term this segment is


@dataclass
class Decoration:
    notes: list = field(default_factory=list)
    segments: list = field(default_factory=list)

    @property
    def note_kinds(self):
        """What the notes are, each kind once, in their order: "commentary, definition" for a folded summary."""
        return list(dict.fromkeys(kind_name(view.annotation.kind).lower() for view in self.notes))


def decorate(node, revision, permalink_base, language_query=""):
    """Attach `display` (NoteView list and text segments) to `node` and its descendants; returns the eids of the
    definitions the text's defined terms link to, for the page to include."""
    stack, terms = [node], set()
    while stack:
        current = stack.pop()
        provision = current.provision
        stack.extend(current.children)
        if not current.notes and not provision.links:  # most of a law's text: one plain segment
            current.display = Decoration(segments=[Segment(provision.text)] if provision.text else [])
            continue
        views = [note_view(note, provision, revision, permalink_base) for note in current.notes]
        links = [link_at(stored, permalink_base, language_query, revision.valid_from) for stored in provision.links]
        terms.update(link.eid for _start, _end, link in links if link.kind == LINK_TERM)
        current.display = Decoration(notes=views, segments=segments(provision.text, views, links))
    return terms


def link_at(stored, permalink_base, language_query, date):
    """A stored link [start, end, kind, target] as (start, end, Link)."""
    start, end, kind, target = stored
    if kind in (LINK_REFERENCE, LINK_TERM):
        href = provision_href(target, permalink_base, language_query)
    elif kind == LINK_ACT:
        href = act_href(target, date)
    else:
        href = ""
    return start, end, Link(kind, target, href)


def act_href(target, date):
    """Another law of the library ("slug"), or one of its provisions ("slug/art_44") as in force on the date of the
    edition that cites it."""
    slug, _slash, eid = target.partition("/")
    if not eid:
        return reverse("reader:law", args=[slug])
    return provision_href(eid, reverse("reader:edition", args=[slug, date]), "")


def note_view(note, provision, revision, permalink_base):
    stale = bool(note.content_hash) and note.revision_id != revision.pk and note.content_hash != provision.content_hash
    view = NoteView(note, render_body(note.body, permalink_base), stale=stale)
    if note.quote_exact:
        view.quote_found = False  # set by segments() when the quote is found again
    return view


def as_written(notes, permalink_base):
    """Notes shown as written for their own edition (amendment notes beside a comparison): no staleness, no quotes."""
    return [NoteView(note, render_body(note.body, permalink_base)) for note in notes]


def segments(text, views, links=()):
    """The provision's text split so each re-anchored quote and each link is its own segment. Overlapping quotes
    keep the first; a link that overlaps a quote gives way to it."""
    marks = []  # (start, end, note id, link)
    for view in views:
        if view.quote_found is None:
            continue
        note = view.annotation
        found = anchor(text, Selector(note.quote_exact, note.quote_prefix, note.quote_suffix, note.quote_start))
        if found and not overlaps(marks, found.start, found.end):
            marks.append((found.start, found.end, note.pk, None))
            view.quote_found = True
    for start, end, link in links:
        if 0 <= start < end <= len(text) and not overlaps(marks, start, end):
            marks.append((start, end, None, link))
    if not marks:
        return [Segment(text)] if text else []
    pieces, position = [], 0
    for start, end, note_id, link in sorted(marks, key=lambda mark: mark[0]):
        if start > position:
            pieces.append(Segment(text[position:start]))
        pieces.append(Segment(text[start:end], note_id, link))
        position = end
    if position < len(text):
        pieces.append(Segment(text[position:]))
    return pieces


def overlaps(marks, start, end):
    return any(start < mark_end and mark_start < end for mark_start, mark_end, _note, _link in marks)
