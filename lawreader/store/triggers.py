"""The database triggers that keep LawVersion true (see models/versions.py).

They are (re)installed after every `migrate`, idempotently, so a migration that rebuilds a table (SQLite's
schema editor copies a table to alter it, dropping its triggers) can never leave a write path uncounted.

Which rows are public, per table: a published note, an edition that is published, a provision of a published
edition, every amending act and effect (the amendments pages and the gap warnings show them), and the law itself. An UPDATE counts when the row was public before or is public after it.
"""

import contextlib

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from lawreader.store.models import AmendingAct, Annotation, Effect, Law, LawVersion, Provision, Revision

PREFIX = "lawreader_public_"
LAW = Law._meta.db_table
REVISION = Revision._meta.db_table
VERSION = LawVersion._meta.db_table


class PublicRows:
    """How to find the laws whose public content a changed row of `table` touches."""

    def __init__(self, table, row_is_public, law_of_row, law_ids_of_rows):
        self.table = table
        self.row_is_public = row_is_public  # SQLite: a condition on one row, `{row}` being NEW or OLD
        self.law_of_row = law_of_row  # SQLite: the law id of that row
        self.law_ids_of_rows = law_ids_of_rows  # PostgreSQL: SELECT law ids FROM the transition table `{rows}`


PUBLIC_ROWS = [
    PublicRows(
        Annotation._meta.db_table,
        "{row}.status = 'published'",
        "{row}.law_id",
        "SELECT law_id FROM {rows} WHERE status = 'published'",
    ),
    PublicRows(REVISION, "{row}.published", "{row}.law_id", "SELECT law_id FROM {rows} WHERE published"),
    PublicRows(
        Provision._meta.db_table,
        f"(SELECT published FROM {REVISION} WHERE id = {{row}}.revision_id)",
        f"(SELECT law_id FROM {REVISION} WHERE id = {{row}}.revision_id)",
        f"SELECT law_id FROM {REVISION} WHERE published AND id IN (SELECT revision_id FROM {{rows}})",
    ),
    *(
        PublicRows(model._meta.db_table, "1", "{row}.law_id", "SELECT law_id FROM {rows}")
        for model in (AmendingAct, Effect)
    ),
]
# The row images each event has: a new row, an old one, or both.
EVENT_IMAGES = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}


def row_triggers():
    """(trigger name, PublicRows, event, images) for every table and event that can change public content."""
    for rows in PUBLIC_ROWS:
        for event, images in EVENT_IMAGES.items():
            yield f"{PREFIX}{rows.table}_{event}", rows, event, images


SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
SQLITE_BUMP = f"UPDATE {VERSION} SET version = version + 1, changed_at = {SQLITE_NOW} WHERE law_id IN"


def sqlite_statements():
    statements = [
        *drop_sqlite(f"{PREFIX}law_insert", f"{PREFIX}law_update"),
        f"CREATE TRIGGER {PREFIX}law_insert AFTER INSERT ON {LAW} BEGIN "
        f"INSERT INTO {VERSION} (law_id, version, changed_at) VALUES (NEW.id, 1, {SQLITE_NOW}); END",
        f"CREATE TRIGGER {PREFIX}law_update AFTER UPDATE ON {LAW} BEGIN {SQLITE_BUMP} (NEW.id); END",
    ]
    for name, rows, event, images in row_triggers():
        statements += drop_sqlite(name)
        statements.append(sqlite_row_trigger(name, rows, event, images))
    return statements


def sqlite_row_trigger(name, rows, event, images):
    when = " OR ".join(rows.row_is_public.format(row=image) for image in images)
    laws = ", ".join(rows.law_of_row.format(row=image) for image in images)
    return f"CREATE TRIGGER {name} AFTER {event.upper()} ON {rows.table} WHEN {when} BEGIN {SQLITE_BUMP} ({laws}); END"


def drop_sqlite(*names):
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


def postgresql_statements():
    bump = f"{PREFIX}bump"
    statements = [
        f"CREATE OR REPLACE FUNCTION {bump}(law_ids bigint[]) RETURNS void LANGUAGE sql AS $$ "
        f"UPDATE {VERSION} SET version = version + 1, changed_at = clock_timestamp() WHERE law_id = ANY(law_ids) $$",
        f"CREATE OR REPLACE FUNCTION {PREFIX}law_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO {VERSION} (law_id, version, changed_at) VALUES (NEW.id, 1, clock_timestamp()); "
        "RETURN NULL; END $$",
        f"CREATE OR REPLACE FUNCTION {PREFIX}law_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"PERFORM {bump}(ARRAY[NEW.id]::bigint[]); RETURN NULL; END $$",
        *postgresql_trigger(f"{PREFIX}law_insert", LAW, "AFTER INSERT", "FOR EACH ROW"),
        *postgresql_trigger(f"{PREFIX}law_update", LAW, "AFTER UPDATE", "FOR EACH ROW"),
    ]
    # Statement-level triggers with transition tables: one bump per statement, however many rows it wrote.
    for name, rows, event, images in row_triggers():
        tables = {image: f"{image.lower()}_rows" for image in images}
        law_ids = " UNION ".join(rows.law_ids_of_rows.format(rows=table) for table in tables.values())
        statements.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"PERFORM {bump}(ARRAY({law_ids})::bigint[]); RETURN NULL; END $$"
        )
        referencing = " ".join(f"{image} TABLE AS {table}" for image, table in tables.items())
        statements += postgresql_trigger(
            name, rows.table, f"AFTER {event.upper()}", f"REFERENCING {referencing} FOR EACH STATEMENT"
        )
    return statements


def postgresql_trigger(name, table, when, scope):
    """Statements that (re)create trigger `name` on `table`, calling the function of the same name."""
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} {when} ON {table} {scope} EXECUTE FUNCTION {name}()",
    ]


STATEMENTS = {"sqlite": sqlite_statements, "postgresql": postgresql_statements}


@contextlib.contextmanager
def inserts_counted_once(model, written, params):
    """A bulk insert into `model`'s table that moves the version once, as PostgreSQL's statement-level triggers
    do, rather than once per row: SQLite's triggers fire row by row, which for an edition's tens of thousands of
    provisions cost more than inserting them. `written` (SQL on the table's columns, with `params`) selects the
    rows the block inserts.

    On SQLite the row trigger is set aside inside the block's transaction: SQLite's schema changes are
    transactional, so no other connection ever sees the table without it, and a failed block restores it.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        yield
        return
    [(name, rows, event, images)] = [
        trigger for trigger in row_triggers() if trigger[1].table == model._meta.db_table and trigger[2] == "insert"
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name}")
        yield
        # The rows the trigger would have counted, as a table PostgreSQL's trigger sees them.
        laws = rows.law_ids_of_rows.format(rows=f"(SELECT * FROM {rows.table} WHERE {written}) AS written")
        # Run with parameters, the statement's own % signs (the timestamp's format) are written doubled.
        cursor.execute(f"{SQLITE_BUMP.replace('%', '%%')} ({laws})", params)
        cursor.execute(sqlite_row_trigger(name, rows, event, images))


def install(using="default"):
    """Install the triggers, and give every law that has no version row one (laws created before them)."""
    connection = connections[using]
    statements = STATEMENTS[connection.vendor]()
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')" if connection.vendor == "sqlite" else "clock_timestamp()"
    statements.append(
        f"INSERT INTO {VERSION} (law_id, version, changed_at) SELECT id, 1, {now} FROM {LAW} "
        f"WHERE id NOT IN (SELECT law_id FROM {VERSION})"
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def installed_names(using="default"):
    """The names of the version triggers the database has: what a test checks after migrations."""
    connection = connections[using]
    query = {
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
        "postgresql": "SELECT DISTINCT tgname FROM pg_trigger WHERE tgname LIKE %s",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(query, [f"{PREFIX}%"])
        return sorted(name for (name,) in cursor.fetchall())


def expected_names():
    return sorted([f"{PREFIX}law_insert", f"{PREFIX}law_update"] + [name for name, *_rest in row_triggers()])
