"""How notes appear beside the text: rendered, checked for staleness, their quotes found again.

A layer in the eRegulations sense: it takes the reader's tree and the edition, and decorates each node.
"""

from dataclasses import dataclass, field

from lawreader.annotate.anchoring import Selector, anchor
from lawreader.annotate.rendering import render_body


@dataclass
class NoteView:
    annotation: object
    html: str
    stale: bool = False
    quote_found: bool | None = None  # None: the note quotes nothing


@dataclass
class Segment:
    text: str
    note_id: int | None = None  # the note whose quote this segment is


@dataclass
class Decoration:
    notes: list = field(default_factory=list)
    segments: list = field(default_factory=list)


def decorate(node, revision, permalink_base):
    """Attach `display` (NoteView list and text segments) to `node` and its descendants."""
    stack = [node]
    while stack:
        current = stack.pop()
        provision = current.provision
        views = [note_view(note, provision, revision, permalink_base) for note in current.notes]
        current.display = Decoration(notes=views, segments=segments(provision.text, views))
        stack.extend(current.children)


def note_view(note, provision, revision, permalink_base):
    stale = bool(note.content_hash) and note.revision_id != revision.pk and note.content_hash != provision.content_hash
    view = NoteView(note, render_body(note.body, permalink_base), stale=stale)
    if note.quote_exact:
        view.quote_found = False  # set by segments() when the quote is found again
    return view


def as_written(notes, permalink_base):
    """Notes shown as written for their own edition (amendment notes beside a comparison): no staleness, no quotes."""
    return [NoteView(note, render_body(note.body, permalink_base)) for note in notes]


def segments(text, views):
    """The provision's text split so each re-anchored quote is its own segment; overlapping quotes keep the first."""
    anchors = []
    for view in views:
        if view.quote_found is None:
            continue
        note = view.annotation
        found = anchor(text, Selector(note.quote_exact, note.quote_prefix, note.quote_suffix, note.quote_start))
        if found and not any(found.start < end and start < found.end for start, end, _id in anchors):
            anchors.append((found.start, found.end, note.pk))
            view.quote_found = True
    if not anchors:
        return [Segment(text)] if text else []
    pieces, position = [], 0
    for start, end, note_id in sorted(anchors):
        if start > position:
            pieces.append(Segment(text[position:start]))
        pieces.append(Segment(text[start:end], note_id))
        position = end
    if position < len(text):
        pieces.append(Segment(text[position:]))
    return pieces
