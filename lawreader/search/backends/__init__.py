"""One search interface, a backend per database (as Wagtail does): chosen by the database in use."""

from django.db import connection


def get_backend():
    if connection.vendor == "postgresql":
        from lawreader.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from lawreader.search.backends.sqlite import SqliteBackend

    return SqliteBackend()
