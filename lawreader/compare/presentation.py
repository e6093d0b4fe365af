"""Shapes a change tree for the page: runs of unchanged provisions fold together."""

from dataclasses import dataclass, field

from lawreader.store.models.provisions import provision_label

# Inside an article, unchanged neighbours are shown folded with their text, as context for the change.
CONTEXT_KINDS = {"paragraph", "subparagraph", "text"}


@dataclass
class Row:
    kind: str  # "change" | "unchanged"
    change: object = None
    nodes: list = field(default_factory=list)  # DiffNodes of an unchanged run
    with_text: bool = False  # the run carries its text (folded), or only a summary and a link


def prepare(change, show_all):
    """Set `rows` on `change` and on every change below it."""
    stack = [change]
    while stack:
        current = stack.pop()
        if current.children:
            current.rows = rows_of(current.children, show_all)
        elif current.status == "moved" and current.new.children:
            # Moved with an identical subtree: the diff has nothing below it, the reader still wants the text.
            current.rows = [Row("unchanged", nodes=list(current.new.children), with_text=True)]
        else:
            current.rows = []
        stack.extend(current.children)


def rows_of(children, show_all):
    rows = []
    for child in children:
        skipped = child.status == "unchanged" and not child.children
        if not skipped:
            rows.append(Row("change", change=child))
        elif rows and rows[-1].kind == "unchanged":
            rows[-1].nodes.append(child.new)
        else:
            rows.append(Row("unchanged", nodes=[child.new], with_text=show_all or child.new.kind in CONTEXT_KINDS))
    return rows


def label(node):
    """'Article 9', 'Chapter 2', 'item 20-1', 'part 1' for a DiffNode."""
    return provision_label(node.kind, node.number)
