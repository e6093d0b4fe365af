from dataclasses import dataclass, field


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
    entry_id: int
    snippet: str = ""  # safe HTML: the text escaped, matched words in <mark>


@dataclass
class BackendResult:
    hits: list = field(default_factory=list)
    total: int = 0  # at most COUNT_LIMIT + 1: more means "more than COUNT_LIMIT"


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
        condition = f"e.annotation_id IS NULL AND e.revision_id IN ({placeholders(scope.revision_ids)})"
        params = list(scope.revision_ids)
        if scope.kinds:
            condition += f" AND e.kind IN ({placeholders(scope.kinds)})"
            params += list(scope.kinds)
        branches.append(Branch(False, condition, params))
    if scope.in_annotations and scope.law_ids:
        condition = f"e.annotation_id IS NOT NULL AND e.law_id IN ({placeholders(scope.law_ids)})"
        branches.append(Branch(True, condition, list(scope.law_ids)))
    return [Branch(b.notes, f"{b.sql} AND e.language = %s", [*b.params, scope.language]) for b in branches]


def placeholders(values):
    return ", ".join(["%s"] * len(values))
