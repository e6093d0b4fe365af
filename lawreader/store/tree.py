"""All writes to the provision tree happen here, in bulk and inside the caller's transaction.

Paths are computed the way treebeard computes them (fixed-width steps in its alphabet), so a whole revision is
inserted with one bulk_create instead of one INSERT and one parent UPDATE per node.
"""

from django.db import connection

from lawreader.store.models import Provision

BATCH_SIZE = 2000
BULK_LOAD = 5000


def path_step(position):
    """The path segment for the child at 1-based `position` among its siblings."""
    key = Provision._int2str(position)
    if len(key) > Provision.steplen:
        raise ValueError(f"a provision has more than {len(Provision.alphabet) ** Provision.steplen - 1} children")
    return Provision.alphabet[0] * (Provision.steplen - len(key)) + key


def next_root_path():
    last_root = Provision.objects.filter(depth=1).order_by("-path").values_list("path", flat=True).first()
    position = Provision._str2int(last_root) + 1 if last_root else 1
    return path_step(position)


def build_rows(revision, document, progress=None):
    """Provision rows (unsaved) for a parsed document tree, in document order, with paths and depths set.

    `document` is any object with kind, number, heading, text, eid, content_hash and children.
    """
    rows = []
    stack = [(document, next_root_path(), 1)]
    while stack:
        node, path, depth = stack.pop()
        rows.append(
            Provision(
                revision=revision,
                path=path,
                depth=depth,
                numchild=len(node.children),
                kind=node.kind,
                number=node.number,
                heading=node.heading,
                text=node.text,
                eid=node.eid,
                content_hash=node.content_hash,
            )
        )
        # Reversed so the first child is popped first: rows come out in document (path) order.
        for position in range(len(node.children), 0, -1):
            stack.append((node.children[position - 1], path + path_step(position), depth + 1))
        if progress and len(rows) % 5000 == 0:
            progress(len(rows))
    return rows


def insert_tree(revision, document, progress=None, prepare=None):
    """Insert a revision's whole tree. The revision must have no tree yet. `prepare(rows)` may fill in fields
    worked out from the whole tree (its links) before the rows are written."""
    rows = build_rows(revision, document, progress)
    if prepare is not None:
        prepare(rows)
    Provision.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    if len(rows) > BULK_LOAD and connection.vendor == "postgresql":
        # Fresh statistics after a bulk load, or the planner guesses (PostgreSQL's advice for bulk loads).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Provision._meta.db_table}")
    return len(rows)


def delete_tree(revision):
    """Remove a revision's whole tree. Whole trees only: no parent's numchild needs fixing."""
    # The plain QuerySet.delete: treebeard's version walks every node to repair parents we are deleting too.
    queryset = Provision.objects.of_revision(revision)
    return super(type(queryset), queryset).delete()[0]
