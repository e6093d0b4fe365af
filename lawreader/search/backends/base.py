from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS

from lawreader.search.models import SearchEntry
from lawreader.store.models import Annotation
from lawreader.store.models.annotations import AnnotationStatus


@dataclass
class Scope:
    """What to search: these revisions' provisions and these laws' notes, in one language."""

    revision_ids: list
    law_ids: list
    language: str
    kinds: list | None = None  # provision kinds to keep; None for all
    in_text: bool = True
    in_annotations: bool = True


@dataclass
class Hit:
    entry: SearchEntry  # read with the page's rows, without its text (PAGE_ENTRY_FIELDS)
    snippet: str = ""  # safe HTML: the text escaped, matched words in <mark>


@dataclass
class BackendResult:
    hits: list = field(default_factory=list)
    total: int = 0  # at most COUNT_LIMIT + 1: more means "more than COUNT_LIMIT"


# A page's entries are read with its rows (alias `e`): all that a result shows, but not the text the snippet came from.
PAGE_ENTRY_FIELDS = [field.attname for field in SearchEntry._meta.concrete_fields if field.name != "text"]
PAGE_ENTRY_COLUMNS = ", ".join(f"e.{name}" for name in PAGE_ENTRY_FIELDS)
# Drafts never show, even if the index still holds a note unpublished behind the store's back (raw SQL).
PUBLISHED_ONLY = (
    f"NOT EXISTS (SELECT 1 FROM {Annotation._meta.db_table} note "
    f"WHERE note.id = e.annotation_id AND note.status <> '{AnnotationStatus.PUBLISHED}')"
)


def page_entry(values):
    """The SearchEntry of a page's row, from its PAGE_ENTRY_COLUMNS (its text deferred)."""
    return SearchEntry.from_db(DEFAULT_DB_ALIAS, PAGE_ENTRY_FIELDS, values)


# Counting every match of a very common word costs more than ranking the page; past this, "more than" is enough.
COUNT_LIMIT = 1000


@dataclass
class Branch:
    """One part of a scope that an index can serve on its own, as a condition on the entries (alias `e`)."""

    notes: bool  # these laws' notes, or else the law's text in these editions
    sql: str
    params: list


def scope_branches(scope):
    """The scope as separate branches (the law's text in these editions; these laws' notes). Every branch also
    carries the language."""
    branches = []
    if scope.in_text and scope.revision_ids:
        # The editions' ids typed as the column is: PostgreSQL's index of the text by edition and words (btree_gin)
        # has no operator comparing a bigint with a plain integer, and would leave the editions out of its scan.
        editions = placeholders(scope.revision_ids, "CAST(%s AS bigint)")
        condition = f"e.annotation_id IS NULL AND e.revision_id IN ({editions})"
        params = list(scope.revision_ids)
        if scope.kinds:
            condition += f" AND e.kind IN ({placeholders(scope.kinds)})"
            params += list(scope.kinds)
        branches.append(Branch(False, condition, params))
    if scope.in_annotations and scope.law_ids:
        condition = f"e.annotation_id IS NOT NULL AND e.law_id IN ({placeholders(scope.law_ids)})"
        branches.append(Branch(True, condition, list(scope.law_ids)))
    return [Branch(b.notes, f"{b.sql} AND e.language = %s", [*b.params, scope.language]) for b in branches]


def placeholders(values, placeholder="%s"):
    return ", ".join([placeholder] * len(values))
