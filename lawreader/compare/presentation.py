"""Lays a change tree out for the page, without touching the diff's own objects: runs of unchanged provisions
fold together."""

from dataclasses import dataclass, field

from lawreader import vocabulary

# Inside an article, unchanged neighbours are shown folded with their text, as context for the change.
CONTEXT_KINDS = {vocabulary.PART, vocabulary.ITEM, vocabulary.TEXT}


@dataclass
class Row:
    kind: str  # "change" | "unchanged"
    view: "ChangeView | None" = None  # a change and what is below it
    nodes: list = field(default_factory=list)  # DiffNodes of an unchanged run
    with_text: bool = False  # the run carries its text (folded), or only a summary and a link


@dataclass
class ChangeView:
    """A change as the page lays it out: its children in rows, runs of unchanged provisions folded together."""

    change: object
    rows: list


def present(change, show_all):
    """The change and everything below it, laid out in rows."""
    if change.children:
        rows = rows_of(change.children, show_all)
    elif change.status == "moved" and change.new.children:
        # Moved with an identical subtree: the diff has nothing below it, the reader still wants the text.
        rows = [Row("unchanged", nodes=list(change.new.children), with_text=True)]
    else:
        rows = []
    return ChangeView(change, rows)


def rows_of(children, show_all):
    rows = []
    for child in children:
        skipped = child.status == "unchanged" and not child.children
        if not skipped:
            rows.append(Row("change", view=present(child, show_all)))
        elif rows and rows[-1].kind == "unchanged":
            rows[-1].nodes.append(child.new)
        else:
            rows.append(Row("unchanged", nodes=[child.new], with_text=show_all or child.new.kind in CONTEXT_KINDS))
    return rows
