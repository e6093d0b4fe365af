"""Trees of the law from rows in document order (each row knows its depth): the one stack every tree here is built
with — the reader's pages, the diff's editions and the search index's breadcrumbs."""

from dataclasses import dataclass, field
from operator import attrgetter

from lawreader import vocabulary


def with_ancestors(rows, depth):
    """Each row with the rows it sits in, outermost first: (row, ancestors)."""
    stack = []
    for row in rows:
        while stack and depth(stack[-1]) >= depth(row):
            stack.pop()
        yield row, tuple(stack)
        stack.append(row)


def build(rows, depth, make_node):
    """Nest `rows` into a tree and return its top nodes. `make_node(row, ancestors, children)` is called once a
    row's children are built, so nodes may be immutable. (with_ancestors' stack, walked in the same loop: a whole
    edition is tens of thousands of rows.)"""
    top, open_rows = [], []  # open_rows: (depth, row, ancestors, children) down the current branch

    def close():
        _depth, row, ancestors, children = open_rows.pop()
        (open_rows[-1][3] if open_rows else top).append(make_node(row, ancestors, children))

    for row in rows:
        level = depth(row)
        while open_rows and open_rows[-1][0] >= level:
            close()
        ancestors = (*open_rows[-1][2], open_rows[-1][1]) if open_rows else ()
        open_rows.append((level, row, ancestors, []))
    while open_rows:
        close()
    return top


@dataclass
class OutlineNode:
    """A provision as a page shows it."""

    provision: object  # a Provision, or a ContentsEntry in a table of contents
    children: list
    heading_level: int  # the HTML heading level of a chapter or article
    notes: list = field(default_factory=list)  # the notes shown beside it
    display: object = None  # the notes rendered and the text split around their quotes (annotate/display.py)
    href: str = ""  # in a table of contents: where its entry leads
    note_count: int = 0  # in a table of contents: notes on it and everything in it

    @property
    def citation(self):
        """ "Art. 9, item 20-1": the pinpoint a lawyer writes (worked out when a page shows it, not for every
        entry of a thousand-article table of contents)."""
        return vocabulary.citation(self.provision.eid)


def outline(provisions, notes_by_eid=None, top_heading_level=2):
    """The provisions (in document order) as OutlineNodes with their notes; chapters and articles get heading
    levels from `top_heading_level` down, so headings stay in order. Returns the top nodes."""
    notes_by_eid = notes_by_eid or {}

    def make_node(provision, ancestors, children):
        headed = sum(1 for ancestor in ancestors if ancestor.kind in vocabulary.HEADED_KINDS)
        return OutlineNode(provision, children, top_heading_level + headed, notes_by_eid.get(provision.eid, []))

    return build(provisions, attrgetter("depth"), make_node)


def walk(nodes):
    """Every node of these trees, depth first, in document order."""
    for node in nodes:
        yield node
        yield from walk(node.children)
