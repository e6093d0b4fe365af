"""All writes to the provision tree happen here, in bulk and inside the caller's transaction.

Paths are computed the way treebeard computes them (fixed-width steps in its alphabet), so a whole revision is
inserted in one statement (store/bulk.py) instead of one INSERT and one parent UPDATE per node.
"""

import functools
from dataclasses import dataclass, field

from django.db import connection

from lawreader.store.bulk import insert_rows, json_column
from lawreader.store.models import Provision
from lawreader.store.triggers import inserts_counted_once

BULK_LOAD = 5000


@functools.cache
def path_step(position):
    """The path segment for the child at 1-based `position` among its siblings."""
    key = Provision._int2str(position)
    if len(key) > Provision.steplen:
        raise ValueError(f"a provision has more than {len(Provision.alphabet) ** Provision.steplen - 1} children")
    return Provision.alphabet[0] * (Provision.steplen - len(key)) + key


def next_root_path():
    # Every path starts with its root's, so the greatest path starts with the last root's: one step down the path
    # index, where looking for the last row of depth 1 read the whole last tree backwards to its root.
    last_path = Provision.objects.order_by("-path").values_list("path", flat=True).first()
    position = Provision._str2int(last_path[: Provision.steplen]) + 1 if last_path else 1
    return path_step(position)


@dataclass(slots=True)
class TreeRow:
    """A provision about to be inserted: its place in the tree (treebeard's path, depth and numchild) and its
    fields. Plain values, no model instance: a whole code is tens of thousands of them."""

    path: str
    depth: int
    numchild: int
    kind: str
    number: str
    heading: str
    text: str
    eid: str
    content_hash: str
    links: list = field(default_factory=list)
    cited_by: list = field(default_factory=list)

    def values(self, revision_id):
        """What the row stores, field by field in the order of FIELDS."""
        return (
            revision_id,
            self.path,
            self.depth,
            self.numchild,
            self.kind,
            self.number,
            self.heading,
            self.text,
            self.eid,
            self.content_hash,
            json_column(self.links),
            json_column(self.cited_by),
        )


FIELDS = (
    "revision",
    "path",
    "depth",
    "numchild",
    "kind",
    "number",
    "heading",
    "text",
    "eid",
    "content_hash",
    "links",
    "cited_by",
)


def build_rows(document, progress=None):
    """TreeRows for a parsed document tree, in document order, with paths and depths set.

    `document` is any object with kind, number, heading, text, eid, content_hash and children.
    """
    rows = []
    stack = [(document, next_root_path(), 1)]
    while stack:
        node, path, depth = stack.pop()
        children = node.children
        rows.append(
            TreeRow(
                path, depth, len(children), node.kind, node.number, node.heading, node.text, node.eid, node.content_hash
            )
        )
        # Reversed so the first child is popped first: rows come out in document (path) order.
        for position in range(len(children), 0, -1):
            stack.append((children[position - 1], path + path_step(position), depth + 1))
        if progress and len(rows) % 5000 == 0:
            progress(len(rows))
    return rows


def insert_tree(revision, document, progress=None, prepare=None):
    """Insert a revision's whole tree. The revision must have no tree yet. `prepare(rows)` may fill in fields
    worked out from the whole tree (its links) before the rows are written."""
    rows = build_rows(document, progress)
    if prepare is not None:
        prepare(rows)
    with inserts_counted_once(Provision, "revision_id = %s", [revision.pk]):
        insert_rows(Provision, FIELDS, (row.values(revision.pk) for row in rows))
    if len(rows) > BULK_LOAD and connection.vendor == "postgresql":
        # Fresh statistics after a bulk load, or the planner guesses (PostgreSQL's advice for bulk loads).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Provision._meta.db_table}")
    return len(rows)


def delete_tree(revision):
    """Remove a revision's whole tree. Whole trees only: no parent's numchild needs fixing."""
    # One statement. Not treebeard's delete, which reads every node to repair parents we are deleting too, nor
    # Django's, which (since something listens to every model's post_delete) reads every row as an instance to
    # announce it: tens of thousands for a large code. Whoever replaces a tree announces the edition once.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Provision._meta.db_table} WHERE revision_id = %s", [revision.pk])
        return cursor.rowcount
