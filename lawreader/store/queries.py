"""Query helpers every layer shares."""

# Longer lists of values are not sent as `IN (…)`: SQLite refuses more than 32,766 parameters in one statement
# (a whole code has more provisions than that) and PostgreSQL plans huge lists slowly.
MAX_IN_LIST = 500


def rows_among(queryset, field, values):
    """The rows of `queryset` whose `field` is one of `values`, as a list: filtered by the database when the
    values are few, else read whole and filtered here (the callers' querysets are bounded by one edition)."""
    values = set(values)
    if len(values) <= MAX_IN_LIST:
        return list(queryset.filter(**{f"{field}__in": values}))
    return [row for row in queryset if getattr(row, field) in values]
