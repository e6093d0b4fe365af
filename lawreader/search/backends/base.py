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


def scope_branches(scope, alias="e"):
    """The scope as separate conditions (the law's text in these editions; these laws' notes), each of which an
    index can serve on its own. Every branch also carries the language. [(sql, params), …]"""
    branches = []
    if scope.in_text and scope.revision_ids:
        condition = f"{alias}.annotation_id IS NULL AND {alias}.revision_id IN ({placeholders(scope.revision_ids)})"
        params = list(scope.revision_ids)
        if scope.kinds:
            condition += f" AND {alias}.kind IN ({placeholders(scope.kinds)})"
            params += list(scope.kinds)
        branches.append((condition, params))
    if scope.in_annotations and scope.law_ids:
        condition = f"{alias}.annotation_id IS NOT NULL AND {alias}.law_id IN ({placeholders(scope.law_ids)})"
        branches.append((condition, list(scope.law_ids)))
    return [(f"{sql} AND {alias}.language = %s", [*params, scope.language]) for sql, params in branches]


def scope_sql(scope, alias="e"):
    """The branches as one WHERE condition."""
    branches = scope_branches(scope, alias)
    if not branches:
        return "1 = 0", []
    condition = " OR ".join(f"({sql})" for sql, _params in branches)
    return f"({condition})", [p for _sql, params in branches for p in params]


def placeholders(values):
    return ", ".join(["%s"] * len(values))
