"""Many rows into one table in one go, the fastest way each database offers: COPY on PostgreSQL, one prepared
INSERT run for every row on SQLite.

For the writes of a whole edition (its provisions, its search entries), where building and preparing a model
instance per row cost more than the database's own work. The rows are tuples of what each column stores, so the
caller converts what a model field would (`json_column` for a JSONField). Like bulk_create, it sends no signals;
the database's triggers see the rows as they see any INSERT.
"""

import json

from django.db import connection
from django.utils import timezone


def json_column(value):
    """What a JSONField stores for `value`: Django writes it with json.dumps and its default separators. Most
    provisions link nothing and are cited by nothing: their empty list is written without encoding it."""
    return EMPTY_LIST if value == [] else json.dumps(value)


EMPTY_LIST = json.dumps([])


def new_row_defaults(model, fields):
    """(field names, values): the columns of `model` other than its primary key and `fields`, with what a new
    instance stores in them — the field's default, or now for an auto_now(_add) timestamp — as insert_rows takes
    them: the rows give their own values, the model keeps its defaults. One value per column for all the rows, so
    not for a default that must differ from row to row."""
    names, values = [], []
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key or model_field.name in fields or model_field.attname in fields:
            continue
        names.append(model_field.name)
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            values.append(now)
        else:
            values.append(model_field.get_db_prep_save(model_field.get_default(), connection))
    return tuple(names), tuple(values)


def insert_rows(model, fields, rows, into=None):
    """Insert `rows` (tuples of column values, in the order of `fields`, the model's field names or attnames) into
    the model's table, or the table `into` that has its columns, inside the caller's transaction."""
    table = connection.ops.quote_name(into or model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY goes round Django's cursor: its errors are made Django's (IntegrityError …) here.
            with connection.wrap_database_errors, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", rows)
