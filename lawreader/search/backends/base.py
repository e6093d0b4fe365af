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
    total: int = 0


def scope_sql(scope, alias="e"):
    """The WHERE conditions and parameters every backend applies, as portable SQL."""
    parts, params = [], []
    allowed = []
    if scope.in_text and scope.revision_ids:
        revisions = ", ".join(["%s"] * len(scope.revision_ids))
        condition = f"({alias}.annotation_id IS NULL AND {alias}.revision_id IN ({revisions})"
        params += list(scope.revision_ids)
        if scope.kinds:
            condition += f" AND {alias}.kind IN ({', '.join(['%s'] * len(scope.kinds))})"
            params += list(scope.kinds)
        allowed.append(condition + ")")
    if scope.in_annotations and scope.law_ids:
        laws = ", ".join(["%s"] * len(scope.law_ids))
        allowed.append(f"({alias}.annotation_id IS NOT NULL AND {alias}.law_id IN ({laws}))")
        params += list(scope.law_ids)
    if not allowed:
        return "1 = 0", []
    parts.append("(" + " OR ".join(allowed) + ")")
    parts.append(f"{alias}.language = %s")
    params.append(scope.language)
    return " AND ".join(parts), params
