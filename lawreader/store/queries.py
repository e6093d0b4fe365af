"""Query helpers every layer shares."""

import json

from django.db.models import F, Lookup


class Among(Lookup):
    """`field` is one of many values, sent as one parameter — an array on PostgreSQL, a JSON list that SQLite reads
    with json_each — not as `IN (%s, %s, …)`: SQLite refuses more than 32,766 parameters in one statement (a whole
    code has more provisions than that) and PostgreSQL plans long lists slowly. The values are strings or numbers,
    of the field's type."""

    lookup_name = "among"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*params, values]
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(values)]


def rows_among(queryset, field, values):
    """The rows of `queryset` whose `field` is one of `values`, as a list, filtered by the database."""
    return list(queryset.filter(Among(F(field), set(values)))) if values else []
